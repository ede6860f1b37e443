"""`dateline dashboard`: help with an example, one-line errors, the streamlit command it runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from dash_helpers import dateline, free_port, start_dashboard, stop

from dateline.commands.dashboard import app_path, streamlit_command


def test_help_has_an_example():
    result = dateline("dashboard", "--help")
    assert result.returncode == 0
    assert "Example: dateline dashboard --lake" in result.stdout and "--port" in result.stdout


def test_bad_port_is_a_one_line_error():
    result = dateline("dashboard", "--port", "70000")
    assert result.returncode != 0
    assert result.stderr.strip() == "dateline: error: --port 70000: expected a port number from 1 to 65535"


def test_a_file_is_not_a_lake(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    result = dateline("dashboard", "--lake", str(path))
    assert result.returncode != 0
    assert result.stderr.strip() == f"dateline: error: {path}: not a lake folder"
    assert "Traceback" not in result.stderr


def test_streamlit_runs_headless_on_loopback_without_usage_statistics():
    command = streamlit_command(app_path(), "127.0.0.1", 8600, "/data/lake")
    assert command[:4] == [sys.executable, "-m", "dashboards.guard", "run"]  # streamlit behind the Host guard
    options = dict(zip(command[5:-3:2], command[6:-3:2]))
    assert options["--server.address"] == "127.0.0.1" and options["--server.port"] == "8600"
    assert options["--server.headless"] == "true" and options["--browser.gatherUsageStats"] == "false"
    assert command[-3:] == ["--", "--lake", "/data/lake"]
    assert app_path() == Path(__file__).resolve().parents[2] / "dashboards" / "app.py"


def _children(pid: int) -> list[int]:
    """Process ids of a process's children (Linux /proc)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _listening(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:port."""
    import socket

    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _gone(pid: int, port: int, within: float = 20) -> bool:
    """Wait until the process is gone (or a zombie) and nothing listens on the port."""
    import time

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        except OSError:
            state = "X"
        if state in "XZ" and not _listening(port):
            return True
        time.sleep(0.2)
    return False


def _request(port: int, host: str, path: str = "/_stcore/health") -> int:
    """Status of a GET with this Host header, by a real HTTP client."""
    import httpx

    return httpx.get(f"http://127.0.0.1:{port}{path}", headers={"Host": host}, timeout=10).status_code


@pytest.mark.slow
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_to_the_command_stops_streamlit(sample_lake, tmp_path, signame):
    import os
    import signal

    port = free_port()
    proc = start_dashboard(sample_lake, port, tmp_path / "dash.log")
    try:
        streamlit = _children(proc.pid)
        assert streamlit and _listening(port)
        os.kill(proc.pid, getattr(signal, signame))  # the command only, not its process group
        assert proc.wait(timeout=30) == 0
        assert _gone(streamlit[0], port), f"streamlit still running or listening: {(tmp_path / 'dash.log').read_text()}"
    finally:
        stop(proc)


@pytest.mark.slow
def test_streamlit_dies_with_a_killed_command(sample_lake, tmp_path):
    import os
    import signal

    port = free_port()
    proc = start_dashboard(sample_lake, port, tmp_path / "dash.log")
    try:
        streamlit = _children(proc.pid)
        assert streamlit
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert _gone(streamlit[0], port)
    finally:
        stop(proc)


@pytest.mark.slow
def test_only_local_host_headers_are_answered(sample_lake, tmp_path):
    port = free_port()
    proc = start_dashboard(sample_lake, port, tmp_path / "dash.log")
    try:
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
            assert _request(port, host) == 200, host
        for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "10.0.0.7"):
            assert _request(port, host) == 403, host
        assert _request(port, "evil.example", "/") == 403
    finally:
        stop(proc)


def test_host_header_rules():
    from dashboards.guard import allowed, host_name

    assert host_name("[::1]:8501") == "::1" and host_name("LocalHost:80") == "localhost"
    assert allowed("localhost:8501", "127.0.0.1", set()) and not allowed("evil.example", "127.0.0.1", set())
    assert allowed("192.168.1.5:8501", "0.0.0.0", set()) and not allowed("192.168.1.5", "127.0.0.1", set())
    assert allowed("box.lan:8501", "0.0.0.0", {"box.lan"})
