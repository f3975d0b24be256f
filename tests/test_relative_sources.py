"""The graph does not depend on where it was built (issue 14 item 9).

A document's ``dcterms:source`` is its path inside the source given (the folder
or the file on the command line), so the same files reached from another
working directory, through ``./x/../``, or by an absolute path give the same
quads, and no quad, stored record, index or page holds the builder's paths.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from graph_helpers import fixture_add, fixture_build, quad_set, record_paths

from kg.build import build
from kg.ingest.sources import shown_source, source_names
from kg.store import open_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CHECKOUT = str(Path(__file__).resolve().parents[1])

# a document of the seeds is built with real extraction, kept to two files
SEED_FILES = sorted(SEEDS.glob("*.txt"))[:2]


def _sources(store: Path) -> set[str]:
    with open_store(store) as s:
        return {
            str(q.object.value)
            for q in s.quads()
            if q.predicate.value == "http://purl.org/dc/terms/source"
        }


def _leaks(store: Path, *paths: str) -> list[str]:
    """Quads and store files (records, index, meta; not the database's own
    internals) that hold one of ``paths``."""
    found = [q for q in quad_set(store) if any(p in q for p in paths)]
    for f in store.rglob("*"):
        if f.is_file() and "oxigraph" not in f.parts:
            data = f.read_bytes()
            found += [f"{f}: {p}" for p in paths if p.encode() in data]
    return found


def test_source_names_are_relative_to_the_source_given():
    files = ["seeds/a.txt", "seeds/sub/b.txt", "x/../seeds/c.txt", "/abs/one.txt", "d.txt"]
    roots = ["seeds/", "x/../seeds", "/abs/one.txt", "."]
    assert source_names(roots, files) == {
        "seeds/a.txt": "a.txt",
        "seeds/sub/b.txt": "sub/b.txt",
        "x/../seeds/c.txt": "c.txt",
        "/abs/one.txt": "one.txt",
        "d.txt": "d.txt",
    }
    # under two roots: the first given; under none: its file name
    assert source_names(["seeds/sub", "seeds"], ["seeds/sub/b.txt"]) == {"seeds/sub/b.txt": "b.txt"}
    assert source_names(["seeds", "seeds/sub"], ["seeds/sub/b.txt"]) == {
        "seeds/sub/b.txt": "sub/b.txt"
    }
    assert source_names(["elsewhere"], ["/t/x.txt"]) == {"/t/x.txt": "x.txt"}
    # a name of bytes that are not UTF-8 keeps them as %XX, as the document names do
    assert source_names(["c"], [os.fsdecode(b"c/\xb9\xfa.txt")]) == {
        os.fsdecode(b"c/\xb9\xfa.txt"): "%B9%FA.txt"
    }


def test_pages_never_show_an_absolute_source_of_an_old_store():
    assert shown_source("/home/u/corpus/a.txt") == "a.txt"
    assert shown_source("C:\\Users\\u\\a.txt") == "a.txt"
    assert shown_source("sub/a.txt") == "sub/a.txt"
    assert shown_source(None) is None


def test_same_graph_from_any_working_directory_or_path(tmp_path, monkeypatch):
    corpus = tmp_path / "seeds"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(SEED_FILES[0], corpus)
    shutil.copy(SEED_FILES[1], corpus / "sub")
    (tmp_path / "x").mkdir()
    stores = tmp_path / "stores"
    runs = {
        "relative": (tmp_path, "seeds/"),
        "dotted": (tmp_path, "./x/../seeds/"),
        "absolute": (tmp_path / "x", str(corpus)),
        "parent": (tmp_path / "x", "../seeds"),
    }
    for name, (cwd, source) in runs.items():
        monkeypatch.chdir(cwd)
        report = build([source], stores / name, progress=False)
        assert report.ok and report.documents == 2, report.failed
    first = sorted(quad_set(stores / "relative"))
    for name in runs:
        assert sorted(quad_set(stores / name)) == first, name
    assert _sources(stores / "relative") == {SEED_FILES[0].name, f"sub/{SEED_FILES[1].name}"}
    for name in runs:
        assert not _leaks(stores / name, str(tmp_path), CHECKOUT), name

    # a single file given: its file name, whatever the path to it
    monkeypatch.chdir(tmp_path / "x")
    build([f"../seeds/sub/{SEED_FILES[1].name}"], stores / "one", progress=False)
    assert _sources(stores / "one") == {SEED_FILES[1].name}

    # the pages: kg viz and the explorer's facts hold no path of the builder
    from kg.api import open as open_graph
    from kg.viz import write_html

    page = write_html(stores / "absolute", tmp_path / "x" / "page.html").read_text("utf-8")
    assert str(tmp_path) not in page and CHECKOUT not in page
    assert f"sub/{SEED_FILES[1].name}" in page  # the relative source is still shown
    from kg.graphview import load

    G = load(stores / "absolute")
    g = open_graph(stores / "absolute")
    try:
        shown = set()
        for n in G:
            for f in g.facts(n):
                shown |= {e["source"] for e in f["evidence"]}
    finally:
        g.close()
    assert shown == {SEED_FILES[0].name, f"sub/{SEED_FILES[1].name}"}


def test_add_names_sources_as_a_rebuild_does(tmp_path, monkeypatch):
    paths = record_paths()
    corpus = tmp_path / "records"
    corpus.mkdir()
    for p in paths:
        shutil.copy(p, corpus)
    monkeypatch.chdir(tmp_path)
    fixture_build(["records/"], tmp_path / "full")
    fixture_build([corpus / p.name for p in paths[:2]], tmp_path / "inc")  # absolute paths
    for p in paths[2:]:
        fixture_add([f"./records/{p.name}"], tmp_path / "inc")
    assert quad_set(tmp_path / "inc") == quad_set(tmp_path / "full")
    assert _sources(tmp_path / "full") == {p.name for p in paths}
    assert not _leaks(tmp_path / "inc", str(tmp_path), CHECKOUT)
