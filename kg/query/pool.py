"""Hard time limits: pyoxigraph cannot interrupt a query.

* :class:`QueryPool` (the server's) runs queries in worker processes, fresh
  interpreters running :func:`_worker_main` with no network
  (:mod:`kg.query.sandbox`), and kills a worker whose query runs over the limit.
  Parent and worker talk over the worker's stdin/stdout: length-prefixed pickles
  (:class:`_Pipe`); a job is a tuple of the query, its parameters and dataset,
  the wanted format, the row cap, the base IRI and the store generation it is
  pinned to; the answer is ``("ok", Answer)`` or ``("error", class name,
  message)``. A worker first says ``("ready", pid, sandbox)`` (or ``("dead",
  message)``); ``None`` ends it.
* :func:`exit_after` ends a one-shot command (``kg query --timeout``) whose
  block runs over the limit.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.query.binding import bindings
from kg.query.errors import (
    NotAcceptable,
    QueryError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    one_line,
)
from kg.query.execution import BASE_IRI, execute
from kg.query.results import GRAPH_PREFIXES, MEDIA_TYPES, negotiate
from kg.query.safety import check_read_only
from kg.query.sandbox import deny_network


@contextlib.contextmanager
def exit_after(seconds: float | None, message: str):
    """For a one-shot command: print ``message`` and end the process (exit 1) if the
    block runs longer than ``seconds`` (pyoxigraph cannot interrupt a query)."""
    if not seconds:
        yield
        return

    def stop() -> None:
        sys.stderr.write(message.rstrip("\n") + "\n")
        sys.stderr.flush()
        os._exit(1)

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@dataclass
class Answer:
    """A serialised result from :class:`QueryPool`."""

    kind: str  # select | ask | graph
    fmt: str
    body: bytes
    count: int
    truncated: bool
    seconds: float

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES["graph" if self.kind == "graph" else "results", self.fmt]


class _Pipe:
    """Length-prefixed pickles over a pair of pipes (only to our own worker)."""

    def __init__(self, rfile, wfile) -> None:
        self.rfile, self.wfile = rfile, wfile

    def send(self, obj) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self.wfile.write(struct.pack("<Q", len(data)) + data)
        self.wfile.flush()

    def _read(self, n: int) -> bytes:
        buf = bytearray()
        while len(buf) < n:
            chunk = self.rfile.read(n - len(buf))
            if not chunk:
                raise EOFError("the query worker closed its pipe")
            buf += chunk
        return bytes(buf)

    def recv(self):
        (n,) = struct.unpack("<Q", self._read(8))
        return pickle.loads(self._read(n))

    def poll(self, timeout: float | None) -> bool:
        ready, _, _ = select.select([self.rfile], [], [], timeout)
        return bool(ready)

    def close(self) -> None:
        for f in (self.rfile, self.wfile):
            with contextlib.suppress(OSError, ValueError):
                f.close()


def _switch(store, want: str | None):
    """The store a job pinned to generation ``want`` runs on (see :meth:`QueryPool.run`).

    The open one when it is that generation (or a remote store, which has none);
    else ``want`` opened, or the newest complete generation when a later build has
    removed ``want`` (``want`` None: the newest). When nothing can be opened, the
    generation already open goes on answering: it is complete, never half-written.
    """
    from kg.store import KgStore, open_store

    gen = getattr(store, "generation", None)
    if gen is None or (want is not None and gen.name == want):
        return store
    try:
        try:
            if not want or not want.startswith("gen-") or "/" in want:
                raise ValueError(want)
            meta = json.loads((store.path / want / "meta.json").read_text(encoding="utf-8"))
            new = KgStore(store.path, store.path / want, meta)
        except (OSError, ValueError, KgError):
            new = open_store(store.path)
    except KgError:
        return store
    store.close()  # this worker runs one query at a time: nothing else reads it
    return new


def _run_job(store, job):
    """Run one job on the generation it is pinned to; the store used and the Result.

    A generation stays readable after a build removes it (its files stay open on
    Linux); should a read fail anyway because its files are gone, the query runs
    again on the newest generation."""
    sparql, params, dg, ng, _accept, _fmt, limit, base, want = job
    if want is not None:  # None: the pool could not read CURRENT; keep the open one
        store = _switch(store, want)
    kw = dict(default_graph=dg, named_graphs=ng, limit=limit, base=base)
    try:
        return store, execute(store, sparql, params, **kw)
    except QueryError as e:
        gen = getattr(store, "generation", None)
        if type(e) is not QueryError or gen is None or gen.is_dir():
            raise
    store = _switch(store, None)
    return store, execute(store, sparql, params, **kw)


def _worker_main(store_path: str) -> None:
    """A query worker: ``python -c 'from kg.query.pool import _worker_main; …' STORE``.

    Reads jobs from stdin and answers on stdout (anything printed goes to stderr).
    """
    from kg.store import open_store

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    conn = _Pipe(sys.stdin.buffer, out)
    # before any query: no SERVICE can reach out, checked or not. A remote store is
    # reached over HTTP by this process, and runs the queries itself: no sandbox then
    remote = store_path.startswith(("http://", "https://"))
    sandbox = None if remote else deny_network()
    try:
        store = open_store(store_path)
    except KgError as e:
        conn.send(("dead", str(e)))
        return
    conn.send(("ready", os.getpid(), sandbox))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            accept, fmt = job[4], job[5]
            store, res = _run_job(store, job)
            chosen = fmt or negotiate(accept, res.family)
            if res.kind == "graph" and chosen == "json":
                chosen = "jsonld"
            if chosen is None:
                conn.send(
                    ("error", "NotAcceptable", f"no acceptable format for a {res.kind} result")
                )
                continue
            body = res.serialize(chosen, GRAPH_PREFIXES)
            conn.send(("ok", Answer(res.kind, chosen, body, len(res), res.truncated, res.seconds)))
        except QueryError as e:
            conn.send(("error", type(e).__name__, str(e)))
        except Exception as e:  # noqa: BLE001 - the worker must answer something
            conn.send(("error", "QueryError", one_line(f"{type(e).__name__}: {e}")))


class _Proc:
    """One worker process: a fresh interpreter running :func:`_worker_main`
    (not multiprocessing, so it never re-imports the caller's ``__main__``)."""

    def __init__(self, store_path: str) -> None:
        root = str(Path(__file__).resolve().parents[2])  # the folder that holds kg/
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from kg.query.pool import _worker_main; "
             "_worker_main(sys.argv[1])", store_path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            env=env,
            close_fds=True,
        )  # fmt: skip
        self.conn = _Pipe(self.proc.stdout, self.proc.stdin)
        self.ready = False
        self.sandbox: str | None = None  # how the worker is kept off the network
        self.lane = "open"

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            self.kill()
            raise QueryError("the query worker did not start")
        try:
            msg = self.conn.recv()
        except EOFError:
            self.kill()
            raise QueryError("the query worker did not start") from None
        if msg[0] != "ready":
            self.kill()
            raise QueryError(msg[1])
        self.ready = True
        self.sandbox = msg[2]

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)
        self.conn.close()


# the errors a worker names in its answer, raised again in the parent
_ERRORS = {
    "QuerySyntaxError": QuerySyntaxError,
    "QueryRefused": QueryRefused,
    "QueryTimeout": QueryTimeout,
    "QueryError": QueryError,
    "NotAcceptable": NotAcceptable,
}


class QueryPool:
    """Worker processes that run queries on a store with a hard time limit.

    A query that runs over ``timeout`` seconds gets its worker killed (and
    replaced) and raises :class:`QueryTimeout`. ``limit`` caps the rows/triples
    of an answer. Each worker is a fresh interpreter (safe in a threaded server)
    that cannot reach the network (:func:`deny_network`).

    Two lanes, so that slow queries cannot starve short ones: ``workers`` run
    any query ("open" lane); ``reserved`` more run only the canned queries
    ("canned" lane: kg's own, short queries, as the explorer sends them), which
    also take an idle open worker when theirs is busy. Two slow queries can hold
    every open worker for the whole time limit; canned queries still answer.

    A new ``kg build`` or ``kg add`` is seen without a restart: each query is
    pinned, when :meth:`run` starts, to the generation ``CURRENT`` names then (a
    complete one: a writer swaps ``CURRENT`` only after the last byte), and the
    worker that runs it switches to that generation between queries. A query
    already running finishes on the generation it started on.
    """

    LANES = ("open", "canned")

    def __init__(
        self,
        store_path,
        *,
        workers: int = 2,
        reserved: int = 1,
        timeout: float = 30.0,
        limit: int | None = 10000,
    ) -> None:
        self.store_path = str(store_path)
        remote = self.store_path.startswith(("http://", "https://"))
        self._root = None if remote else Path(self.store_path)
        self.timeout = timeout
        self.limit = limit
        self.sizes = {"open": max(1, workers), "canned": max(0, reserved)}
        self._idle: dict[str, queue.Queue[_Proc]] = {lane: queue.Queue() for lane in self.LANES}
        self._all: set[_Proc] = set()
        self._lock = threading.Lock()
        self._closed = False
        for lane, n in self.sizes.items():
            for _ in range(n):
                self._add(lane)
        first = self._idle["open"].get()
        try:
            first.wait_ready(60)
        finally:
            self._idle["open"].put(first)
        self.sandbox = first.sandbox  # "seccomp", "netns" or None

    def _add(self, lane: str = "open") -> None:
        if self._closed:  # a query ended by close(): no replacement
            return
        p = _Proc(self.store_path)
        p.lane = lane
        with self._lock:
            self._all.add(p)
        self._idle[lane].put(p)

    def _drop(self, p: _Proc) -> None:
        p.kill()
        with self._lock:
            self._all.discard(p)

    def generation(self) -> str | None:
        """The name of the generation a query started now runs on: the one the
        store's ``CURRENT`` names (None for a remote store, or when it cannot be
        read: then each worker keeps the generation it has open)."""
        if self._root is None:
            return None
        from kg.store import current_generation

        try:
            gen = current_generation(self._root)
        except KgError:
            return None
        return gen.name if gen is not None else None

    def busy(self, lane: str = "open") -> int:
        """How many workers of ``lane`` are running a query now."""
        return self.sizes[lane] - self._idle[lane].qsize()

    def _take(self, lane: str, timeout: float | None) -> _Proc:
        """An idle worker for ``lane`` (a canned query may borrow an open one)."""
        if lane == "canned":
            for q in (self._idle["canned"], self._idle["open"]):
                with contextlib.suppress(queue.Empty):
                    return q.get_nowait()
            if not self.sizes["canned"]:
                lane = "open"
        return self._idle[lane].get(timeout=timeout)

    def run(
        self,
        sparql: str,
        params: dict | None = None,
        *,
        default_graph=None,
        named_graphs=None,
        accept: str | None = None,
        fmt: str | None = None,
        timeout: float | None = None,
        limit: int | None = None,
        base: str | None = BASE_IRI,
        lane: str = "open",
    ) -> Answer:
        """Run a query in a worker of ``lane``; ``fmt`` "page" is the explorer's JSON
        (see :meth:`Result.page_json`); ``base`` resolves relative IRIs (see
        :func:`execute`)."""
        if self._closed:
            raise QueryError("the query pool is closed")
        check_read_only(sparql)
        bindings(params)  # reject bad parameters here, with a clear message
        if lane not in self.LANES:
            raise ValueError(f"no lane {lane!r}")
        timeout = self.timeout if timeout is None else min(timeout, self.timeout or timeout)
        limit = self.limit if limit is None else min(limit, self.limit or limit)
        generation = self.generation()  # before waiting for a worker: the graph as of now
        try:
            p = self._take(lane, timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"the server is busy: no worker became free in {timeout:g} s"
            ) from None
        try:
            p.wait_ready(60)
        except QueryError:
            with self._lock:
                self._all.discard(p)
            self._add(p.lane)
            raise
        try:
            p.conn.send(
                (
                    sparql,
                    dict(params or {}),
                    default_graph,
                    named_graphs,
                    accept,
                    fmt,
                    limit,
                    base,
                    generation,
                )
            )
            # the time limit is the query's: waiting for a worker (bounded above) and a
            # new worker's start-up (a second or more on a loaded machine) are not billed
            if not p.conn.poll(timeout or None):
                self._drop(p)
                lost, p = p, None
                self._add(lost.lane)
                raise QueryTimeout(
                    f"the query ran over the time limit of {timeout:g} s and was stopped"
                )
            msg = p.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if p is not None:
                self._drop(p)
                lost, p = p, None
                self._add(lost.lane)
            raise QueryError("the query worker died while running the query") from None
        finally:
            if p is not None:
                self._idle[p.lane].put(p)
        if msg[0] == "ok":
            return msg[1]
        if msg[0] == "error":
            raise _ERRORS.get(msg[1], QueryError)(msg[2])
        raise QueryError(str(msg))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            procs = list(self._all)
            self._all.clear()
        for p in procs:
            try:
                p.conn.send(None)
            except (OSError, ValueError):
                pass
            p.kill()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
