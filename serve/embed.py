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

from vankien.graph.stores import GraphStore
from vankien.views.diagram import diagram_view
from vankien.views.flowdown import render
from vankien.views.html import View
from vankien.views.query import Subgraph, flow_down

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


def filtered(g: Subgraph, f: FlowFilter) -> Subgraph:
    """The part of the subgraph the filter keeps, still hanging from the root: a document stays when it
    passes the filter and a kept relation leads from it to a kept document."""
    def passes(i: str) -> bool:
        if i == g.root:
            return True
        d = g.documents.get(i) or {}
        day = _date(d.get("date"))
        if (f.since or f.until) and (day is None or (f.since and day < f.since) or (f.until and day > f.until)):
            return False
        if f.provinces is not None and d.get("province") and d["province"] not in f.provinces:
            return False
        return True

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


def flow_parts(store: GraphStore, doc_id: str, f: FlowFilter) -> tuple[Subgraph, Subgraph]:
    """The whole flow-down subgraph of ``doc_id`` and the part the filter keeps."""
    whole = flow_down(store, doc_id, f.depth)
    return whole, filtered(whole, f)


def flow_page(store: GraphStore, doc_id: str, f: FlowFilter) -> str:
    """The framed flow-down view under the filter."""
    return framed(render(flow_parts(store, doc_id, f)[1], assignments=f.organizations))


def diagram_page(store: GraphStore, doc_id: str) -> str:
    return framed(diagram_view(store, doc_id))
