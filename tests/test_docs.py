"""docs/extraction.md names modules, data files and tables of the code; they must exist, so that the
page does not drift from the code it describes."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = (REPO / "docs" / "extraction.md").read_text(encoding="utf-8")
DATA = REPO / "loaders" / "data"


def _mentioned(pattern: str) -> list[str]:
    return sorted(set(re.findall(pattern, PAGE)))


@pytest.mark.parametrize("path", _mentioned(r"`((?:loaders|tests|benchmarks|graph|docs|notebooks)/[\w./-]*\w/?)`"))
def test_paths_exist(path):
    assert (REPO / path).exists(), f"docs/extraction.md names {path}, which does not exist"


@pytest.mark.parametrize("module", _mentioned(r"`(\w+\.py)`"))
def test_modules_exist(module):
    found = [p for p in (REPO / "loaders").rglob(module)] + [p for p in (REPO / "tests").glob(module)]
    assert found, f"docs/extraction.md names {module}, found neither in loaders/ nor in tests/"


@pytest.mark.parametrize("name", _mentioned(r"`(\w+\.toml)`"))
def test_data_files_exist(name):
    assert (DATA / name).is_file(), f"docs/extraction.md names {name}, not in loaders/data/"


# tables and keys the page says each file has
TABLES = {
    "types.toml": ["type", "generic", "named"],
    "issuers.toml": ["party", "other", "state"],
    "bodies.toml": ["body"],
    "terms.toml": ["term", "local_term"],
    "provinces.toml": ["province"],
    "cues.toml": ["relation", "retype", "hierarchy", "issuing", "assignment", "deadline", "description", "joining"],
    "layout.toml": ["letterhead", "number_line", "place_date", "title", "fields", "news", "end"],
    "organizations.toml": ["heads", "not_heads", "standalone", "run_on", "framing", "body_end", "task_verbs", "name_stops", "directive_verbs",
                           "lead_verbs", "clause_openers", "quantifiers", "list_joiners", "dash_after", "not_level",
                           "abbreviations", "spelling", "level"],
    "citations.toml": ["number", "demonstrative", "count", "date", "issued", "metadata", "deadline_words", "term",
                       "body", "about", "locality"],
    "descriptors.toml": ["ordinal", "congress", "plenum", "charter", "platform", "constitution", "law",
                         "working_rules"],
    "sites.toml": ["chrome", "related", "counter", "footer", "site", "letterhead"],
    "org_identity.toml": ["district_words", "abbreviations", "rewrite", "alias", "classes"],
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_data_tables_named_in_the_page_exist(name):
    with open(DATA / name, "rb") as f:
        data = tomllib.load(f)
    for table in TABLES[name]:
        assert table in data, f"{name} has no {table!r}"
        assert f"`{table}`" in PAGE or f"[{table}]" in PAGE or f"[[{table}]]" in PAGE, f"the page does not name {table}"
