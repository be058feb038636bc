"""Coverage: which provinces issued a document implementing or reviewing a given document, which
did not, and how many days each took (lag).

Two statements, both anchored on the document's key (a primary-key lookup and its own relationships), so
the cost follows the number of covering documents, not the size of the store.

The province list is the one valid on the document's date: 63 before 2025-07-01, 34 from then on
(loaders/data/provinces.toml). Successions are followed both ways: against the 34, a plan of a
province merged away counts for the province that absorbed it; against the 63, a plan issued after
the merger by the absorbing province counts for each province it absorbed ("via" names it).
"""
from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from vankien.loaders.vocab import vocab

from vankien.graph.model.identity import PROVINCE_MERGER
from vankien.graph.stores.base import GraphStore

COVERING = ("IMPLEMENTS", "REVIEWS")


def provinces_on(date: dt.date | None) -> list[str]:
    """The provinces of Vietnam on DATE: the 63 before the 2025 merger (or with no date), the 34 after."""
    provinces = vocab().provinces
    if date is not None and date >= PROVINCE_MERGER:
        return [p["name"] for p in provinces if not p.get("merged_into")]
    return [p["name"] for p in provinces]


def coverage(store: GraphStore, doc_id: str) -> dict[str, Any]:
    """Which provinces issued a document implementing or reviewing DOC_ID, and how many days after it.

    Returns ``{document, date, provinces, issued, median_lag_days, rows}``; ``rows`` has one entry per
    province of ``provinces_on(date)`` with ``issued``, the first such ``document`` / ``key`` / ``date``,
    ``lag_days`` and ``via`` (the former province, across the 2025 mergers). LookupError if DOC_ID is
    not in the store."""
    root = store.query("MATCH (d:Document {id: $id}) RETURN d.date", {"id": doc_id}).rows
    if not root:
        raise LookupError(f"no document {doc_id!r} in the store")
    date = root[0][0]
    # anchored on the document's key, filtered and made distinct here: with the filter in the statement
    # Ladybug's planner scans the whole Document table (a semi-masked scan and a hash join) instead
    found = store.query(
        "MATCH (c:Document)-[r:IMPLEMENTS|REVIEWS]->(d:Document {id: $id}) "
        "RETURN c.id AS id, c.key AS key, c.province AS province, c.date AS date", {"id": doc_id}).records()
    rows = list({row["id"]: row for row in found if row["province"] is not None}.values())
    names = provinces_on(date)
    merged = {p["name"]: p["merged_into"] for p in vocab().provinces if p.get("merged_into")}
    absorbed: dict[str, list[str]] = {}
    for old, new in merged.items():
        absorbed.setdefault(new, []).append(old)
    best: dict[str, dict] = {}

    def offer(province: str, row: dict, via: str | None) -> None:
        rank = (row["date"] is None, row["date"] or dt.date.max, row["id"])
        cur = best.get(province)
        if cur is None or rank < cur["_rank"]:
            lag = (row["date"] - date).days if row["date"] and date else None
            best[province] = {"_rank": rank, "province": province, "document": row["id"], "key": row["key"],
                              "date": row["date"], "lag_days": lag, "via": via}

    in_list = set(names)
    for row in rows:
        p = row["province"]
        if p in in_list:
            offer(p, row, None)
        if p in merged and merged[p] in in_list:
            offer(merged[p], row, p)
        if p in absorbed and row["date"] and row["date"] >= PROVINCE_MERGER:
            for old in absorbed[p]:
                if old in in_list:
                    offer(old, row, p)
    table = []
    for name in names:
        hit = best.get(name)
        if hit:
            table.append({k: v for k, v in hit.items() if k != "_rank"} | {"issued": True})
        else:
            table.append({"province": name, "issued": False, "document": None, "key": None, "date": None,
                          "lag_days": None, "via": None})
    lags = [r["lag_days"] for r in table if r["lag_days"] is not None]
    return {"document": doc_id, "date": date, "provinces": len(names),
            "issued": sum(r["issued"] for r in table), "median_lag_days": statistics.median(lags) if lags else None,
            "rows": table}
