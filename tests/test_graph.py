"""The corpus graph: identities across texts, facts, ambiguity, the embedded store, queries.

Uses the invented texts of examples/ and small invented texts written here; every test runs on a
real Ladybug store in a temporary folder.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vankien.graph.model import facts as F
from vankien.graph.model.identity import document_identity, organization_id
from vankien.graph.ingest import counts, ingest
from vankien.graph.queries.lineage import lineage, show
from vankien.graph.queries.lookup import find_documents, parse_key
from vankien.graph.queries.network import to_networkx
from vankien.graph.stores import StoreError, open_store
from vankien.loaders.source import SourceText


def _texts(folder: Path, texts: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def _examples(examples_dir: Path) -> list[str]:
    return sorted(str(p) for p in examples_dir.iterdir() if p.name != "README.md")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory, examples_dir):
    s = open_store(tmp_path_factory.mktemp("examples") / "store")
    report = ingest(_examples(examples_dir), s, workers=1)
    yield s, report
    s.close()


# --- identity ---------------------------------------------------------------------------------
def _doc(**kw):
    base = {"key": None, "system": "party", "number": None, "type": None, "issuer_code": None, "level": None,
            "date": None, "term": None, "scope": None, "descriptor": None, "mentions": []}
    return {**base, **kw}


def test_same_symbol_in_two_terms_is_two_documents():
    a = document_identity(_doc(key="18-NQ/TW", number="18", level="central", date="2017-10-25"), "s" * 64, 0)
    b = document_identity(_doc(key="18-NQ/TW", number="18", level="central", date="2022-06-16"), "s" * 64, 0)
    assert (a.id, b.id) == ("18-NQ/TW:XII", "18-NQ/TW:XIII") and not a.ambiguous and not b.ambiguous


def test_provincial_symbol_needs_its_province():
    a = document_identity(_doc(key="94-KH/TU", number="94", level="provincial", date="2023-03-01",
                               scope="Lạng Sơn"), "s" * 64, 0)
    b = document_identity(_doc(key="94-KH/TU", number="94", level="provincial", date="2023-03-01",
                               scope="Cao Bằng"), "s" * 64, 0)
    c = document_identity(_doc(key="94-KH/TU", number="94", level="provincial"), "s" * 64, 0)
    assert a.id == "94-KH/TU@lang-son:2020-2025" and b.id == "94-KH/TU@cao-bang:2020-2025"
    assert c.id == "94-KH/TU@?:?" and c.ambiguous


def test_undated_central_reference_is_ambiguous_and_state_symbol_with_year_is_not():
    assert document_identity(_doc(key="25-NQ/TW", number="25", level="central"), "s" * 64, 0).ambiguous
    st = document_identity(_doc(key="15/2020/NĐ-CP", number="15", system="state"), "s" * 64, 0)
    assert st.id == "state:15/2020/NĐ-CP" and not st.ambiguous


def test_local_body_of_unknown_place_stays_with_its_text():
    known, province = organization_id("ban thường vụ tỉnh ủy", "provincial", "Lạng Sơn", "a" * 64)
    assert known == "org:ban-thuong-vu-tinh-uy@lang-son" and province == "Lạng Sơn"
    one, _ = organization_id("ban thường vụ tỉnh ủy", "provincial", None, "a" * 64)
    two, _ = organization_id("ban thường vụ tỉnh ủy", "provincial", None, "b" * 64)
    assert one != two
    assert organization_id("ban bí thư", "central", "Lạng Sơn", "a" * 64)[0] == "org:ban-bi-thu"


# --- facts ------------------------------------------------------------------------------------
def test_facts_rule_own_text_then_majority_then_smallest():
    f: F.Facts = {}
    F.add_fact(f, "date", "2019-01-17", own=False)
    F.add_fact(f, "date", "2019-01-17", own=False)
    F.add_fact(f, "date", "2019-01-07", own=True)
    assert F.chosen(f)["date"] == "2019-01-07" and F.conflicts(f) == ["date"]
    g: F.Facts = {}
    for v in ("B", "A", "B"):
        F.add_fact(g, "issuing_body", v, own=False)
    assert F.choose(g["issuing_body"]) == "B"
    tie = {"Y": [0, 1], "X": [0, 1]}
    assert F.choose(tie) == "X"
    # a partial date is kept among the facts but never shown as the date
    h: F.Facts = {}
    F.add_fact(h, "date", "partial:--05-19", own=True)
    assert F.chosen(h)["date"] is None and "partial:--05-19" in h["date"]


# --- ingest and store -------------------------------------------------------------------------
def test_ingest_examples_builds_lineage_and_places_references(examples_store):
    s, report = examples_store
    assert report.ingested == report.texts_read > 5 and not report.skipped
    tree = lineage(s, "29-NQ/TW:XIII", "down", 3)
    children = {c["id"]: c for c in tree["children"]}
    assert "112-KH/TU@lang-son:2020-2025" in children
    assert children["112-KH/TU@lang-son:2020-2025"]["relation"] == "IMPLEMENTS"
    assert children["112-KH/TU@lang-son:2020-2025"]["evidence"]
    # a reference to 15-QĐ/TU with no date (so no term) had one candidate: its edges moved there, and the
    # reference is not kept as a node of its own
    assert not s.query("MATCH (d:Document) WHERE d.id IN ['15-QĐ/TU@?:?', '15-QĐ/TU@lang-son:?'] "
                       "RETURN d.id").rows
    moved = s.query("MATCH (d:Document {id: '15-QĐ/TU@lang-son:2020-2025'})-[r:APPEARS_IN]->() "
                    "WHERE r.resolved_from STARTS WITH '15-QĐ/TU@' RETURN count(*)").scalar()
    assert moved == 1
    up = lineage(s, "112-KH/TU@lang-son:2020-2025", "up", 2)
    assert "29-NQ/TW:XIII" in {c["id"] for c in up["children"]}


def test_reingest_changes_nothing(examples_store, examples_dir):
    s, _ = examples_store
    before = counts(s)
    again = ingest(_examples(examples_dir), s, workers=1)
    assert again.ingested == 0 and len(again.skipped) == again.texts_read
    assert all(x["reason"].startswith("already ingested") for x in again.skipped)
    assert counts(s) == before


def _graph_signature(s):
    docs = sorted(tuple(map(str, r)) for r in s.query(
        "MATCH (d:Document) RETURN d.id, d.date, d.issuing_body, d.ambiguous, d.sources").rows)
    edges = sorted(tuple(r) for r in s.query(
        "MATCH (a:Document)-[r:IMPLEMENTS|REVIEWS|FOLLOWS_UP_ON|GUIDES|AMENDS|SUPERSEDES|BASED_ON|RELATES_TO]->"
        "(b:Document) RETURN a.id, b.id, r.source, r.span_start").rows)
    return docs, edges


def test_result_does_not_depend_on_ingestion_order(examples_store, examples_dir, tmp_path):
    s, _ = examples_store
    other = open_store(tmp_path / "reverse")
    try:
        for path in reversed(_examples(examples_dir)):
            ingest([path], other, workers=1)
        assert _graph_signature(other) == _graph_signature(s)
    finally:
        other.close()


def test_store_reopened_during_a_long_ingest_loses_nothing(examples_store, examples_dir, tmp_path, monkeypatch):
    import vankien.graph.stores.memory as lb
    from vankien.graph.stores.ladybug_store import LadybugStore

    s, _ = examples_store
    reopened = []
    release = LadybugStore.release_memory
    monkeypatch.setattr(lb, "MEMORY_BUDGET_MB", 0)       # over budget after every few texts
    monkeypatch.setattr(lb, "MIN_CHECKPOINT_TEXTS", 3)
    monkeypatch.setattr("vankien.graph.ingest.PART", 1)         # one text per part: batches of batch_size texts
    monkeypatch.setattr(LadybugStore, "release_memory", lambda self: (reopened.append(1), release(self)))
    other = open_store(tmp_path / "reopened")
    try:
        ingest(_examples(examples_dir), other, workers=1, batch_size=2, bulk=False)   # batch by batch
        assert len(reopened) >= 3
        assert (_graph_signature(other), counts(other)) == (_graph_signature(s), counts(s))
    finally:
        other.close()


def test_interrupted_batch_is_rolled_back_and_rerun_completes(examples_dir, tmp_path, monkeypatch):
    clean = open_store(tmp_path / "clean")
    ingest(_examples(examples_dir), clean, workers=1)
    expected = _graph_signature(clean), counts(clean)
    clean.close()

    s = open_store(tmp_path / "broken")
    real_copy = type(s)._copy
    calls = {"n": 0}

    def failing_copy(self, table, rows):
        calls["n"] += 1
        if calls["n"] == 6:           # halfway through the first transaction
            raise KeyboardInterrupt
        return real_copy(self, table, rows)

    monkeypatch.setattr(type(s), "_copy", failing_copy)
    with pytest.raises(KeyboardInterrupt):
        ingest(_examples(examples_dir), s, workers=1, batch_size=4, bulk=False)
    monkeypatch.setattr(type(s), "_copy", real_copy)
    partial = s.query("MATCH (x:Source) RETURN count(*)").scalar()
    assert partial == 0               # the failed batch left nothing behind
    ingest(_examples(examples_dir), s, workers=1, batch_size=4, bulk=False)
    assert (_graph_signature(s), counts(s)) == expected
    s.close()


def test_interrupted_bulk_load_is_undone_and_rerun_completes(examples_dir, tmp_path, monkeypatch):
    from vankien.graph.stores.bulk_load import MARKER, STAGING

    clean = open_store(tmp_path / "clean")
    ingest(_examples(examples_dir), clean, workers=1)
    expected = _full_signature(clean)
    clean.close()

    s = open_store(tmp_path / "broken")
    real_copy = type(s).copy_file

    def failing_copy(self, table, path):
        if table == "APPEARS_IN":       # nodes and some edges are in, the rest is not
            raise KeyboardInterrupt
        return real_copy(self, table, path)

    monkeypatch.setattr(type(s), "copy_file", failing_copy)
    with pytest.raises(KeyboardInterrupt):
        ingest(_examples(examples_dir), s, workers=1)
    monkeypatch.setattr(type(s), "copy_file", real_copy)
    assert s.query("MATCH (x:Source) RETURN count(*)").scalar() > 0      # half loaded,
    assert (tmp_path / "broken" / MARKER).exists()                        # and marked so
    report = ingest(_examples(examples_dir), s, workers=1)
    assert report.store_emptied and "interrupted" in report.summary()
    assert report.ingested == report.texts_read - len(report.skipped) and not report.skipped
    assert _full_signature(s) == expected
    assert not (tmp_path / "broken" / MARKER).exists() and not (tmp_path / "broken" / STAGING).exists()
    s.close()


def _full_signature(s):
    """Every node and edge of a store with every property (but the time a text was ingested)."""
    from vankien.graph.queries.snapshot import snapshot

    return snapshot(s)


def test_bulk_load_copied_early_when_memory_runs_short(examples_dir, tmp_path, monkeypatch):
    """Past its share of the memory budget a bulk load copies what it staged and writes the rest of
    the run batch by batch: the graph is the same."""
    import vankien.graph.stores.memory as lb

    clean = open_store(tmp_path / "clean")
    first = ingest(_examples(examples_dir), clean, workers=1, bulk=False)
    expected = _full_signature(clean)
    clean.close()
    monkeypatch.setattr(lb, "MEMORY_BUDGET_MB", 0)
    monkeypatch.setattr(lb, "MIN_CHECKPOINT_TEXTS", 3)
    copies = []
    import vankien.graph.stores.bulk_load as bl
    real = bl.BulkLoad._copy_all
    monkeypatch.setattr(bl.BulkLoad, "_copy_all", lambda self: (copies.append(1), real(self))[1])
    s = open_store(tmp_path / "early")
    try:
        report = ingest(_examples(examples_dir), s, workers=1, batch_size=3)
        assert len(copies) == 1 and report.ingested > 3       # copied after the first batch, then batch by batch
        assert _full_signature(s) == expected
        assert (report.placed, report.reopened, report.ambiguous) == (first.placed, first.reopened, first.ambiguous)
    finally:
        s.close()


@pytest.mark.parametrize("corpus,pool", [("examples", False), ("shared", False), ("shared", True)])
def test_bulk_load_gives_the_graph_of_writing_batch_by_batch(corpus, pool, examples_dir, tmp_path, request,
                                                             monkeypatch):
    """Loading an empty store in bulk (placing references among the staged documents) and writing
    it batch by batch (placing them afterwards in the store) give the same graph, property for property."""
    if corpus == "examples":
        paths = _examples(examples_dir)
    else:
        shared = request.getfixturevalue("corpus_dir")
        paths = [str(shared / d) for d in ("seeds", "dev") if (shared / d).exists()]
    if pool:        # few partitions, merged by worker processes as on a large run (batches of 7 texts:
        import vankien.graph.stores.bulk_load as bl  # the rows of one document are staged in many places)

        monkeypatch.setattr(bl, "PARTITIONS", 3)
        monkeypatch.setattr(bl, "POOL_DOCS", 0)
    stores = []
    for bulk in (True, False):
        st = open_store(tmp_path / f"bulk-{bulk}")
        report = ingest(paths, st, workers=1, batch_size=7, bulk=bulk)
        stores.append((st, report))
    (a, ra), (b, rb) = stores
    try:
        assert ra.placed == rb.placed and ra.placed > 0
        assert (ra.documents, ra.edges, ra.ambiguous) == (rb.documents, rb.edges, rb.ambiguous)
        assert _full_signature(a) == _full_signature(b)
        assert "load_and_place" in ra.timings and "place_references" in rb.timings
    finally:
        a.close()
        b.close()


# invented texts: one reference to a resolution without date, then two dated documents that share its symbol
UNDATED = ("ĐẢNG BỘ TỈNH LẠNG SƠN\nBÁO CÁO\nTình hình học tập Nghị quyết số 18-NQ/TW "
           "trong các chi bộ của tỉnh đã được triển khai rộng khắp.\n")
FIRST = ("Ban Thường vụ Tỉnh ủy Lạng Sơn tiếp tục quán triệt Nghị quyết số 18-NQ/TW, "
         "ngày 25/10/2017 của Ban Chấp hành Trung ương về sắp xếp tổ chức bộ máy.\n")
SECOND = ("Ban Thường vụ Tỉnh ủy Lạng Sơn tổ chức học tập Nghị quyết số 18-NQ/TW, "
          "ngày 16/6/2022 của Ban Chấp hành Trung ương về đất đai.\n")


def test_ambiguous_reference_placed_then_reopened(store, tmp_path):
    ingest(_texts(tmp_path / "a", {"undated.txt": UNDATED, "first.txt": FIRST}), store, workers=1)
    assert not store.query("MATCH (d:Document {id: '18-NQ/TW:?'}) RETURN d").rows
    placed = store.query("MATCH (d:Document {id: '18-NQ/TW:XII'})-[r:APPEARS_IN]->() "
                         "WHERE r.resolved_from = '18-NQ/TW:?' RETURN count(*)").scalar()
    assert placed == 1
    report = ingest(_texts(tmp_path / "b", {"second.txt": SECOND}), store, workers=1)
    assert report.reopened == 1
    amb = store.query("MATCH (d:Document {id: '18-NQ/TW:?'}) RETURN d.ambiguous, d.candidates").rows
    assert amb == [[True, ["18-NQ/TW:XII", "18-NQ/TW:XIII"]]]
    may_be = store.query("MATCH (:Document {id: '18-NQ/TW:?'})-[:MAY_BE]->(c) RETURN c.id ORDER BY c.id").rows
    assert may_be == [["18-NQ/TW:XII"], ["18-NQ/TW:XIII"]]
    # the reference's own appearance is back on the ambiguous node, not on either candidate
    assert store.query("MATCH (d:Document)-[r:APPEARS_IN]->() WHERE r.resolved_from = '18-NQ/TW:?' "
                       "RETURN count(*)").scalar() == 0
    assert store.query("MATCH (:Document {id: '18-NQ/TW:?'})-[:APPEARS_IN]->(s:Source) RETURN count(*)").scalar() == 1
    rows = find_documents(store, "18-NQ/TW")
    assert [r["id"] for r in rows] == ["18-NQ/TW:XII", "18-NQ/TW:XIII"]


def test_reference_mentioned_again_after_placement_is_placed_too(store, tmp_path):
    ingest(_texts(tmp_path / "a", {"undated.txt": UNDATED, "first.txt": FIRST}), store, workers=1)
    again = UNDATED.replace("các chi bộ", "các đảng bộ cơ sở")
    assert again != UNDATED
    report = ingest(_texts(tmp_path / "b", {"again.txt": again}), store, workers=1)
    assert report.placed == 0 and report.reopened == 0      # the same reference, placed before
    assert not store.query("MATCH (d:Document {id: '18-NQ/TW:?'}) RETURN d").rows
    moved = store.query("MATCH (:Document {id: '18-NQ/TW:XII'})-[r:APPEARS_IN]->() "
                        "WHERE r.resolved_from = '18-NQ/TW:?' RETURN count(*)").scalar()
    assert moved == 2
    assert show(store, "18-NQ/TW:XII")["document"]["sources"] == 3


def test_conflicting_dates_kept_with_support(store, tmp_path):
    texts = {f"t{i}.txt": f"Các chi bộ tiếp tục thực hiện Kết luận số 43-KL/TW, ngày {d} của Ban Bí thư "
                          f"về công tác dân vận trong tình hình mới (bản tin số {i}).\n"
             for i, d in enumerate(["7/1/2019", "17/1/2019", "7/1/2019"])}
    ingest(_texts(tmp_path / "c", texts), store, workers=1)
    info = show(store, "43-KL/TW:XII")
    assert str(info["document"]["date"]) == "2019-01-07"
    assert info["document"]["facts"]["date"] == {"2019-01-07": [0, 2], "2019-01-17": [0, 1]}
    assert info["document"]["conflicts"] == ["date"]
    assert len(info["sources"]) == 3


def test_superseded_document_is_not_in_force(examples_store):
    s, _ = examples_store
    rows = s.query("MATCH (n:Document)-[:SUPERSEDES]->(o:Document) RETURN o.id, o.in_force, o.superseded_by, "
                   "o.superseded_on, n.id, n.date").rows
    assert rows
    for old, in_force, by, on, new, new_date in rows:
        assert in_force is False and by is not None
    assert any(by == new and on == new_date for _, _, by, on, new, new_date in rows)


def test_read_only_store_refuses_writes(examples_store, tmp_path):
    s, _ = examples_store
    with pytest.raises(StoreError, match="no vankien store"):
        open_store(tmp_path / "nothing-here", read_only=True)


def test_key_forms(examples_store):
    s, _ = examples_store
    for key in ("25-NQ/TW", "NQ 25", "nghị quyết 25/TW", "Nghị quyết số 25", "nghi quyet 25", "25 - nq/tw",
                "25-NQ/TW:XI"):
        assert [r["id"] for r in find_documents(s, key)] == ["25-NQ/TW:XI"], key
    q = parse_key("Quy định 11")
    assert set(q.types) >= {"QĐ"} and q.number == "11"


def test_networkx_view_matches_store(examples_store):
    s, _ = examples_store
    g = to_networkx(s)
    docs, orgs, edges = counts(s)
    assert g.number_of_nodes() == docs + orgs
    assert g.number_of_edges() == edges
    # one edge per text stating the relation
    data = g.get_edge_data("112-KH/TU@lang-son:2020-2025", "29-NQ/TW:XIII")
    stating = s.query("MATCH (:Document {id: '112-KH/TU@lang-son:2020-2025'})-[r:IMPLEMENTS]->"
                      "(:Document {id: '29-NQ/TW:XIII'}) RETURN count(DISTINCT r.source)").scalar()
    assert [d["type"] for d in data.values()] == ["IMPLEMENTS"] * stating and stating >= 1


# --- CLI --------------------------------------------------------------------------------------
def test_cli_ingest_query_lineage_show_coverage(tmp_path, examples_dir):
    from click.testing import CliRunner

    from vankien.cli import main

    runner = CliRunner()
    store_dir = str(tmp_path / "cli-store")
    report_file = tmp_path / "report.json"
    res = runner.invoke(main, ["ingest", *_examples(examples_dir), "--store", store_dir, "--report",
                               str(report_file), "--workers", "1"])
    assert res.exit_code == 0, res.output
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["ingested"] == report["texts_read"] >= len(_examples(examples_dir)) and report["documents"] > 20
    res = runner.invoke(main, ["query", "MATCH (p:Document)-[:IMPLEMENTS]->(d:Document {key: $k}) "
                                        "RETURN p.key AS plan ORDER BY plan", "--param", "k=29-NQ/TW",
                               "--store", store_dir, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert {"plan": "112-KH/TU"} in json.loads(res.output)
    res = runner.invoke(main, ["query", "MATCH (d:Document) DETACH DELETE d", "--store", store_dir])
    assert res.exit_code != 0 and "--write" in res.output
    res = runner.invoke(main, ["query", "MATCH (d:Document) RETURN d.key AS key, d.date AS date LIMIT 2",
                               "--store", store_dir, "--format", "csv"])
    assert res.output.splitlines()[0] == "key,date"
    res = runner.invoke(main, ["lineage", "nghị quyết 29/TW", "--store", store_dir])
    assert res.exit_code == 0 and "IMPLEMENTS" in res.output and "112-KH/TU" in res.output
    res = runner.invoke(main, ["lineage", "29-NQ/TW", "--both", "--format", "json", "--store", store_dir])
    assert set(json.loads(res.output)) == {"down", "up"}
    res = runner.invoke(main, ["show", "NQ 29", "--store", store_dir])
    assert res.exit_code == 0 and "IMPLEMENTS: 2 in, 0 out" in res.output and "Mentioned in" in res.output
    res = runner.invoke(main, ["coverage", "29-NQ/TW", "--store", store_dir, "--format", "json"])
    cov = json.loads(res.output)
    assert cov["provinces"] == 63 and any(r["province"] == "Lạng Sơn" and r["issued"] for r in cov["rows"])
    res = runner.invoke(main, ["stats", "--store", store_dir, "--format", "json"])
    assert json.loads(res.output)["nodes"]["Province"] == 63
    res = runner.invoke(main, ["show", "99-ZZ/TW", "--store", store_dir])
    assert res.exit_code == 1 and "neither a document symbol" in res.output
    res = runner.invoke(main, ["show", "999-NQ/TW", "--store", store_dir])
    assert res.exit_code == 1 and "no document matches" in res.output


def test_cli_key_matching_several_documents_lists_them(store, tmp_path):
    from click.testing import CliRunner

    from vankien.cli import main

    ingest(_texts(tmp_path / "d", {"first.txt": FIRST, "second.txt": SECOND}), store, workers=1)
    folder = str(store.folder)
    store.close()
    res = CliRunner().invoke(main, ["show", "18-NQ/TW", "--store", folder])
    assert res.exit_code == 2
    assert "18-NQ/TW:XII" in res.output and "18-NQ/TW:XIII" in res.output


def test_coverage_follows_the_2025_successions():
    from vankien.graph.queries.coverage import provinces_on
    import datetime as dt

    assert len(provinces_on(dt.date(2024, 1, 1))) == 63
    after = provinces_on(dt.date(2025, 8, 1))
    assert len(after) == 34 and "Vĩnh Phúc" not in after and "Phú Thọ" in after


# --- the shared corpus ------------------------------------------------------------------------
def test_shared_corpus_ingests_and_reingests_unchanged(corpus_dir, tmp_path):
    s = open_store(tmp_path / "corpus")
    paths = [str(corpus_dir / "seeds"), str(corpus_dir / "dev")]
    first = ingest(paths, s, workers=2)
    assert first.ingested >= 30 and first.documents > 50
    assert all(not x["reason"].startswith("already") for x in first.skipped)
    before = counts(s)
    again = ingest(paths, s, workers=1)
    assert again.ingested == 0 and counts(s) == before
    # a central resolution reached by documents of lower levels
    rows = s.query("MATCH (c:Document)-[:IMPLEMENTS|REVIEWS|FOLLOWS_UP_ON|GUIDES]->(d:Document) "
                   "WHERE d.level = 'central' AND c.level IN ['provincial', 'district'] "
                   "RETURN DISTINCT d.id").rows
    assert rows
    tree = lineage(s, rows[0][0], "down", 3)
    assert tree["children"]
    s.close()


def test_bulk_load_copied_early_counts_a_placement_undone_later_in_the_run_once(tmp_path, monkeypatch):
    """Copied after two texts, the undated reference has one candidate and is placed; the third text
    brings a second candidate and the placement is undone: the run reports what a run written batch by
    batch reports (nothing placed, one reference ambiguous)."""
    import vankien.graph.stores.memory as lb

    paths = _texts(tmp_path / "texts", {"a-undated.txt": UNDATED, "b-first.txt": FIRST, "c-second.txt": SECOND})
    plain = open_store(tmp_path / "plain")
    want = ingest(paths, plain, workers=1, bulk=False)
    plain.close()
    monkeypatch.setattr(lb, "MEMORY_BUDGET_MB", 0)
    s = open_store(tmp_path / "early")
    try:
        got = ingest(paths, s, workers=1, batch_size=2)
        assert (got.placed, got.reopened, got.ambiguous) == (want.placed, want.reopened, want.ambiguous) == (0, 0, 1)
        assert s.query("MATCH (d:Document {id: '18-NQ/TW:?'}) RETURN d.candidates").scalar() == \
            ["18-NQ/TW:XII", "18-NQ/TW:XIII"]
    finally:
        s.close()


class _KillsItsWorker(SourceText):
    """A text whose unpickling ends the worker process that receives it (as the system's out-of-memory
    killer would)."""

    def __reduce__(self):
        return os._exit, (3,)


def test_a_worker_that_dies_fails_the_ingest_with_a_clear_message(examples_dir, tmp_path):
    from vankien.graph.ingest import IngestError, ingest_sources
    from vankien.loaders.readers import read_paths

    texts = list(read_paths(_examples(examples_dir)))
    doomed = _KillsItsWorker(source="doomed.txt", text="Kế hoạch số 1-KH/TU", reader="text", sha256="0" * 64)
    s = open_store(tmp_path / "s")
    try:
        with pytest.raises(IngestError, match="worker process died"):
            ingest_sources(texts + [doomed], s, workers=2)
    finally:
        s.close()
    again = open_store(tmp_path / "s")      # the next ingest undoes what was staged and completes
    try:
        report = ingest_sources(texts, again, workers=2)
        assert report.ingested == len([t for t in texts if t.ok]) and not report.store_emptied
    finally:
        again.close()


def test_an_append_places_only_what_it_can_change_and_gets_the_graph_of_the_whole_pass(corpus_dir, tmp_path,
                                                                                        monkeypatch):
    """Into a store that holds texts, placing looks only at the references the run mentioned and those
    a document it mentioned fits (vankien.graph.stores.ambiguity.Written); the whole pass over every
    reference of the store gives the same graph after every append, property for property."""
    import vankien.graph.stores.ambiguity as amb

    paths = sorted(str(p) for d in ("seeds", "dev") if (corpus_dir / d).is_dir()
                   for p in (corpus_dir / d).iterdir() if p.suffix in (".txt", ".html", ".htm", ".pdf", ".docx"))
    parts = [paths[i::3] for i in range(3)]
    run_only, whole = open_store(tmp_path / "run-only"), open_store(tmp_path / "whole")
    examined: list[int] = []
    limit, real_affected = amb.Written.LIMIT, amb._affected
    monkeypatch.setattr(amb, "_affected", lambda *a: (r := real_affected(*a), examined.append(len(r)))[0])
    try:
        placed = reopened = 0
        for i, part in enumerate(parts):
            a = ingest(part, run_only, workers=1)
            monkeypatch.setattr(amb.Written, "LIMIT", -1)       # nothing kept: the whole pass
            b = ingest(part, whole, workers=1)
            monkeypatch.setattr(amb.Written, "LIMIT", limit)
            assert (a.placed, a.reopened, a.ambiguous, a.documents, a.edges) == \
                   (b.placed, b.reopened, b.ambiguous, b.documents, b.edges), i
            assert _full_signature(run_only) == _full_signature(whole), i
            placed, reopened = placed + (a.placed if i else 0), reopened + a.reopened
        assert len(examined) == 2 and placed + reopened > 0           # the two appends, which moved references
        total = run_only.query("MATCH (d:Document) WHERE d.ambiguous = true RETURN count(*)").scalar()
        assert min(examined) < total                                    # not every reference of the store
        # nothing written: nothing to examine, nothing changes
        before = _full_signature(run_only)
        assert amb.place_references(run_only, amb.Written()) == amb.Placement()
        assert _full_signature(run_only) == before
    finally:
        run_only.close()
        whole.close()
