"""Agents first, then patients: subjects, passives, speakers, pronouns and "the group" resolved within an article."""

from __future__ import annotations

import datetime

from transforms.events import extract_events, fold_repeats

PUBLISHED = datetime.date(2025, 3, 14)


def roles(text: str, trigger: str) -> tuple[list[str], list[str]]:
    """(actors, recipient) of the event whose trigger is `trigger`."""
    (ev,) = [e for e in extract_events(text, PUBLISHED) if e["trigger"] == trigger]
    return ev["actors"], ev["recipient"]


def test_the_subject_of_the_clause_is_the_agent_not_a_place_in_between():
    text = "Protesters in Kathmandu stormed the parliament building on Tuesday."
    assert roles(text, "stormed")[0] == ["Protesters"]


def test_a_passive_takes_its_agent_from_the_by_phrase_and_its_subject_as_patient():
    text = "The tanker Orla was struck by Houthi rebels on Monday."
    assert roles(text, "struck") == (["Houthi rebels"], ["Orla"])
    assert roles("Mayor Lena Ortiz was arrested on Friday.", "arrested") == ([], ["Lena Ortiz"])


def test_pronouns_and_definite_nouns_refer_back_to_the_articles_names():
    text = ("The Northern Front seized the town of Ardo on Monday. "
            "The group said on Tuesday it had agreed to a truce.")
    assert roles(text, "said")[0] == ["Northern Front"]
    assert roles(text, "agreed")[0] == ["Northern Front"]
    assert roles("Anna Berg was elected on Sunday. She resigned on Friday.", "resigned")[0] == ["Anna Berg"]


def test_a_sentence_initial_common_word_is_no_actor():
    text = "Thankfully, rescuers evacuated the crew on Monday."
    actors, recipient = roles(text, "evacuated")
    assert "Thankfully" not in actors + recipient and actors == ["rescuers"]


def test_a_nationality_and_title_belong_to_the_person_they_introduce():
    text = "The accord was signed by Armenian Foreign Minister Ararat Mirzoyan on Friday."
    assert roles(text, "signed")[0] == ["Ararat Mirzoyan"]


def test_the_head_of_an_of_phrase_is_the_subject():
    text = "The leaders of the G7 countries adopted a joint communique on Sunday."
    assert roles(text, "adopted")[0] == ["leaders"]


def test_one_name_per_person_within_an_article():
    text = "Donald Trump arrived in Oslo on Monday. Trump met the king on Tuesday."
    assert roles(text, "met")[0] == ["Donald Trump"]


def test_repeated_mentions_fold_into_the_dated_one_but_distinct_events_stay_apart():
    text = ("Rebels attacked the town of Ardo on Monday. Rebels attacked Ardo with drones, residents said. "
            "A second attack hit the town of Belo. The first lawsuit was filed on Monday. The second lawsuit was filed.")
    events = fold_repeats(extract_events(text, PUBLISHED))
    attacks = [e for e in events if e["event_type"] == "attack"]
    assert [(e["trigger"], e["mention_count"]) for e in attacks] == [("attacked", 2), ("hit", 1)]
    assert len([e for e in events if e["trigger"] == "lawsuit"]) == 2


def test_a_plural_description_refers_back_to_every_party_it_names():
    text = "Acme Steel and Beta Metals agreed to merge on Monday. The companies sued the government on Tuesday."
    assert roles(text, "sued")[0] == ["Acme Steel", "Beta Metals"]


def test_each_actor_has_a_kind():
    text = "Nippon Steel and Sudan met on Monday. Protesters marched on Tuesday. Donald Trump said on Wednesday that it was fine."
    kinds = {e["trigger"]: e["actor_kinds"] for e in extract_events(text, PUBLISHED)}
    assert kinds["met"] == ["company", "government"]
    assert kinds["marched"] == ["people"] and kinds["said"] == ["person"]


def test_a_name_met_in_part_is_the_full_name_and_a_groups_fighters_are_the_group():
    text = ("Lee Jae-myung was sworn in on Wednesday. Lee vowed on Wednesday to boost growth.\n"
            "The Houthis attacked a ship on Monday. Houthi rebels seized the crew on Tuesday.")
    assert roles(text, "vowed")[0] == ["Lee Jae-myung"]
    assert roles(text, "seized")[0] == ["Houthis"]
