"""One build and one add for every store: the graph of the seeds is the same
whichever way it is written (tests/test_remote_store.py runs the same against
an Oxigraph server)."""

from __future__ import annotations

import pytest
from store_helpers import same_lines, seed_record_files, seeds_graph, sorted_nquads

from kg.build import add, build, load_record
from kg.records import record_sources
from kg.store import LocalWriter, backend, writing


def _build(files, store, **kw):
    return build([str(f) for f in files], store, extract=load_record, expand=record_sources, **kw)


def _add(files, store, **kw):
    return add([str(f) for f in files], store, extract=load_record, expand=record_sources, **kw)


def test_the_seeds_graph_is_the_reference(tmp_path):
    """Sorted N-Quads of the seeds equal those kg made before the stores were one
    interface (tests/fixtures/seeds_graph.nq.gz)."""
    files = seed_record_files(tmp_path / "seeds")
    report = _build(files, tmp_path / "s")
    got = sorted_nquads(tmp_path / "s")
    assert not same_lines(got, seeds_graph()), same_lines(got, seeds_graph())
    assert report.quads == len(got) and report.documents == len(files)


@pytest.mark.parametrize("incremental", [True, False])
def test_an_add_gives_the_seeds_graph(tmp_path, incremental):
    files = seed_record_files(tmp_path / "seeds")
    _build(files[:2], tmp_path / "s")
    report = _add(files[2:], tmp_path / "s", incremental=incremental)
    assert report.incremental == incremental
    assert report.added == [f.name for f in files[2:]]
    assert not same_lines(sorted_nquads(tmp_path / "s"), seeds_graph())


def test_a_parallel_build_gives_the_seeds_graph(tmp_path):
    files = seed_record_files(tmp_path / "seeds")
    _build(files, tmp_path / "s", jobs=2)
    assert not same_lines(sorted_nquads(tmp_path / "s"), seeds_graph())


def test_the_store_value_names_the_backend(tmp_path):
    assert backend("http://127.0.0.1:7878") == "sparql"
    assert backend("https://example.org/ds?gsp=/ds/data") == "sparql"
    assert backend(tmp_path / "s") == backend("kg-store") == backend("http-cache") == "local"
    with writing(tmp_path / "s") as w:
        assert isinstance(w, LocalWriter) and w.name == str(tmp_path / "s")


def test_build_and_add_are_one_path(tmp_path, monkeypatch):
    """Build and add extract, resolve and hand over to the store's writer in
    kg.build, whatever the store; no store module builds on its own."""
    import kg.remote
    import kg.store

    for mod in (kg.store, kg.remote):
        assert not hasattr(mod, "build") and not hasattr(mod, "add"), mod.__name__
    calls = []
    write = kg.build._write
    monkeypatch.setattr(kg.build, "_write", lambda w, *a, **k: (calls.append(w), write(w, *a, **k)))
    files = seed_record_files(tmp_path / "seeds")
    _build(files[:3], tmp_path / "s")
    _add(files[3:], tmp_path / "s", incremental=False)
    assert [type(w).__name__ for w in calls] == ["LocalWriter", "LocalWriter"]
