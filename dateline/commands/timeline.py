"""`dateline timeline`: the key dates of a story, ranked by salience; `dateline eval t17` scores them."""

from __future__ import annotations

import sys
import time
from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import LakeOption, OutputOption, check_types, choose_format, parse_day

FORMATS = ("table", "csv", "json", "jsonl", "timelinejs-csv", "timelinejs-json")
COLUMNS = ["date", "rank", "score", "articles", "sources", "references", "event_types", "summary", "evidence",
           "event_ids"]
TABLE_COLUMNS = ["rank", "date", "articles", "sources", "event_types", "summary"]

def load_story(con, query: str | None, actor: str | None, window=None,
               types: set[str] | None = None) -> tuple[list[dict], list[dict], dict, list[dict]]:
    """Mentions, events, publication counts and named days (`dates`) of the story from the lake's catalog.

    `actor` means what `dateline export --actor` means: text in an actor's or a recipient's name, any case.
    """
    from transforms.filters import Filters, story_clauses
    from transforms.sql import render

    words = [w for w in (query or "").lower().split() if w]
    story = story_clauses(words, Filters(actor=(actor or "").strip(), types=tuple(sorted(types or ()))),
                          getattr(window, "published_since", None), getattr(window, "published_until", None))

    def rows(sql: str, params: list) -> list[dict]:
        """Run one query; rows as dicts."""
        result = con.execute(sql, params)
        names = [d[0] for d in result.description]
        return [dict(zip(names, r)) for r in result.fetchall()]

    mentions = rows(render("queries/timeline/mentions", story=story.mentions), story.mention_params)
    events = rows(render("queries/timeline/events", story=story.events), story.event_params)
    volume = dict(con.execute(render("queries/timeline/volume", story=story.articles),
                              story.article_params).fetchall())
    # a day named in an article has no actor: under --actor only event days count
    return mentions, events, volume, [] if actor else named_days(con, story.articles, story.article_params)


def published_articles(con, query: str | None, actor: str | None, window=None) -> dict:
    """Publication day -> the story's original article ids, under the story's article filters."""
    from transforms.filters import Filters, story_clauses
    from transforms.sql import render

    words = [w for w in (query or "").lower().split() if w]
    story = story_clauses(words, Filters(actor=(actor or "").strip()), getattr(window, "published_since", None),
                          getattr(window, "published_until", None))
    out: dict = {}
    for day, article_id in con.execute(render("queries/timeline/published", story=story.articles),
                                       story.article_params).fetchall():
        out.setdefault(day, []).append(article_id)
    return out


def named_days(con, a_where: str, a_params: list) -> list[dict]:
    """The story's `dates` rows; none from a catalog built before that table existed (until the next run)."""
    import duckdb

    from transforms.sql import render

    try:
        result = con.execute(render("queries/timeline/dates", story=a_where), a_params)
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
        summary = " ".join(k.sentences) or evidence  # never blank: a listed day has a sentence or an event
        out.append((k.date.isoformat(), rank, round(k.score, 4), k.articles, k.sources, k.references, types,
                    summary, evidence, ids))
    return out


def timeline(
    query: Annotated[Optional[str], typer.Option("--query", help="Only articles containing all these words.")] = None,
    actor: Annotated[Optional[str], typer.Option(
        help="Only events with an actor or recipient containing this text (any case), as in export.")] = None,
    event_types: Annotated[
        Optional[list[str]], typer.Option("--type", help="Only days with an event of this type (repeatable).")
    ] = None,
    since: Annotated[Optional[str], typer.Option(help="List only dates on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="List only dates on or before this day (YYYY-MM-DD).")] = None,
    published_since: Annotated[
        Optional[str], typer.Option(help="Count only articles published on or after this day (YYYY-MM-DD).")
    ] = None,
    published_until: Annotated[
        Optional[str], typer.Option(help="Count only articles published on or before this day (YYYY-MM-DD).")
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", help="Number of distinct dates to list, in rank order.")] = 20,
    per_date: Annotated[int, typer.Option(help="Event sentences shown per date.")] = 2,
    sentences: Annotated[int, typer.Option(help="Sentences saying what happened, shown per date.")] = 2,
    latest: Annotated[bool, typer.Option(
        "--latest/--no-latest", help="Head the list with the latest day of coverage (the story as it stands).")] = True,
    fmt: Annotated[
        Optional[str],
        typer.Option("--format", "-f", help="table (default on a terminal), csv (default when piped), json, jsonl, "
                                            "timelinejs-csv or timelinejs-json."),
    ] = None,
    title: Annotated[Optional[str], typer.Option(help="Title of a TimelineJS export.")] = None,
    output: OutputOption = None,
    lake: LakeOption = None,
) -> None:
    """List the key dates of a story, most salient first, each with its events and what happened.

    Salience: how many days of coverage point back at a date (an event dated to it, or the date
    named), by how many articles and sources, how long after the fact they still do, and whether
    chronologies (articles naming many days) list it, against the volume of coverage around it.
    The latest day of coverage heads the list (--no-latest: salience only).
    --since/--until bound the dates listed; --published-since/--published-until the articles counted.

    Example: dateline timeline --query "ceasefire sudan" --published-since 2026-01-01 --top 10 --format csv
    """
    import duckdb

    from dateline.commands.query import open_lake
    from dateline.output import open_output, write_rows
    import dataclasses

    from transforms.timeline import DEFAULT, rank_dates

    fmt = choose_format(fmt, output, allowed=FORMATS)
    if top < 1:
        raise fail(f"--top {top}: must be at least 1")
    if per_date < 0:
        raise fail(f"--per-date {per_date}: must be 0 or more")
    if sentences < 0:
        raise fail(f"--sentences {sentences}: must be 0 or more")
    if per_date == 0 and sentences == 0:  # a listed date must say what happened: never a blank row
        raise fail("--per-date 0 with --sentences 0: a date would be listed with nothing saying what happened")
    window = parse_window(since, until, published_since, published_until)
    types = parse_types(event_types)
    con = open_lake(lake)
    try:
        mentions, events, volume, dates = load_story(con, query, actor, window, types)
        ranked = rank_dates(mentions, events, volume, top=top, per_date=max(per_date, 1), dates=dates,
                            window=window, types=types, texts=TextLoader(con), sentences=sentences,
                            published=published_articles(con, query, actor, window),
                            weights=dataclasses.replace(DEFAULT, latest_day=latest))
    except duckdb.Error as exc:
        raise fail(f"timeline failed: {str(exc).splitlines()[0]}")
    finally:
        con.close()
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
        rows = [tuple(_shorten(r[i]) if COLUMNS[i] in ("evidence", "summary") else r[i] for i in keep) for r in rows]
        write_rows(output, fmt, TABLE_COLUMNS, rows)
        return
    write_rows(output, fmt, COLUMNS, rows)


def parse_window(since, until, published_since, published_until):
    """The four day options as a Window, or a one-line error naming the bad one."""
    from transforms.timeline import Window

    window = Window(parse_day(since, "--since"), parse_day(until, "--until"),
                    parse_day(published_since, "--published-since"), parse_day(published_until, "--published-until"))
    if window.since and window.until and window.since > window.until:
        raise fail(f"--since {since} is after --until {until}")
    if window.published_since and window.published_until and window.published_since > window.published_until:
        raise fail(f"--published-since {published_since} is after --published-until {published_until}")
    return window


def parse_types(values: list[str] | None) -> set[str] | None:
    """--type values (repeatable, or comma-separated), checked as `dateline export` checks them; None for none."""
    return set(check_types(values)) or None


class TextLoader(dict):
    """Article id -> text, read from the lake on first use (only the articles behind the listed days)."""

    def __init__(self, con):
        """Texts of the lake behind this connection, none read yet."""
        super().__init__()
        self._con = con

    def __missing__(self, article_id: str) -> str:
        """Read one article's text (empty when the lake has no such article)."""
        from transforms.sql import load

        row = self._con.execute(load("queries/timeline/article_text"), [article_id]).fetchone()
        self[article_id] = row[0] if row else ""
        return self[article_id]

    def get(self, article_id, default=None):
        """The article's text (read once)."""
        return self[article_id] or default


def _shorten(text: str, limit: int = 240) -> str:
    """Cut a long cell at a word boundary."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def eval_t17(
    paths: Annotated[list[str], typer.Argument(help="Timeline17 topic folders, or folders of topic folders.")],
    loto: Annotated[
        bool, typer.Option("--loto", help="Also score each topic with weights chosen on the other topics.")
    ] = False,
    ablation: Annotated[
        bool, typer.Option("--ablation", help="Also the LOTO mean with each signal taken out in turn (slow).")
    ] = False,
    cache: Annotated[
        Optional[str],
        typer.Option(help="Keep each topic's extraction in this folder (reused while the code is unchanged)."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score key dates on Timeline17 as news-tls does, beside two baselines, with ROUGE of the summaries.

    Per gold timeline: the pipeline runs on the articles published in its window (first to last gold
    day), `timeline` lists as many dates as it has inside that window, and date F1 is mean P and R
    over timelines, then F1. Baselines: the window's busiest publication days, and the days named by
    the most articles. R1/R2: alignment ROUGE of our per-date sentences against the gold summaries.
    egypt is reported but left out of the means (its articles were cut to exactly the gold days).

    --cache DIR keeps each topic's extraction (the slow part) while ranking code changes.

    Example: dateline eval t17 ../shared/eval/t17 --loto --cache /tmp/t17-cache
    """
    from evaluation.t17 import ablation as ablate
    from evaluation.t17 import cached_extraction, leave_one_topic_out, read_topic, report_topic, timeline_runs
    from evaluation.t17 import topic_folders
    from transforms.timeline import DEFAULT, RANKING_GRID

    try:
        folders = [f for path in paths for f in topic_folders(path)]
        topics = [read_topic(f) for f in folders]
    except ValueError as exc:
        raise fail(str(exc))
    t0 = time.monotonic()
    reports, runs = [], {}
    for topic in topics:
        print(f"dateline: {topic.name}: {len(topic.articles)} articles...", file=sys.stderr)
        extracted = cached_extraction(topic, cache)
        runs[topic.name] = timeline_runs(topic, extracted)
        reports.append(report_topic(topic, runs[topic.name], extracted.seconds, DEFAULT))
    if loto:
        for name, (f1, weights) in leave_one_topic_out(runs).items():
            report = next(r for r in reports if r.name == name)
            report.loto = f1
            report.loto_weights = {k: getattr(weights, k) for k in RANKING_GRID}
    ablated = ablate(runs) if ablation else {}
    if json_out:
        import dataclasses
        import json

        print(json.dumps([dataclasses.asdict(r) | {"in_means": r.in_means} for r in reports]
                         + ([{"ablation": {k: v[0] for k, v in ablated.items()}}] if ablated else []), indent=1))
        return
    print_reports(reports, loto)
    for name, (mean, per_topic) in ablated.items():
        print(f"ablation {name:40} LOTO mean {mean:.3f}  " + " ".join(f"{t} {f:.3f}" for t, f in per_topic.items()))
    print(f"dateline: scored in {time.monotonic() - t0:.1f} s", file=sys.stderr)


def print_reports(reports: list, loto: bool) -> None:
    """The per-timeline and per-topic table, then the means over the topics that count."""
    print(f"{'topic':10} {'timeline':>8} {'dates':>5} {'ours':>6} {'busiest':>7} {'named':>6}"
          + (f" {'loto':>6}" if loto else "") + f" {'R1':>6} {'R2':>6}")
    for r in reports:
        for tid, size, ours, busiest, named in r.rows:
            print(f"{r.name:10} {tid:>8} {size:>5} {ours:6.3f} {busiest:7.3f} {named:6.3f}")
        note = "" if r.in_means else "   (not in means)"
        lo = (f" {r.loto:6.3f}" if r.loto is not None else f" {'-':>6}") if loto else ""
        print(f"{r.name:10} {'topic':>8} {'':>5} {r.ours:6.3f} {r.busiest:7.3f} {r.named:6.3f}{lo} "
              f"{r.rouge1:6.3f} {r.rouge2:6.3f}{note}")
    counted = [r for r in reports if r.in_means]
    if counted:
        def mean(values):
            """Mean of a list."""
            return sum(values) / len(values)
        lo = f" {mean([r.loto or 0.0 for r in counted]):6.3f}" if loto else ""
        print(f"{'mean':10} {'':>8} {'':>5} {mean([r.ours for r in counted]):6.3f} "
              f"{mean([r.busiest for r in counted]):7.3f} {mean([r.named for r in counted]):6.3f}{lo} "
              f"{mean([r.rouge1 for r in counted]):6.3f} {mean([r.rouge2 for r in counted]):6.3f}")
    if loto:
        for r in counted:
            if r.loto_weights:
                print(f"loto {r.name}: weights chosen on the others: {r.loto_weights}")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add `timeline` and `eval t17` to the CLI."""
    app.command("timeline")(timeline)
    eval_app.command("t17")(eval_t17)
