"""Issue 20, speed of the cue scan: the shortcut gives what the code it replaced gave.

``cues.cue_table`` puts a lookahead (``cues._number_guard``) before the number of a cue that
holds one ("{n} years of implementing"): a digit or the first letter of a number word, so that
where none stands the number words are not tried one after the other. The lookahead only tests
what the first token of one of the alternatives after it tests, so the matches are the same. It is
checked here against the regex built as before (kept below as the reference), on invented texts,
random strings and ../shared/corpus (read, when present; marked and without diacritics).
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from vankien.loaders import cues
from vankien.loaders.cues import NUMBER_SLOT, _number_guard, _number_words, cue_table
from vankien.loaders.fold import alternation, one_of, strip_marks
from vankien.loaders.vocab import load_data

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _reference_regex() -> re.Pattern:
    """``cue_table().regex`` as built before the guard."""
    data = load_data("cues.toml")
    phrases = [p.replace("{n}", NUMBER_SLOT) for row in data["relation"] for p in row["phrases"]]
    number = rf"(?:\d{{1,3}}|{one_of(_number_words())})" if _number_words() else r"\d{1,3}"
    body = alternation(phrases, space=r"\s{0,3}").replace(NUMBER_SLOT, number)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _corpus() -> list[str]:
    texts = []
    for sub in ("seeds", "dev"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / sub).glob("*.txt"))]
    return texts


def _phrases() -> list[str]:
    return [p for row in load_data("cues.toml")["relation"] for p in row["phrases"]]


def _random_texts(seed: int, n: int) -> list[str]:
    """Cue phrases with their number written in figures, in words (any case, cut, glued) or
    missing, among number words, digits, spaces and punctuation."""
    rng = random.Random(seed)
    c = rng.choice
    words = _number_words() or ["one"]
    nums = ["1", "5", "10", "123", "1234", "0", "05"] + words + [w.upper() for w in words] + \
        [w.capitalize() for w in words] + [w[:2] for w in words] + [w + "s" for w in words] + ["", "x"]
    sp = ["", " ", "  ", "   ", "    ", "\n", "\t", " \n "]
    glue = [" ", "", ", ", ". ", "\n", "(", "-", "_", "a", "1", "đ"]
    phrases = _phrases()
    opening = [p[len("{n}"):].lstrip() for p in phrases if p.startswith("{n}")]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 5)):
            k = rng.random()
            if k < 0.5:
                p = c(phrases)
                p = p.replace("{n}", c(nums)) if "{n}" in p else p
                if rng.random() < 0.3:
                    p = p.upper() if rng.random() < 0.5 else strip_marks(p)
                if rng.random() < 0.2:
                    p = p.replace(" ", c(sp))
                parts.append(p)
            elif k < 0.8:
                # a phrase that opens with its number, the number as written anywhere
                parts.append(c(nums) + c(sp) + c(opening + ["years", "year", "năm", "nam", "of", ""]))
            else:
                parts.append("".join(c(nums + glue + list("téñ§")) for _ in range(rng.randint(0, 6))))
        out.append("".join(p + c(glue) for p in parts))
    return out


def _same(rx: re.Pattern, ref: re.Pattern, text: str) -> None:
    assert [(m.span(), m.group()) for m in rx.finditer(text)] == [(m.span(), m.group()) for m in ref.finditer(text)]
    # the windows find and ends_before scan
    for lo in range(0, len(text), 7):
        hi = min(len(text), lo + 60)
        assert [m.span() for m in rx.finditer(text, lo, hi)] == [m.span() for m in ref.finditer(text, lo, hi)]


def test_the_guard_is_in_the_regex():
    if not _number_words():
        pytest.skip("no number words: no guard")
    assert _number_guard(_number_words()) in cue_table().regex.pattern
    assert cue_table().regex.pattern != _reference_regex().pattern


INVENTED = [
    "Five years of implementing Resolution No. 19, twenty years of implementation of Directive 05; "
    "a 10-year review of Plan 7, fifteen-year review of it, ONE YEARS OF IMPLEMENTING, 1234 years of implementing.",
    "Sơ kết 5 năm thực hiện Nghị quyết; tổng kết 10 năm triển khai thực hiện Chỉ thị số 05; "
    "so ket 3 nam thuc hien; Tổng kết mười năm; 1năm thực hiện, 12năm thi hành.",
    "tenyears of implementing, ten  years  of\nimplementing, seven years of implementation of, "
    "sevens years of implementing, nine-year review of, eight - year review of, six years ofimplementing",
    "",
    "§ years of implementing; 1 § 2; twentyfive years of implementing; Twenty years of implementing",
]


@pytest.mark.parametrize("text", INVENTED)
def test_cue_regex_as_before_on_invented_texts(text):
    _same(cue_table().regex, _reference_regex(), text)


def test_cue_regex_as_before_on_random_texts():
    rx, ref = cue_table().regex, _reference_regex()
    for text in _random_texts(20, 400):
        _same(rx, ref, text)


def test_cue_regex_as_before_on_the_corpus():
    texts = _corpus()
    if not texts:
        pytest.skip("no corpus")
    rx, ref = cue_table().regex, _reference_regex()
    for text in texts + [strip_marks(t) for t in texts]:
        assert [(m.span(), m.group()) for m in rx.finditer(text)] == \
            [(m.span(), m.group()) for m in ref.finditer(text)]


def test_find_as_before_on_random_texts():
    """CueTable.find and ends_before read the regex: the same hits with the reference regex."""
    table = cue_table()
    ref = cues.CueTable(_reference_regex(), *[getattr(table, f) for f in table.__dataclass_fields__ if f != "regex"])
    for text in _random_texts(21, 200):
        assert table.find(text) == ref.find(text)
        for pos in range(0, len(text) + 1, 5):
            assert table.ends_before(text, pos) == ref.ends_before(text, pos)
            assert table.cites_before(text, pos) == ref.cites_before(text, pos)


@pytest.mark.parametrize("words", [
    ["one", "two", "three"],
    ["six", "sixteen", "sixty"],                  # one a prefix of another: tried in order, as before
    ["Một", "hai", "ba", "bốn", "mười", "mười lăm"],
    ["x-1", "a b", " lead", "đ"],                 # a digit, a space, a mark in a word
    ["one", "one"],
    ["ſ", "ǅ", "K"],                              # letters whose case partners lie beyond ASCII
])
def test_guard_keeps_the_matches_of_any_word_list(words):
    """The guard before ``one_of(words)`` changes no match, at any position of random strings."""
    plain = one_of(words)
    rx = re.compile(rf"(?:\d{{1,3}}|{plain})")
    guarded = re.compile(rf"{_number_guard(words)}(?:\d{{1,3}}|{plain})")
    rng = random.Random(len(words))
    pieces = words + [w.upper() for w in words] + [strip_marks(w) for w in words] + \
        list("0123 \n\t-ab.đĐÔ") + ["  ", "12", "x"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for pos in range(len(text) + 1):
            a, b = rx.match(text, pos), guarded.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (words, text, pos)


def test_an_empty_word_leaves_no_guard():
    assert _number_guard(["one", ""]) == ""
