"""Files and folders in, records out: the loop of ``vankien extract`` (readers, then extract).

Kept apart from vankien.loaders.extract, which works on one text already read and needs none of the
readers' libraries (HTML, PDF, DOCX).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from vankien.loaders.extract import extract_source
from vankien.loaders.readers import DEFAULT_MAX_BYTES, read_paths


def extract_paths(paths: Iterable[str | Path], *, scope: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[dict[str, Any]]:
    """The ``vankien extract`` record of every input document at PATHS (files or folders, read
    recursively; a JSON Lines file gives one per line), in order. A bad input gives a record with its
    warnings and the run goes on. ``scope``: the locality of texts that do not name theirs."""
    for src in read_paths(paths, default_scope=scope, max_bytes=max_bytes):
        yield extract_source(src, scope=scope)
