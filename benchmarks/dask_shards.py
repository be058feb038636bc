"""Extraction on Dask into shards, then ingest of the shards, against a plain ingest of the same texts.

    python benchmarks/dask_shards.py [--corpus ../shared/corpus] [--repeat 10] [--workers 2]

The corpus's texts are copied ``--repeat`` times into a temporary folder (each copy with one more
trailing newline, so that every copy is a new text: another sha256, the same extraction), then:
a plain ``ingest`` into a fresh store (``--workers`` extraction processes), and ``extract_to_shards``
on a LocalCluster of ``--workers`` processes (its start included) followed by ``ingest_shards`` into
another fresh store. Prints the times and checks that the two graphs are the same.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import vankien
from vankien.graph.distributed import extract_to_shards, ingest_shards
from vankien.graph.queries.snapshot import snapshot

REPO = Path(__file__).resolve().parents[1]


def copies(corpus: Path, repeat: int, into: Path) -> int:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".jsonl"))
    for i in range(repeat):
        folder = into / f"copy-{i:03d}"
        folder.mkdir(parents=True)
        for f in files:
            rel = f.relative_to(corpus)
            (folder / rel.parent).mkdir(parents=True, exist_ok=True)
            data = f.read_bytes()
            (folder / rel).write_bytes(data + b"\n" * (i + 1) if f.suffix != ".jsonl" else data)
    return len(files) * repeat


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="vankien-dask-") as tmp:
        tmp = Path(tmp)
        n = copies(args.corpus, args.repeat, tmp / "texts")
        t = time.perf_counter()
        with vankien.open_store(tmp / "plain") as store:
            plain = vankien.ingest([tmp / "texts"], store, workers=args.workers)
            plain_graph = snapshot(store)
        plain_s = time.perf_counter() - t
        t = time.perf_counter()
        manifest = extract_to_shards([tmp / "texts"], tmp / "shards", n_workers=args.workers)
        shards_s = time.perf_counter() - t
        t = time.perf_counter()
        with vankien.open_store(tmp / "from-shards") as store:
            report = ingest_shards([tmp / "shards"], store)
            same = snapshot(store) == plain_graph
        load_s = time.perf_counter() - t
        size = sum(p.stat().st_size for p in (tmp / "shards").glob("*.parquet"))
        result = {
            "files": n, "texts": plain.texts_read, "ingested": plain.ingested, "workers": args.workers,
            "plain_ingest_s": round(plain_s, 2), "plain_texts_per_s": round(plain.ingested / plain_s, 1),
            "shards_s": round(shards_s, 2), "shards": len(manifest["shards"]), "shard_mb": round(size / 2**20, 2),
            "ingest_shards_s": round(load_s, 2), "shards_total_s": round(shards_s + load_s, 2),
            "shards_texts_per_s": round(report.ingested / (shards_s + load_s), 1),
            "same_graph": same, "documents": report.documents, "edges": report.edges,
        }
        print(json.dumps(result, indent=1))
        shutil.rmtree(tmp / "plain", ignore_errors=True)
        if not same:
            sys.exit("the graph from the shards is not the plain ingest's")


if __name__ == "__main__":
    main()
