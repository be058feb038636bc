"""benchmarks/robustness.py: each rewriting changes the form of a text, never its words."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import robustness  # noqa: E402

from vankien.loaders.fold import fold  # noqa: E402

TEXT = ("TỈNH ỦY LẠNG SƠN\n*\nSố 94-KH/TU\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia\n\nCác huyện ủy, thành ủy báo cáo "
        "kết quả về Ban Thường vụ Tỉnh ủy trước ngày 30/6/2025.\n")


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "src"
    for sub in ("seeds", "dev", "gold"):
        (root / "corpus" / sub).mkdir(parents=True)
    (root / "tools").mkdir()
    (root / "tools" / "score.py").write_text("")
    (root / "corpus" / "dev" / "t1.txt").write_text(TEXT * 20, encoding="utf-8")
    gold = {"documents": [], "relations": [], "assignments": [{"document": "94-KH/TU", "organization": "Các huyện ủy"}]}
    (root / "corpus" / "gold" / "t1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return root / "corpus"


@pytest.mark.parametrize("name", list(robustness.REWRITINGS))
def test_a_rewriting_keeps_the_words_and_the_annotations(corpus, tmp_path, name):
    into = tmp_path / name.replace(" ", "_")
    into.mkdir()
    out = robustness.rewrite_corpus(corpus, into, robustness.REWRITINGS[name], name in robustness.REWRITE_GOLD_NAMES)
    written = (out / "dev" / "t1.txt").read_text(encoding="utf-8")
    words = [w for w in fold(written).split() if not w.isdigit()]
    assert words == [w for w in fold(TEXT * 20).split() if not w.isdigit()]
    gold = json.loads((out / "gold" / "t1.json").read_text(encoding="utf-8"))
    expected = "Các huyện ủy"
    if name in robustness.REWRITE_GOLD_NAMES:
        expected = robustness.REWRITINGS[name](expected)        # "Cac huyen uy", "Các huyện uỷ"
        assert expected != "Các huyện ủy"
    assert gold["assignments"][0]["organization"] == expected
    assert (into / "tools" / "score.py").exists()
