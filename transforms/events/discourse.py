"""Article-level rules: one event per mention of a new event, one statement per speaker and occasion."""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.events import dating
from transforms.events.actors import ORGANISATION_WORDS  # which names are institutions, not people
from transforms.events.dating import EventDate, event_date_of
from transforms.events.event_types import SPEECH_TYPES
from transforms.events.tokens import LOWER, genitive


# "the second lawsuit", "another strike": one more event of a series the article told before.
_SERIES = frozenset({"second", "third", "fourth", "fifth", "another", "next"})


def in_series(toks, trig) -> bool:
    """True for an event noun counted as the next of a series ("The second lawsuit was filed") (class E23)."""
    return trig.first > 0 and toks[trig.first - 1].lower in _SERIES


def told_again(toks, trig) -> bool:
    """True for a speech noun opening its sentence as "The announcement came ...": the act just told (class E27)."""
    return (trig.etype in SPEECH_TYPES and trig.first == 1 and toks[0].lower == "the"
            and trig.last + 1 < len(toks) and toks[trig.last + 1].lower not in ("of", "by", "from"))


class Continued(NamedTuple):
    """What a sentence leaves open for the next one: its dated occasion and its dated speech act."""

    occasion: EventDate | None
    meeting: bool  # the occasion is a meeting, so a following speech act may belong to it
    speech: EventDate | None
    speaker: str | None = None  # who made the dated speech act
    parties: frozenset[str] = frozenset()  # who took part in the occasion
    kind: str | None = None  # the occasion's event type

    def date_for(self, speech: bool, actors: list[str] = ()) -> EventDate | None:
        """The date a following undated event continues: a speech act continues the same speaker's
        speech ("X said Friday ... X said") or a meeting; another speaker's quote is not dated by it."""
        if not speech:
            return self.occasion
        if self.speech is not None and not _new_source(actors, self.speaker):
            return self.speech
        return self.occasion if self.meeting else None


def lasting(toks, trig) -> bool:
    """True for a noun that a duration qualifies ("their two-and-a-half-year war", "a decades-long conflict"):
    a state over a period, which the previous sentence's day does not date."""
    if not trig.noun or trig.first == 0:
        return False
    word = toks[trig.first - 1].lower
    if word.endswith(("-year", "-month", "-week", "-day", "-long", "-decade")):
        return True
    # "four years of civil war", "two weeks of bitter divisions and fractious negotiations"
    if _SPAN_PLURALS.isdisjoint(map(LOWER, toks[max(0, trig.first - 7) : trig.first - 1])):
        return False  # no period word before the noun, as for most nouns
    return any(toks[k].lower == "of" and toks[k - 1].lower in _SPAN_PLURALS
               for k in range(max(1, trig.first - 6), trig.first))


_SPAN_PLURALS = frozenset({"days", "weeks", "months", "years", "decades"})


def _new_source(actors: list[str], speaker: str | None) -> bool:
    """True for a speaker introduced by full name who is not the one just quoted ("..., said Walter Rowe"):
    a new source is quoted when the story is written, not on the day of the previous speaker's remarks."""
    if not actors or not speaker or any(_same_person(a, speaker) for a in actors):
        return False
    words = actors[0].split()
    return words[0][:1].isupper() and words[0].isalpha() and not any(w.lower() in ORGANISATION_WORDS for w in words)



def _same_person(a: str, b: str) -> bool:
    """True when two actor names share their last word ("Lena Ortiz" and "Ortiz")."""
    return a.split()[-1].lower() == b.split()[-1].lower()


# News media quoted as sources: "Reuters reported" is sourcing, not a statement by a party to the news.
MEDIA = frozenset({
    "afp", "reuters", "ap", "associated press", "bbc", "cnn", "xinhua", "nhk", "bloomberg", "al jazeera", "ndtv",
    "kyodo", "yonhap", "tass", "interfax", "ria novosti", "anadolu", "dpa", "efe", "ansa", "the new york times",
    "new york times", "the washington post", "washington post", "the guardian", "financial times",
    "wall street journal", "the wall street journal", "axios", "politico",
})


_SOURCE_ADVERBS = ("", "also ", "previously ", "earlier ", "first ", "later ", "had ", "has ", "have ")


def drop_media_statements(events: list[dict], text: str) -> list[dict]:
    """Drop statements whose speaker is a news outlet ("Reuters reported", "said Xinhua")."""
    def by_media(e: dict) -> bool:
        if e["event_type"] != "statement" or not e["actors"] or e["actors"][0].lower() not in MEDIA:
            return False
        around = text[max(0, e["trigger_start"] - 40) : e["trigger_end"] + 40].lower()
        name = e["actors"][0].lower()
        # The outlet must be the subject next to the verb ("the BBC also reported"), not the one spoken to ("told the AP").
        verb = e["trigger"].lower()
        return any(f"{name} {adverb}{verb}" in around for adverb in _SOURCE_ADVERBS) or f"{verb} {name}" in around
    return [e for e in events if not by_media(e)]


# "said Craig Kloner, an analyst at ...", "Pierre Panet-Raymond, an analyst and broker with ...": the speaker's title.
_ANALYST = re.compile(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}analyst\b", re.IGNORECASE)


def drop_analyst_commentary(events: list[dict]) -> list[dict]:
    """Drop statements whose speaker the sentence introduces as an analyst (guide, What is an event: analysts'
    commentary is no event): "'They have to tighten their belts,' said Craig Kloner, an analyst at Goldman"."""
    def analyst(e: dict) -> bool:
        if e["event_type"] != "statement" or not e["actors"]:
            return False
        name = e["actors"][0].split()[-1]
        at = e["evidence"].find(name)
        return at >= 0 and _ANALYST.match(e["evidence"], at + len(name)) is not None
    return [e for e in events if not analyst(e)]


def drop_back_references(events: list[dict], text: str) -> list[dict]:
    """Drop "the ceasefire", "the deal" with no date of their own when the article already has that type of event."""
    seen: set[str] = set()
    out = []
    for ev in events:
        etype = ev["event_type"]
        before = text[max(0, ev["trigger_start"] - 12) : ev["trigger_start"]].lower().split()
        definite = bool(before) and (before[-1] == "the" or genitive(before[-1])
                                     or _demonstrative(text[max(0, ev["trigger_start"] - 24) : ev["trigger_start"]].split()))
        if (etype in seen and definite and ev["date_basis"] not in ("explicit", "relative")
                and ev["trigger"][:1].islower() and not ev["trigger"].endswith("ed")):
            continue
        seen.add(etype)
        out.append(ev)
    return out


# "that" opens a clause as often as it points back ("revealed that recruitment has begun"): only a sentence's
# opening "That" points back for sure.
_DEMONSTRATIVES = frozenset({"this", "these", "those", "This", "These", "Those", "That"})


def _demonstrative(before: list[str]) -> bool:
    """True for a noun after "this", "these", "those", an opening "That", or one plain adjective after them
    ("That rare plea"): it points back to an event the article has told (guide: one row per distinct event),
    unless it counts a new one ("this second attack")."""
    if not before:
        return False
    if before[-1] in _DEMONSTRATIVES:
        return True
    return len(before) >= 2 and before[-2] in _DEMONSTRATIVES and before[-1].isalpha() and before[-1] not in _SERIES


def same_speaker_same_occasion(events: list[dict]) -> None:
    """An undated statement of a speaker already quoted on a given day continues that occasion."""
    dated: dict[str, dict] = {}
    for ev in events:
        if ev["event_type"] != "statement" or not ev["actors"]:
            continue
        speaker = ev["actors"][0].split()[-1]
        own_day = ev["date_basis"] in ("explicit", "relative") and ev["date_precision"] == "day"
        if own_day and ev["modality"] == "asserted":
            dated[speaker] = ev
        elif ev["date_basis"] == "publication" and speaker in dated:
            ev.update(zip(("event_date", "time_value", "date_precision", "date_basis", "time_text"),
                          dating.anchored(event_date_of(dated[speaker]))))


_BASIS_RANK = {"explicit": 0, "relative": 0, "anchored": 1, "publication": 2, "unknown": 3}


def one_statement_per_occasion(events: list[dict]) -> list[dict]:
    """One statement per speaker and day: undated repeats ("X said") fold into the best-dated mention."""
    best: dict[tuple, dict] = {}
    for ev in events:
        if ev["event_type"] == "statement" and ev["actors"]:
            key = (ev["actors"][0].split()[-1], ev["event_date"])  # "Lena Ortiz" and later "Ortiz"
            cur = best.get(key)
            if cur is None or _BASIS_RANK[ev["date_basis"]] < _BASIS_RANK[cur["date_basis"]]:
                best[key] = ev
    keep = {id(e) for e in best.values()}
    return [
        e for e in events
        if e["event_type"] != "statement" or not e["actors"] or id(e) in keep or _BASIS_RANK[e["date_basis"]] == 0
    ]


# Verbs that only attribute what follows to a source.
_SOURCING = frozenset({"said", "says", "say", "told", "tells", "confirmed", "confirms", "reported", "reports",
                       "added", "adds"})


def drop_sourcing(events: list[dict]) -> list[dict]:
    """Drop one sentence's plain sourcing (guide: "the ministry said the minister left" is not an event): a bare
    "said" or "reported" beside an event of another type that the speaker did not do, or with no speaker at all."""
    def sourcing(e: dict) -> bool:
        if e["event_type"] == "statement" and not e["actors"] and _impersonal(e):
            return True  # "it is also noted that": no one speaks
        if e["event_type"] != "statement" or e["trigger"].lower() not in _SOURCING:
            return False
        if e["date_basis"] in ("explicit", "relative") or _quoting(e):
            return False  # "Trump said Friday": a dated occasion of speech; a quotation is the speaker's own words
        if not e["actors"]:  # "two people are reported missing"; "X accepted the resignation, the presidency said"
            return e["trigger"].lower() == "reported" or any(_reports("", o) for o in events if o is not e)
        others = [o for o in events if o is not e]
        own = any(_named_in(e["actors"][0], o["actors"]) for o in others)  # "X said it had agreed": X's own act
        return not own and any(_reports(e["actors"][0], o) for o in others)
    return [e for e in events if not sourcing(e)]


def _impersonal(ev: dict) -> bool:
    """True for an impersonal passive speech verb ("it is also noted that"): no one speaks."""
    at = ev["trigger_start"] - ev["evidence_start"]
    before = ev["evidence"][max(0, at - 16) : at].lower().split()
    before = [w for w in before if w not in ("also", "widely", "now", "still")]
    return before[-2:] in (["it", "is"], ["it", "was"]) or before[-3:] == ["it", "has", "been"]


def _quoting(ev: dict) -> bool:
    """True for a speech verb next to a quotation ("...,” Tedros told a press conference", "said: “...")."""
    at = ev["trigger_start"] - ev["evidence_start"]
    before, after = ev["evidence"][max(0, at - 40) : at], ev["evidence"][at : at + len(ev["trigger"]) + 4]
    return any(q in before or q in after for q in ("”", '"', "“"))


def _reports(speaker: str, other: dict) -> bool:
    """True when `other` is a fact the speaker only relays: asserted, of a non-speech type, not done by the
    speaker ("Ambrey said the missile hit the ship")."""
    if other["event_type"] in SPEECH_TYPES or other["modality"] != "asserted":
        return False
    return not _named_in(speaker, other["actors"] + other["recipient"])


def _named_in(name: str, names: list[str]) -> bool:
    """True when one of `names` shares a word with `name` ("Lecornu", "Sebastien Lecornu")."""
    mine = {w.lower() for w in name.split()}
    return any(mine & {w.lower() for w in n.split()} for n in names)
    return [e for e in events if not sourcing(e)]
