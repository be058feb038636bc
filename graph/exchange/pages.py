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
about ``VALUES_PER_READ`` values; on a store open read-only the database is reopened between two reads,
which empties Ladybug's page cache (a whole copy would otherwise hold the whole file in memory).
Elsewhere (Neo4j), key pages.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from vankien.graph.model.schema import NODES, PRIMARY_KEY, RELATIONSHIPS, RelTable, check_label
from vankien.graph.stores.base import GraphStore

PAGE = 5000
# scan_pages: how much one read of the embedded store holds (values: rows times columns, nodes and their
# edges), and at most how many pages it reads at once
VALUES_PER_READ = 600_000
MAX_PAGES_PER_READ = 50
FIRST_READ = 2                  # pages, before the size of a node's values is known


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
    as columns, not as node values (three times cheaper to fetch). On a store open read-only, its page
    cache is emptied between two reads (``_releaser``). The pages do not depend on ``read``.
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
    edge_queries, edge_props = {}, {}
    for rel in rels:
        edge_props[rel.name] = ("src_id", "dst_id", *_stored(store, rel.name, list(rel.props)))
        edge_queries[rel.name] = (f"MATCH (a:{label})-[r:{check_label(rel.name)}]->(b:{check_label(rel.dst)}) "
                                  f"{in_read}RETURN offset(id(a)), offset(id(r)), a.{key}, b.{PRIMARY_KEY[rel.dst]}"
                                  + "".join(f", r.{p}" for p in edge_props[rel.name][2:]))
    blank_node = dict.fromkeys(props)
    blank_edges = {rel.name: dict.fromkeys(("src_id", "dst_id", *rel.props)) for rel in rels}
    release = _releaser(store)
    lo, pages, widest = 0, (read or FIRST_READ * size) // size, 0.0
    while lo <= top:
        if lo and release is not None:
            release()               # the pages of the reads before, out of the store's cache
        span = {"lo": lo, "hi": lo + pages * size}
        lo = span["hi"]
        rows = sorted(store.query(node_query, span).rows, key=lambda row: row[0])
        if not rows:
            continue
        edges: dict[int, dict[str, list[list[Any]]]] = {}          # page -> type -> rows of its edges
        held = len(rows) * (1 + len(stored))                        # values held by this read
        for rel in rels:
            found = store.query(edge_queries[rel.name], span).rows
            held += len(found) * (2 + len(edge_props[rel.name]))
            for row in sorted(found, key=lambda row: (row[0], row[1])):
                edges.setdefault(row[0] // size, {}).setdefault(rel.name, []).append(row)
            del found
        if read is None:            # the next reads hold at most about VALUES_PER_READ values, nodes as dense
            widest = max(widest, held / len(rows))          # as the densest read so far
            pages = max(1, min(MAX_PAGES_PER_READ, int(VALUES_PER_READ / widest) // size))
        for page, group in itertools.groupby(rows, key=lambda row: row[0] // size):
            found = edges.pop(page, {})                                # dicts for one page at a time
            yield ([{**blank_node, **dict(zip(stored, row[1:]))} for row in group],
                   {rel.name: [{**blank_edges[rel.name], **dict(zip(edge_props[rel.name], row[2:]))}
                               for row in found.get(rel.name, ())] for rel in rels})


def _releaser(store: GraphStore) -> Callable[[], None] | None:
    """How to empty the page cache of a store open read-only between two reads: Ladybug keeps every page
    it has read until the database closes, and some of what a query leaves there cannot be evicted (with
    a bounded cache a long read fails: "the buffer pool is full"), so a whole copy would grow with the
    store. ``release_memory`` closes and reopens the database (about 0.1 s); on a store open for writing
    it would also checkpoint, so it is not called there."""
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
