"""Assignments: tasks a document gives to organisations (ASSIGNS_TO), with role and deadline.

Each sentence is cut into clauses at ";". In a clause, the organisations listed after an
assignment cue (``cues.toml``: "giao", "phối hợp với", "yêu cầu", "gửi về", "(qua ...)") get
the cue's role; organisations at the head of a clause followed by what they are to do
("Cấp tỉnh hoàn thành tổng kết ...") get "lead" or "execute" from that verb. A deadline
("trước ngày 10/5/2023") belongs to the tasks of its clause, or, in a clause with none, to the
tasks of the clauses before it in the sentence. The assignments are the subject document's,
except in a sentence that opens with the type word of another document named before it
("Công văn yêu cầu …" after "… có Công văn số 1450-CV/TU …"): that document's.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from vankien.loaders.cues import cue_table
from vankien.loaders.dates import DATE_SRC, day_named, in_year_of, parse_date
from vankien.loaders.english_tasks import english_tasks
from vankien.loaders.fold import (LOWER_LETTERS, alternation, exact_trie, first_characters, fold, literal_one_of,
                                  one_of, strip_marks, word_start)
from vankien.loaders.organizations import Org, in_head, issues, not_cue_re, org_list, org_vocab, same_body
from vankien.loaders.layout import opens_clause_as_own, to_be_made
from vankien.loaders.patterns import SENTENCE_END_RE, citation_words, following_re, may_be_english, type_word_re
from vankien.loaders.resolve import Document
from vankien.loaders.segments import Segment, in_capitals, is_headline
from vankien.loaders.task_tables import TABLE_CONFIDENCE, table_tasks
from vankien.loaders.vocab import UNMARKED, load_data, load_unmarked, vocab

NEEDS_BEFORE_CHARS = 60
DONE_BEFORE_CHARS = 48    # "mới đây đã chủ trì, " before a cue
DONE_CHAIN_WORDS = 3      # words of the verbs between a done word and a cue ("đã chủ trì, | phối hợp với"); not
                          # across "và", which may open another verb ("nội dung đã được gợi ý và | gửi …")
EVIDENCE_MAX = 320
HEAD_CONFIDENCE = 0.7
ENGLISH_CONFIDENCE = 0.7
HEADING_LINE_MAX = 60     # a line this short that ends with a cue is a heading (a wrapped line is longer)
MAX_UNDATED = 40          # tasks of earlier clauses a deadline may still reach
DEDUPE_WINDOW = 64        # earlier assignments a new one is compared with, word by word
_TASK_ROLES = ("execute", "report_to")
_BULLETS = "-+•*–"
_BLANKS_BULLETS = " \t\n" + _BULLETS
_DIGIT_RE = re.compile(r"\d")     # every date of a deadline (dates.DATE_SRC) holds a digit


@dataclass
class Assignment:
    document: Document
    org: Org
    role: str
    deadline: str | None
    start: int
    end: int
    confidence: float
    cue: str
    tasks_at: int = -1      # for a body named as a list item's heading, where its tasks below begin


@dataclass(frozen=True)
class _Cue:
    role: str
    needs_before: re.Pattern | None
    confidence: float
    clause_start: bool = False
    lead_verbs: re.Pattern | None = None     # the role is "lead" only before these (or `lead_verbs` of organizations.toml)
    lower: bool = False     # only as written in lower case, a verb ("chỉ thị"), not a type word ("Chỉ thị số …")
    lead_after: re.Pattern | None = None     # the role is "lead" before these ("đề nghị X chủ trì …")


def _cues() -> tuple[re.Pattern, dict[str, _Cue], re.Pattern, re.Pattern]:
    return _cue_tables(UNMARKED.get())


@functools.cache
def _cue_tables(unmarked: bool) -> tuple[re.Pattern, dict[str, _Cue], re.Pattern, re.Pattern]:
    data = load_unmarked("cues.toml") if unmarked else load_data("cues.toml")
    table: dict[str, _Cue] = {}
    for row in data["assignment"]:
        nb = row.get("needs_before")
        lv, la = row.get("lead_verbs"), row.get("lead_after")
        cue = _Cue(row["role"], re.compile(exact_trie(nb)) if nb else None, float(row.get("confidence", 0.8)),
                   bool(row.get("clause_start")), re.compile(exact_trie(lv)) if lv is not None else None,
                   bool(row.get("lower")), re.compile(exact_trie(la)) if la is not None else None)
        for p in row["phrases"]:
            table[p.casefold()] = cue
    # scanned with the folded trie (fast), then kept only where the diacritics are exact
    rx = re.compile(rf"{word_start(list(table))}{alternation(list(table), scan=True)}(?!\w)")
    d = data["deadline"]
    day = literal_one_of(d["day_words"])
    # a time of day may stand before the day ("trước 17 giờ ngày 7/9/2024", "trước 16h00 ngày …")
    hour = rf"(?:\d{{1,2}}[ \t]?(?:{literal_one_of(d['hour_words'])})(?:[ \t]?\d{{1,2}}(?:[ \t]?(?:{literal_one_of(d['minute_words'])}))?)?\s{{1,3}})?"
    deadline = re.compile(exact_trie(d["phrases"]) + rf"\s{{1,3}}{hour}(?:{day}\s{{1,3}})?(?P<date>" + DATE_SRC + ")")
    return rx, table, deadline, not_cue_re()


@functools.cache
def _recurring_re() -> re.Pattern:
    """Words after a deadline's day that make it recur ("hằng năm"): cues.toml [deadline] recurring."""
    return re.compile(r"[ \t]{0,3}[,(]?[ \t]{0,3}" + alternation(load_data("cues.toml")["deadline"]["recurring"]) + r"(?!\w)")


@functools.lru_cache(maxsize=4096)
def _phrase_of(written: str) -> str:
    return " ".join(written.split()).casefold()


def find_assignments(text: str, segs: list[Segment], subject: Document | None,
                     docs: list[Document] = ()) -> list[Assignment]:
    """The tasks the subject gives, and those of the other documents of ``docs`` that a sentence
    reports by their type word ("Công văn yêu cầu …")."""
    if subject is None:
        return []
    out: list[Assignment] = []
    rx, table, _, not_cue = _cues()
    v = org_vocab()
    hits = _cue_hits(text, rx, table, not_cue, v)
    starts = [h.start() for h in hits]
    english = may_be_english(text)
    speaker_after = _speaker_after(subject, docs)
    placed: list[tuple[int, int, int]] | None = None
    placed_starts: list[int] = []
    last: list[Assignment] = []         # the tasks of the sentence before (of the bullets before, in a run of them)
    last_bullet = False                 # the sentence before opened with a bullet
    section: list[Assignment] = []      # the tasks of names heading the list items read now
    # a page's opening lines (menus, its title, the title again, a caption) announce; they assign
    # nothing. An official text's opening is its layout, read as such.
    opening = not subject.has_header
    head = v.clause_head_re
    body_end = v.body_end_re
    # a sentence that opens with none of the first letters of the words that end the body ("Nơi nhận:")
    # does not end it: its match is spared (None: not known, matched everywhere)
    body_end_first = first_characters(body_end)
    subject_reports = _reports(subject)     # the same for every sentence the subject speaks
    for n, seg in enumerate(segs):
        if (n == 0 or opening) and is_headline(text, seg):
            continue
        opening = False
        if (body_end_first is None or text[seg.start] in body_end_first) and body_end.match(text, seg.start):
            break               # "Nơi nhận:": the distribution list of an official text, not its tasks
        if starts:
            a = bisect.bisect_left(starts, seg.start)
            b = bisect.bisect_left(starts, seg.end, a)
        else:
            a = b = 0           # (a text with no cue: most of the corpus's)
        # most sentences have no cue, so only an organisation at the head of a clause can be given a
        # task: without one, a sentence gives none (and its speaker need not be looked for); most
        # sentences have no ";" either: one clause, the sentence (``_clauses``), built only when it assigns
        if text.find(";", seg.start, seg.end) < 0:
            clauses = None
            assigns = a < b or head.match(text, seg.start, seg.end) is not None
        else:
            clauses = _clauses(text, seg)
            assigns = a < b or any(head.match(text, lo, hi) for lo, hi in clauses)
        bullet = text[seg.start] in _BULLETS
        if last and (field := _time_field_re().match(text, seg.start, seg.end)):
            # "Thời gian: trước ngày 30/11/2025." under a task: its deadline; after a colon, a date alone
            # ("- Thời gian hoàn thành: 15/12/2025.")
            value, _ = _deadline(text, seg.start, seg.end, subject)
            if value is None and text[field.end() - 1] == ":" and _due_field_re().match(text, seg.start, field.end()):
                value = day_named(text, field.end(), seg.end, subject.date)
            for t in last:
                if t.deadline is None:
                    t.deadline = value
            last = []
            continue
        # the fields of one task, a bullet each ("- Cơ quan chủ trì: …" / "- Cơ quan phối hợp: …" / "- Thời
        # gian hoàn thành: …"): the time field is the deadline of all of them
        carried = last if bullet and last_bullet else []
        last_bullet = bullet
        last = carried
        if section and text[seg.start] not in _BULLETS:
            section = []            # the items under a heading's names end at the next heading or sentence
        if section and _DIGIT_RE.search(text, seg.start, seg.end):
            # "1. Các huyện ủy …" / "- Báo cáo kết quả về … trước ngày 30/11/2025.": the heading's deadline too
            value, _ = _deadline(text, seg.start, seg.end, subject)
            if value is not None:
                for t in section:
                    if t.deadline is None:
                        t.deadline = value
        if not (assigns or english):
            continue
        if speaker_after is None or seg.end <= speaker_after:
            speaker = subject
        else:
            if placed is None:      # every mention, in order, once a sentence may speak for another document
                placed = sorted((x.start, x.end, i) for i, d in enumerate(docs) for x in d.mentions)
                placed_starts = [p[0] for p in placed]
            speaker = _speaker(text, seg, subject, docs, placed, placed_starts)
        if assigns:
            before = len(out)
            _sentence(text, seg, clauses or [(seg.start, seg.end)], speaker, hits[a:b], starts[a:b], v, table, out,
                      subject_reports if speaker is subject else _reports(speaker))
            last = carried + out[before:]
            # names heading the items below ("1. Các huyện ủy" / "- …"), or a sentence that gives
            # them the items below ("đề nghị Ban Thường vụ Huyện ủy thực hiện các nhiệm vụ sau:" / "- …")
            heading = [t for t in last if (t.tasks_at >= 0 or text[seg.end - 1] == ":") and t.role in _TASK_ROLES]
            if heading:
                section = heading
        if english:
            out.extend(_english_sentence(text, seg, speaker))
    out.extend(table_tasks(text, subject, lambda org, role, deadline, start, end, cue: Assignment(
        subject, org, role, deadline, start, end, TABLE_CONFIDENCE, cue)))
    return _dedupe(out)


def _cue_hits(text: str, rx: re.Pattern, table: dict[str, _Cue], not_cue: re.Pattern, v) -> list[re.Match]:
    """The assignment cues of ``text``, in one scan (each sentence takes its own): the folded
    scan's hits whose diacritics are exact, that open no other word ("giao ban") and that are not
    a word of an organisation's head ("Ban Chỉ đạo")."""
    embedded = _in_heads()
    not_cue_first = first_characters(not_cue)
    hits = []
    for h in rx.finditer(text):
        written = h.group()
        phrase = _phrase_of(written)
        cue = table.get(phrase)
        if cue is None or (cue.lower and not written[:1].islower()):
            continue        # (a cue only in lower case, "chỉ thị", is no hit written "Chỉ thị": a type word)
        if (not_cue_first is None or written[:1] in not_cue_first) and not_cue.match(text, h.start()):
            continue        # another word ("giao ban"); a hit whose first letter opens none of them needs no match
        if phrase in embedded and in_head(text, h.start(), v):
            continue
        hits.append(h)
    return hits


def _speaker_after(subject: Document, docs: list[Document]) -> int | None:
    """The position after which a sentence may state the tasks of a document other than the
    subject (``_speaker``), None when none may: ``_speaker`` gives another document only when it
    is of a kind (not None) other than the subject's and named before the sentence or at its
    opening, so a sentence that ends before the first mention of such a document, or a text that
    names none, states the subject's tasks (the answer ``_speaker`` would give, without its search)."""
    if len(docs) <= 1:
        return None
    return min((x.start for d in docs if d is not subject and d.kind is not None and d.kind != subject.kind
                for x in d.mentions), default=None)


@functools.cache
def _time_field_re() -> re.Pattern:
    """A sentence (or a clause) that is only the time of the task before it ("Thời gian: trước ngày …",
    "- Thời gian thực hiện: …", "Thời gian hoàn thành chậm nhất ngày …"; cues.toml [deadline]
    time_fields, then a colon or a deadline's phrase)."""
    d = load_data("cues.toml")["deadline"]
    return re.compile(rf"[\s\-+•*–]*(?:{one_of(d['time_fields'])})(?:[ \t]*:|(?=[ \t]{{1,3}}{one_of(d['phrases'])}(?!\w)))")


def _in_heads() -> frozenset[str]:
    return _cue_words_in_heads(UNMARKED.get())


@functools.cache
def _cue_words_in_heads(unmarked: bool) -> frozenset[str]:
    """The cue phrases that are words of an organisation's head after its first ("Ban Chỉ đạo",
    "Ban Tuyen giao" without diacritics): only these are checked against the heads around them."""
    heads = [" ".join(h.split()).casefold() for h in (load_unmarked if unmarked else load_data)("organizations.toml")["heads"]]
    return frozenset(p for p in _cue_tables(unmarked)[1]
                     if any(f" {p} " in f" {h} " and not f"{h} ".startswith(f"{p} ") for h in heads))


def _english_sentence(text: str, seg: Segment, subject: Document) -> list[Assignment]:
    """The tasks of an English sentence; a deadline ("before December 31, 2025") is the deadline
    of the tasks named before it."""
    tasks = [Assignment(subject, t.org, t.role, None, t.start, t.end, ENGLISH_CONFIDENCE, " ".join(t.cue.split()))
             for t in english_tasks(text, seg.start, seg.end)]
    d = _english_deadline_re().search(text, seg.start, seg.end) if tasks else None
    hit = parse_date(d, "date") if d else None
    if hit is not None and hit.complete:
        for a in tasks:
            if a.start < d.start():
                a.deadline = hit.value
    return tasks


@functools.cache
def _english_deadline_re() -> re.Pattern:
    """cues.toml [deadline] english, then a date."""
    phrases = load_data("cues.toml")["deadline"]["english"]
    return re.compile(r"(?<!\w)" + exact_trie(phrases) + r"\s{1,3}(?P<date>" + DATE_SRC + ")")


def _clauses(text: str, seg: Segment) -> list[tuple[int, int]]:
    """The spans of a sentence between its ";"."""
    i = text.find(";", seg.start, seg.end)
    if i < 0:
        return [(seg.start, seg.end)]       # most sentences: one clause
    out, pos = [], seg.start
    while i >= 0:
        out.append((pos, i))
        pos = i + 1
        i = text.find(";", pos, seg.end)
    out.append((pos, seg.end))
    return out


SPEAKER_OPENING = 16      # item marks and "Theo" before the type word that opens a sentence


def _speaker(text: str, seg: Segment, subject: Document, docs: list[Document],
             placed: list[tuple[int, int, int]], starts: list[int] | None = None) -> Document:
    """The document whose tasks a sentence states: another document named before the sentence,
    when the sentence opens with its type word alone before a verb of saying or requiring, or
    after "Theo" ("Công văn yêu cầu …", "Theo Công văn, …"; layout.toml [news]) and the subject is
    of another kind; or the document of another kind the sentence opens with after a word of
    cues.toml [framing] and before a comma ("Tại Công văn số 215-CV/TU, Ban Thường vụ Tỉnh ủy yêu
    cầu …"); else the subject. ``starts``: the first item of each of ``placed``, when the caller has
    them (``bisect`` finds the sentence's place among integers faster than among tuples)."""
    at = bisect.bisect_left(placed, (seg.start,)) if starts is None else bisect.bisect_left(starts, seg.start)
    framed = _framed(text, seg, subject, docs, placed, at)
    if framed is not None:
        return framed
    m = type_word_re().search(text, seg.start, min(seg.end, seg.start + SPEAKER_OPENING))
    if m is None or m.group("num") or m.group("so") or not opens_clause_as_own(text, m.start(), m.end("word")):
        return subject
    kind = vocab().canonical_word(m.group("word"))
    if kind is None or kind == subject.kind:
        return subject
    # the latest mention before the sentence of a document of that kind
    k = at
    while k > 0:
        k -= 1
        d = docs[placed[k][2]]
        if d is not subject and d.kind == kind:
            return d
    return subject


def _framed(text: str, seg: Segment, subject: Document, docs: list[Document],
            placed: list[tuple[int, int, int]], k: int | None = None) -> Document | None:
    """The document of another kind than the subject's that the sentence opens with, after a word
    of cues.toml [framing], when a comma follows it in the sentence (``placed``: every mention as
    (start, end, index of its document), in order; ``k``: the index of the first that starts at or
    after the sentence's start, when the caller has it)."""
    if k is None:
        k = bisect.bisect_left(placed, (seg.start,))
    if k == len(placed) or placed[k][0] >= seg.end:
        return None
    first = placed[k]
    d = docs[first[2]]
    if d is subject or d.kind is None or d.kind == subject.kind or not cue_table().frames(text, seg.start, first[0]):
        return None
    return d if text.find(",", first[1], seg.end) >= 0 else None


def _sentence(text: str, seg: Segment, clauses: list[tuple[int, int]], subject: Document, hits: list[re.Match],
              starts: list[int], v, table: dict[str, _Cue], out: list[Assignment], reports: bool | None = None) -> None:
    """The tasks of one sentence (its ``clauses``, with its cue ``hits`` and their ``starts``),
    added to ``out``. ``v``: ``org_vocab()``; ``table``: the cue table of ``_cues()``; ``reports``:
    ``_reports(subject)``, when the caller has it at hand (it is the same for a text's every sentence)."""
    if reports is None:
        reports = _reports(subject)      # the same for every clause
    # a deadline is a date, and a date has a digit: a sentence without one has none (no scan per
    # clause; looked for once the sentence has a task a deadline could go to)
    dated: bool | None = None
    tasks: list[Assignment] = []
    undated: list[Assignment] = []        # tasks of this sentence still without a deadline
    waiting: list[tuple[Org, int]] = []     # lists of organisations that fill a clause of their own
    before: list[Assignment] = []           # the tasks of the clause before
    for lo, hi in clauses:
        # one clause: the sentence's hits are its own (both take the hits that start in the span)
        clause_hits = hits if len(clauses) == 1 else hits[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        found = _clause_tasks(text, lo, hi, subject, clause_hits, v, table, reports)
        if not found and not clause_hits:
            # "Các ban đảng, đảng đoàn; các cơ quan, đơn vị …; các đảng ủy trực thuộc … chuẩn bị
            # báo cáo": names alone before ";" share the task of the clause that ends the list
            waiting += _names_only(text, lo, hi, v)
        elif waiting:
            heads = [a for a in found if not a.cue]
            if heads:
                found = [_assignment(text, subject, o, heads[0].role, start, hi, HEAD_CONFIDENCE, "")
                         for o, start in waiting] + found
            waiting = []
        timed = before if not found and before and _time_field_re().match(text, lo, hi) else []
        before = found
        if not (found or undated or timed):
            continue        # no task for a deadline to go to (nor one below a heading: ``tasks_at`` is a found task's)
        if dated is None:
            dated = _DIGIT_RE.search(text, seg.start, seg.end) is not None
        value, hit = _deadline(text, lo, hi, subject) if dated else (None, None)
        below = [a for a in found if a.tasks_at >= 0]   # "1. Ban Tuyên giáo Huyện ủy" / "- Chủ trì …, hoàn thành trước …"
        if below and value is None:
            first = SENTENCE_END_RE.search(text, below[0].tasks_at)
            value, hit = _deadline(text, below[0].tasks_at, first.start() if first else len(text), subject)
        if value is not None:
            # the clause's own tasks, whatever their role, and the tasks to carry out or
            # report of earlier clauses that have no deadline yet
            # (a clause that is only a time, "…; thời hạn: trước ngày 15/7/2025", is the time of every
            # task of the clause before it)
            targets = found + undated[-MAX_UNDATED:] + [a for a in timed if a.deadline is None]
            for a in targets:
                a.deadline = value
                a.end = max(a.end, hit.end)
            undated = []
        undated += [a for a in found if a.role in _TASK_ROLES and a.deadline is None]
        tasks.extend(found)
    if not tasks or in_capitals(text[seg.start:seg.end]):
        return      # none, or a heading ("QUY ĐỊNH VỀ QUAN HỆ ... CỦA BỘ CHÍNH TRỊ") that assigns nothing
    if v.retrospective_re.match(text, _skip(text, seg.start, seg.end, _BLANKS_BULLETS)):
        return      # "Thời gian qua, Ban Dân vận chủ trì, phối hợp với …": what was done then
    # before the first task (a cue that gave none, "Báo cáo tại hội nghị cho biết, …", does not count)
    first_task = min(a.start for a in tasks)
    said = v.framing_re.search(text, seg.start, first_task)
    while said is not None and v.document_speaks_re.search(text, max(seg.start, said.start() - SPEAKER_OPENING * 2),
                                                             said.start()):
        said = v.framing_re.search(text, said.end(), first_task)     # "Kế hoạch nhấn mạnh, …": the document speaks
    if said is not None:
        return      # reported speech ("Đồng chí Bí thư nhấn mạnh, đề nghị ..."): not the document's tasks
    out.extend(tasks)


@functools.cache
def _due_field_re() -> re.Pattern:
    """A time field that states when a task is due (cues.toml [deadline] due_fields) and its colon."""
    return re.compile(rf"[\s\-+•*–]*(?:{one_of(load_data('cues.toml')['deadline']['due_fields'])})[ \t]*:")


def _deadline(text: str, lo: int, hi: int, subject: Document) -> tuple[str | None, object]:
    """The deadline in ``text[lo:hi]`` (cues.toml [deadline] and a date) and its date hit: a day
    without its year falls in the year of the document that sets it, unless it recurs ("trước ngày
    15/11 hằng năm")."""
    d = _cues()[2].search(text, lo, hi)
    hit = parse_date(d, "date") if d else None
    if hit is None:
        return None, None
    value = hit.value if hit.complete else None if _recurring_re().match(text, hit.end) else in_year_of(hit, subject.date)
    return value, hit


def _clause_tasks(text: str, lo: int, hi: int, subject: Document, hits: list[re.Match], v, table,
                  reports: bool) -> list[Assignment]:
    """The tasks one clause gives: to the organisations at its head, then after each cue
    (``v``: ``org_vocab()``; ``table``: the cue table of ``_cues()``, looked up once a sentence;
    ``reports``: ``_reports(subject)``, the bodies at the clause's head get no task)."""
    found: list[Assignment] = []
    taken: list[tuple[int, int]] = []
    item = v.item_re.match(text, lo, hi)          # "2.", "b)", "- ", "Điều 3."
    opener = v.opener_re.match(text, item.end(), hi)
    if opener and hits and any(h.start() == item.end() and table[_phrase_of(h.group())].needs_before is None
                               for h in hits):
        opener = None       # a cue opens the clause ("De nghi cac dia phuong, …" typed without diacritics: not "Để …,")
    head = _skip(text, opener.end() if opener else item.end(), hi, _BLANKS_BULLETS)
    orgs, verb = org_list(text, head, hi, v) if not reports else ([], -1)
    if not orgs and not reports:
        colon = text.find(": ", head, hi)
        if colon >= 0 and text[colon + 2:colon + 3].isupper() and v.tasks_follow_re.search(text, head, colon):
            # "Kế hoạch đề ra nhiệm vụ cho các cơ quan: Ban Tuyên giáo Tỉnh ủy chủ trì …": names after a
            # colon head what follows it
            head = colon + 2
            orgs, verb = org_list(text, head, hi, v)
    if orgs and verb >= 0 and _makes_itself(text, verb, hi, subject):
        orgs = []       # "Ban Chấp hành Đảng bộ tỉnh xây dựng Chương trình hành động như sau": the text itself
    if orgs and verb < 0 and (item.end() > lo or _after_item_number(text, lo)
                              or _colon_after(text, orgs[-1].end, hi, v if subject.has_header and _opens_line(text, head) else None)):
        # a list item's heading, or a clause's names and a colon ("Ban Tuyên giáo Huyện ủy: chủ trì …")
        verb = _tasks_below(text, orgs[-1].end, hi)
        named = _named_after_colon(text, orgs[-1].end, hi, v) if verb < 0 else None
        if named is not None:
            # "Cấp cơ sở: Các chi bộ, đảng bộ cơ sở tổ chức …": the bodies named under a level's label
            head, (orgs, verb) = named
    if orgs and verb >= 0 and v.says_colon_re.match(text, verb):
        orgs = []       # "Ban Thường vụ Tỉnh ủy chỉ đạo: …": the body gives the orders that follow
    if len(orgs) == 1 and verb >= 0 and v.issuer_directs_re.match(text, verb) and issues(orgs[0], subject.issuing_body):
        orgs = []       # "Ban Bí thư chỉ đạo các cấp ủy …" in its own directive: the orders follow
    if len(orgs) == 1 and verb >= 0 and issues(orgs[0], subject.issuing_body) \
            and following_re().search(text, verb, hi) is not None:
        orgs = []       # "Ban Tổ chức Trung ương hướng dẫn một số nội dung như sau:" in its guidance: the text itself
    if orgs and verb >= 0 and _takes_task(text, verb, v):
        role = v.head_role(text, verb)
        heads = [_assignment(text, subject, o, role, head, hi, HEAD_CONFIDENCE, "") for o in orgs]
        if verb >= hi:
            for a in heads:
                a.tasks_at = verb
        found += heads
        taken.append((orgs[0].start, orgs[-1].end))
    for m in hits:
        if m.end() > hi or (taken and taken[-1][0] <= m.start() < taken[-1][1]):
            continue        # inside the names of an earlier cue's list (they never overlap: the last one is enough)
        cue = table[_phrase_of(m.group())]
        needed = cue.needs_before is None or cue.needs_before.search(
            text, max(lo, m.start() - NEEDS_BEFORE_CHARS), m.start()) is not None
        if cue.clause_start and m.start() != head and not (cue.needs_before is not None and needed):
            continue        # (with both keys, a cue after one of needs_before counts anywhere)
        if not cue.clause_start and not needed:
            continue
        if _done_before(text, lo, m.start()):
            continue        # "… đã phối hợp với ngân hàng giải ngân …": what was done, no task
        at = _skip(text, m.end(), hi, " \t\n")
        if text.startswith(": ", at) or text.startswith(":\t", at):
            at = _skip(text, at + 1, hi, " \t")     # "giao: Ban Tuyên giáo Huyện ủy chủ trì …", on the same line
        marker = v.addressee_re.match(text, at, hi)
        if marker is not None:
            at = marker.end()       # "chỉ đạo cho | các chi bộ …"
        if "\n" in text[m.end():at] and text[at:at + 1].isupper() \
                and m.end() - text.rfind("\n", 0, m.start()) <= HEADING_LINE_MAX:
            continue        # "1. Công tác lãnh đạo, chỉ đạo" / "Ban Thường vụ …": a heading's last word
        orgs, verb = org_list(text, at, hi, v)
        if orgs:
            role = cue.role
            if cue.lead_verbs is not None and verb >= 0:
                # "giao X chủ trì / theo dõi / chỉ đạo ..." leads; "giao X hoàn chỉnh đề án" carries out
                role = "lead" if (v.lead_re.match(text, verb) or cue.lead_verbs.match(text, verb)) else "execute"
            elif cue.lead_after is not None and verb >= 0 and cue.lead_after.match(text, verb):
                role = "lead"       # "chỉ đạo Bộ Nội vụ chủ trì, phối hợp …"
            found += [_assignment(text, subject, o, role, m.start(), hi, cue.confidence, m.group()) for o in orgs]
            taken.append((m.start(), orgs[-1].end))
    return found


@functools.cache
def _done_re() -> re.Pattern:
    """A word of an act done in the past (cues.toml [done_acts]: "đã", "từng") before where the search
    ends, at most DONE_CHAIN_WORDS verbs between ("đã chủ trì, | phối hợp với …")."""
    words = load_data("cues.toml")["done_acts"]["words"]
    # as written, with their diacritics or without them all (a text typed without them): a short word
    # differs from others by them alone ("đã" / "đa dạng")
    done = literal_one_of(sorted({*words, *map(strip_marks, words)}, key=len, reverse=True), r"[ \t]{1,2}")
    return re.compile(rf"(?<!\w)(?i:{done})(?![ \t]{{1,2}}{_issuing()})"
                      rf"(?:[ \t]{{1,2}}[{LOWER_LETTERS}]+,?){{0,{DONE_CHAIN_WORDS}}}[ \t]{{1,2}}\Z")


def _issuing() -> str:
    """The verbs that issue a document (citations.toml [issued] `verbs`, `done_verbs`, `made_verbs`): a
    done word before one reports a document issued ("vừa ban hành Chỉ thị …, chỉ thị cho cấp ủy …",
    "đã có văn bản yêu cầu …"), whose tasks follow."""
    return one_of(citation_words("issued", "verbs") + citation_words("issued", "done_verbs")
                  + citation_words("issued", "made_verbs")) + r"(?!\w)"


def _done_before(text: str, lo: int, cue: int) -> bool:
    """The cue at ``cue`` reports what was done ("Hội Nông dân huyện đã phối hợp với ngân hàng …"):
    a narrative, not a directive; it gives no task."""
    return _done_re().search(text, max(lo, cue - DONE_BEFORE_CHARS), cue) is not None


def _reports(d: Document) -> bool:
    """A report, a submission or minutes states what bodies did, not what they are to do (types.toml
    ``reports``): the bodies at the head of its clauses get no task."""
    return bool(vocab().type_words.get(d.kind or "", {}).get("reports"))


def _takes_task(text: str, verb: int, v) -> bool:
    """``not directs(text, verb) and not _undergoes(text, verb, v)``: the bodies before ``verb`` are
    given what it says, neither directing it (a directive of their own) nor undergoing it. The two
    share one search for a passive marker before the verb: with one, the verb is no directive of
    their own and they undergo it unless it selects them (``selects_re``); without, they undergo
    nothing and the verb must be no directive."""
    if v.passive_re.search(text, max(0, verb - 12), verb) is not None:
        return v.selects_re.match(text, verb) is not None
    if v.directive_re.match(text, verb) is not None:
        return False
    aux = v.auxiliary_re.match(text, verb)       # "UBND tỉnh sẽ ban hành …", "… tiếp tục yêu cầu …": its own
    return aux is None or v.directive_re.match(text, aux.end()) is None


def _undergoes(text: str, verb: int, v) -> bool:
    """The organisations before ``verb`` undergo it, a passive of a verb that gives no task ("các
    cấp ủy được kiện toàn": they were consolidated); "được phân công xây dựng …", "được lựa chọn
    khảo sát …" direct them (organizations.toml ``directive_verbs``, ``passive_directs``)."""
    return bool(v.passive_re.search(text, max(0, verb - 12), verb)) and not v.selects_re.match(text, verb)


def _names_only(text: str, lo: int, hi: int, v) -> list[tuple[Org, int]]:
    """The organisations of a clause that is nothing but a list of them (and where it starts).
    ``v``: ``org_vocab()``."""
    item = v.item_re.match(text, lo, hi)
    head = _skip(text, item.end(), hi, _BLANKS_BULLETS)
    orgs, verb = org_list(text, head, hi, v)
    if not orgs or verb >= 0 or text[orgs[-1].end:hi].strip(" \t\n,.:"):
        return []
    return [(o, head) for o in orgs]


MAKES_ITSELF_REACH = 40    # from the verb to the type word of the document it makes ("xây dựng và ban hành ")


def _makes_itself(text: str, verb: int, hi: int, subject: Document) -> bool:
    """The verb makes the text's own document: a verb of making (layout.toml [news] making) before
    a type word of the subject's kind that "như sau" / "sau đây" follows in the clause
    (citations.toml [demonstrative] following)."""
    if not subject.kind:
        return False
    w = type_word_re().search(text, verb, min(hi, verb + MAKES_ITSELF_REACH))
    if w is None or vocab().canonical_word(w.group("word")) != subject.kind or not to_be_made(text, w.start()):
        return False
    return following_re().search(text, w.end(), hi) is not None


def _colon_after(text: str, end: int, hi: int, v=None) -> bool:
    """A colon follows the names, then a task in lower case: "Ban Tuyên giáo Huyện ủy: chủ trì …"
    (a headline writes "Huyện ủy Bố Trạch: Quán triệt …", a report on what a body did); with ``v``
    (``org_vocab()``, for names that open a line of an official text's body), a task verb with its
    capital too ("Mặt trận Tổ quốc và các đoàn thể huyện: Tuyên truyền, vận động …")."""
    pos = _after_colon(text, end, hi)
    return 0 <= pos < hi and (text[pos].islower() or (v is not None and v.task_re.match(text, pos) is not None))


def _after_colon(text: str, end: int, hi: int) -> int:
    """Where the words after a colon right after ``end`` (blanks aside) start, -1 when none follows."""
    pos = _skip(text, end, hi, " \t")
    return _skip(text, pos + 1, hi, " \t") if pos < hi and text[pos] == ":" else -1


def _opens_line(text: str, pos: int) -> bool:
    """Only blanks, bullets or an item's number stand between the line's start and ``pos``."""
    lo = max(0, pos - ITEM_MARK_CHARS)
    line = text.rfind("\n", lo, pos) + 1
    if line == 0 and lo > 0:
        return False        # a long line goes on before: ``pos`` does not open it
    return not text[line:pos].strip(" \t" + _BULLETS) or _after_item_number(text, pos)


ITEM_MARK_CHARS = 16        # "2.1.3. ", "Điều 12. ", "- ": what may stand before a line's first name


def _named_after_colon(text: str, end: int, hi: int, v) -> tuple[int, tuple[list[Org], int]] | None:
    """Where names right after the colon that follows ``end`` start, and them with their task verb,
    when a task verb follows them on the line; else None."""
    pos = _after_colon(text, end, hi)
    if pos < 0:
        return None
    found = org_list(text, pos, hi, v)
    return (pos, found) if found[0] and found[1] >= 0 else None


def _tasks_below(text: str, end: int, hi: int) -> int:
    """Where the tasks of organisations named as the heading of a list item begin: after a
    colon ("2. Ban Tuyên giáo Tỉnh ủy: Chủ trì ...") or, for a name alone on its line, in the
    items under it ("6. Văn phòng Tỉnh ủy" / "- Theo dõi, đôn đốc ..."); -1 when no task verb
    opens them (a list of addressees, "các ban cán sự đảng: Tòa án ...", is no task)."""
    v = org_vocab()
    pos = _skip(text, end, hi, " \t")
    if pos < hi and text[pos] == "." and _skip(text, pos + 1, hi, " \t\n") == hi:
        pos = hi            # closed by a period, the clause ends with it
    if pos < hi and text[pos] == ":":
        pos = _skip(text, pos + 1, len(text), " \t\n" + _BULLETS)
        pos = _skip_item_mark(text, pos, v)
    elif pos == hi and text.startswith("\n", _skip(text, hi, len(text), " \t:.")):
        # alone on its line, perhaps closed by a period ("1. Bộ Công an." / "a) Chủ trì …")
        pos = _skip(text, hi, len(text), " \t\n:.")
        marked = _skip_item_mark(text, pos, v)
        if pos >= len(text) or (text[pos] not in _BULLETS and marked == pos):
            return -1
        pos = _skip(text, marked, len(text), " \t" + _BULLETS)
    elif pos == hi and hi > end and text[hi - 1] == ".":
        # closed by a period, its sub-items run on on the same line ("1. Bộ Công an. a) Phối hợp …",
        # a page that lost its line breaks): a numbered or lettered mark must open them
        pos = _skip(text, hi, len(text), " \t")
        mark = v.item_re.match(text, pos)
        if mark is None or not mark.group().strip(" \t\n" + _BULLETS):
            return -1
        pos = mark.end()
    else:
        return -1
    return pos if v.task_re.match(text, pos) else -1


def _skip_item_mark(text: str, pos: int, v) -> int:
    """After the mark of a sub-item that opens the line at ``pos`` ("a) ", "1.1. ", "- "), if one."""
    m = v.item_re.match(text, pos)
    return m.end() if m is not None and m.end() > pos else pos


def _after_item_number(text: str, pos: int) -> bool:
    """``pos`` follows the number of a list item on its line ("2. " or "Điều 3. ", which
    the sentence splitter leaves out of the sentence)."""
    line = text.rfind("\n", 0, pos) + 1
    m = org_vocab().item_re.match(text, line, pos)
    if line < pos and m is not None and m.end() == pos and bool(text[line:pos].strip()):
        return True
    # run on after the sentence before ("… yêu cầu: 1. Bộ Công an. a) …", a page that lost its line
    # breaks): the number right after a colon or a sentence's end
    return _RUN_ON_ITEM_RE.search(text, max(line, pos - RUN_ON_ITEM_CHARS), pos) is not None


RUN_ON_ITEM_CHARS = 12
_RUN_ON_ITEM_RE = re.compile(r"[:.;][ \t]+(?:\d{1,2}|[IVX]{1,5})[.)/][ \t]+\Z")


def _skip(text: str, pos: int, hi: int, chars: str) -> int:
    while pos < hi and text[pos] in chars:
        pos += 1
    return pos


def _assignment(text, subject, org: Org, role, start, clause_end, confidence, cue) -> Assignment:
    end = min(clause_end, max(org.end, start + EVIDENCE_MAX))
    while end > org.end and text[end - 1] in " \t\n.,":
        end -= 1
    return Assignment(subject, org, role, None, min(start, org.start), end, confidence, _spaced(cue))


@functools.lru_cache(maxsize=4096)
def _spaced(cue: str) -> str:
    """A cue as written with its spaces made single (texts write the same few cues again and again)."""
    return " ".join(cue.split())


@functools.lru_cache(maxsize=8192)
def _key_words(key: str) -> frozenset[str]:
    """The words of an organisation's key (keys recur across a corpus)."""
    return frozenset(_WORD_RE.findall(key))


_WORD_RE = re.compile(r"\w+")


@functools.lru_cache(maxsize=8192)
def _runs_within(a: str, b: str) -> bool:
    """The words of the shorter of two keys, in a row, in the longer one: "các huyện, thị, thành
    ủy" in "ban thường vụ các huyện, thị, thành ủy", not "ban đảng" in "ban cán sự đảng" (the
    Party's boards and its committees in state bodies: two kinds of body, one word between)."""
    wa, wb = " ".join(_WORD_RE.findall(a)), " ".join(_WORD_RE.findall(b))
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return f" {shorter} " in f" {longer} "


def _department_of(a: str, b: str) -> bool:
    """One of two keys names a department of the other's body ("ban tổ chức huyện ủy" / "huyện ủy"):
    a head before the whole of the other, not one that stands for the body itself (organizations.toml
    ``same_body``: "ban thường vụ huyện ủy" is the committee acting; compared without diacritics,
    "Ban Thuong vu cac huyen uy" typed without them)."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if not longer.endswith(" " + shorter):
        return False
    words = longer[:-len(shorter)].split()
    while words and fold(words[-1]) in _quantifiers():
        words.pop()                 # "ban thường vụ các | huyện, thị, thành ủy"
    prefix = " ".join(words)
    if prefix.endswith(","):
        return False                # a list ("các địa phương, | đơn vị"), not a department's name
    return bool(prefix) and fold(prefix) not in same_body() and org_vocab().any_head_re.match(prefix) is not None


@functools.cache
def _quantifiers() -> frozenset[str]:
    return frozenset(fold(w) for q in load_data("organizations.toml")["quantifiers"] for w in q.split())


def _dedupe(items: list[Assignment]) -> list[Assignment]:
    """One assignment per organisation and role: a name whose words are all in another's
    ("các huyện, thị, thành ủy" / "Ban Thường vụ các huyện, thị, thành ủy") is the same body.
    A later mention may add the deadline. (The last DEDUPE_WINDOW kept are compared; those of the
    same role are read from their role's own list, in the same order.)"""
    kept: list[Assignment] = []
    by_key: dict[tuple[str, str], Assignment] = {}
    by_role: dict[str, tuple[list[int], list[tuple[Assignment, frozenset[str]]]]] = {}   # (indices into kept, kept)
    for a in items:
        words = _key_words(a.org.key)
        same = by_key.get((a.org.key, a.role))
        at, role_kept = by_role.get(a.role) or by_role.setdefault(a.role, ([], []))
        if same is None and role_kept:
            for b, w in role_kept[bisect.bisect_left(at, len(kept) - DEDUPE_WINDOW):]:
                if (words <= w or w <= words) and _runs_within(a.org.key, b.org.key) \
                        and not (a.deadline and b.deadline and a.deadline != b.deadline) \
                        and not _department_of(a.org.key, b.org.key):      # (two deadlines: two tasks)
                    same = b
                    break
        if same is None:
            at.append(len(kept))
            role_kept.append((a, words))
            kept.append(a)
            by_key[(a.org.key, a.role)] = a
        elif same.deadline is None and a.deadline is not None:
            same.deadline = a.deadline
    return kept
