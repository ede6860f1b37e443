"""Dashboard filters: clean whatever a person typed (or put in the URL) into bound SQL conditions.

Every value reaches DuckDB as a query parameter; only fixed SQL text is ever concatenated. Input that
cannot be understood is dropped with a warning for the page instead of raising.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

from transforms.filters import Filters, as_day, like_pattern, where_clause  # noqa: F401 (the one shared builder)

MAX_TEXT = 120  # longer search text is cut: nobody types more, and it keeps queries cheap
MAX_TYPES = 50
_TYPE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{3}$")


@dataclass
class Parsed:
    """Filters plus one warning per piece of input that was ignored or changed."""

    filters: Filters
    warnings: list[str] = field(default_factory=list)


def clean_text(value: object) -> str:
    """Printable text, whitespace collapsed, at most MAX_TEXT characters."""
    if value is None:
        return ""
    text = "".join(ch for ch in str(value) if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return " ".join(text.split())[:MAX_TEXT]


def parse_day(value: object) -> dt.date | None:
    """A date from a date object or YYYY-MM-DD text (a time after it is ignored); ValueError for anything else."""
    return as_day(value, lambda text: dt.date.fromisoformat(text.strip()[:10]))


def _as_list(value: object) -> list[str]:
    """A list of strings from a list, tuple or comma-separated text."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        items = [str(v) for v in value]
    else:
        items = str(value).split(",")
    return [i.strip() for i in items if i and i.strip()]


def parse_filters(raw: Mapping[str, object]) -> Parsed:
    """Filters from widget values or URL parameters (since, until, type, actor, country, place, q)."""
    warnings: list[str] = []
    days: dict[str, dt.date | None] = {}
    for key in ("since", "until"):
        try:
            days[key] = parse_day(raw.get(key))
        except ValueError:
            warnings.append(f"{key} {clean_text(raw.get(key))!r} is not a date (YYYY-MM-DD); ignored")
            days[key] = None
    since, until = days["since"], days["until"]
    if since and until and since > until:
        warnings.append(f"date range {since} to {until} is reversed; swapped")
        since, until = until, since
    types: list[str] = []
    for item in _as_list(raw.get("type", raw.get("types"))):
        item = item.lower()
        if _TYPE_RE.match(item) and item not in types:
            types.append(item)
        else:
            warnings.append(f"event type {clean_text(item)!r} is not valid; ignored")
    if len(types) > MAX_TYPES:
        warnings.append(f"only the first {MAX_TYPES} event types are used")
        types = types[:MAX_TYPES]
    country = clean_text(raw.get("country")).upper()
    if country and not _COUNTRY_RE.match(country):
        warnings.append(f"country {country!r} is not an ISO 3166 alpha-3 code (e.g. KEN); ignored")
        country = ""
    texts = {}
    for key in ("actor", "place", "q"):
        value = raw.get(key)
        texts[key] = clean_text(value)
        if value is not None and len(str(value)) > MAX_TEXT:
            warnings.append(f"{'text' if key == 'q' else key} filter cut to {MAX_TEXT} characters")
    filters = Filters(
        since=since, until=until, types=tuple(types), actor=texts["actor"], country=country,
        place=texts["place"], text=texts["q"],
    )
    return Parsed(filters, warnings)


def to_query_params(filters: Filters) -> dict[str, str]:
    """URL parameters that reproduce the filters (for a shareable link)."""
    out: dict[str, str] = {}
    if filters.since:
        out["since"] = filters.since.isoformat()
    if filters.until:
        out["until"] = filters.until.isoformat()
    if filters.types:
        out["type"] = ",".join(filters.types)
    for key, value in (("actor", filters.actor), ("country", filters.country), ("place", filters.place),
                       ("q", filters.text)):
        if value:
            out[key] = value
    return out
