"""The aggregate view of a big graph: parks and their industries, coloured by community.

At thousands of documents the entity graph is a hairball nobody can read or
draw quickly. The overview draws only parks (sized by how many companies and
institutions are located in them), the biggest zones each is part of, and each park's
main industries (by :func:`kg.analysis.park_industries`); parks take the colour
of their community (:func:`kg.analysis.communities` on the whole graph). The
page drills down from there (a park → its firms and industries → a firm's
facts) using the fact tables of :mod:`kg.viz_facts`, so no new file is written
per question. The layout is computed once here, with a fixed seed.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from kg import analysis
from kg.viz_palette import COMMUNITY_COLORS, predicate_style, type_style

TOP_INDUSTRIES = 3  # industries drawn per park (all of them are in the panel)
TOP_ZONES = 2  # zones (partOf) drawn per park: 11,000 links among 840 parks at 10,000 documents
ORGS = ("Company", "Institution")


def park_communities(G: nx.MultiDiGraph, seed: int = 0) -> tuple[dict, list[dict]]:
    """``({park_iri: community number}, [{"n", "center", "size", "color"}])``.

    Communities are numbered biggest first; only those holding a park count.
    """
    of_park: dict = {}
    legend = []
    for c in analysis.communities(G, seed=seed):
        parks = [i for i in c["iris"] if G.nodes[i].get("type") == "Park"]
        if not parks:
            continue
        k = len(legend)
        color = COMMUNITY_COLORS[k % len(COMMUNITY_COLORS)]
        legend.append({"n": k, "center": c["center"], "size": c["size"], "color": color})
        for p in parks:
            of_park[p] = k
    return of_park, legend


def overview(G: nx.MultiDiGraph, seed: int = 7) -> dict:
    """``{"nodes", "edges", "communities"}``: the vis-network lists of the overview.

    Park nodes carry ``firms`` (organisations located in them) and
    ``community``; industry nodes ``parks`` (how many parks they are drawn
    with). Every node has ``x``/``y`` from one spring layout with ``seed``.
    """
    parks = [n for n, d in G.nodes(data=True) if d.get("type") == "Park"]
    firms = Counter(
        o
        for s, o, k in G.edges(keys=True)
        if k == "locatedIn" and G.nodes[o].get("type") == "Park" and G.nodes[s].get("type") in ORGS
    )
    inds = analysis.park_industries(G)
    comm, legend = park_communities(G)
    A = nx.Graph()
    A.add_nodes_from(parks)
    edges = []
    zones: dict = {}
    for s, o, k in G.edges(keys=True):
        if k == "partOf" and s in A and o in A and s != o:
            zones.setdefault(s, []).append(o)
    for s, mine in zones.items():  # a park's biggest zones (all of them are in the panel)
        for o in sorted(mine, key=lambda z: (-firms.get(z, 0), str(z)))[:TOP_ZONES]:
            A.add_edge(s, o, weight=3.0)
            edges.append({"from": s, "to": o, "predicate": "partOf", "n": 1})
    ind_parks: Counter = Counter()
    for p in parks:
        top = sorted(inds.get(p, {}).items(), key=lambda t: (-t[1], str(t[0])))[:TOP_INDUSTRIES]
        for ind, n in top:
            A.add_edge(p, ind, weight=1.0)
            ind_parks[ind] += 1
            edges.append({"from": p, "to": ind, "predicate": "focusesOn", "n": n})
    pos = _layout(A, seed)
    nodes = []
    for n in A:
        d = G.nodes[n]
        t = d.get("type")
        color, shape, zh = type_style(t)
        node = {"id": n, "label": d.get("label", str(n)), "type": t, "shape": shape}
        if t == "Park":
            k = comm.get(n)
            node.update(
                firms=firms.get(n, 0),
                community=k,
                value=firms.get(n, 0) + 1,
                color=COMMUNITY_COLORS[k % len(COMMUNITY_COLORS)] if k is not None else color,
                title=f"{node['label']}\n{zh} {t} · 企业/机构 firms: {firms.get(n, 0)}\n"
                "点击展开 click to open",
            )
        else:
            node.update(
                parks=ind_parks[n],
                value=ind_parks[n] + 1,
                color=color,
                title=f"{node['label']}\n{zh} {t} · 园区 parks: {ind_parks[n]}",
            )
        node["x"], node["y"] = pos[n]
        nodes.append(node)
    for i, e in enumerate(edges):
        color, zh = predicate_style(e["predicate"])
        zone = e["predicate"] == "partOf"
        e.update(
            id=f"o{i}",
            # industry links stay faint and unlabelled: the parks and zones are the picture
            color={"color": color, "opacity": 1.0 if zone else 0.25},
            title=f"{zh} {e['predicate']} ×{e['n']}",
            width=1.5 if zone else 0.5 + math.log1p(e["n"]) / 2,
            arrows="to" if zone else "",
        )
        if zone:
            e["label"] = zh
    return {"nodes": nodes, "edges": edges, "communities": legend}


def _layout(A: nx.Graph, seed: int) -> dict:
    """:func:`kg.viz_layout.layout` (spring per small component, hubs-and-spokes for a big one).

    Linear in the size of the overview; networkx's ForceAtlas2 took 17 s on the
    764 nodes of a 3,000-document overview and its spring layout needs scipy
    beyond 500 nodes.
    """
    from kg.viz_layout import layout

    return layout(A, seed=seed)
