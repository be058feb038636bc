"""The nodes and edges of a view as vis-network options: labels, colours, shapes and tooltips.

Tooltips are lists of ``[field, value]`` pairs of plain text; the page turns them into DOM elements
with ``textContent`` (views/static/view.js), so no text from a document is ever parsed as HTML.
"""
from __future__ import annotations

from typing import Any

from vankien.views import style as S

Tip = list[list[str]]


def doc_name(d: dict[str, Any]) -> str:
    """What people call a document: "Kế hoạch 112-KH/TU", or its name when cited by name only."""
    if d.get("key"):
        return f"{d.get('kind') or ''} {d['key']}".strip()
    return d.get("descriptor") or d.get("kind") or d["id"]


def doc_heading(d: dict[str, Any]) -> str:
    """"Nghị quyết 29-NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng"."""
    parts = [doc_name(d)]
    if d.get("date"):
        parts.append(f"ngày {S.vn_date(d['date'])}")
    if d.get("issuing_body"):
        parts.append(f"của {d['issuing_body']}")
    return " ".join(parts)


def doc_label(d: dict[str, Any]) -> str:
    lines = [doc_name(d) if d.get("key") else S.clip(doc_name(d), S.layout("body_chars"))]
    if d.get("date"):
        lines.append(S.vn_date(d["date"]))
    body = d.get("issuing_body") or d.get("locality")
    if body:
        lines.append(S.clip(body, S.layout("body_chars")))
    if d.get("ambiguous"):
        lines.append(f"({S.field('ambiguous').lower()})")
    return "\n".join(lines)


def text_lines(text: dict[str, Any] | None, field: str = "text") -> Tip:
    """The tooltip lines naming an ingested text: its title (or file) and its address."""
    if not text:
        return []
    name = text.get("title") or text.get("source")
    lines = [[S.field(field), S.clip(name, S.limit("title_chars"))]] if name else []
    where = text.get("url") or (text.get("source") if text.get("title") else None)
    if where:
        lines.append([S.field("url"), str(where)])
    return lines


def doc_tip(d: dict[str, Any]) -> Tip:
    f = S.field
    tip = [["", doc_heading(d)], [f("id"), d["id"]]]
    for name in ("issuing_body", "locality", "term"):
        if d.get(name):
            tip.append([f(name), str(d[name])])
    if d.get("date"):
        tip.append([f("date"), S.vn_date(d["date"])])
    tip += text_lines(d.get("text"), "own_text")
    if d.get("sources"):
        tip.append([f("sources"), str(d["sources"])])
    if d.get("ambiguous"):
        tip.append([f("ambiguous"), ", ".join(d.get("candidates") or []) or "—"])
    if d.get("in_force") is False:
        tip.append([f("superseded"), d.get("superseded_by") or "—"])
    return tip


def doc_node(d: dict[str, Any], x: float, y: float, *, root: bool = False, row: int | None = None,
             orgs: int = 0) -> dict[str, Any]:
    """A document's node options. ``orgs``: how many organisations it gives tasks to (a line of the
    label, so the count shows while the organisations are hidden). ``short``: the label view.js shows
    when zoomed out (the name alone, drawn larger)."""
    look = S.document_style(d.get("type"), d.get("system"))
    doc = S.style()["document"]
    border = doc["root_border"] if root else doc["border"]
    if d.get("ambiguous"):
        border = doc["ambiguous_border"]
    elif d.get("in_force") is False:
        border = doc["not_in_force"]
    label = doc_label(d)
    if orgs:
        label += "\n" + S.text("org_count", n=orgs)
    node = {"label": label, "short": doc_name(d) if d.get("key") else S.clip(doc_name(d), 24),
            "shape": look["shape"], "x": x, "y": y, "tip": doc_tip(d),
            "color": {"background": look["color"], "border": border,
                      "highlight": {"background": look["color"], "border": "#000000"},
                      "hover": {"background": look["color"], "border": "#000000"}},
            "borderWidth": 3 if root else 1,
            "shapeProperties": {"borderDashes": [5, 4] if d.get("ambiguous") else False},
            "widthConstraint": {"minimum": S.layout("node_min_width"), "maximum": S.layout("node_width")}}
    if root:
        node["font"] = {"size": 16, "bold": True}
        node["root"] = True
    if row is not None:
        node["level"] = row
    return node


def org_label(o: dict[str, Any]) -> str:
    return S.clip(o.get("name") or o["id"], S.layout("body_chars"))


def org_tip(o: dict[str, Any], tasks: list[dict[str, Any]] | None = None, docs: dict | None = None) -> Tip:
    f = S.field
    tip = [["", o.get("name") or o["id"]], [f("id"), o["id"]]]
    if o.get("province"):
        tip.append([f("locality"), o["province"]])
    for a in tasks or ():
        doc = (docs or {}).get(a["document"], {"id": a["document"]})
        tip.append([S.role_label(a.get("role")), doc_name(doc) + (f" ({f('deadline').lower()} "
                                                                   f"{S.vn_date(a['deadline'])})"
                                                                   if a.get("deadline") else "")])
    return tip


def org_node(o: dict[str, Any], x: float, y: float, tip: Tip) -> dict[str, Any]:
    look = S.style()["organization"]
    return {"id": o["id"], "label": org_label(o), "shape": look["shape"], "size": look["size"], "x": x, "y": y,
            "tip": tip, "color": {"background": look["color"], "border": look["border"]}, "font": {"size": 11},
            "widthConstraint": {"maximum": S.layout("org_width")}, "org": True}


def _evidence(value: Any) -> str:
    return S.clip(value, S.limit("evidence_chars"))


def relation_edge(r: dict[str, Any], docs: dict[str, dict], *, label: bool = True) -> dict[str, Any]:
    """A relation between documents (source -> target, as stated), coloured and labelled by type."""
    look = S.relation(r["type"])
    f = S.field
    tip = [[f("relation"), f"{look['label']} ({r['type']})"],
           [f("from"), doc_name(docs.get(r["source"], {"id": r["source"]}))],
           [f("to"), doc_name(docs.get(r["target"], {"id": r["target"]}))]]
    if r.get("texts"):
        tip.append([f("texts"), str(r["texts"])])
    if r.get("confidence") is not None:
        tip.append([f("confidence"), f"{r['confidence']:.2f}"])
    tip += text_lines(r.get("text"))
    if r.get("evidence"):
        tip.append([f("evidence"), f"“{_evidence(r['evidence'])}”"])
    edge = {"id": f"{r['source']}|{r['type']}|{r['target']}", "from": r["source"], "to": r["target"], "color": {"color": look["color"], "highlight": "#000000"},
            "dashes": bool(look.get("dashes")), "width": 1.5 + min(r.get("texts") or 1, 5) * 0.3, "tip": tip,
            "relation": r["type"]}
    if label:
        edge["label"] = look["label"]
    return edge


def assignment_edge(a: dict[str, Any], docs: dict[str, dict], orgs: dict[str, dict], *,
                    label: bool = True) -> dict[str, Any]:
    look = S.relation("ASSIGNS_TO")
    f = S.field
    role = S.role_label(a.get("role"))
    tip = [[f("relation"), f"{look['label']}: {role} (ASSIGNS_TO)"],
           [f("from"), doc_name(docs.get(a["document"], {"id": a["document"]}))],
           [f("organization"), (orgs.get(a["organization"]) or {}).get("name") or a["organization"]]]
    if a.get("deadline"):
        tip.append([f("deadline"), S.vn_date(a["deadline"])])
    if a.get("texts"):
        tip.append([f("texts"), str(a["texts"])])
    tip += text_lines(a.get("text"))
    if a.get("evidence"):
        tip.append([f("evidence"), f"“{_evidence(a['evidence'])}”"])
    edge = {"id": f"{a['document']}|ASSIGNS_TO|{a['organization']}|{a.get('role')}",
            "from": a["document"], "to": a["organization"],
            "color": {"color": look["color"], "highlight": "#000000"}, "dashes": True, "width": 1, "tip": tip,
            "relation": "ASSIGNS_TO", "assign": True}
    if label:
        edge["label"] = role
    return edge
