"""Extraction on a Dask cluster, into Parquet shards; ingest from the shards.

Extracting texts is most of an ingest's work, and each text is extracted on its own: a pure
function from an input to its records (``extract_input``). ``extract_to_shards`` runs it with
``dask.bag`` over the inputs — the files of the given files and folders, in the order an ingest
reads them, split into partitions — on a ``distributed.LocalCluster`` (by default) or on the
cluster whose scheduler address is given. Each task reads and extracts one partition's inputs and
writes them as one Parquet shard (vankien.graph.shards: the columns, the manifest); the client writes
the manifest last. The inputs and the shard folder must be paths every worker sees (one machine,
or a shared file system), with vankien installed on every worker.

``ingest_shards`` loads shard folders into a store by the very path of a plain ingest
(vankien.graph.ingest.ingest_items: the same plan of added, replaced and skipped texts, the same rows
and identities, vankien.graph.model.batch; the same bulk load into an empty store), the texts'
extraction replaced by reading their records: the graph is the one a plain ingest of the same inputs
builds. Dask is imported only here, and only when shards are written.
"""
from __future__ import annotations

import datetime as dt
import gc
import logging
import math
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from vankien._version import __version__
from vankien.loaders.extract import extract_record
from vankien.loaders.readers import DEFAULT_MAX_BYTES, read_paths
from vankien.loaders.readers.paths import STDIN, iter_inputs
from vankien.loaders.source import SourceText, Warn

from vankien.graph.ingest import DEFAULT_BATCH, IngestReport, ingest_items
from vankien.graph.model.batch import Batch
from vankien.graph.shards import (FORMAT, MANIFEST, SCHEMA_VERSION, SHARD_NAME, ShardError, ShardText,
                                  read_manifest, read_shards, shard_row, skipped_entry, write_shard)
from vankien.graph.stores.base import GraphStore
from vankien.graph.workers import raise_gc_threshold

PARTITION_TEXTS = 200       # inputs per partition (one task, one shard), at most
TASKS_PER_WORKER = 4        # partitions per worker, at least, when there are enough inputs
SYNC = "sync"               # scheduler: dask's synchronous scheduler in this process (no cluster)


def extract_input(item: str | Path | SourceText, *, scope: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> list[dict[str, Any]]:
    """The shard rows of one input: a file (a JSON Lines file gives one row per record), or an
    input that could not be listed (a SourceText without text). Reads and extracts as an ingest
    does; no state, no store: the work of one Dask task's input."""
    if isinstance(item, SourceText):
        if item.scope is None:
            item.scope = scope
        return [shard_row(item, None)]
    return [shard_row(src, extract_record(src, scope=scope) if src.ok else None)
            for src in read_paths([item], default_scope=scope, max_bytes=max_bytes)]


def _write_partition(task: tuple[int, list[str | SourceText], str, str | None, int]) -> dict[str, Any]:
    """One partition's inputs read, extracted and written as a shard (in a Dask worker)."""
    index, items, out_dir, scope, max_bytes = task
    thresholds = raise_gc_threshold()
    try:
        started = time.perf_counter()
        rows = [row for item in items for row in extract_input(item, scope=scope, max_bytes=max_bytes)]
        name = SHARD_NAME.format(index)
        write_shard(Path(out_dir) / name, rows)
        skipped = [skipped_entry(_unread(r)) for r in rows if not r["ok"]]
        return {"file": name, "rows": len(rows), "read": sum(r["ok"] for r in rows), "skipped": skipped,
                "seconds": round(time.perf_counter() - started, 3)}
    finally:
        gc.set_threshold(*thresholds)


def _unread(row: dict[str, Any]) -> SourceText:
    return SourceText(row["source"], None, row["reader"], sha256=row["sha256"],
                      warnings=[Warn(**w) for w in row["warnings"]])


def extract_to_shards(paths: Iterable[str | Path], out_dir: str | Path, *, scheduler: str | None = None,
                      n_workers: int = 2, scope: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                      partition_size: int | None = None, include: Sequence[str] = (),
                      exclude: Sequence[str] = ()) -> dict[str, Any]:
    """Extract every input at ``paths`` (files or folders, as ``ingest`` reads them) with Dask, into
    Parquet shards in ``out_dir`` (created; a folder of earlier shards is replaced, any other
    non-empty folder refused). ``scheduler``: None starts a ``LocalCluster`` of ``n_workers``
    processes for the run; ``"tcp://host:8786"`` uses that cluster's scheduler; ``"sync"`` runs in
    this process (small runs, debugging). ``partition_size``: inputs per shard (default: spread over
    the workers, at most 200); ``include`` / ``exclude``: globs choosing the files of folders, as
    ``ingest``'s (the files passed over are listed in the manifest). Returns the manifest (also written to ``out_dir/vankien-shards.json``).
    Raises ShardError (a ValueError) for bad arguments."""
    started = time.perf_counter()
    paths = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if not paths:
        raise ShardError("no inputs given")
    if STDIN in paths:
        raise ShardError("standard input (-) cannot be extracted on a cluster: save it to a file first")
    if n_workers < 1:
        raise ShardError(f"n_workers must be at least 1, not {n_workers}")
    if partition_size is not None and partition_size < 1:
        raise ShardError(f"partition_size must be at least 1, not {partition_size}")
    out = _prepare(Path(out_dir))
    passed_over: list[dict[str, str]] = []
    items = [i if isinstance(i, SourceText) else os.fspath(i.path) for i in iter_inputs(
        paths, include=include, exclude=exclude, on_skip=lambda source, kind, detail: passed_over.append(
            {"source": source, "kind": kind, **({"detail": detail} if detail else {})}))]
    with _client(scheduler, n_workers) as (client, where, workers):
        size = partition_size or max(1, min(PARTITION_TEXTS, math.ceil(len(items) / (workers * TASKS_PER_WORKER))))
        tasks = [(n, items[i:i + size], str(out.resolve()), scope, max_bytes)
                 for n, i in enumerate(range(0, len(items), size))]
        parts = _run(tasks, client)
    manifest = {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "vankien": __version__,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "inputs": paths, "scope": scope, "max_bytes": max_bytes, "scheduler": where,
        "texts": sum(p["rows"] for p in parts), "read": sum(p["read"] for p in parts),
        "unreadable": sum(len(p["skipped"]) for p in parts),
        "shards": [{"file": p["file"], "rows": p["rows"], "read": p["read"], "seconds": p["seconds"]} for p in parts],
        "skipped": [s for p in parts for s in p["skipped"]],
        "passed_over": passed_over,
        "seconds": round(time.perf_counter() - started, 3),
    }
    _write_json(out / MANIFEST, manifest)
    return manifest


def _prepare(out: Path) -> Path:
    """The shard folder, empty: created, or emptied of the shards of an earlier run."""
    if out.exists() and not out.is_dir():
        raise ShardError(f"{out}: not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MANIFEST).is_file():
            raise ShardError(f"{out}: the folder is not empty and holds no shards: give a new or empty folder")
        (out / MANIFEST).unlink()       # first: a half-replaced folder is never taken for a finished one
        for f in out.iterdir():
            if f.name.startswith("part-") and f.name.endswith((".parquet", ".parquet.tmp")):
                f.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


class _client:
    """The Dask client of a run: (client or None for the synchronous scheduler, how the manifest
    names the scheduler, the number of workers)."""

    def __init__(self, scheduler: str | None, n_workers: int) -> None:
        self.scheduler, self.n_workers = scheduler, n_workers
        self.cluster = self.client = None

    def __enter__(self) -> tuple[Any, str, int]:
        if self.scheduler == SYNC:
            return None, SYNC, 1
        from distributed import Client, LocalCluster

        if self.scheduler is None:
            self.cluster = LocalCluster(n_workers=self.n_workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
            return self.client, f"LocalCluster, {self.n_workers} workers", self.n_workers
        try:
            self.client = Client(self.scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as e:
            raise ShardError(f"cannot reach the Dask scheduler at {self.scheduler}: {e}") from e
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        return self.client, self.scheduler, workers

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _run(tasks: list[tuple], client: Any) -> list[dict[str, Any]]:
    """The partitions' tasks as a dask.bag, one task per partition; their summaries in order."""
    import dask.bag as db

    if not tasks:
        return []
    bag = db.from_sequence(tasks, npartitions=len(tasks)).map(_write_partition)
    return bag.compute(scheduler="synchronous") if client is None else bag.compute()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    import json

    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def records_part(args: tuple[list[ShardText], str | None]) -> Batch:
    """A few shard rows turned into graph rows (in an ingest's worker process), as
    vankien.graph.ingest.extract_part turns texts, from the records extracted before."""
    rows, _scope = args
    part = Batch()
    for row in rows:
        part.add(row.record)
    return part


def ingest_shards(folders: Iterable[str | Path], store: GraphStore, *, batch_size: int = DEFAULT_BATCH,
                  workers: int | None = 1, progress: bool = False, store_name: str = "", bulk: bool = True,
                  keep_versions: bool = False, report_path: str | Path | None = None) -> IngestReport:
    """Load shard folders (written by ``extract_to_shards``) into ``store``, as ``ingest`` would have
    loaded their inputs: the same graph, the same report. ``workers``: processes turning records into
    rows (default 1: in this process; the extraction is done). The other arguments are ``ingest``'s.
    Raises ShardError for a folder that is not a finished shard folder, before anything is written."""
    folders = [os.fspath(f) for f in ([folders] if isinstance(folders, (str, Path)) else folders)]
    if not folders:
        raise ShardError("no shard folders given")
    passed_over = [p for folder in folders for p in read_manifest(folder).get("passed_over", [])]
    return ingest_items(read_shards(folders), store, records_part, batch_size=batch_size, workers=workers,
                        progress=progress, store_name=store_name, bulk=bulk, keep_versions=keep_versions,
                        report_path=report_path, passed_over=passed_over)

