"""Local services Dateline starts for tests and benchmarks: a Prefect server, health checks, clean stops."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def wait_until_healthy(url: str, proc: subprocess.Popen, timeout: float, what: str) -> None:
    """Poll a health URL until it answers 200; raise if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited early with code {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_process_group(proc)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


def start_prefect_server(home: Path, port: int, log_path: Path | None = None, timeout: float = 180) -> subprocess.Popen:
    """Start `prefect server start` on 127.0.0.1:port with its own PREFECT_HOME; return once healthy."""
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    log = open(log_path or home / "server.log", "w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    wait_until_healthy(f"http://127.0.0.1:{port}/api/health", proc, timeout, f"prefect server (log: {log.name})")
    return proc


def stop_process_group(proc: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM a process group we started, then SIGKILL if it does not go within `grace` seconds."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=grace)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_prctl = None  # libc's prctl, looked up in the parent: a forked child must not take the loader's lock


def die_with_parent() -> None:
    """A `preexec_fn`: have Linux SIGKILL this child when the process that started it dies (even by kill -9)."""
    parent = os.getppid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


# What the temporary server of one run need not do (a setting the user made keeps its value). It serves only
# the run's own client, which subscribes to no stream and uses no block; flow runs, task runs (the task run
# recorder) and events (the event persister) are still recorded. Measured: ~2 CPU s less start-up in a fresh home.
TEMPORARY_SERVER_SETTINGS = {
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",  # automations: their triggers and actions
    "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED": "false",  # events to websocket subscribers
    "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false",  # logs to websocket subscribers
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",  # the block catalogue, written into a fresh home's database
}


class _SubprocessDyingWithParent:
    """The `subprocess` module, except that Popen's children die with their parent."""

    def __getattr__(self, name: str):
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args, **kwargs):  # noqa: N802 -- the name Prefect calls
        """subprocess.Popen with the parent-death signal, the temporary server's settings, output in a log file."""
        if _prctl is not None:
            kwargs.setdefault("preexec_fn", die_with_parent)
        kwargs["env"] = {**TEMPORARY_SERVER_SETTINGS, **(kwargs.get("env") or os.environ)}
        if "stdout" not in kwargs and "stderr" not in kwargs:
            # The server's own errors (a full disk gives thousands of lines of SQL tracebacks) go to a
            # log file, not to the terminal of a command that promises one line per failure.
            log = _server_log()
            kwargs.update(stdout=log, stderr=subprocess.STDOUT)
            try:
                return subprocess.Popen(*args, **kwargs)
            finally:
                if log is not subprocess.DEVNULL:
                    log.close()
        return subprocess.Popen(*args, **kwargs)


def _server_log():
    """The temporary server's log file in PREFECT_HOME (rewritten by each run), or DEVNULL if it cannot be written."""
    from prefect.settings import PREFECT_HOME

    try:
        return open(Path(PREFECT_HOME.value()).expanduser() / "temporary-server.log", "wb")
    except OSError:
        return subprocess.DEVNULL


def tie_temporary_server_to_this_process() -> None:
    """Make the temporary Prefect server (uvicorn, started when no PREFECT_API_URL is set) die with this process.

    Prefect starts it with subprocess.Popen and stops it only at a clean exit (atexit), so a killed
    run would leave it running and listening. Only Prefect's server module sees the changed Popen.
    Its output goes to `$PREFECT_HOME/temporary-server.log`, and it runs with TEMPORARY_SERVER_SETTINGS.
    """
    global _prctl
    if sys.platform != "linux":
        return
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        return  # a real server: nothing is started
    from prefect.server.api import server as prefect_server

    _prctl = ctypes.CDLL(None, use_errno=True).prctl
    if not isinstance(prefect_server.subprocess, _SubprocessDyingWithParent):
        prefect_server.subprocess = _SubprocessDyingWithParent()


def start_temporary_server_early() -> Callable[[], None]:
    """Start Prefect's temporary server now, in the background, if the run will need one; return a function
    that waits until it answers (raising what stopped it).

    Prefect would start it only when the flow begins, after every import; started first, its own start-up
    (a process of its own) overlaps the rest of the run's imports. With PREFECT_API_URL set there is none.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return lambda: None
    tie_temporary_server_to_this_process()
    from prefect.server.api.server import SubprocessASGIServer

    answered = threading.Event()
    failures: list[BaseException] = []

    def serve() -> None:
        """Start the server, then stay: Linux sends the parent-death signal when the thread that started a child
        ends, so this thread lives as long as the process."""
        try:
            SubprocessASGIServer().start()
        except BaseException as exc:  # handed to the waiter
            failures.append(exc)
        answered.set()
        threading.Event().wait()

    threading.Thread(target=serve, name="prefect-temporary-server", daemon=True).start()

    def wait() -> None:
        """Block until the server answers; raise its start-up error if it failed."""
        answered.wait()
        if failures:
            raise failures[0]

    return wait
