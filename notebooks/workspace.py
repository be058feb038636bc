"""What every notebook needs: where the inputs are, a scratch folder for stores, the command line,
and query results as pandas tables.

Each notebook builds its stores in a fresh temporary folder (``scratch()``), so running a notebook
never writes into the repository. The example corpus is ``examples/``; the shared annotated corpus
is used too when it sits beside the repository (``../shared/corpus``).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def scratch() -> Path:
    """A new empty temporary folder for this notebook's stores and files."""
    return Path(tempfile.mkdtemp(prefix="vankien-notebook-"))


def example_inputs() -> list[Path]:
    """The example texts (everything in ``examples/`` but its README)."""
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md")


def example_folder(into: Path) -> Path:
    """A copy of the example texts in a folder of their own under ``into`` (a folder to ingest)."""
    folder = into / "examples"
    folder.mkdir(parents=True, exist_ok=True)
    for p in example_inputs():
        shutil.copy2(p, folder / p.name)
    return folder


def shared_corpus_inputs() -> list[Path]:
    """The folders of texts of the shared corpus (seeds and dev), or [] when it is not there."""
    return [SHARED_CORPUS / name for name in ("seeds", "dev") if (SHARED_CORPUS / name).is_dir()]


def build_store(path: Path, inputs: list[Path]):
    """An embedded store at ``path`` holding ``inputs`` (files or folders); prints the ingest report."""
    import vankien

    store = vankien.open_store(path)
    print(vankien.ingest([str(p) for p in inputs], store, workers=1, store_name=str(path)).summary())
    return store


def frame(result):
    """A query result (``store.query(...)``) as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame(result.rows, columns=result.columns)


def cli(*args: object, echo: bool = True) -> str:
    """Run the ``vankien`` command line with ``args`` and return what it prints (printing it too
    unless ``echo`` is false); an error stops the notebook (exit code 2, a KEY that matches several
    documents, is an error too)."""
    done = subprocess.run([sys.executable, "-m", "vankien", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8")
    if echo:
        print(done.stdout, end="")
    if done.stderr:
        print(done.stderr, end="", file=sys.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"vankien {' '.join(map(str, args))} exited with {done.returncode}")
    return done.stdout
