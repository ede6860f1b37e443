"""The whole-actor-list measure of `dateline eval events` on a small hand-made article and hand-made events."""

from __future__ import annotations

import datetime

from evaluation.events import Article, actor_list_faults, trigger_scores

TEXT = ("Egypt and Jordan met in Cairo on Monday. Police arrested Ali Hassan on Tuesday. "
        "The army attacked Rafah on Friday.")


def event(etype: str, trigger: str, actors: list[str], recipient: list[str]) -> dict:
    """A system event on the first occurrence of its trigger word, dated nowhere (dates are not measured here)."""
    at = TEXT.find(trigger)
    return {"event_type": etype, "trigger": trigger, "trigger_start": at, "trigger_end": at + len(trigger),
            "event_date": None, "date_basis": "unknown", "actors": actors, "recipient": recipient}


def gold(etype: str, trigger: str, actors: str) -> dict:
    """A gold row whose evidence is its trigger."""
    return {"article_id": "a1", "event_type": etype, "date": "", "date_precision": "unknown", "trigger": trigger,
            "actors": actors, "evidence": trigger, "modality": "asserted"}


def test_faults_name_each_missing_and_extra_actor():
    assert actor_list_faults(["Egypt", "Jordan"], ["egypt", "jordan"]) == []
    assert actor_list_faults(["Egypt", "Jordan"], ["egypt"]) == ["missing 'jordan'"]
    assert actor_list_faults(["Police", "Ali Hassan"], ["police", "hassan", "tuesday"]) == ["date-word 'tuesday'"]
    assert actor_list_faults(["army"], ["army", "cairo"]) == ["place 'cairo'"]
    assert actor_list_faults(["army"], ["army", "reporters"]) == ["stray 'reporters'"]
    assert actor_list_faults(["army", "Rafah"], ["army", "rafah"]) == []  # a place the gold names is a party


def test_actor_lists_count_only_typed_matches_with_gold_actors():
    articles = {"a1": Article("a1", datetime.date(2026, 3, 13), TEXT)}
    rows = [gold("meeting", "met", "Egypt; Jordan"), gold("arrest", "arrested", "Police; Ali Hassan"),
            gold("attack", "attacked", "army; Rafah"), gold("other", "Cairo", "")]
    events = [event("meeting", "met", ["Egypt"], ["Jordan"]),  # right: both parties
              event("arrest", "arrested", ["Police"], ["Tuesday"]),  # agent right, patient missing, a date word
              event("attack", "attacked", ["army"], []),  # agent right, the besieged town missing
              event("other", "Cairo", ["Jordan"], [])]  # no gold actors: not counted
    score = trigger_scores(articles, rows, {"a1": events}).as_dict()
    assert score["gold_with_agent"] == 3
    assert score["agent_accuracy"] == 1.0
    assert score["actors_accuracy"] == round(1 / 3, 3)
    errors = trigger_scores(articles, rows, {"a1": events}).errors
    wrong = [e for e in errors if e.startswith("wrong-actors")]
    assert len(wrong) == 2
    assert "missing 'ali hassan'" in wrong[0] and "date-word 'tuesday'" in wrong[0]
    assert "missing 'rafah'" in wrong[1]
