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

from vankien.loaders.vocab import code_fold, vocab

_DASH = r"[-‐‑–—−]"
_UP = "A-ZĐƯƠÂĂÊÔ"
_LO = "a-zđươâăêô"


def _type_alternation() -> str:
    codes = sorted(vocab().type_codes.values(), key=lambda c: (-len(c), c))
    return "(?i:" + "|".join(re.escape(c) for c in codes) + ")"


_TYPES = _type_alternation()
# An issuer is upper case (it may run into a following lower-case word: "TWcủa"), or wholly
# lower case in a lower-cased text ("tw"); "T.Ư" / "T.W" are dotted variants.
_ISSUER_UP = rf"(?:T\.[ƯW]|[{_UP}][{_UP}]{{0,11}})(?:{_DASH}[{_UP}]{{2,12}}(?![{_LO}]))*"
# "Tw", "tW", "T.ư": the central code in any case, when no letter follows
_ISSUER_TW = r"(?i:t\.?[wư])(?![A-Za-zĐđƯư])"
_ISSUER_LO = rf"[{_LO}]{{2,8}}(?![{_LO}{_UP}\w])"

PARTY_RE = re.compile(
    rf"(?<![\w/.])(?P<num>\d{{1,4}})[ \t]{{0,3}}(?:{_DASH}[ \t\n]{{0,3}}|\n)?(?P<type>{_TYPES})"
    rf"[ \t]{{0,2}}/[ \t]{{0,2}}(?P<iss>{_ISSUER_TW}|{_ISSUER_UP}|{_ISSUER_LO})"
)
# Slash form: N(/YYYY)?/TYPE-ISSUER ; also N/YYYY/ISSUER (laws: 39/2024/QH15).
SLASH_RE = re.compile(
    rf"(?<![\w/.])(?P<num>\d{{1,5}})[ \t]{{0,2}}/[ \t]{{0,2}}(?:(?P<year>(?:19|20)\d\d)[ \t]{{0,2}}/[ \t]{{0,2}})?"
    rf"(?:(?P<type>[{_UP}][{_UP}{_LO}]{{0,5}})[ \t]{{0,2}}{_DASH}[ \t]{{0,2}}(?P<iss>T\.[ƯW]|[{_UP}][{_UP}{_LO}0-9]{{0,14}}(?:{_DASH}[{_UP}][{_UP}{_LO}0-9]{{1,14}}){{0,3}})"
    rf"|(?P<law>(?:UBTVQH|QH)\d{{1,2}}))(?![\w])"
)


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


def _party_hit(m: re.Match, text: str) -> CodeHit | None:
    parsed = _parse_party(m.group("type"), m.group("iss"))
    if parsed is None:
        return None
    type_code, issuer, system = parsed
    num = _strip_zeros(m.group("num"))
    if system == "state":   # a state body's symbol in Party shape ("12-KH/UBND"): kept, as written
        key = party_key(num, type_code, m.group("iss"))
        return CodeHit(m.start(), m.end(), m.group(0), num, type_code, m.group("iss"), "state", key,
                       raw_issuer=m.group("iss"))
    return CodeHit(m.start(), m.end(), m.group(0), num, type_code, issuer, system,
                   party_key(num, type_code, issuer), raw_issuer=m.group("iss"))


@functools.lru_cache(maxsize=4096)
def _parse_party(raw_type: str, raw_iss: str) -> tuple[str, str, str] | None:
    """(type, issuer, system) of a Party-form symbol, None if it is not one."""
    v = vocab()
    type_code = v.canonical_type(raw_type)
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
    if m.group("law"):
        key = f"{num}/{year}/{m.group('law')}" if year else f"{num}/{m.group('law')}"
        return CodeHit(m.start(), m.end(), surface, num, None, m.group("law"), "state", key, year)
    raw_type, raw_iss = m.group("type"), m.group("iss")
    iss_sys = v.issuer_system(raw_iss)
    type_code = v.canonical_type(raw_type)
    if iss_sys == "party" and not year and type_code:
        # a Party symbol written state-style: 08/NQ-TW -> 8-NQ/TW
        issuer = v.canonical_issuer(raw_iss)
        return CodeHit(m.start(), m.end(), surface, num, type_code, issuer, "party",
                       party_key(num, type_code, issuer), raw_issuer=raw_iss)
    system = "other" if iss_sys == "other" else "state"
    t = type_code or raw_type
    key = f"{num}/{year}/{t}-{raw_iss}" if year else f"{num}/{t}-{raw_iss}"
    return CodeHit(m.start(), m.end(), surface, num, t, raw_iss, system, key, year, raw_iss)


_BEFORE_SLASH = 24   # the longest "NUMBER - TYPE " before a symbol's slash
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
    n = len(text)
    i = text.find("/")
    while i != -1:
        before = text[i - 1] if i > 0 else " "
        if before in " \t":
            before = text[i - 3:i].strip()[-1:] or " "
        after = text[i + 1:i + 4].lstrip(" \t")[:1]
        if after.isdigit():
            candidates = (SLASH_RE,) if _YEAR_AFTER.match(text, i + 1) else ()
        elif before.isdigit():
            candidates = (SLASH_RE,)
        elif before.isalpha():
            candidates = (PARTY_RE,)
        else:
            candidates = ()
        found = None
        for rx in candidates:
            m = rx.search(text, max(done, i - _BEFORE_SLASH), min(n, i + _AFTER_SLASH))
            if m is not None and m.start() <= i < m.end():
                h = _party_hit(m, text) if rx is PARTY_RE else _slash_hit(m, text)
                if h is not None and (h.type is not None or h.system == "state"):
                    found = h
        if found is not None:
            hits.append(found)
            done = found.end
            i = text.find("/", found.end)
        else:
            i = text.find("/", i + 1)
    return hits


_YEAR_AFTER = re.compile(r"[ \t]{0,2}(?:19|20)\d\d[ \t]{0,2}/")
