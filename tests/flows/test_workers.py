"""What an extraction worker runs first: it dies with the run that started it (also a run killed by SIGKILL), and
it waits until every worker of its pool has been spawned."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import time

import psutil

from flows.workers import die_with_run, start_worker
from tests.conftest import BIN, ROOT

RUN = """
import os, sys, time
sys.path.insert(0, {root!r})
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from flows.workers import die_with_run

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_run, initargs=(os.getpid(),))
    print(pool.submit(os.getpid).result(), flush=True)
    time.sleep(60)
"""


def test_a_worker_dies_with_a_run_killed_by_sigkill(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(RUN.format(root=str(ROOT)))
    run = subprocess.Popen([str(BIN / "python"), str(script)], stdout=subprocess.PIPE, text=True)
    worker = psutil.Process(int(run.stdout.readline()))
    assert worker.is_running() and worker.ppid() == run.pid
    os.kill(run.pid, signal.SIGKILL)  # no clean-up in the run: only the kernel can stop the worker
    run.wait()
    worker.wait(timeout=20)  # raises psutil.TimeoutExpired if the worker outlives its run
    assert not worker.is_running()


def test_a_worker_whose_run_is_already_gone_exits_at_once():
    spawn = multiprocessing.get_context("spawn")
    orphan = spawn.Process(target=die_with_run, args=(1,))  # pid 1 is no run: as if the run died before prctl
    orphan.start()
    orphan.join(30)
    assert orphan.exitcode == 1


def test_a_worker_waits_until_every_worker_of_its_pool_exists():
    spawn = multiprocessing.get_context("spawn")
    all_spawned = spawn.Barrier(2)
    first = spawn.Process(target=start_worker, args=(os.getpid(), all_spawned))
    first.start()
    time.sleep(2)
    assert first.is_alive()  # held: a batch given to it now would finish before its sibling exists
    second = spawn.Process(target=start_worker, args=(os.getpid(), all_spawned))
    second.start()
    first.join(30)
    second.join(30)
    assert (first.exitcode, second.exitcode) == (0, 0)


REFUSED = """
import sys
sys.path.insert(0, {root!r})
from flows.workers import RefusePandas
sys.meta_path.insert(0, RefusePandas())
import pyarrow as pa
table = pa.Table.from_pydict({{"n": [1, 2]}})  # pyarrow asks for pandas here, and goes on without it
try:
    import pandas
except ImportError as exc:
    print(table.num_rows, "pandas" in sys.modules, exc)
"""


def test_a_worker_refuses_pandas_and_pyarrow_builds_tables_without_it(tmp_path):
    done = subprocess.run([str(BIN / "python"), "-c", REFUSED.format(root=str(ROOT))], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:3] == ["2", "False", "an"]


def _children() -> set[int]:
    """The pids of this process's living children."""
    return {p.pid for p in psutil.Process().children() if p.status() != psutil.STATUS_ZOMBIE}


def test_workers_spawned_early_are_warm_and_taken_by_a_pool_of_their_size():
    from flows import workers

    before = _children()
    workers.start_early(2)
    try:
        pool = workers.take_early(2)
        assert pool is not None and workers.take_early(2) is None  # taken once
        pids = {pool.submit(os.getpid).result() for _ in range(6)}
        assert pids <= _children() - before and len(pids) >= 1
        # warm: the extractor is loaded before the first batch
        assert all(pool.map(_extractor_loaded, range(2)))
        pool.shutdown(wait=True)
    finally:
        workers.stop_early()
    assert not (_children() - before)


def test_early_workers_of_another_size_or_never_taken_are_stopped():
    from flows import workers

    before = _children()
    workers.start_early(2)
    assert workers.take_early(3) is None  # the run asked for another number of workers
    assert not (_children() - before)
    workers.start_early(2)
    workers.stop_early()  # a run that never needed a pool
    assert not (_children() - before) and workers.take_early(2) is None


def _extractor_loaded(_: int) -> bool:
    """In a worker: whether the extractor's modules are imported."""
    import sys

    return "transforms.events" in sys.modules and "transforms.timex" in sys.modules
