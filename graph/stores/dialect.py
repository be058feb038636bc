"""Where the embedded store's Cypher (Ladybug's openCypher) and Neo4j's differ, as `vankien query` tells it.

Every entry was checked on both real stores (tests/test_dialect.py runs each Neo4j form on Neo4j and each
Ladybug form on Ladybug, and the README's table of differences comes from the same checks):

* ``hints(cypher, store)``: when a store REJECTED a query, one line per construct of the other dialect
  found in it, naming this store's form (``type(r)`` on the embedded store: use ``label(r)``);
* ``notes(cypher)``: constructs the embedded store ACCEPTS but answers differently from Neo4j
  (``substring`` counts from 1, list indexes from 1, ``labels(n)`` is one text, ``reverse`` of a list
  reverses its text), printed beside a successful answer;
* ``tidy_columns``: Ladybug names an unaliased ``label(r)`` column after its internals
  (``LABEL(r._ID,[,,,,IMPLEMENTS,,REVIEWS …])``): it is shown as ``label(r)``.

The Cypher vankien builds itself runs on both stores: the relationship type comes from
``store.rel_type_function`` (``label`` / ``type``) and nothing else it sends differs (checked by running the
shared queries on both, tests/test_neo4j_integration.py).
"""
from __future__ import annotations

import re
from typing import NamedTuple


class Hint(NamedTuple):
    pattern: re.Pattern[str]
    text: str


def _h(pattern: str, text: str) -> Hint:
    return Hint(re.compile(pattern, re.IGNORECASE), text)


# Neo4j constructs the embedded store rejects -> what it takes instead
LADYBUG_HINTS: tuple[Hint, ...] = (
    _h(r"\btype\s*\(", "the embedded store names a relationship's type with label(r) (type(r) in Neo4j)"),
    _h(r"\bapoc\.", "APOC is a Neo4j plug-in: the embedded store has none; its own functions cover much of it "
                    "(list_sum, list_sort, list_distinct, string_split, date_part …)"),
    _h(r"\bcount\s*\{", "COUNT { … } subqueries: use OPTIONAL MATCH (d)-[…]->(x) WITH d, count(x) AS n"),
    _h(r"\bcall\s*\{", "CALL { … } subqueries: chain MATCH … WITH … clauses instead"),
    _h(r"\bcall\s+db\.|\bshow\s+(indexes|constraints|procedures|functions|databases)\b",
       "the tables and their properties: CALL show_tables() RETURN *; CALL table_info('Document') RETURN *"),
    _h(r"\b(toInteger|toFloat|toString|toBoolean)\s*\(",
       "conversions: CAST(x AS INT64), CAST(x AS DOUBLE), CAST(x AS STRING), CAST(x AS BOOLEAN)"),
    _h(r"\bsplit\s*\(", "split(s, sep) is string_split(s, sep) on the embedded store"),
    _h(r"\b(head|last)\s*\(", "head(l) / last(l): list_element(l, 1) / list_element(l, -1) (lists count from 1)"),
    _h(r"\btail\s*\(", "tail(l): list_slice(l, 2, size(l)) (lists count from 1)"),
    _h(r"\breduce\s*\(", "reduce(s = 0, x IN l | s + x): list_reduce(l, (s, x) -> s + x)"),
    _h(r"\[\s*\w+\s+in\s+", "list comprehensions [x IN l WHERE … | …]: list_filter(l, x -> …), "
                            "list_transform(l, x -> …); [n IN nodes(p) | n.key] is properties(nodes(p), 'key')"),
    _h(r"\b\w+\s*\{\s*\.\w+", "map projections d {.key, .date}: a map literal {key: d.key, date: d.date}"),
    _h(r"\.\s*(year|month|day|quarter|week)\b", "date parts: date_part('year', d.date) (d.date.year in Neo4j)"),
    _h(r"\bduration\s*[.(]", "days between two dates: later.date - earlier.date is a number of days on the "
                             "embedded store (duration.inDays(a, b).days in Neo4j)"),
    _h(r"\b(shortestPath|allShortestPaths)\s*\(", "shortest paths: MATCH p = (a)-[* SHORTEST 1..5]-(b) "
                                                  "(ALL SHORTEST for all of them)"),
    _h(r"\b(where|and|or|not)\s+\(?\s*\w+\s*:\s*[A-Za-z_]\w*",
       "label predicates (WHERE n:Document): label(n) = 'Document', or the label in the MATCH pattern"),
    _h(r"(\w|\)|\])\s*\[\s*0\s*\]", "lists count from 1 on the embedded store: l[1] is the first element (l[0] in Neo4j)"),
    _h(r"\belementId\s*\(", "elementId(n): id(n) (an internal id {table, offset}) on the embedded store"),
    _h(r"\bexists\s*\(", "exists(n.p): n.p IS NOT NULL; a pattern: EXISTS { MATCH (n)-[…]->() }"),
    _h(r"\bisEmpty\s*\(", "isEmpty(l): size(l) = 0"),
    _h(r"\b(datetime|date|timestamp)\s*\(\s*\)", "today and now: current_date(), current_timestamp()"),
    _h(r"\bsubstring\s*\(\s*[^,()]+,\s*[^,()]+\)",
       "substring takes three arguments on the embedded store, counting from 1: substring(s, start, length)"),
)

# embedded-store constructs Neo4j rejects -> what Neo4j takes instead (vankien query --neo4j)
NEO4J_HINTS: tuple[Hint, ...] = (
    _h(r"\blabel\s*\(", "Neo4j names a relationship's type with type(r), a node's labels with labels(n) "
                        "(label(…) on the embedded store)"),
    _h(r"\bproperties\s*\(\s*(nodes|rels|relationships)\s*\(", "Neo4j: [n IN nodes(p) | n.key] "
                                                                "(properties(nodes(p), 'key') on the embedded store)"),
    _h(r"\bdate_part\s*\(", "Neo4j: d.date.year, d.date.month … (date_part('year', d.date) on the embedded store)"),
    _h(r"\bstring_split\s*\(", "Neo4j: split(s, sep) (string_split on the embedded store)"),
    _h(r"\blist_\w+\s*\(", "Neo4j has no list_… functions: [x IN l WHERE … | …], reduce(), l[0], l[1..3], "
                           "size(l), x IN l"),
    _h(r"\bcast\s*\(", "Neo4j: toInteger(x), toFloat(x), toString(x), toBoolean(x) (CAST(x AS …) on the embedded "
                       "store)"),
    _h(r"\bcurrent_(date|timestamp)\s*\(", "Neo4j: date(), datetime() (current_date(), current_timestamp() on the "
                                           "embedded store)"),
    _h(r"\brels\s*\(", "Neo4j: relationships(p) (rels(p) on the embedded store)"),
    _h(r"\bshow_tables\s*\(|\btable_info\s*\(", "Neo4j: CALL db.labels(), CALL db.relationshipTypes(), "
                                                "SHOW INDEXES"),
)

# accepted by the embedded store, answered differently from Neo4j
NOTES: tuple[Hint, ...] = (
    _h(r"\bsubstring\s*\(", "substring(s, start, length) counts from 1 on the embedded store: "
                            "substring('abcdef', 1, 2) is 'ab' here, 'bc' in Neo4j (which counts from 0)"),
    _h(r"(\w|\)|\])\s*\[\s*-?\d+\s*(\]|\.\.|:)", "lists count from 1 on the embedded store: l[1] is the first element "
                                              "(Neo4j: l[0]), l[1..2] the first two (Neo4j: l[0..2])"),
    _h(r"\blabels\s*\(", "labels(n) is one text on the embedded store ('Document'), a list in Neo4j (['Document'])"),
    _h(r"\breverse\s*\(", "reverse() reverses text on the embedded store, a list as its text: list_reverse(l) "
                          "reverses a list"),
    _h(r"\bsize\s*\(\s*\(", "size() of a pattern is no count on the embedded store: OPTIONAL MATCH the pattern "
                            "and count() it"),
)

_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def _code(cypher: str) -> str:
    """CYPHER without its string literals, quoted names and comments (they hold no construct)."""
    return _STRING.sub(lambda m: "''" if m.group(0)[:1] in "'\"" else " ", cypher)


def hints(cypher: str, store: str) -> list[str]:
    """One line per construct of the other dialect in CYPHER, which STORE ('ladybug' or 'neo4j') rejected."""
    table = LADYBUG_HINTS if store == "ladybug" else NEO4J_HINTS
    code = _code(cypher)
    return [h.text for h in table if h.pattern.search(code)]


def notes(cypher: str) -> list[str]:
    """What in CYPHER the embedded store answers differently from Neo4j (it ran)."""
    code = _code(cypher)
    return [h.text for h in NOTES if h.pattern.search(code)]


_LABEL_COLUMN = re.compile(r"\bLABEL\((\w+)\._ID,\[[^\]]*\]\)")


def tidy_columns(columns: list[str]) -> list[str]:
    """Ladybug's column names as people wrote them where its own are internals: an unaliased
    ``label(r)`` over several types is named ``LABEL(r._ID,[,,,,IMPLEMENTS,,REVIEWS …])`` -> ``label(r)``."""
    return [_LABEL_COLUMN.sub(r"label(\1)", c) for c in columns]
