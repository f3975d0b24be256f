import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from graph_helpers import fixture_build, record_paths
from pyld import jsonld

import kg
from kg.errors import KgError
from kg.export import FORMATS, export, exporter
from kg.export import jsonld as jsonld_export
from kg.export._rdf import union_triples
from kg.store import open_store

TRIPLES = {"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld"}
QUADS = {"nq": "nquads", "trig": "trig"}
OX = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


def _triples(quads) -> set:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "s"
    fixture_build(record_paths(), path)
    with open_store(path) as s:
        yield s


@pytest.mark.parametrize("fmt", sorted(TRIPLES))
def test_triple_formats_round_trip(store, fmt, tmp_path):
    out = export(store, fmt, tmp_path / f"g.{fmt}")
    expected = set(union_triples(store))
    assert _triples(ox.parse(path=out, format=OX[fmt])) == expected
    g = rdflib.Graph().parse(out, format=TRIPLES[fmt])
    back = ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert _triples(back) == expected


@pytest.mark.parametrize("fmt", sorted(QUADS))
def test_quad_formats_keep_the_named_graphs(store, fmt, tmp_path):
    out = export(store, fmt, tmp_path / f"g.{fmt}")
    expected = set(store.quads())
    assert set(ox.parse(path=out, format=OX[fmt])) == expected
    ds = rdflib.Dataset()
    ds.parse(out, format=QUADS[fmt])
    back = ox.parse(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    assert set(back) == expected


_TRICKY_GRAPH = ox.NamedNode("https://w3id.org/kg/graph/doc/%E6%B5%8B%E8%AF%95~1.txt")
_TRICKY = [
    ox.Quad(
        ox.NamedNode("https://w3id.org/kg/id/company/a~b"),
        ox.NamedNode("https://w3id.org/kg/ontology#locatedIn"),
        ox.NamedNode("https://w3id.org/kg/id/park/x/y."),
        _TRICKY_GRAPH,
    ),
    ox.Quad(
        ox.NamedNode("https://w3id.org/kg/id/company/%E7%94%B2"),
        ox.NamedNode("https://w3id.org/kg/ontology#evidence"),
        ox.Literal('他说："A\\B"\n\t第二行', language="zh"),
        ox.DefaultGraph(),
    ),
]


class _WithTricky:
    """A store plus quads whose IRIs could only be prefixed names with escapes."""

    def __init__(self, store):
        self._store = store

    def quads(self):
        yield from self._store.quads()
        yield from _TRICKY


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_and_trig_write_no_escaped_prefixed_names(store, fmt, tmp_path):
    """Virtuoso 7.2 keeps the backslash of ent:company\\/08dd…, so none may be written."""
    data = _WithTricky(store)
    out = export(data, fmt, tmp_path / f"g.{fmt}")
    text = open(out, encoding="utf-8").read()
    assert not re.search(r"(?:^|\s)[A-Za-z][\w-]*:[^\s<>\"]*\\", text, re.M)
    assert "company:08dd9982e12d" in text  # kg's own IRIs stay short
    assert "<https://w3id.org/kg/id/company/a~b>" in text
    assert "<https://w3id.org/kg/id/park/x/y.>" in text
    parsed = set(ox.parse(path=out, format=OX[fmt]))
    if fmt == "trig":
        assert parsed == set(data.quads())
    else:
        assert _triples(parsed) == _triples(data.quads())
        g = rdflib.Graph().parse(out, format="turtle")
        back = ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        assert _triples(back) == _triples(data.quads())


_FACT_SUPPORT = """
SELECT ?s ?p ?o (COUNT(DISTINCT ?doc) AS ?n)
WHERE { ?st a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
            prov:wasDerivedFrom ?doc }
GROUP BY ?s ?p ?o
"""


def _expected_edges(store) -> set[tuple]:
    """(source, target, predicate, documents) of every fact, straight from SPARQL.

    cooperatesWith is symmetric: one fact, both directions, documents counted once.
    """
    support: dict[tuple, int] = {}
    for row in store.query(_FACT_SUPPORT):
        s, p, o = row["s"].value, row["p"].value.rsplit("#", 1)[-1], row["o"].value
        if p == "cooperatesWith":
            s, o = sorted((s, o))
        support[(s, p, o)] = support.get((s, p, o), 0) + int(row["n"].value)
    edges = {(s, o, p, n) for (s, p, o), n in support.items()}
    edges |= {(o, s, p, n) for (s, p, o), n in support.items() if p == "cooperatesWith"}
    return edges


def test_graphml_edge_ids_are_unique(store, tmp_path):
    out = export(store, "graphml", tmp_path / "g.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [e.get("id") for e in ET.parse(out).getroot().iterfind(".//g:edge", ns)]
    assert len(ids) > 5 and None not in ids
    assert len(set(ids)) == len(ids)
    assert ids == [f"e{i}" for i in range(len(ids))]


def test_graphml_reloads_in_networkx_with_the_same_edges(store, tmp_path):
    out = export(store, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(out, force_multigraph=True)
    entities = int(
        next(
            iter(
                store.query(
                    "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH graph:entities { ?e a ?t } }"
                )
            )
        )["n"].value
    )
    assert g.number_of_nodes() == entities
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "重庆植恩药业有限公司" in labels
    edges = [(s, o, d["label"], d["weight"]) for s, o, d in g.edges(data=True)]
    assert len(edges) == len(set(edges))  # no fact written twice
    assert set(edges) == _expected_edges(store)
    for _, _, d in g.edges(data=True):
        assert d["predicate"] == d["label"]
        assert d["symmetric"] == (d["label"] == "cooperatesWith")
        assert len(d["documents"].split("|")) == d["weight"]
        assert d["evidence"]
    assert any(d["weight"] > 1 for _, _, d in g.edges(data=True))


def test_graphml_symmetric_fact_stated_both_ways_is_one_fact():
    from kg.export.graphml import to_graphml_graph

    view = nx.MultiDiGraph()
    view.add_node("a", label="甲", type="Company", aliases=[], docs=["1.txt"])
    view.add_node("b", label="乙", type="Company", aliases=["乙方"], docs=["2.txt"])
    view.add_edge("a", "b", key="cooperatesWith", docs=["1.txt"], sentence="甲与乙合作。")
    view.add_edge("b", "a", key="cooperatesWith", docs=["2.txt"], sentence="乙与甲合作。")
    view.add_edge("a", "b", key="locatedIn", docs=["1.txt"], sentence="甲位于乙。")
    g = to_graphml_graph(view)
    got = sorted((s, o, k, d["label"], d["weight"]) for s, o, k, d in g.edges(keys=True, data=True))
    assert [(s, o, lab, w) for s, o, _, lab, w in got] == [
        ("a", "b", "cooperatesWith", 2),
        ("a", "b", "locatedIn", 1),
        ("b", "a", "cooperatesWith", 2),
    ]
    assert sorted(k for *_, k, _, _ in got) == ["e0", "e1", "e2"]
    assert g.nodes["b"]["aliases"] == "乙方"


_XSD = "http://www.w3.org/2001/XMLSchema#"
_ODD_VALUES = [  # values a short key of the context cannot carry: they must survive too
    ox.Triple(
        ox.NamedNode("https://w3id.org/kg/id/park/p1"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("Hi-Tech Zone", language="en"),
    ),
    ox.Triple(
        ox.NamedNode("https://w3id.org/kg/id/park/p1"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("no language"),
    ),
    ox.Triple(
        ox.NamedNode("https://w3id.org/kg/id/park/p1"),
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
        ox.Literal("plain alias"),
    ),
    ox.Triple(
        ox.NamedNode("https://w3id.org/kg/id/park/p1"),
        ox.NamedNode("https://w3id.org/kg/ontology#locatedIn"),
        ox.Literal("not an IRI"),
    ),
    ox.Triple(
        ox.NamedNode("https://w3id.org/kg/statement/s1"),
        ox.NamedNode("https://w3id.org/kg/ontology#start"),
        ox.Literal("007", datatype=ox.NamedNode(_XSD + "integer")),
    ),
    ox.Triple(
        ox.NamedNode("https://w3id.org/kg/statement/s1"),
        ox.NamedNode("https://w3id.org/kg/ontology#confidence"),
        ox.Literal("0.5", datatype=ox.NamedNode(_XSD + "float")),
    ),
    ox.Triple(
        ox.BlankNode("b1"),
        ox.NamedNode("http://example.org/other#count"),
        ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer")),
    ),
    ox.Triple(
        ox.BlankNode("b1"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("http://example.org/other#Thing"),
    ),
]


def _pyld_triples(doc: dict) -> set:
    nq = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    return _triples(ox.parse(nq, format=ox.RdfFormat.N_QUADS))


def _iso(triples) -> set:
    """Triples as N-Triples, every blank node subject called _:b (the test data has one)."""
    return {
        str(t).replace(str(t.subject), "_:b", 1) if isinstance(t.subject, ox.BlankNode) else str(t)
        for t in triples
    }


def test_jsonld_is_compact_with_the_published_context(store, tmp_path):
    out = export(store, "jsonld", tmp_path / "g.jsonld")
    doc = json.loads(open(out, encoding="utf-8").read())
    shipped = json.loads((Path(kg.__file__).parent / "ontology" / "context.jsonld").read_text())
    assert doc["@context"] == shipped["@context"] == jsonld_export.context()
    nodes = {n["@id"]: n for n in doc["@graph"]}
    zhien = next(n for n in nodes.values() if n.get("label") == "重庆植恩药业有限公司")
    assert zhien["@type"] == "Company" and zhien["@id"].startswith("company:")
    assert zhien["altLabel"] == {"zh": ["植恩生物", "植恩药业"]}
    assert all(p.startswith("park:") for p in zhien["locatedIn"])
    fact = next(n for n in nodes.values() if "Assertion" in n.get("@type", ()))
    assert fact["predicate"] in ("locatedIn", "partOf", "focusesOn", "inIndustry", "cooperatesWith")
    assert _pyld_triples(doc) == set(union_triples(store))


def test_jsonld_framing_by_type_finds_the_parks(store, tmp_path):
    out = export(store, "jsonld", tmp_path / "g.jsonld")
    doc = json.loads(open(out, encoding="utf-8").read())
    ctx = jsonld_export.context()
    parks = {r["e"].value for r in store.query("SELECT DISTINCT ?e WHERE { ?e a kg:Park }")}
    assert parks
    for frame_type in ("kg:Park", "Park"):
        framed = jsonld.frame(doc, {"@context": ctx, "@type": frame_type})
        found = framed["@graph"]
        assert {jsonld_export._ctx().expand(n["@id"]) for n in found} == parks
        assert all(n["@type"] == "Park" or "Park" in n["@type"] for n in found)


def test_jsonld_keeps_values_the_context_cannot_shorten():
    doc = jsonld_export.to_jsonld(sorted(_ODD_VALUES, key=str))
    want = _iso(_ODD_VALUES)
    assert _iso(_pyld_triples(doc)) == want
    g = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    back = ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    # rdflib itself rewrites "007"^^xsd:integer as "7" (it normalises literals on parsing)
    assert {t for t in _iso(_triples(back)) if "#start>" not in t} == {
        t for t in want if "#start>" not in t
    }
    assert _iso(_triples(ox.parse(json.dumps(doc), format=ox.RdfFormat.JSON_LD))) == want


def test_every_format_has_a_plugin():
    for fmt in FORMATS:
        plugin = exporter(fmt)
        assert plugin.NAME == fmt and plugin.SUFFIX.startswith(".")
    with pytest.raises(KgError, match="unknown export format"):
        exporter("csv")
