"""Positions of a graph's nodes for the offline view (:mod:`kg.viz`, :mod:`kg.viz_overview`).

Computed once in Python (the page runs with physics off): a spring layout per
small connected component, hubs-and-spokes for a big one, the components
packed in rows.
"""

from __future__ import annotations

import math

import networkx as nx

SPRING_LIMIT = 300  # components up to this size get a networkx spring layout


def layout(G: nx.Graph, seed: int = 7) -> dict:
    """Positions ``{node: (x, y)}`` in screen pixels for every node of ``G``.

    Each connected component is laid out on its own and the components are
    packed in rows, biggest first. A component of up to ``SPRING_LIMIT`` nodes
    gets networkx's spring layout; a bigger one is drawn hubs-and-spokes (its
    hubs by spring layout, every other entity on a spiral around the
    neighbour that reaches it first from the hubs), which is linear in the
    size of the graph: 10,000 entities take about a second.
    """
    U = nx.Graph(G) if G.is_directed() or G.is_multigraph() else G
    comps = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c))))
    boxes = []
    # entities without facts: one square grid, not a strip of single boxes
    lone = sorted((next(iter(c)) for c in comps if len(c) == 1), key=str)
    if lone:
        cols = max(1, math.ceil(math.sqrt(len(lone))))
        grid = {n: (110.0 * (i % cols), 50.0 * (i // cols)) for i, n in enumerate(lone)}
    for comp in comps:
        sub = U.subgraph(comp)
        if len(comp) == 1:
            continue
        elif len(comp) <= SPRING_LIMIT:
            raw = nx.spring_layout(sub, seed=seed, iterations=80, k=1.6 / math.sqrt(len(comp)))
            r = 75.0 * math.sqrt(len(comp))
            pos = {n: (float(x) * r, float(y) * r) for n, (x, y) in raw.items()}
        else:
            pos = _hub_layout(sub, seed)
        boxes.append(pos)
    if lone:
        boxes.append(grid)
    return _pack(boxes)


def _hub_layout(U: nx.Graph, seed: int) -> dict:
    n = len(U)
    nhub = max(2, min(SPRING_LIMIT, n // 12))
    by_degree = sorted(U.degree, key=lambda t: (-t[1], str(t[0])))
    hubs = [h for h, _ in by_degree[:nhub]]
    hubset = set(hubs)
    # hubs are linked when adjacent or when they share a neighbour
    HG = nx.Graph()
    HG.add_nodes_from(hubs)
    HG.add_edges_from((a, b) for a, b in U.subgraph(hubs).edges())
    for v in U:
        hn = [h for h in U.neighbors(v) if h in hubset]
        for i in range(len(hn)):
            for j in range(i + 1, min(len(hn), i + 4)):
                HG.add_edge(hn[i], hn[j])
    raw = nx.spring_layout(HG, seed=seed, iterations=60)
    r = 55.0 * math.sqrt(n)
    pos = {h: (float(x) * r, float(y) * r) for h, (x, y) in raw.items()}
    # multi-source BFS from the hubs: each entity circles its first reacher
    golden = math.pi * (3 - math.sqrt(5))
    children: dict = {}
    frontier = hubs
    seen = set(hubs)
    while frontier:
        nxt = []
        for a in frontier:
            ax, ay = pos[a]
            base = 30.0 if a in hubset else 14.0
            for b in sorted(U.neighbors(a), key=str):
                if b in seen:
                    continue
                seen.add(b)
                k = children.get(a, 0)
                children[a] = k + 1
                rad = base + 14.0 * math.sqrt(k + 1)
                pos[b] = (ax + rad * math.cos(k * golden), ay + rad * math.sin(k * golden))
                nxt.append(b)
        frontier = nxt
    return pos


def _pack(boxes: list[dict]) -> dict:
    out: dict = {}
    if not boxes:
        return out
    gap = 60.0
    dims = []
    for pos in boxes:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        dims.append((min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    area = sum(w * h for *_, w, h in dims)
    width = max(max(w for *_, w, _ in dims), math.sqrt(area) * 1.3)
    x = y = row_h = 0.0
    for pos, (x0, y0, w, h) in zip(boxes, dims, strict=True):
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for node, (px, py) in pos.items():
            out[node] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w
        row_h = max(row_h, h)
    return out
