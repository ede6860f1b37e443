"""The `dateline` Prefect flow: load sources, normalise, extract, shape, publish, refresh the catalog."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import count, islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows.catalog import refresh_catalog
from flows.crashpoints import crashpoint
from flows.ingest import ArticleBuilder, lake_state, load_validators, renamed_rows, save_validators
from flows.lake import STAGING, Lake, Transaction, collect_garbage, new_run_id
from flows.lock import LakeLock
from flows.merge_lake import stage_merged
from flows.services import tie_temporary_server_to_this_process
from flows.sources import Reader, canonical_input, open_reader
from transforms.documents import RawDocument, Reject
from transforms.frames import to_arrow, with_column
from transforms.mentions import extract_tables

tie_temporary_server_to_this_process()  # a killed run must not leave Prefect's temporary server behind

DEFAULT_SOURCES = ["data/samples"]
TASK_RUNNERS = ("local", "dask")
EXTRACT_BATCH_SIZE = 25  # articles per extraction task: big enough to hide Dask's per-task cost
EXTRACT_RESULT_FORMAT = "mentions-dates-arrow-2"  # in the cache key: a cached batch of another shape is never reused
# Documents read, normalised, extracted and staged at a time: a run holds one chunk, not all its inputs.
CHUNK_ARTICLES = 2000
NEW_MENTIONS_ROW_GROUP = 2048  # rows per row group of a chunk's staged mentions: a month's query skips most groups


def _transient(task, task_run, state) -> bool:
    """Retry only I/O failures (a network share, object storage, the network); a bug fails at once."""
    try:
        state.result()
    except (OSError, TimeoutError):
        return True
    except Exception:
        return False
    return False


# Transient read failures of the lake get a second and third try, 2 s and 4 s later (with jitter).
FETCH_RETRIES = dict(
    retries=2, retry_delay_seconds=exponential_backoff(backoff_factor=2), retry_jitter_factor=0.5,
    retry_condition_fn=_transient,
)


@task(name="read-sources", cache_policy=NO_CACHE)
def read_chunk(documents: Iterator[RawDocument], size: int | None) -> list[RawDocument]:
    """The next `size` documents of the run's sources (fewer once they run out; all for None).

    No retries: the sources are one stream, and a half-read stream cannot be read again from where
    it failed; a file that fails to read becomes a reject instead.
    """
    return list(islice(documents, size))


@task(name="read-lake-state", cache_policy=NO_CACHE, **FETCH_RETRIES)
def read_lake_state(lake: Lake) -> dict:
    """What the lake already holds: article ids, canonical URLs and input content hashes."""
    return lake_state(lake)


@task(name="normalise-articles", cache_policy=NO_CACHE)
def normalise_articles(documents: list[RawDocument], builder: ArticleBuilder) -> list[dict]:
    """Article rows of one chunk for new or changed inputs in the window, deduplicated across the run."""
    return builder.build(documents)


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
    # A cached result is written to the result storage; in memory Prefect would also keep the last
    # 1,000 of them (an LRU in its result store), which is most of the extraction of a big run.
    cache_result_in_memory=False,
)
def extract_batch(articles: list[dict], label: str = "") -> tuple[pa.Table, pa.Table]:
    """Run the event extractor on a batch of articles; their mention and `dates` rows as Arrow, without a run id.

    Arrow, not dicts: a row as a dict costs several times its columns. The run id is set by the
    flow, so a cached batch serves any later run.
    """
    return extract_tables(articles, None)


@flow(name="dateline-extract", flow_run_name="dateline-extract {label}", cache_result_in_memory=False)
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


@task(name="stage-chunk", cache_policy=NO_CACHE)
def stage_chunk(txn: Transaction, rows: list[dict], mentions: pa.Table, dates: pa.Table, number: int) -> dict[str, int]:
    """Stage one chunk: its article rows and named days into the transaction, its mentions to a file of the run's own.

    The mentions are not in the transaction yet (merging replaces the whole mentions table at the
    end and reads them back from these files). Returns only counts, nothing of the chunk's data.
    """
    txn.append("articles", to_arrow("articles", rows))
    txn.append("dates", dates)
    if mentions.num_rows:
        path = new_mentions_path(txn, number)
        # Sorted by date in small row groups: the merge reads one event_month at a time, and the
        # groups' statistics let it skip the rest of the file (257 -> 157 CPU s merging 1.6M mentions).
        pq.write_table(mentions.sort_by([("event_date", "ascending")]), path, filesystem=txn.lake.fs,
                       compression="zstd", row_group_size=NEW_MENTIONS_ROW_GROUP)
    # Requeued rows (duplicates of a replaced original, deduplicated again) are no input of this run.
    return {
        "articles_new": sum(1 for a in rows if a["duplicate_of"] is None and not a.get("requeued")),
        "duplicates": sum(1 for a in rows if a["duplicate_of"] is not None and not a.get("requeued")),
        "mentions_new": mentions.num_rows,
    }


def new_mentions_path(txn: Transaction, number: int) -> str:
    """Where chunk `number` of a run keeps its new mentions until the merge: the run's staging folder."""
    lake = txn.lake
    path = lake.path(f"{STAGING}/{txn.run_id}/new-mentions/chunk-{number:05d}.parquet")
    lake.fs.create_dir(os.path.dirname(path) if lake.is_local else posixpath.dirname(path))
    return path


def staged_mention_files(txn: Transaction) -> list[str]:
    """The new-mentions files of the run's chunks, in chunk order."""
    import pyarrow.fs as pafs

    folder = txn.lake.path(f"{STAGING}/{txn.run_id}/new-mentions")
    infos = txn.lake.fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
    return sorted(i.path for i in infos if i.type == pafs.FileType.File)


def _stage_merge(txn: Transaction, lake: Lake, new_mention_files: list[str], stale_ids: set[str]) -> int:
    """Merge the lake's mentions (minus those of replaced articles) with the run's new ones; stage mentions and events.

    Returns the number of events. DuckDB streams the mentions sorted by date through a sliding window
    (flows/merge_lake.py), so memory holds the open events, not the lake.
    """
    drop = pa.array(sorted(stale_ids), pa.string()) if stale_ids else None
    _mentions, events = stage_merged(txn, lake, new_mention_files, drop, filesystem=lake.fs)
    return events


@task(name="merge-events", cache_policy=NO_CACHE)
def merge_events(txn: Transaction, lake: Lake, stale_ids: set[str]) -> int:
    """Merge every mention into events and stage both tables; return the number of events."""
    return _stage_merge(txn, lake, staged_mention_files(txn), stale_ids)


@task(name="stage-rejects", cache_policy=NO_CACHE)
def stage_rejects(txn: Transaction, lake: Lake, rejects: list[Reject], accepted: set[str], run_id: str) -> None:
    """Stage the rejects table: this run's verdicts replace earlier ones; accepted inputs leave it."""
    now = dt.datetime.now(dt.timezone.utc)
    txn.replace("rejects", _merge_rejects(lake, rejects, accepted, now, run_id))


def _merge_rejects(lake: Lake, rejects: list[Reject], accepted: set[str], now: dt.datetime, run_id: str) -> pa.Table:
    """Rejects keyed by input: this run's verdicts replace earlier ones; accepted inputs leave the table."""
    rows: dict[str, dict] = {}
    if lake.exists():
        for row in lake.read("rejects").to_pylist():
            row["input"] = canonical_input(row["input"])  # an older run's name as typed: its canonical form
            rows[row["input"]] = row
    for name in accepted:
        rows.pop(name, None)
    for r in rejects:
        rows[r.input] = {"input": r.input, "reason": r.reason, "detail": r.detail, "seen_at": now, "run_id": run_id}
    return to_arrow("rejects", sorted(rows.values(), key=lambda r: r["input"]))


def _rejected_inputs(lake: Lake) -> set[str]:
    """Inputs the rejects table holds now (a document read this run takes its input out)."""
    if not lake.exists():
        return set()
    return {canonical_input(name) for name in lake.read("rejects", columns=["input"]).column("input").to_pylist()}


@task(name="publish-tables", cache_policy=NO_CACHE)
def publish_tables(txn: Transaction, run_row: dict) -> int:
    """Add the run's row and commit every staged table together as one new snapshot; return its version."""
    txn.append("runs", to_arrow("runs", [run_row]))
    return txn.commit().version


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
    chunk_size: int = CHUNK_ARTICLES,
) -> dict:
    """Ingest sources into the lake and return a summary of the run.

    The documents are read, normalised, extracted and staged `chunk_size` at a time; everything is
    committed as one snapshot at the end. `options` (JSON): allow_hosts, user_agent, timeout, deadline,
    retries, backoff, max_bytes, csv_columns, since, until -- see docs/ingestion.md.
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
        rejected_before = _rejected_inputs(target)
        extraction = {"run_id": run_id, "task_runner": task_runner, "dask_address": dask_address,
                      "batch_size": batch_size}
        txn = Transaction(target, run_id)
        try:
            run = _ingest(txn, sources, state, options, rejected_before, chunk_size, extraction)
            if run.builder.conflicted:
                logger.warning("run %s: a copy's original was replaced in a later chunk; reading again in one chunk",
                               run_id)
                run.builder.release()
                txn.abort()
                txn = Transaction(target, run_id)
                run = _ingest(txn, sources, state, options, rejected_before, None, extraction)
            reader, builder, counts, cleared = run.reader, run.builder, run.counts, run.cleared
            requeued = builder.finish()  # lake duplicates of replaced originals, deduplicated again: a last chunk
            if requeued:
                _add(counts, _ingest_rows(txn, requeued, run.chunks + 1, **extraction))
            builder.release()  # every row is marked: the merge below need not share memory with the index
            source_summary = reader.summary
            changed = builder.changed
            # A changed input replaces its old article and that article's mentions; an unchanged one
            # stored by an older run under the path as typed gets its canonical name (the migration).
            replaced_names = builder.lake_names(changed) | set(builder.renamed)
            if replaced_names:
                migrated = renamed_rows(target, builder.renamed)
                txn.replace_keeping("articles", "input", pa.array(sorted(replaced_names), pa.string()))
                if migrated is not None:
                    txn.append("articles", migrated)
            if changed:
                txn.replace_keeping("dates", "article_id", pa.array(sorted(builder.stale), pa.string()))
            events_total = merge_events(txn, target, quote(builder.stale))
            unchanged = builder.unchanged + len(source_summary.skipped)
            rejects = _merge_input_rejects(source_summary.rejects)
            # Inputs read fine this run (containers, skipped and unchanged ones, articles) leave the rejects table.
            accepted = cleared | source_summary.cleared | set(source_summary.skipped) | set(changed)
            stage_rejects(txn, target, quote(rejects), quote(accepted), run_id)
            crashpoint("tables-shaped")
            from transforms.events import EXTRACTOR_VERSION

            inputs = source_summary.inputs
            summary = {
                "run_id": run_id,
                "lake": target.location if not target.is_local else target.root,
                "inputs": inputs,
                "articles_new": counts["articles_new"],
                "duplicates": counts["duplicates"],
                "skipped_unchanged": unchanged,
                "outside_window": builder.outside,
                "rejects": len(rejects),
                "mentions_new": counts["mentions_new"],
                "events_total": events_total,
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
                "mentions_new": summary["mentions_new"],
                "events_total": events_total,
                "duration_s": time.monotonic() - started,
                "extractor_version": EXTRACTOR_VERSION,
            }
            summary["version"] = publish_tables(txn, run_row)
        except BaseException:
            txn.abort()
            raise
        summary["catalog"] = refresh_catalog_task(target)
        save_validators(target, source_summary.validators)
        crashpoint("validators-saved")
    summary["duration_s"] = round(time.monotonic() - started, 3)
    summary["task_runner"] = task_runner
    _run_artifact(summary)
    logger.info("run %s: %s new articles, %s mentions, %s rejects", run_id, summary["articles_new"],
                summary["mentions_new"], summary["rejects"])
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


@dataclass
class Ingested:
    """What reading the sources chunk by chunk left: the reader's summary, the builder's state, counts."""

    reader: Reader
    builder: ArticleBuilder
    counts: dict[str, int]
    cleared: set[str]  # inputs read fine this run that the rejects table holds
    chunks: int


def _ingest(
    txn: Transaction, sources: list[str], state: dict, options: dict | None, rejected_before: set[str],
    chunk_size: int | None, extraction: dict,
) -> Ingested:
    """Read, normalise, extract and stage the sources chunk by chunk (all in one chunk for `chunk_size` None)."""
    reader = open_reader(options, set(state["inputs"]), load_validators(txn.lake))
    run = Ingested(reader, ArticleBuilder(txn.lake, state, txn.run_id, options),
                   {"articles_new": 0, "duplicates": 0, "mentions_new": 0}, set(), 0)
    try:
        # quote(): Prefect would otherwise walk every element of big arguments looking for futures
        # (about 70% of a run's CPU in `make bench`); these are plain data.
        documents = reader.documents(sources)
        for number in count(1):
            chunk = read_chunk(quote(documents), max(1, chunk_size) if chunk_size else None)
            if not chunk and number > 1:
                break
            crashpoint("sources-read")
            run.chunks = number
            run.cleared.update(d.input for d in chunk if d.input in rejected_before)
            rows = normalise_articles(quote(chunk), quote(run.builder))
            chunk.clear()  # the rows hold the texts now (in place: Prefect may keep a persisted task result)
            crashpoint("articles-normalised")
            _add(run.counts, _ingest_rows(txn, rows, number, **extraction))
    finally:
        reader.close()
    return run


def _ingest_rows(
    txn: Transaction, rows: list[dict], number: int, run_id: str, task_runner: str, dask_address: str | None,
    batch_size: int,
) -> dict[str, int]:
    """Extract one chunk's rows and stage the chunk; return its counts. The rows are emptied in place."""
    mentions, dates = extract_events(rows, run_id, task_runner, dask_address, batch_size)
    crashpoint("events-extracted")
    counts = stage_chunk(txn, quote(rows), quote(mentions), quote(dates), number)
    rows.clear()  # staged now; emptied in place, as normalise_articles' result may be kept by Prefect
    crashpoint("chunk-staged")
    return counts


def _add(total: dict[str, int], counts: dict[str, int]) -> None:
    """Add a chunk's counts to the run's."""
    for key, value in counts.items():
        total[key] += value


def _merge_input_rejects(rejects: list[Reject]) -> list[Reject]:
    """One reject per input (the last verdict wins)."""
    by_input = {r.input: r for r in rejects}
    return list(by_input.values())
