"""SPARQL over a kg store: canned queries, safe parameters, result formats, time limits.

One module per job; every import points down the list (none imports one above
it, and this package's ``__init__`` only gathers their public names, so
``from kg.query import execute`` works as ever):

* :mod:`kg.query.errors`: the query errors, and syntax messages that name the
  line and column and show the line with a caret.
* :mod:`kg.query.lexer`: the query's tokens, read by one linear pass of
  SPARQL's terminals, so a word in a string, IRI or comment is no keyword.
* :mod:`kg.query.safety`: read-only and bounded: updates, LOAD and SERVICE
  are refused (:func:`check_read_only`), and so are queries nested deeper than
  :data:`MAX_DEPTH` or bigger than :data:`MAX_PARTS`, which crash pyoxigraph
  (:func:`check_shape`). Pure functions of the text.
* :mod:`kg.query.sandbox`: local: the query workers cannot open a network
  socket (:func:`deny_network`).
* :mod:`kg.query.canned`: the canned queries, the ``*.rq`` files of
  ``kg/ontology/queries/``. Each starts with a comment saying what it answers;
  ``# @param NAME  help`` lines declare its parameters.
* :mod:`kg.query.results`: :class:`Result` (a SELECT table, an ASK boolean or
  CONSTRUCT/DESCRIBE triples) and its formats: SPARQL results (JSON, XML, CSV,
  TSV), RDF (Turtle, N-Triples, RDF/XML, JSON-LD), a readable table, plain
  Python data; :func:`negotiate` for an ``Accept`` header.
* :mod:`kg.query.binding`: parameters are bound as initial bindings (pyoxigraph
  ``substitutions``, SEP-0007), or, for canned queries, as a leading one-row
  ``VALUES`` block of serialised RDF terms that the planner sees
  (:func:`inline_values`); never pasted as text, so a value cannot change the
  query. A paged canned query's ``limit``/``offset`` (:func:`page_query`).
  Pure functions.
* :mod:`kg.query.execution`: :func:`execute` runs a query in this process.
  Relative IRIs (``<s>``) resolve against the query's ``BASE``, else against
  :data:`BASE_IRI` (``https://w3id.org/kg/``, so ``<id/…>`` is an entity) in
  ``kg query`` and Python, and against the endpoint's URL in ``kg serve``.
* :mod:`kg.query.pool`: time limits: pyoxigraph cannot interrupt a query, so
  :class:`QueryPool` runs queries in worker processes (their own pipe
  protocol) and kills a worker whose query runs over the limit;
  :func:`exit_after` for a one-shot command.

Python::

    from kg.store import open_store
    from kg.query import execute, load_query
    text, canned = load_query("companies-in-park")
    result = execute(open_store("kg-store"), text, {"park": "西部（重庆）科学城"})
    print(result.format("table"))
"""

from kg.query.binding import bindings, inline_values, page_query, parse_params, term_from_string
from kg.query.canned import (
    PAGE_PARAMS,
    QUERIES_DIR,
    CannedQuery,
    canned_queries,
    load_query,
    parse_canned,
)
from kg.query.errors import (
    NotAcceptable,
    QueryError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    one_line,
    readable_syntax_error,
    syntax_message,
)
from kg.query.execution import BASE_IRI, execute
from kg.query.pool import Answer, QueryPool, exit_after
from kg.query.results import (
    ACCEPT,
    DEFAULT_FORMAT,
    FORMAT_ALIASES,
    GRAPH_FORMATS,
    GRAPH_PREFIXES,
    MEDIA_TYPES,
    RESULT_FORMATS,
    XSD,
    Result,
    negotiate,
    term_json,
    to_python,
)
from kg.query.safety import MAX_DEPTH, MAX_PARTS, check_read_only, check_shape
from kg.query.sandbox import deny_network

__all__ = [
    "ACCEPT",
    "BASE_IRI",
    "DEFAULT_FORMAT",
    "FORMAT_ALIASES",
    "GRAPH_FORMATS",
    "GRAPH_PREFIXES",
    "MAX_DEPTH",
    "MAX_PARTS",
    "MEDIA_TYPES",
    "PAGE_PARAMS",
    "QUERIES_DIR",
    "RESULT_FORMATS",
    "XSD",
    "Answer",
    "CannedQuery",
    "NotAcceptable",
    "QueryError",
    "QueryPool",
    "QueryRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "Result",
    "bindings",
    "canned_queries",
    "check_read_only",
    "check_shape",
    "deny_network",
    "execute",
    "exit_after",
    "inline_values",
    "load_query",
    "negotiate",
    "one_line",
    "page_query",
    "parse_canned",
    "parse_params",
    "readable_syntax_error",
    "syntax_message",
    "term_from_string",
    "term_json",
    "to_python",
]
