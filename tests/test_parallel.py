"""--jobs N: N processes extract, one resolves and writes; the graph is that of --jobs 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from graph_helpers import assert_stats_fresh, stats_lines

from kg.build import build, extract_all, extract_record
from kg.engines import LocalEngine, Progress
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def nquads(store) -> list[str]:
    """The store's quads as sorted N-Quads lines."""
    with open_store(store) as s:
        return sorted(str(q) + " ." for q in s.quads())


def test_jobs_2_gives_the_graph_of_jobs_1(tmp_path):
    one = build([SEEDS], tmp_path / "one", jobs=1, progress=False)
    two = build([SEEDS], tmp_path / "two", jobs=2, progress=False)
    assert one.documents == two.documents == 5
    assert nquads(tmp_path / "one") == nquads(tmp_path / "two")
    with open_store(tmp_path / "one") as a, open_store(tmp_path / "two") as b:
        assert a.records() == b.records()


def test_pool_keeps_the_order_and_reports_failures(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    paths = [*sorted(SEEDS.glob("*.txt"))[:2], bad]
    seen = []
    records, failed = extract_all(
        paths, extract_record, engine=LocalEngine(2), progress=lambda n: seen.append(n)
    )
    assert [r["doc"] for r in records] == [p.name for p in paths[:2]]
    assert failed == [(str(bad), "empty file")]
    assert sum(seen) == 3


def test_progress_is_silent_when_not_a_terminal(capsys):
    with Progress(10, enabled=True, delay=0) as bar:
        for _ in range(10):
            bar.advance()
        bar.phase("writing")
    assert capsys.readouterr().err == ""


def test_cli_jobs_and_quiet(tmp_path):
    from kg.cli import main

    r = CliRunner().invoke(
        main,
        [
            "build",
            str(SEEDS),
            "--store",
            str(tmp_path / "s"),
            "--jobs",
            "2",
            "--quiet",
            "--no-stats",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "built" in r.output and "5 documents" in r.output


_CHILD_LOAD = """
import json, sys
from kg import store
from kg.build import build

calls = []
load = store._load_in_child


def spy(*args):
    calls.append(1)
    return load(*args)


store._load_in_child = spy
extract = {}
if len(sys.argv) > 3:  # record files
    from kg.build import load_record
    extract = {"extract": load_record}
report = build([sys.argv[1]], sys.argv[2], jobs=2, progress=False, **extract)
assert calls, "the quads were not loaded in a child"
print(json.dumps(report.dropped))
"""


def test_jobs_2_loads_the_quads_in_a_child_and_gives_the_same_graph(tmp_path):
    """A fresh single-threaded process (as `kg build --jobs 2`) forks a loader."""
    import subprocess
    import sys

    build([SEEDS], tmp_path / "one", jobs=1, progress=False)
    r = subprocess.run(
        [sys.executable, "-c", _CHILD_LOAD, str(SEEDS), str(tmp_path / "two")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert nquads(tmp_path / "one") == nquads(tmp_path / "two")
    with open_store(tmp_path / "one") as a, open_store(tmp_path / "two") as b:
        assert a.records() == b.records()
        assert a.meta["quads"] == b.meta["quads"] == len(b)
    # the child counted the stats graph too (kg/statsgraph.py)
    assert stats_lines(tmp_path / "two") == stats_lines(tmp_path / "one")
    assert_stats_fresh(tmp_path / "two")


def test_no_fork_beside_other_threads():
    """RocksDB's background threads (or any other) make a forked child unsafe."""
    import threading

    from kg.store import _fork_is_safe

    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not _fork_is_safe()
    finally:
        stop.set()
        t.join()


def test_a_thread_just_joined_does_not_keep_the_loader_from_forking():
    """The extraction pool's threads are joined right before the load: the OS may
    list one a moment longer, which must not make the build load in-process. (In a
    fresh process: a store another test opened here keeps threads of its own.)"""
    import subprocess
    import sys

    script = (
        "import threading\n"
        "from kg.store import _fork_is_safe\n"
        "for _ in range(1000):\n"
        "    t = threading.Thread(target=lambda: None)\n"
        "    t.start()\n"
        "    t.join()\n"
        "    assert _fork_is_safe(), 'a joined thread kept the loader from forking'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_child_loader_sends_back_the_dropped_relations(tmp_path):
    """The forked loader makes the quads, so it finds the relations the graph does
    not state; the report of --jobs 2 lists them as --jobs 1 does."""
    import json
    import subprocess
    import sys

    from test_rdf import ILL_TYPED

    from kg.build import load_record

    src = tmp_path / "recs"
    src.mkdir()
    for name in ("x", "y"):  # two sources: a pool and a child loader
        rec = {**ILL_TYPED, "doc": f"{name}.txt"}
        (src / f"{name}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    one = build([src], tmp_path / "one", jobs=1, extract=load_record, progress=False)
    r = subprocess.run(
        [sys.executable, "-c", _CHILD_LOAD, str(src), str(tmp_path / "two"), "records"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.splitlines()[-1]) == one.dropped
    assert len(one.dropped) == 4 and one.dropped[0].startswith("x.txt: ")
    assert nquads(tmp_path / "one") == nquads(tmp_path / "two")
