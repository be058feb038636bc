"""The notebooks are the researchers' front door: each one must run from top to bottom on the
embedded store (any error fails the test), leave the repository as it was, and be committed
without outputs."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 300         # seconds: a cell still running then is a runaway (nbclient raises); the
                           # notebooks' speed is not judged here, on a machine that may be shared


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def test_there_are_notebooks():
    names = {p.stem for p in NOTEBOOKS}
    assert {"01_quickstart", "02_cypher_for_researchers", "03_networkx_analysis"} <= names


def _missing_commands(nb) -> list[str]:
    """Commands a notebook needs (metadata ``vankien.requires``: "export rdf") that this version lacks."""
    from vankien.cli import main

    missing = []
    for needed in nb.metadata.get("vankien", {}).get("requires", []):
        cmd = main
        for word in needed.split():
            cmd = getattr(cmd, "commands", {}).get(word)
            if cmd is None:
                missing.append(needed)
                break
    return missing


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    missing = _missing_commands(nb)
    if missing:
        pytest.skip(f"{path.name} needs {', '.join('vankien ' + m for m in missing)}, not in this version")
    # a headless plotting backend, and Jupyter's and IPython's files outside the home folder
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "jupyter-runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    before = _git("status", "--porcelain", "--untracked-files=all")
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()        # raises CellExecutionError on the first cell that fails, or on a runaway cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    after = _git("status", "--porcelain", "--untracked-files=all")
    assert before == after, f"{path.name} changed the repository:\n{before}\n---\n{after}"


def _committed(path: Path) -> str:
    """The notebook as git will commit it (the index), or as it is on disk outside a git checkout."""
    rel = path.relative_to(REPO).as_posix()
    staged = _git("show", f":{rel}")
    return staged if staged is not None else path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_committed_without_outputs(path: Path):
    nb = json.loads(_committed(path))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    with_outputs = [i for i, c in enumerate(code) if c.get("outputs") or c.get("execution_count") is not None]
    assert not with_outputs, (f"{path.name}: code cells {with_outputs} keep outputs or execution counts; "
                              "strip them (make strip-notebooks) before committing")
