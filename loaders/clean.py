"""Normalise decoded text: Unicode NFC and look-alike letters.

Real texts write Đ as U+00D0 (Latin capital Eth, from Icelandic code pages) and carry
zero-width or non-breaking spaces from web pages. Every mapping here keeps one character
for one character *after* NFC, so mention offsets stay valid against the returned text.
"""
from __future__ import annotations

import unicodedata

# look-alike -> intended letter, one char to one char
_LOOKALIKES = {
    "\u00d0": "\u0110",  # Ð (Eth) -> Đ
    "\u00f0": "\u0111",  # ð (eth) -> đ
    "\u0189": "\u0110",  # Ɖ (African D) -> Đ
    "\u00a0": " ",       # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u200b": " ",       # zero-width space (kept as a space so offsets stay put)
    "\ufeff": " ",       # stray BOM inside text
    "\u2010": "-",       # hyphen variants; en/em dashes are kept (they are meaningful in prose)
    "\u2011": "-",
}
_TABLE = str.maketrans(_LOOKALIKES)


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with look-alike letters mapped to Vietnamese ones.

    Line breaks are unified to ``\\n`` (``\\r\\n`` and ``\\r``).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.isascii() and any(ch in text for ch in _LOOKALIKES):
        text = text.translate(_TABLE)
    return text
