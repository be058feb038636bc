#!/usr/bin/env python3
"""Ingest benchmark: generated texts -> extraction -> identities -> the embedded store.

    python benchmarks/ingest.py --texts 100000            # the issue's target corpus
    python benchmarks/ingest.py --texts 5000 --workers 1  # a quick look

The texts are generated on the fly (benchmarks/synthetic.py, our own templates), short notices and
plans of about 0.6–3 KB, the bulk of what Party websites publish; nothing is written to disk but the
store (and its staging files). Reported: texts/s and MB/s end to end (including placing ambiguous
references), edges/s into the store, time per phase, and the resident memory sampled along the run,
of the writing process and of all processes (with the workers). The writing process holds one batch
at a time (vankien.graph.stores.bulk_load); VANKIEN_MEMORY_MB (vankien.graph.stores.ladybug_store) bounds it when the store
already holds texts.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import make_text  # noqa: E402


def generate(n: int, seed: int, sizes: list[int]):
    from vankien.loaders.source import SourceText

    rng = random.Random(seed)
    for i in range(n):
        text, _ = make_text(rng, int(min(2500, max(300, rng.lognormvariate(6.0, 0.45)))))
        sizes.append(len(text.encode("utf-8")))
        yield SourceText(source=f"synthetic/{i:06d}.txt", text=text, reader="text",
                         sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), scope=None)


def rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:     # a worker that has just exited
        pass
    return 0.0


def children(pid: int) -> list[int]:
    """The processes this one started (text and partition workers), and theirs."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out + [g for c in out for g in children(c)]


def all_rss_mb() -> float:
    """Resident memory of this process and its workers, summed (shared pages counted in each)."""
    return rss_mb() + sum(rss_mb(c) for c in children(os.getpid()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20240312)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=None, help="texts per transaction (default: ingest's)")
    ap.add_argument("--store", default=None, help="store folder (default: a temporary one, removed after)")
    ap.add_argument("--json", default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    from vankien.graph.ingest import ingest_sources
    from vankien.graph.stores import open_store

    folder = Path(args.store) if args.store else Path(tempfile.mkdtemp(prefix="vankien-bench-"))
    if args.store and folder.exists():
        shutil.rmtree(folder)
    samples: list[tuple[float, float, float]] = []
    done = threading.Event()
    started = time.perf_counter()

    def sample() -> None:
        while not done.wait(2.0):
            samples.append((time.perf_counter() - started, rss_mb(), all_rss_mb()))

    sizes: list[int] = []
    threading.Thread(target=sample, daemon=True).start()
    store = open_store(folder)
    try:
        report = ingest_sources(generate(args.texts, args.seed, sizes), store, workers=args.workers,
                                **({"batch_size": args.batch_size} if args.batch_size else {}), progress=sys.stderr.isatty())
    finally:
        store.close()
        done.set()
    seconds = time.perf_counter() - started
    edges = report.edges_added
    figures = {
        "texts": report.ingested, "mean_text_bytes": round(sum(sizes) / max(1, len(sizes))),
        "seconds": round(seconds, 1), "texts_per_s": round(report.ingested / seconds),
        "mb_per_s": round(sum(sizes) / 1e6 / seconds, 2),
        "documents": report.documents, "edges": edges, "edges_per_s": round(edges / seconds),
        "ambiguous": report.ambiguous, "placed": report.placed, "timings": report.timings,
        "rss_mb_samples": [(round(t), round(m)) for t, m, _ in samples[:: max(1, len(samples) // 12)]],
        "rss_mb_peak": round(max((m for _, m, _ in samples), default=rss_mb())),
        # with the worker processes (those extracting texts, then those merging partitions)
        "all_processes_rss_mb_samples": [(round(t), round(a)) for t, _, a in samples[:: max(1, len(samples) // 12)]],
        "all_processes_rss_mb_peak": round(max((a for _, _, a in samples), default=all_rss_mb())),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if not args.store:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
