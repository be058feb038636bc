"""The whole cycle against a real Neo4j: push → query → push again → count, an interrupted push run
again, `ingest --neo4j`, and the shared queries (lineage, show, coverage, stats, networkx) giving the
same answers on Neo4j as on the embedded store.

Runs when NEO4J_URI is set (with NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE) and
VANKIEN_TEST_NEO4J_WIPE=1 says the tests may empty that database; reported as skipped otherwise.
`make test-neo4j` starts Neo4j with docker compose (or uses NEO4J_URI) and runs this file.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

pytestmark = [
    pytest.mark.skipif(not os.environ.get("NEO4J_URI"),
                       reason="NEO4J_URI is not set: no Neo4j server to test against (make test-neo4j starts one)"),
    pytest.mark.skipif(os.environ.get("VANKIEN_TEST_NEO4J_WIPE") != "1",
                       reason="set VANKIEN_TEST_NEO4J_WIPE=1 to let these tests empty the database at NEO4J_URI"),
]

DOC = "29-NQ/TW:XIII"


@pytest.fixture
def neo4j():
    from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

    store = Neo4jStore(Neo4jSettings.from_env())
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.ensure_schema()
    yield store
    store.close()


def _counts(store):
    from vankien.graph.exchange.push import counts

    return counts(store)


def _snapshot(store):
    """Every node and relationship with its properties, comparable across runs."""
    from vankien.graph.model.schema import NODES, PRIMARY_KEY, RELATIONSHIPS

    def key(value):
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)

    nodes = sorted(key({k: v for k, v in row[0].items() if not k.startswith("_")})
                   for label in NODES for row in store.query(f"MATCH (n:{label}) RETURN n").rows)
    edges = sorted(key([r.name, a, b, {k: v for k, v in p.items() if not k.startswith("_")}])
                   for r in RELATIONSHIPS for a, b, p in store.query(
                       f"MATCH (a:{r.src})-[x:{r.name}]->(b:{r.dst}) RETURN a.{PRIMARY_KEY[r.src]}, "
                       f"b.{PRIMARY_KEY[r.dst]}, x").rows)
    return nodes, edges


def _same_answers(a, b) -> None:
    """The shared queries answer the same on both stores."""
    from vankien.graph.queries.coverage import coverage
    from vankien.graph.queries.lineage import lineage, render_tree, show
    from vankien.graph.queries.lookup import find_documents
    from vankien.graph.queries.network import to_networkx
    from vankien.graph.queries.stats import stats

    assert stats(a) == stats(b)
    for direction in ("down", "up"):
        assert render_tree(lineage(a, DOC, direction), direction) == render_tree(lineage(b, DOC, direction), direction)
    for key in ("29-NQ/TW", "NQ 29", "nghị quyết 29/TW"):
        assert find_documents(a, key) == find_documents(b, key)
    sa, sb = show(a, DOC), show(b, DOC)
    assert sa["counts"] == sb["counts"] and sa["sources"] == sb["sources"] and sa["assignments"] == sb["assignments"]
    assert coverage(a, DOC) == coverage(b, DOC)
    ga, gb = to_networkx(a), to_networkx(b)
    assert sorted(ga.edges(keys=True)) == sorted(gb.edges(keys=True))


def _no_duplicates(store) -> None:
    from vankien.graph.model.schema import EDGE_KEY, PRIMARY_KEY, RELATIONSHIPS

    for r in RELATIONSHIPS:
        keys = ", ".join([f"a.{PRIMARY_KEY[r.src]}", f"b.{PRIMARY_KEY[r.dst]}"] + [f"x.{k}" for k in EDGE_KEY[r.name]])
        total, distinct = store.query(f"MATCH (a:{r.src})-[x:{r.name}]->(b) "
                                      f"RETURN count(x), count(DISTINCT [{keys}])").rows[0]
        assert total == distinct, r.name


def test_push_query_push_again_count(examples_graph, neo4j):
    from vankien.graph.exchange.push import push

    want = _counts(examples_graph)
    report = push(examples_graph, neo4j, batch_size=25)
    assert _counts(neo4j) == want and sum(report.edges.values()) == sum(want[k] for k in report.edges)
    # SHOW commands in an auto-commit transaction (the store runs everything in managed ones)
    with neo4j._driver.session(database=neo4j.settings.database) as session:
        names = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        indexes = {r["name"] for r in session.run("SHOW INDEXES YIELD name")}
    assert {"vankien_document_id", "vankien_organization_id", "vankien_source_sha256", "vankien_province_name"} <= names
    assert {"vankien_document_key", "vankien_document_number", "vankien_document_date",
            "vankien_implements_resolved_from"} <= indexes
    # dates are Neo4j dates; evidence, confidence and provenance on every stated relationship
    assert isinstance(neo4j.query("MATCH (d:Document {id: $id}) RETURN d.date", {"id": DOC}).scalar(), dt.date)
    assert neo4j.query("MATCH (d:Document) WHERE d.date IS NOT NULL AND NOT d.date IS :: DATE "
                       "RETURN count(d)").scalar() == 0
    for t in ("IMPLEMENTS", "ASSIGNS_TO", "ISSUED_BY", "FOLLOWS_UP_ON"):
        assert neo4j.query(f"MATCH ()-[r:{t}]->() WHERE r.evidence IS NULL OR r.confidence IS NULL "
                           "OR r.source IS NULL OR r.extractor IS NULL RETURN count(r)").scalar() == 0
    _same_answers(examples_graph, neo4j)
    before = _snapshot(neo4j)
    push(examples_graph, neo4j, batch_size=1000)
    assert _counts(neo4j) == want and _snapshot(neo4j) == before
    _no_duplicates(neo4j)


def test_an_interrupted_push_run_again_completes_without_duplicates(examples_graph, neo4j, tmp_path):
    from vankien.graph.stores.neo4j_store import Neo4jStore
    from vankien.graph.exchange.push import PROGRESS_FILE, Progress, push

    class Stopping(Neo4jStore):
        left = 6

        def write_edges(self, rel, edges):
            self.left -= 1
            if self.left < 0:
                raise KeyboardInterrupt
            return super().write_edges(rel, edges)

    stopping = Stopping(neo4j.settings)
    progress = tmp_path / PROGRESS_FILE
    with pytest.raises(KeyboardInterrupt):
        push(examples_graph, stopping, batch_size=10, progress=Progress(progress, "t", "s"))
    stopping.close()
    assert progress.is_file() and _counts(neo4j) != _counts(examples_graph)
    report = push(examples_graph, neo4j, batch_size=10, progress=Progress(progress, "t", "s"))
    assert report.resumed_at and not progress.exists()
    assert _counts(neo4j) == _counts(examples_graph)
    _no_duplicates(neo4j)
    # and again from scratch (no progress file): still nothing doubled
    push(examples_graph, neo4j, batch_size=7)
    assert _counts(neo4j) == _counts(examples_graph)


def test_ingest_into_neo4j_gives_the_graph_of_the_embedded_store(examples_dir, examples_graph, neo4j):
    from vankien.graph.ingest import ingest

    inputs = [str(p) for p in sorted(examples_dir.iterdir()) if p.name != "README.md"]
    report = ingest(inputs, neo4j, workers=1, batch_size=3)
    assert report.ingested > len(inputs) // 2
    assert _counts(neo4j) == _counts(examples_graph)
    _same_answers(examples_graph, neo4j)
    before = _snapshot(neo4j)
    again = ingest(inputs, neo4j, workers=1)
    assert again.ingested == 0 and _snapshot(neo4j) == before


def test_text_reaches_neo4j_as_values_never_as_cypher(neo4j, tmp_path):
    from vankien.graph.model import facts as F
    from vankien.graph.model.batch import Batch, DocRow
    from vankien.graph.exchange.push import push
    from vankien.graph.stores import open_store

    tricky = "'}) DETACH DELETE (n) // \"ngoặc\", dấu; chấm phẩy\nxuống dòng `x`"
    batch = Batch()
    facts: F.Facts = {}
    F.add_fact(facts, "issuing_body", tricky, True)
    batch.docs["1-NQ/TU@ha-noi:2020-2025"] = DocRow("1-NQ/TU@ha-noi:2020-2025", {"key": "1-NQ/TU", "ambiguous": False},
                                                    facts, 1, True)
    with open_store(tmp_path / "store") as source:
        source.write_batch(batch)
        push(source, neo4j)
    assert neo4j.query("MATCH (d:Document {id: $id}) RETURN d.issuing_body",
                       {"id": "1-NQ/TU@ha-noi:2020-2025"}).scalar() == tricky
    assert neo4j.query("MATCH (p:Province) RETURN count(p)").scalar() == 63


def test_cli_push_then_query_and_lineage_on_neo4j(examples_graph, neo4j):
    runner = CliRunner()
    folder = str(Path(examples_graph.folder))
    result = runner.invoke(main_cli(), ["push", "neo4j", "--store", folder, "--batch-size", "50"])
    assert result.exit_code == 0, result.output
    assert os.environ["NEO4J_PASSWORD"] not in result.output
    out = runner.invoke(main_cli(), ["query", "--neo4j", "MATCH (d:Document {key: $k}) RETURN d.id AS id",
                                     "--param", "k=29-NQ/TW", "--format", "json"])
    assert out.exit_code == 0 and json.loads(out.output) == [{"id": DOC}]
    on_neo4j = runner.invoke(main_cli(), ["lineage", "--neo4j", "29-NQ/TW"])
    embedded = runner.invoke(main_cli(), ["lineage", "--store", folder, "29-NQ/TW"])
    assert on_neo4j.exit_code == 0 and on_neo4j.output == embedded.output
    refused = runner.invoke(main_cli(), ["query", "--neo4j", "CREATE (:Document {id: 'x'})"])
    assert refused.exit_code == 1 and "--write" in refused.output


def main_cli():
    from vankien.cli import main

    return main
