#!/usr/bin/env python3
"""Behaviour unchanged? Record what vankien produces now, compare a later version with it.

    python benchmarks/equivalence.py record DIR [--synthetic N]    # before a change
    python benchmarks/equivalence.py compare DIR                   # after it: exit 1 on a difference

It goes through the command line only (``vankien extract``, ``ingest``, ``query``, ``export rdf``),
so the same script runs on both sides of a change to the library's layout. Inputs: examples/, every
text of ../shared/corpus (seeds and dev, when present) and N synthetic texts (benchmarks/synthetic.py,
fixed seed; default 10 000). Recorded in DIR:

- ``extract.jsonl``: ``vankien extract`` of every input, compared byte for byte;
- ``graph.json``: every node and edge of an ingest of all inputs into a new embedded store, with every
  property but ``ingested_at``;
- ``graph.nt``: the store's RDF export, compared as graphs (isomorphism when blank nodes occur), but
  the time each text was ingested.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = 20240312
VANKIEN = str(Path(sys.executable).with_name("vankien"))
# a node as an edge's endpoint: its label and the property that identifies it
IDENTITY = ("id", "sha256", "key")


def inputs(work: Path, synthetic: int) -> list[str]:
    """examples/, the shared corpus's texts and SYNTHETIC generated texts (written under WORK)."""
    paths = [str(p) for p in sorted((ROOT / "examples").iterdir()) if p.name != "README.md"]
    for sub in ("seeds", "dev"):
        paths += [str(p) for p in sorted((CORPUS / sub).glob("*.txt"))]
    folder = work / "synthetic"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    for i in range(synthetic):
        text, _ = make_text(rng, int(min(2500, max(300, rng.lognormvariate(6.0, 0.45)))))
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return paths + (["synthetic"] if synthetic else [])   # relative: the same name in every run


def vankien(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run([VANKIEN, *args], capture_output=True, text=True, check=True, cwd=cwd).stdout


def _plain(node: dict) -> dict:
    return {k: v for k, v in node.items() if k != "ingested_at"}


def _endpoint(node: dict) -> list:
    label = node.get("_LABEL") or node.get("_label")
    return [label] + [node.get(k) for k in IDENTITY if node.get(k) is not None][:1]


def graph_signature(store: Path) -> dict:
    """Every node and edge of STORE with its properties, sorted (a store's order is not part of it)."""
    nodes = json.loads(vankien("query", "MATCH (n) RETURN n", "--store", str(store), "--format", "json"))
    edges = json.loads(vankien("query", "MATCH (a)-[r]->(b) RETURN a, r, b", "--store", str(store),
                               "--format", "json"))
    dump = lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True)  # noqa: E731
    return {"nodes": sorted(dump(_plain(r["n"])) for r in nodes),
            "edges": sorted(dump([_endpoint(r["a"]), _plain(r["r"]), _endpoint(r["b"])]) for r in edges)}


def produce(out: Path, work: Path, synthetic: int) -> None:
    """Write extract.jsonl, graph.json and graph.nt of this version into OUT."""
    paths = inputs(work, synthetic)
    out.mkdir(parents=True, exist_ok=True)
    print(f"extract: {len(paths)} paths", file=sys.stderr)
    vankien("extract", *paths, "--no-progress", "-o", str(out.resolve() / "extract.jsonl"), cwd=work)
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    print("ingest", file=sys.stderr)
    vankien("ingest", *paths, "--store", str(store), "--no-progress", cwd=work)
    (out / "graph.json").write_text(json.dumps(graph_signature(store), ensure_ascii=False, indent=0),
                                    encoding="utf-8")
    print("export rdf", file=sys.stderr)
    vankien("export", "rdf", str(out.resolve() / "graph.nt"), "--format", "nt", "--store", str(store))


def _triples(path: Path) -> set[str]:
    """The N-Triples lines of PATH but the time each text was ingested."""
    return {t for t in path.read_text(encoding="utf-8").splitlines() if "#ingestedAt>" not in t}


def same_rdf(a: Path, b: Path) -> bool:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    la, lb = _triples(a), _triples(b)
    if "_:" not in "".join(la | lb):
        return la == lb
    return isomorphic(Graph().parse(data="\n".join(la), format="nt"), Graph().parse(data="\n".join(lb), format="nt"))


def compare(recorded: Path, now: Path) -> list[str]:
    problems = []
    if (recorded / "extract.jsonl").read_bytes() != (now / "extract.jsonl").read_bytes():
        old = (recorded / "extract.jsonl").read_text(encoding="utf-8").splitlines()
        new = (now / "extract.jsonl").read_text(encoding="utf-8").splitlines()
        diff = [i for i, (x, y) in enumerate(zip(old, new)) if x != y]
        problems.append(f"extract.jsonl differs: {len(old)} vs {len(new)} lines, first differing lines {diff[:5]}")
    g0 = json.loads((recorded / "graph.json").read_text(encoding="utf-8"))
    g1 = json.loads((now / "graph.json").read_text(encoding="utf-8"))
    for part in ("nodes", "edges"):
        a, b = set(g0[part]), set(g1[part])
        if a != b:
            problems.append(f"{part} differ: {len(a - b)} only before, {len(b - a)} only after; e.g. "
                            f"{sorted(a - b)[:1]} / {sorted(b - a)[:1]}")
    if not same_rdf(recorded / "graph.nt", now / "graph.nt"):
        problems.append("the RDF exports are not isomorphic")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["record", "compare"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--synthetic", type=int, default=10_000, help="synthetic texts (record only)")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if a.action == "record":
            produce(a.dir, work, a.synthetic)
            (a.dir / "settings.json").write_text(json.dumps({"synthetic": a.synthetic}))
            print(f"recorded in {a.dir}")
            return 0
        synthetic = json.loads((a.dir / "settings.json").read_text())["synthetic"]
        produce(work / "now", work, synthetic)
        problems = compare(a.dir, work / "now")
    counts = json.loads((a.dir / "graph.json").read_text(encoding="utf-8"))
    print("\n".join(problems) if problems else
          f"same output: extract.jsonl byte-identical, {len(counts['nodes'])} nodes and "
          f"{len(counts['edges'])} edges with every property, isomorphic RDF")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
