"""vankien.graph: records of texts -> the corpus graph, kept in a store and asked lineage questions.

- ``model``: the data model (schema: labels, relationship types, properties), identity across texts,
  facts with their support, and the batch of rows one text gives;
- ``ingest`` (with ``workers``): read, extract in worker processes, hand batches to a store's loader;
- ``stores``: the embedded Ladybug store (with its bulk load) and Neo4j behind one interface, opened by
  ``stores.open_store``; placing ambiguous references;
- ``queries``: lineage, lookup of keys as people type them, coverage by province, validity, stats, networkx;
- ``exchange``: a store read in pages, copied to Neo4j (push, prune) or to neo4j-admin CSV files.

It imports vankien.loaders (vocabularies, the record) and never vankien.ontology or vankien.views.
"""
