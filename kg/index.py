"""The resolution index of a generation, in SQLite (``index.sqlite``).

``kg add`` needs, from the stored resolution, only the atoms connected to the
new documents and the name maps of the documents it rewrites. Kept as one JSON
document, the index had to be parsed and written whole on every add (0.4 s at
10,000 documents, growing with the corpus); as SQLite tables with indexes the
add reads the rows it touches and changes a copy of the file (a file copy, a
few milliseconds per 10 MB).

Tables: ``atoms`` (an atom's JSON body, see ``kg.incremental.atom_json``, with its
IRI, displaced IRI and type as columns), ``atom_keys`` (resolution key →
atom), ``names`` (document, name → atom), ``conflicts`` (a document's name
that entities of two types claim) and ``info`` (version, fingerprint, next id).

The file belongs to a generation that is not current until it is complete, so
it is written without a journal: a killed writer's generation is discarded.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

VERSION = 3
FILE = "index.sqlite"
PARK_NAME = "0|Park|n:"  # the key of a park's normalised name (the typo rule's input)

_SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE atoms (aid TEXT PRIMARY KEY, type TEXT NOT NULL, iri TEXT NOT NULL,
                    displaced TEXT, body TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX atoms_iri ON atoms (iri);
CREATE INDEX atoms_displaced ON atoms (displaced);
CREATE TABLE atom_keys (key TEXT NOT NULL, aid TEXT NOT NULL, PRIMARY KEY (key, aid))
    WITHOUT ROWID;
CREATE INDEX atom_keys_aid ON atom_keys (aid);
CREATE TABLE names (doc TEXT NOT NULL, name TEXT NOT NULL, aid TEXT NOT NULL,
                    PRIMARY KEY (doc, name)) WITHOUT ROWID;
CREATE INDEX names_aid ON names (aid);
CREATE TABLE conflicts (doc TEXT NOT NULL, name TEXT NOT NULL, claims TEXT NOT NULL);
"""


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:  # a stored generation is never written
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


class ResolutionIndex:
    """One generation's index, read row by row; changes go to this file only."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._atoms: dict[str, list | None] = {}
        self._parks: dict[int, list[str]] | None = None
        info = dict(db.execute("SELECT key, value FROM info"))
        self.version = int(info.get("version", 0))
        self.fingerprint = info.get("fingerprint", "")
        self.next = int(info.get("next", 0))

    # ------------------------------------------------------------ making

    @classmethod
    def create(
        cls,
        path: Path,
        fingerprint: str,
        atoms: dict[str, list],
        names: Iterable[tuple[str, str, str]],
        conflicts: Iterable[tuple[str, str, list[str]]],
        next_id: int,
    ) -> None:
        """Write a new index file: ``atoms`` (id → body), ``names`` (doc, name, id)."""
        db = _connect(path)
        try:
            db.executescript(_SCHEMA)
            db.execute("BEGIN")
            db.executemany(
                "INSERT INTO info VALUES (?, ?)",
                [("version", str(VERSION)), ("fingerprint", fingerprint), ("next", str(next_id))],
            )
            rows = map(_atom_row, atoms.items())
            db.executemany("INSERT INTO atoms VALUES (?, ?, ?, ?, ?)", rows)
            db.executemany(
                "INSERT INTO atom_keys VALUES (?, ?)",
                ((k, aid) for aid, v in atoms.items() for k in v[2]),
            )
            db.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
            db.executemany(
                "INSERT INTO conflicts VALUES (?, ?, ?)",
                ((d, n, json.dumps(c)) for d, n, c in conflicts),
            )
            db.execute("COMMIT")
        finally:
            db.close()

    @classmethod
    def open(cls, path: Path) -> ResolutionIndex | None:
        """The index at ``path``, or None when there is none or it cannot be read
        (``kg add`` then re-resolves everything)."""
        if not path.is_file():
            return None
        try:
            return cls(_connect(path, readonly=True))
        except sqlite3.Error:
            return None

    @classmethod
    def copy(cls, src: Path, dst: Path) -> ResolutionIndex:
        """A writable copy of the index file ``src`` at ``dst``."""
        shutil.copyfile(src, dst)
        return cls(_connect(dst))

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------ reading

    def atom(self, aid: str) -> list | None:
        """The body of atom ``aid`` (kg.incremental.atom_json), None if there is none."""
        if aid not in self._atoms:
            row = self.db.execute("SELECT body FROM atoms WHERE aid = ?", (aid,)).fetchone()
            self._atoms[aid] = json.loads(row[0]) if row else None
        return self._atoms[aid]

    def atoms_with_key(self, key: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT aid FROM atom_keys WHERE key = ?", (key,))]

    def atoms_of_iri(self, iri: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT aid FROM atoms WHERE iri = ?", (iri,))]

    def holders(self, iri: str) -> set[str]:
        """Atoms whose entity has the IRI ``iri``, or had it before it was displaced."""
        rows = self.db.execute(
            "SELECT aid FROM atoms WHERE iri = ?1 UNION SELECT aid FROM atoms WHERE displaced = ?1",
            (iri,),
        )
        return {r[0] for r in rows}

    def park_names(self, length: int) -> list[str]:
        """Normalised park names of ``length`` characters (for the one-typo rule)."""
        if self._parks is None:
            self._parks = {}
            rows = self.db.execute(
                "SELECT DISTINCT key FROM atom_keys WHERE key >= ? AND key < ?",
                (PARK_NAME, PARK_NAME[:-1] + chr(ord(PARK_NAME[-1]) + 1)),
            )
            for (k,) in rows:
                name = k[len(PARK_NAME) :]
                self._parks.setdefault(len(name), []).append(name)
        return self._parks.get(length, [])

    def names(self, doc: str) -> dict[str, str]:
        """Document ``doc``'s name → atom map."""
        return dict(self.db.execute("SELECT name, aid FROM names WHERE doc = ?", (doc,)))

    def named(self, doc: str) -> list[tuple[str, str, str]]:
        """(name, entity IRI, entity type) of every name of document ``doc``."""
        return self.db.execute(
            "SELECT n.name, a.iri, a.type FROM names n JOIN atoms a ON a.aid = n.aid"
            " WHERE n.doc = ?",
            (doc,),
        ).fetchall()

    def conflicts(self) -> list[tuple[str, str, list[str]]]:
        rows = self.db.execute("SELECT doc, name, claims FROM conflicts")
        return [(d, n, json.loads(c)) for d, n, c in rows]

    def entity_count(self) -> int:
        return self.db.execute("SELECT COUNT(DISTINCT iri) FROM atoms").fetchone()[0]

    # ------------------------------------------------------------ changing

    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO info VALUES ('next', ?)",
            (str(self.next),),
        )
        self.db.execute("COMMIT")

    def put_atom(self, aid: str, body: list) -> None:
        self.delete_atom(aid)
        self.db.execute("INSERT INTO atoms VALUES (?, ?, ?, ?, ?)", _atom_row((aid, body)))
        self.db.executemany("INSERT INTO atom_keys VALUES (?, ?)", ((k, aid) for k in body[2]))
        self._atoms[aid] = body
        self._parks = None

    def delete_atom(self, aid: str) -> None:
        self.db.execute("DELETE FROM atoms WHERE aid = ?", (aid,))
        self.db.execute("DELETE FROM atom_keys WHERE aid = ?", (aid,))
        self._atoms[aid] = None
        self._parks = None

    def drop_document(self, doc: str) -> None:
        self.db.execute("DELETE FROM names WHERE doc = ?", (doc,))

    def drop_names(self, doc: str, aids: Iterable[str]) -> None:
        """Remove ``doc``'s names that stand for one of the atoms ``aids``."""
        self.db.executemany(
            "DELETE FROM names WHERE doc = ? AND aid = ?", ((doc, a) for a in set(aids))
        )

    def retarget(self, old: str, new: str) -> None:
        """Names that stood for atom ``old`` now stand for ``new`` (merged into it)."""
        self.db.execute("UPDATE names SET aid = ? WHERE aid = ?", (new, old))

    def add_name(self, doc: str, name: str, aid: str) -> None:
        """``doc``'s ``name`` stands for ``aid`` unless it already stands for an atom."""
        self.db.execute("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", (doc, name, aid))


def _atom_row(item: tuple[str, list]) -> tuple:
    aid, v = item
    return aid, v[0], v[7], v[8], json.dumps(v, ensure_ascii=False, separators=(",", ":"))
