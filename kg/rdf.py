"""How resolved records become RDF quads (the shape is docs/graph-model.md).

* entity descriptions go into the named graph ``graph:entities``;
* each document's facts, their provenance nodes (``kg:Assertion``) and the
  document's own description go into ``graph:doc/<file name>``, so a document
  can be replaced by dropping its graph.

Only well-typed facts are written (the signatures below, the same as in
``kg/ontology/kg.ttl`` and ``shapes.ttl``); the others are counted as dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from kg.resolve import Resolution

KG = "https://w3id.org/kg/ontology#"
ENT = "https://w3id.org/kg/id/"
IND = "https://w3id.org/kg/industry/"
DOC = "https://w3id.org/kg/doc/"
STMT = "https://w3id.org/kg/statement/"
GRAPH = "https://w3id.org/kg/graph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {
    "kg": KG,
    "ent": ENT,
    "ind": IND,
    "doc": DOC,
    "stmt": STMT,
    "graph": GRAPH,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "org": "http://www.w3.org/ns/org#",
    "schema": "http://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
}

ORGS = frozenset({"Company", "Institution"})
# predicate → (allowed subject types, allowed object types); GUIDELINES.md
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "locatedIn": (ORGS, frozenset({"Park"})),
    "partOf": (frozenset({"Park"}), frozenset({"Park"})),
    "focusesOn": (frozenset({"Park"}), frozenset({"Industry"})),
    "inIndustry": (ORGS, frozenset({"Industry"})),
    "cooperatesWith": (ORGS | {"Park"}, ORGS | {"Park"}),
}
SYMMETRIC = frozenset({"cooperatesWith"})

ENTITIES_GRAPH = NamedNode(GRAPH + "entities")
_TYPE = NamedNode(RDF + "type")
_ZH = "zh"


def _quote_doc(doc: str) -> str:
    # a name with bytes that are not UTF-8 (surrogate escapes) keeps those bytes,
    # percent-encoded, instead of failing the whole build in quote()
    return quote(doc.encode("utf-8", "surrogateescape"), safe="-._~")


def doc_iri(doc: str) -> NamedNode:
    return NamedNode(DOC + _quote_doc(doc))


def doc_graph(doc: str) -> NamedNode:
    return NamedNode(GRAPH + "doc/" + _quote_doc(doc))


def statement_iri(doc: str, s: str, p: str, o: str) -> NamedNode:
    h = hashlib.sha1(f"{doc}|{s}|{p}|{o}".encode()).hexdigest()[:16]
    return NamedNode(STMT + h)


def _lit(text: str) -> Literal:
    return Literal(text, language=_ZH)


_INTEGER = NamedNode(XSD + "integer")
_DECIMAL = NamedNode(XSD + "decimal")


def _int(v: int) -> Literal:
    return Literal(str(int(v)), datatype=_INTEGER)


def _dec(v: float) -> Literal:
    return Literal(
        format(round(float(v), 3), "f").rstrip("0").rstrip(".") or "0",
        datatype=_DECIMAL,
    )


@dataclass
class Facts:
    """What one document states, after resolution: (s, p, o) → best relation."""

    doc: str
    facts: dict[tuple[str, str, str], dict] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


def document_facts(record: dict, res: Resolution) -> Facts:
    """The well-typed facts of one record, one per (fact, document)."""
    out = Facts(record["doc"])
    for rel in record.get("relations", []):
        p = rel.get("predicate")
        s = res.iri(record["doc"], rel.get("subject", ""))
        o = res.iri(record["doc"], rel.get("object", ""))
        why = None
        if p not in SIGNATURES:
            why = f"unknown predicate {p!r}"
        elif s is None or o is None:
            why = "an end is not an entity of the record"
        elif s == o:
            why = "both ends are one entity"
        else:
            st, ot = res.entities[s].type, res.entities[o].type
            if st not in SIGNATURES[p][0] or ot not in SIGNATURES[p][1]:
                why = f"{p} does not go from {st} to {ot}"
        if why:
            out.dropped.append(f"{rel.get('subject')} {p} {rel.get('object')}: {why}")
            continue
        if p in SYMMETRIC and o < s:
            s, o = o, s
        key = (s, p, o)
        best = out.facts.get(key)
        rank = (-float(rel.get("confidence", 1.0) or 0), int(rel.get("start", 0) or 0))
        if best is None or rank < (
            -float(best.get("confidence", 1.0) or 0),
            int(best.get("start", 0) or 0),
        ):
            out.facts[key] = rel
    return out


def entity_quads(res: Resolution) -> Iterator[Quad]:
    """Descriptions of every resolved entity, in ``graph:entities``."""
    for iri in sorted(res.entities):
        e = res.entities[iri]
        yield from entity_description(e)
        yield from mention_quads(iri, e.docs)


# the predicates of entity_description: everything about an entity but kg:mentionedIn
DESCRIPTION_PREDICATES = tuple(
    NamedNode(p)
    for p in (
        RDF + "type",
        RDFS + "label",
        SKOS + "prefLabel",
        SKOS + "altLabel",
        SKOS + "exactMatch",
    )
)
MENTIONED_IN = NamedNode(KG + "mentionedIn")


def entity_description(e) -> Iterator[Quad]:
    """An entity's type, labels and concept (a few quads, whatever its documents)."""
    g = ENTITIES_GRAPH
    node = NamedNode(e.iri)
    yield Quad(node, _TYPE, NamedNode(KG + e.type), g)
    yield Quad(node, NamedNode(RDFS + "label"), _lit(e.label), g)
    yield Quad(node, NamedNode(SKOS + "prefLabel"), _lit(e.label), g)
    for a in e.aliases:
        yield Quad(node, NamedNode(SKOS + "altLabel"), _lit(a), g)
    if e.concept:
        yield Quad(node, NamedNode(SKOS + "exactMatch"), NamedNode(e.concept), g)


def mention_quads(iri: str, docs: Iterable[str]) -> Iterator[Quad]:
    """``<iri> kg:mentionedIn <doc>`` for each of ``docs`` (one per document: a
    popular park has thousands, so ``kg add`` writes only the new ones)."""
    node = NamedNode(iri)
    for d in docs:
        yield Quad(node, MENTIONED_IN, doc_iri(d), ENTITIES_GRAPH)


class _N:
    """The fixed IRIs of document_quads, made once (it writes 166 quads a document)."""

    document = NamedNode(KG + "Document")
    assertion = NamedNode(KG + "Assertion")
    prov_entity = NamedNode(PROV + "Entity")
    title = NamedNode(DCTERMS + "title")
    headline = NamedNode("http://schema.org/headline")
    source = NamedNode(DCTERMS + "source")
    subject = NamedNode(RDF + "subject")
    predicate = NamedNode(RDF + "predicate")
    object = NamedNode(RDF + "object")
    evidence = NamedNode(KG + "evidence")
    start = NamedNode(KG + "start")
    end = NamedNode(KG + "end")
    confidence = NamedNode(KG + "confidence")
    derived = NamedNode(PROV + "wasDerivedFrom")
    predicates = {p: NamedNode(KG + p) for p in SIGNATURES}


def document_quads(record: dict, facts: Facts) -> Iterator[Quad]:
    """One document's description, facts and provenance, in its own graph."""
    doc = record["doc"]
    g = doc_graph(doc)
    d = doc_iri(doc)
    yield Quad(d, _TYPE, _N.document, g)
    yield Quad(d, _TYPE, _N.prov_entity, g)
    yield Quad(d, _N.title, Literal(doc), g)
    if record.get("title"):  # the article's first line (dcterms:title is its file name)
        yield Quad(d, _N.headline, Literal(str(record["title"])), g)
    if record.get("source"):
        yield Quad(d, _N.source, Literal(str(record["source"])), g)
    for (s, p, o), rel in sorted(facts.facts.items()):
        sn, pn, on = NamedNode(s), _N.predicates.get(p) or NamedNode(KG + p), NamedNode(o)
        yield Quad(sn, pn, on, g)
        st = statement_iri(doc, s, p, o)
        yield Quad(st, _TYPE, _N.assertion, g)
        yield Quad(st, _TYPE, _N.prov_entity, g)
        yield Quad(st, _N.subject, sn, g)
        yield Quad(st, _N.predicate, pn, g)
        yield Quad(st, _N.object, on, g)
        yield Quad(st, _N.evidence, _lit(rel.get("evidence") or ""), g)
        if rel.get("start") is not None and rel.get("end") is not None:
            yield Quad(st, _N.start, _int(rel["start"]), g)
            yield Quad(st, _N.end, _int(rel["end"]), g)
        if rel.get("confidence") is not None:
            yield Quad(st, _N.confidence, _dec(rel["confidence"]), g)
        yield Quad(st, _N.derived, d, g)


def dropped_facts(records: dict[str, dict], res: Resolution) -> list[str]:
    """``"<doc>: <relation>: <why>"`` for every relation of ``records`` that the
    graph does not state (an end that is not an entity, a wrong type…)."""
    return [
        f"{doc}: {why}"
        for doc in sorted(records)
        for why in document_facts(records[doc], res).dropped
    ]


def graph_quads(records: Iterable[dict], res: Resolution, dropped: list[str] | None = None):
    """Every quad of the graph of ``records`` resolved as ``res``; ``dropped`` gets
    the relations not written (as :func:`dropped_facts` lists them)."""
    yield from entity_quads(res)
    for rec in sorted(records, key=lambda r: r["doc"]):
        yield from _record_quads(rec, res, dropped)


def mapped_graph_quads(
    records: Mapping[str, dict], res: Resolution, dropped: list[str] | None = None
):
    """:func:`graph_quads` of ``records`` (document name → record) taken one record
    at a time, in document order: records kept on disk are read one by one."""
    yield from entity_quads(res)
    for doc in sorted(records):
        yield from _record_quads(records[doc], res, dropped)


def _record_quads(rec: dict, res: Resolution, dropped: list[str] | None) -> Iterator[Quad]:
    facts = document_facts(rec, res)
    if dropped is not None:
        dropped.extend(f"{rec['doc']}: {x}" for x in facts.dropped)
    yield from document_quads(rec, facts)
