"""`dateline prune`: keep Prefect's state bounded: delete old flow runs, their logs and stored results."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from dateline.errors import fail

_AGE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
FINISHED = ("COMPLETED", "FAILED", "CANCELLED", "CRASHED")


def parse_age(text: str) -> dt.timedelta:
    """`30d`, `12h`, `2w`, `90m`, `0s` as a timedelta, or a one-line error.

    >>> parse_age("30d")
    datetime.timedelta(days=30)
    """
    found = _AGE.match(text or "")
    if not found:
        raise fail(f"--older-than {text}: expected a number and a unit: s, m, h, d or w (e.g. 30d)")
    return dt.timedelta(seconds=int(found.group(1)) * _UNIT_S[found.group(2)])


def prefect_home() -> Path:
    """Where Prefect keeps its database, logs and results ($PREFECT_HOME, set by the CLI if unset)."""
    return Path(os.environ["PREFECT_HOME"]).expanduser()


def local_database() -> Path | None:
    """The SQLite database of the local (temporary) Prefect server, None when runs go to a server elsewhere."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    url = os.environ.get("PREFECT_API_DATABASE_CONNECTION_URL") or os.environ.get(
        "PREFECT_SERVER_DATABASE_CONNECTION_URL") or ""
    if url and not url.startswith("sqlite"):
        return None
    path = Path(url.split("///", 1)[1]) if url else prefect_home() / "prefect.db"
    return path if path.exists() else None


async def delete_flow_runs(cutoff: dt.datetime, batch: int = 200) -> int:
    """Delete finished flow runs that ended before `cutoff`, through Prefect's client (task runs go with them)."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter, FlowRunFilterEndTime, FlowRunFilterState, FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    finished = FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType(s) for s in FINISHED]))
    wanted = FlowRunFilter(end_time=FlowRunFilterEndTime(before_=cutoff), state=finished)
    deleted = 0
    async with get_client() as client:
        while True:
            runs = await client.read_flow_runs(flow_run_filter=wanted, limit=batch)
            if not runs:
                return deleted
            for run in runs:
                await client.delete_flow_run(run.id)
                deleted += 1


def delete_old_logs(database: Path, cutoff: dt.datetime) -> int:
    """Delete log rows older than `cutoff` from the local database (Prefect's API has no log deletion), then VACUUM."""
    import sqlite3

    con = sqlite3.connect(database, timeout=30)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        removed = 0
        if "log" in tables:
            stamp = cutoff.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
            removed = con.execute("DELETE FROM log WHERE timestamp < ?", [stamp]).rowcount
            con.commit()
        con.execute("VACUUM")  # give the freed pages back to the file system
        return removed
    finally:
        con.close()


def delete_old_results(folder: Path, cutoff: dt.datetime) -> int:
    """Delete stored task results (files) last written before `cutoff`."""
    if not folder.is_dir():
        return 0
    limit, removed = cutoff.timestamp(), 0
    for path in folder.rglob("*"):
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def size_mb(folder: Path) -> float:
    """Total size of a folder's files in MB."""
    if not folder.exists():
        return 0.0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def prune(
    older_than: Annotated[str, typer.Option("--older-than", help="Age of what to delete: 30d, 12h, 2w, ...")] = "30d",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
) -> None:
    """Delete Prefect flow runs, logs and stored results older than --older-than, keeping Prefect's state small.

    Prefect keeps its state in $PREFECT_HOME (by default ~/.local/state/dateline/prefect): the local
    server's SQLite database (flow runs, task runs, logs) and stored results. With PREFECT_API_URL set,
    flow runs are deleted on that server; logs and the database file are then the server's business.

    Example: dateline prune --older-than 30d
    """
    import asyncio

    age = parse_age(older_than)
    home = prefect_home()
    cutoff = dt.datetime.now(dt.timezone.utc) - age
    before = size_mb(home)
    if not quiet:
        print(f"dateline: pruning Prefect state in {home} older than {older_than} (starting Prefect)...",
              file=sys.stderr)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    try:
        runs = asyncio.run(delete_flow_runs(cutoff))
    except Exception as exc:  # Prefect unreachable or refusing: one line
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        raise fail(f"prune failed: {type(exc).__name__}: {first}", code=1)
    database = local_database()
    logs = delete_old_logs(database, cutoff) if database else 0
    results = delete_old_results(Path(os.environ.get("PREFECT_LOCAL_STORAGE_PATH") or home / "storage"), cutoff)
    if not quiet:
        print(f"{runs} flow runs, {logs} log lines and {results} stored results deleted; "
              f"{home}: {before:.1f} MB -> {size_mb(home):.1f} MB")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("prune")(prune)
