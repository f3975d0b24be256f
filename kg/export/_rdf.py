"""Shared helpers of the RDF export plugins (pyoxigraph serialisers)."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from kg.rdf import PREFIXES


def union_triples(store) -> Iterator[ox.Triple]:
    """Every distinct triple of the store, from all its named graphs, sorted."""
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    return iter(sorted(seen, key=str))


def sorted_quads(store) -> list[ox.Quad]:
    return sorted(store.quads(), key=str)


def write_triples(store, out, fmt: ox.RdfFormat) -> None:
    ox.serialize(union_triples(store), out, format=fmt, prefixes=PREFIXES)


def write_quads(store, out, fmt: ox.RdfFormat) -> None:
    ox.serialize(sorted_quads(store), out, format=fmt, prefixes=PREFIXES)
