"""The graph as networkx: one node per entity, one edge per fact, with evidence.

This is the single bridge from the RDF store to networkx, shared by the
interactive view (:mod:`kg.viz`) and the analysis (:mod:`kg.analysis`)::

    from kg.store import open_store
    from kg.graphview import to_networkx

    with open_store("kg-store") as s:
        G = to_networkx(s)
    G.nodes["https://w3id.org/kg/id/park/…"]
    # {'type': 'Park', 'label': '重庆高新区', 'aliases': [...], 'docs': [...]}
    for s, o, p, data in G.edges(keys=True, data=True):
        data["evidence"]  # [{'text': sentence, 'doc': file name, 'source': path, ...}]

Nodes are keyed by the entity's IRI (a string). Attributes:

``type``     the kg class (``Park``, ``Company``, ``Institution``, ``Industry``, …)
``label``    the Chinese canonical name (``rdfs:label``)
``aliases``  the other names (``skos:altLabel``), sorted
``docs``     the documents that mention the entity (file names), sorted
``concept``  the SKOS industry concept it matches, when there is one

Edges go subject → object, one per distinct fact; the key is the predicate's
local name (``locatedIn``, ``partOf``, ``focusesOn``, ``inIndustry``,
``cooperatesWith``). ``cooperatesWith`` is symmetric and stored once (in the
canonical order of the graph model). Attributes:

``predicate`` the predicate's local name (same as the key)
``evidence``  one dict per document stating the fact: ``text`` (the sentence),
              ``doc`` (file name), ``source`` (path it was read from),
              ``start``/``end`` (offsets, or None) and ``confidence`` (or None)
``docs``      the file names of those documents, sorted
``sentence``  the first sentence (a convenience for tooltips and tables)
``doc``       the first document's file name
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.normalize import normalize
from kg.rdf import DCTERMS, KG, RDF, RDFS, SKOS

PREDICATES = ("locatedIn", "partOf", "focusesOn", "inIndustry", "cooperatesWith")
SYMMETRIC = frozenset({"cooperatesWith"})

_ENTITIES = f"""
SELECT ?e ?t ?label WHERE {{
  GRAPH <https://w3id.org/kg/graph/entities> {{
    ?e a ?t .
    OPTIONAL {{ ?e <{RDFS}label> ?label }}
  }}
  FILTER(STRSTARTS(STR(?t), "{KG}"))
}}
"""

_ATTRS = f"""
SELECT ?e ?p ?v WHERE {{
  GRAPH <https://w3id.org/kg/graph/entities> {{
    ?e ?p ?v .
    VALUES ?p {{ <{SKOS}altLabel> <{KG}mentionedIn> <{SKOS}exactMatch> }}
  }}
}}
"""

_FACTS = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  ?s ?p ?o .
  VALUES ?p {{ {" ".join(f"<{KG}{p}>" for p in PREDICATES)} }}
}}
"""

_ASSERTIONS = f"""
SELECT ?s ?p ?o ?evidence ?doc ?title ?source ?start ?end ?confidence WHERE {{
  ?st a <{KG}Assertion> ;
      <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o .
  OPTIONAL {{ ?st <{KG}evidence> ?evidence }}
  OPTIONAL {{ ?st <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc .
             OPTIONAL {{ ?doc <{DCTERMS}title> ?title }}
             OPTIONAL {{ ?doc <{DCTERMS}source> ?source }} }}
  OPTIONAL {{ ?st <{KG}start> ?start }}
  OPTIONAL {{ ?st <{KG}end> ?end }}
  OPTIONAL {{ ?st <{KG}confidence> ?confidence }}
}}
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _val(term):
    return None if term is None else term.value


def _doc_name(doc_iri: str | None, title: str | None) -> str | None:
    if title:
        return title
    if doc_iri:
        from urllib.parse import unquote

        return unquote(doc_iri.rsplit("/", 1)[-1])
    return None


def to_networkx(store) -> nx.MultiDiGraph:
    """The entities and facts of an open :class:`kg.store.KgStore` as a MultiDiGraph.

    Returns a ``networkx.MultiDiGraph`` whose nodes are the entities (keyed by
    IRI, with ``type``, ``label``, ``aliases``, ``docs``) and whose edges are the
    facts (keyed by predicate, with ``evidence`` sentences and source
    documents); see the module docstring for every attribute. Four SPARQL
    queries in all, so it stays fast on large graphs. An entity with more than
    one kg class keeps the first in a fixed order (``Park`` > ``Company`` >
    ``Institution`` > ``Industry`` > others), so the result is deterministic.
    """
    from kg.ingest.sources import shown_source

    order = {"Park": 0, "Company": 1, "Institution": 2, "Industry": 3}
    G = nx.MultiDiGraph()
    types: dict[str, str] = {}
    labels: dict[str, str] = {}
    for row in store.query(_ENTITIES):
        e, t = row["e"].value, _local(row["t"].value)
        if t in ("Document", "Assertion"):
            continue
        old = types.get(e)
        if old is None or (order.get(t, 9), t) < (order.get(old, 9), old):
            types[e] = t
        if row["label"] is not None:
            labels.setdefault(e, row["label"].value)
    aliases: dict[str, set] = defaultdict(set)
    docs: dict[str, set] = defaultdict(set)
    concept: dict[str, str] = {}
    for row in store.query(_ATTRS):
        e, p, v = row["e"].value, _local(row["p"].value), row["v"].value
        if p == "altLabel":
            aliases[e].add(v)
        elif p == "mentionedIn":
            docs[e].add(_doc_name(v, None))
        else:
            concept[e] = v
    for e in sorted(types):
        label = labels.get(e) or _local(e)
        attrs = {
            "type": types[e],
            "label": label,
            "aliases": sorted(aliases.get(e, set()) - {label}),
            "docs": sorted(docs.get(e, ())),
        }
        if e in concept:
            attrs["concept"] = concept[e]
        G.add_node(e, **attrs)

    evidence: dict[tuple, list] = defaultdict(list)
    for row in store.query(_ASSERTIONS):
        key = (row["s"].value, _local(row["p"].value), row["o"].value)
        conf = _val(row["confidence"])
        evidence[key].append(
            {
                "text": _val(row["evidence"]) or "",
                "doc": _doc_name(_val(row["doc"]), _val(row["title"])),
                "source": shown_source(_val(row["source"])),
                "start": int(row["start"].value) if row["start"] is not None else None,
                "end": int(row["end"].value) if row["end"] is not None else None,
                "confidence": float(conf) if conf is not None else None,
            }
        )
    facts = sorted((r["s"].value, _local(r["p"].value), r["o"].value) for r in store.query(_FACTS))
    for s, p, o in facts:
        for n in (s, o):  # a fact about an entity without a description: keep it
            if n not in G:
                G.add_node(n, type="Entity", label=_local(n), aliases=[], docs=[])
        ev = sorted(evidence.get((s, p, o), []), key=lambda d: (d["doc"] or "", d["start"] or 0))
        G.add_edge(
            s,
            o,
            key=p,
            predicate=p,
            evidence=ev,
            docs=sorted({d["doc"] for d in ev if d["doc"]}),
            sentence=ev[0]["text"] if ev else "",
            doc=ev[0]["doc"] if ev else None,
        )
    return G


def load(path) -> nx.MultiDiGraph:
    """Open the store at ``path`` and return :func:`to_networkx` of it."""
    from kg.store import open_store

    with open_store(path) as s:
        return to_networkx(s)


def find(G: nx.MultiDiGraph, name: str, types=None) -> str:
    """The node whose label or alias is ``name`` (NFKC, case- and space-insensitive).

    Falls back to the unique node whose label contains ``name``. Raises
    :class:`kg.errors.KgError` (one clear line) when there is none or the
    name is ambiguous.
    """
    from kg.errors import KgError

    want = _norm(name)
    nodes = [n for n, d in G.nodes(data=True) if not types or d.get("type") in types]
    exact = [n for n in nodes if _norm(G.nodes[n]["label"]) == want]
    if not exact:
        exact = [n for n in nodes if any(_norm(a) == want for a in G.nodes[n]["aliases"])]
    if not exact:
        exact = [n for n in nodes if want and want in _norm(G.nodes[n]["label"])]
    if not exact:
        what = "/".join(types) if types else "entity"
        raise KgError(f"no {what} named {name!r} in the graph")
    if len(exact) > 1:
        exact.sort(key=lambda n: (len(G.nodes[n]["label"]), -G.degree(n), n))
        if (
            len(G.nodes[exact[0]]["label"]) == len(G.nodes[exact[1]]["label"])
            and _norm(G.nodes[exact[0]]["label"]) != want
        ):
            names = ", ".join(G.nodes[n]["label"] for n in exact[:5])
            raise KgError(f"{name!r} is ambiguous: {names}")
    return exact[0]


_norm = normalize
