"""The trigger lexicon: every entry of the hand files and of the CAMEO table belongs to a registered type, and the
held-out vocabulary (issue #16) reads as the guide types it, on sentences written for these tests."""

from __future__ import annotations

import csv
import datetime

import pytest

from transforms.events import extract_events
from transforms.events.event_types import EVENT_TYPES, LEXICON, lexicon_files, registry
from transforms.events.lexicon import AGENTLESS, CONDITIONS, PHRASES, WORDS

DAY = datetime.date(2026, 3, 6)  # a Friday


def types_of(text: str) -> list[tuple[str, str]]:
    """(type, trigger) of each event of a text."""
    return [(e["event_type"], e["trigger"]) for e in extract_events(text, DAY)]


def test_every_entry_of_the_cameo_table_is_a_registered_type_with_a_cameo_root():
    with (LEXICON / "cameo.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    for row in rows:
        assert row["type"] in registry(), row
        assert row["cameo"] == "" or (len(row["cameo"]) == 2 and row["cameo"].isdigit()), row
        assert row["form"] == row["form"].lower().strip() and row["verb"], row
        key = tuple(row["form"].split()) if " " in row["form"] else row["form"]
        assert (PHRASES if " " in row["form"] else WORDS)[key][0] == row["type"]  # loaded as itself


def test_every_hand_entry_and_every_condition_names_a_registered_type():
    assert set(lexicon_files()) == set(EVENT_TYPES)
    assert {t for t, _ in WORDS.values()} | {t for t, _ in PHRASES.values()} <= set(EVENT_TYPES)
    for form, conditions in CONDITIONS.items():
        for cond in conditions:
            assert cond.then in {"keep", "drop"} | set(EVENT_TYPES), (form, cond)


def test_the_hand_files_and_the_table_share_no_form():
    with (LEXICON / "cameo.csv").open(encoding="utf-8") as fh:
        table = {row["form"] for row in csv.DictReader(fh)}
    for path in lexicon_files().values():
        hand = {line.split("#", 1)[0].partition("=")[0].strip().lower()
                for line in path.read_text(encoding="utf-8").splitlines()}
        assert not hand & table, path.name


@pytest.mark.parametrize(("text", "expected"), [
    ("Militants beheaded two aid workers near the border on Tuesday.", ("attack", "beheaded")),
    ("The prosecutor arraigned the former governor on Wednesday.", ("arrest", "arraigned")),
    ("Insurgents ambushes are rare, but the army retaliated on Monday.", ("attack", "retaliated")),
    ("The two carmakers merged on Thursday.", ("agreement", "merged")),
    ("The insurer settled the lawsuit with the families on Monday.", ("agreement", "settled")),
    ("The garrison surrendered to the rebels on Wednesday.", ("retreat", "surrendered")),
    ("The senate voted down the budget on Tuesday.", ("vote", "voted down")),
    ("The premier reshuffled his cabinet on Thursday.", ("appointment", "reshuffled")),
    ("Dockworkers began a hunger strike on Monday.", ("protest", "hunger strike")),
    ("The board rebuffed the offer on Wednesday.", ("rejection", "rebuffed")),
])
def test_held_out_vocabulary_takes_the_guides_type(text, expected):
    assert expected in types_of(text)


def test_a_hazard_added_for_held_out_news_is_an_event_nobody_does():
    assert ("other", "tornado") in types_of("A tornado flattened homes in the county on Thursday.")
    assert {"tornado", "blizzard", "mudslide", "avalanche"} <= AGENTLESS


def test_fired_as_an_officer_is_a_dismissal_not_gunfire():
    assert types_of("The bank's chief executive was fired as chairman on Monday.")[0] == ("appointment", "fired as")


def test_a_settlement_with_no_dispute_is_no_agreement():
    assert "agreement" not in [t for t, _ in types_of("The settlement was founded by farmers in 1890.")]


def test_base_and_ing_forms_of_dictionary_verbs_add_no_event():
    # "met to discuss": the purpose of the talks is no second meeting (the CAMEO table holds finite forms only).
    assert [t for t in types_of("The ministers met on Monday to discuss the border.") if t[0] == "meeting"] == [
        ("meeting", "met")]
    assert "discuss" not in WORDS and "discussing" not in WORDS and "discusses" in WORDS


def test_a_pact_is_an_agreement_only_when_it_is_made():
    assert ("agreement", "pact") in types_of("The two governments signed a defence pact on Monday.")
    assert "agreement" not in [t for t, _ in types_of("The envoys met on Monday to discuss a fishing pact.")]
