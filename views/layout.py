"""Positions for the flow-down view, computed here so the page draws at once (no physics).

Rows are fixed by level (views/style.py). On a row, documents are grouped by province (on local
rows), each province a compact block, and blocks and documents are ordered by the mean position of
what they act on, so a plan sits under the resolution it implements. Wide rows wrap. Organisations
given tasks come in their own lines below the documents of their row.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from vankien.views import style as S


@dataclass
class Item:
    id: str
    row: int
    group: str = ""                          # province, on local rows; "" elsewhere
    order: tuple = ()                        # sort key among equals (date, id)
    parents: tuple[str, ...] = ()            # what it acts on (or the documents assigning it)
    band: int = 0                            # 0: documents, 1: organisations (below them)


@dataclass
class Layout:
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    rows: dict[int, tuple[float, float]] = field(default_factory=dict)     # row -> (top y, bottom y)
    # (row, group) of documents -> (centre x, centre y, width, height) of its block
    blocks: dict[tuple[int, str], tuple[float, float, float, float]] = field(default_factory=dict)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.inf


def _spacing(band: int) -> tuple[int, int]:
    """(column, line) in px: documents are boxes, organisations small marks with a label below."""
    return (S.layout("column"), S.layout("line")) if band == 0 else (S.layout("org_column"), S.layout("org_line"))


def _blocks(members: list[Item], x: dict[str, float], column: int) -> list[tuple[str, list[Item], int]]:
    """The members of one band as blocks (group name, items in order, columns), in order."""
    max_width, group_cols = S.layout("max_width"), S.layout("group_columns")

    def bary(it: Item) -> float:
        return _mean([x[p] for p in it.parents if p in x])

    groups: dict[str, list[Item]] = defaultdict(list)
    for it in members:
        groups[it.group].append(it)
    ordered = sorted(groups.items(), key=lambda g: (_mean([b for b in map(bary, g[1]) if b != math.inf]), g[0]))
    blocks = []
    for name, its in ordered:
        its.sort(key=lambda it: (bary(it), it.order, it.id))
        # a group's block about as wide as it is tall, at most group_columns wide; the rest in wide lines
        cols = (min(len(its), group_cols, max(2, math.ceil(math.sqrt(len(its) * 1.6)))) if name
                else min(len(its), max(1, max_width // column)))
        blocks.append((name, its, cols))
    return blocks


def _lines(blocks: list[tuple[str, list[Item], int]], column: int) -> list[list[tuple[str, list[Item], int]]]:
    """Blocks flowed into lines no wider than max_width."""
    gap, max_width = S.layout("group_gap"), S.layout("max_width")
    lines: list[list[tuple[str, list[Item], int]]] = [[]]
    width = 0.0
    for block in blocks:
        w = block[2] * column
        if lines[-1] and width + gap + w > max_width:
            lines.append([])
            width = 0.0
        width += (gap if lines[-1] else 0) + w
        lines[-1].append(block)
    return lines


def place(items: list[Item]) -> Layout:
    gap = S.layout("group_gap")
    out = Layout()
    x: dict[str, float] = {}
    by_row: dict[tuple[int, int], list[Item]] = defaultdict(list)
    for it in items:
        by_row[(it.row, it.band)].append(it)
    y = 0.0
    for row in sorted({r for r, _ in by_row}):
        top = y
        for band in (0, 1):
            if (row, band) not in by_row:
                continue
            column, line = _spacing(band)
            if band == 1 and (row, 0) in by_row:
                y += line - S.layout("line")        # the organisations' first line: closer to the documents
            for blocks_on_line in _lines(_blocks(by_row[(row, band)], x, column), column):
                left = -(sum(c * column for _, _, c in blocks_on_line) + gap * (len(blocks_on_line) - 1)) / 2
                height = 0
                for name, its, cols in blocks_on_line:
                    for k, it in enumerate(its):
                        out.positions[it.id] = (left + (k % cols + 0.5) * column, y + (k // cols) * line)
                        x[it.id] = out.positions[it.id][0]
                    n_lines = math.ceil(len(its) / cols)
                    if band == 0 and name:
                        out.blocks[(row, name)] = (left + cols * column / 2, y + (n_lines - 1) * line / 2,
                                                   cols * column, n_lines * line)
                    left += cols * column + gap
                    height = max(height, n_lines)
                y += height * line
        out.rows[row] = (top, y - line)
        y += S.layout("row_gap") - line
    return out
