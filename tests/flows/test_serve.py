"""`dateline serve` against a real Prefect server: scheduled runs complete and land in the lake."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid

import httpx
import pytest

from tests.conftest import BIN, ROOT, SAMPLES

pytestmark = pytest.mark.slow

SOURCES = [str(SAMPLES / "2026-02-20-meridian-gaza-council.txt"), str(SAMPLES / "2026-03-13-meridian-us-sanctions-rsf.txt")]


def _completed_runs(api: str, deployment_id: str) -> list[dict]:
    """Flow runs of a deployment that reached COMPLETED."""
    body = {
        "flow_runs": {"deployment_id": {"any_": [deployment_id]}, "state": {"type": {"any_": ["COMPLETED"]}}},
        "limit": 50,
    }
    return httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10).json()


def _deployment(api: str, name: str) -> dict | None:
    """The deployment `dateline/<name>`, or None before it is registered."""
    response = httpx.get(f"{api}/deployments/name/dateline/{name}", timeout=10)
    return response.json() if response.status_code == 200 else None


def _lake_runs(lake: str) -> list[dict]:
    """Rows of the lake's runs table (empty before the first commit)."""
    from flows.lake import Lake

    target = Lake(lake)
    return target.read("runs").to_pylist() if target.exists() else []


def test_serve_runs_scheduled_flows_into_the_lake_and_stops_on_sigterm(prefect_api, tmp_path):
    lake = str(tmp_path / "lake")
    name = f"test-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, PREFECT_API_URL=prefect_api, PREFECT_RUNNER_POLL_FREQUENCY="2")
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen(
        [str(BIN / "dateline"), "serve", "--interval", "10", "--name", name, "--lake", lake, *SOURCES],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deployment, completed = None, []
        deadline = time.monotonic() + 420
        while time.monotonic() < deadline and proc.poll() is None:
            deployment = deployment or _deployment(prefect_api, name)
            if deployment:
                completed = _completed_runs(prefect_api, deployment["id"])
                if len(completed) >= 2:
                    break
            time.sleep(2)
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
        assert deployment is not None, "the deployment was never registered"
        assert deployment["parameters"]["lake"] == lake
        assert len(completed) >= 2, f"only {len(completed)} completed scheduled runs"
        assert all(r["auto_scheduled"] for r in completed)

        # Every completed scheduled run left its row in the lake's runs table (its output was committed).
        rows = {r["flow_run_id"]: r for r in _lake_runs(lake)}
        for run in completed:
            assert run["id"] in rows, f"flow run {run['id']} has no row in the lake"
        first = min(rows.values(), key=lambda r: r["started_at"])
        assert first["articles_new"] == len(SOURCES) and first["mentions_new"] > 0
        from flows.lake import Lake

        articles = Lake(lake).read("articles", columns=["input"]).column("input").to_pylist()
        assert sorted(articles) == sorted(SOURCES)
        # Run names say what ran.
        assert all(r["name"].startswith("dateline ") and lake in r["name"] for r in completed)
        # Each run carries its table artifact: articles in, events out, rejects, duration.
        for run in completed:
            body = {"artifacts": {"flow_run_id": {"any_": [run["id"]]}, "key": {"any_": ["dateline-run"]}}}
            artifacts = httpx.post(f"{prefect_api}/artifacts/filter", json=body, timeout=10).json()
            assert [a["type"] for a in artifacts] == ["table"]
            table = json.loads(artifacts[0]["data"]) if isinstance(artifacts[0]["data"], str) else artifacts[0]["data"]
            row = table[0]
            assert row["run_id"] == rows[run["id"]]["run_id"]
            assert row["articles_new"] == rows[run["id"]]["articles_new"] and row["duration_s"] > 0
            assert {"rejects", "events_total", "mentions_new"} <= set(row)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert code == 0, output[-3000:]
    assert "stopped serving" in output
    # Stopping pauses the schedule, so no late runs pile up while nobody serves.
    assert _deployment(prefect_api, name)["paused"] is True


def test_serve_refuses_without_a_prefect_server(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    result = subprocess.run(
        [str(BIN / "dateline"), "serve", "--interval", "60", "--lake", str(tmp_path / "lake")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("dateline: error: serving needs a Prefect server")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--cron", "not a cron"], "--cron 'not a cron'"),
        (["--cron", "0 * * * *", "--interval", "60"], "exactly one schedule"),
        ([], "exactly one schedule"),
        (["--interval", "60", "--task-runner", "spark"], "--task-runner spark"),
    ],
)
def test_serve_rejects_bad_schedules_in_one_line(tmp_path, args, message):
    result = subprocess.run(
        [str(BIN / "dateline"), "serve", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PREFECT_API_URL="http://127.0.0.1:9/api"),
    )
    assert result.returncode == 2
    assert result.stderr.startswith("dateline: error:") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_stops_cleanly_on_ctrl_c(prefect_api, tmp_path):
    name = f"test-int-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(BIN / "dateline"), "serve", "--interval", "3600", "--name", name, "--lake", str(tmp_path / "lake"),
             SOURCES[0]],
            cwd=ROOT, env=dict(os.environ, PREFECT_API_URL=prefect_api), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline and proc.poll() is None:
                deployment = _deployment(prefect_api, name)
                if deployment and not deployment["paused"]:
                    break
                time.sleep(1)
            assert proc.poll() is None, log_path.read_text()[-3000:]
            proc.send_signal(signal.SIGINT)
            code = proc.wait(timeout=90)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    output = log_path.read_text()
    assert code == 0, output[-3000:]
    assert "stopped serving" in output and "Traceback" not in output
    assert _deployment(prefect_api, name)["paused"] is True
