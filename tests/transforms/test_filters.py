"""transforms/filters.py: one meaning per filter on every surface (export, timeline, the API, the dashboard), same lake."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.conftest import run_cli
from tests.transforms.lake_rows import ACTOR_CHAD
from transforms.filters import Filters, and_clause, story_clauses, where_clause


def csv_rows(text: str) -> list[dict]:
    """CSV text as dicts."""
    return list(csv.DictReader(io.StringIO(text)))


def timeline_ids(rows: list[dict]) -> set[str]:
    """The event ids behind the listed days of a timeline."""
    return {i for r in rows for i in r["event_ids"].split("; ") if i}


def surfaces(lake, **options) -> dict[str, set[str]]:
    """The event ids each surface gives for the same filter options (values as the CLI takes them)."""
    import dateline
    from dashboards.filters import parse_filters
    from dashboards.queries import event_page, reading, timeline

    args = [a for key, value in options.items() for a in (f"--{key}", value)]
    out = {}
    done = run_cli("export", "--lake", str(lake), *args, "-f", "csv")
    assert done.returncode == 0, done.stderr
    out["export"] = {r["event_id"] for r in csv_rows(done.stdout)}
    done = run_cli("export", "--lake", str(lake), "--mentions", *args, "-f", "csv")
    assert done.returncode == 0, done.stderr
    out["export --mentions"] = {r["event_id"] for r in csv_rows(done.stdout)}
    with dateline.open_lake(str(lake)) as api:
        out["lake.events"] = set(api.events(**options)["event_id"])
        out["lake.mentions"] = set(api.mentions(**options)["event_id"])
        if set(options) <= {"actor"}:  # lake.timeline takes actor and query
            out["lake.timeline"] = timeline_ids(api.timeline(**options).to_dict("records"))
    if set(options) <= {"actor", "type"}:  # the timeline's story filters
        done = run_cli("timeline", "--lake", str(lake), *args, "-f", "csv")
        assert done.returncode == 0, done.stderr
        out["timeline"] = timeline_ids(csv_rows(done.stdout))
    filters = parse_filters({"q" if k == "text" else k: v for k, v in options.items()}).filters
    with reading(str(lake)) as con:
        out["dashboard table"] = set(event_page(con, filters, page_size=250)["event_id"])
        out["dashboard chart"] = set(timeline(con, filters).frame["event_id"])
    return out


def test_actor_means_actor_or_recipient_on_every_surface(small_lake):
    found = surfaces(small_lake, actor="chad")
    assert {name: ids for name, ids in found.items() if ids != ACTOR_CHAD} == {}
    assert {"export", "timeline", "lake.timeline", "dashboard table"} <= set(found)


def test_type_and_text_mean_the_same_on_every_surface(small_lake):
    meetings = surfaces(small_lake, type="meeting")
    assert {name: ids for name, ids in meetings.items() if ids != {"ev-meet"}} == {}
    named = surfaces(small_lake, text="chad")  # the sentence counts too: the statement names Chad
    assert {name: ids for name, ids in named.items() if ids != ACTOR_CHAD | {"ev-statement"}} == {}


def test_where_and_and_clauses_share_conditions_and_parameters():
    filters = Filters(since=dt.date(2026, 3, 1), types=("meeting",), actor="Chad")
    where, params = where_clause(filters)
    also, same = and_clause(filters)
    assert where.startswith(" WHERE ") and also.startswith(" AND ") and params == same
    assert where[len(" WHERE "):].split(" AND ") == also[len(" AND "):].split(" AND ")
    assert and_clause(Filters()) == ("", [])


def test_story_clauses_put_parameters_in_the_order_of_their_placeholders():
    story = story_clauses(["sudan", "talks"], Filters(actor="Chad", types=("meeting", "vote")),
                          dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    assert story.mentions.count("?") == len(story.mention_params) == 6
    assert story.events.count("?") == len(story.event_params) == 5
    assert story.articles.count("?") == len(story.article_params) == 6
    assert story.event_params == ["sudan", "talks", "%Chad%", "%Chad%", ["meeting", "vote"]]
    assert "recipient" in story.events and "published_at" not in story.events
    assert story_clauses([], Filters()).events == ""


def test_export_and_timeline_refuse_an_unknown_type_in_the_same_words(small_lake):
    said = set()
    for surface in ("export", "timeline"):
        done = run_cli(surface, "--lake", str(small_lake), "--type", "Meeting,party")
        assert done.returncode == 2 and done.stderr.count("\n") == 1
        said.add(done.stderr)
    assert len(said) == 1 and said.pop().startswith("dateline: error: --type party: not an event type; choose from")


@pytest.mark.parametrize("surface", ["export", "timeline"])
def test_actor_help_says_actor_or_recipient(surface):
    done = run_cli(surface, "--help", env={"COLUMNS": "200"})
    assert "actor or recipient" in " ".join(done.stdout.split())


def test_a_date_window_leaves_out_events_dated_only_by_their_report():
    # Issue #16: "what happened on that day" must not return undated background, whose event_date is only the
    # publication day that bounds it (date_basis 'publication'); `undated` brings those rows back.
    import duckdb

    con = duckdb.connect()
    # 'perfect': a class the guide calls unknown (empty date): no day window lists it, `undated` or not.
    con.execute("CREATE TABLE events (event_id VARCHAR, event_date DATE, date_basis VARCHAR, event_type VARCHAR, "
                "on_or_before DATE)")
    con.execute("INSERT INTO events VALUES ('dated', '2026-02-19', 'relative', 'meeting', '2026-02-19'), "
                "('bounded', '2026-02-19', 'publication', 'statement', '2026-02-19'), "
                "('unknown', NULL, 'unknown', 'pledge', NULL), ('old-lake', '2026-02-19', NULL, 'vote', NULL), "
                "('perfect', NULL, 'publication', 'appointment', '2026-02-19'), "
                "('perfect-later', NULL, 'publication', 'appointment', '2026-02-21')")

    def ids(filters: Filters) -> set[str]:
        where, params = where_clause(filters)
        return {r[0] for r in con.execute(f"SELECT event_id FROM events{where}", params).fetchall()}

    day = dt.date(2026, 2, 19)
    assert ids(Filters(since=day, until=day)) == {"dated", "old-lake"}
    assert ids(Filters(since=day, until=day, undated=True)) == {"dated", "bounded", "old-lake"}
    assert ids(Filters(types=("statement",))) == {"bounded"}  # no window: nothing left out
    assert ids(Filters(types=("appointment",))) == {"perfect", "perfect-later"}


def test_every_surface_takes_the_undated_choice(small_lake):
    import dateline

    with dateline.open_lake(str(small_lake)) as api:
        kept = set(api.events(since="2020-01-01", undated=True)["event_id"])
        assert kept == set(api.events(since="2020-01-01")["event_id"])  # every row of this lake is dated
    done = run_cli("export", "--lake", str(small_lake), "--since", "2020-01-01", "--undated", "-f", "csv")
    assert done.returncode == 0 and {r["event_id"] for r in csv_rows(done.stdout)} == kept
