"""vankien push: reading a real embedded store in pages, batching, progress and resuming.

No Neo4j server can be installed on this machine, so the target here is ``KeyedTarget``, which keeps
what it is sent by the same keys Neo4j's MERGE statements use (a label's primary key; an edge's
ends and schema.EDGE_KEY): it checks push's own logic (every row sent, no row lost by paging, batch
sizes, resuming), never Neo4j. The statements themselves are checked in test_neo4j_statements.py and
against Neo4j's Cypher analyser in test_neo4j_cypher_lint.py; tests/test_neo4j_integration.py runs
the whole cycle on a real Neo4j when NEO4J_URI is set.
"""
from __future__ import annotations

from collections import Counter

import pytest

from vankien.graph.exchange.push import PROGRESS_FILE, Progress, folder_fingerprint, push
from vankien.graph.model.schema import EDGE_KEY, NODES, PRIMARY_KEY, RELATIONSHIPS
from vankien.graph.queries.stats import edge_counts, node_counts
from vankien.graph.exchange.pages import edge_pages, key_pages, node_pages


class Interrupted(RuntimeError):
    pass


class KeyedTarget:
    """Rows kept by their MERGE keys; optionally fails on the n-th write (an interrupted push)."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.nodes: dict[tuple, dict] = {}
        self.edges: dict[tuple, dict] = {}
        self.writes: list[tuple[str, int]] = []
        self.fail_at = fail_at
        self.schema_calls = 0

    def ensure_schema(self) -> None:
        self.schema_calls += 1

    def _count(self, what: str, n: int) -> None:
        if self.fail_at is not None and len(self.writes) + 1 >= self.fail_at:
            raise Interrupted(f"stopped before write {len(self.writes) + 1}")
        self.writes.append((what, n))

    def write_nodes(self, label: str, nodes: list[dict]) -> int:
        self._count(label, len(nodes))
        for n in nodes:
            assert set(n) == set(NODES[label])
            self.nodes[(label, n[PRIMARY_KEY[label]])] = n
        return len(nodes)

    def write_edges(self, rel, edges: list[dict]) -> int:
        self._count(rel.name, len(edges))
        for e in edges:
            assert (rel.src, e["src_id"]) in self.nodes and (rel.dst, e["dst_id"]) in self.nodes, "nodes come first"
            key = (rel.name, e["src_id"], e["dst_id"], *(e[k] for k in EDGE_KEY[rel.name]))
            self.edges[key] = e
        return len(edges)

    def counts(self) -> dict[str, int]:
        out = {label: sum(1 for k in self.nodes if k[0] == label) for label in NODES}
        out.update({r.name: sum(1 for k in self.edges if k[0] == r.name) for r in RELATIONSHIPS})
        return out


@pytest.fixture(scope="module")
def source_counts(examples_graph):
    return {**node_counts(examples_graph), **edge_counts(examples_graph)}


def test_push_sends_every_node_and_edge_once_with_distinct_merge_keys(examples_graph, source_counts):
    target = KeyedTarget()
    report = push(examples_graph, target, batch_size=1000)
    # equal counts by MERGE key: no edge of the store is taken for another (EDGE_KEY tells them apart)
    assert target.counts() == source_counts
    assert dict(report.nodes) == {k: source_counts[k] for k in NODES}
    assert {k: v for k, v in report.edges.items() if v} == {r.name: source_counts[r.name] for r in RELATIONSHIPS
                                                             if source_counts[r.name]}
    assert target.schema_calls == 1 and source_counts["IMPLEMENTS"] > 0 and source_counts["APPEARS_IN"] > 0


def test_small_batches_give_the_same_graph_and_no_write_is_larger_than_a_batch(examples_graph):
    big, small = KeyedTarget(), KeyedTarget()
    push(examples_graph, big, batch_size=100_000)
    push(examples_graph, small, batch_size=7)
    assert small.nodes == big.nodes and small.edges == big.edges
    assert max(n for _, n in small.writes) <= 7
    assert len(small.writes) > len(big.writes)


def test_pushing_twice_changes_nothing(examples_graph):
    target = KeyedTarget()
    push(examples_graph, target, batch_size=50)
    nodes, edges = dict(target.nodes), dict(target.edges)
    push(examples_graph, target, batch_size=50)
    assert target.nodes == nodes and target.edges == edges


@pytest.mark.parametrize("stop", [0.1, 0.5, 0.9])
def test_an_interrupted_push_resumes_where_it_stopped(examples_graph, tmp_path, stop):
    full = KeyedTarget()
    push(examples_graph, full, batch_size=10)
    path = tmp_path / PROGRESS_FILE
    target = KeyedTarget(fail_at=max(2, int(len(full.writes) * stop)))
    with pytest.raises(Interrupted):
        push(examples_graph, target, batch_size=10, progress=Progress(path, "t", "s1"))
    assert path.is_file()
    saved = Progress(path, "t", "s1")
    where = saved.resumed_at
    assert where and (saved.state["phase"] or saved.state["done"])
    written_before = len(target.writes)
    target.fail_at = None
    report = push(examples_graph, target, batch_size=10, progress=saved)
    assert report.resumed_at == where
    assert target.nodes == full.nodes and target.edges == full.edges
    # resumed: it did not start over (at most the page being written when it stopped is redone)
    assert len(target.writes) - written_before < len(full.writes)
    assert not path.exists(), "a completed push removes its progress file"


def test_progress_of_another_target_or_a_changed_source_is_ignored(tmp_path):
    path = tmp_path / PROGRESS_FILE
    p = Progress(path, "neo4j://a database x", "fingerprint-1")
    p.complete("nodes:Document")
    p.save("nodes:Organization", "org:k")
    assert Progress(path, "neo4j://a database x", "fingerprint-1").after("nodes:Organization") == "org:k"
    assert Progress(path, "neo4j://a database x", "fingerprint-1").is_done("nodes:Document")
    assert Progress(path, "neo4j://b database x", "fingerprint-1").resumed_at is None
    assert Progress(path, "neo4j://a database x", "fingerprint-2").resumed_at is None
    path.write_text("{not json", encoding="utf-8")
    assert Progress(path, "neo4j://a database x", "fingerprint-1").resumed_at is None


def test_folder_fingerprint_follows_the_store_files_but_not_the_progress_file(tmp_path):
    (tmp_path / "graph.lbug").write_bytes(b"abc")
    before = folder_fingerprint(tmp_path)
    (tmp_path / PROGRESS_FILE).write_text("{}", encoding="utf-8")
    assert folder_fingerprint(tmp_path) == before
    (tmp_path / "graph.lbug").write_bytes(b"abcd")
    assert folder_fingerprint(tmp_path) != before


def test_pages_cover_every_key_once_in_order(examples_graph):
    keys = [k for page in key_pages(examples_graph, "Document", 6) for k in page]
    assert keys == sorted(keys) and len(keys) == len(set(keys)) == node_counts(examples_graph)["Document"]
    pages = list(node_pages(examples_graph, "Document", 6))
    assert all(len(p) <= 6 for p in pages) and [n["id"] for p in pages for n in p] == keys
    after = keys[10]
    assert [n["id"] for p in node_pages(examples_graph, "Document", 6, after) for n in p] == keys[11:]
    edges = Counter()
    for _, by_type in edge_pages(examples_graph, "Document", 6):
        for name, rows in by_type.items():
            edges[name] += len(rows)
    assert {k: v for k, v in edges.items() if v} == {k: v for k, v in edge_counts(examples_graph).items()
                                                     if v and k != "SUCCEEDED_BY"}


def test_batch_size_must_be_positive(examples_graph):
    with pytest.raises(ValueError):
        push(examples_graph, KeyedTarget(), batch_size=0)


def test_prune_removes_what_the_source_no_longer_holds(examples_graph, examples_dir, tmp_path):
    """Two real embedded stores: the target holds the examples and one more text (its documents,
    a relation, a placement that moved edges); pruning it against the examples leaves exactly the
    examples' nodes and edges."""
    from vankien.graph.ingest import ingest
    from vankien.graph.exchange.prune import edge_identity, prune
    from vankien.graph.stores import open_store
    from vankien.graph.exchange.pages import edges_from

    extra = tmp_path / "extra.txt"
    extra.write_text("Tin hoạt động. Kế hoạch số 112-KH/TU ngày 12/3/2024 của Tỉnh ủy Lạng Sơn về thực hiện "
                     "Nghị quyết số 29-NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương đã được quán triệt. "
                     "Thực hiện Nghị quyết số 29-NQ/TW, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 77-KH/HU "
                     "ngày 5/3/2024.\n", encoding="utf-8")
    inputs = [str(p) for p in sorted(examples_dir.iterdir()) if p.name != "README.md"]
    with open_store(tmp_path / "target") as target:
        ingest(inputs + [str(extra)], target, workers=1)
        want = {**node_counts(examples_graph), **edge_counts(examples_graph)}
        assert {**node_counts(target), **edge_counts(target)} != want
        removed = prune(examples_graph, target, page=9)
        # nodes of the extra text, and an edge between two documents both stores hold
        assert removed["Source"] == 1 and removed["Document"] >= 1 and removed["IMPLEMENTS"] >= 1
        assert {**node_counts(target), **edge_counts(target)} == want

        def identities(store):
            keys = [k for page in key_pages(store, "Document", 1000) for k in page]
            return {rel.name: sorted(str(edge_identity(rel, e)) for e in edges_from(store, rel, keys[0], keys[-1]))
                    for rel in RELATIONSHIPS if rel.src == "Document"}

        assert identities(target) == identities(examples_graph)
        assert sum(prune(examples_graph, target).values()) == 0
