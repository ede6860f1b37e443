"""The one date line detector (transforms.datelines), as the articles row and the event extractor read it."""

from __future__ import annotations

import datetime

import pytest

from transforms import datelines
from transforms.articles import make_article
from transforms.documents import RawDocument

PUB = datetime.date(2026, 3, 14)


@pytest.mark.parametrize("text, place, date", [
    ("WASHINGTON, March 12 (Xinhua) -- Talks.", "Washington", "March 12"),
    ("Port-au-Prince, March 12 -- Talks.", "Port-au-Prince", "March 12"),
    ("LAGOS, Nigeria, March 12 - Talks.", "Lagos", "Nigeria, March 12"),
    ("Rabat – Hamas said on Friday.", "Rabat", None),
    ("PARIS (AFP) - Talks.", "Paris", None),
    ("WASHINGTON, March 12: Talks began.", None, None),  # a colon ends a date line, but names no place
    ("Dar es Salaam, March 12 -- Talks.", None, None),  # not a run of capitalised words
    ("WASHINGTON, Feb. 20-21 - Talks.", None, None),  # a dash inside the date
    ("The council met on Thursday.", None, None),
])
def test_place_and_date_of_the_articles_row(text, place, date):
    assert datelines.place_and_date(text) == (place, date)


@pytest.mark.parametrize("text, head", [
    ("WASHINGTON, March 12 (Xinhua) -- Talks.", "WASHINGTON, March 12"),
    ("WASHINGTON, March 12--Talks.", "WASHINGTON, March 12"),  # a double hyphen may touch the next word
    ("Dar es Salaam, March 12 -- Talks.", "Dar es Salaam, March 12"),
    ("Rabat – Hamas said on Friday.", None),  # no date text
    ("Talks went on, officials said - at length.", "Talks went on, officials said"),
])
def test_date_line_head_for_the_extractor(text, head):
    assert datelines.date_line_head(text) == head


def test_filed_date_ends_the_head_after_a_comma():
    head = "LAGOS, Nigeria, March 12"
    assert datelines.is_filed_date(head, head.index("March"), len(head))
    assert not datelines.is_filed_date(head, head.index("March"), len(head) - 1)  # not the whole date text
    assert not datelines.is_filed_date("Talks on March 12", 9, 17)  # no comma before it


def test_line_stamps_open_a_line_and_meet_a_dash():
    text = "Intro.\nJanuary 7, 2025 - Nippon Steel sued.\nIt said on January 7, 2025 - then left."
    first = text.index("January")
    second = text.index("January", first + 1)
    assert datelines.is_line_stamp(text, first, first + len("January 7, 2025"))
    assert not datelines.is_line_stamp(text, second, second + len("January 7, 2025"))


def test_articles_row_and_extractor_read_the_same_date_line():
    from transforms.events import extract_events

    text = "NAIROBI, March 12 (Wire) -- Kenya and Uganda signed a border accord."
    doc = RawDocument(input="x.txt", text=text, url=None, published=None)
    row = make_article(doc, datetime.datetime(2026, 3, 14, 8), "run")
    assert (row["dateline_place"], row["published_at"], row["published_basis"]) == (
        "Nairobi", datetime.date(2026, 3, 12), "dateline")
    (accord,) = [e for e in extract_events(text, PUB) if e["event_type"] == "agreement"]
    assert accord["event_date"] == datetime.date(2026, 3, 12)  # the filed day, not the publication day


def test_a_wire_story_is_tagged_once(monkeypatch):
    from transforms.events import extractor

    tagged: list[str] = []
    real_tag = extractor.tag

    def counting_tag(text, dct, words=None):
        tagged.append(text)
        return real_tag(text, dct, words)

    monkeypatch.setattr(extractor, "tag", counting_tag)
    text = "LISBON, March 12 (Wirepress) --\n\nThe port authorities signed a charter on Friday."
    events = extractor.extract_events(text, PUB)
    assert [t for t in tagged if t == text] == [text]  # the article once; besides it only its date line
    assert all(t == "LISBON, March 12" for t in tagged if t != text)
    assert events and events[0]["event_date"] == datetime.date(2026, 3, 6)  # Friday before the filed Thursday
