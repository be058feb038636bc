"""Printing query results and records: aligned tables, JSON, CSV; and printing anything safely
(:func:`echo`: control characters from texts and file names never reach the terminal raw)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

import click


def plain(value: Any) -> Any:
    """A value as JSON can carry it (dates as ISO strings, nodes and relationships as dicts)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not str(k).startswith("_") or k in ("_label", "_LABEL")}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def to_json(value: Any) -> str:
    return json.dumps(plain(value), ensure_ascii=False, indent=2, default=str)


def cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def table(columns: list[str], rows: list[list[Any]], max_width: int = 60) -> str:
    cells = [[cell(v) for v in row] for row in rows]
    cells = [[c if len(c) <= max_width else c[:max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def to_csv(columns: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows([[cell(v) for v in row] for row in rows])
    return buf.getvalue()


# --- what reaches the terminal ------------------------------------------------------------------
# Characters a terminal would act on rather than show: C0 controls but tab and newline, DEL, C1
# controls (ESC and CSI start escape sequences that recolour, move the cursor or retitle the window),
# and the bidirectional overrides that reorder what is shown. Each is printed as a \uXXXX escape,
# which also keeps JSON output the same JSON.
TERMINAL_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL_RE = re.compile(f"[{TERMINAL_CONTROLS}]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def safe(text: str) -> str:
    """``text`` with the control characters of texts and file names escaped (``\\u001b``), and
    lone surrogates (undecodable file names) escaped too, so that it can be printed as UTF-8."""
    text = _CONTROL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo(message: Any = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` of ``message`` made :func:`safe`: every line the command line prints goes here."""
    click.echo(safe(str(message)), err=err, nl=nl)


def json_line(value: Any) -> str:
    """``value`` as one line of JSON (UTF-8 text, control characters escaped), with its newline."""
    return safe(json.dumps(value, ensure_ascii=False)) + "\n"


# --- figures for people -------------------------------------------------------------------------
def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 document``, ``2 documents`` (``words``: an irregular plural)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def days(value: Any) -> str:
    """A number of days for people: a whole number ("288 days", "1 day"), or "unknown"."""
    if value is None:
        return "unknown"
    n = round(float(value))
    return plural(n, "day")
