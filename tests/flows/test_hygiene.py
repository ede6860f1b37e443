"""Flow hygiene: retries only on I/O failures, extraction cached on article contents and extractor code."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from prefect.states import Completed, Failed

from flows.pipeline import _transient
from flows.skeleton import _extraction_cache_key, extractor_fingerprint
from tests.conftest import SAMPLES, run_cli


def _failed(exc: BaseException):
    """A real Prefect Failed state carrying an exception, as a task run ends with it."""
    return Failed(data=exc, message=str(exc))


def test_load_sources_retries_io_failures_but_not_bugs():
    assert _transient(None, None, _failed(ConnectionResetError("peer reset"))) is True
    assert _transient(None, None, _failed(TimeoutError("slow share"))) is True
    assert _transient(None, None, _failed(KeyError("bug"))) is False
    assert _transient(None, None, Completed(data=1)) is False


def test_extraction_cache_key_follows_contents_and_code():
    article = {"article_id": "a1", "content_hash": "h1", "published_at": dt.date(2026, 3, 1), "text": "..."}
    key = _extraction_cache_key(None, {"articles": [article], "label": "1of1"})
    assert key == _extraction_cache_key(None, {"articles": [dict(article)], "label": "3of9"})  # label is no input
    assert key != _extraction_cache_key(None, {"articles": [dict(article, content_hash="h2")]})
    assert key != _extraction_cache_key(None, {"articles": [dict(article, published_at=dt.date(2026, 3, 2))]})
    assert extractor_fingerprint() in _fingerprint_input()


def _fingerprint_input() -> str:
    """The fingerprint recomputed from the files, as the cache key uses it."""
    return extractor_fingerprint.__wrapped__()


def _run_twice(prefect_api: str, folder) -> list[str]:
    """Run one article into two fresh lakes; return the state names of the two extraction task runs."""
    from flows.lake import Lake

    source = str(SAMPLES / "2026-03-19-harbor-lima-governor-arrest.txt")
    env = {"PREFECT_API_URL": prefect_api, "PREFECT_TASKS_REFRESH_CACHE": "false"}
    states = []
    for name in ("first", "second"):
        lake = str(folder / name)
        result = run_cli("run", source, "--lake", lake, "--quiet", env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        flow_run_id = Lake(lake).read("runs").column("flow_run_id")[0].as_py()
        body = {"flow_runs": {"id": {"any_": [flow_run_id]}}, "task_runs": {"name": {"like_": "extract-batch-%"}}}
        runs = httpx.post(f"{prefect_api}/task_runs/filter", json=body, timeout=10).json()
        assert len(runs) == 1
        states.append(runs[0]["state"]["name"])
    return states


@pytest.mark.slow
def test_second_run_of_same_articles_reuses_cached_extraction(prefect_api, tmp_path):
    from flows.lake import Lake

    for attempt in range(3):  # the extractor's code changed between the runs (new key): try again
        before = _fingerprint_input()
        states = _run_twice(prefect_api, tmp_path / f"attempt{attempt}")
        if _fingerprint_input() == before:
            break
    else:
        pytest.fail("the extractor code kept changing during the test")
    # The first run may itself hit a cache left by an earlier test; the second one must.
    assert states[1] == "Cached"
    first, second = (Lake(str(tmp_path / f"attempt{attempt}" / n)).read("mentions") for n in ("first", "second"))
    assert first.num_rows > 0
    assert first.drop_columns(["run_id"]).equals(second.drop_columns(["run_id"]))
