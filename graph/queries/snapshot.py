"""A store's whole content, for comparing two stores: every node and every edge with every
property but the time a text was ingested (which differs between two runs of the same ingest)."""
from __future__ import annotations

from vankien.graph.model.schema import NODES, PRIMARY_KEY, RELATIONSHIPS
from vankien.graph.stores.base import GraphStore

VOLATILE = frozenset({"ingested_at"})


def snapshot(store: GraphStore) -> dict[str, list[tuple[str, ...]]]:
    """Label or relationship type -> its rows (node properties; an edge's two ends' keys and its
    properties), each value as text, the rows sorted: equal for two stores with the same graph."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for label, props in NODES.items():
        cols = ", ".join(f"n.{p}" for p in props if p not in VOLATILE)
        out[label] = sorted(tuple(map(str, r)) for r in store.query(f"MATCH (n:{label}) RETURN {cols}").rows)
    for rel in RELATIONSHIPS:
        cols = "".join(f", r.{p}" for p in rel.props if p not in VOLATILE)
        out[rel.name] = sorted(tuple(map(str, r)) for r in store.query(
            f"MATCH (a:{rel.src})-[r:{rel.name}]->(b:{rel.dst}) "
            f"RETURN a.{PRIMARY_KEY[rel.src]}, b.{PRIMARY_KEY[rel.dst]}{cols}").rows)
    return out
