"""The 34 W3C SPARQL 1.1 Protocol tests against ``kg serve`` on loopback.

The suite is w3c/rdf-tests ``sparql/sparql11/protocol/manifest.ttl``: each case is
one or two HTTP requests (method, path and query string, headers, body) and the
response each must get (status class; for a result, its kind: boolean, tabular or
RDF, and for a boolean its value). Here every case is one parametrised test, its
id the manifest's name for it (``:query_post_form`` …), sending the manifest's
requests as written: the same method, ``/sparql/`` path and percent-encoded query
string, the same headers and body bytes (http.client adds only ``Host``,
``Accept-Encoding: identity`` and ``Content-Length``; no ``Accept``, as the
manifest sends none). Nothing is fetched: the requests and the data are in this
file. Requests marked "not in the manifest" check a little more of what a case
is about.

query_multiple_dataset: the manifest's request percent-encodes the ``&`` between
its two ``named-graph-uri`` parameters (``…data1.rdf%26named-graph-uri%3D…``), so
read literally it names one graph that does not exist, and the expected true is
impossible; the validator the test comes from (kasei's sparql11-protocolvalidator)
sends two parameters. kg reads such a value as the parameters it holds
(``kg.server._dataset``), and the case sends it both ways.

Data: the suite loads ``data1.nt`` … ``data3.nt`` (each ``<dataN.rdf> a
foaf:Document`` in the graph ``<dataN.rdf>``) through SPARQL Update or the Graph
Store Protocol before a case. kg's endpoint is read-only, so the store is built
with them beforehand (:func:`build_store`: one generation written through
:mod:`kg.store`, as ``kg build`` writes one).

Updates: ``kg serve`` is a query service (its service description names
``sd:SPARQL11Query`` only). The protocol lets a service implement the query
operation alone (SPARQL 1.1 Protocol §5.1, conformance: query, update or both;
§4.1: an implementation may choose not to implement update). Every update,
whatever its form, is refused with 403 Forbidden: one of the "other 4XX … as per
HTTP" the protocol allows, for a request the service understands and will not
carry out (the protocol also allows 500 for a refused update, but a 5XX says
"try again later", which would never help). So the seven cases that expect an
update to succeed (2XX) cannot pass as written on a read-only endpoint, by
design; each is checked for what a read-only service must do instead, as its
``note`` says: the update is refused, and the store is as it was (each of these
updates starts with CLEAR ALL or DROP ALL, or clears a graph). The store also
holds what the manifest's follow-up queries look for (the graphs those updates
would have written), so each follow-up runs as the manifest writes it and
answers as the manifest expects (true; for update_base_uri one IRI that is not
``<test>``), which it could not had the refused update cleared anything;
update_post_form and update_post_direct (CLEAR ALL alone) are followed by a
count of the quads. The negative update cases (``bad_update_*``) expect a 4XX
and get one: 403, or 415 where the body is no SPARQL request at all (a wrong or
missing media type), as for queries; each is followed by a count of the quads.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

import pyoxigraph as ox
import pytest
import uvicorn

from kg.server import READ_ONLY, create_app
from kg.store import commit, new_generation, prepare, write_generation

KASEI = "http://kasei.us/2009/09/sparql/data/"
D1, D2, D3 = (f"{KASEI}data{i}.rdf" for i in (1, 2, 3))
# the graphs' IRIs percent-encoded, as the manifest's query strings have them
E1, E2, E3, E0 = (quote(d, safe="") for d in (D1, D2, D3, KASEI + "data0.rdf"))
FOAF_DOC = "http://xmlns.com/foaf/0.1/Document"
BIBLIO = "http://purl.org/dc/terms/BibliographicResource"
EX = "http://example.org/"
# the base a writable service at http://www.example/sparql/ would have resolved the
# update_base_uri case's <test> against (its endpoint, which the protocol allows)
RESOLVED_TEST = "http://www.example/sparql/test"

# data1..3 (the suite's graphData), then the graphs the update cases would have
# written into a writable store, which their follow-up queries ask about
DATA = f"""
<{D1}> {{ <{D1}> a <{FOAF_DOC}> }}
<{D2}> {{ <{D2}> a <{FOAF_DOC}> }}
<{D3}> {{ <{D3}> a <{FOAF_DOC}> }}
<{EX}protocol-update-dataset-test/> {{ <{D1}> a <{BIBLIO}> }}
<{EX}protocol-update-dataset-graphs-test/> {{ <{D1}> a <{BIBLIO}> . <{D2}> a <{BIBLIO}> }}
<{EX}protocol-update-dataset-named-graphs-test/> {{ <{D1}> a <{BIBLIO}> . <{D2}> a <{BIBLIO}> }}
<{EX}protocol-update-dataset-full-test/> {{
  <{D1}> <{EX}in> "default" . <{D2}> <{EX}in> <{D2}> }}
<{EX}protocol-base-test/> {{ <{EX}s> <{EX}p> <{RESOLVED_TEST}> }}
"""
QUADS = list(ox.parse(DATA.encode(), format=ox.RdfFormat.TRIG))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

BOOLEAN_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
TABULAR_TYPES = {
    **BOOLEAN_TYPES,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/csv": None,  # lossy: read as plain CSV
}
FORM = {"content-type": "application/x-www-form-urlencoded"}
QUERY = {"content-type": "application/sparql-query"}
UPDATE = {"content-type": "application/sparql-update"}
TEXT = {"content-type": "text/plain"}
PREFIXES = "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"


def build_store(path) -> str:
    """A kg store whose one generation holds :data:`QUADS`."""
    prepare(path)
    gen = new_generation(path)
    write_generation(gen, {}, lambda: QUADS, {"documents": []})
    commit(path, gen)
    return str(path)


class _Server(uvicorn.Server):
    """uvicorn that says when it listens (an Event, not a poll)."""

    def __init__(self, config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self.ready.set()


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("w3c") / "store")
    app = create_app(store, timeout=60, limit=1000, workers=1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    srv = _Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    t = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    t.start()
    while not srv.ready.wait(0.5):
        assert t.is_alive(), "the server did not start"
    yield sock.getsockname()[1]
    srv.should_exit = True
    t.join(30)


# ------------------------------------------------------------------ requests


@dataclass
class Req:
    """One request of a case and what its response must be: ``status`` (the exact
    code kg answers; the manifest asks for its class), and for a 2XX the result's
    ``kind`` ("boolean", "tabular" or "RDF") and, for a boolean, its ``value``."""

    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: bytes | str | None = None
    status: int = 200
    kind: str | None = None
    value: bool | None = None
    check: Callable | None = None  # a further check of the parsed answer: check(answer, port)


@dataclass
class Case:
    name: str  # the manifest's mf:name
    requests: list[Req]
    note: str = ""  # what a read-only endpoint answers instead, and why


def send(port: int, r: Req) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = r.body.encode("utf-8") if isinstance(r.body, str) else r.body
    conn.request(r.method, r.path, body=body, headers=r.headers)
    resp = conn.getresponse()
    resp.data = resp.read()
    conn.close()
    return resp


def answer(resp, kind: str):
    """The parsed body of a result of ``kind``; its media type must be one for it."""
    ctype = resp.getheader("content-type", "").split(";")[0].strip()
    if kind == "boolean":
        assert ctype in BOOLEAN_TYPES, ctype
        got = ox.parse_query_results(resp.data, format=BOOLEAN_TYPES[ctype])
        assert isinstance(got, ox.QueryBoolean), got
        return bool(got)
    if kind == "tabular":
        assert ctype in TABULAR_TYPES, ctype
        if TABULAR_TYPES[ctype] is None:
            return list(csv.DictReader(io.StringIO(resp.data.decode("utf-8"))))
        got = ox.parse_query_results(resp.data, format=TABULAR_TYPES[ctype])
        assert isinstance(got, ox.QuerySolutions), got
        names = [v.value for v in got.variables]
        return [{n: s[n] for n in names} for s in got]
    assert kind == "RDF"
    fmt = ox.RdfFormat.from_media_type(ctype)
    assert fmt is not None, ctype
    return [q.triple for q in ox.parse(resp.data, format=fmt)]


def one_value(rows, port) -> None:
    """SELECT (1 AS ?value) {}: one row, ?value 1."""
    assert len(rows) == 1
    v = rows[0]["value"]
    assert getattr(v, "value", v) == "1"


def empty_graph(triples, port) -> None:
    assert triples == []  # nothing is said of <http://example.org/>


def one_triple(triples, port) -> None:
    """CONSTRUCT { <s> <p> 1 }: relative IRIs resolved against the endpoint."""
    base = f"http://127.0.0.1:{port}/sparql/"
    assert triples == [
        ox.Triple(
            ox.NamedNode(urljoin(base, "s")),
            ox.NamedNode(urljoin(base, "p")),
            ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        )
    ]


def not_test(rows, port) -> None:
    """update_base_uri's expectation: one result, ?o an IRI that is not <test>."""
    assert len(rows) == 1
    o = rows[0]["o"]
    assert isinstance(o, ox.NamedNode) and o.value != "test" and ":" in o.value
    assert o.value == RESOLVED_TEST  # as built: the refused update changed nothing


def endpoint_base(rows, port) -> None:
    """The service-defined base of a read-only service: its endpoint's URL."""
    assert rows == [{"o": ox.NamedNode(f"http://127.0.0.1:{port}/sparql/test")}]


def refused(path: str, body, headers=UPDATE, status: int = 403) -> Req:
    """An update request, refused (kg serve is read-only)."""
    return Req("POST", path, headers, body, status=status)


def ask(path: str, body: str, value: bool = True, headers=QUERY) -> Req:
    """A POSTed ASK whose answer must be ``value``."""
    return Req("POST", path, headers, body, kind="boolean", value=value)


def unchanged() -> Req:
    """Not in the manifest: every quad is still there after the refused update."""
    return Req("GET", "/sparql/?query=" + _pct(COUNT), kind="tabular", check=_count)


def _pct(text: str) -> str:
    return quote(text, safe="")


def _count(rows, port) -> None:
    assert int(rows[0]["n"].value) == len(QUADS)


# ------------------------------------------------------------------ the 34 cases

ASK_TYPES = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
ASK_GRAPHS = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
ASK_FROM_3 = f"ASK FROM <{D3}> {{ " + ASK_GRAPHS[len("ASK { ") :]
ASK_FULL = f"""ASK {{
  <{D3}> a ?type
  GRAPH ?g1 {{ <{D1}> a ?type }}
  GRAPH ?g2 {{ <{D2}> a ?type }}
}}"""
DATA_123 = f"""INSERT DATA {{
  GRAPH <{D1}> {{ <{D1}> a foaf:Document }}
  GRAPH <{D2}> {{ <{D2}> a foaf:Document }}
  GRAPH <{D3}> {{ <{D3}> a foaf:Document }}
}} ;"""
UPD_DEFAULT = f"""{PREFIXES}CLEAR ALL ;
INSERT DATA {{ GRAPH <{D1}> {{ <{D1}> a foaf:Document }} }} ;
INSERT {{ GRAPH <{EX}protocol-update-dataset-test/> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ ?s a foaf:Document }}"""
ASK_UPD_DEFAULT = f"ASK {{ GRAPH <{EX}protocol-update-dataset-test/> {{ <{D1}> a <{BIBLIO}> }} }}"
UPD_GRAPHS = f"""{PREFIXES}DROP ALL ;
{DATA_123}
INSERT {{ GRAPH <{EX}protocol-update-dataset-graphs-test/> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ ?s a foaf:Document }}"""
UPD_NAMED = f"""{PREFIXES}DROP ALL ;
{DATA_123}
INSERT {{
  GRAPH <{EX}protocol-update-dataset-named-graphs-test/> {{ ?s a dc:BibliographicResource }}
}}
WHERE {{ GRAPH ?g {{ ?s a foaf:Document }} }}"""
ASK_UPD_GRAPHS, ASK_UPD_NAMED = (
    f"""ASK {{
  GRAPH <{EX}{g}/> {{ <{D1}> a <{BIBLIO}> . <{D2}> a <{BIBLIO}> . }}
  FILTER NOT EXISTS {{ GRAPH <{EX}{g}/> {{ <{D3}> a <{BIBLIO}> . }} }}
}}"""
    for g in ("protocol-update-dataset-graphs-test", "protocol-update-dataset-named-graphs-test")
)
UPD_FULL = f"""{PREFIXES}DROP ALL ;
{DATA_123}
INSERT {{ GRAPH <{EX}protocol-update-dataset-full-test/> {{ ?s <{EX}in> ?in }} }}
WHERE {{
  {{ GRAPH ?g {{ ?s a foaf:Document }} BIND(?g AS ?in) }}
  UNION
  {{ ?s a foaf:Document . BIND("default" AS ?in) }}
}}"""
ASK_UPD_FULL = f"""ASK {{
  GRAPH <{EX}protocol-update-dataset-full-test/> {{
    <{D1}> <{EX}in> "default" .
    <{D2}> <{EX}in> <{D2}> .
  }}
  FILTER NOT EXISTS {{ GRAPH <{EX}protocol-update-dataset-full-test/> {{ <{D3}> ?p ?o }} }}
}}"""
UPD_BASE = f"""CLEAR GRAPH <{EX}protocol-base-test/> ;
INSERT DATA {{ GRAPH <{EX}protocol-base-test/> {{ <{EX}s> <{EX}p> <test> }} }}"""
SELECT_BASE = f"SELECT ?o WHERE {{ GRAPH <{EX}protocol-base-test/> {{ <{EX}s> <{EX}p> ?o }} }}"
CONFLICT = (
    "PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
    "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
    "WHERE {\n    ?person foaf:givenName 'Bill'\n}"
)
READ_ONLY_NOTE = (
    "expects the update to succeed (2XX); kg serve is read-only, so it is refused "
    "(403) and changes nothing: the follow-up query answers from the store as built"
)

CASES = {
    "query_post_form": Case(
        "query via URL-encoded POST",
        [ask(f"/sparql/?default-graph-uri={E0}", "query=ASK%20%7B%7D", headers=FORM)],
    ),
    "query_dataset_default_graphs_get": Case(
        "GET query with protocol-specified default graph",
        [
            Req(
                "GET",
                f"/sparql/?query={_pct(ASK_TYPES)}&default-graph-uri={E1}&default-graph-uri={E2}",
                kind="boolean",
                value=True,
            ),
            # not in the manifest: the two default graphs are merged, not each alone
            Req(
                "GET",
                f"/sparql/?query={_pct(ASK_TYPES)}&default-graph-uri={E1}",
                kind="boolean",
                value=False,
            ),
        ],  # fmt: skip
    ),
    "query_dataset_default_graphs_post": Case(
        "POST query with protocol-specified default graphs",
        [ask(f"/sparql/?default-graph-uri={E1}&default-graph-uri={E2}", ASK_TYPES)],
    ),
    "query_dataset_named_graphs_post": Case(
        "POST query with protocol-specified named graphs",
        [
            ask(f"/sparql/?named-graph-uri={E1}&named-graph-uri={E2}", ASK_GRAPHS),
            # not in the manifest: only the named graphs given are named
            ask(f"/sparql/?named-graph-uri={E1}&named-graph-uri={E3}", ASK_GRAPHS, False),
        ],
    ),
    "query_dataset_named_graphs_get": Case(
        "GET query with protocol-specified named graphs",
        [
            Req(
                "GET",
                f"/sparql/?query={_pct(ASK_GRAPHS)}&named-graph-uri={E1}&named-graph-uri={E2}",
                kind="boolean",
                value=True,
            )
        ],
    ),
    "query_dataset_full": Case(
        "query with protocol-specified dataset (both named and default graphs)",
        [
            ask(
                f"/sparql/?default-graph-uri={E3}&named-graph-uri={E1}&named-graph-uri={E2}",
                ASK_FULL,
            ),
            # not in the manifest: data3 is the default graph only, not a named one
            ask(
                f"/sparql/?default-graph-uri={E3}&named-graph-uri={E1}&named-graph-uri={E2}",
                f"ASK {{ GRAPH ?g {{ <{D3}> a ?type }} }}",
                False,
            ),
        ],
    ),
    "query_multiple_dataset": Case(
        "query specifying dataset in both query string and protocol; "
        "test for use of protocol-specified dataset",
        [
            # as the manifest writes it: the '&' between the two named-graph-uri
            # parameters is percent-encoded into the first one's value (kasei's
            # validator, where the test comes from, sends two parameters); kg reads
            # such a value as the parameters it holds (kg.server._dataset)
            ask(
                f"/sparql/?named-graph-uri={E1}%26named-graph-uri%3D{E2}",
                ASK_FROM_3,
            ),
            # the same, the two parameters sent as two
            ask(
                f"/sparql/?named-graph-uri={E1}&named-graph-uri={E2}",
                ASK_FROM_3,
            ),
            # not in the manifest: the protocol's dataset replaces the query's whole,
            # so FROM <data3> is not the default graph (which is empty) …
            ask(f"/sparql/?named-graph-uri={E1}", f"ASK FROM <{D3}> {{ <{D3}> a ?type }}", False),
            # … and FROM NAMED <data3> not a named graph when default graphs are given
            ask(
                f"/sparql/?default-graph-uri={E1}",
                f"ASK FROM NAMED <{D3}> {{ GRAPH ?g {{ ?s a ?type }} }}",
                False,
            ),
            # without the protocol's dataset, the query's own is used
            ask("/sparql/", f"ASK FROM <{D3}> {{ <{D3}> a ?type }}"),
        ],
    ),
    "query_get": Case(
        "query via GET",
        [
            Req(
                "GET",
                f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={E0}",
                kind="boolean",
                value=True,
            )
        ],
    ),
    "query_content_type_select": Case(
        "query appropriate content type (expect one of: XML, JSON, CSV, TSV)",
        [
            Req(
                "POST",
                f"/sparql/?default-graph-uri={E0}",
                QUERY,
                "SELECT (1 AS ?value) {}",
                kind="tabular",
                check=one_value,
            ),
        ],  # fmt: skip
    ),
    "query_content_type_ask": Case(
        "query appropriate content type (expect one of: XML, JSON)",
        [Req("POST", f"/sparql/?default-graph-uri={E0}", QUERY, "ASK {}", kind="boolean")],
    ),
    "query_content_type_describe": Case(
        "query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)",
        [
            Req(
                "POST",
                f"/sparql/?default-graph-uri={E0}",
                QUERY,
                "DESCRIBE <http://example.org/>",
                kind="RDF",
                check=empty_graph,
            ),
        ],  # fmt: skip
    ),
    "query_content_type_construct": Case(
        "query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)",
        [
            Req(
                "POST",
                f"/sparql/?default-graph-uri={E0}",
                QUERY,
                "CONSTRUCT { <s> <p> 1 } WHERE {}",
                kind="RDF",
                check=one_triple,
            ),
        ],  # fmt: skip
    ),
    "update_dataset_default_graph": Case(
        "update with protocol-specified default graph",
        [refused(f"/sparql/?using-graph-uri={E1}", UPD_DEFAULT), ask("/sparql/", ASK_UPD_DEFAULT)],
        READ_ONLY_NOTE,
    ),
    "update_dataset_default_graphs": Case(
        "update with protocol-specified default graphs",
        [
            refused(f"/sparql/?using-graph-uri={E1}&using-graph-uri={E2}", UPD_GRAPHS),
            ask("/sparql/", ASK_UPD_GRAPHS),
        ],
        READ_ONLY_NOTE,
    ),
    "update_dataset_named_graphs": Case(
        "update with protocol-specified named graphs",
        [
            refused(f"/sparql/?using-named-graph-uri={E1}&using-named-graph-uri={E2}", UPD_NAMED),
            ask("/sparql/", ASK_UPD_NAMED),
        ],
        READ_ONLY_NOTE,
    ),
    "update_dataset_full": Case(
        "update with protocol-specified dataset (both named and default graphs)",
        [
            refused(f"/sparql/?using-graph-uri={E1}&using-named-graph-uri={E2}", UPD_FULL),
            ask("/sparql/", ASK_UPD_FULL),
        ],
        READ_ONLY_NOTE,
    ),
    "update_post_form": Case(
        "update via URL-encoded POST",
        [refused("/sparql/", "update=CLEAR+ALL", FORM), unchanged()],
        "expects 2XX for CLEAR ALL; refused (403), and every quad is still there",
    ),
    "update_post_direct": Case(
        "update via POST directly",
        [refused("/sparql/", "CLEAR ALL"), unchanged()],
        "expects 2XX for CLEAR ALL; refused (403), and every quad is still there",
    ),
    "update_base_uri": Case(
        'test for service-defined BASE URI ("which MAY be the service endpoint")',
        [
            refused("/sparql/", UPD_BASE),
            Req("POST", "/sparql/", QUERY, SELECT_BASE, kind="tabular", check=not_test),
            # not in the manifest: the read-only form of the requirement, a query's
            # relative IRI resolves against the service's base, its endpoint
            Req(
                "POST",
                "/sparql/",
                QUERY,
                "SELECT ?o WHERE { BIND(<test> AS ?o) }",
                kind="tabular",
                check=endpoint_base,
            ),
        ],  # fmt: skip
        "expects 2XX for the INSERT DATA of <test>; refused (403). The store holds the "
        "triple a service with base http://www.example/sparql/ would have stored, and "
        "a query's <test> resolves against this endpoint",
    ),
    "query_post_direct": Case("query via POST directly", [ask("/sparql/", "ASK {}")]),
    "bad_query_method": Case(
        "invoke query operation with a method other than GET or POST",
        [Req("PUT", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={E0}", FORM, status=405)],
    ),
    "bad_multiple_queries": Case(
        "invoke query operation with more than one query string",
        [Req("GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", status=400)],
    ),
    "bad_query_wrong_media_type": Case(
        "invoke query operation with a POST with media type that's not url-encoded "
        "or application/sparql-query",
        [Req("POST", "/sparql/", TEXT, "ASK {}", status=415)],
    ),
    "bad_query_missing_form_type": Case(
        "invoke query operation with url-encoded body, but without "
        "application/x-www-form-urlencoded media type",
        [Req("POST", "/sparql/", {}, "query=ASK%20%7B%7D", status=415)],
    ),
    "bad_query_missing_direct_type": Case(
        "invoke query operation with SPARQL body, but without application/sparql-query media type",
        [Req("POST", "/sparql/", {}, "ASK {}", status=415)],
    ),
    "bad_query_non_utf8": Case(
        "invoke query operation with direct POST, but with a non-UTF8 encoding (UTF-16)",
        [
            Req(
                "POST",
                "/sparql/",
                {"content-type": "application/sparql-query; charset=UTF-16"},
                "ASK {}".encode("utf-16"),
                status=415,
            ),
        ],  # fmt: skip
    ),
    "bad_query_syntax": Case(
        "invoke query operation with invalid query syntax (4XX result)",
        [Req("GET", "/sparql/?query=ASK%20%7B", status=400)],
    ),
    "bad_update_get": Case(
        "invoke update operation with GET",
        [Req("GET", "/sparql/?update=CLEAR%20ALL", status=403), unchanged()],
    ),
    "bad_multiple_updates": Case(
        "invoke update operation with more than one update string",
        [refused("/sparql/", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM), unchanged()],
    ),
    "bad_update_wrong_media_type": Case(
        "invoke update operation with a POST with media type that's not url-encoded "
        "or application/sparql-update",
        [refused("/sparql/", "CLEAR NAMED", TEXT, status=415), unchanged()],
    ),
    "bad_update_missing_form_type": Case(
        "invoke update operation with url-encoded body, but without "
        "application/x-www-form-urlencoded media type",
        [refused("/sparql/", "update=CLEAR%20NAMED", {}, status=415), unchanged()],
    ),
    "bad_update_non_utf8": Case(
        "invoke update operation with direct POST, but with a non-UTF8 encoding",
        [
            refused(
                "/sparql/",
                "CLEAR NAMED".encode("utf-16"),
                {"content-type": "application/sparql-update; charset=UTF-16"},
            ),
            unchanged(),
        ],  # fmt: skip
    ),
    "bad_update_syntax": Case(
        "invoke update operation with invalid update syntax",
        [refused("/sparql/", "update=CLEAR%20XYZ", FORM), unchanged()],
    ),
    "bad_update_dataset_conflict": Case(
        "invoke update with both using-graph-uri/using-named-graph-uri parameter "
        "and USING/WITH clause",
        [
            refused("/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople", CONFLICT),
            unchanged(),
        ],
        "any update is refused (403) before its dataset is looked at",
    ),
}


def test_the_suite_is_whole():
    assert len(CASES) == 34


@pytest.mark.parametrize("name", list(CASES))
def test_w3c_protocol(port, name):
    """One case of the suite: every request sent as the manifest writes it, every
    response as the manifest expects it, but where the case's ``note`` says why a
    read-only endpoint answers otherwise (an update is refused with 403 and changes
    nothing); requests marked "not in the manifest" check a little more."""
    case = CASES[name]
    for r in case.requests:
        resp = send(port, r)
        text = resp.data.decode("utf-8", "replace")
        assert resp.status == r.status, (case.note, r.method, r.path, text)
        if r.status == 403:
            assert READ_ONLY in text
        if r.kind is None:
            continue
        got = answer(resp, r.kind)
        if r.value is not None:
            assert got is r.value, (r.path, r.body)
        if r.check is not None:
            r.check(got, port)


def test_answers_in_xml_too(port):
    """The boolean and tabular cases' answers as SPARQL XML, when asked for (the
    manifest sends no Accept, so kg answers SPARQL JSON)."""
    xml = {**QUERY, "accept": "application/sparql-results+xml"}
    resp = send(
        port, Req("POST", f"/sparql/?named-graph-uri={E1}&named-graph-uri={E2}", xml, ASK_GRAPHS)
    )
    assert resp.status == 200 and answer(resp, "boolean") is True
    assert resp.getheader("content-type").startswith("application/sparql-results+xml")
    resp = send(port, Req("POST", "/sparql/", xml, "SELECT (1 AS ?value) {}"))
    one_value(answer(resp, "tabular"), port)
    as_csv = {**QUERY, "accept": "text/csv"}
    resp = send(port, Req("POST", "/sparql/", as_csv, "SELECT (1 AS ?value) {}"))
    assert answer(resp, "tabular") == [{"value": "1"}]
    assert json.loads(send(port, Req("GET", "/sparql/?query=ASK%7B%7D")).data) == {
        "head": {},
        "boolean": True,
    }


def test_a_query_service(port):
    """What the update cases' notes rest on: the service description offers SPARQL
    1.1 Query, not Update."""
    resp = send(port, Req("GET", "/sparql/", {"accept": "application/n-triples"}))
    assert resp.status == 200
    sd = "http://www.w3.org/ns/sparql-service-description#"
    text = resp.data.decode("utf-8")
    assert f"<{sd}SPARQL11Query>" in text and "SPARQL11Update" not in text
