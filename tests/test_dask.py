"""--engine dask: extraction on a Dask distributed cluster (a LocalCluster on loopback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_helpers import fixture_build, quad_set, record_paths

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    ) as c:
        yield c


def test_dask_gives_the_graph_of_jobs_1(cluster, tmp_path):
    fixture_build(record_paths(), tmp_path / "one", jobs=1)
    report = fixture_build(
        record_paths(), tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address
    )
    assert report.documents == len(record_paths())
    assert quad_set(tmp_path / "one") == quad_set(tmp_path / "dask")


def test_dask_reports_unreadable_files(cluster, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{broken")
    report = fixture_build(
        [*record_paths(), bad], tmp_path / "s", engine="dask", scheduler=cluster.scheduler_address
    )
    assert [p for p, _ in report.failed] == [str(bad)]
    assert "not a readable record" in report.failed[0][1]


def test_cli_engine_dask(cluster, tmp_path):
    """Real extraction of one seed article on the cluster, through the command line."""
    from click.testing import CliRunner

    from kg.cli import main

    seed = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[1]
    common = [str(seed), "--quiet", "--no-stats"]
    r = CliRunner().invoke(
        main,
        [
            "build",
            *common,
            "--store",
            str(tmp_path / "d"),
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        ],
    )
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["build", *common, "--store", str(tmp_path / "l")])
    assert r.exit_code == 0, r.output
    assert quad_set(tmp_path / "d") == quad_set(tmp_path / "l")


def test_unreachable_scheduler_is_one_error():
    from kg.engines import DaskEngine
    from kg.errors import KgError

    with pytest.raises(KgError, match="cannot reach the Dask scheduler tcp://127.0.0.1:9"):
        DaskEngine("tcp://127.0.0.1:9", timeout=1)
