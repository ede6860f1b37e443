"""Settings from dateline.toml / [tool.dateline], merged under command-line options."""

from __future__ import annotations

import socket

import pytest
import typer

from dateline.config import check_reachable, load_settings, resolve_run_settings


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_dateline_toml_gives_sources_lake_and_schedule(tmp_path):
    _write(tmp_path / "dateline.toml", """
lake = "lake"
sources = ["articles", "https://example.org/feed.xml"]
task_runner = "dask"
dask_address = "tcp://10.1.2.3:8786"

[serve]
name = "hourly"
cron = "0 * * * *"
timezone = "Europe/Berlin"
""")
    s = load_settings(folder=tmp_path)
    assert s.lake == str(tmp_path / "lake")  # relative to the config file, not the working folder
    assert s.sources == [str(tmp_path / "articles"), "https://example.org/feed.xml"]
    assert (s.task_runner, s.dask_address) == ("dask", "tcp://10.1.2.3:8786")
    assert (s.name, s.cron, s.interval, s.timezone) == ("hourly", "0 * * * *", None, "Europe/Berlin")


def test_pyproject_tool_table_is_read_when_there_is_no_dateline_toml(tmp_path):
    _write(tmp_path / "pyproject.toml", """
[project]
name = "x"

[tool.dateline]
sources = "feeds"

[tool.dateline.serve]
interval = 900
""")
    s = load_settings(folder=tmp_path)
    assert s.sources == [str(tmp_path / "feeds")]
    assert s.interval == 900 and s.cron is None
    assert s.config_path == str(tmp_path / "pyproject.toml")


def test_no_config_means_defaults(tmp_path):
    _write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    s = load_settings(folder=tmp_path)
    assert (s.sources, s.lake, s.task_runner, s.cron, s.interval, s.name) == (None, None, "local", None, None, "dateline")


@pytest.mark.parametrize(
    "text, message",
    [
        ("lak = 'x'\n", "unknown setting(s): lak"),
        ("[serve]\nevery = 5\n", "serve.every"),
        ("sources = 3\n", "sources must be a list"),
        ("[serve]\ninterval = 'hourly'\n", "serve.interval must be a number"),
        ("lake = \n", "cannot read config"),
    ],
)
def test_bad_config_is_one_line_error(tmp_path, capsys, text, message):
    _write(tmp_path / "dateline.toml", text)
    with pytest.raises(typer.Exit) as exc:
        load_settings(folder=tmp_path)
    assert exc.value.exit_code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"dateline: error: {tmp_path / 'dateline.toml'}: ") and message in err


def test_command_line_wins_over_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATELINE_LAKE", raising=False)
    _write(tmp_path / "dateline.toml", "lake = 'from-config'\nsources = ['a']\n")
    s = resolve_run_settings(["b"], "cli-lake", None, None)
    assert (s.sources, s.lake, s.task_runner) == (["b"], "cli-lake", "local")
    s = resolve_run_settings(None, None, None, None)
    assert (s.sources, s.lake) == ([str(tmp_path / "a")], str(tmp_path / "from-config"))
    monkeypatch.setenv("DATELINE_LAKE", "env-lake")
    assert resolve_run_settings(None, None, None, None).lake == "env-lake"


def test_dask_address_must_answer(capsys):
    with socket.socket() as listener:  # a real listening port is reachable
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        check_reachable(f"tcp://127.0.0.1:{listener.getsockname()[1]}")
        port = listener.getsockname()[1]
    with pytest.raises(typer.Exit):
        check_reachable(f"tcp://127.0.0.1:{port}")
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
    with pytest.raises(typer.Exit):
        check_reachable("http://127.0.0.1")
    assert "expected tcp://HOST:PORT" in capsys.readouterr().err
