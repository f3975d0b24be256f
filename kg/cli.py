"""The ``kg`` command line: a thin click layer over the library.

Every command is a few lines over one public function; errors become one line
on stderr and exit code 1 (never a traceback). Shared option decorators give
every command the same ``--store`` and ``--format``.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from kg.errors import KgError

DEFAULT_STORE = "kg-store"


def store_option(f):
    """``--store PATH``: the on-disk graph every reading command takes."""
    return click.option(
        "--store",
        "store",
        default=DEFAULT_STORE,
        show_default=True,
        envvar="KG_STORE",
        help="Graph store: a directory on disk (or an http(s):// SPARQL endpoint).",
    )(f)


def friendly_errors(f):
    """Turn library errors into one clear line and exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            sys.exit(1)
        except (OSError, ValueError) as e:
            click.echo(f"kg: error: {e}", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    "--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True
)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-")
@friendly_errors
def extract(files: tuple[str, ...], fmt: str, output) -> None:
    """Extract entities and relations from FILES (or folders), no graph written.

    Writes one JSON record per document (contract 1). Files that cannot be
    read are reported on stderr by name; the exit code is 1 if any failed.

    \b
    Example:
      kg extract seeds/ --format jsonl > records.jsonl
    """
    from kg.extract import extract_file
    from kg.ingest import iter_sources

    sources, problems = iter_sources(files)
    failed = len(problems)
    for path, why in problems:
        click.echo(f"kg: skipped {path}: {why}", err=True)
    records = []
    for path in sources:
        try:
            doc = extract_file(path)
        except KgError as e:
            click.echo(f"kg: skipped {path}: {e}", err=True)
            failed += 1
            continue
        record = doc.to_record()
        if fmt == "jsonl":
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            records.append(record)
    if fmt == "json":
        output.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if failed:
        sys.exit(1)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--misses/--no-misses", default=True, help="List false positives and negatives.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@friendly_errors
def eval_(gold_dir: str, files: tuple[str, ...], misses: bool, as_json: bool) -> None:
    """Score extraction of FILES against the gold annotations in GOLD_DIR.

    Prints precision, recall and F1 per entity type and per predicate, then
    the misses. Without FILES, scores every gold document found beside
    GOLD_DIR in ``seeds/``.

    \b
    Example:
      kg eval ../shared/gold seeds
    """
    from kg.evaluate import evaluate_paths, format_report

    report = evaluate_paths(Path(gold_dir), [Path(f) for f in files] or [Path("seeds")])
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, misses=misses))


if __name__ == "__main__":  # pragma: no cover
    main()
