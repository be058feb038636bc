"""``vankien extract --explain``: each edge of a record, for a person to check at a glance.

    REVIEWS  94-KH/TU -> 25-NQ/TW  confidence 0.90  cue "tổng kết 10 năm thực hiện"
        ... Ban Thường vụ Tỉnh ủy đã ban hành [Kế hoạch số 94-KH/TU về “{tổng kết 10 năm thực hiện}
        Nghị quyết số 25-NQ/TW] ...

The evidence is between [ ] and the cue between { }; on a terminal they are shown in colour
instead. What comes from the text is made safe for the terminal (vankien.cli.output.safe) before the
colours are added, so the result is printed as it is.
"""
from __future__ import annotations

import re
from typing import Any, Callable

import click

from .output import safe

CONTEXT = 60


def explain_record(record: dict[str, Any], text: str, color: bool) -> str:
    source = safe(record["source"])
    lines = [click.style(source, bold=True) if color else source]
    lines.append(f"  subject: {safe(record.get('subject') or '(none found)')}")
    rels, asgs = record.get("relations", []), record.get("assignments", [])
    if not rels and not asgs:
        lines.append("  no relations or assignments found")
    for r in rels:
        head = f"  {r['type']:<13} {_short(r['source'])} -> {_short(r['target'])}  confidence {r['confidence']:.2f}"
        lines.append(head + (f'  cue "{safe(r["cue"])}"' if r.get("cue") else ""))
        lines.append(_snippet(text, r["evidence"], r.get("cue"), color))
    for a in asgs:
        deadline = f"  deadline {a['deadline']}" if a.get("deadline") else ""
        lines.append(f"  ASSIGNS_TO    {_short(a['document'])} -> {safe(a['organization'])} ({a['role']}, "
                     f"{a.get('level') or 'level unknown'}){deadline}  confidence {a['confidence']:.2f}")
        lines.append(_snippet(text, a["evidence"], a.get("cue"), color))
    return "\n".join(lines)


def _short(name: str | None, limit: int = 60) -> str:
    name = safe(name or "?")
    return name if len(name) <= limit else name[:limit - 1] + "…"


def _snippet(text: str, ev: dict[str, Any], cue: str | None, color: bool) -> str:
    start, end = ev["start"], ev["end"]
    raw_before, raw_after = _words_before(text, start), _words_after(text, end)
    before, after = _flat(raw_before), _flat(raw_after)
    body = _flat(text[start:end])
    if color:
        body = _mark_cue(body, cue, lambda s: click.style(s, fg="yellow", bold=True, underline=True))
        body = click.style(body, fg="green")
    else:
        body = "[" + _mark_cue(body, cue, lambda s: "{" + s + "}") + "]"
    opening = "" if not text[:start - len(raw_before)].strip() else "…"    # nothing cut at the text's start
    closing = "" if not text[end + len(raw_after):].strip() else "…"
    return "      " + opening + before + body + after + closing


def _words_before(text: str, start: int) -> str:
    """About CONTEXT characters before START, cut where a word begins (never "…XII" for "XIII")."""
    lo = max(0, start - CONTEXT)
    if lo > 0 and not text[lo - 1].isspace():
        space = re.search(r"\s", text[lo:start])
        lo = lo + space.end() if space else start
    return text[lo:start]


def _words_after(text: str, end: int) -> str:
    """About CONTEXT characters after END, cut where a word ends."""
    hi = min(len(text), end + CONTEXT)
    if hi < len(text) and not text[hi].isspace():
        space = [m.start() for m in re.finditer(r"\s", text[end:hi])]
        hi = end + space[-1] if space else end
    return text[end:hi]


def _mark_cue(body: str, cue: str | None, mark: Callable[[str], str]) -> str:
    if not cue:
        return body
    i = body.casefold().find(cue.casefold())
    if i < 0:
        return body
    return body[:i] + mark(body[i:i + len(cue)]) + body[i + len(cue):]


def _flat(s: str) -> str:
    return safe(re.sub(r"\s+", " ", s))
