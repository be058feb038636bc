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
from collections.abc import Sequence


def base_letter(ch: str) -> str:
    """The lower-case base letter of ``ch`` ("Ự" -> "u", "đ" -> "d")."""
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


@functools.lru_cache(maxsize=16384)
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


def one_of(phrases: Sequence[str], space: str = r"\s{1,3}") -> str:
    """Regex source matching any of ``phrases`` as ``word_pattern`` does, tried in the order
    given (a data list's order decides which one a match takes); one phrase needs no group."""
    alts = [word_pattern(p, space) for p in _nonempty(phrases)]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def literal_one_of(phrases: Sequence[str], space: str | None = None) -> str:
    """A group matching any of ``phrases`` exactly as written (case and diacritics count),
    tried in the order given. ``space``, when given, is the regex each space matches;
    otherwise a space matches one space."""
    def literal(p: str) -> str:
        return re.escape(p) if space is None else space.join(map(re.escape, p.split(" ")))
    return "(?:" + "|".join(map(literal, _nonempty(phrases))) + ")"


def _nonempty(phrases: Sequence[str]) -> Sequence[str]:
    """``phrases``, refused when empty: an empty alternation would match anywhere."""
    if not phrases:
        raise ValueError("an empty word list cannot be matched")
    return phrases


def alternation(phrases, space: str = r"\s{1,3}") -> str:
    """A non-capturing regex matching any of ``phrases`` (case and diacritics ignored), the
    longest where several match.

    The phrases are compiled as a trie on their base letters: at each position the regex
    engine tests one character class per level instead of trying every phrase in turn,
    which makes scanning a text for a vocabulary about twice as fast.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(" " if ch.isspace() else base_letter(ch), {})
        node[""] = {}
    return "(?:" + _emit(trie, _letter_classes(), space) + ")"


def _emit(node: dict, classes: dict[str, str], space: str) -> str:
    branches = [(space if k == " " else classes.get(k, re.escape(k))) + _emit(sub, classes, space)
                for k, sub in sorted(node.items()) if k]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def exact_alternation(phrases) -> str:
    """A regex matching any of ``phrases`` as whole words, case ignored but diacritics kept:
    short Vietnamese words differ only by them ("cần" / "cán", "Sở" / "số"), where folding
    would confuse them. Longest phrase first; spaces match any run of whitespace."""
    alts = sorted({p.casefold() for p in phrases}, key=len, reverse=True)
    return r"(?i:(?<!\w)(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) + r")(?!\w))"
