"""Extraction quality on the shared corpus (seeds + dev) against its gold annotations.

Floors from the issue: reference F1 >= 0.97, date accuracy >= 0.95.
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import quality  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module")
def score():
    if not (CORPUS / "gold").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return quality.evaluate(CORPUS)


def test_reference_f1_floor(score):
    assert score.files >= 30
    assert score.f1 >= 0.97, "\n".join(score.misses)


def test_date_accuracy_floor(score):
    assert score.dates_judged >= 30
    assert score.date_accuracy >= 0.95, "\n".join(score.misses)


def test_scorer_counts_misses_and_extras():
    s = quality.Score()
    gold = {"documents": [{"key": "25-NQ/TW", "date": "2013-06-03"}, {"key": "43-KL/TW", "date": None}]}
    pred = {"documents": [{"key": "025 - nq/T.Ư", "date": "2013-06-03"}, {"key": "94-KH/TU", "date": None}]}
    quality.score_record(s, "t", pred, gold)
    assert (s.tp, s.predicted, s.gold) == (1, 2, 2)
    assert s.f1 == pytest.approx(0.5)
    assert s.date_accuracy == 1.0
