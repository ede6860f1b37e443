"""One events row per group of mentions: the representative mention, the best date, the unions."""

from __future__ import annotations

from collections import defaultdict

from transforms.merge.features import ANCHOR_BASES, PRECISION_DAYS, evidence_words, jaccard

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
