"""The Python API: extract events from a text, read a lake as pandas DataFrames, run the pipeline.

>>> import dateline
>>> frame = dateline.extract("Ministers from Chad and Niger met in Geneva on Thursday.", "2026-02-20")
>>> frame.loc[0, ["event_type", "event_date", "location"]].tolist()
['meeting', datetime.date(2026, 2, 19), 'Geneva']

Filters have the meanings of `dateline export`'s options (one builder, `transforms.filters`): `since`,
`until` (event dates, inclusive), `type` (one type or a list), `actor`, `country`, `place`, `text`, and
`undated` (True: a since/until window also keeps events dated only by the publication day of their report).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:
    import duckdb
    import pandas
    import pyarrow

FILTER_NAMES = ("since", "until", "type", "actor", "country", "place", "text", "undated")


class DatelineError(ValueError):
    """A bad argument or input, said in one line (the CLI prints the same text after `dateline: error:`)."""


def _day(value: Any, name: str) -> dt.date | None:
    """A date from a date, datetime or YYYY-MM-DD text (None stays None)."""
    from transforms.filters import as_day

    try:
        return as_day(value)
    except ValueError:
        raise DatelineError(f"{name} {value}: expected a date as YYYY-MM-DD") from None


def make_filters(**filters: Any):
    """`transforms.filters.Filters` from keyword filters, checked as the CLI checks its options.

    >>> make_filters(type="meeting", since="2026-02-01").types
    ('meeting',)
    >>> make_filters(type="meetings")
    Traceback (most recent call last):
    ...
    dateline.api.DatelineError: type meetings: not an event type; choose from meeting, statement, announcement, pledge, agreement, appointment, deployment, attack, protest, request, rejection, accusation, threat, aid, sanction, arrest, retreat, vote, other
    """
    from transforms.filters import Filters, known_types, unknown_types

    unknown = sorted(set(filters) - set(FILTER_NAMES))
    if unknown:
        raise DatelineError(f"{unknown[0]}: not a filter; use {', '.join(FILTER_NAMES)}")
    raw = filters.get("type") or ()
    types = tuple(dict.fromkeys(t.strip().lower() for t in ([raw] if isinstance(raw, str) else raw) if t.strip()))
    bad = unknown_types(types)
    if bad:
        raise DatelineError(f"type {bad[0]}: not an event type; choose from {', '.join(known_types())}")
    return Filters(since=_day(filters.get("since"), "since"), until=_day(filters.get("until"), "until"), types=types,
                   actor=(filters.get("actor") or "").strip(), country=(filters.get("country") or "").strip().upper(),
                   place=(filters.get("place") or "").strip(), text=(filters.get("text") or "").strip(),
                   undated=bool(filters.get("undated")))


def extract(text: str, published: dt.date | str | None = None, *, url: str | None = None) -> "pandas.DataFrame":
    """The dated events of one text as a DataFrame with the rows and columns of `dateline extract` (no lake involved).

    `published` is the date relative expressions resolve against; `url` is copied into a `url` column.

    >>> extract("Talks were held.", None).columns[:3].tolist()
    ['event_type', 'plover_type', 'cameo_root']
    """
    import pandas as pd

    from dateline.commands.extract import document_events

    events = document_events(text, 0, _day(published, "published"))
    frame = pd.DataFrame(events) if events else pd.DataFrame(columns=_extract_columns())
    if url is not None:
        frame["url"] = url
    return frame


def _extract_columns() -> list[str]:
    """The columns `dateline extract` prints (those of an extracted event)."""
    from dateline.commands.extract import document_events

    sample = document_events("Ministers met in Geneva on Friday.", 0, dt.date(2026, 1, 1))
    return list(sample[0].keys())


class Lake:
    """A read-only view of a lake's current snapshot; every method returns a pandas DataFrame (or Arrow).

    Open it with `dateline.open_lake(path)`; use it as a context manager or call `close()`.
    """

    def __init__(self, location: str):
        """Open the lake's catalog read-only (DatelineError when there is no lake yet)."""
        from flows.catalog import connect
        from flows.lake import Lake as LakeFiles
        from flows.lake import LakeError

        self.location = location
        try:
            self._con: duckdb.DuckDBPyConnection = connect(LakeFiles(location))
        except (FileNotFoundError, LakeError) as exc:
            raise DatelineError(str(exc)) from None

    def __enter__(self) -> "Lake":
        """The lake itself."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the connection."""
        self.close()

    def __repr__(self) -> str:
        """`Lake('path')`."""
        return f"Lake({self.location!r})"

    def close(self) -> None:
        """Close the DuckDB connection."""
        self._con.close()

    def _frame(self, sql: str, params: Sequence | None = None) -> "pandas.DataFrame":
        """Run SQL; the result as a DataFrame."""
        return self._con.execute(sql, list(params or [])).df()

    def events(self, **filters: Any) -> "pandas.DataFrame":
        """One row per event, ordered by date, with its trace columns (first_article_id, article_ids, inputs)."""
        from dateline.tables import events_sql, has_input_id, has_on_or_before

        sql, params, _ = events_sql(make_filters(**filters), input_ids=has_input_id(self._con),
                                    bounds=has_on_or_before(self._con))
        return self._frame(sql, params)

    def mentions(self, **filters: Any) -> "pandas.DataFrame":
        """One row per event mention, ordered by date, with its article id and input."""
        from dateline.tables import has_input_id, has_on_or_before, mentions_sql

        sql, params, _ = mentions_sql(make_filters(**filters), input_ids=has_input_id(self._con),
                                      bounds=has_on_or_before(self._con))
        return self._frame(sql, params)

    def articles(self, since: Any = None, until: Any = None, source: str | None = None,
                 originals: bool = False) -> "pandas.DataFrame":
        """Articles without their text, by publication date (inclusive) and outlet; `originals` drops duplicates."""
        from dateline.tables import articles_sql

        sql, params = articles_sql(_day(since, "since"), _day(until, "until"), source, originals)
        return self._frame(sql, params)

    def timeline(self, top: int = 20, since: Any = None, until: Any = None, actor: str | None = None,
                 query: str | None = None) -> "pandas.DataFrame":
        """The key dates of the lake (or of a story: `query` words, `actor` as in `events`), ranked as the CLI does."""
        import pandas as pd

        from dateline.commands.timeline import COLUMNS, TextLoader, key_date_rows, load_story, published_articles
        from transforms.timeline import rank_dates

        if top < 1:
            raise DatelineError(f"top {top}: must be at least 1")
        start, end = _day(since, "since"), _day(until, "until")
        mentions, events, volume, dates = load_story(self._con, query, actor)
        ranked = rank_dates(mentions, events, volume, top=None if (start or end) else top, per_date=2, dates=dates,
                            texts=TextLoader(self._con), published=published_articles(self._con, query, actor))
        kept = [k for k in ranked if (not start or k.date >= start) and (not end or k.date <= end)][:top]
        return pd.DataFrame(key_date_rows(kept), columns=COLUMNS)

    def sql(self, query: str, params: Sequence | dict | None = None) -> "pandas.DataFrame":
        """Any read-only SQL over the tables' views and the marts (docs/querying.md)."""
        return self._con.execute(query, params if params is not None else []).df()

    def arrow(self, query: str, params: Sequence | dict | None = None) -> "pyarrow.Table":
        """Like `sql`, as an Arrow table (no pandas conversion; list columns stay lists)."""
        relation = self._con.sql(query, params=params) if params is not None else self._con.sql(query)
        return relation.to_arrow_table()


def open_lake(path: str | None = None) -> Lake:
    """The lake at `path` (default: $DATELINE_LAKE, the settings file's lake, else data/lake), read-only."""
    from dateline.environment import lake_from_env

    return Lake(lake_from_env(path))


def run(sources: str | Iterable[str], lake: str | None = None, **options: Any) -> dict:
    """Run the pipeline flow (Prefect) over sources into a lake; returns the run summary (counts, snapshot).

    Options are those of `dateline run`: batch_size, chunk_size, workers, task_runner, dask_address, wait, and the
    reading options allow_host, csv_column, since, until, max_bytes, timeout, user_agent. A missing
    source path raises DatelineError before Prefect starts.
    """
    import glob
    import os

    from dateline.environment import apply_prefect_defaults, lake_from_env

    sources = [sources] if isinstance(sources, str) else list(sources)
    for source in sources:
        path = os.path.expanduser(source)
        if "://" not in source and not (glob.glob(path, recursive=True) if glob.has_magic(path) else os.path.exists(path)):
            raise DatelineError(f"{source}: no such file or directory")
    flow_keys = {"batch_size", "chunk_size", "task_runner", "dask_address", "wait", "workers"}
    read_keys = {"allow_host", "csv_column", "since", "until", "max_bytes", "timeout", "user_agent"}
    unknown = sorted(set(options) - flow_keys - read_keys)
    if unknown:
        raise DatelineError(f"{unknown[0]}: not a run option; use {', '.join(sorted(flow_keys | read_keys))}")
    reading = _reading_options({k: v for k, v in options.items() if k in read_keys})
    apply_prefect_defaults()
    from flows.pipeline import dateline as flow

    kwargs = {k: v for k, v in options.items() if k in flow_keys}
    return flow(sources=sources, lake=lake_from_env(lake), options=reading, **kwargs)


def _reading_options(given: dict) -> dict:
    """The flow's `options` parameter from keyword reading options, checked like the CLI's."""
    import contextlib
    import io

    import typer

    from dateline.ingest_options import ingest_options

    def listed(value: Any) -> list[str] | None:
        """A list from one value or many."""
        return [value] if isinstance(value, str) else list(value) if value else None

    csv_column = given.get("csv_column")
    if isinstance(csv_column, dict):
        csv_column = [f"{k}={v}" for k, v in csv_column.items()]
    days = {k: (_day(given.get(k), k).isoformat() if given.get(k) else None) for k in ("since", "until")}
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):  # the CLI's checks print their one line; it becomes the message
            return ingest_options(listed(given.get("allow_host")), listed(csv_column), days["since"], days["until"],
                                  given.get("max_bytes"), given.get("timeout"), given.get("user_agent"))
    except typer.Exit:
        raise DatelineError(said.getvalue().strip().removeprefix("dateline: error: ").replace("--", "")) from None
