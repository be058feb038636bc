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
    assert (s.refs.tp, s.refs.predicted, s.refs.gold) == (1, 2, 2)
    assert s.f1 == pytest.approx(0.5)
    assert s.date_accuracy == 1.0


# Floors for relations and assignments (issue 3).

def test_relation_f1_floor(score):
    assert score.relations.gold >= 15
    assert score.relations.f1 >= 0.85, "\n".join(m for m in score.misses if "relation" in m)


def test_labelled_relation_f1_floor(score):
    assert score.labelled.f1 >= 0.75, "\n".join(m for m in score.misses if "relation" in m)


def test_assignment_f1_floor(score):
    assert score.assignments.gold >= 40
    assert score.assignments.f1 >= 0.75, "\n".join(m for m in score.misses if "assignment" in m)
    assert score.role_accuracy >= 0.8


def test_scorer_relations_only_between_numbered_documents():
    s = quality.Score()
    gold = {"documents": [{"key": "94-KH/TU"}, {"key": "25-NQ/TW"}, {"key": "43-KL/TW"}],
            "relations": [{"source": "94-KH/TU", "type": "REVIEWS", "target": "25-NQ/TW"},
                          {"source": "43-KL/TW", "type": "FOLLOWS_UP_ON", "target": "25-NQ/TW"},
                          {"source": "94-KH/TU", "type": "BASED_ON", "target": "Điều lệ Đảng"}],
            "assignments": []}
    pred = {"documents": [{"key": "94-KH/TU"}, {"key": "25-NQ/TW"}, {"key": "43-KL/TW"}],
            "relations": [{"source": "94-KH/TU", "type": "IMPLEMENTS", "target": "25-NQ/TW"},
                          {"source": "94-KH/TU", "type": "RELATES_TO", "target": "43-KL/TW"}],
            "assignments": []}
    quality.score_record(s, "t", pred, gold)
    # the descriptor target is not scored; one pair right, one wrong type, one extra
    assert (s.relations.tp, s.relations.predicted, s.relations.gold) == (1, 2, 2)
    assert (s.labelled.tp, s.labelled.predicted, s.labelled.gold) == (0, 2, 2)


def test_scorer_matches_organisations_by_their_words():
    s = quality.Score()
    gold = {"documents": [], "relations": [], "assignments": [
        {"document": "15-KH/TU", "organization": "Cấp huyện và tương đương", "role": "execute", "deadline": "2021-05-15"},
        {"document": "15-KH/TU", "organization": "Ban Dân vận Tỉnh ủy", "role": "lead", "deadline": None}]}
    pred = {"documents": [], "relations": [], "assignments": [
        {"document": "15-KH/TU", "organization": "Cấp huyện", "role": "execute", "deadline": "2021-05-15"},
        {"document": "15-KH/TU", "organization": "Ban Dân vận Tỉnh uỷ", "role": "coordinate", "deadline": None},
        {"document": "15-KH/TU", "organization": "Sở Tư pháp", "role": "execute", "deadline": None}]}
    quality.score_record(s, "t", pred, gold)
    assert (s.assignments.tp, s.assignments.predicted, s.assignments.gold) == (2, 3, 2)
    assert s.role_accuracy == 0.5 and s.deadline_accuracy == 1.0
