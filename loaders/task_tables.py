"""Tasks given in a table: a plan's "phân công nhiệm vụ", a row a task, with the bodies that lead it,
those that take part and the time to finish it.

A table reaches extraction as rows of cells between "|" (an HTML page's table as the HTML reader
writes it, a Word table of three columns or more as the Word reader does), one row a line, or as
lines of three cells or more between tabs (a Word table copied as text). A header
row names the columns (organizations.toml [table]); every row under it, up to the first line that is
no row, gives each body named in a column of a role that role for the text's own document, with the
deadline of the row's deadline column. A rule row ("|---|---|") is skipped.
"""
from __future__ import annotations

import functools
import re

from vankien.loaders.dates import day_named
from vankien.loaders.fold import fold
from vankien.loaders.organizations import org_list, org_vocab
from vankien.loaders.vocab import load_data

TABLE_CONFIDENCE = 0.8

# a row: a line that opens and ends with "|" (blanks aside), or one of three cells or more between tabs
# (a Word table copied as text)
_ROW_RE = re.compile(r"^(?:[ \t]*\|(?P<cells>[^\n]*)\|[ \t]*|(?P<tabbed>[^\n\t|]*(?:\t[^\n\t]*){2,}))$", re.M)
_RULE_CELL_RE = re.compile(r":?-{3,}:?\Z")


@functools.cache
def _columns() -> tuple[dict[str, str], frozenset[str]]:
    """{folded header: role} and the folded deadline headers."""
    table = load_data("organizations.toml")["table"]
    roles = {_folded(h): c["role"] for c in table["column"] for h in c["headers"]}
    return roles, frozenset(_folded(h) for h in table["deadline_headers"])


def _folded(cell: str) -> str:
    return " ".join(fold(cell).split())


def _cells(text: str, m: re.Match) -> list[tuple[int, int]]:
    """The spans of a row's cells, without the blanks around them."""
    group, sep = ("cells", "|") if m.group("cells") is not None else ("tabbed", "\t")
    spans, a = [], m.start(group)
    end = m.end(group)
    while a <= end:
        b = text.find(sep, a, end)
        b = end if b < 0 else b
        lo, hi = a, b
        while lo < hi and text[lo] in " \t":
            lo += 1
        while hi > lo and text[hi - 1] in " \t":
            hi -= 1
        spans.append((lo, hi))
        a = b + 1
    return spans


def table_tasks(text: str, subject, assignment) -> list:
    """The tasks the text's own document (``subject``) gives in its tables. ``assignment(org, role,
    deadline, start, end, cue)`` makes one (loaders/assignments.py)."""
    if subject is None or ("|" not in text and "\t" not in text):
        return []
    roles, deadlines = _columns()
    v = org_vocab()
    out = []
    header = None       # (the columns that name bodies: {index: (role, header as written)}, deadline column, width)
    last_end = -1
    for m in _rows(text):
        if m.start() != last_end + 1:
            header = None           # not the line right after the last row: another table, or none
        last_end = m.end()
        cells = _cells(text, m)
        words = [text[a:b] for a, b in cells]
        if all(_RULE_CELL_RE.match(w) for w in words):
            continue                # "|---|---|"
        columns = {i: (roles[f], " ".join(w.split())) for i, w in enumerate(words) if (f := _folded(w)) in roles}
        if columns:
            due = next((i for i, w in enumerate(words) if _folded(w) in deadlines), None)
            header = (columns, due, len(cells))
            continue
        if header is None or len(cells) != header[2]:
            header = None
            continue
        columns, due, _ = header
        deadline = day_named(text, *cells[due], subject.date) if due is not None else None
        for i, (role, cue) in columns.items():
            a, b = cells[i]
            for org in org_list(text, a, b, v)[0]:
                out.append(assignment(org, role, deadline, m.start(), m.end(), cue))
    return out


def _rows(text: str):
    """The matches of ``_ROW_RE`` in ``text``, in order: tried only on the lines that hold a "|" or a tab
    (``^`` gives ``re`` no character to scan for: it would try the pattern at every position)."""
    starts = set()
    for sep in "|\t":
        at = text.find(sep)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            starts.add(start)
            end = text.find("\n", at)
            at = text.find(sep, end) if end >= 0 else -1
    for start in sorted(starts):
        end = text.find("\n", start)
        m = _ROW_RE.match(text, start, len(text) if end < 0 else end)
        if m is not None:
            yield m
