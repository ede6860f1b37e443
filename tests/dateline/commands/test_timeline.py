"""`dateline timeline` over a real lake made by `dateline run` (real Prefect server), and incremental merging."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import duckdb
import pytest

from tests.conftest import SAMPLES, run_cli


def _sample_records() -> list[dict]:
    """The sample articles as JSONL records with only id, published and text (the held-out layout)."""
    from tests.helpers import read_sources

    records = []
    for doc in read_sources([str(SAMPLES)]).documents:
        records.append({"id": doc.given_id or doc.input, "published": doc.published, "text": doc.text})
    return sorted(records, key=lambda r: r["published"])


def _write_jsonl(path, records) -> str:
    """Write records as JSON lines; return the path."""
    with open(path, "w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps(r) + "\n")
    return str(path)


def _events(lake) -> dict[str, tuple]:
    """event_id -> sorted mention ids, read from a lake's catalog."""
    con = duckdb.connect(str(lake / "catalog.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT event_id, mention_ids FROM events").fetchall()
    finally:
        con.close()
    return {eid: tuple(sorted(mids)) for eid, mids in rows}


@pytest.fixture(scope="module")
def lakes(prefect_api, tmp_path_factory):
    """One lake built in two runs (older articles first), one rebuilt from all articles at once."""
    tmp = tmp_path_factory.mktemp("timeline")
    records = _sample_records()
    # the split falls inside the Sudan story: later articles must join events of the first run
    half = sum(1 for r in records if r["published"] < "2026-03-05")
    first = _write_jsonl(tmp / "first.jsonl", records[:half])
    second = _write_jsonl(tmp / "second.jsonl", records[half:])
    every = _write_jsonl(tmp / "all.jsonl", records)
    incremental, rebuilt = tmp / "incremental", tmp / "rebuilt"
    after_first = None
    for args in ((first, incremental), (second, incremental), (every, rebuilt)):
        done = run_cli("run", args[0], "--lake", str(args[1]), "--quiet", timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        if after_first is None:
            after_first = _events(incremental)
    return {"incremental": incremental, "rebuilt": rebuilt, "after_first": after_first, "records": records}


def test_incremental_runs_give_the_events_of_a_rebuild_and_keep_ids(lakes):
    incremental, rebuilt = _events(lakes["incremental"]), _events(lakes["rebuilt"])
    assert incremental == rebuilt
    assert any(len(m) > 1 for m in incremental.values())
    # every event of the first run still exists under its id, with at least the same mentions
    before = lakes["after_first"]
    for event_id, mentions in before.items():
        assert event_id in incremental
        assert set(mentions) <= set(incremental[event_id])
    assert any(len(incremental[e]) > len(m) for e, m in before.items())  # some old event gained mentions


def test_timeline_csv_ranks_like_the_in_memory_pipeline(lakes):
    from evaluation.t17 import publication_counts
    from tests.helpers import pipeline_in_memory
    from transforms.timeline import rank_dates

    done = run_cli("timeline", "--lake", str(lakes["rebuilt"]), "--top", "6", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0][0] == "date" and len(rows) == 7
    days = [r[0] for r in rows[1:]]
    assert all(dt.date.fromisoformat(d).isoformat() == d for d in days)
    assert len(set(days)) == 6
    articles, mentions, events, dates = pipeline_in_memory(lakes["records"])
    assert dates  # the samples name days, so the lake's `dates` rows take part in the ranking
    texts = {a["article_id"]: a["text"] for a in articles}
    expected = [k.date.isoformat() for k in rank_dates(mentions, events, publication_counts(articles), top=6,
                                                        dates=dates, texts=texts)]
    assert days == expected
    assert all(r[7].strip() for r in rows[1:])  # every listed date says what happened: no blank row


def test_timeline_windows_bound_the_dates_listed_and_the_articles_counted(lakes):
    from evaluation.t17 import publication_counts
    from tests.helpers import pipeline_in_memory
    from transforms.timeline import Window, rank_dates

    lake = str(lakes["rebuilt"])
    args = ["--since", "2026-03-01", "--until", "2026-03-31", "--published-since", "2026-03-01",
            "--published-until", "2026-03-20", "--top", "50", "-f", "csv"]
    done = run_cli("timeline", "--lake", lake, *args)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))[1:]
    days = [r[0] for r in rows]
    assert days and all("2026-03-01" <= d <= "2026-03-31" for d in days)
    articles, mentions, events, dates = pipeline_in_memory(lakes["records"])
    window = Window(dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 3, 1), dt.date(2026, 3, 20))
    expected = rank_dates(mentions, events, publication_counts(articles), top=50, dates=dates, window=window,
                          texts={a["article_id"]: a["text"] for a in articles})
    assert days == [k.date.isoformat() for k in expected]
    everything = [r[0] for r in list(csv.reader(io.StringIO(run_cli(
        "timeline", "--lake", lake, "--top", "50", "-f", "csv").stdout)))[1:]]
    assert set(days) < set(everything) or days != everything  # the windows changed what is listed


def test_timeline_type_lists_only_days_with_such_an_event(lakes):
    lake = str(lakes["rebuilt"])
    done = run_cli("timeline", "--lake", lake, "--type", "meeting", "--top", "10", "-f", "json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert listed and all(r["event_types"] == "meeting" for r in listed)
    unknown = run_cli("timeline", "--lake", lake, "--type", "meeting,party")
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    assert unknown.stderr.startswith("dateline: error: --type party: not an event type; choose from meeting,")


def test_timeline_filters_by_query_and_actor(lakes):
    lake = str(lakes["rebuilt"])
    sudan = run_cli("timeline", "--lake", lake, "--query", "Sudan ceasefire", "--top", "5", "-f", "csv")
    assert sudan.returncode == 0, sudan.stderr
    days = [dt.date.fromisoformat(r[0]) for r in list(csv.reader(io.StringIO(sudan.stdout)))[1:]]
    assert days and all(dt.date(2026, 2, 20) <= d <= dt.date(2026, 3, 20) for d in days)
    kenya = run_cli("timeline", "--lake", lake, "--actor", "Kenya", "-f", "json")
    assert kenya.returncode == 0, kenya.stderr
    listed = json.loads(kenya.stdout)
    assert listed and all(r["date"].startswith("2026-04") for r in listed)
    nothing = run_cli("timeline", "--lake", lake, "--query", "zzzunknownword", "-f", "csv")
    assert nothing.returncode == 0 and nothing.stdout.strip() == ",".join(
        ["date", "rank", "score", "articles", "sources", "references", "event_types", "summary", "evidence",
         "event_ids"])


def test_timelinejs_exports(lakes, tmp_path):
    lake = str(lakes["rebuilt"])
    out = tmp_path / "tl.json"
    done = run_cli("timeline", "--lake", lake, "--top", "4", "-f", "timelinejs-json", "-o", str(out), "--title", "Samples")
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text())
    assert doc["title"]["text"]["headline"] == "Samples" and len(doc["events"]) == 4
    starts = [dt.date(int(e["start_date"]["year"]), int(e["start_date"]["month"]), int(e["start_date"]["day"]))
              for e in doc["events"]]
    assert starts == sorted(starts)
    sheet = run_cli("timeline", "--lake", lake, "--top", "3", "-f", "timelinejs-csv")
    rows = list(csv.reader(io.StringIO(sheet.stdout)))
    assert rows[0][:3] == ["Year", "Month", "Day"] and len(rows) == 4


def test_timeline_bad_input_is_a_one_line_error(lakes, tmp_path):
    for args, says in ((["--format", "xml"], "--format xml"), (["--top", "0"], "--top 0"),
                       (["--since", "2026-13-01"], "--since 2026-13-01: expected a date"),
                       (["--published-until", "soon"], "--published-until soon: expected a date"),
                       (["--since", "2026-03-05", "--until", "2026-03-01"], "--since 2026-03-05 is after --until"),
                       (["--published-since", "2026-03-05", "--published-until", "2026-03-01"],
                        "--published-since 2026-03-05 is after --published-until"),
                       (["--per-date", "0", "--sentences", "0"], "--per-date 0 with --sentences 0")):
        done = run_cli("timeline", "--lake", str(lakes["rebuilt"]), *args)
        assert done.returncode == 2 and done.stderr.startswith(f"dateline: error: {says}"), done.stderr
        assert done.stderr.count("\n") == 1
    short = run_cli("timeline", "--lake", str(lakes["rebuilt"]), "-q", "Sudan")  # -q is --quiet elsewhere now
    assert short.returncode == 2
    missing = run_cli("timeline", "--lake", str(tmp_path / "none"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert missing.stderr.strip().startswith("dateline: error:")


def test_timeline_is_headed_by_the_latest_day_of_coverage_unless_told_not_to(lakes):
    lake = str(lakes["rebuilt"])
    latest = max(r["published"][:10] for r in lakes["records"])
    headed = [r[0] for r in list(csv.reader(io.StringIO(run_cli(
        "timeline", "--lake", lake, "--top", "4", "-f", "csv").stdout)))[1:]]
    plain = [r[0] for r in list(csv.reader(io.StringIO(run_cli(
        "timeline", "--lake", lake, "--top", "4", "--no-latest", "-f", "csv").stdout)))[1:]]
    assert headed[0] == latest and len(headed) == 4
    assert latest not in plain  # salience alone leaves the latest day out of the sample lake's top four
    assert headed[1:] == plain[:3]
