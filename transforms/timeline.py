"""Story timelines: rank the days a collection of articles points at by salience (pure).

A *reference* is an article pointing at a day: an event mention dated to a day by a time expression
("on March 19", "Thursday"), counted at the day of the event it was merged into, and every other
date expression naming a day (the lake's `dates` rows), whether or not the extractor found an event
in its sentence. Date-mention counting is the standard way to pick a timeline's dates; "the
uprising of February 17" or "since March 19" names a day the story looks back at even when
"uprising" is no trigger of ours, and a date in a fact box or a chronology often stands in a
sentence without a verb. A day is salient when:

* many different days of coverage point back at it (each publication day counts once, with a
  bonus for the number of articles and sources that point at it that day);
* the references are made after the day itself, and the longer after the better: a day still
  cited weeks later was a turning point, while a passing "on Tuesday" gets no such bonus;
* the references come from articles that look back over the story: a reference counts
  `recap_exponent` powers (the square root by default) of the number of distinct days, other than
  its publication day, that its article points at. Wire services publish chronologies
  (dated lists of a story's milestones, fact boxes, backgrounders); a day
  listed there was picked as a milestone by an editor, while a report of the day's news names one
  or two days. A chronology of 16 days counts four times, a report naming one other day once;
* it stands out from the coverage around it: scores are divided by the local volume of
  articles, so a quiet month's key day can outrank a busy week's ordinary day;
* it is cited often *for the time it had*: a day near the end of the collection can only be
  cited by the few days after it, so its score is divided by its exposure (days of coverage
  after it, capped), a citation rate rather than a count; a rate over the last few days rests on
  one or two articles, so exposure is counted as at least `exposure_floor` days.

A day's final score adds to its citation share (its citation score over the window's largest)
weighted shares of publication volume, of event salience and of volume bursts (a day with more
articles than the week before it: the story breaking or coming back; `combined_scores`); `DEFAULT` holds the
weights chosen on Timeline17 over `RANKING_GRID`, and `dateline eval t17 --loto` scores each topic
with weights chosen without it (docs/merging.md has the figures and an ablation of each signal).
Optional, off by default: a lower weight for same-day reporting (`same_day_weight`), damping a day
no later day mentions (`own_day_weight`), a volume prior (`volume_prior`), the share of how often
the story's later articles point back at weekends or weekdays (`weekend_weight`, `weekend_shares`) and spacing
(`spacing_days`, `spacing_penalty`; journalists' timelines often list consecutive days).

A listed day always has something to show: an event dated to it or sentences saying what happened
(`day_sentences`: the sentences naming the day, its events' sentences and the leads of the
articles published that day, captions, glued headlines and fragments dropped, the most central first).
The latest day of coverage heads a list of two or more days (`latest_day`, `listed_days`): a
story's timeline is brought up to date, although no later article has yet pointed back at that day.

`rank_dates` is used both by `dateline timeline` (rows read from the lake) and by
`dateline eval t17` (rows made in memory), so both rank the same way.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from transforms.events.sentences import is_abbreviation

_ANCHOR_BASES = frozenset({"explicit", "relative", "anchored"})


@dataclass(frozen=True)
class Salience:
    """Weights of the salience score (see the module docstring)."""

    lag_weight: float = 0.5  # bonus per log-day between a day and a later reference to it
    same_day_weight: float = 1.0  # a reference made on the day itself (reporting, not recalling)
    own_day_weight: float = 1.0  # a day that no later day ever points back at
    explicit_weight: float = 1.0  # a written-out date ("March 19") against a weekday ("Tuesday")
    anchored_weight: float = 1.0  # a date taken over from a nearby clause ("said Thursday it has agreed")
    future_weight: float = 0.0  # references to days after the article (previews, schedules)
    articles_weight: float = 1.0  # bonus per log-article pointing at the day on one publication day
    volume_exponent: float = 0.25  # how strongly the local volume of coverage damps the score
    volume_window: int = 14  # days either side that make up the local volume
    volume_prior: float = 0.0  # weak bonus per log-article published on the day and the day after
    exposure_days: int = 120  # a day can only be cited by what was published after it: up to this many days
    exposure_exponent: float = 0.6  # how strongly a short exposure (near the story's end) lifts the score
    exposure_floor: int = 3  # fewer days than this are too few to measure a citation rate on
    recap_exponent: float = 0.5  # a reference weighs (days its article points at)^this: chronologies count more
    lead_weight: float = 1.0  # a reference in an article's opening counts this much more
    lead_chars: int = 500
    horizon_days: int = 30  # days before the first article still considered part of the story
    spacing_days: int = 0  # picks this close to a better pick are near-duplicates (0: no spacing)
    spacing_penalty: float = 1.0  # score factor per better pick within spacing_days
    volume_weight: float = 0.0  # share of the window's busiest publication day added to the citation share
    event_weight: float = 0.0  # share of the window's most salient event day (types weighed by TYPE_SALIENCE)
    burst_weight: float = 0.0  # share of the window's sharpest rise in publication over the days before it
    burst_days: int = 7  # the days before a day whose mean coverage its own is compared with
    weekend_weight: float = 0.0  # share of how often later articles point back at the day's kind (weekend or not)
    weekend_prior_days: int = 7  # pseudo-days of the story's mean rate that each kind's rate is shrunk toward
    citation_weight: float = 1.0  # the citation share itself (0 only to measure the other signals alone)
    named_days: bool = True  # count the days articles name without an event (the `dates` rows)
    latest_day: bool = False  # the latest day of coverage heads a list of two or more days (up to date)


# The settings `dateline timeline` ranks with: the grid point with the best mean date F1 over the four
# Timeline17 topics (see RANKING_GRID and docs/merging.md; `dateline eval t17 --loto` re-chooses it
# without each topic in turn). The exposure floor stays 3 although 1 scores h1n1 higher: with 1, one
# article citing the window's last day outranks a day cited for weeks (docs/merging.md).
DEFAULT = Salience(exposure_exponent=0.6, exposure_floor=3, volume_exponent=0.0, volume_weight=0.0, event_weight=0.0,
                   burst_weight=0.02, latest_day=True)

# The few settings leave-one-topic-out chooses among (1,152 points); the first best point wins ties, so
# each tuple starts with the setting held before it was measured (the floor of 3 before 1);
# LOTO picks a floor of 1 only where the other topics gain by it.
RANKING_GRID = {
    "exposure_floor": (3, 1),
    "exposure_exponent": (0.6, 0.3, 0.0),
    "volume_exponent": (0.0, 0.25),
    "volume_weight": (0.0, 0.05, 0.25, 0.5),
    "event_weight": (0.0, 0.1, 0.25),
    "burst_weight": (0.0, 0.02, 0.05, 0.1),
    "latest_day": (False, True),
}

# How much a day's events say about it, by type: deeds before words (fixed a priori, not tuned).
TYPE_SALIENCE = {
    "attack": 1.0, "agreement": 1.0, "vote": 1.0, "sanction": 1.0, "deployment": 1.0, "arrest": 1.0,
    "appointment": 1.0, "protest": 1.0, "retreat": 1.0, "aid": 1.0, "pledge": 1.0,
    "announcement": 0.5, "meeting": 0.5, "request": 0.5, "rejection": 0.5, "accusation": 0.5, "threat": 0.5,
    "statement": 0.25, "other": 0.25,
}


class Reference(NamedTuple):
    """One mention that dates an event to a day, seen from the article that makes it."""

    day: dt.date
    published: dt.date
    article: str
    source: str
    basis: str  # explicit, relative or anchored
    lead: int  # where the evidence sentence starts in the article


@dataclass
class KeyDate:
    """One ranked day of a timeline."""

    date: dt.date
    score: float
    articles: int  # the story's articles that name the day or were published on it
    sources: int
    references: int
    events: list[dict] = field(default_factory=list)  # the day's events, most reported first
    sentences: list[str] = field(default_factory=list)  # what happened that day, best first


def references(mentions: list[dict], events: dict[str, dict]) -> list[Reference]:
    """A Reference for each mention that dates an event to a day (at the event's day, which may be sharper)."""
    out = []
    for m in mentions:
        if m.get("date_basis") not in _ANCHOR_BASES or m.get("date_precision") != "day":
            continue
        published = m.get("published_at")
        event = events.get(m.get("event_id") or "")
        day = event["event_date"] if event and event.get("date_precision") == "day" else m.get("event_date")
        if day is None or published is None:
            continue
        out.append(Reference(day, published, m["article_id"], m.get("source") or m["article_id"],
                             m["date_basis"], m.get("evidence_start") or 0))
    return out


def date_references(dates: list[dict]) -> list[Reference]:
    """A Reference for each day an article names (rows of the `dates` table), event or no event."""
    return [Reference(d["day"], d["published_at"], d["article_id"], d.get("source") or d["article_id"], d["basis"],
                      d.get("start") or 0)
            for d in dates if d.get("day") is not None and d.get("published_at") is not None]


def reference_weight(ref: Reference, weights: Salience) -> float:
    """How much one reference says about its day: its kind of date, its place, and how late it comes."""
    w = {"explicit": weights.explicit_weight, "anchored": weights.anchored_weight}.get(ref.basis, 1.0)
    if ref.lead < weights.lead_chars:
        w *= weights.lead_weight
    lag = (ref.published - ref.day).days
    if lag < 0:
        return w * weights.future_weight
    if lag == 0:
        return w * weights.same_day_weight
    return w * (1 + weights.lag_weight * math.log1p(lag))


def recap_breadth(refs: list[Reference]) -> dict[str, int]:
    """Distinct days other than its publication day that each article points at (at least 1)."""
    days: dict[str, set] = defaultdict(set)
    for ref in refs:
        if ref.day != ref.published:  # the day's own news is what every report names
            days[ref.article].add(ref.day)
    return {article: max(1, len(d)) for article, d in days.items()}


def citations(refs: list[Reference], first: dt.date, last: dt.date, weights: Salience) -> dict[dt.date, float]:
    """Raw citation score of each day: each publication day pointing at it counts once, by its articles."""
    horizon = first - dt.timedelta(days=weights.horizon_days)
    breadth = recap_breadth(refs)
    per_day: dict[tuple, list] = {}
    for ref in refs:
        if ref.day < horizon or ref.day > last:
            continue
        weight = reference_weight(ref, weights) * breadth.get(ref.article, 1) ** weights.recap_exponent
        if weight <= 0:
            continue
        slot = per_day.setdefault((ref.day, ref.published), [0.0, set()])
        slot[0] = max(slot[0], weight)
        slot[1].add(ref.article)
    raw: dict[dt.date, float] = defaultdict(float)
    later: set[dt.date] = set()  # days some later publication day points back at
    for (day, published), (weight, articles) in per_day.items():
        raw[day] += weight * (1 + weights.articles_weight * math.log(len(articles)))
        if published > day:
            later.add(day)
    for day in raw:
        if day not in later:  # only its own day's reporting: a passing "on Tuesday" at best
            raw[day] *= weights.own_day_weight
    return dict(raw)


def score_days(refs: list[Reference], published_counts: dict[dt.date, int], weights: Salience = Salience()) -> dict:
    """Salience of every referenced day (see the module docstring)."""
    if not refs:
        return {}
    first = min(published_counts) if published_counts else min(r.published for r in refs)
    last = max(published_counts) if published_counts else max(r.published for r in refs)
    scores = citations(refs, first, last, weights)
    w = weights.volume_window
    one = dt.timedelta(days=1)
    for day in scores:
        volume = sum(published_counts.get(day + dt.timedelta(days=k), 0) for k in range(-w, w + 1)) / (2 * w + 1)
        exposure = max(weights.exposure_floor, min(weights.exposure_days, (last - day).days + 1))
        scores[day] /= (volume + 1) ** weights.volume_exponent * exposure ** weights.exposure_exponent
        if weights.volume_prior:  # the day's own coverage, reported that day or the next
            own = published_counts.get(day, 0) + published_counts.get(day + one, 0)
            scores[day] *= 1 + weights.volume_prior * math.log1p(own)
    return scores


def select_dates(scores: dict[dt.date, float], top: int | None, weights: Salience = Salience()) -> list[dt.date]:
    """Days in rank order; with spacing, a day close to better picks is demoted by the penalty per pick."""
    ranked = sorted(scores, key=lambda d: (-round(scores[d], 9), d))
    if weights.spacing_days <= 0 or weights.spacing_penalty >= 1:
        return ranked if top is None else ranked[:top]
    limit = len(ranked) if top is None else top
    heap = [(-round(scores[d], 9), d, 0) for d in ranked]
    heapq.heapify(heap)
    picked: list[dt.date] = []
    while heap and len(picked) < limit:
        neg, day, seen = heapq.heappop(heap)
        near = sum(1 for p in picked if abs((p - day).days) <= weights.spacing_days)
        if near > seen:  # better picks landed next to it since it was last scored: demote and retry
            heapq.heappush(heap, (-round(scores[day] * weights.spacing_penalty ** near, 9), day, near))
            continue
        picked.append(day)
    return picked


@dataclass(frozen=True)
class Window:
    """Which days may be listed (since/until) and which articles are counted (published_since/until)."""

    since: dt.date | None = None
    until: dt.date | None = None
    published_since: dt.date | None = None
    published_until: dt.date | None = None

    def lists(self, day: dt.date) -> bool:
        """Whether the day may be listed."""
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def counts(self, published: dt.date | None) -> bool:
        """Whether an article published that day is counted."""
        if published is None:
            return self.published_since is None and self.published_until is None
        return ((self.published_since is None or published >= self.published_since)
                and (self.published_until is None or published <= self.published_until))

    def reports(self, event: dict) -> bool:
        """Whether an event was reported within the counted window (its first to last report overlaps it)."""
        first, last = event.get("first_seen"), event.get("last_seen")
        return ((self.published_until is None or first is None or first <= self.published_until)
                and (self.published_since is None or last is None or last >= self.published_since))


def dated_to_day(event: dict) -> bool:
    """True for an event its text dates to a day; not one whose day is only its report's (basis `publication`)."""
    return event.get("date_precision") == "day" and bool(event.get("event_date")) and event.get(
        "date_basis") != "publication"


def event_salience(events: list[dict], types: set[str] | None = None) -> dict[dt.date, float]:
    """Per day: its day-dated events, each by its type's salience and the articles reporting it."""
    out: dict[dt.date, float] = defaultdict(float)
    for e in events:
        if dated_to_day(e) and (not types or e.get("event_type") in types):
            weight = TYPE_SALIENCE.get(e.get("event_type"), 0.25)
            out[e["event_date"]] += weight * math.log1p(e.get("num_articles") or 1)
    return dict(out)


def volume_bursts(published_counts: dict[dt.date, int], days: int = 7) -> dict[dt.date, float]:
    """Per publication day: log of its articles over the mean of the `days` before it (each + 1), if above."""
    out = {}
    for day, n in published_counts.items():
        before = sum(published_counts.get(day - dt.timedelta(days=k), 0) for k in range(1, days + 1)) / days
        rise = math.log((n + 1) / (before + 1))
        if rise > 0:  # a story coming back, or breaking: more articles than its recent days had
            out[day] = rise
    return out


def weekend_shares(refs: list[Reference], first: dt.date, last: dt.date, prior_days: int = 7) -> dict[bool, float]:
    """Per kind of day (weekend or not): later references per calendar day of that kind, over the higher kind's rate.

    A story of markets, courts or parliaments is rarely pointed back at on its weekends, a war as
    often as on weekdays; each rate is shrunk toward the story's mean rate by `prior_days` pseudo-days,
    so a short story (a weekend or two) stays near 1 for both kinds.
    """
    calendar = {False: 0, True: 0}
    for k in range((last - first).days + 1):
        calendar[(first + dt.timedelta(days=k)).weekday() >= 5] += 1
    pairs = {(r.article, r.day) for r in refs if first <= r.day <= last and r.published > r.day}
    counts = {False: 0, True: 0}
    for _, day in pairs:
        counts[day.weekday() >= 5] += 1
    mean = len(pairs) / max(1, sum(calendar.values()))
    if not mean:
        return {False: 1.0, True: 1.0}
    rate = {kind: (counts[kind] + prior_days * mean) / (calendar[kind] + prior_days) for kind in counts}
    top = max(rate.values())
    return {kind: r / top for kind, r in rate.items()}


def combined_scores(refs: list[Reference], published_counts: dict[dt.date, int], events: list[dict],
                    weights: Salience, window: Window = Window(), types: set[str] | None = None) -> dict:
    """Each listable day's citation share plus weighted shares of publication volume, event salience and bursts.

    Shares are each signal over its largest value among all the story's days (listable or not), so
    the weights mean the same on 100 articles as on 10,000, and --since/--until only filter the days
    listed, never reorder them.
    """
    cited = score_days(refs, published_counts, weights)
    volume = dict(published_counts)
    salient = event_salience(events, types)
    bursts = volume_bursts(published_counts, weights.burst_days) if weights.burst_weight else {}
    out: dict[dt.date, float] = defaultdict(float)
    for signal, weight in ((cited, weights.citation_weight), (volume, weights.volume_weight),
                           (salient, weights.event_weight), (bursts, weights.burst_weight)):
        top = max(signal.values(), default=0)
        for d, v in signal.items():
            if window.lists(d):
                out[d] += weight * v / top if top > 0 else 0.0
    if weights.weekend_weight and published_counts:  # the story's kind of day, weekend or not (off by default)
        shares = weekend_shares(refs, min(published_counts), max(published_counts), weights.weekend_prior_days)
        for d in out:
            out[d] += weights.weekend_weight * shares[d.weekday() >= 5]
    if types:  # a type filter lists only days with such an event
        out = {d: v for d, v in out.items() if d in salient}
    return dict(out)


def rank_days(mentions: list[dict], events: list[dict], published_counts: dict[dt.date, int],
              weights: Salience = DEFAULT, dates: list[dict] | None = None, window: Window = Window(),
              types: set[str] | None = None) -> tuple[dict[dt.date, float], list[Reference]]:
    """Every listable day's score, best first, and the references behind them (articles outside the window dropped)."""
    mentions = [m for m in mentions if window.counts(m.get("published_at"))]
    dates = [d for d in (dates or []) if window.counts(d.get("published_at"))]
    published_counts = {d: n for d, n in published_counts.items() if window.counts(d)}
    events = [e for e in events if window.reports(e)]
    by_id = {e["event_id"]: e for e in events}
    refs = references(mentions, by_id) + (date_references(dates) if weights.named_days else [])
    scores = combined_scores(refs, published_counts, events, weights, window, types)
    return {d: scores[d] for d in select_dates(scores, None, weights)}, refs


def rank_dates(
    mentions: list[dict],
    events: list[dict],
    published_counts: dict[dt.date, int],
    top: int | None = None,
    per_date: int = 3,
    weights: Salience = DEFAULT,
    dates: list[dict] | None = None,
    window: Window = Window(),
    types: set[str] | None = None,
    texts: dict[str, str] | None = None,
    sentences: int = 2,
    published: dict[dt.date, list[str]] | None = None,
) -> list[KeyDate]:
    """The key days of a story in rank order, each with its most reported events and its best sentences.

    `dates`: the days articles name; `texts`: article id -> text, where the day's sentences are read
    (without it only event sentences are shown); `published`: publication day -> the story's article
    ids, whose openings report the day's own news (by default the articles behind `mentions` and
    `dates`, which miss an article that dates nothing). A day with neither an event nor a sentence is skipped.
    """
    mentions = [m for m in mentions if window.counts(m.get("published_at"))]
    dates = [d for d in (dates or []) if window.counts(d.get("published_at"))]
    events = [e for e in events if window.reports(e)]
    scores, refs = rank_days(mentions, events, published_counts, weights, dates, window, types)
    ranked = list(scores)
    day_refs: dict[dt.date, list[Reference]] = defaultdict(list)
    for ref in refs:
        day_refs[ref.day].append(ref)
    day_events: dict[dt.date, list[dict]] = defaultdict(list)
    for e in events:
        if dated_to_day(e) and (not types or e.get("event_type") in types):
            day_events[e.get("event_date")].append(e)
    texts = texts if texts is not None else {}
    if published is None:
        leads = _published_by_day(mentions, dates)
    else:
        leads = {day: ids for day, ids in published.items() if window.counts(day)}
    shown: dict[dt.date, KeyDate | None] = {}

    def key_date(d: dt.date) -> KeyDate | None:
        """The day with its events and sentences, or None when it has nothing to show (never a bare date)."""
        if d not in shown:
            best = _best_events(day_events.get(d, []), per_date)
            said = day_sentences(d, day_refs.get(d, []), best, texts, leads.get(d, []), sentences)
            refs_d = day_refs.get(d, [])
            told = {r.article for r in refs_d} | set(leads.get(d, []))  # naming the day, or published on it
            shown[d] = KeyDate(d, scores.get(d, 0.0), len(told),
                               len({r.source for r in refs_d}), len(refs_d), best, said) if best or said else None
        return shown[d]

    latest = latest_coverage_day(published_counts, window, scores, types) if weights.latest_day else None
    return [shown[d] for d in listed_days(ranked, lambda d: key_date(d) is not None, top, latest)]


def latest_coverage_day(published_counts: dict[dt.date, int], window: Window, scores: dict[dt.date, float],
                        types: set[str] | None = None) -> dt.date | None:
    """The last day the counted articles were published on, when it may be listed (under --type: with such an event)."""
    days = [d for d, n in published_counts.items()
            if n and window.counts(d) and window.lists(d) and (not types or d in scores)]
    return max(days, default=None)


def listed_days(ranked: list[dt.date], showable, top: int | None, latest: dt.date | None = None) -> list[dt.date]:
    """The first `top` ranked days that have something to show, headed by the latest day of coverage when given.

    A story's timeline is brought up to date: the latest day its articles were published on (whose
    citations have not had time to come in) heads a list of two or more days, as the latest
    development heads a newsroom's timeline, and the key days follow by salience. `showable(day)`
    says whether a day has an event or a sentence to show.
    """
    head = [latest] if latest is not None and (top is None or top >= 2) and showable(latest) else []
    out = list(head)
    for d in ranked:
        if top is not None and len(out) >= top:
            break
        if d not in head and showable(d):
            out.append(d)
    return out


def _best_events(events: list[dict], per_date: int) -> list[dict]:
    """The day's most reported events, one per sentence."""
    best, shown = [], set()
    for e in sorted(events, key=_event_rank):
        if len(best) >= per_date:
            break
        if e.get("evidence") and e.get("evidence") not in shown:  # one sentence often carries several events
            shown.add(e.get("evidence"))
            best.append(e)
    return best


def _event_rank(e: dict) -> tuple:
    """Most reported first; asserted before future or negated; then by id for a stable order."""
    return (-(e.get("num_articles") or 0), -(e.get("num_mentions") or 0), e.get("modality") != "asserted",
            e.get("event_id") or "")


def _published_by_day(mentions: list[dict], dates: list[dict]) -> dict[dt.date, list[str]]:
    """Per publication day, the articles published that day (whose openings report the day's own news)."""
    out: dict[dt.date, dict[str, None]] = defaultdict(dict)
    for row in mentions + dates:
        if row.get("published_at") is not None:
            out[row["published_at"]][row["article_id"]] = None
    return {day: list(articles) for day, articles in out.items()}


_SENTENCE_END = re.compile(r"([.!?][\"')\]]?)\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_CAPTION = re.compile(r"\b(?:AP Photo|AFP Photo|Reuters/|REUTERS/|Getty Images|file photo|photo by|pictured|"
                      r"click here|read more|watch:|video:|last updated)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# A weekday, month, day and year together ("Saturday, Oct. 11, 2008"): how wire photo captions and page time
# stamps give a day; reporting prose says "Saturday" or "Oct. 11".
_STAMP = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    r"[a-z]*\.? \d{1,2},? \d{4}\b")
# A dateline glued to the first sentence: "TRIPOLI | Thu Mar 10, 2011 6:41pm EST TRIPOLI (Reuters) - ",
# "NAIROBI, April 8 (Harbor Post) – ", "JEDDAH, Saudi Arabia – ".
_WIRE_PREFIX = re.compile(r"^(?:[^()\n]{0,100}?\([A-Z][^()\n]{1,40}\)|[A-Z][A-Z .'-]{2,30}(?:, [A-Z][A-Za-z .]{1,30})?)"
                          r"\s*(?:-+|\u2013|\u2014)\s+")
# A wire date line after a headline run into it: "... Take Financial Action RIO DE JANEIRO, Dec. 9 -- Facing ...".
_CAPS_DATELINE = re.compile(r"(?:^|\s)[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,3}(?:, [A-Z][a-z]{2,8}\.?(?: \d{1,2})?)?"
                            r"(?: \([^()]{1,40}\))? ?(?:--|\u2013|\u2014) ")
# A picture credit opening a sentence: "(By Ariana Cubillos -- Associated Press) President Bush warned ..."
_CREDIT = re.compile(r"^\((?:By|Photo|Photograph|Image)\b[^()]{0,80}\)\s*")
# A caption run into the sentence after it: "... aid supplies in Port-au-Prince The leading US general said ...".
_GLUED_CAPTION = re.compile(r"(?<=[a-z0-9])\s+(?=(?:The|A|An) [a-z])")
_HEADLINE_WORDS = 7  # a sentence opening with this many capitalised words carries its headline
_MINOR = frozenset("a an the of in on at to for and or as by with from vs".split())
_STOP = frozenset("""the a an and or but of to in on at by for with from as is was were are be been has have had it
its this that these those he she they we you i his her their our not no will would said says say after before
over into about than then there which who whom what when where while also more most some any all one two""".split())


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` around a character offset."""
    begin, end = span_at(text, offset)
    return text[begin:end].strip()


def span_at(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence around a character offset."""
    spans = sentence_spans(text)
    return spans[max(0, bisect.bisect_right([b for b, _ in spans], offset) - 1)]


@functools.lru_cache(maxsize=2048)
def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text (cached: a day's references often share articles)."""
    spans, begin = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(1) and "\n" not in m.group(0) and m.group(1)[0] == "." and is_abbreviation(text, m.start(1)):
            continue  # "Dec. 4", "Henry M. Paulson": the stop ends a word, not the sentence (a line break does)
        spans.append((begin, m.end(1) if m.group(1) else m.start()))
        begin = m.end()
    spans.append((begin, len(text)))
    return spans


_ENTRY = re.compile(r"[^.!?\n]{0,40}?\s[-\u2013\u2014]+\s")


def entry_at(text: str, offset: int) -> str:
    """The sentence around an offset, or, where a chronology entry starts there ("March 19 - ..."), the entry."""
    begin, end = span_at(text, offset)
    if _ENTRY.match(text, offset) and end > offset:
        begin = offset  # the entry, not the list's introduction glued in front of it
    return text[begin:end].strip()


def first_sentence(text: str) -> str:
    """The opening sentence of an article."""
    return sentence_at(text, 0)


def lead_sentence(text: str, within: int = 3) -> str:
    """The article's first sentence among its first `within` that says what happened (else its first sentence).

    The opening line is often a headline or a caption run into the first sentence; the lead's
    next sentence then says what happened.
    """
    spans = sentence_spans(text)[:within]
    for begin, end in spans:
        sentence = without_furniture(text[begin:end].strip())
        if says_what_happened(sentence):
            return sentence
    return first_sentence(text)


def says_what_happened(sentence: str) -> bool:
    """A full sentence of news: not a photo caption, a bare headline, a fragment or a wall of text."""
    words = _WORD.findall(sentence)
    if not 8 <= len(words) <= 60 or _CAPTION.search(sentence) or " | " in sentence:  # captions, page furniture
        return False
    if _STAMP.search(sentence):  # a photo caption or a page's time stamp
        return False
    if carries_headline(sentence):
        return False
    return sentence.rstrip("\"' )").endswith((".", "!", "?"))


def carries_headline(sentence: str) -> bool:
    """Whether a sentence opens with a headline in title case ("Bush Calls Bailout Vital to Economy, Will Meet ...")."""
    capitalised = 0
    for word in sentence.split():
        if word[0].isupper() or word[0].isdigit():
            capitalised += 1
            if capitalised >= _HEADLINE_WORDS:
                return True
        elif word.strip(",:;").lower() not in _MINOR:
            return False
    return False


def without_wire_prefix(sentence: str) -> str:
    """A sentence without the wire dateline in front of it ("CAIRO (Reuters) - ")."""
    return _WIRE_PREFIX.sub("", sentence, count=1)


def without_furniture(sentence: str) -> str:
    """A sentence without a wire dateline, a picture credit or a caption run into its start."""
    sentence = without_wire_prefix(sentence)
    dateline = _CAPS_DATELINE.search(sentence[:160])
    if dateline:
        sentence = sentence[dateline.end():]
    sentence = _CREDIT.sub("", sentence, count=1)
    glued = _GLUED_CAPTION.search(sentence[:200])
    return sentence[glued.end():] if glued else sentence


def content_words(sentence: str) -> set[str]:
    """The lower-cased words of a sentence that carry content."""
    return {w.lower() for w in _WORD.findall(sentence)} - _STOP


def day_sentences(day: dt.date, refs: list[Reference], events: list[dict], texts: dict[str, str],
                  published: list[str], n: int) -> list[str]:
    """The n sentences that best say what happened on a day, most central first, no near-repeats.

    Candidates: the sentences that name the day or date an event to it, and the openings of the
    articles published that day. Each is scored by how many of its content words the other candidates
    share (the day's common story), per square root of its length, so that one sentence saying what
    most reports say wins over a stray detail.
    """
    if n <= 0:
        return []
    found = [e.get("evidence") or "" for e in events]
    found += [entry_at(texts[r.article], r.lead) for r in refs if texts.get(r.article)]
    found += [lead_sentence(texts.get(a) or "") for a in published]
    pool = list(dict.fromkeys(s for s in map(without_furniture, found) if says_what_happened(s)))
    if not pool:
        return []
    bags = [content_words(s) for s in pool]
    support: dict[str, int] = defaultdict(int)
    for bag in bags:
        for w in bag:
            support[w] += 1
    scored = sorted(range(len(pool)), key=lambda i: (-sum(math.log(support[w]) for w in bags[i])
                                                     / math.sqrt(len(bags[i]) or 1), pool[i]))
    chosen: list[int] = []
    for i in scored:
        if len(chosen) >= n:
            break
        if all(len(bags[i] & bags[j]) < 0.6 * min(len(bags[i]), len(bags[j])) for j in chosen):
            chosen.append(i)
    return [pool[i] for i in chosen]
