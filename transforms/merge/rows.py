"""One events row per group of mentions: the representative mention, the best date, the unions."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.frames import to_arrow
from transforms.merge.features import ANCHOR_BASES, PRECISION_DAYS, evidence_words, jaccard
from transforms.schema import EVENTS

MODALITY_RANK = {"asserted": 0, "future": 1, "hypothetical": 2, "negated": 3}
BASIS_RANK = {"explicit": 0, "anchored": 1, "relative": 2, "publication": 3, "unknown": 4}


def _representative(group: list[dict]) -> dict:
    """The mention whose evidence shares most words with the others, preferring asserted, exact dates."""
    if len(group) == 1:
        return group[0]
    sample = group[:30]
    by_text: dict[str, frozenset[str]] = {}  # mentions of one sentence share its words
    for m in sample:
        text = m.get("evidence") or ""
        if text not in by_text:
            by_text[text] = evidence_words(text)
    words = [by_text[m.get("evidence") or ""] for m in sample]

    def rank(k: int) -> tuple:
        """Sort key: asserted, exactly dated, central, confident, first."""
        m = sample[k]
        centrality = sum(jaccard(words[k], w) for j, w in enumerate(words) if j != k)
        return (
            MODALITY_RANK.get(m.get("modality"), 9) > 0,
            m.get("date_precision") != "day" or m.get("date_basis") not in ANCHOR_BASES,
            -round(centrality, 6),
            -(m.get("confidence") or 0),
            k,
        )

    return sample[min(range(len(sample)), key=rank)]


def _dating(group: list[dict]) -> dict:
    """The mention that dates the event best: a day from a time expression, explicit first."""

    def rank(m: dict) -> tuple:
        """Sort key: dated, by its text before by its report (the publication day), narrowest period, best basis."""
        precise = PRECISION_DAYS.get(m.get("date_precision"), 999)
        return (m.get("event_date") is None, m.get("date_basis") == "publication", precise,
                BASIS_RANK.get(m.get("date_basis"), 9))

    return min(group, key=rank)


def _on_or_before(group: list[dict], dating: dict) -> object:
    """The event's latest possible day: its dated period's end, or for an event no mention dates, the earliest
    bound its reports give (each report was published after it)."""
    if dating.get("date_basis") != "publication":
        return dating.get("on_or_before")
    return min((m["on_or_before"] for m in group if m.get("on_or_before")), default=None)


def _union_list(group: list[dict], field: str) -> list[str]:
    """The values of a list field over all mentions, first-seen order, no repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for m in group:
        for v in m.get(field) or []:
            if v not in seen:
                seen.add(v)
                out.append(v)
    return out


def event_row(event_id: str, group: list[dict]) -> dict:
    """One events row summarising a group of mentions (in canonical order)."""
    best = _representative(group)
    dating = _dating(group)
    types = defaultdict(int)
    for m in group:
        types[m["event_type"]] += 1
    event_type = max(types, key=lambda t: (types[t], t == best["event_type"], t))
    modality = min((m.get("modality") or "asserted" for m in group), key=lambda x: MODALITY_RANK.get(x, 9))
    published = [m["published_at"] for m in group if m.get("published_at")]
    located = next((m for m in group if m.get("location")), best)
    typed = next(m for m in group if m["event_type"] == event_type)
    event_date = dating.get("event_date")
    return {
        "event_id": event_id,
        "event_type": event_type,
        "plover_type": typed.get("plover_type"),
        "cameo_root": typed.get("cameo_root"),
        "event_date": event_date,
        "date_precision": dating.get("date_precision"),
        "date_basis": dating.get("date_basis"),
        "time_value": dating.get("time_value"),
        "on_or_before": _on_or_before(group, dating),
        "actors": _union_list(group, "actors"),
        "actor_codes": sorted({c for m in group for c in (m.get("actor_codes") or [])}),
        "recipient": _union_list(group, "recipient"),
        "location": located.get("location"),
        "location_geonameid": located.get("location_geonameid"),
        "location_country": located.get("location_country"),
        "location_lat": located.get("location_lat"),
        "location_lon": located.get("location_lon"),
        "location_precision": located.get("location_precision"),
        "quantities": _union_list(group, "quantities"),
        "modality": modality,
        "trigger": best.get("trigger"),
        "evidence": best.get("evidence"),
        "article_id": best.get("article_id"),
        "url": best.get("url"),
        "source": best.get("source"),
        "confidence": max((m.get("confidence") or 0.0) for m in group),
        "first_seen": min(published) if published else None,
        "last_seen": max(published) if published else None,
        "num_mentions": len(group),
        "num_articles": len({m["article_id"] for m in group}),
        "num_sources": len({m.get("source") or m["article_id"] for m in group}),
        "mention_ids": [m["mention_id"] for m in group],
        "event_month": event_date.strftime("%Y-%m") if event_date else "unknown",
    }


# The events columns a one-mention event copies from its mention unchanged.
_COPIED = ("event_type", "plover_type", "cameo_root", "event_date", "date_precision", "date_basis", "time_value",
           "on_or_before", "location", "location_geonameid", "location_country", "location_lat", "location_lon",
           "location_precision", "trigger", "evidence", "article_id", "url", "source")
_UNIONS = ("actors", "recipient", "quantities")  # lists: first-seen order, no repeats
# The mention columns event_row reads: the others (offsets, run id, ...) are not turned into Python values.
ROW_COLUMNS = frozenset(EVENTS.names) - {"num_mentions", "num_articles", "num_sources", "first_seen", "last_seen",
                                         "mention_ids", "event_month", "event_id"} | {"mention_id", "published_at"}


def event_table(event_ids: list[str], groups: list[list[int]], mentions: pa.Table) -> pa.Table:
    """The events rows of groups of mentions (row numbers of `mentions`, each group in canonical order), as Arrow:
    the same table as event_row over each group, with one-mention events built column by column."""
    single = [k for k, group in enumerate(groups) if len(group) == 1]
    multi = [k for k, group in enumerate(groups) if len(group) > 1]
    parts = [_single_events([event_ids[k] for k in single],
                            mentions.take(pa.array([groups[k][0] for k in single], pa.int64())))]
    if multi:
        members = mentions.select([c for c in mentions.column_names if c in ROW_COLUMNS])
        dicts = iter(members.take(pa.array([i for k in multi for i in groups[k]], pa.int64())).to_pylist())
        rows = [event_row(event_ids[k], [next(dicts) for _ in groups[k]]) for k in multi]
        parts.append(to_arrow("events", rows))
    if not multi or not single:
        return parts[0] if single or not multi else parts[1]
    place = np.empty(len(groups), np.int64)  # where each event's row is in single rows + multi rows
    place[single] = np.arange(len(single))
    place[multi] = np.arange(len(single), len(groups))
    return pa.concat_tables(parts).take(pa.array(place)).combine_chunks()


def _single_events(event_ids: list[str], mentions: pa.Table) -> pa.Table:
    """event_row of each mention as an event of its own, column by column."""
    n = mentions.num_rows
    columns = {name: mentions.column(name) for name in _COPIED}
    columns["event_id"] = pa.array(event_ids, pa.string())
    for name in _UNIONS:
        columns[name] = pa.array([list(dict.fromkeys(v)) if v else [] for v in mentions.column(name).to_pylist()],
                                 EVENTS.field(name).type)
    columns["actor_codes"] = pa.array([sorted(set(v)) if v else [] for v in mentions.column("actor_codes").to_pylist()],
                                      EVENTS.field("actor_codes").type)
    modality = mentions.column("modality")  # `or "asserted"`: a missing or empty modality is asserted
    columns["modality"] = pc.if_else(pc.fill_null(pc.equal(modality, ""), True), "asserted", modality)
    confidence = pc.fill_null(mentions.column("confidence"), 0.0)  # `or 0.0`: -0.0 becomes 0.0 too
    columns["confidence"] = pc.if_else(pc.equal(confidence, 0.0), 0.0, confidence)
    columns["first_seen"] = columns["last_seen"] = mentions.column("published_at")
    ones = pa.array(np.ones(n, np.int32))
    columns["num_mentions"] = columns["num_articles"] = columns["num_sources"] = ones
    mention_ids = mentions.column("mention_id").combine_chunks()
    columns["mention_ids"] = pa.ListArray.from_arrays(pa.array(np.arange(n + 1, dtype=np.int32)), mention_ids)
    columns["event_month"] = _months(mentions.column("event_date"))
    return pa.Table.from_arrays([columns[f.name] for f in EVENTS], schema=EVENTS)


def _months(dates: pa.ChunkedArray) -> pa.Array:
    """event_row's event_month of each date ("YYYY-MM", or "unknown"), formatting each distinct date once."""
    encoded = pc.dictionary_encode(dates.combine_chunks())
    names = [d.strftime("%Y-%m") for d in encoded.dictionary.to_pylist()]
    return pc.fill_null(pc.take(pa.array(names, pa.string()), encoded.indices), "unknown")
