"""The extraction function: one source file → its contract-1 record.

An extraction (:data:`Extract`) is a pure function of one file, so it runs
anywhere (:mod:`kg.engines`: in this process, in a pool, on Dask); an
expansion (:data:`Expand`) turns the files and folders a user gives into the
files to extract. Two pairs are shipped: the text pipeline
(:func:`extract_record` over :func:`default_expand`) and contract-1 JSON files
read as they are (:func:`load_record` over :func:`record_sources`: gold files,
``kg extract`` output).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import KgError

Extract = Callable[[Path], dict]
Expand = Callable[[Iterable], tuple[list[Path], list[tuple[str, str]]]]
Result = tuple[str, "dict | None", str]  # (path, record or None, why it failed)


def extract_record(path: Path) -> dict:
    """The default extraction: ``kg.extract.extract_file(path).to_record()``."""
    from kg.extract import extract_file

    return extract_file(path).to_record()


def load_record(path: Path) -> dict:
    """Extraction from a contract-1 JSON file (a gold file or ``kg extract`` output)."""
    try:
        rec = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise KgError(f"not a readable record: {e}") from e
    if not isinstance(rec, dict) or "doc" not in rec:
        raise KgError("not a contract-1 record (no 'doc')")
    return rec


def record_sources(paths: Iterable) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand files and folders into ``*.json`` record files (for :func:`load_record`)."""
    files, problems = [], []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*.json") if not f.name.startswith(".")))
        elif p.is_file():
            files.append(p)
        else:
            problems.append((str(p), "does not exist"))
    return files, problems


def default_expand(paths: Iterable) -> tuple[list[Path], list[tuple[str, str]]]:
    from kg.ingest import iter_sources

    return iter_sources(paths)


def expand_for(extract: Extract) -> Expand:
    """The expansion that goes with an extraction: record files for :func:`load_record`."""
    return record_sources if extract is load_record else default_expand


def safe_extract(extract: Extract, path: Path) -> Result:
    """``(path, record, "")``, or ``(path, None, why)`` when ``extract`` fails: one
    bad file never stops a build."""
    try:
        rec = extract(path)
    except KgError as e:
        return str(path), None, str(e)
    except Exception as e:  # one bad file must not stop the build
        return str(path), None, f"{type(e).__name__}: {e}"
    from kg.ingest.sources import safe_name

    rec = dict(rec)
    # its file name: kg.build names it relative to the source it was found under
    rec["source"] = safe_name(Path(path).name)
    return str(path), rec, ""
