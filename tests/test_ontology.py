"""kg.ttl: parses, declares every term it uses with one OWL kind (OWL 2 DL
typing), labels every kg term in Chinese and English, and an OWL-RL closure
(owlrl) over the ontology plus a built graph finds no inconsistency."""

from pathlib import Path

import owlrl
import pytest
import rdflib
from graph_helpers import fixture_build, record_paths
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, RDFS

from kg.store import open_store
from kg.validate import store_graph

ONTO = Path(__file__).resolve().parents[1] / "kg" / "ontology"
KG = "https://w3id.org/kg/ontology#"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
BUILTIN = {
    str(RDF.type),
    str(RDFS.label),
    str(RDFS.comment),
    str(RDFS.subClassOf),
    str(RDFS.subPropertyOf),
    str(RDFS.domain),
    str(RDFS.range),
    str(RDFS.seeAlso),
}


@pytest.fixture(scope="module")
def onto():
    return rdflib.Graph().parse(ONTO / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("onto") / "s"
    fixture_build(record_paths(), path)
    with open_store(path) as s:
        return store_graph(s)


def _kinds(onto, term):
    return {k for k in KINDS if (term, RDF.type, k) in onto}


def test_every_kg_term_is_declared_once_and_labelled(onto):
    terms = {s for s in onto.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(KG)}
    assert {
        KG + n
        for n in (
            "Park",
            "Company",
            "Institution",
            "Industry",
            "locatedIn",
            "cooperatesWith",
            "evidence",
            "Assertion",
        )
    } <= {str(t) for t in terms}
    for t in terms:
        assert len(_kinds(onto, t)) == 1, t
        langs = {lit.language for lit in onto.objects(t, RDFS.label)}
        assert {"zh", "en"} <= langs, t
        assert {lit.language for lit in onto.objects(t, RDFS.comment)} >= {"zh", "en"}, t
    assert (rdflib.URIRef(KG + "cooperatesWith"), RDF.type, OWL.SymmetricProperty) in onto


def test_every_term_the_graph_uses_is_declared(onto, data):
    reserved = {str(RDF.subject), str(RDF.predicate), str(RDF.object)}  # reification
    for p in set(data.predicates()):
        if str(p) in BUILTIN | reserved:
            continue
        assert len(_kinds(onto, p)) == 1, p
    for c in set(data.objects(None, RDF.type)):
        assert (c, RDF.type, OWL.Class) in onto, c


def test_owl_rl_closure_is_consistent(onto, data):
    g = rdflib.Graph()
    for t in onto:
        g.add(t)
    for t in data:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    errors = list(g.subjects(RDF.type, ERRNS.ErrorMessage))
    assert errors == []
    # and the alignment works: a company is an org:Organization, a park a schema:Place
    org = rdflib.URIRef("http://www.w3.org/ns/org#Organization")
    assert any(True for _ in g.subjects(RDF.type, org))


def test_owl_rl_finds_a_clash(onto):
    g = rdflib.Graph()
    for t in onto:
        g.add(t)
    x = rdflib.URIRef("https://w3id.org/kg/id/park/x")
    g.add((x, RDF.type, rdflib.URIRef(KG + "Park")))
    g.add((x, RDF.type, rdflib.URIRef(KG + "Company")))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert list(g.subjects(RDF.type, ERRNS.ErrorMessage))
