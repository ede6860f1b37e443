"""What an extraction worker process runs before its first batch: die with the run that started it.

Kept apart from flows/skeleton.py on purpose: a spawned worker imports the module of its initializer,
and the skeleton's imports (Prefect, DuckDB) would cost each worker some 250 MB it never uses.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

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
