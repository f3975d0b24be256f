"""A full disk and a read-only disk: one clear line, and the previous graph intact.

The tests mount small tmpfs file systems (the machine and CI run as root); where
mounting is not allowed they are skipped with that reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "seeds" / "001_4e3147d518d1b2be.txt"


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def tmpfs(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    size = "24m"
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({r.stderr.strip() or 'not root'})")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _quads(store: Path) -> int:
    r = _kg(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        str(store),
        "--format",
        "csv",
    )
    assert r.returncode == 0, r.stderr
    return int(r.stdout.split()[-1])


def _one_clear_line(r: subprocess.CompletedProcess) -> None:
    assert r.returncode == 1
    assert "Traceback" not in r.stderr + r.stdout
    errors = [line for line in r.stderr.splitlines() if line.startswith("kg: error")]
    assert len(errors) == 1, r.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])  # 2: the quads are loaded by a forked child
def test_full_disk_leaves_the_previous_graph(tmpfs, jobs):
    store = tmpfs / "store"
    r = _kg("build", str(DOC), "--store", str(store), "--quiet")
    assert r.returncode == 0, r.stderr
    before = _quads(store)
    # fill the disk, leaving a few kilobytes
    st = os.statvfs(tmpfs)
    free = st.f_bavail * st.f_frsize
    with open(tmpfs / "filler", "wb") as f:
        f.write(b"\0" * max(0, free - 16 * 1024))
    r = _kg("build", str(ROOT / "seeds"), "--store", str(store), "--quiet", "--jobs", jobs)
    _one_clear_line(r)
    assert "space" in r.stderr.lower() or "full" in r.stderr.lower(), r.stderr
    (tmpfs / "filler").unlink()
    assert _quads(store) == before


def test_read_only_disk_is_one_line_and_still_queryable(tmpfs):
    store = tmpfs / "store"
    r = _kg("build", str(DOC), "--store", str(store), "--quiet")
    assert r.returncode == 0, r.stderr
    before = _quads(store)
    remount = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True)
    assert remount.returncode == 0, remount.stderr
    try:
        for args in (("build", str(ROOT / "seeds")), ("add", str(DOC))):
            r = _kg(*args, "--store", str(store), "--quiet")
            _one_clear_line(r)
            assert "read-only" in r.stderr.lower(), r.stderr
        assert _quads(store) == before
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tmpfs)], capture_output=True)
