"""Real-news cases of the temporal tagger: same-day weekdays, superseded plans, onsets, "that day"."""

import datetime

import pytest

from transforms.timex import tag

TUE = datetime.date(2026, 3, 3)  # a Tuesday
FRI = datetime.date(2026, 3, 6)  # a Friday


def found(text, dct):
    """All expressions of text as (text, type, value)."""
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize("text, expected", [
    ("The envoy will land in Lagos on Tuesday.", ("Tuesday", "DATE", "2026-03-03")),
    ("The new mayor is to take the oath Tuesday night.", ("Tuesday night", "TIME", "2026-03-03TNI")),
    ("The coach will meet reporters Tuesday evening.", ("Tuesday evening", "TIME", "2026-03-03TEV")),
])
def test_a_future_weekday_named_on_that_weekday_is_the_publication_day(text, expected):
    assert found(text, TUE) == [expected]


def test_next_weekday_on_that_weekday_is_a_week_later():
    assert found("The council will vote next Tuesday.", TUE) == [("next Tuesday", "DATE", "2026-03-10")]


def test_a_same_day_press_conference_without_tense():
    assert found("Ministers gave a briefing Friday afternoon.", FRI) == [("Friday afternoon", "TIME", "2026-03-06TAF")]


def test_a_future_weekday_after_the_publication_day_is_still_this_week():
    assert found("The ferry will sail on Thursday.", TUE) == [("Thursday", "DATE", "2026-03-05")]


@pytest.mark.parametrize("cue", ["originally scheduled", "initially planned", "had been scheduled"])
def test_a_superseded_plan_takes_the_nearest_past_date(cue):
    text = f"The hearing was {cue} for Oct 15 and then moved."
    assert found(text, datetime.date(2025, 10, 22)) == [("Oct 15", "DATE", "2025-10-15")]


def test_a_plan_still_ahead_keeps_the_coming_date():
    assert found("The hearing is scheduled for Nov. 4.", datetime.date(2025, 10, 22)) == [
        ("Nov. 4", "DATE", "2025-11-04")]


@pytest.mark.parametrize("text", [
    "The two armies signed a pact committing to hold their fire from Thursday.",
    "The unions agreed to a pay freeze starting Thursday.",
    "The regulator announced new fees beginning Thursday.",
    "Officials pledged the border would reopen as of Thursday.",
])
def test_a_commitment_from_a_weekday_points_forward(text):
    assert [v for _, _, v in found(text, TUE)] == ["2026-03-05"]


@pytest.mark.parametrize("text", [
    "The shelling from Thursday left the bridge in ruins.",
    "As of Thursday, forty families had left the valley.",
])
def test_a_weekday_after_an_onset_word_without_a_commitment_stays_in_the_past(text):
    assert [v for _, _, v in found(text, TUE)] == ["2026-02-26"]


def test_earlier_that_day_is_anchored_on_the_day_last_mentioned():
    text = "Police raided the depot on Sunday. Earlier that day, a lorry had been stopped."
    assert found(text, FRI) == [("Sunday", "DATE", "2026-03-01"), ("Earlier that day", "DATE", "2026-03-01")]


def test_parts_of_that_day_are_anchored_on_the_day_last_mentioned():
    text = "The storm reached the coast on Sunday. That night the river rose, and the same morning roads closed."
    assert found(text, FRI) == [
        ("Sunday", "DATE", "2026-03-01"), ("That night", "TIME", "2026-03-01TNI"),
        ("the same morning", "TIME", "2026-03-01TMO")]


def test_a_clock_time_without_a_day_does_not_move_the_reference_day():
    text = "The vote took place on Monday, Feb. 23. Counting ended at 11:40 p.m., and that day turnout hit a record."
    values = [v for _, _, v in found(text, FRI)]
    assert values[0] == "2026-02-23"
    assert values[-1] == "2026-02-23"


def test_a_future_range_of_weekdays_ends_after_it_starts():
    assert [v for _, _, v in found("The talks will run from Monday to Friday.", TUE)] == ["2026-03-09", "2026-03-13"]


def test_a_past_range_of_weekdays_keeps_both_days_in_the_past():
    assert [v for _, _, v in found("Schools were shut from Friday to Monday.", TUE)] == ["2026-02-27", "2026-03-02"]


def test_a_range_from_an_older_date_leaves_the_weekday_alone():
    text = "The fund bought shares from Feb. 2 to Monday."
    assert [v for _, _, v in found(text, TUE)] == ["2026-02-02", "2026-03-02"]


def test_a_month_day_halfway_round_the_year_without_tense_goes_to_the_past():
    # Sept. 4 2026 lies 181 days ahead of March 7 and Sept. 4 2025 184 days back: news reports the past
    assert found("Shares are near the peak of Sept. 4.", datetime.date(2026, 3, 7)) == [("Sept. 4", "DATE", "2025-09-04")]


def test_the_following_month_counts_from_the_month_last_named():
    text = "The mill closed in June. The following month, its owners sold the land."
    assert found(text, datetime.date(2026, 11, 20)) == [
        ("June", "DATE", "2026-06"), ("The following month", "DATE", "2026-07")]


def test_the_nth_day_of_an_event_named_as_the_present_is_the_publication_day():
    assert found("Today is the tenth day of the dock strike.", FRI) == [
        ("Today", "DATE", "2026-03-06"), ("the tenth day", "DATE", "2026-03-06")]
    assert found("It's the third day of the siege.", FRI) == [("the third day", "DATE", "2026-03-06")]


def test_the_nth_day_without_a_copula_stays_untagged():
    assert found("He vowed to act on the first day of his term.", FRI) == []


def test_a_plan_that_had_originally_been_set_lies_in_the_past():
    assert found("The talks had originally been scheduled for Feb. 24.", TUE) == [("Feb. 24", "DATE", "2026-02-24")]


def test_a_clock_time_without_a_day_takes_the_day_just_named():
    text = "Shelling hit the town on Sunday. At 4 p.m. the guns fell silent."
    assert found(text, TUE) == [("Sunday", "DATE", "2026-03-01"), ("4 p.m.", "TIME", "2026-03-01T16:00")]


def test_a_clock_time_far_from_any_named_day_is_on_the_publication_day():
    filler = " ".join(["The crews worked along the river bank."] * 8)
    text = f"Shelling hit the town on Sunday. {filler} The bridge reopens at 4 p.m."
    assert found(text, TUE)[-1] == ("4 p.m.", "TIME", "2026-03-03T16:00")


def test_a_past_verb_right_before_a_weekday_outranks_a_later_will():
    text = "The truce agreed on Sunday will hold until Wednesday."
    assert found(text, TUE) == [("Sunday", "DATE", "2026-03-01"), ("Wednesday", "DATE", "2026-03-04")]


def test_is_due_points_forward_and_was_due_back():
    assert found("Elections are due in November.", datetime.date(2026, 2, 10)) == [("November", "DATE", "2026-11")]
    assert found("The loan payment was due on Friday.", TUE) == [("Friday", "DATE", "2026-02-27")]


def test_a_clock_time_before_on_and_a_day_takes_that_day_and_leaves_it_tagged_apart():
    text = "The storm left 40 dead as of noon on Monday, officials said."
    assert found(text, TUE) == [("noon", "TIME", "2026-03-02T12:00"), ("Monday", "DATE", "2026-03-02")]


@pytest.mark.parametrize("text", [
    "New mayor to be sworn in Thursday.",
    "The treaty, to be signed on Thursday, ends the dispute.",
])
def test_to_be_with_a_participle_points_forward(text):
    assert [v for _, _, v in found(text, TUE)] == ["2026-03-05"]


def test_to_be_after_a_dated_past_verb_stays_in_the_past():
    assert found("The crew were said on Monday to be safe.", TUE) == [("Monday", "DATE", "2026-03-02")]


def test_takes_effect_and_has_until_point_forward():
    assert found("The new tariff takes effect on Sunday.", TUE) == [("Sunday", "DATE", "2026-03-08")]
    assert found("The new tariff took effect on Sunday.", TUE) == [("Sunday", "DATE", "2026-03-01")]
    assert found("The rebels have until midnight Friday to leave.", TUE) == [
        ("midnight Friday", "TIME", "2026-03-06T24:00")]


def test_a_commitment_from_a_clock_time_and_weekday_points_forward():
    assert found("Both sides agreed to a truce as of midnight Thursday.", TUE) == [
        ("midnight Thursday", "TIME", "2026-03-05T24:00")]
    assert found("As of 6 p.m. Thursday, forty people had died.", TUE) == [
        ("6 p.m. Thursday", "TIME", "2026-02-26T18:00")]
