"""Filter parsing: malformed input is dropped with a warning, values only ever travel as SQL parameters."""

from __future__ import annotations

import datetime as dt

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboards.filters import MAX_TEXT, Filters, like_pattern, parse_filters, to_query_params, where_clause


def test_clean_url_parameters_become_filters():
    parsed = parse_filters({"since": "2026-02-01", "until": "2026-03-01", "type": "Meeting, protest",
                            "actor": "  Ana   Rivas ", "country": "prt", "place": "Lisbon", "q": "quota"})
    assert parsed.warnings == []
    assert parsed.filters == Filters(dt.date(2026, 2, 1), dt.date(2026, 3, 1), ("meeting", "protest"),
                                     "Ana Rivas", "PRT", "Lisbon", "quota")


def test_malformed_values_are_ignored_with_a_warning_each():
    parsed = parse_filters({"since": "last tuesday", "until": "2026-13-45", "type": "meeting,<script>",
                            "country": "Narnia", "q": "x" * 1000})
    f = parsed.filters
    assert (f.since, f.until, f.types, f.country) == (None, None, ("meeting",), "")
    assert len(f.text) == MAX_TEXT
    joined = " | ".join(parsed.warnings)
    for piece in ("last tuesday", "2026-13-45", "<script>", "NARNIA", "cut to"):
        assert piece in joined


def test_reversed_dates_are_swapped():
    parsed = parse_filters({"since": "2026-05-01", "until": "2026-01-01"})
    assert (parsed.filters.since, parsed.filters.until) == (dt.date(2026, 1, 1), dt.date(2026, 5, 1))
    assert "swapped" in parsed.warnings[0]


def test_control_characters_are_removed():
    assert parse_filters({"actor": "Ana\x00\x1b[31m Rivas\n"}).filters.actor == "Ana[31m Rivas"


def test_no_filter_means_no_where_clause():
    assert where_clause(Filters()) == ("", [])


def test_values_are_parameters_not_sql_text():
    evil = "x' OR 1=1; DROP VIEW events; --"
    sql, params = where_clause(Filters(actor=evil, place=evil, text=evil, types=("meeting",)))
    assert evil not in sql and "DROP" not in sql
    assert len(params) == 1 + 2 + 1 + 7 and all(evil in p for p in params[1:])


def test_like_wildcards_in_input_are_literal():
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_query_params_round_trip():
    filters = Filters(dt.date(2026, 1, 1), None, ("meeting", "vote"), "Mei", "NOR", "", "salmon")
    assert parse_filters(to_query_params(filters)).filters == filters


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["since", "until", "type", "actor", "country", "place", "q"]),
                       st.text(max_size=200)))
def test_any_text_gives_a_query_duckdb_accepts(raw):
    """Whatever arrives in the URL, the resulting SQL binds and runs."""
    filters = parse_filters(raw).filters
    sql, params = where_clause(filters)
    con = duckdb.connect()
    con.execute(
        """CREATE TABLE events (event_date DATE, event_type VARCHAR, actors VARCHAR[], recipient VARCHAR[],
           actor_codes VARCHAR[], location VARCHAR, location_country VARCHAR, evidence VARCHAR, trigger VARCHAR,
           source VARCHAR)"""
    )
    con.execute("INSERT INTO events VALUES ('2026-01-01', 'meeting', ['A'], [], [], 'X', 'PRT', 'e', 't', 's')")
    assert con.execute(f"SELECT count(*) FROM events{sql}", params).fetchone()[0] in (0, 1)
