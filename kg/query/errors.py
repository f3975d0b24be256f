"""What goes wrong with a query, said readably.

The errors of :mod:`kg.query` (each a :class:`kg.errors.KgError` with the HTTP
status the server answers with), and syntax messages that name the line and
column and show the line with a caret under the column.
"""

from __future__ import annotations

import re
import unicodedata

from kg.errors import KgError


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


class NotAcceptable(QueryError):
    """No format the client accepts exists for this kind of result."""

    status = 406


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
    return f"{head}\n  {shown}\n  {' ' * display_width(shown[:pad])}^"


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


def one_line(msg: str) -> str:
    return re.sub(r"\s*\n\s*", " ", str(msg)).strip()


def display_width(s: str) -> int:
    """Columns ``s`` takes in a terminal (a wide CJK character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
