"""Turn extractor output for one article into rows of the `mentions` table (pure)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from transforms.articles import derived_id

if TYPE_CHECKING:
    import pyarrow as pa


def mention_rows(article: dict, extracted: list[dict], run_id: str | None) -> list[dict]:
    """Add ids, article provenance and the partition key to each extracted event."""
    rows = []
    for event in extracted:
        row = dict(event)
        row["mention_id"] = derived_id(
            article["article_id"], str(event["trigger_start"]), str(event["trigger_end"]), event["event_type"]
        )
        row["event_id"] = None
        row["article_id"] = article["article_id"]
        row["published_at"] = article.get("published_at")
        row["source"] = article.get("source")
        row["url"] = article.get("url")
        row["run_id"] = run_id
        date = event.get("event_date")
        row["event_month"] = _month(date) if date else "unknown"
        rows.append(row)
    return rows


@lru_cache(maxsize=4096)
def _month(date) -> str:
    """The partition key "YYYY-MM" of an event date (cached: strftime is slow and events share few days)."""
    return date.strftime("%Y-%m")


def extract_article(article: dict, run_id: str) -> list[dict]:
    """Run the event extractor on one article and return its mention rows."""
    from transforms.events import extract_events

    return mention_rows(article, extract_events(article["text"], article.get("published_at")), run_id)


def extract_article_rows(article: dict, run_id: str | None) -> tuple[list[dict], list[dict]]:
    """Run the event extractor on one article: its mention rows and its `dates` rows (days it names)."""
    from transforms.dates import date_rows
    from transforms.events import extract_dated

    events, days = extract_dated(article["text"], article.get("published_at"))
    return mention_rows(article, events, run_id), date_rows(article, days, run_id)


def extract_tables(articles: list[dict], run_id: str | None) -> tuple[pa.Table, pa.Table]:
    """Run the event extractor on some articles: their mention and `dates` rows as two Arrow tables."""
    from transforms.frames import to_arrow

    rows, dates = [], []
    for article in articles:
        found, days = extract_article_rows(article, run_id)
        rows += found
        dates += days
    return to_arrow("mentions", rows), to_arrow("dates", dates)
