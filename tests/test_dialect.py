"""The two Cypher dialects, checked on the real stores: the embedded store (Ladybug) and Neo4j (the session's
``neo4j_server``, tools/neo4j-server). Every row of README.md's table of differences is a case here:

* PAIRS: the same question in each dialect gives the same answer on each store;
* SILENT: the same text is accepted by both and answered differently (substring, list indexes, labels(n),
  reverse, size of a pattern), and `vankien query` notes it on the embedded store;
* LADYBUG_REJECTS: the usual Neo4j forms the embedded store refuses, and the one-line hint
  `vankien query` prints for each (the real CLI, on a real store); the form the hint names works;
* NEO4J_REJECTS: the embedded store's forms Neo4j refuses, with `vankien query --neo4j`'s hint.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

DOC = "29-NQ/TW:XIII"

# (what, Neo4j's form, the embedded store's form): same answer
PAIRS = [
    ("relationship type", "MATCH (:Document)-[r]->(:Document) RETURN type(r) AS t, count(*) AS n",
     "MATCH (:Document)-[r]->(:Document) RETURN label(r) AS t, count(*) AS n"),
    ("node label", "MATCH (n:Organization) RETURN head(labels(n)) AS l, count(*) AS n",
     "MATCH (n:Organization) RETURN label(n) AS l, count(*) AS n"),
    ("substring (from 0 / from 1)", "RETURN substring('abcdef', 1, 2) AS s", "RETURN substring('abcdef', 2, 2) AS s"),
    ("list index", "RETURN [10, 20, 30][0] AS first, [10, 20, 30][-1] AS last",
     "RETURN [10, 20, 30][1] AS first, list_element([10, 20, 30], -1) AS last"),
    ("list slice", "RETURN [10, 20, 30][1..3] AS s", "RETURN list_slice([10, 20, 30], 2, 3) AS s"),
    ("head, last, tail", "RETURN head([1, 2, 3]) AS h, last([1, 2, 3]) AS l, tail([1, 2, 3]) AS t",
     "RETURN list_element([1, 2, 3], 1) AS h, list_element([1, 2, 3], -1) AS l, list_slice([1, 2, 3], 2, 3) AS t"),
    ("reverse a list", "RETURN reverse([1, 2, 3]) AS r", "RETURN list_reverse([1, 2, 3]) AS r"),
    ("reduce", "RETURN reduce(s = 0, x IN [1, 2, 3] | s + x) AS r", "RETURN list_reduce([1, 2, 3], (s, x) -> s + x) AS r"),
    ("list comprehension", "RETURN [x IN [1, 2, 3] WHERE x > 1 | x * 10] AS r",
     "RETURN list_transform(list_filter([1, 2, 3], x -> x > 1), x -> x * 10) AS r"),
    ("values along a path",
     "MATCH p = (:Document)-[:IMPLEMENTS|FOLLOWS_UP_ON*2..3]->(:Document) RETURN [n IN nodes(p) | n.key] AS keys",
     "MATCH p = (:Document)-[:IMPLEMENTS|FOLLOWS_UP_ON*2..3]->(:Document) RETURN properties(nodes(p), 'key') AS keys"),
    ("split", "RETURN split('a,b,c', ',') AS s", "RETURN string_split('a,b,c', ',') AS s"),
    ("conversions", "RETURN toInteger('12') AS i, toFloat('1.5') AS f, toString(12) AS s, toBoolean('true') AS b",
     "RETURN CAST('12' AS INT64) AS i, CAST('1.5' AS DOUBLE) AS f, CAST(12 AS STRING) AS s, "
     "CAST('true' AS BOOLEAN) AS b"),
    ("date parts", "MATCH (d:Document {id: $id}) RETURN d.date.year AS y, d.date.month AS m",
     "MATCH (d:Document {id: $id}) RETURN date_part('year', d.date) AS y, date_part('month', d.date) AS m"),
    ("days between dates", "MATCH (d:Document {id: $id}) RETURN duration.inDays(d.date, date('2025-01-01')).days AS n",
     "MATCH (d:Document {id: $id}) RETURN date('2025-01-01') - d.date AS n"),
    ("today", "RETURN date() = date() AS t", "RETURN current_date() = current_date() AS t"),
    ("COUNT { } subquery", "MATCH (d:Document {id: $id}) RETURN COUNT { (d)<-[:IMPLEMENTS]-() } AS n",
     "MATCH (d:Document {id: $id}) OPTIONAL MATCH (d)<-[r:IMPLEMENTS]-() RETURN count(r) AS n"),
    ("label predicate", "MATCH (n)-[:ISSUED_BY]->(o) WHERE o:Organization RETURN count(*) AS n",
     "MATCH (n)-[:ISSUED_BY]->(o) WHERE label(o) = 'Organization' RETURN count(*) AS n"),
    ("map projection", "MATCH (d:Document {id: $id}) RETURN d {.key, .date} AS m",
     "MATCH (d:Document {id: $id}) RETURN {key: d.key, date: d.date} AS m"),
    ("shortest path", "MATCH (a:Document {id: $id}), (b:Document) WHERE b.id <> a.id "
                      "MATCH p = shortestPath((a)-[*..3]-(b)) RETURN b.id AS b, length(p) AS n",
     "MATCH p = (a:Document {id: $id})-[* SHORTEST 1..3]-(b:Document) WHERE b.id <> a.id "
     "RETURN b.id AS b, length(p) AS n"),
    # the same text, the same answer on both
    ("EXISTS { } subquery", "MATCH (d:Document) WHERE EXISTS { MATCH (d)-[:IMPLEMENTS]->() } RETURN count(d) AS n",
     "MATCH (d:Document) WHERE EXISTS { MATCH (d)-[:IMPLEMENTS]->() } RETURN count(d) AS n"),
    ("size, coalesce, range, any, STARTS WITH, =~",
     "MATCH (d:Document) WHERE d.key STARTS WITH '29' AND d.key =~ '29-.*' RETURN size([1, 2]) AS a, size('abc') AS b, "
     "coalesce(d.locality, 'none') AS c, range(1, 3) AS r, any(x IN [1, 2] WHERE x > 1) AS y",
     "MATCH (d:Document) WHERE d.key STARTS WITH '29' AND d.key =~ '29-.*' RETURN size([1, 2]) AS a, size('abc') AS b, "
     "coalesce(d.locality, 'none') AS c, range(1, 3) AS r, any(x IN [1, 2] WHERE x > 1) AS y"),
    ("collect, all, none, single, IN, OPTIONAL MATCH, UNION",
     "MATCH (d:Document {id: $id}) OPTIONAL MATCH (d)<-[:IMPLEMENTS]-(p:Document) WITH d, collect(p.id) AS ps "
     "RETURN size(ps) AS n, all(x IN [1, 2] WHERE x > 0) AS a, none(x IN [1] WHERE x > 1) AS b, "
     "single(x IN [1, 2] WHERE x > 1) AS c, 2 IN [1, 2] AS i UNION RETURN 0 AS n, true AS a, true AS b, true AS c, "
     "true AS i",
     "MATCH (d:Document {id: $id}) OPTIONAL MATCH (d)<-[:IMPLEMENTS]-(p:Document) WITH d, collect(p.id) AS ps "
     "RETURN size(ps) AS n, all(x IN [1, 2] WHERE x > 0) AS a, none(x IN [1] WHERE x > 1) AS b, "
     "single(x IN [1, 2] WHERE x > 1) AS c, 2 IN [1, 2] AS i UNION RETURN 0 AS n, true AS a, true AS b, true AS c, "
     "true AS i"),
]

# the same text on both, different answers: (query, embedded store's answer, Neo4j's answer, note fragment)
SILENT = [
    ("RETURN substring('abcdef', 1, 2) AS s", [["ab"]], [["bc"]], "substring(s, start, length) counts from 1"),
    ("RETURN [10, 20, 30][1] AS x", [[10]], [[20]], "lists count from 1"),
    ("RETURN [10, 20, 30][1..2] AS x", [[[10, 20]]], [[[20]]], "lists count from 1"),
    ("MATCH (n:Province {name: 'Hà Nội'}) RETURN labels(n) AS l", [["Province"]], [[["Province"]]],
     "labels(n) is one text"),
    ("RETURN reverse([1, 2]) AS r", [["]2,1["]], [[[2, 1]]], "list_reverse(l)"),
]

# Neo4j forms the embedded store refuses: (query, fragment of the hint, the form the hint names)
LADYBUG_REJECTS = [
    ("MATCH ()-[r:IMPLEMENTS]->() RETURN type(r) LIMIT 1", "label(r)",
     "MATCH ()-[r:IMPLEMENTS]->() RETURN label(r) LIMIT 1"),
    ("RETURN apoc.coll.sum([1, 2]) AS s", "list_sum", "RETURN list_sum([1, 2]) AS s"),
    ("MATCH (d:Document) RETURN COUNT { (d)-->() } AS n", "OPTIONAL MATCH",
     "MATCH (d:Document) OPTIONAL MATCH (d)-[r]->() WITH d, count(r) AS n RETURN n"),
    ("CALL { MATCH (d:Document) RETURN d } RETURN count(d)", "WITH", "MATCH (d:Document) WITH d RETURN count(d)"),
    ("CALL db.labels()", "show_tables()", "CALL show_tables() RETURN *"),
    ("SHOW INDEXES", "show_tables()", "CALL table_info('Document') RETURN *"),
    ("RETURN toInteger('1') AS i", "CAST(x AS INT64)", "RETURN CAST('1' AS INT64) AS i"),
    ("RETURN split('a b', ' ') AS s", "string_split", "RETURN string_split('a b', ' ') AS s"),
    ("RETURN head([1, 2]) AS h", "list_element(l, 1)", "RETURN list_element([1, 2], 1) AS h"),
    ("RETURN tail([1, 2]) AS t", "list_slice(l, 2, size(l))", "RETURN list_slice([1, 2], 2, 2) AS t"),
    ("RETURN reduce(s = 0, x IN [1, 2] | s + x) AS r", "list_reduce", "RETURN list_reduce([1, 2], (s, x) -> s + x) AS r"),
    ("RETURN [x IN [1, 2] | x * 2] AS l", "list_transform", "RETURN list_transform([1, 2], x -> x * 2) AS l"),
    ("MATCH (d:Document) RETURN d {.key} LIMIT 1", "map literal", "MATCH (d:Document) RETURN {key: d.key} LIMIT 1"),
    ("MATCH (d:Document) WHERE d.date IS NOT NULL RETURN d.date.year LIMIT 1", "date_part",
     "MATCH (d:Document) WHERE d.date IS NOT NULL RETURN date_part('year', d.date) LIMIT 1"),
    ("RETURN duration.inDays(date('2024-01-01'), date('2024-02-01')).days AS n", "number of days",
     "RETURN date('2024-02-01') - date('2024-01-01') AS n"),
    ("MATCH p = shortestPath((a:Document)-[*..3]-(b:Province)) RETURN p LIMIT 1", "SHORTEST",
     "MATCH p = (a:Document)-[* SHORTEST 1..3]-(b:Province) RETURN length(p) LIMIT 1"),
    ("MATCH (n) WHERE n:Document RETURN count(n)", "label(n) = 'Document'",
     "MATCH (n) WHERE label(n) = 'Document' RETURN count(n)"),
    ("MATCH (n:Document) RETURN elementId(n) LIMIT 1", "id(n)", "MATCH (n:Document) RETURN id(n) LIMIT 1"),
    ("MATCH (n:Document) WHERE exists(n.key) RETURN count(n)", "IS NOT NULL",
     "MATCH (n:Document) WHERE n.key IS NOT NULL RETURN count(n)"),
    ("RETURN isEmpty([]) AS e", "size(l) = 0", "RETURN size([]) = 0 AS e"),
    ("RETURN date() AS d", "current_date()", "RETURN current_date() AS d"),
    ("RETURN substring('abc', 1) AS s", "three arguments", "RETURN substring('abc', 2, 2) AS s"),
    ("RETURN [10, 20][0] AS first", "l[1] is the first element", "RETURN [10, 20][1] AS first"),
]

# the embedded store's forms Neo4j refuses: (query, fragment of the hint)
NEO4J_REJECTS = [
    ("MATCH ()-[r:IMPLEMENTS]->() RETURN label(r) LIMIT 1", "type(r)"),
    ("MATCH p = (:Document)-[:IMPLEMENTS]->(:Document) RETURN properties(nodes(p), 'key') LIMIT 1",
     "[n IN nodes(p) | n.key]"),
    ("MATCH (d:Document) RETURN date_part('year', d.date) LIMIT 1", "d.date.year"),
    ("RETURN string_split('a b', ' ') AS s", "split(s, sep)"),
    ("RETURN list_sum([1, 2]) AS s", "no list_"),
    ("RETURN CAST('1' AS INT64) AS i", "toInteger(x)"),
    ("RETURN current_date() AS d", "date()"),
    ("CALL show_tables() RETURN *", "db.labels()"),
]


@pytest.fixture(scope="module")
def store_dir(examples_dir, tmp_path_factory):
    """The examples in an embedded store of this module's own (the CLI opens it, in this process and in others)."""
    from conftest import _ingest_into

    folder = tmp_path_factory.mktemp("dialect") / "store"
    _ingest_into(folder, [p for p in sorted(examples_dir.iterdir()) if p.name != "README.md"]).close()
    return folder


@pytest.fixture(scope="module")
def stores(store_dir, neo4j_server):
    """(embedded, Neo4j) holding the same graph: the examples, pushed into the test server."""
    from vankien.graph.exchange.push import push
    from vankien.graph.stores import open_store
    from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

    env = {k: v for k, v in neo4j_server.items() if k.startswith("NEO4J_")}
    embedded = open_store(store_dir, read_only=True)
    neo4j = Neo4jStore(Neo4jSettings.from_env(env=env))
    neo4j.query("MATCH (n) DETACH DELETE n", write=True)
    push(embedded, neo4j)
    yield embedded, neo4j
    neo4j.close()
    embedded.close()


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 9)
    return value


def _answer(store, cypher: str) -> list[str]:
    rows = store.query(cypher, {"id": DOC} if "$id" in cypher else {}).rows
    return sorted(json.dumps(_plain(r), sort_keys=True, default=str, ensure_ascii=False) for r in rows)


@pytest.mark.parametrize("what,on_neo4j,on_ladybug", PAIRS, ids=[p[0] for p in PAIRS])
def test_each_dialects_form_gives_the_same_answer_on_its_store(stores, what, on_neo4j, on_ladybug):
    embedded, neo4j = stores
    want = _answer(neo4j, on_neo4j)
    assert want and _answer(embedded, on_ladybug) == want
    if on_neo4j != on_ladybug:          # and each store refuses, or answers differently, the other's form
        try:
            other = _answer(embedded, on_neo4j)
        except Exception:
            other = None
        assert other != want, f"{what}: the embedded store answers Neo4j's form the same"


def _cli(args: list[str], env: dict[str, str] | None = None):
    from vankien.cli import main

    return CliRunner().invoke(main, args, env=env)


@pytest.mark.parametrize("cypher,embedded,on_neo4j,note", SILENT, ids=[s[0] for s in SILENT])
def test_what_both_accept_and_answer_differently_is_noted(stores, store_dir, cypher, embedded, on_neo4j, note):
    ladybug, neo4j = stores
    assert ladybug.query(cypher).rows == embedded
    assert neo4j.query(cypher).rows == on_neo4j
    result = _cli(["query", "--store", str(store_dir), cypher, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [dict(zip(ladybug.query(cypher).columns, row)) for row in embedded]
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1 and note in notes[0]


def test_a_size_of_a_pattern_is_noted_on_the_embedded_store_and_refused_by_neo4j(stores, store_dir):
    ladybug, neo4j = stores
    cypher = f"MATCH (d:Document {{id: '{DOC}'}}) RETURN size((d)<-[:IMPLEMENTS]-()) AS n"
    real = ladybug.query(f"MATCH (d:Document {{id: '{DOC}'}})<-[r:IMPLEMENTS]-() RETURN count(r)").scalar()
    assert ladybug.query(cypher).scalar() != real       # a number, but not the count
    with pytest.raises(Exception, match="COUNT"):
        neo4j.query(cypher)
    result = _cli(["query", "--store", str(store_dir), cypher])
    assert result.exit_code == 0 and "note: size() of a pattern is no count" in result.stderr


@pytest.mark.parametrize("cypher,hint,instead", LADYBUG_REJECTS, ids=[r[0] for r in LADYBUG_REJECTS])
def test_a_neo4j_form_the_embedded_store_rejects_gets_a_hint(store_dir, cypher, hint, instead):
    result = _cli(["query", "--store", str(store_dir), cypher])
    assert result.exit_code == 1, result.output
    hints = [line for line in result.stderr.splitlines() if line.startswith("hint: ")]
    assert hints and any(hint in h for h in hints), result.stderr
    assert "Error: " in result.stderr                     # Ladybug's own message still shown
    done = _cli(["query", "--store", str(store_dir), instead])
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize("cypher,hint", NEO4J_REJECTS, ids=[r[0] for r in NEO4J_REJECTS])
def test_an_embedded_form_neo4j_rejects_gets_a_hint(stores, neo4j_server, cypher, hint):
    env = {k: v for k, v in neo4j_server.items() if k.startswith("NEO4J_")}
    result = _cli(["query", "--neo4j", cypher], env=env)
    assert result.exit_code == 1, result.output
    hints = [line for line in result.stderr.splitlines() if line.startswith("hint: ")]
    assert any(hint in h for h in hints), result.stderr
    assert not any(line.startswith("note: ") for line in result.stderr.splitlines())


def test_vankien_query_in_its_own_process_hints_and_names_label_columns(store_dir):
    """The installed command, as a user runs it: a hint for type(r); an unaliased label(r) is headed label(r)."""
    run = [sys.executable, "-m", "vankien", "query", "--store", str(store_dir)]
    refused = subprocess.run(run + ["MATCH (:Document)-[r]->() RETURN type(r), count(*)"], capture_output=True,
                             text=True, env=os.environ.copy(), timeout=120)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == ("hint: the embedded store names a relationship's type with label(r) "
                                              "(type(r) in Neo4j)")
    done = subprocess.run(run + ["MATCH (:Document)-[r]->() RETURN label(r), count(*) AS n ORDER BY n DESC",
                                 "--format", "csv"], capture_output=True, text=True, env=os.environ.copy(), timeout=120)
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header == "label(r),n" and rows and done.stderr == ""
    # a string that only looks like a construct is no construct
    quiet = subprocess.run(run + ["RETURN 'type(r) and substring(s, 1, 2)' AS text"], capture_output=True, text=True,
                           env=os.environ.copy(), timeout=120)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_dates_and_days_are_values_of_the_same_kind_on_both(stores):
    ladybug, neo4j = stores
    q = "MATCH (d:Document {id: $id}) RETURN d.date"
    assert isinstance(ladybug.query(q, {"id": DOC}).scalar(), dt.date)
    assert ladybug.query(q, {"id": DOC}).scalar() == neo4j.query(q, {"id": DOC}).scalar()
