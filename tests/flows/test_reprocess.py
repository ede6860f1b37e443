"""`dateline reprocess` re-extracts articles of an older extractor version, atomically (also under SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from flows.lake import Lake, Transaction
from flows.reprocess import processed_versions
from tests.conftest import BIN, ROOT, run_cli
from tests.flows.fault_server import story
from tests.helpers import mentions_by_version
from transforms.events import EXTRACTOR_VERSION

pytestmark = pytest.mark.slow


def age_lake(lake: str) -> int:
    """Make the lake look written by an older extractor: its mentions and runs carry version old-0, and it
    has no `dates` rows yet (a lake from before that table)."""
    store = Lake(lake)
    mentions, runs = store.read("mentions"), store.read("runs")
    import pyarrow as pa

    from transforms.frames import to_arrow

    def with_old(table):
        i = table.schema.get_field_index("extractor_version")
        return table.set_column(i, "extractor_version", pa.array(["old-0"] * table.num_rows, pa.string()))

    txn = Transaction(store, "aging")
    txn.replace("mentions", with_old(mentions))
    txn.replace("runs", with_old(runs))
    txn.replace("dates", to_arrow("dates", []))
    txn.commit()
    return mentions.num_rows


def test_reprocess_replaces_old_mentions_and_is_crash_safe(tmp_path, prefect_api):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"s{i}.txt").write_text(story(400 + i))
    (folder / "copy.txt").write_text(story(400))  # a duplicate: never extracted
    lake = str(tmp_path / "lake")
    assert run_cli("run", str(folder), "--lake", lake, "-q").returncode == 0
    store = Lake(lake)
    before = {m["mention_id"] for m in store.read("mentions").to_pylist()}
    days = sorted((d["article_id"], d["start"], d["day"]) for d in store.read("dates").to_pylist())
    assert days and len({d[0] for d in days}) == 3  # the days each original names; the duplicate has none
    n = age_lake(lake)
    assert n == len(before) > 0 and mentions_by_version(store) == {"old-0": n}
    assert set(processed_versions(store.read("articles").to_pylist(), store.read("runs").to_pylist()).values()) == {"old-0"}

    # Killed after its files are in place but before the manifest: the old mentions stay whole.
    marker = str(tmp_path / "paused")
    env = dict(os.environ, DATELINE_PAUSE_AT="files-moved", DATELINE_PAUSE_MARKER=marker)
    proc = subprocess.Popen([str(BIN / "dateline"), "reprocess", "--lake", lake], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 240
    while not os.path.exists(marker):
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()[-1500:] if proc.poll() else "slow"
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert mentions_by_version(store) == {"old-0": n}
    assert store.read("dates").num_rows == 0  # the new dates rows are not visible either

    done = run_cli("reprocess", "--lake", lake)
    assert done.returncode == 0, done.stderr[-1500:]
    assert done.stdout.startswith("3 articles re-extracted")
    assert mentions_by_version(store) == {EXTRACTOR_VERSION: n}
    mentions = store.read("mentions").to_pylist()
    assert {m["mention_id"] for m in mentions} == before  # same articles, same extractor: same mentions
    events = {e["event_id"] for e in store.read("events").to_pylist()}
    assert {m["event_id"] for m in mentions} <= events
    assert sorted((d["article_id"], d["start"], d["day"]) for d in store.read("dates").to_pylist()) == days
    again = run_cli("reprocess", "--lake", lake)
    assert again.returncode == 0 and again.stdout.startswith("0 articles re-extracted"), again.stdout


def test_reprocess_of_a_missing_lake_is_a_one_line_error(tmp_path):
    result = run_cli("reprocess", "--lake", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("dateline: error:")
    assert "Traceback" not in result.stderr
