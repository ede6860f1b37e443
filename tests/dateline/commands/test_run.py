"""`dateline run`'s start: when it spawns the extraction workers before its imports (dateline/commands/run.py)."""

from __future__ import annotations

import pytest

from dateline.commands import run


def _sources(tmp_path):
    """A folder of two files (3 + 5 bytes) and a file of 7 bytes."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"abc")
    (tmp_path / "in" / "b.txt").write_bytes(b"abcde")
    (tmp_path / "c.jsonl").write_bytes(b"abcdefg")


def test_local_source_bytes_counts_files_folders_and_globs_not_urls(tmp_path):
    _sources(tmp_path)
    assert run.local_source_bytes([str(tmp_path / "in"), str(tmp_path / "c.jsonl")], 10**9) == 15
    assert run.local_source_bytes([str(tmp_path / "in" / "*.txt"), "https://example.org/feed.xml"], 10**9) == 8
    assert run.local_source_bytes(None, 10**9) == 0
    assert run.local_source_bytes([str(tmp_path / "c.jsonl"), str(tmp_path / "in")], 5) == 7  # stops once enough


@pytest.mark.parametrize("task_runner, workers, threshold, started", [
    ("local", 2, 10, [2]),
    (None, 3, 10, [3]),
    ("local", 1, 10, []),  # serial: no pool at all
    ("dask", 2, 10, []),  # Dask extracts, not the pool
    ("local", 2, 1000, []),  # too little input: the pool might never start
])
def test_workers_start_early_only_when_the_run_will_start_its_pool(tmp_path, monkeypatch, task_runner, workers,
                                                                   threshold, started):
    from flows import workers as pool

    _sources(tmp_path)
    calls: list[int] = []
    monkeypatch.setattr(pool, "start_early", calls.append)
    monkeypatch.setattr(run, "EARLY_WORKERS_BYTES", threshold)
    run.start_workers_early([str(tmp_path / "in"), str(tmp_path / "c.jsonl")], task_runner, workers)
    assert calls == started
