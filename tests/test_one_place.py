"""One place for each fact, the others checked against it.

- Relation types between documents: their one list is ``loaders/data/relations.toml``
  (``vankien.loaders.vocab.relation_types``). The graph's schema derives from it; the cue table may
  only use its types (checked when the table loads); every other place that names relation types
  is compared with it here: the ontology (terms, labels, shapes, JSON-LD context), the view styles,
  Neo4j's schema statements, Cypher written in code, loaders/relations.py and the README's tables.
- Document types: ``loaders/data/types.toml`` (and the words of documents cited only by name,
  ``loaders/patterns.py``) against the generated SKOS scheme ``ontology/schemes.ttl``, the English
  labels of ``ontology/data/labels.toml`` and the view styles. The README lists no document types.
- Warning codes: the readers' ``loaders/readers/warning_codes.py`` and the codes extraction code
  emits against the README's "Warning codes:" paragraph.

Each failure names the place that disagrees and what it lacks or has in excess.
"""
from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from vankien.graph.model import schema
from vankien.graph.stores import neo4j_cypher
from vankien.loaders import cues, relations as relation_finder, vocab
from vankien.loaders.patterns import NAMED_ONLY_STARTERS
from vankien.loaders.readers import warning_codes
from vankien.ontology.vocabulary import CONTEXT_FILE, EDGES, ONTOLOGY_FILE, SCHEMES_FILE, SHAPES_FILE, VK
from vankien.views import style

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
LIST = "loaders/data/relations.toml"
RELATIONS = [r.name for r in vocab.relation_types()]
LINEAGE = [r.name for r in vocab.relation_types() if r.lineage]


# --- helpers -------------------------------------------------------------------------------------
def assert_same(place: str, found: Iterable[str], expected: Iterable[str], authority: str = LIST) -> None:
    """``found`` (what ``place`` lists) is exactly ``expected`` (what ``authority`` lists); the
    message names the place and each name it lacks or has in excess."""
    found, expected = set(found), set(expected)
    problems = []
    if expected - found:
        problems.append(f"lacks {sorted(expected - found)} (listed in {authority})")
    if found - expected:
        problems.append(f"has {sorted(found - expected)}, not in {authority}")
    assert not problems, f"{place}: " + "; ".join(problems)


def readme_table(header: str) -> list[list[str]]:
    """The body rows of the README table whose header line starts with ``header``, as cells."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(header)), None)
    assert start is not None, f"README.md: no table starting with {header!r}"
    rows = []
    for line in lines[start + 2:]:          # skip the header and its |---| line
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def readme_paragraph(opening: str) -> str:
    """The README paragraph that starts with ``opening``, up to the next blank line."""
    text = README.read_text(encoding="utf-8")
    at = text.find(opening)
    assert at >= 0, f"README.md: no paragraph starting with {opening!r}"
    return text[at:].split("\n\n", 1)[0]


def backticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def python_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def string_constants(path: Path) -> Iterator[str]:
    """Every string literal of a Python file (and the literal parts of its f-strings)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


# Cypher relationship patterns: -[r:IMPLEMENTS|REVIEWS]-, -[:SUPERSEDES*1..4]-
CYPHER_RELS = re.compile(r"\[\w*:([A-Z][A-Z_]*(?:\s*\|\s*:?[A-Z][A-Z_]*)*)")


def cypher_relationship_types(text: str) -> set[str]:
    return {name.strip(" :") for m in CYPHER_RELS.finditer(text) for name in m.group(1).split("|")}


def edge_terms(rel_type: str):
    """The ontology terms of a relation type (ontology/vocabulary.py EDGES), failing with the place's name."""
    terms = EDGES.get(rel_type)
    assert terms is not None and terms.qualified is not None, \
        f"ontology/vocabulary.py EDGES lacks {rel_type} (its direct property and qualified class)"
    return terms


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


# --- relation types: the list and what derives from it --------------------------------------------
def test_the_list_has_each_type_once_with_lineage_and_meaning():
    assert RELATIONS, f"{LIST} lists no relation types"
    assert len(set(RELATIONS)) == len(RELATIONS)
    assert all(r.meaning.strip() for r in vocab.relation_types())


def test_the_store_schema_derives_from_the_list():
    assert schema.DOCUMENT_RELATIONS == tuple(RELATIONS), "graph/model/schema.py DOCUMENT_RELATIONS"
    assert schema.LINEAGE_TYPES == tuple(LINEAGE), "graph/model/schema.py LINEAGE_TYPES"
    evidence_tables = [r.name for r in schema.RELATIONSHIPS
                       if (r.src, r.dst) == ("Document", "Document") and r.props == schema.EVIDENCE]
    assert evidence_tables == RELATIONS, "graph/model/schema.py RELATIONSHIPS: Document -> Document tables with evidence"


def test_the_cue_table_uses_only_listed_types_and_states_each():
    data = vocab.load_data("cues.toml")
    cues.check_cue_types(data)
    stated = {row["type"] for row in data["relation"]} | {row["to"] for row in data.get("retype", [])}
    assert_same("loaders/data/cues.toml ([[relation]] types and [[retype]] results)", stated, RELATIONS)
    assert {h.type for h in cues.cue_table().entries.values()} <= set(RELATIONS)


def test_relation_specificity_orders_every_listed_type():
    assert_same("loaders/relations.py SPECIFICITY", relation_finder.SPECIFICITY, RELATIONS)
    assert len(set(relation_finder.SPECIFICITY)) == len(relation_finder.SPECIFICITY), "SPECIFICITY lists a type twice"


# --- relation types: the ontology -----------------------------------------------------------------
def test_ontology_vocabulary_maps_every_edge_type():
    doc_edges = {t for t in EDGES if t not in schema.REL_BY_NAME or schema.REL_BY_NAME[t].props == schema.EVIDENCE
                 and schema.REL_BY_NAME[t].dst == "Document"}
    assert_same("ontology/vocabulary.py EDGES (document relations)", doc_edges, RELATIONS)
    unknown = set(EDGES) - schema.EDGE_TYPES
    assert not unknown, f"ontology/vocabulary.py EDGES: {sorted(unknown)} are not relationship types of graph/model/schema.py"


@pytest.mark.parametrize("rel_type", RELATIONS)
def test_ontology_declares_and_labels_each_relation(ontology, rel_type):
    place = f"ontology/vankien.ttl ({rel_type})"
    terms = edge_terms(rel_type)
    g = ontology
    assert (terms.direct, RDF.type, OWL.ObjectProperty) in g, f"{place}: {terms.direct} is not an owl:ObjectProperty"
    assert VK.cites in set(g.transitive_objects(terms.direct, RDFS.subPropertyOf)), f"{place}: {terms.direct} is not under vk:cites"
    assert (terms.qualified, RDF.type, OWL.Class) in g, f"{place}: {terms.qualified} is not an owl:Class"
    assert VK.DocumentRelation in set(g.transitive_objects(terms.qualified, RDFS.subClassOf)), \
        f"{place}: {terms.qualified} is not under vk:DocumentRelation"
    assert g.value(terms.qualified, VK.shortcut) == terms.direct, f"{place}: {terms.qualified} has no vk:shortcut {terms.direct}"
    for term in (terms.direct, terms.qualified):
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in g.objects(term, prop)}
            assert {"vi", "en"} <= langs, f"{place}: {term} lacks a Vietnamese or English {prop}"
    definitions = " ".join(str(o) for o in g.objects(terms.direct, SKOS.definition))
    assert f"({rel_type})" in definitions, f"{place}: the definitions of {terms.direct} do not name ({rel_type})"


def test_ontology_has_no_document_relation_outside_the_list(ontology):
    g = ontology
    classes = {c for c in g.transitive_subjects(RDFS.subClassOf, VK.DocumentRelation)} - {VK.DocumentRelation}
    properties = {p for p in g.transitive_subjects(RDFS.subPropertyOf, VK.cites)} - {VK.cites}
    named = {str(t).removeprefix(str(VK)) for t in classes | properties}
    listed = {str(term).removeprefix(str(VK)) for t in RELATIONS if t in EDGES
              for term in (EDGES[t].direct, EDGES[t].qualified)}
    assert_same("ontology/vankien.ttl (subclasses of vk:DocumentRelation, subproperties of vk:cites)", named, listed,
                f"{LIST} through ontology/vocabulary.py EDGES")
    disjoint = set()
    for members in g.objects(None, OWL.members):
        items = set(g.items(members))
        if items & classes:
            disjoint |= items
    assert_same("ontology/vankien.ttl (owl:AllDisjointClasses of the document relations)",
                {str(c).removeprefix(str(VK)) for c in disjoint}, {str(c).removeprefix(str(VK)) for c in classes},
                "the subclasses of vk:DocumentRelation")


@pytest.mark.parametrize("rel_type", RELATIONS)
def test_shapes_constrain_each_relation(ontology, shapes, rel_type):
    """The shapes are generic (vk:DocumentRelation, vk:cites): each type is reached through the ontology."""
    terms = edge_terms(rel_type)
    targets = set(shapes.objects(None, SH.targetClass))
    paths = set(shapes.objects(None, SH.path))
    assert set(ontology.transitive_objects(terms.qualified, RDFS.subClassOf)) & targets, \
        f"ontology/shapes.ttl: no shape targets {terms.qualified} ({rel_type}) or a class above it"
    assert set(ontology.transitive_objects(terms.direct, RDFS.subPropertyOf)) & paths, \
        f"ontology/shapes.ttl: no shape constrains {terms.direct} ({rel_type}) or a property above it"


def test_shapes_use_only_terms_of_the_ontology(ontology, shapes):
    declared = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(str(VK))}
    unknown = sorted(str(t) for t in used - declared)
    assert not unknown, f"ontology/shapes.ttl: uses terms ontology/vankien.ttl does not declare: {unknown}"


def test_jsonld_context_names_each_relation():
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    for rel_type in RELATIONS:
        for term in (edge_terms(rel_type).direct, edge_terms(rel_type).qualified):
            local = str(term).removeprefix(str(VK))
            assert local in context, f"ontology/context.jsonld lacks {local} ({rel_type}): run `make ontology`"


# --- relation types: views, Neo4j, Cypher in code ------------------------------------------------
def test_view_styles_cover_every_relation_they_draw():
    styled = style.style()["relation"]
    drawn = {*RELATIONS, "ASSIGNS_TO", "MAY_BE"}      # views draw assignments and ambiguous references too
    assert_same("views/data/style.toml [relation.*]", styled, drawn, f"{LIST} (and ASSIGNS_TO, MAY_BE)")
    for rel_type in RELATIONS:
        missing = {"label", "color", "incoming", "outgoing"} - set(styled[rel_type])
        assert not missing, f"views/data/style.toml [relation.{rel_type}] lacks {sorted(missing)}"


def test_neo4j_schema_statements_cover_every_relation():
    statements = " ".join(neo4j_cypher.schema_statements())
    indexed = {m for m in re.findall(r"FOR \(\)-\[r:(\w+)\]-\(\)", statements)}
    evidence_types = {r.name for r in schema.RELATIONSHIPS if "resolved_from" in r.props}
    assert_same("graph/stores/neo4j_cypher.py schema_statements() (indexes on relationships)", indexed, evidence_types,
                "graph/model/schema.py RELATIONSHIPS with resolved_from")
    assert set(RELATIONS) <= indexed, f"graph/stores/neo4j_cypher.py: no index for {sorted(set(RELATIONS) - indexed)}"
    for rel_type in RELATIONS:
        rel = schema.REL_BY_NAME[rel_type]
        merge = neo4j_cypher.merge_edges(rel, schema.EDGE_KEY[rel_type])
        assert f"MERGE (a)-[r:{rel_type} {{source: row.source, span_start: row.span_start}}]->(b)" in merge, \
            f"graph/stores/neo4j_cypher.py merge_edges({rel_type})"


def test_cypher_in_code_and_docs_names_only_known_relationship_types():
    """Queries in code (string literals of graph/, views/, vankien/) and in the README, docs/ and the
    notebooks name only relationship types of the schema (a renamed or dropped type breaks them)."""
    found: dict[str, set[str]] = {}
    texts = [(path, text) for path in python_files("graph", "views", "vankien") for text in string_constants(path)]
    docs = [README, *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "notebooks").glob("*.ipynb"))]
    texts += [(path, path.read_text(encoding="utf-8")) for path in docs]
    for path, text in texts:
        for name in cypher_relationship_types(text) - schema.EDGE_TYPES:
            found.setdefault(name, set()).add(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path))
    assert not found, f"Cypher names relationship types graph/model/schema.py does not have: {found}"


# --- relation types: README ----------------------------------------------------------------------
def test_readme_data_model_table_lists_every_relationship():
    rows = readme_table("| relationship | from → to |")
    names = [n for row in rows for n in backticked(row[0])]
    assert_same("README.md data model table (| relationship | from → to |)", names, schema.REL_BY_NAME,
                "graph/model/schema.py RELATIONSHIPS")
    lineage_cells = [row[0] for row in rows if "(lineage)" in row[0]]
    assert len(lineage_cells) == 1, "README.md data model table: one cell marks the lineage types with (lineage)"
    assert_same("README.md data model table, the types before (lineage)",
                backticked(lineage_cells[0].split("(lineage)")[0]), LINEAGE)
    doc_rows = [row for row in rows if "source (sha256" in row[-1]]
    assert_same("README.md data model table, the Document → Document row with evidence",
                [n for row in doc_rows for n in backticked(row[0])], RELATIONS)


def test_readme_extract_output_lists_every_relation_type():
    row = next((r for r in readme_table("| field | meaning |") if r[0] == "`relations[]`"), None)
    assert row is not None, "README.md extract output table (| field | meaning |): no `relations[]` row"
    m = re.search(r"`type` is (.+?), directed", row[1])
    assert m, "README.md `relations[]` row: no \"`type` is A, B … or Z, directed …\""
    names = re.split(r",\s*|\s+or\s+", m.group(1))
    assert_same("README.md extract output table, `relations[]` row", names, RELATIONS)


def test_readme_alignment_table_maps_every_relation():
    rows = readme_table("| vankien | ELI |")
    first = " ".join(row[0] for row in rows)
    terms = set(re.findall(r"`vk:(\w+)`", first))
    for rel_type in RELATIONS:
        local = str(edge_terms(rel_type).direct).removeprefix(str(VK))
        assert local in terms, f"README.md alignment table (| vankien | ELI |): no row for vk:{local} ({rel_type})"
    named = set(re.findall(r"\b([A-Z][A-Z]+(?:_[A-Z]+)*)\b", first)) - {"ELI"}
    unknown = named - schema.EDGE_TYPES
    assert not unknown, f"README.md alignment table names {sorted(unknown)}, not relationship types of graph/model/schema.py"


# --- relation types: a new type, an unknown type ------------------------------------------------
def data_copy(tmp_path: Path, relations: str = "", cue_rows: str = "") -> Path:
    """A copy of loaders/data with text appended to relations.toml and cues.toml."""
    data = tmp_path / "data"
    shutil.copytree(vocab.DATA, data)
    with open(data / "relations.toml", "a", encoding="utf-8") as f:
        f.write(relations)
    with open(data / "cues.toml", "a", encoding="utf-8") as f:
        f.write(cue_rows)
    return data


NEW_TYPE = '\n[[relation]]\ntype = "ENDORSES"\nlineage = false\nmeaning = "the source endorses the target (test only)"\n'
NEW_CUE = '\n[[relation]]\ntype = "ENDORSES"\nphrases = ["tán thành"]\nsource = "described"\nconfidence = 0.9\n'
PLAN = ("Ngày 12/10/2022, Ban Thường vụ Tỉnh ủy Lạng Sơn ban hành Kế hoạch số 21-KH/TU tán thành Nghị quyết số "
        "18-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII về đất đai.\n")

# Run in a fresh interpreter: loaders/data is read once per process and the schema built at import.
PROBE = """
import json, pathlib, sys
import vankien.loaders.vocab as vocab
vocab.DATA = pathlib.Path(sys.argv[1])
from vankien.graph.model import schema
from vankien.graph.stores import neo4j_cypher, open_store
from vankien.graph.ingest import ingest
from vankien.loaders.extract import extract_text

text = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")
store = open_store(pathlib.Path(sys.argv[3]))
ingest([sys.argv[2]], store, workers=1)
rows = store.query("MATCH (a:Document)-[r:ENDORSES]->(b:Document) RETURN a.key, b.key").rows
print(json.dumps({
    "document_relations": schema.DOCUMENT_RELATIONS, "lineage": schema.LINEAGE_TYPES,
    "table": [schema.REL_BY_NAME["ENDORSES"].src, schema.REL_BY_NAME["ENDORSES"].dst,
              list(schema.REL_BY_NAME["ENDORSES"].props)],
    "indexed": any("FOR ()-[r:ENDORSES]-()" in s for s in neo4j_cypher.schema_statements()),
    "extracted": [[r["source"], r["type"], r["target"]] for r in extract_text(text)["relations"]],
    "stored": rows}))
store.close()
"""


def test_a_type_added_only_to_the_list_reaches_the_schema_and_the_store(tmp_path):
    data = data_copy(tmp_path, NEW_TYPE, NEW_CUE)
    text = tmp_path / "plan.txt"
    text.write_text(PLAN, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", PROBE, str(data), str(text), str(tmp_path / "store")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["document_relations"] == [*RELATIONS, "ENDORSES"]
    assert out["lineage"] == LINEAGE
    assert out["table"] == ["Document", "Document", list(schema.EVIDENCE)]
    assert out["indexed"], "a new type gets its Neo4j index"
    assert out["extracted"] == [["21-KH/TU", "ENDORSES", "18-NQ/TW"]]
    assert out["stored"] == [["21-KH/TU", "18-NQ/TW"]], "the new relation reaches the store, not dropped at ingest"


@pytest.fixture
def fresh_data_caches():
    """Clear the caches of loaders/data before and after a test that points it elsewhere."""
    caches = (vocab.load_data, vocab.relation_types, vocab.vocab, cues.cue_table)
    for c in caches:
        c.cache_clear()
    yield
    for c in caches:
        c.cache_clear()


def test_an_unknown_cue_type_fails_when_the_cue_table_loads(tmp_path, monkeypatch, fresh_data_caches):
    monkeypatch.setattr(vocab, "DATA", data_copy(tmp_path, cue_rows=NEW_CUE))
    with pytest.raises(ValueError, match=r"cues\.toml: \[\[relation\]\] \d+ type: relation type 'ENDORSES' is not in "
                                         r"loaders/data/relations\.toml"):
        cues.cue_table()


@pytest.mark.parametrize("data, where", [
    ({"relation": [{"type": "IMPLEMENTS", "after": "ENDORSES", "phrases": ["x"]}]}, r"\[\[relation\]\] 1 after"),
    ({"retype": [{"source_kind": "Hướng dẫn", "from": "IMPLEMENTS", "to": "ENDORSES"}]}, r"\[\[retype\]\] 1 to"),
    ({"hierarchy": {"downward": ["IMPLEMENTS", "ENDORSES"], "dated": []}}, r"\[hierarchy\] downward"),
])
def test_every_type_the_cue_table_names_is_checked(data, where):
    with pytest.raises(ValueError, match=rf"cues\.toml: {where}: relation type 'ENDORSES'"):
        cues.check_cue_types(data)


@pytest.mark.parametrize("extra, message", [
    ('\n[[relation]]\ntype = "IMPLEMENTS"\nlineage = true\nmeaning = "again"\n', "listed twice: IMPLEMENTS"),
    ('\n[[relation]]\ntype = "ENDORSES"\nmeaning = "no lineage"\n', "has no lineage"),
    ('\n[[relation]]\ntype = "endorses"\nlineage = false\nmeaning = "lower case"\n', "not UPPER_SNAKE_CASE"),
])
def test_a_broken_list_fails_when_read(tmp_path, monkeypatch, fresh_data_caches, extra, message):
    monkeypatch.setattr(vocab, "DATA", data_copy(tmp_path, relations=extra))
    with pytest.raises(ValueError, match=rf"relations\.toml: .*{message}"):
        vocab.relation_types()


# --- document types ------------------------------------------------------------------------------
def document_types() -> dict[str, set[str]]:
    """Type word -> its codes: loaders/data/types.toml, the words of documents cited only by name,
    and the kind of a document issued and named by a generic word ("văn bản")."""
    out: dict[str, set[str]] = {}
    types = vocab.load_data("types.toml")
    for t in types["type"]:
        out.setdefault(t["word"], set()).update(t.get("codes", []))
    for word in NAMED_ONLY_STARTERS:
        out.setdefault(word, set())
    out.setdefault(types["generic"]["issued_kind"], set())
    return out


def test_the_document_type_scheme_has_every_type_and_code():
    g = Graph().parse(SCHEMES_FILE, format="turtle")
    scheme: dict[str, set[str]] = {}
    for c in g.subjects(RDF.type, VK.DocumentType):
        words = [str(o) for o in g.objects(c, SKOS.prefLabel) if o.language == "vi"]
        assert len(words) == 1, f"ontology/schemes.ttl: {c} has {len(words)} Vietnamese labels"
        scheme[words[0]] = {str(o) for o in g.objects(c, SKOS.notation)}
    expected = document_types()
    where = "loaders/data/types.toml (+ loaders/patterns.py NAMED_ONLY_STARTERS)"
    assert_same("ontology/schemes.ttl document types (run `make ontology`)", scheme, expected, where)
    for word, codes in expected.items():
        assert_same(f"ontology/schemes.ttl notations of {word!r} (run `make ontology`)", scheme[word], codes, where)


def test_every_document_type_has_an_english_label():
    with open(ROOT / "ontology" / "data" / "labels.toml", "rb") as f:
        english = tomllib.load(f)["document_type"]
    assert_same("ontology/data/labels.toml [document_type]", english, document_types(),
                "loaders/data/types.toml (+ loaders/patterns.py NAMED_ONLY_STARTERS)")


def test_view_styles_name_only_known_type_codes():
    codes = {c for cs in document_types().values() for c in cs}
    styled = set(style.style()["document"]["type"]) - {"other"}
    unknown = styled - codes
    assert not unknown, f"views/data/style.toml [document.type.*]: {sorted(unknown)} are not codes of loaders/data/types.toml"


# --- warning codes -------------------------------------------------------------------------------
WARN_CALLS = {"Warn": 0, "_span_warn": 0, "failure": 1}     # function -> position of the code argument


def emitted_warning_codes() -> tuple[set[str], list[re.Pattern], set[str]]:
    """What loaders/ code passes as a warning code: literal codes, f-string codes (as patterns) and
    the names of ``warning_codes`` constants it uses (``codes.EMPTY``)."""
    literal, patterns, constants = set(), [], set()
    for path in python_files("loaders"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                constants.add(node.attr)
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in WARN_CALLS or len(node.args) <= WARN_CALLS[name]:
                continue
            arg = node.args[WARN_CALLS[name]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                literal.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"[a-z_]+" for v in arg.values]
                patterns.append(re.compile("".join(parts)))
    return literal, patterns, constants


def readme_warning_codes() -> set[str]:
    return set(backticked(readme_paragraph("Warning codes:")))


def test_readers_warning_codes_are_all_listed():
    defined = {v for k, v in vars(warning_codes).items() if k.isupper() and isinstance(v, str)}
    assert_same("loaders/readers/warning_codes.py ALL", warning_codes.ALL, defined,
                "the constants of loaders/readers/warning_codes.py")
    _, _, used = emitted_warning_codes()
    unknown = {c for c in used if not isinstance(getattr(warning_codes, c, None), str)}
    assert not unknown, f"loaders/readers/*: codes.{sorted(unknown)} are not constants of warning_codes.py"


def test_readme_lists_every_warning_code_and_no_other():
    readme = readme_warning_codes()
    literal, patterns, _ = emitted_warning_codes()
    emitted = set(warning_codes.ALL) | literal
    missing = emitted - readme
    assert not missing, f"README.md \"Warning codes:\" paragraph lacks {sorted(missing)} (emitted by loaders/)"
    for p in patterns:
        assert any(p.fullmatch(c) for c in readme), \
            f"README.md \"Warning codes:\" paragraph has no code of the form {p.pattern} (emitted by loaders/)"
    extra = {c for c in readme - emitted if not any(p.fullmatch(c) for p in patterns)}
    assert not extra, f"README.md \"Warning codes:\" paragraph lists {sorted(extra)}, which no code in loaders/ emits"


def test_each_date_warning_is_a_date_problem():
    """The f-string code ``{problem}_date`` (loaders/resolve.py): the README's *_date codes name problems of
    loaders/dates.py."""
    problems = {node.args[-1].value for node in ast.walk(ast.parse((ROOT / "loaders" / "dates.py").read_text(encoding="utf-8")))
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DateHit"
                and isinstance(node.args[-1], ast.Constant) and isinstance(node.args[-1].value, str)}
    literal, patterns, _ = emitted_warning_codes()
    dated = {c for c in readme_warning_codes() - literal if any(p.fullmatch(c) for p in patterns)}
    unknown = {c for c in dated if c.removesuffix("_date") not in problems}
    assert not unknown, f"README.md \"Warning codes:\" paragraph: {sorted(unknown)} name no problem of loaders/dates.py"
