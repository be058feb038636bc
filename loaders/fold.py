"""Diacritic- and case-insensitive matching of Vietnamese words.

Real texts scramble diacritics ("Nghị qưỹết", "bân hành"), drop them ("Quyet dinh") or
mix case. Instead of rewriting the text (which would cost time and shift offsets), vocabulary
words are compiled into regular expressions in which every letter matches all Vietnamese
letters sharing its base letter, in either case.
"""
from __future__ import annotations

import functools
import re
import unicodedata


def base_letter(ch: str) -> str:
    """The lower-case base letter of ``ch`` ("Ự" -> "u", "đ" -> "d")."""
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


def fold(text: str) -> str:
    """Text without diacritics, lower-cased; for comparing names, not for offsets."""
    return "".join(base_letter(c) for c in text)


@functools.cache
def _letter_classes() -> dict[str, str]:
    groups: dict[str, set[str]] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        b = base_letter(ch)
        if "a" <= b <= "z":
            groups.setdefault(b, set()).add(ch)
    return {b: "[" + "".join(sorted(chars)) + "]" for b, chars in groups.items()}


def word_pattern(phrase: str, space: str = r"\s{1,3}") -> str:
    """Regex source matching ``phrase`` regardless of case and diacritics.

    Spaces match ``space`` (by default one to three whitespace characters, line breaks
    included); other characters match literally.
    """
    classes = _letter_classes()
    out = []
    for ch in phrase:
        if ch.isspace():
            if not out or out[-1] != space:
                out.append(space)
        elif ch.isalpha():
            out.append(classes.get(base_letter(ch), re.escape(ch)))
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alternation(phrases, space: str = r"\s{1,3}") -> str:
    """A non-capturing alternation of ``phrases``, longest first so that the longest wins."""
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(word_pattern(p, space) for p in uniq) + ")"
