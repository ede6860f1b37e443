"""Attach a date to each event: its own time expression (from the tagger), an anchor event, or the publication day."""

from __future__ import annotations

import datetime
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from transforms.events.clauses import CLAUSE_WORDS, FRONT_WORDS, RELATIVE, clause_start, first_comma, main_clause
from transforms.events.event_types import OCCASIONS, SPEECH_TYPES
from transforms.events.lexicon import AGENTLESS, APPROXIMATORS, AUXILIARIES, DETERMINERS, IRREGULAR_PAST, PRONOUNS
from transforms.events.tokens import CLOSING_QUOTES, LOWER, STRAIGHT_QUOTE, Token, genitive, in_quotation, quote_marks
from transforms.months import MONTH_WORDS
from transforms.timex import Timex, value_to_date

if TYPE_CHECKING:
    from transforms.events.triggers import Trigger

_MONTHS = frozenset(MONTH_WORDS)  # transforms/months.py: the one list of month names


_DAY_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
    this last next earlier later""".split())


class Dated(NamedTuple):
    """A time expression resolved to a date, with its token span in the sentence."""

    timex: Timex
    date: datetime.date
    precision: str
    basis: str  # explicit | relative
    first: int  # token indices (sentence-local)
    last: int


class EventDate(NamedTuple):
    """The date fields of one event."""

    event_date: datetime.date | None
    time_value: str | None
    date_precision: str
    date_basis: str
    time_text: str | None


UNKNOWN = EventDate(None, None, "unknown", "unknown", None)


def basis_of(timex: Timex) -> str:
    """`explicit` for a calendar date ("May 12", "2024"), `relative` for one resolved from the DCT ("Friday")."""
    return _basis_of_text(timex.text)


@lru_cache(maxsize=4096)
def _basis_of_text(text: str) -> str:
    """basis_of by the expression's text (cached: an article repeats its "Friday"s and "May 12"s)."""
    words = text.lower().replace(",", " ").replace(".", " ").split()
    if any(w[:1].isdigit() for w in words) or any(w in _MONTHS for w in words):
        return "explicit"
    return "relative"


def resolve(timex: Timex) -> tuple[datetime.date, str] | None:
    """(first day, precision) of a DATE or TIME expression, or None when it names no calendar period."""
    if timex.type not in ("DATE", "TIME"):
        return None
    return _resolve_value(timex.value)


@lru_cache(maxsize=4096)
def _resolve_value(value: str) -> tuple[datetime.date, str] | None:
    """resolve() by TIMEX3 value (cached: the same days come back across sentences and articles)."""
    day, precision = value_to_date(value)
    if day is None or precision == "unknown":
        return None
    return day, precision


def from_timex(d: Dated) -> EventDate:
    """Date fields taken from the event's own time expression."""
    return EventDate(d.date, d.timex.value, d.precision, d.basis, d.timex.text)


def anchored(anchor: EventDate) -> EventDate:
    """Date fields copied from an anchor event."""
    return EventDate(anchor.event_date, anchor.time_value, anchor.date_precision, "anchored", anchor.time_text)


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# A counted period's unit: (days or months per unit, the precision of the day it gives).
_UNITS = {"day": (1, "day"), "week": (7, "day"), "month": (1, "month"), "year": (12, "year")}
_SUBJECTS = frozenset({"the", "its", "his", "her", "their", "he", "she", "they", "it", "we"})
_VAGUE_COUNT = APPROXIMATORS | {"than"}  # "nearly two months", "less than two months"


class Offset(NamedTuple):
    """An event counted from another: `amount` units (days or months, signed) to add to the other's date."""

    amount: int
    in_months: bool
    precision: str
    at: int  # where the counted phrase starts (sentence-local token index)


def _counted(toks: list[Token], k: int) -> tuple[int, bool, str] | None:
    """(count in days or months, months?, precision) of "a day", "two weeks", "four months", "a year" ending at
    token k, or None (also for a vague count: "less than two months")."""
    if k < 1:
        return None
    unit, count = toks[k].lower, toks[k - 1].lower
    n = _COUNTS.get(count) or (int(count) if count.isdigit() and int(count) < 60 else None)
    size = _UNITS.get(unit[:-1] if unit.endswith("s") else unit)
    if size is None or n is None or (n > 1) != unit.endswith("s"):
        return None
    if k >= 2 and toks[k - 2].lower in _VAGUE_COUNT:
        return None
    return n * size[0], size[1] != "day", size[1]


_AFTER_BEFORE = frozenset({"after", "before"})


def day_offset(toks: list[Token], first: int) -> Offset | None:
    """The offset from the governing event of a trigger right after "a day after", "two days before" or "a year
    after he" ("quit a day after unveiling a cabinet": the unveiling is the day before; "a year after he entered
    politics": the year before)."""
    if _AFTER_BEFORE.isdisjoint(map(LOWER, toks[max(0, first - 4) : first])):
        return None  # the "after"/"before" stands within four words before the trigger; most triggers have none
    k = _before_subject(toks, first - 1)  # "a day after the vote", "a year after he entered", "before the phone launches"
    if k < 2 or toks[k].lower not in ("after", "before"):
        return None
    found = _counted(toks, k - 1)
    if found is None:
        return None
    amount, months, precision = found
    return Offset(-amount if toks[k].lower == "after" else amount, months, precision, k - 2)


def _before_subject(toks: list[Token], k: int) -> int:
    """The position before the subject that ends at token k: a pronoun or a determiner with up to two
    lower-case words ("he", "the vote", "the new phone"); k itself when there is none."""
    for j in range(k, max(-1, k - 3), -1):
        if toks[j].lower in _SUBJECTS:
            return j - 1
        if not (toks[j].text.isalpha() and toks[j].text.islower()) or toks[j].lower in ("after", "before"):
            return k
    return k


def later_offset(toks: list[Token], last: int) -> Offset | None:
    """The offset of a trigger followed by "a month later" or "just a day earlier" (within a few words, no comma):
    counted from the event the story told it after."""
    for k in range(last + 2, min(len(toks) - 1, last + 5)):
        if toks[k].text == ",":
            return None
        if toks[k + 1].lower in ("later", "earlier"):
            found = _counted(toks, k)
            if found is None:
                return None
            amount, months, precision = found
            return Offset(amount if toks[k + 1].lower == "later" else -amount, months, precision, k - 1)
    return None


def offset_from(anchor: EventDate, offset: Offset, text: str) -> EventDate:
    """The date counted from an anchor event's day ("a day after" it, "a month later"), at the unit's precision."""
    day = anchor.event_date
    if not offset.in_months:
        day += datetime.timedelta(days=offset.amount)
        return EventDate(day, day.isoformat(), "day", "anchored", text)
    months = day.year * 12 + day.month - 1 + offset.amount
    day = datetime.date(months // 12, months % 12 + 1, 1)
    if offset.precision == "year":
        return EventDate(day.replace(month=1), str(day.year), "year", "anchored", text)
    return EventDate(day, day.strftime("%Y-%m"), "month", "anchored", text)


def publication(published: datetime.date | None) -> EventDate:
    """The fallback while an article is read: on or before the publication day (settle_undated decides last)."""
    if published is None:
        return UNKNOWN
    return EventDate(published, None, "unknown", "publication", None)  # an upper bound, not a known day


# Private marker set on a mention while its sentence's words are at hand: an event of a class the guide calls
# unknown (step a of settle_undated), read and dropped by settle_undated.
GUIDE_UNKNOWN = "_guide_unknown"


def settle_undated(events: list[dict]) -> list[dict]:
    """The guide's two steps for an event that kept no date of its own (basis `publication`), so that no row
    has precision `unknown` with a date. (a) A class the guide calls unknown (a vague time with nothing to pin
    it, a present or past perfect with no anchor, a loose span back from another event, an event told as
    background: `guide_unknown`; an undated event of a story whose lead is an earlier day's news, marked by
    the extractor): empty `event_date`, precision `unknown`. (b) Any other
    (an event told as the day's news, "X said in a statement"): the publication day at precision `day`, the
    convention of the news gold and of TimeML where the guide is silent. Both keep `date_basis` `publication`
    and the report's day in `on_or_before` (set by bound_events, which runs first)."""
    for ev in events:
        unknown = ev.pop(GUIDE_UNKNOWN, False)
        if ev.get("date_basis") != "publication" or ev.get("event_date") is None:
            continue
        if unknown:
            ev["event_date"], ev["date_precision"] = None, "unknown"
        else:
            ev["date_precision"] = "day"
    return events


def guide_unknown(trig: Trigger, seg: list[int], dated: list[Dated], toks: list[Token], timexes: list) -> bool:
    """True for an undated event of a class the guide gives unknown: "Vague expressions ('recently', 'in recent
    weeks', 'earlier', 'later' with nothing to pin them) give unknown, and so does the present perfect with no
    anchor." The past perfect and a loose count back from another event ("over a week after") are set before
    a known moment by an unstated span, so they count with these. Asked only of an event that no time expression
    or anchor dated."""
    return (unanchored_past(trig, seg, toks, timexes) or _unpinned_word(trig, seg, dated, toks)
            or unrealized_form(trig, toks) or told_as_background(trig, seg, dated, toks))


def told_as_background(trig: Trigger, seg: list[int], dated: list[Dated], toks: list[Token]) -> bool:
    """True for an undated event the report tells as background to its news, not as the news of its day: one
    set before a dated event, one in a clause describing a thing, or one named as what a perfect verb did. The
    guide dates an event by the day it happened; these name no day and no anchor, so it is unknown."""
    return (before_a_dated_event(trig, dated, toks) or describes_a_thing(trig, seg, toks)
            or object_of_a_perfect(trig, toks))


def before_a_dated_event(trig: Trigger, dated: list[Dated], toks: list[Token]) -> bool:
    """True for an event in an "after ..." or "before ..." clause of a sentence that dates its main event
    ("resigned on Tuesday after protesters set fire to his home"): it lies an unstated span from that day,
    as vague as the past perfect."""
    k = _temporal_link(toks, trig)
    return bool(dated) and k is not None and toks[k].lower in _AFTER_BEFORE  # "not until Tuesday" dates its own


def describes_a_thing(trig: Trigger, seg: list[int], toks: list[Token]) -> bool:
    """True for an event in a relative clause ("a truce that was proposed by mediators", "the city, which has been
    under siege"): it tells what a thing the report names is, not what happened on the report's day. Not a speech
    act (an attribution stays the report's) nor "WHO", the agency."""
    if trig.etype in SPEECH_TYPES or not _told_in_the_past(trig, toks):
        return False  # "who is fighting to keep", "laws that prohibit": a state of the report's day
    start = clause_start(seg, trig.first)
    if start == 0 or trig.first - start > 5 or any(t.text == "," for t in toks[start : trig.first]):
        return False  # the relative's own verb ("that was proposed", "which the two armies signed"), no verb further on
    word, before = toks[start].text, toks[start - 1]
    if word in RELATIVE:  # the exact text: "WHO is committed" is the agency, not a relative pronoun
        return True
    return (word == "that" and before.text.isalpha() and before.text.islower()
            and before.lower not in _SPEECH_VERBS and before.lower not in _COMPLEMENT_NOUNS
            and not before.lower.endswith("ed"))


def _told_in_the_past(trig: Trigger, toks: list[Token]) -> bool:
    """True for a verb in the simple past or its passive ("that was proposed", "which launched"), not the present
    ("who is accused", "which calls for") nor a noun."""
    if trig.noun:
        return False
    word, before = toks[trig.first].lower, toks[trig.first - 1].lower if trig.first else ""
    return (word.endswith("ed") or word in _PAST_FORMS) and before not in _PRESENT_AUX


_PRESENT_AUX = frozenset({"is", "are", "am", "being", "'s", "’s", "'re", "’re"})


def object_of_a_perfect(trig: Trigger, toks: list[Token]) -> bool:
    """True for an event noun that a verb in the perfect names ("have stepped up their attacks", "has been under
    siege", "there has been no response"): the guide's present perfect with no anchor, told by its noun."""
    if not trig.noun:
        return False
    for k in range(trig.first - 1, max(-1, trig.first - 6), -1):
        w = toks[k].lower
        if w in _OBJECT_BOUNDARY:
            return False
        if w in _PERFECT_AUX or w == "had":
            nxt = toks[k + 1].lower
            return k + 1 < trig.first and (nxt in _PERFECT_GAP or nxt.endswith("ed") or nxt in _PAST_FORMS)
    return False


# Words that end the phrase a noun is the object of: a verb before them governs another clause.
_OBJECT_BOUNDARY = frozenset({",", ";", ":", "—", "and", "but", "or", "that", "which", "who", "said", "says"})


_UNREALIZED = frozenset({"to", "will", "would", "can", "could", "may", "might", "shall", "should", "must"})


def unrealized_form(trig: Trigger, toks: list[Token]) -> bool:
    """True for a verb in the infinitive or after a modal ("can try to appeal", "will not deploy troops", "was
    forced to repeal"): the form tells no time of its own, so with no time expression its day is unknown, as
    for a plan or a possibility (the extractor's rule for future and hypothetical events)."""
    if trig.noun or trig.first == 0:
        return False
    k = trig.first - 1
    if toks[k].lower in ("not", "n't", "also", "swiftly", "immediately") and k > 0:
        k -= 1
    return toks[k].lower in _UNREALIZED


def unanchored_past(trig: Trigger, seg: list[int], toks: list[Token], timexes: list) -> bool:
    """True for the guide-unknown classes told by tense or a vague span, not by a lone word: a present or past
    perfect, a loose count back from another event, "nearly a decade ago". No neighbouring day dates these."""
    return (present_perfect(trig, toks) or past_perfect(trig, toks) or vaguely_before(toks, trig)
            or _vague_expression(trig, seg, toks, timexes))


def _unpinned_word(trig: Trigger, seg: list[int], dated: list[Dated], toks: list[Token]) -> bool:
    """True for a vague time word of the trigger's own clause ("Earlier, X resigned", "X recently resigned", "in
    recent weeks"), not one a comma sets apart ("X resigned earlier, the union said": the speech is the day's news)."""
    def vague_at(k: int) -> bool:
        """True for a vague word at k that no time expression around it pins ("earlier this week" is dated)."""
        if any(d.first <= k <= d.last for d in dated):
            return False
        w = toks[k].lower
        return w in _UNPINNED_WORDS or (w == "recent" and k + 1 < len(toks) and toks[k + 1].lower in _RECENT_UNITS)

    if any(vague_at(k) for k in range(min(3, first_comma(toks), len(toks)))) and main_clause(trig, seg, toks):
        return True  # "Earlier, X resigned", "In recent weeks, X ...": a fronted phrase dates the main clause
    hi, s = trig.first, seg[trig.first]
    return any(seg[k] == s and vague_at(k) and not any(toks[j].text == "," for j in range(min(k, hi), max(k, hi)))
               and not _modifies_another_verb(toks, k, trig) for k in range(clause_start(seg, hi), len(toks)))


def _modifies_another_verb(toks: list[Token], k: int, trig: Trigger) -> bool:
    """True for a vague word right before a verb other than the trigger ("launched under a previously announced
    agreement": "previously" times the announcing), auxiliaries skipped ("had recently been appointed")."""
    j = k + 1
    while j < len(toks) and toks[j].lower in AUXILIARIES:
        j += 1
    if j >= len(toks) or j == trig.first:
        return False
    w = toks[j].lower
    return w.endswith("ed") or w in _PAST_FORMS


_RECENT_UNITS = frozenset({"days", "weeks", "months", "years"})


# Words that may stand between "has"/"have" and its participle ("has been appointed", "have already committed").
_PERFECT_GAP = frozenset({"been", "already", "also", "now", "not", "n't", "never", "yet", "just", "since", "so",
                          "far", "jointly", "reportedly", "repeatedly", "finally", "formally", "officially"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})


def present_perfect(trig: Trigger, toks: list[Token]) -> bool:
    """True for a verb in the present perfect ("has resigned", "have already committed", "has been appointed");
    not the past perfect ("had agreed"), a modal's ("will have", "may have") or an infinitive's ("to have fled")."""
    if trig.noun:
        return False
    k = trig.first - 1
    while k >= max(0, trig.first - 4) and toks[k].lower in _PERFECT_GAP:
        k -= 1
    if k < 0 or toks[k].lower not in _PERFECT_AUX:
        return False
    return k == 0 or toks[k - 1].lower not in _NOT_PRESENT


_NOT_PRESENT = frozenset({"to", "will", "would", "could", "should", "may", "might", "must", "shall", "can"})


def past_perfect(trig: Trigger, toks: list[Token]) -> bool:
    """True for a verb in the past perfect ("had signed", "had already been appointed"): the event lies before a
    past moment of the story by an unstated span, so with no anchor it is as unknown as the present perfect."""
    if trig.noun:
        return False
    k = trig.first - 1
    while k >= max(0, trig.first - 4) and toks[k].lower in _PERFECT_GAP:
        k -= 1
    return k >= 0 and toks[k].lower in ("had", "'d", "’d")


def _vague_expression(trig: Trigger, seg: list[int], toks: list[Token], timexes: list) -> bool:
    """True when the trigger's clause (or a fronted opening of its main clause) holds, near it and not set apart
    by a comma, a past time expression that names no period: "in the past", "nearly a decade ago" (PAST_REF, an
    approximate count back); not "from time to time" (a habit, FUTURE_REF)."""
    if not timexes:
        return False
    starts = [t.start for t in toks]
    for tx in timexes:
        if tx.value != "PAST_REF" and not _approximate_ago(tx.text):
            continue
        first = bisect_left(starts, tx.start)
        if first >= len(toks):
            continue
        if first == 0 and main_clause(trig, seg, toks):
            return True  # "In the past, X ..."
        lo, hi = sorted((first, trig.first))
        if seg[first] == seg[trig.first] and hi - lo <= 8 and not any(t.text == "," for t in toks[lo:hi]):
            return True
    return False


def period_end(day: datetime.date, precision: str) -> datetime.date | None:
    """The last day of the period that starts on `day` (a day, week, month, quarter or year); None for unknown."""
    if precision == "day":
        return day
    if precision == "week":
        return day + datetime.timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}.get(precision)
    if months is None:
        return None
    ahead = day.month - 1 + months  # months counted from January of the period's year
    return datetime.date(day.year + ahead // 12, ahead % 12 + 1, 1) - datetime.timedelta(days=1)


def bound_events(events: list[dict]) -> list[dict]:
    """Fill each row's `on_or_before`: the latest day the event can fall on (the end of its dated period, or for
    an event with no date of its own the publication day the report bounds it by); None for an undated plan."""
    for ev in events:
        day = ev.get("event_date")
        if day is None:
            ev["on_or_before"] = None
        elif ev.get("date_basis") == "publication":
            ev["on_or_before"] = day  # reported by then: an upper bound, the event's own day is unknown
        else:
            ev["on_or_before"] = period_end(day, ev.get("date_precision") or "unknown")
    return events


# "during the meeting", "at the summit": a preposition and an occasion noun point back to a dated occasion.
_ANCHOR_PREPS = frozenset({"during", "at", "on", "in", "from", "amid"})
_ANCHOR_NOUNS = frozenset({"meeting", "summit", "talks", "conference", "session", "ceremony", "visit",
                           "speech", "address", "call", "gathering", "negotiations", "briefing", "rally",
                           "event", "forum", "hearing", "interview", "debate", "vote", "election", "discussions",
                           "consultations", "signing"})


@lru_cache(maxsize=1024)
def _approximate_ago(text: str) -> bool:
    """True for an approximate count back from now ("nearly a decade ago", "more than three years ago"): a vague
    expression (guide: unknown), unlike "a year ago" or "27 days ago"."""
    words = text.lower().split()
    return words[-1:] == ["ago"] and (words[0] in APPROXIMATORS or words[1:2] == ["than"])


def dated_expressions(toks: list[Token], timexes: list) -> tuple[list[Dated], set[int]]:
    """Sentence-local token spans of the sentence's resolvable time expressions, and all their tokens."""
    dated: list[Dated] = []
    blocked: set[int] = set()
    if not timexes:
        return dated, blocked
    starts = [t.start for t in toks]
    for tx in timexes:
        first = bisect_left(starts, tx.start)
        last = max(first, bisect_left(starts, tx.end) - 1)
        blocked.update(range(first, last + 1))
        res = resolve(tx) if not _approximate_ago(tx.text) else None
        if res:
            dated.append(Dated(tx, res[0], res[1], basis_of(tx), first, last))
    return dated, blocked


def date_for(trig: Trigger, triggers: list[Trigger], seg: list[int], dated: list[Dated], toks: list[Token],
             anchor_spans: dict, speech_dates: list[EventDate], published) -> EventDate:
    """The event's date: own time expression, else an anchor or a dated speech act reporting it, else publication."""
    best = _own_timex(trig, triggers, seg, dated, toks, published)
    if best is not None:
        return from_timex(best)
    if vague_time(trig, seg, dated, toks):
        return publication(published)  # "Earlier, X resigned": unknown (guide), only bounded by the report
    for anchor in anchor_spans.values():
        if anchor is not None:
            return anchored(event_date_of(anchor))
    if trig.etype not in SPEECH_TYPES and speech_dates and _reported_act(trig, toks):
        return anchored(speech_dates[0])  # "The group said Thursday it has agreed"
    return publication(published)


# Guide, dates: vague expressions with nothing to pin them give unknown ("Earlier,", "had recently agreed").
_VAGUE_WORDS = frozenset({"earlier", "recently", "previously", "formerly"})
# The guide's vague words for step (a): these and "later" with nothing to pin it ("a month later" is counted).
_UNPINNED_WORDS = _VAGUE_WORDS | {"later"}


def vague_time(trig: Trigger, seg: list[int], dated: list[Dated], toks: list[Token]) -> bool:
    """True when the trigger's clause has a vague time word of its own ("Earlier, the minister resigned"), not
    part of a time expression ("earlier this week"): no anchor or neighbouring occasion dates it."""
    if toks[0].lower in _VAGUE_WORDS and not any(d.first == 0 for d in dated) and main_clause(trig, seg, toks):
        return True  # "Earlier, the minister resigned": a fronted word dates the main clause
    s = seg[trig.first]
    for k in range(clause_start(seg, trig.first), len(toks)):
        if seg[k] != s:
            break
        if toks[k].lower in _VAGUE_WORDS and not any(d.first <= k <= d.last for d in dated):
            return True
    return False


def _reported_act(trig: Trigger, toks: list[Token]) -> bool:
    """True for a finite verb a dated speech act reports ("said Thursday it has agreed"); not for a noun or a
    participle describing something ("the truce proposed by mediators", "the war"), which keeps no date."""
    if toks[trig.first].lower in AGENTLESS:
        return False  # "as officials said the toll passed 1,400 on Tuesday": the quake's day is its own
    if trig.noun:
        return trig.etype in OCCASIONS  # "said Friday after meeting with X": the occasion of the remarks
    if in_temporal_clause(toks, trig) or _circumstance_clause(toks, trig) or _describes_a_noun(toks, trig):
        return False  # "said Friday, days after a sniper killed X": the killing is earlier
    if quoted(toks, trig.first) and not _perfect(trig, toks):
        return False  # "'The mother was kidnapped,' Castro said Friday": a past the speaker recounts, not that day
    nxt = toks[trig.last + 1].lower if trig.last + 1 < len(toks) else ""
    prev = toks[trig.first - 1] if trig.first else None
    reduced_relative = nxt == "by" and prev is not None and prev.text.isalpha() and prev.lower not in _FINITE_BEFORE
    return not reduced_relative


# Words that open an adverbial clause after a comma: what it tells is the setting of the report, not its content.
_CIRCUMSTANCE = frozenset({"as", "while", "whereas", "although", "though", "because", "amid"})


def _circumstance_clause(toks: list[Token], trig: Trigger) -> bool:
    """True for a verb in a ", as ..." or ", while ..." clause after a speech act ("said that efforts go on, as
    the two armies agreed to a plan"): a neighbouring circumstance, which the speech act's day does not date."""
    for k in range(trig.first - 1, max(0, trig.first - 16), -1):
        if toks[k].text in (",", ";", "—"):
            return toks[k + 1].lower in _CIRCUMSTANCE
        if toks[k].lower in ("said", "says", "that"):
            return False
    return False


def _describes_a_noun(toks: list[Token], trig: Trigger) -> bool:
    """True for a verb in a relative clause ("agreed to a truce that was proposed by mediators", "a missile that
    was launched"): it describes a thing the report names, told as background, not the act reported that day."""
    for k in range(trig.first - 1, max(0, trig.first - 6), -1):
        w = toks[k].lower
        if w in RELATIVE:
            return True
        if w == "that":
            prev = toks[k - 1].lower
            return (toks[k - 1].text.isalpha() and not prev.endswith("ed") and prev not in _SPEECH_VERBS
                    and prev not in _COMPLEMENT_NOUNS and prev not in _DAY_WORDS and prev not in _MONTHS)
        if w in (",", ";", ":", "—", "and", "but"):
            return False
    return False


# Nouns whose "that" clause is their content, not a relative clause ("the announcement Friday that he had ...").
_COMPLEMENT_NOUNS = frozenset({"announcement", "statement", "decision", "claim", "claims", "report", "reports",
                               "news", "warning", "promise", "pledge", "message", "assurance", "fact", "sign",
                               "word", "hope", "belief", "confirmation", "indication", "ruling", "order"})
_SPEECH_VERBS = frozenset({"said", "says", "say", "announced", "stated", "added", "claimed", "confirmed", "told",
                           "reported", "noted", "warned", "insisted", "argued", "believe", "believes", "showed"})


def quoted(toks: list[Token], k: int) -> bool:
    """True when token k stands inside a quotation that closes later in the sentence: the speaker's own words."""
    closers = (m for m in quote_marks(toks, k + 1, len(toks)) if m in CLOSING_QUOTES or m == STRAIGHT_QUOTE)
    return in_quotation(toks, k) and next(closers, None) is not None


_FINITE_BEFORE = frozenset({"was", "were", "is", "are", "been", "be", "has", "have", "had", "it", "they", "he", "she",
                            "we", "i", "also", "then"})


_TEMPORAL_LINKS = frozenset({"after", "before", "since", "until"})
# A clause these open is set against another event's time, so a date of a clause with no event is not its date.
_ORPHAN_BARRIERS = _TEMPORAL_LINKS | {"following"}


def in_temporal_clause(toks: list[Token], trig: Trigger) -> bool:
    """True for a verb inside "after ...", "before ...", "since ..." ("days after a sniper killed", "before X
    died"): its time is set against another event's, so it shares no date with the sentence around it."""
    return _temporal_link(toks, trig) is not None


def _temporal_link(toks: list[Token], trig: Trigger) -> int | None:
    """Where the "after"/"before"/"since"/"until" that opens the trigger's clause stands, or None."""
    for k in range(trig.first - 1, max(-1, trig.first - 7), -1):
        w = toks[k].lower
        if w in _TEMPORAL_LINKS:
            return k
        if w in (",", ";", ":", "—", "and", "but", "said", "says"):
            return None
    return None


_SPAN_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"})
_LOOSE_COUNT = APPROXIMATORS | {"than", "few", "several", "many"}  # "over a week", "less than two weeks", "a few days"


def vaguely_before(toks: list[Token], trig: Trigger) -> bool:
    """True for an undated event that a loose span or "comes after" sets before another ("comes over a week after
    the group seized", "less than two weeks after", "days after"): an approximate count back from another event,
    as vague as "nearly a decade ago" (guide: unknown); an exact count ("a day after") is dated by day_offset."""
    k = _temporal_link(toks, trig)
    if k is None or k == 0 or toks[k].lower not in ("after", "before"):
        return False
    prev = toks[k - 1].lower
    if prev in ("comes", "came", "come"):
        return True  # "The decision comes after ...": the background the news is set against
    if prev not in _SPAN_UNITS:
        return False
    if any(t.lower in _LOOSE_COUNT for t in toks[max(0, k - 4) : k - 1]):
        return True  # "over a week after", "less than two weeks after"
    counted = k >= 2 and (toks[k - 2].text.isdigit() or toks[k - 2].lower in _COUNTS)
    return prev.endswith("s") and not counted  # "days after": no count at all


def _own_timex(trig: Trigger, triggers: list[Trigger], seg: list[int], dated: list[Dated],
               toks: list[Token], published: datetime.date | None = None) -> Dated | None:
    """The time expression that governs a trigger: in its clause, nearest, not across another event."""
    if not dated:
        return None  # most sentences name no date
    s = seg[trig.first]
    best, best_d = None, 10**9
    start = clause_start(seg, trig.first)
    if start >= 2 and toks[start].lower == "when" and toks[start - 1].text == "," and not any(
            t.text == "," for t in toks[start:trig.first]):
        named = [d for d in dated if d.last == start - 2]
        if named:
            return named[0]  # "on Thursday, when 133 people were arrested": the "when" names that day
    if trig.etype in SPEECH_TYPES:
        issued = _issued_date(trig, dated, toks)
        if issued is not None:
            return issued
    past = published is not None and _past_verb(trig, toks)
    if _recalled(trig, toks):
        dated = [d for d in dated if 0 <= trig.first - d.last <= 2]  # only its own "the April 8 shooting"
    for d in _without_bare_clock_times(dated):
        if past and d.date > published:
            continue  # "has invited them to a March 12 ceremony": what already happened is not dated later
        fronted = d.first == 0 or (toks[0].lower in FRONT_WORDS and d.first < first_comma(toks)) or (
            _since_opening(toks, d) and _perfect(trig, toks))
        same = seg[d.first] == s or (fronted and main_clause(trig, seg, toks))
        # A time expression whose clause has no event dates an event of another clause, except one inside
        # a relative clause ("Hungary, which had threatened ..., gave way on Wednesday").
        orphan = (not any(seg[t.first] == seg[d.first] for t in triggers) and not _in_relative_clause(trig, seg, toks)
                  and toks[clause_start(seg, d.first)].lower not in _SINCE
                  and toks[clause_start(seg, trig.first)].lower not in _ORPHAN_BARRIERS)  # "two days before X"
        if not (same or orphan):
            continue
        dist = 1 if fronted else (d.first - trig.last if d.first > trig.last else trig.first - d.last)
        if not same:
            dist += 20  # a detached expression: only when the clause has none
        if _between(triggers, trig.first, d.first, trig, trig.etype in SPEECH_TYPES) and not fronted:
            continue  # "X said Y met on Tuesday": Tuesday dates the meeting, not the speech
        if d.first > trig.last and _new_subject_between(toks, trig.last + 1, d.first):
            continue  # "repeal the martial law he imposed on December 3": the date is the imposing's
        if d.first > trig.last and gerund_between(toks, trig.last + 1, d.first):
            continue  # "is charged with gunning down X last fall": the date is the gunning's
        if d.last < trig.first and _contact_clause_before(toks, d, trig):
            continue  # "the cabinet he unveiled on Sunday sparked criticism": Sunday is the unveiling's
        if _in_apposition(d, trig, toks, dated):
            continue  # "Braga Netto, running mate in 2022, received 26 years": the year describes the man
        if (_premodifier(d, toks) and not _modified(trig, d, toks) and not (_possessive(d, toks) and trig.first > d.last)
                and not _at_dated_occasion(trig, d, toks, triggers)):
            continue  # "the 1996 Olympic bombing": the year belongs to the noun it modifies
        if trig.etype in SPEECH_TYPES and not _business_news(trig, toks):
            if d.precision not in ("day", "week") or (dist > 5 and not fronted and not _closes_speech_clause(
                    trig, d, toks, triggers, published)):
                continue  # "said he had served since 2018": the date is not the speech's
            if fronted and len(toks) - trig.last <= 3 and _between(triggers, d.first, trig.first, trig):
                continue  # "Last week, X asked Y to help, officials said.": the date is the report's
            if d.last < trig.first and not fronted and trig.first - d.last > 2:
                continue  # "... at 10 p.m. Wednesday, police said": the date is the reported event's
            if d.first > trig.last and any(toks[k].lower in PRONOUNS for k in range(trig.last + 1, d.first)):
                continue  # "said it was informed Friday": the date is the reported clause's
            close_after = 0 < d.first - trig.last <= 3  # "said at Monday's ceremony"
            if not close_after and not fronted and _owned_elsewhere(d, trig, triggers, seg):
                continue
        elif _owned_elsewhere(d, trig, triggers, seg) and _speech_adjacent(d, triggers):
            continue
        if dist < best_d:
            best, best_d = d, dist
    return best


# Words that open a clause of its own inside a speech verb's complement ("said that ...", "said X, when ..."), or
# make it a plan ("said X will ..."): a date after them is that clause's.
_COMPLEMENT_CLAUSE = frozenset({",", ";", ":", "—", "(", "that", "when", "after", "before", "since", "until", "while",
                                "because", "which", "who", "where", "and", "but", "will", "would", "should", "could",
                                "may", "might", "must", "to", "expected", "plans"})
_CLAUSE_END = frozenset({",", ".", ";", ":", "—", "(", "\"", "”"})


def _closes_speech_clause(trig: Trigger, d: Dated, toks: list[Token], triggers: list[Trigger],
                          published: datetime.date | None) -> bool:
    """True for a past day ending a speech verb's clause whose complement names no event of its own ("declared
    the outbreak a global emergency on Wednesday", "said the toll had passed 1,400 on Tuesday"): no other event
    of the clause can take the day, so it dates the speech."""
    if trig.noun or d.first <= trig.last or d.first - trig.last > 12 or d.precision != "day":
        return False
    if published is not None and d.date > published:
        return False  # a speech already made: a later day is what it reports
    if d.last + 1 < len(toks) and toks[d.last + 1].text not in _CLAUSE_END:
        return False  # the clause goes on past the day
    before = d.first - 1 if toks[d.first - 1].lower in ("on", "at") else d.first
    if toks[before - 1].lower.endswith(("ed", "ing")):
        return False  # "reported sales for the quarter ended Sept. 29": the day describes the quarter
    if any(toks[k].lower in _COMPLEMENT_CLAUSE for k in range(trig.last + 1, d.first)):
        return False
    if _between(triggers, trig.last, d.first, trig):
        return False  # "said the attack happened on Monday": the day is the reported event's
    # Either no reported clause ("declared the outbreak an emergency on Wednesday") or one that only gives a
    # figure as of that day ("said the toll had passed 1,400 on Tuesday"); not "said the flood cut the road Tuesday".
    return toks[before - 1].text[:1].isdigit() or not any(
        _finite(toks, k) for k in range(trig.last + 1, d.first))


def _finite(toks: list[Token], k: int) -> bool:
    """True for a token that makes a clause of its own: an auxiliary, a past form, or an -ed verb after a noun
    (not "the confirmed cases")."""
    w = toks[k].lower
    if w in AUXILIARIES or w in _PAST_FORMS:
        return True
    return w.endswith("ed") and k > 0 and toks[k - 1].lower not in DETERMINERS and toks[k - 1].lower != "of"


_ISSUED = frozenset({"read", "sent", "issued", "released", "posted", "published", "delivered", "made",
                     "broadcast", "dated", "signed", "distributed", "carried", "aired"})


_MEDIA = frozenset({"message", "statement", "video", "interview", "speech", "post", "address", "letter", "release",
                    "briefing", "broadcast", "conference", "remarks"})


def _issued_date(trig: Trigger, dated: list[Dated], toks: list[Token]) -> Dated | None:
    """ "..., said a statement issued on Friday", "said a message that was read Wednesday night": the date of
    the text that speaks is the speech act's date."""
    for d in dated:
        gap = [t.lower for t in toks[trig.last + 1 : d.first] if t.text != ","]
        medium = gap[gap.index("in"):] if "in" in gap else []
        if medium and medium[-1] in ("on", "at"):
            medium = medium[:-1]
        if 2 <= len(medium) <= 6 and medium[1] in DETERMINERS and medium[-1] in _MEDIA and len(gap) <= 9:
            return d  # "claimed the attack in a video message Sunday": the message's day is the claim's
        if not 2 <= len(gap) <= 7 or gap[0] not in DETERMINERS:
            continue
        if gap[-1] == "on":
            gap = gap[:-1]
        if gap and gap[-1] in _ISSUED and all(w.isalpha() for w in gap):
            return d
    return None


# "the site of the shooting", "days before the bombing": a definite event noun after these recalls a known event.
_RECALLING = frozenset({"of", "before", "after", "since", "following"})


def _recalled(trig: Trigger, toks: list[Token]) -> bool:
    """True for "of the shooting", "before the vote": the noun names an event told before, not one dated here."""
    k = trig.first
    if not (trig.noun and k >= 2 and toks[k - 1].lower == "the" and toks[k - 2].lower in _RECALLING):
        return False
    nxt = toks[trig.last + 1].lower if trig.last + 1 < len(toks) else ""
    return not (nxt in _OWN_MODIFIER or nxt.endswith("ed"))  # "of the summit held on June 15" is dated


_OWN_MODIFIER = frozenset({"held", "on", "in", "at", "that", "which", "set", "due", "begun", "took"})


# "a custody battle since he was found on Nov. 25": the day a state began dates no event outside its clause.
_SINCE = frozenset({"since", "until"})
_PAST_AUXILIARIES = frozenset({"has", "have", "had"})


# Business news made public (guide rule 10): "a profit warning in September" is dated like any event, to its month.
_BUSINESS_NEWS = frozenset({"profit", "job", "layoffs", "guidance", "forecast", "results"})


def _business_news(trig: Trigger, toks: list[Token]) -> bool:
    """True for a noun naming results, guidance, a profit warning or job cuts: the announcement is that news,
    so its own date may be a month or a year, unlike a speech verb's."""
    return trig.noun and toks[trig.first].lower in _BUSINESS_NEWS


def _since_opening(toks: list[Token], d: Dated) -> bool:
    """True for a sentence opening "Since November 2023, ...": the guide dates what has gone on since then by
    that date ("since 2019" gives a year)."""
    return toks[0].lower == "since" and d.first == 1 and d.last + 1 < len(toks) and toks[d.last + 1].text == ","


def _perfect(trig: Trigger, toks: list[Token]) -> bool:
    """True for a verb in the perfect ("have targeted", "has been held")."""
    return not trig.noun and any(t.lower in _PAST_AUXILIARIES for t in toks[max(0, trig.first - 3) : trig.first])


def _past_verb(trig: Trigger, toks: list[Token]) -> bool:
    """True for a verb in the past or the perfect ("signed", "has invited"), not a passive or a plan."""
    if trig.noun or trig.first == 0:
        return False
    w, prev = toks[trig.first].lower, toks[trig.first - 1].lower
    if prev in ("be", "been", "being", "to", "will", "would", "could", "may", "might", "should", "is", "are"):
        return False  # "will be signed", "to be signed", "is expected": not yet
    return prev in _PAST_AUXILIARIES or (w.endswith("ed") and prev not in ("was", "were"))


def _without_bare_clock_times(dated: list[Dated]) -> list[Dated]:
    """Drop clock times that name no day ("at 10 p.m.", "at midnight on Thursday, March 5"): the tagger can
    only put them on the publication day, while the event's day is the date beside them or unknown."""
    return [d for d in dated if not (d.timex.type == "TIME" and _bare_clock(d.timex.text))]


def _bare_clock(text: str) -> bool:
    """True for a time of day with no day word ("10:35 a.m.", "midnight"), false for "Friday evening"."""
    words = text.lower().replace(".", " ").replace(",", " ").split()
    return not any(w in _DAY_WORDS or w in _MONTHS for w in words)


def _in_relative_clause(trig: Trigger, seg: list[int], toks: list[Token]) -> bool:
    """True when the trigger sits in a "which ..." or "who ..." clause."""
    start = clause_start(seg, trig.first)
    return start > 0 and toks[start].lower in RELATIVE


def _modified(trig: Trigger, d: Dated, toks: list[Token]) -> bool:
    """True when the trigger is what a premodifying date modifies ("Friday's devastating magnitude 7.9
    earthquake"), or a speech act at that dated occasion ("said at Monday's signing ceremony")."""
    if trig.noun and 0 <= trig.first - d.last <= 3:
        return True  # "the Dec. 21, 1988, bombing"
    if trig.noun and _noun_compound(toks[d.last + 1 : trig.first]):
        return True  # "an Aug. 10, 1988, stock purchase agreement": the date heads the whole noun phrase
    between = toks[d.last + 1 : trig.first]
    if (_possessive(d, toks) and 0 <= trig.first - d.last <= 6
            and not any(t.text == "," or t.lower in _FINITE_BEFORE for t in between)):
        return not toks[trig.first].lower.endswith("ed")  # "Friday's devastating magnitude 7.9 earthquake"
    return trig.etype in SPEECH_TYPES and 0 < d.first - trig.last <= 3


def _noun_compound(words: list[Token]) -> bool:
    """True for up to four lower-case modifiers (after an optional comma) between a premodifying date and
    its event noun ("stock purchase", "military", "Hamas-led"): one noun phrase, not a clause."""
    if words and words[0].text == ",":
        words = words[1:]
    return 0 < len(words) <= 4 and all(
        w.text.replace("-", "").isalpha() and w.text[:1].islower() and w.lower not in _NOT_MODIFIERS for w in words)


# Words that end a noun phrase or start a clause: a date before them is not the premodifier of what follows.
_NOT_MODIFIERS = DETERMINERS | AUXILIARIES | PRONOUNS | frozenset(
    {"and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "after", "before", "when",
     "which", "who", "that", "as", "said", "says", "will", "would"})


def _new_subject_between(toks: list[Token], lo: int, hi: int) -> bool:
    """True when a pronoun and its past-tense verb stand between two positions: a clause of its own."""
    for k in range(lo, hi - 1):
        w, nxt = toks[k].lower, toks[k + 1].lower
        if w in ("he", "she", "they", "it", "we", "i") and (nxt.endswith("ed") or nxt in _PAST_FORMS):
            return True
    return False


def _contact_clause_before(toks: list[Token], d: Dated, trig: Trigger) -> bool:
    """True when the date closes a relative clause with no "that" opening it right before the trigger ("the
    cabinet he unveiled late on Sunday sparked criticism"): a noun, a pronoun and its past verb, then the date."""
    for k in range(max(1, d.first - 8), d.first - 1):
        w, prev, verb = toks[k].lower, toks[k - 1], toks[k + 1].lower
        if (w in ("he", "she", "they", "it", "we") and (verb.endswith("ed") or verb in _PAST_FORMS)
                and prev.text.isalpha() and prev.text.islower() and prev.lower not in _NOT_A_NOUN
                and k + 1 != trig.first):
            return True
    return False


_NOT_A_NOUN = DETERMINERS | CLAUSE_WORDS | RELATIVE | AUXILIARIES | {"and", "or", "as", "said", "says", "than"}


_PAST_FORMS = IRREGULAR_PAST | {"was", "were", "had", "did"}  # the past of the auxiliaries too


def _in_apposition(d: Dated, trig: Trigger, toks: list[Token], dated: list[Dated]) -> bool:
    """True for a date inside ", ... ," right after a name, with the trigger outside: the apposition describes
    the name ("Gen. Braga Netto, Bolsonaro's former running mate in 2022, received 26 years")."""
    left = next((k for k in range(d.first - 1, max(-1, d.first - 12), -1) if toks[k].text == ","), None)
    right = next((k for k in range(d.last + 1, min(len(toks), d.last + 6)) if toks[k].text == ","), None)
    if left is None or right is None or left < 1 or left < trig.first <= right:
        return False
    if left + 1 == d.first and right == d.last + 1:
        return False  # ", Saturday,": the date alone between commas is an adverb of the clause
    opener = toks[left + 1]
    return (toks[left - 1].text[:1].isupper() and not opener.text[:1].isdigit()
            and opener.lower not in RELATIVE and opener.lower not in ("when", "where", "on", "in", "at")
            and not any(x.first <= left - 1 <= x.last for x in dated))


# Prepositions that put an event inside an occasion: "during Thursday's meeting", "in a 2021 coup".
_OCCASION_PREPS = frozenset({"at", "during", "in", "amid"})
_INVOLVEMENT_TYPES = frozenset({"arrest", "accusation"})  # charged, convicted, accused, sued "in" a past act


def _at_dated_occasion(trig: Trigger, d: Dated, toks: list[Token], triggers: list[Trigger]) -> bool:
    """True when the trigger's own phrase goes on into an occasion that a date premodifies ("agreed a ceasefire
    during Thursday's meeting", "seized power in a 2021 coup"): the guide's anchor, the event takes its date."""
    k = d.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS and not _possessive(d, toks):
        k -= 1  # "in a 2021 coup"; a possessive date is its own determiner ("during Thursday's meeting")
    if k <= trig.last or toks[k].lower not in _OCCASION_PREPS or k - trig.last > 5:
        return False
    if toks[k].lower == "in" and trig.etype in _INVOLVEMENT_TYPES:
        return False  # "agents charged in the Dec. 21, 1988, bombing": "in" names the crime, not the occasion
    gap = toks[trig.last + 1 : k]
    if any(t.text in _CLAUSE_END or t.lower in CLAUSE_WORDS or t.lower in _OCCASION_PREPS for t in gap):
        return False  # "signed the deal in Rome at Monday's summit" is fine; a clause or phrase between is not
    return not _between(triggers, trig.last, k, trig)


def _possessive(d: Dated, toks: list[Token]) -> bool:
    """True for a possessive date ("Sunday's", "last week's")."""
    return genitive(toks[d.last].lower) or (d.last + 1 < len(toks) and toks[d.last + 1].lower in ("'s", "’s"))


def _premodifier(d: Dated, toks: list[Token]) -> bool:
    """True for a time expression between a determiner and its noun ("that 1978 resolution"), or a possessive
    one ("Sunday's earthquake", "last week's quake"): it dates that noun only."""
    if _possessive(d, toks):
        return True
    if d.first == 0 or toks[d.first - 1].lower not in DETERMINERS:
        return False
    if d.timex.text.lower().startswith(("the", "this", "that")):
        return False
    k = d.last + 1
    if k < len(toks) and toks[k].text == ",":
        k += 1  # "the Dec. 21, 1988, bombing"
    return k < len(toks) and toks[k].text.isalpha()


def _speech_adjacent(d: Dated, triggers: list[Trigger]) -> bool:
    """True when the time expression sits right next to a speech act ("said on Friday", "Friday's statement")."""
    return any(t.etype in SPEECH_TYPES and (0 < d.first - t.last <= 2 or 0 < t.first - d.last <= 1) for t in triggers)


def _owned_elsewhere(d: Dated, trig: Trigger, triggers: list[Trigger], seg: list[int]) -> bool:
    """True when another trigger of the same clause is nearer to the time expression."""
    def dist(t: Trigger) -> int:
        return d.first - t.last if d.first > t.last else t.first - d.last
    mine = dist(trig)
    return any(t is not trig and seg[t.first] == seg[d.first] and dist(t) < mine for t in triggers)


def _between(triggers: list[Trigger], a: int, b: int, me: Trigger, any_type: bool = True) -> bool:
    """True when another trigger (any, or only a speech act) lies strictly between token positions a and b."""
    lo, hi = min(a, b), max(a, b)
    return any(lo < t.first < hi for t in triggers if t is not me and (any_type or t.etype in SPEECH_TYPES))


def event_date_of(ev: dict) -> EventDate:
    """The date fields of an extracted event."""
    return EventDate(ev["event_date"], ev["time_value"], ev["date_precision"], ev["date_basis"], ev["time_text"])


def anchor_references(toks: list[Token], triggers: list[Trigger], history: list[dict],
                      blocked: set[int]) -> dict[int, dict | None]:
    """Trigger positions that point back to an earlier dated occasion ("during the Washington meeting") -> it."""
    out: dict[int, dict | None] = {}
    for t in triggers:
        w = toks[t.first].lower
        if w not in _ANCHOR_NOUNS or not t.noun:
            continue
        j = t.first - 1
        steps = 0
        while j >= 0 and steps < 3 and toks[j].lower not in _ANCHOR_PREPS:
            j -= 1
            steps += 1
        if j < 0 or toks[j].lower not in _ANCHOR_PREPS:
            continue
        between = range(j + 1, t.first)
        if any(k in blocked for k in between):
            continue  # "at Monday's signing ceremony" has its own date
        definite = ("the", "that", "this", "last")
        if not any(toks[k].lower in definite or genitive(toks[k].lower) for k in between):
            continue
        same_type = [ev for ev in history if ev["event_type"] == t.etype and ev["date_precision"] == "day"]
        # "at the signing event" points back to a signing rather than to any agreement: same word stem first.
        stem = w[:4]
        same_word = [ev for ev in same_type if ev["trigger"].lower().startswith(stem)]
        out[t.first] = (same_word or same_type or [None])[0]  # the lead event of the article
    return out


# ---- Anchors inside one sentence: a clause that hangs from a dated event shares its day (guide: anchored events
# take the date of their anchor).

_OWN_DATE = frozenset({"explicit", "relative"})
_DATE_FIELDS = ("event_date", "time_value", "date_precision", "date_basis", "time_text")


def participle_governor(trig: Trigger, triggers: list[Trigger], toks: list[Token]) -> Trigger | None:
    """The event a present participle after a comma hangs from ("called for X on Monday, vowing to ...": the
    vowing is part of the calling): the nearest trigger before that comma, with no clause word between."""
    k = trig.first - 1
    if k < 1 or toks[k].text != "," or not toks[trig.first].lower.endswith("ing"):
        return None  # (the -ing form may be read as a noun: "vowing", "killing")
    nxt = toks[trig.last + 1].lower if trig.last + 1 < len(toks) else ""
    if nxt in AUXILIARIES or nxt.endswith("ed") or nxt in _PAST_FORMS:
        return None  # ", fighting resumed": the subject of a clause of its own
    before = [t for t in triggers if t.last < k]
    if not before:
        return None
    gov = max(before, key=lambda t: t.last)
    if _perfect(gov, toks):
        return None  # "have targeted ships since 2023, sinking two": a span's acts fall on days of their own
    if any(_opens_clause(toks, j) for j in range(gov.last + 1, k)):
        return None  # "said on Monday that the storm passed, leaving ...": the participle is the reported clause's
    return gov


_CLAUSE_OPENERS = frozenset({"which", "who", "when", "after", "before", "while", "because", "if", "as"})


def result_governor(trig: Trigger, triggers: list[Trigger], toks: list[Token]) -> Trigger | None:
    """The act whose object a ", which" clause goes on about in the simple past ("signed the Washington Treaty,
    which created NATO": the treaty did so when signed): the nearest trigger before, at most six words before
    the comma, with no clause word between."""
    k = trig.first - 1
    if k < 2 or toks[k].lower != "which" or toks[k - 1].text != ",":
        return None
    word = toks[trig.first].lower
    if not (word.endswith("ed") or word in _PAST_FORMS) or word in ("was", "were", "had"):
        return None  # "which was signed", "which had fallen": a state or a past before the act
    before = [t for t in triggers if t.last < k - 1 and k - 1 - t.last <= 6]
    if not before:
        return None
    gov = max(before, key=lambda t: t.last)
    if gov.noun or any(_opens_clause(toks, j) or toks[j].text == "," for j in range(gov.last + 1, k - 1)):
        return None
    return gov


def _opens_clause(toks: list[Token], j: int) -> bool:
    """True for a word opening a clause of its own; "that" only after a verb of saying ("said that"), not as a
    demonstrative ("revive that unit")."""
    w = toks[j].lower
    return w in _CLAUSE_OPENERS or (w == "that" and j > 0 and toks[j - 1].lower in _SPEECH_VERBS)


def share_governor_dates(triggers: list[Trigger], toks: list[Token], records: dict) -> None:
    """Give an undated participle the own day of the event it hangs from (records: (first, type) -> event)."""
    for trig in triggers:
        ev = records.get((trig.first, trig.etype))
        if ev is None or ev["date_basis"] in _OWN_DATE or ev["modality"] != "asserted":
            continue
        # The guide's unknown stays unknown ("which had fallen"), except for a ", which" clause in the simple past
        # on a dated act's object, which told_as_background reads as describing a thing: it is the act's result.
        gov = None if ev.get(GUIDE_UNKNOWN) else participle_governor(trig, triggers, toks)
        gov = gov or result_governor(trig, triggers, toks)
        head = records.get((gov.first, gov.etype)) if gov is not None else None
        if head is None or head["date_basis"] not in _OWN_DATE or head["modality"] != "asserted":
            continue
        ev.update(zip(_DATE_FIELDS, anchored(event_date_of(head))))
        ev.pop(GUIDE_UNKNOWN, None)


# Prepositions whose -ing object is an act of its own ("charged with killing", "accused of plotting").
_GERUND_PREPS = frozenset({"with", "of", "for"})


def gerund_between(toks: list[Token], lo: int, hi: int) -> bool:
    """True when a preposition and an -ing verb stand between positions lo and hi ("charged with gunning down X
    last fall", "accused of plotting a coup in 2022"): a time expression after them dates that act, not the
    trigger before them."""
    return any(toks[k].lower in _GERUND_PREPS and toks[k + 1].text.islower() and _gerund(toks[k + 1].text)
               for k in range(lo, hi - 1))  # lower case: "the city of Sagaing" is a name


def _gerund(word: str) -> bool:
    """True for an -ing verb form, not an -ing noun or word ("meeting", "building", "king")."""
    return len(word) > 5 and word.endswith("ing") and word not in _ING_NOUNS


_ING_NOUNS = frozenset({"meeting", "meetings", "briefing", "building", "funding", "hearing", "ceasefire", "evening",
                        "morning", "spring", "ruling", "housing", "clothing", "training", "shooting", "bombing",
                        "fighting", "killing", "warning", "uprising", "offering", "opening", "wedding", "setting",
                        "spending", "financing", "landing", "gathering", "signing", "sitting", "polling"})


# ---- One event told twice in an article: the mention with a time expression dates the others (guide: "when an
# article mentions the same event several times, the row uses the mention that carries its time expression").

_RETOLD_REACH = 600  # characters: a lead's event noun and the body sentence that dates it stand close


def dated_later_mention(events: list[dict]) -> None:
    """Give an undated event noun the own day of a later mention of the same event: the same noun and type,
    told with a time expression a few sentences on ("Terrorist bombings at two embassies ... The bombings
    occurred on Friday")."""
    for k, ev in enumerate(events):
        if ev["date_basis"] != "publication" or ev["modality"] != "asserted" or ev.get(GUIDE_UNKNOWN):
            continue
        word = ev["trigger"].lower()
        if ev["event_type"] in SPEECH_TYPES or word.endswith("ed") or word in _PAST_FORMS or " " in word:
            continue  # a verb tells its own act, a speech act its own occasion; only an event noun is told again
        later = next((o for o in events[k + 1:] if o["trigger"].lower() == word and o["event_type"] == ev["event_type"]
                      and o["evidence_start"] > ev["evidence_end"]
                      and o["evidence_start"] - ev["evidence_end"] <= _RETOLD_REACH), None)
        if later is None or later["date_basis"] not in _OWN_DATE or later["date_precision"] != "day":
            continue
        ev.update(zip(_DATE_FIELDS, anchored(event_date_of(later))))


# ---- One death, one day: a named person is killed once, so an undated telling of that death takes the day of a
# dated attack on the same person in the article (guide: anchored events; one event told several times).

_FATAL = frozenset({"killed", "killing", "slain", "slaying", "murdered", "murder", "assassinated", "assassination",
                    "died", "death"})
_HARM_TYPES = frozenset({"attack", "other"})
_NOT_NAMES = frozenset({"The", "This", "That", "After", "Before", "When", "While", "Police", "Officials", "Mrs", "Gen",
                        "Col", "Sgt", "Rev", "Her", "His", "And", "But"})


def same_victim_dated(events: list[dict]) -> None:
    """Date an undated death of a named person ("a sniper killed Dr. Barnett Slepian", "before Slepian died") by
    the article's dated attack on that person ("Slepian was shot on Friday night", "the Oct. 23 slaying of Slepian")."""
    dated = [(o, _victims(o)) for o in events if o["event_type"] in _HARM_TYPES and o["date_basis"] in _OWN_DATE
             and o["date_precision"] == "day" and o["modality"] == "asserted"]
    if not dated:
        return
    for ev in events:
        if (ev["event_type"] not in _HARM_TYPES or ev["date_basis"] != "publication" or ev["modality"] != "asserted"
                or not _fatal(ev)):
            continue
        names = _victims(ev)
        source = next((o for o, victims in dated if names & victims), None) if names else None
        if source is not None:
            ev.update(zip(_DATE_FIELDS, anchored(event_date_of(source))))
            ev.pop(GUIDE_UNKNOWN, None)


def _fatal(ev: dict) -> bool:
    """True for a trigger that tells a death ("killed", "slaying", "died", "shot to death")."""
    word = ev["trigger"].lower()
    after = ev["evidence"][ev["trigger_end"] - ev["evidence_start"]:][:10].lower()
    return word in _FATAL or (word == "shot" and after.startswith((" to death", " dead")))


def _victims(ev: dict) -> frozenset[str]:
    """Capitalised names where the victim stands: after an active verb or noun ("killed Dr. Barnett Slepian",
    "slaying of Slepian"), before a passive or "died" ("Slepian ... was shot")."""
    text, at = ev["evidence"], ev["trigger_start"] - ev["evidence_start"]
    end = at + len(ev["trigger"])
    before = text[max(0, at - 60):at].split()
    passive = bool(before) and before[-1].lower() in ("was", "were", "been", "being") or ev["trigger"].lower() == "died"
    words = text[:at].split() if passive else text[end:end + 40].split()  # the passive's subject opens the sentence
    return frozenset(w.strip(".,;:'’s") for w in words
                     if w[:1].isupper() and len(w.strip(".,;:'’s")) >= 3 and w.strip(".,;:'’s") not in _NOT_NAMES
                     and w.strip(".,;:'’s").lower() not in _MONTHS and w.strip(".,;:'’s").lower() not in _DAY_WORDS)


# ---- A toll told after its attack: "At least 82 were killed, officials said Saturday" counts the dead of the
# bombing just told, so it takes the bombing's day, not the day of the report (guide: anchored events).

_TOLL = frozenset({"killed", "injured", "wounded"})
_TOLL_REACH = 500  # characters back to the attack whose dead are counted


def toll_of_told_attack(events: list[dict]) -> None:
    """Give a passive toll with no date of its own ("were killed", dated at most by the speech act that reports
    it) the day of the attack the article told just before it."""
    last_attack: dict | None = None
    for ev in events:
        if ev["event_type"] != "attack":
            continue
        if _passive_toll(ev) and ev["date_basis"] in ("publication", "anchored") and ev["modality"] == "asserted":
            if (last_attack is not None and ev["trigger_start"] - last_attack["trigger_end"] <= _TOLL_REACH
                    and last_attack["event_date"] != ev["event_date"]):
                ev.update(zip(_DATE_FIELDS, anchored(event_date_of(last_attack))))
                ev.pop(GUIDE_UNKNOWN, None)
            continue
        if ev["date_precision"] == "day" and ev["date_basis"] in ("explicit", "relative", "anchored") and (
                ev["modality"] == "asserted"):
            last_attack = ev


def _passive_toll(ev: dict) -> bool:
    """True for "were killed", "was wounded": a simple past passive toll, not "have been killed" (a perfect)."""
    if ev["trigger"].lower() not in _TOLL:
        return False
    before = ev["evidence"][: ev["trigger_start"] - ev["evidence_start"]].split()
    return bool(before) and before[-1].lower() in ("was", "were")


# ---- The occasion the previous sentence dated, carried by what ties an act to it (guide: anchored events).

# Acts told as speech (guide, decision rule 2: a refusal, a warning, a demand, a promise): made by the speaker
# of a dated speech act in the next sentence, they belong to the same occasion ("They refused to give details").
_VERBAL_ACTS = frozenset({"rejection", "threat", "request", "accusation", "pledge"})
# Adverbs that put an act right after the one just told ("The administration immediately said ...").
_AT_ONCE = frozenset({"immediately", "promptly", "swiftly", "instantly"})


def same_occasion(prev_day, trig: Trigger, toks: list[Token], actors: list[str]) -> EventDate | None:
    """The previous sentence's dated occasion (a discourse.Continued) for an undated act it ties to: a reaction
    told "immediately", or a verbal act of the speaker just quoted on a dated day; else None."""
    if any(t.lower in _AT_ONCE for t in toks[max(0, trig.first - 2) : trig.first]):
        day = prev_day.occasion or prev_day.speech
        return anchored(day) if day is not None and day.date_precision == "day" else None
    speech = prev_day.speech
    if trig.etype in SPEECH_TYPES and speech is not None and speech.date_precision == "day" and _unnamed_spokesman(
            trig, toks):
        return anchored(speech)  # "A Pentagon spokesman said Thursday ... '...,' said spokesman Kenneth Bacon."
    if (trig.etype in _VERBAL_ACTS and not trig.noun and speech is not None and prev_day.speaker and actors
            and any(_shares_word(a, prev_day.speaker) for a in actors)):
        return anchored(speech)
    return None


def _shares_word(a: str, b: str) -> bool:
    """True when two names share a capitalised word ("Tanzanian police" and "Tanzanian police officers")."""
    return bool({w for w in a.split() if w[:1].isupper()} & {w for w in b.split() if w[:1].isupper()})


def perfect_with_anchor(triggers: list[Trigger], toks: list[Token], records: dict) -> None:
    """Date a present perfect by the dated act of its own "after"/"when" clause ("have been accepted as members
    after the upper house voted"): the guide calls only the present perfect with no anchor unknown."""
    for trig in triggers:
        ev = records.get((trig.first, trig.etype))
        if ev is None or ev["date_basis"] != "publication" or not present_perfect(trig, toks):
            continue
        for other in triggers:
            if other.first <= trig.last or other.first - trig.last > 24:
                continue
            link = next((j for j in range(other.first - 1, trig.last, -1) if toks[j].lower in ("after", "when")), None)
            anchor = records.get((other.first, other.etype))
            if (link is None or other.first - link > 10 or anchor is None
                    or anchor["date_basis"] not in _OWN_DATE | {"anchored"} or anchor["date_precision"] != "day"):
                continue
            if any(toks[j].text in (".", ";") for j in range(trig.last + 1, link)):
                continue
            ev.update(zip(_DATE_FIELDS, anchored(event_date_of(anchor))))
            ev.pop(GUIDE_UNKNOWN, None)
            break


_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _unnamed_spokesman(trig: Trigger, toks: list[Token]) -> bool:
    """True for a speech verb whose speaker is introduced by a bare spokesperson title ("said spokesman Kenneth
    Bacon"): the voice of the body quoted just before, on its occasion, not a new source; a title with a body of
    its own ("State Department spokesman James Rubin") is another voice."""
    k = trig.last + 1
    return k < len(toks) and toks[k].lower in _SPOKES  # the title right after the verb has no body before it


# ---- A lead that sums up the quotation the next sentence dates: "..., the leadership warned. 'Nothing is
# certain,' said a government communique, read Wednesday night" is one statement (guide: one per speaker and
# occasion; the row uses the mention that carries the time expression).

_QUOTE_OPENERS = ("\"", "“", "``", "''", "'", "‘")


def lead_quoted_next(events: list[dict]) -> None:
    """Give the lead's undated speech act the own day of the next sentence's speech act when that sentence opens
    with the quotation it sums up."""
    if not events:
        return
    starts = sorted({ev["evidence_start"] for ev in events})
    if len(starts) < 2:
        return
    lead = [ev for ev in events if ev["evidence_start"] == starts[0]]
    quoted = [ev for ev in events if ev["evidence_start"] == starts[1] and ev["event_type"] in SPEECH_TYPES
              and ev["evidence"].lstrip().startswith(_QUOTE_OPENERS) and ev["date_basis"] in _OWN_DATE
              and ev["date_precision"] == "day" and ev["modality"] == "asserted"]
    if not quoted:
        return
    for ev in lead:
        if (ev["date_basis"] == "publication" and ev["modality"] == "asserted" and not ev.get(GUIDE_UNKNOWN)
                and (ev["event_type"] in SPEECH_TYPES or ev["event_type"] in _VERBAL_ACTS)
                and ev["trigger"].lower() not in _NOUN_ACTS):
            ev.update(zip(_DATE_FIELDS, anchored(event_date_of(quoted[0]))))


_NOUN_ACTS = frozenset({"statement", "warning", "threat", "threats", "demand", "request", "appeal", "pledge"})
