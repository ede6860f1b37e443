"""Gold rows of MEANTIME and TimeML that the annotation guide decides otherwise, read from a data file.

The events guide (../shared/eval/events-guide.md) is the spec for an event's date; where a gold anchoring
disagrees with it, the guide wins. Each row of evaluation/adjudications/meantime_timeml.csv was filled by
reading the gold event in its sentence against the guide: the corpus, document and event id that name it,
the gold's day, the guide's value, the guide rule that decides it and the sentence. The anchoring scorer
(evaluation/meantime.py) prints its raw figure and, on a second line, the figure with these rows scored the
guide's way.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

ADJUDICATIONS = Path(__file__).resolve().parent / "adjudications" / "meantime_timeml.csv"
COLUMNS = ("corpus", "document", "event_id", "trigger", "gold_value", "guide_value", "rule", "sentence")

# The guide's date rules an adjudication may cite (events-guide.md, "Dates"), in our words.
RULES = {
    "present-perfect-no-anchor": "an event in the present perfect with no anchor of its own has an unknown date",
    "vague-expression": "a vague time word ('earlier', 'recently') with nothing to pin it gives an unknown date",
    "weekday-convention": "a weekday is the latest such day on or before publication for the past (publication's "
                          "own weekday is that day), the next one for a future or scheduled event",
    "period-precision": "a week, year or 'since YEAR' expression gives that week or year, not a day",
    "date-as-written": "an explicit date, or an anchor to one ('earlier that day'), takes the date the text writes",
}

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
Key = tuple[str, str, str]


@dataclass(frozen=True)
class Adjudication:
    """One gold row decided by the guide: where it is, what the gold says, what the guide says and why."""

    corpus: str
    document: str
    event_id: str
    trigger: str
    gold_value: str
    guide_value: str
    rule: str
    sentence: str

    @property
    def key(self) -> Key:
        """(corpus, document, event id): how the anchoring scorer finds the row."""
        return self.corpus, self.document, self.event_id


def check_value(value: str) -> None:
    """Raise ValueError unless a guide value is "unknown", a day, an ISO week or a year."""
    if value == "unknown" or _WEEK.match(value) or _YEAR.match(value):
        return
    datetime.date.fromisoformat(value)


def read_adjudications(path: Path = ADJUDICATIONS) -> dict[Key, Adjudication]:
    """The adjudicated rows of a file by (corpus, document, event id); ValueError on a malformed row."""
    out: dict[Key, Adjudication] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: columns must be {', '.join(COLUMNS)}")
        for n, row in enumerate(reader, start=2):
            adj = Adjudication(**{c: (row[c] or "").strip() for c in COLUMNS})
            if adj.rule not in RULES:
                raise ValueError(f"{path}:{n}: unknown rule {adj.rule!r}")
            try:
                check_value(adj.guide_value)
            except ValueError:
                raise ValueError(f"{path}:{n}: guide value {adj.guide_value!r} is not unknown, a day, a week or a year")
            if adj.key in out:
                raise ValueError(f"{path}:{n}: {adj.key} adjudicated twice")
            out[adj.key] = adj
    return out


def guide_day(value: str) -> datetime.date | None:
    """The day a guide value names, or None for unknown, a week or a year."""
    if value == "unknown" or _WEEK.match(value) or _YEAR.match(value):
        return None
    return datetime.date.fromisoformat(value)


def meets_guide(value: str, event: dict) -> bool:
    """True when an extracted event's date is what the guide value asks: no date of its own (none, or only
    its publication day) for unknown, that day, a day of that ISO week, a day of that year."""
    got = event.get("event_date")
    if value == "unknown":
        return got is None or event.get("date_basis") in ("publication", "unknown")
    if got is None:
        return False
    week = _WEEK.match(value)
    if week:
        iso = got.isocalendar()
        return (iso[0], iso[1]) == (int(week[1]), int(week[2]))
    if _YEAR.match(value):
        return got.year == int(value)
    return got == datetime.date.fromisoformat(value)
