"""Serve the `dateline` flow as a Prefect deployment on a schedule until SIGTERM or SIGINT.

`prefect.serve` registers the deployment with the Prefect server named by PREFECT_API_URL, then
polls for its scheduled runs and runs each in a subprocess. On SIGTERM Prefect's runner stops
polling and cancels what is running; on SIGINT `serve` returns too. Either way the schedule is
paused, so no late runs pile up while nothing serves them.
"""

from __future__ import annotations

import datetime as dt
import os
import signal

import httpx

from flows.pipeline import dateline

SERVE_LIMIT = 1  # one run at a time: runs of one lake queue on its lock anyway


class ServeError(Exception):
    """Serving cannot start: no server, an unreachable server, or a bad schedule."""


def api_url() -> str:
    """The Prefect API the deployment registers with; a real server is required for serving."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        raise ServeError(
            "serving needs a Prefect server: start one with `prefect server start --host 127.0.0.1` "
            "and set PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    return str(url).rstrip("/")


def check_server(url: str, timeout: float = 10.0) -> None:
    """Fail early, with the URL, when the Prefect server does not answer its health check."""
    try:
        response = httpx.get(f"{url}/health", timeout=timeout)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise ServeError(f"PREFECT_API_URL={url}: the Prefect server does not answer ({exc})") from None


def make_schedule(cron: str | None, interval: float | None, timezone: str | None = None):
    """One Prefect schedule from a cron expression or an interval in seconds."""
    from prefect.schedules import Cron, Interval

    if bool(cron) == bool(interval):
        raise ServeError("give exactly one schedule: --cron EXPR or --interval SECONDS")
    try:
        if cron:
            return Cron(cron, timezone=timezone or "UTC")
        if interval <= 0:
            raise ValueError("the interval must be a positive number of seconds")
        return Interval(dt.timedelta(seconds=interval), timezone=timezone)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        what = f"--cron {cron!r}" if cron else f"--interval {interval}"
        raise ServeError(f"{what}: {str(exc).splitlines()[-1].strip() or exc}") from None


def deployment_parameters(
    sources: list[str], lake: str, task_runner: str = "local", dask_address: str | None = None, wait: float = 300.0
) -> dict:
    """Flow parameters for every scheduled run; local paths made absolute so runs do not depend on a folder."""

    def absolute(location: str) -> str:
        return location if "://" in location else os.path.abspath(location)

    return {
        "sources": [absolute(s) for s in sources],
        "lake": absolute(lake),
        "wait": wait,
        "task_runner": task_runner,
        "dask_address": dask_address,
    }


def build_deployment(name: str, parameters: dict, schedule):
    """The runner deployment of the `dateline` flow with one schedule."""
    return dateline.to_deployment(
        name=name,
        schedules=[schedule],
        parameters=parameters,
        description="Dateline: ingest the sources into the lake on a schedule (registered by `dateline serve`).",
        tags=["dateline"],
    )


def skip_missed_runs(name: str) -> int:
    """Delete the deployment's runs that were due while nothing served them; return how many.

    Without this, restarting `dateline serve` after a pause would run every missed slot back to back.
    """
    from prefect import get_client
    from prefect.client.schemas.filters import (
        DeploymentFilter, DeploymentFilterName, FlowFilter, FlowFilterName, FlowRunFilter,
        FlowRunFilterExpectedStartTime, FlowRunFilterState, FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    now = dt.datetime.now(dt.timezone.utc)
    with get_client(sync_client=True) as client:
        missed = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[dateline.name])),
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[name])),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
                expected_start_time=FlowRunFilterExpectedStartTime(before_=now),
            ),
        )
        for run in missed:
            client.delete_flow_run(run.id)
    return len(missed)


def serve_deployment(deployment) -> None:
    """Serve until stopped; returns after SIGTERM or SIGINT."""
    from prefect import serve

    # Until Prefect's runner installs its own SIGTERM handler, treat SIGTERM like Ctrl-C.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve(deployment, limit=SERVE_LIMIT, print_starting_message=False, pause_on_shutdown=True)
    except KeyboardInterrupt:  # a signal that came before or after the runner's own handling
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    # The runner pauses the schedule when it stops, but not when stopped before it started.
    pause_schedule(deployment.name)


def pause_schedule(name: str) -> bool:
    """Pause the deployment `dateline/<name>`; False when the server cannot be told."""
    from prefect import get_client
    from prefect.exceptions import ObjectNotFound

    try:
        with get_client(sync_client=True) as client:
            found = client.read_deployment_by_name(f"{dateline.name}/{name}")
            client.pause_deployment(found.id)
        return True
    except (ObjectNotFound, httpx.HTTPError, OSError):
        return False


def _interrupt(signum, frame) -> None:
    """Signal handler: stop the way Ctrl-C does."""
    raise KeyboardInterrupt
