"""Text typed in the TCVN3 font encoding, shown as Latin-1, is read back as Unicode (invented text)."""
from __future__ import annotations

from vankien.loaders.clean import normalize_reporting
from vankien.loaders.extract import extract_text
from vankien.loaders.legacy import repair_tcvn3

# "Thông tư của Bộ Văn hoá hướng dẫn thực hiện Chỉ thị số 27-CT/TW" typed in TCVN3, read as Latin-1
TCVN3 = "Th«ng t\u00ad cña Bé V¨n ho¸ h\u00adíng dÉn thùc hiÖn ChØ thÞ sè 27-CT/TW"


def test_a_tcvn3_line_is_converted_and_reported():
    text, warnings = normalize_reporting("Trang chủ | Tìm kiếm\n" + TCVN3)
    assert text == "Trang chủ | Tìm kiếm\nThông tư của Bộ Văn hoá hướng dẫn thực hiện Chỉ thị số 27-CT/TW"
    assert [w.code for w in warnings] == ["legacy_encoding"]


def test_unicode_vietnamese_and_text_with_a_stray_symbol_are_left_alone():
    for text in ("Thông tư của Bộ Văn hoá hướng dẫn thực hiện Chỉ thị số 27-CT/TW",
                 "Giá 15 € · mục § 3 (đồ dùng)", "Ông Đặng Văn Bé, Ủy viên Ban Thường vụ"):
        assert repair_tcvn3(text) == (text, 0)


def test_a_converted_text_is_extracted_like_any_other():
    r = extract_text("Th«ng t\u00ad sè 04/1998/TT-BVHTT h\u00adíng dÉn thùc hiÖn ChØ thÞ sè 27-CT/TW cña Bé ChÝnh trÞ.")
    keys = {d["key"] for d in r["documents"]}
    assert {"4/1998/TT-BVHTT", "27-CT/TW"} <= keys        # keys drop leading zeros
    assert ("4/1998/TT-BVHTT", "GUIDES", "27-CT/TW") in {(x["source"], x["type"], x["target"]) for x in r["relations"]}
