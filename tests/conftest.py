"""Test-session settings: an isolated Prefect home, and one real Prefect server shared by flow tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from flows.services import start_prefect_server, stop_process_group

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLES = ROOT / "data" / "samples"

_SESSION_TMP = Path(tempfile.mkdtemp(prefix="dateline-tests-"))
# Set before anything imports Prefect: a private home, no analytics, a patient ephemeral start-up,
# and result storage in a temp folder (prefect_test_harness does not isolate it).
os.environ["PREFECT_HOME"] = str(_SESSION_TMP / "prefect-home")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(_SESSION_TMP / "prefect-results")
os.environ["PREFECT_RESULTS_PERSIST_BY_DEFAULT"] = "false"
os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
os.environ["PREFECT_UI_ENABLED"] = "false"
os.environ.pop("DATELINE_LAKE", None)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def prefect_api() -> str:
    """One real Prefect server for the whole session; flow runs in tests (and their subprocesses) use it."""
    home = _SESSION_TMP / "prefect-server-home"
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = start_prefect_server(home, port, home.parent / f"prefect-server-{port}.log")
    api = f"http://127.0.0.1:{port}/api"
    os.environ["PREFECT_API_URL"] = api
    yield api
    os.environ.pop("PREFECT_API_URL", None)
    stop_process_group(proc)


def run_cli(*args: str, cwd: Path | str | None = None, env: dict | None = None, input: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the installed `dateline` console script as a user would."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [str(BIN / "dateline"), *args], cwd=cwd or ROOT, env=full_env, input=input,
        capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture
def cli():
    """The `run_cli` helper as a fixture."""
    return run_cli
