"""Discourse rules of the event extractor, on sentences written for these tests."""

from __future__ import annotations

import datetime

from transforms.events import extract_events

PUB = datetime.date(2026, 3, 13)  # a Friday


def of_type(text: str, etype: str) -> list[dict]:
    """Events of one type."""
    return [e for e in extract_events(text, PUB) if e["event_type"] == etype]


def test_undated_event_reported_by_a_dated_speech_act_takes_its_date():
    (ev,) = of_type("The dockers' union said on Wednesday it has accepted the new wage offer.", "agreement")
    assert ev["event_date"] == datetime.date(2026, 3, 11)
    assert ev["date_basis"] == "anchored"


def test_a_date_next_to_the_reported_event_does_not_date_the_speech():
    text = "The mayor said the two councils merged on Monday."
    (speech,) = of_type(text, "statement")
    assert speech["date_basis"] == "publication"
    assert speech["event_date"] != datetime.date(2026, 3, 9)  # not Monday: the publication day or, as here
    assert speech["on_or_before"] == PUB  # where the lead is an earlier day's news (the merger), unknown


def test_next_sentence_continues_the_dated_occasion():
    text = "Health ministers held an emergency meeting on Tuesday in Manila.\nThey agreed to pool vaccine stocks."
    (ev,) = of_type(text, "agreement")
    assert ev["event_date"] == datetime.date(2026, 3, 10)
    assert ev["date_basis"] == "anchored"


def test_a_speech_act_continues_the_previous_speech_act():
    text = "The Chilean envoy said on Tuesday that the border was calm.\nHe said patrols had been doubled."
    speeches = of_type(text, "statement")
    assert [s["event_date"] for s in speeches] == [datetime.date(2026, 3, 10)]  # one speaker, one occasion


def test_an_earlier_event_recalled_by_its_date_does_not_continue():
    text = "Police reopened the inquiry into the March 3 harbour bombing.\nInvestigators arrested two suspects."
    (bombing,) = of_type(text, "attack")
    assert bombing["event_date"] == datetime.date(2026, 3, 3)
    (arrest,) = of_type(text, "arrest")
    assert arrest["date_basis"] == "publication"


def test_present_perfect_does_not_continue_the_occasion():
    text = "Health ministers met on Tuesday in Manila.\nThe region has signed several health accords."
    (ev,) = of_type(text, "agreement")
    assert ev["date_basis"] == "publication"


def test_an_announced_commitment_is_a_pledge_not_a_statement():
    events = extract_events("Ireland said it would send 30 engineers to the flooded region.", PUB)
    assert [e["event_type"] for e in events] == ["pledge"]
    assert events[0]["modality"] == "asserted"


def test_one_statement_per_speaker_per_occasion():
    text = ("Finance Minister Lena Ortiz said on Thursday that the budget was balanced.\n"
            "The deficit had narrowed, Ortiz said.")
    speeches = of_type(text, "statement")
    assert len(speeches) == 1
    assert speeches[0]["event_date"] == datetime.date(2026, 3, 12)


def test_definite_repeat_without_a_date_is_not_a_second_event():
    text = "The rebels agreed to a truce on Monday.\nAid groups hope the truce will hold."
    assert len(of_type(text, "retreat")) == 1


def test_premodifying_year_dates_only_its_own_noun():
    (ev,) = of_type("Prosecutors charged the suspect over the 2019 harbour fire.", "arrest")
    assert ev["date_basis"] == "publication"


def test_fronted_time_adverbial_dates_the_main_clause():
    (ev,) = of_type("In a televised address on Wednesday evening, the premier said the curfew would end.", "statement")
    assert ev["event_date"] == datetime.date(2026, 3, 11)


def test_vote_counts_and_aid_workers_are_not_events():
    assert of_type("The motion passed with 212 votes.", "vote") == []
    assert of_type("Aid workers reached the village.", "aid") == []


def test_a_relative_clause_event_does_not_take_the_main_clause_date():
    text = "Slovakia, which had threatened to block the budget, gave way late on Wednesday."
    (ev,) = of_type(text, "threat")
    assert ev["date_basis"] == "publication"


def test_since_before_a_date_is_no_clause_boundary():
    found = of_type("The governor, who has been in power since 2017, resigned on Monday.", "appointment")
    (ev,) = [e for e in found if e["trigger"] == "in power"]
    assert (ev["event_date"], ev["date_precision"]) == (datetime.date(2017, 1, 1), "year")


def test_news_outlets_quoted_as_sources_are_not_speakers():
    assert of_type("Rebels shelled the port on Monday, Reuters reported.", "statement") == []
    (ev,) = of_type("The minister told the BBC on Monday that the port was closed.", "statement")
    assert ev["actors"] == ["minister"] and ev["recipient"] == ["BBC"]


def test_a_bare_clock_time_does_not_date_the_event():
    (ev,) = of_type("The envoy was attacked at 10 p.m. outside his hotel.", "attack")
    assert ev["date_basis"] == "publication"
    (dated,) = of_type("The envoy was attacked at 10 p.m. on Tuesday outside his hotel.", "attack")
    assert dated["event_date"] == datetime.date(2026, 3, 10)


def test_a_date_between_commas_before_a_noun_modifies_it():
    text = "Two men were charged over the March 2, 2026, bombing of a depot."
    (arrest,) = of_type(text, "arrest")
    assert arrest["date_basis"] == "publication"


def test_acronyms_take_the_long_name_the_article_gives():
    text = "The Andean Water Council (AWC) met on Monday. The AWC said on Tuesday it had approved a new tariff."
    events = extract_events(text, PUB)
    assert {a for e in events for a in e["actors"]} == {"Andean Water Council"}


def test_a_bracket_does_not_cut_the_subject_from_its_verb():
    (ev,) = of_type("The Delta Brigade (DB) attacked a checkpoint on Sunday.", "attack")
    assert ev["actors"] == ["Delta Brigade"]


def test_a_truce_sought_or_agreed_is_not_an_event_of_its_own():
    text = ("Mediators kept working to reach a humanitarian truce in the valley.\n"
            "The militia agreed to a three-day truce on Wednesday.")
    assert of_type(text, "retreat") == []
    assert [e["event_date"] for e in of_type(text, "agreement")] == [datetime.date(2026, 3, 11)]


def test_aid_naming_a_kind_of_operation_is_not_an_aid_event():
    text = "Volunteers joined relief operations in the delta, and the council pledged $2 million in aid."
    assert of_type(text, "aid") == []


def test_a_truce_that_is_the_subject_stays_an_event():
    (ev,) = of_type("A fragile truce took hold along the border on Tuesday.", "retreat")
    assert ev["event_date"] == datetime.date(2026, 3, 10)


def test_meeting_a_need_or_a_condition_is_no_meeting():
    # The meeting type is talks, summits, visits, calls and sessions: "meet needs" satisfies them.
    assert of_type("Acme said the deal allows it to more effectively meet consumer needs.", "meeting") == []
    assert of_type('He said conditions "were no longer met" for him to stay.', "meeting") == []
    assert [e["trigger"] for e in of_type("Moro met Costa in Lisbon on Monday.", "meeting")] == ["met"]
    assert [e["trigger"] for e in of_type("The leaders will meet on Friday to set new targets.", "meeting")] == ["meet"]


def test_a_passive_announcement_that_only_times_another_event_is_no_event():
    # "when the verdict was announced" dates the crowd's act by a thing told before; it makes nothing public.
    assert of_type("Protesters wept when the verdict was announced on Friday.", "announcement") == []
    assert of_type("Clashes surged soon after the draft deal was announced.", "announcement") == []
    # A main clause, or a named announcer, is a making public of its own.
    assert len(of_type("The verdict was announced on Friday.", "announcement")) == 1
    assert len(of_type("Crowds gathered after the result was announced by the commission.", "announcement")) == 1
