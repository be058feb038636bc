"""Store safety (issue 18): an ingest into a store that holds texts, killed (SIGKILL, SIGTERM) or out
of disk space at any moment, leaves the store as it was; the next command says so and the next
ingest gives the graph of a clean run. Also: a half-loaded store is announced, a changed text
replaces its previous version, the report is there after an interruption.

Real Ladybug stores in tmp_path, real `vankien ingest` processes, stopped at a point set with
VANKIEN_TEST_PAUSE (vankien.graph.workers.pause_for_tests) or at a random moment. Every text is invented.
"""
from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vankien.graph.ingest import IngestError, ingest
from vankien.graph.queries.snapshot import snapshot
from vankien.graph.stores import open_store
from vankien.graph.stores.bulk_load import MARKER
from vankien.graph.stores.ladybug_store import RUN_FOLDER

PROVINCES = ["Lạng Sơn", "Cao Bằng", "Hà Tĩnh", "Nghệ An", "Sơn La", "Phú Thọ", "Lào Cai", "Gia Lai"]


def _text(i: int, resolution: int = 25) -> str:
    """An invented provincial plan implementing a central resolution, with an assignment."""
    province = PROVINCES[i % len(PROVINCES)]
    return (f"ĐẢNG BỘ TỈNH {province.upper()}\nNgày {i % 27 + 1}/3/2023, Ban Thường vụ Tỉnh ủy {province} ban hành "
            f"Kế hoạch số {100 + i}-KH/TU thực hiện Nghị quyết số {resolution}-NQ/TW ngày 2/8/2022 của Bộ Chính trị. "
            f"Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với các huyện ủy triển khai; báo cáo kết quả trước "
            f"ngày 30/6/2024.\n")


def _write_texts(folder: Path, first: int, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + n):
        (folder / f"ke-hoach-{i:03d}.txt").write_text(_text(i), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Texts in two folders (the store's first ingest, then more), a store holding the first, and the
    signature of a clean run of both."""
    root = tmp_path_factory.mktemp("safety")
    first = _write_texts(root / "first", 0, 4)
    more = _write_texts(root / "more", 4, 8)
    base = root / "base-store"
    with open_store(base) as s:
        ingest([str(first)], s, workers=1)
    clean = root / "clean-store"
    with open_store(clean) as s:
        ingest([str(first)], s, workers=1)
        ingest([str(more)], s, workers=1)
    return {"first": first, "more": more, "base": base, "before": _dump(base), "after": _dump(clean)}


def _dump(folder: Path) -> dict:
    """Every node and edge with every property but the time a text was ingested (a canonical dump)."""
    with open_store(folder, read_only=True) as s:
        return snapshot(s)


def _copy_store(corpus, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "store"
    shutil.copytree(corpus["base"], target)
    return target


def _vankien(*args: str, pause: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("VANKIEN_TEST_PAUSE", None)
    if pause:
        env["VANKIEN_TEST_PAUSE"] = pause
    return subprocess.Popen([sys.executable, "-m", "vankien", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _ingest_args(corpus, store: Path, report: Path | None = None) -> list[str]:
    args = ["ingest", str(corpus["more"]), "--store", str(store), "--no-progress", "--workers", "1",
            "--batch-size", "1"]
    return args + (["--report", str(report)] if report else [])


def _wait_for_pause(proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until the process says it paused (its standard error), or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "test pause" in line:
            return
        if not line and proc.poll() is not None:
            break
    proc.kill()
    pytest.fail(f"the ingest never reached its pause: {proc.stderr.read()}")


def _stats(store: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vankien", "stats", "--store", str(store)], text=True,
                          capture_output=True, timeout=120)


def _finish_and_compare(corpus, store: Path) -> None:
    """The next ingest completes and gives the graph of a clean run."""
    done = subprocess.run([sys.executable, "-m", "vankien", *_ingest_args(corpus, store)], text=True,
                          capture_output=True, timeout=180, env={k: v for k, v in os.environ.items()
                                                                 if k != "VANKIEN_TEST_PAUSE"})
    assert done.returncode == 0, done.stderr
    assert _dump(store) == corpus["after"]


# --- kills ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("sig,point", [(signal.SIGKILL, "texts=3"), (signal.SIGKILL, "switch"),
                                       (signal.SIGTERM, "texts=3")])
def test_killed_ingest_leaves_the_store_as_it_was(corpus, tmp_path, sig, point):
    """Killed after 3 of 8 texts were written (or when all were, just before the switch): the store
    opens at its state before the run, every command says the run did not finish (SIGTERM: the run
    itself says so), and running it again gives the graph of a clean run."""
    store = _copy_store(corpus, tmp_path)
    report = tmp_path / "report.json"
    proc = _vankien(*_ingest_args(corpus, store, report), pause=f"{point}:120")
    _wait_for_pause(proc)
    assert (store / RUN_FOLDER).is_dir()            # the run writes its copy, not the store
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGTERM:
        assert proc.returncode == 130 and "nothing of this run was stored" in err
        assert not (store / RUN_FOLDER).exists()     # cleaned up by the run itself
        assert json.loads(report.read_text(encoding="utf-8"))["status"] == "interrupted"
    else:
        assert proc.returncode == -signal.SIGKILL
    seen = _stats(store)
    assert seen.returncode == 0, seen.stderr
    if sig == signal.SIGKILL:
        assert "did not finish" in seen.stderr and "as it was before it" in seen.stderr
    assert not (store / RUN_FOLDER).exists()
    assert _dump(store) == corpus["before"]
    # the report is there, valid JSON, with the inputs written before the kill
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["status"] in ("running", "interrupted") and written["inputs"]
    assert all(i["status"] == "added" for i in written["inputs"])
    _finish_and_compare(corpus, store)


def test_kill_at_a_random_moment(corpus, tmp_path):
    """SIGKILL at a random moment of the run (seed printed): the store opens, at its state before the
    run or after it, and the next ingest completes with the graph of a clean run."""
    seed = random.randrange(10**6)
    delay = random.Random(seed).uniform(0.2, 6.0)
    print(f"seed {seed}: kill after {delay:.2f} s")
    store = _copy_store(corpus, tmp_path)
    proc = _vankien(*_ingest_args(corpus, store))
    time.sleep(delay)
    proc.kill()
    proc.communicate(timeout=60)
    seen = _stats(store)
    assert seen.returncode == 0, seen.stderr
    assert _dump(store) in (corpus["before"], corpus["after"])
    _finish_and_compare(corpus, store)


def test_a_running_ingest_blocks_a_second_one_and_readers_see_the_store_before_it(corpus, tmp_path):
    store = _copy_store(corpus, tmp_path)
    proc = _vankien(*_ingest_args(corpus, store), pause="texts=1:120")
    try:
        _wait_for_pause(proc)
        second = subprocess.run([sys.executable, "-m", "vankien", *_ingest_args(corpus, store)], text=True,
                                capture_output=True, timeout=120)
        assert second.returncode == 1 and "another ingest is writing" in second.stderr
        seen = _stats(store)
        assert seen.returncode == 0 and "an ingest into this store is running" in seen.stderr
        assert "Source 4" in seen.stdout                  # the store as it was before the run
        assert (store / RUN_FOLDER).is_dir()              # the running ingest's copy was left alone
    finally:
        proc.kill()
        proc.communicate(timeout=60)


# --- full disk ------------------------------------------------------------------------------------
def test_disk_full_while_copying_gives_one_message_and_changes_nothing(corpus, tmp_path, monkeypatch):
    """ENOSPC (simulated) when the store is copied at the start of the run."""
    import shutil

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    store = _copy_store(corpus, tmp_path)
    monkeypatch.setattr(shutil, "copyfile", full)
    with open_store(store) as s, pytest.raises(IngestError, match="the disk is full") as e:
        ingest([str(corpus["more"])], s, workers=1)
    assert "as it was before it" in str(e.value)
    monkeypatch.undo()
    assert not (store / RUN_FOLDER).exists() and _dump(store) == corpus["before"]


def _tmpfs(path: Path, mb: int) -> bool:
    path.mkdir()
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={mb}m", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_disk_full_during_the_run_on_a_real_small_disk(corpus, tmp_path):
    """A real full disk (a small tmpfs; needs root): the store is copied, the run fills the disk, the
    ingest exits with 1 and one clear message, and the store is as it was."""
    disk = tmp_path / "disk"
    if not _tmpfs(disk, 48):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        import shutil

        store = disk / "store"
        shutil.copytree(corpus["base"], store)
        size = (store / "graph.lbug").stat().st_size
        free = shutil.disk_usage(disk).free
        filler = free - size - 512 * 1024        # room for the copy, and half a MB more
        with open(disk / "filler", "wb") as f:
            f.truncate(0)
            os.posix_fallocate(f.fileno(), 0, filler)
        more = _write_texts(tmp_path / "many", 100, 40)
        run = subprocess.run([sys.executable, "-m", "vankien", "ingest", str(more), "--store", str(store),
                              "--no-progress", "--workers", "1", "--batch-size", "5"],
                             text=True, capture_output=True, timeout=180)
        assert run.returncode == 1, run.stdout + run.stderr
        problems = [line for line in run.stderr.splitlines() if line.startswith("vankien:")]
        assert len(problems) == 1 and "the disk is full" in problems[0], run.stderr
        (disk / "filler").unlink()
        assert not (store / RUN_FOLDER).exists() and _dump(store) == corpus["before"]
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


# --- a half-loaded store --------------------------------------------------------------------------
def test_store_killed_while_loading_in_bulk_is_announced_until_repaired(corpus, tmp_path):
    """The first ingest into an empty store is loaded in place: killed during the bulk copy, the store
    holds sources and no documents; every command says so (and opens it), the next ingest repairs it."""
    store = tmp_path / "store"
    proc = _vankien("ingest", str(corpus["first"]), "--store", str(store), "--no-progress", "--workers", "1",
                    pause="bulk-copy:120")
    _wait_for_pause(proc)
    proc.kill()
    proc.communicate(timeout=60)
    assert (store / MARKER).exists()
    for _ in range(2):          # announced by every command, not once
        seen = _stats(store)
        assert seen.returncode == 0 and "half-loaded" in seen.stderr, seen.stderr
    done = subprocess.run([sys.executable, "-m", "vankien", "ingest", str(corpus["first"]), "--store", str(store),
                           "--no-progress", "--workers", "1"], text=True, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "emptied" in done.stdout
    seen = _stats(store)
    assert "half-loaded" not in seen.stderr and _dump(store) == corpus["before"]


# --- a text edited between two ingests --------------------------------------------------------------
def test_changed_text_replaces_its_previous_version(tmp_path):
    """Ingest, edit one text (it now implements another resolution), ingest again: the old version's
    Source, relation and the document only it cited are gone, the relation another text states stays,
    and the graph is the one of a clean ingest of the edited texts. An identical text is unchanged;
    --keep-versions keeps both."""
    texts = _write_texts(tmp_path / "texts", 0, 3)
    with open_store(tmp_path / "s") as s:
        ingest([str(texts)], s, workers=1)
    (texts / "ke-hoach-001.txt").write_text(_text(1, resolution=41), encoding="utf-8")
    with open_store(tmp_path / "s") as s:
        report = ingest([str(texts)], s, workers=1, report_path=tmp_path / "r.json")
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 2)
    statuses = {Path(i["source"]).name: i["status"] for i in report.inputs}
    assert statuses == {"ke-hoach-000.txt": "unchanged", "ke-hoach-001.txt": "replaced",
                        "ke-hoach-002.txt": "unchanged"}
    with open_store(tmp_path / "clean") as s:
        ingest([str(texts)], s, workers=1)
    got, want = _dump(tmp_path / "s"), _dump(tmp_path / "clean")
    assert got == want
    assert any("41-NQ/TW" in str(r) for r in got["IMPLEMENTS"])
    assert sum("25-NQ/TW" in r[1] for r in got["IMPLEMENTS"]) == 2      # stated by the two other texts

    (texts / "ke-hoach-002.txt").write_text(_text(2, resolution=36), encoding="utf-8")
    with open_store(tmp_path / "s") as s:
        kept = ingest([str(texts)], s, workers=1, keep_versions=True)
        assert (kept.added, kept.replaced) == (1, 0)
        assert s.query("MATCH (x:Source) RETURN count(*)").scalar() == 4


# --- the report -------------------------------------------------------------------------------------
def test_report_lists_every_input_and_exit_code_is_1_when_nothing_was_ingested(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    report = tmp_path / "report.json"
    run = subprocess.run([sys.executable, "-m", "vankien", "ingest", str(bad), "--store", str(tmp_path / "s"),
                          "--no-progress", "--workers", "1", "--report", str(report)], text=True,
                         capture_output=True, timeout=120)
    assert run.returncode == 1 and "nothing was ingested" in run.stderr
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["status"] == "done"
    assert sorted(Path(i["source"]).name for i in written["inputs"]) == ["binary.txt", "empty.txt"]
    assert all(i["status"] == "skipped" and i["reason"] and i["warnings"] for i in written["inputs"])
