"""The graph commands (build, add, export, validate, stats) on the real seeds,
and their one-line errors."""

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_helpers import quad_set

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def _one_line_error(result):
    assert result.exit_code == 1, result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kg: error:"), result.stderr
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "s"
    result = run("build", SEEDS, "--store", store, "--jobs", "2")
    assert result.exit_code == 0, result.output + result.stderr
    assert "entities:" in result.output and str(store) in result.output
    return store


def test_build_seeds_validates(seeds_store):
    result = run("validate", "--store", seeds_store)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_stats(seeds_store):
    result = run("stats", "--store", seeds_store)
    assert result.exit_code == 0
    assert "documents: 5" in result.output and "Park" in result.output


def test_add_equals_rebuild_on_seeds(seeds_store, tmp_path):
    files = sorted(SEEDS.glob("*.txt"))
    assert run("build", *files[:3], "--store", tmp_path / "inc", "--no-stats").exit_code == 0
    assert run("add", *files[3:], "--store", tmp_path / "inc").exit_code == 0
    strip = lambda qs: {q for q in qs if "dc/terms/source" not in q}  # noqa: E731
    assert strip(quad_set(tmp_path / "inc")) == strip(quad_set(seeds_store))


def test_export(seeds_store, tmp_path):
    out = tmp_path / "g.trig"
    result = run("export", "--store", seeds_store, "--format", "trig", "-o", out)
    assert result.exit_code == 0 and out.stat().st_size > 0


def test_unreadable_source_is_named_and_build_goes_on(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    files = sorted(SEEDS.glob("*.txt"))[:1]
    result = run(
        "build", *files, bad, tmp_path / "missing.txt", "--store", tmp_path / "s", "--no-stats"
    )
    assert result.exit_code == 1
    assert "broken.pdf" in result.stderr and "missing.txt" in result.stderr
    assert run("stats", "--store", tmp_path / "s").exit_code == 0


def test_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    _one_line_error(run("stats", "--store", tmp_path))
    _one_line_error(run("build", SEEDS, "--store", tmp_path))
    assert os.listdir(tmp_path) == ["notes.txt"]
    _one_line_error(run("validate", "--store", tmp_path / "nothing"))


def test_corrupt_store(seeds_store, tmp_path):
    store = tmp_path / "s"
    shutil.copytree(seeds_store, store)
    (store / "CURRENT").write_text("gen-gone\n")
    _one_line_error(run("export", "--store", store, "--format", "nt", "-o", tmp_path / "x.nt"))
    assert not (tmp_path / "x.nt").exists()
    _one_line_error(run("add", SEEDS / "000_6dd52f9f141e9778.txt", "--store", store))


def test_help_has_examples():
    for cmd in ("build", "add", "export", "validate", "stats"):
        result = run(cmd, "--help")
        assert result.exit_code == 0 and "Example" in result.output
