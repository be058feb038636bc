"""Ingest: read -> extract -> identify -> store, streaming, with a report.

Texts are read one at a time and extracted in worker processes; records are gathered into batches
and handed to the store's loader (``GraphStore.loader``). An empty Ladybug store stages the whole run
and loads it at the end (vankien.graph.stores.bulk_load); otherwise each batch is written in one transaction, and
ambiguous references are placed after the last (vankien.graph.stores.ambiguity). Validity is recomputed at the
end (vankien.graph.queries.validity).

A text is known by where it came from (its URL, else its path) and by its content (sha256): a text
already stored is skipped (unchanged); a changed text replaces its previous version — its Source node,
the edges it stated, the documents and organisations only it mentioned (``graph/stores/replace.py``) —
unless ``keep_versions``. Into a Ladybug store that holds texts the run writes a copy of the store
and switches to it at the end (``LadybugStore.ingest_run``): killed at any moment, it leaves the
store as it was. The report lists every input with its status and is rewritten (atomically) as the
run goes, so that it is there after an interruption too.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from vankien.loaders.extract import extract_record
from vankien.loaders.readers import DEFAULT_MAX_BYTES, read_paths
from vankien.loaders.readers.paths import count_inputs
from vankien.loaders.source import SourceText

from vankien.graph.model.batch import Batch
from vankien.graph.model.schema import DOCUMENT_RELATIONS
from vankien.graph.stores.base import GraphStore, StoreError, source_key
from vankien.graph.stores.ladybug_store import disk_message
from vankien.graph.stores.loader import Loader
from vankien.graph.stores.replace import remove_texts
from vankien.graph.queries.validity import mark_superseded
from vankien.graph.workers import pause_for_tests, process_pool, raise_gc_threshold

DEFAULT_BATCH = 10000
READ_AHEAD = 12000      # texts read but not yet written, at most (bounded: memory does not grow with the corpus)
PART = 200              # texts per task sent to a worker (fewer, larger tasks: less work for the writing process)
EDGE_TYPES = (*DOCUMENT_RELATIONS, "ASSIGNS_TO", "ISSUED_BY")


REPORT_SECONDS = 2.0    # the report file is rewritten at most this often while the run goes on


class IngestError(RuntimeError):
    """An ingest could not go on; the message is for the user."""


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM, turned into it by the command line) during an ingest; ``message`` says
    what the store holds now, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class IngestReport:
    store: str
    status: str = "running"     # running, done, interrupted, failed
    note: str = ""              # what the store holds, when the run did not finish
    texts_read: int = 0
    ingested: int = 0           # added + replaced
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)     # unchanged inputs too (reason "already ingested")
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
    # every input: source, status (added, replaced, unchanged, skipped), reason, sha256, counts, warnings
    inputs: list[dict[str, Any]] = field(default_factory=list)
    # files of the folders walked that are not read: source, kind (hidden, manifest, project file, not a
    # document, excluded, not included), detail (the extension …)
    passed_over: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def count_warnings(self, codes: Iterable[str | None]) -> None:
        for code in codes:
            self.warnings += 1
            if code:
                self.warning_codes[code] = self.warning_codes.get(code, 0) + 1

    def summary(self) -> str:
        rate = self.ingested / self.seconds if self.seconds else 0.0
        lines = [
            f"store: {self.store}",
            f"texts: {self.texts_read} read, {self.ingested} ingested ({self.added} added, {self.replaced} replaced), "
            f"{self.unchanged} unchanged, {len(self.skipped) - self.unchanged} skipped ({rate:.0f} texts/s)",
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
        reasons = Counter(s["reason"].split(":")[0] for s in self.skipped if not s["reason"].startswith("already"))
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
           progress: bool = False, store_name: str = "", bulk: bool = True, keep_versions: bool = False,
           report_path: str | Path | None = None, include: Sequence[str] = (),
           exclude: Sequence[str] = ()) -> IngestReport:
    """Read, extract, identify and store every text at PATHS (files or folders; see ``vankien ingest``).

    A text already in the store (same sha256) is skipped; a changed text (same URL or path, other
    content) replaces its previous version unless ``keep_versions``. ``scope``: the locality of texts
    that do not name theirs; ``max_bytes``: larger inputs are reported and skipped; ``batch_size``: texts
    per transaction in a store that already holds texts; ``workers``: extraction processes (default one
    per core, at most 4); ``progress``: a bar on standard error; ``store_name``: how the report names
    the store; ``bulk``: see ``ingest_sources``; ``report_path``: a JSON file the report is written to
    as the run goes (rewritten atomically); ``include`` / ``exclude``: globs choosing the files of folders
    (folders give their document files only: the others are counted in ``passed_over``). Raises
    IngestError when it cannot go on, IngestInterrupted (a KeyboardInterrupt) on Ctrl-C."""
    passed_over: list[dict[str, str]] = []
    if progress is True:
        files, size, sizes = count_inputs(paths, include=include, exclude=exclude)
        progress = Progress(True, files, size, sizes)
    sources = read_paths(paths, default_scope=scope, max_bytes=max_bytes, include=include, exclude=exclude,
                         on_skip=lambda source, kind, detail: passed_over.append(
                             {"source": source, "kind": kind, **({"detail": detail} if detail else {})}))
    return ingest_sources(sources, store, scope=scope, batch_size=batch_size, workers=workers, progress=progress,
                          store_name=store_name, bulk=bulk, keep_versions=keep_versions, report_path=report_path,
                          passed_over=passed_over)


def ingest_sources(sources: Iterable[SourceText], store: GraphStore, *, scope: str | None = None,
                   batch_size: int = DEFAULT_BATCH, workers: int | None = None, progress: bool = False,
                   store_name: str = "", bulk: bool = True, keep_versions: bool = False,
                   report_path: str | Path | None = None, passed_over: list[dict[str, str]] | None = None
                   ) -> IngestReport:
    """Ingest texts already read (each with its sha256), streaming: ``sources`` may be a generator.
    ``bulk``: let the store load the run its own way (an empty Ladybug store stages the run and
    loads it at the end, vankien.graph.stores.bulk_load); False writes every batch as it comes."""
    return ingest_items(sources, store, extract_part, scope=scope, batch_size=batch_size, workers=workers,
                        progress=progress, store_name=store_name, bulk=bulk, keep_versions=keep_versions,
                        report_path=report_path, passed_over=passed_over)


def ingest_items(items: Iterable[Any], store: GraphStore, to_rows: Callable[[tuple[list[Any], str | None]], Batch],
                 *, scope: str | None = None, batch_size: int = DEFAULT_BATCH, workers: int | None = None,
                 progress: bool = False, store_name: str = "", bulk: bool = True, keep_versions: bool = False,
                 report_path: str | Path | None = None, passed_over: list[dict[str, str]] | None = None
                 ) -> IngestReport:
    """The ingest of ``ingest_sources``, for inputs of any kind that have a SourceText's ``source``,
    ``url``, ``sha256``, ``ok`` and ``warnings``: ``to_rows((items, scope))``, run in the worker
    processes (a function of a module), turns a few of them into a Batch (``extract_part`` extracts
    texts; vankien.graph.distributed.records_part reads records extracted before)."""
    report = IngestReport(store=store_name)
    if passed_over is not None:
        report.passed_over = passed_over        # filled as the folders are walked
    journal = _Journal(report, report_path)
    run = _Run(store, report, journal, keep_versions)
    started = time.perf_counter()
    try:
        with store.ingest_run() as run.staged:
            run.go(items, to_rows, scope, batch_size, workers, progress, bulk, started)
    except KeyboardInterrupt as e:
        message = f"interrupted; {run.state()}"
        journal.finish("interrupted", run.state())
        raise IngestInterrupted(message) from e
    except BrokenProcessPool as e:
        journal.finish("failed", run.state())
        raise IngestError("a worker process died (killed by the system: out of memory?) while extracting texts "
                          f"or merging documents; {run.state()}. Run the same command again, perhaps with fewer "
                          "--workers or a smaller --max-size") from e
    except (OSError, StoreError) as e:
        message = disk_message(e, "writing the store") if _disk_full(e) else f"{e}; {run.state()}"
        journal.finish("failed", message)
        raise IngestError(message) from e
    except BaseException as e:
        journal.finish("failed", f"{type(e).__name__}: {e}; {run.state()}")
        raise
    report.timings.update(getattr(store, "run_timings", {}))
    report.seconds = round(time.perf_counter() - started, 3)
    journal.finish("done")
    return report


class _Run:
    """One ingest: which inputs to extract, the batches written, the report kept up to date."""

    def __init__(self, store: GraphStore, report: IngestReport, journal: _Journal, keep_versions: bool) -> None:
        self.store, self.report, self.journal = store, report, journal
        self.keep_versions = keep_versions
        self.staged: bool = False       # on a copy of the store (LadybugStore.ingest_run)
        self.loader: Loader | None = None
        self.plan: dict[str, dict[str, Any]] = {}   # sha256 -> source, status, the versions it replaces
        self.bar = Progress(False)

    def go(self, sources: Iterable[Any], to_rows: Callable[[tuple[list[Any], str | None]], Batch],
           scope: str | None, batch_size: int, workers: int | None, progress: bool, bulk: bool,
           started: float) -> None:
        store, report = self.store, self.report
        loader = self.loader = store.loader() if bulk else Loader(store)
        report.store_emptied = loader.emptied
        docs0, _, edges0 = counts(store)
        wanted = self._new_sources(sources, store.stored_versions())
        batch = Batch()
        bar = self.bar = _bar(progress)
        # Batches are trees of small dicts and lists without cycles: collecting them often only costs time
        gc_thresholds = raise_gc_threshold()
        try:
            for part in _extracted(wanted, scope, workers, to_rows):
                bar.done(len(part))
                batch.merge(part)
                if len(batch) >= batch_size:
                    self._write(batch)
                    batch = Batch()
            if len(batch):
                self._write(batch)
            bar.finish()
            report.timings["read_extract_write"] = round(time.perf_counter() - started, 3)
            mark = time.perf_counter()
            bar.phase(f"loading {_plural(report.ingested, 'text')} into the store and placing references…"
                      if loader.staged else "placing ambiguous references…")
            placement = loader.finish()     # a bulk load builds big tables: still few collections
        finally:
            gc.set_threshold(*gc_thresholds)
            bar.close()
        report.placed, report.reopened = placement.placed, placement.reopened
        report.timings["load_and_place" if loader.staged else "place_references"] = \
            round(time.perf_counter() - mark, 3)
        mark = time.perf_counter()
        bar.phase("marking superseded documents and writing the store…")
        report.not_in_force = mark_superseded(store)
        report.timings["validity"] = round(time.perf_counter() - mark, 3)
        mark = time.perf_counter()
        store.checkpoint()      # once, at the end: its cost grows with the store, not with what changed
        report.timings["checkpoint"] = round(time.perf_counter() - mark, 3)
        report.documents, report.organizations, report.edges = counts(store)
        report.documents_added, report.edges_added = report.documents - docs0, report.edges - edges0
        report.ambiguous = store.query("MATCH (d:Document) WHERE d.ambiguous = true RETURN count(*)").scalar()
        pause_for_tests("switch")

    def _new_sources(self, sources: Iterable[SourceText], versions: dict[str, set[str]]) -> Iterator[SourceText]:
        """The texts to extract (added, or replacing their previous version); the others go into the
        report with their reason."""
        known = set().union(*versions.values()) if versions else set()
        this_run: dict[str, str] = {}       # source key -> sha256 of the text of this run
        for src in sources:
            self.report.texts_read += 1
            key = source_key(src.source, src.url)
            if not src.ok:
                self._skip(src, unreadable_reason(src))
                self.bar.skipped(src)
            elif src.sha256 in known:
                self.report.unchanged += 1
                self._skip(src, "already ingested (same sha256)", status="unchanged")
                self.bar.skipped(src)
            elif key in this_run and not self.keep_versions:
                self._skip(src, "another text of the same source came earlier in this run (--keep-versions keeps both)")
                self.bar.skipped(src)
            else:
                self.bar.read(src)
                old = sorted(versions.get(key, set())) if not self.keep_versions else []
                self.plan[src.sha256] = {"source": src.source, "status": "replaced" if old else "added", "replaces": old}
                known.add(src.sha256)
                this_run[key] = src.sha256
                yield src

    def _skip(self, src: SourceText, reason: str, status: str = "skipped") -> None:
        self.report.skipped.append({"source": src.source, "reason": reason})
        warnings = [{"code": w.code, "message": w.message} for w in src.warnings] if status == "skipped" else []
        self.report.count_warnings(w["code"] for w in warnings)
        self.journal.add({"source": src.source, "status": status, "reason": reason, "sha256": src.sha256,
                          "warnings": warnings})

    def _write(self, batch: Batch) -> None:
        """Remove the previous versions of the batch's changed texts, then write the batch."""
        old = [sha for i in batch.inputs for sha in self.plan[i["sha256"]]["replaces"]]
        if old:
            remove_texts(self.store, old)
            self.loader.removed = True      # placing then looks at every reference (AppendLoader)
        self.loader.add(batch)
        report = self.report
        report.ingested += len(batch)
        report.warnings += sum(batch.warnings.values())
        for code, n in batch.warnings.items():
            report.warning_codes[code] = report.warning_codes.get(code, 0) + n
        for counted in batch.inputs:
            plan = self.plan.pop(counted["sha256"])
            setattr(report, plan["status"], getattr(report, plan["status"]) + 1)
            entry = {"source": plan["source"], "status": plan["status"], **counted}
            if plan["replaces"]:
                entry["replaces"] = plan["replaces"]
            self.journal.add(entry, write=False)
        self.journal.write(every_batch=True)     # the report lists what the run has written
        pause_for_tests(f"texts={report.ingested}")

    def state(self) -> str:
        """What the store holds after this run stopped early, for the user."""
        if self.staged:
            return "nothing of this run was stored: the store is as it was before it"
        if getattr(self.store, "half_loaded", lambda: False)():
            return ("the store is left half-loaded (the first ingest into it was loading it in bulk): every command "
                    "says so until the next ingest, which empties it and reads every text again")
        if self.loader is None or self.loader.staged and getattr(self.loader, "copied", None) is None:
            return "nothing was written to the store"
        return "the batches written so far are kept: run the same command again to finish"


def unreadable_reason(src: Any) -> str:
    """Why an input that could not be read is skipped, as the report says it."""
    reason = "; ".join(w.message for w in src.warnings) or "could not be read"
    missing = any(w.code == "not_found" for w in src.warnings)
    return reason if missing and reason.startswith("not found") else f"unreadable: {reason}"


class _Journal:
    """The report as a JSON file, rewritten atomically (a temporary file renamed over it) as the run
    goes — after each batch written, every REPORT_SECONDS while inputs are skipped, and when it ends
    however it ends — so that a run killed at any moment leaves a valid report of what it had done."""

    def __init__(self, report: IngestReport, path: str | Path | None) -> None:
        self.report, self.path = report, Path(path) if path else None
        self.written = 0.0
        self.cost = 0.0         # seconds the last rewrite took
        self.failed = False
        self.write()

    def add(self, entry: dict[str, Any], write: bool = True) -> None:
        self.report.inputs.append(entry)
        if write and time.monotonic() - self.written >= REPORT_SECONDS:
            self.write()

    def finish(self, status: str, note: str = "") -> None:
        self.report.status, self.report.note = status, note
        self.write()

    def write(self, every_batch: bool = False) -> None:
        """Rewrite the file; ``every_batch``: unless the writes would cost more than a twentieth of the
        run (a large report, small batches)."""
        if self.path is None or self.failed:
            return
        if every_batch and time.monotonic() - self.written < 20 * self.cost:
            return
        self.written = time.monotonic()
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(self.report.to_dict(), f, ensure_ascii=False, indent=1)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            self.cost = time.monotonic() - self.written
        except OSError as e:     # the run goes on; the report is also printed at the end
            self.failed = True
            print(f"vankien: cannot write the report {self.path}: {e.strerror or e}", file=sys.stderr)


def _disk_full(e: BaseException) -> bool:
    return "disk is full" in disk_message(e, "")


def extract_part(args: tuple[list[SourceText], str | None]) -> Batch:
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


def _extracted(sources: Iterator[Any], scope: str | None, workers: int | None,
               to_rows: Callable[[tuple[list[Any], str | None]], Batch] = extract_part) -> Iterator[Batch]:
    """Batches of a few texts each, in input order; extraction in worker processes, with bounded
    read-ahead so that memory does not grow with the corpus."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1:
        yield from map(to_rows, _parts(sources, scope))
        return
    ahead = max(2 * workers, READ_AHEAD // PART)       # tasks sent and not yet written, at most
    with process_pool(workers) as pool:
        pending: deque[Future] = deque()
        for part in _parts(sources, scope):
            pending.append(pool.submit(to_rows, part))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _bar(progress: bool | Progress) -> Progress:
    return progress if isinstance(progress, Progress) else Progress(bool(progress))


class Progress:
    """The progress of an ingest on standard error: a bar over the bytes of the inputs (counted up
    front with ``stat``: ``count_inputs``), with percentage, rate and ETA, advanced as texts are done
    (in input order: extracted and written, or skipped); then one line per later phase. Without a total
    (standard input) it counts texts. Shown only when ``show``."""

    def __init__(self, show: bool, files: int | None = None, total_bytes: int | None = None,
                 sizes: dict[str, int] | None = None) -> None:
        from tqdm import tqdm

        self.show, self.files, self.sizes = show, files, sizes or {}
        self.by_bytes = bool(total_bytes)
        self.texts = 0
        self.waiting: deque[int] = deque()      # the weights of texts read and not done yet, in order
        self._postfix = 0.0
        if show and files is not None:
            self.phase(f"{_plural(files, 'file')}, {_size(total_bytes)} to read" if total_bytes is not None
                       else f"{_plural(files, 'input')} to read")
        # a terminal that gives its size as 0 x 0 still gets a bar (tqdm draws none in it)
        size = shutil.get_terminal_size((100, 20))
        shape = {"ncols": min(size.columns or 100, 120), "nrows": max(size.lines, 5)}
        if self.by_bytes:
            self.bar = tqdm(desc="ingest", total=total_bytes, unit="B", unit_scale=True, unit_divisor=1024,
                            disable=not show, file=sys.stderr, **shape)
        else:
            self.bar = tqdm(desc="ingest", unit="text", disable=not show, file=sys.stderr, **shape)

    def _weight(self, src: Any) -> int:
        if not self.by_bytes:
            return 1
        size = self.sizes.pop(getattr(src, "source", None), None)
        if size is not None:
            return size
        text = getattr(src, "text", None)         # a JSON Lines record: about its line's bytes
        return len(text.encode("utf-8", "replace")) if text else 0

    def read(self, src: Any) -> None:
        """SRC is read and will be extracted."""
        self.waiting.append(self._weight(src))

    def skipped(self, src: Any) -> None:
        """SRC is read and done (unchanged, unreadable …)."""
        self._advance(self._weight(src), 1)

    def done(self, n: int) -> None:
        """The next N texts read are extracted and written."""
        n = min(n, len(self.waiting)) or n
        self._advance(sum(self.waiting.popleft() for _ in range(min(n, len(self.waiting)))), n)

    def _advance(self, weight: int, texts: int) -> None:
        self.texts += texts
        if not self.show:
            return
        if self.by_bytes:
            weight = min(weight, max(0, (self.bar.total or 0) - self.bar.n))
            now = time.monotonic()
            if now - self._postfix > 0.5:
                self.bar.set_postfix_str(_plural(self.texts, "text"), refresh=False)
                self._postfix = now
            self.bar.update(weight)
        else:
            self.bar.update(texts)

    def finish(self) -> None:
        """Every input is done: the bar at 100 %, closed."""
        if self.show and self.by_bytes and self.bar.total and self.bar.n < self.bar.total:
            self.bar.set_postfix_str(_plural(self.texts, "text"), refresh=False)
            self.bar.update(self.bar.total - self.bar.n)
        self.close()

    def close(self) -> None:
        self.bar.close()

    def phase(self, what: str) -> None:
        if self.show:
            print(f"ingest: {what}", file=sys.stderr, flush=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _size(n: int | None) -> str:
    if n is None:
        return "? bytes"
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
