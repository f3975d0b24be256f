"""kg.viz and `kg viz`: the offline HTML page, selection options, layout."""

from __future__ import annotations

import base64
import gzip
import json
import re
import subprocess
import sys

import networkx as nx
import pytest
from viz_helpers import SEEDS, seed_graph, seed_html, seed_store, toy_graph

from kg.errors import KgError
from kg.viz import TYPES, layout, render, select, vis_data


def _data(page: str, name: str):
    """The JSON of ``var NAME = …;`` in the page (the overview's packed tables unpacked)."""
    m = re.search(rf"var {name} = (.*);\n", page)
    assert m, name
    value = json.loads(m.group(1))
    if isinstance(value, str):  # gzip'd JSON in base64
        value = json.loads(gzip.decompress(base64.b64decode(value)))
    return value


def test_page_is_self_contained_and_offline():
    page = seed_html().read_text(encoding="utf-8")
    assert "vis.Network" in page and len(page) > 400_000  # vis-network is inlined
    # nothing that makes the browser fetch: no src/href to a URL, no <link>, no @import
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<link" not in page.lower() and "@import" not in page
    assert "bootstrap" not in page.lower() and "cdnjs" not in page and "unpkg" not in page
    assert "default-src 'none'" in page  # and the CSP forbids it anyway


def test_every_entity_and_fact_is_in_the_page_with_tooltips():
    G = seed_graph()
    page = seed_html().read_text(encoding="utf-8")
    nodes, edges = _data(page, "NODES"), _data(page, "EDGES")
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    by_id = {n["id"]: n for n in nodes}
    for n, d in G.nodes(data=True):
        vn = by_id[n]
        assert vn["label"] == d["label"]
        assert vn["color"] == TYPES[d["type"]][0] and vn["shape"] == TYPES[d["type"]][1]
        assert vn["value"] == G.degree(n) + 1  # sized by degree
        assert all(a in vn["title"] for a in d["aliases"]) and "别名" in vn["title"]
        assert isinstance(vn["x"], float) and isinstance(vn["y"], float)
    for e in edges:
        d = G.edges[e["from"], e["to"], e["predicate"]]
        assert e["label"]  # by predicate
        assert d["evidence"][0]["text"] in e["title"] and d["evidence"][0]["doc"] in e["title"]
    legend = _data(page, "LEGEND")
    assert sum(t["count"] for t in legend["types"]) == len(nodes)
    assert json.loads(re.search(r"var OPTIONS = (.*);\n", page).group(1))["physics"] == {
        "enabled": False
    }


def test_text_cannot_break_out_of_the_script():
    G = toy_graph()
    G.nodes["c1"]["label"] = "</script><script>alert(1)</script>{{nodes}}"
    page = render(G)
    assert "alert(1)</script>" not in page and "<script>alert" not in page
    assert (
        _data(page, "NODES")[[n["id"] for n in _data(page, "NODES")].index("c1")]["label"]
        == (G.nodes["c1"]["label"])
    )


def test_focus_and_depth():
    G = toy_graph()
    assert set(select(G, focus="A园", depth=0)) == {"pa"}
    assert set(select(G, focus="A高新区", depth=1)) == {"pa", "pb", "bio", "ic", "c1", "c2"}
    assert "c3" in select(G, focus="A园", depth=2) and "c5" not in select(G, focus="A园", depth=9)
    with pytest.raises(KgError):
        select(G, focus="没有这个")


def test_type_predicate_and_industry_filters():
    G = toy_graph()
    H = select(G, types=["Park", "Industry"])
    assert {H.nodes[n]["type"] for n in H} == {"Park", "Industry"}
    H = select(G, predicates=["cooperatesWith"])
    assert set(H) == {"c1", "c2", "c3", "u4"} and {k for *_, k in H.edges(keys=True)} == {
        "cooperatesWith"
    }
    H = select(G, industry="生物医药")
    assert set(H) == {"bio", "pa", "pb", "c1"}  # parks on it, firms in it, their parks
    with pytest.raises(KgError, match="unknown type"):
        select(G, types=["Planet"])
    with pytest.raises(KgError, match="unknown predicate"):
        select(G, predicates=["likes"])
    with pytest.raises(KgError):
        select(G, industry="甲公司")  # not an industry


def test_seed_focus_on_the_biggest_hub():
    G = seed_graph()
    hub = max(G, key=G.degree)
    H = select(G, focus=G.nodes[hub]["label"], depth=1)
    assert set(H) == {hub} | set(nx.all_neighbors(G, hub))


def test_layout_places_every_node_apart_and_scales():
    G = seed_graph()
    pos = layout(G)
    assert set(pos) == set(G)
    assert len(set(pos.values())) > 0.95 * len(pos)
    # a large synthetic graph (one big component: the hubs-and-spokes path)
    big = nx.barabasi_albert_graph(3000, 2, seed=1)
    pos = layout(big)
    assert len(pos) == 3000 and len(set(pos.values())) > 0.95 * 3000


def test_vis_data_on_an_empty_selection():
    nodes, edges = vis_data(nx.MultiDiGraph())
    assert nodes == [] and edges == []


def _kg(*args):
    """``kg ARGS`` in this process (click's runner): exit code, stdout, stderr."""
    from click.testing import CliRunner

    from kg.cli import main

    r = CliRunner().invoke(main, list(args))
    return subprocess.CompletedProcess(args, r.exit_code, r.stdout, r.stderr)


def _kg_process(*args):
    """``kg ARGS`` as a process of its own (what a shell runs)."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_viz(tmp_path):
    out = tmp_path / "g.html"
    G = seed_graph()
    hub = G.nodes[max(G, key=G.degree)]["label"]
    r = _kg_process(
        "viz", "--store", str(seed_store()), "-o", str(out), "--focus", hub, "--depth", "1"
    )
    assert r.returncode == 0, r.stderr
    nodes = _data(out.read_text(encoding="utf-8"), "NODES")
    assert 1 < len(nodes) < G.number_of_nodes()
    r = _kg(
        "viz",
        "--store",
        str(seed_store()),
        "-o",
        str(out),
        "--type",
        "Park",
        "--predicate",
        "partOf",
    )
    assert r.returncode == 0, r.stderr
    assert {n["type"] for n in _data(out.read_text(encoding="utf-8"), "NODES")} == {"Park"}
    r = _kg("viz", "--store", str(seed_store()), "-o", str(out), "--focus", "不存在的实体")
    assert r.returncode == 1 and r.stderr.strip().count("\n") == 0 and "不存在的实体" in r.stderr
    r = _kg_process("viz", "--store", str(tmp_path / "nothing"), "-o", str(out))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0
    assert "Example" in _kg("viz", "--help").stdout


def test_cli_viz_overview_or_full_on_request(tmp_path):
    out = tmp_path / "g.html"
    G = seed_graph()
    r = _kg("viz", "--store", str(seed_store()), "-o", str(out), "--overview")
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert _data(page, "LEGEND")["mode"] == "overview"
    assert len(_data(page, "NODES")) < G.number_of_nodes()  # the aggregate, not every entity
    r = _kg("viz", "--store", str(seed_store()), "-o", str(out), "--full")
    assert r.returncode == 0, r.stderr
    assert _data(out.read_text(encoding="utf-8"), "LEGEND")["mode"] == "full"


def test_one_palette_for_every_view():
    from kg.viz_palette import PALETTE, PALETTE_FILE, PREDICATE_STYLE

    assert PALETTE_FILE.name == "palette.json"
    assert set(PALETTE["types"]) == set(TYPES) == {"Park", "Company", "Institution", "Industry"}
    assert set(PREDICATE_STYLE) >= {"locatedIn", "partOf", "focusesOn", "inIndustry"}
    page = render(toy_graph())
    legend = _data(page, "LEGEND")
    assert {t["type"]: t["color"] for t in legend["types"]} == {
        t: v["color"] for t, v in PALETTE["types"].items()
    }


def test_facts_table_carries_every_fact_with_its_evidence_once():
    from kg.viz_facts import fact_table

    G = toy_graph()
    t = fact_table(G)
    assert [e[0] for e in t["ents"]] == list(G)
    assert len(t["facts"]) == G.number_of_edges()
    c1 = [e[0] for e in t["ents"]].index("c1")
    assert t["ents"][c1][3] == ["甲"]  # aliases, the label left out
    rows = {
        (t["ents"][s][0], t["preds"][p], t["ents"][o][0]): (si, di)
        for s, p, o, si, di, _ in t["facts"]
    }
    si, di = rows["c1", "cooperatesWith", "c2"]
    assert t["sents"][si] == "甲公司与乙公司签约合作。" and t["docs"][di] == "toy.txt"
    assert t["sents"].count("一句话。") == 1  # a sentence is written once


def test_entities_without_facts_are_hidden_in_a_block():
    G = toy_graph()
    for i in range(30):
        G.add_node(f"x{i}", type="Company", label=f"孤{i}公司", aliases=[], docs=[])
    nodes, _ = vis_data(G)
    lone = [n for n in nodes if n["isolated"]]
    assert len(lone) == 31 and all(n["hidden"] for n in lone)
    assert not any(n["hidden"] for n in nodes if not n["isolated"])
    xs = {n["x"] for n in lone}
    ys = {n["y"] for n in lone}
    assert len(xs) <= 7 and len(ys) <= 7  # a square-ish grid, not one long row


def test_overview_draws_parks_and_industries_coloured_by_community():
    from kg.viz_palette import COMMUNITY_COLORS

    G = toy_graph()
    page = render(G, overview=True)
    nodes, edges = _data(page, "NODES"), _data(page, "EDGES")
    assert {n["id"] for n in nodes} == {"pa", "pb", "bio", "ic"}
    pa = next(n for n in nodes if n["id"] == "pa")
    assert pa["firms"] == 2 and pa["color"] in COMMUNITY_COLORS
    assert {(e["from"], e["to"], e["predicate"]) for e in edges} >= {
        ("pb", "pa", "partOf"),
        ("pa", "bio", "focusesOn"),
    }
    assert _data(page, "LEGEND")["mode"] == "overview"
    assert _data(page, "LEGEND")["communities"]
    # the whole graph's facts travel with it, for drill-down and search
    assert len(_data(page, "FACTS")["facts"]) == G.number_of_edges()
    # small graphs open on everything unless asked
    assert _data(render(G), "LEGEND")["mode"] == "full"


def test_documents_are_shown_by_their_headline_with_the_file_name_after():
    from kg.store import open_store
    from kg.viz_facts import fact_table, headlines

    with open_store(seed_store()) as s:
        heads = headlines(s)
    # every seed has a first line: its headline (a line the file wraps is joined)
    assert set(heads) == {p.name for p in SEEDS.glob("*.txt")}
    one = sorted(SEEDS.glob("*.txt"))[0]
    first_line = one.read_text(encoding="utf-8").strip().splitlines()[0].strip()
    assert heads[one.name].startswith(first_line)
    page = seed_html().read_text(encoding="utf-8")
    facts = _data(page, "FACTS")
    assert len(facts["heads"]) == len(facts["docs"])
    shown = dict(zip(facts["docs"], facts["heads"], strict=True))
    assert shown and all(shown[d] == heads[d] for d in shown)
    # an entity lists the documents that mention it (indices into docs)
    G = seed_graph()
    hub = max(G, key=G.degree)
    row = next(e for e in facts["ents"] if e[0] == hub)
    assert [facts["docs"][i] for i in row[4]] == G.nodes[hub]["docs"]
    # tooltips: "headline · file name"
    nodes, edges = _data(page, "NODES"), _data(page, "EDGES")
    first = G.nodes[hub]["docs"][0]
    assert f"{heads[first]} · {first}" in next(n for n in nodes if n["id"] == hub)["title"]
    ev = G.edges[next(iter(G.edges(hub, keys=True)))]["evidence"][0]
    title = next(e for e in edges if (e["from"], e["to"]) == next(iter(G.edges(hub))))["title"]
    assert f"{heads[ev['doc']]} · {ev['doc']}" in title

    # a graph without headlines names documents by file name, as before
    t = fact_table(toy_graph())
    assert t["docs"] == ["toy.txt"] and t["heads"] == [""]
    G = toy_graph()
    G.graph["headlines"] = {"toy.txt": "甲公司落户A园"}
    nodes, edges = _data(render(G), "NODES"), _data(render(G), "EDGES")
    assert all("甲公司落户A园 · toy.txt" in n["title"] for n in nodes)
    assert all("甲公司落户A园 · toy.txt" in e["title"] for e in edges)


def test_the_same_page_from_a_sparql_server(tmp_path):
    """A local store is read by lookups (kg.graphview.skeleton), a SPARQL server in
    four queries: the same records give the same page, whole and around a focus."""
    from graph_helpers import fixture_build, record_paths
    from oxigraph_helpers import OXIGRAPH, oxigraph_server

    from kg.viz import write_html

    if not __import__("pathlib").Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is missing")
    fixture_build(record_paths(), tmp_path / "local")
    for server in oxigraph_server(tmp_path / "oxdata"):
        fixture_build(record_paths(), server)
        G = seed_graph()
        hub = G.nodes[max(G, key=G.degree)]["label"]
        local = write_html(tmp_path / "local", tmp_path / "local.html")
        remote = write_html(server, tmp_path / "remote.html")
        assert local.read_text(encoding="utf-8") == remote.read_text(encoding="utf-8")
        # around a focus the order of the entities is a set's (either way): the same
        # entities with the same tooltips, the same facts with the same evidence
        pages = [
            write_html(store, tmp_path / f"focus{i}.html", focus=hub, depth=1)
            for i, store in enumerate((tmp_path / "local", server))
        ]
        views = []
        for page in pages:
            text = page.read_text(encoding="utf-8")
            nodes = {n["id"]: n["title"] for n in _data(text, "NODES")}
            edges = {(e["from"], e["to"], e["predicate"], e["title"]) for e in _data(text, "EDGES")}
            views.append((nodes, edges))
        assert views[0] == views[1] and len(views[0][0]) > 1


def _ents(table: dict) -> dict:
    """iri → (label, type, aliases, its documents by name, the count after them if cut)."""
    return {
        e[0]: (e[1], e[2], e[3], [table["docs"][i] for i in e[4]], e[5:]) for e in table["ents"]
    }


def test_a_focus_page_cuts_the_documents_of_a_hub_near_it(tmp_path, monkeypatch):
    """Around a focus the page lists at most ``kg.viz.FOCUS_DOCS`` documents of an
    entity and says how many there are (a hub park next to the focus is named by
    thousands of documents at 10,000); nothing else of the page changes."""
    import kg.viz
    from kg.viz import write_html

    G = seed_graph()
    hub = G.nodes[max(G, key=G.degree)]["label"]
    whole = write_html(seed_store(), tmp_path / "whole.html", focus=hub, depth=1)
    monkeypatch.setattr(kg.viz, "FOCUS_DOCS", 2)
    cut = write_html(seed_store(), tmp_path / "cut.html", focus=hub, depth=1)
    a, b = (p.read_text(encoding="utf-8") for p in (whole, cut))
    before, after = _ents(_data(a, "FACTS")), _ents(_data(b, "FACTS"))
    assert list(before) == list(after)
    many = [n for n, e in before.items() if len(e[3]) > 2]
    assert many, "an entity of the view is named by more than two documents"
    for n, (label, type_, aliases, docs, more) in after.items():
        assert (label, type_, aliases) == before[n][:3] and before[n][4] == []
        assert len(G.nodes[n]["docs"]) == len(before[n][3])
        if n in many:
            assert more == [len(before[n][3])] and len(docs) == 2 and set(docs) < set(before[n][3])
        else:
            assert (docs, more) == (before[n][3], [])
    titles = {n["id"]: n["title"] for n in _data(b, "NODES")}
    for n in many:
        assert f"来源 documents ({len(before[n][3])}):" in titles[n]
    assert _data(a, "EDGES") == _data(b, "EDGES")
