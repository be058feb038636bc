"""Building :class:`SourceText` records the same way in every reader."""
from __future__ import annotations

from collections.abc import Iterable

from vankien.loaders.clean import cleaning_warnings, normalize_text
from vankien.loaders.source import SourceText, Warn
from vankien.loaders.readers import warning_codes as codes


def failure(source: str, code: str, message: str, *, reader: str = "none",
            encoding: str | None = None, warnings: Iterable[Warn] = ()) -> SourceText:
    """A record with no text, saying why: ``message`` under ``code`` (after ``warnings``)."""
    return SourceText(source=source, text=None, reader=reader, encoding=encoding,
                      warnings=[*warnings, Warn(code, message)])


def document(source: str, text: str | None, *, reader: str, encoding: str | None = None,
             url: str | None = None, title: str | None = None, published: str | None = None,
             warnings: Iterable[Warn] = (), empty_message: str = "the file has no text",
             normalized: bool = False) -> SourceText:
    """A record for decoded ``text``, normalised with :func:`normalize_text`.

    What normalising removes or replaces (invisible characters, lone surrogates) in the text and
    its metadata is warned, with counts. Blank text becomes ``None`` with an ``empty`` warning (``empty_message``); so does
    ``None`` given without any warning to explain it. ``normalized``: ``text`` is already the output
    of :func:`normalize_reporting` (whose warnings are among ``warnings``), which holds nothing to warn of.
    """
    warnings = list(warnings)
    checked = (url, title, published) if normalized else (text, url, title, published)
    if any(v is not None for v in checked):         # nothing to check: no warning ("" is ASCII)
        warnings += cleaning_warnings("\n".join(str(v) for v in checked if v is not None))
    if text is not None:
        text = normalize_text(text)
    record = SourceText(source=source, text=text, reader=reader, encoding=encoding,
                        url=_clean_field(url), title=_clean_field(title), published=_clean_field(published),
                        warnings=warnings)
    blank = text is not None and (not text or text.isspace())      # not text.strip(), without a copy
    if blank:
        record.text = None
    if blank or (text is None and not record.warnings):
        record.warnings.append(Warn(codes.EMPTY, empty_message))
    return record


def _clean_field(value: object) -> str | None:
    """A metadata value as a normalised, stripped string, or ``None`` when blank."""
    if value is None:
        return None
    value = normalize_text(str(value)).strip()
    return value or None


SIZE_UNITS = ("bytes", "KiB", "MiB", "GiB", "TiB")


def human_size(size: int) -> str:
    """``size`` bytes in words, e.g. ``"25.0 MiB"``."""
    amount, unit = float(size), 0
    while amount >= 1024 and unit < len(SIZE_UNITS) - 1:
        amount /= 1024
        unit += 1
    return f"{size} bytes" if unit == 0 else f"{amount:.1f} {SIZE_UNITS[unit]}"
