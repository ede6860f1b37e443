"""Cell text shared by every writer (CLI, dashboard, HTML export): lists, dates, nulls, safe CSV cells."""

from __future__ import annotations

import datetime as dt
import numbers
import unicodedata
from typing import Iterable, Iterator

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


def csv_lines(columns: list[str], rows: Iterable[tuple]) -> Iterator[str]:
    """Header then data rows as CSV lines, cells neutralised."""
    yield csv_line(columns)
    for row in rows:
        yield csv_line([csv_cell(v) for v in row])
