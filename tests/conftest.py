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
