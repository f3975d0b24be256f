"""A bounded load test of ``kg serve`` on loopback.

A fixed number of requests from several concurrent clients (threads, one
``httpx.Client`` each), stopping by itself; prints requests/s, p50/p99
latency and errors for a canned query, then the same while a slow query (a
cross join, stopped by the server's time limit) runs, to show that it does not
starve the others.

    python bench/load.py                         # builds seeds/ in a temp dir, serves it
    python bench/load.py --store kg-store -n 3000 --clients 8
    python bench/load.py --url http://127.0.0.1:8000 -n 1000   # a running kg serve
    python bench/load.py --store /tmp/s10k --mix explorer -n 1500 --no-slow
    python bench/load.py --store /tmp/s10k --cpu-by-route 100   # CPU a route, in-process

``--mix explorer`` sends what the explorer sends while analysts browse, instead of
the one canned query: visits of entities (every tenth the largest park, the others
drawn with a fixed seed from all entities), each a search by the first
two characters of the name, the entity page (``/api/entity``: counts, first pages
and their evidence), its neighbourhood, the second page of its documents and of its
largest group of facts, and on two visits of three a canned query (companies-in-park
for the visit's park or a park drawn, parks-by-industry for an industry drawn; the
largest park and the industry most parks focus on every tenth time). The requests of the visits
are dealt to the clients in turn, so every client browses different entities.

The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
# a canned query (kg/ontology/queries/companies-in-park.rq) on a park of the seeds
CANNED = {"query": "companies-in-park", "params": {"park": "西部（重庆）科学城"}}
# a cross join the time limit has to stop
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Figures:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    statuses: dict = field(default_factory=dict)
    routes: dict = field(default_factory=dict)  # path → requests, p50/p99 ms, errors


def _figures(
    latencies: list[float], errors: int, took: float, statuses: dict, paths: list | None = None
) -> Figures:
    routes: dict = {}
    for path, dt, ok in paths or ():
        routes.setdefault(path, []).append((dt, ok))
    return Figures(
        routes={
            path: {
                "requests": len(rs),
                "p50_ms": round(1000 * statistics.median(dt for dt, _ in rs), 1),
                "p99_ms": round(1000 * _percentile([dt for dt, _ in rs], 0.99), 1),
                "errors": sum(1 for _, ok in rs if not ok),
            }
            for path, rs in sorted(routes.items())
        },
        requests=len(latencies),
        errors=errors,
        seconds=round(took, 3),
        rps=round(len(latencies) / took, 1) if took else 0.0,
        p50_ms=round(1000 * statistics.median(latencies), 2) if latencies else 0.0,
        p99_ms=round(1000 * _percentile(latencies, 0.99), 2),
        max_ms=round(1000 * max(latencies, default=0.0), 2),
        statuses=statuses,
    )


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    pos = (len(values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def hammer(
    url: str,
    n: int,
    clients: int,
    timeout: float = 30.0,
    check=None,
    window=None,
    requests: list[tuple] | None = None,
) -> Figures:
    """``n`` POSTs of the canned query to ``url``/api/query from ``clients`` threads;
    with ``requests`` (``(method, path, params or JSON body)``, see
    :func:`explorer_mix`), those, in turn, from the first.

    ``window``: a list that receives ``(start, end, ok)`` of every request
    (``time.perf_counter()``), to look at a part of the run."""
    todo = requests or [("POST", "/api/query", CANNED)]
    lock = threading.Lock()
    left = [n]
    sent = [0]
    latencies: list[float] = []
    paths: list[tuple[str, float, bool]] = []
    statuses: dict[str, int] = {}
    errors = [0]

    def take() -> tuple | None:
        with lock:
            if left[0] <= 0:
                return None
            left[0] -= 1
            sent[0] += 1
            return todo[(sent[0] - 1) % len(todo)]

    def client() -> None:
        with httpx.Client(base_url=url, timeout=timeout) as c:
            while (req := take()) is not None:
                method, path, data = req
                t0 = time.perf_counter()
                try:
                    if method == "POST":
                        r = c.post(path, json=data)
                    else:
                        r = c.get(path, params=data)
                    key = str(r.status_code)
                    ok = r.status_code == 200 and (check is None or check(r))
                except httpx.HTTPError as e:
                    key, ok = type(e).__name__, False
                t1 = time.perf_counter()
                dt = t1 - t0
                with lock:
                    if window is not None:
                        window.append((t0, t1, ok))
                    latencies.append(dt)
                    paths.append((path if method == "GET" else f"{path} {data['query']}", dt, ok))
                    statuses[key] = statuses.get(key, 0) + 1
                    if not ok:
                        errors[0] += 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0
    return _figures(latencies, errors[0], took, statuses, paths)


ENTITIES = """SELECT ?e ?label ?type WHERE {
  VALUES (?t ?type) { (kg:Park "Park") (kg:Company "Company") (kg:Institution "Institution")
                      (kg:Industry "Industry") }
  ?e a ?t ; rdfs:label ?label .
}"""  # no ORDER BY: sorting the IRIs reads every one (seconds at 10k); sorted here
LARGEST = """SELECT ?p ?label ?n WHERE {
  { SELECT ?p (COUNT(*) AS ?n) WHERE { ?c kg:locatedIn ?p } GROUP BY ?p ORDER BY DESC(?n) LIMIT 1 }
  ?p rdfs:label ?label }"""
INDUSTRY = """SELECT ?label ?n WHERE {
  { SELECT ?i (COUNT(*) AS ?n) WHERE { ?p kg:focusesOn ?i } GROUP BY ?i ORDER BY DESC(?n) LIMIT 1 }
  ?i rdfs:label ?label }"""


def _select(url: str, query: str) -> list[dict]:
    """The rows of a SELECT sent to the server's SPARQL endpoint, 5,000 at a time (its
    row limit may be lower than the answer), as ``{variable: value}``."""
    rows: list[dict] = []
    while True:
        text = f"{query} LIMIT 5000 OFFSET {len(rows)}"
        r = httpx.post(url + "/sparql", data={"query": text}, timeout=600,
                       headers={"Accept": "application/sparql-results+json"})  # fmt: skip
        r.raise_for_status()
        got = [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
        rows += got
        if len(got) < 5000:
            return rows


def explorer_mix(
    url: str, visits: int = 300, seed: int = 17, store: str | None = None
) -> list[tuple]:
    """The requests of ``visits`` analysts' visits of entities (see the module doc),
    as ``(method, path, params or JSON body)``; the entities are read from ``store``
    (a path) when given, else through the server (under its time limit)."""
    import random

    if store is not None:
        import kg

        with kg.open(store) as g:
            select = lambda q: [{k: str(v) for k, v in r.items()} for r in g.query(q)]  # noqa: E731
            everyone, largest, industry = (select(q) for q in (ENTITIES, LARGEST, INDUSTRY))
    else:
        everyone, largest, industry = (_select(url, q) for q in (ENTITIES, LARGEST, INDUSTRY))
    everyone.sort(key=lambda r: (r["e"], r["label"]))
    largest, industry = largest[0], industry[0]["label"]
    parks = [r["label"] for r in everyone if r["type"] == "Park"]
    industries = [r["label"] for r in everyone if r["type"] == "Industry"]
    rnd = random.Random(seed)
    out: list[tuple] = []
    for v in range(visits):
        if v % 10 == 0:
            e = {"e": largest["p"], "label": largest["label"], "type": "Park"}
        else:
            e = rnd.choice(everyone)
        iri = e["e"]
        out.append(("GET", "/api/search", {"q": e["label"][:2]}))
        out.append(("GET", "/api/entity", {"iri": iri}))
        out.append(("GET", "/api/neighbourhood", {"iri": iri}))
        out.append(("GET", "/api/documents", {"iri": iri, "page": "2"}))
        group = {"Park": ("locatedIn", "in"), "Industry": ("inIndustry", "in")}.get(
            e["type"], ("locatedIn", "out")
        )
        out.append(
            ("GET", "/api/facts", {"iri": iri, "predicate": group[0], "direction": group[1],
                                   "page": "2"})
        )  # fmt: skip
        if v % 3 == 0:
            park = e["label"] if e["type"] == "Park" else rnd.choice(parks)
            park = largest["label"] if v % 30 == 0 else park
            out.append(
                ("POST", "/api/query", {"query": "companies-in-park", "params": {"park": park}})
            )
        elif v % 3 == 1:
            ind = industry if v % 30 == 1 else rnd.choice(industries)
            out.append(
                ("POST", "/api/query", {"query": "parks-by-industry", "params": {"industry": ind}})
            )
    return out


def slow_query(url: str, timeout: float = 120.0) -> tuple[int, float]:
    """Run the cross join once: (status, seconds)."""
    t0 = time.perf_counter()
    r = httpx.get(url + "/sparql", params={"query": SLOW}, timeout=timeout)
    return r.status_code, time.perf_counter() - t0


def under_a_slow_query(url: str, n: int, clients: int, requests=None) -> dict:
    """The canned load while a cross join runs until the time limit; ``during``
    counts only the requests made while it ran."""
    slow: list[tuple[int, float, float, float]] = []

    def run_slow() -> None:
        t0 = time.perf_counter()
        status, took = slow_query(url)
        slow.append((status, took, t0, t0 + took))

    thread = threading.Thread(target=run_slow, daemon=True)
    thread.start()
    time.sleep(0.2)  # let it reach a worker
    window: list[tuple[float, float, bool]] = []
    figures = hammer(url, n, clients, window=window, requests=requests)
    thread.join()
    status, took, a, b = slow[0]
    inside = [(t0, t1, ok) for t0, t1, ok in window if t0 >= a and t1 <= b]
    span = (max(t1 for _, t1, _ in inside) - min(t0 for t0, _, _ in inside)) if inside else 0.0
    during = _figures(
        [t1 - t0 for t0, t1, _ in inside], sum(1 for *_, ok in inside if not ok), span, {}
    )
    return {
        "load": asdict(figures),
        "during": asdict(during),
        "slow": [{"status": status, "seconds": round(took, 3)}],
    }


SERVERS: dict[str, int] = {}  # the URL of a server started here → its process id


def server_cpu(url: str) -> float | None:
    """CPU seconds the server started here at ``url`` has used so far, its query
    processes included (None: not started here, or psutil missing)."""
    try:
        import psutil

        proc = psutil.Process(SERVERS[url])
        procs = [proc, *proc.children(recursive=True)]
    except (ImportError, KeyError):
        return None
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
        except psutil.Error:  # a worker that ended meanwhile
            continue
        total += t.user + t.system
    return total


@contextmanager
def served(store: str, timeout: float, workers: int, limit: int = 10000, max_body: int = 1 << 20):
    """A real ``kg serve`` (its own process, so it does not share the GIL with the
    load threads) on a free loopback port; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", store, "--port", str(port),
           "--timeout", str(timeout), "--workers", str(workers), "--limit", str(limit),
           "--max-body", str(max_body)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kg serve ended: {proc.stderr.read().strip()}")
            try:
                if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).is_success:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kg serve did not start")
            time.sleep(0.1)
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain its log
        SERVERS[url] = proc.pid
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def seeds_store() -> str:
    from kg.build import build

    path = Path(tempfile.mkdtemp(prefix="kg-load-")) / "store"
    build([str(ROOT / "seeds")], path, progress=False)
    return str(path)


def run(
    url: str,
    n: int,
    clients: int,
    with_slow: bool = True,
    mix: str = "canned",
    store: str | None = None,
) -> dict:
    requests = explorer_mix(url, store=store) if mix == "explorer" else None
    warm = hammer(url, min(20, n), clients, requests=requests)  # warm, connections open
    # the explorer's mix may meet a cold start that runs over the time limit
    if warm.errors == warm.requests or (mix == "canned" and warm.errors):
        raise RuntimeError(f"the {mix} requests fail: {warm.statuses}")
    out = {"clients": clients, "mix": mix}
    cpu = server_cpu(url)
    out["canned"] = asdict(hammer(url, n, clients, requests=requests))
    if cpu is not None:  # what the machine's load does not change: CPU per request
        used = server_cpu(url) - cpu
        out["canned"]["server_cpu_s"] = round(used, 2)
        out["canned"]["server_cpu_ms_per_request"] = round(1000 * used / n, 1)
    if with_slow:
        if mix == "explorer":  # other visits: the server keeps the answers it made
            requests = explorer_mix(url, seed=18, store=store)
        out["with_slow_query"] = under_a_slow_query(url, n, clients, requests)
    return out


def report(out: dict) -> str:
    lines = [f"{'run':<24}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"]
    rows = [(out.get("mix", "canned"), out["canned"])]
    if "with_slow_query" in out:
        rows.append((f"{rows[0][0]} + slow query", out["with_slow_query"]["load"]))
        rows.append(("  while it ran", out["with_slow_query"]["during"]))
    for name, f in rows:
        lines.append(
            f"{name:<24}{f['requests']:>9}{f['errors']:>7}{f['rps']:>9.1f}"
            f"{f['p50_ms']:>9.1f}{f['p99_ms']:>9.1f}"
        )
    if "server_cpu_s" in out["canned"]:
        f = out["canned"]
        lines.append(
            f"server CPU: {f['server_cpu_s']:.1f} s for {f['requests']} requests, "
            f"{f['server_cpu_ms_per_request']:.1f} ms a request (its query processes included)"
        )
    routes = out["canned"].get("routes", {})
    if len(routes) > 1:
        lines.append(f"{'route':<40}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p99 ms':>9}")
        for path, f in routes.items():
            lines.append(
                f"{path[:40]:<40}{f['requests']:>9}{f['errors']:>7}{f['p50_ms']:>9.1f}"
                f"{f['p99_ms']:>9.1f}"
            )
    for s in out.get("with_slow_query", {}).get("slow", []):
        lines.append(f"slow query: HTTP {s['status']} after {s['seconds']:.2f} s (time limit)")
    return "\n".join(lines)


def cpu_by_route(store: str, visits: int = 100) -> dict[str, dict]:
    """The CPU of each route of the explorer's mix, in this process: the
    :class:`kg.api.Graph` method behind each request of ``visits`` visits, timed with
    ``time.process_time`` (steadier than wall time on a shared machine); a request whose
    answer the server would keep is counted once, as the server answers it once.
    Returns route → {"requests", "cpu_ms"} (a request's mean)."""
    import kg

    requests = explorer_mix("", visits=visits, store=store)
    spent: dict[str, list[float]] = {}
    done = set()
    with kg.open(store) as g:
        g.warm().join()
        calls = {
            "/api/search": lambda p: g.search_page(p["q"], 1, 20),
            "/api/entity": lambda p: g.summary(p["iri"], 20, 10),
            "/api/neighbourhood": lambda p: g.neighbourhood(p["iri"], 80),
            "/api/documents": lambda p: g.documents_page(p["iri"], int(p["page"]), 10),
            "/api/facts": lambda p: g.facts_page(
                p["iri"], p["predicate"], p["direction"], int(p["page"]), 20
            ),
        }
        for _, path, p in requests:
            key = (path, json.dumps(p, sort_keys=True, ensure_ascii=False))
            if key in done and path != "/api/search":
                continue
            done.add(key)
            t0 = time.process_time()
            if path in calls:
                calls[path](p)
            else:
                path = f"{path} {p['query']}"
                g.query(p["query"], params=g.spell(p["params"]))
            spent.setdefault(path, []).append(time.process_time() - t0)
    return {
        path: {"requests": len(ts), "cpu_ms": round(1000 * sum(ts) / len(ts), 1)}
        for path, ts in sorted(spent.items(), key=lambda kv: -sum(kv[1]))
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running kg serve (otherwise one is started here)")
    ap.add_argument("--store", help="the store to serve (default: seeds/ built in a temp dir)")
    ap.add_argument("-n", "--requests", type=int, default=2000)
    ap.add_argument("-c", "--clients", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=3.0, help="the server's query time limit")
    ap.add_argument("--workers", type=int, default=2, help="the server's query processes")
    ap.add_argument("--no-slow", action="store_true", help="skip the slow-query run")
    ap.add_argument(
        "--mix", choices=("canned", "explorer"), default="canned",
        help="the requests: one canned query, or what the explorer sends (see above)",
    )  # fmt: skip
    ap.add_argument(
        "--cpu-by-route",
        type=int,
        metavar="VISITS",
        help="with --store: the CPU of each route of the explorer's mix in this process "
        "(no server), for VISITS visits; then stop",
    )
    a = ap.parse_args(argv)
    if a.cpu_by_route:
        routes = cpu_by_route(a.store, a.cpu_by_route)
        for path, f in routes.items():
            print(f"{path[:40]:<40}{f['requests']:>9}{f['cpu_ms']:>9.1f} ms CPU")
        print(json.dumps(routes, ensure_ascii=False))
        return 0
    if a.url:
        out = run(a.url.rstrip("/"), a.requests, a.clients, not a.no_slow, a.mix)
    else:
        store = a.store or seeds_store()
        with served(store, a.timeout, a.workers) as url:
            out = run(url, a.requests, a.clients, not a.no_slow, a.mix, store)
    out["server"] = {"timeout": a.timeout, "workers": a.workers} if not a.url else {"url": a.url}
    print(report(out))
    print(json.dumps(out, ensure_ascii=False))
    return 0 if not out["canned"]["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
