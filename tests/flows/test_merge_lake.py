"""stage_merged stages exactly merge_table's mentions and events, from a lake on any filesystem."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.lake import Lake, Transaction
from flows import merge_lake
from flows.merge_lake import month_plan, prefetched, stage_merged
from tests.transforms.test_window_merge import assignment, corpus_rows, event_set, joined_undated, varied, with_undated
from transforms.frames import to_arrow, without
from transforms.merge import merge_table


def split_rows() -> tuple[list[dict], list[dict]]:
    """The corpus mentions as an earlier lake's (about two thirds of the articles) and a new run's."""
    rows = varied(list(corpus_rows()))
    articles = sorted({r["article_id"] for r in rows})
    earlier = set(articles[::3]) | set(articles[1::3])
    return [r for r in rows if r["article_id"] in earlier], [r for r in rows if r["article_id"] not in earlier]


def lake_with(location: str, rows: list[dict]) -> tuple[Lake, pa.Table]:
    """A lake whose mentions are `rows` merged (so they carry event ids); return it and those mentions."""
    lake = Lake(location)
    mentions, events = merge_table(to_arrow("mentions", rows))
    txn = Transaction(lake, "run-1")
    txn.replace("mentions", mentions)
    txn.replace("events", events)
    txn.commit()
    return lake, mentions


def stage_and_read(lake: Lake, new, drop=None, **kwargs) -> tuple[tuple[int, int], pa.Table, pa.Table]:
    """Run stage_merged in a new transaction, commit, and read both tables back."""
    txn = Transaction(lake, f"run-{uuid.uuid4().hex[:6]}")
    counts = stage_merged(txn, lake, new, drop, **kwargs)
    txn.commit()
    return counts, lake.read("mentions"), lake.read("events")


def assert_matches_merge_table(everything: pa.Table, counts, mentions: pa.Table, events: pa.Table) -> None:
    """The staged tables are merge_table's on the same rows."""
    expected_mentions, expected_events = merge_table(everything)
    assert counts == (expected_mentions.num_rows, expected_events.num_rows)
    assert assignment(mentions) == assignment(expected_mentions)
    assert event_set(events) == event_set(expected_events)


def test_staged_tables_are_merge_tables_with_dropped_articles_and_many_chunks(tmp_path, monkeypatch):
    old_rows, new_rows = split_rows()
    lake, old = lake_with(str(tmp_path / "lake"), old_rows)
    dropped = sorted({r["article_id"] for r in old_rows})[::7]
    new = to_arrow("mentions", new_rows)
    plans = []
    monkeypatch.setattr(merge_lake, "month_plan", lambda con: plans.append(month_plan(con)) or plans[-1])
    counts, mentions, events = stage_and_read(lake, new, pa.chunked_array([dropped]), chunk_rows=500)
    assert len(plans[0]) > 5  # read one month at a time
    assert_matches_merge_table(pa.concat_tables([without(old, "article_id", dropped), new]), counts, mentions, events)
    assert not set(dropped) & set(mentions.column("article_id").to_pylist())
    assert len(lake.files("mentions")) > 10  # several chunks staged, all of them kept


def test_new_mentions_as_parquet_files_on_a_memory_lake(tmp_path):
    old_rows, new_rows = split_rows()
    lake, old = lake_with(f"memory://merge-{uuid.uuid4().hex[:8]}/lake", old_rows)
    half = len(new_rows) // 2
    paths = []
    for k, part in enumerate([new_rows[:half], new_rows[half:]]):
        path = tmp_path / f"new-{k}.parquet"
        pq.write_table(to_arrow("mentions", part), path)
        paths.append(str(path))
    counts, mentions, events = stage_and_read(lake, paths)
    assert_matches_merge_table(pa.concat_tables([old, to_arrow("mentions", new_rows)]), counts, mentions, events)


def test_first_run_without_a_lake(tmp_path):
    _old_rows, new_rows = split_rows()
    lake = Lake(str(tmp_path / "lake"))
    new = to_arrow("mentions", new_rows)
    counts, mentions, events = stage_and_read(lake, new)
    assert_matches_merge_table(new, counts, mentions, events)


def test_nothing_left_still_leaves_both_tables(tmp_path):
    old_rows, _new_rows = split_rows()
    lake, _old = lake_with(str(tmp_path / "lake"), old_rows)
    everyone = sorted({r["article_id"] for r in old_rows})
    counts, mentions, events = stage_and_read(lake, to_arrow("mentions", []), everyone)
    assert counts == (0, 0)
    assert mentions.num_rows == 0 and events.num_rows == 0
    assert lake.files("mentions") and lake.files("events")


def test_months_with_overlapping_dates_are_sorted_all_at_once(tmp_path):
    old_rows, new_rows = split_rows()
    lake, old = lake_with(str(tmp_path / "lake"), old_rows)
    con = duckdb.connect()
    con.register("merge_input", old)
    months = [month for month, _undated in month_plan(con)]
    assert months and months[-1] == "unknown" and months[:-1] == sorted(months[:-1])
    # A new mention filed under the wrong month: reading month by month would not be sorted any more.
    misfiled = [dict(r, event_month="2019-01") for r in new_rows[:5] if r["event_date"]]
    con.register("merge_input", pa.concat_tables([old, to_arrow("mentions", misfiled)]))
    assert month_plan(con) is None
    counts, mentions, events = stage_and_read(lake, to_arrow("mentions", misfiled + new_rows[5:]))
    everything = pa.concat_tables([old, to_arrow("mentions", misfiled + new_rows[5:])])
    assert_matches_merge_table(everything, counts, mentions, events)


def test_a_chunks_staged_mentions_are_sorted_by_date_so_a_month_reads_few_row_groups(tmp_path, monkeypatch):
    from flows import skeleton

    monkeypatch.setattr(skeleton, "NEW_MENTIONS_ROW_GROUP", 256)
    rows = varied(list(corpus_rows()))
    txn = Transaction(Lake(str(tmp_path / "lake")), "run-1")
    counts = skeleton.stage_chunk.fn(txn, [], to_arrow("mentions", rows), to_arrow("dates", []), 1)
    assert counts["mentions_new"] == len(rows)
    [path] = skeleton.staged_mention_files(txn)
    data = pq.read_table(path)
    days = data.column("event_date").to_pylist()
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated) and days[: len(dated)] == dated  # dated rows first, in order; nulls last
    meta = pq.ParquetFile(path).metadata
    column = data.schema.get_field_index("event_month")
    ranges = [(meta.row_group(g).column(column).statistics.min, meta.row_group(g).column(column).statistics.max)
              for g in range(meta.num_row_groups)]
    months = data.column("event_month").to_pylist()
    busiest = max(set(months) - {None}, key=months.count)
    reads = sum(lo <= busiest <= hi for lo, hi in ranges)  # the other groups are skipped by their statistics
    assert meta.num_row_groups > 5
    assert reads <= months.count(busiest) // 256 + 2 and reads < meta.num_row_groups / 2


def test_prefetched_keeps_the_order_raises_the_producers_error_and_stops_with_its_caller():
    assert list(prefetched(iter(range(50)), depth=2)) == list(range(50))

    def failing():
        yield 1
        raise ValueError("disk gone")

    with pytest.raises(ValueError, match="disk gone"):
        list(prefetched(failing()))
    endless = prefetched(iter(int, 1))  # never runs out: only the caller's stop ends its thread
    assert next(endless) == 0
    endless.close()
    assert not [t for t in threading.enumerate() if t.name == "merge-prefetch"]


def test_undated_mentions_stream_by_their_bound_month_by_month_and_join_as_merge_table_does(tmp_path, monkeypatch):
    old_rows, new_rows = split_rows()
    lake, old = lake_with(str(tmp_path / "lake"), with_undated(old_rows, seed=4))
    new = to_arrow("mentions", with_undated(new_rows, seed=5))
    plans = []
    monkeypatch.setattr(merge_lake, "month_plan", lambda con: plans.append(month_plan(con)) or plans[-1])
    counts, mentions, events = stage_and_read(lake, new, chunk_rows=400)
    months = [month for month, _undated in plans[0]]
    assert len(months) > 5 and months[-1] == "unknown" and months[:-1] == sorted(months[:-1])
    assert sum(undated == ["unknown"] for _month, undated in plans[0]) > 5  # read with the month of their bound
    assert_matches_merge_table(pa.concat_tables([old, new]), counts, mentions, events)
    assert joined_undated(mentions) > 20
    again = stage_and_read(lake, to_arrow("mentions", []))  # a re-run keeps every event id
    assert assignment(again[1]) == assignment(mentions)


def test_an_undated_mention_bounded_in_a_month_with_no_dated_rows_gets_its_own_step(tmp_path):
    rows = [r for r in varied(list(corpus_rows())) if r["event_date"] is not None][:200]
    late = max(r["event_date"] for r in rows) + dt.timedelta(days=60)
    undated = [dict(rows[0], mention_id="undated-late", event_date=None, date_precision="unknown",
                    date_basis="publication", published_at=late, on_or_before=late, event_month="unknown")]
    con = duckdb.connect()
    con.register("merge_input", to_arrow("mentions", rows + undated))
    plan = month_plan(con)
    assert plan[-1] == (late.strftime("%Y-%m"), ["unknown"]) and all(not flag for _month, flag in plan[:-1])
    lake = Lake(str(tmp_path / "lake"))
    counts, mentions, events = stage_and_read(lake, to_arrow("mentions", rows + undated))
    assert_matches_merge_table(to_arrow("mentions", rows + undated), counts, mentions, events)
