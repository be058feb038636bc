"""docs/api.md is the reference of ``import vankien``: it documents every name of the API and no
other, with the signature the code has, and its examples run."""
from __future__ import annotations

import inspect
import os
import re
from pathlib import Path

import pytest

import vankien

REPO = Path(__file__).resolve().parents[1]
PAGE = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
HEADINGS = re.findall(r"^### (.+)$", PAGE, re.M)
DOCUMENTED = {n for h in HEADINGS for n in re.findall(r"`(\w+)(?:\(|`)", h)}


def test_every_api_name_is_documented_and_nothing_else():
    names = set(vankien.__all__) - {"__version__"}
    assert not names - DOCUMENTED, f"docs/api.md does not document {sorted(names - DOCUMENTED)}"
    assert not DOCUMENTED - names, f"docs/api.md documents {sorted(DOCUMENTED - names)}, not in vankien.__all__"


@pytest.mark.parametrize("heading", [h for h in HEADINGS if "(" in h])
def test_documented_signatures_are_the_code_s(heading):
    for name, params in re.findall(r"`(\w+)\(([^`]*)\)`", heading):
        documented = [re.sub(r"=.*", "", p).strip() for p in params.split(",")]
        real = ["*" + p.name if p.kind is p.VAR_POSITIONAL else p.name
                for p in inspect.signature(getattr(vankien, name)).parameters.values()]
        shown = [d for d in documented if d and d != "*"]
        assert shown == real, f"{name}: docs/api.md says ({', '.join(shown)}), the code ({', '.join(real)})"


def test_the_examples_run(tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", PAGE, re.S)
    assert len(blocks) >= 15
    namespace: dict = {}
    for i, block in enumerate(blocks):
        try:
            exec(compile(block, f"docs/api.md example {i + 1}", "exec"), namespace)   # noqa: S102 - our own docs
        except Exception as e:
            raise AssertionError(f"docs/api.md example {i + 1} fails:\n{block}") from e
    assert (tmp_path / "graph.ttl").stat().st_size > 0
    assert os.listdir(tmp_path / "neo4j-import")
