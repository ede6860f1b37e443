"""Project settings from `dateline.toml` (or `[tool.dateline]` in pyproject.toml), merged with CLI options.

Precedence: a command-line option wins, then the environment (DATELINE_LAKE), then the config file,
then the built-in default. Relative paths in a config file are relative to the file's folder.

    # dateline.toml
    lake = "data/lake"
    sources = ["data/samples", "feeds/*.xml"]
    task_runner = "dask"                      # or "local"
    dask_address = "tcp://10.0.0.5:8786"

    [serve]
    name = "hourly"                           # deployment name
    interval = 3600                           # seconds; or: cron = "0 6 * * *"
    timezone = "Europe/Berlin"                # for cron schedules
"""

from __future__ import annotations

import os
import socket
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional
from urllib.parse import urlsplit

import typer

from dateline.errors import fail

CONFIG_NAME = "dateline.toml"
TASK_RUNNERS = ("local", "dask")
TOP_KEYS = {"lake", "sources", "task_runner", "dask_address", "serve"}
SERVE_KEYS = {"name", "cron", "interval", "timezone"}

TaskRunnerOption = Annotated[
    Optional[str],
    typer.Option(
        "--task-runner",
        help="Where extraction runs: local (default) or dask (a Dask cluster, see --dask-address).",
        show_default=False,
    ),
]
DaskAddressOption = Annotated[
    Optional[str],
    typer.Option(
        "--dask-address",
        help="Dask scheduler, e.g. tcp://127.0.0.1:8786. With --task-runner dask and no address: a temporary local cluster.",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Optional[str],
    typer.Option("--config", help="Settings file. Default: ./dateline.toml, else [tool.dateline] in ./pyproject.toml.",
                 show_default=False),
]


@dataclass
class Settings:
    """Everything a run or a served deployment needs, after merging options and config."""

    sources: list[str] | None = None
    lake: str | None = None
    task_runner: str = "local"
    dask_address: str | None = None
    name: str = "dateline"
    cron: str | None = None
    interval: float | None = None
    timezone: str | None = None
    config_path: str | None = None
    raw: dict = field(default_factory=dict)


def find_config(explicit: str | None = None, folder: str | os.PathLike = ".") -> tuple[Path, dict] | None:
    """The settings table and its file: --config, else dateline.toml, else [tool.dateline]; None if absent."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise fail(f"{explicit}: no such config file")
        data = _read_toml(path)
        return path, (data.get("tool", {}).get("dateline", {}) if path.name == "pyproject.toml" else data)
    path = Path(folder) / CONFIG_NAME
    if path.is_file():
        return path, _read_toml(path)
    pyproject = Path(folder) / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("dateline")
        if table is not None:
            return pyproject, table
    return None


def _read_toml(path: Path) -> dict:
    """Parse a TOML file, or a one-line error naming it."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise fail(f"{path}: cannot read config: {exc}")


def load_settings(explicit: str | None = None, folder: str | os.PathLike = ".") -> Settings:
    """Settings from the config file (defaults when there is none), checked key by key."""
    found = find_config(explicit, folder)
    if found is None:
        return Settings()
    path, table = found
    unknown = set(table) - TOP_KEYS
    serve = table.get("serve", {})
    if not isinstance(serve, dict):
        raise fail(f"{path}: [serve] must be a table")
    unknown |= {f"serve.{k}" for k in set(serve) - SERVE_KEYS}
    if unknown:
        raise fail(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
    base = path.resolve().parent
    sources = table.get("sources")
    if sources is not None:
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise fail(f"{path}: sources must be a list of paths or URLs")
        sources = [_relative_to(base, s) for s in sources]
    lake = table.get("lake")
    if lake is not None and not isinstance(lake, str):
        raise fail(f"{path}: lake must be a path or URL")
    interval = serve.get("interval")
    if interval is not None and (isinstance(interval, bool) or not isinstance(interval, (int, float))):
        raise fail(f"{path}: serve.interval must be a number of seconds")
    return Settings(
        sources=sources,
        lake=_relative_to(base, lake) if lake else None,
        task_runner=table.get("task_runner", "local"),
        dask_address=table.get("dask_address") or None,
        name=serve.get("name", "dateline"),
        cron=serve.get("cron"),
        interval=interval,
        timezone=serve.get("timezone"),
        config_path=str(path),
        raw=table,
    )


def _relative_to(base: Path, location: str) -> str:
    """A config path made absolute against the config's folder; URLs stay as they are."""
    if "://" in location or os.path.isabs(location):
        return location
    return str(base / location)


def resolve_run_settings(
    sources: list[str] | None, lake: str | None, task_runner: str | None, dask_address: str | None,
    config: str | None = None,
) -> Settings:
    """Merge command-line values over the config file and check the task runner choice."""
    from flows.location import configured_lake

    settings = load_settings(config)
    settings.sources = list(sources) if sources else settings.sources
    settings.lake = configured_lake(lake, lambda: settings.lake)
    settings.task_runner = task_runner or settings.task_runner
    settings.dask_address = dask_address or settings.dask_address
    check_task_runner(settings)
    return settings


def check_task_runner(settings: Settings) -> None:
    """A known task runner, and a Dask scheduler that accepts connections (one-line error otherwise)."""
    if settings.task_runner not in TASK_RUNNERS:
        raise fail(f"--task-runner {settings.task_runner}: choose local or dask")
    if settings.dask_address and settings.task_runner != "dask":
        raise fail(f"--dask-address {settings.dask_address}: needs --task-runner dask")
    if settings.task_runner == "dask" and settings.dask_address:
        check_reachable(settings.dask_address)


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast with a clear message when nothing listens at a tcp://HOST:PORT address."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in {"tcp", "tls"} or not parts.hostname or not parts.port:
        raise fail(f"--dask-address {address}: expected tcp://HOST:PORT")
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=timeout):
            pass
    except OSError as exc:
        raise fail(f"--dask-address {address}: cannot reach the Dask scheduler: {exc.strerror or exc}")
