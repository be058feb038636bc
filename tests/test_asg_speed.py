"""Issue 20, speed of the assignment stage: each shortcut gives what the code it replaced gave.

The shortcuts of assignments.py, organizations.py and segments.py (a search loop for ``finditer``,
a one-piece path in ``_pieces``, the speaker looked for only after the first mention of a document
of another kind, one clause without a ";", a line in capitals tested without its ASCII check) are
checked here against the previous code, kept below as the reference, on invented texts and on
../shared/corpus (read, when present).
"""
from __future__ import annotations

import re

import pytest

from vankien.loaders import assignments, organizations, segments as seg_mod
from vankien.loaders.extract import extract_record
from vankien.loaders.organizations import Org, OrgVocab, fold, org_vocab
from vankien.loaders.source import SourceText

from corpus_texts import corpus_texts  # noqa: E402

INVENTED = [
    "KẾ HOẠCH\nthực hiện Chỉ thị số 12-CT/TU\n\n"
    "1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy, Sở Văn hóa, Thể thao và Du lịch "
    "theo dõi, đôn đốc; báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 15/11/2025.\n"
    "2. Các huyện, thị, thành ủy, các cơ quan, đơn vị liên quan tổ chức quán triệt Kế hoạch này.\n"
    "Các ban đảng, đảng đoàn; các cơ quan, đơn vị; các đảng ủy trực thuộc chuẩn bị báo cáo.\n"
    "Giao Ban Tổ chức Tỉnh ủy và Ủy ban Kiểm tra Tỉnh ủy hướng dẫn thực hiện trước ngày 30/6.\n"
    "Công văn số 1450-CV/TU yêu cầu Ban Dân vận Tỉnh ủy rà soát, báo cáo.\n"
    "Công văn yêu cầu Đài Phát thanh - Truyền hình tỉnh phối hợp thực hiện.\n"
    "Nơi nhận:\n- Như trên,\n- Lưu VT.",
    "Ban Thường vụ Huyện ủy yêu cầu các chi bộ trực thuộc được phân công xây dựng kế hoạch; "
    "Ban Tuyên giáo và Dân vận Huyện ủy là cơ quan thường trực, có trách nhiệm theo dõi.\n"
    "QUY ĐỊNH VỀ QUAN HỆ CÔNG TÁC CỦA BỘ CHÍNH TRỊ\n"
    "Ban Chỉ đạo phòng, chống tham nhũng tỉnh , Sở Nội vụ  và  Sở Tài chính báo cáo Tỉnh ủy.",
]


def _texts() -> list[str]:
    return list(INVENTED) + list(corpus_texts())


# --- the previous code -------------------------------------------------------------------------

def _running_reference(rx: re.Pattern, text: str, pos: int, end: int, compound: re.Pattern,
                       complete: re.Pattern | None = None) -> re.Match | None:
    for m in rx.finditer(text, pos, end):
        first = text[m.start()]
        if (not first.isupper() or m.group().isupper() or organizations._opens_line(text, m.start())
                or complete is not None and complete.search(text, max(0, m.start() - organizations.COMPLETE_REACH), m.start())) \
                and not compound.match(text, m.start()):
            return m
    return None


def _add_piece_reference(text: str, a: int, b: int, sep: str, pieces: list) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        pieces.append((a, b, sep))


def _pieces_reference(text: str, start: int, end: int, v: OrgVocab) -> list[Org]:
    inside = [m.span() for m in v.joined_head_re.finditer(text, start, end)]
    pieces: list[tuple[int, int, str]] = []
    pos, sep = start, ""
    for m in v.piece_split_re.finditer(text, start, end):
        if inside and any(a < m.start() < b for a, b in inside):
            continue
        _add_piece_reference(text, pos, m.start(), sep, pieces)
        pos, sep = m.end(), m.group(1).strip()
    _add_piece_reference(text, pos, end, sep, pieces)
    if not pieces or pieces[0][0] != start or not v.is_org(text[pieces[0][0]:pieces[0][1]]):
        return []
    merged: list[tuple[int, int]] = []
    prev_end = -1
    for a, b, sep in pieces:
        piece = text[a:b]
        if merged and v.people_re.match(piece):
            prev_end = b        # "…, đảng viên": persons, no body (nor a word of the name before)
            continue
        if merged and merged[-1][1] != prev_end:
            if v.is_org(piece):
                merged.append((a, b))
            prev_end = b
            continue
        if merged and sep == "," and fold(text[merged[-1][0]:merged[-1][1]]) in v.joins_next:
            merged[-1] = (merged[-1][0], b)
        elif merged and sep not in ("", ",", ";") and merged[-1][1] == prev_end and fold(piece) in v.equivalents:
            merged[-1] = (merged[-1][0], b)
        elif merged and sep == "," and not v.quantifier_re.match(piece) and (
                v.run_on_re.match(piece) or len(piece.split()) == 1
                or (piece[:1].islower() and ((organizations._short(piece, v)
                                              and not organizations._collective(text[merged[-1][0]:merged[-1][1]], v))
                                             or organizations._bare_noun(text[merged[-1][0]:merged[-1][1]], v)))):
            merged[-1] = (merged[-1][0], b)
        elif merged and sep == "," and piece[:1].islower() and organizations._contracted(text[merged[-1][0]:merged[-1][1]], piece):
            merged[-1] = (merged[-1][0], b)
        elif merged and sep == "," and piece[:1].islower() and v.unit_re.match(piece) \
                and v.unit_end_re.search(text, merged[-1][0], merged[-1][1]):
            merged[-1] = (merged[-1][0], b)
        elif v.is_org(piece):
            merged.append((a, b))
        elif (merged and sep not in ("", ";") and piece[:1].isupper() and merged[-1][1] == prev_end
              and (sep != "," or len(piece.split()) <= organizations.MAX_NAME_PART_WORDS)):
            merged[-1] = (merged[-1][0], b)
        prev_end = b
    return [o for o in (Org(*v.analyse(text[a:b]), a, b) for a, b in merged) if not organizations._bare(o, v)]


# --- the checks --------------------------------------------------------------------------------

def _word_starts(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<!\w)\w", text)]


def test_running_finds_what_finditer_found():
    v = org_vocab()
    for text in _texts():
        for pos in _word_starts(text)[::3]:
            end = min(len(text), pos + organizations.MAX_LIST_CHARS)
            for rx in (v.task_re, v.name_stop_re, v.name_end_re):
                new = organizations._running(rx, text, pos, end, v.compound_re)
                old = _running_reference(rx, text, pos, end, v.compound_re)
                assert (new and new.span()) == (old and old.span()), (rx.pattern[:40], pos)


def test_pieces_as_before():
    v = org_vocab()
    for text in _texts():
        for m in list(v.start_re.finditer(text))[::2]:
            start = m.start()
            # the places a list is cut: a space or a punctuation mark after its head
            hi = min(len(text), start + organizations.MAX_LIST_CHARS)
            for end in [e for e in range(m.end(), hi + 1) if e == hi or text[e] in " ,;.:()\n"]:
                assert organizations._pieces(text, start, end, v) == _pieces_reference(text, start, end, v), \
                    (start, end)


def test_org_list_as_before(monkeypatch):
    """org_list over every word start, against itself with the reference helpers put back."""
    v = org_vocab()
    for text in _texts()[:12]:
        starts = _word_starts(text)
        stops = [min(len(text), s + 150) for s in starts]
        new = [organizations.org_list(text, s, e, v) for s, e in zip(starts, stops)]
        with monkeypatch.context() as mp:
            mp.setattr(organizations, "_running", _running_reference)
            mp.setattr(organizations, "_pieces", _pieces_reference)
            old = [organizations.org_list(text, s, e, v) for s, e in zip(starts, stops)]
        assert new == old


def test_speaker_only_after_another_kind_is_named(monkeypatch):
    """In a sentence that ends before the first mention of a document of another kind than the
    subject's, ``_speaker`` names the subject: the sentences ``find_assignments`` no longer asks it about."""
    import vankien.loaders.extract as extract
    calls: list = []
    original = assignments.find_assignments

    def capture(text, segs, subject, docs=()):
        calls.append((text, segs, subject, list(docs)))
        return original(text, segs, subject, docs)
    monkeypatch.setattr(extract, "find_assignments", capture)
    for text in _texts():
        extract_record(SourceText(source="<t>", text=text, reader="text"))
    assert calls
    for text, segs, subject, docs in calls:
        if subject is None:
            continue
        after = assignments._speaker_after(subject, docs)
        placed = sorted((x.start, x.end, i) for i, d in enumerate(docs) for x in d.mentions)
        for s in segs:
            if len(docs) <= 1 or after is None or s.end <= after:
                assert assignments._speaker(text, s, subject, docs, placed) is subject


def test_clauses_as_before():
    for text in _texts():
        for s in seg_mod.segments(text):
            out, pos = [], s.start
            i = text.find(";", s.start, s.end)
            while i >= 0:
                out.append((pos, i))
                pos = i + 1
                i = text.find(";", pos, s.end)
            out.append((pos, s.end))
            assert assignments._clauses(text, s) == out


@pytest.mark.parametrize("line", ["HUYỆN ỦY PHÙ NINH\n", "Số: 12-CT/TU\n", "*\n", "---\n", "ĐẢNG CỘNG SẢN VIỆT NAM\n",
                                  "ĐIỀU 3\n", "2025\n", "ÀÁ Ḃ ß\n"])
def test_capitals_line(line):
    assert seg_mod._LINE_RE.fullmatch(line)
    assert seg_mod._capitals_line(line) == seg_mod.in_capitals(line)


def test_segments_capital_lines_of_texts():
    for text in _texts():
        for m in seg_mod._LINE_RE.finditer(text):
            assert seg_mod._capitals_line(m.group()) == seg_mod.in_capitals(m.group())
