"""The SQL behind `dateline export` and the Python API: filtered events and mentions, traced to their articles.

The SQL is in transforms/sql/queries/export/; this module fills its slots. One builder for both, so
`dateline export --actor X` and `dateline.open_lake().events(actor="X")` return the same rows. Filters come
from `transforms.filters`, shared with the timeline and the dashboard.
"""

from __future__ import annotations

from transforms.filters import Filters, where_clause
from transforms.sql import load, render

EVENT_COLUMNS = [
    "event_date", "date_precision", "date_basis", "time_value", "on_or_before", "event_type", "plover_type",
    "cameo_root", "modality", "actors", "actor_codes", "recipient", "location", "location_country", "location_geonameid",
    "location_lat", "location_lon", "location_precision", "quantities", "num_sources", "num_articles",
    "num_mentions", "first_seen", "last_seen", "trigger", "evidence", "confidence", "source", "url", "event_id",
]
# Where each event comes from: its first article (earliest published) and every article, with the
# input each was read from (the record's own id, else its URL, else the path as given).
TRACE_COLUMNS = ["first_article_id", "first_input", "article_count", "article_ids", "inputs"]
# The offsets of the event's representative sentence in its article (for PLOVER's text_info).
EVIDENCE_COLUMNS = ["article_id", "evidence_start", "evidence_end", "trigger_start", "trigger_end"]
MENTION_COLUMNS = [
    "event_date", "date_precision", "date_basis", "time_value", "time_text", "on_or_before", "event_type",
    "plover_type", "cameo_root", "modality", "actors", "actor_codes", "recipient", "location", "location_country",
    "location_geonameid", "location_lat", "location_lon", "location_precision", "quantities", "trigger",
    "trigger_start", "trigger_end", "evidence", "evidence_start", "evidence_end", "confidence",
    "extractor_version", "source", "url", "published_at", "article_id", "input", "input_id", "mention_id",
    "event_id",
]
# JSON-valued columns: a CSV cell holds them as JSON text.
JSON_COLUMNS = {"article_ids", "inputs"}


def has_input_id(con) -> bool:
    """True when the lake's articles carry the `input_id` column (lakes from before it do not)."""
    return bool(con.execute(load("queries/export/has_input_id")).fetchone()[0])


def has_on_or_before(con) -> bool:
    """True when the lake's events and mentions carry the `on_or_before` column (lakes from before it do not)."""
    return bool(con.execute(load("queries/export/has_on_or_before")).fetchone()[0])


def _old_lake(input_ids: bool, bounds: bool = True) -> tuple[str, ...]:
    """The optional parts that read a lake written before `input_id` (its inputs then have no id) or before
    `on_or_before` (read as empty)."""
    return (() if input_ids else ("before_input_id",)) + (() if bounds else ("before_on_or_before",))


def events_sql(filters: Filters, evidence: bool = False, input_ids: bool = True,
               bounds: bool = True) -> tuple[str, list, list[str]]:
    """SELECT of the filtered events with their trace columns (and evidence offsets), its parameters and columns."""
    where, params = where_clause(filters, alias="e")
    columns = EVENT_COLUMNS + TRACE_COLUMNS + (EVIDENCE_COLUMNS if evidence else [])
    parts = _old_lake(input_ids, bounds) + (("evidence",) if evidence else ())
    return render("queries/export/events", switch_on=parts, where=where), params, columns


def mentions_sql(filters: Filters, input_ids: bool = True, bounds: bool = True) -> tuple[str, list, list[str]]:
    """SELECT of the filtered mentions with the input of each one's article, its parameters and columns."""
    where, params = where_clause(filters, alias="m")
    parts = _old_lake(input_ids, bounds) + (("on_or_before",) if bounds else ())
    return render("queries/export/mentions", switch_on=parts, where=where), params, MENTION_COLUMNS


def articles_sql(since=None, until=None, source: str | None = None, originals: bool = False) -> tuple[str, list]:
    """SELECT of articles (without their text) by publication date and outlet."""
    where, params = [], []
    if since:
        where.append("published_at >= ?")
        params.append(since)
    if until:
        where.append("published_at <= ?")
        params.append(until)
    if source:
        where.append("source ILIKE ?")
        params.append(source)
    if originals:
        where.append("duplicate_of IS NULL")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return render("queries/export/articles", where=clause), params
