"""One row per distinct event per article: an article's repeated mentions of one event folded into one."""

from __future__ import annotations

import datetime

from transforms.events.actors import TITLES
from transforms.events.event_types import SPEECH_TYPES

# Marks an agent carried over from the article's earlier attacks, not named in the mention's own clause; the
# extractor sets it, folding reads it and drops it (the mentions table has no such column).
CARRIED_AGENT = "_agent_carried"

# What a date rests on, best first: the folded row keeps the mention that carries the event's own date.
_BASIS_RANK = {"explicit": 0, "relative": 0, "anchored": 2, "publication": 3, "unknown": 4}
_ENDINGS = ("ation", "als", "al", "ings", "ing", "ies", "es", "ed", "s")
# Among mentions whose dates rest on the same kind of ground, the finer date names the event's own day.
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def fold_repeats(events: list[dict]) -> list[dict]:
    """The article's events with repeated mentions of one event folded into the mention that carries its date
    (the earliest such mention); each row gets `mention_count`, the number of mentions it stands for."""
    kept: list[dict] = []
    for ev in sorted(events, key=lambda e: (_BASIS_RANK.get(e.get("date_basis"), 5), _precision_rank(e),
                                            e["trigger_start"])):
        same = next((k for k in kept if _same_event(k, ev)), None)
        if same is None:
            kept.append({**ev, "mention_count": 1})
        else:
            same["mention_count"] += 1
            same["recipient"] = same["recipient"] or ev["recipient"]
            if not _named(same) and _named(ev):  # the agent named by another mention
                same.update({k: ev[k] for k in ("actors", "actor_codes", "actor_kinds") if k in ev})
                same.pop(CARRIED_AGENT, None)
    for ev in kept:
        ev.pop(CARRIED_AGENT, None)
    return sorted(kept, key=lambda e: e["trigger_start"])


def _precision_rank(ev: dict) -> int:
    """How fine a mention's own date is; a publication day (dated or, for a class the guide calls unknown, empty)
    is no date of the mention's own, so the article's first such mention stands for the event."""
    if ev.get("date_basis") == "publication":
        return 4
    return _PRECISION_RANK.get(ev.get("date_precision"), 4)


def _same_event(a: dict, b: dict) -> bool:
    """True when `b` mentions the event of `a` again: same type and trigger word, dates and parties that agree."""
    if a["event_type"] != b["event_type"]:
        return False
    if a["event_type"] not in SPEECH_TYPES and _stem(a["trigger"]) != _stem(b["trigger"]) and not (
            _back_reference(a) or _back_reference(b) or _one_occasion(a, b)):
        return False  # a speaker's remarks on one occasion are one statement whatever the verb
    if a["modality"] != b["modality"] or _another(b) or _another(a):
        return False
    return _dates_agree(a, b) and _parties_agree(a, b)


# Types whose mentions by one party are one occasion whatever the word (class P3-F1): the parties' deal is "the
# deal", "the agreement", "agreed on the text"; their talks are "met", "their meeting", "discussed". Attacks,
# resignations and votes are not here: an article tells several of them by one party (measured: recall fell).
_ONE_OCCASION = frozenset({"agreement", "meeting"})


def _one_occasion(a: dict, b: dict) -> bool:
    """True when two agreement or meeting mentions each name their own agents and share one: the parties' one
    deal or one meeting told in other words (dates, modality and "another" are checked by the caller)."""
    return a["event_type"] in _ONE_OCCASION and bool(_named(a)) and bool(_named(b)) and _share_name(
        a["actors"], b["actors"])


def _back_reference(ev: dict) -> bool:
    """True for "the deal", "the embattled acquisition" with no date, agent or patient of its own: a definite
    noun that names an event the article told in other words ("agreed to buy ... the deal")."""
    if ev.get("date_basis") not in ("publication", "unknown") or ev["actors"] or ev["recipient"]:
        return False
    words = ev["evidence"][: ev["trigger_start"] - ev["evidence_start"]].lower().split()[-3:]
    return " " not in ev["trigger"].strip() and bool(words) and (
        words[-1] in ("the", "this", "that") or (len(words) > 1 and words[-2] in ("the", "this", "that")))


def _another(ev: dict) -> bool:
    """True for "a second lawsuit", "another attack", "new strikes": the article counts a further event."""
    words = ev["evidence"][: ev["trigger_start"] - ev["evidence_start"]].lower().replace(",", " ").split()[-8:]
    return any(w in _FURTHER for w in words)


_FURTHER = frozenset({"also", "second", "third", "fourth", "another", "new", "fresh", "further", "other", "separate", "latest"})


def _dates_agree(a: dict, b: dict) -> bool:
    """True when one mention is undated or both name the same period."""
    undated = ("publication", "unknown")
    if a.get("date_basis") in undated or b.get("date_basis") in undated:
        return True
    if (a.get("event_date"), a.get("date_precision")) == (b.get("event_date"), b.get("date_precision")):
        return True
    return _within(a, b) or _within(b, a)


def _within(coarse: dict, fine: dict) -> bool:
    """True when a day lies in a mention's week, month or year ("last week's earthquake" and "the earthquake
    struck last Friday" are one event)."""
    start, day = coarse.get("event_date"), fine.get("event_date")
    if not isinstance(start, datetime.date) or not isinstance(day, datetime.date) or fine.get("date_precision") != "day":
        return False
    precision = coarse.get("date_precision")
    if precision == "week":
        return 0 <= (day - start).days < 7
    if precision == "month":
        return (day.year, day.month) == (start.year, start.month)
    return precision == "year" and day.year == start.year


def _parties_agree(a: dict, b: dict) -> bool:
    """True when both name an agent in common, or (but for speech: one statement per speaker) one names none;
    never for two different patients."""
    if a["event_type"] in SPEECH_TYPES:
        return _share_name(a["actors"], b["actors"])
    if a["recipient"] and b["recipient"] and not _share_name(a["recipient"], b["recipient"]):
        return False  # "X received 21 years", "Y got 19 years": one verdict, two sentences
    return not _named(a) or not _named(b) or _office_only(a) or _office_only(b) or _share_name(
        a["actors"], b["actors"])


def _office_only(ev: dict) -> bool:
    """True when a mention's one agent is an office, not a name ("the PM has quit", "the chief executive
    resigned"): it names no one of its own, so it may be the person another mention names (class P4-F2)."""
    return len(ev["actors"]) == 1 and all(w in TITLES or w in _OFFICES for w in ev["actors"][0].lower().split())


# Offices written as abbreviations or nouns that are no title before a name.
_OFFICES = frozenset({"pm", "ceo", "executive", "chairman", "chairwoman", "chairperson", "boss"})


def _share_name(these: list[str], those: list[str]) -> bool:
    """True when a name of one list is a name of the other, or holds all its words ("CEO Carlos Tavares" and
    "Carlos Tavares" are one person)."""
    words = [frozenset(n.lower().split()) for n in those]
    return any(w and v and (w <= v or v <= w) for n in these for v in [frozenset(n.lower().split())] for w in words)


def _named(ev: dict) -> list[str]:
    """The agents a mention names itself (none when they were carried over from earlier attacks)."""
    return [] if ev.get(CARRIED_AGENT) else ev["actors"]


def _stem(trigger: str) -> str:
    """A trigger's first word without its inflection ("attacks" -> "attack", "killing" -> "kill")."""
    word = trigger.lower().split()[0] if trigger.strip() else ""
    for end in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 4:
            word = word[: -len(end)]
            break
    return _SAME_WORD.get(word, word)


# Words that name one kind of event the same way ("the quake" is "the earthquake"; class P4-F1: one person's
# "quit", "stepped down" and "resigned" are one resignation).
_SAME_WORD = {"quake": "earthquake", "quit": "resign", "stepp": "resign", "step": "resign"}
