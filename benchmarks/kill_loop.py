#!/usr/bin/env python3
"""Kill -9 at random points of an ingest into a non-empty store, then ingest again (issue 18).

Slow, run on demand::

    .venv/bin/python benchmarks/kill_loop.py [--kills 20] [--base 300] [--more 300] [--seed N] [--work DIR]

Generated texts (benchmarks/synthetic.py): ``--base`` of them are ingested into a store, the
reference; a clean run then ingests ``--more`` into a copy of it, timed, and dumped. Then, ``--kills``
times: a copy of the reference store, ``vankien ingest`` of the other texts killed (SIGKILL) at a
random moment of that duration, ``vankien stats`` (the store must open: no crash, and hold the state
before the run or after it), and ``vankien ingest`` again, which must succeed and give the clean run's
graph: the same node and edge counts and the same canonical dump (every node and edge with every
property but the time a text was ingested). Prints one line per kill and a summary; exits with 1 if
any kill broke the store.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import iter_texts  # noqa: E402

VANKIEN = [sys.executable, "-m", "vankien"]


def write_texts(folder: Path, n: int, seed: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, text, _) in enumerate(iter_texts(mb=n * 0.012, seed=seed)):
        if i >= n:
            break
        (folder / f"{seed}-{name}").write_text(text, encoding="utf-8")
    return folder


def ingest(texts: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen([*VANKIEN, "ingest", str(texts), "--store", str(store), "--no-progress",
                             "--workers", "2", "--batch-size", "50"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def dump(store: Path) -> tuple[dict[str, int], str]:
    """(node and edge counts, sha256 of the store's snapshot: every node and edge, every property)."""
    from vankien.graph.queries.snapshot import snapshot
    from vankien.graph.stores import open_store

    with open_store(store, read_only=True) as s:
        snap = snapshot(s)
    digest = hashlib.sha256(json.dumps(snap, ensure_ascii=False, sort_keys=True).encode())
    return {name: len(rows) for name, rows in snap.items()}, digest.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--base", type=int, default=300, help="texts in the store before the killed runs")
    ap.add_argument("--more", type=int, default=300, help="texts of each killed run")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    rng = random.Random(seed)
    work = args.work or Path(tempfile.mkdtemp(prefix="vankien-kill-loop-"))
    print(f"seed {seed}, work folder {work}")
    base_texts = write_texts(work / "base", args.base, 1)
    more_texts = write_texts(work / "more", args.more, 2)
    reference = work / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    if ingest(base_texts, reference).wait() != 0:
        print("the first ingest failed")
        return 1
    before = dump(reference)
    clean = work / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(reference, clean)
    started = time.monotonic()
    if ingest(more_texts, clean).wait() != 0:
        print("the clean run failed")
        return 1
    duration = time.monotonic() - started
    after = dump(clean)
    print(f"clean run: {duration:.1f} s; before {sum(before[0].values())} nodes+edges, "
          f"after {sum(after[0].values())}")
    failures = 0
    outcomes: dict[str, int] = {}
    for k in range(args.kills):
        store = work / f"killed-{k}"
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(reference, store)
        at = rng.uniform(0.0, duration)
        proc = ingest(more_texts, store)
        time.sleep(at)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stats = subprocess.run([*VANKIEN, "stats", "--store", str(store)], capture_output=True, text=True)
        state = "crash" if stats.returncode < 0 else "error" if stats.returncode else \
            "before" if dump(store) == before else "after" if dump(store) == after else "other"
        again = ingest(more_texts, store)
        _, err = again.communicate()
        same = again.returncode == 0 and dump(store) == after
        ok = state in ("before", "after") and same
        failures += not ok
        outcomes[state] = outcomes.get(state, 0) + 1
        print(f"kill {k + 1:2d} at {at:5.1f} s: store opened {state}, next ingest "
              f"{'gives the clean graph' if same else 'DIFFERS: ' + err.strip()[-300:]}")
        shutil.rmtree(store, ignore_errors=True)
    print(f"{args.kills} kills: {args.kills - failures} ok, {failures} broken; states after the kill: {outcomes}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
