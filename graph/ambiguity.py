"""Placing ambiguous references across the corpus, after each ingest.

A reference whose id has ``?`` (no term, no locality: see graph.identity) is compared with every
fully identified document of the same symbol:

- exactly one candidate fits: the reference's edges move to it (each keeps ``resolved_from`` = the
  reference's id) and the reference node goes away;
- none or several fit: the reference stays an explicit node with ``ambiguous = true``, its
  ``candidates`` and one MAY_BE edge to each.

Candidates only grow as texts are added. When a reference placed earlier gets a second candidate,
its edges (found by ``resolved_from``) move back to a re-created ambiguous node: a merge is never
kept once it is no longer the only fit. Facts of the nodes involved are recomputed from what each
text states (the APPEARS_IN edges), so the outcome does not depend on the order of ingestion.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import facts as F
from .identity import UNKNOWN, slug
from .schema import MOVABLE, PRIMARY_KEY, REL_BY_NAME
from .store import GraphStore

CHUNK = 2000


@dataclass(frozen=True)
class Reference:
    """An ambiguous id taken apart."""
    id: str
    state: bool
    base: str
    locality: str | None     # slug, or None when unknown
    term: str | None

    @classmethod
    def parse(cls, ref_id: str) -> Reference | None:
        state = ref_id.startswith("state:")
        body = ref_id[len("state:"):] if state else ref_id
        if ":" not in body:
            return None
        head, term = body.rsplit(":", 1)
        if state:
            return cls(ref_id, True, head, None, None if term == UNKNOWN else term)
        base, _, loc = head.partition("@")
        return cls(ref_id, False, base, None if loc in ("", UNKNOWN) else loc, None if term == UNKNOWN else term)

    def fits(self, doc: dict) -> bool:
        base = doc["base"] or ""
        if self.state:
            return doc["system"] == "state" and base == self.base
        if base != self.base and not (base.startswith(self.base + "/") and "/" not in self.base):
            return False
        if self.locality is not None and slug(doc["locality"] or "") != self.locality:
            return False
        return self.term is None or doc["term"] == self.term


@dataclass
class Placement:
    placed: int = 0          # references linked to their one candidate in this pass
    ambiguous: int = 0       # references left ambiguous (no candidate or several)
    reopened: int = 0        # earlier placements undone because a second candidate appeared


def place_references(store: GraphStore) -> Placement:
    current = _ambiguous_ids(store)
    refs = [r for r in map(Reference.parse, current) if r is not None]
    result = Placement()
    if not refs:
        return result
    candidates = _candidates(store, refs)
    placed_at = _placed(store)
    moves, back, keep, touched = [], [], {}, set()
    for ref in refs:
        fits = sorted(candidates.get(ref.id, ()))
        if len(fits) == 1:
            if ref.id not in placed_at:
                moves.append({"amb": ref.id, "target": fits[0]})
                touched.add(fits[0])
                result.placed += 1
        else:
            if current[ref.id] != fits:
                keep[ref.id] = fits
            if ref.id in placed_at:
                back.append(ref)
                touched.update(placed_at[ref.id])
                result.reopened += 1
            result.ambiguous += 1
    _move(store, moves)
    _move_back(store, back)
    _mark_ambiguous(store, keep)
    recompute_facts(store, sorted(touched | {r.id for r in back}))
    return result


def _ambiguous_ids(store: GraphStore) -> dict[str, list[str] | None]:
    """Every ambiguous reference, placed or not, with its stored candidates (None once placed)."""
    ids: dict[str, list[str] | None] = {
        row[0]: sorted(row[1] or []) for row in
        store.query("MATCH (d:Document) WHERE d.ambiguous = true RETURN d.id, d.candidates").rows}
    for rel in MOVABLE:
        for (ref,) in store.query(f"MATCH (d:Document)-[r:{rel.name}]->() WHERE r.resolved_from IS NOT NULL "
                                  "RETURN DISTINCT r.resolved_from").rows:
            ids.setdefault(ref, None)
    return dict(sorted(ids.items()))


def _candidates(store: GraphStore, refs: list[Reference]) -> dict[str, list[str]]:
    numbers = sorted({_number(r.base) for r in refs})
    docs = store.query(
        "MATCH (d:Document) WHERE d.ambiguous = false AND d.number IN $numbers "
        "RETURN d.id AS id, d.base AS base, d.system AS system, d.locality AS locality, d.term AS term",
        {"numbers": numbers}).records()
    by_number = defaultdict(list)
    for d in docs:
        by_number[_number(d["base"] or "")].append(d)
    return {r.id: [d["id"] for d in by_number[_number(r.base)] if r.fits(d)] for r in refs}


def _number(base: str) -> str:
    """"other:215-KH/TWĐTN" -> "215"; "45/GP-TTĐT" -> "45"."""
    return base.rsplit(":", 1)[-1].split("/")[0].split("-")[0]


def _placed(store: GraphStore) -> dict[str, set[str]]:
    """Reference id -> the documents its moved edges now hang on."""
    out: dict[str, set[str]] = defaultdict(set)
    for rel in MOVABLE:
        for ref_id, doc in store.query(
                f"MATCH (d:Document)-[r:{rel.name}]->() WHERE r.resolved_from IS NOT NULL "
                "RETURN DISTINCT r.resolved_from, d.id").rows:
            out[ref_id].add(doc)
        if rel.dst == "Document":
            for ref_id, doc in store.query(
                    f"MATCH ()-[r:{rel.name}]->(d:Document) WHERE r.resolved_from IS NOT NULL "
                    "RETURN DISTINCT r.resolved_from, d.id").rows:
                out[ref_id].add(doc)
    return out


def _copy(rel_name: str, var: str = "r") -> str:
    props = [p for p in REL_BY_NAME[rel_name].props if p != "resolved_from"]
    return ", ".join(f"{p}: {var}.{p}" for p in props)


def _move(store: GraphStore, moves: list[dict]) -> None:
    """Edges of each reference onto its one candidate; then the reference node goes."""
    for i in range(0, len(moves), CHUNK):
        rows = moves[i:i + CHUNK]
        for rel in MOVABLE:
            copy = _copy(rel.name)
            store.query(f"UNWIND $rows AS p MATCH (a:Document {{id: p.amb}})-[r:{rel.name}]->(x) "
                        f"MATCH (t:Document {{id: p.target}}) WHERE x.{PRIMARY_KEY[rel.dst]} <> p.target "
                        f"CREATE (t)-[:{rel.name} {{{copy}, resolved_from: p.amb}}]->(x)", {"rows": rows}, write=True)
            if rel.dst == "Document":
                store.query(f"UNWIND $rows AS p MATCH (x:Document)-[r:{rel.name}]->(a:Document {{id: p.amb}}) "
                            f"MATCH (t:Document {{id: p.target}}) WHERE x.id <> p.target "
                            f"CREATE (x)-[:{rel.name} {{{copy}, resolved_from: p.amb}}]->(t)", {"rows": rows},
                            write=True)
        store.query("UNWIND $rows AS p MATCH (a:Document {id: p.amb}) DETACH DELETE a", {"rows": rows}, write=True)


def _move_back(store: GraphStore, refs: list[Reference]) -> None:
    """Undo placements: re-create each reference node and move its edges back onto it."""
    rows = [{"amb": r.id, "key": r.base.split(":", 1)[-1], "base": r.base, "term": r.term} for r in refs]
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i:i + CHUNK]
        store.query("UNWIND $rows AS p MERGE (a:Document {id: p.amb}) SET a.key = p.key, a.base = p.base, "
                    "a.term = p.term, a.ambiguous = true, a.in_force = true", {"rows": chunk}, write=True)
        for rel in MOVABLE:
            copy = _copy(rel.name)
            store.query(f"UNWIND $rows AS p MATCH (t:Document)-[r:{rel.name}]->(x) WHERE r.resolved_from = p.amb "
                        f"MATCH (a:Document {{id: p.amb}}) CREATE (a)-[:{rel.name} {{{copy}}}]->(x)",
                        {"rows": chunk}, write=True)
            if rel.dst == "Document":
                store.query(f"UNWIND $rows AS p MATCH (x)-[r:{rel.name}]->(t:Document) WHERE r.resolved_from = p.amb "
                            f"MATCH (a:Document {{id: p.amb}}) CREATE (x)-[:{rel.name} {{{copy}}}]->(a)",
                            {"rows": chunk}, write=True)
            store.query(f"UNWIND $rows AS p MATCH ()-[r:{rel.name}]->() WHERE r.resolved_from = p.amb DELETE r",
                        {"rows": chunk}, write=True)


def _mark_ambiguous(store: GraphStore, keep: dict[str, list[str]]) -> None:
    rows = [{"id": ref, "candidates": cands} for ref, cands in keep.items()]
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i:i + CHUNK]
        store.query("UNWIND $rows AS p MATCH (a:Document {id: p.id})-[m:MAY_BE]->() DELETE m", {"rows": chunk},
                    write=True)
        store.query("UNWIND $rows AS p MATCH (a:Document {id: p.id}) SET a.candidates = p.candidates",
                    {"rows": chunk}, write=True)
        pairs = [{"a": r["id"], "b": c} for r in chunk for c in r["candidates"]]
        if pairs:
            store.query("UNWIND $rows AS p MATCH (a:Document {id: p.a}) MATCH (b:Document {id: p.b}) "
                        "CREATE (a)-[:MAY_BE]->(b)", {"rows": pairs}, write=True)


def recompute_facts(store: GraphStore, ids: list[str]) -> None:
    """Facts, counts and chosen values of ``ids`` from what each text states (APPEARS_IN)."""
    props = ", ".join(f"r.{p} AS {p}" for p in F.FACT_PROPERTIES)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        rows = store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}})-[r:APPEARS_IN]->(:Source) "
                           f"RETURN d.id AS id, r.subject AS subject, {props}", {"ids": chunk}).records()
        per: dict[str, F.Facts] = {i: {} for i in chunk}
        counts: dict[str, list] = {i: [0, False] for i in chunk}
        for r in rows:
            for p in F.FACT_PROPERTIES:
                F.add_fact(per[r["id"]], p, r[p], bool(r["subject"]))
            counts[r["id"]][0] += 1
            counts[r["id"]][1] |= bool(r["subject"])
        updates = [{"id": i, **F.node_values(f, *counts[i])} for i, f in per.items()]
        store.query(F.UPDATE, {"rows": updates}, write=True)

