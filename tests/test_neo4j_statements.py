"""Neo4j without a server: the statements (built from graph/schema.py, values only as parameters),
the rows they are given, value conversion both ways, settings, and the errors a user sees."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from vankien.graph.model import facts as F
from vankien.graph.stores import neo4j_cypher as C
from vankien.graph.model.batch import Batch, DocRow, OrgRow
from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore, native
from vankien.graph.model.schema import EDGE_KEY, NODES, PRIMARY_KEY, REL_BY_NAME, RELATIONSHIPS, SEARCHED, RelTable
from vankien.graph.stores import StoreError
from vankien.cli import main

NASTY = 'Ban "Thường vụ", Tỉnh ủy; khóa XVII\n\'}) DETACH DELETE (n) //`x`'


# --- schema ----------------------------------------------------------------------------------------
def test_one_uniqueness_constraint_per_label_on_its_key():
    statements = C.constraint_statements()
    assert len(statements) == len(NODES)
    for label, key in PRIMARY_KEY.items():
        assert (f"CREATE CONSTRAINT vankien_{label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) "
                f"REQUIRE n.{key} IS UNIQUE") in statements


def test_indexes_cover_what_people_search_and_are_idempotent():
    statements = C.index_statements()
    for label, props in SEARCHED.items():
        for p in props:
            assert f"FOR (n:{label}) ON (n.{p})" in " ".join(statements)
    for want in ("key", "number", "type", "issuer_code", "date", "province"):
        assert f"FOR (n:Document) ON (n.{want})" in " ".join(statements)
    assert any("FOR ()-[r:IMPLEMENTS]-() ON (r.resolved_from)" in s for s in statements)
    # one full-text index over what documents are called and the titles of the texts
    assert C.fulltext_statements() == [
        "CREATE FULLTEXT INDEX vankien_document_text IF NOT EXISTS FOR (n:Document|Source) "
        "ON EACH [n.key, n.base, n.descriptor, n.kind, n.issuing_body, n.title]"]
    schema = C.schema_statements()
    assert all(" IF NOT EXISTS " in s for s in schema)
    names = [s.split()[3 if s.startswith("CREATE FULLTEXT ") else 2] for s in schema]
    assert len(names) == len(set(names)) and all(re.fullmatch(r"vankien_[a-z_0-9]+", n) for n in names)


# --- vocabulary --------------------------------------------------------------------------------------
def test_labels_types_and_properties_outside_the_schema_are_refused():
    with pytest.raises(ValueError):
        C.merge_nodes("Person")
    with pytest.raises(ValueError):
        C.merge_edges(RelTable("KNOWS", "Document", "Document", {}), ())
    with pytest.raises(ValueError):
        C.merge_edges(RelTable("IMPLEMENTS", "Document", "Document", {}), ("id}) DETACH DELETE a //",))
    with pytest.raises(ValueError):
        C.check_property("Document", "id}) DETACH DELETE n //")
    with pytest.raises(ValueError):
        C.check_property("Person", "id")
    assert C.check_property("Document", "issuer_code") == "issuer_code"


# --- nodes and edges -----------------------------------------------------------------------------------
def test_node_statement_merges_on_the_key_and_takes_values_from_parameters_only():
    stmt = C.merge_nodes("Source")
    assert stmt == "UNWIND $rows AS row MERGE (n:Source {sha256: row.key}) SET n += row.props"
    rows = C.node_rows("Source", [{"_ID": {"offset": 1}, "_LABEL": "Source", "sha256": "s1", "title": NASTY,
                                   "warnings": None}])
    assert rows == [{"key": "s1", "props": {**dict.fromkeys(NODES["Source"]), "sha256": "s1", "title": NASTY,
                                            "warnings": []}}]


def _edge(**kw):
    base = {"src_id": "a", "dst_id": "b", "source": "sha", "span_start": 10, "span_end": 20, "evidence": NASTY,
            "cue": "thực hiện", "confidence": 0.9, "extractor": "vankien", "resolved_from": None}
    return {**base, **kw}


def test_edges_merge_on_their_text_and_place_so_every_stated_relation_stays():
    rel = REL_BY_NAME["IMPLEMENTS"]
    groups = C.edge_statements(rel, [_edge(), _edge(span_start=99), _edge(source="other")])
    assert len(groups) == 1
    stmt, rows = groups[0]
    assert stmt == ("UNWIND $rows AS row MATCH (a:Document {id: row.src}) MATCH (b:Document {id: row.dst}) "
                    "MERGE (a)-[r:IMPLEMENTS {source: row.source, span_start: row.span_start}]->(b) "
                    "SET r += row.props")
    assert [(r["source"], r["span_start"]) for r in rows] == [("sha", 10), ("sha", 99), ("other", 10)]
    assert rows[0]["props"]["evidence"] == NASTY and rows[0]["src"] == "a" and rows[0]["dst"] == "b"
    assert NASTY not in stmt and "thực hiện" not in stmt


def test_an_edge_missing_a_key_value_is_merged_on_the_keys_it_has():
    rel = REL_BY_NAME["ISSUED_BY"]
    groups = dict(C.edge_statements(rel, [_edge(), _edge(span_start=None)]))
    assert len(groups) == 2
    only_source = next(s for s in groups if "span_start: row.span_start" not in s)
    assert "MERGE (a)-[r:ISSUED_BY {source: row.source}]->(b)" in only_source
    assert "(b:Organization {id: row.dst})" in only_source
    assert all("span_start" not in row for row in groups[only_source])


def test_edges_without_key_properties_merge_on_their_ends():
    stmt, rows = C.edge_statements(REL_BY_NAME["SUCCEEDED_BY"],
                                   [{"src_id": "Hà Giang", "dst_id": "Tuyên Quang", "date": "2025-07-01"}])[0]
    assert "MERGE (a)-[r:SUCCEEDED_BY]->(b)" in stmt and "(a:Province {name: row.src})" in stmt
    assert rows[0]["props"] == {"date": dt.date(2025, 7, 1)}
    assert EDGE_KEY["MAY_BE"] == () and EDGE_KEY["APPEARS_IN"] == ("span_start",)


def test_every_statement_names_only_schema_vocabulary():
    words = set(NODES) | {r.name for r in RELATIONSHIPS}
    statements = C.schema_statements() + [C.merge_nodes(label) for label in NODES]
    statements += [s for r in RELATIONSHIPS for s, _ in C.edge_statements(r, [_edge()])]
    for s in statements:
        for label in re.findall(r"[(\[]\w*:(\w+)", s):
            assert label in words, (label, s)
        assert "'" not in s and '"' not in s, s


# --- values -------------------------------------------------------------------------------------------
def test_values_take_their_schema_type():
    assert C.to_value("2024-03-12", "DATE") == dt.date(2024, 3, 12)
    assert C.to_value(dt.date(2024, 3, 12), "DATE") == dt.date(2024, 3, 12)
    assert C.to_value("partial:--05-19", "DATE") is None
    assert C.to_value(None, "STRING[]") == [] and C.to_value(("a", "b"), "STRING[]") == ["a", "b"]
    assert C.to_value(3, "INT64") == 3 and C.to_value(None, "STRING") is None


def test_results_come_back_as_plain_values_and_dicts_shaped_like_the_embedded_store():
    from neo4j.graph import Graph, Node
    from neo4j.time import Date, DateTime

    g = Graph()
    a = Node(g, "4:x:1", 1, ["Document"], {"id": "25-NQ/TW:XI", "date": Date(2013, 6, 3)})
    b = Node(g, "4:x:2", 2, ["Document"], {"id": "43-KL/TW:XII"})
    rel = g.relationship_type("FOLLOWS_UP_ON")(g, "5:x:1", 1, {"source": "s", "span_start": 4})
    rel._start_node, rel._end_node = b, a
    doc = native(a)
    assert doc["id"] == "25-NQ/TW:XI" and doc["date"] == dt.date(2013, 6, 3) and doc["_LABEL"] == "Document"
    assert set(NODES["Document"]) <= set(doc) and doc["superseded_on"] is None
    r = native(rel)
    assert r["_LABEL"] == "FOLLOWS_UP_ON" and r["source"] == "s" and r["evidence"] is None
    assert r["_SRC"] == "4:x:2" and r["_DST"] == "4:x:1"
    assert native([{"d": DateTime(2024, 1, 2, 3, 4, 5)}]) == [{"d": dt.datetime(2024, 1, 2, 3, 4, 5)}]


# --- writing a batch -----------------------------------------------------------------------------------
def _doc(doc_id: str, date: str, own: bool) -> DocRow:
    facts: F.Facts = {}
    F.add_fact(facts, "date", date, own)
    F.add_fact(facts, "issuing_body", NASTY, own)
    return DocRow(doc_id, {"key": "25-NQ/TW", "base": "25-NQ/TW", "system": "party", "term": "XI",
                           "ambiguous": False}, facts, sources=1, full_text=own)


def test_document_rows_merge_facts_with_what_the_store_has():
    batch = Batch()
    batch.docs["new"] = _doc("new", "2013-06-03", True)
    batch.docs["old"] = _doc("old", "2013-06-04", False)
    stored = {}
    F.add_fact(stored, "date", "2013-06-03", True)
    rows = {r["id"]: r for r in C.document_rows(batch, {"old": {"facts": F.dumps(stored), "sources": 2,
                                                                "full_text": True}})}
    new, old = rows["new"], rows["old"]
    assert new["identity"]["candidates"] == [] and new["identity"]["in_force"] is True
    assert new["identity"]["key"] == "25-NQ/TW" and "date" not in new["identity"]
    assert new["values"]["date"] == dt.date(2013, 6, 3) and new["values"]["sources"] == 1
    # the document's own text (stored) beats the citing text of this batch; counts add up
    assert old["values"]["date"] == dt.date(2013, 6, 3) and old["values"]["sources"] == 3
    assert old["values"]["full_text"] is True and old["values"]["conflicts"] == ["date"]
    assert F.loads(old["values"]["facts"])["date"] == {"2013-06-03": [1, 0], "2013-06-04": [0, 1]}


def test_organization_rows_carry_their_text_count():
    batch = Batch()
    batch.orgs["org:x"] = OrgRow("org:x", {"name": NASTY, "key": "x", "level": "provincial", "province": None}, 3)
    assert C.organization_rows(batch) == [{"id": "org:x", "props": {"name": NASTY, "key": "x", "kind": None,
                                                                    "level": "provincial", "locality": None,
                                                                    "province": None}, "n": 3}]
    assert "o.sources = o.sources + row.n" in C.MERGE_ORGANIZATIONS and "ON CREATE SET" in C.MERGE_ORGANIZATIONS


def test_provinces_and_their_successions():
    nodes, edges = C.province_rows()
    assert len(nodes) == 63 and sum(1 for n in nodes if n["merged_into"] is None) == 34
    assert all(n["until"] == dt.date(2025, 6, 30) for n in nodes if n["merged_into"])
    assert len(edges) == 29 and all(e["date"] == dt.date(2025, 7, 1) for e in edges)


# --- settings and errors ----------------------------------------------------------------------------------
def test_settings_read_the_variables_neo4j_tools_read_and_never_show_the_password():
    env = {"NEO4J_URI": "bolt://db:7687", "NEO4J_USERNAME": "reader", "NEO4J_PASSWORD": "s3cret-pw",
           "NEO4J_DATABASE": "vankien"}
    s = Neo4jSettings.from_env(env=env)
    assert (s.uri, s.user, s.password, s.database) == ("bolt://db:7687", "reader", "s3cret-pw", "vankien")
    assert Neo4jSettings.from_env(uri="neo4j://x:1", database="other", env=env).database == "other"
    assert Neo4jSettings.from_env(env={}).uri == "neo4j://localhost:7687"
    assert "s3cret-pw" not in repr(s) and "s3cret-pw" not in s.target
    in_uri = Neo4jSettings(uri="neo4j://reader:s3cret-pw@db.example:7687", password="x")
    assert in_uri.shown_uri == "neo4j://db.example:7687" and "s3cret-pw" not in repr(in_uri) + in_uri.target


def test_store_errors_are_messages(unused_tcp_port):
    with pytest.raises(StoreError, match="NEO4J_PASSWORD"):
        Neo4jStore(Neo4jSettings(password=None))
    with pytest.raises(StoreError, match="not a Bolt URI"):
        Neo4jStore(Neo4jSettings(uri="http://localhost:7474", password="x"))
    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        Neo4jStore(Neo4jSettings(uri=f"bolt://127.0.0.1:{unused_tcp_port}", password="x"))


def test_cli_reports_connection_problems_without_traceback_or_password(examples_graph, unused_tcp_port, tmp_path):
    runner = CliRunner()
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{unused_tcp_port}", "NEO4J_PASSWORD": "do-not-print-me"}
    for args in (["push", "neo4j", "--store", str(tmp_path / "none")],
                 ["query", "--neo4j", "RETURN 1"], ["stats", "--neo4j"]):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 1, (args, result.output)
        assert "do-not-print-me" not in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["query", "--neo4j", "RETURN 1"], env={**env, "NEO4J_PASSWORD": ""})
    assert result.exit_code == 1 and "NEO4J_PASSWORD" in result.output


@pytest.fixture
def unused_tcp_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
