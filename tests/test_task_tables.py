"""Tasks given in a table of a plan (loaders/task_tables.py), on tables written for these tests."""
import os
import tempfile

from vankien.loaders.extract import extract_source, extract_text
from vankien.loaders.readers import read_paths

from corpus_texts import corpus_texts
from test_readers import make_docx

HEAD = ("TỈNH ỦY NAM ĐỊNH\nSố 141-KH/TU\nNam Định, ngày 10 tháng 4 năm 2025\n\nKẾ HOẠCH\n"
        "thực hiện Kết luận số 123-KL/TW ngày 24/1/2025 của Ban Chấp hành Trung ương\n\nIV. PHÂN CÔNG NHIỆM VỤ\n")
TABLE = ("| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
         "|---|---|---|---|---|\n"
         "| 1 | Rà soát quy hoạch cán bộ | Ban Tổ chức Tỉnh ủy | Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Tỉnh ủy | 30/9/2025 |\n"
         "| 2 | Tuyên truyền Kết luận | Ban Tuyên giáo và Dân vận Tỉnh ủy | Các huyện ủy, thành ủy | Quý III/2025 |\n"
         "| 3 | Sơ kết việc thực hiện | Văn phòng Tỉnh ủy | Các cơ quan liên quan | 15/12 |\n")


def tasks(text):
    return {(a["organization"], a["role"], a["deadline"]) for a in extract_text(text)["assignments"]}


def test_the_bodies_of_a_task_table_take_the_role_of_their_column_and_the_rows_deadline():
    got = tasks(HEAD + TABLE)
    assert got == {
        ("Ban Tổ chức Tỉnh ủy", "lead", "2025-09-30"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "coordinate", "2025-09-30"), ("Văn phòng Tỉnh ủy", "coordinate", "2025-09-30"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "lead", None),            # a quarter is no day
        ("Các huyện ủy, thành ủy", "coordinate", None),
        ("Văn phòng Tỉnh ủy", "lead", "2025-12-15"),                   # a day and month: the plan's year
        ("Các cơ quan liên quan", "coordinate", "2025-12-15"),
    }
    # headers without diacritics, no deadline column, "Đơn vị thực hiện": the bodies carry the task out
    plain = ("| STT | Noi dung | Don vi thuc hien |\n| 1 | Tập huấn cán bộ | Trường Chính trị tỉnh |\n")
    assert ("Trường Chính trị tỉnh", "execute", None) in tasks(HEAD + plain)


def test_a_table_copied_as_text_with_its_cells_between_tabs_gives_its_tasks():
    tabbed = "\n".join("\t".join(c.strip() for c in row.strip().strip("|").split("|"))
                       for row in TABLE.splitlines() if "---" not in row) + "\n"
    assert tasks(HEAD + tabbed) == tasks(HEAD + TABLE)
    line = "Các chi bộ tiếp tục quán triệt nội dung đã học và báo cáo kết quả đúng hạn cho"
    assert tasks(HEAD + TABLE) <= tasks(HEAD + (line + "\n") * 6 + tabbed)
    # two cells between a tab are no row ("Ghi chú:\tnhư trên")
    two = "TT\tCơ quan chủ trì\n1\tBan Tổ chức Tỉnh ủy\n"
    assert all(org != "Ban Tổ chức Tỉnh ủy" for org, _, _ in tasks(HEAD + two))


def test_rows_without_a_header_that_names_bodies_or_of_another_width_give_no_task():
    # a table of figures, a letterhead written in cells: no column of bodies
    figures = "| Năm | Số đảng viên |\n| 2024 | 1200 |\n"
    assert tasks(HEAD + figures) == set()
    # a row of another width ends the table, and so does a line that is no row
    other = TABLE.replace("| 3 | Sơ kết việc thực hiện |", "| 3 | Sơ kết |  | việc thực hiện |")
    assert ("Văn phòng Tỉnh ủy", "lead", "2025-12-15") not in tasks(HEAD + other)
    broken = TABLE.replace("| 2 |", "Ghi chú: các nhiệm vụ khác.\n| 2 |")
    assert all(org != "Ban Tuyên giáo và Dân vận Tỉnh ủy" for org, _, _ in tasks(HEAD + broken))
    # no subject document, no tasks
    assert extract_text(TABLE)["assignments"] == []


def test_a_task_table_in_a_wrapped_text_keeps_its_rows():
    line = "Các chi bộ tiếp tục quán triệt nội dung đã học và báo cáo kết quả đúng hạn cho"
    wrapped = HEAD + (line + "\n") * 6 + TABLE
    assert tasks(HEAD + TABLE) <= tasks(wrapped)


def test_a_word_table_of_three_columns_or_more_is_read_a_row_a_line_and_gives_its_tasks(tmp_path):
    rows = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
            ["1", "Xây dựng đề án", "Sở Nội vụ", "Sở Tài chính, Sở Tư pháp", "31/10/2025"]]
    data = make_docx(HEAD.rstrip("\n").split("\n"), rows, ["Nơi nhận:"])
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    src = next(iter(read_paths([str(path)])))
    assert "| 1 | Xây dựng đề án | Sở Nội vụ | Sở Tài chính, Sở Tư pháp | 31/10/2025 |" in src.text.split("\n")
    got = {(a["organization"], a["role"], a["deadline"]) for a in extract_source(src)["assignments"]}
    assert got == {("Sở Nội vụ", "lead", "2025-10-31"), ("Sở Tài chính", "coordinate", "2025-10-31"),
                   ("Sở Tư pháp", "coordinate", "2025-10-31")}


def test_an_html_table_of_tasks_gives_its_tasks(tmp_path):
    cells = lambda tag, row: "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in row) + "</tr>"
    page = ("<html><head><title>Kế hoạch</title></head><body><article>"
            "<p>Tỉnh ủy Nam Định ban hành Kế hoạch số 141-KH/TU ngày 10/4/2025 thực hiện Kết luận số 123-KL/TW của "
            "Ban Chấp hành Trung ương, với các nhiệm vụ được phân công cụ thể cho từng cơ quan như sau.</p><table>"
            + cells("th", ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"])
            + cells("td", ["1", "Rà soát quy hoạch cán bộ", "Ban Tổ chức Tỉnh ủy", "Văn phòng Tỉnh ủy", "30/9/2025"])
            + "</table><p>Các cơ quan báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy theo định kỳ hằng quý "
            "để theo dõi, chỉ đạo.</p></article></body></html>")
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    got = {(a["organization"], a["role"], a["deadline"])
           for src in read_paths([str(path)]) for a in extract_source(src)["assignments"]}
    assert {("Ban Tổ chức Tỉnh ủy", "lead", "2025-09-30"), ("Văn phòng Tỉnh ủy", "coordinate", "2025-09-30")} <= got


def test_the_fields_under_a_task_name_its_bodies_and_its_deadline():
    # a plan that lists each task with its fields, a bullet each
    items = ("III. NHIỆM VỤ CỤ THỂ\n1. Rà soát quy hoạch cán bộ.\n- Cơ quan chủ trì: Ban Tổ chức Tỉnh ủy.\n"
             "- Cơ quan phối hợp: Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Tỉnh ủy.\n- Sản phẩm: báo cáo rà soát.\n"
             "- Thời gian hoàn thành: 30/9/2025.\n2. Tập huấn cán bộ.\n- Đơn vị thực hiện: Trường Chính trị tỉnh.\n"
             "- Thời gian thực hiện: Quý IV/2025.\n3. Sơ kết việc thực hiện.\n- Đơn vị chủ trì: Văn phòng Tỉnh ủy.\n"
             "- Thời gian hoàn thành: trước ngày 15/12.\n")
    assert tasks(HEAD + items) == {
        ("Ban Tổ chức Tỉnh ủy", "lead", "2025-09-30"), ("Ủy ban Kiểm tra Tỉnh ủy", "coordinate", "2025-09-30"),
        ("Văn phòng Tỉnh ủy", "coordinate", "2025-09-30"),
        ("Trường Chính trị tỉnh", "execute", None),                  # a quarter names no day
        ("Văn phòng Tỉnh ủy", "lead", "2025-12-15"),
    }


def test_a_fields_label_alone_is_no_body():
    for label in ("Cơ quan chủ trì\tBan Tổ chức Tỉnh ủy\n", "Cơ quan chủ trì tham mưu: Ban Tổ chức Tỉnh ủy\n",
                  "Đơn vị chủ trì Ban Tổ chức Tỉnh ủy\n"):
        assert tasks(HEAD + label) == {("Ban Tổ chức Tỉnh ủy", "lead", None)}, label
    # with a quantifier the noun names the bodies
    assert ("Các cơ quan", "lead", None) in tasks(HEAD + "Các cơ quan chủ trì rà soát hồ sơ.\n")


def test_rows_found_line_by_line_are_those_a_scan_of_the_whole_text_finds():
    from vankien.loaders import task_tables
    invented = [HEAD + TABLE, "| a | b |\n|c|d|\nx | y\n\tz\n", "a\tb\tc", "|", "\t\t\n|x|", ""]
    for text in invented + list(corpus_texts()):
        assert [m.span() for m in task_tables._rows(text)] == [m.span() for m in task_tables._ROW_RE.finditer(text)]
