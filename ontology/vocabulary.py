"""The RDF vocabulary of the export, as data: namespaces, where the ontology files are, and which
ontology term each node property and edge type of the graph (graph/model/schema.py) becomes.

The alignment with ELI, RiC-O, Dublin Core and PROV-O is written once, in the ontology
(vankien.ttl: rdfs:subClassOf / rdfs:subPropertyOf); the export reads it from there.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

VK = Namespace("https://vankien.example.org/ontology#")
ONTOLOGY_IRI = "https://vankien.example.org/ontology"
# concept schemes generated from the vocabulary data (ontology/schemes.py); fixed, like the
# ontology, so that shapes and queries do not depend on the --base of an export
VOCAB = "https://vankien.example.org/vocab/"
VOCAB_IRI = "https://vankien.example.org/vocab"
# where exported documents, organisations, texts and relations get their IRIs (--base)
DEFAULT_BASE = "https://vankien.example.org/id/"

ELI = Namespace("http://data.europa.eu/eli/ontology#")
RICO = Namespace("https://www.ica.org/standards/RiC/ontology#")
DCT = DCTERMS

PREFIXES = {"vk": VK, "eli": ELI, "rico": RICO, "dcterms": DCT, "prov": PROV, "skos": SKOS,
            "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD}
SHAPE_PREFIXES = {**PREFIXES, "sh": SH}

HERE = Path(__file__).parent
ONTOLOGY_FILE = HERE / "vankien.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
SCHEMES_FILE = HERE / "schemes.ttl"      # generated: python -m vankien.ontology.build
CONTEXT_FILE = HERE / "context.jsonld"   # generated: python -m vankien.ontology.build
LABELS_FILE = HERE / "data" / "labels.toml"

# --- values ----------------------------------------------------------------------------------
# How a stored value becomes an RDF object. Literal kinds: "string" (identifiers, codes),
# "text" (Vietnamese prose: tagged @vi), "date", "date_or_text" (a full date when it is one,
# else the text as stated), "datetime", "boolean", "integer", "double", "uri".
# Object kinds: a concept scheme ("document-type", "level", "province", "role"), or a node
# label of the graph ("Document") whose id is minted into an IRI.
SCHEMES = ("document-type", "level", "province", "role")


@dataclass(frozen=True)
class Prop:
    term: object
    kind: str = "string"


# --- nodes -----------------------------------------------------------------------------------
NODE_CLASS = {"Document": VK.Document, "Organization": VK.Organization, "Source": VK.SourceText}

NODE_PROPS: dict[str, dict[str, Prop]] = {
    "Document": {
        "id": Prop(VK.localId),
        "key": Prop(VK.symbol),
        "number": Prop(VK.number),
        "type": Prop(VK.typeCode),
        "issuer_code": Prop(VK.issuerCode),
        "system": Prop(VK.system),
        "locality": Prop(VK.locality, "text"),
        "term": Prop(VK["term"]),
        "date": Prop(VK.date, "date"),
        "issuing_body": Prop(VK.issuingBody, "text"),
        "descriptor": Prop(VK.descriptor, "text"),
        "ambiguous": Prop(VK.ambiguous, "boolean"),
        "full_text": Prop(VK.fullTextSeen, "boolean"),
        "sources": Prop(VK.sourceCount, "integer"),
        "conflicts": Prop(VK.conflictingFact),
        "in_force": Prop(VK.inForce, "boolean"),
        "superseded_by": Prop(VK.supersededBy, "Document"),
        "superseded_on": Prop(VK.supersededOn, "date"),
        "kind": Prop(VK.documentType, "document-type"),
        "level": Prop(VK.level, "level"),
        "province": Prop(VK.province, "province"),
        # base, candidates (as MAY_BE edges) and facts (as vk:Mention nodes) are not repeated
    },
    "Organization": {
        "id": Prop(VK.localId),
        "name": Prop(VK.name, "text"),
        "level": Prop(VK.level, "level"),
        "locality": Prop(VK.locality, "text"),
        "province": Prop(VK.province, "province"),
        "sources": Prop(VK.sourceCount, "integer"),
        # kind: "class" adds the type vk:OrganizationClass (ontology/export.py node_triples)
    },
    "Source": {
        "sha256": Prop(VK.sha256),
        "source": Prop(VK.location),
        "url": Prop(VK.url, "uri"),
        "reader": Prop(VK.reader),
        "encoding": Prop(VK.encoding),
        "title": Prop(VK["title"], "text"),
        "published": Prop(VK.published),
        "scope": Prop(VK.scope, "text"),
        "warnings": Prop(VK.warning),
        "extractor": Prop(VK.extractor),
        "ingested_at": Prop(VK.ingestedAt, "datetime"),
    },
}

# --- edges -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EdgeTerms:
    direct: object               # property of the direct triple (source node -> target node)
    qualified: object | None     # class of the qualified relation node, with evidence; None: direct only


# One entry per relation type of loaders/data/relations.toml (tests/test_one_place.py checks both ways),
# plus the other edges of the graph; an edge type missing here is not exported.
EDGES: dict[str, EdgeTerms] = {
    "IMPLEMENTS": EdgeTerms(VK.implements, VK.Implementation),
    "REVIEWS": EdgeTerms(VK.reviews, VK.Review),
    "FOLLOWS_UP_ON": EdgeTerms(VK.followsUpOn, VK.FollowUp),
    "GUIDES": EdgeTerms(VK.guides, VK.Guidance),
    "AMENDS": EdgeTerms(VK.amends, VK.Amendment),
    "SUPERSEDES": EdgeTerms(VK.supersedes, VK.Supersession),
    "BASED_ON": EdgeTerms(VK.basedOn, VK.LegalBasis),
    "RELATES_TO": EdgeTerms(VK.relatesTo, VK.Association),
    "ASSIGNS_TO": EdgeTerms(VK.assignsTo, VK.Assignment),
    "ISSUED_BY": EdgeTerms(VK.issuedBy, VK.Issuance),
    "MAY_BE": EdgeTerms(VK.mayBe, None),
    # stored Document -> Source; in RDF the text is the subject: <text> vk:mentions <document>
    "APPEARS_IN": EdgeTerms(VK.mentions, VK.Mention),
}
REVERSED = frozenset({"APPEARS_IN"})
TEXT_OF = VK.textOf   # <text> vk:textOf <document> when the text is the document itself

EVIDENCE_PROPS: dict[str, Prop] = {
    "span_start": Prop(VK.spanStart, "integer"),
    "span_end": Prop(VK.spanEnd, "integer"),
    "evidence": Prop(VK.evidenceText, "text"),
    "cue": Prop(VK.cue, "text"),
    "confidence": Prop(VK.confidence, "double"),
    "extractor": Prop(VK.extractor),
    "resolved_from": Prop(VK.resolvedFrom),
}
EDGE_PROPS: dict[str, dict[str, Prop]] = {
    "ASSIGNS_TO": {**EVIDENCE_PROPS, "role": Prop(VK.role, "role"), "deadline": Prop(VK.deadline, "date_or_text")},
    "APPEARS_IN": {
        "mentions": Prop(VK.mentionCount, "integer"),
        "forms": Prop(VK.mentionForm),
        "span_start": Prop(VK.spanStart, "integer"),
        "span_end": Prop(VK.spanEnd, "integer"),
        "text": Prop(VK.mentionText, "text"),
        "date": Prop(VK.statedDate, "date_or_text"),
        "issuing_body": Prop(VK.statedIssuingBody, "text"),
        "term": Prop(VK.statedTerm),
        "kind": Prop(VK.statedTypeWord, "text"),
        "descriptor": Prop(VK.statedDescriptor, "text"),
        "resolved_from": Prop(VK.resolvedFrom),
        # subject: becomes vk:textOf
    },
    "MAY_BE": {},
}


def edge_props(edge_type: str) -> dict[str, Prop]:
    return EDGE_PROPS.get(edge_type, EVIDENCE_PROPS)

