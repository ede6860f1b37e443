"""`dateline reprocess`: re-extract stored articles when the event extractor's version changed."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dateline.environment import lake_from_env
from dateline.errors import fail
from dateline.options import LakeOption, WorkersOption


def reprocess(
    lake: LakeOption = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run's lock before giving up.")] = 0.0,
    everything: Annotated[bool, typer.Option("--all", help="Re-extract every article, not only stale ones.")] = False,
    workers: WorkersOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per extraction task (one task per batch).", min=1)] = 25,
    chunk_size: Annotated[int, typer.Option(
        help="Stale articles read, extracted and staged at a time (memory grows with this, not the lake).",
        min=1)] = 2000,
) -> None:
    """Re-extract events from articles processed by an older extractor; swap their events in atomically.

    Example: dateline reprocess --lake data/lake

    Example: dateline reprocess --all --workers 2 --lake data/lake
    """
    location = lake_from_env(lake)
    from flows.lake import Lake, LakeError

    try:
        exists = Lake(location).exists()
    except (LakeError, OSError) as exc:
        raise fail(str(exc))
    if not exists:  # answer before Prefect starts
        raise fail(f"{location}: no lake here yet (run `dateline run` first)")
    print("dateline: starting the reprocess flow (Prefect)...", file=sys.stderr)
    from flows.lock import LakeBusy
    from flows.reprocess import reprocess as reprocess_flow

    try:
        summary = reprocess_flow(lake=location, wait=wait, everything=everything, workers=workers,
                                 chunk_size=chunk_size, batch_size=batch_size)
    except LakeBusy as exc:
        raise fail(str(exc), code=3)
    except LakeError as exc:
        raise fail(str(exc))
    print(
        f"{summary['articles_reprocessed']} articles re-extracted with extractor {summary['extractor_version']}: "
        f"{summary['mentions_replaced']} mentions replaced by {summary['mentions_new']}; "
        f"{summary['events_total']} events in the lake (snapshot {summary['version']})"
    )


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("reprocess")(reprocess)
