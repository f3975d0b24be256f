"""Parameters are bound as RDF terms, never pasted: the CLI's NAME=VALUE pairs,
terms from strings, the check against a canned query's parameters, the VALUES
block the planner sees and the pages of a paged canned query. The functions are
pure; most tests here are properties over any value.

(More properties over values: tests/test_fuzz.py, tests/test_query_perf.py.)
"""

from __future__ import annotations

import decimal
import re

import pyoxigraph as ox
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.query import execute, load_query
from kg.query.binding import (
    bindings,
    inline_values,
    page_query,
    parse_params,
    term_from_string,
)
from kg.query.canned import PAGE_PARAMS, canned_queries
from kg.query.errors import QueryError
from kg.query.lexer import code_tokens
from kg.query.results import XSD, to_python
from kg.query.safety import check_read_only

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True)
CANNED = canned_queries()
WITH_PARAMS = sorted(n for n, c in CANNED.items() if c.params)
PAGED = sorted(n for n, c in CANNED.items() if c.page)


def test_parameters_are_bound_not_pasted(seeds):
    evil = '西部（重庆）科学城" , "x") } UNION { ?org ?p ?o } #'
    text, canned = load_query("companies-in-park")
    assert execute(seeds, text, {"park": evil}, canned=canned).to_python() == []
    # an IRI parameter and a number
    rows = execute(
        seeds,
        "SELECT ?x ?n WHERE { }",
        {"x": "<https://w3id.org/kg/id/park/none>", "n": "3"},
    ).to_python()
    assert rows == [{"x": "https://w3id.org/kg/id/park/none", "n": 3}]


def test_parameter_errors():
    text, canned = load_query("companies-in-park")
    with pytest.raises(QueryError, match="needs --param park"):
        execute(None, text, {}, canned=canned)
    with pytest.raises(QueryError, match="unknown parameter 'city'"):
        execute(None, text, {"park": "x", "city": "y"}, canned=canned)
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["park"])
    assert parse_params(["park=a=b", "?x=1"]) == {"park": "a=b", "x": "1"}
    with pytest.raises(QueryError, match="no canned query named 'nosuch'"):
        load_query("nosuch")


# ------------------------------------------------------------------ NAME=VALUE


@given(st.dictionaries(NAMES, st.text(max_size=30), max_size=4), st.sampled_from(["", "?", "$"]))
@example({"park": "a=b"}, "")
def test_a_pair_is_read_as_its_name_and_everything_after_the_first_equals(params, mark):
    assert parse_params([f"{mark}{k}={v}" for k, v in params.items()]) == params


@given(st.text(max_size=30).filter(lambda s: "=" not in s))
def test_a_pair_without_equals_is_refused(pair):
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params([pair])


# ------------------------------------------------------------------ terms


@given(st.text(max_size=30))
@example("<urn:x>")
@example("<not an iri>")
@example("-12")
@example(".5")
def test_a_value_is_an_iri_a_number_or_exactly_its_text(value):
    try:
        term = term_from_string(value)
    except QueryError as e:  # only a value written as an IRI that is none
        assert "bad IRI" in str(e) and value[0] == "<" and value[-1] == ">"
        return
    if len(value) > 2 and value[0] == "<" and value[-1] == ">":
        assert term == ox.NamedNode(value[1:-1])
    elif re.fullmatch(r"[+-]?\d+|[+-]?\d*\.\d+", value):
        assert term.datatype.value in (XSD + "integer", XSD + "decimal")
    else:
        assert term == ox.Literal(value)


@given(st.integers(), st.integers(0, 3), st.booleans())
@example(2**63, 1, True)
def test_an_integer_is_the_same_term_however_it_is_written(n, zeros, plus):
    text = ("-" if n < 0 else "+" if plus else "") + "0" * zeros + str(abs(n))
    term = term_from_string(text)
    assert term.datatype.value == XSD + "integer" and to_python(term) == n
    if -(2**63) <= n < 2**63:  # what pyoxigraph holds: read in canonical form
        assert term == term_from_string(str(n))


@given(
    st.decimals(min_value=-(10**15), max_value=10**15, places=6, allow_nan=False),
    st.integers(0, 4),
    st.integers(0, 2),
)
@example(decimal.Decimal("-0.000000"), 0, 1)
def test_a_decimal_is_the_same_term_however_it_is_written(d, zeros, lead):
    text = format(d, "f")
    text = text if "." in text else text + ".0"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    term = term_from_string(text)
    assert term.datatype.value == XSD + "decimal"
    assert decimal.Decimal(term.value) == d
    assert term_from_string(sign + "0" * lead + digits + "0" * zeros) == term


# ------------------------------------------------------------------ a canned query's parameters


@given(
    st.sampled_from(sorted(CANNED)),
    st.sets(st.sampled_from(["park", "industry", "entity", "city", *PAGE_PARAMS]) | NAMES),
)
def test_a_canned_query_takes_exactly_its_parameters(name, names):
    canned = CANNED[name]
    params = {n: "x" for n in names}
    takes = set(names) - (set(PAGE_PARAMS) if canned.page else set())
    if takes == set(canned.params):
        assert set(bindings(params, canned)) == {ox.Variable(p) for p in canned.params}
    else:
        with pytest.raises(QueryError, match="unknown parameter|needs --param"):
            bindings(params, canned)


# ------------------------------------------------------------------ the VALUES block


def _shape(sparql: str) -> list[tuple[str, str]]:
    """The query's tokens, with the text of its strings left out."""
    return [(k, "" if k == "str" else t) for k, t, _ in code_tokens(sparql)]


# a value of each kind of term a parameter can be, to compare shapes with
_LIKE = {XSD + "string": "x", XSD + "integer": "1", XSD + "decimal": "1.5"}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WITH_PARAMS), st.text(max_size=30))
@example("companies-in-park", '西部" } UNION { ?org ?p ?o } #')
@example("facts", "\\u0022 SERVICE <http://x/> {}")
@example("partners", "\\\\u0022 } ; DROP ALL")
@example("parks-by-industry", "00012")
@example("parks-by-industry", "-1.50")
@example("companies-in-park", "<urn:x>")
def test_a_bound_value_never_changes_the_querys_shape(name, value):
    """Inlined, any value is the string of one term: the query's tokens are those
    of the same query with any other value of its kind, and it stays read-only."""
    canned = CANNED[name]
    try:
        subs = bindings({p: value for p in canned.params}, canned)
    except QueryError:  # a value written as an IRI that is none
        return
    inlined = inline_values(canned.text, subs)
    (term,) = subs.values()
    if isinstance(term, ox.NamedNode):  # an IRI is no name: bound as a substitution
        assert inlined is None
        return
    like = bindings({p: _LIKE[term.datatype.value] for p in canned.params}, canned)
    assert _shape(inlined) == _shape(inline_values(canned.text, like))
    check_read_only(inlined)


# ------------------------------------------------------------------ pages

_COUNT = st.one_of(
    st.integers(0, 10**6).map(str),
    st.sampled_from(["all", "ALL", " 5 ", "0", "-1", "1.5", "1e3", "", "10000000000000000"]),
    st.text(max_size=6),
)


def _count_or_none(text: str, low: int, may_be_all: bool):
    """What a paging value means (None for all), or QueryError when it means nothing."""
    text = text.strip()
    if may_be_all and text.lower() == "all":
        return None
    if re.fullmatch(r"\d{1,15}", text) and int(text) >= low:
        return int(text)
    return QueryError


def _windows(sparql: str) -> list[str]:
    return re.findall(r"LIMIT\s+(\d+)(?=[ \t]*#[ \t]*@window)", sparql)


def _edges(sparql: str) -> list[str]:
    return [
        " ".join(m.split())
        for m in re.findall(r"((?:OFFSET\s+\d+\s+)?LIMIT\s+\d+)(?=[ \t]*#[ \t]*@edge)", sparql)
    ]


def _without_counts(sparql: str) -> list[str]:
    return re.sub(r"\b(?:LIMIT|OFFSET)\s+\d+", " ", sparql).split()


@given(st.sampled_from(PAGED), _COUNT, _COUNT)
@example("evidence", "3", "7")
@example("evidence", "all", "7")
def test_a_page_is_written_from_two_counts_or_refused(name, limit, offset):
    canned = CANNED[name]
    want_limit = _count_or_none(limit, 1, True)
    want_offset = _count_or_none(offset, 0, False)
    params = {"limit": limit, "offset": offset, "other": "kept"}
    if QueryError in (want_limit, want_offset):
        with pytest.raises(QueryError, match="bad --param"):
            page_query(canned.text, canned, params)
        return
    text, rest = page_query(canned.text, canned, params)
    assert rest == {"other": "kept"}
    clause = "" if want_limit is None else f"LIMIT {want_limit}"
    if want_offset:
        clause = f"{clause} OFFSET {want_offset}".strip()
    assert text.rstrip().endswith(clause)
    # only the counts changed: the last clause, and each ``# @window`` subquery's
    # LIMIT (the page's end, or none for every row)
    assert _without_counts(text) == _without_counts(canned.text)
    ends = [] if want_limit is None else [str(want_offset + want_limit)]
    assert _windows(text) == ends * len(_windows(canned.text))
    # and each ``# @edge`` threshold's row: the page's last (none for every row)
    edge = "LIMIT 0" if want_limit is None else f"OFFSET {want_offset + want_limit - 1} LIMIT 1"
    assert _edges(text) == [edge] * len(_edges(canned.text))
    check_read_only(text)


def test_the_stats_queries_have_an_edge_at_their_page():
    for name in ("most-connected", "parks-by-companies"):
        canned = CANNED[name]
        assert _edges(canned.text) == [f"OFFSET {canned.page - 1} LIMIT 1"], name


def test_a_page_goes_only_to_a_paged_canned_query():
    text = "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    assert page_query(text, None, {"limit": "5"}) == (text, {"limit": "5"})
    park = CANNED["companies-in-park"]
    assert page_query(park.text, park, {"park": "x"}) == (park.text, {"park": "x"})
