"""Settings the CLI applies before any Prefect import, unless the user already set them."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_LAKE = Path("data") / "lake"


def default_prefect_home() -> Path:
    """A per-user Prefect home that does not depend on the working directory."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "dateline" / "prefect"


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
    """The lake location: the option, else DATELINE_LAKE, else the config file's, else data/lake here."""
    if lake:
        return lake
    if os.environ.get("DATELINE_LAKE"):
        return os.environ["DATELINE_LAKE"]
    from dateline.config import load_settings

    return load_settings().lake or str(DEFAULT_LAKE)
