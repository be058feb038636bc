"""Lineage questions over any store: the tree of what descends from a document (or what it
descends from), and everything known about one document (the "Lược đồ" of a legal-information
site, for Party documents).

Cost follows the answer, not the store: every statement here is anchored on one document's key
(``MATCH (x:Document {id: $id})-[r]-(n)``), which both stores answer from their key index and the
document's own relationships (Ladybug: a primary-key scan, then its adjacency lists). A list of ids
(``UNWIND $ids AS i MATCH (x:Document {id: i})-[r]-(n)``) is not anchored on Ladybug: its planner joins
the list with a scan of the whole Document and relationship tables, so a tree level cost 43 ms on a
10 000-text store and 220 ms on a 50 000-text one whatever its size. The tree is therefore walked one
document at a time; a frontier of ``wide(store)`` documents or more (a width that grows with the
store: one scan then costs less than that many lookups) is asked in one statement, and so is any frontier on a store whose ``key_lists_anchored`` is
true (Neo4j looks each id of a list up in its index, and each statement costs it a round trip).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from vankien.graph.model import facts as F
from vankien.graph.queries.lookup import COLUMNS, describe
from vankien.graph.model.schema import DOCUMENT_RELATIONS, LINEAGE_TYPES, check_label
from vankien.graph.stores.base import GraphStore

DOWN, UP = "down", "up"
_NODE = ", ".join(f"n.{c} AS {c}" for c in COLUMNS)
# edge properties a neighbour row is built from (which text states it and where: the first one's evidence)
_EDGE = "r.evidence AS evidence, r.confidence AS confidence, r.source AS _source, r.span_start AS _start"
# frontier width from which one statement over the whole tables beats one lookup per document. The
# statement's cost grows with the store, a lookup's does not (Ladybug, measured on 2 cores: a lookup
# 0.4-0.7 ms; a list statement 0.2 s at 47 000 documents, 1.3-2 s at 277 000), so the width is the
# store's Document count over DOCS_PER_ID (``wide``), and at least WIDE.
WIDE = 256
DOCS_PER_ID = 120
_RANK = {t: i for i, t in enumerate(DOCUMENT_RELATIONS)}


def _types(types: tuple[str, ...]) -> str:
    return "|".join(check_label(t) for t in types)


def node(store: GraphStore, doc_id: str) -> dict[str, Any] | None:
    rows = store.query(f"MATCH (n:Document {{id: $id}}) RETURN {_NODE}", {"id": doc_id}).records()
    return rows[0] if rows else None


def _pattern(direction: str, types: tuple[str, ...], anchor: str) -> str:
    """The pattern from the document ANCHOR (``{id: $id}`` or ``{id: i}``) to its neighbours ``n``."""
    return (f"(n:Document)-[r:{_types(types)}]->(x:Document {{id: {anchor}}})" if direction == DOWN
            else f"(x:Document {{id: {anchor}}})-[r:{_types(types)}]->(n:Document)")


def wide(store: GraphStore) -> int:
    """The frontier width from which a level is asked in one statement: the store's Document count
    (``document_count``, kept by the store between its writes) over DOCS_PER_ID, at least WIDE."""
    count = getattr(store, "document_count", None)
    return max(WIDE, count() // DOCS_PER_ID if count is not None else 0)


def _edge_rows(store: GraphStore, ids: list[str], direction: str, types: tuple[str, ...]) -> list[dict[str, Any]]:
    """One row per relationship between a document of IDS and a neighbour (``parent`` is the former)."""
    ret = f"{store.rel_type_function}(r) AS relation, {_EDGE}, {_NODE}"
    if len(ids) > 1 and getattr(store, "key_lists_anchored", False) or len(ids) >= wide(store):
        return store.query(f"UNWIND $ids AS i MATCH {_pattern(direction, types, 'i')} RETURN i AS parent, {ret}",
                           {"ids": ids}).records()
    cypher = f"MATCH {_pattern(direction, types, '$id')} RETURN {ret}"
    rows = []
    for i in dict.fromkeys(ids):
        rows += [{"parent": i, **row} for row in store.query(cypher, {"id": i}).records()]
    return rows


def neighbours(store: GraphStore, ids: list[str], direction: str,
               types: tuple[str, ...] = LINEAGE_TYPES) -> list[dict[str, Any]]:
    """One row per (document in ``ids``, relation, neighbour), with how many texts state it and
    the first evidence (of the stating texts in order of sha256 and position, one with an evidence
    sentence first). ``down``: documents that act on ids (implement, review, …); ``up``: what ids act on."""
    grouped: dict[tuple, dict] = {}
    for row in _edge_rows(store, ids, direction, types):
        source, start = row.pop("_source"), row.pop("_start")
        rank = (row["evidence"] is None, source or "", start if start is not None else -1)
        k = (row["parent"], row["relation"], row["id"])
        g = grouped.get(k)
        if g is None:
            grouped[k] = g = {"parent": row["parent"], "relation": row["relation"], **{c: row[c] for c in COLUMNS},
                              "texts": 0, "evidence": row["evidence"], "confidence": row["confidence"], "_rank": rank}
        elif rank < g["_rank"]:
            g.update(evidence=row["evidence"], confidence=row["confidence"], _rank=rank)
        g["texts"] += 1
    for g in grouped.values():
        del g["_rank"]
    return sorted(grouped.values(), key=lambda r: (r["parent"], str(r["date"]), r["id"], _RANK.get(r["relation"], 99)))


def lineage(store: GraphStore, doc_id: str, direction: str = DOWN, depth: int = 5) -> dict[str, Any]:
    """The lineage tree of ``doc_id``; a document reached twice is shown once in full, then as a
    reference (``repeated``), so cycles end."""
    root = node(store, doc_id)
    if root is None:
        raise LookupError(f"no document {doc_id!r} in the store")
    root = {**root, "children": []}
    seen = {doc_id}
    frontier = {doc_id: root}
    for _ in range(depth):
        if not frontier:
            break
        nxt: dict[str, dict] = {}
        for row in neighbours(store, list(frontier), direction):
            parent = frontier[row.pop("parent")]
            child = {**row, "children": []}
            if row["id"] in seen:
                child["repeated"] = True
            else:
                seen.add(row["id"])
                nxt[row["id"]] = child
            parent["children"].append(child)
        frontier = nxt
    return root


def render_tree(tree: dict[str, Any], direction: str) -> str:
    """A tree of ``lineage`` as indented text, one document a line, each with the relation to its parent
    and how many texts state it (what ``vankien lineage`` prints)."""
    arrow = "←" if direction == DOWN else "→"
    lines = [f"{tree['id']}  {describe(tree)}"]

    def walk(children: list[dict], prefix: str) -> None:
        for i, c in enumerate(children):
            last = i == len(children) - 1
            texts = f" [{c['texts']} texts]" if c.get("texts", 1) > 1 else ""
            again = "  (its branch is shown once, elsewhere in this tree)" if c.get("repeated") else ""
            lines.append(f"{prefix}{'└── ' if last else '├── '}{arrow} {c['relation']}{texts}: {c['id']}  "
                         f"{describe(c)}{again}")
            walk(c["children"], prefix + ("    " if last else "│   "))

    walk(tree["children"], "")
    return "\n".join(lines)


def show(store: GraphStore, doc_id: str) -> dict[str, Any]:
    """One document: facts (with every stated value), validity, sources, issuer, assignments,
    candidates, and every related document grouped by relation type in both directions."""
    props = store.query("MATCH (n:Document {id: $id}) RETURN n", {"id": doc_id}).rows
    if not props:
        raise LookupError(f"no document {doc_id!r} in the store")
    doc = {k: v for k, v in props[0][0].items() if not k.startswith("_")}
    doc["facts"] = F.loads(doc.get("facts"))
    related: dict[str, dict[str, list]] = defaultdict(lambda: {"incoming": [], "outgoing": []})
    for direction, side in ((DOWN, "incoming"), (UP, "outgoing")):
        for row in neighbours(store, [doc_id], direction, DOCUMENT_RELATIONS):
            row.pop("parent")
            related[row["relation"]][side].append(row)
    sources = store.query(
        "MATCH (n:Document {id: $id})-[a:APPEARS_IN]->(s:Source) RETURN s.sha256 AS sha256, s.source AS source, "
        "s.url AS url, a.subject AS subject, a.mentions AS mentions, a.date AS date, a.issuing_body AS issuing_body "
        "ORDER BY subject DESC, source", {"id": doc_id}).records()
    issued_by = store.query(
        "MATCH (n:Document {id: $id})-[r:ISSUED_BY]->(o:Organization) RETURN o.id AS id, o.name AS name, "
        "o.level AS level, count(*) AS texts ORDER BY texts DESC, id", {"id": doc_id}).records()
    assignments = store.query(
        "MATCH (n:Document {id: $id})-[r:ASSIGNS_TO]->(o:Organization) RETURN o.name AS organization, "
        "r.role AS role, r.deadline AS deadline, r.evidence AS evidence ORDER BY organization, role",
        {"id": doc_id}).records()
    candidates = store.query(
        f"MATCH (a:Document {{id: $id}})-[:MAY_BE]->(n:Document) RETURN {_NODE} ORDER BY id", {"id": doc_id}).records()
    return {"document": doc, "related": {t: related[t] for t in DOCUMENT_RELATIONS if t in related},
            "counts": {t: {k: len(v) for k, v in related[t].items()} for t in DOCUMENT_RELATIONS if t in related},
            "sources": sources, "issued_by": issued_by, "assignments": assignments, "candidates": candidates}
