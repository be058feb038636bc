"""What the views read from a store, over ``GraphStore.query`` (parameterised Cypher only): the
lineage subgraph below a document, and the properties, titles and assignments of documents."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vankien.graph.model.schema import DOCUMENT_RELATIONS, check_label
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
    was ingested (``title``) and that text (``text``: its title, url and path, see ``texts``)."""
    if not ids:
        return {}
    rows = store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}}) RETURN {_DOC}", {"ids": ids}).records()
    docs = {r["id"]: {**r, "title": None, "text": None} for r in rows}
    for doc_id, title, url, path in store.query(
            "UNWIND $ids AS i MATCH (d:Document {id: i})-[a:APPEARS_IN]->(s:Source) WHERE a.subject "
            "RETURN d.id, s.title, s.url, s.source ORDER BY s.title, s.source", {"ids": ids}).rows:
        d = docs[doc_id]
        if d["text"] is None:
            d["text"] = {"title": title, "url": url, "source": path}
        if d["title"] is None:
            d["title"] = title
    return docs


def texts(store: GraphStore, shas: list[str]) -> dict[str, dict[str, Any]]:
    """The ingested texts with these sha256: ``{sha: {title, url, source}}`` (what a tooltip names)."""
    shas = sorted({s for s in shas if s})
    if not shas:
        return {}
    return {sha: {"title": title, "url": url, "source": path} for sha, title, url, path in store.query(
        "UNWIND $shas AS h MATCH (s:Source {sha256: h}) RETURN s.sha256, s.title, s.url, s.source",
        {"shas": shas}).rows}


def stated_in(store: GraphStore, relations: list[dict[str, Any]]) -> None:
    """Give each relation (``source``, ``type``, ``target``) the text that states it (``text``: the
    first by sha256 and position, preferring one with an evidence sentence) and that text's
    evidence, so a tooltip's sentence and the text it names always go together."""
    if not relations:
        return
    types = sorted({r["type"] for r in relations if r["type"] in DOCUMENT_RELATIONS})
    if not types:
        return
    sources = sorted({r["source"] for r in relations})
    targets = sorted({r["target"] for r in relations})
    first: dict[tuple[str, str, str], tuple] = {}
    rows = store.query(
        f"UNWIND $ids AS i MATCH (a:Document {{id: i}})-[r:{'|'.join(check_label(t) for t in types)}]->(b:Document) "
        f"WHERE b.id IN $targets RETURN a.id, {store.rel_type_function}(r), b.id, r.source, r.evidence, r.span_start",
        {"ids": sources, "targets": targets}).rows
    for a, rel, b, sha, evidence, start in rows:
        rank = (evidence is None, sha or "", start if start is not None else -1)
        k = (a, rel, b)
        if k not in first or rank < first[k][0]:
            first[k] = (rank, sha, evidence)
    found = texts(store, [v[1] for v in first.values()])
    for r in relations:
        hit = first.get((r["source"], r["type"], r["target"]))
        if hit:
            r["text"] = found.get(hit[1])
            if hit[2]:
                r["evidence"] = hit[2]


def assignments(store: GraphStore, ids: list[str]) -> tuple[dict[str, dict], list[dict[str, Any]]]:
    """The organisations these documents give tasks to, and one assignment per (document,
    organisation, role) with how many texts state it, a deadline and the first evidence."""
    if not ids:
        return {}, []
    rows = store.query(
        "UNWIND $ids AS i MATCH (d:Document {id: i})-[r:ASSIGNS_TO]->(o:Organization) "
        "RETURN d.id AS document, o.id AS organization, o.name AS name, o.level AS level, o.province AS province, "
        "r.role AS role, r.deadline AS deadline, r.evidence AS evidence, r.confidence AS confidence, "
        "r.source AS sha "
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
                          "sha": r["sha"], "texts": 0}
        g = grouped[k]
        g["texts"] += 1
        g["deadline"] = g["deadline"] or r["deadline"]
        if g["evidence"] is None and r["evidence"]:          # the evidence and its text go together
            g["evidence"], g["sha"] = r["evidence"], r["sha"]
    found = texts(store, [g["sha"] for g in grouped.values()])
    for g in grouped.values():
        g["text"] = found.get(g.pop("sha"))
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
    stated_in(store, g.relations)
    if with_assignments:
        g.organizations, g.assignments = assignments(store, ids)
    return g

