"""Copying a store elsewhere: pages (a store read in keyset pages), push and prune (into Neo4j),
neo4j_csv (files for neo4j-admin import). The RDF export (vankien.ontology.export) reads the same pages."""
