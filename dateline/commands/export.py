"""`dateline export`: the timeline of the lake, one row per event (or per mention), in several formats."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import LakeOption, OutputOption, check_types, parse_day
from dateline.tables import EVENT_COLUMNS, JSON_COLUMNS, MENTION_COLUMNS  # noqa: F401 (re-exported)

FORMATS = ("csv", "json", "jsonl", "table", "html", "plover", "acled", "gdelt")
INTEROP = ("plover", "acled", "gdelt")


def export(
    actor: Annotated[Optional[str], typer.Option(help="Only events with an actor or recipient containing this text.")] = None,
    event_type: Annotated[Optional[list[str]], typer.Option(
        "--type", help="Only these event types (repeatable or comma-separated), e.g. meeting,vote.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only events on or before this day (YYYY-MM-DD).")] = None,
    undated: Annotated[bool, typer.Option("--undated", help="With --since/--until, also keep events the text gives "
                                          "no date of their own (dated only by the publication day of their report).")] = False,
    country: Annotated[Optional[str], typer.Option(help="Only events in or involving this country (ISO alpha-3, e.g. SDN).")] = None,
    place: Annotated[Optional[str], typer.Option(help="Only events at a place whose name contains this text.")] = None,
    text: Annotated[Optional[str], typer.Option(help="Only events with this text in the sentence, names, place or source.")] = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="One row per mention instead of per event.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, json, jsonl, table, html, plover (PLOVER JSON "
                                     "lines), acled (ACLED CSV) or gdelt (GDELT 2.0 Events, tab-separated).")] = "csv",
    excel: Annotated[bool, typer.Option("--excel", help="CSV for spreadsheets: UTF-8 BOM, code columns kept as text.")] = False,
    output: OutputOption = None,
    lake: LakeOption = None,
) -> None:
    """Export the timeline, ordered by date, traced to its articles (ids and inputs), in CSV, JSON or another dataset's format.

    Example: dateline export --type meeting --since 2026-02-01 -o meetings.csv

    A --since/--until window lists the events the text dates; --undated also lists those known only to have
    happened by the publication day of their report.

    Example: dateline export --format acled --excel -o events-acled.csv
    """
    import duckdb

    from dateline.commands.query import open_lake
    from dateline.tables import events_sql, has_input_id, has_on_or_before, mentions_sql
    from transforms.filters import Filters

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise fail(f"--format {fmt}: choose {', '.join(FORMATS)}")
    if mentions and fmt in INTEROP:
        raise fail(f"--format {fmt}: exports events; leave out --mentions")
    if excel and fmt not in ("csv", "acled"):
        raise fail(f"--excel: only with --format csv or acled, not {fmt}")
    filters = Filters(since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                      types=check_types(event_type), actor=(actor or "").strip(),
                      country=(country or "").strip().upper(), place=(place or "").strip(), text=(text or "").strip(),
                      undated=undated)
    con = open_lake(lake)
    try:
        ids, bounds = has_input_id(con), has_on_or_before(con)
        sql, params, columns = (mentions_sql(filters, input_ids=ids, bounds=bounds) if mentions
                                else events_sql(filters, evidence=fmt == "plover", input_ids=ids, bounds=bounds))
        rows = con.execute(sql, params).fetchall()
    except duckdb.Error as exc:
        raise fail(f"export failed: {str(exc).splitlines()[0]}")
    finally:
        con.close()
    write_export(output, fmt, columns, rows, excel)


def write_export(output: str | None, fmt: str, columns: list[str], rows: list[tuple], excel: bool = False) -> None:
    """Write exported rows in the chosen format (JSON-valued columns as JSON text in CSV cells)."""
    from dateline.output import open_output, write_rows

    if fmt == "html":
        write_html_timeline(output, columns, rows)
        return
    if fmt in INTEROP:
        write_interop(output, fmt, [dict(zip(columns, row)) for row in rows], excel)
        return
    if fmt in ("csv", "table"):
        rows = [tuple(json.dumps(v, ensure_ascii=False) if c in JSON_COLUMNS and v is not None else v
                      for c, v in zip(columns, row)) for row in rows]
    if excel:
        from dateline.spreadsheet import write_excel_csv

        with open_output(output) as handle:
            write_excel_csv(handle, columns, rows)
        return
    write_rows(output, fmt, columns, rows)


def write_html_timeline(output: str | None, columns: list[str], rows: list[tuple]) -> None:
    """Write the static timeline page to a file (or stdout), warning on stderr when rows were left out."""
    import sys

    from dateline.output import open_output
    from transforms.static_html import MAX_ROWS, render_html

    page = render_html(columns, rows)
    if len(rows) > MAX_ROWS:
        print(f"dateline: {len(rows):,} events; the HTML keeps the {MAX_ROWS:,} best-sourced "
              "(narrow with --since/--until/--type to keep all)", file=sys.stderr)
    with open_output(output) as handle:
        handle.write(page)


def write_interop(output: str | None, fmt: str, events: list[dict], excel: bool = False) -> None:
    """Events as PLOVER JSON lines, ACLED CSV or GDELT 2.0 Events TSV (undated events have no ACLED/GDELT row)."""
    import csv

    from dateline.output import open_output, write_csv
    from transforms.cells import csv_cell, json_default
    from transforms import interop

    with open_output(output) as handle:
        if fmt == "plover":
            for event in events:
                record = interop.plover(event)
                if record is not None:
                    handle.write(json.dumps(record, default=json_default, ensure_ascii=False) + "\n")
            return
        header = interop.columns(fmt)
        rows = [interop.tabular(e, fmt) for e in events if interop.dated(e)]
        if fmt == "gdelt":  # GDELT's files are tab-separated; ours start with the column names
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(header)
            for row in rows:
                writer.writerow([csv_cell(" ".join(v.split()) if isinstance(v, str) else v) for v in row])
        elif excel:
            from dateline.spreadsheet import write_excel_csv

            write_excel_csv(handle, header, rows)
        else:
            write_csv(handle, header, rows)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("export")(export)
