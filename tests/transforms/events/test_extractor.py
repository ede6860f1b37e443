"""The event extractor on sentences written for these tests: each date basis, modality, participants and offsets."""

from __future__ import annotations

import datetime

import pytest

from transforms.events import EXTRACTOR_VERSION, extract_events
from transforms.schema import MENTIONS

PUB = datetime.date(2026, 3, 13)  # a Friday
KEYS = set(MENTIONS.names) - {"mention_id", "event_id", "article_id", "published_at", "source", "url", "run_id",
                              "event_month"}


def one(text: str, etype: str, published: datetime.date | None = PUB) -> dict:
    """The single event of type etype in text."""
    found = [e for e in extract_events(text, published) if e["event_type"] == etype]
    assert len(found) == 1, found
    return found[0]


def test_every_event_has_exactly_the_mentions_fields_and_true_offsets():
    text = "Fishermen protested in Lisbon on Tuesday. The minister said on Thursday that talks would resume."
    events = extract_events(text, PUB)
    assert events
    for ev in events:
        assert set(ev) == KEYS
        assert text[ev["trigger_start"] : ev["trigger_end"]] == ev["trigger"]
        assert text[ev["evidence_start"] : ev["evidence_end"]] == ev["evidence"]
        assert 0.0 <= ev["confidence"] <= 1.0
        assert ev["extractor_version"] == EXTRACTOR_VERSION


def test_explicit_date_in_the_clause():
    ev = one("The two governments signed a fisheries accord on 3 February 2026 in Oslo.", "agreement")
    assert ev["event_date"] == datetime.date(2026, 2, 3)
    assert (ev["date_basis"], ev["date_precision"], ev["time_value"]) == ("explicit", "day", "2026-02-03")
    assert ev["modality"] == "asserted"


def test_relative_weekday_resolved_from_the_publication_day():
    ev = one("Dockworkers protested outside the port authority on Tuesday.", "protest")
    assert ev["event_date"] == datetime.date(2026, 3, 10)
    assert ev["date_basis"] == "relative"
    assert ev["time_text"] == "Tuesday"


def test_coarse_dates_give_the_first_day_and_their_precision():
    ev = one("The coalition was founded in May 2019 by three small parties.", "other")
    assert (ev["event_date"], ev["date_precision"]) == (datetime.date(2019, 5, 1), "month")


def test_anchored_to_an_earlier_dated_meeting():
    text = ("Energy ministers met in Vienna on Wednesday. During the Vienna meeting, Norway's minister "
            "announced that a new pipeline study had been completed.")
    ev = one(text, "announcement")
    assert ev["event_date"] == datetime.date(2026, 3, 11)
    assert ev["date_basis"] == "anchored"


def test_publication_fallback_for_an_undated_past_event():
    # Issue #16, guide: a present perfect with no anchor is unknown (empty date), bounded by its report; an
    # unmarked simple past is the day's news, on the publication day (dating.settle_undated).
    ev = one("The regional governor has resigned after weeks of pressure.", "appointment")
    assert ev["event_date"] is None and ev["on_or_before"] == PUB
    assert ev["date_basis"] == "publication"
    assert ev["date_precision"] == "unknown"
    ev = one("The regional governor resigned after weeks of pressure.", "appointment")
    assert (ev["event_date"], ev["date_precision"], ev["date_basis"]) == (PUB, "day", "publication")


def test_no_publication_day_means_unknown():
    ev = one("The regional governor has resigned after weeks of pressure.", "appointment", published=None)
    assert ev["event_date"] is None
    assert ev["date_basis"] == "unknown"


def test_future_plan_with_its_date_and_without():
    dated = one("The two leaders will meet in Geneva on Monday.", "meeting")
    assert dated["modality"] == "future"
    assert dated["event_date"] == datetime.date(2026, 3, 16)
    undated = one("The league is expected to vote on the new rules.", "vote")
    assert undated["modality"] == "future"
    assert undated["event_date"] is None and undated["date_basis"] == "unknown"


def test_hypothetical_and_negated():
    assert one("The bank could impose sanctions on the exporters.", "sanction")["modality"] == "hypothetical"
    assert one("The envoys did not meet on Wednesday as planned.", "meeting")["modality"] == "negated"
    assert one("The union will not protest this month.", "protest")["modality"] == "negated"


def test_reported_speech_gives_two_events_with_two_dates():
    events = extract_events("The mayor said on Thursday that the councillors met on Monday.", PUB)
    by_type = {e["event_type"]: e for e in events}
    assert by_type["statement"]["event_date"] == datetime.date(2026, 3, 12)
    assert by_type["meeting"]["event_date"] == datetime.date(2026, 3, 9)


def test_quantities_with_units():
    ev = one("The alliance deployed up to 4,500 troops to the border on Sunday.", "deployment")
    assert "up to 4,500 troops" in ev["quantities"]
    assert one("Donors pledged $3 billion for reconstruction.", "pledge")["quantities"] == ["$3 billion"]


def test_place_resolved_to_geonames_country_and_coordinates():
    ev = one("Farmers protested in Nairobi on Monday.", "protest")
    assert ev["location"] == "Nairobi"
    assert ev["location_country"] == "KEN"
    assert ev["location_precision"] == "city"
    assert isinstance(ev["location_geonameid"], int)
    assert ev["location_lat"] == pytest.approx(-1.28, abs=0.1)
    country = one("Protesters rallied in Portugal on Monday.", "protest")
    assert (country["location_country"], country["location_precision"]) == ("PRT", "country")


def test_actors_titles_and_country_codes():
    ev = one("Kenyan President Amara Okafor accused Uganda of violating the border deal.", "accusation")
    assert "Amara Okafor" in ev["actors"]
    assert "KEN" in ev["actor_codes"]
    assert ev["recipient"] == ["Uganda"]
    both = one("Peru and Chile signed a water treaty on Tuesday.", "agreement")
    assert both["actors"] == ["Peru", "Chile"]
    assert both["actor_codes"] == ["CHL", "PER"]


def test_types_carry_plover_and_cameo():
    ev = one("Rebels attacked a convoy near the airport on Sunday.", "attack")
    assert ev["plover_type"] == "ASSAULT" and ev["cameo_root"] in ("18", "19", "20")
    meet = one("The envoys met on Sunday.", "meeting")
    assert (meet["plover_type"], meet["cameo_root"]) == ("CONSULT", "04")


def test_nouns_are_triggers():
    ev = one("Saturday's summit in Accra ended without a communique.", "meeting")
    assert ev["trigger"] == "summit"
    assert ev["event_date"] == datetime.date(2026, 3, 7)


def test_empty_text_gives_no_events():
    assert extract_events("", PUB) == []
    assert extract_events("   \n", PUB) == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["The", "army", "said", "on", "Friday", "that", "rebels", "attacked", "Gaza", ",", ".", "\n",
                          "will", "not", "meet", "3,000", "troops", "in", "May", "2026", "“", "”", "Mr.", "U.S.", "talks"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.sampled_from([PUB, None]))
def test_any_text_gives_well_formed_events(words, published):
    text = " ".join(words)
    for ev in extract_events(text, published):
        assert set(ev) == KEYS
        assert text[ev["trigger_start"] : ev["trigger_end"]] == ev["trigger"]
        assert ev["evidence_start"] <= ev["trigger_start"] < ev["trigger_end"] <= ev["evidence_end"]
        assert ev["modality"] in ("asserted", "future", "hypothetical", "negated")
        assert ev["date_basis"] in ("explicit", "relative", "anchored", "publication", "unknown")
        assert (ev["event_date"] is None) == (ev["date_basis"] == "unknown" or ev["date_precision"] == "unknown")
        assert ev["date_precision"] != "unknown" or ev["event_date"] is None  # never "unknown" with a date


def test_a_publication_timestamp_counts_as_its_day():
    stamp = datetime.datetime(2026, 3, 13, 18, 30)
    ev = one("Dockworkers protested outside the port authority on Tuesday.", "protest", published=stamp)
    assert ev["event_date"] == datetime.date(2026, 3, 10)
    late = one("The regional governor resigned.", "appointment", published=stamp)
    assert late["event_date"] == PUB and type(late["event_date"]) is datetime.date


def test_extract_dated_lists_every_day_the_text_names_event_or_no_event():
    from transforms.events import extract_dated

    text = "The uprising of March 2 changed everything. Ministers met on Tuesday. Prices rose in February."
    events, days = extract_dated(text, PUB)
    assert events == extract_events(text, PUB) and [e["trigger"] for e in events] == ["met"]
    assert [(d["day"], d["basis"], d["time_text"]) for d in days] == [
        (datetime.date(2026, 3, 2), "explicit", "March 2"),  # no trigger in that sentence: a day all the same
        (datetime.date(2026, 3, 10), "relative", "Tuesday"),
    ]  # "February" names a month, not a day
    assert all(text[d["start"]:d["end"]] == d["time_text"] for d in days)
    assert extract_dated("", PUB) == ([], [])


def test_extract_dated_counts_relative_days_from_a_wire_dateline():
    from transforms.events import extract_dated

    _, days = extract_dated("CAIRO, March 10 (Wire) -- Crowds gathered on Sunday, residents said.", PUB)
    assert [d["day"] for d in days] == [datetime.date(2026, 3, 10), datetime.date(2026, 3, 8)]
