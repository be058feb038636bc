"""vankien.ontology: the OWL ontology (vankien.ttl), SHACL shapes (shapes.ttl), SKOS concept schemes built
from the vocabularies (schemes.py, build.py -> schemes.ttl, context.jsonld), and the RDF export of a store:
export (pages of triples) -> writers (Turtle, N-Triples, TriG streamed; JSON-LD, RDF/XML) -> validate (pySHACL).
"""
