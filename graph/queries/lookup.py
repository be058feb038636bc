"""KEY as people type it -> the documents in the store it may mean.

Accepted: an id ("25-NQ/TW:XI", "94-KH/TU@lang-son:2020-2025"), a symbol ("25-NQ/TW", "25 - NQ/TW",
"05-ct/tw"), a code and number ("NQ 25", "NQ25"), a type word and number with or without issuer
("nghị quyết 25/TW", "Nghị quyết số 25", "nghi quyet 25"), and a state symbol ("15/2020/NĐ-CP").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vankien.loaders.vocab import vocab

from vankien.graph.stores.base import GraphStore

_SYMBOL = re.compile(r"^(?P<num>\d+)\s*[-–]\s*(?P<type>[^\W\d_]+)\s*/\s*(?P<iss>[\w.\-]+)$")
_STATE = re.compile(r"^(?P<num>\d+)(?:/(?P<year>\d{4}))?/(?P<type>[^\W\d_]+)-(?P<iss>[\w\-]+)$")
_LOOSE = re.compile(r"^(?P<word>[^\d]*?)\s*(?:số\s*)?(?P<num>\d+)\s*(?:/\s*(?P<iss>[\w.\-]+))?$", re.I)

COLUMNS = ("id", "key", "kind", "date", "issuing_body", "locality", "term", "ambiguous", "sources")
_COLS = ", ".join(f"d.{c} AS {c}" for c in COLUMNS)


@dataclass(frozen=True)
class KeyQuery:
    number: str
    types: tuple[str, ...]          # type codes that fit ("QĐ" for Quy định and Quyết định)
    issuer: str | None
    state_key: str | None = None

    def cypher(self) -> tuple[str, dict]:
        if self.state_key:
            return "d.system = 'state' AND d.key = $key", {"key": self.state_key}
        where = ["d.number = $number"]
        params: dict = {"number": self.number}
        if self.types:
            where.append("d.type IN $types")
            params["types"] = list(self.types)
        if self.issuer:
            where.append("d.issuer_code = $issuer")
            params["issuer"] = self.issuer
        return " AND ".join(where), params


class UnreadableKey(LookupError):
    """KEY could not be read as a document reference."""


class NoDocument(LookupError):
    """No document of the store fits KEY."""


class AmbiguousKey(LookupError):
    """KEY fits several documents of the store; ``candidates`` are their rows (``COLUMNS``)."""

    def __init__(self, key: str, candidates: list[dict]) -> None:
        super().__init__(f"{key!r} matches {len(candidates)} documents: give one of their ids")
        self.key = key
        self.candidates = candidates


def parse_key(text: str) -> KeyQuery:
    v = vocab()
    raw = " ".join(unicodedata.normalize("NFC", text).split())
    m = _STATE.match(raw.replace(" ", ""))
    if m and v.issuer_system(m["iss"]) == "state":
        return KeyQuery(m["num"].lstrip("0") or "0", (), None, state_key=raw.replace(" ", ""))
    m = _SYMBOL.match(raw)
    if m:
        code = v.canonical_type(m["type"])
        if code:
            return KeyQuery(m["num"].lstrip("0") or "0", (code,), v.canonical_issuer(m["iss"]))
    m = _LOOSE.match(raw)
    if m:
        word = m["word"].strip()
        types: tuple[str, ...] = ()
        if word:
            canonical = v.canonical_word(word)
            code = v.canonical_type(word.replace(" ", ""))
            if canonical:
                types = tuple(v.word_codes(canonical))
            elif code:
                types = (code,)
            else:
                raise UnreadableKey(f"{text!r}: {word!r} is not a document type or type code")
        issuer = v.canonical_issuer(m["iss"]) if m["iss"] else None
        return KeyQuery(m["num"].lstrip("0") or "0", types, issuer)
    raise UnreadableKey(f"{text!r} is not a document symbol (try 25-NQ/TW, \"NQ 25\" or \"nghị quyết 25/TW\")")


def find_documents(store: GraphStore, key: str) -> list[dict]:
    """Every document KEY may mean; an exact id wins. Placed documents come before ambiguous references."""
    exact = store.query(f"MATCH (d:Document {{id: $id}}) RETURN {_COLS}", {"id": key.strip()}).records()
    if exact:
        return exact
    q = parse_key(key)
    where, params = q.cypher()
    # The embedded store has no index but the key's: the filter scans the Document table. It reads only the
    # filtered columns and the id there (its cost grows with the columns read for every document); the
    # few documents found are then read by their key.
    ids = [row[0] for row in store.query(f"MATCH (d:Document) WHERE {where} RETURN d.id", params).rows]
    rows = store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}}) RETURN {_COLS}", {"ids": ids}).records() \
        if ids else []
    rows.sort(key=lambda r: (bool(r["ambiguous"]), r["date"] is None, str(r["date"]), r["id"]))
    placed = [r for r in rows if not r["ambiguous"]]
    return placed or rows


def describe(row: dict) -> str:
    """One line naming a document for lists and trees."""
    parts = [row.get("key") or row.get("id")]
    if row.get("kind"):
        parts.insert(0, row["kind"])
    extra = [str(row[c]) for c in ("date", "issuing_body") if row.get(c)]
    if row.get("locality") and not any(row["locality"] in e for e in extra):
        extra.append(row["locality"])
    if row.get("ambiguous"):
        extra.append("ambiguous reference")
    return " ".join(parts) + (f" ({', '.join(extra)})" if extra else "")


def resolve(store: GraphStore, key: str) -> str:
    """The id of the one document KEY names (any form ``parse_key`` reads, or an id).

    Raises UnreadableKey, NoDocument, or AmbiguousKey with the candidates to choose from."""
    rows = find_documents(store, key)
    if not rows:
        raise NoDocument(f"no document matches {key!r} in the store")
    if len(rows) > 1:
        raise AmbiguousKey(key, rows)
    return rows[0]["id"]
