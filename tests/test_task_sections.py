"""Assignments laid out as the task section of an official text, and the un-numbered documents
that news articles report (all texts invented for these tests)."""
from __future__ import annotations

from vankien.loaders.extract import extract_text

from extracted import subject_of  # noqa: E402

SECTION = """ĐẢNG BỘ TỈNH CAO BẰNG
HUYỆN ỦY HÒA AN
Số 41-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Hòa An, ngày 2 tháng 4 năm 2024

KẾ HOẠCH
thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư

III. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Huyện ủy: Chủ trì, phối hợp với Hội Liên hiệp Phụ nữ huyện hướng dẫn học tập Chỉ thị.
2. Các chi bộ, đảng bộ trực thuộc Huyện ủy: Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện, hoàn thành trước ngày 30/4/2024.
3. Văn phòng Huyện ủy
- Theo dõi, đôn đốc việc thực hiện Kế hoạch;
- Tổng hợp kết quả, báo cáo Ban Thường vụ Huyện ủy trước ngày 15/12/2024.
4. Các cấp ủy, tổ chức đảng, lãnh đạo các cơ quan, đơn vị thường xuyên kiểm tra việc thực hiện.
Điều 3. Ủy ban Kiểm tra Huyện ủy chịu trách nhiệm thi hành Kế hoạch này.
"""


def assignments(text: str) -> dict[tuple[str, str], dict]:
    return {(a["organization"], a["role"]): a for a in extract_text(text)["assignments"]}


def test_a_body_named_before_a_colon_gets_the_tasks_after_it():
    a = assignments(SECTION)
    assert ("Ban Tuyên giáo Huyện ủy", "lead") in a                   # "…: Chủ trì"
    assert ("Hội Liên hiệp Phụ nữ huyện", "coordinate") in a
    assert a[("đảng bộ trực thuộc Huyện ủy", "execute")]["deadline"] == "2024-04-30"


def test_names_opening_a_line_then_a_colon_take_a_capitalised_task_verb():
    text = ("Số 25-KH/HU\n\nKẾ HOẠCH\ntuyên truyền năm 2025\n\nIV. TỔ CHỨC THỰC HIỆN\n"
            "Mặt trận Tổ quốc và các đoàn thể huyện: Tuyên truyền, vận động đoàn viên, hội viên.\n"
            "Các chi bộ: Xây dựng kế hoạch, tổ chức thực hiện.\n")
    assert set(assignments(text)) == {("Mặt trận Tổ quốc", "execute"), ("các đoàn thể huyện", "execute"),
                                      ("Các chi bộ", "execute")}
    # an article's line of that form reports what a body did
    article = "Tin địa phương\n\nBài viết.\n\nHuyện ủy Lục Nam: Tuyên truyền kỷ niệm ngày thành lập Đảng.\n"
    assert not extract_text(article)["assignments"]


def test_a_body_alone_on_its_item_line_gets_the_tasks_listed_under_it():
    a = assignments(SECTION)
    assert ("Văn phòng Huyện ủy", "lead") in a                        # "- Theo dõi, đôn đốc"
    assert ("Ban Thường vụ Huyện ủy", "report_to") in a


def test_a_name_that_opens_with_a_verb_does_not_end_the_list():
    a = assignments(SECTION)
    assert ("lãnh đạo các cơ quan, đơn vị", "execute") in a


def test_an_article_of_a_decision_is_a_list_item():
    assert ("Ủy ban Kiểm tra Huyện ủy", "execute") in assignments(SECTION)


def test_addressees_and_members_are_not_tasks():
    letter = ("CÔNG VĂN\nvề việc tổng kết công tác dân vận\n\nKính gửi:\n- Các ban đảng, đảng đoàn, ban cán sự đảng\n"
              "- Các tỉnh ủy, thành ủy\n\nĐề nghị các đơn vị tổng kết, gửi báo cáo về Ban Dân vận Trung ương.\n")
    a = assignments(letter)
    assert ("Các ban đảng", "execute") not in a and ("đảng đoàn", "execute") not in a
    assert ("các đơn vị", "execute") in a


def test_a_plan_reported_as_issued_in_lower_case_is_the_subject():
    article = ("Học tập nghị quyết đại hội Đảng bộ tỉnh\n\n"
               "Ban Thường vụ Tỉnh ủy Quảng Trị vừa ban hành kế hoạch tổ chức học tập, quán triệt và triển khai "
               "thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII.\n\n"
               "Theo kế hoạch, các cấp, các ngành tổ chức hội nghị quán triệt, hoàn thành trước ngày 30/12/2020.")
    r = extract_text(article)
    subject = subject_of(r)
    assert subject["kind"] == "Kế hoạch" and subject["key"] is None
    assert subject["descriptor"].startswith("Kế hoạch của Ban Thường vụ Tỉnh ủy Quảng Trị tổ chức học tập, quán triệt")
    a = {(x["organization"], x["role"]): x for x in r["assignments"]}
    assert a[("các cấp, các ngành", "execute")]["deadline"] == "2020-12-30"
    assert all(x["document"] == subject["descriptor"] for x in r["assignments"])


def test_a_request_asked_of_others_is_no_issued_document():
    # "ban hành kế hoạch" is a task here, not a document the text reports as issued
    r = extract_text("Yêu cầu các huyện ủy ban hành kế hoạch thực hiện Chỉ thị số 21-CT/TW.")
    assert [d["key"] for d in r["documents"]] == ["21-CT/TW"]


def test_a_letter_reported_by_a_generic_word_is_the_subject():
    article = ("Ban Bí thư vừa có văn bản gửi các tỉnh ủy, thành ủy về việc tổng kết công tác dân vận.\n\n"
               "Ban Bí thư yêu cầu các tỉnh ủy, thành ủy tổ chức tổng kết, gửi báo cáo về Ban Dân vận Trung ương.")
    r = extract_text(article)
    subject = subject_of(r)
    assert subject["kind"] == "Văn bản"
    assert ("Ban Dân vận Trung ương", "report_to") in {(x["organization"], x["role"]) for x in r["assignments"]}


def test_a_conclusion_that_speaks_is_the_subject():
    article = ("Kết luận về công tác cán bộ\n\nKết luận nêu rõ, các cấp ủy cần chuẩn bị tốt nhân sự. "
               "Giao Ban Tổ chức Trung ương chủ trì hướng dẫn thực hiện.")
    r = extract_text(article)
    subject = subject_of(r)
    assert subject["kind"] == "Kết luận" and subject["key"] is None
    assert ("Ban Tổ chức Trung ương", "lead") in {(x["organization"], x["role"]) for x in r["assignments"]}


def test_a_title_line_after_site_menus_names_the_text_s_document():
    page = ("Trang chủ | Giới thiệu | Liên hệ\nTìm kiếm\n"
            "Chỉ thị số 17-CT/TW, ngày 5 tháng 6 năm 2007 về việc tổ chức thực hiện Nghị quyết Hội nghị "
            "lần thứ tư Ban Chấp hành Trung ương Đảng khóa X\n"
            "Hội nghị lần thứ tư Ban Chấp hành Trung ương đã ra Nghị quyết về biển đảo.\n"
            "Các cấp ủy đảng cần tập trung lãnh đạo việc quán triệt Nghị quyết.")
    r = extract_text(page)
    assert r["subject"] == "17-CT/TW"
    assert {(x["document"], x["organization"]) for x in r["assignments"]} == {("17-CT/TW", "Các cấp ủy đảng")}


def test_a_document_a_request_asks_for_is_neither_the_subject_nor_a_document():
    article = ("Ban Bí thư vừa có văn bản về công tác cán bộ.\n\n"
               "Yêu cầu các tỉnh ủy, thành ủy ban hành Chương trình hành động thực hiện Nghị quyết số 18-NQ/TW, "
               "hoàn thành trước ngày 30/6/2025.")
    r = extract_text(article)
    assert [d["kind"] for d in r["documents"] if d["subject"]] == ["Văn bản"]
    assert "Chương trình hành động" not in [d["kind"] for d in r["documents"]]
    assert all(x["source"] != x["target"] and "Chương trình" not in (x["source"] or "") for x in r["relations"])


def test_an_amendment_asked_for_only_relates_the_texts():
    text = ("KẾT LUẬN\ncủa Bộ Chính trị về công tác hội quần chúng\n\n"
            "Giao Ban Tổ chức Trung ương chủ trì, tham mưu sửa đổi, bổ sung Quyết định số 118-QĐ/TW ngày 22/8/2023 "
            "của Ban Bí thư.\n\nKết luận này thay thế Kết luận số 20-KL/TW ngày 5/1/2022 của Bộ Chính trị.")
    types = {x["target"]: x["type"] for x in extract_text(text)["relations"]}
    assert types["118-QĐ/TW"] == "RELATES_TO"
    assert types["20-KL/TW"] == "SUPERSEDES"


def test_a_body_that_concludes_acts_by_an_unnamed_conclusion():
    article = ("Tại phiên họp ngày 10/3, Bộ Chính trị, Ban Bí thư đã kết luận như sau: yêu cầu các tỉnh ủy, "
               "thành ủy khẩn trương kiện toàn tổ chức bộ máy. Giao Ban Tổ chức Trung ương chủ trì hướng dẫn.")
    r = extract_text(article)
    subject = subject_of(r)
    assert subject["kind"] == "Kết luận" and subject["key"] is None
    assert {(x["organization"], x["role"]) for x in r["assignments"]} == {
        ("các tỉnh ủy, thành ủy", "execute"), ("Ban Tổ chức Trung ương", "lead")}


def test_tasks_stated_in_english():
    text = ("The Politburo issued Directive No. 12-CT/TW on Party building.\n\n"
            "The Politburo instructed Party committees at all levels and mass organisations to devise their own "
            "action plans. The Central Organizing Committee will preside over the review and coordinate with "
            "relevant agencies; the results are to be reported to the Secretariat. The mass media is urged to "
            "popularise the Directive.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert {("Party committees at all levels", "execute"), ("mass organisations", "execute"),
            ("The Central Organizing Committee", "lead"), ("relevant agencies", "coordinate"),
            ("The mass media", "execute")} <= a
    # a Vietnamese text is not read with the English grammar
    vi = "Ban Bí thư ban hành Chỉ thị số 12-CT/TW. Giao Ban Tổ chức Trung ương chủ trì, report to the Politburo."
    assert ("the Politburo", "report_to") not in {(x["organization"], x["role"]) for x in extract_text(vi)["assignments"]}


def test_an_english_article_reports_a_plan_issued_with_an_article():
    text = ("Lao Cai acts on science resolution\n\nLAO CAI (VNA) - The Standing Board of the provincial Party "
            "Committee has issued a detailed plan to implement Resolution No. 57-NQ/TW. Under the plan, district "
            "Party Committees are asked to brief all Party members before June 30, 2025.")
    r = extract_text(text)
    subject = subject_of(r)
    assert subject["kind"] == "Kế hoạch" and subject["key"] is None
    assert subject["descriptor"].startswith("Kế hoạch to implement")
    assert (subject["descriptor"], "IMPLEMENTS", "57-NQ/TW") in {(x["source"], x["type"], x["target"]) for x in r["relations"]}
    assert [(a["organization"], a["deadline"]) for a in r["assignments"]] == [("district Party Committees", "2025-06-30")]
    # a plan asked for is no plan issued
    asked = text.replace("has issued a detailed plan", "will issue a plan")
    assert not any(d["subject"] for d in extract_text(asked)["documents"])


def test_english_duties_stated_with_shall_and_a_name_ending_at_in():
    text = ("REGULATION No. 88-QD/TW on the work of inspection\n\nArticle 9. Implementation\n"
            "Provincial Party committees, Party delegations and Party executive committees shall organise the "
            "implementation of this Regulation. The Central Inspection Commission shall preside over and "
            "coordinate with the Central Organizing Committee in guiding the implementation.\n"
            "Violations shall be handled under the Party's rules.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert {("Provincial Party committees", "execute"), ("Party delegations", "execute"),
            ("The Central Inspection Commission", "lead"), ("the Central Organizing Committee", "coordinate")} <= a
    # a clause before "shall" that is not made of bodies gives nobody a task
    assert not {o for o, _ in a if "Violations" in o or "guiding" in o}


def test_english_leading_roles_as_official_translations_write_them():
    text = ("REGULATION No. 90-QD/TW on the work of inspection\n\nArticle 9. Implementation\n"
            "The Central Inspection Commission shall assume the prime responsibility for, and coordinate with, "
            "relevant agencies in guiding the implementation. The Central Party Office is responsible for "
            "monitoring the implementation.\n")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert {("The Central Inspection Commission", "lead"), ("relevant agencies", "coordinate"),
            ("The Central Party Office", "lead")} <= a


def test_item_marks_with_a_dash_and_headlines_without_aspect_words():
    text = ("HƯỚNG DẪN\nvề công tác kiểm tra\n\nI- MỤC ĐÍCH\n1- Yêu cầu\n"
            "a- Cấp ủy các cấp chỉ đạo thực hiện công tác kiểm tra.\n")
    assert ("Cấp ủy các cấp", "execute") in assignments(text)
    news = ("Tỉnh ủy Điện Biên ban hành kế hoạch thực hiện Nghị quyết số 57-NQ/TW\n\n"
            "Theo kế hoạch, các huyện ủy, thị ủy, thành ủy tổ chức quán triệt trước ngày 30/3/2025.")
    r = extract_text(news)
    subject = subject_of(r)
    assert subject["kind"] == "Kế hoạch" and subject["key"] is None
    assert (subject["descriptor"], "IMPLEMENTS", "57-NQ/TW") in {(x["source"], x["type"], x["target"]) for x in r["relations"]}


def test_an_article_reports_a_plan_a_body_issues_after_an_opening_clause():
    text = ("Huyện ủy Tiên Yên tổng kết Nghị quyết 23\n\n"
            "Thực hiện Kế hoạch số 77-KH/TU ngày 9/5/2025 của Tỉnh ủy về tổng kết Nghị quyết số 23-NQ/TW, "
            "Ban Thường vụ Huyện ủy Tiên Yên ban hành kế hoạch triển khai đến các chi bộ. "
            "Huyện ủy giao Ban Tổ chức Huyện ủy theo dõi, đôn đốc.")
    r = extract_text(text)
    subject = subject_of(r)
    assert subject["kind"] == "Kế hoạch" and subject["key"] is None and subject["scope"] == "Tiên Yên"
    assert (subject["descriptor"], "IMPLEMENTS", "77-KH/TU") in {(x["source"], x["type"], x["target"]) for x in r["relations"]}
    assert {(a["organization"], a["role"]) for a in r["assignments"]} == {("Ban Tổ chức Huyện ủy", "lead")}
    # a body that signs or sends a letter gives orders by it, it receives none
    signed = extract_text("Phòng chống bão\n\nBài viết về phòng chống bão.\n\nThường trực Tỉnh ủy ký văn bản chỉ đạo "
                          "các huyện ủy tập trung phòng chống bão.")
    assert {a["organization"] for a in signed["assignments"]} == {"các huyện ủy"}
    # a letter named by the generic word, the same way
    letter = text.replace("ban hành kế hoạch triển khai đến các chi bộ", "có văn bản yêu cầu các chi bộ tổng kết")
    subject = next(d for d in extract_text(letter)["documents"] if d["subject"])
    assert subject["kind"] == "Văn bản" and subject["key"] is None
    # a document of its own asks with the same words: a plan to come, not one issued
    letter = ("HUYỆN ỦY TIÊN YÊN\nSố 12-CV/HU\n\nThực hiện Kế hoạch số 77-KH/TU của Tỉnh ủy, "
              "Đảng ủy các xã ban hành kế hoạch tuyên truyền, báo cáo về Ban Tuyên giáo Huyện ủy.")
    out = extract_text(letter)
    assert [d["key"] for d in out["documents"]] == ["12-CV/HU", "77-KH/TU"]
    assert {(x["source"], x["type"], x["target"]) for x in out["relations"]} == {("12-CV/HU", "IMPLEMENTS", "77-KH/TU")}


def test_a_plan_a_body_has_made_is_a_document_one_to_make_is_not():
    text = ("Tổng kết Kết luận 62\n\nBài viết về công tác dân vận ở cơ sở trong năm qua.\n\n"
            "Đảng ủy xã Tân Lập {verb} kế hoạch tổng kết 10 năm thực hiện Kết luận số 62-KL/TW của Bộ Chính trị. "
            "Các chi bộ tổ chức tổng kết trước ngày 30/6/2025.")
    made = extract_text(text.format(verb="đã xây dựng"))
    subject = next(d for d in made["documents"] if d["subject"])
    assert subject["kind"] == "Kế hoạch" and subject["key"] is None
    assert (subject["descriptor"], "REVIEWS", "62-KL/TW") in {(x["source"], x["type"], x["target"]) for x in made["relations"]}
    assert [(a["organization"], a["deadline"]) for a in made["assignments"]] == [("Các chi bộ", "2025-06-30")]
    # without the aspect word the same words may ask for a plan
    assert [d["key"] for d in extract_text(text.format(verb="xây dựng"))["documents"]] == ["62-KL/TW"]
    # an adverb, or two verbs sharing the plan, between the aspect word and the plan
    for verb in ("đã kịp thời ban hành", "đã xây dựng, ban hành", "vừa ban hành và triển khai", "đã thống nhất ban hành"):
        assert [d["kind"] for d in extract_text(text.format(verb=verb))["documents"] if d["subject"]] == ["Kế hoạch"], verb
    # many bodies that each made one report plans, not a document issued
    # a page's date and time run into the lead is no count
    flat = extract_text(text.format(verb="").replace("Đảng ủy xã Tân Lập ", "12/11/2024 15:30 Đảng ủy xã Tân Lập đã xây dựng"))
    assert "Kế hoạch" in {d["kind"] for d in flat["documents"] if d["subject"]}
    for many in ("Đến nay, 100% chi bộ đã xây dựng", "Các đảng ủy xã đã ban hành", "Thông báo nêu rõ, hiện nay nhiều chi bộ đã xây dựng"):
        found = extract_text(text.format(verb="").replace("Đảng ủy xã Tân Lập ", many))["documents"]
        assert "Kế hoạch" not in {d["kind"] for d in found}, many
    # a plan deployed is not one made
    assert [d["key"] for d in extract_text(text.format(verb="đã triển khai"))["documents"]] == ["62-KL/TW"]


def test_a_sentence_that_opens_with_another_document_states_its_tasks():
    text = ("Tổng kết Kết luận 62\n\nBài viết về dân vận.\n\nĐảng ủy xã Tân Lập đã ban hành kế hoạch tổng kết "
            "Kết luận số 62-KL/TW. Các chi bộ tổ chức tổng kết trước ngày 30/6/2025. Tại Công văn số 215-CV/TU, "
            "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện tốt Kế hoạch số 88-KH/TU.")
    r = extract_text(text)
    by = {a["organization"]: r["documents"][a["document_index"]] for a in r["assignments"]}
    assert by["Các chi bộ"]["kind"] == "Kế hoạch" and by["Các chi bộ"]["key"] is None
    assert by["các cấp ủy"]["key"] == "215-CV/TU"
    # a meeting opens the sentence: the article's plan still speaks
    meeting = extract_text(text.replace("Tại Công văn số 215-CV/TU,", "Tại hội nghị,"))
    assert {meeting["documents"][a["document_index"]]["key"] for a in meeting["assignments"]} == {None}


def test_a_sentence_framed_as_reported_before_its_first_task_gives_none():
    text = ("Sơ kết Nghị quyết 15\n\nSáng 8/4, Quận ủy tổ chức hội nghị sơ kết Nghị quyết số 15-NQ/TW.\n\n"
            "Báo cáo tại hội nghị cho biết, Quận ủy đã ban hành Chương trình hành động số 07-CTr/QU và chỉ đạo "
            "các chi bộ xây dựng kế hoạch cụ thể.")
    assert extract_text(text)["assignments"] == []


def test_the_body_that_makes_the_text_itself_gets_no_task():
    text = ("Số 18-CTr/TU\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 66-NQ/TW\n\nCăn cứ Kế hoạch số 52-KH/TW, "
            "Ban Chấp hành Đảng bộ tỉnh xây dựng Chương trình hành động như sau:\n\n1. Các huyện ủy xây dựng kế hoạch "
            "thực hiện.\n")
    assert set(assignments(text)) == {("Các huyện ủy", "execute")}
    # typed without diacritics too
    from vankien.loaders.fold import strip_marks
    assert {a["organization"] for a in extract_text(strip_marks(text))["assignments"]} == {"Cac huyen uy"}


def test_a_time_field_under_a_task_is_its_deadline():
    text = ("Số 25-KH/HU\n\nKẾ HOẠCH\ntổ chức hội thi\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Ban Tuyên giáo Huyện ủy chủ trì tổ chức "
            "hội thi.\n- Thời gian thực hiện: hoàn thành trước ngày 15/10/2025.\n2. Các chi bộ lựa chọn đảng viên dự thi.\n"
            "- Thời gian: ngày 20/10/2025.\n")
    a = {(x["organization"], x["role"]): x["deadline"] for x in extract_text(text)["assignments"]}
    assert a[("Ban Tuyên giáo Huyện ủy", "lead")] == "2025-10-15"
    assert a[("Các chi bộ", "execute")] is None


def test_a_time_without_a_colon_or_in_a_clause_of_its_own_is_the_deadline_of_the_task_before():
    text = ("KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW\n\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Các huyện ủy, thị ủy, thành ủy tổ chức quán triệt Chỉ thị đến cán bộ, đảng viên. "
            "Thời gian hoàn thành chậm nhất ngày 30/6/2021.\n"
            "2. Ban Tuyên giáo Tỉnh ủy chủ trì hướng dẫn tuyên truyền; thời hạn: trước ngày 15/7/2021.\n"
            "3. Đảng ủy Khối cơ quan tỉnh triển khai thực hiện. Hoàn thành trước ngày 30/8/2021.\n"
            "4. Các chi bộ tổ chức sinh hoạt chuyên đề. Thời gian tổ chức do các chi bộ chủ động.\n")
    a = {(x["organization"], x["role"]): x["deadline"] for x in extract_text(text)["assignments"]}
    assert a[("Các huyện ủy, thị ủy, thành ủy", "execute")] == "2021-06-30"
    assert a[("Ban Tuyên giáo Tỉnh ủy", "lead")] == "2021-07-15"      # the clause before, whatever its role
    assert a[("Đảng ủy Khối cơ quan tỉnh", "execute")] == "2021-08-30"
    assert a[("Các chi bộ", "execute")] is None
    # a clause with a task of its own keeps its deadline to itself and to earlier tasks to carry out
    lead = text.replace("; thời hạn: trước ngày 15/7/2021", "; Văn phòng Tỉnh ủy tổng hợp trước ngày 15/7/2021")
    b = {(x["organization"], x["role"]): x["deadline"] for x in extract_text(lead)["assignments"]}
    assert b[("Ban Tuyên giáo Tỉnh ủy", "lead")] is None and b[("Văn phòng Tỉnh ủy", "lead")] == "2021-07-15"


def test_a_deadline_may_hold_a_time_of_day():
    text = ("Số 25-KH/HU\n\nKẾ HOẠCH\nphòng chống bão\n\n1. Các chi bộ báo cáo kết quả về Ban Tổ chức Huyện ủy "
            "trước 16 giờ 30 phút ngày 20/11/2025.\n2. Văn phòng Huyện ủy tổng hợp trước 9h ngày 21/11/2025.\n")
    a = {(x["organization"], x["role"]): x["deadline"] for x in extract_text(text)["assignments"]}
    assert a[("Ban Tổ chức Huyện ủy", "report_to")] == "2025-11-20"
    assert a[("Văn phòng Huyện ủy", "lead")] == "2025-11-21"


def test_a_type_word_coordinated_with_a_task_verb_is_a_verb():
    # "hướng dẫn, đôn đốc": two verbs, not a guideline the article is about
    text = ("Tổng kết Nghị quyết 23\n\nThực hiện Kế hoạch số 77-KH/TU của Tỉnh ủy, các chi bộ tổ chức tổng kết "
            "ở cấp mình. Huyện ủy giao Ban Tổ chức Huyện ủy hướng dẫn, đôn đốc.")
    assert "Hướng dẫn" not in {d["kind"] for d in extract_text(text)["documents"]}
    # nor is one in lower case with no word before it that makes it a noun
    article = "Sơ kết công tác dân vận\n\nBài viết về dân vận ở cơ sở.\n\nCác chi bộ tổ chức sơ kết. Ban Dân vận {x}."
    for verb in ("có trách nhiệm hướng dẫn cụ thể", "theo dõi, hướng dẫn", "phối hợp hướng dẫn nội dung"):
        assert not extract_text(article.format(x=verb))["documents"], verb
    named = extract_text(article.format(x="thực hiện theo hướng dẫn của Ban Tổ chức Tỉnh ủy"))
    assert [d["kind"] for d in named["documents"]] == ["Hướng dẫn"]


def test_bodies_a_directing_body_directs_or_assigns_get_tasks():
    text = ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 30-KH/TU về chuyển đổi số.\n\n"
            "Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành rà soát thủ tục hành chính. "
            "Phân công Ban Tổ chức Tỉnh ủy chủ trì theo dõi việc thực hiện.")
    a = assignments(text)
    assert ("các sở, ngành", "execute") in a
    assert ("Ban Tổ chức Tỉnh ủy", "lead") in a


def test_names_of_youth_union_units_and_departments_with_a_joiner_inside():
    text = ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 30-KH/TU về chuyển đổi số.\n\n"
            "Giao Huyện đoàn, Phòng Giáo dục và Đào tạo huyện phối hợp tuyên truyền. "
            "Sở Tài nguyên và Môi trường, Sở Lao động - Thương binh và Xã hội chủ trì tổng hợp. "
            "Phòng, chống tham nhũng là nhiệm vụ thường xuyên.")
    a = {org for org, _ in assignments(text)}
    assert {"Huyện đoàn", "Phòng Giáo dục và Đào tạo huyện", "Sở Tài nguyên và Môi trường",
            "Sở Lao động - Thương binh và Xã hội"} <= a
    assert not any(o.startswith("Phòng, chống") for o in a)


def test_a_provincial_document_gives_no_task_to_central_bodies_but_may_report_to_them():
    text = ("TỈNH ỦY LẠNG SƠN\nSố 16-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạng Sơn, ngày 2 tháng 3 năm 2024\n\n"
            "NGHỊ QUYẾT\nvề phát triển kinh tế cửa khẩu\n\n"
            "Đề nghị Quốc hội, Chính phủ quan tâm hỗ trợ đầu tư hạ tầng. Giao Ban cán sự đảng Ủy ban nhân dân tỉnh "
            "chủ trì, báo cáo Ban Bí thư kết quả thực hiện.")
    a = assignments(text)
    assert ("Quốc hội", "execute") not in a and ("Chính phủ", "execute") not in a
    assert ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "lead") in a
    assert ("Ban Bí thư", "report_to") in a


def test_a_cue_ending_the_sentence_before_does_not_take_the_next_sentence_s_document_as_its_object():
    # "… triển khai với nhiều nhiệm vụ. | Kế hoạch đề ra …": the plan is the text's own document,
    # not the object of "triển khai"; within one sentence ("triển khai Kế hoạch …") it would be
    text = ("Triển khai thực hiện Nghị quyết số 57-NQ/TW ở Gia Lai\n\n"
            "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, Ủy ban nhân dân tỉnh có nhiều việc làm để triển khai.\n\n"
            "Kế hoạch đề ra mục tiêu số hóa toàn bộ hồ sơ hành chính. Giao Sở Khoa học và Công nghệ chủ trì, "
            "phối hợp với Sở Nội vụ tổ chức thực hiện.")
    r = extract_text(text)
    subject = subject_of(r)
    assert subject["kind"] == "Kế hoạch" and subject["key"] is None
    a = {(x["organization"], x["role"]) for x in r["assignments"]}
    assert {("Sở Khoa học và Công nghệ", "lead"), ("Sở Nội vụ", "coordinate")} <= a
    # the same plan named right after the cue, in one sentence, is the object, not the text's own
    joined = text.replace("để triển khai.\n\nKế hoạch đề ra", "để triển khai Kế hoạch đề ra")
    assert not any(d["subject"] and d["kind"] == "Kế hoạch" for d in extract_text(joined)["documents"])


def test_a_lead_that_opens_with_the_day_of_the_act_reports_a_document_issued():
    text = ("Quảng Ngãi học tập nghị quyết Trung ương\n\n"
            "Ngày 20/5, Ban Thường vụ Tỉnh ủy Quảng Ngãi ban hành kế hoạch học tập, quán triệt Nghị quyết số 68-NQ/TW "
            "của Bộ Chính trị.\n\n"
            "Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy, thị ủy, thành ủy tổ chức học tập, hoàn thành trước ngày 30/6/2025. "
            "Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy theo dõi việc thực hiện.")
    r = extract_text(text)
    subject = subject_of(r)
    assert subject["kind"] == "Kế hoạch" and subject["key"] is None and subject["scope"] == "Quảng Ngãi"
    assert (subject["descriptor"], "IMPLEMENTS", "68-NQ/TW") in {(x["source"], x["type"], x["target"]) for x in r["relations"]}
    a = {(x["organization"], x["role"]): x["deadline"] for x in r["assignments"]}
    assert a[("các huyện ủy, thị ủy, thành ủy", "execute")] == "2025-06-30"
    assert ("Ban Tuyên giáo Tỉnh ủy", "lead") in a and ("Văn phòng Tỉnh ủy", "coordinate") in a
    # "có văn bản" on a stated day is a document issued too, named by the generic word
    letter = text.replace("ban hành kế hoạch học tập, quán triệt", "có văn bản chỉ đạo học tập, quán triệt")
    assert next(d for d in extract_text(letter)["documents"] if d["subject"])["kind"] == "Văn bản"
    # the day of a request is no act done; nor is an item of a chronology
    asked = text.replace("Ban Thường vụ Tỉnh ủy Quảng Ngãi ban hành", "Ban Thường vụ Tỉnh ủy Quảng Ngãi yêu cầu các huyện ủy ban hành")
    assert not any(d["subject"] and d["kind"] == "Kế hoạch" for d in extract_text(asked)["documents"])
    history = text.replace("\n\nNgày 20/5, Ban", "\n\n- Ngày 20/5/1990, Ban")
    assert not any(d["subject"] and d["kind"] == "Kế hoạch" for d in extract_text(history)["documents"])


def test_phong_chong_after_a_cue_is_an_act_not_a_department():
    text = ("Kế hoạch số 9-KH/TU về phòng, chống thiên tai.\n\n"
            "Tỉnh ủy chỉ đạo phòng, chống thiên tai trong mùa mưa bão. Giao Phòng Nội vụ huyện chủ trì tổng hợp.")
    orgs = {x["organization"] for x in extract_text(text)["assignments"]}
    assert "Phòng Nội vụ huyện" in orgs
    assert not any(o.casefold().startswith("phòng") and o != "Phòng Nội vụ huyện" for o in orgs)


def test_a_document_signed_on_behalf_of_a_body_is_described_as_that_body_s():
    text = ("Ban Bí thư chỉ thị về công tác dân vận\n\n"
            "Thay mặt Ban Bí thư, đồng chí Thường trực Ban Bí thư vừa ký ban hành Chỉ thị về tăng cường công tác dân vận.\n\n"
            "Chỉ thị yêu cầu các cấp ủy, tổ chức đảng nâng cao chất lượng công tác dân vận.")
    subject = next(d for d in extract_text(text)["documents"] if d["subject"])
    assert subject["descriptor"].startswith("Chỉ thị của Ban Bí thư về")
    # without "Thay mặt", the body named last before the verb
    plain = text.replace("Thay mặt Ban Bí thư, đồng chí Thường trực Ban Bí thư", "Văn phòng Trung ương Đảng")
    assert next(d for d in extract_text(plain)["documents"] if d["subject"])["descriptor"].startswith(
        "Chỉ thị của Văn phòng Trung ương Đảng")


def test_an_english_deadline_belongs_to_the_tasks_named_before_it():
    text = ("The Secretariat has issued Directive No. 41-CT/TW on vocational training.\n\n"
            "The Central Organizing Committee shall preside over the review and report to the Secretariat "
            "no later than June 30, 2026. Provincial Party committees shall organise the study of the directive.")
    a = {(x["organization"], x["role"]): x["deadline"] for x in extract_text(text)["assignments"]}
    assert a[("The Central Organizing Committee", "lead")] == "2026-06-30"
    assert a[("Provincial Party committees", "execute")] is None      # another sentence, no deadline


def test_a_text_typed_without_diacritics_gives_the_same_tasks():
    from vankien.loaders.fold import fold, strip_marks
    from vankien.loaders.patterns import unmarked
    text = ("Ngày 20/5, Ban Thường vụ Tỉnh ủy Quảng Ngãi ban hành Kế hoạch số 31-KH/TU thực hiện Nghị quyết số "
            "68-NQ/TW của Bộ Chính trị.\n\n"
            "Kế hoạch yêu cầu các cấp ủy, tổ chức đảng và các huyện ủy, thị ủy, thành ủy tổ chức quán triệt, hoàn "
            "thành trước ngày 30/6/2025. Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Công Thương theo dõi "
            "việc thực hiện, báo cáo Ban Thường vụ Tỉnh ủy.")
    plain = strip_marks(text)
    assert plain.isascii() and unmarked(plain) and not unmarked(text)
    marked, bare = extract_text(text), extract_text(plain)

    def tasks(r):
        return sorted((fold(a["organization"]), a["role"], a["deadline"]) for a in r["assignments"])
    assert len(tasks(marked)) == 5 and tasks(bare) == tasks(marked)
    assert ("IMPLEMENTS", "68-NQ/TW") in {(x["type"], x["target"]) for x in bare["relations"]}
    # the province the text names, without its marks, is still its place
    assert {d["key"]: d["scope"] for d in bare["documents"]}["31-KH/TU"] == "Quảng Ngãi"
    # an English text is not Vietnamese without its marks
    assert not unmarked("The Politburo issued Conclusion No. 12-KL/TW and asked Party committees to act.")


def test_an_un_numbered_subject_of_a_local_body_takes_the_place_the_text_names():
    # the body that issues names no place ("Ban Thường vụ Tỉnh ủy"); the text does, in its title
    text = ("Yên Bái: Thường trực Tỉnh ủy kết luận về công tác cán bộ\n\n"
            "Ban Thường vụ Tỉnh ủy vừa có Công văn chỉ đạo về công tác cán bộ.\n\n"
            "Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy, thị ủy, thành ủy rà soát quy hoạch cán bộ.")
    subject = next(d for d in extract_text(text)["documents"] if d["subject"])
    assert subject["key"] is None and subject["level"] == "provincial" and subject["scope"] == "Yên Bái"
    # a central body's un-numbered document has no place
    central = text.replace("Ban Thường vụ Tỉnh ủy", "Ban Bí thư").replace("Thường trực Tỉnh ủy", "Ban Bí thư")
    assert next(d for d in extract_text(central)["documents"] if d["subject"])["scope"] is None


def test_clause_openers_of_purpose_and_sequence_and_tasks_given_with_nhiem_vu_cho():
    text = ("Kế hoạch số 15-KH/TU về chuyển đổi số.\n\n"
            "Ban Thường vụ Tỉnh ủy giao nhiệm vụ cho Ban Tổ chức Tỉnh ủy chủ trì theo dõi. "
            "Cùng với đó, Mặt trận Tổ quốc tỉnh tăng cường giám sát. "
            "Để triển khai hiệu quả, các cấp ủy, tổ chức đảng tập trung lãnh đạo. "
            "Ban Thường vụ Tỉnh ủy phân công đồng chí Phó Bí thư Thường trực theo dõi chung. "
            "Các chi bộ, đơn vị được phân công xây dựng báo cáo chuyên đề.")
    a = assignments(text)
    assert {("Ban Tổ chức Tỉnh ủy", "lead"), ("Mặt trận Tổ quốc tỉnh", "execute"),
            ("các cấp ủy, tổ chức đảng", "execute")} <= set(a)
    # the body that assigns is not given the task; the bodies "được phân công" are
    assert not any(org == "Ban Thường vụ Tỉnh ủy" for org, _ in a)
    assert any(org.startswith("Các chi bộ") and role == "execute" for org, role in a)
    # a purpose that is not followed by a body gives nobody a task
    assert not any("hiểu rõ" in org for org, _ in assignments(text + " Để các cấp ủy hiểu rõ, cần tuyên truyền rộng rãi."))


def test_deadline_phrases_chậm_nhất_đến_and_muộn_nhất_end_a_name_and_set_the_deadline():
    text = ("Kế hoạch số 5-KH/TU về chuyển đổi số.\n\n"
            "Các huyện ủy báo cáo kết quả về Ban Thường vụ Tỉnh ủy chậm nhất đến ngày 30/6/2025. "
            "Các sở gửi báo cáo về Sở Nội vụ muộn nhất là ngày 15/7/2025.")
    a = {(x["organization"], x["role"]): x["deadline"] for x in extract_text(text)["assignments"]}
    assert a[("Ban Thường vụ Tỉnh ủy", "report_to")] == "2025-06-30"
    assert a[("Sở Nội vụ", "report_to")] == "2025-07-15"


def test_a_type_word_used_as_a_verb_is_no_document_the_text_speaks_of():
    verb = ("Ban Tuyên giáo Tỉnh ủy hướng dẫn triển khai công tác tuyên truyền năm 2025\n\n"
            "Theo đó, Ban Tuyên giáo Tỉnh ủy hướng dẫn các huyện ủy, thành ủy tổ chức tuyên truyền các ngày lễ lớn. "
            "Ban Tuyên giáo hướng dẫn các cơ quan báo chí đẩy mạnh thông tin về đại hội.\n\n"
            "Các huyện ủy, thành ủy chỉ đạo xây dựng chuyên mục, hoàn thành trước ngày 30/6/2025.")
    assert not any(d["subject"] and d["kind"] == "Hướng dẫn" for d in extract_text(verb)["documents"])
    # the same word as a noun names the document ("theo hướng dẫn, …" / "có hướng dẫn về …")
    noun = verb.replace("Các huyện ủy, thành ủy chỉ đạo", "Theo hướng dẫn, các huyện ủy, thành ủy chỉ đạo")
    assert any(d["subject"] and d["kind"] == "Hướng dẫn" for d in extract_text(noun)["documents"])


def test_english_news_names_hanoi_and_a_body_assigned_to_take_charge_leads():
    text = ("Hanoi Party Committee issues plan on digital transformation\n\n"
            "The Standing Board of the Hanoi Party Committee has issued Plan No. 215-KH/TU to implement Resolution "
            "No. 57-NQ/TW of the Politburo.\n\n"
            "Under the plan, the municipal People's Committee is assigned to take charge of building the digital "
            "government. District-level Party committees are requested to formulate their own plans by March 31, 2025.")
    r = extract_text(text)
    assert next(d for d in r["documents"] if d["key"] == "215-KH/TU")["scope"] == "Hà Nội"
    a = {(x["organization"], x["role"]): x["deadline"] for x in r["assignments"]}
    assert ("the municipal People's Committee", "lead") in a
    assert a[("District-level Party committees", "execute")] == "2025-03-31"


def test_a_news_page_s_opening_lines_and_links_to_other_articles_are_not_read():
    text = ("Trang chủ | Thời sự | Chính trị\n\n"
            "Tỉnh ủy Phú Thọ triển khai Kết luận số 121-KL/TW\n\n"
            "Ngày 10/3, Ban Thường vụ Tỉnh ủy Phú Thọ ban hành Kế hoạch số 245-KH/TU thực hiện Kết luận số "
            "121-KL/TW của Ban Chấp hành Trung ương.\n\n"
            "Kế hoạch yêu cầu các cấp ủy, tổ chức đảng quán triệt nội dung Kết luận.\n\n"
            "Tin liên quan:\n"
            "Hội nghị quán triệt Nghị quyết số 18-NQ/TW\n"
            "Thành ủy Việt Trì ban hành Kế hoạch số 88-KH/TU về chuyển đổi số\n")
    r = extract_text(text)
    assert {d["key"] for d in r["documents"]} == {"245-KH/TU", "121-KL/TW"}
    assert {(x["organization"], x["role"]) for x in r["assignments"]} == {("các cấp ủy, tổ chức đảng", "execute")}
    # the same words inside the article do not end it
    inside = text.replace("Tin liên quan:\n", "Tin liên quan đến kế hoạch được đăng tải rộng rãi.\n")
    assert "18-NQ/TW" in {d["key"] for d in extract_text(inside)["documents"]}


def test_english_duties_after_an_opening_phrase_or_while_and_names_with_and_inside():
    text = ("Plan No. 85-KH/TU to implement Resolution No. 57-NQ/TW\n\n"
            "Under the plan, the Department of Science and Technology shall coordinate with relevant agencies to "
            "review administrative procedures. The provincial People's Committee is assigned to lead the digital "
            "programme, while the Department of Planning and Investment shall prepare the budget.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert {("the Department of Science and Technology", "execute"), ("relevant agencies", "coordinate"),
            ("The provincial People's Committee", "lead"),
            ("the Department of Planning and Investment", "execute")} <= a
    # the opening phrase is no body, nor half a name
    assert not {o for o, _ in a if o.startswith("Under") or o in ("Technology", "Investment")}


def test_without_diacritics_a_head_that_reads_as_a_common_word_needs_its_capital():
    from vankien.loaders.fold import fold, strip_marks
    text = strip_marks(
        "Ngày 3/3/2024, Ban Thường vụ Huyện ủy Thạch Hà ban hành Kế hoạch số 12-KH/HU về công tác tuyên truyền.\n\n"
        "Các chi bộ bảo đảm chất lượng sinh hoạt; sơ kết việc thực hiện trước ngày 30/6/2024. Báo Hà Tĩnh và "
        "các sở, ngành liên quan phối hợp đưa tin. Đại hội chi bộ cần bảo đảm đúng quy trình; phóng viên Báo Hà "
        "Tĩnh theo dõi, đưa tin.")
    orgs = {fold(a["organization"]) for a in extract_text(text)["assignments"]}
    assert "cac chi bo" in orgs and "bao ha tinh" in orgs and "cac so, nganh lien quan" in orgs
    # "bao dam" (bảo đảm), "so ket" (sơ kết), "dai hoi" (đại hội), "phong vien" (phóng viên) are no
    # newspaper, department, radio station or office
    assert not {o for o in orgs if o.startswith(("bao dam", "so ket", "dai hoi", "phong vien"))}


def test_without_diacritics_tu_signed_by_the_politburo_is_tw():
    from vankien.loaders.fold import strip_marks
    text = strip_marks("Ngày 14/5/2011, Bộ Chính trị ban hành Chỉ thị 03-CT/TƯ về học tập và làm theo tấm gương "
                       "đạo đức Hồ Chí Minh. Tỉnh ủy ban hành Chỉ thị 05-CT/TƯ về công tác cán bộ.")
    assert "03-CT/TU" in text
    assert [d["key"] for d in extract_text(text)["documents"]] == ["3-CT/TW", "5-CT/TU"]


def test_a_type_word_that_is_a_verb_opening_a_task_item_names_no_document():
    # "- Hướng dẫn các chi bộ …": the first word of a task, capitalised because it opens the item
    text = ("Huyện ủy Hòa Vang triển khai công tác tuyên truyền năm 2024\n\n"
            "Ban Tuyên giáo Huyện ủy giữ vai trò đầu mối. Nhiệm vụ cụ thể:\n"
            "- Hướng dẫn các chi bộ tổ chức sinh hoạt chuyên đề trước ngày 30/6/2024.\n"
            "2.1. Chỉ đạo các đảng bộ cơ sở báo cáo kết quả về Ban Tuyên giáo Huyện ủy.")
    out = extract_text(text)
    assert not [d for d in out["documents"] if d["kind"] in ("Hướng dẫn", "Chỉ thị")]
    # the document that speaks, before a verb of saying, is still the text's own
    says = extract_text("Kết luận yêu cầu các cấp ủy tổ chức quán triệt trước ngày 30/6/2024.")
    assert [d["kind"] for d in says["documents"] if d["subject"]] == ["Kết luận"]


def test_a_news_lead_reports_a_letter_a_body_sent_without_an_aspect_word():
    lead = "Gia Lai chủ động ứng phó bão số 3\n\n(GLO) - Ban Thường vụ Tỉnh ủy Gia Lai {verb} yêu cầu các huyện ủy, " \
           "thị ủy tăng cường công tác phòng, chống bão."
    for verb, kind in (("gửi văn bản", "Văn bản"), ("ra văn bản", "Văn bản"), ("có công văn", "Công văn"),
                       ("ban hành kế hoạch", "Kế hoạch")):
        out = extract_text(lead.format(verb=verb))
        assert [d["kind"] for d in out["documents"] if d["subject"]] == [kind], verb
        assert {a["organization"] for a in out["assignments"]} == {"các huyện ủy, thị ủy"}
    # bodies asked to issue something in a lead are not reporting it
    asked = "Gia Lai chủ động ứng phó bão số 3\n\n(GLO) - Các huyện ủy ban hành kế hoạch phòng, chống bão."
    assert not [d for d in extract_text(asked)["documents"] if d["subject"]]


def test_a_cue_word_inside_a_name_s_head_is_no_cue():
    from vankien.loaders.fold import strip_marks
    # typed without diacritics, "Ban Tuyên giáo" holds "giao" (assign): an addressee list gives no task
    text = strip_marks("BAN TUYÊN GIÁO TỈNH ỦY\nSố 52-CV/BTGTU\n\nKính gửi:\n- Thường trực, Ban Tuyên giáo các huyện ủy, "
                       "thị ủy,\n- Báo Hà Tĩnh.\n\nBan Tuyên giáo Tỉnh ủy đề nghị các địa phương tuyên truyền rộng rãi.")
    orgs = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert orgs == {("cac dia phuong", "execute")}
    # "Ban Chỉ đạo" holds "chỉ đạo": the body, then its own task
    out = extract_text("Số 3-KH/TU\n\nKẾ HOẠCH\nvề công tác dân vận\n\nBan Chỉ đạo 35 tỉnh theo dõi, đôn đốc việc thực hiện.")
    assert {(a["organization"], a["role"]) for a in out["assignments"]} == {("Ban Chỉ đạo 35 tỉnh", "lead")}


def test_without_diacritics_a_number_glued_to_its_number_word_is_read():
    text = "Can cu Chi thi so15-CT/TW, ngay 24-2-2012 va Ke hoach so08-KH/TW, ngay 12-3-2012 cua Bo Chinh tri."
    assert [d["key"] for d in extract_text(text)["documents"] if d["key"]] == ["15-CT/TW", "8-KH/TW"]


def test_english_tasks_the_noun_is_no_cue():
    text = ("Guidance No. 12-HD/BTGTW on the study of the resolution\n\n"
            "The resolution sets out the key tasks and solutions for Party committees at all levels in the new period.")
    assert extract_text(text)["assignments"] == []


def test_a_body_named_as_a_heading_takes_the_deadline_of_its_first_task_below():
    text = ("Số 88-KH/HU\n\nKẾ HOẠCH\nvề hội nghị học tập chỉ thị\n\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Ban Tuyên giáo Huyện ủy\n"
            "- Chủ trì, phối hợp với Văn phòng Huyện ủy chuẩn bị tài liệu, hoàn thành trước ngày 15/3/2024.\n"
            "- Tổng hợp kết quả, báo cáo Ban Thường vụ Huyện ủy.\n")
    got = assignments(text)
    assert got[("Ban Tuyên giáo Huyện ủy", "lead")]["deadline"] == "2024-03-15"
    assert got[("Văn phòng Huyện ủy", "coordinate")]["deadline"] == "2024-03-15"
    assert got[("Ban Thường vụ Huyện ủy", "report_to")]["deadline"] is None


def test_a_long_description_of_a_document_issued_is_cut_between_words():
    text = ("Ban Thường vụ Huyện ủy vừa có văn bản chỉ đạo các chi bộ, đảng bộ trực thuộc tiếp tục quán triệt, "
            "thực hiện nghiêm túc và có hiệu quả Chỉ thị số 27-CT/TW ngày 10/1/2019 của Bộ Chính trị về phát huy "
            "vai trò, trách nhiệm của người đứng đầu trong công tác phòng, chống tham nhũng")
    letter = next(d for d in extract_text(text)["documents"] if d["kind"] == "Văn bản")
    assert text.find(letter["descriptor"].split(" ", 2)[-1][-12:]) >= 0
    last = letter["descriptor"].split()[-1]
    assert f" {last} " in f" {text} " or f" {last}," in text     # a whole word of the text, not a piece


def test_english_past_passive_and_adverbs_end_the_name():
    text = ("The Secretariat has issued Directive No. 52-CT/TW on Party cells in residential areas.\n\n"
            "The Central Organising Commission was assigned to preside over the review, and provincial Party "
            "committees were asked to report to the Secretariat annually.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert ("The Central Organising Commission", "lead") in a
    assert ("the Secretariat", "report_to") in a
    assert not any("annually" in o or " was " in o for o, _ in a)


def test_english_participle_cues_reports_with_their_object_and_contracted_lists():
    text = ("The Steering Committee has issued Official Letter No. 51-CV/BCĐ asking provincial and municipal Party "
            "Committees to finish the review before May 31, 2025. They shall report the results to the Politburo "
            "via the Central Organising Commission.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert ("provincial and municipal Party Committees", "execute") in a
    assert {("the Politburo", "report_to"), ("the Central Organising Commission", "report_to")} <= a
    # the same contracted list opening a sentence, its first modifier capitalised
    opening = extract_text("Directive No. 8-CT/TW was issued. Provincial and municipal Party Committees shall "
                           "review their personnel plans.")
    assert [x["organization"] for x in opening["assignments"]] == ["Provincial and municipal Party Committees"]


def test_an_english_subject_ends_at_its_modal_or_a_participle():
    text = ("Directive No. 8-CT/TW was issued. The Ministry of Finance shall take the lead, coordinating with the "
            "Ministry of Home Affairs. Party committees failing to complete the review shall report to the Politburo.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert ("The Ministry of Finance", "lead") in a and ("Party committees", "execute") in a
    assert not any(" shall " in o or "failing" in o for o, _ in a)


def test_english_passive_of_a_cue_and_a_second_clause_name_only_the_body():
    text = ("The city Party Committee issued Plan No. 77-KH/TU on external relations.\n\n"
            "According to the plan, the municipal People's Committee will take the lead in reviewing incentives, "
            "while the Department of Foreign Affairs is tasked with coordinating with relevant agencies.")
    a = {(x["organization"], x["role"]) for x in extract_text(text)["assignments"]}
    assert ("the Department of Foreign Affairs", "execute") in a and ("relevant agencies", "coordinate") in a
    assert not [o for o, _ in a if o.startswith(("while", "with"))]


def test_english_objects_of_a_cue_and_names_with_for_and_passive_lists():
    text = ("Politburo issues new directive\n\nHanoi (VNA) - The Politburo has issued Directive No. 45-CT/TW on "
            "disaster prevention.\n\nIt asks the Government Party Committee to lead the Government in reviewing "
            "regulations. The Central Commission for Information and Education is tasked with guiding the "
            "dissemination. Ministries, sectors and localities are required to devise action plans.")
    got = {(a["organization"], a["role"]) for a in extract_text(text)["assignments"]}
    assert got == {("the Government Party Committee", "execute"),
                   ("The Central Commission for Information and Education", "lead"),     # tasked with guiding
                   ("Ministries", "execute"), ("sectors", "execute"), ("localities", "execute")}
    # "for" before a word in lower case ends the name
    short = text.replace("The Central Commission for Information and Education is tasked",
                         "The Central Commission for this purpose is tasked")
    assert ("The Central Commission", "lead") in {(a["organization"], a["role"]) for a in extract_text(short)["assignments"]}


def test_english_requirements_whose_clause_has_the_bodies_as_subject():
    head = ("Politburo issues new directive\n\nHanoi (VNA) - The Politburo has issued Directive No. 45-CT/TW on "
            "disaster prevention.\n\n")
    cases = {
        "The directive sets out the requirement that Party committees and authorities at all levels strengthen "
        "their leadership.": {"Party committees", "authorities at all levels"},
        "It requires that Party organisations at all levels review their work.": {"Party organisations at all levels"},
        "The requirement is for ministries and localities to complete the review.": {"ministries", "localities"},
        "The Politburo instructed Party committees and administrations at all levels as well as political-social "
        "organisations to devise plans.": {"Party committees", "administrations at all levels", "political-social organisations"},
    }
    for sentence, orgs in cases.items():
        assert {a["organization"] for a in extract_text(head + sentence)["assignments"]} == orgs, sentence


MINISTRIES = """THỦ TƯỚNG CHÍNH PHỦ

CHỈ THỊ
Về tăng cường công tác phòng cháy, chữa cháy tại khu dân cư

Để khắc phục những hạn chế nêu trên, Thủ tướng Chính phủ yêu cầu:

1. Bộ Công an:
a) Phối hợp với Bộ Quốc phòng rà soát lực lượng chữa cháy tại chỗ.
b) Tăng cường kiểm tra các cơ sở kinh doanh.

2. Bộ Xây dựng:
a) Chủ trì, phối hợp với các bộ, ngành hoàn thiện quy chuẩn an toàn cháy cho nhà ở.
"""


def test_a_body_heading_an_item_gets_the_tasks_of_its_lettered_sub_items():
    """"1. Bộ Công an:" / "a) …": the sub-items' marks stand between the heading and its tasks,
    with a colon or a period after the name, or none."""
    for close in (":", ".", ""):
        a = assignments(MINISTRIES.replace("Bộ Công an:", "Bộ Công an" + close).replace(
            "Bộ Xây dựng:", "Bộ Xây dựng" + close))
        assert ("Bộ Công an", "execute") in a, close
        assert ("Bộ Xây dựng", "lead") in a and ("các bộ, ngành", "coordinate") in a, close
        # the partner named after "phối hợp với" coordinates; the body at the head does the task
        assert ("Bộ Quốc phòng", "coordinate") in a and ("Bộ Công an", "coordinate") not in a, close
    # a name alone on its line whose next line opens with no mark and no task verb heads nothing
    plain = MINISTRIES.replace("a) Phối hợp với Bộ Quốc phòng", "Lực lượng của Bộ Quốc phòng")
    assert ("Bộ Công an", "execute") not in assignments(plain.replace("b) Tăng cường", "Việc tăng cường"))


def test_a_body_that_coordinates_with_no_partner_named_is_a_partner():
    text = ("TỈNH ỦY HÀ NAM\n\nKẾ HOẠCH\ntuyên truyền kỷ niệm ngày thành lập Đảng\n\n"
            "Ban Tuyên giáo Tỉnh ủy chủ trì tổ chức các hoạt động. Các sở, ban, ngành phối hợp thực hiện.\n")
    assert ("Các sở, ban, ngành", "coordinate") in assignments(text)


def test_another_body_than_a_plan_s_issuer_that_directs_others_acts_by_its_own_letter():
    """The plan is carried out first, then a body other than its issuer directs others: the tasks are
    of that body's un-numbered letter, which implements the plan; by the plan's own issuer, the plan's."""
    text = ("Tin tức\n\nĐể triển khai Kế hoạch số 89-KH/TU của Ban Thường vụ Tỉnh ủy, UBND tỉnh yêu cầu các sở, "
            "ngành tăng cường kiểm tra. Giao Ban An toàn giao thông tỉnh chủ trì thực hiện. Kế hoạch số 89-KH/TU "
            "nêu rõ mục tiêu. Kế hoạch số 89-KH/TU được ban hành năm 2023.\n")
    out = extract_text(text)
    letter = out["subject"]
    assert letter.startswith("Văn bản")
    assert (letter, "IMPLEMENTS", "89-KH/TU") in {(r["source"], r["type"], r["target"]) for r in out["relations"]}
    assert {(a["document"], a["organization"]) for a in out["assignments"]} >= {
        (letter, "các sở, ngành"), (letter, "Ban An toàn giao thông tỉnh")}
    same = extract_text(text.replace("UBND tỉnh yêu cầu", "Ban Thường vụ Tỉnh ủy yêu cầu"))
    assert same["subject"] == "89-KH/TU"
    # an official's directions given in writing, no type named: a letter, whoever is addressed
    directions = extract_text(text.replace("UBND tỉnh yêu cầu các sở, ngành tăng cường kiểm tra.", "Phó Chủ tịch UBND tỉnh "
                                           "Lê Văn Dũng vừa có ý kiến chỉ đạo về việc triển khai. Theo đó, các sở, ngành "
                                           "tăng cường kiểm tra."))
    assert directions["subject"].startswith("Văn bản")
    # "giao cho": the bodies after "cho" are addressed
    given = extract_text(text.replace("UBND tỉnh yêu cầu các sở, ngành tăng cường kiểm tra.", "UBND tỉnh giao cho Ban An "
                                      "toàn giao thông tỉnh chủ trì kiểm tra."))
    assert given["subject"].startswith("Văn bản")
    # the post that heads the body, with a person's name after it, acts for the body
    for named in ("Phó Chủ tịch UBND tỉnh Nguyễn Thị Thanh Hương yêu cầu", "Phó Chủ tịch UBND tỉnh Quảng Nam Trần Văn Bình yêu cầu"):
        assert extract_text(text.replace("UBND tỉnh yêu cầu", named))["subject"].startswith("Văn bản")


def test_a_full_text_said_at_an_article_s_end_is_a_link_not_the_text_reproduced():
    from vankien.loaders.layout import read_layout
    article = "Tin tức\n\n" + "Hội nghị đã diễn ra với nhiều ý kiến đóng góp. " * 12
    assert read_layout(article + "\nXem toàn văn Kế hoạch số 12-KH/TU tại đây.\n").full_text is None
    # … nor with a link's label or a file's name under it: no document's text follows
    assert read_layout(article + "\nXem toàn văn Kế hoạch số 12-KH/TU tại đây.\nTệp đính kèm: 12-KH/TU.pdf\n").full_text is None
    assert read_layout("Tin tức\n\nTrân trọng giới thiệu toàn văn Kế hoạch số 12-KH/TU:\n\n" + article).full_text


def test_a_level_s_label_and_a_colon_give_the_task_to_the_bodies_named_after_it_or_to_the_level():
    text = "HUYỆN ỦY NGA SƠN\n\nKẾ HOẠCH\ntổng kết Chỉ thị số 36-CT/TW\n\nII. THỜI GIAN\n{}\n"
    named = assignments(text.format("1. Cấp cơ sở: Các chi bộ, đảng bộ cơ sở tổ chức tổng kết bằng hình thức hội "
                                    "nghị, hoàn thành trước ngày 30/9/2024."))
    assert named[("Các chi bộ", "execute")]["deadline"] == "2024-09-30"
    assert ("Cấp cơ sở", "execute") not in named
    level = assignments(text.format("1. Cấp huyện, thành phố và tương đương: tổ chức tổng kết xong trước ngày "
                                    "15/12/2024."))
    # "và tương đương": the bodies ranked with the level, one collective with it
    assert level[("Cấp huyện, thành phố và tương đương", "execute")]["deadline"] == "2024-12-15"


GUIDANCE = """BAN CHẤP HÀNH TRUNG ƯƠNG
BAN TỔ CHỨC
*
Số 26-HD/BTCTW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 18 tháng 11 năm 2024

HƯỚNG DẪN
thực hiện Quy định số 148-QĐ/TW ngày 23/5/2024 của Bộ Chính trị

Căn cứ Quy định số 148-QĐ/TW ngày 23/5/2024 của Bộ Chính trị; Ban Tổ chức Trung ương hướng dẫn một số nội dung như sau:

II. TỔ CHỨC THỰC HIỆN
1. Các tỉnh ủy, thành ủy căn cứ Hướng dẫn này cụ thể hóa cho phù hợp với tình hình thực tế.
2. Trong quá trình thực hiện, nếu có vướng mắc, các địa phương phản ánh về Ban Tổ chức Trung ương để tổng hợp.
"""


def test_the_issuer_saying_what_follows_is_the_text_itself_and_problems_reported_go_to_a_body():
    a = assignments(GUIDANCE)
    assert ("Ban Tổ chức Trung ương", "lead") not in a          # "… hướng dẫn một số nội dung như sau:"
    assert ("Ban Tổ chức Trung ương", "report_to") in a         # "phản ánh về …"
    assert ("Các tỉnh ủy, thành ủy", "execute") in a
    # another body than the issuer that guides "như sau" is given the task
    other = assignments(GUIDANCE.replace("Ban Tổ chức Trung ương hướng dẫn một số", "Ban Tuyên giáo Trung ương hướng dẫn một số"))
    assert ("Ban Tuyên giáo Trung ương", "lead") in other


def test_a_body_s_act_is_issued_by_it_and_what_it_asks_is_its_document_s():
    """"Bộ Chính trị kết luận: …" gives an un-numbered Kết luận issued by the Politburo: its request to
    "tiếp tục thực hiện Kết luận số 127-KL/TW" is that conclusion's, and a body asked to chair leads."""
    text = ("Bộ Chính trị cho ý kiến về sắp xếp đơn vị hành chính\n\nNgày 14/2/2025, Bộ Chính trị đã họp. Sau khi "
            "nghe báo cáo, Bộ Chính trị kết luận: Cơ bản đồng ý với Đề án. Giao Đảng ủy Chính phủ chỉ đạo Bộ Nội vụ "
            "chủ trì, phối hợp với các cơ quan liên quan hoàn thiện Đề án.\n\nBộ Chính trị yêu cầu các tỉnh ủy, thành "
            "ủy tiếp tục thực hiện Kết luận số 127-KL/TW của Bộ Chính trị.\n")
    out = extract_text(text)
    conclusion = subject_of(out)
    assert conclusion["kind"] == "Kết luận" and conclusion["issuing_body"] == "Bộ Chính trị"
    assert (conclusion["descriptor"], "FOLLOWS_UP_ON", "127-KL/TW") in {
        (r["source"], r["type"], r["target"]) for r in out["relations"]}
    roles = {(a["organization"], a["role"]) for a in out["assignments"]}
    assert ("Bộ Nội vụ", "lead") in roles and ("các cơ quan liên quan", "coordinate") in roles
    assert ("Bộ Nội vụ", "execute") not in roles


def test_items_run_into_one_line_keep_their_headings_tasks():
    """A page that lost its line breaks: "… yêu cầu: 1. Bộ Công an. a) Phối hợp …"."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n\nCHỈ THỊ\nVề tăng cường công tác phòng cháy, chữa cháy\n\nĐể khắc phục những hạn "
            "chế, Thủ tướng Chính phủ yêu cầu: 1. Bộ Công an. a) Phối hợp với Bộ Quốc phòng rà soát lực lượng. b) Tăng "
            "cường kiểm tra. 2. Bộ Xây dựng. a) Chủ trì hoàn thiện quy chuẩn.\n")
    a = assignments(text)
    assert ("Bộ Công an", "execute") in a and ("Bộ Xây dựng", "lead") in a
    # a name that closes a sentence with no mark after it heads nothing
    assert ("Bộ Công an", "execute") not in assignments(text.replace("a) Phối hợp", "Việc phối hợp"))


def test_a_programme_that_frames_the_tasks_of_bodies_gives_them_those_tasks():
    text = ("TỈNH ỦY NINH BÌNH\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Chương trình hành động là khung định hướng những nhiệm vụ chủ yếu cho các cấp "
            "ủy, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội xây dựng kế hoạch thực hiện.\n")
    a = assignments(text)
    assert {("các cấp ủy", "execute"), ("Mặt trận Tổ quốc", "execute")} <= set(a)
    # "cho" after no word of orientation gives nothing ("trao tặng giấy khen cho …")
    assert not assignments(text.replace("là khung định hướng những nhiệm vụ chủ yếu cho", "trao tặng giấy khen cho"))


def test_in_english_a_body_that_coordinates_with_partners_does_the_task():
    head = "Hanoi issues plan\n\nHANOI - The Politburo has issued Directive No. 45-CT/TW on national security.\n\n"

    def tasks(sentence):
        return {(x["organization"], x["role"]) for x in extract_text(head + sentence)["assignments"]}
    assert tasks("The Department of Science and Technology will coordinate with relevant agencies to build it.") == {
        ("The Department of Science and Technology", "execute"), ("relevant agencies", "coordinate")}
    assert tasks("The Department of Finance, in coordination with the Department of Home Affairs, shall review it.") == {
        ("The Department of Finance", "execute"), ("the Department of Home Affairs", "coordinate")}
    # one that presides over it leads; a cue's object is asked, not the one who asks
    assert ("The Central Organisation Commission", "lead") in tasks(
        "The Central Organisation Commission shall preside over and coordinate with the Central Inspection "
        "Commission in guiding the work.")
    assert tasks("The Politburo asked the Government Party Committee to coordinate with the National Assembly "
                 "Party Committee.") == {("the Government Party Committee", "execute"),
                                         ("the National Assembly Party Committee", "coordinate")}
    # a name that lists what it is for, with commas
    assert tasks("The Party Committee's Commission for Communication, Education and Mass Mobilisation is assigned "
                 "to monitor it.") == {
        ("The Party Committee's Commission for Communication, Education and Mass Mobilisation", "lead")}


def test_in_english_a_post_that_heads_a_body_is_reported_to():
    text = ("Hanoi issues plan\n\nHANOI - The Politburo has issued Directive No. 45-CT/TW on national security.\n\n"
            "Ministries, sectors and localities must report the results to the Prime Minister before December 15, 2025.")
    a = {(x["organization"], x["role"]): x["deadline"] for x in extract_text(text)["assignments"]}
    assert a[("the Prime Minister", "report_to")] == "2025-12-15"
    assert a[("Ministries", "execute")] == "2025-12-15"
