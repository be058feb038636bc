"""The graph of a store as RDF triples, page by page.

The store is read through vankien.graph.exchange.pages, the pages a push to Neo4j and the
neo4j-admin CSV export read too (Cypher that Ladybug and Neo4j both run): nodes in pages of their
primary key, and the edges leaving each page one relationship type at a time, by its fixed name.

Every page holds the triples of its nodes and their outgoing edges:
- each node with its properties (ontology/vocabulary.py says which term each becomes);
- each edge as a direct triple (``<a> vk:implements <b>``) and, with its evidence, as a qualified
  relation node (``vk:Implementation``, a rico:Relation: source, target, rico:isEvidencedBy and
  prov:wasDerivedFrom the text, the sentence, span, cue and rico:relationCertainty);
- for every vk: class and property, its super-classes and super-properties in the ontology, so that
  the ELI, RiC-O, Dublin Core and PROV-O terms are in the data and need no reasoner.
The first page is the vocabulary: the SKOS concept schemes (ontology/schemes.py).
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from vankien.graph.exchange.pages import edges_from, node_pages, scan_pages
from vankien.graph.model.schema import PRIMARY_KEY, RELATIONSHIPS, RelTable
from vankien.graph.stores import GraphStore

from vankien.ontology.iris import Minter, concept
from vankien.ontology.schemes import scheme_triples
from vankien.ontology.vocabulary import (EDGES, NODE_CLASS, NODE_PROPS, ONTOLOGY_FILE, REVERSED, RICO, SCHEMES, TEXT_OF, VK, Prop,
                         edge_props)

Triple = tuple[URIRef, URIRef, Any]
# terms used for every node and edge, looked up once (rdflib builds a new URIRef per attribute access)
TYPE, LABEL = RDF.type, RDFS.label
HAS_SOURCE, HAS_TARGET, EVIDENCED_BY, DERIVED_FROM = (RICO.relationHasSource, RICO.relationHasTarget,
                                                      RICO.isEvidencedBy, PROV.wasDerivedFrom)
DATA, VOCABULARY = "data", "vocabulary"
PAGE_SIZE = 1000
EXPORTED_LABELS = ("Document", "Organization", "Source")


@dataclass
class Page:
    graph: str                 # DATA or VOCABULARY (the named graph in TriG)
    triples: list[Triple]


# --- the ontology's hierarchy, for the standard-vocabulary triples -------------------------------
@functools.cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@functools.cache
def supers() -> dict[URIRef, tuple[URIRef, ...]]:
    """Each vk: class and property -> all its super-classes / super-properties (transitively)."""
    g = ontology()
    out: dict[URIRef, tuple[URIRef, ...]] = {}
    for rel in (RDFS.subClassOf, RDFS.subPropertyOf):
        for term in set(g.subjects(rel, None)):
            if isinstance(term, URIRef) and term.startswith(str(VK)):
                out[term] = tuple(t for t in g.transitive_objects(term, rel) if t != term and isinstance(t, URIRef))
    return out


def entail(triples: Iterable[Triple]) -> list[Triple]:
    """The triples, each followed by the same statement with every super-class / super-property."""
    up = supers()
    out: dict[Triple, None] = {}
    is_type = str.__eq__        # str's own comparison (rdflib's == runs Python code): p is always an IRI
    for s, p, o in triples:
        out[(s, p, o)] = None
        if is_type(p, TYPE):
            for c in up.get(o, ()):
                out[(s, p, c)] = None
        else:
            for q in up.get(p, ()):
                out[(s, q, o)] = None
    return list(out)


# --- values ------------------------------------------------------------------------------------
def iso_date(value: Any) -> str | None:
    """A full date as YYYY-MM-DD from a date (Ladybug), a neo4j Date or an ISO string; else None."""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


@functools.lru_cache(maxsize=1 << 14, typed=True)     # typed: True, 1 and 1.0 are three literals
def _typed(value: Any, datatype: URIRef | None = None) -> Literal:
    """Literals that recur (booleans, counts, spans, confidences, dates), built once: building a Literal
    costs rdflib several microseconds."""
    return Literal(value, datatype=datatype) if datatype is not None else Literal(value)


def _literal(value: Any, kind: str) -> Literal | None:
    if kind == "boolean":
        return _typed(bool(value))
    if kind == "integer":
        return _typed(int(value))
    if kind == "double":
        return _typed(float(value))
    if kind in ("date", "date_or_text"):
        day = iso_date(value)
        if day:
            return _typed(day, XSD.date)
        return Literal(str(value)) if kind == "date_or_text" and str(value).strip() else None
    text = str(value)
    if not text.strip():
        return None
    if kind == "text":
        return Literal(text, lang="vi")
    if kind == "uri":
        return Literal(text, datatype=XSD.anyURI)
    if kind == "datetime":
        try:
            dt.datetime.fromisoformat(text)
            return Literal(text, datatype=XSD.dateTime)
        except ValueError:
            return Literal(text)
    return Literal(text)


def objects(value: Any, prop: Prop, minter: Minter) -> Iterator[Any]:
    """The RDF objects of one stored value (none for a missing value, one per item of a list)."""
    if value is None:
        return
    for v in value if isinstance(value, (list, tuple)) else [value]:
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if prop.kind in SCHEMES:
            yield concept(prop.kind, str(v))
        elif prop.kind in NODE_CLASS:
            yield minter.node(prop.kind, str(v))
        else:
            lit = _literal(v, prop.kind)
            if lit is not None:
                yield lit


# --- nodes and edges -------------------------------------------------------------------------------
def _display(label: str, row: dict[str, Any]) -> str | None:
    if label == "Document":
        named = " ".join(x for x in (row.get("kind"), row.get("key")) if x)
        return named if row.get("key") else (row.get("descriptor") or row.get("kind") or row["id"])
    if label == "Organization":
        return row.get("name") or row["id"]
    return row.get("title") or row.get("source") or row["sha256"]


def node_triples(label: str, row: dict[str, Any], minter: Minter) -> Iterator[Triple]:
    s = minter.node(label, row[PRIMARY_KEY[label]])
    yield s, TYPE, NODE_CLASS[label]
    if label == "Organization" and row.get("kind") == "class":     # a generic addressee, not one body
        yield s, TYPE, VK.OrganizationClass
    name = _display(label, row)
    if name:
        yield s, LABEL, Literal(name, lang="vi")
    for col, prop in NODE_PROPS[label].items():
        for o in objects(row.get(col), prop, minter):
            yield s, prop.term, o


def edge_triples(rel: RelTable, row: dict[str, Any], minter: Minter) -> Iterator[Triple]:
    """The direct triple of one edge and, when its type has one, its qualified relation node."""
    terms = EDGES[rel.name]
    a, b = minter.node(rel.src, row["src_id"]), minter.node(rel.dst, row["dst_id"])
    subject, target = (b, a) if rel.name in REVERSED else (a, b)
    yield subject, terms.direct, target
    if rel.name == "APPEARS_IN" and row.get("subject"):
        yield subject, TEXT_OF, target
    if terms.qualified is None:
        return
    if rel.name == "APPEARS_IN":
        sha = row["dst_id"]
        q = minter.mention(row["src_id"], sha, row.get("span_start"), row.get("resolved_from"))
    else:
        sha = row.get("source")
        q = minter.relation(rel.name, row["src_id"], row["dst_id"], sha, row.get("span_start"), row.get("span_end"),
                            row.get("role"), row.get("resolved_from"))
    yield q, TYPE, terms.qualified
    yield q, HAS_SOURCE, subject
    yield q, HAS_TARGET, target
    if sha:
        text = minter.source(sha)
        yield q, EVIDENCED_BY, text
        yield q, DERIVED_FROM, text
    for col, prop in edge_props(rel.name).items():
        for o in objects(row.get(col), prop, minter):
            yield q, prop.term, o


def pages(store: GraphStore, minter: Minter | None = None, page_size: int = PAGE_SIZE,
          vocabulary: bool = True) -> Iterator[Page]:
    """The whole export: the vocabulary page, then a page per ``page_size`` nodes of each label
    with the edges that leave them. Memory stays bounded by the page size, and a page costs what it
    holds wherever it lies in the store (vankien.graph.exchange.pages.scan_pages), so time is linear."""
    minter = minter or Minter()
    if vocabulary:
        yield Page(VOCABULARY, entail(scheme_triples()))
    for label in EXPORTED_LABELS:
        rels = [r for r in RELATIONSHIPS if r.src == label and r.name in EDGES]
        for rows, edges in scan_pages(store, label, rels, page_size):
            triples: list[Triple] = []
            for row in rows:
                triples.extend(node_triples(label, row, minter))
            for rel in rels:
                for row in edges[rel.name]:
                    triples.extend(edge_triples(rel, row, minter))
            yield Page(DATA, entail(triples))


def key_range_pages(store: GraphStore, minter: Minter | None = None, page_size: int = PAGE_SIZE,
                    vocabulary: bool = True) -> Iterator[Page]:
    """The export as it was read before ``scan_pages``: node pages in key order, the edges of each page
    by the range of its keys (on Ladybug a page costs a scan of the whole table). Kept to compare with
    (benchmarks/rdf_scale.py, tests/test_rdf.py): same triples as ``pages``."""
    minter = minter or Minter()
    if vocabulary:
        yield Page(VOCABULARY, entail(scheme_triples()))
    for label in EXPORTED_LABELS:
        rels = [r for r in RELATIONSHIPS if r.src == label and r.name in EDGES]
        for rows in node_pages(store, label, page_size):
            triples: list[Triple] = []
            for row in rows:
                triples.extend(node_triples(label, row, minter))
            first, last = rows[0][PRIMARY_KEY[label]], rows[-1][PRIMARY_KEY[label]]
            for rel in rels:
                for row in edges_from(store, rel, first, last):
                    triples.extend(edge_triples(rel, row, minter))
            yield Page(DATA, entail(triples))
