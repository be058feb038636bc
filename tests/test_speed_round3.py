"""Issue 20 (point 1), third round of shortcuts: each gives what the code it replaced gave.

The shortcuts (``find_assignments`` builds a sentence's clauses only when it holds a ";" and hands
``_sentence`` the subject's ``_reports`` once a text; ``_clause_tasks`` asks ``_takes_task`` instead of
``directs`` and ``_undergoes``, one search for a passive marker between them; ``_dedupe`` compares an
assignment with the kept ones of its role only, read from a list of their own; ``segments`` tests only the
sentences of a text's opening for a heading run into them; ``implausible_dates`` reads today's date once
a text) are checked here against the code they replaced, kept below as the reference, on invented
texts and on ../shared/corpus (read, when present), with and without diacritics.
"""
from __future__ import annotations

import bisect
import copy
import datetime as dt
import random
import re

import pytest

from vankien.loaders import assignments, dates, segments as seg_mod
from vankien.loaders.extract import extract_record
from vankien.loaders.fold import strip_marks
from vankien.loaders.organizations import Org, directs, org_vocab
from vankien.loaders.segments import Segment, is_headline
from vankien.loaders.source import SourceText
from vankien.loaders.vocab import UNMARKED

from corpus_texts import corpus_texts  # noqa: E402

_HEADING = "KẾ HOẠCH VỀ CỦNG CỐ, KIỆN TOÀN TỔ CHỨC BỘ MÁY CỦA HỆ THỐNG CHÍNH TRỊ GẮN VỚI PHÁT TRIỂN KINH TẾ - XÃ HỘI "
_RUN_ON = (_HEADING + "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương, Ban Thường vụ "
           "Tỉnh ủy ban hành Kế hoạch thực hiện như sau, giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với các cơ quan "
           "liên quan tham mưu thực hiện.")

INVENTED = [
    "KẾ HOẠCH\nthực hiện Chỉ thị số 12-CT/TU\n\n"
    "1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy, Sở Văn hóa, Thể thao và Du lịch "
    "theo dõi, đôn đốc; báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 15/11/2025.\n"
    "2. Các huyện, thị, thành ủy, các cơ quan, đơn vị liên quan tổ chức quán triệt Kế hoạch này.\n"
    "Các ban đảng, đảng đoàn; các cơ quan, đơn vị; các đảng ủy trực thuộc chuẩn bị báo cáo.\n"
    "Giao Ban Tổ chức Tỉnh ủy và Ủy ban Kiểm tra Tỉnh ủy hướng dẫn thực hiện trước ngày 30/6.\n"
    "Công văn số 1450-CV/TU yêu cầu Ban Dân vận Tỉnh ủy rà soát, báo cáo.\n"
    "Công văn yêu cầu Đài Phát thanh - Truyền hình tỉnh phối hợp thực hiện.\n"
    "Tại Công văn số 215-CV/TU, Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy kiểm tra; các chi bộ được kiện toàn.\n"
    "Các chi bộ được phân công xây dựng kế hoạch; Ban Thường vụ Huyện ủy chỉ đạo: các xã triển khai.\n"
    "6. Văn phòng Tỉnh ủy\n- Theo dõi, đôn đốc việc thực hiện; báo cáo trước ngày 20/12/2025.\n"
    "- Thời gian: trước ngày 30/11/2025.\n"
    "Nơi nhận:\n- Như trên,\n- Lưu VT.",
    "BÁO CÁO\nkết quả thực hiện Nghị quyết số 05-NQ/TU\n\n"
    "Ban Thường vụ Huyện ủy đã chỉ đạo các chi bộ triển khai; các tổ chức đảng được lựa chọn khảo sát.\n"
    "Ban Tuyên giáo và Dân vận Huyện ủy là cơ quan thường trực, có trách nhiệm theo dõi.",
    "Ban Thường vụ Huyện ủy yêu cầu các chi bộ trực thuộc được phân công xây dựng kế hoạch; "
    "Ban Tuyên giáo và Dân vận Huyện ủy là cơ quan thường trực, có trách nhiệm theo dõi.\n"
    "QUY ĐỊNH VỀ QUAN HỆ CÔNG TÁC CỦA BỘ CHÍNH TRỊ\n"
    "Ban Chỉ đạo phòng, chống tham nhũng tỉnh , Sở Nội vụ  và  Sở Tài chính báo cáo Tỉnh ủy.",
    _RUN_ON,
    _RUN_ON + "\n" + _RUN_ON,
    "Tiêu đề\n\n" + ("Các chi bộ thực hiện tốt. " * 200) + "\n" + _RUN_ON,     # a run-on past the text's opening
    ("Ngắn. " * 700) + _HEADING + "Thực hiện Kế hoạch số 5-KH/TU, các chi bộ triển khai.",
    "",
    ";",
    "Nơi nhận:",
]


def _texts() -> list[str]:
    return list(INVENTED) + list(corpus_texts())


def _unmarked_texts() -> list[str]:
    return [strip_marks(t) for t in INVENTED + list(corpus_texts())[:40]]


def _extract_all(texts: list[str]) -> None:
    for text in texts:
        extract_record(SourceText(source="<t>", text=text, reader="text"))


# --- the previous code -------------------------------------------------------------------------

def _find_assignments_reference(text, segs, subject, docs=()):
    """``find_assignments`` as it was: every sentence's clauses built, ``_reports`` asked by ``_sentence``."""
    if subject is None:
        return []
    out = []
    rx, table, _, not_cue = assignments._cues()
    v = org_vocab()
    hits = assignments._cue_hits(text, rx, table, not_cue, v)
    starts = [h.start() for h in hits]
    english = assignments.may_be_english(text)
    speaker_after = assignments._speaker_after(subject, docs)
    placed = None
    last = []
    section = []
    opening = not subject.has_header
    head = v.clause_head_re
    for n, seg in enumerate(segs):
        if (n == 0 or opening) and is_headline(text, seg):
            continue
        opening = False
        if v.body_end_re.match(text, seg.start):
            break
        a, b = bisect.bisect_left(starts, seg.start), bisect.bisect_left(starts, seg.end)
        clauses = assignments._clauses(text, seg)
        assigns = a < b or (head.match(text, seg.start, seg.end) is not None if len(clauses) == 1
                            else any(head.match(text, lo, hi) for lo, hi in clauses))
        if last and assignments._time_field_re().match(text, seg.start, seg.end):
            value, _ = assignments._deadline(text, seg.start, seg.end, subject)
            for t in last:
                if t.deadline is None:
                    t.deadline = value
            last = []
            continue
        last = []
        item = text[seg.start] in assignments._BULLETS
        if section and not item:
            section = []
        if section and assignments._DIGIT_RE.search(text, seg.start, seg.end):
            value, _ = assignments._deadline(text, seg.start, seg.end, subject)
            if value is not None:
                for t in section:
                    if t.deadline is None:
                        t.deadline = value
        if not (assigns or english):
            continue
        if speaker_after is None or seg.end <= speaker_after:
            speaker = subject
        else:
            if placed is None:
                placed = sorted((x.start, x.end, i) for i, d in enumerate(docs) for x in d.mentions)
            speaker = assignments._speaker(text, seg, subject, docs, placed)
        if assigns:
            before = len(out)
            assignments._sentence(text, seg, clauses, speaker, hits[a:b], starts[a:b], v, table, out)
            last = out[before:]
            heading = [t for t in last if (t.tasks_at >= 0 or text[seg.end - 1] == ":") and t.role in assignments._TASK_ROLES]
            if heading:
                section = heading
        if english:
            out.extend(assignments._english_sentence(text, seg, speaker))
    return assignments._dedupe(out)


def _dedupe_reference(items):
    """``_dedupe`` as it was: the last DEDUPE_WINDOW kept, of every role, read for each assignment."""
    kept = []
    by_key = {}
    for a in items:
        words = assignments._key_words(a.org.key)
        same = by_key.get((a.org.key, a.role)) or next(
            (b for b, w in kept[-assignments.DEDUPE_WINDOW:] if b.role == a.role and (words <= w or w <= words)
             and assignments._runs_within(a.org.key, b.org.key) and not (a.deadline and b.deadline and a.deadline != b.deadline)
             and not assignments._department_of(a.org.key, b.org.key)), None)
        if same is None:
            kept.append((a, words))
            by_key[(a.org.key, a.role)] = a
        elif same.deadline is None and a.deadline is not None:
            same.deadline = a.deadline
    return [a for a, _ in kept]


def _takes_task_reference(text: str, verb: int, v) -> bool:
    # a directive after the auxiliaries too ("UBND tỉnh sẽ ban hành …": its own act)
    aux = v.auxiliary_re.match(text, verb)
    own_after = aux is not None and not v.passive_re.search(text, max(0, verb - 12), verb) \
        and v.directive_re.match(text, aux.end()) is not None
    return not directs(text, verb) and not assignments._undergoes(text, verb, v) and not own_after


# ``segments`` as it was, every sentence tested for a heading run into it: the reference of
# tests/test_codes_speed.py (the same steps)
from test_codes_speed import _segments_reference  # noqa: E402


# --- the checks --------------------------------------------------------------------------------

def _word_starts(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<!\w)\w", text)]


def _assignment_rows(items) -> list[tuple]:
    return [(id(a.document), a.org, a.role, a.deadline, a.start, a.end, a.confidence, a.cue, a.tasks_at) for a in items]


@pytest.mark.parametrize("unmarked", [False, True])
def test_takes_task_as_directs_and_not_undergoes(unmarked):
    token = UNMARKED.set(unmarked)
    try:
        v = org_vocab()
        for text in (_unmarked_texts() if unmarked else _texts()):
            for pos in _word_starts(text):
                assert assignments._takes_task(text, pos, v) == _takes_task_reference(text, pos, v), (pos, text[pos:pos + 30])
    finally:
        UNMARKED.reset(token)


def test_takes_task_decides_both_ways():
    """The invented texts hold verbs of each kind: a task, a directive, a passive and a passive that selects."""
    v = org_vocab()
    text = INVENTED[0] + "\n" + INVENTED[1]
    seen = {assignments._takes_task(text, p, v) for p in _word_starts(text)}
    assert seen == {True, False}
    passive = [p for p in _word_starts(text) if v.passive_re.search(text, max(0, p - 12), p)]
    assert {assignments._takes_task(text, p, v) for p in passive} == {True, False}


@pytest.mark.parametrize("unmarked", [False, True])
def test_find_assignments_as_before(monkeypatch, unmarked):
    """``find_assignments`` on every text the extraction gives it, against the previous loop with the
    previous test for a clause's head verb."""
    import vankien.loaders.extract as extract
    calls: list = []
    original = assignments.find_assignments

    def capture(text, segs, subject, docs=()):
        calls.append((UNMARKED.get(), text, segs, subject, list(docs)))
        return original(text, segs, subject, docs)
    monkeypatch.setattr(extract, "find_assignments", capture)
    found = 0
    settings = set()
    for text in (_unmarked_texts() if unmarked else _texts()):
        calls.clear()
        extract_record(SourceText(source="<t>", text=text, reader="text"))
        for setting, t, segs, subject, docs in calls:
            settings.add(setting)
            token = UNMARKED.set(setting)       # as the extraction read the text (without diacritics or not)
            try:
                new = original(t, segs, subject, docs)
                with monkeypatch.context() as mp:
                    mp.setattr(assignments, "_takes_task", _takes_task_reference)
                    old = _find_assignments_reference(t, segs, subject, docs)
            finally:
                UNMARKED.reset(token)
            assert _assignment_rows(new) == _assignment_rows(old)
            found += len(new)
    assert found > 0 and unmarked in settings


def test_find_assignments_of_invented_texts():
    """What the shortcuts must keep: tasks, the head's role, a deadline and none for a passive."""
    rec = extract_record(SourceText(source="<t>", text=INVENTED[0], reader="text"))
    rows = {(a.organization, a.role) for a in rec.assignments}
    assert ("Ban Tuyên giáo Tỉnh ủy", "lead") in rows
    assert any(a.deadline for a in rec.assignments)


def test_segments_as_before():
    texts = _texts() + _unmarked_texts()
    assert any(any(seg_mod._may_run_on(t, s) for s in _segments_reference(t)) for t in texts)
    for text in texts:
        assert seg_mod.segments(text) == _segments_reference(text)


def test_segments_cut_a_run_on_heading_in_the_opening_only():
    segs = seg_mod.segments(_RUN_ON)
    assert _RUN_ON[segs[0].start:segs[0].end] == _HEADING.strip()
    late = INVENTED[6]
    assert seg_mod.segments(late) == _segments_reference(late)
    assert all(not late[s.start:s.end].startswith(_HEADING.strip()) or s.end - s.start > len(_HEADING)
               for s in seg_mod.segments(late))


def test_implausible_dates_read_today_once(monkeypatch):
    calls = []

    class _Date(dt.date):
        @classmethod
        def today(cls):
            calls.append(1)
            return dt.date(2026, 1, 1)

    class _Doc:
        def __init__(self, date):
            self.date, self.key, self.descriptor, self.mentions = date, "1-NQ/TW", None, []

    docs = [_Doc("2030-05-01"), _Doc("1920-01-01"), _Doc("2020-05-01"), _Doc(None), _Doc("partial:2020")]
    expected = [w.message for w in dates.implausible_dates(docs, dt.date(2026, 1, 1))]
    assert len(expected) == 2
    monkeypatch.setattr(dates.dt, "date", _Date)
    assert [w.message for w in dates.implausible_dates(docs)] == expected
    assert len(calls) == 1
    assert dates.implausible_dates([]) == [] and len(calls) == 1


def _dedupe_both(items) -> int:
    """The new and the previous ``_dedupe`` on copies of ``items``: the same assignments kept (by their
    place in ``items``) and the same deadlines given to every one."""
    new_items, old_items = [copy.copy(a) for a in items], [copy.copy(a) for a in items]
    new, old = assignments._dedupe(new_items), _dedupe_reference(old_items)
    assert [new_items.index(a) for a in new] == [old_items.index(a) for a in old]
    assert [a.deadline for a in new_items] == [a.deadline for a in old_items]
    return len(new)


def test_dedupe_as_before_on_texts(monkeypatch):
    seen: list = []
    original = assignments._dedupe

    def capture(items):
        seen.append([copy.copy(a) for a in items])
        return original(items)
    monkeypatch.setattr(assignments, "_dedupe", capture)
    _extract_all(_texts())
    monkeypatch.setattr(assignments, "_dedupe", original)
    assert sum(map(len, seen)) > 100
    for items in seen:
        _dedupe_both(items)


def test_dedupe_as_before_past_its_window():
    """Many assignments of few bodies, roles and deadlines, more than DEDUPE_WINDOW kept: names whose
    words hold one another's, departments of a body, two deadlines."""
    rng = random.Random(7)
    words = ["ban", "tuyên", "giáo", "tổ", "chức", "huyện", "ủy", "tỉnh", "sở", "nội", "vụ", "các", "chi", "bộ",
             "thường", "đảng", "xã", str(1), str(2), str(3)]
    heads = ["ban tổ chức", "ban thường vụ", "văn phòng", "sở"]
    most = 0
    for _ in range(20):
        items = []
        for i in range(rng.randint(1, 400)):
            key = " ".join(rng.sample(words, rng.randint(1, 4)))
            if rng.random() < 0.3:
                key = f"{rng.choice(heads)} {key}"
            org = Org(key, key, None, i, i + 5)
            deadline = rng.choice([None, None, "2025-06-30", "2025-12-31"])
            items.append(assignments.Assignment(None, org, rng.choice(["execute", "lead", "coordinate", "report_to"]),
                                                deadline, i, i + 5, 0.8, ""))
        most = max(most, _dedupe_both(items))
    assert most > 2 * assignments.DEDUPE_WINDOW
