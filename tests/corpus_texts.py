"""The texts of ../shared/corpus (seeds and dev), for the tests that compare a faster code path with
the one it replaced on real texts (tests/test_*_speed.py). Read at run time, never copied."""
from __future__ import annotations

import functools
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@functools.cache
def corpus_texts() -> tuple[str, ...]:
    """Every .txt of seeds/ and dev/, in name order (none when the corpus is not beside the repo)."""
    return tuple(p.read_text(encoding="utf-8") for sub in ("seeds", "dev") for p in sorted((CORPUS / sub).glob("*.txt")))


def assert_same_matches(new, old, texts, seed: int = 0) -> None:
    """Two compiled patterns find the same matches: a scan of each text, and from random positions in it
    (a match, a search) with an end; the groups too."""
    import random
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


def compiled_patterns(v) -> dict:
    """The compiled patterns a vocabulary dataclass holds, by field name (its `levels`, a list of
    (level, pattern), each as "levels LEVEL"): what a speed round's tests compare with the old ones."""
    import dataclasses
    import re
    out = {}
    for f in dataclasses.fields(v):
        value = getattr(v, f.name)
        if isinstance(value, re.Pattern):
            out[f.name] = value
        elif f.name == "levels":
            out.update((f"levels {level}", rx) for level, rx in value)
    return out


def invented_texts(words, glue, forms, n: int, seed: int) -> list[str]:
    """``n`` sentences of ``words`` (each in one of the ``forms(word)``, chosen at random), glued with one
    of ``glue`` (spaces, punctuation, nothing, a word character): texts no corpus holds, for pattern tests."""
    import random
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 30)):
            w = rng.choice(words)
            parts += [rng.choice(forms(w)), rng.choice(glue)]
        out.append("".join(parts))
    return out


def corpus_and_invented(unmarked: bool, invented) -> list[str]:
    """The corpus's texts (its first 40 without diacritics when ``unmarked``) and 300 invented ones
    (``invented(n, seed)``, seeded by whether they are unmarked)."""
    from vankien.loaders.fold import strip_marks
    corpus = list(corpus_texts())
    return ([strip_marks(t) for t in corpus[:40]] if unmarked else corpus) + invented(300, unmarked)
