"""Option declarations shared by several commands (one definition, one help text)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from dateline.errors import fail

LakeOption = Annotated[
    Optional[str],
    typer.Option(
        "--lake",
        help="Lake folder or URL (s3://bucket/prefix). Default: $DATELINE_LAKE, else data/lake.",
        show_default=False,
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: table, csv or json.")]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", help="Write to this file; '-' or nothing: stdout.")
]


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value as a date (None when not given), or a one-line error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} {value}: expected a date as YYYY-MM-DD") from None
