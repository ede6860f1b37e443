"""The pure pipeline: batches in a process pool give the serial run's bytes; copies are never extracted."""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pyarrow.parquet as pq

from bench.corpus import iter_articles
from transforms.pipeline import (
    article_rows, documents_of_records, extract_articles, in_batches, originals, run_in_memory,
)

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)


def _parquet_bytes(table) -> bytes:
    """A table as Parquet bytes, written the way the lake writes them."""
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _rows(n: int) -> list[dict]:
    """Normalised article rows of n generated articles (all originals)."""
    records = [{k: v for k, v in r.items() if k != "gold"} for r in iter_articles(n, 5)]
    return [dict(r, duplicate_of=None) for r in article_rows(documents_of_records(records), NOW, "run-1")]


def _worker_pid(_batch) -> int:
    """Which process ran a batch."""
    return os.getpid()


def test_batches_in_a_process_pool_give_the_serial_bytes():
    rows = _rows(40)
    serial = extract_articles(rows, "run-1", batch_size=4)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        parallel = extract_articles(rows, "run-1", batch_size=4, map_batches=pool.map)
        pids = set(pool.map(_worker_pid, in_batches(rows, 4)))
    assert serial[0].num_rows > 40 and serial[1].num_rows > 0
    assert os.getpid() not in pids  # the batches really ran in other processes
    for one, other in zip(serial, parallel):
        assert _parquet_bytes(one) == _parquet_bytes(other)
    assert set(serial[0].column("run_id").to_pylist()) == {"run-1"}


def test_only_originals_are_extracted_and_batches_keep_order():
    rows = _rows(7)
    rows[3]["duplicate_of"] = rows[2]["article_id"]
    assert [r["article_id"] for r in originals(rows)] == [r["article_id"] for i, r in enumerate(rows) if i != 3]
    assert [len(b) for b in in_batches(rows, 3)] == [3, 3, 1]
    mentions, _dates = extract_articles(rows, "run-1", batch_size=3)
    assert rows[3]["article_id"] not in set(mentions.column("article_id").to_pylist())
    assert mentions.column("article_id").to_pylist()[0] == rows[0]["article_id"]


def test_run_in_memory_marks_a_copy_and_merges_its_original_only():
    record = {k: v for k, v in next(iter_articles(1, 9)).items() if k != "gold"}
    copy = dict(record, id="copy-1", url="https://copy.test/a")
    articles, mentions, events, dates = run_in_memory(documents_of_records([record, copy]), "mem", NOW)
    assert len(articles) == 2 and articles[1]["duplicate_of"] == articles[0]["article_id"]
    assert mentions and {m["article_id"] for m in mentions} == {articles[0]["article_id"]}
    assert {m["event_id"] for m in mentions} == {e["event_id"] for e in events}
    assert all(d["article_id"] == articles[0]["article_id"] for d in dates)
