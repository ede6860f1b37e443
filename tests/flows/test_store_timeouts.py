"""An object-store lake that does not answer gives one line in bounded time (issue #20, item 10).

Every store here is on 127.0.0.1: a closed port, and a "black hole" that accepts connections and
never answers. Google's credential lookup is pointed at a closed local port too (GCE_METADATA_ROOT),
so nothing leaves the machine.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time

import pytest

from tests.conftest import BIN, ROOT, SAMPLES, free_port

TIMEOUT = 3  # DATELINE_STORE_TIMEOUT for these tests
BOUND = 40  # seconds a command may take in all (Python start-up on a busy machine included)


@pytest.fixture(scope="module")
def black_hole():
    """A port on 127.0.0.1 that accepts connections and never sends a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


def store_env(**extra: str) -> dict:
    """The environment of a command against a local store: short timeouts, no way out to Google or AWS."""
    closed = str(free_port())
    env = dict(os.environ, DATELINE_STORE_TIMEOUT=str(TIMEOUT), GCE_METADATA_ROOT=f"127.0.0.1:{closed}",
               GCE_METADATA_HOST=f"127.0.0.1:{closed}", AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true")
    env.update(extra)
    return env


def timed(args: list[str], env: dict) -> tuple[subprocess.CompletedProcess, float]:
    """Run the CLI, failing the test if it takes longer than BOUND; return the result and the seconds it took."""
    start = time.monotonic()
    try:
        result = subprocess.run([str(BIN / "dateline"), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`dateline {' '.join(args)}` still ran after {BOUND} s")
    return result, time.monotonic() - start


def assert_one_line(result, location: str) -> None:
    """Non-zero exit and one `dateline: error:` line naming the lake."""
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dateline: error:") and location in lines[0], result.stderr[-2000:]
    assert len(lines[0]) < 400


def lakes(black_hole: int) -> dict[str, tuple[str, dict]]:
    """Unreachable lakes: each location with its environment."""
    closed = free_port()
    return {
        "gs-black-hole": (f"gs://bucket/lake?endpoint_override=127.0.0.1:{black_hole}&scheme=http", store_env()),
        "gs-emulator-black-hole": ("gs://bucket/lake", store_env(STORAGE_EMULATOR_HOST=f"http://127.0.0.1:{black_hole}")),
        "s3-closed-port": ("s3://bucket/lake", store_env(AWS_ENDPOINT_URL=f"http://127.0.0.1:{closed}")),
        "s3-black-hole": ("s3://bucket/lake", store_env(AWS_ENDPOINT_URL=f"http://127.0.0.1:{black_hole}")),
    }


@pytest.mark.parametrize("kind", ["gs-black-hole", "gs-emulator-black-hole", "s3-closed-port", "s3-black-hole"])
def test_query_on_an_unreachable_store_is_one_line_in_bounded_time(black_hole, kind):
    location, env = lakes(black_hole)[kind]
    result, seconds = timed(["query", "select 1", "--lake", location], env)
    assert_one_line(result, location.split("?")[0])
    assert seconds < BOUND


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["gs-black-hole", "s3-black-hole"])
def test_run_on_an_unreachable_store_is_one_line_in_bounded_time(black_hole, kind, prefect_api):
    location, env = lakes(black_hole)[kind]
    result, _ = timed(["run", str(SAMPLES / "2026-02-20-meridian-gaza-council.txt"), "--lake", location, "-q"], env)
    assert_one_line(result, location.split("?")[0])


@pytest.mark.slow
def test_sigterm_stops_a_run_waiting_on_the_store(black_hole, prefect_api):
    location, env = lakes(black_hole)["gs-black-hole"]
    env["DATELINE_STORE_TIMEOUT"] = "600"  # the store would hold it for ten minutes
    proc = subprocess.Popen([str(BIN / "dateline"), "run", str(SAMPLES), "--lake", location, "-q"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # inside the first call to the store
    assert proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("SIGTERM ignored")
    assert proc.returncode != 0
