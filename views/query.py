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


def each_id(store: GraphStore, ids: list[str], one: str, many: str, params: dict[str, Any] | None = None,
            wide: int | None = None) -> list[list[Any]]:
    """The rows of ``many`` (a statement over the list ``$ids``) or, when ``wide`` is given, the list is
    shorter than it and the store does not look each id of a list up in its key index
    (``key_lists_anchored``), of ``one`` (the same statement anchored on ``$id``) run for each id in
    order, rows of each id in the statement's order. On the embedded store a list joins a scan of the
    whole relationship table (0.4–1.5 s at 100 000 texts, measured), one anchored statement costs
    ~0.3–0.7 ms; see vankien.graph.queries.lineage."""
    params = dict(params or {})
    if wide is None or len(ids) >= wide or getattr(store, "key_lists_anchored", False):
        return store.query(many, {**params, "ids": list(ids)}).rows
    rows: list[list[Any]] = []
    for i in dict.fromkeys(ids):
        rows += store.query(one, {**params, "id": i}).rows
    return rows


def documents(store: GraphStore, ids: list[str], *, wide: int | None = None) -> dict[str, dict[str, Any]]:
    """The view properties of these documents, with the title of the document's own text when one
    was ingested (``title``) and that text (``text``: its title, url and path, see ``texts``).
    ``wide``: see ``each_id`` (the same answer, asked one document at a time for fewer ids)."""
    if not ids:
        return {}
    rows = store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}}) RETURN {_DOC}", {"ids": ids}).records()
    docs = {r["id"]: {**r, "title": None, "text": None} for r in rows}
    appears = ("-[a:APPEARS_IN]->(s:Source) WHERE a.subject RETURN d.id, s.title, s.url, s.source "
               "ORDER BY s.title, s.source")
    asked = list(ids) if wide is None else sorted(docs)
    for doc_id, title, url, path in each_id(store, asked, "MATCH (d:Document {id: $id})" + appears,
                                             "UNWIND $ids AS i MATCH (d:Document {id: i})" + appears, wide=wide):
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


def stated_in(store: GraphStore, relations: list[dict[str, Any]], *, wide: int | None = None) -> None:
    """Give each relation (``source``, ``type``, ``target``) the text that states it (``text``: the
    first by sha256 and position, preferring one with an evidence sentence) and that text's
    evidence, so a tooltip's sentence and the text it names always go together. ``wide``: see
    ``each_id``."""
    if not relations:
        return
    types = sorted({r["type"] for r in relations if r["type"] in DOCUMENT_RELATIONS})
    if not types:
        return
    sources = sorted({r["source"] for r in relations})
    targets = sorted({r["target"] for r in relations})
    first: dict[tuple[str, str, str], tuple] = {}
    match = (f"-[r:{'|'.join(check_label(t) for t in types)}]->(b:Document) WHERE b.id IN $targets "
             f"RETURN a.id, {store.rel_type_function}(r), b.id, r.source, r.evidence, r.span_start")
    rows = each_id(store, sources, "MATCH (a:Document {id: $id})" + match,
                   "UNWIND $ids AS i MATCH (a:Document {id: i})" + match, {"targets": targets}, wide)
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


ASSIGNMENT_COLUMNS = ("document", "organization", "name", "level", "province", "role", "deadline", "evidence",
                      "confidence", "sha")


def assignments(store: GraphStore, ids: list[str], *,
                wide: int | None = None) -> tuple[dict[str, dict], list[dict[str, Any]]]:
    """The organisations these documents give tasks to, and one assignment per (document,
    organisation, role) with how many texts state it, a deadline and the first evidence. ``wide``:
    see ``each_id`` (asked one document at a time, in the order of their ids)."""
    if not ids:
        return {}, []
    ret = ("-[r:ASSIGNS_TO]->(o:Organization) "
           "RETURN d.id AS document, o.id AS organization, o.name AS name, o.level AS level, o.province AS province, "
           "r.role AS role, r.deadline AS deadline, r.evidence AS evidence, r.confidence AS confidence, "
           "r.source AS sha ")
    one = "MATCH (d:Document {id: $id})" + ret + "ORDER BY organization, role, r.source, r.span_start"
    many = "UNWIND $ids AS i MATCH (d:Document {id: i})" + ret + "ORDER BY document, organization, role, r.source, r.span_start"
    # one at a time: in the order of the ids, as the list's statement orders them
    asked = list(ids) if wide is None else sorted(set(ids))
    rows = [dict(zip(ASSIGNMENT_COLUMNS, row)) for row in each_id(store, asked, one, many, wide=wide)]
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


def flow_down(store: GraphStore, root: str, depth: int, *, with_assignments: bool = True,
              wide: int | None = None) -> Subgraph:
    """Everything that acts on ``root`` down to ``depth`` steps (implements, reviews, follows up,
    guides, amends, supersedes — the documents ``vankien lineage`` shows), every such relation
    between them, and their assignments. ``wide``: see ``each_id``."""
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
    g.documents = documents(store, ids, wide=wide)
    g.relations = [{"source": r["id"], "target": r["parent"], "type": r["relation"], "texts": r["texts"],
                    "evidence": r["evidence"], "confidence": r["confidence"]} for r in found]
    stated_in(store, g.relations, wide=wide)
    if with_assignments:
        g.organizations, g.assignments = assignments(store, ids, wide=wide)
    return g

