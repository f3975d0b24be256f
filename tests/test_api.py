"""kg.open(path): query / entity / facts / search / neighbourhood return plain Python data;
query(terms=True), iter(), triples() and dataset() give rdflib terms and an rdflib Dataset.

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
    doc0 = {"document": f"https://w3id.org/kg/doc/{DOC0}", "title": DOC0}
    assert any(d.items() >= doc0.items() for d in e["documents"])
    # and its headline, the article's first line (issue 15)
    assert {d["headline"] for d in e["documents"]} >= {"西部（重庆）科学城再添国家级新名片。"}
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


def test_name_index_holds_every_named_entity_as_one_sparql_select_finds_them(g):
    """kg.api.name_index reads the type and label quads directly; the same entities,
    labels and aliases as a SELECT over the union of the graphs."""
    from kg.api import TYPES, name_index

    rows = g.query(
        "SELECT ?e ?type ?l ?pref WHERE { VALUES (?c ?type) { "
        + " ".join(f'(kg:{t} "{t}")' for t in TYPES)
        + " } ?e a ?c . { ?e rdfs:label ?l BIND(true AS ?pref) }"
        " UNION { ?e skos:altLabel ?l BIND(false AS ?pref) } }"
    )
    want: dict[str, dict] = {}
    for r in rows:
        d = want.setdefault(r["e"], {"type": r["type"], "label": None, "names": set()})
        d["names"].add(r["l"])
        if r["pref"]:
            d["label"] = r["l"]
    by_norm, info = name_index(g.store)
    assert set(info) == set(want) and len(info) > 100
    for iri, d in want.items():
        e = info[iri]
        assert (e["type"], e["label"]) == (d["type"], d["label"]), iri
        assert {e["label"], *e["aliases"]} == d["names"] and e["label"] not in e["aliases"]
        assert all(iri in by_norm[kg.api.normalise(n)] for n in d["names"])
    assert sum(len(v) for v in by_norm.values()) == len(
        {(kg.api.normalise(n), iri) for iri, d in want.items() for n in d["names"]}
    )


# ------------------------------------------------------------------ rdflib route

KG = "https://w3id.org/kg/ontology#"

SMALL_TEXT = (
    "锦江智造园重点发展智能装备和新材料产业。\n"
    "蓝澜精密机械有限公司落户锦江智造园，与西蜀理工大学签署战略合作协议。\n"
)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A store built by kg.build from a two-sentence text of our own."""
    from kg.build import build

    root = tmp_path_factory.mktemp("api-rdflib")
    (root / "src").mkdir()
    (root / "src" / "jinjiang.txt").write_text(SMALL_TEXT, encoding="utf-8")
    build([str(root / "src")], root / "store", progress=False)
    with kg.open(root / "store") as graph:
        yield graph


def test_query_terms_keep_language_tags_and_datatypes(small):
    from rdflib import XSD, Literal, URIRef

    rows = small.query("SELECT ?c ?l WHERE { ?c a kg:Company ; rdfs:label ?l }", terms=True)
    assert rows == [
        {"c": rows[0]["c"], "l": Literal("蓝澜精密机械有限公司", lang="zh")}
    ] and isinstance(rows[0]["c"], URIRef)
    # the plain dict API is unchanged
    assert small.query("SELECT ?l WHERE { ?c a kg:Company ; rdfs:label ?l }") == [
        {"l": "蓝澜精密机械有限公司"}
    ]
    ev = small.query(
        "SELECT ?start ?conf ?title WHERE { ?st kg:start ?start ; kg:confidence ?conf ;"
        " prov:wasDerivedFrom ?d . ?d dcterms:title ?title } LIMIT 1",
        terms=True,
    )[0]
    assert ev["start"].datatype == XSD.integer and isinstance(ev["start"].toPython(), int)
    assert ev["conf"].datatype == XSD.decimal and 0 < ev["conf"].toPython() <= 1
    assert ev["title"] == Literal("jinjiang.txt")  # a simple literal, as rdflib parses one
    assert small.query("ASK { ?p a kg:Park }", terms=True) is True
    triples = small.query(
        "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Park ; rdfs:label ?l }", terms=True
    )
    assert triples and all(o.language == "zh" for _, _, o in triples)


def test_iteration_and_len_as_rdflib_terms(small):
    from rdflib import RDF, RDFS, Literal, URIRef

    quads = list(small)
    assert len(quads) == len(small) > 0
    assert all(len(q) == 4 for q in quads)
    assert all(isinstance(t, URIRef) for q in quads for t in (q[1], q[3]))
    park = next(s for s, p, o, _ in quads if p == RDF.type and o == URIRef(KG + "Park"))
    assert list(small.triples((park, RDFS.label, None))) == [
        (park, RDFS.label, Literal("锦江智造园", lang="zh"))
    ]


def test_dataset_is_an_rdflib_view_of_the_store(small):
    import rdflib
    from rdflib import RDF, RDFS, Literal, URIRef

    ds = small.dataset()
    assert isinstance(ds, rdflib.Dataset)
    # no copy: the same quads; the default graph is the union of the documents' graphs
    # (and of kg's stats graph, a named graph to rdflib as to SPARQL; len() leaves it out)
    from kg.statsgraph import STATS_GRAPH

    stats = sum(1 for _ in small.store.quads(graph=STATS_GRAPH))
    assert stats > 0
    assert len(ds) == len({q[:3] for q in small}) + stats
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(small) + stats
    rows = list(
        ds.query(
            "SELECT ?c ?p WHERE { ?c a kg:Company ; kg:locatedIn ?p . "
            "?p rdfs:label '锦江智造园'@zh }"
        )
    )
    assert len(rows) == 1
    company = rows[0][0]
    assert ds.value(company, RDFS.label) == Literal("蓝澜精密机械有限公司", lang="zh")
    assert (company, RDF.type, URIRef(KG + "Company")) in ds
    title = next(ds.objects(None, URIRef("http://purl.org/dc/terms/title")))
    assert title == Literal("jinjiang.txt") and title.datatype is None
    with pytest.raises(StoreError, match="read-only"):
        ds.add((company, RDFS.label, Literal("改名", lang="zh")))
    assert len(ds) == len({q[:3] for q in small}) + stats  # unchanged


def _entities(g) -> list[str]:
    rows = g.query("SELECT DISTINCT ?e WHERE { ?e a ?t FILTER(STRSTARTS(STR(?t), STR(kg:))) }")
    return sorted(r["e"] for r in rows if "/id/" in r["e"])


def test_paged_evidence_is_the_whole_evidence_of_each_fact(g):
    """The explorer reads a page's statements in the facts' document graphs: every
    fact of every entity has the evidence the whole-graph query (``facts``) gives."""
    checked = 0
    for iri in _entities(g):
        whole = {(f["subject"], f["predicate"], f["object"]): f["evidence"] for f in g.facts(iri)}
        for group in g.fact_groups(iri, limit=1000, evidence=1000):
            for f in group["facts"]:
                assert f["evidence"] == whole[(f["subject"], f["predicate"], f["object"])]
                checked += bool(f["evidence"])
    assert checked > 200


def test_neighbourhood_draws_every_fact_among_its_nodes(g):
    facts = {
        (r["s"], r["p"].rsplit("#", 1)[-1], r["o"])
        for r in g.query(
            "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o VALUES ?p { kg:locatedIn kg:partOf "
            "kg:focusesOn kg:inIndustry kg:cooperatesWith } }"
        )
    }
    for iri in _entities(g):
        for limit in (5, 80):
            n = g.neighbourhood(iri, limit=limit)
            nodes = {x["id"] for x in n["nodes"]}
            edges = [(e["from"], e["predicate"], e["to"]) for e in n["edges"]]
            assert len(edges) == len(set(edges))
            assert set(edges) == {f for f in facts if f[0] in nodes and f[2] in nodes}
