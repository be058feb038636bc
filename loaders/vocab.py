"""The project's vocabularies, loaded from ``loaders/data/*.toml``.

Types, issuer codes, issuing bodies, terms and provinces are data, not literals in code:
edit the TOML files to extend them. So are the words the patterns are built from (the words
around a citation, documents cited by name, site chrome ...): the modules that compile them read
them with ``load_data``.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from vankien.loaders.fold import fold, literal_trie, strip_marks

DATA = Path(__file__).with_name("data")


@functools.cache
def load_data(name: str) -> dict:
    """One TOML file of ``loaders/data``, read once (treat the result as read-only)."""
    with open(DATA / name, "rb") as f:
        return tomllib.load(f)


# Set while a text written without diacritics is read (``patterns.unmarked``): the vocabularies that
# are matched with their diacritics exact (organisations, assignment cues) are then matched without.
UNMARKED: contextvars.ContextVar[bool] = contextvars.ContextVar("vankien_unmarked", default=False)


@functools.cache
def load_unmarked(name: str) -> dict:
    """``load_data(name)`` with every word, key and value, written without diacritics."""
    return _unmark(load_data(name))


def _unmark(value):
    if isinstance(value, str):
        return strip_marks(value)
    if isinstance(value, list):
        return [_unmark(v) for v in value]
    if isinstance(value, dict):
        return {strip_marks(k): _unmark(v) for k, v in value.items()}
    return value


def data_as_read(name: str) -> dict:
    """``load_data(name)``, or its words without diacritics while an unmarked text is read."""
    return load_unmarked(name) if UNMARKED.get() else load_data(name)


def code_fold(code: str) -> str:
    """Compare type and issuer codes ignoring case: "qđi" -> "qđi", "QĐi" -> "qđi"."""
    return code.replace("Ð", "Đ").casefold()


@dataclass(frozen=True)
class Body:
    canonical: str
    names: tuple[str, ...]
    code: str          # issuer code of its symbols, "" when unknown
    system: str        # "party" | "state"


@dataclass(frozen=True, eq=False)
class Vocab:
    type_words: dict[str, dict]          # word -> entry
    type_codes: dict[str, str]           # folded code -> canonical code
    party_issuers: dict[str, dict]       # canonical code -> entry
    issuer_variants: dict[str, str]      # folded variant -> canonical code
    other_issuers: frozenset[str]        # folded
    state_issuers: frozenset[str]        # folded
    bodies: tuple[Body, ...]
    terms: tuple[tuple[str, dt.date], ...]
    provinces: tuple[dict, ...]
    generic_words: tuple[str, ...]       # words that cite a document without naming its type
    generic_issued_kind: str             # the kind of a document issued and named by one of them
    named_words: tuple[str, ...]         # document types cited by name only ("Điều lệ")

    # --- types -------------------------------------------------------------
    def canonical_type(self, raw: str) -> str | None:
        return self.type_codes.get(code_fold(raw))

    def word_codes(self, word: str) -> list[str]:
        """The type codes a type word can carry (Quy định -> QĐ, QĐi); [] for an unknown word."""
        return self.type_words.get(word, {}).get("codes", [])

    @functools.cache
    def words_for_code(self) -> dict[str, tuple[str, ...]]:
        """Type code -> the type words it can stand for (QĐ -> Quy định, Quyết định)."""
        out: dict[str, list[str]] = {}
        for word, entry in self.type_words.items():
            for c in entry.get("codes", ()):
                out.setdefault(c, []).append(word)
        return {c: tuple(ws) for c, ws in out.items()}

    def kind_for_issuer(self, issuer: str | None, system: str) -> str | None:
        """The type word of a symbol without a type code, from its issuer's prefix
        (39/2024/QH15 -> Luật); None when no type claims it."""
        if not issuer:
            return None
        for word, entry in self.type_words.items():
            prefixes = tuple(entry.get("issuer_prefixes", ()))
            if prefixes and entry.get("system", system) == system and issuer.startswith(prefixes):
                return word
        return None

    def gives_tasks(self, kind: str | None) -> bool:
        """Documents of ``kind`` give tasks (types.toml ``tasks``: plans, programmes, guidance)."""
        return bool(self.type_words.get(kind or "", {}).get("tasks"))

    def is_generic(self, word: str) -> bool:
        """A matched word (any case, diacritics, spacing) is a generic word ("văn bản")."""
        return tuple(fold(word).split()) in self._folded_generic()

    @functools.cache
    def _folded_generic(self) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(fold(w).split()) for w in self.generic_words)

    @functools.lru_cache(maxsize=4096)
    def kind_for(self, type_code: str, system: str) -> str | None:
        """The type word a bare symbol stands for (e.g. HD -> Hướng dẫn); the same few are asked
        again and again (a scan of every type word each time)."""
        keys = ["default_for", f"{system}_default_for"]
        for word, entry in self.type_words.items():
            if any(type_code in entry.get(k, ()) for k in keys):
                return word
        return None

    @functools.lru_cache(maxsize=4096)
    def canonical_word(self, matched: str) -> str | None:
        """Map a matched type word (any case/diacritics) to its vocabulary spelling."""
        f = " ".join(fold(matched).split())
        return self._folded_words().get(f)

    @functools.cache
    def _folded_words(self) -> dict[str, str]:
        return {fold(w): w for w in self.type_words}

    # --- issuers -----------------------------------------------------------
    def canonical_issuer(self, raw: str) -> str:
        f = code_fold(raw.replace(" ", ""))
        return self.issuer_variants.get(f, raw.upper().replace(" ", ""))

    def issuer_system(self, issuer: str) -> str | None:
        """"party", "state", "other" for a known issuer code, else None."""
        parts = [code_fold(p) for p in issuer.split("-")]
        if all(p in self.issuer_variants for p in parts):
            return "party"
        if any(p in self.other_issuers for p in parts):
            return "other"
        if any(p in self.state_issuers or p.rstrip("0123456789") in self.state_issuers for p in parts):
            return "state"
        return None

    def own_body(self, issuer: str) -> str | None:
        """The one body an issuer code names (BTGTW -> Ban Tuyên giáo Trung ương); None when the
        code is unknown or shared by several bodies (TW: Central Committee, Politburo, Secretariat)."""
        bodies = self.party_issuers.get(issuer, {}).get("bodies", [])
        return bodies[0] if len(bodies) == 1 else None

    def misspellings(self, code: str) -> tuple[str, ...]:
        """Spellings of another code that stand for ``code`` when its body signs ("TƯ" for TU); in
        a text typed without diacritics, also its variants as typed so ("TƯ" -> "TU" for TW, when
        the Politburo signs)."""
        entry = self.party_issuers.get(code, {})
        out = tuple(entry.get("misspelt_as", ()))
        if UNMARKED.get():
            out += tuple(u for u in (strip_marks(v) for v in entry.get("variants", ())) if u != code)
        return out

    def issuer_level(self, issuer: str) -> str | None:
        entry = self.party_issuers.get(issuer.split("-")[0])
        return entry["level"] if entry else None

    # --- bodies ------------------------------------------------------------
    @functools.lru_cache(maxsize=4096)
    def body_named(self, name: str) -> Body | None:
        """The body a matched name refers to (spacing, case and diacritics ignored)."""
        return self._bodies_by_name().get("".join(fold(name).split()))

    @functools.cache
    def _bodies_by_name(self) -> dict[str, Body]:
        return {"".join(fold(n).split()): b for b in self.bodies for n in b.names}

    # --- provinces -----------------------------------------------------------
    @functools.cache
    def _province_names(self, unmarked: bool = False) -> dict[str, str]:
        names = {n: p["name"] for p in self.provinces for n in [p["name"], *p.get("aliases", [])]}
        return {strip_marks(n): canon for n, canon in names.items()} if unmarked else names

    def place_name(self, written: str) -> str:
        """A locality as written ("LẠNG SƠN", "Lạng  Sơn") in its usual spelling: the
        province's name when it is one, else title case for all-capitals text."""
        words = " ".join(written.split())
        canon = self._provinces_folded().get(fold(words))
        if canon:
            return canon
        return words.title() if words.isupper() else words

    @functools.cache
    def _provinces_folded(self) -> dict[str, str]:
        return {fold(n): c for n, c in self._province_names().items()}

    def provinces_named(self, text: str) -> set[str]:
        """Canonical names of the provinces a text names (exact spelling, NFC, or without diacritics in
        a text typed without them; as substrings, like ``name in text``). One scan with an alternation of the names, longest first: it starts only
        where a name's first letter is (faster than ~80 substring tests); a name inside another is
        always an alias of the same province (``tests/test_vocab``), so nothing is missed."""
        return {canon for _, canon in self.province_mentions(text)}

    def province_mentions(self, text: str) -> list[tuple[str, str]]:
        """(spelling as written, canonical name) of every province name in the text, in order: as
        written, diacritics counting, or without diacritics in a text typed without them."""
        unmarked = UNMARKED.get()
        names = self._province_names(unmarked)
        return [(m, names[m]) for m in self._province_re(unmarked).findall(text)]

    @functools.cache
    def _province_re(self, unmarked: bool = False) -> re.Pattern:
        # (the names longest first, written as a trie: ``fold.literal_trie``, the same matches)
        return re.compile(literal_trie(list(self._province_names(unmarked))))

    # --- terms -------------------------------------------------------------
    def term_on(self, date: dt.date) -> str | None:
        name = None
        for term, start in self.terms:
            if date >= start:
                name = term
        return name


@functools.cache
def vocab() -> Vocab:
    types = load_data("types.toml")
    type_words = {t["word"]: t for t in types["type"]}
    type_codes: dict[str, str] = {}
    for t in types["type"]:
        for c in t["codes"]:
            type_codes[code_fold(c)] = c
    iss = load_data("issuers.toml")
    party = iss["party"]
    variants: dict[str, str] = {}
    for code, entry in party.items():
        variants[code_fold(code)] = code
        for v in entry.get("variants", ()):
            variants[code_fold(v)] = code
    bodies = tuple(
        Body(b["canonical"], tuple(b["names"]), b.get("code", ""), b.get("system", "party"))
        for b in load_data("bodies.toml")["body"]
    )
    terms = tuple((t["name"], dt.date.fromisoformat(t["start"])) for t in load_data("terms.toml")["term"])
    return Vocab(
        type_words=type_words,
        type_codes=type_codes,
        party_issuers=party,
        issuer_variants=variants,
        other_issuers=frozenset(code_fold(c) for c in iss["other"]["codes"]),
        state_issuers=frozenset(code_fold(c) for c in iss["state"]["codes"]),
        bodies=bodies,
        terms=terms,
        # English names are matched like aliases
        provinces=tuple({**p, "aliases": [*p.get("aliases", []), *p.get("english", [])]}
                        for p in load_data("provinces.toml")["province"]),
        generic_words=tuple(types["generic"]["words"]),
        generic_issued_kind=types["generic"]["issued_kind"],
        named_words=tuple(types["named"]["words"]),
    )


# --- relation types ----------------------------------------------------------
RELATIONS_FILE = "relations.toml"


@dataclass(frozen=True)
class RelationType:
    """One type of relation between documents (``loaders/data/relations.toml``)."""
    name: str          # IMPLEMENTS, SUPERSEDES, …
    lineage: bool      # followed by `vankien lineage`
    meaning: str       # what "source -TYPE-> target" states


@functools.cache
def relation_types() -> tuple[RelationType, ...]:
    """The document relation types, in the order of ``relations.toml``: the one list the cue table,
    the graph's schema, the ontology, the views and the README are checked against."""
    rows = load_data(RELATIONS_FILE).get("relation", [])
    out: list[RelationType] = []
    for i, row in enumerate(rows):
        missing = {"type", "lineage", "meaning"} - set(row)
        if missing:
            raise ValueError(f"{RELATIONS_FILE}: relation {i + 1} has no {', '.join(sorted(missing))}")
        if not re.fullmatch(r"[A-Z][A-Z_]*", row["type"]):
            raise ValueError(f"{RELATIONS_FILE}: relation type {row['type']!r} is not UPPER_SNAKE_CASE")
        if not isinstance(row["lineage"], bool):
            raise ValueError(f"{RELATIONS_FILE}: relation type {row['type']!r}: lineage is true or false")
        out.append(RelationType(row["type"], bool(row["lineage"]), row["meaning"]))
    names = [r.name for r in out]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"{RELATIONS_FILE}: relation type(s) listed twice: {', '.join(twice)}")
    return tuple(out)


def check_relation_type(name: str, where: str) -> str:
    """``name`` when it is a relation type of ``relations.toml``, else a ValueError naming ``where``
    (the file and entry that uses it), so that data never names a type the graph would drop."""
    known = [r.name for r in relation_types()]
    if name not in known:
        raise ValueError(f"{where}: relation type {name!r} is not in loaders/data/{RELATIONS_FILE} "
                         f"(known: {', '.join(known)}); add it there first")
    return name
