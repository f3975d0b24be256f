"""The canned queries rewritten for speed (bench/query_bench.py) answer exactly what
they answered before (tests/fixtures/canned-before/*.rq, parameters bound as
pyoxigraph substitutions), and parameters inlined as a VALUES block cannot change
a query's shape whatever their value.

Canned queries are paged (``--param limit=N|all --param offset=M``): every row with
``limit=all``, the first page by default, and pages that follow each other."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from viz_helpers import seed_store

import kg
from kg.query import QueryError, bindings, canned_queries, execute, inline_values, load_query

BEFORE = Path(__file__).parent / "fixtures" / "canned-before"
NAMES = sorted(canned_queries())
HOSTILE = [
    '"',
    "'",
    '" } ; DROP ALL ; SELECT * WHERE { "',
    "} ; DROP ALL",
    'x" . ?p ?q ?r } #',
    "line\nbreak\r\n",
    "back\\slash\\",
    '"""triple"""',
    "<http://evil/> } UNION { ?s ?p ?o",
    "# not a comment",
    "\u2028\u0000tab\t",
    "",
    "西部（重庆）科学城",
]


@pytest.fixture(scope="module")
def g():
    with kg.open(seed_store()) as graph:
        yield graph


def _params(g, canned, value=None):
    return g.spell({p: value for p in canned.params} if value is not None else canned.example())


def _rows(res):
    return sorted(tuple("" if t is None else str(t) for t in row) for row in res.rows)


@pytest.mark.parametrize("name", NAMES)
def test_rewritten_query_returns_the_rows_it_returned_before(g, name):
    text, canned = load_query(name)
    before = (BEFORE / f"{name}.rq").read_text(encoding="utf-8")
    values = [canned.example()] if canned.params else [{}]
    if canned.params:  # an alias in the other bracket width, and a name that is nothing
        values += [
            {p: "西部(重庆)科学城" for p in canned.params},
            {p: "无此名" for p in canned.params},
        ]
    for raw in values:
        params = g.spell(raw)
        # every row, or the first page of a query that had one before (most-connected)
        page = {} if re.search(r"\bLIMIT\s+\d+\s*$", before) else {"limit": "all"}
        new = execute(g.store, text, {**params, **page}, canned=canned)
        old = execute(g.store, before, params)  # substitutions, as before
        assert new.variables == old.variables, name
        assert _rows(new) == _rows(old), (name, raw)
    if canned.params:
        assert len(execute(g.store, text, g.spell(canned.example()), canned=canned)), name


@pytest.mark.parametrize("name", NAMES)
def test_ordered_queries_keep_their_order(g, name):
    text, canned = load_query(name)
    if "ORDER BY" not in text:
        return
    before = (BEFORE / f"{name}.rq").read_text(encoding="utf-8")
    params = g.spell(canned.example())
    old = execute(g.store, before, params).to_python()
    # the old query's sort keys (answer columns) come in the same order (rows equal
    # in all of them may swap), in the whole answer and in the first page. The new
    # queries sort on keys of their own (short keys of the names, IRIs right after a
    # name): the same order, but for rows whose names are all equal
    clause = re.split(r"\bLIMIT\b", before.rsplit("ORDER BY", 1)[1])[0]
    keys = re.findall(r"\?(\w+)", clause)
    assert keys, name
    pages = [{}] if re.search(r"\bLIMIT\s+\d+\s*$", before) else [{"limit": "all"}, {}]
    for page in pages:
        new = execute(g.store, text, {**params, **page}, canned=canned).to_python()
        assert [[r.get(k) for k in keys] for r in new] == [
            [r.get(k) for k in keys] for r in old[: len(new)]
        ]
        if not page:  # the first page
            assert len(new) == min(len(old), canned.page), name


@pytest.mark.parametrize("name", NAMES)
def test_pages_follow_each_other(g, name):
    text, canned = load_query(name)
    assert canned.page, f"{name} is not paged"
    params = g.spell(canned.example())
    every = _ordered(execute(g.store, text, {**params, "limit": "all"}, canned=canned))
    assert every, name
    first = _ordered(execute(g.store, text, params, canned=canned))
    assert first == every[: canned.page]
    for n in (1, 2, 3):  # page 1 + page 2 = the first 2n rows
        p1 = _ordered(execute(g.store, text, {**params, "limit": n}, canned=canned))
        p2 = execute(g.store, text, {**params, "limit": str(n), "offset": str(n)}, canned=canned)
        assert p1 + _ordered(p2) == every[: 2 * n], (name, n)
    rest = execute(g.store, text, {**params, "limit": "all", "offset": "3"}, canned=canned)
    assert _ordered(rest) == every[3:]
    beyond = execute(g.store, text, {**params, "offset": len(every)}, canned=canned)
    assert len(beyond) == 0


def _ordered(res):
    return [tuple("" if t is None else str(t) for t in row) for row in res.rows]


@pytest.mark.parametrize("bad", ["0", "-1", "x", "1.5", "1e3", "", "all; DROP ALL", True])
def test_bad_page_values_are_refused(g, bad):
    text, canned = load_query("evidence")
    with pytest.raises(QueryError, match="limit"):
        execute(g.store, text, {"limit": bad}, canned=canned)
    with pytest.raises(QueryError, match="offset"):
        execute(g.store, text, {"offset": "all" if bad == "0" else bad}, canned=canned)


def test_paging_is_for_canned_queries_only(g):
    # a query of one's own pages with LIMIT and OFFSET; ?limit is a variable there
    rows = execute(g.store, "SELECT ?limit WHERE { }", {"limit": "3"}).to_python()
    assert rows == [{"limit": 3}]
    with pytest.raises(QueryError, match="unknown parameter 'page'"):
        text, canned = load_query("companies-in-park")
        execute(g.store, text, {"park": "x", "offset": "1", "page": "2"}, canned=canned)


def test_a_canned_query_sent_as_text_is_bound_and_paged_like_by_name(g):
    # the explorer and the server's canned lane send the text, not the name
    text, canned = load_query("companies-in-park")
    params = g.spell({"park": "西部（重庆）科学城", "limit": "2", "offset": "1"})
    by_name = execute(g.store, text, params, canned=canned)
    by_text = execute(g.store, text, params)
    assert len(by_name) == 2 and _ordered(by_text) == _ordered(by_name)


def test_cli_pages(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    store = str(seed_store())
    args = ["query", "evidence", "--format", "csv", "--store", store]
    every = CliRunner().invoke(main, [*args, "-p", "limit=all"])
    first = CliRunner().invoke(main, [*args, "-p", "limit=3"])
    second = CliRunner().invoke(main, [*args, "-p", "limit=3", "-p", "offset=3"])
    assert every.exit_code == first.exit_code == second.exit_code == 0, every.output
    rows = every.output.splitlines()
    assert first.output.splitlines() + second.output.splitlines()[1:] == rows[:7]
    bad = CliRunner().invoke(main, [*args, "-p", "offset=-1"])
    assert bad.exit_code == 1 and "offset" in bad.output


def test_parameterised_canned_queries_are_inlined():
    for name in NAMES:
        text, canned = load_query(name)
        if not canned.params:
            continue
        subs = bindings(canned.example(), canned)
        out = inline_values(text, subs)
        assert out is not None, name
        assert "VALUES (" in out and "STRLANG(?" not in out, name


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["companies-in-park", "facts", "parks-by-industry", "partners"])
def test_hostile_values_are_one_term_and_change_nothing(g, name, value):
    text, canned = load_query(name)
    subs = bindings({p: value for p in canned.params}, canned)
    quads = len(g.store)
    inlined = inline_values(text, subs)
    assert inlined is not None
    # the query has the shape of the canned one: only the data block is new
    res = execute(g.store, text, {p: value for p in canned.params}, canned=canned)
    old = execute(g.store, (BEFORE / f"{name}.rq").read_text(encoding="utf-8"),
                  {p: value for p in canned.params})  # fmt: skip
    assert _rows(res) == _rows(old)
    for row in res.to_python():  # the parameter comes back as given, byte for byte
        assert all(row.get(p) == value for p in canned.params if p in row)
    assert len(g.store) == quads  # nothing was dropped


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.text(min_size=0, max_size=40))
def test_any_text_is_bound_as_exactly_itself(value):
    text, canned = load_query("companies-in-park")
    subs = {ox.Variable("park"): ox.Literal(value)}  # any string, even "12" or "<x>"
    inlined = inline_values(text, subs)
    assert inlined is not None
    got = list(ox.Store().query(inlined))
    assert got == []  # an empty store: a well-formed query with no answer
    block = next(ln for ln in inlined.split("\n") if ln.strip().startswith("VALUES (?park"))
    probe = ox.Store().query("SELECT ?park ?parkName WHERE { " + block + " }")
    rows = list(probe)
    assert len(rows) == 1
    assert rows[0]["park"] == ox.Literal(value)
    assert rows[0]["parkName"] == ox.Literal(value, language="zh")


def test_non_string_parameters_bind_as_names(g):
    text, canned = load_query("companies-in-park")
    assert (
        inline_values(text, bindings({"park": "<https://w3id.org/kg/id/park/x>"}, canned)) is None
    )
    # a number is a name like any other (STR before STRLANG): it names no park here,
    # where STRLANG of the number alone used to leave the name open and match every park
    assert inline_values(text, bindings({"park": "12"}, canned)) is not None
    assert _rows(execute(g.store, text, {"park": "12"}, canned=canned)) == []
