"""Build a graph from sources, once for every store: extract → resolve → write.

:func:`build` and :func:`add` are the one path from sources to a stored graph,
whatever the store: extraction (a pure function of one file, :mod:`kg.records`)
runs on an engine (:mod:`kg.engines`: this process, ``jobs`` processes, or
Dask), resolution (:func:`kg.resolve.resolve`) runs here on the whole set of
records, and the store's writer (:func:`kg.store.writing`, chosen by the
``--store`` value) turns the resolution into quads and stores them: a new
generation swapped in atomically on disk (:mod:`kg.store`), or named graphs
in a SPARQL 1.1 server (:mod:`kg.remote`).

:func:`add` gives exactly what a rebuild gives, without redoing it: only the
new sources are extracted, and a store that can (the on-disk one, with its
resolution index, :mod:`kg.incremental`) re-resolves and rewrites only what the
new documents can change; otherwise every stored record is resolved again.

Python API::

    from kg.build import build, add
    report = build(["seeds/"], "kg-store", jobs=4)
    report = add(["new.txt"], "kg-store")
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.engines import LocalEngine, Progress, make_engine
from kg.errors import KgError
from kg.output import display
from kg.records import (
    Expand,
    Extract,
    default_expand,
    expand_for,
    extract_record,
    load_record,
    record_sources,
)
from kg.resolve import AtomPool, resolve
from kg.store import Writer, writing

__all__ = [
    "BuildReport",
    "NothingToBuild",
    "add",
    "build",
    "default_expand",
    "extract_all",
    "extract_record",
    "iter_extract",
    "load_record",
    "record_sources",
]


class NothingToBuild(KgError):
    """No source gave a record: the message names the source and why when there
    is one, and ``failed`` lists them all (``(path, why)``)."""

    def __init__(self, verb: str, failed: list[tuple[str, str]], note: str) -> None:
        self.failed = list(failed)
        if len(failed) == 1:
            what = f"{display(failed[0][0])}: {failed[0][1]}"
        elif failed:
            what = f"none of the {len(failed)} sources could be read"
        else:
            what = "no sources"
        super().__init__(f"nothing to {verb}: {what}; {note}")


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
    incremental: bool = False  # add: only the touched part was re-resolved and written

    @property
    def ok(self) -> bool:
        return not self.failed


def iter_extract(
    paths: list[Path], extract: Extract, jobs: int = 1, engine=None, progress=None
) -> Iterator[tuple[str, dict | None, str]]:
    """``(path, record or None, why)`` of every path, in the order of ``paths``, as
    the engine (``jobs`` local processes by default, see :mod:`kg.engines`) makes them."""
    yield from (engine or LocalEngine(jobs)).map(extract, list(paths), progress)


def extract_all(
    paths: list[Path],
    extract: Extract,
    jobs: int = 1,
    engine=None,
    progress=None,
) -> tuple[list[dict], list[tuple[str, str]]]:
    """Run ``extract`` on every path (in ``jobs`` processes, or on ``engine``, see
    :mod:`kg.engines`); records (in the order of ``paths``) and failures."""
    records, failed = [], []
    for path, rec, why in iter_extract(paths, extract, jobs, engine, progress):
        if rec is None:
            failed.append((path, why))
        else:
            records.append(rec)
    return records, failed


def _collect(
    sources,
    extract,
    expand,
    jobs,
    report,
    engine=None,
    bar=None,
    atoms: AtomPool | None = None,
    out: MutableMapping[str, dict] | None = None,
) -> MutableMapping[str, dict]:
    """Extract ``sources``: document name → record (the first of a name wins; the
    others are failures), into ``out`` (a dict by default; a writer's shelf keeps
    them on disk). ``atoms``, if given, gets each record's entities
    (:class:`kg.resolve.AtomPool`, merged as the records arrive: with a worker
    pool this process is otherwise idle while they extract)."""
    from kg.ingest.sources import source_names

    sources = list(sources)
    paths, problems = expand(sources)
    # a document's source is its path inside the folder (or the file) given, never
    # the builder's absolute or working-directory path: the same files give the same
    # graph from wherever they are built
    names = source_names(sources, paths)
    report.failed.extend(problems)
    if bar is not None:
        bar.total = len(paths)
    out = {} if out is None else out
    for path, rec, why in iter_extract(paths, extract, jobs, engine, bar.advance if bar else None):
        if rec is None:
            report.failed.append((path, why))
        elif rec["doc"] in out:
            report.failed.append((path, f"a document named {rec['doc']} is already in this build"))
        else:
            rec["source"] = names.get(path) or rec.get("source")
            out[rec["doc"]] = rec
            if atoms is not None:
                atoms.add(rec)
    return out


def _engine(engine, jobs: int, scheduler: str | None):
    if engine is None or isinstance(engine, str):
        return make_engine(engine or "local", jobs=jobs, scheduler=scheduler)
    return engine  # an engine object (kg.engines)


def _write(
    w: Writer,
    records: MutableMapping[str, dict],
    report: BuildReport,
    bar,
    atoms: AtomPool | None = None,
) -> None:
    """Resolve all records (``atoms``: the pool of some, merged already) and
    hand them to the store's writer."""
    # the records (and all made so far) live to the end: the cyclic collector
    # need not scan them again each time resolution and quads allocate
    gc.freeze()
    try:
        if bar is not None:
            bar.phase("resolving")
        if atoms is not None and all(doc in atoms.docs for doc in records):
            # made already: resolution needs only the documents' names (the records
            # may be on disk, read back one at a time when the quads are made)
            res = resolve([{"doc": doc} for doc in records], atoms)
        else:
            res = resolve(records.values(), atoms)
        if bar is not None:
            bar.phase("writing")
        w.write(records, res, report, bar)
    finally:
        gc.unfreeze()  # a long-lived caller (notebook, server) collects as before


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
    """Build the graph of ``sources`` (files or folders) into ``store``.

    On disk the build is atomic: the previous graph (if any) stays in place and
    readable until the new one is complete. A ``store`` that is an
    ``http(s)://`` URL is a remote SPARQL store (:mod:`kg.remote`). Files that
    cannot be read are listed in ``report.failed``. ``engine``: ``"local"``
    (``jobs`` processes), ``"dask"`` (on the cluster at ``scheduler``) or an
    engine object of :mod:`kg.engines`. ``progress``: a progress bar on stderr
    when it is a terminal and the build takes over 1 s.
    """
    started = time.monotonic()
    with writing(store, parallel=jobs > 1) as w:
        report = BuildReport(w.name)
        eng = _engine(engine, jobs, scheduler)
        try:
            with Progress(0, progress) as bar:
                atoms = AtomPool()
                # a writer that can keeps the records on disk as they arrive
                shelf = getattr(w, "shelf", None)
                records = _collect(
                    sources,
                    extract,
                    expand or expand_for(extract),
                    jobs,
                    report,
                    eng,
                    bar,
                    atoms,
                    shelf() if shelf else None,
                )
                if not records:
                    raise NothingToBuild("build", report.failed, w.unchanged)
                report.added = sorted(records)
                _write(w, records, report, bar, atoms)
        finally:
            eng.close()
    report.seconds = round(time.monotonic() - started, 3)
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
    incremental: bool = True,
) -> BuildReport:
    """Add documents to an existing store, replacing those with the same name.

    Only the new sources are extracted; the result equals a rebuild of all of
    them. With ``incremental`` (the default) a store that can (on disk) resolves
    again only the entities the new documents can change and writes only what
    changed (``report.incremental`` says whether that path was taken);
    otherwise every stored record is resolved again and the graph rewritten.
    ``report.dropped`` lists the dropped relations of the documents written.
    """
    started = time.monotonic()
    with writing(store, add=True, incremental=incremental, parallel=jobs > 1) as w:
        report = BuildReport(w.name)
        eng = _engine(engine, jobs, scheduler)
        try:
            with Progress(0, progress) as bar:
                new = _collect(
                    sources, extract, expand or expand_for(extract), jobs, report, eng, bar
                )
                if not new:
                    raise NothingToBuild("add", report.failed, w.unchanged)
                if w.add(new, report, bar):
                    report.added = sorted(d for d in new if d not in report.replaced)
                else:
                    old = w.records()
                    report.added = sorted(d for d in new if d not in old)
                    report.replaced = sorted(d for d in new if d in old)
                    _write(w, {**old, **new}, report, bar)
        finally:
            eng.close()
    report.seconds = round(time.monotonic() - started, 3)
    return report
