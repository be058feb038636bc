"""Questions to a store, over GraphStore.query only (both stores answer them): lineage trees, lookup of
keys as people type them, coverage by province, validity (superseded documents), stats, networkx."""
