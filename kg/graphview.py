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

:func:`skeleton` is the same graph read cheaply, for pages that show a bounded
part of the evidence (``kg viz`` at 10,000 documents): the evidence, an edge's
documents and a node's documents are left out (``[]`` / ``None``) and counted
(``n_evidence``, ``n_docs``) until :func:`add_evidence` and :func:`add_docs` read
them for the edges and nodes wanted; with ``focus`` only the entities around one
entity are read::

    with open_store("kg-store") as s:
        G = skeleton(s, focus="重庆高新区", depth=1)
        add_docs(s, G)
        add_evidence(s, G, per_fact=5)
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from kg.normalize import normalize
from kg.rdf import DCTERMS, DOC, KG, RDF, RDFS, SKOS
from kg.statsgraph import STATS_GRAPH

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

    G = nx.MultiDiGraph()
    _add_nodes(store, G)
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
        ev = sorted(evidence.get((s, p, o), []), key=lambda d: (d["doc"] or "", d["start"] or 0))
        _add_fact(G, s, p, o, ev, sorted({d["doc"] for d in ev if d["doc"]}))
    return G


def _add_nodes(
    store, G: nx.MultiDiGraph, docs_of: set | None = None, count=True, typed=True
) -> None:
    """Every entity of the store as a node of ``G`` (type, label, aliases, docs, concept).

    ``docs_of``: read the documents (``kg:mentionedIn``) of these entities only,
    one lookup each; the others get ``docs=None`` (see :func:`add_docs`) and every
    node ``n_docs``, how many there are (``count=False``: ``None``, until read);
    ``None``: the documents of every entity. ``typed=False``: the entities' names
    only (every entity of ``graph:entities`` has a label), ``type=None`` until
    :func:`_add_types` reads it for the entities kept.
    """
    order = {"Park": 0, "Company": 1, "Institution": 2, "Industry": 3}
    types: dict[str, str] = {}
    labels: dict[str, str] = {}
    rows = store.query(_ENTITIES) if docs_of is None else _entity_rows(store, typed)
    for row in rows:
        e = row["e"].value
        if row["t"] is None:  # typed=False: a name; the type comes later
            types.setdefault(e, None)
            labels.setdefault(e, row["label"].value)
            continue
        t = _local(row["t"].value)
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
    for row in store.query(_ATTRS if docs_of is None else _NAMES):
        e, p, v = row["e"].value, _local(row["p"].value), row["v"].value
        if p == "altLabel":
            aliases[e].add(v)
        elif p == "mentionedIn":
            docs[e].add(_doc_name(v, None))
        else:
            concept[e] = v
    counts = {}
    if docs_of is not None and count:
        counts = {r["e"].value: int(r["n"].value) for r in store.query(_MENTION_COUNTS)}
    for e in sorted(types):
        label = labels.get(e) or _local(e)
        attrs = {
            "type": types[e],
            "label": label,
            "aliases": sorted(aliases.get(e, set()) - {label}),
            "docs": sorted(docs.get(e, ())),
        }
        if docs_of is not None:
            attrs["docs"] = _mentions(store, e) if e in docs_of else None
            attrs["n_docs"] = counts.get(e, 0) if count else None
        if e in concept:
            attrs["concept"] = concept[e]
        G.add_node(e, **attrs)


def _entity_rows(store, typed: bool = True):
    """The rows of ``_ENTITIES`` from two queries without a join (types; labels): at
    10,000 documents 3x faster than the join, and than reading the quads.
    ``typed=False``: the labels only, each with ``t`` ``None`` (one query)."""
    labels: dict[str, list] = defaultdict(list)
    for row in store.query(_LABELS):
        if not typed:
            yield {"e": row["e"], "t": None, "label": row["label"]}
        labels[row["e"].value].append(row["label"])
    for row in store.query(_TYPES) if typed else ():
        for label in labels.get(row["e"].value) or [None]:
            yield {"e": row["e"], "t": row["t"], "label": label}


def _add_fact(G: nx.MultiDiGraph, s: str, p: str, o: str, ev: list, docs, **more) -> None:
    for n in (s, o):  # a fact about an entity without a description: keep it
        if n not in G:
            G.add_node(n, type="Entity", label=_local(n), aliases=[], docs=[])
    G.add_edge(
        s,
        o,
        key=p,
        predicate=p,
        evidence=ev,
        docs=docs,
        sentence=ev[0]["text"] if ev else "",
        doc=docs[0] if docs else None,
        **more,
    )


# ------------------------------------------------------------------ a cheaper graph
# kg viz at 10,000 documents: _ASSERTIONS decodes ~10 terms for each of 490,000
# statements (minutes). A skeleton reads each fact's quads once (subject, object,
# document graph) and the evidence of only the facts a page shows, by their
# statement IRIs (kg.rdf.statement_iri), a point lookup each.

_NAMES = f"""
SELECT ?e ?p ?v WHERE {{
  GRAPH <https://w3id.org/kg/graph/entities> {{
    ?e ?p ?v .
    VALUES ?p {{ <{SKOS}altLabel> <{SKOS}exactMatch> }}
  }}
}}
"""

_TYPES = f"""
SELECT ?e ?t WHERE {{
  GRAPH <https://w3id.org/kg/graph/entities> {{ ?e a ?t }} FILTER(STRSTARTS(STR(?t), "{KG}"))
}}
"""

_LABELS = f"""
SELECT ?e ?label WHERE {{
  GRAPH <https://w3id.org/kg/graph/entities> {{ ?e <{RDFS}label> ?label }}
}}
"""

_MENTION_COUNTS = f"""
SELECT ?e (COUNT(?d) AS ?n) WHERE {{
  GRAPH <https://w3id.org/kg/graph/entities> {{ ?e <{KG}mentionedIn> ?d }}
}} GROUP BY ?e
"""

# how many documents state each fact: the count decodes two terms a fact, not three
_FACT_COUNTS = (
    "SELECT ?s ?o (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <PREDICATE> ?o } } GROUP BY ?s ?o"
)

_MENTIONED_IN = ox.NamedNode(KG + "mentionedIn")
_ENTITIES_GRAPH = ox.NamedNode("https://w3id.org/kg/graph/entities")


def _mentions(store, e: str, limit: int | None = None) -> list[str]:
    """The documents that mention ``e``, sorted (``limit``: the first ``limit`` read)."""
    from itertools import islice

    quads = store.quads(ox.NamedNode(e), _MENTIONED_IN, None, _ENTITIES_GRAPH)
    return sorted({_doc_name(q.object.value, None) for q in islice(quads, limit)})


def add_docs(store, G: nx.MultiDiGraph, nodes=None, limit: int | None = None) -> None:
    """Read the documents (``docs``) of ``nodes`` (default: every node) of a
    :func:`skeleton` whose ``docs`` is ``None``; ``limit``: at most that many each,
    in the store's order (``n_docs`` says how many there are)."""
    for n in G if nodes is None else nodes:
        d = G.nodes[n]
        if d.get("docs") is None:
            d["docs"] = _mentions(store, n, limit)
        if "n_docs" in d and d["n_docs"] is None:  # not counted (skeleton around a focus)
            short = limit is None or len(d["docs"]) < limit
            d["n_docs"] = len(d["docs"]) if short else _count_mentions(store, n)


def _count_mentions(store, n: str) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ <{n}> <{KG}mentionedIn> ?d }} }}"
    return int(next(iter(store.query(q)))["n"].value)


_EV_PREDICATES = {KG + "evidence": "text", KG + "start": "start", KG + "end": "end"}
_EV_PREDICATES[KG + "confidence"] = "confidence"


class _Documents:
    """A document's file name and source by the last segment of its IRI (as in its
    graph's IRI), each read once, when first asked for (a page names few of 10,000)."""

    def __init__(self, store) -> None:
        self.store, self.known = store, {}

    def get(self, tail: str) -> tuple[str, str | None]:
        if tail not in self.known:
            doc = ox.NamedNode(DOC + tail)
            found = {_local(q.predicate.value): q.object.value for q in self.store.quads(doc)}
            self.known[tail] = (_doc_name(DOC + tail, found.get("title")), found.get("source"))
        return self.known[tail]

    def source(self, name: str) -> str | None:
        from kg.rdf import doc_iri

        return self.get(doc_iri(name).value.rsplit("/", 1)[-1])[1]


def skeleton(
    store, focus: str | None = None, depth: int = 1, max_docs: int | None = None
) -> nx.MultiDiGraph:
    """:func:`to_networkx` without the evidence: the same nodes and edges, each edge
    with ``docs``, ``doc`` and ``n_evidence`` (how many documents state it) but
    ``evidence == []`` until :func:`add_evidence` reads it for the edges wanted.

    ``focus`` (a name or alias, as :func:`find` takes it) and ``depth``: only the
    entities within ``depth`` hops of it and the facts between them, read by
    lookups around it instead of every fact of the store; the focus is found as
    :func:`find` would in the whole graph, by :func:`locate`. ``max_docs``: read at
    most that many documents of an entity (``n_docs`` counts them all; a hub park
    near the focus has thousands). ``G.graph["documents"]`` keeps the documents'
    file names and sources for :func:`add_evidence`.

    Of the whole graph (no ``focus``), a node's ``docs`` and an edge's ``docs`` and
    ``doc`` are ``None`` until :func:`add_docs` and :func:`add_evidence` read them
    (``n_docs`` and ``n_evidence`` count them): reading every mention and the
    document of every fact is most of the cost at 10,000 documents.
    """
    from kg.errors import KgError

    G = nx.MultiDiGraph()
    docs = _Documents(store)
    G.graph["documents"] = docs
    if focus is None:
        _add_nodes(store, G, docs_of=set())
        facts = []
        for p in PREDICATES:
            q = _FACT_COUNTS.replace("PREDICATE", KG + p)
            facts.extend((r["s"].value, p, r["o"].value, int(r["n"].value)) for r in store.query(q))
        for s, p, o, n in sorted(facts):  # the documents: add_evidence, for the facts shown
            _add_fact(G, s, p, o, [], None, n_evidence=n)
        return G
    else:
        if depth < 0:
            raise KgError("--depth must be 0 or more")
        center = locate(store, focus)
        G.graph["focus"] = center
        found = _around(store, center, depth)
        _add_named(store, G, {center} | {n for s, _, o in found for n in (s, o)})
        _add_types(store, G)
        add_docs(store, G, limit=max_docs)
    for (s, p, o), graphs in sorted(found.items()):
        names_ = sorted({_graph_doc(g, docs) for g in graphs})
        _add_fact(G, s, p, o, [], names_, n_evidence=len(names_))
    return G


def _add_types(store, G: nx.MultiDiGraph) -> None:
    """The kg type of each node of ``G`` read without one (``typed=False``), by
    lookups, the first in :func:`to_networkx`'s order; a node without one is no
    entity and leaves (a fact keeps it, as :func:`_add_fact` does)."""
    order = {"Park": 0, "Company": 1, "Institution": 2, "Industry": 3}
    rdf_type = ox.NamedNode(RDF + "type")
    for n in [n for n, d in G.nodes(data=True) if d.get("type") is None]:
        found = [
            _local(q.object.value)
            for q in store.quads(ox.NamedNode(n), rdf_type, None, _ENTITIES_GRAPH)
            if q.object.value.startswith(KG)
        ]
        found = [t for t in found if t not in ("Document", "Assertion")]
        if found:
            G.nodes[n]["type"] = min(found, key=lambda t: (order.get(t, 9), t))
        else:
            G.remove_node(n)


_LABEL = ox.NamedNode(RDFS + "label")
_ALT_LABEL = ox.NamedNode(SKOS + "altLabel")
_EXACT_MATCH = ox.NamedNode(SKOS + "exactMatch")


def _add_named(store, G: nx.MultiDiGraph, nodes) -> None:
    """``nodes`` that are entities (have a label) as nodes of ``G``, as
    :func:`_add_nodes` makes them with ``typed=False`` and ``count=False`` (label,
    aliases, concept; ``type``, ``docs``, ``n_docs`` ``None``), by lookups: a view
    around a focus names a hundred entities of 17,000."""
    for e in sorted(nodes):
        node = ox.NamedNode(e)
        labels = [q.object.value for q in store.quads(node, _LABEL, None, _ENTITIES_GRAPH)]
        if not labels:
            continue
        label = labels[0] or _local(e)
        alts = {q.object.value for q in store.quads(node, _ALT_LABEL, None, _ENTITIES_GRAPH)}
        attrs = {"type": None, "label": label, "aliases": sorted(alts - {label}), "docs": None}
        attrs["n_docs"] = None
        for q in store.quads(node, _EXACT_MATCH, None, _ENTITIES_GRAPH):
            attrs["concept"] = q.object.value
        G.add_node(e, **attrs)


# the entities with a name whose normalised form is ?2: every name of an entity is a
# key of one of its atoms in the resolution index (kg/index.py, kg.resolve.name_keys:
# "0|Type|n:<name>", or "0|Type|d:<doc>|<name>" for a bare type word), so this finds
# every entity find() could pick by label or alias (and maybe more: they are checked)
_NAMED = """
SELECT DISTINCT a.iri FROM atom_keys k JOIN atoms a ON a.aid = k.aid
WHERE k.key >= '0|' AND k.key < '0}' AND (substr(k.key, -?1) = 'n:' || ?2
                                          OR substr(k.key, -?1 + 1) = '|' || ?2)
"""


def _indexed(store, want: str) -> set[str] | None:
    """The IRIs of the entities one of whose names normalises to ``want``, from the
    generation's resolution index; ``None`` without one (a store of an older kg)."""
    import sqlite3
    from pathlib import Path

    from kg.index import FILE, VERSION, ResolutionIndex

    generation = getattr(store, "generation", None)
    if generation is None or not want:
        return None
    index = ResolutionIndex.open(Path(generation) / FILE)
    if index is None:
        return None
    try:
        if index.version != VERSION:
            return None
        return {r[0] for r in index.db.execute(_NAMED, (len(want) + 2, want))}
    except sqlite3.Error:
        return None
    finally:
        index.close()


def locate(store, name: str) -> str:
    """The entity :func:`find` picks for ``name`` among every entity of the store,
    reading only the entities that have that name: an IRI of an entity is itself;
    a name or alias is looked up in the resolution index (:func:`_indexed`) and the
    candidates' names and facts read. Reading every entity's names instead took
    ~1 CPU s at 10,000 documents; it is still what answers a name that is no
    entity's name or alias (find then takes a label containing it) and a store
    without an index."""
    degree = lambda n: _degree(store, n)  # noqa: E731
    if name.startswith(("http://", "https://")):
        try:
            node = ox.NamedNode(name)
        except ValueError:
            node = None
        if node is not None and next(store.quads(node, _LABEL, None, _ENTITIES_GRAPH), None):
            return name
    found = _indexed(store, _norm(name))
    if found:
        G = nx.MultiDiGraph()
        _add_named(store, G, found)
        want = _norm(name)
        if any(
            _norm(d["label"]) == want or any(_norm(a) == want for a in d["aliases"])
            for _, d in G.nodes(data=True)
        ):
            return find(G, name, degree=degree)
    G = nx.MultiDiGraph()
    _add_nodes(store, G, docs_of=set(), count=False, typed=False)
    return find(G, name, degree=degree)


def _degree(store, n: str) -> int:
    """How many facts ``n`` has (as ``G.degree`` of :func:`to_networkx`), by lookups."""
    node = ox.NamedNode(n)
    facts = set()
    for p in PREDICATES:
        P = ox.NamedNode(KG + p)
        facts |= {(n, p, q.object.value) for q in store.quads(node, P, None)}
        facts |= {(q.subject.value, p, n) for q in store.quads(None, P, node)}
    return len(facts) + sum(1 for s, _, o in facts if s == o)


def _graph_doc(graph: str, docs: _Documents) -> str:
    return docs.get(graph.rsplit("/", 1)[-1])[0]


def _around(store, center: str, depth: int) -> dict[tuple, list]:
    """(s, p, o) → document graphs of every fact between the entities within
    ``depth`` hops of ``center`` (either direction).

    Both steps are SPARQL, so that Oxigraph scans a hub's facts without making a
    Python object of each quad (a hub park near the focus states ~30,000 fact
    quads, 0.7 s read one by one; 0.2 s so)."""
    seen, frontier = {center}, [center]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for row in store.query(_NEIGHBOURS.replace("NODE", str(ox.NamedNode(n)))):
                m = row["m"].value
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    found: dict[tuple, list] = defaultdict(list)
    values = " ".join(str(ox.NamedNode(n)) for n in sorted(seen))
    rows = store.query(_BETWEEN.replace("NODES", values).replace("LIST", values.replace(" ", ",")))
    for row in rows:  # the facts between the entities reached
        key = (row["s"].value, _local(row["p"].value), row["o"].value)
        found[key].append(row["g"].value)
    return found


_FACT_PREDICATES = ", ".join(f"<{KG}{p}>" for p in PREDICATES)
_NEIGHBOURS = f"""SELECT DISTINCT ?m WHERE {{
  {{ NODE ?p ?m }} UNION {{ ?m ?p NODE }} FILTER(?p IN ({_FACT_PREDICATES}))
}}"""
_BETWEEN = f"""SELECT ?s ?p ?o ?g WHERE {{
  VALUES ?s {{ NODES }} GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?p IN ({_FACT_PREDICATES}) && ?o IN (LIST) && ?g != <{STATS_GRAPH.value}>)
}}"""


def add_evidence(store, G: nx.MultiDiGraph, edges=None, per_fact: int | None = 5) -> None:
    """Read the evidence of ``edges`` ((s, o, key); default every edge of ``G``) of a
    :func:`skeleton`: for its first ``per_fact`` documents (``None``: all), as
    :func:`to_networkx` gives it (``text``, ``doc``, ``source``, ``start``, ``end``,
    ``confidence``), and its first ``sentence``."""
    from kg.ingest.sources import shown_source
    from kg.rdf import statement_iri

    docs = G.graph.get("documents") or _Documents(store)
    for s, o, k in G.edges(keys=True) if edges is None else edges:
        d = G.edges[s, o, k]
        if d["docs"] is None:
            found = store.quads(ox.NamedNode(s), ox.NamedNode(KG + k), ox.NamedNode(o))
            d["docs"] = sorted({_graph_doc(q.graph_name.value, docs) for q in found})
            d["doc"] = d["docs"][0] if d["docs"] else None
        ev = []
        for doc in d["docs"][:per_fact]:
            item = {"text": "", "doc": doc, "source": shown_source(docs.source(doc))}
            item.update(start=None, end=None, confidence=None)
            for q in store.quads(statement_iri(doc, s, k, o), None, None):
                field = _EV_PREDICATES.get(q.predicate.value)
                if field == "text":
                    item["text"] = q.object.value
                elif field == "confidence":
                    item["confidence"] = float(q.object.value)
                elif field:
                    item[field] = int(q.object.value)
            ev.append(item)
        d["evidence"] = ev
        d["sentence"] = ev[0]["text"] if ev else ""


def load(path) -> nx.MultiDiGraph:
    """Open the store at ``path`` and return :func:`to_networkx` of it."""
    from kg.store import open_store

    with open_store(path) as s:
        return to_networkx(s)


def find(G: nx.MultiDiGraph, name: str, types=None, degree=None) -> str:
    """The node whose label or alias is ``name`` (NFKC, case- and space-insensitive).

    ``name`` may also be a node itself (an IRI). Falls back to the unique node
    whose label contains ``name``; several of one length: the most connected
    (``degree``: a node → its number of facts, default ``G.degree``). Raises
    :class:`kg.errors.KgError` (one clear line) when there is none or the
    name is ambiguous.
    """
    from kg.errors import KgError

    if name in G and (not types or G.nodes[name].get("type") in types):
        return name
    degree = degree or G.degree
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
        exact.sort(key=lambda n: (len(G.nodes[n]["label"]), -degree(n), n))
        if (
            len(G.nodes[exact[0]]["label"]) == len(G.nodes[exact[1]]["label"])
            and _norm(G.nodes[exact[0]]["label"]) != want
        ):
            names = ", ".join(G.nodes[n]["label"] for n in exact[:5])
            raise KgError(f"{name!r} is ambiguous: {names}")
    return exact[0]


_norm = normalize
