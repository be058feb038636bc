"""Plain-text files (.txt, .md, anything unrecognised): decode and normalise."""
from __future__ import annotations

from vankien.loaders.source import SourceText
from vankien.loaders.readers.encoding import decode_bytes
from vankien.loaders.readers.records import document

READER = "text"


def read_text(data: bytes, source: str) -> SourceText:
    """Decode ``data`` with :func:`decode_bytes`; the record is text-less if that fails."""
    decoded = decode_bytes(data)
    reader = READER if decoded.text is not None else "none"
    return document(source, decoded.text, reader=reader, encoding=decoded.encoding,
                    warnings=decoded.warnings, normalized=True)
