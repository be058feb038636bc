"""Word documents (.docx): paragraphs and table cells in document order, one per line."""
from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from vankien.loaders.source import SourceText
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.records import document, failure

READER = "docx"


def read_docx(data: bytes, source: str) -> SourceText:
    """The text of the Word document in ``data``; headers and footers are left out."""
    try:
        doc = docx.Document(io.BytesIO(data))
        lines = [line for line in _lines(doc) if line.strip()]
        title = doc.core_properties.title
    except Exception as exc:  # noqa: BLE001 - zipfile, lxml and python-docx raise many kinds
        return failure(source, codes.UNREADABLE_DOCX,
                       f"not a readable Word document ({type(exc).__name__}: {exc}); "
                       "open and re-save it in Word or LibreOffice", reader=READER)
    return document(source, "\n".join(lines), reader=READER, title=title,
                    empty_message="the Word document has no text")


def _lines(container: Document | _Cell) -> Iterator[str]:
    """Paragraph texts of ``container`` in order, descending into tables (merged cells once)."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            seen: set[object] = set()       # the cells' XML elements, kept alive so identity holds
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _lines(cell)
