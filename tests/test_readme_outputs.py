"""The outputs README.md shows are what the commands print: the example store is built as `make run`
builds it (every file of examples/ but its README), each shown command is run on it, and its output is
compared with the block that follows the command in the README ("…" in a block stands for lines left
out; every other line must be printed, in that order)."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from vankien.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```[^\n]*\n(.*?)^```", README, re.S | re.M)
# the commands whose shown output is checked: each line as the README writes it
SHOWN = [
    "vankien stats --store out/vankien-store",
    "vankien lineage 29-NQ/TW --store out/vankien-store",
    "vankien show 112-KH/TU --store out/vankien-store",
]


def shown_output(command: str) -> list[str]:
    """The output block that follows the code block holding COMMAND."""
    for i, block in enumerate(BLOCKS[:-1]):
        if any(line.strip() == command for line in block.splitlines()):
            return [line.rstrip() for line in BLOCKS[i + 1].splitlines()]
    raise AssertionError(f"README.md shows no output for {command!r}")


@pytest.fixture(scope="module")
def store(tmp_path_factory, examples_dir) -> str:
    path = str(tmp_path_factory.mktemp("readme") / "vankien-store")
    inputs = sorted(str(p) for p in examples_dir.iterdir() if p.name != "README.md")
    res = CliRunner().invoke(main, ["ingest", *inputs, "--store", path, "--no-progress"])
    assert res.exit_code == 0, res.output
    return path


@pytest.mark.parametrize("command", SHOWN)
def test_readme_output_is_what_the_command_prints(store, command):
    words = shlex.split(command)[1:]
    words[words.index("out/vankien-store")] = store
    res = CliRunner().invoke(main, words)
    assert res.exit_code == 0, res.output
    printed = [line.rstrip() for line in res.output.splitlines()]
    expected = shown_output(command)
    if "…" not in [line.strip() for line in expected]:
        assert printed == expected, "\n".join(printed)
        return
    at = 0
    for line in expected:
        if line.strip() == "…":
            continue
        assert line in printed[at:], f"README line not printed (in order): {line!r}\n" + "\n".join(printed)
        at = printed.index(line, at) + 1
