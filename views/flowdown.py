"""The flow-down view of a document: the document at the top, what follows it up and guides it
below, then the provincial, district and grassroots documents that implement or review it, each on
the row of its issuer's level, with the organisations they give tasks to.

    view = flow_down_view(store, "29-NQ/TW:XIII", depth=5)
    Path("out.html").write_text(view.html, encoding="utf-8")
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.store import GraphStore

from . import elements as E
from . import html as H
from . import style as S
from .layout import Item, place
from .query import Subgraph, flow_down


@dataclass
class View:
    html: str
    title: str
    documents: int
    relations: int
    organizations: int


def document_rows(g: Subgraph) -> dict[str, int]:
    """The row of each document: by its level and issuer (views/data/style.toml); a document of
    unknown level one row below the lowest document it acts on."""
    targets: dict[str, list[str]] = defaultdict(list)
    for r in g.relations:
        targets[r["source"]].append(r["target"])
    last = len(S.rows()) - 1
    rows: dict[str, int] = {}
    for doc_id in sorted(g.documents, key=lambda i: g.depth.get(i, 0)):
        d = g.documents[doc_id]
        row = S.row_of(d.get("level"), d.get("issuer_code"))
        if row is None:
            above = [rows[t] for t in targets[doc_id] if t in rows]
            row = min(max(above) + 1, last) if above else 1
        rows[doc_id] = row
    return rows


def _place_of(d: dict[str, Any]) -> str:
    return d.get("province") or d.get("locality") or S.text("unknown_place")


def flow_down_view(store: GraphStore, doc_id: str, depth: int = 5, *, assignments: bool | None = None) -> View:
    """The page of the flow-down view of ``doc_id``. ``assignments``: show the organisations given
    tasks at first (None: when there are not too many; the page has a control either way)."""
    g = flow_down(store, doc_id, depth)
    return render(g, assignments=assignments)


def render(g: Subgraph, *, assignments: bool | None = None) -> View:
    from pyvis.network import Network

    docs, orgs = g.documents, g.organizations
    rows = document_rows(g)
    parents: dict[str, list[str]] = defaultdict(list)
    for r in g.relations:
        parents[r["source"]].append(r["target"])
    assigned_by: dict[str, list[str]] = defaultdict(list)
    tasks: dict[str, list[dict]] = defaultdict(list)
    for a in g.assignments:
        assigned_by[a["organization"]].append(a["document"])
        tasks[a["organization"]].append(a)

    items = [Item(i, rows[i], _place_of(d) if S.row_is_local(rows[i]) else "", (str(d.get("date") or "~"), i),
                  tuple(parents[i])) for i, d in docs.items()]
    org_rows = {}
    for o_id, o in orgs.items():
        own = S.row_of(o.get("level"))
        org_rows[o_id] = own if own is not None else min(rows[d] for d in assigned_by[o_id])
        # under the (first) document that gives it tasks
        items.append(Item(o_id, org_rows[o_id], f"for:{assigned_by[o_id][0]}", (o.get("name") or "", o_id),
                          tuple(assigned_by[o_id]), band=1))
    lay = place(items)

    # what starts shown or collapsed
    show_orgs = assignments if assignments is not None else len(orgs) <= S.limit("assignments_shown")
    groups: dict[tuple[int, str], list[str]] = defaultdict(list)
    for it in items:
        if it.band == 0 and it.group and it.id != g.root:
            groups[(it.row, it.group)].append(it.id)
    clusters = {k: v for k, v in groups.items() if len(v) >= S.limit("collapse_group")}
    cluster_of = {i: f"{row}|{place_}" for (row, place_), ids in clusters.items() for i in ids}

    n_edges = len(g.relations) + len(g.assignments)
    labels = n_edges <= S.limit("edge_labels")
    net = Network(directed=True, cdn_resources="in_line")
    net.options = H.network_options(n_edges)
    for i, d in docs.items():
        x, y = lay.positions[i]
        node = E.doc_node(d, x, y, root=i == g.root, row=rows[i])
        if i in cluster_of:
            node["cluster"] = cluster_of[i]
        net.add_node(i, **node)
    for o_id, o in orgs.items():
        x, y = lay.positions[o_id]
        net.add_node(o_id, **E.org_node(o, x, y, E.org_tip(o, tasks[o_id], docs), hidden=not show_orgs))
    for r in g.relations:
        net.add_edge(r["source"], r["target"], **E.relation_edge(r, docs, label=labels))
    for a in g.assignments:
        net.add_edge(a["document"], a["organization"],
                     **E.assignment_edge(a, docs, orgs, label=labels, hidden=not show_orgs))
    nodes, edges, *_ = net.get_network_data()

    # row bands, with the row's name in a gutter on their left (scaled with the picture)
    xs = [p[0] for p in lay.positions.values()]
    half = S.layout("column") / 2
    ys = [p[1] for p in lay.positions.values()]
    size = max(16, round(max(max(xs) - min(xs), max(ys) - min(ys)) / 90))      # px, canvas units
    left, right = min(xs) - half - 40 - size * 19, max(xs) + half + 40
    bands = []
    for row, (top, bottom) in sorted(lay.rows.items()):
        band = {"label": S.rows()[row]["label"], "top": top - S.layout("line") / 2 - 20,
                "bottom": bottom + S.layout("line") / 2, "left": left, "right": right}
        fits = min(size, round((band["bottom"] - band["top"]) / 2.8))      # two lines of the name fit
        bands.append({**band, "gutter": size * 17, "size": fits})
    row_names = {i: r["label"] for i, r in enumerate(S.rows())}
    cluster_data = []
    for (row, place_), ids in sorted(clusters.items()):
        cx, cy, w, h = lay.blocks[(row, place_)]
        look = S.document_style(docs[ids[0]].get("type"), docs[ids[0]].get("system"))
        cluster_data.append({"key": f"{row}|{place_}", "label": f"{place_}\n{len(ids)} văn bản",
                             "tip": [["", S.text("cluster", place=place_, n=len(ids), row=row_names[row])]],
                             "color": look["color"], "x": cx, "y": cy, "width": w - 40, "height": h - 40,
                             "font": int(max(18, min(64, w / 9)))})
    collapse = len(docs) > S.limit("collapse_nodes") and bool(clusters)

    root = docs[g.root]
    title = S.text("flowdown_title", doc=E.doc_heading(root))
    summary = S.text("summary", documents=len(docs), relations=len(g.relations), organizations=len(orgs))
    controls = [{"id": "vk-assignments", "label": S.text("assignments"), "checked": show_orgs}]
    if clusters:
        controls.append({"id": "vk-collapse", "label": S.text("collapse"), "checked": collapse})
    data = {"nodes": nodes, "edges": edges, "options": net.options, "rows": bands, "clusters": cluster_data,
            "font": S.style()["font"], "root": g.root}
    page = H.page(title=title, summary=summary, data=data, controls=controls, rows_in_legend=True)
    return View(page, title, len(docs), len(g.relations), len(orgs))
