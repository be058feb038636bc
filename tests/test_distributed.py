"""Extraction on a Dask cluster into Parquet shards (graph/distributed.py, graph/shards.py), and the
ingest of the shards: on a real LocalCluster of two worker processes, the graph built from the shards
is the one a plain ingest of the same inputs builds, and bad inputs are reported, not lost."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import vankien
from vankien.graph.distributed import extract_to_shards, ingest_shards
from vankien.graph.queries.snapshot import snapshot
from vankien.graph.shards import MANIFEST, SHARD_SCHEMA, read_shards

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev"
VANKIEN = str(Path(sys.executable).with_name("vankien"))

# invented records, written for this test
RECORDS = [
    {"text": "Ngày 4/3/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 208-KH/TU thực hiện Nghị quyết số "
             "57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ. Giao Ban "
             "Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Khoa học và Công nghệ tổ chức quán triệt.",
     "url": "https://tinhuy.example.vn/tin-tuc/ke-hoach-208", "title": "Kế hoạch thực hiện Nghị quyết 57", "scope": "Phú Thọ"},
    {"text": "Huyện ủy ban hành Chương trình hành động số 31-CTr/HU thực hiện Kế hoạch số 208-KH/TU của Tỉnh ủy; "
             "Chương trình này thay thế Chương trình số 12-CTr/HU ngày 5/6/2021.", "scope": "Phú Thọ"},
    "{not json at all",
    {"text": "Kết luận số 121-KL/TW ngày 24/1/2025 của Ban Chấp hành Trung ương về tổng kết Nghị quyết số "
             "18-NQ/TW ngày 25/10/2017; Đảng ủy xã xây dựng kế hoạch thực hiện trước ngày 30/4/2025."},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """About twenty texts of the dev corpus, a JSON Lines file of invented records (one line broken),
    an empty file and a binary one (an image saved as .txt)."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(DEV.glob("*.txt"))[:20]:
        shutil.copy(path, folder / path.name)
    (folder / "ban-tin.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n",
        encoding="utf-8")
    (folder / "trong.txt").write_bytes(b"")
    (folder / "anh-chup.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def shards(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shards") / "run"
    manifest = extract_to_shards([corpus], out, n_workers=2, partition_size=5)     # a real LocalCluster
    assert manifest["scheduler"] == "LocalCluster, 2 workers"
    return out


def _plain(paths, folder: Path, **kw):
    with vankien.open_store(folder) as store:
        report = vankien.ingest(paths, store, **kw)
        return report, snapshot(store)


def _from_shards(shard_folders, folder: Path, **kw):
    with vankien.open_store(folder) as store:
        report = ingest_shards(shard_folders, store, **kw)
        return report, snapshot(store)


def _inputs(report) -> list[tuple]:
    return [(i["source"], i["status"], i.get("reason"), i.get("documents"), i.get("relations"))
            for i in report.inputs]


def test_the_shards_hold_every_input_in_order_with_its_record(corpus, shards):
    manifest = json.loads((shards / MANIFEST).read_text(encoding="utf-8"))
    sources = list(vankien.read_paths([corpus]))
    assert manifest["texts"] == len(sources) == sum(s["rows"] for s in manifest["shards"])
    assert manifest["read"] == sum(s.ok for s in sources)
    assert len(manifest["shards"]) == -(-len(list(corpus.iterdir())) // 5)    # a shard per partition of 5 files
    for shard in manifest["shards"]:
        assert pq.read_schema(shards / shard["file"]).remove_metadata().equals(SHARD_SCHEMA.remove_metadata())
    rows = list(read_shards([shards]))
    assert [r.source for r in rows] == [s.source for s in sources]
    assert [r.sha256 for r in rows] == [s.sha256 for s in sources]
    # the record of each text is the `vankien extract` record, read back from the nested Parquet columns
    extracted = {r["source"]: r for r in vankien.extract_paths([corpus])}
    for row in rows:
        if row.ok:
            assert row.record == extracted[row.source]
            assert vankien.Record.from_dict(row.record).to_dict() == row.record
        else:
            assert row.record is None and row.warnings


def test_bad_inputs_are_in_the_manifest_and_the_report(corpus, shards, tmp_path):
    manifest = json.loads((shards / MANIFEST).read_text(encoding="utf-8"))
    skipped = {Path(s["source"]).name.split("#")[0]: s for s in manifest["skipped"]}
    assert {"trong.txt", "anh-chup.txt", "ban-tin.jsonl"} <= set(skipped)     # empty, binary, the broken JSON line
    assert manifest["unreadable"] == len(manifest["skipped"])
    assert {w["code"] for w in skipped["trong.txt"]["warnings"]} == {"empty"}
    assert {w["code"] for w in skipped["anh-chup.txt"]["warnings"]} == {"binary"}
    assert all(s["status"] == "skipped" and s["reason"].startswith("unreadable: ") for s in skipped.values())
    report, _ = _from_shards([shards], tmp_path / "store")
    assert [s["source"] for s in report.skipped] == [s["source"] for s in manifest["skipped"]]
    assert report.texts_read == manifest["texts"]


def test_the_graph_from_shards_is_the_graph_of_a_plain_ingest(corpus, shards, tmp_path):
    plain, plain_graph = _plain([corpus], tmp_path / "plain", workers=1)
    report, graph = _from_shards([shards], tmp_path / "shards")
    assert plain.ingested > 20 and plain.documents > 30 and plain.edges > 30
    assert graph == plain_graph
    assert _inputs(report) == _inputs(plain)
    assert (report.documents, report.organizations, report.edges, report.ambiguous, report.placed,
            report.not_in_force, report.warning_codes) == \
           (plain.documents, plain.organizations, plain.edges, plain.ambiguous, plain.placed,
            plain.not_in_force, plain.warning_codes)


def test_shards_into_a_store_that_holds_texts(corpus, shards, tmp_path):
    """Not a bulk load: batches written into a store that holds some of the texts already; the texts
    already there are skipped as unchanged, as a plain ingest skips them."""
    first = sorted(corpus.glob("*.txt"))[:8]
    _plain(first, tmp_path / "plain", workers=1)
    plain, plain_graph = _plain([corpus], tmp_path / "plain", workers=1)
    _plain(first, tmp_path / "mixed", workers=1)
    report, graph = _from_shards([shards], tmp_path / "mixed", batch_size=7)
    assert report.unchanged == plain.unchanged == len(first)
    assert graph == plain_graph
    assert _inputs(report) == _inputs(plain)


def test_command_line(corpus, tmp_path):
    """`vankien shards` (here in this process: --scheduler sync) and `vankien ingest DIR` of its shards."""
    few = tmp_path / "few"
    few.mkdir()
    for name in ("ban-tin.jsonl", "trong.txt", sorted(p.name for p in corpus.glob("0*.txt"))[0]):
        shutil.copy(corpus / name, few / name)
    run = subprocess.run([VANKIEN, "shards", str(few), "-o", str(tmp_path / "sh"), "--scheduler", "sync"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "6 texts (4 read, 2 unreadable)" in run.stdout and "trong.txt" in run.stderr
    ingest = subprocess.run([VANKIEN, "ingest", str(tmp_path / "sh"), "--store", str(tmp_path / "store")],
                            capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    assert "texts: 6 read, 4 ingested" in ingest.stdout
    plain = subprocess.run([VANKIEN, "ingest", str(few), "--store", str(tmp_path / "plain"), "--workers", "1"],
                           capture_output=True, text=True)
    with vankien.open_store(tmp_path / "store", read_only=True) as a, \
            vankien.open_store(tmp_path / "plain", read_only=True) as b:
        assert plain.returncode == 0 and snapshot(a) == snapshot(b)
    # written again into the same folder: the earlier shards are replaced
    again = extract_to_shards([few / "ban-tin.jsonl"], tmp_path / "sh", scheduler="sync")
    assert again["texts"] == 4 and [s["file"] for s in again["shards"]] == ["part-00000.parquet"]
    assert sorted(p.name for p in (tmp_path / "sh").iterdir()) == ["part-00000.parquet", MANIFEST]


@pytest.fixture(scope="module")
def small_shards(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small") / "sh"
    extract_to_shards([corpus / "ban-tin.jsonl"], out, scheduler="sync")     # dask's scheduler in this process
    return out


@pytest.mark.parametrize("case", ["mixed", "scope", "not-empty", "missing-shard", "old-schema", "unfinished"])
def test_bad_use_gives_a_message(corpus, small_shards, tmp_path, case):
    sh = tmp_path / "sh"
    shutil.copytree(small_shards, sh)
    manifest = json.loads((sh / MANIFEST).read_text(encoding="utf-8"))
    args = ["ingest", str(sh), "--store", str(tmp_path / "store")]
    expected = {"mixed": "shard folders", "scope": "--scope is given when the shards are written",
                "not-empty": "not empty and holds no shards", "missing-shard": "shard files missing: part-00000",
                "old-schema": "schema version 0", "unfinished": "not both"}[case]
    if case == "mixed":
        args.append(str(corpus / "trong.txt"))
    elif case == "scope":
        args += ["--scope", "Hà Nội"]
    elif case == "not-empty":
        args = ["shards", str(corpus / "trong.txt"), "-o", str(corpus)]
    elif case == "missing-shard":
        (sh / "part-00000.parquet").unlink()
    elif case == "old-schema":
        (sh / MANIFEST).write_text(json.dumps({**manifest, "schema_version": 0}), encoding="utf-8")
    elif case == "unfinished":      # without its manifest, a folder of shards is a folder of texts
        sh2 = tmp_path / "sh2"
        shutil.copytree(small_shards, sh2)
        (sh / MANIFEST).unlink()
        args[1:2] = [str(sh2), str(sh)]
    run = subprocess.run([VANKIEN, *args], capture_output=True, text=True)
    assert run.returncode != 0
    assert expected in run.stderr and "Traceback" not in run.stderr
