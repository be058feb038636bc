#!/usr/bin/env python3
"""Extraction throughput on the synthetic corpus (benchmarks/synthetic.py).

Generates the corpus into benchmarks/synthetic/ (or reuses it when the size, seed and generator
version match), loads every text into memory, then times ``vankien.loaders.extract.extract_text`` over all
of them in this one process. Reading files is not timed; the first call (which compiles patterns
and loads vocabularies) is.

Prints MB/s (10^6 bytes of UTF-8 text per wall-clock second), texts and documents per second,
peak resident memory (``resource.getrusage(...).ru_maxrss``; tracemalloc is off) and, as a sanity
check that speed is not bought by finding nothing, the share of planted Party keys found.

In the same run it prints the MB/s of each stage of the pipeline (the corpus's size over the time
spent in that stage: the stage functions ``extract_record`` calls are timed where it calls them,
a stage's own calls to another counted in it; "record" is the rest: building the output) and of
the regex-limit pass: one ``finditer`` per text of a single alternation of the patterns that find
the candidates (symbols, type words, cues, issuing verbs, organisation heads), i.e. the speed of
finding every candidate with nothing done around the hits; the pipeline's MB/s is given as a ratio
of it.

    python benchmarks/throughput.py [--mb 50] [--seed N] [--in-memory] [--min-mbps 10] [--no-limit]
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


# the names extract_record calls, in pipeline order: (stage, name in vankien.loaders.extract)
STAGES = (("clean", "normalize_reporting"), ("mentions", "find_mentions"), ("context", "attach_context"),
          ("resolve", "resolve"), ("dates", "implausible_dates"), ("scopes", "set_scopes"),
          ("segments", "segments"), ("cues", "CueTable.find_in_sentences"), ("layout", "read_layout"),
          ("subject", "find_subject"), ("relations", "find_relations"), ("assignments", "find_assignments"),
          ("subject", "spoken_of"))


class StageClock:
    """Times the pipeline's stages by wrapping, in ``vankien.loaders.extract``'s namespace, the
    functions it calls (``CueTable.find_in_sentences`` on its class); a stage called from inside
    another is counted in the outer one. Costs two clock reads a call, a few dozen a text."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._depth = 0
        self._undo: list[tuple[object, str, object]] = []

    def _wrap(self, stage: str, fn):
        clock = self

        def timed(*args, **kwargs):
            if clock._depth:
                return fn(*args, **kwargs)
            clock._depth += 1
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                clock.seconds[stage] = clock.seconds.get(stage, 0.0) + time.perf_counter() - t
                clock._depth -= 1
        return timed

    def __enter__(self) -> "StageClock":
        from vankien.loaders import extract
        from vankien.loaders.cues import CueTable
        for stage, name in STAGES:
            owner, attr = (CueTable, name.split(".")[1]) if "." in name else (extract, name)
            fn = getattr(owner, attr, None)
            if fn is None:           # the pipeline changed: that stage stays in "record"
                continue
            self._undo.append((owner, attr, fn))
            setattr(owner, attr, self._wrap(stage, fn))
        return self

    def __exit__(self, *exc) -> None:
        for owner, attr, fn in reversed(self._undo):
            setattr(owner, attr, fn)
        self._undo.clear()


def candidate_pattern() -> re.Pattern:
    """One alternation of the patterns that find where extraction has work to do: Party and
    state symbols, type words, relation cues, issuing verbs and organisation heads (group names
    dropped, global flags made local)."""
    from vankien.loaders import codes
    from vankien.loaders.cues import cue_table
    from vankien.loaders.organizations import org_vocab
    from vankien.loaders.patterns import type_word_re
    parts = [codes.PARTY_RE, codes.SLASH_RE, type_word_re(), cue_table().regex, cue_table().issuing_re,
             org_vocab().head_re]
    out = []
    for p in parts:
        src = re.sub(r"\(\?P<\w+>", "(?:", p.pattern)
        local = "".join(f for f, bit in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)) if p.flags & bit)
        out.append(f"(?{local}:{src})" if local else f"(?:{src})")
    return re.compile("|".join(out))


def regex_limit(texts: list[str]) -> tuple[float, int]:
    """Seconds for one pass of ``candidate_pattern`` over every text, and the hits found."""
    rx = candidate_pattern()
    hits = 0
    start = time.perf_counter()
    for text in texts:
        for _ in rx.finditer(text):
            hits += 1
    return time.perf_counter() - start, hits


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50, help="corpus size in 10^6 bytes (default 50)")
    ap.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    ap.add_argument("--dir", type=Path, default=synthetic.DEFAULT_DIR, help="corpus folder")
    ap.add_argument("--in-memory", action="store_true", help="generate texts in memory, write no files")
    ap.add_argument("--no-limit", action="store_true",
                    help="skip the regex-limit pass (it takes about as long as the extraction)")
    ap.add_argument("--min-mbps", type=float, default=None,
                    help=f"exit 1 if throughput is below this (target {TARGET_MBPS:g} MB/s; default: report only)")
    args = ap.parse_args(argv)

    from vankien.loaders.extract import extract_text

    names, texts, planted = load_corpus(args.mb, args.seed, args.in_memory, args.dir)
    total_bytes = sum(len(t.encode("utf-8")) for t in texts)
    rss_before = _current_rss_mb()

    n_docs = n_warn = 0
    found = expected = 0
    extracting = 0.0
    with StageClock() as clock:
        start = time.perf_counter()
        for name, text, keys in zip(names, texts, planted):
            t = time.perf_counter()
            rec = extract_text(text, source=name)
            extracting += time.perf_counter() - t
            docs = rec["documents"]
            n_docs += len(docs)
            n_warn += len(rec.get("warnings") or ())
            if keys:
                got = {_norm_key(d.get("key")) for d in docs}
                want = {_norm_key(k) for k in keys}
                expected += len(want)
                found += len(want & got)
        wall = time.perf_counter() - start
    limit_s, limit_hits = regex_limit(texts) if not args.no_limit else (0.0, 0)

    mb = total_bytes / synthetic.MB
    mbps = mb / wall if wall else float("inf")
    peak = _rss_mb()
    print(f"documents: {n_docs} found ({n_docs / wall:,.0f} documents/s, {len(texts) / wall:,.0f} texts/s), "
          f"{n_warn} warnings")
    if expected:
        print(f"planted party keys found: {found}/{expected} ({100 * found / expected:.1f}%)")
    if rss_before is not None:
        print(f"memory: RSS {rss_before:.0f} MB with the corpus loaded, before extraction")
    stage_s = dict(clock.seconds)
    stage_s["record"] = max(0.0, extracting - sum(stage_s.values()))
    print("stages (MB/s of the corpus through each stage alone; share of extraction time):")
    for stage, secs in sorted(stage_s.items(), key=lambda kv: -kv[1]):
        rate = f"{mb / secs:10.1f}" if secs else "       inf"
        print(f"  {stage:<12} {rate} MB/s  {100 * secs / extracting if extracting else 0:5.1f}%")
    if not args.no_limit:
        limit_mbps = mb / limit_s if limit_s else float("inf")
        print(f"regex-limit pass: {limit_mbps:.1f} MB/s ({limit_hits} candidates, {limit_s:.2f} s); "
              f"full pipeline / regex limit = {mbps / limit_mbps:.3f}")
    verdict = "met" if mbps >= TARGET_MBPS else "not met"
    print(f"throughput: {mbps:.1f} MB/s over {mb:.1f} MB ({len(texts)} texts, {wall:.1f} s), "
          f"peak RSS {peak:.0f} MB  [issue 20's target for the full pipeline, >= {TARGET_MBPS:g} MB/s a core: {verdict}]")
    if args.min_mbps is not None and mbps < args.min_mbps:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
