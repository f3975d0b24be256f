import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from graph_helpers import fixture_add, fixture_build, quad_set, record_paths
from step_helpers import STEP_COUNTER

from kg.build import build
from kg.errors import KgError
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def _copies(folder: Path, order: list[Path]) -> list[Path]:
    """The fixture records under other file names, so the input order differs."""
    folder.mkdir()
    out = []
    for i, p in enumerate(order):
        q = folder / f"{i:02d}_{p.name}"
        q.write_bytes(p.read_bytes())
        out.append(q)
    return out


def test_same_graph_in_any_order(tmp_path):
    paths = record_paths()
    fixture_build(paths, tmp_path / "a")
    fixture_build(list(reversed(paths)), tmp_path / "b")
    shuffled = paths[:]
    random.Random(4).shuffle(shuffled)
    fixture_build(_copies(tmp_path / "in", shuffled), tmp_path / "c")
    assert quad_set(tmp_path / "a") == quad_set(tmp_path / "b")
    # same records from other files: only dcterms:source differs
    strip = lambda qs: {q for q in qs if "dc/terms/source" not in q}  # noqa: E731
    assert strip(quad_set(tmp_path / "a")) == strip(quad_set(tmp_path / "c"))


def test_add_equals_rebuild(tmp_path):
    paths = record_paths()
    fixture_build(paths, tmp_path / "full")
    fixture_build(paths[:2], tmp_path / "inc")
    report = fixture_add(paths[2:], tmp_path / "inc")
    assert report.added == sorted(json.loads(p.read_text())["doc"] for p in paths[2:])
    assert quad_set(tmp_path / "inc") == quad_set(tmp_path / "full")


def test_add_replaces_a_document(tmp_path):
    paths = record_paths()
    fixture_build(paths, tmp_path / "s")
    changed = json.loads(paths[-1].read_text(encoding="utf-8"))
    changed["relations"] = []
    new = tmp_path / paths[-1].name
    new.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    report = fixture_add([new], tmp_path / "s")
    assert report.replaced == [changed["doc"]] and report.added == []
    rebuilt = [p for p in paths[:-1]] + [new]
    fixture_build(rebuilt, tmp_path / "r")
    assert quad_set(tmp_path / "s") == quad_set(tmp_path / "r")


def test_add_needs_a_store(tmp_path):
    with pytest.raises(KgError, match="no kg store"):
        fixture_add(record_paths(), tmp_path / "none")


def test_parallel_extraction_same_result(tmp_path):
    fixture_build(record_paths(), tmp_path / "one", jobs=1)
    fixture_build(record_paths(), tmp_path / "two", jobs=2)
    assert quad_set(tmp_path / "one") == quad_set(tmp_path / "two")


def test_unreadable_sources_are_reported_and_the_build_goes_on(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{broken")
    report = fixture_build([*record_paths(), bad, tmp_path / "missing.json"], tmp_path / "s")
    assert {Path(p).name for p, _ in report.failed} == {"bad.json", "missing.json"}
    assert report.documents == len(record_paths())


def test_nothing_readable_keeps_the_old_store(tmp_path):
    fixture_build(record_paths(), tmp_path / "s")
    before = quad_set(tmp_path / "s")
    bad = tmp_path / "bad.json"
    bad.write_text("{broken")
    with pytest.raises(KgError, match="unchanged"):
        fixture_build([bad], tmp_path / "s")
    assert quad_set(tmp_path / "s") == before


def _failing_extract(path):
    raise ValueError("boom")


def test_extractor_crash_is_one_failure_per_file(tmp_path):
    with pytest.raises(KgError):
        build(
            [str(p) for p in record_paths()],
            tmp_path / "s",
            extract=_failing_extract,
            expand=lambda ps: ([Path(p) for p in ps], []),
        )


_KILLED_BUILD = """
import sys
from kg.build import build, load_record
build(sys.argv[2:], sys.argv[1], extract=load_record)
"""


def test_sigkill_during_build_leaves_the_old_store_usable(tmp_path):
    store = tmp_path / "s"
    fixture_build(record_paths()[:2], store)
    old = quad_set(store)
    # a bigger build: many copies of the fixtures under other document names
    srcs = _copies_of_records(tmp_path / "big", 150)
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-c", _KILLED_BUILD, str(tmp_path / "timing"), *srcs], check=True, cwd=ROOT
    )
    duration = time.monotonic() - start
    rng = random.Random(7)
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(store), *srcs], cwd=ROOT)
        time.sleep(rng.uniform(0.1, duration * 0.95))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = quad_set(store)  # opens and reads the whole store
        with open_store(store) as s:
            docs = s.documents
        assert now == old or len(docs) == len(srcs)
        if now != old:  # it finished: start from the small store again
            fixture_build(record_paths()[:2], store)
    # a later build cleans up what the killed ones left
    fixture_build(record_paths()[:2], store)
    assert len(list(store.glob("gen-*"))) <= 2  # the current one and the one before


# ------------------------------------------------------------------ kill -9 at random moments

# killed before step N (tests/step_helpers.py), the writer has made exactly N - 1
_KILLED = (
    STEP_COUNTER
    + """
from kg.build import add, build, load_record
command, jobs, *at = sys.argv[1].split(":")

def on_step(n):
    if n == int(at[0]):
        os.kill(MAIN, signal.SIGKILL)

if at:
    sys.addaudithook(count_step)
(build if command == "build" else add)(
    sys.argv[3:], sys.argv[2], extract=load_record, jobs=int(jobs)
)
print(seen)
"""
)


def _state(store: Path) -> tuple[int, int, int]:
    """(quads, documents, quads counted by SPARQL): the store opens and answers."""
    with open_store(store) as s:
        # the graph's quads: kg's stats graph left out, as len() does
        q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:stats) }"
        rows = list(s.query(q))
        return len(s), len(s.documents), int(rows[0]["n"].value)


def _copies_of_records(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    out = []
    for i in range(n):
        for p in record_paths():
            rec = json.loads(p.read_text(encoding="utf-8"))
            rec["doc"] = f"{i:03d}_{rec['doc']}"
            q = folder / f"{i:03d}_{p.name}"
            q.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
            out.append(str(q))
    return out


def _leftover_processes(store: Path) -> list:
    """Processes still running with ``store`` in their command line (a killed
    build's pool workers or forked loader)."""
    out = []
    for p in psutil.process_iter(["cmdline"]):
        if str(store) in " ".join(p.info["cmdline"] or []):
            out.append(p)
    return out


@pytest.mark.parametrize("command", ["build:1", "add:1", "build:2"])
def test_sigkill_at_every_kind_of_moment_never_loses_the_graph(tmp_path, command):
    """SIGKILLs of a build (or add; build:2 has a worker pool and a forked loader)
    at 8 of its file-system steps, spread over the whole run and chosen by
    count, not by clock (so a loaded machine kills at the same moments), and at
    3 random moments (inside RocksDB's writes too): the store is always the
    previous graph or the finished new one, whole and queryable, and no process
    of a killed build lives on."""
    store = tmp_path / "s"
    srcs = _copies_of_records(tmp_path / "big", 30)
    small = record_paths()[:2]
    fixture_build(small, store)
    old = _state(store)
    done = tmp_path / "done"
    fixture_build(small, done)
    # a run that is not killed: how many steps it takes, and the graph it makes
    run = subprocess.run(
        [sys.executable, "-c", _KILLED, f"{command}:0", str(done), *srcs],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    steps = int(run.stdout.split()[-1])
    new = _state(done)
    assert new != old and steps > 20
    rng = random.Random(20)
    kills = [f"{command}:{1 + i * (steps - 1) // 7}" for i in range(8)]
    kills += [command] * 3  # killed by the clock below
    outcomes = {"old": 0, "new": 0}
    killed = 0
    for how in kills:
        proc = subprocess.Popen(
            [sys.executable, "-c", _KILLED, how, str(store), *srcs],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if how == command:
            time.sleep(rng.uniform(0.0, 1.5))
            proc.send_signal(signal.SIGKILL)
        code = proc.wait()
        if how != command:
            # it died at that step; a run over a store with a killed run's leftovers
            # may take a few steps fewer than the calibration, so the last kill may
            # come after a normal exit: then the new graph must be there
            assert code in (-signal.SIGKILL, 0), (how, code)
            killed += code == -signal.SIGKILL
        now = _state(store)
        if code == 0:
            assert now == new, (how, now, new)
        assert now in (old, new), (how, now, old, new)
        assert now[0] == now[2]
        if now == new:
            outcomes["new"] += 1
            fixture_build(small, store)  # back to the small graph
            assert _state(store) == old
        else:
            outcomes["old"] += 1
    print(command, steps, "steps", outcomes, killed, "killed by count")
    assert killed >= 6  # nearly every count-chosen moment was reached and killed
    # a pool worker or loader of a killed build dies with it (no clock: wait for it)
    psutil.wait_procs(_leftover_processes(store), timeout=300)
    assert not _leftover_processes(store)
    # the lock died with the killed writer; the next one cleans up its leftovers
    fixture_build(small, store)
    assert _state(store) == old
    assert len(list(store.glob("gen-*"))) <= 2


def test_two_builds_at_once_the_second_is_refused(tmp_path):
    """While a writer holds the store's lock (this test holds it, so no race with
    a build that might finish first), ``kg build`` and ``kg add`` are refused in
    one line naming the holder's pid, and the graph is untouched; once the lock
    is released, the same build goes through."""
    from kg.store import locked

    store = tmp_path / "s"
    fixture_build(record_paths()[:2], store)
    before = _state(store)
    src = str(ROOT / "seeds" / "000_6dd52f9f141e9778.txt")
    with locked(store):
        for cmd in ("build", "add"):
            second = subprocess.run(
                [sys.executable, "-m", "kg.cli", cmd, src, "--store", str(store), "-q"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert second.returncode == 1
            assert "Traceback" not in second.stderr
            err = second.stderr.strip().splitlines()
            assert len(err) == 1 and "locked by another kg build" in err[0], second.stderr
            assert f"pid {os.getpid()}" in err[0]
        assert _state(store) == before
    srcs = _copies_of_records(tmp_path / "more", 2)
    fixture_build(srcs, store)
    assert _state(store)[1] == len(srcs)
