"""What the views read from a store, over ``GraphStore.query`` (parameterised Cypher only): the
lineage subgraph below a document, and the properties, titles and assignments of documents."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vankien.graph.queries.lineage import DOWN, neighbours
from vankien.graph.stores import GraphStore

# properties of a Document the views show or lay out by
DOC_PROPS = ("id", "key", "kind", "type", "system", "level", "issuer_code", "date", "issuing_body", "locality",
             "province", "term", "descriptor", "ambiguous", "candidates", "in_force", "superseded_by", "sources")
_DOC = ", ".join(f"d.{p} AS {p}" for p in DOC_PROPS)


@dataclass
class Subgraph:
    """Documents (by id, with their properties), relations between them (one per document pair and
    type, with how many texts state it and the first evidence), and assignments to organisations."""
    root: str
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=dict)


def documents(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The view properties of these documents, with the title of the document's own text when one
    was ingested (``title``)."""
    if not ids:
        return {}
    rows = store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}}) RETURN {_DOC}", {"ids": ids}).records()
    docs = {r["id"]: {**r, "title": None} for r in rows}
    for doc_id, title in store.query(
            "UNWIND $ids AS i MATCH (d:Document {id: i})-[a:APPEARS_IN]->(s:Source) "
            "WHERE a.subject AND s.title IS NOT NULL RETURN d.id, s.title ORDER BY s.title", {"ids": ids}).rows:
        if docs[doc_id]["title"] is None:
            docs[doc_id]["title"] = title
    return docs


def assignments(store: GraphStore, ids: list[str]) -> tuple[dict[str, dict], list[dict[str, Any]]]:
    """The organisations these documents give tasks to, and one assignment per (document,
    organisation, role) with how many texts state it, a deadline and the first evidence."""
    if not ids:
        return {}, []
    rows = store.query(
        "UNWIND $ids AS i MATCH (d:Document {id: i})-[r:ASSIGNS_TO]->(o:Organization) "
        "RETURN d.id AS document, o.id AS organization, o.name AS name, o.level AS level, o.province AS province, "
        "r.role AS role, r.deadline AS deadline, r.evidence AS evidence, r.confidence AS confidence "
        "ORDER BY document, organization, role, r.source, r.span_start", {"ids": ids}).records()
    orgs: dict[str, dict] = {}
    grouped: dict[tuple, dict] = {}
    for r in rows:
        orgs.setdefault(r["organization"], {"id": r["organization"], "name": r["name"], "level": r["level"],
                                            "province": r["province"]})
        k = (r["document"], r["organization"], r["role"])
        if k not in grouped:
            grouped[k] = {"document": r["document"], "organization": r["organization"], "role": r["role"],
                          "deadline": r["deadline"], "evidence": r["evidence"], "confidence": r["confidence"],
                          "texts": 0}
        grouped[k]["texts"] += 1
        grouped[k]["deadline"] = grouped[k]["deadline"] or r["deadline"]
    return orgs, list(grouped.values())


def flow_down(store: GraphStore, root: str, depth: int, *, with_assignments: bool = True) -> Subgraph:
    """Everything that acts on ``root`` down to ``depth`` steps (implements, reviews, follows up,
    guides, amends, supersedes — the documents ``vankien lineage`` shows), every such relation
    between them, and their assignments."""
    g = Subgraph(root, depth={root: 0})
    found: list[dict] = []
    frontier = [root]
    for step in range(1, depth + 1):
        if not frontier:
            break
        rows = neighbours(store, frontier, DOWN)
        found.extend(rows)
        frontier = []
        for row in rows:
            if row["id"] not in g.depth:
                g.depth[row["id"]] = step
                frontier.append(row["id"])
    # relations among the documents found into the last ones found (not expanded above)
    if frontier:
        found.extend(r for r in neighbours(store, frontier, DOWN) if r["id"] in g.depth)
    ids = list(g.depth)
    g.documents = documents(store, ids)
    g.relations = [{"source": r["id"], "target": r["parent"], "type": r["relation"], "texts": r["texts"],
                    "evidence": r["evidence"], "confidence": r["confidence"]} for r in found]
    if with_assignments:
        g.organizations, g.assignments = assignments(store, ids)
    return g

