"""kg.open(path): query / entity / facts / search / neighbourhood return plain Python data.

Expected facts are in ../shared/gold and in the graph built from seeds/."""

from __future__ import annotations

import json

import pytest
from viz_helpers import seed_store

import kg
from kg.errors import StoreError
from kg.query import QuerySyntaxError

DOC0 = "000_6dd52f9f141e9778.txt"


@pytest.fixture(scope="module")
def g():
    with kg.open(seed_store()) as graph:
        yield graph


def test_open_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no kg store"):
        kg.open(tmp_path / "nothing")


def test_entity_by_label_alias_and_variant(g):
    e = g.entity("重庆植恩药业有限公司")
    assert e["type"] == "Company" and e["iri"].startswith("https://w3id.org/kg/id/company/")
    assert "植恩药业" in e["aliases"]  # gold alias
    assert g.entity("植恩药业")["iri"] == e["iri"]
    assert {"document": f"https://w3id.org/kg/doc/{DOC0}", "title": DOC0} in e["documents"]
    # half-width brackets find the full-width name (NFKC)
    park = g.entity("西部(重庆)科学城")
    assert park["type"] == "Park" and park["iri"] == g.entity("西部（重庆）科学城")["iri"]
    assert g.entity(park["iri"])["label"] == park["label"]
    assert g.entity("没有这个实体") is None
    json.dumps(e, ensure_ascii=False)  # plain data


def test_facts_with_evidence(g):
    facts = g.facts("植恩药业")
    jinfeng = g.entity("金凤生物医药产业园")["iri"]
    hit = [f for f in facts if f["predicate"] == "locatedIn" and f["object"] == jinfeng]
    assert hit, [(f["predicate"], f["object_label"]) for f in facts]  # gold
    f = hit[0]
    assert f["subject"] == g.entity("重庆植恩药业有限公司")["iri"] and f["direction"] == "out"
    ev = f["evidence"][0]
    assert ev["title"] == DOC0 and ev["source"].endswith(DOC0)
    assert "金凤生物医药产业园" in ev["sentence"].replace("(", "（")
    assert isinstance(ev["start"], int) and ev["start"] < ev["end"]
    assert 0 < ev["confidence"] <= 1
    # facts where the entity is the object
    park = g.facts("西部（重庆）科学城")
    sk = g.entity("SK海力士")["iri"]
    assert any(x["direction"] == "in" and x["subject"] == sk for x in park)
    assert g.facts("没有这个实体") == []
    json.dumps(facts, ensure_ascii=False)


def test_search_finds_by_any_alias(g):
    hits = g.search("植恩")
    assert hits[0]["iri"] == g.entity("重庆植恩药业有限公司")["iri"]
    assert g.search("植恩药业")[0]["match"] == "植恩药业"
    bio = g.search("生物医药")
    assert bio[0]["label"] == "生物医药" and bio[0]["type"] == "Industry"  # exact first
    assert len(g.search("园", limit=5)) == 5
    assert g.search("  ") == []


def test_query_returns_plain_data(g):
    rows = g.query("companies-in-park", park="金凤生物医药产业园")
    # gold: 植恩药业, 赛诺药业, 中国中药 locatedIn 金凤生物医药产业园
    assert {g.entity(n)["iri"] for n in ("重庆植恩药业有限公司", "赛诺药业", "中国中药")} <= {
        r["org"] for r in rows
    }
    assert all(isinstance(r["org"], str) for r in rows)
    assert g.query("ASK { ?p a kg:Park }") is True
    n = g.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Park }")[0]["n"]
    assert isinstance(n, int) and n > 10
    triples = g.query("CONSTRUCT { ?p a kg:Park } WHERE { ?p a kg:Park } LIMIT 3")
    assert len(triples) == 3 and all(len(t) == 3 for t in triples)
    assert (
        g.query("SELECT ?s WHERE { ?s ?p ?o }", limit=4)
        and len(g.query("SELECT ?s WHERE { ?s ?p ?o }", limit=4)) == 4
    )
    with pytest.raises(QuerySyntaxError):
        g.query("SELECT WHERE")
    assert {c["name"] for c in g.canned()} >= {"companies-in-park", "partners", "facts"}


def test_neighbourhood(g):
    n = g.neighbourhood("西永微电园")
    ids = {x["id"] for x in n["nodes"]}
    assert n["nodes"][0]["id"] == n["center"]
    # gold: 西永微电园 partOf 西部（重庆）科学城; SK海力士 locatedIn 西永微电园
    assert {g.entity("西部（重庆）科学城")["iri"], g.entity("SK海力士")["iri"]} <= ids
    assert all(e["from"] in ids and e["to"] in ids for e in n["edges"])
    assert any(e["predicate"] == "partOf" for e in n["edges"])
    assert g.neighbourhood("没有这个实体")["nodes"] == []
