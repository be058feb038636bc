#!/usr/bin/env python3
"""Reading speed: files -> records through ``read_paths``, as ``vankien extract`` and ``ingest`` read.

Two corpora, each written to a folder under a temporary directory (or ``--work``) up to ``--mb`` MB
(10^6 bytes of input files):

* ``corpus``: the texts of ``../shared/corpus`` (seeds/ and dev/), copied over and over;
* ``synthetic``: benchmarks/synthetic.py's generated texts.

For each it prints the MB/s of ``read_paths`` end to end (walking the folder, reading, sniffing,
decoding, normalising, the language check; records kept in no list), then the MB/s of each step
alone, run over the same files already in memory:

    walk       iter_inputs: listing the folders, choosing the document files
    file read  load: stat, open, read
    hash       sha256 of the raw bytes
    sniff      sniff: the kind of document
    binary     binary_reason: the NUL / control-byte check on the decoder's sample
    utf-8      bytes.decode("utf-8")
    decode     decode_bytes: encoding detection, decoding and normalisation (normalise included)
    normalise  normalize_reporting alone, on the decoded text
    record     document(): the record, with its cleaning warnings (each right after its decoding)
    language   looks_vietnamese: the "is this Vietnamese?" check

Steps overlap (``decode`` contains ``binary``, ``utf-8`` and ``normalise``), so their times do not
add up to the total. ``--profile`` adds cProfile's top functions for the end-to-end run of each corpus.
``--against REV`` measures, in the same run and on the same files, the reading code of an earlier commit too
(:data:`READING_CODE`: the readers, the decoder's normalisation in clean.py, the record; taken with ``git archive``;
the rest of the code is this one's), alternating the two.

    python benchmarks/reading.py [--mb 20] [--corpus PATH] [--work DIR] [--profile] [--only corpus|synthetic]
                                 [--against REV] [--rounds N]
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import inspect
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

if os.environ.get("VANKIEN_READERS_FROM"):      # --against: another commit's loaders/readers
    import vankien.loaders
    vankien.loaders.__path__.insert(0, os.environ["VANKIEN_READERS_FROM"])

from vankien.loaders.clean import normalize_reporting  # noqa: E402
from vankien.loaders.readers import read_paths  # noqa: E402
from vankien.loaders.readers.encoding import binary_reason, decode_bytes  # noqa: E402
from vankien.loaders.readers.paths import Input, iter_inputs, load  # noqa: E402
from vankien.loaders.readers.records import document  # noqa: E402
from vankien.loaders.readers.sniff import sniff  # noqa: E402
from vankien.loaders.readers.vietnamese import looks_vietnamese  # noqa: E402

MB = 1_000_000
TARGET_MBPS = 50.0
MAX_BYTES = 25 * 1024 * 1024
SKIP = ("manifest.json", "keys.jsonl")     # synthetic.py's own files, not texts
# what --against REV takes from REV
READING_CODE = ("loaders/readers", "loaders/clean.py", "loaders/legacy.py", "loaders/source.py", "loaders/inputs.py")


def repeated_corpus(corpus: Path, out: Path, mb: float) -> None:
    """Copies of the corpus's texts (seeds/ and dev/) into ``out`` until it holds ``mb`` MB."""
    folders = [p for p in (corpus / "seeds", corpus / "dev") if p.is_dir()] or [corpus]
    files = [i.path for i in iter_inputs(folders) if isinstance(i, Input) and i.path is not None]
    if not files:
        raise SystemExit(f"reading.py: no texts found in {corpus}")
    out.mkdir(parents=True, exist_ok=True)
    total, copy = 0, 0
    while total < mb * MB:
        for path in files:
            target = out / f"{copy:04d}_{path.parent.name}_{path.name}"
            shutil.copyfile(path, target)
            total += target.stat().st_size
        copy += 1


def _rate(nbytes: int, seconds: float) -> str:
    return f"{nbytes / MB / seconds:8.1f}" if seconds > 0 else "     inf"


def measure(name: str, folder: Path, profile: bool) -> float:
    """Prints the end-to-end and per-step MB/s of reading ``folder``; returns the end-to-end MB/s."""
    inputs = [i for i in iter_inputs([folder], exclude=SKIP) if isinstance(i, Input)]
    nbytes = sum(i.path.stat().st_size for i in inputs)
    # end to end, as the commands read (the first pass warms the page cache)
    for _ in read_paths([folder], exclude=SKIP):
        pass
    t0 = time.perf_counter()
    records = bad = 0
    for record in read_paths([folder], exclude=SKIP):
        records += 1
        bad += record.text is None
    wall = time.perf_counter() - t0
    total = nbytes / MB / wall
    print(f"{name}: {len(inputs)} files, {nbytes / MB:.1f} MB, {records} records ({bad} without text)")
    print(f"  read_paths  {_rate(nbytes, wall)} MB/s  ({wall:.2f} s)")

    steps: list[tuple[str, float]] = []

    def step(label: str, fn, items) -> list:
        t = time.perf_counter()
        out = [fn(x) for x in items]
        steps.append((label, time.perf_counter() - t))
        return out

    step("walk", lambda f: list(iter_inputs([f], exclude=SKIP)), [folder])
    datas = step("file read", lambda i: load(i, MAX_BYTES), inputs)
    exts = [i.extension for i in inputs]
    step("hash", lambda d: hashlib.sha256(d).hexdigest(), datas)
    step("sniff", lambda de: sniff(*de), list(zip(datas, exts)))
    step("binary", binary_reason, datas)
    texts = step("utf-8", lambda d: d.decode("utf-8", errors="replace"), datas)
    decoded = step("decode", decode_bytes, datas)
    step("normalise", normalize_reporting, texts)
    as_text_reader = {"normalized": True} if "normalized" in inspect.signature(document).parameters else {}
    # each record right after its decoding, as the text reader builds it (only the record is timed)
    spent = 0.0
    for data in datas:
        d = decode_bytes(data)
        t = time.perf_counter()
        document("x", d.text, reader="text", encoding=d.encoding, warnings=d.warnings, **as_text_reader)
        spent += time.perf_counter() - t
    steps.append(("record", spent))
    normal = [d.text for d in decoded if d.text is not None]
    step("language", looks_vietnamese, normal)
    for label, seconds in steps:
        print(f"  {label:<10}  {_rate(nbytes, seconds)} MB/s  ({seconds:.2f} s)")

    if profile:
        prof = cProfile.Profile()
        prof.enable()
        for _ in read_paths([folder], exclude=SKIP):
            pass
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
        print("\n".join("    " + line for line in buf.getvalue().splitlines() if line.strip()))
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20, help="size of each corpus in MB (default 20)")
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus",
                    help="the real corpus to repeat (default ../shared/corpus)")
    ap.add_argument("--work", type=Path, default=None, help="folder for the corpora (default: a temporary one)")
    ap.add_argument("--only", choices=("corpus", "synthetic"), default=None)
    ap.add_argument("--profile", action="store_true", help="also print cProfile's top functions")
    ap.add_argument("--against", metavar="REV", help="also measure the reading code of this git revision")
    ap.add_argument("--rounds", type=int, default=2, help="with --against: rounds of each version (default 2)")
    args = ap.parse_args(argv)
    if args.mb <= 0:
        ap.error("--mb must be positive")
    work = args.work or Path(tempfile.mkdtemp(prefix="vankien-reading-"))
    if args.against:
        return _side_by_side(args, work)
    try:
        rates = {}
        if args.only in (None, "corpus"):
            if not args.corpus.is_dir():
                print(f"reading.py: {args.corpus} is not a folder; use --corpus or --only synthetic", file=sys.stderr)
                return 2
            folder = work / "corpus"
            if not folder.exists():
                repeated_corpus(args.corpus, folder, args.mb)
            rates["corpus"] = measure("corpus (../shared/corpus repeated)", folder, args.profile)
        if args.only in (None, "synthetic"):
            folder = work / "synthetic"
            if not folder.exists():
                synthetic.write_corpus(folder, args.mb, synthetic.DEFAULT_SEED)
            rates["synthetic"] = measure("synthetic (benchmarks/synthetic.py)", folder, args.profile)
        for name, rate in rates.items():
            verdict = "met" if rate >= TARGET_MBPS else "not met"
            print(f"reading {name}: {rate:.1f} MB/s  [issue 20's target, >= {TARGET_MBPS:g} MB/s: {verdict}]")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _side_by_side(args, work: Path) -> int:
    """This version's readers and REV's, in fresh processes taking turns, on the same files."""
    old = work / f"reading-code-{args.against}"
    if not old.exists():
        old.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", args.against, *READING_CODE],
                                 capture_output=True, check=False)
        if archive.returncode:
            print(f"reading.py: git archive {args.against}: {archive.stderr.decode(errors='replace')}", file=sys.stderr)
            return 2
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    base = [sys.executable, __file__, "--mb", str(args.mb), "--corpus", str(args.corpus), "--work", str(work)]
    if args.only:
        base += ["--only", args.only]
    try:
        for round_ in range(1, args.rounds + 1):
            for label, env in ((args.against, {"VANKIEN_READERS_FROM": str(old / "loaders")}), ("this", {})):
                print(f"--- round {round_}: reading code of {label}", flush=True)
                subprocess.run(base, env={**os.environ, **env}, check=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
