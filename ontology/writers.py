"""Writing pages of triples (ontology/export.py) in an RDF format.

Turtle, TriG and N-Triples are written page by page, never holding more than one page: each page's
triples are grouped by subject and written with the prefixes declared once at the top (TriG puts
the vocabulary and the data in two named graphs). JSON-LD and RDF/XML need the whole graph at once
(JSON-LD to compact it with ontology/context.jsonld, RDF/XML to nest it): they build one rdflib
graph of the whole export, so their memory grows with the graph.

XML 1.0 cannot hold most control characters, not even escaped: in RDF/XML, literals lose them (a
vertical tab or form feed, as in text from PDF pages, becomes a space; the others are removed).
Turtle, TriG and N-Triples escape them, JSON-LD too: their literals keep every character.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
import os
import sys
from typing import TextIO

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from vankien.graph.stores.base import GraphStore
from vankien.ontology.export import _IRI_FORBIDDEN, PAGE_SIZE, VOCABULARY, Lines, Page, nt_pages, nt_term, pages
from vankien.ontology.formats import FORMATS, STREAMED, format_for
from vankien.ontology.iris import Minter
from vankien.ontology.vocabulary import CONTEXT_FILE, PREFIXES, VOCAB, VOCAB_IRI


_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
RDF_TYPE = RDF.type
# characters XML 1.0 does not allow (C0 controls but tab, newline, carriage return; U+FFFE, U+FFFF;
# lone surrogates), and those of them that separate words like a space
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_SPACES = "\x0b\x0c\x1c\x1d\x1e\x1f"


def data_prefixes(base: str) -> dict[str, str]:
    """Prefixes for a file: the standard vocabularies and the export's own IRI spaces."""
    return {**{k: str(v) for k, v in PREFIXES.items()},
            "doc": f"{base}document/", "org": f"{base}organization/", "text": f"{base}source/",
            "mention": f"{base}mention/", "doctype": f"{VOCAB}document-type/", "level": f"{VOCAB}level/",
            "province": f"{VOCAB}province/", "role": f"{VOCAB}role/"}


def graph_names(base: str) -> dict[str, URIRef]:
    """Named graphs of a TriG export: the vocabulary and the data."""
    return {VOCABULARY: URIRef(VOCAB_IRI), "data": URIRef(f"{base}dataset")}


class Terms:
    """Turtle / N-Triples text of RDF terms (N-Triples: no prefixes)."""

    def __init__(self, prefixes: dict[str, str] | None = None):
        spaces = sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1]))
        self._names = {ns: prefix for prefix, ns in spaces}
        self._qname = re.compile("(" + "|".join(re.escape(ns) for _, ns in spaces) + r")([A-Za-z_][A-Za-z0-9_-]*)") \
            if spaces else None
        self.iri = functools.lru_cache(maxsize=1 << 16)(self._iri)

    def _iri(self, t: str) -> str:
        if _IRI_FORBIDDEN.search(t):
            raise ValueError(f"not a writable IRI: {t!r}")
        m = self._qname.fullmatch(t) if self._qname else None
        return f"{self._names[m.group(1)]}:{m.group(2)}" if m else f"<{t}>"

    def __call__(self, t) -> str:
        return nt_term(t, self.iri)


def turtle_blocks(triples: Iterable[tuple], terms: Terms, indent: str = "") -> str:
    """Triples grouped by subject: ``s a C ; p o1 , o2 .``"""
    # grouped by the IRIs of subject and predicate as plain str (str's hash and ==: rdflib's == runs Python
    # code), in the order of those IRIs
    by_subject: dict[str, dict[str, list[str]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(str(s), {}).setdefault(str(p), []).append(terms(o))
    out = []
    a = str(RDF_TYPE)
    for s in sorted(by_subject):
        preds = by_subject[s]
        parts = [f"{'a' if p == a else terms.iri(p)} {' , '.join(preds[p])}"
                 for p in sorted(preds, key=lambda p: (p != a, p))]
        out.append(f"{indent}{terms.iri(s)} " + f" ;\n{indent}    ".join(parts) + " .\n")
    return "\n".join(out)


def write(pages: Iterable[Page | Lines], out: TextIO, fmt: str, base: str) -> int:
    """Write the export; returns the number of triples written. N-Triples takes the pages of
    ``export.pages`` or, faster, of ``export.nt_pages``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt in STREAMED:
        return _write_streamed(pages, out, fmt, base)
    return _write_whole(pages, out, fmt, base)


def _write_streamed(pages: Iterable[Page], out: TextIO, fmt: str, base: str) -> int:
    prefixes = {} if fmt == "nt" else data_prefixes(base)
    terms = Terms(prefixes)
    for prefix, ns in prefixes.items():
        out.write(f"@prefix {prefix}: <{ns}> .\n")
    if prefixes:
        out.write("\n")
    names = graph_names(base)
    count = 0
    for page in pages:
        if isinstance(page, Lines):         # N-Triples lines already (export.nt_pages)
            if fmt != "nt":
                raise ValueError(f"pages of N-Triples lines cannot be written as {fmt}")
            count += len(page.lines)
            out.write("".join(page.lines))
            continue
        count += len(page.triples)
        if fmt == "nt":
            out.writelines(f"{terms(s)} {terms(p)} {terms(o)} .\n" for s, p, o in page.triples)
        elif fmt == "trig":
            out.write(f"{terms(names[page.graph])} {{\n{turtle_blocks(page.triples, terms, '    ')}}}\n\n")
        else:
            out.write(turtle_blocks(page.triples, terms) + "\n")
    return count


def context() -> dict:
    with open(CONTEXT_FILE, encoding="utf-8") as f:
        return json.load(f)["@context"]


def xml_literal(term):
    """``term``, a literal without the characters XML 1.0 cannot hold (see the module docstring)."""
    if not isinstance(term, Literal) or not _XML_ILLEGAL.search(str(term)):
        return term
    text = _XML_ILLEGAL.sub(lambda m: " " if m.group() in _XML_SPACES else "", str(term))
    return Literal(text, lang=term.language) if term.language else Literal(text, datatype=term.datatype)


def _write_whole(pages: Iterable[Page], out: TextIO, fmt: str, base: str) -> int:
    g = Graph()
    for prefix, ns in data_prefixes(base).items():
        g.bind(prefix, ns)
    count = 0
    for page in pages:
        count += len(page.triples)
        for s, p, o in page.triples:
            g.add((s, p, xml_literal(o)) if fmt == "xml" else (s, p, o))
    if fmt == "json-ld":
        out.write(g.serialize(format="json-ld", context=context(), indent=2))
    else:
        out.write(g.serialize(format="xml"))
    return count


def read(path: str, fmt: str | None = None) -> Graph:
    """A file of any of the formats as one graph (TriG: all its named graphs together)."""
    fmt = format_for(path, fmt)
    if fmt == "trig":
        ds = Dataset()
        ds.parse(path, format="trig")
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return Graph().parse(path, format=fmt)


def export_rdf(store: GraphStore, out: str | os.PathLike, fmt: str | None = None, *, base: str | None = None,
               page_size: int = PAGE_SIZE) -> tuple[int, str]:
    """Write the graph of STORE as RDF to the file OUT ("-": standard output) in FMT (default: from
    OUT's extension, else turtle), with IRIs under BASE (iris.BaseError if it cannot mint them).

    The file is written beside OUT and renamed over it at the end: an interrupted export leaves any
    earlier OUT as it was. Returns (triples written, format)."""
    minter = Minter(base) if base else Minter()
    fmt = format_for(str(out), fmt)
    stream = (nt_pages if fmt == "nt" else pages)(store, minter, page_size)
    if str(out) == "-":
        return write(stream, sys.stdout, fmt, minter.base), fmt
    target = Path(out)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with open(partial, "w", encoding="utf-8") as f:
            count = write(stream, f, fmt, minter.base)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count, fmt
