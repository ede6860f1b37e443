"""The `dateline` Prefect flow: load sources, normalise, extract, shape, publish, refresh the catalog."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows.catalog import refresh_catalog
from flows.crashpoints import crashpoint
from flows.ingest import build_articles, lake_state, load_validators, save_validators
from flows.lake import Lake, Transaction, collect_garbage, new_run_id
from flows.lock import LakeLock
from flows.sources import Batch, read_sources
from transforms.documents import RawDocument, Reject
from transforms.frames import to_arrow, with_column, without
from transforms.mentions import extract_article_rows
from transforms.merging import merge_table

DEFAULT_SOURCES = ["data/samples"]
TASK_RUNNERS = ("local", "dask")
EXTRACT_BATCH_SIZE = 25  # articles per extraction task: big enough to hide Dask's per-task cost
EXTRACT_RESULT_FORMAT = "mentions-dates-arrow-2"  # in the cache key: a cached batch of another shape is never reused


def _transient(task, task_run, state) -> bool:
    """Retry only I/O failures (a network share, object storage, the network); a bug fails at once."""
    try:
        state.result()
    except (OSError, TimeoutError):
        return True
    except Exception:
        return False
    return False


# Transient read failures get a second and third try, 2 s and 4 s later (with jitter).
FETCH_RETRIES = dict(
    retries=2, retry_delay_seconds=exponential_backoff(backoff_factor=2), retry_jitter_factor=0.5,
    retry_condition_fn=_transient,
)


@task(name="load-sources", cache_policy=NO_CACHE, **FETCH_RETRIES)
def load_sources(sources: list[str], options: dict | None = None, known: set[str] | None = None,
                 validators: dict | None = None) -> Batch:
    """Read every input named by the sources into raw documents, rejects and skipped known inputs."""
    return read_sources(sources, options, known, validators)


@task(name="read-lake-state", cache_policy=NO_CACHE)
def read_lake_state(lake: Lake) -> dict:
    """What the lake already holds: article ids, canonical URLs and input content hashes."""
    return lake_state(lake)


@task(name="normalise-articles", cache_policy=NO_CACHE)
def normalise_articles(
    documents: list[RawDocument], state: dict, run_id: str, lake: Lake, options: dict | None = None
) -> tuple[list[dict], int, list[str], int]:
    """Article rows for new or changed inputs in the window; rows, unchanged, changed inputs, outside window."""
    return build_articles(lake, documents, state, run_id, options)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A hash of the extractor's version and of every file of the transforms package (code and lexicons)."""
    from transforms.events import EXTRACTOR_VERSION

    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    root = Path(__file__).resolve().parents[1] / "transforms"
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _extraction_cache_key(context, parameters: dict) -> str:
    """Same article contents and same extractor code give the same events: key on exactly those."""
    digest = hashlib.sha256(f"{EXTRACT_RESULT_FORMAT}:{extractor_fingerprint()}".encode())
    for article in parameters["articles"]:
        digest.update(f"{article['article_id']}:{article['content_hash']}:{article.get('published_at')}".encode())
    return "extract-" + digest.hexdigest()


@task(
    name="extract-batch",
    task_run_name="extract-batch-{label}",
    cache_key_fn=_extraction_cache_key,
    cache_expiration=dt.timedelta(days=7),
)
def extract_batch(articles: list[dict], label: str = "") -> tuple[pa.Table, pa.Table]:
    """Run the event extractor on a batch of articles; their mention and `dates` rows as Arrow, without a run id.

    Arrow, not dicts: Prefect keeps every task's result until the flow ends, and a row as a dict costs
    several times its columns. The run id is set by the flow, so a cached batch serves any later run.
    """
    rows, dates = [], []
    for a in articles:
        found, days = extract_article_rows(a, None)
        rows += found
        dates += days
    return to_arrow("mentions", rows), to_arrow("dates", dates)


@flow(name="dateline-extract", flow_run_name="dateline-extract {label}")
def extract_on_cluster(batches: list[list[dict]], label: str = "") -> list[tuple[pa.Table, pa.Table]]:
    """Map the extraction batches over this flow's task runner (Dask); results in batch order."""
    futures = [extract_batch.submit(b, label=f"{i + 1}of{len(batches)}") for i, b in enumerate(batches)]
    return [f.result() for f in futures]


def task_runner_for(kind: str, address: str | None):
    """The Prefect task runner for `--task-runner`: Dask at an address, or a temporary local Dask cluster."""
    if kind not in TASK_RUNNERS:
        raise ValueError(f"task runner {kind!r}: choose one of {', '.join(TASK_RUNNERS)}")
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address) if address else DaskTaskRunner()


def extract_events(
    articles: list[dict], run_id: str, task_runner: str = "local", dask_address: str | None = None,
    batch_size: int = EXTRACT_BATCH_SIZE,
) -> tuple[pa.Table, pa.Table]:
    """Event mentions and named days (`dates`) of every original (non-duplicate) article, in batches, locally or on Dask."""
    originals = [a for a in articles if a["duplicate_of"] is None]
    batches = [originals[i : i + batch_size] for i in range(0, len(originals), max(1, batch_size))]
    if not batches:
        return to_arrow("mentions", []), to_arrow("dates", [])
    if task_runner == "local":
        results = [extract_batch(quote(b), label=f"{i + 1}of{len(batches)}") for i, b in enumerate(batches)]
    else:
        runner = task_runner_for(task_runner, dask_address)
        results = extract_on_cluster.with_options(task_runner=runner)(batches, label=run_id)
    mentions = pa.concat_tables([m for m, _ in results])
    dates = pa.concat_tables([d for _, d in results])
    return (with_column(mentions, "run_id", [run_id] * mentions.num_rows),
            with_column(dates, "run_id", [run_id] * dates.num_rows))


@task(name="shape-frames", cache_policy=NO_CACHE)
def shape_frames(
    lake: Lake, article_table: pa.Table, mentions: pa.Table, rejects: list[Reject], changed: list[str], run_id: str,
    cleared: set[str] | None = None, dates: pa.Table | None = None,
) -> dict[str, tuple[str, pa.Table]]:
    """Arrow tables to publish, each with its mode: append or replace."""
    now = dt.datetime.now(dt.timezone.utc)
    old_mentions = to_arrow("mentions", [])
    tables: dict[str, tuple[str, pa.Table]] = {}
    if lake.exists():
        if changed:  # a changed input replaces its old article and that article's mentions
            import pyarrow.compute as pc

            old_articles = lake.read("articles")  # texts and all: only a replacement rewrites the table
            stale = pc.is_in(old_articles.column("input"), pa.array(changed))
            stale_ids = old_articles.filter(stale).column("article_id")
            old_articles = old_articles.filter(pc.invert(stale))
            tables["articles"] = ("replace", pa.concat_tables([old_articles, article_table]))
            old_mentions = without(lake.read("mentions"), "article_id", stale_ids)
            tables["dates"] = ("replace", pa.concat_tables([without(lake.read("dates"), "article_id", stale_ids),
                                                            dates if dates is not None else to_arrow("dates", [])]))
        else:
            old_mentions = lake.read("mentions")
    tables.setdefault("articles", ("append", article_table))
    tables.setdefault("dates", ("append", dates if dates is not None else to_arrow("dates", [])))
    everything = pa.concat_tables([old_mentions, mentions])
    del old_mentions
    everything, events = merge_table(everything)
    tables["mentions"] = ("replace", everything)
    tables["events"] = ("replace", events)
    accepted = set(article_table.column("input").to_pylist()) | set(cleared or ())
    tables["rejects"] = ("replace", _merge_rejects(lake, rejects, accepted, now, run_id))
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
    runner = " on dask" if params.get("task_runner") == "dask" else ""
    return f"dateline {first}{more} -> {params.get('lake', 'data/lake')}{runner}"


@flow(name="dateline", flow_run_name=_run_name, log_prints=False)
def dateline(
    sources: list[str] | None = None,
    lake: str = "data/lake",
    wait: float = 0.0,
    task_runner: str = "local",
    dask_address: str | None = None,
    batch_size: int = EXTRACT_BATCH_SIZE,
    options: dict | None = None,
) -> dict:
    """Ingest sources into the lake and return a summary of the run.

    `options` (JSON): allow_hosts, user_agent, timeout, deadline, retries, backoff, max_bytes,
    csv_columns, since, until -- see docs/ingestion.md.
    """
    from prefect.runtime import flow_run

    started = time.monotonic()
    started_at = dt.datetime.now(dt.timezone.utc)
    sources = list(sources or DEFAULT_SOURCES)
    if task_runner not in TASK_RUNNERS:
        raise ValueError(f"task runner {task_runner!r}: choose one of {', '.join(TASK_RUNNERS)}")
    target = Lake(lake)
    run_id = new_run_id(started_at)
    logger = get_run_logger()
    with LakeLock(target, wait=wait):
        crashpoint("run-locked")
        collect_garbage(target)
        state = read_lake_state(target)
        # quote(): Prefect would otherwise walk every element of big arguments looking for futures
        # (about 70% of a run's CPU in `make bench`); these are plain data.
        batch = load_sources(sources, options, quote(set(state["inputs"])), load_validators(target))
        crashpoint("sources-read")
        documents, rejects, inputs = batch.documents, batch.rejects, batch.inputs
        articles, unchanged, changed, outside = normalise_articles(quote(documents), quote(state), run_id, target, options)
        unchanged += len(batch.skipped)
        rejects = _merge_input_rejects(rejects)
        # Inputs read fine this run (containers, skipped and unchanged ones) leave the rejects table.
        cleared = batch.cleared | set(batch.skipped) | {d.input for d in documents}
        documents.clear()  # the articles hold the texts now; Prefect keeps the task's result, so empty it in place
        crashpoint("articles-normalised")
        mentions, dates = extract_events(articles, run_id, task_runner, dask_address, batch_size)
        crashpoint("events-extracted")
        # Requeued rows (duplicates of a replaced original, deduplicated again) are no input of this run.
        articles_new = sum(1 for a in articles if a["duplicate_of"] is None and not a.get("requeued"))
        duplicates = sum(1 for a in articles if a["duplicate_of"] is not None and not a.get("requeued"))
        article_table = to_arrow("articles", articles)
        articles.clear()  # the table holds them now; Prefect keeps the task's result, so empty it in place
        tables = shape_frames(target, quote(article_table), quote(mentions), quote(rejects), changed, run_id, quote(cleared),
                              quote(dates))
        crashpoint("tables-shaped")
        from transforms.events import EXTRACTOR_VERSION

        summary = {
            "run_id": run_id,
            "lake": target.location if not target.is_local else target.root,
            "inputs": inputs,
            "articles_new": articles_new,
            "duplicates": duplicates,
            "skipped_unchanged": unchanged,
            "outside_window": outside,
            "rejects": len(rejects),
            "mentions_new": mentions.num_rows,
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
            "mentions_new": mentions.num_rows,
            "events_total": summary["events_total"],
            "duration_s": time.monotonic() - started,
            "extractor_version": EXTRACTOR_VERSION,
        }
        summary["version"] = publish_tables(target, tables, run_row, run_id)
        summary["catalog"] = refresh_catalog_task(target)
        save_validators(target, batch.validators)
        crashpoint("validators-saved")
    summary["duration_s"] = round(time.monotonic() - started, 3)
    summary["task_runner"] = task_runner
    _run_artifact(summary)
    logger.info("run %s: %s new articles, %s mentions, %s rejects", run_id, summary["articles_new"], mentions.num_rows, len(rejects))
    return summary


def _run_artifact(summary: dict) -> None:
    """A table artifact on the flow run: what came in, what went out, and how long it took."""
    from prefect.artifacts import create_table_artifact

    keys = ["run_id", "inputs", "articles_new", "duplicates", "skipped_unchanged", "rejects",
            "mentions_new", "events_total", "version", "duration_s", "task_runner", "lake"]
    rejects = "\n".join(f"- {r}" for r in summary["reject_reasons"][:20]) or "none"
    create_table_artifact(
        key="dateline-run",
        table=[{k: summary.get(k) for k in keys}],
        description=f"Dateline run {summary['run_id']} into {summary['lake']}.\n\nRejects:\n{rejects}",
    )


def _merge_input_rejects(rejects: list[Reject]) -> list[Reject]:
    """One reject per input (the last verdict wins)."""
    by_input = {r.input: r for r in rejects}
    return list(by_input.values())
