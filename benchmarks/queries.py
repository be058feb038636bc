#!/usr/bin/env python3
"""Query benchmark: lineage, show, coverage and key lookup on stores of growing size, old vs new.

    python benchmarks/queries.py --stores /tmp/vankien-query-stores     # 10 000, 50 000, 100 000 texts
    python benchmarks/queries.py --stores DIR --build ingest            # every size ingested (slow)
    python benchmarks/queries.py --stores DIR --sizes 10000 --keys 3 --repeat 5

Stores are built once into DIR and reused by later runs (a ``built.json`` in a store's folder marks a
finished build). The smallest size is ingested from generated texts (benchmarks/synthetic.py through the
real ingest, as benchmarks/ingest.py does: ``DIR/texts-N-seed-S``). The larger ones are, by default,
copies of it side by side (``DIR/replica-Kx-…``, every id but the provinces' suffixed): K times the texts,
documents and relations, and for the documents of the first copy exactly the same answers, so what
changes from one size to the next is the store alone. ``--build ingest`` ingests every size instead
(an hour and more on a loaded 2-core machine).

The same documents are timed at every size: the one most acted on (largest fan-in of lineage relations)
and a few picked at random among those acted on at all. Reported per store, document and question: the
median time in milliseconds of the query modules of before this change (``old``, reproduced here: one
pattern over a list of ids per tree level, which Ladybug answers by scanning the whole tables; the
covering documents filtered in the statement; a key's documents and all their columns read in one scan)
and of today's (``new``: statements anchored on the document's key), side by side in the same process,
with their ratio; the answers of the two are checked equal. Also: a primary-key lookup's time, and the
plan check of every statement lineage/show/coverage send (EXPLAIN: no unmasked scan of a node table).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 20240312


def generate(n: int, seed: int):
    from synthetic import make_text
    from vankien.loaders.source import SourceText

    rng = random.Random(seed)
    for i in range(n):
        text, _ = make_text(rng, int(min(2500, max(300, rng.lognormvariate(6.0, 0.45)))))
        yield SourceText(source=f"synthetic/{i:06d}.txt", text=text, reader="text",
                         sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), scope=None)


def build(folder: Path, n: int, seed: int, workers: int | None) -> Path:
    """The store of N generated texts in FOLDER (built when missing or unfinished)."""
    import shutil

    from vankien.graph.ingest import ingest_sources
    from vankien.graph.stores import open_store

    path = folder / f"texts-{n}-seed-{seed}"
    marker = path / "built.json"
    if marker.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    print(f"building a store of {n} texts in {path} …", file=sys.stderr, flush=True)
    store = open_store(path)
    try:
        report = ingest_sources(generate(n, seed), store, workers=workers)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps({"texts": report.ingested, "documents": report.documents,
                                  "seconds": round(seconds, 1)}) + "\n", encoding="utf-8")
    print(f"  built in {seconds:.0f} s", file=sys.stderr, flush=True)
    return path


def replicate(base: Path, folder: Path, copies: int) -> Path:
    """A store holding COPIES copies of the store BASE side by side (every id but the provinces' suffixed
    ``~c`` in copy c > 0): N times the texts, documents and relations, and for the documents of the first copy
    exactly the answers of BASE. Built with COPY in a minute where an ingest of as many texts takes many."""
    import shutil

    import pyarrow.parquet as pq

    from vankien.graph.model.schema import NODES, PRIMARY_KEY, RELATIONSHIPS
    from vankien.graph.stores.arrow import arrow_table
    from vankien.graph.stores.ladybug_store import LadybugStore

    path = folder / f"replica-{copies}x-{base.name}"
    marker = path / "built.json"
    if marker.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    print(f"building {path} ({copies} copies of {base.name}) …", file=sys.stderr, flush=True)
    src = LadybugStore(base, read_only=True)
    store = LadybugStore(path)           # its schema and the provinces
    staging = path / "staging"
    staging.mkdir()

    def renamed(value, c):
        if c == 0 or value is None:
            return value
        return [f"{v}~{c}" for v in value] if isinstance(value, list) else f"{value}~{c}"

    per_label = {"Document": ("id", "candidates", "superseded_by"), "Organization": ("id",),
                 "Source": ("sha256", "subject")}
    try:
        for label, keys in per_label.items():
            rows = [{k: v for k, v in r[0].items() if k in NODES[label]}
                    for r in src.query(f"MATCH (n:{label}) RETURN n").rows]
            for c in range(copies):     # one COPY per copy: one of 400 000 documents hung Ladybug 0.22
                table = arrow_table([{**r, **{k: renamed(r.get(k), c) for k in keys}} for r in rows], NODES[label])
                pq.write_table(table, staging / f"{label}-{c}.parquet")
                store.copy_file(label, staging / f"{label}-{c}.parquet")
        for rel in RELATIONSHIPS:
            if rel.src == "Province":
                continue
            rows = [{"src_id": a, "dst_id": b, **{k: v for k, v in props.items() if k in rel.props}}
                    for a, b, props in src.query(f"MATCH (a:{rel.src})-[r:{rel.name}]->(b:{rel.dst}) "
                                                 f"RETURN a.{PRIMARY_KEY[rel.src]}, b.{PRIMARY_KEY[rel.dst]}, r").rows]
            if not rows:
                continue
            for c in range(copies):
                table = arrow_table([{**r, "src_id": renamed(r["src_id"], c), "source": renamed(r.get("source"), c),
                                      "dst_id": r["dst_id"] if rel.dst == "Province" else renamed(r["dst_id"], c)}
                                     for r in rows], rel.columns)
                pq.write_table(table, staging / f"{rel.name}-{c}.parquet")
                store.copy_file(rel.name, staging / f"{rel.name}-{c}.parquet")
        store.checkpoint()
    finally:
        src.close()
        store.close()
    shutil.rmtree(staging, ignore_errors=True)
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps({"copies": copies, "of": base.name, "seconds": round(seconds, 1)}) + "\n",
                      encoding="utf-8")
    print(f"  built in {seconds:.0f} s", file=sys.stderr, flush=True)
    return path


# --- the query modules of before (issue 20): one statement per tree level over a list of ids ----------
def old_neighbours(store, ids, direction, types=None):
    """vankien.graph.queries.lineage.neighbours as it was: ``UNWIND $ids … MATCH (x:Document {id: i})``, which
    Ladybug answers with a hash join over a scan of the whole relationship tables (the first evidence by the
    rule of today's module, so that the answers compare equal)."""
    from vankien.graph.model.schema import LINEAGE_TYPES
    from vankien.graph.queries.lineage import _NODE, _RANK, _types, DOWN
    from vankien.graph.queries.lookup import COLUMNS

    types = types or LINEAGE_TYPES
    pattern = (f"(n:Document)-[r:{_types(types)}]->(x:Document {{id: i}})" if direction == DOWN
               else f"(x:Document {{id: i}})-[r:{_types(types)}]->(n:Document)")
    rows = store.query(f"UNWIND $ids AS i MATCH {pattern} RETURN i AS parent, "
                       f"{store.rel_type_function}(r) AS relation, r AS rel, {_NODE}", {"ids": ids}).records()
    grouped: dict[tuple, dict] = {}
    for row in rows:
        rel = row.pop("rel")
        k = (row["parent"], row["relation"], row["id"])
        rank = (rel.get("evidence") is None, rel.get("source") or "", rel.get("span_start") or -1)
        g = grouped.get(k)
        if g is None:
            grouped[k] = g = {"parent": row["parent"], "relation": row["relation"], **{c: row[c] for c in COLUMNS},
                              "texts": 0, "evidence": rel.get("evidence"), "confidence": rel.get("confidence"),
                              "_rank": rank}
        elif rank < g["_rank"]:
            g.update(evidence=rel.get("evidence"), confidence=rel.get("confidence"), _rank=rank)
        g["texts"] += 1
    for g in grouped.values():
        del g["_rank"]
    return sorted(grouped.values(), key=lambda r: (r["parent"], str(r["date"]), r["id"], _RANK.get(r["relation"], 99)))


def old_lineage(store, doc_id, direction="down", depth=5):
    from vankien.graph.queries import lineage as L

    saved = L.neighbours
    L.neighbours = old_neighbours       # the same walk, with the statement of before
    try:
        return L.lineage(store, doc_id, direction, depth)
    finally:
        L.neighbours = saved


def old_show(store, doc_id):
    from vankien.graph.queries import lineage as L

    saved = L.neighbours
    L.neighbours = old_neighbours
    try:
        return L.show(store, doc_id)
    finally:
        L.neighbours = saved


def old_coverage(store, doc_id):
    """coverage as it was: the covering documents with ``WHERE c.province IS NOT NULL RETURN DISTINCT`` in the
    statement (Ladybug then scans the Document table)."""
    from vankien.graph.queries import coverage as C

    class Before:
        rel_type_function = store.rel_type_function

        def query(self, cypher, params=None, **kw):
            if cypher.startswith("MATCH (c:Document)-[r:IMPLEMENTS|REVIEWS]->"):
                cypher = ("MATCH (c:Document)-[r:IMPLEMENTS|REVIEWS]->(d:Document {id: $id}) WHERE c.province IS NOT "
                          "NULL RETURN DISTINCT c.id AS id, c.key AS key, c.province AS province, c.date AS date")
            return store.query(cypher, params, **kw)

    return C.coverage(Before(), doc_id)


def old_find_documents(store, key):
    """find_documents as it was: the filter and every column read in one statement (a scan reading all of
    them for every document)."""
    from vankien.graph.queries.lookup import COLUMNS, parse_key

    cols = ", ".join(f"d.{c} AS {c}" for c in COLUMNS)
    exact = store.query(f"MATCH (d:Document) WHERE d.id = $id RETURN {cols}", {"id": key.strip()}).records()
    if exact:
        return exact
    where, params = parse_key(key).cypher()
    rows = store.query(f"MATCH (d:Document) WHERE {where} RETURN {cols}", params).records()
    rows.sort(key=lambda r: (bool(r["ambiguous"]), r["date"] is None, str(r["date"]), r["id"]))
    placed = [r for r in rows if not r["ambiguous"]]
    return placed or rows


# --- what the new modules send, and how Ladybug plans it ------------------------------------------
class Recording:
    """A store that notes every statement (with its parameters) it runs."""

    def __init__(self, store):
        self.store, self.rel_type_function, self.statements = store, store.rel_type_function, {}

    def query(self, cypher, params=None, **kw):
        self.statements.setdefault(cypher, params or {})
        return self.store.query(cypher, params, **kw)


def scans(store, cypher: str, params: dict) -> list[str]:
    """The scans of a whole node table in Ladybug's plan for CYPHER (EXPLAIN): every SCAN_NODE_TABLE no
    SEMI_MASKER restricts to the nodes reached from the anchored side. Empty when the statement is answered
    from the key index and the anchored document's relationships."""
    import re

    text = store.query("EXPLAIN " + cypher, params).rows[0][0]
    found = set(re.findall(r"(?<![A-Z_])SCAN_NODE_TABLE\[(\d+)\]\s*│", text))
    masked = set(re.findall(r"Operators:\s*SCAN_NODE_TABLE\[(\d+)\]", text))
    return [f"SCAN_NODE_TABLE[{i}]" for i in sorted(found - masked)]


# --- timing --------------------------------------------------------------------------------------
def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), out


def tree_size(tree: dict) -> int:
    return 1 + sum(tree_size(c) for c in tree["children"])


def pick_keys(store, n: int, seed: int) -> list[str]:
    """The document most acted on (largest fan-in of lineage relations), then N-1 picked at random among
    those acted on at all (one whole-store statement, before the timings)."""
    from vankien.graph.model.schema import LINEAGE_TYPES

    rows = store.query(f"MATCH (n:Document)-[r:{'|'.join(LINEAGE_TYPES)}]->(x:Document) "
                       "RETURN x.id AS id, count(*) AS c").rows
    rows.sort(key=lambda r: (-r[1], r[0]))
    rest = sorted(r[0] for r in rows[1:])
    return [rows[0][0]] + random.Random(seed).sample(rest, min(n - 1, len(rest)))


def measure(path: Path, keys: list[str], repeat: int) -> dict:
    from vankien.graph.queries.coverage import coverage
    from vankien.graph.queries.lineage import lineage, show
    from vankien.graph.queries.lookup import find_documents
    from vankien.graph.stores.ladybug_store import LadybugStore

    store = LadybugStore(path, read_only=True)
    try:
        documents = store.query("MATCH (d:Document) RETURN count(*)").scalar()
        texts = store.query("MATCH (s:Source) RETURN count(*)").scalar()
        out = {"store": path.name, "texts": texts, "documents": documents, "keys": []}
        out["pk_lookup_ms"] = timed(lambda: store.query("MATCH (d:Document {id: $id}) RETURN d.id",
                                                        {"id": "none"}), 20)[0]
        recording = Recording(store)
        for doc in keys:
            if not store.query("MATCH (d:Document {id: $id}) RETURN d.id", {"id": doc}).rows:
                continue
            row = {"id": doc}
            for name, old, new in (
                    ("lineage", lambda: old_lineage(store, doc), lambda: lineage(store, doc)),
                    ("lineage_up", lambda: old_lineage(store, doc, "up"), lambda: lineage(store, doc, "up")),
                    ("show", lambda: old_show(store, doc), lambda: show(store, doc)),
                    ("coverage", lambda: old_coverage(store, doc), lambda: coverage(store, doc))):
                new()       # warm: the pages this key reads
                new_ms, new_answer = timed(new, repeat)
                old_ms, old_answer = timed(old, max(1, repeat // 2))
                if old_answer != new_answer:
                    raise AssertionError(f"{name}({doc!r}) answers differently on {path}")
                row[name] = (round(old_ms, 2), round(new_ms, 2))
            row["tree"] = tree_size(lineage(store, doc))
            lineage(recording, doc), lineage(recording, doc, "up"), show(recording, doc), coverage(recording, doc)
            key = store.query("MATCH (d:Document {id: $id}) RETURN d.key", {"id": doc}).scalar() or doc
            # the symbol as typed (25-NQ/TW): a scan of the Document table, the store having no index but the key's
            new_ms, new_answer = timed(lambda: find_documents(store, key), repeat)
            old_ms, old_answer = timed(lambda: old_find_documents(store, key), repeat)
            if old_answer != new_answer:
                raise AssertionError(f"find_documents({key!r}) answers differently on {path}")
            row["symbol"] = (round(old_ms, 2), round(new_ms, 2))
            row["key"] = key
            out["keys"].append(row)
        out["unanchored"] = {c: ops for c, p in recording.statements.items() if (ops := scans(store, c, p))}
        out["statements"] = len(recording.statements)
        return out
    finally:
        store.close()


def report(results: list[dict]) -> str:
    lines = []
    names = ("lineage", "lineage_up", "show", "coverage", "symbol")
    lines.append(f"{'texts':>7} {'docs':>7} {'key':<34} {'tree':>4}  " + "  ".join(
        f"{n + ' old/new ms (x)':>28}" for n in names))
    for r in results:
        for k in r["keys"]:
            cells = []
            for n in names:
                old, new = k[n]
                cells.append(f"{old:>10.1f} / {new:>6.2f} ({old / new if new else 0:>5.0f}x)")
            lines.append(f"{r['texts']:>7} {r['documents']:>7} {k['id'][:34]:<34} {k['tree']:>4}  "
                         + "  ".join(f"{c:>28}" for c in cells))
        med = {n: (statistics.median(k[n][0] for k in r["keys"]), statistics.median(k[n][1] for k in r["keys"]))
               for n in names}
        lines.append(f"{r['texts']:>7} {'median':>7} {'':<34} {'':>4}  " + "  ".join(
            f"{med[n][0]:>10.1f} / {med[n][1]:>6.2f} ({med[n][0] / med[n][1] if med[n][1] else 0:>5.0f}x)"
            for n in names) + f"   pk lookup {r['pk_lookup_ms']:.2f} ms")
        lines.append(f"        {r['store']}: {r['statements']} distinct statements of lineage/show/coverage, "
                     + ("all anchored on a key" if not r["unanchored"] else f"NOT anchored: {r['unanchored']}"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stores", required=True, help="folder of the cached stores (built there when missing)")
    ap.add_argument("--sizes", default="10000,50000,100000", help="texts per store, comma-separated")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--workers", type=int, default=None, help="extraction workers when building a store")
    ap.add_argument("--build", choices=("replicate", "ingest"), default="replicate",
                    help="replicate (default): ingest the smallest size, the others are copies of it side by side "
                         "(the same answers in a larger store); ingest: ingest every size")
    ap.add_argument("--keys", type=int, default=4, help="documents timed per store")
    ap.add_argument("--repeat", type=int, default=7, help="runs per question (the median is reported; old: half)")
    ap.add_argument("--build-only", action="store_true", help="build the missing stores and stop")
    ap.add_argument("--json", default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    from vankien.graph.stores.ladybug_store import LadybugStore

    folder = Path(args.stores)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = sorted(int(n) for n in args.sizes.split(","))
    if args.build == "ingest":
        paths = [build(folder, n, args.seed, args.workers) for n in sizes]
    else:
        base = build(folder, sizes[0], args.seed, args.workers)
        paths = [base] + [replicate(base, folder, n // sizes[0]) for n in sizes[1:]]
    if args.build_only:
        return 0
    results = []
    store = LadybugStore(paths[0], read_only=True)
    try:        # the same documents at every size: their answers are the same in the copies
        keys = pick_keys(store, args.keys, args.seed)
    finally:
        store.close()
    for path in paths:
        results.append(measure(path, keys, args.repeat))
        print(report(results[-1:]), flush=True)
    print()
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
