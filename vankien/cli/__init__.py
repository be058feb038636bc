"""The ``vankien`` command line: a thin layer over the library.

    vankien extract PATH... [--scope TEXT] [--output FILE] [--explain]   one JSON record per input text
    vankien ingest PATH... [--store DIR] [--report FILE]       extract, identify, store
    vankien shards PATH... -o DIR [--scheduler ADDR]           extract on a Dask cluster (ingest DIR loads it)
    vankien query CYPHER [--param k=v] [--format table|json|csv] [--write]
    vankien lineage KEY [--down|--up|--both] [--depth N] [--format tree|json]
    vankien show KEY / vankien coverage KEY / vankien stats
    vankien view KEY -o FILE.html [--depth N] / vankien view --doc KEY --mode diagram -o FILE.html
    vankien export ...                                         other formats (subcommands)
    vankien push neo4j [--uri] [--user] [--database] [--batch-size N]   the whole graph into Neo4j
    vankien export neo4j-csv DIR                               files for neo4j-admin database import
    vankien export rdf OUT [--format turtle|json-ld|nt|xml|trig] [--base IRI]
    vankien validate-rdf FILE [--format ...]                  SHACL check of an RDF export
    vankien serve [--store DIR | --neo4j] [--host] [--port N] [--open]   a local site to explore the store

The store is ./vankien-store, or $VANKIEN_STORE, or --store DIR; with --neo4j, the Neo4j at
$NEO4J_URI ($NEO4J_USERNAME, $NEO4J_PASSWORD, $NEO4J_DATABASE). Exit codes: 0 done, 1 error,
2 a KEY that matches several documents (the candidates are listed).
"""
from __future__ import annotations

import json
import sys

import click

import vankien
from vankien import __version__

from .output import echo, json_line      # all printing: control characters escaped


include_option = click.option(
    "--include", "include", multiple=True, metavar="GLOB",
    help="In folders, read only the files matching GLOB (on the path inside the folder or the file's name; "
         "repeatable). Files named on the command line are always read.")
exclude_option = click.option(
    "--exclude", "exclude", multiple=True, metavar="GLOB",
    help="In folders, pass over the files and folders matching GLOB (repeatable).")


def _report_passed_over(passed: list[dict]) -> None:
    """One line per kind of file passed over in the folders (each file is in the report)."""
    from collections import Counter

    from .output import plural

    for kind, n in Counter(p["kind"] for p in passed).items():
        details = Counter(p.get("detail") for p in passed if p["kind"] == kind and p.get("detail"))
        shown = ""
        if details and kind == "not a document":
            shown = " (" + ", ".join(f"{d}: {c}" for d, c in details.most_common(5)) + ")"
        elif details and kind == "project file":
            shown = " (" + ", ".join(d for d, _ in details.most_common(5)) + ")"
        echo(f"vankien: passed over {n} in folders: {vankien.SKIP_KINDS.get(kind, kind)}{shown}", err=True)


@click.group()
@click.version_option(__version__, prog_name="vankien")
def main() -> None:
    """vankien: a knowledge graph of Vietnamese Party documents and their lineage.

    Start with "vankien ingest FOLDER" (extract and store a corpus), then ask with lineage, show,
    coverage, query or stats, and draw it with view; "vankien extract" gives what texts cite as JSON
    Lines, without a store. "vankien push neo4j" puts the graph into Neo4j, "vankien export rdf"
    writes it for archives (checked by validate-rdf).

    The store is ./vankien-store, or $VANKIEN_STORE, or --store DIR (--neo4j: the Neo4j at
    $NEO4J_URI). KEY is a symbol as people
    write it (25-NQ/TW, "NQ 25", "nghị quyết 25/TW") or a store id (25-NQ/TW:XI). Exit codes: 0 done,
    1 error, 2 a KEY that matches several documents (their ids are listed). Run "vankien COMMAND
    --help" for a command's options; README.md is the user guide."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str, readable=False))  # read: a record
@click.option("--scope", default=None, metavar="TEXT",
              help="Locality (province or district) of the inputs, for documents whose text does not name it.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", show_default=True,
              metavar="FILE", help="Where to write the JSON Lines (- is standard output).")
@click.option("--max-size", default=25, show_default=True, metavar="MB",
              help="Inputs larger than this many MB are reported and skipped.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on standard error (default: when it is a terminal).")
@click.option("--explain", is_flag=True,
              help="Print each relation and assignment with its evidence highlighted, for a person to check, "
                   "instead of JSON Lines (which still go to --output when one is given).")
@include_option
@exclude_option
def extract(paths: tuple[str, ...], scope: str | None, output, max_size: int, progress: bool | None,
            explain: bool, include: tuple[str, ...], exclude: tuple[str, ...]) -> None:
    """Find the documents that texts cite, and the relations and assignments they state.

    PATHS are files or folders (read recursively): plain text in any common encoding, HTML, DOCX,
    PDF, or JSON Lines records {"text", "url", "title", "published", "scope"}. Writes one JSON
    object per input document; a bad input gives a record with a warning and the run goes on (the
    exit code is 1 only when nothing could be read)."""
    from tqdm import tqdm

    from .explain import explain_record

    write_json = not explain or output.name != "<stdout>"
    color = explain and sys.stdout.isatty()
    show = sys.stderr.isatty() if progress is None else progress
    read = total = 0
    passed: list[dict] = []
    not_found: list[dict] = []
    sources = vankien.read_paths(paths, default_scope=scope, max_bytes=max_size * 1024 * 1024, include=include,
                                 exclude=exclude, on_skip=lambda source, kind, detail: passed.append(
                                     {"source": source, "kind": kind, "detail": detail}))
    for src in tqdm(sources, desc="extract", unit="doc", disable=not show, file=sys.stderr):
        total += 1
        record = vankien.extract_source(src, scope=scope)
        read += src.ok
        if any(w.code == "not_found" for w in src.warnings) and src.source in paths:
            not_found.append({"source": src.source})
        if write_json:
            output.write(json_line(record))
        if explain:
            # made safe by explain_record itself, before its colours
            click.echo(explain_record(record, vankien.normalize_text(src.text or ""), color) + "\n")
        for w in src.warnings:
            echo(f"vankien: {src.source}: {w.message}", err=True)
    output.flush()
    _report_passed_over(passed)
    missing = [s["source"] for s in not_found]
    if missing:
        echo(f"vankien: not found: {', '.join(missing)}", err=True)
        sys.exit(1)
    if total and not read:
        echo("vankien: none of the inputs could be read", err=True)
        sys.exit(1)
    if not total:
        echo("vankien: no input documents found", err=True)
        sys.exit(1)



@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str, readable=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              metavar="DIR", help="Folder for the shards and their manifest (created; earlier shards in it are "
                                  "replaced, any other non-empty folder is refused).")
@click.option("--scheduler", default=None, metavar="ADDR",
              help="Address of a running Dask scheduler (tcp://host:8786), to extract on its cluster; default: a "
                   "local cluster of --workers processes started for the run; \"sync\": in this process.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 256), metavar="N",
              help="Worker processes of the local cluster (not used with --scheduler).")
@click.option("--scope", default=None, metavar="TEXT",
              help="Locality (province or district) of the inputs, for documents whose text does not name it.")
@click.option("--max-size", default=25, show_default=True, metavar="MB",
              help="Inputs larger than this many MB are reported and skipped.")
@click.option("--partition-size", default=None, type=click.IntRange(1, 100_000), metavar="N",
              help="Inputs per task and shard (default: spread over the workers, at most 200).")
@include_option
@exclude_option
def shards(paths, out_dir, scheduler, workers, scope, max_size, partition_size, include, exclude) -> None:
    """Extract texts on a Dask cluster into Parquet shards, for "vankien ingest DIR" to load.

    PATHS are files or folders, read as "vankien extract" and "vankien ingest" read them; they and
    DIR must be paths every worker sees (one machine, or a shared file system), with vankien
    installed on every worker. Writes one Parquet file per partition of the inputs (a row per input
    document: its provenance and its extraction record) and DIR/vankien-shards.json, the manifest
    (counts, schema version, the inputs that could not be read), last. "vankien ingest DIR" then
    builds the same graph as "vankien ingest PATHS". README: Extraction on a Dask cluster."""
    try:
        manifest = vankien.extract_to_shards(paths, out_dir, scheduler=scheduler, n_workers=workers, scope=scope,
                                             max_bytes=max_size * 1024 * 1024, partition_size=partition_size,
                                             include=include, exclude=exclude)
    except (vankien.ShardError, OSError) as e:
        raise click.ClickException(str(e)) from e
    echo(f"{out_dir}: {len(manifest['shards'])} shards, {manifest['texts']} texts ({manifest['read']} read, "
         f"{manifest['unreadable']} unreadable) in {manifest['seconds']:.1f}s on {manifest['scheduler']}")
    for s in manifest["skipped"]:
        echo(f"vankien: skipped {s['source']}: {s['reason'].removeprefix('unreadable: ')}", err=True)
    _report_passed_over(manifest["passed_over"])
    if manifest["texts"] and not manifest["read"]:
        echo("vankien: none of the inputs could be read", err=True)
        sys.exit(1)
    if not manifest["texts"]:
        echo("vankien: no input documents found", err=True)
        sys.exit(1)


# --- the corpus graph ------------------------------------------------------------------------
STORE_HELP = "Store folder (default: $VANKIEN_STORE, else ./vankien-store)."
store_option = click.option("--store", "store_dir", default=None, metavar="DIR", envvar="VANKIEN_STORE",
                            help=STORE_HELP)
neo4j_option = click.option("--neo4j", "use_neo4j", is_flag=True,
                            help="Use Neo4j instead of the embedded store: $NEO4J_URI, $NEO4J_USERNAME, "
                                 "$NEO4J_PASSWORD, $NEO4J_DATABASE (see `vankien push neo4j`).")


def _open(store_dir: str | None, *, read_only: bool, use_neo4j: bool = False):
    if use_neo4j:
        return _open_neo4j(None, None, None, read_only=read_only)
    try:
        return vankien.open_store(store_dir, read_only=read_only)
    except vankien.StoreError as e:
        raise click.ClickException(str(e)) from e


def _open_neo4j(uri: str | None, user: str | None, database: str | None, *, read_only: bool):
    """Neo4j from options and the NEO4J_* variables; the password only from NEO4J_PASSWORD or a prompt."""
    settings = vankien.Neo4jSettings.from_env(uri, user, database)
    password = None
    if not settings.password:
        if not sys.stdin.isatty():
            raise click.ClickException("no Neo4j password: set NEO4J_PASSWORD (it is never taken from the "
                                       "command line)")
        password = click.prompt(f"Neo4j password for {settings.user} at {settings.shown_uri}", hide_input=True,
                                err=True)
    try:
        return vankien.open_store(settings, read_only=read_only, password=password)
    except vankien.StoreError as e:
        raise click.ClickException(str(e)) from e


def _about_document(store_dir: str | None, use_neo4j: bool, key: str, answer):
    """``answer(store, id)`` for the one document KEY names, on the store opened read-only."""
    store = _open(store_dir, read_only=True, use_neo4j=use_neo4j)
    try:
        return answer(store, _resolve_key(store, key))
    finally:
        store.close()


def _resolve_key(store, key: str) -> str:
    """The id of the one document KEY names; lists the candidates and exits 2 when there are several."""
    try:
        return vankien.resolve(store, key)
    except vankien.AmbiguousKey as e:
        echo(f"{key!r} matches {len(e.candidates)} documents; give one of these ids:", err=True)
        for r in e.candidates:
            echo(f"  {r['id']}  {vankien.describe(r)}", err=True)
        sys.exit(2)
    except vankien.NoDocument as e:
        if not e.suggestions:
            raise click.ClickException(e.reason) from e
        echo(f"Error: {e.reason}; did you mean:", err=True)
        for r in e.suggestions:
            echo(f"  {r['id']}  {vankien.describe(r)}", err=True)
        sys.exit(1)
    except vankien.UnreadableKey as e:
        raise click.ClickException(str(e)) from e


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str, readable=False))  # read: a record
@store_option
@neo4j_option
@click.option("--scope", default=None, metavar="TEXT",
              help="Locality (province or district) of the inputs, for documents whose text does not name it.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=str), default=None, metavar="FILE",
              help="Also write the report as JSON to this file, kept up to date as the run goes (every input "
                   "with its status, counts and warnings).")
@click.option("--keep-versions", is_flag=True,
              help="Keep the previous version of a changed text (same path or URL, other content) beside "
                   "the new one, instead of replacing it.")
@click.option("--max-size", default=25, show_default=True, metavar="MB",
              help="Inputs larger than this many MB are reported and skipped.")
@click.option("--batch-size", default=10000, show_default=True, metavar="N",
              help="Texts per transaction (all or nothing) when the store already holds texts; an empty "
                   "store is loaded in bulk at the end of the run.")
@click.option("--workers", default=None, type=int, metavar="N",
              help="Extraction processes (default: one per core, at most 4).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on standard error (default: when it is a terminal).")
@include_option
@exclude_option
def ingest(paths, store_dir, use_neo4j, scope, report_file, keep_versions, max_size, batch_size, workers,
           progress, include, exclude) -> None:
    """Read texts, extract their documents, relations and assignments, identify them across the
    corpus and store the graph.

    PATHS are files or folders (read recursively), in the formats vankien extract reads, or shard
    folders written by "vankien shards" (texts extracted on a Dask cluster: their records are
    loaded, into the same graph). Texts already in the store (same sha256) are skipped, so running it again changes nothing; a changed
    text (same path or URL) replaces its previous version (--keep-versions keeps both). Into a store
    that holds texts the run writes a copy of the store and switches to it at the end: interrupted or
    killed, it leaves the store as it was. An empty store is loaded in bulk at the end of the run (an
    interrupted bulk load is announced by every command and undone by the next ingest).
    VANKIEN_MEMORY_MB bounds the memory (default: a quarter of the machine's). Prints a report:
    texts, documents, organisations, edges, ambiguous references, warnings and time per phase. Exits
    with 1 when no input could be ingested (nor was already there)."""
    import signal

    shard_folders = _shard_folders(paths, scope)
    store = _open(store_dir, read_only=False, use_neo4j=use_neo4j)
    name = store.settings.target if use_neo4j else str(store_dir or vankien.default_store_path())
    show = sys.stderr.isatty() if progress is None else progress
    signal.signal(signal.SIGTERM, _interrupt)        # SIGTERM ends the run as Ctrl-C does: cleanly
    try:
        if shard_folders:       # written by `vankien shards`: their records, extracted already
            report = vankien.ingest_shards(paths, store, batch_size=batch_size, workers=workers or 1,
                                           progress=show, store_name=name, keep_versions=keep_versions,
                                           report_path=report_file)
        else:
            report = vankien.ingest(paths, store, scope=scope, max_bytes=max_size * 1024 * 1024,
                                    batch_size=batch_size, workers=workers, progress=show, store_name=name,
                                    keep_versions=keep_versions, report_path=report_file, include=include,
                                    exclude=exclude)
    except KeyboardInterrupt as e:
        echo(f"vankien: {getattr(e, 'message', 'interrupted')}", err=True)
        sys.exit(130)
    except (vankien.IngestError, vankien.StoreError, vankien.ShardError) as e:
        echo(f"vankien: {e}", err=True)
        sys.exit(1)
    finally:
        store.close()
    echo(report.summary())
    _report_skipped(report, report_file)
    _report_passed_over(getattr(report, "passed_over", []))
    missing = [p for p in paths if any(s["source"] == p and s["reason"].startswith("not found")
                                       for s in report.skipped)]
    if missing:
        echo(f"vankien: not found: {', '.join(missing)}", err=True)
        sys.exit(1)
    if report.texts_read == 0:
        echo("vankien: no input documents found", err=True)
        sys.exit(1)
    if report.ingested == 0 and report.unchanged == 0:
        echo("vankien: nothing was ingested: every input was skipped", err=True)
        sys.exit(1)


SKIPPED_SHOWN = 3       # skipped inputs of one kind named one by one; more are counted on one line


def _report_skipped(report, report_file: str | None) -> None:
    """The inputs skipped (not found, unreadable …), by kind: each one when there are few of a kind, else one
    line with the first and a count; every one is in the report."""
    from .output import plural

    by_kind: dict[str, list[dict]] = {}
    codes = {e["source"]: (e.get("warnings") or [{}])[0].get("code") for e in report.inputs
             if e.get("status") == "skipped"}
    for s in report.skipped:
        if not s["reason"].startswith("already"):
            by_kind.setdefault(codes.get(s["source"]) or s["reason"].split(":")[0], []).append(s)
    for kind, skipped in by_kind.items():
        # the reader's own words: "not found: …", "cannot read the file: Permission denied"
        if len(skipped) <= SKIPPED_SHOWN or kind == "not_found":
            for s in skipped:
                echo(f"vankien: skipped {s['source']}: {s['reason'].removeprefix('unreadable: ')}", err=True)
        else:
            first = skipped[0]
            where = f"--report {report_file}" if report_file else "the report (--report FILE)"
            echo(f"vankien: skipped {plural(len(skipped), 'input')} ({kind.replace('_', ' ')}), the first "
                 f"{first['source']}: {first['reason'].removeprefix('unreadable: ')}; each one is in {where}",
                 err=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _shard_folders(paths: tuple[str, ...], scope: str | None) -> bool:
    """Whether PATHS are shard folders (written by `vankien shards`, known by their manifest): all of
    them, or none; a mix, or --scope with shards (given when they were written), is an error."""
    found = [vankien.is_shard_folder(p) for p in paths]
    if not any(found):
        return False
    if not all(found):
        raise click.UsageError("give either shard folders (written by `vankien shards`) or texts, not both")
    if scope is not None:
        raise click.UsageError("--scope is given when the shards are written (`vankien shards --scope`), "
                               "not when they are ingested")
    return True


@main.command()
@click.argument("cypher")
@store_option
@neo4j_option
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter ($NAME); VALUE is read as JSON when it parses, else as text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="A table to read, or JSON or CSV for other programs.")
@click.option("--write", is_flag=True, help="Allow statements that change the store.")
def query(cypher, store_dir, use_neo4j, params, fmt, write) -> None:
    """Run the Cypher query CYPHER on the store (read-only unless --write).

    The embedded store speaks Ladybug's openCypher: label(r) gives a relationship's type (type(r)
    in Neo4j), substring and list indexes count from 1 (README.md, Dialects, has the table); when
    a store rejects a query holding the other dialect's forms, a hint names its own. Node labels,
    relationship types and properties are in README.md (Data model).

    Example: vankien query "MATCH (p:Document)-[:IMPLEMENTS]->(d:Document {key: $k}) RETURN p.key, p.date"
    --param k=25-NQ/TW"""
    from .output import table, to_csv, to_json

    values = {}
    for p in params:
        name, sep, raw = p.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{p!r} is not NAME=VALUE", param_hint="--param")
        try:
            values[name] = json.loads(raw)
        except ValueError:
            values[name] = raw
    store = _open(store_dir, read_only=not write, use_neo4j=use_neo4j)
    try:
        res = store.query(cypher, values, write=write)
    except vankien.StoreError as e:
        hint = " (the store is read-only: add --write to change it)" if not write and "read" in str(e).lower() else ""
        for line in vankien.cypher_hints(cypher, "neo4j" if use_neo4j else "ladybug"):
            echo(f"hint: {line}", err=True)
        raise click.ClickException(f"{e}{hint}") from e
    finally:
        store.close()
    if not use_neo4j:
        for line in vankien.cypher_notes(cypher):
            echo(f"note: {line}", err=True)
    if fmt == "json":
        echo(to_json(res.records()))
    elif fmt == "csv":
        echo(to_csv(res.columns, res.rows), nl=False)
    else:
        echo(table(res.columns, res.rows))


@main.command()
@click.argument("key")
@store_option
@neo4j_option
@click.option("--down", "direction", flag_value="down", default=True,
              help="What implements, reviews, follows up, guides, amends or supersedes KEY (default).")
@click.option("--up", "direction", flag_value="up", help="What KEY itself implements, reviews, … (its ancestry).")
@click.option("--both", "direction", flag_value="both", help="Both trees.")
@click.option("--depth", default=5, show_default=True, type=click.IntRange(1, 50), metavar="N",
              help="How many levels of the tree to follow (1 to 50).")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True,
              help="A tree to read, or JSON (nested children) for other programs.")
def lineage(key, store_dir, use_neo4j, direction, depth, fmt) -> None:
    """The lineage tree of a document: what implements, reviews, follows up, guides, amends or
    supersedes it, level by level, each edge with how many texts state it.

    KEY: 25-NQ/TW, "NQ 25", "nghị quyết 25/TW" or an id (25-NQ/TW:XI); a KEY that fits several
    documents lists their ids and exits with 2."""
    from .output import to_json

    directions = ["down", "up"] if direction == "both" else [direction]
    trees = _about_document(store_dir, use_neo4j, key,
                            lambda store, doc: {d: vankien.lineage(store, doc, d, depth) for d in directions})
    if fmt == "json":
        echo(to_json(trees if direction == "both" else trees[direction]))
    else:
        echo("\n\n".join(vankien.render_tree(t, d) for d, t in trees.items()))


@main.command()
@click.argument("key")
@store_option
@neo4j_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text to read, or JSON for other programs.")
def show(key, store_dir, use_neo4j, fmt) -> None:
    """Everything known about one document: its facts (and disagreeing sources), validity, issuer,
    the texts that mention it, assignments, and every related document grouped by relation, in
    both directions, with counts.

    KEY: 25-NQ/TW, "NQ 25", "nghị quyết 25/TW" or an id (25-NQ/TW:XI); an organisation's id or
    name (org:van-phong-tinh-uy@lang-son, "Văn phòng Tỉnh ủy Lạng Sơn") shows it as "vankien org" does."""
    from .output import to_json
    from .show_text import render_show

    if key.startswith(("org:", "class:")) or not _names_a_document(store_dir, use_neo4j, key):
        if _show_organization(key, store_dir, use_neo4j, fmt, quiet=not key.startswith(("org:", "class:"))):
            return
    info = _about_document(store_dir, use_neo4j, key, vankien.show)
    echo(to_json(info) if fmt == "json" else render_show(info))


def _names_a_document(store_dir, use_neo4j: bool, key: str) -> bool:
    """Whether KEY is a document key the store knows (one document or several), for ``show``."""
    store = _open(store_dir, read_only=True, use_neo4j=use_neo4j)
    try:
        vankien.resolve(store, key)
    except vankien.AmbiguousKey:
        return True
    except (vankien.UnreadableKey, vankien.NoDocument):
        return False
    finally:
        store.close()
    return True


@main.command("org")
@click.argument("name")
@store_option
@neo4j_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text to read, or JSON for other programs.")
def org(name, store_dir, use_neo4j, fmt) -> None:
    """Find an organisation by name and show what it issued and the tasks it was given, across the corpus.

    NAME is matched ignoring diacritics, case and spacing, abbreviations expanded ("BTV Tinh uy Cao
    Bang"), with or without the place; or an organisation's id (org:van-phong-tinh-uy@lang-son). One
    match: its documents issued and its tasks (role, deadline, the assigning document's id and key,
    the text). Several: the list of them (exit 2); none: exit 1."""
    _show_organization(name, store_dir, use_neo4j, fmt)


def _show_organization(name: str, store_dir, use_neo4j: bool, fmt: str, quiet: bool = False) -> bool:
    """``vankien org NAME``; with ``quiet``, False (and nothing printed) when no organisation fits."""
    from .show_text import render_matches, render_organization

    from .output import to_json

    store = _open(store_dir, read_only=True, use_neo4j=use_neo4j)
    try:
        try:
            found = vankien.find_organizations(store, name)
        except ValueError as e:
            raise click.ClickException(str(e)) from e
        best = [r for r in found if r["match"] == found[0]["match"]] if found else []
        if not found:
            if quiet:
                return False
            raise click.ClickException(f"no organisation named {name!r} in the store")
        if len(best) > 1:
            echo(f"{name!r} matches {len(found)} organisations; give one of these ids:", err=True)
            echo(render_matches(found), err=True)
            sys.exit(2)
        info = vankien.organization(store, best[0]["id"])
        if len(found) > 1:
            info["other_matches"] = [r["id"] for r in found[1:]]
    finally:
        store.close()
    echo(to_json(info) if fmt == "json" else render_organization(info))
    return True


@main.command()
@click.argument("key")
@store_option
@neo4j_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="A table to read, or JSON or CSV for other programs.")
def coverage(key, store_dir, use_neo4j, fmt) -> None:
    """Which provinces (63 or 34, by KEY's date) issued a document implementing or reviewing KEY,
    which did not, and the days each took (lag); the 2025 mergers of provinces are followed.

    KEY: 25-NQ/TW, "NQ 25", "nghị quyết 25/TW" or an id (25-NQ/TW:XI)."""
    from .output import days, table, to_csv, to_json

    info = _about_document(store_dir, use_neo4j, key, vankien.coverage)
    cols = ["province", "issued", "key", "date", "lag_days", "via", "document"]
    rows = [[r[c] for c in cols] for r in info["rows"]]
    if fmt == "json":
        echo(to_json(info))
    elif fmt == "csv":
        echo(to_csv(cols, rows), nl=False)
    else:
        echo(table(cols, rows))
        lag = info["median_lag_days"]
        echo(f"{info['document']}: {info['issued']} of {info['provinces']} provinces issued a document"
             + (f"; median lag {days(lag)}" if lag is not None else " with a known date: no lag to measure"
                if info["issued"] else ""))


@main.command()
@store_option
@neo4j_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text to read, or JSON for other programs.")
def stats(store_dir, use_neo4j, fmt) -> None:
    """Counts of nodes and edges; documents by level, system and type; ambiguous references,
    documents whose sources disagree, seen in full, and no longer in force."""
    from .output import to_json

    store = _open(store_dir, read_only=True, use_neo4j=use_neo4j)
    try:
        info = vankien.stats(store)
    finally:
        store.close()
    if fmt == "json":
        echo(to_json(info))
        return
    for section, values in info.items():
        name = section.replace("_", " ")
        if isinstance(values, dict):
            echo(f"{name}: " + ", ".join(f"{'unknown' if k in (None, 'None') else k} {v}" for k, v in values.items()))
        else:
            echo(f"{name}: {values}")


@main.command()
@click.argument("key", required=False)
@click.option("--doc", "doc_key", default=None, metavar="KEY", help="The document (instead of the KEY argument).")
@click.option("--mode", type=click.Choice(["flowdown", "diagram"]), default="flowdown", show_default=True,
              help="flowdown: what implements, reviews, follows up … the document, row by level of issuer; "
                   "diagram: the document in the middle, its related documents grouped by relation (Lược đồ).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True, path_type=str),
              help="The HTML file to write (self-contained: open it in any browser, offline).")
@store_option
@click.option("--depth", default=5, show_default=True, type=click.IntRange(1, 50),
              help="flowdown: how many steps down to follow.")
@click.option("--assignments/--no-assignments", default=None,
              help="flowdown: start with the organisations given tasks shown or hidden (default: hidden, "
                   "their count on each document; the page has a switch either way).")
def view(key, doc_key, mode, output, store_dir, depth, assignments) -> None:
    """Write an interactive view of a document as an HTML page. KEY: 25-NQ/TW, "NQ 25",
    "nghị quyết 25/TW" or an id.

    Example: vankien view 29-NQ/TW -o out/29-NQ-TW.html; vankien view --doc 25-NQ/TW --mode diagram -o lo.html"""
    from pathlib import Path

    if bool(key) == bool(doc_key):
        raise click.UsageError("give the document once: as KEY or as --doc KEY")
    target = Path(output)
    if not target.parent.is_dir():
        raise click.ClickException(f"cannot write {output}: folder {target.parent} does not exist")
    store = _open(store_dir, read_only=True)
    try:
        doc = _resolve_key(store, key or doc_key)
        if mode == "diagram":
            page = vankien.diagram_view(store, doc)
        else:
            page = vankien.flow_down_view(store, doc, depth, assignments=assignments)
    finally:
        store.close()
    try:
        target.write_text(page.html, encoding="utf-8")
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror}") from e
    from .output import plural

    echo(f"{output}: {page.title} — {plural(page.documents, 'document')}, {plural(page.relations, 'relation')}, "
         f"{plural(page.organizations, 'organisation')}")


@main.command()
@store_option
@neo4j_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: 127.0.0.1 is this machine only (anything else lets others in).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the default browser.")
def serve(store_dir, use_neo4j, host, port, open_browser) -> None:
    """A local web site to explore the store in a browser: search (any written form of a symbol,
    names, titles, issuers, provinces), document pages with evidence, flow-down views, province
    coverage, organisations and read-only Cypher. The store is opened read-only.

    Example: vankien serve --store out/vankien-store --open (then http://127.0.0.1:8000/)"""
    store = _open(store_dir, read_only=True, use_neo4j=use_neo4j)
    shown = "Neo4j" if use_neo4j else str(store_dir or vankien.default_store_path())
    echo(f"vankien: serving {shown} read-only on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        echo(f"vankien: listening on {host}: other machines can reach the site", err=True)
    try:
        vankien.run_server(store, host=host, port=port, open_browser=open_browser, store_name=shown)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
    finally:
        store.close()


@main.group()
def export() -> None:
    """Write the graph in other formats (RDF for archives, CSV for neo4j-admin import)."""


@export.command("neo4j-csv")
@click.argument("folder", type=click.Path(file_okay=False, path_type=str))
@store_option
@click.option("--array-delimiter", default="|", show_default=True, metavar="CHAR",
              help="Character joining the elements of list properties (none of them may contain it).")
@click.option("--from-shards", "shard_dirs", multiple=True, metavar="SHARD_DIR",
              type=click.Path(file_okay=False, path_type=str),
              help="Write the graph of these shard folders (`vankien shards`; repeatable) instead of a store's: "
                   "they are loaded as `vankien ingest` loads them, into a temporary store removed afterwards.")
@click.option("--temp-dir", default=None, metavar="DIR", type=click.Path(file_okay=False, path_type=str),
              help="Where --from-shards puts its temporary store (default: the system's temporary folder).")
def export_neo4j_csv(folder, store_dir, array_delimiter, shard_dirs, temp_dir) -> None:
    """CSV files for `neo4j-admin database import full` (the fastest way to load a large graph
    into an empty Neo4j), written into FOLDER (created if needed), with the import command to run."""
    from pathlib import Path

    if shard_dirs:
        from click.core import ParameterSource

        if click.get_current_context().get_parameter_source("store_dir") is ParameterSource.COMMANDLINE:
            raise click.UsageError("give --store or --from-shards, not both")
        try:
            result = vankien.export_neo4j_csv_from_shards(shard_dirs, Path(folder), delimiter=array_delimiter,
                                                          temp_dir=temp_dir)
        except (vankien.ExportError, vankien.ShardError, vankien.IngestError, vankien.StoreError, OSError) as e:
            raise click.ClickException(str(e)) from e
        echo(result.instructions())
        return
    store = _open(store_dir, read_only=True)
    try:
        result = vankien.export_neo4j_csv(store, Path(folder), delimiter=array_delimiter)
    except (vankien.ExportError, OSError) as e:
        raise click.ClickException(str(e)) from e
    finally:
        store.close()
    echo(result.instructions())


@main.group()
def push() -> None:
    """Copy the graph of the embedded store into a graph database server."""


@push.command("neo4j")
@store_option
@click.option("--uri", default=None, metavar="URI", help="Bolt URI (default: $NEO4J_URI, else neo4j://localhost:7687).")
@click.option("--user", default=None, help="User name (default: $NEO4J_USERNAME, else neo4j).")
@click.option("--database", default=None, help="Database (default: $NEO4J_DATABASE, else the server's default).")
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Nodes or relationships written per transaction.")
@click.option("--restart", is_flag=True, help="Start from the beginning even if an earlier push was interrupted.")
@click.option("--prune/--no-prune", default=True, show_default=True,
              help="Then remove from Neo4j the vankien nodes and relationships the store no longer holds "
                   "(other labels and types are never touched).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on standard error (default: when it is a terminal).")
@click.option("--report", "report_file", type=click.File("w", encoding="utf-8"), default=None,
              help="Also write the report as JSON to this file.")
def push_neo4j(store_dir, uri, user, database, batch_size, restart, prune, progress, report_file) -> None:
    """Put the whole graph into Neo4j: constraints and indexes first, then every node and
    relationship, MERGEd in batches. Running it again changes nothing; an interrupted push run
    again resumes where it stopped. The password comes from $NEO4J_PASSWORD (or a prompt), never
    from the command line."""
    from pathlib import Path

    from tqdm import tqdm

    folder = Path(store_dir) if store_dir else vankien.default_store_path()
    _open(str(folder), read_only=True).close()          # a clear message for a missing or locked store
    target = _open_neo4j(uri, user, database, read_only=False)
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(desc="push", unit="row", disable=not show, file=sys.stderr)
    try:
        report = vankien.push_store(folder, target, batch_size=batch_size, restart=restart, prune_extra=prune,
                                    target_name=target.settings.target, on_write=lambda _, n: bar.update(n))
    except vankien.StoreError as e:
        raise click.ClickException(f"{e} (run the same command again to resume)") from e
    except KeyboardInterrupt:
        echo("vankien: interrupted; run the same command again to resume", err=True)
        sys.exit(130)
    finally:
        bar.close()
        target.close()
    echo(report.summary())
    if report_file:
        report_file.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")




@export.command("rdf")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(vankien.RDF_FORMATS), default=None,
              help="RDF format (default: from OUT's extension .ttl .jsonld .nt .rdf .trig, else turtle).")
@click.option("--base", default="https://vankien.example.org/id/", show_default=True, metavar="IRI",
              help="Where documents, organisations, texts and relations get their IRIs.")
@store_option
@neo4j_option
@click.option("--page-size", default=1000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Nodes read and written at a time (turtle, nt and trig are written page by page).")
def export_rdf(out, fmt, base, store_dir, use_neo4j, page_size) -> None:
    """Export the graph as RDF (OUT, or - for standard output): documents, organisations and source
    texts with the ontology's terms (ontology/vankien.ttl) and their ELI, RiC-O, Dublin Core and
    PROV-O equivalents, every edge as a direct triple and as a relation with its evidence, and
    the SKOS schemes of document types, levels, provinces and roles."""
    store = _open(store_dir, read_only=True, use_neo4j=use_neo4j)
    try:
        count, fmt = vankien.export_rdf(store, out, fmt, base=base, page_size=page_size)
    except vankien.BaseError as e:
        raise click.BadParameter(str(e), param_hint="--base") from e
    except vankien.StoreError as e:
        raise click.ClickException(str(e)) from e
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from e
    finally:
        store.close()
    echo(f"vankien: wrote {count} triples as {fmt} to {out}", err=True)


@main.command("validate-rdf")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(vankien.RDF_FORMATS), default=None,
              help="RDF format of FILE (default: from its extension, else turtle).")
@click.option("--engine", type=click.Choice(("auto", "jena", "jena-whole", "pyshacl")), default="auto",
              show_default=True,
              help="SHACL engine: pyshacl (in memory), jena (Apache Jena in partitions: flat memory, for large "
                   "files; built with Maven on first use), jena-whole (Jena on the whole graph), auto "
                   "($VANKIEN_SHACL_ENGINE, else pyshacl under 2 MB and jena from 2 MB when Java is here).")
def validate_rdf(file, fmt, engine) -> None:
    """Check the RDF export FILE against the vankien SHACL shapes (ontology/shapes.ttl), with the
    ontology and the concept schemes; prints what does not conform and exits with 1 if anything does."""
    try:
        report = vankien.validate_rdf(file, fmt, engine=engine)
    except vankien.UnreadableRDF as e:
        raise click.ClickException(str(e)) from e
    except (vankien.NoSHACLEngine, ValueError) as e:
        raise click.ClickException(str(e)) from e
    echo(report.text())
    if not report.conforms:
        sys.exit(1)


if __name__ == "__main__":
    main()
