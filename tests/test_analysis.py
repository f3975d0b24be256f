"""kg.analysis: networkx algorithms on a hand-made graph (exact answers) and on the seeds."""

from __future__ import annotations

import json

from viz_helpers import seed_graph, seed_store, toy_graph

from kg import analysis as A
from kg.stats import stats
from kg.store import open_store


def test_counts():
    c = A.counts(toy_graph())
    assert c["entities"] == {"Company": 4, "Park": 2, "Industry": 2, "Institution": 1}
    assert c["facts"]["focusesOn"] == 3 and c["facts"]["cooperatesWith"] == 2
    assert (c["nodes"], c["edges"], c["isolated"], c["components"]) == (9, 10, 1, 2)


def test_top_degree_finds_the_hub():
    top = A.top_degree(toy_graph(), 3)
    assert top[0]["label"] == "A园" and top[0]["degree"] == 5
    assert top[0]["centrality"] == round(5 / 8, 4)
    assert [r["label"] for r in A.top_degree(toy_graph(), 1, types=("Company",))] == ["甲公司"]


def test_betweenness_finds_the_broker():
    top = A.top_betweenness(toy_graph(), 2)
    assert {r["type"] for r in top} <= {"Company", "Institution"}
    assert top[0]["label"] in ("甲公司", "丙公司") and top[0]["betweenness"] > 0


def test_communities_are_deterministic_and_cover_linked_entities():
    G = toy_graph()
    a, b = A.communities(G), A.communities(G)
    assert a == b
    covered = {x for c in a for x in c["iris"]}
    assert covered == set(G) - {"c5"}
    assert all(c["size"] == len(c["members"]) for c in a)


def test_park_industry_matrix():
    m = A.park_industry_matrix(toy_graph())
    assert m["parks"] == ["A园", "B园"]
    assert m["industries"] == ["生物医药", "集成电路"]
    # A园 focuses on 生物医药 and hosts 甲公司 (in 生物医药): support 2
    assert m["matrix"] == [[2, 1], [1, 0]]
    assert A.park_industry_matrix(toy_graph(), via_organisations=False)["matrix"] == [
        [1, 1],
        [1, 0],
    ]


def test_parks_sharing_industries():
    rows = A.shared_industries(toy_graph())
    assert rows == [{"parks": ["A园", "B园"], "shared": ["生物医药"], "jaccard": 0.5}]
    assert A.shared_industries(toy_graph(), min_shared=2) == []


def test_cooperation_components():
    comps = A.cooperation_components(toy_graph())
    assert sorted(sorted(c["members"]) for c in comps) == [
        ["丁大学", "丙公司"],
        ["乙公司", "甲公司"],
    ]
    assert all(c["links"] == 1 for c in comps)


def test_on_the_seeds_counts_agree_with_sparql_and_summary_is_json():
    G = seed_graph()
    with open_store(seed_store()) as s:
        st = stats(s, network=True, top=5)
    c = A.counts(G)
    assert c["entities"] == {k: v for k, v in st.entities.items() if v}
    assert c["facts"] == st.facts
    net = json.loads(json.dumps(st.to_dict(), ensure_ascii=False))["network"]
    assert len(net["top_degree"]) == min(5, len(G))
    hub = net["top_degree"][0]
    assert hub["degree"] == max(d for _, d in A._simple(G).degree())
    # every park in the matrix is a park of the graph, every cell sums facts
    m = A.park_industry_matrix(G)
    parks = {d["label"] for _, d in G.nodes(data=True) if d["type"] == "Park"}
    assert set(m["parks"]) <= parks
    focus = sum(1 for *_, k in G.edges(keys=True) if k == "focusesOn")
    assert sum(map(sum, A.park_industry_matrix(G, via_organisations=False)["matrix"])) == focus
    text = A.format_summary(net)
    assert hub["label"] in text and "communities" in text
