#!/usr/bin/env python3
"""RDF at scale: export and SHACL validation of synthetic stores of N texts, old way and new way side by side.

    python benchmarks/rdf_scale.py --texts 1000 10000 100000 --cache /tmp/vankien-rdf-scale
    python benchmarks/rdf_scale.py --texts 1000 --old-validate-max 1000        # quick look
    python benchmarks/rdf_scale.py --texts 10000 --reuse-export --baseline-jar /tmp/old-shacl/vankien-shacl.jar
    python benchmarks/rdf_scale.py --texts 10000 100000 --skip-old-pages --skip-validate --baseline-tree /tmp/before

Stores are built once with benchmarks/ingest.py's generator (our own synthetic texts, the same seed, so
the store of N texts holds the first N texts of every larger one) and kept under ``--cache`` as
``store-N``; the export of the new way is kept there as ``export-N.nt`` (reused for validation).

Each measurement runs in a process of its own, so its peak resident memory is its own (for validation with
Jena: the Java process). Reported per size, as JSON:

- export, new way (what ``vankien export rdf --format nt`` writes: ``ontology.export.nt_pages``, pages of
  the store's internal offsets as N-Triples lines): the whole export, triples/s of CPU time and of wall
  time, peak RSS; with ``--baseline-tree DIR`` (a copy of the code before a change), the whole export by
  that code too, in the same run, with the ratio, whether both hold the same lines (as multisets) and
  whether both files are the same byte for byte;
- export, old way (``ontology.export.key_range_pages``: pages of the key range): its first
  ``--old-pages`` pages only (a page costs the same all through a store, the whole export would take
  hours at 100 000 texts), and the new way over the same number of pages, in the same run, as a ratio;
- validation, new way (Jena SHACL in partitions, ``validate_file(engine="jena")``) of the whole export;
  old way (pySHACL on the whole graph) only up to ``--old-validate-max`` texts, on the same file, and Jena
  on the whole graph up to ``--whole-validate-max`` texts; each with its results compared. With
  ``--baseline-jar``, the partitioned validation also by another build of tools/shacl (the launcher from
  before a change), in the same run; with ``--reuse-export``, an export already in the cache is validated
  and not made again.

CPU time counts every thread of the measured process (and its children): on a shared machine it is the
figure to compare; wall time is given beside it.
"""
from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if not os.environ.get("RDF_SCALE_TREE"):          # a --baseline-tree run imports vankien from there
    sys.path.insert(0, str(HERE.parent))


def _usage() -> tuple[float, float, float]:
    """CPU seconds of this process and of its finished children, and peak RSS (MB) of either."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, max(me.ru_maxrss, kids.ru_maxrss) / 1024


# --- measurements, each run in a process of its own (``--measure``) -------------------------------------
def measure_export(store_dir: str, way: str, out: str, pages_limit: int | None) -> dict:
    from vankien.graph.stores import open_store
    from vankien.ontology import export
    from vankien.ontology.iris import Minter
    from vankien.ontology.writers import write

    store = open_store(store_dir, read_only=True)
    minter = Minter()
    if pages_limit is not None and hasattr(export, "NT_PART"):
        export.NT_PART = 1 << 62       # a limited run counts pages: each page in one part, not cut in parts
    if way == "new":        # what `vankien export rdf --format nt` writes (export_rdf), in this code tree
        way = "nt_pages" if hasattr(export, "nt_pages") else "pages"
    stream = getattr(export, way)(store, minter, 1000)

    def limited():
        for i, page in enumerate(stream):
            yield page
            if pages_limit is not None and i >= pages_limit:       # the vocabulary page, then pages_limit
                return

    wall, (cpu0, _, _) = time.perf_counter(), _usage()
    with open(out, "w", encoding="utf-8") as f:
        triples = write(limited(), f, "nt", minter.base)
    cpu, _, rss = _usage()
    wall = time.perf_counter() - wall
    store.close()
    return {"code": export.__file__, "way": way, "triples": triples, "cpu_s": round(cpu - cpu0, 2), "wall_s": round(wall, 2),
            "triples_per_cpu_s": round(triples / max(cpu - cpu0, 1e-9)), "triples_per_wall_s": round(triples / wall),
            "peak_rss_mb": round(rss)}


def measure_validation(path: str, engine: str, jar: str | None = None) -> dict:
    from vankien.ontology import validate as validation
    from vankien.ontology.validate import validate_file

    if jar:                 # another build of tools/shacl (the launcher before a change), same command line
        validation.shacl_jar = lambda: Path(jar)
    wall, (cpu0, kid0, _) = time.perf_counter(), _usage()
    report = validate_file(path, "nt", engine=engine)
    cpu, kid, rss = _usage()
    wall = time.perf_counter() - wall
    spent = (cpu - cpu0) + (kid - kid0)
    return {"engine": report.engine, "conforms": report.conforms, "triples": report.triples,
            "results": len(report.results_set), "results_digest": hashlib.sha256(repr(sorted(report.results_set)).encode()).hexdigest()[:16],
            "cpu_s": round(spent, 2), "wall_s": round(wall, 2),
            "triples_per_cpu_s": round(report.triples / max(spent, 1e-9)),
            "triples_per_wall_s": round(report.triples / wall), "peak_rss_mb": round(rss)}


def run_measure(args: list[str], timeout: float | None = None, tree: str | None = None) -> dict:
    """One measurement in a process of its own; with ``tree``, run with the vankien package of that folder
    (a copy of the code before a change: ``tree/vankien`` with its subpackages inside) instead of this one."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", *args]
    env = {**os.environ, "PYTHONPATH": tree, "RDF_SCALE_TREE": tree} if tree else None
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              cwd=tempfile.gettempdir() if tree else None)
    except subprocess.TimeoutExpired:
        return {"skipped": f"did not finish in {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": done.stderr[-1500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- stores -----------------------------------------------------------------------------------------
def store_of(cache: Path, texts: int, seed: int) -> Path:
    folder = cache / f"store-{texts}"
    if (folder / ".rdf-scale-done").exists():
        return folder
    import ingest as bench_ingest        # benchmarks/ingest.py

    if folder.exists():
        shutil.rmtree(folder)
    print(f"building a store of {texts} texts in {folder} …", file=sys.stderr)
    bench_ingest.main(["--texts", str(texts), "--seed", str(seed), "--store", str(folder),
                       "--json", str(cache / f"ingest-{texts}.json")])
    (folder / ".rdf-scale-done").write_text("")
    return folder


def lines_digest(path: Path) -> tuple[int, str]:
    """The lines of a file as a multiset (order-independent: the count and the sum of a 64-bit hash of each
    line), to compare two N-Triples exports whose lines may come in another order."""
    total = count = 0
    with open(path, "rb") as f:
        for line in f:
            total += int.from_bytes(hashlib.blake2b(line, digest_size=8).digest(), "little")
            count += 1
    return count, format(total % (1 << 64), "016x")


def _same(a: dict, b: dict) -> bool:
    return (a.get("conforms"), a.get("results"), a.get("results_digest")) == \
        (b.get("conforms"), b.get("results"), b.get("results_digest"))


def validate_size(row: dict, texts: int, export: Path, args) -> None:
    """The validations of one export, each beside the new way, with their results compared."""
    if args.baseline_jar:
        row["validate_baseline"] = run_measure(["validate", str(export), "jena", args.baseline_jar], args.timeout)
    row["validate_new"] = run_measure(["validate", str(export), "jena"])
    new = row["validate_new"]
    if args.baseline_jar and "triples_per_cpu_s" in row["validate_baseline"] and "triples_per_cpu_s" in new:
        base = row["validate_baseline"]
        row["validate_speedup_over_baseline_cpu"] = round(new["triples_per_cpu_s"] / base["triples_per_cpu_s"], 2)
        row["validate_speedup_over_baseline_wall"] = round(new["triples_per_wall_s"] / base["triples_per_wall_s"], 2)
        row["validate_same_results_as_baseline"] = _same(base, new)
    if texts <= args.whole_validate_max:
        row["validate_jena_whole"] = run_measure(["validate", str(export), "jena-whole"], args.timeout)
        if "results_digest" in row["validate_jena_whole"] and "results_digest" in new:
            row["validate_same_results_as_whole"] = _same(row["validate_jena_whole"], new)
    if texts <= args.old_validate_max:
        row["validate_old"] = run_measure(["validate", str(export), "pyshacl"], args.timeout)
        old = row["validate_old"]
        if "triples_per_cpu_s" in old and "triples_per_cpu_s" in new:
            row["validate_speedup_cpu"] = round(new["triples_per_cpu_s"] / old["triples_per_cpu_s"], 1)
            row["validate_same_results"] = _same(old, new)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure"]:
        kind, *rest = argv[1:]
        if kind == "export":
            store_dir, way, out, limit = rest
            result = measure_export(store_dir, way, out, int(limit) if limit != "all" else None)
        else:
            result = measure_validation(*rest)
        print(json.dumps(result))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--cache", default=os.environ.get("VANKIEN_RDF_SCALE_CACHE", "/tmp/vankien-rdf-scale"),
                    help="folder of the stores (store-N) and exports (export-N.nt), kept between runs")
    ap.add_argument("--seed", type=int, default=20240312)
    ap.add_argument("--old-pages", type=int, default=25, help="pages of the old export (and the new beside it)")
    ap.add_argument("--old-validate-max", type=int, default=1000, help="largest size pySHACL validates (texts)")
    ap.add_argument("--whole-validate-max", type=int, default=10_000, help="largest size Jena validates whole")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before an old-way measurement is given up")
    ap.add_argument("--json", default=None, help="also write the figures here")
    ap.add_argument("--reuse-export", action="store_true",
                    help="validate the export-N.nt already in --cache (no export measured) when there is one")
    ap.add_argument("--baseline-tree", default=None,
                    help="also export with the vankien package of this folder (a copy of the code before a change, "
                         "as DIR/vankien with graph/, ontology/ … inside it), in the same run, as export_baseline; "
                         "its triples are compared with the new export's (as multisets of lines)")
    ap.add_argument("--skip-old-pages", action="store_true", help="do not measure the key-range pages")
    ap.add_argument("--skip-validate", action="store_true", help="measure the export only")
    ap.add_argument("--baseline-jar", default=None,
                    help="also validate in partitions with this build of tools/shacl (e.g. a copy of "
                         "target/ from before a change: the jar with its lib/ beside it), as validate_baseline")
    args = ap.parse_args(argv)

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    figures = {"cpus": os.cpu_count(), "load_avg_at_start": os.getloadavg(), "sizes": {}}
    for texts in args.texts:
        store = store_of(cache, texts, args.seed)
        sample = str(cache / f"sample-{texts}.nt")
        export = cache / f"export-{texts}.nt"
        row: dict = {}
        if args.reuse_export and export.exists():
            row["export_reused"] = str(export)
            validate_size(row, texts, export, args)
            figures["sizes"][texts] = row
            print(json.dumps({texts: row}, indent=2), flush=True)
            continue
        # the old way and the new over the same number of pages, one after the other
        if not args.skip_old_pages:
            row["export_pages_old"] = run_measure(["export", str(store), "key_range_pages", sample, str(args.old_pages)],
                                                  args.timeout)
            row["export_pages_new"] = run_measure(["export", str(store), "new", sample, str(args.old_pages)])
            old, new = row["export_pages_old"], row["export_pages_new"]
            if "triples_per_cpu_s" in old and "triples_per_cpu_s" in new:
                row["export_pages_speedup_cpu"] = round(new["triples_per_cpu_s"] / old["triples_per_cpu_s"], 2)
            os.unlink(sample) if os.path.exists(sample) else None
        if args.baseline_tree:           # the whole export by the code before a change, then by this one
            before = cache / f"export-{texts}-baseline.nt"
            row["export_baseline"] = run_measure(["export", str(store), "new", str(before), "all"], tree=args.baseline_tree)
        row["export_new"] = run_measure(["export", str(store), "new", str(export), "all"])
        if args.baseline_tree and "triples_per_cpu_s" in row["export_baseline"] and "triples_per_cpu_s" in row["export_new"]:
            base, new = row["export_baseline"], row["export_new"]
            row["export_speedup_over_baseline_cpu"] = round(new["triples_per_cpu_s"] / base["triples_per_cpu_s"], 2)
            row["export_speedup_over_baseline_wall"] = round(new["triples_per_wall_s"] / base["triples_per_wall_s"], 2)
            row["export_same_triples_as_baseline"] = lines_digest(before) == lines_digest(export)
            row["export_same_file_as_baseline"] = filecmp.cmp(before, export, shallow=False)    # byte for byte
            before.unlink()
        if not args.skip_validate:
            validate_size(row, texts, export, args)
        figures["sizes"][texts] = row
        print(json.dumps({texts: row}, indent=2), flush=True)
    figures["load_avg_at_end"] = os.getloadavg()
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
