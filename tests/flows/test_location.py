"""Where the lake lives (option, then $DATELINE_LAKE, then the settings file, then data/lake) and the per-user
state folder: one rule, asked by the CLI, the API, the dashboard and the lock."""

from __future__ import annotations

import subprocess
from pathlib import Path

from flows.location import DEFAULT_LAKE, configured_lake, default_prefect_home, lake_location
from tests.conftest import BIN, ROOT


def _settings(answer: str | None, asked: list[bool]):
    """A settings-file reader that records being asked."""
    def read() -> str | None:
        asked.append(True)
        return answer
    return read


def test_the_option_wins_and_the_settings_file_is_not_read(monkeypatch):
    monkeypatch.setenv("DATELINE_LAKE", "/from/env")
    asked: list[bool] = []
    assert lake_location("/from/option", _settings("/from/settings", asked)) == "/from/option"
    assert configured_lake(None, _settings("/from/settings", asked)) == "/from/env"
    assert asked == []  # read only when neither the option nor the environment names a lake


def test_the_settings_file_then_the_default(monkeypatch):
    monkeypatch.delenv("DATELINE_LAKE", raising=False)
    asked: list[bool] = []
    assert lake_location(None, _settings("s3://bucket/lake", asked)) == "s3://bucket/lake" and asked == [True]
    assert configured_lake(None, _settings(None, asked)) is None
    assert lake_location(None, _settings(None, asked)) == str(DEFAULT_LAKE) == str(Path("data") / "lake")
    monkeypatch.setenv("DATELINE_LAKE", "")  # set but empty names nothing
    assert lake_location(None) == str(DEFAULT_LAKE)


def test_the_state_folder_follows_xdg_and_not_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    assert default_prefect_home() == tmp_path / "state" / "dateline" / "prefect"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_prefect_home() == tmp_path / "home" / ".local" / "state" / "dateline" / "prefect"


def test_importing_it_loads_neither_prefect_nor_the_cli():
    code = ("import sys; sys.path.insert(0, %r); import flows.location; "
            "print(sorted(m for m in ('prefect', 'dateline', 'duckdb') if m in sys.modules))" % str(ROOT))
    done = subprocess.run([str(BIN / "python"), "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr
