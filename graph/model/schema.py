"""The graph's data model, as data: node labels, relationship types and their properties.

Every store builds its schema from these tables (Ladybug's typed tables, Neo4j's constraints and
indexes, the CSV headers of the bulk export), so the model is written down once.
"""
from __future__ import annotations

from dataclasses import dataclass

from vankien.loaders.vocab import relation_types

# property types: STRING, INT64, DOUBLE, BOOLEAN, DATE, STRING[]

DOCUMENT = {
    "id": "STRING",              # corpus-wide identity (vankien.graph.model.identity)
    "key": "STRING",             # the symbol as people write it: 25-NQ/TW
    "base": "STRING",            # symbol with system prefix, without locality and term
    "system": "STRING",          # party | state | other
    "kind": "STRING",            # type word: Nghị quyết, Kế hoạch, …
    "number": "STRING",
    "type": "STRING",            # type code: NQ, KH, …
    "issuer_code": "STRING",     # TW, TU, BTGTW, …
    "level": "STRING",           # central | provincial | district | grassroots
    "locality": "STRING",        # for local issuers
    "province": "STRING",        # canonical province when the locality is one
    "term": "STRING",            # XIII, or 2020-2025 for local committees
    "date": "DATE",
    "issuing_body": "STRING",
    "descriptor": "STRING",      # what a document cited by name is called
    "ambiguous": "BOOLEAN",      # a reference that could not be placed (see MAY_BE)
    "candidates": "STRING[]",    # ids of the documents an ambiguous reference may be
    "full_text": "BOOLEAN",      # some ingested text is this document itself
    "sources": "INT64",          # how many ingested texts mention it
    "facts": "STRING",           # JSON: every stated value of date, issuing body, … with its support
    "conflicts": "STRING[]",     # properties whose sources disagree
    "in_force": "BOOLEAN",       # false once another document supersedes it
    "superseded_by": "STRING",
    "superseded_on": "DATE",
}

ORGANIZATION = {
    "id": "STRING",              # org:<name>@<place>, class:<name>@<place> (vankien.graph.model.identity)
    "name": "STRING",            # as a text writes it
    "key": "STRING",             # the name without its place, in one spelling
    "kind": "STRING",            # body (one organisation) | class (every body of a kind: "các cấp ủy")
    "level": "STRING",
    "locality": "STRING",        # the province, district or commune of the body
    "province": "STRING",
    "sources": "INT64",
}

SOURCE = {
    "sha256": "STRING",
    "source": "STRING",          # path, or URL / path#line
    "url": "STRING",
    "reader": "STRING",
    "encoding": "STRING",
    "title": "STRING",
    "published": "STRING",
    "scope": "STRING",
    "subject": "STRING",         # id of the document the text is
    "warnings": "STRING[]",      # warning codes
    "extractor": "STRING",       # vankien version that extracted it
    "ingested_at": "STRING",
}

PROVINCE = {
    "name": "STRING",
    "city": "BOOLEAN",
    "merged_into": "STRING",
    "until": "DATE",             # last day as a province of its own, for merged provinces
}

NODES = {"Document": DOCUMENT, "Organization": ORGANIZATION, "Source": SOURCE, "Province": PROVINCE}
PRIMARY_KEY = {"Document": "id", "Organization": "id", "Source": "sha256", "Province": "name"}

# Properties on every edge that comes from a text: where it was found and how sure we are.
EVIDENCE = {
    "source": "STRING",          # sha256 of the text
    "span_start": "INT64",       # span in the normalised text
    "span_end": "INT64",
    "evidence": "STRING",        # the sentence
    "cue": "STRING",
    "confidence": "DOUBLE",
    "extractor": "STRING",
    "resolved_from": "STRING",   # the ambiguous reference this edge was moved from
}

# Relations between documents (source = acting / newer / lower document): their one list is
# loaders/data/relations.toml, read in its order (lineage types: `lineage = true`). A type added
# there gets its Document -> Document relationship table below; tests/test_one_place.py names
# every other place that must then know it (ontology, view styles, README).
DOCUMENT_RELATIONS: tuple[str, ...] = tuple(r.name for r in relation_types())
LINEAGE_TYPES: tuple[str, ...] = tuple(r.name for r in relation_types() if r.lineage)


@dataclass(frozen=True)
class RelTable:
    name: str
    src: str
    dst: str
    props: dict[str, str]

    @property
    def columns(self) -> dict[str, str]:
        """An edge row's columns: the endpoints' keys, then the properties."""
        return {"src_id": "STRING", "dst_id": "STRING", **self.props}


RELATIONSHIPS: tuple[RelTable, ...] = (
    *(RelTable(t, "Document", "Document", EVIDENCE) for t in DOCUMENT_RELATIONS),
    RelTable("ASSIGNS_TO", "Document", "Organization", {**EVIDENCE, "role": "STRING", "deadline": "STRING"}),
    RelTable("ISSUED_BY", "Document", "Organization", EVIDENCE),
    # one per text that mentions a document, with what that text states about it
    RelTable("APPEARS_IN", "Document", "Source", {
        "subject": "BOOLEAN", "mentions": "INT64", "forms": "STRING[]", "span_start": "INT64", "span_end": "INT64",
        "text": "STRING", "date": "STRING", "issuing_body": "STRING", "term": "STRING", "kind": "STRING",
        "descriptor": "STRING", "resolved_from": "STRING"}),
    RelTable("MAY_BE", "Document", "Document", {}),            # ambiguous reference -> candidate
    RelTable("SUCCEEDED_BY", "Province", "Province", {"date": "DATE"}),
)
REL_BY_NAME = {r.name: r for r in RELATIONSHIPS}
EDGE_TYPES = frozenset(REL_BY_NAME)
# edges moved when an ambiguous reference is placed (all but MAY_BE)
MOVABLE = tuple(r for r in RELATIONSHIPS if r.src == "Document" and r.name != "MAY_BE")

# What tells apart two edges of one type between the same two nodes: one edge per stating text and
# place in it (vankien.graph.queries.network keys edges the same way). Stores that MERGE edges (Neo4j) merge on these.
EDGE_KEY: dict[str, tuple[str, ...]] = {
    r.name: ("source", "span_start") if "source" in r.props else ("span_start",) if "span_start" in r.props else ()
    for r in RELATIONSHIPS}

# Properties people search by: indexed where a store has indexes (Neo4j), besides each label's key.
SEARCHED: dict[str, tuple[str, ...]] = {
    "Document": ("key", "base", "number", "type", "issuer_code", "date", "province", "locality", "ambiguous"),
    "Organization": ("key", "name", "province", "locality", "kind"),
    "Source": ("subject", "url"),
}
# Edge properties the ambiguity pass looks edges up by (vankien.graph.stores.ambiguity), indexed likewise.
SEARCHED_EDGE_PROPS = ("resolved_from",)
# Words people search for (a full-text index where a store has one: Neo4j's vankien_document_text):
# what documents are called and the titles of the texts that are them (a Source's subject is its document).
FULLTEXT: dict[str, tuple[str, ...]] = {
    "Document": ("key", "base", "descriptor", "kind", "issuing_body"),
    "Source": ("title",),
}


def check_label(name: str) -> str:
    """A node label or relationship type from the fixed vocabulary (they cannot be parameters)."""
    if name not in NODES and name not in EDGE_TYPES:
        raise ValueError(f"unknown label or relationship type: {name!r}")
    return name


def check_properties(label: str, props) -> tuple[str, ...]:
    """Property names of one label from the schema (they cannot be parameters)."""
    unknown = set(props) - set(NODES[label])
    if unknown:
        raise ValueError(f"not {label} properties: {sorted(unknown)}")
    return tuple(props)
