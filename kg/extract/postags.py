"""jieba's part-of-speech tags of dictionary words, without loading them all.

The name finders ask for the dictionary tag of a few dozen words a document
(is it a verb? a place?). jieba keeps the answer in a 349,000-word table that
takes 0.17 s to build from its dict.txt: most of what a one-document ``kg add``
spends before it starts. The first process builds the table and stores it as
an SQLite file in the cache directory (``$KG_CACHE_DIR``, else
``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``), named after dict.txt's size and
modification time; later processes look words up there (a few microseconds,
and :func:`tag` remembers them). Where the cache cannot be written the table
stays in memory, as before.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import sqlite3
import tempfile
from pathlib import Path


def _dict_file() -> Path | None:
    # the file only: importing jieba costs 0.2 s (it imports pkg_resources)
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "dict.txt"
    return path if path.is_file() else None


def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg"


def read_table(path: Path) -> dict[str, str]:
    """dict.txt (``word frequency tag`` lines) → word → tag, as jieba.posseg has it."""
    with open(path, encoding="utf-8") as f:
        parts = f.read().split()
    return dict(zip(parts[0::3], parts[2::3], strict=True))


class _CachedTable:
    """The table in an SQLite file; one read-only connection per process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._connect()  # fails here, not at the first lookup, when the file is bad

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # not across a fork
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._db.execute("SELECT tag FROM pos WHERE word = ''").fetchall()
            self._pid = os.getpid()
        return self._db

    def get(self, word: str) -> str | None:
        row = self._connect().execute("SELECT tag FROM pos WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None


def _write_cache(table: dict[str, str], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("CREATE TABLE pos (word TEXT PRIMARY KEY, tag TEXT NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO pos VALUES (?, ?)", table.items())
            db.commit()
        finally:
            db.close()
        os.replace(tmp, target)  # whole or not at all, whoever else writes it too
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@functools.lru_cache(maxsize=1)
def table():
    """An object with ``.get(word)``: the cached table, or the table in memory."""
    source = _dict_file()
    if source is None:
        return {}
    st = source.stat()
    cached = cache_dir() / f"jieba-pos-{st.st_size}-{st.st_mtime_ns}.sqlite"
    if cached.is_file():
        with contextlib.suppress(sqlite3.Error, OSError):
            return _CachedTable(cached)
    words = read_table(source)
    with contextlib.suppress(sqlite3.Error, OSError):
        _write_cache(words, cached)
    return words


@functools.lru_cache(maxsize=1 << 16)
def tag(word: str) -> str | None:
    """jieba's dictionary tag of ``word``; None for words not in its dictionary."""
    return table().get(word)
