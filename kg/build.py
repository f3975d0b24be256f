"""Build a graph from sources: extract (parallel) → resolve → RDF → store (atomic).

Extraction is a pure function of one file (``extract``: path → contract-1
record) and runs in a process pool with ``jobs > 1``; resolution and writing
run in this process on the whole set of records.

:func:`add` gives exactly what a rebuild gives, without redoing it. Each
generation keeps a resolution index (``index.sqlite``, :mod:`kg.index`): its *atoms* (entities
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

import contextlib
import datetime as _dt
import gc
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode

import kg
from kg import store as _store
from kg.errors import KgError, StoreError
from kg.index import FILE as INDEX_FILE
from kg.index import PARK_NAME, ResolutionIndex
from kg.index import VERSION as INDEX_VERSION
from kg.output import display
from kg.rdf import (
    DESCRIPTION_PREDICATES,
    ENTITIES_GRAPH,
    doc_graph,
    document_facts,
    document_quads,
    dropped_facts,
    entity_description,
    graph_quads,
    mention_quads,
)
from kg.resolve import (
    Atom,
    AtomResolution,
    Resolution,
    ResolvedEntity,
    fingerprint,
    local_atoms,
    merge_atoms,
    normalize,
    record_atoms,
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


@contextlib.contextmanager
def _undone_if_unbuilt(path: Path) -> Iterator[None]:
    """A build into a folder that was not a kg store yet, which ends without a
    complete graph, takes back what it made (the folder, or its marker and lock
    in a folder that was empty), so "nothing was built" leaves nothing behind."""
    existed = path.exists()
    was_store = (path / _store.MARKER).exists()
    had_lock = (path / "lock").exists()
    try:
        yield
    except BaseException:
        if not was_store and not (path / "CURRENT").exists():
            if not existed:
                import shutil

                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    (path / _store.MARKER).unlink()
                if not had_lock:
                    with contextlib.suppress(OSError):
                        (path / "lock").unlink()
        raise


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
    from kg.ingest.sources import safe_name

    rec = dict(rec)
    # its file name: :func:`_collect` names it relative to the source it was found under
    rec["source"] = safe_name(Path(path).name)
    return str(path), rec, ""


def iter_extract(
    paths: list[Path], extract: Extract, jobs: int = 1, engine=None, progress=None
) -> Iterator[tuple[str, dict | None, str]]:
    """``(path, record or None, why)`` of every path, in the order of ``paths``, as
    the engine (``jobs`` local processes by default, see :mod:`kg.engines`) makes them."""
    from kg.engines import LocalEngine

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


def _write(
    path: Path,
    records: dict[str, dict],
    report: BuildReport,
    started: float,
    bar=None,
    atoms: dict[str, list] | None = None,
    parallel: bool = False,
) -> None:
    """Resolve all records (``atoms``: the local atoms of some, made already) and
    write them as a new generation, then swap it in (``parallel``: loading the
    quads in a second process, see :func:`kg.store.write_generation`)."""
    _store.cleanup(path)
    gen = _store.new_generation(path)
    # the records (and all made so far) live to the end: the cyclic collector
    # need not scan them again each time resolution and quads allocate
    gc.freeze()
    try:
        if bar is not None:
            bar.phase("resolving")
        res = resolve(records.values(), atoms)
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
            lambda: graph_quads(records.values(), res),
            meta,
            also=lambda g: (_write_index(g, res), dropped.extend(dropped_facts(records, res))),
            load_in_child=parallel,
        )
        _store.commit(path, gen)
    except BaseException as e:
        _abandon(path, gen, e)
        raise
    finally:
        gc.unfreeze()  # a long-lived caller (notebook, server) collects as before
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
        raise StoreError(f"cannot write the store {display(path)}: {_store._why(e)}") from e
    if isinstance(e, (RuntimeError, sqlite3.Error)):  # RocksDB errors are RuntimeErrors
        why = (str(e).strip().splitlines() or ["storage error"])[0]
        raise StoreError(f"cannot write the store {display(path)}: {why}") from e


# ------------------------------------------------------------------ incremental add


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


def _write_index(gen: Path, res: Resolution) -> None:
    """The resolution index of a generation (see the module doc and kg.index): its
    atoms (see kg.resolve.Atom) with their entity, and every document's name → atom."""
    atoms: dict[str, list] = {}
    names: list[tuple[str, str, str]] = []
    for i, (atom, pairs) in enumerate(zip(res.atoms, res.atom_pairs, strict=True)):
        aid = str(i)
        iri = res.atom_iri[i]
        atoms[aid] = _atom_json(atom, iri, res.displaced.get(iri))
        names.extend((doc, name, aid) for doc, name in pairs if (doc, name) not in res.conflicts)
    names.extend((doc, name, str(claims[0])) for (doc, name), claims in res.conflicts.items())
    ResolutionIndex.create(
        gen / INDEX_FILE,
        fingerprint(),
        atoms,
        names,
        # (doc, name) pairs that entities of two types claim: an add that touches
        # one of these entities takes the full path (the winner is a global order)
        [(d, n, [str(c) for c in claims]) for (d, n), claims in sorted(res.conflicts.items())],
        len(atoms),
    )


def _one_apart(a: str, b: str) -> bool:
    diff = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            diff += 1
            if diff > 1:
                return False
    return diff == 1


def _component(index: ResolutionIndex, seeds: list[str], start: set[str]) -> set[str]:
    """The stored atoms that resolving new entities (with keys ``seeds``) can
    change: those connected to them by shared keys or park names one character
    apart, with every atom of the entities they belong to."""
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
            v = index.atom(aid)
            todo.extend(v[2])
            todo_atoms.extend(index.atoms_of_iri(v[7]))
        if not todo:
            break
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        if k.startswith(PARK_NAME) and len(k) - len(PARK_NAME) >= 5:
            name = k[len(PARK_NAME) :]
            todo.extend(
                PARK_NAME + other
                for other in index.park_names(len(name))
                if _one_apart(name, other)
            )
        todo_atoms.extend(index.atoms_with_key(k))
    return found


def _incremental(
    path: Path,
    old: Path,
    pending: _store.PendingGeneration,
    new: dict[str, dict],
    report: BuildReport,
    bar,
) -> bool:
    """Add ``new`` to generation ``old`` touching only what it can change (see the
    module doc). False (nothing written) when the full path must do it."""
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


def _add_with_index(
    path: Path,
    old: Path,
    pending: _store.PendingGeneration,
    index: ResolutionIndex,
    new: dict[str, dict],
    report: BuildReport,
    bar,
) -> bool:
    if bar is not None:
        bar.phase("resolving")
    plan = _plan_add(old, index, new)
    if plan is None:
        return False
    if bar is not None:
        bar.phase("writing")
    _write_add(path, old, pending, index, new, plan, report)
    return True


@dataclass
class _AddPlan:
    """What an incremental add changes (see :func:`_plan_add`)."""

    meta: dict  # the stored generation's meta.json
    replaced: set[str]  # new documents that replace stored ones
    redo: set[str]  # stored atoms made again (they had entities of a replaced document)
    redo_docs: set[str]  # the other documents of those atoms
    stored: dict[str, dict]  # their records
    merged: list[Atom]  # the re-resolved atoms
    retired: dict[str, str]  # stored atom merged into another → that atom's id
    ar: AtomResolution  # the resolution of ``merged``
    pairs: dict[tuple[str, str], int]  # new (doc, name) → index into ``merged``
    mentions: dict[str, set[str]]  # stored entity IRI → its documents
    rewrite: set[str]  # documents whose graphs are written again


def _plan_add(old: Path, index: ResolutionIndex, new: dict[str, dict]) -> _AddPlan | None:
    """Re-resolve what ``new`` can change; None when the full path must do it."""
    meta = json.loads((old / "meta.json").read_text(encoding="utf-8"))
    replaced = set(new) & set(meta["documents"])
    # atoms with entities of a replaced document: made again from their other records
    redo = {aid for d in replaced for aid in index.names(d).values()}
    redo_docs = {d for aid in redo for ds in index.atom(aid)[3].values() for d in ds} - replaced
    stored = {d: _store.read_record(old, d) for d in sorted(redo_docs)}
    stored_names = {d: index.names(d) for d in stored}
    singles = local_atoms(
        stored.values(), keep=lambda d, e: stored_names[d].get(normalize(e["name"])) in redo
    )
    singles += local_atoms(sorted(new.values(), key=lambda rec: rec["doc"]))
    seeds = [_key_str(k) for a, _ in singles for k in a.keys]
    comp = _component(index, seeds, redo) - redo
    if any(c in comp or c in redo for _, _, claims in index.conflicts() for c in claims):
        return None
    # strength-0 merges of the stored atoms with the new entities, then resolution
    pool: list[tuple[Atom, list]] = [(_atom_of(aid, index.atom(aid)), []) for aid in sorted(comp)]
    pool += singles
    merged: list[Atom] = []
    retired: dict[str, str] = {}  # stored atom merged into another → that atom's id
    claimed: dict[tuple[str, str], set[int]] = {}  # (doc, name) of new entities → atoms
    for group in merge_atoms([a for a, _ in pool]):
        ids = [pool[i][0].id for i in group if pool[i][0].id is not None]
        keep = max(ids, key=lambda i: (len(index.atom(i)[3]), i)) if ids else None
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
            head.id = str(index.next)
            index.next += 1
        merged.append(head)
    ar = resolve_atoms(merged)
    # a new (doc, name) that entities of two types claim: rare, left to the full path
    if any(len(c) > 1 for c in claimed.values()):
        return None
    pairs = {pair: min(c) for pair, c in claimed.items()}
    # an IRI collision with an entity outside the component is decided by the
    # global order of entities: leave that to the full path
    inside = comp | redo
    for iri in ar.entities:
        for x in (iri, ar.displaced.get(iri)):
            if x is not None and index.holders(x) - inside:
                return None
    # the documents whose name → entity map changes
    mentions: dict[str, set[str]] = {}  # stored entity → its documents (all its atoms')
    for aid in inside:
        v = index.atom(aid)
        mentions.setdefault(v[7], set()).update(d for ds in v[3].values() for d in ds)
    rewrite = set(new)
    for i, atom in enumerate(merged):
        for aid in [atom.id, *(r for r, k in retired.items() if k == atom.id)]:
            v = index.atom(aid)
            if v is not None and v[7] != ar.atom_iri[i]:
                rewrite |= {d for ds in v[3].values() for d in ds}
    rewrite |= {doc for doc, _ in pairs if doc in redo_docs}
    rewrite -= replaced - set(new)
    return _AddPlan(
        meta, replaced, redo, redo_docs, stored, merged, retired, ar, pairs, mentions, rewrite
    )


def _write_add(
    path: Path,
    old: Path,
    pending: _store.PendingGeneration,
    index: ResolutionIndex,
    new: dict[str, dict],
    plan: _AddPlan,
    report: BuildReport,
) -> None:
    """Write ``plan`` as the next generation: a changed copy of the index, the
    stored quads with the changed entities and document graphs replaced."""
    meta, replaced, rewrite, ar = plan.meta, plan.replaced, plan.rewrite, plan.ar
    docs = {d: new.get(d) or plan.stored.get(d) or _store.read_record(old, d) for d in rewrite}
    gen = pending.path
    try:
        pending.ready(replace=new)
        # the index first (a copy of the old one, changed): the documents' new names
        idx = ResolutionIndex.copy(old / INDEX_FILE, gen / INDEX_FILE)
        try:
            _update_index(idx, index, plan)
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
        store = _store.copy_quads(old, gen)
        removed = added = 0
        for iri in sorted(set(plan.mentions) | set(ar.entities)):
            node = NamedNode(iri)
            e = ar.entities.get(iri)
            before = {
                q
                for p in DESCRIPTION_PREDICATES
                for q in store.quads_for_pattern(node, p, None, ENTITIES_GRAPH)
            }
            after = set(entity_description(e)) if e else set()
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
        for doc in sorted(rewrite | replaced):
            g = doc_graph(doc)
            removed += sum(1 for _ in store.quads_for_pattern(None, None, None, g))
            store.remove_graph(g)
        plus = set(doc_quads)
        store.extend(plus)
        added += len(plus)
        store.flush()
        del store
        for rec in new.values():
            _store.write_record(gen, rec)
        documents = sorted(set(meta["documents"]) | set(new))
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
    report.replaced = sorted(replaced)
    report.documents = len(documents)
    report.entities = entities
    report.quads = quads
    report.dropped = dropped
    report.incremental = True


def _update_index(idx: ResolutionIndex, index: ResolutionIndex, plan: _AddPlan) -> None:
    """Apply an add's resolution to ``idx`` (a copy of the stored ``index``)."""
    idx.begin()
    ar = plan.ar
    for aid in plan.redo | set(plan.retired):
        idx.delete_atom(aid)
    for i, atom in enumerate(plan.merged):
        idx.put_atom(atom.id, _atom_json(atom, ar.atom_iri[i], ar.displaced.get(ar.atom_iri[i])))
    for doc in plan.replaced:
        idx.drop_document(doc)
    for doc in plan.redo_docs:
        idx.drop_names(doc, plan.redo)
    for rid, keep in plan.retired.items():
        idx.retarget(rid, keep)
    for (doc, name), i in plan.pairs.items():
        idx.add_name(doc, name, plan.merged[i].id)
    idx.next = index.next
    idx.commit()


def _collect(
    sources, extract, expand, jobs, report, engine=None, bar=None, atoms: dict | None = None
) -> dict[str, dict]:
    """Extract ``sources``: document name → record (the first of a name wins; the
    others are failures). ``atoms``, if given, gets each record's local atoms
    (:func:`kg.resolve.record_atoms`), made as the records arrive: with a worker
    pool this process is otherwise idle while they extract."""
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
    out: dict[str, dict] = {}
    for path, rec, why in iter_extract(paths, extract, jobs, engine, bar.advance if bar else None):
        if rec is None:
            report.failed.append((path, why))
        elif rec["doc"] in out:
            report.failed.append((path, f"a document named {rec['doc']} is already in this build"))
        else:
            rec["source"] = names.get(path) or rec.get("source")
            out[rec["doc"]] = rec
            if atoms is not None:
                atoms[rec["doc"]] = record_atoms(rec)
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
    with _undone_if_unbuilt(Path(store)):
        path = _store.prepare(store)
        try:
            new = _store.current_generation(path) is None
        except StoreError:
            new = False  # a corrupt store: the build may repair it
        note = "no store written" if new else "the store is unchanged"
        report = BuildReport(str(path))
        eng = _engine(engine, jobs, scheduler)
        try:
            with _store.locked(path), Progress(0, progress) as bar:
                atoms: dict[str, list] = {}
                records = _collect(
                    sources, extract, expand or _expand_for(extract), jobs, report, eng, bar, atoms
                )
                if not records:
                    raise NothingToBuild("build", report.failed, note)
                report.added = sorted(records)
                _write(path, records, report, started, bar, atoms, parallel=jobs > 1)
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
            # the incremental path's generation, its records linked while we extract
            pending = _store.PendingGeneration(path, gen) if gen and incremental else None
            try:
                new = _collect(
                    sources, extract, expand or _expand_for(extract), jobs, report, eng, bar
                )
                if not new:
                    raise NothingToBuild("add", report.failed, "the store is unchanged")
                if pending is not None and _incremental(path, gen, pending, new, report, bar):
                    pending = None  # it is the current generation now
                    report.added = sorted(d for d in new if d not in report.replaced)
                    report.seconds = round(time.monotonic() - started, 3)
                    return report
            finally:
                if pending is not None:
                    pending.discard()
            old = _store.read_records(gen) if gen else {}
            report.added = sorted(d for d in new if d not in old)
            report.replaced = sorted(d for d in new if d in old)
            _write(path, {**old, **new}, report, started, bar, parallel=jobs > 1)
    finally:
        eng.close()
    return report


def _is_remote(store) -> bool:
    return isinstance(store, str) and store.startswith(("http://", "https://"))


def _expand_for(extract: Extract) -> Expand:
    return record_sources if extract is load_record else default_expand
