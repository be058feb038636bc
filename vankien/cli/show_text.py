"""`vankien show` as text for a person: facts, validity, sources, relations by type with counts."""
from __future__ import annotations

from typing import Any

from vankien import describe

from .output import cell

_FACT_NAMES = {"date": "date", "issuing_body": "issued by", "kind": "type", "descriptor": "name", "term": "term"}


def render_show(info: dict[str, Any]) -> str:
    d = info["document"]
    out = [f"{d['id']}  {describe(d)}"]
    for prop in ("key", "system", "level", "locality", "term", "date", "issuing_body", "descriptor"):
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
    for org in info["issued_by"]:
        out.append(f"  issued by: {org['name']} ({org['level'] or 'level unknown'}; {org['texts']} texts)")
    out.append("")
    out.append("Related documents:" if info["related"] else "Related documents: none")
    for type_, sides in info["related"].items():
        counts = info["counts"][type_]
        out.append(f"  {type_}: {counts['incoming']} in, {counts['outgoing']} out")
        for side, arrow in (("incoming", "←"), ("outgoing", "→")):
            for r in sides[side]:
                out.append(f"    {arrow} {r['id']}  {describe(r)}" + (f"  [{r['texts']} texts]" if r["texts"] > 1 else ""))
    if info["assignments"]:
        out.append("")
        out.append(f"Assignments ({len(info['assignments'])}):")
        for a in info["assignments"]:
            due = f", by {a['deadline']}" if a.get("deadline") else ""
            out.append(f"  {a['role']}: {a['organization']}{due}")
    out.append("")
    out.append(f"Mentioned in {len(info['sources'])} texts:")
    for s in info["sources"]:
        own = " (the document itself)" if s["subject"] else ""
        out.append(f"  {s['source'] or s['url']}{own}  sha256 {s['sha256'][:12]}…")
    return "\n".join(out)
