"""The one small interface every store implements (the embedded Ladybug store, Neo4j).

A store knows how to create its schema, which texts it already holds, how to write a Batch
atomically, and how to run Cypher. Everything else (placing ambiguous references, validity,
lineage, coverage) is written once over ``query`` in vankien.graph.stores.ambiguity and vankien.graph.queries.lineage.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from vankien.graph.model.batch import Batch
from vankien.graph.model.facts import UPDATE, UPDATED
from vankien.graph.model.schema import PRIMARY_KEY, REL_BY_NAME, check_label, check_properties

DEFAULT_STORE = "vankien-store"


def source_key(source: str | None, url: str | None) -> str:
    """What identifies a text across ingests: its URL, else its path (JSON Lines: ``path#line``)."""
    return url or source or ""


@dataclass
class QueryResult:
    """The answer of ``GraphStore.query``: column names and rows."""
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None


class StoreError(RuntimeError):
    """A store could not be opened or a statement failed; the message is for the user."""


class GraphStore(ABC):
    """A store of the graph (``open_store`` gives one): the embedded Ladybug store or Neo4j.

    ``query(cypher, params, write=False)`` runs Cypher with parameters and returns a QueryResult
    (``.columns``, ``.rows``, ``.records()``, ``.scalar()``); a store is a context manager that closes it."""
    #: the Cypher function giving a relationship's type: ``label`` (Ladybug) or ``type`` (Neo4j)
    rel_type_function = "type"

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create node and relationship tables / constraints if they do not exist."""

    @abstractmethod
    def known_sources(self) -> set[str]:
        """sha256 of every text already stored."""

    @abstractmethod
    def write_batch(self, batch: Batch) -> None:
        """Write a batch in one transaction: all of it or none of it."""

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        """Run Cypher with parameters; read-only unless ``write``."""

    @abstractmethod
    def loader(self):
        """What an ingest hands its batches to (``vankien.graph.stores.loader.Loader`` writes each batch
        as it comes; the embedded store loads an empty store in bulk)."""

    def create_edges(self, rel_name: str, rows: list[dict[str, Any]]) -> None:
        """New edges of one type, each row ``{"src_id", "dst_id", **properties}`` (endpoints must exist).

        The default runs one parameterised UNWIND statement per few thousand rows; a store with a bulk
        loader overrides it."""
        rel = REL_BY_NAME[check_label(rel_name)]
        sets = ", ".join(f"{p}: e.{p}" for p in rel.props)
        cypher = (f"UNWIND $rows AS e MATCH (a:{rel.src} {{{PRIMARY_KEY[rel.src]}: e.src_id}}) "
                  f"MATCH (b:{rel.dst} {{{PRIMARY_KEY[rel.dst]}: e.dst_id}}) "
                  f"CREATE (a)-[:{rel.name} {{{sets}}}]->(b)")
        for i in range(0, len(rows), 5000):
            self.query(cypher, {"rows": rows[i:i + 5000]}, write=True)

    def update_documents(self, rows: list[dict[str, Any]], props: tuple[str, ...] | None = None) -> None:
        """Set properties of Document nodes already stored: each row has the document's ``id`` and a
        value for each of ``props`` (default: what ``vankien.graph.model.facts.node_values`` gives). The default runs
        one parameterised ``UNWIND`` statement per few thousand rows."""
        props = check_properties("Document", props or UPDATED)
        if props == UPDATED:
            cypher = UPDATE
        else:
            cypher = ("UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET "
                      + ", ".join(f"d.{p} = r.{p}" for p in props))
        for i in range(0, len(rows), 5000):
            self.query(cypher, {"rows": rows[i:i + 5000]}, write=True)

    @contextmanager
    def ingest_run(self) -> Iterator[bool]:
        """Around an ingest's writes. The embedded store makes them all or nothing (it writes a copy
        and switches to it at the end) and yields True; the default writes in place and yields False."""
        yield False

    def stored_versions(self) -> dict[str, set[str]]:
        """The texts already stored, by where they came from (URL, else path): key -> their sha256."""
        versions: dict[str, set[str]] = defaultdict(set)
        for sha, source, url in self.query("MATCH (s:Source) RETURN s.sha256, s.source, s.url").rows:
            versions[source_key(source, url)].add(sha)
        return dict(versions)


    def checkpoint(self) -> None:
        """Make what was written durable in the store's main files (a no-op where not needed)."""

    def release_memory(self, buffer_pool_mb: int | None = None) -> None:
        """Checkpoint, and give back the memory of caches that grow with the store (where there are any).
        ``buffer_pool_mb``: the page cache to reopen with, for a store that has one (Ladybug); ignored here."""
        self.checkpoint()

    def close(self) -> None:
        pass

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
