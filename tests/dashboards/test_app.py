"""The Streamlit app through AppTest: every filter, the CSV download, the views, empty and large lakes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboards" / "app.py")


@pytest.fixture
def app(monkeypatch):
    """An AppTest factory for a lake; AppTest reads the lake from $DATELINE_LAKE like the real command."""

    def make(lake: Path, **params) -> AppTest:
        monkeypatch.setenv("DATELINE_LAKE", str(lake))
        test = AppTest.from_file(APP, default_timeout=90)
        for key, value in params.items():
            test.query_params[key] = value
        return test.run()

    return make


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """The bytes each download button serves, by media file id (recorded as Streamlit stores them)."""
    stored: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        stored[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    return stored


# A column only each table has (AppTest gives display-only tables no key).
TABLE_MARK = {"events_table": "num_articles", "counterparts_table": "counterpart", "actor_table": "with",
              "places_table": "lat", "runs_table": "articles_new", "rejects_table": "detail"}


def table(at: AppTest, key: str = "events_table"):
    """The DataFrame a table shows."""
    return next(df.value for df in at.dataframe if TABLE_MARK[key] in df.value.columns)


def shown_ids(at: AppTest) -> set[str]:
    """Event ids in the event table."""
    return set(table(at)["event_id"])


def chart_rows(at: AppTest, index: int = 0) -> int:
    """Rows of data behind a Vega-Lite chart."""
    chart = at.get("vega_lite_chart")[index]
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().num_rows


def served_csv(at: AppTest, downloads: dict[str, bytes], key: str) -> list[list[str]]:
    """The CSV a download button serves, parsed."""
    button = next(b for b in at.get("download_button") if b.key == key)
    file_id = os.path.splitext(os.path.basename(button.proto.url))[0]
    return list(csv.reader(io.StringIO(downloads[file_id].decode("utf-8"))))


def assert_clean(at: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_first_page_shows_chart_table_and_summary(app, sample_lake):
    at = app(sample_lake)
    assert_clean(at)
    assert "14 events (2026-01-12 to 2026-04-06)" in at.caption[0].value
    assert len(shown_ids(at)) == 14
    assert chart_rows(at) == 13  # the undated event is only in the table
    assert any("no known date" in c.value for c in at.caption)
    spec = at.get("vega_lite_chart")[0].proto.spec
    for field in ("event_type", "num_sources", "evidence", "source"):  # colour, size, hover
        assert f'"{field}"' in spec


@pytest.mark.parametrize("apply, expected, url", [
    (lambda at: at.date_input(key="since").set_value(dt.date(2026, 3, 1)),
     {"ev0008", "ev0009", "ev0010", "ev0011", "ev0013"}, {"since": "2026-03-01"}),
    (lambda at: at.date_input(key="until").set_value(dt.date(2026, 1, 31)),
     {"ev0000", "ev0001", "ev0002"}, {"until": "2026-01-31"}),
    (lambda at: at.multiselect(key="types").set_value(["meeting", "vote"]),
     {"ev0000", "ev0003", "ev0008", "ev0010"}, {"type": "meeting,vote"}),
    (lambda at: at.text_input(key="actor").input("mei lin"), {"ev0003", "ev0008"}, {"actor": "mei lin"}),
    (lambda at: at.selectbox(key="country").set_value("MLT"), {"ev0006", "ev0007"}, {"country": "MLT"}),
    (lambda at: at.text_input(key="place").input("Geneva"), {"ev0003", "ev0004"}, {"place": "Geneva"}),
    (lambda at: at.text_input(key="q").input("quota"), {"ev0000", "ev0001", "ev0012"}, {"q": "quota"}),
])
def test_each_filter_narrows_chart_and_table(app, sample_lake, apply, expected, url):
    at = app(sample_lake)
    apply(at)
    at.run()
    assert_clean(at)
    assert shown_ids(at) == expected
    assert chart_rows(at) == len(expected - {"ev0012"})
    assert at.query_params == url  # the address bar reproduces the view


def test_filters_combine(app, sample_lake):
    at = app(sample_lake)
    at.multiselect(key="types").set_value(["meeting"])
    at.text_input(key="actor").input("tomas")
    at.text_input(key="place").input("oslo")
    assert shown_ids(at.run()) == {"ev0008"}


def test_url_parameters_seed_the_filters(app, sample_lake):
    at = app(sample_lake, type="meeting", since="2026-02-01")
    assert_clean(at)
    assert at.multiselect(key="types").value == ["meeting"]
    assert shown_ids(at) == {"ev0003", "ev0008"}


def test_malformed_url_parameters_are_ignored_with_warnings(app, sample_lake):
    at = app(sample_lake, since="yesterday", until="2026-02-30", type="meeting,<b>x</b>,treaty",
             country="Atlantis", q="x" * 500)
    assert_clean(at)
    warnings = " ".join(w.value for w in at.warning)
    for piece in ("yesterday", "2026-02-30", "<b>x</b>", "treaty", "ATLANTIS", "cut to"):
        assert piece in warnings
    assert at.multiselect(key="types").value == ["meeting"]
    assert at.info and "No events match" in at.info[0].value  # 120 x's match nothing; no crash


def test_sql_in_a_text_box_is_just_text(app, sample_lake):
    at = app(sample_lake)
    at.text_input(key="q").input("'; DROP VIEW events; --").run()
    assert_clean(at)
    assert "No events match" in at.info[0].value
    at.text_input(key="q").input("").run()
    assert len(shown_ids(at)) == 14  # the views are still there


def test_download_is_exactly_the_table_shown(app, sample_lake, downloads):
    at = app(sample_lake)
    at.text_input(key="q").input("oslo").run()
    shown = table(at)
    rows = served_csv(at, downloads, "download_events")
    assert rows[0] == list(shown.columns)
    assert rows[1:] == [[str(v) for v in row] for row in shown.itertuples(index=False, name=None)]
    assert len(rows) == 1 + 3


def test_download_follows_the_page_of_a_large_lake(app, large_lake, downloads):
    at = app(large_lake)
    assert_clean(at)
    assert any("each mark counts" in c.value for c in at.caption)  # aggregated, not 20,000 marks
    assert chart_rows(at) <= 5000
    at.selectbox(key="page_size").set_value(25).run()
    at.number_input(key="page").set_value(3).run()
    shown = table(at)
    assert len(shown) == 25
    assert any(c.value.startswith("Events 51–75 of 20,000") for c in at.caption)
    rows = served_csv(at, downloads, "download_events")
    assert [r[-1] for r in rows[1:]] == shown["event_id"].tolist()
    at.multiselect(key="types").set_value(["vote"]).run()  # new filters start again at page 1
    assert at.number_input(key="page").value == 1


def test_actor_page_shows_who_met_whom(app, sample_lake, downloads):
    at = app(sample_lake)
    at.radio(key="view").set_value("Actors").run()
    assert_clean(at)
    at.selectbox(key="actor_page").set_value("Ana Rivas").run()
    people = table(at, "counterparts_table")
    meetings = dict(zip(people["counterpart"], people["meetings"]))
    assert meetings == {"Mei Lin": 1, "Tomas Berg": 1, "European Commission": 0}
    at.toggle(key="meetings_only").set_value(True).run()
    events = table(at, "actor_table")
    assert events[["event_date", "with"]].values.tolist() == [["2026-02-02", "Mei Lin"], ["2026-01-12", "Tomas Berg"]]
    assert len(served_csv(at, downloads, "download_actor")) == 3


def test_map_shows_places_with_coordinates(app, sample_lake):
    at = app(sample_lake)
    at.radio(key="view").set_value("Map").run()
    assert_clean(at)
    places = table(at, "places_table")
    assert set(places["location"]) == {"Lisbon", "Oslo", "Brussels", "Geneva", "Valletta", "Porto"}
    at.text_input(key="place").input("valletta").run()
    assert table(at, "places_table")["location"].tolist() == ["Valletta"]


def test_run_health_lists_runs_and_rejects(app, sample_lake):
    at = app(sample_lake)
    at.radio(key="view").set_value("Run health").run()
    assert_clean(at)
    assert table(at, "runs_table")["run_id"].tolist() == ["20260408T090000-bbbbbb", "20260407T090000-aaaaaa"]
    assert set(table(at, "rejects_table")["reason"]) == {"binary", "empty"}
    assert "20260408T090000-bbbbbb" in at.markdown[0].value


def test_empty_lake_says_so(app, empty_lake):
    at = app(empty_lake)
    assert_clean(at)
    assert "no events yet" in at.info[0].value
    at.radio(key="view").set_value("Run health").run()
    assert_clean(at)
    assert any("No runs recorded" in i.value for i in at.info)


def test_missing_lake_explains_how_to_fill_it(app, tmp_path):
    at = app(tmp_path / "nowhere")
    assert_clean(at)
    assert "dateline run" in at.info[0].value


def test_importing_the_app_does_not_import_prefect():
    code = "import sys, dashboards.app; print(sorted(m for m in sys.modules if m.split('.')[0] == 'prefect'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(APP).parents[1])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_every_view_renders_the_sample_articles_run_by_the_flow(app, flow_lake):
    """The dashboard reads what the real pipeline writes (schema, nulls, lists) without an error."""
    from dashboards import queries
    from dashboards.filters import Filters

    with queries.reading(str(flow_lake)) as con:
        total = queries.count_events(con, Filters())
        runs = queries.recent_runs(con)
    assert total > 0 and len(runs) == 1
    at = app(flow_lake)
    assert_clean(at)
    assert any(c.value.endswith(f"of {total:,} matching.") for c in at.caption)
    for view in ("Actors", "Map", "Run health"):
        at.radio(key="view").set_value(view).run()
        assert_clean(at)
    assert table(at, "runs_table")["run_id"].tolist() == runs["run_id"].tolist()
