"""Dateline: news articles in, a queryable timeline of dated events out.

The Python API (see `dateline.api`): `extract(text, published)`, `open_lake(path)` and `run(sources, lake)`.
They are imported on first use, so that the `dateline` command starts without pandas or Prefect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "open_lake", "run", "Lake", "DatelineError", "__version__"]

if TYPE_CHECKING:
    from dateline.api import DatelineError, Lake, extract, open_lake, run


def __getattr__(name: str) -> Any:
    """The API's names, loaded from `dateline.api` when first asked for."""
    if name in __all__ and name != "__version__":
        from dateline import api

        return getattr(api, name)
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")
