"""Merge every mention of the lake (plus a run's new ones) into events with flat memory, and stage the result.

DuckDB reads the lake's mentions (any filesystem: the pyarrow dataset is registered, not a path),
drops the mentions of changed articles, adds the new mentions, counts the earlier event ids and
streams everything out sorted by event_date, spilling to disk past its memory limit. The windowed
merge (transforms/window_merge.py) turns the stream into chunks of merged mentions and events as
their events close, and each chunk is staged into the transaction at once, so the Python side holds
only the mentions of still-open events plus one chunk.
"""

from __future__ import annotations

import queue
import tempfile
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from flows.lake import Lake, Transaction
from transforms.frames import conform, to_arrow
from transforms.schema import TABLES
from transforms.window_merge import CHUNK_ROWS, CarriedIds, merge_window

MEMORY_LIMIT = "128MB"  # DuckDB's buffers (a sort spills to disk beyond it; its RSS still runs higher)
BATCH_ROWS = 10_000  # rows per record batch handed to the window
PREFETCH_BATCHES = 2  # sorted batches DuckDB makes ahead of the window


def stage_merged(
    txn: Transaction, lake: Lake, new_mentions: pa.Table | list[str],
    drop_article_ids: Iterable[str] | pa.Array | pa.ChunkedArray | None = None,
    *, filesystem: pafs.FileSystem | None = None, memory_limit: str = MEMORY_LIMIT, spill_dir: str | None = None,
    chunk_rows: int = CHUNK_ROWS, threads: int = 1,
) -> tuple[int, int]:
    """Stage the merged `mentions` and `events` tables (replacing both) into `txn`; return (mentions, events).

    The input is the lake's committed mentions without those of `drop_article_ids`, plus `new_mentions`:
    an Arrow table, or paths of Parquet files of mentions rows (read with `filesystem`, inferred from the
    paths by default). The result is merge_table's on the same rows.
    """
    with tempfile.TemporaryDirectory(prefix="dateline-merge-", dir=spill_dir) as spill:
        con = duckdb.connect()
        try:
            con.execute(f"SET memory_limit = '{memory_limit}'")
            con.execute(f"SET threads = {threads}")
            con.execute("SET temp_directory = ?", [spill])
            con.execute("SET preserve_insertion_order = false")  # the ORDER BY is all the order needed
            _register_input(con, lake, new_mentions, drop_article_ids, filesystem)
            # Grouped by a 64-bit hash, not the id: 8-byte keys, and no id string ever reaches Python.
            carried = CarriedIds.from_batches(con.sql(
                "SELECT md5_number_upper(event_id), count(*) FROM merge_input WHERE event_id IS NOT NULL GROUP BY 1"
            ).to_arrow_reader(BATCH_ROWS))
            n_mentions = n_events = 0
            # DuckDB sorts the next batches and a thread writes the last chunk's files while Python merges:
            # both release the GIL, so the merge's one core is not all the run has at its end.
            with ThreadPoolExecutor(1, thread_name_prefix="stage-merged") as writer:
                written = None
                for mentions, events in merge_window(prefetched(sorted_batches(con)), carried, chunk_rows):
                    if written is not None:
                        written.result()  # one chunk in flight: the files keep their order, memory its bound
                    written = writer.submit(_stage_chunk, txn, mentions, events)
                    n_mentions += mentions.num_rows
                    n_events += events.num_rows
                if written is not None:
                    written.result()
        finally:
            con.close()
    if not n_mentions:  # both tables are replaced even when nothing is left
        txn.replace("mentions", to_arrow("mentions", []))
        txn.replace("events", to_arrow("events", []))
    return n_mentions, n_events


def _stage_chunk(txn: Transaction, mentions: pa.Table, events: pa.Table) -> None:
    """Stage one chunk of merged mentions and their events."""
    txn.replace("mentions", mentions)
    txn.replace("events", events)


def prefetched(items: Iterable, depth: int = PREFETCH_BATCHES) -> Iterator:
    """The items of an iterable, in order, computed up to `depth` ahead by a thread (stopped when the caller stops)."""
    ahead: queue.Queue = queue.Queue(depth)
    stop = threading.Event()

    def put(entry: tuple) -> bool:
        """Queue an entry unless the caller has stopped; True when queued."""
        while not stop.is_set():
            try:
                ahead.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((True, item)):
                    return
            put((False, None))
        except BaseException as exc:  # handed to the caller, raised there
            put((False, exc))

    thread = threading.Thread(target=produce, name="merge-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            more, item = ahead.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()
        thread.join()


def _register_input(
    con: duckdb.DuckDBPyConnection, lake: Lake, new_mentions: pa.Table | list[str],
    drop_article_ids: Iterable[str] | pa.Array | pa.ChunkedArray | None, filesystem: pafs.FileSystem | None,
) -> None:
    """Define the view `merge_input`: the lake's mentions minus dropped articles, plus the new ones."""
    schema = TABLES["mentions"]
    columns = ", ".join(f'"{name}"' for name in schema.names)
    if isinstance(new_mentions, pa.Table):
        con.register("new_mentions", conform("mentions", new_mentions))
    else:
        files = list(new_mentions)
        source = ds.dataset(files, schema=schema, format="parquet", filesystem=filesystem) if files else \
            ds.dataset(pa.Table.from_pylist([], schema=schema))
        con.register("new_mentions", source)
    parts = [f"SELECT {columns} FROM new_mentions"]
    if lake.exists():
        con.register("lake_mentions", lake.dataset("mentions"))
        con.register("dropped", pa.table({"article_id": _string_array(drop_article_ids)}))
        # A mention with no article id is never dropped (NOT IN would drop it as unknown).
        parts.append(f"SELECT {columns} FROM lake_mentions "
                     "WHERE article_id IS NULL OR article_id NOT IN (SELECT article_id FROM dropped)")
    con.execute(f"CREATE VIEW merge_input AS {' UNION ALL '.join(parts)}")


def _string_array(values: Iterable[str] | pa.Array | pa.ChunkedArray | None) -> pa.Array | pa.ChunkedArray:
    """Article ids as an Arrow string array (an Arrow array as it is, any other iterable sorted, no repeats)."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values.cast(pa.string())
    return pa.array(sorted(set(values or ())), pa.string())


# The date the window merge reads rows by (transforms/window_merge.py merge_dates): the event_date, or for a
# mention the guide calls undated (no event_date, `publication` basis) its on_or_before.
UNDATED = "(event_date IS NULL AND on_or_before IS NOT NULL AND coalesce(date_basis = 'publication', false))"
MERGE_DATE = f"(CASE WHEN {UNDATED} THEN on_or_before ELSE event_date END)"


def sorted_batches(con: duckdb.DuckDBPyConnection) -> Iterator[pa.RecordBatch]:
    """`merge_input` sorted by merge date, nulls last: one event_month at a time (with the undated mentions
    bounded within that month) when the months hold disjoint date ranges, as the lake's partitions do
    (DuckDB then sorts a month, not everything)."""
    months = month_plan(con)
    if months is None:
        yield from con.sql(f"SELECT * FROM merge_input ORDER BY {MERGE_DATE} NULLS LAST").to_arrow_reader(BATCH_ROWS)
        return
    for month, undated_in in months:
        # One branch per partition, each filtered on event_month alone, so that each reads its partition only.
        params: list = []
        parts = [f"{_month_filter(month, params)} AND NOT {UNDATED}"]
        for source in undated_in:
            parts.append(f"{_month_filter(source, params)} AND {UNDATED} AND strftime(on_or_before, '%Y-%m') = ?")
            params.append(month)
        union = " UNION ALL ".join(f"SELECT * FROM merge_input WHERE {where}" for where in parts)
        query = f"SELECT * FROM ({union}) ORDER BY {MERGE_DATE} NULLS LAST"
        yield from con.sql(query, params=params).to_arrow_reader(BATCH_ROWS)


def _month_filter(month: str | None, params: list) -> str:
    """A WHERE condition on one event_month value (its parameter appended to `params`)."""
    if month is None:
        return "event_month IS NULL"
    params.append(month)
    return "event_month = ?"


def month_plan(con: duckdb.DuckDBPyConnection) -> list[tuple[str | None, list[str | None]]] | None:
    """The event_month values in the order their rows sort, each with the event_month partitions holding undated
    mentions bounded in that month (read with it), or None when read one after another they would not come
    sorted by merge date (a month's dates reach into another's, nulls before dates)."""
    parts = con.sql(
        f"SELECT event_month, min(event_date), max(event_date), count(*) > count(event_date) FROM merge_input "
        f"WHERE NOT {UNDATED} GROUP BY event_month"
    ).fetchall()
    undated = con.sql(
        f"SELECT strftime(on_or_before, '%Y-%m'), event_month, min(on_or_before), max(on_or_before) "
        f"FROM merge_input WHERE {UNDATED} GROUP BY 1, 2 ORDER BY 2 NULLS LAST"
    ).fetchall()
    steps = {month: [first, final, nulls, []] for month, first, final, nulls in parts}
    for month, source, first, final in undated:  # each joins the month its bound falls in
        step = steps.setdefault(month, [None, None, False, []])
        step[0] = first if step[0] is None else min(step[0], first)
        step[1] = final if step[1] is None else max(step[1], final)
        step[3].append(source)
    order = sorted(steps.items(), key=lambda kv: (kv[1][0] is None, kv[1][0] or 0, kv[0] is None, kv[0] or ""))
    last, nulls_seen = None, False
    for _month, (first, final, has_nulls, _undated) in order:
        if first is not None:
            if nulls_seen or (last is not None and first < last):
                return None
            last = final
        nulls_seen = nulls_seen or has_nulls
    return [(month, flags[3]) for month, flags in order]
