"""The run skeleton: parallel extraction writes the serial run's tables, its workers die with a killed run,
and `dateline reprocess` (streamed in chunks through the same skeleton) survives SIGKILL at every point it reaches."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import httpx
import psutil
import pytest

from flows import skeleton
from flows.crashpoints import POINTS
from flows.lake import Lake
from tests.conftest import BIN, ROOT, run_cli
from tests.flows.fault_server import story
from tests.flows.test_chunked_run import tables
from tests.flows.test_crashpoints import complete, fork_run, forker, lake_state  # noqa: F401 -- forker: a fixture
from tests.flows.test_reprocess import age_lake
from tests.helpers import mentions_by_version
from transforms.events import EXTRACTOR_VERSION

# The points a reprocess reaches: it reads no sources (its "sources-read" is its first chunk of stale
# articles read from the lake), normalises nothing and keeps no HTTP validators.
REPROCESS_POINTS = tuple(p for p in POINTS if p not in ("articles-normalised", "validators-saved"))
COMMITTED_FROM = REPROCESS_POINTS.index("current-swapped")


POOL_SCRIPT = """
import os, sys, threading
sys.path.insert(0, {root!r})
import duckdb, prefect  # a script like the `dateline` console script, whose imports a worker must not repeat
import psutil
from flows import skeleton
from transforms import pipeline

def workers():
    return sorted(p.pid for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline()))

if __name__ == "__main__":
    with skeleton.ExtractionPool(2) as pool:
        assert skeleton._POOL is None  # not started before a chunk needs it
        pool.start()
        started = workers()
        # A chunk maps its batches from a task thread: the pool must already hold every worker.
        thread = threading.Thread(target=lambda: list(skeleton._POOL.map(abs, range(200))))
        thread.start()
        thread.join()
        assert workers() == started, (started, workers())
        pids = {{skeleton._POOL.submit(os.getpid).result() for _ in range(4)}}
        assert pids <= set(started) and os.getpid() not in pids
        article = {{"article_id": "a1", "text": "GENEVA - Chad and Niger held talks on Thursday.",
                    "published_at": None, "source": "wire", "url": None}}
        batches = [[article]] * 8  # every worker extracts: its modules are those of a real batch
        assert all(m.num_rows for m, _ in skeleton._POOL.map(pipeline.extract_batch, batches))
        for pid in started:
            maps = open(f"/proc/{{pid}}/maps").read()
            print(pid, "_duckdb" in maps, "pydantic_core" in maps, "pandas/_libs" in maps)
    assert skeleton._POOL is None
    print("stopped")
"""


def test_the_extraction_pool_runs_batches_in_other_processes_and_stops(tmp_path):
    script = tmp_path / "main_script.py"
    script.write_text(POOL_SCRIPT.format(root=str(ROOT)))
    done = subprocess.run([str(BIN / "python"), str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *workers, last = done.stdout.split("\n")[:-1]
    assert last == "stopped" and len(workers) == 2  # both spawned by start(), none later by a chunk
    # No worker loads Prefect or DuckDB (hundreds of MB each it would never use), nor pandas, which pyarrow would
    # import to build the batch's tables from lists (~17 MB each).
    for line in workers:
        assert line.split()[1:] == ["False", "False", "False"], line
    with skeleton.ExtractionPool(1) as single:
        single.start()
        assert skeleton._POOL is None  # one worker: extraction stays in the run's process


def test_the_workers_stop_before_the_merge(tmp_path, prefect_api):
    with skeleton.LakeRun(str(tmp_path / "lake"), workers=2) as run:
        run.pool.start()
        workers = [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
        assert skeleton._POOL is not None and len(workers) == 2
        assert run.merge(set()) == 0
        assert skeleton._POOL is None and _gone(workers)  # idle through the merge, the run's peak: gone


def test_the_workers_stop_once_the_last_chunk_is_extracted_and_a_later_chunk_starts_them_again(tmp_path, prefect_api):
    import datetime as dt

    from prefect import flow

    from transforms import pipeline
    from transforms.documents import RawDocument

    docs = [RawDocument(input=f"doc-{i}.txt", text=story(i), content_hash=f"h{i}") for i in range(100)]
    rows = pipeline.article_rows(docs, dt.datetime(2026, 12, 7, tzinfo=dt.timezone.utc), "r")

    @flow(name="two-chunks")
    def two_chunks() -> list:
        """Stage two chunks of 50 articles, each the last, and say what ran when."""
        seen = []
        with skeleton.LakeRun(str(tmp_path / "lake"), workers=2) as run:
            pending = run.start_chunk(rows[:50], 1)  # two batches: the pool starts
            workers = [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
            seen.append(skeleton._POOL is not None and len(workers) == 2)
            counts = run.finish_chunk(pending, last=True)
            seen.append((counts["articles_new"], counts["mentions_new"] > 0, skeleton._POOL is None, _gone(workers)))
            # A chunk after the last (a requeued one) starts the workers again and is extracted as any other.
            requeued = run.start_chunk(rows[50:], 2)
            seen.append(skeleton._POOL is not None)
            again = run.finish_chunk(requeued, last=True)
            seen.append((again["articles_new"], again["mentions_new"] > 0, skeleton._POOL is None))
            run.txn.abort()
        return seen

    # Idle while the last chunk is staged (two chunks' rows, the server: the run's peak), the workers are gone.
    assert two_chunks() == [True, (50, True, True, True), True, (50, True, True)]


@pytest.mark.slow
def test_a_parallel_run_writes_the_tables_of_a_serial_run(tmp_path, prefect_api):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(24):
        (folder / f"s{i:02d}.txt").write_text(story(500 + i))
    (folder / "copy.txt").write_text(story(503))
    serial, parallel = str(tmp_path / "serial"), str(tmp_path / "parallel")
    one = run_cli("run", str(folder), "--lake", serial, "-q", "--workers", "1")
    two = run_cli("run", str(folder), "--lake", parallel, "-q", "--workers", "2", "--batch-size", "2",
                  "--chunk-size", "10")
    assert one.returncode == 0 and two.returncode == 0, (one.stderr + two.stderr)[-2000:]
    assert one.stdout == two.stdout and "24 new articles, 1 duplicates" in one.stdout
    expected, got = tables(serial), tables(parallel)
    assert len(expected["mentions"]) > 24 and expected == got
    days = [sorted((d["article_id"], d["start"], d["day"]) for d in Lake(lake).read("dates").to_pylist())
            for lake in (serial, parallel)]
    assert days[0] and days[0] == days[1]
    # Serial with several batches a chunk: one extract-chunk task per chunk, its batches extracted in turn.
    chunked = str(tmp_path / "serial-chunked")
    three = run_cli("run", str(folder), "--lake", chunked, "-q", "--workers", "1", "--batch-size", "2",
                    "--chunk-size", "10")
    assert three.returncode == 0 and three.stdout == one.stdout, three.stderr[-2000:]
    assert tables(chunked) == expected
    flow_run_id = Lake(chunked).read("runs").column("flow_run_id")[0].as_py()
    body = {"flow_runs": {"id": {"any_": [flow_run_id]}}, "task_runs": {"name": {"like_": "extract-%"}}}
    names = [r["name"] for r in httpx.post(f"{prefect_api}/task_runs/filter", json=body, timeout=10).json()]
    assert sorted(n.split("-")[1] for n in names) == ["chunk"] * 3, names  # 25 files in chunks of 10


def _descendants(pid: int) -> list[psutil.Process]:
    """The living processes below a process."""
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _gone(procs: list[psutil.Process], timeout: float = 20) -> bool:
    """True once every process of the list has exited (or is a zombie)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(not p.is_running() or p.status() == psutil.STATUS_ZOMBIE for p in procs):
            return True
        time.sleep(0.2)
    return False


def _pause_fresh(argv: list[str], point: str, marker: str) -> subprocess.Popen:
    """Start `dateline ARGV` as a new process that extracts afresh (an earlier reprocess cached these chunks)
    and stops at a crash point; return once it is parked there."""
    env = dict(os.environ, DATELINE_PAUSE_AT=point, DATELINE_PAUSE_MARKER=marker, PREFECT_TASKS_REFRESH_CACHE="true")
    proc = subprocess.Popen([str(BIN / "dateline"), *argv], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 300
    while not os.path.exists(marker):
        assert proc.poll() is None, f"run ended before reaching {point}: {proc.stderr.read()[-1500:]}"
        assert time.monotonic() < deadline, f"run never reached {point}"
        time.sleep(0.05)
    assert int(open(marker).read()) == proc.pid
    return proc


def _kill_run_only(proc: subprocess.Popen) -> None:
    """SIGKILL the run process alone (not its process group: its workers must die on their own)."""
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL


@pytest.mark.slow
def test_reprocess_survives_sigkill_at_every_point_and_its_workers_die_with_it(tmp_path, prefect_api, forker):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"s{i}.txt").write_text(story(600 + i))
    lake = str(tmp_path / "lake")
    out = str(tmp_path / "out.txt")
    complete(forker, out, ["run", str(folder), "--lake", lake, "-q"])
    store = Lake(lake)
    ids = {m["mention_id"] for m in store.read("mentions").to_pylist()}
    argv = ["reprocess", "--lake", lake, "--workers", "2", "--batch-size", "1", "--chunk-size", "2"]
    for k, point in enumerate(REPROCESS_POINTS):
        n = age_lake(lake)
        before = lake_state(lake)
        proc = _pause_fresh(argv, point, str(tmp_path / f"paused-{point}"))
        workers = [w for w in _descendants(proc.pid) if "uvicorn" not in " ".join(w.cmdline())]
        if REPROCESS_POINTS.index("events-extracted") <= k < REPROCESS_POINTS.index("tables-shaped"):
            assert len(workers) >= 2, point  # the pool was extracting the first chunk
        _kill_run_only(proc)
        assert _gone(workers), f"{point}: extraction workers outlived the killed run"
        after = lake_state(lake)
        if k < COMMITTED_FROM:
            assert after["version"] == before["version"] and after["counts"] == before["counts"], point
            assert mentions_by_version(store) == {"old-0": n}, point
        else:
            assert after["version"] == before["version"] + 1, point
            assert mentions_by_version(store) == {EXTRACTOR_VERSION: n}, point
        proc = fork_run(forker, out, argv)
        proc.join(300)
        text = open(out).read()
        assert proc.exitcode == 0, text[-1500:]
        expected = "0 articles" if k >= COMMITTED_FROM else "5 articles"
        assert f"\n{expected} re-extracted" in "\n" + text, (point, text[-800:])
        assert mentions_by_version(store) == {EXTRACTOR_VERSION: n}, point
        assert {m["mention_id"] for m in store.read("mentions").to_pylist()} == ids, point
        assert {d["article_id"] for d in store.read("dates").to_pylist()} == set(after["articles"].values()), point
        staging = os.path.join(lake, "_staging")
        assert not [f for _, _, fs in os.walk(staging) for f in fs], point  # the killed run's files are gone
