"""Dashboard SQL against real lakes: filters, aggregation, pagination, actors, places, run health."""

from __future__ import annotations

import datetime as dt

import pytest
from dash_helpers import event_rows, run_rows, synthetic_events, write_lake

from dashboards import queries
from dashboards.filters import Filters
from flows.catalog import refresh_catalog
from flows.lake import Lake, Transaction
from transforms.frames import to_arrow


def ids(frame) -> set[str]:
    """The event ids of a frame."""
    return set(frame["event_id"])


@pytest.fixture
def con(sample_lake):
    with queries.reading(str(sample_lake)) as connection:
        yield connection


@pytest.mark.parametrize("filters, expected", [
    (Filters(types=("meeting",)), {"ev0000", "ev0003", "ev0008"}),
    (Filters(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31)), {"ev0008", "ev0009", "ev0010", "ev0011"}),
    (Filters(actor="mei"), {"ev0003", "ev0008"}),
    (Filters(actor="portugal"), {"ev0004", "ev0005"}),  # a recipient counts as involved
    (Filters(country="MLT"), {"ev0006", "ev0007"}),
    (Filters(country="NOR"), {"ev0001", "ev0004", "ev0005", "ev0008"}),  # place or country actor
    (Filters(place="lisb"), {"ev0000", "ev0010", "ev0012"}),
    (Filters(text="QUOTA"), {"ev0000", "ev0001", "ev0012"}),
    (Filters(text="50%"), set()),  # % is a character here, not a wildcard
    (Filters(types=("meeting",), actor="tomas", place="oslo"), {"ev0008"}),
])
def test_filters_select_the_right_events(con, filters, expected):
    assert ids(queries.event_page(con, filters, page_size=250)) == expected
    assert queries.count_events(con, filters) == len(expected)


def test_page_rows_are_display_text_lists_joined(con):
    page = queries.event_page(con, Filters(actor="Ana Rivas"), order="date, newest first")
    assert list(page.columns) == queries.TABLE_COLUMNS
    assert page["event_date"].tolist() == ["2026-02-02", "2026-01-12", ""]  # undated last
    assert page["actors"].tolist()[0] == "Ana Rivas; Mei Lin"
    assert page["quantities"].tolist() == ["", "", ""]


def test_unknown_order_and_page_size_fall_back_to_defaults(con):
    page = queries.event_page(con, Filters(), page=-3, page_size=7, order="1; DROP VIEW events")
    assert len(page) == 14 and page["event_id"].iloc[0] == "ev0000"


def test_small_timeline_has_one_mark_per_dated_event(con):
    timeline = queries.timeline(con, Filters())
    assert timeline.bucket is None and (timeline.dated, timeline.undated) == (13, 1)
    assert len(timeline.frame) == 13 and "evidence" in timeline.frame and "source" in timeline.frame


def test_counterparts_say_who_met_whom_and_when(con):
    people = queries.counterparts(con, "Ana Rivas", Filters())
    rows = {r.counterpart: r for r in people.itertuples()}
    assert set(rows) == {"Tomas Berg", "Mei Lin", "European Commission"}
    assert rows["Mei Lin"].meetings == 1 and str(rows["Mei Lin"].first_date)[:10] == "2026-02-02"
    meetings = queries.actor_events(con, "Ana Rivas", Filters(), meetings_only=True)
    assert meetings["with"].tolist() == ["Mei Lin", "Tomas Berg"]


def test_places_group_events_with_coordinates(con):
    places = queries.places(con, Filters())
    counts = dict(zip(places["location"], places["events"]))
    assert counts == {"Lisbon": 3, "Oslo": 3, "Brussels": 2, "Geneva": 2, "Valletta": 2, "Porto": 1}
    assert places["lat"].notna().all()


def test_run_health_reads_runs_and_rejects(con):
    runs = queries.recent_runs(con)
    assert runs["run_id"].tolist() == ["20260408T090000-bbbbbb", "20260407T090000-aaaaaa"]
    assert runs["started_at"].iloc[0] == "2026-04-08 09:00:00"
    assert dict(zip(*queries.reject_reasons(con).to_dict("list").values())) == {"binary": 1, "empty": 1}
    assert len(queries.recent_rejects(con)) == 2


def test_csv_is_the_frame_with_formulas_neutralised(con):
    page = queries.event_page(con, Filters(place="brussels"), order="date, newest first")
    text = queries.to_csv(page).decode("utf-8").splitlines()
    assert text[0] == ",".join(queries.TABLE_COLUMNS)
    assert len(text) == 1 + len(page)
    assert "'=tractors" not in text[1] and "=tractors" in text[1]  # mid-cell '=' is harmless, left as is


def test_large_lake_is_aggregated_and_paginated(large_lake):
    with queries.reading(str(large_lake)) as con:
        timeline = queries.timeline(con, Filters())
        assert timeline.bucket == "month"  # ten years of events
        assert len(timeline.frame) <= queries.BUCKET_LIMIT
        assert int(timeline.frame["events"].sum()) == 20_000
        first, second = (queries.event_page(con, Filters(), page=p, page_size=100) for p in (1, 2))
        for order in queries.ORDERS:  # late pages are read from the other end: same rows, same order
            for page in (150, 200, 201):
                slow = queries.event_page(con, Filters(), page=page, page_size=100, order=order)
                fast = queries.event_page(con, Filters(), page=page, page_size=100, order=order, total=20_000)
                assert fast.equals(slow) and len(fast) == (100 if page <= 200 else 0)
        assert len(first) == len(second) == 100 and not ids(first) & ids(second)
        assert first["event_date"].tolist() == sorted(first["event_date"])
        narrowed = queries.timeline(con, Filters(since=dt.date(2020, 1, 1), until=dt.date(2020, 1, 20)))
        assert narrowed.bucket is None and len(narrowed.frame) == narrowed.dated > 0


def test_bucket_widths_follow_the_span():
    day = dt.date(2026, 1, 1)
    assert [queries.bucket_for(day, day + dt.timedelta(days=n)) for n in (0, 100, 500, 3000, 20000)] == [
        "day", "day", "week", "month", "year"]


def test_missing_lake_raises_empty_lake(tmp_path):
    assert queries.lake_version(str(tmp_path / "nothing")) is None
    with pytest.raises(queries.EmptyLake):
        with queries.reading(str(tmp_path / "nothing")):
            pass


def test_empty_lake_answers_every_query(empty_lake):
    with queries.reading(str(empty_lake)) as con:
        assert queries.count_events(con, Filters()) == 0
        assert queries.timeline(con, Filters()).frame.empty
        assert queries.event_page(con, Filters()).empty
        assert queries.places(con, Filters()).empty and queries.top_actors(con, Filters()).empty
        assert queries.recent_runs(con).empty and queries.event_types(con) == []


def test_a_reader_survives_a_run_replacing_the_catalog(tmp_path):
    """An open read-only connection keeps its snapshot while a run commits and swaps catalog.duckdb."""
    path = tmp_path / "lake"
    write_lake(path, event_rows(), run_rows())
    with queries.reading(str(path)) as before:
        lake = Lake(str(path))
        tx = Transaction(lake, run_id="20260409T090000-cccccc")
        tx.replace("events", to_arrow("events", synthetic_events(50)))
        tx.commit()
        refresh_catalog(lake)
        assert queries.count_events(before, Filters()) == 14
    assert queries.lake_version(str(path)) == 2
    with queries.reading(str(path)) as after:
        assert queries.count_events(after, Filters()) == 50
