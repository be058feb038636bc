"""README.md is the user guide: every command it shows must exist, with the options it shows, and
every command of the command line must be shown in it with all its options. The help of every
command must be complete."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vankien.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
# a command line inside a code block: "vankien …", "$ vankien …", ".venv/bin/vankien …"
COMMAND_LINE = re.compile(r"^(?:\$\s+)?(?:\S*/)?vankien\s+(?=\S)")


def readme_commands(text: str) -> list[list[str]]:
    """The words of every vankien command line in the README's code blocks (comments dropped; a
    quoted argument that runs over several lines is joined)."""
    out = []
    for block in FENCE.findall(text):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            m = COMMAND_LINE.match(lines[i].strip())
            if not m:
                i += 1
                continue
            command = lines[i].strip()[m.end():]
            while command.count("'") % 2 and i + 1 < len(lines):     # a Cypher query over several lines
                i += 1
                command += " " + lines[i].strip()
            out.append(shlex.split(command.rstrip("\\"), comments=True))
            i += 1
    return out


def _resolve(words: list[str]) -> tuple[list[str], click.Command]:
    """The command path (["export", "rdf"]) a command line names, and its click command."""
    path, cmd = [], main
    for w in words:
        if not isinstance(cmd, click.Group) or w.startswith("-"):
            break
        assert w in cmd.commands, f"README documents `vankien {' '.join(path + [w])}`, which does not exist"
        path.append(w)
        cmd = cmd.commands[w]
    return path, cmd


def _options_written(words: list[str]) -> set[str]:
    """Option names in a command line or synopsis: --scope, -o, --progress/--no-progress, [--down|--up]."""
    names = set()
    for w in words:
        for part in re.split(r"[|/]", w.strip("[]")):
            part = part.strip("[]")
            if re.fullmatch(r"--?[a-z][a-z0-9-]*", part):
                names.add(part)
    return names


def _all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, prefix + (name,))


COMMAND_LINES = readme_commands(README.read_text(encoding="utf-8"))


def test_readme_shows_commands():
    assert len(COMMAND_LINES) >= 10


@pytest.mark.parametrize("words", COMMAND_LINES, ids=lambda w: " ".join(w)[:60])
def test_documented_command_exists_with_its_options(words):
    path, cmd = _resolve(words)
    assert path, f"README shows `vankien {' '.join(words)}` without a command"
    known = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
    unknown = _options_written(words[len(path):]) - known
    assert not unknown, f"README shows `vankien {' '.join(path)}` with options it does not have: {sorted(unknown)}"
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ")


@pytest.mark.parametrize("path", [p for p, _ in _all_commands()], ids=" ".join)
def test_every_command_is_documented(path):
    shown = {tuple(_resolve(words)[0]) for words in COMMAND_LINES}
    shown |= {p[:n] for p in shown for n in range(1, len(p))}     # a group is shown by its subcommands
    assert path in shown, f"`vankien {' '.join(path)}` exists but README.md shows no example of it"


@pytest.mark.parametrize("path,cmd", list(_all_commands()), ids=[" ".join(p) for p, _ in _all_commands()])
def test_help_is_complete(path, cmd):
    assert (cmd.help or "").strip(), f"vankien {' '.join(path)} has no help text"
    for p in cmd.params:
        if isinstance(p, click.Option):
            assert (p.help or "").strip(), f"vankien {' '.join(path)} {p.opts[0]} has no help"
        elif isinstance(p, click.Argument):
            assert p.human_readable_name in cmd.help, (
                f"the help of vankien {' '.join(path)} does not say what {p.human_readable_name} is")


@pytest.mark.parametrize("path,cmd", list(_all_commands()), ids=[" ".join(p) for p, _ in _all_commands()])
def test_readme_shows_every_option(path, cmd):
    written = set()
    for words in COMMAND_LINES:
        if tuple(_resolve(words)[0]) == path:
            written |= _options_written(words[len(path):])
    missing = [p.opts[-1] for p in cmd.params
               if isinstance(p, click.Option) and not written & {*p.opts, *p.secondary_opts}]
    assert not missing, f"README shows vankien {' '.join(path)} without {missing}: add them to its synopsis"


def test_readme_data_model_matches_the_schema():
    """The node and relationship tables of README's Data model list what graph/schema.py defines."""
    from vankien.graph.model.schema import NODES, PRIMARY_KEY, REL_BY_NAME

    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Data model"):text.index("### The embedded store")]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in section.splitlines()
            if line.startswith("| `")]
    nodes = {r[0].strip("`"): r for r in rows if r[0].strip("`") in NODES}
    assert set(nodes) == set(NODES)
    for label, (_, key, props) in nodes.items():
        assert key.strip("`") == PRIMARY_KEY[label]
        assert {p.strip() for p in props.split(",")} == set(NODES[label]) - {PRIMARY_KEY[label]}, label
    documented = {t for r in rows for t in re.findall(r"`([A-Z_]+)`", r[0])}
    assert documented == set(REL_BY_NAME)
