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
