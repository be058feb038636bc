"""Identity of documents and organisations across a corpus (DOMAIN.md §1).

A Party symbol is unique only per (number, type, issuer, locality for non-central issuers, term):
numbering restarts with each committee's term and every province has its own ``KH/TU`` series.
Each document a text cites gets an id built from those parts, so that mentions of one document in
many texts meet on one node and two documents that share a symbol stay apart:

    25-NQ/TW:XII                      central: symbol and Central Committee term
    94-KH/TU@lang-son:2020-2025       local: symbol, locality and local term
    94-KH/TU@lang-son:?               the term is unknown (no date, no term stated)
    94-KH/TU@?:?                      the locality is unknown too
    state:15/2020/NĐ-CP               a state symbol with its year is unique as written
    named:nghi-quyet-dai-hoi-xiii     a document cited by name only
    text:<sha256[:16]>:<n>            an un-numbered document known only inside one text

Ids with ``?`` are *ambiguous references*: vankien.graph.stores.ambiguity links each to the one document that
fits it, or keeps it as an explicit ambiguous node with its candidates.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from vankien.loaders.vocab import load_data, vocab

UNKNOWN = "?"
# 63 provinces until this day, 34 from it (loaders/data/provinces.toml names the successions)
PROVINCE_MERGER = dt.date(2025, 7, 1)
LOCAL_LEVELS = frozenset({"provincial", "district", "grassroots"})


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated form of a Vietnamese phrase ("Lạng Sơn" -> "lang-son")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def iso_date(value: Any) -> dt.date | None:
    """A complete ISO date, or None (partial dates such as "partial:--05-19" are not used)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@functools.cache
def _local_terms() -> tuple[tuple[str, dt.date], ...]:
    return tuple((t["name"], dt.date.fromisoformat(t["start"])) for t in load_data("terms.toml")["local_term"])


def local_term_on(date: dt.date) -> str | None:
    name = None
    for term, start in _local_terms():
        if date >= start:
            name = term
    return name


def term_of(level: str | None, stated: str | None, date: dt.date | None) -> str | None:
    """The committee term a document belongs to: as stated, else derived from its date."""
    if level in LOCAL_LEVELS:
        return local_term_on(date) if date else None
    if stated:
        return stated
    return vocab().term_on(date) if date else None


@dataclass(frozen=True)
class DocIdentity:
    id: str
    base: str | None          # the symbol without locality and term ("94-KH/TU"), for finding candidates
    locality: str | None      # as used in the id (the canonical place name)
    term: str | None
    ambiguous: bool


def document_identity(doc: dict[str, Any], source_sha: str, index: int) -> DocIdentity:
    """The corpus-wide id of one document of a ``vankien extract`` record."""
    key = doc.get("key")
    date = iso_date(doc.get("date"))
    level = doc.get("level")
    if key and doc.get("system") == "state":
        year_in_key = re.search(r"/(19|20)\d\d/", key)
        if year_in_key:
            return DocIdentity(f"state:{key}", key, None, None, False)
        year = str(date.year) if date else UNKNOWN
        return DocIdentity(f"state:{key}:{year}", key, None, None, year == UNKNOWN)
    if key and doc.get("number"):
        prefix = "" if doc.get("system") == "party" else f"{doc.get('system') or 'other'}:"
        base = prefix + key
        term = term_of(level, doc.get("term"), date)
        term_part = term or UNKNOWN
        if level in LOCAL_LEVELS:
            place = doc.get("scope")
            loc = slug(place) if place else UNKNOWN
            return DocIdentity(f"{base}@{loc}:{term_part}", base, place, term, term is None or place is None)
        return DocIdentity(f"{base}:{term_part}", base, None, term, term is None)
    # un-numbered: cited by name across texts, or known only inside this text
    if any(m.get("form") == "named" for m in doc.get("mentions") or ()) and doc.get("descriptor"):
        name = slug(doc["descriptor"])
        place = doc.get("scope")
        suffix = f"@{slug(place)}" if place else ""
        return DocIdentity(f"named:{name}{suffix}", None, place, doc.get("term"), False)
    return DocIdentity(f"text:{source_sha[:16]}:{index}", None, doc.get("scope"), doc.get("term"), False)


def organization_id(key: str, level: str | None, scope: str | None, source_sha: str) -> tuple[str, str | None]:
    """One node per body: a central body by its name; a local body by its name and province
    (named in it, else the text's locality). A local body of unknown place stays with its text,
    so that "Ban Thường vụ Tỉnh ủy" of two unknown provinces is never merged. Returns (id, province)."""
    province = _province_in_name(key)
    if province or level == "central":
        return f"org:{key}", province
    place = vocab().place_name(scope) if scope else None
    if place:
        return f"org:{key}@{slug(place)}", _province(place)
    return f"org:{key}@text:{source_sha[:16]}", None


@functools.lru_cache(maxsize=65536)
def _province_in_name(key: str) -> str | None:
    """The one province an organisation's key names (keys are lower case; the vocabulary's
    province names are capitalised), or None."""
    named = vocab().provinces_named(" ".join(w[:1].upper() + w[1:] for w in key.split()))
    return next(iter(named)) if len(named) == 1 else None


@functools.cache
def _province_names() -> frozenset[str]:
    return frozenset(p["name"] for p in vocab().provinces)


def _province(place: str) -> str | None:
    return place if place in _province_names() else None


def province_of(place: str | None) -> str | None:
    """The canonical province of a locality, when the locality is a province."""
    return _province(vocab().place_name(place)) if place else None
