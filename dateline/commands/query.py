"""`dateline query`: ad-hoc SQL over the lake's catalog (read-only, no Prefect)."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.environment import lake_from_env
from dateline.errors import fail
from dateline.options import FormatOption, LakeOption, OutputOption, choose_format


def open_lake(lake: str | None):
    """A read-only DuckDB connection on the lake, or a one-line error."""
    from flows.catalog import connect
    from flows.lake import Lake, LakeError

    location = lake_from_env(lake)
    try:
        return connect(Lake(location))
    except (FileNotFoundError, LakeError) as exc:
        raise fail(str(exc))


def query(
    sql: Annotated[str, typer.Argument(help="SQL over the views articles, mentions, events, dates, rejects, runs and "
                                            "the marts timeline, event_sources, article_events.")],
    lake: LakeOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Run SQL over the lake and print the result.

    A table on a terminal, CSV when piped or written to a file (unless --format says otherwise).

    Example: dateline query "select event_type, event_date, actors from events order by event_date" --format csv
    """
    import duckdb

    from dateline.output import write_rows
    from flows.catalog import ReadOnlyQuery, require_select

    fmt = choose_format(fmt, output)
    con = open_lake(lake)
    try:
        require_select(con, sql)
        result = con.execute(sql)
        columns = [d[0] for d in result.description] if result.description else []
        rows = result.fetchall() if columns else []
    except (duckdb.Error, ReadOnlyQuery) as exc:
        raise fail(f"query failed: {str(exc).splitlines()[0]}")
    finally:
        con.close()
    write_rows(output, fmt, columns, rows)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("query")(query)
