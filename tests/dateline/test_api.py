"""The Python API: DataFrames from a text and from a real lake, with the CLI's filters and meanings."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

import dateline
from tests.conftest import run_cli

TEXT = ("GENEVA – Foreign ministers from Chad and Niger met on Thursday in Geneva, officials said.\n"
        "The ministers will meet again next month.\n")


def test_import_dateline_stays_light():
    """`import dateline` (what the CLI imports first) loads neither pandas nor Prefect."""
    import subprocess
    import sys

    code = "import sys, dateline; print('pandas' in sys.modules, 'prefect' in sys.modules, dateline.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[:2] == ["False", "False"] and out[2] == dateline.__version__


def test_extract_returns_the_columns_of_dateline_extract(tmp_path):
    frame = dateline.extract(TEXT, "2026-02-20", url="https://example.test/a")
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    cli = run_cli("extract", str(doc), "--published", "2026-02-20")
    rows = [json.loads(line) for line in cli.stdout.splitlines()]
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(rows) > 0
    assert list(frame.columns) == list(rows[0].keys()) + ["url"]
    assert frame["event_type"].tolist() == [r["event_type"] for r in rows]
    assert str(frame.loc[frame.event_type == "meeting", "event_date"].iloc[0]) == "2026-02-19"
    assert set(frame["url"]) == {"https://example.test/a"}
    assert list(dateline.extract("No news.", None).columns) == list(rows[0].keys())


def test_events_match_dateline_export_with_the_same_filters(traced_lake):
    lake, _ = traced_lake
    for filters, options in [
        ({"type": "meeting"}, ["--type", "meeting"]),
        ({"type": ["attack", "protest"], "since": "2026-03-01"}, ["--type", "attack,protest", "--since", "2026-03-01"]),
        ({"actor": "chad"}, ["--actor", "chad"]),
        ({"country": "sdn", "until": "2026-03-31"}, ["--country", "SDN", "--until", "2026-03-31"]),
    ]:
        with dateline.open_lake(str(lake)) as db:
            frame = db.events(**filters)
        cli = run_cli("export", *options, "--lake", str(lake))
        assert cli.returncode == 0, cli.stderr
        exported = [r["event_id"] for r in csv.DictReader(io.StringIO(cli.stdout))]
        assert exported and frame["event_id"].tolist() == exported, filters


def test_actor_filter_means_actor_or_recipient_everywhere(traced_lake):
    """One builder: the dashboard's meaning (actors or recipient, any case) is the API's and export's."""
    from dashboards.filters import where_clause as dashboard_where
    from dateline.tables import events_sql
    from transforms.filters import Filters, where_clause

    assert dashboard_where is where_clause
    assert "recipient" in events_sql(Filters(actor="x"))[0]


def test_mentions_articles_sql_and_arrow(traced_lake):
    lake, _ = traced_lake
    db = dateline.open_lake(str(lake))
    try:
        mentions = db.mentions(type="attack")
        assert len(mentions) and set(mentions.event_type) == {"attack"}
        assert {"article_id", "input", "input_id"} <= set(mentions.columns)
        articles = db.articles(since="2026-03-05", until="2026-03-06")
        assert set(articles.input_id.dropna()) == {"wire-0001", "wire-0002"} and "text" not in articles.columns
        n = db.sql("select count(*) as n from events where event_type = ?", ["attack"]).n[0]
        assert n == len(db.events(type="attack"))
        table = db.arrow("select event_id, actors from events where event_type = $t", {"t": "attack"})
        assert table.num_rows == n and str(table.schema.field("actors").type).startswith("list")
    finally:
        db.close()


def test_timeline_is_dateline_timeline(traced_lake):
    lake, _ = traced_lake
    with dateline.open_lake(str(lake)) as db:
        top = db.timeline(top=5)
        window = db.timeline(top=3, since="2026-03-01", until="2026-03-31")
    cli = run_cli("timeline", "--top", "5", "--format", "csv", "--lake", str(lake))
    assert top["date"].tolist() == [r["date"] for r in csv.DictReader(io.StringIO(cli.stdout))]
    assert len(window) == 3 and all("2026-03-01" <= d <= "2026-03-31" for d in window["date"])


def test_bad_filters_and_missing_lake_say_what_is_wrong(tmp_path, traced_lake):
    lake, _ = traced_lake
    with dateline.open_lake(str(lake)) as db:
        with pytest.raises(dateline.DatelineError, match="type meetings: not an event type; choose from meeting"):
            db.events(type="meetings")
        with pytest.raises(dateline.DatelineError, match="since March: expected a date"):
            db.events(since="March")
        with pytest.raises(dateline.DatelineError, match="colour: not a filter"):
            db.events(colour="red")
    with pytest.raises(dateline.DatelineError, match="no lake here yet"):
        dateline.open_lake(str(tmp_path / "nowhere"))


def test_run_refuses_a_missing_source_before_prefect(tmp_path):
    with pytest.raises(dateline.DatelineError, match="nope.txt: no such file or directory"):
        dateline.run([str(tmp_path / "nope.txt")], lake=str(tmp_path / "lake"))
    assert not (tmp_path / "lake").exists()


def test_run_runs_the_flow(tmp_path, prefect_api):
    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("---\npublished: 2026-02-20\nid: note-1\n---\n" + TEXT, encoding="utf-8")
    summary = dateline.run(str(doc.parent), lake=str(tmp_path / "lake"), batch_size=5)
    assert summary["articles_new"] == 1 and summary["events_total"] > 0
    with dateline.open_lake(str(tmp_path / "lake")) as db:
        events = db.events(type="meeting")
    assert json.loads(json.dumps(list(events.inputs[0]))) == ["note-1"]


def test_docstring_examples_hold():
    import doctest

    import dateline.api
    import dateline.commands.prune
    import transforms.filters

    for module in (dateline.api, transforms.filters, dateline.commands.prune):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_run_checks_its_options_like_the_cli(tmp_path):
    with pytest.raises(dateline.DatelineError, match="^max-bytes -5: must be positive$"):
        dateline.run([str(tmp_path)], lake=str(tmp_path / "lake"), max_bytes=-5)
    with pytest.raises(dateline.DatelineError, match="colour: not a run option"):
        dateline.run([str(tmp_path)], lake=str(tmp_path / "lake"), colour="red")
