"""The temporal tagger: spans, types and values of TIMEX3 expressions in news text."""

import datetime

import pytest

from transforms.timex import Timex, tag, value_to_date

FRI = datetime.date(2026, 2, 20)  # a Friday


def one(text, dct=FRI):
    """The single expression found in text, as (text, type, value)."""
    found = tag(text, dct)
    assert len(found) == 1, found
    t = found[0]
    return t.text, t.type, t.value


@pytest.mark.parametrize("text, expected", [
    ("It happened on Aug. 7, 1998 in Nairobi.", ("Aug. 7, 1998", "DATE", "1998-08-07")),
    ("It happened on 7 August 1998.", ("7 August 1998", "DATE", "1998-08-07")),
    ("It happened on August 7th, 1998.", ("August 7th, 1998", "DATE", "1998-08-07")),
    ("The file is dated 2026-02-19.", ("2026-02-19", "DATE", "2026-02-19")),
    ("The file is dated 02/19/2026.", ("02/19/2026", "DATE", "2026-02-19")),
    ("Prices peaked in March 2020.", ("March 2020", "DATE", "2020-03")),
    ("The law passed in 1990.", ("1990", "DATE", "1990")),
    ("Growth was strong in the 1990s.", ("the 1990s", "DATE", "199")),
    ("On Friday, Oct. 23, 1998 it rained.", ("Friday, Oct. 23, 1998", "DATE", "1998-10-23")),
])
def test_absolute_dates(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, value", [
    ("The minister resigned Friday, officials said.", "2026-02-20"),  # the DCT itself
    ("The minister said on Tuesday that he would resign.", "2026-02-17"),
    ("The ministers will meet on Tuesday.", "2026-02-24"),
    ("The vote is scheduled for Monday.", "2026-02-23"),
    ("Talks are set to resume Thursday.", "2026-02-26"),
    ("Rebels attacked the town last Friday.", "2026-02-13"),
    ("Elections will be held next Friday.", "2026-02-27"),
    ("Ministers met ahead of Tuesday's vote.", "2026-02-24"),
    ("The court on Thursday refused to hear the case.", "2026-02-19"),
])
def test_weekdays_resolve_by_tense(text, value):
    assert one(text)[2] == value


@pytest.mark.parametrize("text, expected", [
    ("He left today.", ("today", "DATE", "2026-02-20")),
    ("He left yesterday.", ("yesterday", "DATE", "2026-02-19")),
    ("He leaves tomorrow.", ("tomorrow", "DATE", "2026-02-21")),
    ("He spoke yesterday morning.", ("yesterday morning", "TIME", "2026-02-19TMO")),
    ("Prices are high now.", ("now", "DATE", "PRESENT_REF")),
    ("Sales fell last month.", ("last month", "DATE", "2026-01")),
    ("Sales rose this week.", ("this week", "DATE", "2026-W08")),
    ("Sales will rise next year.", ("next year", "DATE", "2027")),
    ("Sales fell last year.", ("last year", "DATE", "2025")),
    ("It was built two years ago.", ("two years ago", "DATE", "2024")),
    ("It opened two weeks ago.", ("two weeks ago", "DATE", "2026-02-06")),
    ("It was colder last fall.", ("last fall", "DATE", "2025-FA")),
    ("Profit rose in the third quarter.", ("the third quarter", "DATE", "2025-Q3")),
    ("Fourth-quarter profit rose.", ("Fourth-quarter", "DATE", "2025-Q4")),
    ("The plan runs through fiscal 2027.", ("fiscal 2027", "DATE", "2027")),
])
def test_relative_dates_anchor_on_the_dct(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The strike lasted three days.", ("three days", "DURATION", "P3D")),
    ("A two-hour meeting ended.", ("two-hour", "DURATION", "PT2H")),
    ("It took 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
    ("Prices rose over the past two months.", ("the past two months", "DURATION", "P2M")),
    ("The firm has existed for more than four decades.", ("more than four decades", "DURATION", "P40Y")),
    ("The board meets every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
    ("Prices are published daily.", ("daily", "SET", "P1D")),
    ("The meeting began at 10:35 a.m.", ("10:35 a.m.", "TIME", "2026-02-20T10:35")),
])
def test_durations_sets_and_times(text, expected):
    assert one(text) == expected


def test_anchoring_on_the_last_mentioned_date():
    found = tag("The ship sank on March 3, 2025. The next day, divers found it.", FRI)
    assert [(t.text, t.value) for t in found] == [("March 3, 2025", "2025-03-03"), ("The next day", "2025-03-04")]


def test_year_earlier_follows_the_quarter_just_mentioned():
    found = tag("Third-quarter profit rose 5% from a year earlier.", datetime.date(1989, 10, 26))
    assert [(t.text, t.value) for t in found] == [("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]


def test_spans_leave_prepositions_outside():
    found = tag("The talks ended on Friday and resume in March.", FRI)
    assert [t.text for t in found] == ["Friday", "March"]


@pytest.mark.parametrize("text", [
    "You may go.", "They marched to the square.", "Prices fall in the evening session.",
    "He is a 6-year-old boy.", "It costs $500 million a year.", "The New York Times reported it.",
    "The second man was caught.", "It was his first time.", "Eastern Europe grew.",
    "The Sunday Times reported it.", "He still runs Windows 2000 at home.", "Shares fall 2020 percent.",
    "Since the 9/11 attacks, services run 24/7.", "They won 1-0 and the vote was 2-1.",
    "It rose 1.5 percent to 2,082.1 points.", "A 2,000-strong crowd and 1998 people came.",
])
def test_traps_are_not_tagged(text):
    assert [t for t in tag(text, FRI) if t.type != "SET"] == []


def test_without_dct_relative_values_stay_unresolved():
    found = tag("He left yesterday and returns on Friday; sales fell last year.", None)
    assert [t.value for t in found] == ["XXXX-XX-XX", "XXXX-XX-XX", "XXXX"]
    assert one("It happened on Aug. 7, 1998.", None)[2] == "1998-08-07"


def test_offsets_slice_the_input_and_results_are_sorted():
    text = "Ünïcödé first: on 3 March 2026 and yesterday, then next week."
    found = tag(text, FRI)
    assert len(found) == 3
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_timex_is_frozen():
    t = tag("yesterday", FRI)[0]
    assert isinstance(t, Timex)
    with pytest.raises(AttributeError):
        t.value = "x"


def test_empty_and_datetime_dct():
    assert tag("", FRI) == []
    assert one("today", datetime.datetime(2026, 2, 20, 9, 30))[2] == "2026-02-20"


@pytest.mark.parametrize("value, expected", [
    ("2026-02-19", (datetime.date(2026, 2, 19), "day")),
    ("2026-02-19T14:00", (datetime.date(2026, 2, 19), "day")),
    ("2026-02", (datetime.date(2026, 2, 1), "month")),
    ("2026-W08", (datetime.date(2026, 2, 16), "week")),
    ("2026-Q1", (datetime.date(2026, 1, 1), "quarter")),
    ("2026-SU", (datetime.date(2026, 6, 1), "quarter")),
    ("2026", (datetime.date(2026, 1, 1), "year")),
    ("2026-W08-WE", (datetime.date(2026, 2, 21), "week")),
    ("2026-02-19TNI", (datetime.date(2026, 2, 19), "day")),
    ("2026-H2", (datetime.date(2026, 7, 1), "quarter")),
    ("1998-10-XX", (datetime.date(1998, 10, 1), "month")),
    ("1998-XX", (datetime.date(1998, 1, 1), "year")),
    ("1998-QX", (datetime.date(1998, 1, 1), "year")),
    ("XXXX-WXX-1", (None, "unknown")),
    ("PRESENT_REF", (None, "unknown")),
    ("P3D", (None, "unknown")),
    ("XXXX-XX-XX", (None, "unknown")),
    ("199", (None, "unknown")),
    ("2026-02-30", (None, "unknown")),
])
def test_value_to_date(value, expected):
    assert value_to_date(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("Profit rose in Q3 2025.", [("Q3 2025", "DATE", "2025-Q3")]),
    ("Sales in the second half of 2025 fell.", [("the second half of 2025", "DATE", "2025-H2")]),
    ("Prices rose in late 2025.", [("late 2025", "DATE", "2025")]),
    ("It closed last summer.", [("last summer", "DATE", "2025-SU")]),
    ("It closes in the spring of 2024.", [("the spring of 2024", "DATE", "2024-SP")]),
    ("Between 2019 and 2021 prices doubled.", [("2019", "DATE", "2019"), ("2021", "DATE", "2021")]),
    ("From March 3 to March 10 nothing moved.", [("March 3", "DATE", "2026-03-03"), ("March 10", "DATE", "2026-03-10")]),
    ("He arrived Feb. 19 at 14:00.", [("Feb. 19", "DATE", "2026-02-19"), ("14:00", "TIME", "2026-02-19T14:00")]),
    ("The summit is on April 24 and 25.", [("April 24", "DATE", "2026-04-24"), ("25", "DATE", "2026-04-25")]),
    ("Recent years were hard.", [("Recent years", "DATE", "PAST_REF")]),
    ("It will close within a year.", [("a year", "DURATION", "P1Y")]),
    ("Repairs take two to three weeks.", [("two to three weeks", "DURATION", "P2W")]),
    ("The plant shuts over the next year or so.", [("the next year or so", "DATE", "2027")]),
])
def test_more_news_forms(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, FRI)] == expected


def test_modifiers_are_kept_in_mod():
    found = tag("Prices rose in late 2025 and by the end of next month.", FRI)
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("late 2025", "2025", "END"), ("the end of next month", "2026-03", "END")]


@pytest.mark.parametrize("text, dct, value", [
    # a distant "will" must not push a month that just passed into next year
    ("The minister will step down, ending a standoff that began after his party lost the July vote.",
     datetime.date(2025, 10, 22), "2025-07"),
    ("The new rules take effect in January.", datetime.date(2025, 10, 22), "2026-01"),
    ("Exports fell sharply in March, the agency said.", datetime.date(2025, 10, 22), "2025-03"),
    ("The contract will be signed in December.", datetime.date(2026, 2, 20), "2026-12"),
])
def test_month_without_year_is_resolved_near_the_dct_with_tense(text, dct, value):
    assert [t.value for t in tag(text, dct)] == [value]
