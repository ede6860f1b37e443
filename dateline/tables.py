"""The SQL behind `dateline export` and the Python API: filtered events and mentions, traced to their articles.

One builder for both, so `dateline export --actor X` and `dateline.open_lake().events(actor="X")` return
the same rows. Filters come from `transforms.filters`, shared with the dashboard.
"""

from __future__ import annotations

from transforms.filters import Filters, where_clause

EVENT_COLUMNS = [
    "event_date", "date_precision", "date_basis", "time_value", "event_type", "plover_type", "cameo_root",
    "modality", "actors", "actor_codes", "recipient", "location", "location_country", "location_geonameid",
    "location_lat", "location_lon", "location_precision", "quantities", "num_sources", "num_articles",
    "num_mentions", "first_seen", "last_seen", "trigger", "evidence", "confidence", "source", "url", "event_id",
]
# Where each event comes from: its first article (earliest published) and every article, with the
# input each was read from (the record's own id, else its URL, else the path as given).
TRACE_COLUMNS = ["first_article_id", "first_input", "article_count", "article_ids", "inputs"]
# The offsets of the event's representative sentence in its article (for PLOVER's text_info).
EVIDENCE_COLUMNS = ["article_id", "evidence_start", "evidence_end", "trigger_start", "trigger_end"]
MENTION_COLUMNS = [
    "event_date", "date_precision", "date_basis", "time_value", "time_text", "event_type", "plover_type",
    "cameo_root", "modality", "actors", "actor_codes", "recipient", "location", "location_country",
    "location_geonameid", "location_lat", "location_lon", "location_precision", "quantities", "trigger",
    "trigger_start", "trigger_end", "evidence", "evidence_start", "evidence_end", "confidence",
    "extractor_version", "source", "url", "published_at", "article_id", "input", "input_id", "mention_id",
    "event_id",
]
# JSON-valued columns: a CSV cell holds them as JSON text.
JSON_COLUMNS = {"article_ids", "inputs"}

_INPUT_REF = "coalesce(a.input_id, a.url, a.input, m.url)"


def _articles(has_input_id: bool) -> str:
    """One row per article id with its input; a lake written before `input_id` existed gives nulls."""
    input_id = "any_value(input_id)" if has_input_id else "NULL::VARCHAR"
    return (f"(SELECT article_id, any_value(input) AS input, {input_id} AS input_id, any_value(url) AS url "
            "FROM articles GROUP BY article_id)")


def has_input_id(con) -> bool:
    """True when the lake's articles carry the `input_id` column (lakes from before it do not)."""
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'input_id'"
    ).fetchone()[0])


def events_sql(filters: Filters, evidence: bool = False, input_ids: bool = True) -> tuple[str, list, list[str]]:
    """SELECT of the filtered events with their trace columns (and evidence offsets), its parameters and columns."""
    where, params = where_clause(filters, alias="e")
    columns = EVENT_COLUMNS + TRACE_COLUMNS + (EVIDENCE_COLUMNS if evidence else [])
    select = [f"e.{c}" for c in EVENT_COLUMNS] + [
        "t.article_ids[1] AS first_article_id", "t.inputs[1] AS first_input",
        "coalesce(len(t.article_ids), 0)::INTEGER AS article_count", "t.article_ids", "t.inputs",
    ]
    joins = ""
    if evidence:
        select += ["e.article_id", "r.evidence_start", "r.evidence_end", "r.trigger_start", "r.trigger_end"]
        joins = """
        LEFT JOIN (SELECT event_id, article_id, evidence,
                          min(evidence_start) AS evidence_start, min(evidence_end) AS evidence_end,
                          min(trigger_start) AS trigger_start, min(trigger_end) AS trigger_end
                   FROM mentions GROUP BY ALL) r
          ON r.event_id = e.event_id AND r.article_id = e.article_id AND r.evidence = e.evidence"""
    sql = f"""
        WITH picked AS (SELECT * FROM events e{where}),
        traced AS (
            SELECT event_id,
                   list(article_id ORDER BY published_at NULLS LAST, article_id) AS article_ids,
                   list(input_ref ORDER BY published_at NULLS LAST, article_id) AS inputs
            FROM (SELECT DISTINCT m.event_id, m.article_id, m.published_at, {_INPUT_REF} AS input_ref
                  FROM mentions m LEFT JOIN {_articles(input_ids)} a ON a.article_id = m.article_id
                  WHERE m.event_id IN (SELECT event_id FROM picked))
            GROUP BY event_id)
        SELECT {', '.join(select)}
        FROM picked e LEFT JOIN traced t ON t.event_id = e.event_id{joins}
        ORDER BY e.event_date NULLS LAST, e.event_type, e.num_sources DESC, e.event_id"""
    return sql, params, columns


def mentions_sql(filters: Filters, input_ids: bool = True) -> tuple[str, list, list[str]]:
    """SELECT of the filtered mentions with the input of each one's article, its parameters and columns."""
    where, params = where_clause(filters, alias="m")
    select = [f"a.{c}" if c in ("input", "input_id") else f"m.{c}" for c in MENTION_COLUMNS]
    sql = f"""
        SELECT {', '.join(select)}
        FROM mentions m LEFT JOIN {_articles(input_ids)} a ON a.article_id = m.article_id{where}
        ORDER BY m.event_date NULLS LAST, m.event_type, m.published_at, m.mention_id"""
    return sql, params, MENTION_COLUMNS


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
    return f"SELECT * EXCLUDE (text) FROM articles{clause} ORDER BY published_at NULLS LAST, article_id", params
