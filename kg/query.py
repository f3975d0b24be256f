"""SPARQL over a kg store: canned queries, safe parameters, result formats, time limits.

* **Canned queries** are the ``*.rq`` files of ``kg/ontology/queries/``. Each starts
  with a comment saying what it answers; ``# @param NAME  help`` lines declare its
  parameters.
* **Parameters** are bound as initial bindings (pyoxigraph ``substitutions``, SEP-0007),
  or, for canned queries, as a leading one-row ``VALUES`` block of serialised RDF
  terms that the planner sees (:func:`inline_values`); never pasted as text, so a
  value cannot change the query.
* **Results**: :func:`execute` returns a :class:`Result` (a SELECT table, an ASK
  boolean or CONSTRUCT/DESCRIBE triples) that serialises to the SPARQL results
  formats (JSON, XML, CSV, TSV), to RDF formats (Turtle, N-Triples, RDF/XML,
  JSON-LD), to a readable table, or to plain Python data.
* **Time limit**: pyoxigraph cannot interrupt a query, so :class:`QueryPool` runs
  queries in worker processes and kills a worker whose query runs over the limit.
* **Read-only, local, bounded**: updates, LOAD and SERVICE are refused
  (:func:`check_read_only`, on the query's tokens); query workers cannot open a
  network socket (:func:`deny_network`); queries nested deeper than
  :data:`MAX_DEPTH` or bigger than :data:`MAX_PARTS`, which crash pyoxigraph, are
  refused before it sees them (:func:`check_shape`).
* **Relative IRIs** (``<s>``) resolve against the query's ``BASE``, else against
  :data:`BASE_IRI` (``https://w3id.org/kg/``, so ``<id/…>`` is an entity) in
  ``kg query`` and Python, and against the endpoint's URL in ``kg serve``.
* **Syntax errors** name the line and column and show the line with a caret.

Python::

    from kg.store import open_store
    from kg.query import execute, load_query
    text, canned = load_query("companies-in-park")
    result = execute(open_store("kg-store"), text, {"park": "西部（重庆）科学城"})
    print(result.format("table"))
"""

from __future__ import annotations

import contextlib
import decimal
import json
import os
import pickle
import queue
import re
import select
import struct
import subprocess
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError

QUERIES_DIR = Path(__file__).parent / "ontology" / "queries"
# what a relative IRI in a query (``<s>``) means when the query has no BASE and is
# not sent to an endpoint (whose URL is then the base): kg's own namespace, so
# ``<id/…>`` is an entity of the graph
BASE_IRI = "https://w3id.org/kg/"

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {
    XSD + t
    for t in (
        "integer long int short byte nonNegativeInteger positiveInteger "
        "nonPositiveInteger negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}


class QueryError(KgError):
    """A query that cannot run: bad syntax, a bad parameter, a refused operation."""

    status = 400


class QuerySyntaxError(QueryError):
    """The SPARQL parser rejected the query; the message is the parser's, on one line."""


class QueryRefused(QueryError):
    """The query asks for something a read-only endpoint does not do (update, SERVICE)."""

    status = 403


class QueryTimeout(QueryError):
    """The query ran over the time limit and was stopped."""

    status = 503


# ------------------------------------------------------------------ canned queries


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    text: str
    description: str  # the leading comment, without '#'
    params: dict[str, str] = field(default_factory=dict)  # name → help
    page: int | None = None  # rows of a page when the query is paged (see page_query)

    @property
    def summary(self) -> str:
        return self.description.split("\n\n")[0].replace("\n", " ").strip()

    def example(self) -> dict[str, str]:
        """Example values from the ``e.g.`` part of each parameter's help."""
        out = {}
        for name, help_ in self.params.items():
            m = re.search(r"e\.g\.\s*(\S+)", help_)
            if m:
                out[name] = m.group(1).rstrip(",.;")
        return out

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "summary": self.summary,
            "description": self.description,
            "params": dict(self.params),
            "example": self.example(),
            "page": self.page,
            "text": self.text,
        }


_PARAM = re.compile(r"^@param\s+(\w+)\s*(.*)$")


def parse_canned(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    lines, params = [], {}
    for raw in text.splitlines():
        s = raw.strip()
        if not s.startswith("#"):
            break
        body = s[1:].strip()
        m = _PARAM.match(body)
        if m:
            params[m.group(1)] = m.group(2).strip()
        else:
            lines.append(body)
    m = _PAGE_END.search(_mask_comments(text))
    page = int(m.group(1)) if m and not m.group(2) else None
    return CannedQuery(path.stem, path, text, "\n".join(lines).strip(), params, page)


def canned_queries(folder: Path | None = None) -> dict[str, CannedQuery]:
    """The canned queries by name (file stem), sorted."""
    folder = folder or QUERIES_DIR
    return {p.stem: parse_canned(p) for p in sorted(folder.glob("*.rq"))}


def load_query(spec: str) -> tuple[str, CannedQuery | None]:
    """SPARQL text, a path to a ``.rq`` file or a canned query's name → (text, canned)."""
    canned = canned_queries()
    if spec in canned:
        return canned[spec].text, canned[spec]
    if spec.endswith(".rq") or ("\n" not in spec and len(spec) < 4096 and Path(spec).is_file()):
        p = Path(spec)
        if not p.is_file():
            raise QueryError(f"no query file {spec}")
        c = parse_canned(p)
        return c.text, c
    if re.fullmatch(r"[\w.-]+", spec):
        names = ", ".join(canned) or "none"
        raise QueryError(f"no canned query named {spec!r} (canned queries: {names})")
    return spec, None


# ------------------------------------------------------------------ parameters


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
    masked = _mask_comments(sparql)
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
# (and goes away with ``limit=all``).

PAGE_PARAMS = ("limit", "offset")
_PAGE_END = re.compile(r"\bLIMIT\s+(\d+)(\s+OFFSET\s+\d+)?\s*$", re.IGNORECASE)
_WINDOW = re.compile(r"\bLIMIT\s+\d+(?=[ \t]*#[ \t]*@window\b)", re.IGNORECASE)


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
    masked = _mask_comments(sparql)
    end = _PAGE_END.search(masked)
    if end is None:  # pragma: no cover - parse_canned found it
        return sparql, rest
    tail = "" if limit is None else f"LIMIT {limit}" + (f" OFFSET {offset}" if offset else "")
    if limit is None and offset:
        tail = f"OFFSET {offset}"
    text = sparql[: end.start()] + tail + sparql[end.end() :]
    window = "" if limit is None else f"LIMIT {offset + limit}"
    masked = _mask_comments(text)
    for m in reversed(list(_WINDOW.finditer(text))):
        if masked[m.start() : m.end()] == m.group():  # code, not a comment
            text = text[: m.start()] + window + text[m.end() :]
    return text, rest


# ------------------------------------------------------------------ the query's tokens
#
# Every check below works on the query's tokens, read by one linear pass of the
# SPARQL grammar's terminals (strings with their escapes, IRIs, prefixed names with
# their escapes, variables, numbers, language tags, comments): a word inside a
# string, an IRI, a name or a comment is never mistaken for a keyword, and a
# keyword glued to a number or a boolean (``0.7SERVICE``, ``trueSERVICE``) is
# still seen. Each character is read a bounded number of times, so a megabyte of
# ``<`` or of quotes costs milliseconds (the old checks sliced the text at every
# ``<`` and were quadratic).

_PN_CHARS = r"\w\u00B7\u0300-\u036F\u203F-\u2040-"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    "|".join(
        (
            r"(?P<ws>[ \t\r\n]+)",
            r"(?P<comment>#[^\r\n]*)",
            r'(?P<str>"""(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*"""'
            r"|'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''"
            r'|"(?:[^"\\\r\n]|\\[\s\S])*"'
            r"|'(?:[^'\\\r\n]|\\[\s\S])*')",
            r"(?P<opener>[\"'])",  # a quote that opens no complete string
            r"(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)",
            r"(?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)",
            r"(?P<bnode>_:[" + _PN_CHARS + r"](?:[" + _PN_CHARS + r".]*[" + _PN_CHARS + r"])?)",
            r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)",
            r"(?P<num>(?:\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+|\d*\.\d+|\d+)",
            # PN_PREFIX? ':' PN_LOCAL? (PN_LOCAL keeps escapes like ex:a\'b or ex:a\#b)
            r"(?P<pname>(?:[^\W\d_](?:[" + _PN_CHARS + r".]*[" + _PN_CHARS + r"])?)?:"
            r"(?:(?:[" + _PN_CHARS + r":]|" + _PLX + r")"
            r"(?:(?:["
            + _PN_CHARS
            + r".:]|"
            + _PLX
            + r")*(?:["
            + _PN_CHARS
            + r":]|"
            + _PLX
            + r"))?)?)",
            r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
            r"(?P<op><<|>>|<=|>=|!=|&&|\|\||\^\^|\{\||\|\}|[\s\S])",
        )
    )
)

# size of the query's tree: oxigraph's parser and planner recurse on it, and crash
# the whole process (SIGSEGV, no message) at about 3,000 nested groups, 3,000 BINDs
# or 10,000 triple patterns or operands in one group. A query nested deeper than
# MAX_DEPTH or with more than MAX_PARTS patterns, operators and groups is refused
# before it reaches the engine (real queries have a few dozen; a thousand triple
# patterns would run for minutes anyway).
MAX_DEPTH = 64
MAX_PARTS = 1000
_OPEN = {"{": "}", "(": ")", "[": "]", "<<": ">>", "{|": "|}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_OPERATORS = frozenset("+ - * / | ^ ! = < > <= >= != && ||".split())
_SEPARATORS = frozenset(". ; ,".split())  # between triple patterns (not function arguments)
_PART_WORDS = frozenset(
    "UNION MINUS OPTIONAL FILTER BIND GRAPH VALUES EXISTS LATERAL SERVICE".split()
)

_UPDATE_WORDS = frozenset("INSERT DELETE LOAD CLEAR CREATE DROP COPY MOVE ADD WITH USING".split())


def _tokens(sparql: str, strict: bool = True):
    """``(kind, text, offset)`` for each token of ``sparql``, comments and blanks included.

    At a quote that opens no complete string (everything after it would be hidden
    from the checks) raises :class:`QuerySyntaxError`, or stops when not ``strict``.
    """
    pos, n, match = 0, len(sparql), _TOKEN.match
    while pos < n:
        m = match(sparql, pos)
        kind = m.lastgroup
        if kind == "opener":
            if not strict:
                return
            raise QuerySyntaxError(
                syntax_message(sparql, pos, "a string opened here is never closed")
            )
        yield kind, m.group(), pos
        pos = m.end()


def _code(sparql: str, strict: bool = True):
    """The tokens that matter to the parser (no blanks, no comments)."""
    return ((k, t, p) for k, t, p in _tokens(sparql, strict) if k not in ("ws", "comment"))


def _mask_comments(sparql: str) -> str:
    """The text with its comments blanked (same length, so offsets stay valid)."""
    out = []
    for kind, text, _ in _tokens(sparql):
        out.append(" " * len(text) if kind == "comment" else text)
    return "".join(out)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(sparql: str) -> str:
    """SPARQL's codepoint escapes (\\u0053 is S), which the spec applies before parsing."""

    def one(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _CODEPOINT.sub(one, sparql)


def _words(sparql: str, strict: bool = True) -> list[str]:
    """The bare words of the query (keywords and function names), upper-cased."""
    return [t.upper() for k, t, _ in _code(sparql, strict) if k == "word"]


_TERMS = frozenset(("var", "iri", "pname", "bnode", "num", "str", "word"))


def check_shape(sparql: str) -> None:
    """Refuse a query nested deeper than :data:`MAX_DEPTH` or bigger than
    :data:`MAX_PARTS`, before any parser sees it (see above).

    Counted: every bracket, operator, pattern keyword, separator between triple
    patterns, and item of an RDF collection ``( … )`` in a pattern (a nested
    rdf:rest chain to the engine). Not counted: VALUES data and function
    arguments (``IN (…)``, ``CONCAT(…)``), which the engine reads flat.
    """
    stack: list[str] = []  # kinds: group data blank coll expr quoted
    parts, prev, values = 0, ("", ""), False
    for kind, text, pos in _code(sparql):
        opened = kind == "op" and text in _OPEN
        if opened:
            if len(stack) >= MAX_DEPTH:
                what = f"the query is nested deeper than {MAX_DEPTH} levels"
                raise QueryError(syntax_message(sparql, pos, what, short=True))
            inside = stack[-1] if stack else "top"
            parts += inside != "data"  # a row of VALUES data is not a pattern
            if text == "(":
                # in a pattern, a "(" not after a function name or keyword is a collection
                in_pattern = inside in ("group", "blank", "coll") and not values
                stack.append("coll" if in_pattern and prev[0] != "word" else "expr")
            elif text == "{":
                stack.append("data" if values else "group")
                values = False
            else:
                stack.append({"[": "blank", "<<": "quoted"}.get(text, "group"))
        elif kind == "op" and text in _CLOSE:
            if stack:
                stack.pop()
        elif (
            (kind == "op" and text in _OPERATORS)
            or (kind == "op" and text in _SEPARATORS and (not stack or stack[-1] != "expr"))
            or (kind == "word" and text.upper() in _PART_WORDS)
            or (kind in _TERMS and stack and stack[-1] == "coll")
        ):
            parts += 1
        if kind == "word" and text.upper() == "VALUES":
            values = True  # the next "{" holds data rows
        prev = (kind, text)
        if parts > MAX_PARTS:
            what = f"the query has more than {MAX_PARTS} patterns, operators and groups"
            raise QueryError(syntax_message(sparql, pos, what, short=True))


def check_read_only(sparql: str) -> None:
    """Refuse updates (and LOAD) and federated queries (SERVICE) before running anything.

    Decided on the query's tokens (see :func:`_tokens`): SERVICE is refused
    wherever it is a keyword, also glued to a neighbour (``trueSERVICE``), in the
    text as written and after its codepoint escapes. Query workers also have no
    network (:func:`deny_network`), so a case missed here still reaches nothing.
    """
    check_shape(sparql)
    words = _words(sparql)
    if _CODEPOINT.search(sparql):
        # oxigraph reads codepoint escapes only inside strings and IRIs; the SPARQL
        # spec (and so a remote store) may read them everywhere: check that reading too
        words += _words(_unescape(sparql), strict=False)
    for word in words:
        if word in _UPDATE_WORDS:
            raise QueryRefused("kg is read-only here: SPARQL Update (and LOAD) is not accepted")
        if "SERVICE" in word:
            raise QueryRefused(
                "SERVICE (federated query) is not allowed: kg only queries its own graph"
            )


_NO_NETWORK = "the query tried to reach the network (SERVICE), which kg does not allow"


def _uses_from(sparql: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED)."""
    return "FROM" in _words(sparql)


# ------------------------------------------------------------------ readable syntax errors

_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)
_EXPECTED = re.compile(r"expected (?:one of )?(.*)$", re.DOTALL)


def _line_col(sparql: str, offset: int) -> tuple[int, int]:
    line = sparql.count("\n", 0, offset) + 1
    return line, offset - (sparql.rfind("\n", 0, offset) + 1) + 1


def syntax_message(sparql: str, offset: int, what: str, *, short: bool = False) -> str:
    """``what`` at a position of the query: "line L, column C: what", then the line and
    a caret under the column (``short``: one line, "what (line L, column C)")."""
    line, col = _line_col(sparql, offset)
    if short:
        return f"{what} (line {line}, column {col})"
    return _with_caret(sparql, line, col, what)


def _with_caret(sparql: str, line: int, col: int, what: str) -> str:
    head = f"line {line}, column {col}: {what}"
    lines = sparql.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    text = text.replace("\t", " ").rstrip("\r")
    start = max(0, col - 60)  # a long line: show the part around the column
    shown = ("…" if start else "") + text[start : start + 100]
    pad = col - 1 - start + (1 if start else 0)
    return f"{head}\n  {shown}\n  {' ' * _width(shown[:pad])}^"


def _readable_expected(items: str) -> str:
    """oxigraph's "expected one of …" without its character classes and escapes."""
    words, seen = [], set()
    for item in re.split(r",\s*(?![^\[]*\])", items):
        item = item.strip()
        if not item or item.startswith("[") or "\\" in item or "'" in item or ".." in item:
            continue  # [_], ['\u{10000}'..='\u{effff}'], "\\u": character ranges
        item = item.strip('"')
        if item and item not in seen:
            seen.add(item)
            words.append(item)
    if not words:
        return "unexpected text here"
    if len(words) > 12:
        words = words[:12] + ["…"]
    return "expected " + (words[0] if len(words) == 1 else "one of " + ", ".join(words))


def readable_syntax_error(sparql: str, message: str) -> str:
    """The parser's message as "line L, column C: expected …" with the line and a caret."""
    m = _POSITION.match(str(message).strip())
    if not m:
        return one_line(message)
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    e = _EXPECTED.match(rest.strip())
    what = _readable_expected(e.group(1)) if e else one_line(rest)
    return "syntax error at " + _with_caret(sparql, line, col, what)


# ------------------------------------------------------------------ results


def to_python(term):
    """An RDF term as plain Python: IRIs and strings as str, numbers, booleans."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTS:
                return int(term.value)
            if dt in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.Triple):
        return (to_python(term.subject), to_python(term.predicate), to_python(term.object))
    return str(term)


def term_json(term) -> dict:
    """An RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            d["datatype"] = term.datatype.value
        return d
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "rdfxml": "xml", "json-ld": "jsonld"}
MEDIA_TYPES = {
    ("results", "json"): "application/sparql-results+json",
    ("results", "xml"): "application/sparql-results+xml",
    ("results", "csv"): "text/csv; charset=utf-8",
    ("results", "tsv"): "text/tab-separated-values; charset=utf-8",
    ("graph", "ttl"): "text/turtle; charset=utf-8",
    ("graph", "nt"): "application/n-triples",
    ("graph", "xml"): "application/rdf+xml",
    ("graph", "jsonld"): "application/ld+json",
    ("results", "page"): "application/json",
    ("graph", "page"): "application/json",
}
# Accept media type → format, for each kind of result (SPARQL 1.1 Protocol §2.1.5/6)
ACCEPT = {
    "results": {
        "application/sparql-results+json": "json",
        "application/json": "json",
        "application/sparql-results+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
    },
    "graph": {
        "text/turtle": "ttl",
        "application/x-turtle": "ttl",
        "application/n-triples": "nt",
        "text/plain": "nt",
        "application/rdf+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "application/ld+json": "jsonld",
        "application/json": "jsonld",
    },
}
DEFAULT_FORMAT = {"results": "json", "graph": "ttl"}
# prefixes for serialised graphs: the vocabularies (entity IRIs like ent:park/…
# would need escaped slashes in Turtle, so those stay full IRIs)
GRAPH_PREFIXES = {
    "kg": "https://w3id.org/kg/ontology#",
    "ind": "https://w3id.org/kg/industry/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def negotiate(accept: str | None, kind: str) -> str | None:
    """The format for an ``Accept`` header and a result kind ("results" or "graph");
    None when nothing acceptable is available (→ 406)."""
    if not accept or not accept.strip():
        return DEFAULT_FORMAT[kind]
    choices = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if mt and q > 0:
            choices.append((-q, i, mt))
    for _, _, mt in sorted(choices):
        if mt in ACCEPT[kind]:
            return ACCEPT[kind][mt]
        if mt in ("*/*", "*") or (
            mt.endswith("/*") and any(k.startswith(mt[:-1]) for k in ACCEPT[kind])
        ):
            if mt in ("*/*", "*"):
                return DEFAULT_FORMAT[kind]
            return next(v for k, v in ACCEPT[kind].items() if k.startswith(mt[:-1]))
    return None


@dataclass
class Result:
    """What a query returned: ``kind`` is "select", "ask" or "graph"."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    truncated: bool = False  # the result cap cut it short
    seconds: float = 0.0

    @property
    def family(self) -> str:
        return "graph" if self.kind == "graph" else "results"

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    def to_python(self):
        """SELECT → list of dicts, ASK → bool, CONSTRUCT/DESCRIBE → list of triples."""
        if self.kind == "ask":
            return self.boolean
        if self.kind == "graph":
            return [
                tuple(to_python(x) for x in (t.subject, t.predicate, t.object))
                for t in self.triples
            ]
        return [
            {v: to_python(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def sparql_json(self) -> dict:
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        if self.kind != "select":
            raise QueryError("a CONSTRUCT/DESCRIBE result is a graph, not a results table")
        return {
            "head": {"vars": list(self.variables)},
            "results": {
                "bindings": [
                    {
                        v: term_json(t)
                        for v, t in zip(self.variables, row, strict=True)
                        if t is not None
                    }
                    for row in self.rows
                ]
            },
        }

    def page_json(self) -> dict:
        """What the explorer page shows: SPARQL JSON for SELECT/ASK; for CONSTRUCT/
        DESCRIBE the triples as a subject/predicate/object table (in the same JSON
        shape) and the graph as Turtle, for download."""
        if self.kind != "graph":
            return self.sparql_json()
        names = ("subject", "predicate", "object")
        return {
            "head": {"vars": list(names)},
            "results": {
                "bindings": [
                    {
                        n: term_json(x)
                        for n, x in zip(names, (t.subject, t.predicate, t.object), strict=True)
                    }
                    for t in self.triples
                ]
            },
            "graph": True,
            "turtle": self.serialize("ttl", GRAPH_PREFIXES).decode("utf-8"),
        }

    def serialize(self, fmt: str, prefixes: dict | None = None) -> bytes:
        """Bytes in a SPARQL results format (json xml csv tsv) or, for a graph,
        an RDF format (ttl nt xml jsonld); "page" is :meth:`page_json`."""
        if fmt == "page":
            return json.dumps(self.page_json(), ensure_ascii=False).encode("utf-8")
        fmt = FORMAT_ALIASES.get(fmt, fmt)
        if self.kind == "graph":
            fmt = {"json": "jsonld"}.get(fmt, fmt)
            if fmt not in GRAPH_FORMATS:
                raise QueryError(
                    f"a CONSTRUCT/DESCRIBE result is a graph: use one of {', '.join(GRAPH_FORMATS)}"
                )
            kw = {"prefixes": prefixes} if prefixes and fmt in ("ttl", "xml") else {}
            return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt], **kw)
        if fmt not in RESULT_FORMATS:
            raise QueryError(
                f"a SELECT/ASK result is a table: use one of {', '.join(RESULT_FORMATS)}"
            )
        data = json.dumps(self.sparql_json(), ensure_ascii=False).encode("utf-8")
        if fmt == "json":
            return data
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=RESULT_FORMATS[fmt])

    def table(self, prefixes: dict | None = None) -> str:
        """A readable, aligned table (IRIs shortened with the prefixes)."""
        if self.kind == "ask":
            return "true" if self.boolean else "false"
        if self.kind == "graph":
            return self.serialize("ttl", GRAPH_PREFIXES).decode("utf-8")
        short = sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1]))

        def cell(t) -> str:
            if t is None:
                return ""
            if isinstance(t, ox.NamedNode):
                for p, ns in short:
                    if t.value.startswith(ns) and len(t.value) > len(ns):
                        return f"{p}:{t.value[len(ns) :]}"
                return f"<{t.value}>"
            v = str(to_python(t))
            return v.replace("\n", " ").replace("\t", " ")

        head = list(self.variables)
        body = [[cell(t) for t in row] for row in self.rows]
        widths = [_width(h) for h in head]
        for r in body:
            widths = [max(w, _width(c)) for w, c in zip(widths, r, strict=True)]
        lines = ["  ".join(_pad(h, w) for h, w in zip(head, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body
        ]
        n = len(self.rows)
        lines.append(f"({n} row{'s' if n != 1 else ''}{', truncated' if self.truncated else ''})")
        return "\n".join(lines)

    def format(self, fmt: str = "table", prefixes: dict | None = None) -> str:
        if fmt == "table":
            return self.table(prefixes)
        return self.serialize(fmt, GRAPH_PREFIXES).decode("utf-8")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def one_line(msg: str) -> str:
    return re.sub(r"\s*\n\s*", " ", str(msg)).strip()


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
    is checked while reading results; use :class:`QueryPool` for a hard limit.
    Relative IRIs resolve against the query's own ``BASE``, else against ``base``
    (the server passes its endpoint's URL; :data:`BASE_IRI` otherwise).
    """
    check_read_only(sparql)
    kwargs = {}
    if base and getattr(store, "remote", None) is None:  # a remote store uses its own base
        kwargs["base_iri"] = base
    if canned is None and params:  # a canned query sent as its text (the explorer does)
        canned = _canned_by_text(sparql, params)
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
        raise QueryRefused(_NO_NETWORK) from None
    except (OSError, ValueError, TypeError, RuntimeError) as e:
        raise QueryError(one_line(e)) from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            res = Result("ask", boolean=bool(answer))
        elif isinstance(answer, ox.QuerySolutions):
            res = Result("select", variables=[v.value for v in answer.variables])
            names = res.variables
            for i, sol in enumerate(answer):
                if limit is not None and i >= limit:
                    res.truncated = True
                    break
                if deadline is not None and i % 256 == 0 and time.monotonic() > deadline:
                    raise QueryTimeout("the query ran over the time limit and was stopped")
                res.rows.append(tuple(sol[n] for n in names))
        else:
            res = Result("graph")
            for i, t in enumerate(answer):
                if limit is not None and i >= limit:
                    res.truncated = True
                    break
                if deadline is not None and i % 256 == 0 and time.monotonic() > deadline:
                    raise QueryTimeout("the query ran over the time limit and was stopped")
                res.triples.append(t)
    except PermissionError:
        raise QueryRefused(_NO_NETWORK) from None
    except (OSError, ValueError, RuntimeError) as e:
        raise QueryError(one_line(e)) from None
    res.seconds = time.perf_counter() - t0
    return res


def _graph_node(g):
    if isinstance(g, (ox.NamedNode, ox.DefaultGraph)):
        return g
    try:
        return ox.NamedNode(str(g))
    except ValueError as e:
        raise QueryError(f"bad graph IRI {g!r}: {e}") from None


# ------------------------------------------------------------------ no network for queries
#
# pyoxigraph has its own HTTP client: a query with SERVICE <http://…> makes the
# process that runs it open a TCP connection (the SSRF of issue 13). The read-only
# check refuses SERVICE, and, in case a query ever slips past it, the processes
# that run other people's queries (the server's workers) cannot open a network
# socket at all: a seccomp filter makes socket() fail for every family but
# AF_UNIX (and io_uring, which would bypass it). Linux x86-64 and arm64; elsewhere
# a new, empty network namespace when the kernel allows it.

_SECCOMP_ARCH = {  # machine → (AUDIT_ARCH, __NR_socket, __NR_io_uring_setup)
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}


def _seccomp_no_inet() -> bool:
    import ctypes
    import errno
    import platform

    arch = _SECCOMP_ARCH.get(platform.machine())
    if arch is None:
        return False
    audit, nr_socket, nr_uring = arch
    ld_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | errno.EACCES
    prog = [  # (code, jt, jf, k); seccomp_data: nr @0, arch @4, args[0] @16
        (ld_abs, 0, 0, 4),
        (jeq, 0, 7, audit),  # another ABI (i386 int 0x80): deny
        (ld_abs, 0, 0, 0),
        (jge, 5, 0, 0x40000000),  # x32 system calls: deny
        (jeq, 4, 0, nr_uring),
        (jeq, 0, 2, nr_socket),
        (ld_abs, 0, 0, 16),
        (jeq, 0, 1, 1),  # socket(AF_UNIX, …) only
        (ret, 0, 0, allow),
        (ret, 0, 0, deny),
    ]

    class Filter(ctypes.Structure):
        _fields_ = [
            ("code", ctypes.c_ushort),
            ("jt", ctypes.c_ubyte),
            ("jf", ctypes.c_ubyte),
            ("k", ctypes.c_uint32),
        ]

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    insns = (Filter * len(prog))(*[Filter(*i) for i in prog])
    fprog = Prog(len(prog), insns)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [
        ctypes.c_int,
        ctypes.c_ulong,
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
    ]
    if libc.prctl(38, 1, None, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        return False
    return libc.prctl(22, 2, ctypes.byref(fprog), 0, 0) == 0  # PR_SET_SECCOMP, FILTER


def _empty_netns() -> bool:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (0x40000000, 0x40000000 | 0x10000000):  # NEWNET, NEWNET|NEWUSER
        if libc.unshare(flags) == 0:
            return True
    return False


def deny_network() -> str | None:
    """Make this process unable to reach the network, for good: "seccomp",
    "netns", or None when neither is possible here (then only the read-only
    check stands between a query and the network)."""
    if sys.platform != "linux":
        return None
    try:
        if _seccomp_no_inet():
            return "seccomp"
        if _empty_netns():
            return "netns"
    except (OSError, AttributeError):
        pass
    return None


# ------------------------------------------------------------------ time limits


@contextlib.contextmanager
def exit_after(seconds: float | None, message: str):
    """For a one-shot command: print ``message`` and end the process (exit 1) if the
    block runs longer than ``seconds`` (pyoxigraph cannot interrupt a query)."""
    if not seconds:
        yield
        return

    def stop() -> None:
        sys.stderr.write(message.rstrip("\n") + "\n")
        sys.stderr.flush()
        os._exit(1)

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@dataclass
class Answer:
    """A serialised result from :class:`QueryPool`."""

    kind: str  # select | ask | graph
    fmt: str
    body: bytes
    count: int
    truncated: bool
    seconds: float

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES["graph" if self.kind == "graph" else "results", self.fmt]


class _Pipe:
    """Length-prefixed pickles over a pair of pipes (only to our own worker)."""

    def __init__(self, rfile, wfile) -> None:
        self.rfile, self.wfile = rfile, wfile

    def send(self, obj) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self.wfile.write(struct.pack("<Q", len(data)) + data)
        self.wfile.flush()

    def _read(self, n: int) -> bytes:
        buf = bytearray()
        while len(buf) < n:
            chunk = self.rfile.read(n - len(buf))
            if not chunk:
                raise EOFError("the query worker closed its pipe")
            buf += chunk
        return bytes(buf)

    def recv(self):
        (n,) = struct.unpack("<Q", self._read(8))
        return pickle.loads(self._read(n))

    def poll(self, timeout: float | None) -> bool:
        ready, _, _ = select.select([self.rfile], [], [], timeout)
        return bool(ready)

    def close(self) -> None:
        for f in (self.rfile, self.wfile):
            with contextlib.suppress(OSError, ValueError):
                f.close()


def _switch(store, want: str | None):
    """The store a job pinned to generation ``want`` runs on (see :meth:`QueryPool.run`).

    The open one when it is that generation (or a remote store, which has none);
    else ``want`` opened, or the newest complete generation when a later build has
    removed ``want`` (``want`` None: the newest). When nothing can be opened, the
    generation already open goes on answering: it is complete, never half-written.
    """
    from kg.store import KgStore, open_store

    gen = getattr(store, "generation", None)
    if gen is None or (want is not None and gen.name == want):
        return store
    try:
        try:
            if not want or not want.startswith("gen-") or "/" in want:
                raise ValueError(want)
            meta = json.loads((store.path / want / "meta.json").read_text(encoding="utf-8"))
            new = KgStore(store.path, store.path / want, meta)
        except (OSError, ValueError, KgError):
            new = open_store(store.path)
    except KgError:
        return store
    store.close()  # this worker runs one query at a time: nothing else reads it
    return new


def _run_job(store, job):
    """Run one job on the generation it is pinned to; the store used and the Result.

    A generation stays readable after a build removes it (its files stay open on
    Linux); should a read fail anyway because its files are gone, the query runs
    again on the newest generation."""
    sparql, params, dg, ng, _accept, _fmt, limit, base, want = job
    if want is not None:  # None: the pool could not read CURRENT; keep the open one
        store = _switch(store, want)
    kw = dict(default_graph=dg, named_graphs=ng, limit=limit, base=base)
    try:
        return store, execute(store, sparql, params, **kw)
    except QueryError as e:
        gen = getattr(store, "generation", None)
        if type(e) is not QueryError or gen is None or gen.is_dir():
            raise
    store = _switch(store, None)
    return store, execute(store, sparql, params, **kw)


def _worker_main(store_path: str) -> None:
    """A query worker: ``python -c 'from kg.query import _worker_main; …' STORE``.

    Reads jobs from stdin and answers on stdout (anything printed goes to stderr).
    """
    from kg.store import open_store

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    conn = _Pipe(sys.stdin.buffer, out)
    # before any query: no SERVICE can reach out, checked or not. A remote store is
    # reached over HTTP by this process, and runs the queries itself: no sandbox then
    remote = store_path.startswith(("http://", "https://"))
    sandbox = None if remote else deny_network()
    try:
        store = open_store(store_path)
    except KgError as e:
        conn.send(("dead", str(e)))
        return
    conn.send(("ready", os.getpid(), sandbox))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            accept, fmt = job[4], job[5]
            store, res = _run_job(store, job)
            chosen = fmt or negotiate(accept, res.family)
            if res.kind == "graph" and chosen == "json":
                chosen = "jsonld"
            if chosen is None:
                conn.send(
                    ("error", "NotAcceptable", f"no acceptable format for a {res.kind} result")
                )
                continue
            body = res.serialize(chosen, GRAPH_PREFIXES)
            conn.send(("ok", Answer(res.kind, chosen, body, len(res), res.truncated, res.seconds)))
        except QueryError as e:
            conn.send(("error", type(e).__name__, str(e)))
        except Exception as e:  # noqa: BLE001 - the worker must answer something
            conn.send(("error", "QueryError", one_line(f"{type(e).__name__}: {e}")))


class _Proc:
    """One worker process: a fresh interpreter running :func:`_worker_main`
    (not multiprocessing, so it never re-imports the caller's ``__main__``)."""

    def __init__(self, store_path: str) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from kg.query import _worker_main; "
             "_worker_main(sys.argv[1])", store_path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            env=env,
            close_fds=True,
        )  # fmt: skip
        self.conn = _Pipe(self.proc.stdout, self.proc.stdin)
        self.ready = False
        self.sandbox: str | None = None  # how the worker is kept off the network
        self.lane = "open"

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            self.kill()
            raise QueryError("the query worker did not start")
        try:
            msg = self.conn.recv()
        except EOFError:
            self.kill()
            raise QueryError("the query worker did not start") from None
        if msg[0] != "ready":
            self.kill()
            raise QueryError(msg[1])
        self.ready = True
        self.sandbox = msg[2]

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)
        self.conn.close()


_ERRORS = {
    "QuerySyntaxError": QuerySyntaxError,
    "QueryRefused": QueryRefused,
    "QueryTimeout": QueryTimeout,
    "QueryError": QueryError,
}


class NotAcceptable(QueryError):
    status = 406


_ERRORS["NotAcceptable"] = NotAcceptable


class QueryPool:
    """Worker processes that run queries on a store with a hard time limit.

    A query that runs over ``timeout`` seconds gets its worker killed (and
    replaced) and raises :class:`QueryTimeout`. ``limit`` caps the rows/triples
    of an answer. Each worker is a fresh interpreter (safe in a threaded server)
    that cannot reach the network (:func:`deny_network`).

    Two lanes, so that slow queries cannot starve short ones: ``workers`` run
    any query ("open" lane); ``reserved`` more run only the canned queries
    ("canned" lane: kg's own, short queries, as the explorer sends them), which
    also take an idle open worker when theirs is busy. Two slow queries can hold
    every open worker for the whole time limit; canned queries still answer.

    A new ``kg build`` or ``kg add`` is seen without a restart: each query is
    pinned, when :meth:`run` starts, to the generation ``CURRENT`` names then (a
    complete one: a writer swaps ``CURRENT`` only after the last byte), and the
    worker that runs it switches to that generation between queries. A query
    already running finishes on the generation it started on.
    """

    LANES = ("open", "canned")

    def __init__(
        self,
        store_path,
        *,
        workers: int = 2,
        reserved: int = 1,
        timeout: float = 30.0,
        limit: int | None = 10000,
    ) -> None:
        self.store_path = str(store_path)
        remote = self.store_path.startswith(("http://", "https://"))
        self._root = None if remote else Path(self.store_path)
        self.timeout = timeout
        self.limit = limit
        self.sizes = {"open": max(1, workers), "canned": max(0, reserved)}
        self._idle: dict[str, queue.Queue[_Proc]] = {lane: queue.Queue() for lane in self.LANES}
        self._all: set[_Proc] = set()
        self._lock = threading.Lock()
        self._closed = False
        for lane, n in self.sizes.items():
            for _ in range(n):
                self._add(lane)
        first = self._idle["open"].get()
        try:
            first.wait_ready(60)
        finally:
            self._idle["open"].put(first)
        self.sandbox = first.sandbox  # "seccomp", "netns" or None

    def _add(self, lane: str = "open") -> None:
        if self._closed:  # a query ended by close(): no replacement
            return
        p = _Proc(self.store_path)
        p.lane = lane
        with self._lock:
            self._all.add(p)
        self._idle[lane].put(p)

    def _drop(self, p: _Proc) -> None:
        p.kill()
        with self._lock:
            self._all.discard(p)

    def generation(self) -> str | None:
        """The name of the generation a query started now runs on: the one the
        store's ``CURRENT`` names (None for a remote store, or when it cannot be
        read: then each worker keeps the generation it has open)."""
        if self._root is None:
            return None
        from kg.store import current_generation

        try:
            gen = current_generation(self._root)
        except KgError:
            return None
        return gen.name if gen is not None else None

    def busy(self, lane: str = "open") -> int:
        """How many workers of ``lane`` are running a query now."""
        return self.sizes[lane] - self._idle[lane].qsize()

    def _take(self, lane: str, timeout: float | None) -> _Proc:
        """An idle worker for ``lane`` (a canned query may borrow an open one)."""
        if lane == "canned":
            for q in (self._idle["canned"], self._idle["open"]):
                with contextlib.suppress(queue.Empty):
                    return q.get_nowait()
            if not self.sizes["canned"]:
                lane = "open"
        return self._idle[lane].get(timeout=timeout)

    def run(
        self,
        sparql: str,
        params: dict | None = None,
        *,
        default_graph=None,
        named_graphs=None,
        accept: str | None = None,
        fmt: str | None = None,
        timeout: float | None = None,
        limit: int | None = None,
        base: str | None = BASE_IRI,
        lane: str = "open",
    ) -> Answer:
        """Run a query in a worker of ``lane``; ``fmt`` "page" is the explorer's JSON
        (see :meth:`Result.page_json`); ``base`` resolves relative IRIs (see
        :func:`execute`)."""
        if self._closed:
            raise QueryError("the query pool is closed")
        check_read_only(sparql)
        bindings(params)  # reject bad parameters here, with a clear message
        if lane not in self.LANES:
            raise ValueError(f"no lane {lane!r}")
        timeout = self.timeout if timeout is None else min(timeout, self.timeout or timeout)
        limit = self.limit if limit is None else min(limit, self.limit or limit)
        generation = self.generation()  # before waiting for a worker: the graph as of now
        try:
            p = self._take(lane, timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"the server is busy: no worker became free in {timeout:g} s"
            ) from None
        try:
            p.wait_ready(60)
        except QueryError:
            with self._lock:
                self._all.discard(p)
            self._add(p.lane)
            raise
        try:
            p.conn.send(
                (
                    sparql,
                    dict(params or {}),
                    default_graph,
                    named_graphs,
                    accept,
                    fmt,
                    limit,
                    base,
                    generation,
                )
            )
            # the time limit is the query's: waiting for a worker (bounded above) and a
            # new worker's start-up (a second or more on a loaded machine) are not billed
            if not p.conn.poll(timeout or None):
                self._drop(p)
                lost, p = p, None
                self._add(lost.lane)
                raise QueryTimeout(
                    f"the query ran over the time limit of {timeout:g} s and was stopped"
                )
            msg = p.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if p is not None:
                self._drop(p)
                lost, p = p, None
                self._add(lost.lane)
            raise QueryError("the query worker died while running the query") from None
        finally:
            if p is not None:
                self._idle[p.lane].put(p)
        if msg[0] == "ok":
            return msg[1]
        if msg[0] == "error":
            raise _ERRORS.get(msg[1], QueryError)(msg[2])
        raise QueryError(str(msg))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            procs = list(self._all)
            self._all.clear()
        for p in procs:
            try:
                p.conn.send(None)
            except (OSError, ValueError):
                pass
            p.kill()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
