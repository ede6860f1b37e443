"""kill -9 of `dateline run` leaves no temporary Prefect server behind (issue #20, item 13).

The run starts without PREFECT_API_URL, so Prefect starts its temporary server (uvicorn) as a child;
the test waits until that child answers, SIGKILLs the run, and checks that the child is gone and its
port closed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import psutil
import pytest

from tests.conftest import BIN, ROOT
from tests.flows.fault_server import story

pytestmark = pytest.mark.slow


def uvicorn_children(pid: int) -> list[psutil.Process]:
    """The uvicorn processes below a process."""
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    return [c for c in children if "uvicorn" in " ".join(c.cmdline())]


def listening_port(proc: psutil.Process) -> int | None:
    """The TCP port a process listens on, if any."""
    try:
        for conn in proc.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN:
                return conn.laddr.port
    except psutil.NoSuchProcess:
        pass
    return None


def port_open(port: int) -> bool:
    """True if something accepts connections on 127.0.0.1:port."""
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_kill_9_of_a_run_takes_the_temporary_prefect_server_with_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(story(7))
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)  # so that Prefect starts its temporary server
    # A whole run first: the server tied to the run must live as long as the run.
    whole = subprocess.run([str(BIN / "dateline"), "run", str(tmp_path / "in"), "--lake", str(tmp_path / "lake"), "-q"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert whole.returncode == 0 and "1 new articles" in whole.stdout, whole.stderr
    (tmp_path / "in" / "two.txt").write_text(story(8))
    marker = tmp_path / "paused"
    env.update(DATELINE_PAUSE_AT="sources-read", DATELINE_PAUSE_MARKER=str(marker))
    servers: list[psutil.Process] = []
    run = subprocess.Popen([str(BIN / "dateline"), "run", str(tmp_path / "in"), "--lake", str(tmp_path / "lake"), "-q"],
                           cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():  # the flow runs, so the temporary server answers
            assert run.poll() is None, run.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the run never reached its first chunk"
            time.sleep(0.2)
        servers = uvicorn_children(run.pid)
        assert servers, "no temporary Prefect server was started"
        ports = [p for p in map(listening_port, servers) if p]
        assert ports and all(map(port_open, ports))
        os.kill(run.pid, signal.SIGKILL)
        run.wait(30)
        gone, alive = psutil.wait_procs(servers, timeout=20)
        assert not alive, f"orphaned: {[p.pid for p in alive]}"
        assert not any(map(port_open, ports))
    finally:
        if run.poll() is None:
            run.kill()
        for proc in servers:  # a failed test leaves no orphan either
            if proc.is_running():
                proc.kill()


EARLY_START = """
import os
import sys
import time

import psutil

from flows.services import start_temporary_server_early

answered = start_temporary_server_early()
deadline = time.monotonic() + 30
servers = []
while not servers and time.monotonic() < deadline:  # the launch is a thread's first step
    servers = [c for c in psutil.Process().children() if "uvicorn" in " ".join(c.cmdline())]
    time.sleep(0.05)
launched = bool(servers) and "flows.pipeline" not in sys.modules
import flows.pipeline  # the run's own imports come after the launch
answered()
import httpx
url = os.environ.get("PREFECT_API_URL")
print(launched, bool(servers) and httpx.get(url + "/health").status_code)
# The run names the server in its settings, so it never imports Prefect's server package itself.
print("prefect.server.api.server" in sys.modules)
if servers:  # its settings, and a run and its task recorded through it
    with open(f"/proc/{servers[0].pid}/environ", "rb") as handle:
        settings = dict(entry.split(b"=", 1) for entry in handle.read().split(bytes(1)) if b"=" in entry)
    names = ["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED", "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED",
             "PREFECT_API_BLOCKS_REGISTER_ON_START"]
    print(*(settings.get(name.encode(), b"unset").decode() for name in names))
    from prefect import flow, task
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterFlowRunId

    @task
    def double(x):
        return 2 * x

    @flow(name="recorded")
    def recorded():
        from prefect.runtime import flow_run
        return double(21), flow_run.id

    answer, run_id = recorded()
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(run_id).state.type.value
        deadline = time.monotonic() + 60
        tasks = []
        while not tasks and time.monotonic() < deadline:  # the task run recorder writes it from its events
            tasks = client.read_task_runs(task_run_filter=TaskRunFilter(flow_run_id=TaskRunFilterFlowRunId(any_=[run_id])))
            time.sleep(0.5)
        print(answer, state, [t.state.type.value for t in tasks])
"""


def test_dateline_run_launches_the_temporary_server_before_its_own_imports(tmp_path):
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    env["PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED"] = "true"  # a setting the user made keeps its value
    early = subprocess.run([str(BIN / "python"), "-c", EARLY_START], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
    assert early.returncode == 0, early.stderr[-2000:]
    launched, server_package, settings, run = early.stdout.splitlines()
    assert launched.split() == ["True", "200"]
    assert server_package == "False"
    # The temporary server runs without automations, block catalogue or the streams nobody reads, and still
    # records the flow run and its task run.
    assert settings.lower().split() == ["false", "true", "false"]
    assert run == "42 COMPLETED ['COMPLETED']"
    # With a server named, nothing is started.
    env["PREFECT_API_URL"] = "http://127.0.0.1:9/api"
    named = subprocess.run([str(BIN / "python"), "-c", EARLY_START], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
    assert named.returncode == 0, named.stderr[-2000:]
    assert named.stdout.split() == ["False", "False", "False"]
