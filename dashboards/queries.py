"""The dashboard's queries: parameterised, aggregated in DuckDB and paginated, so a page never holds a whole lake.

The SQL is in transforms/sql/queries/dashboard/; this module fills its slots and shapes the results.

Each function takes an open read-only connection and returns a small pandas DataFrame (or a number).
Filters arrive as bound parameters (see `dashboards.filters.where_clause`).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import duckdb
import pandas as pd

from dashboards.filters import Filters, where_clause
from transforms.filters import and_clause
from transforms.sql import load, render

POINT_LIMIT = 3000  # above this many dated events the timeline shows buckets instead of single events
BUCKET_LIMIT = 5000
PAGE_SIZES = (25, 50, 100, 250)
MAP_LIMIT = 2000
OPTION_LIMIT = 300

# Columns of the event table, in display order; lists are joined with '; ' before display.
TABLE_COLUMNS = [
    "event_date", "event_type", "actors", "recipient", "location", "evidence", "num_sources", "source", "url",
    "modality", "date_precision", "location_country", "quantities", "num_articles", "event_id",
]
LIST_COLUMNS = {"actors", "recipient", "quantities", "sources"}
# Sort orders offered in the table: label -> (leading sort keys, their exact reverse); event_id comes last
# (ascending, or descending in reverse). The label is what the page sends back, so no user text reaches
# ORDER BY; the reverse serves pages near the end cheaply.
ORDERS = {
    "date, oldest first": ("event_date ASC NULLS LAST, num_sources DESC NULLS LAST,",
                           "event_date DESC NULLS FIRST, num_sources ASC NULLS FIRST,"),
    "date, newest first": ("event_date DESC NULLS LAST, num_sources DESC NULLS LAST,",
                           "event_date ASC NULLS FIRST, num_sources ASC NULLS FIRST,"),
    "most sources first": ("num_sources DESC NULLS LAST, event_date DESC NULLS LAST,",
                           "num_sources ASC NULLS FIRST, event_date ASC NULLS FIRST,"),
}
_BUCKETS = ((120, "day"), (730, "week"), (365 * 25, "month"))


class EmptyLake(Exception):
    """The lake has no committed snapshot yet."""


def lake_version(location: str) -> int | None:
    """The committed manifest version, or None for a lake with no run yet."""
    from flows.lake import Lake

    manifest = Lake(location).manifest()
    return manifest.version if manifest else None


@contextmanager
def reading(location: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection on the lake's current snapshot, closed afterwards."""
    from flows.catalog import connect
    from flows.lake import Lake

    try:
        con = connect(Lake(location))
    except FileNotFoundError as exc:
        raise EmptyLake(str(exc)) from None
    try:
        yield con
    finally:
        con.close()


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with '; ' and missing values as empty text, so the page and the CSV agree."""
    from transforms.cells import cell_text

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            fmt = "%Y-%m-%d %H:%M:%S" if getattr(series.dt, "tz", None) is not None else "%Y-%m-%d"
            out[column] = [v.strftime(fmt) if not pd.isna(v) else "" for v in series]
        elif column in LIST_COLUMNS or series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = [_text(v, cell_text) for v in series]
    return out


def _text(value: object, cell_text) -> str:
    """Display text of a cell: missing values (None, NaN, pd.NA) are empty."""
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return ""
    return cell_text(value)


def lake_summary(con: duckdb.DuckDBPyConnection) -> dict:
    """Row counts and the date span of the lake."""
    row = con.execute(load("queries/dashboard/summary")).fetchone()
    return dict(zip(["articles", "mentions", "events", "first_date", "last_date"], row))


def event_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Event types present in the lake, most frequent first."""
    return [r[0] for r in con.execute(load("queries/dashboard/event_types"), [OPTION_LIMIT]).fetchall()]


def countries(con: duckdb.DuckDBPyConnection) -> list[str]:
    """ISO alpha-3 codes seen as event places or country actors, most frequent first."""
    return [r[0] for r in con.execute(load("queries/dashboard/countries"), [OPTION_LIMIT]).fetchall()]


def count_events(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """How many events match the filters."""
    where, params = where_clause(filters)
    return con.execute(render("queries/dashboard/count_events", where=where), params).fetchone()[0]


@dataclass
class Timeline:
    """What the timeline chart draws: single events, or counts per time bucket and type."""

    frame: pd.DataFrame
    bucket: str | None  # None: one row per event; else day | week | month | year
    dated: int  # matching events with a known date
    undated: int


def bucket_for(first: dt.date | None, last: dt.date | None) -> str:
    """The time bucket that keeps a span to a few hundred steps."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    for limit, unit in _BUCKETS:
        if span <= limit:
            return unit
    return "year"


def timeline(con: duckdb.DuckDBPyConnection, filters: Filters, point_limit: int = POINT_LIMIT) -> Timeline:
    """Events for the chart; aggregated per bucket and type when there are more than `point_limit`."""
    where, params = where_clause(filters)
    also, _ = and_clause(filters)
    dated, undated, first, last = con.execute(render("queries/dashboard/timeline_span", where=where), params).fetchone()
    if dated <= point_limit:
        frame = con.execute(render("queries/dashboard/timeline_points", filters=also), params).df()
        text = ["evidence", "source", "url", "actors", "location", "modality"]
        frame[text] = frame[text].fillna("")  # a hover says nothing rather than "null"
        return Timeline(frame, None, dated, undated)
    bucket = bucket_for(first, last)
    frame = con.execute(render("queries/dashboard/timeline_buckets", filters=also),
                        [bucket, *params, BUCKET_LIMIT]).df()
    return Timeline(frame, bucket, dated, undated)


def event_page(
    con: duckdb.DuckDBPyConnection, filters: Filters, page: int = 1, page_size: int = 50,
    order: str = "date, oldest first", total: int | None = None,
) -> pd.DataFrame:
    """One page of matching events with evidence and links (pages start at 1; `total` speeds up late pages)."""
    where, params = where_clause(filters)
    page_size = page_size if page_size in PAGE_SIZES else PAGE_SIZES[1]
    forward, reverse = ORDERS.get(order, ORDERS["date, oldest first"])
    offset = (max(1, int(page)) - 1) * page_size
    if total is not None and offset > total // 2:
        # A large OFFSET makes DuckDB sort and skip most of the table; count from the other end instead.
        size = max(0, min(page_size, total - offset))
        sql = render("queries/dashboard/event_page", switch_on=("reverse",), where=where, order=reverse)
        frame = con.execute(sql, [*params, size, max(0, total - offset - size)]).df()
        frame = frame.iloc[::-1].reset_index(drop=True)
    else:
        sql = render("queries/dashboard/event_page", where=where, order=forward)
        frame = con.execute(sql, [*params, page_size, offset]).df()
    return display_frame(frame)


def top_actors(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = OPTION_LIMIT) -> pd.DataFrame:
    """Actors of matching events with their event counts, most active first."""
    where, params = where_clause(filters)
    return con.execute(render("queries/dashboard/top_actors", where=where), [*params, limit]).df()


def counterparts(con: duckdb.DuckDBPyConnection, actor: str, filters: Filters, limit: int = 200) -> pd.DataFrame:
    """Who appears in events together with `actor`: how often, first and last date, which event types."""
    also, params = and_clause(filters)
    return con.execute(render("queries/dashboard/counterparts", filters=also),
                       [actor, actor, *params, actor, limit]).df()


def actor_events(
    con: duckdb.DuckDBPyConnection, actor: str, filters: Filters, meetings_only: bool = False, limit: int = 500,
) -> pd.DataFrame:
    """Events of one actor, newest first: when, what, with whom, where, and the evidence."""
    also, params = and_clause(filters)
    sql = render("queries/dashboard/actor_events", switch_on=("meetings",) if meetings_only else (), filters=also)
    return display_frame(con.execute(sql, [actor, actor, actor, *params, limit]).df())


def places(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = MAP_LIMIT) -> pd.DataFrame:
    """Event places with coordinates: events and sources per place, most events first."""
    also, params = and_clause(filters)
    return con.execute(render("queries/dashboard/places", filters=also), [*params, limit]).df()


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The last runs recorded in the lake, newest first."""
    return display_frame(con.execute(load("queries/dashboard/recent_runs"), [limit]).df())


def reject_reasons(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rejected inputs per reason."""
    return con.execute(load("queries/dashboard/reject_reasons"), [OPTION_LIMIT]).df()


def recent_rejects(con: duckdb.DuckDBPyConnection, limit: int = 100) -> pd.DataFrame:
    """The latest rejected inputs and why."""
    return display_frame(con.execute(load("queries/dashboard/recent_rejects"), [limit]).df())


def to_csv(frame: pd.DataFrame) -> bytes:
    """The frame as CSV exactly as displayed (spreadsheet formulas neutralised), UTF-8."""
    from transforms.cells import csv_lines

    return "".join(csv_lines(list(frame.columns), frame.itertuples(index=False, name=None))).encode("utf-8")
