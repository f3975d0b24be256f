"""Every export loads into a real Oxigraph server unchanged (issue 14: exports
round-trip through rdflib, pyoxigraph, an Oxigraph server and Virtuoso).

The triple formats go into the server's default graph, the quad formats into
its dataset (SPARQL 1.1 Graph Store Protocol, ``POST /store``); what the server
gives back (``GET /store`` as N-Quads) must be exactly what the store holds.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from graph_helpers import fixture_build, record_paths
from oxigraph_helpers import needs_oxigraph, oxigraph_server

from kg.export import export
from kg.export._rdf import union_triples
from kg.store import open_store

pytestmark = needs_oxigraph

MEDIA = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
    "nq": "application/n-quads",
    "trig": "application/trig",
}


@pytest.fixture
def server(tmp_path):
    yield from oxigraph_server(tmp_path / "ox")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("oxexport") / "s"
    fixture_build(record_paths(), path)
    with open_store(path) as s:
        yield s


def _load(url: str, path, fmt: str) -> None:
    """POST a file to the server's Graph Store Protocol endpoint."""
    r = httpx.post(
        url,
        content=Path(path).read_bytes(),
        headers={"Content-Type": MEDIA[fmt]},
        timeout=120,
    )
    assert r.status_code in (200, 201, 204), r.text


def _served(url: str) -> set:
    r = httpx.get(url + "/store", headers={"Accept": "application/n-quads"}, timeout=120)
    assert r.status_code == 200, r.text
    return set(ox.parse(r.content, format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml"])
def test_triple_exports_load_into_the_default_graph_unchanged(server, store, fmt, tmp_path):
    _load(server + "/store?default", export(store, fmt, tmp_path / f"g.{fmt}"), fmt)
    want = {
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union_triples(store)
    }
    assert _served(server) == want


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_quad_exports_load_with_their_named_graphs_unchanged(server, store, fmt, tmp_path):
    _load(server + "/store", export(store, fmt, tmp_path / f"g.{fmt}"), fmt)
    assert _served(server) == set(store.quads())
