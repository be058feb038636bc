"""Relations between documents and the subject document, on invented texts."""
from __future__ import annotations

import pytest

from vankien.loaders.clean import normalize_text
from vankien.loaders.extract import extract_text

from extracted import subject_of  # noqa: E402


def triples(out: dict) -> set[tuple[str, str, str]]:
    """(source, type, target) of each relation of an extraction record."""
    return {(r["source"], r["type"], r["target"]) for r in out["relations"]}


def rels(text: str) -> set[tuple[str, str, str]]:
    return triples(extract_text(text))


def test_chain_in_one_sentence():
    text = ("Ngày 12/4/2024, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 31-KH/TU về sơ kết 5 năm thực hiện "
            "Chỉ thị số 12-CT/TW, ngày 20/3/2019 của Ban Bí thư về công tác thanh niên gắn với Kết luận số 77-KL/TW, "
            "ngày 02/6/2021 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 12-CT/TW và Chương trình hành động số "
            "18-CTHĐ/TU, ngày 15/9/2019 của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 12-CT/TW.")
    r = rels(text)
    assert r == {
        ("31-KH/TU", "REVIEWS", "12-CT/TW"),
        ("31-KH/TU", "RELATES_TO", "77-KL/TW"),
        ("77-KL/TW", "FOLLOWS_UP_ON", "12-CT/TW"),
        ("18-CTHĐ/TU", "IMPLEMENTS", "12-CT/TW"),
        ("31-KH/TU", "RELATES_TO", "18-CTHĐ/TU"),
    }


def test_one_cue_governs_a_list():
    text = ("Quy định số 14-QĐ/TW ngày 3/3/2023 của Bộ Chính trị thay thế Quy định số 8-QĐi/TW, ngày 25/10/2018 "
            "của Ban Chấp hành Trung ương và Quy định số 205-QĐ/TW, ngày 23/9/2019 của Bộ Chính trị.")
    assert rels(text) == {("14-QĐ/TW", "SUPERSEDES", "8-QĐi/TW"), ("14-QĐ/TW", "SUPERSEDES", "205-QĐ/TW")}


def test_opening_cue_acts_for_the_document_the_sentence_issues():
    text = ("Thực hiện Chỉ thị số 9-CT/TU của Thành ủy về phòng, chống thiên tai, Ban Thường vụ Huyện ủy "
            "đã ban hành Chỉ thị số 4-CT/HU về tăng cường trách nhiệm của cấp ủy các xã.")
    assert rels(text) == {("4-CT/HU", "IMPLEMENTS", "9-CT/TU")}


def test_preamble_based_on_from_the_header_document():
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố: 41-QĐ/TW\nHà Nội, ngày 10 tháng 5 năm 2024\nQUY ĐỊNH\n"
            "- Căn cứ Điều lệ Đảng;\n- Căn cứ Quy định số 22-QĐ/TW, ngày 28/7/2021 của Ban Chấp hành Trung ương;\n"
            "Bộ Chính trị quy định như sau:\n")
    out = extract_text(text)
    assert out["subject"] == "41-QĐ/TW"
    r = {(x["source"], x["type"], x["target"]) for x in out["relations"]}
    assert ("41-QĐ/TW", "BASED_ON", "22-QĐ/TW") in r
    assert ("41-QĐ/TW", "BASED_ON", "Điều lệ Đảng") in r      # an un-numbered document, by descriptor


def test_guidance_that_carries_out_a_regulation_guides_it():
    text = ("BAN TỔ CHỨC TRUNG ƯƠNG\nSố: 7-HD/BTCTW\nHà Nội, ngày 2 tháng 8 năm 2024\nHƯỚNG DẪN\n"
            "Thực hiện Quy định số 41-QĐ/TW, ngày 10/5/2024 của Bộ Chính trị, Ban Tổ chức Trung ương hướng dẫn "
            "một số nội dung như sau:")
    assert rels(text) == {("7-HD/BTCTW", "GUIDES", "41-QĐ/TW")}


@pytest.mark.parametrize("cue, rtype", [
    ("sửa đổi, bổ sung một số điều của", "AMENDS"),
    ("hướng dẫn thực hiện", "GUIDES"),
    ("bãi bỏ", "SUPERSEDES"),
    ("thay cho", "SUPERSEDES"),
    ("để tổng kết 10 năm thi hành", "REVIEWS"),
    ("về sơ kết việc thi hành", "REVIEWS"),
    ("để đánh giá tình hình thực hiện", "REVIEWS"),
    ("báo cáo kết quả triển khai thực hiện", "REVIEWS"),
    ("to review five years of implementing", "REVIEWS"),
])
def test_cue_types(cue, rtype):
    text = f"Ban Bí thư ban hành Quy định số 96-QĐ/TW ngày 5/5/2023 {cue} Quy định số 30-QĐ/TW ngày 1/2/2021."
    assert rels(text) == {("96-QĐ/TW", rtype, "30-QĐ/TW")}


def test_passive_supersession_runs_from_the_newer_document():
    text = "Lịch sử hiệu lực: Thông tư 05/2012/TT-BNV\nNgày 01/07/2021: bị thay thế bởi Thông tư 09/2021/TT-BNV"
    assert rels(text) == {("9/2021/TT-BNV", "SUPERSEDES", "5/2012/TT-BNV")}   # keys drop leading zeros


def test_a_central_document_does_not_implement_a_provincial_one():
    # "và Kế hoạch số 60-KH/TU" is joined to the conclusion's target, but a central conclusion
    # cannot follow up on a provincial plan: it goes to the plan the sentence is about instead
    text = ("Kế hoạch số 88-KH/TU về tổng kết thực hiện Nghị quyết số 39-NQ/TW gắn với Kết luận số 50-KL/TW "
            "về tiếp tục thực hiện Nghị quyết số 39-NQ/TW và Kế hoạch số 60-KH/TU.")
    r = rels(text)
    assert ("50-KL/TW", "FOLLOWS_UP_ON", "60-KH/TU") not in r
    assert ("88-KH/TU", "RELATES_TO", "60-KH/TU") in r


def test_an_older_document_does_not_implement_a_newer_one():
    text = ("Nghị quyết số 5-NQ/TW ngày 1/11/2016 về thực hiện Kết luận số 9-KL/TW ngày 3/4/2022 "
            "của Bộ Chính trị.")
    assert rels(text) == set()


def test_narrative_without_a_source_states_no_relation():
    # nobody in the sentence acts on the resolution: no document is its source
    text = "Tỉnh đã tổ chức nhiều hội nghị, qua đó cán bộ, đảng viên tích cực thực hiện Nghị quyết số 57-NQ/TW."
    assert rels(text) == set()


def test_evidence_and_confidence():
    text = "Kết luận số 77-KL/TW ngày 2/6/2021 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 12-CT/TW ngày 20/3/2019."
    out = extract_text(text)
    (r,) = out["relations"]
    ev = r["evidence"]
    norm = normalize_text(text)
    assert norm[ev["start"]:ev["end"]] == ev["text"]
    assert ev["text"].startswith("Kết luận số 77-KL/TW") and ev["text"].endswith("12-CT/TW")
    assert r["cue"] == "tiếp tục thực hiện"
    assert 0 < r["confidence"] <= 1
    docs = out["documents"]
    assert docs[r["source_index"]]["key"] == "77-KL/TW" and docs[r["target_index"]]["key"] == "12-CT/TW"


def test_subject_named_by_type_in_the_title_is_the_numbered_plan():
    text = ("Huyện ủy ban hành Kế hoạch tổng kết 10 năm thực hiện Chỉ thị số 12-CT/TW\n\n"
            "Ngày 5/3/2024, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 70-KH/HU về tổng kết 10 năm "
            "thực hiện Chỉ thị số 12-CT/TW.")
    out = extract_text(text)
    assert out["subject"] == "70-KH/HU"
    assert [d["key"] for d in out["documents"] if d["subject"]] == ["70-KH/HU"]
    assert not [d for d in out["documents"] if d["key"] is None]     # the title's "Kế hoạch" is the same plan


def test_unnumbered_subject_gets_a_descriptor_with_its_issuer():
    text = ("Triển khai Chỉ thị số 21-CT/TW\n\nUBND tỉnh vừa ban hành Kế hoạch triển khai thực hiện Chỉ thị số "
            "21-CT/TW, ngày 4/5/2023 của Ban Bí thư về công tác phụ nữ.")
    out = extract_text(text)
    assert out["subject"] == "Kế hoạch của UBND tỉnh triển khai thực hiện Chỉ thị số 21-CT/TW"
    assert ("Kế hoạch của UBND tỉnh triển khai thực hiện Chỉ thị số 21-CT/TW", "IMPLEMENTS", "21-CT/TW") in triples(out)


def test_heading_in_capitals_is_the_subject():
    text = ("CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ\nVề việc triển khai Nghị quyết 12/NQ -TW ngày 5/1/2022\n"
            "của Bộ Chính trị về công tác dân tộc\nNgày 5 tháng 1 năm 2022, Bộ Chính trị đã ban hành Nghị quyết.")
    out = extract_text(text)
    assert out["subject"] == ("Chỉ thị của Thủ tướng Chính phủ về việc triển khai Nghị quyết 12-NQ/TW ngày 5/1/2022 "
                              "của Bộ Chính trị về công tác dân tộc")
    subject = subject_of(out)
    assert subject["system"] == "state" and subject["mentions"][0]["form"] == "title"


# --- layout (layout.py) and the acting document ------------------------------------------------

def test_layout_reads_letterhead_number_heading_and_title():
    from vankien.loaders.layout import read_layout
    text = normalize_text(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY HÀ GIANG\n*\nSố 41-KH/TU\nHà Giang, ngày 05 tháng 4 năm 2023\n\n"
        "KẾ HOẠCH\nthực hiện Nghị quyết số 19-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương\n"
        "về nông nghiệp, nông dân, nông thôn\n-----\n\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n")
    lay = read_layout(text)
    assert lay.official and lay.kind == "Kế hoạch"
    assert text[slice(*lay.letterhead)] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert text[slice(*lay.number_line)] == "Số 41-KH/TU"
    assert text[slice(*lay.title)].startswith("thực hiện Nghị quyết số 19-NQ/TW")
    assert text[slice(*lay.title)].endswith("nông thôn")
    assert lay.in_body(text.index("Nâng cao")) and not lay.in_body(text.index("BÍ THƯ"))


def test_title_under_the_heading_gives_the_relation():
    # the body never says what the plan implements: only its title does
    text = ("ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY HÀ GIANG\nSố 41-KH/TU\nHà Giang, ngày 05 tháng 4 năm 2023\n\n"
            "KẾ HOẠCH\nthực hiện Nghị quyết số 19-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII\n"
            "về nông nghiệp, nông dân, nông thôn\n\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức của cán bộ, đảng viên.\n")
    assert ("41-KH/TU", "IMPLEMENTS", "19-NQ/TW") in rels(text)


def test_readme_example_plan_with_header_implements_29():
    with open("examples/12-ke-hoach-tinh-uy-cao-bang.txt", encoding="utf-8") as f:
        text = f.read()
    # keep only the header and the title: the edge must come from the layout
    head = text[:text.index("-----")]
    assert ("87-KH/TU", "IMPLEMENTS", "29-NQ/TW") in rels(head)


def test_un_numbered_heading_with_title_is_the_subject_and_acts():
    text = ("CHỈ THỊ CỦA BAN THƯỜNG VỤ HUYỆN ỦY\n"
            "Về việc triển khai thực hiện Kết luận số 21-KL/TW ngày 25/10/2021\n"
            "của Ban Chấp hành Trung ương Đảng khóa XIII\n"
            "Trong những năm qua, công tác xây dựng Đảng có nhiều chuyển biến.\n")
    out = extract_text(text)
    assert out["subject"] and out["subject"].startswith("Chỉ thị")
    assert triples(out) == {(out["subject"], "IMPLEMENTS", "21-KL/TW")}


def test_a_heading_whose_body_stands_on_the_next_line_names_it_in_the_descriptor():
    text = ("NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề phát triển kinh tế tập thể\n\n"
            "Thực hiện Kết luận số 70-KL/TW, Ban Thường vụ Tỉnh ủy quyết nghị như sau.\n")
    out = extract_text(text)
    assert out["subject"] == "Nghị quyết của Ban Thường vụ Tỉnh ủy về phát triển kinh tế tập thể"
    assert triples(out) == {(out["subject"], "IMPLEMENTS", "70-KL/TW")}


def test_a_sentence_that_opens_with_a_document_speaks_through_it():
    text = ("Bầu cử ở cơ sở\n\nBài viết về công tác bầu cử.\n\n"
            "Tại Công văn số 215-CV/TU, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tổ chức thực hiện tốt "
            "Kế hoạch số 88-KH/TU và Kế hoạch số 89-KH/TU.")
    assert set(rels(text)) == {("215-CV/TU", "IMPLEMENTS", "88-KH/TU"), ("215-CV/TU", "IMPLEMENTS", "89-KH/TU")}
    # a meeting, not a document, opens it: no source
    meeting = text.replace("Tại Công văn số 215-CV/TU,", "Tại hội nghị,")
    assert not rels(meeting)
    # the document must end the opening: a clause that goes on past it is no frame
    on = text.replace("Tại Công văn số 215-CV/TU,", "Tại Công văn số 215-CV/TU gửi các huyện ủy;")
    assert ("215-CV/TU", "IMPLEMENTS", "88-KH/TU") not in set(rels(on))


def test_a_resolution_relates_to_the_programme_attached_to_it_which_carries_out_another():
    text = ("Bài viết về khoa học công nghệ\n\nBài viết nói về khoa học.\n\nBan Chấp hành Đảng bộ tỉnh ban hành "
            "Nghị quyết số 05-NQ/TU kèm theo Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW.")
    programme = "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW"
    # the resolution carries out what its programme carries out
    assert rels(text) == {("5-NQ/TU", "RELATES_TO", programme), (programme, "IMPLEMENTS", "57-NQ/TW"),
                          ("5-NQ/TU", "IMPLEMENTS", "57-NQ/TW")}
    # a plan, not the resolution's attachment, does not stand between them
    plain = text.replace(" kèm theo Chương trình hành động", "")
    assert rels(plain) == {("5-NQ/TU", "IMPLEMENTS", "57-NQ/TW")}


def test_a_plan_named_by_what_it_carries_out_and_an_owner_after_it():
    text = "Thực hiện Kế hoạch tổng kết 10 năm thực hiện Nghị quyết số 39-NQ/TW của {body}, Huyện ủy tổ chức hội nghị."
    plan = "Kế hoạch tổng kết 10 năm thực hiện Nghị quyết số 39-NQ/TW của Tỉnh ủy"
    assert rels(text.format(body="Tỉnh ủy")) == {(plan, "REVIEWS", "39-NQ/TW")}
    # the resolution's own issuer after it names no plan's owner: the plan is named by what it carries out alone
    assert rels(text.format(body="Bộ Chính trị")) == {
        ("Kế hoạch tổng kết 10 năm thực hiện Nghị quyết số 39-NQ/TW", "REVIEWS", "39-NQ/TW")}


def test_a_plan_named_in_lower_case_by_its_owning_body_carries_out_what_it_names():
    text = ("Hội nghị tổng kết công tác năm của Huyện ủy.\n\nThực hiện {plan} của Ban Thường vụ Tỉnh ủy về học tập, "
            "quán triệt và triển khai thực hiện {target}, đến nay các chi bộ đã tổ chức 30 lớp học.")
    plan = ("Kế hoạch của Ban Thường vụ Tỉnh ủy về học tập, quán triệt và triển khai thực hiện "
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII")
    congress = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII"
    assert (plan, "IMPLEMENTS", congress) in rels(text.format(plan="kế hoạch", target=congress))
    assert (plan.replace(congress, "Chỉ thị số 35-CT/TW"), "IMPLEMENTS", "35-CT/TW") in rels(
        text.format(plan="kế hoạch", target="Chỉ thị số 35-CT/TW"))
    # a plan of a place, not of a body, is a common noun; so is one where a numbered plan is named
    assert rels(text.format(plan="kế hoạch", target=congress).replace("Ban Thường vụ Tỉnh ủy", "tỉnh")) == set()
    numbered = "Kế hoạch số 12-KH/TU ngày 3/3/2021 được ban hành.\n\n" + text.format(plan="kế hoạch", target=congress)
    assert not any(s.startswith("Kế hoạch của") for s, _, _ in rels(numbered))


def test_a_report_named_in_english_by_what_it_reviews_reviews_it():
    text = ("HANOI (VNA) - The Secretariat on Friday {verb} report {link} Directive No. 05-CT/TW on studying "
            "and following the thought of Ho Chi Minh. The report said much had been done.")
    got = rels(text.format(verb="heard a", link="reviewing five years of implementing"))
    assert got == {("Report reviewing five years of implementing Directive No. 05-CT/TW", "REVIEWS", "5-CT/TW")}
    # a report on carrying a document out reviews it; an article may stand before the document's name
    got = rels(text.format(verb="discussed the draft", link="on the implementation of the"))
    assert got == {("Report on the implementation of the Directive No. 05-CT/TW", "REVIEWS", "5-CT/TW")}
    # "report" as a verb names no report
    assert rels(text.format(verb="will", link="on the implementation of")) == set()


def test_a_list_of_reports_after_one_verb_names_each_and_each_reviews_its_own():
    text = ("Chiều 12/6, Ban Thường vụ Tỉnh ủy họp cho ý kiến vào Báo cáo tổng kết 20 năm thực hiện Nghị quyết số "
            "26-NQ/TW, Báo cáo sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW và Báo cáo tổng kết thực hiện Kết luận số "
            "80-KL/TW.")
    assert rels(text) == {
        ("Báo cáo tổng kết 20 năm thực hiện Nghị quyết số 26-NQ/TW", "REVIEWS", "26-NQ/TW"),
        ("Báo cáo sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW", "REVIEWS", "5-CT/TW"),
        ("Báo cáo tổng kết thực hiện Kết luận số 80-KL/TW", "REVIEWS", "80-KL/TW")}
    # outlines of reports, after "thảo luận về", the first one reviewing nothing it names
    outlines = ("Hội nghị thảo luận về Đề cương Báo cáo chính trị, Đề cương Báo cáo tổng kết 10 năm thực hiện "
                "Nghị quyết số 39-NQ/TW và Đề cương Báo cáo sơ kết thực hiện Chỉ thị số 35-CT/TW.")
    assert rels(outlines) == {
        ("Đề cương Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 39-NQ/TW", "REVIEWS", "39-NQ/TW"),
        ("Đề cương Báo cáo sơ kết thực hiện Chỉ thị số 35-CT/TW", "REVIEWS", "35-CT/TW")}
    # in lower case too: the second report's cue is not the resolution's before it
    lower = ("Hội nghị đã nghe báo cáo kết quả thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị và báo cáo về việc "
             "thực hiện Nghị quyết số 35-NQ/TW.")
    assert rels(lower) == {("Báo cáo kết quả thực hiện Chỉ thị số 05-CT/TW", "REVIEWS", "5-CT/TW"),
                           ("Báo cáo về việc thực hiện Nghị quyết số 35-NQ/TW", "REVIEWS", "35-NQ/TW")}
    # a list of reports in another sentence than the verb's names none
    cut = text.replace("26-NQ/TW, Báo cáo", "26-NQ/TW. Báo cáo")
    assert ("Báo cáo sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW", "REVIEWS", "5-CT/TW") not in rels(cut)


def test_a_report_named_by_the_years_it_reviews_reviews_the_document():
    text = "Hội nghị cho ý kiến vào Báo cáo 15 năm thực hiện Cương lĩnh xây dựng đất nước."
    assert rels(text) == {("Báo cáo 15 năm thực hiện Cương lĩnh xây dựng đất nước", "REVIEWS",
                           "Cương lĩnh xây dựng đất nước")}
    # a plan for so many years carries out nothing it names so
    assert rels("Hội nghị cho ý kiến vào Kế hoạch 5 năm phát triển kinh tế.") == set()


def test_a_pair_s_type_is_the_one_stated_where_its_acting_document_is_named():
    # the lead names the conclusion before its cue; the body's review is only the subject's by default
    text = ("Bộ Chính trị ban hành Kết luận về tiếp tục thực hiện Nghị quyết số 36-NQ/TW\n\nNgày 14/3/2025, Bộ Chính "
            "trị ban hành Kết luận số 135-KL/TW về tiếp tục thực hiện Nghị quyết số 36-NQ/TW của Ban Chấp hành "
            "Trung ương về kinh tế biển.\n\nKết luận nêu rõ, sau 6 năm thực hiện Nghị quyết số 36-NQ/TW, nhận "
            "thức về biển được nâng lên.")
    assert rels(text) == {("135-KL/TW", "FOLLOWS_UP_ON", "36-NQ/TW")}
    # a headline's review by a body (a conference) is not the programme the body issued years before
    text = ("Tỉnh ủy sơ kết 5 năm thực hiện Nghị quyết số 58-NQ/TW\n\nSáng 18/9, Tỉnh ủy tổ chức hội nghị sơ kết "
            "5 năm thực hiện Nghị quyết số 58-NQ/TW của Bộ Chính trị.\n\nSau khi Nghị quyết được ban hành, Ban "
            "Thường vụ Tỉnh ủy đã ban hành Chương trình hành động số 12-CTr/TU thực hiện Nghị quyết; các huyện "
            "ủy đã cụ thể hóa các nhiệm vụ.")
    assert rels(text) == {("12-CTr/TU", "IMPLEMENTS", "58-NQ/TW")}


def test_a_headline_s_plan_named_by_what_it_carries_out_is_the_numbered_plan_of_the_lead():
    text = ("Huyện ủy Tân Kỳ triển khai Kế hoạch thực hiện Chỉ thị số 39-CT/TW\n\nNgày 5/6/2025, Ban Thường vụ "
            "Huyện ủy ban hành Kế hoạch số 120-KH/HU thực hiện Chỉ thị số 39-CT/TW ngày 30/10/2024 của Ban Bí thư "
            "về tín dụng chính sách xã hội.{more}\n\nTheo Kế hoạch, Ban Tuyên giáo Huyện ủy chủ trì tuyên truyền.")
    assert rels(text.format(more="")) == {("120-KH/HU", "IMPLEMENTS", "39-CT/TW")}
    # two numbered plans that carry it out: the headline's may be either, it stays a plan of its own
    two = text.format(more=" Trước đó, Tỉnh ủy ban hành Kế hoạch số 50-KH/TU thực hiện Chỉ thị số 39-CT/TW.")
    assert ("Kế hoạch thực hiện Chỉ thị số 39-CT/TW", "IMPLEMENTS", "39-CT/TW") in rels(two)


def test_in_english_a_second_verb_and_a_pronoun_speak_for_the_text_s_document():
    text = ("Politburo issues new regulation\n\nHANOI (VNA) - The Politburo has issued Regulation No. 296-QD/TW dated "
            "May 30, 2025 on inspection work.\n\nThe regulation replaces Regulation No. 22-QD/TW dated July 28, 2021 "
            "and is based on Resolution No. 18-NQ/TW. It also guides the implementation of Conclusion No. 34-KL/TW.")
    assert rels(text) == {("296-QĐ/TW", "SUPERSEDES", "22-QĐ/TW"), ("296-QĐ/TW", "BASED_ON", "18-NQ/TW"),
                          ("296-QĐ/TW", "GUIDES", "34-KL/TW")}
    # a regulation replaced and dated, then based on: the one replaced (no second verb of the subject)
    older = text.replace("2021 and is based on", "2021, which was based on")
    assert ("296-QĐ/TW", "BASED_ON", "18-NQ/TW") not in rels(older)


def test_an_article_of_a_decision_that_repeals_or_amends_is_the_decision_s_act():
    text = ("TỈNH ỦY ĐỒNG THÁP\n*\nSố 512-QĐ/TU\n\nQUYẾT ĐỊNH\nvề công tác văn thư\n\nBAN THƯỜNG VỤ TỈNH ỦY "
            "QUYẾT ĐỊNH\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư.\n\nĐiều 2. {verb} "
            "Quyết định số 130-QĐ/TU ngày 5/3/2019 của Ban Thường vụ Tỉnh ủy.")
    assert ("512-QĐ/TU", "SUPERSEDES", "130-QĐ/TU") in rels(text.format(verb="Bãi bỏ"))
    assert ("512-QĐ/TU", "AMENDS", "130-QĐ/TU") in rels(text.format(verb="Sửa đổi, bổ sung Điều 3 của"))
    # a part repealed or replaced amends the document, which stays in force
    for part in ("Bãi bỏ Mục 3", "Bãi bỏ khoản 2 Điều 5 của", "Thay thế Chương II"):
        assert ("512-QĐ/TU", "AMENDS", "130-QĐ/TU") in rels(text.format(verb=part)), part
    # asked for, not made: the text relates to it
    asked = text.format(verb="Giao Văn phòng Tỉnh ủy tham mưu bãi bỏ")
    assert ("512-QĐ/TU", "RELATES_TO", "130-QĐ/TU") in rels(asked)


def test_a_programme_that_replaces_another_is_not_a_replacement_asked_for():
    # "trình" (to submit, a word that asks for the act) is here a word of "Chương trình"
    text = ("Số 18-CTr/TU\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nvề chuyển đổi số\n\nChương trình này thay thế Chương trình hành "
            "động số 12-CTr/TU ngày 5/3/2018 của Ban Chấp hành Đảng bộ tỉnh.")
    assert ("18-CTr/TU", "SUPERSEDES", "12-CTr/TU") in rels(text)
    asked = text.replace("Chương trình này thay thế", "Giao Ban Tuyên giáo trình dự thảo thay thế")
    assert ("18-CTr/TU", "SUPERSEDES", "12-CTr/TU") not in rels(asked)


def test_a_preamble_line_resting_on_a_submission_rests_the_decision_on_it():
    text = ("Số: 1520/QĐ-UBND\n\nQUYẾT ĐỊNH\nvề chuyển đổi số\n\nTheo đề nghị của Giám đốc Sở Khoa học và Công nghệ "
            "tại Tờ trình số 45/TTr-SKHCN ngày 2/5/2025.\n\nQUYẾT ĐỊNH:\n")
    assert ("1520/QĐ-UBND", "BASED_ON", "45/TTr-SKHCN") in rels(text)


def test_a_document_carried_out_by_another_named_after_it():
    assert rels("Nghị quyết số 57-NQ/TW được Ban Thường vụ Tỉnh ủy cụ thể hóa bằng Chương trình hành động số "
                "10-CTr/TU.") == {("10-CTr/TU", "IMPLEMENTS", "57-NQ/TW")}
    assert rels("Các nội dung của Nghị quyết số 57-NQ/TW được triển khai tại Kế hoạch số 10-KH/TU.") == {
        ("10-KH/TU", "IMPLEMENTS", "57-NQ/TW")}


def test_an_opening_cue_acts_for_the_text_s_document_that_speaks_after_it():
    text = ("Ứng phó bão số 3\n\nNgày 6/9/2024, Thủ tướng Chính phủ ký Công điện số 86/CĐ-TTg về ứng phó bão. "
            "Thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị, Công điện yêu cầu các địa phương triển khai ngay.")
    assert ("86/CĐ-TTg", "IMPLEMENTS", "35-CT/TW") in rels(text)
    # another kind than the text's own speaking is no such sentence
    other = text.replace("Công điện yêu cầu", "Chỉ thị yêu cầu")
    assert ("86/CĐ-TTg", "IMPLEMENTS", "35-CT/TW") not in rels(other)


def test_the_relation_a_title_states_wins_over_the_body_s_for_the_same_pair():
    text = ("Số 310-KL/TU\n\nKẾT LUẬN\ncủa Ban Thường vụ Tỉnh ủy về tiếp tục thực hiện Nghị quyết số 26-NQ/TU\n\n"
            "Sau khi nghe báo cáo sơ kết 3 năm thực hiện Nghị quyết số 26-NQ/TU, Ban Thường vụ Tỉnh ủy kết luận như sau.")
    got = rels(text)
    assert {r for r in got if r[0] == "310-KL/TU" and r[2] == "26-NQ/TU"} == {("310-KL/TU", "FOLLOWS_UP_ON", "26-NQ/TU")}
    # the report heard is a document of its own: the conclusion rests on it, and it reviews the resolution
    report = "Báo cáo sơ kết 3 năm thực hiện Nghị quyết số 26-NQ/TU"
    assert got == {("310-KL/TU", "FOLLOWS_UP_ON", "26-NQ/TU"), ("310-KL/TU", "BASED_ON", report), (report, "REVIEWS", "26-NQ/TU")}


def test_bringing_a_document_into_life_implements_it():
    assert rels("Để đưa Nghị quyết số 57-NQ/TW vào cuộc sống, Tỉnh ủy ban hành Kế hoạch số 05-KH/TU.") == {
        ("5-KH/TU", "IMPLEMENTS", "57-NQ/TW")}
    # "đưa tin" (to report news) brings no document anywhere
    assert not rels("Để đưa tin kịp thời, Báo tỉnh mở chuyên mục về Kế hoạch số 12-KH/TU.")


def test_a_provincial_plenum_s_resolution_is_not_the_central_one_it_carries_out():
    text = ("Chuyển đổi số\n\nNgày 15/3/2025, Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ tỉnh khóa XIX đã ra Nghị quyết "
            "về đẩy mạnh chuyển đổi số đến năm 2030, nhằm cụ thể hóa Nghị quyết số 57-NQ/TW của Bộ Chính trị.")
    out = extract_text(text)
    found = {d["key"]: d for d in out["documents"]}
    assert found["57-NQ/TW"]["date"] is None and not found["57-NQ/TW"]["subject"]
    subject = subject_of(out)
    assert subject["key"] is None and subject["date"] == "2025-03-15"
    assert (subject["descriptor"], "IMPLEMENTS", "57-NQ/TW") in triples(out)


def test_cue_deep_inside_a_title_is_not_the_titles():
    # only a cue that opens the title speaks for the titled document
    text = ("Số 8-KL/HU\n\nKẾT LUẬN\nvề công tác cán bộ năm 2024, trong đó có việc thực hiện Quy định số 55-QĐ/TW\n\n"
            "Nội dung kết luận như sau.\n")
    assert not any(s == "8-KL/HU" and t == "55-QĐ/TW" for s, _, t in rels(text))


def test_portal_summary_field_names_the_un_numbered_subject():
    text = ("Trích yếu\nChương trình của Ban Thường vụ Huyện ủy thực hiện Nghị quyết số 27-NQ/TW, "
            "ngày 09/11/2022 của Ban Chấp hành Trung ương Đảng\n\nNgày ban hành: 20/01/2023\n")
    out = extract_text(text)
    assert out["subject"] == "Chương trình của Ban Thường vụ Huyện ủy thực hiện Nghị quyết số 27-NQ/TW"
    assert (out["subject"], "IMPLEMENTS", "27-NQ/TW") in triples(out)


def test_body_sentence_of_the_texts_own_document_acts_for_it():
    text = ("Số 15-KH/ĐU\nPhường Hòa An, ngày 02 tháng 3 năm 2024\n\nKẾ HOẠCH\nvề công tác tuyên truyền năm 2024\n\n"
            "Các chi bộ tiếp tục thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị.\n")
    assert ("15-KH/ĐU", "FOLLOWS_UP_ON", "5-CT/TW") in rels(text)


def test_body_sentence_of_an_article_does_not_act_for_its_subject():
    # a news article is not its subject's text: the clause names no acting document
    text = ("Ngày 4/3/2024, Ban Thường vụ Đảng ủy phường đã ban hành Kế hoạch số 15-KH/ĐU về công tác tuyên truyền. "
            "Nhiều nơi, các chi bộ tiếp tục thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị.")
    assert ("15-KH/ĐU", "FOLLOWS_UP_ON", "5-CT/TW") not in rels(text)


def test_subject_named_by_its_type_word_is_the_clauses_acting_document():
    text = ("Ngày 3/1/2025, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 07-CT/TU về phòng, chống thiên tai. "
            "Chỉ thị của Ban Thường vụ Tỉnh ủy được xây dựng trên cơ sở thực hiện Chỉ thị số 42-CT/TW, ngày 24/3/2020 "
            "của Ban Bí thư.")
    assert ("7-CT/TU", "IMPLEMENTS", "42-CT/TW") in rels(text) or ("7-CT/TU", "BASED_ON", "42-CT/TW") in rels(text)


def test_a_type_word_is_not_an_issuing_verb():
    # "Thực hiện X, ... Chỉ thị số Y": a type word names Y, it does not issue the text's own document
    from vankien.loaders.cues import cue_table
    assert not cue_table().issuing_re.search("Chỉ thị số 3-CT/HU")
    assert cue_table().issues_re.search("Huyện ủy có ")


def test_issued_document_after_an_issuing_verb_acts():
    text = ("Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Thành ủy có "
            "Kế hoạch số 90-KH/TU, ngày 10/2/2025 để cụ thể hóa.")
    assert ("90-KH/TU", "IMPLEMENTS", "57-NQ/TW") in rels(text)


def test_relations_stated_in_english():
    text = ("The Politburo issued Conclusion No. 14-KL/TW on continuing the implementation of Directive "
            "No. 05-CT/TW. The provincial Party Committee adopted Plan No. 41-KH/TU implementing Resolution "
            "No. 57-NQ/TW. Regulation No. 96-QD/TW replaces Regulation No. 262-QD/TW.")
    found = rels(text)
    assert ("14-KL/TW", "FOLLOWS_UP_ON", "5-CT/TW") in found       # keys drop leading zeros
    assert ("41-KH/TU", "IMPLEMENTS", "57-NQ/TW") in found
    assert ("96-QĐ/TW", "SUPERSEDES", "262-QĐ/TW") in found


def test_a_plan_to_study_a_resolution_implements_it():
    text = "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU học tập, quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị."
    found = rels(text)
    assert ("12-KH/TU", "IMPLEMENTS", "57-NQ/TW") in found


def test_a_name_given_after_gọi_tắt_là_is_the_document_before_it_and_joined_sources_share_a_cue():
    text = ("HƯỚNG DẪN\nvề công tác kiểm tra\n\nCăn cứ Nghị quyết số 12-NQ/TW, ngày 16-1-2012 của Hội nghị lần thứ tư "
            "Ban Chấp hành Trung ương Đảng khóa XI (gọi tắt là Nghị quyết Trung ương 4); Chỉ thị số 15-CT/TW, ngày "
            "24-2-2012 và Kế hoạch số 08-KH/TW, ngày 12-3-2012 của Bộ Chính trị về việc thực hiện Nghị quyết Trung "
            "ương 4, Ủy ban Kiểm tra Trung ương hướng dẫn như sau.")
    r = extract_text(text)
    assert [d["key"] for d in r["documents"] if d["kind"] == "Nghị quyết"] == ["12-NQ/TW"]   # one document
    found = {(x["source"], x["type"], x["target"]) for x in r["relations"]}
    own = next(d["descriptor"] for d in r["documents"] if d["subject"])
    assert {(own, "BASED_ON", "12-NQ/TW"), (own, "BASED_ON", "15-CT/TW"), (own, "BASED_ON", "8-KH/TW"),
            ("15-CT/TW", "IMPLEMENTS", "12-NQ/TW"), ("8-KH/TW", "IMPLEMENTS", "12-NQ/TW")} <= found


def test_documents_cited_by_name_in_a_preamble():
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 99-QĐ/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 3 tháng 3 năm 2023\n\n"
            "QUY ĐỊNH\nvề công tác kiểm tra\n\n- Căn cứ Điều lệ Đảng;\n"
            "- Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII;\n"
            "- Căn cứ Kết luận của Bộ Chính trị tại Thông báo số 45-TB/TW,\nBộ Chính trị quy định như sau.")
    r = extract_text(text)
    found = {(x["source"], x["type"], x["target"]) for x in r["relations"]}
    assert ("99-QĐ/TW", "BASED_ON", "Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII") in found
    assert ("99-QĐ/TW", "BASED_ON", "45-TB/TW") in found        # a name that runs into a symbol cites that one
    assert not any(d["descriptor"] and d["descriptor"].startswith("Kết luận") for d in r["documents"])


def test_a_document_issued_in_the_description_of_a_cited_one_is_not_the_acting_one():
    text = ("Ngày 23/4/2021, Thành ủy ban hành Quyết định số 176-QĐ/TU về kiểm tra việc thực hiện Nghị quyết số "
            "04-NQ/TU. Theo đó, căn cứ Quyết định số 934-QĐ/TU, ngày 27/4/2018 của Ban Thường vụ Thành ủy ban hành "
            "Quy trình kiểm tra, giám sát. Căn cứ Chương trình kiểm tra số 07-CTr/TU ngày 26/02/2021 của Ban Thường vụ.")
    found = rels(text)
    assert ("176-QĐ/TU", "BASED_ON", "934-QĐ/TU") in found
    assert ("176-QĐ/TU", "BASED_ON", "7-CTr/TU") in found



def test_a_body_sentence_of_an_official_text_relates_its_own_document():
    text = ("TỈNH ỦY LẠNG SƠN\nSố 12-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạng Sơn, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
            "về công tác dân vận\n\nCác cấp ủy tăng cường công tác dân vận gắn với Kết luận số 21-KL/TW của Ban "
            "Chấp hành Trung ương.")
    found = rels(text)
    assert ("12-KH/TU", "RELATES_TO", "21-KL/TW") in found


def _subject_doc(out: dict) -> dict:
    (doc,) = [d for d in out["documents"] if d["subject"]]
    return doc


def test_a_lower_case_type_word_opening_a_clause_is_the_excerpt_s_own_document():
    # an excerpt that starts after the article named its plan: "Theo kế hoạch, ...", "kế hoạch đề ra ..."
    for text in ("Theo kế hoạch, các chi bộ trực thuộc tổ chức học tập trước ngày 10/10/2022. "
                 "Giao Văn phòng Đảng ủy theo dõi, đôn đốc.",
                 "Theo đó, kế hoạch đề ra mục tiêu mọi đảng viên được học tập. Giao Văn phòng Đảng ủy theo dõi, "
                 "đôn đốc."):
        out = extract_text(text)
        assert _subject_doc(out)["kind"] == "Kế hoạch" and _subject_doc(out)["key"] is None
        assert ("Văn phòng Đảng ủy", "lead") in {(a["organization"], a["role"]) for a in out["assignments"]}
    # elsewhere a lower-case type word is generic: a plan to be written is not the text's own
    assert extract_text("Các chi bộ xây dựng kế hoạch học tập cho năm sau.")["subject"] is None


def test_a_text_that_gives_tasks_and_names_no_document_is_about_the_kind_its_source_title_names():
    from vankien.loaders.extract import extract_source
    from vankien.loaders.source import SourceText
    text = ("Nội dung hướng dẫn và kế hoạch đã gửi tới cơ sở. Các huyện ủy, thị ủy quán triệt đến toàn thể đảng "
            "viên, báo cáo kết quả về Ban Tổ chức Tỉnh ủy trước ngày 5/6/2021.")
    # the text names a guidance and a plan once each: the first one, unless the source's title says
    out = extract_source(SourceText("excerpt.txt", text, "text"))
    assert _subject_doc(out)["kind"] == "Hướng dẫn"
    url = "https://baovidu.vn/chinh-tri/tinh-uy-ban-hanh-ke-hoach-chuan-bi-dai-hoi-a12345.html"
    out = extract_source(SourceText("excerpt.txt", text, "text", url=url))
    assert _subject_doc(out)["kind"] == "Kế hoạch"
    assert _subject_doc(out)["mentions"][0]["text"] == "kế hoạch"          # its evidence in the text
    assert out["subject"] == "Kế hoạch (tinh uy ban hanh ke hoach chuan bi dai hoi)"
    assert {(a["organization"], a["role"], a["deadline"]) for a in out["assignments"]} == {
        ("Các huyện ủy, thị ủy", "execute", "2021-06-05"), ("Ban Tổ chức Tỉnh ủy", "report_to", "2021-06-05")}
    # a title that only reports on a document ("quán triệt kết luận ...") names no subject
    url = "https://baovidu.vn/chinh-tri/huyen-quan-triet-ket-luan-cua-ban-bi-thu-a12345.html"
    out = extract_source(SourceText("excerpt.txt", text, "text", url=url))
    assert _subject_doc(out)["kind"] == "Hướng dẫn"
    # a kind the title names but the text does not is no evidence of it
    out = extract_source(SourceText("excerpt.txt", "Các huyện ủy báo cáo kết quả trước ngày 5/6/2021.", "text", url=url))
    assert out["subject"] is None and out["assignments"] == [] and out["documents"] == []


def test_an_un_numbered_document_of_a_local_body_takes_the_province_the_text_names():
    out = extract_text("UBND tỉnh Cà Mau vừa ban hành Kế hoạch phát triển du lịch cộng đồng giai đoạn 2025-2030. "
                       "Giao Sở Văn hóa, Thể thao và Du lịch chủ trì.")
    assert _subject_doc(out)["scope"] == "Cà Mau"
    out = extract_text("Thường trực Huyện ủy Hòa An vừa có Công văn gửi các chi bộ về phòng chống lụt bão. "
                       "Các chi bộ khẩn trương triển khai.")
    assert _subject_doc(out)["scope"] == "Hòa An"


def test_a_cue_s_object_may_be_what_a_document_says():
    text = ("Các cấp ủy tổ chức triển khai thực hiện có hiệu quả các nội dung chỉ đạo của Ban Thường vụ Tỉnh ủy "
            "Quảng Nam tại Công văn số 210-CV/TU ngày 5/2/2023 về phòng chống thiên tai.")
    assert rels(text) == set()           # a sentence alone: no acting document, no relation
    plan = ("TỈNH ỦY QUẢNG NAM\nSố 15-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Nam, ngày 3 tháng 4 năm 2023\n\n"
            "KẾ HOẠCH\nvề phòng chống thiên tai năm 2023\n\n" + text)
    assert ("15-KH/TU", "IMPLEMENTS", "210-CV/TU") in rels(plan)
    # a document named far after the cue with no such phrase before it is not its object
    far = plan.replace("các nội dung chỉ đạo của Ban Thường vụ Tỉnh ủy Quảng Nam tại",
                       "các nội dung chỉ đạo của Ban Thường vụ Tỉnh ủy Quảng Nam đã ban hành; xem")
    assert ("15-KH/TU", "IMPLEMENTS", "210-CV/TU") not in rels(far)


def test_the_results_of_years_of_carrying_a_document_out_review_it():
    text = ("Kết luận số 300-KL/TW ngày 5/6/2025 của Bộ Chính trị nêu rõ kết quả đạt được sau 7 năm thực hiện "
            "Nghị quyết số 20-NQ/TW ngày 25/10/2017, những hạn chế và bài học kinh nghiệm.")
    assert rels(text) == {("300-KL/TW", "REVIEWS", "20-NQ/TW")}


def test_english_guides():
    text = "Guidance No. 7-HD/BTCTW of the Central Organising Commission guides Regulation No. 90-QD/TW on cadres."
    assert rels(text) == {("7-HD/BTCTW", "GUIDES", "90-QĐ/TW")}
    study = ("Politburo news\n\nThe Central Propaganda Commission issued Instruction No. 112-HD/BTGTW guiding "
             "the study of Resolution No. 18-NQ/TW.\n")
    assert rels(study) == {("112-HD/BTGTW", "GUIDES", "18-NQ/TW")}


def test_a_number_glued_to_so_still_names_its_type():
    # "Chỉ thị số15-CT/TW" (a space lost in copying): the type word and the code are one mention, so
    # the document is joined to the list "Căn cứ …; …" like the others
    text = ("HƯỚNG DẪN\nvề công tác kiểm tra năm 2013\n\nCăn cứ Nghị quyết số 12-NQ/TW, ngày 16-1-2012 của Ban "
            "Chấp hành Trung ương; Chỉ thị số15-CT/TW, ngày 24-2-2012 của Bộ Chính trị, Ủy ban Kiểm tra "
            "Trung ương hướng dẫn như sau:\n")
    out = extract_text(text)
    assert {(r["type"], r["target"]) for r in out["relations"]} >= {("BASED_ON", "12-NQ/TW"), ("BASED_ON", "15-CT/TW")}
    (d,) = [d for d in out["documents"] if d["key"] == "15-CT/TW"]
    assert d["kind"] == "Chỉ thị"


def test_english_this_names_the_text_s_own_document():
    text = ("Regulation No. 70-QD/TW on party discipline\n\nThe Politburo issued Regulation No. 70-QD/TW on 6 July "
            "2022. This Regulation replaces Regulation No. 76-QD/TW dated 15 June 2000 of the Politburo.")
    assert rels(text) == {("70-QĐ/TW", "SUPERSEDES", "76-QĐ/TW")}
    # without the demonstrative the sentence says nothing of the text's own regulation
    assert rels(text.replace("This Regulation replaces", "It recalled")) == set()


def test_linked_with_carrying_out_and_done_as_a_document_says_relate_to_it():
    text = ("Kế hoạch số 15-KH/TU ngày 3/4/2023 của Tỉnh ủy về thực hiện Nghị quyết số 21-NQ/TW gắn với việc thực "
            "hiện Chỉ thị số 05-CT/TW.")
    assert rels(text) == {("15-KH/TU", "IMPLEMENTS", "21-NQ/TW"), ("15-KH/TU", "RELATES_TO", "5-CT/TW")}
    plan = ("TỈNH ỦY HÀ NAM\nSố 15-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nam, ngày 3 tháng 4 năm 2023\n\nKẾ HOẠCH\n"
            "về tuyên truyền năm 2023\n\nCác nội dung khác, các địa phương thực hiện theo Hướng dẫn số 17-HD/BTGTU "
            "ngày 2/3/2023 của Ban Tuyên giáo Tỉnh ủy.\n")
    assert rels(plan) == {("15-KH/TU", "RELATES_TO", "17-HD/BTGTU")}


def test_the_more_specific_of_two_relations_of_one_pair_is_kept_and_a_basis_besides():
    from vankien.loaders.relations import Relation, _dedupe
    from vankien.loaders.resolve import Document
    a, b = Document("1-HD/TU", "party"), Document("2-NQ/TW", "party")
    found = [Relation(a, t, b, 0, 5, c, "x") for t, c in (("IMPLEMENTS", 0.9), ("GUIDES", 0.7), ("BASED_ON", 0.8))]
    assert sorted(r.type for r in _dedupe(found)) == ["BASED_ON", "GUIDES"]
    # a title's "thực hiện" (GUIDES for a Hướng dẫn) and the "Căn cứ" of the same document: both stated
    text = ("BAN TUYÊN GIÁO TRUNG ƯƠNG\nSố 30-HD/BTGTW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 5 tháng 3 năm 2024\n\n"
            "HƯỚNG DẪN\nthực hiện Nghị quyết số 21-NQ/TW của Bộ Chính trị\n\n"
            "Căn cứ Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Bộ Chính trị, Ban Tuyên giáo Trung ương hướng dẫn "
            "như sau:\n")
    assert rels(text) == {("30-HD/BTGTW", "GUIDES", "21-NQ/TW"), ("30-HD/BTGTW", "BASED_ON", "21-NQ/TW")}


@pytest.mark.parametrize("written", ["Nghị quyết TW5 khóa IX", "Nghị quyết Trung ương 5, khóa IX",
                                     "Nghị quyết TW 5 (khóa IX)", "Nghị quyết Hội nghị Trung ương 5 khóa IX"])
def test_a_plenum_resolution_written_any_way_is_one_document(written):
    out = extract_text("Các cấp ủy tiếp tục triển khai thực hiện " + written + " trong năm 2024.")
    assert [d["descriptor"] for d in out["documents"]] == [
        "Nghị quyết Hội nghị lần thứ 5 Ban Chấp hành Trung ương Đảng khóa IX"]


def test_this_document_as_the_clause_s_subject_and_a_second_verb_joined_by_va():
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 190-QĐ/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 10 tháng 3 năm 2025\n\n"
            "QUY ĐỊNH\nvề công tác kiểm tra\n\n"
            "Điều 20. Hiệu lực thi hành\n"
            "Quy định này có hiệu lực từ ngày ký, thay thế Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành "
            "Trung ương và bãi bỏ Hướng dẫn số 02-HD/TW ngày 09/12/2021 của Ban Bí thư.")
    found = rels(text)
    assert {("190-QĐ/TW", "SUPERSEDES", "22-QĐ/TW"), ("190-QĐ/TW", "SUPERSEDES", "2-HD/TW")} <= found
    # "về" before the second verb: it describes the document before it, not a second act
    described = text.replace("và bãi bỏ Hướng dẫn số 02-HD/TW", "về tiếp tục thực hiện Chỉ thị số 05-CT/TW")
    found = rels(described)
    assert ("190-QĐ/TW", "SUPERSEDES", "22-QĐ/TW") in found and ("190-QĐ/TW", "FOLLOWS_UP_ON", "5-CT/TW") not in found


def test_a_guidance_for_studying_a_document_guides_it():
    text = "Ban Tuyên giáo Tỉnh ủy ban hành Hướng dẫn số 20-HD/BTGTU hướng dẫn học tập, quán triệt Kết luận số 21-KL/TW."
    assert ("20-HD/BTGTU", "GUIDES", "21-KL/TW") in rels(text)


def test_a_local_plenum_s_resolution_is_local_and_one_document_however_named():
    text = ("NGHỊ QUYẾT\nHội nghị lần thứ 12 Ban Chấp hành Đảng bộ tỉnh Nghệ An khóa XIX\n\n"
            "Ngày 15/12/2024, Ban Chấp hành Đảng bộ tỉnh tổ chức Hội nghị lần thứ 12.\n\n"
            "QUYẾT NGHỊ:\n"
            "1. Tiếp tục thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX.\n"
            "2. Giao Ban Thường vụ Tỉnh ủy lãnh đạo triển khai thực hiện Nghị quyết này.")
    r = extract_text(text)
    subject = subject_of(r)
    assert subject["descriptor"] == "Nghị quyết Hội nghị lần thứ 12 Ban Chấp hành Đảng bộ tỉnh Nghệ An khóa XIX"
    assert subject["scope"] == "Nghệ An" and subject["level"] == "provincial"
    assert (subject["descriptor"], "FOLLOWS_UP_ON") in {(x["source"], x["type"]) for x in r["relations"]}
    assert ("Ban Thường vụ Tỉnh ủy", "lead") in {(a["organization"], a["role"]) for a in r["assignments"]}
    # a central plenum keeps the central name; a local one is never named as the Central Committee's
    central = extract_text("Thực hiện Nghị quyết Hội nghị lần thứ 5 Ban Chấp hành Trung ương khóa XIII.")
    assert central["documents"][0]["descriptor"] == "Nghị quyết Hội nghị lần thứ 5 Ban Chấp hành Trung ương Đảng khóa XIII"
    cited = extract_text("Các huyện ủy thực hiện Nghị quyết Hội nghị lần thứ 12 Ban Chấp hành Đảng bộ tỉnh Nghệ An khóa XIX.")
    assert "Trung ương" not in cited["documents"][0]["descriptor"]


def test_an_official_text_issuing_its_own_kind_with_the_contents_below_speaks_of_itself():
    text = ("TỈNH ỦY LẠNG SƠN\nSố 112-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạng Sơn, ngày 10 tháng 3 năm 2024\n\n"
            "KẾ HOẠCH\nthực hiện Nghị quyết số 29-NQ/TW của Bộ Chính trị\n\n"
            "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện với những nội dung sau đây.")
    docs = extract_text(text)["documents"]
    assert [d["key"] for d in docs] == ["112-KH/TU", "29-NQ/TW"]
    assert len(docs[0]["mentions"]) == 2                       # the sentence names the text's own plan
    # an earlier plan of the same body, issued without "sau đây", stays a document of its own
    earlier = text.replace("ban hành Kế hoạch thực hiện với những nội dung sau đây",
                           "đã ban hành Kế hoạch tổng kết công tác cán bộ năm 2020")
    assert any(d["key"] is None and d["kind"] == "Kế hoạch" for d in extract_text(earlier)["documents"])


def test_preamble_items_cite_unnumbered_documents_by_name():
    # a name broken over a line ends at the item's semicolon; "Xét" opening a line weighs two papers
    # that share one name; "xem xét báo cáo" inside a sentence is a meeting's business, no basis
    text = ("QUY ĐỊNH\nvề công tác kiểm tra của chi bộ\n"
            "- Căn cứ Điều lệ Đảng;\n"
            "- Căn cứ Quy chế làm việc của Ban\nChấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII;\n"
            "- Xét Tờ trình và Báo cáo của Ủy ban Kiểm tra Trung ương về kết quả thí điểm,\n"
            "Bộ Chính trị quy định như sau. Hằng quý, chi bộ xem xét Báo cáo kiểm tra của tổ đảng.")
    own = "Quy định về công tác kiểm tra của chi bộ"
    assert rels(text) == {
        (own, "BASED_ON", "Điều lệ Đảng"),
        (own, "BASED_ON", "Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII"),
        (own, "BASED_ON", "Tờ trình của Ủy ban Kiểm tra Trung ương về kết quả thí điểm"),
        (own, "BASED_ON", "Báo cáo của Ủy ban Kiểm tra Trung ương về kết quả thí điểm"),
    }


def test_plenums_joined_under_one_committee_share_its_term():
    text = ("Căn cứ Nghị quyết Hội nghị lần thứ ba và Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương "
            "Đảng khóa XII, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 40-KH/TU ngày 5/6/2018.")
    assert rels(text) == {
        ("40-KH/TU", "BASED_ON", "Nghị quyết Hội nghị lần thứ 3 Ban Chấp hành Trung ương Đảng khóa XII"),
        ("40-KH/TU", "BASED_ON", "Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XII"),
    }


def test_a_document_named_by_its_owner_after_a_cue():
    # "hướng dẫn thực hiện Chỉ thị của Ban Bí thư về …": a document with no number, named by
    # whose it is; "thực hiện kế hoạch công tác năm" names no one's document
    text = ("Công văn số 88/TLĐ ngày 9/9/2019 của Tổng Liên đoàn Lao động Việt Nam hướng dẫn thực hiện Chỉ thị "
            "của Ban Bí thư về tăng cường công tác an toàn lao động. Các công đoàn cơ sở thực hiện kế hoạch "
            "công tác năm 2019.")
    assert rels(text) == {
        ("88/TLĐ", "GUIDES", "Chỉ thị của Ban Bí thư về tăng cường công tác an toàn lao động")}


def test_a_headline_naming_a_numbered_document_by_its_owner_adds_no_second_one():
    text = ("Triển khai Chỉ thị của Ban Bí thư về công tác dân vận\n\n"
            "Thực hiện Chỉ thị số 18-CT/TW ngày 10/10/2022 của Ban Bí thư, Ban Thường vụ Huyện ủy đã ban hành "
            "Kế hoạch số 45-KH/HU ngày 2/12/2022.")
    assert [d["key"] for d in extract_text(text)["documents"]] == ["18-CT/TW", "45-KH/HU"]
    assert rels(text) == {("45-KH/HU", "IMPLEMENTS", "18-CT/TW")}


def test_an_english_sentence_opening_with_the_type_word_speaks_of_the_text_s_document():
    text = ("Hanoi - The Secretariat issued Directive No. 51-CT/TW dated May 4, 2025 on grassroots Party "
            "organisations. The directive replaces Directive No. 10-CT/TW dated March 30, 2007 of the Secretariat. "
            "It refers to the directive of the Politburo on land use.")
    assert rels(text) == {("51-CT/TW", "SUPERSEDES", "10-CT/TW")}


def test_counted_documents_of_the_subject_s_kind_are_other_documents():
    text = ("Ban Thường vụ Huyện ủy ban hành Kế hoạch số 80-KH/HU ngày 2/2/2024 về học tập chuyên đề năm 2024.\n"
            "Năm qua, các cấp ủy đã ban hành 120 kế hoạch thực hiện Nghị quyết số 57-NQ/TW; các chi bộ xây dựng "
            "nhiều kế hoạch thực hiện Kết luận số 01-KL/TW.\n"
            "Kế hoạch được xây dựng nhằm cụ thể hóa Chỉ thị số 05-CT/TW.")
    assert rels(text) == {("80-KH/HU", "IMPLEMENTS", "5-CT/TW")}


def test_continuing_governs_the_verbs_joined_to_it():
    text = ("Ban Thường vụ Huyện ủy ban hành Kế hoạch số 80-KH/HU ngày 2/2/2024. Kế hoạch yêu cầu các chi bộ "
            "tiếp tục quán triệt, thực hiện Nghị quyết số 05-NQ/TU ngày 3/3/2021 của Tỉnh ủy và thực hiện Chỉ thị "
            "số 09-CT/TU ngày 4/4/2023 của Ban Thường vụ Tỉnh ủy.")
    assert rels(text) == {("80-KH/HU", "FOLLOWS_UP_ON", "5-NQ/TU"), ("80-KH/HU", "IMPLEMENTS", "9-CT/TU")}


def test_a_description_goes_on_through_the_commas_of_a_list_of_organisations():
    # the organisations directed sit between the letter and what it asks them to carry on with
    text = ("Ban Thường vụ Huyện ủy Đông Sơn vừa có văn bản chỉ đạo các chi bộ, đảng bộ cơ sở tiếp tục quán "
            "triệt, thực hiện nghiêm Chỉ thị số 12-CT/TW của Bộ Chính trị về công tác dân vận.")
    out = extract_text(text)
    letter = _subject_doc(out)
    assert letter["kind"] == "Văn bản"
    assert triples(out) == {
        (letter["descriptor"], "FOLLOWS_UP_ON", "12-CT/TW")}
    # a comma that ends the description still ends it, even before the name of a body
    other = ("Số: 20-KH/TU\n\nKẾ HOẠCH\nvề công tác dân vận năm 2021\n\nQuy định số 7-QĐ/TU ngày 2/3/2021 về dân "
             "chủ ở cơ sở, các chi bộ tiếp tục thực hiện Chỉ thị số 12-CT/TW của Bộ Chính trị.")
    assert ("7-QĐ/TU", "FOLLOWS_UP_ON", "12-CT/TW") not in rels(other)


def test_a_plenum_named_again_without_its_term_takes_the_term_given_before():
    text = ("Hội nghị quán triệt Nghị quyết Trung ương 5 (khóa XI) về chính sách xã hội.\n\n"
            "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 30-KH/TU ngày 3/4/2013 về việc quán triệt Nghị "
            "quyết Trung ương 5.")
    out = extract_text(text)
    plenums = [d for d in out["documents"] if d["kind"] == "Nghị quyết"]
    assert [d["descriptor"] for d in plenums] == ["Nghị quyết Hội nghị lần thứ 5 Ban Chấp hành Trung ương Đảng khóa XI"]
    # named in two terms, the bare name is neither
    two = ("Nghị quyết Trung ương 4 khóa XI và Nghị quyết Trung ương 4 khóa XII được quán triệt. "
           "Kế hoạch số 31-KH/TU ngày 3/4/2017 thực hiện Nghị quyết Trung ương 4.")
    names = {d["descriptor"] for d in extract_text(two)["documents"] if d["kind"] == "Nghị quyết"}
    assert "Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng" in names and len(names) == 3


def test_a_document_a_body_deploys_after_an_opening_cue_is_the_acting_one():
    # "Thực hiện X, <body> triển khai Kế hoạch Y": the plan deployed is the body's, acting on X
    text = ("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị, Đảng ủy xã Tân Phú đã triển khai "
            "Kế hoạch số 12-KH/ĐU ngày 2/7/2024.")
    assert rels(text) == {("12-KH/ĐU", "IMPLEMENTS", "35-CT/TW")}
    # deploying a higher document does not make it act on the lower one
    down = ("Thực hiện Kế hoạch số 20-KH/TU ngày 2/7/2024 của Tỉnh ủy, Huyện ủy triển khai Chỉ thị số 35-CT/TW "
            "ngày 14/6/2024 của Bộ Chính trị đến cán bộ.")
    assert rels(down) == set()


def test_a_document_named_after_an_opening_cue_of_a_sentence_that_issues_one():
    # "Thực hiện <a document by name>, <body> ban hành <a numbered one>": the name is a document's
    text = ("Thực hiện Thông cáo đặc biệt về lễ tang đồng chí Nguyễn Văn A, Tỉnh ủy Quảng Bình đã ban hành "
            "Công văn số 1201-CV/TU ngày 20/7/2024 về việc treo cờ rủ.")
    assert rels(text) == {("1201-CV/TU", "IMPLEMENTS", "Thông cáo đặc biệt về lễ tang đồng chí Nguyễn Văn A")}
    # a line broken after the comma (a PDF's text layer) does not hide the document issued
    broken = extract_text(text.replace("A, Tỉnh", "A,\nTỉnh"))
    assert "Thông cáo đặc biệt về lễ tang đồng chí Nguyễn Văn A" in {d["descriptor"] for d in broken["documents"]}
    # a plan of no one in lower case, or a sentence that issues nothing, names no document
    assert rels("Thực hiện kế hoạch công tác năm 2023, Ban Dân vận Tỉnh ủy ban hành Kế hoạch số 5-KH/BDVTU "
                "ngày 2/2/2023.") == set()
    assert rels("Thực hiện Thông cáo đặc biệt về lễ tang đồng chí Nguyễn Văn A, các cơ quan treo cờ rủ hai ngày.") == set()


def test_a_decision_cited_about_promulgating_relates_to_what_it_promulgates():
    text = ("Ban Tổ chức Tỉnh ủy tham mưu sửa đổi Quyết định số 215 ngày 3/5/2022 của Ban Thường vụ Tỉnh ủy về "
            "việc ban hành Quy chế phối hợp giữa các cơ quan tham mưu của Tỉnh ủy.")
    out = extract_text(text)
    rules = next(d for d in out["documents"] if d["kind"] == "Quy chế")
    assert rules["descriptor"] == "Quy chế phối hợp giữa các cơ quan tham mưu của Tỉnh ủy"
    assert triples(out) >= {
        ("215-QĐ/TU", "RELATES_TO", rules["descriptor"])}
    # the document promulgated by a decision the text cites is not the text's own
    assert not rules["subject"]


def test_a_meeting_s_conclusion_rests_on_the_papers_it_heard():
    text = ("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n\n"
            "Sau khi nghe Báo cáo của Ban Tổ chức Tỉnh ủy về công tác cán bộ năm 2024, Ban Thường vụ Tỉnh ủy "
            "kết luận như sau: giao Ban Tổ chức Tỉnh ủy hoàn thiện quy hoạch cán bộ.")
    out = extract_text(text)
    subject = _subject_doc(out)
    assert triples(out) == {
        (subject["descriptor"], "BASED_ON", "Báo cáo của Ban Tổ chức Tỉnh ủy về công tác cán bộ năm 2024")}


def test_a_type_word_alone_refers_to_the_one_document_of_its_kind_named_before():
    text = ("Hội nghị quán triệt Nghị quyết Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XIII. Ban "
            "Thường vụ Tỉnh ủy đã ban hành Kế hoạch thực hiện Nghị quyết, trong đó giao Ban Tuyên giáo Tỉnh ủy chủ trì.")
    out = extract_text(text)
    plan = _subject_doc(out)
    assert triples(out) == {
        (plan["descriptor"], "IMPLEMENTS", "Nghị quyết Hội nghị lần thứ 10 Ban Chấp hành Trung ương Đảng khóa XIII")}
    # two resolutions before it: the word refers to neither, and no warning is raised for a word
    two = ("Nghị quyết số 57-NQ/TW và Nghị quyết số 66-NQ/TW được quán triệt. Các chi bộ thực hiện Nghị quyết.")
    out = extract_text(two)
    assert not out["relations"] and not [w for w in out["warnings"] if "reference" in w["code"]]


def test_a_clause_right_after_the_description_of_an_issued_document_is_its_own():
    vi = ("Ban Bí thư vừa ban hành Chỉ thị số 52-CT/TW về củng cố chi bộ ở khu dân cư trong tình hình mới, "
          "thay thế Chỉ thị số 08-CT/TW ngày 14/5/2011.")
    assert ("52-CT/TW", "SUPERSEDES", "8-CT/TW") in rels(vi)
    en = ("The Secretariat has issued Directive No. 52-CT/TW on consolidating Party cells in residential areas, "
          "replacing Directive No. 08-CT/TW of May 14, 2011.")
    assert ("52-CT/TW", "SUPERSEDES", "8-CT/TW") in rels(en)
    # the same after the document a sentence opens with
    opens = ("Kế hoạch số 14-KH/TU được ban hành. Quy định số 23-QĐ/TW, thay thế Quy định số 31-QĐ/TW, nêu rõ "
             "trách nhiệm của cấp ủy.")
    assert ("23-QĐ/TW", "SUPERSEDES", "31-QĐ/TW") in rels(opens)
    # a second verb of the body that issues it is no clause of the document
    body = ("Tỉnh ủy đã ban hành Kế hoạch số 14-KH/TU về công tác tuyên truyền, đồng thời chỉ đạo thực hiện "
            "Nghị quyết số 25-NQ/TW.")
    assert ("14-KH/TU", "IMPLEMENTS", "25-NQ/TW") not in rels(body)


def test_a_document_named_by_its_body_and_what_it_carries_out_is_an_un_numbered_document():
    text = ("Sáng 4/3, Đảng ủy phường Tân An tổ chức hội nghị, triển khai Kế hoạch của Ban Thường vụ Thành ủy về "
            "thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương.")
    out = extract_text(text)
    plan = next(d for d in out["documents"] if d["kind"] == "Kế hoạch")
    assert plan["key"] is None and plan["descriptor"].startswith("Kế hoạch của Ban Thường vụ Thành ủy")
    assert (plan["descriptor"], "IMPLEMENTS", "21-KL/TW") in triples(out)
    # a clause after the body is no name: the text's own directive acts
    own = ("CHỈ THỊ\nvề công tác dân vận\n\nChỉ thị của Ban Thường vụ Tỉnh ủy được ban hành trên cơ sở thực hiện "
           "Chỉ thị số 49-CT/TW của Ban Bí thư.")
    assert not [d for d in extract_text(own)["documents"] if d["key"] is None and "49" in (d["descriptor"] or "")]


def test_a_document_named_by_what_it_carries_out_joins_the_one_issued_under_a_shorter_name():
    text = ("Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 68\n"
            "Ban Thường vụ Tỉnh ủy vừa ban hành Chương trình hành động thực hiện Nghị quyết số 68-NQ/TW, ngày "
            "4/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân.")
    programmes = [d for d in extract_text(text)["documents"] if d["kind"] == "Chương trình hành động"]
    assert len(programmes) == 1


def test_a_document_carried_out_by_others_in_the_passive_is_their_target_joined_ones_too():
    text = ("Nghị quyết số 19-NQ/TW đã được cụ thể hóa bằng Kế hoạch số 64-KH/TU và Chương trình hành động số "
            "13-CTr/TU của Tỉnh ủy.")
    assert {("64-KH/TU", "IMPLEMENTS", "19-NQ/TW"), ("13-CTr/TU", "IMPLEMENTS", "19-NQ/TW")} <= rels(text)
    replaced = "Quy định số 30-QĐ/TW đã bị thay thế bởi Quy định số 22-QĐ/TW và Hướng dẫn số 02-HD/TW."
    assert {("22-QĐ/TW", "SUPERSEDES", "30-QĐ/TW"), ("2-HD/TW", "SUPERSEDES", "30-QĐ/TW")} <= rels(replaced)


def test_a_number_word_joined_to_a_list_keeps_the_list_s_cue():
    text = "Ban Bí thư đã ban hành các Kết luận số 03-KL/TW, số 16-KL/TW về tiếp tục thực hiện Chỉ thị số 07-CT/TW."
    assert {("3-KL/TW", "FOLLOWS_UP_ON", "7-CT/TW"), ("16-KL/TW", "FOLLOWS_UP_ON", "7-CT/TW")} <= rels(text)


def test_an_outline_of_a_report_named_by_what_it_reviews_is_a_document_of_its_own_kind():
    text = "Bộ Chính trị cho ý kiến về Đề cương Báo cáo tổng kết 15 năm thực hiện Nghị quyết số 21-NQ/TW của Trung ương."
    out = extract_text(text)
    outline = next(d for d in out["documents"] if d["kind"] == "Đề cương")
    assert outline["descriptor"].startswith("Đề cương Báo cáo tổng kết")
    assert (outline["descriptor"], "REVIEWS", "21-NQ/TW") in triples(out)
    # the report itself after "cho ý kiến về"
    report = extract_text(text.replace("Đề cương Báo cáo", "Báo cáo"))
    assert any(d["kind"] == "Báo cáo" for d in report["documents"])
    # an outline named with no word of [reported] before it is none (a sentence may open with a task)
    alone = extract_text("Đề cương Báo cáo tổng kết 15 năm thực hiện Nghị quyết số 21-NQ/TW đã được gửi xin ý kiến.")
    assert [d["kind"] for d in alone["documents"]] == ["Nghị quyết"]


def test_a_cue_that_the_type_heading_begins_and_the_title_ends_is_read_in_the_title():
    head = ("BAN TUYÊN GIÁO HUYỆN ỦY\nSố 12-HD/BTGHU\nThạch Hà, ngày 3 tháng 2 năm 2025\n\nHƯỚNG DẪN\n{} Kết luận số "
            "61-KL/TW ngày 3/2/2024 của Ban Bí thư\n\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức của đảng viên.\n")
    assert ("12-HD/BTGHU", "GUIDES", "61-KL/TW") in triples(extract_text(head.format("tuyên truyền")))
    # a title that opens with a cue of its own keeps it
    assert ("12-HD/BTGHU", "REVIEWS", "61-KL/TW") in triples(extract_text(head.format("sơ kết việc thực hiện")))
    # a heading that is no type word gives nothing to the title
    other = head.format("tuyên truyền").replace("HƯỚNG DẪN\n", "TÀI LIỆU\n")
    assert not any(t == "61-KL/TW" and r == "GUIDES" for _, r, t in triples(extract_text(other)))


def test_a_basis_named_then_promulgated_by_a_numbered_decision_is_the_named_document():
    text = ("TỈNH ỦY KON TUM\nSố 12-QĐ/TU\nKon Tum, ngày 6 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nban hành Quy chế làm việc "
            "của Tỉnh ủy\n\n- Căn cứ Điều lệ Đảng;\n- Căn cứ Quy chế làm việc mẫu của tỉnh ủy ban hành kèm theo Quyết "
            "định số 1402-QĐ/TW ngày 20/9/2025 của Ban Bí thư;\nBAN CHẤP HÀNH ĐẢNG BỘ TỈNH QUYẾT ĐỊNH\n")
    out = extract_text(text)
    model = "Quy chế làm việc mẫu của tỉnh ủy"
    assert model in [d["descriptor"] for d in out["documents"]]
    assert {("12-QĐ/TU", "BASED_ON", model), ("1402-QĐ/TW", "RELATES_TO", model)} <= triples(out)
    # passive: the decision after the words promulgates the document before them, whatever its kind
    rule = text.replace("Quy chế làm việc mẫu của tỉnh ủy ban hành kèm theo", "Quy định về công tác cán bộ được ban hành theo")
    assert ("1402-QĐ/TW", "RELATES_TO", "Quy định về công tác cán bộ") in triples(extract_text(rule))
    assert ("Quy định về công tác cán bộ", "RELATES_TO", "1402-QĐ/TW") not in triples(extract_text(rule))


def test_a_decision_relates_to_the_document_it_promulgates():
    text = ("Kế hoạch số 18-KH/TU được ban hành. Theo đó, căn cứ Quyết định số 56-QĐ/TU, ngày 2/3/2022 của Ban "
            "Thường vụ Tỉnh ủy ban hành Quy trình xem xét, xử lý đơn thư, các chi bộ rà soát hồ sơ.")
    out = extract_text(text)
    procedure = next(d for d in out["documents"] if d["kind"] == "Quy trình")
    assert not procedure["subject"] and ("56-QĐ/TU", "RELATES_TO", procedure["descriptor"]) in triples(out)
    titled = ("TỈNH ỦY YÊN BÁI\n*\nSố 2105-QĐ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nYên Bái, ngày 10 tháng 3 năm 2025\n\n"
              "QUYẾT ĐỊNH\nban hành Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XIX\n\nĐiều 1. Ban hành kèm "
              "theo Quyết định này Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XIX.")
    out = extract_text(titled)
    rules = [d for d in out["documents"] if d["kind"] == "Quy chế"]
    assert len(rules) == 1 and ("2105-QĐ/TU", "RELATES_TO", rules[0]["descriptor"]) in triples(out)
    # what a plan's body issues is no promulgation
    plan = "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 22-KH/TU về công tác cán bộ."
    assert not [r for r in extract_text(plan)["relations"] if r["type"] == "RELATES_TO"]


def test_a_resolution_relates_to_the_project_it_approves():
    text = "Tỉnh ủy ban hành Nghị quyết số 21-NQ/TU về việc thông qua Đề án phát triển đô thị giai đoạn 2025 - 2030."
    out = extract_text(text)
    project = next(d for d in out["documents"] if d["kind"] == "Đề án")
    assert ("21-NQ/TU", "RELATES_TO", project["descriptor"]) in triples(out)


def test_a_letter_relates_to_the_document_it_sends():
    text = ("TỈNH ỦY HÀ NAM\nBAN TUYÊN GIÁO\n*\nSố 412-CV/BTGTU\nV/v gửi Đề cương tuyên truyền kỷ niệm 135 năm "
            "Ngày sinh Chủ tịch Hồ Chí Minh\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nam, ngày 2 tháng 4 năm 2025\n\nKính gửi: Các "
            "huyện ủy, thành ủy.\n\nBan Tuyên giáo Tỉnh ủy gửi Đề cương tuyên truyền để các đơn vị sử dụng.")
    out = extract_text(text)
    outline = [d for d in out["documents"] if d["kind"] == "Đề cương"]
    assert len(outline) == 1 and ("412-CV/BTGTU", "RELATES_TO", outline[0]["descriptor"]) in triples(out)


def test_the_heading_of_a_document_an_article_reproduces_opens_that_document():
    text = ("Bộ Chính trị ban hành Quy định về luân chuyển cán bộ\n\nNgày 5/3/2025, Bộ Chính trị đã ban hành Quy định "
            "số 77-QĐ/TW về luân chuyển cán bộ. Báo điện tử trân trọng giới thiệu toàn văn Quy định số 77-QĐ/TW.\n\n"
            "QUY ĐỊNH\nvề luân chuyển cán bộ\n\n- Căn cứ Điều lệ Đảng;\nBộ Chính trị quy định như sau:\n")
    out = extract_text(text)
    assert out["subject"] == "77-QĐ/TW"
    assert ("77-QĐ/TW", "BASED_ON", "Điều lệ Đảng") in triples(out)


def test_an_article_that_reproduces_a_letter_carrying_out_a_plan_is_not_about_the_plan():
    text = ("Văn bản chỉ đạo của tỉnh\n\nBáo Quảng Nam trân trọng giới thiệu văn bản của UBND tỉnh triển khai Kế hoạch "
            "số 89-KH/TU ngày 12/3/2024 của Ban Thường vụ Tỉnh ủy.\n\nĐể triển khai Kế hoạch số 89-KH/TU, UBND tỉnh "
            "yêu cầu các sở, ban, ngành tổ chức thực hiện tốt các nội dung sau.\n"
            "1. Sở Giao thông vận tải chủ trì, phối hợp với Công an tỉnh kiểm tra.\n")
    out = extract_text(text)
    subject = subject_of(out)
    assert (subject["key"], subject["kind"], subject["issuing_body"]) == (None, "Văn bản", "UBND tỉnh")
    assert (subject["descriptor"], "IMPLEMENTS", "89-KH/TU") in triples(out)
    # the plan itself reproduced: the plan
    plan = text.replace("văn bản của UBND tỉnh triển khai Kế hoạch", "toàn văn Kế hoạch")
    assert next(d for d in extract_text(plan)["documents"] if d["subject"])["key"] == "89-KH/TU"


def test_a_text_that_names_no_document_as_its_own_is_about_the_newest_dated_one():
    text = ("Đẩy mạnh phòng, chống tác hại của thuốc lá\n\n"
            "Thực hiện Kế hoạch số 105-KH/TU và Kế hoạch số 88/KH-UBND của tỉnh về phòng, chống tác hại của thuốc "
            "lá, các cấp đã vào cuộc. Kế hoạch số 105-KH/TU ngày 02/8/2019 và Kế hoạch số 88/KH-UBND đặt mục tiêu "
            "giảm tỷ lệ hút thuốc; sau một năm, Kế hoạch số 105-KH/TU và Kế hoạch số 88/KH-UBND đạt nhiều kết quả.\n\n"
            "Văn phòng UBND tỉnh vừa gửi Công văn số 2150/VP-VX ngày 10/9/2020 tới các sở, ngành. Sở Y tế chủ trì, "
            "phối hợp với các cơ quan liên quan tổ chức kiểm tra việc thực hiện Kết luận số 45-KL/TW của Ban Bí thư.\n")
    out = extract_text(text)
    assert out["subject"] == "2150/VP-VX"
    assert {a["organization"] for a in out["assignments"] if a["document"] == "2150/VP-VX"} == \
        {"Sở Y tế", "các cơ quan liên quan"}
    # the newest only when it is later than every other dated document: one date alone, or two on one day, name none
    assert extract_text(text.replace(" ngày 02/8/2019", ""))["subject"] is None
    assert extract_text(text.replace("02/8/2019", "10/9/2020"))["subject"] is None
    # … and not one the text names as carried out
    assert extract_text(text.replace("Văn phòng UBND tỉnh vừa gửi Công văn", "Các sở, ngành tiếp tục thực hiện Công văn"))[
        "subject"] is None


def test_a_resolution_about_a_plan_adopts_the_plan_which_carries_out_what_it_names():
    text = ("Ngày 17/5/2025, Chính phủ ban hành Nghị quyết số 139/NQ-CP về Kế hoạch triển khai thực hiện Nghị quyết "
            "số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.")
    out = extract_text(text)
    plan = next(d["descriptor"] for d in out["documents"] if d["kind"] == "Kế hoạch")
    assert {("139/NQ-CP", "RELATES_TO", plan), (plan, "IMPLEMENTS", "66-NQ/TW"), ("139/NQ-CP", "IMPLEMENTS", "66-NQ/TW")} \
        <= triples(out)
    # a strategy a resolution states is no document of its own; nor is a plan another body makes after it
    assert [d["kind"] for d in extract_text("Bộ Chính trị ban hành Nghị quyết số 36-NQ/TW về Chiến lược phát triển "
                                            "bền vững kinh tế biển Việt Nam.")["documents"]] == ["Nghị quyết"]
    assert "RELATES_TO" not in {r[1] for r in triples(extract_text(
        "Thực hiện Nghị quyết số 66-NQ/TW, Ban Thường vụ Tỉnh ủy bàn về Kế hoạch triển khai thực hiện."))}


def test_a_guidance_guides_a_regulation_but_carries_out_a_letter_s_instruction():
    text = ("BAN TUYÊN GIÁO TRUNG ƯƠNG\n*\nSố 30-HD/BTGTW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 5 tháng 3 năm 2025\n\n"
            "HƯỚNG DẪN\nthực hiện Quy định số 132-QĐ/TW\n\nThực hiện sự chỉ đạo của Ban Bí thư tại Công văn số "
            "3581-CV/VPTW ngày 20/2/2025 của Văn phòng Trung ương Đảng, Ban Tuyên giáo Trung ương hướng dẫn như sau:\n")
    got = triples(extract_text(text))
    assert {("30-HD/BTGTW", "GUIDES", "132-QĐ/TW"), ("30-HD/BTGTW", "IMPLEMENTS", "3581-CV/VPTW")} <= got
    assert ("30-HD/BTGTW", "GUIDES", "3581-CV/VPTW") not in got


def test_an_inspection_of_how_a_document_is_carried_out_relates_to_it():
    # (the description runs through a list of the bodies it concerns, after "đối với", and through "lãnh đạo, chỉ đạo")
    text = ("Ngày 23/4/2024, Thành ủy ban hành Quyết định số 176-QĐ/TU về kiểm tra đối với ban thường vụ cấp ủy, tập thể "
            "lãnh đạo một số quận ủy trong công tác lãnh đạo, chỉ đạo và tổ chức thực hiện Nghị quyết số 04-NQ/TU của Thành ủy.")
    got = triples(extract_text(text))
    assert ("176-QĐ/TU", "RELATES_TO", "4-NQ/TU") in got and ("176-QĐ/TU", "IMPLEMENTS", "4-NQ/TU") not in got
    # the document inspected still carries out what its own description says
    plan = ("KẾ HOẠCH\nkiểm tra năm 2024\n\nTổ chức đoàn kiểm tra việc thực hiện Chương trình hành động số 10-CTr/TU, "
            "ngày 31/3/2021 của Ban Thường vụ Tỉnh ủy về việc thực hiện Chỉ thị số 41-CT/TW của Ban Bí thư.")
    got = triples(extract_text(plan))
    assert ("10-CTr/TU", "IMPLEMENTS", "41-CT/TW") in got
    # with no inspection, carrying out
    assert ("176-QĐ/TU", "IMPLEMENTS", "4-NQ/TU") in triples(extract_text(text.replace("về kiểm tra đối với", "về hỗ trợ đối với")))


def test_a_news_headline_that_opens_with_a_cue_states_what_the_text_s_document_does():
    text = ("Triển khai thực hiện Kế hoạch số 89-KH/TU của Tỉnh ủy về an toàn giao thông\n\n"
            "Ngày 10/3/2025, UBND tỉnh ban hành Kế hoạch số 55/KH-UBND để cụ thể hóa các nhiệm vụ. Giao Công an "
            "tỉnh chủ trì, phối hợp với các sở, ngành kiểm tra.\n")
    out = extract_text(text)
    assert out["subject"] == "55/KH-UBND"
    assert ("55/KH-UBND", "IMPLEMENTS", "89-KH/TU") in triples(out)
    # a headline that names the subject as carried out: no relation from it
    named = ("Quán triệt, triển khai thực hiện Nghị quyết số 66 và Nghị quyết số 68 của Bộ Chính trị\n\n"
             "Hội nghị quán triệt Nghị quyết số 66-NQ/TW ngày 30-4-2025 và Nghị quyết số 68-NQ/TW ngày 04-5-2025.\n")
    assert ("68-NQ/TW", "IMPLEMENTS", "66-NQ/TW") not in triples(extract_text(named))


def test_the_second_half_of_gan_voi_split_around_what_is_linked_is_linked_by_the_actor():
    text = ("KẾ HOẠCH\nthực hiện chương trình công tác năm 2025\n\nGắn triển khai thực hiện Nghị quyết Đại hội XIII của "
            "Đảng với thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương; Chỉ thị số 05-CT/TW của Bộ Chính trị.\n")
    out = extract_text(text)
    plan = out["subject"]
    congress = next(d["descriptor"] for d in out["documents"] if d["kind"] == "Nghị quyết")
    got = triples(out)
    assert {(plan, "IMPLEMENTS", congress), (plan, "RELATES_TO", "21-KL/TW"), (plan, "RELATES_TO", "5-CT/TW")} <= got
    assert not {r for r in got if r[0] == congress}        # a congress resolution carries out no conclusion


def test_without_diacritics_a_syllable_of_a_word_is_no_issuing_verb():
    from vankien.loaders.fold import strip_marks
    text = ("Huyện ủy Tiên Phước triển khai đại hội đảng bộ các cấp\n\nNgày 27/8/2019, Huyện ủy Tiên Phước tổ chức hội "
            "nghị triển khai các văn bản về đại hội.\n\nHội nghị đã quán triệt Chỉ thị số 45-CT/TU ngày 31/7/2019 của "
            "Ban Thường vụ Tỉnh ủy về tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025; nội dung Kế hoạch số "
            "176-KH/HU ngày 26/8/2019 của Ban Thường vụ Huyện ủy về đại hội chi bộ.\n")
    # "nhiem ky" is "nhiệm kỳ", no "ký" that would make the plan the sentence's own act
    assert triples(extract_text(strip_marks(text))) == triples(extract_text(text)) == set()


def test_a_plan_named_by_nothing_but_what_it_carries_out_is_a_document_of_its_own():
    text = "Huyện ủy tổ chức hội nghị triển khai Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị."
    out = extract_text(text)
    assert ("Kế hoạch thực hiện Nghị quyết số 57-NQ/TW", "IMPLEMENTS", "57-NQ/TW") in triples(out)
    # not a name that goes on before the cue, nor a type that gives no tasks
    assert [d["kind"] for d in extract_text(text.replace("Kế hoạch thực", "Báo cáo thực"))["documents"]] == ["Nghị quyết"]


def test_a_report_on_carrying_a_document_out_reviews_it():
    text = "Ban Thường vụ Tỉnh ủy đã ban hành Báo cáo số 112-BC/TU về kết quả triển khai thực hiện Nghị quyết số 35-NQ/TW."
    assert ("112-BC/TU", "REVIEWS", "35-NQ/TW") in rels(text)


def test_english_targets_joined_by_and_and_follow_up_cues():
    assert {("46-CT/TW", "SUPERSEDES", "36-CT/TW"), ("46-CT/TW", "SUPERSEDES", "119-KL/TW")} <= rels(
        "Directive No. 46-CT/TW replaces Directive No. 36-CT/TW and Conclusion No. 119-KL/TW.")
    assert ("130-KL/TW", "FOLLOWS_UP_ON", "19-NQ/TW") in rels(
        "The Politburo issued Conclusion No. 130-KL/TW on the apparatus, following up on Resolution No. 19-NQ/TW.")


def test_english_descriptions_go_on_past_which_and_dated():
    assert ("42-CT/TW", "SUPERSEDES", "22-CT/TW") in rels(
        "The Secretariat issued Directive No. 42-CT/TW, which replaces Directive No. 22-CT/TW.")
    assert ("42-CT/TW", "SUPERSEDES", "22-CT/TW") in rels(
        "Directive No. 42-CT/TW, dated June 3, 2025, replaces Directive No. 22-CT/TW.")
    assert ("17-KH/TU", "IMPLEMENTS", "66-NQ/TW") in rels(
        "The provincial Party Committee issued Plan No. 17-KH/TU to concretise Resolution No. 66-NQ/TW.")


def test_a_cue_of_purpose_with_no_object_acts_on_the_one_document_named_before():
    text = ("Sau khi Nghị quyết số 57-NQ/TW được ban hành, Tỉnh ủy đã ban hành Chương trình hành động số "
            "15-CTr/TU để thực hiện.")
    assert ("15-CTr/TU", "IMPLEMENTS", "57-NQ/TW") in rels(text)
    two = ("Sau khi Nghị quyết số 57-NQ/TW và Nghị quyết số 66-NQ/TW được ban hành, Tỉnh ủy đã ban hành "
           "Chương trình hành động số 15-CTr/TU để thực hiện.")
    assert not rels(two)        # two documents before it: which one is not said


def test_an_opening_cue_with_no_object_acts_on_the_document_the_sentence_before_spoke_of():
    text = ("Ngày 22/12/2024, Bộ Chính trị ban hành Nghị quyết số 57-NQ/TW về khoa học, công nghệ. Để triển khai "
            "thực hiện, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 31-KH/TU.")
    assert ("31-KH/TU", "IMPLEMENTS", "57-NQ/TW") in rels(text)
    two = ("Bộ Chính trị ban hành Nghị quyết số 57-NQ/TW và Nghị quyết số 59-NQ/TW. Để triển khai thực hiện, Ban "
           "Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 31-KH/TU.")
    assert not [r for r in rels(two) if r[0] == "31-KH/TU"]


def test_the_text_s_own_document_named_after_a_body_cue_is_no_acting_document_to_skip():
    text = ("KẾ HOẠCH\nthực hiện Chỉ thị số 41-CT/TW\n\n1. Gắn việc thực hiện Kế hoạch này với Nghị quyết Đại hội "
            "đại biểu Đảng bộ tỉnh lần thứ XVIII.")
    out = extract_text(text)
    assert not [r for r in triples(out) if r[1] == "IMPLEMENTS" and "Đại hội" in r[2]]
    assert not [w for w in out["warnings"] if w["code"] == "unresolved_reference"]


def test_a_body_s_letter_carries_out_the_plan_it_directs_others_to_carry_out():
    text = ("Đẩy mạnh thực hiện Kế hoạch số 61-KH/TU\n\n"
            "Để triển khai hiệu quả Kế hoạch số 61-KH/TU ngày 2/3/2025 của Ban Thường vụ Tỉnh ủy, Thường trực Tỉnh "
            "ủy yêu cầu các huyện ủy, thành ủy khẩn trương rà soát, báo cáo trước ngày 15/3/2025.")
    r = extract_text(text)
    subject = subject_of(r)
    assert (subject["key"], subject["kind"]) == (None, "Văn bản")       # not the plan, only ever carried out
    assert rels(text) == {(subject["descriptor"], "IMPLEMENTS", "61-KH/TU")}
    # a letter sent to a list of bodies "về việc tiếp tục thực hiện …": its description goes on through the list
    sent = ("Tiếp tục thực hiện Kế hoạch số 61-KH/TU\n\nBan Thường vụ Tỉnh ủy vừa có văn bản gửi các huyện ủy, thành "
            "ủy về việc tiếp tục thực hiện Kế hoạch số 61-KH/TU về sắp xếp bộ máy.")
    assert [t for _, t, k in rels(sent) if k == "61-KH/TU"] == ["FOLLOWS_UP_ON"]


def test_a_basis_that_amends_is_not_an_amendment_asked_for():
    # "Căn cứ" folds to the letters of "cần" (a word of a request): a syllable keeps its diacritics
    text = ("QUYẾT ĐỊNH\nBan hành Quy chế làm việc\n\n"
            "Căn cứ Nghị định số 15/2024/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 30/2020/NĐ-CP;")
    assert ("15/2024/NĐ-CP", "AMENDS", "30/2020/NĐ-CP") in rels(text)
    asked = text.replace("Căn cứ Nghị định số 15/2024/NĐ-CP sửa đổi",
                         "Cần nghiên cứu để Nghị định số 15/2024/NĐ-CP sửa đổi")
    assert ("15/2024/NĐ-CP", "RELATES_TO", "30/2020/NĐ-CP") in rels(asked)


def test_the_operative_part_of_a_document_a_page_reproduces_is_its_own_body():
    text = ("Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XX\n\n"
            "Báo điện tử trân trọng đăng toàn văn Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XX.\n\n"
            "Đại hội đại biểu Đảng bộ huyện lần thứ XX diễn ra trong ba ngày.\n\nQUYẾT NGHỊ\n\n"
            "I- Tán thành những nội dung đánh giá kết quả thực hiện Nghị quyết Đại hội đại biểu Đảng bộ huyện "
            "lần thứ XIX và phương hướng nhiệm vụ những năm tới.")
    found = rels(text)
    assert [t for s, t, k in found if k.startswith("Nghị quyết Đại hội") and "XIX" in k] == ["REVIEWS"]
    # without the operative line the sentence is the article's, not the document's own
    assert not [t for s, t, k in rels(text.replace("QUYẾT NGHỊ\n\n", "")) if "XIX" in k]
    # typed without diacritics the operative line is the same; in lower case it is no line of its own
    bare = text.replace("QUYẾT NGHỊ", "QUYET NGHI")
    assert [t for s, t, k in rels(bare) if k.startswith("Nghị quyết Đại hội") and "XIX" in k] == ["REVIEWS"]
    assert not [t for s, t, k in rels(text.replace("QUYẾT NGHỊ", "Quyết nghị")) if "XIX" in k]


def test_an_issuing_verb_of_one_syllable_keeps_its_diacritics():
    # "định kỳ" is no "ký", "các cơ quan" no "có": the sentence issues nothing, its cue has no source
    text = ("Tin hoạt động\n\nBan Thường vụ Huyện ủy vừa ban hành Hướng dẫn số 05-HD/HU về công tác thi đua.\n\n"
            "Thực hiện Kế hoạch số 88-KH/TU, định kỳ các cơ quan báo cáo kết quả.")
    assert not [r for r in rels(text) if r[2] == "88-KH/TU"]
    issued = text.replace("định kỳ các cơ quan báo cáo kết quả", "Huyện ủy ký Kế hoạch số 12-KH/HU")
    assert ("12-KH/HU", "IMPLEMENTS", "88-KH/TU") in rels(issued)


def test_english_forms_of_continuing_to_implement():
    for verb in ("continues to implement", "continued to implement", "continue implementing",
                 "continues the implementation of", "continued to carry out"):
        text = f"Party news\n\nUnder Conclusion No. 21-KL/TW, the Politburo {verb} Resolution No. 4-NQ/TW."
        assert rels(text) == {("21-KL/TW", "FOLLOWS_UP_ON", "4-NQ/TW")}, verb


def test_a_document_promulgated_by_a_cue_is_named_by_what_it_carries_out():
    text = ("Tin tức\n\nNghị quyết số 05-NQ/TU của Tỉnh ủy về ban hành Chương trình hành động thực hiện Nghị quyết "
            "số 57-NQ/TW.")
    programme = "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW"
    assert rels(text) == {("5-NQ/TU", "RELATES_TO", programme), (programme, "IMPLEMENTS", "57-NQ/TW"),
                          ("5-NQ/TU", "IMPLEMENTS", "57-NQ/TW")}


def test_a_congress_resolution_named_without_its_ordinal_is_the_one_the_text_names_in_full():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\n\nSố: 12/CTr-UBND\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
            "THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI VÀ KẾ HOẠCH SỐ 05-KH/TU NGÀY 02/11/2020 CỦA TỈNH ỦY\n\n"
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Yên Bái lần thứ XIX, nhiệm kỳ 2020 - 2025 đã đề ra "
            "các mục tiêu phát triển của tỉnh.\n")
    congress = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Yên Bái lần thứ XIX"
    assert {("12/CTr-UBND", "IMPLEMENTS", congress), ("12/CTr-UBND", "IMPLEMENTS", "5-KH/TU")} <= rels(text)
    # two congresses named in full: "Nghị quyết Đại hội" alone names neither
    two = text + "\nNhiệm kỳ trước, Nghị quyết Đại hội XIII của Đảng đã được quán triệt.\n"
    assert ("12/CTr-UBND", "IMPLEMENTS", congress) not in rels(two)


def test_what_the_issuer_of_the_text_s_document_asks_is_that_document_s():
    head = "Tin tổng hợp\n\nNgày 3/3/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 527-KH/TU về công tác tuyên truyền.\n\n"
    asks = head + "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy triển khai thực hiện Kết luận số 21-KL/TW.\n"
    assert ("527-KH/TU", "IMPLEMENTS", "21-KL/TW") in rels(asks)
    # another body's request, or the issuer's own act reported, is not what the document asks
    other = head + "Huyện ủy Yên Thế yêu cầu các chi bộ triển khai thực hiện Kết luận số 21-KL/TW.\n"
    assert not rels(other)
    done = head + "Ban Thường vụ Tỉnh ủy đã tổ chức sơ kết 5 năm thực hiện Kết luận số 21-KL/TW.\n"
    assert ("527-KH/TU", "REVIEWS", "21-KL/TW") not in rels(done)


def test_a_preamble_that_opens_with_can_cu_asks_for_nothing():
    # "Căn" (of "Căn cứ") is not "cần" (need): the plan issued "như sau" is the text's own, and its
    # ground stays beside what its title carries out
    text = ("TỈNH ỦY BẮC NINH\n*\nSố 12-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 5 tháng 3 năm 2025\n\n"
            "KẾ HOẠCH\nthực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị\n\n"
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
            "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện như sau:\n")
    assert {("12-KH/TU", "IMPLEMENTS", "57-NQ/TW"), ("12-KH/TU", "BASED_ON", "57-NQ/TW")} <= rels(text)
    # "cần ban hành" asks for a plan still
    from vankien.loaders.patterns import requested_before
    asked = "Các huyện ủy cần ban hành Kế hoạch thực hiện."
    assert requested_before(asked, asked.index("Kế hoạch"))
    assert not requested_before(text, text.index("Kế hoạch thực hiện như sau"))


def test_a_report_named_in_lower_case_after_a_verb_of_hearing_or_a_list_reviews_what_it_names():
    heard = ("Tin tổng hợp\n\nChiều 5/3, Ban Thường vụ Huyện ủy họp, nghe báo cáo tổng kết 10 năm thực hiện "
             "Nghị quyết số 33-NQ/TW của Ban Chấp hành Trung ương.\n")
    report = "Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 33-NQ/TW"
    assert (report, "REVIEWS", "33-NQ/TW") in rels(heard)
    listed = ("Tin tổng hợp\n\nHội nghị đã cho ý kiến vào dự thảo quy chế làm việc; báo cáo kết quả thực hiện "
              "Chỉ thị số 05-CT/TW của Bộ Chính trị.\n")
    assert ("Báo cáo kết quả thực hiện Chỉ thị số 05-CT/TW", "REVIEWS", "5-CT/TW") in rels(listed)
    # the verb: bodies that report, or report periodically, name no report
    for verb in ("Các huyện ủy báo cáo kết quả thực hiện Nghị quyết số 33-NQ/TW về Ban Thường vụ Tỉnh ủy.",
                 "Văn phòng Tỉnh ủy định kỳ báo cáo kết quả thực hiện Nghị quyết số 33-NQ/TW."):
        assert not [d for d in extract_text("Tin tổng hợp\n\n" + verb + "\n")["documents"] if d["kind"] == "Báo cáo"]


def test_a_report_in_capitals_after_a_verb_of_hearing_reviews_what_it_names_and_an_item_s_opening_names_none():
    draft = ("Tin tổng hợp\n\nSáng 9/4, Ban Chấp hành Đảng bộ huyện họp, cho ý kiến vào dự thảo Báo cáo tổng kết "
             "15 năm thực hiện Nghị quyết số 26-NQ/TW của Ban Chấp hành Trung ương.\n")
    assert ("Báo cáo tổng kết 15 năm thực hiện Nghị quyết số 26-NQ/TW", "REVIEWS", "26-NQ/TW") in rels(draft)
    # "Báo cáo …" opening an item of what an inspection covers is a content, not a report named
    item = ("Tin tổng hợp\n\nNội dung kiểm tra gồm: Báo cáo tổng kết 15 năm thực hiện Nghị quyết số 26-NQ/TW "
            "của Ban Chấp hành Trung ương.\n")
    assert not [d for d in extract_text(item)["documents"] if d["kind"] == "Báo cáo"]


def test_congress_and_plenum_resolutions_and_the_statute_named_in_english_are_the_vietnamese_documents():
    news = "Politburo news\n\n{}\n"
    r = rels(news.format("The Politburo issued Directive No. 01-CT/TW on studying, popularising and implementing "
                         "the Resolution of the 12th National Party Congress."))
    assert r == {("1-CT/TW", "IMPLEMENTS", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng")}
    r = rels(news.format("Conclusion No. 21-KL/TW continues to implement the Resolution of the fourth plenum of the "
                         "12th Party Central Committee."))
    assert r == {("21-KL/TW", "FOLLOWS_UP_ON", "Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XII")}
    # the plenum's two English word orders name one document
    both = extract_text(news.format("The Resolution of the 11th Party Central Committee's fourth plenum and the "
                                    "Resolution of the fourth plenum of the 11th Party Central Committee."))
    assert [d["descriptor"] for d in both["documents"]] == [
        "Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XI"]
    assert rels(news.format("Regulation No. 232-QD/TW guides the implementation of the Party Statute.")) == {
        ("232-QĐ/TW", "GUIDES", "Điều lệ Đảng")}


def test_english_replacements_in_the_past_tense_and_in_replacement_of():
    news = "Politburo news\n\n{}\n"
    for text in ("Regulation No. 144-QD/TW was issued in replacement of Regulation No. 101-QD/TW.",
                 "Regulation No. 144-QD/TW, which replaced Regulation No. 101-QD/TW, took effect on signing."):
        assert rels(news.format(text)) == {("144-QĐ/TW", "SUPERSEDES", "101-QĐ/TW")}
    # "was replaced by" stays the reverse cue
    assert rels(news.format("Directive No. 35-CT/TW was replaced by Directive No. 45-CT/TW.")) == {
        ("45-CT/TW", "SUPERSEDES", "35-CT/TW")}


def test_the_party_s_statutes_act_on_nothing():
    # a cue right after the statute is a verb of the document whose object it is
    for text in ("Quy định số 232-QĐ/TW về thi hành Điều lệ Đảng thay thế Quy định số 24-QĐ/TW.",
                 "Regulation No. 232-QD/TW on implementing the Party Statute replaces Regulation No. 24-QD/TW."):
        assert rels("Tin\n\n" + text + "\n") == {("232-QĐ/TW", "IMPLEMENTS", "Điều lệ Đảng"), ("232-QĐ/TW", "SUPERSEDES", "24-QĐ/TW")}
    # with no document before it, nothing acts
    assert not rels("Tin\n\nThe regulation on implementing the Party's Statute replaces Regulation No. 24-QD/TW.\n")


DECISION = """ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG

Số: 377/QĐ-UBND
Cao Bằng, ngày 14 tháng 5 năm 2024

QUYẾT ĐỊNH
Ban hành Kế hoạch thực hiện Nghị quyết số 09-NQ/TU ngày 2/2/2024 của Ban Chấp hành Đảng bộ tỉnh

ỦY BAN NHÂN DÂN TỈNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Nghị quyết số 09-NQ/TU ngày 2/2/2024 của Ban \
Chấp hành Đảng bộ tỉnh về phát triển du lịch cộng đồng.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""


def test_the_text_s_own_decision_relates_to_the_plan_it_attaches_which_carries_out_another():
    """"Ban hành kèm theo Quyết định này Kế hoạch …": the plan is one document with the one the
    title names; the decision relates to it and carries out what it carries out."""
    for text in (DECISION, DECISION.replace("QUYẾT ĐỊNH\nBan hành Kế hoạch", "QUYẾT ĐỊNH\nVề việc triển khai")):
        out = extract_text(text)
        plans = [d for d in out["documents"] if d["kind"] == "Kế hoạch"]
        assert len(plans) == 1, text
        plan = plans[0]["descriptor"]
        assert {("377/QĐ-UBND", "RELATES_TO", plan), (plan, "IMPLEMENTS", "9-NQ/TU"),
                ("377/QĐ-UBND", "IMPLEMENTS", "9-NQ/TU")} <= triples(out)
    # without the formula, the decision's body carries the plan's name nowhere: no plan
    bare = DECISION.replace("Ban hành kèm theo Quyết định này Kế hoạch", "Phê duyệt nội dung")
    bare = bare.replace("QUYẾT ĐỊNH\nBan hành Kế hoạch", "QUYẾT ĐỊNH\nVề việc triển khai")
    assert not [d for d in extract_text(bare)["documents"] if d["kind"] == "Kế hoạch"]


def test_a_government_resolution_relates_to_the_programme_it_promulgates():
    text = ("CHÍNH PHỦ\n\nSố: 61/NQ-CP\nHà Nội, ngày 20 tháng 5 năm 2024\n\nNGHỊ QUYẾT\nBan hành Chương trình "
            "hành động của Chính phủ thực hiện Kết luận số 36-KL/TW ngày 23 tháng 6 năm 2022 của Bộ Chính trị\n\n"
            "CHÍNH PHỦ\n\nQUYẾT NGHỊ:\n\nĐiều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của "
            "Chính phủ thực hiện Kết luận số 36-KL/TW.\n")
    out = extract_text(text)
    programme = next(d["descriptor"] for d in out["documents"] if d["kind"] == "Chương trình hành động")
    assert {("61/NQ-CP", "RELATES_TO", programme), (programme, "IMPLEMENTS", "36-KL/TW"),
            ("61/NQ-CP", "IMPLEMENTS", "36-KL/TW")} <= triples(out)
    assert ("61/NQ-CP", "IMPLEMENTS", programme) not in triples(out)
    # a resolution cited, then its own date and body, then the verb: it promulgates
    news = ("Tin tức\n\nNghị quyết số 61/NQ-CP ngày 20/5/2024 của Chính phủ ban hành Chương trình hành động "
            "thực hiện Kết luận số 36-KL/TW.")
    programme = "Chương trình hành động thực hiện Kết luận số 36-KL/TW"
    assert ("61/NQ-CP", "RELATES_TO", programme) in rels(news)
    # a resolution carried out, then another body that issues: no promulgation
    carried = ("Tin tức\n\nThực hiện Nghị quyết số 61/NQ-CP ngày 20/5/2024 của Chính phủ, Ủy ban nhân dân tỉnh "
               "ban hành Kế hoạch thực hiện Kết luận số 36-KL/TW.")
    assert not any(t == "RELATES_TO" and s == "61/NQ-CP" for s, t, _ in rels(carried))


def test_a_sentence_opening_with_theo_do_speaks_through_the_document_just_issued():
    issued = ("Tin tức địa phương\n\nNgày 5/3, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 94-KH/TU về công tác dân vận. "
              "Theo đó, các cấp ủy tổ chức quán triệt, triển khai thực hiện Nghị quyết số 25-NQ/TW.\n")
    assert ("94-KH/TU", "IMPLEMENTS", "25-NQ/TW") in rels(issued)
    english = ("Provincial news\n\nOn March 5, the provincial Party Committee issued Plan No. 94-KH/TU on mass "
               "mobilisation work. Accordingly, Party committees will continue to implement Resolution No. 25-NQ/TW.\n")
    assert ("94-KH/TU", "FOLLOWS_UP_ON", "25-NQ/TW") in rels(english)
    # "Theo dõi, …" (to follow up) is no pointing word
    follow = issued.replace("Theo đó, các cấp ủy tổ chức quán triệt,", "Theo dõi, đôn đốc việc")
    assert ("94-KH/TU", "IMPLEMENTS", "25-NQ/TW") not in rels(follow)


ATTACHED = """CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ THỰC HIỆN KẾT LUẬN SỐ 81-KL/TW NGÀY 4 THÁNG 6 NĂM 2024 CỦA BỘ \\
CHÍNH TRỊ VỀ BẢO ĐẢM AN NINH LƯƠNG THỰC
(Kèm theo Nghị quyết số 131/NQ-CP ngày 22 tháng 8 năm 2024 của Chính phủ)

Ngày 4 tháng 6 năm 2024, Bộ Chính trị ban hành Kết luận số 81-KL/TW về bảo đảm an ninh lương thực quốc gia.

II. TỔ CHỨC THỰC HIỆN
1. Bộ Nông nghiệp và Phát triển nông thôn chủ trì, theo dõi, đôn đốc việc thực hiện Chương trình.
2. Các bộ, ngành, địa phương xây dựng kế hoạch thực hiện.
""".replace("\\\n", "")


def test_a_programme_attached_to_a_numbered_resolution_gives_the_resolution_s_tasks():
    """"(Kèm theo Nghị quyết số …)" under an attached programme's heading: the resolution promulgates
    the programme, carries out what it carries out, and is the act of record whose tasks the text
    states."""
    out = extract_text(ATTACHED)
    programme = next(d["descriptor"] for d in out["documents"] if d["kind"] == "Chương trình hành động")
    assert {("131/NQ-CP", "RELATES_TO", programme), (programme, "IMPLEMENTS", "81-KL/TW"),
            ("131/NQ-CP", "IMPLEMENTS", "81-KL/TW")} <= triples(out)
    assert out["subject"] == "131/NQ-CP"
    assert {(a["document"], a["organization"], a["role"]) for a in out["assignments"]} >= {
        ("131/NQ-CP", "Bộ Nông nghiệp và Phát triển nông thôn", "lead"),
        ("131/NQ-CP", "Các bộ, ngành, địa phương", "execute")}
    # without the line, the programme is the text's own document
    alone = extract_text(ATTACHED.replace("(Kèm theo Nghị quyết số 131/NQ-CP ngày 22 tháng 8 năm 2024 của Chính phủ)\n", ""))
    assert alone["subject"] is not None and alone["subject"].startswith("Chương trình hành động")
    # a document the opening names first as what is carried out is not the subject, named again or not
    assert not any(d["subject"] for d in alone["documents"] if d["key"] == "81-KL/TW")


def test_an_english_sentence_of_necessity_states_what_the_text_s_own_document_requires():
    text = ("Conclusion No. 12-KL/TW of the Secretariat on overseas Vietnamese affairs\n\nThe Secretariat concluded "
            "as follows.\n\n1. It is necessary to continue to thoroughly grasp and strictly implement Resolution "
            "No. 36-NQ/TW of the Politburo.\n")
    assert ("12-KL/TW", "IMPLEMENTS", "36-NQ/TW") in rels(text)
    # without it, the sentence names no acting document in a text that is not the document itself
    assert ("12-KL/TW", "IMPLEMENTS", "36-NQ/TW") not in rels(text.replace("It is necessary to continue to",
                                                                           "Many localities continue to"))


def test_an_english_replacement_asked_for_only_relates_the_texts():
    text = ("Politburo news\n\nConclusion No. 14-KL/TW, which says that it is necessary to replace Regulation No. "
            "105-QD/TW on cadre management, was issued on May 5.\n")
    assert ("14-KL/TW", "RELATES_TO", "105-QĐ/TW") in rels(text)
    assert ("14-KL/TW", "SUPERSEDES", "105-QĐ/TW") in rels(text.replace("says that it is necessary to replace",
                                                                        "replaces"))


def test_english_reviews_of_some_years_of_implementation():
    news = "Provincial news\n\nPlan No. 312-KH/TU {} Directive No. 12-CT/TU of the provincial Party Committee.\n"
    for words in ("also reviews the five-year implementation of", "sets out the results of implementing",
                  "is issued to review the implementation of"):
        assert rels(news.format(words)) == {("312-KH/TU", "REVIEWS", "12-CT/TU")}, words
    assert rels(news.format("is issued to implement")) == {("312-KH/TU", "IMPLEMENTS", "12-CT/TU")}


def test_a_second_english_document_issued_with_the_first_is_another_one():
    text = ("Hanoi Party Committee news\n\nThe municipal Party Committee issued a plan reviewing the implementation "
            "of Resolution No. 18-NQ/TW and another plan reviewing the implementation of Directive No. 05-CT/TW.\n")
    out = extract_text(text)
    plans = [d["descriptor"] for d in out["documents"] if d["kind"] == "Kế hoạch"]
    assert len(plans) == 2
    assert {(s, t) for s, _, t in triples(out)} == {(plans[0], "18-NQ/TW"), (plans[1], "5-CT/TW")}
    # "and another" with no verb of issuance earlier in its sentence names nothing issued
    none = extract_text(text.replace("The municipal Party Committee issued a plan reviewing",
                                     "Delegates discussed a plan reviewing"))
    assert len([d for d in none["documents"] if d["kind"] == "Kế hoạch"]) < 2


STEERING = """BAN CHỈ ĐẠO TRUNG ƯƠNG
-------
Số: 01/2024/QĐ-BCĐTW
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Nội, ngày 5 tháng 2 năm 2024

QUYẾT ĐỊNH
Ban hành Quy chế hoạt động của Ban Chỉ đạo Trung ương về phòng, chống thiên tai

TRƯỞNG BAN CHỈ ĐẠO TRUNG ƯƠNG

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo Trung ương về phòng, chống thiên tai.

Điều 2. Các thành viên của Ban Chỉ đạo Trung ương, các Bộ, ngành, địa phương có liên quan chịu trách nhiệm thi hành Quyết định này.
"""


def test_a_comma_inside_a_compound_word_does_not_end_a_name_and_the_promulgated_document_is_the_title_s():
    out = extract_text(STEERING)
    rules = [d for d in out["documents"] if d["kind"] == "Quy chế"]
    assert [d["descriptor"] for d in rules] == ["Quy chế hoạt động của Ban Chỉ đạo Trung ương về phòng, chống thiên tai"]
    assert ("1/2024/QĐ-BCĐTW", "RELATES_TO", rules[0]["descriptor"]) in triples(out)
