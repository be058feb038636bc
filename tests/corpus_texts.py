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
