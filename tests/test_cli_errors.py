"""Errors a user can cause: one line naming the path or value and the reason,
exit code 1, and nothing left behind when nothing was built."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import click
import httpx
import pytest
from click.testing import CliRunner
from graph_helpers import fixture_build, quad_set, record_paths

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "seeds" / "000_6dd52f9f141e9778.txt"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kg: error: "), result.stderr
    return err[0].removeprefix("kg: error: ")


@pytest.mark.parametrize(
    "source, why",
    [
        ("nonexistent/", "does not exist"),
        ("missing.txt", "does not exist"),
        ("empty", "empty folder"),
        ("csvs", "no supported files in folder"),
    ],
)
def test_nothing_to_build_names_the_source_and_leaves_nothing(tmp_path, monkeypatch, source, why):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "csvs").mkdir()
    (tmp_path / "csvs" / "a.csv").write_text("a,b\n")
    (tmp_path / "was-empty").mkdir()
    for store in ("new-store", "was-empty"):
        err = one_line_error(run("build", source, "--store", store))
        assert err.startswith(f"nothing to build: {source}: {why}"), err
        assert err.endswith("; no store written"), err
    assert not (tmp_path / "new-store").exists()
    assert list((tmp_path / "was-empty").iterdir()) == []  # no kg-store.json, no lock


def test_nothing_to_build_keeps_an_existing_store_as_it_was(tmp_path):
    store = tmp_path / "s"
    fixture_build(record_paths()[:2], store)
    before, files = quad_set(store), sorted(os.listdir(store))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    err = one_line_error(run("build", empty, "--store", store))
    assert err == f"nothing to build: {empty}: empty file; the store is unchanged"
    err = one_line_error(run("add", empty, "--store", store))
    assert err == f"nothing to add: {empty}: empty file; the store is unchanged"
    assert quad_set(store) == before and sorted(os.listdir(store)) == files


def test_several_unreadable_sources_are_each_named_then_one_error(tmp_path):
    r = run("build", tmp_path / "a.txt", tmp_path / "b.md", "--store", tmp_path / "s")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"kg: skipped {tmp_path / 'a.txt'}: does not exist",
        f"kg: skipped {tmp_path / 'b.md'}: does not exist",
        "kg: error: nothing to build: none of the 2 sources could be read; no store written",
    ]


@pytest.mark.parametrize(
    "args, says",
    [
        (["export", "--format", "ttl"], "Missing option '-o' / '--output' (see kg export --help)"),
        (["export", "--format", "doc", "-o", "x"], "Invalid value for '--format'"),
        (["bogus"], "No such command 'bogus' (see kg --help)"),
        (["build"], "Missing argument 'SOURCES...' (see kg build --help)"),
        (["stats", "--top", "0"], "Invalid value for '--top'"),
        (["query"], "give SPARQL text, a .rq file or a canned query name"),
        (["stats", "--store", "ftp://x/y"], "'ftp://x/y': a store is a folder or an http(s)://"),
    ],
)
def test_usage_errors_are_one_line_and_exit_1(args, says):
    """As the README promises (click's own: four lines and exit code 2)."""
    assert says in one_line_error(run(*args))


def test_every_option_has_help():
    missing = []
    for name, cmd in main.commands.items():
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.help and not p.hidden:
                missing.append(f"kg {name} {p.opts[0]}")
    assert missing == []


def test_add_reports_added_not_built(tmp_path):
    store = tmp_path / "s"
    assert run("build", DOC, "--store", store, "-q", "--no-stats").exit_code == 0
    other = ROOT / "seeds" / "001_4e3147d518d1b2be.txt"
    r = run("add", other, "--store", store, "-q")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.startswith(f"added to {store}: 2 documents (1 added)"), r.stderr


def test_serve_on_a_busy_port_is_one_line_and_port_0_announces_the_real_port(tmp_path):
    store = tmp_path / "s"
    fixture_build(record_paths()[:2], store)
    kg = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--workers", "1"]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([*kg, "--port", str(port)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"kg: error: cannot listen on 127.0.0.1:{port}: address already in use"
    ]
    proc = subprocess.Popen([*kg, "--port", "0"], stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        m = re.fullmatch(
            r"kg: serving .* at http://127\.0\.0\.1:(\d+)/ \(SPARQL: /sparql\)\n", first
        )
        assert m and int(m.group(1)) > 0, first
        url = f"http://127.0.0.1:{m.group(1)}/sparql"
        # the announced port answers (polled until the server is up: no clock race)
        for _ in range(1200):
            try:
                got = httpx.get(url, params={"query": "ASK {}"}, timeout=30)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.1)
        assert got.status_code == 200
    finally:
        proc.terminate()
        proc.wait(120)
