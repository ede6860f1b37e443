"""Rows that are no real events under the guide ("What is an event": names, background states, anonymous sources'
commentary) and the modality of planned, possible and negated ones (issue #16), on sentences written here."""

import datetime

import pytest

from transforms.events import extract_distinct
from transforms.events.modality import modality
from transforms.events.tokens import tokenize

PUBLISHED = datetime.date(2026, 3, 6)  # a Friday


def rows(text: str) -> list[tuple[str, str]]:
    """(trigger, type) of a text's folded rows, in text order."""
    return [(e["trigger"].lower(), e["event_type"]) for e in extract_distinct(text, PUBLISHED)]


def modalities(text: str) -> dict[str, str]:
    """Trigger -> modality of a text's folded rows."""
    return {e["trigger"].lower(): e["modality"] for e in extract_distinct(text, PUBLISHED)}


@pytest.mark.parametrize("text", [
    "Shipping costs have soared since the Iran-Iraq war, the insurers noted in a report.",
    "The ministers disagreed about the Armenian-Azerbaijani war and trade.",
])
def test_a_war_named_by_its_two_sides_is_no_attack(text):
    """Class REAL-NAME: "the Iran-Iraq war" names a war told as background (guide: titles and names)."""
    assert "war" not in [t for t, _ in rows(text)]


def test_the_outbreak_of_a_named_war_is_still_an_event():
    assert ("war", "attack") in rows("The Iran-Iraq war began in September 1980.")


def test_a_war_the_news_is_set_amid_is_a_background_state():
    """Class REAL-STATE: "amid a civil war" is the background (guide: background states are no events)."""
    assert "war" not in [t for t, _ in rows("The vote took place on Sunday amid a bloody civil war.")]
    assert ("war", "attack") in rows("The two countries went to war in 1994.")


@pytest.mark.parametrize("text, expected", [
    ("The former governor is currently under house arrest in the capital.", []),
    ("The opposition leader remains under arrest.", []),
    ("The former governor was placed under house arrest on Monday.", [("arrest", "arrest")]),
])
def test_being_under_arrest_is_a_state_being_placed_under_it_an_arrest(text, expected):
    """Class REAL-STATE: the state is no event; the act of placing someone under arrest is."""
    assert [r for r in rows(text) if r[1] == "arrest"] == expected


@pytest.mark.parametrize("text", [
    "A senior army official told reporters that the convoy had reached the border.",
    "Officials said the ministers were optimistic about the talks.",
    "Sources said the bank would raise its rates again.",
    "The plan is close to approval, said two diplomats familiar with the negotiations.",
    "People familiar with the matter said the merger terms were generous.",
    "Analysts said the currency had been overvalued for years.",
])
def test_an_anonymous_source_or_an_analyst_makes_no_statement(text):
    """Class REAL-ANON: anonymous sources' and analysts' commentary is no event (guide: "What is an event")."""
    assert "statement" not in [etype for _, etype in rows(text)]


@pytest.mark.parametrize("text", [
    "A government spokeswoman said on Friday that the ministers were optimistic.",
    "The foreign ministry said on Friday that it was optimistic.",
    "Officials heard the envoy, who said on Friday that she was optimistic.",
])
def test_a_named_or_institutional_speaker_still_makes_a_statement(text):
    assert "statement" in [etype for _, etype in rows(text)]


def test_what_an_anonymous_source_relays_keeps_its_row():
    assert rows("The convoy was attacked near the border on Tuesday, a security official said.") == [
        ("attacked", "attack")]


@pytest.mark.parametrize("text, trigger, expected", [
    # REAL-MOD-CAN: "can" opens a possibility, also through "try to".
    ("The defendant can try to appeal the verdict.", "appeal", "hypothetical"),
    ("The defendant tried to appeal the verdict on Monday.", "appeal", "asserted"),
    # REAL-MOD-NO: a subject opened by "no" negates its verb (negation scope), not a count "no fewer than".
    ("No civilian buildings have been targeted.", "targeted", "negated"),
    ("So far there has been no grain or fuel pledged by the donors.", "pledged", "negated"),
    ("No fewer than twelve states signed the charter on Monday.", "signed", "asserted"),
    # REAL-MOD-RIGHT: "likely" after a noun, as "expected" already was.
    ("A referendum is likely within three months.", "referendum", "future"),
    # REAL-MOD-FOR: an infinitive with its own subject after "for" is what a deal or a way is for, not done.
    ("The accord provides for both Peru and Chile to jointly withdraw from the pact.", "withdraw", "future"),
    ("Troops withdrew from the town for the first time on Monday.", "withdrew", "asserted"),
    # REAL-MOD-PAVE: what something paves the way for has not happened yet.
    ("The ruling paves the way for a snap parliamentary election.", "election", "future"),
])
def test_modality_cues_of_possibility_negation_and_plans(text, trigger, expected):
    assert modalities(text)[trigger] == expected


def test_a_nouns_modifiers_are_not_its_light_verb():
    """Class REAL-MOD-NP: the walk back from a noun skips the words between it and its determiner."""
    def mod(text: str, word: str) -> str:
        toks = tokenize(text)
        i = next(k for k, t in enumerate(toks) if t.lower == word)
        return modality(toks, i, True, 0, len(toks))

    assert mod("The plan would begin with a six-week humanitarian truce.", "truce") == "hypothetical"
    assert mod("The rebels could sign a new peace deal.", "deal") == "hypothetical"
    assert mod("The rebels signed a new peace deal.", "deal") == "asserted"
    assert mod("They welcomed a possible truce.", "truce") == "hypothetical"
    assert mod("The crowd later began marching through the square.", "marching") == "asserted"


@pytest.mark.parametrize("text, expected", [
    # REAL-MOD-AND: a verb after "and" shares the auxiliaries of the verb before it.
    ("The bill will likely be approved by the senate and signed into law on Friday.",
     {"approved": "future", "signed": "future"}),
    ("The envoy could resign and leave the party.", {"resign": "hypothetical"}),
    ("The minister resigned and was arrested on Monday.", {"resigned": "asserted", "arrested": "asserted"}),
    ("The minister would resign and the army attacked the palace.", {"resign": "hypothetical", "attacked": "asserted"}),
])
def test_a_conjoined_verb_shares_the_plan_of_the_verb_before_it(text, expected):
    got = modalities(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, trigger, expected", [
    # REAL-MOD-FRAME: an occasion that frames a planned act of its own day is planned too.
    ("The premier will travel to Oslo on Thursday for a summit of Nordic leaders.", "summit", "future"),
    ("In Oslo on Thursday, during a meeting of the two leaders, a treaty is expected to be signed.", "meeting", "future"),
    ("The premier flew to Oslo on Thursday for a summit of Nordic leaders.", "summit", "asserted"),
    ("At the summit on Thursday, the premier said a treaty will be signed next month.", "summit", "asserted"),
])
def test_an_occasion_framing_a_planned_act_is_planned(text, trigger, expected):
    assert modalities(text)[trigger] == expected


@pytest.mark.parametrize("text", [
    "The freighter belonged to a firm that had violated their ban on entering the harbour.",
    "Crowds marched through the old town despite curfew.",
])
def test_a_measure_in_force_that_an_act_defies_is_background(text):
    """Class REAL-STATE: a ban or curfew named as what an act violates is in force already, no new row."""
    assert [etype for _, etype in rows(text) if etype in ("arrest", "sanction")] == []


def test_imposing_a_curfew_is_still_an_event():
    assert ("curfew", "arrest") in rows("The army imposed a curfew on Monday.")


def test_the_doers_named_by_their_weapons_are_no_second_attack():
    """Class REAL-NAME: "by gunmen" names who did an act already told; "Gunmen stormed" is told by its verb."""
    assert [t for t, _ in rows("Officials condemned the killing of six guards by gunmen on Monday.")] != []
    assert "gunmen" not in [t for t, _ in rows("Officials condemned the killing of six guards by gunmen on Monday.")]
    assert ("stormed", "attack") in rows("Gunmen stormed a hotel on Monday.")


def test_a_killing_to_be_stopped_is_no_attack():
    """Like "end the war": what someone is asked to stop is no event of its own (guide: generic uses)."""
    assert "killing" not in [t for t, _ in rows("Will the army stop killing civilians?")]


@pytest.mark.parametrize("text", [
    "The rebels threatened to attack the port.",
    "The president threatened on Monday to impose tariffs on steel.",
    "The union's threat to strike over pay worried the ministers.",
])
def test_the_act_a_threat_threatens_is_its_content(text):
    """Class REAL-THREAT: the act threatened has not happened; the threat is the row (guide rule 2)."""
    assert [etype for _, etype in rows(text) if etype != "statement"] == ["threat"]


def test_the_same_act_done_is_an_event():
    assert ("attacked", "attack") in rows("The rebels attacked the port on Monday.")


def test_a_toll_an_act_saw_is_no_attack_of_its_own():
    """Class REAL-TALLY: "an offensive that saw thousands killed" counts the offensive's dead."""
    assert rows("Rebels seized the town in an offensive that saw hundreds killed.") == [("seized", "attack")]
    assert ("killed", "attack") in rows("Soldiers killed five protesters on Monday.")


def test_a_demonstrative_noun_points_back_to_the_event_told():
    """Class REAL-REPEAT: "That rare appeal" is the appeal just told (guide: one row per distinct event)."""
    text = ("The junta appealed for foreign help on Friday. That rare appeal shows the scale of the damage. "
            "This lawsuit follows another one.")
    assert [etype for _, etype in rows(text)].count("request") == 1


def test_a_clause_opened_by_that_is_no_back_reference():
    from transforms.events.discourse import _demonstrative

    assert _demonstrative("the envoy revealed that".split()) is False  # "revealed that recruitment has begun"
    assert _demonstrative("damage. That rare".split()) is True
    assert _demonstrative("after this".split()) is True
    assert _demonstrative("this second".split()) is False  # "this second attack": a new one of a series
