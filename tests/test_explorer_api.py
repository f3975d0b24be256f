"""The explorer's JSON at scale (issue 15): facts grouped with counts first and paged,
documents paged with their headlines, "N of M" for search and the neighbourhood, the
shared palette, and a one-line 400 for a bad page or limit."""

from __future__ import annotations

import json

import httpx
import pytest
from test_server import start_server, stop_server
from viz_helpers import seed_store

import kg
from kg.server import create_app
from kg.viz_palette import PALETTE_FILE

PARK = "西部（重庆）科学城"  # seeds: 29 organisations located in it, 3 documents
DOC0 = "000_6dd52f9f141e9778.txt"


@pytest.fixture(scope="module")
def client():
    app = create_app(str(seed_store()), workers=1, timeout=10)
    srv, t, url = start_server(app)
    with httpx.Client(base_url=url, timeout=30) as c:
        yield c
    stop_server(srv, t)


def _group(data, predicate, direction):
    return next(
        g for g in data["groups"] if (g["predicate"], g["direction"]) == (predicate, direction)
    )


def test_entity_groups_counts_first_then_pages(client):
    data = client.get("/api/entity", params={"name": PARK, "limit": "5"}).json()
    located = _group(data, "locatedIn", "in")
    full = kg.open(seed_store()).facts(PARK)
    n_located = sum(1 for f in full if (f["predicate"], f["direction"]) == ("locatedIn", "in"))
    assert located["count"] == n_located > 20
    assert sum(located["types"].values()) == located["count"]
    assert len(located["facts"]) == 5 and located["page"] == 1
    assert data["fact_count"] == sum(g["count"] for g in data["groups"]) == len(full)
    assert data["facts"] == [f for g in data["groups"] for f in g["facts"]]  # the shown ones
    # every page in turn: all the facts, each once, in the order of the first page
    seen = []
    for page in range(1, located["count"] // 5 + 2):
        r = client.get(
            "/api/facts",
            params={
                "name": PARK,
                "predicate": "locatedIn",
                "direction": "in",
                "page": page,
                "limit": 5,
            },
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["count"] == located["count"] and body["page"] == page
        seen += [f["subject"] for f in body["facts"]]
    assert seen[:5] == [f["subject"] for f in located["facts"]]
    assert len(seen) == len(set(seen)) == located["count"]
    f = located["facts"][0]
    assert f["evidence_count"] >= len(f["evidence"]) >= 1 and f["evidence"][0]["sentence"]
    # a page past the end is empty, not an error
    past = client.get(
        "/api/facts", params={"name": PARK, "predicate": "locatedIn", "direction": "in", "page": 99}
    )
    assert past.status_code == 200 and past.json()["facts"] == []


def test_documents_by_headline_with_the_file_name(client):
    data = client.get("/api/entity", params={"name": PARK, "documents": "2"}).json()
    ent = data["entity"]
    assert ent["document_count"] == 3 and len(ent["documents"]) == 2
    rest = client.get("/api/documents", params={"name": PARK, "page": 2, "limit": 2}).json()
    assert rest["count"] == 3 and len(rest["documents"]) == 1
    docs = ent["documents"] + rest["documents"]
    first = next(d for d in docs if d["title"] == DOC0)
    assert first["headline"] == "西部（重庆）科学城再添国家级新名片。"  # the article's first line


def test_search_says_how_many_matched_and_pages(client):
    r = client.get("/api/search", params={"q": "园", "limit": "5"})
    total = int(r.headers["X-Total-Count"])
    assert total > 5 and len(r.json()) == 5
    pages = [
        client.get("/api/search", params={"q": "园", "limit": "5", "page": p}).json()
        for p in range(1, total // 5 + 2)
    ]
    iris = [h["iri"] for page in pages for h in page]
    assert len(iris) == len(set(iris)) == total
    # any alias finds the entity, and says which name matched
    hit = client.get("/api/search", params={"q": "植恩药业"}).json()[0]
    assert hit["label"] == "重庆植恩药业有限公司" and hit["match"] == "植恩药业"


def test_neighbourhood_says_how_many_it_drew(client):
    every = client.get("/api/neighbourhood", params={"name": PARK}).json()
    assert every["shown"] == every["total"] == len(every["nodes"]) - 1 > 10
    few = client.get("/api/neighbourhood", params={"name": PARK, "limit": "5"}).json()
    assert few["shown"] == len(few["nodes"]) - 1 == 5 and few["total"] == every["total"]
    # every kind of fact gets its turn: the zones and the industries are drawn too
    drawn = {e["predicate"] for e in few["edges"]}
    assert {"locatedIn", "partOf", "focusesOn"} <= drawn


def test_palette_is_the_shared_file(client):
    r = client.get("/api/palette")
    assert r.status_code == 200
    assert r.json() == json.loads(PALETTE_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("path", "params", "word"),
    [
        ("/api/facts", {"predicate": "locatedIn", "direction": "in", "page": "-1"}, "page"),
        ("/api/facts", {"predicate": "locatedIn", "direction": "in", "page": "x"}, "page"),
        ("/api/facts", {"predicate": "locatedIn", "direction": "in", "limit": "10**9"}, "limit"),
        ("/api/facts", {"predicate": "locatedIn", "limit": "1000000000"}, "limit"),
        ("/api/facts", {"predicate": "locatedIn", "direction": "sideways"}, "direction"),
        ("/api/facts", {}, "predicate"),
        ("/api/documents", {"page": "0"}, "page"),
        ("/api/documents", {"limit": "99999"}, "limit"),
        ("/api/entity", {"limit": "-5"}, "limit"),
        ("/api/entity", {"documents": "1e3"}, "documents"),
        ("/api/neighbourhood", {"limit": "100000"}, "limit"),
        ("/api/search", {"q": "园", "page": "-1"}, "page"),
    ],
)
def test_bad_paging_is_a_one_line_400(client, path, params, word):
    r = client.get(path, params={"name": PARK, **params})
    assert r.status_code == 400, (path, params, r.text)
    assert word in r.text and "\n" not in r.text.strip() and "Traceback" not in r.text


def test_unknown_entity_is_404_on_every_paged_route(client):
    for path in ("/api/entity", "/api/documents"):
        assert client.get(path, params={"name": "没有这个实体"}).status_code == 404
    r = client.get("/api/facts", params={"name": "没有这个实体", "predicate": "locatedIn"})
    assert r.status_code == 404 and "没有这个实体" in r.json()["error"]


def test_the_server_builds_the_name_index_as_it_starts():
    """kg serve builds the name index in the background when it starts, so the first
    search or entity page does not wait for it (0.3-1 s at thousands of documents)."""
    app = create_app(str(seed_store()), workers=1, timeout=10)
    assert app.state.graph.graph._index is None  # made lazily by kg.api itself
    srv, t, url = start_server(app)
    try:
        warming = app.state.graph.warming
        warming.join(timeout=120)  # no request made
        assert not warming.is_alive()
        by_norm, info = app.state.graph.graph._index
        assert len(info) > 100 and by_norm
        with httpx.Client(base_url=url, timeout=30) as c:
            found = c.get("/api/search", params={"q": "植恩药业"}).json()
        assert found[0]["label"] == "重庆植恩药业有限公司"
    finally:
        stop_server(srv, t)


def test_evidence_of_documents_with_any_name(tmp_path):
    """An entity page finds a fact's statements by their IRIs, made from the document's
    name and the fact (kg.rdf.statement_iri), the name read back from the graph's IRI:
    names with spaces, percent signs, brackets and bytes kept as %XX give the evidence
    that the whole-graph query (``facts``) gives, and their documents by headline."""
    from kg.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "合肥高新区聚焦人工智能产业。\n科大讯飞股份有限公司位于合肥高新区。\n"
    names = ["a b.txt", "100%（上）.txt", "%B9%FA.txt", "园区 新闻#1.txt"]
    for name in names:
        (corpus / name).write_text(f"{name}的新闻\n{text}", encoding="utf-8")
    build([str(corpus)], tmp_path / "store", progress=False)
    with kg.open(tmp_path / "store") as g:
        checked = 0
        for name in ("合肥高新区", "科大讯飞股份有限公司"):
            whole = {
                (f["subject"], f["predicate"], f["object"]): f["evidence"] for f in g.facts(name)
            }
            for group in g.summary(name, limit=100)["groups"]:
                for f in group["facts"]:
                    assert f["evidence"] == whole[(f["subject"], f["predicate"], f["object"])]
                    checked += len(f["evidence"])
            docs = g.documents_page(name, 1, 10)["documents"]
            assert sorted(d["title"] for d in docs) == sorted(names)
            assert all(d["headline"] == f"{d['title']}的新闻" for d in docs)
    assert checked >= 2 * len(names)
