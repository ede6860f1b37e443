"""The run's steps as one pure pipeline: documents -> article rows -> duplicates marked -> mentions and dates -> events.

No I/O: the flows (`flows/skeleton.py`) feed it documents read from sources or the lake and stage
what it returns. The batches are independent, so a caller may map them over a process pool
(`map_batches`); the result is the serial one, batch for batch, in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from transforms.articles import make_article
from transforms.documents import RawDocument, document_from_record
from transforms.mentions import extract_article_rows, extract_tables

if TYPE_CHECKING:
    import pyarrow as pa

BATCH_ARTICLES = 25  # articles per extraction batch: big enough to hide a pool's or Dask's per-task cost

Batch = list[dict]
MapBatches = Callable[[Callable[[Batch], tuple], list[Batch]], Iterable[tuple]]


def article_rows(documents: Iterable[RawDocument], now: dt.datetime, run_id: str) -> list[dict]:
    """Normalise documents into `articles` rows (duplicates not marked yet)."""
    return [make_article(doc, now, run_id) for doc in documents]


def originals(rows: list[dict]) -> list[dict]:
    """The rows that are no copy of another article: the only ones extracted."""
    return [row for row in rows if row["duplicate_of"] is None]


def in_batches(rows: list[dict], size: int = BATCH_ARTICLES) -> list[Batch]:
    """Consecutive batches of at most `size` rows."""
    step = max(1, size)
    return [rows[i : i + step] for i in range(0, len(rows), step)]


def extract_batch(articles: Batch) -> tuple[pa.Table, pa.Table]:
    """Mention and `dates` rows of a batch of articles as Arrow, without a run id (set when staged)."""
    return extract_tables(articles, None)


def extract_articles(
    rows: list[dict], run_id: str | None, batch_size: int = BATCH_ARTICLES, map_batches: MapBatches = map,
) -> tuple[pa.Table, pa.Table]:
    """Mentions and `dates` of every original among `rows`, extracted batch by batch through `map_batches`."""
    return concat_batches(list(map_batches(extract_batch, in_batches(originals(rows), batch_size))), run_id)


def concat_batches(results: list[tuple[pa.Table, pa.Table]], run_id: str | None) -> tuple[pa.Table, pa.Table]:
    """One mentions and one `dates` table from per-batch results, in batch order, stamped with the run id."""
    from transforms.frames import to_arrow, with_column

    if not results:
        return to_arrow("mentions", []), to_arrow("dates", [])
    import pyarrow as pa

    mentions = pa.concat_tables([m for m, _ in results])
    dates = pa.concat_tables([d for _, d in results])
    return (with_column(mentions, "run_id", [run_id] * mentions.num_rows),
            with_column(dates, "run_id", [run_id] * dates.num_rows))


def documents_of_records(records: Iterable[dict], name: str = "articles.jsonl") -> list[RawDocument]:
    """The documents of JSON records (`id`, `published`, `text`, ...); bad records are left out."""
    docs = (document_from_record(record, f"{name}:{n}", "") for n, record in enumerate(records, 1))
    return [doc for doc in docs if isinstance(doc, RawDocument)]


def run_in_memory(
    documents: Iterable[RawDocument], run_id: str, now: dt.datetime | None = None,
) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """What a run makes of documents into an empty lake, as rows: articles, mentions, events, dates.

    The same steps as the flow, with every row in memory and merged at once (`merge_mentions`, the
    reference the flow's windowed merge is tested against): for evaluations and small corpora.
    """
    from transforms.deduplication import mark_duplicates
    from transforms.merge import merge_mentions

    rows = article_rows(documents, now or dt.datetime.now(dt.timezone.utc), run_id)
    articles = mark_duplicates(rows, set(), {})
    mentions, dates = [], []
    for article in originals(articles):
        found, days = extract_article_rows(article, run_id)
        mentions += found
        dates += days
    assignment, events = merge_mentions(mentions)
    for mention in mentions:
        mention["event_id"] = assignment[mention["mention_id"]]
    return articles, mentions, events, dates
