"""kg.query on hostile queries: SERVICE is refused however it is written, query
workers cannot reach the network even when a check is missed, queries nested or
sized to crash pyoxigraph are refused before the engine, and the checks are linear.

A TCP listener on loopback (the trap) stands in for the endpoint that a SERVICE
clause would call: tests assert that nothing connected to it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from oxigraph_helpers import needs_oxigraph, oxigraph_server
from test_server_safety import Trap
from viz_helpers import seed_store

from kg.query import _NO_NETWORK as q_NO_NETWORK
from kg.query import (
    MAX_DEPTH,
    MAX_PARTS,
    QueryError,
    QueryPool,
    QueryRefused,
    QuerySyntaxError,
    check_read_only,
    execute,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def trap():
    t = Trap()
    yield t
    t.close()


# ------------------------------------------------------------------ generated SERVICE variants

# what may stand just before SERVICE: tokens whose end an ad-hoc scanner gets wrong
# (escaped quotes in long and short strings, escapes in prefixed names, numbers
# and booleans that SERVICE can be glued to, comments, IRIs, variables)
BEFORE = [
    'BIND("""a\\"""" AS ?v)',
    "BIND('''a\\'''' AS ?v)",
    'BIND("a\\"" AS ?v)',
    "BIND('a\\'' AS ?v)",
    'BIND("""a""\\"b""" AS ?v)',
    "BIND('''a''\\'b''' AS ?v)",
    'BIND("#" AS ?v)',
    "BIND(<urn:a#b> AS ?v)",
    "?s ex:a\\'b ?o .",
    "?s ex:a\\#b ?o .",
    '?s ex:a\\"b ?o .',
    "?s ex:a.b ?o .",
    "?s ?p ex: .",
    "?s ?p _:b1 .",
    '?s ?p "x"@en .',
    '?s ?p "1"^^xsd:integer .',
    "?s ?p ?o # comment ' \"\n",
    '# """\n',
    "FILTER(?o < 3)",
    "FILTER(1<2)",
    "{}",
    "",
]
GLUED_TO = ["0.7", "1", "1e5", ".5", "true", "false", "1.", "-2"]  # SERVICE right after
BETWEEN = [" ", "\n", "\t", "#c\n", ""]
SERVICE = st.sampled_from(["SERVICE", "service", "Service", "sErViCe", "SERVICE SILENT"])


@st.composite
def service_queries(draw, endpoint: str) -> str:
    """A query with a SERVICE call to ``endpoint`` after hostile tokens."""
    parts = draw(st.lists(st.sampled_from(BEFORE), min_size=1, max_size=3))
    keyword = draw(SERVICE)
    glue = draw(st.one_of(st.just(None), st.sampled_from(GLUED_TO)))
    if glue is not None:  # SERVICE glued to a number or boolean, inside an expression
        call = f"BIND({glue}{keyword} <{endpoint}> {{ ?leak ?p ?o }}"
    else:
        call = f"{keyword}{draw(st.sampled_from(BETWEEN[:-1]))}<{endpoint}> {{ ?leak ?p ?o }}"
    prologue = draw(st.sampled_from(["", "PREFIX ex: <urn:ex:> ", "BASE <urn:b/> "]))
    head = draw(st.sampled_from(["SELECT * WHERE", "ASK", "CONSTRUCT { ?s ?p ?o } WHERE"]))
    sep = draw(st.sampled_from(BETWEEN))
    tail = draw(st.sampled_from(["", ' #"', " # '''", "\n"]))
    return f"{prologue}{head} {{ {sep.join(parts)}{sep or ' '}{call} }}{tail}"


def _runs_unchecked(store: ox.Store, q: str) -> None:
    """Run ``q`` on pyoxigraph with no check at all (as the bypass did)."""
    try:
        r = store.query(q, prefixes={"ex": "urn:ex:", "xsd": "http://www.w3.org/2001/XMLSchema#"})
        if not isinstance(r, ox.QueryBoolean):
            list(r)
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass


def test_generated_service_variants_never_pass_the_check(trap):
    """Whatever Hypothesis builds, a query the check lets through does not make
    pyoxigraph (unsandboxed, in this process) connect; and the generator is
    dangerous: without the check, many of its queries do connect."""
    store = ox.Store()
    live = []

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(service_queries(trap.url))
    @example('SELECT ?leak WHERE { BIND("""a\\"""" AS ?v) SERVICE <ENDPOINT> { ?leak ?p ?o } } #"')
    @example("SELECT ?leak WHERE { BIND('''a\\'''' AS ?v) SERVICE <ENDPOINT> { ?leak ?p ?o } }")
    @example("SELECT * WHERE { BIND(0.7SERVICE <ENDPOINT> { ?leak ?p ?o } }")
    @example("SELECT * WHERE { FILTER(trueSERVICE <ENDPOINT> { ?leak ?p ?o }) }")
    def one(q: str) -> None:
        q = q.replace("ENDPOINT", trap.url)
        before = len(trap.hits)
        _runs_unchecked(store, q)
        if len(trap.hits) > before:
            live.append(q)
        try:
            check_read_only(q)
        except (QueryRefused, QuerySyntaxError):
            return
        n = len(trap.hits)
        _runs_unchecked(store, q)
        assert len(trap.hits) == n, f"passed the check and reached the network: {q!r}"

    one()
    assert len(live) >= 20, live  # the variants are real attacks, not syntax errors


def test_no_false_alarms_on_service_in_strings_iris_names_and_comments():
    for q in (
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
        'SELECT * WHERE { ?s ?p """a\\""" SERVICE""" }',
        "SELECT * WHERE { ?s ?p '''SERVICE''' }",
        "SELECT * WHERE { ?s <http://e.org/service> ?o }",
        "PREFIX service: <urn:s:> SELECT * WHERE { ?s service:x ?o }",
        "PREFIX ex: <urn:> SELECT * WHERE { ?s ex:SERVICE ?o . ?s ex:a\\#SERVICE ?o }",
        "SELECT ?service $SERVICE WHERE { ?service ?p ?SERVICE }",
        'SELECT * WHERE { ?s ?p "x"@service }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> {}",
        "SELECT * WHERE { _:service ?p ?o }",
        "SELECT * WHERE { ?s <http://x/\\u0041/service> ?o }",  # an escape inside an IRI
    ):
        check_read_only(q)


def test_query_workers_have_no_network(trap, tmp_path):
    """Defence in depth: even a SERVICE query that no check stopped cannot connect
    from a query worker (it runs deny_network() before any query)."""
    if sys.platform != "linux":
        pytest.skip("the sandbox is Linux-only")
    service = f"SELECT * WHERE {{ SERVICE <{trap.url}> {{ ?s ?p ?o }} }}"
    script = (
        "import sys; import pyoxigraph as ox; import kg.query as q\n"
        "print(q.deny_network())\n"
        "try:\n"
        f"    list(ox.Store().query({service!r}))\n"
        "    print('connected')\n"
        "except OSError as e:\n"
        "    print('refused', e)\n"
        "q.check_read_only = lambda text: None  # as if the check had missed it\n"
        "try:\n"
        f"    q.execute(ox.Store(), {service!r})\n"
        "    print('connected')\n"
        "except q.QueryRefused as e:\n"
        "    print('refused', e)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    how, raw, through_execute = p.stdout.split("\n")[:3]
    assert how in ("seccomp", "netns"), p.stdout + p.stderr
    assert raw.startswith("refused"), raw
    assert through_execute == "refused " + q_NO_NETWORK, through_execute
    assert trap.hits == []
    with QueryPool(str(seed_store()), workers=1, reserved=0, timeout=30) as pool:
        assert pool.sandbox in ("seccomp", "netns")


# ------------------------------------------------------------------ depth and size

CRASHERS = {  # shapes that crash pyoxigraph (SIGSEGV) at these sizes
    "braces": "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
    "open braces": "{" * 5000,
    "parentheses": "SELECT * WHERE { FILTER(" + "(" * 10000 + "1" + ")" * 10000 + ") }",
    "binds": "SELECT * WHERE { " + " ".join(f"BIND(1 AS ?x{i})" for i in range(3000)) + " }",
    "triple patterns": "SELECT * WHERE { "
    + " ".join(f"?s <p{i}> ?o ." for i in range(10000))
    + "}",
    "sum": "SELECT * WHERE { FILTER(" + "+".join(["1"] * 10000) + ") }",
    "unions": "SELECT * WHERE { " + " UNION ".join(["{}"] * 10000) + " }",
    "collection": "SELECT * WHERE { ?s ?p (" + " 1" * 30000 + ") }",
    "quoted triples": "SELECT * WHERE { "
    + "<< " * 3000
    + "<a> <b> <c>"
    + " >> <b> <c>" * 3000
    + "}",
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_oversized_queries_are_refused_before_the_engine(name):
    with pytest.raises(QueryError) as e:
        execute(ox.Store(), CRASHERS[name])
    msg = str(e.value)
    assert "\n" not in msg and "(line 1, column " in msg
    assert f"deeper than {MAX_DEPTH}" in msg or f"more than {MAX_PARTS}" in msg


def test_real_queries_are_well_under_the_limits():
    from kg.query import canned_queries, check_shape

    for c in canned_queries().values():
        check_shape(c.text)
    nested = "SELECT * WHERE " + "{" * MAX_DEPTH + "}" * MAX_DEPTH
    check_read_only(nested)
    with pytest.raises(QueryError, match="deeper than"):
        check_read_only("SELECT * WHERE " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1))
    # long flat data is not a tree: VALUES and IN lists of any length
    values = "SELECT * WHERE { VALUES ?x { " + " ".join(map(str, range(20000))) + " } }"
    check_read_only(values)
    listed = "SELECT * WHERE { FILTER(?x IN (" + ",".join(map(str, range(20000))) + ")) }"
    check_read_only(listed)
    rows = "SELECT * WHERE { VALUES (?x ?y) { " + " (1 2)" * 20000 + " } }"
    check_read_only(rows)
    check_read_only("SELECT * WHERE { ?s ?p (" + " 1" * 500 + ") }")  # a collection


def test_cli_refuses_a_deep_query_in_one_line_without_crashing(tmp_path):
    kg = Path(sys.executable).parent / "kg"
    for q in ("{" * 5000, "SELECT * WHERE " + "{" * 5000 + "}" * 5000):
        p = subprocess.run(
            [str(kg), "query", q, "--store", str(seed_store())],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert p.returncode == 1, (p.returncode, p.stderr[-300:])  # not 139 (SIGSEGV)
        assert p.stderr.count("\n") == 1 and "nested deeper than" in p.stderr, p.stderr


def test_megabyte_queries_are_checked_in_one_pass():
    """1 MB of '<' (the old check sliced the text at each one: 70 s a megabyte) and of
    unclosed quotes: checked in one pass, refused or passed, never hung."""
    for body in ("<" * 1_000_000, "<a" * 500_000, "<<" * 500_000):
        with pytest.raises(QueryError):
            check_read_only("SELECT * WHERE { FILTER(?a " + body + ") }")
    with pytest.raises(QuerySyntaxError, match="never closed"):
        check_read_only('SELECT * WHERE { ?s ?p "' + "a" * 1_000_000 + " }")
    with pytest.raises(QuerySyntaxError, match="never closed"):
        check_read_only('SELECT * WHERE { ?s ?p """' + '"a' * 500_000 + " }")
    check_read_only("SELECT * WHERE { ?s ?p ?o } #" + "<" * 1_000_000)


# ------------------------------------------------------------------ graphs, base IRIs, errors


def test_construct_and_describe_for_the_explorer_page():
    store = ox.Store()
    res = execute(store, "CONSTRUCT { <urn:s> <urn:p> 1, 'x'@en } WHERE {}")
    page = res.page_json()
    assert page["graph"] is True and page["head"]["vars"] == ["subject", "predicate", "object"]
    rows = page["results"]["bindings"]
    assert {r["object"]["value"] for r in rows} == {"1", "x"}
    assert {r["subject"]["value"] for r in rows} == {"urn:s"}
    assert "<urn:s>" in page["turtle"] and '"x"@en' in page["turtle"]
    ask = execute(store, "ASK {}").page_json()
    assert ask == {"head": {}, "boolean": True}


def test_relative_iris_resolve_against_the_base():
    store = ox.Store()
    res = execute(store, "CONSTRUCT { <s> <p> 1 } WHERE {}")
    (t,) = res.triples
    assert (
        t.subject.value == "https://w3id.org/kg/s" and t.predicate.value == "https://w3id.org/kg/p"
    )
    res = execute(store, "BASE <http://example.org/a/> CONSTRUCT { <s> <p> 1 } WHERE {}")
    assert res.triples[0].subject.value == "http://example.org/a/s"  # the query's own BASE
    res = execute(store, "CONSTRUCT { <s> <p> 1 } WHERE {}", base="http://h:1/sparql")
    assert res.triples[0].subject.value == "http://h:1/s"


def test_cli_query_relative_iris_and_construct(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    store = str(seed_store())
    r = CliRunner().invoke(
        main, ["query", "CONSTRUCT { <s> <p> 1 } WHERE {}", "--format", "nt", "--store", store]
    )
    assert r.exit_code == 0, r.output
    assert r.output.startswith("<https://w3id.org/kg/s> <https://w3id.org/kg/p> ")


@pytest.fixture
def server(tmp_path):
    yield from oxigraph_server(tmp_path / "oxdata")


@needs_oxigraph
def test_query_workers_of_a_remote_store_keep_their_network(server):
    """A remote store is reached over HTTP by the worker (and runs the query
    itself): no sandbox there, and SERVICE is still refused by the check."""
    with QueryPool(server, workers=1, reserved=0, timeout=60) as pool:
        assert pool.sandbox is None
        assert pool.run("ASK {}", accept="text/csv").body == b"true"
        with pytest.raises(QueryRefused):
            pool.run(f"SELECT * WHERE {{ SERVICE <{server}/query> {{ ?s ?p ?o }} }}")
