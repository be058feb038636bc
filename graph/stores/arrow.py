"""Rows of the graph as typed Arrow tables, for Ladybug's COPY and the bulk load's staged files."""
from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pyarrow as pa

from vankien.graph.model import facts as F
from vankien.graph.model.identity import iso_date
from vankien.graph.model.schema import NODES

DOCUMENT_SLICE = 50_000


def document_table(rows: list, candidates: dict[str, list[str]]):
    """New Document nodes (``vankien.graph.model.batch.DocRow``) as a typed Arrow table: their identity, their
    facts' chosen values, ``candidates`` where given, in force until superseded. Built column by
    column, ``DOCUMENT_SLICE`` documents at a time (a row dict per document would cost more)."""
    return pa.concat_tables(_document_columns(rows[i:i + DOCUMENT_SLICE], candidates)
                            for i in range(0, len(rows), DOCUMENT_SLICE))


def _document_columns(rows: list, candidates: dict[str, list[str]]):
    values = [F.node_values(r.facts, r.sources, r.full_text) for r in rows]
    props = [r.props for r in rows]
    columns: dict[str, list] = {}
    for p in NODES["Document"]:
        if p == "id":
            columns[p] = [r.id for r in rows]
        elif p == "candidates":
            columns[p] = [candidates.get(r.id, []) for r in rows]
        elif p == "in_force":
            columns[p] = [True] * len(rows)
        else:   # map over dict.get: the loop runs in C
            columns[p] = list(map(dict.get, values if p in values[0] else props, itertools.repeat(p)))
    return arrow_columns(columns, NODES["Document"])


def arrow_table(rows: list[dict[str, Any]], props: dict[str, str]):
    """Rows as an Arrow table typed by the schema (missing properties null, lists never null)."""
    return arrow_columns({p: list(map(dict.get, rows, itertools.repeat(p))) for p in props}, props)


def arrow_columns(columns: dict[str, list], props: dict[str, str]):
    """Columns (one list of values per property, in the schema's order) as a typed Arrow table."""
    arrays = {}
    for p, t in props.items():
        values = columns[p]
        if t == "DATE":
            values = [v if isinstance(v, dt.date) else iso_date(v) for v in values]
        elif t.endswith("[]"):
            values = [v or [] for v in values]
        arrays[p] = pa.array(values, type=_ARROW_TYPES[t]())
    return pa.table(arrays)


_ARROW_TYPES = {"STRING": pa.string, "INT64": pa.int64, "DOUBLE": pa.float64, "BOOLEAN": pa.bool_,
                "DATE": pa.date32, "STRING[]": lambda: pa.list_(pa.string())}
