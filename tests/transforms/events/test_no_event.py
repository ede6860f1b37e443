"""Words that name no event of their own under the guide ("What is an event", rule 2), on sentences we wrote."""

import datetime

from transforms.events import extract_distinct

PUBLISHED = datetime.date(2026, 3, 6)  # a Friday


def _types(text: str) -> list[str]:
    """The event types of a text's folded rows, in text order."""
    return [e["event_type"] for e in extract_distinct(text, PUBLISHED)]


def test_the_act_an_accusation_blames_is_no_row_of_its_own():
    """Class P3-N1: "accused the militia of kidnapping" is one accusation; the kidnapping is its content."""
    assert _types("The ministry accused the militia of kidnapping two aid workers on Sunday.") == ["accusation"]
    assert _types("Officials accused the army of shelling the village.") == ["accusation"]


def test_the_same_act_told_as_done_is_an_event():
    """Class P3-N1 drops only the accused act: a kidnapping told as done is an arrest row."""
    assert _types("The militia kidnapped two aid workers on Sunday.") == ["arrest"]
