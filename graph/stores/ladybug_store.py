"""The embedded default store: Ladybug (the maintained continuation of Kùzu), one file in a folder.

Typed node tables (Document, Organization, Source, Province) and one relationship table per edge
type, built from vankien.graph.model.schema. A batch is written in one transaction with parameterised
``UNWIND $rows`` statements: CREATE for new rows, MATCH … SET for nodes already there, and for edges
one MATCH clause per endpoint (a comma-joined MATCH would be a cross product).
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from vankien.loaders.vocab import vocab

from vankien.graph.model import facts as F
from vankien.graph.model.batch import Batch
from vankien.graph.model.identity import PROVINCE_MERGER, iso_date
from vankien.graph.model.schema import NODES, PRIMARY_KEY, REL_BY_NAME, RELATIONSHIPS, RelTable, check_properties
from vankien.graph.stores import memory
from vankien.graph.stores.arrow import arrow_table, document_table
from vankien.graph.stores.base import GraphStore, QueryResult, StoreError
from vankien.graph.stores.bulk_load import MARKER, BulkLoad
from vankien.graph.stores.loader import Loader

DB_FILE = "graph.lbug"
CHUNK = 5000          # rows per statement
# Ladybug's page cache in MB (0: Ladybug's default, a share of the machine's memory, which lets the
# process grow with the store). With a bound, Ladybug 0.22 fails large reads when the cache is full
# ("Unable to allocate memory"), so the default is Ladybug's own.
BUFFER_POOL_MB = int(os.environ.get("VANKIEN_BUFFER_MB", "0"))
class LadybugStore(GraphStore):
    rel_type_function = "label"

    def __init__(self, folder: Path, *, read_only: bool = False, create: bool = True) -> None:
        self.folder = folder
        path = folder / DB_FILE
        if not path.exists():
            if read_only or not create:
                raise StoreError(f"no vankien store in {folder} (run `vankien ingest PATH --store {folder}` first)")
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise StoreError(f"{folder} is not a folder")
        self.read_only = read_only
        self._since_checkpoint = 0
        self._open()
        if not read_only:
            self.ensure_schema()

    def _open(self) -> None:
        import ladybug

        path = self.folder / DB_FILE
        try:
            self._db = ladybug.Database(str(path), read_only=self.read_only,
                                        buffer_pool_size=BUFFER_POOL_MB * 1024 * 1024)  # 0 = default
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            raise StoreError(f"cannot open the store {path}: {e}") from e
        if not self.read_only:
            self._run("CALL auto_checkpoint=false")

    def release_memory(self) -> None:
        """Checkpoint, then close and reopen the database: Ladybug keeps every page it has read in
        its cache until the database closes, so a long ingest would otherwise grow with the store."""
        self.checkpoint()
        self.close()
        self._open()

    # --- interface -------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        for label, props in NODES.items():
            cols = ", ".join(f"{p} {t}" for p, t in props.items())
            self._run(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY ({PRIMARY_KEY[label]}))")
        for rel in RELATIONSHIPS:
            cols = "".join(f", {p} {t}" for p, t in rel.props.items())
            self._run(f"CREATE REL TABLE IF NOT EXISTS {rel.name}(FROM {rel.src} TO {rel.dst}{cols})")
        if not self._run("MATCH (p:Province) RETURN count(*)").scalar():
            self._load_provinces()

    def known_sources(self) -> set[str]:
        return {row[0] for row in self._run("MATCH (s:Source) RETURN s.sha256").rows}

    def write_batch(self, batch: Batch) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        self._run("BEGIN TRANSACTION")
        try:
            self._write_documents(batch)
            self._write_organizations(batch)
            self._create("Source", batch.sources)
            for rel in RELATIONSHIPS:
                rows = batch.edges.get(rel.name)
                if rows:
                    self._create_edges(rel, rows)
        except BaseException:
            self._run("ROLLBACK")
            raise
        self._run("COMMIT")
        self._since_checkpoint += len(batch)
        if self._checkpoint_due():
            self.release_memory()

    def _checkpoint_due(self) -> bool:
        if self._since_checkpoint < memory.MIN_CHECKPOINT_TEXTS:
            return False
        rss = memory.resident_mb()
        return rss > memory.MEMORY_BUDGET_MB if rss is not None else self._since_checkpoint >= memory.CHECKPOINT_TEXTS

    def create_edges(self, rel_name: str, rows: list[dict[str, Any]]) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        self._create_edges(REL_BY_NAME[rel_name], rows)

    def update_documents(self, rows: list[dict[str, Any]], props: tuple[str, ...] | None = None) -> None:
        """One statement over an Arrow table (``LOAD FROM``): Ladybug joins it with the Document
        table, where ``UNWIND $rows`` looks each row up on its own."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        if not rows:
            return
        props = check_properties("Document", props or F.UPDATED)
        types = {"id": "STRING", **{p: NODES["Document"][p] for p in props}}
        updates = arrow_table(rows, types).rename_columns([f"u_{p}" for p in types])
        sets = ", ".join(f"d.{p} = u_{p}" for p in props)
        try:   # Ladybug reads the Arrow table from this frame's local variable named in the statement
            self._conn.execute(f"LOAD FROM updates MATCH (d:Document {{id: u_id}}) SET {sets}")
        except RuntimeError as e:
            raise StoreError(f"Document: {e}") from e

    def checkpoint(self) -> None:
        if not self.read_only:
            self._run("CHECKPOINT")
        self._since_checkpoint = 0

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        if write and self.read_only:
            raise StoreError("the store is open read-only")
        return self._run(cypher, params)

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        if conn is not None:
            conn.close()
            self._conn = None
        if db is not None:
            db.close()
            self._db = None

    # --- writing ---------------------------------------------------------------------------
    def _write_documents(self, batch: Batch) -> None:
        existing = {}
        ids = list(batch.docs)
        for i in range(0, len(ids), CHUNK):
            res = self._run("UNWIND $ids AS i MATCH (d:Document {id: i}) RETURN d.id, d.facts, d.sources, d.full_text",
                            {"ids": ids[i:i + CHUNK]})
            existing.update({row[0]: row[1:] for row in res.rows})
        new, changed = [], []
        for row in batch.docs.values():
            old = existing.get(row.id)
            if old:
                facts = F.merge(F.loads(old[0]), row.facts)
                changed.append({"id": row.id, **F.node_values(facts, row.sources + (old[1] or 0), row.full_text or
                                                              bool(old[2]))})
            else:
                new.append(row)
        if new:
            self._copy("Document", document_table(new, {}))
        # the term is part of the identity of a document whose id holds it: never changed here
        self.update_documents(changed)

    # --- loading an empty store in bulk (vankien.graph.stores.bulk_load) ---------------------------------------
    def loader(self) -> Loader:
        """An empty store is loaded in bulk at the end of the ingest (vankien.graph.stores.bulk_load); one that holds
        texts is written batch by batch. A store left half-loaded by an interrupted bulk load (it was
        empty before) is emptied first."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        emptied = (self.folder / MARKER).exists()
        if emptied:
            self._empty()
            (self.folder / MARKER).unlink()
        if self._run("MATCH (s:Source) RETURN count(*)").scalar() or \
                self._run("MATCH (d:Document) RETURN count(*)").scalar():
            return Loader(self)
        loader = BulkLoad(self)
        loader.emptied = emptied
        return loader

    def _empty(self) -> None:
        """Remove the database files and create an empty store in their place."""
        self.close()
        for f in self.folder.glob(DB_FILE + "*"):
            f.unlink()
        self._open()
        self.ensure_schema()

    def copy_file(self, table: str, path: Path) -> None:
        """New nodes or edges of one table from a Parquet file with the table's columns (edges:
        ``src_id``, ``dst_id``, then the properties), read by Ladybug itself. One file: a ``COPY``
        from a list of files can deadlock Ladybug 0.22 (two threads building the primary-key index)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        if table not in NODES and table not in REL_BY_NAME:
            raise ValueError(f"unknown table: {table!r}")
        where = str(path)
        if "'" in where or "\\" in where:     # not to be quoted into a statement: through Arrow
            self._copy(table, pq.read_table(path))
            return
        try:
            self._conn.execute(f"COPY {table} FROM '{where}'")
        except RuntimeError as e:
            raise StoreError(f"{table}: {e}") from e

    def _write_organizations(self, batch: Batch) -> None:
        ids = list(batch.orgs)
        existing: set[str] = set()
        for i in range(0, len(ids), CHUNK):
            res = self._run("UNWIND $ids AS i MATCH (o:Organization {id: i}) RETURN o.id", {"ids": ids[i:i + CHUNK]})
            existing.update(row[0] for row in res.rows)
        self._create("Organization", [o.row() for o in batch.orgs.values() if o.id not in existing])
        bump = [{"id": o.id, "n": o.sources} for o in batch.orgs.values() if o.id in existing]
        for i in range(0, len(bump), CHUNK):
            self._run("UNWIND $rows AS r MATCH (o:Organization {id: r.id}) SET o.sources = o.sources + r.n",
                      {"rows": bump[i:i + CHUNK]})

    def _create(self, label: str, rows: list[dict[str, Any]]) -> None:
        """New nodes (none of them in the store yet), in bulk with COPY FROM."""
        if rows:
            self._copy(label, arrow_table(rows, NODES[label]))

    def _create_edges(self, rel: RelTable, rows: list[dict[str, Any]]) -> None:
        """New edges, in bulk with COPY FROM: the endpoints' keys first, then the properties."""
        if rows:
            self._copy(rel.name, arrow_table(rows, rel.columns))

    def _copy(self, table: str, arrow_rows: Any) -> None:
        # Ladybug reads the Arrow table from this frame's local variable named in the statement
        try:
            self._conn.execute(f"COPY {table} FROM arrow_rows")
        except RuntimeError as e:
            raise StoreError(f"{table}: {e}") from e

    def _load_provinces(self) -> None:
        provinces = vocab().provinces
        until = (PROVINCE_MERGER - dt.timedelta(days=1)).isoformat()
        self._create("Province", [{"name": p["name"], "city": bool(p.get("city")), "merged_into": p.get("merged_into"),
                                   "until": until if p.get("merged_into") else None} for p in provinces])
        self._create_edges(REL_BY_NAME["SUCCEEDED_BY"], [
            {"src_id": p["name"], "dst_id": p["merged_into"], "date": PROVINCE_MERGER.isoformat()}
            for p in provinces if p.get("merged_into")])

    # --- running ---------------------------------------------------------------------------
    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        if self._conn is None:
            raise StoreError("the store is closed")
        try:
            res = self._conn.execute(cypher, params or {})
        except RuntimeError as e:
            raise StoreError(str(e)) from e
        columns = res.get_column_names()
        rows = res.get_all()
        res.close()
        return QueryResult(columns, rows)
