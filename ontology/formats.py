"""The RDF formats the export writes and how a file name chooses one (no RDF library needed: the
command line builds its options from here without loading rdflib)."""
from __future__ import annotations

from pathlib import Path

FORMATS = ("turtle", "json-ld", "nt", "xml", "trig")
STREAMED = frozenset({"turtle", "nt", "trig"})      # written page by page
EXTENSIONS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
              ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def format_for(path: str, given: str | None) -> str:
    """The format asked for, else the one the file name's extension says, else Turtle."""
    if given:
        return given
    return EXTENSIONS.get(Path(path).suffix.lower(), "turtle")
