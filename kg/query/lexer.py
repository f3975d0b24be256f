"""The query's tokens, read by one linear pass of SPARQL's terminals.

The terminals are strings with their escapes, IRIs, prefixed names with their
escapes, variables, numbers, language tags and comments: a word inside a
string, an IRI, a name or a comment is never mistaken for a keyword, and a
keyword glued to a number or a boolean (``0.7SERVICE``, ``trueSERVICE``) is
still seen. Each character is read a bounded number of times, so a megabyte of
``<`` or of quotes costs milliseconds (the old checks sliced the text at every
``<`` and were quadratic). The read-only and size checks
(:mod:`kg.query.safety`), canned queries' pages and parameter blocks
(:mod:`kg.query.canned`, :mod:`kg.query.binding`) all read the query so.
"""

from __future__ import annotations

import re

from kg.query.errors import QuerySyntaxError, syntax_message

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


def tokens(sparql: str, strict: bool = True):
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


def code_tokens(sparql: str, strict: bool = True):
    """The tokens that matter to the parser (no blanks, no comments)."""
    return ((k, t, p) for k, t, p in tokens(sparql, strict) if k not in ("ws", "comment"))


def mask_comments(sparql: str) -> str:
    """The text with its comments blanked (same length, so offsets stay valid)."""
    out = []
    for kind, text, _ in tokens(sparql):
        out.append(" " * len(text) if kind == "comment" else text)
    return "".join(out)


CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(sparql: str) -> str:
    """SPARQL's codepoint escapes (\\u0053 is S), which the spec applies before parsing."""

    def one(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return CODEPOINT.sub(one, sparql)


def words(sparql: str, strict: bool = True) -> list[str]:
    """The bare words of the query (keywords and function names), upper-cased."""
    return [t.upper() for k, t, _ in code_tokens(sparql, strict) if k == "word"]
