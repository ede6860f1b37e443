"""`dateline timeline`: the key dates of a story, ranked by salience; `dateline eval t17` scores them."""

from __future__ import annotations

import sys
import time
from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import LakeOption, OutputOption

FORMATS = ("table", "csv", "json", "jsonl", "timelinejs-csv", "timelinejs-json")
COLUMNS = ["date", "rank", "score", "articles", "sources", "references", "event_types", "evidence", "event_ids"]
TABLE_COLUMNS = ["rank", "date", "articles", "sources", "event_types", "evidence"]

# Mentions that date an event, joined to the event they were merged into (its date may be sharper).
_MENTIONS_SQL = """
    SELECT m.mention_id, m.article_id, m.published_at, m.source, m.date_basis, m.date_precision,
           m.event_date, m.evidence_start, m.event_id
    FROM mentions m
    WHERE m.event_id IN (SELECT event_id FROM events WHERE date_precision = 'day')
      AND m.date_precision = 'day' {where}
"""
_EVENTS_SQL = """
    SELECT event_id, event_type, event_date, date_precision, modality, actors, location, evidence, url,
           source, num_mentions, num_articles, num_sources
    FROM events WHERE date_precision = 'day' {where}
"""
# Every day the story's articles name, event or no event (none under --actor: such a day has no actor).
_DATES_SQL = """
    SELECT article_id, day, published_at, source, basis, start FROM dates WHERE true {where}
"""
_VOLUME_SQL = """
    SELECT published_at, count(*) FROM articles
    WHERE duplicate_of IS NULL AND published_at IS NOT NULL {where} GROUP BY published_at
"""


def _filters(query: str | None, actor: str | None) -> tuple[str, str, str, list, list, list]:
    """SQL conditions (with bound parameters) for the story filters on mentions, events and articles."""
    m_where, e_where, a_where = "", "", ""
    m_params: list = []
    e_params: list = []
    a_params: list = []
    if query:
        words = [w for w in query.lower().split() if w]
        cond = " AND ".join("contains(lower(coalesce(a.title, '') || ' ' || a.text), ?)" for _ in words)
        story = f"SELECT a.article_id FROM articles a WHERE {cond}"
        m_where += f" AND m.article_id IN ({story})"
        e_where += f" AND event_id IN (SELECT event_id FROM mentions WHERE article_id IN ({story}))"
        a_where += f" AND article_id IN ({story})"
        m_params += words
        e_params += words
        a_params += words
    if actor:
        cond = "len(list_filter(actors, lambda x: contains(lower(x), lower(?)))) > 0"
        m_where += f" AND m.event_id IN (SELECT event_id FROM events WHERE {cond})"
        e_where += f" AND {cond}"
        events_of_actor = f"SELECT event_id FROM events WHERE {cond}"
        a_where += f" AND article_id IN (SELECT article_id FROM mentions WHERE event_id IN ({events_of_actor}))"
        m_params.append(actor)
        e_params.append(actor)
        a_params.append(actor)
    return m_where, e_where, a_where, m_params, e_params, a_params


def load_story(con, query: str | None, actor: str | None) -> tuple[list[dict], list[dict], dict, list[dict]]:
    """Mentions, events, publication counts and named days (`dates`) of the story from the lake's catalog."""
    m_where, e_where, a_where, m_params, e_params, a_params = _filters(query, actor)

    def rows(sql: str, params: list) -> list[dict]:
        """Run one query; rows as dicts."""
        result = con.execute(sql, params)
        names = [d[0] for d in result.description]
        return [dict(zip(names, r)) for r in result.fetchall()]

    mentions = rows(_MENTIONS_SQL.format(where=m_where), m_params)
    events = rows(_EVENTS_SQL.format(where=e_where), e_params)
    volume = dict(con.execute(_VOLUME_SQL.format(where=a_where), a_params).fetchall())
    return mentions, events, volume, [] if actor else named_days(con, a_where, a_params)


def named_days(con, a_where: str, a_params: list) -> list[dict]:
    """The story's `dates` rows; none from a catalog built before that table existed (until the next run)."""
    import duckdb

    try:
        result = con.execute(_DATES_SQL.format(where=a_where), a_params)
    except duckdb.CatalogException:
        return []
    names = [d[0] for d in result.description]
    return [dict(zip(names, r)) for r in result.fetchall()]


def key_date_rows(ranked: list) -> list[tuple]:
    """Table rows of ranked key dates: date first, as YYYY-MM-DD."""
    out = []
    for rank, k in enumerate(ranked, 1):
        evidence = " | ".join(e["evidence"] or "" for e in k.events)
        types = "; ".join(dict.fromkeys(e["event_type"] for e in k.events))
        ids = "; ".join(e["event_id"] for e in k.events)
        out.append((k.date.isoformat(), rank, round(k.score, 4), k.articles, k.sources, k.references, types,
                    evidence, ids))
    return out


def timeline(
    query: Annotated[
        Optional[str], typer.Option("--query", "-q", help="Only articles containing all these words.")
    ] = None,
    actor: Annotated[Optional[str], typer.Option(help="Only events with an actor containing this text.")] = None,
    top: Annotated[int, typer.Option("--top", "-n", help="Number of distinct dates to list, in rank order.")] = 20,
    per_date: Annotated[int, typer.Option(help="Event sentences shown per date.")] = 2,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, json, jsonl, timelinejs-csv or timelinejs-json.")
    ] = "table",
    title: Annotated[Optional[str], typer.Option(help="Title of a TimelineJS export.")] = None,
    output: OutputOption = None,
    lake: LakeOption = None,
) -> None:
    """List the key dates of a story, most salient first, each with its most reported events.

    Salience: how many days of coverage point back at a date (an event dated to it, or the date
    named), by how many articles and sources, how long after the fact they still do, and whether
    chronologies (articles naming many days) list it, against the volume of coverage around it.

    Example: dateline timeline --query "ceasefire sudan" --top 10 --format csv
    """
    import duckdb

    from dateline.commands.query import open_lake
    from dateline.output import open_output, write_rows
    from transforms.timeline import rank_dates

    if fmt not in FORMATS:
        raise fail(f"--format {fmt}: choose {', '.join(FORMATS)}")
    if top < 1:
        raise fail(f"--top {top}: must be at least 1")
    if per_date < 0:
        raise fail(f"--per-date {per_date}: must be 0 or more")
    con = open_lake(lake)
    try:
        mentions, events, volume, dates = load_story(con, query, actor)
    except duckdb.Error as exc:
        raise fail(f"timeline failed: {str(exc).splitlines()[0]}")
    finally:
        con.close()
    ranked = rank_dates(mentions, events, volume, top=top, per_date=max(per_date, 1), dates=dates)
    for k in ranked:
        k.events = k.events[:per_date]
    if not ranked:
        print("dateline: no dated events match", file=sys.stderr)
    if fmt.startswith("timelinejs"):
        from transforms.timelinejs import timelinejs_csv_rows, timelinejs_json

        heading = title or (f"Timeline: {query or actor}" if (query or actor) else "Dateline timeline")
        with open_output(output) as handle:
            if fmt == "timelinejs-json":
                import json

                handle.write(json.dumps(timelinejs_json(ranked, heading), ensure_ascii=False, indent=1) + "\n")
            else:
                from dateline.output import write_csv

                header, rows = timelinejs_csv_rows(ranked)
                write_csv(handle, header, rows)
        return
    rows = key_date_rows(ranked)
    if fmt == "table":  # people read dates and sentences; ids and scores are for files
        keep = [COLUMNS.index(c) for c in TABLE_COLUMNS]
        rows = [tuple(_shorten(r[i]) if COLUMNS[i] == "evidence" else r[i] for i in keep) for r in rows]
        write_rows(output, fmt, TABLE_COLUMNS, rows)
        return
    write_rows(output, fmt, COLUMNS, rows)


def _shorten(text: str, limit: int = 240) -> str:
    """Cut a long cell at a word boundary."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def eval_t17(
    path: Annotated[str, typer.Argument(help="A Timeline17 topic folder, or a folder of topic folders.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    grid: Annotated[
        bool, typer.Option("--grid", help="Also score a grid of weights around the defaults (mean, min, max F1).")
    ] = False,
) -> None:
    """Score date selection on Timeline17: per gold timeline keep as many dates as it has; print P/R/F1.

    The pipeline runs on the articles alone (in memory, the same steps as `dateline run`), and dates
    are ranked exactly as `dateline timeline` ranks them. `--grid` re-ranks under neighbouring weights
    (see evaluation.t17.ROBUSTNESS_GRID) to show whether the figure sits on a plateau or a peak.

    Example: dateline eval t17 ../shared/eval/t17/libya --grid
    """
    from evaluation.t17 import TopicResult, prepare_topic, read_topic, robustness, score_topic, topic_folders

    try:
        folders = topic_folders(path)
        topics = [read_topic(f) for f in folders]
    except ValueError as exc:
        raise fail(str(exc))
    results, grids = [], []
    t0 = time.monotonic()
    for topic in topics:
        print(f"dateline: {topic.name}: {len(topic.articles)} articles...", file=sys.stderr)
        prepared = prepare_topic(topic)
        results.append(TopicResult(topic.name, len(prepared.articles), len(prepared.mentions),
                                   len(prepared.events), prepared.seconds, score_topic(topic, prepared)))
        grids.append([f for _, f in robustness(topic, prepared)] if grid else [])
    if json_out:
        import json

        print(json.dumps([{"topic": r.name, "articles": r.articles, "mentions": r.mentions, "events": r.events,
                           "seconds": round(r.extract_seconds, 2), "mean_f1": round(r.mean_f1, 4),
                           "timelines": [dict(zip(("timeline", "dates", "precision", "recall", "f1"), row))
                                         for row in r.rows]}
                          | ({"grid": _grid_summary(g)} if grid else {}) for r, g in zip(results, grids)], indent=1))
        return
    print(f"{'topic':12} {'timeline':>8} {'dates':>5} {'P':>6} {'R':>6} {'F1':>6}")
    all_f1 = []
    for r in results:
        for tid, size, p, rec, f in r.rows:
            print(f"{r.name:12} {tid:>8} {size:>5} {p:6.3f} {rec:6.3f} {f:6.3f}")
            all_f1.append(f)
        print(f"{r.name:12} {'mean':>8} {'':>5} {'':>6} {'':>6} {r.mean_f1:6.3f}   "
              f"({r.articles} articles, {r.mentions} mentions, {r.events} events, "
              f"{r.articles / max(r.extract_seconds, 1e-9):.0f} articles/s)")
    if len(results) > 1:
        print(f"{'all':12} {'mean':>8} {'':>5} {'':>6} {'':>6} {sum(all_f1) / len(all_f1):6.3f}")
    for r, g in zip(results, grids):
        if g:
            s = _grid_summary(g)
            print(f"{r.name:12} {'grid':>8} {s['settings']:>5} mean F1 {s['mean']:.3f}  min {s['min']:.3f}  "
                  f"max {s['max']:.3f}")
    print(f"dateline: scored in {time.monotonic() - t0:.1f} s", file=sys.stderr)


def _grid_summary(f1s: list[float]) -> dict:
    """Number of settings and the mean, min and max of their mean F1."""
    return {"settings": len(f1s), "mean": round(sum(f1s) / len(f1s), 4), "min": round(min(f1s), 4),
            "max": round(max(f1s), 4)}


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add `timeline` and `eval t17` to the CLI."""
    app.command("timeline")(timeline)
    eval_app.command("t17")(eval_t17)
