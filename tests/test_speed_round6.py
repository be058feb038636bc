"""Speed round 6: each shortcut gives what the code it replaced gave.

``fold.word_start`` and ``fold.exact_trie`` write the start of a word before a vocabulary as ``\\b``
where every phrase opens with a word character, instead of ``(?<!\\w)``: the patterns built so (the
organisation vocabulary, the assignment and relation cues, the type words, the letterhead's local
bodies) are checked here against the same patterns built the old way, kept below as the reference,
on ../shared/corpus (read, when present), its text without diacritics and invented texts: every match
of a scan, and a match and a search from positions inside the text, bounded on both sides.
"""
from __future__ import annotations

import dataclasses
import random
import re

import pytest

from vankien.loaders import assignments, cues, fold, organizations, patterns, scope
from vankien.loaders.fold import strip_marks
from vankien.loaders.vocab import UNMARKED

from corpus_texts import corpus_texts  # noqa: E402


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
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 30)):
            w = rng.choice(_WORDS)
            w = rng.choice([w, w.upper(), strip_marks(w), w.capitalize()])
            parts += [w, rng.choice(_GLUE)]
        out.append("".join(parts))
    return out


def _texts(unmarked: bool) -> list[str]:
    corpus = list(corpus_texts())
    return ([strip_marks(t) for t in corpus[:40]] if unmarked else corpus) + _invented(300, 6 + unmarked)


def _same(new: re.Pattern, old: re.Pattern, texts: list[str], seed: int = 0) -> None:
    """The same matches: a scan of each text, and from positions in it (a match, a search) with an end."""
    rng = random.Random(seed)
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in old.finditer(text)]
        for _ in range(min(60, len(text))):
            pos = rng.randrange(len(text))
            end = rng.randint(pos, min(len(text), pos + 200))
            for a, b in ((new.match(text, pos, end), old.match(text, pos, end)),
                         (new.search(text, pos, end), old.search(text, pos, end))):
                assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


def _vocab_patterns(v) -> dict[str, re.Pattern]:
    out = {}
    for f in dataclasses.fields(v):
        value = getattr(v, f.name)
        if isinstance(value, re.Pattern):
            out[f.name] = value
        elif f.name == "levels":
            out.update((f"levels {level}", rx) for level, rx in value)
    return out


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
        old = built()
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
