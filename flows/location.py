"""Where Dateline keeps things: the one rule for the lake's location, and the per-user state folder.

The CLI, the Python API, the dashboard and the lock all ask here, so the rule lives once:
the option, else $DATELINE_LAKE, else the settings file's lake, else data/lake in the working folder.
Importing this module imports neither Prefect nor the CLI.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

DEFAULT_LAKE = Path("data") / "lake"


def configured_lake(option: str | None, settings_lake: Callable[[], str | None] = lambda: None) -> str | None:
    """The lake named by the option, else by $DATELINE_LAKE, else by the settings file (asked only then)."""
    return option or os.environ.get("DATELINE_LAKE") or settings_lake()


def lake_location(option: str | None, settings_lake: Callable[[], str | None] = lambda: None) -> str:
    """The lake to use: `configured_lake`, else data/lake here."""
    return configured_lake(option, settings_lake) or str(DEFAULT_LAKE)


def default_prefect_home() -> Path:
    """A per-user Prefect home that does not depend on the working directory."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "dateline" / "prefect"


def default_cache_folder() -> Path:
    """A per-user folder for things that can be rebuilt at any time (e.g. a migrated Prefect database)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dateline"
