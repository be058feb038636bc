"""Bytes -> str for plain-text inputs, with an explicit strategy.

In order:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without a BOM, told by its pattern of NUL bytes (checked before UTF-8, since
   UTF-16 text of ASCII letters is also valid UTF-8);
3. binary data (NUL or control bytes left after step 2) is refused;
4. strict UTF-8, then UTF-8 with a few bad bytes (replaced, with a warning);
5. single-byte code pages (Windows-1258 for Vietnamese, Windows-1252, Latin-1), scored by
   how Vietnamese the decoded words look;
6. charset-normalizer's guess (preferring Windows-1252 among equally good ones) when no
   code page gives Vietnamese; ``encoding_unknown`` when nothing decodes sensibly.

The result is normalised with :func:`vankien.loaders.clean.normalize_text`, which also composes the
decomposed tone marks that Windows-1258 produces.
"""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field

import charset_normalizer

from vankien.loaders.clean import normalize_reporting, normalize_text
from vankien.loaders.source import Warn
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.vietnamese import decoding_counts

# BOMs, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ANY_BOM = tuple(bom for bom, _ in BOMS)
# Tried in this order; on equal scores the earlier one wins.
SINGLE_BYTE_CANDIDATES = ("cp1252", "cp1258", "latin-1")

SAMPLE_BYTES = 8192              # bytes looked at by the UTF-16 and binary heuristics
SAMPLE_CHARS = 200_000           # characters of a candidate decoding that are scored
UTF16_NUL_SHARE = 0.3            # share of NULs in the high-byte column of UTF-16 text
UTF16_OTHER_NUL_SHARE = 0.05     # ... and at most this in the low-byte column
BINARY_CONTROL_SHARE = 0.05      # control bytes (not tab/newline/...) beyond this -> binary
UTF8_MAX_BAD_SHARE = 0.2         # bad sequences per good multi-byte character, for "almost UTF-8"
UNPRINTABLE_MAX_SHARE = 0.005    # a decoding with more unprintable characters is not sensible
WESTERN_GUESSES = ("cp1252", "latin_1", "iso8859_15")   # charset-normalizer's names
CHAOS_TOLERANCE = 0.05           # guesses this close to the best one count as equally good
FOREIGN_WORD_WEIGHT = 2          # a non-Vietnamese word outweighs a Vietnamese-looking one
CONFIDENT_FOREIGN_SHARE = 0.1    # single-byte guess: tolerated share of non-Vietnamese words

TEXT_CONTROLS = "\t\n\r\f\v\x1b"       # control characters that plain text may contain
_TEXT_CONTROL_BYTES = frozenset(TEXT_CONTROLS.encode("ascii"))
# every byte but the control bytes of binary data: deleting them leaves the controls to count
_NOT_CONTROL = bytes(b for b in range(256) if not ((b < 0x20 and b not in _TEXT_CONTROL_BYTES) or b == 0x7F))
_REPLACEMENT = "\ufffd"


@dataclass
class Decoded:
    """The outcome of decoding: ``text`` is ``None`` when the bytes are not text."""

    text: str | None
    encoding: str | None
    warnings: list[Warn] = field(default_factory=list)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` (see the module docstring for the strategy); never raises."""
    if data.startswith(_ANY_BOM):           # one test for the usual case, no mark
        for bom, name in BOMS:
            if data.startswith(bom):
                return _decode_with(data[len(bom):], name, errors_note="despite its byte-order mark")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_with(data, utf16, errors_note="(guessed from its NUL bytes)")
    binary = binary_reason(data)
    if binary:
        return Decoded(None, None, [Warn(codes.BINARY, binary)])
    try:
        return _decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _almost_utf8(data) or _best_single_byte(data) or _charset_normalizer_guess(data) or Decoded(
        None, None, [Warn(codes.ENCODING_UNKNOWN,
                          "could not find a text encoding that decodes this file sensibly; "
                          "convert it to UTF-8 first")])


def _decoded(text: str, encoding: str) -> Decoded:
    """``text`` normalised, with warnings for the invisible characters and bad code points removed."""
    normal, warnings = normalize_reporting(text)
    return Decoded(normal, encoding, warnings)


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary rather than text, or ``None`` (UTF-16 is ruled out first)."""
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample:
        return "the file contains NUL bytes: it looks binary, not text"
    controls = len(sample.translate(None, _NOT_CONTROL))
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(sample)}: it looks binary, not text"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NULs sit in every other byte, else ``None``."""
    sample = data[:SAMPLE_BYTES]
    half = len(sample) // 2
    if half < 2 or b"\x00" not in sample:     # no NUL at all: neither column has any (the usual case)
        return None
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls >= UTF16_NUL_SHARE and even_nuls <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE and odd_nuls <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def _decode_with(data: bytes, encoding: str, *, errors_note: str) -> Decoded:
    """Decode with a known ``encoding``, replacing bad sequences with a warning."""
    text = data.decode(encoding, errors="replace")
    decoded = _decoded(text, encoding)
    _note_replacements(decoded, f"as {encoding} {errors_note}")
    return decoded


def _note_replacements(decoded: Decoded, how: str) -> None:
    """Add a ``decode_errors`` warning if the text holds replacement characters."""
    bad = decoded.text.count(_REPLACEMENT) if decoded.text else 0
    if bad:
        decoded.warnings.append(Warn(
            codes.DECODE_ERRORS,
            f"{bad} byte sequence(s) could not be decoded {how} and were replaced by U+FFFD"))


def _almost_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few corrupt bytes among many good multi-byte characters."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count(_REPLACEMENT)
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad   # multi-byte characters
    if good == 0 or bad > good * UTF8_MAX_BAD_SHARE:
        return None
    decoded = _decoded(text, "utf-8")
    _note_replacements(decoded, "as UTF-8")
    return decoded


def _is_sensible(text: str) -> bool:
    """Few unprintable characters (control codes, unassigned or private-use code points)."""
    text = text[:SAMPLE_CHARS]
    if not text:
        return True
    bad = sum(1 for c in text
              if unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in TEXT_CONTROLS)
    return bad / len(text) <= UNPRINTABLE_MAX_SHARE


def _best_single_byte(data: bytes) -> Decoded | None:
    """The single-byte code page whose decoding looks most Vietnamese, if any looks so.

    Candidates must decode all of ``data`` strictly; their first characters are scored.
    """
    best: tuple[int, int, str, str] | None = None     # score, foreign words, encoding, text
    for encoding in SINGLE_BYTE_CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = normalize_text(text[:SAMPLE_CHARS])
        if not _is_sensible(sample):
            continue
        good, foreign = decoding_counts(sample)
        score = good - FOREIGN_WORD_WEIGHT * foreign
        if best is None or score > best[0]:
            best = (score, foreign, encoding, text)
    if best is None or best[0] <= 0:
        return None
    score, foreign, encoding, text = best
    decoded = _decoded(text, encoding)
    if foreign > CONFIDENT_FOREIGN_SHARE * score:
        decoded.warnings.append(Warn(
            codes.ENCODING_GUESS,
            f"not UTF-8; decoded as {encoding} by guess ({foreign} word(s) still look wrong): "
            "check the text, or convert the file to UTF-8"))
    return decoded


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    """charset-normalizer's guess, or a sensible Windows-1252/Latin-1 decoding.

    Among guesses about as good as its best one (by its "chaos" measure), a Western code
    page is preferred: on short texts charset-normalizer often picks a rare one (cp1257 for
    French) where Windows-1252 decodes the same letters.
    """
    matches = list(charset_normalizer.from_bytes(data))
    encoding = None
    if matches:
        encoding = matches[0].encoding
        tolerable = [m for m in matches if m.chaos <= matches[0].chaos + CHAOS_TOLERANCE]
        western = [name for m in tolerable for name in m.could_be_from_charset if name in WESTERN_GUESSES]
        encoding = western[0] if western else encoding
    try:
        text = data.decode(encoding) if encoding else None
    except (LookupError, UnicodeDecodeError):
        text = None
    if text is None:
        encoding, text = _first_sensible(data)
        if encoding is None:
            return None
    decoded = _decoded(text, encoding)
    decoded.warnings.append(Warn(
        codes.ENCODING_GUESS,
        f"not UTF-8 and not Vietnamese in any code page tried; decoded as {encoding} by guess"))
    return decoded


def _first_sensible(data: bytes) -> tuple[str | None, str]:
    """The first single-byte candidate that decodes ``data`` strictly and sensibly."""
    for encoding in SINGLE_BYTE_CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_sensible(text):
            return encoding, text
    return None, ""
