"""``kg serve``: the query side of the SPARQL 1.1 Protocol, and an offline explorer page.

Routes:

* ``/sparql`` — SPARQL 1.1 Protocol query operation: GET (``?query=``), POST with
  ``application/x-www-form-urlencoded`` or ``application/sparql-query``;
  ``default-graph-uri`` / ``named-graph-uri``; results by ``Accept`` as SPARQL
  JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, RDF/XML or JSON-LD.
  Read-only: updates (and ``LOAD``), and ``SERVICE`` are refused with 403, and
  the query workers have no network at all. A malformed query gets 400 with the
  parser's message (line, column, the line and a caret); a query nested or sized
  to crash the engine gets 400 before it reaches it; a query over the time limit
  is stopped (503); answers are capped at ``limit`` rows/triples (when the cap
  cuts one, ``X-SPARQL-MaxRows`` and a ``Warning`` header say so). Relative IRIs
  in a query resolve against the endpoint's URL (or the query's ``BASE``).
  ``GET /sparql`` without a query is the SPARQL 1.1 Service Description
  (:func:`service_description`), in Turtle or another RDF format by ``Accept``.
* The newest build: every request reads the store's ``CURRENT`` and is answered
  from the complete generation it names (see :class:`kg.query.QueryPool` and
  :class:`LiveGraph`), so a ``kg build`` or ``kg add`` needs no restart; a query
  in flight finishes on the generation it started on.
* ``cors``: the origins whose pages may query; they can read kg's headers
  (:data:`KG_HEADERS`, in ``Access-Control-Expose-Headers``).
* Capacity: ``workers`` processes run any query and one more runs only the
  canned queries (the explorer's), so slow queries cannot starve the explorer.
* Every response carries ``X-Content-Type-Options: nosniff``.
* ``/`` — the explorer page; ``/static/…`` its assets (all local);
  ``/api/search``, ``/api/entity``, ``/api/facts``, ``/api/documents``,
  ``/api/neighbourhood``, ``/api/palette``, ``/api/queries``, ``/api/query`` — the
  JSON it uses (over :mod:`kg.api`); ``/api/query`` answers a CONSTRUCT/DESCRIBE
  with its triples as a subject/predicate/object table and Turtle.
* Paging: ``/api/entity`` gives each group of facts (predicate, direction) its
  count and first ``limit`` facts; ``/api/facts?predicate=&direction=&page=&limit=``
  the next pages, ``/api/documents?page=&limit=`` the documents; ``/api/search``
  says how many matched in ``X-Total-Count``, ``/api/neighbourhood`` in ``total``.
  ``page`` and ``limit`` outside their range (1…, at most 1000) get a one-line 400.

Python::

    from kg.server import create_app, serve
    serve("kg-store", host="127.0.0.1", port=8000, timeout=30, limit=10000)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.api import Graph
from kg.errors import KgError
from kg.query import (
    GRAPH_PREFIXES,
    MEDIA_TYPES,
    QueryError,
    QueryPool,
    QueryRefused,
    QueryTimeout,
    Result,
    bindings,
    canned_queries,
    check_read_only,
    negotiate,
)
from kg.viz_palette import PALETTE_FILE

STATIC = Path(__file__).parent / "static"
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


MAX_PAGE = 1_000_000  # ``page`` parameters of the explorer's JSON routes
MAX_LIMIT = 1000  # and their ``limit`` (page size)
# kg's own response headers, readable by a browser page allowed by --cors
KG_HEADERS = ("X-SPARQL-MaxRows", "X-SPARQL-Query-Seconds", "Warning")

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
SD_PREFIXES = {
    "sd": SD,
    "formats": FORMATS,
    "rdf": GRAPH_PREFIXES["rdf"],
    "rdfs": GRAPH_PREFIXES["rdfs"],
}
# the formats /sparql answers in (W3C "Unique URIs for File Formats")
SD_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)


def service_description(
    endpoint: str, named_graphs=(), *, limit: int | None = None, timeout: float | None = None
) -> list[ox.Triple]:
    """A SPARQL 1.1 Service Description of the endpoint at ``endpoint``: the query
    language, the result formats, the default dataset (its default graph is the
    union of the named graphs, one per document) and, in a comment, the limits."""
    rdf_type = ox.NamedNode(GRAPH_PREFIXES["rdf"] + "type")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    service, dataset, default = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    out = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(
            service,
            sd("defaultEntailmentRegime"),
            ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
    ]
    out += [
        ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in SD_RESULT_FORMATS
    ]
    limits = ["read-only: SPARQL Update, LOAD and SERVICE are refused"]
    if limit:
        limits.append(
            f"answers are cut at {limit} rows/triples (then the response has "
            f"X-SPARQL-MaxRows: {limit} and a Warning header; page with LIMIT/OFFSET)"
        )
    if timeout:
        limits.append(f"queries are stopped after {timeout:g} s (503)")
    comment = ox.NamedNode(GRAPH_PREFIXES["rdfs"] + "comment")
    out.append(ox.Triple(service, comment, ox.Literal("kg knowledge graph; " + "; ".join(limits))))
    out += [
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, rdf_type, sd("Graph")),
    ]
    for g in named_graphs:
        node = ox.BlankNode()
        out += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, rdf_type, sd("NamedGraph")),
            ox.Triple(node, sd("name"), g),
        ]
    return out


class LiveGraph:
    """The explorer's :class:`kg.api.Graph` on the store's newest generation.

    :meth:`get` (once per request) reads the store's ``CURRENT`` and, when a build
    or ``kg add`` has swapped in a new generation, opens it; requests already
    running keep the Graph they started with (it is dropped when they end, never
    closed under them). If the new generation cannot be opened, the complete one
    already open goes on answering. A newly opened Graph builds its name index in
    the background (:meth:`kg.api.Graph.warm`), so a search or an entity page
    seldom waits for it."""

    def __init__(self, store: str) -> None:
        self.path = store
        self.graph = Graph(store)
        self._lock = threading.Lock()
        self.warming: threading.Thread | None = None

    def get(self) -> Graph:
        g = self.graph
        if not g.store.is_stale():
            return g
        with self._lock:
            if self.graph is g:
                with contextlib.suppress(KgError):
                    self.graph = Graph(self.path)
                    self.warming = self.graph.warm()
            return self.graph

    def warm(self) -> threading.Thread:
        """Build the current Graph's name index in the background (the thread)."""
        self.warming = self.graph.warm()
        return self.warming

    def close(self) -> None:
        self.graph.close()


class Answers:
    """The explorer's answers (entity pages, fact and document pages, neighbourhoods,
    canned queries by name) of the current generation, newest last, up to ``most``
    bytes: a generation never changes, and analysts open the same hubs again and
    again (the largest park's page of a 10,000-document store costs ~0.4 s CPU to
    make, ~1 ms to send again). A new generation (a build, an add) starts afresh."""

    def __init__(self, most: int = 64 << 20) -> None:
        self.most = most
        self._graph: object | None = None
        self._kept: OrderedDict[tuple, tuple] = OrderedDict()  # key → (body, bytes)
        self._size = 0
        self._lock = threading.Lock()

    def get(self, graph, key: tuple):
        with self._lock:
            if graph is not self._graph:
                return None
            kept = self._kept.get(key)
            if kept is None:
                return None
            self._kept.move_to_end(key)
            return kept[0]

    def put(self, graph, key: tuple, body) -> None:
        """Keep ``body`` (bytes, or (bytes, headers)) for ``graph``'s generation."""
        size = len(body if isinstance(body, bytes) else body[0])
        with self._lock:
            if graph is not self._graph:  # another generation: forget the old one's
                self._graph, self._kept, self._size = graph, OrderedDict(), 0
            if key in self._kept or size > self.most:
                return
            self._kept[key] = (body, size)
            self._size += size
            while self._size > self.most:
                _, (_, dropped) = self._kept.popitem(last=False)
                self._size -= dropped


def vis_network_js() -> Path:
    """vis-network's standalone build, as shipped inside the pyvis package."""
    import pyvis

    base = Path(pyvis.__file__).parent
    for rel in ("lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.min.js"):
        if (base / rel).is_file():
            return base / rel
    found = sorted(base.rglob("vis-network.min.js"))
    if not found:
        raise KgError("pyvis does not ship vis-network.min.js; reinstall pyvis")
    return found[-1]


class _Error(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class NoSniff:
    """ASGI middleware: ``X-Content-Type-Options: nosniff`` on every response (also
    404s, errors and static files), so no browser reads an answer as another type."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"x-content-type-options"
                ]
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


def _text(status: int, message: str, headers: dict | None = None) -> Response:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status, headers=headers)


async def _body(request: Request, max_body: int) -> bytes:
    size = request.headers.get("content-length")
    if size is not None:
        try:
            if int(size) > max_body:
                raise _Error(413, f"request body over the limit of {max_body} bytes")
        except ValueError:
            raise _Error(400, "bad Content-Length") from None
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > max_body:
            raise _Error(413, f"request body over the limit of {max_body} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(header: str | None) -> tuple[str, dict]:
    if not header:
        return "", {}
    parts = [p.strip() for p in header.split(";")]
    params = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        params[k.strip().lower()] = v.strip().strip('"')
    return parts[0].lower(), params


def _one(values: list[str], what: str = "query") -> str:
    if not values:
        raise _Error(400, f"missing the {what} parameter")
    if len(values) > 1:
        raise _Error(400, f"more than one {what} string in the request")
    return values[0]


_DATASET_PARAM = re.compile(r"&(default-graph-uri|named-graph-uri)=")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S")


def _dataset(dg: list[str], ng: list[str]) -> tuple[list[str], list[str]]:
    """The protocol's ``default-graph-uri`` and ``named-graph-uri`` values. A value
    that holds more of them, its ``&`` sent percent-encoded with the rest (the W3C
    protocol test query_multiple_dataset sends ``…data1.rdf%26named-graph-uri%3D…
    data2.rdf`` for two named graphs), is read as the parameters it holds, when
    every part is an absolute IRI (kg names no graph with ``&named-graph-uri=``)."""
    out: dict[str, list[str]] = {"default-graph-uri": [], "named-graph-uri": []}
    for name, values in (("default-graph-uri", dg), ("named-graph-uri", ng)):
        for value in values:
            parts = _DATASET_PARAM.split(value)  # value, name, value, name, value…
            if len(parts) > 1 and all(_ABSOLUTE_IRI.match(v) for v in parts[::2]):
                out[name].append(parts[0])
                for i in range(1, len(parts), 2):
                    out[parts[i]].append(parts[i + 1])
            else:
                out[name].append(value)
    return out["default-graph-uri"], out["named-graph-uri"]


async def protocol_request(request: Request, max_body: int) -> tuple[str, list[str], list[str]]:
    """The query and the dataset of a SPARQL 1.1 Protocol request (or an _Error)."""
    url = request.query_params
    if request.method in ("GET", "HEAD"):
        if "update" in url:
            raise _Error(403, READ_ONLY)
        query = _one(url.getlist("query"))
        return query, url.getlist("default-graph-uri"), url.getlist("named-graph-uri")
    mt, params = _media_type(request.headers.get("content-type"))
    charset = params.get("charset", "utf-8").lower()
    if mt == "application/sparql-update" or "update" in url:
        raise _Error(403, READ_ONLY)
    if mt == "application/x-www-form-urlencoded":
        raw = await _body(request, max_body)
        try:
            form = parse_qsl(
                raw.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict"
            )
        except (UnicodeDecodeError, ValueError) as e:
            raise _Error(400, f"the form is not URL-encoded UTF-8: {e}") from None
        if any(k == "update" for k, _ in form) or "update" in url:
            raise _Error(403, READ_ONLY)
        queries = [v for k, v in form if k == "query"] + url.getlist("query")
        query = _one(queries)
        dg = [v for k, v in form if k == "default-graph-uri"] + url.getlist("default-graph-uri")
        ng = [v for k, v in form if k == "named-graph-uri"] + url.getlist("named-graph-uri")
        return query, dg, ng
    if mt == "application/sparql-query":
        if charset not in ("utf-8", "utf8"):
            raise _Error(415, f"a query must be sent in UTF-8, not {charset}")
        if "query" in url:
            raise _Error(400, "more than one query string in the request (body and URL)")
        raw = await _body(request, max_body)
        try:
            query = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise _Error(400, f"the query is not UTF-8: {e}") from None
        return query, url.getlist("default-graph-uri"), url.getlist("named-graph-uri")
    if not mt:
        raise _Error(
            415,
            "a POSTed query needs a Content-Type: application/x-www-form-urlencoded "
            "or application/sparql-query",
        )
    raise _Error(
        415,
        f"unsupported media type {mt}: use application/x-www-form-urlencoded "
        "or application/sparql-query",
    )


def create_app(
    store: str,
    *,
    timeout: float = 30.0,
    limit: int = 10000,
    workers: int = 2,
    max_body: int = 1 << 20,
    cors: list[str] | None = None,
) -> Starlette:
    """The ASGI app serving the graph in ``store`` (read-only).

    Queries run in ``workers`` worker processes, plus one reserved for the canned
    queries (see :class:`kg.query.QueryPool`): slow queries cannot starve the
    explorer. A request waiting for a worker holds no thread (the entity, search
    and neighbourhood routes keep theirs), and gives up with 503 after ``timeout``.
    """
    live = LiveGraph(store)
    answers = Answers()
    pool = QueryPool(store, workers=workers, reserved=1, timeout=timeout, limit=limit)
    vis_js = vis_network_js()
    canned_texts = {c.text.strip() for c in canned_queries().values()}
    # requests allowed into the thread pool at once, per lane (the rest wait here)
    gates: dict[str, asyncio.Semaphore] = {}

    def gate(lane: str) -> asyncio.Semaphore:
        if lane not in gates:
            n = pool.sizes["open"] + (pool.sizes["canned"] if lane == "canned" else 0)
            gates[lane] = asyncio.Semaphore(n)
        return gates[lane]

    async def run(
        query: str, params=None, dg=None, ng=None, accept=None, fmt=None, *, base=None, lane=None
    ) -> Response:
        lane = lane or ("canned" if query.strip() in canned_texts else "open")
        try:
            # refused queries (updates, SERVICE, too deep) do not wait for a worker
            await run_in_threadpool(check_read_only, query)
            try:
                await asyncio.wait_for(gate(lane).acquire(), timeout)
            except asyncio.TimeoutError:
                raise QueryTimeout(
                    f"the server is busy: no worker became free in {timeout:g} s"
                ) from None
            try:
                ans = await run_in_threadpool(
                    pool.run,
                    query,
                    params,
                    default_graph=dg or None,
                    named_graphs=ng or None,
                    accept=accept,
                    fmt=fmt,
                    base=base,
                    lane=lane,
                )
            finally:
                gate(lane).release()
        except QueryError as e:
            return _text(getattr(e, "status", 400), str(e))
        headers = {"X-SPARQL-Query-Seconds": f"{ans.seconds:.4f}"}
        if ans.truncated:
            headers["X-SPARQL-MaxRows"] = str(limit)
            headers["Warning"] = (
                f'199 kg "the answer was cut at {limit} rows, the limit of this server; '
                'page with LIMIT and OFFSET"'
            )
        return Response(ans.body, media_type=ans.media_type, headers=headers)

    described: dict[tuple, bytes] = {}  # (generation, endpoint, format) → description

    def describe(endpoint: str, fmt: str) -> bytes:
        store = live.get().store
        key = (getattr(store, "generation", None), endpoint, fmt)
        if key not in described:
            inner = getattr(store, "store", None)
            graphs = sorted(inner.named_graphs(), key=str) if isinstance(inner, ox.Store) else []
            triples = service_description(endpoint, graphs, limit=limit, timeout=timeout)
            described.clear()  # only the newest generation's
            described[key] = Result("graph", triples=triples).serialize(fmt, SD_PREFIXES)
        return described[key]

    async def sparql(request: Request) -> Response:
        url = request.query_params
        if request.method in ("GET", "HEAD") and "query" not in url and "update" not in url:
            # no query: the SPARQL 1.1 Service Description, in the RDF format asked for
            fmt = negotiate(request.headers.get("accept"), "graph")
            if fmt is None:
                return _text(
                    406, "the service description is Turtle, N-Triples, RDF/XML or JSON-LD"
                )
            endpoint = str(request.url.replace(query="", fragment=""))
            body = await run_in_threadpool(describe, endpoint, fmt)
            return Response(body, media_type=MEDIA_TYPES["graph", fmt], headers={"Vary": "Accept"})
        try:
            query, dg, ng = await protocol_request(request, max_body)
        except _Error as e:
            return _text(e.status, e.message, e.headers)
        dg, ng = _dataset(dg, ng)
        # relative IRIs in the query resolve against this endpoint's URL (SPARQL 1.1
        # Protocol; Oxigraph does the same), unless the query has its own BASE
        base = str(request.url.replace(query="", fragment=""))
        return await run(query, dg=dg, ng=ng, accept=request.headers.get("accept"), base=base)

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": CSP})

    async def vis(request: Request) -> Response:
        return FileResponse(vis_js, media_type="text/javascript")

    def _name(request: Request) -> str:
        name = request.query_params.get("name") or request.query_params.get("iri") or ""
        if not name.strip():
            raise _Error(400, "missing the name parameter")
        return name.strip()

    def _whole(request: Request, key: str, default: int, most: int) -> int:
        """A whole-number parameter from 1 to ``most`` (400 otherwise)."""
        raw = request.query_params.get(key, str(default))
        try:
            n = int(raw)
        except ValueError:
            n = 0
        if not 1 <= n <= most:
            raise _Error(400, f"{key} must be a whole number from 1 to {most}, not {raw!r}")
        return n

    def _paged(fn, *args) -> Response:
        data = fn(*args)
        if data is None:
            return JSONResponse({"error": f"no entity named {args[0]}"}, status_code=404)
        return JSONResponse(data)

    async def _about(request: Request, fn, *middle, **whole) -> Response:
        """``fn(name, *middle, *numbers)``: the numbers are the whole-number parameters
        ``whole`` names (``key=(default, most)``); 400 for a bad one, 404 for no entity.
        Answers are kept for the generation they were read from (:class:`Answers`)."""
        try:
            name = _name(request)
            numbers = [_whole(request, k, d, most) for k, (d, most) in whole.items()]
        except _Error as e:
            return _text(e.status, e.message)
        graph = fn.__self__
        key = (fn.__name__, name, *middle, *numbers)
        body = answers.get(graph, key)
        if body is not None:
            return Response(body, media_type="application/json")
        response = await run_in_threadpool(_paged, fn, name, *middle, *numbers)
        if response.status_code == 200:
            answers.put(graph, key, response.body)
        return response

    async def api_search(request: Request) -> Response:
        q = request.query_params.get("q", "")
        try:
            n = min(_whole(request, "limit", 20, 1000), 100)
            page = _whole(request, "page", 1, MAX_PAGE)
        except _Error as e:
            return _text(e.status, e.message)
        found = await run_in_threadpool(live.get().search_page, q, page, n)
        # the body stays a list of hits; how many matched in all is a header
        return JSONResponse(found["results"], headers={"X-Total-Count": str(found["total"])})

    async def api_entity(request: Request) -> Response:
        graph = live.get()
        return await _about(
            request, graph.summary, limit=(20, MAX_LIMIT), documents=(10, MAX_LIMIT)
        )

    async def api_facts(request: Request) -> Response:
        predicate = request.query_params.get("predicate", "")
        direction = request.query_params.get("direction", "out")
        if not predicate:
            return _text(400, "missing the predicate parameter")
        if direction not in ("out", "in", "with"):
            return _text(400, f"direction must be out, in or with, not {direction!r}")
        graph = live.get()
        return await _about(
            request,
            graph.facts_page,
            predicate,
            direction,
            page=(1, MAX_PAGE),
            limit=(20, MAX_LIMIT),
        )

    async def api_documents(request: Request) -> Response:
        graph = live.get()
        return await _about(
            request, graph.documents_page, page=(1, MAX_PAGE), limit=(10, MAX_LIMIT)
        )

    async def api_neighbourhood(request: Request) -> Response:
        return await _about(request, live.get().neighbourhood, limit=(80, 500))

    async def api_palette(request: Request) -> Response:
        return FileResponse(PALETTE_FILE, media_type="application/json")

    async def api_queries(request: Request) -> Response:
        return JSONResponse(live.get().canned())

    async def api_query(request: Request) -> Response:
        try:
            raw = await _body(request, max_body)
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("query"), str):
                raise ValueError("expected {'query': TEXT, 'params': {NAME: VALUE}}")
            params = data.get("params") or {}
            if not isinstance(params, dict) or not all(isinstance(v, str) for v in params.values()):
                raise ValueError("params must map names to strings")
        except _Error as e:
            return _text(e.status, e.message)
        except (ValueError, UnicodeDecodeError) as e:
            return _text(400, f"bad request: {e}")
        graph = live.get()
        params = graph.spell({k: v for k, v in params.items() if v != ""})
        query = data["query"]
        canned = canned_queries().get(query.strip())  # a canned query by name (never a path)
        key = None
        if canned is not None:
            try:
                bindings(params, canned)
            except QueryError as e:
                return _text(400, str(e))
            query = canned.text
            # a canned query's answer is kept for the generation (its text has no
            # relative IRI, so the base does not change it)
            key = ("canned", canned.name, *sorted((params or {}).items()))
            kept = answers.get(graph, key)
            if kept is not None:
                return Response(kept[0], media_type="application/json", headers=kept[1])
        base = str(request.url.replace(path=request.url.path.rsplit("/api/", 1)[0] + "/sparql"))
        base = base.split("?", 1)[0]
        response = await run(query, params or None, fmt="page", base=base)
        if key is not None and response.status_code == 200:
            said = {k: v for k, v in response.headers.items() if k.startswith(("x-sparql", "warn"))}
            answers.put(graph, key, (response.body, said))
        return response

    async def refuse(request: Request) -> Response:
        return _text(405, "method not allowed", {"Allow": "GET, POST"})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        live.warm()  # the name index, before the first search or entity page asks for it
        try:
            yield
        finally:
            pool.close()
            live.close()

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/sparql", refuse, methods=["PUT", "DELETE", "PATCH", "OPTIONS"]),
        # the endpoint also at /sparql/, as the W3C protocol tests write it (no redirect)
        Route("/sparql/", sparql, methods=["GET", "POST"]),
        Route("/sparql/", refuse, methods=["PUT", "DELETE", "PATCH", "OPTIONS"]),
        Route("/static/vendor/vis-network.min.js", vis, methods=["GET"]),
        Route("/api/search", api_search, methods=["GET"]),
        Route("/api/entity", api_entity, methods=["GET"]),
        Route("/api/facts", api_facts, methods=["GET"]),
        Route("/api/documents", api_documents, methods=["GET"]),
        Route("/api/neighbourhood", api_neighbourhood, methods=["GET"]),
        Route("/api/palette", api_palette, methods=["GET"]),
        Route("/api/queries", api_queries, methods=["GET"]),
        Route("/api/query", api_query, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = []
    if cors:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=list(KG_HEADERS),
            )
        )
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    build = app.build_middleware_stack  # nosniff outside everything, 500s included
    app.build_middleware_stack = lambda: NoSniff(build())
    app.state.graph = live
    app.state.pool = pool
    return app


def serve(
    store: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    timeout: float = 30.0,
    limit: int = 10000,
    workers: int = 2,
    max_body: int = 1 << 20,
    cors: list[str] | None = None,
    log_level: str = "info",
) -> None:
    """Serve the graph in ``store`` until interrupted (uvicorn)."""
    import uvicorn

    app = create_app(
        store, timeout=timeout, limit=limit, workers=workers, max_body=max_body, cors=cors
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level)


__all__ = ["create_app", "serve", "QueryRefused"]
