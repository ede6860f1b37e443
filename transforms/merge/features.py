"""What merging compares in a mention: its type group, date interval, actor and place keys, evidence words."""

from __future__ import annotations

import datetime as dt
import re
import sys

from transforms.events.dating import period_end
from transforms.events.event_types import MERGE_GROUP  # types naming one act merge as one group

PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "quarter": 92}
PUBLICATION_WINDOW = 7  # a mention dated only by its article may describe any of the days before it
# The longest period a dated mention may stand for, in days after its first one (a quarter): a vague
# mention never looks further than this from its event_date, which bounds a windowed merge.
MAX_SPAN_DAYS = max(max(PRECISION_DAYS.values()) - 1, PUBLICATION_WINDOW)
ANCHOR_BASES = frozenset({"explicit", "relative", "anchored"})
_WORD = re.compile(r"[a-z0-9]{3,}")  # whole runs of letters and digits, three or more long
_STOP = frozenset(
    "the a an and or of to in on at for by with from as that this these those is are was were be been has have "
    "had will would could should may might can its it his her their they he she we our said says say also after "
    "before about over into than then there which who whom what when where while not but more most some any all "
    "one two new last first next week day month year monday tuesday wednesday thursday friday saturday sunday "
    "told according officials official".split()
)
# Last words of organisation names: "peace council" and "security council" are different actors.
_GENERIC = frozenset(
    "council union forces force ministry government party commission bank army police court committee "
    "assembly agency department office organization organisation alliance movement front group nations "
    "states state minister president secretary spokesman spokeswoman general mission board service "
    "fund programme program coalition authority authorities parliament congress senate officials official "
    "leader leaders chief spokesperson diplomats delegates envoy envoys troops soldiers rebels protesters "
    "foreign prime interior defence defense monday tuesday wednesday thursday friday saturday sunday "
    "today yesterday".split()
)


class Mention:
    """The facts merging needs about one mention, computed once; `index` is its position in the input."""

    __slots__ = ("index", "key", "group", "day", "lo", "hi", "anchor", "negated", "by_publication", "actors", "place",
                 "words")

    def __init__(self, index: int, row: dict, words: frozenset[str], actors: frozenset[str] | None = None):
        self.index = index
        self.key = canonical_key(row)
        self.group = MERGE_GROUP.get(row.get("event_type"), row.get("event_type"))
        self.day = row.get("event_date")
        self.lo, self.hi = date_interval(row)
        self.anchor = row.get("date_precision") == "day" and row.get("date_basis") in ANCHOR_BASES
        self.negated = row.get("modality") == "negated"
        self.by_publication = row.get("date_basis") == "publication"
        self.actors = actor_keys(row) if actors is None else actors  # the caller's, when it shares them
        self.place = place_key(row)
        self.words = words


def canonical_key(row: dict) -> tuple:
    """Canonical order: earliest publication first, then article, offset and id."""
    published = row.get("published_at") or dt.date.max
    return (published, row.get("article_id") or "", row.get("trigger_start") or 0, row["mention_id"])


def undated_bound(row: dict) -> dt.date | None:
    """The on_or_before of a mention the guide calls undated (no event_date, bounded by its report), else None."""
    if row.get("event_date") is None and row.get("date_basis") == "publication":
        return row.get("on_or_before")
    return None


def date_interval(row: dict) -> tuple[dt.date | None, dt.date | None]:
    """The days a mention's date may stand for: one day, a week, a month, or up to its publication."""
    day, precision = row.get("event_date"), row.get("date_precision")
    if day is None:
        bound = undated_bound(row)  # undated: the same days before its report as a mention dated by it
        return (None, None) if bound is None else (bound - dt.timedelta(days=PUBLICATION_WINDOW), bound)
    if row.get("date_basis") == "publication":  # no time expression: some day up to the article's
        return day - dt.timedelta(days=PUBLICATION_WINDOW), day
    if precision not in PRECISION_DAYS:  # year or unknown: too vague to place on a day
        return None, None
    return day, period_end(day, precision)


def _norm_name(name: str) -> str:
    """Lower-case an actor or place name and drop possessives, dots and a leading article."""
    name = name.lower().replace("\u2019", "'").strip()
    if name.endswith("'s"):
        name = name[:-2]
    name = name.replace(".", "").strip()
    return name[4:] if name.startswith("the ") else name


def actor_keys(row: dict) -> frozenset[str]:
    """Keys that identify a mention's actors: full names, their last word, and country codes."""
    keys = set()
    for actor in row.get("actors") or []:
        name = _norm_name(actor)
        if "'s " in name:  # "sudan's rapid support forces" names the same group as "rapid support forces"
            keys.add(_norm_name(name.split("'s ", 1)[1]))
        words = name.split()
        if not words or all(w in _GENERIC for w in words):
            continue  # "the president", "police": a role names no one in particular
        keys.add(name)
        if 1 < len(words) <= 3 and words[-1] not in _GENERIC and len(words[-1]) > 2:
            keys.add(words[-1])  # a surname: "moammar gadhafi" is also "gadhafi"
    keys.update(f"#{c}" for c in row.get("actor_codes") or [])
    return frozenset(keys)


def place_key(row: dict) -> str | None:
    """The place as one comparable key (gazetteer id when known)."""
    if row.get("location_geonameid"):
        return f"g{row['location_geonameid']}"
    return _norm_name(row["location"]) if row.get("location") else None


def evidence_words(text: str | None) -> frozenset[str]:
    """Content words of an evidence sentence.

    Not cached across calls: a process-wide cache of sentences grows with the lake (tens of MB
    before it is full); callers share the words of one sentence among its mentions instead.
    """
    if not text:
        return frozenset()
    # Repeats and stop words go before interning: a sentence names most of its words more than once.
    return frozenset(map(sys.intern, set(_WORD.findall(text.lower())).difference(_STOP)))


def jaccard(a: frozenset, b: frozenset) -> float:
    """Share of words two sets have in common (of all their words)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def similarity(a: frozenset, b: frozenset) -> float:
    """Cosine of two word sets: fair to a short sentence that retells part of a long one."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5
