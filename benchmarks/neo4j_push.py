#!/usr/bin/env python3
"""Push and import benchmark: relationships per second from the embedded store into a real Neo4j,
by `vankien push neo4j` (transactions) and by `neo4j-admin database import full` (the bulk path).

    python benchmarks/neo4j_push.py --launch --texts 20000 --batch-size 1000,2000,5000,10000,20000 --import
    python benchmarks/neo4j_push.py --launch --texts 100000 --passes 1 --import
    NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… python benchmarks/neo4j_push.py --texts 20000
    python benchmarks/neo4j_push.py --store vankien-store --batch-size 1000,5000,10000
    make bench-neo4j                     # --launch --import at $(BENCH_NEO4J_TEXTS) texts

--launch starts the Neo4j Community 5.26 of tools/neo4j-server (built with Maven when missing; a fresh
temporary home, deleted afterwards) with --heap and --pagecache, and prints them. --import also
exports the source with `vankien export neo4j-csv` and imports it with Neo4j's own importer
(org.neo4j:neo4j-import-tool, run by that launcher: `java -jar … neo4j-admin database import full …`)
into a fresh home, then starts a server on it and checks the counts; it reports the export time and
the import time (the importer's whole run, JVM start excluded).

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
    ap.add_argument("--passes", type=int, choices=(1, 2), default=2,
                    help="2: a first push and a re-push per batch size; 1: the first push only")
    ap.add_argument("--launch", action="store_true",
                    help="start tools/neo4j-server (needs Java 17 and Maven) instead of using NEO4J_URI")
    ap.add_argument("--heap", default="1g", help="Java heap of a launched server (-Xmx)")
    ap.add_argument("--pagecache", default="1g", help="page cache of a launched server")
    ap.add_argument("--import", dest="bulk", action="store_true",
                    help="also measure export neo4j-csv + neo4j-admin import (with tools/neo4j-server)")
    ap.add_argument("--json", default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    from vankien.graph.exchange.push import push
    from vankien.graph.queries.stats import edge_counts, node_counts
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
    results = {"source": str(args.store or f"{args.texts} generated texts"), "runs": [], "cpus": os.cpu_count()}
    work = Path(tempfile.mkdtemp(prefix="vankien-bench-neo4j-"))
    try:
        with open_store(folder, read_only=True) as source:
            results["relationships"] = sum(edge_counts(source).values())
            results["nodes"] = sum(node_counts(source).values())
            print(f"source: {results['nodes']} nodes, {results['relationships']} relationships", file=sys.stderr)
            if args.launch:
                settings = {"heap": args.heap, "pagecache": args.pagecache}
                results["server"] = {"neo4j": "Community 5.26.30 (tools/neo4j-server)", **settings}
                print(f"server: Neo4j Community 5.26.30 (tools/neo4j-server), heap {args.heap} (-Xmx), "
                      f"page cache {args.pagecache}", file=sys.stderr)
                with launched(work / "push-home", args.heap, args.pagecache) as env:
                    os.environ.update({k: v for k, v in env.items() if k.startswith("NEO4J_")})
                    os.environ["VANKIEN_TEST_NEO4J_WIPE"] = "1"
                    results["runs"] += _against_neo4j(source, sizes, args.passes)
            elif not os.environ.get("NEO4J_URI"):
                print("NEO4J_URI is not set: measuring the client side only (nothing is sent)", file=sys.stderr)
                for size in sizes:
                    report = push(source, RowsOnly(), batch_size=size)
                    results["runs"].append({**report.to_dict(), "target": "no server (rows built only)",
                                            "batch_size": size})
            else:
                results["runs"] += _against_neo4j(source, sizes, args.passes)
            if args.bulk:
                results["import"] = bulk_import(source, work, args.heap, args.pagecache)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print("--", file=sys.stderr)
    for run in results["runs"]:
        _print_run(run)
    if "import" in results:
        i = results["import"]
        print(f"export neo4j-csv: {i['rows']} rows in {i['export_seconds']:.1f}s; neo4j-admin import: "
              f"{i['nodes']} nodes and {i['relationships']} relationships in {i['import_seconds']:.1f}s = "
              f"{i['relationships_per_second']} relationships/s ({i['memory']})")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _print_run(run: dict, file=sys.stdout) -> None:
    print(f"{run['target']}, batch {run['batch_size']}{', ' + run['pass'] if 'pass' in run else ''}: "
          f"{sum(run['edges'].values())} relationships in {run['edge_seconds']:.1f}s = "
          f"{run['relationships_per_second']} relationships/s (whole push {run['seconds']:.1f}s, "
          f"{sum(run['nodes'].values())} nodes)", file=file, flush=True)


def _against_neo4j(source, sizes: list[int], passes: int = 2) -> list[dict]:
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
            for which in ("first push (creates)", "second push (matches)")[:passes]:
                report = push(source, target, batch_size=size, target_name=target.settings.target)
                runs.append({"batch_size": size, "pass": which, **report.to_dict()})
                _print_run(runs[-1], sys.stderr)
    return runs


REPO = Path(__file__).resolve().parent.parent
SERVER_DIR = REPO / "tools" / "neo4j-server"
SERVER_JAR = SERVER_DIR / "target" / "vankien-neo4j-server.jar"


def server_jar() -> Path:
    if not SERVER_JAR.is_file():
        import subprocess

        subprocess.run(["mvn", "-q", "-B", "package"], cwd=SERVER_DIR, check=True)
    return SERVER_JAR


def launched(home: Path, heap: str, pagecache: str, command: list[str] | None = None):
    """tools/neo4j-server on ``home`` (``command``: a neo4j-admin command run first): a context giving
    NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, and ``admin_seconds`` / ``admin_log`` after a command."""
    import contextlib
    import subprocess

    @contextlib.contextmanager
    def run():
        env = {**os.environ, "NEO4J_SERVER_HOME": str(home), "NEO4J_SERVER_QUIET": "1",
               "NEO4J_SERVER_PAGECACHE": pagecache}
        env.pop("NEO4J_PASSWORD", None)
        log = home.with_name(home.name + ".log")
        home.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "wb") as err:
            proc = subprocess.Popen(["java", f"-Xmx{heap}", "-jar", str(server_jar()), *(command or [])],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env,
                                    cwd=home.parent)      # where neo4j-admin import writes its import.report
        try:
            found: dict[str, str] = {}
            for line in iter(proc.stdout.readline, b""):
                text = line.decode("utf-8", "replace").strip()
                if text.startswith("NEO4J_ADMIN "):
                    found.update(dict(p.split("=", 1) for p in text.split()[1:]))
                    if found["exit"] != "0":
                        raise SystemExit(f"neo4j-admin failed:\n{log.read_text(errors='replace')[-3000:]}")
                if text.startswith("NEO4J_READY "):
                    ready = dict(p.split("=", 1) for p in text.split()[1:])
                    break
            else:
                raise SystemExit(f"the Neo4j server did not start:\n{log.read_text(errors='replace')[-3000:]}")
            yield {"NEO4J_URI": ready["uri"], "NEO4J_USERNAME": ready["user"], "NEO4J_PASSWORD": ready["password"],
                   "admin_seconds": found.get("seconds"), "admin_log": str(log)}
        finally:
            with contextlib.suppress(Exception):
                proc.stdin.close()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    return run()


def bulk_import(source, work: Path, heap: str, pagecache: str) -> dict:
    """`vankien export neo4j-csv`, then its import command run by tools/neo4j-server into a fresh home;
    the server started on it must hold every node and relationship."""
    import re
    import shlex

    from vankien.graph.exchange.neo4j_csv import COMMAND_FILE, export_csv
    from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

    t = time.perf_counter()
    out = export_csv(source, work / "csv")
    export_seconds = time.perf_counter() - t
    nodes = sum(n for f, n in out.files.items() if f.startswith("nodes-"))
    rels = sum(n for f, n in out.files.items() if f.startswith("relationships-"))
    command = shlex.split((work / "csv" / COMMAND_FILE).read_text(encoding="utf-8"))
    with launched(work / "import-home", heap, pagecache, command) as env:
        seconds = float(env["admin_seconds"])
        log = Path(env["admin_log"]).read_text(encoding="utf-8", errors="replace")
        settings = Neo4jSettings(uri=env["NEO4J_URI"], user=env["NEO4J_USERNAME"], password=env["NEO4J_PASSWORD"])
        with Neo4jStore(settings, read_only=True) as target:
            held = (target.query("MATCH (n) RETURN count(n)").scalar(),
                    target.query("MATCH ()-[r]->() RETURN count(r)").scalar())
    if held != (nodes, rels):
        raise SystemExit(f"the imported database holds {held[0]} nodes and {held[1]} relationships, "
                         f"the export {nodes} and {rels}")
    estimated = re.findall(r"Estimated required memory usage: *(\S+)", log)
    peak = re.findall(r"Peak memory usage: *(\S+)", log)
    memory = f"importer memory: estimated {estimated[0] if estimated else '?'}, peak {peak[-1] if peak else '?'}"
    return {"rows": nodes + rels, "nodes": nodes, "relationships": rels, "export_seconds": round(export_seconds, 3),
            "import_seconds": seconds, "relationships_per_second": round(rels / seconds),
            "rows_per_second": round((nodes + rels) / seconds), "memory": memory,
            "bytes": sum(p.stat().st_size for p in (work / "csv").glob("*.csv"))}


def _empty(target) -> None:
    """Delete everything, a bounded number of nodes per transaction."""
    while target.query("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", write=True).scalar():
        pass


if __name__ == "__main__":
    sys.exit(main())
