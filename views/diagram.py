"""The per-document relation diagram ("Lược đồ"): the document in the middle; on the left, groups
of the documents it acts on (what it implements, replaces, is based on …), on the right, groups of
the documents acting on it (what implements, reviews, guides it …), each group headed by its
relation and count; below, the organisations it gives tasks to.

    view = diagram_view(store, "25-NQ/TW:XI")
"""
from __future__ import annotations

from typing import Any

from vankien.graph.queries.lineage import show
from vankien.graph.model.schema import DOCUMENT_RELATIONS
from vankien.graph.stores import GraphStore

from vankien.views import elements as E
from vankien.views import html as H
from vankien.views import style as S
from vankien.views.query import assignments as assignments_of, documents, stated_in

HEAD_X, MEMBER_X = 265, 520     # px from the middle: group headers, then their documents
MEMBER_STEP, GROUP_GAP = 95, 60
ORG_COLUMNS, ORG_STEP = 6, 200


def _groups(info: dict[str, Any]) -> list[tuple[str, str, list[dict]]]:
    """(side, relation, rows): "out" for what the document acts on, "in" for what acts on it."""
    groups = []
    for side, key in (("out", "outgoing"), ("in", "incoming")):
        for rel in DOCUMENT_RELATIONS:
            rows = info["related"].get(rel, {}).get(key) or []
            if rows:
                groups.append((side, rel, rows))
    if info["candidates"]:
        groups.append(("out", "MAY_BE", info["candidates"]))
    return groups


def _stack(sizes: list[int]) -> list[float]:
    """Top y of each group stacked on one side, the side centred on y = 0."""
    heights = [max(1, n) * MEMBER_STEP for n in sizes]
    total = sum(heights) + GROUP_GAP * max(0, len(heights) - 1)
    tops, y = [], -total / 2
    for h in heights:
        tops.append(y)
        y += h + GROUP_GAP
    return tops


def diagram_view(store: GraphStore, doc_id: str, *, wide: int | None = None) -> H.View:
    """The Lược đồ page of DOC_ID: the document in the middle, its related documents around it grouped
    by relation, in both directions, and (behind a switch, off at first; the document's label counts
    them) the organisations it gives tasks to. ``.html`` is a self-contained page; ``.title`` and the counts
    ``.documents``, ``.relations``, ``.organizations`` describe it. ``wide``: the lists of fewer ids are
    asked one document at a time (the same answer; see vankien.views.query.each_id)."""
    info = show(store, doc_id)
    groups = _groups(info)
    cap = S.limit("diagram_members")
    member_ids = sorted({r["id"] for _, _, rows in groups for r in rows[:cap]} | {doc_id})
    docs = documents(store, member_ids, wide=wide)
    orgs, tasks = assignments_of(store, [doc_id], wide=wide)
    rel_rows = []
    for side, rel, rows in groups:
        if rel in S.style()["relation"] and rel != "MAY_BE":
            rel_rows += [{"source": doc_id if side == "out" else row["id"], "target": row["id"] if side == "out"
                          else doc_id, "type": rel, "texts": row.get("texts"), "evidence": row.get("evidence"),
                          "confidence": row.get("confidence"), "row": id(row)} for row in rows[:cap]]
    stated_in(store, rel_rows, wide=wide)
    stated = {r.pop("row"): r for r in rel_rows}

    n_edges = sum(min(len(rows), cap) + 1 for _, _, rows in groups) + len(tasks)
    options = H.network_options(n_edges)
    options["edges"]["smooth"] = False
    nodes: list[dict] = [{"id": doc_id, **E.doc_node(docs[doc_id], 0, 0, root=True, orgs=len(orgs))}]
    edges: list[dict] = []

    for side in ("out", "in"):
        mine = [g for g in groups if g[0] == side]
        sign = -1 if side == "out" else 1
        for (_, rel, rows), top in zip(mine, _stack([min(len(r), cap) + (len(r) > cap) for _, _, r in mine])):
            look = S.relation(rel)
            shown = rows[:cap]
            head = f"group:{side}:{rel}"
            title = look["outgoing" if side == "out" else "incoming"]
            y_mid = top + (max(1, len(shown) + (len(rows) > cap)) - 1) * MEMBER_STEP / 2
            nodes.append({"id": head, "label": f"{title}\n({len(rows)})", "shape": "box", "x": sign * HEAD_X,
                          "y": y_mid, "color": {"background": look["color"], "border": look["color"]},
                          "font": {"color": "#ffffff", "size": 14, "bold": True}, "margin": 10,
                          "widthConstraint": {"maximum": 220}, "head": True,
                          "tip": [["", f"{title}: {len(rows)}"], [S.field("relation"), rel]]})
            # arrows as stated: source acts on target
            ends = (doc_id, head) if side == "out" else (head, doc_id)
            edges.append({"from": ends[0], "to": ends[1], "color": look["color"], "width": 3,
                          "dashes": bool(look.get("dashes")), "id": f"edge:{head}"})
            for k, row in enumerate(shown):
                node_id = f"{side}:{rel}:{row['id']}"
                d = docs.get(row["id"], row)
                nodes.append({**E.doc_node(d, sign * MEMBER_X, top + k * MEMBER_STEP), "id": node_id, "doc": row["id"]})
                rel_row = stated.get(id(row)) or {"source": doc_id if side == "out" else row["id"],
                                                  "target": row["id"] if side == "out" else doc_id, "type": rel,
                                                  "texts": row.get("texts"), "evidence": row.get("evidence"),
                                                  "confidence": row.get("confidence")}
                edge = E.relation_edge(rel_row, docs, label=False)
                edge["id"] = f"edge:{node_id}"
                edge["from"], edge["to"] = (head, node_id) if side == "out" else (node_id, head)
                edges.append(edge)
            if len(rows) > cap:
                more = f"more:{side}:{rel}"
                nodes.append({"id": more, "label": S.text("more", n=len(rows) - cap), "shape": "box",
                              "x": sign * MEMBER_X, "y": top + len(shown) * MEMBER_STEP,
                              "color": {"background": "#ffffff", "border": "#aab7b8"},
                              "tip": [["", S.text("more", n=len(rows) - cap)]]})
                edges.append({"from": head, "to": more, "color": "#aab7b8", "dashes": True, "id": f"edge:{more}"})

    # organisations given tasks, in a grid below (added to the page when the switch is turned on)
    bottom = max([0.0] + [MEMBER_STEP * len(rows[:cap]) / 2 for _, _, rows in groups]) + 200
    by_org: dict[str, list[dict]] = {}
    for a in tasks:
        by_org.setdefault(a["organization"], []).append(a)
    org_nodes = []
    for k, (o_id, o) in enumerate(sorted(orgs.items(), key=lambda kv: kv[1].get("name") or kv[0])):
        cols = min(ORG_COLUMNS, len(orgs))
        x = (k % cols - (cols - 1) / 2) * ORG_STEP
        org_nodes.append(E.org_node(o, x, bottom + (k // cols) * 80, E.org_tip(o, by_org[o_id], docs)))
    org_edges = [E.assignment_edge(a, docs, orgs, label=True) for a in tasks]

    title = S.text("diagram_title", doc=E.doc_heading(docs[doc_id]))
    counts = ", ".join(f"{S.relation(rel)['outgoing' if side == 'out' else 'incoming']}: {len(rows)}"
                       for side, rel, rows in groups) or "—"
    data = {"nodes": nodes, "edges": edges, "orgNodes": org_nodes, "orgEdges": org_edges, "options": options,
            "rows": [], "rowsOrgs": [], "shift": {}, "clusters": [], "font": S.style()["font"], "root": doc_id,
            "labelPx": S.layout("label_px"),
            "relations": {k: v["label"] for k, v in S.style()["relation"].items()}}
    controls = [{"id": "vk-assignments", "label": S.text("assignments_n", n=len(orgs)), "checked": False}] \
        if orgs else []
    page = H.page(title=title, summary=counts, data=data, controls=controls, orgs=bool(orgs))
    return H.View(page, title, len(member_ids), sum(len(rows) for _, _, rows in groups), len(orgs))
