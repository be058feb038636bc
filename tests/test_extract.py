"""Citation extraction on texts written for these tests (no corpus sentences are copied)."""
import pytest

from vankien.loaders.clean import normalize_text
from vankien.loaders.extract import extract_text
from vankien.loaders.segments import segments


def docs(text, **kw):
    return {d["key"]: d for d in extract_text(text, **kw)["documents"] if d["key"]}


def warning_codes(text, **kw):
    return [w["code"] for w in extract_text(text, **kw)["warnings"]]


@pytest.mark.parametrize("written, key", [
    ("Nghị quyết số 25-NQ/TW", "25-NQ/TW"),
    ("Kết luận số 100 - KL/TW", "100-KL/TW"),
    ("Nghị quyết số 21 – NQ/TW", "21-NQ/TW"),
    ("Quy định số 37QĐ/TW", "37-QĐ/TW"),
    ("chỉ thị số 05-ct/tw", "5-CT/TW"),
    ("Chỉ thị số 05-CT/TW", "5-CT/TW"),
    ("Hướng dẫn số 16 -\nHD/BTCTW", "16-HD/BTCTW"),
    ("Chỉ thị 03-CT/TƯ", "3-CT/TW"),
    ("Nghị quyết 60-NQ/T.Ư", "60-NQ/TW"),
    ("Quy chế số 05-QC/BTCTU-BDVTU", "5-QC/BTCTU-BDVTU"),
    ("Nghị quyết 08/NQ -TW", "8-NQ/TW"),
    ("Chỉ thị số 08/CT-HU", "8-CT/HU"),
    ("Quy định số 07-QĐi/TW", "7-QĐi/TW"),
    ("Chương trình hành động số 12-CTHĐ/TU", "12-CTHĐ/TU"),
    ("Quy định số 47 - QĐ/TWcủa Ban Chấp hành", "47-QĐ/TW"),
    ("Quy định số 69-QÐ/TW", "69-QĐ/TW"),  # U+00D0 look-alike
    ("Nghị quyết số 128-NQ/Tw", "128-NQ/TW"),
    ("Nghị quyết số 44/NQ-T.Ư", "44-NQ/TW"),
])
def test_symbol_variants_normalise_to_one_key(written, key):
    found = docs(f"Các cấp ủy quán triệt {written} trong tháng tới.")
    assert list(found) == [key]
    assert found[key]["system"] == "party"


def test_fields_of_a_cited_document():
    text = ("Thực hiện Nghị quyết số 07-NQ/TW, ngày 12/9/2022 của Ban Chấp hành Trung ương Đảng khóa XIII "
            "về phát triển nguồn nhân lực, Ban Thường vụ Tỉnh ủy ban hành kế hoạch hành động.")
    d = docs(text)["7-NQ/TW"]
    assert (d["kind"], d["number"], d["type"], d["issuer_code"]) == ("Nghị quyết", "7", "NQ", "TW")
    assert d["date"] == "2022-09-12"
    assert d["issuing_body"] == "Ban Chấp hành Trung ương Đảng"
    assert d["term"] == "XIII"
    assert d["scope"] is None


@pytest.mark.parametrize("written, iso", [
    ("ngày 03/6/2013", "2013-06-03"),
    ("ngày 3-6-2013", "2013-06-03"),
    ("ngày 4.10.2023", "2023-10-04"),
    ("ngày 1.11. 2011", "2011-11-01"),
    ("ngày 25 tháng 10 năm 2017", "2017-10-25"),
    ("ngày\n25 tháng 10 năm 2017", "2017-10-25"),
])
def test_date_formats(written, iso):
    d = docs(f"Kế hoạch số 14-KH/TU, {written} của Ban Thường vụ Tỉnh ủy về chuyển đổi số.")["14-KH/TU"]
    assert d["date"] == iso


def test_issuance_date_goes_to_the_document_issued_not_the_one_before():
    text = ("Để sơ kết Chỉ thị số 09-CT/TW của Ban Bí thư, ngày 02/3/2024, Ban Thường vụ Tỉnh ủy đã ban hành "
            "Kế hoạch số 31-KH/TU về sơ kết 5 năm thực hiện Chỉ thị.")
    found = docs(text)
    assert found["31-KH/TU"]["date"] == "2024-03-02"
    assert found["9-CT/TW"]["date"] is None
    assert found["31-KH/TU"]["issuing_body"] == "Ban Thường vụ Tỉnh ủy"


def test_deadlines_and_page_dates_are_not_document_dates():
    text = ("Thứ Hai, 11/3/2024\nBan Thường vụ Huyện ủy yêu cầu các chi bộ thực hiện Kế hoạch số 20-KH/HU "
            "và báo cáo kết quả trước ngày 30/6/2024.\n27/10/2017 16:02\nTổng Bí thư ký ban hành Nghị quyết số 18-NQ/TW.")
    found = docs(text)
    assert found["20-KH/HU"]["date"] is None
    assert found["18-NQ/TW"]["date"] is None


def test_header_symbol_takes_the_header_date_and_body():
    text = "BỘ CHÍNH TRỊ\n|\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 123-QĐ/TW\n|\nHà Nội, ngày 05 tháng 3 năm 2024\nQUY ĐỊNH\nvề công tác cán bộ"
    d = docs(text)["123-QĐ/TW"]
    assert d["date"] == "2024-03-05"
    assert d["issuing_body"] == "Bộ Chính trị"
    assert d["kind"] == "Quy định"


def test_state_and_other_systems_are_kept_apart():
    text = ("Căn cứ Nghị định số 15/2020/NĐ-CP, Nghị quyết số 117/NQ-CP, Quyết định số 123/QĐ-UBND, "
            "Luật số 39/2024/QH15 và Quyết định số 12-QĐ/TWĐTN của Ban Bí thư Trung ương Đoàn; "
            "thực hiện Nghị quyết số 117-NQ/TW.")
    found = docs(text)
    assert {k: d["system"] for k, d in found.items()} == {
        "15/2020/NĐ-CP": "state", "117/NQ-CP": "state", "123/QĐ-UBND": "state", "39/2024/QH15": "state",
        "12-QĐ/TWĐTN": "other", "117-NQ/TW": "party"}


def test_number_only_reference_is_completed_from_type_word_and_issuer():
    found = docs("Huyện ủy quán triệt Chỉ thị số 17 của Tỉnh ủy về công tác dân vận.")
    assert list(found) == ["17-CT/TU"]
    assert found["17-CT/TU"]["completed"] is True
    found = docs("Đảng ủy thực hiện Kết luận số 08 của Bộ Chính trị.")
    assert list(found) == ["8-KL/TW"]


def test_number_only_reference_resolves_to_the_one_full_symbol_before_or_after():
    text = ("Học tập Nghị quyết số 45 trong toàn Đảng bộ. Nghị quyết số 45-NQ/TW, ngày 24/11/2023 của "
            "Ban Chấp hành Trung ương về đội ngũ trí thức. Triển khai Nghị quyết số 45 đến chi bộ.")
    res = extract_text(text)
    keyed = [d for d in res["documents"] if d["key"]]
    assert [d["key"] for d in keyed] == ["45-NQ/TW"]
    assert len(keyed[0]["mentions"]) == 3


def test_ambiguous_number_only_reference_stays_unresolved_with_a_warning():
    text = ("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị và Chỉ thị số 05-CT/TU của Tỉnh ủy. "
            "Kết quả thực hiện Chỉ thị số 05 được đánh giá cao.")
    res = extract_text(text)
    assert sorted(d["key"] for d in res["documents"]) == ["5-CT/TU", "5-CT/TW"]
    assert "ambiguous_reference" in [w["code"] for w in res["warnings"]]
    assert all(len(d["mentions"]) == 1 for d in res["documents"])


def test_demonstrative_reference_joins_its_antecedent_or_warns():
    res = extract_text("Quy định số 22-QĐ/TW thay thế văn bản cũ. Quy định nêu trên có hiệu lực từ ngày ký.")
    (d,) = res["documents"]
    assert [m["form"] for m in d["mentions"]] == ["full", "short"]
    res = extract_text("Quy định số 22-QĐ/TW và Quy định số 24-QĐ/TW. Quy định nêu trên được phổ biến.")
    assert "ambiguous_reference" in [w["code"] for w in res["warnings"]]
    assert "unresolved_reference" in warning_codes("Các chi bộ phổ biến Quy định nêu trên.")


def test_unnumbered_documents_are_kept_with_a_descriptor():
    res = extract_text("Ban Chấp hành quán triệt Nghị quyết Đại hội XIII của Đảng và Điều lệ Đảng.")
    named = {d["descriptor"]: d for d in res["documents"] if d["key"] is None}
    assert "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng" in named     # its one name
    assert "Điều lệ Đảng" in named


def test_type_word_contradicting_the_code_is_warned_and_the_supported_form_kept():
    text = ("Tổng kết Kết luận số 77-CT/TW của Bộ Chính trị. Nội dung Kết luận số 77-KL/TW gồm ba phần; "
            "thực hiện Kết luận số 77-KL/TW đến năm 2030.")
    res = extract_text(text)
    assert [d["key"] for d in res["documents"]] == ["77-KL/TW"]
    assert "type_conflict" in [w["code"] for w in res["warnings"]]


@pytest.mark.parametrize("date, code", [("28/10/201", "truncated_date"), ("31/02/2020", "impossible_date")])
def test_damaged_dates_are_reported_not_repaired(date, code):
    res = extract_text(f"Chương trình hành động số 79-CTHĐ/TU, ngày {date} của Ban Thường vụ Tỉnh ủy.")
    (d,) = res["documents"]
    assert d["date"] is None
    w = [w for w in res["warnings"] if w["code"] == code]
    assert w and normalize_text(res["documents"][0]["mentions"][0]["text"])


def test_scrambled_diacritics_are_read_and_warned():
    res = extract_text("Ngàỹ 12/4/2025, Tổng Bí thư ký bân hành Nghị qưỹết số 61-NQ/TW về cải cách.")
    (d,) = res["documents"]
    assert d["kind"] == "Nghị quyết" and d["date"] == "2025-04-12"
    assert "scrambled_diacritics" in [w["code"] for w in res["warnings"]]


def test_tu_written_with_u_horn_means_provincial_when_the_body_is_provincial():
    assert list(docs("Thực hiện Kế hoạch số 41-KH/TƯ của Ban Thường vụ Tỉnh ủy về cải cách.")) == ["41-KH/TU"]
    assert list(docs("Thực hiện Chỉ thị số 41-CT/TƯ của Bộ Chính trị.")) == ["41-CT/TW"]


def test_tu_means_central_when_a_central_body_issues_and_so_do_its_other_mentions():
    # "TƯ" typed without its horn, or a slip: the issuing body decides
    text = ("Ngày 3/11/2021, Bộ Chính trị đã ban hành Quy định số 41-QĐ/TU về miễn nhiệm cán bộ. Quy định này thay thế "
            "Quy định số 260-QĐ/TU, ngày 2-10-2009, của Bộ Chính trị.\n\nBáo điện tử giới thiệu Quy định số 41-QĐ/TU.\n")
    assert list(docs(text)) == ["41-QĐ/TW", "260-QĐ/TW"]
    from vankien.loaders.fold import strip_marks
    assert list(docs(strip_marks(text))) == ["41-QĐ/TW", "260-QĐ/TW"]
    # a provincial body's symbol keeps its TU, and a mention of another number is not touched
    assert list(docs("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU. Kế hoạch số 13-KH/TU cũng được ban hành.")) == \
        ["12-KH/TU", "13-KH/TU"]


def test_same_symbol_in_two_terms_is_two_documents():
    text = ("Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội nhiệm kỳ trước; "
            "Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội nhiệm kỳ này.")
    res = extract_text(text)
    assert sorted(d["date"] for d in res["documents"]) == ["2019-05-30", "2024-06-14"]


def test_scope_from_body_locality_from_default_and_from_the_one_province_named():
    assert docs("Thực hiện Chỉ thị 05 của Thành ủy Hà Nội.")["5-CT/TU"]["scope"] == "Hà Nội"
    assert docs("Kế hoạch số 94-KH/TU về dân vận.", scope="Gia Lai")["94-KH/TU"]["scope"] == "Gia Lai"
    assert docs("Bí thư Tỉnh ủy Nghệ An chỉ đạo thực hiện Kế hoạch số 9-KH/TU.")["9-KH/TU"]["scope"] == "Nghệ An"
    assert docs("Bộ Chính trị ban hành Nghị quyết số 9-NQ/TW.", scope="Gia Lai")["9-NQ/TW"]["scope"] is None


def test_mention_offsets_index_the_text():
    text = "Ban Dân vận  quán triệt Kết luận 43-KL/TW; Kết luận số 43 được triển khai."
    res = extract_text(text)
    for d in res["documents"]:
        for m in d["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_counts_after_a_type_word_are_not_document_numbers():
    assert docs("Quy định 19 điều đảng viên không được làm; Kế hoạch 5 năm của tỉnh.") == {}


def test_state_symbols_in_other_shapes():
    found = docs("Căn cứ Thông tư liên tịch số 01/2020/TTLT-BNV-BTC và Kế hoạch số 12-KH/UBND của tỉnh.")
    assert {k: d["system"] for k, d in found.items()} == {"1/2020/TTLT-BNV-BTC": "state", "12-KH/UBND": "state"}


def test_a_one_letter_issuer_is_not_a_symbol():
    assert docs("Bảng 25-NQ/T ghi chú.") == {}


def test_no_false_citations_in_plain_prose():
    text = ("Năm 2023 toàn tỉnh có 12/15 huyện đạt chuẩn, tăng 3-4% so với 2022. Hội nghị lần thứ 8 diễn ra "
            "ngày 2/10/2023; Kế hoạch năm 2024 và 15 - 20 chỉ tiêu được thông qua với 98,5% đại biểu tán thành.")
    assert docs(text) == {}


def test_this_document_is_the_one_whose_header_the_text_carries():
    text = ("TỈNH ỦY NAM ĐỊNH\nSố 15-QĐ/TU\nNam Định, ngày 8 tháng 1 năm 2024\nQUY ĐỊNH\n"
            "Quy định này thay thế Quy định số 1204-QĐ/TU. Quy định này có hiệu lực từ ngày ký.")
    res = extract_text(text)
    own = next(d for d in res["documents"] if d["key"] == "15-QĐ/TU")
    assert own["date"] == "2024-01-08"
    assert own["scope"] == "Nam Định" and own["issuing_body"] == "Tỉnh ủy Nam Định"
    assert [m["form"] for m in own["mentions"]] == ["full", "short", "short"]
    assert not [w for w in res["warnings"] if w["code"].endswith("_reference")]


def test_find_dates_reports_each_form_and_its_damage():
    from vankien.loaders.dates import find_dates
    hits = find_dates("ngày 3-6-2013; 4.10.2023; ngày 25 tháng 10 năm 2017; 28/10/201; 31/2/2020; ngày 6/7")
    assert [(h.value, h.problem) for h in hits] == [
        ("2013-06-03", None), ("2023-10-04", None), ("2017-10-25", None),
        (None, "truncated"), (None, "impossible"), ("partial:--07-06", "no_year")]


def test_a_date_written_right_after_a_symbol_is_its_own_even_before_an_issuance_verb():
    found = docs("Quyết định số 99-QĐ/TW ngày 30/5/2017 của Ban Bí thư ban hành Hướng dẫn khung về học tập.")
    assert found["99-QĐ/TW"]["date"] == "2017-05-30"


def test_plenum_resolutions_of_different_terms_are_different_documents():
    res = extract_text("Quán triệt Nghị quyết Trung ương 4 khóa XII và Nghị quyết Trung ương 4 (khóa XI).")
    assert len([d for d in res["documents"] if d["key"] is None]) == 2


def test_a_congress_or_plenum_resolution_written_in_different_ways_is_one_document_with_one_name():
    res = extract_text("Quán triệt Nghị quyết Đại hội XIII của Đảng, Nghị quyết Đại hội đại biểu toàn quốc lần thứ 13 "
                       "của Đảng; Nghị quyết Trung ương 5 khóa XII và Nghị quyết Hội nghị lần thứ năm Ban Chấp hành "
                       "Trung ương Đảng khóa XII; NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH VĨNH PHÚC LẦN THỨ XVII.")
    named = {d["descriptor"]: len(d["mentions"]) for d in res["documents"] if d["key"] is None}
    assert named == {"Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng": 2,
                     "Nghị quyết Hội nghị lần thứ 5 Ban Chấp hành Trung ương Đảng khóa XII": 2,
                     "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Vĩnh Phúc lần thứ XVII": 1}


def test_province_names_found_as_substrings_in_one_scan():
    """provinces_named scans once for the longest name at each place; that finds what a substring
    test per name finds because a name inside another is always the same province's."""
    from vankien.loaders.vocab import vocab

    v = vocab()
    names = v._province_names()
    assert not [(a, b) for a in names for b in names if a != b and a in b and names[a] != names[b]]
    text = "Tỉnh ủy Thừa Thiên Huế phối hợp với Thành ủy Hà Nội và Tỉnh ủy Lạng Sơn"
    assert v.provinces_named(text) == {c for n, c in names.items() if n in text}
    assert len(v.provinces_named(text)) == 3 and v.provinces_named("không tỉnh nào") == set()


# ---------------------------------------------------------------------------------------------
# Scope of local documents (loaders/scope.py): letterhead, issuing body, the text's locality,
# the publishing site, names at the document's date. Invented texts.
# ---------------------------------------------------------------------------------------------

def _scopes(text, url=None, **kw):
    from vankien.loaders.extract import extract_source
    from vankien.loaders.source import SourceText
    src = SourceText(source="t", text=text, reader="text", url=url, scope=kw.get("scope"))
    return {d["key"]: d["scope"] for d in extract_source(src)["documents"] if d["key"]}


def test_scope_of_a_district_document_is_its_letterhead_district_and_cited_provincial_ones_the_province():
    text = ("ĐẢNG BỘ TỈNH CAO BẰNG\nHUYỆN ỦY HÀ QUẢNG          ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 45-KH/HU\n"
            "Hà Quảng, ngày 3 tháng 5 năm 2022\nKẾ HOẠCH\nthực hiện Chỉ thị số 12-CT/TU ngày 10/3/2022 "
            "của Ban Thường vụ Tỉnh ủy về phòng, chống thiên tai.")
    got = _scopes(text)
    assert got["45-KH/HU"] == "Hà Quảng"
    assert got["12-CT/TU"] == "Cao Bằng"


def test_scope_of_a_party_committee_whose_code_does_not_tell_its_level_is_the_place_of_its_letterhead():
    # "ĐU" is a commune's code as often as that of a province's Party agencies
    head = "ĐẢNG BỘ TỈNH ĐIỆN BIÊN\n{unit}          ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 14-KH/ĐU\n"
    body = "Điện Biên Phủ, ngày 3 tháng 9 năm 2024\nKẾ HOẠCH\nvề công tác dân vận năm 2025"
    assert _scopes(head.format(unit="ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH") + body)["14-KH/ĐU"] == "Điện Biên"
    assert _scopes(head.format(unit="ĐẢNG ỦY XÃ THANH NƯA") + body)["14-KH/ĐU"] == "Thanh Nưa"


def test_a_place_whose_first_word_is_a_common_word_is_still_a_place():
    # "Đồng", "Thường", "Văn" open words that are no place ("Đồng chí", "Thường trực", "Văn phòng")
    body = "\nKẾ HOẠCH\nthực hiện Chỉ thị số 35-CT/TW\n"
    assert _scopes("TỈNH ỦY ĐỒNG NAI\n*\nSố 45-KH/TU" + body)["45-KH/TU"] == "Đồng Nai"
    assert _scopes("HUYỆN ỦY THƯỜNG TÍN\n*\nSố 45-KH/HU" + body)["45-KH/HU"] == "Thường Tín"
    assert _scopes("ĐẢNG BỘ QUẬN HÀ ĐÔNG\nĐẢNG ỦY PHƯỜNG VĂN QUÁN\n*\nSố 14-KH/ĐU" + body)["14-KH/ĐU"] == "Văn Quán"
    assert _scopes("Huyện ủy Văn Lâm ban hành Kế hoạch số 45-KH/HU thực hiện Chỉ thị số 35-CT/TW.")["45-KH/HU"] == "Văn Lâm"
    # a common word is still none
    assert _scopes("ĐẢNG ỦY VĂN PHÒNG\n*\nSố 14-KH/ĐU" + body).get("14-KH/ĐU") is None


def test_a_letterhead_line_cut_after_its_unit_word_goes_on_with_the_next_line():
    body = "\nKẾ HOẠCH\nthực hiện Chỉ thị số 35-CT/TW\n"
    assert _scopes("ĐẢNG BỘ QUẬN HÀ ĐÔNG\nĐẢNG ỦY PHƯỜNG\nPHÚ LÃM\n*\nSố 14-KH/ĐU" + body)["14-KH/ĐU"] == "Phú Lãm"
    assert _scopes("HUYỆN ỦY\nHÒA AN\n*\nSố 45-KH/HU" + body)["45-KH/HU"] == "Hòa An"
    # a unit word or a word in lower case is no place
    assert _scopes("ĐẢNG ỦY PHƯỜNG\n*\nSố 14-KH/ĐU" + body).get("14-KH/ĐU") is None
    assert _scopes("Đảng ủy ph\n*\nSố 14-KH/ĐU" + body).get("14-KH/ĐU") is None


def test_a_letterhead_line_whose_place_ends_like_a_unit_word_is_not_joined_to_the_next():
    # "TĨNH", "XÃ", "TỈNH" … fold alike: "ĐẢNG BỘ TỈNH HÀ TĨNH" already names its place
    body = "\nKẾ HOẠCH\nthực hiện Chỉ thị số 35-CT/TW\n"
    for province, district in (("HÀ TĨNH", "ĐỨC THỌ"), ("PHÚ YÊN", "TUY AN")):
        got = _scopes(f"ĐẢNG BỘ TỈNH {province}\nHUYỆN ỦY {district}\n*\nSố 45-KH/HU" + body)
        assert got["45-KH/HU"] == district.title()


def test_scope_of_a_provincial_state_plan_from_its_letterhead_and_a_place_word_is_not_a_place():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\n-------\nSố: 77/KH-UBND\nBến Tre, ngày 4 tháng 6 năm 2023\n"
            "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 08-NQ/TU NGÀY 12/01/2023 CỦA TỈNH ỦY VỀ PHÁT TRIỂN "
            "KINH TẾ BIỂN\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau.")
    got = _scopes(text)
    assert got["77/KH-UBND"] == "Bến Tre"
    assert got["8-NQ/TU"] == "Bến Tre"


def test_scope_from_the_publishing_site_its_subdomains_and_its_signature():
    text = "Ban Thường vụ Tỉnh ủy vừa ban hành Kế hoạch số 30-KH/TU về chuyển đổi số trong các cơ quan đảng."
    assert _scopes(text)["30-KH/TU"] is None
    assert _scopes(text, url="https://baohatinh.vn/chinh-tri/bai-viet-123.html")["30-KH/TU"] == "Hà Tĩnh"
    assert _scopes(text, url="https://sotuphap.hatinh.gov.vn/tin/1")["30-KH/TU"] == "Hà Tĩnh"
    assert _scopes(text, url="https://tinnhanh.example.vn/x")["30-KH/TU"] is None
    # a site not in the table but named after its province; a national one names none
    assert _scopes(text, url="https://baosonla.vn/x")["30-KH/TU"] == "Sơn La"
    assert _scopes(text, url="https://tinhuy-ninhthuan.vn/x")["30-KH/TU"] == "Ninh Thuận"
    assert _scopes(text, url="https://vietnamnet.vn/x")["30-KH/TU"] is None
    assert _scopes("(Baolaichau.vn) - " + text)["30-KH/TU"] == "Lai Châu"
    assert _scopes("(QBĐT) - " + text)["30-KH/TU"] == "Quảng Bình"
    assert _scopes("(Baoquangninh.vn) - " + text)["30-KH/TU"] == "Quảng Ninh"
    # an explicit scope wins over everything
    assert _scopes("(QBĐT) - " + text, scope="Gia Lai")["30-KH/TU"] == "Gia Lai"


def test_scope_of_a_district_document_from_the_district_s_own_site():
    # a district's own site under its province's domain: its documents are the district's, the
    # province's documents the province's; a label the province shares, or no district, says nothing
    text = ("Ban Thường vụ Huyện ủy ban hành Kế hoạch số 41-KH/HU thực hiện Chỉ thị số 12-CT/TU của Ban "
            "Thường vụ Tỉnh ủy về công tác dân vận.")
    got = _scopes(text, url="https://huyenlucnam.bacgiang.gov.vn/tin-tuc/123")
    assert got == {"41-KH/HU": "Lục Nam", "12-CT/TU": "Bắc Giang"}
    assert _scopes(text, url="https://tuyphong.binhthuan.gov.vn/x")["41-KH/HU"] == "Tuy Phong"
    assert _scopes(text, url="https://travinh.travinh.gov.vn/x")["41-KH/HU"] is None
    assert _scopes(text, url="https://sotuphap.bacgiang.gov.vn/x")["41-KH/HU"] is None
    # a district the text names wins over the site's
    named = text.replace("Huyện ủy ban hành", "Huyện ủy Yên Thế ban hành")
    assert _scopes(named, url="https://huyenlucnam.bacgiang.gov.vn/x")["41-KH/HU"] == "Yên Thế"


def test_scope_from_the_province_a_text_names_far_more_than_any_other():
    text = ("Đoàn công tác tỉnh Lào Cai làm việc với tỉnh Yên Bái về giao thông. Sau đó, Ban Thường vụ "
            "Tỉnh ủy ban hành Chỉ thị số 21-CT/TU. Lào Cai đẩy mạnh du lịch; Lào Cai phát triển cửa khẩu.")
    assert _scopes(text)["21-CT/TU"] == "Lào Cai"
    even = "Tỉnh Lào Cai và tỉnh Yên Bái trao đổi kinh nghiệm thực hiện Kế hoạch số 5-KH/TU."
    assert _scopes(even)["5-KH/TU"] is None


def test_scope_of_a_provincial_document_from_the_district_a_local_article_names():
    text = ("Chiều 3/9, Huyện ủy Bố Trạch tổ chức hội nghị quán triệt Chỉ thị số 35-CT/TU của Ban Thường vụ "
            "Tỉnh ủy và Kế hoạch số 88-KH/HU của Huyện ủy.")
    scopes = _scopes(text)
    assert scopes["35-CT/TU"] == "Quảng Bình"        # Bố Trạch is a district of Quảng Bình
    assert scopes["88-KH/HU"] == "Bố Trạch"
    # a district name several provinces share tells nothing
    assert _scopes(text.replace("Bố Trạch", "Châu Thành"))["35-CT/TU"] is None
    # diacritics decide: Phú Ninh (Quảng Nam) is not Phù Ninh (Phú Thọ)
    assert _scopes(text.replace("Bố Trạch", "Phú Ninh"))["35-CT/TU"] == "Quảng Nam"
    assert _scopes(text.replace("Bố Trạch", "Phù Ninh"))["35-CT/TU"] == "Phú Thọ"


def test_scope_of_a_commune_document_is_the_commune_the_text_names_with_its_committee():
    text = ("Chiều 12/4, Đảng ủy xã Tân Lập tổ chức hội nghị triển khai Kế hoạch số 15-KH/ĐU về đại hội "
            "các chi bộ trực thuộc.")
    assert _scopes(text)["15-KH/ĐU"] == "Tân Lập"


def test_scope_names_a_province_as_it_was_named_at_the_document_date():
    assert _scopes("Tỉnh ủy Huế ban hành Nghị quyết số 02-NQ/TU ngày 2/2/2022.")["2-NQ/TU"] == "Thừa Thiên Huế"
    assert _scopes("Thành ủy Huế ban hành Nghị quyết số 07-NQ/TU ngày 10/8/2025.")["7-NQ/TU"] == "Huế"
    assert _scopes("Tỉnh ủy Thừa Thiên - Huế ban hành Nghị quyết số 03-NQ/TU.")["3-NQ/TU"] == "Thừa Thiên Huế"
    late = "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 4-KH/TU ngày 10/8/2025."
    early = "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 4-KH/TU ngày 10/8/2024."
    assert _scopes(late, url="https://baovinhphuc.com.vn/x")["4-KH/TU"] == "Phú Thọ"
    assert _scopes(early, url="https://baovinhphuc.com.vn/x")["4-KH/TU"] == "Vĩnh Phúc"


def test_scope_patterns_stay_fast_on_letterhead_like_junk():
    import time
    junk = ("TỈNH " * 3000 + "\n" + "Đảng ủy xã Tân " * 3000 + "\n" + "HUYỆN ỦY A B C D E F G\n" * 2000
            + "Số 45-KH/HU\n" + "Hà Quảng Hà Quảng, ngày\n" * 500)
    t0 = time.perf_counter()
    extract_text(junk)
    assert time.perf_counter() - t0 < 20


def test_scope_of_a_district_state_document_is_the_district_of_its_letterhead():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN\n-------\nSố: 120/KH-UBND\nĐông Sơn, ngày 9 tháng 9 năm 2023\n"
            "KẾ HOẠCH\nTriển khai chương trình chuyển đổi số trên địa bàn huyện.")
    assert _scopes(text)["120/KH-UBND"] == "Đông Sơn"


# --- references and dates (English texts, ASCII codes, completion, letterheads) -------------------

@pytest.mark.parametrize("written, key", [
    ("Regulation No. 88-QD/TW", "88-QĐ/TW"),
    ("Regulation No. 9-QDi/TW", "9-QĐi/TW"),
    ("Official Dispatch No. 21-CV/BCD", "21-CV/BCĐ"),
    ("Plan No.14-KH/TU", "14-KH/TU"),
    ("Chỉ thị số27-CT/TW", "27-CT/TW"),
    ("Decision No.412/QD-TTg", "412/QĐ-TTg"),
    ("Cong van so 512/TLD", "512/TLĐ"),          # a number and its issuer only, typed without diacritics
])
def test_ascii_codes_and_glued_number_words_give_the_canonical_key(written, key):
    assert list(docs(f"The committees will study {written} this month.")) == [key]


def test_english_type_words_make_references_and_give_the_kind():
    found = docs("The Politburo issued Conclusion No. 204-KL/TW. Provinces keep applying Directive 07 "
                 "together with Resolution No. 71-NQ/TW.")
    assert set(found) == {"204-KL/TW", "7-CT/TW", "71-NQ/TW"}
    assert found["204-KL/TW"]["kind"] == "Kết luận"
    assert found["7-CT/TW"]["kind"] == "Chỉ thị"


def test_english_dates_after_dated():
    found = docs("Directive No. 41-CT/TW dated March 9, 2024 and Regulation No. 12-QD/TW dated 2 May 2023 apply.")
    assert found["41-CT/TW"]["date"] == "2024-03-09"
    assert found["12-QĐ/TW"]["date"] == "2023-05-02"
    # "on" alone before the date, as news agencies write it
    signed = docs("The General Secretary signed Conclusion No. 123-KL/TW on March 5, 2025 on science.")
    assert signed["123-KL/TW"]["date"] == "2025-03-05"
    # a letter sent is a letter issued
    sent = docs("On September 5, 2024, the Standing Board sent Official Letter No. 620-CV/TU to districts.")
    assert sent["620-CV/TU"]["date"] == "2024-09-05"


def test_english_issuance_gives_the_date_of_the_document_issued():
    found = docs("On July 3, 2025, the Secretariat issued Directive No. 52-CT/TW on Party cells in residential areas.")
    assert found["52-CT/TW"]["date"] == "2025-07-03"


def test_english_deadline_is_not_a_document_date():
    found = docs("Localities implement Plan No. 5-KH/TW before June 30, 2025.")
    assert found["5-KH/TW"]["date"] is None


def test_bare_reference_in_a_central_text_is_completed_with_the_central_issuer():
    text = ("Bộ Chính trị yêu cầu các cơ quan tiếp tục thực hiện Chỉ thị số 23 ngày 4/2/2014 và Kết luận số 90. "
            "Ban Bí thư giao Ban Tổ chức Trung ương theo dõi.")
    found = docs(text)
    assert {"23-CT/TW", "90-KL/TW"} <= set(found)


def test_bare_plan_in_a_central_text_keeps_no_issuer():
    # central organs issue plans under their own codes: no issuer can be derived
    found = docs("Ban Bí thư nhắc lại Kế hoạch số 11 và đề nghị Bộ Chính trị xem xét.")
    assert "11-KH" in found


def test_bare_reference_in_a_provincial_text_gets_no_central_issuer():
    found = docs("Ban Thường vụ Tỉnh ủy yêu cầu tiếp tục thực hiện Chỉ thị số 23 trong năm.")
    assert "23-CT" in found and "23-CT/TW" not in found


def test_a_body_after_a_list_of_bare_references_is_the_issuer_of_each():
    found = docs("Thực hiện Kế hoạch số 61, Chỉ thị số 9 và Nghị quyết số 14 của Tỉnh ủy Bắc Kạn, các huyện triển khai.")
    assert {"61-KH/TU", "9-CT/TU", "14-NQ/TU"} <= set(found)


def test_symbol_without_issuer_is_completed_from_its_body():
    found = docs("Quán triệt Nghị quyết số 31-NQ, ngày 2/8/2022 của Tỉnh ủy Cao Bằng tới chi bộ.")
    assert found["31-NQ/TU"]["date"] == "2022-08-02"


def test_bare_state_references_keep_the_state_shape():
    found = docs("Căn cứ Nghị định số 47 của Chính phủ và Quyết định số 910 của Thủ tướng Chính phủ, "
                 "Quyết định số 77 của UBND tỉnh; Chỉ thị số 2 của Ban Bí thư.")
    assert found["47/NĐ-CP"]["system"] == "state"
    assert found["910/QĐ-TTg"]["system"] == "state"
    assert found["77/QĐ-UBND"]["system"] == "state"
    assert "2-CT/TW" in found
    assert not any(k.startswith(("47-", "910-", "77-")) for k in found)


@pytest.mark.parametrize("header, key", [
    ("Số: 19-KH/TUKẾ HOẠCH\nvề công tác dân vận", "19-KH/TU"),
    ("Số: 3-HD/BTGTUHƯỚNG DẪN tuyên truyền", "3-HD/BTGTU"),
    ("Số 8-NQ/HUNGHỊ QUYẾT về xây dựng đảng", "8-NQ/HU"),
])
def test_issuer_code_is_not_glued_to_the_title_word(header, key):
    assert key in docs(header)


def test_header_date_from_the_place_and_date_line_before_the_symbol():
    text = ("TỈNH ỦY CAO BẰNG\nBAN DÂN VẬN\n      Cao Bằng, ngày 7 tháng 4 năm 2022\nSố 56 - CV/BDVTU\n"
            "V/v triển khai công tác dân vận\nKính gửi các huyện ủy.")
    assert docs(text)["56-CV/BDVTU"]["date"] == "2022-04-07"


def test_header_date_from_a_place_line_split_by_a_column_bar():
    text = "Số:\n41-KH/TU\n|\nTP.\nCần Thơ, ngày 2 tháng 11 năm 2023\n|\nKẾ HOẠCH\nthực hiện công tác cán bộ"
    assert docs(text)["41-KH/TU"]["date"] == "2023-11-02"


def test_header_date_after_a_subject_line_naming_another_document():
    # the left column (letterhead, number, "V/v" line naming a plan) flattened before the right one
    text = ("HUYỆN ỦY LÂM THAO\nSố 31-CV/HU\nV/v thực hiện Kế hoạch số 12-KH/TU của Tỉnh ủy\n"
            "ĐẢNG CỘNG SẢN VIỆT NAM\nLâm Thao, ngày 5 tháng 6 năm 2024\nKính gửi: các chi bộ trực thuộc.")
    found = docs(text)
    assert found["31-CV/HU"]["date"] == "2024-06-05"
    assert found["12-KH/TU"]["date"] is None


def test_header_date_stops_at_the_next_header():
    text = ("Số: 5-TB/HU\nThông báo kết luận.\n\nSố: 9-KH/HU\nLâm Thao, ngày 5 tháng 6 năm 2024\n"
            "Kế hoạch tuyên truyền.")
    found = docs(text)
    assert found["9-KH/HU"]["date"] == "2024-06-05"
    assert found["5-TB/HU"]["date"] is None


def test_an_issuance_reported_as_done_dates_its_numbered_document():
    found = docs("Trước đó, ngày 20/5/2025, Thường trực Tỉnh ủy đã có Công văn số 450-CV/TU chỉ đạo chuẩn bị.")
    assert found["450-CV/TU"]["date"] == "2025-05-20"
    # a lead that opens with the day of the act, after a news agency's mark, needs no aspect word
    lead = docs("Lào Cai khắc phục bão\n\n(LC) - Ngày 5/9/2024, Ban Thường vụ Tỉnh ủy có Công văn số 620-CV/TU về bão.")
    assert lead["620-CV/TU"]["date"] == "2024-09-05"


def test_a_mass_organisation_s_own_text_takes_its_letterhead_s_province():
    text = ("ĐOÀN TNCS HỒ CHÍ MINH\nBCH TỈNH ĐOÀN QUẢNG BÌNH\nSố: 88-KH/TĐTN-TG\nQuảng Bình, ngày 3 tháng 3 năm 2025\n\n"
            "KẾ HOẠCH\ntổ chức Tháng Thanh niên\n\n2. Các huyện đoàn, đoàn trực thuộc: triển khai thực hiện.")
    out = extract_text(text)
    assert docs(text)["88-KH/TĐTN-TG"]["scope"] == "Quảng Bình"
    assert {a["organization"] for a in out["assignments"]} == {"Các huyện đoàn", "đoàn trực thuộc"}


def test_a_bloc_committee_names_no_place():
    found = docs("Hội nghị triển khai Kế hoạch số 25-KH/ĐUK của Đảng ủy Khối các cơ quan tỉnh về đại hội.")
    assert found["25-KH/ĐUK"]["scope"] is None


def test_header_date_from_a_metadata_field():
    text = "Số hiệu: 77-QĐ/TW\nLoại văn bản: Quy định\nNgày ban hành: 14/03/2023\nNội dung quy định về cán bộ."
    assert docs(text)["77-QĐ/TW"]["date"] == "2023-03-14"


def test_page_timestamp_is_not_a_letterhead_date():
    text = "Thứ Hai, 27/10/2017 16:02\nSố: 12-KH/TU\nKế hoạch học tập."
    assert docs(text)["12-KH/TU"]["date"] is None


def test_passive_issuance_dates_and_bodies_the_document():
    found = docs("Thực hiện Kế hoạch số 15-KH/TU do Ban Thường vụ Tỉnh ủy ban hành ngày 9/3/2024, "
                 "và Hướng dẫn số 4-HD/BTGTU được ban hành ngày 12/3/2024, các ngành triển khai.")
    assert found["15-KH/TU"]["date"] == "2024-03-09"
    assert found["4-HD/BTGTU"]["date"] == "2024-03-12"


def test_a_period_after_a_passive_verb_is_not_a_date():
    found = docs("Kế hoạch số 15-KH/TU được triển khai từ ngày 9/3/2024 đến ngày 30/6/2024.")
    assert found["15-KH/TU"]["date"] is None


def test_truncated_english_date_is_reported_not_repaired():
    rec = extract_text("Resolution No. 66-NQ/TW dated April 30, 202 is implemented.")
    d = [x for x in rec["documents"] if x["key"] == "66-NQ/TW"][0]
    assert d["date"] is None
    assert "truncated_date" in [w["code"] for w in rec["warnings"]]


def test_scope_from_the_url_of_a_json_lines_record():
    import json
    from vankien.loaders.extract import extract_source
    from vankien.loaders.readers.jsonl import read_jsonl
    line = json.dumps({"text": "Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 9-CT/TU về an toàn giao thông.",
                       "url": "https://www.baolangson.vn/chinh-tri/bai-1.html"}, ensure_ascii=False)
    (rec,) = read_jsonl(line.encode("utf-8"), "records.jsonl")
    assert {d["key"]: d["scope"] for d in extract_source(rec)["documents"]} == {"9-CT/TU": "Lạng Sơn"}


def test_scope_of_a_provincial_department_s_document():
    text = "Sở Nội vụ tỉnh Bến Tre ban hành Kế hoạch số 45/KH-SNV về cải cách hành chính năm 2024."
    assert _scopes(text)["45/KH-SNV"] == "Bến Tre"


def test_a_header_document_takes_the_type_of_its_heading_when_its_code_fits_it():
    text = ("BAN THƯỜNG VỤ TỈNH ỦY\nSố 12-QĐ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạng Sơn, ngày 5 tháng 3 năm 2024\n\n"
            "QUYẾT ĐỊNH\nvề việc thành lập Đoàn kiểm tra\n\n- Căn cứ Quyết định số 99-QĐ/TW.\n")
    assert docs(text)["12-QĐ/TU"]["kind"] == "Quyết định"          # QĐ alone would read Quy định


def test_scope_of_a_district_or_ward_named_by_its_number():
    letterhead = ("QUẬN ỦY QUẬN 11\nSố 45-KH/QU\nĐẢNG CỘNG SẢN VIỆT NAM\nQuận 11, ngày 3 tháng 4 năm 2023\n\n"
                  "KẾ HOẠCH\nvề công tác học tập năm 2023\n")
    assert _scopes(letterhead)["45-KH/QU"] == "Quận 11"
    assert _scopes("Ban Thường vụ Quận ủy Quận 3 ban hành Kế hoạch số 12-KH/QU về dân vận.")["12-KH/QU"] == "Quận 3"
    assert _scopes("Đảng ủy Phường 5 ban hành Kế hoạch số 8-KH/ĐU về học tập.")["8-KH/ĐU"] == "Phường 5"
    # a commune's or ward's committee names its place after the unit word
    assert _scopes("Đảng ủy xã Tân Lập ban hành Nghị quyết số 10-NQ/ĐU về nông thôn mới.")["10-NQ/ĐU"] == "Tân Lập"


def test_scope_of_a_document_of_a_local_organ_whose_code_says_no_level():
    # "BTG" alone: not a central organ's code (those end in TW), so a local one: the text's locality
    assert _scopes("Ban Tuyên giáo Tỉnh ủy Lai Châu ban hành Hướng dẫn số 12-HD/BTG về tuyên truyền.")[
        "12-HD/BTG"] == "Lai Châu"
    assert _scopes("Huyện ủy Hòa An triển khai Hướng dẫn số 3-HD/BTG về học tập.")["3-HD/BTG"] == "Hòa An"


def test_a_passive_issuance_names_the_issuer_and_the_date():
    for text, body in (("Kế hoạch số 94-KH/TU được Ban Thường vụ Tỉnh ủy ban hành ngày 3/3/2023.", "Ban Thường vụ Tỉnh ủy"),
                       ("Kế hoạch số 94-KH/TU được ban hành vào ngày 3/3/2023.", None),
                       ("Kế hoạch số 94-KH/TU mà Ban Thường vụ Tỉnh ủy ký ban hành ngày 3/3/2023.", "Ban Thường vụ Tỉnh ủy")):
        d = extract_text(text)["documents"][0]
        assert (d["date"], d["issuing_body"]) == ("2023-03-03", body), text
    # a date of what others do with it is not its own
    other = extract_text("Kế hoạch số 94-KH/TU được các cấp ủy triển khai từ ngày 3/3/2023.")["documents"][0]
    assert other["date"] is None


def test_symbol_of_a_number_and_an_issuer_only():
    # "số 512/LĐLĐ": no type code, only the body's abbreviation after the slash
    text = ("Công văn số 512/TLĐ ngày 4/8/2019 của Tổng Liên đoàn Lao động Việt Nam và Công văn số 77/UBND "
            "ngày 2/3/2020 của Ủy ban nhân dân huyện nhắc các đơn vị. Cửa hàng mở 24/24 giờ.")
    found = docs(text)
    assert set(found) == {"512/TLĐ", "77/UBND"}
    assert found["512/TLĐ"]["system"] == "other"
    assert found["77/UBND"]["system"] == "state"
    # without a number word before it, a number and capitals are not a symbol
    assert not docs("Kết quả đạt 30/KPI của năm.")


def test_words_run_together_are_split_and_reported():
    text = "Các chi bộ học tập Nghị quyếtHội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII trên iPhone."
    assert normalize_text(text).startswith("Các chi bộ học tập Nghị quyết Hội nghị")
    assert "iPhone" in normalize_text(text)
    assert "glued_words" in warning_codes(text)
    named = [d["descriptor"] for d in extract_text(text)["documents"]]
    assert named == ["Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng khóa XIII"]


def test_a_word_in_capitals_after_a_body_is_no_place_unless_it_is_one():
    # "VỀ" is made of capitals only ("Ề" lies between "à" and "ỹ" in Unicode, but is no lower-case letter)
    text = ("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH\nSố: 141/QĐ-UBND\n\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH THỰC HIỆN "
            "NGHỊ QUYẾT SỐ 06-NQ/TU NGÀY 08/10/2021 CỦA TỈNH ỦY VỀ PHÁT TRIỂN VÙNG ĐỒNG BÀO DÂN TỘC\n")
    assert docs(text)["6-NQ/TU"]["issuing_body"] == "Tỉnh ủy"
    assert docs("Thực hiện Nghị quyết số 06-NQ/TU của TỈNH ỦY LẠNG SƠN.")["6-NQ/TU"]["issuing_body"] == "Tỉnh ủy Lạng Sơn"


def test_a_place_after_a_body_may_open_with_a_capital_with_a_diacritic_or_a_one_letter_word():
    for place in ("Ứng Hòa", "Ân Thi", "Ý Yên", "A Lưới"):
        text = f"Ngày 5/3/2024, Ban Thường vụ Huyện ủy {place} ban hành Kế hoạch số 45-KH/HU thực hiện Chỉ thị số 05-CT/TW."
        found = docs(text)["45-KH/HU"]
        assert (found["issuing_body"], found["scope"]) == (f"Ban Thường vụ Huyện ủy {place}", place), place
    # a capital alone is no place
    alone = docs("Đảng ủy A ban hành Kế hoạch số 45-KH/ĐU ngày 5/3/2024.")["45-KH/ĐU"]
    assert (alone["issuing_body"], alone["scope"]) == ("Đảng ủy", None)


def test_a_congress_resolution_of_a_place_opening_with_a_capital_with_a_diacritic_is_named():
    text = "Các chi bộ thực hiện Nghị quyết Đại hội đại biểu Đảng bộ huyện Ứng Hòa lần thứ XXIII, nhiệm kỳ 2025 - 2030."
    assert [d["descriptor"] for d in extract_text(text)["documents"]] == [
        "Nghị quyết Đại hội đại biểu Đảng bộ huyện Ứng Hòa lần thứ XXIII"]


def test_a_word_in_lower_case_with_a_diacritic_is_no_capital():
    from vankien.loaders import mentions
    # ". " before "để" (U+0111 lies between "À" and "Ỹ") opens no sentence
    assert len(segments("Các chi bộ học tập văn bản mới, tài liệu v.v. để nâng cao nhận thức của đảng viên.")) == 1
    assert len(segments("Các chi bộ học tập văn bản mới. Đảng viên nâng cao nhận thức.")) == 2
    # a comma before a word in lower case ends a cited name, whatever its first letter
    assert mentions._cited_cut_re().search("Quy chế mẫu, được sửa đổi năm 2024") is not None
    assert mentions._cited_cut_re().search("Quy chế mẫu, Ủy ban Kiểm tra") is None


def test_words_run_together_after_a_type_word_typed_without_diacritics_are_split():
    text = "Cac chi bo hoc tap Nghi quyet Hoi nghi lan thu tu va Nghi quyetHoi nghi lan thu chin tren YouTube."
    assert "va Nghi quyet Hoi nghi lan thu chin" in normalize_text(text)
    assert "YouTube" in normalize_text(text) and "glued_words" in warning_codes(text)
    # ASCII words in mixed case after anything else stay as written
    assert normalize_text("Ban hanh theo McDonald va PowerPoint.") == "Ban hanh theo McDonald va PowerPoint."


WRAPPED_LINE = "Các chi bộ tiếp tục quán triệt nội dung đã học và báo cáo kết quả đúng hạn cho"


def _after_wrapped(rest: str) -> str:
    """``rest`` after five lines of 79 characters: what tells the cleaning that a text is wrapped near 80."""
    return (WRAPPED_LINE + "\n") * 5 + rest


def test_a_text_wrapped_at_a_fixed_width_is_read_as_its_sentences():
    # as a PDF's text layer gives it: every line cut near 70 characters, sentences running over lines
    text = ("KẾ HOẠCH\n"
            "thực hiện Chỉ thị số 21-CT/TW ngày 20/5/2023 của Ban Bí thư về công tác\n"
            "dân vận trong tình hình mới\n"
            "Thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư, Ban Thường vụ Huyện ủy ban\n"
            "hành Kế hoạch số 64-KH/HU ngày 2/7/2023 để triển khai trên địa bàn huyện.\n"
            "Ban Dân vận Huyện ủy chủ trì, phối hợp với Ban Tuyên giáo Huyện ủy hướng\n"
            "dẫn các chi, đảng bộ cơ sở quán triệt Chỉ thị; Văn phòng Huyện ủy tổng\n"
            "hợp kết quả, báo cáo Ban Thường vụ Huyện ủy trước ngày 15/12/2023 theo\n"
            "quy định. Các chi bộ trực thuộc tổ chức học tập trong quý III năm 2023.\n"
            "- Lưu Văn phòng Huyện ủy.\n")
    cleaned = normalize_text(text)
    assert "Huyện ủy ban hành Kế hoạch số 64-KH/HU" in cleaned
    assert "Ban Tuyên giáo Huyện ủy hướng dẫn các chi" in cleaned
    assert "KẾ HOẠCH\nthực hiện" in cleaned                 # the heading keeps its line
    assert "\n- Lưu Văn phòng" in cleaned                  # and so does a list item
    assert "hard_wrapped" in warning_codes(text)
    out = extract_text(text)
    tasks = {(a["organization"], a["role"], a["deadline"]) for a in out["assignments"]}
    assert ("Ban Dân vận Huyện ủy", "lead", None) in tasks
    assert ("Ban Thường vụ Huyện ủy", "report_to", "2023-12-15") in tasks
    # a text written a paragraph to a line is left as it is
    assert normalize_text("Dòng một khá dài " * 3 + "\nDòng hai.\n") == ("Dòng một khá dài " * 3).rstrip() + "\nDòng hai.\n"


def test_a_date_broken_after_its_month_in_a_wrapped_text_is_joined():
    line = "Ban Thường vụ Tỉnh ủy nhắc lại các nội dung chính của văn bản cũ và yêu cầu"
    text = (line + "\n") * 5 + "các chi bộ tiếp tục thực hiện nghiêm Quy định số 47-QĐ/TW ngày 1.11.\n2011 của Ban Chấp hành Trung ương.\n"
    assert "ngày 1.11. 2011" in normalize_text(text)
    assert docs(text)["47-QĐ/TW"]["date"] == "2011-11-01"


def test_a_place_name_broken_over_two_wrapped_lines_is_joined():
    line = "Các chi bộ tiếp tục quán triệt nội dung đã học và báo cáo kết quả đúng hạn,"
    text = ((line + "\n") * 5 + "thực hiện Kế hoạch số 12-KH/HU ngày 3/3/2024 của Ban Thường vụ Huyện ủy Chợ\n"
            "Mới về công tác tuyên truyền trong năm 2024 trên toàn địa bàn huyện.\n")
    assert "Huyện ủy Chợ Mới về" in normalize_text(text)
    assert docs(text)["12-KH/HU"]["scope"] == "Chợ Mới"


def test_a_wrapped_list_item_heading_ends_before_a_task_verb_in_capitals():
    line = "Các chi bộ tiếp tục quán triệt nội dung đã học và báo cáo kết quả đúng hạn,"
    text = ((line + "\n") * 5 + "1. Ban Tuyên giáo các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy\n"
            "Hướng dẫn các chi bộ tổ chức tuyên truyền về Nghị quyết số 57-NQ/TW.\n"
            "2. Các chi bộ tổ chức thực hiện theo đúng hướng dẫn của Ban Thường vụ Huyện ủy\n"
            "Gia Lâm và báo cáo kết quả.\n")
    out = normalize_text(text)
    assert "trực thuộc Tỉnh ủy\nHướng dẫn các chi bộ" in out      # a heading, then its task
    assert "Ban Thường vụ Huyện ủy Gia Lâm và" in out              # a body before its place's name


def test_a_text_whose_every_line_is_indented_is_read_as_without_the_indentation():
    text = ("TỈNH ỦY LẠNG SƠN\n*\nSố 94-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạng Sơn, ngày 5 tháng 3 năm 2024\n\n"
            "KẾ HOẠCH\nthực hiện Nghị quyết số 57-NQ/TW\n\nCác huyện ủy báo cáo kết quả trước ngày 30/6/2024.\n")
    indented = "\n".join("    " + line if line else line for line in text.split("\n"))
    assert normalize_text(indented) == normalize_text(text)
    plain, shifted = extract_text(text), extract_text(indented)
    assert [(d["key"], d["date"], d["scope"]) for d in shifted["documents"]] == \
        [(d["key"], d["date"], d["scope"]) for d in plain["documents"]] == [("94-KH/TU", "2024-03-05", "Lạng Sơn"), ("57-NQ/TW", None, None)]
    # one indented line is left as it is
    assert normalize_text("  Nghị quyết số 57-NQ/TW") == "  Nghị quyết số 57-NQ/TW"


def test_blanks_that_end_lines_are_taken_out():
    text = ("KẾ HOẠCH\nthực hiện Nghị quyết số 57-NQ/TW\n\nBan Thường vụ Huyện ủy yêu cầu các chi bộ tổ chức quán triệt;\n"
            "báo cáo kết quả về Ban Tuyên giáo Huyện ủy trước ngày 30/6/2024.\n")
    padded = text.replace("\n", "   \n").replace("quán triệt;   \n", "quán triệt;\t\n")
    assert normalize_text(padded) == normalize_text(text)
    assert extract_text(padded)["assignments"] == extract_text(text)["assignments"]


def test_a_wrapped_text_typed_double_spaced_is_read_as_its_sentences():
    line = "Ban Thường vụ Tỉnh ủy nhắc lại các nội dung chính của văn bản cũ và yêu cầu"
    single = (line + "\n") * 5 + "các chi bộ tiếp tục thực hiện nghiêm Quy định số 47-QĐ/TW ngày\n1/11/2011 của Ban Chấp hành Trung ương.\n"
    double = single.replace("\n", "\n\n")
    assert normalize_text(double).rstrip() == normalize_text(single).rstrip()
    assert docs(double)["47-QĐ/TW"]["date"] == "2011-11-01"
    # news paragraphs with a blank line between them are no wrapped text: left as they are
    news = "\n\n".join(["Tin trong tỉnh", "Ban Thường vụ Tỉnh ủy họp phiên thường kỳ tháng 3.",
                         "Hội nghị cho ý kiến vào nhiều nội dung quan trọng của tỉnh."] * 3)
    assert normalize_text(news) == news


def test_a_symbol_wrapped_before_the_dash_of_its_type_code_is_joined():
    text = _after_wrapped("cấp trên; Ban Tuyên giáo Trung ương đã ban hành Hướng dẫn số 18\n"
                          "– HD/BTGTW về tuyên truyền thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.\n")
    assert "Hướng dẫn số 18 – HD/BTGTW" in normalize_text(text)
    assert "18-HD/BTGTW" in docs(text)


def test_a_wrapped_line_that_ends_with_a_relation_cue_goes_on_with_its_object():
    text = _after_wrapped("cấp trên theo hướng dẫn. Tại phiên họp ngày 17-10, sau khi nghe\n"
                          "Báo cáo của Văn phòng Trung ương Đảng về kết quả đại hội, Bộ Chính trị kết luận như sau.\n")
    assert "sau khi nghe Báo cáo của Văn phòng" in normalize_text(text)


def test_a_wrapped_line_that_ends_with_a_cue_and_words_of_manner_goes_on_with_its_object():
    text = _after_wrapped("cấp trên. Ban Thường vụ Huyện ủy yêu cầu các chi bộ quán triệt, triển khai sâu rộng\n"
                          "Kết luận số 93-KL/TW của Bộ Chính trị đến cán bộ, đảng viên và nhân dân.\n")
    assert "triển khai sâu rộng Kết luận số 93-KL/TW" in normalize_text(text)
    both = text.replace("triển khai sâu rộng\n", "thực hiện nghiêm túc, hiệu quả\n")
    assert "thực hiện nghiêm túc, hiệu quả Kết luận số" in normalize_text(both)
    # a word of manner alone (no cue before it) ends nothing open: the next line keeps its capital
    alone = text.replace("quán triệt, triển khai sâu rộng\n", "học tập thật sâu rộng\n")
    assert "sâu rộng\nKết luận số" in normalize_text(alone)


def test_a_wrapped_line_that_ends_with_a_comma_goes_on_with_the_next_even_after_a_capital():
    text = _after_wrapped("cấp trên theo quy định hiện hành của Ban Thường vụ Huyện ủy, Ủy ban Kiểm tra,\n"
                          "Ban Tổ chức Huyện ủy và các cơ quan liên quan trong toàn huyện.\n")
    assert "Ủy ban Kiểm tra, Ban Tổ chức" in normalize_text(text)


def test_a_text_wrapped_below_sixty_characters_is_read_as_its_sentences():
    # a narrow column (a PDF's text layer of a two-column page): lines cut near 58 characters
    text = ("Huyện ủy triển khai Kết luận 88\n"
            "Thực hiện Kết luận số 88-KL/TW ngày 2/5/2024 của Bộ\n"
            "Chính trị, Ban Thường vụ Huyện ủy ban hành Kế hoạch số\n"
            "19-KH/HU ngày 3/6/2024 để triển khai trên địa bàn huyện.\n"
            "Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Ban Dân vận\n"
            "Huyện ủy hướng dẫn các chi bộ quán triệt Kết luận; Văn\n"
            "phòng Huyện ủy tổng hợp kết quả, báo cáo Ban Thường vụ\n"
            "Huyện ủy trước ngày 15/12/2024 theo đúng quy định hiện hành.\n")
    cleaned = normalize_text(text)
    assert "của Bộ Chính trị, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 19-KH/HU" in cleaned
    out = extract_text(text)
    assert ("19-KH/HU", "IMPLEMENTS", "88-KL/TW") in {(r["source"], r["type"], r["target"]) for r in out["relations"]}
    assert ("Ban Thường vụ Huyện ủy", "report_to", "2024-12-15") in {
        (a["organization"], a["role"], a["deadline"]) for a in out["assignments"]}


def test_a_wrapped_line_that_ends_with_a_post_goes_on_with_the_persons_name():
    text = _after_wrapped("cấp trên. Thực hiện Thông báo về lễ viếng đồng chí nguyên Chủ tịch\n"
                          "Trần Văn Minh, Huyện ủy đã ban hành Công văn số 310-CV/HU ngày 4/8/2024.\n")
    assert "nguyên Chủ tịch Trần Văn Minh, Huyện ủy" in normalize_text(text)
    # but not before a task verb in capitals, which opens a sentence
    task = text.replace("Trần Văn Minh, Huyện ủy đã", "Hướng dẫn các chi bộ đã")
    assert "Chủ tịch\nHướng dẫn các chi bộ" in normalize_text(task)


def test_a_preambles_bases_run_into_one_line_are_each_a_basis_of_the_text():
    # a page that lost its line breaks: the items of the preamble follow each other after ";"
    text = ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM\nSố: 140/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc tổ chức hội thi tìm hiểu lịch sử Đảng\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Căn cứ Kết luận số 61-KL/TW ngày 3/2/2024 "
            "của Ban Bí thư; Xét đề nghị của Giám đốc Sở Văn hóa.\n\nQUYẾT ĐỊNH:\nĐiều 1. Tổ chức hội thi.\n")
    rels = {(r["source"], r["type"], r["target"]) for r in extract_text(text)["relations"]}
    assert ("140/QĐ-UBND", "BASED_ON", "61-KL/TW") in rels
    assert ("140/QĐ-UBND", "BASED_ON", "Luật Tổ chức chính quyền địa phương") in rels
    # in lower case after ";" the word is the sentence's own verb, no new item
    inner = "Các chi bộ họp bàn; căn cứ vào tình hình thực tế, Kết luận số 61-KL/TW được triển khai."
    assert len(segments(inner)) == 1


def test_the_dated_rows_of_a_portals_table_are_not_joined_as_a_wrapped_sentence():
    # a legal portal's history of a document: one row a line, each opening with its date
    text = _after_wrapped("Lịch sử hiệu lực của văn bản: 12/03/2015 Văn bản được ban hành 45/2015/QĐ-UBND\n"
                          "01/05/2015 Văn bản có hiệu lực 45/2015/QĐ-UBND kể từ ngày ký, trên toàn tỉnh\n"
                          "20/07/2021 Bị thay thế bởi 30/2021/QĐ-UBND của Ủy ban nhân dân tỉnh\n")
    assert "45/2015/QĐ-UBND\n01/05/2015 Văn bản" in normalize_text(text)
    assert "45/2015/QĐ-UBND\n20/07/2021 Bị thay thế" not in normalize_text(text)


def test_a_date_after_since_is_no_document_date_without_an_issuing_verb():
    assert docs("Các chi bộ thực hiện Chỉ thị số 07-CT/TW từ ngày 3/8/2021 đến nay.")["7-CT/TW"]["date"] is None


@pytest.mark.parametrize("written", [
    "Chỉ thị số 07-CT/TW, ký ngày 3 tháng 8 năm 2021,",
    "Chỉ thị số 07-CT/TW ra ngày 3/8/2021",
    "Chỉ thị số 07-CT/TW ký ngày 03-8-2021",
    "Chỉ thị số 07-CT/TW được Ban Bí thư ban hành từ ngày 3/8/2021",
])
def test_a_date_after_a_signing_or_issuing_word(written):
    assert docs(f"Các chi bộ tiếp tục thực hiện {written} về công tác phòng, chống dịch.")["7-CT/TW"]["date"] == "2021-08-03"


def test_the_closing_formula_of_a_decision_names_no_other_document():
    text = ("QUYẾT ĐỊNH\nthành lập Tổ công tác\n\nĐiều 3. Văn phòng Huyện ủy, các cơ quan liên quan và các đồng chí "
            "có tên tại Điều 1 căn cứ Quyết định thi hành.")
    assert not [d for d in extract_text(text)["documents"] if "thi hành" in (d["descriptor"] or "")]


def test_a_type_word_made_with_another_is_a_document_to_come_not_the_text_s_own():
    text = ("Học tập Nghị quyết Đại hội XIV của Đảng\n\nSáng 20/3/2026, Tỉnh ủy tổ chức hội nghị học tập Nghị quyết "
            "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng. Ban Thường vụ Tỉnh ủy đề nghị các cấp ủy, tổ chức đảng "
            "xây dựng chương trình, kế hoạch thực hiện Nghị quyết sát với thực tế.")
    out = extract_text(text)
    assert out["subject"] is None and not out["assignments"]


def test_a_place_and_date_line_in_the_right_column_dates_the_header():
    text = ("TỈNH ỦY BẠC LIÊU                    ĐẢNG CỘNG SẢN VIỆT NAM\n"
            "       *                          Bạc Liêu, ngày 22 tháng 10 năm 2024\nSố 311-TB/TU\n\n"
            "THÔNG BÁO\nkết luận của Ban Thường vụ Tỉnh ủy về công tác cán bộ\n")
    assert docs(text)["311-TB/TU"]["date"] == "2024-10-22"


def test_a_portal_s_issuing_body_field_gives_the_header_document_its_body():
    text = ("Số hiệu: 35-HD/BTCTU\nCơ quan ban hành: Ban Tổ chức Tỉnh ủy Hà Tĩnh   Người ký: Nguyễn Văn A\n"
            "Ngày ban hành: 14/05/2025\n\nHƯỚNG DẪN\nvề kiện toàn chi bộ sau sắp xếp\n")
    found = docs(text)["35-HD/BTCTU"]
    assert found["issuing_body"] == "Ban Tổ chức Tỉnh ủy Hà Tĩnh" and found["date"] == "2025-05-14"


def test_a_plenum_numbered_in_two_words_is_that_plenum():
    text = ("Tổng Bí thư đã ký ban hành Nghị quyết Hội nghị lần thứ mười hai Ban Chấp hành Trung ương Đảng khóa XIII. "
            "Nghị quyết Trung ương 12 khóa XIII được quán triệt sâu rộng.")
    named = [d for d in extract_text(text)["documents"] if d["kind"] == "Nghị quyết"]
    assert len(named) == 1 and "lần thứ 12" in named[0]["descriptor"]


def test_a_resolution_a_plenum_issues_is_that_plenum_s_resolution():
    text = ("Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XI đã ra Nghị quyết về chiến lược bảo vệ Tổ quốc. "
            "Bộ Chính trị ban hành Kết luận số 64-KL/TW về tiếp tục thực hiện Nghị quyết Trung ương 8 khóa XI.")
    resolutions = [d for d in extract_text(text)["documents"] if d["kind"] == "Nghị quyết"]
    assert len(resolutions) == 1 and "lần thứ 8" in resolutions[0]["descriptor"]


def test_english_bodies_give_the_issuer_and_complete_number_only_references():
    found = docs("Resolution No. 59-NQ/TW of the Politburo dated January 24, 2025 and the Politburo's Resolution 66 "
                 "on law-making are being implemented.")
    assert found["59-NQ/TW"]["issuing_body"] == "Bộ Chính trị"
    assert "66-NQ/TW" in found


def test_a_document_known_by_its_heading_takes_its_issuer_and_place_from_the_letterhead():
    text = ("HUYỆN ỦY HÒA AN\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 57-NQ/TW\n\n"
            "Các chi bộ quán triệt nội dung Nghị quyết.")
    subject = next(d for d in extract_text(text)["documents"] if d["subject"])
    assert (subject["key"], subject["issuing_body"], subject["scope"]) == (None, "Huyện ủy Hòa An", "Hòa An")
    # a department under its committee's line, a name the vocabulary does not give: no issuer guessed
    central = text.replace("HUYỆN ỦY HÒA AN", "BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN KHOA GIÁO")
    assert next(d for d in extract_text(central)["documents"] if d["subject"])["issuing_body"] is None


def test_a_body_s_act_broken_over_a_line_is_read_and_breaks_nothing():
    # a verb of two words wrapped between them ("kết\nluận") matched the act pattern but not the
    # vocabulary's spelling, and the extraction stopped with StopIteration
    for text, kind in (("Tin\n\nBan Thường vụ Tỉnh ủy kết\nluận như sau: giao Ban Tổ chức Tỉnh ủy hướng dẫn.", "Kết luận"),
                       ("Tin\n\nBan Thường vụ Tỉnh ủy yêu\ncầu các huyện ủy rà soát.", "Văn bản")):
        subject = next(d for d in extract_text(text)["documents"] if d["subject"])
        assert (subject["key"], subject["kind"]) == (None, kind)


def test_an_issuing_verb_of_one_syllable_is_read_with_its_diacritics_and_whole():
    # "định kỳ báo cáo" (periodically report) issues no report; "ký" (sign) does
    assert extract_text("Tin tổng hợp\n\nNgày 3/3, các huyện ủy định kỳ báo cáo kết quả về Ban Thường vụ Tỉnh ủy.\n")["documents"] == []
    signed = extract_text("Tin tổng hợp\n\nNgày 3/3, Ban Thường vụ Tỉnh ủy đã ký ban hành Kế hoạch thực hiện "
                          "Nghị quyết số 57-NQ/TW.\n")
    assert any(d["key"] is None and d["kind"] == "Kế hoạch" for d in signed["documents"])
    # "assigned" holds no "signed"
    from vankien.loaders.patterns import verb_ends_before
    text = "the Politburo assigned Conclusion"
    assert not verb_ends_before(text, text.index("Conclusion"))
    assert verb_ends_before("the Secretary signed Conclusion", len("the Secretary signed "))


def test_one_syllable_words_that_differ_by_their_marks_alone_are_told_apart():
    from vankien.loaders.mentions import find_mentions
    # "Mới đây" (recently) is not "mọi" (every): the plan a body issued is a document of its own
    text = "Tin tổng hợp\n\nMới đây Tỉnh ủy đã ban hành kế hoạch thực hiện Nghị quyết số 57-NQ/TW.\n"
    assert [m.form for m in find_mentions(text)] == ["issued", "full"]
    counted = "Tin tổng hợp\n\nMọi chi bộ đã ban hành kế hoạch thực hiện Nghị quyết số 57-NQ/TW.\n"
    assert [m.form for m in find_mentions(counted)] == ["full"]
    # "do" (by) is not "đó" (that): "Nghị quyết do … ban hành" is no demonstrative
    by = "Kế hoạch số 12-KH/TU triển khai Nghị quyết số 57-NQ/TW. Nghị quyết do Bộ Chính trị ban hành."
    assert [m.form for m in find_mentions(by)] == ["full", "full"]
    assert [m.form for m in find_mentions("Nghị quyết đó được ban hành.")] == ["short"]


def test_the_party_platform_named_by_its_year_is_a_document():
    text = ("Tin tức\n\nHội nghị nhấn mạnh việc tiếp tục thực hiện Cương lĩnh 2011 và tổng kết 35 năm thực hiện Cương "
            "lĩnh năm 1991.\n")
    named = {d["descriptor"] for d in extract_text(text)["documents"] if d["kind"] == "Cương lĩnh"}
    assert named == {"Cương lĩnh 2011", "Cương lĩnh năm 1991"}
    # a number that is no year names no platform
    assert not [d for d in extract_text("Tin tức\n\nCương lĩnh 12 điểm được nêu.\n")["documents"]
                if d["kind"] == "Cương lĩnh"]


def test_a_town_s_committee_whose_symbols_end_in_tu_is_scoped_to_its_town():
    """"TU" ends the symbols of a province's committee and of a town's: the letterhead's more local
    line names the issuer ("ĐẢNG BỘ TỈNH BÌNH THUẬN / THỊ ỦY LA GI"); a province's own letterhead, with
    its capital's name on the place-and-date line, stays the province's."""
    town = ("ĐẢNG BỘ TỈNH BÌNH THUẬN\nTHỊ ỦY LA GI\n*\nSố 43-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "La Gi, ngày 3 tháng 4 năm 2024\n\nKẾ HOẠCH\nvề tổ chức đại hội chi bộ\n")
    scope = lambda text: next(d["scope"] for d in extract_text(text)["documents"] if d["subject"])
    assert scope(town) == "La Gi"
    assert scope(town.replace("THỊ ỦY LA GI", "THÀNH ỦY PHAN THIẾT").replace("La Gi,", "Phan Thiết,")) == "Phan Thiết"
    province = ("TỈNH ỦY BÌNH THUẬN\n*\nSố 43-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nPhan Thiết, ngày 3 tháng 4 năm 2024\n\n"
                "KẾ HOẠCH\nvề tổ chức đại hội chi bộ\n")
    assert scope(province) == "Bình Thuận"
