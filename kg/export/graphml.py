"""Export plugin: GraphML (`kg export --format graphml`), for networkx, Gephi and igraph.

The graph is :func:`kg.graphview.to_networkx` (the one bridge from the store to
networkx) with its list attributes flattened, because GraphML values are
scalars:

* nodes: id = the entity IRI; ``label``, ``type``, ``aliases`` and ``docs``
  (joined by ``|``), ``concept`` when there is one;
* edges: id = ``e0`` … ``eN``, unique, because Gephi's importer keeps only the
  first edge of an id it has seen (keyed by predicate, it showed 5 of 218
  facts); ``label`` = ``predicate`` = the predicate's local name, ``weight`` =
  the number of documents that state the fact, ``documents`` (``|``-joined)
  and one ``evidence`` sentence.

The file is a directed graph. A symmetric fact (``cooperatesWith``) is written
in both directions, with the same attributes and ``symmetric`` true, so that
in-degree, out-degree and paths see it from either end; tools that want it
once keep the edges with ``symmetric`` false plus one of each pair.
"""

from __future__ import annotations

import networkx as nx

NAME = "graphml"
SUFFIX = ".graphml"


def _joined(values) -> str:
    return "|".join(str(v) for v in values)


def to_graphml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML-ready copy of a :func:`kg.graphview.to_networkx` graph (see module doc)."""
    from kg.graphview import SYMMETRIC

    out = nx.MultiDiGraph()
    for n, d in sorted(G.nodes(data=True)):
        attrs = {
            "label": d.get("label", ""),
            "type": d.get("type", ""),
            "aliases": _joined(d.get("aliases", ())),
            "docs": _joined(d.get("docs", ())),
        }
        if d.get("concept"):
            attrs["concept"] = d["concept"]
        out.add_node(n, **attrs)
    facts: dict[tuple, dict] = {}
    for s, o, p, d in G.edges(keys=True, data=True):
        if p in SYMMETRIC and o < s:  # one fact, whichever end the store put first
            s, o = o, s
        fact = facts.setdefault((s, p, o), {"docs": set(), "sentence": ""})
        fact["docs"].update(d.get("docs", ()))
        fact["sentence"] = fact["sentence"] or d.get("sentence", "")
    edges = []
    for (s, p, o), fact in facts.items():
        docs = sorted(fact["docs"])
        attrs = {
            "label": p,
            "predicate": p,
            "weight": max(len(docs), 1),
            "documents": _joined(docs),
            "evidence": fact["sentence"],
            "symmetric": p in SYMMETRIC,
        }
        edges.append((s, o, attrs))
        if p in SYMMETRIC and s != o:
            edges.append((o, s, attrs))
    edges.sort(key=lambda e: (e[0], e[2]["predicate"], e[1]))
    for i, (s, o, attrs) in enumerate(edges):
        out.add_edge(s, o, key=f"e{i}", **attrs)
    return out


def to_networkx(store) -> nx.MultiDiGraph:
    """The graph of an open store as it is written to GraphML."""
    from kg.graphview import to_networkx as view

    return to_graphml_graph(view(store))


def export(store, out) -> None:
    nx.write_graphml(to_networkx(store), out, encoding="utf-8")
