"""The bulk path into Neo4j: CSV files for ``neo4j-admin database import full``.

One file per node label and one per relationship type, each with its typed header line
(graph/schema.py types: ``:long``, ``:double``, ``:boolean``, ``:date``, ``:string[]``; strings
untyped). Node keys are ``:ID`` columns in an ID space named after the label, so a Document id can
never be taken for an Organization id; relationship files name the space of each end
(``:START_ID(Document)``, ``:END_ID(Organization)``) and their type (``:TYPE``).

Values are quoted the RFC 4180 way (a quote doubled, fields with commas, quotes or line breaks
quoted), so Vietnamese text with commas, quotes, semicolons and line breaks survives; the import
needs ``--multiline-fields=true``. Arrays are joined with a delimiter that no element contains
(``|`` by default; an element holding it stops the export with a message). An empty field is no
property. The files are written streaming, page by page from the store.

``export_csv_from_shards`` writes them from the Parquet shards of ``vankien shards`` instead: the
shards hold each text's extraction record, but the graph's identities (which mentions are one
document, which references are placed) are decided corpus-wide when the records are loaded, by the
ingest. So the shards are loaded, by ``ingest_shards`` (the path ``vankien ingest SHARD_DIR`` takes,
an empty store loaded in bulk), into a temporary embedded store that is exported and removed: the
files are those of exporting a store that ``vankien ingest`` built from the same shards.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import shlex
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vankien.graph.stores.neo4j_cypher import schema_statements
from vankien.graph.model.schema import NODES, PRIMARY_KEY, REL_BY_NAME, RELATIONSHIPS, RelTable
from vankien.graph.stores.base import GraphStore
from vankien.graph.exchange.pages import PAGE, edge_pages, edge_sources, node_pages

ARRAY_DELIMITER = "|"
CSV_TYPES = {"STRING": "", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "DATE": "date",
             "STRING[]": "string[]"}
SCHEMA_FILE = "schema.cypher"
COMMAND_FILE = "import-command.txt"


class ExportError(ValueError):
    """The graph cannot be written as neo4j-admin CSV as asked (the message says why)."""


def _typed(name: str, kind: str) -> str:
    suffix = CSV_TYPES[kind]
    return f"{name}:{suffix}" if suffix else name


def node_header(label: str) -> list[str]:
    key = PRIMARY_KEY[label]
    return [f"{key}:ID({label})", ":LABEL"] + [_typed(p, t) for p, t in NODES[label].items() if p != key]


def relationship_header(rel: RelTable) -> list[str]:
    return [f":START_ID({rel.src})", f":END_ID({rel.dst})", ":TYPE"] + [_typed(p, t) for p, t in rel.props.items()]


def cell(value: Any, kind: str, delimiter: str = ARRAY_DELIMITER) -> str:
    """One value as neo4j-admin reads it for its type; '' (no property) for null and empty."""
    if value is None:
        return ""
    if kind == "BOOLEAN":
        return "true" if value else "false"
    if kind == "DATE":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind.endswith("[]"):
        items = [str(v) for v in value or () if v not in (None, "")]
        bad = next((v for v in items if delimiter in v), None)
        if bad is not None:
            raise ExportError(f"an array element contains the array delimiter {delimiter!r}: {bad!r}; "
                              f"choose another with --array-delimiter")
        return delimiter.join(items)
    return str(value)


@dataclass
class CsvExport:
    folder: Path
    delimiter: str = ARRAY_DELIMITER
    files: dict[str, int] = field(default_factory=dict)      # file name -> rows written

    @property
    def node_files(self) -> list[str]:
        return [f for f in self.files if f.startswith("nodes-")]

    @property
    def relationship_files(self) -> list[str]:
        return [f for f in self.files if f.startswith("relationships-")]

    def import_command(self, folder: str | None = None, database: str = "neo4j") -> str:
        """The neo4j-admin command importing these files (``folder``: where the server sees them)."""
        where = folder or str(self.folder.resolve())
        parts = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination",
                 "--id-type=string", f"--array-delimiter=U+{ord(self.delimiter):04X}", "--multiline-fields=true"]
        parts += [f"--nodes={where}/{f}" for f in self.node_files]
        parts += [f"--relationships={where}/{f}" for f in self.relationship_files]
        return " ".join(shlex.quote(p) for p in parts)

    def instructions(self) -> str:
        return "\n".join([
            f"wrote {sum(self.files.values())} rows in {len(self.files)} files to {self.folder}",
            *(f"  {name}: {n}" for name, n in self.files.items()),
            "",
            "Import them into a stopped Neo4j 5 (this REPLACES the database named in the command):",
            f"  {self.import_command()}",
            "or, with the compose.yaml of vankien (the folder mounted as /import):",
            "  docker compose stop neo4j",
            f"  docker compose run --rm -v {shlex.quote(str(self.folder.resolve()))}:/import:ro neo4j "
            f"{self.import_command('/import')}",
            "  docker compose start neo4j",
            "or into a fresh database served by tools/neo4j-server (in vankien's repository; no Neo4j installed):",
            f"  make neo4j-import CSV={shlex.quote(str(self.folder))}",
            f"then create the constraints and indexes: cypher-shell -f {shlex.quote(str(self.folder / SCHEMA_FILE))} "
            "(or run `vankien push neo4j`, which creates them too).",
        ])


def _check_delimiter(delimiter: str) -> None:
    if len(delimiter) != 1 or delimiter in ',"\n\r':
        raise ExportError(f"the array delimiter must be one character other than a comma, a quote or a line "
                          f"break: {delimiter!r}")


def export_csv_from_shards(shard_folders: Iterable[str | os.PathLike] | str | os.PathLike, folder: Path, *,
                           delimiter: str = ARRAY_DELIMITER, page: int = PAGE,
                           temp_dir: str | os.PathLike | None = None) -> CsvExport:
    """Write the graph of the shard folders (written by ``vankien shards``) into ``folder``: the files
    ``export_csv`` writes from a store that ``ingest_shards`` loaded from them. The shards are loaded into
    a temporary embedded store (in ``temp_dir``, default the system's temporary folder; it needs about
    the room of that store), removed afterwards. Raises ShardError for a folder that is not a finished
    shard folder and ExportError for a bad delimiter, before anything is loaded or written."""
    from vankien.graph.distributed import ingest_shards
    from vankien.graph.shards import ShardError, read_manifest
    from vankien.graph.stores import open_store

    _check_delimiter(delimiter)
    folders = [shard_folders] if isinstance(shard_folders, (str, os.PathLike)) else list(shard_folders)
    if not folders:
        raise ShardError("no shard folders given")
    for shard_folder in folders:
        read_manifest(shard_folder)             # a finished shard folder, or a message now
    with tempfile.TemporaryDirectory(prefix="vankien-csv-store-", dir=temp_dir) as tmp:
        with open_store(Path(tmp) / "store") as store:
            ingest_shards(folders, store)
            return export_csv(store, folder, delimiter=delimiter, page=page)


def export_csv(store: GraphStore, folder: Path, *, delimiter: str = ARRAY_DELIMITER, page: int = PAGE) -> CsvExport:
    """Write the whole graph of ``store`` into ``folder`` (see the module's docstring)."""
    _check_delimiter(delimiter)
    folder.mkdir(parents=True, exist_ok=True)
    out = CsvExport(folder, delimiter)
    for label, props in NODES.items():
        with _Writer(folder / f"nodes-{label}.csv", node_header(label)) as w:
            key = PRIMARY_KEY[label]
            for nodes in node_pages(store, label, page):
                for n in nodes:
                    w.row([n[key], label] + [cell(n[p], t, delimiter) for p, t in props.items() if p != key])
        out.files.update(w.result())
    writers = {r.name: _Writer(folder / f"relationships-{r.name}.csv", relationship_header(r)) for r in RELATIONSHIPS}
    try:
        for label in edge_sources():
            for _, by_type in edge_pages(store, label, page):
                for name, edges in by_type.items():
                    writer, props = writers[name], REL_BY_NAME[name].props
                    for e in edges:
                        writer.row([e["src_id"], e["dst_id"], name]
                                   + [cell(e[p], t, delimiter) for p, t in props.items()])
    finally:
        for w in writers.values():
            w.close()
    for w in writers.values():
        out.files.update(w.result())
    (folder / SCHEMA_FILE).write_text(";\n".join(schema_statements()) + ";\n", encoding="utf-8")
    (folder / COMMAND_FILE).write_text(out.import_command() + "\n", encoding="utf-8")
    return out


class _Writer:
    """One CSV file: header, then rows; removed again if no row was written (neo4j-admin is not
    given files without data)."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self.rows = 0
        self._f = path.open("w", encoding="utf-8", newline="")
        self._w = csv.writer(self._f, quoting=csv.QUOTE_MINIMAL, doublequote=True, lineterminator="\n")
        self._w.writerow(header)

    def row(self, values: list[Any]) -> None:
        self._w.writerow(values)
        self.rows += 1

    def close(self) -> None:
        if not self._f.closed:
            self._f.close()

    def result(self) -> dict[str, int]:
        self.close()
        if not self.rows:
            self.path.unlink(missing_ok=True)
            return {}
        return {self.path.name: self.rows}

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
