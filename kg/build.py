"""Build a graph from sources: extract (parallel) → resolve → RDF → store (atomic).

Extraction is a pure function of one file (``extract``: path → contract-1
record) and runs in a process pool with ``jobs > 1``; resolution and writing
run in this process on the whole set of records, so :func:`add` (new records
plus the stored ones) gives exactly what a rebuild gives.

Python API::

    from kg.build import build, add
    report = build(["seeds/"], "kg-store", jobs=4)
    report = add(["new.txt"], "kg-store")
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import kg
from kg import store as _store
from kg.errors import KgError, StoreError
from kg.rdf import graph_quads
from kg.resolve import resolve

Extract = Callable[[Path], dict]
Expand = Callable[[Iterable], tuple[list[Path], list[tuple[str, str]]]]


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


@dataclass
class BuildReport:
    store: str
    documents: int = 0  # documents in the graph after the build
    added: list[str] = field(default_factory=list)  # document names written this time
    replaced: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    dropped: list[str] = field(default_factory=list)  # relations not written, and why
    entities: int = 0
    quads: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def _safe_extract(extract: Extract, path: Path) -> tuple[str, dict | None, str]:
    try:
        rec = extract(path)
    except KgError as e:
        return str(path), None, str(e)
    except Exception as e:  # one bad file must not stop the build
        return str(path), None, f"{type(e).__name__}: {e}"
    rec = dict(rec)
    rec["source"] = str(path)
    return str(path), rec, ""


def extract_all(
    paths: list[Path],
    extract: Extract,
    jobs: int = 1,
    engine=None,
    progress=None,
) -> tuple[list[dict], list[tuple[str, str]]]:
    """Run ``extract`` on every path (in ``jobs`` processes, or on ``engine``, see
    :mod:`kg.engines`); records (in the order of ``paths``) and failures."""
    from kg.engines import LocalEngine

    engine = engine or LocalEngine(jobs)
    records, failed = [], []
    for path, rec, why in engine.map(extract, list(paths), progress):
        if rec is None:
            failed.append((path, why))
        else:
            records.append(rec)
    return records, failed


def _write(
    path: Path, records: dict[str, dict], report: BuildReport, started: float, bar=None
) -> None:
    """Resolve all records and write them as a new generation, then swap it in."""
    _store.cleanup(path)
    gen = _store.new_generation(path)
    try:
        if bar is not None:
            bar.phase("resolving")
        res = resolve(records.values())
        if bar is not None:
            bar.phase("writing")
        dropped: list[str] = []
        meta = {
            "kg_version": kg.__version__,
            "built": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "documents": sorted(records),
            "entities": len(res.entities),
        }
        _store.write_generation(gen, records, graph_quads(records.values(), res, dropped), meta)
        _store.commit(path, gen)
    except BaseException as e:
        import shutil

        shutil.rmtree(gen, ignore_errors=True)
        if isinstance(e, OSError):
            raise StoreError(f"cannot write the store {path}: {_store._why(e)}") from e
        if isinstance(e, RuntimeError):  # RocksDB errors surface as RuntimeError
            why = (str(e).strip().splitlines() or ["storage error"])[0]
            raise StoreError(f"cannot write the store {path}: {why}") from e
        raise
    report.documents = len(records)
    report.entities = len(res.entities)
    report.dropped = dropped
    report.quads = json.loads((gen / "meta.json").read_text(encoding="utf-8"))["quads"]
    report.seconds = round(time.monotonic() - started, 3)


def _collect(sources, extract, expand, jobs, report, engine=None, bar=None) -> dict[str, dict]:
    paths, problems = expand(list(sources))
    report.failed.extend(problems)
    if bar is not None:
        bar.total = len(paths)
    records, failed = extract_all(
        paths, extract, jobs, engine=engine, progress=bar.advance if bar else None
    )
    report.failed.extend(failed)
    out: dict[str, dict] = {}
    for rec in records:
        if rec["doc"] in out:
            report.failed.append(
                (rec["source"], f"a document named {rec['doc']} is already in this build")
            )
            continue
        out[rec["doc"]] = rec
    return out


def _engine(engine, jobs: int, scheduler: str | None):
    from kg.engines import make_engine

    if engine is None or isinstance(engine, str):
        return make_engine(engine or "local", jobs=jobs, scheduler=scheduler)
    return engine  # an engine object (kg.engines)


def build(
    sources: Iterable[str | os.PathLike],
    store: str | os.PathLike,
    jobs: int = 1,
    extract: Extract = extract_record,
    expand: Expand | None = None,
    *,
    engine=None,
    scheduler: str | None = None,
    progress: bool = True,
) -> BuildReport:
    """Build the graph of ``sources`` (files or folders) into ``store``, atomically.

    The previous graph (if any) stays in place and readable until the new one
    is complete. Files that cannot be read are listed in ``report.failed``.
    ``engine``: ``"local"`` (``jobs`` processes), ``"dask"`` (on the cluster at
    ``scheduler``) or an engine object of :mod:`kg.engines`. ``progress``: a
    progress bar on stderr when it is a terminal and the build takes over 1 s.
    A ``store`` that is an ``http(s)://`` URL is a remote SPARQL store
    (:mod:`kg.remote`).
    """
    from kg.engines import Progress

    if _is_remote(store):
        from kg import remote

        return remote.build(
            sources,
            str(store),
            _engine(engine, jobs, scheduler),
            extract,
            expand or _expand_for(extract),
            progress,
        )
    started = time.monotonic()
    path = _store.prepare(store)
    report = BuildReport(str(path))
    eng = _engine(engine, jobs, scheduler)
    try:
        with _store.locked(path), Progress(0, progress) as bar:
            records = _collect(
                sources, extract, expand or _expand_for(extract), jobs, report, eng, bar
            )
            if not records:
                raise KgError("nothing to build: no source could be read; the store is unchanged")
            report.added = sorted(records)
            _write(path, records, report, started, bar)
    finally:
        eng.close()
    return report


def add(
    sources: Iterable[str | os.PathLike],
    store: str | os.PathLike,
    jobs: int = 1,
    extract: Extract = extract_record,
    expand: Expand | None = None,
    *,
    engine=None,
    scheduler: str | None = None,
    progress: bool = True,
) -> BuildReport:
    """Add documents to an existing store, replacing those with the same name.

    Only the new sources are extracted; the stored records of the others are
    resolved again with them, so the result equals a rebuild of all of them.
    """
    from kg.engines import Progress

    if _is_remote(store):
        from kg import remote

        return remote.add(
            sources,
            str(store),
            _engine(engine, jobs, scheduler),
            extract,
            expand or _expand_for(extract),
            progress,
        )
    started = time.monotonic()
    path = Path(store)
    kg_store = _store.open_store(path)  # refuses a missing or non-kg store
    kg_store.close()
    report = BuildReport(str(path))
    eng = _engine(engine, jobs, scheduler)
    try:
        with _store.locked(path), Progress(0, progress) as bar:
            gen = _store.current_generation(path)
            old = _store.read_records(gen) if gen else {}
            new = _collect(sources, extract, expand or _expand_for(extract), jobs, report, eng, bar)
            if not new:
                raise KgError("nothing to add: no source could be read; the store is unchanged")
            report.added = sorted(d for d in new if d not in old)
            report.replaced = sorted(d for d in new if d in old)
            _write(path, {**old, **new}, report, started, bar)
    finally:
        eng.close()
    return report


def _is_remote(store) -> bool:
    return isinstance(store, str) and store.startswith(("http://", "https://"))


def _expand_for(extract: Extract) -> Expand:
    return record_sources if extract is load_record else default_expand
