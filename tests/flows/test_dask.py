"""Extraction on a real Dask cluster (2 worker processes) gives the same events as the local run."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import SAMPLES, run_cli

pytestmark = pytest.mark.slow

RUN_SPECIFIC = {"run_id", "ingested_at"}  # differ between any two runs by design


def _table(lake: str, name: str) -> list[dict]:
    """A lake table as rows sorted by id, without the columns that name the run."""
    from flows.lake import Lake

    rows = Lake(lake).read(name).to_pylist()
    key = "mention_id" if name == "mentions" else "event_id"
    return sorted(({k: v for k, v in r.items() if k not in RUN_SPECIFIC} for r in rows), key=lambda r: r[key])


def _fingerprint() -> str:
    """The extractor code's fingerprint right now (not the cached one)."""
    from flows.skeleton import extractor_fingerprint

    return extractor_fingerprint.__wrapped__()


def _first_difference(left: list[dict], right: list[dict]) -> str:
    """Name the first row and columns where two tables differ, for a readable failure."""
    if len(left) != len(right):
        return f"{len(left)} rows locally, {len(right)} on Dask"
    for a, b in zip(left, right):
        columns = [c for c in a if a[c] != b.get(c)]
        if columns:
            return f"row {a.get('mention_id') or a.get('event_id')}: " + ", ".join(f"{c}: {a[c]!r} != {b[c]!r}" for c in columns)
    return "no difference"


def _run_both(prefect_api: str, tmp_path) -> tuple[str, str, list, str]:
    """A local run and a run on a 2-process LocalCluster; returns both lakes, the Dask task stream, the code fingerprint."""
    from dask.distributed import Client, LocalCluster, get_task_stream

    env = {"PREFECT_API_URL": prefect_api, "PREFECT_TASKS_REFRESH_CACHE": "true"}
    local_lake, dask_lake = str(tmp_path / "local"), str(tmp_path / "dask")
    before = _fingerprint()
    local = run_cli("run", str(SAMPLES), "--lake", local_lake, "--quiet", env=env)
    assert local.returncode == 0, local.stderr[-3000:]
    # Worker processes inherit PREFECT_API_URL from this process (set by the prefect_api fixture),
    # so their task runs report to the same server instead of starting temporary ones.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        with get_task_stream(client) as stream:
            distributed = run_cli(
                "run", str(SAMPLES), "--lake", dask_lake, "--quiet", "--task-runner", "dask",
                "--dask-address", cluster.scheduler_address, "--batch-size", "4", env=env,
            )
        assert distributed.returncode == 0, distributed.stderr[-3000:]
        tasks = [t for t in stream.data if t.get("status", "OK") == "OK"]
    return local_lake, dask_lake, tasks, before if _fingerprint() == before else ""


def test_dask_cluster_run_matches_local_run(prefect_api, tmp_path, monkeypatch):
    # Both runs must really extract: no answers from the extraction cache of an earlier run.
    monkeypatch.setenv("PREFECT_TASKS_REFRESH_CACHE", "true")
    for attempt in range(3):  # the extractor's code changed between the two runs: compare again
        local_lake, dask_lake, tasks, same_code = _run_both(prefect_api, tmp_path / f"attempt{attempt}")
        if same_code:
            break
    assert same_code, "the extractor code kept changing during the test"

    from flows.lake import Lake

    originals = Lake(dask_lake).read("articles", columns=["duplicate_of"]).column("duplicate_of").null_count
    batches = -(-originals // 4)
    assert batches >= 2
    assert len(tasks) >= batches, "the extraction batches did not run on the Dask workers"

    # The server saw one extraction task run per batch, inside the Dask subflow.
    body = {"task_runs": {"name": {"like_": "extract-batch-%"}}, "flow_runs": {"name": {"like_": "dateline-extract%"}}}
    names = {r["name"] for r in httpx.post(f"{prefect_api}/task_runs/filter", json=body, timeout=10).json()}
    assert {f"extract-batch-{i}of{batches}" for i in range(1, batches + 1)} <= names

    local_mentions, dask_mentions = _table(local_lake, "mentions"), _table(dask_lake, "mentions")
    assert len(local_mentions) > 50
    assert dask_mentions == local_mentions, _first_difference(local_mentions, dask_mentions)
    local_events, dask_events = _table(local_lake, "events"), _table(dask_lake, "events")
    assert dask_events == local_events, _first_difference(local_events, dask_events)
