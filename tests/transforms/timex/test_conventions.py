"""News conventions of the temporal tagger: discourse words, earnings periods, sets, tense cues."""

import datetime

import pytest

from transforms.timex import tag

FRI = datetime.date(2026, 2, 20)  # a Friday
OCT89 = datetime.date(1989, 10, 26)  # a Thursday, in an earnings season


def found(text, dct=FRI):
    """All expressions of text as (text, type, value)."""
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


def test_now_that_is_a_present_reference():
    assert found("Exports can resume now that the port has reopened.") == [("now", "DATE", "PRESENT_REF")]


def test_sentence_initial_now_with_a_comma_is_a_discourse_marker():
    assert found("Now, the union says, the strike is over.") == []
    assert found("Now the union says the strike is over.") == [("Now", "DATE", "PRESENT_REF")]


def test_then_current_is_a_past_reference_without_the_article():
    assert found("Holders could buy shares at the then current price.") == [("then current", "DATE", "PAST_REF")]


def test_the_future_of_is_not_a_time():
    assert found("They debated the future of the harbour.") == []
    assert found("They will debate it in the future.") == [("the future", "DATE", "FUTURE_REF")]


def test_future_with_a_plural_unit_is_a_future_reference():
    assert found("The credits will cut taxes in future quarters.") == [("future quarters", "DATE", "FUTURE_REF")]


def test_weekday_with_plural_part_of_day_is_a_set():
    assert found("Ferries sail on Monday and Friday nights.") == [
        ("Monday", "SET", "XXXX-WXX-1TNI"), ("Friday nights", "SET", "XXXX-WXX-5TNI")]


def test_a_plan_that_had_been_scheduled_lies_in_the_past():
    assert found("The offer had been scheduled to expire Tuesday.") == [("Tuesday", "DATE", "2026-02-17")]
    assert found("The offer is scheduled to expire Tuesday.") == [("Tuesday", "DATE", "2026-02-24")]


def test_would_be_with_a_participle_points_forward():
    assert found("Officials said the envoy would be flying to Oslo Tuesday.") == [("Tuesday", "DATE", "2026-02-24")]


def test_postponed_until_points_forward():
    assert found("The judge postponed until Tuesday any ruling on the case.") == [("Tuesday", "DATE", "2026-02-24")]


def test_corresponding_period_last_year_is_the_year_ago_quarter():
    assert found("Third-quarter net rose, against a loss for the corresponding period last year.", OCT89) == [
        ("Third-quarter", "DATE", "1989-Q3"), ("the corresponding period last year", "DATE", "1988-Q3")]


def test_last_years_quarter_is_the_year_ago_quarter():
    assert found("Third-quarter sales rose; sales for last year's quarter were lower.", OCT89) == [
        ("Third-quarter", "DATE", "1989-Q3"), ("last year's quarter", "DATE", "1988-Q3")]


def test_after_a_nine_month_figure_a_year_earlier_is_the_previous_year():
    text = ("Third-quarter net rose 5%. For the nine months, net was $4 million, "
            "compared with $3 million a year earlier.")
    assert found(text, OCT89)[-1] == ("a year earlier", "DATE", "1988")


def test_year_earlier_span_is_a_duration():
    text = "Third-quarter net rose. Net for the year-earlier nine months included a gain."
    assert found(text, OCT89)[-1] == ("the year-earlier nine months", "DURATION", "P9M")


def test_a_forecast_quarter_does_not_become_the_reporting_quarter():
    text = "Third-quarter profit fell. It expects a recovery by the third quarter of 1990. A year ago it earned more."
    assert found(text, OCT89)[-1] == ("A year ago", "DATE", "1988-Q3")


def test_the_day_before_a_date_shifts_that_date():
    assert found("The day before last Tuesday's hearing, he flew home.") == [
        ("The day before last Tuesday", "DATE", "2026-02-16")]
    assert found("He fell ill the day before yesterday.") == [("the day before yesterday", "DATE", "2026-02-18")]


def test_growth_rates_with_annually_are_not_sets():
    assert found("Sales should rise 8 percent annually.") == []
    assert found("The board is elected annually.") == [("annually", "SET", "P1Y")]


def test_one_day_is_a_future_reference_only_after_a_modal():
    assert found("Islam will one day be a major religion here.") == [("one day", "DATE", "FUTURE_REF")]
    assert found("He had been in the job one day.") == [("one day", "DURATION", "P1D")]
    assert found("She made a one-day visit.") == [("one-day", "DURATION", "P1D")]


def test_mid_afternoon_and_in_the_morning_are_parts_of_a_day():
    assert found("Shares rose at mid-afternoon yesterday.") == [("mid-afternoon yesterday", "TIME", "2026-02-19TAF")]
    assert found("Shares fell on Tuesday. Dealers sold in the morning to cut losses.") == [
        ("Tuesday", "DATE", "2026-02-17"), ("the morning", "TIME", "2026-02-17TMO")]


def test_the_next_range_of_months_is_a_vague_duration():
    assert found("Acquisitions are planned during the next 12 to 18 months.") == [
        ("the next 12 to 18 months", "DURATION", "PXM")]


def test_earlier_and_later_stay_outside_a_weekday():
    assert found("Earlier Friday, crowds gathered.") == [("Friday", "DATE", "2026-02-20")]


def test_of_tomorrow_as_a_generation_is_not_a_day():
    assert found("He chose the people of tomorrow.") == []


@pytest.mark.parametrize("text", [
    "Prices fall in the evening session.", "The plan was announced in the morning papers.",
])
def test_part_of_day_as_a_modifier_is_not_tagged(text):
    assert found(text) == []


def test_the_day_in_apposition_names_the_date_just_given():
    assert found("Prices fell after Oct. 12, the day before the crash.", OCT89) == [
        ("Oct. 12", "DATE", "1989-10-12"), ("the day", "DATE", "1989-10-12")]


def test_later_in_the_day_is_the_reference_day_without_the_adverb():
    assert found("He landed in Oslo on Tuesday and met the king later in the day.") == [
        ("Tuesday", "DATE", "2026-02-17"), ("the day", "DATE", "2026-02-17")]


def test_half_of_a_decade_and_first_two_quarters_of_a_year():
    assert found("Sales were flat in the last half of the '80s.", OCT89) == [("the last half of the '80s", "DATE", "198")]
    assert found("Losses will last through the first two quarters of 1990.", OCT89) == [
        ("the first two quarters of 1990", "DATE", "1990-H1")]


def test_hyphenated_quarter_leaves_the_article_outside():
    assert found("The third-quarter loss was large.", OCT89) == [("third-quarter", "DATE", "1989-Q3")]
    assert found("The third quarter was weak.", OCT89) == [("The third quarter", "DATE", "1989-Q3")]


def test_a_quarter_of_something_is_a_fraction():
    assert found("Funds hold more than a quarter of the market.", OCT89) == []


def test_a_period_ended_on_a_date_lies_before_the_dct():
    assert found("Sales rose in the fiscal year ended Jan. 31.", OCT89)[-1] == ("Jan. 31", "DATE", "1989-01-31")
    assert found("In the second quarter ended Oct. 31, it lost money.", OCT89)[-1] == ("Oct. 31", "DATE", "1988-10-31")


def test_a_clock_time_takes_the_day_named_in_or_after_its_parenthesis():
    assert found("The blast came at about 10:35 a.m. (0735 GMT) Tuesday.")[0] == ("10:35 a.m.", "TIME", "2026-02-17T10:35")


def test_recently_after_an_auxiliary_is_left_to_the_verb():
    assert found("The search was recently extended to Mexico.") == []
    assert found("The firm recently cut its dividend.") == [("recently", "DATE", "PAST_REF")]


def test_months_of_pay_are_money():
    assert found("He gets a bonus equal to six months of base pay.") == []


def test_march_before_for_is_a_month_unless_it_names_an_event():
    assert found("He resigned in March for health reasons.", OCT89) == [("March", "DATE", "1989-03")]
    assert found("They joined the March for Life.", OCT89) == []


def test_the_weeks_ahead_is_a_vague_duration():
    assert found("Funds may sell bonds in the weeks ahead.") == [("the weeks ahead", "DURATION", "PXW")]


def test_the_weekend_ahead_is_the_coming_one():
    assert found("Traders sold ahead of the weekend.", datetime.date(1989, 10, 30)) == [
        ("the weekend", "DATE", "1989-W44-WE")]
    assert found("Talks went on over the weekend.", datetime.date(1989, 10, 30)) == [
        ("the weekend", "DATE", "1989-W43-WE")]


def test_around_a_clock_time_or_date_is_inside():
    assert found("They arrived around 7:15 p.m.")[0][0] == "around 7:15 p.m."
    assert found("The sale closes around Nov. 1.", OCT89) == [("around Nov. 1", "DATE", "1989-11-01")]


def test_easter_is_computed_and_eve_shifts_a_day():
    apr = datetime.date(2000, 4, 17)
    assert found("Crowds prayed as Easter week began.", apr) == [("Easter week", "DATE", "2000-W16")]
    assert found("He will come home for Easter.", apr) == [("Easter", "DATE", "2000-04-23")]
    assert found("They married on Christmas Eve.", apr) == [("Christmas Eve", "DATE", "1999-12-24")]
    assert found("Eastern Europe grew.", apr) == []


def test_us_election_day_is_the_tuesday_after_the_first_monday_of_november():
    assert found("It is a theme from now to Election Day.", datetime.date(1998, 10, 26))[-1] == (
        "Election Day", "DATE", "1998-11-03")
    assert found("Voters went to the polls on Election Day.", datetime.date(2024, 11, 20)) == [
        ("Election Day", "DATE", "2024-11-05")]


def test_the_quarter_ended_on_a_date_is_the_quarter_holding_most_of_its_months():
    assert found("Sales rose in the quarter ended July 31.", OCT89) == [
        ("the quarter", "DATE", "1989-Q2"), ("July 31", "DATE", "1989-07-31")]
    assert found("Sales rose in the quarter ended Sept. 30.", OCT89) == [
        ("the quarter", "DATE", "1989-Q3"), ("Sept. 30", "DATE", "1989-09-30")]


def test_a_fiscal_quarter_named_before_keeps_its_number_for_the_quarter_ended():
    text = "Profit fell in the fiscal first quarter. Sales rose in the quarter ended Sept. 30."
    assert [v for _, _, v in found(text, OCT89)][:2] == ["1989-Q1", "1989-Q1"]


OCT25 = datetime.date(2025, 10, 22)  # a Wednesday


@pytest.mark.parametrize("text, value", [
    # a past verb close by puts a month alone on or before the DCT, even one close ahead of it
    ("The rival group acquired the chain in December for $2 billion.", "2024-12"),
    ("In January, the board hired a new chief executive.", "2025-01"),
    # without a close past verb the month nearest the DCT still wins
    ("The board meets again in December.", "2025-12"),
    # a deadline is no past event: the verb dates the giving, not the deadline
    ("Regulators gave the bidder until mid-November to reply.", "2025-11"),
    ("The vote was postponed to December.", "2025-12"),
    ("Since March, prices have doubled.", "2025-03"),
])
def test_month_alone_follows_a_close_past_verb(text, value):
    assert [v for _, _, v in found(text, OCT25)] == [value]


def test_participle_after_an_article_is_no_past_tense_cue():
    text = "The dividend would be paid on a still unspecified date in January."
    assert [v for _, _, v in found(text, OCT25)] == ["2026-01"]


def test_since_year_end_is_the_last_year_end():
    assert found("The index is up 12% since year-end.", OCT25) == [("year-end", "DATE", "2024-12-31")]
    assert found("The deal should close by year-end.", OCT25) == [("year-end", "DATE", "2025-12-31")]


def test_coming_units_without_the_are_a_future_reference():
    assert found("Growth should slow in coming months.") == [("coming months", "DATE", "FUTURE_REF")]
    assert found("Prices will rise in the coming years.") == [("the coming years", "DURATION", "PXY")]


def test_over_the_years_is_a_vague_duration():
    assert found("Over the years, the village shrank.") == [("the years", "DURATION", "PXY")]
    assert found("In the years that followed, the mill closed.") == [("the years", "DURATION", "PXY")]
    assert found("In the years before the war, the mill thrived.") == []


def test_a_whole_cycle_a_day_means_always():
    assert found("Guards watch the gate 24 hours a day.") == []
    assert found("The shop opens seven days a week.") == []
    assert found("The talks lasted 24 hours.") == [("24 hours", "DURATION", "PT24H")]


def test_todays_with_a_generic_noun_is_the_present_age():
    assert found("Many of today's personal computers use the chip.") == []
    assert found("Today's vote was delayed.") == [("Today", "DATE", "2026-02-20")]


def test_in_years_after_a_modal_is_the_year_that_far_ahead():
    assert found("The notes would be repaid in five years.", OCT89) == [("five years", "DATE", "1994")]
    assert found("You may, in a year or two, see results.", OCT89) == [("a year or two", "DATE", "FUTURE_REF")]
    assert found("The plant was built in two years.", OCT89) == [("two years", "DURATION", "P2Y")]


def test_in_the_early_years_is_a_vague_duration():
    assert found("Fewer lives are saved in the early years, the study says.") == [
        ("the early years", "DURATION", "PXY")]


def test_that_day_needs_a_day_named_before():
    assert found("When bad news hits, funds see heavy selling that day.") == []
    assert found("The fire started on Monday. That day, roads were closed.", OCT25)[-1] == (
        "That day", "DATE", "2025-10-20")


@pytest.mark.parametrize("text", ["The two envoys meet separately Monday with the mediator.",
                                  "The talks open on Monday in Lisbon.", "The assembly convenes Monday."])
def test_a_present_tense_scheduled_act_takes_the_coming_weekday(text):
    (tx,) = found(text)  # FRI: the coming Monday, as for "will meet Monday"
    assert tx[2] == "2026-02-23"


@pytest.mark.parametrize("text", ["The envoys met Monday.", "The envoys did not meet Monday.",
                                  "The envoys failed to hold talks Monday."])
def test_a_past_or_non_finite_form_keeps_the_latest_weekday(text):
    (tx,) = found(text)
    assert tx[2] == "2026-02-16"
