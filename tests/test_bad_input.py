"""Bad input never ends a run (issue 18, readers' side): every input isolated, untrusted containers
unpacked with limits, invisible characters and implausible dates reported, no secret and no control
character printed, RDF/XML well-formed. Real files in tmp_path, the real command line."""
import builtins
import json
import os
import pathlib
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

import vankien
from vankien.cli import main
from vankien.loaders.extract import extract_text
from vankien.loaders.readers import read_paths

PLAN = "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU thực hiện Nghị quyết số 25-NQ/TW về công tác cán bộ."
VANKIEN = str(Path(sys.executable).with_name("vankien"))


def invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def records_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def codes(record) -> list[str]:
    return [w["code"] if isinstance(w, dict) else w.code for w in (record["warnings"] if isinstance(record, dict)
                                                                      else record.warnings)]


# --- 1. every input isolated ------------------------------------------------------------------------
def test_deeply_nested_json_is_one_bad_record_and_the_others_are_read(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000)
    (tmp_path / "good.jsonl").write_text(json.dumps({"text": PLAN}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke("extract", tmp_path)
    assert result.exit_code == 0, result.output
    deep, good = records_of(result.stdout)
    assert codes(deep) == ["bad_record"] and "nested too deeply" in deep["warnings"][0]["message"]
    assert [d["key"] for d in good["documents"]] == ["12-KH/TU", "25-NQ/TW"]


def test_lone_surrogate_in_a_record_is_replaced_warned_and_written(tmp_path):
    line = json.dumps({"text": PLAN + " \ud800", "title": "T\udc00"})      # "\ud800" escapes, as JSON allows
    (tmp_path / "s.jsonl").write_text(line + "\n")
    out = tmp_path / "out.jsonl"
    result = invoke("extract", tmp_path / "s.jsonl", "-o", out)
    assert result.exit_code == 0, result.output
    [record] = records_of(out.read_text(encoding="utf-8"))            # strict UTF-8: no surrogate written
    assert "lone_surrogates" in codes(record) and "2 lone surrogate" in result.stderr
    assert record["provenance"]["title"] == "T\ufffd"
    assert [d["key"] for d in record["documents"]] == ["12-KH/TU", "25-NQ/TW"]
    [src] = read_paths([tmp_path / "s.jsonl"])
    assert src.text.endswith("\ufffd")


def test_file_name_not_utf8_is_read_and_ingested_end_to_end(tmp_path):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"bad\xff.txt"), "w", encoding="utf-8") as f:
        f.write(PLAN)
    [src] = read_paths([os.path.join(folder, b"bad\xff.txt")])        # a bytes path, as Linux allows
    assert src.ok and src.source.endswith("bad\\xff.txt")
    [walked] = read_paths([tmp_path / "in"])
    assert walked.source == src.source
    store = tmp_path / "store"
    done = subprocess.run([VANKIEN, "ingest", os.path.join(folder, b"bad\xff.txt"), "--store", str(store), "--workers", "1", "--no-progress"],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    with vankien.open_store(store, read_only=True) as st:
        assert st.query("MATCH (s:Source) RETURN s.source").rows == [[src.source]]
        assert st.query("MATCH (d:Document) RETURN count(*)").scalar() == 2


def test_unreadable_file_argument_is_one_record_and_the_others_are_read(tmp_path, monkeypatch):
    good, bad = tmp_path / "good.txt", tmp_path / "secret.txt"
    good.write_text(PLAN, encoding="utf-8")
    bad.write_text(PLAN, encoding="utf-8")
    bad.chmod(0)
    # as root chmod does nothing: make the operating system refuse as it would refuse another user
    real_open, real_access = pathlib.Path.open, os.access

    def refusing_open(self, *args, **kw):
        if self.name == bad.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kw)

    real_builtin_open = builtins.open

    def refusing_builtin_open(file, *args, **kw):       # the readers open a file by its name (loaders/readers/paths.py)
        if isinstance(file, (str, os.PathLike)) and os.path.basename(os.fspath(file)) == bad.name:
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_builtin_open(file, *args, **kw)

    monkeypatch.setattr(pathlib.Path, "open", refusing_open)
    monkeypatch.setattr(builtins, "open", refusing_builtin_open)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: Path(p).name != bad.name and real_access(p, mode, **kw))
    try:
        result = invoke("extract", bad, good)
    finally:
        bad.chmod(0o644)
    assert result.exit_code == 0, result.output
    unread, read = records_of(result.stdout)
    assert codes(unread) == ["unreadable"] and "Permission denied" in unread["warnings"][0]["message"]
    assert [d["key"] for d in read["documents"]] == ["12-KH/TU", "25-NQ/TW"]


def test_ingest_of_a_missing_file_says_not_found_and_fails(tmp_path):
    result = invoke("ingest", tmp_path / "nope.txt", "--store", tmp_path / "store", "--workers", "1")
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if "nope.txt" in line]
    assert skipped and "not found" in skipped[0] and "unreadable" not in skipped[0]


def test_reader_failure_is_one_record(tmp_path, monkeypatch):
    from vankien.loaders import readers

    def broken(data, source):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(readers.READERS, "text", broken)
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{PLAN}</p></body></html>", encoding="utf-8")
    a, b = read_paths([tmp_path])
    assert codes(a) == ["read_failed"] and "RecursionError" in a.warnings[0].message
    assert b.ok


def _zip_bomb(path: Path, unpacked: int) -> None:
    """A DOCX whose word/document.xml unpacks to ``unpacked`` bytes of spaces from a few MB: the same
    fully flushed deflate block repeated (each one stands alone), sizes declared honestly."""
    chunk = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    times = unpacked // len(chunk)
    body = block * times + b"\x03\x00"                  # then an empty final block
    crc = 0                                             # never checked: the part must never be unpacked
    name = b"word/document.xml"
    size = times * len(chunk)
    header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(body), size, len(name), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(body), size,
                          len(name), 0, 0, 0, 0, 0, 0)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central) + len(name), len(header) + len(name) + len(body), 0)
    path.write_bytes(header + name + body + central + name + end)


def test_docx_zip_bomb_is_refused_without_the_memory(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _zip_bomb(bomb, 3 << 30)                          # 3 GiB of XML in about 3 MB
    assert bomb.stat().st_size < 4 << 20
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("word/document.xml").file_size == 3 << 30
    probe = (
        "import resource, sys\n"
        "from vankien.loaders.readers import read_paths\n"
        "[r] = read_paths([sys.argv[1]])\n"
        "print(r.text is None, [w.code for w in r.warnings], r.warnings[0].message)\n"
        # VmHWM: this process's own peak (ru_maxrss survives exec on Linux: it would be pytest's)
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(bomb)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    verdict, peak_mb = done.stdout.splitlines()
    assert verdict.startswith("True ['unsafe_archive']") and "3.0 GiB" in verdict
    assert int(peak_mb) < 400, f"{peak_mb} MB at peak"


def test_docx_within_limits_is_still_read(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph(PLAN)
    d.save(tmp_path / "plan.docx")
    [src] = read_paths([tmp_path / "plan.docx"])
    assert src.ok and src.reader == "docx" and "25-NQ/TW" in src.text


def test_deeply_nested_html_is_read_and_said_so(tmp_path):
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{PLAN}</p>" + "</div>" * 100_000 + "</body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    [src] = read_paths([tmp_path / "deep.html"])
    assert src.ok and src.text == PLAN
    assert codes(src) == ["too_deep"] and "too deep" in src.warnings[0].message


def test_one_line_json_array_is_read_as_records(tmp_path):
    items = [{"text": PLAN, "url": "https://example.org/a"}, {"text": "Chỉ thị số 05-CT/TW của Bộ Chính trị."}]
    (tmp_path / "dump.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    records = list(read_paths([tmp_path / "dump.json"]))
    assert [r.text for r in records] == [PLAN, items[1]["text"]]
    assert records[0].url == "https://example.org/a" and all(r.warnings == [] for r in records)


# --- 4. normalisation -------------------------------------------------------------------------------
def test_invisible_characters_never_change_a_code_and_are_counted(tmp_path):
    text = ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 1\u200b2-KH/TU thực hiện Nghị quyết số 2\u00ad5-NQ/TW "
            "và Kết luận số 4\u20603-KL/\ufeffTW, Chỉ thị số 0\u200c5-CT/T\u200dW.")
    (tmp_path / "a.txt").write_text("\ufeff" + text, encoding="utf-8")         # a leading BOM is no warning
    [src] = read_paths([tmp_path / "a.txt"])
    assert codes(src) == ["invisible_characters"]
    message = src.warnings[0].message
    assert "removed 6 invisible" in message and "1 soft hyphen U+00AD" in message
    record = vankien.extract_source(src)
    assert [d["key"] for d in record["documents"]] == ["12-KH/TU", "25-NQ/TW", "43-KL/TW", "5-CT/TW"]
    assert "5-NQ/TW" not in [d["key"] for d in record["documents"]]
    direct = extract_text(text)                                 # the library without a reader: same keys
    assert [d["key"] for d in direct["documents"]] == ["12-KH/TU", "25-NQ/TW", "43-KL/TW", "5-CT/TW"]
    assert "invisible_characters" in codes(direct)


def test_numbers_of_any_length_are_read():
    keys = [d["key"] for d in extract_text("Thực hiện Công văn số 10234-CV/TU và Quyết định số 123456/QĐ-UBND "
                                           "cùng Chỉ thị số 1234567-CT/TW.")["documents"]]
    assert keys == ["10234-CV/TU", "123456/QĐ-UBND", "1234567-CT/TW"]


def test_implausible_dates_are_reported_with_a_warning():
    record = extract_text("Tỉnh ủy ban hành Kế hoạch số 12-KH/TU ngày 03/4/2099 thực hiện Nghị quyết số 25-NQ/TW "
                          "ngày 15/5/1925 và Chỉ thị số 05-CT/TW ngày 10/6/2020.")
    dates = {d["key"]: d["date"] for d in record["documents"]}
    assert dates == {"12-KH/TU": "2099-04-03", "25-NQ/TW": "1925-05-15", "5-CT/TW": "2020-06-10"}
    warned = [w for w in record["warnings"] if w["code"] == "implausible_date"]
    assert [w["message"].split(":")[0] for w in warned] == ["12-KH/TU", "25-NQ/TW"]
    assert "before 1930" in warned[1]["message"] and "more than a year from today" in warned[0]["message"]
    assert warned[0]["start"] is not None


# --- 6. secrets -------------------------------------------------------------------------------------
NEO4J_COMMANDS = [
    ["ingest", "--neo4j", "{file}"],
    ["query", "--neo4j", "MATCH (n) RETURN count(n)"],
    ["lineage", "--neo4j", "25-NQ/TW"],
    ["show", "--neo4j", "25-NQ/TW"],
    ["coverage", "--neo4j", "25-NQ/TW"],
    ["stats", "--neo4j"],
    ["export", "rdf", "--neo4j", "{out}"],
    ["push", "neo4j", "--store", "{store}"],
]


@pytest.mark.parametrize("uri, expected", [("bolt://127.0.0.1:1", "cannot reach Neo4j at bolt://127.0.0.1:1"),
                                           ("neo4j://reader:uri-pass-123@127.0.0.1:1", "must not hold a user name")])
def test_no_neo4j_command_prints_a_password(tmp_path, uri, expected):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    vankien.open_store(tmp_path / "store").close()
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": "env-pass-456", "NEO4J_USERNAME": "reader"}
    for command in NEO4J_COMMANDS:
        args = [a.format(file=tmp_path / "a.txt", out=tmp_path / "out.ttl", store=tmp_path / "store") for a in command]
        result = invoke(*args, env=env)
        shown = result.output + (str(result.exception) if result.exception and result.exit_code != 1 else "")
        assert result.exit_code == 1, (command, shown)
        assert "env-pass-456" not in shown and "uri-pass-123" not in shown, (command, shown)
        assert shown.count(expected) == 1, (command, shown)


# --- 7. output hygiene ------------------------------------------------------------------------------
def test_control_characters_never_reach_the_terminal(tmp_path):
    (tmp_path / "name\x1b[2J\x9b.txt").write_bytes(b"")                 # an empty file with a hostile name
    (tmp_path / "b.txt").write_text("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU thực hiện Nghị quyết số "
                                    "25-NQ/TW \x1b]0;pwned\x07về công tác cán bộ.", encoding="utf-8")
    for args in (["extract", tmp_path], ["extract", "--explain", tmp_path]):
        result = invoke(*args)
        printed = result.stdout + result.stderr
        assert not any(c in printed for c in "\x1b\x9b\x07"), printed
        assert "name\\u001b[2J\\u009b.txt" in result.stderr
    assert "\\u001b]0;pwned\\u0007" in invoke("extract", "--explain", tmp_path / "b.txt").stdout
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": PLAN, "title": "Tin\x9b2J mới"}) + "\n")
    [record] = records_of(invoke("extract", tmp_path / "c.jsonl").stdout)
    assert record["provenance"]["title"] == "Tin\x9b2J mới"                  # escaped in JSON: the same value


@pytest.fixture(scope="module")
def store_with_form_feed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ff")
    (folder / "page.txt").write_text("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU thực hiện\x0cNghị quyết "
                                     "số 25-NQ/TW về công tác cán bộ.", encoding="utf-8")
    result = invoke("ingest", folder / "page.txt", "--store", folder / "store", "--workers", "1")
    assert result.exit_code == 0, result.output
    return folder


def test_rdf_xml_is_well_formed_with_a_form_feed_and_turtle_keeps_it(store_with_form_feed):
    folder = store_with_form_feed
    for name in ("out.rdf", "out.ttl", "out.jsonld"):
        assert invoke("export", "rdf", folder / name, "--store", folder / "store").exit_code == 0
    xml = (folder / "out.rdf").read_text(encoding="utf-8")
    ElementTree.fromstring(xml)                                          # raises when ill-formed
    assert "thực hiện Nghị quyết" in xml and "\x0c" not in xml
    assert "thực hiện\\fNghị quyết" in (folder / "out.ttl").read_text(encoding="utf-8")
    assert "thực hiện\\fNghị quyết" in (folder / "out.jsonld").read_text(encoding="utf-8")


def test_query_output_escapes_control_characters(store_with_form_feed):
    result = invoke("query", "MATCH ()-[r:IMPLEMENTS]->() RETURN r.evidence", "--store", store_with_form_feed / "store")
    assert result.exit_code == 0, result.output
    assert "\x0c" not in result.stdout and "\\u000c" in result.stdout


def test_ingest_of_only_bad_inputs_fails_and_names_each(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "deep.json").write_text("[" * 100_000)
    result = invoke("ingest", tmp_path / "empty.txt", tmp_path / "deep.json", "--store", tmp_path / "store",
                    "--workers", "1")
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "deep.json" in result.stderr and "Traceback" not in result.output


def test_a_raw_text_with_a_lone_surrogate_is_extracted_with_a_warning():
    # extract_text takes a str that no reader cleaned: the check for a text typed without
    # diacritics encoded it before the cleaning and stopped with UnicodeEncodeError
    from vankien.loaders.extract import extract_text
    r = extract_text("\ud800 Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương")
    assert [d["key"] for d in r["documents"]] == ["25-NQ/TW"]
    assert "lone_surrogates" in [w["code"] for w in r["warnings"]]
