"""Shared fixtures for the test suite."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (the folder holding pyproject.toml)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared annotated corpus, ``../shared/corpus`` beside the repository; skips if absent."""
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The invented example inputs shipped with the project (``examples/``)."""
    path = REPO_ROOT / "examples"
    assert path.is_dir(), f"examples folder missing: {path}"
    return path


def _ingest_into(path: Path, inputs: list[Path]):
    from vankien.graph.ingest import ingest
    from vankien.graph.stores import open_store

    store = open_store(path)
    ingest([str(p) for p in inputs], store, workers=1)
    return store


@pytest.fixture(scope="session")
def examples_graph(tmp_path_factory, examples_dir):
    """A read-write embedded store holding the example corpus (shared by the whole session: do not write)."""
    inputs = sorted(p for p in examples_dir.iterdir() if p.name != "README.md")
    store = _ingest_into(tmp_path_factory.mktemp("examples-graph") / "store", inputs)
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_graph(tmp_path_factory, corpus_dir):
    """An embedded store holding every text of ../shared/corpus (seeds and dev; session-wide: do not write)."""
    inputs = [corpus_dir / "seeds", corpus_dir / "dev"]
    store = _ingest_into(tmp_path_factory.mktemp("corpus-graph") / "store", [p for p in inputs if p.exists()])
    yield store
    store.close()
