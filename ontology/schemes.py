"""SKOS concept schemes generated from the project's vocabulary data, never retyped:

- document types: the type words of loaders/data/types.toml and the words that name documents cited
  by name only (loaders/patterns.py), with their symbol codes as notations;
- levels: the levels of loaders/data/issuers.toml and organizations.toml;
- provinces: loaders/data/provinces.toml, the 63 until the 2025 merger (graph/model/identity.py
  PROVINCE_MERGER) and the 34 from it, each merged province succeeded by the one that absorbed it;
- assignment roles: the roles of loaders/data/cues.toml and loaders/assignments.py.

English labels and the schemes' own titles come from ontology/data/labels.toml.
``python -m vankien.ontology.build`` writes the result to ontology/schemes.ttl for ontology editors.
"""
from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS, XSD

from vankien.graph.model.identity import PROVINCE_MERGER
from vankien.loaders.patterns import NAMED_ONLY_STARTERS
from vankien.loaders.vocab import load_data

from vankien.ontology.iris import concept, scheme
from vankien.ontology.vocabulary import LABELS_FILE, ONTOLOGY_IRI, VK, VOCAB, VOCAB_IRI

Triple = tuple[URIRef, URIRef, object]
# roles the extractor gives without a cue (loaders/assignments.py: head-of-clause organisations)
UNCUED_ROLES = ("lead", "execute")


@functools.cache
def labels() -> dict:
    with open(LABELS_FILE, "rb") as f:
        return tomllib.load(f)


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


# --- the data ---------------------------------------------------------------------------------
def document_types() -> dict[str, list[str]]:
    """Type word -> its symbol codes, in the order of the data; then the words of documents cited
    by name only and the kind of a document named by a generic word ("Văn bản"), with no code."""
    types = load_data("types.toml")
    out: dict[str, list[str]] = {t["word"]: list(t.get("codes", [])) for t in types["type"]}
    for word in NAMED_ONLY_STARTERS:
        out.setdefault(word, [])
    out.setdefault(types["generic"]["issued_kind"], [])
    return out


def levels() -> list[str]:
    """Levels named in the data, from the top (the order of labels.toml)."""
    found = {e["level"] for e in load_data("issuers.toml")["party"].values() if "level" in e}
    found |= {e["level"] for e in load_data("organizations.toml").get("level", [])}
    order = list(labels()["level"])
    return sorted(found, key=lambda lv: order.index(lv) if lv in order else len(order))


def roles() -> list[str]:
    found = list(dict.fromkeys([*UNCUED_ROLES, *(a["role"] for a in load_data("cues.toml")["assignment"])]))
    order = list(labels()["role"])
    return sorted(found, key=lambda r: order.index(r) if r in order else len(order))


def provinces() -> list[dict]:
    return list(load_data("provinces.toml")["province"])


def last_day_before_merger() -> dt.date:
    return PROVINCE_MERGER - dt.timedelta(days=1)


# --- the triples -------------------------------------------------------------------------------
def _scheme(name: str) -> Iterator[Triple]:
    s, info = scheme(name), labels()["scheme"][name]
    yield s, RDF.type, SKOS.ConceptScheme
    yield s, SKOS.prefLabel, vi(info["vi"])
    yield s, SKOS.prefLabel, en(info["en"])
    yield s, SKOS.definition, vi(info["definition_vi"])
    yield s, SKOS.definition, en(info["definition_en"])


def _concept(name: str, key: str, cls: URIRef, label_vi: str, label_en: str | None) -> Iterator[Triple]:
    c, s = concept(name, key), scheme(name)
    yield c, RDF.type, SKOS.Concept
    yield c, RDF.type, cls
    yield c, SKOS.inScheme, s
    yield c, SKOS.topConceptOf, s
    yield s, SKOS.hasTopConcept, c
    yield c, SKOS.prefLabel, vi(label_vi)
    if label_en:
        yield c, SKOS.prefLabel, en(label_en)


def document_type_triples() -> Iterator[Triple]:
    yield from _scheme("document-type")
    english = labels()["document_type"]
    for word, codes in document_types().items():
        yield from _concept("document-type", word, VK.DocumentType, word, english.get(word))
        for code in codes:
            yield concept("document-type", word), SKOS.notation, Literal(code)


def _coded_triples(name: str, codes: list[str], cls: URIRef) -> Iterator[Triple]:
    """A scheme whose concepts are codes of the data ("provincial", "lead"), labelled in labels.toml."""
    yield from _scheme(name)
    names = labels()[name]
    for code in codes:
        label = names.get(code, {})
        yield from _concept(name, code, cls, label.get("vi", code), label.get("en"))
        yield concept(name, code), SKOS.notation, Literal(code)


def level_triples() -> Iterator[Triple]:
    return _coded_triples("level", levels(), VK.Level)


def role_triples() -> Iterator[Triple]:
    return _coded_triples("role", roles(), VK.AssignmentRole)


def province_triples() -> Iterator[Triple]:
    yield from _scheme("province")
    before, after = URIRef(f"{VOCAB}province/before-2025-merger"), URIRef(f"{VOCAB}province/from-2025-merger")
    for coll, key in ((before, "before-2025-merger"), (after, "from-2025-merger")):
        info = labels()["collection"][key]
        yield coll, RDF.type, SKOS.Collection
        yield coll, SKOS.prefLabel, vi(info["vi"])
        yield coll, SKOS.prefLabel, en(info["en"])
    until = last_day_before_merger()
    for p in provinces():
        c = concept("province", p["name"])
        yield from _concept("province", p["name"], VK.Province, p["name"], None)
        for alias in p.get("aliases", []):
            yield c, SKOS.altLabel, vi(alias)
        for name in p.get("english", []):
            yield c, SKOS.altLabel, en(name)
        yield c, VK.city, Literal(bool(p.get("city")))
        yield before, SKOS.member, c
        if p.get("merged_into"):
            new = p["merged_into"]
            yield c, VK.succeededBy, concept("province", new)
            yield c, VK.until, Literal(until.isoformat(), datatype=XSD.date)
            yield c, SKOS.historyNote, vi(f"Hợp nhất vào {new} từ ngày {PROVINCE_MERGER:%d/%m/%Y}.")
            yield c, SKOS.historyNote, en(f"Merged into {new} on {PROVINCE_MERGER.isoformat()}.")
        else:
            yield after, SKOS.member, c


def scheme_triples() -> Iterator[Triple]:
    """Every concept scheme with its concepts."""
    yield from document_type_triples()
    yield from level_triples()
    yield from province_triples()
    yield from role_triples()


def scheme_document() -> Iterator[Triple]:
    """The schemes as an ontology document (ontology/schemes.ttl): a header importing the
    ontology, OWL declarations of the SKOS terms, and the schemes."""
    doc = URIRef(VOCAB_IRI)
    yield doc, RDF.type, OWL.Ontology
    yield doc, OWL.imports, URIRef(ONTOLOGY_IRI)
    yield doc, SKOS.prefLabel, vi("Bộ từ vựng của vankien")
    yield doc, SKOS.prefLabel, en("vankien controlled vocabularies")
    yield doc, SKOS.definition, en("Generated by ontology/schemes.py from the project's vocabulary data; do not edit.")
    for term, kind in _DECLARATIONS:
        yield term, RDF.type, kind
    yield from scheme_triples()


# OWL 2 DL declarations of the SKOS terms the schemes use (they are RDF properties in SKOS itself)
_DECLARATIONS = (
    (SKOS.Concept, OWL.Class), (SKOS.ConceptScheme, OWL.Class), (SKOS.Collection, OWL.Class),
    (SKOS.inScheme, OWL.ObjectProperty), (SKOS.topConceptOf, OWL.ObjectProperty),
    (SKOS.hasTopConcept, OWL.ObjectProperty), (SKOS.member, OWL.ObjectProperty),
    (SKOS.prefLabel, OWL.AnnotationProperty), (SKOS.altLabel, OWL.AnnotationProperty),
    (SKOS.definition, OWL.AnnotationProperty), (SKOS.historyNote, OWL.AnnotationProperty),
    (SKOS.notation, OWL.AnnotationProperty),
)
