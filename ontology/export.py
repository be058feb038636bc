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

The triples are built once (``_node_triples``, ``_edge_triples``) over a set of terms: rdflib objects
(``RdfTerms``, ``pages``: every format) or their N-Triples text (``NTriplesTerms``, ``nt_pages``: the
N-Triples export, about three times faster, as rdflib terms cost several microseconds each to build and
to write); both give the same lines (tests/test_rdf.py).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from vankien.graph.exchange.pages import edges_from, node_pages, read_cache, scan_pages
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
    yield from _objects(value, prop.kind, RdfTerms(minter))


def _objects(value: Any, kind: str, terms: "RdfTerms") -> list[Any]:
    if value is None:
        return []
    out = []
    for v in value if isinstance(value, (list, tuple)) else (value,):
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if kind in SCHEMES:
            out.append(terms.concept(kind, str(v)))
        elif kind in NODE_CLASS:
            out.append(terms.node(kind, str(v)))
        else:
            lit = terms.literal(v, kind)
            if lit is not None:
                out.append(lit)
    return out


# --- terms: rdflib objects, or N-Triples text ------------------------------------------------------
class RdfTerms:
    """The terms of the export as rdflib objects (every format). ``NTriplesTerms`` gives the same terms as
    N-Triples text; the triples are built once, in ``_node_triples`` and ``_edge_triples``, for either."""

    def __init__(self, minter: Minter):
        self.minter = minter
        self.TYPE, self.LABEL, self.TEXT_OF, self.ORGANIZATION_CLASS = (self.term(t) for t in (
            TYPE, LABEL, TEXT_OF, VK.OrganizationClass))
        self.HAS_SOURCE, self.HAS_TARGET, self.EVIDENCED_BY, self.DERIVED_FROM = (self.term(t) for t in (
            HAS_SOURCE, HAS_TARGET, EVIDENCED_BY, DERIVED_FROM))
        self.classes = {label: self.term(c) for label, c in NODE_CLASS.items()}
        self.node_props = {label: [(col, p.kind, self.term(p.term)) for col, p in props.items()]
                           for label, props in NODE_PROPS.items()}
        self.edges = {name: (self.term(t.direct), None if t.qualified is None else self.term(t.qualified),
                             [(col, p.kind, self.term(p.term)) for col, p in edge_props(name).items()])
                      for name, t in EDGES.items()}

    def term(self, t: URIRef) -> Any:
        """A term of the vocabularies."""
        return t

    def node(self, label: str, key: str) -> Any:
        return self.minter.node(label, key)

    def mention(self, *parts: Any) -> Any:
        return self.minter.mention(*parts)

    def relation(self, *parts: Any) -> Any:
        return self.minter.relation(*parts)

    def concept(self, kind: str, key: str) -> Any:
        return concept(kind, key)

    def vietnamese(self, text: str) -> Any:
        return Literal(text, lang="vi")

    def literal(self, value: Any, kind: str) -> Any:
        return _literal(value, kind)

    def entail(self, triples: list[tuple]) -> list:
        return entail(triples)


# N-Triples text of literals, escaped as the streamed writers escape them (ontology/writers.py Terms)
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f\ud800-\udfff]')
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape(m: re.Match) -> str:
    c = m.group()
    if c in _ESCAPES:
        return _ESCAPES[c]
    return "\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else f"\\u{ord(c):04X}"


def quote(text: str) -> str:
    """A literal's text between double quotes, escaped for Turtle and N-Triples."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def nt_iri(iri: str) -> str:
    if _IRI_FORBIDDEN.search(iri):
        raise ValueError(f"not a writable IRI: {iri!r}")
    return f"<{iri}>"


def nt_term(t: Any, iri: Callable[[str], str] | None = None) -> str:
    """One rdflib term as N-Triples text (what ontology/writers.py writes for it); ``iri`` writes
    an IRI (default ``nt_iri``; Turtle's writer passes its prefixed names)."""
    iri = iri or nt_iri
    if isinstance(t, URIRef):
        return iri(str(t))
    if isinstance(t, Literal):
        quoted = quote(str(t))
        if t.language:
            return f"{quoted}@{t.language}"
        if t.datatype and not str.__eq__(t.datatype, XSD_STRING):
            return f"{quoted}^^{iri(str(t.datatype))}"
        return quoted
    raise TypeError(f"cannot write {t!r}")


XSD_STRING = XSD.string
_RECURRING = frozenset({"boolean", "integer", "double", "date"})


@functools.lru_cache(maxsize=1 << 14, typed=True)
def _nt_recurring(value: Any, kind: str) -> str | None:
    lit = _literal(value, kind)
    return None if lit is None else nt_term(lit)


class NTriplesTerms(RdfTerms):
    """The terms of the export as N-Triples text, built from the stored values without rdflib objects (the
    N-Triples export, several times faster): the same text the writer gives for RdfTerms' objects
    (tests/test_rdf.py compares them)."""

    def __init__(self, minter: Minter):
        # node IRIs recur as the targets of edges; a cache of 4 096 answers as fast as one of 65 536 and its
        # entries, spread over the heap as it fills, keep 30 MB less of it resident (10 000 texts)
        self.node = functools.lru_cache(maxsize=1 << 12)(self._node)
        self.concept = functools.lru_cache(maxsize=1 << 12)(self._concept)
        super().__init__(minter)
        up = supers()
        self._up = {nt_term(k): tuple(nt_term(c) for c in v) for k, v in up.items()}

    def term(self, t: URIRef) -> str:
        return nt_term(t)

    def _node(self, label: str, key: str) -> str:
        return f"<{self.minter._node_iri(label, key)}>"      # remembered here, not in the minter too

    def mention(self, *parts: Any) -> str:
        return f"<{self.minter.mention_iri(*parts)}>"

    def relation(self, *parts: Any) -> str:
        return f"<{self.minter.relation_iri(*parts)}>"

    def _concept(self, kind: str, key: str) -> str:
        return f"<{concept(kind, key)}>"

    def vietnamese(self, text: str) -> str:
        return quote(text) + "@vi"

    def literal(self, value: Any, kind: str) -> str | None:
        if kind == "text" or kind == "string":
            text = str(value)
            if not text.strip():
                return None
            return quote(text) + "@vi" if kind == "text" else quote(text)
        if kind in _RECURRING:
            return _nt_recurring(value, kind)
        lit = _literal(value, kind)
        return None if lit is None else nt_term(lit)

    def entail(self, triples: list[tuple]) -> list[str]:
        """As ``entail``, each triple as its N-Triples line (one per statement: a line stands for its triple)."""
        up, is_type = self._up, self.TYPE
        out: dict[str, None] = {}
        for s, p, o in triples:
            out[f"{s} {p} {o} .\n"] = None
            if p == is_type:
                for c in up.get(o, ()):
                    out[f"{s} {p} {c} .\n"] = None
            else:
                for q in up.get(p, ()):
                    out[f"{s} {q} {o} .\n"] = None
        return list(out)


# --- nodes and edges -------------------------------------------------------------------------------
def _display(label: str, row: dict[str, Any]) -> str | None:
    if label == "Document":
        named = " ".join(x for x in (row.get("kind"), row.get("key")) if x)
        return named if row.get("key") else (row.get("descriptor") or row.get("kind") or row["id"])
    if label == "Organization":
        return row.get("name") or row["id"]
    return row.get("title") or row.get("source") or row["sha256"]


def node_triples(label: str, row: dict[str, Any], minter: Minter) -> Iterator[Triple]:
    out: list = []
    _node_triples(label, row, RdfTerms(minter), out)
    return iter(out)


def edge_triples(rel: RelTable, row: dict[str, Any], minter: Minter) -> Iterator[Triple]:
    """The direct triple of one edge and, when its type has one, its qualified relation node."""
    out: list = []
    _edge_triples(rel, row, RdfTerms(minter), out)
    return iter(out)


def _node_triples(label: str, row: dict[str, Any], terms: RdfTerms, out: list) -> None:
    s = terms.node(label, row[PRIMARY_KEY[label]])
    out.append((s, terms.TYPE, terms.classes[label]))
    if label == "Organization" and row.get("kind") == "class":     # a generic addressee, not one body
        out.append((s, terms.TYPE, terms.ORGANIZATION_CLASS))
    name = _display(label, row)
    if name:
        out.append((s, terms.LABEL, terms.vietnamese(name)))
    for col, kind, term in terms.node_props[label]:
        value = row.get(col)
        if value is not None:
            for o in _objects(value, kind, terms):
                out.append((s, term, o))


def _edge_triples(rel: RelTable, row: dict[str, Any], terms: RdfTerms, out: list) -> None:
    direct, qualified, props = terms.edges[rel.name]
    a, b = terms.node(rel.src, row["src_id"]), terms.node(rel.dst, row["dst_id"])
    subject, target = (b, a) if rel.name in REVERSED else (a, b)
    out.append((subject, direct, target))
    if rel.name == "APPEARS_IN" and row.get("subject"):
        out.append((subject, terms.TEXT_OF, target))
    if qualified is None:
        return
    if rel.name == "APPEARS_IN":
        sha = row["dst_id"]
        q = terms.mention(row["src_id"], sha, row.get("span_start"), row.get("resolved_from"))
    else:
        sha = row.get("source")
        q = terms.relation(rel.name, row["src_id"], row["dst_id"], sha, row.get("span_start"), row.get("span_end"),
                           row.get("role"), row.get("resolved_from"))
    out.append((q, terms.TYPE, qualified))
    out.append((q, terms.HAS_SOURCE, subject))
    out.append((q, terms.HAS_TARGET, target))
    if sha:
        text = terms.node("Source", sha)
        out.append((q, terms.EVIDENCED_BY, text))
        out.append((q, terms.DERIVED_FROM, text))
    for col, kind, term in props:
        value = row.get(col)
        if value is not None:
            for o in _objects(value, kind, terms):
                out.append((q, term, o))


NT_PART = 20_000        # lines of N-Triples per Lines at most (nt_pages)


@dataclass
class Lines:
    """A page of the N-Triples export (``nt_pages``): each triple as its line of text."""
    graph: str
    lines: list[str]


def pages(store: GraphStore, minter: Minter | None = None, page_size: int = PAGE_SIZE,
          vocabulary: bool = True) -> Iterator[Page]:
    """The whole export: the vocabulary page, then a page per ``page_size`` nodes of each label
    with the edges that leave them. Memory stays bounded by the page size, and a page costs what it
    holds wherever it lies in the store (vankien.graph.exchange.pages.scan_pages), so time is linear."""
    terms = RdfTerms(minter or Minter())
    read_cache(store)           # a store open read-only: a bounded page cache before anything is built
    if vocabulary:
        yield Page(VOCABULARY, entail(scheme_triples()))
    for triples in _data_pages(store, terms, page_size):
        yield Page(DATA, triples)
    read_cache(store, bounded=False)            # and its own cache again


def nt_pages(store: GraphStore, minter: Minter | None = None, page_size: int = PAGE_SIZE,
             vocabulary: bool = True) -> Iterator[Lines]:
    """The pages of ``pages`` as N-Triples lines, in the same order, built without rdflib terms: what
    ``vankien export rdf --format nt`` writes. A page of more than ``NT_PART`` lines comes in parts of
    that many (the writer holds a part's text twice, as text and encoded: a page of 1 000 documents with
    their edges is about 100 000 lines)."""
    terms = NTriplesTerms(minter or Minter())
    read_cache(store)           # a store open read-only: a bounded page cache before anything is built
    if vocabulary:
        yield Lines(VOCABULARY, [f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
                                 for s, p, o in entail(scheme_triples())])
    for lines in _data_pages(store, terms, page_size):
        for start in range(0, len(lines), NT_PART):         # the writer joins a Lines into one text
            yield Lines(DATA, lines[start:start + NT_PART])
    read_cache(store, bounded=False)            # and its own cache again


def _data_pages(store: GraphStore, terms: RdfTerms, page_size: int) -> Iterator[list]:
    for label in EXPORTED_LABELS:
        rels = [r for r in RELATIONSHIPS if r.src == label and r.name in EDGES]
        for rows, edges in scan_pages(store, label, rels, page_size):
            triples: list = []
            for row in rows:
                _node_triples(label, row, terms, triples)
            for rel in rels:
                for row in edges[rel.name]:
                    _edge_triples(rel, row, terms, triples)
            yield terms.entail(triples)


def key_range_pages(store: GraphStore, minter: Minter | None = None, page_size: int = PAGE_SIZE,
                    vocabulary: bool = True) -> Iterator[Page]:
    """The export as it was read before ``scan_pages``: node pages in key order, the edges of each page
    by the range of its keys (on Ladybug a page costs a scan of the whole table). Kept to compare with
    (benchmarks/rdf_scale.py, tests/test_rdf.py): same triples as ``pages``."""
    minter = minter or Minter()
    terms = RdfTerms(minter)
    if vocabulary:
        yield Page(VOCABULARY, entail(scheme_triples()))
    for label in EXPORTED_LABELS:
        rels = [r for r in RELATIONSHIPS if r.src == label and r.name in EDGES]
        for rows in node_pages(store, label, page_size):
            triples: list[Triple] = []
            for row in rows:
                _node_triples(label, row, terms, triples)
            first, last = rows[0][PRIMARY_KEY[label]], rows[-1][PRIMARY_KEY[label]]
            for rel in rels:
                for row in edges_from(store, rel, first, last):
                    _edge_triples(rel, row, terms, triples)
            yield Page(DATA, entail(triples))
