"""Fixtures of the dashboard tests: small, empty and large lakes; headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash_helpers import CHROMIUM, CHROMIUM_ARGS, event_rows, reject_rows, run_rows, synthetic_events, write_lake


@pytest.fixture(scope="session")
def sample_lake(tmp_path_factory) -> Path:
    """A small lake with hand-written events, two runs and two rejects."""
    path = tmp_path_factory.mktemp("dash") / "lake"
    write_lake(path, event_rows(), run_rows(), reject_rows())
    return path


@pytest.fixture(scope="session")
def empty_lake(tmp_path_factory) -> Path:
    """A lake whose one snapshot holds no rows at all."""
    path = tmp_path_factory.mktemp("dash-empty") / "lake"
    write_lake(path, [])
    return path


@pytest.fixture(scope="session")
def large_lake(tmp_path_factory) -> Path:
    """A lake with 20,000 generated events: more than the chart draws one by one."""
    path = tmp_path_factory.mktemp("dash-large") / "lake"
    write_lake(path, synthetic_events(20_000))
    return path


@pytest.fixture
def browser():
    """Headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def flow_lake(tmp_path_factory, prefect_api) -> Path:
    """The bundled samples run through the real flow (against the session's Prefect server)."""
    from dash_helpers import SAMPLES, dateline

    path = tmp_path_factory.mktemp("dash-flow") / "lake"
    result = dateline("run", str(SAMPLES), "--lake", str(path), timeout=600)
    assert result.returncode == 0, result.stderr
    return path
