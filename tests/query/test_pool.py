"""Hard time limits: the query pool kills a worker whose query runs over the
limit and goes on serving (its workers talk over length-prefixed pickles), and
``kg query --timeout`` ends the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oxigraph_helpers import needs_oxigraph, oxigraph_server
from viz_helpers import seed_store

from kg.query.errors import QueryRefused, QuerySyntaxError, QueryTimeout
from kg.query.pool import QueryPool, _Pipe

# a query that never ends on any real graph (three-way cross product)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_pool_stops_a_slow_query_and_keeps_serving():
    with QueryPool(seed_store(), workers=1, timeout=1.0, limit=5) as pool:
        ans = pool.run("SELECT ?s WHERE { ?s ?p ?o }")
        assert ans.truncated and ans.count == 5 and ans.fmt == "json"
        with pytest.raises(QueryTimeout, match="time limit"):
            pool.run(SLOW)
        ans = pool.run("ASK { ?s a kg:Park }", accept="text/csv")
        assert ans.body == b"true"
        with pytest.raises(QuerySyntaxError):
            pool.run("SELECT")


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.binary(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_the_pipe_gives_back_what_was_sent(obj):
    r, w = os.pipe()
    with os.fdopen(r, "rb", buffering=0) as rfile, os.fdopen(w, "wb", buffering=0) as wfile:
        conn = _Pipe(rfile, wfile)
        conn.send(obj)
        conn.send(None)  # the end of the jobs
        assert conn.poll(0)
        assert conn.recv() == obj and conn.recv() is None
        assert not conn.poll(0)
        wfile.close()
        with pytest.raises(EOFError):
            conn.recv()


def test_cli_query_time_limit():
    kg = Path(sys.executable).parent / "kg"
    p = subprocess.run(
        [str(kg), "query", SLOW, "--timeout", "1", "--store", str(seed_store())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 1
    assert "time limit" in p.stderr and "Traceback" not in p.stderr


@pytest.fixture
def server(tmp_path):
    yield from oxigraph_server(tmp_path / "oxdata")


@needs_oxigraph
def test_query_workers_of_a_remote_store_keep_their_network(server):
    """A remote store is reached over HTTP by the worker (and runs the query
    itself): no sandbox there, and SERVICE is still refused by the check."""
    with QueryPool(server, workers=1, reserved=0, timeout=60) as pool:
        assert pool.sandbox is None
        assert pool.run("ASK {}", accept="text/csv").body == b"true"
        with pytest.raises(QueryRefused):
            pool.run(f"SELECT * WHERE {{ SERVICE <{server}/query> {{ ?s ?p ?o }} }}")
