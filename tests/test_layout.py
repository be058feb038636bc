"""The library's layout: one installed package, no import circle, layers that only import downwards,
and a public API that the command line and the notebooks use instead of the modules behind it."""
from __future__ import annotations

import ast
import json
import os
import pydoc
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import networkx as nx
import pytest

import vankien

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DIRS = PYPROJECT["tool"]["setuptools"]["package-dir"]      # vankien.loaders -> loaders, ...


def module_files() -> dict[str, Path]:
    """Every module of the installed package by its dotted name, found through the package-dir mapping."""
    out = {}
    for package in PYPROJECT["tool"]["setuptools"]["packages"]:
        root = max((p for p in PACKAGE_DIRS if package == p or package.startswith(p + ".")), key=len)
        folder = REPO / PACKAGE_DIRS[root] / Path(*package[len(root):].split(".")[1:])
        for f in folder.glob("*.py"):
            out[package if f.stem == "__init__" else f"{package}.{f.stem}"] = f
    return out


MODULES = module_files()


def imports_of(path: Path, name: str) -> set[str]:
    """The vankien modules NAME imports, wherever the import statement is (module level, in a function,
    under TYPE_CHECKING): an import inside a function that dodges a circle is still a circle. A package's
    own __init__, which Python runs before any of its modules, is not counted as imported by them."""
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            subs = {f"{base}.{a.name}" for a in node.names} & set(MODULES)
            found |= subs if len(subs) == len(node.names) else subs | {base}   # from pkg import module
    return {m for m in found if m in MODULES}


@pytest.fixture(scope="module")
def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for name, path in MODULES.items():
        g.add_node(name)
        g.add_edges_from((name, m) for m in imports_of(path, name) if m != name)
    return g


def test_the_layout_is_found():
    assert {"vankien", "vankien.cli", "vankien.loaders.extract", "vankien.graph.stores.base",
            "vankien.graph.queries.lineage", "vankien.ontology.export", "vankien.views.flowdown"} <= set(MODULES)


def test_no_import_circle(import_graph):
    # the API (vankien/__init__) loads its names lazily, by name: it imports no module statically
    cycles = list(nx.simple_cycles(import_graph))
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c + c[:1]) for c in cycles[:5])


LAYERS = {  # a module of the left may not import one of the right
    "vankien.loaders": ("vankien.graph", "vankien.ontology", "vankien.views", "vankien.cli"),
    "vankien.graph": ("vankien.ontology", "vankien.views", "vankien.cli"),
    "vankien.ontology": ("vankien.views", "vankien.cli"),
    "vankien.views": ("vankien.ontology", "vankien.cli"),
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_layers_import_only_downwards(import_graph, layer):
    wrong = [(a, b) for a, b in import_graph.edges
             if a.startswith(layer + ".") and b.startswith(LAYERS[layer])]
    assert not wrong, f"{layer} must not import {LAYERS[layer]}: " + ", ".join(f"{a} -> {b}" for a, b in wrong)


CLI = ("vankien.cli", "vankien.__main__")     # the command line and `python -m vankien`


def test_nothing_imports_the_command_line(import_graph):
    wrong = [(a, b) for a, b in import_graph.edges if b.startswith(CLI) and not a.startswith(CLI)]
    assert not wrong, wrong


def test_the_command_line_uses_only_the_public_api(import_graph):
    used = {b for a, b in import_graph.edges if a.startswith(CLI)}
    assert {m for m in used if not m.startswith(CLI)} <= {"vankien"}, used


def test_the_notebooks_use_only_the_public_api():
    sources = [(REPO / "notebooks" / "workspace.py").read_text(encoding="utf-8")]
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        sources += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    for src in sources:
        for node in ast.walk(ast.parse(src)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [n for n in names if n.startswith("vankien.")], names


def test_every_api_name_loads_and_has_a_docstring():
    for name in vankien.__all__:
        value = getattr(vankien, name)
        if callable(value):
            assert (value.__doc__ or "").strip(), f"vankien.{name} has no docstring"
    with pytest.raises(AttributeError):
        vankien.no_such_name  # noqa: B018


def test_help_shows_the_api():
    text = pydoc.render_doc(vankien, renderer=pydoc.plaintext)
    for name in ("open_store", "ingest", "lineage", "coverage", "resolve", "extract_text", "export_rdf"):
        assert name in text


def test_import_vankien_is_light():
    """The command line imports vankien for every call: the heavy libraries load with the names that need them."""
    code = "import sys, vankien; print(sorted(m for m in ('rdflib', 'pyarrow', 'ladybug', 'neo4j', 'pyvis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == "[]"


def _installed_tops(site: Path) -> set[str]:
    return {p.name for p in site.iterdir() if p.is_dir() and (p / "__init__.py").exists()} | \
        {p.stem for p in site.glob("*.py")}


def test_a_wheel_holds_one_top_level_package(tmp_path):
    """`pip install .` (a wheel built from the tree) installs exactly one top-level package, with its data."""
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                           capture_output=True, text=True)      # build requirements from PyPI, as pip install . does
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(tmp_path.glob("vankien-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"vankien"}
    for needed in ("vankien/loaders/data/cues.toml", "vankien/views/static/view.js", "vankien/ontology/shapes.ttl",
                   "vankien/graph/stores/ladybug_store.py", "vankien/cli/__init__.py"):
        assert needed in names
    # installed on its own, outside the repository, the package and its data load
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert _installed_tops(site) == {"vankien"}
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import vankien, vankien.loaders.extract as e; "
            "assert vankien.__file__.startswith(%r); "
            "r = vankien.extract_text('Quán triệt Kết luận số 14-KL/TW của Bộ Chính trị.'); "
            "print(r['documents'][0]['key'])") % str(site)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == "14-KL/TW", out.stderr


def test_the_editable_install_maps_the_folders():
    """The development install (`make` installs with -e) maps vankien.loaders to loaders/ and so on."""
    code = "import vankien.loaders, vankien.graph, vankien.ontology, vankien.views; " \
           "print(vankien.loaders.__file__, vankien.graph.__file__, vankien.views.__file__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    files = [Path(p) for p in out.stdout.split()]
    assert files == [REPO / "loaders" / "__init__.py", REPO / "graph" / "__init__.py", REPO / "views" / "__init__.py"]
    gone = subprocess.run([sys.executable, "-c", "import loaders"], capture_output=True, text=True, cwd="/")
    assert gone.returncode != 0, "loaders must not be importable as a top-level package"
