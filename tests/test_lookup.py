"""Issue 21: lookups by what people type, ingest hygiene, progress with totals, tidy output.

The lookups run on the store of examples/ (session fixture) and on a store ingested here by the command
line; the ingest tests use small invented texts.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import vankien
from vankien.cli import main
from vankien.cli.explain import _words_after, _words_before
from vankien.cli.output import days, plural
from vankien.graph.queries.lookup import NoDocument, find_documents, resolve
from vankien.loaders.readers import read_paths
from vankien.loaders.readers.paths import count_inputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

PLAN_A = ("TỈNH ỦY HÀ GIANG\nSố 41-KH/TU\nHà Giang, ngày 5 tháng 4 năm 2023\n\nKẾ HOẠCH\n"
          "thực hiện Nghị quyết số 19-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII "
          "về nông nghiệp, nông dân, nông thôn.\nGiao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với các "
          "cơ quan liên quan tổ chức quán triệt trước ngày 30/5/2023.\n")
PLAN_B = ("HUYỆN ỦY BẮC QUANG\nSố 12-CTr/HU\nBắc Quang, ngày 2 tháng 6 năm 2023\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
          "thực hiện Kế hoạch số 41-KH/TU, ngày 5/4/2023 của Ban Thường vụ Tỉnh ủy Hà Giang về nông nghiệp.\n"
          "Các chi bộ trực thuộc báo cáo kết quả về Văn phòng Huyện ủy trước ngày 15/12/2023.\n")


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    """A store folder holding examples/ (README.md is passed over by the folder walk)."""
    folder = tmp_path_factory.mktemp("lookup") / "store"
    result = invoke("ingest", EXAMPLES, "--store", folder, "--workers", "1", "--no-progress")
    assert result.exit_code == 0, result.output
    return folder


# --- lookups by what people type -----------------------------------------------------------------
@pytest.mark.parametrize("canonical, typed", [
    ("29-NQ/TW", ["Nghị quyết 29-NQ/TW", "nghị quyết số 29-NQ/TW", "Nghi quyet 29-NQ/TW", "NGHỊ QUYẾT SỐ 29-nq/tw",
                  "29/NQ-TW", "29-nq/tw", "Nghị quyết số 29 - NQ/TƯ", "NQ 29"]),
    ("37-QĐ/TW", ["37-QD/TW", "Quy dinh so 37-QD/TW", "Quy định 37-QĐ/TW", "37/QĐ-TW"]),
    ("15/2020/NĐ-CP", ["15/2020/NĐ-CP", "Nghị định số 15/2020/NĐ-CP"]),
])
def test_every_written_form_of_a_symbol_finds_its_document(examples_graph, canonical, typed):
    [want] = [r["id"] for r in find_documents(examples_graph, canonical)]
    for key in typed:
        assert resolve(examples_graph, key) == want, key


def test_named_documents_are_found_by_their_name_loosely(examples_graph):
    charter = [r for r in find_documents(examples_graph, "Điều lệ Đảng")]
    assert [r["descriptor"] for r in charter] == ["Điều lệ Đảng"] and charter[0]["id"].startswith("named:")
    for typed in ("dieu le dang", "ĐIỀU LỆ ĐẢNG", "Dieu-le-Dang", "Điều lệ  Đảng.", "Điều lệ Đảng "):
        assert resolve(examples_graph, typed) == charter[0]["id"], typed
    law = resolve(examples_graph, "luat an ninh mang")
    assert [r["descriptor"] for r in find_documents(examples_graph, law)] == ["Luật An ninh mạng"]


def test_a_miss_names_the_nearest_documents(examples_graph):
    with pytest.raises(NoDocument) as e:
        resolve(examples_graph, "99-NQ/TW")
    keys = [r["key"] for r in e.value.suggestions]
    assert "29-NQ/TW" in keys and all(k.endswith("NQ/TW") or k.startswith("99") for k in keys)
    assert "did you mean" in str(e.value)
    with pytest.raises(NoDocument) as e:
        resolve(examples_graph, "Điều lệ")          # too short to name it, near enough to offer it
    assert [r["descriptor"] for r in e.value.suggestions][:1] == ["Điều lệ Đảng"]


def test_the_commands_take_what_people_type(example_store, tmp_path):
    shown = invoke("show", "Nghị quyết 29-NQ/TW", "--store", example_store)
    assert shown.exit_code == 0 and shown.output.startswith("29-NQ/TW:")
    named = invoke("show", "Dieu le Dang", "--store", example_store)
    assert named.exit_code == 0
    heading = named.output.splitlines()[0]
    assert heading.count("named:") == 1 and heading.endswith("Điều lệ Đảng")      # not "Điều lệ named:…"
    lineage = invoke("lineage", "29/NQ-TW", "--store", example_store)
    assert lineage.exit_code == 0 and lineage.output.startswith("29-NQ/TW:")
    coverage = invoke("coverage", "nghi quyet so 29-NQ/TW", "--store", example_store)
    assert coverage.exit_code == 0, coverage.output
    page = tmp_path / "v.html"
    view = invoke("view", "Nghị quyết số 29-NQ/TW", "-o", page, "--store", example_store)
    assert view.exit_code == 0 and page.exists()
    miss = invoke("show", "Dieu le", "--store", example_store)
    assert miss.exit_code == 1 and "did you mean" in miss.output and "named:dieu-le-dang" in miss.output


# --- ingest hygiene ---------------------------------------------------------------------------------
@pytest.fixture
def folder_with_side_files(tmp_path):
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-ke-hoach.txt").write_text(PLAN_A, encoding="utf-8")
    (folder / "sub" / "b-chuong-trinh.txt").write_text(PLAN_B, encoding="utf-8")
    # a README that cites a document with a relation cue: read, it would add a false SUPERSEDES edge
    (folder / "README.md").write_text("Quy định số 5-QĐ/TU thay thế Quy định số 3-QĐ/TU.\n", encoding="utf-8")
    (folder / "SOURCES.tsv").write_text("file\turl\tnotes\na-ke-hoach.txt\thttps://hagiang.example.org/a\t"
                                        "Kế hoạch này thay thế Kế hoạch số 9-KH/TU\n", encoding="utf-8")
    (folder / "ghi-chu.csv").write_text("so,ghi chu\n1,Quyết định 7-QĐ/TU bãi bỏ Quyết định 2-QĐ/TU\n",
                                        encoding="utf-8")
    (folder / ".nhap.txt").write_text(PLAN_B, encoding="utf-8")
    return folder


def test_a_folder_gives_its_document_files_only_and_the_skips_are_reported(folder_with_side_files, tmp_path):
    report_file = tmp_path / "report.json"
    result = invoke("ingest", folder_with_side_files, "--store", tmp_path / "store", "--workers", "1",
                    "--no-progress", "--report", report_file)
    assert result.exit_code == 0, result.output
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert sorted(Path(i["source"]).name for i in report["inputs"]) == ["a-ke-hoach.txt", "b-chuong-trinh.txt"]
    assert all(i["status"] == "added" for i in report["inputs"])
    kinds = {Path(p["source"].rstrip("/")).name: p["kind"] for p in report["passed_over"]}
    assert kinds == {"README.md": "project file", "SOURCES.tsv": "manifest", "ghi-chu.csv": "not a document",
                     ".nhap.txt": "hidden"}
    passed = [line for line in result.stderr.splitlines() if "passed over" in line]
    assert len(passed) == 4, result.stderr          # one line per kind
    store = vankien.open_store(tmp_path / "store", read_only=True)
    try:
        assert store.query("MATCH ()-[r:SUPERSEDES]->() RETURN count(*)").scalar() == 0
        # the manifest still gave the text its address
        assert store.query("MATCH (s:Source) WHERE s.url = $u RETURN count(*)",
                           {"u": "https://hagiang.example.org/a"}).scalar() == 1
    finally:
        store.close()


def test_include_and_exclude_globs_choose_files_of_folders(folder_with_side_files):
    names = lambda **kw: sorted(Path(r.source).name for r in read_paths([folder_with_side_files], **kw))
    assert names() == ["a-ke-hoach.txt", "b-chuong-trinh.txt"]
    assert names(exclude=["sub"]) == ["a-ke-hoach.txt"]
    assert names(exclude=["b-*.txt"]) == ["a-ke-hoach.txt"]
    assert names(include=["*.md"]) == ["README.md"]
    skipped = []
    names(include=["sub/*"], on_skip=lambda source, kind, detail: skipped.append(kind))
    assert skipped.count("not included") == 3
    # a file named explicitly is always read
    assert [Path(r.source).name for r in read_paths([folder_with_side_files / "README.md"])] == ["README.md"]
    result = invoke("extract", folder_with_side_files, "--include", "*.csv")
    assert result.exit_code == 0 and [json.loads(line)["source"].rsplit("/", 1)[-1]
                                      for line in result.stdout.splitlines()] == ["ghi-chu.csv"]


def test_a_missing_path_is_not_found_and_fails(tmp_path, folder_with_side_files):
    for command in (["ingest", "--store", tmp_path / "store", "--workers", "1"], ["extract"]):
        result = invoke(command[0], folder_with_side_files, tmp_path / "nope.txt", *command[1:])
        assert result.exit_code != 0, command
        lines = [line for line in result.stderr.splitlines() if "nope.txt" in line]
        assert lines and all("not found" in line and "unreadable" not in line for line in lines), result.stderr


# --- progress with totals ---------------------------------------------------------------------------
def test_files_and_bytes_are_counted_up_front_and_the_bar_reaches_them(folder_with_side_files, tmp_path):
    files, size, sizes = count_inputs([folder_with_side_files])
    texts = [folder_with_side_files / "a-ke-hoach.txt", folder_with_side_files / "sub" / "b-chuong-trinh.txt"]
    assert files == 2 and size == sum(p.stat().st_size for p in texts) == sum(sizes.values())
    result = invoke("ingest", folder_with_side_files, "--store", tmp_path / "store", "--workers", "1", "--progress")
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "ingest: 2 files," in err and "100%" in err and f"{size}/{size}" in err.replace(".00", "")
    assert re.search(r"ingest: loading 2 texts into the store", err)


# --- tidy output --------------------------------------------------------------------------------------
def test_figures_for_people():
    assert [plural(n, "document") for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]
    assert days(288.0) == "288 days" and days(1) == "1 day" and days(None) == "unknown"


def test_no_none_no_float_days_no_plural_errors_in_the_commands(example_store):
    outputs = [invoke(*args, "--store", example_store).output for args in (
        ["stats"], ["coverage", "29-NQ/TW"], ["coverage", "Điều lệ Đảng"], ["show", "29-NQ/TW"],
        ["show", "Điều lệ Đảng"], ["lineage", "29-NQ/TW"])]
    text = "\n".join(outputs)
    assert not re.search(r"\bNone\b", text)
    assert not re.search(r"\d\.\d+ days", text) and not re.search(r"\b1 (texts|documents|days)\b", text)
    assert re.search(r"median lag \d+ days?$", outputs[1].strip())


def test_explain_context_is_cut_on_word_boundaries():
    text = "Ban Chấp hành Trung ương Đảng khóa XIII đã ban hành " + "Nghị quyết số 29-NQ/TW về công nghiệp hóa " * 3
    start = text.index("đã ban hành")
    before = _words_before(text, start)
    assert before and text[start - len(before) - 1] == " " or start - len(before) == 0
    assert before.split()[0] in text.split()
    after = _words_after(text, 10)
    assert text[10 + len(after)] == " " and after.split()[-1] in text.split()


def test_explain_snippet_marks_a_cut_only_where_text_was_left_out():
    from vankien.cli.explain import _snippet

    short = "Kế hoạch thực hiện Nghị quyết số 29-NQ/TW."
    s, e = short.index("thực hiện"), len(short)
    shown = _snippet(short, {"start": s, "end": e}, "thực hiện", False).strip()
    assert not shown.startswith("…") and not shown.endswith("…") and "{thực hiện}" in shown
    long = "Mở đầu " * 40 + short + " Kết thúc" * 40
    s = long.index("thực hiện")
    shown = _snippet(long, {"start": s, "end": s + len("thực hiện Nghị quyết")}, "thực hiện", False).strip()
    assert shown.startswith("…") and shown.endswith("…")


def test_name_similarity_bound_changes_no_score_that_counts():
    """The cheap bounds skip only pairs whose full ratio is under the floor: every score at or above
    it is the full ratio, so name lookups and suggestions are unchanged."""
    import random

    from vankien.graph.queries.lookup import SUGGEST, _similarity

    rng = random.Random(7)
    words = "nghi quyet dai hoi dieu le dang ke hoach quy dinh tinh uy lan thu xiii hien phap".split()
    for _ in range(2000):
        a = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
        b = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        full, bounded = _similarity(a, b), _similarity(a, b, SUGGEST)
        assert bounded == full or (bounded == 0.0 and full < SUGGEST), (a, b, full, bounded)
