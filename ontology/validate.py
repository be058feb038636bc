"""Validation of an RDF export with pySHACL: the shapes (ontology/shapes.ttl) against the data,
with the ontology and the generated concept schemes as the ontology graph (so that a document
type, level, province or role must be a concept of the project's vocabulary, and every qualified
relation must have its direct triple: the ontology's vk:shortcut says which)."""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from vankien.ontology.vocabulary import ONTOLOGY_FILE, SCHEMES_FILE, SHAPES_FILE
from vankien.ontology.formats import format_for
from vankien.ontology.writers import read

EXAMPLES_SHOWN = 3


@functools.cache
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@functools.cache
def ontology_and_schemes() -> Graph:
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    g.parse(SCHEMES_FILE, format="turtle")
    return g


@dataclass
class Problem:
    severity: str
    message: str
    path: str
    focus: list[str] = field(default_factory=list)


@dataclass
class Report:
    conforms: bool
    triples: int
    problems: list[Problem]

    @property
    def results(self) -> int:
        return sum(len(p.focus) for p in self.problems)

    def text(self) -> str:
        if self.conforms:
            return f"conforms: {self.triples} triples, no violations of the vankien shapes"
        lines = [f"does not conform: {self.results} results in {len(self.problems)} kinds ({self.triples} triples)"]
        for p in sorted(self.problems, key=lambda p: (-len(p.focus), p.message)):
            shown = ", ".join(p.focus[:EXAMPLES_SHOWN]) + (", …" if len(p.focus) > EXAMPLES_SHOWN else "")
            lines.append(f"- {p.severity} ×{len(p.focus)}: {p.message}" + (f" [path {p.path}]" if p.path else ""))
            lines.append(f"    e.g. {shown}")
        return "\n".join(lines)


def _short(term, g: Graph) -> str:
    if isinstance(term, URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - any IRI rdflib cannot shorten is shown in full
            return f"<{term}>"
    return str(term)


def validate(data: Graph) -> Report:
    """Validate one graph; never raises for data problems (they are the report)."""
    from pyshacl import validate as shacl

    # the ontology and schemes are added to (a copy of) the data: pySHACL mixes an ont_graph in only
    # when it infers, and the shapes need vk:shortcut and the concepts without any inference
    merged = data + ontology_and_schemes()
    conforms, results, _ = shacl(merged, shacl_graph=shapes(), inference="none", abort_on_first=False,
                                 allow_warnings=True, advanced=True)
    grouped: dict[tuple, Problem] = {}
    by_kind: dict[tuple, list[str]] = defaultdict(list)
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = _short(results.value(r, SH.resultSeverity), results).removeprefix("sh:")
        message = str(results.value(r, SH.resultMessage) or results.value(r, SH.sourceConstraintComponent) or "")
        path = results.value(r, SH.resultPath)
        key = (severity, message, _short(path, data) if path is not None else "")
        grouped.setdefault(key, Problem(*key))
        focus = results.value(r, SH.focusNode)
        value = results.value(r, SH.value)
        shown = _short(focus, data) + (f" = {value.n3(data.namespace_manager)}" if isinstance(value, Literal) else "")
        by_kind[key].append(shown)
    for key, focus in by_kind.items():
        grouped[key].focus = sorted(set(focus))
    return Report(bool(conforms), len(data), list(grouped.values()))


class UnreadableRDF(ValueError):
    """A file that cannot be parsed in the RDF format given or guessed."""


def validate_file(path: str, fmt: str | None = None) -> Report:
    """Validate the RDF file PATH (FMT: from its extension, else turtle); UnreadableRDF if it cannot be parsed."""
    fmt = format_for(path, fmt)
    try:
        data = read(path, fmt)
    except Exception as e:  # noqa: BLE001 - each rdflib parser raises its own kinds of error
        raise UnreadableRDF(f"{path} cannot be read as {fmt}: {e}") from e
    return validate(data)
