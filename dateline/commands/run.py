"""`dateline run`: run the pipeline flow over sources into a lake."""

from __future__ import annotations

import contextlib
import glob
import os
import shlex
import sys
import time
from typing import Annotated, Optional

import typer

from dateline.config import ConfigOption, DaskAddressOption, TaskRunnerOption, resolve_run_settings
from dateline.environment import lake_from_env
from dateline.errors import fail, run_failure
from dateline.ingest_options import (
    AllowHostOption, CsvColumnOption, MaxBytesOption, SinceOption, TimeoutOption, UntilOption, UserAgentOption,
    ingest_options, wait_for_lake,
)
from dateline.options import LakeOption, WorkersOption


def run(
    sources: Annotated[Optional[list[str]], typer.Argument(help="Files, folders or globs. Default: data/samples.")] = None,
    lake: LakeOption = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run's lock before giving up.")] = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line, no hints.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own logs.")] = False,
    task_runner: TaskRunnerOption = None,
    dask_address: DaskAddressOption = None,
    config: ConfigOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per extraction task (one Dask task per batch).", min=1)] = 25,
    chunk_size: Annotated[int, typer.Option(
        help="Documents read, normalised, extracted and staged at a time (memory grows with this, not the run).",
        min=1)] = 2000,
    workers: WorkersOption = None,
    allow_host: AllowHostOption = None,
    csv_column: CsvColumnOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    max_bytes: MaxBytesOption = None,
    timeout: TimeoutOption = None,
    user_agent: UserAgentOption = None,
) -> None:
    """Run the pipeline: read articles, extract dated events, publish Parquet tables.

    Exits 0 when the run completed, also when some inputs were rejected.

    Example: dateline run data/samples --lake data/lake

    Example: dateline run big-dump.jsonl --workers 2 --lake data/lake

    Example: dateline run data/samples --task-runner dask --dask-address tcp://127.0.0.1:8786

    Example: dateline run https://example.org/feed.xml dump.jsonl --since 2026-01-01
    """
    options = ingest_options(allow_host, csv_column, since, until, max_bytes, timeout, user_agent)
    settings = resolve_run_settings(sources, lake, task_runner, dask_address, config)
    sources, location = settings.sources, lake_from_env(settings.lake)
    check_sources(sources)
    # Prefect logs a failed run with its traceback; the CLI says what went wrong in one line instead.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "ERROR")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "CRITICAL")
        os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "CRITICAL")
    t0 = time.monotonic()
    wait_for_lake(location, wait)
    print("dateline: starting the flow (Prefect)...", file=sys.stderr)
    from flows.services import start_temporary_server_early

    server_answers = start_temporary_server_early()  # its start-up overlaps the imports below
    start_workers_early(sources, settings.task_runner, workers)  # so do the workers' spawn and warm-up
    from flows.lake import LakeError
    from flows.lock import LakeBusy
    from flows.pipeline import DEFAULT_SOURCES, dateline
    from flows.workers import stop_early

    try:
        server_answers()
        summary = dateline(
            sources=list(sources or DEFAULT_SOURCES), lake=location, wait=wait,
            task_runner=settings.task_runner, dask_address=settings.dask_address, batch_size=batch_size,
            options=options, chunk_size=chunk_size, workers=workers,
        )
    except LakeBusy as exc:
        raise fail(str(exc), code=3)
    except LakeError as exc:
        raise fail(str(exc))
    except Exception as exc:  # the run itself failed: one line, the details with --verbose
        raise fail(run_failure(exc, location), code=1)
    finally:
        stop_early()  # workers no chunk needed (the run's pool takes them on its first chunk of several batches)
    total = time.monotonic() - t0
    print_summary(summary, total, quiet, lake_option=lake)


# Local sources of at least this many bytes (~80 news articles, several extraction batches) make the run spawn
# its workers before its imports: the pool would start on the first chunk anyway, and the spawn and the
# extractor's loading (~1 CPU s a worker) then use the core the server's start-up leaves idle.
EARLY_WORKERS_BYTES = 256 * 1024


def start_workers_early(sources: list[str] | None, task_runner: str | None, workers: int | None) -> None:
    """Spawn the extraction workers now when the run will surely start them: local extraction on several cores
    and at least EARLY_WORKERS_BYTES of local sources."""
    from flows.workers import local_cores, start_early

    count = max(1, workers or local_cores())
    if (task_runner or "local") == "local" and count > 1 and local_source_bytes(sources, EARLY_WORKERS_BYTES) \
            >= EARLY_WORKERS_BYTES:
        start_early(count)


def local_source_bytes(sources: list[str] | None, enough: int) -> int:
    """Bytes of the local files the sources name (files, folders, globs; URLs count nothing), counted until `enough`."""
    total = 0
    for _source, matches in local_paths(sources):
        for match in matches:
            files = (os.path.join(folder, name) for folder, _, names in os.walk(match) for name in names) \
                if os.path.isdir(match) else [match]
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.path.getsize(name)
                if total >= enough:
                    return total
    return total


def check_sources(sources: list[str] | None) -> None:
    """Refuse (exit 2, before Prefect starts) a local source path that does not exist or a glob matching nothing."""
    for source, matches in local_paths(sources):
        if not matches:
            pattern = glob.has_magic(os.path.expanduser(source))
            raise fail(f"{source}: no file matches this pattern" if pattern else f"{source}: no such file or directory")


def local_paths(sources: list[str] | None):
    """(source, the existing paths it names) for each local source: a glob's matches, else the path if it exists.
    URLs are left out: the flow fetches them, and a failed fetch is a reject."""
    for source in sources or []:
        if "://" in source:
            continue
        path = os.path.expanduser(source)
        if glob.has_magic(path):
            yield source, glob.glob(path, recursive=True)
        else:
            yield source, [path] if os.path.exists(path) else []


def print_summary(summary: dict, total_s: float, quiet: bool = False, lake_option: str | None = None) -> None:
    """The human summary of a run on stdout; reject reasons and hints on stderr."""
    line = (
        f"{summary['inputs']} inputs: {summary['articles_new']} new articles, {summary['duplicates']} duplicates, "
        f"{summary['skipped_unchanged']} unchanged, {summary['rejects']} rejected"
        f"{_outside(summary)}; "
        f"{summary['mentions_new']} new event mentions, {summary['events_total']} events in the lake"
    )
    print(line)
    if quiet:
        return
    for reason in summary.get("reject_reasons", [])[:20]:
        print(f"dateline: rejected {reason}", file=sys.stderr)
    print(f"lake:    {summary['lake']} (snapshot {summary['version']}, run {summary['run_id']})")
    if summary.get("catalog"):
        print(f"catalog: {summary['catalog']}")
    print(f"time:    {total_s:.1f} s in all, {summary['duration_s']:.1f} s inside the flow")
    lake_arg = f" --lake {shlex.quote(lake_option)}" if lake_option else ""
    print(f'try:     dateline query "select event_date, event_type, actors, evidence from events order by event_date"'
          f"{lake_arg}", file=sys.stderr)


def _outside(summary: dict) -> str:
    """`, N outside --since/--until` when a window left inputs out (so the counts add up to inputs)."""
    n = summary.get("outside_window") or 0
    return f", {n} outside --since/--until" if n else ""


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("run")(run)
