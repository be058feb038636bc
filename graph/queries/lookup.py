"""KEY as people type it -> the documents in the store it may mean.

Accepted: an id ("25-NQ/TW:XI", "94-KH/TU@lang-son:2020-2025", "named:dieu-le-dang"); a symbol in any
written form — with or without its type word and "số", any case, ASCII letters, the state-style slash,
damaged diacritics ("25-NQ/TW", "Nghị quyết số 25-NQ/TW", "37-QD/TW", "25/NQ-TW", "Nghi quyet 25-NQ/TW");
a code and number ("NQ 25", "NQ25"); a type word and number with or without issuer ("nghị quyết 25/TW",
"Nghị quyết số 25", "nghi quyet 25"); a state symbol ("15/2020/NĐ-CP"); and the name of a document cited
by name ("Điều lệ Đảng", "dieu le dang", "Nghị quyết Đại hội XIII"), matched loosely.

Symbols are read by the extractor's own reference parser (vankien.loaders: the same type words, codes and
issuers as texts), after two fast forms that need no extraction. A miss says which documents come
nearest ("did you mean …").
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from vankien.loaders.fold import fold
from vankien.loaders.vocab import vocab

from vankien.graph.stores.base import GraphStore

_SYMBOL = re.compile(r"^(?P<num>\d+)\s*[-–]\s*(?P<type>[^\W\d_]+)\s*/\s*(?P<iss>[\w.\-]+)$")
_STATE = re.compile(r"^(?P<num>\d+)(?:/(?P<year>\d{4}))?/(?P<type>[^\W\d_]+)-(?P<iss>[\w\-]+)$")
_LOOSE = re.compile(r"^(?P<word>[^\d]*?)\s*(?:số\s*)?(?P<num>\d+)\s*(?:/\s*(?P<iss>[\w.\-]+))?$", re.I)

COLUMNS = ("id", "key", "kind", "date", "issuing_body", "locality", "term", "ambiguous", "sources", "descriptor")
_COLS = ", ".join(f"d.{c} AS {c}" for c in COLUMNS)

NAME_MATCH = 0.88       # similarity (0..1, of the folded names) from which a typed name names a document
SUGGEST = 0.5           # … from which a document is offered as "did you mean"
SUGGESTIONS = 5


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

    def shown(self) -> str:
        """The symbol as the store writes keys (for ranking the nearest ones)."""
        if self.state_key:
            return self.state_key
        return f"{self.number}-{self.types[0] if self.types else ''}" + (f"/{self.issuer}" if self.issuer else "")


class UnreadableKey(LookupError):
    """KEY could not be read as a document reference."""


class NoDocument(LookupError):
    """No document of the store fits KEY; ``suggestions`` are the rows (``COLUMNS``) of the nearest ones."""

    def __init__(self, message: str, suggestions: list[dict] | None = None) -> None:
        self.suggestions = suggestions or []
        self.reason = message
        if self.suggestions:
            message += "; did you mean " + ", ".join(_named(r) for r in self.suggestions) + "?"
        super().__init__(message)


class AmbiguousKey(LookupError):
    """KEY fits several documents of the store; ``candidates`` are their rows (``COLUMNS``)."""

    def __init__(self, key: str, candidates: list[dict]) -> None:
        super().__init__(f"{key!r} matches {len(candidates)} documents: give one of their ids")
        self.key = key
        self.candidates = candidates


def parse_key(text: str) -> KeyQuery:
    """The symbol KEY is written as (see the module's docstring); raises UnreadableKey."""
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
    cited = _cited(raw)
    if cited is not None:
        return cited
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


def _extracted(raw: str) -> list[dict]:
    """The documents the extractor finds in RAW, as it finds them in texts."""
    if not raw or len(raw) > 300:
        return []
    from vankien.loaders.extract import extract_text

    try:
        return extract_text(raw)["documents"]
    except Exception:  # noqa: BLE001 - a key the extractor cannot take is read by the other forms
        return []


def _cited(raw: str) -> KeyQuery | None:
    """RAW read as texts cite documents: the first document it cites with a full symbol."""
    v = vocab()
    for d in _extracted(raw):
        key = d.get("key") or ""
        if not d.get("number") or "/" not in key:
            continue
        if d.get("system") == "state":
            return KeyQuery(d["number"].lstrip("0") or "0", (), None, state_key=key)
        return KeyQuery(d["number"].lstrip("0") or "0", (d["type"],) if d.get("type") else (),
                        v.canonical_issuer(d["issuer_code"]) if d.get("issuer_code") else None)
    return None


def find_documents(store: GraphStore, key: str) -> list[dict]:
    """Every document KEY may mean; an exact id wins, then a symbol, then a document's name. Placed
    documents come before ambiguous references."""
    exact = store.query(f"MATCH (d:Document {{id: $id}}) RETURN {_COLS}", {"id": key.strip()}).records()
    if exact:
        return exact
    try:
        q = parse_key(key)
    except UnreadableKey:
        return [row for row, score in _by_name(store, key) if score >= NAME_MATCH]
    where, params = q.cypher()
    # The embedded store has no index but the key's: the filter scans the Document table. It reads only the
    # filtered columns and the id there (its cost grows with the columns read for every document); the
    # few documents found are then read by their key.
    ids = [row[0] for row in store.query(f"MATCH (d:Document) WHERE {where} RETURN d.id", params).rows]
    return _placed_first(_rows(store, ids))


def _rows(store: GraphStore, ids: list[str]) -> list[dict]:
    return store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}}) RETURN {_COLS}", {"ids": ids}).records() \
        if ids else []


def _placed_first(rows: list[dict]) -> list[dict]:
    rows.sort(key=lambda r: (bool(r["ambiguous"]), r["date"] is None, str(r["date"]), r["id"]))
    placed = [r for r in rows if not r["ambiguous"]]
    return placed or rows


def _folded_name(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(unicodedata.normalize("NFC", text))).split())


def _by_name(store: GraphStore, typed: str) -> list[tuple[dict, float]]:
    """Documents known by a name (descriptor) with how near TYPED is to it (1.0: the same name, whatever
    the case, diacritics and punctuation), nearest first. The extractor's own name for TYPED counts too
    ("Nghị quyết Đại hội XIII" is the congress resolution's full name)."""
    wanted = {_folded_name(typed)}
    wanted |= {_folded_name(d["descriptor"]) for d in _extracted(" ".join(typed.split())) if d.get("descriptor")}
    wanted.discard("")
    if not wanted:
        return []
    named = store.query("MATCH (d:Document) WHERE d.descriptor IS NOT NULL RETURN d.id, d.descriptor").rows
    scored: dict[str, float] = {}
    for doc_id, name in named:
        have = _folded_name(name)
        slug = _folded_name(doc_id.removeprefix("named:")) if doc_id.startswith("named:") else have
        scored[doc_id] = max(_similarity(w, h, SUGGEST) for w in wanted for h in {have, slug})
    best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    if best and best[0][1] == 1.0:
        best = [kv for kv in best if kv[1] == 1.0]
    best = [kv for kv in best if kv[1] >= SUGGEST][:SUGGESTIONS]
    scores = dict(best)
    return [(row, scores[row["id"]]) for row in _rows_in_order(store, list(scores))]


def _similarity(a: str, b: str, floor: float = 0.0) -> float:
    """difflib's ratio of A and B; 0.0 when it is surely under FLOOR (its cheap upper bounds are, which
    saves most of the work when a typed name is compared with every named document)."""
    if a == b:
        return 1.0
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if floor and (m.real_quick_ratio() < floor or m.quick_ratio() < floor):
        return 0.0
    return m.ratio()


def nearest(store: GraphStore, key: str) -> list[dict]:
    """The documents nearest to KEY, which names none: of the same number (or type and issuer) for a
    symbol, by name otherwise; at most SUGGESTIONS, nearest first."""
    try:
        q = parse_key(key)
    except UnreadableKey:
        return [row for row, _ in _by_name(store, key)]
    if q.state_key:
        where, params = "d.system = 'state' AND d.number = $number", {"number": q.number}
    else:
        where, params = "d.number = $number", {"number": q.number}
        if q.types and q.issuer:
            where += " OR (d.type IN $types AND d.issuer_code = $issuer)"
            params |= {"types": list(q.types), "issuer": q.issuer}
    found = store.query(f"MATCH (d:Document) WHERE d.key IS NOT NULL AND ({where}) RETURN d.id, d.key",
                        params).rows
    typed = fold(q.shown())
    ranked = sorted(found, key=lambda r: (-_similarity(typed, fold(r[1])), r[1], r[0]))[:SUGGESTIONS]
    return _rows_in_order(store, [i for i, _ in ranked])


def _rows_in_order(store: GraphStore, ids: list[str]) -> list[dict]:
    rows = {r["id"]: r for r in _rows(store, ids)}
    return [rows[i] for i in ids if i in rows]


def _named(row: dict) -> str:
    return f"{row.get('key') or row.get('descriptor') or row['id']} ({row['id']})" \
        if (row.get("key") or row.get("descriptor")) and row["id"] != row.get("key") else row["id"]


def describe(row: dict) -> str:
    """One line naming a document for lists and trees."""
    kind, name = row.get("kind"), row.get("key") or row.get("descriptor") or row.get("id")
    parts = [name]
    if kind and not (not row.get("key") and name and fold(name).startswith(fold(kind))):
        parts.insert(0, kind)
    extra = [str(row[c]) for c in ("date", "issuing_body") if row.get(c)]
    if row.get("locality") and not any(row["locality"] in e for e in extra):
        extra.append(row["locality"])
    if row.get("ambiguous"):
        extra.append("ambiguous reference")
    return " ".join(parts) + (f" ({', '.join(extra)})" if extra else "")


def resolve(store: GraphStore, key: str) -> str:
    """The id of the one document KEY names (any form ``parse_key`` reads, a document's name, or an id).

    Raises NoDocument (with the nearest documents as ``suggestions``), or AmbiguousKey with the
    candidates to choose from. (UnreadableKey is no longer raised: what is not a symbol is looked up as
    a name.)"""
    if not key.strip():
        raise UnreadableKey("the document key is empty (try 25-NQ/TW, \"NQ 25\" or \"Điều lệ Đảng\")")
    rows = find_documents(store, key)
    if not rows:
        try:
            parse_key(key)
            what = f"no document matches {key!r} in the store"
        except UnreadableKey:
            what = (f"no document matches {key!r} in the store: it is neither a document symbol (25-NQ/TW, "
                    "\"NQ 25\", \"nghị quyết 25/TW\") nor the name of a document in the store")
        raise NoDocument(what, nearest(store, key))
    if len(rows) > 1:
        raise AmbiguousKey(key, rows)
    return rows[0]["id"]
