"""Turning the paths a user gives into the raw bytes of each input file.

Folders are walked recursively in path order, hidden files and folders (".name") are
skipped, and symbolic links to folders are followed (each real folder once). Every problem becomes a
text-less :class:`SourceText` instead of an exception. A file name that is not valid UTF-8 (any
bytes are allowed on Linux) is named in the records with its bad bytes escaped (``bad\\xff.txt``),
so that it can be written as JSON, stored and printed; the file itself is still read.
"""
from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from vankien.loaders.source import SourceText
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.manifest import is_manifest
from vankien.loaders.readers.records import failure, human_size

STDIN = "-"
STDIN_SOURCE = "<stdin>"


@dataclass(frozen=True)
class Input:
    """One file to read; ``path`` is ``None`` for standard input."""

    source: str
    path: Path | None

    @property
    def extension(self) -> str:
        return self.path.suffix.lower() if self.path else ""


def iter_inputs(paths: Iterable[str | bytes | Path]) -> Iterator[Input | SourceText]:
    """The files named by ``paths`` (folders expanded), or records for paths that fail.

    A single path (``str``, ``bytes`` or ``Path``) is taken as a list of one.
    """
    if isinstance(paths, (str, bytes, Path)):
        paths = [paths]
    for item in paths:
        if isinstance(item, bytes):
            item = os.fsdecode(item)
        if str(item) == STDIN:
            yield Input(STDIN_SOURCE, None)
            continue
        path = Path(item)
        name = source_name(path)
        try:
            is_folder = path.is_dir()
            exists = is_folder or path.exists()
        except (OSError, ValueError) as exc:       # ValueError: a NUL byte in the name
            yield failure(name, codes.UNREADABLE, f"cannot look at this path: {_reason(exc)}")
            continue
        if not exists:
            yield failure(name, codes.NOT_FOUND, "not found: no such file or folder")
        elif is_folder:
            yield from _walk_folder(path)
        else:
            yield Input(name, path)


def source_name(path: str | os.PathLike) -> str:
    """How records name ``path``: as given, with the bytes of a name that is not valid UTF-8
    escaped (``bad\\xff.txt``), since such a name cannot be written as UTF-8 text."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")
    return name


def _walk_folder(root: Path) -> Iterator[Input | SourceText]:
    """The visible files under ``root`` in path order, or an ``empty`` record if none."""
    found = False
    for item in _walk(root, set()):
        found = found or isinstance(item, Input)
        yield item
    if not found:
        yield failure(source_name(root), codes.EMPTY, "the folder has no files to read (hidden files and manifests are skipped)")


def _walk(folder: Path, visited: set[str]) -> Iterator[Input | SourceText]:
    """Depth-first walk, entries sorted by name; ``visited`` guards against link loops."""
    real = os.path.realpath(folder)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield failure(source_name(folder), codes.UNREADABLE, f"cannot list this folder: {_reason(exc)}")
        return
    for entry in entries:
        if entry.name.startswith(".") or (is_manifest(entry.name) and not _is_folder(entry)):
            continue            # hidden files, and a manifest: the texts' metadata, not a text
        if _is_folder(entry):
            yield from _walk(Path(entry.path), visited)
        else:
            yield Input(source_name(entry.path), Path(entry.path))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def load(item: Input, max_bytes: int) -> bytes | SourceText:
    """The bytes of ``item``, or a record saying why they were not read.

    The size is checked with ``stat`` before anything is read into memory, and no more than
    ``max_bytes + 1`` bytes are ever read (standard input, files that grow).
    """
    try:
        if item.path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            info = item.path.stat()
            if not stat.S_ISREG(info.st_mode):
                return failure(item.source, codes.UNREADABLE, "not a regular file (a device, pipe or socket?)")
            if info.st_size > max_bytes:
                return _too_large(item.source, human_size(info.st_size), max_bytes)
            with item.path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return failure(item.source, codes.NOT_FOUND, "not found: no such file (a broken link?)")
    except OSError as exc:
        return failure(item.source, codes.UNREADABLE, f"cannot read the file: {_reason(exc)}")
    if len(data) > max_bytes:
        return _too_large(item.source, f"more than {human_size(max_bytes)}", max_bytes)
    return data


def _too_large(source: str, size: str, max_bytes: int) -> SourceText:
    return failure(source, codes.TOO_LARGE,
                   f"the file is {size}, over the limit of {human_size(max_bytes)}; it was not read "
                   "(raise the limit with --max-size)")


def _reason(exc: Exception) -> str:
    """The operating system's words for ``exc`` ("Permission denied")."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
