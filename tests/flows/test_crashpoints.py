"""Kill a real run with SIGKILL at every named crash point; the lake must read as before, and the next run complete.

Each point pauses the `dateline run` process (DATELINE_PAUSE_AT) after it writes a marker file; the
test then sends SIGKILL to it, checks every table, and runs again without the pause. Runs are forked
from a warm forkserver (tests/flows/crash_child.py) so that 25 runs do not pay 25 Prefect imports.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import time

import pytest

from flows.catalog import connect
from flows.crashpoints import POINTS
from flows.lake import Lake
from tests.conftest import BIN, ROOT
from tests.flows.crash_child import PRELOAD, cli_child
from tests.flows.fault_server import story
from tests.flows.test_pipeline import SUMMARY
from transforms.schema import TABLES

pytestmark = pytest.mark.slow
COMMITTED_FROM = POINTS.index("current-swapped")  # from here on the run's snapshot is the current one


def start_run(lake: str, sources: list[str], env: dict | None = None, *extra: str) -> subprocess.Popen:
    """Start `dateline run` as a new process (a fresh interpreter) in its own process group."""
    full = dict(os.environ, **(env or {}))
    return subprocess.Popen(
        [str(BIN / "dateline"), "run", *sources, "--lake", lake, "-q", *extra], cwd=ROOT, env=full,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


@pytest.fixture(scope="module")
def forker():
    """A forkserver that has imported Prefect and the pipeline: each run is a forked child process."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def fork_run(ctx, out: str, argv: list[str], env: dict | None = None):
    """Start the CLI in a child of the warm forkserver."""
    proc = ctx.Process(target=cli_child, args=(argv, dict(env or {}), out), daemon=False)
    proc.start()
    return proc


def pause_at(ctx, out: str, argv: list[str], point: str, marker: str):
    """Start a run that stops at a crash point; return once it is parked there."""
    proc = fork_run(ctx, out, argv, {"DATELINE_PAUSE_AT": point, "DATELINE_PAUSE_MARKER": marker})
    deadline = time.monotonic() + 300
    while not os.path.exists(marker):
        if not proc.is_alive():
            pytest.fail(f"run ended before reaching {point}: {open(out).read()[-1500:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"run never reached {point}")
        time.sleep(0.05)
    assert int(open(marker).read()) == proc.pid
    return proc


def kill(proc) -> None:
    """SIGKILL the run process and reap it."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(30)
    assert proc.exitcode == -signal.SIGKILL


def complete(ctx, out: str, argv: list[str]) -> tuple[int, ...]:
    """Run to the end; check the exit code and the conservation law; return the counts."""
    proc = fork_run(ctx, out, argv)
    proc.join(300)
    text = open(out).read()
    assert proc.exitcode == 0, text[-2000:]
    match = SUMMARY.search(text)
    assert match, text
    inputs, new, dups, unchanged, rejected = map(int, match.groups())
    assert new + dups + unchanged + rejected == inputs
    return inputs, new, dups, unchanged, rejected


def lake_state(lake: str) -> dict:
    """Every table read two ways (pyarrow and DuckDB); no duplicate rows; the articles and rejects by input."""
    store = Lake(lake)
    counts = {table: store.read(table).num_rows for table in TABLES}
    con = connect(store)
    try:
        for table, n in counts.items():
            assert con.execute(f"select count(*) from {table}").fetchone()[0] == n, table
    finally:
        con.close()
    articles = store.read("articles", columns=["input", "article_id"]).to_pylist()
    mentions = store.read("mentions", columns=["mention_id"]).column("mention_id").to_pylist()
    rejects = store.read("rejects", columns=["input"]).column("input").to_pylist()
    assert len({a["input"] for a in articles}) == len(articles), "an input has two article rows"
    assert len({a["article_id"] for a in articles}) == len(articles), "an article id repeats"
    assert len(set(mentions)) == len(mentions), "a mention repeats"
    assert len(set(rejects)) == len(rejects), "a reject repeats"
    return {
        "version": store.manifest().version,
        "articles": {a["input"]: a["article_id"] for a in articles},
        "rejects": set(rejects),
        "counts": counts,
    }


def test_sigkill_at_every_crash_point_leaves_a_readable_lake(tmp_path, prefect_api, forker):
    assert len(POINTS) >= 10
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"base-{i}.txt").write_text(story(100 + i))
    (folder / "empty.txt").write_text("")
    lake = str(tmp_path / "lake")
    argv = ["run", str(folder), "--lake", lake, "-q"]
    out = str(tmp_path / "out.txt")
    complete(forker, out, argv)
    findings = []
    for k, point in enumerate(POINTS):
        before = lake_state(lake)
        name = str(folder / f"new-{k:02d}.txt")
        (folder / f"new-{k:02d}.txt").write_text(story(200 + k))
        kill(pause_at(forker, out, argv, point, str(tmp_path / f"paused-{point}")))
        after = lake_state(lake)
        if k < COMMITTED_FROM:
            assert after["articles"] == before["articles"], point
            assert after["version"] == before["version"], point
            assert after["counts"] == before["counts"], point
        else:
            assert after["articles"].keys() == before["articles"].keys() | {name}, point
            assert after["version"] == before["version"] + 1, point
        findings.append((point, after["version"] - before["version"]))
        inputs, new, dups, unchanged, rejected = complete(forker, out, argv)
        final = lake_state(lake)
        assert name in final["articles"] and len(final["articles"]) == len(before["articles"]) + 1, point
        assert final["rejects"] == before["rejects"], point
        # Exactly one new article, by this run or by the killed one that had committed already.
        assert new == (0 if k >= COMMITTED_FROM else 1) and dups == 0 and rejected == 1, (point, new)
        staging = os.path.join(lake, "_staging")
        assert not [f for _, _, fs in os.walk(staging) for f in fs], point  # no staged file left over
        assert not [f for f in os.listdir(lake) if ".tmp-" in f], point  # nor a half-written catalog
    committed = [p for p, d in findings if d]
    assert committed == list(POINTS[COMMITTED_FROM:])


def test_a_second_run_refuses_or_waits_for_the_lock(tmp_path, prefect_api):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(story(300))
    lake = str(tmp_path / "lake")
    marker = str(tmp_path / "paused")
    first = start_run(lake, [str(folder)], {"DATELINE_PAUSE_AT": "run-locked", "DATELINE_PAUSE_MARKER": marker})
    deadline = time.monotonic() + 300
    while not os.path.exists(marker):
        assert first.poll() is None and time.monotonic() < deadline, "the first run never took the lock"
        time.sleep(0.05)
    try:
        refused = start_run(lake, [str(folder)])
        out, err = refused.communicate(timeout=300)
        assert refused.returncode == 3
        lines = [line for line in err.splitlines() if line.startswith("dateline: error:")]
        assert len(lines) == 1 and "another run is writing this lake" in lines[0]
        assert "Traceback" not in err
        waiting = start_run(lake, [str(folder)], None, "--wait", "120")
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(30)
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err[-1500:]
    assert SUMMARY.search(out).group(2) == "1"
    assert lake_state(lake)["articles"].keys() == {str(folder / "one.txt")}
