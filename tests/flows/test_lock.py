"""One writer per lake, across processes: the lock names its holder, is freed by the OS when the holder dies
(also by SIGKILL), can be waited for, and for a lake in object storage lives in the per-user state folder."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from flows.lake import Lake
from flows.lock import LakeBusy, LakeLock, lock_path
from tests.conftest import BIN, ROOT

HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from flows.lake import Lake
from flows.lock import LakeLock

with LakeLock(Lake({lake!r})):
    print("locked", flush=True)
    time.sleep(float(sys.argv[1]))
print("released", flush=True)
"""


def _holder(lake: str, seconds: float) -> subprocess.Popen:
    """Another process holding the lake's lock for `seconds`; returns once it holds it."""
    proc = subprocess.Popen([str(BIN / "python"), "-c", HOLDER.format(root=str(ROOT), lake=lake), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_lock_refuses_a_second_writer(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    with LakeLock(lake):
        with pytest.raises(LakeBusy, match="another run is writing"):
            with LakeLock(lake, wait=0.3):
                pass
    with LakeLock(lake):  # released
        pass


def test_another_process_holding_the_lock_is_named_in_the_refusal(tmp_path):
    lake = str(tmp_path / "lake")
    holder = _holder(lake, 60)
    try:
        with pytest.raises(LakeBusy, match=rf"another run is writing this lake \(pid {holder.pid}\)"):
            with LakeLock(Lake(lake)):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_the_lock_free(tmp_path):
    lake = str(tmp_path / "lake")
    holder = _holder(lake, 60)
    os.kill(holder.pid, signal.SIGKILL)  # no clean-up runs: the OS drops the flock with the process
    holder.wait()
    with LakeLock(Lake(lake)) as lock:
        assert open(lock.path).read() == str(os.getpid())  # the new holder's pid replaces the dead one's


def test_wait_takes_the_lock_once_the_holder_lets_go(tmp_path):
    lake = str(tmp_path / "lake")
    holder = _holder(lake, 1.0)
    started = time.monotonic()
    with LakeLock(Lake(lake), wait=30):
        waited = time.monotonic() - started
        assert holder.stdout.readline().strip() == "released"
    holder.wait()
    assert 0.3 < waited < 30


def test_a_lake_in_object_storage_is_locked_in_the_state_folder_by_its_url(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    one, other = Lake("memory://lock-test-one/lake"), Lake("memory://lock-test-two/lake")
    path = lock_path(one)
    assert os.path.dirname(path) == str(tmp_path / "state" / "dateline" / "locks")
    assert path == lock_path(Lake("memory://lock-test-one/lake")) != lock_path(other)
    with LakeLock(one):
        with pytest.raises(LakeBusy, match="memory://lock-test-one/lake"):
            with LakeLock(Lake("memory://lock-test-one/lake")):
                pass
        with LakeLock(other):  # another lake: another lock
            pass
