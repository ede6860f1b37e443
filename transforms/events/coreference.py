"""Who an article's pronouns and common nouns stand for: "he", "the group", "the companies" -> earlier names."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from transforms.events.actors import ORGANISATION_WORDS, TITLES, Entity, bare, demonyms, person_like
from transforms.events.clauses import CLAUSE_WORDS
from transforms.events.lexicon import WORDS
from transforms.events.places import DATA, country_code, country_name, country_name_of, resolve_place
from transforms.events.roles import HOLDINGS, PREPOSITIONS, coordinated, in_prepositional_phrase, object_of_verb
from transforms.events.lexicon import DETERMINERS
from transforms.events.tokens import LOWER, Token, genitive, in_quotation
from transforms.months import MONTH_WORDS

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})  # "we" in a quote is the speaker's side
PRONOUNS = _PERSON_PRONOUNS | _GROUP_PRONOUNS
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
_SENTENCE_OPENERS = frozenset({"“", '"', "(", "—", "-", ":", "‘", "'"})


class ActorNoun(NamedTuple):
    """A common noun that names a party ("protesters", "the junta"), its kind, what "the X" refers back to
    (`name`: an earlier name holding the noun or one of `same_as`, "the court"; `party`: also the story's main
    party, "the group"; or nothing) and the words a name may hold instead ("junta": military, army)."""

    kind: str
    refers_to: str
    same_as: tuple[str, ...]


@lru_cache(maxsize=1)
def actor_nouns() -> dict[str, ActorNoun]:
    """Noun -> ActorNoun, from transforms/data/actor_nouns.csv."""
    with (DATA / "actor_nouns.csv").open(encoding="utf-8") as fh:
        return {row["noun"]: ActorNoun(row["kind"], row["refers_to"], tuple(row["same_as"].split()))
                for row in csv.DictReader(fh)}


@lru_cache(maxsize=8192)
@lru_cache(maxsize=1)
def _kind_words() -> dict[str, str]:
    """Word of a name -> the kind of party it marks (transforms/data/actor_kinds.csv)."""
    with (DATA / "actor_kinds.csv").open(encoding="utf-8") as fh:
        return {row["word"]: row["kind"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=4096)
def actor_kind(name: str) -> str:
    """The kind of a party: person, government, armed group, company or organisation; "" when unknown.
    A country acts through its government; the last marking word decides ("Nippon Steel" a company)."""
    place = resolve_place(name)
    if place is not None and place.precision == "country":
        return "government"
    words = [w.lower().strip(".,’'") for w in name.split()]
    if len(words) > 2 and words[-3] in TITLES and person_like(" ".join(name.split()[-2:])):
        return "person"  # "Pakistan's Prime Minister Shehbaz Sharif"
    noun = actor_nouns().get(words[-1]) if words else None
    if noun is not None and (len(words) == 1 or name.split()[-1].islower()):
        return noun.kind
    for word in reversed(words):
        kind = _kind_words().get(word)
        if kind:
            return kind
    if person_like(name, 2):
        return "person"
    return "organisation" if name[:1].isupper() and (len(words) > 1 or name.isupper()) else ""


@lru_cache(maxsize=8192)
def _a_party(name: str) -> bool:
    """True for a name that "it", "they" or "the group" may stand for: no person, no bare nationality ("Arab")."""
    return not person_like(name) and not name.islower() and name.lower() not in demonyms()


@lru_cache(maxsize=8192)
def _a_person(name: str) -> bool:
    """True for a person's name or a person noun ("Chilean envoy")."""
    kind = actor_nouns().get(name.split()[-1].lower())
    return person_like(name, 1) or (kind is not None and kind.kind == "person" and name.split()[-1].islower())


class ActorMemory:
    """What an article has named so far: capitalised words seen mid-sentence, every name, the latest actors."""

    def __init__(self, tokens: list[Token]):
        # Capitalised after a lower-case word or a comma: a name, not a sentence's or a headline's first word.
        self.mid_sentence = {t.text for prev, t in zip(tokens, tokens[1:])
                             if t.text[:1].isupper() and (prev.text[:1].islower() or prev.text == ",")}
        self.names: list[str] = []  # every name met, the latest mentioned last
        self.recent: list[str] = []  # the latest event actors, most recent last
        self.groups: list[list[str]] = []  # event actor lists naming several parties ("Nippon Steel and U.S. Steel")
        self.mentions: Counter[str] = Counter()  # how often each name came up: "the group" is the story's party
        self.attackers: Counter[str] = Counter()  # agents named for the article's attacks: who sank a ship that "sank"
        self.companies: Counter[str] = Counter()  # names given as companies: what "the New York-based firm" is
        self.titles: dict[str, str] = {}  # title word -> the latest person named with it ("president" -> "Lee")
        self.codes: dict[str, str] = {}  # name -> the country it acts for ("Ilham Aliyev" -> AZE)
        self.bodies: dict[str, str] = {}  # person -> the body the article names them heading ("Carlos Tavares" -> Stellantis)
        self.ships = _ship_names(tokens)  # (offset, name) of each ship the article names, in order

    def real(self, toks: list[Token], e: Entity) -> bool:
        """False for a capitalised common word opening a sentence ("Thankfully", "Shares"): a one-word name that
        the article never capitalises mid-sentence and that is no country is not a name."""
        opening = e.first == 0 or toks[e.first - 1].text in _SENTENCE_OPENERS
        if opening and toks[e.first].lower in WORDS:
            return False  # "Calls for Oli to step down": an event word opening the sentence is no name
        if e.first != e.last or e.code:
            return True
        if not opening:
            return True
        word = toks[e.first].text
        return word.isupper() or word in self.mid_sentence or any(word in n.split() for n in self.names if " " in n)

    def saw(self, names: list[str], actors: list[str]) -> None:
        """Remember a sentence's names and an event's actors."""
        if names:
            self.names = [n for n in self.names if n not in names] + list(dict.fromkeys(names))
            self.mentions.update(names)
        if actors:
            self.recent = [a for a in self.recent if a not in actors] + list(actors)
            if len(actors) > 1:
                self.groups.append(list(actors))

    def pronoun(self, word: str) -> list[str]:
        """The latest actor(s) a pronoun can stand for: a person for "he"/"she", a party or parties for "it"/"they"."""
        if word in _PERSON_PRONOUNS:
            actor = None  # "the Chilean envoy ... He"; a description ("the liberal leader") is the person named
            for n in reversed(self.recent):
                if _a_person(n):
                    actor = actor or n
                    if n[:1].isupper():
                        actor = n
                        break
            found = actor or next((n for n in reversed(self.names) if person_like(n)), None)
            return [found] if found else []
        if word == "they" and self.groups and self.groups[-1][-1] == (self.recent or [None])[-1]:
            return list(self.groups[-1])  # "Egypt and Jordan met ... They agreed"
        found = next((n for n in [*reversed(self.recent), *reversed(self.names)] if _a_party(n)), None)
        return [found] if found else []

    def definite(self, noun: str, refers_to: str, modifiers: tuple[str, ...] = ()) -> list[str]:
        """The earlier name(s) "the <noun>" refers to: one containing the noun ("the court" -> "Constitutional
        Court"), the latest group of parties for a plural ("the companies"), else the story's most named party
        that is no person ("the group" -> "Rapid Support Forces")."""
        for word in (noun, *actor_nouns()[noun].same_as, *modifiers):
            for name in reversed(self.names):
                if word in name.lower().split() and not _description(name):
                    return [name]  # "the court" -> "Constitutional Court", "the junta" -> "Myanmar military"
        if noun in _CHAMBER_NOUNS:
            # "the upper chamber" is one of the parliament's houses, which the article did not name: no guess
            return [] if {"upper", "lower"} & set(modifiers) else self.home_chamber(noun)
        if refers_to != "party":
            return []
        if noun.endswith("s") and self.groups:
            return list(self.groups[-1])
        parties = ([n for n in self.recent if _a_party(n) and not _description(n)]
                   or [n for n in self.names if _a_party(n) and not _description(n)])
        best = max(reversed(parties), key=lambda n: self.mentions[n], default=None)  # the most named, then the latest
        return [best] if best else []

    def ship(self, at: int) -> str | None:
        """The ship "the vessel" at this offset is: the latest named before it, else the first named after it
        ("... the vessel had been targeted. He identified the vessel as the Norderney"), else None (class A4-1)."""
        before = [name for start, name in self.ships if start < at]
        if before:
            return before[-1]
        return self.ships[0][1] if self.ships else None

    def home_chamber(self, noun: str) -> list[str]:
        """ "The parliament" of an article that named no chamber: that of the country its parties act for, when
        one country's parties are named at least twice as often as any other's (class A4-8); else nothing."""
        weight: Counter[str] = Counter()
        for name, code in self.codes.items():
            weight[code] += self.mentions[name]
        ranked = weight.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return []
        country = _country_phrase(ranked[0][0])
        body = "Parliament" if noun == "chamber" else noun.capitalize()  # "the legislative chamber" (class A6-10)
        return [f"{body} of {country}"] if country else []

    def nations(self) -> list[str]:
        """The countries of the latest group of parties, when each has one ("Aliyev and Pashinyan" ->
        Azerbaijan, Armenia): what "the countries" refers to."""
        if not self.groups:
            return []
        codes = [self.codes.get(n) for n in self.groups[-1]]
        names = [country_name_of(c) for c in codes if c]
        return names if len(names) == len(codes) and len(set(names)) > 1 else []

    def company(self, country: str | None = None) -> str | None:
        """The company the article names most often (the latest on a tie): of those it introduced as companies
        ("steelmaker X"), else of the names that read as a company's ("Nippon Steel"); of the country a
        nationality gives ("the Japanese steelmaker"), when given, a company of another country is not it."""
        pool = self.companies or Counter({n: self.mentions[n] for n in self.names if actor_kind(n) == "company"})
        names = [n for n in pool if country is None or (self.codes.get(n) or _named_country(n)) in (None, country)]
        if not names:
            return None
        return max(reversed(names), key=lambda n: pool[n])

    def attacker(self) -> str | None:
        """The party the article names most often as an attack's agent (the latest on a tie), if any."""
        if not self.attackers:
            return None
        return max(reversed(list(self.attackers)), key=lambda n: self.attackers[n])

    def titled(self, toks: list[Token], entities: list[Entity]) -> None:
        """Remember the titles a sentence gives its people ("President Ramchandra Paudel", "X was sworn in as
        South Korea's new president")."""
        for e in entities:
            j = e.first - 1
            while j >= 0 and toks[j].lower in TITLES and person_like(e.name):
                self.titles[toks[j].lower] = e.name
                j -= 1
            office = _office_taken(toks, e, entities) if person_like(e.name) else None
            if office is not None:
                self.titles[office] = e.name  # "the country's 21st president" is then X (class A4-4)

    def led(self, toks: list[Token], entities: list[Entity]) -> None:
        """Remember the body a person heads when a sentence names it right before them, with at most their title
        between ("Stellantis CEO Carlos Tavares", "Stellantis boss Carlos Tavares", "its CEO Carlos Tavares")."""
        for body, person in zip(entities, entities[1:]):
            if person.first - body.last > 3:
                continue  # most neighbouring names stand apart
            between = toks[body.last + 1 : person.first]
            if (len(between) <= 2 and not body.code and body.name[:1].isupper()
                    and all(t.lower in TITLES or t.lower in _HEADS for t in between)
                    and person_like(person.name) and resolve_place(body.name) is None):
                self.bodies[person.name] = body.name

    def institution(self, word: str) -> str | None:
        """The latest name the article gave an institution ending in this word ("ministry" -> "Foreign ministry of
        China", "Ministry of Defence"), else None (class A5-3)."""
        return next((n for n in reversed(self.names) if word in n.lower().split() and not _description(n)), None)

    def holder(self, noun: str) -> list[str]:
        """The person "the <noun>" is: the latest named with that title, else for a bare "the politician" the
        latest person who acted."""
        if noun in self.titles:
            return [self.titles[noun]]
        if noun in TITLES:
            return []  # "the president" when no president was named: no guess
        return self.pronoun("he")

    def canonical(self, name: str) -> str:
        """One name per entity: "Trump" -> "Donald Trump" (or "Lee" -> "Lee Jae-myung") when the article named
        exactly one such person; "Houthi rebels" -> "Houthis" when the article names the group so."""
        plain = name.replace(".", "")
        country = (country_name(name) or country_name(plain)) if plain.isupper() and len(plain) <= 4 else None
        if country is not None:
            return country  # "US", "U.S." ("U.S" at a sentence's end) and "USA" are "United States"
        other = _country_alias(name)
        if other is not None:
            return other  # "Britain" is "United Kingdom", "Burma" is "Myanmar" (class A3-4)
        if plain.isupper() and 2 <= len(plain) <= 6:
            spelled = {n for n in self.names if " " in n and _initials(n) == plain}
            if len(spelled) == 1:
                return spelled.pop()  # "RSF" -> "Rapid Support Forces", named so in the article
        words = name.split()
        if (len(words) == 2 and words[0][:1].isupper() and words[1] in actor_nouns() and words[1].islower()
                and actor_nouns()[words[1]].kind == "armed group"):  # "Houthi rebels" are the Houthis
            plural = words[0] + "s"
            return plural if plural in self.names else name
        if " " in name or not name[:1].isupper():
            return name
        longer = {n for n in self.names if person_like(n) and name in (n.split()[0], n.split()[-1])}
        return longer.pop() if len(longer) == 1 else name


@lru_cache(maxsize=4096)
def _country_alias(name: str) -> str | None:
    """The country's one name for another name of it that shares none of its words ("Britain", "America",
    "Türkiye"), else None: "DR Congo" and "Netherlands" stay as written, and so does a name whose gazetteer form
    is a territory's description ("Palestine")."""
    canonical = country_name(name)
    if canonical is None or canonical == name or "territory" in canonical.lower():
        return None
    return None if set(name.lower().split()) & set(canonical.lower().split()) else canonical


# Lower-case words for the head of a company or a body, no title before a name ("Stellantis boss Carlos Tavares").
_HEADS = frozenset({"boss", "chief", "ceo", "chairman", "chairwoman", "chairperson", "founder", "head", "leader",
                    "president", "director", "executive"})


# Words of taking an office that an "as" phrase names: "sworn in as president", "was elected as prime minister".
_TAKING_OFFICE = frozenset({"sworn", "elected", "appointed", "named", "installed", "inaugurated", "confirmed",
                            "chosen", "nominated"})


def _office_taken(toks: list[Token], e: Entity, entities: list[Entity]) -> str | None:
    """The title noun of the office a person takes in this clause ("Lee was sworn in as South Korea's new
    president" -> "president"), else None; not an office held before ("who served as minister")."""
    if _TAKING_OFFICE.isdisjoint(map(LOWER, toks[e.last + 1 : e.last + 6])):
        return None  # the word of taking office stands between the name and its "as"; most names have none
    k = e.last + 1
    while k < len(toks) and k - e.last <= 5 and toks[k].lower != "as" and toks[k].text not in (",", ";"):
        k += 1
    if k >= len(toks) or toks[k].lower != "as" or not any(t.lower in _TAKING_OFFICE for t in toks[e.last + 1 : k]):
        return None
    if any(x.first > e.last and x.first < k for x in entities):
        return None  # "X appointed Y as ...": the office is Y's
    for t in toks[k + 1 : k + 6]:
        noun = actor_nouns().get(t.lower)
        if noun is not None and noun.refers_to == "title":
            return t.lower
        if t.text in (",", ";", "."):
            return None
    return None


# What a ship's name follows: "cargo ship, Eternity C", "vessel as the Norderney", "bulker, the Magic Seas".
_SHIP_NAME_OPENERS = frozenset({",", "—", "–", "as", "the", "named", "called"})


def _ship_names(tokens: list[Token]) -> list[tuple[int, str]]:
    """(offset, name) of every capitalised name set right after a ship noun ("tanker Sounion", "a cargo ship,
    Eternity C,", "identified the vessel as the Norderney"): the article's ships, in text order."""
    out = []
    ships = _ship_nouns_registry()
    # Most articles name no ship: one set test over the words, in C, settles them (half the cost of the search).
    if ships.isdisjoint(map(LOWER, tokens)):
        return out
    for i in compress(range(len(tokens)), map(ships.__contains__, map(LOWER, tokens))):
        j = i + 1
        while j < len(tokens) and j - i <= 3 and tokens[j].lower in _SHIP_NAME_OPENERS:
            j += 1
        k = j
        while k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].text.replace("-", "").isalnum():
            k += 1
        name = " ".join(t.text for t in tokens[j:k])
        reported = k < len(tokens) and tokens[k].lower in _QUOTING | {"reported", "says"}  # ", The AP reported"
        if name and k - j <= 4 and not reported and resolve_place(name) is None and name.lower() not in WORDS:
            out.append((tokens[j].start, name))
    return out


@lru_cache(maxsize=1)
def _ship_nouns_registry() -> frozenset[str]:
    """The actor nouns of kind ship (transforms/data/actor_nouns.csv)."""
    return frozenset(n for n, a in actor_nouns().items() if a.kind == "ship")


def _named_country(name: str) -> str | None:
    """The country a name's first word names ("U.S. Steel" -> USA), else None."""
    first = name.split()[0]
    return country_code(first) or demonyms().get(first.lower())


def _initials(name: str) -> str:
    """The capitals of a name's words, connectors skipped: "Liberal Democratic Party" -> "LDP"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _description(name: str) -> bool:
    """True for a common-noun phrase that names no one ("US-led mediator group"); not "Houthi rebels"."""
    first = name.split()[0]
    return name.split()[-1].islower() and (first.islower() or "-" in first)


def parties(toks: list[Token], entities: list[Entity], memory: ActorMemory) -> list[Entity]:
    """The sentence's possible parties: its real names, its actor nouns ("Kenyan protesters") and its pronouns,
    each resolved to a name where the article gives one; sorted by position."""
    out = _titled(toks, [_held(toks, e) for e in entities if memory.real(toks, e) and not _modifier(toks, e)])
    memory.titled(toks, out)
    memory.codes.update((e.name, e.code) for e in out if e.code)
    memory.companies.update(e.name for e in out if _a_company(toks, e))
    taken = {k for e in out for k in range(e.first, e.last + 1)}
    nouns = actor_nouns()
    for i, tok in enumerate(toks):
        if i in taken:
            continue
        w = tok.lower
        if w in _FIRST_PERSON and in_quotation(toks, i):
            names = _quote_speaker(toks, i, out) or memory.pronoun("he")  # "“I was appointed ...”": the speaker
            out.extend(Entity(i, i, name, country_code(name)) for name in names)
        elif w in PRONOUNS:
            # A possessive ("his resignation letter") is kept for the noun it owns; roles.py uses it for nothing else.
            names = _antecedent(toks, i, out, memory) or memory.pronoun(POSSESSIVES.get(w, w))
            out.extend(Entity(i, i, name, country_code(name)) for name in names)
        elif (w in nouns or (("’" in w or "'" in w) and bare(w) in nouns and not _office_of(toks, i))) and (
                tok.text[:1].islower() or _opens(toks, i)):
            key = w if w in nouns else bare(w)  # "the council's next summit": the council
            phrase = _noun_phrase(toks, i, nouns[key], memory, key, out)
            named = next((e for e in out if e.first < phrase[0].first <= e.last + 1 and e.last < i
                          and e.name.split()[-1].lower() in ORGANISATION_WORDS), None) if (
                len(phrase) == 1 and phrase[0].last == i) else None
            if named is not None:  # "Supreme Court justices": an institution and its members are one party
                phrase = [Entity(named.first, i, f"{named.name} {tok.text}", named.code)]
            if phrase and _names_next(toks, i, out, nouns[key]):
                phrase = []  # "US trading firm Jane Street", "steelmaker X": a description of the name after it (A6-9)
                out = [e for e in out if not (i - 3 <= e.first and e.last < i and e.name[:1].isupper() and e.code)]
            if phrase:
                out = [e for e in out if not phrase[0].first <= e.first <= e.last < i] + phrase  # "Houthi rebels"
        elif i > 1 and toks[i - 1].lower == "of" and _counted_people(toks, i):
            out.append(Entity(i, i, tok.text, None))  # "Thousands of teachers protested"
    starts = {e.first for e in out}
    out = [e for e in out if not (genitive(toks[e.last].text) and e.last + 1 in starts)]  # "Yemen's"
    ends = {e.last for e in out}
    out = [e for e in out if not _short_form(toks, e, ends)]
    found = _appositions(toks, _governments(toks, _represented(toks, sorted(out, key=lambda e: e.first))))
    memory.led(toks, found)
    return found


# "I" and "me" inside a quotation are the person quoted (class E36); "we" may be a country, a party or a team.
_FIRST_PERSON = frozenset({"i", "me"})
_QUOTING = frozenset({"said", "says", "told", "added", "wrote", "stated", "asked", "insisted"})


def _names_next(toks: list[Token], i: int, found: list[Entity], noun: ActorNoun) -> bool:
    """True for a singular company or organisation noun right before a name ("trading firm Jane Street",
    "steelmaker Cleveland-Cliffs"): it describes that name, no party of its own."""
    return (noun.kind in ("company", "organisation") and not toks[i].lower.endswith("s") and toks[i].text.islower()
            and any(e.first == i + 1 and e.name[:1].isupper() for e in found))


def _quote_speaker(toks: list[Token], i: int, found: list[Entity]) -> list[str]:
    """The person a quotation is attributed to right after it closes: "“I will go,” Lee said" -> Lee."""
    close = next((k for k in range(i + 1, len(toks)) if toks[k].text in ("”", '"')), None)
    if close is None:
        return []
    after = [e for e in found if close < e.first <= close + 4 and person_like(e.name, 1) and e.name[:1].isupper()]
    near = {t.lower for t in toks[close + 1 : close + 7]}
    return [after[0].name] if after and near & _QUOTING else []


def _held(toks: list[Token], e: Entity) -> Entity:
    """ "Shares of BSE" -> BSE: a holding is no part of the company's name (class E37); any other name as it is."""
    if toks[e.first].lower not in HOLDINGS or e.last < e.first + 2 or toks[e.first + 1].lower not in ("of", "in"):
        return e
    name = " ".join(t.text for t in toks[e.first + 2 : e.last + 1])
    return Entity(e.first + 2, e.last, bare(name), e.code or country_code(name))


def _governments(toks: list[Token], found: list[Entity]) -> list[Entity]:
    """One name for a country's government (class E26): "the Sudanese government", "Sudan's government" and "the
    government of Sudan" are all "Government of Sudan"."""
    out = [_national_body(_national_government(e)) for e in found]
    for k, e in enumerate(out):
        if e.name != "government" or e.last + 1 >= len(toks) or toks[e.last + 1].lower != "of":
            continue
        nxt = next((x for x in out if x.first in (e.last + 2, e.last + 3) and x.code), None)
        if nxt is not None and country_code(nxt.name) and _government_of(nxt.code):
            out[k] = Entity(e.first, nxt.last, _government_of(nxt.code), nxt.code)  # "the government of Sudan"
    return [e for e in out if not any(x.first < e.first and e.last <= x.last for x in out)]


def _national_government(e: Entity) -> Entity:
    """ "Sudanese government", "Sudan government" -> "Government of Sudan"; any other party as it is."""
    words = e.name.split()
    country = " ".join(words[:-1])
    if (len(words) < 2 or words[-1].lower() != "government" or not e.code
            or not (country_code(country) or country.lower() in _demonym_words())):
        return e
    return Entity(e.first, e.last, _government_of(e.code) or e.name, e.code)


# A country's state bodies, named "<Body> of <Country>" like its government (class E31); the members acting in
# office are their body ("Brazilian Supreme Court justices sentenced": the court).
# Not "congress": "Nepali Congress" is a party.
_CHAMBER_NOUNS = frozenset({"parliament", "legislature", "chamber"})
_STATE_BODIES = frozenset({"court", "parliament", "assembly", "senate", "legislature", "ministry", "tribunal"})
_BODY_MEMBERS = frozenset({"justices", "judges"})


def _national_body(e: Entity) -> Entity:
    """ "South Korean Constitutional Court", "Brazilian Supreme Court justices", "Italian parliament" -> the
    "Constitutional Court of South Korea", "Supreme Court of Brazil", "Parliament of Italy"; any other party as it
    is (class E31)."""
    words = e.name.split()
    if len(words) > 2 and words[-1] in _BODY_MEMBERS and words[-2].lower() in _STATE_BODIES:
        words = words[:-1]  # the justices of a court, in office: the court
    if len(words) < 2 or words[-1].lower() not in _STATE_BODIES:
        return e
    lead = next((n for n in (2, 1) if len(words) > n and _nation(" ".join(words[:n]))), 0)
    code = _nation(" ".join(words[:lead])) if lead else e.code  # "Kenya parliament", "South Korean ... Court"
    country = _country_phrase(code) if code else None
    body = words[lead:]
    if country is None or any(w[:1].isupper() and w.lower() in _demonym_words() for w in body):
        return e
    name = " ".join(body)
    return Entity(e.first, e.last, f"{name[:1].upper()}{name[1:]} of {country}", code)


def _nation(words: str) -> str | None:
    """The country code of a nationality or a country's name ("South Korean", "Kenya"), else None."""
    return country_code(words) or demonyms().get(words.lower())


def _government_of(code: str) -> str | None:
    """ "Government of Sudan", "Government of the Philippines" for a country code."""
    country = _country_phrase(code)
    return f"Government of {country}" if country else None


def _country_phrase(code: str) -> str | None:
    """A country's name as it follows "of": "Sudan", "the Philippines", "the United Kingdom"."""
    name = country_name_of(code)
    if not name:
        return None
    plural = name.startswith(("United", "Democratic", "Republic", "Central")) or name.endswith("s")
    return f"{'the ' if plural else ''}{name}"


def _office_of(toks: list[Token], i: int) -> bool:
    """True for a possessive that names a person's office ("the court's acting chief Moon"): no party of its own."""
    return any(t.lower in TITLES for t in toks[i + 1 : i + 3])


def _counted_people(toks: list[Token], i: int) -> bool:
    """True for a lower-case plural after "thousands of", "hundreds of", "dozens of": people acting together."""
    if i < 2 or toks[i - 1].lower != "of":  # most words: checked first, this runs on every word
        return False
    w = toks[i].text
    return (w.isalpha() and w.islower() and w.endswith("s")
            and toks[i - 2].lower in ("thousands", "hundreds", "dozens", "scores", "tens"))


_REPRESENTATIVES = frozenset({"delegations", "delegation", "representatives", "officials", "envoys", "diplomats",
                              "negotiators", "ministers"})


def _represented(toks: list[Token], found: list[Entity]) -> list[Entity]:
    """ "Delegations from Armenia and Georgia held talks": the countries they come from, in the delegations' place."""
    out: list[Entity] = []
    for k, e in enumerate(found):
        after = e.last + 1
        if after < len(toks) and toks[after].lower == "from" and e.name.lower() in _REPRESENTATIVES:
            start = after + 1 + (after + 1 < len(toks) and toks[after + 1].lower in DETERMINERS)
            named = [x for x in found[k + 1 :] if x.first >= start]
            if named and named[0].first == start and named[0].name[:1].isupper():
                out.extend(Entity(e.first, e.last, x.name, x.code) for x in coordinated(named, toks))
                continue
        out.append(e)
    return out


def _short_form(toks: list[Token], e: Entity, ends: set[int]) -> bool:
    """True for a bracketed short form right after the name it abbreviates ("Rapid Support Forces (RSF)"): the
    same party, which must not break the name's coordination."""
    return (e.first == e.last and 1 < e.first and e.last + 1 < len(toks) and toks[e.first - 1].text == "("
            and toks[e.last + 1].text == ")" and e.first - 2 in ends)


def _appositions(toks: list[Token], found: list[Entity]) -> list[Entity]:
    """A description set off after a name is that name: "The RSF, a paramilitary group that ..." -> the RSF."""
    out = list(found)
    for k, e in enumerate(out):
        a = e.first - 1
        while a > e.first - 3 and a > 0 and toks[a].text.islower() and toks[a].lower not in ("a", "an"):
            a -= 1  # "an armed group": a modifier the noun phrase did not take
        described = e.name[-1:].islower() and a >= 2 and toks[a].lower in ("a", "an")
        if described and toks[a - 1].text == ",":
            named = next((x for x in out[:k] if x.last == a - 2 and x.name[:1].isupper()), None)
            if named is not None:
                out[k] = Entity(e.first, e.last, named.name, named.code)
                # a pronoun already resolved to the description ("..., it said") is the name too
                out = [Entity(x.first, x.last, named.name, named.code) if x.name == e.name and x.first == x.last
                       and toks[x.first].lower in PRONOUNS else x for x in out]
        alias = _alias(toks, e, out) if e.name[-1:].islower() else None
        if alias is not None:
            out[k] = Entity(e.first, e.last, alias.name, alias.code)  # "a mediator group, also known as the Quad"
    return out


def _alias(toks: list[Token], e: Entity, found: list[Entity]) -> Entity | None:
    """The name the article gives a description right after it: ", also known as the Quad" (class E24)."""
    k = e.last + 1
    words = [t.lower for t in toks[k:k + 4]]
    for opener in ([",", "also", "known", "as"], [",", "known", "as"], ["(", "known", "as"]):
        if words[:len(opener)] == opener:
            at = k + len(opener) + (k + len(opener) < len(toks) and toks[k + len(opener)].lower == "the")
            return next((x for x in found if x.first == at and x.name[:1].isupper()), None)
    return None


def _modifier(toks: list[Token], e: Entity) -> bool:
    """True for a nationality qualifying a thing that is no party: "Liberian-flagged", "Israeli ports"; not
    "Israeli strikes" (an event word: the nation is its agent) nor "Kenyan protesters" (an actor noun, read later)."""
    if e.first != e.last or e.name.lower() not in _demonym_words():
        return False
    if toks[e.first].text.startswith(e.name + "-") or (e.last + 1 < len(toks) and toks[e.last + 1].text[:1] == "-"):
        return True  # "Liberian-flagged", "Greek-owned"
    if e.last + 1 >= len(toks):
        return False
    nxt = toks[e.last + 1].text
    head = [t.text for t in toks[e.last + 1 : e.last + 4]]
    if any(w in actor_nouns() for w in head) or "and" in head[:1]:
        return False  # "the Philippine disaster response team", "Rwandan and Congolese teams"
    return nxt.isalpha() and nxt.islower() and nxt not in WORDS


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    """Nationality adjectives, lower-cased."""
    return frozenset(d.lower() for d in demonyms())


def _opens(toks: list[Token], i: int) -> bool:
    """True for a capitalised word opening a sentence that is no title before a name ("Police said", not
    "Mayor Lena Ortiz")."""
    at_start = i == 0 or toks[i - 1].text in _SENTENCE_OPENERS
    return at_start and not (i + 1 < len(toks) and toks[i + 1].text[:1].isupper())


def _titled(toks: list[Token], entities: list[Entity]) -> list[Entity]:
    """ "Armenian Foreign Minister Ararat Mirzoyan": the person, spanning the nationality and title before the name
    (the tagger of names gives the nationality as an entity of its own, with the person's country)."""
    out: list[Entity] = []
    for e in entities:
        prev = out[-1] if out else None
        owner = prev is not None and genitive(toks[prev.last].text)  # "Yemen's Houthi": two parties
        between = toks[prev.last + 1 : e.first] if prev else []
        titled = all(t.text == "." or t.lower in TITLES or t.text[:1].isupper() for t in between) and (
            bool(between) or bool(prev) and prev.code == e.code)
        if (prev and not owner and prev.first == prev.last and prev.code and titled and e.code in (None, prev.code)
                and 0 < e.first - prev.last <= 4):
            out[-1] = Entity(prev.first, e.last, e.name, prev.code)  # "U.S. President Donald Trump" (broke at ".")
        else:
            out.append(e)
    return out


def _antecedent(toks: list[Token], i: int, found: list[Entity], memory: ActorMemory) -> list[str]:
    """A pronoun's antecedent in its own sentence: the nearest earlier party of the right kind that is not in a
    prepositional phrase ("Rapid Support Forces said Thursday it has agreed")."""
    person = toks[i].lower in _PERSON_PRONOUNS
    fits = [e for e in sorted(found, key=lambda x: x.first, reverse=True)
            if e.last < i and person_like(memory.canonical(e.name), 1 if person else 2) == person
            and not in_prepositional_phrase(toks, e, found)]  # "Oli ... said he": a one-word name may be a person
    subjects = [e for e in fits if not object_of_verb(toks, e)]  # "X, which fought the army, said it ...": X
    if subjects and _object_pronoun(toks, i) and _same_clause(toks, subjects[0].last, i):
        fits = [e for e in fits if e.first != subjects[0].first]  # "X accused them": not X (class A5-14)
        subjects = subjects[1:]
    if not fits:
        return []
    chosen = (subjects or fits)[0]
    if toks[i].lower in ("they", "their", "them"):
        joined = coordinated([chosen, *[e for e in fits if e.first < chosen.first]], toks, backwards=True)
        same = [e for e in fits if e.first == chosen.first]  # a group stays a group, "A and B" both
        return list(dict.fromkeys(e.name for e in (joined + same if len(joined) > 1 else same)))
    return [chosen.name]


def _object_pronoun(toks: list[Token], i: int) -> bool:
    """True for "them" or "him" right after a verb ("accused them", "told him"): its object."""
    w = toks[i - 1].text if i else ""
    return toks[i].lower in ("them", "him") and w.isalpha() and w.islower() and w not in CLAUSE_WORDS


def _same_clause(toks: list[Token], after: int, at: int) -> bool:
    """True when no comma, semicolon or clause word stands between two tokens."""
    return not any(t.text in (",", ";") or t.lower in CLAUSE_WORDS for t in toks[after + 1 : at])


def _a_company(toks: list[Token], e: Entity) -> bool:
    """True for a name the article introduces as a company: "trading firm Jane Street", "steelmaker X"."""
    before = toks[e.first - 1].lower if e.first else ""
    noun = actor_nouns().get(before)
    return noun is not None and noun.kind == "company" and e.first > 0 and toks[e.first - 1].text.islower()


def _company_modifier(tok: Token) -> bool:
    """A word that may qualify "firm" in a description: no determiner, verb, preposition or actor noun."""
    w = tok.text
    verb = w.endswith("ed") and "-" not in w  # "sued"; not "New York-headquartered"
    return (w.replace("-", "").isalnum() and tok.lower not in _STOP_MODIFIERS - TITLES and not verb
            and tok.lower not in actor_nouns())


def _described_company(toks: list[Token], i: int, memory: ActorMemory) -> Entity | None:
    """ "The high frequency trading firm", "the New York-headquartered firm" -> the article's company."""
    j = i
    while j > 0 and i - j < 4 and _company_modifier(toks[j - 1]):
        j -= 1  # "high frequency trading", "New York-headquartered"
    country = demonyms().get(toks[j].lower) if j < i else None  # "the Japanese steelmaker": Japan's
    name = memory.company(country) if j > 0 and toks[j - 1].lower == "the" else None
    return Entity(j - 1, i, name, country_code(name)) if name else None


# Things and acts an actor noun may qualify: then it names no party of the clause.
_THINGS = frozenset({"complex", "building", "buildings", "headquarters", "station", "stations", "base", "bases",
                     "compound", "offices", "facilities", "facility", "crackdown", "convoy", "residence",
                     "premises", "vehicle", "vehicles", "budget", "website", "chamber"})


def _noun_phrase(toks: list[Token], i: int, noun: ActorNoun, memory: ActorMemory, word: str,
                 found: list[Entity]) -> list[Entity]:
    """An actor noun as a party: "the group" -> the name it refers back to; "Kenyan protesters" -> itself."""
    if i + 1 < len(toks) and toks[i + 1].lower in _THINGS:
        return []  # "the main government complex", "the police crackdown": a thing's modifier (class A5-16)
    if noun.kind == "ship":
        return _ship_phrase(toks, i, memory)
    if noun.kind == "company" and not word.endswith("s"):
        described = _described_company(toks, i, memory)
        if described is not None:
            return [described]
    j = i
    reach = 3 if noun.refers_to == "employer" else 2
    while j > 0 and i - j < reach and (_modifier_word(toks[j - 1]) or (reach == 3 and toks[j - 1].text in TITLES)):
        j -= 1  # "rebel groups", "Kenyan protesters": one or two modifiers; not "videos showed protesters"
    holder = _office_holder(toks, i, memory, word) if noun.refers_to == "title" else None
    if holder is not None:
        return [holder]
    before = toks[j - 1].lower if j > 0 else ""
    if noun.refers_to == "employer" and j < i:
        named = memory.institution(toks[i - 1].lower) if i - j == 1 and toks[j].text.islower() else None
        if named:  # "A ministry spokesman": the ministry the article named ("Indonesia's defence ministry")
            return [Entity(j, i, named, country_code(named))]
        return [_employer(toks, j, i)]  # "a US state department spokesperson" speaks for the department
    if noun.refers_to == "title" and before == "the" and all(t.text[:1].islower() or t.text[:1].isdigit() for t in toks[j:i]):
        names = memory.holder(word)  # "the 64-year-old politician", "the new president"
        if names:
            return [Entity(j - 1, i, names[0], country_code(names[0]))]
    if noun.kind == "person" and before not in DETERMINERS and not word.endswith("s"):
        return []  # "elected prime minister", "as Japan's prime minister": an office; "African leaders" are parties
    nations = memory.nations() if noun.refers_to == "party" and noun.kind == "government" else []
    if nations and before in ("the", "both", "two") and word.endswith("s"):
        return [Entity(j - 1, i, n, country_code(n)) for n in nations]  # "the South Caucasus countries"
    here = _named_here(toks, i, noun, found, memory) if before == "the" and j == i else None
    if here is not None:
        return [Entity(j - 1, i, here.name, here.code)]  # "The RSF's agreement comes after the group seized"
    if noun.refers_to and before in ("the", "both", "two") and all(t.text.islower() for t in toks[j:i]):
        names = memory.definite(word, noun.refers_to, tuple(t.lower for t in toks[j:i]))
        if names:
            return [Entity(j - 1, i, name, country_code(name)) for name in names]
    words = [t.text for t in toks[j : i + 1]]
    words[-1] = bare(words[-1])  # "the army's": the army
    return [Entity(j, i, " ".join(words), _leading_country(words))]


_ORGANISATION_KINDS = frozenset({"organisation", "armed group", "company"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|first|second|third|new|newly-elected|incoming|current")


def _office_holder(toks: list[Token], i: int, memory: ActorMemory, word: str) -> Entity | None:
    """ "The country's 21st president", "the new prime minister" -> the person the article gave that office
    (class A4-4), else None."""
    j = i
    while j > 0 and i - j < 4 and (_ORDINAL.fullmatch(toks[j - 1].lower) or _possessive_noun(toks[j - 1])
                                   or (toks[j - 1].lower in TITLES and toks[j - 1].text.islower())):
        j -= 1
    if j == i or j == 0 or toks[j - 1].lower != "the" or word not in memory.titles:
        return None
    name = memory.titles[word]
    return Entity(j - 1, i, name, country_code(name))


def _possessive_noun(tok: Token) -> bool:
    """True for a lower-case common noun's possessive ("country's", "nation's")."""
    return tok.text[:1].islower() and genitive(tok.lower) and bare(tok.lower).isalpha()

_SHIP_DETERMINERS = frozenset({"the", "a", "an", "another", "one"})


def _ship_phrase(toks: list[Token], i: int, memory: ActorMemory) -> list[Entity]:
    """A ship noun as a party: the name set after it ("a cargo ship, Eternity C"), else for "the [Greek-owned]
    vessel" the article's ship (class A4-1), else the noun itself ("attacks on a warship")."""
    j = i
    while j > 0 and i - j < 6 and toks[j - 1].lower not in _SHIP_DETERMINERS and toks[j - 1].text not in (".", ";", "(", ")"):
        j -= 1  # "the Antigua and Barbuda-flagged ship", "the Greek-owned vessel"
    det = toks[j - 1].lower if j > 0 else ""
    apposed = next((name for start, name in memory.ships if toks[i].end < start <= toks[i].end + 8), None)
    name = apposed or (memory.ship(toks[i].start) if det == "the" else None)
    if name:
        return [Entity(j - 1 if det else j, i, name, None)]
    return []


def _named_here(toks: list[Token], i: int, noun: ActorNoun, found: list[Entity],
                memory: ActorMemory) -> Entity | None:
    """The organisation named earlier in its own sentence that a singular "the group", "the watchdog" refers to
    (class E29): the nearest one of the noun's kind that is no place, no person and in no prepositional phrase."""
    if noun.refers_to != "party" or noun.kind not in _ORGANISATION_KINDS or toks[i].lower.endswith("s"):
        return None
    for e in sorted((x for x in found if x.last < i - 1 and x.name[:1].isupper()), key=lambda x: -x.first):
        name = memory.canonical(e.name)
        if (not e.code and resolve_place(name) is None and not person_like(name, 1)
                and actor_kind(name) in _ORGANISATION_KINDS and not in_prepositional_phrase(toks, e, found)):
            return e
    return None


def _employer(toks: list[Token], j: int, i: int) -> Entity:
    """Who a spokesperson or an official speaks for: the words before the noun, a nationality as its country."""
    words = [t.text for t in toks[j:i]]
    if len(words) == 1 and words[0].lower() in _demonym_words():
        code = demonyms()[next(d for d in demonyms() if d.lower() == words[0].lower())]
        return Entity(j, i, country_name_of(code) or words[0], code)
    return Entity(j, i, " ".join(words), _leading_country(words))


# Clause words end a modifier run ("on Monday while lawmakers voted": not "Monday while lawmakers", class E35).
_STOP_MODIFIERS = frozenset({"the", "a", "an", "and", "or", "of", "by", "to", "in", "on", "at", "that", "which", "who",
                             "as", "with", "for", "from", "said", "many", "some", "other", "these", "those", "this",
                             "its", "their", "his", "her", "our", "both", "two", "all", "several", "were", "was",
                             "are", "is", "had", "has", "have"}) | TITLES | PREPOSITIONS | CLAUSE_WORDS


def _modifier_word(tok: Token) -> bool:
    """A word that may qualify an actor noun: a nationality or name, or a lower-case word that reads as no verb
    or plural noun ("rebel", "local", "anti-government"); no day or month ("on Monday protesters stormed")."""
    if "-" in tok.text and tok.text[:1].isdigit() and tok.text.replace("-", "").isalnum():
        return True  # "the 64-year-old politician"
    if tok.text[:1].isupper() and tok.text.isalnum() and any(c.isdigit() for c in tok.text):
        return True  # "M23 rebels", "G7 leaders": a name with a number qualifies the noun, one party (class A3-7)
    if not tok.text.replace("-", "").isalpha() or tok.lower in _STOP_MODIFIERS or tok.lower in _TIME_WORDS:
        return False
    return tok.text[:1].isupper() or not tok.lower.endswith(("ed", "s"))


_TIME_WORDS = frozenset(MONTH_WORDS) | frozenset("""monday tuesday wednesday thursday friday saturday sunday today
    yesterday tomorrow""".split())


def _leading_country(words: list[str]) -> str | None:
    """The country of a nationality modifier ("Kenyan protesters" -> KEN)."""
    return demonyms().get(words[0].lower()) if len(words) > 1 else None

