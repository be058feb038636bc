"""Attach to each mention what its context says about the document: its own date, its
issuing body (and locality), its term (khóa).

Two directions, as Vietnamese prose has them:
- after the mention: "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của BCH Trung ương Đảng khóa XI";
- before it, for issuance: "Ngày 03/3/2023, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 94-KH/TU".
A date claimed by an issuance sentence is not given to an earlier mention, and a date that
follows "trước", "đến" ... is a deadline, never a document date.
"""
from __future__ import annotations

import bisect
import re

from .dates import DateHit
from .mentions import Mention
from .patterns import (DATE_GAP_RE, DEADLINE_RE, HEADER_GAP_RE, ISSUED_BEFORE_RE, SENTENCE_END_RE, SO_BEFORE_RE,
                       TERM_RE, TIME_AFTER_RE, W, body_re)
from .vocab import vocab

_OF = W("của")
_PLENUM = rf"(?:{W('Nghị quyết')}[ \t]{{1,2}})?{W('Hội nghị')}[ \t\n]{{1,2}}(?:{W('lần thứ')}[ \t\n]{{1,2}})?\w{{1,6}}"
# between a mention (or its date) and its issuing body: ", Hội nghị lần thứ 7 của ", " của", "của"
BODY_GAP_RE = re.compile(
    rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}(?:\(?{_PLENUM}[ \t\n]{{0,2}}(?:{_OF}[ \t\n]{{1,2}})?|{_OF}[ \t\n]{{0,2}})"
)
FORWARD_WINDOW = 260
TAIL_DATE_WINDOW = 30


class _Index:
    """Positions of dates and mentions, for quick 'what lies between' questions."""

    def __init__(self, mentions: list[Mention], dates: list[DateHit]):
        self.mention_starts = [m.start for m in mentions]
        self.dates = dates
        self.date_starts = [d.start for d in dates]

    def mention_between(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.mention_starts, a)
        return i < len(self.mention_starts) and self.mention_starts[i] < b

    def first_date_from(self, pos: int, limit: int) -> DateHit | None:
        i = bisect.bisect_left(self.date_starts, pos)
        if i < len(self.dates) and self.dates[i].start <= limit:
            return self.dates[i]
        return None

    def last_date_before(self, pos: int, limit: int) -> DateHit | None:
        i = bisect.bisect_right(self.date_starts, pos) - 1
        while i >= 0 and self.dates[i].end > pos:
            i -= 1
        if i >= 0 and self.dates[i].start >= limit:
            return self.dates[i]
        return None


def _is_deadline(text: str, d: DateHit) -> bool:
    return DEADLINE_RE.search(text, max(0, d.start - 24), d.start) is not None


def attach_context(text: str, mentions: list[Mention], dates: list[DateHit]) -> None:
    idx = _Index(mentions, dates)
    claimed: set[int] = set()
    numbered = [m for m in mentions if m.form != "named"]
    # 1. issuance sentences claim their date (and body) for the document issued
    for m in numbered:
        if not ISSUED_BEFORE_RE.search(text, max(0, m.start - 30), m.start):
            continue
        lo = max(0, m.start - FORWARD_WINDOW)
        d = idx.last_date_before(m.start, lo)
        if d is not None and not idx.mention_between(d.end, m.start) and not _is_deadline(text, d) \
                and not SENTENCE_END_RE.search(text, d.end, m.start) and "\n" not in text[d.end:m.start] \
                and not TIME_AFTER_RE.match(text, d.end):
            m.date = d
            claimed.add(d.start)
        _forward_body(text, m, idx, d.end if d is not None and m.date is d else lo)
    # 2. what follows each mention: its date, body, term
    for m in numbered:
        _tail(text, m, idx, claimed)
    # 3. "TƯ" is sometimes a typing variant of TU (Tỉnh ủy): the issuing body decides
    for m in numbered:
        c = m.code
        if c is not None and c.raw_issuer in ("TƯ", "T.Ư") and m.body is not None and m.body.code == "TU":
            c.issuer = "TU"
            c.key = f"{c.number}-{c.type}/TU"


def _forward_body(text: str, m: Mention, idx: _Index, lo: int) -> None:
    """The body named between an issuance date (or the sentence start) and the mention."""
    sent = [s.end() for s in SENTENCE_END_RE.finditer(text, lo, m.start)]
    lo = sent[-1] if sent else lo
    last = None
    for b in body_re().finditer(text, lo, m.start):
        if not idx.mention_between(b.end(), m.start):
            last = b
    if last is not None and m.body is None:
        _set_body(m, last)


def _set_body(m: Mention, b: re.Match) -> None:
    name = b.group("body")
    v = vocab()
    m.body = v.body_named(name)
    m.body_text = " ".join(name.split())
    loc = b.group("loc")
    local = m.body is not None and m.body.system == "party" and v.issuer_level(m.body.code) != "central"
    m.locality = " ".join(loc.split()) if loc and local else None


def _tail(text: str, m: Mention, idx: _Index, claimed: set[int]) -> None:
    nxt = bisect.bisect_right(idx.mention_starts, m.start)
    stop = idx.mention_starts[nxt] if nxt < len(idx.mention_starts) else len(text)
    pos = m.end
    # header symbol: "Số: 16-HD/BTCTW | Hà Nội, ngày 24 tháng 9 năm 2018"
    if m.code is not None and SO_BEFORE_RE.search(text, max(0, m.start - 12), m.start):
        m.header = True
        heads = list(body_re().finditer(text, max(0, m.start - 300), m.start))
        own = vocab().party_issuers.get(m.code.issuer or "", {}).get("bodies", [])
        if heads and m.body is None and len(own) != 1:
            _set_body(m, heads[-1])
        d = idx.first_date_from(pos, min(stop, pos + 90))
        if d is not None and m.date is None and HEADER_GAP_RE.match(text[pos:d.start]):
            m.date, pos = d, d.end
            claimed.add(d.start)
    if m.date is None:
        d = idx.first_date_from(pos, min(stop, pos + TAIL_DATE_WINDOW))
        if d is not None and d.start not in claimed and DATE_GAP_RE.match(text[pos:d.start]):
            m.date, pos = d, d.end
            claimed.add(d.start)
    g = BODY_GAP_RE.match(text, pos, stop)
    if g is None:
        return
    b = body_re().match(text, g.end(), stop)
    if b is None:
        return
    _set_body(m, b)   # "của X" names the issuer; it overrides a signer named before the mention
    pos = b.end()
    t = TERM_RE.match(text, pos, stop)
    if t is not None:
        m.term = t.group("term").upper()
        pos = t.end()
    if m.date is None:
        d = idx.first_date_from(pos, min(stop, pos + TAIL_DATE_WINDOW))
        if d is not None and d.start not in claimed and DATE_GAP_RE.match(text[pos:d.start]):
            m.date = d
            claimed.add(d.start)
