"""Attach to each mention what its context says about the document: its own date, its
issuing body (and locality), its term (khóa).

Two directions, as Vietnamese prose has them:
- after the mention: "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của BCH Trung ương Đảng khóa XI";
- before it, for issuance: "Ngày 03/3/2023, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 94-KH/TU".
A date claimed by an issuance sentence is not given to an earlier mention, and a date that
follows "trước", "đến" ... is a deadline, never a document date. Dates are looked for only
where a document's own date can stand, so the text is never scanned for dates as a whole.
"""
from __future__ import annotations

import bisect
import re

from vankien.loaders.dates import DATE_RE, DATE_SRC, DateHit, parse_date
from vankien.loaders.fold import one_of
from vankien.loaders.mentions import Mention
from vankien.loaders.segments import LIST_ITEM_SRC
from vankien.loaders.patterns import (body_locality, DEADLINE_RE, HEADER_GAP_RE, SENTENCE_END_RE, SO_BEFORE_RE, TAIL_DATE_RE,
                       TERM_RE, TIME_AFTER_RE, body_re, citation_words, dated_act_before, descriptor_words, issued_before,
                       verb_ends_before)
from vankien.loaders.vocab import vocab


def _plenum_src() -> str:
    """A plenum named by its ordinal: the words of descriptors.toml [plenum] and [ordinal]."""
    p, o = descriptor_words("plenum"), descriptor_words("ordinal")
    ordinal = one_of([f"{t} {n}" for t in o["times"] for n in o["nth"]])
    return (rf"(?:{one_of(p['opening'])}[ \t]{{1,2}})?{one_of(p['meeting'])}[ \t\n]{{1,2}}"
            rf"(?:{ordinal}[ \t\n]{{1,2}})?\w{{1,6}}")


_OF = one_of(citation_words("body", "of"))
_PLENUM = _plenum_src()
# between a mention (or its date) and its issuing body: ", Hội nghị lần thứ 7 của ", " của", "của"
BODY_GAP_RE = re.compile(
    rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}(?:\(?{_PLENUM}[ \t\n]{{0,2}}(?:{_OF}[ \t\n]{{1,2}})?|{_OF}[ \t\n]{{0,2}})"
)
_DAY = one_of(citation_words("date", "day"))
LEFT_COLUMN_CHARS = 60    # the left column's piece of a line a letterhead lays out in two
# the place-and-date line of a letterhead, alone on its line: "Hà Nội, ngày 24 tháng 9 năm 2018",
# "     Hà Tĩnh, ngày 15 tháng 6 năm 2021" (its day word required: "Thứ Hai, 27/10/2017" is a page's),
# or in the right column, after the left one's piece and a wide gap ("   *        Cà Mau, ngày …"),
# or in a table's cell after its "|" on a line that holds the whole header ("Số: 12-KH/TU | Hà Nội, ngày …")
PLACE_DATE_RE = re.compile(
    rf"(?:^(?:[^\n]{{1,{LEFT_COLUMN_CHARS}}}?(?:[ ]{{3,}}|\t)|[ \t|]{{0,12}})|(?<=\|)[ \t]{{1,12}})[^\W\d][^\d\n,;:]{{1,40}},[ \t]{{0,3}}"
    rf"(?={_DAY}\s)(?:{_DAY}[ \t\n]{{1,3}}(?=\d))?(?P<date>{DATE_SRC})", re.M)
# a metadata field of a document's page: "Ngày ban hành: 09/01/2026" (citations.toml [metadata])
METADATA_DATE_RE = re.compile(
    rf"{one_of(citation_words('metadata', 'issued_on'))}[ \t]{{0,2}}:?[ \t|]{{0,4}}(?P<date>{DATE_SRC})")
# a passive issuance after a mention: "… do <body> ban hành ngày …", "… được ban hành ngày …"
# (citations.toml [issued] `by`, `passive`, `verbs`)
_PASSIVE = one_of(citation_words("issued", "passive"))
_BY = one_of(citation_words("issued", "by"))
ISSUED_BY_RE = re.compile(
    rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}(?:{_PASSIVE}[ \t\n]{{1,2}}(?:{_BY}[ \t\n]{{1,2}})?|{_BY}[ \t\n]{{1,2}})")
ISSUED_VERB_RE = re.compile(
    rf"[ \t\n]{{1,2}}(?:{one_of(citation_words('issued', 'signing'))}[ \t]{{1,2}})?(?={one_of(citation_words('issued', 'verbs'))})")
PASSIVE_RE = re.compile(rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}{_PASSIVE}(?=[ \t\n])")
# between the items of a list of references: ", ", " và " (citations.toml [body] `and`)
COORDINATION_RE = re.compile(rf"[ \t]{{0,3}}(?:,[ \t]{{0,3}})?(?:{one_of(citation_words('body', 'and'))}[ \t]{{1,3}})?")
LETTERHEAD_WINDOW = 300   # a header's place-and-date line or metadata date, before or after its symbol
FORWARD_WINDOW = 260      # issuance date up to this far before the document it dates
TAIL_DATE_WINDOW = 30     # own date at most this far after the mention (or its body)
HEADER_WINDOW = 90        # "Số: 16-HD/BTCTW | Hà Nội, ngày 24 tháng 9 năm 2018"


def attach_context(text: str, mentions: list[Mention]) -> None:
    starts = [m.start for m in mentions]

    def mention_between(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, a)
        return i < len(starts) and starts[i] < b

    def follows_a_mention(d: DateHit) -> bool:
        """The date is written right after another mention ("99-QĐ/TW ngày 30/5/2017"): it is that one's."""
        i = bisect.bisect_left(starts, d.start) - 1
        if i < 0 or mentions[i].form == "named":
            return False
        dm = TAIL_DATE_RE.match(text, mentions[i].end, d.end)
        return dm is not None and dm.start("date") == d.start

    claimed: set[int] = set()
    numbered = [m for m in mentions if m.form != "named"]
    # 1. issuance sentences claim their date (and body) for the document issued
    for m in numbered:
        # each of the three ends with an issuance verb right before the mention: a text names most of
        # its documents after none, and one test of that spares the three their own
        if not verb_ends_before(text, m.start) or (
                not issued_before(text, m.start) and not issued_before(text, m.start, done=True)
                and not dated_act_before(text, m.start)):
            continue        # "… đã ban hành | Kế hoạch số …", "… đã có | Công văn số …", "Ngày 5/9, … có | Công văn số …"
        lo = max(0, m.start - FORWARD_WINDOW)
        d = _last_date(text, lo, m.start)
        if d is not None and not mention_between(d.end, m.start) and not _is_deadline(text, d) \
                and not follows_a_mention(d) \
                and not SENTENCE_END_RE.search(text, d.end, m.start) and _one_sentence_lines(text, d.end, m.start) \
                and not TIME_AFTER_RE.match(text, d.end):
            m.date = d
            claimed.add(d.start)
        _forward_body(text, m, mention_between, d.end if m.date is d and d is not None else lo)
    # 2. what follows each mention: its date, body, term
    headers = [i for i, m in enumerate(mentions) if m.code is not None and _is_header(text, m)]
    later = 0       # the first of ``headers`` after the mention read
    for i, m in enumerate(mentions):
        if m.form != "named":
            stop = starts[i + 1] if i + 1 < len(starts) else len(text)
            prev = mentions[i - 1].end if i > 0 else 0
            # a header's place-and-date line may come after documents its "V/v" line names, not
            # after the next header
            while later < len(headers) and headers[later] <= i:
                later += 1
            _tail(text, m, stop, claimed, prev, starts[headers[later]] if later < len(headers) else len(text),
                  later > 0 and headers[later - 1] == i)
    # 3. "Quy định số 253 và Quy định số 255 của Ban Bí thư": a body after a list of number-only
    # references names the issuer of each (read from the last one back)
    for i in range(len(mentions) - 2, -1, -1):
        m, nxt = mentions[i], mentions[i + 1]
        if m.form == "bare" and m.body is None and nxt.body is not None and nxt.form == "bare":
            end = m.date.end if m.date is not None and m.date.end <= nxt.start else m.end
            if COORDINATION_RE.fullmatch(text, end, nxt.start):
                m.body, m.body_text, m.locality = nxt.body, nxt.body_text, nxt.locality
    # 4. an issuer typed as another code's spelling ("TƯ" for TU, Tỉnh ủy): the issuing body decides
    # (and so do the text's other mentions of that symbol, written the same way with no body named)
    v = vocab()
    corrected: dict[tuple, str] = {}
    for m in numbered:
        c = m.code
        if c is not None and m.body is not None and c.raw_issuer in v.misspellings(m.body.code):
            c.issuer = m.body.code
            c.key = f"{c.number}-{c.type}/{c.issuer}"
            corrected[(c.number, c.type, c.raw_issuer)] = c.issuer
    if corrected:
        for m in numbered:
            c = m.code
            issuer = corrected.get((c.number, c.type, c.raw_issuer)) if c is not None and m.body is None else None
            if issuer is not None:
                c.issuer = issuer
                c.key = f"{c.number}-{c.type}/{c.issuer}"


WRAPPED_LINE = 40          # a line this long that ends in a word was wrapped inside its sentence


def _one_sentence_lines(text: str, a: int, b: int) -> bool:
    """No line break between ``a`` and ``b`` but inside a sentence wrapped over lines: the line
    before it is long and ends in a word, the line after opens no list item ("… vừa thay mặt |
    Ban Chấp hành Trung ương ký ban hành Quy định số …")."""
    nl = text.find("\n", a, b)
    while nl >= 0:
        line_start = text.rfind("\n", 0, nl) + 1
        if nl - line_start < WRAPPED_LINE or not text[nl - 1:nl].isalnum() or _LIST_ITEM_RE.match(text, nl + 1):
            return False
        nl = text.find("\n", nl + 1, b)
    return True


_LIST_ITEM_RE = re.compile(rf"[ \t]*{LIST_ITEM_SRC}")


def _last_date(text: str, lo: int, hi: int) -> DateHit | None:
    last = None
    for dm in DATE_RE.finditer(text, lo, hi):
        last = dm
    return parse_date(last) if last is not None else None


def _is_deadline(text: str, d: DateHit) -> bool:
    return DEADLINE_RE.search(text, max(0, d.start - 24), d.start) is not None


def _forward_body(text: str, m: Mention, mention_between, lo: int) -> None:
    """The body named between an issuance date (or the sentence start) and the mention."""
    sent = [s.end() for s in SENTENCE_END_RE.finditer(text, lo, m.start)]
    lo = sent[-1] if sent else lo
    last = None
    for b in body_re().finditer(text, lo, m.start):
        if not mention_between(b.end(), m.start):
            last = b
    if last is not None and m.body is None:
        _set_body(m, last)


def _set_body(m: Mention, b: re.Match) -> None:
    name = b.group("body")
    v = vocab()
    m.body = v.body_named(name)
    m.body_text = " ".join(name.split())
    loc = body_locality(b)
    local = m.body is not None and m.body.system == "party" and v.issuer_level(m.body.code) != "central"
    m.locality = (v.place_name(loc) if b.group("loc") else loc) if loc and local else None


def _own_date(text: str, pos: int, stop: int, claimed: set[int]) -> DateHit | None:
    """The date written right after ``pos`` (", ngày 03/6/2013"), unless another document claimed it."""
    dm = TAIL_DATE_RE.match(text, pos, min(len(text), pos + TAIL_DATE_WINDOW + 40))
    if dm is None or dm.start("date") - pos > TAIL_DATE_WINDOW or dm.start("date") >= stop:
        return None
    d = parse_date(dm, "date")
    if d is None or d.start in claimed:
        return None
    claimed.add(d.start)
    return d


def _tail(text: str, m: Mention, stop: int, claimed: set[int], prev: int = 0,
          header_stop: int | None = None, header: bool | None = None) -> None:
    """``header``: ``_is_header(text, m)`` of a mention with a code, when the caller knows it."""
    pos = m.end
    if m.code is not None and (_is_header(text, m) if header is None else header):
        _header(text, m, stop, claimed, prev, stop if header_stop is None else header_stop)
        pos = m.date.end if m.date is not None else pos
    if m.date is None:
        m.date = _own_date(text, pos, stop, claimed)
        pos = m.date.end if m.date is not None else pos
    g = BODY_GAP_RE.match(text, pos, stop)
    b = body_re().match(text, g.end(), stop) if g is not None else None
    if b is None:
        # "… do Ban Thường vụ Tỉnh ủy ban hành ngày 3/5/2024", "… được ban hành ngày 3/5/2024"
        by = ISSUED_BY_RE.match(text, pos, stop)
        b = body_re().match(text, by.end(), stop) if by is not None else None
        verb = ISSUED_VERB_RE.match(text, b.end(), stop) if b is not None else None
        if verb is not None:
            _set_body(m, b)
            if m.date is None:
                m.date = _own_date(text, verb.end(), stop, claimed)
        elif m.date is None:
            passive = PASSIVE_RE.match(text, pos, stop)
            if passive is not None:
                m.date = _own_date(text, passive.end(), stop, claimed)
        return
    _set_body(m, b)   # "của X" names the issuer; it overrides a signer named before the mention
    pos = b.end()
    t = TERM_RE.match(text, pos, stop)
    if t is not None:
        m.term = t.group("term").upper()
        pos = t.end()
    if m.date is None:
        m.date = _own_date(text, pos, stop, claimed)


def _is_header(text: str, m: Mention) -> bool:
    """A symbol after "Số" that opens its line or is written "Số" ("Số: 216-QĐ/TW"), not one
    after "số" in running text ("Chương trình kiểm tra số 07-CTr/TU")."""
    so = SO_BEFORE_RE.search(text, max(0, m.start - 12), m.start)
    if so is None:
        return False
    line_start = text.rfind("\n", 0, so.start()) + 1
    return text[so.start()].isupper() or not text[line_start:so.start()].strip(" \t|*")


def _header(text: str, m: Mention, stop: int, claimed: set[int], prev: int = 0,
            header_stop: int | None = None) -> None:
    """A document's own header: "BỘ CHÍNH TRỊ ... Số: 216-QĐ/TW | Hà Nội, ngày 01 tháng 4 năm 2009"."""
    m.header = True
    heads = list(body_re().finditer(text, max(0, m.start - 300), m.start))
    if heads and m.body is None and vocab().own_body(m.code.issuer or "") is None:
        _set_body(m, heads[-1])
    dm = DATE_RE.search(text, m.end, min(stop, m.end + HEADER_WINDOW))
    if dm is not None and m.date is None and HEADER_GAP_RE.match(text[m.end:dm.start()]):
        d = parse_date(dm)
        if d is not None and d.start not in claimed:
            m.date = d
            claimed.add(d.start)
    if m.date is None:
        m.date = _letterhead_date(text, m, max(prev, m.start - LETTERHEAD_WINDOW),
                                  min(stop if header_stop is None else header_stop, m.end + LETTERHEAD_WINDOW),
                                  claimed)


def _letterhead_date(text: str, m: Mention, lo: int, hi: int, claimed: set[int]) -> DateHit | None:
    """A header's date laid out apart from its symbol: the letterhead's place-and-date line (before
    or after "Số: ...", the two often stand in two columns) or a metadata field ("Ngày ban hành:"),
    the nearest one between the mentions around it."""
    best = None
    for rx in (PLACE_DATE_RE, METADATA_DATE_RE):
        for dm in rx.finditer(text, lo, hi):
            if dm.end("date") > m.start and dm.start("date") < m.end:
                continue
            gap = m.start - dm.end("date") if dm.end("date") <= m.start else dm.start("date") - m.end
            if best is None or gap < best[0]:
                best = (gap, dm)
    if best is None:
        return None
    d = parse_date(best[1], "date")
    if d is None or d.start in claimed or _is_deadline(text, d) or TIME_AFTER_RE.match(text, d.end):
        return None
    claimed.add(d.start)
    return d
