"""Option declarations shared by several commands (one definition, one help text, one vocabulary).

`-q` is always `--quiet`; `-f` always `--format`; `--published` is the reference (publication) date,
with `--dct` kept as an alias; `--format` takes json, jsonl, csv or table everywhere (some commands add
their own formats), and a table goes only to a terminal: piped output is CSV unless `--format table`.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Optional

import typer

from dateline.errors import fail

COMMON_FORMATS = ("json", "jsonl", "csv", "table")

LakeOption = Annotated[
    Optional[str],
    typer.Option(
        "--lake",
        help="Lake folder or URL (s3://bucket/prefix). Default: $DATELINE_LAKE, else data/lake.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Optional[str],
    typer.Option("--format", "-f", help="json, jsonl, csv or table (default: table on a terminal, else csv).",
                 show_default=False),
]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", help="Write to this file; '-' or nothing: stdout.")
]
WorkersOption = Annotated[
    Optional[int],
    typer.Option("--workers", min=1, show_default=False,
                 help="Processes extracting events in parallel (default: one per core of this machine; "
                 "1: in the run's own process). The output is the same for any number."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the results, no hints.")]
PublishedOption = Annotated[
    Optional[str],
    typer.Option("--published", "--dct", help="Publication (reference) date YYYY-MM-DD that relative dates "
                 "resolve against; --dct is the same option.", show_default=False),
]


def folder_option(help: str) -> typer.models.OptionInfo:
    """The declaration of an option that names a folder: DIR in --help, no default shown."""
    return typer.Option(metavar="DIR", help=help, show_default=False)


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value as a date (None when not given), or a one-line error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} {value}: expected a date as YYYY-MM-DD") from None


def to_terminal(output: str | None) -> bool:
    """True when results go to stdout and stdout is a terminal (a person reads them)."""
    return output in (None, "-") and sys.stdout.isatty()


def choose_format(fmt: str | None, output: str | None, allowed: tuple[str, ...] = COMMON_FORMATS,
                  default: str | None = None) -> str:
    """The format asked for, checked; without one: `default`, else table on a terminal and CSV otherwise."""
    if fmt is None:
        return default or ("table" if to_terminal(output) else "csv")
    fmt = fmt.lower()
    if fmt not in allowed:
        raise fail(f"--format {fmt}: choose {', '.join(allowed)}")
    return fmt


def check_types(types: list[str] | None) -> tuple[str, ...]:
    """Event types from repeated or comma-separated `--type` values; unknown ones refused with the list."""
    from transforms.filters import known_types, unknown_types

    names = tuple(dict.fromkeys(t.strip().lower() for v in types or [] for t in v.split(",") if t.strip()))
    bad = unknown_types(names)
    if bad:
        raise fail(f"--type {bad[0]}: not an event type; choose from {', '.join(known_types())}")
    return names
