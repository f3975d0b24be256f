"""The stats graph (kg/statsgraph.py): every writer keeps it equal to counting the
stored graph from scratch (a build, in this process and in the forked loader of
tests/test_parallel.py; an incremental kg add of new, replacing and merging
documents; the full path; a remote store in tests/test_remote_store.py), the
canned queries that read it answer exactly what the counting queries answered
(``without-stats/``), a store without one (written before) still answers them,
and it stays out of the graph's quads, exports and validation.

The documents are 60 of the bench corpus (bench/corpus.py, extracted once per
module): parks inside parks, companies in several of them, shared hubs.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from graph_helpers import assert_stats_fresh, fixture_add, fixture_build, quad_set, stats_lines

from kg import build as kg_build
from kg.export import export
from kg.query import canned_queries, execute, load_query
from kg.rdf import KG
from kg.statsgraph import (
    COMPANY_COUNT,
    DEGREE,
    DIRECT_COMPANY_COUNT,
    STATISTICS,
    STATS_GRAPH,
    has_stats,
)
from kg.store import MARKER, VERSION, current_generation, open_store

ROOT = Path(__file__).resolve().parents[1]
READERS = [name for name, c in canned_queries().items() if c.fallback]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The records of 60 documents of the bench corpus, one JSON file each."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus as bench_corpus

    work = tmp_path_factory.mktemp("stats60")
    texts = bench_corpus.generate(60, work / "txt", seed=11, chars=2000)
    recs, failed = kg_build.extract_all(texts, kg_build.extract_record, jobs=2)
    assert not failed and len(recs) == 60
    out = work / "records"
    out.mkdir()
    for rec in recs:
        (out / (rec["doc"] + ".json")).write_text(json.dumps(rec, ensure_ascii=False), "utf-8")
    return sorted(out.glob("*.json"))


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("stats-built") / "s"
    fixture_build(corpus, store)
    return store


def _without_stats(store: Path, to: Path) -> Path:
    """A copy of ``store`` as a kg before the stats graph wrote it: no stats graph,
    store format 1."""
    shutil.copytree(store, to)
    marker = json.loads((to / MARKER).read_text(encoding="utf-8"))
    (to / MARKER).write_text(json.dumps({**marker, "version": 1}), encoding="utf-8")
    db = ox.Store(str(current_generation(to) / "oxigraph"))
    db.remove_graph(STATS_GRAPH)
    db.flush()
    del db
    return to


def _rows(store, text: str, params: dict | None = None, canned=None) -> list[tuple]:
    with open_store(store) as s:
        res = execute(s, text, params, canned=canned)
    return [tuple("" if t is None else str(t) for t in row) for row in res.rows]


# ------------------------------------------------------------------ writers


def test_a_build_counts_what_the_graph_says(built):
    assert_stats_fresh(built)
    lines = stats_lines(built)
    # every kind of count is there, the corpus has parks inside parks
    for p in (DEGREE, COMPANY_COUNT, DIRECT_COMPANY_COUNT, STATISTICS):
        assert any(str(p) in line for line in lines), p
    with open_store(built) as s:
        assert has_stats(s)
        assert any(True for _ in s.quads(None, ox.NamedNode(KG + "partOf")))


def test_adding_documents_one_by_one_keeps_the_counts(corpus, built, tmp_path):
    order = corpus[:]
    random.Random(7).shuffle(order)
    store = tmp_path / "inc"
    fixture_build(order[:50], store)
    for p in order[50:56]:  # one at a time
        assert fixture_add([p], store).incremental
        assert_stats_fresh(store)
    assert fixture_add(order[56:], store).incremental  # four at once
    assert_stats_fresh(store)
    # ``built`` is the build of the whole corpus
    assert stats_lines(store) == stats_lines(built)
    assert quad_set(store) == quad_set(built)


def _write(folder: Path, rec: dict) -> Path:
    folder.mkdir(exist_ok=True)
    p = folder / (rec["doc"] + ".json")
    p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.mark.parametrize("lookups", [0, 10**6])
def test_counted_whole_or_by_lookups(corpus, tmp_path, monkeypatch, lookups):
    """Past PARK_LOOKUPS parks / ENTITY_LOOKUPS entities an add counts a kind whole."""
    from kg import statsgraph

    monkeypatch.setattr(statsgraph, "PARK_LOOKUPS", lookups)
    monkeypatch.setattr(statsgraph, "ENTITY_LOOKUPS", lookups)
    store = tmp_path / "s"
    fixture_build(corpus[:54], store)
    for p in corpus[54:57]:
        assert fixture_add([p], store).incremental
        assert_stats_fresh(store)
    assert fixture_add(corpus[57:], store).incremental
    assert_stats_fresh(store)


def test_replacing_and_emptying_documents_keeps_the_counts(corpus, built, tmp_path):
    store = tmp_path / "s"
    shutil.copytree(built, store)  # the build of the whole corpus
    recs = [json.loads(p.read_text(encoding="utf-8")) for p in corpus]
    # the document with most kg:partOf and kg:locatedIn facts loses half its facts
    rich = max(
        recs, key=lambda r: sum(x["predicate"] in ("partOf", "locatedIn") for x in r["relations"])
    )
    cut = {**rich, "relations": rich["relations"][::2]}
    assert fixture_add([_write(tmp_path / "a", cut)], store).incremental
    assert_stats_fresh(store)
    # another one says nothing any more (its facts removed, its entities kept)
    empty = {**recs[1], "relations": []}
    report = fixture_add([_write(tmp_path / "b", empty)], store)
    assert report.incremental and report.replaced == [empty["doc"]]
    assert_stats_fresh(store)
    # and one takes the content of another (entities of one document go away)
    donor = {**recs[2], "doc": recs[3]["doc"]}
    assert fixture_add([_write(tmp_path / "c", donor)], store).incremental
    assert_stats_fresh(store)
    others = [
        p
        for p, r in zip(corpus, recs, strict=True)
        if r["doc"] not in {rich["doc"], empty["doc"], donor["doc"]}
    ]
    fixture_build(
        [tmp_path / "a" / f"{cut['doc']}.json", tmp_path / "b" / f"{empty['doc']}.json",
         tmp_path / "c" / f"{donor['doc']}.json", *others],
        tmp_path / "full",
    )  # fmt: skip
    assert stats_lines(store) == stats_lines(tmp_path / "full")


def test_a_new_sub_park_moves_the_counts_up(built, tmp_path):
    """A new kg:partOf puts a park's companies under another park; replaced by a
    document without it, they go back."""
    store = tmp_path / "s"
    shutil.copytree(built, store)
    with open_store(store) as s:
        rows = s.query(
            "SELECT ?pl ?cl WHERE { ?c kg:locatedIn ?p . ?c a kg:Company ; rdfs:label ?cl . "
            "?p a kg:Park ; rdfs:label ?pl . FILTER NOT EXISTS { ?p kg:partOf ?up } } "
            "ORDER BY ?pl ?cl LIMIT 1"
        )
        row = next(iter(rows))
        park, company = row["pl"].value, row["cl"].value
    new = {
        "doc": "zz_subpark.txt",
        "entities": [
            {"type": "Park", "name": "星河测试高新区", "aliases": []},
            {"type": "Park", "name": park, "aliases": []},
            {"type": "Company", "name": "星河测试科技有限公司", "aliases": []},
            {"type": "Company", "name": company, "aliases": []},
        ],
        "relations": [
            {"subject": park, "predicate": "partOf", "object": "星河测试高新区", "confidence": 0.9},
            {"subject": "星河测试科技有限公司", "predicate": "locatedIn", "object": park},
            {"subject": company, "predicate": "cooperatesWith", "object": "星河测试科技有限公司"},
        ],
    }
    assert fixture_add([_write(tmp_path / "n", new)], store).incremental
    assert_stats_fresh(store)
    text, canned = load_query("parks-by-companies")
    rows = {r[1]: r for r in _rows(store, text, {"limit": "all"}, canned=canned)}
    top = rows['"星河测试高新区"@zh']  # its sub-park's companies, none directly
    assert int(top[2].split('"')[1]) >= 2 and top[3].startswith('"0"')
    # the same document replaced by one without the sub-park fact: the counts go back
    back = {**new, "relations": new["relations"][1:]}
    assert fixture_add([_write(tmp_path / "m", back)], store).incremental
    assert_stats_fresh(store)


def test_the_full_path_writes_the_counts(corpus, built, tmp_path):
    store = tmp_path / "s"
    fixture_build(corpus[:40], store)
    report = fixture_add(corpus[40:], store, incremental=False)
    assert not report.incremental
    assert_stats_fresh(store)
    assert stats_lines(store) == stats_lines(built)  # the build of the whole corpus


def test_an_add_to_a_store_without_counts_counts_them_all(corpus, built, tmp_path):
    old = _without_stats(built, tmp_path / "old")
    assert stats_lines(old) == []
    extra = json.loads(corpus[0].read_text(encoding="utf-8"))
    extra["doc"] = "zz_extra.txt"
    assert fixture_add([_write(tmp_path / "x", extra)], old).incremental
    assert_stats_fresh(old)
    assert stats_lines(old)
    # the store is marked as kept: a kg that does not keep the counts refuses it
    assert json.loads((old / MARKER).read_text(encoding="utf-8"))["version"] == VERSION == 2
    assert json.loads((built / MARKER).read_text(encoding="utf-8"))["version"] == VERSION


# ------------------------------------------------------------------ the queries


@pytest.mark.parametrize("name", READERS)
def test_the_queries_answer_what_counting_answered(built, tmp_path, name):
    text, canned = load_query(name)
    before = canned.fallback
    old = _without_stats(built, tmp_path / "old")
    pages = [{}, {"limit": "all"}, {"limit": "3"}, {"limit": "3", "offset": "3"},
             {"limit": "all", "offset": "5"}, {"offset": "1000000"}]  # fmt: skip
    for page in pages:
        want = _rows(built, before, page, canned=canned)  # counted from the facts
        assert _rows(built, text, page, canned=canned) == want, (name, page)  # the stats graph
        if page:  # sent as text with its page, as the explorer does
            assert _rows(built, text, page) == want, (name, page)
        # a store written before: the same text answers the same, counted
        assert _rows(old, text, page, canned=canned) == want, (name, page)
    every = _rows(built, text, {"limit": "all"}, canned=canned)
    assert len(every) > 25  # many rows, ties among them (pages of 3 cross them above)
    assert _rows(built, text) == every[: canned.page]
    assert _rows(old, text) == every[: canned.page]  # by text, no parameters


def test_the_queries_read_the_stats_graph(built, tmp_path):
    """Counts the stats graph says are what the queries show (not a recount)."""
    store = tmp_path / "s"
    shutil.copytree(built, store)
    db = ox.Store(str(current_generation(store) / "oxigraph"))
    top = next(iter(db.query(
        f"SELECT ?e ?n WHERE {{ GRAPH <{STATS_GRAPH.value}> {{ ?e <{DEGREE.value}> ?n }} }} "
        "ORDER BY DESC(?n) ?e LIMIT 1"
    )))  # fmt: skip
    node, n = top["e"], int(top["n"].value)
    db.remove(ox.Quad(node, DEGREE, top["n"], STATS_GRAPH))
    db.add(
        ox.Quad(node, DEGREE, ox.Literal(str(n + 1000), datatype=top["n"].datatype), STATS_GRAPH)
    )
    db.flush()
    del db
    text, canned = load_query("most-connected")
    first = _rows(store, text, canned=canned)[0]
    assert first[0] == str(node) and first[-1].startswith(f'"{n + 1000}"')


# ------------------------------------------------------------------ not the graph


def test_the_stats_graph_is_not_part_of_the_graph(built, tmp_path):
    with open_store(built) as s:
        assert len(s) == s.meta["quads"]
        assert all(q.graph_name != STATS_GRAPH for q in s.quads())
        assert len(s) == sum(1 for _ in s)
        stats = len(stats_lines(built))
        assert len(s.store) == len(s) + stats  # pyoxigraph's own count has it
    for fmt in ("nq", "trig", "ttl"):
        out = tmp_path / f"g.{fmt}"
        with open_store(built) as s:
            export(s, fmt, out)
        text = out.read_text(encoding="utf-8")
        assert "graph/stats" not in text and "#degree" not in text and ":degree" not in text, fmt


def test_the_terms_of_the_stats_graph_are_declared(built):
    onto = rdflib.Graph().parse(ROOT / "kg" / "ontology" / "kg.ttl", format="turtle")
    owl = rdflib.OWL
    for term in (DEGREE, COMPANY_COUNT, DIRECT_COMPANY_COUNT):
        assert (rdflib.URIRef(term.value), rdflib.RDF.type, owl.DatatypeProperty) in onto
    assert (rdflib.URIRef(STATISTICS.value), rdflib.RDF.type, owl.Class) in onto
    used = {line.split(" ")[1] for line in stats_lines(built)}
    assert used == {
        str(DEGREE),
        str(COMPANY_COUNT),
        str(DIRECT_COMPANY_COUNT),
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
    }


def test_the_query_package_names_the_same_stats_graph():
    from kg.query import canned

    assert canned.STATS_GRAPH == STATS_GRAPH.value
