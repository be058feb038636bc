"""The ``vankien`` command line: a thin layer over the library.

    vankien extract PATH... [--scope TEXT] [--output FILE]     one JSON record per input text
    vankien ingest PATH... [--store DIR] [--report FILE]       extract, identify, store
    vankien query CYPHER [--param k=v] [--format table|json|csv] [--write]
    vankien lineage KEY [--down|--up] [--depth N] [--format tree|json]
    vankien show KEY / vankien coverage KEY / vankien stats
    vankien export rdf OUT [--format turtle|json-ld|nt|xml|trig] [--base IRI]
    vankien validate-rdf FILE [--format ...]                  SHACL check of an RDF export

The store is ./vankien-store, or $VANKIEN_STORE, or --store DIR. Exit codes: 0 done, 1 error,
2 a KEY that matches several documents (the candidates are listed).
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



# --- the corpus graph ------------------------------------------------------------------------
STORE_HELP = "Store folder (default: $VANKIEN_STORE, else ./vankien-store)."
store_option = click.option("--store", "store_dir", default=None, metavar="DIR", envvar="VANKIEN_STORE",
                            help=STORE_HELP)


def _open(store_dir: str | None, *, read_only: bool):
    from graph.store import StoreError, open_store

    try:
        return open_store(store_dir, read_only=read_only)
    except StoreError as e:
        raise click.ClickException(str(e)) from e


def _resolve_key(store, key: str) -> str:
    """The id of the one document KEY names; lists the candidates and exits 2 when there are several."""
    from graph.lookup import UnreadableKey, describe, find_documents

    try:
        rows = find_documents(store, key)
    except UnreadableKey as e:
        raise click.ClickException(str(e)) from e
    if not rows:
        raise click.ClickException(f"no document matches {key!r} in the store")
    if len(rows) > 1:
        click.echo(f"{key!r} matches {len(rows)} documents; give one of these ids:", err=True)
        for r in rows:
            click.echo(f"  {r['id']}  {describe(r)}", err=True)
        sys.exit(2)
    return rows[0]["id"]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@store_option
@click.option("--scope", default=None, metavar="TEXT",
              help="Locality (province or district) of the inputs, for documents whose text does not name it.")
@click.option("--report", "report_file", type=click.File("w", encoding="utf-8"), default=None,
              help="Also write the report as JSON to this file.")
@click.option("--max-size", default=25, show_default=True, metavar="MB",
              help="Inputs larger than this many MB are reported and skipped.")
@click.option("--batch-size", default=1000, show_default=True, help="Texts written per transaction.")
@click.option("--workers", default=None, type=int, help="Extraction processes (default: one per core, at most 4).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on standard error (default: when it is a terminal).")
def ingest(paths, store_dir, scope, report_file, max_size, batch_size, workers, progress) -> None:
    """Read texts (files, folders, HTML, DOCX, PDF, JSON Lines), extract their documents, relations
    and assignments, identify them across the corpus and store the graph. Texts already in the
    store are skipped, so running it again changes nothing."""
    import json as _json

    from graph.ingest import ingest as run_ingest
    from graph.store import default_store_path

    store = _open(store_dir, read_only=False)
    name = str(store_dir or default_store_path())
    show = sys.stderr.isatty() if progress is None else progress
    try:
        report = run_ingest(paths, store, scope=scope, max_bytes=max_size * 1024 * 1024, batch_size=batch_size,
                            workers=workers, progress=show, store_name=name)
    except KeyboardInterrupt:
        click.echo("vankien: interrupted; the texts written so far are kept, run the same command again "
                   "to finish", err=True)
        sys.exit(130)
    finally:
        store.close()
    click.echo(report.summary())
    for s in report.skipped:
        if not s["reason"].startswith("already"):
            click.echo(f"vankien: skipped {s['source']}: {s['reason']}", err=True)
    if report_file:
        report_file.write(_json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if report.texts_read == 0:
        click.echo("vankien: no input documents found", err=True)
        sys.exit(1)


@main.command()
@click.argument("cypher")
@store_option
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter ($NAME); VALUE is read as JSON when it parses, else as text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow statements that change the store.")
def query(cypher, store_dir, params, fmt, write) -> None:
    """Run a Cypher query on the store (read-only unless --write).

    Example: vankien query "MATCH (p:Document)-[:IMPLEMENTS]->(d:Document {key: $k}) RETURN p.key, p.date"
    --param k=25-NQ/TW"""
    import json as _json

    from graph.store import StoreError

    from .output import table, to_csv, to_json

    values = {}
    for p in params:
        name, sep, raw = p.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{p!r} is not NAME=VALUE", param_hint="--param")
        try:
            values[name] = _json.loads(raw)
        except ValueError:
            values[name] = raw
    store = _open(store_dir, read_only=not write)
    try:
        res = store.query(cypher, values, write=write)
    except StoreError as e:
        hint = " (the store is read-only: add --write to change it)" if not write and "read" in str(e).lower() else ""
        raise click.ClickException(f"{e}{hint}") from e
    finally:
        store.close()
    if fmt == "json":
        click.echo(to_json(res.records()))
    elif fmt == "csv":
        click.echo(to_csv(res.columns, res.rows), nl=False)
    else:
        click.echo(table(res.columns, res.rows))


@main.command()
@click.argument("key")
@store_option
@click.option("--down", "direction", flag_value="down", default=True,
              help="What implements, reviews, follows up, guides, amends or supersedes KEY (default).")
@click.option("--up", "direction", flag_value="up", help="What KEY itself implements, reviews, … (its ancestry).")
@click.option("--both", "direction", flag_value="both", help="Both trees.")
@click.option("--depth", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
def lineage(key, store_dir, direction, depth, fmt) -> None:
    """The lineage tree of a document. KEY: 25-NQ/TW, "NQ 25", "nghị quyết 25/TW" or an id."""
    from graph.lineage import lineage as tree_of, render_tree

    from .output import to_json

    store = _open(store_dir, read_only=True)
    try:
        doc = _resolve_key(store, key)
        directions = ["down", "up"] if direction == "both" else [direction]
        trees = {d: tree_of(store, doc, d, depth) for d in directions}
    finally:
        store.close()
    if fmt == "json":
        click.echo(to_json(trees if direction == "both" else trees[direction]))
    else:
        click.echo("\n\n".join(render_tree(t, d) for d, t in trees.items()))


@main.command()
@click.argument("key")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(key, store_dir, fmt) -> None:
    """One document: its facts (and disagreeing sources), validity, issuer, the texts that mention
    it, assignments, and every related document grouped by relation, in both directions, with counts."""
    from graph.lineage import show as show_doc

    from .output import to_json
    from .show_text import render_show

    store = _open(store_dir, read_only=True)
    try:
        info = show_doc(store, _resolve_key(store, key))
    finally:
        store.close()
    click.echo(to_json(info) if fmt == "json" else render_show(info))


@main.command()
@click.argument("key")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def coverage(key, store_dir, fmt) -> None:
    """Which provinces (63 or 34, by KEY's date) issued a document implementing or reviewing KEY,
    which did not, and the days each took (lag)."""
    from graph.coverage import coverage as cover

    from .output import table, to_csv, to_json

    store = _open(store_dir, read_only=True)
    try:
        info = cover(store, _resolve_key(store, key))
    finally:
        store.close()
    cols = ["province", "issued", "key", "date", "lag_days", "via", "document"]
    rows = [[r[c] for c in cols] for r in info["rows"]]
    if fmt == "json":
        click.echo(to_json(info))
    elif fmt == "csv":
        click.echo(to_csv(cols, rows), nl=False)
    else:
        click.echo(table(cols, rows))
        click.echo(f"{info['document']}: {info['issued']} of {info['provinces']} provinces issued a document; "
                   f"median lag {info['median_lag_days']} days")


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(store_dir, fmt) -> None:
    """Counts of nodes and edges, documents by level, system and type."""
    from graph.stats import stats as store_stats

    from .output import to_json

    store = _open(store_dir, read_only=True)
    try:
        info = store_stats(store)
    finally:
        store.close()
    if fmt == "json":
        click.echo(to_json(info))
        return
    for section, values in info.items():
        if isinstance(values, dict):
            click.echo(f"{section}: " + ", ".join(f"{k} {v}" for k, v in values.items()))
        else:
            click.echo(f"{section}: {values}")


@main.group()
def export() -> None:
    """Write the graph in other formats (RDF for archives, CSV for neo4j-admin import)."""


RDF_FORMATS = ("turtle", "json-ld", "nt", "xml", "trig")


@export.command("rdf")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS), default=None,
              help="RDF format (default: from OUT's extension .ttl .jsonld .nt .rdf .trig, else turtle).")
@click.option("--base", default="https://vankien.example.org/id/", show_default=True, metavar="IRI",
              help="Where documents, organisations, texts and relations get their IRIs.")
@store_option
@click.option("--page-size", default=1000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Nodes read and written at a time (turtle, nt and trig are written page by page).")
def export_rdf(out, fmt, base, store_dir, page_size) -> None:
    """Export the graph as RDF (OUT, or - for standard output): documents, organisations and source
    texts with the ontology's terms (ontology/vankien.ttl) and their ELI, RiC-O, Dublin Core and
    PROV-O equivalents, every edge as a direct triple and as a relation with its evidence, and
    the SKOS schemes of document types, levels, provinces and roles."""
    import os
    from pathlib import Path

    from graph.store import StoreError
    from ontology.export import pages
    from ontology.iris import BaseError, Minter
    from ontology.writers import format_for, write

    try:
        minter = Minter(base)
    except BaseError as e:
        raise click.BadParameter(str(e), param_hint="--base") from e
    fmt = format_for(out, fmt)
    store = _open(store_dir, read_only=True)
    try:
        stream = pages(store, minter, page_size)
        if out == "-":
            count = write(stream, sys.stdout, fmt, minter.base)
        else:
            target = Path(out)
            partial = target.with_name(f".{target.name}.partial")
            try:
                with open(partial, "w", encoding="utf-8") as f:
                    count = write(stream, f, fmt, minter.base)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from e
    finally:
        store.close()
    click.echo(f"vankien: wrote {count} triples as {fmt} to {out}", err=True)


@main.command("validate-rdf")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS), default=None,
              help="RDF format of FILE (default: from its extension, else turtle).")
def validate_rdf(file, fmt) -> None:
    """Check an RDF export against the vankien SHACL shapes (ontology/shapes.ttl), with the ontology
    and the concept schemes; prints what does not conform and exits with 1 if anything does."""
    from ontology.validate import validate
    from ontology.writers import format_for, read

    fmt = format_for(file, fmt)
    try:
        data = read(file, fmt)
    except Exception as e:  # noqa: BLE001 - each rdflib parser raises its own kinds of error
        raise click.ClickException(f"{file} cannot be read as {fmt}: {e}") from e
    report = validate(data)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


if __name__ == "__main__":
    main()
