#!/usr/bin/env python3
"""Append benchmark: N new generated texts ingested into a COPY of a given store, phase by phase.

    python benchmarks/append.py --store /tmp/big100k --texts 1000           # figures as JSON
    python benchmarks/append.py --store /tmp/big100k --digest               # and a digest of the graph after

The given store is never written: it is copied (``--work``, default a temporary folder, removed
after unless ``--keep``) and the texts go into the copy with ``vankien.ingest``'s code path (on a copy
of the store, switched in at the end: vankien.graph.stores.ladybug_store). The texts come from
benchmarks/synthetic.py with their own seed and names after the store's (``synthetic/NNNNNN.txt``
from the store's Source count on), so none is already stored. Times are measured around the store's
and the ingest's own functions (wrapped, not changed): known texts, each part of a batch's write
(document and organisation lookups, new nodes and edges), placing ambiguous references (and its
steps), validity, checkpoints, the copy and the switch; extraction is the rest of reading. ``--digest``
adds the graph's counts and a sha256 over every document and edge with their properties (the
ingest time of Source nodes left out), to compare two versions of the code on the same append;
``--full-placement`` places every reference of the store as before (the same graph, at the old cost).
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import generate, rss_mb  # noqa: E402


class Phases:
    """Seconds and calls per wrapped function."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, owner: object, name: str, label: str | None = None) -> None:
        fn = getattr(owner, name)
        label = label or name.lstrip("_")

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - t
                self.calls[label] += 1

        setattr(owner, name, timed)

    def figures(self) -> dict[str, dict[str, float]]:
        return {k: {"s": round(v, 3), "calls": self.calls[k]} for k, v in self.seconds.items()}


def digest(folder: Path) -> dict[str, object]:
    """Counts and a sha256 of every document and edge (all properties; Source nodes without their
    ingest time), independent of the order Ladybug returns rows in."""
    from vankien.graph.model.schema import NODES, PRIMARY_KEY, RELATIONSHIPS
    from vankien.graph.stores import open_store

    out: dict[str, object] = {}
    h = hashlib.sha256()
    with open_store(folder, read_only=True) as store:
        for label, props in NODES.items():
            cols = [p for p in props if p != "ingested_at"]
            rows = store.query(f"MATCH (n:{label}) RETURN " + ", ".join(f"n.{p}" for p in cols)).rows
            out[label] = len(rows)
            lines = sorted(json.dumps(r, default=str, ensure_ascii=False, sort_keys=True) for r in rows)
            h.update(f"{label}\n".encode() + "\n".join(lines).encode())
        for rel in RELATIONSHIPS:
            props = "".join(f", r.{p}" for p in rel.props)
            rows = store.query(f"MATCH (a:{rel.src})-[r:{rel.name}]->(b:{rel.dst}) "
                               f"RETURN a.{PRIMARY_KEY[rel.src]}, b.{PRIMARY_KEY[rel.dst]}{props}").rows
            out[rel.name] = len(rows)
            lines = sorted(json.dumps(r, default=str, ensure_ascii=False) for r in rows)
            h.update(f"{rel.name}\n".encode() + "\n".join(lines).encode())
    out["sha256"] = h.hexdigest()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True, help="the store to append to (read only: a copy is written)")
    ap.add_argument("--texts", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7_000_001, help="of the new texts (not the store's)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--work", default=None, help="folder for the copy (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the copy after the run")
    ap.add_argument("--digest", action="store_true", help="also a digest of the graph after the append")
    ap.add_argument("--full-placement", action="store_true",
                    help="place every ambiguous reference of the store, as before the run-only pass (to compare)")
    ap.add_argument("--json", default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    import vankien.graph.ingest as ingest_mod
    import vankien.graph.stores.ambiguity as ambiguity
    import vankien.graph.stores.loader as loader_mod
    from vankien.graph.stores import open_store

    given = Path(args.store)
    if not (given / "graph.lbug").is_file():
        print(f"append.py: no vankien store in {given}", file=sys.stderr)
        return 2
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="vankien-append-"))
    copy = work / "store"
    if copy.exists():
        shutil.rmtree(copy)
    t = time.perf_counter()
    shutil.copytree(given, copy, ignore=shutil.ignore_patterns("ingest.lock", "ingest-run", "staging"))
    copy_seconds = time.perf_counter() - t

    if args.full_placement:
        ambiguity.Written.LIMIT = -1        # what a run wrote is never kept: the whole pass
    phases = Phases()
    for name in ("counts", "mark_superseded"):
        phases.wrap(ingest_mod, name)
    phases.wrap(loader_mod, "place_references")
    for name in ("_placed", "_ambiguous_ids", "_affected", "_candidates", "_move", "_move_back", "_mark_ambiguous",
                 "recompute_facts"):
        phases.wrap(ambiguity, name, "place." + name.lstrip("_"))

    t = time.perf_counter()
    store = open_store(copy)
    open_seconds = time.perf_counter() - t
    for name in ("stored_versions", "write_batch", "_write_documents", "_write_organizations", "_create",
                 "_create_edges", "update_documents", "checkpoint", "release_memory", "_begin_run", "_commit_run"):
        phases.wrap(store, name)
    start = store.query("MATCH (s:Source) RETURN count(*)").scalar()
    sizes: list[int] = []
    before = (copy / "graph.lbug").stat().st_size
    t = time.perf_counter()
    try:
        report = ingest_mod.ingest_sources(_renamed(generate(args.texts, args.seed, sizes), start), store,
                                           workers=args.workers)
    finally:
        store.close()
    seconds = time.perf_counter() - t
    after = (copy / "graph.lbug").stat().st_size
    ph = phases.figures()
    written = ph.get("write_batch", {}).get("s", 0.0)
    figures = {
        "store": str(given), "texts_in_store": start, "texts": report.ingested, "seconds": round(seconds, 2),
        "texts_per_s": round(report.ingested / seconds) if seconds else None,
        "documents_added": report.documents_added, "edges_added": report.edges_added,
        "placed": report.placed, "reopened": report.reopened, "ambiguous": report.ambiguous,
        "report_timings": report.timings,
        "phases": ph,
        # reading and extracting (in the workers) is what read_extract_write spent outside the writes
        "read_extract_s": round(report.timings.get("read_extract_write", 0.0) - written
                                - ph.get("stored_versions", {}).get("s", 0.0), 3),
        "file_mb_before": round(before / 2**20, 1), "file_mb_after": round(after / 2**20, 1),
        "copy_given_store_s": round(copy_seconds, 2), "open_s": round(open_seconds, 2),
        "rss_mb_end": round(rss_mb()),
    }
    if args.digest:
        t = time.perf_counter()
        figures["digest"] = digest(copy)
        figures["digest_s"] = round(time.perf_counter() - t, 1)
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(copy, ignore_errors=True)
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _renamed(sources, start: int):
    """The generated texts named after the store's: synthetic/<start + i>.txt."""
    from dataclasses import replace

    for i, src in enumerate(sources):
        yield replace(src, source=f"synthetic/{start + i:06d}.txt")


if __name__ == "__main__":
    raise SystemExit(main())
