"""The typed record (vankien.loaders.record): the README's schema, exact round trips, the CLI's JSON."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from vankien.cli import main
from vankien.graph.model.batch import Batch, _identity_input
from vankien.graph.model.identity import document_identity
from vankien.loaders.extract import extract_record, extract_source
from vankien.loaders.readers import read_paths
from vankien.loaders.record import DocumentRecord, Part, Record, schema_fields

README = Path(__file__).resolve().parents[1] / "README.md"
SECTION = "### Output schema"
NAME = re.compile(r"\s*,?\s*(\w+)\s*")


# --- the README's table ------------------------------------------------------------------------
def _table_rows() -> list[tuple[str, str]]:
    """(field column, meaning column) of each row of the README's Output schema table."""
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README.md has no {SECTION!r} section"
    section = text.split(SECTION, 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [tuple(cell.strip() for cell in row.strip("|").split(" | ", 1)) for row in rows]


def _braces(text: str, at: int) -> tuple[list[tuple[str, int | None]], int]:
    """The names listed in the ``{a, b, c {x, y}}`` group opening at ``text[at]``, each with the
    position of its own group if it has one; and the position after the group."""
    names: list[tuple[str, int | None]] = []
    i = at + 1
    while text[i] != "}":
        m = NAME.match(text, i)
        assert m and m.group(1), f"README {SECTION}: cannot read the group {text[at:at + 60]!r}"
        i = m.end()
        sub = None
        if text[i] == "{":
            sub = i
            _, i = _braces(text, i)
        names.append((m.group(1), sub))
    return names, i + 1


def _group_paths(text: str, at: int, prefix: str, found: dict[str, list[str]]) -> list[str]:
    """Paths of a brace group's names under ``prefix``; ``found`` gets each group's order by path."""
    names, _ = _braces(text, at)
    paths = []
    found[prefix] = [n for n, _ in names]
    for name, sub in names:
        paths.append(f"{prefix}.{name}")
        if sub is not None:
            paths += _group_paths(text, sub, f"{prefix}.{name}", found)
    return paths


def _qualify(name: str) -> str:
    """A name of the table's field column as a path: unqualified names are the record's own fields
    when it has one of that name, else fields of ``documents[]`` (the rows that describe a document)."""
    if "." in name:
        return name
    record_fields = {f.name for f in dataclasses.fields(Record)}
    return name if name.removesuffix("[]") in record_fields else f"documents[].{name}"


def _top_groups(text: str) -> list[int]:
    """Where the ``{...}`` groups of ``text`` that are not inside another group open."""
    depth, out = 0, []
    for i, c in enumerate(text):
        if c == "{":
            out += [i] if depth == 0 else []
            depth += 1
        elif c == "}":
            depth -= 1
    return out


def readme_schema() -> tuple[set[str], dict[str, list[str]]]:
    """Every path the table names (with the paths it implies: ``documents[]`` for ``documents[].key``),
    and the order of each ``{...}`` group by the path it lists."""
    paths: set[str] = set()
    orders: dict[str, list[str]] = {}
    for names_cell, meaning in _table_rows():
        names = [_qualify(n) for n in re.findall(r"`([^`]+)`", names_cell)]
        paths.update(names)
        plain = meaning.replace("`", "")
        for at in _top_groups(plain):
            assert len(names) == 1, f"README {SECTION}: a row listing {{fields}} must name one field: {names_cell}"
            paths.update(_group_paths(plain, at, names[0], orders))
    for path in list(paths):
        parts = path.split(".")
        paths.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return paths, orders


def record_schema() -> dict[str, tuple[type[Part], str]]:
    """Every path of the record, with the part and field it is."""
    return {path: (cls, f.name) for path, cls, f in schema_fields()}


def test_every_field_of_the_readme_table_is_in_the_record():
    readme, _ = readme_schema()
    record = record_schema()
    missing = []
    for path in sorted(readme - set(record)):
        parent = path.rpartition(".")[0]
        where = record[parent][0].__name__ + "." + record[parent][1] if parent in record else "Record"
        missing.append(f"README {SECTION} names `{path}`, which the record has not (under {where})")
    assert not missing, "\n".join(missing)


def test_every_field_of_the_record_is_in_the_readme_table():
    readme, _ = readme_schema()
    record = record_schema()
    named = {record[p] for p in readme if p in record}
    missing = [f"{cls.__name__}.{name} (e.g. `{path}`) is not in README {SECTION}"
               for path, (cls, name) in record.items() if (cls, name) not in named]
    assert not missing, "\n".join(missing)


def test_the_readme_lists_fields_in_the_record_order():
    _, orders = readme_schema()
    record = record_schema()
    assert orders, f"README {SECTION}: no {{field, ...}} groups found"
    for path, names in orders.items():
        part = next(cls for p, (cls, _) in record.items() if p.rpartition(".")[0] == path)
        order = [f.name for f in dataclasses.fields(part)]
        assert names == [n for n in order if n in names], \
            f"README {SECTION} lists `{path}` as {names}; {part.__name__}'s order is {order}"


def test_every_field_states_its_meaning():
    for path, _, f in schema_fields():
        doc = f.metadata.get("doc")
        assert doc and "\n" not in doc, f"{path}: a field states its meaning in one line (metadata['doc'])"


# --- round trips -------------------------------------------------------------------------------
def _inputs(examples_dir: Path) -> list[Path]:
    paths = sorted(p for p in examples_dir.iterdir() if p.name != "README.md")
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    for sub in ("seeds", "dev"):
        paths += sorted((corpus / sub).glob("*.txt"))
    return paths


@pytest.fixture(scope="module")
def records(examples_dir) -> list[tuple[Record, dict]]:
    """(typed record, its dict) of the examples and of the shared corpus when present."""
    out = []
    for src in read_paths([str(p) for p in _inputs(examples_dir)]):
        rec = extract_record(src)
        out.append((rec, rec.to_dict()))
    return out


def test_the_shared_corpus_is_among_the_inputs(records, corpus_dir):
    assert len(records) > 100


def test_from_dict_reads_back_exactly_what_to_dict_wrote(records):
    for rec, plain in records:
        line = json.loads(json.dumps(plain, ensure_ascii=False))
        back = Record.from_dict(line)
        assert back == rec, rec.source
        assert back.to_dict() == plain, rec.source
        assert json.dumps(back.to_dict(), ensure_ascii=False) == json.dumps(plain, ensure_ascii=False)


def test_extract_source_is_the_record_as_a_dict(examples_dir):
    for src in read_paths([str(examples_dir)]):
        assert extract_source(src) == extract_record(src).to_dict()


def test_cli_writes_json_dumps_of_the_record(examples_dir, records):
    result = CliRunner().invoke(main, ["extract", *map(str, _inputs(examples_dir))])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [json.dumps(rec.to_dict(), ensure_ascii=False) for rec, _ in records]


def test_a_record_and_its_dict_give_the_same_rows(records):
    typed, plain = Batch(), Batch()
    for rec, d in records:
        if rec.provenance.sha256:
            typed.add(rec)
            plain.add(json.loads(json.dumps(d)))
    assert typed.docs == plain.docs and typed.orgs == plain.orgs and typed.edges == plain.edges
    drop = lambda rows: [{k: v for k, v in r.items() if k != "ingested_at"} for r in rows]     # noqa: E731
    assert drop(typed.sources) == drop(plain.sources)


def test_the_graph_identifies_a_document_by_what_its_dict_states(records):
    for rec, _ in records:
        for i, d in enumerate(rec.documents):
            assert document_identity(_identity_input(d), "s" * 64, i) == document_identity(d.to_dict(), "s" * 64, i)


def test_a_missing_key_reads_as_empty_and_a_missing_part_is_named():
    doc = DocumentRecord.from_dict({"key": "5-NQ/TW"})
    assert doc.key == "5-NQ/TW" and doc.system is None and doc.issued_by is None and doc.mentions == ()
    assert doc.subject is False
    with pytest.raises(KeyError, match="Record.provenance"):
        Record.from_dict({"source": "a.txt"})
