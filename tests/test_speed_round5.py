"""Speed round 5 (issue 20): a faster way of matching, checked against the way it replaced.

Each step keeps the extraction's output byte-identical (benchmarks/identical.py); the test compares the
new matching with the old one on the corpus, its rewritten forms and invented texts."""
from __future__ import annotations

import random
import re

from vankien.loaders.vocab import load_data

from corpus_texts import corpus_texts  # noqa: E402


def _rewritten_corpus() -> list[str]:
    texts = list(corpus_texts())
    return texts + ["\n".join(" ".join(p.split("\n")) for p in t.split("\n\n")) for t in texts[:60]] \
        + [t.replace("\n", "\n\n") for t in texts[:40]]


# --- scopes: the unit words as a trie -------------------------------------------------------------

def test_unit_words_trie_matches_as_their_list():
    """``named_re`` and ``letterhead_re`` with the unit words as a trie (fold.alternation) find what
    they found with the words tried in turn (fold.one_of, longest first)."""
    from vankien.loaders import scope as sc
    from vankien.loaders.fold import alternation, one_of, strip_marks
    head = load_data("sites.toml")["letterhead"]
    words = sorted({u for key in ("grassroots_units", "district_units", "provincial_units") for u in head[key]},
                   key=len, reverse=True)
    t = sc._tables()
    trie, listed = alternation(words, space=r"[ \t]{1,2}"), one_of(words, space=r"[ \t]{1,2}")
    assert trie in t.named_re.pattern and trie in t.letterhead_re.pattern
    old_named = re.compile(t.named_re.pattern.replace(trie, listed))
    old_head = re.compile(t.letterhead_re.pattern.replace(trie, listed), t.letterhead_re.flags)
    rng = random.Random(14)
    units = words + [w.upper() for w in words] + [strip_marks(w) for w in words] + ["thị  xã", "thành\tphố"]
    places = ["Phú Lộc", "Hòa An", "5", "12", "Kim Tân", "mới", "HÀ NỘI", "Lạng Sơn", "và"]
    bodies = ["Đảng ủy", "Huyện ủy", "Thành ủy", "ĐẢNG ỦY", "Ban Thường vụ Huyện ủy", "Quận ủy"]
    invented = [" ".join(rng.choice([*units, *places, *bodies, ",", "\n", "-"]) for _ in range(rng.randint(1, 40)))
                for _ in range(500)]
    for text in _rewritten_corpus() + [strip_marks(x) for x in list(corpus_texts())[:40]] + invented:
        assert [(m.span(), m.groupdict()) for m in t.named_re.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in old_named.finditer(text)]
        for line in text.split("\n")[:60]:
            a, b = t.letterhead_re.search(line), old_head.search(line)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
