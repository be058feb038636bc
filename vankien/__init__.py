"""vankien: a knowledge graph of Vietnamese Communist Party documents (văn kiện Đảng) and their lineage.

The public Python API. Everything a script, a notebook or the ``vankien`` command needs is a name of
this module; the modules behind it (``vankien.loaders``, ``vankien.graph``, ``vankien.ontology``,
``vankien.views``) may change their layout between versions, these names do not. docs/api.md is the
reference, with an example for each.

Extract the documents, relations and assignments of a text::

    import vankien
    record = vankien.extract_text("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU "
                                  "thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị.")
    record["relations"][0]["type"]                      # 'IMPLEMENTS'

or of files and folders (plain text in any encoding, HTML, DOCX, PDF, JSON Lines)::

    for record in vankien.extract_paths(["texts/"]):
        ...

Build the corpus graph in a store and ask it lineage questions::

    with vankien.open_store("corpus-store") as store:     # a folder; or "neo4j://host:7687"
        report = vankien.ingest(["texts/"], store)
        doc = vankien.resolve(store, "NQ 25")           # the id of the one document "NQ 25" names
        print(vankien.render_tree(vankien.lineage(store, doc), "down"))
        vankien.coverage(store, doc)["issued"]           # provinces that issued a plan for it
        store.query("MATCH (d:Document) RETURN count(*)").scalar()

Names are loaded when first used, so ``import vankien`` stays fast for the command line.
"""
from __future__ import annotations

import importlib
from typing import Any

from vankien._version import __version__

# name -> (module, attribute): the one table of the API
_API: dict[str, tuple[str, str]] = {
    # extraction (loaders)
    "extract_text": ("vankien.loaders.extract", "extract_text"),
    "extract_source": ("vankien.loaders.extract", "extract_source"),
    "extract_paths": ("vankien.loaders.inputs", "extract_paths"),
    "extract_record": ("vankien.loaders.extract", "extract_record"),
    "Record": ("vankien.loaders.record", "Record"),
    "read_paths": ("vankien.loaders.readers", "read_paths"),
    "normalize_text": ("vankien.loaders.clean", "normalize_text"),
    "SourceText": ("vankien.loaders.source", "SourceText"),
    # stores
    "open_store": ("vankien.graph.stores", "open_store"),
    "default_store_path": ("vankien.graph.stores", "default_store_path"),
    "GraphStore": ("vankien.graph.stores", "GraphStore"),
    "QueryResult": ("vankien.graph.stores", "QueryResult"),
    "StoreError": ("vankien.graph.stores", "StoreError"),
    "Neo4jSettings": ("vankien.graph.stores", "Neo4jSettings"),
    "cypher_hints": ("vankien.graph.stores.dialect", "hints"),
    "cypher_notes": ("vankien.graph.stores.dialect", "notes"),
    # ingest
    "ingest": ("vankien.graph.ingest", "ingest"),
    "IngestReport": ("vankien.graph.ingest", "IngestReport"),
    "IngestError": ("vankien.graph.ingest", "IngestError"),
    "extract_to_shards": ("vankien.graph.distributed", "extract_to_shards"),
    "ingest_shards": ("vankien.graph.distributed", "ingest_shards"),
    "ShardError": ("vankien.graph.shards", "ShardError"),
    "is_shard_folder": ("vankien.graph.shards", "is_shard_folder"),
    "SKIP_KINDS": ("vankien.loaders.readers.paths", "SKIP_KINDS"),
    "organization_identity": ("vankien.graph.model.identity", "organization_identity"),
    # questions to a store
    "resolve": ("vankien.graph.queries.lookup", "resolve"),
    "find_documents": ("vankien.graph.queries.lookup", "find_documents"),
    "describe": ("vankien.graph.queries.lookup", "describe"),
    "UnreadableKey": ("vankien.graph.queries.lookup", "UnreadableKey"),
    "NoDocument": ("vankien.graph.queries.lookup", "NoDocument"),
    "AmbiguousKey": ("vankien.graph.queries.lookup", "AmbiguousKey"),
    "lineage": ("vankien.graph.queries.lineage", "lineage"),
    "render_tree": ("vankien.graph.queries.lineage", "render_tree"),
    "show": ("vankien.graph.queries.lineage", "show"),
    "find_organizations": ("vankien.graph.queries.organizations", "find_organizations"),
    "organization": ("vankien.graph.queries.organizations", "organization"),
    "NoOrganization": ("vankien.graph.queries.organizations", "NoOrganization"),
    "coverage": ("vankien.graph.queries.coverage", "coverage"),
    "provinces_on": ("vankien.graph.queries.coverage", "provinces_on"),
    "stats": ("vankien.graph.queries.stats", "stats"),
    "to_networkx": ("vankien.graph.queries.network", "to_networkx"),
    "LINEAGE_TYPES": ("vankien.graph.model.schema", "LINEAGE_TYPES"),
    "RELATION_TYPES": ("vankien.graph.model.schema", "DOCUMENT_RELATIONS"),
    # views
    "flow_down_view": ("vankien.views.flowdown", "flow_down_view"),
    "diagram_view": ("vankien.views.diagram", "diagram_view"),
    # the local web site (vankien serve)
    "web_app": ("vankien.serve.app", "web_app"),
    "run_server": ("vankien.serve.app", "run_server"),
    # copying the graph elsewhere
    "push_store": ("vankien.graph.exchange.push", "push_store"),
    "export_neo4j_csv": ("vankien.graph.exchange.neo4j_csv", "export_csv"),
    "export_neo4j_csv_from_shards": ("vankien.graph.exchange.neo4j_csv", "export_csv_from_shards"),
    "ExportError": ("vankien.graph.exchange.neo4j_csv", "ExportError"),
    "export_rdf": ("vankien.ontology.writers", "export_rdf"),
    "RDF_FORMATS": ("vankien.ontology.formats", "FORMATS"),
    "BaseError": ("vankien.ontology.iris", "BaseError"),
    "validate_rdf": ("vankien.ontology.validate", "validate_file"),
    "UnreadableRDF": ("vankien.ontology.validate", "UnreadableRDF"),
    "NoSHACLEngine": ("vankien.ontology.validate", "NoEngine"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'vankien' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value         # loaded once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

