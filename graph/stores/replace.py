"""Replacing a text: what a new version of a stored text removes before it is written.

A text is identified across ingests by its source (URL, else path) and its content
(``graph/ingest.py``); a changed text takes the place of its previous version, whose Source node,
the edges it stated and the documents and organisations only it mentioned go. Cypher only, so the
embedded store and Neo4j do the same.
"""
from __future__ import annotations

from collections import defaultdict

from vankien.graph.model.schema import RELATIONSHIPS
from vankien.graph.stores.ambiguity import recompute_facts
from vankien.graph.stores.base import GraphStore


def remove_texts(store: GraphStore, shas: list[str]) -> None:
    """Remove stored texts (a text replaced by a new version): their Source nodes, the edges they
    state (relations, assignments, issuers: ``source`` = their sha256), the documents and
    organisations only they mention; the facts of the other documents they mention are recomputed
    from the texts left. Relations stated by other texts stay."""
    if not shas:
        return
    docs = [r[0] for r in store.query("MATCH (d:Document)-[:APPEARS_IN]->(s:Source) WHERE s.sha256 IN $shas "
                                      "RETURN DISTINCT d.id", {"shas": shas}).rows]
    _forget_organizations(store, shas)
    for rel in RELATIONSHIPS:
        if "source" in rel.props:
            store.query(f"MATCH ()-[r:{rel.name}]->() WHERE r.source IN $shas DELETE r", {"shas": shas},
                        write=True)
    store.query("MATCH (s:Source) WHERE s.sha256 IN $shas DETACH DELETE s", {"shas": shas}, write=True)
    kept = {r[0] for r in store.query("UNWIND $ids AS i MATCH (d:Document {id: i})-[:APPEARS_IN]->(:Source) "
                                      "RETURN DISTINCT d.id", {"ids": docs}).rows}
    gone = [d for d in docs if d not in kept]
    if gone:
        store.query("UNWIND $ids AS i MATCH (d:Document {id: i}) DETACH DELETE d", {"ids": gone}, write=True)
    recompute_facts(store, sorted(kept))


def _forget_organizations(store: GraphStore, shas: list[str]) -> None:
    """Organisations lose the mentions of the texts removed; those left with none go."""
    counts: dict[str, int] = defaultdict(int)
    for rel in ("ISSUED_BY", "ASSIGNS_TO"):
        for org, n in store.query(f"MATCH ()-[r:{rel}]->(o:Organization) WHERE r.source IN $shas "
                                  "RETURN o.id, count(*)", {"shas": shas}).rows:
            counts[org] += n
    rows = [{"id": org, "n": n} for org, n in counts.items()]
    if rows:
        store.query("UNWIND $rows AS r MATCH (o:Organization {id: r.id}) SET o.sources = o.sources - r.n",
                    {"rows": rows}, write=True)
        store.query("UNWIND $rows AS r MATCH (o:Organization {id: r.id}) WHERE o.sources <= 0 DETACH DELETE o",
                    {"rows": rows}, write=True)
