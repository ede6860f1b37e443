"""Named points in a run where a test can stop the process and kill it (crash-safety tests).

With `DATELINE_PAUSE_AT=<point>` set, the process that reaches that point writes a marker file
(`DATELINE_PAUSE_MARKER`, default `<tmp>/dateline-paused-<point>`) holding its pid and then sleeps
until it is killed. Without the variable a crash point costs one dict lookup.
"""

from __future__ import annotations

import os
import tempfile
import time

# Every point, in the order a run reaches them (tests iterate over this list).
POINTS = (
    "run-locked",  # lock held, nothing read yet
    "sources-read",  # the first chunk of documents read (and fetched)
    "articles-normalised",  # the first chunk's article rows built and deduplicated
    "events-extracted",  # the first chunk's mentions extracted, nothing staged
    "chunk-staged",  # the first chunk's articles and new mentions under _staging/, nothing committed
    "tables-shaped",  # every chunk staged, mentions merged, events and rejects staged
    "files-staged",  # Parquet files written under _staging/
    "files-moved-partly",  # first staged file moved into place
    "files-moved",  # every file in place, no new manifest yet
    "manifest-written",  # manifest N+1 on disk, CURRENT still names N
    "current-swapped",  # CURRENT names N+1: the run is committed
    "catalog-written",  # new catalog.duckdb written beside the old one, not yet swapped
    "validators-saved",  # HTTP validators kept for the next run, lock still held
)


def crashpoint(name: str) -> None:
    """Pause here forever when the environment asks for this point (a test then kills the process)."""
    if os.environ.get("DATELINE_PAUSE_AT") != name:
        return
    marker = os.environ.get("DATELINE_PAUSE_MARKER") or os.path.join(tempfile.gettempdir(), f"dateline-paused-{name}")
    tmp = f"{marker}.tmp"
    with open(tmp, "w") as handle:
        handle.write(str(os.getpid()))
    os.replace(tmp, marker)
    while True:  # the test sends SIGKILL; nothing after this point runs
        time.sleep(3600)
