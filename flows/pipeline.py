"""The `dateline` Prefect flow: read sources chunk by chunk, normalise and deduplicate, then the run skeleton
(flows/skeleton.py) extracts, stages, merges, publishes and refreshes the catalog."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count, islice

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows.crashpoints import crashpoint
from flows.ingest import ArticleBuilder, lake_state, load_validators, renamed_rows, save_validators
from flows.lake import Lake, Transaction
from flows.skeleton import EXTRACT_BATCH_SIZE, TASK_RUNNERS, LakeRun
from flows.sources import Reader, canonical_input, open_reader
from transforms.documents import RawDocument, Reject
from transforms.frames import to_arrow

DEFAULT_SOURCES = ["data/samples"]
# Documents read, normalised, extracted and staged at a time: a run holds one chunk, not all its inputs.
CHUNK_ARTICLES = 2000
# The first chunk's size; each next one doubles, up to the chunk size. The workers wait while the first chunk
# is read and normalised (2,000 documents: ~3 s of one core on the 10k bench); a small one sets them to work sooner,
# and each next chunk is still normalised while they extract the one before.
FIRST_CHUNK_ARTICLES = 250


def chunk_limit(number: int, chunk_size: int | None) -> int | None:
    """How many documents chunk `number` (from 1) reads: FIRST_CHUNK_ARTICLES doubled per chunk, at most
    `chunk_size` (None: every document in one chunk)."""
    if not chunk_size:
        return None
    return max(1, min(chunk_size, FIRST_CHUNK_ARTICLES << min(number - 1, 30)))


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
    workers: int | None = None,
) -> dict:
    """Ingest sources into the lake and return a summary of the run.

    The documents are read, normalised, extracted (by `workers` processes, default one per core) and
    staged `chunk_size` at a time; everything is committed as one snapshot at the end. `options`
    (JSON): allow_hosts, user_agent, timeout, deadline, retries, backoff, max_bytes, csv_columns,
    since, until -- see docs/ingestion.md.
    """
    from prefect.runtime import flow_run

    started = time.monotonic()
    sources = list(sources or DEFAULT_SOURCES)
    if task_runner not in TASK_RUNNERS:
        raise ValueError(f"task runner {task_runner!r}: choose one of {', '.join(TASK_RUNNERS)}")
    logger = get_run_logger()
    extraction = {"task_runner": task_runner, "dask_address": dask_address, "batch_size": batch_size}
    with LakeRun(lake, wait, workers, extraction) as run:
        target, run_id = run.lake, run.run_id
        state = read_lake_state(target)
        rejected_before = _rejected_inputs(target)
        read = _ingest(run, sources, state, options, rejected_before, chunk_size)
        if read.builder.conflicted:
            logger.warning("run %s: a copy's original was replaced in a later chunk; reading again in one chunk",
                           run_id)
            read.builder.release()
            run.restart()
            read = _ingest(run, sources, state, options, rejected_before, None)
        reader, builder, counts, cleared = read.reader, read.builder, read.counts, read.cleared
        requeued = builder.finish()  # lake duplicates of replaced originals, deduplicated again: a last chunk
        if requeued:
            _add(counts, run.ingest_chunk(requeued, read.chunks + 1))
        builder.release()  # every row is marked: the merge below need not share memory with the index
        source_summary = reader.summary
        changed = builder.changed
        txn = run.txn
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
        events_total = run.merge(builder.stale)
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
            "started_at": run.started_at,
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
        summary["version"] = run.publish(run_row)
        summary["catalog"] = run.catalog
        save_validators(target, source_summary.validators)
        crashpoint("validators-saved")
    summary["duration_s"] = round(time.monotonic() - started, 3)
    summary["task_runner"] = task_runner
    summary["workers"] = run.pool.workers
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
    run: LakeRun, sources: list[str], state: dict, options: dict | None, rejected_before: set[str],
    chunk_size: int | None,
) -> Ingested:
    """Read and normalise the sources chunk by chunk (all in one chunk for `chunk_size` None); the skeleton
    extracts and stages each chunk."""
    reader = open_reader(options, set(state["inputs"]), load_validators(run.lake))
    read = Ingested(reader, ArticleBuilder(run.lake, state, run.run_id, options),
                    {"articles_new": 0, "duplicates": 0, "mentions_new": 0}, set(), 0)
    try:
        # quote(): Prefect would otherwise walk every element of big arguments looking for futures
        # (about 70% of a run's CPU in `make bench`); these are plain data.
        documents = reader.documents(sources)
        pending = None  # the chunk the workers extract while this process reads and normalises the next one
        for number in count(1):
            chunk = read_chunk(quote(documents), chunk_limit(number, chunk_size))
            if not chunk and number > 1:
                break
            crashpoint("sources-read")
            read.chunks = number
            read.cleared.update(d.input for d in chunk if d.input in rejected_before)
            rows = normalise_articles(quote(chunk), quote(read.builder))
            chunk.clear()  # the rows hold the texts now (in place: Prefect may keep a persisted task result)
            crashpoint("articles-normalised")
            if pending is not None:
                _add(read.counts, run.finish_chunk(pending))
            pending = run.start_chunk(rows, number)
        if pending is not None:
            _add(read.counts, run.finish_chunk(pending, last=True))
    finally:
        reader.close()
    return read


def _add(total: dict[str, int], counts: dict[str, int]) -> None:
    """Add a chunk's counts to the run's."""
    for key, value in counts.items():
        total[key] += value


def _merge_input_rejects(rejects: list[Reject]) -> list[Reject]:
    """One reject per input (the last verdict wins)."""
    by_input = {r.input: r for r in rejects}
    return list(by_input.values())
