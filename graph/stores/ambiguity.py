"""Placing ambiguous references across the corpus, after each ingest.

A reference whose id has ``?`` (no term, no locality: see vankien.graph.model.identity) is compared with every
fully identified document of the same symbol:

- exactly one candidate fits: the reference's edges move to it (each keeps ``resolved_from`` = the
  reference's id) and the reference node goes away;
- none or several fit: the reference stays an explicit node with ``ambiguous = true``, its
  ``candidates`` and one MAY_BE edge to each.

Candidates only grow as texts are added. When a reference placed earlier gets a second candidate,
its edges (found by ``resolved_from``) move back to a re-created ambiguous node: a merge is never
kept once it is no longer the only fit. Facts of the nodes involved are recomputed from what each
text states (the APPEARS_IN edges), so the outcome does not depend on the order of ingestion.

After an ingest into a store that held texts, only the references the run can change are looked at
(``Written``: those it mentioned, and those one of its documents fits); every other one is as the
pass before left it. On a 100 000-text store this took placing an append of 1 000 texts from 19 s
to 9 s (benchmarks/append.py), with the same graph (tests/test_graph.py).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from vankien.graph.model import facts as F
from vankien.graph.model.identity import UNKNOWN, slug
from vankien.graph.model.schema import MOVABLE, PRIMARY_KEY, RelTable
from vankien.graph.stores.base import GraphStore

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


class Written:
    """What an ingest wrote into a store that already held texts, batch by batch: the ambiguous
    references it mentioned and the fully identified documents it mentioned (new or not). Placing
    then looks only at the references these can change (``place_references``); ``full`` asks for
    the whole pass (texts were removed, or too much was written to keep)."""

    LIMIT = 200_000     # documents kept, at most (about 70 000 texts): beyond, the whole pass

    def __init__(self) -> None:
        self.refs: set[str] = set()
        self.docs: dict[str, dict] = {}
        self.full = False

    def add(self, docs: Iterable) -> None:
        """The DocRows of a batch written."""
        if self.full:
            return
        for d in docs:
            p = d.props
            if p.get("ambiguous"):
                self.refs.add(d.id)
            else:
                self.docs[d.id] = {"id": d.id, "base": p.get("base"), "system": p.get("system"),
                                   "locality": p.get("locality"), "term": p.get("term")}
        if len(self.docs) + len(self.refs) > self.LIMIT:
            self.full, self.refs, self.docs = True, set(), {}


def place_references(store: GraphStore, written: Written | None = None) -> Placement:
    """Place every ambiguous reference (``written`` None), or, after an ingest into a store whose
    references were all placed by earlier passes, only those that what was ``written`` can change:
    the references it mentioned and those a document it mentioned fits. Every other reference is
    as the earlier pass left it (its candidates only change when a document that fits it arrives),
    so both give the same store; the second costs what the run added, not what the store holds.
    ``Placement.ambiguous`` counts the references examined that stay ambiguous."""
    placed_at = _placed(store)
    if written is None or written.full:
        current = _ambiguous_ids(store, placed_at)
    else:
        current = _affected(store, placed_at, written)
    refs = [r for r in map(Reference.parse, current) if r is not None]
    result = Placement()
    if not refs:
        return result
    candidates = _candidates(store, refs)
    moves, back, keep, touched = {}, [], {}, set()
    for ref in refs:
        fits = sorted(candidates.get(ref.id, ()))
        if len(fits) == 1:
            if current[ref.id] is not None:      # a node holds edges to move: new, or mentioned again
                moves[ref.id] = fits[0]
                touched.add(fits[0])
                result.placed += ref.id not in placed_at
        else:
            if current[ref.id] != fits:
                keep[ref.id] = fits
            if ref.id in placed_at:
                back.append(ref)
                touched.add(placed_at[ref.id])
                result.reopened += 1
            result.ambiguous += 1
    _move(store, moves)
    _move_back(store, back, placed_at)
    _mark_ambiguous(store, keep)
    recompute_facts(store, sorted(touched | {r.id for r in back}))
    return result


def _ambiguous_ids(store: GraphStore, placed_at: dict[str, str]) -> dict[str, list[str] | None]:
    """Every ambiguous reference, placed or not, with its stored candidates (None: no node, all placed)."""
    ids: dict[str, list[str] | None] = {
        row[0]: sorted(row[1] or []) for row in
        store.query("MATCH (d:Document) WHERE d.ambiguous = true RETURN d.id, d.candidates").rows}
    for ref in placed_at:
        ids.setdefault(ref, None)
    return dict(sorted(ids.items()))


def _affected(store: GraphStore, placed_at: dict[str, str], written: Written) -> dict[str, list[str] | None]:
    """The references, placed or not, that ``written`` can change, with their stored candidates
    (None: no node, placed): those it mentioned, and those that one of its documents fits. A reference
    fits only documents of its own base or (a symbol without issuer, "25-NQ") of a base it begins."""
    docs = list(written.docs.values())
    bases = {d["base"] or "" for d in docs}
    bases |= {b.split("/", 1)[0] for b in bases if "/" in b}
    bases |= {r.base for r in map(Reference.parse, written.refs) if r is not None}
    # a list joined with UNWIND (a hash join: one scan), not ``IN $list`` (each row tested against the whole list)
    stored = {i: sorted(c or []) for i, c in store.query(
        "UNWIND $bases AS b MATCH (d:Document) WHERE d.base = b AND d.ambiguous = true RETURN d.id, d.candidates",
        {"bases": sorted(bases)}).rows}
    stored.update((i, sorted(c or [])) for i, c in store.query(
        "MATCH (d:Document) WHERE d.ambiguous = true AND d.base IS NULL RETURN d.id, d.candidates").rows)
    missing = sorted(written.refs - set(stored))
    if missing:         # (a reference node whose base differs from its id's: none is known)
        stored.update((i, sorted(c or [])) for i, c in store.query(
            "UNWIND $ids AS i MATCH (d:Document {id: i}) WHERE d.ambiguous = true RETURN d.id, d.candidates",
            {"ids": missing}).rows)
    pool = [r for r in map(Reference.parse, set(stored) | set(placed_at)) if r is not None]
    fits = candidates_among(pool, docs)
    return dict(sorted((r.id, stored.get(r.id)) for r in pool if r.id in written.refs or fits[r.id]))


def _candidates(store: GraphStore, refs: list[Reference]) -> dict[str, list[str]]:
    # the documents a reference can fit: of its base, or (a symbol without issuer) of its number; each
    # list joined with UNWIND (one scan), not ``IN $list`` (every row tested against the whole list)
    cols = "RETURN d.id AS id, d.base AS base, d.system AS system, d.locality AS locality, d.term AS term"
    bases = sorted({r.base for r in refs if "/" in r.base or r.state})
    numbers = sorted({_number(r.base) for r in refs if "/" not in r.base and not r.state})
    docs = {}
    for key, values in (("base", bases), ("number", numbers)):
        if values:
            docs.update((d["id"], d) for d in store.query(
                f"UNWIND $values AS v MATCH (d:Document) WHERE d.{key} = v AND d.ambiguous = false {cols}",
                {"values": values}).records())
    docs = docs.values()
    return candidates_among(refs, docs)


def candidates_among(refs: list[Reference], docs: Iterable[dict]) -> dict[str, list[str]]:
    """The ids among ``docs`` (fully identified documents: ``id``, ``base``, ``system``,
    ``locality``, ``term``) that each reference fits."""
    # only documents whose base can fit are compared: the same base, or (for a reference whose
    # symbol has no issuer part, "25-NQ") every base that extends it ("25-NQ/TW")
    by_base: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        base = d["base"] or ""
        by_base[base].append(d)
        if "/" in base:
            by_base[base.split("/", 1)[0] + "/"].append(d)
    return {r.id: [d["id"] for d in by_base[r.base] + (by_base[r.base + "/"] if "/" not in r.base else [])
                   if r.fits(d)] for r in refs}


def _number(base: str) -> str:
    """"other:215-KH/TWĐTN" -> "215"; "45/GP-TTĐT" -> "45"."""
    return base.rsplit(":", 1)[-1].split("/")[0].split("-")[0]


def _placed(store: GraphStore) -> dict[str, str]:
    """Reference id -> the document it was placed on. Every mention has its APPEARS_IN edge, so the
    document holding the APPEARS_IN edges moved from a reference is where that reference went."""
    return dict(store.query("MATCH (d:Document)-[r:APPEARS_IN]->(:Source) WHERE r.resolved_from IS NOT NULL "
                            "RETURN DISTINCT r.resolved_from, d.id").rows)


def _edges(store: GraphStore, rel: RelTable, where: str, params: dict | None = None) -> list[dict]:
    """Edges of one type with their endpoints' keys (``src_id``, ``dst_id``) and every property,
    those ``where`` says (about ``a`` the source, ``b`` the target, ``r`` the edge)."""
    props = "".join(f", r.{p} AS {p}" for p in rel.props)
    return store.query(f"MATCH (a:{rel.src})-[r:{rel.name}]->(b:{rel.dst}) WHERE {where} "
                       f"RETURN a.{PRIMARY_KEY[rel.src]} AS src_id, b.{PRIMARY_KEY[rel.dst]} AS dst_id{props}",
                       params or {}).records()


# a reference about to be placed: still ambiguous, with its one candidate
_PLACING = "{0}.ambiguous = true AND size({0}.candidates) = 1"


def _touching(store: GraphStore, rel: RelTable, target: dict[str, str]) -> list[dict]:
    """The edges of one type from or to the references being placed (each once). One scan per
    direction, from the marked references: a list of ids to look up would cost a scan per chunk."""
    out = _edges(store, rel, _PLACING.format("a"))
    if rel.dst == "Document":
        out += _edges(store, rel, _PLACING.format("b"))
    seen, unique = set(), []
    for e in out:
        key = (e["src_id"], e["dst_id"], e.get("source"), e.get("span_start"))
        if (e["src_id"] in target or e["dst_id"] in target) and key not in seen:
            seen.add(key)
            unique.append(e)
    return unique


def _move(store: GraphStore, target: dict[str, str]) -> None:
    """Edges of each reference onto its one candidate (in bulk); then the reference nodes go.
    Each type's edges are all read before they are written, so an edge between two references
    lands on both targets."""
    ids = sorted(target)
    if not ids:
        return
    store.update_documents([{"id": i, "candidates": [target[i]]} for i in ids], ("candidates",))
    for rel in MOVABLE:
        rows = []
        for e in _touching(store, rel, target):
            src, dst = target.get(e["src_id"], e["src_id"]), e["dst_id"]
            if rel.dst == "Document":
                dst = target.get(dst, dst)
            if src == dst:
                continue            # a reference to the document itself, once placed
            moved_from = e["src_id"] if e["src_id"] in target else e["dst_id"]
            rows.append({**e, "src_id": src, "dst_id": dst, "resolved_from": moved_from})
        store.create_edges(rel.name, rows)
    for i in range(0, len(ids), CHUNK):
        store.query("UNWIND $ids AS i MATCH (a:Document {id: i}) DETACH DELETE a", {"ids": ids[i:i + CHUNK]},
                    write=True)


def _move_back(store: GraphStore, refs: list[Reference], placed_at: dict[str, str]) -> None:
    """Undo placements: re-create each reference node and move its edges back onto it."""
    if not refs:
        return
    rows = [{"amb": r.id, "key": r.base.split(":", 1)[-1], "base": r.base, "term": r.term} for r in refs]
    ids = [r.id for r in refs]
    for i in range(0, len(rows), CHUNK):
        store.query("UNWIND $rows AS p MERGE (a:Document {id: p.amb}) SET a.key = p.key, a.base = p.base, "
                    "a.term = p.term, a.ambiguous = true, a.in_force = true", {"rows": rows[i:i + CHUNK]}, write=True)
    for rel in MOVABLE:
        back = []
        for e in _edges(store, rel, "r.resolved_from IN $ids", {"ids": ids}):
            ref = e["resolved_from"]
            src = ref if e["src_id"] == placed_at[ref] else e["src_id"]
            dst = ref if src != ref and e["dst_id"] == placed_at[ref] else e["dst_id"]
            back.append({**e, "src_id": src, "dst_id": dst, "resolved_from": None})
        store.query(f"MATCH ()-[r:{rel.name}]->() WHERE r.resolved_from IN $ids DELETE r", {"ids": ids}, write=True)
        store.create_edges(rel.name, back)


def _mark_ambiguous(store: GraphStore, keep: dict[str, list[str]]) -> None:
    rows = [{"id": ref, "candidates": cands} for ref, cands in keep.items()]
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i:i + CHUNK]
        store.query("UNWIND $ids AS i MATCH (a:Document {id: i})-[m:MAY_BE]->() DELETE m",
                    {"ids": [r["id"] for r in chunk]}, write=True)
    store.update_documents(rows, ("candidates",))
    store.create_edges("MAY_BE", [{"src_id": r["id"], "dst_id": c} for r in rows for c in r["candidates"]])


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
        store.update_documents(updates)

