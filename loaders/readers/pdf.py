"""PDF files: the text layer via pypdf, pages joined by a blank line.

Scanned PDFs have no text layer; they are reported, not OCR'd. A PDF is untrusted: pypdf bounds
what one stream may decompress to (75 MB, ``pypdf.filters``), and no more than ``MAX_PAGES`` pages
are read (the rest is reported).
"""
from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from vankien.loaders.source import SourceText, Warn
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.records import document, failure

READER = "pdf"
PAGE_SEPARATOR = "\n\n"
SCANNED_MESSAGE = "no text layer: the PDF seems to be scanned images; OCR it first"
MAX_PAGES_LISTED = 20
MAX_PAGES = 5000

# pypdf logs every repaired cross-reference table; damaged files are reported by our warnings.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(data: bytes, source: str) -> SourceText:
    """The text layer of the PDF in ``data``."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return failure(source, codes.UNREADABLE_PDF,
                           "the PDF is encrypted with a password; decrypt it first", reader=READER)
        pages = reader.pages
        count = len(pages)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        return failure(source, codes.UNREADABLE_PDF,
                       f"not a readable PDF ({type(exc).__name__}: {exc})", reader=READER)
    if count == 0:
        return failure(source, codes.UNREADABLE_PDF, "the PDF has no pages", reader=READER)
    texts: list[str] = []
    blank: list[int] = []
    warnings: list[Warn] = []
    if count > MAX_PAGES:
        warnings.append(Warn(codes.TOO_LARGE, f"the PDF has {count} pages: only the first {MAX_PAGES} were read"))
    for number in range(1, min(count, MAX_PAGES) + 1):
        try:
            text = (pages[number - 1].extract_text() or "").strip()
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
            warnings.append(Warn(codes.UNREADABLE_PDF,
                                 f"page {number} could not be read ({type(exc).__name__}: {exc})"))
            continue
        if text:
            texts.append(text)
        else:
            blank.append(number)
    if not texts:
        return failure(source, codes.NO_TEXT_LAYER, SCANNED_MESSAGE, reader=READER, warnings=warnings)
    if blank:
        listed = ", ".join(map(str, blank[:MAX_PAGES_LISTED])) + (", ..." if len(blank) > MAX_PAGES_LISTED else "")
        pages_word = "page" if len(blank) == 1 else "pages"
        warnings.append(Warn(codes.NO_TEXT_LAYER,
                             f"{len(blank)} of {count} pages without a text layer ({pages_word} {listed}): "
                             "they seem to be scanned images; OCR them first"))
    title = _metadata_title(reader)
    return document(source, PAGE_SEPARATOR.join(texts), reader=READER, title=title, warnings=warnings)


def _metadata_title(reader: PdfReader) -> str | None:
    """The document title from the PDF metadata, if any can be read."""
    try:
        return reader.metadata.title if reader.metadata else None
    except Exception:  # noqa: BLE001 - metadata of damaged files
        return None
