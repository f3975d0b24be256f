"""Read-only, local, bounded: what a query may ask, decided on its text alone.

Pure functions of the query's text (its tokens, :mod:`kg.query.lexer`), run
before any engine sees it: :func:`check_read_only` refuses updates, LOAD and
SERVICE; :func:`check_shape` refuses a query nested deeper than
:data:`MAX_DEPTH` or bigger than :data:`MAX_PARTS`, which would crash
pyoxigraph. The processes that run other people's queries also have no
network (:mod:`kg.query.sandbox`), so a case missed here still reaches nothing.
"""

from __future__ import annotations

from kg.query.errors import QueryError, QueryRefused, syntax_message
from kg.query.lexer import CODEPOINT, code_tokens, unescape, words

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
    for kind, text, pos in code_tokens(sparql):
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

    Decided on the query's tokens (see :func:`kg.query.lexer.tokens`): SERVICE is
    refused wherever it is a keyword, also glued to a neighbour (``trueSERVICE``),
    in the text as written and after its codepoint escapes. Query workers also have
    no network (:func:`kg.query.sandbox.deny_network`), so a case missed here still
    reaches nothing.
    """
    check_shape(sparql)
    found = words(sparql)
    if CODEPOINT.search(sparql):
        # oxigraph reads codepoint escapes only inside strings and IRIs; the SPARQL
        # spec (and so a remote store) may read them everywhere: check that reading too
        found += words(unescape(sparql), strict=False)
    for word in found:
        if word in _UPDATE_WORDS:
            raise QueryRefused("kg is read-only here: SPARQL Update (and LOAD) is not accepted")
        if "SERVICE" in word:
            raise QueryRefused(
                "SERVICE (federated query) is not allowed: kg only queries its own graph"
            )
