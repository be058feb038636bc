"""Assignments (ASSIGNS_TO) and issuing bodies (ISSUED_BY), on an invented plan."""
from __future__ import annotations

import pytest

from vankien.loaders.clean import normalize_text
from vankien.loaders.extract import extract_text
from vankien.loaders.fold import fold, strip_marks
from vankien.loaders.organizations import org_list, org_vocab

from extracted import subject_of  # noqa: E402

PLAN = """Tỉnh ủy ban hành Kế hoạch sơ kết Chỉ thị số 12-CT/TW

Ngày 5/3/2024, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 70-KH/TU về sơ kết 5 năm thực hiện Chỉ thị số 12-CT/TW, ngày 20/3/2019 của Ban Bí thư.

Ban Thường vụ Tỉnh ủy yêu cầu các đảng đoàn, ban cán sự đảng, BTV Tỉnh đoàn; các huyện, thị, thành ủy và Đảng ủy Khối cơ quan tỉnh nghiêm túc triển khai thực hiện; báo cáo sơ kết gửi về Ban Thường vụ Tỉnh ủy (qua Ban Tuyên giáo Tỉnh ủy) trước ngày 30/5/2024.

Về thời gian: Cấp cơ sở hoàn thành sơ kết trước ngày 15/4/2024; cấp huyện và tương đương hoàn thành trước ngày 30 tháng 4 năm 2024.

Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy, UBMTTQ tỉnh theo dõi, đôn đốc việc sơ kết.
"""


def assignments(text: str = PLAN) -> dict[tuple[str, str], dict]:
    return {(a["organization"], a["role"]): a for a in extract_text(text)["assignments"]}


def test_every_organisation_of_a_list_gets_one_assignment():
    a = assignments()
    for org in ("các đảng đoàn", "ban cán sự đảng", "Ban Thường vụ Tỉnh đoàn", "các huyện, thị, thành ủy",
                "Đảng ủy Khối cơ quan tỉnh"):
        assert (org, "execute") in a, org
    assert all(x["document"] == "70-KH/TU" for x in a.values())


def test_roles():
    a = assignments()
    assert ("Ban Tuyên giáo Tỉnh ủy", "lead") in a
    assert ("Văn phòng Tỉnh ủy", "coordinate") in a
    assert ("Ủy ban Mặt trận Tổ quốc tỉnh", "coordinate") in a          # UBMTTQ expanded
    assert ("Ban Thường vụ Tỉnh ủy", "report_to") in a
    assert ("Ban Tuyên giáo Tỉnh ủy", "report_to") in a                  # "(qua ...)"
    # the body that gives the orders is not given a task by them
    assert ("Ban Thường vụ Tỉnh ủy", "execute") not in a


def test_deadlines_belong_to_the_tasks_of_their_clause_or_sentence():
    a = assignments()
    assert a[("các đảng đoàn", "execute")]["deadline"] == "2024-05-30"     # same sentence, earlier clause
    assert a[("Ban Thường vụ Tỉnh ủy", "report_to")]["deadline"] == "2024-05-30"
    assert a[("Cấp cơ sở", "execute")]["deadline"] == "2024-04-15"         # each clause its own
    assert a[("cấp huyện và tương đương", "execute")]["deadline"] == "2024-04-30"
    assert a[("Ban Tuyên giáo Tỉnh ủy", "lead")]["deadline"] is None


def test_levels_and_keys():
    a = assignments()
    assert a[("các huyện, thị, thành ủy", "execute")]["level"] == "district"
    assert a[("Cấp cơ sở", "execute")]["level"] == "grassroots"
    assert a[("Ban Thường vụ Tỉnh đoàn", "execute")]["level"] == "provincial"
    assert a[("các đảng đoàn", "execute")]["level"] == "provincial"       # from the assigning plan
    assert a[("các đảng đoàn", "execute")]["organization_key"] == "đảng đoàn"


def test_evidence_spans_index_the_text():
    norm = normalize_text(PLAN)
    for x in extract_text(PLAN)["assignments"]:
        ev = x["evidence"]
        assert norm[ev["start"]:ev["end"]] == ev["text"]
        assert x["organization"].split()[-1].casefold() in " ".join(ev["text"].split()).casefold().replace("uỷ", "ủy")
        assert 0 < x["confidence"] <= 1


def test_no_subject_no_assignments():
    text = "Hội nghị yêu cầu các cấp ủy, tổ chức đảng nghiêm túc thực hiện."
    assert extract_text(text)["assignments"] == []


def test_issued_by_with_level():
    out = extract_text(PLAN)
    plan = next(d for d in out["documents"] if d["key"] == "70-KH/TU")
    assert plan["issued_by"]["organization"].startswith("Ban Thường vụ Tỉnh ủy")
    assert plan["issued_by"]["level"] == "provincial"
    ct = next(d for d in out["documents"] if d["key"] == "12-CT/TW")
    assert ct["issued_by"] == {"organization": "Ban Bí thư", "organization_key": "ban bí thư", "level": "central"}


def test_organisation_lists_end_at_the_task():
    text = "các sở, ban, ngành; UBND các huyện, thành phố tổ chức quán triệt"
    orgs, verb = org_list(text, 0, len(text))
    # "UBND" stays as the text writes it (kept_abbreviations); its key is the full name's
    assert [o.name for o in orgs] == ["các sở, ban, ngành", "UBND các huyện, thành phố"]
    assert orgs[1].key == "ủy ban nhân dân các huyện, thành phố"
    assert text[verb:].startswith("tổ chức quán triệt")
    # words that only look like organisations ("cán" is not "cần", "Ban hành" is no Ban)
    assert org_list("Ban hành kế hoạch", 0, 17)[0] == []
    assert org_vocab().key("Các Uỷ ban  nhân dân") == "ủy ban nhân dân"


HEADER = """TỈNH ỦY BẮC KẠN
Số: 41-KH/TU

KẾ HOẠCH
về công tác thông tin đối ngoại năm 2025

"""


def _names(text: str) -> list[str]:
    return [o.name for o in org_list(text, 0, len(text))[0]]


def test_a_name_is_not_cut_inside_its_head():
    # "chỉ đạo", "kiểm tra" are tasks, but not inside "Ban Chỉ đạo", "Ủy ban Kiểm tra"
    assert _names("Ban chỉ đạo công tác dân vận tỉnh kiểm tra việc thực hiện") == [
        "Ban chỉ đạo công tác dân vận tỉnh"]
    assert _names("Ủy ban Kiểm tra Huyện ủy theo dõi, giám sát") == ["Ủy ban Kiểm tra Huyện ủy"]
    # a joiner inside a head does not split it
    assert _names("Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn") == ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]


def test_names_end_before_the_task_and_before_what_follows_them():
    assert _names("Đảng đoàn HĐND tỉnh lãnh đạo việc giám sát") == ["Đảng đoàn HĐND tỉnh"]
    assert _names("các cấp ủy, tổ chức đảng trên cơ sở kết quả đại hội khẩn trương kiện toàn") == [
        "các cấp ủy, tổ chức đảng"]
    assert _names("các cấp ủy đảng, nhất là người đứng đầu phải gương mẫu") == ["các cấp ủy đảng"]


def test_a_heading_run_into_its_task_ends_at_the_task_verb_written_with_its_capital():
    # a page that lost its line breaks: "1. Ban … Tỉnh ủy | Tham mưu …" in one line
    head = "TỈNH ỦY PHÚ THỌ\nSố 77-KH/TU\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị\n\nTỔ CHỨC THỰC HIỆN\n"
    def tasks(body):
        return {(a["organization"], a["role"]) for a in extract_text(head + body)["assignments"]}
    assert ("Ban Tổ chức Tỉnh ủy", "lead") in tasks(
        "1. Ban Tổ chức Tỉnh ủy Chủ trì tham mưu Ban Thường vụ Tỉnh ủy chỉ đạo công tác nhân sự.")
    dashed = tasks("2. Ban Tuyên giáo Tỉnh ủy - Chủ trì, phối hợp với Ban Dân vận Tỉnh ủy hướng dẫn tuyên truyền.")
    assert {("Ban Tuyên giáo Tỉnh ủy", "lead"), ("Ban Dân vận Tỉnh ủy", "coordinate")} <= dashed
    # a capitalised verb inside a name stays in it, and so does a capital after a dash
    assert _names("Ủy ban Kiểm tra Tỉnh ủy chủ trì") == ["Ủy ban Kiểm tra Tỉnh ủy"]
    assert _names("Ban Chỉ đạo tỉnh chủ trì") == ["Ban Chỉ đạo tỉnh"]
    assert _names("Đài Phát thanh - Truyền hình tỉnh tổ chức tuyên truyền") == ["Đài Phát thanh - Truyền hình tỉnh"]


def test_generic_nouns_run_on_but_collective_names_stand_alone():
    assert _names("các cơ quan, đơn vị có liên quan tổ chức thực hiện") == ["các cơ quan, đơn vị có liên quan"]
    assert _names("Thủ trưởng các Sở, Ban, ngành tỉnh thực hiện") == ["Thủ trưởng các Sở, Ban, ngành tỉnh"]
    assert _names("các cấp ủy đảng, chính quyền, Mặt trận Tổ quốc triển khai") == [
        "các cấp ủy đảng", "chính quyền", "Mặt trận Tổ quốc"]
    assert _names("các đảng đoàn, ban cán sự đảng triển khai") == ["các đảng đoàn", "ban cán sự đảng"]
    # a short name after a collective of its own is another body; a word of `run_on` still goes on
    assert _names("các cấp ủy, cơ quan, đơn vị, tổ chức chính trị - xã hội triển khai") == [
        "các cấp ủy", "cơ quan, đơn vị", "tổ chức chính trị - xã hội"]
    assert _names("các cấp ủy, chính quyền, cơ quan, đơn vị triển khai") == ["các cấp ủy", "chính quyền", "cơ quan, đơn vị"]
    assert _names("các cấp ủy, tổ chức đảng triển khai") == ["các cấp ủy, tổ chức đảng"]
    # a post said once for two kinds of body; a full stop inside an abbreviation ends no name
    assert _names("thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch UBND các tỉnh, thành phố trực thuộc "
                  "T.Ư quán triệt nội dung") == [
        "thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Chủ tịch UBND các tỉnh, thành phố trực thuộc T.Ư"]
    assert _names("Ban Tuyên giáo Tỉnh ủy. Các chi bộ triển khai") == ["Ban Tuyên giáo Tỉnh ủy"]


def test_a_bracket_between_the_names_and_their_verb_ends_the_names_not_the_task():
    text = ("Số 120-KH/QU\n\nKẾ HOẠCH\ntuyên truyền năm 2025\n\n3/ UBND quận, các ban Đảng Quận ủy (theo chức năng, "
            "nhiệm vụ) chủ trì triển khai thực hiện.\n4/ Các chi bộ (qua Ban Tổ chức Quận ủy) báo cáo kết quả.\n")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert {("UBND quận", "lead"), ("các ban Đảng Quận ủy", "lead"), ("Các chi bộ", "execute")} <= got
    # a bracket with no verb after it still closes the list
    assert _names("Ban Tuyên giáo Tỉnh ủy (cơ quan thường trực) và các ban khác") == ["Ban Tuyên giáo Tỉnh ủy"]


def test_a_body_that_acts_by_itself_ends_its_name_before_tu():
    text = "Số 7-KH/HU\n\nKẾ HOẠCH\nkiểm tra năm 2025\n\nCác chi bộ tự kiểm tra việc chấp hành Điều lệ Đảng trong quý II."
    assert {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]} == {("Các chi bộ", "execute")}


def test_what_a_body_is_charged_with_stands_between_it_and_its_verb():
    text = ("Số 7-KH/HU\n\nKẾ HOẠCH\nkiểm tra năm 2025\n\nỦy ban Kiểm tra Huyện ủy, Ban Tổ chức Huyện ủy theo chức năng, "
            "nhiệm vụ tham mưu Ban Thường vụ Huyện ủy kiểm tra việc thực hiện.")
    assert {a["organization"] for a in extract_text(text)["assignments"]} == {"Ủy ban Kiểm tra Huyện ủy", "Ban Tổ chức Huyện ủy"}


def test_a_local_body_s_name_ends_at_its_level_before_a_verb_no_list_knows():
    text = ("Số 7-KH/HU\n\nKẾ HOẠCH\ntuyên truyền năm 2025\n\nGiao Ủy ban nhân dân huyện chỉ đạo Phòng Văn hóa và "
            "Thông tin, Trung tâm Văn hóa - Thể thao huyện trang trí cờ, băng rôn; các đoàn thể chính trị - xã hội huyện "
            "vận động hội viên; các huyện ủy ra quân.")
    orgs = {a["organization"] for a in extract_text(text)["assignments"]}
    assert {"Trung tâm Văn hóa - Thể thao huyện", "các đoàn thể chính trị - xã hội huyện"} <= orgs


def test_a_department_is_another_body_than_the_committee_it_serves():
    text = ("Số 7-KH/HU\n\nKẾ HOẠCH\nkiểm tra năm 2025\n\n1. Các chi bộ báo cáo kết quả về Huyện ủy (qua Ban Tổ chức "
            "Huyện ủy) trước ngày 15/12/2025.\n2. Ban Thường vụ các đảng ủy và các đảng ủy tổ chức quán triệt.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert {("Huyện ủy", "report_to"), ("Ban Tổ chức Huyện ủy", "report_to")} <= a
    # a standing board acts for its committee: one body
    assert len([o for o, r in a if "đảng ủy" in o]) == 1


def test_a_level_closes_a_name_only_in_a_text_with_its_diacritics():
    from vankien.loaders.fold import strip_marks
    text = ("Số 7-KH/TW\n\nKẾ HOẠCH\nkhảo sát năm 2025\n\nCác đơn vị, địa phương được lựa chọn khảo sát gửi dự thảo "
            "báo cáo trước ngày 30/7/2025.")
    # typed without diacritics, "phuong" (of "địa phương") is no ward ("phường") closing the name
    orgs = {a["organization"] for a in extract_text(strip_marks(text))["assignments"]}
    assert orgs == {"Cac don vi, dia phuong"}


def test_a_task_verb_typed_without_diacritics_is_no_directive_of_the_body():
    from vankien.loaders.fold import strip_marks
    # "tham mưu" without its marks opens like "thăm" (a body's own act): it is the body's task
    text = ("Số: 145-KH/TĐTN\n\nKẾ HOẠCH\nhoạt động\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Ban Tuyên giáo Tỉnh đoàn: Tham mưu "
            "tổ chức các hoạt động.\n")
    assert [(a["organization"], a["role"]) for a in extract_text(strip_marks(text))["assignments"]] == \
        [("Ban Tuyen giao Tinh doan", "lead")]


def test_a_body_that_goes_on_with_a_task_gets_it():
    text = "Số 7-KL/TU\n\nKẾT LUẬN\nvề du lịch\n\n- Các cấp ủy, tổ chức đảng tiếp tục quán triệt Nghị quyết số 26-NQ/TU."
    assert {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]} == {("Các cấp ủy, tổ chức đảng", "execute")}


def test_giao_leads_or_carries_out_by_its_verb():
    text = HEADER + ("Giao Ban cán sự đảng UBND tỉnh hoàn thiện đề án. Giao Ban Tuyên giáo Tỉnh ủy chỉ đạo "
                     "công tác tuyên truyền. Giao Văn phòng Tỉnh ủy theo dõi việc thực hiện.\n")
    a = assignments(text)
    assert ("Ban cán sự đảng UBND tỉnh", "execute") in a
    assert ("Ban Tuyên giáo Tỉnh ủy", "lead") in a
    assert ("Văn phòng Tỉnh ủy", "lead") in a


def test_a_deadline_goes_to_every_task_of_its_clause():
    text = HEADER + ("Ban Đối ngoại Tỉnh ủy chủ trì, phối hợp với Sở Ngoại vụ xây dựng đề án (hoàn thành trước "
                     "ngày 15/3/2025); Ban Tổ chức Tỉnh ủy theo dõi, đôn đốc.\n")
    a = assignments(text)
    assert a[("Ban Đối ngoại Tỉnh ủy", "lead")]["deadline"] == "2025-03-15"
    assert a[("Sở Ngoại vụ", "coordinate")]["deadline"] == "2025-03-15"
    assert a[("Ban Tổ chức Tỉnh ủy", "lead")]["deadline"] is None      # a later clause: not its deadline


def test_a_deadline_to_the_end_of_a_day_at_the_latest():
    text = HEADER + "III. TỔ CHỨC THỰC HIỆN\n\nCác huyện ủy báo cáo kết quả về Ban Thường vụ Tỉnh ủy chậm nhất đến hết ngày 30/6/2025.\n"
    assert {a["deadline"] for a in extract_text(text)["assignments"]} == {"2025-06-30"}


def test_two_deadlines_are_two_tasks():
    text = HEADER + ("Đề nghị các địa phương, đơn vị gửi báo cáo trước ngày 30/9/2025. Riêng các địa phương, "
                     "đơn vị được chọn thí điểm gửi báo cáo trước ngày 15/9/2025.\n")
    deadlines = {x["organization"]: x["deadline"] for x in extract_text(text)["assignments"]}
    assert deadlines["các địa phương, đơn vị"] == "2025-09-30"
    assert deadlines["các địa phương, đơn vị được chọn thí điểm"] == "2025-09-15"


def test_no_tasks_from_reported_speech_or_the_distribution_list():
    text = HEADER + ("Phát biểu tại hội nghị, đồng chí Bí thư nhấn mạnh, đề nghị các huyện ủy quan tâm hơn nữa.\n"
                     "Yêu cầu Ban Tuyên giáo Tỉnh ủy hướng dẫn thực hiện.\n\n"
                     "Nơi nhận:\n- Ban Đối ngoại Trung ương,\n- Các huyện ủy, thành ủy,\n- Lưu Văn phòng Tỉnh ủy.\n")
    orgs = {x["organization"] for x in extract_text(text)["assignments"]}
    assert orgs == {"Ban Tuyên giáo Tỉnh ủy"}


def test_press_verbs_give_no_task_to_the_body_before_them():
    text = HEADER + "Báo Nhân dân trân trọng giới thiệu toàn văn Kế hoạch.\nCông đoàn Viên chức tỉnh tổ chức tuyên truyền.\n"
    orgs = {x["organization"] for x in extract_text(text)["assignments"]}
    assert orgs == {"Công đoàn Viên chức tỉnh"}


def test_a_capitalised_word_after_the_head_is_part_of_the_name_a_lower_case_verb_ends_it():
    # "Thống kê", "Kiểm tra" capitalised belong to the name; the same words in lower case end it
    assert _names("Cục Thống kê tỉnh thống kê số liệu") == ["Cục Thống kê tỉnh"]
    assert _names("Sở Tài chính cân đối, bố trí kinh phí") == ["Sở Tài chính"]
    assert _names("các địa phương xử lý nghiêm các vi phạm") == ["các địa phương"]
    # a lone syllable is no verb: it would cut the names it is part of
    assert _names("Ủy ban bầu cử tỉnh hướng dẫn") == ["Ủy ban bầu cử tỉnh"]


def test_a_name_goes_on_after_a_comma_with_capitalised_words():
    assert _names("Sở Văn hóa, Thể thao và Du lịch chủ trì") == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert _names("Sở Lao động, Thương binh và Xã hội, Sở Y tế phối hợp") == [
        "Sở Lao động, Thương binh và Xã hội", "Sở Y tế"]


def test_the_verb_after_auxiliaries_gives_the_role_of_a_body_at_the_head_of_a_clause():
    text = HEADER + ("Sở Y tế có trách nhiệm chủ trì tổ chức tiêm chủng. Công an tỉnh phối hợp bảo đảm an ninh. "
                     "Các huyện ủy khẩn trương triển khai.\n")
    a = assignments(text)
    assert ("Sở Y tế", "lead") in a
    assert ("Công an tỉnh", "coordinate") in a
    assert ("Các huyện ủy", "execute") in a


def test_meetings_reported_and_words_that_open_like_a_cue_give_no_task():
    text = HEADER + ("1. Thường trực Tỉnh ủy làm việc với Ban Nội chính Tỉnh ủy về công tác quý II.\n"
                     "2. Bộ Chính trị họp xem xét báo cáo.\n3. Dự giao ban công tác nội chính quý I.\n"
                     "4. Giao Ban Nội chính Tỉnh ủy chủ trì chuẩn bị nội dung; bảo đảm giao thông thông suốt.\n")
    assert set(assignments(text)) == {("Ban Nội chính Tỉnh ủy", "lead")}


def test_a_body_named_with_its_role_in_the_work_gets_the_task_after_it():
    text = HEADER + ("1. Ban Tuyên giáo Tỉnh ủy là cơ quan thường trực, có trách nhiệm theo dõi, đôn đốc việc thực "
                     "hiện.\n2. Người đứng đầu là người chịu trách nhiệm, phải gương mẫu thực hiện.\n")
    assert set(assignments(text)) == {("Ban Tuyên giáo Tỉnh ủy", "lead")}


def test_a_lone_noun_after_a_quantifier_shares_the_next_name_s_modifier():
    assert _names("các phòng, ban chuyên môn triển khai thực hiện") == ["các phòng, ban chuyên môn"]
    assert _names("Báo Hà Nam, Đài Phát thanh và Truyền hình tỉnh mở chuyên mục tuyên truyền") == [
        "Báo Hà Nam", "Đài Phát thanh và Truyền hình tỉnh"]


def test_a_word_that_opens_with_a_verb_does_not_end_a_name():
    # "giao tiếp" is not "giao": the portal's name goes on, and the list gets its task
    text = HEADER + ("Bên cạnh đó, các cơ quan báo chí của tỉnh, cổng thông tin giao tiếp điện tử tỉnh tập trung "
                     "tuyên truyền sâu rộng Kế hoạch.\n")
    assert set(assignments(text)) == {("các cơ quan báo chí của tỉnh", "execute"),
                                      ("cổng thông tin giao tiếp điện tử tỉnh", "execute")}


def test_a_deadline_without_its_year_falls_in_the_year_of_the_plan_unless_it_recurs():
    head = HEADER.replace("Số: 41-KH/TU", "Số: 41-KH/TU\nBắc Kạn, ngày 3 tháng 9 năm 2009")
    text = head + ("1. Các huyện ủy báo cáo kết quả trước ngày 30/10.\n2. Các đảng ủy trực thuộc hoàn thành trước "
                   "15/1.\n3. Văn phòng Tỉnh ủy tổng hợp trước ngày 15/11 hằng năm.\n")
    a = assignments(text)
    assert a[("Các huyện ủy", "execute")]["deadline"] == "2009-10-30"
    assert a[("Các đảng ủy trực thuộc", "execute")]["deadline"] == "2010-01-15"     # passed by then: next year
    assert a[("Văn phòng Tỉnh ủy", "lead")]["deadline"] is None                   # every year


def test_lists_of_names_before_semicolons_share_the_task_of_the_clause_that_ends_the_list():
    text = HEADER + ("Các ban đảng, đảng đoàn; các cơ quan, đơn vị của Đảng ở tỉnh; các đảng ủy trực thuộc Tỉnh ủy "
                     "chuẩn bị báo cáo trình Hội nghị Tỉnh ủy.\nCác sở, ngành đề xuất các đề án; gửi Sở Kế hoạch và "
                     "Đầu tư để tổng hợp.\n")
    assert set(assignments(text)) == {
        ("Các ban đảng", "execute"), ("đảng đoàn", "execute"), ("các cơ quan, đơn vị của Đảng ở tỉnh", "execute"),
        ("các đảng ủy trực thuộc Tỉnh ủy", "execute"), ("Các sở, ngành", "execute"),
        ("Sở Kế hoạch và Đầu tư", "report_to")}
    # a list of addressees with no task after it gives none
    assert assignments(HEADER + "Kính gửi: các huyện ủy; các đảng ủy trực thuộc.\n") == {}


def test_a_body_named_as_a_heading_ends_where_the_next_line_starts_its_task():
    # the capital of a line's first word opens a sentence, not a part of the name before the line break
    text = HEADER + ("IV. TỔ CHỨC THỰC HIỆN\n2. Ban cán sự đảng Ủy ban nhân dân tỉnh\nLãnh đạo, chỉ đạo xây dựng "
                     "kế hoạch cụ thể; bố trí kinh phí.\n3. Các huyện ủy, thành ủy\n- Căn cứ Kế hoạch này, xây dựng "
                     "kế hoạch thực hiện.\n")
    assert set(assignments(text)) == {("Ban cán sự đảng Ủy ban nhân dân tỉnh", "execute"),
                                      ("Các huyện ủy, thành ủy", "execute")}
    # within a line, a capitalised word after the head is still part of the name
    assert _names("Ban Chỉ đạo tổ chức thực hiện") == ["Ban Chỉ đạo"]


def test_a_deadline_ends_the_name_before_it():
    text = HEADER + "1. Các huyện ủy gửi báo cáo về Ban Thường vụ Tỉnh ủy chậm nhất ngày 30/5/2021.\n"
    found = assignments(text)
    assert ("Ban Thường vụ Tỉnh ủy", "report_to") in found
    assert found[("Ban Thường vụ Tỉnh ủy", "report_to")]["deadline"] == "2021-05-30"


def test_a_capital_after_a_spaced_dash_goes_on_with_the_name():
    assert _names("Báo Quảng Trị, Đài Phát thanh - Truyền hình tỉnh mở chuyên mục") == [
        "Báo Quảng Trị", "Đài Phát thanh - Truyền hình tỉnh"]
    # a lower-case description after the dash still ends it
    assert _names("Ban Dân vận Tỉnh ủy - cơ quan thường trực - theo dõi") == ["Ban Dân vận Tỉnh ủy"]


def test_a_body_that_agrees_to_ask_gives_the_task_instead_of_receiving_it():
    text = HEADER + ("Ban Thường vụ Tỉnh ủy Thừa Thiên - Huế thống nhất đề nghị các sở, ngành khẩn trương hoàn "
                     "thiện đề án.\n")
    assert set(assignments(text)) == {("các sở, ngành", "execute")}


def test_a_heading_of_a_body_s_duties_gives_it_the_tasks_after_it():
    text = HEADER + ("3. Trách nhiệm của Ban cán sự đảng Ủy ban nhân dân tỉnh: chỉ đạo bố trí kinh phí.\n"
                     "4. Việc này thuộc trách nhiệm của Văn phòng Tỉnh ủy.\n")
    assert set(assignments(text)) == {("Ban cán sự đảng Ủy ban nhân dân tỉnh", "execute")}


def test_a_national_assembly_delegation_is_a_body_and_a_focal_point_leads():
    text = HEADER + ("3. Ban Tổ chức Tỉnh ủy làm đầu mối tham mưu về công tác cán bộ.\n"
                     "4. Đề nghị Đoàn đại biểu Quốc hội tỉnh giám sát việc thực hiện.\n")
    assert set(assignments(text)) == {("Ban Tổ chức Tỉnh ủy", "lead"), ("Đoàn đại biểu Quốc hội tỉnh", "execute")}


def test_persons_in_a_list_of_bodies_are_left_out_and_do_not_end_it():
    text = HEADER + ("Điều 3. Văn phòng Tỉnh ủy, Ban Tổ chức Tỉnh ủy và các đồng chí có tên tại Điều 1 căn cứ "
                     "Quyết định thi hành.\n")
    assert set(assignments(text)) == {("Văn phòng Tỉnh ủy", "execute"), ("Ban Tổ chức Tỉnh ủy", "execute")}


def test_a_clause_may_open_with_a_phrase_of_time_ground_or_topic():
    lead = "Ban Thường vụ Huyện ủy ban hành Kế hoạch số 45-KH/HU ngày 4/1/2024 về công tác tuyên truyền năm 2024.\n"
    cases = {
        "Trong quý I năm 2024, Ban Tuyên giáo Huyện ủy và Ban Dân vận Huyện ủy tăng cường tuyên truyền.":
            {("Ban Tuyên giáo Huyện ủy", "execute"), ("Ban Dân vận Huyện ủy", "execute")},
        "Căn cứ kế hoạch này, Ban Tuyên giáo Huyện ủy chủ trì tổ chức hội nghị báo cáo viên.":
            {("Ban Tuyên giáo Huyện ủy", "lead")},
        "Về tổ chức thực hiện, các chi bộ trực thuộc xây dựng chương trình cụ thể.":
            {("các chi bộ trực thuộc", "execute")},
    }
    for sentence, expected in cases.items():
        assert set(assignments(lead + sentence)) == expected, sentence


def test_organisations_that_undergo_a_passive_verb_get_no_task():
    lead = "Ban Thường vụ Huyện ủy ban hành Kế hoạch số 45-KH/HU ngày 4/1/2024 về công tác tổ chức.\n"
    assert assignments(lead + "Sau đại hội, các chi bộ được kiện toàn và hoạt động ổn định.") == {}
    # a passive of assigning or choosing puts them to work
    assert set(assignments(lead + "Các chi bộ được lựa chọn tổ chức sinh hoạt mẫu trong quý II.")) == {
        ("Các chi bộ", "execute")}
    assert set(assignments(lead + "Các chi bộ được phân công xây dựng báo cáo chuyên đề.")) == {
        ("Các chi bộ", "execute")}


def test_quantified_names_organised_activities_and_a_colon_before_the_task():
    lead = "Ban Thường vụ Huyện ủy ban hành Kế hoạch số 45-KH/HU ngày 4/1/2024 về công tác tuyên truyền năm 2024.\n"
    cases = {
        "Hằng tháng, các chi bộ tổ chức sinh hoạt chuyên đề.": {("các chi bộ", "execute")},
        "Tất cả các chi bộ tổ chức lấy ý kiến đảng viên.": {("Tất cả các chi bộ", "execute")},
        "Mỗi chi bộ lựa chọn một chuyên đề.": {("Mỗi chi bộ", "execute")},
        "Ban Tuyên giáo Huyện ủy: chủ trì, phối hợp với Văn phòng Huyện ủy tổ chức hội nghị.":
            {("Ban Tuyên giáo Huyện ủy", "lead"), ("Văn phòng Huyện ủy", "coordinate")},
    }
    for sentence, expected in cases.items():
        assert set(assignments(lead + sentence)) == expected, sentence
    # a headline "Body: What it did" reports, it assigns nothing
    headline = "Huyện ủy Tam Nông: Quán triệt Chỉ thị số 35-CT/TW của Bộ Chính trị\n\n"
    assert assignments(headline + "Sáng 5/10, Huyện ủy Tam Nông tổ chức hội nghị quán triệt Chỉ thị.") == {}


def test_a_news_item_on_a_letter_and_what_the_letter_says():
    # a headline "Tỉnh ủy … có văn bản …" reports a letter issued (the aspect word dropped); "Văn bản
    # nêu rõ, …" opens a clause whose organisations get its tasks
    text = ("Tỉnh ủy Quảng Trị có văn bản chỉ đạo phòng, chống thiên tai\n\n"
            "Văn bản nêu rõ, các huyện ủy, thị ủy tăng cường kiểm tra công tác phòng, chống thiên tai.")
    out = extract_text(text)
    subject = subject_of(out)
    assert subject["kind"] == "Văn bản" and subject["scope"] == "Quảng Trị"
    assert {(a["organization"], a["role"]) for a in out["assignments"]} == {("các huyện ủy, thị ủy", "execute")}


def test_a_name_closed_by_lien_quan_stops_before_the_task():
    # "tổ chức" may be a word of a name ("tổ chức đảng"): after "liên quan" it is the task
    assert _names("các cơ quan liên quan tổ chức treo băng rôn") == ["các cơ quan liên quan"]
    assert _names("các đơn vị có liên quan xây dựng kế hoạch") == ["các đơn vị có liên quan"]
    # a list goes on after it
    assert _names("các sở, ngành liên quan, các huyện ủy báo cáo") == ["các sở, ngành liên quan", "các huyện ủy"]
    assert _names("các cơ quan liên quan và Văn phòng Tỉnh ủy theo dõi") == [
        "các cơ quan liên quan", "Văn phòng Tỉnh ủy"]


def test_common_task_verbs_end_a_name():
    assert _names("Ủy ban nhân dân huyện đẩy nhanh tiến độ giải phóng mặt bằng") == ["Ủy ban nhân dân huyện"]
    assert _names("Sở Nội vụ thúc đẩy cải cách hành chính") == ["Sở Nội vụ"]
    # a capitalised word after a head is the name's ("Ban Quản lý các khu công nghiệp")
    assert _names("Ban Quản lý các khu công nghiệp tỉnh rà soát các dự án") == ["Ban Quản lý các khu công nghiệp tỉnh"]


def test_a_youth_union_bloc_is_an_organisation():
    assert _names("Công đoàn Viên chức tỉnh, Đoàn Khối các cơ quan tỉnh phối hợp tuyên truyền") == [
        "Công đoàn Viên chức tỉnh", "Đoàn Khối các cơ quan tỉnh"]


def test_to_chuc_before_a_task_verb_ends_a_name():
    assert _names("Ban Dân vận Tỉnh ủy tổ chức phổ biến Chỉ thị này") == ["Ban Dân vận Tỉnh ủy"]
    # alone it may still be a word of a name
    assert _names("các tổ chức đảng, đơn vị báo cáo") == ["các tổ chức đảng, đơn vị"]


def test_to_chuc_after_a_name_before_any_other_word_is_the_task():
    # before a verb no list knows, "tổ chức" is what the body does
    assert _names("Huyện đoàn tổ chức ký cam kết với đoàn viên") == ["Huyện đoàn"]
    assert _names("Tỉnh đoàn, Hội Nông dân tỉnh tổ chức trao quà") == ["Tỉnh đoàn", "Hội Nông dân tỉnh"]
    # before a word that goes on with the noun, or as a piece of a list, it is part of the name
    assert _names("các tổ chức chính trị - xã hội tỉnh vận động") == ["các tổ chức chính trị - xã hội tỉnh"]
    assert _names("các cơ quan, tổ chức, đơn vị báo cáo") == ["các cơ quan, tổ chức, đơn vị"]
    assert _names("các cơ quan, đơn vị và tổ chức đảng báo cáo") == ["các cơ quan, đơn vị", "tổ chức đảng"]


def test_common_verbs_of_directives_end_a_lower_case_name():
    assert _names("các sở, ngành tháo gỡ khó khăn cho doanh nghiệp") == ["các sở, ngành"]
    assert _names("các địa phương ven biển ứng phó với bão") == ["các địa phương ven biển"]


def test_the_issuer_of_the_document_directs_where_another_body_is_given_a_task():
    plan = HEADER + "III. TỔ CHỨC THỰC HIỆN\n\n{}\n"
    got = {(a["organization"], a["role"]) for a in extract_text(plan.format(
        "Ban Thường vụ Tỉnh ủy chỉ đạo các huyện ủy, thành ủy tổ chức quán triệt."))["assignments"]}
    assert got == {("các huyện ủy, thành ủy", "execute")}
    got = {(a["organization"], a["role"]) for a in extract_text(plan.format(
        "Ban Thường vụ các huyện ủy, thành ủy chỉ đạo tổ chức quán triệt."))["assignments"]}
    assert got == {("Ban Thường vụ các huyện ủy, thành ủy", "execute")}


def test_the_points_of_a_directive_numbered_by_words_open_their_clauses():
    text = HEADER + "III. TỔ CHỨC THỰC HIỆN\n\nMột là, các cấp ủy đảng nâng cao nhận thức.\nThứ hai, Mặt trận Tổ quốc tỉnh đổi mới phương thức vận động.\n"
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert got == {("các cấp ủy đảng", "execute"), ("Mặt trận Tổ quốc tỉnh", "execute")}


def test_a_piece_that_names_no_body_ends_the_name_before_it():
    # "cán bộ, đảng viên" are persons: the pieces after them do not run on with the bodies before
    assert _names("các cơ quan, đơn vị và cán bộ, đảng viên thực hiện") == ["các cơ quan, đơn vị"]
    assert _names("Ban Tuyên giáo và cán bộ, đảng viên, Văn phòng Tỉnh ủy thực hiện") == [
        "Ban Tuyên giáo", "Văn phòng Tỉnh ủy"]


def test_central_bodies_named_since_2025_and_a_head_with_a_comma_inside():
    assert _names("Ban Chính sách, chiến lược Trung ương chủ trì, phối hợp") == ["Ban Chính sách, chiến lược Trung ương"]
    assert _names("Đảng ủy Công an Trung ương, Quân ủy Trung ương lãnh đạo thực hiện") == [
        "Đảng ủy Công an Trung ương", "Quân ủy Trung ương"]
    assert _names("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương chỉ đạo") == [
        "Đảng ủy Mặt trận Tổ quốc", "các đoàn thể Trung ương"]


def test_people_at_large_in_a_list_are_no_body_nor_a_word_of_the_name_before():
    assert _names("Các cấp ủy, tổ chức đảng, đảng viên chịu trách nhiệm thi hành") == ["Các cấp ủy, tổ chức đảng"]
    assert _names("các chi bộ, đảng viên thực hiện") == ["các chi bộ"]


def test_places_after_a_quantifier_name_the_bodies_of_every_unit():
    assert _names("các xã, thị trấn tổ chức thực hiện") == ["các xã, thị trấn"]
    assert _names("Các chi, đảng bộ trực thuộc căn cứ kế hoạch tổ chức thực hiện") == ["Các chi, đảng bộ trực thuộc"]
    # alone, a place is no body; nor is a compound a place word opens ("chi phí", "xã hội")
    assert _names("xã Tân Hòa tổ chức thực hiện") == []
    assert _names("Các chi phí thực hiện Kế hoạch do ngân sách tỉnh bảo đảm") == []
    assert _names("Các xã hội nghề nghiệp tham gia") == []
    assert _names("Các chi đảng bộ trực thuộc tổ chức quán triệt") == ["Các chi đảng bộ trực thuộc"]


def test_a_clause_opening_with_what_the_document_also_says_gives_the_body_at_its_head_a_task():
    text = ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 61-KH/TU thực hiện Chỉ thị số 39-CT/TW. Kế hoạch cũng "
            "nêu rõ, Ban cán sự đảng UBND tỉnh lãnh đạo việc bố trí kinh phí thực hiện.")
    assert "Ban cán sự đảng UBND tỉnh" in {a["organization"] for a in extract_text(text)["assignments"]}


def test_without_diacritics_a_verb_that_is_a_word_of_a_head_ends_a_name_where_no_head_holds_it():
    text = ("Ket luan so 120-KL/TW\n\nBo Chinh tri giao Dang uy Chinh phu lanh dao xay dung ke hoach thuc hien; "
            "giao Ban Tuyen giao Trung uong chu tri huong dan. Uy ban nhan dan cac cap can tap trung chi dao thuc hien.")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert ("Dang uy Chinh phu", "lead") in got and ("Ban Tuyen giao Trung uong", "lead") in got
    assert ("Uy ban nhan dan cac cap", "execute") in got
    assert not [o for o, _ in got if o.startswith("Bo Chinh tri") or o.endswith(" can")]


def test_a_sentence_opening_with_another_document_s_type_word_states_that_document_s_tasks():
    text = ("Ngày 5/3/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 71-KH/TU thực hiện Kết luận số 126-KL/TW. "
            "Kế hoạch giao Ban Tổ chức Tỉnh ủy chủ trì tham mưu đề án.\n\n"
            "Cùng ngày, Thường trực Tỉnh ủy có Công văn số 902-CV/TU về việc tạm dừng đại hội chi bộ. Công văn yêu "
            "cầu các huyện ủy rà soát, báo cáo Thường trực Tỉnh ủy trước ngày 15/3/2025.")
    got = {(a["document"], a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert ("71-KH/TU", "Ban Tổ chức Tỉnh ủy", "lead") in got
    assert ("902-CV/TU", "các huyện ủy", "execute") in got
    assert not [x for x in got if x[0] == "71-KH/TU" and x[1] == "các huyện ủy"]


def test_a_report_states_what_bodies_did_and_a_heading_s_last_word_is_no_cue():
    text = ("HUYỆN ỦY KỲ SƠN\n*\nSố 88-BC/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nKỳ Sơn, ngày 5 tháng 11 năm 2024\n\nBÁO CÁO\n"
            "sơ kết 5 năm thực hiện Chỉ thị số 35-CT/TW\n\n1. Công tác lãnh đạo, chỉ đạo\nBan Thường vụ Huyện ủy ban "
            "hành Kế hoạch số 21-KH/HU để triển khai thực hiện Chỉ thị. Các chi bộ tổ chức quán triệt đến đảng viên.\n\n"
            "2. Kiến nghị\nĐề nghị Ban Thường vụ Tỉnh ủy quan tâm bố trí kinh phí.")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert not [o for o, _ in got if o in ("Ban Thường vụ Huyện ủy", "Các chi bộ")]
    plan = text.replace("Số 88-BC/HU", "Số 88-KH/HU").replace("BÁO CÁO\nsơ kết", "KẾ HOẠCH\nsơ kết")
    assert ("Các chi bộ", "execute") in {(a["organization"], a["role"]) for a in extract_text(plan)["assignments"]}


def test_a_report_sent_after_báo_cáo_is_sent_to_its_addressee():
    text = ("Kế hoạch số 44-KH/TU được ban hành. Các huyện ủy chuẩn bị báo cáo tự kiểm tra theo đề cương và gửi "
            "Đoàn kiểm tra của Tỉnh ủy trước ngày 30/6/2025.")
    got = {(a["organization"], a["role"], a["deadline"]) for a in extract_text(text)["assignments"]}
    assert ("Đoàn kiểm tra của Tỉnh ủy", "report_to", "2025-06-30") in got
    letter = "Văn phòng Tỉnh ủy ban hành Công văn số 95-CV/VPTU gửi các huyện ủy về lịch làm việc."
    assert not [a for a in extract_text(letter)["assignments"] if a["role"] == "report_to"]


def test_a_colon_may_stand_between_giao_and_the_bodies_it_charges():
    text = ("KẾ HOẠCH\ntổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW\n\n"
            "Ban Thường vụ Thị ủy giao: Ban Tổ chức Thị ủy chủ trì, tham mưu xây dựng báo cáo; Văn phòng Thị ủy "
            "bảo đảm kinh phí.")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert ("Ban Tổ chức Thị ủy", "lead") in got
    assert ("Văn phòng Thị ủy", "execute") in got
    # a colon that ends the line opens a list below: its items are read as lines of their own
    listed = text.replace("giao: Ban Tổ chức", "giao:\n- Ban Tổ chức").replace("; Văn phòng", ";\n- Văn phòng")
    assert got <= {(a["organization"], a["role"]) for a in extract_text(listed)["assignments"]}


def test_typed_without_diacritics_names_read_as_with_them():
    marked = ("KẾ HOẠCH\ntổng kết Chỉ thị số 05-CT/TW\n\n"
              "Ban Thường vụ Tỉnh ủy đề nghị Ban Thường vụ các huyện ủy, thị ủy tổ chức tổng kết. Các huyện ủy, "
              "thị ủy chuẩn bị báo cáo tự kiểm tra và gửi Đoàn kiểm tra trước ngày 30/6/2025. Đề nghị các địa "
              "phương, đơn vị tuyên truyền rộng rãi. Tham dự có đồng chí Lê Văn An, Trưởng Ban Tuyên giáo Tỉnh ủy.")
    unmarked = strip_marks(marked)
    for text in (marked, unmarked):
        got = [(fold(a["organization"]), a["role"]) for a in extract_text(text)["assignments"]]
        # one body for "Ban Thuong vu cac huyen uy, thi uy" and "Cac huyen uy, thi uy"; "bao cao tu kiem
        # tra" has no body "TU" (Trung uong's abbreviation is written in capitals); "cac dia phuong, don vi"
        # is a list, not a department of "don vi"; "Truong Ban Tuyen giao" holds no cue "giao"
        assert sorted(got) == sorted([("ban thuong vu cac huyen uy, thi uy", "execute"),
                                      ("doan kiem tra", "report_to"),
                                      ("cac dia phuong, don vi", "execute")]), text


def test_a_body_reported_to_have_given_orders_gives_the_document_no_task():
    text = ("Hội nghị trực tuyến quán triệt Nghị quyết số 60-NQ/TW\n\n"
            "Tỉnh ủy đã chỉ đạo tổ chức các điểm cầu trong toàn tỉnh; chỉ đạo các cơ quan báo chí của tỉnh "
            "đưa tin về hội nghị.")
    assert extract_text(text)["assignments"] == []
    plan = "KẾ HOẠCH\nquán triệt Nghị quyết số 60-NQ/TW\n\nTỉnh ủy chỉ đạo các cơ quan báo chí của tỉnh đưa tin về hội nghị."
    assert "các cơ quan báo chí của tỉnh" in [a["organization"] for a in extract_text(plan)["assignments"]]


ARTICLE = ("Triển khai Kết luận số 21-KL/TW\n\n(BTN) - Ban Thường vụ Tỉnh ủy vừa ban hành Kế hoạch thực hiện Kết luận "
           "số 21-KL/TW của Hội nghị Trung ương 4 khóa XIII.\n\n")


def test_a_document_that_says_is_not_reported_speech():
    said = ARTICLE + "Kế hoạch nhấn mạnh, các cấp ủy đảng phải xác định đây là nhiệm vụ trọng tâm."
    assert [(a["organization"], a["role"]) for a in extract_text(said)["assignments"]] == [("các cấp ủy đảng", "execute")]
    speech = ARTICLE + "Đồng chí Bí thư nhấn mạnh, các cấp ủy đảng phải xác định đây là nhiệm vụ trọng tâm."
    assert extract_text(speech)["assignments"] == []


def test_names_after_a_colon_that_announces_tasks_head_their_own():
    text = ARTICLE + ("Kế hoạch cũng đề ra nhiệm vụ cho các cơ quan: Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền; "
                      "Ban Tổ chức Tỉnh ủy theo dõi việc thực hiện.")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert got == {("Ban Tuyên giáo Tỉnh ủy", "lead"), ("Ban Tổ chức Tỉnh ủy", "lead")}
    # a colon that announces no task: the names after it are listed, not charged
    guests = ARTICLE + "Hội nghị có sự tham dự của đại biểu các cơ quan: Ban Tuyên giáo Tỉnh ủy chủ trì phần thảo luận."
    assert extract_text(guests)["assignments"] == []


def test_a_deadline_in_the_items_under_a_heading_s_names_is_theirs():
    text = ("KẾ HOẠCH\nthực hiện Chỉ thị số 45-CT/TW\n\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Các huyện ủy, thị ủy, thành ủy\n- Xây dựng kế hoạch triển khai thực hiện.\n"
            "- Báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 30/11/2025.\n"
            "2. Ban Tuyên giáo Tỉnh ủy\n- Hướng dẫn công tác tuyên truyền.\n")
    got = {(a["organization"], a["role"]): a["deadline"] for a in extract_text(text)["assignments"]}
    assert got[("Các huyện ủy, thị ủy, thành ủy", "execute")] == "2025-11-30"
    assert got[("Ban Thường vụ Tỉnh ủy", "report_to")] == "2025-11-30"
    assert got[("Ban Tuyên giáo Tỉnh ủy", "lead")] is None      # the next heading's: not reached


def test_a_body_that_directs_others_in_a_text_naming_no_document_acts_by_a_letter():
    text = ("Tỉnh ủy yêu cầu tập trung ứng phó với bão\n\n"
            "Trước diễn biến của bão, Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy, thành ủy tập trung chỉ đạo "
            "ứng phó.\n\nBan Thường vụ Tỉnh ủy đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh vận động nhân dân.")
    r = extract_text(text)
    subject = subject_of(r)
    assert (subject["key"], subject["kind"]) == (None, "Văn bản")
    assert {a["organization"] for a in r["assignments"]} == {"các huyện ủy, thành ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"}
    # typed as a letter's own words: "Văn bản yêu cầu …"
    letter = text.replace("Trước diễn biến của bão, Ban Thường vụ Tỉnh ủy yêu cầu", "Văn bản yêu cầu")
    assert next(d for d in extract_text(letter)["documents"] if d["subject"])["kind"] == "Văn bản"
    # what a body asks for at a meeting, no one addressed: no document, no task
    meeting = ("Quận ủy tổ chức hội nghị\n\nNgày 10/3, Quận ủy tổ chức hội nghị thông báo kết quả Hội nghị Trung ương. "
               "Thành ủy yêu cầu phát triển quận theo hướng hiện đại. Thời gian tới, Đảng bộ quận tập trung vào năm "
               "nhiệm vụ trọng tâm.")
    r = extract_text(meeting)
    assert not [d for d in r["documents"] if d["subject"]] and r["assignments"] == []


@pytest.mark.parametrize("act", ["chỉ đạo", "giao"])
def test_a_body_that_directs_or_gives_tasks_after_a_plan_it_carries_out_acts_by_a_letter(act):
    text = ("Triển khai kế hoạch chuyển đổi số\n\n"
            "Để triển khai Kế hoạch số 89-KH/TU ngày 12/3/2024 của Ban Thường vụ Tỉnh ủy về chuyển đổi số, "
            f"Chủ tịch UBND tỉnh {act} các sở, ban, ngành và UBND các huyện tổ chức thực hiện nghiêm túc.\n")
    r = extract_text(text)
    subject = subject_of(r)
    assert (subject["key"], subject["kind"]) == (None, "Văn bản")
    assert {a["document_index"] for a in r["assignments"]} == {r["documents"].index(subject)}
    assert {a["organization"] for a in r["assignments"]} == {"các sở, ban, ngành", "UBND các huyện"}
    # the verb with no one addressed after it ("giao lưu", "chỉ đạo điều hành"): the plan stays the subject
    unaddressed = text.replace(f"{act} các sở, ban, ngành và UBND các huyện", f"{act} sát sao việc")
    assert next(d for d in extract_text(unaddressed)["documents"] if d["subject"])["key"] == "89-KH/TU"


def test_what_bodies_will_do_in_a_plan_is_their_task_unless_it_is_a_directive_of_their_own():
    head = ("Huyện ủy triển khai công tác chuẩn bị đại hội\n\nNgày 5/3/2024, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch "
            "số 120-KH/TU về tổ chức đại hội chi bộ.\n\n")
    got = lambda s: {(a["organization"], a["role"], a["deadline"]) for a in extract_text(head + s)["assignments"]}  # noqa: E731
    assert got("Các đảng bộ, chi bộ cơ sở sẽ hoàn thành đại hội trước ngày 30/6/2024.") == {
        ("Các đảng bộ", "execute", "2024-06-30"), ("chi bộ cơ sở", "execute", "2024-06-30")}
    assert got("Đảng bộ xã Bình Minh và Chi bộ Khối Vận huyện sẽ tổ chức đại hội điểm.") == {
        ("Đảng bộ xã Bình Minh", "execute", None), ("Chi bộ Khối Vận huyện", "execute", None)}
    # a directive after the word of time or manner: the body gives orders, it is given none
    assert got("UBND tỉnh sẽ ban hành văn bản hướng dẫn các huyện.") == set()
    assert ("Ban Thường vụ Huyện ủy", "execute", None) not in got(
        "Ban Thường vụ Huyện ủy tiếp tục yêu cầu các chi bộ tổ chức đại hội đúng tiến độ.")


def test_chi_thi_cho_directs_the_bodies_after_it_far_from_the_body_that_directs():
    text = ("Tin hoạt động của thành phố\n\nBan Thường vụ Thành ủy vừa ban hành Chỉ thị về tăng cường công tác phòng "
            "cháy, chữa cháy trong mùa khô, chỉ thị cho cấp ủy và chính quyền các cấp tập trung lãnh đạo thực hiện tốt.\n")
    r = extract_text(text)
    assert {(a["organization"], a["role"]) for a in r["assignments"]} == {("cấp ủy", "execute"), ("chính quyền các cấp", "execute")}
    # "Chỉ thị cho …" written with its capital names a document, it directs no one
    named = text.replace("chỉ thị cho cấp ủy", "theo Chỉ thị cho cấp ủy")
    assert extract_text(named)["assignments"] == []


def test_a_directive_verb_chi_thi_addresses_bodies_and_localities_of_one_kind_are_one_name():
    text = ("CHỈ THỊ\nVề việc tăng cường phòng, chống thiên tai\n\n"
            "Thủ tướng Chính phủ chỉ thị các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
            "Trung ương tập trung thực hiện các nhiệm vụ sau.")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert got == {("các Bộ trưởng", "execute"),
                   ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "execute")}
    # the type word names a document, it directs no one
    named = "KẾ HOẠCH\nvề công tác dân vận\n\nBan Thường vụ Tỉnh ủy triển khai Chỉ thị Ban Bí thư về công tác dân vận."
    assert not [a for a in extract_text(named)["assignments"] if a["organization"] == "Ban Bí thư"]


def test_a_post_that_heads_a_body_and_an_example_set():
    text = ("KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW\n\nBí thư cấp ủy các cấp gương mẫu thực hiện; Bí thư chi bộ nêu "
            "gương trong sinh hoạt chi bộ.")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert got == {("Bí thư cấp ủy các cấp", "execute"), ("Bí thư chi bộ", "execute")}


def test_a_sentence_that_gives_bodies_the_items_below_gives_them_their_deadline():
    text = ("THÔNG BÁO\nkết luận của Thường trực Tỉnh ủy\n\n"
            "Thời gian tới, đề nghị Ban Thường vụ Huyện ủy tập trung thực hiện các nhiệm vụ sau:\n"
            "- Chỉ đạo rà soát quy hoạch, hoàn thành trước ngày 30/6/2025.\n- Tăng cường kiểm tra, giám sát.\n\n"
            "Giao Ban Tổ chức Tỉnh ủy hướng dẫn việc kiện toàn bộ máy.")
    got = {(a["organization"], a["role"]): a["deadline"] for a in extract_text(text)["assignments"]}
    assert got == {("Ban Thường vụ Huyện ủy", "execute"): "2025-06-30", ("Ban Tổ chức Tỉnh ủy", "lead"): None}


def test_list_items_numbered_with_a_slash():
    text = ("KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW\n\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1/ Ban Tuyên giáo Huyện ủy chủ trì hướng dẫn thực hiện.\n2/ Ban Tổ chức Huyện ủy theo dõi, kiểm tra.\n"
            "3/ UBND huyện chỉ đạo các phòng, ban chuyên môn triển khai thực hiện.\n")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert {("Ban Tuyên giáo Huyện ủy", "lead"), ("Ban Tổ chức Huyện ủy", "lead"),
            ("UBND huyện", "execute")} <= got
    lettered = text.replace("III. TỔ CHỨC", "II/ TỔ CHỨC").replace("1/ ", "a/ ").replace("2/ ", "b/ ").replace("3/ ", "c/ ")
    assert got == {(a["organization"], a["role"]) for a in extract_text(lettered)["assignments"]}


def test_a_cue_s_bodies_after_cho_and_a_body_that_orders_after_a_colon():
    head = "KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW\n\n"
    got = {(a["organization"], a["role"]) for a in extract_text(head + "Chỉ đạo cho các chi bộ tổ chức sinh hoạt chuyên đề.")["assignments"]}
    assert got == {("các chi bộ", "execute")}
    got = {(a["organization"], a["role"]) for a in extract_text(
        head + "Ban Thường vụ Tỉnh ủy chỉ đạo: các huyện ủy, thành ủy khẩn trương rà soát.")["assignments"]}
    assert got == {("các huyện ủy, thành ủy", "execute")}


def test_a_name_is_one_body_with_another_only_where_its_words_run_in_a_row_there():
    """"các ban Đảng" and "ban cán sự đảng" share their words but are two kinds of body; "các
    huyện, thị, thành ủy" is the body of "Ban Thường vụ các huyện, thị, thành ủy" named again."""
    text = ("TỈNH ỦY HÀ GIANG\n\nKẾ HOẠCH\nkiểm tra việc chấp hành nguyên tắc tập trung dân chủ\n\n"
            "1. Các ban Đảng, ban cán sự Đảng, đảng đoàn trực thuộc Tỉnh ủy tổ chức tự kiểm tra.\n"
            "2. Ban Thường vụ các huyện, thị, thành ủy lãnh đạo việc tự kiểm tra; các huyện, thị, "
            "thành ủy tổ chức thực hiện.\n")
    orgs = [a["organization"] for a in extract_text(text)["assignments"] if a["role"] == "execute"]
    assert "Các ban Đảng" in orgs and "ban cán sự Đảng" in orgs
    assert len([o for o in orgs if o.endswith("thị, thành ủy")]) == 1


def test_the_members_of_a_steering_committee_are_addressed_as_a_body():
    """"Các thành viên của Ban Chỉ đạo …, các Bộ, ngành … chịu trách nhiệm thi hành …": the members are
    addressed as one collective, and the list after them is read whole."""
    text = ("BAN CHỈ ĐẠO TRUNG ƯƠNG\n-------\nSố: 01/2024/QĐ-BCĐTW\nHà Nội, ngày 5 tháng 2 năm 2024\n\nQUYẾT ĐỊNH\n"
            "Về việc kiện toàn tổ giúp việc\n\nQUYẾT ĐỊNH:\n\nĐiều 2. Các thành viên của Ban Chỉ đạo Trung ương, các "
            "Bộ, ngành, địa phương có liên quan chịu trách nhiệm thi hành Quyết định này.\n")
    orgs = [a["organization"] for a in extract_text(text)["assignments"]]
    assert "Các thành viên của Ban Chỉ đạo Trung ương" in orgs
    assert "các Bộ, ngành, địa phương có liên quan" in orgs


def test_a_cue_after_a_word_of_an_act_done_reports_it_and_gives_no_task():
    text = ("Ngày 5/6/2025, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 120-KH/HU thực hiện Chỉ thị số 39-CT/TW.\n\n"
            "Theo Kế hoạch, Ủy ban nhân dân huyện bố trí nguồn vốn; Hội Nông dân huyện {aspect}phối hợp với "
            "Phòng giao dịch Ngân hàng Chính sách xã hội huyện giải ngân vốn vay.")
    asked = {o for o, _ in assignments(text.format(aspect=""))}
    assert "Phòng giao dịch Ngân hàng Chính sách xã hội huyện" in asked
    for done in ("đã ", "từng ", "da "):
        told = {o for o, _ in assignments(text.format(aspect=done))}
        assert "Phòng giao dịch Ngân hàng Chính sách xã hội huyện" not in told
        assert "Ủy ban nhân dân huyện" in told


def test_the_verbs_of_a_body_that_did_something_give_no_task_but_a_task_after_a_done_clause_does():
    text = ("Ngày 10/11/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 300-KH/TU tổng kết Chỉ thị số 05-CT/TW.\n\n"
            "Ban Tuyên giáo Tỉnh ủy {done}chủ trì, phối hợp với Sở Văn hóa tổ chức nhiều cuộc thi. "
            "Mặt trận Tổ quốc tỉnh {ever}phối hợp với Tỉnh đoàn tổ chức diễn đàn.\n\n"
            "Kế hoạch yêu cầu các huyện ủy chuẩn bị báo cáo theo nội dung đã được gợi ý và gửi Ban Tuyên giáo "
            "Tỉnh ủy trước ngày 30/12/2025.")
    told = {o for o, _ in assignments(text.format(done="đã ", ever="từng "))}
    assert not told & {"Sở Văn hóa", "Tỉnh đoàn"}
    # "đã được gợi ý" describes the content; "và gửi …" is the task's next verb
    assert ("Ban Tuyên giáo Tỉnh ủy", "report_to") in assignments(text.format(done="đã ", ever="từng "))
    asked = {o for o, _ in assignments(text.format(done="", ever=""))}
    assert {"Sở Văn hóa", "Tỉnh đoàn"} <= asked
    # a directive reported as done tells of an earlier one, not of this document's tasks; a document
    # reported as issued gives the tasks that follow it
    told = text.format(done="", ever="") + " Năm 2024, Ban Thường vụ Tỉnh ủy {done}giao Ủy ban Kiểm tra Tỉnh ủy chủ trì."
    assert ("Ủy ban Kiểm tra Tỉnh ủy", "lead") in assignments(told.format(done=""))
    assert ("Ủy ban Kiểm tra Tỉnh ủy", "lead") not in assignments(told.format(done="đã "))
    issued = ("Tin của thành phố\n\nBan Thường vụ Thành ủy vừa có văn bản yêu cầu các phường tổ chức tuyên truyền.")
    assert ("các phường", "execute") in assignments(issued)
    # news that an act was just done reports the document's task
    just = told.format(done="vừa ").replace("Năm 2024, ", "")
    assert ("Ủy ban Kiểm tra Tỉnh ủy", "lead") in assignments(just)


def test_a_sentence_that_opens_with_a_time_past_tells_what_was_done_and_gives_no_task():
    text = ("Ngày 2/12/2025, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 95-KH/HU về công tác dân vận năm 2026.\n\n"
            "{opening}Ban Dân vận Huyện ủy chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc huyện tổ chức nhiều hoạt động.")
    for past in ("Thời gian qua, ", "Trong những năm qua, ", "- Những năm gần đây, "):
        assert assignments(text.format(opening=past)) == {}
    asked = assignments(text.format(opening=""))
    assert ("Ủy ban Mặt trận Tổ quốc huyện", "coordinate") in asked
    # only at the sentence's start: a past time named inside a request does not make it one
    inside = text.format(opening="Để khắc phục hạn chế những năm qua, giao ")
    assert ("Ban Dân vận Huyện ủy", "lead") in assignments(inside)


def test_bodies_chosen_for_a_task_carry_it_out_and_a_unit_keeps_its_number():
    text = ("ĐẢNG ỦY PHƯỜNG GIA THỤY\n*\nSố 40-KH/ĐU\n\nKẾ HOẠCH\ntổ chức đại hội chi bộ trực thuộc\n\n"
            "1. Chọn chi bộ tổ dân phố số 7 và chi bộ Trường Tiểu học Gia Thụy tổ chức đại hội điểm, hoàn thành "
            "trước ngày 30/4/2025.\n2. Chi bộ khu dân cư số 2 phối hợp chuẩn bị nhân sự theo Kế hoạch số 12-KH/ĐU.")
    a = assignments(text)
    assert a[("chi bộ tổ dân phố số 7", "execute")]["deadline"] == "2025-04-30"
    assert ("chi bộ Trường Tiểu học Gia Thụy", "execute") in a
    assert any(o == "Chi bộ khu dân cư số 2" for o, _ in a)
    # a choice reported is no task; a symbol's number is no unit's
    reported = text.replace("1. Chọn chi bộ", "1. Hai chi bộ được chọn là chi bộ")
    assert ("chi bộ tổ dân phố số 7", "execute") not in assignments(reported)
    assert not any("12-KH" in o for o, _ in a)


def test_a_body_chosen_in_the_passive_is_named_without_the_passive():
    text = ("Ngày 5/11/2019, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 176-KH/HU về đại hội đảng bộ các cấp.\n\n"
            "Theo Kế hoạch, Đảng bộ xã Tam Thái được {verb} tổ chức đại hội điểm, hoàn thành trước ngày 10/3/2020.")
    for verb in ("chọn", "lựa chọn", "cử"):
        a = assignments(text.format(verb=verb))
        assert a[("Đảng bộ xã Tam Thái", "execute")]["deadline"] == "2020-03-10"
    # what was done to the body gives it no task
    assert assignments(text.format(verb="kiện toàn")) == {}


def test_the_office_of_the_national_assembly_delegation_and_the_council_is_one_body():
    text = ("Ngày 3/3/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 210-KH/TU về phòng, chống tác hại của thuốc lá."
            "\n\nKế hoạch giao Ban Quản lý Khu kinh tế tỉnh, Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân "
            "tỉnh theo dõi việc thực hiện.")
    assert {o for o, _ in assignments(text)} == {"Ban Quản lý Khu kinh tế tỉnh",
                                                 "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"}


def test_a_sentence_that_ends_inside_its_quote_ends_at_the_line_break():
    text = ("Ngày 5/6/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 30-KH/TU thực hiện Kết luận số 64-KL/TW "
            "“Một số vấn đề về tiếp tục đổi mới hệ thống chính trị từ Trung ương đến cơ sở.{closer}\n"
            "Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền, hoàn thành trước ngày 30/6/2025.")
    for closer in ("”", "\"", "”)"):
        a = assignments(text.format(closer=closer))
        assert a[("Ban Tuyên giáo Tỉnh ủy", "lead")]["deadline"] == "2025-06-30", closer
    from vankien.loaders.segments import segments
    t = "Ông nói: “Phải làm ngay.” Các huyện ủy triển khai."
    assert [t[s.start:s.end] for s in segments(t)] == ["Ông nói: “Phải làm ngay.”", "Các huyện ủy triển khai."]


def test_a_word_that_differs_from_a_done_word_by_its_diacritics_is_none():
    text = ("Ngày 5/6/2025, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 120-KH/HU về tuyên truyền.\n\n"
            "Ban Tuyên giáo Huyện ủy tuyên truyền bằng nhiều hình thức {word}, phối hợp với Trung tâm Chính trị huyện "
            "mở lớp bồi dưỡng.")
    assert ("Trung tâm Chính trị huyện", "coordinate") in assignments(text.format(word="đa dạng"))
    assert ("Trung tâm Chính trị huyện", "coordinate") not in assignments(text.format(word="đã làm"))
