"""`dateline serve`: run the pipeline on a schedule as a Prefect deployment, until stopped."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from dateline.config import ConfigOption, DaskAddressOption, TaskRunnerOption, check_task_runner, load_settings
from dateline.environment import lake_from_env
from dateline.errors import fail
from dateline.ingest_options import check_user_agent
from dateline.options import LakeOption


def serve(
    sources: Annotated[Optional[list[str]], typer.Argument(help="Files, folders, globs or URLs. Default: config, else data/samples.")] = None,
    cron: Annotated[Optional[str], typer.Option(help="Cron schedule, e.g. '0 * * * *' (hourly).", show_default=False)] = None,
    interval: Annotated[Optional[float], typer.Option(help="Run every SECONDS seconds.", show_default=False)] = None,
    timezone: Annotated[Optional[str], typer.Option(help="Time zone of a cron schedule. Default: UTC.", show_default=False)] = None,
    name: Annotated[Optional[str], typer.Option(help="Deployment name. Default: config, else 'dateline'.", show_default=False)] = None,
    lake: LakeOption = None,
    wait: Annotated[float, typer.Option(help="Seconds a run waits for another run's lock.")] = 300.0,
    task_runner: TaskRunnerOption = None,
    dask_address: DaskAddressOption = None,
    config: ConfigOption = None,
) -> None:
    """Register the `dateline` flow as a deployment with a schedule and serve it until SIGTERM/Ctrl-C.

    Needs a Prefect server: `prefect server start --host 127.0.0.1` and PREFECT_API_URL set.
    The schedule and sources may come from dateline.toml ([serve] cron/interval).

    Example: PREFECT_API_URL=http://127.0.0.1:4200/api dateline serve --interval 3600 data/samples --lake data/lake
    """
    settings = load_settings(config)
    cron, interval = (cron, interval) if (cron or interval) else (settings.cron, settings.interval)
    settings.task_runner = task_runner or settings.task_runner
    settings.dask_address = dask_address or settings.dask_address
    check_task_runner(settings)
    check_user_agent()  # a $DATELINE_USER_AGENT no header can carry would fail every scheduled run
    chosen_sources = list(sources) if sources else settings.sources
    location = lake_from_env(lake or settings.lake)
    deployment_name = name or settings.name

    from flows.pipeline import DEFAULT_SOURCES
    from flows.serve import ServeError, api_url, build_deployment, check_server, deployment_parameters
    from flows.serve import make_schedule, serve_deployment, skip_missed_runs

    try:
        schedule = make_schedule(cron, interval, timezone or settings.timezone)
        url = api_url()
        check_server(url)
        parameters = deployment_parameters(
            chosen_sources or DEFAULT_SOURCES, location, settings.task_runner, settings.dask_address, wait
        )
        deployment = build_deployment(deployment_name, parameters, schedule)
    except ServeError as exc:
        raise fail(str(exc))
    missed = skip_missed_runs(deployment_name)
    if missed:
        print(f"dateline: skipped {missed} run(s) that were due while nothing served them", file=sys.stderr)
    when = f"cron '{cron}'" if cron else f"every {interval:g} s"
    print(
        f"dateline: serving deployment 'dateline/{deployment_name}' ({when}) on {url}; "
        f"lake {parameters['lake']}; stop with Ctrl-C or SIGTERM",
        file=sys.stderr,
    )
    serve_deployment(deployment)
    print("dateline: stopped serving", file=sys.stderr)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("serve")(serve)
