"""kg serve follows the store (issue 14, item 6) and says what it is (item 7).

* A ``kg add`` or ``kg build`` into the served store is answered by the next
  request, without a restart, by the SPARQL workers and the explorer alike.
* A query in flight finishes on the generation it started on, even when later
  builds remove that generation; one pinned to a generation removed before its
  worker got to it answers from the newest. Made deterministic by stopping the
  workers (SIGSTOP) while the writers run, not by timing.
* ``GET /sparql`` without a query is a SPARQL 1.1 Service Description; with
  ``--cors`` a page can read kg's headers; a cut answer says so in headers.

Servers run in this process (uvicorn on loopback), so a test can see its pool.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from graph_helpers import fixture_add, fixture_build, record_paths
from test_server import start_server, stop_server
from viz_helpers import seed_store

from kg.api import open as kg_open
from kg.build import build
from kg.query import canned_queries
from kg.query.pool import _run_job
from kg.server import create_app
from kg.store import current_generation, open_store

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "seeds").glob("*.txt"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:stats) }"
LABELS = "SELECT DISTINCT ?l WHERE { ?e a ?t ; rdfs:label ?l }"
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
G0 = "https://w3id.org/kg/graph/doc/000_6dd52f9f141e9778.txt"
HUBS = canned_queries()["most-connected"].text


def quads(store: Path) -> int:
    with open_store(store) as s:
        return len(s)


def labels(store: Path) -> set[str]:
    with open_store(store) as s:
        return {r["l"].value for r in s.query(LABELS)}


def n_quads(client: httpx.Client) -> int:
    r = client.get("/sparql", params={"query": COUNT})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def kg(*args) -> None:
    """The real command line, in its own process (a writer that is not the server)."""
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr


def wait_busy(pool, n: int) -> None:
    deadline = time.monotonic() + 60
    while pool.busy("open") < n:
        assert time.monotonic() < deadline, "the request did not reach a worker"
        time.sleep(0.02)


@contextlib.contextmanager
def served(store: Path, **kw):
    app = create_app(str(store), **kw)
    srv, t, url = start_server(app)
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            yield app, client
    finally:
        stop_server(srv, t)


# ------------------------------------------------------------------ item 6: the newest generation


def test_kg_add_and_kg_build_are_served_without_a_restart(tmp_path):
    store = tmp_path / "store"
    build(DOCS[:2], store, progress=False)
    with served(store, timeout=60, workers=1) as (app, c):
        pids = {p.proc.pid for p in app.state.pool._all}
        first = quads(store)
        assert n_quads(c) == first
        before = labels(store)
        pages = {n: c.get("/api/entity", params={"name": n}).json() for n in sorted(before)}
        assert pages == {n: c.get("/api/entity", params={"name": n}).json() for n in pages}
        hubs = c.post("/api/query", json={"query": "most-connected"}).json()
        assert hubs == c.post("/api/query", json={"query": "most-connected"}).json()
        assert hubs == c.post("/api/query", json={"query": HUBS}).json()  # by text: not kept

        kg("add", DOCS[2], DOCS[3], "--store", store)
        added = quads(store)
        assert added > first
        assert n_quads(c) == added  # the very next request, no restart
        # the entity pages kept for the old generation are not served for the new one
        with kg_open(store) as fresh:
            now = {n: c.get("/api/entity", params={"name": n}).json() for n in pages}
            assert now == {n: json.loads(json.dumps(fresh.summary(n))) for n in pages}
        assert sum(now[n] != pages[n] for n in pages) > 3
        # and the canned answers neither
        now = c.post("/api/query", json={"query": "most-connected"}).json()
        assert now == c.post("/api/query", json={"query": HUBS}).json() != hubs
        # the explorer's routes too: an entity only the new documents name
        name = sorted(labels(store) - before)[0]
        r = c.get("/api/entity", params={"name": name})
        assert r.status_code == 200, r.text
        assert name in {h["match"] for h in c.get("/api/search", params={"q": name}).json()}
        r = c.post("/api/query", json={"query": COUNT})
        assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == added

        build(DOCS, store, progress=False)  # a full rebuild into the same store (kg build)
        rebuilt = quads(store)
        assert rebuilt > added
        assert n_quads(c) == rebuilt
        # the service description lists the new documents' graphs
        assert DOCS[4].name in c.get("/sparql").text
        # the same workers did it: nothing was restarted
        assert {p.proc.pid for p in app.state.pool._all} == pids
        assert all(p.proc.poll() is None for p in app.state.pool._all)


def test_a_query_in_flight_finishes_on_its_generation_even_when_a_build_removes_it(tmp_path):
    """Two queries wait in stopped workers: the first is pinned to generation A, the
    second to B. Three adds follow; the third's cleanup removes A and B. Resumed,
    the first answers from A (its worker has A open: open files outlive their
    names on Linux), the second from the newest (B is gone and was never open)."""
    store, recs = tmp_path / "store", record_paths()  # records: no extraction, quick
    fixture_build(recs[:2], store, progress=False)
    gen_a, n_a = current_generation(store), quads(store)
    with served(store, timeout=120, workers=2) as (app, c):
        pool = app.state.pool
        workers = [p for p in pool._all if p.lane == "open"]
        for p in workers:
            p.wait_ready(60)  # both have A open
        answers: dict[str, httpx.Response] = {}

        def ask(key: str) -> None:
            with httpx.Client(base_url=str(c.base_url), timeout=300) as own:
                answers[key] = own.get("/sparql", params={"query": COUNT})

        threads = [threading.Thread(target=ask, args=(k,)) for k in ("first", "second")]
        for p in workers:
            os.kill(p.proc.pid, signal.SIGSTOP)
        try:
            threads[0].start()
            wait_busy(pool, 1)  # pinned to A and handed to a (stopped) worker
            fixture_add(recs[2:3], store, progress=False)
            gen_b = current_generation(store)
            threads[1].start()
            wait_busy(pool, 2)  # pinned to B
            fixture_add(recs[3:4], store, progress=False)
            fixture_add(recs[4:5], store, progress=False)
            assert not gen_a.exists() and not gen_b.exists()  # removed by the cleanup
        finally:
            for p in workers:
                os.kill(p.proc.pid, signal.SIGCONT)
        for th in threads:
            th.join(300)
        newest = quads(store)
        assert newest > n_a
        for key, n in (("first", n_a), ("second", newest)):
            r = answers[key]
            assert r.status_code == 200, (key, r.text)
            assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == n, key
        assert n_quads(c) == newest
        assert all(p.proc.poll() is None for p in workers)  # no worker died or was replaced
        assert set(pool._all) >= set(workers)


class _FilesGone:
    """A store whose table files were never opened before a build removed them
    (what a big store with few file descriptors could meet): every read fails as
    RocksDB fails then."""

    def query(self, *a, **kw):
        raise OSError("IO error: No such file or directory: While open a file: 000042.sst")


def test_a_read_that_fails_because_its_generation_was_removed_runs_on_the_newest(tmp_path):
    store, recs = tmp_path / "store", record_paths()
    fixture_build(recs[:1], store, progress=False)
    old = open_store(store)
    fixture_add(recs[1:2], store, progress=False)
    fixture_add(recs[2:3], store, progress=False)  # removes the first generation
    assert not old.generation.exists()
    old.store = _FilesGone()
    job = (COUNT, {}, None, None, None, None, None, None, old.generation.name)
    now, res = _run_job(old, job)
    assert now.generation == current_generation(store)
    assert res.rows[0][0].value == str(quads(store))
    # while its generation is there, a failing read is an error, not a silent retry
    kept = open_store(store)
    kept.store = _FilesGone()
    with pytest.raises(Exception, match="IO error"):
        _run_job(kept, (*job[:-1], kept.generation.name))


# ------------------------------------------------------------------ item 7: endpoint gaps


@pytest.fixture(scope="module")
def seeds_server():
    with served(seed_store(), timeout=30, limit=7, workers=1, cors=["http://yasgui.test"]) as (
        _,
        c,
    ):
        yield c


def _sd(graph: list[ox.Triple], endpoint: str) -> dict:
    (service,) = [
        t.subject for t in graph if t.predicate == RDF_TYPE and t.object.value == SD + "Service"
    ]
    props: dict[str, list] = {}
    for t in graph:
        if t.subject == service:
            props.setdefault(t.predicate.value.removeprefix(SD), []).append(t.object)
    assert [o.value for o in props["endpoint"]] == [endpoint]
    return props


def test_service_description_at_get_sparql_without_a_query(seeds_server):
    c = seeds_server
    endpoint = str(c.base_url).rstrip("/") + "/sparql"
    r = c.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    graph = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    props = _sd(graph, endpoint)
    assert [o.value for o in props["supportedLanguage"]] == [SD + "SPARQL11Query"]
    formats = {o.value.rsplit("/", 1)[1] for o in props["resultFormat"]}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle"} <= formats
    assert SD + "UnionDefaultGraph" in {o.value for o in props["feature"]}
    assert "7 rows" in props["http://www.w3.org/2000/01/rdf-schema#comment"][0].value
    (dataset,) = props["defaultDataset"]
    kinds = {t.predicate.value.removeprefix(SD) for t in graph if t.subject == dataset}
    assert {"defaultGraph", "namedGraph"} <= kinds
    names = {t.object.value for t in graph if t.predicate.value == SD + "name"}
    assert G0 in names and len(names) >= len(DOCS)
    # other RDF formats by Accept; HEAD; nothing acceptable is 406
    for accept, fmt in (
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ):
        r = c.get("/sparql", headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        _sd(list(ox.parse(r.content, format=fmt)), endpoint)
    r = c.head("/sparql")
    assert r.status_code == 200 and r.content == b""
    r = c.get("/sparql", headers={"Accept": "image/png"})
    assert r.status_code == 406 and "\n" == r.text[-1] and r.text.count("\n") == 1
    # a query or an update still decides what GET means
    assert c.get("/sparql", params={"update": "CLEAR ALL"}).status_code == 403
    assert c.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


def test_cut_answers_say_so_and_cors_pages_can_read_it(seeds_server):
    c = seeds_server
    origin = {"Origin": "http://yasgui.test"}
    r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=origin)
    assert len(r.json()["results"]["bindings"]) == 7
    assert r.headers["x-sparql-maxrows"] == "7"
    assert r.headers["warning"].startswith('199 kg "the answer was cut at 7 rows')
    exposed = {h.strip().lower() for h in r.headers["access-control-expose-headers"].split(",")}
    assert {"x-sparql-maxrows", "warning", "x-sparql-query-seconds"} <= exposed
    assert r.headers["access-control-allow-origin"] == "http://yasgui.test"
    r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}, headers=origin)
    assert "x-sparql-maxrows" not in r.headers and "warning" not in r.headers
    # a YASGUI-style preflight (POST with a form)
    r = c.options(
        "/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )  # fmt: skip
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "http://yasgui.test"
    # rdflib's SPARQLStore gets the cut answer without a word: what the README warns of
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    sparql_store = SPARQLStore(str(c.base_url).rstrip("/") + "/sparql")
    try:
        rows = list(sparql_store.query("SELECT * WHERE { ?s ?p ?o }"))
    finally:
        sparql_store.close()
    assert len(rows) == 7
