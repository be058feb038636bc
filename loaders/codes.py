"""Document symbols ("số và ký hiệu"): Party, state and mass-organisation forms.

Party form  ``25-NQ/TW``  = number, type code, issuer code(s) joined by "-".
State form  ``15/2020/NĐ-CP``, ``117/NQ-CP``, ``39/2024/QH15``.
Real variants handled: spaces and dashes inside (``100 - KL/TW``, ``21 – NQ/TW``), no hyphen
(``37QĐ/TW``), lower case (``05-ct/tw``), a line break inside (``16 -\\nHD/BTCTW``), ``TƯ`` /
``T.Ư`` for ``TW``, zero padding, a Party symbol written in state style (``08/NQ -TW``,
``08/CT-HU``), an issuer glued to the next word (``QĐ/TWcủa``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vankien.loaders.fold import alternation, fold, strip_marks
from vankien.loaders.vocab import code_fold, load_data, vocab

_DASH = r"[-‐‑–—−]"
_UP = "A-ZĐƯƠÂĂÊÔ"
_LO = "a-zđươâăêô"


def _unique_folds(codes) -> dict[str, str]:
    """fold(code) -> code for the codes whose folded form (no diacritics, Đ -> D, any case) is
    shared by no other code: "qd" -> "QĐ", "bcd" -> "BCĐ", "qdi" -> "QĐi"."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for c in codes:
        f = fold(c)
        if out.get(f, c) != c:
            clash.add(f)
        out[f] = c
    return {f: c for f, c in out.items() if f not in clash}


@functools.cache
def _ascii_types() -> dict[str, str]:
    return _unique_folds(sorted(set(vocab().type_codes.values())))


@functools.cache
def _ascii_issuers() -> dict[str, str]:
    """Every known issuer code (Party, mass organisation, State), by its folded form; only the
    codes themselves, not their variants ("TƯ" would fold to TU's "tu")."""
    iss = load_data("issuers.toml")
    return _unique_folds([*iss["party"], *iss["other"]["codes"], *iss["state"]["codes"]])


def canonical_type(raw: str) -> str | None:
    """The canonical type code of a written one, also in ASCII ("QD" -> "QĐ", "QDi" -> "QĐi")."""
    return vocab().canonical_type(raw) or _ascii_types().get(fold(raw))


def known_issuer(part: str) -> str:
    """One issuer code as the vocabulary spells it when it is a known code written without its
    diacritics ("BCD" -> "BCĐ", "TLD" -> "TLĐ"); else as written."""
    v = vocab()
    f = code_fold(part)
    if f in v.issuer_variants or f in v.other_issuers or f in v.state_issuers:
        return part
    return _ascii_issuers().get(fold(part), part)


@functools.lru_cache(maxsize=4096)
def _known_issuers(raw: str) -> str:
    """``known_issuer`` of each part of a written issuer ("BCD-TU"); the same few recur in a text."""
    return "-".join(known_issuer(p) for p in re.split(_DASH, raw))


def _type_alternation() -> str:
    codes = set(vocab().type_codes.values())
    codes |= set(_ascii_types())        # the ASCII forms ("QD"), matched in any case
    return "(?i:" + "|".join(re.escape(c) for c in sorted(codes, key=lambda c: (-len(c), c))) + ")"


_TYPES = TYPES_SRC = _type_alternation()


def _number_word_lookbehind() -> str:
    """A number may also follow its number word with no space, as OCR and hurried typing glue
    them ("số15-CT/TW", "No.50/NQ-CP"): citations.toml [number] `words` and `english`, case
    ignored (diacritics kept: "Sở" is not "số"), and the words as typed without them ("so15-CT/TW")."""
    n = load_data("citations.toml")["number"]
    words = [w for w in [*n["words"], *n.get("english", [])] if " " not in w]
    words += [u for u in {strip_marks(w) for w in words} - set(words)]    # "so15-CT/TW", typed without diacritics
    return "".join(f"|(?<=(?i:{re.escape(w)}))" for w in sorted(words, key=len, reverse=True))


# before a symbol's number: no letter, digit, slash or full stop, unless it is a number word
_NUM_START = rf"(?:(?<![\w/.]){_number_word_lookbehind()})"
# An issuer is upper case (it may run into a following lower-case word: "TWcủa"), or wholly
# lower case in a lower-cased text ("tw"); "T.Ư" / "T.W" are dotted variants.
_ISSUER_UP = rf"(?:T\.[ƯW]|[{_UP}][{_UP}]{{0,11}})(?:{_DASH}[{_UP}]{{2,12}}(?![{_LO}]))*"
# "Tw", "tW", "T.ư": the central code in any case, when no letter follows
_ISSUER_TW = r"(?i:t\.?[wư])(?![A-Za-zĐđƯư])"
_ISSUER_LO = rf"[{_LO}]{{2,8}}(?![{_LO}{_UP}\w])"

PARTY_RE = re.compile(
    rf"{_NUM_START}(?P<num>\d+)[ \t]{{0,3}}(?:{_DASH}[ \t\n]{{0,3}}|\n)?(?P<type>{_TYPES})"
    rf"[ \t]{{0,2}}/[ \t]{{0,2}}(?P<iss>{_ISSUER_TW}|{_ISSUER_UP}|{_ISSUER_LO})"
)
# Slash form: N(/YYYY)?/TYPE-ISSUER ; also N/YYYY/ISSUER (laws: 39/2024/QH15).
SLASH_RE = re.compile(
    rf"{_NUM_START}(?P<num>\d+)[ \t]{{0,2}}/[ \t]{{0,2}}(?:(?P<year>(?:19|20)\d\d)[ \t]{{0,2}}/[ \t]{{0,2}})?"
    rf"(?:(?P<type>[{_UP}][{_UP}{_LO}]{{0,5}})[ \t]{{0,2}}{_DASH}[ \t]{{0,2}}(?P<iss>T\.[ƯW]|[{_UP}][{_UP}{_LO}0-9]{{0,14}}(?:{_DASH}[{_UP}][{_UP}{_LO}0-9]{{1,14}}){{0,3}})"
    rf"|(?P<law>(?:UBTVQH|QH)\d{{1,2}})|(?P<own>[{_UP}]{{2,10}}))(?![\w])"
)
# "số 796/TLĐ", "số 1234/UBND": a number and its issuer only, no type code: a symbol only after
# a number word (citations.toml [number]: see _after_number_word)


@dataclass
class CodeHit:
    start: int
    end: int
    text: str
    number: str            # without leading zeros
    type: str | None       # canonical type code
    issuer: str | None     # canonical issuer code(s), "TW", "BTCTU-BDVTU" ...
    system: str            # "party" | "state" | "other"
    key: str
    year: str | None = None
    raw_issuer: str = ""


def _strip_zeros(num: str) -> str:
    return num.lstrip("0") or "0"


def party_key(number: str, type_code: str, issuer: str | None) -> str:
    return f"{number}-{type_code}/{issuer}" if issuer else f"{number}-{type_code}"


@functools.lru_cache(maxsize=4096)
def _is_known(raw: str) -> bool:
    """Every part of ``raw`` is a known issuer code; the same few recur in a text."""
    v = vocab()
    return all(code_fold(p) in v.issuer_variants or code_fold(p) in v.other_issuers or code_fold(p) in v.state_issuers
               or fold(p) in _ascii_issuers() for p in re.split(_DASH, raw) if p)


@functools.cache
def _title_word_re() -> re.Pattern:
    """Words that open the title under a header's symbol (type words, "Về"), matched ignoring
    case and diacritics: a symbol's issuer written right against one ran into it."""
    v = vocab()
    return re.compile(rf"(?:{alternation([*v.type_words, *load_data('citations.toml')['about']['words']])})(?!\w)")


def _unglued(text: str, m: re.Match) -> int:
    """The length of the issuer code in ``m``, cut before the title word it is glued to
    ("12-KH/TUKẾ HOẠCH" -> "TU"): an unknown code whose longest known beginning is followed by
    a word of the title in capitals, or by the rest of a word in capitals the code's letters
    cannot finish ("TUKHÓA")."""
    iss = m.group("iss")
    if len(iss) < 3 or _is_known(iss):
        return len(iss)
    at, end = m.start("iss"), m.end("iss")
    # the pattern stopped inside a word in capitals ("TUKHÓA": Ó is no code letter)
    inside = end < len(text) and text[end].isupper()
    for k in range(len(iss) - 1, 1, -1):
        if text[at + k].isupper() and _is_known(iss[:k]) and (inside or _title_word_re().match(text, at + k)):
            return k
    return len(iss)


def _party_hit(m: re.Match, text: str) -> CodeHit | None:
    num, raw_type, raw = m.group("num", "type", "iss")
    k = len(raw) if len(raw) < 3 or _is_known(raw) else _unglued(text, m)   # _unglued's early return inline
    raw, end = raw[:k], m.start("iss") + k
    parsed = _parse_party(raw_type, _known_issuers(raw))
    if parsed is None:
        return None
    type_code, issuer, system = parsed
    num = _strip_zeros(num)
    surface = text[m.start():end]
    if system == "state":   # a state body's symbol in Party shape ("12-KH/UBND"): kept, as written
        key = party_key(num, type_code, raw)
        return CodeHit(m.start(), end, surface, num, type_code, raw, "state", key, raw_issuer=raw)
    return CodeHit(m.start(), end, surface, num, type_code, issuer, system,
                   party_key(num, type_code, issuer), raw_issuer=raw)


@functools.lru_cache(maxsize=4096)
def _parse_party(raw_type: str, raw_iss: str) -> tuple[str, str, str] | None:
    """(type, issuer, system) of a Party-form symbol, None if it is not one."""
    v = vocab()
    type_code = canonical_type(raw_type)
    if type_code is None:
        return None
    if not raw_iss.isupper() and code_fold(raw_iss) not in v.issuer_variants:
        return None   # a lower- or mixed-case issuer is only trusted when it is a known code ("tw", "Tw")
    if len(raw_iss) == 1:
        return None   # "128-NQ/Tw" read up to "T": no issuer code is one letter
    issuer = "-".join(v.canonical_issuer(p) for p in re.split(_DASH, raw_iss))
    return type_code, issuer, v.issuer_system(issuer) or "party"


def _slash_hit(m: re.Match, text: str) -> CodeHit:
    v = vocab()
    num = _strip_zeros(m.group("num"))
    year = m.group("year")
    surface = text[m.start():m.end()]
    if m.group("own"):
        if not _after_number_word(text, m.start()):
            return None
        issuer = known_issuer(m.group("own"))     # "796/TLD" typed without diacritics: TLĐ
        return CodeHit(m.start(), m.end(), surface, num, None, issuer, v.issuer_system(issuer) or "state",
                       f"{num}/{issuer}", year, issuer)
    if m.group("law"):
        key = f"{num}/{year}/{m.group('law')}" if year else f"{num}/{m.group('law')}"
        return CodeHit(m.start(), m.end(), surface, num, None, m.group("law"), "state", key, year)
    raw_type = m.group("type")
    raw_iss, iss_sys, type_code, issuer = _slash_parts(raw_type, m.group("iss"))
    if iss_sys == "party" and not year and type_code:
        # a Party symbol written state-style: 08/NQ-TW -> 8-NQ/TW
        return CodeHit(m.start(), m.end(), surface, num, type_code, issuer, "party",
                       party_key(num, type_code, issuer), raw_issuer=raw_iss)
    system = "other" if iss_sys == "other" else "state"
    t = type_code or raw_type
    key = f"{num}/{year}/{t}-{raw_iss}" if year else f"{num}/{t}-{raw_iss}"
    return CodeHit(m.start(), m.end(), surface, num, t, raw_iss, system, key, year, raw_iss)


@functools.lru_cache(maxsize=4096)
def _slash_parts(raw_type: str, written_iss: str) -> tuple[str, str | None, str | None, str | None]:
    """For ``_slash_hit``: the issuer as known codes spell it, its system, the canonical type code
    and the issuer's canonical code when it is a Party one; the same few recur in a text."""
    v = vocab()
    raw_iss = _known_issuers(written_iss)
    iss_sys = v.issuer_system(raw_iss)
    return raw_iss, iss_sys, canonical_type(raw_type), v.canonical_issuer(raw_iss) if iss_sys == "party" else None


@functools.cache
def _number_word_end_re() -> re.Pattern:
    n = load_data("citations.toml")["number"]
    return re.compile(rf"(?:{alternation([*n['words'], *n.get('english', [])])})[ \t]*\Z")


def _after_number_word(text: str, pos: int) -> bool:
    """The number at ``pos`` follows a number word ("số 796/TLĐ", "No. 12/BTC")."""
    return _number_word_end_re().search(text[max(0, pos - 12):pos]) is not None


_BEFORE_SLASH = 24   # the longest "NUMBER - TYPE " before a symbol's slash (a longer number: see _window_start)
_AFTER_SLASH = 40    # the longest "YYYY/TYPE-ISSUER" after it


def find_codes(text: str) -> list[CodeHit]:
    """All document symbols in ``text``, in order of position.

    Every symbol contains a slash; the patterns are tried only in a small window around each
    slash, and only the one the characters beside the slash allow: a letter before it means the
    Party form (25-NQ/TW), a digit the slash form (08/NQ-TW, 15/2020/NĐ-CP); a slash followed by
    a short number is a date's. This is several times faster than scanning the whole text.
    """
    hits: list[CodeHit] = []
    done = 0                                   # text before this offset is consumed
    find = text.find
    party_search, slash_search, year_after = PARTY_RE.search, SLASH_RE.search, _YEAR_AFTER.match
    i = find("/")
    while i != -1:
        before = text[i - 1] if i > 0 else " "
        if before in " \t":
            before = text[i - 3:i].strip()[-1:] or " "
        after = text[i + 1:i + 2]
        if after in " \t":                     # also "" at the end: the same as the slice below
            after = text[i + 1:i + 4].lstrip(" \t")[:1]
        # a year after the slash starts with 1 or 2, and it is ``after``: else _YEAR_AFTER fails
        if after.isdigit():
            party = False if after in "12" and year_after(text, i + 1) else None
        elif before.isdigit():
            party = False
        elif before.isalpha():
            party = True
        else:
            party = None
        found = None
        if party is not None:
            # the end of the window past the text's is the text's end to ``re``
            m = (party_search if party else slash_search)(text, _window_start(text, i, done), i + _AFTER_SLASH)
            if m is not None and m.start() <= i < m.end():
                h = _party_hit(m, text) if party else _slash_hit(m, text)
                if h is not None and (h.type is not None or h.system != "party"):
                    found = h
        if found is not None:
            hits.append(found)
            done = found.end
            i = find("/", done)
        else:
            i = find("/", i + 1)
    return hits


def _window_start(text: str, slash: int, done: int) -> int:
    """Where to look for the symbol around the slash at ``slash``: ``_BEFORE_SLASH`` characters
    before it, moved back to the start of a number cut there, so that numbers of any length are
    read whole ("10234-CV/TU"), never from their middle."""
    start = max(done, slash - _BEFORE_SLASH)
    while start > done and text[start - 1].isdigit():
        start -= 1
    return start


_YEAR_AFTER = re.compile(r"[ \t]{0,2}(?:19|20)\d\d[ \t]{0,2}/")
