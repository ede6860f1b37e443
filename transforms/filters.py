"""The one filter builder over the lake's events and mentions: the CLI, the Python API and the dashboard use it.

Pure SQL building: every value becomes a bound parameter and only fixed SQL text is concatenated, so a
filter means the same thing wherever it is typed (`dateline export --actor`, `lake.events(actor=...)`,
the dashboard's actor box).

>>> where_clause(Filters(types=("meeting",), since=dt.date(2026, 2, 1)))
(" WHERE event_date >= ? AND date_basis IS DISTINCT FROM 'publication' AND list_contains(?::VARCHAR[], event_type)", [datetime.date(2026, 2, 1), ['meeting']])
>>> where_clause(Filters(actor="Chad"), alias="m")[0]
" WHERE (array_to_string(m.actors, chr(31)) ILIKE ? ESCAPE '\\\\' OR array_to_string(m.recipient, chr(31)) ILIKE ? ESCAPE '\\\\')"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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
    name; text: text anywhere in the evidence, trigger, source, place, type or names; undated: a since/until
    window also keeps events the text gives no date of their own (date_basis `publication`: their event_date
    is only the publication day that bounds them), which "what happened that day" leaves out by default; an
    event the guide calls unknown has no event_date, so no window lists it (its `on_or_before` bounds it).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    actor: str = ""
    country: str = ""
    place: str = ""
    text: str = ""
    undated: bool = False

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
    if (filters.since or filters.until) and not filters.undated:
        out.append(f"{col('date_basis')} IS DISTINCT FROM 'publication'")
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


def and_clause(filters: Filters, alias: str = "") -> tuple[str, list]:
    """` AND ...` (or '') for a query that has a WHERE of its own, and its parameters, in order."""
    found, params = conditions(filters, alias)
    return "".join(f" AND {c}" for c in found), params


@dataclass
class StoryClauses:
    """` AND ...` conditions (and their parameters) selecting one story's mentions, events and articles."""

    mentions: str = ""
    events: str = ""
    articles: str = ""
    mention_params: list = field(default_factory=list)
    event_params: list = field(default_factory=list)
    article_params: list = field(default_factory=list)

    def add_everywhere(self, mention: str, event: str, article: str, params: list) -> None:
        """Narrow mentions, events and articles alike, each condition taking the same `params` once."""
        self.mentions += f" AND {mention}"
        self.events += f" AND {event}"
        self.articles += f" AND {article}"
        for target in (self.mention_params, self.event_params, self.article_params):
            target += params


def story_clauses(words: list[str], filters: Filters, published_since: dt.date | None = None,
                  published_until: dt.date | None = None) -> StoryClauses:
    """The story of `dateline timeline`: articles with all `words`, events matching `filters`, a publication window.

    `filters.actor` and `filters.types` mean what they mean in `where_clause`; a mention or an article
    belongs to the story when its event does. The dates of `filters` are left out: the timeline bounds
    the days it lists, not the events it reads.
    """
    out = StoryClauses()
    if words:
        cond = " AND ".join("contains(lower(coalesce(a.title, '') || ' ' || a.text), ?)" for _ in words)
        story = f"SELECT a.article_id FROM articles a WHERE {cond}"
        out.add_everywhere(f"m.article_id IN ({story})",
                           f"event_id IN (SELECT event_id FROM mentions WHERE article_id IN ({story}))",
                           f"article_id IN ({story})", words)
    if filters.actor:
        found, params = conditions(Filters(actor=filters.actor))
        events = f"SELECT event_id FROM events WHERE {found[0]}"
        out.add_everywhere(f"m.event_id IN ({events})", found[0],
                           f"article_id IN (SELECT article_id FROM mentions WHERE event_id IN ({events}))", params)
    if filters.types:  # the days listed must hold such an event; every reference still counts towards them
        found, params = conditions(Filters(types=filters.types))
        out.events += f" AND {found[0]}"
        out.event_params += params
    for bound, op in ((published_since, ">="), (published_until, "<=")):
        if bound is not None:  # the articles counted: their mentions, named days and volume
            # (events stay unbounded: rank_dates keeps those reported in the window)
            out.mentions += f" AND m.published_at {op} ?"
            out.articles += f" AND published_at {op} ?"
            out.mention_params.append(bound)
            out.article_params.append(bound)
    return out


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
