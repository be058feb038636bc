"""A folder's manifest: which address each of its files was taken from (``data/manifest.toml``).

Researchers keep a table beside the texts they collect ("SOURCES.tsv": file, source URL, notes).
The address is the text's provenance: its ``url``, from which the publishing site's province is
known (``loaders/scope.py``). A manifest is metadata, not a text: walking a folder skips it.
"""
from __future__ import annotations

import csv
import functools
import io
import os
from pathlib import Path

from vankien.loaders.vocab import load_data

MAX_MANIFEST_BYTES = 20 * 1024 * 1024


@functools.cache
def _words() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    d = load_data("manifest.toml")
    return (frozenset(n.casefold() for n in d["names"]), tuple(c.casefold() for c in d["file_columns"]),
            tuple(c.casefold() for c in d["url_columns"]))


def is_manifest(name: str) -> bool:
    """``name`` (a file's name) is a manifest's."""
    return name.casefold() in _words()[0]


def url_for(path: str | os.PathLike, manifests: tuple[str, ...] | None = None) -> str | None:
    """The address the manifest beside ``path`` gives for it, else ``None``.

    The folder and name are ``Path(path).parent`` and ``.name``, worked out on the string (the
    readers' paths are normal: a ``Path``'s string, or a folder's listing joined to a name).
    ``manifests``: the manifests of that folder (sorted paths) as the walk that found ``path`` listed
    them, or ``None`` to look for them here: a stat of the folder, its listing read again when that
    changed."""
    if manifests is not None and not manifests:
        return None                                 # (most folders: no call to the system)
    location = os.fspath(path)
    folder, name = os.path.split(location)
    if manifests is None:
        folder = folder or "."                      # Path("a.txt").parent is "."
        try:
            listed = os.stat(folder).st_mtime_ns   # one stat per file; the folder is listed once
        except OSError:
            return None
        manifests = _manifests(folder, listed)
    for manifest in manifests:
        try:
            stat = os.stat(manifest)
        except OSError:
            continue
        urls = _read(manifest, stat.st_mtime_ns, stat.st_size)
        if name in urls:
            return urls[name]
    return None


@functools.lru_cache(maxsize=256)
def _manifests(folder: str, listed: int) -> tuple[str, ...]:
    """The manifests in ``folder`` (as listed at its modification time ``listed``)."""
    try:
        return tuple(sorted(e.path for e in os.scandir(folder) if is_manifest(e.name) and e.is_file()))
    except OSError:
        return ()


@functools.lru_cache(maxsize=64)
def _read(manifest: str, mtime_ns: int, size: int) -> dict[str, str]:
    """File name -> address, from one manifest (cached while the file is unchanged)."""
    if size > MAX_MANIFEST_BYTES:
        return {}
    try:
        raw = Path(manifest).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return {}
    dialect = "excel-tab" if "\t" in raw.split("\n", 1)[0] else "excel"
    rows = csv.reader(io.StringIO(raw), dialect=dialect)
    header = [h.strip().casefold() for h in next(rows, [])]
    _, file_columns, url_columns = _words()
    f = next((header.index(c) for c in file_columns if c in header), None)
    u = next((header.index(c) for c in url_columns if c in header), None)
    if f is None or u is None:
        return {}
    out: dict[str, str] = {}
    for row in rows:
        if len(row) > max(f, u):
            name, url = Path(row[f].strip()).name, row[u].strip()
            if name and url.startswith(("http://", "https://")):
                out.setdefault(name, url)
    return out
