"""--dask: the per-document work on a (local, loopback) Dask cluster gives the same output."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_geo
from tests.run.test_parallel import SEEDS, generate_articles

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as c:
        yield c


@pytest.mark.parametrize("inputs", ["seeds", "generated"])
def test_incidents_on_dask_equal_the_local_run(cluster, inputs, tmp_path):
    src = SEEDS if inputs == "seeds" else generate_articles(tmp_path / "articles", 30)
    local, remote = tmp_path / "local.geojson", tmp_path / "dask.geojson"
    p = run_geo("incidents", str(src), "-o", str(local), "--workers", "1", "--no-cache", "-q",
                cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    p = run_geo("incidents", str(src), "-o", str(remote), "--dask", cluster.scheduler_address,
                "--no-cache", "-q", "--report", str(tmp_path / "r.json"), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert local.read_bytes() == remote.read_bytes()
    assert json.loads(local.read_text())["features"]
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["computed"] == rep["processed"] > 0


def test_parse_on_dask_equals_the_local_run(cluster, tmp_path):
    outs = []
    for extra in (["--workers", "1"], ["--dask", cluster.scheduler_address]):
        out = tmp_path / f"{len(outs)}.jsonl"
        p = run_geo("parse", str(SEEDS), "--format", "jsonl", "-o", str(out), "--no-cache",
                    "-q", *extra)
        assert p.returncode == 0, p.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_unreachable_scheduler_is_one_line_error(tmp_path):
    p = run_geo("incidents", str(SEEDS), "-o", str(tmp_path / "x.geojson"), "--no-cache",
                "--dask", "tcp://127.0.0.1:9", "-q",
                env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert p.returncode == 2
    assert p.stderr.strip().startswith("geo: error: cannot reach the Dask scheduler")
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_unreachable_scheduler_fails_in_seconds_without_configuration(tmp_path):
    """Without DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT, dask.distributed retried for 30 s;
    the address is now probed first (the subprocess timeout is the guard)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    p = subprocess.run([sys.executable, "-m", "geo", "incidents", str(SEEDS), "-o",
                        str(tmp_path / "x.geojson"), "--no-cache", "-q", "--dask",
                        "tcp://127.0.0.1:9"], capture_output=True, text=True, env=env,
                       timeout=20)
    assert p.returncode == 2
    assert p.stderr.strip().startswith("geo: error: cannot reach the Dask scheduler at "
                                       "tcp://127.0.0.1:9: ")
    assert len(p.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.geojson").exists()
