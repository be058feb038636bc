"""`export neo4j-csv --from-shards`: the neo4j-admin CSV files written straight from the Parquet shards
of `vankien shards` are those of exporting a store that `vankien ingest SHARD_DIR` built from the same
shards (graph/exchange/neo4j_csv.py, export_csv_from_shards). Rows are compared as files where the
export promises an order (nodes, by key) and as sorted rows where it does not (relationships, grouped
by their start node's page); a Source's ``ingested_at`` is the time of each load and is left out."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import vankien
from vankien.graph.distributed import extract_to_shards, ingest_shards
from vankien.graph.exchange.neo4j_csv import ExportError, export_csv, export_csv_from_shards
from vankien.graph.shards import ShardError

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev"
VANKIEN = str(Path(sys.executable).with_name("vankien"))


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> Path:
    """Shards of the examples and a dozen texts of the dev corpus, three inputs a shard."""
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "examples", corpus / "examples")
    for path in sorted(DEV.glob("*.txt"))[:12]:
        shutil.copy(path, corpus / path.name)
    out = tmp_path_factory.mktemp("shards") / "run"
    extract_to_shards([corpus], out, scheduler="sync", partition_size=3)
    return out


@pytest.fixture(scope="module")
def from_store(shards, tmp_path_factory) -> Path:
    """The CSV files of a store loaded from the shards, as `vankien ingest SHARD_DIR` loads them."""
    base = tmp_path_factory.mktemp("store-route")
    with vankien.open_store(base / "store") as store:
        ingest_shards([shards], store)
    with vankien.open_store(base / "store", read_only=True) as store:
        export_csv(store, base / "csv")
    return base / "csv"


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    if "ingested_at" in header:                 # when each load ran: differs between any two loads
        at = header.index("ingested_at")
        rows = [r[:at] + r[at + 1:] for r in rows]
    return header, rows


def _assert_same_files(expected: Path, got: Path) -> None:
    names = sorted(p.name for p in expected.iterdir())
    assert sorted(p.name for p in got.iterdir()) == names
    assert any(n.startswith("relationships-") for n in names) and any(n.startswith("nodes-") for n in names)
    for name in names:
        if not name.endswith(".csv"):
            if name == "schema.cypher":
                assert (got / name).read_bytes() == (expected / name).read_bytes()
            continue
        (h1, r1), (h2, r2) = _rows(expected / name), _rows(got / name)
        assert h2 == h1, name
        assert r1, name
        if name.startswith("nodes-"):
            assert r2 == r1, name               # ordered by key
        else:
            assert sorted(r2) == sorted(r1), name


def test_csv_from_shards_is_the_csv_of_the_store_the_shards_build(shards, from_store, tmp_path):
    result = export_csv_from_shards([shards], tmp_path / "csv")
    _assert_same_files(from_store, tmp_path / "csv")
    documents = sum(1 for _ in (from_store / "nodes-Document.csv").open(encoding="utf-8")) - 1
    assert result.files["nodes-Document.csv"] == documents > 20


def test_the_temporary_store_is_removed(shards, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    export_csv_from_shards(shards, tmp_path / "csv", temp_dir=work, delimiter=";")
    assert list(work.iterdir()) == []
    assert (tmp_path / "csv" / "nodes-Document.csv").stat().st_size > 0


def test_bad_sources_fail_before_anything_is_written(shards, tmp_path):
    with pytest.raises(ShardError, match="not a shard folder"):
        export_csv_from_shards([tmp_path], tmp_path / "csv")
    with pytest.raises(ShardError, match="no shard folders"):
        export_csv_from_shards([], tmp_path / "csv")
    with pytest.raises(ExportError, match="array delimiter"):
        export_csv_from_shards([shards], tmp_path / "csv", delimiter=",")
    assert not (tmp_path / "csv").exists()


def test_command_line(shards, from_store, tmp_path):
    run = subprocess.run([VANKIEN, "export", "neo4j-csv", str(tmp_path / "csv"), "--from-shards", str(shards)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "neo4j-admin database import full" in run.stdout
    _assert_same_files(from_store, tmp_path / "csv")

    both = subprocess.run([VANKIEN, "export", "neo4j-csv", str(tmp_path / "x"), "--from-shards", str(shards),
                           "--store", str(tmp_path / "store")], capture_output=True, text=True, timeout=120)
    assert both.returncode == 2 and "not both" in both.stderr
    bad = subprocess.run([VANKIEN, "export", "neo4j-csv", str(tmp_path / "y"), "--from-shards", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "not a shard folder" in bad.stderr and "Traceback" not in bad.stderr
