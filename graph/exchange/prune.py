"""Making a copy equal to its source again: remove from the target store what the source no longer
holds (a reference placed since the last push and so gone, an edge moved back by the ambiguity
pass, …). Only vankien's labels and relationship types are touched.

Streaming like vankien.graph.exchange.push: the target's keys are read in pages and compared with the source's;
edges are compared page by page of their source nodes, by the keys that tell them apart
(schema.EDGE_KEY). The statements run on both dialects (Ladybug, Neo4j).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from vankien.graph.model.schema import EDGE_KEY, NODES, PRIMARY_KEY, RELATIONSHIPS, RelTable, check_label
from vankien.graph.stores.base import GraphStore
from vankien.graph.exchange.pages import PAGE, edge_sources, edges_from, key_pages


def delete_nodes(label: str) -> str:
    key = PRIMARY_KEY[check_label(label)]
    return f"UNWIND $keys AS k MATCH (n:{label} {{{key}: k}}) DETACH DELETE n"


def delete_edges(rel: RelTable, present: tuple[str, ...]) -> str:
    """Edges found by their ends and keys; a key in ``present`` must equal the row's, the others be null."""
    src_key, dst_key = PRIMARY_KEY[check_label(rel.src)], PRIMARY_KEY[check_label(rel.dst)]
    keys = EDGE_KEY[check_label(rel.name)]
    where = " AND ".join(f"r.{k} = row.{k}" if k in present else f"r.{k} IS NULL" for k in keys)
    return (f"UNWIND $rows AS row MATCH (a:{rel.src} {{{src_key}: row.src}})-[r:{rel.name}]->"
            f"(b:{rel.dst} {{{dst_key}: row.dst}}) {'WHERE ' + where + ' ' if where else ''}DELETE r")


def edge_identity(rel: RelTable, edge: dict[str, Any]) -> tuple:
    return (edge["src_id"], edge["dst_id"], *(edge.get(k) for k in EDGE_KEY[rel.name]))


def prune(source: GraphStore, target: GraphStore, *, page: int = PAGE) -> Counter:
    """Delete from ``target`` the nodes and edges ``source`` does not have; returns how many, by label and type."""
    removed: Counter = Counter()
    for label in NODES:
        key = PRIMARY_KEY[label]
        for keys in key_pages(target, label, page):
            present = {row[0] for row in source.query(
                f"MATCH (n:{label}) WHERE n.{key} >= $first AND n.{key} <= $last RETURN n.{key}",
                {"first": keys[0], "last": keys[-1]}).rows}
            gone = [k for k in keys if k not in present]
            if gone:
                target.query(delete_nodes(label), {"keys": gone}, write=True)
                removed[label] += len(gone)
    for label in edge_sources():
        for keys in key_pages(target, label, page):
            for rel in (r for r in RELATIONSHIPS if r.src == label):
                wanted = {edge_identity(rel, e) for e in edges_from(source, rel, keys[0], keys[-1])}
                stale = [e for e in edges_from(target, rel, keys[0], keys[-1])
                         if edge_identity(rel, e) not in wanted]
                groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
                for e in stale:
                    present = tuple(k for k in EDGE_KEY[rel.name] if e.get(k) is not None)
                    groups[present].append({"src": e["src_id"], "dst": e["dst_id"], **{k: e[k] for k in present}})
                for present, rows in groups.items():
                    target.query(delete_edges(rel, present), {"rows": rows}, write=True)
                removed[rel.name] += len(stale)
    return removed
