"""The `dateline-reprocess` flow: re-extract stored articles after the extractor changed, atomically.

An article is stale when the extractor version that last processed it differs from the current one:
the version of the run that ingested it, overridden by any later reprocess run. Its mentions and its
`dates` rows (the days it names) are replaced and all events re-merged, and the new mentions, dates,
events and run row are committed as one snapshot, so a crash leaves the old events in place and the
next reprocess finishes the job.
"""

from __future__ import annotations

import datetime as dt
import time

import pyarrow as pa
import pyarrow.compute as pc
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.catalog import refresh_catalog
from flows.crashpoints import crashpoint
from flows.lake import Lake, LakeError, Transaction, collect_garbage, new_run_id
from flows.lock import LakeLock
from flows.merge_lake import stage_merged
from transforms.frames import to_arrow, without
from transforms.mentions import extract_tables

REPROCESS_SOURCE = "reprocess"  # the `sources` value of a reprocess run in the runs table


def processed_versions(articles: list[dict], runs: list[dict]) -> dict[str, str | None]:
    """article_id -> the extractor version that last processed it (ingesting run, then later reprocess runs)."""
    version_of = {r["run_id"]: r["extractor_version"] for r in runs}
    redos = sorted(
        (r["started_at"], r["extractor_version"]) for r in runs if list(r["sources"] or []) == [REPROCESS_SOURCE]
    )
    out: dict[str, str | None] = {}
    for a in articles:
        version = version_of.get(a["run_id"])
        for started, redo_version in redos:
            if a["ingested_at"] is None or started > a["ingested_at"]:
                version = redo_version
        out[a["article_id"]] = version
    return out


def stale_articles(articles: list[dict], mentions: pa.Table, runs: list[dict], current: str) -> list[dict]:
    """Original articles last processed by another extractor version (or holding mentions of one)."""
    versions = processed_versions(articles, runs)
    version = mentions.column("extractor_version")
    other = pc.and_(pc.is_valid(version), pc.not_equal(version, current))
    old_mentions = set(mentions.filter(other).column("article_id").to_pylist())
    return [
        a for a in articles
        if a["duplicate_of"] is None and (versions.get(a["article_id"]) != current or a["article_id"] in old_mentions)
    ]


@task(name="re-extract", cache_policy=NO_CACHE)
def re_extract(stale: list[dict], run_id: str) -> tuple[pa.Table, pa.Table]:
    """New mention and `dates` rows for the stale articles."""
    return extract_tables(stale, run_id)


@flow(name="dateline-reprocess", flow_run_name="reprocess {lake}")
def reprocess(lake: str = "data/lake", wait: float = 0.0, everything: bool = False) -> dict:
    """Re-extract events of articles processed by an older extractor; replace their mentions atomically."""
    from transforms.events import EXTRACTOR_VERSION

    started, started_at = time.monotonic(), dt.datetime.now(dt.timezone.utc)
    target = Lake(lake)
    if not target.exists():
        raise LakeError(f"{lake}: no lake here yet (run `dateline run` first)")
    run_id = new_run_id(started_at)
    with LakeLock(target, wait=wait):
        crashpoint("run-locked")
        collect_garbage(target)
        articles = target.read("articles").to_pylist()
        mentions = target.read("mentions")
        runs = target.read("runs").to_pylist()
        if everything:
            stale = [a for a in articles if a["duplicate_of"] is None]
        else:
            stale = stale_articles(articles, mentions, runs, EXTRACTOR_VERSION)
        stale_ids = {a["article_id"] for a in stale}
        fresh, fresh_dates = re_extract(stale, run_id)
        crashpoint("events-extracted")
        replaced = mentions.num_rows - without(mentions, "article_id", stale_ids).num_rows
        del mentions
        txn = Transaction(target, run_id)
        try:
            # The same windowed merge as a run: the lake's mentions minus the stale articles', plus the fresh ones.
            drop = pa.array(sorted(stale_ids), pa.string())
            _total, events_total = stage_merged(txn, target, fresh, drop)
            summary = {
                "run_id": run_id, "lake": target.root if target.is_local else target.location,
                "extractor_version": EXTRACTOR_VERSION, "articles_reprocessed": len(stale),
                "mentions_replaced": replaced, "mentions_new": fresh.num_rows,
                "events_total": events_total,
            }
            txn.replace("dates", pa.concat_tables([without(target.read("dates"), "article_id", stale_ids), fresh_dates]))
            txn.append("runs", to_arrow("runs", [{
                "run_id": run_id, "started_at": started_at, "finished_at": dt.datetime.now(dt.timezone.utc),
                "status": "completed", "sources": [REPROCESS_SOURCE], "inputs": len(stale), "articles_new": 0,
                "duplicates": 0, "skipped_unchanged": 0, "rejects": 0, "mentions_new": fresh.num_rows,
                "events_total": events_total, "duration_s": time.monotonic() - started,
                "extractor_version": EXTRACTOR_VERSION,
            }]))
            summary["version"] = txn.commit().version
        except BaseException:
            txn.abort()
            raise
        refresh_catalog(target)
    summary["duration_s"] = round(time.monotonic() - started, 3)
    return summary


def mentions_by_version(lake: Lake) -> dict[str, int]:
    """How many mentions each extractor version wrote (for reports and tests)."""
    data = lake.read("mentions", columns=["extractor_version"])
    counts = pc.value_counts(data.column("extractor_version")).to_pylist() if data.num_rows else []
    return {c["values"]: c["counts"] for c in counts}

