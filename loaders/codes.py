"""Document symbols ("số và ký hiệu"): Party, state and mass-organisation forms.

Party form  ``25-NQ/TW``  = number, type code, issuer code(s) joined by "-".
State form  ``15/2020/NĐ-CP``, ``117/NQ-CP``, ``39/2024/QH15``.
Real variants handled: spaces and dashes inside (``100 - KL/TW``, ``21 – NQ/TW``), no hyphen
(``37QĐ/TW``), lower case (``05-ct/tw``), a line break inside (``16 -\\nHD/BTCTW``), ``TƯ`` /
``T.Ư`` for ``TW``, zero padding, a Party symbol written in state style (``08/NQ -TW``,
``08/CT-HU``), an issuer glued to the next word (``QĐ/TWcủa``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import code_fold, vocab

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
_ISSUER_LO = rf"[{_LO}]{{2,8}}(?![{_LO}{_UP}\w])"

PARTY_RE = re.compile(
    rf"(?<![\w/.])(?P<num>\d{{1,4}})[ \t]{{0,3}}(?:{_DASH}[ \t\n]{{0,3}}|\n)?(?P<type>{_TYPES})"
    rf"[ \t]{{0,2}}/[ \t]{{0,2}}(?P<iss>{_ISSUER_UP}|{_ISSUER_LO})"
)
# Slash form: N(/YYYY)?/TYPE-ISSUER ; also N/YYYY/ISSUER (laws: 39/2024/QH15).
SLASH_RE = re.compile(
    rf"(?<![\w/.])(?P<num>\d{{1,5}})[ \t]{{0,2}}/[ \t]{{0,2}}(?:(?P<year>(?:19|20)\d\d)[ \t]{{0,2}}/[ \t]{{0,2}})?"
    rf"(?:(?P<type>[{_UP}][{_UP}{_LO}]{{0,5}})[ \t]{{0,2}}{_DASH}[ \t]{{0,2}}(?P<iss>[{_UP}][{_UP}{_LO}0-9]{{0,14}})"
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
    v = vocab()
    raw_iss = m.group("iss")
    type_code = v.canonical_type(m.group("type"))
    if type_code is None:
        return None
    if raw_iss.islower():
        # a lower-case issuer is only trusted when it is a known code ("tw", "tu", "hu")
        if code_fold(raw_iss) not in v.issuer_variants:
            return None
    issuer = "-".join(v.canonical_issuer(p) for p in re.split(_DASH, raw_iss))
    system = v.issuer_system(issuer) or "party"
    if system == "state":
        return None
    num = _strip_zeros(m.group("num"))
    return CodeHit(m.start(), m.end(), text[m.start():m.end()], num, type_code, issuer, system,
                   party_key(num, type_code, issuer), raw_issuer=raw_iss)


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


def find_codes(text: str) -> list[CodeHit]:
    """All document symbols in ``text``, in order of position."""
    hits: list[CodeHit] = []
    for m in PARTY_RE.finditer(text):
        h = _party_hit(m, text)
        if h:
            hits.append(h)
    taken = [(h.start, h.end) for h in hits]
    for m in SLASH_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        h = _slash_hit(m, text)
        if h.type is None and h.system != "state":
            continue
        hits.append(h)
    hits.sort(key=lambda h: h.start)
    return hits
