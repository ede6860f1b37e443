"""The windowed merge gives exactly merge_table's events, whatever the batch and chunk sizes."""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

import pyarrow as pa
import pytest

from bench.bench_merge import synthetic_mentions
from bench.corpus import iter_articles
from tests.helpers import carried_ids, carried_ids_of
from tests.transforms.merge.test_merging import mention
from transforms.events import extract_events
from transforms.frames import to_arrow, with_column
from transforms.mentions import mention_rows
from transforms.merge import MAX_SPAN_DAYS, merge_table
from transforms.window_merge import WindowMerge, merge_dates, merge_window

D = dt.date


@lru_cache(maxsize=1)
def corpus_rows() -> tuple[dict, ...]:
    """Mentions the extractor finds in 300 bench articles, squeezed into ten months so that events meet."""
    rows = []
    for article in iter_articles(300, seed=5):
        published = D.fromisoformat(article["published"])
        meta = {"article_id": article["id"], "published_at": published, "source": article["source"],
                "url": article["url"]}
        rows += mention_rows(meta, extract_events(article["text"], published), "run-1")
    base = D(2019, 1, 1)
    for r in rows:  # keep each mention's distance to its article, move the article into a 300-day span
        shift = dt.timedelta(days=(r["published_at"] - base).days - (r["published_at"] - base).days % 2800 // 10)
        r["published_at"] -= shift
        if r["event_date"]:
            r["event_date"] -= shift
    return tuple(rows)


def varied(rows: list[dict], seed: int = 3) -> list[dict]:
    """Rows with every precision and basis mixed in: quarters, years, null dates, plain days, publication days."""
    rng = random.Random(seed)
    out = []
    for r in rows:
        r = dict(r)
        day = r["event_date"]
        roll = rng.random()
        if day and roll < 0.05:
            quarter = D(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
            r.update(event_date=quarter, date_precision="quarter", date_basis="explicit")
        elif day and roll < 0.08:
            r.update(event_date=D(day.year, 1, 1), date_precision="year", date_basis="explicit")
        elif roll < 0.1:
            r.update(event_date=None, date_precision="unknown", date_basis="unknown")
        elif day and roll < 0.12:
            r.update(date_precision="day", date_basis="unknown")
        elif day and roll < 0.16:
            r.update(event_date=r["published_at"] or day, date_precision="day", date_basis="publication")
        r["event_month"] = r["event_date"].strftime("%Y-%m") if r["event_date"] else "unknown"
        out.append(r)
    return out


def windowed(table: pa.Table, batch_rows: int = 10_000, chunk_rows: int = 50_000) -> tuple[pa.Table, pa.Table]:
    """The windowed merge of a table, fed sorted by merge date in batches of `batch_rows`."""
    keyed = table.append_column("merge_date", merge_dates(table))  # as stage_merged streams: undated by their bound
    ordered = keyed.sort_by([("merge_date", "ascending")]).drop_columns(["merge_date"])  # nulls at the end
    chunks = list(merge_window(ordered.to_batches(max_chunksize=batch_rows), carried_ids_of(table), chunk_rows))
    if not chunks:
        return table.slice(0, 0), to_arrow("events", [])
    return pa.concat_tables([m for m, _ in chunks]), pa.concat_tables([e for _, e in chunks])


def assignment(mentions: pa.Table) -> dict[str, str]:
    """mention_id -> event_id."""
    return dict(zip(mentions.column("mention_id").to_pylist(), mentions.column("event_id").to_pylist()))


def event_set(events: pa.Table) -> list[dict]:
    """Events rows in a fixed order."""
    return sorted(events.to_pylist(), key=lambda r: r["event_id"])


def assert_same(table: pa.Table, **kwargs) -> tuple[pa.Table, pa.Table]:
    """The windowed merge agrees with merge_table on every mention's event and every events row."""
    expected_mentions, expected_events = merge_table(table)
    got_mentions, got_events = windowed(table, **kwargs)
    assert got_mentions.num_rows == table.num_rows
    assert assignment(got_mentions) == assignment(expected_mentions)
    assert event_set(got_events) == event_set(expected_events)
    return got_mentions, got_events


def with_old_ids(rows: list[dict], seed: int = 11) -> pa.Table:
    """All rows, where a random two thirds of the articles carry the event ids of an earlier merge of just them."""
    rng = random.Random(seed)
    articles = sorted({r["article_id"] for r in rows})
    earlier = {a for a in articles if rng.random() < 0.67}
    first, _events = merge_table(to_arrow("mentions", [r for r in rows if r["article_id"] in earlier]))
    old = assignment(first)
    return to_arrow("mentions", [dict(r, event_id=old.get(r["mention_id"])) for r in rows])


def test_corpus_mentions_merge_as_merge_table_does():
    rows = varied(list(corpus_rows()))
    table = to_arrow("mentions", rows)
    assert len({r["date_precision"] for r in rows}) >= 5 and any(r["event_date"] is None for r in rows)
    mentions, events = assert_same(table)
    assert events.num_rows < mentions.num_rows  # mentions did merge


def test_earlier_event_ids_are_kept_and_split_as_merge_table_does():
    table = with_old_ids(varied(list(corpus_rows())))
    mentions, _events = assert_same(table)
    old = set(table.column("event_id").drop_null().to_pylist())
    assert old & set(mentions.column("event_id").to_pylist())  # earlier ids survive


def test_dense_synthetic_mentions_with_earlier_ids_and_small_chunks():
    rows = varied(synthetic_mentions(6000, seed=4), seed=8)
    assert_same(with_old_ids(rows, seed=2), batch_rows=500, chunk_rows=300)


@pytest.mark.parametrize("batch_rows", [1, 7, 10_000])
def test_batch_size_does_not_change_the_result(batch_rows):
    rows = varied(synthetic_mentions(1500, seed=9), seed=1)
    table = with_old_ids(rows, seed=5)
    reference = windowed(table, batch_rows=10_000)
    mentions, events = windowed(table, batch_rows=batch_rows, chunk_rows=97)
    assert assignment(mentions) == assignment(reference[0])
    assert event_set(events) == event_set(reference[1])


def test_quarter_mention_joins_an_anchor_eighty_days_later():
    anchor = mention("a1", "wire-1", D(2026, 3, 22), "agreement", D(2026, 3, 21), actors=["Coastal Alliance"],
                     location="Lima", evidence="The Coastal Alliance signed the fishing accord in Lima.")
    quarter = mention("q1", "post-1", D(2026, 1, 5), "agreement", D(2026, 1, 1), precision="quarter",
                      basis="explicit", actors=["Coastal Alliance"], location="Lima",
                      evidence="The Coastal Alliance will sign the fishing accord in Lima this quarter.")
    filler = [mention(f"f{k}", f"other-{k}", D(2026, 1, 1) + dt.timedelta(days=k), "protest",
                      D(2026, 1, 1) + dt.timedelta(days=k), actors=[f"Union{k}"], evidence=f"Workers marched {k}.")
              for k in range(0, 200, 3)]
    # And the other way round: an anchor early in the quarter stays open until the quarter's end is read.
    early = mention("a2", "wire-2", D(2026, 4, 4), "pledge", D(2026, 4, 3), actors=["Red Cross"], location="Accra",
                    evidence="The Red Cross pledged grain for Accra.")
    late = mention("q2", "post-2", D(2026, 6, 30), "pledge", D(2026, 4, 1), precision="quarter", basis="explicit",
                   actors=["Red Cross"], location="Accra",
                   evidence="The Red Cross pledged grain for Accra this quarter.")
    table = to_arrow("mentions", [anchor, quarter, early, late] + filler)
    mentions, _events = assert_same(table, batch_rows=2, chunk_rows=1)
    ids = assignment(mentions)
    assert (anchor["event_date"] - quarter["event_date"]).days == 79 < MAX_SPAN_DAYS
    assert (D(2026, 6, 30) - early["event_date"]).days == 88 <= MAX_SPAN_DAYS
    assert ids["q1"] == ids["a1"] and ids["q2"] == ids["a2"] != ids["a1"]


def test_month_mention_at_a_month_boundary():
    last = mention("a1", "wire-1", D(2026, 2, 1), "vote", D(2026, 1, 31), actors=["Senate"], location="Oslo",
                   evidence="The senate voted on the budget in Oslo.")
    first = mention("a2", "wire-2", D(2026, 2, 2), "vote", D(2026, 2, 1), actors=["Senate"], location="Oslo",
                    evidence="The senate voted on the budget in Oslo.")
    january = mention("m1", "post-1", D(2026, 2, 3), "vote", D(2026, 1, 1), precision="month", basis="explicit",
                      actors=["Senate"], location="Oslo", evidence="The senate voted on the budget in Oslo in January.")
    february = mention("m2", "post-2", D(2026, 2, 3), "vote", D(2026, 2, 1), precision="month", basis="explicit",
                       actors=["Senate"], location="Oslo",
                       evidence="The senate voted on the budget in Oslo in February.")
    table = to_arrow("mentions", [last, first, january, february])
    mentions, _events = assert_same(table, batch_rows=1, chunk_rows=1)
    ids = assignment(mentions)
    assert ids["m1"] == ids["a1"] != ids["a2"] == ids["m2"]


def test_an_earlier_event_split_in_two_keeps_its_id_in_one():
    # Two mentions of one earlier event now land on different days: the id stays with its namesake's group.
    from transforms.articles import derived_id

    old = derived_id("event", "b1")
    a = mention("a1", "wire-1", D(2026, 5, 2), "attack", D(2026, 5, 1), actors=["Rebels"], location="Goma",
                evidence="Rebels attacked the convoy near Goma.", event_id=old)
    b = mention("b1", "wire-2", D(2026, 9, 3), "attack", D(2026, 9, 2), actors=["Rebels"], location="Goma",
                evidence="Rebels attacked the convoy near Goma.", event_id=old)
    c = mention("c1", "wire-3", D(2026, 9, 4), "attack", D(2026, 9, 2), actors=["Rebels"], location="Goma",
                evidence="Rebels attacked a convoy near Goma.", event_id=old)
    table = to_arrow("mentions", [a, b, c])
    mentions, _events = assert_same(table, batch_rows=1, chunk_rows=1)
    ids = assignment(mentions)
    assert ids["b1"] == ids["c1"] == old != ids["a1"]


def test_carried_counts_must_match_the_input():
    row = mention("a1", "wire-1", D(2026, 5, 2), "attack", D(2026, 5, 1), event_id="e-old")
    table = to_arrow("mentions", [row])
    merge = WindowMerge(carried_ids(["e-old"], [2]))
    merge.feed(table)
    with pytest.raises(ValueError, match="fewer carriers"):
        merge.finish()


def test_unsorted_input_is_refused():
    rows = [mention(f"m{k}", f"a{k}", D(2026, 1, 9), "vote", D(2026, 1, 9 - k)) for k in range(3)]
    with pytest.raises(ValueError, match="sorted by event_date"):
        list(merge_window([to_arrow("mentions", rows)], carried_ids([], [])))


def test_empty_input_gives_nothing():
    assert list(merge_window([to_arrow("mentions", [])], carried_ids([], []))) == []


def test_rows_keep_every_column():
    table = to_arrow("mentions", varied(list(corpus_rows())[:400]))
    mentions, _events = windowed(table, batch_rows=64)
    by_id = {r["mention_id"]: r for r in mentions.to_pylist()}
    for r in with_column(table, "event_id", [None] * table.num_rows).to_pylist():
        got = dict(by_id[r["mention_id"]], event_id=None)
        assert got == r


def with_undated(rows: list[dict], seed: int = 6, share: float = 0.15) -> list[dict]:
    """Rows where a share of the mentions become ones the guide calls undated: no event_date, bounded by the report."""
    rng = random.Random(seed)
    out = []
    for r in rows:
        if r["published_at"] and rng.random() < share:
            r = dict(r, event_date=None, date_precision="unknown", date_basis="publication",
                     on_or_before=r["published_at"], event_month="unknown")
        out.append(r)
    return out


def joined_undated(mentions: pa.Table) -> int:
    """The number of undated mentions whose event also holds a dated mention."""
    rows = mentions.to_pylist()
    dated_events = {r["event_id"] for r in rows if r["event_date"] is not None}
    return sum(r["event_date"] is None and r["date_basis"] == "publication" and r["event_id"] in dated_events
               for r in rows)


def test_undated_mentions_join_dated_events_as_merge_table_does():
    table = with_old_ids(with_undated(varied(list(corpus_rows()))))
    mentions, _events = assert_same(table)
    assert joined_undated(mentions) > 20  # undated mentions did join dated events, the same ones
    rows = varied(synthetic_mentions(3000, seed=7), seed=2)
    assert_same(with_old_ids(with_undated(rows, seed=9), seed=3), batch_rows=97, chunk_rows=211)
