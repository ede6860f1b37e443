"""The one filter builder over the lake's events and mentions: the CLI, the Python API and the dashboard use it.

Pure SQL building: every value becomes a bound parameter and only fixed SQL text is concatenated, so a
filter means the same thing wherever it is typed (`dateline export --actor`, `lake.events(actor=...)`,
the dashboard's actor box).

>>> where_clause(Filters(types=("meeting",), since=dt.date(2026, 2, 1)))
(' WHERE event_date >= ? AND list_contains(?::VARCHAR[], event_type)', [datetime.date(2026, 2, 1), ['meeting']])
>>> where_clause(Filters(actor="Chad"), alias="m")[0]
" WHERE (array_to_string(m.actors, chr(31)) ILIKE ? ESCAPE '\\\\' OR array_to_string(m.recipient, chr(31)) ILIKE ? ESCAPE '\\\\')"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable


def as_day(value: object, parse: Callable[[str], dt.date] = dt.date.fromisoformat) -> dt.date | None:
    """A date from a date, a datetime or text (`parse` reads text; its ValueError passes through); empty is None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse(str(value))


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see; empty fields filter nothing.

    since/until: event dates (inclusive); types: event types; actor: text in an actor's or recipient's
    name (any case); country: ISO alpha-3 of the place or of a country actor; place: text in the place
    name; text: text anywhere in the evidence, trigger, source, place, type or names.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    actor: str = ""
    country: str = ""
    place: str = ""
    text: str = ""

    def is_empty(self) -> bool:
        """True when no filter is set."""
        return self == Filters()


def like_pattern(text: str) -> str:
    """An ILIKE pattern matching `text` anywhere, with its own % _ and \\ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _names(column: str) -> str:
    """SQL text joining a list column of names into one string."""
    return f"array_to_string({column}, chr(31))"


def conditions(filters: Filters, alias: str = "") -> tuple[list[str], list]:
    """The SQL conditions of the filters over an events or mentions relation (optionally `alias.`-qualified)."""
    col = (lambda name: f"{alias}.{name}") if alias else (lambda name: name)
    out: list[str] = []
    params: list = []
    if filters.since:
        out.append(f"{col('event_date')} >= ?")
        params.append(filters.since)
    if filters.until:
        out.append(f"{col('event_date')} <= ?")
        params.append(filters.until)
    if filters.types:
        out.append(f"list_contains(?::VARCHAR[], {col('event_type')})")
        params.append(list(filters.types))
    if filters.actor:
        # Names are joined with an unprintable separator, which typed text can never contain.
        out.append(f"({_names(col('actors'))} ILIKE ? ESCAPE '\\' OR {_names(col('recipient'))} ILIKE ? ESCAPE '\\')")
        params.extend([like_pattern(filters.actor)] * 2)
    if filters.country:
        out.append(f"({col('location_country')} = ? OR list_contains({col('actor_codes')}, ?))")
        params.extend([filters.country, filters.country])
    if filters.place:
        out.append(f"{col('location')} ILIKE ? ESCAPE '\\'")
        params.append(like_pattern(filters.place))
    if filters.text:
        searched = ["evidence", "trigger", "source", "location", "event_type"]
        columns = [col(c) for c in searched] + [_names(col("actors")), _names(col("recipient"))]
        out.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in columns) + ")")
        params.extend([like_pattern(filters.text)] * len(columns))
    return out, params


def where_clause(filters: Filters, alias: str = "") -> tuple[str, list]:
    """` WHERE ...` over the events or mentions view (or '') and its parameters, in order."""
    found, params = conditions(filters, alias)
    return (" WHERE " + " AND ".join(found)) if found else "", params


def known_types() -> tuple[str, ...]:
    """Every event type name, in the order of `transforms/data/event_types.csv` (read without the extractor)."""
    import csv
    from pathlib import Path

    registry = Path(__file__).resolve().parent / "data" / "event_types.csv"
    with registry.open(encoding="utf-8") as fh:
        return tuple(row["type"] for row in csv.DictReader(fh))


def unknown_types(types: tuple[str, ...] | list[str]) -> list[str]:
    """The names among `types` that are not event types of the registry.

    >>> unknown_types(["meeting", "meetings"])
    ['meetings']
    """
    known = set(known_types())
    return [t for t in types if t not in known]
