"""Running a query in this process: :func:`execute`.

Checks the query (:mod:`kg.query.safety`), binds its parameters
(:mod:`kg.query.binding`), runs it on a store and gives a :class:`Result`.
Relative IRIs (``<s>``) resolve against the query's ``BASE``, else against
:data:`BASE_IRI` (``https://w3id.org/kg/``, so ``<id/…>`` is an entity) in
``kg query`` and Python, and against the endpoint's URL in ``kg serve``. For a
hard time limit run it in a :class:`kg.query.pool.QueryPool`.
"""

from __future__ import annotations

import time

import pyoxigraph as ox

from kg.query.binding import bindings, inline_values, page_query
from kg.query.canned import HAS_STATS, PAGE_PARAMS, STATS_GRAPH, CannedQuery, canned_queries
from kg.query.errors import (
    QueryError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    one_line,
    readable_syntax_error,
)
from kg.query.lexer import words
from kg.query.results import Result
from kg.query.safety import check_read_only
from kg.query.sandbox import NO_NETWORK

# what a relative IRI in a query (``<s>``) means when the query has no BASE and is
# not sent to an endpoint (whose URL is then the base): kg's own namespace, so
# ``<id/…>`` is an entity of the graph
BASE_IRI = "https://w3id.org/kg/"


def _canned_by_text(sparql: str, params: dict) -> CannedQuery | None:
    """The canned query whose text ``sparql`` is, when ``params`` are exactly its own
    (plus its paging); else None, and the text runs as any query."""
    text = sparql.strip()
    for c in canned_queries().values():
        if c.text.strip() == text:
            names = set(params) - (set(PAGE_PARAMS) if c.page else set())
            return c if names == set(c.params) else None
    return None


def execute(
    store,
    sparql: str,
    params: dict | None = None,
    *,
    canned: CannedQuery | None = None,
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
    limit: int | None = None,
    deadline: float | None = None,
    base: str | None = BASE_IRI,
) -> Result:
    """Run a read-only query on a :class:`kg.store.KgStore` (or anything with ``.query``).

    ``params`` are bound as initial bindings. Without a dataset (``default_graph``,
    ``named_graphs``, or FROM in the query) the default graph is the union of all
    graphs; one given replaces the query's whole. ``limit`` caps the rows/triples kept
    (``Result.truncated`` says when it cut). ``deadline`` (``time.monotonic()``)
    is checked while reading results; use :class:`kg.query.pool.QueryPool` for a hard limit.
    Relative IRIs resolve against the query's own ``BASE``, else against ``base``
    (the server passes its endpoint's URL; :data:`BASE_IRI` otherwise).
    """
    check_read_only(sparql)
    kwargs = {}
    if base and getattr(store, "remote", None) is None:  # a remote store uses its own base
        kwargs["base_iri"] = base
    if canned is None and (params or STATS_GRAPH in sparql):
        # a canned query sent as its text (the explorer does)
        canned = _canned_by_text(sparql, params or {})
    sparql = _without_stats(store, sparql, canned)
    sparql, params = page_query(sparql, canned, params)
    subs = bindings(params, canned)
    inlined = inline_values(sparql, subs) if canned is not None and subs else None
    if inlined is not None:  # the planner sees the values (see inline_values)
        sparql = inlined
    elif subs:
        kwargs["substitutions"] = subs
    if default_graph or named_graphs:
        # the protocol's dataset replaces FROM / FROM NAMED whole: given only named
        # graphs, the default graph is empty; given only default graphs, no named ones
        kwargs["use_default_graph_as_union"] = False
        kwargs["default_graph"] = [_graph_node(g) for g in default_graph or ()]
        kwargs["named_graphs"] = [_graph_node(g) for g in named_graphs or ()]
    elif _uses_from(sparql):  # the query's own dataset, as SPARQL says
        kwargs["use_default_graph_as_union"] = False
    t0 = time.perf_counter()
    try:
        answer = store.query(sparql, **kwargs)
    except SyntaxError as e:
        raise QuerySyntaxError(readable_syntax_error(sparql, str(e))) from None
    except PermissionError:  # deny_network() stopped pyoxigraph's own HTTP client
        raise QueryRefused(NO_NETWORK) from None
    except (OSError, ValueError, TypeError, RuntimeError) as e:
        raise QueryError(one_line(e)) from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            res = Result("ask", boolean=bool(answer))
        elif isinstance(answer, ox.QuerySolutions):
            res = Result("select", variables=[v.value for v in answer.variables])
            names = res.variables
            rows = (tuple(sol[n] for n in names) for sol in answer)
            res.truncated = _take(rows, res.rows, limit, deadline)
        else:
            res = Result("graph")
            res.truncated = _take(answer, res.triples, limit, deadline)
    except PermissionError:
        raise QueryRefused(NO_NETWORK) from None
    except (OSError, ValueError, RuntimeError) as e:
        raise QueryError(one_line(e)) from None
    res.seconds = time.perf_counter() - t0
    return res


def _without_stats(store, sparql: str, canned: CannedQuery | None) -> str:
    """The text to run: a canned query that reads the stats graph runs its twin,
    which counts from the facts, on a store that has none (written before kg kept
    it): the same rows, never a count missing (see :mod:`kg.statsgraph`)."""
    if canned is None or canned.fallback is None or sparql.strip() != canned.text.strip():
        return sparql
    try:
        stats = bool(store.query(HAS_STATS))
    except (OSError, RuntimeError, ValueError, SyntaxError):
        stats = False
    return sparql if stats else canned.fallback


def _graph_node(g):
    if isinstance(g, (ox.NamedNode, ox.DefaultGraph)):
        return g
    try:
        return ox.NamedNode(str(g))
    except ValueError as e:
        raise QueryError(f"bad graph IRI {g!r}: {e}") from None


def _uses_from(sparql: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED)."""
    return "FROM" in words(sparql)


def _take(items, into: list, limit: int | None, deadline: float | None) -> bool:
    """Append ``items`` to ``into`` up to ``limit``; say whether any were left out.
    Raises QueryTimeout once ``deadline`` (time.monotonic) has passed."""
    for i, item in enumerate(items):
        if limit is not None and i >= limit:
            return True
        if deadline is not None and i % 256 == 0 and time.monotonic() > deadline:
            raise QueryTimeout("the query ran over the time limit and was stopped")
        into.append(item)
    return False
