"""The `dateline` Prefect flow: load sources, normalise, extract, shape, publish, refresh the catalog."""

from __future__ import annotations

import datetime as dt
import time

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.catalog import refresh_catalog
from flows.lake import Lake, Transaction, collect_garbage, new_run_id
from flows.lock import LakeLock
from flows.sources import read_sources
from transforms.articles import make_article
from transforms.deduplication import mark_duplicates
from transforms.documents import RawDocument, Reject
from transforms.frames import to_arrow
from transforms.mentions import extract_article
from transforms.merging import merge_mentions

DEFAULT_SOURCES = ["data/samples"]


@task(name="load-sources", cache_policy=NO_CACHE)
def load_sources(sources: list[str]) -> tuple[list[RawDocument], list[Reject], int]:
    """Read every input named by the sources into raw documents and rejects."""
    return read_sources(sources)


@task(name="read-lake-state", cache_policy=NO_CACHE)
def read_lake_state(lake: Lake) -> dict:
    """What the lake already holds: article ids, canonical URLs and input content hashes."""
    if not lake.exists():
        return {"ids": set(), "urls": {}, "inputs": {}}
    articles = lake.read("articles", columns=["article_id", "canonical_url", "input", "content_hash", "duplicate_of"])
    ids = set(articles.column("article_id").to_pylist())
    urls = {
        url: aid
        for url, aid, dup in zip(
            articles.column("canonical_url").to_pylist(),
            articles.column("article_id").to_pylist(),
            articles.column("duplicate_of").to_pylist(),
        )
        if url and dup is None
    }
    inputs = dict(zip(articles.column("input").to_pylist(), articles.column("content_hash").to_pylist()))
    return {"ids": ids, "urls": urls, "inputs": inputs}


@task(name="normalise-articles", cache_policy=NO_CACHE)
def normalise_articles(documents: list[RawDocument], state: dict, run_id: str) -> tuple[list[dict], int, list[str]]:
    """Build article rows for new or changed inputs; return rows, unchanged count, changed inputs."""
    now = dt.datetime.now(dt.timezone.utc)
    rows, unchanged, changed = [], 0, []
    for doc in documents:
        previous_hash = state["inputs"].get(doc.input)
        if previous_hash is not None and previous_hash == doc.content_hash:
            unchanged += 1
            continue
        if previous_hash is not None:
            changed.append(doc.input)
        rows.append(make_article(doc, now, run_id))
    known_ids = state["ids"]
    return mark_duplicates(rows, known_ids, state["urls"]), unchanged, changed


@task(name="extract-events", cache_policy=NO_CACHE)
def extract_events(articles: list[dict], run_id: str) -> list[dict]:
    """Extract event mentions from every original (non-duplicate) article."""
    mentions: list[dict] = []
    for article in articles:
        if article["duplicate_of"] is None:
            mentions.extend(extract_article(article, run_id))
    return mentions


@task(name="shape-frames", cache_policy=NO_CACHE)
def shape_frames(
    lake: Lake, articles: list[dict], mentions: list[dict], rejects: list[Reject], changed: list[str], run_id: str
) -> dict[str, tuple[str, pa.Table]]:
    """Arrow tables to publish, each with its mode: append or replace."""
    now = dt.datetime.now(dt.timezone.utc)
    old_mentions: list[dict] = []
    tables: dict[str, tuple[str, pa.Table]] = {}
    article_table = to_arrow("articles", articles)
    if lake.exists():
        old_articles = lake.read("articles")
        if changed:  # a changed input replaces its old article and that article's mentions
            import pyarrow.compute as pc

            stale = pc.is_in(old_articles.column("input"), pa.array(changed))
            stale_ids = old_articles.filter(stale).column("article_id")
            old_articles = old_articles.filter(pc.invert(stale))
            tables["articles"] = ("replace", pa.concat_tables([old_articles, article_table]))
            old = lake.read("mentions")
            old = old.filter(pc.invert(pc.is_in(old.column("article_id"), stale_ids)))
            old_mentions = old.to_pylist()
        else:
            old_mentions = lake.read("mentions").to_pylist()
    tables.setdefault("articles", ("append", article_table))
    everything = old_mentions + mentions
    assignment, events = merge_mentions(everything)
    for m in everything:
        m["event_id"] = assignment[m["mention_id"]]
    tables["mentions"] = ("replace", to_arrow("mentions", everything))
    tables["events"] = ("replace", to_arrow("events", events))
    tables["rejects"] = ("replace", _merge_rejects(lake, rejects, {a["input"] for a in articles}, now, run_id))
    return tables


def _merge_rejects(lake: Lake, rejects: list[Reject], accepted: set[str], now: dt.datetime, run_id: str) -> pa.Table:
    """Rejects keyed by input: this run's verdicts replace earlier ones; accepted inputs leave the table."""
    rows: dict[str, dict] = {}
    if lake.exists():
        for row in lake.read("rejects").to_pylist():
            rows[row["input"]] = row
    for name in accepted:
        rows.pop(name, None)
    for r in rejects:
        rows[r.input] = {"input": r.input, "reason": r.reason, "detail": r.detail, "seen_at": now, "run_id": run_id}
    return to_arrow("rejects", sorted(rows.values(), key=lambda r: r["input"]))


@task(name="publish-tables", cache_policy=NO_CACHE)
def publish_tables(lake: Lake, tables: dict[str, tuple[str, pa.Table]], run_row: dict, run_id: str) -> int:
    """Stage every table and commit them together as one new snapshot; return its version."""
    txn = Transaction(lake, run_id)
    try:
        for name, (mode, data) in tables.items():
            (txn.replace if mode == "replace" else txn.append)(name, data)
        txn.append("runs", to_arrow("runs", [run_row]))
        return txn.commit().version
    except BaseException:
        txn.abort()
        raise


@task(name="refresh-catalog", cache_policy=NO_CACHE)
def refresh_catalog_task(lake: Lake) -> str | None:
    """Rebuild the DuckDB catalog over the new snapshot."""
    return refresh_catalog(lake)


def _run_name() -> str:
    """Say what ran: the number of sources and the lake."""
    from prefect.runtime import flow_run

    params = flow_run.parameters or {}
    sources = params.get("sources") or DEFAULT_SOURCES
    first = sources[0] if sources else "-"
    more = f" +{len(sources) - 1}" if len(sources) > 1 else ""
    return f"dateline {first}{more} -> {params.get('lake', 'data/lake')}"


@flow(name="dateline", flow_run_name=_run_name, log_prints=False)
def dateline(sources: list[str] | None = None, lake: str = "data/lake", wait: float = 0.0) -> dict:
    """Ingest sources into the lake and return a summary of the run."""
    from prefect.runtime import flow_run

    started = time.monotonic()
    started_at = dt.datetime.now(dt.timezone.utc)
    sources = list(sources or DEFAULT_SOURCES)
    target = Lake(lake)
    run_id = new_run_id(started_at)
    logger = get_run_logger()
    with LakeLock(target, wait=wait):
        collect_garbage(target)
        documents, rejects, inputs = load_sources(sources)
        state = read_lake_state(target)
        articles, unchanged, changed = normalise_articles(documents, state, run_id)
        rejects = _merge_input_rejects(rejects)
        mentions = extract_events(articles, run_id)
        tables = shape_frames(target, articles, mentions, rejects, changed, run_id)
        from transforms.events import EXTRACTOR_VERSION

        summary = {
            "run_id": run_id,
            "lake": target.location if not target.is_local else target.root,
            "inputs": inputs,
            "articles_new": sum(1 for a in articles if a["duplicate_of"] is None),
            "duplicates": sum(1 for a in articles if a["duplicate_of"] is not None),
            "skipped_unchanged": unchanged,
            "rejects": len(rejects),
            "mentions_new": len(mentions),
            "events_total": tables["events"][1].num_rows,
            "reject_reasons": [f"{r.input}: {r.reason}: {r.detail}" for r in rejects],
        }
        run_row = {
            "run_id": run_id,
            "flow_run_id": str(flow_run.id) if flow_run.id else None,
            "started_at": started_at,
            "finished_at": dt.datetime.now(dt.timezone.utc),
            "status": "completed",
            "sources": sources,
            "inputs": inputs,
            "articles_new": summary["articles_new"],
            "duplicates": summary["duplicates"],
            "skipped_unchanged": unchanged,
            "rejects": len(rejects),
            "mentions_new": len(mentions),
            "events_total": summary["events_total"],
            "duration_s": time.monotonic() - started,
            "extractor_version": EXTRACTOR_VERSION,
        }
        summary["version"] = publish_tables(target, tables, run_row, run_id)
        summary["catalog"] = refresh_catalog_task(target)
    summary["duration_s"] = round(time.monotonic() - started, 3)
    logger.info("run %s: %s new articles, %s mentions, %s rejects", run_id, summary["articles_new"], len(mentions), len(rejects))
    return summary


def _merge_input_rejects(rejects: list[Reject]) -> list[Reject]:
    """One reject per input (the last verdict wins)."""
    by_input = {r.input: r for r in rejects}
    return list(by_input.values())
