"""Writing result rows to stdout or a file as a table, CSV, JSON or JSON lines."""

from __future__ import annotations

import datetime as dt
import io
import json
import numbers
import sys
import unicodedata
from contextlib import contextmanager
from typing import Iterator

# Cells a spreadsheet would run as a formula (OWASP CSV injection): prefix them with a quote. A
# leading space does not stop a spreadsheet, and full-width signs (＝＋－＠) fold to these under NFKC.
_FORMULA_START = ("=", "+", "-", "@")
_CONTROL_START = ("\t", "\r")
# A cell holding one of these is quoted: csv's minimal quoting only covers the line terminator's characters.
_QUOTE_IF = (",", '"', "\r", "\n")


def neutralise_cell(value: object) -> object:
    """Make a CSV cell inert for spreadsheets; numbers are left alone."""
    if not isinstance(value, str):
        return value
    first = value.lstrip()[:1]
    if value.startswith(_CONTROL_START) or unicodedata.normalize("NFKC", first).startswith(_FORMULA_START):
        return "'" + value
    return value


def cell_text(value: object) -> str:
    """A value as text for CSV and tables: lists joined with '; ', dates in ISO form, null empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v) for v in value)
    if hasattr(value, "tolist") and not isinstance(value, str):
        return cell_text(value.tolist())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def json_default(value: object) -> object:
    """JSON encoding for dates, numpy values and arrays."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


@contextmanager
def open_output(path: str | None) -> Iterator[io.TextIOBase]:
    """stdout for None or '-', else the file (UTF-8, newline handling left to csv)."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


def write_csv(handle, columns: list[str], rows: list[tuple]) -> None:
    """Header then data rows, cells neutralised; nothing else."""
    handle.write(csv_line(columns))
    for row in rows:
        handle.write(csv_line([csv_cell(v) for v in row]))


def csv_line(cells: list[str]) -> str:
    """One CSV line ending in \\n; a cell with a comma, quote, \\r or \\n is quoted (RFC 4180)."""
    return ",".join(_quoted(str(c)) for c in cells) + "\n"


def _quoted(cell: str) -> str:
    """A cell in quotes, its quotes doubled, when it holds a separator, a quote or a line break."""
    if any(ch in cell for ch in _QUOTE_IF):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_cell(value: object) -> str:
    """A CSV cell: numbers as numbers (a negative longitude is no formula), text neutralised."""
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return cell_text(value)
    return neutralise_cell(cell_text(value))


def write_json(handle, columns: list[str], rows: list[tuple], lines: bool = True) -> None:
    """JSON lines (one object per row) or one JSON array."""
    objects = [dict(zip(columns, row)) for row in rows]
    if lines:
        for obj in objects:
            handle.write(json.dumps(obj, default=json_default, ensure_ascii=False) + "\n")
    else:
        handle.write(json.dumps(objects, default=json_default, ensure_ascii=False, indent=1) + "\n")


def write_table(handle, columns: list[str], rows: list[tuple], title: str | None = None) -> None:
    """A readable table (rich) for people."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*[cell_text(v) for v in row])
    # A terminal's own width; anything else (a pipe, a file) gets whole rows, not 80-column wrapping.
    width = None if getattr(handle, "isatty", lambda: False)() else 100_000
    Console(file=handle, width=width, no_color=width is not None).print(table)


def write_rows(path: str | None, fmt: str, columns: list[str], rows: list[tuple]) -> None:
    """Write rows in one of the formats table, csv, json (array) or jsonl."""
    with open_output(path) as handle:
        if fmt == "csv":
            write_csv(handle, columns, rows)
        elif fmt == "json":
            write_json(handle, columns, rows, lines=False)
        elif fmt == "jsonl":
            write_json(handle, columns, rows, lines=True)
        else:
            write_table(handle, columns, rows)
