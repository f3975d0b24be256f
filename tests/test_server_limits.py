"""kg serve against hostile and heavy use: SERVICE written any way is refused on
every route (and by ``kg query``), queries that would crash the engine get 400
and kill no worker, slow queries leave capacity for the explorer's canned
queries, every answer says nosniff; and the protocol gaps of issue 14 (relative
IRIs, CONSTRUCT/DESCRIBE in the explorer, readable syntax errors).

Servers run in this process (uvicorn on loopback), so a test can see its pool.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from query_helpers import CRASHERS, service_queries
from test_server import start_server, stop_server
from test_server_safety import Trap
from viz_helpers import seed_store

from kg.cli import main
from kg.server import create_app

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PARK = "西部（重庆）科学城"


@pytest.fixture(scope="module")
def served():
    app = create_app(str(seed_store()), timeout=20, limit=200, workers=2, max_body=1 << 20)
    srv, t, url = start_server(app)
    with httpx.Client(base_url=url, timeout=60) as client:
        yield app, client, url
    stop_server(srv, t)


@pytest.fixture()
def trap():
    t = Trap()
    yield t
    t.close()


def _every_route(client: httpx.Client, q: str) -> list[httpx.Response]:
    """The query by GET (when it fits in a URL), both POSTs and the explorer's route."""
    gets = [client.get("/sparql", params={"query": q})] if len(quote(q)) < 12000 else []
    return [
        *gets,
        client.post("/sparql", data={"query": q}),
        client.post(
            "/sparql", content=q.encode(), headers={"Content-Type": "application/sparql-query"}
        ),
        client.post("/api/query", json={"query": q}),
    ]


def test_service_variants_are_refused_on_every_route_and_by_kg_query(served, trap):
    _, client, _ = served
    store = str(seed_store())

    # the generator itself is checked on many more in tests/query/test_safety.py
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(service_queries(trap.url))
    def one(q: str) -> None:
        for r in _every_route(client, q):
            assert r.status_code in (400, 403), (q, r.request.method, r.status_code, r.text)
        r = CliRunner().invoke(main, ["query", q, "--store", store])
        assert r.exit_code == 1 and r.output.startswith("kg: error: "), (q, r.output)

    one()
    assert trap.hits == []  # neither the server nor kg query called out
    r = client.get("/sparql", params={"query": "ASK {}"})
    assert r.status_code == 200


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_queries_that_would_crash_the_engine_get_400_and_kill_no_worker(served, name):
    app, client, _ = served
    pids = {p.proc.pid for p in app.state.pool._all}
    for r in _every_route(client, CRASHERS[name]):
        assert r.status_code == 400, (name, r.status_code, r.text[:200])
        assert r.text.count("\n") == 1 and "(line 1, column " in r.text
    deep = "SELECT * WHERE " + "{" * 100 + "}" * 100
    assert client.get("/sparql", params={"query": deep}).status_code == 400
    assert {p.proc.pid for p in app.state.pool._all} == pids  # every worker lives on
    assert all(p.proc.poll() is None for p in app.state.pool._all)


def test_nosniff_on_every_response(served):
    _, client, _ = served
    responses = [
        client.get("/"),
        client.get("/static/explorer.js"),
        client.get("/static/vendor/vis-network.min.js"),
        client.get("/static/nothing.js"),
        client.get("/nothing"),
        client.get("/sparql", params={"query": "ASK {}"}),
        client.get("/sparql", params={"query": "ASK {"}),
        client.get("/sparql", params={"query": "DROP ALL"}),
        client.put("/sparql"),
        client.get("/sparql"),
        client.get("/api/search", params={"q": "科学城"}),
        client.get("/api/search", params={"limit": "-1"}),
        client.get("/api/entity", params={"name": "nobody at all"}),
        client.get("/api/queries"),
        client.post("/api/query", json={"query": "ASK {}"}),
        client.post("/api/query", content=b"not json"),
    ]
    for r in responses:
        assert r.headers.get("x-content-type-options") == "nosniff", (r.request.url, r.headers)


def test_search_limit_must_be_positive(served):
    _, client, _ = served
    for bad in ("-1", "0", "abc", "", "1e3", "100000"):
        r = client.get("/api/search", params={"q": "园", "limit": bad})
        assert r.status_code == 400 and "limit" in r.text, (bad, r.status_code, r.text)
    r = client.get("/api/search", params={"q": "园", "limit": "2"})
    assert r.status_code == 200 and 1 <= len(r.json()) <= 2
    everything = client.get("/api/search", params={"q": "园", "limit": "100"}).json()
    assert len(client.get("/api/search", params={"q": "园"}).json()) == min(20, len(everything))


def test_relative_iris_resolve_against_the_endpoint(served):
    _, client, url = served
    nt = {"Accept": "application/n-triples"}
    q = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    for r in (
        client.get("/sparql", params={"query": q}, headers=nt),
        client.post("/sparql", data={"query": q}, headers=nt),
        client.post(
            "/sparql", content=q, headers={**nt, "Content-Type": "application/sparql-query"}
        ),
    ):
        assert r.status_code == 200, r.text
        assert r.text.startswith(f"<{url}/s> <{url}/p> "), r.text
    r = client.get("/sparql", params={"query": "BASE <http://example.org/a/> " + q}, headers=nt)
    assert r.text.startswith("<http://example.org/a/s> "), r.text  # the query's BASE wins
    q = "SELECT ?x WHERE { BIND(<x> AS ?x) }"
    r = client.get("/sparql", params={"query": q})
    assert r.json()["results"]["bindings"][0]["x"]["value"] == f"{url}/x"
    r = client.post("/api/query", json={"query": q})  # the explorer: against /sparql too
    assert r.json()["results"]["bindings"][0]["x"]["value"] == f"{url}/x"


def test_explorer_answers_construct_and_describe(served):
    _, client, _ = served
    r = client.post(
        "/api/query", json={"query": "CONSTRUCT { ?p a kg:Park } WHERE { ?p a kg:Park }"}
    )
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["graph"] is True and page["head"]["vars"] == ["subject", "predicate", "object"]
    rows = page["results"]["bindings"]
    assert rows and all(b["object"]["value"].endswith("#Park") for b in rows)
    assert "kg:Park" in page["turtle"]
    r = client.post("/api/query", json={"query": "DESCRIBE ?p WHERE { ?p a kg:Park } LIMIT 1"})
    assert r.status_code == 200 and r.json()["results"]["bindings"], r.text
    # the protocol endpoint still content-negotiates graphs
    r = client.get("/sparql", params={"query": "DESCRIBE ?p WHERE { ?p a kg:Park } LIMIT 1"},
                   headers={"Accept": "application/json"})  # fmt: skip
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")


def test_malformed_query_gets_line_column_and_caret(served):
    _, client, _ = served
    q = "SELECT ?p WHERE {\n  ?p a kg:Park .\n  FILTER(?p = ) }"
    for r in [*_every_route(client, q)]:
        assert r.status_code == 400
        head, shown, caret = r.text.rstrip("\n").split("\n")
        assert head.startswith("syntax error at line 3, column "), head
        col = int(head.split("column ")[1].split(":")[0])
        assert shown == "    FILTER(?p = ) }" and caret == " " * (col + 1) + "^"
        assert "\\u{" not in r.text and "..=" not in r.text


def test_two_slow_queries_leave_the_explorer_answering():
    """Two queries that run until the time limit (a four-way cross join of the
    whole graph: genuinely slow by data) hold both open workers; meanwhile canned
    queries, search and entity pages all succeed. Success is asserted, not times."""
    app = create_app(str(seed_store()), timeout=120, limit=200, workers=2)
    srv, t, url = start_server(app)
    pool = app.state.pool
    slow_status: list[int] = []

    def slow() -> None:
        with httpx.Client(base_url=url, timeout=300) as c:
            slow_status.append(c.get("/sparql", params={"query": SLOW}).status_code)

    slow_threads = [threading.Thread(target=slow, daemon=True) for _ in range(2)]
    try:
        for th in slow_threads:
            th.start()
        deadline = time.monotonic() + 60
        while pool.busy("open") < 2:  # wait for both slow queries to hold a worker
            assert time.monotonic() < deadline, "the slow queries did not start"
            time.sleep(0.05)
        with httpx.Client(base_url=url, timeout=60) as c:
            statuses = []
            for i in range(4):
                r = c.post(
                    "/api/query", json={"query": "companies-in-park", "params": {"park": PARK}}
                )
                statuses.append(r.status_code)
                assert r.status_code != 200 or r.json()["results"]["bindings"], r.text
                statuses.append(
                    c.post("/api/query", json={"query": "parks-by-companies"}).status_code
                )
                statuses.append(c.get("/api/search", params={"q": "科学城"}).status_code)
                statuses.append(c.get("/api/entity", params={"name": PARK}).status_code)
                statuses.append(c.get("/api/neighbourhood", params={"name": PARK}).status_code)
                if i == 0:
                    statuses.append(c.get("/").status_code)
        assert statuses and set(statuses) == {200}, statuses
        # all of that was answered while both slow queries still ran
        assert pool.busy("open") == 2 and all(th.is_alive() for th in slow_threads)
        assert slow_status == []
    finally:
        pool.close()  # ends the slow queries (their workers are killed)
        for th in slow_threads:
            th.join(60)
        stop_server(srv, t)
    assert len(slow_status) == 2 and all(s >= 400 for s in slow_status), slow_status
