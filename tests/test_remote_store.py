"""A remote store round trip against a real Oxigraph server started on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graph_helpers import (
    assert_stats_fresh,
    fixture_add,
    fixture_build,
    quad_set,
    record_paths,
    stats_lines,
)
from oxigraph_helpers import free_port, needs_oxigraph, oxigraph_server
from store_helpers import same_lines, seed_record_files, seeds_graph, sorted_nquads

from kg.query import execute, load_query
from kg.store import open_store

pytestmark = needs_oxigraph


@pytest.fixture
def server(tmp_path):
    yield from oxigraph_server(tmp_path / "oxdata")


def test_build_query_add_round_trip(server, tmp_path):
    paths = record_paths()
    # a local build of all records is the reference
    fixture_build(paths, tmp_path / "local")
    # remote: build two thirds, then add the rest
    cut = len(paths) * 2 // 3
    report = fixture_build(paths[:cut], server)
    assert report.documents == cut and report.quads > 0
    report = fixture_add(paths[cut:], server)
    assert report.added == sorted(json.loads(p.read_text())["doc"] for p in paths[cut:])
    want = quad_set(tmp_path / "local")
    with open_store(server) as remote:
        assert {str(q) for q in remote.quads()} == want
        assert len(remote) == len(want)
        assert sorted(remote.records()) == sorted(open_store(tmp_path / "local").records())
        # one named graph per document, as docs/graph-model.md
        graphs = {q.graph_name.value for q in remote.quads()}
        assert sum(g.startswith("https://w3id.org/kg/graph/doc/") for g in graphs) == len(paths)
    # the stats graph (kg/statsgraph.py) is kept by the build and the add on the server
    assert stats_lines(server) == stats_lines(tmp_path / "local")
    assert stats_lines(server) and "graph/stats" not in " ".join(want)
    assert_stats_fresh(server)
    for name in ("most-connected", "parks-by-companies"):
        text, canned = load_query(name)
        for page in ({}, {"limit": "all"}):
            with open_store(server) as remote, open_store(tmp_path / "local") as local:
                got = execute(remote, text, page, canned=canned).to_python()
                assert got == execute(local, text, page, canned=canned).to_python(), name
                assert got == execute(local, canned.fallback, page, canned=canned).to_python()


def test_query_and_stats_through_sparql(server, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    fixture_build(record_paths(), tmp_path / "local")
    fixture_build(record_paths(), server)
    runner = CliRunner()
    q = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:Company }"
    local = runner.invoke(main, ["query", q, "--store", str(tmp_path / "local"), "--format", "csv"])
    remote = runner.invoke(main, ["query", q, "--store", server, "--format", "csv"])
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
    # a canned query with a parameter (bound with VALUES on the remote side)
    park = next(
        e["name"]
        for r in map(json.loads, (p.read_text() for p in record_paths()))
        for e in r["entities"]
        if e["type"] == "Park"
    )
    args = ["query", "companies-in-park", "--param", f"park={park}", "--format", "csv"]
    local = runner.invoke(main, [*args, "--store", str(tmp_path / "local")])
    remote = runner.invoke(main, [*args, "--store", server])
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
    st_local = runner.invoke(
        main, ["stats", "--counts-only", "--json", "--store", str(tmp_path / "local")]
    )
    st_remote = runner.invoke(main, ["stats", "--counts-only", "--json", "--store", server])
    assert st_remote.exit_code == 0, st_remote.output
    a, b = json.loads(st_local.output), json.loads(st_remote.output)
    for key in ("documents", "entities", "facts", "assertions", "quads"):
        assert a[key] == b[key]


def test_unreachable_server_is_one_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    url = f"http://127.0.0.1:{free_port()}"
    r = CliRunner().invoke(main, ["query", "ASK {}", "--store", url])
    assert r.exit_code == 1
    assert "cannot reach the SPARQL store" in r.output and "Traceback" not in r.output


def test_the_seeds_graph_through_the_same_build_and_add(server, tmp_path, monkeypatch):
    """The remote store gets the seeds' reference graph from the same
    kg.build.build and kg.build.add as the local one (tests/test_store_backends.py):
    a build, then an add of the rest."""
    import kg.build
    from kg.records import load_record, record_sources

    calls = []
    write = kg.build._write
    monkeypatch.setattr(kg.build, "_write", lambda w, *a, **k: (calls.append(w), write(w, *a, **k)))
    files = [str(f) for f in seed_record_files(tmp_path / "seeds")]
    kw = {"extract": load_record, "expand": record_sources}
    report = kg.build.build(files[:3], server, **kw)
    assert report.documents == 3 and report.store == server
    report = kg.build.add(files[3:], server, **kw)
    assert report.added == [Path(f).name for f in files[3:]] and not report.incremental
    assert [type(w).__name__ for w in calls] == ["RemoteWriter", "RemoteWriter"]
    got = sorted_nquads(server)
    assert not same_lines(got, seeds_graph()), same_lines(got, seeds_graph())
    assert report.quads == len(got) and report.documents == len(files)
