"""Writing result rows to stdout or a file as a table, CSV, JSON or JSON lines."""

from __future__ import annotations

import io
import json
import sys
from contextlib import contextmanager
from typing import Iterator

from transforms.cells import cell_text, csv_lines, json_default


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
    for line in csv_lines(columns, rows):
        handle.write(line)


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
