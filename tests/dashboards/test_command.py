"""`dateline dashboard`: help with an example, one-line errors, the streamlit command it runs."""

from __future__ import annotations

import sys
from pathlib import Path

from dash_helpers import dateline

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
    assert command[:4] == [sys.executable, "-m", "streamlit", "run"]
    options = dict(zip(command[5:-3:2], command[6:-3:2]))
    assert options["--server.address"] == "127.0.0.1" and options["--server.port"] == "8600"
    assert options["--server.headless"] == "true" and options["--browser.gatherUsageStats"] == "false"
    assert command[-3:] == ["--", "--lake", "/data/lake"]
    assert app_path() == Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
