"""The interactive view: one self-contained, offline HTML file (pyvis / vis-network).

::

    from kg.viz import write_html
    write_html("kg-store", "graph.html", focus="重庆高新区", depth=2)

    from kg.graphview import load
    from kg.viz import render
    html = render(load("kg-store"), industry="生物医药")

The page inlines vis-network (read from pyvis's package data) and uses its own
template (``kg/data/viz.html``: no Bootstrap, no CDN), so it opens from a USB
stick with no network. Nodes are coloured and shaped by type (legend in the
corner; click a legend entry to hide that type), sized by degree and labelled
in Chinese; edges are labelled by predicate. Hovering or clicking shows a
tooltip: a node's type, aliases and documents; an edge's sentence(s) and source
document(s). Documents are shown by their headline (the article's first line)
with the file name after it, as the explorer shows them.

Large graphs: the layout is computed here in Python (networkx spring layout per
small component; hubs-and-spokes for big components) and physics is off, so
the browser only draws. Nodes and edges are handed to pyvis as prepared lists
(pyvis's ``add_edge`` scans the node list on every call, which is quadratic).
"""

from __future__ import annotations

import html as _html
import json
import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.graphview import PREDICATES, SYMMETRIC, find
from kg.viz_facts import bounded, bounded_table, doc_label, fact_table
from kg.viz_layout import SPRING_LIMIT, layout  # noqa: F401 - kg.viz.layout, as before
from kg.viz_palette import OTHER_TYPE, PREDICATE_STYLE, TYPES, type_style

TEMPLATE = Path(__file__).parent / "data" / "viz.html"
OVERVIEW_LIMIT = 1500  # more entities than this open on the overview (kg.viz_overview)
# a view around a focus lists at most this many documents of an entity ("showing N of
# M"): a hub park next to it is named by thousands, each a lookup for its headline
FOCUS_DOCS = 100


# ------------------------------------------------------------------ selection


def select(
    G: nx.MultiDiGraph,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    predicates: Iterable[str] | None = None,
    industry: str | None = None,
) -> nx.MultiDiGraph:
    """The part of ``G`` to draw (a new graph; ``G`` is not changed).

    * ``industry``: the industry (by name or alias), the parks that focus on
      it, the organisations in it, and the parks those organisations are in;
    * ``focus`` + ``depth``: the entities within ``depth`` hops (either
      direction) of the named entity;
    * ``types``: keep only entities of these types (the focus always stays);
    * ``predicates``: keep only these facts, and drop the entities they leave
      without any fact.

    Raises :class:`KgError` for an unknown name, type or predicate.
    """
    H = G
    keep_always: set[str] = set()
    if industry:
        ind = find(G, industry, types=("Industry",))
        keep_always.add(ind)
        U = G.to_undirected(as_view=True)
        around = {ind} | set(U.neighbors(ind))
        for n in list(around):
            if G.nodes[n].get("type") in ("Company", "Institution"):
                around |= {
                    o
                    for _, o, k in G.out_edges(n, keys=True)
                    if k in ("locatedIn",) and G.nodes[o].get("type") == "Park"
                }
        H = G.subgraph(around)
    if focus:
        center = find(H, focus)
        keep_always.add(center)
        if depth < 0:
            raise KgError("--depth must be 0 or more")
        reach = nx.single_source_shortest_path_length(
            H.to_undirected(as_view=True), center, cutoff=depth
        )
        H = H.subgraph(reach)
    if types:
        wanted = _check(types, set(TYPES) | {d.get("type") for _, d in G.nodes(data=True)}, "type")
        H = H.subgraph(
            n for n, d in H.nodes(data=True) if d.get("type") in wanted or n in keep_always
        )
    H = H.copy()
    if predicates:
        wanted = _check(
            predicates, set(PREDICATES) | {k for *_, k in G.edges(keys=True)}, "predicate"
        )
        H.remove_edges_from([(s, o, k) for s, o, k in H.edges(keys=True) if k not in wanted])
        H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0 and n not in keep_always])
    return H


def _check(values: Iterable[str], known: set, what: str) -> set[str]:
    out = set()
    lower = {k.lower(): k for k in known if k}
    for v in values:
        k = lower.get(v.lower())
        if k is None:
            raise KgError(f"unknown {what} {v!r} (known: {', '.join(sorted(lower.values()))})")
        out.add(k)
    return out


# ------------------------------------------------------------------ nodes, edges


def _node_title(d: dict, degree: int, heads: dict | None = None) -> str:
    t = d.get("type", "")
    lines = [d.get("label", ""), f"类型 type: {TYPES.get(t, OTHER_TYPE)[2]} {t}"]
    lines.append("别名 aliases: " + ("、".join(d.get("aliases") or []) or "—"))
    docs = d.get("docs") or []
    n_docs = max(len(docs), d.get("n_docs") or 0)  # more than docs: the page cut them
    if docs:
        lines.append(f"来源 documents ({n_docs}):")
        lines.extend("  " + doc_label(x, heads) for x in docs[:5])
        if n_docs > 5:
            lines.append(f"  … +{n_docs - 5} more")
    lines.append(f"关系 facts: {degree}")
    return "\n".join(lines)


def _edge_title(G, s, o, d: dict, heads: dict | None = None) -> str:
    p = d.get("predicate", "")
    zh = PREDICATE_STYLE.get(p, ("", p))[1]
    lines = [f"{G.nodes[s].get('label', s)} —{zh} {p}→ {G.nodes[o].get('label', o)}"]
    for ev in (d.get("evidence") or [])[:5]:
        where = doc_label(ev.get("doc") or "", heads)
        if ev.get("source") and ev.get("source") != where:
            where += f" ({ev['source']})"
        lines.append(f"「{ev.get('text', '')}」\n  — 来源 source: {where}")
    n = d.get("n_evidence", len(d.get("evidence") or []))
    if not d.get("evidence"):
        lines.append("(no evidence sentence recorded)")
    elif n > 5:
        lines.append(f"… and {n - 5} more documents")
    return "\n".join(lines)


def vis_data(
    G: nx.MultiDiGraph, positions: dict | None = None, headlines: dict | None = None
) -> tuple[list, list]:
    """The vis-network node and edge lists for ``G`` (plain dicts, JSON-ready).

    Every node has ``id`` (its IRI), ``label``, ``type``, ``title`` (the
    tooltip), ``value`` (its degree: vis scales the size by it), ``color``,
    ``shape`` and ``x``/``y`` from ``positions`` (default :func:`layout`).
    Every edge has ``id``, ``from``, ``to``, ``label``, ``predicate``,
    ``title`` (the sentence and source) and ``color``. Documents are named by
    ``headlines`` (file name → headline) where there is one.
    """
    pos = layout(G) if positions is None else positions
    deg = dict(G.degree())
    nodes = []
    for n, d in G.nodes(data=True):
        color, shape, _ = TYPES.get(d.get("type"), OTHER_TYPE)
        x, y = pos.get(n, (0.0, 0.0))
        nodes.append(
            {
                "id": n,
                "label": d.get("label", str(n)),
                "type": d.get("type", "Entity"),
                "title": _node_title(d, deg[n], headlines),
                "value": deg[n] + 1,
                "color": color,
                "shape": shape,
                "x": x,
                "y": y,
                "hidden": deg[n] == 0,
                "isolated": deg[n] == 0,
            }
        )
    edges = []
    for i, (s, o, k, d) in enumerate(G.edges(keys=True, data=True)):
        p = d.get("predicate", k)
        color, zh = PREDICATE_STYLE.get(p, ("#8a8f98", p))
        edges.append(
            {
                "id": f"e{i}",
                "from": s,
                "to": o,
                "label": zh,
                "predicate": p,
                "title": _edge_title(G, s, o, d, headlines),
                "color": color,
                "arrows": "" if p in SYMMETRIC else "to",
            }
        )
    return nodes, edges


def _options(n_nodes: int) -> dict:
    large = n_nodes > 1500
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {
            "scaling": {
                "min": 8,
                "max": 40,
                "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 6},
            },
            "font": {
                "size": 13,
                "face": "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, "
                "WenQuanYi Micro Hei, sans-serif",
            },
            "borderWidth": 1,
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "font": {"size": 10, "align": "middle", "color": "#555"},
            # edge labels only once zoomed in (10 px × scale ≥ the threshold)
            "scaling": {"label": {"drawThreshold": 9}},
            "arrows": {"to": {"scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
        },
    }


def network(G: nx.MultiDiGraph, positions: dict | None = None, headlines: dict | None = None):
    """A ``pyvis.network.Network`` holding ``G``'s prepared nodes, edges and options."""
    from pyvis.network import Network

    nodes, edges = vis_data(G, positions, headlines)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # prepared lists instead of add_node/add_edge (add_edge is quadratic in pyvis 0.3.2)
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = _options(len(nodes))
    return net


def _vis_asset(name: str) -> str:
    """A file of the vis-network build that pyvis ships, found without importing
    pyvis (its import loads IPython and jinja2: 0.2 s of a 3 s ``kg viz --focus``)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    base = Path(spec.origin).parent if spec and spec.origin else Path()
    path = base / "templates" / "lib" / "vis-9.1.2" / name
    return path.read_text(encoding="utf-8")


def _script_json(obj) -> str:
    """JSON safe inside a <script> element."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(
    G: nx.MultiDiGraph,
    title: str = "kg",
    positions: dict | None = None,
    overview: bool | None = None,
    headlines: dict[str, str] | None = None,
    plan: dict | None = None,
    **select_args,
) -> str:
    """The page for ``G`` (after :func:`select` with ``select_args``) as an HTML string.

    ``overview``: open on the aggregate view of :mod:`kg.viz_overview` (parks,
    zones, industries; drill down in the page) instead of every entity. By
    default only when there are more than ``OVERVIEW_LIMIT`` entities.
    ``headlines``: file name → the article's first line
    (:func:`kg.viz_facts.headlines`; default ``G.graph["headlines"]``), to show
    documents by their headline; without one a document is its file name.
    The overview carries the bounded fact tables of :func:`kg.viz_facts.bounded_table`
    (``plan``: :func:`kg.viz_facts.bounded`'s, made here by default); its nodes,
    edges and tables are packed (:func:`_packed`).
    """
    if headlines is None:
        headlines = G.graph.get("headlines") or {}
    H = select(G, **select_args) if select_args else G
    if overview is None:
        overview = H.number_of_nodes() > OVERVIEW_LIMIT
    communities: list = []
    if overview:
        from kg.viz_overview import overview as _overview

        ov = _overview(H)
        nodes, edges, communities = ov["nodes"], ov["edges"], ov["communities"]
        opts = _options(len(H))
        # the biggest parks keep a readable label at the first, zoomed-out frame
        opts["nodes"]["scaling"].update(
            min=6, max=70, label={"enabled": True, "min": 10, "max": 90, "drawThreshold": 7}
        )
        options = json.dumps(opts)
    else:  # what network(...).get_network_data() gives, without importing pyvis
        nodes, edges = vis_data(H, positions, headlines)
        options = json.dumps(_options(len(nodes)))
    counts: dict[str, int] = {}
    for n in H.nodes(data=True):
        t = n[1].get("type", "Entity")
        counts[t] = counts.get(t, 0) + 1
    pcounts: dict[str, int] = {}
    for *_, k, d in H.edges(keys=True, data=True):
        pcounts[d.get("predicate", k)] = pcounts.get(d.get("predicate", k), 0) + 1
    legend = [
        {
            "type": t,
            "zh": type_style(t)[2],
            "color": type_style(t)[0],
            "shape": type_style(t)[1],
            "count": counts[t],
        }
        for t in [*TYPES, *sorted(set(counts) - set(TYPES))]
        if t in counts
    ]
    plegend = [
        {
            "predicate": p,
            "zh": PREDICATE_STYLE.get(p, ("#8a8f98", p))[1],
            "color": PREDICATE_STYLE.get(p, ("#8a8f98", p))[0],
            "count": pcounts[p],
        }
        for p in [*PREDICATE_STYLE, *sorted(set(pcounts) - set(PREDICATE_STYLE))]
        if p in pcounts
    ]
    isolated = sum(1 for n in H if H.degree(n) == 0)
    page = TEMPLATE.read_text(encoding="utf-8")
    fill = {
        "{{title}}": _html.escape(title),
        "{{vis_js}}": _vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        "{{nodes}}": _script_json(_packed(nodes) if overview else nodes),
        "{{edges}}": _script_json(_packed(edges) if overview else edges),
        "{{options}}": options.replace("<", "\\u003c"),
        "{{legend}}": _script_json(
            {
                "types": legend,
                "predicates": plegend,
                "isolated": isolated,
                "communities": communities,
                "mode": "overview" if overview else "full",
                "palette": {t: type_style(t)[:2] for t in [*TYPES, *counts]},
                "pstyle": {p: PREDICATE_STYLE.get(p, ("#8a8f98", p)) for p in pcounts},
            }
        ),
        "{{facts}}": _script_json(
            _packed(bounded_table(H, headlines, plan)) if overview else fact_table(H, headlines)
        ),
    }
    # one pass, so text inside the data can never be taken for a placeholder
    import re

    return re.sub(r"\{\{\w+\}\}", lambda m: fill.get(m.group(0), m.group(0)), page)


def write_html(store, output, title: str | None = None, **select_args) -> Path:
    """Write the view of the store at ``store`` (a path or an open store) to ``output``.

    ``select_args`` are those of :func:`select` (``focus``, ``depth``,
    ``types``, ``predicates``, ``industry``) and ``overview``. Returns the path
    written. A regular file is written to a temporary name and renamed, so a
    reader never sees half a page. Documents are shown by their headlines.

    Reads only what the page shows (:func:`kg.graphview.skeleton`): with ``focus``
    (and no ``industry``) the entities around it; the documents and evidence of
    every fact drawn, or on the overview of the facts its bounded tables keep. From
    a SPARQL server (``--store URL``), where each lookup is a request, the whole
    graph in four queries (:func:`load`), as before.
    """
    from kg.graphview import add_docs, add_evidence, skeleton
    from kg.store import open_store
    from kg.viz_facts import LIMITS, headlines

    if isinstance(store, (str, os.PathLike)):
        with open_store(store) as s:
            return write_html(s, output, title, **select_args)
    title = title or _title(select_args)
    if getattr(store, "generation", None) is None:  # a SPARQL server: a lookup is a request
        return write_graph(load(store), output, title=title, **select_args)
    overview = select_args.pop("overview", None)
    if select_args.get("focus") and not select_args.get("industry"):
        depth = select_args.get("depth", 1)
        G = skeleton(store, focus=select_args["focus"], depth=depth, max_docs=FOCUS_DOCS)
        select_args["focus"] = G.graph["focus"]  # found once, in the whole graph
    else:
        G = skeleton(store)
    chosen = any(select_args.get(k) for k in ("focus", "types", "predicates", "industry"))
    H = select(G, **select_args) if chosen else G  # not a copy of 400,000 facts for nothing
    if overview is None:
        overview = H.number_of_nodes() > OVERVIEW_LIMIT
    plan = None
    if overview:
        plan = bounded(H)
        add_docs(store, H, limit=LIMITS["docs"])
        add_evidence(store, H, [e for e, sentence in plan["facts"].items() if sentence], 1)
    else:
        add_docs(store, H)
        add_evidence(store, H)
    shown = {x for _, d in H.nodes(data=True) for x in d.get("docs") or ()}
    shown |= {ev["doc"] for *_, d in H.edges(data=True) for ev in d.get("evidence") or ()}
    heads = headlines(store, shown)
    return write_graph(H, output, title=title, overview=overview, headlines=heads, plan=plan)


def load(store) -> nx.MultiDiGraph:
    """:func:`kg.graphview.to_networkx` of the store at ``store`` (a path or an open
    store), with the documents' headlines in ``G.graph["headlines"]``
    (file name → the article's first line) for :func:`render`."""
    from kg.graphview import to_networkx
    from kg.store import open_store
    from kg.viz_facts import headlines

    if isinstance(store, (str, os.PathLike)):
        with open_store(store) as s:
            return load(s)
    G = to_networkx(store)
    G.graph["headlines"] = headlines(store)
    return G


def write_graph(G: nx.MultiDiGraph, output, title: str = "kg", **select_args) -> Path:
    """Write the page for a networkx graph (as made by :mod:`kg.graphview`) to
    ``output`` (through :func:`kg.output.write_output`: ``-`` is standard output,
    a symlink, pipe or device is written through, never replaced)."""
    from kg.output import write_output

    write_output(output, render(G, title=title, **select_args))
    return Path(output)


def _packed(table) -> str:
    """``table`` as gzip'd JSON in base64 (the page unpacks it with the browser's
    DecompressionStream): the overview's tables are a third of their JSON size, its
    11,000 edges at 10,000 documents (3.5 MB of repeated IRIs and styles) a tenth."""
    import base64
    import gzip

    raw = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, 6, mtime=0)).decode("ascii")


def _title(args: dict) -> str:
    parts = ["kg"]
    if args.get("industry"):
        parts.append(f"产业 {args['industry']}")
    if args.get("focus"):
        parts.append(f"{args['focus']} ±{args.get('depth', 1)}")
    return " · ".join(parts)
