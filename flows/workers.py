"""The extraction worker processes: how they are spawned, and what each runs before its first batch (die with
the run that started it, refuse pandas, load the extractor).

Kept apart from flows/skeleton.py on purpose: a spawned worker imports the module of its initializer,
and the skeleton's imports (Prefect, DuckDB) would cost each worker some 250 MB it never uses. For the same
reason `dateline run` can spawn the workers from here before its own imports (`start_early`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import types
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
STARTUP_TIMEOUT_S = 120  # how long a worker waits for its siblings to be spawned


def die_with_run(run_pid: int) -> None:
    """Have Linux SIGKILL this worker when the run dies (also by kill -9), so none is left behind."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != run_pid:  # the run died before prctl took effect
        os._exit(1)


class RefusePandas:
    """An import finder that refuses pandas, installed in extraction workers.

    pyarrow imports pandas, if it can, the first time it builds an array from Python lists (to ask whether
    the argument is a DataFrame); a worker builds Arrow tables from lists and never uses pandas, which would
    cost it ~17 MB. Refused, pyarrow takes pandas as absent; a worker that did need it fails at once.
    """

    def find_spec(self, name: str, path=None, target=None):
        """Refuse pandas and its submodules; leave every other import to the next finder."""
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("an extraction worker does not import pandas (flows/workers.py)")
        return None


def start_worker(run_pid: int, all_spawned) -> None:
    """A worker's initializer: die with the run, refuse pandas, then wait until every worker of the pool exists.

    A spawned pool adds a worker per submit while none is idle. Holding each worker here until its
    siblings exist means `ExtractionPool.start` spawns them all, while it hides the run's `__main__`;
    a worker added later, by a chunk's submit, would re-import the running script (`dateline`: Prefect
    and DuckDB, ~180 MB more per worker; a script without a main guard would even run again).
    """
    die_with_run(run_pid)
    sys.meta_path.insert(0, RefusePandas())
    all_spawned.wait(STARTUP_TIMEOUT_S)
    warm_up()


def warm_up() -> None:
    """Load the extractor (its lexicons, pyarrow) by extracting a two-sentence article: ~0.7 CPU s the first batch
    would pay on the run's critical path, paid here while the run reads its first chunk or Prefect's server starts."""
    import datetime as dt

    from transforms.articles import make_article
    from transforms.documents import document_from_record
    from transforms.pipeline import extract_batch

    document = document_from_record({"id": "warm-up", "title": "Talks", "published": "2026-01-02",
                                      "text": "GENEVA - Two ministers met in Geneva on Thursday. They said on Friday "
                                              "that 12 people were hurt."}, "warm-up", "warm-up")
    extract_batch([make_article(document, dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc), "warm-up")])


def local_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def main_module_hidden():
    """Show spawned children an empty `__main__`, so that they do not re-import the running script.

    A spawned child re-runs the parent's main script (for `dateline`, the console script, which imports
    the whole CLI with Prefect and DuckDB) unless `__main__` names no file; a worker needs none of it.
    """
    real = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = real


def launch_pool(workers: int) -> tuple[ProcessPoolExecutor, list[Future]]:
    """Spawn `workers` extraction processes from this thread (Linux kills them when it ends); return the pool and
    one future per worker that is done once every worker is spawned and warm. Returns without waiting.

    Spawned, not forked: the run holds Prefect's threads and locks, which a fork would copy mid-use.
    """
    import multiprocessing

    spawn = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(workers, mp_context=spawn, initializer=start_worker,
                                   initargs=(os.getpid(), spawn.Barrier(workers)))
    # A spawned pool adds a worker per submit while none is idle; the barrier keeps them all busy
    # until the last exists, so every worker is spawned here, with `__main__` hidden.
    with main_module_hidden():
        started = [executor.submit(int) for _ in range(workers)]
    return executor, started


def ready(launched: tuple[ProcessPoolExecutor, list[Future]]) -> ProcessPoolExecutor:
    """The pool of `launch_pool`, once every worker is spawned and warm (raising a worker's start-up error)."""
    executor, started = launched
    for future in started:
        future.result()
    return executor


_EARLY: tuple[int, tuple[ProcessPoolExecutor, list[Future]]] | None = None  # workers spawned before the run began


def start_early(workers: int) -> None:
    """Spawn the run's workers now, before the run's imports and while Prefect's server starts (both leave a core
    idle); the run's pool takes them (`take_early`), and `stop_early` stops them if it never does."""
    global _EARLY
    stop_early()
    _EARLY = (workers, launch_pool(workers))


def take_early(workers: int) -> ProcessPoolExecutor | None:
    """The early workers, ready, if there are `workers` of them (others are stopped); None if there are none."""
    global _EARLY
    early, _EARLY = _EARLY, None
    if early is None:
        return None
    count, launched = early
    if count != workers:
        launched[0].shutdown(wait=True, cancel_futures=True)
        return None
    return ready(launched)


def stop_early() -> None:
    """Stop the early workers if no run took them."""
    global _EARLY
    early, _EARLY = _EARLY, None
    if early is not None:
        early[1][0].shutdown(wait=True, cancel_futures=True)
