"""Texts whose page lost its line breaks: a header run into one line, list items and headings run into
the sentence next to them (docs/extraction.md, "5. Sentences"). Invented texts; the same text with its
lines is the reference."""
from __future__ import annotations

from vankien.loaders.extract import extract_text
from vankien.loaders.layout import read_layout
from vankien.loaders.segments import segments

WITH_LINES = """HUYỆN ỦY ĐẦM HÀ
-------
|
ĐẢNG CỘNG SẢN VIỆT NAM
---------------
|
Số: 41-KH/HU
|
Đầm Hà, ngày 12 tháng 3 năm 2024
|
KẾ HOẠCH
TỔ CHỨC CÁC HOẠT ĐỘNG KỶ NIỆM NGÀY THÀNH LẬP ĐẢNG BỘ HUYỆN
Căn cứ Điều lệ Đảng;
- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ huyện khóa XXIV;
- Thực hiện Hướng dẫn số 12-HD/BTGTU ngày 2/3/2024 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Tuyên truyền sâu rộng truyền thống vẻ vang của Đảng bộ huyện.
"""


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def _relations(text: str) -> set[tuple]:
    return {(r["source"], r["type"], r["target"]) for r in extract_text(text)["relations"]}


def test_a_header_run_into_one_line_is_read_like_the_header_with_its_lines():
    flat = _one_line(WITH_LINES)
    for text in (WITH_LINES, flat):
        doc = next(d for d in extract_text(text)["documents"] if d["subject"])
        assert (doc["key"], doc["date"], doc["scope"]) == ("41-KH/HU", "2024-03-12", "Đầm Hà")
        assert read_layout(text).kind == "Kế hoạch"
    assert _relations(flat) == _relations(WITH_LINES)
    assert ("41-KH/HU", "IMPLEMENTS", "12-HD/BTGTU") in _relations(flat)
    assert len(_relations(flat)) == 3       # and BASED_ON the Party's statute and the committee's rules


def test_list_items_and_a_heading_in_capitals_run_into_a_line_start_sentences():
    flat = _one_line(WITH_LINES)
    starts = [flat[s.start:s.start + 30] for s in segments(flat)]
    assert any(s.startswith("- Căn cứ Quy chế") for s in starts)
    assert any(s.startswith("- Thực hiện Hướng dẫn") for s in starts)
    assert any(s.startswith("I. MỤC ĐÍCH") for s in starts)
    assert any(s.startswith("Căn cứ Điều lệ Đảng") for s in starts)     # after the title in capitals


def test_a_short_header_run_into_its_first_basis_is_cut_after_its_title():
    flat = ("BAN CHẤP HÀNH TRUNG ƯƠNG | Số: 30-QĐ/TW | Hà Nội, ngày 5 tháng 7 năm 2024 | QUY ĐỊNH THI HÀNH ĐIỀU LỆ ĐẢNG "
            "- Căn cứ Điều lệ Đảng; - Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương khóa XIII;")
    assert len(flat.split(" - Căn cứ")[0]) < 200          # shorter than a long run-on line
    assert any(flat[s.start:].startswith("Căn cứ Điều lệ Đảng") for s in segments(flat))
    assert ("30-QĐ/TW", "BASED_ON", "ĐIỀU LỆ ĐẢNG") in _relations(flat)     # (named first in the title)


def test_a_short_sentence_or_words_in_capitals_inside_prose_are_not_cut():
    text = ("Đồng chí Bí thư nhấn mạnh: CẦN LÀM NGAY việc rà soát; - nhưng không vội. "
            "Ban Chấp hành Đảng bộ tỉnh BẮC NINH KHÓA XX Thực hiện kế hoạch.")
    # short: below RUN_ON_MIN, nothing is cut but at the usual boundaries
    assert len(segments(text)) == 2
    # "; - nhưng": a list item opens with a capital
    assert not any(text[s.start:s.end].startswith("- nhưng") for s in segments(text * 5))


def test_a_list_of_names_wrapped_after_a_semicolon_stays_one_sentence():
    text = ("KẾ HOẠCH\nthực hiện Nghị quyết số 18-NQ/TW\n\n"
            "Các ban đảng, ban cán sự đảng; các cơ quan, đơn vị của Đảng ở tỉnh;\n"
            "các đảng ủy trực thuộc Tỉnh ủy chuẩn bị báo cáo trước ngày 15/12/2025.\n"
            "- Căn cứ Điều lệ Đảng;\n- Căn cứ Quy chế làm việc.")
    found = [text[s.start:s.end] for s in segments(text)]
    assert any(s.startswith("Các ban đảng") and s.endswith("15/12/2025.") for s in found)
    assert "- Căn cứ Điều lệ Đảng;" in found      # a list item after ";": a sentence of its own
    # the same tasks as with the list on one line
    def tasks(t):
        return {(a["organization"], a["deadline"]) for a in extract_text(t)["assignments"]}
    assert tasks(text) == tasks(text.replace("tỉnh;\ncác", "tỉnh; các"))
    assert ("các đảng ủy trực thuộc Tỉnh ủy", "2025-12-15") in tasks(text)


def test_a_date_of_issuance_wrapped_onto_the_line_before_the_document_dates_it():
    text = ("Tin\n\nNgày 25/10/2021, Tổng Bí thư Nguyễn Phú Trọng vừa thay mặt\nBan Chấp hành Trung ương ký ban "
            "hành Quy định số 37-QĐ/TW về những điều đảng viên không được làm.")
    assert [(d["key"], d["date"]) for d in extract_text(text)["documents"]] == [("37-QĐ/TW", "2021-10-25")]
    # a date on a line of its own, a heading's, or a list item's before, is another matter
    for other in ("Tin\n\nNgày 25/10/2021\nBan Chấp hành Trung ương ký ban hành Quy định số 37-QĐ/TW.",
                  "Tin\n\n- Ngày 25/10/2021, Ban Bí thư họp và thống nhất nội dung.\n- Ban Chấp hành Trung ương "
                  "ký ban hành Quy định số 37-QĐ/TW."):
        assert [(d["key"], d["date"]) for d in extract_text(other)["documents"]] == [("37-QĐ/TW", None)], other


def test_a_line_that_opens_with_a_cue_s_capital_starts_a_sentence():
    # paragraphs a line each, no blank line between: a caption or a headline with no final
    # punctuation does not run into the next paragraph when that one opens with a cue
    for text in ("Hội nghị tổng kết 5 năm thực hiện Chỉ thị số 03-CT/TW (Ảnh: T.Lưu)\n"
                 "Căn cứ Chỉ thị số 05-CT/TW, Ban Tuyên giáo ban hành Hướng dẫn số 18-HD/BTGTW.",
                 "Tin trong ngày\nKinhtedothi - Thực hiện Chỉ thị số 05-CT/TW, Huyện ủy ban hành Kế hoạch số 9-KH/HU."):
        first = text.split("\n")[0]
        assert text[segments(text)[0].start:segments(text)[0].end] == first
    # a wrapped sentence goes on in lower case: one sentence
    wrapped = "Tiêu đề\nBan Thường vụ Tỉnh ủy ban hành kế hoạch cụ thể để\nthực hiện Chỉ thị số 05-CT/TW."
    assert len(segments(wrapped)) == 2
    rels = {(r["source"], r["type"], r["target"]) for r in extract_text(
        "Hội nghị tổng kết 5 năm thực hiện Chỉ thị số 03-CT/TW (Ảnh: T.Lưu)\nCăn cứ Chỉ thị số 05-CT/TW, Ban Tuyên "
        "giáo Trung ương ban hành Hướng dẫn số 18-HD/BTGTW về tuyên truyền.")["relations"]}
    assert ("3-CT/TW", "BASED_ON", "5-CT/TW") not in rels
