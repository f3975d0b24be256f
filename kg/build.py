"""Build a graph from sources: extract (parallel) → resolve → RDF → store (atomic).

Extraction is a pure function of one file (``extract``: path → contract-1
record) and runs in a process pool with ``jobs > 1``; resolution and writing
run in this process on the whole set of records.

:func:`add` gives exactly what a rebuild gives, without redoing it. Each
generation keeps a resolution index (``index.json``): its *atoms* (entities
that share a normalised name: always one node, see :class:`kg.resolve.Atom`)
with their keys, documents, names and entity, and every document's name → atom
map. Resolution merges atoms only through shared keys (or park names one
character apart) in a fixed global order, so ``add`` takes the stored atoms
connected to the new documents' entities (with every atom of their entities),
merges the new entities into them, resolves just those again
(:func:`kg.resolve.resolve_atoms`), and writes the difference into a copy of
the previous quads (a RocksDB checkpoint: hard links): the changed entity
descriptions in ``graph:entities``, the new documents' graphs and the graphs of
documents whose names now stand for another IRI; records are hard-linked. A
replaced document's atoms are made again from their other records. It takes
the full path (re-resolve and rewrite everything) when the index is missing or
made by other rules (``fingerprint``), when a re-resolved IRI collides with one
outside the component, or when a name in one document is claimed by entities
of two types that the add touches (those are decided by a global order).

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

from pyoxigraph import NamedNode

import kg
from kg import store as _store
from kg.errors import KgError, StoreError
from kg.rdf import (
    ENTITIES_GRAPH,
    doc_graph,
    document_facts,
    document_quads,
    entity_quads,
    graph_quads,
)
from kg.resolve import (
    Atom,
    Resolution,
    ResolvedEntity,
    fingerprint,
    local_atoms,
    merge_atoms,
    normalize,
    resolve,
    resolve_atoms,
)

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
    incremental: bool = False  # add: only the touched part was re-resolved and written

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
        _store.write_generation(
            gen,
            records,
            graph_quads(records.values(), res, dropped),
            meta,
            _index_of(res),
        )
        _store.commit(path, gen)
    except BaseException as e:
        _abandon(path, gen, e)
        raise
    report.documents = len(records)
    report.entities = len(res.entities)
    report.dropped = dropped
    report.quads = json.loads((gen / "meta.json").read_text(encoding="utf-8"))["quads"]
    report.seconds = round(time.monotonic() - started, 3)


def _abandon(path: Path, gen: Path, e: BaseException) -> None:
    """Remove an unfinished generation; storage errors become one clear StoreError."""
    import shutil

    shutil.rmtree(gen, ignore_errors=True)
    if isinstance(e, OSError):
        raise StoreError(f"cannot write the store {path}: {_store._why(e)}") from e
    if isinstance(e, RuntimeError):  # RocksDB errors surface as RuntimeError
        why = (str(e).strip().splitlines() or ["storage error"])[0]
        raise StoreError(f"cannot write the store {path}: {why}") from e


# ------------------------------------------------------------------ incremental add

INDEX_VERSION = 2
_PARK_NAME = "0|Park|n:"  # the key of a park's normalised name (the typo rule's input)


def _key_str(k: tuple[int, str, str]) -> str:
    return f"{k[0]}|{k[1]}|{k[2]}"


def _key_tuple(k: str) -> tuple[int, str, str]:
    s, t, key = k.split("|", 2)
    return int(s), t, key


def _atom_json(a: Atom, iri: str, displaced: str | None) -> list:
    return [
        a.type,
        list(a.first),
        {_key_str(k): list(at) for k, at in a.keys.items()},
        {n: sorted(d) for n, d in a.canon.items()},
        sorted(a.names),
        a.generic,
        {n: [list(at), sorted(d)] for n, (at, d) in a.parks.items()},
        iri,
        displaced,
    ]


def _atom_of(aid: str, v: list) -> Atom:
    return Atom(
        tuple(v[1]),
        v[0],
        {_key_tuple(k): tuple(at) for k, at in v[2].items()},
        {n: set(d) for n, d in v[3].items()},
        set(v[4]),
        v[5],
        {n: [tuple(at), set(d)] for n, (at, d) in v[6].items()},
        aid,
    )


def _index_of(res: Resolution) -> dict:
    """The resolution index of a generation (see the module doc): its atoms (see
    kg.resolve.Atom) with their entity, and every document's name → atom map."""
    atoms, by_doc = {}, {}
    for i, (atom, pairs) in enumerate(zip(res.atoms, res.atom_pairs, strict=True)):
        aid = str(i)
        iri = res.atom_iri[i]
        atoms[aid] = _atom_json(atom, iri, res.displaced.get(iri))
        for doc, name in pairs:
            if (doc, name) not in res.conflicts:
                by_doc.setdefault(doc, {})[name] = aid
    for (doc, name), claims in res.conflicts.items():
        by_doc.setdefault(doc, {})[name] = str(claims[0])
    return {
        "version": INDEX_VERSION,
        "fingerprint": fingerprint(),
        "next": len(atoms),
        "atoms": atoms,
        "by_name": by_doc,
        # (doc, name) pairs that entities of two types claim: an add that touches
        # one of these entities takes the full path (the winner is a global order)
        "conflicts": [
            [doc, name, [str(c) for c in claims]]
            for (doc, name), claims in sorted(res.conflicts.items())
        ],
    }


def _one_apart(a: str, b: str) -> bool:
    diff = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            diff += 1
            if diff > 1:
                return False
    return diff == 1


def _component(atoms: dict[str, list], seeds: list[str], start: set[str]) -> set[str]:
    """The stored atoms that resolving new entities (with keys ``seeds``) can
    change: those connected to them by shared keys or park names one character
    apart, with every atom of the entities they belong to."""
    key_index: dict[str, list[str]] = {}
    by_iri: dict[str, list[str]] = {}
    parks_by_len: dict[int, set[str]] = {}
    for aid, v in atoms.items():
        by_iri.setdefault(v[7], []).append(aid)
        for k in v[2]:
            key_index.setdefault(k, []).append(aid)
            if k.startswith(_PARK_NAME) and len(k) - len(_PARK_NAME) >= 5:
                parks_by_len.setdefault(len(k) - len(_PARK_NAME), set()).add(k[len(_PARK_NAME) :])
    found: set[str] = set()
    todo_atoms = list(start)
    todo = list(seeds)
    seen: set[str] = set()
    while todo or todo_atoms:
        while todo_atoms:
            aid = todo_atoms.pop()
            if aid in found:
                continue
            found.add(aid)
            todo.extend(atoms[aid][2])
            todo_atoms.extend(by_iri[atoms[aid][7]])
        if not todo:
            break
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        if k.startswith(_PARK_NAME) and len(k) - len(_PARK_NAME) >= 5:
            name = k[len(_PARK_NAME) :]
            todo.extend(
                _PARK_NAME + other
                for other in parks_by_len.get(len(name), ())
                if _one_apart(name, other)
            )
        todo_atoms.extend(key_index.get(k, ()))
    return found


def _incremental(path: Path, old: Path, new: dict[str, dict], report: BuildReport, bar) -> bool:
    """Add ``new`` to generation ``old`` touching only what it can change (see the
    module doc). False (nothing written) when the full path must do it."""
    index = _store.read_index(old)
    if (
        index is None
        or index.get("version") != INDEX_VERSION
        or index.get("fingerprint") != fingerprint()
    ):
        return False
    meta = json.loads((old / "meta.json").read_text(encoding="utf-8"))
    old_docs = set(meta["documents"])
    atoms: dict[str, list] = index["atoms"]
    by_name: dict[str, dict[str, str]] = index["by_name"]
    replaced = {d for d in new if d in old_docs}
    report.replaced = sorted(replaced)
    if bar is not None:
        bar.phase("resolving")
    # atoms with entities of a replaced document: made again from their other records
    redo = {aid for d in replaced for aid in by_name.get(d, {}).values()}
    redo_docs = {d for aid in redo for ds in atoms[aid][3].values() for d in ds} - replaced
    stored = {d: _store.read_record(old, d) for d in sorted(redo_docs)}
    singles = local_atoms(
        stored.values(), keep=lambda d, e: by_name[d].get(normalize(e["name"])) in redo
    )
    singles += local_atoms(sorted(new.values(), key=lambda rec: rec["doc"]))
    seeds = [_key_str(k) for a, _ in singles for k in a.keys]
    comp = _component(atoms, seeds, redo) - redo
    if any(c in comp or c in redo for _, _, claims in index["conflicts"] for c in claims):
        return False
    # strength-0 merges of the stored atoms with the new entities, then resolution
    pool: list[tuple[Atom, list]] = [(_atom_of(aid, atoms[aid]), []) for aid in sorted(comp)]
    pool += singles
    merged: list[Atom] = []
    retired: dict[str, str] = {}  # stored atom merged into another → that atom's id
    claimed: dict[tuple[str, str], set[int]] = {}  # (doc, name) of new entities → atoms
    for group in merge_atoms([a for a, _ in pool]):
        ids = [pool[i][0].id for i in group if pool[i][0].id is not None]
        keep = max(ids, key=lambda i: (len(atoms[i][3]), i)) if ids else None
        head = next((pool[i][0] for i in group if pool[i][0].id == keep), pool[group[0]][0])
        for i in group:
            atom, names = pool[i]
            if atom is not head:
                head.absorb(atom)
                if atom.id is not None:
                    retired[atom.id] = keep
            for pair in names:
                claimed.setdefault(pair, set()).add(len(merged))
        if head.id is None:
            head.id = str(index["next"])
            index["next"] += 1
        merged.append(head)
    ar = resolve_atoms(merged)
    # a new (doc, name) that entities of two types claim: rare, left to the full path
    if any(len(c) > 1 for c in claimed.values()):
        return False
    pairs = {pair: min(c) for pair, c in claimed.items()}
    # an IRI collision with an entity outside the component is decided by the
    # global order of entities: leave that to the full path
    outside = {v[7] for aid, v in atoms.items() if aid not in comp and aid not in redo}
    outside |= {v[8] for aid, v in atoms.items() if v[8] and aid not in comp and aid not in redo}
    for iri in ar.entities:
        if iri in outside or ar.displaced.get(iri) in outside:
            return False
    # the documents whose name → entity map changes
    old_iris = {atoms[aid][7] for aid in comp | redo}
    rewrite = set(new)
    for i, atom in enumerate(merged):
        for aid in [atom.id, *(r for r, k in retired.items() if k == atom.id)]:
            if aid in atoms and atoms[aid][7] != ar.atom_iri[i]:
                rewrite |= {d for ds in atoms[aid][3].values() for d in ds}
    rewrite |= {doc for doc, _ in pairs if doc in redo_docs}
    rewrite -= replaced - set(new)
    # the new index
    for aid in redo | set(retired):
        del atoms[aid]
    for i, atom in enumerate(merged):
        atoms[atom.id] = _atom_json(atom, ar.atom_iri[i], ar.displaced.get(ar.atom_iri[i]))
    for doc in replaced:
        by_name.pop(doc, None)
    for doc in redo_docs:
        by_name[doc] = {n: a for n, a in by_name[doc].items() if a not in redo}
    for rid, keep in retired.items():
        for ds in atoms[keep][3].values():
            for d in ds:
                m = by_name.get(d)
                if m is not None:
                    for n, a in m.items():
                        if a == rid:
                            m[n] = keep
    for (doc, name), i in pairs.items():
        by_name.setdefault(doc, {}).setdefault(name, merged[i].id)
    # the delta
    if bar is not None:
        bar.phase("writing")
    docs = {d: new[d] if d in new else stored.get(d) for d in rewrite}
    for d in docs:
        if docs[d] is None:
            docs[d] = _store.read_record(old, d)
    view = Resolution(
        {
            atoms[a][7]: ResolvedEntity(atoms[a][7], atoms[a][0], "")
            for d in rewrite
            for a in by_name.get(d, {}).values()
        },
        {(d, n): atoms[a][7] for d in rewrite for n, a in by_name.get(d, {}).items()},
    )
    dropped: list[str] = []
    doc_quads = []
    for doc in sorted(rewrite):
        facts = document_facts(docs[doc], view)
        dropped.extend(f"{doc}: {x}" for x in facts.dropped)
        doc_quads.extend(document_quads(docs[doc], facts))
    _store.cleanup(path)
    gen = _store.new_generation(path)
    try:
        store = _store.copy_quads(old, gen)
        removed = added = 0
        for iri in sorted(old_iris | set(ar.entities)):
            node = NamedNode(iri)
            before = set(store.quads_for_pattern(node, None, None, ENTITIES_GRAPH))
            after = set()
            if iri in ar.entities:
                after = set(entity_quads(Resolution({iri: ar.entities[iri]}, {})))
            for q in before - after:
                store.remove(q)
            removed += len(before - after)
            plus = after - before
            store.extend(plus)
            added += len(plus)
        for doc in sorted(rewrite | replaced):
            g = doc_graph(doc)
            removed += sum(1 for _ in store.quads_for_pattern(None, None, None, g))
            store.remove_graph(g)
        plus = set(doc_quads)
        store.extend(plus)
        added += len(plus)
        store.flush()
        del store
        _store.link_records(old, gen, skip=new)
        for rec in new.values():
            _store.write_record(gen, rec)
        _store.write_index(gen, index)
        documents = sorted(old_docs | set(new))
        entities = len({v[7] for v in atoms.values()})
        quads = meta["quads"] - removed + added
        _store.write_meta(
            gen,
            {
                "kg_version": kg.__version__,
                "built": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                "documents": documents,
                "entities": entities,
                "quads": quads,
            },
        )
        _store.commit(path, gen)
    except BaseException as e:
        _abandon(path, gen, e)
        raise
    report.documents = len(documents)
    report.entities = entities
    report.quads = quads
    report.dropped = dropped
    report.incremental = True
    return True


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
    incremental: bool = True,
) -> BuildReport:
    """Add documents to an existing store, replacing those with the same name.

    Only the new sources are extracted; the result equals a rebuild of all of
    them. With ``incremental`` (the default) only the entities the new documents
    can change are resolved again and only what changed is written (see the
    module doc; ``report.incremental`` says whether that path was taken);
    otherwise every stored record is resolved again and the store rewritten.
    ``report.dropped`` lists the dropped relations of the documents written.
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
            new = _collect(sources, extract, expand or _expand_for(extract), jobs, report, eng, bar)
            if not new:
                raise KgError("nothing to add: no source could be read; the store is unchanged")
            if gen is not None and incremental and _incremental(path, gen, new, report, bar):
                report.added = sorted(d for d in new if d not in report.replaced)
                report.seconds = round(time.monotonic() - started, 3)
                return report
            old = _store.read_records(gen) if gen else {}
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
