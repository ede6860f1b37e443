"""Arrow schemas of the lake's tables: the single source of truth for column names and types."""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1

_str = pa.string()
_strs = pa.list_(pa.string())
_ts = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema(
    [
        ("article_id", _str),  # stable content hash of the normalised text
        ("input", _str),  # the path or URL as given, with :LINE for a JSONL/CSV line
        ("input_id", _str),  # the record's own id (JSON/CSV `id`, front matter `id`), null when it had none
        ("url", _str),
        ("canonical_url", _str),
        ("source", _str),  # outlet or feed name
        ("title", _str),
        ("published_at", pa.date32()),
        ("published_basis", _str),  # metadata | feed | url | dateline | none
        ("dateline_place", _str),
        ("text", _str),
        ("word_count", pa.int32()),
        ("content_hash", _str),  # hash of the raw input bytes: an unchanged source is skipped
        ("ingested_at", _ts),
        ("duplicate_of", _str),  # article_id of the first copy, null for an original
        ("duplicate_kind", _str),  # exact | url | near, null for an original
        ("run_id", _str),
        ("pub_month", _str),  # partition: YYYY-MM or 'unknown'
    ]
)

MENTIONS = pa.schema(
    [
        ("mention_id", _str),  # stable: hash of article, trigger offsets and type
        ("event_id", _str),  # the merged real-world event this mention belongs to
        ("article_id", _str),
        ("event_type", _str),
        ("plover_type", _str),
        ("cameo_root", _str),
        ("event_date", pa.date32()),  # first day of the period; null when unknown
        ("time_value", _str),  # TIMEX3 value, e.g. 2026-W07
        ("date_precision", _str),  # day | week | month | quarter | year | unknown
        ("date_basis", _str),  # explicit | relative | anchored | publication | unknown
        ("time_text", _str),
        ("on_or_before", pa.date32()),  # the latest day it can fall on: its period's end, else the report's day
        ("actors", _strs),
        ("actor_codes", _strs),  # ISO 3166 alpha-3 codes of country actors
        ("recipient", _strs),
        ("location", _str),
        ("location_geonameid", pa.int64()),
        ("location_country", _str),  # ISO 3166 alpha-3
        ("location_lat", pa.float64()),
        ("location_lon", pa.float64()),
        ("location_precision", _str),  # city | region | country
        ("quantities", _strs),
        ("modality", _str),  # asserted | future | hypothetical | negated
        ("actor_kinds", _strs),  # person | government | armed group | company | organisation | people, per actor
        ("trigger", _str),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("evidence", _str),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("confidence", pa.float64()),
        ("extractor_version", _str),
        ("published_at", pa.date32()),
        ("source", _str),
        ("url", _str),
        ("run_id", _str),
        ("event_month", _str),  # partition: YYYY-MM or 'unknown'
    ]
)

EVENTS = pa.schema(
    [
        ("event_id", _str),
        ("event_type", _str),
        ("plover_type", _str),
        ("cameo_root", _str),
        ("event_date", pa.date32()),
        ("date_precision", _str),
        ("date_basis", _str),
        ("time_value", _str),
        ("on_or_before", pa.date32()),  # the latest day it can fall on (the earliest report bounds an undated one)
        ("actors", _strs),
        ("actor_codes", _strs),
        ("recipient", _strs),
        ("location", _str),
        ("location_geonameid", pa.int64()),
        ("location_country", _str),
        ("location_lat", pa.float64()),
        ("location_lon", pa.float64()),
        ("location_precision", _str),
        ("quantities", _strs),
        ("modality", _str),
        ("trigger", _str),
        ("evidence", _str),  # the most representative sentence
        ("article_id", _str),  # the article of that sentence
        ("url", _str),
        ("source", _str),
        ("confidence", pa.float64()),
        ("first_seen", pa.date32()),  # earliest publication date among its mentions
        ("last_seen", pa.date32()),
        ("num_mentions", pa.int32()),
        ("num_articles", pa.int32()),
        ("num_sources", pa.int32()),
        ("mention_ids", _strs),
        ("event_month", _str),
    ]
)

DATES = pa.schema(
    [
        ("article_id", _str),  # an original article (duplicates are not extracted)
        ("day", pa.date32()),  # the calendar day a date expression of the article names
        ("basis", _str),  # explicit ("March 19") | relative ("Thursday", "yesterday")
        ("time_text", _str),
        ("start", pa.int32()),  # offsets of the expression in the article's text
        ("end", pa.int32()),
        ("published_at", pa.date32()),
        ("source", _str),
        ("run_id", _str),
    ]
)

REJECTS = pa.schema(
    [
        ("input", _str),  # one row per input: a re-run updates it
        ("reason", _str),  # short code, e.g. binary, empty, too-large, http-404, bad-json
        ("detail", _str),  # one line for a person
        ("seen_at", _ts),
        ("run_id", _str),
    ]
)

RUNS = pa.schema(
    [
        ("run_id", _str),
        ("flow_run_id", _str),
        ("started_at", _ts),
        ("finished_at", _ts),
        ("status", _str),  # completed | failed
        ("sources", _strs),
        ("inputs", pa.int32()),
        ("articles_new", pa.int32()),
        ("duplicates", pa.int32()),
        ("skipped_unchanged", pa.int32()),
        ("rejects", pa.int32()),
        ("mentions_new", pa.int32()),
        ("events_total", pa.int32()),
        ("duration_s", pa.float64()),
        ("extractor_version", _str),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "mentions": MENTIONS,
    "events": EVENTS,
    "dates": DATES,
    "rejects": REJECTS,
    "runs": RUNS,
}

# Hive partition column of each table (None: one unpartitioned file set).
PARTITION_COLUMN = {"articles": "pub_month", "mentions": "event_month", "events": "event_month"}
