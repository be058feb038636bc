"""Compiled regular expressions built from the vocabularies.

The words come from ``loaders/data`` (``types.toml``, ``citations.toml``, ``descriptors.toml``);
this module only gives them their shape: spaces allowed between them, digits, separators and
which parts are optional. Every quantifier is bounded and no two unbounded repeats are nested,
so scanning is linear in the text (no catastrophic backtracking on hostile input).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vankien.loaders.districts import district_names
from vankien.loaders.dates import DATE_SRC
from vankien.loaders.fold import (LOWER_LETTERS, UPPER_LETTERS, alternation, by_marks, fold, literal_one_of, one_of,
                                  word_pattern, word_start)
from vankien.loaders.vocab import UNMARKED, load_data, vocab


def W(phrase: str) -> str:
    """Shorthand: diacritic/case-insensitive pattern for one phrase."""
    return word_pattern(phrase)


def citation_words(table: str, key: str = "words") -> list[str]:
    """One word list of ``citations.toml``."""
    return load_data("citations.toml")[table][key]


def descriptor_words(table: str) -> dict:
    """One table of ``descriptors.toml``."""
    return load_data("descriptors.toml")[table]


# words that open a citation by name only (no symbol): scanned with the type words
NAMED_ONLY_STARTERS = vocab().named_words


def type_word_re() -> re.Pattern:
    """Type words, and what follows one: a demonstrative, or "số" and a number. The one-syllable
    demonstratives keep their diacritics in a text that has them ("Nghị quyết đó", not "Nghị quyết do
    Bộ Chính trị ban hành")."""
    return _type_word_re(UNMARKED.get())


@functools.cache
def _type_word_re(unmarked: bool) -> re.Pattern:
    v = vocab()
    words = list(v.type_words) + list(v.generic_words) + list(NAMED_ONLY_STARTERS)
    so = one_of(citation_words("number"))
    # one match gives the word and what follows it: a demonstrative ("này"), or "số" and the
    # position where a symbol or a bare number starts (group "num" when it is a bare number)
    return re.compile(
        rf"{word_start(words)}(?P<word>{alternation(words, scan=True)})(?!\w)"
        rf"(?:(?P<dem>[ \t]{{1,2}}{by_marks(citation_words('demonstrative'), unmarked, bare=False)}(?!\w))"
        rf"|(?P<so>[ \t\n]{{1,3}}{so}(?![^\W\d_])\.?)?[ \t\n]{{0,3}}:?[ \t\n]{{0,3}}(?P<num>{BARE_NUMBER_SRC})?)"
    )


# a bare number right after a type word: not part of a date, a symbol or a quantity
BARE_NUMBER_SRC = r"\d{1,4}(?![\d%]|[.,/\-–]\d|[ \t]{0,2}[-–][ \t]{0,2}[A-Za-zĐđ]|[A-Za-zĐđ])"
# "Quy định 19 điều", "Kế hoạch 5 năm": a count, not a document number
COUNT_AFTER_RE = re.compile(r"[ \t]{1,2}" + one_of(citation_words("count", "units")) + r"(?!\w)")

# a demonstrative that points to the text's own document, folded ("nay")
THIS_WORDS = frozenset(" ".join(fold(w).split()) for w in citation_words("demonstrative", "this"))

_TERM = one_of(citation_words("term"))
TERM_RE = re.compile(rf"[ \t]{{0,2}}[,(]?[ \t]{{0,2}}{_TERM}[ \t]{{1,2}}(?P<term>[IVXLivxl]{{1,6}})(?![\w])\)?")

_DAY = one_of(citation_words("date", "day"))
_ON = one_of(citation_words("date", "on"))
_YEAR = one_of(citation_words("date", "year"))
_SIGNING = one_of(citation_words("issued", "signing"))
_DATED = one_of(citation_words("issued", "dated"))
# gap allowed between a mention and its own date: ", ngày", " ban hành ngày", "(ngày"; at
# most one line break (a date after a blank line opens the next paragraph)
DATE_GAP_SRC = (
    rf"(?:[ \t]{{0,3}}[,(]?[ \t]{{0,3}}\n?[ \t]{{0,2}}(?:{_SIGNING}[ \t]{{1,2}})?(?:{_DATED}[ \t]{{1,2}})?(?:{_ON}[ \t]{{1,2}})?{_DAY}[ \t\n]{{0,3}}:?"
    rf"|[ \t]{{0,3}}[,(]?[ \t]{{0,3}}(?:{_SIGNING}[ \t]{{1,2}})?(?:{_DATED}[ \t]{{1,2}})?)"
)
# a mention's own date right after it (or after its issuing body): ", ngày 03/6/2013"
TAIL_DATE_RE = re.compile(DATE_GAP_SRC + "(?P<date>" + DATE_SRC + ")")
# a page timestamp ("27/10/2017 16:02") is not a document date
TIME_AFTER_RE = re.compile(r"[ \t,]{0,3}(?:\d{1,2}[:h]\d{2})")
# header layout: "Số: 16-HD/BTCTW | Hà Nội, ngày 24 tháng 9 năm 2018"
HEADER_GAP_RE = re.compile(r"[\s|]{0,12}[^\d.|]{0,30}?,?[ \t\n]{0,3}" + rf"(?:{_DAY}[ \t\n]{{0,3}})?\Z")
SO_BEFORE_RE = re.compile(rf"{one_of(citation_words('number'))}[ \t]{{0,2}}:?[ \t\n|]{{0,4}}\Z")
# words before a date that make it a deadline or a period, not a document date
# (a time of day may come between: "trước 17 giờ ngày 7/9/2024"; cues.toml [deadline] hour_words)
_HOUR = (rf"(?:\d{{1,2}}[ \t]?(?:{one_of(load_data('cues.toml')['deadline']['hour_words'])})"
         rf"(?:[ \t]?\d{{1,2}}(?:[ \t]?(?:{one_of(load_data('cues.toml')['deadline']['minute_words'])}))?)?[ \t]{{1,2}})?")
DEADLINE_RE = re.compile(rf"{one_of(citation_words('deadline_words'))}[ \t]{{1,2}}{_HOUR}(?:{_DAY}[ \t]{{1,2}})?\Z")
# "Ngày 03/3/2023, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 94-KH/TU"
ISSUED_BEFORE_RE = re.compile(
    rf"(?:{_SIGNING}[ \t]{{1,2}})?{one_of(citation_words('issued', 'verbs'))}[ \t\n]{{1,2}}"
    rf"(?:{one_of(citation_words('issued', 'attached'))}[ \t]{{1,2}})?\Z"
)
# "... vừa ban hành kế hoạch ...", "... vừa có văn bản ...": an issuance reported as done
_DONE = one_of(citation_words("issued", "done"))
_DONE_VERB = one_of(citation_words('issued', 'verbs') + citation_words('issued', 'done_verbs')
                    + citation_words('issued', 'made_verbs'))
# "đã kịp thời ban hành", "đã xây dựng, ban hành", "vừa ban hành và triển khai": an adverb, two verbs
_DONE_CHAIN = (rf"(?:{one_of(citation_words('issued', 'adverbs'))}[ \t]{{1,2}})?(?:{_SIGNING}[ \t]{{1,2}})?"
               rf"(?:{_DONE_VERB}[ \t]{{0,2}}(?:,|{one_of(citation_words('issued', 'verb_joiners'))})[ \t]{{1,2}}"
               rf"{one_of(citation_words('issued', 'verbs') + citation_words('issued', 'made_verbs') + citation_words('issued', 'chained'))}"
               rf"|{_DONE_VERB})")
DONE_BEFORE_RE = re.compile(rf"(?<!\w){_DONE}[ \t]{{1,2}}{_DONE_CHAIN}[ \t\n]{{1,2}}\Z")
ISSUED_LOOKBACK = 60
# an issuance verb, or one of `done_verbs` ("có văn bản"), right before a type word
ACT_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:{_SIGNING}[ \t]{{1,2}})?"
    rf"{one_of(citation_words('issued', 'verbs') + citation_words('issued', 'done_verbs'))}[ \t\n]{{1,2}}\Z"
)



# the last word of every verb that ISSUED_BEFORE_RE, DONE_BEFORE_RE and ACT_BEFORE_RE end with
# (`verbs`, `done_verbs`, `made_verbs`, `chained`, `attached`), then the spaces before a position:
# where none ends right before it, none of the three patterns does (``verb_ends_before``)
_VERB_LAST_WORDS = sorted({p.split()[-1] for k in ("verbs", "done_verbs", "made_verbs", "chained", "attached")
                           for p in citation_words("issued", k)})
VERB_END_REACH = max(map(len, _VERB_LAST_WORDS)) + 2
# indexed by ``UNMARKED``: in a text with its diacritics, a one-syllable last word as written ("ký" is
# not the "kỳ" of "định kỳ báo cáo", "có" not "cơ": a syllable differs from another by its marks alone)
_VERB_END_RES = tuple(re.compile(rf"{by_marks(_VERB_LAST_WORDS, unmarked)}[ \t\n]{{1,2}}\Z") for unmarked in (False, True))


def verb_ends_before(text: str, pos: int) -> bool:
    """The last word of an issuance verb ends right before ``pos``, spaces aside: true wherever
    ISSUED_BEFORE_RE, DONE_BEFORE_RE or ACT_BEFORE_RE ends at ``pos`` (each ends with such a word
    and one or two spaces), so that a false here spares their searches of ISSUED_LOOKBACK
    characters (a search of a word's length; tests/test_stage_speed.py). In a text with its
    diacritics, a one-syllable last word must have them as written; the three patterns are asked
    only where this says yes."""
    return _VERB_END_RES[UNMARKED.get()].search(text, max(0, pos - VERB_END_REACH), pos) is not None


# "Ngày 12/11, ...", "Sáng 12-11-2024, ...", "Mới đây, ...": the opener, up to five short words of
# its date, then a comma; not a list item ("- Ngày 28/6/1909, ..." in a chronology)
DONE_OPENER_RE = re.compile(
    rf"\s*{one_of(citation_words('issued', 'done_openers'))}(?:[ \t]{{1,2}}[\w/.\-–]{{1,12}}){{0,5}}[ \t]{{0,2}},"
)


def requested_re() -> re.Pattern:
    """The words of `requested` for the text read now (``by_marks``: "cần" is not the "Căn" of "Căn
    cứ", which opens most preambles)."""
    return _requested_re(UNMARKED.get())


@functools.cache
def _requested_re(unmarked: bool) -> re.Pattern:
    return re.compile(rf"(?<!\w){by_marks(citation_words('issued', 'requested'), unmarked)}(?!\w)")
REQUEST_LOOKBACK = 160


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (at most REQUEST_LOOKBACK characters back)."""
    lo = max(0, pos - REQUEST_LOOKBACK)
    end = None
    for end in SENTENCE_END_RE.finditer(text, lo, pos):
        pass
    return end.end() if end else lo


@functools.cache
def _counted_re() -> re.Pattern:
    return re.compile(rf"(?:(?<!\w){one_of(citation_words('counted'))}|\d)[ \t]{{1,2}}\Z")


def counted_before(text: str, pos: int) -> bool:
    """The type word at ``pos`` counts documents ("120 | kế hoạch", "các | kế hoạch"): others than
    the text's own (citations.toml [counted])."""
    return _counted_re().search(text, max(0, pos - 14), pos) is not None


def act_before(text: str, pos: int) -> bool:
    """An issuance verb, or one of `done_verbs`, ends right before ``pos`` ("Tỉnh ủy có | văn
    bản …" in a headline, which drops the aspect word)."""
    return verb_ends_before(text, pos) and ACT_BEFORE_RE.search(text, max(0, pos - ISSUED_LOOKBACK), pos) is not None


def dated_act_before(text: str, pos: int) -> bool:
    """An issuance verb ends right before ``pos`` in a sentence that opens with the day of the act
    ("Ngày 12/11, Ban Thường vụ Tỉnh ủy ban hành | kế hoạch …"), asking for nothing: an act
    reported as done."""
    if not act_before(text, pos):
        return False
    start = sentence_start(text, pos)
    dateline = DATELINE_RE.match(text, start, pos)       # "(QTO) - Ngày 12/11, …"
    return bool(DONE_OPENER_RE.match(text, dateline.end() if dateline else start, pos)) \
        and not requested_re().search(text, start, pos)


# a news agency's mark or a place before a dash opening a lead ("(GLO) - ", "HÀ NỘI - ")
DATELINE_RE = re.compile(rf"\s*(?:\([^()\n]{{1,30}}\)|[{UPPER_LETTERS}][\w.]{{1,10}})\s*[-–]\s*")


@functools.cache
def following_re() -> re.Pattern:
    """"sau đây", "như sau" (citations.toml [demonstrative] following), as whole words: the text
    that follows is the document's own ("… ban hành Kế hoạch … như sau:")."""
    return re.compile(rf"(?<!\w){one_of(citation_words('demonstrative', 'following'))}(?!\w)")


def requested_before(text: str, pos: int) -> bool:
    """The sentence asks for what comes at ``pos`` to be done ("Yêu cầu … ban hành | Chương
    trình hành động"): a word of `requested` between the sentence's start and ``pos``."""
    return requested_re().search(text, sentence_start(text, pos), pos) is not None


def issued_before(text: str, pos: int, done: bool = False) -> bool:
    """An issuance verb ends right before ``pos`` ("... đã ban hành | Kế hoạch số ..."); with
    ``done``, an issuance reported as done ("vừa ban hành | kế hoạch ...", "vừa có | văn bản")."""
    rx = DONE_BEFORE_RE if done else ISSUED_BEFORE_RE
    return verb_ends_before(text, pos) and bool(rx.search(text, max(0, pos - ISSUED_LOOKBACK), pos))


ENGLISH_MAX_EXTRA_BYTES = 0.05    # a text in English: at most this many UTF-8 bytes beyond one per character


def may_be_english(text: str) -> bool:
    """Vietnamese writes a diacritic on about one letter in three, a text in English only in
    names: a text with few characters beyond ASCII may be English. The answer for the last text
    asked about is kept (the mentions and the assignments of a text both ask, and encoding it is
    most of the cost): by identity, as a tuple swapped whole, safe across threads."""
    global _ENGLISH_LAST
    last = _ENGLISH_LAST
    if last and last[0] is text:
        return last[1]
    answer = len(text.encode("utf-8", "surrogatepass")) - len(text) <= ENGLISH_MAX_EXTRA_BYTES * len(text)
    _ENGLISH_LAST = (text, answer)
    return answer


_ENGLISH_LAST: tuple[str, bool] | tuple[()] = ()


_LOWER_WORD_RE = re.compile(r"[a-z]+")
UNMARKED_OTHER_BYTES = 0.05      # quotes, dashes, bullets beyond ASCII: at most two bytes each on one character in 40
_MARKED_LETTER_RE = re.compile(r"[\u00C0-\u024F\u1E00-\u1EFF]")     # Latin letters with a mark, đ among them


def unmarked(text: str) -> bool:
    """Vietnamese typed without diacritics: almost no letter with a mark (quotes and dashes do not
    count), and the commonest Vietnamese words written plain (citations.toml [unmarked]), which an
    English text never has. Read on the text's opening ``sample`` characters."""
    d = load_data("citations.toml")["unmarked"]
    sample = text[:d["sample"]]
    limit = d["max_marked"] * len(sample)
    # a marked letter takes one to two bytes beyond one in UTF-8: a text of many such bytes (most
    # Vietnamese texts) is decided without counting letters
    if not sample or len(sample.encode("utf-8", "surrogatepass")) - len(sample) > 2 * limit + UNMARKED_OTHER_BYTES * len(sample) \
            or len(_MARKED_LETTER_RE.findall(sample)) > limit:
        return False
    words = _LOWER_WORD_RE.findall(sample.lower())
    common = frozenset(d["words"])
    return bool(words) and sum(w in common for w in words) >= d["min_share"] * len(words)


SENTENCE_END_RE = re.compile(r"[.!?;](?:\s|$)|\n\s*\n")


@functools.cache
def body_re() -> re.Pattern:
    """Issuing bodies, with an optional locality after them ("Thành ủy Hà Nội")."""
    v = vocab()
    names = [n for b in v.bodies for n in b.names]
    prov_names = [p["name"] for p in v.provinces] + [a for p in v.provinces for a in p.get("aliases", [])]
    abbreviations = [re.escape(a) + r"\.?" for a in citation_words("locality", "abbreviations")]
    unit = "(?:" + "|".join([one_of(citation_words("locality", "units")), *abbreviations]) + ")"
    stops = citation_words("locality", "stop")
    stop = literal_one_of(stops)
    # places whose first word is a stop ("Huyện ủy Thường Tín", "Văn Lâm"): districts, as written
    stopped = [n for n in district_names() if n.split()[0] in stops]
    places = rf"{literal_one_of(sorted(stopped, key=len, reverse=True))}(?!\w)|" if stopped else ""
    # a capitalised word of a place's name; a one-letter one opens a name of two words or three ("Ý Yên", "A Lưới")
    word = f"[{UPPER_LETTERS}][{LOWER_LETTERS}]{{1,7}}"
    loc = (
        rf"(?:[ \t]{{1,2}}(?:(?P<numbered>{unit}[ \t]{{1,2}}\d{{1,2}}(?![\d/.,\-–]))"
        rf"|(?:{unit}[ \t]{{1,2}})?(?P<loc>{places}{alternation(prov_names)}"
        rf"|(?!{stop}(?!\w))(?:{word}(?:[ \t]{word}){{0,2}}|[{UPPER_LETTERS}](?:[ \t]{word}){{1,2}}))(?!\w)))?"
    )
    names_re = alternation(names, space=r"\s{0,2}")
    # (the start of a word written ``\b`` where every name opens with a word character: ``fold.word_start``)
    return re.compile(rf"{word_start(names)}(?P<body>{names_re})(?!\w){loc}")


def body_locality(m: re.Match) -> str | None:
    """The locality a ``body_re`` match names: a place ("Thành ủy Hà Nội" -> "Hà Nội"), or a
    district or ward named by its number, with its unit ("Quận ủy Quận 3" -> "Quận 3")."""
    numbered = m.group("numbered")
    if numbered:
        unit, number = numbered.rsplit(None, 1)
        return f"{' '.join(unit.split()).capitalize()} {int(number)}"
    loc = m.group("loc")
    return " ".join(loc.split()) if loc else None


# --- un-numbered documents cited by name (descriptors.toml) ------------------------------------
_ROMAN = r"[IVXL]{1,6}"
_GAP = r"[ \t\n]{1,2}"
_PLACE = rf"[{UPPER_LETTERS}]\w{{0,7}}(?:[ \t][{UPPER_LETTERS}]\w{{0,7}}){{0,2}}"     # a local name: up to three capitalised words
_TERM_OF_OFFICE = one_of(citation_words("term", "of_office"))


@dataclass(frozen=True)
class Descriptor:
    """One pattern of documents cited by name, compiled from its table of descriptors.toml."""
    name: str            # its table in descriptors.toml
    kind: str            # the document type of what it matches
    system: str          # "party" | "state"
    regex: re.Pattern


def _congress(d: dict) -> str:
    """Nghị quyết Đại hội (đại biểu) (toàn quốc) (Đảng bộ tỉnh X) lần thứ XIII (của Đảng)
    (Đảng bộ ...) (, nhiệm kỳ 2020 - 2025)."""
    o = descriptor_words("ordinal")
    times, nth = one_of(o["times"]), one_of(o["nth"])
    org = rf"{_GAP}{one_of(d['organisation'])}{_GAP}{one_of(d['units'])}"
    return (
        rf"(?<!\w){one_of(d['opening'])}{_GAP}{one_of(d['meeting'])}"
        + "".join(rf"(?:{_GAP}{W(q)})?" for q in d["qualifiers"])
        + rf"(?:(?P<local1>{org}(?:[ \t](?!{times}){_PLACE})?))?"
        rf"(?:{_GAP}{times})?(?:{_GAP}{nth})?{_GAP}(?P<ord>{_ROMAN}|\d{{1,2}})(?!\w)"
        rf"(?:{_GAP}{one_of(d['of_party'])}(?!\w))?"
        rf"(?:(?P<local2>{org}(?:[ \t]{_PLACE})?))?"
        rf"(?:,?[ \t]{{1,2}}{_TERM_OF_OFFICE}[ \t]{{1,2}}\d{{4}}[ \t]{{0,2}}[-–][ \t]{{0,2}}\d{{4}})?"
    )


@functools.cache
def congress_anaphor_re() -> re.Pattern:
    """"Nghị quyết Đại hội" with no name after it ("… thực hiện Nghị quyết Đại hội; …", "THỰC HIỆN
    NGHỊ QUYẾT ĐẠI HỘI VÀ …"): the congress's resolution the text names in full. Punctuation, or a
    word that goes on with no congress's name (descriptors.toml [congress] `not_after`), follows."""
    d = descriptor_words("congress")
    return re.compile(rf"(?<!\w){one_of(d['opening'])}{_GAP}{one_of(d['meeting'])}(?!\w)"
                      rf"(?=[ \t]*(?:[,.;:)\n]|\Z)|[ \t]{{1,2}}{one_of(d['not_after'])}(?!\w))")


_SPACES = r"[ \t]+"     # between the words of an English phrase


def _english_ordinal(group: str) -> str:
    """An English ordinal in digits ("13th") or words ("fourth"), in the group ``group``."""
    o = descriptor_words("english_ordinal")
    words = literal_one_of(sorted(o["numbers"], key=len, reverse=True))
    return rf"(?P<{group}>\d{{1,2}}(?={literal_one_of(o['suffixes'])}(?!\w))|{words}(?!\w))(?:{literal_one_of(o['suffixes'])})?"


def _english_congress(d: dict) -> str:
    """(the) Resolution of / adopted at the 13th National Party Congress."""
    links, meeting = literal_one_of(d["links"], space=_SPACES), literal_one_of(d["meeting"], space=_SPACES)
    return (rf"(?i:(?<!\w){literal_one_of(d['opening'])}[ \t]+{links}[ \t]+"
            rf"{_english_ordinal('ord')}[ \t]+{meeting}(?!\w))")


def _english_plenum(d: dict) -> str:
    """(the) Resolution of the 11th Party Central Committee's fourth plenum / of the fourth plenum of
    the 12th Party Central Committee."""
    links = literal_one_of(d["links"], space=_SPACES)
    opening = rf"(?<!\w){literal_one_of(d['opening'])}[ \t]+{links}[ \t]+"
    committee = literal_one_of(d["committee"], space=_SPACES)
    meeting = literal_one_of(d["meeting"], space=_SPACES)
    of = literal_one_of(d["of"], space=_SPACES)
    return (rf"(?i:{opening}(?:{_english_ordinal('term')}[ \t]+{committee}{literal_one_of(d['possessive'])}[ \t]+"
            rf"{_english_ordinal('n1')}[ \t]+{meeting}"
            rf"|{_english_ordinal('n2')}[ \t]+{meeting}[ \t]+{of}[ \t]+"
            rf"{_english_ordinal('term2')}[ \t]+{committee})(?!\w))")


def _word_ordinals(o: dict) -> str:
    """The ordinals written in two words ("mười một"), longest first, so that "mười" does not stop
    at its first word ([ordinal.numbers], folded: matched ignoring diacritics)."""
    return one_of(sorted((w for w in o["numbers"] if " " in w), key=len, reverse=True))


def _plenum(d: dict) -> str:
    """Nghị quyết (Hội nghị) Trung ương 3 (, khóa X) / Nghị quyết TW3 / Nghị quyết (Hội nghị) lần
    thứ năm (của) Ban Chấp hành Trung ương (Đảng) (khóa X)."""
    o = descriptor_words("ordinal")
    # "Trung ương 4", "TW 4", "TW4" (a code may be glued to the number)
    central = rf"(?:{one_of(d['central'])}[ \t]{{1,2}}|{literal_one_of(d['central_codes'])}[ \t]{{0,2}})"
    abbreviations = literal_one_of(d["committee_abbreviations"], space=r"[ \t]")
    committee = rf"(?:{one_of(d['committee'])}|{abbreviations})"
    c = descriptor_words("congress")
    local = (rf"(?P<local>{one_of(d['local_committee'])}{_GAP}{one_of(c['organisation'])}{_GAP}{one_of(c['units'])}"
             rf"(?:[ \t](?!{one_of(citation_words('term'))}(?!\w)){_PLACE})?)")
    return (
        rf"(?<!\w){one_of(d['opening'])}{_GAP}(?:{one_of(d['meeting'])}{_GAP})?"
        rf"(?:{central}(?P<n1>\d{{1,2}})"
        rf"|{one_of(o['times'])}[ \t]{{1,2}}{one_of(o['nth'])}[ \t]{{1,2}}(?P<n2>{_word_ordinals(o)}(?!\w)|\w{{1,6}})"
        rf"(?:{_GAP}(?:{one_of(citation_words('body', 'of'))}[ \t]{{1,2}})?"
        rf"(?:{committee}(?:[ \t]{one_of(d['party'])})?|{local}))?)"
        rf"(?:,?[ \t\n]{{0,2}}\(?{_TERM}[ \t]{{1,2}}(?P<term>{_ROMAN})\)?)?"
    )


def _charter(d: dict) -> str:
    """Điều lệ Đảng."""
    return rf"(?<!\w){one_of(d['opening'])}(?!\w)"


def _platform(d: dict) -> str:
    """Cương lĩnh xây dựng đất nước (... năm 1991); Cương lĩnh (năm) 2011, by its year alone."""
    return (rf"(?<!\w){one_of(d['opening'])}[ \t]{{1,2}}(?:{one_of(d['name'])}(?:[^.\n]{{0,80}}?{_YEAR}[ \t]\d{{4}})?"
            rf"|(?:{_YEAR}[ \t]{{1,2}})?(?:19|20)\d\d)(?!\w)")


def _constitution(d: dict) -> str:
    """Hiến pháp (nước Cộng hòa xã hội chủ nghĩa Việt Nam) (năm 2013)."""
    return (
        rf"(?<!\w){one_of(d['opening'])}(?:{_GAP}{one_of(d['country'])})?"
        rf"(?:{_GAP}{_YEAR}[ \t]{{1,2}}(?P<year>\d{{4}}))?(?!\w)"
    )


def _law(d: dict) -> str:
    """Luật Đất đai, Luật Cán bộ, công chức: a name of up to eight words, up to punctuation."""
    return (
        rf"(?<!\w){one_of(d['opening'])}[ \t]{{1,2}}(?P<name>[{UPPER_LETTERS}]\w{{0,10}}(?:,?[ \t]\w{{1,10}}){{0,7}}?)"
        rf"(?=[ \t]*[,.;:)\n]|[ \t]{one_of(d['name_ends'])}|[ \t]{one_of(d['joiners'])}[ \t]|$)"
    )


def _working_rules(d: dict) -> str:
    """Quy chế làm việc của <body> (khóa XIII)."""
    return (
        rf"(?<!\w){one_of(d['opening'])}{_GAP}{one_of(citation_words('body', 'of'))}{_GAP}[^.;\n]{{5,90}}?"
        rf"(?:\({_TERM}[ \t]{_ROMAN}\)|{_TERM}[ \t]{_ROMAN})"
    )


# the shape of each pattern of descriptors.toml, in the order they are tried
_DESCRIPTOR_SHAPES = {"congress": _congress, "plenum": _plenum, "charter": _charter, "platform": _platform,
                      "constitution": _constitution, "law": _law, "working_rules": _working_rules,
                      "english_congress": _english_congress, "english_plenum": _english_plenum}


@functools.cache
def descriptors() -> tuple[Descriptor, ...]:
    """The patterns of documents cited by name, in the order they are tried."""
    out = []
    for name, shape in _DESCRIPTOR_SHAPES.items():
        d = descriptor_words(name)
        out.append(Descriptor(name, d["kind"], d.get("system", "party"), re.compile(shape(d))))
    return tuple(out)


@functools.cache
def state_named_kinds() -> frozenset[str]:
    """Kinds of documents cited by name that are State documents (Hiến pháp, Luật)."""
    return frozenset(d.kind for d in descriptors() if d.system == "state")
