"""Issue 20 (point 1), fourth round of shortcuts: each gives what the code it replaced gave.

``fold.cased_one_of`` writes the word lists that the organisation vocabulary matched with case ignored
(``(?i:literal_one_of(…))``: the openers of a clause, the quantifiers before a name, the type words of a
document that speaks) with each letter's case class, the phrases gathered under their first letter: the
patterns built from them (``opener_re``, ``start_re``, ``clause_head_re``, ``document_speaks_re``) are
checked here against the patterns built as before, kept below as the reference, at every position of
invented texts and of ../shared/corpus (read, when present), with and without diacritics.
"""
from __future__ import annotations

import random
import re

import pytest

from vankien.loaders import organizations as orgs
from vankien.loaders.fold import cased_one_of, exact_trie, literal_one_of, strip_marks
from vankien.loaders.vocab import load_data, load_unmarked

from corpus_texts import corpus_texts  # noqa: E402

PATTERNS = ("opener_re", "start_re", "clause_head_re", "document_speaks_re")


# --- the previous code -------------------------------------------------------------------------
def _patterns_reference(unmarked: bool) -> dict[str, re.Pattern]:
    """The four patterns as ``organizations._org_vocab`` built them before (case ignored with ``(?i:…)``)."""
    d = (load_unmarked if unmarked else load_data)("organizations.toml")
    if unmarked:
        d = orgs._unambiguous_stops(d)
    word = exact_trie
    abbrev = d["abbreviations"]
    quantifiers = literal_one_of(d["quantifiers"])
    item = (r"[\s\-+•*–]{0,6}(?:(?:" + rf"{literal_one_of(d['item_words'])}\s{{1,2}}\d{{1,3}}[.:]?"
            r"|\d{1,2}(?:\.\d{1,2}){0,3}[.)\-–]|(?:\d{1,2}|[a-zđ]|[IVX]{1,5})/(?=\s)|[a-zđ][.)\-–]|[IVX]{1,5}[.)\-–])\s{0,3})?")
    purpose = rf"{literal_one_of(d['purpose_openers'] + d['adverbial_openers'])}\s[^,;.:\n]{{1,{orgs.MAX_PURPOSE_CHARS}}},"
    types = (load_unmarked if unmarked else load_data)("types.toml")
    kinds = sorted([t["word"] for t in types["type"]] + types["generic"]["words"], key=len, reverse=True)
    says = (rf"{literal_one_of(kinds)}\s+(?:{literal_one_of(d['document_says_adverbs'])}\s+)?"
            rf"{literal_one_of(d['document_says'])}\s*[,:]")
    opener = rf"(?i:(?:{literal_one_of(d['clause_openers'])}|{purpose}|{says})\s*[,:]?\s*)+"
    all_heads = d["heads"] + list(abbrev) + [orgs._respell(h, d["spelling"]) for h in d["heads"]]
    cased = orgs._cased_heads() if unmarked else frozenset()
    then = word(d["task_verbs"] + d["directive_verbs"] + d["auxiliaries"] + [d["organising"]]
                + [w for w in d["name_goes_on"] + d["heads"] + d["collective_heads"] if " " in w])
    collective = rf"{word(d['collective_heads'])}(?=[ \t]*[,;]|[ \t]+{word(d['list_joiners'])}|[ \t]+{then})"
    if cased:
        free = word([h for h in all_heads if h.casefold() not in cased and h not in abbrev])
        capitalised = rf"(?<!\w)(?:{'|'.join(sorted([*(re.escape(h.capitalize()) for h in cased), *map(re.escape, abbrev)], key=len, reverse=True))})(?!\w)"
        start = rf"(?:(?i:{quantifiers}\s+)(?:{word(all_heads)}|{collective})|{free}|{capitalised})"
    else:
        start = rf"(?:(?i:{quantifiers}\s+)?{word(all_heads)}|(?i:{quantifiers}\s+){collective})"
    return {
        "opener_re": re.compile(opener),
        "start_re": re.compile(start),
        "clause_head_re": re.compile(item + rf"(?:{opener})?[ \t\n\-+•*–]*" + start),
        "document_speaks_re": re.compile(rf"(?i:{literal_one_of(kinds)})\s+(?:{literal_one_of(d['document_says_adverbs'])}\s+)?\Z"),
    }


# --- inputs ------------------------------------------------------------------------------------
def _words(unmarked: bool) -> list[str]:
    d = (load_unmarked if unmarked else load_data)("organizations.toml")
    types = (load_unmarked if unmarked else load_data)("types.toml")
    return (d["clause_openers"] + d["purpose_openers"] + d["adverbial_openers"] + d["quantifiers"]
            + d["document_says_adverbs"] + d["document_says"] + d["heads"][:40] + d["collective_heads"]
            + d["task_verbs"][:20] + [t["word"] for t in types["type"]] + types["generic"]["words"])


def _invented(unmarked: bool, n: int = 300) -> list[str]:
    """Texts run together from the vocabularies' words, in every case, with punctuation, item marks and
    odd letters between them (the Kelvin sign, a dotless i, a capital sharp s)."""
    rng = random.Random(4)
    words = _words(unmarked)
    glue = [" ", "  ", ", ", ": ", "\n", "\n- ", "\n2. ", " b) ", "; ", ".", "\u212a", "\u0131", "\u1e9e", "", "\t"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            w = rng.choice(words)
            w = rng.choice([w, w.upper(), w.capitalize(), w.swapcase(), strip_marks(w)])
            parts += [w, rng.choice(glue)]
        out.append("".join(parts))
    return out


def _texts(unmarked: bool) -> list[str]:
    corpus = list(corpus_texts())
    return _invented(unmarked) + ([strip_marks(t) for t in corpus[:40]] if unmarked else corpus)


def _spans(rx: re.Pattern, text: str, pos: int, endpos: int):
    m = rx.match(text, pos, endpos)
    return None if m is None else m.span()


# --- the tests ---------------------------------------------------------------------------------
@pytest.mark.parametrize("unmarked", [False, True])
def test_cased_patterns_match_as_before(unmarked):
    new = orgs._org_vocab(unmarked)
    old = _patterns_reference(unmarked)
    for text in _texts(unmarked):
        ends = [len(text)] + [i for i, c in enumerate(text) if c in ".;\n"]
        for pos in range(len(text) + 1):
            end = next((e for e in ends[1:] if e > pos), len(text))
            for name in PATTERNS:
                rx_new, rx_old = getattr(new, name), old[name]
                for hi in (end, len(text)):
                    assert _spans(rx_new, text, pos, hi) == _spans(rx_old, text, pos, hi), (name, text[pos:pos + 60])
        for name in ("start_re", "document_speaks_re"):      # searched too (``in_head``, the framing test)
            assert [m.span() for m in getattr(new, name).finditer(text)] == \
                [m.span() for m in old[name].finditer(text)], name


def test_cased_one_of_is_the_case_ignoring_alternation():
    rng = random.Random(7)
    phrases = ["theo đó", "theo", "Trong đó", "riêng", "đồng thời", "kelvin k", "ık", "ss", "a", "ab c"]
    new, old = re.compile(cased_one_of(phrases)), re.compile(rf"(?i:{literal_one_of(phrases)})")
    spaced_new = re.compile(cased_one_of(phrases, space=r"\s+"))
    spaced = literal_one_of(phrases, space=r"\s+")
    spaced_old = re.compile(rf"(?i:{spaced})")
    letters = "tThHeEoOđĐóÓrRiIêÊnNgGkK\u212aıİsSſ\u1e9eaAbBcC \n"
    for _ in range(3000):
        s = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        assert _spans(new, s, 0, len(s)) == _spans(old, s, 0, len(s)), s
        assert _spans(spaced_new, s, 0, len(s)) == _spans(spaced_old, s, 0, len(s)), s


def test_cased_one_of_keeps_the_order_of_phrases():
    # the first phrase that matches wins, not the longest: as in the alternation written before
    assert re.match(cased_one_of(["theo", "theo đó"]), "Theo đó").group() == "Theo"
    assert re.match(cased_one_of(["theo đó", "theo"]), "THEO ĐÓ").group() == "THEO ĐÓ"
    with pytest.raises(ValueError):
        cased_one_of([])


# --- the relation cues' joined gap (cues.py ``_joined_re``) --------------------------------------
def _joined_re_reference(joining: dict) -> re.Pattern:
    joiners = "|".join(r"\b" + re.escape(w) for w in joining["words"])
    return re.compile(rf"(?:,|;|{joiners})\s*(?:{literal_one_of(joining['articles'])}\s+)?\Z", re.I)


def _gaps(text: str, rng: random.Random, n: int):
    """``n`` spans of ``text`` (most short, as between two targets, some long), and every span that
    ends at a position where a separator or an article ends."""
    for _ in range(n):
        a = rng.randrange(len(text) + 1)
        yield a, min(len(text), a + rng.choice([0, 1, 3, 8, 20, 60, 200]))
    for m in re.finditer(r"[,;]|\w+", text):
        for tail in ("", " ", "  \n "):
            if text.startswith(tail, m.end()):
                yield max(0, m.start() - 30), m.end() + len(tail)


def test_joined_re_as_before():
    from vankien.loaders.cues import cue_table
    joining = load_data("cues.toml")["joining"]
    new, old = cue_table().joined_re, _joined_re_reference(joining)
    rng = random.Random(20)
    words = joining["words"] + joining["articles"]
    invented = ["".join(rng.choice([w, w.upper(), w.capitalize(), strip_marks(w), ",", ";", " ", "\n", "x", "ax", "\u212a"])
                        for w in rng.choices(words, k=rng.randint(1, 8))) for _ in range(2000)]
    for text in invented + list(corpus_texts()):
        for a, b in _gaps(text, rng, 200 if len(text) > 100 else 20):
            x, y = new.search(text, a, b), old.search(text, a, b)
            assert (x and x.span()) == (y and y.span()), text[a:b]
            x, y = new.search(text[a:b]), old.search(text[a:b])      # a slice of the gap (``_joined``)
            assert (x and x.span()) == (y and y.span()), text[a:b]
