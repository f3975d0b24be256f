import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from graph_helpers import fixture_build, record_paths

from kg.errors import KgError
from kg.export import FORMATS, export, exporter
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


def test_graphml_loads_in_networkx(store, tmp_path):
    out = export(store, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(out)
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
    assert g.number_of_edges() > 0
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "重庆植恩药业有限公司" in labels
    preds = {d["predicate"] for _, _, d in g.edges(data=True)}
    assert "locatedIn" in preds


def test_every_format_has_a_plugin():
    for fmt in FORMATS:
        plugin = exporter(fmt)
        assert plugin.NAME == fmt and plugin.SUFFIX.startswith(".")
    with pytest.raises(KgError, match="unknown export format"):
        exporter("csv")
