"""kg serve: the SPARQL 1.1 Protocol (query side) on a real uvicorn server on loopback,
spoken to by real clients (httpx, SPARQLWrapper, and a browser's form POST as YASGUI
sends it); read-only, limits, errors, static files, explorer JSON."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
import uvicorn
from viz_helpers import seed_store

from kg.server import create_app, serve
from kg.store import open_store

G0 = "https://w3id.org/kg/graph/doc/000_6dd52f9f141e9778.txt"
G2 = "https://w3id.org/kg/graph/doc/002_b735fd0ee04803a0.txt"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PARKS = "SELECT ?p ?l WHERE { ?p a kg:Park ; rdfs:label ?l } ORDER BY ?l LIMIT 5"
LIMIT = 50
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:stats) }"


def start_server(app):
    """Run ``app`` under uvicorn on a free loopback port, in a thread."""
    # proto IPPROTO_TCP so asyncio sets TCP_NODELAY on the connections (with proto 0 it
    # does not, and every answer waits ~40 ms for Nagle and the client's delayed ACK)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    t = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    t.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    return srv, t, f"http://127.0.0.1:{port}"


def stop_server(srv, t):
    srv.should_exit = True
    t.join(15)


@pytest.fixture(scope="module")
def base():
    app = create_app(str(seed_store()), timeout=1.5, limit=LIMIT, workers=2, max_body=8192)
    srv, t, url = start_server(app)
    yield url
    stop_server(srv, t)


@pytest.fixture(scope="module")
def client(base):
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def n_quads(client) -> int:
    r = client.get("/sparql", params={"query": COUNT})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


# ------------------------------------------------------------------ the three operations


def test_get_form_post_and_direct_post_agree(client):
    a = client.get("/sparql", params={"query": PARKS})
    b = client.post("/sparql", data={"query": PARKS})
    c = client.post(
        "/sparql", content=PARKS.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    for r in (a, b, c):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert len(r.json()["results"]["bindings"]) == 5
    assert a.json() == b.json() == c.json()
    # parameters both in the URL and the form body are read together
    d = client.post("/sparql?default-graph-uri=" + quote(G0), data={"query": COUNT})
    assert d.status_code == 200


def test_select_result_formats_by_accept(client):
    def get(accept):
        r = client.get("/sparql", params={"query": PARKS}, headers={"Accept": accept})
        assert r.status_code == 200, (accept, r.text)
        return r

    r = get("application/sparql-results+xml")
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    assert len(list(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.XML))) == 5
    r = get("text/csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["p", "l"] and len(rows) == 6
    r = get("text/tab-separated-values")
    assert r.text.splitlines()[0] == "?p\t?l" and len(r.text.splitlines()) == 6
    r = get("application/json")
    assert r.json()["head"]["vars"] == ["p", "l"]
    r = get("text/csv;q=0.2, application/sparql-results+xml;q=0.9")
    assert "xml" in r.headers["content-type"]
    r = client.get("/sparql", params={"query": PARKS}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = client.get("/sparql", params={"query": "ASK { ?p a kg:Park }"})
    assert r.json() == {"head": {}, "boolean": True}


def test_graph_formats_by_accept(client):
    q = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Park ; rdfs:label ?l }"
    sizes = set()
    for accept, fmt in [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
    ]:
        r = client.get("/sparql", params={"query": q}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(accept)
        sizes.add(len(list(ox.parse(r.content, format=fmt))))
    assert len(sizes) == 1 and sizes.pop() > 10
    r = client.get("/sparql", params={"query": q})  # no Accept: Turtle
    assert r.headers["content-type"].startswith("text/turtle")
    d = "DESCRIBE ?p WHERE { ?p rdfs:label '西永微电园'@zh }"
    r = client.get("/sparql", params={"query": d}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and "西永微电园" in r.text


def test_dataset_parameters(client):
    def count(**params):
        r = client.get(
            "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **params}
        )
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    everything, one, two = count(), count(**{"default-graph-uri": G0}), None
    two = client.get(
        "/sparql",
        params=[("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
                ("default-graph-uri", G0), ("default-graph-uri", G2)],
    ).json()["results"]["bindings"][0]["n"]["value"]  # fmt: skip
    assert 0 < one < int(two) < everything
    r = client.post(
        "/sparql",
        data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": G2},
    )
    graphs = {b["g"]["value"] for b in r.json()["results"]["bindings"]}
    assert graphs == {G2}
    # FROM in the query sets the dataset; default-graph-uri in the request overrides it
    q_from = f"SELECT (COUNT(*) AS ?n) FROM <{G2}> WHERE {{ ?s ?p ?o }}"
    r = client.get("/sparql", params={"query": q_from})
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == count(
        **{"default-graph-uri": G2}
    )
    r = client.get("/sparql", params={"query": q_from, "default-graph-uri": G0})
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == one


# ------------------------------------------------------------------ real clients


def test_sparqlwrapper(base):
    from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(
        "PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        " SELECT ?l WHERE { ?p a kg:Park ; rdfs:label ?l } ORDER BY ?l"
    )
    sw.setReturnFormat(JSON)
    got = sw.query().convert()
    labels = [b["l"]["value"] for b in got["results"]["bindings"]]
    assert len(labels) > 10 and any("生物医药" in label for label in labels)
    sw.setMethod(POST)
    assert sw.query().convert() == got
    sw.setRequestMethod(POSTDIRECTLY)
    assert sw.query().convert() == got
    sw.setReturnFormat(XML)
    sw.setQuery(
        "PREFIX kg: <https://w3id.org/kg/ontology#>"
        " CONSTRUCT { ?p a kg:Park } WHERE { ?p a kg:Park }"
    )
    graph = sw.query().convert()  # an rdflib Graph parsed from RDF/XML
    assert len(graph) == len(labels) or len(graph) > 10
    sw.setReturnFormat(TURTLE)
    import rdflib

    ttl = sw.query().convert()
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) == len(graph)
    sw.setQuery("SELECT * WHERE { ?s ?p }")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="error at"):
        sw.query()
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception, match="403|read-only|Forbidden"):
        sw.query()


def test_yasgui_style_form_post(client):
    # what YASGUI sends from a browser: a form POST with a broad Accept header
    r = client.post(
        "/sparql",
        content="query=" + quote(PARKS) + "&infer=true",
        headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
            "Accept": "application/sparql-results+json,*/*;q=0.9",
            "Origin": "http://127.0.0.1",
        },
    )
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 5
    assert "access-control-allow-origin" not in r.headers  # no CORS unless asked


# ------------------------------------------------------------------ errors


def test_protocol_errors(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400 and r.text.startswith("syntax error at line 1, column ")
    assert client.put("/sparql", content=PARKS).status_code == 405
    assert client.delete("/sparql").status_code == 405
    r = client.post("/sparql", content=PARKS, headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = client.post("/sparql", content=PARKS)  # no Content-Type
    assert r.status_code in (400, 415)
    r = client.get("/sparql", params=[("query", PARKS), ("query", PARKS)])
    assert r.status_code == 400 and "more than one" in r.text
    r = client.post(
        "/sparql?query=" + quote(PARKS),
        content=PARKS,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 400
    r = client.post("/sparql?query=" + quote(PARKS), data={"query": PARKS})
    assert r.status_code == 400
    # GET without a query is the service description (test_service_description)
    r = client.post("/sparql", data={"default-graph-uri": G0})
    assert r.status_code == 400 and "missing the query" in r.text
    r = client.post(
        "/sparql",
        content=PARKS.encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert r.status_code == 415
    r = client.post(
        "/sparql",
        content=b"SELECT ?x WHERE { ?x ?p '\xff' }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 400
    r = client.post("/sparql", data={"query": "SELECT ?s WHERE { ?s ?p ?o } # " + "x" * 9000})
    assert r.status_code == 413


def test_read_only(client):
    before = n_quads(client)
    attempts = [
        client.post("/sparql", data={"update": "DROP ALL"}),
        client.post(
            "/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
        ),
        client.get("/sparql", params={"update": "DROP ALL"}),
        client.get("/sparql", params={"query": "DROP ALL"}),
        client.post("/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
        client.post(
            "/sparql",
            content="LOAD <http://127.0.0.1:9/x.ttl>",
            headers={"Content-Type": "application/sparql-query"},
        ),
        client.get(
            "/sparql",
            params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"},
        ),
    ]
    for r in attempts:
        assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert all(r.status_code == 403 for r in attempts)
    assert n_quads(client) == before
    with open_store(seed_store()) as s:
        assert len(s) == before


def test_time_limit_and_result_cap(client):
    t0 = time.monotonic()
    r = client.get("/sparql", params={"query": SLOW})
    assert r.status_code == 503 and "time limit" in r.text
    assert time.monotonic() - t0 < 10
    r = client.get("/sparql", params={"query": PARKS})  # still serving
    assert r.status_code == 200
    r = client.get("/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == LIMIT
    assert r.headers["x-sparql-maxrows"] == str(LIMIT)


# ------------------------------------------------------------------ static files and explorer JSON


def test_explorer_page_and_static_files(client, base):
    r = client.get("/")
    assert r.status_code == 200 and "<textarea" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "http" not in r.text.split("<body>")[0].replace("http-equiv", "")  # no CDN
    for path in (
        "/static/explorer.js",
        "/static/explorer.css",
        "/static/vendor/vis-network.min.js",
    ):
        assert client.get(path).status_code == 200, path
    assert "vis" in client.get("/static/vendor/vis-network.min.js").text[:2000]
    # path traversal, sent raw so no client normalises it
    host, port = base.rsplit(":", 1)[0].split("//")[1], int(base.rsplit(":", 1)[1])
    for target in ("/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py",
                   "/static/../../kg/server.py", "/static//etc/passwd"):  # fmt: skip
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        status = int(data.split()[1])
        assert status in (400, 404), (target, data[:200])
        assert b"create_app" not in data and b"root:" not in data


def test_explorer_api(client):
    hits = client.get("/api/search", params={"q": "植恩药业"}).json()
    assert hits[0]["match"] == "植恩药业" and hits[0]["type"] == "Company"
    data = client.get("/api/entity", params={"iri": hits[0]["iri"]}).json()
    assert data["entity"]["type"] == "Company"
    located = [f for f in data["facts"] if f["predicate"] == "locatedIn"]
    assert any(e["sentence"] for f in located for e in f["evidence"])
    assert client.get("/api/entity", params={"name": "没有这个实体"}).status_code == 404
    n = client.get("/api/neighbourhood", params={"name": "西永微电园"}).json()
    assert len(n["nodes"]) > 2 and n["edges"]
    canned = client.get("/api/queries").json()
    assert {"companies-in-park", "partners"} <= {c["name"] for c in canned}
    r = client.post(
        "/api/query",
        json={"query": "companies-in-park", "params": {"park": "金凤生物医药产业园"}},
    )
    assert r.status_code == 200, r.text
    assert "赛诺药业" in {b["orgLabel"]["value"] for b in r.json()["results"]["bindings"]}
    text = next(c["text"] for c in canned if c["name"] == "partners")
    r = client.post("/api/query", json={"query": text, "params": {"entity": "德美医疗"}})
    assert "重庆高新区" in {b["partnerLabel"]["value"] for b in r.json()["results"]["bindings"]}
    r = client.post("/api/query", json={"query": "SELECT * WHERE {"})
    assert r.status_code == 400
    assert client.post("/api/query", content=b"not json").status_code == 400


def test_binds_loopback_by_default_and_cors_only_when_asked():
    import inspect

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    from click.testing import CliRunner

    from kg.cli import main

    out = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in out and "Example" in out
    app = create_app(str(seed_store()), workers=1, cors=["http://localhost:3000"])
    srv, t, url = start_server(app)
    try:
        r = httpx.get(
            url + "/sparql",
            params={"query": "ASK {}"},
            headers={"Origin": "http://localhost:3000"},
        )
        assert r.headers["access-control-allow-origin"] == "http://localhost:3000"
        r = httpx.get(
            url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://evil"}
        )
        assert "access-control-allow-origin" not in r.headers
    finally:
        stop_server(srv, t)
    assert json.loads(json.dumps({"ok": True}))
