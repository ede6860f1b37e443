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
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
from prefect import flow

from flows.crashpoints import crashpoint
from flows.lake import Lake, LakeError
from flows.skeleton import EXTRACT_BATCH_SIZE, LakeRun

REPROCESS_SOURCE = "reprocess"  # the `sources` value of a reprocess run in the runs table
CHUNK_ARTICLES = 2000  # stale articles read and re-extracted at a time, as `dateline run` reads documents
ARTICLE_KEYS = ["article_id", "run_id", "ingested_at", "duplicate_of"]  # what finding stale articles needs (no text)


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


def stale_ids(articles: list[dict], mentions: pa.Table, runs: list[dict], current: str) -> set[str]:
    """Ids of original articles last processed by another extractor version (or holding mentions of one).

    `articles` need only ARTICLE_KEYS, `mentions` only article_id and extractor_version.
    """
    versions = processed_versions(articles, runs)
    version = mentions.column("extractor_version")
    other = pc.and_(pc.is_valid(version), pc.not_equal(version, current))
    old_mentions = set(mentions.filter(other).column("article_id").to_pylist())
    return {
        a["article_id"] for a in articles
        if a["duplicate_of"] is None and (versions.get(a["article_id"]) != current or a["article_id"] in old_mentions)
    }


def stale_chunks(lake: Lake, ids: set[str], size: int) -> Iterator[list[dict]]:
    """The lake's rows of the stale articles, texts included, `size` at a time (a scan, never the whole table)."""
    if not ids:
        return
    wanted = pc.field("article_id").isin(pa.array(sorted(ids), pa.string()))
    chunk: list[dict] = []
    for batch in lake.dataset("articles").to_batches(filter=wanted, batch_size=max(1, size)):
        chunk += batch.to_pylist()
        while len(chunk) >= size:
            yield chunk[:size]
            chunk = chunk[size:]
    if chunk:
        yield chunk


@flow(name="dateline-reprocess", flow_run_name="reprocess {lake}")
def reprocess(
    lake: str = "data/lake", wait: float = 0.0, everything: bool = False, workers: int | None = None,
    chunk_size: int = CHUNK_ARTICLES, batch_size: int = EXTRACT_BATCH_SIZE,
) -> dict:
    """Re-extract events of articles processed by an older extractor; replace their mentions atomically.

    The stale articles are read, extracted (by `workers` processes) and staged `chunk_size` at a
    time through the same run skeleton as `dateline run`, then every mention is merged again.
    """
    from transforms.events import EXTRACTOR_VERSION

    started = time.monotonic()
    if not Lake(lake).exists():
        raise LakeError(f"{lake}: no lake here yet (run `dateline run` first)")
    with LakeRun(lake, wait, workers, {"batch_size": batch_size}) as run:
        target = run.lake
        keys = target.read("articles", columns=ARTICLE_KEYS).to_pylist()
        mentions = target.read("mentions", columns=["article_id", "extractor_version"])
        if everything:
            stale = {a["article_id"] for a in keys if a["duplicate_of"] is None}
        else:
            stale = stale_ids(keys, mentions, target.read("runs").to_pylist(), EXTRACTOR_VERSION)
        drop = pa.array(sorted(stale), pa.string())
        replaced = pc.sum(pc.is_in(mentions.column("article_id"), drop)).as_py() or 0
        del keys, mentions
        fresh, pending = 0, None  # the workers extract one chunk while the next is read from the lake
        for number, chunk in enumerate(stale_chunks(target, stale, max(1, chunk_size)), 1):
            crashpoint("sources-read")
            if pending is not None:
                fresh += run.finish_chunk(pending)["mentions_new"]
            pending = run.start_chunk(chunk, number, articles=False)
        if pending is not None:
            fresh += run.finish_chunk(pending)["mentions_new"]
        run.txn.replace_keeping("dates", "article_id", drop)
        # The same windowed merge as a run: the lake's mentions minus the stale articles', plus the fresh ones.
        events_total = run.merge(stale)
        crashpoint("tables-shaped")
        summary = {
            "run_id": run.run_id, "lake": target.root if target.is_local else target.location,
            "extractor_version": EXTRACTOR_VERSION, "articles_reprocessed": len(stale),
            "mentions_replaced": replaced, "mentions_new": fresh, "events_total": events_total,
        }
        summary["version"] = run.publish({
            "run_id": run.run_id, "started_at": run.started_at, "finished_at": dt.datetime.now(dt.timezone.utc),
            "status": "completed", "sources": [REPROCESS_SOURCE], "inputs": len(stale), "articles_new": 0,
            "duplicates": 0, "skipped_unchanged": 0, "rejects": 0, "mentions_new": fresh,
            "events_total": events_total, "duration_s": time.monotonic() - started,
            "extractor_version": EXTRACTOR_VERSION,
        })
    summary["duration_s"] = round(time.monotonic() - started, 3)
    summary["workers"] = run.pool.workers
    return summary
