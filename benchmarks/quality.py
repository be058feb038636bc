#!/usr/bin/env python3
"""Extraction quality against hand annotations (../shared/corpus/gold).

    python benchmarks/quality.py [CORPUS_DIR] [--verbose] [--json]

Runs the extractor on every text that has a gold file (seeds/ and dev/), and prints:
- references: precision / recall / F1 of the numbered documents, by normalised key, and date
  accuracy (documents found whose gold date is a full ISO date);
- relations between numbered documents: unlabelled (source, target) and labelled
  (source, type, target) precision / recall / F1;
- assignments: (document, organisation) precision / recall / F1 — organisations match when
  one name's words are all in the other's or 60 % of their words are shared — and, among
  the matched ones, role accuracy and deadline accuracy.
Key normalisation follows corpus/GUIDELINES.md: NFC, dashes unified, spaces removed, case
folded, T.Ư -> TW, no leading zeros.
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
class Counts:
    """Precision / recall / F1 from true positives, predictions and gold items."""
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

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

    def as_dict(self, prefix: str) -> dict:
        return {f"{prefix}_p": self.precision, f"{prefix}_r": self.recall, f"{prefix}_f1": self.f1}


def _ratio(right: int, judged: int) -> float | None:
    return right / judged if judged else None


@dataclass
class Score:
    files: int = 0
    refs: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)         # unlabelled: (source, target)
    labelled: Counts = field(default_factory=Counts)          # (source, type, target)
    assignments: Counts = field(default_factory=Counts)       # (document, organisation)
    dates_right: int = 0
    dates_judged: int = 0
    roles_right: int = 0
    deadlines_right: int = 0
    misses: list[str] = field(default_factory=list)

    # reference quality, as before
    @property
    def precision(self) -> float:
        return self.refs.precision

    @property
    def recall(self) -> float:
        return self.refs.recall

    @property
    def f1(self) -> float:
        return self.refs.f1

    @property
    def date_accuracy(self) -> float | None:
        return _ratio(self.dates_right, self.dates_judged)

    @property
    def role_accuracy(self) -> float | None:
        """Among assignments matched to gold, the share with the gold role."""
        return _ratio(self.roles_right, self.assignments.tp)

    @property
    def deadline_accuracy(self) -> float | None:
        """Among assignments matched to gold, the share with the gold deadline (or none)."""
        return _ratio(self.deadlines_right, self.assignments.tp)

    def as_dict(self) -> dict:
        return {"files": self.files, **self.refs.as_dict("ref"), "date_acc": self.date_accuracy,
                **self.relations.as_dict("rel"), **self.labelled.as_dict("rel_labelled"),
                **self.assignments.as_dict("asg"), "role_acc": self.role_accuracy,
                "deadline_acc": self.deadline_accuracy}


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
    score.refs.add(len(gk & pk), len(pk), len(gk))
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
    _score_relations(score, name, pred.get("relations", []), gold.get("relations", []), gk, pk)
    _score_assignments(score, name, pred.get("assignments", []), gold.get("assignments", []))


def _relation_set(rels: list[dict], keys: set) -> set[tuple]:
    """Relations between numbered documents, by normalised key: (source, type, target)."""
    out = set()
    for r in rels:
        s, t = norm_key(r.get("source")), norm_key(r.get("target"))
        if s and t and s != t and s in keys and t in keys:
            out.add((s, r.get("type"), t))
    return out


def _score_relations(score: Score, name: str, pred: list[dict], gold: list[dict], gk: set, pk: set) -> None:
    g = _relation_set(gold, gk)
    p = _relation_set(pred, gk | pk)
    gu, pu = {(s, t) for s, _, t in g}, {(s, t) for s, _, t in p}
    score.relations.add(len(gu & pu), len(pu), len(gu))
    score.labelled.add(len(g & p), len(p), len(g))
    if g ^ p:
        score.misses.append(f"{name}: relations missed {sorted(g - p)} extra {sorted(p - g)}")


def org_words(name: str | None) -> set[str]:
    s = unicodedata.normalize("NFC", name or "").casefold().replace("uỷ", "ủy")
    return {w for w in re.sub(r"[^\w\s]", " ", s).split() if w not in {"các", "của", "và"}}


def same_org(a: str | None, b: str | None) -> bool:
    """One name's words inside the other's, or at least 60 % of their words shared."""
    wa, wb = org_words(a), org_words(b)
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa or len(wa & wb) / len(wa | wb) >= 0.6


def _score_assignments(score: Score, name: str, pred: list[dict], gold: list[dict]) -> None:
    preds = [a for a in pred if norm_key(a.get("document"))]
    golds = [a for a in gold if norm_key(a.get("document"))]
    used: set[int] = set()
    tp = 0
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and norm_key(p["document"]) == norm_key(g["document"]) and same_org(
                    p.get("organization"), g.get("organization")):
                used.add(i)
                tp += 1
                score.roles_right += p.get("role") == g.get("role")
                score.deadlines_right += p.get("deadline") == g.get("deadline")
                break
        else:
            score.misses.append(f"{name}: assignment missed {g.get('organization')!r} ({g.get('role')})")
    for i, p in enumerate(preds):
        if i not in used:
            score.misses.append(f"{name}: assignment extra {p.get('organization')!r} ({p.get('role')})")
    score.assignments.add(tp, len(preds), len(golds))


def evaluate(corpus: Path = DEFAULT_CORPUS) -> Score:
    score = Score()
    for path, gold in texts_with_gold(corpus):
        pred = extract_text(path.read_text(encoding="utf-8"), source=str(path))
        score_record(score, path.stem, pred, gold)
    return score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--verbose", action="store_true", help="list every missed or extra key, wrong date, relation and assignment")
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
        fmt = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
        prf = lambda c: f"P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}"  # noqa: E731
        print(f"files={s.files}\n"
              f"references   {prf(s.refs)}  date accuracy={fmt(s.date_accuracy)} ({s.dates_right}/{s.dates_judged})\n"
              f"relations    {prf(s.relations)}  (source, target)\n"
              f"  labelled   {prf(s.labelled)}  (source, type, target)\n"
              f"assignments  {prf(s.assignments)}  role accuracy={fmt(s.role_accuracy)} "
              f"deadline accuracy={fmt(s.deadline_accuracy)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
