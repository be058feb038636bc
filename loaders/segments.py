"""Split a text into sentences, the unit in which relations and assignments are stated.

Official texts copied from PDFs and portals wrap lines in the middle of sentences ("Thực hiện
Quy định\\nsố 132-QĐ/TW"), so a single line break ends a sentence only where the line before
ends with punctuation, where the next line opens a list item ("- Căn cứ", "2.", "a)"), or
after the first line of the text (its title). A blank line, and ". " before a capital letter,
always end one.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from vankien.loaders.fold import LOWER_LETTERS, UPPER_LETTERS, alternation
from vankien.loaders.vocab import load_data

LIST_ITEM_SRC = r"(?:[-+•*–]|\d{1,2}[.)\-–/]|[a-zđ][)\-–/]|[IVX]{1,5}[.\-–/])[ \t]"   # a list item's mark at the start of a line ("- ", "2.", "3/ ", "b)", "a- ", "II.")
# Every alternative starts with one literal character (a class of punctuation is written as one
# alternative per mark, in the same order), so ``re`` scans for those characters only and tries
# the pattern there: 2.3 times as fast as with the classes, same matches. A match that starts with
# the sentence's own punctuation keeps it in the sentence (see ``segments``).
_UPPER, _LOWER = UPPER_LETTERS, LOWER_LETTERS
_BOUNDARY_RE = re.compile(
    r"\n[ \t]*\n\s*"                                   # blank line
    + "".join(rf"|{re.escape(c)}[ \t]*\n\s*" for c in ".:!?")      # line ending with punctuation
    + rf"|;[ \t]*\n\s*(?![{_LOWER}])"      # or with ";", unless the next line goes on in lower case (a list of names wrapped)
    + rf"|\n(?=[ \t]*{LIST_ITEM_SRC})\s*"                 # next line is a list item
    r"|\n(?=[ \t]*\|)|\|[ \t]*\n"                      # table cells of document headers
    + "".join(rf"|{re.escape(c)}(?<!\bTP\.)(?<!\b[A-ZĐ]\.)[ \t]{{1,3}}(?=[\"“”'(]?[{UPPER_LETTERS}])"
              for c in ".!?")                                # ". " before a capital
    + "".join(rf"|{re.escape(c)}[ \t]{{1,3}}(?={LIST_ITEM_SRC}[ \t]{{0,2}}[\"“'(]?[{UPPER_LETTERS}])"
              for c in ".;:")                                # a list item run into the line before ("…; - Căn cứ", "như sau: I. MỤC ĐÍCH")
)


# A sentence that ends inside its closing quote or bracket ("… đến cơ sở." / "Ban Thường vụ …", "… hiệu
# quả”. Các cấp ủy …" is the other order, above): the quote stays in the sentence, the break or the
# blanks before a capital end it. Only where the text holds such a mark (``_QUOTED_CLOSERS``).
_QUOTED_CLOSERS = "\"”’»)"
_QUOTED_END_RE = re.compile(rf"[.!?](?P<q>[{_QUOTED_CLOSERS}]{{1,2}})(?:[ \t]*\n\s*|[ \t]{{1,3}}(?=[{UPPER_LETTERS}]))")


# A heading in capitals run into the sentence after it, where a page lost its line breaks ("KẾ
# HOẠCH VỀ CỦNG CỐ … KINH TẾ - XÃ HỘI Thực hiện Nghị quyết số …"): three words in capitals or more,
# then a word in lower case but its first letter; the sentence starts with that word. Looked for
# only in sentences this long (a text with its lines, or a short sentence, has none) that open the
# text with a word in capitals (``_may_run_on``).
RUN_ON_MIN = 80
RUN_ON_ZONE = 4000      # … and only in a text's opening, where its headings stand
RUN_ON_HEADING_RE = re.compile(
    rf"(?<![^\W\d_])(?:[{_UPPER}]{{2,}}[ \t]{{1,3}}(?:[-–,][ \t]{{1,3}})?){{3,}}(?=[{_UPPER}][{_LOWER}])")

# Where a page ran a document's header into one line, its cells ("… | Số: 12-KH/TU | Hà Nội, ngày …")
# and the rules under its names ("THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH ------- |") end its lines.
CELL_RE = re.compile(r"[ \t]*(?:[-=*_]{3,}[ \t]*)?\|[ \t]*|[ \t]+[-=*_]{3,}(?=[ \t]|$)")

# lines with no ASCII lower-case letter: the candidates for a line in capitals
_LINE_RE = re.compile(r"^[^a-z\n]{1,200}\n", re.M)
# the same lines but the first, found from the line break before each (group 1: the line without
# its break): ``^`` gives ``re`` no character to scan for, so it tries the pattern at every position
# of the text; a search for "\n" is a fast scan, four times as fast, same lines (tests/test_codes_speed.py)
_NEXT_LINE_RE = re.compile(r"\n(?=([^a-z\n]{1,200})\n)")
_FIRST_LINE_RE = re.compile(r"[^a-z\n]{1,200}\n")


_ASCII_LOWER = re.compile(r"[a-z]")


def in_capitals(line: str) -> bool:
    """A line in capitals (a header or a document title) ends a sentence where it ends."""
    if _ASCII_LOWER.search(line):
        return False        # the usual case, found without upper-casing the whole line
    return line.upper() == line and any(c.isalpha() for c in line)


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


def segments(text: str) -> list[Segment]:
    """Sentences as ``(start, end)`` spans of ``text``; spans never overlap and skip the
    whitespace between sentences."""
    out: list[Segment] = []
    pos = 0
    first_line = text.find("\n", len(text) - len(text.lstrip()))
    cuts = [(m.start() + (text[m.start()] in ".;:!?"), m.end()) for m in _BOUNDARY_RE.finditer(text)]
    if first_line > 0:
        cuts.append((first_line, first_line + 1))
    m = _FIRST_LINE_RE.match(text)               # _LINE_RE's lines: the first one, then the others
    if m is not None and _capitals_line(m.group()):
        cuts.append((m.end() - 1, m.end()))
    # a line's text without its break: in capitals the same ("\n" is neither cased nor a letter)
    cuts.extend((m.end(1), m.end(1) + 1) for m in _NEXT_LINE_RE.finditer(text) if _capitals_line(m.group(1)))
    cuts.extend((m.start(), m.start() + 1) for m in _cue_line_re().finditer(text) if m.group("cue")[:1].isupper())
    cuts.extend((m.start() + 1, m.end()) for m in _basis_item_re().finditer(text) if text[m.end()].isupper())
    if any(c in text for c in _QUOTED_CLOSERS):
        cuts.extend((m.end("q"), m.end()) for m in _QUOTED_END_RE.finditer(text))
    cuts.sort()
    append, isspace = out.append, str.isspace
    for a, b in cuts:
        if a < pos:
            continue
        if pos < a and not isspace(text[pos]) and not isspace(text[a - 1]):
            append(Segment(pos, a))      # _add's usual case, without the call
        else:
            _add(out, text, pos, a)
        pos = b
    _add(out, text, pos, len(text))
    # only the sentences that start in the text's opening may hold a heading run into them
    # (``_may_run_on``); they come first (``out`` is in order): the others need no test
    for i, s in enumerate(out):
        if s.start >= RUN_ON_ZONE:
            break
        if _may_run_on(text, s):
            return out[:i] + [p for s in out[i:] for p in (_run_on(text, s) if _may_run_on(text, s) else (s,))]
    return out


def _may_run_on(text: str, s: Segment) -> bool:
    """A sentence that may hold a heading run into it: long, in the text's opening, opening with a word
    in capitals (the heading, or the letterhead before it)."""
    return s.end - s.start > RUN_ON_MIN and s.start < RUN_ON_ZONE and text[s.start:s.start + 2].isupper()


def _run_on(text: str, seg: Segment) -> list[Segment]:
    """``seg`` cut after each heading in capitals run into the sentence that follows it."""
    out: list[Segment] = []
    for a, b in run_on_pieces(text, seg.start, seg.end):
        _add(out, text, a, b)
    return out


def run_on_pieces(text: str, a: int, b: int):
    """The spans of ``text[a:b]`` cut after each heading in capitals run into what follows it; the
    span whole when it does not open with capitals (a heading run into a line opens it). The layout
    reads a long head line's pieces so too."""
    if not text[a:a + 2].isupper():
        yield a, b
        return
    for m in RUN_ON_HEADING_RE.finditer(text, a, b):
        yield a, m.end()
        a = m.end()
    yield a, b


@functools.cache
def _cue_line_re() -> re.Pattern:
    """A line break after a word or a bracket, before a line that opens with a relation cue written with
    its capital, perhaps after a news agency's mark ("… (Ảnh: T.Lưu)\nCăn cứ Chỉ thị số …", "…
    dịch\nKinhtedothi - Thực hiện Chỉ thị …"): a paragraph written a line to itself, the line before
    ending with no punctuation (a headline repeated, a photo's caption). A wrapped sentence opens no
    line with a cue's capital."""
    phrases = [p for row in load_data("cues.toml")["relation"] for p in row["phrases"] if "{n}" not in p]
    # the line break first, the look behind after it: ``re`` scans for line breaks (a look behind first
    # would make it try the pattern at every position)
    return re.compile(rf"\n(?<=[\w)]\n)[ \t]*(?:(?:\([^()\n]{{1,30}}\)|[{UPPER_LETTERS}][\w.]{{1,15}})[ \t]*[-–][ \t]+)?"
                      rf"(?P<cue>{alternation(phrases)})(?!\w)")


@functools.cache
def _basis_item_re() -> re.Pattern:
    """A ";" before a basis of the text's own document written with its capital (cues.toml: the
    relation cues with ``opening = "subject"``): "Căn cứ Luật …; Căn cứ Kết luận số …; Xét đề nghị
    …", a preamble's items run into one line where a page lost its line breaks. Each item is a
    sentence of its own, as on its own line. The match ends where the cue starts."""
    phrases = [p for row in load_data("cues.toml")["relation"] if row.get("opening") == "subject"
               for p in row["phrases"] if "{n}" not in p]
    return re.compile(rf";[ \t]{{1,3}}(?={alternation(phrases)}(?!\w))")


def _capitals_line(line: str) -> bool:
    """``in_capitals`` of a line ``_LINE_RE`` found: it holds no ASCII lower-case letter, so the
    test for one is left out."""
    return line.upper() == line and any(c.isalpha() for c in line)


def _add(out: list[Segment], text: str, a: int, b: int) -> None:
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        out.append(Segment(a, b))       # most sentences: the cuts took the spaces around them
        return
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Segment(a, b))


HEADLINE_MAX = 300


def is_headline(text: str, seg: Segment) -> bool:
    """A sentence that is a short line without a full stop: a text's first one so is its title."""
    line_end = text.find("\n", seg.end)
    rest = text[seg.end:] if line_end < 0 else text[seg.end:line_end]
    return seg.end - seg.start <= HEADLINE_MAX and text[seg.end - 1] not in ".;:!?" and not rest.strip()


def segment_index(segs: list[Segment]):
    """A function giving the index of the segment containing a position (or the one before)."""
    starts = [s.start for s in segs]

    def index(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)
    return index

