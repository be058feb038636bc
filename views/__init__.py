"""Interactive views of the graph, as self-contained HTML pages drawn with vis-network (the copy
pyvis ships).

vankien.views.flowdown: how a document flows down (rows by level of issuer); vankien.views.diagram: one document's
relations grouped by type (Lược đồ). Built from: query (the subgraph) → layout → elements → html.
"""
