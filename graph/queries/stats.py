"""Counts that describe a store: nodes, edges by type, documents by level, system and type."""
from __future__ import annotations

from typing import Any

from vankien.graph.model.schema import NODES, RELATIONSHIPS
from vankien.graph.stores.base import GraphStore


def node_counts(store: GraphStore) -> dict[str, int]:
    return {label: store.query(f"MATCH (n:{label}) RETURN count(*)").scalar() for label in NODES}


def edge_counts(store: GraphStore) -> dict[str, int]:
    return {r.name: store.query(f"MATCH ()-[r:{r.name}]->() RETURN count(*)").scalar() for r in RELATIONSHIPS}


def stats(store: GraphStore) -> dict[str, Any]:
    """Counts of the store: nodes and edges by label and type; documents by level, system and type;
    ambiguous references, documents whose sources disagree, seen in full and no longer in force."""
    nodes, edges = node_counts(store), edge_counts(store)

    def by(prop: str) -> dict[str, int]:
        rows = store.query(f"MATCH (d:Document) RETURN d.{prop} AS v, count(*) AS n ORDER BY n DESC, v").rows
        return {str(v): n for v, n in rows}

    q = store.query
    return {
        "nodes": nodes, "edges": edges,
        "documents_by_level": by("level"), "documents_by_system": by("system"), "documents_by_type": by("type"),
        "ambiguous": q("MATCH (d:Document) WHERE d.ambiguous = true RETURN count(*)").scalar(),
        "with_conflicts": q("MATCH (d:Document) WHERE size(d.conflicts) > 0 RETURN count(*)").scalar(),
        "seen_in_full": q("MATCH (d:Document) WHERE d.full_text = true RETURN count(*)").scalar(),
        "not_in_force": q("MATCH (d:Document) WHERE d.in_force = false RETURN count(*)").scalar(),
    }
