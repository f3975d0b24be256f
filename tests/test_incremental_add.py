"""``kg add`` re-resolves and writes only what a new document can change, and the
result is still exactly a rebuild of the same documents (docs/graph-model.md).

The scale tests run on 200 documents of the bench corpus (bench/corpus.py,
extracted once per module); the store is built and added to from their records.
"""

import json
import random
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from graph_helpers import fixture_add, fixture_build, quad_set, record_paths

from kg import build as kg_build
from kg import store as kg_store
from kg.errors import StoreError
from kg.index import FILE as INDEX_FILE
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def _gen(store: Path) -> Path:
    return store / (store / "CURRENT").read_text().strip()


def _index_file(store: Path) -> Path:
    return _gen(store) / INDEX_FILE


def _resolution(store: Path) -> tuple[dict, dict]:
    """The stored index as entities (IRI → type, displaced IRI, documents, keys)
    and each document's name → entity map, whatever the atoms' ids."""
    db = sqlite3.connect(_index_file(store))
    try:
        atoms = {aid: json.loads(body) for aid, body in db.execute("SELECT aid, body FROM atoms")}
        names = db.execute("SELECT doc, name, aid FROM names").fetchall()
    finally:
        db.close()
    ents: dict[str, list] = {}
    for v in atoms.values():
        e = ents.setdefault(v[7], [v[0], v[8], set(), set()])
        e[2] |= {d for ds in v[3].values() for d in ds}
        e[3] |= set(v[2])
    by_name: dict[str, dict] = {}
    for d, n, a in names:
        by_name.setdefault(d, {})[n] = atoms[a][7]
    return ents, by_name


def _change_index(store: Path, sql: str, *args) -> None:
    db = sqlite3.connect(_index_file(store))
    try:
        db.execute(sql, args)
        db.commit()
    finally:
        db.close()


def _check_meta(store: Path) -> None:
    with open_store(store) as s:
        assert s.meta["quads"] == len(s)
        assert set(s.records()) == set(s.documents)


# ------------------------------------------------------------------ the fixtures


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adding_one_by_one_in_any_order_equals_rebuild(tmp_path, seed):
    paths = record_paths()
    order = paths[:]
    random.Random(seed).shuffle(order)
    fixture_build(paths, tmp_path / "full")
    fixture_build(order[:1], tmp_path / "inc")
    for p in order[1:]:
        report = fixture_add([p], tmp_path / "inc")
        assert report.incremental
    assert quad_set(tmp_path / "inc") == quad_set(tmp_path / "full")
    _check_meta(tmp_path / "inc")


def test_replacing_incrementally_equals_rebuild(tmp_path):
    paths = record_paths()
    fixture_build(paths, tmp_path / "s")
    changed = json.loads(paths[0].read_text(encoding="utf-8"))
    changed["relations"] = changed["relations"][:1]
    changed["entities"] = changed["entities"][::2]
    new = tmp_path / paths[0].name
    new.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    report = fixture_add([new], tmp_path / "s")
    assert report.incremental and report.replaced == [changed["doc"]]
    fixture_build([new, *paths[1:]], tmp_path / "r")
    assert quad_set(tmp_path / "s") == quad_set(tmp_path / "r")
    _check_meta(tmp_path / "s")


def test_the_full_path_gives_the_same_graph(tmp_path):
    paths = record_paths()
    fixture_build(paths, tmp_path / "full")
    fixture_build(paths[:2], tmp_path / "inc")
    report = fixture_add(paths[2:], tmp_path / "inc", incremental=False)
    assert not report.incremental
    assert quad_set(tmp_path / "inc") == quad_set(tmp_path / "full")
    assert _resolution(tmp_path / "inc") == _resolution(tmp_path / "full")


def test_no_index_or_other_rules_take_the_full_path(tmp_path):
    paths = record_paths()
    fixture_build(paths, tmp_path / "full")
    store = tmp_path / "inc"
    fixture_build(paths[:2], store)
    _index_file(store).unlink()  # a store made before the index existed
    assert not fixture_add(paths[2:3], store).incremental
    _change_index(store, "UPDATE info SET value = 'other rules' WHERE key = 'fingerprint'")
    assert not fixture_add(paths[3:4], store).incremental
    _index_file(store).write_bytes(b"not an index")  # unreadable
    assert not fixture_add(paths[3:4], store).incremental
    assert fixture_add(paths[4:], store).incremental  # the full path wrote a fresh index
    assert quad_set(store) == quad_set(tmp_path / "full")
    assert _resolution(store) == _resolution(tmp_path / "full")


def test_an_iri_collision_outside_the_component_takes_the_full_path(tmp_path):
    paths = record_paths()
    fixture_build(paths, tmp_path / "full")
    store = tmp_path / "inc"
    fixture_build(paths[:-1], store)
    # an entity outside the new document's component that a key collision moved
    # away from an IRI the new document's entities get
    doc = json.loads(paths[-1].read_text(encoding="utf-8"))["doc"]
    target = sorted(_resolution(tmp_path / "full")[1][doc].values())[0]
    fake = "https://w3id.org/kg/id/company/000000000000"
    body = ["Company", ["~", 0], {}, {}, [], False, {}, fake, target]
    _change_index(
        store,
        "INSERT INTO atoms VALUES ('fake', 'Company', ?, ?, ?)",
        fake,
        target,
        json.dumps(body),
    )
    assert not fixture_add(paths[-1:], store).incremental
    assert quad_set(store) == quad_set(tmp_path / "full")


def test_a_failed_incremental_add_leaves_the_graph(tmp_path, monkeypatch):
    paths = record_paths()
    store = tmp_path / "s"
    fixture_build(paths[:-1], store)
    before, gens = quad_set(store), sorted(p.name for p in store.glob("gen-*"))

    def boom(*a, **k):
        raise RuntimeError("IO error: No space left on device\nmore")

    monkeypatch.setattr(kg_store, "write_meta", boom)
    with pytest.raises(StoreError, match="No space left"):
        fixture_add(paths[-1:], store)
    assert quad_set(store) == before
    assert sorted(p.name for p in store.glob("gen-*")) == gens
    monkeypatch.undo()
    assert fixture_add(paths[-1:], store).incremental


# ------------------------------------------------------------------ 200 bench documents


@pytest.fixture(scope="module")
def bench_records(tmp_path_factory) -> list[Path]:
    """The records of 200 documents of the bench corpus, one JSON file each."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    work = tmp_path_factory.mktemp("bench200")
    # short documents (1,500 chars): the graph, not the text, is what these tests compare
    texts = corpus.generate(200, work / "txt", seed=5, chars=1500, cache=work / "seed-records.json")
    recs, failed = kg_build.extract_all(texts, kg_build.extract_record, jobs=2)
    assert not failed and len(recs) == 200
    out = work / "records"
    out.mkdir()
    paths = []
    for rec in recs:
        p = out / (rec["doc"] + ".json")
        p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    return sorted(paths)


@pytest.fixture(scope="module")
def bench_full(bench_records, tmp_path_factory) -> Path:
    """The build of all 200 records (read only: a test that adds to it adds to a copy)."""
    store = tmp_path_factory.mktemp("bench200-full") / "s"
    fixture_build(bench_records, store)
    return store


def test_bench_corpus_adds_equal_rebuild(tmp_path, bench_records, bench_full):
    paths = bench_records
    rng = random.Random(300)
    later = rng.sample(paths, 8)
    first = [p for p in paths if p not in later]
    store = tmp_path / "inc"
    fixture_build(first, store)
    for p in later[:6]:  # one at a time
        assert fixture_add([p], store).incremental
    assert fixture_add(later[6:], store).incremental  # two at once
    assert quad_set(store) == quad_set(bench_full)  # the build of all of them
    assert _resolution(store) == _resolution(bench_full)
    _check_meta(store)


def test_bench_corpus_replacing_and_merging_equal_rebuild(tmp_path, bench_records, bench_full):
    paths = bench_records
    store = tmp_path / "inc"
    shutil.copytree(bench_full, store)  # the build of all of them
    ents = _resolution(store)[0]
    # two companies that several documents name, each its own node
    counts = sorted(
        ((-len(v[2]), iri) for iri, v in ents.items() if v[0] == "Company" and len(v[2]) >= 2),
    )
    (_, a), (_, b) = counts[0], counts[1]
    label = {}
    with open_store(store) as s:
        for iri in (a, b):
            rows = s.query(f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l }}")
            label[iri] = next(iter(rows))["l"].value
    # a new document that says they are one company, under a longer name
    merge = {
        "doc": "zz_merge.txt",
        "entities": [
            {"type": "Company", "name": label[a] + "(中国)", "aliases": [label[a], label[b]]}
        ],
        "relations": [],
    }
    # and a stored document replaced by another one's content
    donor = json.loads(paths[1].read_text(encoding="utf-8"))
    donor["doc"] = json.loads(paths[0].read_text(encoding="utf-8"))["doc"]
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "zz_merge.json").write_text(json.dumps(merge, ensure_ascii=False), encoding="utf-8")
    (extra / paths[0].name).write_text(json.dumps(donor, ensure_ascii=False), encoding="utf-8")
    report = fixture_add([extra / "zz_merge.json"], store)
    assert report.incremental
    assert report.entities == len(ents) - 1  # a and b are one node now
    report = fixture_add([extra / paths[0].name], store)
    assert report.incremental and report.replaced == [donor["doc"]]
    fixture_build([extra / "zz_merge.json", extra / paths[0].name, *paths[1:]], tmp_path / "full")
    assert quad_set(store) == quad_set(tmp_path / "full")
    assert _resolution(store) == _resolution(tmp_path / "full")
    _check_meta(store)


def test_a_name_of_two_types_in_one_document_takes_the_full_path(tmp_path):
    """Which entity a name of two entities (two types) in one document stands for
    depends on the global order of entities: such adds are done in full."""
    paths = record_paths()
    extra = tmp_path / "extra"
    extra.mkdir()

    def record(doc: str, entities: list) -> Path:
        p = extra / f"{doc}.json"
        rec = {"doc": doc, "entities": entities, "relations": []}
        p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        return p

    both = record(
        "zz_both.txt",
        [{"type": "Company", "name": "威海火炬科技"}, {"type": "Park", "name": "威海火炬科技"}],
    )
    again = record("zz_again.txt", [{"type": "Company", "name": "威海火炬科技"}])
    other = record("zz_other.txt", [{"type": "Company", "name": "无关联测试企业"}])
    store = tmp_path / "inc"
    fixture_build(paths, store)
    assert not fixture_add([both], store).incremental  # a new name of two entities
    assert not fixture_add([again], store).incremental  # touches a stored one
    assert fixture_add([other], store).incremental
    fixture_build([*paths, both, again, other], tmp_path / "full")
    assert quad_set(store) == quad_set(tmp_path / "full")
    assert _resolution(store) == _resolution(tmp_path / "full")


def test_replacing_a_document_rewrites_only_the_documents_it_changes(tmp_path, monkeypatch):
    """A replaced document shares entities (a hub park) with many others; those whose
    names keep their entities keep their graphs (issue 17: a replace rewrote them all)."""
    import kg.incremental as inc

    paths = record_paths()
    fixture_build(paths, tmp_path / "s")
    same = json.loads(paths[0].read_text(encoding="utf-8"))  # the same content again
    new = tmp_path / paths[0].name
    new.write_text(json.dumps(same, ensure_ascii=False), encoding="utf-8")
    plans = []
    real = inc.plan_add
    monkeypatch.setattr(kg_store, "plan_add", lambda *a: plans.append(real(*a)) or plans[-1])
    report = fixture_add([new], tmp_path / "s")
    assert report.incremental and plans and plans[0] is not None
    assert plans[0].redo_docs  # it shares entities with stored documents …
    assert plans[0].rewrite == {same["doc"]}  # … and rewrites none of them
    fixture_build([new, *paths[1:]], tmp_path / "r")
    assert quad_set(tmp_path / "s") == quad_set(tmp_path / "r")
    assert _resolution(tmp_path / "s") == _resolution(tmp_path / "r")
    _check_meta(tmp_path / "s")
