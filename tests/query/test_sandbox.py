"""Query workers cannot reach the network, even when a check is missed: they run
deny_network() (a seccomp filter, else an empty network namespace) before any
query. A TCP listener on loopback (the ``trap`` fixture) stands in for the
endpoint that a SERVICE clause would call."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from viz_helpers import seed_store

from kg.query.pool import QueryPool
from kg.query.sandbox import NO_NETWORK

ROOT = Path(__file__).resolve().parents[2]


def test_query_workers_have_no_network(trap, tmp_path):
    """Defence in depth: even a SERVICE query that no check stopped cannot connect
    from a query worker (it runs deny_network() before any query)."""
    if sys.platform != "linux":
        pytest.skip("the sandbox is Linux-only")
    service = f"SELECT * WHERE {{ SERVICE <{trap.url}> {{ ?s ?p ?o }} }}"
    script = (
        "import sys; import pyoxigraph as ox; import kg.query as q; import kg.query.execution\n"
        "print(q.deny_network())\n"
        "try:\n"
        f"    list(ox.Store().query({service!r}))\n"
        "    print('connected')\n"
        "except OSError as e:\n"
        "    print('refused', e)\n"
        "kg.query.execution.check_read_only = lambda text: None  # as if the check missed it\n"
        "try:\n"
        f"    q.execute(ox.Store(), {service!r})\n"
        "    print('connected')\n"
        "except q.QueryRefused as e:\n"
        "    print('refused', e)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    how, raw, through_execute = p.stdout.split("\n")[:3]
    assert how in ("seccomp", "netns"), p.stdout + p.stderr
    assert raw.startswith("refused"), raw
    assert through_execute == "refused " + NO_NETWORK, through_execute
    assert trap.hits == []
    with QueryPool(str(seed_store()), workers=1, reserved=0, timeout=30) as pool:
        assert pool.sandbox in ("seccomp", "netns")
