"""Shared helpers of the RDF export plugins.

N-Triples, N-Quads, RDF/XML are written by pyoxigraph's serialisers. Turtle
and TriG are written here, because a serialiser free to pick prefixed names
writes ``ent:company\\/08dd…``: valid Turtle, but Virtuoso 7.2 keeps the
backslash in the IRI (every entity IRI and every document graph changed, and
nothing warned). Here a prefixed name is written only when its local part
needs no escape at all; any other IRI is written in full (``<…>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.rdf import ENT, GRAPH, PREFIXES, RDF, XSD

# kg's own IRIs have a kind segment (ent:park/…, graph:doc/…); these names make
# their local parts plain (park:30d7…), so exports stay short without escapes
EXPORT_PREFIXES = {
    **PREFIXES,
    "park": ENT + "park/",
    "company": ENT + "company/",
    "institution": ENT + "institution/",
    "industry": ENT + "industry/",
    "docgraph": GRAPH + "doc/",
}

# a local part that is a Turtle PN_LOCAL without any backslash escape, ASCII only
# (a %HH escape is an IRI character, kept as is); a final dot would end the triple
_HEX = "%[0-9A-Fa-f]{2}"
_PLAIN_LOCAL = re.compile(
    rf"(?:[A-Za-z0-9_]|{_HEX})(?:(?:[A-Za-z0-9_.-]|{_HEX})*(?:[A-Za-z0-9_-]|{_HEX}))?"
)
_TYPE = RDF + "type"
_STRING = XSD + "string"


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


class _Names:
    """IRIs as Turtle terms: ``prefix:local`` when that needs no escape, else ``<iri>``."""

    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so park: wins over ent: for …/id/park/…
        self._spaces = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self._cache: dict[str, str] = {}
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        term = self._cache.get(iri)
        if term is None:
            term = f"<{iri}>"
            for name, space in self._spaces:
                local = iri[len(space) :]
                if iri.startswith(space) and _PLAIN_LOCAL.fullmatch(local):
                    term = f"{name}:{local}"
                    self.used.add(name)
                    break
            self._cache[iri] = term
        return term

    def term(self, t) -> str:
        if isinstance(t, ox.NamedNode):
            return self.iri(t.value)
        if isinstance(t, ox.Literal):
            text = str(ox.Literal(t.value))
            if t.language:
                return f"{text}@{t.language}"
            if t.datatype.value == _STRING:
                return text
            return f"{text}^^{self.iri(t.datatype.value)}"
        return str(t)  # blank node: _:id is the same in Turtle


def _block(triples: Iterable[ox.Triple], names: _Names, indent: str) -> Iterator[str]:
    """Turtle statements of sorted triples, grouped by subject (``;``) and predicate (``,``)."""
    subject = predicate = None
    for t in triples:
        if t.subject != subject:
            if subject is not None:
                yield " .\n"
            subject, predicate = t.subject, None
            yield f"{indent}{names.term(t.subject)} "
        if t.predicate != predicate:
            if predicate is not None:
                yield f" ;\n{indent}\t"
            predicate = t.predicate
            yield "a " if t.predicate.value == _TYPE else f"{names.term(t.predicate)} "
        else:
            yield " , "
        yield names.term(t.object)
    if subject is not None:
        yield " .\n"


def _header(names: _Names, body: list[str]) -> str:
    used = [(n, s) for n, s in EXPORT_PREFIXES.items() if n in names.used]
    return (
        "".join(f"@prefix {n}: <{s}> .\n" for n, s in used) + ("\n" if used else "") + "".join(body)
    )


def write_turtle(store, out) -> None:
    """The union of the store's graphs as Turtle (prefixed names only where plain)."""
    names = _Names(EXPORT_PREFIXES)
    body = list(_block(union_triples(store), names, ""))
    out.write(_header(names, body).encode("utf-8"))


def write_trig(store, out) -> None:
    """The store's quads as TriG, one block per named graph."""
    names = _Names(EXPORT_PREFIXES)
    quads = sorted(store.quads(), key=lambda q: (str(q.graph_name), str(q)))
    body: list[str] = []
    start = 0
    while start < len(quads):
        graph = quads[start].graph_name
        end = start
        while end < len(quads) and quads[end].graph_name == graph:
            end += 1
        triples = (q.triple for q in quads[start:end])
        if isinstance(graph, ox.DefaultGraph):
            body.extend(_block(triples, names, ""))
        else:
            body.append(f"{names.term(graph)} {{\n")  # no GRAPH keyword: TriG of 2010 too
            body.extend(_block(triples, names, "\t"))
            body.append("}\n")
        start = end
    out.write(_header(names, body).encode("utf-8"))
