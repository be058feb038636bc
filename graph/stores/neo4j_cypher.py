"""Cypher for Neo4j, built from graph/model/schema.py: the schema (uniqueness constraints and indexes) and
the batched ``UNWIND $rows … MERGE`` statements that write nodes and edges.

Labels, relationship types and property names cannot be parameters, so they come only from the
fixed vocabulary of graph/model/schema.py (``check_label`` / ``check_property``); every value is a
parameter. Pure functions: nothing here needs a server.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from vankien.loaders.vocab import vocab

from vankien.graph.model import facts as F
from vankien.graph.model.batch import Batch
from vankien.graph.model.identity import PROVINCE_MERGER, iso_date
from vankien.graph.model.schema import (DOCUMENT, EDGE_KEY, FULLTEXT, NODES, ORGANIZATION, PRIMARY_KEY, REL_BY_NAME,
                                       RELATIONSHIPS, SEARCHED, SEARCHED_EDGE_PROPS, RelTable, check_label)

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_property(owner: str, prop: str) -> str:
    """A property of a node label or relationship type in graph/model/schema.py (pasted into Cypher)."""
    props = NODES[owner] if owner in NODES else REL_BY_NAME[owner].props if owner in REL_BY_NAME else None
    if props is None:
        raise ValueError(f"unknown label or relationship type: {owner!r}")
    if prop not in props or not _IDENTIFIER.match(prop):
        raise ValueError(f"unknown property {prop!r} of {owner}")
    return prop


def _name(*parts: str) -> str:
    return "vankien_" + "_".join(p.lower() for p in parts)


# --- schema --------------------------------------------------------------------------------------
def constraint_statements() -> list[str]:
    """One uniqueness constraint per label on its key (which also indexes it)."""
    return [f"CREATE CONSTRAINT {_name(label, key)} IF NOT EXISTS "
            f"FOR (n:{check_label(label)}) REQUIRE n.{check_property(label, key)} IS UNIQUE"
            for label, key in PRIMARY_KEY.items()]


def index_statements() -> list[str]:
    """Indexes on what people search by (schema.SEARCHED) and on what the ambiguity pass looks edges up by."""
    out = [f"CREATE INDEX {_name(label, prop)} IF NOT EXISTS FOR (n:{check_label(label)}) "
           f"ON (n.{check_property(label, prop)})"
           for label, props in SEARCHED.items() for prop in props]
    out += [f"CREATE INDEX {_name(rel.name, prop)} IF NOT EXISTS FOR ()-[r:{check_label(rel.name)}]-() "
            f"ON (r.{check_property(rel.name, prop)})"
            for rel in RELATIONSHIPS for prop in SEARCHED_EDGE_PROPS if prop in rel.props]
    return out


FULLTEXT_INDEX = "vankien_document_text"
# Neo4j's default analyzer (db.index.fulltext.default_analyzer), "standard-no-stop-words": Lucene's
# standard tokenizer and lower-casing, no stop words, diacritics kept (search as written).
# "standard-folding" would find "to chuc" but drops English stop words, among them Vietnamese
# syllables folded to ASCII ("tổ" -> "to", "thể" -> "the", "an").
FULLTEXT_ANALYZER = "standard-no-stop-words"


def fulltext_statements() -> list[str]:
    """One full-text index over what documents are called (schema.FULLTEXT: key, base, descriptor, kind,
    issuing body) and the titles of the texts (Source.title), queried with
    ``CALL db.index.fulltext.queryNodes('vankien_document_text', $words)``."""
    labels = "|".join(check_label(label) for label in FULLTEXT)
    props = list(dict.fromkeys(check_property(label, p) for label, ps in FULLTEXT.items() for p in ps))
    return [f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{labels}) "
            f"ON EACH [{', '.join('n.' + p for p in props)}]"]


def schema_statements() -> list[str]:
    return constraint_statements() + index_statements() + fulltext_statements()


# --- values --------------------------------------------------------------------------------------
def to_value(value: Any, kind: str) -> Any:
    """A stored value as a Neo4j parameter of the schema's type: dates as ``date`` values (the
    driver sends datetime.date as a Cypher date), lists never null."""
    if kind == "DATE":
        return value if isinstance(value, dt.date) else iso_date(value)
    if kind.endswith("[]"):
        return list(value or [])
    return value


def typed(props: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    """Every property of the schema (missing ones null), each as its type; internal keys (``_ID``…) dropped."""
    return {p: to_value(props.get(p), t) for p, t in types.items()}


# --- nodes ---------------------------------------------------------------------------------------
def merge_nodes(label: str) -> str:
    """Nodes keyed by their label's primary key; ``SET +=`` makes the node's properties the row's
    (a null removes the property), so writing the same rows twice changes nothing.
    Rows: ``{"key": …, "props": {…}}``."""
    key = check_property(check_label(label), PRIMARY_KEY[label])
    return f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.key}}) SET n += row.props"


def node_rows(label: str, nodes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    key = PRIMARY_KEY[label]
    return [{"key": n[key], "props": typed(n, NODES[label])} for n in nodes]


# --- edges ---------------------------------------------------------------------------------------
def merge_edges(rel: RelTable, keys: tuple[str, ...]) -> str:
    """Edges of one type between nodes found by their keys, merged on ``keys`` (a subset of
    schema.EDGE_KEY: one edge per stating text and place), properties set from the row.
    Rows: ``{"src": …, "dst": …, "props": {…}}`` plus each key property at the top level."""
    src_key, dst_key = PRIMARY_KEY[check_label(rel.src)], PRIMARY_KEY[check_label(rel.dst)]
    merge_on = ", ".join(f"{check_property(rel.name, k)}: row.{k}" for k in keys)
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{check_label(rel.src)} {{{check_property(rel.src, src_key)}: row.src}}) "
            f"MATCH (b:{check_label(rel.dst)} {{{check_property(rel.dst, dst_key)}: row.dst}}) "
            f"MERGE (a)-[r:{check_label(rel.name)}{' {' + merge_on + '}' if merge_on else ''}]->(b) "
            f"SET r += row.props")


def edge_statements(rel: RelTable, edges: Iterable[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) pairs writing ``edges`` (dicts with ``src_id``, ``dst_id`` and properties).

    Neo4j cannot MERGE on a null, so rows are grouped by which of their key properties have a
    value and each group is merged on those; edges that differ only in a missing key are one edge,
    as they are in vankien.graph.queries.network."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        props = typed(e, rel.props)
        keys = tuple(k for k in EDGE_KEY[rel.name] if props.get(k) is not None)
        groups[keys].append({"src": e["src_id"], "dst": e["dst_id"], **{k: props[k] for k in keys},
                             "props": props})
    return [(merge_edges(rel, keys), rows) for keys, rows in groups.items()]


# --- writing a Batch (vankien ingest --neo4j) ------------------------------------------------------
READ_DOCUMENTS = ("UNWIND $ids AS i MATCH (d:Document {id: i}) "
                  "RETURN d.id AS id, d.facts AS facts, d.sources AS sources, d.full_text AS full_text")

# a new document gets its identity properties once; the values derived from its facts every time
MERGE_DOCUMENTS = ("UNWIND $rows AS row MERGE (d:Document {id: row.id}) "
                   "ON CREATE SET d += row.identity SET d += row.values")

# counts of texts that name an organisation add up across batches
MERGE_ORGANIZATIONS = ("UNWIND $rows AS row MERGE (o:Organization {id: row.id}) "
                       "ON CREATE SET o += row.props, o.sources = 0 SET o.sources = o.sources + row.n")

MERGE_SOURCES = merge_nodes("Source")

COUNT_PROVINCES = "MATCH (p:Province) RETURN count(p) AS n"


def document_rows(batch: Batch, existing: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for MERGE_DOCUMENTS: each document's facts merged with what the store already has
    (``existing``: id -> facts, sources, full_text), as vankien.graph.model.facts.node_values shows them."""
    rows = []
    for doc in batch.docs.values():
        old = existing.get(doc.id)
        facts = F.merge(F.loads(old["facts"]), doc.facts) if old else doc.facts
        values = F.node_values(facts, doc.sources + ((old["sources"] or 0) if old else 0),
                               doc.full_text or bool(old and old["full_text"]))
        identity = {**doc.props, "candidates": [], "in_force": True}
        rows.append({"id": doc.id,
                     "identity": {p: to_value(v, DOCUMENT[p]) for p, v in identity.items() if p not in values},
                     "values": {p: to_value(v, DOCUMENT[p]) for p, v in values.items()}})
    return rows


def organization_rows(batch: Batch) -> list[dict[str, Any]]:
    """Rows for MERGE_ORGANIZATIONS: properties of a new organisation, and how many texts name it."""
    return [{"id": o.id, "props": {p: to_value(o.props.get(p), t) for p, t in ORGANIZATION.items()
                                   if p not in ("id", "sources")}, "n": o.sources}
            for o in batch.orgs.values()]


def province_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The provinces (loaders/data/provinces.toml) as Province nodes and their 2025 SUCCEEDED_BY edges."""
    provinces = vocab().provinces
    until = PROVINCE_MERGER - dt.timedelta(days=1)
    nodes = [{"name": p["name"], "city": bool(p.get("city")), "merged_into": p.get("merged_into"),
              "until": until if p.get("merged_into") else None} for p in provinces]
    edges = [{"src_id": p["name"], "dst_id": p["merged_into"], "date": PROVINCE_MERGER}
             for p in provinces if p.get("merged_into")]
    return nodes, edges
