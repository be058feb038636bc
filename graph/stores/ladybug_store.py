"""The embedded default store: Ladybug (the maintained continuation of Kùzu), one file in a folder.

Typed node tables (Document, Organization, Source, Province) and one relationship table per edge
type, built from vankien.graph.model.schema. A batch is written in one transaction with parameterised
``UNWIND $rows`` statements: CREATE for new rows, MATCH … SET for nodes already there, and for edges
one MATCH clause per endpoint (a comma-joined MATCH would be a cross product).

Crash safety. Ladybug keeps the data of the last checkpoint in ``graph.lbug`` and what was written
since in ``graph.lbug.wal``; a process killed while it writes (kill -9, SIGTERM, power loss, a full
disk) can leave a log that Ladybug 0.22 cannot replay — it then crashes (segfault) on every open. So
an ingest into a store that holds texts never writes the store's own file: ``ingest_run`` copies the
checkpointed file into ``ingest-run/`` in the store's folder, the run writes the copy, and on success
the copy, checkpointed and flushed to disk, replaces the store's file in one rename. A run killed at any
moment leaves the store's file as it was; the next command that opens the store finds ``ingest-run/``,
says so, and removes it (``recover``). A lock file (``ingest.lock``) tells a run still going from a
dead one. The first ingest into an empty store loads it in place (vankien.graph.stores.bulk_load), with a
marker: a store left half-loaded is announced by every command and emptied by the next ingest.
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import itertools
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
from vankien.graph.stores.ambiguity import Placement, Written, place_references
from vankien.graph.stores.arrow import arrow_table, document_table
from vankien.graph.stores.base import GraphStore, QueryResult, StoreError
from vankien.graph.stores.bulk_load import MARKER, BulkLoad
from vankien.graph.stores.dialect import tidy_columns
from vankien.graph.stores.loader import Loader

DB_FILE = "graph.lbug"
RUN_FOLDER = "ingest-run"       # an ingest's copy of the store, inside the store's folder
RUN_NOTE = "run.json"           # in RUN_FOLDER: when and by which process the run began
LOCK_FILE = "ingest.lock"       # held (flock) by the process of a running ingest
SET_ASIDE = "set-aside"         # Ladybug's log files of a half-loaded store, moved out of its way
CHUNK = 5000          # rows per statement
# Ladybug's page cache in MB (0: Ladybug's default, a share of the machine's memory, which lets the
# process grow with the store). With a bound, Ladybug 0.22 fails large reads when the cache is full
# ("Unable to allocate memory"), so the default is Ladybug's own.
BUFFER_POOL_MB = int(os.environ.get("VANKIEN_BUFFER_MB", "0"))
log = logging.getLogger("vankien")


class LadybugStore(GraphStore):
    rel_type_function = "label"

    def __init__(self, folder: Path, *, read_only: bool = False, create: bool = True) -> None:
        self.folder = folder
        self.path = folder / DB_FILE        # the file open: the store's, or during an ingest the run's copy
        if folder.is_dir():
            self.notices = recover(folder)
            for note in self.notices:       # on standard error unless the logger "vankien" is configured
                log.warning("vankien: %s", note)
        if not self.path.exists():
            if read_only or not create:
                raise StoreError(f"no vankien store in {folder} (run `vankien ingest PATH --store {folder}` first)")
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise StoreError(f"{folder} is not a folder")
        self.read_only = read_only
        self._since_checkpoint = 0
        self._run_lock: int | None = None
        self._live_stat: tuple[int, int] | None = None
        self.run_timings: dict[str, float] = {}
        self._documents: int | None = None
        self._open()
        if not read_only:
            self.ensure_schema()

    def _open(self, buffer_pool_mb: int | None = None) -> None:
        import ladybug

        path = self.path
        pool = BUFFER_POOL_MB if buffer_pool_mb is None else buffer_pool_mb
        try:
            self._db = ladybug.Database(str(path), read_only=self.read_only,
                                        buffer_pool_size=pool * 1024 * 1024)  # 0 = default
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            raise StoreError(f"cannot open the store {path}: {e}") from e
        if not self.read_only:
            self._run("CALL auto_checkpoint=false")

    def release_memory(self, buffer_pool_mb: int | None = None) -> None:
        """Checkpoint, then close and reopen the database: Ladybug keeps every page it has read in
        its cache until the database closes, so a long ingest would otherwise grow with the store.
        ``buffer_pool_mb``: the page cache of the database reopened, this time only (default: the store's,
        ``BUFFER_POOL_MB``; graph/exchange/pages.py scan_pages bounds it while it reads)."""
        self.checkpoint()
        self.close()
        self._open(buffer_pool_mb)

    # --- interface -------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        for label, props in NODES.items():
            cols = ", ".join(f"{p} {t}" for p, t in props.items())
            self._run(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY ({PRIMARY_KEY[label]}))")
            self._add_missing_columns(label, props)
        for rel in RELATIONSHIPS:
            cols = "".join(f", {p} {t}" for p, t in rel.props.items())
            self._run(f"CREATE REL TABLE IF NOT EXISTS {rel.name}(FROM {rel.src} TO {rel.dst}{cols})")
        if not self._run("MATCH (p:Province) RETURN count(*)").scalar():
            self._load_provinces()

    def _add_missing_columns(self, label: str, props: dict[str, str]) -> None:
        """A store written by an older vankien lacks the columns added since (Organization's kind and
        locality): add them, empty, so that it can be read and written; re-ingesting fills them."""
        if self.read_only:
            return
        have = {row[1] for row in self._run(f"CALL table_info('{label}') RETURN *").rows}
        for prop, typ in props.items():
            if prop not in have:
                self._run(f"ALTER TABLE {label} ADD {prop} {typ}")

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
        self._documents = None

    def document_count(self) -> int:
        """How many Document nodes the store holds, counted once and kept until the next checkpoint
        (every ingest ends with one): what lineage sizes its statements by (graph/queries/lineage.py)."""
        if self._documents is None:
            self._documents = self._run("MATCH (d:Document) RETURN count(*)").scalar() or 0
        return self._documents

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        if write and self.read_only:
            raise StoreError("the store is open read-only")
        result = self._run(cypher, params)
        result.columns = tidy_columns(result.columns)       # label(r), not LABEL(r._ID,[…])
        return result

    def query_arrow(self, cypher: str, params: dict[str, Any] | None = None) -> pa.Table:
        """A read's answer as one Arrow table: cheaper to fetch than ``query``'s rows of Python values,
        and compact (graph/exchange/pages.py scan_pages)."""
        res = self._execute(cypher, params)
        try:
            return res.get_as_arrow(max(res.get_num_tuples(), 1))      # one chunk
        except RuntimeError as e:
            raise StoreError(str(e)) from e
        finally:
            res.close()

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
            return AppendLoader(self)
        loader = BulkLoad(self)
        loader.emptied = emptied
        return loader

    def half_loaded(self) -> bool:
        """True when the first ingest into this store was interrupted while loading it in bulk."""
        return (self.folder / MARKER).exists()

    def _empty(self) -> None:
        """Remove the database files and create an empty store in their place."""
        self.close()
        for f in self.folder.glob(DB_FILE + "*"):
            f.unlink()
        self._open()
        self.ensure_schema()

    # --- an ingest into a store that holds texts: on a copy, switched in by a rename ------------
    @contextmanager
    def ingest_run(self) -> Iterator[bool]:
        """An ingest's writes, all or nothing: a store that holds texts is copied, the run writes the
        copy, and the copy replaces the store's file when the run succeeds (see the module's notes).
        Yields True when the run is on a copy; an empty store is loaded in place (bulk_load)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        self._run_lock = take_lock(self.folder)
        if self._run_lock is None:
            raise StoreError(f"another ingest is writing the store {self.folder}: wait for it to finish")
        if self.half_loaded() or not self._holds_texts():
            try:
                yield False
            finally:
                self._end_run()
            return
        self._begin_run()
        try:
            yield True
        except BaseException:
            self._abort_run()
            raise
        self._commit_run()

    def _holds_texts(self) -> bool:
        return bool(self._run("MATCH (s:Source) RETURN count(*)").scalar()
                    or self._run("MATCH (d:Document) RETURN count(*)").scalar())

    def _begin_run(self) -> None:
        started = time.perf_counter()
        live = self.folder / DB_FILE
        run = self.folder / RUN_FOLDER
        try:
            self.checkpoint()
            self.close()
            if _wal(live).exists():
                raise StoreError(f"the store {self.folder} has a write-ahead log left after its checkpoint")
            shutil.rmtree(run, ignore_errors=True)
            run.mkdir()
            (run / RUN_NOTE).write_text(json.dumps({
                "started": _now(), "pid": os.getpid(),
                "meaning": "an ingest writes this copy of the store; the store itself is unchanged until the copy "
                           "replaces it. Left here, the run did not finish: the next command removes it."}),
                encoding="utf-8")
            shutil.copyfile(live, run / DB_FILE)
        except BaseException as e:
            shutil.rmtree(run, ignore_errors=True)
            self._end_run()
            if isinstance(e, OSError):
                raise StoreError(disk_message(e, "copying the store before the run")) from e
            raise
        self._live_stat = _stat(live)
        self.path = run / DB_FILE
        self._open()
        self.run_timings["copy_store"] = round(time.perf_counter() - started, 3)

    def _commit_run(self) -> None:
        """Checkpoint the copy, flush it to disk and rename it over the store's file."""
        started = time.perf_counter()
        live, copy = self.folder / DB_FILE, self.path
        try:
            self.checkpoint()
            self.close()
            if _wal(copy).exists():
                raise StoreError("Ladybug left a write-ahead log after the final checkpoint")
            if _stat(live) != self._live_stat or _wal(live).exists():
                raise StoreError(f"another program changed the store {self.folder} during this ingest")
            _fsync(copy)
            os.replace(copy, live)          # the one moment the store changes
            _fsync(self.folder)
        except BaseException as e:
            self._abort_run()
            if isinstance(e, OSError):
                raise StoreError(disk_message(e, "switching to the new state of the store")) from e
            raise
        shutil.rmtree(copy.parent, ignore_errors=True)
        self._end_run()
        self.run_timings["switch"] = round(time.perf_counter() - started, 3)

    def _abort_run(self) -> None:
        """Drop the run's copy: the store's file was never written."""
        try:
            self.close()
        except Exception:       # a copy on a full disk may fail to close: it is dropped anyway
            pass
        shutil.rmtree(self.folder / RUN_FOLDER, ignore_errors=True)
        self._end_run()

    def _end_run(self) -> None:
        self.path = self.folder / DB_FILE
        if self._run_lock is not None:
            os.close(self._run_lock)        # releases the lock
            self._run_lock = None
        if getattr(self, "_db", None) is None:
            self._open()

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
            self._conn.execute(f"COPY {self._copy_target(table, pq.read_schema(path).names)} FROM '{where}'")
        except RuntimeError as e:
            raise StoreError(f"{table}: {e}") from e

    @staticmethod
    def _copy_target(table: str, names: list[str]) -> str:
        """A node table with its columns named: a store of an older version has the columns added
        since at the end of its tables (``_add_missing_columns``), not in the file's order."""
        if table in NODES and all(n.isidentifier() for n in names):
            return f"{table}({', '.join(names)})"
        return table

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
            self._conn.execute(f"COPY {self._copy_target(table, arrow_rows.schema.names)} FROM arrow_rows")
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
    def _execute(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        """Ladybug's result of a statement; its errors as StoreError."""
        if self._conn is None:
            raise StoreError("the store is closed")
        try:
            return self._conn.execute(cypher, params or {})
        except RuntimeError as e:
            raise StoreError(str(e)) from e

    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        res = self._execute(cypher, params)
        columns = res.get_column_names()
        rows = res.get_all()
        res.close()
        return QueryResult(columns, rows)


class AppendLoader(Loader):
    """Batches written one by one into a store that holds texts; placing then looks only at the
    references the run can change (vankien.graph.stores.ambiguity.Written), unless texts were
    removed (``removed``: a replaced text's documents may have been candidates)."""

    def __init__(self, store: GraphStore) -> None:
        super().__init__(store)
        self.written = Written()
        self.removed = False

    def add(self, batch: Batch) -> None:
        self.written.add(batch.docs.values())
        self.store.write_batch(batch)

    def finish(self) -> Placement:
        return place_references(self.store, None if self.removed else self.written)


# --- crash safety: what a command finds when it opens the store -----------------------------------
def recover(folder: Path) -> list[str]:
    """Before Ladybug opens the store: remove the copy left by an ingest that did not finish, and move
    Ladybug's log files of a half-loaded store out of the way. Returns what to tell the user."""
    notes = []
    run = folder / RUN_FOLDER
    if run.exists():
        lock = take_lock(folder)
        if lock is None:
            notes.append(f"an ingest into this store is running ({_run_note(run)}): until it ends, "
                         "commands see the store as it was before it")
        else:
            try:
                if (run / DB_FILE).exists():
                    notes.append(f"the ingest {_run_note(run)} did not finish (killed, interrupted or out of disk "
                                 "space): the store is as it was before it; its unfinished copy was removed. "
                                 "Run it again to ingest its texts")
                shutil.rmtree(run, ignore_errors=True)
            finally:
                os.close(lock)
    if (folder / MARKER).exists():
        lock = take_lock(folder)
        if lock is None:       # the bulk load is running: its files are not to be touched
            return notes
        try:
            moved = None if _opens(folder / DB_FILE) else _set_aside_logs(folder)
        finally:
            os.close(lock)
        notes.append("this store is half-loaded: the first ingest into it was interrupted while loading it in "
                     "bulk, so queries see part of that run. Run `vankien ingest` again on the same texts to "
                     "empty the store and load them all" + (f" (Ladybug's log files, which it could not read, were "
                                                              f"moved to {moved})" if moved else ""))
    return notes


def _opens(db_file: Path) -> bool:
    """Whether Ladybug opens the file with its log files and reads it, tried in a child process
    (a log it cannot replay crashes the process that opens it)."""
    import subprocess
    import sys

    if not any(f.is_file() for f in db_file.parent.glob(DB_FILE + ".*")):
        return True
    probe = ("import sys, ladybug; c = ladybug.Connection(ladybug.Database(sys.argv[1], read_only=True)); "
             "c.execute('MATCH (n) RETURN count(*)')")
    try:
        return subprocess.run([sys.executable, "-c", probe, str(db_file)], capture_output=True,
                              timeout=600).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def take_lock(folder: Path) -> int | None:
    """The ingest lock of a store (a file descriptor; closing it releases the lock), or None when
    another process holds it. The system releases it when its process dies, even by kill -9."""
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def disk_message(error: OSError | Exception, doing: str) -> str:
    """One clear sentence for a write that failed, above all on a full disk."""
    full = getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "No space left" in str(error)
    if full:
        return (f"the disk is full ({doing}): nothing of this run was stored, the store is as it was before it. "
                "Free some space and run the same command again")
    return f"{doing}: {getattr(error, 'strerror', None) or error}"


def _run_note(run: Path) -> str:
    try:
        note = json.loads((run / RUN_NOTE).read_text(encoding="utf-8"))
        return f"started {note['started']} by process {note['pid']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "of unknown start"


def _set_aside_logs(folder: Path) -> Path | None:
    """Ladybug's write-ahead log and shadow file of a half-loaded store, moved to set-aside/ (that
    store is emptied by the next ingest; its log may hold a torn record Ladybug would crash on)."""
    logs = [f for f in folder.glob(DB_FILE + ".*") if f.is_file()]
    if not logs:
        return None
    target = folder / SET_ASIDE / dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target.mkdir(parents=True, exist_ok=True)
    for f in logs:
        os.replace(f, target / f.name)
    return target


def _wal(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + ".wal")


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
