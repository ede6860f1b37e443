"""One-line errors for the CLI: name the input and the reason, never a traceback."""

from __future__ import annotations

import errno
import gc
import os
import sys
import traceback

import typer

NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
LOW_SPACE_BYTES = 1 << 20  # under this much free space a failed run is put down to a full disk


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `dateline: error: MESSAGE` on stderr and return the Exit to raise."""
    print(f"dateline: error: {message}", file=sys.stderr)
    return typer.Exit(code)


def run_failure(exc: BaseException, lake: str) -> str:
    """Why a run failed, in one line: a full disk by name (the lake's or Prefect's), else the exception's first line."""
    _release_frames(exc)
    full = _full_disk(exc, lake)
    if full:
        return f"run failed: no space left on the disk of {full}; the lake holds its last committed snapshot"
    first = (str(exc).strip().splitlines() or [""])[0][:300]
    return f"run failed: {type(exc).__name__}: {first} (rerun with --verbose for details)"


def _release_frames(exc: BaseException) -> None:
    """Drop the locals of the failed run's frames, so that no DuckDB object outlives the run.

    DuckDB's bindings print a page of "leaked instance" lines at exit for every connection or type
    still referenced then, and a traceback keeps its frames' locals alive.
    """
    seen: set[int] = set()
    chain: BaseException | None = exc
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        traceback.clear_frames(chain.__traceback__)
        chain = chain.__cause__ or chain.__context__
    gc.collect()


def _full_disk(exc: BaseException, lake: str) -> str | None:
    """The folder whose disk is full, if that is why the run failed (ENOSPC anywhere in the chain, or no space left)."""
    places = {"the lake " + lake: lake} if "://" not in lake else {}
    home = os.environ.get("PREFECT_HOME")
    if home:  # Prefect's temporary server fails with HTTP 500 when its database cannot grow
        places["PREFECT_HOME " + home] = home
    seen: set[int] = set()
    chain: BaseException | None = exc
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        if isinstance(chain, OSError) and chain.errno in NO_SPACE or "No space left on device" in str(chain):
            low = [name for name, path in places.items() if _free_bytes(path) < LOW_SPACE_BYTES]
            return (low or list(places) or ["a folder it writes"])[0]
        chain = chain.__cause__ or chain.__context__
    return next((name for name, path in places.items() if _free_bytes(path) < LOW_SPACE_BYTES), None)


def _free_bytes(path: str) -> int:
    """Free bytes on the disk holding a path (or its nearest existing parent); a large number if unknown."""
    path = os.path.abspath(os.path.expanduser(path))
    while path and not os.path.exists(path):
        path = os.path.dirname(path)
    try:
        stat = os.statvfs(path)
    except OSError:
        return 1 << 62
    return stat.f_bavail * stat.f_frsize
