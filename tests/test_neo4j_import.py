"""The bulk path for real: `vankien export neo4j-csv`, then Neo4j's own importer
(org.neo4j:neo4j-import-tool, `neo4j-admin database import full`) run by the launcher of tools/neo4j-server
into a fresh home, then a Neo4j server started on that home: it holds the graph of the embedded store.

The source is the real corpus (../shared/corpus, seeds and dev: the session's ``corpus_graph``), or the
example corpus when the corpus is not there, so the test never skips. The command run is the one the
export wrote to import-command.txt, word for word, after ``java -jar tools/neo4j-server/…jar`` (as the
README tells users to run it).
"""
from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture(scope="module")
def source_graph(request, corpus_dir_or_none):
    return request.getfixturevalue("corpus_graph" if corpus_dir_or_none else "examples_graph")


@pytest.fixture(scope="module")
def corpus_dir_or_none():
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    return path if path.is_dir() else None


@pytest.fixture(scope="module")
def imported(source_graph, tmp_path_factory):
    """(settings, export folder, launcher settings) of a server started on the imported database."""
    from conftest import _launched_neo4j
    from vankien.cli import main

    folder = tmp_path_factory.mktemp("neo4j-csv")
    result = CliRunner().invoke(main, ["export", "neo4j-csv", str(folder / "csv"), "--store",
                                       str(Path(source_graph.folder))])
    assert result.exit_code == 0, result.output
    command_text = (folder / "csv" / "import-command.txt").read_text(encoding="utf-8")
    assert command_text.strip() in result.output          # the command printed is the one written
    command = shlex.split(command_text)
    assert command[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    (folder / "server").mkdir()
    with _launched_neo4j(folder / "server", command) as settings:
        yield settings


@pytest.fixture
def target(imported):
    from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

    settings = Neo4jSettings(uri=imported["NEO4J_URI"], user=imported["NEO4J_USERNAME"],
                             password=imported["NEO4J_PASSWORD"])
    with Neo4jStore(settings, read_only=True) as store:
        yield store


def _lineage_roots(store, n: int = 3) -> list[str]:
    """The documents with the most lineage edges pointing at them (the trees worth comparing)."""
    from vankien.graph.model.schema import LINEAGE_TYPES

    types = "|".join(LINEAGE_TYPES)
    rows = store.query(f"MATCH (p:Document)-[:{types}]->(d:Document) RETURN d.id AS id, count(*) AS n "
                       f"ORDER BY n DESC, id LIMIT {n}").rows
    return [r[0] for r in rows]


def test_the_imported_database_holds_the_graph_of_the_embedded_store(source_graph, imported, target):
    from vankien.graph.exchange.push import counts
    from vankien.graph.queries.lineage import lineage, render_tree
    from vankien.graph.queries.stats import stats

    assert imported["admin_exit"] == 0 and imported["admin_seconds"] > 0
    want = counts(source_graph)
    assert want["Document"] > 50 and want["Organization"] > 20 and want["IMPLEMENTS"] > 5
    # documents, organisations and every relationship type, one by one
    assert counts(target) == want
    assert target.query("MATCH (n:Document) RETURN count(n)").scalar() == want["Document"]
    assert target.query("MATCH (n:Organization) RETURN count(n)").scalar() == want["Organization"]
    assert target.query("MATCH ()-[r]->() RETURN count(r)").scalar() == sum(
        v for k, v in want.items() if k not in ("Document", "Organization", "Source", "Province"))
    assert stats(target) == stats(source_graph)
    # lineage trees (down and up) of the most implemented documents
    roots = _lineage_roots(source_graph)
    assert roots and _lineage_roots(target) == roots
    for doc in roots:
        for direction in ("down", "up"):
            assert (render_tree(lineage(target, doc, direction), direction)
                    == render_tree(lineage(source_graph, doc, direction), direction)), (doc, direction)
    # the one lineage query spelled out: who implements the first root, with the sentence that says so
    q = ("MATCH (p:Document)-[r:IMPLEMENTS]->(d:Document {id: $id}) "
         "RETURN p.id AS id, r.source AS source, r.span_start AS at, r.evidence AS evidence ORDER BY id, source, at")
    assert target.query(q, {"id": roots[0]}).rows == source_graph.query(q, {"id": roots[0]}).rows
    # values keep their types and text through the CSV (dates, lists, Vietnamese with commas and quotes)
    q = ("MATCH (d:Document) WHERE d.date IS NOT NULL RETURN d.id, d.date, d.descriptor, d.issuing_body "
         "ORDER BY d.id LIMIT 200")
    assert target.query(q).rows == source_graph.query(q).rows


def test_schema_and_search_after_an_import(imported, source_graph):
    """The README's step after an import: the constraints and indexes (here by opening the store for
    writing, as `vankien push neo4j` does), then the full-text index answers."""
    from vankien.graph.stores.neo4j_cypher import FULLTEXT_INDEX
    from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

    settings = Neo4jSettings(uri=imported["NEO4J_URI"], user=imported["NEO4J_USERNAME"],
                             password=imported["NEO4J_PASSWORD"])
    with Neo4jStore(settings) as store:          # creates the schema on the imported data
        doc, key = store.query("MATCH (d:Document) WHERE d.key IS NOT NULL AND NOT d.ambiguous "
                               "RETURN d.id, d.key ORDER BY d.sources DESC, d.id LIMIT 1").rows[0]
        found = store.query(f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $q) YIELD node, score "
                            "RETURN node.id, node.key ORDER BY score DESC LIMIT 5", {"q": f'"{key}"'}).rows
        assert [doc, key] in found
