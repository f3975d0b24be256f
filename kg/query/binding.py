"""Parameters: bound as RDF terms, never pasted as text, so a value cannot change
the query.

* :func:`parse_params` reads the CLI's ``--param NAME=VALUE``;
  :func:`term_from_string` makes a value an RDF term (``<iri>``, a number, else a
  plain string); :func:`bindings` checks the parameters against a canned query's
  and gives pyoxigraph ``substitutions`` (initial bindings, SEP-0007).
* :func:`inline_values` binds a canned query's parameters with a leading one-row
  ``VALUES`` block of serialised RDF terms, which the planner sees.
* :func:`page_query` writes a paged canned query's ``limit``/``offset`` into its
  last ``LIMIT`` clause, as checked integers.

All pure functions of their arguments.
"""

from __future__ import annotations

import decimal
import re

import pyoxigraph as ox

from kg.query.canned import PAGE_END, PAGE_PARAMS, CannedQuery
from kg.query.errors import QueryError
from kg.query.lexer import mask_comments
from kg.query.results import XSD


def term_from_string(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: ``<iri>`` is an IRI, integers and decimals
    are typed numbers, anything else is a plain string literal."""
    if not isinstance(value, str):
        if isinstance(value, bool):
            return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
        if isinstance(value, int):
            return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
        if isinstance(value, float):
            return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
        if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            return value
        raise QueryError(f"unsupported parameter value {value!r}")
    if len(value) > 2 and value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as e:
            raise QueryError(f"bad IRI {value}: {e}") from None
    if re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(_canonical_integer(value), datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return ox.Literal(_canonical_decimal(value), datatype=ox.NamedNode(XSD + "decimal"))
    return ox.Literal(value)


# A number in query text is read in its canonical form (00 → 0, 1.50 → 1.5) where
# pyoxigraph can hold it (a 64-bit integer; a decimal as a 128-bit count of
# 10^-18), so a bound parameter is the same term however it is bound.


def _canonical_integer(value: str) -> str:
    n = int(value)
    return str(n) if -(2**63) <= n < 2**63 else value


def _canonical_decimal(value: str) -> str:
    with decimal.localcontext(decimal.Context(prec=80)):
        d = decimal.Decimal(value)
        scaled = d.scaleb(18)
        if scaled != scaled.to_integral_value() or not -(2**127) <= scaled < 2**127:
            return value
        text = format(d.normalize(), "f")
    return "0" if text == "-0" else text


def parse_params(pairs) -> dict[str, str]:
    """``["name=value", …]`` (the CLI's ``--param``) → dict."""
    out = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise QueryError(f"bad --param {pair!r}: expected NAME=VALUE")
        out[name] = value
    return out


def bindings(params: dict | None, canned: CannedQuery | None = None) -> dict:
    """Parameters → pyoxigraph substitutions; checks them against a canned query's."""
    params = dict(params or {})
    if canned is not None and canned.page:
        params = {k: v for k, v in params.items() if k not in PAGE_PARAMS}
    if canned is not None and (canned.params or params):
        unknown = sorted(set(params) - set(canned.params))
        if unknown:
            takes = ", ".join(canned.params) or "no parameters"
            raise QueryError(f"{canned.name} takes {takes}; unknown parameter {unknown[0]!r}")
        missing = [p for p in canned.params if p not in params]
        if missing:
            raise QueryError(
                f"{canned.name} needs --param {missing[0]}=VALUE ({canned.params[missing[0]]})"
            )
    out = {}
    for name, value in params.items():
        name = str(name).lstrip("?$")
        try:
            if not re.fullmatch(r"\w+", name):
                raise ValueError(name)
            var = ox.Variable(name)  # SPARQL names are narrower than \w (e.g. "ª")
        except ValueError:
            raise QueryError(f"bad parameter name {name!r}") from None
        out[var] = term_from_string(value)
    return out


# ------------------------------------------------------------------ parameters the planner sees
#
# pyoxigraph plans a query's join order before it applies ``substitutions``, so a
# canned query bound that way is planned as if its parameter were unknown: on a
# 1M-quad graph the park queries took 15-20 s instead of well under a second. For
# canned queries (our own text) :func:`inline_values` binds the parameters with a
# one-row ``VALUES`` block at the start of the outermost WHERE group, or in place
# of the parameter's ``BIND(STRLANG(STR(?p), "zh") AS ?name)`` (which may sit in a
# subquery), which the optimizer sees and starts from.
#
# This is not pasting user text into SPARQL: a value enters only as the
# N-Triples serialisation of a pyoxigraph term (``"…"`` with ``"``, ``\``, line
# breaks escaped; ``<…>`` of an IRI pyoxigraph validated), i.e. as exactly one RDF
# term token inside the data block, so no value can end the block, add a clause
# or change the query's shape. :func:`_values_block` also checks it on every
# call: the block, parsed alone, must give one row of exactly the bound terms.

# BIND(STRLANG(STR(?p), "zh") AS ?pName): STR makes any bound value (a language-
# tagged literal, a number) a plain string first, so the name never goes unbound
_STRLANG_BIND = re.compile(
    r"BIND\s*\(\s*STRLANG\s*\(\s*(?:STR\s*\(\s*\?(\w+)\s*\)|\?(\w+))\s*,"
    r'\s*"([A-Za-z]+(?:-[A-Za-z0-9]+)*)"\s*\)\s+AS\s+\?(\w+)\s*\)',
    re.IGNORECASE,
)
_WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_CHECK_STORE: list = []  # an empty in-memory store, made once


def _values_block(subs: dict) -> str | None:
    """``VALUES (?a ?b) { (t1 t2) }`` from {Variable: term}; None when a term cannot
    be VALUES data (blank nodes, quoted triples)."""
    names, terms = [], []
    for var, term in subs.items():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            return None
        names.append(f"?{var.value}")
        terms.append(term)
    block = f"VALUES ({' '.join(names)}) {{ ({' '.join(str(t) for t in terms)}) }}"
    if not _CHECK_STORE:
        _CHECK_STORE.append(ox.Store())
    try:  # the block alone is one row of exactly these terms, whatever the values
        rows = list(_CHECK_STORE[0].query(f"SELECT * WHERE {{ {block} }}"))
    except SyntaxError:
        return None
    if len(rows) != 1 or [rows[0][v] for v in subs] != terms:
        return None
    return block


def inline_values(sparql: str, subs: dict) -> str | None:
    """A canned query with its parameters bound by a leading ``VALUES`` block.

    A ``BIND(STRLANG(?param, "tag") AS ?var)`` of a parameter is computed here and
    bound in the same block (the optimizer does not see through a BIND), which takes
    the BIND's place: in a subquery, the group that uses the parameter (pyoxigraph
    evaluates a subquery on its own, so a block outside it would bind it only after
    it has run on every park). None when the query cannot be rewritten so; then
    bind with ``substitutions``.
    """
    if not subs:
        return None
    masked = mask_comments(sparql)
    where = _WHERE_OPEN.search(masked)
    if where is None:
        return None
    values = dict(subs)
    by_name = {v.value: t for v, t in subs.items()}
    cuts = []
    for m in _STRLANG_BIND.finditer(masked):
        in_str, bare, tag, var = m.groups()
        param = in_str or bare
        term = by_name.get(param)
        if term is None:
            continue
        if not isinstance(term, ox.Literal):
            return None  # an IRI or blank node: leave it to SPARQL
        if bare and term.datatype.value != XSD + "string":
            return None  # STRLANG of a non-string: leave its error semantics to SPARQL
        values[ox.Variable(var)] = ox.Literal(term.value, language=tag)
        cuts.append(m.span())
    block = _values_block(values)
    if block is None:
        return None
    text = sparql
    for a, b in sorted(cuts, reverse=True):
        text = text[:a] + " " * (b - a) + text[b:]
    if cuts:  # where the parameter is used: a subquery's group is not reached from outside
        at = min(cuts)[0]
        return f"{text[:at]}{block}{text[at:]}"
    at = where.end()
    return f"{text[:at]}\n  {block}\n{text[at:]}"


# ------------------------------------------------------------------ pages
#
# A canned query whose text ends with ``LIMIT n`` (after its ORDER BY) is paged: it
# answers its first n rows, and takes two more parameters, ``limit`` (rows of a
# page, or ``all``) and ``offset`` (rows skipped), which rewrite that last clause
# (``kg query evidence -p offset=100`` is the second page). They are numbers the
# query's text is made with, checked to be plain integers, never pasted values.
# A subquery that needs only the rows up to the page's end marks its own
# ``LIMIT n`` with the comment ``# @window``; it becomes ``LIMIT offset+limit``
# (and goes away with ``limit=all``). A subquery that picks the last row a page
# can reach (a threshold: the page's end largest count) marks its ``OFFSET n
# LIMIT 1`` with ``# @edge``; it becomes ``OFFSET offset+limit-1 LIMIT 1`` (and
# ``LIMIT 0``, no row, with ``limit=all``: the query then keeps every row).

_WINDOW = re.compile(r"\bLIMIT\s+\d+(?=[ \t]*#[ \t]*@window\b)", re.IGNORECASE)
_EDGE = re.compile(r"\bOFFSET\s+\d+\s+LIMIT\s+1(?=[ \t]*#[ \t]*@edge\b)", re.IGNORECASE)


def _count(name: str, value, low: int) -> int | None:
    """A paging parameter as an int (None for ``all``); QueryError when it is none."""
    if isinstance(value, str):
        text = value.strip()
        if name == "limit" and text.lower() == "all":
            return None
        if re.fullmatch(r"\d{1,15}", text):
            value = int(text)
    if isinstance(value, int) and not isinstance(value, bool) and value >= low:
        return value
    what = "a number of rows ≥ 1 or all" if name == "limit" else "a number of rows ≥ 0"
    raise QueryError(f"bad --param {name}={value}: expected {what}")


def page_query(sparql: str, canned: CannedQuery | None, params: dict | None):
    """``(sparql, params)`` with a paged canned query's page applied (see above):
    ``limit``/``offset`` taken out of ``params`` and written into the text."""
    if canned is None or not canned.page or not params:
        return sparql, params
    if not any(k in params for k in PAGE_PARAMS):
        return sparql, params
    rest = {k: v for k, v in params.items() if k not in PAGE_PARAMS}
    limit = _count("limit", params.get("limit", canned.page), 1)
    offset = _count("offset", params.get("offset", 0), 0)
    masked = mask_comments(sparql)
    end = PAGE_END.search(masked)
    if end is None:  # pragma: no cover - parse_canned found it
        return sparql, rest
    tail = "" if limit is None else f"LIMIT {limit}" + (f" OFFSET {offset}" if offset else "")
    if limit is None and offset:
        tail = f"OFFSET {offset}"
    text = sparql[: end.start()] + tail + sparql[end.end() :]
    window = "" if limit is None else f"LIMIT {offset + limit}"
    edge = "LIMIT 0" if limit is None else f"OFFSET {offset + limit - 1} LIMIT 1"
    for mark, by in ((_WINDOW, window), (_EDGE, edge)):
        masked = mask_comments(text)
        for m in reversed(list(mark.finditer(text))):
            if masked[m.start() : m.end()] == m.group():  # code, not a comment
                text = text[: m.start()] + by + text[m.end() :]
    return text, rest
