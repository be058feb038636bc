"""Organisations in a store: find them by name, and what one body issued and was given to do.

A name is matched as organisation keys are compared (vankien.graph.model.identity.organization_key):
diacritics, case and spacing ignored, abbreviations expanded ("BTV Tinh uy Cao Bang" finds "Ban
Thường vụ Tỉnh ủy" of Cao Bằng). A name matches an organisation when it is the organisation's name
with or without its place (best), when all its words are among the words of the organisation's
name and place, or, failing both, when it is close to the name as a whole (a typo).
"""
from __future__ import annotations

import difflib
from typing import Any

from vankien.graph.model.identity import organization_key
from vankien.graph.stores.base import GraphStore
from vankien.loaders.fold import fold

_FIELDS = ("o.id AS id, o.name AS name, o.key AS key, o.kind AS kind, o.level AS level, "
           "o.locality AS locality, o.province AS province, o.sources AS sources")
CLOSE = 0.85            # how close (difflib ratio) a name with a typo must be
MATCHES = ("exact", "words", "close")     # how a row fits the name, best first


class NoOrganization(LookupError):
    """No organisation in the store has that name."""


def find_organizations(store: GraphStore, name: str, limit: int = 50) -> list[dict[str, Any]]:
    """Organisations whose name (with or without its place) fits ``name``, best first: exact names,
    then names holding all its words, then close names; each row with id, name, key, kind (body or
    class), level, locality, province, sources and ``match`` (exact, words, close). An organisation id
    (``org:…``, ``class:…``) finds that one organisation."""
    text = " ".join((name or "").split())
    if not text:
        raise ValueError("give a name to look for")
    if text.startswith(("org:", "class:")):
        rows = store.query(f"MATCH (o:Organization {{id: $id}}) RETURN {_FIELDS}", {"id": text}).records()
        if rows:
            return [{**rows[0], "match": "exact"}]
    wanted = organization_key(text)
    words = set(wanted.split()) | set(fold(text).split())
    ranked = []
    for row in store.query(f"MATCH (o:Organization) RETURN {_FIELDS}").records():
        rank = _rank(row, wanted, words)
        if rank is not None:
            row["match"] = MATCHES[int(rank)]
            ranked.append((rank, -(row["sources"] or 0), row["id"], row))
    ranked.sort(key=lambda r: r[:3])
    return [r[-1] for r in ranked[:limit]]


def _rank(row: dict[str, Any], wanted: str, words: set[str]) -> float | None:
    key = organization_key(row["key"] or row["name"] or "")
    place = fold(row["locality"] or "")
    named = organization_key(row["name"] or "")
    if wanted in (key, named, f"{key} {place}".strip()):
        return 0
    have = set(f"{key} {named} {place} {fold(row['province'] or '')}".split())
    if words <= have:
        return 1
    close = max(difflib.SequenceMatcher(None, wanted, s).ratio() for s in (key, named, f"{key} {place}"))
    return 2 - close if close >= CLOSE else None


def organization(store: GraphStore, org_id: str) -> dict[str, Any]:
    """One organisation: its node, the documents it issued and the tasks it was given across the
    corpus (role, deadline, the assigning document with its id and key, the text that says so and
    the evidence), earliest document first."""
    rows = store.query(f"MATCH (o:Organization {{id: $id}}) RETURN {_FIELDS}", {"id": org_id}).records()
    if not rows:
        raise NoOrganization(f"no organisation {org_id!r} in the store")
    issued = store.query(
        "MATCH (d:Document)-[r:ISSUED_BY]->(o:Organization {id: $id}) RETURN d.id AS id, d.key AS key, "
        "d.kind AS kind, d.date AS date, d.descriptor AS descriptor, count(*) AS texts "
        "ORDER BY date, id", {"id": org_id}).records()
    tasks = store.query(
        "MATCH (d:Document)-[r:ASSIGNS_TO]->(o:Organization {id: $id}) OPTIONAL MATCH (s:Source {sha256: r.source}) "
        "RETURN d.id AS document, d.key AS key, d.kind AS kind, d.date AS date, r.role AS role, "
        "r.deadline AS deadline, r.evidence AS evidence, r.source AS sha256, s.source AS source "
        "ORDER BY date, document, role, deadline, evidence", {"id": org_id}).records()
    return {"organization": rows[0], "issued": issued, "tasks": tasks}
