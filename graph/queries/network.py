"""The stored graph in networkx, for analysis (centrality, components, paths, pandas)."""
from __future__ import annotations

import networkx as nx

from vankien.graph.model.schema import DOCUMENT_RELATIONS, check_label
from vankien.graph.stores.base import GraphStore

_SKIP = ("facts",)


def to_networkx(store: GraphStore, *, organizations: bool = True) -> nx.MultiDiGraph:
    """Documents (and organisations) as nodes with their properties; one edge per relation stated
    in a text, keyed (type, source sha256, span start), with its evidence and confidence."""
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
            # one edge per text stating it: keyed by type, text and place in the text
            g.add_edge(a, b, key=(t, props.get("source"), props.get("span_start")), type=t, **_clean(props))
    return g


def _clean(props: dict) -> dict:
    return {k: v for k, v in props.items() if not k.startswith("_") and k not in _SKIP and k != "id"}
