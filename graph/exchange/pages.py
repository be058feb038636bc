"""Reading a whole store in pages through its ``query``, so that copying it elsewhere (Neo4j, CSV
files) never holds the whole graph.

Keyset pages: nodes in the order of their key, each page starting after the last key of the one
before (so a copy can resume after a known key). Edges are read for one page of their source nodes at
a time, as the key range of that page. Both dialects (Ladybug, Neo4j) run these statements.

A copy that reads everything once and need not resume (the RDF export) reads ``scan_pages``: on Ladybug,
whose range of a key is a scan of the whole table (a page of 1 000 out of 400 000 documents costs as
much as the whole column, so a whole copy is quadratic), pages of the nodes' internal offsets (``offset(id(n))``,
dense within a table). A range of offsets is still a scan of the table (measured: 0.09 s for 1 000 of
47 000 documents, 0.32 s for 1 000 of 277 000), so several pages are read per query, as many as hold
about ``VALUES_PER_READ`` values; on a store open read-only the database is reopened for each read,
which empties Ladybug's page cache (a whole copy would otherwise hold the whole file in memory), with a
cache of ``READ_POOL_MB`` (Ladybug's default cache costs about 65 MB before it holds anything). A read's
answers come as Arrow tables (``query_arrow``), compact, and become Python values one page at a time.
Elsewhere (Neo4j), key pages.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from vankien.graph.model.schema import NODES, PRIMARY_KEY, RELATIONSHIPS, RelTable, check_label
from vankien.graph.stores.base import GraphStore, StoreError

PAGE = 5000
# scan_pages: how much one read of the embedded store holds (values: rows times columns, nodes and their
# edges), and at most how many pages it reads at once
VALUES_PER_READ = 600_000
MAX_PAGES_PER_READ = 50
FIRST_READ = 2                  # pages, before the size of a node's values is known
READ_POOL_MB = 64               # Ladybug's page cache while scan_pages reads a store open read-only
ARROW = True                    # read Ladybug's answers as Arrow tables (query_arrow)


def _where_after(after: Any, var: str, key: str) -> str:
    return f"WHERE {var}.{key} > $after " if after is not None else ""


def key_pages(store: GraphStore, label: str, size: int = PAGE, after: Any = None) -> Iterator[list[Any]]:
    """The keys of every ``label`` node in order, ``size`` at a time, starting after ``after``."""
    key = PRIMARY_KEY[check_label(label)]
    while True:
        keys = [row[0] for row in store.query(
            f"MATCH (n:{label}) {_where_after(after, 'n', key)}RETURN n.{key} ORDER BY n.{key} LIMIT $size",
            {"size": size, **({"after": after} if after is not None else {})}).rows]
        if not keys:
            return
        yield keys
        if len(keys) < size:
            return
        after = keys[-1]


def node_pages(store: GraphStore, label: str, size: int = PAGE, after: Any = None) -> Iterator[list[dict[str, Any]]]:
    """Every ``label`` node as a dict of its schema properties, in key order, ``size`` at a time."""
    key = PRIMARY_KEY[check_label(label)]
    while True:
        rows = store.query(
            f"MATCH (n:{label}) {_where_after(after, 'n', key)}RETURN n ORDER BY n.{key} LIMIT $size",
            {"size": size, **({"after": after} if after is not None else {})}).rows
        if not rows:
            return
        nodes = [_props(row[0], NODES[label]) for row in rows]
        yield nodes
        if len(nodes) < size:
            return
        after = nodes[-1][key]


def edges_from(store: GraphStore, rel: RelTable, first: Any, last: Any) -> list[dict[str, Any]]:
    """Every ``rel`` edge leaving the nodes whose keys lie in [first, last]: ``src_id``, ``dst_id`` and
    its properties. A key range, not a list of keys: both stores answer it from the key's index,
    where a list costs Ladybug a scan per key."""
    src_key, dst_key = PRIMARY_KEY[rel.src], PRIMARY_KEY[rel.dst]
    rows = store.query(
        f"MATCH (a:{check_label(rel.src)})-[r:{check_label(rel.name)}]->(b:{check_label(rel.dst)}) "
        f"WHERE a.{src_key} >= $first AND a.{src_key} <= $last RETURN a.{src_key}, b.{dst_key}, r",
        {"first": first, "last": last}).rows
    return [{"src_id": a, "dst_id": b, **_props(r, rel.props)} for a, b, r in rows]


def edge_pages(store: GraphStore, label: str, size: int = PAGE,
               after: Any = None) -> Iterator[tuple[Any, dict[str, list[dict[str, Any]]]]]:
    """For each page of ``label`` nodes: (last key of the page, {relationship type: edges leaving the page})."""
    rels = [r for r in RELATIONSHIPS if r.src == label]
    for keys in key_pages(store, label, size, after):
        yield keys[-1], {rel.name: edges_from(store, rel, keys[0], keys[-1]) for rel in rels}


def scan_pages(store: GraphStore, label: str, rels: list[RelTable], size: int = PAGE, read: int | None = None
               ) -> Iterator[tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]]:
    """Every ``label`` node, ``size`` at a time, each page with the edges of ``rels`` that leave it:
    (nodes as dicts of their schema properties, {relationship type: edges as ``edges_from`` gives them}).
    Every node and edge exactly once.

    On Ladybug: the pages of ``size`` internal offsets, nodes in the order of their offsets and edges in
    the order of their source's offset, then their own (so two reads of one store give the same pages).
    A query over a range of offsets still scans the table (about 1 µs a node), so the store is read
    several pages at a time and each read is cut into its pages: ``read`` offsets a read, or by default
    ``FIRST_READ`` pages first, then as many pages as hold about ``VALUES_PER_READ`` values (rows times
    columns, of the nodes and their edges) at the density of the densest read so far, at most
    ``MAX_PAGES_PER_READ``: what a read holds follows the budget, not the store. Properties are returned
    as columns, not as node values (three times cheaper to fetch), and read as Arrow tables when the store
    has ``query_arrow`` (``ARROW``; ``_Read``): a read is held compact and only the page being yielded is
    made of Python values. On a store open read-only, the database is reopened for each read with a
    page cache of ``READ_POOL_MB`` (``_releaser``): what Ladybug holds stays within it whatever the size
    of the store; a read that does not fit ("the buffer pool is full") is read again in half as many
    pages (and the reads after it no larger), one page that does not fit with the store's own cache.
    The database is left open with the cache of the last read (``read_cache(store, bounded=False)`` gives
    the store its own again). The pages do not depend on ``read`` nor on the cache.
    Elsewhere (Neo4j): key pages."""
    check_label(label)
    if any(r.src != label for r in rels):
        raise ValueError(f"not all of {[r.name for r in rels]} leave {label}")
    if size < 1:
        raise ValueError(f"a page holds at least one node, not {size}")
    if getattr(store, "rel_type_function", "type") != "label":          # Neo4j: key pages
        key = PRIMARY_KEY[label]
        for nodes in node_pages(store, label, size):
            first, last = nodes[0][key], nodes[-1][key]
            yield nodes, {rel.name: edges_from(store, rel, first, last) for rel in rels}
        return
    top = store.query(f"MATCH (n:{label}) RETURN max(offset(id(n)))").scalar()
    if top is None:
        return
    if read is not None:
        read = max(size, read // size * size)                           # whole pages
    key = PRIMARY_KEY[label]
    props = list(NODES[label])
    stored = _stored(store, label, props)           # a store made with an older schema lacks the newer ones
    in_read = "WHERE offset(id(a)) >= $lo AND offset(id(a)) < $hi "
    node_query = (f"MATCH (a:{label}) {in_read}RETURN offset(id(a))" + "".join(f", a.{p}" for p in stored))
    edge_props: dict[str, tuple[str, ...]] = {}
    groups: dict[tuple, list[str]] = {}     # types with the same target and properties: read by one query
    for rel in rels:
        edge_props[rel.name] = ("src_id", "dst_id", *_stored(store, rel.name, list(rel.props)))
        groups.setdefault((rel.dst, edge_props[rel.name]), []).append(check_label(rel.name))
    edge_queries = []       # (types, query): one type's rows, or several types' each after its type
    for (dst, names), types in groups.items():
        edge_queries.append((types, f"MATCH (a:{label})-[r:{'|'.join(types)}]->(b:{check_label(dst)}) {in_read}RETURN "
                                    + ("label(r), " if len(types) > 1 else "")
                                    + f"offset(id(a)), offset(id(r)), a.{key}, b.{PRIMARY_KEY[dst]}"
                                    + "".join(f", r.{p}" for p in names[2:])))
    blank_node = dict.fromkeys(props)
    blank_edges = {rel.name: dict.fromkeys(("src_id", "dst_id", *rel.props)) for rel in rels}
    release = _releaser(store)
    arrow = ARROW and callable(getattr(store, "query_arrow", None))
    lo, pages, widest = 0, (read or FIRST_READ * size) // size, 0.0
    bounded = release is not None and READ_POOL_MB > 0
    most = MAX_PAGES_PER_READ
    while lo <= top:
        span = {"lo": lo, "hi": lo + pages * size}
        try:
            if release is not None:     # the pages of the reads before, out of the store's cache
                release(buffer_pool_mb=READ_POOL_MB if bounded else None)
            nodes = _Read(_fetch(store, node_query, span, arrow), 1)
            if not len(nodes):
                lo = span["hi"]
                continue
            held = len(nodes) * (1 + len(stored))                   # values held by this read
            edges = {}
            for types, query in edge_queries:
                for name, answer in _by_type(_fetch(store, query, span, arrow), types):
                    edges[name] = found = _Read(answer, 2)
                    held += len(found) * (2 + len(edge_props[name]))
        except StoreError as e:         # a read larger than the bounded cache: fewer pages, then unbounded
            if "buffer pool is full" not in str(e) or not bounded:
                raise
            nodes = edges = None
            if pages > 1:
                pages = most = pages // 2
            else:
                bounded = False
            continue
        lo = span["hi"]
        if read is None:        # the next reads hold at most about VALUES_PER_READ values, nodes as dense
            widest = max(widest, held / len(nodes))         # as the densest read so far
            pages = max(1, min(most, int(VALUES_PER_READ / widest) // size))
        for page, (i, j) in nodes.pages(size):
            yield (nodes.dicts(i, j, stored, blank_node),           # dicts for one page at a time
                   {rel.name: edges[rel.name].page_dicts(page, size, edge_props[rel.name], blank_edges[rel.name])
                    for rel in rels})
        del nodes, edges


def _fetch(store: GraphStore, query: str, params: dict[str, Any], arrow: bool) -> Any:
    """A query's answer: an Arrow table (``query_arrow``) or a list of rows of Python values."""
    return store.query_arrow(query, params) if arrow else store.query(query, params).rows


def _by_type(answer: Any, types: list[str]) -> Iterator[tuple[str, Any]]:
    """(type, its rows) for each of ``types``: an answer of one type as it is, else split by its first
    column (``label(r)``), which is dropped. One query over several relationship tables costs about what
    one over a single table does (each scans the table of their source once)."""
    if len(types) == 1:
        yield types[0], answer
        return
    if isinstance(answer, list):
        for name in types:
            yield name, [row[1:] for row in answer if row[0] == name]
        return
    import bisect

    import pyarrow as pa
    import pyarrow.compute as pc

    # sorted by type (then source and own offset), each type's rows are one slice: no Python value
    # is compared in Arrow (pyarrow would import pandas for it, about 50 MB)
    order = pc.sort_indices(answer, sort_keys=[(name, "ascending") for name in answer.column_names[:3]])
    answer = pc.take(answer, order, memory_pool=pa.system_memory_pool())
    labels = answer.column(0).to_pylist()
    rest = answer.drop_columns([answer.column_names[0]])
    for name in types:
        start, end = bisect.bisect_left(labels, name), bisect.bisect_right(labels, name)
        yield name, rest.slice(start, end - start)


class _Read:
    """The rows of one answer of ``scan_pages`` (``_fetch``), sorted by their first column (a node's offset)
    and then by their second (an edge's own offset): an Arrow table (compact, Python values made for one
    page at a time) or rows of Python values. ``skip`` leading columns are offsets, not values."""

    def __init__(self, answer: Any, skip: int):
        import numpy
        import pyarrow as pa
        import pyarrow.compute as pc

        self.skip = skip
        if not isinstance(answer, list):
            table = answer
            self.offsets = numpy.zeros(0, numpy.int64)
            if len(table):
                first = _int64s(table.column(0))
                keys = first if skip == 1 else first * (1 << 32) + _int64s(table.column(1))
                if not bool((keys[1:] > keys[:-1]).all()):      # several threads: not in order
                    order = pc.sort_indices(table, sort_keys=[(name, "ascending") for name in table.column_names[:skip]])
                    # in malloc's memory, given back when the read is dropped (Arrow's own pool keeps it)
                    table = pc.take(table, order, memory_pool=pa.system_memory_pool())
                    first = _int64s(table.column(0))
                self.offsets = first
            self.table, self.rows = table, None
        else:
            rows = answer
            rows.sort(key=(lambda row: (row[0], row[1])) if skip == 2 else (lambda row: row[0]))
            self.table, self.rows = None, rows
            self.offsets = numpy.fromiter((row[0] for row in rows), numpy.int64, len(rows))

    def __len__(self) -> int:
        return len(self.offsets)

    def pages(self, size: int) -> Iterator[tuple[int, tuple[int, int]]]:
        """(page, (first row, row after its last)) of each page of ``size`` offsets, in order."""
        import numpy

        page = self.offsets // size
        cut = numpy.flatnonzero(page[1:] != page[:-1]) + 1
        starts, ends = numpy.concatenate(([0], cut)), numpy.concatenate((cut, [len(page)]))
        for s, e in zip(starts.tolist(), ends.tolist()):
            yield int(page[s]), (s, e)

    def page_dicts(self, page: int, size: int, names: tuple[str, ...] | list[str],
                   blank: dict[str, Any]) -> list[dict[str, Any]]:
        i, j = self.offsets.searchsorted([page * size, (page + 1) * size]).tolist()
        return self.dicts(i, j, names, blank) if j > i else []

    def dicts(self, i: int, j: int, names: tuple[str, ...] | list[str], blank: dict[str, Any]) -> list[dict[str, Any]]:
        """Rows i to j as dicts of ``names`` (the columns after the offsets), over ``blank``."""
        if self.table is None:
            return [{**blank, **dict(zip(names, row[self.skip:]))} for row in self.rows[i:j]]
        part = self.table.slice(i, j - i)
        columns = [part.column(self.skip + k).to_pylist() for k in range(len(names))]
        return [{**blank, **dict(zip(names, values))} for values in zip(*columns)]


def _int64s(column: Any) -> Any:
    """An Arrow column of int64 without nulls as a numpy array, read from its buffers: ``to_numpy`` would
    import pandas (about 50 MB and 0.4 s)."""
    import numpy

    parts = [numpy.frombuffer(chunk.buffers()[1], numpy.int64, len(chunk), chunk.offset * 8)
             for chunk in column.chunks]
    return parts[0] if len(parts) == 1 else numpy.concatenate(parts) if parts else numpy.zeros(0, numpy.int64)


def read_cache(store: GraphStore, bounded: bool = True) -> None:
    """On a store open read-only: its database reopened with a page cache of ``READ_POOL_MB`` (``bounded``,
    or the store's own when the store does not open with it) or with the store's own. ``scan_pages`` does
    it before each read and leaves the bounded cache; a whole copy (ontology/export.py) also does it before
    anything else (Ladybug's default cache costs about 65 MB as it opens) and, unbounded, at its end."""
    release = _releaser(store)
    if release is None:
        return
    if bounded and READ_POOL_MB > 0:
        try:
            release(buffer_pool_mb=READ_POOL_MB)
            return
        except StoreError as e:
            if "buffer pool is full" not in str(e):
                raise
    release()


def _releaser(store: GraphStore) -> Callable[[], None] | None:
    """How to empty the page cache of a store open read-only between two reads: Ladybug keeps every page
    it has read until the database closes, and some of what a query leaves there cannot be evicted (with
    a bounded cache a long read fails: "the buffer pool is full"), so a whole copy would grow with the
    store. ``release_memory`` closes and reopens the database (about 0.1 s), with the page cache it is
    given (``buffer_pool_mb``); on a store open for writing it would also checkpoint, so it is not called
    there."""
    release = getattr(store, "release_memory", None)
    return release if getattr(store, "read_only", False) and callable(release) else None


def _stored(store: GraphStore, table: str, props: list[str]) -> list[str]:
    """Those of ``props`` that the store's table ``table`` has (Ladybug's table_info)."""
    have = {row[1] for row in store.query(f"CALL table_info('{check_label(table)}') RETURN *").rows}
    return [p for p in props if p in have]


def edge_sources() -> list[str]:
    """Labels that edges leave from, in schema order."""
    return list(dict.fromkeys(r.src for r in RELATIONSHIPS))


def _props(value: dict[str, Any], schema: dict[str, str]) -> dict[str, Any]:
    """A node or relationship from ``query`` as its schema properties only (internal ``_ID``… dropped)."""
    return {p: value.get(p) for p in schema}
