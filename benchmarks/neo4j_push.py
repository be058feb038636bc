#!/usr/bin/env python3
"""Push benchmark: relationships per second from the embedded store into a real Neo4j.

    NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… python benchmarks/neo4j_push.py --texts 20000
    python benchmarks/neo4j_push.py --store vankien-store --batch-size 1000,5000,10000
    make bench-neo4j                     # starts compose.yaml's Neo4j when NEO4J_URI is not set

The source is a store built from generated texts (benchmarks/synthetic.py, as benchmarks/ingest.py
does), or --store. Each batch size is measured twice: a first push into an empty database (every
MERGE creates) and a second one (every MERGE matches: what re-running a push costs). The target
database is emptied first, so it must be a throw-away one: the script refuses a database holding
nodes unless VANKIEN_TEST_NEO4J_WIPE=1.

Without NEO4J_URI it measures what the client side alone can do (reading the store in pages and
building every statement's rows, nothing sent), the ceiling any server rate stays under.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class RowsOnly:
    """A push target that builds every statement and its rows, and sends nothing."""

    def ensure_schema(self) -> None:
        from vankien.graph.stores.neo4j_cypher import schema_statements

        schema_statements()

    def write_nodes(self, label, nodes) -> int:
        from vankien.graph.stores.neo4j_cypher import merge_nodes, node_rows

        merge_nodes(label)
        return len(node_rows(label, nodes))

    def write_edges(self, rel, edges) -> int:
        from vankien.graph.stores.neo4j_cypher import edge_statements

        return sum(len(rows) for _, rows in edge_statements(rel, edges))


def build_store(texts: int, folder: Path) -> None:
    from ingest import generate

    from vankien.graph.ingest import ingest_sources
    from vankien.graph.stores import open_store

    with open_store(folder) as store:
        ingest_sources(generate(texts, 20240312, []), store, batch_size=2000)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=20000, help="generated texts in the source store")
    ap.add_argument("--store", default=None, help="push this store instead of a generated one")
    ap.add_argument("--batch-size", default="5000", help="rows per transaction; several: 1000,5000,10000")
    ap.add_argument("--json", default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    from vankien.graph.exchange.push import push
    from vankien.graph.queries.stats import edge_counts
    from vankien.graph.stores import open_store

    sizes = [int(s) for s in args.batch_size.split(",")]
    tmp = None
    if args.store:
        folder = Path(args.store)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="vankien-bench-"))
        folder = tmp / "store"
        t = time.perf_counter()
        build_store(args.texts, folder)
        print(f"source: {args.texts} generated texts ingested in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    results = {"source": str(args.store or f"{args.texts} generated texts"), "runs": []}
    try:
        with open_store(folder, read_only=True) as source:
            results["relationships"] = sum(edge_counts(source).values())
            if not os.environ.get("NEO4J_URI"):
                print("NEO4J_URI is not set: measuring the client side only (nothing is sent)", file=sys.stderr)
                for size in sizes:
                    report = push(source, RowsOnly(), batch_size=size)
                    results["runs"].append({**report.to_dict(), "target": "no server (rows built only)",
                                            "batch_size": size})
            else:
                results["runs"] += _against_neo4j(source, sizes)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    for run in results["runs"]:
        print(f"{run['target']}, batch {run['batch_size']}{', ' + run['pass'] if 'pass' in run else ''}: "
              f"{sum(run['edges'].values())} relationships in {run['edge_seconds']:.1f}s = "
              f"{run['relationships_per_second']} relationships/s (whole push {run['seconds']:.1f}s)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _against_neo4j(source, sizes: list[int]) -> list[dict]:
    from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore
    from vankien.graph.exchange.push import push

    runs = []
    with Neo4jStore(Neo4jSettings.from_env()) as target:
        held = target.query("MATCH (n) RETURN count(n)").scalar()
        if held and os.environ.get("VANKIEN_TEST_NEO4J_WIPE") != "1":
            raise SystemExit(f"{target.settings.target} holds {held} nodes: the benchmark empties its target; "
                             "use a throw-away database (or set VANKIEN_TEST_NEO4J_WIPE=1)")
        for size in sizes:
            _empty(target)
            for which in ("first push (creates)", "second push (matches)"):
                report = push(source, target, batch_size=size, target_name=target.settings.target)
                runs.append({"batch_size": size, "pass": which, **report.to_dict()})
    return runs


def _empty(target) -> None:
    """Delete everything, a bounded number of nodes per transaction."""
    while target.query("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", write=True).scalar():
        pass


if __name__ == "__main__":
    sys.exit(main())
