"""The Python API over a built graph, returning plain Python data.

The command line, the HTTP server and the notebook all use it::

    import kg
    g = kg.open("kg-store")
    g.query("companies-in-park", park="西部（重庆）科学城")   # canned name, .rq file or SPARQL
    g.entity("植恩药业")        # found by any alias → {"iri", "label", "type", "aliases", …}
    g.facts("植恩药业")         # its facts, each with the sentences and documents that state it
    g.search("生物医药")        # entities whose name or an alias contains the text

SELECT answers are lists of dicts (IRIs and strings as ``str``, numbers as
``int``/``float``), ASK answers a ``bool``, CONSTRUCT/DESCRIBE a list of
``(subject, predicate, object)`` tuples.

For rdflib users, the same store as rdflib terms, without copying it::

    g.query("SELECT ?l WHERE { ?e rdfs:label ?l }", terms=True)  # Literal('…', lang='zh')
    for s, p, o, graph in g: ...          # every quad, as rdflib terms
    ds = g.dataset()                      # an rdflib.Dataset over the store (read-only)
    ds.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Park }")

``dataset()`` is oxrdflib's rdflib Store over the very pyoxigraph store of the
generation this graph opened: rdflib's API (``triples``, ``value``, SPARQL,
``serialize``) with Oxigraph doing the work. Plain string literals come back as
``Literal("…")`` (no datatype), as rdflib makes them when it parses a file.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from kg.errors import StoreError
from kg.normalize import normalize
from kg.query import Result, canned_queries, execute, load_query, to_python
from kg.store import open_store

TYPES = ("Park", "Company", "Institution", "Industry")
PREDICATES = ("locatedIn", "partOf", "focusesOn", "inIndustry", "cooperatesWith")
_TYPE_VALUES = " ".join(f'(kg:{t} "{t}")' for t in TYPES)
_PRED_VALUES = " ".join(f"kg:{p}" for p in PREDICATES)

_ALIASES = f"""
SELECT ?e ?type ?l ?pref WHERE {{
  VALUES (?class ?type) {{ {_TYPE_VALUES} }}
  ?e a ?class .
  {{ ?e rdfs:label ?l BIND(true AS ?pref) }} UNION {{ ?e skos:altLabel ?l BIND(false AS ?pref) }}
}}"""

_FACTS = """
SELECT ?e ?st ?subject ?predicate ?object ?evidence ?document ?title ?source ?start ?end
       ?confidence
WHERE {
  { ?st rdf:subject ?e } UNION { ?st rdf:object ?e }
  ?st a kg:Assertion ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?st kg:evidence ?evidence }
  OPTIONAL { ?st prov:wasDerivedFrom ?document
             OPTIONAL { ?document dcterms:title ?title }
             OPTIONAL { ?document dcterms:source ?source } }
  OPTIONAL { ?st kg:start ?start }
  OPTIONAL { ?st kg:end ?end }
  OPTIONAL { ?st kg:confidence ?confidence }
}"""

_PLAIN = f"""
SELECT DISTINCT ?e ?subject ?predicate ?object WHERE {{
  VALUES ?predicate {{ {_PRED_VALUES} }}
  {{ ?e ?predicate ?object BIND(?e AS ?subject) }}
  UNION
  {{ ?subject ?predicate ?e BIND(?e AS ?object) }}
}}"""

_DOCS = """
SELECT DISTINCT ?e ?document ?title WHERE {
  ?e kg:mentionedIn ?document . OPTIONAL { ?document dcterms:title ?title }
} ORDER BY ?title"""


normalise = normalize  # kg's one comparison form of a name


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


class Graph:
    """A built kg graph opened for reading (see :func:`open`)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)
        self.store = open_store(path)
        self._index = None
        self._lock = threading.Lock()

    # -------------------------------------------------------------- SPARQL

    def result(
        self,
        sparql: str,
        params: dict | None = None,
        *,
        limit: int | None = None,
        default_graph=None,
        named_graphs=None,
    ) -> Result:
        """Run SPARQL text, a ``.rq`` file or a canned query's name; the full :class:`Result`."""
        text, canned = load_query(sparql)
        return execute(
            self.store,
            text,
            self.spell(params),
            canned=canned,
            limit=limit,
            default_graph=default_graph,
            named_graphs=named_graphs,
        )

    def query(
        self,
        sparql: str,
        params: dict | None = None,
        *,
        limit: int | None = None,
        terms: bool = False,
        **kw,
    ):
        """Run a query; parameters as a dict or keywords (bound safely, never pasted).

        SELECT → list of dicts, ASK → bool, CONSTRUCT/DESCRIBE → list of triples.
        Values are plain Python (``str``, ``int``…) by default; ``terms=True`` gives
        rdflib terms instead (``URIRef``, ``BNode``, ``Literal`` with its language
        tag or datatype), for code that goes on in rdflib.
        """
        result = self.result(sparql, {**(params or {}), **kw}, limit=limit)
        if not terms:
            return result.to_python()
        if result.kind == "ask":
            return result.boolean
        if result.kind == "graph":
            return [
                (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                for t in result.triples
            ]
        return [
            {v: to_rdflib(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]

    def canned(self) -> list[dict]:
        """The canned queries: name, summary, parameters (with an example) and text."""
        return [c.to_dict() for c in canned_queries().values()]

    # -------------------------------------------------------------- entities

    def _aliases(self):
        """Every entity's names: (norm → {iri}), iri → {label, type, aliases}."""
        with self._lock:
            if self._index is None:
                by_norm: dict[str, set[str]] = defaultdict(set)
                info: dict[str, dict] = {}
                for row in execute(self.store, _ALIASES).to_python():
                    iri = row["e"]
                    d = info.setdefault(iri, {"iri": iri, "label": None, "type": row["type"]})
                    d.setdefault("aliases", [])
                    if row["pref"] and d["label"] is None:
                        d["label"] = row["l"]
                    elif row["l"] not in d["aliases"]:
                        d["aliases"].append(row["l"])
                    by_norm[normalise(row["l"])].add(iri)
                for d in info.values():
                    if d["label"] is None:
                        d["label"] = d["aliases"].pop(0) if d["aliases"] else _local(d["iri"])
                    d["aliases"] = sorted(a for a in d["aliases"] if a != d["label"])
                self._index = (dict(by_norm), info)
            return self._index

    def _resolve(self, name: str) -> list[str]:
        """IRIs of the entities a name (or an IRI) denotes, best first."""
        by_norm, info = self._aliases()
        if name in info:
            return [name]
        if name.startswith("<") and name.endswith(">") and name[1:-1] in info:
            return [name[1:-1]]
        iris = by_norm.get(normalise(name), set())

        def rank(iri):
            d = info[iri]
            exact_label = d["label"] == name
            exact_alias = name in d["aliases"]
            return (not exact_label, not exact_alias, TYPES.index(d["type"]), d["label"], iri)

        return sorted(iris, key=rank)

    def spell(self, params: dict | None) -> dict | None:
        """Parameters with names spelt as the graph stores them.

        A value that is no label or alias as given, but is one once NFKC-normalised
        (``西部(重庆)科学城`` for ``西部（重庆）科学城``), is replaced by the stored
        spelling, so canned queries, which match names exactly, find it.
        """
        if not params:
            return params
        by_norm, info = self._aliases()
        out = {}
        for k, v in params.items():
            out[k] = v
            if not isinstance(v, str) or (v.startswith("<") and v.endswith(">")):
                continue
            iris = self._resolve(v)
            if not iris:
                continue
            d = info[iris[0]]
            names = [d["label"], *d["aliases"]]
            if v not in names:
                out[k] = next((a for a in names if normalise(a) == normalise(v)), v)
        return out

    def entities(self, name: str) -> list[dict]:
        """Every entity that has ``name`` as its label or an alias (NFKC-normalised)."""
        _, info = self._aliases()
        return [self._describe(iri, info) for iri in self._resolve(name)]

    def entity(self, name: str) -> dict | None:
        """The entity a name denotes (label, alias or IRI), or None.

        ``{"iri", "label", "type", "aliases", "documents": [{"document", "title"}]}``
        """
        found = self.entities(name)
        return found[0] if found else None

    def _describe(self, iri: str, info: dict) -> dict:
        d = dict(info[iri])
        d["aliases"] = list(d["aliases"])
        subs = {ox.Variable("e"): ox.NamedNode(iri)}
        rows = self.store.query(_DOCS, substitutions=subs)
        d["documents"] = [
            {"document": r["document"].value, "title": to_python(r["title"])} for r in rows
        ]
        return d

    def search(self, text: str, limit: int = 20) -> list[dict]:
        """Entities whose label or an alias contains ``text`` (normalised), best first."""
        needle = normalise(text)
        if not needle:
            return []
        by_norm, info = self._aliases()
        best: dict[str, tuple] = {}
        for norm, iris in by_norm.items():
            pos = norm.find(needle)
            if pos < 0:
                continue
            score = (norm != needle, pos != 0, len(norm))
            for iri in iris:
                if iri not in best or score < best[iri][0]:
                    best[iri] = (score, norm)
        ranked = sorted(best, key=lambda i: (best[i][0], TYPES.index(info[i]["type"]), i))
        out = []
        for iri in ranked[:limit]:
            d = info[iri]
            match = next(
                (a for a in [d["label"], *d["aliases"]] if normalise(a) == best[iri][1]),
                d["label"],
            )
            out.append(
                {
                    "iri": iri,
                    "label": d["label"],
                    "type": d["type"],
                    "aliases": list(d["aliases"]),
                    "match": match,
                }
            )
        return out

    # -------------------------------------------------------------- facts

    def facts(self, name: str) -> list[dict]:
        """The facts about an entity (as subject or object), each with its evidence.

        Each fact: ``{"subject", "subject_label", "predicate" (e.g. "locatedIn"),
        "predicate_iri", "object", "object_label", "direction" ("out"/"in"),
        "evidence": [{"sentence", "document", "title", "source", "start", "end",
        "confidence"}]}``. An unknown name gives ``[]``.
        """
        from kg.ingest.sources import shown_source

        iris = self._resolve(name)
        if not iris:
            return []
        iri = iris[0]
        _, info = self._aliases()
        subs = {ox.Variable("e"): ox.NamedNode(iri)}
        facts: dict[tuple, dict] = {}

        def fact(s: str, p: str, o: str) -> dict:
            key = (s, p, o)
            if key not in facts:
                facts[key] = {
                    "subject": s,
                    "subject_label": info.get(s, {}).get("label", _local(s)),
                    "predicate": _local(p),
                    "predicate_iri": p,
                    "object": o,
                    "object_label": info.get(o, {}).get("label", _local(o)),
                    "direction": "out" if s == iri else "in",
                    "evidence": [],
                }
            return facts[key]

        for r in self.store.query(_FACTS, substitutions=subs):
            f = fact(r["subject"].value, r["predicate"].value, r["object"].value)
            ev = {
                "sentence": to_python(r["evidence"]),
                "document": to_python(r["document"]),
                "title": to_python(r["title"]),
                "source": shown_source(to_python(r["source"])),
                "start": to_python(r["start"]),
                "end": to_python(r["end"]),
                "confidence": to_python(r["confidence"]),
            }
            if ev not in f["evidence"]:
                f["evidence"].append(ev)
        for r in self.store.query(_PLAIN, substitutions=subs):  # facts without provenance
            fact(r["subject"].value, r["predicate"].value, r["object"].value)
        for f in facts.values():
            f["evidence"].sort(key=lambda e: (e["title"] or "", e["start"] or 0))
        order = {p: i for i, p in enumerate(PREDICATES)}
        return sorted(
            facts.values(),
            key=lambda f: (
                order.get(f["predicate"], 99),
                f["direction"],
                f["subject_label"],
                f["object_label"],
            ),
        )

    def neighbourhood(self, name: str, limit: int = 80) -> dict:
        """The entity, its neighbours by a fact and the facts among them (for a graph view).

        ``{"center": iri, "nodes": [{"id", "label", "type"}], "edges": [{"from", "to",
        "predicate"}]}``; empty lists for an unknown name.
        """
        iris = self._resolve(name)
        if not iris:
            return {"center": None, "nodes": [], "edges": []}
        iri = iris[0]
        _, info = self._aliases()
        subs = {ox.Variable("e"): ox.NamedNode(iri)}
        edges, nodes = [], {iri}
        for r in self.store.query(_PLAIN, substitutions=subs):
            s, p, o = r["subject"].value, r["predicate"].value, r["object"].value
            other = o if s == iri else s
            if other not in nodes and len(nodes) > limit:
                continue
            nodes.add(other)
            edges.append({"from": s, "to": o, "predicate": _local(p)})
        for n in sorted(nodes - {iri}):  # the facts among the neighbours
            subs = {ox.Variable("e"): ox.NamedNode(n)}
            for r in self.store.query(_PLAIN, substitutions=subs):
                s, o = r["subject"].value, r["object"].value
                if s in nodes and o in nodes:
                    edges.append({"from": s, "to": o, "predicate": _local(r["predicate"].value)})
        seen, uniq = set(), []
        for e in edges:
            k = (e["from"], e["to"], e["predicate"])
            if k not in seen:
                seen.add(k)
                uniq.append(e)
        return {
            "center": iri,
            "nodes": [
                {
                    "id": n,
                    "label": info.get(n, {}).get("label", _local(n)),
                    "type": info.get(n, {}).get("type", "Other"),
                }
                for n in sorted(nodes, key=lambda n: (n != iri, n))
            ],
            "edges": uniq,
        }

    # -------------------------------------------------------------- rdflib

    def __iter__(self) -> Iterator[tuple]:
        """Every quad ``(s, p, o, graph)`` as rdflib terms (``graph`` is None for the
        default graph), like iterating an ``rdflib.Dataset``'s ``quads()``."""
        for q in self.store.quads():
            yield (
                *_triple(q),
                None if isinstance(q.graph_name, ox.DefaultGraph) else to_rdflib(q.graph_name),
            )

    def triples(self, pattern: tuple = (None, None, None)) -> Iterator[tuple]:
        """The triples matching ``(s, p, o)`` (rdflib terms or None) in any graph, as
        rdflib terms; a triple stated in several graphs comes once per graph."""
        s, p, o = (None if t is None else _to_ox(t) for t in pattern)
        for q in self.store.quads(s, p, o):
            yield _triple(q)

    def dataset(self):
        """An ``rdflib.Dataset`` over this graph's store, read-only, without copying.

        The default graph is the union of the named graphs (where kg keeps its
        facts), so ``ds.query(…)`` sees them all, as ``kg query`` does. It reads
        the generation this graph opened; a later ``kg build`` is seen by a new
        ``kg.open(path).dataset()``."""
        import rdflib

        inner = getattr(self.store, "store", None)
        if not isinstance(inner, ox.Store):
            raise StoreError(
                f"{self.path}: dataset() needs an on-disk kg store, not a remote one "
                "(use rdflib's SPARQLStore on its endpoint)"
            )
        from kg.rdf import PREFIXES

        ds = rdflib.Dataset(store=_read_only_store(inner, self.path), default_union=True)
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, rdflib.URIRef(str(ns)), override=True)
        return ds

    # -------------------------------------------------------------- misc

    def __len__(self) -> int:
        """The number of quads (a triple in two documents' graphs counts twice)."""
        return len(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<kg.Graph {self.path!r}: {len(self.store)} quads>"


# ------------------------------------------------------------------ rdflib terms

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term):
    """A pyoxigraph term as the rdflib term rdflib itself would make when parsing:
    a simple string literal has no datatype, a language-tagged one its tag, any
    other literal its datatype (so ``.toPython()`` gives an int, a Decimal…)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.Triple):
        return (to_rdflib(term.subject), to_rdflib(term.predicate), to_rdflib(term.object))
    raise TypeError(f"not an RDF term: {term!r}")


def _triple(q) -> tuple:
    return (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))


def _to_ox(term):
    """An rdflib term as a pyoxigraph one (for a pattern)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        dt = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=dt)
    raise TypeError(f"not an rdflib term: {term!r}")


def _plain(node):
    """oxrdflib gives simple literals the datatype xsd:string; rdflib does not."""
    from rdflib import Literal

    if (
        isinstance(node, Literal)
        and node.datatype is not None
        and str(node.datatype) == _XSD_STRING
    ):
        return Literal(str(node))
    return node


def _read_only_store(inner: ox.Store, path: str):
    """oxrdflib's rdflib Store over ``inner``, refusing every change with one line
    (the store is a read-only generation; ``kg add`` / ``kg build`` change a graph)."""
    store = _read_only_class()(store=inner)
    store.kg_path = path
    return store


@functools.cache
def _read_only_class() -> type:
    """Made on first use: oxrdflib (and rdflib) load only for ``dataset()``."""
    from oxrdflib import OxigraphStore

    class ReadOnlyOxigraphStore(OxigraphStore):
        def _refuse(self, *args, **kwargs):
            raise StoreError(
                f"{self.kg_path}: the rdflib view of a kg store is read-only "
                "(change the graph with kg add or kg build)"
            )

        add = addN = remove = update = add_graph = remove_graph = _refuse

        def triples(self, triple_pattern, context=None):
            for (s, p, o), ctx in super().triples(triple_pattern, context):
                yield (s, p, _plain(o)), ctx

        def query(self, *args, **kwargs):
            result = super().query(*args, **kwargs)
            if result.type == "SELECT":
                rows = result.bindings
                result.bindings = [{v: _plain(t) for v, t in row.items()} for row in rows]
            elif result.type == "CONSTRUCT":
                import rdflib

                g = rdflib.Graph()
                for s, p, o in result.graph:
                    g.add((s, p, _plain(o)))
                result.graph = g
            return result

    return ReadOnlyOxigraphStore


def open(path: str | os.PathLike = "kg-store") -> Graph:  # noqa: A001 - kg.open, like io.open
    """Open a built graph for reading. Raises :class:`kg.errors.StoreError`."""
    return Graph(path)
