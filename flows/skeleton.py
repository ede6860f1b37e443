"""The one run skeleton every writer of the lake uses: lock, transaction, parallel extraction, staged chunks,
the windowed merge, the run row, the commit, the catalog refresh, and abort on any failure.

`dateline run` (flows/pipeline.py) and `dateline reprocess` (flows/reprocess.py) differ only in where
their article rows come from; both hand each chunk to `LakeRun.ingest_chunk` and end with
`LakeRun.merge` and `LakeRun.publish`. The pure steps are in transforms/pipeline.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows.catalog import refresh_catalog
from flows.crashpoints import crashpoint
from flows.lake import STAGING, Lake, Transaction, collect_garbage, new_run_id
from flows.lock import LakeLock
from flows.merge_lake import stage_merged
from flows.services import tie_temporary_server_to_this_process
from flows.workers import launch_pool, local_cores, main_module_hidden, ready, take_early  # noqa: F401 -- re-exported
from transforms import pipeline
from transforms.frames import to_arrow

tie_temporary_server_to_this_process()  # a killed run or reprocess must not leave Prefect's temporary server behind

TASK_RUNNERS = ("local", "dask")
EXTRACT_BATCH_SIZE = pipeline.BATCH_ARTICLES
EXTRACT_RESULT_FORMAT = "mentions-dates-arrow-2"  # in the cache key: a cached batch of another shape is never reused
NEW_MENTIONS_ROW_GROUP = 2048  # rows per row group of a chunk's staged mentions: a month's query skips most groups


# ---- extraction: one Prefect task per batch (serial, Dask) or per chunk (its batches mapped over worker processes) ----

_POOL: ProcessPoolExecutor | None = None  # the running run's workers (one run per process at a time)


class ExtractionPool:
    """Context manager: `workers` spawned processes that extract batches; none (in-process) for 1 worker.

    The pool starts on the first chunk with more than one batch, so small runs pay nothing (the processes are
    spawned and warmed by flows/workers.py, or taken from `dateline run`'s early start).
    """

    def __init__(self, workers: int | None):
        self.workers = max(1, workers or local_cores())
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "ExtractionPool":
        return self

    def start(self) -> None:
        """Start the worker processes (once; the ones `dateline run` spawned early if it did) and make them the pool
        `extract_batch` runs in."""
        global _POOL
        if self.workers > 1 and self._executor is None:
            self._executor = take_early(self.workers) or ready(launch_pool(self.workers))
            _POOL = self._executor

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the worker processes, if started (again later: nothing to do)."""
        global _POOL
        if self._executor is not None:
            _POOL = None
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


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


# How long an extraction result may serve, and where it is kept: in the result storage only, since in memory
# Prefect would also keep the last 1,000 of them (an LRU in its result store), most of a big run's extraction.
CACHED_EXTRACTION = {"cache_expiration": dt.timedelta(days=7), "cache_result_in_memory": False}


@task(name="extract-batch", task_run_name="extract-batch-{label}", cache_key_fn=_extraction_cache_key,
      **CACHED_EXTRACTION)
def extract_batch(articles: list[dict], label: str = "") -> tuple[pa.Table, pa.Table]:
    """Mention and `dates` rows of a batch of articles as Arrow, without a run id (serial runs and Dask).

    Arrow, not dicts: a row as a dict costs several times its columns. The run id is set by the
    skeleton, so a cached batch serves any later run.
    """
    return pipeline.extract_batch(articles)


def _chunk_cache_key(context, parameters: dict) -> str:
    """A chunk's key: the batch key of all its articles, in its own namespace (the result is their concatenation)."""
    return "chunk-" + _extraction_cache_key(context, parameters)


@task(name="extract-chunk", task_run_name="extract-chunk-{label}", cache_key_fn=_chunk_cache_key, **CACHED_EXTRACTION)
def extract_chunk(articles: list[dict], batch_size: int, label: str = "") -> tuple[pa.Table, pa.Table]:
    """A chunk's mention and `dates` rows, its batches mapped over the run's worker processes (without any: extracted
    here in turn), in batch order.

    One task per chunk, not per batch: each task run costs the flow's process several API calls,
    and that process is the run's critical path while the workers extract.
    """
    batches = pipeline.in_batches(articles, batch_size)
    mapper = _POOL.map if _POOL is not None else map
    return pipeline.concat_batches(list(mapper(pipeline.extract_batch, batches)), None)


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


def submit_events(
    articles: list[dict], run_id: str, task_runner: str = "local", dask_address: str | None = None,
    batch_size: int = EXTRACT_BATCH_SIZE, pool: ExtractionPool | None = None,
) -> Callable[[], tuple[pa.Table, pa.Table]]:
    """Start extracting the mentions and named days (`dates`) of every original article, in batches; call the
    result for the two tables. Only the worker pool runs while the caller goes on (the batches are in other
    processes); serial and Dask extraction are done on return. Locally, a chunk of several batches is one
    task (`extract-chunk`), a single batch an `extract-batch` task."""
    batches = pipeline.in_batches(pipeline.originals(articles), batch_size)
    if not batches:
        return _done(pipeline.concat_batches([], run_id))
    if task_runner != "local":
        runner = task_runner_for(task_runner, dask_address)
        return _done(pipeline.concat_batches(
            extract_on_cluster.with_options(task_runner=runner)(batches, label=run_id), run_id))
    if pool is not None and len(batches) > 1:
        pool.start()
    # quote(): Prefect would otherwise walk every article looking for futures; these are plain data.
    if len(batches) > 1:
        originals = [a for b in batches for a in b]
        label = f"{len(batches)}x{batch_size}"
        if _POOL is not None:
            future = extract_chunk.submit(quote(originals), batch_size, label=label)
            return lambda: pipeline.concat_batches([future.result()], run_id)
        # Serial too, one task per chunk: a task run per batch cost 8-14 CPU s more at 10k articles (its API calls).
        return _done(pipeline.concat_batches([extract_chunk(quote(originals), batch_size, label=label)], run_id))
    return _done(pipeline.concat_batches([extract_batch(quote(batches[0]), label="1of1")], run_id))


def _done(tables: tuple[pa.Table, pa.Table]) -> Callable[[], tuple[pa.Table, pa.Table]]:
    """A finished extraction in the form `submit_events` returns."""
    return lambda: tables


# ---- staging, merging, committing ----

@task(name="stage-chunk", cache_policy=NO_CACHE)
def stage_chunk(txn: Transaction, rows: list[dict] | None, mentions: pa.Table, dates: pa.Table, number: int) -> dict[str, int]:
    """Stage one chunk: its article rows (None: none, as in reprocess) and named days into the transaction,
    its mentions to a file of the run's own.

    The mentions are not in the transaction yet (merging replaces the whole mentions table at the
    end and reads them back from these files). Returns only counts, nothing of the chunk's data.
    """
    if rows is not None:
        txn.append("articles", to_arrow("articles", rows))
    txn.append("dates", dates)
    if mentions.num_rows:
        path = new_mentions_path(txn, number)
        # Sorted by date in small row groups: the merge reads one event_month at a time, and the
        # groups' statistics let it skip the rest of the file (257 -> 157 CPU s merging 1.6M mentions).
        pq.write_table(mentions.sort_by([("event_date", "ascending")]), path, filesystem=txn.lake.fs,
                       compression="zstd", row_group_size=NEW_MENTIONS_ROW_GROUP)
    rows = rows or []
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


@task(name="merge-events", cache_policy=NO_CACHE)
def merge_events(txn: Transaction, lake: Lake, stale_ids: set[str]) -> int:
    """Merge the lake's mentions (minus those of replaced articles) with the run's staged new ones; return the events.

    DuckDB streams the mentions sorted by date through a sliding window (flows/merge_lake.py), so
    memory holds the open events, not the lake.
    """
    drop = pa.array(sorted(stale_ids), pa.string()) if stale_ids else None
    _mentions, events = stage_merged(txn, lake, staged_mention_files(txn), drop, filesystem=lake.fs)
    return events


@task(name="publish-tables", cache_policy=NO_CACHE)
def publish_tables(txn: Transaction, run_row: dict) -> int:
    """Add the run's row and commit every staged table together as one new snapshot; return its version."""
    txn.append("runs", to_arrow("runs", [run_row]))
    return txn.commit().version


@task(name="refresh-catalog", cache_policy=NO_CACHE)
def refresh_catalog_task(lake: Lake) -> str | None:
    """Rebuild the DuckDB catalog over the new snapshot."""
    return refresh_catalog(lake)


def release_free_memory() -> None:
    """Give freed memory back to the system: after each staged chunk, and before the merge, the run's peak.

    Arrow's allocator and glibc's keep freed pages for reuse; later allocations would not reuse all of
    them, so without this the run's peak adds the phases (and the chunks) one to another.
    """
    pa.default_memory_pool().release_unused()
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)


@dataclass
class PendingChunk:
    """A chunk whose extraction was started: its rows, number, whether its rows are new articles, and the result."""

    rows: list[dict]
    number: int
    articles: bool
    result: Callable[[], tuple[pa.Table, pa.Table]]


class LakeRun:
    """Context manager for one writing run: the lake's lock, its transaction, the extraction pool.

    Entering takes the lock (waiting up to `wait` s), deletes a crashed run's orphans and opens the
    transaction; leaving with an exception aborts the transaction, so the previous snapshot stays.
    """

    def __init__(self, location: str, wait: float = 0.0, workers: int | None = None,
                 extraction: dict | None = None, started_at: dt.datetime | None = None):
        self.started_at = started_at or dt.datetime.now(dt.timezone.utc)
        self.lake = Lake(location)
        self.run_id = new_run_id(self.started_at)
        self.extraction = dict(extraction or {})  # task_runner, dask_address, batch_size
        self._lock = LakeLock(self.lake, wait=wait)
        self.pool = ExtractionPool(workers)
        self.txn: Transaction | None = None
        self.catalog: str | None = None  # the catalog's path once published

    def __enter__(self) -> "LakeRun":
        self._lock.__enter__()
        try:
            crashpoint("run-locked")
            collect_garbage(self.lake)
            self.txn = Transaction(self.lake, self.run_id)
            self.pool.__enter__()
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, kind, value, trace) -> None:
        try:
            self.pool.__exit__(kind, value, trace)
            if kind is not None and self.txn is not None:
                self.txn.abort()
        finally:
            self._lock.__exit__(kind, value, trace)

    def restart(self) -> None:
        """Drop everything staged so far and start the transaction again (same run id)."""
        self.txn.abort()
        self.txn = Transaction(self.lake, self.run_id)

    def ingest_chunk(self, rows: list[dict], number: int, articles: bool = True) -> dict[str, int]:
        """Extract a chunk's originals and stage the chunk (its rows too when `articles`); the rows are emptied in place."""
        return self.finish_chunk(self.start_chunk(rows, number, articles))

    def start_chunk(self, rows: list[dict], number: int, articles: bool = True) -> PendingChunk:
        """Start extracting a chunk; with worker processes the caller may read the next chunk meanwhile."""
        return PendingChunk(rows, number, articles, submit_events(rows, self.run_id, pool=self.pool, **self.extraction))

    def finish_chunk(self, pending: PendingChunk, last: bool = False) -> dict[str, int]:
        """Wait for a chunk's extraction and stage the chunk; return its counts. Its rows are emptied in place.

        After the `last` chunk's extraction the workers are stopped before it is staged: they would sit idle
        at the run's peak (two chunks' rows, the workers, the server). A chunk after it starts them again.
        """
        mentions, dates = pending.result()
        crashpoint("events-extracted")
        if last:
            self.pool.stop()
        rows = pending.rows
        counts = stage_chunk(self.txn, quote(rows if pending.articles else None), quote(mentions), quote(dates),
                             pending.number)
        rows.clear()  # staged now; emptied in place, as a task's result may be kept by Prefect
        del mentions, dates
        release_free_memory()  # else the next chunks' rows add to the staged ones' freed pages, chunk after chunk
        crashpoint("chunk-staged")
        return counts

    def merge(self, stale_ids: set[str]) -> int:
        """Merge every mention (the lake's minus the stale articles', plus the staged ones) into events; stage both.

        The extraction workers are stopped first: they would sit idle through the merge, the run's peak.
        """
        self.pool.stop()
        release_free_memory()
        return merge_events(self.txn, self.lake, quote(stale_ids))

    def publish(self, run_row: dict) -> int:
        """Commit the staged tables and the run row as one snapshot, then rebuild the catalog; return the version."""
        version = publish_tables(self.txn, run_row)
        self.catalog = refresh_catalog_task(self.lake)
        return version
