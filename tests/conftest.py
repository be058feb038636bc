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


# --- Neo4j: a real server for tests/test_neo4j_integration.py --------------------------------------
# The one at NEO4J_URI (with NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE) when set; else the launcher
# in tools/neo4j-server (Neo4j Community from Maven Central, built here with Maven when its jar is missing
# or older than its sources), started once per session on a free port of 127.0.0.1 and stopped at the end.

NEO4J_SERVER_DIR = REPO_ROOT / "tools" / "neo4j-server"
NEO4J_SERVER_JAR = NEO4J_SERVER_DIR / "target" / "vankien-neo4j-server.jar"
NEO4J_START_SECONDS = 240


def _neo4j_server_jar() -> Path:
    """The launcher's jar, built with ``mvn -q package`` when missing or stale; a clear failure (never a
    skip) when Java or Maven is missing."""
    import shutil
    import subprocess

    sources = [NEO4J_SERVER_DIR / "pom.xml", *NEO4J_SERVER_DIR.joinpath("src").rglob("*.java")]
    jar = NEO4J_SERVER_JAR
    if jar.is_file() and (NEO4J_SERVER_DIR / "target" / "lib").is_dir() \
            and jar.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return jar
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"the Neo4j tests need Java 17+ and Maven to build the test server in {NEO4J_SERVER_DIR} "
                    f"(Neo4j Community from Maven Central); missing: {', '.join(missing)}. Install them "
                    "(Debian: apt-get install default-jdk-headless maven) or set NEO4J_URI, NEO4J_PASSWORD and "
                    "VANKIEN_TEST_NEO4J_WIPE=1 to use a Neo4j of your own", pytrace=False)
    done = subprocess.run(["mvn", "-q", "-B", "package"], cwd=NEO4J_SERVER_DIR, capture_output=True, text=True)
    if done.returncode != 0 or not jar.is_file():
        pytest.fail(f"building the Neo4j test server failed (mvn -q -B package in {NEO4J_SERVER_DIR}):\n"
                    f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}", pytrace=False)
    return jar


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """Connection settings of a Neo4j server the tests may empty: a dict with NEO4J_URI, NEO4J_USERNAME,
    NEO4J_PASSWORD (and NEO4J_DATABASE when set), for ``monkeypatch.setenv``."""
    import os

    if os.environ.get("NEO4J_URI"):
        if os.environ.get("VANKIEN_TEST_NEO4J_WIPE") != "1":
            pytest.skip("NEO4J_URI is set: set VANKIEN_TEST_NEO4J_WIPE=1 to let these tests empty that database "
                        "(or unset NEO4J_URI to use the test server of tools/neo4j-server)")
        settings = {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
                    if os.environ.get(k)}
        settings.setdefault("NEO4J_USERNAME", "neo4j")
        yield settings
        return
    with _launched_neo4j(tmp_path_factory.mktemp("neo4j-server")) as settings:
        yield settings


def _launched_neo4j(folder: Path, command: list[str] | None = None):
    """tools/neo4j-server with its home in FOLDER/home: a context manager giving the connection settings.
    ``command``: a neo4j-admin command (``["neo4j-admin", "database", "import", "full", …]``) the launcher
    runs on that home first (its exit code and seconds are in the settings as ``admin_exit`` and
    ``admin_seconds``, its output in FOLDER/neo4j.log)."""
    import contextlib
    import os
    import queue
    import signal
    import subprocess
    import threading
    import time

    @contextlib.contextmanager
    def run():
        jar = _neo4j_server_jar()
        log = folder / "neo4j.log"
        env = {**os.environ, "NEO4J_SERVER_HOME": str(folder / "home"), "NEO4J_SERVER_QUIET": "1"}
        env.pop("NEO4J_PASSWORD", None)          # a generated one
        with open(log, "wb") as err:
            proc = subprocess.Popen(["java", "-Xmx1g", "-jar", str(jar), *(command or [])], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=err, env=env, start_new_session=True,
                                    cwd=folder)           # where neo4j-admin import writes its import.report
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in iter(proc.stdout.readline, b"")] + [lines.put(None)],
                         daemon=True).start()
        try:
            ready, admin, deadline = None, {}, time.monotonic() + NEO4J_START_SECONDS
            while ready is None:
                try:
                    line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
                except queue.Empty:
                    line = None
                if line is None:
                    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
                    pytest.fail(f"the Neo4j test server ({jar}) did not become ready in {NEO4J_START_SECONDS} s "
                                f"(exit code {proc.poll()}):\n{tail}", pytrace=False)
                text = line.decode("utf-8", "replace").strip()
                if text.startswith("NEO4J_ADMIN "):
                    admin = dict(part.split("=", 1) for part in text.split()[1:])
                    if admin["exit"] != "0":
                        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
                        pytest.fail(f"neo4j-admin {' '.join(command[1:4])} failed (exit code {admin['exit']}):\n{tail}",
                                    pytrace=False)
                if text.startswith("NEO4J_READY "):
                    ready = dict(part.split("=", 1) for part in text.split()[1:])
            settings = {"NEO4J_URI": ready["uri"], "NEO4J_USERNAME": ready["user"], "NEO4J_PASSWORD": ready["password"]}
            if admin:
                settings.update(admin_exit=int(admin["exit"]), admin_seconds=float(admin["seconds"]))
            import neo4j

            with neo4j.GraphDatabase.driver(ready["uri"], auth=(ready["user"], ready["password"])) as driver:
                driver.verify_connectivity()
            yield settings
        finally:
            with contextlib.suppress(Exception):
                proc.stdin.close()              # the launcher stops when its stdin closes
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()

    return run()
