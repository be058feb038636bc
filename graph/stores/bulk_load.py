"""Loading a whole ingest into an empty Ladybug store at once.

Ladybug writes a ``COPY`` into an empty table straight into its data file. A ``COPY`` into a table
that already holds rows goes through the write-ahead log instead, and the checkpoint that later folds
the log into the file rewrites every relationship table that gained edges: it costs time in
proportion to the store, and until it runs the new rows stay in memory. So the first ingest into an
empty store does not write batch by batch. It stages the run in Parquet files in the store's folder
as it comes — texts, edges, and each batch's documents and organisations in partitions (a document by
the number part of its base, so that a reference and every document it may be fall in one partition)
— and then, partition by partition, merges each document's rows, places the ambiguous references
among the partition's documents (vankien.graph.stores.ambiguity, the same rule) and writes the final rows to one
Parquet file per table, which Ladybug copies, once per table. On a large run two worker processes
merge the partitions (the texts' workers have finished, the cores are free) while Ladybug copies the
texts, and a thread redirects the edges of placed references, type by type, while Ladybug copies the
types before. Of the run, the writing process holds one batch at a time, each worker one partition.
Measured on 100 000 generated texts: memory flat at 0.6 GB while texts are read, copying takes
seconds and the final checkpoint under two, where writing batch by batch spent most of the run in
checkpoints (README, Speed).

- Interrupted while staging: nothing is in the store yet; the next ingest removes the staging folder
  and reads every text again.
- Interrupted while copying: a marker file in the store's folder says so, and the next ingest
  empties the store (it was empty before the copy began) and reads every text again.
- Should the writing process still pass ``STAGING_SHARE`` of the memory budget (vankien.graph.stores.ladybug_store),
  the run staged so far is copied; its remaining batches are then written one by one (checkpointing
  within the budget), and references are placed once more at the end.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import zlib
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vankien.graph.model import facts as F
from vankien.graph.stores.ambiguity import Placement, Reference, candidates_among, place_references
from vankien.graph.model.batch import Batch, DocRow, OrgRow
from vankien.graph.model.schema import NODES, REL_BY_NAME, RELATIONSHIPS
from vankien.graph.stores import memory
from vankien.graph.stores.arrow import arrow_columns, arrow_table, document_table
from vankien.graph.workers import pause_for_tests, process_pool

STAGING = "staging"               # folder inside the store's folder
MARKER = "bulk-load-in-progress.json"
STAGING_SHARE = 0.5               # of the memory budget, for staging
RELEASE_ROWS = 100_000            # after copying a table this large, the store releases its memory
PARTITIONS = 64                   # documents and organisations are merged one partition at a time
PARTITION_WORKERS = 2             # processes merging partitions, at most (one per core)
POOL_DOCS = 20_000                # staged documents from which partitions are merged in worker processes
CHUNK_ROWS = 200_000              # edges redirected this many at a time


class CopyTarget(Protocol):
    """What a bulk load needs of its store (the embedded Ladybug store)."""
    folder: Path

    def write_batch(self, batch: Batch) -> None: ...
    def copy_file(self, table: str, path: Path) -> None: ...
    def checkpoint(self) -> None: ...
    def release_memory(self, buffer_pool_mb: int | None = None) -> None: ...


class BulkLoad:
    staged = True

    def __init__(self, store: CopyTarget) -> None:
        self.store = store
        self.folder = store.folder / STAGING
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.rows: dict[str, int] = defaultdict(int)    # rows staged per file
        self.doc_columns: dict[str, str] | None = None
        self.copied: Placement | None = None

    # --- staging ---------------------------------------------------------------------------
    def add(self, batch: Batch) -> None:
        if self.copied is not None:
            self.store.write_batch(batch)
            return

        self._stage_nodes(batch)
        self._stage("Source", batch.sources, NODES["Source"])
        for rel in RELATIONSHIPS:
            rows = batch.edges.get(rel.name)
            if rows:
                self._stage(rel.name, rows, rel.columns)
        if (memory.resident_mb() or 0.0) > memory.MEMORY_BUDGET_MB * STAGING_SHARE:
            self.copied = self._copy_all()

    def _stage_nodes(self, batch: Batch) -> None:
        """A batch's documents and organisations (each one row in the batch), to their partitions:
        built column by column, split with Arrow. They are merged across batches at the end, by the
        partitions' workers, so that this process holds no document past its batch (its memory
        stays flat however long the run, and nothing here is left to fragment it)."""

        docs = list(batch.docs.values())
        if docs:
            if self.doc_columns is None:
                self.doc_columns = {"id": "STRING", **{p: t for p, t in NODES["Document"].items() if p in docs[0].props},
                                    "sources": "INT64", "full_text": "BOOLEAN", "facts": "STRING"}
            props = [d.props for d in docs]
            columns = {"id": [d.id for d in docs]}
            columns.update((p, list(map(dict.get, props, itertools.repeat(p)))) for p in self.doc_columns
                           if p not in ("id", "sources", "full_text", "facts"))
            columns.update(sources=[d.sources for d in docs], full_text=[d.full_text for d in docs],
                           facts=list(map(F.dumps, (d.facts for d in docs))))
            parts = list(map(_doc_partition, columns["base"]))
            self._stage_parts("Document", arrow_columns(columns, self.doc_columns), parts)
        orgs = list(batch.orgs.values())
        if orgs:
            self._stage_parts("Organization", arrow_table([o.row() for o in orgs], NODES["Organization"]),
                              [_partition(o.id) for o in orgs])

    def _stage_parts(self, table: str, data: pa.Table, parts: list[int]) -> None:
        part = pa.array(parts, pa.int32())
        for n in sorted(set(parts)):
            self._stage(f"{table}-{n}", data.filter(pc.equal(part, n)))

    def _stage(self, table: str, rows: list[dict] | pa.Table, columns: dict[str, str] | None = None) -> None:

        data = rows if isinstance(rows, pa.Table) else arrow_table(rows, columns)
        writer = self.writers.get(table)
        if writer is None:
            writer = self.writers[table] = pq.ParquetWriter(self.folder / f"{table}.parquet", data.schema)
        writer.write_table(data)
        self.rows[table] += data.num_rows

    def _staged(self, table: str) -> Path | None:
        """The file of a staged table, closed, or None when nothing was staged."""
        writer = self.writers.pop(table, None)
        if writer is None:
            return None
        writer.close()
        return Path(writer.where)

    # --- copying ---------------------------------------------------------------------------
    def finish(self) -> Placement:
        if self.copied is None:
            return self._copy_all()
        # the batches written after the copy; a reference placed by the copy and re-opened now (a
        # second candidate came later in the run) counts as never placed, as in a run written batch by batch
        later = place_references(self.store)
        return Placement(self.copied.placed - later.reopened + later.placed, later.ambiguous, 0)

    def _copy_all(self) -> Placement:
        store = self.store
        marker = store.folder / MARKER
        marker.write_text(json.dumps({"started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                                      "meaning": "a bulk load into this empty store did not finish; the next "
                                                 "ingest empties the store and reads every text again"}),
                          encoding="utf-8")
        store.checkpoint()      # the empty store (its schema) in the main file, whatever becomes of the log
        final = self.folder / "final"
        final.mkdir(exist_ok=True)
        placed: dict[str, str] = {}      # placed reference -> its document (for the edges)
        ambiguous = 0
        documents = sum(n for t, n in self.rows.items() if t.startswith("Document-"))
        sources = self._staged("Source")
        with _pool(documents) as pool:
            # in partition order, however the workers finish: the same store every time
            finished = (pool.map if pool else map)(_finish_partition, self._partitions())
            if sources is not None:     # Ladybug copies the texts while the partitions are merged
                store.copy_file("Source", sources)
                pause_for_tests("bulk-copy")
            for part in finished:
                placed.update(part.placed)
                ambiguous += part.ambiguous
                for table, rows in part.tables.items():
                    self._stage(f"final-{table}", rows)
        # one file per table: a COPY from several files at once can deadlock Ladybug 0.22 (its
        # primary-key index builder, seen with 200 000 texts)
        for table in ("Document", "Organization"):
            if (path := self._staged(f"final-{table}")) is not None:
                store.copy_file(table, path)
        store.release_memory()
        # the edges of each type, those of placed references redirected (by a thread: Arrow works
        # without the interpreter's lock, as Ladybug does while it copies the type before)
        with ThreadPoolExecutor(1) as redirecting:
            staged = [(rel.name, rel.name) for rel in RELATIONSHIPS] + [("MAY_BE", "final-MAY_BE")]
            edges = [redirecting.submit(_redirected, path, self.rows[file], table, placed, final)
                     for table, file in staged if (path := self._staged(file)) is not None]
            for job in edges:
                table, path, rows = job.result()
                store.copy_file(table, path)
                if rows >= RELEASE_ROWS:
                    store.release_memory()    # Ladybug holds what a COPY wrote until a checkpoint
        store.checkpoint()
        marker.unlink()
        shutil.rmtree(self.folder, ignore_errors=True)
        return Placement(placed=len(placed), ambiguous=ambiguous)

    def _partitions(self) -> Iterator[tuple[Path | None, Path | None]]:
        """One task per partition: its staged documents and organisations."""
        for n in range(PARTITIONS):
            yield self._staged(f"Document-{n}"), self._staged(f"Organization-{n}")


@dataclass
class _Finished:
    """A partition merged: its placed references, how many stay ambiguous, its final rows."""
    placed: dict[str, str]
    ambiguous: int
    tables: dict[str, pa.Table]     # Document, Organization, MAY_BE (Arrow tables travel between processes cheaply)


def _finish_partition(task: tuple[Path | None, Path | None]) -> _Finished:
    """One partition's documents and organisations, each one row, ambiguous references placed among
    its documents, as the final rows of their tables (in a worker process on a large run)."""

    nodes = _staged_nodes(*task)
    placed, keep = _place(nodes)
    _merge_placed(nodes, placed)
    tables = {"Document": document_table(list(nodes.docs.values()), keep) if nodes.docs else None,
              "MAY_BE": arrow_table([{"src_id": ref, "dst_id": c} for ref, cands in keep.items() for c in cands],
                                    REL_BY_NAME["MAY_BE"].columns) if keep else None,
              "Organization": arrow_table([o.row() for o in nodes.orgs.values()], NODES["Organization"])
              if nodes.orgs else None}
    return _Finished(placed, len(keep), {t: rows for t, rows in tables.items() if rows is not None and rows.num_rows})


@contextmanager
def _pool(documents: int) -> Iterator[Executor | None]:
    """Worker processes for the partitions of a large run (the texts' workers have finished: the
    cores are free), or None: merged here."""
    workers = min(os.cpu_count() or 1, PARTITION_WORKERS)
    if documents < POOL_DOCS or workers < 2:
        yield None
        return
    with process_pool(workers) as pool:     # a worker that dies raises BrokenProcessPool here, not a hang
        yield pool


def _redirected(path: Path, rows: int, rel_name: str, placed: dict[str, str], final: Path) -> tuple[str, Path, int]:
    """The staged edges of one type with those of placed references redirected, a chunk at a time:
    (table, file, rows). MAY_BE edges, written by the partitions after placing, stay as they are."""
    if not placed or rel_name == "MAY_BE":
        return rel_name, path, rows
    both_ends = REL_BY_NAME[rel_name].dst == "Document"
    out = final / f"{rel_name}-placed.parquet"
    rows = 0
    writer = None
    for chunk in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS):
        edges = _redirect(pa.Table.from_batches([chunk]), placed, both_ends)
        writer = writer or pq.ParquetWriter(out, edges.schema)
        writer.write_table(edges)
        rows += edges.num_rows
    if writer is None:
        return rel_name, path, 0
    writer.close()
    return rel_name, out, rows


def _partition(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % PARTITIONS


def _doc_partition(base: str | None) -> int:
    """A document's partition: by the number part of its base ("25-NQ/TW" -> "25-NQ"), which a
    reference shares with every document it may be (vankien.graph.stores.ambiguity.Reference.fits)."""
    return _partition((base or "").split("/", 1)[0])


def _staged_nodes(doc_path: Path | None, org_path: Path | None) -> Batch:
    """The staged documents and organisations of one partition, each one row (``Batch.add_row``)."""
    nodes = Batch()
    if doc_path is not None:
        cols = pq.read_table(doc_path).to_pydict()
        props = [c for c in cols if c not in ("id", "sources", "full_text", "facts")]
        for i, doc_id in enumerate(cols["id"]):
            nodes.add_row(nodes.docs, DocRow(doc_id, {p: cols[p][i] for p in props}, F.loads(cols["facts"][i]),
                                             cols["sources"][i], bool(cols["full_text"][i])))
    if org_path is not None:
        for row in pq.read_table(org_path).to_pylist():
            sources = row.pop("sources")
            nodes.add_row(nodes.orgs, OrgRow(row.pop("id"), row, sources))
    return nodes


def _place(nodes: Batch) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The ambiguous references of the run placed among its documents (the store held none):
    reference -> its one candidate, and reference -> its candidates where it stays ambiguous."""
    refs = [r for r in (Reference.parse(i) for i, d in nodes.docs.items() if d.props.get("ambiguous"))
            if r is not None]
    docs = ({"id": d.id, "base": d.props.get("base"), "system": d.props.get("system"),
             "locality": d.props.get("locality"), "term": d.props.get("term")}
            for d in nodes.docs.values() if not d.props.get("ambiguous"))
    fits = candidates_among(refs, docs)
    target = {ref: c[0] for ref, c in fits.items() if len(c) == 1}
    keep = {ref: sorted(c) for ref, c in fits.items() if len(c) != 1}
    return target, keep


def _merge_placed(nodes: Batch, target: dict[str, str]) -> None:
    """What each placed reference's texts state becomes part of its document's facts (as the
    placing pass recomputes them from the moved APPEARS_IN edges)."""
    for ref, doc in target.items():
        nodes.docs[doc].absorb(nodes.docs.pop(ref))


def _redirect(edges: pa.Table, target: dict[str, str], both_ends: bool) -> pa.Table:
    """Edges of placed references onto their documents, each keeping ``resolved_from`` = the
    reference (its source end's, else its target end's); an edge that a placement turns into a
    loop from a document to itself is dropped."""
    keys = pa.array(list(target), pa.string())
    values = pa.array(list(target.values()), pa.string())
    none = pa.scalar(None, pa.string())

    def moved(column: pa.ChunkedArray) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
        at = pc.index_in(column, value_set=keys)
        placed = pc.is_valid(at)
        return placed, pc.if_else(placed, pc.take(values, at), column)

    src = edges.column("src_id")
    placed_src, new_src = moved(src)
    moved_from = pc.if_else(placed_src, src, none)
    edges = edges.set_column(0, "src_id", new_src)
    loops = None
    if both_ends:
        dst = edges.column("dst_id")
        placed_dst, new_dst = moved(dst)
        moved_from = pc.if_else(placed_src, src, pc.if_else(placed_dst, dst, none))
        edges = edges.set_column(1, "dst_id", new_dst)
        loops = pc.and_(pc.or_(placed_src, placed_dst), pc.equal(new_src, new_dst))
    i = edges.schema.get_field_index("resolved_from")
    edges = edges.set_column(i, "resolved_from", pc.coalesce(moved_from, edges.column("resolved_from")))
    return edges if loops is None else edges.filter(pc.invert(loops))
