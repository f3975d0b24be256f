"""A graph in any SPARQL 1.1 server: Graph Store Protocol, SPARQL Query and Update.

``--store http://HOST:PORT/PATH`` names a remote store. Its endpoints are, by
default (Oxigraph server; Jena Fuseki under its dataset URL)::

    PATH/query    SPARQL 1.1 Query (read)
    PATH/update   SPARQL 1.1 Update
    PATH/store    SPARQL 1.1 Graph Store Protocol (one named graph per document)

and any of them can be given in the URL's query string, relative to the
server or absolute, for the servers that lay them out otherwise::

    Fuseki    http://localhost:3030/ds?gsp=/ds/data
    Virtuoso  http://localhost:8890/?query=/sparql&update=/sparql-auth
              &gsp=/sparql-graph-crud-auth
    GraphDB   http://localhost:7200/repositories/kg?query=/repositories/kg
              &update=/repositories/kg/statements&gsp=/repositories/kg/rdf-graphs/service
    QLever    http://localhost:7001/?query=/&update=/&gsp=none

(one URL each, without the line breaks). ``gsp=none`` writes graphs with
SPARQL Update (``DROP``/``INSERT DATA``)
instead. ``union=0`` stops kg from asking for the union of all graphs as the
default graph (``union-default-graph``, an Oxigraph parameter): configure the
server to do so instead (Virtuoso and GraphDB do by default; Fuseki:
``tdb2:unionDefaultGraph true``). ``user=…&password=…`` (or ``KG_STORE_USER`` /
``KG_STORE_PASSWORD``) authenticate.

The graph is laid out as in docs/graph-model.md: ``graph:entities``, one
``graph:doc/<name>`` per document; the contract-1 records (so ``kg add``
re-resolves without extracting old documents) are literals in
``graph:records``. A build replaces each document graph in one request (PUT),
so a reader may see a mix of old and new graphs while it runs: a remote store
has no atomic swap. ``kg add`` re-resolves all records and writes only the
graphs whose content changed. Then the server counts the stats graph
(``graph:stats``, :mod:`kg.statsgraph`) from what it holds, and it is written
whole (a build and an add alike: the add re-resolved everything already).
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf import GRAPH, KG, PREFIXES, doc_iri, graph_quads
from kg.resolve import resolve
from kg.statsgraph import STATS_GRAPH, full_counts

RECORDS_GRAPH = GRAPH + "records"
RECORD = KG + "record"
DOC_GRAPHS = GRAPH + "doc/"
_TIMEOUT = 120.0
# the records graph and the stats graph are kg's bookkeeping, not part of the graph
# (as records/ on disk, and the stats graph of kg.statsgraph)
_NOT_RECORDS = f"FILTER(?g NOT IN (<{RECORDS_GRAPH}>, <{STATS_GRAPH.value}>))"


class Endpoints:
    """The query, update and graph-store URLs of a ``--store`` URL (see the module doc)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        opts = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
        root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))

        def where(key: str, default: str) -> str | None:
            v = opts.get(key)
            if v is None:
                return base + default
            if v.lower() == "none":
                return None
            return urljoin(root, v)

        self.url = url
        self.query = where("query", "/query")
        self.update = where("update", "/update")
        self.gsp = where("gsp", "/store")
        self.union = opts.get("union", "1") not in ("0", "false", "no")
        user = opts.get("user") or os.environ.get("KG_STORE_USER")
        password = opts.get("password") or os.environ.get("KG_STORE_PASSWORD", "")
        self.auth = (user, password) if user else None


class Remote:
    """An HTTP client for one remote store (keep-alive; one clear error per failure)."""

    def __init__(self, url: str) -> None:
        import httpx

        self.ep = Endpoints(url)
        self.url = url
        self.http = httpx.Client(timeout=_TIMEOUT, auth=self.ep.auth, follow_redirects=True)

    def _send(self, method: str, url: str, **kw):
        import httpx

        try:
            r = self.http.request(method, url, **kw)
        except httpx.HTTPError as e:
            raise StoreError(f"cannot reach the SPARQL store {self.url}: {e}") from None
        if r.status_code >= 400:
            body = " ".join(r.text.split())[:300]
            if r.status_code == 400 and method != "PUT":
                raise SyntaxError(body or "bad request")
            raise StoreError(f"{self.url}: {method} {url} answered {r.status_code}: {body}")
        return r

    # ---------------------------------------------------------- reading

    def select(self, sparql: str, **kw):
        return self.run(sparql, **kw)

    def run(
        self,
        sparql: str,
        *,
        use_default_graph_as_union: bool = False,
        default_graph=None,
        named_graphs=None,
    ):
        params: list[tuple[str, str]] = []
        if use_default_graph_as_union and self.ep.union and not default_graph:
            params.append(("union-default-graph", ""))
        for g in default_graph or []:
            params.append(("default-graph-uri", _iri(g)))
        for g in named_graphs or []:
            params.append(("named-graph-uri", _iri(g)))
        r = self._send(
            "POST",
            self.ep.query + ("?" + urlencode(params) if params else ""),
            content=sparql.encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query; charset=utf-8",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            },
        )
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        if ctype in ("application/sparql-results+json", "application/json"):
            return ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)
        if ctype == "application/sparql-results+xml":
            return ox.parse_query_results(r.content, format=ox.QueryResultsFormat.XML)
        fmt = ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES
        return [
            ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(r.content, format=fmt)
        ]

    # ---------------------------------------------------------- writing

    def update(self, sparql: str) -> None:
        self._send(
            "POST",
            self.ep.update,
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def put_graph(self, graph: str, triples) -> None:
        """Replace one named graph (GSP PUT, or DROP + INSERT DATA without a GSP)."""
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
        if self.ep.gsp is None:
            text = body.decode("utf-8")
            self.update(
                f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{text}}} }}"
            )
            return
        self._send(
            "PUT",
            self.ep.gsp + "?" + urlencode({"graph": graph}),
            content=body,
            headers={"Content-Type": "application/n-triples"},
        )

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def close(self) -> None:
        self.http.close()


def _iri(g) -> str:
    return g.value if isinstance(g, ox.NamedNode) else str(g)


def _with_prefixes(sparql: str, prefixes: dict | None) -> str:
    if not prefixes:
        return sparql
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
    return head + sparql


_FIRST_BRACE = re.compile(r"\{")


def _bind(sparql: str, substitutions: dict) -> str:
    """Initial bindings as a ``VALUES`` block at the start of the outer group."""
    if not substitutions:
        return sparql
    names = " ".join(f"?{getattr(v, 'value', v)}" for v in substitutions)
    terms = " ".join(_term(t) for t in substitutions.values())
    values = f" VALUES ({names}) {{ ({terms}) }} "
    # the first '{' outside comments, strings and IRIs: the query's WHERE group
    i, n, quote = 0, len(sparql), None
    while i < n:
        c = sparql[i]
        if quote:
            if c == "\\":
                i += 1
            elif sparql.startswith(quote, i):
                i += len(quote) - 1
                quote = None
        elif c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", sparql[i:]):
            i += re.match(r"<[^\s<>\"{}|^`\\]*>", sparql[i:]).end() - 1
        elif c in "\"'":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            i += len(quote) - 1
        elif c == "{":
            return sparql[: i + 1] + values + sparql[i + 1 :]
        i += 1
    raise SyntaxError("no WHERE group to bind parameters in")


def _term(t) -> str:
    if isinstance(t, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return str(t)
    return str(ox.Literal(str(t)))


class RemoteStore:
    """A remote store opened for reading: the same face as :class:`kg.store.KgStore`."""

    def __init__(self, url: str) -> None:
        self.path = url
        self.generation = None
        self.remote = Remote(url)
        try:
            self.remote.run("ASK { ?s ?p ?o }")
        except SyntaxError as e:
            raise StoreError(f"{url} is not a SPARQL endpoint: {e}") from None
        self.meta = {"documents": self.documents}

    def query(self, sparql: str, **kwargs):
        kwargs.setdefault("use_default_graph_as_union", True)
        prefixes = kwargs.pop("prefixes", PREFIXES)
        subs = kwargs.pop("substitutions", None) or {}
        text = _bind(_with_prefixes(sparql, prefixes), subs)
        return self.remote.run(text, **kwargs)

    def quads(self, subject=None, predicate=None, object=None, graph=None):
        """Quads matching a pattern, in the named graphs (without a graph: not kg's
        records and stats graphs)."""
        pattern = {"s": subject, "p": predicate, "o": object, "g": graph}
        subs = {ox.Variable(k): v for k, v in pattern.items() if v is not None}
        only = _NOT_RECORDS if graph is None else ""
        text = _bind(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {only} }}", subs)
        for row in self.remote.run(text):
            yield ox.Quad(
                subject or row["s"], predicate or row["p"], object or row["o"], graph or row["g"]
            )

    def __iter__(self):
        return iter(self.quads())

    def __len__(self) -> int:
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_RECORDS} }}"
        rows = list(self.remote.run(q))
        return int(rows[0]["n"].value) if rows else 0

    def is_stale(self) -> bool:
        return False

    @property
    def documents(self) -> list[str]:
        return sorted(read_records(self.remote, names_only=True))

    def records(self) -> dict[str, dict]:
        return read_records(self.remote)

    def close(self) -> None:
        self.remote.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_remote(url: str) -> RemoteStore:
    return RemoteStore(url)


def read_records(remote: Remote, names_only: bool = False) -> dict[str, dict]:
    rows = remote.run(f"SELECT ?r WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ ?d <{RECORD}> ?r }} }}")
    out = {}
    for row in rows:
        rec = json.loads(row["r"].value)
        out[rec["doc"]] = {} if names_only else rec
    return out


def _doc_graphs(remote: Remote) -> set[str]:
    rows = remote.run(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{DOC_GRAPHS}")) }}'
    )
    return {row["g"].value for row in rows}


def _graphs(records: dict[str, dict], res) -> tuple[dict[str, list], list[str]]:
    """The triples of ``records`` resolved as ``res``, by named graph (records graph
    included), and the relations not written."""
    dropped: list[str] = []
    by_graph: dict[str, list] = defaultdict(list)
    for q in graph_quads(records.values(), res, dropped):
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        by_graph[g].append(ox.Triple(q.subject, q.predicate, q.object))
    rec_node = ox.NamedNode(RECORD)
    for doc, rec in sorted(records.items()):
        by_graph[RECORDS_GRAPH].append(
            ox.Triple(doc_iri(doc), rec_node, ox.Literal(json.dumps(rec, ensure_ascii=False)))
        )
    return dict(by_graph), dropped


def _key(triples) -> frozenset:
    return frozenset(str(t) for t in triples)


class RemoteWriter:
    """Writes a graph into a remote store (:class:`kg.store.Writer`): each named
    graph whose content changed in one request (GSP PUT), no atomic swap. A
    build replaces every kg graph (and drops the document graphs it does not
    write); an add (``add=True``) needs a kg graph there, re-resolves all
    records and writes only the graphs that changed."""

    def __init__(self, url: str, add: bool = False) -> None:
        self.name = url
        self.unchanged = "the store is unchanged"
        self.adding = add
        self.remote = Remote(url)
        self.stored: dict[str, dict] = {}

    def __enter__(self) -> RemoteWriter:
        try:
            if self.adding:
                self.stored = read_records(self.remote)
                if not self.stored:
                    raise StoreError(
                        f"{self.name} holds no kg graph "
                        f"(build one with: kg build SOURCES --store {self.name})"
                    )
        except BaseException:
            self.remote.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.remote.close()

    def records(self) -> dict[str, dict]:
        return self.stored

    def _union(self, sparql: str):
        """SELECT over the union of the server's graphs (the stats graph is counted there)."""
        return self.remote.run(sparql, use_default_graph_as_union=True)

    def add(self, new: dict[str, dict], report, bar=None) -> bool:
        return False  # no resolution index here: every record is resolved again

    def write(self, records: dict[str, dict], res, report, bar=None) -> None:
        if self.adding:
            old_graphs = {
                g: _key(ts)
                for g, ts in _graphs(self.stored, resolve(self.stored.values()))[0].items()
            }
            old_docs: set[str] = set()
        else:
            old_graphs, old_docs = {}, _doc_graphs(self.remote)
        new_graphs, dropped = _graphs(records, res)
        changed = [g for g, ts in new_graphs.items() if _key(ts) != old_graphs.get(g)]
        gone = sorted(g for g in old_docs if g not in new_graphs)
        if bar is not None:
            bar.total, bar.done = len(changed) + len(gone), 0
            bar.phase("writing graphs")
        for g in sorted(changed):
            if g:
                self.remote.put_graph(g, new_graphs[g])
            if bar is not None:
                bar.advance(1)
        for g in gone:
            self.remote.drop_graph(g)
            if bar is not None:
                bar.advance(1)
        if bar is not None:
            bar.phase("counting")
        self.remote.put_graph(STATS_GRAPH.value, [q.triple for q in full_counts(self._union)])
        report.documents = len(records)
        report.entities = len(res.entities)
        report.dropped = dropped
        report.quads = sum(len(ts) for g, ts in new_graphs.items() if g != RECORDS_GRAPH)
