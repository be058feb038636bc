"""RDF export for archives: ontology, concept schemes, IRIs, export, formats, SHACL, README queries."""
from __future__ import annotations

import io
import re
import shutil
import unicodedata
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
import rdflib.namespace as ns  # used as ns.RDF …: pytest would probe namespace objects kept as globals

from vankien.ontology import build, export, schemes
from vankien.graph.exchange import pages as exchange_pages
from vankien.graph.exchange.pages import scan_pages
from vankien.graph.model.schema import RELATIONSHIPS
from vankien.ontology.export import DATA, VOCABULARY, NTriplesTerms, RdfTerms, key_range_pages, nt_pages, pages
from vankien.ontology.iris import BaseError, Minter, check_base, encode_id
from vankien.ontology.validate import jena_available, validate, validate_file
from vankien.ontology.vocabulary import (EDGES, ELI, NODE_CLASS, NODE_PROPS, ONTOLOGY_FILE, RICO, SCHEMES, SCHEMES_FILE, VK,
                                 EDGE_PROPS, EVIDENCE_PROPS)
from vankien.ontology.writers import FORMATS, Terms, export_rdf, graph_names, read, write

BASE = "https://vankien.example.org/id/"
KINDS = (ns.OWL.Class, ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty, ns.OWL.AnnotationProperty)
BUILTIN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
           "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#")


# --- helpers and fixtures ------------------------------------------------------------------------
def export_text(store, fmt: str, page_size: int = 1000, base: str = BASE) -> str:
    buf = io.StringIO()
    write(pages(store, Minter(base), page_size), buf, fmt, Minter(base).base)
    return buf.getvalue()


def graph_of(store, page_size: int = 1000) -> Graph:
    g = Graph()
    for page in pages(store, Minter(BASE), page_size):
        for t in page.triples:
            g.add(t)
    return g


@pytest.fixture(scope="module")
def examples_rdf(examples_graph) -> Graph:
    return graph_of(examples_graph)


@pytest.fixture(scope="module")
def corpus_rdf(corpus_graph) -> Graph:
    return graph_of(corpus_graph, page_size=50)


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    g.parse(SCHEMES_FILE, format="turtle")
    return g


# --- the ontology ----------------------------------------------------------------------------------
def test_ontology_declares_each_term_it_uses_with_one_kind(ontology_graph):
    g = ontology_graph
    declared: dict[URIRef, set] = {}
    for kind in KINDS:
        for term in g.subjects(ns.RDF.type, kind):
            declared.setdefault(term, set()).add(kind)
    punned = {t: k for t, k in declared.items() if len(k) > 1}
    assert not punned, f"IRIs declared with two kinds (not OWL 2 DL): {punned}"
    used = set()
    for s, p, o in g:
        used.add(p)
        if p == ns.RDF.type and o not in KINDS:
            used.add(o)
        if p in (ns.RDFS.subClassOf, ns.RDFS.subPropertyOf, ns.RDFS.domain, ns.RDFS.range, ns.OWL.inverseOf):
            used.update((s, o))
    for lst in g.objects(None, ns.OWL.members):
        used.update(g.items(lst))
    missing = sorted(t for t in used if isinstance(t, URIRef) and not str(t).startswith(BUILTIN) and t not in declared)
    assert not missing, f"terms used but not declared: {missing}"
    # individuals (concepts, schemes) are never also classes or properties
    individuals = {s for s, o in g.subject_objects(ns.RDF.type) if o not in KINDS and not str(o).startswith(BUILTIN[2])}
    assert not individuals & set(declared)


def test_every_vankien_term_has_vietnamese_and_english_labels_and_definitions(ontology_graph):
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    terms = {t for kind in KINDS for t in g.subjects(ns.RDF.type, kind) if str(t).startswith(str(VK))}
    assert len(terms) > 80
    for term in terms:
        for prop in (ns.RDFS.label, ns.SKOS.definition):
            langs = {o.language for o in g.objects(term, prop)}
            assert {"vi", "en"} <= langs, f"{term} lacks {prop} in {'vi' if 'vi' not in langs else 'en'}"


def test_alignment_with_eli_rico_dublin_core_and_prov(ontology_graph):
    g = ontology_graph
    assert str(ELI) == "http://data.europa.eu/eli/ontology#"
    assert str(RICO) == "https://www.ica.org/standards/RiC/ontology#"

    def up(term, rel):
        return set(g.transitive_objects(term, rel))

    assert {ELI.LegalResource, RICO.Record} <= up(VK.Document, ns.RDFS.subClassOf)
    assert RICO.CorporateBody in up(VK.Organization, ns.RDFS.subClassOf)
    assert {RICO.Place, ns.SKOS.Concept} <= up(VK.Province, ns.RDFS.subClassOf)
    assert {RICO.Record, ns.PROV.Entity} <= up(VK.SourceText, ns.RDFS.subClassOf)
    assert {RICO.Relation, ns.PROV.Entity} <= up(VK.Implementation, ns.RDFS.subClassOf)
    assert RICO.MandateRelation in up(VK.Assignment, ns.RDFS.subClassOf)
    sub = ns.RDFS.subPropertyOf
    assert ELI.ensures_implementation_of in up(VK.implements, sub)
    assert {ELI.repeals, ELI.changes, ns.DCTERMS.replaces} <= up(VK.supersedes, sub)
    assert {ELI.amends, ELI.changes} <= up(VK.amends, sub)
    assert ELI.based_on in up(VK.basedOn, sub)
    assert ELI.related_to in up(VK.relatesTo, sub)
    assert ns.DCTERMS.references in up(VK.reviews, sub)
    assert ELI.passed_by in up(VK.issuedBy, sub)
    assert {ELI.date_document, ns.DCTERMS.issued} <= up(VK.date, sub)
    assert {ELI.id_local, ns.DCTERMS.identifier} <= up(VK.localId, sub)
    assert ELI.type_document in up(VK.documentType, sub)
    assert RICO.relationCertainty in up(VK.confidence, sub)
    assert {RICO.precedesInTime, ns.DCTERMS.isReplacedBy} <= up(VK.succeededBy, sub)


def test_vocabulary_tables_use_declared_terms_of_the_right_kind(ontology_graph):
    g = ontology_graph
    tables = [*NODE_PROPS.values(), *EDGE_PROPS.values(), EVIDENCE_PROPS]
    for table in tables:
        for col, prop in table.items():
            assert isinstance(prop.term, URIRef), (col, prop)
            kind = ns.OWL.ObjectProperty if prop.kind in SCHEMES or prop.kind in NODE_CLASS else ns.OWL.DatatypeProperty
            assert (prop.term, ns.RDF.type, kind) in g, f"{prop.term} is not declared as {kind}"
    for edge, terms in EDGES.items():
        assert (terms.direct, ns.RDF.type, ns.OWL.ObjectProperty) in g, edge
        if terms.qualified is not None:
            assert (terms.qualified, ns.RDF.type, ns.OWL.Class) in g, edge
            assert g.value(terms.qualified, VK.shortcut) == terms.direct, edge
    for cls in NODE_CLASS.values():
        assert (cls, ns.RDF.type, ns.OWL.Class) in g


def _owlready_world(g: Graph, tmp_path):
    owlready2 = pytest.importorskip("owlready2")
    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java (.ci/run installs it)")
    g = Graph() + g
    g.remove((None, ns.OWL.imports, None))
    path = tmp_path / "vankien.owl"
    g.serialize(path, format="xml")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    return owlready2, world, onto


def test_ontology_and_schemes_load_in_owlready2_and_hermit_finds_them_consistent(ontology_graph, tmp_path):
    owlready2, world, onto = _owlready_world(ontology_graph, tmp_path)
    names = {c.name for c in world.classes()}
    assert {"Document", "Organization", "SourceText", "Implementation", "Assignment"} <= names
    assert len(list(onto.search(type=world["https://vankien.example.org/ontology#Province"]))) == len(schemes.provinces())
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_hermit_rejects_an_individual_of_two_disjoint_classes(ontology_graph, tmp_path):
    """The reasoner check can fail: documents and organisations are disjoint."""
    bad = Graph() + ontology_graph
    x = URIRef("https://vankien.example.org/id/document/both")
    bad.add((x, ns.RDF.type, VK.Document))
    bad.add((x, ns.RDF.type, VK.Organization))
    owlready2, world, onto = _owlready_world(bad, tmp_path)
    with onto, pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


def test_generated_files_match_the_vocabulary_data():
    assert build.stale() == [], "run `make ontology` (python -m vankien.ontology.build)"


# --- concept schemes from the data -------------------------------------------------------------------
def test_schemes_are_generated_from_the_vocabulary_data(ontology_graph):
    from vankien.graph.model.identity import PROVINCE_MERGER, slug
    from vankien.loaders.patterns import NAMED_ONLY_STARTERS
    from vankien.loaders.vocab import load_data

    g = ontology_graph
    vocab = "https://vankien.example.org/vocab/"
    types = load_data("types.toml")
    words = [t["word"] for t in types["type"]] + list(NAMED_ONLY_STARTERS) + [types["generic"]["issued_kind"]]
    for word in words:
        c = URIRef(f"{vocab}document-type/{slug(word)}")
        assert (c, ns.SKOS.prefLabel, Literal(word, lang="vi")) in g
        assert any(o.language == "en" for o in g.objects(c, ns.SKOS.prefLabel)), f"no English label for {word}"
        assert (c, ns.RDF.type, VK.DocumentType) in g
    assert (URIRef(f"{vocab}document-type/nghi-quyet"), ns.SKOS.notation, Literal("NQ")) in g
    assert len(set(g.subjects(ns.RDF.type, VK.DocumentType))) == len(set(words))

    provinces = load_data("provinces.toml")["province"]
    before = URIRef(f"{vocab}province/before-2025-merger")
    after = URIRef(f"{vocab}province/from-2025-merger")
    assert len(set(g.objects(before, ns.SKOS.member))) == len(provinces) == 63
    assert len(set(g.objects(after, ns.SKOS.member))) == 34
    merged = [p for p in provinces if p.get("merged_into")]
    assert len(merged) == 29
    for p in merged:
        assert (URIRef(f"{vocab}province/{slug(p['name'])}"), VK.succeededBy,
                URIRef(f"{vocab}province/{slug(p['merged_into'])}")) in g
    assert str(PROVINCE_MERGER.year) in str(g.value(URIRef(f"{vocab}province/{slug(merged[0]['name'])}"),
                                                     ns.SKOS.historyNote))
    levels = {e["level"] for e in load_data("issuers.toml")["party"].values()}
    assert {str(o) for c in g.subjects(ns.RDF.type, VK.Level) for o in g.objects(c, ns.SKOS.notation)} == levels
    roles = {a["role"] for a in load_data("cues.toml")["assignment"]}
    assert roles <= {str(o) for c in g.subjects(ns.RDF.type, VK.AssignmentRole) for o in g.objects(c, ns.SKOS.notation)}


def test_scheme_slugs_do_not_collide():
    for data in (list(schemes.document_types()), [p["name"] for p in schemes.provinces()]):
        from vankien.graph.model.identity import slug

        assert len({slug(x) for x in data}) == len(data)


# --- IRIs ----------------------------------------------------------------------------------------------
NASTY = [
    "Nghị quyết số 25 khóa XII",
    'a<b>c"d{e}f|g\\h^i`j',
    "25-NQ/TW:XI",
    "94-KH/TU@lạng-sơn:2020-2025",
    "state:15/2020/NĐ-CP",
    "/leading/and//double/slash/",
    "..",
    "a/../b/./c",
    "query?x=1#frag 100%",
    "tab\tnew\nline",
    "ĐẢNG BỘ TỈNH QUẢNG NINH",
]
IRI_CHARS = re.compile(r"[A-Za-z0-9\-._~:@/%]+")


@pytest.mark.parametrize("text", NASTY)
def test_document_iris_are_safe_reversible_and_parse_as_rdf(text):
    iri = Minter(BASE).document(text)
    tail = iri[len(BASE + "document/"):]
    assert IRI_CHARS.fullmatch(tail), tail
    assert unquote(tail) == unicodedata.normalize("NFC", text)
    assert "//" not in tail and not tail.startswith("/") and not tail.endswith("/")
    assert all(seg not in (".", "..") for seg in tail.split("/"))
    g = Graph().parse(data=f"<{iri}> <{ns.RDFS.label}> \"x\" .", format="nt")
    assert next(iter(g.subjects())) == iri


def test_iris_keep_what_identity_needs():
    m = Minter(BASE)
    assert m.document("25-NQ/TW:XI") == URIRef(BASE + "document/25-NQ/TW:XI")
    assert m.document("94-KH/TU@lang-son:2020-2025") != m.document("94-KH/TU@cao-bang:2020-2025")
    assert m.document("35-CT/TW:XII") != m.document("35-CT/TW:XIII")
    assert m.document("state:15/2020/NĐ-CP") == URIRef(BASE + "document/state:15/2020/N%C4%90-CP")
    nfd = unicodedata.normalize("NFD", "state:15/2020/NĐ-CP")
    assert m.document(nfd) == m.document("state:15/2020/NĐ-CP")
    # organisations: readable, and apart when only diacritics or case differ
    a, b = m.organization("org:ban tuyên giáo"), m.organization("org:bàn tuyên giáo")
    assert a != b and a.startswith(BASE + "organization/ban-tuyen-giao-")
    assert m.organization("org:ban tuyên giáo") == a


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_document_iris_are_one_to_one(x, y):
    enc_x, enc_y = encode_id(x), encode_id(y)
    assert IRI_CHARS.fullmatch(enc_x)
    assert unquote(enc_x) == unicodedata.normalize("NFC", x)
    assert (enc_x == enc_y) == (unicodedata.normalize("NFC", x) == unicodedata.normalize("NFC", y))


@pytest.mark.parametrize("base", ["ftp://x.org/", "not an iri", "https://x.org/a b/", "https://x.org/id?x=1",
                                  "https://x.org/id#", "https://x.org/<id>/", "https:///path"])
def test_bad_bases_are_refused(base):
    with pytest.raises(BaseError):
        check_base(base)


def test_base_gets_its_trailing_slash():
    assert check_base("https://archive.example.vn/id") == "https://archive.example.vn/id/"


# --- the export ---------------------------------------------------------------------------------------
def test_export_has_direct_and_qualified_relations_with_evidence(examples_graph, examples_rdf):
    g = examples_rdf
    m = Minter(BASE)
    plan, resolution = m.document("112-KH/TU@lang-son:2020-2025"), m.document("29-NQ/TW:XIII")
    assert (plan, VK.implements, resolution) in g
    assert (plan, ELI.ensures_implementation_of, resolution) in g
    assert (plan, ns.DCTERMS.references, resolution) in g
    qualified = [q for q in g.subjects(RICO.relationHasSource, plan)
                 if (q, RICO.relationHasTarget, resolution) in g and (q, ns.RDF.type, VK.Implementation) in g]
    assert qualified
    q = qualified[0]
    assert (q, ns.RDF.type, RICO.Relation) in g
    text = g.value(q, RICO.isEvidencedBy)
    assert (text, ns.RDF.type, VK.SourceText) in g and g.value(q, ns.PROV.wasDerivedFrom) == text
    evidence = str(g.value(q, VK.evidenceText))
    assert "29-NQ/TW" in evidence
    assert 0 < float(g.value(q, RICO.relationCertainty)) <= 1
    assert int(g.value(q, VK.spanStart)) < int(g.value(q, VK.spanEnd))
    # the counts match the store, edge type by edge type
    for edge in ("IMPLEMENTS", "SUPERSEDES", "ASSIGNS_TO", "ISSUED_BY"):
        stored = examples_graph.query(f"MATCH ()-[r:{edge}]->() RETURN count(*)").scalar()
        assert len(set(g.subjects(ns.RDF.type, EDGES[edge].qualified))) == stored, edge
    assert len(set(g.subjects(ns.RDF.type, VK.Document))) == examples_graph.query(
        "MATCH (d:Document) RETURN count(*)").scalar()
    # the document's facts and where they were stated
    assert g.value(resolution, VK.date) == Literal("2022-11-17", datatype=ns.XSD.date)
    assert g.value(resolution, ELI.type_document) == URIRef("https://vankien.example.org/vocab/document-type/nghi-quyet")
    mentions = list(g.subjects(RICO.relationHasTarget, resolution))
    assert any((mm, ns.RDF.type, VK.Mention) in g and g.value(mm, VK.statedDate) for mm in mentions)


def test_superseded_documents_are_marked(examples_rdf):
    g = examples_rdf
    old = Minter(BASE).document("1204-QĐ/TU@lang-son:2015-2020")
    assert g.value(old, VK.inForce) == Literal(False)
    new = g.value(old, VK.supersededBy)
    assert (new, VK.supersedes, old) in g and (new, ELI.repeals, old) in g


def test_pages_are_bounded_and_give_the_same_graph(examples_graph, examples_rdf):
    small = list(pages(examples_graph, Minter(BASE), page_size=5))
    assert small[0].graph == VOCABULARY and all(p.graph == DATA for p in small[1:])
    documents = examples_graph.query("MATCH (d:Document) RETURN count(*)").scalar()
    assert len(small) > documents // 5
    g = Graph()
    for p in small:
        for t in p.triples:
            g.add(t)
    assert isomorphic(g, examples_rdf)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_parses_back_to_the_same_graph(examples_graph, examples_rdf, fmt, tmp_path):
    text = export_text(examples_graph, fmt, page_size=7)
    path = tmp_path / f"export.{fmt}"
    path.write_text(text, encoding="utf-8")
    back = read(str(path), fmt)
    assert len(back) == len(examples_rdf)
    assert isomorphic(back, examples_rdf)
    if fmt == "trig":
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(data=text, format="trig")
        names = {c.identifier for c in ds.graphs() if len(c)}
        assert set(graph_names(BASE).values()) <= names
    if fmt == "json-ld":
        assert '"implements"' in text and '"@context"' in text


def test_streamed_formats_write_prefixes_once_and_escape_text(examples_graph):
    text = export_text(examples_graph, "turtle", page_size=3)
    assert text.count("@prefix vk:") == 1
    nt = export_text(examples_graph, "nt", page_size=3)
    assert "@prefix" not in nt and all(line.endswith(" .") for line in nt.splitlines())


def test_export_under_another_base(examples_graph):
    base = "https://archive.example.vn/lod/"
    g = Graph().parse(data=export_text(examples_graph, "nt", base=base), format="nt")
    docs = set(g.subjects(ns.RDF.type, VK.Document))
    assert docs and all(d.startswith(base + "document/") for d in docs)


# --- SHACL -----------------------------------------------------------------------------------------
def test_the_examples_export_conforms(examples_rdf):
    report = validate(examples_rdf)
    assert report.conforms, report.text()


def test_two_appearances_of_one_document_in_one_text_are_two_mentions(tmp_path, examples_dir):
    # two references of one text placed on the same document leave two APPEARS_IN edges to that text
    from vankien.graph.ingest import ingest
    from vankien.graph.stores import open_store

    store = open_store(tmp_path / "store")
    try:
        ingest([str(examples_dir / "01-ke-hoach-tinh-uy-thuc-hien-nghi-quyet.txt")], store, workers=1)
        row = store.query("MATCH (d:Document)-[r:APPEARS_IN]->(s:Source) RETURN d.id AS src_id, s.sha256 AS "
                          "dst_id, r.span_start AS span_start LIMIT 1").records()[0]
        store.create_edges("APPEARS_IN", [{**row, "span_start": row["span_start"] + 1000, "mentions": 1,
                                           "subject": False, "resolved_from": row["src_id"] + "?"}])
        appearances = store.query("MATCH ()-[r:APPEARS_IN]->() RETURN count(*)").scalar()
        g = graph_of(store)
    finally:
        store.close()
    assert len(set(g.subjects(ns.RDF.type, VK.Mention))) == appearances
    report = validate(g)
    assert report.conforms, report.text()


def test_the_corpus_export_conforms(corpus_rdf):
    report = validate(corpus_rdf)
    assert report.conforms, report.text()
    assert len(set(corpus_rdf.subjects(ns.RDF.type, VK.StatedRelation))) > 50


def _first(g, cls):
    return sorted(g.subjects(ns.RDF.type, cls))[0]


def _break_local_id(g):
    g.remove((_first(g, VK.Document), VK.localId, None))


def _break_date(g):
    d = next(s for s in sorted(g.subjects(VK.date, None)))
    g.set((d, VK.date, Literal("2019-02-30")))


def _break_type(g):
    g.set((_first(g, VK.Document), VK.documentType, URIRef("https://vankien.example.org/vocab/document-type/bogus")))


def _break_confidence(g):
    g.set((_first(g, VK.Assignment), VK.confidence, Literal(1.5)))


def _break_direct_triple(g):
    s, p, o = sorted(g.triples((None, VK.implements, None)))[0]
    g.remove((s, p, o))


def _break_evidence(g):
    g.remove((_first(g, VK.Supersession), RICO.isEvidencedBy, None))


def _break_span(g):
    q = _first(g, VK.Implementation)
    g.set((q, VK.spanStart, Literal(int(g.value(q, VK.spanEnd)) + 1)))


def _break_role(g):
    g.set((_first(g, VK.Assignment), VK.role, URIRef("https://vankien.example.org/vocab/role/boss")))


@pytest.mark.parametrize("damage, message", [
    (_break_local_id, "exactly one vankien id"),
    (_break_date, "xsd:date"),
    (_break_type, "document-type scheme"),
    (_break_confidence, "from 0 to 1"),
    (_break_direct_triple, "no matching direct triple"),
    (_break_evidence, "evidenced by one source text"),
    (_break_span, "0 <= start <= end"),
    (_break_role, "role of the role scheme"),
])
def test_a_broken_export_does_not_conform(examples_rdf, damage, message):
    g = Graph() + examples_rdf      # conforms: test_the_examples_export_conforms
    damage(g)
    report = validate(g)
    assert not report.conforms
    assert message in report.text(), report.text()


def test_cli_exports_and_validates(tmp_path, examples_dir):
    from click.testing import CliRunner

    from vankien.cli import main

    runner = CliRunner()
    store = str(tmp_path / "store")
    inputs = [str(p) for p in sorted(examples_dir.iterdir()) if p.suffix == ".txt"][:3]
    assert runner.invoke(main, ["ingest", *inputs, "--store", store, "--no-progress"]).exit_code == 0
    out = tmp_path / "graph.trig"
    res = runner.invoke(main, ["export", "rdf", str(out), "--store", store, "--page-size", "4"])
    assert res.exit_code == 0, res.output
    assert "triples as trig" in res.output
    res = runner.invoke(main, ["validate-rdf", str(out)])
    assert res.exit_code == 0 and "conforms" in res.output, res.output
    broken = tmp_path / "broken.nt"
    g = read(str(out))
    _break_local_id(g)
    broken.write_text(g.serialize(format="nt"), encoding="utf-8")
    res = runner.invoke(main, ["validate-rdf", str(broken)])
    assert res.exit_code == 1 and "does not conform" in res.output and "vankien id" in res.output
    res = runner.invoke(main, ["export", "rdf", str(out), "--store", store, "--base", "ftp://nowhere"])
    assert res.exit_code == 2 and "http" in res.output and "Traceback" not in res.output
    (tmp_path / "junk.ttl").write_text("this is not turtle", encoding="utf-8")
    res = runner.invoke(main, ["validate-rdf", str(tmp_path / "junk.ttl")])
    assert res.exit_code == 1 and "cannot be read as turtle" in res.output
    assert not list(tmp_path.glob(".*.partial"))


# --- the README's queries ------------------------------------------------------------------------------
def readme_queries(repo_root) -> list[str]:
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    section = text.split("### Queries for archivists", 1)[1]
    return re.findall(r"```sparql\n(.*?)```", section, flags=re.S)


def test_readme_queries_answer_from_the_examples_export(repo_root, examples_graph, examples_rdf):
    implementing, superseded = readme_queries(repo_root)
    rows = list(examples_rdf.query(implementing))
    assert rows
    expected = {r[0] for r in examples_graph.query(
        "MATCH (d:Document)-[:IMPLEMENTS|GUIDES]->(r:Document {key: '29-NQ/TW'}) RETURN DISTINCT d.id").rows}
    assert {str(r.id) for r in rows} == expected
    for r in rows:
        assert r.date is not None and r.issuers and str(r.issuers).strip()
    rows = list(examples_rdf.query(superseded))
    assert rows
    expected = {tuple(r) for r in examples_graph.query(
        "MATCH (n:Document)-[:SUPERSEDES]->(o:Document {kind: 'Quy định'}) RETURN DISTINCT o.id, n.id").rows}
    assert {(str(r.oldId), str(r.newId)) for r in rows} == expected


# --- RDF at scale: the new paths give the old results ------------------------------------------------
def _triples(stream) -> Graph:
    g = Graph()
    for page in stream:
        for t in page.triples:
            g.add(t)
    return g


def test_offset_pages_export_the_same_graph_as_key_range_pages(corpus_graph, corpus_rdf):
    """The export reads the store in pages of internal offsets (graph/exchange/pages.scan_pages); the
    old key-range pages give the same graph, page size or not, and every node and edge once."""
    old = _triples(key_range_pages(corpus_graph, Minter(BASE), 1000))
    assert isomorphic(old, corpus_rdf)                     # corpus_rdf: the new way, pages of 50
    small = list(pages(corpus_graph, Minter(BASE), 7))
    assert isomorphic(_triples(small), old)
    nodes = {str(t[0]) for p in small for t in p.triples if t[1] == ns.RDF.type and t[2] == VK.Document}
    assert len(nodes) == corpus_graph.query("MATCH (d:Document) RETURN count(*)").scalar()


TRICKY = ['say "hi"', "back\\slash \\u00e9 \\n", "two\nlines\r\n", "tab\there", "\b\f\x00\x01\x1f\x7f end",
          "Nghị quyết 25-NQ/TW", "non-BMP 𝕏 𠀀 🙂", "ends with a quote\"", "  spaces  ", "e\u0301 decomposed", "<a> {b} |c|"]


@pytest.mark.parametrize("kind", ["text", "string", "date_or_text", "datetime", "uri"])
def test_ntriples_terms_write_literals_as_the_writer_and_rdflib_read_them_back(kind):
    """The N-Triples export builds its text without rdflib terms (export.NTriplesTerms): the same text as
    the writer gives for the rdflib terms of RdfTerms, and rdflib parses it back to those terms."""
    fast, slow, writer = NTriplesTerms(Minter(BASE)), RdfTerms(Minter(BASE)), Terms()
    subject = "<https://vankien.example.org/id/document/x>"
    for text in TRICKY + ["2021-03-04", "2021-03-04T10:20:30", "   ", ""]:
        term = slow.literal(text, kind)
        line = fast.literal(text, kind)
        if term is None:
            assert line is None
            continue
        assert line == writer(term)
        back = Graph().parse(data=f"{subject} <{VK.note}> {line} .\n", format="nt")
        assert list(back.objects()) == [term]


@pytest.mark.parametrize("kind,values", [("boolean", [True, False, 0, 1]), ("integer", [0, -3, 2**40, True]),
                                         ("double", [0.64, 1.0, 1e-7, 3, float("inf")]),
                                         ("date", ["2020-02-29", "2020-02-30", "--05-19"]),
                                         ("date_or_text", ["2019-12-31", "tháng 5 năm 2020"])])
def test_ntriples_terms_write_typed_literals_as_the_writer(kind, values):
    import datetime as dt

    fast, slow, writer = NTriplesTerms(Minter(BASE)), RdfTerms(Minter(BASE)), Terms()
    for value in values + ([dt.date(2020, 1, 2)] if "date" in kind else []):
        term = slow.literal(value, kind)
        assert fast.literal(value, kind) == (None if term is None else writer(term)), (kind, value)


def test_ntriples_terms_mint_the_same_iris():
    fast, slow, writer = NTriplesTerms(Minter(BASE)), RdfTerms(Minter(BASE)), Terms()
    for label, key in [("Document", "25-NQ/TW:XI"), ("Document", "state:15/2020/NĐ-CP"), ("Document", "1.2/./x"),
                       ("Document", "a//b/"), ("Organization", "org:tinh-uy-lang-son"), ("Organization", "Ban Bí thư"),
                       ("Source", "ab" * 32), ("Source", "not a sha/..")]:
        assert fast.node(label, key) == writer(slow.node(label, key))
    assert fast.mention("25-NQ/TW:XI", "ab" * 32, 17, None) == writer(slow.mention("25-NQ/TW:XI", "ab" * 32, 17, None))
    assert fast.concept("province", "Lạng Sơn") == writer(slow.concept("province", "Lạng Sơn"))


@pytest.mark.parametrize("text,encoded", [("25-NQ/TW:XI", "25-NQ/TW:XI"), ("a//b", "a%2F%2Fb"), ("/a/", "%2Fa%2F"),
                                          ("1.2", "1.2"), ("a/../b", "a/%2E%2E/b"), ("..", "%2E%2E"),
                                          ("NĐ", "N%C4%90"), ("a b", "a%20b")])
def test_encode_id_keeps_plain_ids_and_encodes_the_rest(text, encoded):
    assert encode_id(text) == encoded


def test_ntriples_export_is_the_writers_text_of_the_same_pages(corpus_graph, tmp_path):
    """``export rdf --format nt`` (export.nt_pages: lines built directly) writes, byte for byte, what the
    writer writes for the rdflib triples of export.pages; two exports of one store are the same file."""
    generic = io.StringIO()
    count = write(pages(corpus_graph, Minter(BASE), 50), generic, "nt", BASE)
    fast = io.StringIO()
    assert write(nt_pages(corpus_graph, Minter(BASE), 50), fast, "nt", BASE) == count
    assert fast.getvalue() == generic.getvalue()
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    assert export_rdf(corpus_graph, first, "nt", base=BASE, page_size=50) == (count, "nt")
    export_rdf(corpus_graph, second, "nt", base=BASE, page_size=50)
    assert first.read_bytes() == second.read_bytes() == generic.getvalue().encode("utf-8")
    with pytest.raises(ValueError, match="cannot be written as turtle"):
        write(nt_pages(corpus_graph, Minter(BASE), 50), io.StringIO(), "turtle", BASE)


def test_scan_pages_read_in_several_pages_at_once_give_the_same_pages(corpus_graph):
    """scan_pages reads ``read`` offsets per query and cuts them into pages: the pages do not depend on it."""
    rels = [r for r in RELATIONSHIPS if r.src == "Document" and r.name in EDGES]
    one = list(scan_pages(corpus_graph, "Document", rels, 7, read=7))
    assert one == list(scan_pages(corpus_graph, "Document", rels, 7, read=60))      # 60: cut to 56
    assert one == list(scan_pages(corpus_graph, "Document", rels, 7))
    assert all(0 < len(nodes) <= 7 for nodes, _ in one)
    ids = [n["id"] for nodes, _ in one for n in nodes]
    assert len(ids) == len(set(ids)) == corpus_graph.query("MATCH (d:Document) RETURN count(*)").scalar()
    edges = sum(len(found) for _, page in one for found in page.values())
    assert edges == sum(corpus_graph.query(f"MATCH (:Document)-[r:{r.name}]->() RETURN count(r)").scalar() for r in rels)
    with pytest.raises(ValueError, match="at least one node"):
        list(scan_pages(corpus_graph, "Document", rels, 0))


def test_scan_pages_of_a_read_only_store_empty_its_cache_between_reads_and_give_the_same_pages(examples_dir, tmp_path,
                                                                                                monkeypatch):
    """On a store open read-only, scan_pages closes and reopens the database between two reads (Ladybug keeps
    every page it has read until then: without it a whole export grows with the store); the pages and the
    N-Triples file are those of the same store open for writing, which is never reopened (that would checkpoint)."""
    from vankien.graph.ingest import ingest
    from vankien.graph.stores import open_store

    rels = [r for r in RELATIONSHIPS if r.src == "Document" and r.name in EDGES]
    store = open_store(tmp_path / "store")
    ingest([str(p) for p in sorted(examples_dir.iterdir()) if p.name != "README.md"], store, workers=1)
    store.checkpoint()
    db, writable, opened = store._db, [], []
    for page in scan_pages(store, "Document", rels, 3, read=3):
        writable.append(page)
        opened.append(store._db)
    assert all(d is db for d in opened)
    text = io.StringIO()
    write(nt_pages(store, Minter(BASE), 3), text, "nt", BASE)
    store.close()

    store = open_store(tmp_path / "store", read_only=True)
    try:
        read_only, opened = [], []
        for page in scan_pages(store, "Document", rels, 3, read=3):
            read_only.append(page)
            opened.append(store._db)               # kept: a closed database's id could be reused
        assert read_only == writable and 2 < len(writable) < 50
        assert len({id(d) for d in opened}) == len(writable)        # one database per read of one page
        again = io.StringIO()
        write(nt_pages(store, Minter(BASE), 3), again, "nt", BASE)
        assert again.getvalue() == text.getvalue()
        assert store.query("MATCH (d:Document) RETURN count(*)").scalar() == sum(len(n) for n, _ in writable)
        # without ``read``, a read holds about pages.VALUES_PER_READ values (rows times columns, nodes and
        # edges): the first reads FIRST_READ pages, the next as many as fit, however many that is
        for budget, reads in ((1, len(writable) - exchange_pages.FIRST_READ + 1), (10 ** 9, 2)):
            monkeypatch.setattr(exchange_pages, "VALUES_PER_READ", budget)
            adaptive, opened = [], []
            for page in scan_pages(store, "Document", rels, 3):
                adaptive.append(page)
                opened.append(store._db)
            assert adaptive == writable
            assert len({id(d) for d in opened}) == reads
    finally:
        store.close()


def test_scan_pages_read_as_arrow_tables_give_the_pages_of_python_rows(corpus_graph, monkeypatch):
    """scan_pages reads Ladybug's answers as Arrow tables (``query_arrow``: compact, cheaper to fetch) and
    makes Python values for one page at a time: the same pages, values of every kind, as rows of Python
    values (``ARROW`` off) give, for every exported label and its edges."""
    for label in export.EXPORTED_LABELS:
        rels = [r for r in RELATIONSHIPS if r.src == label and r.name in EDGES]
        monkeypatch.setattr(exchange_pages, "ARROW", True)
        arrow = list(scan_pages(corpus_graph, label, rels, 7, read=21))
        monkeypatch.setattr(exchange_pages, "ARROW", False)
        assert arrow == list(scan_pages(corpus_graph, label, rels, 7, read=21)) and arrow
        if label == "Document":
            values = [v for nodes, edges in arrow for row in [*nodes, *(e for found in edges.values() for e in found)]
                      for v in row.values()]
            assert {type(v).__name__ for v in values} >= {"str", "int", "float", "bool", "list", "date", "NoneType"}


def test_an_arrow_read_comes_in_the_order_of_its_offsets(corpus_graph):
    """Several threads answer a read out of order: a read (pages._Read) puts its rows in the order of the
    node's offset, then of the edge's own, before it is cut into pages."""
    span = {"lo": 0, "hi": 10 ** 9}
    backwards = exchange_pages._Read(exchange_pages._fetch(
        corpus_graph, "MATCH (a:Document) WHERE offset(id(a)) >= $lo AND offset(id(a)) < $hi "
                      "RETURN offset(id(a)), a.id ORDER BY offset(id(a)) DESC", span, True), 1)
    ids = corpus_graph.query("MATCH (a:Document) RETURN offset(id(a)), a.id ORDER BY offset(id(a))").rows
    assert backwards.offsets.tolist() == [o for o, _ in ids]
    assert [row["id"] for row in backwards.dicts(0, len(backwards), ["id"], {})] == [i for _, i in ids]
    edges = exchange_pages._Read(exchange_pages._fetch(
        corpus_graph, "MATCH (a:Document)-[r:ISSUED_BY]->(b:Organization) RETURN offset(id(a)), offset(id(r)), b.id "
                      "ORDER BY offset(id(r)) DESC", span, True), 2)
    pairs = corpus_graph.query("MATCH (a:Document)-[r:ISSUED_BY]->(b:Organization) RETURN offset(id(a)), "
                               "offset(id(r)), b.id ORDER BY offset(id(a)), offset(id(r))").rows
    assert len(pairs) > 10 and edges.offsets.tolist() == [a for a, _, _ in pairs]
    assert [row["dst_id"] for row in edges.dicts(0, len(edges), ["dst_id"], {})] == [b for _, _, b in pairs]
    assert [(p, ends) for p, ends in edges.pages(10 ** 9)] == [(0, (0, len(pairs)))]


def test_edges_of_several_types_read_by_one_query_are_those_of_one_query_per_type(corpus_graph):
    """scan_pages reads the relationship types that have the same target and properties (the eight between
    documents) with one query, each row after its type (``label(r)``), and splits the answer by type:
    the rows of each type are those its own query gives, as an Arrow table and as rows."""
    types = [r.name for r in RELATIONSHIPS if r.src == "Document" and r.dst == "Document" and r.name in EDGES
             and r.name != "MAY_BE"]
    assert len(types) > 3
    span, ask = {"lo": 0, "hi": 10 ** 9}, "WHERE offset(id(a)) >= $lo AND offset(id(a)) < $hi RETURN"
    several = f"MATCH (a:Document)-[r:{'|'.join(types)}]->(b:Document) {ask} label(r), offset(id(a)), offset(id(r)), b.id"
    for arrow in (True, False):
        split = dict(exchange_pages._by_type(exchange_pages._fetch(corpus_graph, several, span, arrow), types))
        assert list(split) == types
        for name in types:
            one = exchange_pages._Read(exchange_pages._fetch(
                corpus_graph, f"MATCH (a:Document)-[r:{name}]->(b:Document) {ask} offset(id(a)), offset(id(r)), b.id",
                span, arrow), 2)
            got = exchange_pages._Read(split[name], 2)
            assert got.offsets.tolist() == one.offsets.tolist()
            assert got.dicts(0, len(got), ["dst_id"], {}) == one.dicts(0, len(one), ["dst_id"], {})
        assert sum(len(exchange_pages._Read(split[n], 2)) for n in types) > 10


def test_scan_pages_read_a_read_only_store_in_a_bounded_cache_and_in_smaller_reads_when_one_does_not_fit(
        corpus_graph, tmp_path, monkeypatch):
    """On a store open read-only, scan_pages reopens the database for each read with a page cache of
    ``READ_POOL_MB`` (Ladybug's default one takes a share of the machine's memory); a read that does not fit
    in it is read again in half as many pages, and a read of one page that does not fit, or a cache too
    small to open the store, with the store's own cache. The pages are always those of the store open for
    writing; ``read_cache(store, bounded=False)`` gives the store its own cache again, as the export does
    at its end (and the N-Triples file is the same)."""
    from vankien.graph.stores import open_store

    rels = [r for r in RELATIONSHIPS if r.src == "Document" and r.name in EDGES]
    expected = list(scan_pages(corpus_graph, "Document", rels, 50))     # open for writing: never reopened
    text = io.StringIO()
    write(nt_pages(corpus_graph, Minter(BASE), 50), text, "nt", BASE)
    corpus_graph.checkpoint()
    (tmp_path / "store").mkdir()
    shutil.copyfile(corpus_graph.path, tmp_path / "store" / "graph.lbug")
    store = open_store(tmp_path / "store", read_only=True)
    own = store._db.buffer_pool_size

    def scan(**kw):             # each page's cache (MB) and how many databases the pages came from (reads)
        out, caches, opened = [], [], []
        for page in scan_pages(store, "Document", rels, 50, **kw):
            out.append(page)
            caches.append(store._db.buffer_pool_size >> 20)
            opened.append(store._db)                # kept: a closed database's id could be reused
        assert out == expected
        return caches, len({id(d) for d in opened})

    try:
        assert len(expected) > 3
        assert scan(read=50 * len(expected)) == ([exchange_pages.READ_POOL_MB] * len(expected), 1)
        exchange_pages.read_cache(store, bounded=False)
        assert store._db.buffer_pool_size == own
        again = io.StringIO()
        write(nt_pages(store, Minter(BASE), 50), again, "nt", BASE)
        assert again.getvalue() == text.getvalue() and store._db.buffer_pool_size == own
        monkeypatch.setattr(exchange_pages, "READ_POOL_MB", 1)          # too small to open the store
        caches, _ = scan()
        assert set(caches) == {own >> 20}
    finally:
        store.close()


def test_scan_pages_read_again_in_fewer_pages_when_a_read_does_not_fit_in_the_bounded_cache(tmp_path, monkeypatch):
    """A store of 1 000 generated texts (benchmarks/synthetic.py), read five pages at a time: with a cache
    that opens the store but does not hold a read of five pages, the read is made again in fewer pages
    (more databases, one a read) and the pages are those of the store open for writing."""
    import sys
    from pathlib import Path

    from vankien.graph.ingest import ingest_sources
    from vankien.graph.stores import open_store

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import ingest as bench_ingest        # benchmarks/ingest.py: its generated texts

    rels = [r for r in RELATIONSHIPS if r.src == "Document" and r.name in EDGES]
    store = open_store(tmp_path / "store")
    ingest_sources(bench_ingest.generate(1000, 20240312, []), store, workers=1)
    store.checkpoint()
    expected = list(scan_pages(store, "Document", rels, 1000))
    store.close()
    store = open_store(tmp_path / "store", read_only=True)
    try:
        assert len(expected) >= 4
        smaller = []
        for mb in range(2, 65):
            monkeypatch.setattr(exchange_pages, "READ_POOL_MB", mb)
            out, caches, opened = [], [], []
            for page in scan_pages(store, "Document", rels, 1000, read=1000 * len(expected)):
                out.append(page)
                caches.append(store._db.buffer_pool_size >> 20)
                opened.append(store._db)
            assert out == expected, mb
            if mb in caches and len({id(d) for d in opened}) > 1:
                smaller.append(mb)          # opened with the bounded cache, and read in more than one read
            if caches == [mb] * len(expected) and len({id(d) for d in opened}) == 1:
                break                       # the whole table fits: larger caches read it in one read too
        assert smaller, "no cache opened the store without holding a read of every page"
    finally:
        store.close()


def test_the_export_reads_arrow_without_importing_pandas(examples_graph, tmp_path):
    """pyarrow imports pandas (about 50 MB) for ``to_numpy`` or a Python value compared in Arrow: an export
    of a store open read-only, in a process of its own, reads its Arrow answers without it."""
    import subprocess
    import sys

    examples_graph.checkpoint()
    (tmp_path / "store").mkdir()
    shutil.copyfile(examples_graph.path, tmp_path / "store" / "graph.lbug")
    code = ("import sys, io\n"
            "from vankien.graph.stores import open_store\n"
            "from vankien.ontology.export import nt_pages\n"
            "from vankien.ontology.writers import write\n"
            f"store = open_store({str(tmp_path / 'store')!r}, read_only=True)\n"
            "print(write(nt_pages(store, None, 7), io.StringIO(), 'nt', 'https://vankien.example.org/id/'))\n"
            "print('pandas' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    triples, pandas = done.stdout.split()
    assert int(triples) > 1000 and pandas == "False"


def test_ntriples_pages_come_in_parts_of_nt_part_lines_and_write_the_same_text(corpus_graph, monkeypatch):
    """nt_pages cuts a page of many lines into parts (the writer holds a part's text twice): same file."""
    whole = io.StringIO()
    count = write(nt_pages(corpus_graph, Minter(BASE), 50), whole, "nt", BASE)
    monkeypatch.setattr(export, "NT_PART", 7)
    parts = list(nt_pages(corpus_graph, Minter(BASE), 50))
    assert all(len(p.lines) <= 7 for p in parts[1:]) and sum(len(p.lines) == 7 for p in parts) > 100
    cut = io.StringIO()
    assert write(iter(parts), cut, "nt", BASE) == count
    assert cut.getvalue() == whole.getvalue()


needs_jena = pytest.mark.skipif(not jena_available(), reason="the Jena SHACL engine needs Java and Maven")


def _break_mention_count(g):
    g.set((_first(g, VK.Mention), VK.mentionCount, Literal(0)))


def _break_target(g):
    g.remove((_first(g, VK.Issuance), RICO.relationHasTarget, None))


def _break_class_of_value(g):
    d = _first(g, VK.Document)
    g.add((d, VK.cites, _first(g, VK.Organization)))


def _break_superseded(g):
    old = sorted(g.subjects(VK.supersededBy, None))[0]
    g.remove((None, VK.supersedes, old))


def _break_mention_direct(g):
    m = _first(g, VK.Mention)
    g.remove((g.value(m, RICO.relationHasSource), VK.mentions, g.value(m, RICO.relationHasTarget)))


BREAKS = (_break_local_id, _break_date, _break_type, _break_confidence, _break_direct_triple, _break_evidence,
          _break_span, _break_role, _break_mention_count, _break_target, _break_class_of_value, _break_superseded,
          _break_mention_direct)


@pytest.fixture(scope="module")
def broken_corpus(corpus_rdf, tmp_path_factory):
    """The corpus export with every kind of damage above at once, as N-Triples, and its pySHACL report."""
    g = Graph() + corpus_rdf
    for damage in BREAKS:
        damage(g)
    path = tmp_path_factory.mktemp("broken") / "broken.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    return path, validate(g)


@needs_jena
def test_jena_in_partitions_conforms_like_pyshacl_on_the_corpus_export(corpus_graph, corpus_rdf, tmp_path):
    path = tmp_path / "corpus.ttl"
    with open(path, "w", encoding="utf-8") as f:
        write(pages(corpus_graph, Minter(BASE), 50), f, "turtle", BASE)
    report = validate_file(str(path), engine="jena", bucket_triples=20_000)
    assert report.conforms and not report.results_set, report.text()
    assert "partitioned" in report.engine and report.triples == len(corpus_rdf)


@needs_jena
@pytest.mark.parametrize("engine, bucket_triples", [("jena", 3_000), ("jena-whole", 0)])
def test_jena_finds_the_same_violations_as_pyshacl_on_a_broken_export(broken_corpus, engine, bucket_triples):
    path, reference = broken_corpus
    assert not reference.conforms
    messages = reference.text()
    for expected in ("exactly one vankien id", "xsd:date", "document-type scheme", "from 0 to 1",
                     "no matching direct triple", "evidenced by one source text", "0 <= start <= end",
                     "role of the role scheme", "MinInclusive", "no matching vk:mentions triple",
                     "superseded document is the object", "ClassConstraint"):
        assert expected in messages or any(expected in str(r.component) for r in reference.results_set), expected
    report = validate_file(str(path), "nt", engine=engine, bucket_triples=bucket_triples or 150_000)
    assert not report.conforms and report.triples == reference.triples
    assert report.results_set == reference.results_set, (report.results_set ^ reference.results_set)
    if engine == "jena":
        assert "partitioned" in report.engine
        assert int(report.engine.split(", ")[1].split()[0]) > 5         # many partitions
    # the shapes' own messages read the same (but for the values a SPARQL message names: each engine
    # writes them its own way)
    sparql = "the qualified relation has no matching direct triple"
    ours = {p.message.split(" (")[0] if p.message.startswith(sparql) else p.message for p in report.problems}
    assert {p.message.split(" (")[0] if p.message.startswith(sparql) else p.message for p in reference.problems
            if "vankien" in p.message or "scheme" in p.message or p.message.startswith(sparql)} <= ours


@needs_jena
def test_jena_falls_back_to_the_whole_graph_when_the_data_changes_the_class_hierarchy(examples_rdf, tmp_path):
    g = Graph() + examples_rdf
    g.add((VK.Organization, ns.RDFS.subClassOf, VK.Document))     # an organisation now counts as a document
    path = tmp_path / "hierarchy.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    report = validate_file(str(path), "nt", engine="jena", bucket_triples=500)
    assert report.engine.startswith("jena (whole (the data states")
    assert report.results_set == validate(g).results_set


def _compare_readers(path):
    """The launcher's N-Triples reader against Jena's parser on PATH: (triples read, verdict)."""
    import subprocess

    from vankien.ontology.validate import SHAPES_FILE, shacl_jar

    done = subprocess.run(["java", "-jar", str(shacl_jar()), "--shapes", str(SHAPES_FILE), "--data", str(path),
                           "--lang", "NT", "--compare-readers"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    _, count, verdict = done.stdout.strip().split("\t")
    return int(count), verdict


# lines an export may hold, and more: escapes, languages, an ill-typed literal, blank nodes, tabs, comments
TRICKY_NT = r"""# a comment, then an empty line

<https://vankien.example.org/id/document/7-NQ/TW:XII> <http://www.w3.org/2000/01/rdf-schema#label> "Nghị quyết \"số 7\"\tvề\ncông tác cán bộ \u00e9 \U0001F600 \\"@vi .
<https://vankien.example.org/id/document/7-NQ/TW:XII>	<https://vankien.example.org/ontology#issuedDate> "2019-02-30"^^<http://www.w3.org/2001/XMLSchema#date>	.
_:b0 <https://vankien.example.org/ontology#note> "" . # a comment after the triple
_:b0 <https://vankien.example.org/ontology#see> _:node-2.x .
<https://vankien.example.org/id/document/12-CT/TW> <http://www.w3.org/2000/01/rdf-schema#label> "Chỉ thị"@en-GB .
<https://vankien.example.org/id/document/12-CT/TW> <https://vankien.example.org/ontology#localId> "12-CT/TW" .
"""


@needs_jena
def test_fast_ntriples_reader_reads_what_jena_reads(broken_corpus, tmp_path):
    """The launcher reads N-Triples with its own reader (Jena's parser was most of the partitioned
    validation's time): the same triples, in the same order, as Jena's parser, on the broken corpus export
    and on tricky lines; a line it does not take (an escape or a dot segment in an IRI, a relative IRI, an
    upper-case scheme) is left to Jena, and validation then reads the file with Jena, with the same results."""
    path, reference = broken_corpus
    assert _compare_readers(path) == (reference.triples, "same")
    tricky = tmp_path / "tricky.nt"
    tricky.write_text(TRICKY_NT, encoding="utf-8")
    assert _compare_readers(tricky) == (6, "same")
    for line in ("<https://vankien.example.org/id/x\\u0041> <http://www.w3.org/2000/01/rdf-schema#comment> \"x\" .",
                 "<https://vankien.example.org/id/a/../b> <http://www.w3.org/2000/01/rdf-schema#comment> \"x\" .",
                 "<id/b> <http://www.w3.org/2000/01/rdf-schema#comment> \"x\" .",
                 "<HTTPS://vankien.example.org/id/c> <http://www.w3.org/2000/01/rdf-schema#comment> \"x\" ."):
        odd = tmp_path / "odd.nt"
        odd.write_text(TRICKY_NT + line + "\n", encoding="utf-8")
        assert _compare_readers(odd)[1].startswith("left to Jena"), line
    fast = validate_file(str(path), "nt", engine="jena", bucket_triples=3_000)
    assert "N-Triples reader" in fast.engine and fast.results_set == reference.results_set
    odd = tmp_path / "broken-and-odd.nt"
    odd.write_text(path.read_text(encoding="utf-8") + "<https://vankien.example.org/id/x\\u0041> "
                   "<http://www.w3.org/2000/01/rdf-schema#comment> \"x\" .\n", encoding="utf-8")
    slow = validate_file(str(odd), "nt", engine="jena", bucket_triples=3_000)
    assert "Jena" in slow.engine and "N-Triples reader" not in slow.engine
    assert slow.results_set == reference.results_set and slow.triples == reference.triples + 1


@needs_jena
def test_cli_engine_option_and_auto_choice(tmp_path, examples_rdf, monkeypatch):
    """validate-rdf --engine jena gives the pySHACL verdict through the CLI; auto keeps small files on
    pySHACL (no JVM) and sends files from AUTO_JENA_BYTES on to Jena; an unknown engine is refused."""
    from click.testing import CliRunner

    from vankien.cli import main
    from vankien.ontology import validate as validation

    good = tmp_path / "good.nt"
    examples_rdf.serialize(good, format="nt", encoding="utf-8")
    g = Graph() + examples_rdf
    _break_date(g)
    bad = tmp_path / "bad.nt"
    g.serialize(bad, format="nt", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["validate-rdf", str(good), "--engine", "jena"])
    assert res.exit_code == 0 and "conforms" in res.output, res.output
    res = runner.invoke(main, ["validate-rdf", str(bad), "--engine", "jena"])
    assert res.exit_code == 1 and "xsd:date" in res.output, res.output
    assert runner.invoke(main, ["validate-rdf", str(good), "--engine", "nope"]).exit_code == 2
    assert validation.auto_engine(str(good)) == "pyshacl"
    monkeypatch.setattr(validation, "AUTO_JENA_BYTES", min(good.stat().st_size, bad.stat().st_size))
    assert validation.auto_engine(str(good)) == "jena"
    assert "jena" in validation.validate_file(str(bad)).engine
    monkeypatch.setenv("VANKIEN_SHACL_ENGINE", "pyshacl")
    assert validation.validate_file(str(bad)).engine == "pyshacl"


def test_organisations_carry_their_locality_and_classes_their_type(examples_graph, examples_rdf):
    """A generic addressee ("các cấp ủy") is exported as a vk:OrganizationClass (a subclass of
    vk:Organization, so the shapes of tasks hold), one body as a vk:Organization only; an organisation's
    locality is exported as in the store."""
    rows = examples_graph.query("MATCH (o:Organization) RETURN o.id, o.kind, o.locality").rows
    minter = Minter(BASE)
    classes = {minter.node("Organization", i) for i, kind, _ in rows if kind == "class"}
    bodies = {minter.node("Organization", i) for i, kind, _ in rows if kind != "class"}
    assert classes and bodies
    typed = set(examples_rdf.subjects(ns.RDF.type, VK.OrganizationClass))
    assert typed == classes and not typed & bodies
    placed = {(minter.node("Organization", i), loc) for i, _, loc in rows if loc}
    assert placed and {(s, str(o)) for s, o in examples_rdf.subject_objects(VK.locality) if s in bodies | classes} == placed
    assert (VK.OrganizationClass, ns.RDFS.subClassOf, VK.Organization) in Graph().parse(ONTOLOGY_FILE)
