"""Queries whose cost follows the answer, not the store (issue 20, point 3).

lineage, show, coverage and find_documents give the answers of straightforward reference queries (the
statements of before: one pattern over a list of ids per tree level, the covering documents filtered
in the statement, a key's documents read in one statement), on the example store and on the corpus
store; and every statement they send is anchored on a document's key in Ladybug's plan (a primary-key
scan, then that document's own relationships: no scan of a whole table, no hash join with one) on a
store large enough for the planner to choose as it does on real stores.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from vankien.graph.model.schema import DOCUMENT_RELATIONS, LINEAGE_TYPES, NODES, REL_BY_NAME
from vankien.graph.queries import coverage as coverage_module
from vankien.graph.queries import lineage as lineage_module
from vankien.graph.queries.coverage import coverage
from vankien.graph.queries.lineage import lineage, show
from vankien.graph.queries.lookup import COLUMNS, find_documents

_NODE = ", ".join(f"n.{c} AS {c}" for c in COLUMNS)
_ORDER = {t: i for i, t in enumerate(DOCUMENT_RELATIONS)}


# --- the reference: the statements of before ----------------------------------------------------------
def ref_neighbours(store, ids, direction, types=LINEAGE_TYPES):
    """One statement for all IDS over the whole relationship tables; of the texts stating a relation the
    first by sha256 and position (one with an evidence sentence first) gives its evidence."""
    t = "|".join(types)
    pattern = (f"(n:Document)-[r:{t}]->(x:Document)" if direction == "down"
               else f"(x:Document)-[r:{t}]->(n:Document)")
    rows = store.query(f"MATCH {pattern} WHERE x.id IN $ids RETURN x.id AS parent, "
                       f"{store.rel_type_function}(r) AS relation, r AS rel, {_NODE}", {"ids": list(ids)}).records()
    grouped: dict[tuple, dict] = {}
    for row in rows:
        rel = row.pop("rel")
        k = (row["parent"], row["relation"], row["id"])
        grouped.setdefault(k, {**row, "texts": 0, "_edges": []})
        grouped[k]["texts"] += 1
        grouped[k]["_edges"].append(rel)
    for g in grouped.values():
        first = min(g.pop("_edges"), key=lambda e: (e.get("evidence") is None, e.get("source") or "",
                                                   e.get("span_start") if e.get("span_start") is not None else -1))
        g["evidence"], g["confidence"] = first.get("evidence"), first.get("confidence")
    return sorted(grouped.values(), key=lambda r: (r["parent"], str(r["date"]), r["id"], _ORDER[r["relation"]]))


def _with_ref_neighbours(fn, *args):
    """``fn`` (lineage, show) answering from the reference statement of each level instead of the
    new per-document ones: the walk and the rest are the module's own."""
    saved = lineage_module.neighbours
    lineage_module.neighbours = ref_neighbours
    try:
        return fn(*args)
    finally:
        lineage_module.neighbours = saved


def ref_lineage(store, doc_id, direction="down", depth=5):
    return _with_ref_neighbours(lineage, store, doc_id, direction, depth)


def ref_show(store, doc_id):
    """show with its related documents from the reference statement."""
    return _with_ref_neighbours(show, store, doc_id)


def ref_coverage(store, doc_id):
    """coverage with the covering documents filtered and made distinct in the statement."""
    class Before:
        rel_type_function = store.rel_type_function

        def query(self, cypher, params=None, **kw):
            if cypher.startswith("MATCH (c:Document)-[r:IMPLEMENTS|REVIEWS]->"):
                cypher = ("MATCH (c:Document)-[r:IMPLEMENTS|REVIEWS]->(d:Document) WHERE d.id = $id AND "
                          "c.province IS NOT NULL RETURN DISTINCT c.id AS id, c.key AS key, c.province AS province, "
                          "c.date AS date")
            return store.query(cypher, params, **kw)

    return coverage_module.coverage(Before(), doc_id)


def ref_find(store, key):
    from vankien.graph.queries.lookup import parse_key

    cols = ", ".join(f"d.{c} AS {c}" for c in COLUMNS)
    exact = store.query(f"MATCH (d:Document) WHERE d.id = $id RETURN {cols}", {"id": key.strip()}).records()
    if exact:
        return exact
    where, params = parse_key(key).cypher()
    rows = store.query(f"MATCH (d:Document) WHERE {where} RETURN {cols}", params).records()
    rows.sort(key=lambda r: (bool(r["ambiguous"]), r["date"] is None, str(r["date"]), r["id"]))
    return [r for r in rows if not r["ambiguous"]] or rows


def _same_answers(store, ids) -> int:
    compared = 0
    for doc in ids:
        for direction in ("down", "up"):
            assert lineage(store, doc, direction) == ref_lineage(store, doc, direction), (doc, direction)
        assert show(store, doc) == ref_show(store, doc), doc
        assert coverage(store, doc) == ref_coverage(store, doc), doc
        compared += 1
    keys = {r[0] for r in store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.key", {"ids": list(ids)}).rows}
    for key in sorted(k for k in keys if k):
        try:
            want = ref_find(store, key)
        except LookupError:
            continue
        assert find_documents(store, key) == want, key
    return compared


def test_same_answers_as_the_reference_on_the_example_store(examples_graph):
    ids = [r[0] for r in examples_graph.query("MATCH (d:Document) RETURN d.id ORDER BY d.id").rows]
    assert _same_answers(examples_graph, ids) == len(ids) > 20
    for key in ("29-NQ/TW", "NQ 29", "nghị quyết 29/TW", "15/2020/NĐ-CP", "25 - NQ/TW", "nghi quyet 25"):
        assert find_documents(examples_graph, key) == ref_find(examples_graph, key), key


def test_same_answers_as_the_reference_on_the_corpus_store(corpus_graph):
    t = "|".join(DOCUMENT_RELATIONS)
    related = sorted({i for row in corpus_graph.query(f"MATCH (a:Document)-[:{t}]->(b:Document) RETURN a.id, b.id").rows
                      for i in row})
    rng = random.Random(20)
    ids = rng.sample(related, min(120, len(related)))
    # the documents with the largest trees below them, where order and repeated branches matter most
    ids += [r[0] for r in corpus_graph.query(
        f"MATCH (n:Document)-[:{'|'.join(LINEAGE_TYPES)}]->(x:Document) RETURN x.id, count(*) AS c "
        "ORDER BY c DESC, x.id LIMIT 10").rows]
    assert _same_answers(corpus_graph, list(dict.fromkeys(ids))) > 50


# --- the plans: anchored on a key, on a store of the size where it matters ---------------------------
class Recording:
    def __init__(self, store):
        self.store, self.rel_type_function, self.statements = store, store.rel_type_function, {}

    def query(self, cypher, params=None, **kw):
        self.statements.setdefault(cypher, params or {})
        return self.store.query(cypher, params, **kw)


def _write(store, table: str, rows: list[dict], folder: Path) -> None:
    import pyarrow.parquet as pq

    from vankien.graph.stores.arrow import arrow_table

    props = NODES[table] if table in NODES else REL_BY_NAME[table].columns
    path = folder / f"{table}.parquet"
    pq.write_table(arrow_table(rows, props), path)
    store.copy_file(table, path)


@pytest.fixture(scope="module")
def wide_store(tmp_path_factory):
    store, docs = build_wide_store(tmp_path_factory.mktemp("wide"))
    yield store, docs
    store.close()


def build_wide_store(folder: Path):
    """60 000 documents, 5 000 texts and 96 000 relations (a tree of 121 documents with a cycle among them):
    large enough that Ladybug's planner chooses between anchored plans and scans as it does on real stores."""
    from vankien.graph.stores.ladybug_store import LadybugStore

    store = LadybugStore(folder / "store")
    rng = random.Random(7)
    n = 60_000
    provinces = ["Lạng Sơn", "Cao Bằng", "Hà Tĩnh", None]
    docs = [{"id": f"{i}-KH/TU@p{i % 50}:2020-2025", "key": f"{i}-KH/TU", "number": str(i % 3000), "type": "KH",
             "issuer_code": "TU", "system": "party", "kind": "Kế hoạch", "province": provinces[i % 4],
             "date": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}", "ambiguous": i % 17 == 0, "sources": 1 + i % 3,
             "facts": "{}", "in_force": True} for i in range(n)]
    _write(store, "Document", docs, folder)
    shas = [f"{i:064x}" for i in range(5000)]
    _write(store, "Source", [{"sha256": s, "source": f"t/{s[-6:]}.txt", "subject": docs[i]["id"]}
                             for i, s in enumerate(shas)], folder)
    _write(store, "Organization", [{"id": f"org:{i}", "name": f"Ban {i}", "key": f"B{i}"} for i in range(2000)], folder)

    def edge(a, b, i):
        return {"src_id": docs[a]["id"], "dst_id": docs[b]["id"], "source": shas[i % 5000], "span_start": i,
                "span_end": i + 9, "evidence": f"câu {i}", "confidence": 0.8}

    per = 16_000
    for t in LINEAGE_TYPES:
        _write(store, t, [edge(rng.randrange(1000, n), rng.randrange(1000, n), i) for i in range(per)], folder)
    # a tree: 40 documents implement document 0, each implemented by 2 more, and a cycle back to 0
    tree = [edge(1 + k, 0, k) for k in range(40)] + [edge(100 + 2 * k + j, 1 + k, k) for k in range(40) for j in (0, 1)]
    _write(store, "REVIEWS", tree + [edge(0, 100, 1)], folder)
    _write(store, "MAY_BE", [{"src_id": docs[i]["id"], "dst_id": docs[i + 1]["id"]} for i in range(0, n - 1, 17)],
           folder)
    _write(store, "APPEARS_IN", [{"src_id": docs[i % n]["id"], "dst_id": shas[i % 5000], "subject": i < 5000,
                                  "mentions": 1} for i in range(30_000)], folder)
    _write(store, "ISSUED_BY", [edge(i, 0, i) | {"dst_id": f"org:{i % 2000}"} for i in range(0, n, 3)], folder)
    _write(store, "ASSIGNS_TO", [edge(i, 0, i) | {"dst_id": f"org:{i % 2000}", "role": "chủ trì"}
                                 for i in range(0, n, 5)], folder)
    store.checkpoint()
    return store, docs


def _plan_scans(store, cypher: str, params: dict) -> list[str]:
    """The scans of a whole node table in Ladybug's plan for CYPHER: every SCAN_NODE_TABLE that no
    SEMI_MASKER restricts to the nodes reached from the anchored side (a masked scan reads only those)."""
    text = store.query("EXPLAIN " + cypher, params).rows[0][0]
    assert re.search(r"\[\d+\]\s*│", text), text
    scans = set(re.findall(r"(?<![A-Z_])SCAN_NODE_TABLE\[(\d+)\]\s*│", text))
    masked = set(re.findall(r"Operators:\s*SCAN_NODE_TABLE\[(\d+)\]", text))
    return [f"SCAN_NODE_TABLE[{i}]" for i in sorted(scans - masked)]


def test_every_statement_of_lineage_show_and_coverage_is_anchored_on_a_key(wide_store):
    store, docs = wide_store
    recording = Recording(store)
    root = docs[0]["id"]
    tree = lineage(recording, root, "down", 5)
    assert len(tree["children"]) == 40 and sum(len(c["children"]) for c in tree["children"]) == 80
    assert tree == ref_lineage(store, root, "down", 5)
    for doc in (root, docs[1]["id"], docs[17]["id"]):
        lineage(recording, doc, "up"), show(recording, doc), coverage(recording, doc)
        find_documents(recording, doc)
        assert show(store, doc) == ref_show(store, doc) and coverage(store, doc) == ref_coverage(store, doc)
    unanchored = {c: ops for c, p in recording.statements.items() if (ops := _plan_scans(store, c, p))}
    assert unanchored == {}, "\n".join(f"{ops}: {c[:60]}…{c[-40:]}" for c, ops in unanchored.items())
    # the reference's statement over a list of ids is what scanned (a hash join with the whole tables)
    assert _plan_scans(store, "UNWIND $ids AS i MATCH (n:Document)-[r:IMPLEMENTS]->(x:Document {id: i}) RETURN n.id",
                       {"ids": [root]})


def test_lineage_sends_one_statement_per_document_it_expands(wide_store):
    store, docs = wide_store
    recording = Recording(store)
    sent = []
    recording.query = lambda cypher, params=None, **kw: sent.append(cypher) or store.query(cypher, params, **kw)
    tree = lineage(recording, docs[0]["id"], "down", 2)
    # the root's node, then one statement per document of levels 0 and 1 (1 + 40)
    assert len(sent) == 1 + 1 + 40
    assert sum(1 + len(c["children"]) for c in tree["children"]) == 120


def test_a_symbol_reads_its_documents_by_their_keys(wide_store):
    store, docs = wide_store
    recording = Recording(store)
    rows = find_documents(recording, "5-KH/TU")
    assert rows == ref_find(store, "5-KH/TU") and rows
    # one filtered scan reading the id column only, then primary-key lookups
    scan, lookup = [c for c in recording.statements if "{id: $id}" not in c]
    assert scan.endswith("RETURN d.id") and _plan_scans(store, lookup, recording.statements[lookup]) == []


def test_a_wide_frontier_is_asked_in_one_statement_with_the_same_answers(wide_store, monkeypatch):
    store, docs = wide_store
    root = docs[0]["id"]
    want = {d: lineage(store, root, d) for d in ("down", "up")}
    shown = show(store, docs[1]["id"])
    monkeypatch.setattr(lineage_module, "WIDE", 2)
    recording = Recording(store)
    assert {d: lineage(recording, root, d) for d in ("down", "up")} == want
    assert any(c.startswith("UNWIND $ids") for c in recording.statements)

    class Indexed(Recording):           # a store that looks each id of a list up in an index (Neo4j)
        key_lists_anchored = True

    monkeypatch.setattr(lineage_module, "WIDE", 256)
    indexed = Indexed(store)
    assert lineage(indexed, root) == want["down"] and show(indexed, docs[1]["id"]) == shown
    assert any(c.startswith("UNWIND $ids") for c in indexed.statements)


def test_the_list_width_follows_the_store_and_the_answers_do_not(wide_store, monkeypatch):
    """A level is asked in one list statement from a width that grows with the store's Document count
    (a list statement costs in proportion to the store, a key lookup does not); below it, one lookup per
    document. Either way the trees and documents are the same."""
    store, docs = wide_store
    n = store.query("MATCH (d:Document) RETURN count(*)").scalar()
    width = lineage_module.wide(store)
    assert width == n // lineage_module.DOCS_PER_ID > lineage_module.WIDE      # 60 000 documents: 500
    assert lineage_module.wide(Recording(store)) == lineage_module.WIDE          # a store that does not say
    roots = [docs[0]["id"], docs[1]["id"], docs[17]["id"]]

    def answers():
        sent = []
        saved = store.query
        monkeypatch.setattr(store, "query", lambda c, p=None, **kw: sent.append(c) or saved(c, p, **kw))
        got = [(lineage(store, r, d, 5), show(store, r)) for r in roots for d in ("down", "up")]
        monkeypatch.setattr(store, "query", saved)
        return got, sum(c.startswith("UNWIND $ids") for c in sent)

    monkeypatch.setattr(lineage_module, "DOCS_PER_ID", 10 ** 9)
    monkeypatch.setattr(lineage_module, "WIDE", 1)           # every level in one list statement
    as_lists, lists = answers()
    monkeypatch.setattr(lineage_module, "WIDE", 256)
    monkeypatch.setattr(lineage_module, "DOCS_PER_ID", 1)    # width = the store: every document looked up
    by_key, none = answers()
    assert as_lists == by_key and lists > 0 and none == 0
    assert as_lists[0][0] == ref_lineage(store, roots[0], "down", 5)
