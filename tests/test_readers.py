"""Tests for vankien.loaders.readers: real files built in tmp_path, read back as SourceText records."""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from vankien.loaders.readers import KINDS, read_bytes, read_paths
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.html import remove_boilerplate
from vankien.loaders.readers.vietnamese import TONE_MARKS, is_vietnamese_syllable, looks_vietnamese

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# Sample sentences written for these tests.
VI_TEXT = (
    "Ban Thường vụ Huyện ủy đã họp và thống nhất ban hành Kế hoạch số 45-KH/HU về việc "
    "tăng cường công tác kiểm tra, giám sát của cấp ủy cơ sở. Các chi bộ có trách nhiệm "
    "báo cáo kết quả thực hiện trước ngày cuối tháng, đồng thời đề xuất những giải pháp "
    "phù hợp với tình hình thực tế của địa phương.\n"
    "Đảng ủy xã chỉ đạo rà soát danh sách đảng viên và hoàn thiện hồ sơ trước kỳ đại hội.\n"
)
EN_TEXT = (
    "The committee met on Tuesday to discuss the budget for the coming year. Members agreed "
    "that the library needs new shelves, better lighting and a longer opening time on weekends. "
    "A final decision will be taken at the next meeting after the survey results are in.\n"
)
FR_TEXT = (
    "Le comité a décidé de réunir les délégués à la fin du mois. Les résultats seront présentés "
    "lors de la prochaine séance, où chacun pourra donner son avis sur les priorités de l'année."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Triển khai Kế hoạch số 12-KH/TU về chuyển đổi số - Cổng thông tin Tỉnh ủy</title>
<meta property="og:title" content="Triển khai Kế hoạch số 12-KH/TU về chuyển đổi số">
<meta property="article:published_time" content="2024-03-15T08:30:00+07:00">
<link rel="canonical" href="https://tinhuy.example.vn/tin-tuc/trien-khai-ke-hoach-12">
</head>
<body>
<{header}>
  <div class="logo">Cổng thông tin điện tử Tỉnh ủy</div>
  <{nav}><ul>
    <li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
    <li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản</a></li>
  </ul></{nav_end}>
</{header_end}>
<div class="container">
<{article}>
  <h1>Triển khai Kế hoạch số 12-KH/TU về chuyển đổi số</h1>
  <p>Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt và triển khai Kế hoạch số
  12-KH/TU về đẩy mạnh chuyển đổi số trong các cơ quan đảng, đoàn thể trên địa bàn tỉnh.</p>
  <p>Kế hoạch nêu rõ mục tiêu đến cuối năm, toàn bộ hồ sơ công việc của cấp ủy cấp tỉnh được
  xử lý trên môi trường mạng, bảo đảm an toàn thông tin theo quy định hiện hành.</p>
  <p>Đồng chí Phó Bí thư Thường trực Tỉnh ủy đề nghị các huyện ủy, thành ủy và đảng ủy trực
  thuộc khẩn trương xây dựng chương trình cụ thể, phân công rõ người, rõ việc.</p>
  <p>Các đơn vị báo cáo kết quả thực hiện định kỳ sáu tháng một lần về Văn phòng Tỉnh ủy để
  tổng hợp, tham mưu Ban Thường vụ chỉ đạo kịp thời những vướng mắc phát sinh.</p>
  <div class="{share}">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>
  <div class="{related}"><h3>Tin liên quan</h3><ul>
    <li><a href="/tin/1">Hội nghị sơ kết công tác tuyên giáo quý I</a></li>
    <li><a href="/tin/2">Tỉnh ủy làm việc với Đảng ủy Khối cơ quan tỉnh</a></li></ul></div>
  <div class="{other}"><h3>Các tin khác</h3><ul>
    <li><a href="/tin/3">Khai mạc lớp bồi dưỡng đảng viên mới đợt 2</a></li>
    <li><a href="/tin/4">Kiểm tra công tác xây dựng Đảng tại cơ sở</a></li></ul></div>
</{article_end}>
<{aside}>
  <div class="box"><h3>Thống kê truy cập</h3>
    <p>Đang truy cập: 125</p><p>Hôm nay: 3.456</p><p>Tổng lượt truy cập: 12.345.678</p></div>
</{aside_end}>
</div>
<{footer}>
  <p>Cơ quan chủ quản: Văn phòng Tỉnh ủy. Địa chỉ: số 1 đường Trần Hưng Đạo.</p>
  <p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
  <a href="#top" class="gotop">Go top</a>
</{footer_end}>
</body>
</html>
"""
# The same page with semantic tags and class names, and with opaque ones as many portals use.
SEMANTIC_TAGS = dict(header="header", header_end="header", nav='nav class="menu"', nav_end="nav",
                     article='article class="news-detail"', article_end="article",
                     aside='aside class="sidebar"', aside_end="aside", footer="footer", footer_end="footer",
                     share="share", related="related", other="other-news")
OPAQUE_TAGS = dict(header='div class="t1"', header_end="div", nav='div class="m"', nav_end="div",
                   article='div class="nd"', article_end="div", aside='div class="c3"', aside_end="div",
                   footer='div class="bt"', footer_end="div", share="x1", related="lq", other="tk")
HTML_BODY_PHRASES = ("Sáng nay, Ban Thường vụ Tỉnh ủy", "Kế hoạch số", "12-KH/TU",
                     "Phó Bí thư Thường trực", "định kỳ sáu tháng")
HTML_BOILERPLATE = ("Thống kê truy cập", "Đang truy cập", "Tổng lượt truy cập", "Hôm nay: 3.456",
                    "Go top", "Tin liên quan", "Các tin khác", "Hội nghị sơ kết", "Khai mạc lớp",
                    "Chia sẻ", "Zalo", "Cơ quan chủ quản", "Ghi rõ nguồn", "Giới thiệu")


# --- helpers -------------------------------------------------------------------------------

def one(paths, **kwargs):
    """The single record read from ``paths``."""
    records = list(read_paths(paths if isinstance(paths, list) else [paths], **kwargs))
    assert len(records) == 1, records
    return records[0]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def warning_codes(record) -> list[str]:
    return [w.code for w in record.warnings]


def cp1258_bytes(text: str) -> bytes:
    """``text`` as Windows-1258 writes it: base letters (with their vowel marks) precomposed,
    tone marks as separate combining characters."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


def make_docx(paragraphs_before, table, paragraphs_after, title=None) -> bytes:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs_before:
        document.add_paragraph(text)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    for text in paragraphs_after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one page per list of lines (an empty list gives a page with a drawing only)."""
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    font = "Helvetica"
    if DEJAVU.exists():
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        font = "DejaVuSans"
    buffer = io.BytesIO()
    canvas = canvas_module.Canvas(buffer)
    if title:
        canvas.setTitle(title)
    for lines in pages:
        canvas.setFont(font, 12)
        if not lines:
            canvas.rect(100, 100, 300, 400, fill=1)
        for i, line in enumerate(lines):
            canvas.drawString(72, 720 - 20 * i, line)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- plain text and encodings --------------------------------------------------------------

ENCODED_VARIANTS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-sig": lambda s: s.encode("utf-8-sig"),
    "utf-16-le": lambda s: s.encode("utf-16-le"),
    "utf-16-be": lambda s: s.encode("utf-16-be"),
    "utf-16-le+bom": lambda s: b"\xff\xfe" + s.encode("utf-16-le"),
    "utf-16-be+bom": lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
    "cp1258": cp1258_bytes,
}


@pytest.mark.parametrize("variant", sorted(ENCODED_VARIANTS))
def test_text_encodings_decode_to_the_same_nfc_text(tmp_path, variant):
    raw = ENCODED_VARIANTS[variant](VI_TEXT)
    record = one(write(tmp_path / f"{variant}.txt", raw))
    assert record.text == unicodedata.normalize("NFC", VI_TEXT)
    assert record.reader == "text"
    assert record.encoding == variant.removesuffix("+bom")
    assert record.sha256 == hashlib.sha256(raw).hexdigest()
    assert record.warnings == []


def test_cp1258_fixture_really_is_decomposed():
    raw = cp1258_bytes(VI_TEXT)
    assert raw != VI_TEXT.encode("cp1252", errors="replace")
    assert raw.decode("cp1258") != VI_TEXT                      # tone marks come apart ...
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == VI_TEXT  # ... and compose back


def test_lookalike_eth_becomes_d_with_stroke(tmp_path):
    record = one(write(tmp_path / "eth.txt", "Thực hiện Quy định số 69-Q\u00d0/TW của Ban Chấp hành."))
    assert "69-QĐ/TW" in record.text and "\u00d0" not in record.text


def test_almost_utf8_keeps_utf8_and_reports_bad_bytes(tmp_path):
    raw = VI_TEXT.encode("utf-8").replace("tháng".encode("utf-8"), b"th\xe1ng")
    record = one(write(tmp_path / "bad-byte.txt", raw))
    assert record.encoding == "utf-8"
    assert "\ufffd" in record.text and "Thường vụ" in record.text
    assert warning_codes(record) == [codes.DECODE_ERRORS]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_fallback_for_non_vietnamese_legacy_text(tmp_path, encoding):
    record = one(write(tmp_path / "fr.txt", FR_TEXT.encode(encoding)))
    assert record.text == FR_TEXT
    assert record.encoding == "cp1252"
    assert codes.ENCODING_GUESS in warning_codes(record)


def test_unknown_encoding(tmp_path):
    record = one(write(tmp_path / "odd.txt", bytes(range(0x80, 0x100)) * 4))
    assert record.text is None
    assert warning_codes(record) == [codes.ENCODING_UNKNOWN]


def test_not_vietnamese_is_kept_with_a_warning(tmp_path):
    record = one(write(tmp_path / "en.txt", EN_TEXT))
    assert record.text == EN_TEXT
    assert warning_codes(record) == [codes.NOT_VIETNAMESE]
    assert "Vietnamese" in record.warnings[0].message


def test_short_text_is_not_judged_for_language(tmp_path):
    assert one(write(tmp_path / "short.txt", "Meeting at noon.")).warnings == []


# --- bad input -----------------------------------------------------------------------------

def test_empty_and_blank_files(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\t\n")):
        record = one(write(tmp_path / name, data))
        assert record.text is None and warning_codes(record) == [codes.EMPTY], name
        assert record.sha256 == hashlib.sha256(data).hexdigest()


BINARIES = {
    "random.bin": random.Random(7).randbytes(4096),
    "image.png": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "nul.txt": b"abc\x00\x01\x02def" * 10 + "Đảng".encode(),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_files(tmp_path, name):
    record = one(write(tmp_path / name, BINARIES[name]))
    assert record.text is None
    assert record.reader == "none"
    assert warning_codes(record) == [codes.BINARY]


def test_zip_that_is_not_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Ghi chú")
    record = one(write(tmp_path / "archive.zip", buffer.getvalue()))
    assert record.text is None and warning_codes(record) == [codes.BINARY]
    assert "ZIP" in record.warnings[0].message


def test_nonexistent_path(tmp_path):
    record = one(tmp_path / "missing.txt")
    assert record.text is None and record.reader == "none"
    assert warning_codes(record) == [codes.NOT_FOUND]
    assert record.source == str(tmp_path / "missing.txt")


def test_too_large_is_not_read(tmp_path):
    path = write(tmp_path / "big.txt", VI_TEXT * 20)
    record = one(path, max_bytes=100)
    assert record.text is None and warning_codes(record) == [codes.TOO_LARGE]
    message = record.warnings[0].message
    assert "--max-size" in message and "100 bytes" in message and "KiB" in message
    assert one(path, max_bytes=1_000_000).text is not None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path):
    path = write(tmp_path / "secret.txt", VI_TEXT)
    path.chmod(0)
    try:
        record = one(path)
    finally:
        path.chmod(0o644)
    assert record.text is None and warning_codes(record) == [codes.UNREADABLE]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_file_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    record = one(tmp_path / "pipe")
    assert record.text is None and warning_codes(record) == [codes.UNREADABLE]


def test_folder_link_loop_ends(tmp_path):
    write(tmp_path / "top" / "a.txt", "Văn bản A.")
    (tmp_path / "top" / "again").symlink_to(tmp_path / "top", target_is_directory=True)
    assert [Path(r.source).name for r in read_paths([tmp_path / "top"])] == ["a.txt"]


# --- HTML ----------------------------------------------------------------------------------

@pytest.mark.parametrize("tags", [SEMANTIC_TAGS, OPAQUE_TAGS], ids=["semantic", "opaque"])
def test_html_main_text_without_boilerplate(tmp_path, tags):
    record = one(write(tmp_path / "page.html", HTML_PAGE.format(**tags)))
    assert record.reader == "html" and record.encoding == "utf-8"
    for phrase in HTML_BODY_PHRASES:
        assert phrase in record.text, phrase
    for phrase in HTML_BOILERPLATE:
        assert phrase not in record.text, phrase
    assert len([line for line in record.text.split("\n") if "Tỉnh ủy" in line]) >= 3  # paragraphs kept apart
    assert record.title.startswith("Triển khai Kế hoạch số 12-KH/TU")
    assert record.published == "2024-03-15"
    assert record.url == "https://tinhuy.example.vn/tin-tuc/trien-khai-ke-hoach-12"


def test_html_is_sniffed_without_extension(tmp_path):
    record = one(write(tmp_path / "download", HTML_PAGE.format(**SEMANTIC_TAGS)))
    assert record.reader == "html" and "12-KH/TU" in record.text


def test_html_declared_legacy_charset(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
            "</head><body><p>" + VI_TEXT + "</p></body></html>")
    record = one(write(tmp_path / "old.htm", cp1258_bytes(page)))
    assert record.encoding == "windows-1258"
    assert "Ban Thường vụ Huyện ủy" in record.text


@pytest.mark.parametrize("page", [
    b"<html><body><p>Ch\xe1\xbb\x89 th\xe1\xbb\x8b s\xe1\xbb\x91 5 <b>ch\xc6\xb0a \xc4\x91\xc3\xb3ng<div></p></span>",
    b"<<<>>><html<body><p>Ngh\xe1\xbb\x8b quy\xe1\xba\xbft &amp; &#xZZ; <p>hai</body",
    b"<html><body>" + b"<div>" * 3000 + b"s\xc3\xa2u" + b"</div>" * 3000,
    b"<!doctype html><html><head><title>x</title></head><body></body></html>",
    b"<html>\xff\xfe\x00<body>\x00\x00<p>",
])
def test_malformed_html_never_raises(tmp_path, page):
    record = one(write(tmp_path / "bad.html", page))
    assert record.reader in ("html", "none")
    assert record.text is not None or record.warnings


def test_malformed_html_keeps_its_text(tmp_path):
    page = "<html><body><p>Chỉ thị số 5 <b>chưa đóng<div></p></span><p>Đoạn hai".encode()
    record = one(write(tmp_path / "bad.html", page))
    assert "Chỉ thị số 5" in record.text and "Đoạn hai" in record.text


def test_remove_boilerplate_keeps_prose():
    text = "\n".join([
        "Hôm nay: 1.234",
        "Hôm nay, Ban Thường vụ họp bàn về công tác cán bộ.",
        "Tin liên quan",
        "Hội nghị sơ kết công tác quý I",
        "Kết luận của hội nghị được gửi tới các chi bộ.",
        "Về đầu trang",
    ])
    assert remove_boilerplate(text) == ("Hôm nay, Ban Thường vụ họp bàn về công tác cán bộ.\n"
                                        "Kết luận của hội nghị được gửi tới các chi bộ.")


# --- DOCX and PDF --------------------------------------------------------------------------

def test_docx_paragraphs_and_tables_in_order(tmp_path):
    data = make_docx(["Đoạn mở đầu của văn bản."],
                     [["Số hiệu", "Trích yếu"], ["12-KH/TU", "Về chuyển đổi số"]],
                     ["", "Đoạn kết thúc."], title="Kế hoạch thử")
    path = write(tmp_path / "plan.docx", data)
    record = one(path)
    assert record.reader == "docx"
    assert record.text.split("\n") == ["Đoạn mở đầu của văn bản.", "Số hiệu", "Trích yếu",
                                       "12-KH/TU", "Về chuyển đổi số", "Đoạn kết thúc."]
    assert record.title == "Kế hoạch thử"
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    # sniffed by content whatever the name
    assert one(write(tmp_path / "plan.bin", data)).reader == "docx"


def test_corrupt_docx(tmp_path):
    good = make_docx(["Một đoạn."], [["a"]], [])
    for name, data in (("cut.docx", good[:400]), ("junk.docx", b"this is not a word file")):
        record = one(write(tmp_path / name, data))
        assert record.text is None and record.reader == "docx"
        assert warning_codes(record) == [codes.UNREADABLE_DOCX], name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    record = one(write(tmp_path / "broken.docx", buffer.getvalue()))
    assert record.text is None and warning_codes(record) == [codes.UNREADABLE_DOCX]


def test_pdf_text_layer(tmp_path):
    vietnamese = DEJAVU.exists()
    first = ["Quyết định số 69-QĐ/TW của Bộ Chính trị", "Dòng thứ hai của trang một"] if vietnamese \
        else ["Decision 69-QD/TW of the Politburo", "Second line of page one"]
    second = ["Trang hai: Nghị quyết số 18-NQ/TW"] if vietnamese else ["Page two: Resolution 18-NQ/TW"]
    data = make_pdf([first, second], title="Tiêu đề thử")
    record = one(write(tmp_path / "doc.pdf", data))
    assert record.reader == "pdf" and record.warnings == []
    assert record.text == "\n".join(first) + "\n\n" + second[0]
    assert record.title == "Tiêu đề thử"
    assert record.sha256 == hashlib.sha256(data).hexdigest()


def test_pdf_partly_scanned(tmp_path):
    record = one(write(tmp_path / "mixed.pdf", make_pdf([["Page one text 18-NQ/TW"], []])))
    assert "18-NQ/TW" in record.text
    assert warning_codes(record) == [codes.NO_TEXT_LAYER]
    assert "page 2" in record.warnings[0].message


def test_pdf_without_text_layer(tmp_path):
    record = one(write(tmp_path / "scan.pdf", make_pdf([[], []])))
    assert record.text is None and record.reader == "pdf"
    assert warning_codes(record) == [codes.NO_TEXT_LAYER]
    assert "OCR" in record.warnings[0].message


def test_corrupt_and_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    for name, data in (("cut.pdf", make_pdf([["Some text"]])[:300]), ("junk.pdf", b"%PDF-1.4\ngarbage")):
        record = one(write(tmp_path / name, data))
        assert record.text is None and warning_codes(record) == [codes.UNREADABLE_PDF], name
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf([["Secret text"]])))
    writer.encrypt("password")
    buffer = io.BytesIO()
    writer.write(buffer)
    record = one(write(tmp_path / "locked.pdf", buffer.getvalue()))
    assert record.text is None and warning_codes(record) == [codes.UNREADABLE_PDF]


# --- JSON Lines ----------------------------------------------------------------------------

def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": VI_TEXT, "url": "https://example.org/tin/1", "title": "Tin một",
                    "published": "2024-05-01", "scope": "Hà Nội"}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Kết luận số 7-KL/TU về công tác dân vận."}, ensure_ascii=False),
        json.dumps(["a", "list"]),
    ]
    path = write(tmp_path / "items.jsonl", "\n".join(lines) + "\n")
    records = list(read_paths([path], default_scope="Huế"))
    assert len(records) == 5
    good, bad_json, no_text, second, not_object = records
    assert good.source == good.url == "https://example.org/tin/1"
    assert good.text == VI_TEXT and good.title == "Tin một" and good.published == "2024-05-01"
    assert good.scope == "Hà Nội" and good.reader == "jsonl" and good.encoding == "utf-8"
    assert good.sha256 == hashlib.sha256(VI_TEXT.encode("utf-8")).hexdigest()
    assert bad_json.source == f"{path}#L3" and bad_json.text is None
    assert no_text.source == f"{path}#L4" and no_text.text is None
    for record in (bad_json, no_text, not_object):
        assert warning_codes(record) == [codes.BAD_RECORD]
    assert second.source == f"{path}#L5" and second.url is None and second.scope == "Huế"
    assert second.text.startswith("Kết luận số 7-KL/TU")


def test_jsonl_holding_html_is_not_a_web_page(tmp_path):
    line = json.dumps({"text": "<html><body><p>Thông báo số 3-TB/TU</p></body></html>"})
    record = one(write(tmp_path / "pages.ndjson", line + "\n"))
    assert record.reader == "jsonl" and record.source == f"{tmp_path / 'pages.ndjson'}#L1"


def test_json_array_file(tmp_path):
    items = [{"text": "Văn bản thứ nhất."}, {"text": "Văn bản thứ hai.", "url": "https://example.org/2"}]
    path = write(tmp_path / "items.json", json.dumps(items, ensure_ascii=False, indent=2))
    first, second = read_paths([path])
    assert first.source == f"{path}#1" and first.text == "Văn bản thứ nhất."
    assert second.source == "https://example.org/2"


# --- folders, provenance, API --------------------------------------------------------------

def test_folder_walk_sorted_recursive_and_skips_hidden(tmp_path):
    root = tmp_path / "docs"
    write(root / "b.txt", "Văn bản B.")
    write(root / "a" / "z.txt", "Văn bản AZ.")
    write(root / "a" / "deeper" / "c.md", "Văn bản ADC.")
    write(root / "c.html", "<html><body><p>Trang web C.</p></body></html>")
    write(root / ".hidden.txt", "ẩn")
    write(root / ".git" / "config.txt", "ẩn")
    (root / "empty").mkdir()
    records = list(read_paths([root], default_scope="Tỉnh X"))
    assert [Path(r.source).relative_to(root).as_posix() for r in records] == [
        "a/deeper/c.md", "a/z.txt", "b.txt", "c.html"]
    assert [r.reader for r in records] == ["text", "text", "text", "html"]
    assert all(r.scope == "Tỉnh X" and re.fullmatch(r"[0-9a-f]{64}", r.sha256) for r in records)


def test_single_path_not_in_a_list(tmp_path):
    path = write(tmp_path / "one.txt", VI_TEXT)
    assert [r.source for r in read_paths(str(path))] == [str(path)]


def test_empty_folder(tmp_path):
    (tmp_path / "nothing").mkdir()
    record = one(tmp_path / "nothing")
    assert record.text is None and warning_codes(record) == [codes.EMPTY]


def test_mixed_inputs_never_raise(tmp_path):
    paths = [write(tmp_path / "ok.txt", VI_TEXT), tmp_path / "missing", write(tmp_path / "e.txt", b""),
             write(tmp_path / "x.bin", BINARIES["random.bin"])]
    records = list(read_paths(paths))
    assert [r.text is not None for r in records] == [True, False, False, False]
    assert [warning_codes(r) for r in records] == [[], [codes.NOT_FOUND], [codes.EMPTY], [codes.BINARY]]


def test_read_bytes_kinds(tmp_path):
    html = HTML_PAGE.format(**SEMANTIC_TAGS).encode()
    assert read_bytes(html, "https://example.org/tin?id=3").reader == "html"
    as_text = read_bytes(html, "page", kind="text")
    assert as_text.reader == "text" and "<html" in as_text.text
    record = read_bytes(VI_TEXT.encode(), "mem.txt", default_scope="Huế")
    assert record.scope == "Huế" and record.source == "mem.txt"
    assert read_bytes(b"", "nothing").warnings[0].code == codes.EMPTY
    assert set(KINDS) == {"text", "html", "docx", "pdf"}
    with pytest.raises(ValueError):
        read_bytes(b"x", "x", kind="spreadsheet")


def test_stdin_dash():
    code = "from vankien.loaders.readers import read_paths; r = next(read_paths(['-'])); print(r.source, r.encoding, r.text)"
    result = subprocess.run([sys.executable, "-c", code], input="Chỉ thị số 5-CT/TW".encode(),
                            capture_output=True, cwd=REPO, check=True)
    assert result.stdout.decode().strip() == "<stdin> utf-8 Chỉ thị số 5-CT/TW"


def test_vietnamese_heuristics():
    assert all(is_vietnamese_syllable(w) for w in "Nghị quyết người đường khuya giữ quốc".split())
    assert not any(is_vietnamese_syllable(w) for w in ["Viêòt", "sôì", "ĐaÒng"])
    assert looks_vietnamese(VI_TEXT) is True
    assert looks_vietnamese(EN_TEXT) is False
    assert looks_vietnamese("Xin chào") is None


# --- the shared corpus ---------------------------------------------------------------------

@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_reads_every_corpus_file():
    folders = [CORPUS / "seeds", CORPUS / "dev"]
    files = sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*")
                   if p.is_file() and not p.name.startswith(".") and p.name != "SOURCES.tsv")
    if not files:
        pytest.skip("no corpus files")
    records = list(read_paths([f for f in folders if f.is_dir()]))
    assert len(records) == len(files)           # SOURCES.tsv is the folder's manifest, not a text
    with_url = [r for r in records if r.url]
    assert with_url and all(r.source.startswith(str(CORPUS / "dev")) for r in with_url)
    for record in records:
        assert record.text, record.source
        assert record.encoding == "utf-8", record.source
        assert re.fullmatch(r"[0-9a-f]{64}", record.sha256), record.source
    # the corpus holds English articles too (SOURCES.tsv notes them "EN (site)" or "ENGLISH (site)"):
    # exactly those are flagged, and still read
    english = {line.split("\t")[0] for line in (CORPUS / "dev" / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()
               if re.match(r"EN(GLISH)?\b", (line.split("\t") + [""] * 5)[4])}
    flagged = {Path(r.source).name for r in records if codes.NOT_VIETNAMESE in warning_codes(r)
               and r.source.endswith(".txt")}   # SOURCES.tsv, notes in English, is flagged too
    assert english and flagged == english


def test_binary_check_counts_control_bytes_as_a_byte_loop_does():
    """The binary check counts control bytes with one bytes.translate: the same count, hence the same
    verdict, as testing each byte, on random data of every mix of text and control bytes."""
    from vankien.loaders.readers import encoding as E

    rng = random.Random(3)
    for _ in range(300):
        share = rng.random() * 0.3
        data = bytes(rng.randrange(0, 32) if rng.random() < share else rng.randrange(32, 256)
                     for _ in range(rng.randint(0, 3000)))
        data = data.replace(b"\x00", b"\x01")              # NUL bytes decide first, on their own
        sample = data[:E.SAMPLE_BYTES]
        by_loop = sum(1 for b in sample if (b < 0x20 and b not in E._TEXT_CONTROL_BYTES) or b == 0x7F)
        reason = E.binary_reason(data)
        assert (reason is not None) == (bool(sample) and by_loop / len(sample) > E.BINARY_CONTROL_SHARE)
        if reason:
            assert reason.startswith(f"{by_loop} control bytes")
