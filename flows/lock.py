"""One writer per lake: an advisory file lock, released by the OS if the holder dies."""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path

from flows.lake import Lake


class LakeBusy(Exception):
    """Another run holds the lake's lock."""


def lock_path(lake: Lake) -> str:
    """The lock file: inside a local lake, else in the user's state folder keyed by the lake URL."""
    if lake.is_local:
        os.makedirs(lake.root, exist_ok=True)
        return os.path.join(lake.root, ".lock")
    from flows.location import default_prefect_home

    folder = Path(default_prefect_home()).parent / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / (hashlib.sha256(lake.location.encode()).hexdigest()[:16] + ".lock"))


class LakeLock:
    """Context manager: hold the lake's write lock, waiting up to `wait` seconds for it."""

    def __init__(self, lake: Lake, wait: float = 0.0):
        self.lake = lake
        self.wait = wait
        self.path = lock_path(lake)
        self._handle = None

    def __enter__(self) -> "LakeLock":
        handle = open(self.path, "a+")
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    handle.close()
                    raise LakeBusy(
                        f"{self.lake.location}: another run is writing this lake (pid {holder}); "
                        "wait for it or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
