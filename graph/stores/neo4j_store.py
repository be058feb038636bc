"""Neo4j as a vankien store, through the official ``neo4j`` driver: where researchers run Cypher
(Browser, Bloom, their own scripts).

Connection settings are read like Neo4j's own tools read them: ``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. The password is never logged nor put in a message: every
message this store raises goes through :meth:`Neo4jSettings.redact` (the driver's own messages
repeat the URI, user:password@ included), and a URI holding a user name or password is refused.

Every write runs in a managed transaction (``execute_write``), which the driver retries on transient
errors (deadlocks, leader changes, lost connections): a transaction function is re-run from its start
and everything it does is MERGE, so a retry or a re-run never duplicates anything. Statements come
from vankien.graph.stores.neo4j_cypher (values as parameters only). Query results come back as plain Python values,
nodes and relationships as dicts (like the embedded store's), Neo4j dates as ``datetime.date``.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from vankien._version import __version__

from vankien.graph.stores import neo4j_cypher as C
from vankien.graph.model.batch import Batch
from vankien.graph.model.schema import NODES, REL_BY_NAME, RELATIONSHIPS, RelTable
from vankien.graph.stores.base import GraphStore, QueryResult, StoreError
from vankien.graph.stores.loader import Loader

DEFAULT_URI = "neo4j://localhost:7687"
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
DEFAULT_USER = "neo4j"
CHUNK = 5000            # rows per statement inside one transaction (vankien ingest --neo4j)
INDEX_WAIT_SECONDS = 300
REDACTED = "***"
# the user:password@ of a URI ("neo4j://user:secret@host:7687"): dropped from anything shown
_USERINFO_RE = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s/@'\"]*@")


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = None
    database: str | None = None       # None: the server's default database

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, database: str | None = None,
                 env: dict[str, str] | None = None) -> Neo4jSettings:
        """Explicit values first, then NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE."""
        env = os.environ if env is None else env
        return cls(uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
                   user=user or env.get("NEO4J_USERNAME") or DEFAULT_USER,
                   password=env.get("NEO4J_PASSWORD"),
                   database=database or env.get("NEO4J_DATABASE") or None)

    def __repr__(self) -> str:          # never the password
        return f"Neo4jSettings(uri={self.shown_uri!r}, user={self.user!r}, database={self.database!r})"

    @property
    def shown_uri(self) -> str:
        """The URI as it may be printed: without any user:password@ in it."""
        scheme, sep, rest = self.uri.partition("://")
        return f"{scheme}{sep}{rest.rpartition('@')[2]}" if sep else self.uri.rpartition("@")[2]

    @property
    def target(self) -> str:
        return f"{self.shown_uri} database {self.database or '(default)'}"

    @property
    def has_userinfo(self) -> bool:
        """Whether the URI holds a user name or password (``neo4j://user:secret@host``)."""
        return bool(_USERINFO_RE.search(self.uri))

    def redact(self, text: str) -> str:
        """``text`` as it may be shown: without the user:password@ of any URI in it, and with the
        password (from NEO4J_PASSWORD, a prompt or the URI) replaced by ``***``. The one place
        where messages about Neo4j are made safe to print."""
        text = _USERINFO_RE.sub(r"\g<scheme>", str(text))
        for secret in self._secrets():
            text = text.replace(secret, REDACTED)
        return text

    def _secrets(self) -> list[str]:
        userinfo = self.uri.partition("://")[2].rpartition("@")[0]
        found = [self.password, userinfo, userinfo.partition(":")[2]]
        return sorted({s for s in found if s}, key=len, reverse=True)


def chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore(GraphStore):
    rel_type_function = "type"

    def __init__(self, settings: Neo4jSettings, *, read_only: bool = False) -> None:
        import neo4j
        from neo4j import exceptions as nx

        self.settings = settings
        self.read_only = read_only
        self._driver = None
        uri = settings.shown_uri
        if settings.has_userinfo:
            raise self._error(f"the Neo4j URI {uri} must not hold a user name or password (user:…@): "
                              "set NEO4J_USERNAME and NEO4J_PASSWORD instead")
        if not settings.password:
            raise self._error("no Neo4j password: set NEO4J_PASSWORD (it is never read from the command line)")
        if settings.uri.partition("://")[0] not in SCHEMES or "://" not in settings.uri:
            raise self._error(f"not a Bolt URI: {uri!r} (expected {' or '.join(SCHEMES[::3])}://HOST:PORT, "
                              f"e.g. {DEFAULT_URI})")
        try:
            self._driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                                      user_agent=f"vankien/{__version__}")
            self._driver.verify_connectivity()
        except nx.AuthError:
            self.close()
            raise self._error(f"Neo4j at {uri} refused user {settings.user!r}: check NEO4J_USERNAME "
                              f"and NEO4J_PASSWORD") from None
        except (nx.ServiceUnavailable, OSError) as e:
            self.close()
            raise self._error(f"cannot reach Neo4j at {uri}: ", e) from None
        except (nx.ConfigurationError, ValueError) as e:
            self.close()
            raise self._error(f"cannot use the Neo4j URI {uri!r}: ", e) from None
        except (nx.Neo4jError, nx.DriverError) as e:
            self.close()
            raise self._error(f"Neo4j at {uri}: ", getattr(e, 'message', None) or e) from None
        if not read_only:
            self.ensure_schema()

    # --- interface -------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Constraints and indexes (IF NOT EXISTS: running it again changes nothing), then the provinces."""
        for statement in C.schema_statements():
            self._execute(lambda tx, s=statement: tx.run(s).consume(), write=True, quiet=True)
        self._execute(lambda tx: tx.run("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_SECONDS).consume(),
                      write=True, quiet=True)
        if not self.query(C.COUNT_PROVINCES).scalar():
            nodes, edges = C.province_rows()
            self.write_nodes("Province", nodes)
            self.write_edges(REL_BY_NAME["SUCCEEDED_BY"], edges)

    def known_sources(self) -> set[str]:
        return {row[0] for row in self.query("MATCH (s:Source) RETURN s.sha256").rows}

    def write_batch(self, batch: Batch) -> None:
        """The whole batch in one transaction; documents and organisations met before are updated
        (facts merged, counts added) from what the transaction reads, so a retried transaction
        computes the same result."""
        self._check_writable()

        def work(tx) -> None:
            existing: dict[str, dict[str, Any]] = {}
            for ids in chunks(list(batch.docs), CHUNK):
                existing.update({r["id"]: r for r in tx.run(C.READ_DOCUMENTS, ids=ids).data()})
            _run_rows(tx, C.MERGE_DOCUMENTS, C.document_rows(batch, existing))
            _run_rows(tx, C.MERGE_ORGANIZATIONS, C.organization_rows(batch))
            _run_rows(tx, C.MERGE_SOURCES, C.node_rows("Source", batch.sources))
            for rel in RELATIONSHIPS:
                for statement, rows in C.edge_statements(rel, batch.edges.get(rel.name) or ()):
                    _run_rows(tx, statement, rows)

        self._execute(work, write=True, quiet=True)

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        if write:
            self._check_writable()

        def work(tx) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(cypher, params or {})
            return list(result.keys()), [list(record.values()) for record in result]

        columns, rows = self._execute(work, write=write)
        return QueryResult(columns, [[native(v) for v in row] for row in rows])

    def loader(self) -> Loader:
        """Batches are written as they come, in one transaction each."""
        return Loader(self)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    # --- writing rows (vankien push) ------------------------------------------------------------
    def write_nodes(self, label: str, nodes: Iterable[dict[str, Any]]) -> int:
        """Nodes as the embedded store returns them, in one transaction; returns how many."""
        self._check_writable()
        rows = C.node_rows(label, nodes)
        self._execute(lambda tx: _run_rows(tx, C.merge_nodes(label), rows), write=True, quiet=True)
        return len(rows)

    def write_edges(self, rel: RelTable, edges: Iterable[dict[str, Any]]) -> int:
        """Edges (``src_id``, ``dst_id`` and properties) in one transaction; returns how many."""
        self._check_writable()
        groups = C.edge_statements(rel, edges)

        def work(tx) -> None:
            for statement, rows in groups:
                _run_rows(tx, statement, rows)

        self._execute(work, write=True, quiet=True)
        return sum(len(rows) for _, rows in groups)

    # --- running ---------------------------------------------------------------------------
    def _error(self, message: str, detail: object = "") -> StoreError:
        """The StoreError to raise: ``message`` (vankien's words: shown URI, no secret in it), then
        ``detail`` (the driver's or the server's words) redacted (:meth:`Neo4jSettings.redact`)."""
        return StoreError(message + self.settings.redact(str(detail)))

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("the Neo4j store is open read-only")

    def _execute(self, work: Callable[[Any], Any], *, write: bool, quiet: bool = False) -> Any:
        """``work(tx)`` in a managed transaction; ``quiet``: without the server's notifications
        (vankien's own bulk statements, whose planner hints would only repeat on every batch)."""
        from neo4j import exceptions as nx

        if self._driver is None:
            raise StoreError("the Neo4j store is closed")
        options = {"notifications_min_severity": "OFF"} if quiet else {}
        try:
            with self._driver.session(database=self.settings.database, **options) as session:
                return (session.execute_write if write else session.execute_read)(work)
        except nx.Neo4jError as e:
            raise self._error("Neo4j: ", f"{e.message or e}" + (f" [{e.code}]" if e.code else "")) from e
        except nx.DriverError as e:
            raise self._error(f"Neo4j at {self.settings.shown_uri}: ", e) from None


def _run_rows(tx, statement: str, rows: list[dict[str, Any]]) -> None:
    for part in chunks(rows, CHUNK):
        tx.run(statement, rows=part).consume()


def native(value: Any) -> Any:
    """A value from the driver as plain Python: nodes and relationships as dicts shaped like the
    embedded store's (every schema property present, ``_LABEL``, ``_ID``), Neo4j temporal values as
    datetime ones."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        label = next((lbl for lbl in value.labels if lbl in NODES), next(iter(value.labels), None))
        base = dict.fromkeys(NODES.get(label, ()))
        return {"_ID": value.element_id, "_LABEL": label, **base, **{k: native(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        rel = REL_BY_NAME.get(value.type)
        base = dict.fromkeys(rel.props if rel else ())
        return {"_ID": value.element_id, "_LABEL": value.type,
                "_SRC": value.start_node.element_id if value.start_node is not None else None,
                "_DST": value.end_node.element_id if value.end_node is not None else None,
                **base, **{k: native(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [native(n) for n in value.nodes], "relationships": [native(r) for r in value.relationships]}
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    to_native = getattr(value, "to_native", None)      # neo4j.time.Date, DateTime, Time
    if callable(to_native) and type(value).__module__.startswith("neo4j"):
        try:
            return to_native()
        except ValueError:          # outside Python's range: keep its ISO text
            return value.iso_format()
    return value
