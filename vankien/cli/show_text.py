"""`vankien show` as text for a person: facts, validity, sources, relations by type with counts."""
from __future__ import annotations

from typing import Any

from vankien import describe
from vankien import organization_identity

from .output import cell, plural

_FACT_NAMES = {"date": "date", "issuing_body": "issued by", "kind": "type", "descriptor": "name", "term": "term"}


def render_show(info: dict[str, Any]) -> str:
    d = info["document"]
    out = [f"{d['id']}  {describe(d)}"]
    for prop in ("key", "system", "level", "locality", "term", "date", "issuing_body", "descriptor"):
        if prop == "descriptor" and not d.get("key"):
            continue            # the heading names it already
        if d.get(prop) not in (None, ""):
            out.append(f"  {prop}: {cell(d[prop])}")
    for prop, values in sorted(d.get("facts", {}).items()):
        if len(values) > 1:
            stated = "; ".join(f"{v} (own text {n[0]}, citing texts {n[1]})" for v, n in sorted(values.items()))
            out.append(f"  sources disagree on {_FACT_NAMES.get(prop, prop)}: {stated}")
    if d.get("in_force") is False:
        out.append(f"  NOT IN FORCE: superseded by {d.get('superseded_by')}"
                   + (f" on {cell(d.get('superseded_on'))}" if d.get("superseded_on") else ""))
    if d.get("ambiguous"):
        out.append("  AMBIGUOUS reference: " + (f"{len(info['candidates'])} candidates" if info["candidates"]
                                               else "no document in the store fits it yet"))
        out += [f"    may be {c['id']}  {describe(c)}" for c in info["candidates"]]
    out += _issuer_lines(d, info["issued_by"])
    out.append("")
    out.append("Related documents:" if info["related"] else "Related documents: none")
    for type_, sides in info["related"].items():
        counts = info["counts"][type_]
        out.append(f"  {type_}: {counts['incoming']} in, {counts['outgoing']} out")
        for side, arrow in (("incoming", "←"), ("outgoing", "→")):
            for r in sides[side]:
                out.append(f"    {arrow} {r['id']}  {describe(r)}" + (f"  [{plural(r['texts'], 'text')}]" if r["texts"] > 1 else ""))
    if info["assignments"]:
        out.append("")
        out.append(f"Assignments ({len(info['assignments'])}):")
        for a in info["assignments"]:
            due = f", by {a['deadline']}" if a.get("deadline") else ""
            out.append(f"  {a['role']}: {a['organization']}{due}")
    out.append("")
    out.append(f"Mentioned in {plural(len(info['sources']), 'text')}:")
    for s in info["sources"]:
        own = " (the document itself)" if s["subject"] else ""
        out.append(f"  {s['source'] or s['url']}{own}  sha256 {s['sha256'][:12]}…")
    return "\n".join(out)


def _issuer_lines(d: dict[str, Any], issued_by: list[dict[str, Any]]) -> list[str]:
    """The issuer once: the organisation whose name is the document's chosen issuing body (its own
    text's, vankien.graph.model.facts), else the one most texts name; the others on one line."""
    if not issued_by:
        return []
    body = " ".join((d.get("issuing_body") or "").split())
    chosen = organization_identity(body, body.casefold(), d.get("level"), [(d.get("locality"), d.get("level"))],
                                   "-" * 16).id if body else None
    first = next((o for o in issued_by if o["id"] == chosen), issued_by[0])
    out = [f"  issued by: {first['name']} ({first['level'] or 'level unknown'}; {first['id']}; {plural(first['texts'], 'text')})"]
    others = [o for o in issued_by if o is not first]
    if others:
        out.append("  other texts name as its issuer: " + "; ".join(f"{o['name']} ({o['id']}; {plural(o['texts'], 'text')})"
                                                                   for o in others))
    return out


def render_organization(info: dict[str, Any]) -> str:
    """``organization(…)`` as text for a person."""
    o = info["organization"]
    kind = "class of bodies (a generic addressee)" if o.get("kind") == "class" else "body"
    out = [f"{o['id']}  {o['name']}",
           f"  {kind}; level {o.get('level') or 'unknown'}"
           + (f"; {_place(o)}" if o.get("locality") or o.get("province") else "; place unknown")
           + f"; named {o.get('sources') or 0} times"]
    out.append("")
    out.append(f"Issued ({len(info['issued'])}):" if info["issued"] else "Issued: none")
    for d in info["issued"]:
        out.append(f"  {_doc(d)}  [{d['texts']} texts]")
    out.append("")
    out.append(f"Tasks ({len(info['tasks'])}):" if info["tasks"] else "Tasks: none")
    for t in info["tasks"]:
        due = f", by {t['deadline']}" if t.get("deadline") else ""
        out.append(f"  {t['role']}{due}  from {_doc({**t, 'id': t['document']})}")
        if t.get("evidence"):
            out.append(f"      \"{t['evidence']}\"  ({t.get('source') or t['sha256'][:12]})")
    return "\n".join(out)


def render_matches(rows: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {r['id']}  {r['name']}" + (f" ({_place(r)})" if r.get("locality") else "")
                     + ("  [class]" if r.get("kind") == "class" else "") for r in rows)


def _place(o: dict[str, Any]) -> str:
    loc, prov = o.get("locality"), o.get("province")
    return loc if not prov or prov == loc else f"{loc}, {prov}" if loc else prov


def _doc(d: dict[str, Any]) -> str:
    name = " ".join(str(x) for x in (d.get("kind"), d.get("key") or d.get("descriptor")) if x) or d["id"]
    date = f" ({d['date']})" if d.get("date") else ""
    return f"{d['id']}  {name}{date}"
