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


def die_with_run(run_pid: int) -> None:
    """Have Linux SIGKILL this worker when the run dies (also by kill -9), so none is left behind."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != run_pid:  # the run died before prctl took effect
        os._exit(1)
