"""Rule-based event extraction: triggers, clauses, dates, modality, actors, places, quantities, per sentence."""

from __future__ import annotations

import datetime
from bisect import bisect_left
from itertools import compress
from operator import itemgetter

from transforms.collector import collector_paused
from transforms.datelines import date_line_head, is_filed_date, is_line_stamp
from transforms.events import dating
from transforms.events.actors import acronyms, find_entities
from transforms.events.coreference import ActorMemory, actor_kind, parties
from transforms.events.clauses import clause_end, clause_start, segments
from transforms.events.dating import Dated, EventDate, anchor_references, date_for, dated_expressions, event_date_of
from transforms.events.discourse import (
    Continued,
    drop_analyst_commentary,
    drop_back_references,
    drop_media_statements,
    drop_sourcing,
    in_series,
    lasting,
    told_again,
    one_statement_per_occasion,
    same_speaker_same_occasion,
)
from transforms.events.event_types import OCCASIONS, SPEECH_TYPES
from transforms.events.folding import CARRIED_AGENT, fold_repeats
from transforms.events.lexicon import AGENTLESS, BY_VOTERS, DETERMINERS, LEAVING_OFFICE, WORDS, cameo_and_plover
from transforms.events.modality import conjoined, modality
from transforms.events.places import event_place
from transforms.events.quantities import find_quantities
from transforms.events.roles import participants
from transforms.events.sentences import Sentence, not_reporting, split_sentences, subhead
from transforms.events.tokens import Token, genitive, tokenize
from transforms.events.triggers import (
    CANDIDATES,
    SENTENCE_CUES,
    Trigger,
    announced_back_reference,
    announced_noun,
    anonymous_speaker,
    announced_pledge,
    consequences,
    counted_force,
    definite_object,
    find_triggers,
    future_commitments,
    intended_act,
    has_force_unit,
    one_per_clause,
    pledged_actions,
    public_as_time,
    quotation,
    quoted_pledges,
    simple_past,
)
from transforms.timex import tag

EXTRACTOR_VERSION = "rules-1.1"  # #16: undated background and earlier-day stories (dates4), non-events and modality (realness4), held-out lexicon with CAMEO verbs (lexicon4), anchoring (anchor3), actor lists (actors4)

# Private marker: the mention is a verb in the simple past ("pleaded", "said"), which a next-day story tells
# of its own day; removed before the events leave the extractor.
_TOLD_PAST = "_told_past"
# Private marker: the mention is told at the report's own time: a verb in the simple present ("claims", "say") or
# a source quoted by the reporter ('"...," said X'); removed with _TOLD_PAST.
_REPORT_TIME = "_report_time"
_START, _LOWER = itemgetter(0), itemgetter(3)  # a Token's offset and lower-case form, read by C-level maps

# Private marker: a speech that makes public the speaker's own act (classes P3-N3, P3-N5), dropped after
# back-references.
_OWN_ACT = "_own_act"


def extract_events(text: str, published: datetime.date | None) -> list[dict]:
    """Every event mention in `text`, each dated against the publication day `published`."""
    return extract_dated(text, published)[0]


def extract_dated(text: str, published: datetime.date | None) -> tuple[list[dict], list[dict]]:
    """extract_events, and every day the text names (`day_mentions`), from one pass of the tagger."""
    events, days = _marked_events(text, published)
    for event in events:
        event.pop(CARRIED_AGENT, None)  # folding's private mark is no column of a mention
    return events, days


def extract_distinct(text: str, published: datetime.date | None) -> list[dict]:
    """One row per distinct event of `text`: its repeated mentions folded (`fold_repeats`), with a count."""
    return fold_repeats(_marked_events(text, published)[0])


def _marked_events(text: str, published: datetime.date | None) -> tuple[list[dict], list[dict]]:
    """The mentions and named days, a mention whose agent was carried from earlier attacks marked for folding."""
    if not text or not text.strip():
        return [], []
    with collector_paused():  # an article's many short-lived objects die with it
        return _extract_events(text, published)


def day_mentions(timexes: list) -> list[dict]:
    """Each date expression naming one calendar day, whether or not an event of ours is dated by it."""
    out = []
    for tx in timexes:
        res = dating.resolve(tx) if tx.type == "DATE" else None
        if res is not None and res[1] == "day":
            out.append({"day": res[0], "basis": dating.basis_of(tx), "time_text": tx.text,
                        "start": tx.start, "end": tx.end})
    return out


def _extract_events(text: str, published: datetime.date | None) -> tuple[list[dict], list[dict]]:
    """extract_dated on a non-blank text, with the collector paused."""
    if isinstance(published, datetime.datetime):
        published = published.date()  # a timestamp: its day is the publication day
    tokens = tokenize(text)
    starts = list(map(_START, tokens))
    # Our words cover the text and never cut a letter or digit run: the tagger splits them, not the text again.
    filed = _dateline_day(text, published)
    if filed is not None:  # the story's own day: relative dates and undated events count from it
        published = filed
    timexes = [tx for tx in tag(text, published, tokens) if tx.type in ("DATE", "TIME")]
    day_timexes = timexes
    timexes = [tx for tx in timexes if not is_line_stamp(text, tx.start, tx.end)]  # a stamp dates no event
    tx_starts = [tx.start for tx in timexes]
    cues = list(compress(range(len(tokens)), map(SENTENCE_CUES.__contains__, map(_LOWER, tokens))))
    events: list[dict] = []
    history: list[dict] = []  # dated events so far, for anchors
    memory = ActorMemory(tokens)  # who the article has named so far, for "he", "the group"
    prev_day: Continued | None = None  # the previous sentence's dated occasion
    plan: dict | None = None  # the latest plan dated to a day ("documents are expected to be signed on August 8")
    for sent in split_sentences(text):
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        if lo == hi or not_reporting(text, sent):
            continue
        a, b = bisect_left(tx_starts, sent.start), bisect_left(tx_starts, sent.end)
        c, d = bisect_left(cues, lo), bisect_left(cues, hi)
        if c == d:  # no trigger word: no event, but a past day may open the next sentence
            if a < b:
                left_open = _eventless_day(dated_expressions(tokens[lo:hi], timexes[a:b])[0], published)
                if left_open:
                    prev_day = left_open
            continue
        toks = tokens[lo:hi]
        found, left_open = _sentence_events(text, sent, toks, timexes[a:b], published, history, memory, prev_day,
                                            [k - lo for k in cues[c:d] if tokens[k].lower in CANDIDATES], events)
        if found or left_open:
            prev_day = left_open  # a sentence with no event leaves the occasion open
        plan = _scheduled(found, plan)
        if not subhead(text, sent):
            events.extend(found)  # a subhead's events are the body's: they only inform what follows
    events = drop_analyst_commentary(drop_media_statements(drop_back_references(events, text), text))
    events = [ev for ev in events if not ev.pop(_OWN_ACT, False)]
    _next_day_story(events)
    _earlier_days_story(events, published)
    for ev in events:
        ev.pop(_TOLD_PAST, None)
        ev.pop(_REPORT_TIME, None)
    _expand_acronyms(events, text)
    _canonical_names(events, memory)
    _bodies_left(events, memory)
    same_speaker_same_occasion(events)
    dating.dated_later_mention(events)
    dating.same_victim_dated(events)
    dating.toll_of_told_attack(events)
    dating.lead_quoted_next(events)
    return dating.settle_undated(dating.bound_events(one_statement_per_occasion(events))), day_mentions(day_timexes)


def _sentence_events(text: str, sent: Sentence, toks: list[Token], timexes: list, published,
                     history: list[dict], memory: ActorMemory,
                     prev_day: "Continued | None", candidates: list[int] | None = None,
                     told: list[dict] | None = None) -> tuple[list[dict], "Continued | None"]:
    """The events of one sentence (candidates: where its trigger words are, when already known; told: the
    article's events so far)."""
    dated, blocked = dated_expressions(toks, timexes)
    triggers = find_triggers(toks, blocked, candidates)
    quantities = find_quantities(toks, text, blocked) if triggers or has_force_unit(toks) else []
    triggers = counted_force(toks, triggers, quantities)
    if not triggers:
        return [], _eventless_day(dated, published)
    seg = segments(toks, blocked)
    triggers = one_per_clause(toks, consequences(toks, triggers), seg, dated)
    entities = find_entities(toks, 0, len(toks))
    cands = parties(toks, entities, memory)
    triggers = [t for t in triggers
                if not definite_object(toks, t, triggers) and not public_as_time(toks, t) and not intended_act(toks, t)]
    anchor_spans = anchor_references(toks, triggers, history, blocked)
    triggers = announced_noun(toks, [announced_pledge(toks, t) for t in triggers])
    triggers = pledged_actions(toks, quoted_pledges(toks, future_commitments(toks, triggers)))
    out: dict[tuple[int, str], dict] = {}
    speech_dates: list[EventDate] = []
    speakers: list[str | None] = []  # who made each dated speech act
    occasions: list[tuple[int, EventDate, bool, frozenset[str], str]] = []
    verb_mods: dict[int, str] = {}  # the sentence's verb triggers read so far -> modality, for "and sworn in"
    # Speech acts first: an undated event they report takes their date ("announced Thursday it has agreed").
    for trig in sorted(triggers, key=lambda t: t.etype not in SPEECH_TYPES):
        if trig.first in anchor_spans and anchor_spans[trig.first] is not None:
            continue  # "during the Washington meeting": a back-reference, not a new event
        when = date_for(trig, triggers, seg, dated, toks, anchor_spans, speech_dates, published)
        if when.date_basis == "publication":
            when = _toll_of(trig, triggers, seg, toks, out) or when  # "the Dec. 21, 1988, bombing ... that killed"
        at = trig.first if trig.mod_at is None else trig.mod_at
        mod = modality(toks, at, trig.noun and trig.mod_at is None, clause_start(seg, at), clause_end(seg, at, at + 8))
        if not trig.noun and trig.mod_at is None:
            mod = verb_mods[trig.first] = conjoined(toks, trig.first, mod, verb_mods)
        actors, codes, recipient = participants(toks, _speech_of(toks, trig), cands, seg)
        if toks[trig.first].lower in AGENTLESS:
            actors, codes = [], []  # an earthquake has no agent
        elif told and announced_back_reference(toks, trig):
            actors, codes = _earlier_doer(told, trig.etype) or (actors, codes)
        elif told and not actors and in_series(toks, trig):
            actors, codes = _earlier_doer(told, trig.etype) or (actors, codes)  # "the second lawsuit": same party
        elif (told and not actors and recipient and trig.etype == "arrest"
              and toks[trig.first].lower.startswith(_VERDICTS)):
            actors, codes = _earlier_judge(told) or (actors, codes)  # "Garnier got 24 years": the same court
        elif told and not actors and told[-1]["actors"] and told_again(toks, trig):
            actors, codes = list(told[-1]["actors"]), list(told[-1]["actor_codes"])  # "The announcement came"
        if not actors and trig.etype == "vote" and _popular_vote(toks, trig) and not _possessed(toks, trig):
            actors, codes = [_ELECTORATE], []  # "a snap presidential election": the electorate votes (class E-VOTERS)
        attacker = memory.attacker() if trig.etype == "attack" and not actors else None
        carried = (attacker is not None and toks[trig.first].lower not in AGENTLESS
                   and not _same_party(attacker, recipient))
        if carried:
            actors, codes = [attacker], []  # "Eternity C sank on July 9": the story's attacker sank it
        elif trig.etype == "attack" and actors and actor_kind(actors[0]) in _ATTACKERS:
            memory.attackers[actors[0]] += 1
        going_on = (prev_day.date_for(trig.etype in SPEECH_TYPES, actors)
                    if prev_day and not lasting(toks, trig) else None)  # a state over a period goes on no day
        # A simple past a neighbouring day may date; not one with a vague word ("Earlier, X resigned": unknown).
        past = simple_past(toks, trig) and not (
            when.date_basis == "publication" and (dating.vague_time(trig, seg, dated, toks)
                                                  or dating.unanchored_past(trig, seg, toks, timexes)))
        follows = (when.date_basis == "publication" and mod == "asserted" and going_on and past
                   and not dating.in_temporal_clause(toks, trig))
        part = follows and (trig.etype in SPEECH_TYPES or _takes_part(prev_day, trig, actors, toks))
        if part:
            when = dating.anchored(going_on)  # the sentence goes on about the occasion just dated
        elif (when.date_basis == "publication" and mod == "asserted" and trig.etype in _DECISIONS_IN_PARTS
              and not trig.noun and past):
            when = _episode(history, trig.etype) or when  # "... sentenced X on Thursday. Y got 24 years."
        if (when.date_basis == "publication" and mod == "asserted" and past and prev_day
                and not dating.in_temporal_clause(toks, trig)):
            when = dating.same_occasion(prev_day, trig, toks, actors) or when  # "They refused to give details."
        # "Gunmen attacked the ferry on Wednesday. Eight passengers were rescued.": a passive naming no one, told
        # after another kind of dated occasion, is neither that day nor the day's news (guide: unknown).
        after_occasion = follows and not part and not actors and when.date_basis == "publication"
        if (when.date_basis == "publication" and mod == "future") or (
                when.date_basis in ("publication", "anchored") and mod == "hypothetical"):
            when = dating.UNKNOWN  # a plan or a possibility with no date of its own; a plan for an occasion keeps it
        dated_speech = when.date_basis in ("explicit", "relative", "anchored") and mod == "asserted"
        if trig.etype in SPEECH_TYPES and dated_speech:
            speech_dates.append(when)
            speakers.append(actors[0] if actors else None)
        elif (_occasion(trig, when, mod, dated) and toks[clause_start(seg, trig.first)].lower != "when"
              and toks[trig.first].lower not in AGENTLESS):  # a hazard: what follows it comes on other days
            occasions.append((trig.first, when, trig.etype in OCCASIONS, frozenset(actors + recipient), trig.etype))
        if trig.etype == "statement" and mod != "negated" and anonymous_speaker(toks, trig):
            continue  # an anonymous source's commentary is no event; what it relays keeps its row and date
        place = event_place(toks, trig, entities, seg)
        qty = [q[2] for q in quantities if _nearest_trigger(triggers, seg, q[0]) is trig]
        out[trig.first, trig.etype] = _record(text, sent, toks, trig, when, mod, actors, codes, recipient, place, qty)
        if carried:
            out[trig.first, trig.etype][CARRIED_AGENT] = True  # folding must not tell mentions apart by it
        out[trig.first, trig.etype][_TOLD_PAST] = not trig.noun and past
        out[trig.first, trig.etype][_REPORT_TIME] = _told_present(toks, trig) or _quotes_a_source(toks, trig)
        if when.date_basis == "publication" and (lasting(toks, trig) or after_occasion
                                                 or dating.guide_unknown(trig, seg, dated, toks, timexes)):
            out[trig.first, trig.etype][dating.GUIDE_UNKNOWN] = True  # step (a) of dating.settle_undated
    dating.share_governor_dates(triggers, toks, out)  # "called for X on Monday, vowing to ..."
    dating.perfect_with_anchor(triggers, toks, out)  # "have been accepted after the house voted"
    _counted_days(toks, out, dated)
    _planned_occasions(toks, out)
    for trig in triggers:
        if (trig.first, trig.etype) in out and _announces_own_act(toks, trig, triggers):
            out[trig.first, trig.etype][_OWN_ACT] = True  # dropped once "the announcement" has referred to it
    events = drop_sourcing([out[k] for k in sorted(out)])
    memory.saw([e.name for e in cands if e.name[:1].isupper()], [])
    for ev in events:
        memory.saw([], ev["actors"])
    for ev in events:
        if ev["event_date"] is not None and ev["date_basis"] in ("explicit", "relative", "anchored"):
            history.append(ev)
    back = next((a for a in anchor_spans.values() if a is not None), None)
    if back is not None:
        occasions.insert(0, (-1, event_date_of(back), True, frozenset(back["actors"] + back["recipient"]),
                             back["event_type"]))
    speech, speaker = next(((d, a) for d, a in zip(speech_dates, speakers) if d.date_precision == "day"), (None, None))
    if not occasions and speech is None:
        return events, None
    _, occasion, meeting, taking_part, kind = (min(occasions, key=lambda o: o[0]) if occasions
                                               else (0, None, False, frozenset(), None))
    return events, Continued(occasion, meeting, speech, speaker, taking_part, kind)


def _toll_of(trig: Trigger, triggers: list[Trigger], seg: list[int], toks: list[Token],
             out: dict[tuple[int, str], dict]) -> EventDate | None:
    """The day of a dated attack or disaster whose relative clause tells this killing ("the Dec. 21, 1988,
    bombing of Pan Am Flight 103 that killed 259", "the Aug. 7 blasts, which killed 224"): the toll is the
    attack's own, and the guide dates an anchored event by its anchor."""
    if trig.etype != "attack" or toks[trig.first].lower not in _TOLL_WORDS:
        return None  # "an attack which hit a vessel" is that attack told again, not its toll
    start = clause_start(seg, trig.first)
    if start + 1 != trig.first or toks[start].lower not in ("that", "which"):
        return None
    heads = [t for t in triggers if t.noun and t.last < start and start - t.last <= _TOLL_REACH]
    if not heads:
        return None
    head = heads[-1]  # the nearest event noun is the antecedent
    ev = out.get((head.first, head.etype))
    if ev is None or not (head.etype == "attack" or toks[head.first].lower in AGENTLESS):
        return None
    if ev["date_precision"] != "day" or ev["date_basis"] not in ("explicit", "relative", "anchored"):
        return None
    return dating.anchored(event_date_of(ev))


# How far the antecedent noun may stand before "that"/"which" ("bombing of Pan Am Flight 103 that").
_TOLL_REACH = 8
# The verbs that tell an attack's or a hazard's toll (the same words as the hazard-toll rows of conditions.csv).
_TOLL_WORDS = frozenset({"killed", "killing", "kills", "injured", "injuring", "wounded", "wounding"})


# The agent of an election or a referendum that names none.
_ELECTORATE = "voters"
_VOTE_LAST_WORDS = frozenset(form[-1] for form in BY_VOTERS)
_VOTE_FORM_LENGTHS = sorted({len(form) for form in BY_VOTERS})


def _popular_vote(toks: list[Token], trig: Trigger) -> bool:
    """True when the words ending at the trigger name a vote of the electorate ("snap presidential election")."""
    if toks[trig.last].lower not in _VOTE_LAST_WORDS:
        return False  # every form ends with the trigger's own word, so most votes need no form compared
    # One set look-up per form length, not one comparison per form.
    return any(tuple(t.lower for t in toks[max(0, trig.last - n + 1) : trig.last + 1]) in BY_VOTERS
               for n in _VOTE_FORM_LENGTHS)


def _possessed(toks: list[Token], trig: Trigger) -> bool:
    """True for "his election", "Youssouf's election": a person's being elected, by whatever body elected them."""
    before = toks[trig.first - 1].lower if trig.first else ""
    return before in ("his", "her", "their", "its") or genitive(before)


def _speech_of(toks: list[Token], trig: Trigger) -> Trigger:
    """The trigger whose parties are this one's: the speech verb for a promise quoted (its speaker promises), and a
    speech verb typed by its content ("said" blaming someone: an accusation) read as the speech it is."""
    if trig.said_at is not None:
        return Trigger(trig.said_at, trig.said_at, "statement", None, False)
    if (trig.etype not in SPEECH_TYPES and not trig.noun and WORDS.get(toks[trig.first].lower, ("",))[0] == "statement"
            and quotation(toks, trig.first, trig.last)):
        return trig._replace(etype="statement")  # "...,” said X": X is the speaker, not whom the quotation blames
    return trig


def _announces_own_act(toks: list[Token], trig: Trigger, triggers: list[Trigger]) -> bool:
    """True for "the RSF announced Thursday it has accepted a truce" (class P3-N3) and "Mars said on Wednesday
    that it will pay" (class P3-N5): a speaker making public its own act or its own commitment (guide rules 2-4:
    when the announcer is the one who acts or commits, the act is the row). The act, dated by the speech, keeps
    its row; "announced that the rebels had released" (another party's act) keeps both, and so does a plain
    "said it had agreed" (the speaker's remarks are a statement of their own)."""
    if trig.noun or trig.etype not in ("announcement", "statement"):
        return False
    for k in range(trig.last + 1, min(len(toks), trig.last + _OWN_ACT_REACH)):
        if toks[k].lower in (".", ";", "but"):
            return False
        if toks[k].lower in ("it", "they", "we"):
            commits = k + 1 < len(toks) and toks[k + 1].lower in ("will", "would")
            return (trig.etype == "announcement" or commits) and any(
                t.etype not in SPEECH_TYPES and k < t.first <= k + 3 for t in triggers)
    return False


# How far after "announced" the announcer's own pronoun may stand ("announced via its official X account
# (@MchsRussia) that it had deployed").
_OWN_ACT_REACH = 14


def _dateline_day(text: str, published: datetime.date | None) -> datetime.date | None:
    """The day of a wire dateline ("WASHINGTON, March 12 (Xinhua) --") filed in the days before publication:
    the story is written on that day, so its "Friday" and its undated events count from it. Only the date
    line is tagged here, so the article is tagged once, against the right day."""
    head = date_line_head(text) if published is not None else None
    if head is None:
        return None
    timexes = [tx for tx in tag(head, published) if tx.type in ("DATE", "TIME")]
    if not timexes or not is_filed_date(head, timexes[0].start, timexes[0].end):
        return None
    res = dating.resolve(timexes[0])
    if res is None or res[1] != "day" or not datetime.timedelta(0) < published - res[0] <= datetime.timedelta(days=7):
        return None
    return res[0]


# Prepositions that make an occasion the frame or the purpose of another act ("travel ... for a summit").
_FRAMES = frozenset({"for", "during"})


def _planned_occasions(toks: list[Token], out: dict[tuple[int, str], dict]) -> None:
    """An occasion noun that frames a planned act of its own day ("will travel to Bangkok on Thursday for a summit",
    "during a meeting on August 8, documents are expected to be signed") is planned too (class REAL-MOD-FRAME)."""
    plans = [ev for (k, etype), ev in out.items() if ev["modality"] == "future" and etype not in SPEECH_TYPES
             and ev["date_basis"] in ("explicit", "relative")]
    if not plans:
        return
    for (k, etype), ev in out.items():
        if (etype in OCCASIONS and ev["modality"] == "asserted" and k >= 2 and toks[k - 2].lower in _FRAMES
                and toks[k - 1].lower in ("a", "an", "the") and ev["date_basis"] in ("explicit", "relative")
                and any(p["event_date"] == ev["event_date"] and p is not ev for p in plans)):
            ev["modality"] = "future"


def _counted_days(toks: list[Token], out: dict[tuple[int, str], dict], dated: list[Dated] = ()) -> None:
    """Date an event told as "a day after"/"two days before"/"a year after" another, or followed by "a month
    later", from that event's date: "quit Monday a day after unveiling a cabinet" puts the unveiling on Sunday
    (the guide: anchored events take the date of their anchor), not on the day of the verb it hangs from. With
    no dated event before it, a day right before the phrase is the anchor ("on June 17, two days before the
    phone launches")."""
    ends = [t.end for t in toks]
    for (first, _), ev in out.items():
        found = dating.day_offset(toks, first)
        later = found is None
        if later:
            found = dating.later_offset(toks, bisect_left(ends, ev["trigger_end"]))
        if found is None:
            continue
        governor = max((k for k in out if k[0] < min(found.at, first)), default=None)
        anchor = event_date_of(out[governor]) if governor and out[governor]["modality"] == "asserted" else None
        if later and (anchor is None or anchor.date_basis == "publication"):
            anchor = event_date_of(ev)  # "was arrested a month later": after the occasion the story went on from
        elif not later and (anchor is None or anchor.date_basis == "publication"):
            anchor = _day_before_phrase(toks, found.at, dated) or anchor
        if anchor is None or not _fine_enough(anchor.date_precision, found.precision) or (
                later and anchor.date_basis == "publication"):
            continue
        phrase = " ".join(t.text for t in (toks[found.at : found.at + 3] if later else toks[found.at : first]))
        new = dating.offset_from(anchor, found, phrase)
        ev.update(event_date=new.event_date, time_value=new.time_value, date_precision=new.date_precision,
                  date_basis=new.date_basis, time_text=new.time_text)


def _day_before_phrase(toks: list[Token], at: int, dated: list[Dated]) -> EventDate | None:
    """The day a counted phrase is appended to ("available on June 17, two days before ..."), or None."""
    if at < 2 or toks[at - 1].text != ",":
        return None
    return next((dating.from_timex(d) for d in dated if d.last == at - 2 and d.precision == "day"), None)


_PRECISION_ORDER = ("day", "month", "year")


def _fine_enough(anchor_precision: str, precision: str) -> bool:
    """True when an anchor's date is at least as fine as the counted result ("a year after" a year is a year)."""
    if anchor_precision == "day":
        return True
    if anchor_precision not in _PRECISION_ORDER or precision not in _PRECISION_ORDER:
        return False
    return _PRECISION_ORDER.index(anchor_precision) <= _PRECISION_ORDER.index(precision)


def _scheduled(found: list[dict], plan: dict | None) -> dict | None:
    """Date a sentence's undated plans by the article's latest plan of the same kind dated to a day ("three
    documents are expected to be signed on August 8 ... The first document, to be signed by X": the guide's
    anchored events take their anchor's date), and return the latest such plan."""
    for ev in found:
        if plan is not None and ev["modality"] == "future" and ev["date_basis"] == "unknown" and (
                ev["event_type"] == plan["event_type"]):
            ev.update(event_date=plan["event_date"], time_value=plan["time_value"], date_precision="day",
                      date_basis="anchored", time_text=plan["time_text"])
    dated = [ev for ev in found if ev["modality"] == "future" and ev["date_precision"] == "day"
             and ev["date_basis"] in ("explicit", "relative")]
    return dated[-1] if dated else plan


def _next_day_story(events: list[dict]) -> None:
    """A lead whose event happened "yesterday" opens a next-day story, written on that day (as a wire dateline
    filed the day before is the story's day): its events with no date of their own fall back to that day, an
    upper bound like the publication day."""
    if not events:
        return
    lead = [ev for ev in events if ev["evidence_start"] == events[0]["evidence_start"]]
    day = next((ev["event_date"] for ev in lead if ev["date_basis"] == "relative" and ev["date_precision"] == "day"
                and (ev["time_text"] or "").lower() == "yesterday"), None)
    if day is None:
        return
    for ev in events:
        if ev["date_basis"] == "publication" and ev.get(_TOLD_PAST):
            ev["event_date"] = day


def _earlier_days_story(events: list[dict], published: datetime.date | None) -> None:
    """A lead whose news happened on a day before publication ("X resigned on Monday", read on Wednesday) makes
    the report a story of that earlier day: its other events with no date of their own are not the publication
    day's news, and the guide gives them no day (step a of dating.settle_undated). A "yesterday" lead is the
    next-day story's (_next_day_story), which dates them to that day."""
    if not events or published is None:
        return
    lead = [ev for ev in events if ev["evidence_start"] == events[0]["evidence_start"]]
    dated = [ev for ev in lead if ev["date_basis"] in ("explicit", "relative")
             and ev["date_precision"] == "day" and ev["modality"] == "asserted"]
    if not dated or max(ev["event_date"] for ev in dated) >= published:
        return  # a lead act of the publication day ("said on Tuesday that ... last Friday's bombings") is its news
    for ev in events:  # "which it claims were", '"...," said X': told at the report's own time
        if ev["date_basis"] == "publication" and ev["event_date"] == published and not ev.get(_REPORT_TIME):
            ev[dating.GUIDE_UNKNOWN] = True


_QUOTE_MARKS = frozenset({'"', "”", "“", "''", "``"})


def _quotes_a_source(toks: list[Token], trig: Trigger) -> bool:
    """True for a speech act right after a quotation ('"It could take weeks," said X'): a source quoted as the
    story is written, whose day the earlier lead does not tell."""
    return trig.etype in SPEECH_TYPES and any(t.text in _QUOTE_MARKS for t in toks[max(0, trig.first - 3) : trig.first])


# Words before a verb that make it no simple present: a perfect, a past passive, a plan or an infinitive.
_NOT_PRESENT_BEFORE = frozenset({"has", "have", "had", "was", "were", "been", "will", "would", "to", "can", "could",
                                 "may", "might", "should", "must", "shall"})


_SINGULAR_SUBJECTS = frozenset({"it", "he", "she"})


def _told_present(toks: list[Token], trig: Trigger) -> bool:
    """True for a verb in the simple present ("claims", "say"), not a past, a perfect, a plan or a noun."""
    word = toks[trig.first].lower
    before = toks[trig.first - 1].lower if trig.first else ""
    if word.endswith("s") and not word.endswith("ss") and (before in _SINGULAR_SUBJECTS or (
            trig.etype in SPEECH_TYPES and before.isalpha() and before not in DETERMINERS)):
        return True  # "which it claims were", "the authority says": a verb, even where the word is read as a noun
    if trig.noun or simple_past(toks, trig):
        return False
    return _NOT_PRESENT_BEFORE.isdisjoint(map(_LOWER, toks[max(0, trig.first - 3) : trig.first]))


def _earlier_doer(told: list[dict], etype: str) -> tuple[list[str], list[str]] | None:
    """The actors of the article's latest earlier event of this type that names them ("its CEO resigned ...
    the group announced the resignation": the CEO resigned, the group only made it public)."""
    for ev in reversed(told):
        if ev["event_type"] == etype and ev["actors"]:
            return list(ev["actors"]), list(ev["actor_codes"])
    return None


# Words of a verdict or a sentence: "sentenced", "convicting", "jailed", "acquitted", "got/received/given N years".
_VERDICTS = ("sentenc", "convict", "jail", "acquit", "got", "received", "given")


def _earlier_judge(told: list[dict]) -> tuple[list[str], list[str]] | None:
    """The agents of the article's latest arrest or sentence done to someone else (class E28): a verdict told in
    parts ("X sentenced A to 27 years. B got 24 years") is the one court's; "A is under house arrest" is no judge."""
    for ev in reversed(told):
        if ev["event_type"] == "arrest" and ev["actors"] and ev["recipient"] and not set(ev["actors"]) & set(
                ev["recipient"]):
            return list(ev["actors"]), list(ev["actor_codes"])
    return None


def _same_party(name: str, others: list[str]) -> bool:
    """True when a name shares a word with one of the others ("Houthis", "Yemen's Houthi")."""
    words = {w.lower().rstrip("s") for w in name.split()}
    return any(words & {w.lower().rstrip("s") for w in o.split()} for o in others)


# Parties whose attack can be the unnamed agent of a later one: not a person, a ship or a company.
_ATTACKERS = frozenset({"armed group", "government"})


def _eventless_day(dated: list[Dated], published: datetime.date | None) -> Continued | None:
    """A sentence with no event but a past day ("shares fell in trading yesterday") opens that day for the next
    one; a coming day ("plans to leave on Thursday") does not."""
    days = [d for d in dated if d.precision == "day" and d.basis == "relative" and d.timex.type == "DATE"
            and (published is None or d.date <= published)]
    return Continued(dating.from_timex(days[0]), False, None) if len(days) == 1 else None


# Decisions told in parts: one verdict's sentences, one vote's chambers, one cabinet's appointments.
_DECISIONS_IN_PARTS = frozenset({"arrest", "vote", "appointment"})


def _takes_part(occasion: Continued, trig: Trigger, parties: list[str], toks: list[Token]) -> bool:
    """True when an event is of the occasion's kind or shares a party with the occasion the previous sentence
    dated: the sentence goes on about that occasion, not other people's acts of other days. A passive that names
    no party ("six crew members were rescued") continues only an occasion of its own kind: what followed a
    sinking or a vote on an unstated day is not dated by it (guide: no time expression and no anchor give
    unknown). A day with no event ("shares fell in trading yesterday") dates what follows it."""
    if trig.etype == occasion.kind:
        return True
    if not parties:  # "was arrested a month later" counts from the occasion: it is that passive's anchor
        return (occasion.kind is None or not _agentless_passive(trig, toks)
                or dating.later_offset(toks, trig.last) is not None)
    return not occasion.parties or bool(occasion.parties & set(parties))


_BE = frozenset({"was", "were", "been", "being", "be", "is", "are"})


def _agentless_passive(trig: Trigger, toks: list[Token]) -> bool:
    """True for a verb trigger in the passive ("were rescued", "was briefly evacuated", "with 10 rescued"), not
    an event noun that its verb was merged into ("The first lawsuit was filed")."""
    if trig.noun or trig.first < 2:
        return False
    k = trig.first - 1
    if toks[k].lower.endswith("ly"):
        k -= 1  # "was briefly overrun"
    return toks[k].lower in _BE or (toks[k].text.isdigit() and toks[k - 1].lower == "with")


def _episode(history: list[dict], etype: str) -> EventDate | None:
    """The day of the article's dated episode of this type (a verdict, a round of strikes), when all its dated
    events of the type fall on one day: further acts of that type told in the past tense belong to it."""
    parts = [ev for ev in history
             if ev["event_type"] == etype and ev["date_precision"] == "day" and ev["modality"] == "asserted"]
    if len({ev["event_date"] for ev in parts}) != 1:
        return None
    first = parts[0]  # the episode's first dated part names it (a set here would make runs differ)
    return EventDate(first["event_date"], first["time_value"], "day", "anchored", first["time_text"])


def _occasion(trig: Trigger, when: EventDate, mod: str, dated: list[Dated]) -> bool:
    """True for a dated, asserted event a next sentence may go on about; not a noun with its own date
    ("the Oct. 23 killing" recalls an earlier event, it is not the occasion of the paragraph)."""
    if mod != "asserted" or when.date_precision != "day":
        return False
    if when.date_basis not in ("explicit", "relative", "anchored"):
        return False
    if not trig.noun or trig.etype in OCCASIONS or when.date_basis == "anchored":
        return True
    return not any(d.timex.text == when.time_text and 0 < trig.first - d.last <= 3 for d in dated)


def _expand_acronyms(events: list[dict], text: str) -> None:
    """Name actors by the article's long form of an acronym: "RSF" -> "Rapid Support Forces"."""
    if "(" not in text:
        return
    long_form = acronyms(text)
    if long_form:
        for ev in events:
            ev["actors"] = [long_form.get(a, a) for a in ev["actors"]]
            ev["recipient"] = [long_form.get(a, a) for a in ev["recipient"]]


def _canonical_names(events: list[dict], memory: ActorMemory) -> None:
    """One name per entity within the article: "Trump" -> "Donald Trump"."""
    for ev in events:
        ev["actors"] = list(dict.fromkeys(memory.canonical(a) for a in ev["actors"]))
        ev["actor_kinds"] = [actor_kind(a) for a in ev["actors"]]
        ev["recipient"] = [r for r in dict.fromkeys(memory.canonical(r) for r in ev["recipient"]) if r not in ev["actors"]]


def _bodies_left(events: list[dict], memory: ActorMemory) -> None:
    """A person leaving an office leaves the body they headed: "Tavares resigned" names Stellantis too when the article
    called him its CEO (class A6-4; the guide's actors: agent, then patient)."""
    if not memory.bodies:
        return  # most articles name no one as a body's head
    heads = {memory.canonical(person): memory.canonical(body) for person, body in memory.bodies.items()}
    for ev in events:
        if ev["event_type"] != "appointment" or ev["trigger"].lower() not in LEAVING_OFFICE:
            continue
        for name in [*ev["actors"], *ev["recipient"]]:
            body = heads.get(name)
            if body and body not in ev["actors"] and body not in ev["recipient"]:
                ev["recipient"] = [*ev["recipient"], body]


def _nearest_trigger(triggers: list[Trigger], seg: list[int], i: int) -> Trigger | None:
    """The trigger nearest to token i, preferring its own clause and an act over a speech act reporting it
    ("attacked a market, killing 12 people, police said": the 12 are the attack's)."""
    best, best_d = None, 10**9
    for t in triggers:
        d = abs(t.first - i) + (0 if seg[t.first] == seg[i] else 50) + (30 if t.etype in SPEECH_TYPES else 0)
        if d < best_d:
            best, best_d = t, d
    return best


# What a date basis adds to an event's confidence.
_BASIS_CONFIDENCE = {"explicit": 0.2, "relative": 0.2, "anchored": 0.1}


def _record(text: str, sent: Sentence, toks: list[Token], trig: Trigger, when: EventDate, mod: str,
            actors: list[str], codes: list[str], recipient: list[str], place, qty: list[str]) -> dict:
    """One event dict in the MENTIONS column layout."""
    plover, cameo = cameo_and_plover(trig.etype, trig.cameo)
    start, end = toks[trig.first].start, toks[trig.last].end
    conf = 0.55 + (0.1 if not trig.noun else 0.0) + (0.1 if trig.last > trig.first else 0.0)
    conf += _BASIS_CONFIDENCE.get(when.date_basis, 0.0)
    conf += 0.05 if actors else 0.0
    return {
        "event_type": trig.etype,
        "plover_type": plover,
        "cameo_root": cameo,
        "event_date": when.event_date,
        "time_value": when.time_value,
        "date_precision": when.date_precision,
        "date_basis": when.date_basis,
        "time_text": when.time_text,
        "on_or_before": None,  # filled by dating.bound_events once the article's dates are settled
        "actors": actors,
        "actor_codes": codes,
        "actor_kinds": [actor_kind(a) for a in actors],
        "recipient": recipient,
        "location": place.name if place else None,
        "location_geonameid": place.geonameid if place else None,
        "location_country": place.country if place else None,
        "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None,
        "location_precision": place.precision if place else None,
        "quantities": qty,
        "modality": mod,
        "trigger": text[start:end],
        "trigger_start": start,
        "trigger_end": end,
        "evidence": sent.text,
        "evidence_start": sent.start,
        "evidence_end": sent.end,
        "confidence": round(min(conf, 0.95), 2),
        "extractor_version": EXTRACTOR_VERSION,
    }
