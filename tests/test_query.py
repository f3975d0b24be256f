"""Canned queries on the seeds' graph (hand-checked against ../shared/gold), parameter
binding, result formats, read-only checks, time limits and ``kg query``."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from viz_helpers import seed_store

import kg
from kg.cli import main
from kg.query import (
    QueryError,
    QueryPool,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    canned_queries,
    check_read_only,
    execute,
    load_query,
    negotiate,
    parse_params,
)
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DOC0 = "000_6dd52f9f141e9778.txt"  # the seed about 重庆高新区 / 西部（重庆）科学城
DOC2 = "002_b735fd0ee04803a0.txt"
# a query that never ends on any real graph (three-way cross product)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

CHAIN = {
    "doc": "chain.txt",
    "entities": [
        {"name": "甲高新区", "type": "Park", "aliases": ["甲高新技术产业开发区"]},
        {"name": "乙软件园", "type": "Park", "aliases": []},
        {"name": "丙数字产业园", "type": "Park", "aliases": []},
        {"name": "丁科技有限公司", "type": "Company", "aliases": ["丁科技"]},
        {"name": "戊大学", "type": "Institution", "aliases": []},
        {"name": "软件", "type": "Industry", "aliases": []},
    ],
    "relations": [
        {"subject": "乙软件园", "predicate": "partOf", "object": "甲高新区",
         "evidence": "乙软件园是甲高新区的园中园。", "confidence": 0.9},
        {"subject": "丙数字产业园", "predicate": "partOf", "object": "乙软件园",
         "evidence": "丙数字产业园位于乙软件园内。", "confidence": 0.9},
        {"subject": "丁科技有限公司", "predicate": "locatedIn", "object": "丙数字产业园",
         "evidence": "丁科技落户丙数字产业园。", "confidence": 0.9},
        {"subject": "丙数字产业园", "predicate": "focusesOn", "object": "软件",
         "evidence": "丙数字产业园聚焦软件产业。", "confidence": 0.9},
        {"subject": "丁科技有限公司", "predicate": "cooperatesWith", "object": "戊大学",
         "evidence": "丁科技与戊大学签约合作。", "confidence": 0.8},
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def seeds():
    with open_store(seed_store()) as s:
        yield s


@pytest.fixture(scope="module")
def g():
    with kg.open(seed_store()) as graph:
        yield graph


@pytest.fixture(scope="module")
def iri(g):
    """The IRI of the entity a gold name denotes (by any alias, NFKC), so the checks do
    not depend on which spelling the extractor picked as the label."""

    def find(name: str) -> str:
        e = g.entity(name)
        assert e is not None, f"{name} is not in the seeds' graph"
        return e["iri"]

    return find


@pytest.fixture(scope="module")
def chain_store(tmp_path_factory):
    """A hand-written record: 丙 ⊂ 乙 ⊂ 甲 (two partOf steps), 丁 located in 丙."""
    from graph_helpers import fixture_build

    d = tmp_path_factory.mktemp("chain")
    (d / "chain.json").write_text(json.dumps(CHAIN, ensure_ascii=False), encoding="utf-8")
    fixture_build([d / "chain.json"], d / "store")
    return d / "store"


def run(store, name, **params):
    text, canned = load_query(name)
    return execute(store, text, params, canned=canned).to_python()


# ------------------------------------------------------------------ the .rq files


def test_every_canned_query_says_what_it_answers_and_its_parameters():
    queries = canned_queries()
    expected = {
        "companies-in-park": {"park"},
        "parks-by-industry": {"industry"},
        "park-industries": {"park"},
        "partners": {"entity"},
        "facts": {"entity"},
        "most-connected": set(),
        "parks-by-companies": set(),
        "evidence": set(),
    }
    for name, params in expected.items():
        q = queries[name]
        assert q.text.lstrip().startswith("#"), name
        assert len(q.summary) > 20, name
        assert set(q.params) == params, name
        for p in params:  # each parameter is used in the query and has an example
            assert f"?{p}" in q.text.split("\nSELECT", 1)[1], (name, p)
            assert q.example()[p], (name, p)


def test_every_canned_query_runs_on_the_seeds(g):
    for q in canned_queries().values():
        assert g.query(q.name, q.example()), q.name


# ------------------------------------------------------------------ hand-checked cases
# Each expected fact below is in ../shared/gold and in the graph built from seeds/.


def test_companies_in_park_includes_sub_parks(g, iri):
    rows = g.query("companies-in-park", park="西部（重庆）科学城")
    pairs = {(r["org"], r["site"]) for r in rows}
    # gold: 重庆植恩药业有限公司 locatedIn 金凤生物医药产业园, which is partOf the 科学城
    assert (iri("重庆植恩药业有限公司"), iri("金凤生物医药产业园")) in pairs
    # gold: SK海力士 locatedIn 西永微电园, partOf the 科学城
    assert (iri("SK海力士"), iri("西永微电园")) in pairs
    # gold: 露卡（重庆）医疗设备有限公司 locatedIn 西部（重庆）科学城
    assert (iri("露卡（重庆）医疗设备有限公司"), iri("西部（重庆）科学城")) in pairs
    assert {r["type"] for r in rows} <= {"Company", "Institution"}
    assert iri("德美医疗") not in {r["org"] for r in rows}  # in 重庆高新区, not here


def test_companies_in_park_follows_partof_chains_and_aliases(chain_store):
    with open_store(chain_store) as s:
        rows = run(s, "companies-in-park", park="甲高新技术产业开发区")  # an alias
    assert [(r["orgLabel"], r["siteLabel"]) for r in rows] == [("丁科技有限公司", "丙数字产业园")]


def test_parks_by_industry(g, iri):
    parks = {r["park"] for r in g.query("parks-by-industry", industry="生物医药")}
    # gold: each of these focusesOn 生物医药
    assert {
        iri("金凤生物医药产业园"),
        iri("淮海生物医药产业园"),
        iri("潍坊生物医药科技产业园"),
    } <= parks
    ic = g.query("parks-by-industry", industry="集成电路")
    assert iri("西部（重庆）科学城") in {r["park"] for r in ic}  # gold
    assert g.query("parks-by-industry", industry="不存在的产业") == []


def test_park_industries(g, iri, chain_store):
    rows = g.query("park-industries", park="西部（重庆）科学城")
    industries = {r["industry"] for r in rows}
    assert {
        iri("集成电路"),
        iri("生物医药"),
        iri("人工智能"),
        iri("空天信息"),
    } <= industries  # gold
    # gold: 金凤生物医药产业园 (a sub-park) focusesOn 生物医药
    assert (iri("生物医药"), iri("金凤生物医药产业园")) in {
        (r["industry"], r["site"]) for r in rows
    }
    with open_store(chain_store) as s:
        rows = run(s, "park-industries", park="甲高新区")
    assert [(r["industryLabel"], r["siteLabel"]) for r in rows] == [("软件", "丙数字产业园")]


def test_partners_with_document_and_sentence(g, iri, chain_store):
    rows = g.query("partners", entity="德美医疗")
    # gold: 重庆高新区 cooperatesWith 德美医疗
    hit = [r for r in rows if r["partner"] == iri("重庆高新区")]
    assert hit
    assert hit[0]["title"] == DOC0
    assert "德美医疗" in hit[0]["evidence"] and "重庆高新区" in hit[0]["evidence"]
    # either direction
    back = g.query("partners", entity="重庆高新区")
    assert iri("德美医疗") in {r["partner"] for r in back}
    with open_store(chain_store) as s:
        rows = run(s, "partners", entity="戊大学")
    assert [(r["partnerLabel"], r["evidence"]) for r in rows] == [
        ("丁科技有限公司", "丁科技与戊大学签约合作。")
    ]


def test_facts_of_an_entity_with_evidence(g, iri):
    rows = g.query("facts", entity="德美医疗")
    kg_ = "https://w3id.org/kg/ontology#"
    located = [
        r for r in rows if r["predicate"] == kg_ + "locatedIn" and r["object"] == iri("重庆高新区")
    ]
    assert located  # gold: 德美医疗 locatedIn 重庆高新区
    assert located[0]["title"] == DOC0
    assert "德美医疗" in located[0]["evidence"]
    assert located[0]["start"] < located[0]["end"]
    # by an alias (gold: 植恩药业 is an alias of 重庆植恩药业有限公司)
    rows = g.query("facts", entity="植恩药业")
    assert (iri("重庆植恩药业有限公司"), iri("金凤生物医药产业园")) in {
        (r["subject"], r["object"]) for r in rows
    }


def test_most_connected_and_parks_by_companies(g, iri):
    top = g.query("most-connected")
    assert top[0]["entity"] == iri("西部（重庆）科学城")
    assert top[0]["degree"] >= 20 and len(top) <= 25
    assert [r["degree"] for r in top] == sorted((r["degree"] for r in top), reverse=True)
    parks = g.query("parks-by-companies")
    assert parks[0]["park"] == iri("西部（重庆）科学城")
    assert all(r["companies"] >= r["directly"] for r in parks)


def test_evidence_query_states_each_fact(g, iri):
    rows = g.query("evidence")
    s, o = iri("中国电科芯片技术研究院"), iri("西永微电园")
    hit = [r for r in rows if r["subject"] == s and r["object"] == o]
    assert hit and hit[0]["title"] == DOC2  # gold: 中国电科芯片技术研究院 locatedIn 西永微电园


def test_names_match_in_any_bracket_width(g):
    a = g.query("companies-in-park", park="西部（重庆）科学城")
    b = g.query("companies-in-park", park="西部(重庆)科学城")
    assert a and [r["org"] for r in a] == [r["org"] for r in b]


# ------------------------------------------------------------------ binding and checks


def test_parameters_are_bound_not_pasted(seeds):
    evil = '西部（重庆）科学城" , "x") } UNION { ?org ?p ?o } #'
    assert run(seeds, "companies-in-park", park=evil) == []
    # an IRI parameter and a number
    rows = execute(
        seeds,
        "SELECT ?x ?n WHERE { }",
        {"x": "<https://w3id.org/kg/id/park/none>", "n": "3"},
    ).to_python()
    assert rows == [{"x": "https://w3id.org/kg/id/park/none", "n": 3}]


def test_parameter_errors():
    text, canned = load_query("companies-in-park")
    with pytest.raises(QueryError, match="needs --param park"):
        execute(None, text, {}, canned=canned)
    with pytest.raises(QueryError, match="unknown parameter 'city'"):
        execute(None, text, {"park": "x", "city": "y"}, canned=canned)
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["park"])
    assert parse_params(["park=a=b", "?x=1"]) == {"park": "a=b", "x": "1"}
    with pytest.raises(QueryError, match="no canned query named 'nosuch'"):
        load_query("nosuch")


def test_syntax_error_names_line_and_column_with_a_caret(seeds):
    q = "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }"
    with pytest.raises(QuerySyntaxError) as e:
        execute(seeds, q)
    head, shown, caret = str(e.value).split("\n")
    m = re.fullmatch(r"syntax error at line 3, column (\d+): expected one of [A-Z]+, .*", head)
    assert m, head
    assert shown == "    FILTER(?o = ) }"  # the line, and a caret under the column
    assert caret == "  " + " " * (int(m.group(1)) - 1) + "^"
    # oxigraph's character classes ("[_]", "['\\u{10000}'..='\\u{effff}']") are left out
    with pytest.raises(QuerySyntaxError) as e:
        execute(seeds, 'SELECT * WHERE { BIND("a" AS ?x\\u0029 }')
    assert str(e.value).split("\n")[0] == "syntax error at line 1, column 32: expected )"
    assert "[" not in str(e.value).split("\n")[0] and "..=" not in str(e.value)


def test_read_only_checks():
    for q in [
        "INSERT DATA { <a:a> <a:b> <a:c> }",
        "PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/x.ttl>",
        "DROP ALL",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://e.org/> { ?s ?p ?o } }",
    ]:
        with pytest.raises(QueryRefused):
            check_read_only(q)
    for q in [
        "SELECT ?service WHERE { ?service ?p 'SERVICE' } # SERVICE",
        "SELECT * WHERE { ?s <http://e.org/SERVICE> ?o }",
        "ASK { ?s ?p ?o }",
    ]:
        check_read_only(q)


def test_formats(seeds):
    q = "SELECT ?p ?l WHERE { ?p a kg:Park ; rdfs:label ?l } ORDER BY ?l LIMIT 3"
    res = execute(seeds, q)
    js = json.loads(res.serialize("json"))
    assert js["head"]["vars"] == ["p", "l"] and len(js["results"]["bindings"]) == 3
    assert js["results"]["bindings"][0]["l"]["xml:lang"] == "zh"
    rows = list(csv.reader(io.StringIO(res.serialize("csv").decode())))
    assert rows[0] == ["p", "l"] and len(rows) == 4
    assert res.serialize("tsv").decode().splitlines()[0] == "?p\t?l"
    assert b"<sparql" in res.serialize("xml")
    for fmt in ("json", "xml", "tsv"):  # pyoxigraph reads them back (CSV is lossy)
        back = ox.parse_query_results(
            res.serialize(fmt), format=getattr(ox.QueryResultsFormat, fmt.upper())
        )
        assert len(list(back)) == 3
    table = res.format("table", {"ent": "https://w3id.org/kg/id/"})
    assert "ent:park/" in table and "(3 rows)" in table
    g = execute(seeds, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Park ; rdfs:label ?l }")
    n = len(g)
    assert n > 10
    for fmt, rdf in [("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                     ("xml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD)]:  # fmt: skip
        assert len(list(ox.parse(g.serialize(fmt), format=rdf))) == n, fmt
    with pytest.raises(QueryError):
        g.serialize("csv")
    assert execute(seeds, "ASK { ?s a kg:Park }").to_python() is True


def test_limit_truncates(seeds):
    res = execute(seeds, "SELECT ?s WHERE { ?s ?p ?o }", limit=7)
    assert len(res) == 7 and res.truncated


def test_negotiate():
    assert negotiate(None, "results") == "json"
    assert negotiate("*/*", "graph") == "ttl"
    assert negotiate("text/csv", "results") == "csv"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "results") == "xml"
    assert negotiate("application/rdf+xml", "graph") == "xml"
    assert negotiate("application/ld+json", "graph") == "jsonld"
    assert negotiate("image/png", "results") is None
    assert negotiate("text/*", "results") in ("xml", "csv", "tsv")


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


# ------------------------------------------------------------------ kg query


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


def test_cli_query_errors_are_one_line():
    store = str(seed_store())
    r = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s ?p }", "--store", store])
    assert r.exit_code == 1  # one error line, then the query's line and a caret under it
    head, shown, caret, end = r.output.split("\n")
    assert head.startswith("kg: error: syntax error at line 1, column 25: expected ")
    assert shown == "  SELECT * WHERE { ?s ?p }" and caret == "  " + " " * 24 + "^" and end == ""
    r = CliRunner().invoke(main, ["query", "companies-in-park", "--store", store])
    assert r.exit_code == 1 and "needs --param park" in r.output
    r = CliRunner().invoke(main, ["query", "DROP ALL", "--store", store])
    assert r.exit_code == 1 and "read-only" in r.output


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
