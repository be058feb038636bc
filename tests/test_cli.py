"""`vankien extract` end to end: JSON Lines out, bad inputs reported, exit codes."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vankien.cli import main


def run(*args):
    result = CliRunner().invoke(main, ["extract", *map(str, args)])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, records


@pytest.fixture
def mixed_folder(tmp_path):
    d = tmp_path / "inputs"
    (d / "sub").mkdir(parents=True)
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.bin").write_bytes(bytes(range(256)) * 20)
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (d / "english.txt").write_text("The board met on Monday to review the annual budget for roads, schools, "
                                   "clinics and water supply in the northern districts; members approved it.")
    (d / "sub" / "plan.txt").write_text("Thực hiện Nghị quyết số 08-NQ/TW, ngày 16/01/2017 của Bộ Chính trị, "
                                        "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 19-KH/TU.", encoding="utf-8")
    with open(d / "huge.txt", "wb") as f:          # 50 MB, sparse: never read
        f.truncate(50 * 1024 * 1024)
    return d


def test_folder_with_bad_inputs_reports_each_and_goes_on(mixed_folder):
    result, records = run(mixed_folder)
    assert result.exit_code == 0
    by_name = {Path(r["source"]).name: r for r in records}
    # a folder gives its document files only: blob.bin is passed over, with one line saying so (issue 21)
    assert set(by_name) == {"empty.txt", "broken.pdf", "english.txt", "plan.txt", "huge.txt"}
    assert "passed over 1 in folders: files that are not documents (.bin: 1)" in result.stderr
    codes = {name: [w["code"] for w in r["warnings"]] for name, r in by_name.items()}
    assert codes["empty.txt"] == ["empty"]
    assert codes["broken.pdf"] == ["unreadable_pdf"]
    assert "not_vietnamese" in codes["english.txt"]
    assert codes["huge.txt"] == ["too_large"]
    plan = by_name["plan.txt"]
    assert [d["key"] for d in plan["documents"]] == ["8-NQ/TW", "19-KH/TU"]
    assert plan["provenance"]["reader"] == "text" and len(plan["provenance"]["sha256"]) == 64
    for r in records:
        assert set(r) >= {"source", "documents", "relations", "assignments", "warnings"}


def test_exit_code_is_nonzero_only_when_nothing_could_be_read(mixed_folder):
    result, records = run(mixed_folder / "empty.txt", mixed_folder / "blob.bin")    # named: read, and binary
    assert result.exit_code == 1 and len(records) == 2
    assert [w["code"] for w in records[1]["warnings"]] == ["binary"]
    result, _ = run(mixed_folder / "empty.txt", mixed_folder / "sub" / "plan.txt")
    assert result.exit_code == 0


def test_scope_option_fills_local_documents(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Các chi bộ thực hiện Kế hoạch số 19-KH/TU và Nghị quyết số 08-NQ/TW.", encoding="utf-8")
    _, (rec,) = run(p, "--scope", "Quảng Trị")
    scopes = {d["key"]: d["scope"] for d in rec["documents"]}
    assert scopes == {"19-KH/TU": "Quảng Trị", "8-NQ/TW": None}


def test_jsonl_records_are_one_output_line_each(tmp_path):
    p = tmp_path / "news.jsonl"
    rows = [{"text": "Tỉnh ủy ban hành Chỉ thị số 21-CT/TU.", "url": "https://example.org/a", "scope": "Gia Lai"},
            {"text": "Quán triệt Kết luận số 14-KL/TW của Bộ Chính trị.", "url": "https://example.org/b"}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    _, records = run(p)
    assert [r["source"] for r in records] == ["https://example.org/a", "https://example.org/b"]
    assert records[0]["documents"][0]["scope"] == "Gia Lai"


def test_shared_corpus_through_the_cli(corpus_dir):
    texts = sorted(corpus_dir.glob("seeds/*.txt")) + sorted(corpus_dir.glob("dev/*.txt"))
    result, records = run(*texts)
    assert result.exit_code == 0
    # one record per text, in order, none dropped; a real text may cite nothing it can identify
    assert [r["source"] for r in records] == [str(t) for t in texts]
    assert all(r["provenance"]["sha256"] and isinstance(r["documents"], list) for r in records)
    assert sum(bool(r["documents"]) for r in records) >= 0.9 * len(records)


def test_console_script_is_installed():
    exe = shutil.which("vankien") or str(Path(sys.executable).with_name("vankien"))
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert "vankien" in out.stdout


def test_explain_prints_each_edge_with_its_evidence(tmp_path):
    f = tmp_path / "kh.txt"
    f.write_text("Ngày 2/4/2024, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 61-KH/TU thực hiện Chỉ thị số "
                 "35-CT/TW, ngày 14/6/2019 của Bộ Chính trị. Giao Ban Tổ chức Tỉnh ủy chủ trì, theo dõi việc "
                 "thực hiện.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", "--explain", "-o", str(out), str(f)])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "subject: 61-KH/TU" in text
    assert "IMPLEMENTS    61-KH/TU -> 35-CT/TW" in text
    assert "[Kế hoạch số 61-KH/TU {thực hiện} Chỉ thị số 35-CT/TW]" in text
    assert "ASSIGNS_TO    61-KH/TU -> Ban Tổ chức Tỉnh ủy (lead, provincial)" in text
    record = json.loads(out.read_text(encoding="utf-8"))     # JSON still written to -o
    assert record["relations"][0]["type"] == "IMPLEMENTS"
    # without -o, --explain prints no JSON
    plain = CliRunner().invoke(main, ["extract", "--explain", str(f)])
    assert not any(line.startswith("{") for line in plain.output.splitlines())
