"""The one registry of month names: the tagger, the date-line reader, the event rules and the bench corpus read it."""

from __future__ import annotations

# Lower-case full names -> month number.
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# Abbreviations count only when capitalised (and usually with a period): "Jan.", "Sept.".
MONTH_ABBREVS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Every lower-case word that names a month, full or abbreviated.
MONTH_WORDS = {**MONTHS, **MONTH_ABBREVS}
# Display names, January first.
MONTH_NAMES = [name.capitalize() for name in MONTHS]
