"""Story timelines: rank the days a collection of articles points at by salience (pure).

A *reference* is an event mention dated to a day by a time expression ("on March 19",
"Thursday"), counted at the day of the event it was merged into. A day is salient when:

* many different days of coverage point back at it (each publication day counts once, with a
  bonus for the number of articles and sources that point at it that day);
* the references are made long after the day itself: a day still cited weeks later was a
  turning point, while a passing "on Tuesday" counts once;
* it stands out from the coverage around it: scores are divided by the local volume of
  articles, so a quiet month's key day can outrank a busy week's ordinary day;
* it is cited often *for the time it had*: a day near the end of the collection can only be
  cited by the few days after it, so its score is divided by its exposure (days of coverage
  after it, capped), a citation rate rather than a count.

The weights were chosen on Timeline17 `libya` (date F1, see docs/merging.md) and checked on `egypt`;
neighbouring settings score within a few points, so the ranking does not hinge on one value.

`rank_dates` is used both by `dateline timeline` (rows read from the lake) and by
`dateline eval t17` (rows made in memory), so both rank the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

_ANCHOR_BASES = frozenset({"explicit", "relative", "anchored"})


@dataclass(frozen=True)
class Salience:
    """Weights of the salience score (see the module docstring)."""

    lag_weight: float = 0.5  # bonus per log-day between a day and a later reference to it
    explicit_weight: float = 1.0  # a written-out date ("March 19") against a weekday ("Tuesday")
    future_weight: float = 0.0  # references to days after the article (previews, schedules)
    articles_weight: float = 1.0  # bonus per log-article pointing at the day on one publication day
    volume_exponent: float = 0.25  # how strongly the local volume of coverage damps the score
    volume_window: int = 14  # days either side that make up the local volume
    exposure_days: int = 120  # a day can only be cited by what was published after it: up to this many days
    exposure_exponent: float = 0.6  # how strongly a short exposure (near the story's end) lifts the score
    lead_weight: float = 1.0  # a reference in an article's opening counts this much more
    lead_chars: int = 500
    horizon_days: int = 30  # days before the first article still considered part of the story


@dataclass
class KeyDate:
    """One ranked day of a timeline."""

    date: dt.date
    score: float
    articles: int
    sources: int
    references: int
    events: list[dict] = field(default_factory=list)  # the day's events, most reported first


def references(mentions: list[dict], events: dict[str, dict]) -> list[tuple]:
    """(day, published, article_id, source, explicit, lead) for each mention that dates an event to a day."""
    out = []
    for m in mentions:
        if m.get("date_basis") not in _ANCHOR_BASES or m.get("date_precision") != "day":
            continue
        published = m.get("published_at")
        event = events.get(m.get("event_id") or "")
        day = event["event_date"] if event and event.get("date_precision") == "day" else m.get("event_date")
        if day is None or published is None:
            continue
        lead = m.get("evidence_start") or 0
        out.append((day, published, m["article_id"], m.get("source") or m["article_id"],
                    m.get("date_basis") == "explicit", lead))
    return out


def score_days(refs: list[tuple], published_counts: dict[dt.date, int], weights: Salience = Salience()) -> dict:
    """Salience of every referenced day (see the module docstring)."""
    if not refs:
        return {}
    first = min(published_counts) if published_counts else min(r[1] for r in refs)
    last = max(published_counts) if published_counts else max(r[1] for r in refs)
    horizon = first - dt.timedelta(days=weights.horizon_days)
    per_day: dict[tuple, list] = {}
    for day, published, article, source, explicit, lead in refs:
        if day < horizon or day > last:
            continue
        if day > published and weights.future_weight <= 0:
            continue
        weight = weights.explicit_weight if explicit else 1.0
        if lead < weights.lead_chars:
            weight *= weights.lead_weight
        if day > published:
            weight *= weights.future_weight
        slot = per_day.setdefault((day, published), [0.0, set()])
        slot[0] = max(slot[0], weight)
        slot[1].add(article)
    scores: dict[dt.date, float] = defaultdict(float)
    for (day, published), (weight, articles) in per_day.items():
        lag = abs((published - day).days)
        bonus = 1 + weights.articles_weight * math.log(len(articles))
        scores[day] += weight * bonus * (1 + weights.lag_weight * math.log1p(lag))
    w = weights.volume_window
    for day in scores:
        volume = sum(published_counts.get(day + dt.timedelta(days=k), 0) for k in range(-w, w + 1)) / (2 * w + 1)
        exposure = min(weights.exposure_days, (last - day).days + 1)
        scores[day] /= (volume + 1) ** weights.volume_exponent * exposure ** weights.exposure_exponent
    return dict(scores)


def rank_dates(
    mentions: list[dict],
    events: list[dict],
    published_counts: dict[dt.date, int],
    top: int | None = None,
    per_date: int = 3,
    weights: Salience = Salience(),
) -> list[KeyDate]:
    """The key days of a story in rank order, each with its most reported events."""
    by_id = {e["event_id"]: e for e in events}
    refs = references(mentions, by_id)
    scores = score_days(refs, published_counts, weights)
    ranked = sorted(scores, key=lambda d: (-round(scores[d], 9), d))
    if top is not None:
        ranked = ranked[:top]
    counts: dict[dt.date, tuple[set, set, int]] = {d: (set(), set(), 0) for d in ranked}
    for day, _published, article, source, _explicit, _lead in refs:
        if day in counts:
            arts, srcs, n = counts[day]
            arts.add(article)
            srcs.add(source)
            counts[day] = (arts, srcs, n + 1)
    day_events: dict[dt.date, list[dict]] = defaultdict(list)
    for e in events:
        if e.get("date_precision") == "day" and e.get("event_date") in counts:
            day_events[e["event_date"]].append(e)
    out = []
    for d in ranked:
        arts, srcs, n = counts[d]
        best, shown = [], set()
        for e in sorted(day_events[d], key=_event_rank):
            if len(best) >= per_date:
                break
            if e.get("evidence") not in shown:  # one sentence often carries several events
                shown.add(e.get("evidence"))
                best.append(e)
        out.append(KeyDate(d, scores[d], len(arts), len(srcs), n, best))
    return out


def _event_rank(e: dict) -> tuple:
    """Most reported first; asserted before future or negated; then by id for a stable order."""
    return (-(e.get("num_articles") or 0), -(e.get("num_mentions") or 0), e.get("modality") != "asserted",
            e.get("event_id") or "")
