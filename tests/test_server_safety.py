"""kg serve on a shared machine: nobody changes the graph or reaches the network
through it, limits hold, it binds to loopback, and it keeps answering under load
and next to a slow query. (tests/test_server.py covers the protocol itself.)

A listening socket on loopback stands in for a remote SPARQL endpoint or a
file to LOAD: the tests assert that the server never connected to it.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from viz_helpers import seed_store

from kg.query import QueryRefused, check_read_only
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FAST = "SELECT ?p WHERE { ?p a kg:Park } LIMIT 3"
MAX_BODY = 8192
TIME_LIMIT = 2.0


def _load_bench():
    spec = importlib.util.spec_from_file_location("kg_bench_load", ROOT / "bench" / "load.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


load = _load_bench()


class Trap:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.hits: list[bytes] = []
        self._stop = False
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.hits.append(conn.recv(200))
                except OSError:
                    self.hits.append(b"")

    def close(self) -> None:
        self._stop = True
        self._t.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def server():
    store = str(seed_store())
    with load.served(store, TIME_LIMIT, 2, limit=100, max_body=MAX_BODY) as url:
        yield url, store


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server[0], timeout=30) as c:
        yield c


@pytest.fixture()
def trap():
    t = Trap()
    yield t
    t.close()


def _snapshot(store: str) -> tuple:
    """What a write would change: CURRENT, the generations, the quads."""
    path = Path(store)
    gens = sorted(p.name for p in path.glob("gen-*"))
    with open_store(store) as s:
        return (path / "CURRENT").read_text(), gens, len(s), s.meta["quads"]


def _attacks(endpoint: str) -> list[str]:
    e = f"<{endpoint}>"
    return [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "insert data { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:> INSERT DATA { x:a x:b x:c }",
        "# a comment first\nDELETE WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        f"LOAD {e}",
        f"LOAD SILENT {e} INTO GRAPH <urn:g>",
        "LOAD <file:///etc/passwd>",
        "CLEAR ALL",
        "CLEAR DEFAULT",
        "DROP ALL",
        "DROP SILENT GRAPH <urn:g>",
        "CREATE GRAPH <urn:g>",
        "COPY DEFAULT TO <urn:g>",
        "MOVE DEFAULT TO <urn:g>",
        "ADD DEFAULT TO <urn:g>",
        "BASE <urn:> DROP ALL",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
        "SELECT * WHERE { ?s ?p ?o }\nDROP ALL",
        f"SELECT * WHERE {{ SERVICE {e} {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent {e} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE {e} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {e} {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE {e} {{ ?s ?p ?o }} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {e} {{ ?s ?p ?o }} }}",
        f"PREFIX ep: <{endpoint.rsplit('/', 1)[0]}/> SELECT * WHERE {{ SERVICE ep:sparql {{}} }}",
        # a backslash-escaped '#' or "'" in a prefixed name is part of the name,
        # not a comment or a string: it must not hide what follows
        f"PREFIX ex: <urn:> SELECT * WHERE {{ {{ ?x ?y ex:a\\#b }} UNION {{ SERVICE {e} {{}} }} }}",
        f"PREFIX ex: <urn:> SELECT * WHERE {{ {{ ?x ?y ex:a\\'b }} UNION {{ SERVICE {e} {{}} }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE {e} {{ ?s ?p ?o }} }}",
        "\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ]


def test_updates_load_and_service_are_refused_and_nothing_changes(server, client, trap):
    url, store = server
    before = _snapshot(store)
    endpoint = f"http://127.0.0.1:{trap.port}/sparql"
    statuses = []
    for q in _attacks(endpoint):
        tries = [
            client.get("/sparql", params={"query": q}),
            client.post("/sparql", data={"query": q}),
            client.post(
                "/sparql", content=q.encode(), headers={"Content-Type": "application/sparql-query"}
            ),
            client.post("/sparql", data={"update": q}),
            client.get("/sparql", params={"update": q}),
            client.post(
                "/sparql",
                content=q.encode(),
                headers={"Content-Type": "application/sparql-update"},
            ),
            client.post(
                "/sparql",
                params={"update": q},
                content=b"ASK {}",
                headers={"Content-Type": "application/sparql-query"},
            ),
            client.post("/api/query", json={"query": q}),
        ]
        for r in tries:
            statuses.append(r.status_code)
            assert 400 <= r.status_code < 500, (q, r.request.method, r.status_code, r.text)
    assert trap.hits == [], trap.hits  # the server never called out
    assert _snapshot(store) == before
    r = client.get("/sparql", params={"query": COUNT})
    assert r.status_code == 200


def test_the_read_only_check_itself():
    for q in _attacks("http://127.0.0.1:9/sparql"):
        if ";" in q or "\nDROP" in q:
            continue  # not one query: the parser refuses it (400)
        with pytest.raises(QueryRefused):
            check_read_only(q)
    # no false alarms on words inside strings, IRIs, comments and names
    for q in (
        'SELECT * WHERE { ?s ?p "SERVICE" }',
        'SELECT * WHERE { ?s ?p "\\u0053ERVICE" }',
        "SELECT * WHERE { ?s <urn:SERVICE> ?o } # SERVICE <x> {}",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "PREFIX ex: <urn:> SELECT * WHERE { ?s ?p ex:a\\#SERVICE }",
        "SELECT * WHERE { ?s ?p ?o } # DROP ALL",
    ):
        check_read_only(q)


def test_request_size_limits(client):
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * (MAX_BODY + 10)
    r = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    r = client.post("/sparql", data={"query": big})
    assert r.status_code == 413
    r = client.post("/api/query", json={"query": big})
    assert r.status_code == 413

    def chunks():  # no Content-Length: the limit counts the streamed bytes
        for _ in range(10):
            yield b"x" * 2000

    r = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413
    url = str(client.base_url).rstrip("/")
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 99999999999\r\nConnection: close\r\n\r\nASK {}"
        )
        answer = sock.recv(1000)  # refused on the header alone, without waiting for a body
    assert int(answer.split()[1]) == 413, answer
    # an enormous URL is refused by the HTTP layer, and the server lives on; it may
    # close the connection (a reset: our bytes unread) before the rest is sent
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        try:
            sock.sendall(b"GET /sparql?query=ASK%20%7B%7D%23" + b"x" * 200_000 + b" HTTP/1.1\r\n")
            sock.sendall(b"Host: x\r\nConnection: close\r\n\r\n")
            answer = sock.recv(1000)
        except (ConnectionResetError, BrokenPipeError):
            answer = b""  # closed without an answer
    assert answer == b"" or 400 <= int(answer.split()[1]) < 500, answer[:200]
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_time_limit_and_cap_on_every_route(client):
    t0 = time.monotonic()
    r = client.post("/api/query", json={"query": SLOW})
    assert r.status_code == 503 and "time limit" in r.text
    assert time.monotonic() - t0 < TIME_LIMIT + 5
    r = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert r.status_code == 200 and len(r.text.strip().splitlines()) == 100
    assert r.headers["x-sparql-maxrows"] == "100"
    r = client.post("/api/query", json={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == 100


TRAVERSALS = [
    "/static/../server.py",
    "/static/%2e%2e/server.py",
    "/static/%2E%2E/server.py",
    "/static/..%2fserver.py",
    "/static/..%2Fserver.py",
    "/static/%2e%2e%2fserver.py",
    "/static/%252e%252e%252fserver.py",
    "/static/..%5cserver.py",
    "/static/..\\server.py",
    "/static/.%2e/server.py",
    "/static/%2e./server.py",
    "/static/%c0%ae%c0%ae/server.py",
    "/static/..%c0%afserver.py",
    "/static/..%00/server.py",
    "/static/../../kg/server.py",
    "/static/%2e%2e/%2e%2e/kg/server.py",
    "/static/explorer.js/../../server.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/%2F%2E%2E%2F%2E%2E%2Fserver.py",
    "/static/..;/server.py",
    "/static/\uff0e\uff0e/server.py",
    "/static/vendor/../../server.py",
    "/static/vendor/vis-network.min.js/../../../server.py",
    "//static/../server.py",
    "/static/" + "../" * 20 + "etc/passwd",
]


def _raw_get(url: str, target: str) -> bytes:
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize("target", TRAVERSALS)
def test_static_files_without_path_traversal(server, target):
    data = _raw_get(server[0], target)
    status = int(data.split()[1])
    assert status in (400, 404, 405), (target, data[:300])
    assert b"create_app" not in data and b"root:" not in data


def test_no_cors_unless_asked(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://evil.test"})
    assert r.status_code == 200
    assert not any(h.lower().startswith("access-control-") for h in r.headers)
    r = client.options(
        "/sparql",
        headers={"Origin": "http://evil.test", "Access-Control-Request-Method": "POST"},
    )
    assert r.status_code == 405
    assert not any(h.lower().startswith("access-control-") for h in r.headers)
    r = client.post("/api/query", json={"query": "ASK {}"}, headers={"Origin": "http://evil.test"})
    assert "access-control-allow-origin" not in r.headers


def _listening(port: int) -> list[str]:
    """Local addresses of the TCP sockets listening on ``port`` (from /proc/net/tcp*)."""
    out = []
    for name in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, p = fields[1].rsplit(":", 1)
            if int(p, 16) == port and fields[3] == "0A":  # LISTEN
                out.append(addr)
    return out


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_kg_serve_binds_loopback_by_default(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "serve",
            "--store",
            str(seed_store()),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "kg serve did not start"
            time.sleep(0.1)
        assert _listening(port) == ["0100007F"]  # 127.0.0.1 only, no IPv6, not 0.0.0.0
        r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"}, timeout=30)
        assert r.status_code == 200
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_bounded_load_and_a_slow_query_does_not_starve_the_others(server, capsys):
    """120 canned queries from 6 clients, then the same while a cross join runs
    until the time limit: everything answers. (Success is asserted, not times,
    which a loaded machine stretches; test_server_limits.py holds two slow
    queries in flight for certain and asserts the explorer still answers.
    bench/load.py runs the long load.)"""
    url, _ = server
    out = load.run(url, 120, 6)
    with capsys.disabled():
        print("\n" + load.report(out))
    plain, busy = out["canned"], out["with_slow_query"]["load"]
    assert plain["requests"] == 120 and plain["errors"] == 0, plain
    assert busy["requests"] == 120 and busy["errors"] == 0, busy
    (slow,) = out["with_slow_query"]["slow"]
    assert slow["status"] == 503 and slow["seconds"] < TIME_LIMIT + 5
    # while the slow query held one worker, the others kept answering
    during = out["with_slow_query"]["during"]
    assert during["errors"] == 0, during
    assert plain["rps"] > 0 and plain["p50_ms"] > 0


def test_load_generator_standalone():
    """bench/load.py runs on its own and prints its figures (short run)."""
    bench = [sys.executable, str(ROOT / "bench" / "load.py"), "--store", str(seed_store())]
    proc = subprocess.run(
        [*bench, "-n", "40", "-c", "2", "--no-slow"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    import json

    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert figures["canned"]["requests"] == 40 and figures["canned"]["errors"] == 0
    assert "req/s" in proc.stdout
