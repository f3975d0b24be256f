"""The graph store: one interface, two backends chosen by the ``--store`` value.

:func:`open_store` opens a graph for reading, :func:`writing` a :class:`Writer`
for :func:`kg.build.build` and :func:`kg.build.add`; :func:`backend` picks by
name, as rdflib picks a store plugin: an ``http(s)://`` URL is a SPARQL 1.1
server (:mod:`kg.remote`), anything else the local store of this module.

The local store is a directory that kg recognises and swaps atomically.

Layout of a store directory::

    kg-store.json     marker: says this directory is a kg store (and its format)
    CURRENT           the name of the complete generation readers use
    lock              flock()ed by a writer (build/add), so two never run at once
    gen-<id>/         one complete generation:
        meta.json         documents, counts, when and how it was built
        records/          the contract-1 record of every document (so ``kg add``
                          re-resolves without extracting the old documents again)
        index.sqlite      the resolution index (every entity's type, documents and
                          resolution keys; every document's name → entity map), so
                          ``kg add`` re-resolves only the entities a new document
                          can touch (kg/index.py, kg/build.py)
        oxigraph/         the pyoxigraph (RocksDB) store with the quads, and the
                          stats graph counted from them (kg/statsgraph.py)

A writer builds a new ``gen-<id>`` next to the current one and only then
replaces ``CURRENT`` (``os.replace``, atomic), so a killed build leaves the
previous graph whole; leftovers are removed by the next writer, which keeps
the generation before the current one for readers that still have it open.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import itertools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import pyoxigraph as ox

from kg import __version__
from kg.errors import StoreError
from kg.incremental import plan_add, update_index, write_index
from kg.index import FILE as INDEX_FILE
from kg.index import VERSION as INDEX_VERSION
from kg.index import ResolutionIndex
from kg.output import display
from kg.rdf import (
    DESCRIPTION_PREDICATES,
    ENTITIES_GRAPH,
    PREFIXES,
    RDF,
    doc_graph,
    document_facts,
    document_quads,
    entity_description,
    mapped_graph_quads,
    mention_quads,
)
from kg.resolve import Resolution, ResolvedEntity, fingerprint
from kg.statsgraph import STATS_GRAPH, Touched, recount, stats_len, stored, write_full

_TYPE = ox.NamedNode(RDF + "type")
MARKER = "kg-store.json"
FORMAT = "kg-store"
# 2: the stats graph (kg/statsgraph.py), which every writer must keep; a kg that
# does not know it refuses the store instead of adding facts without their counts
VERSION = 2


def _why(e: OSError) -> str:
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only?)"
    if e.errno == errno.ENOSPC:
        return "no space left on device"
    return e.strerror or str(e)


class KgStore:
    """A read-only view of one complete generation of a store."""

    def __init__(self, path: Path, generation: Path, meta: dict) -> None:
        self.path = path
        self.generation = generation
        self.meta = meta
        try:
            self.store = ox.Store.read_only(str(generation / "oxigraph"))
        except (OSError, RuntimeError, ValueError) as e:
            why = (str(e).strip().splitlines() or [type(e).__name__])[0]
            raise StoreError(f"{display(path)}: the store is corrupt ({why})") from e

    def query(self, sparql: str, **kwargs):
        """Run SPARQL with the union of all graphs as the default graph."""
        kwargs.setdefault("use_default_graph_as_union", True)
        kwargs.setdefault("prefixes", PREFIXES)
        return self.store.query(sparql, **kwargs)

    def quads(self, subject=None, predicate=None, object=None, graph=None) -> Iterator[ox.Quad]:
        """Quads matching a pattern; without a graph, those of the graph's named graphs
        (not the stats graph, kg's counts: :mod:`kg.statsgraph`; ask for it by name)."""
        found = self.store.quads_for_pattern(subject, predicate, object, graph)
        if graph is not None:
            return found
        return (q for q in found if q.graph_name != STATS_GRAPH)

    def __iter__(self) -> Iterator[ox.Quad]:
        return self.quads()

    def __len__(self) -> int:
        """The quads of the graph (the stats graph left out, as in :meth:`quads`)."""
        return len(self.store) - stats_len(self.store)

    def is_stale(self) -> bool:
        """True when a newer build has been swapped in (reopen with :func:`open_store`)."""
        try:
            return current_generation(self.path) != self.generation
        except StoreError:
            return True

    @property
    def documents(self) -> list[str]:
        return list(self.meta.get("documents", []))

    def records(self) -> dict[str, dict]:
        """The stored contract-1 record of every document, by document name."""
        return read_records(self.generation)

    def close(self) -> None:
        self.store = None

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read_marker(path: Path) -> dict:
    marker = path / MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{display(path)} is not a kg store (no {MARKER})") from None
    except (OSError, ValueError) as e:
        raise StoreError(f"{display(path)}: the store is corrupt (unreadable {MARKER}: {e})") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(
            f"{display(path)}: the store is corrupt ({MARKER} is not a kg store marker)"
        )
    if data.get("version", 0) > VERSION:
        raise StoreError(
            f"{display(path)}: made by a newer kg (store format {data.get('version')})"
        )
    return data


def current_generation(path: Path) -> Path | None:
    """The complete generation of a store, or None when it has none yet."""
    try:
        name = (path / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise StoreError(f"{display(path)}: cannot read the store: {_why(e)}") from e
    gen = path / name
    if not name.startswith("gen-") or not (gen / "meta.json").is_file():
        raise StoreError(
            f"{display(path)}: the store is corrupt (CURRENT names a missing generation)"
        )
    return gen


def open_store(path: str | os.PathLike) -> KgStore:
    """Open an existing store for reading. Raises :class:`StoreError`.

    An ``http(s)://`` URL opens a remote SPARQL 1.1 store (:mod:`kg.remote`)
    with the same reading methods.
    """
    if backend(path) == "sparql":
        from kg.remote import open_remote

        return open_remote(path)
    p = Path(path)
    if not p.exists():
        raise StoreError(
            f"no kg store at {display(p)} (build one with: kg build SOURCES --store {display(p)})"
        )
    if not p.is_dir():
        raise StoreError(f"{display(p)} is not a kg store (not a directory)")
    _read_marker(p)
    gen = current_generation(p)
    if gen is None:
        raise StoreError(f"{display(p)}: the store has no complete build yet (run kg build)")
    try:
        meta = json.loads((gen / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StoreError(f"{display(p)}: the store is corrupt (meta.json: {e})") from e
    return KgStore(p, gen, meta)


# ------------------------------------------------------------------ writing


def record_file(doc: str) -> str:
    # bytes of a name that are not UTF-8 (surrogate escapes) stay bytes, quoted
    return quote(doc.encode("utf-8", "surrogateescape"), safe="-._~") + ".json"


def read_records(generation: Path) -> dict[str, dict]:
    out = {}
    folder = generation / "records"
    if not folder.is_dir():
        return out
    for f in sorted(folder.glob("*.json")):
        try:
            rec = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise StoreError(
                f"{display(generation.parent)}: the store is corrupt ({f.name}: {e})"
            ) from e
        out[rec["doc"]] = rec
    return out


def prepare(path: str | os.PathLike) -> Path:
    """Make ``path`` a kg store directory (new or empty) or check that it is one."""
    p = Path(path)
    try:
        if p.exists() and not p.is_dir():
            raise StoreError(f"{display(p)} is not a kg store (it is a file)")
        if p.is_dir():
            if (p / MARKER).exists():
                _read_marker(p)
                return p
            if any(p.iterdir()):
                raise StoreError(
                    f"{display(p)} is not a kg store (no {MARKER}) and not empty; "
                    "refusing to write there"
                )
        p.mkdir(parents=True, exist_ok=True)
        marker = {
            "format": FORMAT,
            "version": VERSION,
            "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        }
        tmp = p / (MARKER + ".tmp")
        tmp.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, p / MARKER)
    except OSError as e:
        raise StoreError(f"cannot write the store {display(p)}: {_why(e)}") from e
    return p


# the lock files this process holds open: a forked child (a pool worker, the
# quad loader) closes its copies at once, or a killed writer's children would
# keep its flock() and refuse the next build until they end
_HELD_LOCKS: set[int] = set()


def _forget_locks() -> None:
    for fd in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the store's writer lock; refuse at once if another writer has it."""
    import fcntl

    try:
        fd = os.open(path / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(f"cannot write the store {display(path)}: {_why(e)}") from e
    _HELD_LOCKS.add(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 64, 0).decode(errors="replace").strip()
            who = f" (pid {other})" if other else ""
            raise StoreError(
                f"{display(path)} is locked by another kg build or add{who}; try again when it ends"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)


def new_generation(path: Path) -> Path:
    """A fresh, empty generation directory (not yet current)."""
    gen = path / f"gen-{time.time_ns():x}-{os.getpid()}"
    try:
        (gen / "records").mkdir(parents=True)
    except OSError as e:
        raise StoreError(f"cannot write the store {display(path)}: {_why(e)}") from e
    return gen


def write_record(gen: Path, rec: dict) -> None:
    (gen / "records" / record_file(rec["doc"])).write_text(
        json.dumps(rec, ensure_ascii=False), encoding="utf-8"
    )


def read_record(gen: Path, doc: str) -> dict:
    f = gen / "records" / record_file(doc)
    try:
        return json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StoreError(f"{display(gen.parent)}: the store is corrupt ({f.name}: {e})") from e


class RecordShelf(MutableMapping):
    """The records of a build kept on disk as they arrive (document name → record),
    read back one at a time: a build holds what resolution needs (each record's
    atoms), not every record (their evidence sentences are ~60 MB per 1,000
    documents in memory). The local writer's shelf is the new generation's
    ``records/`` folder, where the records are stored anyway."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, str] = {}

    def __setitem__(self, doc: str, rec: dict) -> None:
        name = record_file(doc)
        (self.folder / name).write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        self._files[doc] = name

    def __getitem__(self, doc: str) -> dict:
        f = self.folder / self._files[doc]
        try:
            return json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise StoreError(f"cannot read back the record {f}: {e}") from e

    def __delitem__(self, doc: str) -> None:
        (self.folder / self._files.pop(doc)).unlink()

    def __contains__(self, doc: object) -> bool:
        return doc in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def link_records(old: Path, gen: Path) -> None:
    """Put the stored records of generation ``old`` into ``gen`` (hard links: a
    record file never changes once written)."""
    src = os.open(old / "records", os.O_RDONLY)
    dst = os.open(gen / "records", os.O_RDONLY)
    try:
        for name in os.listdir(src):
            try:
                os.link(name, name, src_dir_fd=src, dst_dir_fd=dst)
            except OSError:
                shutil.copyfile(old / "records" / name, gen / "records" / name)
    finally:
        os.close(src)
        os.close(dst)


class PendingGeneration:
    """A new generation whose records start as hard links to those of ``old``, made
    by a background thread while this process does other work (``kg add``
    extracts meanwhile; 10,000 links take 0.15-0.2 s).
    """

    def __init__(self, path: Path, old: Path) -> None:
        cleanup(path)
        self.path = new_generation(path)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._link, args=(old,), daemon=True)
        self._thread.start()

    def _link(self, old: Path) -> None:
        try:
            # GNU cp links in its own process: a Python loop here would wait for the
            # GIL between links while the main thread extracts
            done = sys.platform.startswith("linux") and (
                subprocess.run(
                    ["cp", "-al", "--", f"{old / 'records'}/.", str(self.path / "records")],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                ).returncode
                == 0
            )
            if not done:
                link_records(old, self.path)
        except BaseException as e:  # noqa: BLE001 - raised again by ready()
            self._error = e

    def ready(self, replace: Iterable[str] = ()) -> Path:
        """The generation, once linked, without the records of documents ``replace``
        (unlinked, not overwritten: the old generation shares their files)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        for doc in replace:
            with contextlib.suppress(FileNotFoundError):
                (self.path / "records" / record_file(doc)).unlink()
        return self.path

    def discard(self) -> None:
        self._thread.join()
        shutil.rmtree(self.path, ignore_errors=True)


def write_meta(gen: Path, meta: dict) -> None:
    """meta.json is written last: a generation with it is complete."""
    (gen / "meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


# quads a bulk load takes at a time: pyoxigraph's loader holds up to a million
# quads a thread (two threads, plus the next million it reads meanwhile) in memory
# whatever the graph's size, ~0.8 KB a quad; a call per batch bounds it (250,000:
# ~0.25 GB for the loader, about 25% more CPU in the loader than one call, ~3% of
# a build; 500,000 measured 0.42 GB and +10%)
LOAD_BATCH = 250_000


def load_quads(store: ox.Store, quads: Iterable[ox.Quad], batch: int = LOAD_BATCH) -> None:
    """Bulk-load ``quads`` (any iterable, read once) into ``store``, ``batch`` at a
    time, never holding more of them in memory than one batch."""
    it = iter(quads)
    for first in it:
        store.bulk_extend(itertools.chain((first,), itertools.islice(it, batch - 1)))


def write_generation(
    gen: Path,
    records: MutableMapping[str, dict],
    make_quads: Callable[[], Iterable[ox.Quad]],
    meta: dict,
    *,
    also: Callable[[Path], None] | None = None,
    load_in_child: bool = False,
    dropped: list[str] | None = None,
    counted: bool = False,
) -> None:
    """Fill a new generation: the quads ``make_quads()`` yields, the records (unless
    they are there already: a :class:`RecordShelf` of the generation), what
    ``also(gen)`` writes (the resolution index), then meta.json. ``dropped``:
    the list ``make_quads()`` fills with the relations it does not write (a
    child's comes back to this process).

    ``counted``: also the stats graph, counted on the loaded quads
    (:mod:`kg.statsgraph`; a kg graph, not any quads).

    ``load_in_child`` (``--jobs 2`` and more): a forked child makes and loads the
    quads while this process writes the records and the index. pyoxigraph's
    loader holds the GIL, so a thread would not overlap; the child has the
    records and the resolution by ``fork``, without copying them, and streams the
    quads into the store as the in-process path does. Only where forking is safe
    (Linux, a single-threaded process: ``kg build`` from the command line);
    elsewhere the quads are made and loaded here."""
    if load_in_child and _fork_is_safe():
        count, theirs = _load_in_child(
            gen / "oxigraph", make_quads, lambda: _write_rest(gen, records, also), dropped, counted
        )
        if dropped is not None:
            dropped.extend(theirs)
    else:
        store = ox.Store(str(gen / "oxigraph"))
        count = _load_counted(store, make_quads, counted)
        del store
        _write_rest(gen, records, also)
    write_meta(gen, {**meta, "quads": count})


def _load_counted(
    store: ox.Store, make_quads: Callable[[], Iterable[ox.Quad]], counted: bool
) -> int:
    """Load the graph's quads into an empty ``store``, then (``counted``) its stats
    graph, counted on what was loaded (:mod:`kg.statsgraph`); the graph's quads
    (stats left out)."""
    load_quads(store, make_quads())
    count = len(store)
    if counted:
        write_full(store)
    store.flush()
    return count


def _write_rest(gen: Path, records: MutableMapping[str, dict], also) -> None:
    if not (isinstance(records, RecordShelf) and records.folder == gen / "records"):
        for rec in records.values():
            write_record(gen, rec)
    if also is not None:
        also(gen)


def _fork_is_safe(wait: float = 0.5) -> bool:
    """Only a single-threaded process forks: a RocksDB store opened earlier in this
    process (a notebook, a server, a test) leaves background threads whose locks a
    forked child could wait on forever.

    A thread Python has just joined (the extraction pool's, closed right before)
    may still be listed by the OS while it finishes: when Python itself runs no
    other thread, the listing is read again for up to ``wait`` seconds.
    """
    if not hasattr(os, "fork"):
        return False
    deadline = time.monotonic() + wait
    while True:
        try:
            if _os_threads() == 1:
                return True
        except OSError:
            return False
        if threading.active_count() > 1 or time.monotonic() >= deadline:
            return False
        time.sleep(0.005)


def _os_threads() -> int:
    """The threads of this process the OS still runs (not the ones already dead)."""
    alive = 0
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue  # gone while we looked
        alive += state not in (b"Z", b"X")
    return alive


def _load_in_child(
    target: Path, make_quads, meanwhile, dropped: list[str] | None = None, counted: bool = False
) -> tuple[int, list[str]]:
    """Bulk-load ``make_quads()`` into a new store at ``target`` in a forked child
    while ``meanwhile()`` runs here; the number of quads stored, and what
    ``make_quads()`` put into the list ``dropped`` in the child (the relations it
    left out), sent back."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: load, report, exit without running the parent's cleanup
        code, msg = 1, b"error: the loader failed"
        try:
            os.close(r)
            _die_with_parent()
            count = _load_counted(ox.Store(str(target)), make_quads, counted)
            code, msg = 0, f"ok {count}\n{json.dumps(dropped or [])}".encode()
        except BaseException as e:  # noqa: BLE001 - reported to the parent
            msg = f"error: {e}".encode(errors="replace")
        finally:
            with contextlib.suppress(OSError):
                view = memoryview(msg)
                while view:
                    view = view[os.write(w, view) :]
            os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        try:
            meanwhile()
            report = f.read().decode(errors="replace")
        except BaseException:
            # meanwhile() failed, or a signal stopped us (also while waiting for
            # the loader): the loader must not go on writing into the generation
            # that is about to be removed
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            raise
        finally:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    if not report.startswith("ok "):
        raise RuntimeError(report.removeprefix("error: ").strip() or "the loader was killed")
    count, _, left = report[3:].partition("\n")
    return int(count), json.loads(left) if left else []


def _die_with_parent() -> None:
    """Linux: this process gets SIGKILL when its parent dies (a killed build leaves
    no loader writing into its abandoned generation)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def copy_quads(old: Path, gen: Path) -> ox.Store:
    """A writable copy of generation ``old``'s quads in ``gen`` (a RocksDB
    checkpoint: hard links to the immutable table files, so it is cheap and
    ``old`` is never written)."""
    src = ox.Store.read_only(str(old / "oxigraph"))
    try:
        src.backup(str(gen / "oxigraph"))
    finally:
        del src
    return ox.Store(str(gen / "oxigraph"))


def _mark_current(path: Path) -> None:
    """Say in the marker that the store is of this kg's format (a store made by an
    older kg, written now with its stats graph; see :data:`VERSION`)."""
    marker = _read_marker(path)
    if marker.get("version", 0) >= VERSION:
        return
    tmp = path / (MARKER + ".tmp")
    tmp.write_text(json.dumps({**marker, "version": VERSION}, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path / MARKER)


def commit(path: Path, gen: Path) -> None:
    """Make ``gen`` the current generation (atomic), then drop the others."""
    _mark_current(path)
    tmp = path / "CURRENT.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(gen.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path / "CURRENT")
    with contextlib.suppress(OSError):
        dfd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    cleanup(path, keep=gen)


def cleanup(path: Path, keep: Path | None = None) -> None:
    """Remove generations a reader can no longer need: those left incomplete by a
    killed writer, and complete ones older than the one before the current (a
    reader that opened the previous generation, e.g. a server, keeps working
    until it reopens; see :meth:`KgStore.is_stale`)."""
    try:
        keep = keep or current_generation(path)
    except StoreError:
        return
    complete = sorted(
        (c for c in path.glob("gen-*") if (c / "meta.json").is_file() and c != keep),
        key=lambda c: c.stat().st_mtime,
    )
    previous = complete[-1] if complete else None
    for child in path.glob("gen-*"):
        if keep is not None and child.name == keep.name:
            continue
        if previous is not None and child.name == previous.name:
            continue
        shutil.rmtree(child, ignore_errors=True)


# ------------------------------------------------------------------ the writer interface


def backend(store: str | os.PathLike) -> str:
    """The backend a ``--store`` value names (as rdflib picks a store plugin by
    name): ``sparql`` for an ``http(s)://`` URL (:mod:`kg.remote`), else ``local``
    (a directory, this module)."""
    if isinstance(store, str) and store.startswith(("http://", "https://")):
        return "sparql"
    return "local"


class Writer(Protocol):
    """What :func:`kg.build.build` and :func:`kg.build.add` write through, once for
    every backend (:func:`writing` opens one): they extract, resolve, and hand the
    records and their resolution to :meth:`write`. A writer fills the report's
    ``documents``, ``entities``, ``quads`` and ``dropped`` (and, for an add,
    ``replaced`` and ``incremental``)."""

    name: str  # the store, as the report names it
    unchanged: str  # what a build that writes nothing leaves ("the store is unchanged")

    def records(self) -> dict[str, dict]:
        """The records stored before this add (document name → record)."""

    def add(self, new: dict[str, dict], report, bar=None) -> bool:
        """Add ``new`` writing only what it can change; False (nothing written)
        when the store cannot, and :meth:`write` must write everything."""

    def write(self, records: dict[str, dict], res: Resolution, report, bar=None) -> None:
        """Make the graph of ``records`` resolved as ``res`` the stored graph."""


@contextlib.contextmanager
def writing(
    store: str | os.PathLike, *, add: bool = False, incremental: bool = True, parallel: bool = False
) -> Iterator[Writer]:
    """A writer for a build (``add``: an add, into an existing graph) into the
    store ``store`` names (:func:`backend`). Local: the writer lock is held
    while it is open; a build into a folder that was not a store and ends
    without a graph leaves nothing behind. ``incremental``: an add may write only
    what it changes; ``parallel``: a build may load quads in a second process."""
    if backend(store) == "sparql":
        from kg.remote import RemoteWriter

        with RemoteWriter(str(store), add=add) as w:
            yield w
    elif add:
        with LocalWriter.for_add(Path(store), incremental, parallel) as w:
            yield w
    else:
        with LocalWriter.for_build(Path(store), parallel) as w:
            yield w


# ------------------------------------------------------------------ the local writer


class LocalWriter:
    """Writes a new generation and swaps it in (:func:`commit`): a full build with
    its resolution index, or an add's changes (:mod:`kg.incremental`) into a
    copy of the current generation. Open it with :func:`writing`."""

    def __init__(self, path: Path, unchanged: str, parallel: bool = False) -> None:
        self.path = path
        self.name = str(path)
        self.unchanged = unchanged
        self.parallel = parallel
        self.generation: Path | None = None  # the current one (an add)
        self.pending: PendingGeneration | None = None  # the incremental add's next one
        self.next: Path | None = None  # a build's new generation, made by shelf()

    @classmethod
    @contextlib.contextmanager
    def for_build(cls, path: Path, parallel: bool = False) -> Iterator[LocalWriter]:
        with _undone_if_unbuilt(path):
            path = prepare(path)
            try:
                new = current_generation(path) is None
            except StoreError:
                new = False  # a corrupt store: the build may repair it
            with locked(path):
                w = cls(path, "no store written" if new else "the store is unchanged", parallel)
                try:
                    yield w
                finally:
                    w._drop_unfinished()

    @classmethod
    @contextlib.contextmanager
    def for_add(
        cls, path: Path, incremental: bool = True, parallel: bool = False
    ) -> Iterator[LocalWriter]:
        open_store(path).close()  # refuses a missing or non-kg store
        with locked(path):
            w = cls(path, "the store is unchanged", parallel)
            w.generation = current_generation(path)
            if w.generation and incremental:
                # the incremental path's generation, its records linked while we extract
                w.pending = PendingGeneration(path, w.generation)
            try:
                yield w
            finally:
                w._discard()

    def _discard(self) -> None:
        if self.pending is not None:
            self.pending.discard()
            self.pending = None

    def _drop_unfinished(self) -> None:
        if self.next is not None:  # a build that never wrote its graph
            shutil.rmtree(self.next, ignore_errors=True)
            self.next = None

    def shelf(self) -> RecordShelf:
        """Where a build keeps its records as they arrive: the records folder of the
        new generation (removed if the build ends without a graph)."""
        if self.next is None:
            cleanup(self.path)
            self.next = new_generation(self.path)
        return RecordShelf(self.next / "records")

    def records(self) -> dict[str, dict]:
        return read_records(self.generation) if self.generation else {}

    def add(self, new: dict[str, dict], report, bar=None) -> bool:
        if self.pending is None:
            return False
        try:
            if _incremental(self.path, self.generation, self.pending, new, report, bar):
                self.pending = None  # it is the current generation now
                return True
            return False
        finally:
            self._discard()

    def write(self, records: MutableMapping[str, dict], res: Resolution, report, bar=None) -> None:
        path = self.path
        gen, self.next = self.next, None
        if gen is None:
            cleanup(path)
            gen = new_generation(path)
        try:
            dropped: list[str] = []
            meta = {
                "kg_version": __version__,
                "built": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                "documents": sorted(records),
                "entities": len(res.entities),
            }
            write_generation(
                gen,
                records,
                lambda: mapped_graph_quads(records, res, dropped),
                meta,
                also=lambda g: write_index(g, res),
                load_in_child=self.parallel,
                dropped=dropped,
                counted=True,
            )
            commit(path, gen)
        except BaseException as e:
            _abandon(path, gen, e)
            raise
        report.documents = len(records)
        report.entities = len(res.entities)
        report.dropped = dropped
        report.quads = json.loads((gen / "meta.json").read_text(encoding="utf-8"))["quads"]


@contextlib.contextmanager
def _undone_if_unbuilt(path: Path) -> Iterator[None]:
    """A build into a folder that was not a kg store yet, which ends without a
    complete graph, takes back what it made (the folder, or its marker and lock
    in a folder that was empty), so "nothing was built" leaves nothing behind."""
    existed = path.exists()
    was_store = (path / MARKER).exists()
    had_lock = (path / "lock").exists()
    try:
        yield
    except BaseException:
        if not was_store and not (path / "CURRENT").exists():
            if not existed:
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    (path / MARKER).unlink()
                if not had_lock:
                    with contextlib.suppress(OSError):
                        (path / "lock").unlink()
        raise


def _abandon(path: Path, gen: Path, e: BaseException) -> None:
    """Remove an unfinished generation; storage errors become one clear StoreError."""
    shutil.rmtree(gen, ignore_errors=True)
    if isinstance(e, OSError):
        raise StoreError(f"cannot write the store {display(path)}: {_why(e)}") from e
    if isinstance(e, (RuntimeError, sqlite3.Error)):  # RocksDB errors are RuntimeErrors
        why = (str(e).strip().splitlines() or ["storage error"])[0]
        raise StoreError(f"cannot write the store {display(path)}: {why}") from e


# ------------------------------------------------------------------ incremental add


def _incremental(
    path: Path, old: Path, pending: PendingGeneration, new: dict[str, dict], report, bar
) -> bool:
    """Add ``new`` to generation ``old`` touching only what it can change (see
    :mod:`kg.incremental`). False (nothing written) when the full path must do it."""
    index = ResolutionIndex.open(old / INDEX_FILE)
    if index is None:
        return False
    try:
        if index.version != INDEX_VERSION or index.fingerprint != fingerprint():
            return False
        return _add_with_index(path, old, pending, index, new, report, bar)
    except sqlite3.Error:
        return False  # an unreadable index: the full path re-resolves everything
    finally:
        index.close()


def _add_with_index(path, old, pending, index, new, report, bar) -> bool:
    if bar is not None:
        bar.phase("resolving")
    meta = json.loads((old / "meta.json").read_text(encoding="utf-8"))
    plan = plan_add(meta, index, new, lambda doc: read_record(old, doc))
    if plan is None:
        return False
    if bar is not None:
        bar.phase("writing")
    _write_add(path, old, pending, index, new, plan, report)
    return True


def _write_add(
    path: Path,
    old: Path,
    pending: PendingGeneration,
    index,
    new: dict[str, dict],
    plan,
    report,
) -> None:
    """Write ``plan`` as the next generation: a changed copy of the index, the
    stored quads with the changed entities and document graphs replaced."""
    meta, replaced, rewrite, ar = plan.meta, plan.replaced, plan.rewrite, plan.ar
    docs = {d: new.get(d) or plan.stored.get(d) or read_record(old, d) for d in rewrite}
    gen = pending.path
    try:
        pending.ready(replace=new)
        # the index first (a copy of the old one, changed): the documents' new names
        idx = ResolutionIndex.copy(old / INDEX_FILE, gen / INDEX_FILE)
        try:
            update_index(idx, index, plan)
            entities = idx.entity_count()
            named = {d: idx.named(d) for d in rewrite}
        finally:
            idx.close()
        view = Resolution(
            {iri: ResolvedEntity(iri, type_, "") for d in rewrite for _, iri, type_ in named[d]},
            {(d, name): iri for d in rewrite for name, iri, _ in named[d]},
        )
        dropped: list[str] = []
        doc_quads = []
        for doc in sorted(rewrite):
            facts = document_facts(docs[doc], view)
            dropped.extend(f"{doc}: {x}" for x in facts.dropped)
            doc_quads.extend(document_quads(docs[doc], facts))
        store = copy_quads(old, gen)
        # the stats graph: counted again where this add changes it, or counted whole
        # once for a store written before it existed (kg.statsgraph)
        touched = Touched() if stored(store) else None
        removed = added = 0
        for iri in sorted(set(plan.mentions) | set(ar.entities)):
            node = ox.NamedNode(iri)
            e = ar.entities.get(iri)
            before = {
                q
                for p in DESCRIPTION_PREDICATES
                for q in store.quads_for_pattern(node, p, None, ENTITIES_GRAPH)
            }
            after = set(entity_description(e)) if e else set()
            if touched is not None and any(q.predicate == _TYPE for q in before ^ after):
                touched.described(store, [iri])
            # mentions: only the documents that came or went (the index has the old ones)
            was, now = plan.mentions.get(iri, set()), set(e.docs) if e else set()
            before.update(mention_quads(iri, was - now))
            after.update(mention_quads(iri, now - was))
            for q in before - after:
                store.remove(q)
            removed += len(before - after)
            plus = after - before
            store.extend(plus)
            added += len(plus)
        if touched is not None:
            for doc in sorted(rewrite | replaced):
                touched.graph(store, doc_graph(doc))
            touched.facts(doc_quads)
            touched.before(store)
        for doc in sorted(rewrite | replaced):
            g = doc_graph(doc)
            removed += sum(1 for _ in store.quads_for_pattern(None, None, None, g))
            store.remove_graph(g)
        plus = set(doc_quads)
        store.extend(plus)
        added += len(plus)
        if touched is not None:
            recount(store, touched)
        else:
            write_full(store)
        store.flush()
        del store
        for rec in new.values():
            write_record(gen, rec)
        documents = sorted(set(meta["documents"]) | set(new))
        quads = meta["quads"] - removed + added
        write_meta(
            gen,
            {
                "kg_version": __version__,
                "built": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                "documents": documents,
                "entities": entities,
                "quads": quads,
            },
        )
        commit(path, gen)
    except BaseException as e:
        _abandon(path, gen, e)
        raise
    report.replaced = sorted(replaced)
    report.documents = len(documents)
    report.entities = entities
    report.quads = quads
    report.dropped = dropped
    report.incremental = True
