"""Folding repeated mentions of one event into one row (transforms/events/folding.py), on sentences we wrote."""

import datetime

from transforms.events import extract_distinct

PUBLISHED = datetime.date(2026, 3, 6)  # a Friday


def _rows(text: str, etype: str) -> list[dict]:
    """The folded rows of one type."""
    return [e for e in extract_distinct(text, PUBLISHED) if e["event_type"] == etype]


def test_a_deal_and_its_bare_noun_are_one_agreement():
    """Class P3-F1: "agreed on the text of a treaty" is one agreement by the parties, not two."""
    (row,) = _rows("Chile and Peru agreed on the text of a fisheries treaty on Monday.", "agreement")
    assert row["mention_count"] == 2 and row["event_date"] == datetime.date(2026, 3, 2)


def test_one_meeting_told_in_other_words_is_one_row():
    """Class P3-F1: "met ... on Tuesday" and "discussed ..." by the same leaders are one meeting, dated."""
    text = ("Freedonian President Ana Lopez met Sylvanian Prime Minister Ivo Berg in Geneva on Tuesday. "
            "Lopez and Berg discussed water rights and fishing quotas.")
    (row,) = _rows(text, "meeting")
    assert row["trigger"] == "met" and row["mention_count"] == 2


def test_agreements_of_different_days_stay_apart():
    """Class P3-F1 keeps distinct deals: the same parties' agreements dated to different periods are two rows."""
    text = "Chile signed a fisheries treaty with Peru on Monday. Chile agreed in January to a trade pact with Peru."
    assert len(_rows(text, "agreement")) == 2


def test_attacks_by_one_party_in_other_words_stay_apart():
    """Class P3-F1 is not for attacks: one party's shelling and bombing are two attacks."""
    text = "Rebels shelled the port of Velka on Monday. The rebels bombed a hospital in the north."
    assert len(_rows(text, "attack")) == 2


def test_one_resignation_told_as_quit_and_stepped_down_is_one_row():
    """Class P4-F1: "quit", "stepped down" and "resigned" by one person are one resignation (an appointment)."""
    text = ("Freedonian Prime Minister Ana Lopez resigned on Tuesday. "
            "Her spokesman confirmed that Lopez had stepped down. Lopez quit after weeks of protests.")
    (row,) = _rows(text, "appointment")
    assert row["mention_count"] == 3 and row["event_date"] == datetime.date(2026, 3, 3)


def test_resignations_of_two_people_stay_apart():
    """Class P4-F1 folds one person's resignation only: two ministers who quit are two rows."""
    text = "Interior Minister Ivo Berg resigned on Tuesday. Finance Minister Lena Ortiz quit on Wednesday."
    assert len(_rows(text, "appointment")) == 2


def test_an_office_named_without_a_name_folds_into_the_named_holders_event():
    """Class P4-F2: "the chief executive resigned" and "the PM has quit" name an office, no one of their own: each
    is the resignation another mention tells with the holder's name."""
    text = "Lena Ortiz, the CEO of Acme Corp, resigned on Tuesday. Shares fell 5% after the chief executive resigned."
    (row,) = _rows(text, "appointment")
    assert row["actors"] == ["Lena Ortiz"] and row["mention_count"] == 2
    (row,) = _rows("Freedonia's premier Ivo Berg resigned on Tuesday. \"The PM has quit,\" an aide said.", "appointment")
    assert row["actors"] == ["Ivo Berg"] and row["event_date"] == datetime.date(2026, 3, 3)


def test_an_office_named_for_another_day_stays_apart():
    """Class P4-F2 needs agreeing dates: the chief executive who resigned in 2019 is another resignation."""
    text = "Lena Ortiz, the CEO of Acme Corp, resigned on Tuesday. The chief executive resigned in 2019 as well."
    assert len(_rows(text, "appointment")) == 2


def test_an_attack_named_after_in_is_the_act_its_clause_told():
    """Class A-IN: "seized the east in an offensive", "targeted a ship ... in the latest assault": the noun after
    "in" names the verb's act, one attack row, dated by the clause."""
    (row,) = _rows("The rebels seized large parts of the province in an offensive on Monday.", "attack")
    assert row["event_date"] == datetime.date(2026, 3, 2)
    (row,) = _rows("Rebels targeted a cargo ship in the Gulf of Aden in the latest assault on shipping.", "attack")
    assert row["trigger"] == "targeted"


def test_attacks_of_separate_clauses_or_sentences_stay_apart():
    """Class A-IN folds only a noun after "in" in the verb's clause: a new offensive told on its own stays a row,
    and so does a second attack told by its own verb in the clause ("fired ... in the vicinity opened fire")."""
    rows = _rows("Troops attacked the town on Monday. A new offensive began in the north on Tuesday.", "attack")
    assert [r["event_date"] for r in rows] == [datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)]
    rows = _rows("A missile fired at the ship missed, and gunmen in the vicinity opened fire on it.", "attack")
    assert len(rows) == 2


def test_an_undated_mention_folds_into_the_one_that_carries_the_date():
    """Issue #16: "Earlier, X resigned" has an empty date (guide: a vague word with nothing to pin it); told again
    with its day, the row carries that day; told again only as the day's news, the first mention stands for it."""
    text = ("Earlier, the harbour master of Valparaiso resigned. "
            "The harbour master of Valparaiso resigned on Tuesday after a dispute over dredging.")
    (row,) = _rows(text, "appointment")
    assert row["mention_count"] == 2
    assert (row["event_date"], row["date_precision"], row["trigger_start"]) == (
        datetime.date(2026, 3, 3), "day", text.index("resigned on"))
    text = ("Earlier, the harbour master of Valparaiso resigned. "
            "The harbour master of Valparaiso resigned after a dispute over dredging.")
    (row,) = _rows(text, "appointment")
    assert row["mention_count"] == 2 and row["trigger_start"] == text.index("resigned")
    assert (row["event_date"], row["date_precision"], row["on_or_before"]) == (None, "unknown", PUBLISHED)
