"""`dateline dashboard`: serve the Streamlit dashboard of a lake on this machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from dateline.environment import lake_from_env
from dateline.errors import fail
from dateline.options import LakeOption



def app_path() -> Path:
    """Where the Streamlit script is installed (found without importing Streamlit)."""
    import importlib.util

    spec = importlib.util.find_spec("dashboards.app")
    return Path(spec.origin) if spec and spec.origin else Path("dashboards/app.py")


def streamlit_command(app: Path, host: str, port: int, lake: str) -> list[str]:
    """The `streamlit run` command line (through the Host guard): headless, no usage statistics, no file watcher."""
    return [
        sys.executable, "-m", "dashboards.guard", "run", str(app),
        "--server.address", host, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--client.toolbarMode", "viewer", "--global.developmentMode", "false",
        "--", "--lake", lake,
    ]


def dashboard(
    lake: LakeOption = None,
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8501,
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 shares it with your network.")] = "127.0.0.1",
) -> None:
    """Serve the timeline dashboard of a lake at http://127.0.0.1:PORT (read-only; runs may write meanwhile).

    Example: dateline dashboard --lake data/lake --port 8501
    """
    if not 1 <= port <= 65535:
        raise fail(f"--port {port}: expected a port number from 1 to 65535")
    location = lake_from_env(lake)
    if "://" not in location:
        if os.path.exists(location) and not os.path.isdir(location):
            raise fail(f"{location}: not a lake folder")
        location = os.path.abspath(location)  # the app runs in its own process; pin the folder now
    app = app_path()
    if not app.is_file():
        raise fail(f"{app}: dashboard app is missing from this installation")
    print(f"dateline: dashboard of {location} on http://{host}:{port} (Ctrl+C stops it)", file=sys.stderr)
    env = dict(os.environ, DATELINE_LAKE=location)
    code = serve_child(streamlit_command(app, host, port, location), env)
    if code:
        raise fail(f"dashboard stopped with exit code {code} (is port {port} in use?)", code=code)


def _dies_with(parent: int):
    """A preexec function: ask Linux to SIGTERM the child when `parent` dies, even by SIGKILL."""

    def arm() -> None:
        """Runs in the child between fork and exec."""
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # SIGINT/SIGTERM are still forwarded
        if os.getppid() != parent:  # the parent died before the request was armed
            os._exit(1)

    return arm


def serve_child(command: list[str], env: dict, grace_s: float = 10.0) -> int:
    """Run Streamlit until it exits; SIGINT/SIGTERM to us are passed on to it and waited for (0 then)."""
    import signal

    # Its own session: a terminal's Ctrl+C reaches only us, and we pass it on once.
    proc = subprocess.Popen(command, env=env, start_new_session=True,
                            preexec_fn=_dies_with(os.getpid()) if sys.platform == "linux" else None)
    stopping: list[int] = []

    def forward(signum, _frame) -> None:
        """Pass the signal to Streamlit and remember that we were asked to stop."""
        stopping.append(signum)
        if proc.poll() is None:
            proc.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            try:
                code = proc.wait(timeout=grace_s if stopping else None)
                break
            except subprocess.TimeoutExpired:  # asked to stop and still running: no more waiting
                proc.kill()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stopping else code


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("dashboard")(dashboard)
