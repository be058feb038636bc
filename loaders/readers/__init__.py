"""Readers: files, folders and bytes -> :class:`~vankien.loaders.source.SourceText` records.

    read_paths(paths)          files and folders (recursively), "-" for standard input
    read_bytes(data, source)   one document already in memory

The kind of each document is sniffed from its content (``%PDF``, a ZIP holding
``word/document.xml``, HTML markers), then from its extension; anything else is read as
text in whatever encoding fits (:mod:`.encoding`). Each reader lives in its own module:
:mod:`.text`, :mod:`.html`, :mod:`.docx`, :mod:`.pdf`, :mod:`.jsonl`.

Nothing here raises for bad input: a file that cannot be read still gives a record, with
``text=None`` and a :class:`~vankien.loaders.source.Warn` whose code is listed in :mod:`.codes`;
whatever a reader raises on one input (out of memory, recursion, a library's bug) becomes such a
record too (``read_failed``), and the other inputs are read.
Every record carries its provenance: ``source``, ``sha256`` of the raw bytes (of the
record's text for JSON Lines), ``reader`` and ``encoding``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from vankien.loaders.source import SourceText, Warn
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.docx import read_docx
from vankien.loaders.readers.html import read_html
from vankien.loaders.readers.jsonl import read_jsonl
from vankien.loaders.readers.manifest import url_for
from vankien.loaders.readers.paths import OnSkip, iter_inputs, load
from vankien.loaders.readers.pdf import read_pdf
from vankien.loaders.readers.records import failure
from vankien.loaders.readers.sniff import Sniffed, sniff
from vankien.loaders.readers.text import read_text
from vankien.loaders.readers.vietnamese import MIN_VIETNAMESE_SHARE, language_check

__all__ = ["read_paths", "read_bytes", "DEFAULT_MAX_BYTES", "KINDS"]

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
MAX_ERROR_CHARS = 200           # of an unexpected error's message, in a record

# Readers that turn one document's bytes into one record.
READERS: dict[str, Callable[[bytes, str], SourceText]] = {
    "text": read_text,
    "html": read_html,
    "docx": read_docx,
    "pdf": read_pdf,
}
KINDS = tuple(READERS)


def read_paths(paths: Iterable[str | Path], *, default_scope: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, include: Sequence[str] = (), exclude: Sequence[str] = (),
               on_skip: OnSkip | None = None) -> Iterator[SourceText]:
    """One record per document found at ``paths`` (a JSON Lines file gives one per line).

    ``default_scope`` goes into ``scope`` unless a record names its own; files larger than
    ``max_bytes`` are reported, not read. Folders give their document files only (``include`` /
    ``exclude`` globs choose among them); ``on_skip(source, kind, detail)`` hears of the others
    (loaders/readers/paths.py).
    """
    for item in iter_inputs(paths, include=include, exclude=exclude, on_skip=on_skip):
        if isinstance(item, SourceText):
            yield _finish(item, None, default_scope)
            continue
        data = load(item, max_bytes)
        if isinstance(data, SourceText):
            yield _finish(data, None, default_scope)
            continue
        url = url_for(item.location, item.manifests) if item.location is not None else None     # the folder's manifest
        for record in _documents(data, item.source, item.extension, default_scope=default_scope):
            if url is not None and record.url is None:
                record.url = url
            yield record


def read_bytes(data: bytes, source: str, *, kind: str | None = None,
               default_scope: str | None = None) -> SourceText:
    """The record for one document in ``data``; ``kind`` (one of :data:`KINDS`) skips sniffing.

    ``source`` names the document in the record and its extension helps the sniffing.
    """
    if kind is not None and kind not in READERS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)} or None")
    return next(_documents(data, source, _extension(source), kind=kind,
                           default_scope=default_scope, split_records=False))


def _documents(data: bytes, source: str, extension: str, *, kind: str | None = None,
               default_scope: str | None = None, split_records: bool = True) -> Iterator[SourceText]:
    """The records in one input's bytes, each finished with provenance and checks."""
    digest = hashlib.sha256(data).hexdigest()
    sniffed = Sniffed(kind) if kind else sniff(data, extension)
    read: Callable[[], Iterable[SourceText]]
    if not data:
        read = lambda: [failure(source, codes.EMPTY, "the file is empty (0 bytes)")]
    elif sniffed.kind == "binary":
        read = lambda: [failure(source, codes.BINARY, f"not a text document: it looks like {sniffed.what}")]
    elif sniffed.kind == "jsonl" and split_records:
        read = lambda: read_jsonl(data, source, default_scope=default_scope)
    else:
        read = lambda: [READERS.get(sniffed.kind, read_text)(data, source)]
    for record in _isolated(read, source, sniffed.kind):
        yield _finish(record, digest, default_scope)


def _isolated(read: Callable[[], Iterable[SourceText]], source: str, kind: str) -> Iterator[SourceText]:
    """The records ``read()`` gives; if reading raises, the records given so far and one that says
    why: one input never ends a run."""
    try:
        yield from read()
    except Exception as exc:  # noqa: BLE001 - any failure (RecursionError, MemoryError too) stays here
        message = str(exc)[:MAX_ERROR_CHARS] if not isinstance(exc, MemoryError) else "out of memory"
        yield failure(source, codes.READ_FAILED,
                      f"the {kind} reader failed on this input ({type(exc).__name__}: {message}); "
                      "the other inputs are read", reader=kind)


def _finish(record: SourceText, digest: str | None, default_scope: str | None) -> SourceText:
    """Fill in what every record gets: hash, scope and the language check."""
    if record.sha256 is None:
        record.sha256 = digest
    if record.scope is None:
        record.scope = default_scope
    verdict, share, count = language_check(record.text) if record.text is not None else (None, None, None)
    if verdict is False:
        record.warnings.append(Warn(
            codes.NOT_VIETNAMESE,
            f"only {share:.0%} of the {count} words looked at carry Vietnamese diacritics (expected at least "
            f"{MIN_VIETNAMESE_SHARE:.0%}): the text does not look Vietnamese, or was typed without "
            "diacritics; it is kept as is"))
    return record


def _extension(source: str) -> str:
    """The lower-case extension of a path or URL (``".html"``), or ``""``."""
    path = urlsplit(source).path if "://" in source else source
    return Path(path).suffix.lower()
