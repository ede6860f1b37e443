"""`dateline export`: the CSV timeline of the lake, one row per event (or per mention)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import LakeOption, OutputOption, parse_day

EVENT_COLUMNS = [
    "event_date", "date_precision", "date_basis", "time_value", "event_type", "plover_type", "cameo_root",
    "modality", "actors", "actor_codes", "recipient", "location", "location_country", "location_geonameid",
    "location_lat", "location_lon", "location_precision", "quantities", "num_sources", "num_articles",
    "num_mentions", "first_seen", "last_seen", "trigger", "evidence", "confidence", "source", "url", "event_id",
]
MENTION_COLUMNS = [
    "event_date", "date_precision", "date_basis", "time_value", "time_text", "event_type", "plover_type",
    "cameo_root", "modality", "actors", "actor_codes", "recipient", "location", "location_country",
    "location_geonameid", "location_lat", "location_lon", "location_precision", "quantities", "trigger",
    "trigger_start", "trigger_end", "evidence", "evidence_start", "evidence_end", "confidence",
    "extractor_version", "source", "url", "published_at", "article_id", "mention_id", "event_id",
]


def build_query(table: str, columns: list[str], actor, event_type, since, until) -> tuple[str, list]:
    """SQL with bound parameters for the filters (never pasted into the SQL text)."""
    where, params = [], []
    if actor:
        where.append("len(list_filter(actors, lambda x: contains(lower(x), lower(?)))) > 0")
        params.append(actor)
    if event_type:
        where.append("event_type = ?")
        params.append(event_type.lower())
    if since:
        where.append("event_date >= ?")
        params.append(since)
    if until:
        where.append("event_date <= ?")
        params.append(until)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    order = "event_date NULLS LAST, event_type" + (", num_sources DESC" if table == "events" else ", published_at")
    return f"SELECT {', '.join(columns)} FROM {table}{clause} ORDER BY {order}", params


def export(
    actor: Annotated[Optional[str], typer.Option(help="Only events with an actor containing this text.")] = None,
    event_type: Annotated[Optional[str], typer.Option("--type", help="Only this event type, e.g. meeting.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only events on or before this day (YYYY-MM-DD).")] = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="One row per mention instead of per event.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, json, jsonl or html.")] = "csv",
    output: OutputOption = None,
    lake: LakeOption = None,
) -> None:
    """Export the timeline, ordered by date, as CSV (spreadsheet-safe) or JSON.

    Example: dateline export --type meeting --since 2026-02-01 -o meetings.csv
    """
    import duckdb

    from dateline.commands.query import open_lake
    from dateline.output import write_rows

    if fmt not in {"csv", "json", "jsonl", "html"}:
        raise fail(f"--format {fmt}: choose csv, json, jsonl or html")
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    table, columns = ("mentions", MENTION_COLUMNS) if mentions else ("events", EVENT_COLUMNS)
    sql, params = build_query(table, columns, actor, event_type, start, end)
    con = open_lake(lake)
    try:
        rows = con.execute(sql, params).fetchall()
    except duckdb.Error as exc:
        raise fail(f"export failed: {str(exc).splitlines()[0]}")
    finally:
        con.close()
    if fmt == "html":
        from dashboards.static_html import write_html_timeline

        write_html_timeline(output, columns, rows)
        return
    write_rows(output, fmt, columns, rows)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("export")(export)
