"""Loading a whole ingest into an empty Ladybug store at once.

Ladybug writes a ``COPY`` into an empty table straight into its data file. A ``COPY`` into a table
that already holds rows goes through the write-ahead log instead, and the checkpoint that later folds
the log into the file rewrites every relationship table that gained edges: it costs time in
proportion to the store, and until it runs the new rows stay in memory. So the first ingest into an
empty store does not write batch by batch. It stages the run — texts and edges in Parquet files in
the store's folder, documents and organisations merged in memory — places the ambiguous references
among the staged documents (graph.ambiguity, the same rule), and copies each table once. Measured
on 100 000 generated texts: copying takes seconds and the final checkpoint under two, where writing
batch by batch spent most of the run in checkpoints (README, Speed).

- Interrupted while staging: nothing is in the store yet; the next ingest removes the staging folder
  and reads every text again.
- Interrupted while copying: a marker file in the store's folder says so, and the next ingest
  empties the store (it was empty before the copy began) and reads every text again.
- Memory: the staged documents are held in memory, and copying them takes about as much again. So
  when the writing process passes ``STAGING_SHARE`` of the memory budget (graph.ladybug_store), the
  run staged so far is copied; its remaining batches are then written one by one (checkpointing
  within the budget), and references are placed once more at the end.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import facts as F
from .ambiguity import Placement, Reference, candidates_among, place_references
from .batch import Batch
from .schema import NODES, REL_BY_NAME, RELATIONSHIPS

if TYPE_CHECKING:
    from .ladybug_store import LadybugStore

STAGING = "staging"               # folder inside the store's folder
MARKER = "bulk-load-in-progress.json"
STAGING_SHARE = 0.4               # of the memory budget, for staging: copying needs as much again
RELEASE_ROWS = 100_000            # after copying a table this large, the store releases its memory
MAX_DOCS = 250_000                # documents staged, at most, where the resident memory cannot be read


class BulkLoad:
    staged = True

    def __init__(self, store: LadybugStore) -> None:
        self.store = store
        self.folder = store.folder / STAGING
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.nodes = Batch()              # documents and organisations of the run, merged
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.copied: Placement | None = None

    # --- staging ---------------------------------------------------------------------------
    def add(self, batch: Batch) -> None:
        if self.copied is not None:
            self.store.write_batch(batch)
            return
        self.nodes.merge_nodes(batch)
        self._stage("Source", batch.sources, NODES["Source"])
        for rel in RELATIONSHIPS:
            rows = batch.edges.get(rel.name)
            if rows:
                self._stage(rel.name, rows, _edge_columns(rel.name))
        if self._staged_enough():
            self.copied = self._copy_all()

    def _staged_enough(self) -> bool:
        from .ladybug_store import MEMORY_BUDGET_MB, resident_mb

        rss = resident_mb()
        return len(self.nodes.docs) >= MAX_DOCS if rss is None else rss > MEMORY_BUDGET_MB * STAGING_SHARE

    def _stage(self, table: str, rows: list[dict], columns: dict[str, str]) -> None:
        from .ladybug_store import arrow_table

        data = arrow_table(rows, columns)
        writer = self.writers.get(table)
        if writer is None:
            writer = self.writers[table] = pq.ParquetWriter(self.folder / f"{table}.parquet", data.schema)
        writer.write_table(data)

    def _staged(self, table: str) -> pa.Table | None:
        writer = self.writers.pop(table, None)
        if writer is None:
            return None
        writer.close()
        return pq.read_table(self.folder / f"{table}.parquet")

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
        target, keep = _place(self.nodes)
        _merge_placed(self.nodes, target)
        store.copy_documents(self.nodes, keep)
        store.copy_rows("Organization", [{"id": o.id, **o.props, "sources": o.sources}
                                         for o in self.nodes.orgs.values()])
        self.nodes = Batch()
        store.release_memory()
        sources = self._staged("Source")
        if sources is not None:
            store.copy_rows("Source", sources)
        for rel in RELATIONSHIPS:
            edges = self._staged(rel.name)
            if edges is not None and target:
                edges = _redirect(edges, target, rel.dst == "Document")
            if edges is not None and edges.num_rows:
                store.copy_rows(rel.name, edges)
                if edges.num_rows >= RELEASE_ROWS:
                    store.release_memory()    # Ladybug holds what a COPY wrote until a checkpoint
            del edges
            pa.default_memory_pool().release_unused()     # the next table need not add to the last
        may_be = [{"src_id": ref, "dst_id": c} for ref, cands in keep.items() for c in cands]
        if may_be:
            store.create_edges("MAY_BE", may_be)
        store.checkpoint()
        marker.unlink()
        shutil.rmtree(self.folder, ignore_errors=True)
        return Placement(placed=len(target), ambiguous=len(keep))


def _edge_columns(rel_name: str) -> dict[str, str]:
    return {"src_id": "STRING", "dst_id": "STRING", **REL_BY_NAME[rel_name].props}


def _place(nodes: Batch) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The ambiguous references of the run placed among its documents (the store held none):
    reference -> its one candidate, and reference -> its candidates where it stays ambiguous."""
    refs = [r for r in (Reference.parse(i) for i, d in nodes.docs.items() if d.props.get("ambiguous"))
            if r is not None]
    docs = ({"id": d.id, "base": d.props.get("base"), "system": d.props.get("system"),
             "locality": d.props.get("locality"), "term": d.props.get("term")}
            for d in nodes.docs.values() if not d.props.get("ambiguous"))
    fits = candidates_among(refs, docs)
    target = {ref: sorted(c)[0] for ref, c in fits.items() if len(c) == 1}
    keep = {ref: sorted(c) for ref, c in fits.items() if len(c) != 1}
    return target, keep


def _merge_placed(nodes: Batch, target: dict[str, str]) -> None:
    """What each placed reference's texts state becomes part of its document's facts (as the
    placing pass recomputes them from the moved APPEARS_IN edges)."""
    for ref, doc in target.items():
        row, into = nodes.docs.pop(ref), nodes.docs[doc]
        F.merge(into.facts, row.facts)
        into.sources += row.sources
        into.full_text |= row.full_text


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
