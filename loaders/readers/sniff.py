"""Which reader a document needs: by its content first, then by its file extension."""
from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass

HTML_EXTENSIONS = frozenset({".htm", ".html", ".xhtml", ".shtml"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".json"})
TEXT_EXTENSIONS = frozenset({".txt", ".md", ".text", ".csv", ".tsv"})
DOCX_EXTENSIONS = frozenset({".docx", ".docm", ".dotx"})
PDF_EXTENSIONS = frozenset({".pdf"})

PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW = 1024          # PDF readers accept junk before the header
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
DOCX_MAIN_PART = "word/document.xml"
HTML_MARKERS = (b"<!doctype html", b"<html", b"<body")
HTML_MARKER_WINDOW = 1024

# Signatures of common non-text files, with what to tell the user.
BINARY_MAGICS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image (OCR it first)"),
    (b"MM\x00*", "a TIFF image (OCR it first)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls): save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document: save it as .docx or plain text"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive: unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: unpack it first"),
    (b"\x7fELF", "an executable program"),
)
_ANY_BINARY_MAGIC = tuple(magic for magic, _ in BINARY_MAGICS)


@dataclass(frozen=True)
class Sniffed:
    """The reader to use (``"text"``, ``"html"``, ``"docx"``, ``"pdf"``, ``"jsonl"`` or
    ``"binary"``); for ``"binary"``, ``what`` says what the file seems to be."""

    kind: str
    what: str | None = None


def sniff(data: bytes, extension: str = "") -> Sniffed:
    """The kind of document in ``data``; ``extension`` (lower case, with its dot) breaks ties."""
    if data.find(PDF_MAGIC, 0, PDF_MAGIC_WINDOW) >= 0:     # in data[:PDF_MAGIC_WINDOW], without the copy
        return Sniffed("pdf")
    if data.startswith(ZIP_MAGICS):
        return _sniff_zip(data, extension)
    if data.startswith(_ANY_BINARY_MAGIC):      # one test for the usual case, a text
        for magic, what in BINARY_MAGICS:
            if data.startswith(magic):
                return Sniffed("binary", what)
    if extension in HTML_EXTENSIONS:
        return Sniffed("html")
    if extension in JSONL_EXTENSIONS and data.removeprefix(codecs.BOM_UTF8).lstrip()[:1] in (b"{", b"["):
        return Sniffed("jsonl")             # records often hold HTML: do not sniff it as a page
    if looks_like_html(data):
        return Sniffed("html")
    for kind, extensions in (("pdf", PDF_EXTENSIONS), ("docx", DOCX_EXTENSIONS), ("jsonl", JSONL_EXTENSIONS)):
        if extension in extensions:
            return Sniffed(kind)
    return Sniffed("text")


def looks_like_html(data: bytes) -> bool:
    """Whether an HTML marker (``<html``, ``<!doctype html``, ``<body``) opens the data."""
    if data.find(b"<", 0, HTML_MARKER_WINDOW) < 0:
        return False                        # every marker opens with "<": most texts have none
    head = data[:HTML_MARKER_WINDOW].lower()
    return any(marker in head for marker in HTML_MARKERS)


def _sniff_zip(data: bytes, extension: str) -> Sniffed:
    """A Word document if the archive has its main part, else a binary archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        if extension in DOCX_EXTENSIONS:
            return Sniffed("docx")          # let the Word reader say what is wrong with it
        return Sniffed("binary", "a damaged ZIP archive")
    if DOCX_MAIN_PART in names:
        return Sniffed("docx")
    if "content.xml" in names and "mimetype" in names:
        return Sniffed("binary", "an OpenDocument file: save it as .docx")
    return Sniffed("binary", "a ZIP archive that is not a Word document: unpack it first")
