"""vankien push: copy every node and edge of one store (the embedded one) into another (Neo4j).

Streaming: the source is read in keyset pages (vankien.graph.exchange.pages) and each page is written in
transactions of at most ``batch_size`` rows, so memory does not grow with the graph. The order is
fixed: nodes label by label, then the edges leaving each page of source nodes. Every write is a
MERGE on keys, so pushing again changes nothing, and a push that stopped halfway, run again, ends
with the same graph and no duplicates.

Progress (the last phase and key written) is kept in a small JSON file beside the source store, so
a push run again after an interruption resumes where it stopped instead of starting over; the file
names the target and a fingerprint of the source, and is ignored when either differs (the source
changed: everything is pushed again). It is removed when a push completes.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from vankien.graph.model.schema import NODES, PRIMARY_KEY, REL_BY_NAME, RELATIONSHIPS, RelTable
from vankien.graph.exchange.prune import prune
from vankien.graph.queries.stats import edge_counts, node_counts
from vankien.graph.stores import open_store
from vankien.graph.stores.base import GraphStore
from vankien.graph.exchange.pages import edge_pages, edge_sources, node_pages

DEFAULT_BATCH = 5000
PROGRESS_FILE = "neo4j-push.progress.json"


class PushTarget(Protocol):
    def ensure_schema(self) -> None: ...
    def write_nodes(self, label: str, nodes: list[dict[str, Any]]) -> int: ...
    def write_edges(self, rel: RelTable, edges: list[dict[str, Any]]) -> int: ...


class Progress:
    """Where a push got to: phases completed (``nodes:LABEL`` for each label, then ``edges:LABEL``
    for each label edges leave from) and the last key written in the current one."""

    def __init__(self, path: Path | None, target: str, source: str) -> None:
        self.path = path
        self.state: dict[str, Any] = {"target": target, "source": source, "done": [], "phase": None, "after": None}
        saved = self._load()
        if saved and saved.get("target") == target and saved.get("source") == source:
            self.state = saved

    @property
    def resumed_at(self) -> str | None:
        """Where an earlier, interrupted push stopped (None when starting afresh)."""
        if self.state["phase"]:
            return f"{self.state['phase']} after {self.state['after']!r}"
        return f"after {self.state['done'][-1]}" if self.state["done"] else None

    def is_done(self, phase: str) -> bool:
        return phase in self.state["done"]

    def after(self, phase: str) -> Any:
        return self.state["after"] if self.state["phase"] == phase else None

    def save(self, phase: str, after: Any) -> None:
        self.state.update(phase=phase, after=after)
        self._write()

    def complete(self, phase: str) -> None:
        self.state["done"].append(phase)
        self.state.update(phase=None, after=None)
        self._write()

    def clear(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    def _load(self) -> dict[str, Any] | None:
        if self.path is None or not self.path.is_file():
            return None
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(self.state, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:         # a read-only store folder: the push still works, it just cannot resume
            self.path = None


def folder_fingerprint(folder: Path) -> str:
    """Changes whenever a file of the store folder changes (names, sizes, modification times)."""
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        if p.is_file() and not p.name.startswith(PROGRESS_FILE):
            st = p.stat()
            h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


@dataclass
class PushReport:
    target: str
    nodes: Counter = field(default_factory=Counter)
    edges: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)     # by vankien.graph.exchange.prune
    resumed_at: str | None = None
    seconds: float = 0.0
    edge_seconds: float = 0.0

    @property
    def edge_rate(self) -> float:
        return sum(self.edges.values()) / self.edge_seconds if self.edge_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "nodes": dict(self.nodes), "edges": dict(self.edges),
                "removed": dict(self.removed), "resumed_at": self.resumed_at, "seconds": round(self.seconds, 3),
                "edge_seconds": round(self.edge_seconds, 3), "relationships_per_second": round(self.edge_rate)}

    def summary(self) -> str:
        lines = [f"pushed to {self.target}" + (f" (resumed: {self.resumed_at})" if self.resumed_at else ""),
                 "nodes: " + ", ".join(f"{k} {self.nodes[k]}" for k in NODES),
                 "relationships: " + ", ".join(f"{r.name} {self.edges[r.name]}" for r in RELATIONSHIPS),
                 "removed (no longer in the store): " + (", ".join(f"{k} {v}" for k, v in self.removed.items() if v)
                                                         or "nothing"),
                 f"time: {self.seconds:.1f}s ({self.edge_rate:.0f} relationships/s)"]
        return "\n".join(lines)


def push(source: GraphStore, target: PushTarget, *, batch_size: int = DEFAULT_BATCH,
         progress: Progress | None = None, target_name: str = "", prune_extra: bool = False,
         on_write: Callable[[str, int], None] | None = None) -> PushReport:
    """Copy ``source`` into ``target`` (see the module's docstring); ``prune_extra``: then remove
    from the target what the source no longer holds (vankien.graph.exchange.prune; the target must be a store).
    ``on_write(what, n)`` is told after each transaction (for a progress bar)."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    progress = progress or Progress(None, target_name, "")
    report = PushReport(target=target_name, resumed_at=progress.resumed_at)
    started = time.perf_counter()
    target.ensure_schema()
    for label in NODES:
        phase = f"nodes:{label}"
        if progress.is_done(phase):
            continue
        for nodes in node_pages(source, label, batch_size, progress.after(phase)):
            n = target.write_nodes(label, nodes)
            report.nodes[label] += n
            progress.save(phase, nodes[-1][PRIMARY_KEY[label]])
            if on_write:
                on_write(label, n)
        progress.complete(phase)
    edges_started = time.perf_counter()
    for label in edge_sources():
        phase = f"edges:{label}"
        if progress.is_done(phase):
            continue
        for last, by_type in edge_pages(source, label, batch_size, progress.after(phase)):
            for name, edges in by_type.items():
                for i in range(0, len(edges), batch_size):
                    n = target.write_edges(REL_BY_NAME[name], edges[i:i + batch_size])
                    report.edges[name] += n
                    if on_write:
                        on_write(name, n)
            progress.save(phase, last)
        progress.complete(phase)
    report.edge_seconds = time.perf_counter() - edges_started
    if prune_extra:
        report.removed = prune(source, target, page=batch_size)
    progress.clear()
    report.seconds = time.perf_counter() - started
    return report


def counts(store: GraphStore) -> dict[str, int]:
    """Nodes per label and edges per type: what a push makes equal in the target."""
    return {**node_counts(store), **edge_counts(store)}


def push_store(folder: Path, target: PushTarget, *, batch_size: int = DEFAULT_BATCH, restart: bool = False,
               prune_extra: bool = True, target_name: str = "",
               on_write: Callable[[str, int], None] | None = None) -> PushReport:
    """Copy the embedded store in FOLDER into TARGET, resuming an interrupted push of the same store
    to the same target (its progress is kept in FOLDER/PROGRESS_FILE) unless ``restart``."""
    source = open_store(folder, read_only=True)
    try:
        fingerprint = folder_fingerprint(folder)
        state = Progress(folder / PROGRESS_FILE, target_name, fingerprint)
        if restart:
            state.clear()
            state = Progress(folder / PROGRESS_FILE, target_name, fingerprint)
        return push(source, target, batch_size=batch_size, progress=state, target_name=target_name,
                    prune_extra=prune_extra, on_write=on_write)
    finally:
        source.close()
