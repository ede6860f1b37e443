"""Settings the CLI applies before any Prefect import, unless the user already set them."""

from __future__ import annotations

import os
from pathlib import Path

from flows.location import default_prefect_home, lake_location


def apply_prefect_defaults() -> None:
    """Set the Prefect settings Dateline needs when the user has not set them."""
    os.environ.setdefault("PREFECT_HOME", str(default_prefect_home()))
    # Prefect creates its home but not the folders above it.
    try:
        Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # Prefect then says itself what is wrong with the location
    # The temporary server Prefect starts without PREFECT_API_URL takes 8-25 s here;
    # the default 20 s timeout fails now and then.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")


def lake_from_env(lake: str | None) -> str:
    """The lake location by the one rule of `flows.location`, reading the settings file only when needed."""
    return lake_location(lake, _settings_lake)


def _settings_lake() -> str | None:
    """The settings file's lake, if any."""
    from dateline.config import load_settings

    return load_settings().lake
