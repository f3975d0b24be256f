"""`kg extract` and `kg eval` (contract 1 and 3): records, errors, help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED000 = next(SEEDS.glob("000_*.txt"))
GOLD = REPO.parent / "shared" / "gold"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def records_of(stdout: str) -> list[dict]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def check_record(rec: dict) -> None:
    assert set(rec) >= {"doc", "entities", "relations"}
    assert isinstance(rec["doc"], str) and rec["doc"].endswith(".txt")
    canonical = set()
    for e in rec["entities"]:
        assert isinstance(e["name"], str) and e["name"]
        assert isinstance(e["type"], str)
        assert isinstance(e["aliases"], list)
        canonical.add(e["name"])
    for r in rec["relations"]:
        assert r["subject"] in canonical and r["object"] in canonical
        assert isinstance(r["predicate"], str)
        assert isinstance(r["evidence"], str) and r["evidence"]
        assert 0.0 <= r["confidence"] <= 1.0


# --- kg extract -------------------------------------------------------------------


def test_extract_one_file_jsonl() -> None:
    result = run("extract", str(SEED000), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    recs = records_of(result.stdout)
    assert len(recs) == 1
    rec = recs[0]
    check_record(rec)
    assert rec["doc"] == SEED000.name
    types = {e["type"] for e in rec["entities"]}
    assert {"Park", "Company", "Industry"} <= types
    names = {n for e in rec["entities"] for n in [e["name"], *e["aliases"]]}
    assert {"重庆高新区", "植恩药业"} <= names
    assert "Traceback" not in result.output


def test_extract_folder() -> None:
    result = run("extract", str(SEEDS), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    recs = records_of(result.stdout)
    assert sorted(r["doc"] for r in recs) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for rec in recs:
        check_record(rec)


def test_extract_json_format() -> None:
    result = run("extract", str(SEED000), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    check_record(data[0])


def test_extract_bad_inputs_reported_by_name(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("植恩药业、赛诺药业、中国中药等企业落户重庆高新区。\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8 + b"\x00\xff\xfe\x00" * 64)
    missing = tmp_path / "missing.txt"

    result = run("extract", str(good), str(empty), str(junk), str(missing), "--format", "jsonl")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)

    recs = records_of(result.stdout)
    assert [r["doc"] for r in recs] == ["good.txt"]
    assert {"植恩药业", "重庆高新区"} <= {e["name"] for e in recs[0]["entities"]}

    err_lines = [line for line in result.stderr.splitlines() if line.strip()]
    for bad in ("empty.txt", "junk.txt", "missing.txt"):
        mine = [line for line in err_lines if bad in line]
        assert len(mine) == 1, (bad, err_lines)
    assert not any("good.txt" in line for line in err_lines)


def test_extract_bad_file_in_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "合肥高新区聚焦人工智能、量子信息和集成电路产业。", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_bytes(b"")
    result = run("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 1
    assert [r["doc"] for r in records_of(result.stdout)] == ["a.txt"]
    assert len([line for line in result.stderr.splitlines() if "b.txt" in line]) == 1
    assert "Traceback" not in result.output


def test_extract_subprocess(tmp_path: Path) -> None:
    """The installed entry point, end to end, with a bad file among good ones."""
    (tmp_path / "empty.txt").write_bytes(b"")
    kg = Path(sys.executable).with_name("kg")
    cmd = [str(kg)] if kg.exists() else [sys.executable, "-m", "kg.cli"]
    proc = subprocess.run(
        [*cmd, "extract", str(SEED000), str(tmp_path / "empty.txt"), "--format", "jsonl"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    recs = records_of(proc.stdout)
    assert len(recs) == 1 and recs[0]["doc"] == SEED000.name
    check_record(recs[0])
    err = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(err) == 1 and "empty.txt" in err[0]


# --- kg eval ----------------------------------------------------------------------


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"gold annotations not found at {GOLD}")
def test_eval_prints_table() -> None:
    result = run("eval", str(GOLD), str(SEEDS))
    assert result.exit_code == 0, result.output
    rows = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {"ENTITIES", "RELATIONS", "Park", "Company", "locatedIn", "focusesOn"} <= rows
    assert "Traceback" not in result.output


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"gold annotations not found at {GOLD}")
def test_eval_json() -> None:
    result = run("eval", str(GOLD), str(SEEDS), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] >= 1
    assert 0.0 <= data["entities"]["f1"] <= 1.0
    assert set(data["by_predicate"]) >= {"locatedIn", "partOf", "focusesOn"}


def test_eval_gold_dir_without_json(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    result = run("eval", str(tmp_path), str(SEEDS))
    assert result.exit_code == 1
    err = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(err) == 1 and str(tmp_path) in err[0]
    assert "Traceback" not in result.output


def test_eval_missing_gold_dir(tmp_path: Path) -> None:
    result = run("eval", str(tmp_path / "nope"), str(SEEDS))
    assert result.exit_code != 0
    assert "Traceback" not in result.output


# --- help -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_help_has_example(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout


def test_main_help_has_example() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
