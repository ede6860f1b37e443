"""Traceable exports and the interop formats, each loaded back by a reader written from its published spec."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd

from tests.conftest import ROOT, run_cli

# GDELT 2.0 Event Database codebook: the 61 columns of an export file, in order.
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor{n}{f}" for n in (1, 2) for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                 "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                 "Type3Code")]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
       "NumSources", "NumArticles", "AvgTone"]
    + [f"{g}Geo_{f}" for g in ("Actor1", "Actor2", "Action") for f in ("Type", "FullName", "CountryCode",
                                                                        "ADM1Code", "ADM2Code", "Lat", "Long",
                                                                        "FeatureID")]
    + ["DATEADDED", "SOURCEURL"]
)
# ACLED codebook: event types and their sub-event types.
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
ACLED_REQUIRED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                  "sub_event_type", "actor1", "assoc_actor_1", "actor2", "iso", "iso3", "country", "location",
                  "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "timestamp"]
# PLOVER manual, "Data Fields": the event categories and the objects' field names.
PLOVER_EVENTS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                 "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
PLOVER_FIELDS = {"id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
                 "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info", "cite_info",
                 "coder", "coded_date", "coded_time", "comment"}
PLOVER_ENTITY = {"code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity",
                 "office", "gender", "age"}
PLOVER_CITE = {"corpus", "citation", "url", "title", "language", "publication", "license", "copyright", "coder",
               "codebook", "version"}
PLOVER_LOC = {"extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district", "province",
              "country", "country_code", "feature_class", "feature_code", "resolution"}


def _export(lake, *args) -> str:
    result = run_cli("export", *args, "--lake", str(lake))
    assert result.returncode == 0, result.stderr
    return result.stdout


def _article_texts(lake) -> dict[str, str]:
    out = run_cli("query", "select article_id, text from articles", "--format", "jsonl", "--lake", str(lake)).stdout
    return {r["article_id"]: r["text"] for r in map(json.loads, out.splitlines())}


def test_event_rows_name_their_articles_and_inputs(traced_lake):
    lake, _ = traced_lake
    rows = list(csv.DictReader(io.StringIO(_export(lake))))
    assert rows
    for row in rows:
        ids, inputs = json.loads(row["article_ids"]), json.loads(row["inputs"])
        assert int(row["article_count"]) == len(ids) == len(inputs) >= 1
        assert row["first_article_id"] == ids[0] and row["first_input"] == inputs[0]
    talks = [r for r in rows if r["event_type"] == "meeting" and "Sudan" in r["actors"]]
    # One meeting reported by both wire records: both articles, and each record's own id as its input.
    assert any(set(json.loads(r["inputs"])) == {"wire-0001", "wire-0002"} for r in talks), talks
    arrests = [r for r in rows if r["first_input"] == "row-77"]
    assert arrests and arrests[0]["event_type"] == "arrest"
    sample = next(r for r in rows if r["first_input"].startswith("https://"))
    assert sample["first_input"] == sample["url"] or sample["first_input"] in json.loads(sample["inputs"])


def test_mention_rows_name_their_article_and_input(traced_lake):
    lake, _ = traced_lake
    mentions = [json.loads(line) for line in _export(lake, "--mentions", "--format", "jsonl").splitlines()]
    articles = {r["article_id"] for r in map(json.loads, run_cli(
        "query", "select article_id from articles", "--format", "jsonl", "--lake", str(lake)).stdout.splitlines())}
    assert mentions and all(m["article_id"] in articles and m["input"] for m in mentions)
    wire = [m for m in mentions if m["input_id"] == "wire-0001"]
    assert wire and all(m["input"].endswith("wire.jsonl:1") for m in wire)


def test_plover_lines_follow_the_plover_data_fields(traced_lake):
    lake, _ = traced_lake
    records = [json.loads(line) for line in _export(lake, "--format", "plover").splitlines()]
    texts = _article_texts(lake)
    assert records
    for rec in records:
        standard = {k for k in rec if k in PLOVER_FIELDS}
        assert {"id", "date", "actor", "event"} <= standard
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["date"])
        assert rec["event"] and set(rec["event"]) <= PLOVER_EVENTS and isinstance(rec["mode"], list)
        assert rec["quad_code"] in (1, 2, 3, 4)
        for entity in rec["actor"] + rec["recipient"]:
            assert set(entity) <= PLOVER_ENTITY
        assert set(rec["cite_info"]) <= PLOVER_CITE and rec["cite_info"]["codebook"].startswith("plover")
        if "event_loc" in rec:
            assert set(rec["event_loc"]) <= PLOVER_LOC and rec["event_loc"]["resolution"] in (1, 2, 4)
        info = rec["text_info"]
        if info["start"] is not None:  # the offsets index the cited article's text
            text = texts[rec["cite_info"]["citation"]]
            assert text[info["start"]:info["end"]] == rec["event_text"][0]
    attack = [r for r in records if r["event"] == ["ASSAULT"] and r.get("event_loc", {}).get("country_code") == "SDN"]
    assert attack and any(r["size"]["dead"] == 12 for r in attack)


def test_acled_csv_loads_with_acled_columns_and_codes(traced_lake):
    lake, _ = traced_lake
    frame = pd.read_csv(io.StringIO(_export(lake, "--format", "acled")), dtype=str, keep_default_na=False)
    assert list(frame.columns[:len(ACLED_REQUIRED)]) != [] and set(ACLED_REQUIRED) <= set(frame.columns)
    assert len(frame)
    pd.to_datetime(frame["event_date"], format="%Y-%m-%d")
    assert set(frame["time_precision"]) <= {"1", "2", "3"}
    assert set(frame["geo_precision"]) <= {"1", "2", "3", ""}
    for etype, sub in zip(frame["event_type"], frame["sub_event_type"]):
        assert sub in ACLED_TYPES[etype]
    assert frame["fatalities"].astype(int).ge(0).all()
    placed = frame[frame["iso3"] != ""]
    assert len(placed) and placed["iso3"].str.fullmatch(r"[A-Z]{3}").all() and placed["iso"].str.isdigit().all()
    sudan = frame[(frame["iso3"] == "SDN") & (frame["sub_event_type"] == "Armed clash")]
    assert "12" in set(sudan["fatalities"]) and (sudan["country"] == "Sudan").all()
    assert set(frame[frame["sub_event_type"] == "Peaceful protest"]["disorder_type"]) == {"Demonstrations"}


def test_gdelt_file_loads_with_the_codebook_columns(traced_lake):
    lake, _ = traced_lake
    text = _export(lake, "--format", "gdelt")
    frame = pd.read_csv(io.StringIO(text), sep="\t", header=0, names=GDELT_COLUMNS, dtype=str, keep_default_na=False)
    assert text.split("\n", 1)[0].split("\t") == GDELT_COLUMNS
    assert len(frame)
    assert frame["SQLDATE"].str.fullmatch(r"\d{8}").all()
    assert (frame["MonthYear"] == frame["SQLDATE"].str[:6]).all() and (frame["Year"] == frame["SQLDATE"].str[:4]).all()
    coded = frame[frame["EventRootCode"] != ""]
    assert coded["EventRootCode"].str.fullmatch(r"\d{2}").all() and "04" in set(coded["EventRootCode"])
    assert set(coded["QuadClass"]) <= {"1", "2", "3", "4"}
    assert (frame["NumSources"].astype(int) >= 1).all() and (frame["NumArticles"].astype(int) >= 1).all()
    assert frame["GLOBALEVENTID"].str.isdigit().all() and frame["GLOBALEVENTID"].is_unique
    geneva = frame[frame["ActionGeo_FullName"] == "Geneva"]
    assert len(geneva) and set(geneva["ActionGeo_CountryCode"]) == {"SZ"} and set(geneva["ActionGeo_Type"]) == {"4"}


def test_excel_csv_has_a_bom_and_codes_as_text(traced_lake, tmp_path):
    lake, _ = traced_lake
    out = tmp_path / "events.csv"
    result = run_cli("export", "--type", "meeting", "--excel", "-o", str(out), "--lake", str(lake))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and all(r["cameo_root"] == '="04"' for r in rows)
    assert all(r["event_id"].startswith('="') for r in rows) and all(not r["evidence"].startswith("=") for r in rows)
    plain = _export(lake, "--type", "meeting")
    assert not plain.startswith("\ufeff") and ',04,' in plain
    bad = run_cli("export", "--excel", "--format", "json", "--lake", str(lake))
    assert bad.returncode == 2 and bad.stderr.startswith("dateline: error: --excel")


def test_every_type_has_a_documented_mapping():
    from transforms.filters import known_types
    from transforms.interop import acled_types

    doc = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")
    assert set(acled_types()) == set(known_types())
    for etype, row in acled_types().items():
        assert f"| {etype} | {row['event_type']} | {row['sub_event_type']} |" in doc, etype


def test_a_lake_from_before_input_id_still_exports():
    """Articles written before `input_id` existed: the export and the API fall back to URL or path."""
    import duckdb

    from dateline.tables import events_sql, has_input_id, mentions_sql
    from transforms.filters import Filters
    from transforms.schema import ARTICLES, EVENTS, MENTIONS

    con = duckdb.connect()
    old_articles = ARTICLES.remove(ARTICLES.get_field_index("input_id")).empty_table()
    for name, table in (("articles", old_articles), ("events", EVENTS.empty_table()),
                        ("mentions", MENTIONS.empty_table())):
        con.register(f"_{name}", table)
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM _{name}")
    assert not has_input_id(con)
    for sql, params, columns in (events_sql(Filters(), evidence=True, input_ids=False),
                                 mentions_sql(Filters(), input_ids=False)):
        result = con.execute(sql, params)
        assert [d[0] for d in result.description] == columns and result.fetchall() == []


def test_a_lake_from_before_on_or_before_exports_it_empty():
    """Events and mentions written before `on_or_before` existed: the column is exported, empty."""
    import datetime

    import duckdb
    import pyarrow as pa

    from dateline.tables import EVENT_COLUMNS, events_sql, has_on_or_before, mentions_sql
    from transforms.filters import Filters
    from transforms.schema import ARTICLES, EVENTS, MENTIONS

    def without_bound(schema: pa.Schema) -> pa.Schema:
        return schema.remove(schema.get_field_index("on_or_before"))

    con = duckdb.connect()
    meeting = {"event_id": "e1", "event_type": "meeting", "event_date": datetime.date(2026, 3, 2), "num_sources": 1}
    old_events = pa.Table.from_pylist([meeting], schema=without_bound(EVENTS))
    for name, table in (("articles", ARTICLES.empty_table()), ("events", old_events),
                        ("mentions", without_bound(MENTIONS).empty_table())):
        con.register(f"_{name}", table)
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM _{name}")
    assert not has_on_or_before(con)
    for sql, params, columns in (events_sql(Filters(), bounds=False), mentions_sql(Filters(), bounds=False)):
        result = con.execute(sql, params)
        assert [d[0] for d in result.description] == columns and "on_or_before" in columns
    (row,) = con.execute(*events_sql(Filters(), bounds=False)[:2]).fetchall()
    assert row[EVENT_COLUMNS.index("on_or_before")] is None and row[0] == datetime.date(2026, 3, 2)
