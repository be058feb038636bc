#!/usr/bin/env python3
"""Extraction speed of this tree against an earlier commit, side by side in one run.

    python benchmarks/speed_vs.py REV [--this REV2] [--rounds 3] [--synthetic 600] [CORPUS_DIR]

The machine is shared and noisy, so absolute figures drift between runs; a ratio measured by
alternating fresh processes of the two versions over the same texts does not. REV is checked
out into a temporary git worktree, and the package is assembled there as the installed wheel
lays it out (vankien/ with loaders/, graph/, ontology/, views/ inside), so that it is imported
instead of this tree. Each process extracts every text once to compile its patterns, then
again, timed in CPU seconds (``time.process_time``). Texts: the first N synthetic texts of
benchmarks/synthetic/ (generate them with benchmarks/throughput.py) and every text of the
corpus's seeds/ and dev/.

``--this REV2`` measures commit REV2 instead of the working tree (assembled the same way), so that
the tree can be edited while the benchmark runs. Without it, the working tree measured is the one
this script lives in (its own package folders, laid out the same way), not whatever ``vankien`` the
interpreter has installed: run from a git worktree, it measures that worktree.

Prints MB/s of each version per round and the ratio of their total CPU times (this tree's
speed divided by REV's: above 1 is faster).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIRS = ("loaders", "graph", "ontology", "views")   # pyproject's package-dir mapping

_RUN = r"""
import json, sys, time
paths = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
texts = [open(p, encoding="utf-8").read() for p in paths]
import vankien
from vankien.loaders.extract import extract_text
for t in texts:
    extract_text(t)                       # compiles every pattern the texts need
start = time.process_time()
for t in texts:
    extract_text(t)
cpu = time.process_time() - start
print(json.dumps({"package": vankien.__file__, "cpu": cpu, "mb": sum(len(t.encode()) for t in texts) / 1e6}))
"""


def assemble(rev: str, into: Path) -> Path:
    """REV's package, laid out as installed, under ``into``; returns the folder to put on sys.path."""
    into.mkdir(parents=True, exist_ok=True)
    tree = into / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), rev],
                   check=True, capture_output=True)
    return lay_out(tree, into / "site")


def lay_out(tree: Path, site: Path) -> Path:
    """The package of the source tree ``tree`` laid out under ``site`` as installed."""
    shutil.copytree(tree / "vankien", site / "vankien")
    for d in PACKAGE_DIRS:
        os.symlink(tree / d, site / "vankien" / d)
    return site


def run(site: Path | None, listing: Path) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    out = subprocess.run([sys.executable, "-c", _RUN, str(listing)], env=env, check=True,
                         capture_output=True, text=True, cwd=tempfile.gettempdir())
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev")
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--synthetic", type=int, default=600)
    ap.add_argument("--this", help="a commit to measure instead of the working tree")
    a = ap.parse_args()
    texts = sorted((ROOT / "benchmarks" / "synthetic").glob("*.txt"))[:a.synthetic]
    texts += [p for sub in ("seeds", "dev") for p in sorted((Path(a.corpus) / sub).glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        listing = tmp / "texts.txt"
        listing.write_text("".join(f"{p}\n" for p in texts), encoding="utf-8")
        site = assemble(a.rev, tmp)
        this = assemble(a.this, tmp / "this") if a.this else lay_out(ROOT, tmp / "this" / "site")
        name = a.this or "this tree"
        try:
            old, new = [], []
            for i in range(a.rounds):
                old.append(run(site, listing))
                new.append(run(this, listing))
                print(f"round {i + 1}: {a.rev} {old[-1]['mb'] / old[-1]['cpu']:.2f} MB/s, "
                      f"{name} {new[-1]['mb'] / new[-1]['cpu']:.2f} MB/s", flush=True)
            assert all(r["package"].startswith(str(site)) for r in old), "REV's package was not the one imported"
            assert all(r["package"].startswith(str(this)) for r in new), "this tree's package was not the one imported"
            ratio = sum(r["cpu"] for r in old) / sum(r["cpu"] for r in new)
            print(f"{len(texts)} texts, {new[0]['mb']:.2f} MB; speed of {name} / {a.rev}: {ratio:.2f}")
        finally:
            for t in (tmp / "tree", tmp / "this" / "tree"):
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(t)],
                               capture_output=True)


if __name__ == "__main__":
    main()
