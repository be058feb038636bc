"""Every Cypher statement vankien sends to a store, checked with Neo4j's own Cypher 5 parser and
semantic analysis (the npm package @neo4j-cypher/language-support, installed by
``make cypher-lint-tools``; skipped when node or the package is missing).

The statements are the ones actually run: an ingest of the examples, lineage, show, coverage,
stats, networkx, key lookups and the paged reads of a push go through a store that records them
(in the Neo4j dialect, ``type(r)``), plus every statement vankien.graph.stores.neo4j_cypher builds.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from itertools import combinations
from pathlib import Path

import pytest

from vankien.graph.stores import neo4j_cypher as C
from vankien.graph.exchange.prune import delete_edges, delete_nodes
from vankien.graph.model.schema import EDGE_KEY, NODES, RELATIONSHIPS

ROOT = Path(__file__).resolve().parents[1]
LINT_DIR = Path(os.environ.get("CYPHER_LINT_DIR") or ROOT / ".cypher-lint")
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not PACKAGE.is_dir(),
    reason="Neo4j's Cypher analyser is not installed (make cypher-lint-tools: node and npm needed)")


class Recording:
    """A store that records each statement in Neo4j's dialect and runs it on the embedded store."""

    rel_type_function = "type"

    def __init__(self, store) -> None:
        self.store = store
        self.statements: set[str] = set()

    def __getattr__(self, name):
        return getattr(self.store, name)

    def query(self, cypher, params=None, *, write=False):
        self.statements.add(cypher)
        return self.store.query(cypher.replace("type(r)", "label(r)"), params, write=write)


def lint(statements: list[str], tmp_path: Path) -> list[dict]:
    path = tmp_path / "statements.json"
    path.write_text(json.dumps(statements, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(["node", str(ROOT / "tests" / "neo4j_cypher_lint.js"), str(path)], capture_output=True,
                         text=True, timeout=300, env={**os.environ, "CYPHER_LINT_DIR": str(LINT_DIR)}, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_the_analyser_finds_what_neo4j_would_reject(tmp_path):
    found = lint(["MATCH (d:Document) RETURN d.id", "RETURN CAST($x AS DATE)", "MATCH ()-[r]->() RETURN label(r)",
                  "MATCH (n) SET n += 1"], tmp_path)
    assert [f["statement"] for f in found] == ["RETURN CAST($x AS DATE)", "MATCH ()-[r]->() RETURN label(r)",
                                               "MATCH (n) SET n += 1"]


def test_every_statement_vankien_runs_is_valid_neo4j_cypher(examples_dir, repo_root, tmp_path):
    from vankien.graph.queries.coverage import coverage
    from vankien.graph.ingest import ingest
    from vankien.graph.queries.lineage import lineage, show
    from vankien.graph.queries.lookup import find_documents
    from vankien.graph.exchange.prune import prune
    from vankien.graph.queries.network import to_networkx
    from vankien.graph.exchange.push import counts
    from vankien.graph.queries.stats import stats
    from vankien.graph.stores import open_store
    from vankien.graph.exchange.pages import edge_pages, edge_sources, node_pages

    with open_store(tmp_path / "store") as base:
        store = Recording(base)
        ingest([str(p) for p in sorted(examples_dir.iterdir()) if p.name != "README.md"], store, workers=1)
        ingest([str(p) for p in sorted(examples_dir.iterdir()) if p.name != "README.md"], store, workers=1)
        for key in ("29-NQ/TW", "NQ 29", "nghị quyết 29/TW", "15/2020/NĐ-CP", "29-NQ/TW:XIII"):
            find_documents(store, key)
        for direction in ("down", "up"):
            lineage(store, "29-NQ/TW:XIII", direction)
        show(store, "29-NQ/TW:XIII"), coverage(store, "29-NQ/TW:XIII"), stats(store), to_networkx(store)
        counts(store)
        for label in NODES:
            list(node_pages(store, label, 10))
            list(node_pages(store, label, 10, after="M"))
        for label in edge_sources():
            list(edge_pages(store, label, 10))
        prune(store, store)
    statements = set(store.statements)
    assert len(statements) > 60
    statements.update(C.schema_statements())
    statements.update(C.merge_nodes(label) for label in NODES)
    for rel in RELATIONSHIPS:
        keys = EDGE_KEY[rel.name]
        for sub in (sub for n in range(len(keys) + 1) for sub in combinations(keys, n)):
            statements.update([C.merge_edges(rel, sub), delete_edges(rel, sub)])
    statements.update(delete_nodes(label) for label in NODES)
    # and the example queries of the README
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    examples = [b.strip() for b in re.findall(r"```cypher\n(.*?)```", readme, re.S)]
    assert len(examples) >= 3
    statements.update(examples)
    statements.update([C.READ_DOCUMENTS, C.MERGE_DOCUMENTS, C.MERGE_ORGANIZATIONS, C.COUNT_PROVINCES,
                       "CALL db.awaitIndexes($seconds)"])
    assert lint(sorted(statements), tmp_path) == []
