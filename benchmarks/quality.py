#!/usr/bin/env python3
"""Extraction quality against hand annotations (../shared/corpus/gold), on a tuned and a held-out part.

    python benchmarks/quality.py [CORPUS_DIR] [--verbose] [--json] [--keep FILE]

Extracts every text of seeds/ and dev/ exactly as `vankien extract` does (same readers, same
record), then scores the output with the corpus's own scorer, ``../shared/tools/score.py``, the one
that scores the texts vankien has never seen, once per part of the corpus:

- ``all``: every annotated text;
- ``tuned``: the texts rules may be written against (quality_splits.toml): the first 35 annotated
  texts, and every text of the tuning half;
- ``held_out``: every other annotated text: the figure to trust, and the one the test floors use;
- ``half_a`` / ``half_b``: a fixed split of the whole corpus by a hash of the file name; the tuning
  half (half_a) is looked at, the other one only scored.

``--verbose`` lists the misses of the tuned texts only, so that a rule is never written by looking
at a held-out text; ``--show-held-out`` lists theirs too (for a closing look, not for tuning).

Metrics (see score.py): reference F1, date accuracy, scope accuracy, relations between numbered
documents (unlabelled / labelled), relations with un-numbered documents too (relAll), assignments
(document, organisation) with role and deadline accuracy.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vankien.loaders.extract import extract_source  # noqa: E402
from vankien.loaders.readers import read_paths  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SPLITS_FILE = Path(__file__).with_name("quality_splits.toml")
PARTS = ("all", "tuned", "held_out", "half_a", "half_b")
# (score.py key, column title) in the order printed
METRICS = (("ref_f1", "refF1"), ("date_acc", "date"), ("scope_acc", "scope"), ("rel_f1", "relF1"),
           ("rel_labeled_f1", "relLab"), ("rel_all_f1", "relAll"), ("rel_all_labeled_f1", "relAllLab"),
           ("asg_p", "asgP"), ("asg_r", "asgR"), ("asg_f1", "asgF1"), ("role_acc", "role"),
           ("deadline_acc", "deadline"))


def scorer_path(corpus: Path) -> Path:
    """The corpus's scorer: tools/score.py beside the corpus folder."""
    return corpus.parent / "tools" / "score.py"


def annotated_texts(corpus: Path) -> list[Path]:
    """Every text of seeds/ and dev/ that has a gold annotation, in name order."""
    gold = corpus / "gold"
    return [p for sub in ("seeds", "dev") for p in sorted((corpus / sub).glob("*.txt"))
            if (gold / (p.stem + ".json")).exists()]


def half(name: str) -> str:
    """half_a or half_b, fixed for a file name (independent of the corpus's order or size)."""
    return "half_b" if hashlib.sha1(name.encode()).digest()[0] & 1 else "half_a"


def parts(names: list[str]) -> dict[str, list[str]]:
    """The names in each part of the corpus."""
    splits = tomllib.loads(SPLITS_FILE.read_text(encoding="utf-8"))["tuned"]
    tuned = set(splits["texts"]) | {n for n in names if half(n) == splits["half"]}
    return {"all": names,
            "tuned": [n for n in names if n in tuned],
            "held_out": [n for n in names if n not in tuned],
            "half_a": [n for n in names if half(n) == "half_a"],
            "half_b": [n for n in names if half(n) == "half_b"]}


def extract_all(texts: list[Path], out: Path) -> None:
    """`vankien extract TEXTS -o OUT`, in this process."""
    with out.open("w", encoding="utf-8") as f:
        for src in read_paths([str(t) for t in texts]):
            f.write(json.dumps(extract_source(src), ensure_ascii=False) + "\n")


def score(pred: Path, corpus: Path, names: list[str], verbose: bool = False) -> tuple[dict, str]:
    """score.py's figures for NAMES (and its list of misses when verbose)."""
    cmd = [sys.executable, str(scorer_path(corpus)), str(pred), str(corpus / "gold"),
           "--names", ",".join(names), "--json"] + (["--verbose"] if verbose else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()
    return json.loads(out[-1]), "\n".join(out[:-1])


def evaluate(corpus: Path = DEFAULT_CORPUS, keep: Path | None = None,
             verbose: str | None = None) -> tuple[dict[str, dict], str]:
    """Figures per part of the corpus ({part: score.py's dict}) and the misses of the part named by
    ``verbose`` (none when None)."""
    texts = annotated_texts(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        pred = keep or Path(tmp) / "extract.jsonl"
        extract_all(texts, pred)
        figures = {}
        misses = ""
        for part, names in parts([t.stem for t in texts]).items():
            figures[part], m = score(pred, corpus, names, verbose == part)
            misses = misses or m
    return figures, misses


def table(figures: dict[str, dict]) -> str:
    fmt = lambda x: "  n/a" if x is None else f"{x:.3f}"  # noqa: E731
    head = ["part", "files"] + [t for _, t in METRICS]
    rows = [[p, str(f["files"])] + [fmt(f[k]) for k, _ in METRICS] for p, f in figures.items()]
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    return "\n".join("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
                     for r in [head] + rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--verbose", action="store_true", help="list score.py's misses on the tuned texts")
    ap.add_argument("--show-held-out", action="store_true",
                    help="with --verbose, list the misses of every text, held-out ones too (not for tuning)")
    ap.add_argument("--json", action="store_true", help="print {part: figures} as JSON")
    ap.add_argument("--keep", type=Path, metavar="FILE", help="keep the extraction output in FILE")
    a = ap.parse_args(argv)
    if not (a.corpus / "gold").is_dir() or not scorer_path(a.corpus).is_file():
        print(f"no gold annotations or no tools/score.py beside {a.corpus}", file=sys.stderr)
        return 2
    shown = ("all" if a.show_held_out else "tuned") if a.verbose else None
    figures, misses = evaluate(a.corpus, a.keep, shown)
    if misses:
        print(misses)
    print(json.dumps(figures) if a.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
