"""The phrases the extractor matches are data (loaders/data/*.toml), not literals in its code.

Every string literal of the loaders' modules that is not a docstring is read; character classes
("[A-ZĐ]") are left out, and what remains must hold no Vietnamese word (a word with a letter
beyond ASCII). The few exceptions are named here with the reason they stay in code.
"""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

LOADERS = Path(__file__).resolve().parents[1] / "loaders"

# file -> words allowed there, and why
ALLOWED: dict[str, set[str] | None] = {
    # the orthography the language check counts (vowel clusters and letters), not vocabulary
    "readers/vietnamese.py": None,
    # the unit words the vietnam-provinces package writes before a name: its data format
    "districts.py": {"thành", "phố", "thị", "xã", "quận", "huyện", "tỉnh"},
    # the record schema's field descriptions (documentation of the output)
    "record.py": {"Nghị", "quyết", "Quy", "định", "khóa"},
    # an example in a message, and "Điều" (article) among the marks of a list item
    "clean.py": {"Nghị", "quyết", "quyếtHội", "Hội", "nghị", "Điều"},
    # letters that build character classes and list marks, not words
    "codes.py": {"ZĐƯƠÂĂÊÔ", "zđươâăêô"},
    "cues.py": {"abcdđ"},
    "fold.py": {"đĐ"},
    # the Party's centre written with a Vietnamese letter ("TƯ"), a code, not a word
    "scope.py": {"TƯ"},
}
_CLASS_RE = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def _literals(path: Path):
    """(line, text) of each string literal that is not a docstring."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    for i, t in enumerate(tokens):
        if t.type != tokenize.STRING:
            continue
        before = tokens[i - 1].type if i else tokenize.NEWLINE
        after = tokens[i + 1].type if i + 1 < len(tokens) else tokenize.NEWLINE
        if before in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE, tokenize.NL) and after == tokenize.NEWLINE:
            continue        # a docstring, or a string standing alone as a statement
        yield t.start[0], t.string


def _vietnamese_words(literal: str) -> list[str]:
    return [w for w in _WORD_RE.findall(_CLASS_RE.sub(" ", literal)) if not w.isascii()]


MODULES = sorted(str(p.relative_to(LOADERS)) for p in LOADERS.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_no_vietnamese_word_in_the_code_of(module):
    allowed = ALLOWED.get(module, set())
    if allowed is None:
        return
    found = [(line, w) for line, lit in _literals(LOADERS / module) for w in _vietnamese_words(lit)
             if w not in allowed]
    assert not found, f"{module}: words that belong in loaders/data: {found}"


def test_the_check_finds_a_word_in_a_pattern_but_not_in_a_class():
    assert _vietnamese_words('r"(?:theo|tại)\\s+"') == ["tại"]
    assert _vietnamese_words('r"[A-ZĐÀ-Ỹ][a-zđ]+"') == []
    assert _vietnamese_words('"Kế hoạch số"') == ["Kế", "hoạch", "số"]
