#!/usr/bin/env python3
"""Extraction throughput on the synthetic corpus (benchmarks/synthetic.py).

Generates the corpus into benchmarks/synthetic/ (or reuses it when the size, seed and generator
version match), loads every text into memory, then times ``vankien.loaders.extract.extract_text`` over all
of them in this one process. Reading files is not timed; the first call (which compiles patterns
and loads vocabularies) is.

Prints MB/s (10^6 bytes of UTF-8 text per wall-clock second), texts and documents per second,
peak resident memory (``resource.getrusage(...).ru_maxrss``; tracemalloc is off) and, as a sanity
check that speed is not bought by finding nothing, the share of planted Party keys found.

    python benchmarks/throughput.py [--mb 50] [--seed N] [--in-memory] [--min-mbps 10]
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synthetic  # noqa: E402

TARGET_MBPS = 10.0


def _rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def _current_rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except OSError:
        return None


def _norm_key(k: str | None) -> str | None:
    """Compare keys loosely, as the project's scorer does (case, dashes, spaces, T.Ư, zero padding)."""
    if not k:
        return None
    k = unicodedata.normalize("NFC", str(k)).translate(dict.fromkeys(map(ord, "–—−‐‑"), "-"))
    k = re.sub(r"\s+", "", k).casefold().replace("t.ư", "tw").replace("tư", "tw")
    m = re.match(r"^0*(\d+)(.*)$", k)
    return m.group(1) + m.group(2) if m else k


def load_corpus(mb: float, seed: int, in_memory: bool, out_dir: Path) -> tuple[list[str], list[str], list[list[str]]]:
    names: list[str] = []
    texts: list[str] = []
    keys: list[list[str]] = []
    if in_memory:
        for name, text, planted in synthetic.iter_texts(mb, seed):
            names.append(name)
            texts.append(text)
            keys.append(planted)
        return names, texts, keys
    t0 = time.perf_counter()
    files = synthetic.write_corpus(out_dir, mb, seed)
    by_name: dict[str, list[str]] = {}
    keys_path = out_dir / "keys.jsonl"
    if keys_path.exists():
        for line in keys_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                by_name[rec["file"]] = rec["keys"]
    for f in files:
        names.append(str(f))
        texts.append(f.read_text(encoding="utf-8"))
        keys.append(by_name.get(f.name, []))
    print(f"corpus: {len(files)} texts in {out_dir} (ready in {time.perf_counter() - t0:.1f} s)", flush=True)
    return names, texts, keys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50, help="corpus size in 10^6 bytes (default 50)")
    ap.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    ap.add_argument("--dir", type=Path, default=synthetic.DEFAULT_DIR, help="corpus folder")
    ap.add_argument("--in-memory", action="store_true", help="generate texts in memory, write no files")
    ap.add_argument("--min-mbps", type=float, default=None,
                    help=f"exit 1 if throughput is below this (target {TARGET_MBPS:g} MB/s; default: report only)")
    args = ap.parse_args(argv)

    from vankien.loaders.extract import extract_text

    names, texts, planted = load_corpus(args.mb, args.seed, args.in_memory, args.dir)
    total_bytes = sum(len(t.encode("utf-8")) for t in texts)
    rss_before = _current_rss_mb()

    n_docs = n_warn = 0
    found = expected = 0
    start = time.perf_counter()
    for name, text, keys in zip(names, texts, planted):
        rec = extract_text(text, source=name)
        docs = rec["documents"]
        n_docs += len(docs)
        n_warn += len(rec.get("warnings") or ())
        if keys:
            got = {_norm_key(d.get("key")) for d in docs}
            want = {_norm_key(k) for k in keys}
            expected += len(want)
            found += len(want & got)
    wall = time.perf_counter() - start

    mb = total_bytes / synthetic.MB
    mbps = mb / wall if wall else float("inf")
    peak = _rss_mb()
    print(f"documents: {n_docs} found ({n_docs / wall:,.0f} documents/s, {len(texts) / wall:,.0f} texts/s), "
          f"{n_warn} warnings")
    if expected:
        print(f"planted party keys found: {found}/{expected} ({100 * found / expected:.1f}%)")
    if rss_before is not None:
        print(f"memory: RSS {rss_before:.0f} MB with the corpus loaded, before extraction")
    verdict = "met" if mbps >= TARGET_MBPS else "not met"
    print(f"throughput: {mbps:.1f} MB/s over {mb:.1f} MB ({len(texts)} texts, {wall:.1f} s), "
          f"peak RSS {peak:.0f} MB  [issue 20's target for the full pipeline, >= {TARGET_MBPS:g} MB/s a core: {verdict}]")
    if args.min_mbps is not None and mbps < args.min_mbps:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
