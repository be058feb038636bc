"""The stored graph in networkx, for analysis (centrality, components, paths, pandas)."""
from __future__ import annotations

import networkx as nx

from .schema import DOCUMENT_RELATIONS, check_label
from .store import GraphStore

_SKIP = ("facts",)


def to_networkx(store: GraphStore, *, organizations: bool = True) -> nx.MultiDiGraph:
    """Documents (and organisations) as nodes with their properties; one edge per stated relation,
    keyed by its type, with evidence, confidence and the source text's sha256."""
    g = nx.MultiDiGraph()
    for (props,) in store.query("MATCH (d:Document) RETURN d").rows:
        g.add_node(props["id"], label="Document", **_clean(props))
    types = list(DOCUMENT_RELATIONS)
    if organizations:
        for (props,) in store.query("MATCH (o:Organization) RETURN o").rows:
            g.add_node(props["id"], label="Organization", **_clean(props))
        types += ["ASSIGNS_TO", "ISSUED_BY"]
    for t in types:
        dst = "Document" if t in DOCUMENT_RELATIONS else "Organization"
        for a, b, props in store.query(
                f"MATCH (a:Document)-[r:{check_label(t)}]->(b:{dst}) RETURN a.id, b.id, r").rows:
            g.add_edge(a, b, key=t, type=t, **_clean(props))
    return g


def _clean(props: dict) -> dict:
    return {k: v for k, v in props.items() if not k.startswith("_") and k not in _SKIP and k != "id"}
