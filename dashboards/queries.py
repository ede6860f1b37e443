"""The dashboard's SQL: parameterised, aggregated in DuckDB and paginated, so a page never holds a whole lake.

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
# Sort orders offered in the table: label -> (SQL, the exact reverse SQL). The label is what the page
# sends back, so no user text reaches ORDER BY; the reverse serves pages near the end cheaply.
ORDERS = {
    "date, oldest first": ("event_date ASC NULLS LAST, num_sources DESC NULLS LAST, event_id ASC",
                           "event_date DESC NULLS FIRST, num_sources ASC NULLS FIRST, event_id DESC"),
    "date, newest first": ("event_date DESC NULLS LAST, num_sources DESC NULLS LAST, event_id ASC",
                           "event_date ASC NULLS FIRST, num_sources ASC NULLS FIRST, event_id DESC"),
    "most sources first": ("num_sources DESC NULLS LAST, event_date DESC NULLS LAST, event_id ASC",
                           "num_sources ASC NULLS FIRST, event_date ASC NULLS FIRST, event_id DESC"),
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
    row = con.execute(
        """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), count(*),
                  min(event_date), max(event_date) FROM events"""
    ).fetchone()
    return dict(zip(["articles", "mentions", "events", "first_date", "last_date"], row))


def event_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Event types present in the lake, most frequent first."""
    rows = con.execute(
        "SELECT event_type FROM events WHERE event_type IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?",
        [OPTION_LIMIT],
    ).fetchall()
    return [r[0] for r in rows]


def countries(con: duckdb.DuckDBPyConnection) -> list[str]:
    """ISO alpha-3 codes seen as event places or country actors, most frequent first."""
    rows = con.execute(
        """SELECT code FROM (
               SELECT location_country AS code FROM events
               UNION ALL SELECT unnest(actor_codes) AS code FROM events
           ) WHERE code IS NOT NULL AND code <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?""",
        [OPTION_LIMIT],
    ).fetchall()
    return [r[0] for r in rows]


def count_events(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """How many events match the filters."""
    where, params = where_clause(filters)
    return con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]


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
    dated_where = (where + " AND " if where else " WHERE ") + "event_date IS NOT NULL"
    dated, undated, first, last = con.execute(
        f"""SELECT count(event_date), count(*) - count(event_date), min(event_date), max(event_date)
            FROM events{where}""",
        params,
    ).fetchone()
    if dated <= point_limit:
        frame = con.execute(
            f"""SELECT event_date, event_type, num_sources, evidence, source, url,
                       array_to_string(actors, '; ') AS actors, location, modality, event_id
                FROM events{dated_where} ORDER BY event_date, num_sources DESC, event_id""",
            params,
        ).df()
        text = ["evidence", "source", "url", "actors", "location", "modality"]
        frame[text] = frame[text].fillna("")  # a hover says nothing rather than "null"
        return Timeline(frame, None, dated, undated)
    bucket = bucket_for(first, last)
    frame = con.execute(
        f"""SELECT CAST(date_trunc(?, event_date) AS DATE) AS event_date, event_type,
                   count(*) AS events, CAST(sum(num_sources) AS BIGINT) AS num_sources,
                   arg_max(evidence, num_sources) AS evidence, arg_max(source, num_sources) AS source
            FROM events{dated_where} GROUP BY ALL ORDER BY 1, 2 LIMIT ?""",
        [bucket, *params, BUCKET_LIMIT],
    ).df()
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
    select = f"SELECT {', '.join(TABLE_COLUMNS)} FROM events{where} ORDER BY "
    if total is not None and offset > total // 2:
        # A large OFFSET makes DuckDB sort and skip most of the table; count from the other end instead.
        size = max(0, min(page_size, total - offset))
        frame = con.execute(select + reverse + " LIMIT ? OFFSET ?",
                            [*params, size, max(0, total - offset - size)]).df()
        frame = frame.iloc[::-1].reset_index(drop=True)
    else:
        frame = con.execute(select + forward + " LIMIT ? OFFSET ?", [*params, page_size, offset]).df()
    return display_frame(frame)


def top_actors(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = OPTION_LIMIT) -> pd.DataFrame:
    """Actors of matching events with their event counts, most active first."""
    where, params = where_clause(filters)
    return con.execute(
        f"""SELECT actor, count(*) AS events FROM (SELECT unnest(actors) AS actor FROM events{where})
            WHERE actor IS NOT NULL AND actor <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?""",
        [*params, limit],
    ).df()


_PEOPLE = "list_distinct(list_concat(coalesce(actors, []), coalesce(recipient, [])))"
_INVOLVES = "(list_contains(actors, ?) OR list_contains(recipient, ?))"  # cheaper than testing _PEOPLE


def counterparts(con: duckdb.DuckDBPyConnection, actor: str, filters: Filters, limit: int = 200) -> pd.DataFrame:
    """Who appears in events together with `actor`: how often, first and last date, which event types."""
    where, params = where_clause(filters)
    scope = (where + " AND " if where else " WHERE ") + _INVOLVES
    return con.execute(
        f"""SELECT other AS counterpart, count(*) AS events,
                   count(*) FILTER (WHERE event_type = 'meeting') AS meetings,
                   min(event_date) AS first_date, max(event_date) AS last_date,
                   string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS event_types
            FROM (SELECT unnest({_PEOPLE}) AS other, event_date, event_type FROM events{scope})
            WHERE other <> ? GROUP BY 1 ORDER BY meetings DESC, events DESC, 1 LIMIT ?""",
        [*params, actor, actor, actor, limit],
    ).df()


def actor_events(
    con: duckdb.DuckDBPyConnection, actor: str, filters: Filters, meetings_only: bool = False, limit: int = 500,
) -> pd.DataFrame:
    """Events of one actor, newest first: when, what, with whom, where, and the evidence."""
    where, params = where_clause(filters)
    scope = (where + " AND " if where else " WHERE ") + _INVOLVES
    if meetings_only:
        scope += " AND event_type = 'meeting'"
    frame = con.execute(
        f"""SELECT event_date, event_type, list_filter({_PEOPLE}, lambda x: x <> ?) AS "with", location,
                   modality, num_sources, evidence, url, event_id
            FROM events{scope} ORDER BY event_date DESC NULLS LAST, num_sources DESC, event_id LIMIT ?""",
        [actor, *params, actor, actor, limit],
    ).df()
    return display_frame(frame)


def places(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = MAP_LIMIT) -> pd.DataFrame:
    """Event places with coordinates: events and sources per place, most events first."""
    where, params = where_clause(filters)
    scope = (where + " AND " if where else " WHERE ") + "location_lat IS NOT NULL AND location_lon IS NOT NULL"
    return con.execute(
        f"""SELECT coalesce(location, '?') AS location, any_value(location_country) AS country,
                   round(avg(location_lat), 4) AS lat, round(avg(location_lon), 4) AS lon,
                   count(*) AS events, CAST(sum(num_sources) AS BIGINT) AS sources, mode(event_type) AS main_type,
                   min(event_date) AS first_date, max(event_date) AS last_date
            FROM events{scope} GROUP BY coalesce(location, '?'), location_geonameid
            ORDER BY events DESC, 1 LIMIT ?""",
        [*params, limit],
    ).df()


def _utc(column: str) -> str:
    """SQL turning a UTC timestamp column into 'YYYY-MM-DD HH:MM:SS' text under the same name."""
    return f"strftime({column} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS {column}"


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The last runs recorded in the lake, newest first."""
    frame = con.execute(
        f"""SELECT run_id, {_utc('started_at')}, {_utc('finished_at')}, status, inputs, articles_new, duplicates,
                  skipped_unchanged, rejects, mentions_new, events_total, duration_s, extractor_version, sources
           FROM runs ORDER BY started_at DESC NULLS LAST LIMIT ?""",
        [limit],
    ).df()
    return display_frame(frame)


def reject_reasons(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rejected inputs per reason."""
    return con.execute(
        "SELECT reason, count(*) AS inputs FROM rejects GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [OPTION_LIMIT]
    ).df()


def recent_rejects(con: duckdb.DuckDBPyConnection, limit: int = 100) -> pd.DataFrame:
    """The latest rejected inputs and why."""
    frame = con.execute(
        f"SELECT {_utc('seen_at')}, input, reason, detail, run_id FROM rejects ORDER BY seen_at DESC NULLS LAST, input"
        " LIMIT ?",
        [limit],
    ).df()
    return display_frame(frame)


def to_csv(frame: pd.DataFrame) -> bytes:
    """The frame as CSV exactly as displayed (spreadsheet formulas neutralised), UTF-8."""
    from transforms.cells import csv_lines

    return "".join(csv_lines(list(frame.columns), frame.itertuples(index=False, name=None))).encode("utf-8")
