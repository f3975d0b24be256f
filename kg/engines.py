"""Where extraction runs: in this process, in a local process pool, or on Dask.

Extraction is a pure function of one document (path → contract-1 record), so
an engine only has to map it over the paths and hand back the results in the
order of the paths; resolution and writing stay in the calling process.

* ``LocalEngine(jobs=1)`` runs in this process.
* ``LocalEngine(jobs=N)`` runs a pool of N processes. Each worker loads the
  jieba tokenizer and the lexicons once (pool initializer; with ``fork`` they
  are loaded in the parent before the pool starts and inherited), and paths go
  out in chunks (``imap``), so only file names and records cross processes.
* ``DaskEngine(scheduler)`` sends each file's *bytes* (not its path: a worker
  may run on another machine) to a Dask distributed cluster
  (``tcp://HOST:8786``); the worker writes them to a private temporary folder
  under the same file name and extracts from there, so the record is exactly
  the local one.

Every engine's ``map(fn, paths, progress)`` yields ``(path, record | None,
why)`` as :func:`kg.records.safe_extract` does, and calls ``progress(1)`` per
document. Engines know the extraction function only (:mod:`kg.records`), never
what is done with the records.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.records import Result, extract_record, safe_extract


def warm_up(extract: Callable | None = None) -> None:
    """Load what the default extraction needs once per process (tokenizer, lexicons)."""
    if extract is not None and extract is not extract_record:
        return
    from kg.extract import lexicons, postags, segment

    lexicons.load()
    segment.segmenter()
    postags.table()


def _init_worker(extract) -> None:
    warm_up(extract)


def _run_one(args) -> Result:
    extract, path = args
    return safe_extract(extract, path)


class LocalEngine:
    """This process (``jobs=1``) or a pool of ``jobs`` processes on this machine."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, int(jobs))

    def map(self, extract, paths: list[Path], progress=None) -> Iterator[Result]:
        if self.jobs == 1 or len(paths) < 2:
            for p in paths:
                yield safe_extract(extract, p)
                if progress:
                    progress(1)
            return
        jobs = min(self.jobs, len(paths))
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            # load once here; forked workers share the loaded tokenizer (copy on write)
            warm_up(extract)
            ctx = multiprocessing.get_context("fork")
        else:  # pragma: no cover - not on Linux
            ctx = multiprocessing.get_context("spawn")
        # small chunks keep both workers busy to the end; big enough to cut IPC
        chunk = max(1, min(16, len(paths) // (jobs * 8)))
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(extract,)) as pool:
            for res in pool.imap(_run_one, [(extract, p) for p in paths], chunksize=chunk):
                yield res
                if progress:
                    progress(1)

    def close(self) -> None:
        pass


# ------------------------------------------------------------------ dask


def _extract_bytes(extract, name: str, data: bytes, source: str) -> Result:
    """Runs on a Dask worker: extract one file sent as bytes."""
    warm_up(extract)
    with tempfile.TemporaryDirectory(prefix="kg-") as tmp:
        p = Path(tmp) / name
        p.write_bytes(data)
        _, rec, why = safe_extract(extract, p)
    return source, rec, why


class DaskEngine:
    """Extraction on a Dask distributed cluster (``scheduler``: ``tcp://HOST:PORT``),
    or on a given ``distributed.Client``."""

    def __init__(
        self, scheduler: str | None = None, client=None, batch: int = 256, timeout: float = 10
    ) -> None:
        try:
            from distributed import Client
        except ImportError as e:  # pragma: no cover - dask is a dependency
            from kg.errors import KgError

            raise KgError("the dask engine needs dask[distributed]") from e
        self._own = client is None
        if client is None:
            if not scheduler:
                from kg.errors import KgError

                raise KgError("--engine dask needs --scheduler tcp://HOST:PORT")
            try:
                client = Client(scheduler, timeout=timeout)
            except (OSError, TimeoutError) as e:
                from kg.errors import KgError

                raise KgError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None
        self.client = client
        self.batch = batch

    def map(self, extract, paths: list[Path], progress=None) -> Iterator[Result]:
        from distributed import as_completed

        # read and send in batches, so the driver never holds the whole corpus
        for i in range(0, len(paths), self.batch):
            batch = paths[i : i + self.batch]
            futures, local = {}, {}
            for j, p in enumerate(batch):
                try:
                    data = Path(p).read_bytes()
                except OSError:
                    # let the local extractor say why, as it does for --jobs
                    local[j] = p
                    continue
                fut = self.client.submit(
                    _extract_bytes, extract, Path(p).name, data, str(p), pure=False
                )
                futures[fut] = j
            results: dict[int, Result] = {}
            for j, p in local.items():
                results[j] = safe_extract(extract, p)
                if progress:
                    progress(1)
            for fut in as_completed(futures):
                results[futures[fut]] = fut.result()
                if progress:
                    progress(1)
            for j in range(len(batch)):
                yield results[j]

    def close(self) -> None:
        if self._own:
            self.client.close()


def make_engine(engine: str = "local", jobs: int = 1, scheduler: str | None = None):
    """``local`` (``jobs`` processes) or ``dask`` (``scheduler`` address)."""
    if engine == "dask":
        return DaskEngine(scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS"))
    if engine not in ("local", "process"):
        from kg.errors import KgError

        raise KgError(f"unknown engine {engine!r} (local or dask)")
    return LocalEngine(jobs)


# ------------------------------------------------------------------ progress


class Progress:
    """A rich progress bar on stderr for work that takes more than ``delay`` seconds.

    Silent when ``enabled`` is false (``--quiet``) or stderr is not a terminal.
    Use as a context manager; ``advance(n)`` per document, ``phase(text)`` for the
    steps after extraction.
    """

    def __init__(self, total: int, enabled: bool | None = True, delay: float = 1.0) -> None:
        import sys
        import time

        self.total = total
        self.enabled = bool(enabled) and sys.stderr.isatty()
        self.delay = delay
        self.t0 = time.monotonic()
        self.done = 0
        self.text = "extracting"
        self._bar = None
        self._task = None

    def _maybe_start(self) -> None:
        import time

        if self._bar is not None or not self.enabled:
            return
        if time.monotonic() - self.t0 < self.delay:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(self.text, total=self.total, completed=self.done)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._maybe_start()
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)

    def phase(self, text: str) -> None:
        self.text = text
        self._maybe_start()
        if self._bar is not None:
            self._bar.update(self._task, description=text)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
