"""Normalise decoded text: Unicode NFC, look-alike letters, invisible characters, bad code points.

Real texts write Đ as U+00D0 (Latin capital Eth, from Icelandic code pages) and carry
zero-width or non-breaking spaces from web pages. Look-alikes are mapped one character for one
character; invisible characters (soft hyphens, zero-width spaces and joiners, word joiners, stray
BOMs) are removed, since inside a symbol they would split it ("2\\u00ad5-NQ/TW" must read as
25-NQ/TW, never 5-NQ/TW); lone surrogates (from a JSON ``"\\ud800"`` escape) become U+FFFD, as
they cannot be written as UTF-8. Mention offsets index the returned text;
:func:`normalize_reporting` also says what was removed or replaced, for the record's warnings.
"""
from __future__ import annotations

import bisect
import functools
import re
import textwrap
import unicodedata

from vankien.loaders.fold import LOWER_LETTERS, UPPER_LETTERS
from vankien.loaders.legacy import _table as _tcvn3_table, repair_tcvn3
from vankien.loaders.source import Warn

# look-alike -> intended letter, one char to one char
_LOOKALIKES = {
    "\u00d0": "\u0110",  # Ð (Eth) -> Đ
    "\u00f0": "\u0111",  # ð (eth) -> đ
    "\u0189": "\u0110",  # Ɖ (African D) -> Đ
    "\u00a0": " ",       # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u2010": "-",       # hyphen variants; en/em dashes are kept (they are meaningful in prose)
    "\u2011": "-",
}
# invisible characters, removed: what the warning calls them
INVISIBLE = {
    "\u00ad": "soft hyphen U+00AD",
    "\u200b": "zero-width space U+200B",
    "\u200c": "zero-width non-joiner U+200C",
    "\u200d": "zero-width joiner U+200D",
    "\u2060": "word joiner U+2060",
    "\ufeff": "byte order mark U+FEFF",
}
REPLACEMENT = "\ufffd"
_TABLE = str.maketrans({**_LOOKALIKES, **dict.fromkeys(INVISIBLE)})
_INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPECIAL_RE = re.compile("[\ud800-\udfff" + "".join(INVISIBLE) + "".join(_LOOKALIKES) + "]")
_CLEANED_CHARS = (*INVISIBLE, *_LOOKALIKES)      # what _SPECIAL_RE finds but surrogates


SURROGATE_CHECK_CHARS = 1 << 16   # encoded at a time by _has_surrogates (a text this short: at once)


def _has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a code point of U+D800 to U+DFFF (what ``_SURROGATE_RE`` finds): UTF-8
    encodes every code point but those, so encoding fails exactly then (a pass in C, five times as
    fast as the regular expression's scan); in pieces, so that a long text is not copied whole."""
    for start in range(0, len(text), SURROGATE_CHECK_CHARS):
        try:
            text[start:start + SURROGATE_CHECK_CHARS].encode("utf-8")
        except UnicodeEncodeError:
            return True
    return False


def _has_special(text: str) -> bool:
    """``_SPECIAL_RE.search(text) is not None``: a test of ``in`` for each of its characters (a search
    in C, twenty times as fast as the regular expression's scan), then one for surrogates."""
    return any(char in text for char in _CLEANED_CHARS) or _has_surrogates(text)


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with look-alike letters mapped to Vietnamese ones, lines typed in
    a legacy font encoding (TCVN3) converted, invisible characters removed and lone surrogates
    replaced by U+FFFD.

    Line breaks are unified to ``\\n`` (``\\r\\n`` and ``\\r``).
    """
    return normalize_reporting(text)[0]


def normalize_reporting(text: str) -> tuple[str, list[Warn]]:
    """:func:`normalize_text` of ``text`` and warnings for what it converted, removed or replaced."""
    for known, warned in _FIXED:            # a text this function gave and knows to be its own result
        if known is text:
            return text, [Warn(w.code, w.message, w.start, w.end) for w in warned]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = dedent_lines(strip_line_ends(text))
    normal, warnings = _normalize_lines(text)
    if normal is text:
        _remember_fixed(normal, warnings)
    return normal, warnings


# Texts known to be their own normal form, with the warnings normalising them gives: a text that
# normalising left as it was after its first steps (line breaks unified, blanks at line ends and shared
# indentation taken out; the same object back from the rest) gives, normalised again, the same steps on
# the same string, so the same text and warnings: those first steps leave their own result as it is (no
# "\r" is left, nor a blank before a line break; dedenting takes out the longest margin all lines
# share, after which they share none, and creates no blank before a line break). The readers normalise a
# decoded text, then its record normalises it again, and extraction once more: those repeats cost nothing.
# Kept by identity (``is``), the last FIXED_KEPT only (a record's text, then its url, title and date);
# a tuple swapped whole, safe across threads.
FIXED_KEPT = 4
_FIXED: tuple[tuple[str, tuple[Warn, ...]], ...] = ()


def _remember_fixed(text: str, warnings: list[Warn]) -> None:
    global _FIXED
    _FIXED = ((text, tuple(Warn(w.code, w.message, w.start, w.end) for w in warnings)), *_FIXED[:FIXED_KEPT - 1])


@functools.cache
def _to_do_class() -> str:
    """The inside of a character class of what the TCVN3 repair (one of its signs) or the cleaning
    (invisible, look-alike, lone surrogate) acts on."""
    chars = "".join(sorted(set(_tcvn3_table().signs) | set(INVISIBLE) | set(_LOOKALIKES)))
    return re.escape(chars) + "\ud800-\udfff"


@functools.cache
def _anything_to_do_re() -> re.Pattern:
    """Any character that the TCVN3 repair or the cleaning acts on: where it finds none, both leave
    the text as it is (one scan for two)."""
    return re.compile(f"[{_to_do_class()}]")


def _anything_to_do(text: str) -> tuple[bool, bool]:
    """(whether :func:`_anything_to_do_re` finds a character in ``text``, whether ``_GLUED_RE`` may find
    one): :func:`_scan`'s first two answers."""
    return _scan(text)[:2]


# Characters in NFC whatever stands around them: no canonical combining class, left as they are by
# NFC alone, never the second of a pair NFC composes, no Hangul letter (tests/test_reading_round7.py
# checks each against unicodedata; Unicode's stability policy keeps this for a character once encoded):
# Latin and its extensions, the Vietnamese block, punctuation, currency, arrows, mathematical
# operators, box drawing, shapes, symbols, the ideographic space. A text made only of them is in NFC.
NFC_STABLE_RANGES = ((0x0000, 0x02FF), (0x1E00, 0x1EFF), (0x2002, 0x200A), (0x2010, 0x2027), (0x2030, 0x205E),
                     (0x20A0, 0x20C0), (0x2190, 0x22FF), (0x2500, 0x27BF), (0x3000, 0x3000))


def _class_of(codes: set[int]) -> str:
    """The inside of a character class matching the code points ``codes`` (as ranges)."""
    out, run = [], []
    for code in sorted(codes):
        if run and code == run[-1] + 1:
            run.append(code)
            continue
        if run:
            out.append(re.escape(chr(run[0])) + ("-" + re.escape(chr(run[-1])) if len(run) > 1 else ""))
        run = [code]
    if run:
        out.append(re.escape(chr(run[0])) + ("-" + re.escape(chr(run[-1])) if len(run) > 1 else ""))
    return "".join(out)


@functools.cache
def _first_stop_re() -> re.Pattern:
    """The first character :func:`_anything_to_do_re` finds, or capital ``_GLUED_RE`` finds, or character
    outside NFC_STABLE_RANGES, whichever comes first: one scan for three, as all three start with one
    class of characters (the union of theirs) and most characters are in none. The first branch takes
    a character to clean or not stable, the second a glued capital (tried on the same character after
    the first)."""
    stable = {code for first, last in NFC_STABLE_RANGES for code in range(first, last + 1)}
    to_do = {ord(c) for c in _tcvn3_table().signs} | {ord(c) for c in (*INVISIBLE, *_LOOKALIKES)}
    stable_to_keep = stable - to_do             # (surrogates are not in the stable ranges)
    upper = {ord(c) for c in _UPPER}
    return re.compile(f"[^{_class_of(stable_to_keep - upper)}]"
                      f"(?:(?<=[^{_class_of(stable_to_keep)}])|(?<=[{_LOWER}].)(?=[{_LOWER}]))")


def _scan(text: str) -> tuple[bool, bool, bool]:
    """(whether :func:`_anything_to_do_re` finds a character in ``text``, whether ``_GLUED_RE`` may find
    one, whether ``text`` is known to be in NFC): one scan in the usual case, a text with none of them
    and only characters of NFC_STABLE_RANGES; anything found first (rare) is followed by a scan of the
    rest for characters to clean, and the text's NFC is left to unicodedata to tell."""
    first = _first_stop_re().search(text)
    if first is None:
        return False, False, True           # no match of any: not at any position
    if _anything_to_do_re().match(text, first.start()) is not None:
        return True, True, False
    return _anything_to_do_re().search(text, first.end()) is not None, True, False


def _clean_special(text: str) -> str:
    """``text.translate(_TABLE)`` (look-alikes mapped, invisible characters removed), done with one
    ``str.replace`` per character present: translating looks up every character in Python objects
    (about 0.1 us each), where finding one character is a scan in C."""
    for char, replacement in _CLEANED:
        if char in text:
            text = text.replace(char, replacement)
    return text


# what _TABLE maps, as (character, replacement); no replacement is itself mapped, so the order is free
_CLEANED = tuple((chr(code), to or "") for code, to in _TABLE.items())


def _normalize_lines(text: str) -> tuple[str, list[Warn]]:
    """:func:`normalize_reporting` of a text whose line breaks are already ``\\n``, with no blanks at
    line ends or indentation shared by all lines."""
    if text.isascii():
        # nothing to clean; words run together only after a type word typed without diacritics
        text, glued = split_glued(text)
        text, joined = unwrap_lines(text)
        return text, ([_glued_warning(glued)] if glued else []) + ([_unwrapped_warning(joined)] if joined else [])
    warnings: list[Warn] = []
    scanned = text
    to_do, glued_maybe, in_nfc = _scan(text)
    if not to_do:
        special = False                     # the usual case: no TCVN3 sign, nothing to clean
    else:
        # first: TCVN3 writes "ư" as U+00AD, which is removed below as a soft hyphen
        text, lines = repair_tcvn3(text)
        if lines:
            warnings.append(Warn("legacy_encoding", f"{lines} line(s) typed in the TCVN3 (ABC) font encoding "
                                                    "were converted to Unicode"))
        special = _has_special(text)
    if special:
        warnings += cleaning_warnings(text)
        if _has_surrogates(text):
            text = _SURROGATE_RE.sub(REPLACEMENT, text)
    if not in_nfc and not unicodedata.is_normalized("NFC", text):     # (in_nfc: text is the one scanned)
        text = unicodedata.normalize("NFC", text)
    if special:
        text = _clean_special(text)
    # split_glued finds nothing in the text scanned above if the scan found no glued capital in it
    text, glued = split_glued(text) if glued_maybe or text is not scanned else (text, 0)
    if glued:
        warnings.append(_glued_warning(glued))
    text, joined = unwrap_lines(text)
    if joined:
        warnings.append(_unwrapped_warning(joined))
    return text, warnings


def _glued_warning(glued: int) -> Warn:
    return Warn("glued_words", f"{glued} pair(s) of words run together were split "
                               "(\"Nghị quyếtHội nghị\" -> \"Nghị quyết Hội nghị\")")


def _unwrapped_warning(joined: int) -> Warn:
    return Warn("hard_wrapped", f"the text is wrapped at a fixed width (as a PDF's text layer is): {joined} line "
                                "break(s) inside sentences were joined")


WRAP_MIN_LINE = 40        # lines shorter than this say nothing about a wrapping width
WRAP_MIN_WIDTH = 55       # nor one whose long lines are shorter (a table's rows, a list)
WRAP_MAX_WIDTH = 120      # a text whose long lines are longer is not wrapped
WRAP_SLACK = 15           # a wrapped line ends within this many characters of the width
WRAP_SHARE = 0.5          # at least this share of the long lines end so
_ITEM_START_RE = re.compile(r"\s*(?:[-+•*–]|\d{1,2}[.)/]|[a-zđ][)/]|[IVXLC]{1,5}[.)/]|Điều\s+\d)\s")
_SENTENCE_PUNCT = ".!?:;"
# a proper name broken over two lines ("Huyện ủy Chợ | Mới"): a capitalised word ends the line and
# one opens the next (not after the text's first line, often a headline)
_NAME_END_RE = re.compile(rf"(?<!\S)[{UPPER_LETTERS}][{LOWER_LETTERS}]*\Z")
_NAME_START_RE = re.compile(rf"\s*[{UPPER_LETTERS}][{LOWER_LETTERS}]*(?!\S)")
# a date broken after its month ("ngày 1.11. | 2011"): the full stop ends no sentence
_DATE_BROKEN_RE = re.compile(r"(?<!\d)\d{1,2}[./]\d{1,2}[./]\Z")
_YEAR_START_RE = re.compile(r"\s*(?:19|20)\d\d(?!\d)")
# a document's symbol broken before the dash of its type code ("Hướng dẫn số 18 | – HD/BTGTW"): the
# dash is no list item's mark there
_NUMBER_END_RE = re.compile(r"(?<![\d/.])\d{1,5}\Z")
_CODE_REST_RE = re.compile(r"[ \t]*[-–][ \t]*[A-ZĐ]{1,8}/")
# a line that opens with a full date and a capitalised word is a row of a table (a portal's history
# of a document: "10/02/2009 Văn bản có hiệu lực …"), not a sentence's next piece
_DATED_ROW_RE = re.compile(rf"\s*\d{{1,2}}[./-]\d{{1,2}}[./-](?:19|20)\d\d[ \t]+[{UPPER_LETTERS}]")


@functools.cache
def _open_end_re() -> re.Pattern:
    """A line's last word that never ends a sentence (citations.toml [cited] `open_ends`), or a
    relation cue, whose object follows it (cues.toml: "… sau khi nghe | Báo cáo của …"), perhaps with
    words of manner after it (citations.toml [cited] `manner`: "… triển khai sâu rộng | Kết luận …"): the sentence
    goes on on the next line even where that one opens with a capital ("… của Ban | Thường vụ Tỉnh
    ủy")."""
    from vankien.loaders.fold import alternation, one_of
    from vankien.loaders.vocab import load_data
    cues = [p for row in load_data("cues.toml")["relation"] for p in row["phrases"] if "{n}" not in p]
    cited = load_data("citations.toml")["cited"]
    return re.compile(rf"(?<!\w)(?:{one_of(cited['open_ends'])}|(?P<place>{one_of(cited['place_open_ends'] + cited['person_open_ends'])})"
                      rf"|{alternation(cues)}(?:[ \t]*,?[ \t]{{1,3}}{one_of(cited['manner'])}){{0,3}})\s*\Z")


def _opens_with_task(line: str) -> bool:
    """``line`` opens with a task verb in capitals ("Hướng dẫn các chi bộ …", organizations.toml
    ``task_verbs``): a sentence starts there (a verb in running text is in lower case), after a list
    item's heading ("1. Ban Tuyên giáo các huyện ủy | Hướng dẫn …"), not a name broken over two lines."""
    from vankien.loaders.organizations import org_vocab
    start = len(line) - len(line.lstrip())
    return org_vocab().task_re.match(line, start) is not None


def ends_open(line: str, next_line: str | None = None) -> bool:
    """``line`` ends with a word no sentence or name ends with (citations.toml [cited] `open_ends`)
    or a relation cue: what follows on the next line goes on with it; or with a body or a unit
    before its place's name (`place_open_ends`) or a post before a person's name (`person_open_ends`),
    unless ``next_line`` opens with a task verb in capitals. Only the line's last ``OPEN_END_CHARS`` are searched (the pattern ends the line; a
    search from its start would try it at every position of a long line)."""
    m = _open_end_re().search(line, max(0, len(line) - OPEN_END_CHARS))
    return m is not None and not (m.group("place") and next_line is not None and _opens_with_task(next_line))


OPEN_END_CHARS = 80     # longer than any open end or cue, with the blanks after it


def strip_line_ends(text: str) -> str:
    """``text`` without the blanks that end its lines ("… yêu cầu   \n các cấp …": they say nothing, and
    a line's end is read as its last character); the same object when none does."""
    if " \n" not in text and ("\t" not in text or "\t\n" not in text):     # (one character: found faster)
        return text
    # what _LINE_END_BLANKS_RE.sub("", text) gives (the last line, which no line break ends, kept as it
    # is), line by line: the expression tries a match at every blank of the text, five times as slow
    lines = text.split("\n")
    last = lines.pop()
    return "\n".join([line.rstrip(" \t") for line in lines] + [last])


_LINE_END_BLANKS_RE = re.compile(r"[ \t]+(?=\n)")


def dedent_lines(text: str) -> str:
    """``text`` without the indentation all its lines share (a PDF's text layer often indents every
    line: "    Ban Thường vụ Tỉnh ủy …"); the same object when a line is not indented (most texts,
    told by one search)."""
    if _UNINDENTED_RE.search(text) is not None or len(_LINE_RE.findall(text, 0, DEDENT_LINES_READ)) < DEDENT_MIN_LINES:
        return text         # (a text of a line or two: a space before it says nothing)
    return textwrap.dedent(text)


DEDENT_MIN_LINES = 3        # lines a text needs for its shared indentation to be taken out
DEDENT_LINES_READ = 2000    # … counted in its opening


_UNINDENTED_RE = re.compile(r"(?:^|\n)[^\s]")      # a line that opens with no blank


DOUBLE_SPACED_SHARE = 0.9     # this share of a text's line breaks in pairs between lines: a blank line after each


def unwrap_lines(text: str) -> tuple[str, int]:
    """``_unwrap_lines`` of ``text``, or of ``text`` with a blank line taken out after each of its lines
    when it was typed double-spaced and so wrapped ("… các cơ quan, đơn\n\nvị và từng cán bộ …": each
    line a wrapped line's piece, a run of more blank lines a paragraph's end)."""
    lines = text.split("\n")
    width = _wrap_width(text, lines)
    if width is None:
        # nor is it without its single blank lines (below), so nothing is joined either way: taking
        # them out leaves the other lines as they are, so the same lines of WRAP_MIN_LINE characters or
        # more and the same widths; and it takes out as many line breaks as characters, which leaves a
        # text that was too long for its line breaks too long for them still
        return text, 0
    out, joined = _unwrap_lines(text, lines, width)
    if joined or text.count("\n\n") * 2 < DOUBLE_SPACED_SHARE * text.count("\n"):
        return out, joined      # (most line breaks not in pairs, told by two counts: most texts)
    pairs = len(_DOUBLE_RE.findall(text))
    if pairs < DOUBLE_SPACED_SHARE * (len(_LINE_RE.findall(text)) - 1):
        return out, joined
    single = _DOUBLE_RE.sub("\n", text)
    lines = single.split("\n")
    width = _wrap_width(single, lines)
    single, joined = _unwrap_lines(single, lines, width) if width is not None else (single, 0)
    return (single, joined) if joined else (text, 0)


_DOUBLE_RE = re.compile(r"(?<=[^\n])\n\n(?=[^\n])")     # a single blank line between two lines
_LINE_RE = re.compile(r"[^\n]+")


def _wrap_width(text: str, lines: list[str]) -> int | None:
    """The width ``text`` (split in ``lines``) is wrapped at (see :func:`_unwrap_lines`), or ``None``
    when it is not wrapped."""
    if len(text) > 2 * WRAP_MAX_WIDTH * len(lines):
        return None             # lines far longer than any wrapping width, on average: not wrapped
    long = sorted([n for n in _lengths(lines) if n >= WRAP_MIN_LINE])
    if len(long) < 5:
        return None
    width = long[int(len(long) * 0.9) - 1]
    near_width = len(long) - bisect.bisect_left(long, width - WRAP_SLACK)      # (long is sorted)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH or near_width < WRAP_SHARE * len(long):
        return None
    return width


def _lengths(lines: list[str]) -> list[int]:
    """The length of each line without the blanks that end it (mapped in C)."""
    return list(map(len, map(str.rstrip, lines)))


def _unwrap_lines(text: str, lines: list[str], width: int) -> tuple[str, int]:
    """``text`` with the line breaks of a fixed-width wrapping joined (a PDF's text layer, a
    plain-text e-mail: "… Ban Thường vụ Tỉnh ủy yêu cầu các cấp\nủy đảng tổ chức …"), and how
    many. A text is wrapped when most of its long lines end near one width (at most
    ``WRAP_MAX_WIDTH``); a break is joined when its line reaches that width, does not end a
    sentence and is no heading in capitals, and the next line opens no list item or heading and
    goes on in lower case, or the line ends with a comma or a word no sentence ends with
    (``_open_end_re``).
    Texts written a paragraph to a line are left as they are (:func:`_wrap_width` says ``None``): ``lines``
    are ``text``'s and ``width`` the width it gives."""
    lengths = _lengths(lines)
    parts = [lines[0]]
    joined = 0
    for i in range(1, len(lines)):
        prev, line = lines[i - 1].rstrip(), lines[i]
        if lengths[i - 1] >= width - WRAP_SLACK and line.strip() and (
                prev[-1:] not in _SENTENCE_PUNCT and not _ITEM_START_RE.match(line) and not prev.isupper()
                and not (prev.endswith("|") or line.lstrip().startswith("|")        # a table's row,
                         or "\t" in prev.lstrip() or "\t" in line.strip())             # or cells between tabs
                and (not line.lstrip()[:1].isupper() and not _DATED_ROW_RE.match(line) or ends_open(prev, line)
                     or prev.endswith(",")
                     or i > 1 and _NAME_END_RE.search(prev) and _NAME_START_RE.match(line)
                     and not _opens_with_task(line))
                or _DATE_BROKEN_RE.search(prev) and _YEAR_START_RE.match(line)
                or _NUMBER_END_RE.search(prev) and _CODE_REST_RE.match(line)):
            parts[-1] = parts[-1].rstrip()
            parts += [" ", line.lstrip()]
            joined += 1
        else:
            parts += ["\n", line]
    return ("".join(parts), joined) if joined else (text, 0)


_UPPER, _LOWER = UPPER_LETTERS, LOWER_LETTERS
# a capital right after a lower-case letter, starting a word in lower case: "quyếtHội" (the capital
# is matched first: most characters are not one, so the scan fails fast)
_GLUED_RE = re.compile(rf"[{_UPPER}](?<=[{_LOWER}].)(?=[{_LOWER}])")
_WORD_START_RE = re.compile(rf"[{_UPPER}{_LOWER}]*\Z")


def split_glued(text: str) -> tuple[str, int]:
    """``text`` with a space put between two Vietnamese words a copy ran together ("Nghị
    quyếtHội nghị", "100 nămNgày sinh"), and how many. A word written in mixed case on purpose
    ("iPhone", "YouTube") is left: the part before the capital must be two letters or more, and
    one of the two parts must carry a Vietnamese letter (not ASCII) — or, in a text typed without
    diacritics, the part before it must end a document's type word ("Nghi quyetHoi nghi")."""
    cuts = []
    for m in _GLUED_RE.finditer(text):
        at = m.start()
        before = _WORD_START_RE.search(text, max(0, at - 12), at).group()
        after = text[at:at + 12].split(" ", 1)[0]
        if len(before) >= 2 and (not (before.isascii() and after.isascii())
                                 or _type_word_end_re().search(text, max(0, at - TYPE_WORD_CHARS), at)):
            cuts.append(at)
    if not cuts:
        return text, 0
    parts, last = [], 0
    for at in cuts:
        parts += [text[last:at], " "]
        last = at
    parts.append(text[last:])
    return "".join(parts), len(cuts)


TYPE_WORD_CHARS = 30     # longer than any type word


@functools.cache
def _type_word_end_re() -> re.Pattern:
    """A document's type word, as written without diacritics, ending where the search ends."""
    from vankien.loaders.fold import strip_marks
    from vankien.loaders.vocab import vocab
    words = sorted({strip_marks(w) for w in vocab().type_words}, key=len, reverse=True)
    alternatives = "|".join(r"[ \t]".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![^\W\d_])(?i:{alternatives})\Z")


def cleaning_warnings(text: str) -> list[Warn]:
    """What :func:`normalize_text` removes or replaces in ``text``, as warnings with counts."""
    if text.isascii():
        return []
    warnings = []
    removed = _invisible_counts(text)
    if removed:
        total = sum(removed.values())
        listed = ", ".join(f"{n} {name}" for name, n in removed.items())
        warnings.append(Warn("invisible_characters",
                             f"removed {total} invisible character(s) ({listed}): they could split a "
                             "symbol or a word"))
    surrogates = len(_SURROGATE_RE.findall(text)) if _has_surrogates(text) else 0
    if surrogates:
        warnings.append(Warn("lone_surrogates",
                             f"{surrogates} lone surrogate code point(s) (U+D800 to U+DFFF, not valid Unicode "
                             "text) were replaced by U+FFFD"))
    return warnings


def _invisible_counts(text: str) -> dict[str, int]:
    """How many of each invisible character ``text`` holds, by name, in the order each first occurs
    (the order in which counting ``_INVISIBLE_RE.findall(text)`` meets them): each character found
    and counted with ``str`` methods (searches in C), not by a scan of the regular expression."""
    present = sorted((text.index(char), char) for char in INVISIBLE if char in text)
    return {INVISIBLE[char]: text.count(char) for _, char in present}
