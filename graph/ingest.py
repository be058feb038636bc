"""Ingest: read -> extract -> identify -> store, streaming, with a report.

Texts are read one at a time and extracted in worker processes; records are gathered into batches
and handed to the store's loader (``GraphStore.loader``). An empty Ladybug store stages the whole run
and loads it at the end (vankien.graph.stores.bulk_load); otherwise each batch is written in one transaction, and
ambiguous references are placed after the last (vankien.graph.stores.ambiguity). A text already in the store (same
sha256) is skipped, so ingesting the same files again changes nothing; a run that was interrupted
loses at most the batch it was writing (or, loading in bulk, the whole run, which the next run reads
again: vankien.graph.stores.bulk_load). Validity is recomputed at the end (vankien.graph.queries.validity).
"""
from __future__ import annotations

import gc
import os
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from vankien.loaders.extract import extract_record
from vankien.loaders.readers import DEFAULT_MAX_BYTES, read_paths
from vankien.loaders.source import SourceText

from vankien.graph.model.batch import Batch
from vankien.graph.model.schema import DOCUMENT_RELATIONS
from vankien.graph.stores.base import GraphStore
from vankien.graph.stores.loader import Loader
from vankien.graph.queries.validity import mark_superseded
from vankien.graph.workers import process_pool, raise_gc_threshold

DEFAULT_BATCH = 10000
READ_AHEAD = 12000      # texts read but not yet written, at most (bounded: memory does not grow with the corpus)
PART = 200              # texts per task sent to a worker (fewer, larger tasks: less work for the writing process)
EDGE_TYPES = (*DOCUMENT_RELATIONS, "ASSIGNS_TO", "ISSUED_BY")


class IngestError(RuntimeError):
    """An ingest could not go on; the message is for the user."""


@dataclass
class IngestReport:
    store: str
    texts_read: int = 0
    ingested: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    documents: int = 0
    documents_added: int = 0
    organizations: int = 0
    edges: int = 0
    edges_added: int = 0
    ambiguous: int = 0
    placed: int = 0
    reopened: int = 0
    not_in_force: int = 0
    store_emptied: bool = False     # an interrupted bulk load was undone first (vankien.graph.stores.bulk_load)
    warnings: int = 0
    warning_codes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        rate = self.ingested / self.seconds if self.seconds else 0.0
        lines = [
            f"store: {self.store}",
            f"texts: {self.texts_read} read, {self.ingested} ingested, {len(self.skipped)} skipped"
            f" ({rate:.0f} texts/s)",
            f"documents: {self.documents} (+{self.documents_added}), organizations: {self.organizations}",
            f"edges: {self.edges} (+{self.edges_added})",
            f"ambiguous references: {self.ambiguous} ({self.placed} placed in this run"
            + (f", {self.reopened} re-opened" if self.reopened else "") + ")",
            f"not in force (superseded): {self.not_in_force}",
            f"warnings: {self.warnings}" + (" (" + ", ".join(f"{k} {v}" for k, v in
                                                             sorted(self.warning_codes.items())) + ")"
                                            if self.warning_codes else ""),
        ]
        if self.store_emptied:
            lines.insert(1, "note: the previous ingest into this store was interrupted while loading it in bulk; "
                            "the store was emptied and this run loaded it again")
        lines.append("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items()))
        reasons = Counter(s["reason"].split(":")[0] for s in self.skipped)
        if reasons:
            lines.append("skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
        return "\n".join(lines)


def counts(store: GraphStore) -> tuple[int, int, int]:
    """(documents, organizations, edges between documents and to organisations)."""
    docs = store.query("MATCH (d:Document) RETURN count(*)").scalar()
    orgs = store.query("MATCH (o:Organization) RETURN count(*)").scalar()
    edges = sum(store.query(f"MATCH ()-[r:{t}]->() RETURN count(*)").scalar() for t in EDGE_TYPES)
    return docs, orgs, edges


def ingest(paths: Iterable[str | Path], store: GraphStore, *, scope: str | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = DEFAULT_BATCH, workers: int | None = None,
           progress: bool = False, store_name: str = "", bulk: bool = True) -> IngestReport:
    """Read, extract, identify and store every text at PATHS (files or folders; see ``vankien ingest``).

    A text already in the store (same sha256) is skipped. ``scope``: the locality of texts that do not
    name theirs; ``max_bytes``: larger inputs are reported and skipped; ``batch_size``: texts per
    transaction in a store that already holds texts; ``workers``: extraction processes (default one per
    core, at most 4); ``progress``: a bar on standard error; ``store_name``: how the report names the
    store; ``bulk``: see ``ingest_sources``. Raises IngestError when it cannot go on."""
    return ingest_sources(read_paths(paths, default_scope=scope, max_bytes=max_bytes), store, scope=scope,
                          batch_size=batch_size, workers=workers, progress=progress, store_name=store_name,
                          bulk=bulk)


def ingest_sources(sources: Iterable[SourceText], store: GraphStore, *, scope: str | None = None,
                   batch_size: int = DEFAULT_BATCH, workers: int | None = None, progress: bool = False,
                   store_name: str = "", bulk: bool = True) -> IngestReport:
    """Ingest texts already read (each with its sha256), streaming: ``sources`` may be a generator.
    ``bulk``: let the store load the run its own way (an empty Ladybug store stages the run and
    loads it at the end, vankien.graph.stores.bulk_load); False writes every batch as it comes."""
    report = IngestReport(store=store_name)
    started = time.perf_counter()
    loader = store.loader() if bulk else Loader(store)
    report.store_emptied = loader.emptied
    docs0, _, edges0 = counts(store)
    known = store.known_sources()
    wanted = _new_sources(sources, known, report)
    batch = Batch()
    bar = _bar(progress)
    # Batches are trees of small dicts and lists without cycles: collecting them often only costs time
    gc_thresholds = raise_gc_threshold()
    try:
        for part in _extracted(wanted, scope, workers):
            bar.update(len(part))
            batch.merge(part)
            if len(batch) >= batch_size:
                _write(loader, batch, report)
                batch = Batch()
        if len(batch):
            _write(loader, batch, report)
        bar.close()
        report.timings["read_extract_write"] = round(time.perf_counter() - started, 3)
        mark = time.perf_counter()
        placement = loader.finish()     # a bulk load builds big tables: still few collections
    except BrokenProcessPool as e:
        raise IngestError("a worker process died (killed by the system: out of memory?) while extracting texts "
                          "or merging documents; the batches written before are kept (a bulk load into an "
                          "empty store is undone by the next ingest): run the same command again, perhaps "
                          "with fewer --workers or a smaller --max-size") from e
    finally:
        gc.set_threshold(*gc_thresholds)
        bar.close()
    report.placed, report.reopened = placement.placed, placement.reopened
    report.timings["load_and_place" if loader.staged else "place_references"] = round(time.perf_counter() - mark, 3)
    mark = time.perf_counter()
    report.not_in_force = mark_superseded(store)
    report.timings["validity"] = round(time.perf_counter() - mark, 3)
    mark = time.perf_counter()
    store.checkpoint()      # once, at the end: its cost grows with the store, not with what changed
    report.timings["checkpoint"] = round(time.perf_counter() - mark, 3)
    report.documents, report.organizations, report.edges = counts(store)
    report.documents_added, report.edges_added = report.documents - docs0, report.edges - edges0
    report.ambiguous = store.query("MATCH (d:Document) WHERE d.ambiguous = true RETURN count(*)").scalar()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _new_sources(sources: Iterable[SourceText], known: set[str], report: IngestReport) -> Iterator[SourceText]:
    """The texts to extract; the others are recorded in the report with their reason."""
    for src in sources:
        report.texts_read += 1
        if not src.ok:
            reason = "; ".join(w.message for w in src.warnings) or "could not be read"
            report.skipped.append({"source": src.source, "reason": f"unreadable: {reason}"})
        elif src.sha256 in known:
            report.skipped.append({"source": src.source, "reason": "already ingested (same sha256)"})
        else:
            known.add(src.sha256)
            yield src


def _write(loader: Loader, batch: Batch, report: IngestReport) -> None:
    loader.add(batch)
    report.ingested += len(batch)
    report.warnings += sum(batch.warnings.values())
    for code, n in batch.warnings.items():
        report.warning_codes[code] = report.warning_codes.get(code, 0) + n


def _extract_part(args: tuple[list[SourceText], str | None]) -> Batch:
    """Extract a few texts and turn their records into rows (in a worker process): only the rows
    cross back to the writing process, not the records."""
    sources, scope = args
    part = Batch()
    for src in sources:
        part.add(extract_record(src, scope=scope))
    return part


def _parts(sources: Iterator[SourceText], scope: str | None) -> Iterator[tuple[list[SourceText], str | None]]:
    chunk: list[SourceText] = []
    for src in sources:
        chunk.append(src)
        if len(chunk) >= PART:
            yield chunk, scope
            chunk = []
    if chunk:
        yield chunk, scope


def _extracted(sources: Iterator[SourceText], scope: str | None, workers: int | None) -> Iterator[Batch]:
    """Batches of a few texts each, in input order; extraction in worker processes, with bounded
    read-ahead so that memory does not grow with the corpus."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1:
        yield from map(_extract_part, _parts(sources, scope))
        return
    ahead = max(2 * workers, READ_AHEAD // PART)       # tasks sent and not yet written, at most
    with process_pool(workers) as pool:
        pending: deque[Future] = deque()
        for part in _parts(sources, scope):
            pending.append(pool.submit(_extract_part, part))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _bar(show: bool):
    import sys

    from tqdm import tqdm

    return tqdm(desc="ingest", unit="text", disable=not show, file=sys.stderr)
