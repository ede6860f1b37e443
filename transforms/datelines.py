"""Wire date lines ("WASHINGTON, March 12 (Xinhua) --", "Rabat – ..."): the one detector, read by the
articles row (the place, and the date when the document gives none) and by the event extractor (the day
the story was filed; date stamps that open a line)."""

from __future__ import annotations

import re
from typing import NamedTuple

# The opening of a story: a capitalised lead (a place, maybe with a headline before it), after its first
# comma the date text (maybe after a region: "MESA, Ariz., Feb. 18"), an agency in brackets, then a dash
# (a hyphen only before a space: "Port-au-Prince" is one place). Bounded, so that a long first sentence is not taken for a date line.
_DATELINE = re.compile(
    r"\s*(?P<lead>[A-Z][^\n]{0,60}?)"
    r"(?:,\s*(?P<date>[^\n]{1,30}?))?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?"
    r"(?P<dash>--|[-–—_:])(?:(?=\s)|(?<=--)|(?<=[–—]))"
)
# A place as the articles row keeps it: up to four capitalised words.
_PLACE = re.compile(r"[A-Z][A-Za-z.'\u00c0-\u024f-]+(?:[ ][A-Z][A-Za-z.'\u00c0-\u024f-]+){0,3}")
_NOT_IN_DATE = re.compile(r"[–—\-(]")  # a dash or bracket in the date text: no date line the row trusts
_NOT_PLACES = frozenset({"the", "a", "an", "in", "on"})
# A date stamp opening a line ("January 7, 2025 - Nippon Steel sued ..."): what follows the date.
_STAMP_END = re.compile(r"[ \t]*(?:--|[-–—:|])")
FILED_DATE_START_MAX = 80  # a date further in is no date line's


class Dateline(NamedTuple):
    """The date line that opens a story: its lead, its dash, and its date text with where it ends."""

    lead: str
    dash: str
    date: str | None
    date_end: int  # offset just after the date text; -1 without one
    spaced: bool  # the dash is followed by white space


def find_dateline(text: str, limit: int = 200) -> Dateline | None:
    """The date line that opens text (looking at most `limit` characters in), if any."""
    match = _DATELINE.match(text, 0, limit)
    if not match:
        return None
    date = match.group("date")
    spaced = text[match.end() : match.end() + 1].isspace()
    return Dateline(match.group("lead"), match.group("dash"), date, match.end("date") if date else -1, spaced)


def place_and_date(text: str) -> tuple[str | None, str | None]:
    """The place of a wire date line ("Rabat – ...") and the date text after it, for the articles row."""
    line = find_dateline(text, 160)
    if line is None or not line.spaced or line.dash in ("_", ":") or _NOT_IN_DATE.search(line.date or ""):
        return None, None
    place, rest = line.lead, (line.date or "").strip()
    if not _PLACE.fullmatch(place) or len(place) > 40 or place.lower() in _NOT_PLACES:
        return None, None
    if place.isupper() or rest or line.dash in ("–", "—"):
        return place.title() if place.isupper() else place, rest or None
    return None, None


def date_line_head(text: str) -> str | None:
    """The opening date line up to the end of its date text, to be tagged on its own; None without one."""
    line = find_dateline(text)
    return None if line is None or line.date is None else text[: line.date_end]


def is_filed_date(head: str, start: int, end: int) -> bool:
    """True when head[start:end], the first date in a date line's head, is the line's date: it ends the head
    and follows a comma."""
    return start <= FILED_DATE_START_MAX and end == len(head) and head[:start].rstrip().endswith(",")


def is_line_stamp(text: str, start: int, end: int) -> bool:
    """True for a date that opens a line and is followed by a dash ("January 7, 2025 - Nippon Steel sued ..."):
    the day the story was filed, not the day of the sentence's events."""
    before = text[max(0, start - 40) : start]
    line_start = before.rfind("\n") + 1 if "\n" in before else (0 if start <= 40 else None)
    if line_start is None or before[line_start:].strip():
        return False
    return _STAMP_END.match(text, end) is not None
