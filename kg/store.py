"""The on-disk graph store: a directory that kg recognises and swaps atomically.

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
        oxigraph/         the pyoxigraph (RocksDB) store with the quads

A writer builds a new ``gen-<id>`` next to the current one and only then
replaces ``CURRENT`` (``os.replace``, atomic), so a killed build leaves the
previous graph whole; leftovers are removed by the next writer, which keeps
the generation before the current one for readers that still have it open.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import StoreError
from kg.output import display
from kg.rdf import PREFIXES

MARKER = "kg-store.json"
FORMAT = "kg-store"
VERSION = 1


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
        return self.store.quads_for_pattern(subject, predicate, object, graph)

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)

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
    if isinstance(path, str) and path.startswith(("http://", "https://")):
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


def write_generation(
    gen: Path,
    records: dict[str, dict],
    make_quads: Callable[[], Iterable[ox.Quad]],
    meta: dict,
    *,
    also: Callable[[Path], None] | None = None,
    load_in_child: bool = False,
) -> None:
    """Fill a new generation: the quads ``make_quads()`` yields, the records, what
    ``also(gen)`` writes (the resolution index), then meta.json.

    ``load_in_child`` (``--jobs 2`` and more): a forked child makes and loads the
    quads while this process writes the records and the index. pyoxigraph's
    loader holds the GIL, so a thread would not overlap; the child has the
    records and the resolution by ``fork``, without copying them, and streams the
    quads into the store as the in-process path does. Only where forking is safe
    (Linux, a single-threaded process: ``kg build`` from the command line);
    elsewhere the quads are made and loaded here."""
    if load_in_child and _fork_is_safe():
        count = _load_in_child(
            gen / "oxigraph", make_quads, lambda: _write_rest(gen, records, also)
        )
    else:
        store = ox.Store(str(gen / "oxigraph"))
        store.bulk_extend(make_quads())
        store.flush()
        count = len(store)
        del store
        _write_rest(gen, records, also)
    write_meta(gen, {**meta, "quads": count})


def _write_rest(gen: Path, records: dict[str, dict], also) -> None:
    for rec in records.values():
        write_record(gen, rec)
    if also is not None:
        also(gen)


def _fork_is_safe() -> bool:
    """Only a single-threaded process forks: a RocksDB store opened earlier in this
    process (a notebook, a server, a test) leaves background threads whose locks a
    forked child could wait on forever."""
    try:
        return hasattr(os, "fork") and len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _load_in_child(target: Path, make_quads, meanwhile) -> int:
    """Bulk-load ``make_quads()`` into a new store at ``target`` in a forked child
    while ``meanwhile()`` runs here; the number of quads stored."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: load, report, exit without running the parent's cleanup
        code, msg = 1, b"error: the loader failed"
        try:
            os.close(r)
            _die_with_parent()
            store = ox.Store(str(target))
            store.bulk_extend(make_quads())
            store.flush()
            code, msg = 0, f"ok {len(store)}".encode()
        except BaseException as e:  # noqa: BLE001 - reported to the parent
            msg = f"error: {e}".encode(errors="replace")
        finally:
            with contextlib.suppress(OSError):
                os.write(w, msg)
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
    return int(report[3:])


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


def commit(path: Path, gen: Path) -> None:
    """Make ``gen`` the current generation (atomic), then drop the others."""
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
