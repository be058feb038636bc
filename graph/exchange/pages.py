"""Reading a whole store in pages through its ``query``, so that copying it elsewhere (Neo4j, CSV
files) never holds the whole graph.

Keyset pages: nodes in the order of their key, each page starting after the last key of the one
before (so a page costs the same wherever it is, and a copy can resume after a known key). Edges are
read for one page of their source nodes at a time, as the key range of that page. Both dialects
(Ladybug, Neo4j) run these statements.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vankien.graph.model.schema import NODES, PRIMARY_KEY, RELATIONSHIPS, RelTable, check_label
from vankien.graph.stores.base import GraphStore

PAGE = 5000


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


def edge_sources() -> list[str]:
    """Labels that edges leave from, in schema order."""
    return list(dict.fromkeys(r.src for r in RELATIONSHIPS))


def _props(value: dict[str, Any], schema: dict[str, str]) -> dict[str, Any]:
    """A node or relationship from ``query`` as its schema properties only (internal ``_ID``… dropped)."""
    return {p: value.get(p) for p in schema}
