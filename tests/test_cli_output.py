"""``-o`` never harms what is at the path (kg/output.py, through kg export and kg viz).

A regular file is replaced whole (temporary file + rename, its permissions
kept); a symlink is written through (it stays a link); a named pipe and a
character device are written into, never replaced by a regular file; ``-`` is
standard output; a directory is refused in one line. Devices need root
(``mknod``): skipped only where that is not permitted.
"""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_helpers import fixture_build, record_paths

from kg.cli import main
from kg.errors import KgError
from kg.output import display, open_output, write_output


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("out") / "s"
    fixture_build(record_paths(), path)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kg: error:"), result.stderr
    return err[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "kg-tmp" in p.name or ".tmp" in p.name)


# ------------------------------------------------------------------ the writer


def test_regular_file_is_replaced_whole_keeping_its_permissions(tmp_path):
    f = tmp_path / "g.nt"
    f.write_text("old")
    f.chmod(0o640)
    ino = f.stat().st_ino
    write_output(f, "new")
    assert f.read_text() == "new"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert f.stat().st_ino != ino  # renamed over, not written in place
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    f = tmp_path / "g.nt"
    f.write_text("old")
    with pytest.raises(RuntimeError):
        with open_output(f) as out:
            out.write(b"half")
            raise RuntimeError("the exporter failed")
    assert f.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        write_output(tmp_path / "n.nt", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "n.nt").stat().st_mode) == 0o644


def test_symlink_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real.nt"
    target.write_text("old")
    link = tmp_path / "link.nt"
    link.symlink_to(target)
    write_output(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"
    # a dangling link: its target is created
    dangling = tmp_path / "later.nt"
    dangling.symlink_to(tmp_path / "made.nt")
    write_output(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "made.nt").read_text() == "made"
    assert leftovers(tmp_path) == []


def test_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    try:
        write_output(fifo, "through the pipe")
    finally:
        reader.join(60)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def _null_device(path: Path) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        with open(path, "wb") as f:  # a nodev mount refuses to open it
            f.write(b"")
    except OSError as e:
        pytest.skip(f"cannot make a device node here: {e.strerror}")
    return path


def test_character_device_is_written_into_not_replaced(tmp_path):
    dev = _null_device(tmp_path / "null")
    before = os.lstat(dev)
    write_output(dev, "gone")
    after = os.lstat(dev)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_directory_block_device_and_missing_folder_are_refused(tmp_path):
    with pytest.raises(KgError, match=r"cannot write .*: is a directory"):
        write_output(tmp_path, "x")
    with pytest.raises(KgError, match=r"cannot write .*nowhere/x.nt: no folder"):
        write_output(tmp_path / "nowhere" / "x.nt", "x")
    (tmp_path / "file").write_text("mine")
    with pytest.raises(KgError, match=r"x.nt: a parent is not a folder"):
        write_output(tmp_path / "file" / "x.nt", "x")
    assert (tmp_path / "file").read_text() == "mine"
    try:
        os.mknod(tmp_path / "disk", stat.S_IFBLK | 0o600, os.makedev(7, 200))
    except OSError as e:
        pytest.skip(f"cannot make a device node here: {e.strerror}")
    with pytest.raises(KgError, match="block device"):
        write_output(tmp_path / "disk", "x")
    assert stat.S_ISBLK(os.lstat(tmp_path / "disk").st_mode)


def test_names_are_quoted_when_they_could_fake_a_line():
    assert display("a.txt") == "a.txt"
    assert display("新闻.txt") == "新闻.txt"
    assert display("a\nkg: skipped b.txt") == "'a\\nkg: skipped b.txt'"
    assert display("x\x1b[31m.md") == "'x\\x1b[31m.md'"
    assert display(os.fsdecode("国中.txt".encode("gbk"))) == "'\\xb9\\xfa\\xd6\\xd0.txt'"


# ------------------------------------------------------------------ through the commands


@pytest.mark.parametrize("command", ["export", "viz"])
def test_dash_is_standard_output(store, tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ("--format", "nt") if command == "export" else ()
    result = run(command, "--store", store, *args, "-o", "-")
    assert result.exit_code == 0, result.stderr
    want = "<https://w3id.org/kg/" if command == "export" else "<!DOCTYPE html>"
    assert want in result.stdout
    assert "wrote standard output" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no file named "-"


@pytest.mark.parametrize("command", ["export", "viz"])
def test_commands_write_through_a_symlink_and_refuse_a_directory(store, tmp_path, command):
    args = ("--format", "ttl") if command == "export" else ()
    target = tmp_path / "real"
    link = tmp_path / "link"
    link.symlink_to(target)
    result = run(command, "--store", store, *args, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and target.stat().st_size > 0
    err = one_line_error(run(command, "--store", store, *args, "-o", tmp_path))
    assert f"cannot write {tmp_path}: is a directory" in err


def test_export_into_a_device_keeps_the_device(store, tmp_path):
    dev = _null_device(tmp_path / "null")
    result = run("export", "--store", store, "--format", "nq", "-o", dev)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


def test_export_to_an_unwritable_place_names_the_target_and_why(store, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "g.ttl").write_text("old")
    r = subprocess_mount_ro(ro)
    if r is not None:
        pytest.skip(r)
    try:
        err = one_line_error(run("export", "--store", store, "--format", "ttl", "-o", ro / "g.ttl"))
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)
    assert err == f"kg: error: cannot write {ro / 'g.ttl'}: read-only file system"
    assert (ro / "g.ttl").read_text() == "old"


def subprocess_mount_ro(folder: Path) -> str | None:
    """Bind-mount ``folder`` read-only on itself; why not, or None."""
    r = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if r.returncode != 0:
        return f"cannot mount here ({r.stderr.decode().strip() or 'not root'})"
    r = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True)
    if r.returncode != 0:
        subprocess.run(["umount", "-l", str(folder)])
        return f"cannot remount read-only ({r.stderr.decode().strip()})"
    return None


def test_extract_output_goes_through_the_same_writer(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("合肥高新区聚焦人工智能产业。\n", encoding="utf-8")
    link = tmp_path / "out.jsonl"
    link.symlink_to(tmp_path / "records.jsonl")
    result = run("extract", doc, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and '"doc": "a.txt"' in (tmp_path / "records.jsonl").read_text()
