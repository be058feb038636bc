"""Word documents (.docx): paragraphs and table cells in document order, one per line; a table of
``ROW_TABLE_COLUMNS`` columns or more (a plan's table of tasks) one row a line, its cells between
"|" as the HTML reader writes a page's tables, so that the columns stay apart.

A DOCX is a ZIP archive, untrusted: before anything is unpacked, the sizes its directory declares
are checked (zipfile never unpacks a part beyond its declared size), so that a few megabytes that
would unpack to gigabytes (a zip bomb) are refused without using the memory.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from vankien.loaders.source import SourceText
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.records import document, failure, human_size

READER = "docx"
MAX_UNPACKED = 256 * 1024 * 1024        # all parts together, unpacked
MAX_PARTS = 10_000
MAX_RATIO = 200                         # unpacked / packed size of one part ...
RATIO_FROM = 4 * 1024 * 1024            # ... checked for parts larger than this unpacked
ROW_TABLE_COLUMNS = 3                   # a table this wide is read a row a line (a letterhead's has two)


def read_docx(data: bytes, source: str) -> SourceText:
    """The text of the Word document in ``data``; headers and footers are left out."""
    unsafe = archive_problem(data)
    if unsafe:
        return failure(source, codes.UNSAFE_ARCHIVE, f"not read: {unsafe} (a zip bomb?)", reader=READER)
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


def archive_problem(data: bytes) -> str | None:
    """Why the ZIP archive in ``data`` is not safe to unpack, from the sizes it declares, or ``None``
    (also when it is no readable archive: the Word reader says what is wrong then)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if len(parts) > MAX_PARTS:
        return f"the archive holds {len(parts)} parts (limit {MAX_PARTS})"
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED:
        return f"it would unpack to {human_size(total)} (limit {human_size(MAX_UNPACKED)})"
    for p in parts:
        if p.file_size > RATIO_FROM and p.file_size > MAX_RATIO * max(p.compress_size, 1):
            return (f"its part {p.filename} would unpack from {human_size(p.compress_size)} to "
                    f"{human_size(p.file_size)} (more than {MAX_RATIO} times)")
    return None


def _lines(container: Document | _Cell) -> Iterator[str]:
    """Paragraph texts of ``container`` in order, descending into tables (merged cells once)."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table) and len(block.columns) >= ROW_TABLE_COLUMNS:
            for row in block.rows:
                # a cell merged across columns is repeated, so that every row has the header's width
                cells = (" ".join(" ".join(_lines(cell)).split()) for cell in row.cells)
                yield "| " + " | ".join(cells) + " |"
        elif isinstance(block, Table):
            seen: set[object] = set()       # the cells' XML elements, kept alive so identity holds
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _lines(cell)
