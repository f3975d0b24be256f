"""Export plugin: compact JSON-LD (`kg export --format jsonld`) with kg's published context.

The context is ``ontology/context.jsonld`` (shipped in the package) and is
inlined in every export, so the file reads offline and as plain JSON:
``@type`` from ``rdf:type`` (``"Park"``), short keys for kg's properties
(``locatedIn``, ``evidence``…), ``@language`` on the Chinese labels and
sentences, a language map for the aliases (``"altLabel": {"zh": […]}``).
Framing by type works (``jsonld.frame(doc, {"@context": ctx, "@type": "Park"})``).

The writer follows the context, not a general compaction algorithm: a value
that fits its term's coercion is written short, any other value is written as
an explicit value or node object (which expansion keeps as it is), so every
triple survives whatever the data holds. One flat ``@graph`` of node objects,
sorted, from the union of the store's graphs (like the other triple formats).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

import pyoxigraph as ox

from kg.export._rdf import union_triples

NAME = "jsonld"
SUFFIX = ".jsonld"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = _RDF + "type"


def context() -> dict:
    """kg's JSON-LD context (the object under ``@context`` in ontology/context.jsonld)."""
    text = files("kg").joinpath("ontology", "context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


class _Context:
    """What the writer needs from the context: prefixes, terms and their coercions."""

    def __init__(self, ctx: dict):
        self.prefixes: list[tuple[str, str]] = []
        self.vocab: dict[str, str] = {}  # IRI -> term, for @type and @vocab values
        self.props: dict[str, tuple[str, str | None, str | None]] = {}  # IRI -> key, type, lang
        self.langmap: set[str] = set()
        self.default_language = ctx.get("@language")  # then a bare string is not plain
        for key, d in ctx.items():
            if isinstance(d, str) and d.endswith(("/", "#")):
                self.prefixes.append((key, d))
        self.prefixes.sort(key=lambda kv: -len(kv[1]))  # longest namespace first
        for key, d in ctx.items():
            if key.startswith("@") or (isinstance(d, str) and d.endswith(("/", "#"))):
                continue
            d = {"@id": d} if isinstance(d, str) else d
            iri = self.expand(d["@id"])
            self.vocab.setdefault(iri, key)
            coerce = d.get("@type")
            if coerce not in (None, "@id", "@vocab"):
                coerce = self.expand(coerce)
            self.props[iri] = (key, coerce, d.get("@language"))
            if d.get("@container") == "@language":
                self.langmap.add(iri)

    def expand(self, value: str) -> str:
        prefix, _, suffix = value.partition(":")
        for name, space in self.prefixes:
            if name == prefix:
                return space + suffix
        return value

    def curie(self, iri: str) -> str:
        """``prefix:suffix`` (expanded back by any JSON-LD processor), else the IRI."""
        for name, space in self.prefixes:
            suffix = iri[len(space) :]
            if iri.startswith(space) and suffix and not suffix.startswith("//"):
                return f"{name}:{suffix}"
        return iri

    def node_id(self, term) -> str:
        return str(term) if isinstance(term, ox.BlankNode) else self.curie(term.value)


@cache
def _ctx() -> _Context:
    return _Context(context())


def _plain(ctx: _Context, o) -> object:
    """A value as an explicit node or value object, or a native JSON value where exact."""
    if not isinstance(o, ox.Literal):
        return {"@id": ctx.node_id(o)}
    if o.language:
        return {"@value": o.value, "@language": o.language}
    dt = o.datatype.value
    if dt == _XSD + "string":
        return {"@value": o.value} if ctx.default_language else o.value
    if dt == _XSD + "boolean" and o.value in ("true", "false"):
        return o.value == "true"
    if dt == _XSD + "integer" and o.value.lstrip("-").isdigit() and str(int(o.value)) == o.value:
        return int(o.value)
    return {"@value": o.value, "@type": ctx.curie(dt)}


def _short(ctx: _Context, coerce: str | None, lang: str | None, o) -> object | None:
    """The value as its term's coercion reads it back, or None when it does not fit."""
    if coerce is None and lang is None:  # a term with no coercion reads any value as written
        return _plain(ctx, o)
    if coerce == "@id" and not isinstance(o, ox.Literal):
        return ctx.node_id(o)
    if coerce == "@vocab" and isinstance(o, ox.NamedNode):
        return ctx.vocab.get(o.value) or ctx.curie(o.value)
    if isinstance(o, ox.Literal):
        if lang and coerce is None and o.language == lang:
            return o.value
        if coerce and not o.language and o.datatype.value == coerce:
            return o.value
    return None


def _one_or_many(values: list) -> object:
    return values[0] if len(values) == 1 else values


def _node(ctx: _Context, subject, triples: list[ox.Triple]) -> dict:
    node: dict = {"@id": ctx.node_id(subject)}
    by_pred: dict[str, list] = {}
    for t in triples:
        by_pred.setdefault(t.predicate.value, []).append(t.object)
    types = by_pred.pop(_TYPE, [])
    if types:
        node["@type"] = _one_or_many(
            [
                ctx.vocab.get(o.value) or ctx.curie(o.value)
                for o in types
                if not isinstance(o, ox.Literal)
            ]
        )
        other = [o for o in types if isinstance(o, ox.Literal)]
        if other:
            node["rdf:type"] = _one_or_many([_plain(ctx, o) for o in other])
    for pred, objects in sorted(by_pred.items()):
        key, coerce, lang = ctx.props.get(pred, (ctx.curie(pred), None, None))
        short, plain = [], []
        if pred in ctx.langmap:
            langs: dict[str, list] = {}
            for o in objects:
                if isinstance(o, ox.Literal) and o.language:
                    langs.setdefault(o.language, []).append(o.value)
                else:
                    plain.append(_plain(ctx, o))
            if langs:
                node[key] = {lg: _one_or_many(vs) for lg, vs in sorted(langs.items())}
        else:
            for o in objects:
                value = _short(ctx, coerce, lang, o)
                if value is None:
                    plain.append(_plain(ctx, o))
                else:
                    short.append(value)
            if short:
                node[key] = _one_or_many(short)
        if plain:  # values the term cannot carry: under the plain CURIE, explicit
            node[ctx.curie(pred)] = _one_or_many(plain)
    return node


def to_jsonld(triples) -> dict:
    """Compact JSON-LD of sorted triples: the inline context and one flat ``@graph``."""
    ctx = _ctx()
    graph, subject, group = [], None, []
    for t in triples:
        if t.subject != subject and group:
            graph.append(_node(ctx, subject, group))
            group = []
        subject = t.subject
        group.append(t)
    if group:
        graph.append(_node(ctx, subject, group))
    return {"@context": context(), "@graph": graph}


def export(store, out) -> None:
    doc = to_jsonld(union_triples(store))
    out.write(json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    out.write(b"\n")
