"""Errors say where: a syntax error names the line and column and shows the line
with a caret under the column, for people (``kg query``) and programs alike."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st
from viz_helpers import seed_store

from kg.cli import main
from kg.query import execute
from kg.query.errors import QuerySyntaxError, display_width, syntax_message


def test_syntax_error_names_line_and_column_with_a_caret(seeds):
    q = "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }"
    with pytest.raises(QuerySyntaxError) as e:
        execute(seeds, q)
    head, shown, caret = str(e.value).split("\n")
    m = re.fullmatch(r"syntax error at line 3, column (\d+): expected one of [A-Z]+, .*", head)
    assert m, head
    assert shown == "    FILTER(?o = ) }"  # the line, and a caret under the column
    assert caret == "  " + " " * (int(m.group(1)) - 1) + "^"
    # oxigraph's character classes ("[_]", "['\\u{10000}'..='\\u{effff}']") are left out
    with pytest.raises(QuerySyntaxError) as e:
        execute(seeds, 'SELECT * WHERE { BIND("a" AS ?x\\u0029 }')
    assert str(e.value).split("\n")[0] == "syntax error at line 1, column 32: expected )"
    assert "[" not in str(e.value).split("\n")[0] and "..=" not in str(e.value)


def test_cli_query_errors_are_one_line():
    store = str(seed_store())
    r = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s ?p }", "--store", store])
    assert r.exit_code == 1  # one error line, then the query's line and a caret under it
    head, shown, caret, end = r.output.split("\n")
    assert head.startswith("kg: error: syntax error at line 1, column 25: expected ")
    assert shown == "  SELECT * WHERE { ?s ?p }" and caret == "  " + " " * 24 + "^" and end == ""
    r = CliRunner().invoke(main, ["query", "companies-in-park", "--store", store])
    assert r.exit_code == 1 and "needs --param park" in r.output
    r = CliRunner().invoke(main, ["query", "DROP ALL", "--store", store])
    assert r.exit_code == 1 and "read-only" in r.output


# text with tabs, line breaks and wide characters around the spot; "@" marks it
LINE_TEXT = st.text(st.sampled_from(list("ab Z9{}?\t\n中（）")), max_size=150)


@given(LINE_TEXT, LINE_TEXT)
@example("x" * 70, "y")  # a long line: shown from "…", around the column
@example("中文\t", "")
def test_the_caret_is_under_the_spot(before, after):
    text = before + "@" + after
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    head, shown, caret = syntax_message(text, len(before), "what").split("\n")
    assert head == f"line {line}, column {column}: what"
    assert syntax_message(text, len(before), "what", short=True) == (
        f"what (line {line}, column {column})"
    )
    assert caret.strip() == "^" and display_width(shown[: shown.index("@")]) == caret.index("^")
