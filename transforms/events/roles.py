"""Who did it to whom: the agent (subject, "by" phrase, speaker) and the patient or recipient of each trigger."""

from __future__ import annotations

from typing import TYPE_CHECKING

from transforms.events.actors import TITLES, Entity, person_like
from transforms.events.clauses import RELATIVE, clause_start
from transforms.events.event_types import SPEECH_TYPES
from transforms.events.lexicon import DETERMINERS
from transforms.events.places import country_code, resolve_place
from transforms.events.tokens import LOWER, Token, genitive

if TYPE_CHECKING:
    from transforms.events.triggers import Trigger

POSSESSIVES = frozenset({"his", "her", "its", "their"})
# A name right after one of these is inside a prepositional phrase: a place, a time or a topic, not the subject.
PREPOSITIONS = frozenset("""of in at on to from for with into onto near across inside outside against over under
    through toward towards about after before since during amid between among via like than behind around within
    without per despite upon beyond along off by""".split())
_BEFORE_NOUNS = PREPOSITIONS | {"the", "a", "an"}  # a trigger after these is a noun ("yielding to protests by")
_PLACES = frozenset({"in", "at", "near", "across", "outside", "inside", "into", "from", "to", "toward", "towards"})
# A city or a region after these is the way or the area an event covers, not a party ("marching through Seoul");
# a country stays a party ("strikes targeting locations within Pakistan").
_ROUTES = frozenset({"through", "throughout", "around", "along", "within"})
_BE = frozenset({"was", "were", "been", "being", "is", "are", "be", "am", "get", "got", "gets", "getting"})
_ADVERBS = frozenset({"not", "also", "reportedly", "allegedly", "then", "later", "still", "already", "just", "now",
                      "officially", "jointly", "again", "never", "formally", "finally", "unanimously"})
_IRREGULAR_PARTICIPLES = frozenset("""sent held hit shot struck taken seen made given told sworn won led brought
    caught fought bought sought sunk sank overrun withdrawn beaten driven flown stolen thrown built""".split())
_AUXILIARIES = frozenset({"to", "had", "has", "have", "would", "will", "could", "can", "may", "might", "should",
                          "must", "did", "does", "do"})
# Verbs whose subject undergoes the event: "the ship sank", "Garnier got 24 years" (the court sentenced him).
_UNDERGOERS = frozenset({"sank", "sunk", "sink", "sinks", "sinking", "died", "dies", "collapsed", "exploded", "crashed",
                         "received", "got", "given", "suffered", "sustained"})
# Of these, the ones that also take an object: "Houthis sank two ships" - then the subject did it (class E20).
_TRANSITIVE_TOO = frozenset({"sank", "sunk", "sink", "sinks", "sinking", "exploded", "crashed"})
_TIME_NOUNS = frozenset("""day days night nights morning evening afternoon week weeks month months year years
    hours minutes weekend time""".split())
_MEASURES = frozenset({"per", "percent", "%", "points", "pc", "pct"})
_OBJECT_OPENERS = DETERMINERS | frozenset("""two three four five six seven eight nine ten several many dozens
    hundreds both all another""".split())
_IRREGULAR_PAST = frozenset("""met told sent won took held fought struck sank shot led began spoke gave made hit
    sought brought bought caught""".split())
# Nouns of these types name their maker after "from" ("a warning from Iran"); others a place ("withdrawal from Gaza").
_FROM_SOURCE = SPEECH_TYPES | {"request", "pledge", "threat", "accusation", "rejection", "aid", "agreement"}
_STANCES = frozenset({"committed", "determined", "prepared", "resolved", "pledged"})
_ADDRESSING = frozenset({"told", "tells", "briefed", "informed", "urged", "asked"})
# "the war between A and B", "the killing of X", "talks by Y": a noun's parties follow it.
# Plural office holders whose "of" phrase names the countries they act for ("the foreign ministers of A and B").
_OFFICE_PLURALS = frozenset({"ministers", "leaders", "presidents", "premiers", "envoys", "delegates",
                             "representatives", "diplomats", "officials", "heads"})
_NOUN_LINKS = frozenset({"of", "between", "by"})


def participants(toks: list[Token], trig: Trigger, cands: list[Entity],
                 seg: list[int]) -> tuple[list[str], list[str], list[str]]:
    """(agents, their country codes, patients or recipients) of a trigger among the sentence's candidates."""
    agents, patients = _roles(toks, trig, cands, seg)
    agents, patients = _whole_groups(agents, cands), _whole_groups(patients, cands)
    if trig.etype == "attack" and any(_a_ship(toks, e) for e in agents):
        # "The vessel came under heavy fire", "one vessel ... sinking another": a ship suffers the attack (A4-2)
        patients = [e for e in agents if _a_ship(toks, e)] + patients
        agents = [e for e in agents if not _a_ship(toks, e)]
    if trig.etype == "vote":
        agents = [_chamber(e, cands) or e for e in agents]
    names = _unique(e.name for e in agents)
    codes = sorted({e.code for e in agents if e.code})
    patients = [_named_theme(e, cands, toks) if _theme(toks, trig, e) else e
                for e in patients if not _office(toks, trig, e) and not _owner_of_object(toks, trig, e)
                and not _places_qualifying(toks, e)]
    patients = [e for e in patients if e is not None]
    return names, codes, [n for n in _unique(e.name for e in patients) if n not in names]


def _whole_groups(chosen: list[Entity], cands: list[Entity]) -> list[Entity]:
    """Each chosen party with the others its words stand for: "the countries" and "their" resolve to several
    parties on one span ("Azerbaijan", "Armenia"), and a role taken from one of them is all of theirs (class A6-6)."""
    if not chosen or len({(c.first, c.last) for c in cands}) == len(cands):
        return chosen  # most sentences give each party words of its own
    out: list[Entity] = []
    for e in chosen:
        out += [c for c in cands if (c.first, c.last) == (e.first, e.last) and c not in out]
    return out


def _a_ship(toks: list[Token], e: Entity) -> bool:
    """True for a party written as a merchant ship noun ("the vessel", "the Greek-owned ship"); not a warship."""
    from transforms.events.coreference import actor_nouns  # coreference reads roles: imported when first used

    noun = actor_nouns().get(toks[e.last].lower.removesuffix("'s").removesuffix("’s"))  # "the ship's"
    return noun is not None and noun.kind == "ship" and toks[e.last].lower != "warship"


# Acts whose object is what is sent, given or formed ("sent a rescue team", "formed a coalition"): that thing is
# no party to the event, its sender is (class A3-2).
_THEME_TYPES = frozenset({"deployment", "aid", "pledge", "other"})


def _theme(toks: list[Token], trig: Trigger, e: Entity) -> bool:
    """True for an unnamed thing sent, given or formed right after the trigger ("a team", "37-member rescue
    team", "a coalition"): a common noun, not a named party."""
    return (trig.etype in _THEME_TYPES and not trig.noun and 0 < e.first - trig.last <= 4
            and not toks[e.first].text[:1].isupper())


def _named_theme(e: Entity, cands: list[Entity], toks: list[Token]) -> Entity | None:
    """The name given to an unnamed thing sent in apposition ("a rescue team, Blue Sky Rescue (BSR),"): a party
    of its own; else None."""
    at = e.last + 1
    if at < len(toks) and toks[at].text == ",":
        return next((c for c in cands if c.first == at + 1 and toks[c.first].text[:1].isupper()), None)
    return None


def _owner_of_object(toks: list[Token], trig: Trigger, e: Entity) -> bool:
    """True for the owner of the thing a verb acts on ("torched Oli's home", "dismissed Trump's claims", "set fire to
    the homes of top leaders"): the thing is the object, its owner no party to the act (class A3-10)."""
    if trig.noun or e.first <= trig.last or (trig.etype == "attack" and _a_ship(toks, e)):
        return False  # "hit the ship's forward station": a ship hit in a part of it is hit (class A6-12)
    k = e.last + 1
    if genitive(toks[e.last].lower) and k < len(toks) and toks[k].text[:1].islower():
        return True
    j = e.first - 1 - (toks[e.first - 1].lower in DETERMINERS)  # "the homes of top political leaders"
    return (j > trig.last + 1 and toks[j].lower == "of" and toks[j - 1].text.isalpha() and toks[j - 1].text.islower()
            and not e.code and resolve_place(e.name.split()[-1]) is None)  # "areas of Pakistan-held Kashmir": where


def _places_qualifying(toks: list[Token], e: Entity) -> bool:
    """True for a place that, in a list or a hyphened compound, qualifies the noun after it ("the Milan, Paris and
    New York stock markets", "the Antigua and Barbuda-flagged ship"): a modifier, no party (class A3-11)."""
    k, listed = e.last + 1, False
    # A hyphen left hanging joins too: "an Antigua- and Barbuda-flagged ship" (class A6-12).
    while k < len(toks) and k - e.last <= 8 and (toks[k].text in (",", "and", "-") or toks[k].text[:1].isupper()):
        listed = listed or toks[k].text == "and" or toks[k].text == ","
        head, _, tail = toks[k].text.partition("-")
        if toks[k].text[:1].isupper() and tail.islower():  # "Barbuda-flagged", "Pittsburgh-based"
            words = [t.text for t in toks[e.first : k] if t.text != "-"]
            whole = " ".join([*words, head])  # "Antigua and Barbuda"
            return resolve_place(e.name) is not None or resolve_place(whole) is not None
        k += 1
    return (listed and k < len(toks) and toks[k - 1].text[:1].isupper() and resolve_place(e.name) is not None
            and _noun_next(toks, Entity(k - 1, k - 1, "", None)))


def _office(toks: list[Token], trig: Trigger, e: Entity) -> bool:
    """True for the office in "resigned as Prime Minister of Nepal", "sworn in as Japan's prime minister": what
    is held, not who acts (class A3-3)."""
    return trig.etype == "appointment" and e.first > trig.last and _after(toks, e, {"as"})


def _roles(toks: list[Token], trig: Trigger, cands: list[Entity], seg: list[int]) -> tuple[list[Entity], list[Entity]]:
    """Agents and patients of one trigger."""
    owned = [e for e in cands if e.first == e.last and toks[e.first].lower in POSSESSIVES]
    cands = [e for e in cands if e not in owned]
    s = seg[trig.first]
    right = [e for e in cands if e.first > trig.last and seg[e.first] == s and e.first - trig.last <= 6]
    objects = [e for e in right if (not _after(toks, e, _PLACES) or _addressee(toks, trig, e))
               and not _route(toks, e)]  # "in the Gaza Strip"; not "spoke to PM Modi"
    after = toks[trig.last + 1].lower if trig.last + 1 < len(toks) else ""
    nominal = trig.first > 0 and toks[trig.first - 1].lower in _BEFORE_NOUNS
    if not trig.noun and nominal and after == "by" and objects and objects[0].first - trig.last <= 3:
        return coordinated(objects, toks), []  # "yielding to protests by the lawmakers": a noun, its makers
    if _caused(toks, trig):
        by = [e for e in right if _after(toks, e, {"by"})]
        return _by_parties(by, cands, toks), _subject(toks, trig, cands, seg)  # "X sparked criticism": X its target
    with_party = _absolute_subject(toks, trig, cands)
    if with_party is not None:
        return [with_party], objects[:1]  # ", with wealthy countries pledging": the countries pledge
    owner = None if trig.noun else _possessor(toks, trig, cands)
    if owner is not None:
        return [owner], objects[:1]  # "Trump's recent claim": a noun, whatever its lexicon
    if trig.noun and trig.etype == "meeting":
        cands = [e for e in cands if not _place_modifier(e, trig)]  # "the Anchorage summit": where, not who
        host = _convener(toks, trig, cands)
        if host is not None:
            return [host], []  # "the European Political Community summit", "the G7 summit"
    if trig.noun:
        owner = _possessor(toks, trig, cands) or next((e for e in owned if 0 < trig.first - e.last <= 2), None)
        if owner is not None:
            owners = [e for e in owned if e.first == owner.first] or [owner]  # "their war": every party "their" is
            return owners, objects[:1]  # "Russia's invasion of Ukraine"
        source = [e for e in right if _after(toks, e, {"from"}) and e.first - trig.last <= 4]
        if after == "from" and source and trig.etype in _FROM_SOURCE:
            return coordinated(source, toks), []  # "a proposal from the US and Arab powers", "a response from X"
        if after in _NOUN_LINKS and objects and objects[0].first - trig.last <= 6:
            further = [e for e in cands if e.first > objects[0].last and seg[e.first] == s]
            if after == "of" and _acts_on(toks, trig):
                by = [e for e in [objects[0], *further] if _after(toks, e, {"by"})]
                acted_on = [] if by[:1] == objects[:1] else coordinated([objects[0], *further], toks)
                return _by_parties(by, cands, toks), acted_on  # "massacres of X", "the killing of 26 by gunmen"
            return coordinated([objects[0], *further], toks), []  # "talks between A and B", "the killing of X"
        main = _fronted_owner(toks, trig, cands)
        if main is not None and (trig.etype in SPEECH_TYPES or trig.etype == "meeting"):
            # "In a speech after his inauguration, he vowed": his speech; "In a joint statement, A and B
            # condemned": both speak (class A3-6)
            return coordinated([e for e in cands if e.first >= main.first], toks), objects[:1]
    if trig.noun and trig.etype == "attack" and _claimed(toks, trig):
        subject = _subject(toks, trig, cands, seg)
        if subject and person_like(subject[0].name, 1):
            return [], []  # "spokesman Saree claimed attacks": his side attacked; the story's attacker (E39)
    if trig.etype in SPEECH_TYPES and not _passive(toks, trig):  # "two people are reported missing": no speaker
        speaker = _speaker(toks, trig, cands, seg, right)
        if speaker:
            heard = [e for e in objects if toks[trig.first].lower in _ADDRESSING or _after(toks, e, {"to"})]
            return speaker, _joined_objects(heard, cands, toks)  # "told Reuters", "said to the BBC"; not the topic
    by = [e for e in cands if e.first > trig.last and seg[e.first] == s and e.first - trig.last <= 15
          and _after(toks, e, {"by"}) and not _mediator(toks, e, trig)]  # "was struck with missiles and a drone boat by Houthis"
    subject = _subject(toks, trig, cands, seg)
    if _passive(toks, trig) and not by and trig.etype in ("appointment", "vote"):
        body = _office_holder_body(toks, trig, cands)
        if body is not None:
            return [body], subject  # "Takaichi was elected LDP president": the LDP elected her
        chamber = _electing_chamber(toks, trig, cands) if trig.etype == "appointment" else None
        if chamber is not None:
            return [chamber], subject  # "X was named prime minister at sessions of both houses of the Diet"
    if _passive(toks, trig) or (toks[trig.first].lower in _UNDERGOERS and not _takes_object(toks, trig)):
        makers = _by_parties(by, cands, toks) or _cause_by(toks, trig, cands) or _summoner(toks, trig, cands)
        return makers, subject  # "was struck by X", "to be signed by A and B"
    if not subject and by:
        return _by_parties(by, cands, toks), []  # "an offensive by the army"
    parties = [] if subject else _between(toks, trig, cands)
    if parties:
        return parties, []  # "through a 2021 merger between A and B"
    return subject, _joined_objects([e for e in objects if not _after(toks, e, {"by"})], cands, toks)


# Members of a chamber: voting in office, they are the chamber (class E34), as justices are their court.
_LEGISLATORS = frozenset({"mps", "lawmakers", "legislators", "senators", "deputies"})
_CHAMBERS = frozenset({"parliament", "assembly", "senate", "legislature", "diet", "congress"})


# Event types whose noun's "of" phrase names what was acted on ("massacres of civilians", "the arrest of X"), and
# nouns of taking over a company ("its acquisition of U.S. Steel"): the patient, not the agent (class A5-4).
_ACTED_ON_TYPES = frozenset({"attack", "arrest", "sanction"})
_TAKEOVERS = frozenset({"acquisition", "purchase", "takeover", "buyout"})


# Acts directed at a party: after "to" a name is who is spoken, appealed or objected to ("spoke to PM Modi",
# "appealed to the United Nations"), not a destination as after "sent troops to" or "travelled to"; after "at" a
# name is who an attack is aimed at ("fired at a Red Cross convoy"), not where it happened (class A3-1).
_ADDRESSED_TYPES = SPEECH_TYPES | {"meeting", "request", "threat", "accusation", "rejection"}
# Words before "to" that make it no addressee's: "according to Reuters", "close to Moscow".
_NOT_ADDRESSING = frozenset({"according", "due", "prior", "close", "next", "compared", "similar", "thanks", "owing",
                             "home", "back", "way", "trip", "visit", "travel", "travelled", "traveled", "flew", "went"})


def _addressee(toks: list[Token], trig: Trigger, e: Entity) -> bool:
    """True for a party after "to" that a directed act is addressed to, or after "at" that an attack is aimed at:
    a person, a body or a country, no city or region ("spoke to PM Modi", "fired at a Red Cross convoy"; not
    "shelling at Kadugli", "said according to Reuters")."""
    if not ((trig.etype in _ADDRESSED_TYPES and _after(toks, e, {"to"}))
            or (trig.etype == "attack" and _after(toks, e, {"at"}))):
        return False  # "opened fire at a Red Cross convoy": the target
    k = e.first - 1 - (toks[e.first - 1].lower in DETERMINERS)  # where "to" or "at" stands
    if k < 1 or toks[k - 1].lower in _NOT_ADDRESSING:
        return False
    if any(t.text in (",", ";") or t.lower.endswith("ing") for t in toks[trig.last + 1 : k]):
        return False  # "said in a statement, referring to the United States": another verb's "to"
    place = resolve_place(e.name)
    return place is None or place.precision == "country"


def _acts_on(toks: list[Token], trig: Trigger) -> bool:
    """True for an event noun whose "of" phrase is its patient: an attack, an arrest, a sanction, a takeover."""
    return trig.etype in _ACTED_ON_TYPES or toks[trig.last].lower in _TAKEOVERS


def _route(toks: list[Token], e: Entity) -> bool:
    """True for a city or a region after "through", "around", "along" ...: a place, not a party (class A5-10)."""
    if not _after(toks, e, _ROUTES) or e.code:
        return False
    place = resolve_place(e.name)
    return place is not None and place.precision != "country"


def _between(toks: list[Token], trig: Trigger, cands: list[Entity]) -> list[Entity]:
    """The parties of "<event> between A and B" when the clause names no agent: each of them acts (class A5-15)."""
    k = trig.last + 1
    while k < len(toks) and toks[k].lower in _ADVERBS:
        k += 1
    if k < len(toks) and toks[k].lower in _PLACES:  # "fighting in eastern DR Congo between A and B" (class A3-8)
        k = next((j for j in range(k + 1, min(k + 6, len(toks))) if toks[j].lower == "between"
                  and not any(t.text in ",;" for t in toks[k:j])), k)
    if k >= len(toks) or toks[k].lower != "between":
        return []  # most triggers: no "between" to list parties after
    parties = [e for e in cands if e.first > k]
    if not parties or not _after(toks, parties[0], {"between"}):
        return []
    return coordinated(parties, toks)


def _joined_objects(objects: list[Entity], cands: list[Entity], toks: list[Token]) -> list[Entity]:
    """The first object with those joined to it ("met with Zelensky and Rutte", class A5-2); not a name that
    heads a clause of its own ("met Ortiz and Berg said")."""
    if not objects:
        return []
    joined = coordinated([e for e in cands if e.first >= objects[0].first], toks)
    if _noun_next(toks, joined[-1]) or not _has_conjunction(toks, joined):
        return joined[:1]  # the list qualifies a noun ("the Milan, Paris and New York stock markets"); "Kadugli,
        # Sudan" is a place and its country, not two parties
    return joined[:1] + [e for e in joined[1:] if not _verb_next(toks, e)]


def _has_conjunction(toks: list[Token], joined: list[Entity]) -> bool:
    """True for a list of names that holds "and", "or" or "&", or two names side by side ("steelmaker
    Cleveland-Cliffs"): commas alone join a place to its country ("Kadugli, Sudan")."""
    if len(joined) < 2 or any(a.last + 1 == b.first for a, b in zip(joined, joined[1:])):
        return True
    return any(t.lower in ("and", "or", "&") for t in toks[joined[0].last + 1 : joined[-1].first])


def _noun_next(toks: list[Token], e: Entity) -> bool:
    """True for a name that qualifies the noun after it ("New York stock markets", "Barbuda-flagged ship's")."""
    k = e.last + 1
    if k >= len(toks):
        return False
    w = toks[k].text.removesuffix("'s").removesuffix("’s")
    return w.isalpha() and w.islower() and w not in PREPOSITIONS and w not in DETERMINERS and w not in _JOINERS \
        and not _verb_form(w) and not w.endswith("ing")


# Verbs by which a party causes others' acts: "the cabinet sparked fierce criticism", "the ruling drew protests".
_CAUSING = frozenset("""spark sparks sparked sparking draw draws drew drawing trigger triggers triggered triggering
    prompt prompts prompted prompting provoke provokes provoked provoking ignite ignites ignited igniting fuel
    fuels fuelled fueled fuelling fueling attract attracts attracted attracting""".split())


def _caused(toks: list[Token], trig: Trigger) -> bool:
    """True for an event noun that is the object of a causing verb, past two modifiers ("sparked fierce criticism",
    "triggered emergency meetings"): the verb's subject is what the act is about, not who acts (class A4-6)."""
    if _CAUSING.isdisjoint(map(LOWER, toks[max(0, trig.first - 3) : trig.first])):
        return False  # the verb stands within three words before the noun; most nouns follow none
    k = trig.first - 1
    while k >= 0 and trig.first - k <= 2 and toks[k].lower not in _CAUSING and toks[k].text.isalpha() \
            and toks[k].text.islower() and toks[k].lower not in DETERMINERS:
        k -= 1
    return k >= 0 and toks[k].lower in _CAUSING and not _verb_form(toks[trig.first].text)


# Participles whose "by" phrase names a go-between, not a party: "a truce brokered by Egypt" (class A4-5).
_MEDIATING = frozenset({"brokered", "mediated", "facilitated", "hosted", "backed", "witnessed", "guaranteed",
                        "overseen", "chaired", "sponsored", "co-sponsored", "arranged"})


def _mediator(toks: list[Token], e: Entity, trig: Trigger) -> bool:
    """True for a name in the "by" phrase of a mediating participle ("a truce brokered by Egypt") other than the
    trigger itself ("talks hosted by Qatar": Qatar hosted them)."""
    k = e.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    return k >= 1 and toks[k].lower == "by" and toks[k - 1].lower in _MEDIATING and not trig.first <= k - 1 <= trig.last


def _by_parties(by: list[Entity], cands: list[Entity], toks: list[Token]) -> list[Entity]:
    """The first "by" phrase's party with those joined to it ("signed by Pashinyan and Trump", class A5-1)."""
    if not by:
        return []
    joined = coordinated([e for e in cands if e.first >= by[0].first], toks)
    if not _has_conjunction(toks, joined):
        return joined[:1]  # "by officials in Lima, Peru": no list
    return joined[:1] + [e for e in joined[1:] if not _verb_next(toks, e)]  # not "by police and Ortiz said"


def _verb_next(toks: list[Token], e: Entity) -> bool:
    """True for a name right before a finite verb (past adverbs): the subject of a clause of its own."""
    k = e.last + 1
    while k < len(toks) and toks[k].lower in _ADVERBS:
        k += 1
    return k < len(toks) and _verb_form(toks[k].text)


def _chamber(e: Entity, cands: list[Entity]) -> Entity | None:
    """The chamber its sentence names, for legislators who vote ("stormed Kenya's parliament as MPs voted")."""
    if e.name.lower() not in _LEGISLATORS:
        return None
    return next((c for c in cands if c.name[:1].isupper() and _CHAMBERS & set(c.name.lower().split())), None)


_CLAIMING = frozenset({"claimed", "claims", "claim", "claiming"})


def _claimed(toks: list[Token], trig: Trigger) -> bool:
    """True for an attack noun claimed by someone: "claimed the attack", "claimed unreported attacks on"."""
    k = trig.first - 1
    while k > 0 and trig.first - k <= 3 and toks[k].text.islower() and toks[k].lower not in _CLAIMING:
        k -= 1  # "the", "unreported", "two further"
    return k >= 0 and toks[k].lower in _CLAIMING


def _summoner(toks: list[Token], trig: Trigger, cands: list[Entity]) -> list[Entity]:
    """The body someone was summoned to or before: it summoned them ("was summoned to the Italian parliament",
    "summoned to the foreign ministry", class E38)."""
    if toks[trig.first].lower != "summoned":
        return []
    k = trig.last + 1
    if k >= len(toks) or toks[k].lower not in ("to", "before"):
        return []
    k += 1 + (k + 1 < len(toks) and toks[k + 1].lower in DETERMINERS)
    return [e for e in cands if e.first == k and not person_like(e.name)][:1]


def _takes_object(toks: list[Token], trig: Trigger) -> bool:
    """True when a sink/crash verb has a direct object ("sank two ships", "sank the Belo"): its subject acted."""
    if toks[trig.first].lower not in _TRANSITIVE_TOO or trig.last + 1 >= len(toks):
        return False
    nxt = toks[trig.last + 1]
    phrase = {t.lower for t in toks[trig.last + 1:trig.last + 4]}
    # "sank the same day" is a time, "crashed 15 per cent" a measure: neither is an object
    return (nxt.lower in _OBJECT_OPENERS or nxt.digits) and not phrase & (_TIME_NOUNS | _MEASURES)


def _absolute_subject(toks: list[Token], trig: Trigger, cands: list[Entity]) -> Entity | None:
    """The party of "with X doing": ", with wealthy countries pledging to provide $300 billion" -> the countries."""
    w = toks[trig.first].lower
    if not (w.endswith("ing") and w.isalpha()):
        return None
    party = next((e for e in cands if e.last == trig.first - 1), None)
    k = party.first - 1 if party is not None else -1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    return party if k >= 0 and toks[k].lower == "with" else None


def _office_holder_body(toks: list[Token], trig: Trigger, cands: list[Entity]) -> Entity | None:
    """The body whose office someone was elected or named to: "elected LDP president", "elected as the new
    Chairperson of the African Union Commission" -> the LDP, the African Union Commission."""
    k = trig.last + 1
    while k < len(toks) and (toks[k].lower in ("as", "the", "a", "an", "new", "next", "its", "interim")):
        k += 1
    here = next((e for e in cands if e.first == k), None)
    if here is not None and here.last + 1 < len(toks) and toks[here.last + 1].lower in _OFFICES:
        return here  # "LDP president"
    if k + 2 < len(toks) and toks[k].lower in _OFFICES and toks[k + 1].lower == "of":
        j = k + 2 + (toks[k + 2].lower in DETERMINERS)
        return next((e for e in cands if e.first == j and e.name[:1].isupper()), None)  # "Chairperson of the AU"
    return None


# Words of being put into an office by others: a chamber the clause names did it.
_ELECTED = frozenset({"elected", "named", "appointed", "confirmed", "chosen", "nominated", "approved"})
# Words of a chamber's name: "the Diet", "the House of Representatives", "Kenya's parliament".
_CHAMBER_WORDS = _CHAMBERS | {"house", "chamber", "houses"}


def _electing_chamber(toks: list[Token], trig: Trigger, cands: list[Entity]) -> Entity | None:
    """The chamber a passive taking of office names after it in its sentence ("was named prime minister at sessions
    of both houses of the Diet", "was elected ... after winning in both houses of parliament"): it elected the
    person (class A6-7); None when there is no such chamber."""
    if toks[trig.first].lower not in _ELECTED:
        return None
    for e in cands:
        if e.first <= trig.last or e.first - trig.last > 20 or _after(toks, e, {"as"}):
            continue
        between = {t.lower for t in toks[trig.last + 1 : e.first]}
        if ";" in between or "and" in between or "but" in between:
            break  # another clause's chamber: "was named minister, and parliament approved the budget"
        if set(e.name.lower().split()) & _CHAMBER_WORDS and not person_like(e.name):
            return e
    return None


# Words that make a capitalised name a gathering's, not a person's ("European Political Community").
_GATHERINGS = frozenset({"community", "forum", "conference", "summit"})
_OFFICES = frozenset({"president", "leader", "chairperson", "chairman", "chairwoman", "chair", "head", "chief",
                      "secretary-general", "speaker", "governor", "mayor", "ceo"})


def _place_modifier(e: Entity, trig: Trigger) -> bool:
    """True for a city or a region right before an event noun ("the Anchorage summit"): its place."""
    if e.last != trig.first - 1 or e.code:
        return False
    place = resolve_place(e.name)
    return place is not None and place.precision != "country"


def _convener(toks: list[Token], trig: Trigger, cands: list[Entity]) -> Entity | None:
    """The body a meeting noun is named for: "the European Political Community summit"; not a place ("the
    Alaska summit") nor a possessor ("Russia's talks")."""
    e = next((x for x in cands if x.last == trig.first - 1), None)
    if e is None or not e.name[:1].isupper() or genitive(toks[e.last].lower):
        return None
    gathering = bool(_GATHERINGS & set(e.name.lower().split()))
    if e.code or resolve_place(e.name) is not None or (person_like(e.name) and not gathering):
        return None
    return e


def _cause_by(toks: list[Token], trig: Trigger, cands: list[Entity]) -> list[Entity]:
    """The maker of what an undergoer's event followed: "sank following an attack by X", "sank, days after it was
    struck by X"; the clause names no agent of its own."""
    after = False
    for e in cands:
        if e.first <= trig.last or e.first - trig.last > 20:
            continue
        between = {t.lower for t in toks[trig.last + 1 : e.first]}
        after = bool(between & {"following", "after"}) and not between & {";", ".", "but", "while"}
        owner = genitive(toks[e.first - 1].lower)  # "by Yemen's Houthi rebels"
        if after and (_after(toks, e, {"by"}) or owner and e.first > 1 and toks[e.first - 2].lower == "by"):
            return [e]
    return []


def _subject(toks: list[Token], trig: Trigger, cands: list[Entity], seg: list[int]) -> list[Entity]:
    """The subject of the trigger's clause, office holders of named countries read as those countries."""
    out: list[Entity] = []
    for e in _clause_subject(toks, trig, cands, seg):
        out += [m for m in _countries_served(toks, e, cands) if m not in out]
    return out


def _countries_served(toks: list[Token], e: Entity, cands: list[Entity]) -> list[Entity]:
    """"The foreign ministers of A and B": the countries A and B for the ministers or for either country (class
    E21); any other party as it is."""
    holders = [h for h in cands if toks[h.last].lower in _OFFICE_PLURALS and h.last + 1 < len(toks)
               and toks[h.last + 1].lower == "of" and h.last < e.first + 1 and h.first <= e.first]
    for h in holders:
        after = sorted((c for c in cands if c.first > h.last), key=lambda c: c.first)
        members = coordinated(after, toks) if after and after[0].first - h.last <= 3 else []
        if members and all(country_code(m.name) for m in members) and (e == h or e in members):
            return members
    return [e]


def _clause_subject(toks: list[Token], trig: Trigger, cands: list[Entity], seg: list[int]) -> list[Entity]:
    """The subject of the trigger's clause: the nearest party on its left that is not inside a prepositional
    phrase, with those coordinated to it; a relative clause's antecedent; else the previous clause's subject."""
    start = clause_start(seg, trig.first)
    verb = not trig.noun or (trig.first > 0 and toks[trig.first - 1].lower in _BE)  # "have been fighting"
    if verb and _after_conjunction(toks, trig.first):
        shared = _previous_subject(toks, trig, cands)
        if shared:
            return shared  # "the protesters burned the governor's car near the bridge and stormed"
    opener = _participle_opening(toks, trig)
    if opener is not None:
        shared = _main_subject(toks, trig, cands) if _fronted(toks, opener) else _previous_subject(toks, trig, cands)
        if shared:
            return shared  # "X said after meeting Y", "Born in 1961, X was", "X barred ..., while ordering"
    head = _apposition_head(toks, trig, cands)
    if head is not None:
        return [head]  # "Massad Boulos, a US adviser, said", "RSF, a group that has fought for years, said"
    left = [e for e in cands if start <= e.first and e.last < trig.first
            and (not _in_phrase(toks, e, start) or _collective_of(toks, e))
            and not (toks[e.first - 1].lower in ("and", "or") and in_prepositional_phrase(toks, e, cands))]
    if left and _conjoined(toks, left[-1].last, trig.first):
        left = [e for e in left if not object_of_verb(toks, e)]  # "Japan has dispatched a team and will provide aid"
    if (len(left) > 1 and left[-1].last + 1 < trig.first and _participle_object(toks, left[-1])
            and not _participle_object(toks, left[-2])):
        left = left[:-1]  # "rebel groups fighting the military declared": the groups declared
    if left:
        return coordinated(list(reversed(_of_heads(toks, left, cands))), toks, backwards=True)
    if start > 0 and (toks[start].lower in RELATIVE or _relative_that(toks, start)):
        head = [e for e in cands if e.last in (start - 1, start - 2)
                and not (toks[start].lower == "that" and _governed(toks, e))] or _described(toks, start, cands)
        if head:
            return head[-1:]  # "Jasper Jeffers, who has been appointed", "RSF, a group that has been at war"
    earlier = [e for e in cands if e.last < start and not _after(toks, e, PREPOSITIONS)]
    outer = [e for e in earlier if seg[e.first] == seg[trig.first]]  # past ", which fights alongside X,"
    if outer and start > 0 and toks[start - 1].text == ",":
        return coordinated(list(reversed(outer)), toks, backwards=True)
    subjects = [e for e in earlier if not object_of_verb(toks, e)]  # "Japan has dispatched a team and will provide"
    if subjects and _no_subject(toks, start, trig.first):
        return coordinated(list(reversed(subjects)), toks, backwards=True)
    return []


def _after_conjunction(toks: list[Token], at: int) -> bool:
    """True for a verb right after "and" or "but" (past adverbs and auxiliaries): it has no subject of its own."""
    k = at - 1
    while k > 0 and (toks[k].lower in _ADVERBS or toks[k].lower in _BE or toks[k].lower in _AUXILIARIES):
        k -= 1
    return k > 0 and toks[k].lower in ("and", "but")


def _previous_subject(toks: list[Token], trig: Trigger, cands: list[Entity]) -> list[Entity]:
    """The subject of the nearest earlier verb, with those coordinated to it: a party before the trigger that
    heads a verb ("the US Mission in Yemen accused"), not an object or a name in a prepositional phrase."""
    before = [e for e in cands if e.last < trig.first]
    heads = [e for e in before if _heads_verb(toks, e)
             and (not in_prepositional_phrase(toks, e, cands) or _collective_of(toks, e))]  # "a panel of justices"
    if not heads:
        return []
    nearest = heads[-1]
    rest = [e for e in before if e.last < nearest.first and not in_prepositional_phrase(toks, e, cands)]
    return coordinated([nearest, *reversed(rest)], toks, backwards=True)


def _participle_opening(toks: list[Token], trig: Trigger) -> int | None:
    """Where an -ing participle (or "born") opens a clause with no subject that holds the trigger: the trigger
    itself ("after meeting") or the noun it governs ("while ordering the seizure"); None otherwise."""
    lo = max(0, trig.first - 4)
    if not any(t.lower.endswith("ing") or t.lower == "born" for t in toks[lo : trig.first + 1]):
        return None  # most triggers: no participle near
    for j in range(trig.first, lo - 1, -1):
        w = toks[j].lower
        if j < trig.first and not (toks[j].text.islower() or toks[j].text[:1].isdigit()):
            return None  # a name or a mark in between: the trigger is not in the participle's phrase
        if w in _UNDERGOING:
            return None
        if (w.endswith("ing") and len(w) > 4 and w.isalpha() and w not in _NOT_PARTICIPLES) or w == "born":
            before = toks[j - 1] if j > 0 else None
            if before is None or _fronted(toks, j) or before.text == "," or before.lower in _PARTICIPLE_CONJUNCTIONS:
                return j
            if not (j == trig.first and trig.noun):
                return None  # a noun in -ing ("the impounding") may still be governed by a participle before it
    return None


_NOT_PARTICIPLES = frozenset({"during", "according", "including", "following", "regarding", "concerning",
                              "excluding", "pending", "notwithstanding", "morning", "evening", "uprising",
                              "wedding"})
# Participles whose subject undergoes what follows: "after sustaining drone fire" names no agent of the fire.
_UNDERGOING = frozenset({"sustaining", "suffering", "receiving", "getting", "facing", "undergoing", "enduring",
                         "sinking", "coming"})
_PARTICIPLE_CONJUNCTIONS = frozenset({"after", "before", "while", "when", "since", "by", "without", "upon", "in"})


def _fronted(toks: list[Token], j: int) -> bool:
    """True for a participle opening the sentence, alone or after a conjunction ("Born in", "After meeting")."""
    return j == 0 or (j == 1 and toks[0].lower in _PARTICIPLE_CONJUNCTIONS)


def _main_subject(toks: list[Token], trig: Trigger, cands: list[Entity]) -> list[Entity]:
    """The subject after a fronted clause's comma ("Born in 1961, Takaichi was"), with those coordinated to it."""
    comma = next((k for k in range(trig.last + 1, len(toks)) if toks[k].text == ","), None)
    if comma is None:
        return []
    k = comma + 1
    if k < len(toks) and toks[k].lower in DETERMINERS:
        k += 1
    first = [e for e in cands if e.first >= k]
    if not first or first[0].first != k:
        return []
    return coordinated(first, toks)


def _heads_verb(toks: list[Token], e: Entity) -> bool:
    """True for a name followed by a verb, past an apposition or a short prepositional phrase ("Anwar Ibrahim,
    chair of ASEAN, conveyed", "the US Mission in Yemen accused")."""
    k, n = e.last + 1, len(toks)
    if k < n and toks[k].text == "." and "." in toks[e.last].text:
        k += 1  # "U.S." is tokenised as "U.S" and "."
    if k < n and toks[k].text == ",":
        close = next((j for j in range(k + 1, min(k + 30, n)) if toks[j].text == ","), None)
        k = n if close is None else close + 1
    elif k < n and toks[k].lower in ("in", "of", "from", "at", "for"):
        k += 1
        while k < n and (toks[k].lower in DETERMINERS or toks[k].text[:1].isupper()):
            k += 1
    while k < n and (toks[k].lower in _ADVERBS or toks[k].lower.endswith("ly")):
        k += 1
    return k < n and _verb_form(toks[k].text)


def _verb_form(w: str) -> bool:
    """True for a lower-case word that reads as a finite verb: "-ed", an irregular past, an auxiliary."""
    if not (w.isalpha() and w.islower()):
        return False
    return (w.endswith("ed") or w in _IRREGULAR_PAST or w in _FINITE or w in _BE or w in _SAYING
            or w in _MORE_PAST)


_MORE_PAST = frozenset("""quit put set cut let read became came went saw left kept lost paid rose fell won
    ran sat stood thought felt heard knew grew drew threw wrote chose broke""".split())


def _relative_that(toks: list[Token], start: int) -> bool:
    """True for a "that" opening a relative clause with no subject of its own ("a group that has been at war"),
    not a reported clause ("said that the army has")."""
    nxt = toks[start + 1].text if start + 1 < len(toks) else ""
    return toks[start].lower == "that" and toks[start - 1].lower not in _SAYING and _verb_form(nxt)


def _governed(toks: list[Token], e: Entity) -> bool:
    """True for a name after a preposition or a verb ("countries neighbouring the DRC that"): "that" may well
    refer to the phrase's head instead."""
    k = e.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    w = toks[k].lower if k >= 0 else ""
    return w in PREPOSITIONS or (w.isalpha() and toks[k].text.islower() and (w.endswith("ing") or _verb_form(w)))


def _described(toks: list[Token], start: int, cands: list[Entity]) -> list[Entity]:
    """The name an apposition before a relative clause describes: "Yoon, a former star prosecutor who" -> Yoon."""
    k = start - 1
    while k > 0 and start - k <= 6 and toks[k].text.islower() and toks[k].lower not in ("a", "an", "the"):
        k -= 1
    if k < 2 or toks[k].lower not in ("a", "an", "the") or toks[k - 1].text != ",":
        return []
    return [e for e in cands if e.last == k - 2 and e.name[:1].isupper()]


def _participle_object(toks: list[Token], e: Entity) -> bool:
    """True for the object of a participle that qualifies the name before it: "groups fighting the military"."""
    k = e.first - 1 if toks[e.first].lower in DETERMINERS else e.first - 2  # "the military" may hold its "the"
    if k < 1 or toks[k + 1].lower not in DETERMINERS:
        return False
    w = toks[k].text
    return w.endswith("ing") and w.isalpha() and w.islower() and w not in _NOT_PARTICIPLES


def _conjoined(toks: list[Token], after: int, at: int) -> bool:
    """True when a verb is joined to an earlier one by "and" or "but" with no subject of its own."""
    words = [t.lower for t in toks[after + 1 : at]]
    return bool(words) and words[0] in ("and", "but") and _no_subject(toks, after + 1, at)


def object_of_verb(toks: list[Token], e: Entity) -> bool:
    """True for a name right after a verb: the object of an earlier clause ("dispatched an assessment team")."""
    k = e.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    w = toks[k].text if k >= 0 else ""
    verb = w.endswith("ed") or w in _IRREGULAR_PARTICIPLES or w in _IRREGULAR_PAST
    return w.isalpha() and w.islower() and w not in _JOINERS and verb  # not "the incumbent Shigeru Ishiba"


_JOINERS = frozenset({"and", "or", "but", "then", "nor", "both", "either"}) | _ADVERBS


def in_prepositional_phrase(toks: list[Token], e: Entity, found: list[Entity]) -> bool:
    """True for a name inside a prepositional phrase, also as a later conjunct ("from the US and Arab powers")."""
    k = e.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    if k >= 0 and toks[k].lower in ("and", "or", ","):
        if toks[k].text == "," and e.last + 1 < len(toks) and toks[e.last + 1].lower not in (",", "and", "or"):
            return False  # "In response to the people, the RSF affirms": the clause's subject (class E25)
        if toks[k].text == "," and _list_before_verb(toks, e.last + 1):
            return False  # "After days of exchanges, Pakistan and India announced": a subject list (class A5-12)
        before = next((x for x in found if x.last in (k - 1, k - 2) and x.first < e.first
                       and not (x.last == k - 2 and _verb_form(toks[k - 1].text))), None)  # "at X missed and Y"
        return before is not None and in_prepositional_phrase(toks, before, found)
    return k >= 0 and toks[k].lower in PREPOSITIONS


def _list_before_verb(toks: list[Token], j: int) -> bool:
    """True when the names from j on, joined by "and" or commas, end right before a finite verb."""
    end = min(j + 12, len(toks))
    while j < end and (toks[j].text[:1].isupper() or toks[j].lower in (",", "and", "or", "the")):
        j += 1
    return j < end and _verb_form(toks[j].text)


def _collective_of(toks: list[Token], e: Entity) -> bool:
    """True for the members after a collective noun: "A panel of Supreme Court justices sentenced" -> the justices."""
    k = e.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    return k >= 1 and (toks[k].lower == "of" and toks[k - 1].lower in _COLLECTIVES
                       or toks[k].lower == "in" and toks[k - 1].lower in HOLDINGS)


# What is held in a company: "Shares of BSE rose", "Shares in X fell" are the company's moves (class E37).
HOLDINGS = frozenset({"shares", "stock", "stocks"})
_COLLECTIVES = frozenset({"panel", "group", "team", "delegation", "number", "majority", "coalition", "bench",
                          "committee", "handful", "dozens", "hundreds", "thousands"}) | HOLDINGS


def _in_phrase(toks: list[Token], e: Entity, start: int) -> bool:
    """True for a name inside a prepositional phrase; not for the subject after a clause's opening conjunction
    ("after Stellantis issued", "since the Taliban seized")."""
    k = e.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    return k >= 0 and toks[k].lower in PREPOSITIONS and not (k == start and toks[k].lower in _CONJUNCTIONS)


_CONJUNCTIONS = frozenset({"after", "before", "since", "until", "as", "while", "when", "once", "because"})


def _apposition_head(toks: list[Token], trig: Trigger, cands: list[Entity]) -> Entity | None:
    """The name an apposition describes when the verb follows it: "Indrika Ratwatte, the U.N.'s resident
    coordinator, said" and "Ricardo Alarcon, head of Cuba's National Assembly, said" -> the name."""
    close = trig.first - 1
    while close >= 0 and trig.first - close <= 3 and toks[close].text != ",":
        if not (toks[close].lower in _ADVERBS or toks[close].lower in _BE or toks[close].lower in _AUXILIARIES):
            return None  # only "also", "has", "had" ... between the closing comma and the verb
        close -= 1
    if close < 2 or toks[close].text != ",":
        return None
    for j in range(close - 1, max(0, close - 25), -1):
        if toks[j].text == ",":
            opener = toks[j + 1]
            if not (opener.lower in ("the", "a", "an") or opener.text.islower() or _owner_opens(toks, j + 1, cands)):
                return None
            described = next((x for x in cands if x.last == j - 1 and x.name[:1].isupper()), None)
            return _phrase_head(toks, described, cands) if described is not None else None
        if toks[j].lower in ("said", "says") or toks[j].text in ("“", '"', ";") or _complementiser(toks, j):
            return None  # a reported clause, not an apposition; "a group that has fought ..." stays inside
    return None


def _owner_opens(toks: list[Token], at: int, cands: list[Entity]) -> bool:
    """True for an apposition that opens with a name's possessive and a lower-case noun ("Stellantis' senior
    independent director", "Bolsonaro's former defense minister"): the owner describes the person, no party of the
    clause (class A6-5)."""
    owner = next((e for e in cands if e.first == at), None)
    if owner is None:
        return False
    k = owner.last + 1
    if genitive(toks[owner.last].lower):
        return k < len(toks) and toks[k].text.islower()
    return k + 1 < len(toks) and toks[k].text in ("'", "’") and toks[k + 1].text.islower()


def _phrase_head(toks: list[Token], e: Entity, cands: list[Entity]) -> Entity | None:
    """The party a described name stands for: the head before its preposition for a name inside a prepositional
    phrase ("the Joint Force of Armed Movements in Darfur, which fights ..." -> the Joint Force, class A5-9),
    none when that head is no name; else the name itself."""
    k = e.first - 1 - (e.first > 0 and toks[e.first - 1].lower in DETERMINERS)
    if k < 1 or toks[k].lower not in PREPOSITIONS:
        return e
    return next((x for x in cands if x.last in (k - 1, k - 2) and x.last < k and x.name[:1].isupper()
                 and not (x.last == k - 2 and toks[k - 1].text == ",")), None)


def _complementiser(toks: list[Token], j: int) -> bool:
    """True for a "that" opening a reported clause ("said that"), not a relative one ("a group that fought")."""
    return toks[j].lower == "that" and j > 0 and toks[j - 1].lower in _SAYING


_SAYING = frozenset({"said", "says", "say", "told", "added", "stated", "announced", "warned", "noted", "claimed"})
# Words after a name that make it the subject of a reported clause: "said the U.S. was working".
_FINITE = frozenset({"was", "were", "is", "are", "has", "had", "have", "would", "will", "could", "can", "may",
                     "might", "should", "must", "did", "does", "do"})


def _reported_subject(toks: list[Token], e: Entity) -> bool:
    """True for a name followed by a finite verb: the subject of what was said ("said the U.S. was working")."""
    k = e.last + 1
    if k < len(toks) and toks[k].text == "." and "." in toks[e.last].text:
        k += 1  # "U.S." is tokenised as "U.S" and "."
    return k < len(toks) and toks[k].lower in _FINITE


def _of_heads(toks: list[Token], left: list[Entity], cands: list[Entity]) -> list[Entity]:
    """The nearest party, or the head it belongs to: "The leaders of the G7 countries adopted" -> the leaders."""
    last = left[-1]
    k = last.first - 1
    while k > 0 and last.first - k <= 3 and toks[k].lower != "of" and toks[k].text not in (",", ";"):
        k -= 1
    head = [e for e in cands if e.last == k - 1] if k > 0 and toks[k].lower == "of" else []
    return left[:-1] + head if head else left


def _no_subject(toks: list[Token], start: int, at: int) -> bool:
    """True for a clause whose verb has no subject of its own: ", killing three", "and signed", "to deploy"."""
    words = [t.lower for t in toks[start:at] if t.text not in (",", "and", "but", "then")]
    return all(w in _ADVERBS or w in _BE or w in _AUXILIARIES for w in words)


def _speaker(toks: list[Token], trig: Trigger, cands: list[Entity], seg: list[int], right: list[Entity]) -> list[Entity]:
    """Who made a speech act: "X said", ", said X", "according to X", or the subject of its clause."""
    near = [e for e in cands if 0 < trig.first - e.last <= 2]
    if near and not _after(toks, near[-1], PREPOSITIONS):
        gap = 3 if toks[near[-1].first - 1].lower in DETERMINERS else 2  # "A and B said", "A and the B said"
        first = next((e for e in cands if e.last == near[-1].first - gap), None)
        joined = first is not None and toks[first.last + 1].lower == "and"
        if joined and not in_prepositional_phrase(toks, first, cands):
            return [first, near[-1]]  # "the army and the RSF said"
        return [near[-1]]  # "...,” Qassem said", "police said"
    after = toks[trig.last + 1].lower if trig.last + 1 < len(toks) else ""
    before = toks[trig.first - 1].text if trig.first else ""
    inverted = right and right[0].first - trig.last <= 2 and toks[trig.first].lower not in _ADDRESSING
    inverted = inverted and not _reported_subject(toks, right[0]) and not _object_pronoun(toks, right[0])
    if inverted and after not in ("to", "in", "on", "at") and before in _QUOTE_ENDS:
        return [right[0]]  # "...,” said Hazem Qassem"; not "X said rescuers were ..."
    return _subject(toks, trig, cands, seg)


_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her", "us", "me"})


def _object_pronoun(toks: list[Token], e: Entity) -> bool:
    """True for a party told by an object pronoun ("hailing it as a triumph"): the object, never an inverted
    speaker (class A5-7)."""
    return e.first == e.last and toks[e.first].lower in _OBJECT_PRONOUNS


_QUOTE_ENDS = frozenset({",", "”", '"', "’", "'", "", "—"})


def _possessor(toks: list[Token], trig: Trigger, cands: list[Entity]) -> Entity | None:
    """The party whose event a noun names: "Russia's invasion", "Lecornu's full resignation"."""
    for e in cands:
        if 0 < trig.first - e.last <= 2 and genitive(toks[e.last].lower):
            return e
        if 0 < trig.first - e.last <= 3 and toks[e.last + 1].text in ("'", "’") and _plural_possessive(toks, e):
            return e  # "the House of Representatives’ session", "Tavares' resignation" (class A5-17)
    return None


def _plural_possessive(toks: list[Token], e: Entity) -> bool:
    """True for a name in -s followed by a lone apostrophe: "Representatives’", "Tavares'"."""
    k = e.last + 1
    return k < len(toks) and toks[k].text in ("'", "’") and toks[e.last].lower.endswith("s")


def _fronted_owner(toks: list[Token], trig: Trigger, cands: list[Entity]) -> Entity | None:
    """The subject of the main clause after a sentence-opening phrase that holds the noun ("In a speech ..., he")."""
    if not toks or toks[0].lower not in _OPENING_PREPOSITIONS:
        return None
    comma = next((k for k in range(trig.last + 1, len(toks)) if toks[k].text == ","), None)
    if comma is None or any(t.text == "," for t in toks[: trig.first]):
        return None
    k = comma + 1
    if k < len(toks) and toks[k].lower in DETERMINERS:
        k += 1
    while k < len(toks) - 1 and toks[k].lower in TITLES and toks[k].text[:1].isupper():
        k += 1  # ", President Ana Ruiz vowed": the title is not the name
    return next((e for e in cands if e.first == k), None)


_OPENING_PREPOSITIONS = frozenset({"in", "during", "at", "following", "after", "before", "speaking", "from"})


def _passive(toks: list[Token], trig: Trigger) -> bool:
    """True for a verb in the passive: a form of "be" (or "get") and a participle ("was reportedly arrested");
    not a participle that describes the subject's own stance ("is committed to")."""
    if trig.noun or toks[trig.first].lower in _STANCES:
        return False
    w = toks[trig.first].lower
    if not (w.endswith("ed") or w in _IRREGULAR_PARTICIPLES):
        return False
    j = trig.first - 1
    while j >= 0 and (toks[j].lower in _ADVERBS or toks[j].lower.endswith("ly")):
        j -= 1
    return j >= 0 and toks[j].lower in _BE


def _after(toks: list[Token], e: Entity, words: frozenset[str] | set[str]) -> bool:
    """True when the word before a name (past a determiner) is one of `words`."""
    k = e.first - 1
    if k >= 0 and toks[k].lower in DETERMINERS:
        k -= 1
    return k >= 0 and toks[k].lower in words


def coordinated(ents: list[Entity], toks: list[Token], backwards: bool = False) -> list[Entity]:
    """The first entity and those joined to it by "and" or a comma ("Egypt and Jordan")."""
    out = [ents[0]]
    for e in ents[1:]:
        prev = out[-1]
        lo, hi = (e.last + 1, prev.first) if backwards else (prev.last + 1, e.first)
        while hi - 1 > lo and toks[hi - 1].text[:1].isupper() and toks[hi - 1].lower in TITLES:
            hi -= 1  # the title stripped from the next name: "and Prime Minister Ana Ruiz"
        joiners = [t.lower for t in toks[lo:hi]]
        if len(joiners) > 2 and joiners[-2] in ("the", "a", "an") and _modifier(toks[hi - 1]):
            joiners = joiners[:-1]  # "and the paramilitary Rapid Support Forces"
        if lo >= hi or joiners in ([","], ["and"], ["&"], [",", "and"], ["and", "the"], [",", "and", "the"]):
            out.append(e)  # "Egypt and Jordan", "Egypt, Jordan and the US"; not "countries, the US"
        else:
            break
    return sorted(reversed(out) if backwards else out, key=lambda e: e.first)  # ties keep the text order


def _modifier(tok: Token) -> bool:
    """True for a lower-case word that may qualify a name after "and the" ("paramilitary"): no verb, preposition,
    determiner or joining word."""
    w = tok.text
    return (w.replace("-", "").isalpha() and w.islower() and w not in PREPOSITIONS and w not in DETERMINERS
            and w not in _JOINERS and not _verb_form(w) and not w.endswith("ing"))  # "least-developed" too (E33)


def _unique(names) -> list[str]:
    """Names in order, each once."""
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out
