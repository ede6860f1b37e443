"""The event-type registry: one row per type in `transforms/data/event_types.csv`, the only list of types."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent.parent / "data"
REGISTRY = DATA / "event_types.csv"
LEXICON = DATA / "lexicon"


class EventType(NamedTuple):
    """One event type: its PLOVER category and CAMEO root (None where they have none), GDELT quad class,
    whether it is a speech act or an occasion other events happen at, the group it merges in, and its definition."""

    name: str
    plover: str | None
    cameo_root: str | None
    quad_class: int | None
    speech: bool
    occasion: bool
    merge_group: str
    definition: str


@lru_cache(maxsize=1)
def registry() -> dict[str, EventType]:
    """Type name -> EventType, in the registry's order."""
    with REGISTRY.open(encoding="utf-8") as fh:
        return {row["type"]: _row(row) for row in csv.DictReader(fh)}


def _row(row: dict[str, str]) -> EventType:
    """One CSV row as an EventType."""
    return EventType(row["type"], row["plover"] or None, row["cameo_root"] or None,
                     int(row["quad_class"]) if row["quad_class"] else None,
                     row["speech"] == "1", row["occasion"] == "1", row["merge_group"], row["definition"])


EVENT_TYPES: tuple[str, ...] = tuple(registry())
SPEECH_TYPES = frozenset(t.name for t in registry().values() if t.speech)
OCCASIONS = frozenset(t.name for t in registry().values() if t.occasion)
MERGE_GROUP = {t.name: t.merge_group for t in registry().values()}


def quad_class(cameo_root: str | None) -> int | None:
    """GDELT's quad class of a CAMEO root: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict."""
    if not cameo_root:
        return None
    root = int(cameo_root[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def lexicon_files() -> dict[str, Path]:
    """Type name -> its trigger lexicon file (every registered type has one)."""
    return {name: LEXICON / f"{name}.txt" for name in registry()}
