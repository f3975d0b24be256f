"""Canned queries: the .rq files say what they answer and take, and answer it on
the seeds' graph (hand-checked against ../shared/gold)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from viz_helpers import seed_store

import kg
from kg.query import execute, load_query
from kg.query.canned import canned_queries, parse_canned
from kg.store import open_store

DOC0 = "000_6dd52f9f141e9778.txt"  # the seed about 重庆高新区 / 西部（重庆）科学城
DOC2 = "002_b735fd0ee04803a0.txt"
PARK = "西部（重庆）科学城"

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


def test_parse_canned_reads_the_header_and_the_page(tmp_path):
    f = tmp_path / "demo.rq"
    f.write_text(
        "# Parks and what they make.\n#\n# More words.\n"
        "# @param park  the park's name, e.g. 甲高新区, or an alias\n"
        "SELECT ?x WHERE { ?x ?p ?park } ORDER BY ?x\nLIMIT 20\n",
        encoding="utf-8",
    )
    c = parse_canned(f)
    assert (c.name, c.page, c.summary) == ("demo", 20, "Parks and what they make.")
    assert c.description == "Parks and what they make.\n\nMore words."
    assert c.params == {"park": "the park's name, e.g. 甲高新区, or an alias"}
    assert c.example() == {"park": "甲高新区"}
    for tail in ("LIMIT 20 OFFSET 5", "# LIMIT 20", "LIMIT 20 }"):  # no page
        f.write_text("SELECT ?x WHERE { ?x ?p ?o }\n" + tail + "\n", encoding="utf-8")
        assert parse_canned(f).page is None, tail


def test_every_canned_query_runs_on_the_seeds(g):
    for q in canned_queries().values():
        assert g.query(q.name, q.example()), q.name


def test_language_tagged_and_numeric_values_bind_as_names() -> None:
    """A canned query's name parameter never goes unbound, however it is bound.

    STRLANG of a language-tagged literal or of a number is an error in SPARQL,
    which would leave the name unbound and match every park; the queries apply
    STR() first.
    """

    def sites(store, value) -> set[str]:
        text = canned_queries()["park-industries"].text
        rows = store.query(text, substitutions={ox.Variable("park"): value})
        return {r["siteLabel"].value for r in rows}

    with open_store(seed_store()) as store:
        plain = sites(store, ox.Literal(PARK))
        assert plain and "常州高新区(新北区)" not in plain
        assert sites(store, ox.Literal(PARK, language="zh")) == plain
        assert (
            sites(
                store,
                ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            )
            == set()
        )


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
