"""kg.graphview: the store as a networkx MultiDiGraph (entities, facts, evidence)."""

from __future__ import annotations

import pytest
from viz_helpers import seed_graph, seed_store

from kg.errors import KgError
from kg.graphview import PREDICATES, find, load, to_networkx
from kg.store import open_store

KG = "https://w3id.org/kg/ontology#"


def _sparql(q):
    with open_store(seed_store()) as s:
        return list(s.query(q))


def test_one_node_per_entity_with_its_type_label_and_aliases():
    G = seed_graph()
    rows = _sparql(
        "SELECT ?e ?t ?l WHERE { GRAPH graph:entities { ?e a ?t ; rdfs:label ?l } "
        "VALUES ?t { kg:Park kg:Company kg:Institution kg:Industry } }"
    )
    assert rows, "the seeds' graph has entities"
    assert G.number_of_nodes() == len({r["e"].value for r in rows})
    for r in rows:
        d = G.nodes[r["e"].value]
        assert d["type"] == r["t"].value.removeprefix(KG)
        assert d["label"] == r["l"].value
    alts = _sparql("SELECT ?e ?a WHERE { GRAPH graph:entities { ?e skos:altLabel ?a } }")
    for r in alts:
        d = G.nodes[r["e"].value]
        assert r["a"].value in d["aliases"] or r["a"].value == d["label"]
    assert all(d["docs"] for _, d in G.nodes(data=True)), "every entity names its documents"


def test_one_edge_per_fact_with_its_evidence_and_source():
    G = seed_graph()
    values = " ".join(f"kg:{p}" for p in PREDICATES)
    facts = _sparql(f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {values} }} }}")
    assert G.number_of_edges() == len(facts) > 0
    docs = {
        r["t"].value for r in _sparql("SELECT ?t WHERE { ?d a kg:Document ; dcterms:title ?t }")
    }
    for r in facts:
        s, p, o = r["s"].value, r["p"].value.removeprefix(KG), r["o"].value
        d = G.edges[s, o, p]
        assert d["predicate"] == p
        assert d["evidence"], f"{p} has no evidence"
        for ev in d["evidence"]:
            assert ev["text"] and ev["doc"] in docs
            assert ev["source"].endswith(ev["doc"])
        assert d["sentence"] == d["evidence"][0]["text"]
        assert d["doc"] in d["docs"]


def test_evidence_sentence_names_both_ends_often():
    """The sentence states the fact: most sentences contain both names (or an alias)."""
    G = seed_graph()

    def named(n, text):
        d = G.nodes[n]
        return any(x in text for x in [d["label"], *d["aliases"]])

    edges = list(G.edges(data=True))
    ok = sum(named(s, d["sentence"]) and named(o, d["sentence"]) for s, o, d in edges)
    assert ok >= 0.5 * len(edges)


def test_same_store_gives_the_same_graph():
    a, b = load(seed_store()), load(seed_store())
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_to_networkx_takes_an_open_store():
    with open_store(seed_store()) as s:
        G = to_networkx(s)
    assert G.number_of_nodes() == seed_graph().number_of_nodes()


def test_find_by_label_alias_and_part():
    G = seed_graph()
    n, d = max(G.nodes(data=True), key=lambda t: G.degree(t[0]))
    assert find(G, d["label"]) == n
    assert find(G, " " + d["label"].upper() + " ") == n  # NFKC, spaces, ASCII case
    with_alias = [(n, d) for n, d in G.nodes(data=True) if d["aliases"]]
    for _, d in with_alias[:5]:
        hit = G.nodes[find(G, d["aliases"][0])]
        assert d["aliases"][0] in (hit["label"], *hit["aliases"])
    with pytest.raises(KgError, match="no entity named"):
        find(G, "这个名字不存在于图中")


def _without(d: dict, *keys) -> dict:
    return {k: v for k, v in d.items() if k not in keys}


def test_skeleton_reads_the_same_graph_and_the_evidence_asked_for():
    from kg.graphview import add_docs, add_evidence, skeleton

    G = seed_graph()
    with open_store(seed_store()) as s:
        H = skeleton(s)
        # every node and fact, their documents and evidence not read yet, only counted
        assert list(H) == list(G) and list(H.edges(keys=True)) == list(G.edges(keys=True))
        for n, d in H.nodes(data=True):
            assert d["docs"] is None and d["n_docs"] == len(G.nodes[n]["docs"])
        for s_, o, k, d in H.edges(keys=True, data=True):
            assert d["docs"] is None and d["evidence"] == []
            assert d["n_evidence"] == len(G.edges[s_, o, k]["evidence"])
        some = list(H.edges(keys=True))[:3]
        add_evidence(s, H, some, per_fact=1)
        for e in some:
            assert H.edges[e]["evidence"] == G.edges[e]["evidence"][:1]
        add_docs(s, H)
        add_evidence(s, H, per_fact=None)
    assert [(n, _without(d, "n_docs")) for n, d in H.nodes(data=True)] == list(G.nodes(data=True))
    assert [
        (s_, o, k, _without(d, "n_evidence")) for s_, o, k, d in H.edges(keys=True, data=True)
    ] == list(G.edges(keys=True, data=True))


def test_skeleton_around_a_focus_is_the_selection_of_the_whole_graph():
    from kg.graphview import add_evidence, skeleton
    from kg.viz import select

    G = seed_graph()
    hub = max(G, key=G.degree)
    with open_store(seed_store()) as s:
        for depth in (0, 1, 2):
            H = skeleton(s, focus=G.nodes[hub]["label"], depth=depth)
            add_evidence(s, H, per_fact=None)
            want = select(G, focus=G.nodes[hub]["label"], depth=depth)
            assert H.graph["focus"] == hub and set(H) == set(want)
            assert {n: _without(d, "n_docs") for n, d in H.nodes(data=True)} == dict(
                want.nodes(data=True)
            )
            got = {
                (a, b, k): _without(d, "n_evidence") for a, b, k, d in H.edges(keys=True, data=True)
            }
            assert got == {(a, b, k): d for a, b, k, d in want.edges(keys=True, data=True)}
        with pytest.raises(KgError, match="no entity named"):
            skeleton(s, focus="这个名字不存在于图中")


def _every_name(G) -> list[str]:
    """Every label and alias of ``G``, other spellings of them, parts of labels, IRIs
    and a name that is nobody's: what ``kg viz --focus`` may be given."""
    names = ["这个名字不存在于图中", "https://w3id.org/kg/id/park/none"]
    for i, (n, d) in enumerate(G.nodes(data=True)):
        names += [d["label"], *d["aliases"]]
        if i % 4 == 0:  # other spellings, an IRI, of some
            names += [d["label"].replace("（", "(").replace("）", ")"), d["label"].upper(), n]
            names.append(f" {d['label'][:2]} {d['label'][2:]}")
        if i % 10 == 0:  # a part of a name reads every name: of fewer
            names.append(d["label"][1:3])
    return names


def _found(locate, name):
    try:
        return locate(name)
    except KgError as e:
        return str(e)


def test_locate_picks_what_find_picks_among_every_entity(tmp_path, monkeypatch):
    """``kg viz --focus NAME`` finds its entity by the resolution index
    (:func:`kg.graphview.locate`), reading the names of the candidates only: the
    entity, or the error, that :func:`find` gives among every entity, for every name
    of the seeds; a store without an index (an older kg's) reads every name."""
    import shutil

    import networkx as nx

    from kg import graphview
    from kg.graphview import _add_nodes, _degree, locate

    with open_store(seed_store()) as s:
        G = nx.MultiDiGraph()
        _add_nodes(s, G, docs_of=set(), count=False, typed=False)
        names = _every_name(G)
        want = [_found(lambda x: find(G, x, degree=lambda n: _degree(s, n)), x) for x in names]
        assert [_found(lambda x: locate(s, x), x) for x in names] == want
        exact = [x for x in names if x in {d["label"] for _, d in G.nodes(data=True)}]

        def every_name(*args, **kwargs):
            raise AssertionError("read every entity's names")

        with monkeypatch.context() as m:  # a label or alias: the index alone
            m.setattr(graphview, "_add_nodes", every_name)
            assert [locate(s, x) for x in exact] == [find(G, x) for x in exact]

    copy = tmp_path / "store"
    shutil.copytree(seed_store(), copy)
    for index in copy.glob("gen-*/index.sqlite"):
        index.unlink()
    with open_store(copy) as s:
        some = range(0, len(names), 10)
        assert [_found(lambda x: locate(s, x), names[i]) for i in some] == [want[i] for i in some]
