"""The layout of a text, read before any cue: what is letterhead, heading, title and body.

An official text opens with its letterhead ("ĐẢNG CỘNG SẢN VIỆT NAM" / "TỈNH ỦY ..."), its
number line ("Số: 87-KH/TU"), its place-and-date line, then its type heading in capitals
("KẾ HOẠCH") and its title under it ("thực hiện Nghị quyết số 29-NQ/TW ... về ..."), or a
"V/v ..." line; its body ends at the signature block and "Nơi nhận". A legal portal gives the
same facts as metadata fields ("Số hiệu", "Ngày ban hành", "Trích yếu"); a news article may
frame the document it reproduces ("… giới thiệu toàn văn Kế hoạch …").

The layout tells which document the text is (``subject.py``) and which sentences belong to
it: a relation cue in the title acts for the text's own document ("KẾ HOẠCH / thực hiện Nghị
quyết số 29-NQ/TW": the plan implements the resolution), and so does a cue of a sentence of
its body whose clause names no other acting document (``relations.py``). Words are data
(``layout.toml``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from vankien.loaders.fold import LOWER_LETTERS, UPPER_LETTERS, fold, one_of, one_of_by_first_letter, word_start
from vankien.loaders.patterns import body_re, type_word_re
from vankien.loaders.segments import CELL_RE, LIST_ITEM_SRC, RUN_ON_MIN, in_capitals, run_on_pieces
from vankien.loaders.vocab import load_data, vocab

HEAD_CHARS = 4000        # the header of a text lies in its opening
HEAD_LINES = 40          # non-empty lines read for the header
HEADING_LINES = 16       # the type heading is among the first lines
TITLE_CHARS = 700        # a title longer than this is body text
FIELD_VALUE = 600        # a portal field's value


@dataclass
class Layout:
    letterhead: tuple[int, int] | None = None
    number_line: tuple[int, int] | None = None
    place_date: tuple[int, int] | None = None
    heading: tuple[int, int] | None = None       # the type heading line ("KẾ HOẠCH")
    kind: str | None = None                      # its type word, canonical
    title: tuple[int, int] | None = None         # the title under it, or a "V/v" line
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)   # portal fields: name -> value span
    full_text: int | None = None                 # where a news article says it reproduces a document
    body_end: int | None = None                  # the signature block or "Nơi nhận"
    operative: tuple[int, int] | None = None     # "QUYẾT NGHỊ:" alone on its line, opening the document's own body

    @property
    def official(self) -> bool:
        """The text is a document of its own (not an article about one)."""
        return self.heading is not None or self.number_line is not None

    def in_title(self, pos: int) -> bool:
        spans = [s for s in (self.title, self.fields.get("summary")) if s is not None]
        return any(a <= pos < b for a, b in spans)

    def title_opening(self, pos: int, reach: int) -> bool:
        """``pos`` opens the title ("thực hiện Nghị quyết ...", "V/v triển khai ..."): within
        ``reach`` characters of its start."""
        # the title, then the summary field, tested in turn (called for every cue and mention)
        title = self.title
        if title and title[0] <= pos <= title[0] + reach:
            return True
        summary = self.fields.get("summary") if self.fields else None
        return bool(summary) and summary[0] <= pos <= summary[0] + reach

    def in_body(self, pos: int) -> bool:
        """``pos`` lies in the body of an official text: after its title, before its end matter; or
        in the operative part of a document a page reproduces ("QUYẾT NGHỊ" / …)."""
        if not self.official:
            return self.operative is not None and self.operative[1] <= pos and (self.body_end is None or pos < self.body_end)
        start = 0           # the end of the last of the title, heading, number and place-and-date lines
        for s in (self.title, self.heading, self.number_line, self.place_date):
            if s is not None and s[1] > start:
                start = s[1]
        return start <= pos and (self.body_end is None or pos < self.body_end)


@functools.cache
def _data() -> dict:
    return load_data("layout.toml")


def _opens(words: list[str]) -> re.Pattern:
    """A line that opens with one of ``words`` (as whole words), after spaces, "|" or "*"."""
    return re.compile(rf"[ \t|*]{{0,8}}(?:{one_of(words)})(?!\w)")


@functools.cache
def _res() -> dict[str, re.Pattern]:
    d = _data()
    res = {
        "party": re.compile(one_of(d["letterhead"]["party"])),
        "number": re.compile(rf"[ \t|*]{{0,8}}(?:{one_of(d['number_line']['words'])})[ \t]{{0,3}}:?[ \t]{{0,3}}\d"),
        "place_date": re.compile(rf"[^\n,]{{1,60}},[ \t]{{0,3}}{one_of(d['place_date']['day'])}[ \t]{{0,3}}\d"),
        "about": _opens(d["title"]["about"]),
        # (written for re's scan of the header: ``\b`` where every phrase opens with a word character,
        # the phrases under their first letters; the same matches, tests/test_speed_round7.py)
        "full_text": re.compile(rf"{word_start(d['news']['full_text'])}{one_of_by_first_letter(d['news']['full_text'])}(?!\w)"),
        "says": re.compile(rf"[ \t]{{1,3}}(?:{one_of(d['news']['says'])})(?!\w)"),
        # "xây dựng | kế hoạch", "xây dựng chương trình, | kế hoạch": the other type words made with it
        "making": re.compile(rf"(?<!\w)(?:{one_of(d['news']['making'])})[ \t\n]{{1,3}}"
                             rf"(?:(?:{one_of(sorted(vocab().type_words, key=len, reverse=True))})"
                             rf"[ \t]{{0,2}}(?:,|{one_of(load_data('cues.toml')['joining']['words'])})[ \t]{{1,3}}){{0,3}}$"),
        "according": re.compile(rf"(?:{one_of(d['news']['according'])})[ \t]{{1,3}}$"),
        "end": _opens(d["end"]["signature"] + d["end"]["recipients"]),
        "list_item": re.compile(r"[ \t]{0,8}" + LIST_ITEM_SRC),
    }
    for name, words in d["fields"].items():
        res["field:" + name] = re.compile(rf"[ \t|*]{{0,8}}(?:{one_of(words)})[ \t]{{0,3}}(?:[:|\t][ \t|]{{0,8}}|$)")
    # any of the fields: a line none of them opens is passed over with one test instead of one a field
    every = "|".join(one_of(words) for words in d["fields"].values())
    res["fields"] = re.compile(rf"[ \t|*]{{0,8}}(?:{every})[ \t]{{0,3}}(?:[:|\t][ \t|]{{0,8}}|$)")
    return res


@functools.cache
def _operative_re() -> re.Pattern:
    """A line that is only a word of layout.toml [operative], in capitals (a colon may follow)."""
    return re.compile(r"(?:^|(?<=\n))" + _operative_line_src())


def _operative_line_src() -> str:
    """``_operative_re`` from the start of its line: the word in any case and with its diacritics
    damaged or missing ("QUYET NGHI"); ``_operative`` keeps the lines in capitals."""
    words = one_of(_data()["operative"]["words"], r"[ \t]{1,3}")
    return rf"[ \t*]{{0,8}}(?P<word>{words})[ \t]{{0,3}}:?[ \t*]{{0,3}}(?=\n|$)"


@functools.cache
def _operative_line_re() -> re.Pattern:
    """``_operative_re`` after the line break that opens its line (the line is group 1): a search
    for line breaks is a fast scan, where ``_operative_re`` is tried at every position."""
    return re.compile(r"\n(" + _operative_line_src() + ")")


def _operative(text: str) -> tuple[int, int] | None:
    """The span of the first line ``_operative_re`` finds whose word is in capitals: the text's first
    line, or the first after a line break."""
    m = _operative_re().match(text)
    if m is not None and m.group("word").isupper():
        return m.span()
    for m in _operative_line_re().finditer(text):
        if m.group("word").isupper():
            return m.span(1)
    return None


LINKS_AFTER = 200      # a links line ends the article only after its first characters (not a title)


@functools.cache
def _links_re() -> re.Pattern:
    """A line that is only a heading of links to other articles (layout.toml [end] links)."""
    return re.compile(rf"^[ \t|*#>-]{{0,8}}(?:{one_of(_data()['end']['links'])})[ \t]{{0,3}}:?[ \t|]{{0,8}}$", re.M)


@functools.cache
def _links_after_break_re() -> re.Pattern:
    """``_links_re`` after the line break that opens its line: ``^`` gives ``re`` no character to
    scan for (it tries the pattern at every position), a line break does (a fast scan)."""
    return re.compile(r"\n" + _links_re().pattern[1:], re.M)


def article_end(text: str) -> int:
    """Where a news page's article ends: at its first line of links to other articles ("Tin liên
    quan:", "Các tin khác") after its opening; the text's length when it has none. (``_links_re``
    searched from ``LINKS_AFTER``, whose ``^`` holds there only after a line break: the line
    breaks from the character before are scanned for instead.)"""
    m = _links_after_break_re().search(text, LINKS_AFTER - 1)
    return m.start() + 1 if m else len(text)


def _lines(text: str, lo: int, hi: int):
    """(start, end) of each line of ``text[lo:hi]``, without its line break. A long line that holds
    a table's cells ("Số: 16-HD/BTCTW | Hà Nội, ngày …") or a heading in capitals run into the
    sentence after it, where a page lost its line breaks, gives each piece as a line."""
    pos = lo
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl < 0 else nl
        if end - pos > RUN_ON_MIN:
            yield from _pieces(text, pos, end)
        else:
            yield pos, end
        pos = end + 1


# every match of CELL_RE holds a "|" or three of "-=*_" in a row: a line with neither has no cell
_CELL_MARK_RE = re.compile(r"\||[-=*_]{3}")


def _pieces(text: str, a: int, b: int):
    if _CELL_MARK_RE.search(text, a, b) is None:
        yield from run_on_pieces(text, a, b)        # most long lines: no cell (a fast scan tells)
        return
    cut = a
    for m in CELL_RE.finditer(text, a, b):
        yield from run_on_pieces(text, cut, m.start())
        cut = m.end()
    yield from run_on_pieces(text, cut, b)




def _text_after_line(text: str, pos: int) -> bool:
    """Text follows the line of ``pos``, at least ``REPRODUCED_MIN`` characters of it (an article that
    says it reproduces a document goes on with its text; a link's label at its end, "Xem toàn văn Kế
    hoạch số 89-KH/TU tại đây" and a file's name under it, is no document's text)."""
    end = text.find("\n", pos)
    return end >= 0 and len(text) - end >= REPRODUCED_MIN and len(text[end:].strip()) >= REPRODUCED_MIN


REPRODUCED_MIN = 80       # the least text a reproduced document has (a heading, a title, a line)


def body_act(text: str, end: int, addressed=None) -> tuple[int, int, str, str | None] | None:
    """The first act of a body in ``text[:end]`` ("Ban Bí thư kết luận", "Hội nghị quyết nghị"):
    (start, end, kind of the document it acts by, the body as written or None for a meeting),
    layout.toml ``[news.acts]``. An act of
    ``[news] addressed`` ("yêu cầu") counts only where ``addressed(pos)``, given the position after
    the verb, finds whom it addresses ("… yêu cầu các huyện ủy …", not "… yêu cầu phát triển …")."""
    words = _act_words_re()
    w = words.search(text, 0, end)
    if w is None:
        return None         # every match holds an act word: most texts have none, found by a faster scan
    news = _data()["news"]
    acts = news["acts"]
    needs = {fold(a) for a in news.get("addressed", ())}
    # the whole pattern's matches in turn, each looked for only before an act word (its last words), within
    # the reach of a body, a person's name and an aspect word: act words are common ("giao", "chỉ đạo"),
    # bodies before them rare, and the body pattern is long (tests/test_shortcut_speed.py: the same acts)
    ending = _acts_end_re()
    pos = 0
    while w is not None:
        m = ending.search(text, max(pos, w.start() - ACT_REACH), w.end())
        if m is not None:
            pos = m.end()
            act = fold(" ".join(m.group("act").split()))      # "kết\nluận" wrapped: the words, one space apart
            if not (act in needs and (addressed is None or not addressed(m.end("act")))):
                return m.start("act"), m.end("act"), acts[next(a for a in acts if fold(a) == act)], m.group("body")
        w = words.search(text, max(w.end(), pos), end)
    return None


ACT_REACH = 200     # from where a body's name starts to the end of its act word


@functools.cache
def _acts_re() -> re.Pattern:
    news = _data()["news"]
    return re.compile(rf"(?:{body_re().pattern}{_PERSON_SRC}|(?<!\w){one_of(news['meetings'])})[ \t\n,]{{1,3}}"
                      rf"(?:{one_of(news['act_aspect'])}[ \t\n]{{1,2}})?(?P<act>{_act_words_src()})(?!\w)")


# a person's name after the post that heads a body ("Phó Chủ tịch UBND tỉnh Nguyễn Thị Thanh Hương yêu
# cầu …"): two to five words, each opening with a capital
_PERSON_SRC = rf"(?:(?:[ \t][{UPPER_LETTERS}][{LOWER_LETTERS}]{{1,7}}){{2,5}}(?!\w))?"


@functools.cache
def _acts_end_re() -> re.Pattern:
    """``_acts_re`` ending where the search ends (at an act word's end)."""
    return re.compile(_acts_re().pattern + r"\Z")


def _act_words_src() -> str:
    return one_of(list(_data()["news"]["acts"]))


@functools.cache
def _act_words_re() -> re.Pattern:
    """The act words of ``_acts_re`` alone (the same pattern): where none stands, it matches nowhere."""
    return re.compile(_act_words_src())


def names_the_party(line: str) -> bool:
    """``line`` is the letterhead's right column ("ĐẢNG CỘNG SẢN VIỆT NAM", layout.toml [letterhead] party)."""
    return _res()["party"].search(line) is not None


def says_at(text: str, pos: int) -> bool:
    """A verb of saying or requiring follows ``pos`` ("Kết luận| nêu ...")."""
    return _res()["says"].match(text, pos) is not None


CLAUSE_OPENING = 40       # how far back a clause's opening is looked for


def to_be_made(text: str, start: int) -> bool:
    """The type word at ``start`` follows a verb of making ("xây dựng kế hoạch"): a document to come."""
    return _res()["making"].search(text, max(0, start - CLAUSE_OPENING), start) is not None


def opens_clause_as_own(text: str, start: int, end: int) -> bool:
    """A lower-case type word at ``start:end`` that names the article's own document: at the
    opening of a clause (after "Theo đó, ") before a verb of saying ("kế hoạch đề ra ..."), or
    after "theo" and before a comma ("Theo kế hoạch, ...")."""
    lo = max(0, start - CLAUSE_OPENING)
    cut = max(text.rfind(c, lo, start) for c in ".;:\n,")
    if cut < 0 and lo > 0:
        return False
    before = text[cut + 1 if cut >= 0 else lo:start]
    if not before.strip():
        return says_at(text, end)
    return (len(before.split()) == 1 and _res()["according"].match(before.strip() + " ") is not None
            and text.startswith(",", end))


def read_layout(text: str) -> Layout:
    lay = Layout()
    r = _res()
    head_end = min(len(text), HEAD_CHARS)
    lines = [(a, b) for a, b in _lines(text, 0, head_end)]
    nonempty = 0
    i = 0
    while i < len(lines) and nonempty < HEAD_LINES:
        a, b = lines[i]
        line = text[a:b]
        i += 1
        if not line.strip():
            continue
        nonempty += 1
        if _field(text, lay, lines, i - 1, r):
            continue
        capitals = in_capitals(line)
        if lay.heading is None and capitals and nonempty <= HEADING_LINES and _heading(text, lay, a, b):
            i = _title(text, lay, lines, i, r)
            continue
        if lay.heading is None and capitals and r["party"].search(line):
            lay.letterhead = (lay.letterhead[0] if lay.letterhead else a, b)
        elif lay.number_line is None and lay.heading is None and r["number"].match(line) and len(line) < 120:
            lay.number_line = (a, b)
        elif lay.place_date is None and lay.heading is None and len(line) < 120 and r["place_date"].match(line):
            lay.place_date = (a, b)
        elif lay.title is None and r["about"].match(line) and nonempty <= HEADING_LINES:
            lay.title = (a + len(line) - len(line.lstrip(" \t|*")), b)
    m = r["full_text"].search(text, 0, head_end)
    if m and _text_after_line(text, m.end()):
        lay.full_text = m.end()     # (on the last line, "Xem toàn văn Kế hoạch tại đây" links to it)
    operative = _operative(text)
    if operative:
        lay.operative = operative
    if lay.official:
        lay.body_end = _body_end(text, lay.title[1] if lay.title else 0, r["end"])
    return lay


END_LINE_CHARS = 80     # a line of the end matter ("Nơi nhận:", "T/M BAN THƯỜNG VỤ") is short


@functools.cache
def _end_after_break_re() -> re.Pattern:
    """A line break and the words that open a line of the end matter (``_res()["end"]`` without
    the end of its last word): ``re`` finds the line breaks fast, and only the lines that open
    with such a word are read."""
    d = _data()["end"]
    return re.compile(rf"\n[ \t|*]{{0,8}}(?:{one_of(d['signature'] + d['recipients'])})")


def _body_end(text: str, start: int, end_re: re.Pattern) -> int | None:
    """The first line from ``start`` (a line of fewer than ``END_LINE_CHARS`` characters that
    ``end_re`` matches, read alone) where the end matter starts. The same as reading every line
    (``_lines``) in turn; only the line at ``start`` and those the scan for their opening words
    finds are read."""
    n = len(text)
    b = text.find("\n", start)
    b = n if b < 0 else b
    if start < n and b - start < END_LINE_CHARS and end_re.match(text, start, b):
        return start
    scan = _end_after_break_re()
    m = scan.search(text, b)
    while m is not None:
        a = m.start() + 1
        b = text.find("\n", a)
        b = n if b < 0 else b
        if b - a < END_LINE_CHARS and end_re.match(text, a, b):
            return a
        m = scan.search(text, a)
    return None


def _heading(text: str, lay: Layout, a: int, b: int) -> bool:
    """A line in capitals that opens with a type word and names no number: the type heading."""
    line = text[a:b]
    lead = len(line) - len(line.lstrip(" \t|*"))
    m = type_word_re().match(text, a + lead, b)
    if m is None or m.group("num") or m.group("so") or m.group("dem"):
        return False
    kind = vocab().canonical_word(m.group("word"))
    if kind is None:
        return False
    lay.heading, lay.kind = (a, b), kind
    return True


def _title(text: str, lay: Layout, lines: list[tuple[int, int]], i: int, r: dict) -> int:
    """The lines under the heading: the first one, then those that go on in lower case, up to a
    blank line, a separator, a line in capitals, a list item or ``max_lines`` lines; returns the
    index of the next line to read."""
    seps = set(_data()["title"]["separators"])
    limit = int(_data()["title"]["max_lines"])
    start = end = None
    n = 0
    while i < len(lines) and n < limit:
        a, b = lines[i]
        line = text[a:b].strip()
        if not line:
            if start is None and n == 0 and i + 1 < len(lines) and text[lines[i + 1][0]:lines[i + 1][1]].strip():
                i += 1          # one blank line between the heading and its title
                n = -1
                continue
            break
        capitals = in_capitals(line)
        if set(line) <= seps | {" "} or r["list_item"].match(text, a, b) or r["end"].match(text, a, b):
            break
        if start is not None and not (line[:1].islower() or capitals and in_capitals(text[start:end])):
            break           # the title goes on in lower case ("... khóa XIII" / "về công nghiệp ..."), or in capitals
        if start is None and capitals and _heading_like(text, a, b):
            break           # a second heading, not a title
        if start is None:
            start = a + len(text[a:b]) - len(text[a:b].lstrip())
        end = b
        n = max(n, 0) + 1
        i += 1
        if end - start > TITLE_CHARS:
            start = end = None      # body text, not a title
            break
    if start is not None:
        lay.title = (start, end)
    return i


def _heading_like(text: str, a: int, b: int) -> bool:
    """A line in capitals that is only a type word ("NGHỊ QUYẾT" after "QUYẾT ĐỊNH")."""
    m = type_word_re().match(text, a + len(text[a:b]) - len(text[a:b].lstrip()), b)
    return m is not None and not text[m.end("word"):b].strip()


def _field(text: str, lay: Layout, lines: list[tuple[int, int]], i: int, r: dict) -> bool:
    """A portal metadata field ("Trích yếu: ...", or its label alone and the value on the next line)."""
    a, b = lines[i]
    if not r["fields"].match(text, a, b):
        return False
    for name in _data()["fields"]:
        m = r["field:" + name].match(text, a, b)
        if m is None or name in lay.fields:
            continue
        if text[m.end():b].strip():
            va, vb = m.end(), b
        else:
            nxt = next(((x, y) for x, y in lines[i + 1:i + 3] if text[x:y].strip()), None)
            if nxt is None:
                continue
            va, vb = nxt
        va += len(text[va:vb]) - len(text[va:vb].lstrip())
        lay.fields[name] = (va, min(vb, va + FIELD_VALUE))
        return True
    return False
