"""`dateline run` options for reading sources: allowed hosts, caps, CSV columns, the date window."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import parse_day

CSV_FIELDS = ("text", "title", "url", "published", "source", "id")

AllowHostOption = Annotated[
    Optional[list[str]],
    typer.Option("--allow-host", help="Fetch from this host even if it resolves to a private or loopback address "
                 "(repeatable; also $DATELINE_ALLOW_HOSTS, comma-separated).", show_default=False),
]
CsvColumnOption = Annotated[
    Optional[list[str]],
    typer.Option("--csv-column", help="FIELD=COLUMN: which CSV column holds a field (text, title, url, published, "
                 "source, id); repeatable.", show_default=False),
]
SinceOption = Annotated[Optional[str], typer.Option("--since", help="Only articles published on or after this date (YYYY-MM-DD).", show_default=False)]
UntilOption = Annotated[Optional[str], typer.Option("--until", help="Only articles published on or before this date (YYYY-MM-DD).", show_default=False)]
MaxBytesOption = Annotated[Optional[int], typer.Option("--max-bytes", help="Size cap per document (default 10 MB).", show_default=False)]
TimeoutOption = Annotated[Optional[float], typer.Option("--timeout", help="HTTP timeout in seconds (default 10).", show_default=False)]
UserAgentOption = Annotated[Optional[str], typer.Option("--user-agent", help="User-Agent for HTTP requests (also $DATELINE_USER_AGENT).", show_default=False)]


def ingest_options(
    allow_host: list[str] | None = None,
    csv_column: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    user_agent: str | None = None,
) -> dict:
    """Check the options and return the flow's JSON `options` parameter (one-line errors)."""
    columns: dict[str, str] = {}
    for pair in csv_column or []:
        field, sep, column = pair.partition("=")
        if not sep or field.strip() not in CSV_FIELDS or not column.strip():
            raise fail(f"--csv-column {pair}: expected FIELD=COLUMN with FIELD one of {', '.join(CSV_FIELDS)}")
        columns[field.strip()] = column.strip()
    since, until = _iso(parse_day(since, "--since")), _iso(parse_day(until, "--until"))
    if since and until and since > until:
        raise fail(f"--since {since}: is after --until {until}")
    if max_bytes is not None and max_bytes <= 0:
        raise fail(f"--max-bytes {max_bytes}: must be positive")
    if timeout is not None and timeout <= 0:
        raise fail(f"--timeout {timeout}: must be positive")
    check_user_agent(user_agent)
    options = {
        "allow_hosts": [h.strip().lower() for h in allow_host or [] if h.strip()],
        "csv_columns": columns, "since": since, "until": until, "max_bytes": max_bytes,
        "timeout": timeout, "user_agent": user_agent,
    }
    return {k: v for k, v in options.items() if v not in (None, [], {})}


def check_user_agent(user_agent: str | None = None) -> None:
    """Refuse a User-Agent (option or $DATELINE_USER_AGENT) that no HTTP header can carry, before the run."""
    import os

    from flows.fetch import user_agent_problem

    for label, value in (("--user-agent", user_agent), ("$DATELINE_USER_AGENT", os.environ.get("DATELINE_USER_AGENT"))):
        problem = user_agent_problem(value) if value else None
        if problem:
            raise fail(f"{label} {value!r}: {problem}")
        if value:
            return  # the option wins over the environment


def wait_for_lake(location: str, wait: float) -> None:
    """Refuse at once (exit 3, one line) when another run holds the lake's lock, before Prefect starts.

    The flow takes the lock again itself; this early check keeps the common refusal fast and free of
    Prefect's failed-flow traceback. (A run that grabs the lock in between still makes the flow refuse.)
    """
    from flows.lake import Lake, LakeError
    from flows.lock import LakeBusy, LakeLock

    try:
        with LakeLock(Lake(location), wait=wait):
            pass
    except LakeBusy as exc:
        raise fail(str(exc), code=3) from None
    except (LakeError, OSError) as exc:
        reason = str(getattr(exc, "strerror", None) or exc)
        raise fail(reason if reason.startswith(location) else f"{location}: {reason}") from None  # named once


def _iso(day: dt.date | None) -> str | None:
    """A date as YYYY-MM-DD text (the flow's options travel as JSON)."""
    return day.isoformat() if day else None
