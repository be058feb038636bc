"""How Vietnamese a decoded text looks.

Two uses: picking the right single-byte code page for a legacy file (the decoding whose
words look like Vietnamese syllables wins) and warning when an input is not Vietnamese at
all. Both work on words, after NFC; words made only of ASCII letters say nothing about the
encoding and are left out of the encoding score.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import filterfalse, repeat

# Lower-case letters with Vietnamese diacritics (NFC); upper case is derived below.
_VIETNAMESE_LOWER = (
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
VIETNAMESE_LETTERS = frozenset(_VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper())

# Combining tone marks (NFD): grave, acute, tilde, hook above, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

# Vowels with a hat, breve or horn: they carry the tone mark when a syllable has one.
MODIFIED_VOWELS = frozenset("ăâêôơư")

# Initial consonants, longest first so the regular expression tries them first.
INITIALS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
            "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")

# Vowel nuclei (tones removed). Those ending in a glide take no final consonant.
OPEN_NUCLEI = frozenset({
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu",
    "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
    "ia", "ua", "ưa",
})
CLOSED_NUCLEI = frozenset({
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "iê", "yê", "oa", "oă", "oe", "oo", "uâ", "uê", "uô", "uơ", "uy", "ươ", "uyê",
})

_SYLLABLE_RE = re.compile(
    "^(?P<initial>" + "|".join(INITIALS) + ")?"
    "(?P<nucleus>[aăâeêioôơuưy]+)"
    "(?P<final>" + "|".join(FINALS) + ")?$"
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:[\u0300-\u036f][^\W\d_]*)*")
_VIETNAMESE_LETTER_RE = re.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + "]")
# From a word's first Vietnamese letter to the end of that word (letters and the combining marks that
# _WORD_RE lets into a word): one match per word of _WORD_RE that has a Vietnamese letter, found in C.
_MARKED_WORD_RE = re.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + r"](?:[^\W\d_]|[\u0300-\u036f])*")

# Below this many words a text is too short to judge its language.
MIN_WORDS_FOR_LANGUAGE = 20
# Vietnamese prose has diacritics on roughly half of its words; English has none.
MIN_VIETNAMESE_SHARE = 0.2
# Long texts are judged on their beginning.
LANGUAGE_SAMPLE_CHARS = 200_000
# A text longer than this is first judged on a sample: its first SAMPLE_HEAD_CHARS characters and
# SAMPLE_WINDOWS windows of SAMPLE_WINDOW_CHARS spread evenly over the rest of its judged part. A sample
# of at least SAMPLE_MIN_WORDS words with CLEAR_VIETNAMESE_SHARE of them marked, and at least
# PART_VIETNAMESE_SHARE in each of its parts (so that a Vietnamese heading over a foreign text does not
# pass), is taken as Vietnamese; any other sample sends the text to the full count (so "not
# Vietnamese" is always the full count's word).
SAMPLE_HEAD_CHARS = 160
SAMPLE_WINDOWS = 3
SAMPLE_WINDOW_CHARS = 80
SAMPLED_ABOVE_CHARS = 2 * (SAMPLE_HEAD_CHARS + SAMPLE_WINDOWS * SAMPLE_WINDOW_CHARS)
SAMPLE_MIN_WORDS = 50
CLEAR_VIETNAMESE_SHARE = 0.4
PART_VIETNAMESE_SHARE = 0.25


def words(text: str) -> list[str]:
    """The alphabetic words of ``text`` (digits and punctuation split words)."""
    return _WORD_RE.findall(text)


def _strip_tones(word: str) -> tuple[str, str | None]:
    """``word`` lower-cased without tone marks (other diacritics kept), and its toned letter
    without its tone (``None`` if no tone; ``""`` if more than one)."""
    letters, toned = [], []
    for char in word.lower():
        parts = unicodedata.normalize("NFD", char)
        bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        letters.append(bare)
        toned.extend(bare for c in parts if c in TONE_MARKS)
    tone = None if not toned else (toned[0] if len(toned) == 1 else "")
    return "".join(letters), tone


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is spelled like one Vietnamese syllable: a known initial, vowel nucleus
    and final, at most one tone mark, placed on a vowel with a hat/breve/horn if there is one."""
    bare, tone = _strip_tones(word)
    if tone == "":
        return False
    m = _SYLLABLE_RE.match(bare)
    if not m:
        return False
    nucleus = m.group("nucleus")
    if tone and tone not in MODIFIED_VOWELS and any(c in MODIFIED_VOWELS for c in nucleus):
        return False
    if m.group("final"):
        return nucleus in CLOSED_NUCLEI
    return nucleus in CLOSED_NUCLEI or nucleus in OPEN_NUCLEI


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0].lower() in "aeiouy" for c in word)


def has_vietnamese_letter(word: str) -> bool:
    """Whether ``word`` contains a letter with a Vietnamese diacritic (NFC text)."""
    return any(c in VIETNAMESE_LETTERS for c in word)


def decoding_counts(text: str) -> tuple[int, int]:
    """Non-ASCII words of ``text`` spelled like Vietnamese syllables, and other non-ASCII
    words. ASCII-only words say nothing about an encoding and abbreviations without vowels
    ("QĐ", "HĐND") are not syllables: neither is counted."""
    good = foreign = 0
    for word in words(unicodedata.normalize("NFC", text)):
        if word.isascii() or not _has_vowel(word):
            continue
        if has_vietnamese_letter(word) and is_vietnamese_syllable(word):
            good += 1
        else:
            foreign += 1
    return good, foreign


def vietnamese_share(text: str) -> tuple[float, int]:
    """Share of words that carry a Vietnamese diacritic, and the number of words looked at
    (those in the first :data:`LANGUAGE_SAMPLE_CHARS` characters).

    The words are :func:`words`'. A text made only of ASCII, Vietnamese letters and characters that
    are never part of a word (:data:`_OUTSIDE_WORDS`) -- nearly every real one -- is counted on its
    UTF-8 bytes (:func:`_byte_counts`); any other goes through :func:`_piece_counts`. Same figures."""
    marked, count = _counts(text)
    return (marked / count, count) if count else (0.0, 0)


def _counts(text: str) -> tuple[int, int]:
    """(marked words, words) of the first :data:`LANGUAGE_SAMPLE_CHARS` characters of ``text``."""
    judged = text[:LANGUAGE_SAMPLE_CHARS]
    return _byte_counts(judged) if _UNLIKE_RE.search(judged) is None else _piece_counts(judged)


def _piece_counts(text: str) -> tuple[int, int]:
    """(marked words, words) of ``text``, counted without finding each word: no word spans white
    space, and a piece between white space made only of letters (``str.isalpha``) is one word, marked
    when it holds a Vietnamese letter; only the other pieces ("Đảng,", "25-NQ/TW", letters with
    combining marks) go through the regular expressions, joined by spaces (1.7 times faster than
    finding every word)."""
    pieces = text.split()
    letters = list(filter(str.isalpha, pieces))
    rest = " ".join(filterfalse(str.isalpha, pieces)) if len(letters) < len(pieces) else ""
    count = len(letters) + (len(_WORD_RE.findall(rest)) if rest else 0)
    accented = list(filterfalse(str.isascii, letters))
    marked = len(accented) - sum(map(VIETNAMESE_LETTERS.isdisjoint, accented))
    if rest:
        marked += len(_MARKED_WORD_RE.findall(rest))
    return marked, count


# Counting on bytes. In a text whose characters are ASCII, Vietnamese letters (NFC) or characters
# outside words, a word of _WORD_RE is a run of ASCII and Vietnamese letters: no combining mark can
# join one, nothing else is a letter. Its UTF-8 bytes say which is which from each character's first
# byte alone: an ASCII letter; the lead byte of a Vietnamese letter (C3-C6, E1), which no character
# outside words shares (theirs are C2 and E2: U+0080-U+00BF and U+2000-U+2FFF); else a separator.
# Continuation bytes (80-BF) are dropped, so each character leaves one byte: "a" (ASCII letter), "v"
# (Vietnamese letter) or " ". Words are then the runs of "a" and "v", marked when they hold a "v".
_IN_WORD_RE = re.compile(r"[^\W\d_]|[\u0300-\u036f]")       # a character _WORD_RE can take into a word
_OUTSIDE_WORDS = "".join(c for c in map(chr, [*range(0x80, 0xC0), *range(0x2000, 0x3000)])
                         if not _IN_WORD_RE.match(c))
_UNLIKE_RE = re.compile("[^\x00-\x7f" + re.escape("".join(sorted(VIETNAMESE_LETTERS)) + _OUTSIDE_WORDS) + "]")
_VIETNAMESE_LEADS = frozenset(c.encode("utf-8")[0] for c in VIETNAMESE_LETTERS)
if _VIETNAMESE_LEADS & {c.encode("utf-8")[0] for c in _OUTSIDE_WORDS}:
    raise AssertionError("a Vietnamese letter's first UTF-8 byte starts a character outside words")
_CLASS_OF_BYTE = bytes(ord("a") if bytes([b]).isalpha() else ord("v") if b in _VIETNAMESE_LEADS else ord(" ")
                       for b in range(256))
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_CUT = b"|"             # a NUL's class where parts of a sample are counted together (_part_counts)
_CLASS_OF_BYTE_CUT = _CUT + _CLASS_OF_BYTE[1:]


def _byte_counts(text: str) -> tuple[int, int]:
    """(marked words, words) of ``text``, which holds only ASCII, Vietnamese letters and characters
    outside words (``_UNLIKE_RE`` finds nothing)."""
    return _counts_of_classes(text.encode("utf-8").translate(_CLASS_OF_BYTE, _CONTINUATION_BYTES))


def _counts_of_classes(classes: bytes) -> tuple[int, int]:
    """(marked words, words) in a text's classes of characters ("a", "v", " "): each word starts where
    a letter follows a separator (a space put in front for the first), each marked word where a "v"
    follows one once the "a"s are dropped."""
    classes = b" " + classes
    count = classes.count(b" a") + classes.count(b" v")
    marked = classes.translate(None, b"a").count(b" v") if count else 0
    return marked, count


def language_sample(text: str) -> list[str] | None:
    """The parts of the sample a long text is first judged on (its start, then the windows; see
    :data:`SAMPLED_ABOVE_CHARS`), or ``None`` for a text short enough to be counted whole."""
    judged = len(text) if len(text) < LANGUAGE_SAMPLE_CHARS else LANGUAGE_SAMPLE_CHARS
    if judged <= SAMPLED_ABOVE_CHARS:
        return None
    step = (judged - SAMPLE_HEAD_CHARS) // (SAMPLE_WINDOWS + 1)
    starts = [SAMPLE_HEAD_CHARS + k * step for k in range(1, SAMPLE_WINDOWS + 1)]
    return [text[:SAMPLE_HEAD_CHARS], *(text[s:s + SAMPLE_WINDOW_CHARS] for s in starts)]


def _clearly_vietnamese(parts: list[str]) -> bool:
    """Whether a sample decides "Vietnamese" on its own (see :data:`CLEAR_VIETNAMESE_SHARE`)."""
    marked = count = 0
    for part_marked, words_in_part in _part_counts(parts):
        share = part_marked / words_in_part if words_in_part else 0.0      # vietnamese_share(part)
        if share < PART_VIETNAMESE_SHARE:
            return False
        marked += round(share * words_in_part)
        count += words_in_part
    return count >= SAMPLE_MIN_WORDS and marked >= CLEAR_VIETNAMESE_SHARE * count


def _part_counts(parts: list[str]) -> list[tuple[int, int]]:
    """(marked words, words) of each part, in order. The parts of a sample, joined by NUL (a
    separator: never in a word), are looked at, encoded and classified at once, then cut apart where
    the NULs were: each part's counts are those of the part alone, as no word crosses a separator.
    Parts that hold a NUL themselves, or anything :func:`_byte_counts` cannot count, are counted one
    by one."""
    joined = "\0".join(parts)
    if len(joined) <= LANGUAGE_SAMPLE_CHARS and _UNLIKE_RE.search(joined) is None:
        classes = joined.encode("utf-8").translate(_CLASS_OF_BYTE_CUT, _CONTINUATION_BYTES)
        if classes.count(_CUT) == len(parts) - 1:
            # _counts_of_classes of each piece between the cuts, each step done once for all of them: a
            # space after each cut (a piece's counts see a space before it), every word start made " a"
            # for the words and every "a" dropped for the marked ones, then the pieces counted apart
            spaced = b" " + classes.replace(_CUT, _CUT + b" ")
            words = map(bytes.count, spaced.replace(b" v", b" a").split(_CUT), repeat(b" a"))
            marked = map(bytes.count, spaced.translate(None, b"a").split(_CUT), repeat(b" v"))
            return list(zip(marked, words))
    return list(map(_counts, parts))


def language_check(text: str) -> tuple[bool | None, float | None, int | None]:
    """:func:`looks_vietnamese` of ``text`` with the full count behind a verdict that is not a clear
    "Vietnamese": ``(verdict, share, words)``; share and words are ``None`` when a sample decided."""
    parts = language_sample(text)
    if parts is not None and _clearly_vietnamese(parts):
        return True, None, None
    share, count = vietnamese_share(text)
    if count < MIN_WORDS_FOR_LANGUAGE:
        return None, share, count
    return share >= MIN_VIETNAMESE_SHARE, share, count


def looks_vietnamese(text: str) -> bool | None:
    """``True``/``False`` for texts long enough to judge, ``None`` for short ones.

    A long text whose sample (:func:`language_sample`) is clearly Vietnamese is not counted whole:
    a text Vietnamese at its start and at the sample's windows but foreign elsewhere can pass where
    the full count would warn (README, "Reading speed")."""
    return language_check(text)[0]
