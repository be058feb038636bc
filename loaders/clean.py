"""Normalise decoded text: Unicode NFC, look-alike letters, invisible characters, bad code points.

Real texts write Đ as U+00D0 (Latin capital Eth, from Icelandic code pages) and carry
zero-width or non-breaking spaces from web pages. Look-alikes are mapped one character for one
character; invisible characters (soft hyphens, zero-width spaces and joiners, word joiners, stray
BOMs) are removed, since inside a symbol they would split it ("2\\u00ad5-NQ/TW" must read as
25-NQ/TW, never 5-NQ/TW); lone surrogates (from a JSON ``"\\ud800"`` escape) become U+FFFD, as
they cannot be written as UTF-8. Mention offsets index the returned text;
:func:`normalize_reporting` also says what was removed or replaced, for the record's warnings.
"""
from __future__ import annotations

import re
import unicodedata

from vankien.loaders.legacy import repair_tcvn3
from vankien.loaders.source import Warn

# look-alike -> intended letter, one char to one char
_LOOKALIKES = {
    "\u00d0": "\u0110",  # Ð (Eth) -> Đ
    "\u00f0": "\u0111",  # ð (eth) -> đ
    "\u0189": "\u0110",  # Ɖ (African D) -> Đ
    "\u00a0": " ",       # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u2010": "-",       # hyphen variants; en/em dashes are kept (they are meaningful in prose)
    "\u2011": "-",
}
# invisible characters, removed: what the warning calls them
INVISIBLE = {
    "\u00ad": "soft hyphen U+00AD",
    "\u200b": "zero-width space U+200B",
    "\u200c": "zero-width non-joiner U+200C",
    "\u200d": "zero-width joiner U+200D",
    "\u2060": "word joiner U+2060",
    "\ufeff": "byte order mark U+FEFF",
}
REPLACEMENT = "\ufffd"
_TABLE = str.maketrans({**_LOOKALIKES, **dict.fromkeys(INVISIBLE)})
_INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPECIAL_RE = re.compile("[\ud800-\udfff" + "".join(INVISIBLE) + "".join(_LOOKALIKES) + "]")


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with look-alike letters mapped to Vietnamese ones, lines typed in
    a legacy font encoding (TCVN3) converted, invisible characters removed and lone surrogates
    replaced by U+FFFD.

    Line breaks are unified to ``\\n`` (``\\r\\n`` and ``\\r``).
    """
    return normalize_reporting(text)[0]


def normalize_reporting(text: str) -> tuple[str, list[Warn]]:
    """:func:`normalize_text` of ``text`` and warnings for what it converted, removed or replaced."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text, []
    warnings: list[Warn] = []
    # first: TCVN3 writes "ư" as U+00AD, which is removed below as a soft hyphen
    text, lines = repair_tcvn3(text)
    if lines:
        warnings.append(Warn("legacy_encoding", f"{lines} line(s) typed in the TCVN3 (ABC) font encoding were "
                                                "converted to Unicode"))
    special = _SPECIAL_RE.search(text) is not None      # one scan; most texts have none of them
    if special:
        warnings += cleaning_warnings(text)
        if _SURROGATE_RE.search(text):
            text = _SURROGATE_RE.sub(REPLACEMENT, text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if special:
        text = text.translate(_TABLE)
    text, glued = split_glued(text)
    if glued:
        warnings.append(Warn("glued_words", f"{glued} pair(s) of words run together were split "
                                            "(\"Nghị quyếtHội nghị\" -> \"Nghị quyết Hội nghị\")"))
    return text, warnings


_LATIN = [chr(c) for c in range(0x41, 0x1EFA) if chr(c).isalpha() and unicodedata.name(chr(c), "").startswith("LATIN")]
_UPPER = "".join(ch for ch in _LATIN if ch.isupper())
_LOWER = "".join(ch for ch in _LATIN if ch.islower())
# a capital right after a lower-case letter, starting a word in lower case: "quyếtHội" (the capital
# is matched first: most characters are not one, so the scan fails fast)
_GLUED_RE = re.compile(rf"[{_UPPER}](?<=[{_LOWER}].)(?=[{_LOWER}])")
_WORD_START_RE = re.compile(rf"[{_UPPER}{_LOWER}]*\Z")


def split_glued(text: str) -> tuple[str, int]:
    """``text`` with a space put between two Vietnamese words a copy ran together ("Nghị
    quyếtHội nghị", "100 nămNgày sinh"), and how many. A word written in mixed case on purpose
    ("iPhone", "YouTube") is left: the part before the capital must be two letters or more, and
    one of the two parts must carry a Vietnamese letter (not ASCII)."""
    cuts = []
    for m in _GLUED_RE.finditer(text):
        at = m.start()
        before = _WORD_START_RE.search(text, max(0, at - 12), at).group()
        after = text[at:at + 12].split(" ", 1)[0]
        if len(before) >= 2 and not (before.isascii() and after.isascii()):
            cuts.append(at)
    if not cuts:
        return text, 0
    parts, last = [], 0
    for at in cuts:
        parts += [text[last:at], " "]
        last = at
    parts.append(text[last:])
    return "".join(parts), len(cuts)


def cleaning_warnings(text: str) -> list[Warn]:
    """What :func:`normalize_text` removes or replaces in ``text``, as warnings with counts."""
    if text.isascii():
        return []
    warnings = []
    removed: dict[str, int] = {}
    for ch in _INVISIBLE_RE.findall(text):
        removed[INVISIBLE[ch]] = removed.get(INVISIBLE[ch], 0) + 1
    if removed:
        total = sum(removed.values())
        listed = ", ".join(f"{n} {name}" for name, n in removed.items())
        warnings.append(Warn("invisible_characters",
                             f"removed {total} invisible character(s) ({listed}): they could split a "
                             "symbol or a word"))
    surrogates = len(_SURROGATE_RE.findall(text))
    if surrogates:
        warnings.append(Warn("lone_surrogates",
                             f"{surrogates} lone surrogate code point(s) (U+D800 to U+DFFF, not valid Unicode "
                             "text) were replaced by U+FFFD"))
    return warnings
