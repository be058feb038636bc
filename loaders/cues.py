"""Relation cues (``loaders/data/cues.toml``) compiled into one regular expression.

The cue table is data: each entry gives a relation type, its phrases, where the acting
document is found and in which direction the relation runs. This module only compiles the
phrases and maps a match back to its entry.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from vankien.loaders.fold import (alternation, cased_one_of, exact_trie, fold, literal_one_of, one_of,
                                  one_of_by_first_letter, word_pattern, word_start)
from vankien.loaders.segments import Segment, segment_index
from vankien.loaders.vocab import UNMARKED, check_relation_type, load_data

FRAMING_CHARS = 12         # "Tại", "Trong", "Theo": the word before the document a sentence speaks through
FRAME_BULLETS = "-+•*–"    # item marks before it
NUMBER_SLOT = "§"          # stands for "{n}" while the phrases are compiled


@dataclass(frozen=True)
class CueEntry:
    type: str
    source: str                # "described" | "actor" | "subject"
    direction: str             # "forward" | "reverse" | "before"
    after: str | None
    confidence: float
    opening: str = "issuing"   # "issuing" | "subject"
    line_start: bool = False   # the cue counts only where it opens a line ("Xét Tờ trình …")
    cites: bool = False        # a type word and a name right after it cite a document ("về việc ban hành Quy chế …")


CUE_LOOKBACK = 60         # characters before a position where a cue ending there may start
# the cues after which a type word and a name cite a document ("Căn cứ Quy chế làm việc …",
# "hướng dẫn thực hiện Chỉ thị …"), besides those of any type marked `cites`
CITING = frozenset({"BASED_ON", "GUIDES"})


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    entry: CueEntry

    @property
    def type(self) -> str:
        return self.entry.type


@dataclass(frozen=True)
class WordRetype:
    """A type a cue of one of ``types`` takes after one of ``words`` earlier in its sentence, within
    ``reach`` characters (cues.toml [requested], [inspected])."""
    types: frozenset[str]
    to: str
    words: tuple[re.Pattern, re.Pattern]      # as `issuing`: folded, and with a syllable's diacritics
    reach: int

    @property
    def words_re(self) -> re.Pattern:
        return _by_marks(self.words)

    @classmethod
    def read(cls, row: dict) -> "WordRetype":
        return cls(frozenset(row["types"]), row["to"], _word_patterns(row["words"], r"(?!\w)"), int(row["reach"]))


@dataclass(frozen=True)
class CueTable:
    regex: re.Pattern
    entries: dict[str, CueEntry]          # phrase key -> entry
    retype: dict[tuple[str, str], tuple[str, frozenset[str]]]    # (source kind, type) -> (type, target kinds it spares)
    downward: frozenset[str]
    dated: frozenset[str]
    levels: tuple[str, ...]
    issuing: tuple[re.Pattern, re.Pattern]    # [issuing] verbs: folded, and with a syllable's diacritics (``_by_marks``)
    issues: tuple[re.Pattern, re.Pattern]     # the same, also `before_document`, ending right before a document's name
    goes_on_re: re.Pattern                # after a comma: a document's description goes on
    joined_re: re.Pattern                 # the end of a gap that joins two targets
    requested: WordRetype                 # [requested]: a replacement or amendment asked for, not made
    body_types: frozenset[str]            # [body]: cues that act for the text's own document in its body
    object_of: tuple[re.Pattern, int]     # [object_of]: the end of a phrase that names what a document says, its reach
    addresses_re: re.Pattern              # [description] addresses: a verb right before the bodies a document directs
    framing_re: re.Pattern                # [framing]: the words that open a sentence speaking through a document
    inspected: WordRetype | None = None   # [inspected]: an inspection of how a document is carried out
    partial: WordRetype | None = None     # [partial]: a part of a document before it ("Bãi bỏ Mục 3 …")

    @property
    def issuing_re(self) -> re.Pattern:
        return _by_marks(self.issuing)

    @property
    def issues_re(self) -> re.Pattern:
        """An issuing verb that ends right before a document's name."""
        return _by_marks(self.issues)

    def frames(self, text: str, start: int, pos: int) -> bool:
        """Only item marks and a word of `[framing]` stand between a sentence's ``start`` and ``pos``,
        where a document is named ("Tại | Công văn số 215-CV/TU, …"): the sentence speaks through it."""
        if pos - start > 2 * FRAMING_CHARS:
            return False
        opening = text[start:pos].lstrip(" \t\n" + FRAME_BULLETS)
        return bool(opening) and len(opening) <= FRAMING_CHARS \
            and self.framing_re.match(text, pos - len(opening), pos) is not None

    def find(self, text: str, lo: int = 0, hi: int | None = None) -> list[CueHit]:
        out = []
        for m in self.regex.finditer(text, lo, len(text) if hi is None else hi):
            entry = self.entries.get(phrase_key(m.group()))
            if entry is not None and (not entry.line_start or opens_line(text, m.start())):
                out.append(CueHit(m.start(), m.end(), entry))
        return out

    def ends_before(self, text: str, pos: int, types: frozenset[str] | None = None, cites: bool = False) -> bool:
        """A cue (of one of ``types``, or with ``cites`` one marked so) ends right before ``pos``,
        spaces aside ("Căn cứ | Quy chế …")."""
        return is_of(self.cue_before(text, pos), types, cites)

    def cue_before(self, text: str, pos: int) -> CueEntry | None:
        """The entry of the cue that ends right before ``pos``, spaces aside (and that counts there:
        a ``line_start`` cue opens its line); None when none does. ``ends_before`` is ``is_of`` of
        it, so that a caller asking about several types at one position scans once."""
        lo = max(0, pos - CUE_LOOKBACK)
        last = None
        for last in self.regex.finditer(text, lo, pos):
            pass
        if last is None or text[last.end():pos].strip():
            return None
        entry = self.entries.get(phrase_key(last.group()))
        if entry is None or (entry.line_start and not opens_line(text, last.start())):
            return None
        return entry

    def cites_before(self, text: str, pos: int) -> bool:
        """A cue marked ``cites`` ends right before ``pos`` ("về việc ban hành | Quy chế …")."""
        return self.ends_before(text, pos, frozenset(), cites=True)

    def find_in_sentences(self, text: str, segs: list[Segment], positions: list[int] | None = None) -> list[CueHit]:
        """Cues inside sentences, never across two: one scan of the whole text; the sentences
        a hit would straddle ("HƯỚNG DẪN\nThực hiện ...") are scanned again on their own.
        With ``positions`` (sorted), only the sentences that hold one of them are read: a cue
        relates documents named in its own sentence (the texts' mentions), so the others need
        no scan."""
        if positions is not None:
            return self._find_around(text, segs, positions)
        index = segment_index(segs)
        keep, again = [], set()
        for h in self.find(text):
            i = index(h.start)
            if segs and segs[i].start <= h.start and h.end <= segs[i].end:
                keep.append(h)
            elif segs:
                again.update((i, index(h.end - 1)))
        if again:
            keep = [h for h in keep if index(h.start) not in again]
            for i in again:
                keep.extend(self.find(text, segs[i].start, segs[i].end))
            keep.sort(key=lambda h: h.start)
        return keep

    def across_heading(self, text: str, heading: tuple[int, int] | None, title: tuple[int, int] | None,
                       hits: list[CueHit]) -> list[CueHit]:
        """``hits`` and the cue an official text's type heading begins and its title ends, read in the
        title ("HƯỚNG DẪN / tuyên truyền Nghị quyết số …": "hướng dẫn tuyên truyền", GUIDES): the title
        goes on from its type word, though a line in capitals ends a sentence. ``hits`` as they are
        when the title opens with a cue of its own ("KẾ HOẠCH / thực hiện …": that one, as before)."""
        if heading is None or title is None or not heading[1] <= title[0] or text[heading[1]:title[0]].strip():
            return hits
        across = next((h for h in self.find(text, heading[0], title[1]) if h.start < heading[1] < h.end), None)
        if across is None or any(title[0] <= h.start < across.end for h in hits):
            return hits
        return sorted(hits + [CueHit(title[0], across.end, across.entry)], key=lambda h: h.start)

    def _find_around(self, text: str, segs: list[Segment], positions: list[int]) -> list[CueHit]:
        out: list[CueHit] = []
        j = 0
        for s in segs:
            j = bisect.bisect_left(positions, s.start, j)
            if j < len(positions) and positions[j] < s.end:
                out.extend(self.find(text, s.start, s.end))
        return out

    def level_rank(self, level: str | None) -> int | None:
        return self.levels.index(level) if level in self.levels else None


def is_of(entry: CueEntry | None, types: frozenset[str] | None = None, cites: bool = False) -> bool:
    """``entry`` (of ``CueTable.cue_before``) is a cue of one of ``types`` (any, when None), or with
    ``cites`` one marked so."""
    return entry is not None and (types is None or entry.type in types or (cites and entry.cites))


def opens_line(text: str, pos: int) -> bool:
    """Only a bullet, a list number or spaces stand between the start of a line and ``pos``."""
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    return not line.strip(" \t-+•*–.)0123456789abcdđ")


@functools.lru_cache(maxsize=8192)
def phrase_key(phrase: str) -> str:
    """How a phrase and the text it matched compare: folded, without spaces (a copied text may
    lose them between syllables), numbers as a slot (in figures or in words of `[number_words]`:
    "five years of implementing")."""
    f = _number_words_re().sub(NUMBER_SLOT, fold(phrase.replace("{n}", NUMBER_SLOT)))
    return re.sub(r"\d+", NUMBER_SLOT, "".join(f.split()))


@functools.cache
def _number_words() -> list[str]:
    return load_data("cues.toml").get("number_words", {}).get("words", [])


@functools.cache
def _number_words_re() -> re.Pattern:
    words = sorted({fold(w) for w in _number_words()}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)" if words else r"(?!)")


def check_cue_types(data: dict, file: str = "cues.toml") -> None:
    """Every relation type the cue table names (a cue's ``type`` and ``after``, ``[[retype]]``,
    ``[hierarchy]``, ``[requested]``) is one of ``relations.toml``: a ValueError naming the file and the type, at
    load time, rather than relations of an unknown type dropped at ingest."""
    for i, row in enumerate(data.get("relation", [])):
        for key in ("type", "after"):
            if row.get(key) is not None:
                check_relation_type(row[key], f"{file}: [[relation]] {i + 1} {key}")
    for i, row in enumerate(data.get("retype", [])):
        for key in ("from", "to"):
            check_relation_type(row[key], f"{file}: [[retype]] {i + 1} {key}")
    for key in ("downward", "dated"):
        for name in data.get("hierarchy", {}).get(key, []):
            check_relation_type(name, f"{file}: [hierarchy] {key}")
    for table in ("requested", "inspected"):
        row = data.get(table, {})
        for name in row.get("types", []) + ([row["to"]] if "to" in row else []):
            check_relation_type(name, f"{file}: [{table}]")
    for name in data.get("body", {}).get("types", []):
        check_relation_type(name, f"{file}: [body]")


@functools.cache
def cue_table() -> CueTable:
    data = load_data("cues.toml")
    check_cue_types(data)
    entries: dict[str, CueEntry] = {}
    for row in data["relation"]:
        entry = CueEntry(row["type"], row.get("source", "described"), row.get("direction", "forward"),
                         row.get("after"), float(row.get("confidence", 0.8)), row.get("opening", "issuing"),
                         bool(row.get("line_start", False)), bool(row.get("cites", False)))
        for phrase in row["phrases"]:
            key = phrase_key(phrase)
            if key in entries:
                raise ValueError(f"cues.toml: phrase {phrase!r} is listed twice")
            entries[key] = entry
    phrases = [p.replace("{n}", NUMBER_SLOT) for row in data["relation"] for p in row["phrases"]]
    # spaces may be lost between syllables in copied texts ("THỰCHIỆN"): a cue still matches
    # (the digits written \d\d{0,2}, not \d{1,3}: the same lengths tried in the same order, and re tests the
    # first digit before it enters the alternative; the number words under their first letters)
    number = rf"{_number_guard(_number_words())}(?:\d\d{{0,2}}|{one_of_by_first_letter(_number_words())})" \
        if _number_words() else r"\d{1,3}"
    body = alternation(phrases, space=r"\s{0,3}").replace(NUMBER_SLOT, number)
    # a phrase that opens with its number opens with a digit or a number word
    openings = [p for p in phrases if not p.startswith(NUMBER_SLOT)] + ["0"] + _number_words()
    regex = re.compile(rf"{word_start(openings)}{body}(?!\w)")
    retype = {(r["source_kind"], r["from"]): (r["to"], frozenset(r.get("not_targets", ()))) for r in data.get("retype", [])}
    h = data["hierarchy"]
    compounds = data["issuing"].get("unmarked_compounds", [])
    issuing = _word_patterns(data["issuing"]["verbs"], r"(?!\w)", compounds)
    issues = _word_patterns(data["issuing"]["verbs"] + data["issuing"]["before_document"], r"[ \t\n]{1,3}\Z", compounds)
    requested = WordRetype.read(data["requested"])
    inspected = WordRetype.read(data["inspected"]) if "inspected" in data else None
    partial = WordRetype.read(data["partial"]) if "partial" in data else None
    return CueTable(regex, entries, retype, frozenset(h["downward"]), frozenset(h["dated"]), tuple(h["levels"]), issuing, issues,
                    _goes_on_re(data["description"]["goes_on"]), _joined_re(data["joining"]), requested,
                    frozenset(data["body"]["types"]),
                    (re.compile(rf"(?<!\w){alternation(data['object_of']['words'])}[ \t\n]{{1,3}}\Z"),
                     int(data["object_of"]["reach"])),
                    re.compile(rf"(?<!\w){alternation(data['description']['addresses'])}[ \t\n]{{1,3}}\Z", re.I),
                    re.compile(rf"{alternation(data['framing']['words'])}[ \t]{{1,2}}\Z"), inspected, partial)


def _word_patterns(words: list[str], after: str, compounds: list[str] = ()) -> tuple[re.Pattern, re.Pattern]:
    """``words`` as whole words, then ``after``: ignoring diacritics, and with the diacritics of a
    one-syllable word as written (one syllable differs from another by them alone: "ký" / "kỳ",
    "có" / "cơ", "ra" / "rà", "cần" / "Căn"); longer phrases are told apart without them. Ignoring
    diacritics, a one-syllable word is not one inside a word of ``compounds`` of which it is a
    syllable without them ("nhiem ky" is "nhiệm kỳ", no "ký"; "co quan" is "cơ quan", no "có")."""
    short = [w for w in words if len(w.split()) == 1]
    long_ = [w for w in words if len(w.split()) > 1]
    marked = "|".join(x for x in (alternation(long_) if long_ else "", exact_trie(short) if short else "") if x)
    folded = [alternation(long_)] if long_ else []
    for w in short:
        guards = _compound_guards(fold(w), compounds)
        folded.append(guards[0] + alternation([w]) + guards[1])
    return (re.compile(rf"(?<!\w)(?:{'|'.join(folded)}){after}"), re.compile(rf"(?<!\w)(?:{marked}){after}"))


def _compound_guards(word: str, compounds: list[str]) -> tuple[str, str]:
    """Look-behinds and look-aheads that keep the folded ``word`` out of the ``compounds`` it is a
    syllable of: the syllable before it (fixed width, so a look-behind), or the one after it."""
    before, after = [], []
    for c in compounds:
        syllables = fold(c).split()
        if len(syllables) == 2 and syllables[1] == word:
            before.append(rf"(?<!(?<!\w){re.escape(syllables[0])}[ \t])")
        elif len(syllables) == 2 and syllables[0] == word:
            after.append(rf"(?![ \t]{re.escape(syllables[1])}(?!\w))")
    return "".join(before), "".join(after)


def _by_marks(patterns: tuple[re.Pattern, re.Pattern]) -> re.Pattern:
    """The pattern of ``_word_patterns`` for the text read now: folded where it has no diacritics."""
    return patterns[0] if UNMARKED.get() else patterns[1]


def _number_guard(words: list[str]) -> str:
    """A lookahead for the first character of a cue's number (a digit, or the first letter of
    one of ``words`` as ``one_of`` matches it): the number words are tried one after the other,
    so at most places where a phrase could open with a number this one test fails them all at
    once (tests/test_scan_speed.py: the same matches)."""
    if not all(words):
        return ""                       # an empty word matches anywhere: nothing to test
    return "(?=" + "|".join(dict.fromkeys([r"\d"] + [word_pattern(w[0]) for w in words])) + ")"


def _goes_on_re(words: list[str]) -> re.Pattern:
    """A comma followed by a word that continues a document's description (", ngày ...", ", của ..."),
    a digit, "(" or a quotation mark; case ignored, diacritics as written."""
    return re.compile(rf",\s*(?:{literal_one_of(words)}|\d|\(|“|\")", re.I)


def _joined_re(joining: dict) -> re.Pattern:
    """The end of the gap between two targets of one cue: ",", ";" or a joining word (as a whole
    word), and an optional article ("và các"); case ignored, diacritics as written. The words are
    written with ``cased_one_of`` (not ``re.I``) so that ``re`` searches a gap only at the characters
    a separator starts with (four times as fast; tests/test_speed_round4.py)."""
    return re.compile(rf"(?:,|;|\b{cased_one_of(joining['words'])})\s*(?:{cased_one_of(joining['articles'])}\s+)?\Z")
