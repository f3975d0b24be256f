"""kg.ttl: parses, declares every term it uses with one OWL kind (OWL 2 DL
typing), labels every kg term in Chinese and English, and an OWL-RL closure
(owlrl) over the ontology plus a built graph finds no inconsistency. kg.ttl +
industries.ttl together pass an OWL 2 DL typing check (a structural one in Python,
always) and HermiT (via owlready2, when Java is there); cooperating parks are not
inferred to be organisations under ORG's own axioms."""

import shutil
from pathlib import Path

import owlrl
import pytest
import rdflib
from graph_helpers import fixture_build, record_paths
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, RDFS, SKOS

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


# ------------------------------------------------- OWL 2 DL (kg.ttl + industries.ttl)

RESERVED = (str(RDF), str(RDFS), str(OWL))
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")


@pytest.fixture(scope="module")
def both():
    g = rdflib.Graph().parse(ONTO / "kg.ttl", format="turtle")
    return g.parse(ONTO / "industries.ttl", format="turtle")


def dl_problems(g: rdflib.Graph) -> list[str]:
    """The OWL 2 DL typing problems of an ontology graph, as an OWL profile checker
    reports them: a property used undeclared or with more than one property kind,
    a class used undeclared, an IRI that is both a class and a property (punning
    across them is not DL)."""
    out = []
    for p in sorted(set(g.predicates())):
        if str(p).startswith(RESERVED):
            continue
        kinds = [k for k in PROPERTY_KINDS if (p, RDF.type, k) in g]
        if len(kinds) != 1:
            out.append(f"property {p}: {len(kinds)} kinds {kinds}")
    for c in sorted(set(g.objects(None, RDF.type)) | set(g.objects(None, RDFS.subClassOf))):
        if isinstance(c, rdflib.URIRef) and not str(c).startswith(RESERVED):
            if (c, RDF.type, OWL.Class) not in g:
                out.append(f"class {c} undeclared")
    for c in sorted(set(g.subjects(RDF.type, OWL.Class))):
        if any((c, RDF.type, k) in g for k in PROPERTY_KINDS):
            out.append(f"{c} is both a class and a property")
    return out


def test_kg_and_industries_are_owl2_dl(both):
    assert dl_problems(both) == []
    # and the industry scheme alone too (it is published on its own)
    alone = rdflib.Graph().parse(ONTO / "industries.ttl", format="turtle")
    assert dl_problems(alone) == []


def test_dl_check_finds_an_undeclared_skos_property(both):
    g = rdflib.Graph()
    for t in both:
        g.add(t)
    g.remove((rdflib.URIRef(str(SKOS) + "broader"), RDF.type, OWL.ObjectProperty))
    assert any("skos/core#broader" in p for p in dl_problems(g))


def test_cooperating_parks_do_not_become_organisations(onto):
    """kg.ttl carries ORG's domain and range of org:linkedTo; a park that cooperates
    must stay a park, not be inferred an org:Organization."""
    assert (ORG.linkedTo, RDFS.domain, ORG.Organization) in onto
    g = rdflib.Graph()
    for t in onto:
        g.add(t)
    park = rdflib.URIRef("https://w3id.org/kg/id/park/p")
    firm = rdflib.URIRef("https://w3id.org/kg/id/company/c")
    g.add((park, RDF.type, rdflib.URIRef(KG + "Park")))
    g.add((firm, RDF.type, rdflib.URIRef(KG + "Company")))
    g.add((park, rdflib.URIRef(KG + "cooperatesWith"), firm))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert (firm, RDF.type, ORG.Organization) in g
    assert (park, RDF.type, ORG.Organization) not in g
    assert list(g.subjects(RDF.type, ERRNS.ErrorMessage)) == []


def _hermit():
    if shutil.which("java") is None:
        pytest.skip("no Java: HermiT cannot run")
    return pytest.importorskip("owlready2")


def test_hermit_finds_the_ontology_consistent(both, tmp_path):
    """HermiT (bundled with owlready2, needs Java): kg.ttl + industries.ttl are
    consistent and no class is unsatisfiable."""
    owlready2 = _hermit()
    nt = tmp_path / "onto.nt"
    both.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
