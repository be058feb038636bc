"""Validity: a document that another supersedes is no longer in force, from the superseding
document's date (the earliest, when several supersede it). Recomputed after each ingest."""
from __future__ import annotations

from vankien.graph.stores.base import GraphStore


def mark_superseded(store: GraphStore) -> int:
    """Set in_force / superseded_by / superseded_on on every document; returns how many are not in force."""
    pairs = store.query("MATCH (n:Document)-[:SUPERSEDES]->(o:Document) RETURN o.id, n.id, n.date").rows
    best: dict[str, tuple] = {}
    for old, new, date in pairs:
        rank = (date is None, date, new)
        if old not in best or rank < best[old][0]:
            best[old] = (rank, new, date)
    marked = {row[0] for row in store.query("MATCH (d:Document) WHERE d.in_force = false RETURN d.id").rows}
    revive = [{"id": i} for i in marked - set(best)]
    if revive:
        store.query("UNWIND $rows AS r MATCH (d:Document {id: r.id}) "
                    "SET d.in_force = true, d.superseded_by = NULL, d.superseded_on = NULL", {"rows": revive}, write=True)
    rows = [{"id": old, "newer": new, "since": date.isoformat() if date else None} for old, (_, new, date) in best.items()]
    if rows:
        store.query("UNWIND $rows AS r MATCH (d:Document {id: r.id}) "
                    "SET d.in_force = false, d.superseded_by = r.newer, d.superseded_on = date(r.since)",
                    {"rows": rows}, write=True)
    return len(rows)
