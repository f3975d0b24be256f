import pytest
import rdflib
from graph_helpers import fixture_build, record_paths
from rdflib import RDF, RDFS, Literal, URIRef

from kg.store import open_store
from kg.validate import store_graph, validate, validate_graph

KG = rdflib.Namespace("https://w3id.org/kg/ontology#")


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("validate") / "s"
    fixture_build(record_paths(), path)
    with open_store(path) as s:
        assert validate(s).conforms  # a built graph passes
        return store_graph(s)


def _copy(g):
    out = rdflib.Graph()
    for t in g:
        out.add(t)
    return out


def test_built_graph_conforms(graph):
    report = validate_graph(graph)
    assert report.conforms, [str(v) for v in report.violations]


def test_fact_without_provenance_fails(graph):
    g = _copy(graph)
    stmt = next(g.subjects(RDF.type, KG.Assertion))
    fact = (g.value(stmt, RDF.subject), g.value(stmt, RDF.predicate), g.value(stmt, RDF.object))
    for st in list(g.subjects(RDF.subject, fact[0])):  # every assertion of that fact
        if (st, RDF.predicate, fact[1]) in g and (st, RDF.object, fact[2]) in g:
            for t in list(g.triples((st, None, None))):
                g.remove(t)
    report = validate_graph(g)
    assert not report.conforms
    assert any("no kg:Assertion" in v.message for v in report.violations)


def test_wrong_types_and_missing_label_fail(graph):
    g = _copy(graph)
    park = next(g.subjects(RDF.type, KG.Park))
    industry = next(g.subjects(RDF.type, KG.Industry))
    g.add((industry, KG.locatedIn, park))  # an industry is not located anywhere
    company = next(g.subjects(RDF.type, KG.Company))
    g.remove((company, RDFS.label, None))
    g.add((park, RDF.type, KG.Company))  # two kg types
    g.add((URIRef("https://w3id.org/kg/id/park/x"), RDFS.label, Literal("无类型")))
    report = validate_graph(g)
    assert not report.conforms
    msgs = " | ".join(str(v) for v in report.violations)
    assert "Company or Institution to a Park" in msgs
    assert "one @zh rdfs:label" in msgs
    assert "exactly one kg type" in msgs


def test_seed_graph_conforms_under_rdfs_and_owl_inference():
    """pySHACL with inference="both" (RDFS + OWL-RL over the data and kg.ttl +
    industries.ttl): the inverse of a symmetric kg:cooperatesWith fact, which the
    inference adds, has its provenance in the stored direction's assertion."""
    import pyshacl
    from viz_helpers import seed_store

    from kg.validate import ONTOLOGY, SHAPES

    with open_store(seed_store()) as s:
        data = store_graph(s)
    assert any(True for _ in data.triples((None, KG.cooperatesWith, None)))
    ont = rdflib.Graph().parse(ONTOLOGY / "kg.ttl").parse(ONTOLOGY / "industries.ttl")
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="both")
    assert conforms, text[:2000]
