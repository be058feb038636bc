"""The flow-down view of a document: the document at the top, what follows it up and guides it
below, then the provincial, district and grassroots documents that implement or review it, each on
the row of its issuer's level, with the organisations they give tasks to.

    view = flow_down_view(store, "29-NQ/TW:XIII", depth=5)
    Path("out.html").write_text(view.html, encoding="utf-8")
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from vankien.graph.stores import GraphStore

from vankien.views import elements as E
from vankien.views import html as H
from vankien.views import style as S
from vankien.views.layout import Item, Layout, place
from vankien.views.query import Subgraph, flow_down


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


def flow_down_view(store: GraphStore, doc_id: str, depth: int = 5, *, assignments: bool | None = None) -> H.View:
    """The page of the flow-down view of ``doc_id``. ``assignments``: show the organisations given
    tasks at first (default: hidden, their count on each document; the page has a switch)."""
    g = flow_down(store, doc_id, depth)
    return render(g, assignments=assignments)


def _items(g: Subgraph, rows: dict[str, int]) -> list[Item]:
    """What the layout places: documents on their rows (by province on local rows), and each
    organisation on the row of its level, under the (first) document that gives it tasks."""
    parents: dict[str, list[str]] = defaultdict(list)
    for r in g.relations:
        parents[r["source"]].append(r["target"])
    assigned_by: dict[str, list[str]] = defaultdict(list)
    for a in g.assignments:
        assigned_by[a["organization"]].append(a["document"])
    items = [Item(i, rows[i], _place_of(d) if S.row_is_local(rows[i]) else "", (str(d.get("date") or "~"), i),
                  tuple(parents[i])) for i, d in g.documents.items()]
    for o_id, o in g.organizations.items():
        by = assigned_by[o_id]
        own = S.row_of(o.get("level"))
        items.append(Item(o_id, own if own is not None else min(rows[d] for d in by), f"for:{by[0]}",
                          (o.get("name") or "", o_id), tuple(by), band=1))
    return items


def _clusters(items: list[Item], root: str) -> dict[tuple[int, str], list[str]]:
    """(row, province) -> its documents, for the provinces' rows big enough to collapse."""
    groups: dict[tuple[int, str], list[str]] = defaultdict(list)
    for it in items:
        if it.band == 0 and it.group and it.id != root:
            groups[(it.row, it.group)].append(it.id)
    return {k: v for k, v in groups.items() if len(v) >= S.limit("collapse_group")}


def _bands(lay: Layout) -> list[dict[str, Any]]:
    """A band behind each row that has something on it, with the row's name in a gutter on its left
    (scaled with the picture)."""
    xs = [p[0] for p in lay.positions.values()]
    ys = [p[1] for p in lay.positions.values()]
    size = max(16, round(max(max(xs) - min(xs), max(ys) - min(ys)) / 90))      # px, canvas units
    half, line = S.layout("column") / 2, S.layout("line")
    left, right = min(xs) - half - 40 - size * 19, max(xs) + half + 40
    bands = []
    for row, (top, bottom) in sorted(lay.rows.items()):
        band = {"row": row, "label": S.rows()[row]["label"], "top": top - line / 2 - 20, "bottom": bottom + line / 2,
                "left": left, "right": right, "gutter": size * 17}
        band["size"] = min(size, round((band["bottom"] - band["top"]) / 2.8))      # two lines of the name fit
        bands.append(band)
    return bands


def _cluster_boxes(clusters: dict[tuple[int, str], list[str]], lay: Layout, docs: dict[str, dict]) -> list[dict]:
    """What view.js needs to collapse each province's row into one box covering its block. The label's
    font starts a little larger than a document's and grows as the view zooms out, never past what
    the box holds (``fontMax``)."""
    boxes = []
    for (row, place_), ids in sorted(clusters.items()):
        cx, cy, w, h = lay.blocks[(row, place_)]
        look = S.document_style(docs[ids[0]].get("type"), docs[ids[0]].get("system"))
        label = S.text("cluster_label", place=place_, n=len(ids))
        boxes.append({"key": f"{row}|{place_}", "row": row, "label": label,
                      "tip": [["", S.text("cluster", place=place_, n=len(ids), row=S.rows()[row]["label"])]],
                      "color": look["color"], "x": cx, "y": cy, "width": w - 40, "height": h - 40,
                      "font": 18, "fontMax": _largest_font(label, w - 70, h - 60)})
    return boxes


def _largest_font(label: str, width: float, height: float) -> int:
    """The largest font (canvas px, at least 18) at which ``label``, wrapped on words, fits a box."""
    def fits(size: float) -> bool:
        per_line = max(1, int(width / (0.6 * size)))
        lines = 0
        for part in label.split("\n"):
            line = 0
            lines += 1
            for word in part.split():
                if len(word) > per_line:
                    return False
                line = len(word) if line == 0 else line + 1 + len(word)
                if line > per_line:
                    lines, line = lines + 1, len(word)
        return lines * 1.3 * size <= height

    size = 18
    while size < 400 and fits(size * 1.1):
        size *= 1.1
    return int(size)


def _shifts(docs_only: Layout, with_orgs: Layout) -> dict[int, float]:
    """How far down each row's documents move when the organisations are shown (their lines take
    room under the documents of the rows above)."""
    return {row: with_orgs.rows[row][0] - top for row, (top, _) in docs_only.rows.items()}


def render(g: Subgraph, *, assignments: bool | None = None) -> H.View:
    """The page of a gathered subgraph. Organisations start hidden (``assignments=True``: shown);
    the page has a switch either way, and each document's label counts the organisations it gives
    tasks to. Two layouts are computed: documents alone (no room kept for hidden organisations, no
    empty row) and documents with their organisations; the switch moves the rows between them."""
    docs, orgs = g.documents, g.organizations
    rows = document_rows(g)
    items = _items(g, rows)
    doc_items = [it for it in items if it.band == 0]
    alone = place(doc_items)
    full = place(items) if orgs else alone
    clusters = _clusters(items, g.root)
    cluster_of = {i: f"{row}|{place_}" for (row, place_), ids in clusters.items() for i in ids}
    tasks: dict[str, list[dict]] = defaultdict(list)
    given: dict[str, set[str]] = defaultdict(set)
    for a in g.assignments:
        tasks[a["organization"]].append(a)
        given[a["document"]].add(a["organization"])

    # what starts shown or collapsed
    show_orgs = bool(assignments) and bool(orgs)
    collapse = len(docs) > S.limit("collapse_nodes") and bool(clusters)
    n_edges = len(g.relations) + len(g.assignments)
    labels = n_edges <= S.limit("edge_labels")

    nodes = []
    for i, d in docs.items():
        node = {"id": i, **E.doc_node(d, *alone.positions[i], root=i == g.root, row=rows[i], orgs=len(given[i]))}
        if i in cluster_of:
            node["cluster"] = cluster_of[i]
        nodes.append(node)
    edges = [E.relation_edge(r, docs, label=labels) for r in g.relations]
    org_nodes = [E.org_node(o, *full.positions[o_id], E.org_tip(o, tasks[o_id], docs)) for o_id, o in orgs.items()]
    org_edges = [E.assignment_edge(a, docs, orgs, label=labels) for a in g.assignments]

    title = S.text("flowdown_title", doc=E.doc_heading(docs[g.root]))
    summary = S.text("summary", documents=len(docs), relations=len(g.relations), organizations=len(orgs))
    controls = [{"id": "vk-assignments", "label": S.text("assignments_n", n=len(orgs)), "checked": show_orgs}] \
        if orgs else []
    if clusters:
        controls.append({"id": "vk-collapse", "label": S.text("collapse"), "checked": collapse})
    data = {"nodes": nodes, "edges": edges, "orgNodes": org_nodes, "orgEdges": org_edges,
            "options": H.network_options(n_edges), "rows": _bands(alone), "rowsOrgs": _bands(full),
            "shift": {str(k): v for k, v in _shifts(alone, full).items()},
            "clusters": _cluster_boxes(clusters, alone, docs), "font": S.style()["font"], "root": g.root,
            "labelPx": S.layout("label_px"),
            "relations": {k: v["label"] for k, v in S.style()["relation"].items()}}
    page = H.page(title=title, summary=summary, data=data, controls=controls,
                  legend_rows=[S.rows()[r]["label"] for r in sorted(alone.rows)], orgs=bool(orgs))
    return H.View(page, title, len(docs), len(g.relations), len(orgs))
