"""Shards: the extraction records of a corpus as Parquet files, for ``vankien ingest`` to load.

``vankien shards`` (vankien.graph.distributed) extracts a corpus on a Dask cluster and writes a folder:

    DIR/part-00000.parquet ...   one file per partition of the inputs, rows in input order
    DIR/vankien-shards.json      the manifest, written last: a folder without it is not finished

A shard has one row per input document (a JSON Lines file gives one per record), in the columns of
``SHARD_SCHEMA``: where the text came from (``source``, ``url``, ``sha256``, ``reader``), whether it
could be read (``ok``), the reader's ``warnings``, and ``record``: the ``vankien extract`` record
(vankien.loaders.record.Record) as a nested Arrow struct whose type is derived from the Record
dataclasses, so that the shard and the JSON Lines output cannot drift apart. An unreadable input
keeps its row (``ok`` false, ``record`` null): the ingest reports it as a plain ingest does.

The manifest says what the run read: counts, the schema version, the shards with their rows,
and the inputs that could not be read, in the form of the ingest report's entries
(``{"source", "status": "skipped", "reason", "sha256", "warnings"}``).
"""
from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from vankien.loaders.record import Part, Record
from vankien.loaders.source import SourceText, Warn

MANIFEST = "vankien-shards.json"
FORMAT = "vankien-shards"
SCHEMA_VERSION = 1
SHARD_NAME = "part-{:05d}.parquet"

_PLAIN = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def _arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a field of the record (its dataclass type hint)."""
    if typing.get_origin(hint) is tuple:
        return pa.list_(_arrow_type(typing.get_args(hint)[0]))
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no Arrow type for {hint}")
        return _arrow_type(inner[0])
    if isinstance(hint, type) and issubclass(hint, Part):
        hints = typing.get_type_hints(hint)
        return pa.struct([pa.field(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(hint)])
    if hint in _PLAIN:
        return _PLAIN[hint]
    raise TypeError(f"no Arrow type for {hint}")


WARNING_TYPE = pa.struct([("code", pa.string()), ("message", pa.string()), ("start", pa.int64()),
                          ("end", pa.int64())])

# The one place the shards' columns are written down
SHARD_SCHEMA = pa.schema([
    ("source", pa.string()),            # path or URL ("path#L3" for a JSON Lines record), as ingest names it
    ("url", pa.string()),
    ("sha256", pa.string()),            # null when the input could not be read
    ("reader", pa.string()),
    ("ok", pa.bool_()),                 # the input could be read
    ("warnings", pa.list_(WARNING_TYPE)),   # the reader's warnings (the record holds the extractor's too)
    ("record", _arrow_type(Record)),    # the `vankien extract` record; null when not ok
], metadata={"format": FORMAT, "schema_version": str(SCHEMA_VERSION)})


class ShardError(ValueError):
    """A shard folder that cannot be read (the message says why, for the user)."""


@dataclass
class ShardText:
    """One row of a shard, as an ingest plans it: what a SourceText tells the ingest, and the
    record extracted from it."""
    source: str
    url: str | None
    sha256: str | None
    reader: str
    ok: bool
    warnings: list[Warn] = field(default_factory=list)
    record: dict[str, Any] | None = None


def shard_row(src: SourceText, record: Record | None) -> dict[str, Any]:
    """The shard row of one read input and its record (None when it could not be read)."""
    return {"source": src.source, "url": src.url, "sha256": src.sha256, "reader": src.reader, "ok": src.ok,
            "warnings": [w.to_dict() for w in src.warnings], "record": None if record is None else record.to_dict()}


def write_shard(path: Path, rows: list[dict[str, Any]]) -> None:
    """Rows (``shard_row``) as one Parquet file, written to a temporary name and renamed."""
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=SHARD_SCHEMA), tmp, compression="zstd")
    os.replace(tmp, path)


def skipped_entry(src: SourceText) -> dict[str, Any]:
    """An unreadable input as the ingest report lists it (vankien.graph.ingest)."""
    from vankien.graph.ingest import unreadable_reason

    return {"source": src.source, "status": "skipped", "reason": unreadable_reason(src), "sha256": src.sha256,
            "warnings": [{"code": w.code, "message": w.message} for w in src.warnings]}


def is_shard_folder(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a folder written by ``vankien shards`` (it holds the manifest)."""
    return (Path(path) / MANIFEST).is_file()


def read_manifest(folder: str | os.PathLike) -> dict[str, Any]:
    """The manifest of a shard folder, checked: its format, schema version and shard files."""
    folder = Path(folder)
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ShardError(f"{folder}: not a shard folder (no {MANIFEST}: written last, so the run that "
                         "wrote it may not have finished)") from None
    except (OSError, ValueError) as e:
        raise ShardError(f"{path}: cannot read the manifest: {e}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ShardError(f"{path}: not a vankien shard manifest")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise ShardError(f"{path}: shards of schema version {manifest.get('schema_version')}, this vankien reads "
                         f"version {SCHEMA_VERSION}: write them again with this version's `vankien shards`")
    missing = [s["file"] for s in manifest.get("shards", []) if not (folder / s["file"]).is_file()]
    if missing:
        raise ShardError(f"{folder}: shard files missing: {', '.join(missing[:5])}"
                         + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    return manifest


def read_shards(folders: list[str | os.PathLike]) -> Iterator[ShardText]:
    """Every row of the shard folders, in order (folders as given, shards in partition order)."""
    for folder in folders:
        folder = Path(folder)
        for shard in read_manifest(folder)["shards"]:
            path = folder / shard["file"]
            try:
                pf = pq.ParquetFile(path)
            except (OSError, pa.ArrowInvalid) as e:
                raise ShardError(f"{path}: cannot read the shard: {e}") from None
            if not pf.schema_arrow.remove_metadata().equals(SHARD_SCHEMA.remove_metadata()):
                raise ShardError(f"{path}: its columns are not those of schema version {SCHEMA_VERSION}")
            for chunk in pf.iter_batches(batch_size=2000):
                for row in chunk.to_pylist():
                    yield ShardText(row["source"], row["url"], row["sha256"], row["reader"], row["ok"],
                                    [Warn(**w) for w in row["warnings"]], row["record"])
