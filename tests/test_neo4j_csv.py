"""`vankien export neo4j-csv`: files for neo4j-admin database import full, read back with the csv
module and checked against the header format neo4j-admin reads (typed columns, ID spaces, arrays,
quoting), from real embedded stores."""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from vankien.graph.model import facts as F
from vankien.graph.model.batch import Batch, DocRow
from vankien.graph.exchange.neo4j_csv import ExportError, export_csv, node_header, relationship_header
from vankien.graph.model.schema import NODES, PRIMARY_KEY, REL_BY_NAME, RELATIONSHIPS
from vankien.graph.queries.stats import edge_counts, node_counts
from vankien.graph.stores import open_store
from vankien.cli import main

# what neo4j-admin accepts in a header field: name:type, name:ID(space), :LABEL, :START_ID(space), …
HEADER_FIELD = re.compile(r"^(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)?(?::(?P<kind>ID|START_ID|END_ID|LABEL|TYPE|"
                          r"string|long|double|boolean|date|string\[\])(?:\((?P<space>[A-Za-z]+)\))?)?)$")
SCHEMA_TYPE = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE",
               "string[]": "STRING[]", None: "STRING"}

# invented values with everything that breaks naive CSV: commas, quotes, semicolons, line breaks, pipes
TRICKY = 'Ban "Thường vụ", Tỉnh ủy; khóa XVII\ndòng thứ hai, có | gạch đứng và "ngoặc kép"'


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def parse_header(header: list[str]) -> list[tuple[str | None, str | None, str | None]]:
    out = []
    for field in header:
        m = HEADER_FIELD.match(field)
        assert m and (m["name"] or m["kind"]), f"not a neo4j-admin header field: {field!r}"
        out.append((m["name"], m["kind"], m["space"]))
    return out


def check_value(text: str, kind: str, delimiter: str = "|"):
    """The value neo4j-admin would read, checked against its type."""
    if text == "":
        return None
    if kind == "INT64":
        return int(text)
    if kind == "DOUBLE":
        return float(text)
    if kind == "BOOLEAN":
        assert text in ("true", "false"), text
        return text == "true"
    if kind == "DATE":
        return dt.date.fromisoformat(text)
    if kind == "STRING[]":
        return text.split(delimiter)
    return text


def load_export(folder: Path, delimiter: str = "|") -> tuple[dict, dict]:
    """{label: {id: props}} and {type: [(start, end, props)]}, read back as neo4j-admin would."""
    nodes: dict[str, dict[str, dict]] = {}
    edges: dict[str, list] = {}
    for path in sorted(folder.glob("nodes-*.csv")):
        header, rows = read(path)
        fields = parse_header(header)
        assert fields[0][1] == "ID" and fields[1] == (None, "LABEL", None)
        label = fields[0][2]
        assert fields[0][0] == PRIMARY_KEY[label] and path.name == f"nodes-{label}.csv"
        props = NODES[label]
        for name, kind, _ in fields[2:]:
            assert SCHEMA_TYPE[kind] == props[name], (label, name, kind)
        space = nodes.setdefault(label, {})
        for row in rows:
            assert len(row) == len(header) and row[1] == label
            assert row[0] not in space, f"duplicate id {row[0]!r} in ID space {label}"
            space[row[0]] = {name: check_value(v, props[name], delimiter)
                             for (name, _, _), v in zip(fields[2:], row[2:])}
    for path in sorted(folder.glob("relationships-*.csv")):
        header, rows = read(path)
        fields = parse_header(header)
        assert [f[1] for f in fields[:3]] == ["START_ID", "END_ID", "TYPE"]
        rel_type = path.stem.split("-", 1)[1]
        rel = REL_BY_NAME[rel_type]
        assert (fields[0][2], fields[1][2]) == (rel.src, rel.dst)
        for name, kind, _ in fields[3:]:
            assert SCHEMA_TYPE[kind] == rel.props[name], (rel_type, name, kind)
        for row in rows:
            assert len(row) == len(header) and row[2] == rel_type
            values = {n: check_value(v, rel.props[n], delimiter) for (n, _, _), v in zip(fields[3:], row[3:])}
            edges.setdefault(rel_type, []).append((row[0], row[1], values))
    return nodes, edges


def test_export_of_the_examples_matches_the_store_and_every_end_is_a_node(examples_graph, tmp_path):
    result = export_csv(examples_graph, tmp_path / "csv", page=17)
    nodes, edges = load_export(tmp_path / "csv")
    assert {label: len(ids) for label, ids in nodes.items()} == node_counts(examples_graph)
    assert {t: len(rows) for t, rows in edges.items()} == {t: n for t, n in edge_counts(examples_graph).items() if n}
    for rel_type, rows in edges.items():
        rel = REL_BY_NAME[rel_type]
        for start, end, _ in rows:
            assert start in nodes[rel.src] and end in nodes[rel.dst], (rel_type, start, end)
    doc = nodes["Document"]["29-NQ/TW:XIII"]
    stored = examples_graph.query("MATCH (d:Document {id: '29-NQ/TW:XIII'}) RETURN d").rows[0][0]
    for prop, kind in NODES["Document"].items():
        if prop != "id":
            want = stored[prop] if stored[prop] not in ("", []) else None
            assert doc[prop] == want, prop
    # the command names every file, once, with the options these files need
    cmd = result.import_command()
    for name in result.files:
        assert cmd.count(f"/{name}") == 1
    assert "--multiline-fields=true" in cmd and "--array-delimiter=U+007C" in cmd and " full neo4j " in cmd
    assert (tmp_path / "csv" / "schema.cypher").read_text(encoding="utf-8").count("IF NOT EXISTS") >= len(NODES)
    assert (tmp_path / "csv" / "import-command.txt").read_text(encoding="utf-8").strip() == cmd


@pytest.fixture(scope="module")
def tricky_store(tmp_path_factory):
    """A real store whose text values hold commas, quotes, semicolons, line breaks and pipes."""
    store = open_store(tmp_path_factory.mktemp("tricky") / "store")
    batch = Batch()
    for doc_id, own in (("1-NQ/TU@ha-noi:2020-2025", True), ("2-KH/TU@ha-noi:2020-2025", False)):
        facts: F.Facts = {}
        F.add_fact(facts, "issuing_body", TRICKY, own)
        F.add_fact(facts, "date", "2021-02-03", own)
        batch.docs[doc_id] = DocRow(doc_id, {"key": doc_id.split("@")[0], "base": doc_id.split("@")[0],
                                             "system": "party", "locality": "Hà Nội", "term": "2020-2025",
                                             "ambiguous": False}, facts, 1, own)
    batch.sources.append({"sha256": "f" * 64, "source": "tricky.txt", "title": TRICKY,
                          "warnings": ["mã; một", "mã, hai", 'mã "ba"']})
    batch.edges["IMPLEMENTS"].append({"src_id": "2-KH/TU@ha-noi:2020-2025", "dst_id": "1-NQ/TU@ha-noi:2020-2025",
                                      "source": "f" * 64, "span_start": 0, "span_end": 120, "evidence": TRICKY,
                                      "cue": "thực hiện", "confidence": 0.75, "extractor": "test",
                                      "resolved_from": None})
    batch.edges["APPEARS_IN"].append({"src_id": "1-NQ/TU@ha-noi:2020-2025", "dst_id": "f" * 64, "subject": True,
                                      "mentions": 2, "forms": ["full; dạng 1", "số, 2"], "span_start": 5,
                                      "span_end": 9, "text": TRICKY})
    store.write_batch(batch)
    yield store
    store.close()


def test_tricky_text_and_arrays_survive_the_round_trip(tricky_store, tmp_path):
    export_csv(tricky_store, tmp_path, delimiter="¦")
    nodes, edges = load_export(tmp_path, delimiter="¦")
    assert nodes["Document"]["1-NQ/TU@ha-noi:2020-2025"]["issuing_body"] == TRICKY
    assert nodes["Document"]["1-NQ/TU@ha-noi:2020-2025"]["date"] == dt.date(2021, 2, 3)
    assert nodes["Source"]["f" * 64]["title"] == TRICKY
    assert nodes["Source"]["f" * 64]["warnings"] == ["mã; một", "mã, hai", 'mã "ba"']
    (start, end, props), = edges["IMPLEMENTS"]
    assert (start, end) == ("2-KH/TU@ha-noi:2020-2025", "1-NQ/TU@ha-noi:2020-2025")
    assert props["evidence"] == TRICKY and props["confidence"] == 0.75 and props["span_start"] == 0
    (_, _, appears), = edges["APPEARS_IN"]
    assert appears["forms"] == ["full; dạng 1", "số, 2"] and appears["subject"] is True and appears["mentions"] == 2
    raw = (tmp_path / "relationships-IMPLEMENTS.csv").read_text(encoding="utf-8")
    assert '""Thường vụ""' in raw, "quotes inside a field are doubled (RFC 4180), not backslash-escaped"


def test_an_array_element_holding_the_delimiter_stops_the_export(tricky_store, tmp_path):
    with pytest.raises(ExportError, match="delimiter"):
        export_csv(tricky_store, tmp_path, delimiter=";")
    with pytest.raises(ExportError):
        export_csv(tricky_store, tmp_path, delimiter=",")


def test_headers_are_typed_from_the_schema():
    assert node_header("Document")[:2] == ["id:ID(Document)", ":LABEL"]
    assert "date:date" in node_header("Document") and "candidates:string[]" in node_header("Document")
    assert "sources:long" in node_header("Organization") and "name:ID(Province)" in node_header("Province")
    rel = REL_BY_NAME["ASSIGNS_TO"]
    assert relationship_header(rel)[:3] == [":START_ID(Document)", ":END_ID(Organization)", ":TYPE"]
    assert "confidence:double" in relationship_header(rel) and "span_start:long" in relationship_header(rel)
    assert "date:date" in relationship_header(REL_BY_NAME["SUCCEEDED_BY"])
    for r in RELATIONSHIPS:
        parse_header(relationship_header(r))


def test_cli_writes_the_files_and_prints_the_command(examples_graph, tmp_path):
    store_dir = Path(examples_graph.folder)
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", "neo4j-csv", str(out), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full neo4j" in result.output and (out / "nodes-Document.csv").is_file()
    bad = CliRunner().invoke(main, ["export", "neo4j-csv", str(out), "--store", str(store_dir),
                                    "--array-delimiter", "ab"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output and "delimiter" in bad.output
