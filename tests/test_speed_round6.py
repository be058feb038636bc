"""Speed round 6: each shortcut gives what the code it replaced gave.

``fold.word_start`` and ``fold.exact_trie`` write the start of a word before a vocabulary as ``\\b``
where every phrase opens with a word character, instead of ``(?<!\\w)``: the patterns built so (the
organisation vocabulary, the assignment and relation cues, the type words, the letterhead's local
bodies) are checked here against the same patterns built the old way, kept below as the reference,
on ../shared/corpus (read, when present), its text without diacritics and invented texts: every match
of a scan, and a match and a search from positions inside the text, bounded on both sides.

The number of a relation cue ("{n} years of implementing") is written ``\\d\\d{0,2}`` and the number
words under their first letters (``fold.one_of_by_first_letter``): checked against ``\\d{1,3}`` and
``fold.one_of``, in the cue table and on any word list.
"""
from __future__ import annotations

import random
import re

import pytest

from vankien.loaders import assignments, cues, fold, organizations, patterns, scope
from vankien.loaders.cues import NUMBER_SLOT, _number_guard, _number_words
from vankien.loaders.fold import alternation, one_of, strip_marks
from vankien.loaders.vocab import UNMARKED, load_data

from corpus_texts import assert_same_matches, compiled_patterns, corpus_and_invented, invented_texts  # noqa: E402


# --- the previous code -------------------------------------------------------------------------
def _exact_trie_reference(phrases) -> str:
    """``fold.exact_trie`` before: the start of a word always written ``(?<!\\w)``."""
    trie: dict = {}
    for p in {p.casefold() for p in phrases}:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie or "" in trie:
        return fold.exact_alternation(phrases)
    return r"(?:(?<!\w)(?:" + fold._emit_exact(trie) + r")(?!\w))"


def _word_start_reference(phrases) -> str:
    return r"(?<!\w)"


def _cue_regex_reference() -> re.Pattern:
    """``cues.cue_table().regex`` before: the number ``\\d{1,3}`` or ``one_of`` the number words."""
    data = load_data("cues.toml")
    phrases = [p.replace("{n}", NUMBER_SLOT) for row in data["relation"] for p in row["phrases"]]
    words = _number_words()
    number = rf"{_number_guard(words)}(?:\d{{1,3}}|{one_of(words)})" if words else r"\d{1,3}"
    body = alternation(phrases, space=r"\s{0,3}").replace(NUMBER_SLOT, number)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _reference_builders(monkeypatch) -> None:
    """The modules build their patterns with the previous spelling of a word's start."""
    monkeypatch.setattr(organizations, "exact_trie", _exact_trie_reference)
    for module in (assignments, cues, patterns, scope):
        monkeypatch.setattr(module, "word_start", _word_start_reference)


# --- texts ---------------------------------------------------------------------------------------
_WORDS = ["giao", "Giao", "cho", "phối hợp với", "yêu cầu", "Ban", "Tuyên giáo", "Tỉnh ủy", "Nghị quyết",
          "số", "15-NQ/TW", "căn cứ", "Căn cứ", "thực hiện", "ban hành", "huyện", "xã", "Đảng ủy", "chủ trì",
          "các", "cơ quan", "5", "năm", "five", "years", "of", "implementing", "_", "x", "2023"]
_GLUE = [" ", " ", " ", ", ", "; ", "\n", "-", "_", "", "(", ")", ".", "\t", "  "]


def _invented(n: int, seed: int) -> list[str]:
    """Sentences of vocabulary words, glued with spaces, punctuation, nothing or a word character."""
    return invented_texts(_WORDS, _GLUE, lambda w: [w, w.upper(), strip_marks(w), w.capitalize()], n, seed)


def _texts(unmarked: bool) -> list[str]:
    return corpus_and_invented(unmarked, lambda n, u: _invented(n, 6 + u))


_same = assert_same_matches      # the same matches: a scan of each text, and from positions in it


_vocab_patterns = compiled_patterns      # the compiled patterns of a vocabulary, by field name


# --- the tests -------------------------------------------------------------------------------------
@pytest.mark.parametrize("unmarked", [False, True])
def test_organisation_patterns_match_as_before(unmarked, monkeypatch):
    token = UNMARKED.set(unmarked)      # (a text without diacritics is read with patterns of its own)
    try:
        new = _vocab_patterns(organizations._org_vocab.__wrapped__(unmarked))
        _reference_builders(monkeypatch)
        old = _vocab_patterns(organizations._org_vocab.__wrapped__(unmarked))
    finally:
        UNMARKED.reset(token)
    assert new.keys() == old.keys()
    assert any(new[k].pattern != old[k].pattern for k in new)     # the shortcut is in use
    texts = _texts(unmarked)
    for name in new:
        _same(new[name], old[name], texts)


@pytest.mark.parametrize("unmarked", [False, True])
def test_scans_match_as_before(unmarked, monkeypatch):
    """The assignment cues, the type words, the relation cues and the letterhead's bodies and units."""
    token = UNMARKED.set(unmarked)
    try:
        def built() -> dict[str, re.Pattern]:
            t = scope._tables.__wrapped__()
            return {"assignment cues": assignments._cue_tables.__wrapped__(unmarked)[0],
                    "type words": patterns._type_word_re.__wrapped__(unmarked),
                    "relation cues": cues.cue_table.__wrapped__().regex,
                    "named": t.named_re, "letterhead": t.letterhead_re}
        new = built()
        _reference_builders(monkeypatch)
        old = built() | {"relation cues": _cue_regex_reference()}
    finally:
        UNMARKED.reset(token)
    for name in new:
        assert new[name].pattern.startswith(r"\b") and old[name].pattern.startswith(r"(?<!\w)"), name
        _same(new[name], old[name], _texts(unmarked))


def test_exact_trie_as_before():
    phrases = ["giao", "giao cho", "Phối hợp", "5 năm", "_x", "ý kiến", "\u212a", "ß"]
    texts = _invented(300, 61) + ["Kế hoạch giao cho 5 năm _x ý kiến", "ẞ ß SS \u212a k K"]
    for some in (phrases, phrases[:3], ["(qua", "giao"], ["-", "giao"], [" giao"]):
        new, old = re.compile(fold.exact_trie(some)), re.compile(_exact_trie_reference(some))
        _same(new, old, texts, seed=len(some))


def test_word_start_only_before_word_characters():
    assert fold.word_start(["giao", "Đảng", "5 năm", "ủy"]) == r"\b"
    for phrases in (["(qua", "giao"], [" giao"], ["-", "giao"], ["", "giao"], ["§ năm"]):
        assert fold.word_start(phrases) == r"(?<!\w)", phrases
    assert fold.exact_trie(["giao", "cho"]).startswith(r"(?:\b")
    assert fold.exact_trie(["(qua", "giao"]).startswith(r"(?:(?<!\w)")


@pytest.mark.parametrize("words", [
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "fifteen", "twenty"],
    ["six", "sixteen", "sixty", "seven", "s"],           # one a prefix of another: tried in order, as before
    ["một", "hai", "ba", "bốn", "mười", "mười lăm", "Mười hai"],
    ["ſ", "ǅ", "K", "k"],                                 # letters whose case partners lie beyond ASCII
    ["x-1", "a b", "đ"],
    ["1st", "one"], [" lead", "one"], ["-", "one"],       # no letter first: one_of as it is
])
def test_one_of_by_first_letter_as_one_of(words):
    """At every position of random strings, with or without a number in figures before."""
    rng = random.Random(len(words))
    pieces = words + [w.upper() for w in words] + [strip_marks(w) for w in words] + [w[:2] for w in words] + \
        list("0123 \n\t-ab.đĐÔ") + ["  ", "12", "x"]
    for new, old in ((fold.one_of_by_first_letter(words), one_of(words)),
                     (rf"(?:\d\d{{0,2}}|{fold.one_of_by_first_letter(words)})", rf"(?:\d{{1,3}}|{one_of(words)})")):
        new, old = re.compile(new), re.compile(old)
        for _ in range(300):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
            for pos in range(len(text) + 1):
                a, b = new.match(text, pos), old.match(text, pos)
                assert (a and a.span()) == (b and b.span()), (words, text, pos)


def _first_free_reference(phrases) -> str:
    """``fold.first_cased_one_of`` as ``organizations._not_cue_re`` wrote it before."""
    return "(?:" + "|".join(f"(?i:{re.escape(p[0])}){re.escape(p[1:])}" for p in phrases) + ")"


@pytest.mark.parametrize("unmarked", [False, True])
def test_not_cue_re_as_before(unmarked):
    """The words that open with a cue but are other words, at every word start of the texts."""
    from vankien.loaders.vocab import load_unmarked
    phrases = (load_unmarked if unmarked else load_data)("cues.toml")["not_assignment"]["phrases"]
    new = organizations._not_cue_re.__wrapped__(unmarked)
    old = re.compile(_first_free_reference(phrases) + r"(?!\w)")
    assert new.pattern != old.pattern
    for text in _texts(unmarked):
        for m in re.finditer(r"\b\w", text):
            a, b = new.match(text, m.start()), old.match(text, m.start())
            assert (a and a.span()) == (b and b.span())


@pytest.mark.parametrize("phrases", [
    ["giao ban", "Giao thông", "cán bộ", "giao", "Cán sự", "giao lưu"],
    ["ủy ban", "Ủy viên", "đảng", "Đảng bộ", "x"],
    ["kết", "\u212aết", "ſo", "so"],               # letters whose case partners lie beyond ASCII
    ["1 năm", "-x", " giao", "(qua"],
])
def test_first_cased_one_of_as_before(phrases):
    rng = random.Random(len(phrases))
    pieces = phrases + [p.upper() for p in phrases] + [p.capitalize() for p in phrases] + [p[:3] for p in phrases] + \
        list(" \n-ab.đĐÔkK") + ["\u212a", "ſ", "S"]
    new, old = re.compile(fold.first_cased_one_of(phrases)), re.compile(_first_free_reference(phrases))
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for pos in range(len(text) + 1):
            a, b = new.match(text, pos), old.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (phrases, text, pos)


# --- a match spared where the character at hand starts none ---------------------------------------
def test_first_characters_start_every_match():
    """``fold.first_characters``: where ``text[pos]`` is not one of them, ``match`` at ``pos`` finds
    nothing; for the patterns whose matches are spared so, and for patterns of every shape."""
    v = organizations.org_vocab()
    shapes = [r"a?b", r"(?<!x)[cd]e", r"(?i:k)x", r"\d+", r"a|", r"[^a]b", r"(?:ab|cd)?e", r"\bfoo|bar",
              r"(?:x|(?=y))z", r"[A-Zđ]{2}", r"(?:)", r"(?<=a)b", r"ß|ss", r"\u212a"]
    patterns_ = [v.body_end_re, v.compound_re, organizations._not_cue_re(True)] + \
        [d.regex for d in patterns.descriptors()] + [re.compile(s) for s in shapes] + [re.compile("k", re.I)]
    texts = _texts(False)[::3] + _texts(True)[::5] + ["ab cde xz kx Kx \u212ax yz 12 ss ß foo bar đĐAB", ""]
    known = 0
    for rx in patterns_:
        first = fold.first_characters(rx)
        if first is None:
            continue
        known += 1
        for text in texts:
            for pos in range(len(text) + 1):
                if text[pos:pos + 1] not in first:
                    assert rx.match(text, pos) is None, (rx.pattern[:60], text[pos:pos + 20])
    assert known >= 10
    assert fold.first_characters(v.body_end_re) and fold.first_characters(re.compile("a|")) is None
    assert fold.first_characters(re.compile("k", re.I)) is None


def _cue_hits_reference(text, rx, table, not_cue, v) -> list[re.Match]:
    """``assignments._cue_hits`` before: the match of the words that open with a cue at every hit."""
    embedded = assignments._in_heads()
    hits = []
    for h in rx.finditer(text):
        phrase = assignments._phrase_of(h.group())
        cue = table.get(phrase)
        if cue is not None and not (cue.lower and not h.group()[:1].islower()) and not not_cue.match(text, h.start()) \
                and not (phrase in embedded and organizations.in_head(text, h.start(), v)):
            hits.append(h)
    return hits


@pytest.mark.parametrize("unmarked", [False, True])
def test_cue_hits_as_before(unmarked):
    token = UNMARKED.set(unmarked)
    try:
        rx, table, _, not_cue = assignments._cues()
        v = organizations.org_vocab()
        for text in _texts(unmarked) + ["Giao ban, giao thông; giao Ban Tuyên giáo, cán bộ, Cán sự, cho các cơ quan"]:
            assert [h.span() for h in assignments._cue_hits(text, rx, table, not_cue, v)] == \
                [h.span() for h in _cue_hits_reference(text, rx, table, not_cue, v)]
    finally:
        UNMARKED.reset(token)


def test_a_digit_is_what_isdecimal_tests():
    """``mentions.find_mentions`` asks ``_CUT_CODE_RE`` (it opens with ``\\d``) only where
    ``str.isdecimal`` holds: the two agree on every code point."""
    digit = re.compile(r"\d")
    for cp in range(0x110000):
        ch = chr(cp)
        assert (digit.match(ch) is not None) == ch.isdecimal(), hex(cp)
    from vankien.loaders import mentions
    assert mentions._CUT_CODE_RE.pattern.startswith(r"(?P<num>\d{1,4})")
