"""Results in the formats people and programs read: SPARQL results (JSON, XML,
CSV, TSV), RDF (Turtle, N-Triples, RDF/XML, JSON-LD), a table, the explorer's
JSON; content negotiation; terms as SPARQL JSON."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.query import execute
from kg.query.errors import QueryError
from kg.query.results import XSD, Result, negotiate


def test_formats(seeds):
    q = "SELECT ?p ?l WHERE { ?p a kg:Park ; rdfs:label ?l } ORDER BY ?l LIMIT 3"
    res = execute(seeds, q)
    js = json.loads(res.serialize("json"))
    assert js["head"]["vars"] == ["p", "l"] and len(js["results"]["bindings"]) == 3
    assert js["results"]["bindings"][0]["l"]["xml:lang"] == "zh"
    rows = list(csv.reader(io.StringIO(res.serialize("csv").decode())))
    assert rows[0] == ["p", "l"] and len(rows) == 4
    assert res.serialize("tsv").decode().splitlines()[0] == "?p\t?l"
    assert b"<sparql" in res.serialize("xml")
    for fmt in ("json", "xml", "tsv"):  # pyoxigraph reads them back (CSV is lossy)
        back = ox.parse_query_results(
            res.serialize(fmt), format=getattr(ox.QueryResultsFormat, fmt.upper())
        )
        assert len(list(back)) == 3
    table = res.format("table", {"ent": "https://w3id.org/kg/id/"})
    assert "ent:park/" in table and "(3 rows)" in table
    g = execute(seeds, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Park ; rdfs:label ?l }")
    n = len(g)
    assert n > 10
    for fmt, rdf in [("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                     ("xml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD)]:  # fmt: skip
        assert len(list(ox.parse(g.serialize(fmt), format=rdf))) == n, fmt
    with pytest.raises(QueryError):
        g.serialize("csv")
    assert execute(seeds, "ASK { ?s a kg:Park }").to_python() is True


def test_negotiate():
    assert negotiate(None, "results") == "json"
    assert negotiate("*/*", "graph") == "ttl"
    assert negotiate("text/csv", "results") == "csv"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "results") == "xml"
    assert negotiate("application/rdf+xml", "graph") == "xml"
    assert negotiate("application/ld+json", "graph") == "jsonld"
    assert negotiate("image/png", "results") is None
    assert negotiate("text/*", "results") in ("xml", "csv", "tsv")


def test_construct_and_describe_for_the_explorer_page():
    store = ox.Store()
    res = execute(store, "CONSTRUCT { <urn:s> <urn:p> 1, 'x'@en } WHERE {}")
    page = res.page_json()
    assert page["graph"] is True and page["head"]["vars"] == ["subject", "predicate", "object"]
    rows = page["results"]["bindings"]
    assert {r["object"]["value"] for r in rows} == {"1", "x"}
    assert {r["subject"]["value"] for r in rows} == {"urn:s"}
    assert "<urn:s>" in page["turtle"] and '"x"@en' in page["turtle"]
    ask = execute(store, "ASK {}").page_json()
    assert ask == {"head": {}, "boolean": True}


LANGS = st.sampled_from(["zh", "en", "zh-Hans", "en-GB"])
TYPES = st.sampled_from(["string", "integer", "decimal", "date", "boolean", "anyURI"])
TERMS = st.one_of(
    st.builds(ox.Literal, st.text(max_size=20)),
    st.builds(lambda v, lang: ox.Literal(v, language=lang), st.text(max_size=20), LANGS),
    st.builds(
        lambda v, t: ox.Literal(v, datatype=ox.NamedNode(XSD + t)), st.text(max_size=8), TYPES
    ),
    st.builds(
        lambda v: ox.NamedNode("urn:x:" + v), st.from_regex(r"[a-z0-9/#]{0,10}", fullmatch=True)
    ),
    st.builds(ox.BlankNode, st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)),
)


@given(st.lists(st.lists(st.one_of(st.none(), TERMS), min_size=2, max_size=2), max_size=4))
def test_a_table_reads_back_as_the_same_terms(rows):
    """Whatever the terms, the SPARQL JSON, XML and TSV of a table read back (by
    pyoxigraph) as the same rows; an unbound cell stays unbound."""
    res = Result("select", variables=["a", "b"], rows=[tuple(r) for r in rows])
    for fmt in ("json", "xml", "tsv"):
        back = ox.parse_query_results(
            res.serialize(fmt), format=getattr(ox.QueryResultsFormat, fmt.upper())
        )
        got = [tuple(s[v] for v in ("a", "b")) for s in back]
        assert got == [tuple(r) for r in rows], fmt
