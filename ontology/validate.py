"""Validation of an RDF export: the shapes (ontology/shapes.ttl) against the data, with the ontology
and the generated concept schemes beside it (so that a document type, level, province or role must be a
concept of the project's vocabulary, and every qualified relation must have its direct triple: the
ontology's vk:shortcut says which).

Two engines give the same results (tests/test_rdf.py checks it on conforming and broken exports):

- pySHACL on one rdflib graph (``validate(graph)``): the reference, for graphs already in memory. It holds
  the whole graph (about 3 KB a triple) and checks a few thousand triples a second.
- Apache Jena SHACL (tools/shacl, built with Maven on first use) for files (``validate_file``, the
  ``validate-rdf`` command), *in partitions*: memory bounded by a partition (and a small index of the typed
  nodes), not by the file. The file is parsed once (N-Triples by the launcher's own reader on two ranges
  of lines at once; a file with a line it does not take, and every other format, by Jena's parser), the partitions
  travel as binary records through temporary files and are validated two at a time: ~85 000 triples per
  second of CPU at 10 000 texts, more than Jena on the whole graph (benchmarks/rdf_scale.py, README).

Why partitions give the whole graph's result. Each result of SHACL is about one focus node and is decided
by the triples the shapes read from it. In shapes.ttl these are: (1) the focus node's own triples (every
path but one is a forward path, and the targets are rdf:type / sh:targetSubjectsOf of the node itself);
(2) for sh:class, the rdf:type triples of the values, read through rdfs:subClassOf of the ontology;
(3) one inverse path, ``^vk:supersedes``; (4) the two SPARQL constraints, which read, besides the node's
own triples, ``?class vk:shortcut ?p`` (the ontology) and the direct triple ``?s ?p ?t`` / ``?s vk:mentions
?t`` whose subject ``?s`` is the node's rico:relationHasSource. So the launcher (tools/shacl) sends every
triple to the partition of an *owner*: its subject, or, for a subject with exactly one
rico:relationHasSource, that source (a qualified relation or mention then sits with the direct triple its
SPARQL constraint looks for). Each partition is validated together with the ontology and schemes, the
rdf:type triples (of the classes some sh:class accepts) of every node its triples point to, and every
``vk:supersedes`` triple; it validates only the focus nodes it owns (a focus node's results are decided by
what (1)–(4) read, so validating it alone gives the results validating all would keep for it). Every triple
added is a triple of the whole graph, and each owned focus node finds in its partition everything (1)–(4)
read, so its results are those of the whole graph; every focus node is owned by exactly one partition. The
argument needs the data to leave the class hierarchy and the shortcuts alone and each typed node to have at
most one rico:relationHasSource: when a file breaks that (it states rdfs:subClassOf or vk:shortcut triples the
ontology does not have, or a typed node has two sources), the launcher validates the file whole, and says so.
The launcher keeps the nodes' classes and sources by 64-bit hashes of the nodes, not the nodes (so that its
memory does not follow the file): two nodes of one file sharing a hash, odds about n²/2⁶⁵ (3 in a million
for ten million nodes), would lend one the other's classes or source.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from vankien.ontology.vocabulary import DEFAULT_BASE, ONTOLOGY_FILE, SCHEMES_FILE, SHAPES_FILE
from vankien.ontology.formats import format_for
from vankien.ontology.writers import read

EXAMPLES_SHOWN = 3
ENGINES = ("auto", "jena", "jena-whole", "pyshacl")
SHACL_DIR = Path(__file__).resolve().parents[1] / "tools" / "shacl"
SHACL_JAR = SHACL_DIR / "target" / "vankien-shacl.jar"
# "auto" validates files from this size on with Jena: pySHACL checks ~1 200 triples/s (a 2 MB Turtle file
# is ~25 000 triples, ~20 s), Jena starts a JVM (~1.5 s) and then checks ~85 000 triples/s (CPU) in partitions
AUTO_JENA_BYTES = 2 * 1024 * 1024
BUCKET_TRIPLES = 150_000        # triples of a partition (the launcher's memory follows it)
# the launcher's heap: a partition at a time needs little; the whole graph, about 400 bytes a triple
JAVA_HEAP = {"partitioned": os.environ.get("VANKIEN_SHACL_HEAP", "1g"), "whole": os.environ.get("VANKIEN_SHACL_HEAP", "8g")}


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


@dataclass(frozen=True)
class Result:
    """One validation result, engine-neutral: what tests compare between engines (messages SHACL
    engines write themselves differ; the shapes' own sh:message are the same)."""
    severity: str
    focus: str
    path: str
    component: str
    value: str


@dataclass
class Report:
    conforms: bool
    triples: int
    problems: list[Problem]
    results_set: frozenset[Result] = frozenset()
    engine: str = "pyshacl"

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
    if isinstance(term, BNode) and (g.value(term, SH.inversePath) is not None):
        return "^" + _short(g.value(term, SH.inversePath), g)
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
    rows = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(r, SH.resultPath)
        if isinstance(path, BNode) and results.value(path, SH.inversePath) is not None:
            path = ("^", results.value(path, SH.inversePath))
        rows.append((results.value(r, SH.resultSeverity), results.value(r, SH.resultMessage),
                     results.value(r, SH.sourceConstraintComponent), path, results.value(r, SH.focusNode),
                     results.value(r, SH.value)))
    return _report(bool(conforms), len(data), rows, data, "pyshacl")


def _report(conforms: bool, triples: int, rows, g: Graph, engine: str) -> Report:
    """A Report from results as (severity, message, component, path, focus, value) terms; path may be
    ("^", predicate) for an inverse path."""
    grouped: dict[tuple, Problem] = {}
    by_kind: dict[tuple, list[str]] = defaultdict(list)
    results = set()
    for severity, message, component, path, focus, value in rows:
        shown_path = ("^" + _short(path[1], g)) if isinstance(path, tuple) else _short(path, g) if path is not None else ""
        severity_text = _short(severity, g).removeprefix("sh:")
        key = (severity_text, str(message or component or ""), shown_path)
        grouped.setdefault(key, Problem(*key))
        shown = _short(focus, g) + (f" = {value.n3(g.namespace_manager)}" if isinstance(value, Literal) else "")
        by_kind[key].append(shown)
        # a SPARQL constraint's value is engine-defined (pySHACL: the focus node; Jena: none)
        sparql = component == SH.SPARQLConstraintComponent
        results.add(Result(str(severity), str(focus), ("^" + str(path[1])) if isinstance(path, tuple) else
                           str(path or ""), str(component or ""), "" if sparql or value is None else value.n3()))
    for key, focus in by_kind.items():
        grouped[key].focus = sorted(set(focus))
    return Report(conforms, triples, list(grouped.values()), frozenset(results), engine)


class UnreadableRDF(ValueError):
    """A file that cannot be parsed in the RDF format given or guessed."""


class NoEngine(RuntimeError):
    """The Jena engine was asked for and cannot run here (no Java, no Maven to build it)."""


def validate_file(path: str, fmt: str | None = None, engine: str = "auto", *,
                  bucket_triples: int = BUCKET_TRIPLES) -> Report:
    """Validate the RDF file PATH (FMT: from its extension, else turtle); UnreadableRDF if it cannot be parsed.

    ENGINE: "jena" (Apache Jena SHACL in partitions, flat memory), "jena-whole" (Jena on the whole graph),
    "pyshacl" (the whole graph in rdflib), or "auto": $VANKIEN_SHACL_ENGINE when set, else pySHACL for a
    file under AUTO_JENA_BYTES (no JVM to start, nothing to build) and Jena for a larger one when Java is
    here (and the launcher is built or Maven can build it)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; one of {', '.join(ENGINES)}")
    fmt = format_for(path, fmt)
    if engine == "auto":
        engine = os.environ.get("VANKIEN_SHACL_ENGINE") or auto_engine(path)
        if engine not in ENGINES or engine == "auto":
            raise ValueError(f"VANKIEN_SHACL_ENGINE={engine!r}: one of {', '.join(ENGINES[1:])}")
    if engine == "pyshacl":
        with _quiet_rdflib():
            try:
                data = read(path, fmt)
            except Exception as e:  # noqa: BLE001 - each rdflib parser raises its own kinds of error
                raise UnreadableRDF(f"{path} cannot be read as {fmt}: {e}") from e
            return validate(data)
    return validate_with_jena(path, fmt, whole=engine == "jena-whole", bucket_triples=bucket_triples)


@contextlib.contextmanager
def _quiet_rdflib():
    """rdflib logs a warning with a traceback for every literal it cannot convert ("2020-13-45" as an
    xsd:date); the SHACL report names each such value as a violation, once, so those logs are held back."""
    logger = logging.getLogger("rdflib")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def auto_engine(path: str) -> str:
    """The engine "auto" picks for PATH: pySHACL for small files, Jena in partitions for large ones."""
    try:
        large = os.path.getsize(path) >= AUTO_JENA_BYTES
    except OSError:
        large = False
    return "jena" if large and jena_available() else "pyshacl"


# --- Apache Jena (tools/shacl) ---------------------------------------------------------------------
JENA_LANG = {"turtle": "TTL", "nt": "NT", "trig": "TRIG", "json-ld": "JSONLD", "xml": "RDFXML"}


def jena_available() -> bool:
    """Java is here and the launcher is built (or Maven is here to build it)."""
    if shutil.which("java") is None:
        return False
    return _jar_fresh() or (shutil.which("mvn") is not None and (SHACL_DIR / "pom.xml").is_file())


def _jar_fresh() -> bool:
    sources = [SHACL_DIR / "pom.xml", *SHACL_DIR.joinpath("src").rglob("*.java")]
    return SHACL_JAR.is_file() and (SHACL_DIR / "target" / "lib").is_dir() and \
        SHACL_JAR.stat().st_mtime >= max(p.stat().st_mtime for p in sources)


def shacl_jar() -> Path:
    """The launcher's jar, built with ``mvn -q -B package`` (Jena from Maven Central) when missing or stale."""
    if _jar_fresh():
        return SHACL_JAR
    if shutil.which("java") is None or shutil.which("mvn") is None:
        raise NoEngine(f"the Jena SHACL engine needs Java 17+ and Maven to build {SHACL_DIR}")
    done = subprocess.run(["mvn", "-q", "-B", "package"], cwd=SHACL_DIR, capture_output=True, text=True)
    if done.returncode != 0 or not SHACL_JAR.is_file():
        raise NoEngine(f"building the Jena SHACL launcher failed (mvn -q -B package in {SHACL_DIR}):\n"
                       f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return SHACL_JAR


def jena_command(path: str, fmt: str, *, whole: bool = False, bucket_triples: int = BUCKET_TRIPLES,
                 threads: int | None = None) -> list[str]:
    cmd = ["java", f"-Xmx{JAVA_HEAP['whole' if whole else 'partitioned']}", "-XX:+UseParallelGC", "-jar", str(shacl_jar()),
           "--shapes", str(SHAPES_FILE), "--context", str(ONTOLOGY_FILE), "--context", str(SCHEMES_FILE),
           "--data", str(path), "--lang", JENA_LANG[fmt], "--bucket-triples", str(bucket_triples)]
    if threads:
        cmd += ["--threads", str(threads)]
    return cmd + (["--whole"] if whole else [])


def validate_with_jena(path: str, fmt: str, *, whole: bool = False, bucket_triples: int = BUCKET_TRIPLES,
                       threads: int | None = None) -> Report:
    done = subprocess.run(jena_command(path, fmt, whole=whole, bucket_triples=bucket_triples, threads=threads),
                          capture_output=True, text=True, encoding="utf-8")
    if done.returncode == 2:
        raise UnreadableRDF(f"{path} cannot be read as {fmt}: {done.stderr.strip().removeprefix('cannot read: ')}")
    if done.returncode != 0:
        raise RuntimeError(f"the Jena SHACL launcher failed ({done.returncode}): {done.stderr[-2000:]}")
    lines = done.stdout.splitlines()
    summary = next(line for line in reversed(lines) if line.startswith("T\t")).split("\t")
    entries = [line.split("\t") for line in lines if line.startswith("R\t")]
    # the terms (N-Triples) read back with rdflib's parser, all at once
    doc, sub = [], "<urn:vankien:r{}> <urn:vankien:{}> {} .\n"
    for i, (_, severity, _message, path_nt, focus, value, component) in enumerate(entries):
        doc.append(sub.format(i, "severity", severity))
        doc.append(sub.format(i, "focus", focus))
        if value:
            doc.append(sub.format(i, "value", value))
        if component:
            doc.append(sub.format(i, "component", component))
        if path_nt:
            doc.append(sub.format(i, "inverse" if path_nt.startswith("^") else "path", path_nt.lstrip("^")))
    terms = Graph().parse(data="".join(doc), format="nt") if doc else Graph()
    g = Graph()
    for prefix, ns in shapes().namespaces():
        g.bind(prefix, ns)
    for prefix, ns in ontology_and_schemes().namespaces():
        g.bind(prefix, ns, override=False)
    from vankien.ontology.writers import data_prefixes
    for prefix, ns in data_prefixes(_base_of(terms)).items():
        g.bind(prefix, ns, override=False)
    rows = []
    for i, entry in enumerate(entries):
        r = URIRef(f"urn:vankien:r{i}")
        v = lambda name: terms.value(r, URIRef(f"urn:vankien:{name}"))  # noqa: E731
        inverse = v("inverse")
        rows.append((v("severity"), entry[2] or None, v("component"), ("^", inverse) if inverse is not None
                     else v("path"), v("focus"), v("value")))
    return _report(summary[2] == "true", int(summary[1]), rows, g, f"jena ({summary[3]}, {summary[4]} partitions)")


def _base_of(terms: Graph) -> str:
    """The export's base IRI, guessed from a focus node (``…/document/…``), for short names in the report."""
    for o in terms.objects(None, URIRef("urn:vankien:focus")):
        for part in ("document/", "organization/", "source/", "mention/"):
            if part in str(o):
                return str(o).split(part, 1)[0]
    return DEFAULT_BASE
