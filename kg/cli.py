"""The ``kg`` command line: a thin click layer over the library.

Every command is a few lines over one public function; errors become one line
on stderr and exit code 1 (never a traceback). Shared option decorators give
every command the same ``--store`` and ``--format``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
import threading

import click

from kg.errors import KgError

DEFAULT_STORE = "kg-store"


def _check_store(ctx, param, value: str) -> str:
    """A URL of another scheme (``ftp://x/y``) is not taken as the folder ``ftp:/x/y``."""
    scheme, sep, _ = value.partition("://")
    if sep and scheme.isascii() and scheme.replace("+", "").isalnum():
        if scheme.lower() not in ("http", "https"):
            raise click.BadParameter(
                f"{value!r}: a store is a folder or an http(s):// SPARQL endpoint, not {scheme}://",
                ctx,
                param,
            )
    return value


OUTPUT_HELP = "Write to FILE ('-': standard output; a pipe, device or symlink is written through)."


def store_option(f):
    """``--store PATH``: the on-disk graph every reading command takes."""
    return click.option(
        "--store",
        "store",
        default=DEFAULT_STORE,
        show_default=True,
        envvar="KG_STORE",
        callback=_check_store,
        help="Graph store: a directory on disk (or an http(s):// SPARQL endpoint).",
    )(f)


def friendly_errors(f):
    """Turn library errors into one clear line and exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except BrokenPipeError:
            # the reader went away (`kg query … | head`): stop quietly, like any Unix filter
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            sys.exit(1)
        except (OSError, ValueError) as e:
            click.echo(f"kg: error: {e}", err=True)
            sys.exit(1)
        except KeyboardInterrupt as e:
            signum = getattr(e, "signum", signal.SIGINT)
            click.echo(f"kg: stopped by {signal.Signals(signum).name}", err=True)
            sys.exit(128 + signum)

    return wrapper


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised in the main thread so that every ``finally`` and
    ``except BaseException`` of a build runs (its unfinished generation is
    removed) before the one line that says so."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOPPABLE = {"active": False, "hooked": False}


def _raise_stopped(signum, frame) -> None:
    for s in (signal.SIGINT, signal.SIGTERM):  # a second signal does not cut the cleanup
        signal.signal(s, signal.SIG_IGN)
    raise Stopped(signum)


def _quiet_child() -> None:
    """In a forked pool worker or loader: Ctrl-C (the terminal sends it to the
    whole group) is the parent's to handle, and SIGTERM (``pool.terminate()``,
    or the parent's kill) ends it at once; neither prints a traceback."""
    if _STOPPABLE["active"]:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _generation(store: str) -> str | None:
    try:
        with open(os.path.join(store, "CURRENT"), encoding="utf-8") as f:
            return f.read()
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _stoppable(store: str):
    """SIGTERM and SIGINT stop a build or add cleanly: the store keeps the graph
    it had (or the new one, if it was already in place), one line says which,
    and the exit code is 128 + the signal's number (130, 143)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set in the main thread
        return
    before = _generation(store)
    old = {s: signal.signal(s, _raise_stopped) for s in (signal.SIGINT, signal.SIGTERM)}
    if not _STOPPABLE["hooked"] and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_quiet_child)
        _STOPPABLE["hooked"] = True
    _STOPPABLE["active"] = True
    try:
        yield
    except KeyboardInterrupt as e:
        signum = getattr(e, "signum", signal.SIGINT)
        now = _generation(store)
        if store.startswith(("http://", "https://")):  # not atomic (see README)
            what = "the remote store may hold some of this build's documents"
        elif now == before:
            what = "the store is unchanged"
        else:
            what = "the new graph was already in place"
        click.echo(f"kg: stopped by {signal.Signals(signum).name}; {what}", err=True)
        sys.exit(128 + signum)
    finally:
        _STOPPABLE["active"] = False
        for s, handler in old.items():
            signal.signal(s, handler)


def engine_options(f):
    """``--engine``, ``--scheduler``, ``--quiet`` and ``--jobs`` of ``kg build`` and ``kg add``."""
    f = click.option(
        "--quiet", "-q", is_flag=True, help="No progress bar (none either when not a terminal)."
    )(f)
    f = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        envvar="DASK_SCHEDULER_ADDRESS",
        help="The Dask scheduler for --engine dask.",
    )(f)
    f = click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Where extraction runs: --jobs local processes, or a Dask cluster.",
    )(f)
    f = click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1),
        default=1,
        show_default=True,
        help="Extract in this many processes.",
    )(f)
    return f


def signals_option(f):
    """``--signals +lac,-brand``: switch mention signals on or off (also ``$KG_SIGNALS``).

    The choice is checked here (one line, exit 1) and left in ``$KG_SIGNALS``,
    where extraction reads it, so a build's worker processes make the same one.
    """

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if not value:
            return
        from kg.extract.mentions import active_signals

        try:
            active_signals(value)
        except KgError as e:
            click.echo(f"kg: error: --signals/KG_SIGNALS: {e}", err=True)
            ctx.exit(1)
        os.environ["KG_SIGNALS"] = value

    return click.option(
        "--signals",
        envvar="KG_SIGNALS",
        metavar="+NAME,-NAME",
        expose_value=False,
        callback=check,
        help="Mention signals on (+) or off (-), e.g. +lac (pip install -e '.[lac]').",
    )(f)


class OneLineError(click.ClickException):
    """A usage error shown as the README promises: one line, exit code 1."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"kg: error: {self.format_message()}", err=True)


def _one_line(e: click.ClickException) -> OneLineError:
    msg = " ".join(e.format_message().split()).rstrip(".")
    ctx = getattr(e, "ctx", None)
    if isinstance(e, click.UsageError) and ctx is not None:
        names = []
        while ctx.parent is not None:  # the root is "kg" however it was started
            names.append(ctx.info_name)
            ctx = ctx.parent
        msg += f" (see {' '.join(['kg', *reversed(names)])} --help)"
    return OneLineError(msg)


class KgGroup(click.Group):
    """click's group with its usage errors (a missing option, a bad value, an
    unknown command: four lines and exit code 2) turned into one line and exit 1."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except OneLineError:
            raise
        except click.ClickException as e:
            raise _one_line(e) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OneLineError:
            raise
        except click.ClickException as e:
            raise _one_line(e) from None


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: knowledge graphs of Chinese high-tech zones and industrial parks.

    \b
    Example:
      kg build seeds/ && kg stats
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one record a line, as each document is done; json: one array at the end.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    default="-",
    show_default=True,
    metavar="FILE",
    help=OUTPUT_HELP,
)
@signals_option
@friendly_errors
def extract(files: tuple[str, ...], fmt: str, output: str) -> None:
    """Extract entities and relations from FILES (or folders), no graph written.

    Writes one JSON record per document (contract 1). Files that cannot be
    read are reported on stderr by name; the exit code is 1 if any failed.

    \b
    Example:
      kg extract seeds/ --format jsonl > records.jsonl
    """
    from kg.extract import extract_file
    from kg.ingest import iter_sources
    from kg.output import open_text_output

    sources, problems = iter_sources(files)
    failed = len(problems)
    for path, why in problems:
        _skipped(path, why)
    records = []
    with open_text_output(output) as out:
        for path in sources:
            try:
                doc = extract_file(path)
            except KgError as e:
                _skipped(path, e)
                failed += 1
                continue
            record = doc.to_record()
            if fmt == "jsonl":
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                records.append(record)
        if fmt == "json":
            out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if failed:
        sys.exit(1)


def _skipped(path, why) -> None:
    """One line for a source that was not read; its name quoted if it holds
    control characters or bytes that are not UTF-8 (so it cannot fake a line)."""
    from kg.output import display

    click.echo(f"kg: skipped {display(path)}: {why}", err=True)


@main.command(name="eval")
@click.argument("specs", nargs=-1, metavar="GOLD[:TEXTS] [FILES…]…")
@click.option("--misses/--no-misses", default=True, help="List false positives and negatives.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print everything (per article, per set, overall) as JSON.",
)
@signals_option
@friendly_errors
def eval_(specs: tuple[str, ...], misses: bool, as_json: bool) -> None:
    """Score extraction against one or more gold sets.

    Each gold set is a folder of gold *.json files (one per article, named
    after the article's file) with the texts to extract, given as:

    \b
      GOLD:TEXTS      the gold folder and a texts folder (or file)
      GOLD FILES…     the gold folder, then text files or folders
      GOLD            texts from GOLD/../texts if that folder exists,
                      else from ./seeds (the current directory's)

    An argument that is a folder holding *.json files starts a new gold set;
    any other argument is a text for the gold set before it. Only texts with
    a gold file of the same name are scored.

    Prints the misses (--no-misses to leave them out), a per-article table
    (entity and relation P/R/F1 and counts, worst first by the mean of entity
    F1 and relation F1, a side with no gold and nothing found counting 1.0),
    micro totals per set and over all sets, and P/R/F1 per entity type and
    predicate (with each set's F1). A text that cannot be read is reported on
    stderr and the exit code is 1.

    \b
    Example:
      kg eval ../shared/gold:seeds ../shared/dev/gold:../shared/dev/texts
      kg eval ../shared/gold seeds --no-misses
    """
    from kg.evaluate import evaluate_sets, format_multi, gold_sets

    multi = evaluate_sets(gold_sets(specs), on_skip=_skipped)
    if as_json:
        click.echo(json.dumps(multi.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_multi(multi, misses=misses))
    if multi.skipped:
        sys.exit(1)


@contextlib.contextmanager
def _naming_each_source():
    """When no source could be read, the sources and why, one line each, before
    the error (one source: the error line names it)."""
    from kg.build import NothingToBuild

    try:
        yield
    except NothingToBuild as e:
        if len(e.failed) > 1:
            for path, why in e.failed:
                _skipped(path, why)
        raise


def _report_build(report, verb: str = "built") -> None:
    from kg.output import display

    for path, why in report.failed:
        _skipped(path, why)
    what = f"{len(report.added)} added"
    if report.replaced:
        what += f", {len(report.replaced)} replaced"
    click.echo(
        f"{verb} {display(report.store)}: {report.documents} documents ({what}), "
        f"{report.entities} entities, {report.quads} quads in {report.seconds:.1f}s",
        err=True,
    )


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@store_option
@click.option(
    "--stats/--no-stats",
    "show_stats",
    default=True,
    show_default=True,
    help="Print the summary of the new graph (kg stats).",
)
@engine_options
@signals_option
@friendly_errors
def build(
    sources: tuple[str, ...],
    store: str,
    jobs: int,
    show_stats: bool,
    engine: str = "local",
    scheduler: str | None = None,
    quiet: bool = False,
) -> None:
    """Build the graph of SOURCES (files or folders) into the store, atomically.

    The previous graph stays whole and readable until the new one is complete.
    Files that cannot be read are reported by name; the exit code is then 1.

    \b
    Example:
      kg build seeds/ --store kg-store --jobs 4
      kg build corpus/ --engine dask --scheduler tcp://10.0.0.5:8786
      kg build seeds/ --store http://127.0.0.1:7878/   # a SPARQL 1.1 server
    """
    from kg.build import build as build_graph

    with _stoppable(store), _naming_each_source():
        report = build_graph(
            sources, store, jobs=jobs, engine=engine, scheduler=scheduler, progress=not quiet
        )
    _report_build(report)
    if show_stats:
        _print_stats(store)
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@store_option
@engine_options
@signals_option
@friendly_errors
def add(
    sources: tuple[str, ...],
    store: str,
    jobs: int,
    engine: str = "local",
    scheduler: str | None = None,
    quiet: bool = False,
) -> None:
    """Add documents to an existing graph (a document with the same name is replaced).

    Only SOURCES are read; the result is the same as rebuilding with all documents.

    \b
    Example:
      kg add new-article.txt --store kg-store
    """
    from kg.build import add as add_documents

    with _stoppable(store), _naming_each_source():
        report = add_documents(
            sources, store, jobs=jobs, engine=engine, scheduler=scheduler, progress=not quiet
        )
    _report_build(report, "added to")
    if report.failed:
        sys.exit(1)


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "xml", "graphml"]),
    help="RDF: ttl, nt, xml, jsonld (triples); nq, trig (a named graph per document). graphml.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(allow_dash=True),
    metavar="FILE",
    help=OUTPUT_HELP,
)
@friendly_errors
def export(store: str, fmt: str, output: str) -> None:
    """Write the graph to a file: RDF (triples or one named graph per document) or GraphML.

    \b
    Example:
      kg export --store kg-store --format trig -o graph.trig
      kg export --format graphml -o graph.graphml   # networkx, Gephi
    """
    from kg.export import export as export_graph
    from kg.output import described
    from kg.store import open_store

    with open_store(store) as s:
        export_graph(s, fmt, output)
    click.echo(f"wrote {described(output)}", err=True)


@main.command()
@store_option
@click.option(
    "--shapes",
    type=click.Path(exists=True, dir_okay=False),
    help="SHACL shapes (default: the shipped kg/ontology/shapes.ttl).",
)
@friendly_errors
def validate(store: str, shapes: str | None) -> None:
    """Check the graph against the SHACL shapes; exit 1 and list violations if it fails.

    \b
    Example:
      kg validate --store kg-store
    """
    from kg.store import open_store
    from kg.validate import SHAPES
    from kg.validate import validate as validate_store

    with open_store(store) as s:
        report = validate_store(s, shapes or SHAPES)
    for v in report.violations:
        click.echo(str(v))
    if not report.conforms:
        click.echo(f"kg: the graph does not conform: {len(report.violations)} violations", err=True)
        sys.exit(1)
    click.echo("the graph conforms to the shapes")


def _print_stats(store: str, as_json: bool = False, network: bool = False, top: int = 10) -> None:
    from kg.stats import format_stats, stats
    from kg.store import open_store

    with open_store(store) as s:
        st = stats(s, network=network, top=top)
    if as_json:
        click.echo(json.dumps(st.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_stats(st))


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A readable table or JSON.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option(
    "--network/--counts-only",
    default=True,
    show_default=True,
    help="Add the network analysis: hubs, brokers, communities, cooperation, shared industries.",
)
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Rows per list.")
@friendly_errors
def stats(store: str, fmt: str, as_json: bool, network: bool, top: int) -> None:
    """Counts (entities per type, facts per predicate) and the network analysis.

    The analysis (networkx): top entities by degree and betweenness, Louvain
    communities, cooperation groups and parks sharing industries.

    \b
    Example:
      kg stats --store kg-store
      kg stats --format json --top 20 > stats.json
    """
    _print_stats(store, as_json or fmt == "json", network=network, top=top)


@main.command()
@store_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(allow_dash=True),
    metavar="FILE.html",
    help=OUTPUT_HELP,
)
@click.option("--focus", metavar="NAME", help="Show the neighbourhood of this entity.")
@click.option(
    "--depth", type=click.IntRange(0), default=1, show_default=True, help="Hops around --focus."
)
@click.option("--type", "types", multiple=True, metavar="T", help="Keep only this type (repeat).")
@click.option(
    "--predicate", "predicates", multiple=True, metavar="P", help="Keep only this fact (repeat)."
)
@click.option("--industry", metavar="X", help="The sub-graph around this industry.")
@click.option(
    "--overview/--full",
    default=None,
    help="Open on the aggregate view (parks, zones, industries; drill down in the page) "
    "or draw every entity. Default: the overview above 1,500 entities.",
)
@friendly_errors
def viz(
    store: str,
    output: str,
    focus: str | None,
    depth: int,
    types: tuple[str, ...],
    predicates: tuple[str, ...],
    industry: str | None,
    overview: bool | None,
) -> None:
    """Write the graph as one interactive HTML page that works offline.

    Nodes are coloured by type and sized by degree; hover or click for the
    aliases of an entity or the sentence and source of a fact.

    \b
    Example:
      kg viz --store kg-store -o graph.html
      kg viz -o park.html --focus 重庆高新区 --depth 2
      kg viz -o bio.html --industry 生物医药 --type Park --type Company
      kg viz -o overview.html --overview
    """
    from kg.output import described
    from kg.viz import write_html

    write_html(
        store,
        output,
        focus=focus,
        depth=depth,
        types=types,
        predicates=predicates,
        industry=industry,
        overview=overview,
    )
    click.echo(f"wrote {described(output)}", err=True)


@main.command()
@click.argument("query", required=False)
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld"]),
    default="table",
    show_default=True,
    help="SELECT/ASK: table or a SPARQL results format; CONSTRUCT/DESCRIBE: an RDF format.",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE (a string; <iri> for an IRI). Repeatable.",
)
@click.option("--limit", type=click.IntRange(1), help="Keep at most N rows or triples.")
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    metavar="SECONDS",
    help="Stop the query after SECONDS.",
)
@click.option("--list", "list_", is_flag=True, help="List the canned queries and their parameters.")
@friendly_errors
def query(query, store, fmt, params, limit, timeout, list_) -> None:
    """Run SPARQL text, a .rq file or a canned query (by name) on the graph.

    \b
    Examples:
      kg query --list
      kg query companies-in-park --param park=西部（重庆）科学城
      kg query parks-by-industry -p industry=集成电路 --format csv
      kg query 'SELECT ?p ?l WHERE { ?p a kg:Park ; rdfs:label ?l }' --format json
    """
    import kg
    from kg.query import canned_queries, exit_after, parse_params
    from kg.rdf import PREFIXES

    if list_:
        for c in canned_queries().values():
            args = " ".join(f"--param {p}=…" for p in c.params)
            click.echo(f"{c.name} {args}".rstrip() + f"\n    {c.summary}")
        return
    if not query:
        raise click.UsageError("give SPARQL text, a .rq file or a canned query name (see --list)")
    with exit_after(timeout, f"kg: error: the query ran over the time limit of {timeout} s"):
        with kg.open(store) as g:
            res = g.result(query, parse_params(params), limit=limit)
            text = res.format(fmt, PREFIXES)
            # CSV/TSV end their last row with a line break already
            click.echo(text, nl=not text.endswith("\n"))
    if res.truncated:
        click.echo(f"kg: the answer was cut at {limit} (--limit)", err=True)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port, announced).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=30.0,
    show_default=True,
    help="Query time limit in seconds.",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=10000,
    show_default=True,
    help="Most rows/triples in one answer.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Query worker processes.",
)
@click.option(
    "--max-body",
    type=click.IntRange(1),
    default=1 << 20,
    show_default=True,
    help="Largest request body in bytes.",
)
@click.option(
    "--cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let browser pages from ORIGIN query the server (off by default).",
)
@friendly_errors
def serve(store, host, port, timeout, limit, workers, max_body, cors) -> None:
    """Serve the graph: SPARQL 1.1 Protocol at /sparql and an explorer page at /.

    Read-only. Binds 127.0.0.1 unless --host says otherwise.

    \b
    Example:
      kg serve --store kg-store --port 8000   # then open http://127.0.0.1:8000/
    """
    from kg.server import serve as serve_graph
    from kg.store import open_store

    open_store(store).close()  # a clear error before starting
    port = _free_to_listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"kg: serving {store} at http://{shown}:{port}/ (SPARQL: /sparql)", err=True)
    serve_graph(
        store,
        host,
        port,
        timeout=timeout,
        limit=limit,
        workers=workers,
        max_body=max_body,
        cors=list(cors) or None,
    )


def _free_to_listen(host: str, port: int) -> int:
    """The port ``kg serve`` will listen on, checked by binding it first (as the
    server will, with SO_REUSEADDR): a busy port or an unknown host is one line
    before anything is announced, and port 0 becomes the free port chosen."""
    import socket

    from kg.output import reason

    try:
        family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(addr)
            return s.getsockname()[1]
    except socket.gaierror as e:
        raise KgError(f"cannot listen on {host}:{port}: unknown host ({e.strerror})") from None
    except OSError as e:
        raise KgError(f"cannot listen on {host}:{port}: {reason(e)}") from None


if __name__ == "__main__":  # pragma: no cover
    main()
