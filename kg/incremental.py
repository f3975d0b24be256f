"""Incremental add: what new documents can change in a stored resolution.

A generation of the on-disk store keeps a resolution index (``index.sqlite``,
:mod:`kg.index`): its *atoms* (entities that share a normalised name: always
one node, see :class:`kg.resolve.Atom`) with their keys, documents, names and
entity, and every document's name → atom map. Resolution merges atoms only
through shared keys (or park names one character apart) in a fixed global
order, so an add takes the stored atoms connected to the new documents'
entities (with every atom of their entities), merges the new entities into
them and resolves just those again (:func:`kg.resolve.resolve_atoms`):
:func:`plan_add`. A replaced document's atoms are made again from their other
records. The plan is None, and the store takes the full path (re-resolve and
rewrite everything), when a re-resolved IRI collides with one outside the
component, or when a name in one document is claimed by entities of two types
that the add touches (those are decided by a global order).

This module knows the index and the resolution, not the store: the store
(:class:`kg.store.LocalWriter`) writes the index of a full build
(:func:`write_index`) and an add's plan into the next generation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.index import FILE as INDEX_FILE
from kg.index import PARK_NAME, ResolutionIndex
from kg.resolve import (
    Atom,
    AtomResolution,
    Resolution,
    fingerprint,
    local_atoms,
    merge_atoms,
    normalize,
    resolve_atoms,
)


def _key_str(k: tuple[int, str, str]) -> str:
    return f"{k[0]}|{k[1]}|{k[2]}"


def _key_tuple(k: str) -> tuple[int, str, str]:
    s, t, key = k.split("|", 2)
    return int(s), t, key


def atom_json(a: Atom, iri: str, displaced: str | None) -> list:
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


def write_index(gen: Path, res: Resolution) -> None:
    """The resolution index of a generation (see the module doc and kg.index): its
    atoms (see kg.resolve.Atom) with their entity, and every document's name → atom."""
    atoms: dict[str, list] = {}
    names: list[tuple[str, str, str]] = []
    for i, (atom, pairs) in enumerate(zip(res.atoms, res.atom_pairs, strict=True)):
        aid = str(i)
        iri = res.atom_iri[i]
        atoms[aid] = atom_json(atom, iri, res.displaced.get(iri))
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


def component(index: ResolutionIndex, seeds: list[str], start: set[str]) -> set[str]:
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


@dataclass
class AddPlan:
    """What an incremental add changes (see :func:`plan_add`)."""

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


def plan_add(
    meta: dict,
    index: ResolutionIndex,
    new: dict[str, dict],
    read_record: Callable[[str], dict],
) -> AddPlan | None:
    """Re-resolve what ``new`` can change (``meta``: the stored generation's
    meta.json, ``read_record``: a stored document's record); None when the full
    path must do it."""
    replaced = set(new) & set(meta["documents"])
    # atoms with entities of a replaced document: made again from their other records
    redo = {aid for d in replaced for aid in index.names(d).values()}
    redo_docs = {d for aid in redo for ds in index.atom(aid)[3].values() for d in ds} - replaced
    stored = {d: read_record(d) for d in sorted(redo_docs)}
    stored_names = {d: index.names(d) for d in stored}
    singles = local_atoms(
        stored.values(), keep=lambda d, e: stored_names[d].get(normalize(e["name"])) in redo
    )
    singles += local_atoms(sorted(new.values(), key=lambda rec: rec["doc"]))
    seeds = [_key_str(k) for a, _ in singles for k in a.keys]
    comp = component(index, seeds, redo) - redo
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
    # a stored document whose names keep their entities keeps its graph: only those
    # whose name now means another entity are written again (a replaced document
    # that shares a hub park with every other one used to rewrite them all)
    for (doc, name), i in pairs.items():
        if doc in redo_docs and doc not in rewrite:
            aid = stored_names[doc].get(name)
            v = index.atom(aid) if aid is not None else None
            if v is None or v[7] != ar.atom_iri[i]:
                rewrite.add(doc)
    rewrite -= replaced - set(new)
    return AddPlan(
        meta, replaced, redo, redo_docs, stored, merged, retired, ar, pairs, mentions, rewrite
    )


def update_index(idx: ResolutionIndex, index: ResolutionIndex, plan: AddPlan) -> None:
    """Apply an add's resolution to ``idx`` (a copy of the stored ``index``)."""
    idx.begin()
    ar = plan.ar
    for aid in plan.redo | set(plan.retired):
        idx.delete_atom(aid)
    for i, atom in enumerate(plan.merged):
        idx.put_atom(atom.id, atom_json(atom, ar.atom_iri[i], ar.displaced.get(ar.atom_iri[i])))
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
