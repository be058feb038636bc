#!/usr/bin/env python3
"""Extraction quality against hand annotations (../shared/corpus/gold).

    python benchmarks/quality.py [CORPUS_DIR] [--verbose] [--json]

Runs the extractor on every text that has a gold file (seeds/ and dev/), and prints reference
precision / recall / F1 (documents with a number, compared by normalised key) and date
accuracy (documents found whose gold date is a full ISO date). Key normalisation follows
corpus/GUIDELINES.md: NFC, dashes unified, spaces removed, case folded, T.Ư -> TW, no leading
zeros.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.extract import extract_text  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
_DASHES = dict.fromkeys(map(ord, "–—−‐‑"), "-")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def norm_key(key: str | None) -> str | None:
    if not key:
        return None
    k = unicodedata.normalize("NFC", key).translate(_DASHES)
    k = re.sub(r"\s+", "", k).casefold().replace("t.ư", "tw")
    m = re.match(r"^0*(\d+)(.*)$", k)
    return m.group(1) + m.group(2) if m else k


@dataclass
class Score:
    files: int = 0
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    dates_right: int = 0
    dates_judged: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float | None:
        return self.dates_right / self.dates_judged if self.dates_judged else None

    def as_dict(self) -> dict:
        return {"files": self.files, "ref_p": self.precision, "ref_r": self.recall, "ref_f1": self.f1,
                "date_acc": self.date_accuracy}


def texts_with_gold(corpus: Path):
    gold = corpus / "gold"
    for sub in ("seeds", "dev"):
        for path in sorted((corpus / sub).glob("*.txt")):
            g = gold / (path.stem + ".json")
            if g.exists():
                yield path, json.loads(g.read_text(encoding="utf-8"))


def score_record(score: Score, name: str, pred: dict, gold: dict) -> None:
    score.files += 1
    gk = {norm_key(d.get("key")) for d in gold["documents"] if d.get("key")}
    pdocs = {norm_key(d["key"]): d for d in pred["documents"] if d.get("key")}
    pk = set(pdocs)
    score.tp += len(gk & pk)
    score.predicted += len(pk)
    score.gold += len(gk)
    if gk ^ pk:
        score.misses.append(f"{name}: missed {sorted(gk - pk)} extra {sorted(pk - gk)}")
    for d in gold["documents"]:
        k, gd = norm_key(d.get("key")), d.get("date")
        if k and gd and ISO_DATE.fullmatch(gd) and k in pdocs:
            score.dates_judged += 1
            if pdocs[k].get("date") == gd:
                score.dates_right += 1
            else:
                score.misses.append(f"{name}: {k} date {pdocs[k].get('date')} != {gd}")


def evaluate(corpus: Path = DEFAULT_CORPUS) -> Score:
    score = Score()
    for path, gold in texts_with_gold(corpus):
        pred = extract_text(path.read_text(encoding="utf-8"), source=str(path))
        score_record(score, path.stem, pred, gold)
    return score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--verbose", action="store_true", help="list every missed or extra key and wrong date")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    if not (a.corpus / "gold").is_dir():
        print(f"no gold annotations under {a.corpus}", file=sys.stderr)
        return 2
    s = evaluate(a.corpus)
    if a.verbose:
        print("\n".join(s.misses) or "no misses")
    if a.json:
        print(json.dumps(s.as_dict()))
    else:
        da = "n/a" if s.date_accuracy is None else f"{s.date_accuracy:.3f}"
        print(f"files={s.files} reference P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
              f"date accuracy={da} ({s.dates_right}/{s.dates_judged})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
