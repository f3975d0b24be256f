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

import contextlib
import functools
import os
import threading
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from kg.errors import StoreError
from kg.normalize import normalize
from kg.query import Result, canned_queries, execute, load_query, to_python
from kg.rdf import KG, RDF, RDFS, SKOS
from kg.store import open_store

TYPES = ("Park", "Company", "Institution", "Industry")
PREDICATES = ("locatedIn", "partOf", "focusesOn", "inIndustry", "cooperatesWith")
_PRED_VALUES = " ".join(f"kg:{p}" for p in PREDICATES)

# the name index reads these quads directly (in every graph, as SPARQL's union default
# graph would): a SPARQL join of types and labels took 2-4 times as long
_RDF_TYPE = ox.NamedNode(RDF + "type")
_LABEL = ox.NamedNode(RDFS + "label")
_ALT_LABEL = ox.NamedNode(SKOS + "altLabel")

_FACTS = """
SELECT ?e ?st ?subject ?predicate ?object ?evidence ?document ?title ?headline ?source
       ?start ?end ?confidence
WHERE {
  { ?st rdf:subject ?e } UNION { ?st rdf:object ?e }
  ?st a kg:Assertion ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?st kg:evidence ?evidence }
  OPTIONAL { ?st prov:wasDerivedFrom ?document
             OPTIONAL { ?document dcterms:title ?title }
             OPTIONAL { ?document schema:headline ?headline }
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
SELECT DISTINCT ?e ?document ?title ?headline WHERE {
  ?e kg:mentionedIn ?document . OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document schema:headline ?headline }
} ORDER BY ?title"""

_DOC_IRIS = "SELECT DISTINCT ?e ?document WHERE { ?e kg:mentionedIn ?document }"

# the statements of a page of facts and all they say (kg:evidence, prov:wasDerivedFrom,
# …; see Graph._statements). IRIs are written in (as ox.NamedNode prints them): bound by
# substitution, Oxigraph plans the join without them (one fact of a park with thousands
# of statements took 2 s, not 4 ms). A statement lives in the graph of the document that
# states its fact, beside the fact (docs/graph-model.md), with an IRI made from the
# document and the fact, so the fact's quads name those graphs and the statements are
# looked up by IRI: where ``?st rdf:subject ?x`` read every statement of an industry or
# a park the fact names (20 facts of the largest park of a 10,000-document store:
# 40-440 ms a group), and then a join inside each graph (4-90 ms). Only the properties
# the explorer shows are read out (``keys``).
_FACT_GRAPHS = """SELECT ?s ?p ?o ?g WHERE {{
  VALUES (?s ?p ?o) {{ {facts} }} GRAPH ?g {{ ?s ?p ?o }} }}"""
_STATEMENT_VALUES = """SELECT ?st ?q ?v WHERE {{
  VALUES ?st {{ {statements} }} ?st ?q ?v FILTER(?q IN ({keys})) }}"""
# the facts among some entities (see Graph._facts_among)
# the distinct facts first, then the join with the objects wanted: ?o IN (80 nodes) on
# every quad compared each of a hub's ~10,000 fact quads with 80 terms (2-3x the time)
_AMONG = """SELECT ?s ?p ?o WHERE {{
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{
     VALUES ?s {{ {nodes} }} ?s ?p ?o FILTER(?p IN ({preds})) }} }}
  VALUES ?o {{ {nodes} }} }}"""
# what the documents of a page of facts say about themselves (title, headline, source)
_DOC_ATTRS = "SELECT ?d ?q ?v WHERE {{ VALUES ?d {{ {docs} }} ?d ?q ?v }}"


normalise = normalize  # kg's one comparison form of a name
_HEADLINE = "http://schema.org/headline"  # a document's first line


def _direction(predicate: str, subject: str, iri: str) -> str:
    """A fact's direction seen from ``iri``: "out", "in", or "with" for the
    symmetric cooperatesWith (stored once, in either order)."""
    if predicate == "cooperatesWith":
        return "with"
    return "out" if subject == iri else "in"


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
        """Every entity's names: (norm → {iri}), iri → {label, type, aliases}.

        Built on first use, once per Graph (a store generation): :func:`name_index`.
        """
        with self._lock:
            if self._index is None:
                self._index = name_index(self.store)
            return self._index

    def warm(self) -> threading.Thread:
        """Build the name index in a background thread (the server does it when it
        starts, so the first search or entity page does not wait for it)."""

        def build() -> None:
            with contextlib.suppress(Exception):  # closed under it: the next use builds it
                self._aliases()

        thread = threading.Thread(target=build, name="kg-name-index", daemon=True)
        thread.start()
        return thread

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

        ``{"iri", "label", "type", "aliases", "documents": [{"document", "title" (the
        file name), "headline" (the article's first line, or None)}]}``
        """
        found = self.entities(name)
        return found[0] if found else None

    def _describe(self, iri: str, info: dict) -> dict:
        d = dict(info[iri])
        d["aliases"] = list(d["aliases"])
        subs = {ox.Variable("e"): ox.NamedNode(iri)}
        rows = self.store.query(_DOCS, substitutions=subs)
        d["documents"] = [
            {
                "document": r["document"].value,
                "title": to_python(r["title"]),
                "headline": to_python(r["headline"]),
            }
            for r in rows
        ]
        return d

    def search(self, text: str, limit: int = 20) -> list[dict]:
        """Entities whose label or an alias contains ``text`` (normalised), best first."""
        return self.search_page(text, 1, limit)["results"]

    def search_page(self, text: str, page: int = 1, limit: int = 20) -> dict:
        """One page of :meth:`search`, with the number of matches in all:
        ``{"total", "page", "limit", "results": [{"iri", "label", "type", "aliases",
        "match" (the name that matched)}]}``."""
        needle = normalise(text)
        out: dict = {"total": 0, "page": page, "limit": limit, "results": []}
        if not needle:
            return out
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
        out["total"] = len(ranked)
        start = (page - 1) * limit
        for iri in ranked[start : start + limit]:
            d = info[iri]
            match = next(
                (a for a in [d["label"], *d["aliases"]] if normalise(a) == best[iri][1]),
                d["label"],
            )
            out["results"].append(
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
                "headline": to_python(r["headline"]),
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

    # -------------------------------------------------------------- paged (explorer)

    def _plain_facts(self, iri: str, keep: bool = True) -> list[tuple[str, str, str]]:
        """Every fact ``(s, predicate local name, o)`` about ``iri``, without
        provenance (one query; with ``keep``, kept for the last few entities asked about)."""
        with self._lock:
            cache = self.__dict__.setdefault("_plain_cache", {})
            if iri in cache:
                cache[iri] = cache.pop(iri)  # most recent last
                return cache[iri]
        subs = {ox.Variable("e"): ox.NamedNode(iri)}
        rows = [
            (r["subject"].value, _local(r["predicate"].value), r["object"].value)
            for r in self.store.query(_PLAIN, substitutions=subs)
        ]
        if not keep:
            return rows
        with self._lock:
            cache[iri] = rows
            while len(cache) > 32:
                cache.pop(next(iter(cache)))
        return rows

    def _facts_among(self, nodes: set[str]) -> list[tuple[str, str, str]]:
        """Every fact ``(s, predicate local name, o)`` between two of ``nodes``: one
        query over the out-quads of the nodes, their distinct facts joined with the
        nodes as objects only then (a VALUES block for the predicates or the objects
        beside the quad pattern made Oxigraph scan every fact of the graph: 80
        neighbours of the largest park of a 10,000-document store 1.6 s, against 0.1 s
        with ``?o IN (…)`` on every quad and 0.05 s so; one query a node, which read
        every fact of an industry, 0.6 s)."""
        if not nodes:
            return []
        terms = [str(ox.NamedNode(n)) for n in sorted(nodes)]
        preds = ", ".join(f"kg:{p}" for p in PREDICATES)
        query = _AMONG.format(nodes=" ".join(terms), preds=preds)
        return [(r["s"].value, _local(r["p"].value), r["o"].value) for r in self.store.query(query)]

    def _grouped(self, iri: str) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
        """The facts about ``iri`` by (predicate, direction), each group sorted by the
        other end's type and label; groups in the order of :data:`PREDICATES`."""
        _, info = self._aliases()
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for s, p, o in self._plain_facts(iri):
            groups[(p, _direction(p, s, iri))].append((s, p, o))
        order = {p: i for i, p in enumerate(PREDICATES)}

        def other(f):
            n = f[2] if f[0] == iri else f[0]
            d = info.get(n, {})
            t = d.get("type", "Other")
            return (TYPES.index(t) if t in TYPES else 9, d.get("label", _local(n)), n)

        return {
            k: sorted(v, key=other)
            for k, v in sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0]))
        }

    def _statements(self, facts: list[tuple[str, str, str]]) -> dict[ox.NamedNode, tuple]:
        """The statements of ``facts`` (statement IRI → fact): a fact stands in the graph
        of each document that states it, beside its statement, whose IRI is made from
        the document and the fact (:func:`kg.rdf.statement_iri`); so one query finds the
        documents and one more reads the statements, by their IRIs. Finding them by
        ``?st rdf:subject … ; rdf:object …`` took 2-3x as long (~17 of the ~35 ms of an
        entity page at 10,000 documents)."""
        from urllib.parse import unquote_to_bytes

        from kg.rdf import GRAPH, statement_iri

        if not facts:
            return {}
        rows = " ".join(
            f"({ox.NamedNode(s)} {ox.NamedNode(KG + p)} {ox.NamedNode(o)})" for s, p, o in facts
        )
        docs = GRAPH + "doc/"
        out = {}
        for r in self.store.query(_FACT_GRAPHS.format(facts=rows)):
            g = r["g"].value
            if not g.startswith(docs):
                continue
            # the document's name, as kg.rdf.doc_graph wrote it (percent-encoded bytes)
            doc = unquote_to_bytes(g[len(docs) :]).decode("utf-8", "surrogateescape")
            fact = (r["s"].value, _local(r["p"].value), r["o"].value)
            out[statement_iri(doc, *fact)] = fact
        return out

    def _about_documents(self, docs) -> dict[str, dict]:
        """Document IRI → its ``title`` (file name), ``headline`` and ``source``, those
        it has, in one query."""
        from kg.rdf import DCTERMS

        about: dict[str, dict] = defaultdict(dict)
        if docs:
            names = {DCTERMS + "title": "title", DCTERMS + "source": "source"}
            names[_HEADLINE] = "headline"
            query = _DOC_ATTRS.format(docs=" ".join(str(ox.NamedNode(d)) for d in sorted(docs)))
            for r in self.store.query(query):
                if r["q"].value in names:
                    about[r["d"].value][names[r["q"].value]] = to_python(r["v"])
        return about

    def _facts(self, iri: str, facts: list[tuple[str, str, str]], evidence: int) -> list[dict]:
        """Facts about ``iri`` as the explorer shows them, each with its first
        ``evidence`` statements (three queries: :meth:`_statements`, then what they say,
        then their documents)."""
        from kg.ingest.sources import shown_source
        from kg.rdf import KG, PROV

        _, info = self._aliases()
        keys = {
            KG + "evidence": "sentence",
            KG + "start": "start",
            KG + "end": "end",
            KG + "confidence": "confidence",
            PROV + "wasDerivedFrom": "document",
        }
        found: dict[tuple, dict[str, dict]] = defaultdict(dict)  # fact → statement → {key: value}
        of = self._statements(facts)
        if of:
            query = _STATEMENT_VALUES.format(
                statements=" ".join(map(str, sorted(of, key=str))),
                keys=", ".join(str(ox.NamedNode(k)) for k in keys),
            )
            for r in self.store.query(query):
                key = keys.get(r["q"].value)
                if key:
                    found[of[r["st"]]].setdefault(r["st"].value, {})[key] = to_python(r["v"])
        statements = [list(found.get(f, {}).values()) for f in facts]
        docs = {st["document"] for sts in statements for st in sts if st.get("document")}
        about = self._about_documents(docs)
        out = []
        for (s, p, o), sts in zip(facts, statements, strict=True):
            evs = []
            for st in sts:
                d = about.get(st.get("document") or "", {})
                ev = {
                    "sentence": st.get("sentence"),
                    "document": st.get("document"),
                    "title": d.get("title"),
                    "headline": d.get("headline"),
                    "source": shown_source(d.get("source")),
                    "start": st.get("start"),
                    "end": st.get("end"),
                    "confidence": st.get("confidence"),
                }
                if ev not in evs:
                    evs.append(ev)
            evs.sort(key=lambda e: (e["title"] or "", e["start"] or 0))
            out.append(
                {
                    "subject": s,
                    "subject_label": info.get(s, {}).get("label", _local(s)),
                    "subject_type": info.get(s, {}).get("type", "Other"),
                    "predicate": p,
                    "predicate_iri": KG + p,
                    "object": o,
                    "object_label": info.get(o, {}).get("label", _local(o)),
                    "object_type": info.get(o, {}).get("type", "Other"),
                    "direction": _direction(p, s, iri),
                    "evidence_count": len(evs),
                    "evidence": evs[:evidence],
                }
            )
        return out

    def fact_groups(self, name: str, limit: int = 20, evidence: int = 10) -> list[dict] | None:
        """The facts about an entity grouped by predicate and direction, counts first.

        One dict per group: ``{"predicate", "direction", "count", "types": {type: n}
        (of the other ends), "page": 1, "limit", "facts": [the first ``limit``, each as in
        :meth:`facts_page`]}``. None for an unknown name. Only the shown facts' evidence
        is read, so a park with thousands of firms answers as fast as a small one.
        """
        iris = self._resolve(name)
        if not iris:
            return None
        iri = iris[0]
        _, info = self._aliases()
        out = []
        for (p, direction), facts in self._grouped(iri).items():
            types: dict[str, int] = defaultdict(int)
            for s, _, o in facts:
                types[info.get(o if s == iri else s, {}).get("type", "Other")] += 1
            out.append(
                {
                    "predicate": p,
                    "direction": direction,
                    "count": len(facts),
                    "types": dict(types),
                    "page": 1,
                    "limit": limit,
                    "facts": self._facts(iri, facts[:limit], evidence),
                }
            )
        return out

    def facts_page(
        self,
        name: str,
        predicate: str,
        direction: str,
        page: int = 1,
        limit: int = 20,
        evidence: int = 10,
    ) -> dict | None:
        """One page of one group of :meth:`fact_groups`: ``{"predicate", "direction",
        "count", "page", "limit", "facts"}``; each fact ``{"subject", "subject_label",
        "subject_type", "predicate", "predicate_iri", "object", "object_label",
        "object_type", "direction", "evidence_count", "evidence": [the first
        ``evidence`` statements: {"sentence", "document", "title" (file name),
        "headline" (the article's first line), "source", "start", "end",
        "confidence"}]}``. None for an unknown name; a page past the end is empty."""
        iris = self._resolve(name)
        if not iris:
            return None
        iri = iris[0]
        facts = self._grouped(iri).get((predicate, direction), [])
        start = (page - 1) * limit
        return {
            "predicate": predicate,
            "direction": direction,
            "count": len(facts),
            "page": page,
            "limit": limit,
            "facts": self._facts(iri, facts[start : start + limit], evidence),
        }

    def documents_page(self, name: str, page: int = 1, limit: int = 10) -> dict | None:
        """The documents that mention an entity, one page at a time, by file name:
        ``{"count", "page", "limit", "documents": [{"document", "title" (file name),
        "headline" (first line)}]}``; None for an unknown name."""
        iris = self._resolve(name)
        if not iris:
            return None
        subs = {ox.Variable("e"): ox.NamedNode(iris[0])}
        docs = sorted(r["document"].value for r in self.store.query(_DOC_IRIS, substitutions=subs))
        start = (page - 1) * limit
        about = self._about_documents(docs[start : start + limit])  # one query, not one each
        shown = [
            {"document": d, "title": about[d].get("title"), "headline": about[d].get("headline")}
            for d in docs[start : start + limit]
        ]
        return {"count": len(docs), "page": page, "limit": limit, "documents": shown}

    def summary(self, name: str, limit: int = 20, documents: int = 10) -> dict | None:
        """What the explorer's entity page shows first: the entity (its first page of
        documents, ``document_count``), its fact groups with counts and first pages,
        and ``facts`` (the facts shown, all groups). None for an unknown name."""
        iris = self._resolve(name)
        if not iris:
            return None
        _, info = self._aliases()
        ent = dict(info[iris[0]])
        ent["aliases"] = list(ent["aliases"])
        docs = self.documents_page(iris[0], 1, documents)
        ent["documents"] = docs["documents"]
        ent["document_count"] = docs["count"]
        groups = self.fact_groups(iris[0], limit)
        return {
            "entity": ent,
            "groups": groups,
            "fact_count": sum(g["count"] for g in groups),
            "facts": [f for g in groups for f in g["facts"]],
        }

    def neighbourhood(self, name: str, limit: int = 80) -> dict:
        """The entity, up to ``limit`` neighbours by a fact and the facts among them
        (for a graph view).

        ``{"center": iri, "nodes": [{"id", "label", "type"}], "edges": [{"from", "to",
        "predicate"}], "total": neighbours in all, "shown": neighbours drawn}``; empty
        lists for an unknown name. When there are more than ``limit``, every kind of
        fact (predicate and direction) gets its turn, so a park's industries and
        parent park are drawn beside the first of its thousands of firms.
        """
        iris = self._resolve(name)
        if not iris:
            return {"center": None, "nodes": [], "edges": [], "total": 0, "shown": 0}
        iri = iris[0]
        _, info = self._aliases()
        groups = [list(g) for g in self._grouped(iri).values()]
        everyone = {s if o == iri else o for g in groups for s, _, o in g} - {iri}
        nodes, edges = {iri}, []
        while groups and len(nodes) <= limit:  # round robin over the groups
            for g in list(groups):
                if not g:
                    groups.remove(g)
                    continue
                s, p, o = g.pop(0)
                other = o if s == iri else s
                if other not in nodes and len(nodes) > limit:
                    continue
                nodes.add(other)
                edges.append({"from": s, "to": o, "predicate": p})
        # the facts among the drawn nodes: the center's are known, the neighbours'
        # come from one query
        among = [f for f in self._plain_facts(iri) if f[0] in nodes and f[2] in nodes]
        among += self._facts_among(nodes - {iri})
        for s, p, o in sorted(among):
            edges.append({"from": s, "to": o, "predicate": p})
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
            "total": len(everyone),
            "shown": len(nodes) - 1,
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


def name_index(store) -> tuple[dict[str, set[str]], dict[str, dict]]:
    """``(normalised name → {iri}, iri → {"iri", "label", "type", "aliases"})`` of every
    entity of :data:`TYPES` in an open :class:`kg.store.KgStore`.

    Read from the quads themselves (``rdf:type``, ``rdfs:label``, ``skos:altLabel`` in
    any graph), with no SPARQL join: 6,600 entities of a 2,000-document store in
    ~0.25 s, against 0.6-1.0 s for one SELECT. An entity with two of the types is the
    first of :data:`TYPES`; one without a label is named by its first alias (an entity
    with no name at all is left out).
    """
    types: dict[str, str] = {}
    for t in reversed(TYPES):  # the first type of TYPES wins
        for q in store.quads(None, _RDF_TYPE, ox.NamedNode(KG + t)):
            types[to_python(q.subject)] = t
    labels: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for q in store.quads(None, _LABEL):
        e = to_python(q.subject)
        if e in types and e not in labels:
            labels[e] = to_python(q.object)
    for q in store.quads(None, _ALT_LABEL):
        e = to_python(q.subject)
        if e in types:
            aliases[e].add(to_python(q.object))
    by_norm: dict[str, set[str]] = defaultdict(set)
    info: dict[str, dict] = {}
    for iri, t in types.items():
        label, names = labels.get(iri), sorted(aliases.get(iri, ()))
        if label is None:
            if not names:
                continue
            label = names[0]
        by_norm[normalise(label)].add(iri)
        for a in names:
            by_norm[normalise(a)].add(iri)
        info[iri] = {
            "iri": iri,
            "label": label,
            "type": t,
            "aliases": [a for a in names if a != label],
        }
    return dict(by_norm), info


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
