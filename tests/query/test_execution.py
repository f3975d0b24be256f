"""Running a query in this process (``execute``, ``kg query``): the row cap,
relative IRIs against the base, and the command's output."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from viz_helpers import seed_store

from kg.cli import main
from kg.query.execution import execute

ROOT = Path(__file__).resolve().parents[2]


def test_limit_truncates(seeds):
    res = execute(seeds, "SELECT ?s WHERE { ?s ?p ?o }", limit=7)
    assert len(res) == 7 and res.truncated


def test_relative_iris_resolve_against_the_base():
    store = ox.Store()
    res = execute(store, "CONSTRUCT { <s> <p> 1 } WHERE {}")
    (t,) = res.triples
    assert (
        t.subject.value == "https://w3id.org/kg/s" and t.predicate.value == "https://w3id.org/kg/p"
    )
    res = execute(store, "BASE <http://example.org/a/> CONSTRUCT { <s> <p> 1 } WHERE {}")
    assert res.triples[0].subject.value == "http://example.org/a/s"  # the query's own BASE
    res = execute(store, "CONSTRUCT { <s> <p> 1 } WHERE {}", base="http://h:1/sparql")
    assert res.triples[0].subject.value == "http://h:1/s"


def test_cli_query_relative_iris_and_construct(tmp_path):
    store = str(seed_store())
    r = CliRunner().invoke(
        main, ["query", "CONSTRUCT { <s> <p> 1 } WHERE {}", "--format", "nt", "--store", store]
    )
    assert r.exit_code == 0, r.output
    assert r.output.startswith("<https://w3id.org/kg/s> <https://w3id.org/kg/p> ")


def test_cli_query_canned_table_and_formats():
    store = str(seed_store())
    r = CliRunner().invoke(
        main, ["query", "companies-in-park", "--param", "park=西部（重庆）科学城", "--store", store]
    )
    assert r.exit_code == 0, r.output
    assert "植恩" in r.output and "rows)" in r.output
    r = CliRunner().invoke(
        main, ["query", "parks-by-industry", "-p", "industry=集成电路", "--format", "csv",
               "--store", store],
    )  # fmt: skip
    assert r.exit_code == 0 and r.output.startswith("industry,park,parkLabel")
    r = CliRunner().invoke(main, ["query", "--list"])
    assert r.exit_code == 0 and "partners --param entity=" in r.output
    rq = ROOT / "kg" / "ontology" / "queries" / "most-connected.rq"
    r = CliRunner().invoke(main, ["query", str(rq), "--format", "json", "--store", store])
    assert json.loads(r.output)["results"]["bindings"]
