"""Fuzzing (hypothesis): ingest and extraction never raise and keep their offsets
honest on any text; a SPARQL parameter is bound as one RDF term, so no value
changes the shape of a query or turns it into an update.

(tests/ingest/test_ingest_properties.py and tests/extract/test_pipeline_properties.py
check repair maps and record well-formedness; these add bytes in other encodings,
evidence within its sentence, and the parameter binding.)
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.extract import extract_text
from kg.ingest import document_from_text
from kg.ingest.decode import decode_bytes
from kg.query import QueryError, bindings, execute, term_from_string

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "重庆高新区", "金凤生物医药产业园", "重庆植恩药业有限公司", "植恩药业", "西北工业大学",
    "落户", "入驻", "聚焦", "签约", "合作", "与", "、", "，", "。", "！", "？", "；", "等企业",
    "（", "）", "(", ")", "“", "”", "\n", "\r\n", " ", "\u3000", "\t", "2024年", "3.5亿元",
    "Co.", "Ltd.", "\x00", "\x07", "\u200b", "\ufeff", "🚀", "👨‍👩‍👧", "\U00020000", "\ud7ff",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60).map("".join),
)
# text that decodes back to itself: no control characters (those make "binary")
printable = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=200
).filter(lambda t: t.strip())


@SETTINGS
@given(texts)
def test_ingest_offsets_index_into_the_text(text):
    doc = document_from_text(text)
    assert len(doc.source_map) == len(doc.text)
    assert all(0 <= i < len(text) for i in doc.source_map)
    last = 0
    for s in doc.sentences:
        assert last <= s.start < s.end <= len(doc.text)  # in order, no overlap
        assert doc.text[s.start : s.end] == s.text
        last = s.end


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("重庆植恩药业有限公司落户重庆高新区。\n植恩药业与西北工业大学签约合作。")
def test_extraction_evidence_is_a_substring_of_its_sentence(text):
    doc = extract_text(text, name="fuzz.txt")
    spans = {(s.start, s.end): s.text for s in doc.sentences}
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
    for r in doc.relations:
        assert 0 <= r.start < r.end <= len(doc.text)
        sentence = doc.text[r.start : r.end]
        assert r.evidence and r.evidence in sentence
        # the evidence span lies within one sentence of the document
        assert any(a <= r.start and r.end <= b for a, b in spans), (r, spans)


@SETTINGS
@given(printable, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decoding_round_trips_with_a_signature(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


# ------------------------------------------------------------------ parameter binding

EVIL = [
    '"',
    "'",
    '\\"',
    "}",
    "{",
    "} ; DROP ALL ; {",
    '" } ; DROP ALL ; SELECT * WHERE { "',
    "') } UNION { ?s ?p ?o } #",
    '"""',
    "\n} INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    "# comment",
    "?name",
    "$name",
    "<urn:x",
    "urn:x>",
    "@en",
    "^^xsd:string",
    "\\u0022",
    "\x00",
    "西部（重庆）科学城",
    "🚀",
]
values = st.one_of(
    st.sampled_from(EVIL),
    st.text(max_size=40),
    st.lists(st.sampled_from(EVIL + ["a", " ", "重庆"]), max_size=6).map("".join),
)

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
X = ox.NamedNode("urn:kg:test:x")
DECOY = ox.NamedNode("urn:kg:test:decoy")
QUERY = "SELECT ?s ?name WHERE { ?s rdfs:label ?name }"  # pyoxigraph binds projected variables


def _store_with_label(value: str) -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(X, LABEL, ox.Literal(value)))
    store.add(ox.Quad(DECOY, LABEL, ox.Literal("decoy")))
    store.add(ox.Quad(DECOY, LABEL, ox.Literal(value + "'")))
    return store


class _Prefixed:
    """A store whose queries know the kg prefixes (as kg.store.KgStore's do)."""

    def __init__(self, store):
        self.store = store

    def query(self, sparql, **kw):
        from kg.rdf import PREFIXES

        return self.store.query(sparql, prefixes=PREFIXES, **kw)


@SETTINGS
@given(values)
@example("<0>")  # not an absolute IRI: refused
@example("00")  # numbers are bound in canonical form, as SPARQL text reads them
@example("+1.50")
def test_a_parameter_is_one_literal_whatever_it_contains(value):
    store = _store_with_label(value)
    before = set(store)
    try:
        expected = term_from_string(value)
    except QueryError as e:
        assert "bad IRI" in str(e)
        with pytest.raises(QueryError, match="bad IRI"):
            execute(_Prefixed(store), "SELECT ?v WHERE { }", {"v": value})
        return
    # a bare variable: the answer is the value itself, one row
    rows = execute(_Prefixed(store), "SELECT ?v WHERE { }", {"v": value}).rows
    assert rows == [(expected,)]
    # a pattern: exactly what matching that literal gives (Python, no SPARQL)
    got = execute(_Prefixed(store), QUERY, {"name": value}).rows
    want = [(q.subject, expected) for q in store.quads_for_pattern(None, LABEL, expected)]
    assert sorted(map(str, got)) == sorted(map(str, want))
    if isinstance(expected, ox.Literal) and expected.datatype.value.endswith("#string"):
        assert got == [(X, expected)]
    assert set(store) == before  # nothing was written


@SETTINGS
@given(st.text(max_size=40))
def test_iri_like_values_are_iris_or_refused(inner):
    value = f"<{inner}>"
    try:
        term = term_from_string(value)
    except QueryError as e:
        assert "bad IRI" in str(e)
        return
    if len(value) > 2:
        assert isinstance(term, ox.NamedNode) and term.value == inner
    rows = execute(_Prefixed(ox.Store()), "SELECT ?v WHERE { }", {"v": value}).rows
    assert rows == [(term,)]


@SETTINGS
@given(st.one_of(st.text(max_size=20), st.from_regex(r"[?$]?\w{1,8}", fullmatch=True)), values)
@example("ª", "x")
@example("a b", "x")
@example("x }", "x")
def test_parameter_names_cannot_carry_syntax(name, value):
    """A name is one SPARQL variable; anything else is refused with QueryError."""
    try:
        subs = bindings({name: value})
    except QueryError as e:
        assert "parameter name" in str(e) or "bad IRI" in str(e)
        return
    (var,) = subs
    assert var.value == name.lstrip("?$")
    assert ox.Variable(var.value) == var


@pytest.mark.parametrize("value", [v for v in EVIL if v != "西部（重庆）科学城"])
def test_evil_values_on_the_seed_store(value):
    """Through a canned query on a real store: no rows, nothing written."""
    from viz_helpers import seed_store

    from kg.query import load_query
    from kg.store import open_store

    text, canned = load_query("companies-in-park")
    with open_store(seed_store()) as s:
        n = len(s)
        assert execute(s, text, {"park": value}, canned=canned).rows == []
        assert len(s) == n


CANNED_TEXT = """# Test: entities labelled with a name, in Chinese
# @param name  a label
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?name ?tagged ?l
WHERE {
  BIND(STRLANG(?name, "zh") AS ?tagged)
  ?s rdfs:label ?tagged .
  OPTIONAL { ?s rdfs:label ?l FILTER(?l != ?tagged) }
}
ORDER BY ?s ?l
"""


@SETTINGS
@given(values)
@example('西部（重庆）科学城" } UNION { ?s ?p ?o } #')
@example('\\" ) } ; DROP ALL ; { (')
@example("<0>")
def test_a_canned_query_binds_like_substitution_whatever_the_value(value):
    """However kg binds a canned query's parameters (substitutions, or a VALUES block
    the planner sees), the answer is the one SEP-0007 substitution of the literal gives."""
    from pathlib import Path

    from kg.query import CannedQuery

    canned = CannedQuery("test", Path("test.rq"), CANNED_TEXT, "Test", {"name": "a label"})
    store = ox.Store()
    store.add(ox.Quad(X, LABEL, ox.Literal(value, language="zh")))
    store.add(ox.Quad(X, LABEL, ox.Literal("别名", language="zh")))
    store.add(ox.Quad(DECOY, LABEL, ox.Literal("decoy", language="zh")))
    store.add(ox.Quad(DECOY, LABEL, ox.Literal(value + '"', language="zh")))
    before = set(store)
    try:
        term = term_from_string(value)
    except QueryError as e:  # <not an absolute IRI>: refused the same way when bound
        assert "bad IRI" in str(e)
        with pytest.raises(QueryError, match="bad IRI"):
            execute(store, CANNED_TEXT, {"name": value}, canned=canned)
        return
    got = execute(store, CANNED_TEXT, {"name": value}, canned=canned).rows
    ref = store.query(CANNED_TEXT, substitutions={ox.Variable("name"): term})
    want = [tuple(sol[v] for v in ("s", "name", "tagged", "l")) for sol in ref]
    assert sorted(map(str, got)) == sorted(map(str, want))
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#string"):
        assert {row[0] for row in got} == {X}
    assert set(store) == before
