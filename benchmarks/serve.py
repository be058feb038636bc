#!/usr/bin/env python3
"""Page load times of `vankien serve` on a large store of synthetic texts.

    python benchmarks/serve.py --texts 10000                 # builds a store (temporary), then measures
    python benchmarks/serve.py --store /tmp/big-store        # an existing store (built if missing)

The store is built from generated texts (benchmarks/synthetic.py, as benchmarks/ingest.py does), then
opened read-only as `vankien serve` opens it. Each page is requested through the app in this process
(Starlette's TestClient: routing, queries, rendering, no network) for the most-implemented central
document, a provincial plan and the busiest organisation (its first and last page of tasks): the first
load, then the median and the worst of `--runs` more. The search index is read once, at the first
search: its time is reported apart.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def build(folder: Path, texts: int, seed: int, workers: int) -> float:
    from ingest import generate       # benchmarks/ingest.py

    from vankien.graph.ingest import ingest_sources
    from vankien.graph.stores import open_store

    t = time.perf_counter()
    with open_store(folder) as store:
        ingest_sources(generate(texts, seed, []), store, workers=workers)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=10000)
    ap.add_argument("--store", default=None, help="store folder (built when missing; default: temporary)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)

    import vankien
    from starlette.testclient import TestClient

    folder = Path(args.store) if args.store else Path(tempfile.mkdtemp(prefix="vankien-serve-bench-")) / "store"
    built = None
    if not folder.exists():
        built = build(folder, args.texts, args.seed, args.workers)
    try:
        with vankien.open_store(folder, read_only=True) as store:
            counts = vankien.stats(store)
            central = store.query(
                "MATCH (p:Document)-[:IMPLEMENTS]->(d:Document) WHERE d.level = 'central' "
                "RETURN d.id, count(*) AS n ORDER BY n DESC, d.id LIMIT 1").rows[0]
            plan = store.query("MATCH (p:Document)-[:IMPLEMENTS]->(:Document {id: $id}) RETURN p.id ORDER BY p.id LIMIT 1",
                               {"id": central[0]}).scalar()
            org = store.query("MATCH (:Document)-[:ASSIGNS_TO]->(o:Organization) "
                              "RETURN o.id, count(*) AS n ORDER BY n DESC, o.id LIMIT 1").rows[0][0]
            key = store.query("MATCH (d:Document {id: $id}) RETURN d.key", {"id": central[0]}).scalar()
            c, p, o = (quote(x, safe="/:@") for x in (central[0], plan, org))
            client = TestClient(vankien.web_app(store))
            t = time.perf_counter()
            client.get("/api/suggest", params={"q": "ke hoach"})
            index_s = time.perf_counter() - t
            pages = {
                "search (a key)": ("/search", {"q": key}),
                "search (words)": ("/search", {"q": "tinh uy ke hoach"}),
                "suggest": ("/api/suggest", {"q": key[:4]}),
                "document (central)": (f"/doc/{c}", None),
                "document (plan)": (f"/doc/{p}", None),
                "diagram (framed)": (f"/embed/diagram/{c}", None),
                "flow-down page": (f"/flow/{c}", None),
                "flow-down view (framed)": (f"/embed/flow/{c}", None),
                "coverage": (f"/coverage/{c}", None),
                "organisation": (f"/org/{o}", None),
                "organisation (last page)": (f"/org/{o}", {"page": 10 ** 6}),
                "cypher": ("/cypher", {"q": "MATCH (d:Document) RETURN d.type, count(*) ORDER BY count(*) DESC"}),
            }
            results = {}
            for name, (url, params) in pages.items():
                times = []
                for _ in range(args.runs + 1):
                    t = time.perf_counter()
                    r = client.get(url, params=params, follow_redirects=False)
                    times.append((time.perf_counter() - t) * 1000)
                    if r.status_code >= 400:
                        raise SystemExit(f"{name}: {r.status_code}")
                results[name] = {"first_ms": round(times[0]), "median_ms": round(statistics.median(times[1:])),
                                 "max_ms": round(max(times[1:])), "bytes": len(r.content)}
        report = {"texts": counts["nodes"].get("Source"), "documents": counts["nodes"].get("Document"),
                  "organizations": counts["nodes"].get("Organization"), "edges": sum(counts["edges"].values()),
                  "store_built_s": round(built, 1) if built else None, "central": central[0],
                  "implemented_by": central[1], "search_index_s": round(index_s, 2), "pages": results}
        print(json.dumps(report, ensure_ascii=False, indent=1))
    finally:
        if not args.store:
            shutil.rmtree(folder.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
