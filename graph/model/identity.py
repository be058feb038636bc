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
from collections.abc import Iterable, Sequence
from typing import Any

from vankien.loaders.districts import province_of_district
from vankien.loaders.fold import fold

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


@dataclass(frozen=True)
class OrgIdentity:
    id: str
    key: str                  # the body's name without its place, in one spelling ("văn phòng tỉnh ủy")
    kind: str                 # "body": one organisation; "class": every body of a kind ("các cấp ủy")
    locality: str | None      # the place in the id: a province, district or commune
    province: str | None      # the province the body (or class) belongs to, when known


# A place an organisation may belong to: a locality as written and the level of the document it is
# the scope of (None for a text's own locality, whose level is not known)
Place = tuple["str | None", "str | None"]


def organization_identity(name: str, key: str, level: str | None, places: Sequence[Place],
                          source_sha: str) -> OrgIdentity:
    """One node per body (data: loaders/data/org_identity.toml). Its name is compared folded
    (diacritics, case, spaces), abbreviations expanded ("BCH TW"), long forms rewritten ("... Trung
    ương Đảng"), other names of one body aliased ("Trung ương" -> Ban Chấp hành Trung ương). A central
    body is its name; a local body is its name and place: the province or district it names ("Ban
    Thường vụ Tỉnh ủy Cao Bằng", taken out of the key), else the first of ``places`` at the body's
    level (a provincial body named in a district's document is of that district's province; a
    district body named in a provincial document has no place). A local body of unknown place stays
    with its text, so "Ban Thường vụ Tỉnh ủy" of two unknown provinces is never merged. Generic
    addressees ("các cấp ủy", "các sở, ban, ngành") are classes, ``class:`` ids, never a body's."""
    words = _normal_words(key)
    is_class = _is_class(name, words)
    if not is_class and level == "central":
        return _org_identity("org", words, None, None)
    words, named = _place_in_name(words, level)
    if named is not None:
        return _org_identity("class" if is_class else "org", words, *named)
    for written, doc_level in places:
        if is_class and doc_level == "central":
            break                       # a central document's addressees are nationwide
        place = _place_at(written, doc_level, None if is_class else level)
        if place is not None:
            return _org_identity("class" if is_class else "org", _without(words, place[0]), *place)
    if is_class:
        return _org_identity("class", words, None, None)
    ident = _org_identity("org", words, None, None)
    return OrgIdentity(f"{ident.id}@text:{source_sha[:16]}", ident.key, "body", None, None)


def one_province(places: Iterable[Place]) -> str | None:
    """The one province that all these places (the scopes of a text's local documents) lie in, or
    None: the province of a text that does not name its own locality, for the provincial bodies it
    names (a news page on a plan of Lạng Sơn and a programme of Cao Lộc district is of Lạng Sơn)."""
    found = set()
    for written, doc_level in places:
        if written and doc_level in LOCAL_LEVELS:
            place = _place_at(written, doc_level, None)
            if place is None or place[1] is None:
                return None             # a place whose province is not known: no guess
            found.add(place[1])
    return next(iter(found)) if len(found) == 1 else None


def organization_id(key: str, level: str | None, scope: str | None, source_sha: str) -> tuple[str, str | None]:
    """(id, province) of an organisation named ``key`` in a text whose locality is ``scope``
    (``organization_identity`` with that one place)."""
    ident = organization_identity(key, key, level, [(scope, None)], source_sha)
    return ident.id, ident.province


def organization_key(text: str) -> str:
    """A body's name as organisation keys compare it: normalised, folded ("BCH TW Đảng" ->
    "ban chap hanh trung uong"); for finding organisations by name."""
    return " ".join(f for _, f in _normal_words(" ".join(text.split()).casefold()))


def _org_identity(prefix: str, words: list[tuple[str, str]], locality: str | None,
                  province: str | None) -> OrgIdentity:
    alias = _org_data()["alias"].get(tuple(f for _, f in words))     # a name without its place may be one
    if alias:
        words = [(x, fold(x)) for x in alias]
    folded = " ".join(f for _, f in words)
    key = " ".join(w for w, _ in words)
    suffix = f"@{slug(locality)}" if locality else ""
    return OrgIdentity(f"{prefix}:{slug(folded) or '-'}{suffix}", key, "class" if prefix == "class" else "body",
                       locality, province)


@functools.cache
def _org_data() -> dict[str, Any]:
    d = load_data("org_identity.toml")

    def fw(text: str) -> tuple[str, ...]:
        return tuple(fold(text).split())
    return {
        "abbreviations": {fold(a): tuple(b.split()) for a, b in d["abbreviations"].items()},
        "rewrite": sorted(((fw(a), tuple(b.split())) for a, b in d["rewrite"].items()), key=lambda r: -len(r[0])),
        "alias": {fw(n): tuple(a["canonical"].split()) for a in d["alias"] for n in [a["canonical"], *a["names"]]},
        "district_words": sorted({fw(w) for w in d["district_words"]}, key=len, reverse=True),
        "class_names": frozenset(fw(n) for n in d["classes"]["names"]),
        "class_words": tuple(fw(w) for w in d["classes"]["words"]),
        "quantifiers": frozenset(fold(q) for q in load_data("organizations.toml")["quantifiers"]),
        "provinces": sorted(((fw(n), p["name"]) for p in vocab().provinces for n in [p["name"], *p.get("aliases", [])]),
                            key=lambda r: -len(r[0])),
    }


@functools.lru_cache(maxsize=65536)
def _normal_words_cached(key: str) -> tuple[tuple[str, str], ...]:
    data = _org_data()
    words: list[tuple[str, str]] = []
    for w in unicodedata.normalize("NFC", key).replace("uỷ", "ủy").replace("Uỷ", "Ủy").split():
        expanded = data["abbreviations"].get(fold(w))
        if expanded:
            words.extend((x, fold(x)) for x in expanded)
        else:
            words.append((w, fold(w)))
    while len(words) > 1 and words[0][1] in data["quantifiers"]:       # "các cấp ủy" is a name of "cấp ủy"
        words.pop(0)
    for old, new in data["rewrite"]:
        i = _find(words, old)
        while i is not None:
            words[i:i + len(old)] = [(x, fold(x)) for x in new]
            i = _find(words, old, i + len(new))
    alias = data["alias"].get(tuple(f for _, f in words))
    if alias:
        words = [(x, fold(x)) for x in alias]
    return tuple(words)


def _normal_words(key: str) -> list[tuple[str, str]]:
    """(word, folded word) of a key after abbreviations, rewrites and aliases."""
    return list(_normal_words_cached(key))


def _find(words: list[tuple[str, str]], seq: tuple[str, ...], start: int = 0) -> int | None:
    n = len(seq)
    for i in range(start, len(words) - n + 1):
        if all(words[i + j][1] == seq[j] for j in range(n)):
            return i
    return None


def _is_class(name: str, words: list[tuple[str, str]]) -> bool:
    data = _org_data()
    first = fold(name).split()[:1]
    folded = tuple(f for _, f in words)
    return (bool(first) and first[0] in data["quantifiers"] or "," in " ".join(folded)
            or folded in data["class_names"] or any(_find(words, w) is not None for w in data["class_words"]))


def _place_in_name(words: list[tuple[str, str]], level: str | None
                   ) -> tuple[list[tuple[str, str]], tuple[str, str | None] | None]:
    """A body's name without the district or province it names, and (locality, province)."""
    data = _org_data()
    for unit in data["district_words"]:
        i = _find(words, unit)
        while i is not None:
            at = i + len(unit)
            for n in (4, 3, 2, 1):
                if at + n <= len(words) and not _find_province(words[at:at + n]):
                    district = " ".join(w for w, _ in words[at:at + n]).title()
                    up = province_of_district(district)
                    province = _province(vocab().place_name(up)) if up else None
                    if province:
                        return words[:at] + words[at + n:], (district, province)
            i = _find(words, unit, i + 1)
    found = _find_province(words)
    if found and level not in ("district", "grassroots"):
        i, n, province = found
        return words[:i] + words[i + n:], (province, province)
    return words, None


def _find_province(words: list[tuple[str, str]]) -> tuple[int, int, str] | None:
    """(start, length, province) of the one province a key names, or None: for each province, the
    first of its names (in ``_org_data()["provinces"]`` order) that the key holds, where it first
    occurs. The names are looked up by their first word (``_province_index``), one pass over the key."""
    index = _province_index()
    found: dict[int, int] = {}          # name's rank -> where it first occurs
    n = len(words)
    for i in range(n):
        for rank, seq in index.get(words[i][1], ()):
            if rank not in found and i + len(seq) <= n and all(words[i + j][1] == seq[j] for j in range(1, len(seq))):
                found[rank] = i
    if not found:
        return None
    names = _org_data()["provinces"]
    hits: dict[str, tuple[int, int, str]] = {}
    for rank in sorted(found):
        seq, province = names[rank]
        hits.setdefault(province, (found[rank], len(seq), province))
    return next(iter(hits.values())) if len(hits) == 1 else None


@functools.cache
def _province_index() -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """First folded word -> (rank in ``_org_data()["provinces"]``, name's words) of the names it opens."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for rank, (seq, _) in enumerate(_org_data()["provinces"]):
        if seq:
            index.setdefault(seq[0], []).append((rank, seq))
    return {k: tuple(v) for k, v in index.items()}


def _place_at(written: str | None, doc_level: str | None, level: str | None) -> tuple[str, str | None] | None:
    """(locality, province) of a body of ``level`` named where ``written`` is the place, or None when
    that place is not at the body's level (and cannot be raised to it)."""
    if not written:
        return None
    place = vocab().place_name(written)
    province = _province(place)
    if province:
        where: str | None = "provincial"
    elif doc_level in LOCAL_LEVELS:
        where = doc_level
    else:
        where = "district" if province_of_district(place) else None
    up = province_of_district(place) if where == "district" else None
    up = _province(vocab().place_name(up)) if up else None
    if level is None or level == where:
        return place, province or up
    if level == "provincial" and up:
        return up, up
    return None


def _without(words: list[tuple[str, str]], place: str) -> list[tuple[str, str]]:
    """A key without the place it names (the place is in the id)."""
    seq = tuple(fold(place).split())
    i = _find(words, seq)
    return words[:i] + words[i + len(seq):] if i is not None and len(words) > len(seq) else words


@functools.cache
def _province_names() -> frozenset[str]:
    return frozenset(p["name"] for p in vocab().provinces)


def _province(place: str) -> str | None:
    return place if place in _province_names() else None


def province_of(place: str | None) -> str | None:
    """The canonical province of a locality, when the locality is a province."""
    return _province(vocab().place_name(place)) if place else None
