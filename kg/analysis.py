"""Network analysis of the graph (networkx), as pure functions.

Every function takes the ``MultiDiGraph`` of :func:`kg.graphview.to_networkx`
(nodes keyed by IRI with ``type`` and ``label``; edges keyed by predicate) and
returns plain Python data (dicts, lists, tuples of strings and numbers), so the
results print as tables, dump as JSON and are easy to test::

    from kg.graphview import load
    from kg import analysis

    G = load("kg-store")
    analysis.counts(G)
    analysis.top_degree(G, 10)
    analysis.communities(G)
    analysis.park_industry_matrix(G)

:func:`summary` gathers the main ones for ``kg stats``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

ORGS = ("Company", "Institution")


def _label(G, n) -> str:
    return G.nodes[n].get("label", str(n))


def _simple(G) -> nx.Graph:
    """The undirected simple graph under ``G`` (parallel facts collapse to one link)."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    U.add_edges_from((s, o) for s, o in G.edges() if s != o)
    return U


def _entry(G, n, **extra) -> dict:
    d = G.nodes[n]
    return {"iri": n, "label": d.get("label", str(n)), "type": d.get("type"), **extra}


def counts(G: nx.MultiDiGraph) -> dict:
    """How many entities of each type and facts of each predicate.

    Returns ``{"entities": {type: n}, "facts": {predicate: n}, "nodes": N,
    "edges": M, "components": C, "isolated": I}``, biggest counts first. The
    last two tell how connected the extraction is: an isolated entity was
    found but no fact about it was.
    """
    types = Counter(d.get("type") for _, d in G.nodes(data=True))
    preds = Counter(k for *_, k in G.edges(keys=True))
    U = _simple(G)
    return {
        "entities": dict(sorted(types.items(), key=lambda t: (-t[1], t[0]))),
        "facts": dict(sorted(preds.items(), key=lambda t: (-t[1], t[0]))),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "components": nx.number_connected_components(U) if len(U) else 0,
        "isolated": nx.number_of_isolates(U),
    }


def top_degree(G: nx.MultiDiGraph, n: int = 10, types=None) -> list[dict]:
    """The ``n`` entities with the most facts (optionally only of ``types``).

    Returns ``[{"iri", "label", "type", "degree", "centrality"}]``, highest
    first (ties by label). ``degree`` counts distinct neighbours, so a fact
    stated twice counts once; ``centrality`` is networkx's degree centrality
    (degree / (N − 1)). These are the hubs: the parks with most companies and
    industries, the companies with most partners.
    """
    U = _simple(G)
    cent = nx.degree_centrality(U) if len(U) > 1 else {x: 0.0 for x in U}
    rows = [
        _entry(G, x, degree=U.degree(x), centrality=round(cent[x], 4))
        for x in U
        if not types or G.nodes[x].get("type") in types
    ]
    rows.sort(key=lambda r: (-r["degree"], r["label"], r["iri"]))
    return rows[:n]


def top_betweenness(
    G: nx.MultiDiGraph, n: int = 10, types=ORGS, k: int | None = None
) -> list[dict]:
    """The ``n`` entities (default: companies and institutions) that bridge the most.

    Returns ``[{"iri", "label", "type", "betweenness"}]``, highest first:
    networkx's normalised betweenness centrality on the undirected graph, the
    share of shortest paths between other entities that pass through this
    one. A high value marks a broker: an organisation linking parks or
    clusters that would otherwise be apart. On graphs of more than 2,000
    entities it is estimated from ``k`` (default 500) sampled sources with a
    fixed seed, so the answer is reproducible.
    """
    U = _simple(G)
    if k is None and len(U) > 2000:
        k = 500
    bc = nx.betweenness_centrality(U, k=min(k, len(U)) if k else None, seed=0)
    rows = [
        _entry(G, x, betweenness=round(v, 5))
        for x, v in bc.items()
        if not types or G.nodes[x].get("type") in types
    ]
    rows.sort(key=lambda r: (-r["betweenness"], r["label"], r["iri"]))
    return rows[:n]


def communities(G: nx.MultiDiGraph, seed: int = 0, resolution: float = 1.0, min_size: int = 2):
    """Clusters of densely linked entities (networkx's Louvain method).

    Returns a list of communities, biggest first, each ``{"size", "members":
    [labels], "iris": [...], "types": {type: n}, "center": label}`` where
    ``center`` is the member with the most links inside the community
    (usually its park). Singletons (entities without facts) are left out
    unless ``min_size`` is 1. ``seed`` fixes Louvain's random order so the
    result is the same on every run.
    """
    U = _simple(G)
    if U.number_of_edges() == 0:
        return []
    parts = nx.community.louvain_communities(U, seed=seed, resolution=resolution)
    out = []
    for part in parts:
        if len(part) < min_size:
            continue
        sub = U.subgraph(part)
        center = max(part, key=lambda x: (sub.degree(x), -len(_label(G, x)), str(x)))
        members = sorted(part, key=lambda x: (-sub.degree(x), _label(G, x), str(x)))
        out.append(
            {
                "size": len(part),
                "center": _label(G, center),
                "members": [_label(G, x) for x in members],
                "iris": members,
                "types": dict(Counter(G.nodes[x].get("type") for x in part).most_common()),
            }
        )
    out.sort(key=lambda c: (-c["size"], c["center"]))
    return out


def park_industries(
    G: nx.MultiDiGraph, via_organisations: bool = True
) -> dict[str, dict[str, int]]:
    """For each park, its industries and how many facts support each.

    Returns ``{park_iri: {industry_iri: n}}``. A park's industries are those
    it ``focusesOn``; with ``via_organisations`` also those of the companies
    and institutions ``locatedIn`` it (``inIndustry``), each adding one. Parks
    without any industry are left out.
    """
    out: dict[str, Counter] = defaultdict(Counter)
    for s, o, k in G.edges(keys=True):
        if k == "focusesOn" and G.nodes[s].get("type") == "Park":
            out[s][o] += 1
    if via_organisations:
        industries = defaultdict(set)
        for s, o, k in G.edges(keys=True):
            if k == "inIndustry":
                industries[s].add(o)
        for s, o, k in G.edges(keys=True):
            if k == "locatedIn" and G.nodes[o].get("type") == "Park":
                for ind in industries.get(s, ()):
                    out[o][ind] += 1
    return {p: dict(c) for p, c in out.items()}


def park_industry_matrix(G: nx.MultiDiGraph, via_organisations: bool = True) -> dict:
    """The park × industry matrix, labelled, for a table or a heat map.

    Returns ``{"parks": [labels], "industries": [labels], "matrix": [[n]]}``
    where ``matrix[i][j]`` is the support of park ``i`` for industry ``j``
    (see :func:`park_industries`). Parks are sorted by how many industries
    they have, industries by how many parks share them (most first), so the
    dense corner is top-left.
    """
    pi = park_industries(G, via_organisations)
    ind_parks = Counter(i for inds in pi.values() for i in inds)
    parks = sorted(pi, key=lambda p: (-len(pi[p]), _label(G, p), p))
    inds = sorted(ind_parks, key=lambda i: (-ind_parks[i], _label(G, i), i))
    return {
        "parks": [_label(G, p) for p in parks],
        "industries": [_label(G, i) for i in inds],
        "matrix": [[pi[p].get(i, 0) for i in inds] for p in parks],
    }


def shared_industries(G: nx.MultiDiGraph, min_shared: int = 1, via_organisations: bool = True):
    """Pairs of parks with industries in common: candidates to cooperate or compete.

    Returns ``[{"parks": [label_a, label_b], "shared": [industry labels],
    "jaccard": float}]``, most shared first; ``jaccard`` is the share of the
    two parks' industries they have in common (1.0: the same profile).
    """
    pi = {p: set(v) for p, v in park_industries(G, via_organisations).items()}
    by_ind = defaultdict(set)
    for p, inds in pi.items():
        for i in inds:
            by_ind[i].add(p)
    pairs = set()
    for parks in by_ind.values():
        pairs.update(combinations(sorted(parks), 2))
    out = []
    for a, b in pairs:
        common = pi[a] & pi[b]
        if len(common) >= min_shared:
            out.append(
                {
                    "parks": sorted([_label(G, a), _label(G, b)]),
                    "shared": sorted(_label(G, i) for i in common),
                    "jaccard": round(len(common) / len(pi[a] | pi[b]), 3),
                }
            )
    out.sort(key=lambda r: (-len(r["shared"]), -r["jaccard"], r["parks"]))
    return out


def cooperation_components(G: nx.MultiDiGraph) -> list[dict]:
    """Groups of entities connected by ``cooperatesWith`` facts (directly or in a chain).

    Returns ``[{"size", "members": [labels], "iris": [...], "links": n}]``,
    biggest first; only groups of two or more. Each group is a partnership
    network: an alliance, a university with its partner companies, …
    """
    C = nx.Graph()
    C.add_edges_from((s, o) for s, o, k in G.edges(keys=True) if k == "cooperatesWith" and s != o)
    out = []
    for comp in nx.connected_components(C):
        members = sorted(comp, key=lambda x: (-C.degree(x), _label(G, x), str(x)))
        out.append(
            {
                "size": len(comp),
                "members": [_label(G, x) for x in members],
                "iris": members,
                "links": C.subgraph(comp).number_of_edges(),
            }
        )
    out.sort(key=lambda c: (-c["size"], c["members"]))
    return out


def summary(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """The analysis ``kg stats`` prints: counts, hubs, brokers, communities, parks.

    Returns a JSON-ready dict with ``counts``, ``top_degree``,
    ``top_betweenness``, ``communities`` (the ``top`` biggest, members cut to
    10), ``cooperation`` and ``shared_industries`` (the ``top`` first).
    """
    comms = communities(G)
    for c in comms:
        c["members"] = c["members"][:10]
        del c["iris"]
    coop = cooperation_components(G)
    for c in coop:
        del c["iris"]
    return {
        "counts": counts(G),
        "top_degree": top_degree(G, top),
        "top_betweenness": top_betweenness(G, top),
        "communities": comms[:top],
        "cooperation": coop[:top],
        "shared_industries": shared_industries(G)[:top],
    }


def format_summary(s: dict) -> str:
    """:func:`summary` as readable text tables."""
    lines = []
    c = s["counts"]
    lines.append(
        f"network: {c['nodes']} entities, {c['edges']} facts, "
        f"{c['components']} components, {c['isolated']} without facts"
    )
    lines.append("top entities by degree:")
    for r in s["top_degree"]:
        lines.append(f"  {r['degree']:>4}  {r['type']:<12} {r['label']}")
    lines.append("top brokers (betweenness, companies and institutions):")
    for r in s["top_betweenness"]:
        lines.append(f"  {r['betweenness']:.3f}  {r['type']:<12} {r['label']}")
    lines.append(f"communities (Louvain): {len(s['communities'])} shown")
    for i, com in enumerate(s["communities"], 1):
        more = " …" if com["size"] > len(com["members"]) else ""
        lines.append(
            f"  {i:>2}. {com['size']:>4}  {com['center']}: {'、'.join(com['members'])}{more}"
        )
    if s["cooperation"]:
        lines.append("cooperation groups:")
        for com in s["cooperation"]:
            lines.append(f"  {com['size']:>4}  {'、'.join(com['members'])}")
    if s["shared_industries"]:
        lines.append("parks sharing industries:")
        for r in s["shared_industries"]:
            lines.append(
                f"  {len(r['shared']):>3}  {' / '.join(r['parks'])}: {'、'.join(r['shared'])}"
            )
    return "\n".join(lines)
