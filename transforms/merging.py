"""Merge event mentions into real-world events (pure).

First version: mentions of the same type, date and precision whose actor sets overlap (or both
empty, same place) form one event. Issue #5 replaces this with fuzzy, blocked merging.
"""

from __future__ import annotations

from collections import defaultdict

from transforms.articles import derived_id

_MODALITY_RANK = {"asserted": 0, "future": 1, "hypothetical": 2, "negated": 3}


def merge_mentions(mentions: list[dict]) -> tuple[dict[str, str], list[dict]]:
    """Group mentions into events; return mention_id -> event_id and one row per event."""
    blocks: dict[tuple, list[dict]] = defaultdict(list)
    for m in mentions:
        blocks[(m["event_type"], m.get("event_date"), m.get("date_precision"))].append(m)
    assignment: dict[str, str] = {}
    events: list[dict] = []
    for block in blocks.values():
        for group in _cluster(block):
            group.sort(key=lambda m: m["mention_id"])
            event_id = derived_id("event", group[0]["mention_id"])
            for m in group:
                assignment[m["mention_id"]] = event_id
            events.append(_event_row(event_id, group))
    return assignment, events


def _cluster(block: list[dict]) -> list[list[dict]]:
    """Union mentions in a block whose actors overlap or, without actors, whose place matches."""
    parent = list(range(len(block)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if block and block[0].get("event_date") is None:
        return [[m] for m in block]  # undated mentions are never merged: nothing ties them together
    by_key: dict[str, int] = {}
    for i, m in enumerate(block):
        keys = [f"a:{a.lower()}" for a in (m.get("actors") or [])]
        if not keys and m.get("location"):
            keys = [f"l:{m['location'].lower()}"]
        for key in keys:
            if key in by_key:
                parent[find(i)] = find(by_key[key])
            else:
                by_key[key] = i
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, m in enumerate(block):
        groups[find(i)].append(m)
    return list(groups.values())


def _event_row(event_id: str, group: list[dict]) -> dict:
    """One events row summarising a group of mentions."""
    best = max(group, key=lambda m: (m.get("confidence") or 0, -_MODALITY_RANK.get(m.get("modality"), 9)))
    actors: list[str] = []
    for m in group:
        for a in m.get("actors") or []:
            if a not in actors:
                actors.append(a)
    codes = sorted({c for m in group for c in (m.get("actor_codes") or [])})
    recipients = sorted({r for m in group for r in (m.get("recipient") or [])})
    quantities: list[str] = []
    for m in group:
        for q in m.get("quantities") or []:
            if q not in quantities:
                quantities.append(q)
    published = [m["published_at"] for m in group if m.get("published_at")]
    located = next((m for m in group if m.get("location")), best)
    event_date = best.get("event_date")
    return {
        "event_id": event_id,
        "event_type": best["event_type"],
        "plover_type": best.get("plover_type"),
        "cameo_root": best.get("cameo_root"),
        "event_date": event_date,
        "date_precision": best.get("date_precision"),
        "date_basis": best.get("date_basis"),
        "time_value": best.get("time_value"),
        "actors": actors,
        "actor_codes": codes,
        "recipient": recipients,
        "location": located.get("location"),
        "location_geonameid": located.get("location_geonameid"),
        "location_country": located.get("location_country"),
        "location_lat": located.get("location_lat"),
        "location_lon": located.get("location_lon"),
        "location_precision": located.get("location_precision"),
        "quantities": quantities,
        "modality": best.get("modality"),
        "trigger": best.get("trigger"),
        "evidence": best.get("evidence"),
        "article_id": best.get("article_id"),
        "url": best.get("url"),
        "source": best.get("source"),
        "confidence": best.get("confidence"),
        "first_seen": min(published) if published else None,
        "last_seen": max(published) if published else None,
        "num_mentions": len(group),
        "num_articles": len({m["article_id"] for m in group}),
        "num_sources": len({m.get("source") or m["article_id"] for m in group}),
        "mention_ids": [m["mention_id"] for m in group],
        "event_month": event_date.strftime("%Y-%m") if event_date else "unknown",
    }
