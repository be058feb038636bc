"""The views of vankien.views (flow-down, Lược đồ) as pages the site frames: the same page, with its
two inline scripts replaced by the site's own static copies (vis-network from the pyvis package,
views/static/view.js) so that the site's Content-Security-Policy (script-src 'self') holds, plus
embed.js, which opens a document's page when its node is clicked. The flow-down filters work on the
view's subgraph before it is drawn."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from vankien.graph.model.schema import DOCUMENT_RELATIONS, LINEAGE_TYPES, check_label
from vankien.graph.stores import GraphStore
from vankien.views.diagram import diagram_view
from vankien.views.flowdown import render
from vankien.views.html import View
from vankien.views.query import DOC_PROPS, Subgraph, assignments, documents, texts

FLOW_CAP = 150          # documents a flow-down view draws at most (the nearest levels first); the page says so
WALK_BUDGET = 600       # documents a flow-down walk gathers at most before the filter applies (then: as it walks)
# lists of ids are asked one id at a time, by key, however long: on the embedded store a list joins a scan of
# the whole relationship table (~0.5-1.5 s at 100 000 texts), one id costs ~0.5 ms (Neo4j takes lists)
EACH = 1 << 30

SCRIPTS = ('<script src="/static/vis/vis-network.min.js"></script>\n<script src="/static/view/view.js"></script>\n'
           '<script src="/static/embed.js"></script>\n')
_INLINE_SCRIPT = re.compile(r"<script>.*?</script>\s*", re.S)        # the JSON data block has a type: kept
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*')


def framed(view: View) -> str:
    """The view's page with scripts from the site instead of inline ones."""
    page = _META_CSP.sub("", view.html, count=1)
    page = _INLINE_SCRIPT.sub("", page)
    return page.replace("</body>", SCRIPTS + "</body>", 1)


@dataclass
class FlowFilter:
    """What the flow-down page keeps: relation types (None: all), levels down, a date range, provinces
    (None: all; documents with no province, such as central ones, are always kept), organisations shown."""
    depth: int = 5
    types: set[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    provinces: set[str] | None = None
    organizations: bool = False
    notes: list[str] = field(default_factory=list)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _passes(d: dict[str, Any], f: FlowFilter) -> bool:
    """Whether a document (its properties) is in the filter's date range and provinces."""
    day = _date(d.get("date"))
    if (f.since or f.until) and (day is None or (f.since and day < f.since) or (f.until and day > f.until)):
        return False
    if f.provinces is not None and d.get("province") and d["province"] not in f.provinces:
        return False
    return True


def filtered(g: Subgraph, f: FlowFilter) -> Subgraph:
    """The part of the subgraph the filter keeps, still hanging from the root: a document stays when it
    passes the filter and a kept relation leads from it to a kept document."""
    def passes(i: str) -> bool:
        return i == g.root or _passes(g.documents.get(i) or {}, f)

    relations = [r for r in g.relations if (f.types is None or r["type"] in f.types)
                 and passes(r["source"]) and passes(r["target"])]
    children: dict[str, list[str]] = defaultdict(list)
    for r in relations:
        children[r["target"]].append(r["source"])
    keep, frontier = {g.root: 0}, [g.root]
    while frontier:
        nxt = []
        for t in frontier:
            for s in children[t]:
                if s not in keep:
                    keep[s] = keep[t] + 1
                    nxt.append(s)
        frontier = nxt
    out = Subgraph(g.root, depth={i: d for i, d in g.depth.items() if i in keep})
    out.documents = {i: d for i, d in g.documents.items() if i in keep}
    out.relations = [r for r in relations if r["source"] in keep and r["target"] in keep]
    out.assignments = [a for a in g.assignments if a["document"] in keep]
    used = {a["organization"] for a in out.assignments}
    out.organizations = {i: o for i, o in g.organizations.items() if i in used}
    return out


@dataclass
class Flow:
    """A flow-down as the site shows it. ``whole``: every document and relation below the root (their
    properties only: no texts, no assignments) — or, when there are more than the walk's budget, those
    found before it ran out (``complete`` false); ``part``: what the filter keeps, at most ``cap``
    documents of it (the nearest levels first, then by date); ``kept``: how many the filter keeps in all
    (of those gathered, when not ``complete``)."""
    whole: Subgraph
    part: Subgraph
    kept: int
    cap: int
    complete: bool = True
    budget: int = WALK_BUDGET

    @property
    def capped(self) -> bool:
        return self.kept > len(self.part.documents) or not self.complete


_PROPS = ", ".join(f"n.{p} AS {p}" for p in DOC_PROPS)
_RANK = {t: i for i, t in enumerate(DOCUMENT_RELATIONS)}


def _incoming(store: GraphStore, doc_id: str, types: tuple[str, ...]) -> list[dict[str, Any]]:
    """``neighbours(store, [doc_id], DOWN, types)`` with every property of the neighbours the views use
    and, for each relation, the text stating it that ``stated_in`` picks (``sha``): the same first row
    (an evidence sentence first, then by sha256 and position) gives both."""
    rows = store.query(
        f"MATCH (n:Document)-[r:{'|'.join(check_label(t) for t in types)}]->(x:Document {{id: $id}}) "
        f"RETURN {store.rel_type_function}(r) AS relation, r.evidence AS evidence, r.confidence AS confidence, "
        f"r.source AS sha, r.span_start AS start, {_PROPS}", {"id": doc_id}).records()
    grouped: dict[tuple, dict] = {}
    for row in rows:
        sha, start = row.pop("sha"), row.pop("start")
        rank = (row["evidence"] is None, sha or "", start if start is not None else -1)
        k = (row["relation"], row["id"])
        g = grouped.get(k)
        if g is None:
            grouped[k] = g = {**row, "parent": doc_id, "texts": 0, "sha": sha, "_rank": rank}
        elif rank < g["_rank"]:
            g.update(evidence=row["evidence"], confidence=row["confidence"], sha=sha, _rank=rank)
        g["texts"] += 1
    for g in grouped.values():
        del g["_rank"]
    return sorted(grouped.values(), key=lambda r: (str(r["date"]), r["id"], _RANK.get(r["relation"], 99)))


def walk(store: GraphStore, root: str, depth: int, *, budget: int | None = None, types: set[str] | None = None,
         passes: Any = None) -> tuple[Subgraph, set[str] | None]:
    """What ``vankien.views.query.flow_down`` gathers, without the texts and assignments: the documents
    below ``root`` down to ``depth`` steps (their properties) and the relations between them, each
    relation with the text stating it (``sha``). Each document is asked by its key (on the embedded
    store a list of ids costs a scan of the whole relationship table). ``types`` and ``passes`` (a
    document's properties -> bool) limit what is followed; ``budget``: stop once more documents than
    that are found. The second value is None when the subgraph is whole, else the documents whose
    relations were asked (those of the others are missing)."""
    followed = tuple(t for t in LINEAGE_TYPES if types is None or t in types)
    g = Subgraph(root, depth={root: 0})
    found: list[dict] = []
    frontier = [root]
    complete = True
    asked: set[str] = set()
    if followed:
        for step in range(1, depth + 1):
            if not frontier:
                break
            nxt = []
            for parent in sorted(frontier):       # as ``neighbours`` orders them: by parent, date, id
                rows = [r for r in _incoming(store, parent, followed) if passes is None or passes(r)]
                asked.add(parent)
                found.extend(rows)
                for row in rows:
                    if row["id"] not in g.depth:
                        g.depth[row["id"]] = step
                        nxt.append(row["id"])
                if budget is not None and len(g.depth) > budget + 1:
                    complete = False
                    break
            frontier = nxt
            if not complete:
                frontier = []
                break
        for parent in sorted(frontier):      # relations among the documents found into the last ones found
            found.extend(r for r in _incoming(store, parent, followed)
                         if r["id"] in g.depth and (passes is None or passes(r)))
    props = {r["id"]: r for r in store.query(f"MATCH (n:Document {{id: $id}}) RETURN {_PROPS}", {"id": root}).records()}
    for r in found:
        props.setdefault(r["id"], {p: r[p] for p in DOC_PROPS})
    g.documents = {i: props[i] for i in g.depth if i in props}
    g.relations = [{"source": r["id"], "target": r["parent"], "type": r["relation"], "texts": r["texts"],
                    "evidence": r["evidence"], "confidence": r["confidence"], "sha": r["sha"]} for r in found
                   if r["id"] in g.depth]
    return g, None if complete else asked


def gather(store: GraphStore, doc_id: str, f: FlowFilter, *, cap: int = FLOW_CAP, budget: int = WALK_BUDGET,
           details: bool = True) -> Flow:
    """The flow-down of ``doc_id`` under the filter, at most ``cap`` documents drawn. ``details``: the part
    as ``flow_down`` gives it (texts stating each relation, titles, assignments), to draw it; else its
    documents' properties only (enough to count). Below the cap the part is the one
    ``filtered(flow_down(store, doc_id, f.depth), f)`` gives. More than ``budget`` documents below
    ``doc_id``: the walk stops there, and a second walk follows only what the filter keeps (so that
    narrowing it reaches further), itself stopping at ``budget`` (``complete`` false then)."""
    def passes(d: dict[str, Any]) -> bool:
        return d["id"] == doc_id or _passes(d, f)

    whole, asked = walk(store, doc_id, f.depth, budget=budget)
    whole_complete = asked is None
    if whole_complete or (f.types is None and f.since is None and f.until is None and f.provinces is None):
        part = filtered(whole, f)
    else:
        part, asked = walk(store, doc_id, f.depth, budget=budget, types=f.types, passes=passes)
    kept = len(part.documents)
    if kept > cap:
        order = sorted(part.documents, key=lambda i: (part.depth.get(i, 0), str(part.documents[i].get("date") or "~"), i))
        keep = set(order[:max(1, cap)]) | {doc_id}
        part.documents = {i: d for i, d in part.documents.items() if i in keep}
        part.depth = {i: d for i, d in part.depth.items() if i in keep}
        part.relations = [r for r in part.relations if r["source"] in keep and r["target"] in keep]
    if asked is not None:
        # the walk stopped before asking what acts on some of the documents drawn: their relations from
        # the other documents drawn
        followed = tuple(t for t in LINEAGE_TYPES if f.types is None or t in f.types)
        for i in sorted(set(part.documents) - asked):
            part.relations += [{"source": r["id"], "target": i, "type": r["relation"], "texts": r["texts"],
                                "evidence": r["evidence"], "confidence": r["confidence"], "sha": r["sha"]}
                               for r in _incoming(store, i, followed) if r["id"] in part.documents and passes(r)]
    shas = [r["sha"] for r in part.relations]
    part.relations = [{k: v for k, v in r.items() if k != "sha"} for r in part.relations]
    if details:
        ids = list(part.documents)
        full = documents(store, ids, wide=EACH)
        part.documents = {i: full[i] for i in ids if i in full}
        said = texts(store, shas)
        for r, sha in zip(part.relations, shas):
            r["text"] = said.get(sha)
        # the organisations in the order the whole subgraph's assignments name them first (as ``filtered``
        # leaves them; the layout places them in that order), when the whole is small enough to ask
        with_tasks = list(whole.documents) if whole_complete and len(whole.documents) <= cap else ids
        orgs, tasks = assignments(store, with_tasks, wide=EACH)
        part.assignments = [a for a in tasks if a["document"] in part.documents]
        used = {a["organization"] for a in part.assignments}
        part.organizations = {i: o for i, o in orgs.items() if i in used}
    return Flow(whole, part, kept, cap, asked is None, budget)


def flow_page(store: GraphStore, doc_id: str, f: FlowFilter, *, cap: int = FLOW_CAP, budget: int = WALK_BUDGET) -> str:
    """The framed flow-down view under the filter (at most ``cap`` documents; see ``gather``)."""
    return framed(render(gather(store, doc_id, f, cap=cap, budget=budget).part, assignments=f.organizations))


def diagram_page(store: GraphStore, doc_id: str) -> str:
    return framed(diagram_view(store, doc_id, wide=EACH))
