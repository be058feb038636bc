"""The ``vankien`` command line: a thin layer over the library.

    vankien extract PATH... [--scope TEXT] [--output FILE]

prints one JSON object per input document (JSON Lines). Unreadable inputs give a record with
their warnings; the exit code is non-zero only when nothing at all could be read.
"""
from __future__ import annotations

import json
import sys

import click

from . import __version__


@click.group()
@click.version_option(__version__, prog_name="vankien")
def main() -> None:
    """vankien: a knowledge graph of Vietnamese Party documents and their lineage."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--scope", default=None, metavar="TEXT",
              help="Locality (province or district) of the inputs, for documents whose text does not name it.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", show_default=True,
              help="Where to write the JSON Lines.")
@click.option("--max-size", default=25, show_default=True, metavar="MB",
              help="Inputs larger than this many MB are reported and skipped.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on standard error (default: when it is a terminal).")
@click.option("--explain", is_flag=True,
              help="Print each relation and assignment with its evidence highlighted, for a person to check, "
                   "instead of JSON Lines (which still go to --output when one is given).")
def extract(paths: tuple[str, ...], scope: str | None, output, max_size: int, progress: bool | None,
            explain: bool) -> None:
    """Find the documents that texts cite, and the relations and assignments they state: files,
    folders (recursive), HTML, DOCX, PDF or JSON Lines records {"text", "url", "title",
    "published", "scope"}."""
    from tqdm import tqdm

    from loaders.clean import normalize_text
    from loaders.extract import extract_source
    from loaders.readers import read_paths

    from .explain import explain_record

    write_json = not explain or output.name != "<stdout>"
    color = explain and sys.stdout.isatty()
    show = sys.stderr.isatty() if progress is None else progress
    read = total = 0
    sources = read_paths(paths, default_scope=scope, max_bytes=max_size * 1024 * 1024)
    for src in tqdm(sources, desc="extract", unit="doc", disable=not show, file=sys.stderr):
        total += 1
        record = extract_source(src, scope=scope)
        read += src.ok
        if write_json:
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
        if explain:
            click.echo(explain_record(record, normalize_text(src.text or ""), color) + "\n")
        for w in src.warnings:
            click.echo(f"vankien: {src.source}: {w.message}", err=True)
    output.flush()
    if total and not read:
        click.echo("vankien: none of the inputs could be read", err=True)
        sys.exit(1)
    if not total:
        click.echo("vankien: no input documents found", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
