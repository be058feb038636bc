"""Speed round 7: each shortcut gives what the code it replaced gave.

``fold.alternation`` writes the branches of each level of its trie in the order of their letters'
frequency, the rarer first letters behind one look-ahead, and with ``scan`` (the type words, the assignment cues) its first level as a branch for
each common letter, then the other letters behind a look-ahead: the patterns built so are checked
here against the same patterns built by the previous ``alternation``, kept below as the reference,
on ../shared/corpus (read, when present), its text without diacritics and invented texts, and on
word lists of every shape at every position of random strings.
"""
from __future__ import annotations

import dataclasses
import random
import re

import pytest

from vankien.loaders import assignments, codes, cues, fold, mentions, organizations, patterns, scope, segments
from vankien.loaders.fold import base_letter, strip_marks
from vankien.loaders.vocab import UNMARKED, load_data

from corpus_texts import assert_same_matches, compiled_patterns, corpus_and_invented, invented_texts  # noqa: E402


# --- the previous code -------------------------------------------------------------------------
def _alternation_reference(phrases, space: str = r"\s{1,3}", scan: bool = False) -> str:
    """``fold.alternation`` before: the branches of a level in the order of their keys."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(" " if ch.isspace() else base_letter(ch), {})
        node[""] = {}
    return "(?:" + _emit_reference(trie, fold._letter_classes(), space) + ")"


def _emit_reference(node: dict, classes: dict[str, str], space: str) -> str:
    branches = [(space if k == " " else classes.get(k, re.escape(k))) + _emit_reference(sub, classes, space)
                for k, sub in sorted(node.items()) if k]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _exact_trie_reference(phrases) -> str:
    """``fold.exact_trie`` before: the branches of each level in the order of their keys."""
    trie: dict = {}
    for p in {p.casefold() for p in phrases}:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie or "" in trie:
        return fold.exact_alternation(phrases)
    opens_word = all(fold._word_characters(fold._case_partners(k)) for k in trie)
    return r"(?:" + (r"\b" if opens_word else r"(?<!\w)") + "(?:" + _emit_exact_reference(trie) + r")(?!\w))"


def _emit_exact_reference(node: dict) -> str:
    branches = [(r"\s+" if k == " " else fold.case_class(k)) + _emit_exact_reference(sub) for k, sub in sorted(node.items()) if k]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_MODULES = (assignments, codes, cues, mentions, patterns, scope, segments)
_EXACT_MODULES = (assignments, cues, organizations, scope)


# --- texts ---------------------------------------------------------------------------------------
def _vocabulary() -> list[str]:
    """Phrases of the vocabularies (the data files): type words, relation and assignment cues,
    organisations' heads, numbers' words; invented texts are made of them."""
    cue_data = load_data("cues.toml")
    orgs = load_data("organizations.toml")
    words = [t["word"] for t in load_data("types.toml")["type"]]
    words += [p.replace("{n}", "5") for row in cue_data["relation"] for p in row["phrases"]][::3]
    words += [p for row in cue_data["assignment"] for p in row["phrases"]]
    words += orgs["heads"][::2] + orgs["task_verbs"][::4] + cue_data["number_words"]["words"]
    return words


_GLUE = [" ", " ", " ", ", ", "; ", "\n", "-", "_", "", "(", ")", ".", "\t", "  ", "5", "x", "2023", "of"]


def _invented(n: int, seed: int) -> list[str]:
    """Sentences of vocabulary phrases, glued with spaces, punctuation, nothing or a word character."""
    return invented_texts(_vocabulary(), _GLUE,
                          lambda w: [w, w.upper(), strip_marks(w), w.capitalize(), w.lower(), w[:3]], n, seed)


def _texts(unmarked: bool) -> list[str]:
    return corpus_and_invented(unmarked, lambda n, u: _invented(n, 7 + u))


_same = assert_same_matches      # the same matches: a scan of each text, and from positions in it


# --- the trie's order and its scan start ---------------------------------------------------------
def test_letter_orders_hold_every_letter_once():
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    assert sorted(fold.WORD_INITIAL_LETTERS) == letters
    assert sorted(fold.LETTERS_BY_FREQUENCY) == letters
    groups = fold._letter_groups()
    assert sorted(groups) == letters
    seen: set[str] = set()
    for chars in groups.values():       # the classes of two base letters share no character
        assert not chars & seen
        seen |= chars
        assert set(re.findall(fold._letter_classes()[base_letter(next(iter(chars)))], "".join(chars))) == chars
    for k, chars in fold._SCAN_LETTERS.items():
        assert all(base_letter(ch) == k and len(ch) == 1 for ch in chars)


@pytest.mark.parametrize("unmarked", [False, True])
def test_scans_match_as_before(unmarked, monkeypatch):
    """The type words, the assignment cues, the relation cues, and the other patterns built with
    ``alternation`` that the modules keep (their names as built)."""
    token = UNMARKED.set(unmarked)
    try:
        def built() -> dict[str, re.Pattern]:
            return {"type words": patterns._type_word_re.__wrapped__(unmarked),
                    "assignment cues": assignments._cue_tables.__wrapped__(unmarked)[0],
                    "recurring": assignments._recurring_re.__wrapped__(),
                    "relation cues": cues.cue_table.__wrapped__().regex,
                    "english type words": mentions.english_type_re.__wrapped__()}
        new = built()
        for module in _MODULES:
            monkeypatch.setattr(module, "alternation", _alternation_reference)
        old = built()
    finally:
        UNMARKED.reset(token)
    assert new["type words"].pattern != old["type words"].pattern          # the shortcuts are in use
    assert len(new["assignment cues"].pattern) > 2 * len(old["assignment cues"].pattern)
    for name in new:
        _same(new[name], old[name], _texts(unmarked), seed=len(name))


def _shapes() -> list[list[str]]:
    """Word lists of every shape: vocabularies, letters that prefix one another, a number's slot and
    digits beside letters, a space or a mark first, the empty phrase, letters whose case partners lie
    beyond the classes (long s, Kelvin sign, a title-case digraph, sharp s), a space that may match
    nothing where a letter goes on too, few letters among many other keys."""
    v = _vocabulary()
    return [v[:40], v[40:80], v[-40:],
            ["a", "ab", "abc", "b", "ba", "\u0111", "d", "\u0110 x", "z"],
            [v[0], "\u00a7 " + v[1], "5 " + v[2], "\u00a7", v[3]],
            [" " + v[0], v[0], "x y", "-x", "(qua", "qua"],
            ["", v[0], v[1]],
            ["ab c", "abc d", "ab", "ab cx", "abd"],     # a space that may match nothing, beside a letter
            ["\u017fo", "\u212ax", "kx", "\u01c5a", "\u00dfx"],
            ["5 " + v[0], "_x", "\u00fd " + v[1], "\u212a", "\u00df", v[2], v[3], v[4], "-", "(x"]]


@pytest.mark.parametrize("shape", range(10))
@pytest.mark.parametrize("space", [r"\s{1,3}", r"\s{0,3}"])
def test_alternation_as_before(shape, space):
    """At every position of random strings of the phrases' pieces, with and without ``scan``."""
    phrases = _shapes()[shape]
    rng = random.Random(len(phrases) + len(space))
    pieces = phrases + phrases + [p.replace(" ", "") for p in phrases] + [p.upper() for p in phrases] + [strip_marks(p) for p in phrases] + [p[:2] for p in phrases] + \
        [p.capitalize() for p in phrases] + list("0123 \n\t-ab.xX\u00a7\u0111\u0110\u00d4") + ["  ", "12", "\u212a", "\u017f", "\u0130", "\u0131"]
    old = re.compile(_alternation_reference(phrases, space))
    for scan in (False, True):
        new = re.compile(fold.alternation(phrases, space, scan=scan))
        for _ in range(300):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
            for pos in range(len(text) + 1):
                a, b = new.match(text, pos), old.match(text, pos)
                assert (a and a.span()) == (b and b.span()), (phrases, scan, text, pos)
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_scan_start_in_use():
    """The first level of a scan: a branch for each common letter, then the others behind a look-ahead."""
    src = fold.alternation(["ga", "ca", "\u0111a"], scan=True)
    assert src.startswith("(?:(?:c") and "|C" in src and "|\u0111" in src and "|\u0110" in src and "(?=[" in src
    # no scan start where the trie holds the empty phrase: the plain trie, its letters in order
    assert fold.alternation(["", "ga", "ca"], scan=True) == fold.alternation(["", "ga", "ca"])
    assert fold.alternation(["ba", "tu"]).startswith("(?:(?:[Tt")
    # the rarer first letters behind a look-ahead: after the commonest five of seven
    src = fold.alternation(["ta", "ca", "da", "na", "ha", "va", "ba"])
    assert src.count("(?=[") == 1 and src.index("(?=[") > src.index("[Hh")
    assert "(?=[" not in fold.alternation(["ta", "ca", "da", "na", "ha", "va"])


# --- exact tries: the rarer first letters behind a look-ahead ------------------------------------
_org_patterns = compiled_patterns      # the compiled patterns of a vocabulary, by field name


@pytest.mark.parametrize("unmarked", [False, True])
def test_exact_tries_match_as_before(unmarked, monkeypatch):
    """The organisation vocabulary, the assignment cues' tables and deadlines, the issuing verbs."""
    token = UNMARKED.set(unmarked)
    try:
        def built() -> dict[str, re.Pattern]:
            out = _org_patterns(organizations._org_vocab.__wrapped__(unmarked))
            rx, table, deadline, not_cue = assignments._cue_tables.__wrapped__(unmarked)
            out |= {"deadline": deadline, "issuing": cues.cue_table.__wrapped__().issuing[1]}
            for phrase, cue in list(table.items())[::3]:
                out |= {f"{phrase} {f.name}": getattr(cue, f.name) for f in dataclasses.fields(cue)
                        if isinstance(getattr(cue, f.name), re.Pattern)}
            return out
        new = built()
        for module in _EXACT_MODULES:
            monkeypatch.setattr(module, "exact_trie", _exact_trie_reference)
        old = built()
    finally:
        UNMARKED.reset(token)
    assert new.keys() == old.keys()
    assert any("(?=[^" in rx.pattern for rx in new.values())            # the shortcut is in use
    texts = _texts(unmarked)[::2]
    for name in new:
        _same(new[name], old[name], texts, seed=len(name))


@pytest.mark.parametrize("shape", range(10))
def test_exact_trie_as_before(shape):
    """At every position of random strings of the phrases' pieces."""
    phrases = [p for p in _shapes()[shape] if p]
    rng = random.Random(shape)
    pieces = phrases + [p.upper() for p in phrases] + [strip_marks(p) for p in phrases] + [p[:2] for p in phrases] + \
        [p.capitalize() for p in phrases] + list("0123 \n\t-ab.xX\u00a7\u0111\u0110\u00d4") + ["  ", "\u212a", "\u017f", "\u0130", "\u0131"]
    new, old = re.compile(fold.exact_trie(phrases)), re.compile(_exact_trie_reference(phrases))
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for pos in range(len(text) + 1):
            a, b = new.match(text, pos), old.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (phrases, text, pos)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


# --- literal tries and the header's scan for a reproduced text -------------------------------------
@pytest.mark.parametrize("unmarked", [False, True])
def test_province_names_as_before(unmarked):
    """``vocab().province_mentions``: the names as a trie, against the longest-first alternation."""
    from vankien.loaders.vocab import vocab
    v = vocab()
    names = v._province_names(unmarked)
    new = v._province_re.__wrapped__(v, unmarked)
    old = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    assert new.pattern != old.pattern
    texts = _texts(unmarked)[::2] + [" ".join(names), "".join(names), " ".join(n[:-1] for n in names)]
    for text in texts:
        assert new.findall(text) == old.findall(text)
    _same(new, old, texts)


@pytest.mark.parametrize("shape", range(10))
def test_literal_trie_as_before(shape):
    """At every position of random strings of the phrases' pieces (the phrases as written)."""
    phrases = [p for p in _shapes()[shape] if p] + ["ab", "a", "abc", "a-b", "a - b"]
    rng = random.Random(shape)
    pieces = phrases + [p[:2] for p in phrases] + [p[1:] for p in phrases] + list(" -ab") + ["  "]
    new = re.compile(fold.literal_trie(phrases))
    old = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for pos in range(len(text) + 1):
            a, b = new.match(text, pos), old.match(text, pos)
            assert (a and a.group()) == (b and b.group()), (phrases, text, pos)
        assert new.findall(text) == old.findall(text)


def test_full_text_as_before():
    """layout's "full_text" (the words that announce a reproduced text), against ``(?<!\\w)`` and ``one_of``."""
    from vankien.loaders import layout
    words = layout._data()["news"]["full_text"]
    new = layout._res.__wrapped__()["full_text"]
    old = re.compile(rf"(?<!\w){fold.one_of(words)}(?!\w)")
    assert new.pattern != old.pattern
    _same(new, old, _texts(False) + _texts(True)[::3] + [" ".join(words), "".join(words), "x" + " x".join(words)])


def test_bodies_as_before():
    """``patterns.body_re`` (and the layout's acts of bodies built on it) with ``\\b`` before the
    names, against ``(?<!\\w)`` as before."""
    from vankien.loaders import layout
    new = patterns.body_re.__wrapped__()
    assert new.pattern.startswith(r"\b(?P<body>")
    old = re.compile(r"(?<!\w)" + new.pattern[len(r"\b"):])
    texts = _texts(False) + _texts(True)[::3]
    _same(new, old, texts)
    acts = layout._acts_re.__wrapped__()
    assert r"\b(?P<body>" in acts.pattern
    _same(acts, re.compile(acts.pattern.replace(r"\b(?P<body>", r"(?<!\w)(?P<body>", 1)), texts[::2])
