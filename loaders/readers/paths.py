"""Turning the paths a user gives into the raw bytes of each input file.

Folders are walked recursively in path order and symbolic links to folders are followed (each real
folder once). A folder gives its document files only: files with a document's extension, or with none
and content that looks like one (``data/inputs.toml``); hidden files and folders (".name"), the folder's
manifest, its README, LICENSE and the like, other files, and what ``exclude`` globs name (or ``include``
globs do not) are passed over, each reported to ``on_skip`` with its kind (:data:`SKIP_KINDS`). A file
named explicitly is always read. Every problem becomes a
text-less :class:`SourceText` instead of an exception. A file name that is not valid UTF-8 (any
bytes are allowed on Linux) is named in the records with its bad bytes escaped (``bad\\xff.txt``),
so that it can be written as JSON, stored and printed; the file itself is still read.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from vankien.loaders.source import SourceText
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.manifest import is_manifest
from vankien.loaders.readers.records import failure, human_size
from vankien.loaders.readers.sniff import sniff
from vankien.loaders.vocab import load_data

STDIN = "-"
STDIN_SOURCE = "<stdin>"
SNIFF_BYTES = 4096          # read from a file with no extension to see whether it is a document

# Why a file found in a folder is not read (the keys of ``on_skip``'s kind), with how to say it.
SKIP_KINDS = {
    "hidden": "hidden files and folders",
    "manifest": "manifests (their addresses are used)",
    "project file": "README, LICENSE and similar files",
    "not a document": "files that are not documents",
    "excluded": "files excluded by --exclude",
    "not included": "files not matched by --include",
}
OnSkip = Callable[[str, str, str], None]     # (source, kind, detail) of a file passed over


@functools.cache
def _document_files() -> tuple[frozenset[str], frozenset[str]]:
    d = load_data("inputs.toml")
    return frozenset(e.lower() for e in d["extensions"]), frozenset(n.casefold() for n in d["project_files"])


@dataclass(frozen=True)
class WalkFilter:
    """Which files of a walked folder to read: globs on the path inside the folder (``a/b.txt``) or
    on the file's name; ``include`` (when given) also takes files that are not documents by extension."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @staticmethod
    def _hit(globs: tuple[str, ...], rel: str, name: str) -> bool:
        matches = _any_glob(globs)
        return matches is not None and (matches(rel) is not None or matches(name) is not None)

    def excluded(self, rel: str, name: str) -> bool:
        return self._hit(self.exclude, rel, name)

    def included(self, rel: str, name: str) -> bool:
        return self._hit(self.include, rel, name)


@functools.lru_cache(maxsize=64)
def _any_glob(globs: tuple[str, ...]) -> Callable[[str], re.Match | None] | None:
    """One match for all of ``globs``: ``fnmatch.fnmatchcase(s, g)`` is ``translate(g)`` (anchored at
    both ends) matching ``s``, so their alternation matches ``s`` where any of them does. ``None`` for
    no globs."""
    if not globs:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in globs)).match


@dataclass(frozen=True)
class Input:
    """One file to read: ``source`` names it in the records, ``location`` is its path (``None`` for
    standard input). A file found in a folder keeps the string its listing gave: a ``Path`` object
    (``path``) costs more to build than a small file costs to read, so it is built only when asked for.
    ``regular``: the listing said it is a regular file (not a link), so it is opened without a ``stat``
    first (:func:`load`); ``manifests``: the folder's manifests as its listing found them (paths, sorted),
    ``None`` for a file named on its own (``manifest.url_for`` looks for them)."""

    source: str
    location: str | os.PathLike | None
    regular: bool = False
    manifests: tuple[str, ...] | None = None

    @property
    def path(self) -> Path | None:
        return None if self.location is None else Path(self.location)

    @property
    def extension(self) -> str:
        return "" if self.location is None else _suffix(os.path.basename(os.fspath(self.location)))


def _suffix(name: str) -> str:
    """The lower-case extension of a file named ``name`` as ``Path(name).suffix`` gives it (``""`` for
    ".hidden", "name." or none), without building a ``Path``."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def iter_inputs(paths: Iterable[str | bytes | Path], *, include: Sequence[str] = (), exclude: Sequence[str] = (),
                on_skip: OnSkip | None = None) -> Iterator[Input | SourceText]:
    """The files named by ``paths`` (folders expanded to their document files), or records for paths
    that fail. ``include`` / ``exclude``: globs choosing the files of folders; ``on_skip(source, kind,
    detail)`` hears of every file of a folder passed over.

    A single path (``str``, ``bytes`` or ``Path``) is taken as a list of one.
    """
    if isinstance(paths, (str, bytes, Path)):
        paths = [paths]
    chosen = WalkFilter(tuple(include), tuple(exclude))
    skip = on_skip or (lambda source, kind, detail: None)
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
            yield from _walk_folder(path, chosen, skip)
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


def _walk_folder(root: Path, chosen: WalkFilter, skip: OnSkip) -> Iterator[Input | SourceText]:
    """The document files under ``root`` in path order, or an ``empty`` record if none."""
    found = passed = False

    def skipped(source: str, kind: str, detail: str) -> None:
        nonlocal passed
        passed = True
        skip(source, kind, detail)

    for item in _walk("", root, set(), chosen, skipped):
        found = found or isinstance(item, Input)
        yield item
    if not found:
        yield failure(source_name(root), codes.EMPTY,
                      "the folder has no document files to read" + (" (hidden files, manifests, README and "
                                                                   "other files that are not documents are skipped)"
                                                                   if passed else ""))


def _walk(inside: str, folder: Path, visited: set[str], chosen: WalkFilter,
          skip: OnSkip) -> Iterator[Input | SourceText]:
    """Depth-first walk, entries sorted by name; ``visited`` guards against link loops. ``inside``: the
    path of ``folder`` inside the walked one (``""``, ``"a/"``, ``"a/b/"``), for the globs."""
    real = os.path.realpath(folder)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield failure(source_name(folder), codes.UNREADABLE, f"cannot list this folder: {_reason(exc)}")
        return
    globs = bool(chosen.include or chosen.exclude)
    manifest_names = {entry.name for entry in entries if is_manifest(entry.name)}
    manifests = tuple(entry.path for entry in entries if entry.name in manifest_names and _is_file(entry))
    for entry in entries:
        name = entry.name
        source = source_name(entry.path)
        rel = inside + name if globs else ""     # only globs look at it
        is_folder = _is_folder(entry)
        if entry.name.startswith("."):
            skip(source + ("/" if is_folder else ""), "hidden", "")
        elif globs and chosen.excluded(rel, entry.name):
            skip(source + ("/" if is_folder else ""), "excluded", "")
        elif is_folder:
            yield from _walk(rel + "/" if globs else "", Path(entry.path), visited, chosen, skip)
        elif name in manifest_names:
            skip(source, "manifest", "")        # the texts' metadata, not a text
        elif chosen.include:
            if chosen.included(rel, entry.name):
                yield Input(source, entry.path, _is_regular(entry), manifests)
            else:
                skip(source, "not included", "")
        else:
            kind, detail = _not_a_document(entry.path, name)
            if kind:
                skip(source, kind, detail)
            else:
                yield Input(source, entry.path, _is_regular(entry), manifests)


def _not_a_document(path: str, name: str) -> tuple[str | None, str]:
    """Why the file at ``path`` (named ``name``), found in a folder, is not one of its documents: (kind,
    detail), or (None, "") for a document. By name and extension; a file with no extension by its first
    bytes."""
    extensions, project = _document_files()
    suffix = _suffix(name)      # the extension and stem as pathlib's suffix and stem say, without a Path
    stem = name[:-len(suffix)] if suffix else name
    if stem.casefold() in project or name.casefold() in project:
        return "project file", name
    if suffix:
        return (None, "") if suffix in extensions else ("not a document", suffix)
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None, ""             # read it: the reader says what is wrong
    sniffed = sniff(head)
    if sniffed.kind == "binary" or b"\x00" in head and sniffed.kind == "text":
        return "not a document", "no extension"
    return None, ""


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _is_regular(entry: os.DirEntry) -> bool:
    """The listing says ``entry`` is a regular file, not a link (told by the listing, no ``stat``)."""
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def load(item: Input, max_bytes: int) -> bytes | SourceText:
    """The bytes of ``item``, or a record saying why they were not read.

    The size is checked with ``stat`` before anything is read into memory, and no more than
    ``max_bytes + 1`` bytes are ever read (standard input, files that grow). A file its folder's listing
    gave as a regular file is opened first and its size taken from the open file (:func:`_read_regular`).
    """
    try:
        if item.location is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            data = _read_regular(item.location, max_bytes) if item.regular else None
            if data is None:        # not known to be a regular file, or _read_regular left it: stat first
                info = os.stat(item.location)
                if not stat.S_ISREG(info.st_mode):
                    return failure(item.source, codes.UNREADABLE, "not a regular file (a device, pipe or socket?)")
                if info.st_size > max_bytes:
                    return _too_large(item.source, human_size(info.st_size), max_bytes)
                with open(item.location, "rb", buffering=0) as handle:     # what Path.open does, without a Path
                    data = _read_at_most(handle.read, info.st_size, max_bytes + 1)
    except FileNotFoundError:
        return failure(item.source, codes.NOT_FOUND, "not found: no such file (a broken link?)")
    except OSError as exc:
        return failure(item.source, codes.UNREADABLE, f"cannot read the file: {_reason(exc)}")
    if len(data) > max_bytes:
        return _too_large(item.source, f"more than {human_size(max_bytes)}", max_bytes)
    return data


# reading, in binary (Windows opens in text otherwise), without waiting (a pipe: told apart by fstat)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_regular(location: str | os.PathLike, max_bytes: int) -> bytes | None:
    """The bytes of a file its folder's listing gave as a regular file, opened without a ``stat`` first
    (the open file's ``fstat`` gives its size: one call to the system fewer, and no file object), or
    ``None`` where :func:`load`'s usual way must say what is wrong: the file cannot be opened, is no
    longer a regular file (opened without waiting, should a pipe have taken its place) or is too large."""
    try:
        fd = os.open(location, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        return _read_at_most(functools.partial(os.read, fd), info.st_size, max_bytes + 1)
    finally:
        os.close(fd)


READ_CHUNK = 64 * 1024      # read on in pieces of this size past the size ``stat`` gave


def _read_at_most(read: Callable[[int], bytes], expected: int, limit: int) -> bytes:
    """At most ``limit`` bytes of a file (``read(n)``: its next ``n`` bytes at most), whose size was
    ``expected``: that many and one more asked at once (asking for ``limit`` would allocate it, 25 MiB
    for every small file), then on in pieces while the file gives more (it grew since, or a read came
    short). Exactly ``expected`` bytes is the whole file (the one more asked was not there): the usual
    case, one read."""
    data = read(min(expected + 1, limit))
    parts = [data]
    got = len(data)
    if got == expected:
        return data
    while got < limit:
        more = read(min(limit - got, READ_CHUNK))
        if not more:
            break
        parts.append(more)
        got += len(more)
    return data if len(parts) == 1 else b"".join(parts)


def _too_large(source: str, size: str, max_bytes: int) -> SourceText:
    return failure(source, codes.TOO_LARGE,
                   f"the file is {size}, over the limit of {human_size(max_bytes)}; it was not read "
                   "(raise the limit with --max-size)")


def _reason(exc: Exception) -> str:
    """The operating system's words for ``exc`` ("Permission denied")."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def count_inputs(paths: Iterable[str | bytes | Path], *, include: Sequence[str] = (),
                 exclude: Sequence[str] = ()) -> tuple[int, int | None, dict[str, int]]:
    """(files, bytes, each file's size by its source name) of what ``iter_inputs`` gives, from the
    folders' listings and ``stat`` alone (nothing is read but the first bytes of files with no
    extension); bytes is ``None`` when standard input is among them (its size is not known)."""
    sizes: dict[str, int] = {}
    unknown = False
    for item in iter_inputs(paths, include=include, exclude=exclude):
        if isinstance(item, Input):
            if item.location is None:
                unknown = True
                continue
            try:
                sizes[item.source] = os.stat(item.location).st_size
            except OSError:
                sizes[item.source] = 0
    return len(sizes) + unknown, None if unknown else sum(sizes.values()), sizes
