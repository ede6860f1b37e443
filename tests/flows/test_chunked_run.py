"""A run processed in tiny chunks writes exactly the tables of a run in one chunk, and a kill between chunks is safe."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time

import pytest

from flows.lake import Lake
from tests.conftest import SAMPLES, run_cli
from tests.flows.fault_server import story
from tests.flows.test_crashpoints import lake_state, start_run
from tests.flows.test_pipeline import SUMMARY

pytestmark = pytest.mark.slow
RUN_SPECIFIC = {"run_id", "ingested_at", "seen_at"}  # differ between any two runs by design
KEYS = {"articles": "input", "mentions": "mention_id", "events": "event_id", "rejects": "input"}
CAP = 200_000
NEAR_ORIGINAL = "2026-02-20-continental-au-council-sahel.txt"
EXACT_ORIGINAL = "2026-03-03-harbor-sudan-ceasefire-signed.txt"


def _body(name: str) -> str:
    """The text of a sample after its front matter."""
    return (SAMPLES / name).read_text(encoding="utf-8").split("\n---\n", 1)[1]


def make_inputs(folder) -> None:
    """The samples, an exact and a near copy placed after their originals, and a dump with bad records."""
    shutil.copytree(SAMPLES, folder)
    near = _body(NEAR_ORIGINAL)
    trimmed = near.strip().rsplit("\n\n", 1)[0]  # a syndicated copy: a credit line, the last paragraph cut
    (folder / "zz-near-copy.txt").write_text("By Harbor Post staff with wire reports.\n\n" + trimmed)
    (folder / "zz-exact-copy.txt").write_text(_body(EXACT_ORIGINAL))
    lines = [json.dumps({"text": story(40), "published": "2026-03-02"}), json.dumps({"text": "x" * (CAP + 10)}),
             "{broken", json.dumps({"body": story(41)}), json.dumps({"text": story(40)})]
    (folder / "zz-dump.jsonl").write_text("\n".join(lines) + "\n")


def run(lake: str, folder, *extra: str) -> tuple[int, ...]:
    """Run the CLI over the folder; return the summary counts."""
    result = run_cli("run", str(folder), "--lake", lake, "--max-bytes", str(CAP), "-q", *extra)
    assert result.returncode == 0, result.stderr[-2000:]
    return tuple(map(int, SUMMARY.search(result.stdout).groups()))


def tables(lake: str) -> dict[str, list[dict]]:
    """Articles, mentions, events and rejects as rows sorted by key, without run-specific columns."""
    store = Lake(lake)
    out = {}
    for name, key in KEYS.items():
        rows = [{k: v for k, v in r.items() if k not in RUN_SPECIFIC} for r in store.read(name).to_pylist()]
        out[name] = sorted(rows, key=lambda r: r[key])
    return out


def test_tiny_chunks_give_the_tables_of_one_chunk(tmp_path, prefect_api):
    folder = tmp_path / "in"
    make_inputs(folder)
    one, tiny = str(tmp_path / "one"), str(tmp_path / "tiny")
    counts = run(one, folder)
    assert run(tiny, folder, "--chunk-size", "3") == counts
    assert counts[2] >= 3 and counts[4] == 2  # the copies found; the long and the broken record rejected
    chunked = tables(tiny)
    assert chunked == tables(one)
    assert all(chunked[name] for name in KEYS)
    # The near copy is the folder's last file: its original was read (and staged) chunks earlier.
    by_input = {a["input"].rsplit("/", 1)[-1]: a for a in chunked["articles"]}
    assert by_input["zz-near-copy.txt"]["duplicate_kind"] == "near"
    assert by_input["zz-near-copy.txt"]["duplicate_of"] == by_input[NEAR_ORIGINAL]["article_id"]
    assert by_input["zz-exact-copy.txt"]["duplicate_of"] == by_input[EXACT_ORIGINAL]["article_id"]
    assert by_input["zz-dump.jsonl:5"]["duplicate_of"] == by_input["zz-dump.jsonl:1"]["article_id"]
    reasons = {r["input"].rsplit("/", 1)[-1]: r["reason"] for r in chunked["rejects"]}
    assert reasons == {"zz-dump.jsonl:2": "too-large", "zz-dump.jsonl:3": "bad-json"}

    # A second run: an original with a copy changes (its copy is requeued), the broken record is fixed.
    (folder / EXACT_ORIGINAL).write_text(story(42))
    text = (folder / "zz-dump.jsonl").read_text().replace("{broken", json.dumps({"text": story(43)}))
    (folder / "zz-dump.jsonl").write_text(text)
    counts = run(one, folder)
    assert run(tiny, folder, "--chunk-size", "3") == counts
    assert counts[1] == 2  # the changed original and the fixed record (the requeued copy is no input)
    chunked = tables(tiny)
    assert chunked == tables(one)
    by_input = {a["input"].rsplit("/", 1)[-1]: a for a in chunked["articles"]}
    assert by_input["zz-exact-copy.txt"]["duplicate_of"] is None  # its original's text is gone
    assert [r["input"].rsplit(":", 1)[-1] for r in chunked["rejects"]] == ["2"]


def test_a_kill_between_chunks_leaves_the_snapshot_and_a_rerun_completes(tmp_path, prefect_api):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"old-{i}.txt").write_text(story(500 + i))
    lake = str(tmp_path / "lake")
    run(lake, folder)
    before = lake_state(lake)
    new = {str(folder / f"new-{i}.txt") for i in range(5)}  # read first (sorted): the first chunk has rows
    for i, name in enumerate(sorted(new)):
        (folder / name).write_text(story(600 + i))
    marker = str(tmp_path / "paused")
    proc = start_run(lake, [str(folder)], {"DATELINE_PAUSE_AT": "chunk-staged", "DATELINE_PAUSE_MARKER": marker},
                     "--chunk-size", "2")
    try:
        deadline = time.monotonic() + 300
        while not os.path.exists(marker):
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "the run never staged a chunk"
            time.sleep(0.05)
        staged = [f for _, _, files in os.walk(os.path.join(lake, "_staging")) for f in files]
        assert any(f.endswith(".parquet") for f in staged), "the first chunk was not staged"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert lake_state(lake) == before  # the staged chunk is invisible
    inputs, added, dups, unchanged, rejected = run(lake, folder, "--chunk-size", "2")
    assert (inputs, added, dups, unchanged, rejected) == (8, 5, 0, 3, 0)
    after = lake_state(lake)
    assert after["version"] == before["version"] + 1
    assert after["articles"].keys() == before["articles"].keys() | new
    staging = os.path.join(lake, "_staging")
    assert not [f for _, _, files in os.walk(staging) for f in files]  # the killed run's files are gone


def test_a_copy_of_an_original_replaced_in_a_later_chunk_is_read_again_in_one_chunk(tmp_path, prefect_api):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b-original.txt").write_text(story(700))
    (folder / "c-other.txt").write_text(story(701))
    one, tiny = str(tmp_path / "one"), str(tmp_path / "tiny")
    for lake in (one, tiny):
        run(lake, folder)
    # The original's text moves to a new input read first; the original's own input gets a new story.
    (folder / "a-moved.txt").write_text(story(700))
    (folder / "b-original.txt").write_text(story(702))
    counts = run(one, folder)
    assert run(tiny, folder, "--chunk-size", "1") == counts == (3, 2, 0, 1, 0)
    chunked = tables(tiny)
    assert chunked == tables(one)
    by_input = {a["input"].rsplit("/", 1)[-1]: a for a in chunked["articles"]}
    assert by_input["a-moved.txt"]["duplicate_of"] is None  # not a copy of the replaced row
    assert len({a["article_id"] for a in chunked["articles"]}) == 3
