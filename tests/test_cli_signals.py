"""SIGTERM and Ctrl-C (SIGINT to the whole process group, as a terminal sends
it) stop ``kg build --jobs 2`` with one line, exit code 128 + the signal, and
a clean store: the previous graph (or the new one if it was already in place),
no unfinished generation left, no pool worker or loader alive, no traceback.

The signals are sent by the build itself at chosen moments (its N-th file
system step, counted by an audit hook, or once the first document is
extracted), not by a clock, so a loaded machine sends them at the same points.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from step_helpers import STEP_COUNTER

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

_SIGNALLED = (
    STEP_COUNTER
    + """
import atexit
how, args = sys.argv[1], sys.argv[2:]
name, _, where = how.partition("@")

def send():
    if name == "INT":
        os.killpg(0, signal.SIGINT)  # a terminal's Ctrl-C: the whole group
    elif name == "TERM":
        os.kill(MAIN, signal.SIGTERM)

def on_step(n):
    if where == f"step:{n}":
        send()

if where.startswith("step:") or name == "count":
    sys.addaudithook(count_step)
if name == "count":
    atexit.register(lambda: sys.stderr.write(f"steps {seen}\\n"))
if where == "extracted":
    import kg.engines
    plain = kg.engines.LocalEngine.map
    def first_then_signal(self, *a, **k):
        for i, res in enumerate(plain(self, *a, **k)):
            if i == 0:
                send()
            yield res
    kg.engines.LocalEngine.map = first_then_signal
from kg.cli import main as kg
sys.argv = ["kg", *args]
kg()
"""
)


def _state(store: Path) -> tuple[int, int]:
    with open_store(store) as s:
        return len(s), len(s.documents)


def _run(how: str, store: Path, sources: Path) -> subprocess.CompletedProcess:
    args = ["build", str(sources), "--store", str(store), "--jobs", "2", "-q", "--no-stats"]
    return subprocess.run(
        [sys.executable, "-c", _SIGNALLED, how, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        start_new_session=True,  # its own process group, for the Ctrl-C
    )


def _leftovers(store: Path) -> list:
    out = []
    for p in psutil.process_iter(["cmdline"]):
        if str(store) in " ".join(p.info["cmdline"] or []):
            out.append(p)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("signals") / "texts"
    folder.mkdir()
    for i in range(2):
        for p in SEEDS:
            shutil.copy(p, folder / f"{i}_{p.name}")
    return folder


def test_sigterm_and_ctrl_c_stop_a_parallel_build_cleanly(tmp_path, corpus):
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(SEEDS[0], first)
    store, done = tmp_path / "s", tmp_path / "done"
    for s in (store, done):
        r = _run("none", s, first)
        assert r.returncode == 0, r.stderr
    old = _state(store)
    counted = _run("count", done, corpus)
    assert counted.returncode == 0, counted.stderr
    steps = int(re.search(r"steps (\d+)", counted.stderr).group(1))
    new = _state(done)
    assert new != old and steps > 10
    moments = [
        "TERM@extracted",
        "INT@extracted",
        "TERM@step:1",
        f"TERM@step:{steps // 2}",
        f"INT@step:{steps // 2}",
        f"TERM@step:{steps - 1}",
    ]
    for how in moments:
        r = _run(how, store, corpus)
        signum = signal.SIGTERM if how.startswith("TERM") else signal.SIGINT
        assert r.returncode == 128 + signum, (how, r.returncode, r.stderr)
        assert "Traceback" not in r.stderr, (how, r.stderr)
        lines = r.stderr.splitlines()
        assert len(lines) == 1, (how, r.stderr)
        outcome = "(the store is unchanged|the new graph was already in place)"
        m = re.fullmatch(rf"kg: stopped by {signum.name}; {outcome}", lines[0])
        assert m, (how, lines)
        now = _state(store)
        assert now == (old if m.group(1).startswith("the store") else new), (how, now)
        # clean: every generation left is complete; nothing of the build lives on
        for gen in store.glob("gen-*"):
            assert (gen / "meta.json").is_file(), (how, sorted(p.name for p in store.iterdir()))
        psutil.wait_procs(_leftovers(store), timeout=300)
        assert not _leftovers(store), how
        if now == new:
            assert _run("none", store, first).returncode == 0
