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
from vankien.views.query import assignments, documents

HEAD_X, MEMBER_X = 380, 760     # px from the middle: group headers, then their documents
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


def diagram_view(store: GraphStore, doc_id: str) -> H.View:
    """The Lược đồ page of DOC_ID: the document in the middle, its related documents around it grouped
    by relation, in both directions. ``.html`` is a self-contained page; ``.title`` and the counts
    ``.documents``, ``.relations``, ``.organizations`` describe it."""
    from pyvis.network import Network

    info = show(store, doc_id)
    groups = _groups(info)
    cap = S.limit("diagram_members")
    member_ids = sorted({r["id"] for _, _, rows in groups for r in rows[:cap]} | {doc_id})
    docs = documents(store, member_ids)
    orgs, tasks = assignments(store, [doc_id])

    n_edges = sum(min(len(rows), cap) + 1 for _, _, rows in groups) + len(tasks)
    net = Network(directed=True, cdn_resources="in_line")
    net.options = H.network_options(n_edges)
    net.options["edges"]["smooth"] = False
    net.add_node(doc_id, **E.doc_node(docs[doc_id], 0, 0, root=True))

    for side in ("out", "in"):
        mine = [g for g in groups if g[0] == side]
        sign = -1 if side == "out" else 1
        for (_, rel, rows), top in zip(mine, _stack([min(len(r), cap) + (len(r) > cap) for _, _, r in mine])):
            look = S.relation(rel)
            shown = rows[:cap]
            head = f"group:{side}:{rel}"
            title = look["outgoing" if side == "out" else "incoming"]
            y_mid = top + (max(1, len(shown) + (len(rows) > cap)) - 1) * MEMBER_STEP / 2
            net.add_node(head, label=f"{title}\n({len(rows)})", shape="box", x=sign * HEAD_X, y=y_mid,
                         color={"background": look["color"], "border": look["color"]},
                         font={"color": "#ffffff", "size": 14, "bold": True}, margin=10,
                         widthConstraint={"maximum": 220},
                         tip=[["", f"{title}: {len(rows)}"], [S.field("relation"), rel]])
            # arrows as stated: source acts on target
            net.add_edge(*((doc_id, head) if side == "out" else (head, doc_id)), color=look["color"], width=3,
                         dashes=bool(look.get("dashes")), id=f"edge:{head}")
            for k, row in enumerate(shown):
                node_id = f"{side}:{rel}:{row['id']}"
                d = docs.get(row["id"], row)
                net.add_node(node_id, **{**E.doc_node(d, sign * MEMBER_X, top + k * MEMBER_STEP), "doc": row["id"]})
                rel_row = {"source": doc_id if side == "out" else row["id"], "target": row["id"] if side == "out"
                           else doc_id, "type": rel, "texts": row.get("texts"), "evidence": row.get("evidence"),
                           "confidence": row.get("confidence")}
                edge = E.relation_edge(rel_row, docs, label=False)
                edge["id"] = f"edge:{node_id}"
                net.add_edge(*((head, node_id) if side == "out" else (node_id, head)), **edge)
            if len(rows) > cap:
                more = f"more:{side}:{rel}"
                net.add_node(more, label=S.text("more", n=len(rows) - cap), shape="box",
                             x=sign * MEMBER_X, y=top + len(shown) * MEMBER_STEP,
                             color={"background": "#ffffff", "border": "#aab7b8"}, tip=[["", S.text("more", n=len(rows) - cap)]])
                net.add_edge(head, more, color="#aab7b8", dashes=True, id=f"edge:{more}")

    # organisations given tasks, in a grid below
    bottom = max([0.0] + [MEMBER_STEP * len(rows[:cap]) / 2 for _, _, rows in groups]) + 200
    by_org: dict[str, list[dict]] = {}
    for a in tasks:
        by_org.setdefault(a["organization"], []).append(a)
    for k, (o_id, o) in enumerate(sorted(orgs.items(), key=lambda kv: kv[1].get("name") or kv[0])):
        cols = min(ORG_COLUMNS, len(orgs))
        x = (k % cols - (cols - 1) / 2) * ORG_STEP
        net.add_node(o_id, **E.org_node(o, x, bottom + (k // cols) * 80, E.org_tip(o, by_org[o_id], docs)))
    for a in tasks:
        net.add_edge(doc_id, a["organization"], **E.assignment_edge(a, docs, orgs, label=True))

    nodes, edges, *_ = net.get_network_data()
    title = S.text("diagram_title", doc=E.doc_heading(docs[doc_id]))
    counts = ", ".join(f"{S.relation(rel)['outgoing' if side == 'out' else 'incoming']}: {len(rows)}"
                       for side, rel, rows in groups) or "—"
    data = {"nodes": nodes, "edges": edges, "options": net.options, "rows": [], "clusters": [],
            "font": S.style()["font"], "root": doc_id}
    controls = [{"id": "vk-assignments", "label": S.text("assignments"), "checked": True}] if orgs else []
    page = H.page(title=title, summary=counts, data=data, controls=controls, rows_in_legend=False)
    return H.View(page, title, len(member_ids), sum(len(rows) for _, _, rows in groups), len(orgs))
