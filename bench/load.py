"""A bounded load test of ``kg serve`` on loopback.

A fixed number of requests from several concurrent clients (threads, one
``httpx.Client`` each), stopping by itself; prints requests/s, p50/p99
latency and errors for a canned query, then the same while a slow query (a
cross join, stopped by the server's time limit) runs, to show that it does not
starve the others.

    python bench/load.py                         # builds seeds/ in a temp dir, serves it
    python bench/load.py --store kg-store -n 3000 --clients 8
    python bench/load.py --url http://127.0.0.1:8000 -n 1000   # a running kg serve

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


def _figures(latencies: list[float], errors: int, took: float, statuses: dict) -> Figures:
    return Figures(
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
    url: str, n: int, clients: int, timeout: float = 30.0, check=None, window=None
) -> Figures:
    """``n`` POSTs of the canned query to ``url``/api/query from ``clients`` threads.

    ``window``: a list that receives ``(start, end, ok)`` of every request
    (``time.perf_counter()``), to look at a part of the run."""
    lock = threading.Lock()
    left = [n]
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = [0]

    def take() -> bool:
        with lock:
            if left[0] <= 0:
                return False
            left[0] -= 1
            return True

    def client() -> None:
        with httpx.Client(base_url=url, timeout=timeout) as c:
            while take():
                t0 = time.perf_counter()
                try:
                    r = c.post("/api/query", json=CANNED)
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
    return _figures(latencies, errors[0], took, statuses)


def slow_query(url: str, timeout: float = 120.0) -> tuple[int, float]:
    """Run the cross join once: (status, seconds)."""
    t0 = time.perf_counter()
    r = httpx.get(url + "/sparql", params={"query": SLOW}, timeout=timeout)
    return r.status_code, time.perf_counter() - t0


def under_a_slow_query(url: str, n: int, clients: int) -> dict:
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
    figures = hammer(url, n, clients, window=window)
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


def run(url: str, n: int, clients: int, with_slow: bool = True) -> dict:
    warm = hammer(url, min(20, n), clients)  # workers warm, connections open
    if warm.errors:
        raise RuntimeError(f"the canned query fails: {warm.statuses}")
    out = {"clients": clients, "canned": asdict(hammer(url, n, clients))}
    if with_slow:
        out["with_slow_query"] = under_a_slow_query(url, n, clients)
    return out


def report(out: dict) -> str:
    lines = [f"{'run':<24}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"]
    rows = [("canned", out["canned"])]
    if "with_slow_query" in out:
        rows.append(("canned + slow query", out["with_slow_query"]["load"]))
        rows.append(("  while it ran", out["with_slow_query"]["during"]))
    for name, f in rows:
        lines.append(
            f"{name:<24}{f['requests']:>9}{f['errors']:>7}{f['rps']:>9.1f}"
            f"{f['p50_ms']:>9.1f}{f['p99_ms']:>9.1f}"
        )
    for s in out.get("with_slow_query", {}).get("slow", []):
        lines.append(f"slow query: HTTP {s['status']} after {s['seconds']:.2f} s (time limit)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running kg serve (otherwise one is started here)")
    ap.add_argument("--store", help="the store to serve (default: seeds/ built in a temp dir)")
    ap.add_argument("-n", "--requests", type=int, default=2000)
    ap.add_argument("-c", "--clients", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=3.0, help="the server's query time limit")
    ap.add_argument("--workers", type=int, default=2, help="the server's query processes")
    ap.add_argument("--no-slow", action="store_true", help="skip the slow-query run")
    a = ap.parse_args(argv)
    if a.url:
        out = run(a.url.rstrip("/"), a.requests, a.clients, not a.no_slow)
    else:
        with served(a.store or seeds_store(), a.timeout, a.workers) as url:
            out = run(url, a.requests, a.clients, not a.no_slow)
    out["server"] = {"timeout": a.timeout, "workers": a.workers} if not a.url else {"url": a.url}
    print(report(out))
    print(json.dumps(out, ensure_ascii=False))
    return 0 if not out["canned"]["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
