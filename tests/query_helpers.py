"""Hostile queries, shared by the query checks' tests (tests/query/test_safety.py)
and the server's (tests/test_server_limits.py): SERVICE written every way a
scanner can get wrong, and query shapes that crash pyoxigraph."""

from __future__ import annotations

from hypothesis import strategies as st

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
