import json
import os

import pytest
from graph_helpers import fixture_build, record_paths

from kg.errors import StoreError
from kg.store import locked, open_store, prepare


def test_open_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no kg store"):
        open_store(tmp_path / "nope")


def test_a_folder_that_is_not_a_store_is_refused_and_untouched(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(StoreError, match="not a kg store"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="not a kg store"):
        fixture_build(record_paths(), tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["mine.txt"]


def test_a_file_is_not_a_store(tmp_path):
    f = tmp_path / "f"
    f.write_text("x")
    with pytest.raises(StoreError):
        prepare(f)


def test_store_query_union_default_graph(tmp_path):
    fixture_build(record_paths(), tmp_path / "s")
    with open_store(tmp_path / "s") as s:
        rows = list(s.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Park }"))
        assert int(rows[0]["n"].value) > 5
        assert len(s.documents) == len(record_paths())
        assert set(s.records()) == set(s.documents)


def test_corrupt_marker_and_current(tmp_path):
    store = tmp_path / "s"
    fixture_build(record_paths(), store)
    (store / "CURRENT").write_text("gen-missing\n")
    with pytest.raises(StoreError, match="corrupt"):
        open_store(store)
    (store / "kg-store.json").write_text("{not json")
    with pytest.raises(StoreError, match="corrupt"):
        open_store(store)
    with pytest.raises(StoreError, match="corrupt"):
        fixture_build(record_paths(), store)


def test_corrupt_oxigraph_data(tmp_path):
    store = tmp_path / "s"
    fixture_build(record_paths(), store)
    gen = store / (store / "CURRENT").read_text().strip()
    for f in (gen / "oxigraph").iterdir():
        if f.is_file():
            f.write_bytes(b"garbage")
    with pytest.raises(StoreError, match="corrupt"):
        open_store(store)


def test_second_writer_is_refused(tmp_path):
    store = prepare(tmp_path / "s")
    with locked(store):
        with pytest.raises(StoreError, match="locked by another kg build"):
            fixture_build(record_paths(), store)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="permission denied"):
            fixture_build(record_paths(), ro / "s")
    finally:
        ro.chmod(0o700)


def test_meta(tmp_path):
    fixture_build(record_paths(), tmp_path / "s")
    with open_store(tmp_path / "s") as s:
        assert s.meta["quads"] == len(s)
        assert json.loads((s.path / "kg-store.json").read_text())["format"] == "kg-store"


def test_a_reader_of_the_previous_build_keeps_working(tmp_path):
    store = tmp_path / "s"
    fixture_build(record_paths()[:1], store)
    reader = open_store(store)
    n = len(reader)
    fixture_build(record_paths(), store)
    assert reader.is_stale()
    assert len(list(reader.quads())) == n  # its generation is still there
    with open_store(store) as fresh:
        assert not fresh.is_stale() and len(fresh) > n


def test_quads_load_in_batches_as_one_load(tmp_path):
    """load_quads never hands pyoxigraph more than a batch at a time; the store
    holds every quad once, whatever the batch size (and an empty input is fine)."""
    import pyoxigraph as ox

    from kg.store import load_quads

    g = ox.NamedNode("http://example.org/g")
    quads = [
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                ox.Literal(str(i % 4)), g)  # fmt: skip
        for i in range(10)
    ]
    seen = []

    class Spy:
        def __init__(self):
            self.store = ox.Store()

        def bulk_extend(self, batch):
            batch = list(batch)
            seen.append(len(batch))
            self.store.bulk_extend(batch)

    for size, calls in ((3, [3, 3, 3, 1]), (5, [5, 5]), (100, [10])):
        seen.clear()
        spy = Spy()
        load_quads(spy, iter(quads), batch=size)
        assert seen == calls
        assert sorted(map(str, spy.store)) == sorted(map(str, quads))
    seen.clear()
    load_quads(Spy(), iter([]), batch=3)
    assert seen == []


def test_a_record_shelf_keeps_records_on_disk(tmp_path):
    from kg.store import RecordShelf

    shelf = RecordShelf(tmp_path)
    recs = {d: {"doc": d, "entities": [{"name": "甲公司", "type": "Company"}]}
            for d in ("b.txt", "a.txt", "名字 1.txt")}  # fmt: skip
    for d, rec in recs.items():
        shelf[d] = rec
    assert list(shelf) == list(recs) and len(shelf) == 3
    assert "a.txt" in shelf and "c.txt" not in shelf
    assert dict(shelf.items()) == recs
    assert len(list(tmp_path.iterdir())) == 3  # one file each, nothing in memory but names
    del shelf["a.txt"]
    assert "a.txt" not in shelf and len(list(tmp_path.iterdir())) == 2


def test_a_build_that_writes_nothing_leaves_no_generation_behind(tmp_path):
    """A build keeps its records in its new generation as they arrive; when no
    source gives a record, that generation goes and the graph is as it was."""
    from kg.build import NothingToBuild, build, load_record

    store = tmp_path / "s"
    fixture_build(record_paths(), store)
    with open_store(store) as s:
        before, gen = len(s), s.generation
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(NothingToBuild):
        build([bad], store, extract=load_record, progress=False)
    assert sorted(store.glob("gen-*")) == [gen]
    with open_store(store) as s:
        assert len(s) == before and s.generation == gen
