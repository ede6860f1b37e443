"""Actors: named people (titles stripped), organisations, countries and nationalities, with ISO alpha-3 codes."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import NamedTuple

from transforms.events.places import DATA, country_code, resolve_place
from transforms.events.tokens import Token, genitive
from transforms.months import MONTH_WORDS

# Title words dropped from the front of a person's name ("US General Jasper Jeffers" -> "Jasper Jeffers").
TITLES = frozenset(
    """president vice prime minister foreign defence defense interior finance home chancellor secretary
    general gen. gen lt. colonel col. major maj. captain capt. admiral adm. commander chief king queen prince
    princess sheikh emir sultan pope senator sen. rep. representative governor gov. mayor ambassador envoy
    special spokesperson spokesman spokeswoman leader mr mr. mrs mrs. ms ms. dr dr. prof prof. judge justice
    premier deputy acting former state high army military opposition speaker minister-president
    crown supreme director head ceo cfo chairman chairwoman chairperson secretary-general""".split()
)
# Titles a body gives the person who leads or speaks for it, written between the body's name and the person's:
# "Stellantis CEO Carlos Tavares", "Liberal Democratic Party President Sanae Takaichi".
_BODY_TITLES = frozenset({"ceo", "cfo", "chairman", "chairwoman", "chairperson", "president", "leader", "chief",
                          "head", "director", "spokesperson", "spokesman", "spokeswoman", "secretary-general",
                          "governor", "founder", "executive"})
# Capitalised words that do not start a name.
_NOT_NAMES = frozenset(
    """the a an this that these those it its he she they we i his her their our you in on at by for from
    with of to and but or as if when while after before since during under over however meanwhile
    according also earlier later speaking asked monday tuesday wednesday thursday friday saturday sunday
    today
    yesterday tomorrow last next there here what who why how where some many several both all each
    one two three four five six seven eight nine ten among on despite although though separately additionally
    elsewhere overnight initially instead still yet thus hence no any every another such
    rs rs. usd eur gbp inr jpy cny""".split()
) | frozenset(MONTH_WORDS)
_NOT_NAMES_INSIDE = _NOT_NAMES - {"of"}  # "Bank of England": "of" may join a name
_INSTITUTIONS = frozenset({"army", "military", "government", "forces", "troops", "police", "navy", "officials",
                           "authorities", "ministry", "parliament", "president", "leader", "delegation", "envoy",
                           "coast", "air", "embassy", "diplomats", "soldiers", "warplanes", "team", "junta"})
# A junta is its country's military in power: "Myanmar's junta" and "Myanmar's military" are one party (class A4-7).
_INSTITUTION_NAMES = {"junta": "military"}
# "Long Name (ACR)": two to six capitalised words and an all-caps short form in brackets.
_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]+\s+(?:(?:of|for|and|the)\s+)?){1,5}[A-Z][\w'’-]+)\s+\(([A-Z][A-Za-z]{1,5})\)")
_SHORT_FORM = re.compile(r"\(([A-Z][A-Za-z]{1,5})\)")  # "(RSF)", and "(Sebi)" where initials spell it
_CONNECTORS = frozenset({"of", "for", "and", "the", "al", "bin", "de", "du", "van", "von", "la", "le"})


# Words that make a name an institution, not a person ("White House", "Stellantis Board").
ORGANISATION_WORDS = frozenset("""house ministry office department council government agency embassy court committee
    party army police bureau commission union nations organization organisation forces service news group company
    corp corporation inc ltd plc bank fund board assembly parliament congress senate military navy authority steel
    motors airlines association federation league front movement alliance coalition institute university
    foundation center centre network international""".split())


class Entity(NamedTuple):
    """A named span in a sentence: token range, display name and country code if any."""

    first: int
    last: int
    name: str
    code: str | None


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Nationality adjective (lower case) -> ISO alpha-3, from our own table."""
    with (DATA / "demonyms.csv").open(encoding="utf-8") as fh:
        return {row["demonym"].lower(): row["alpha3"] for row in csv.DictReader(fh)}


def _capitalised(tok: Token) -> bool:
    """True for a word starting with a capital letter or an all-caps acronym."""
    c = tok.text[0]
    return c.isupper() and (tok.text[-1] != "." or len(tok.text) <= 5)


def find_entities(tokens: list[Token], lo: int, hi: int) -> list[Entity]:
    """Named spans in tokens[lo:hi]: runs of capitalised words joined by connectors ("High Representative for Gaza")."""
    out: list[Entity] = []
    dem = demonyms()
    done = lo - 1  # tokens up to here are inside a name already found
    for i in [k for k in range(lo, hi) if tokens[k].text[0].isupper()]:  # most words are lower case
        tok = tokens[i]
        if i <= done or not _capitalised(tok) or tok.lower in _NOT_NAMES or bare(tok.lower) in _NOT_NAMES:
            continue
        if (i > lo and tokens[i - 1].text == "@") or (tok.lower in _PLATFORMS and _medium(tokens, i, hi)):
            continue  # "(@MchsRussia)", "via its X account": an account on a platform, no party (class A5-8)
        j = i
        while j + 1 < hi:
            nxt = tokens[j + 1]
            if _capitalised(nxt) and nxt.lower not in _NOT_NAMES_INSIDE:
                j += 1
            elif nxt.text == "." and _dotted_start(tokens, j, hi):
                j += 2  # "U.S. Steel": the abbreviation's last dot was taken for a full stop
            elif nxt.lower in _CONNECTORS and j + 2 < hi and _capitalised(tokens[j + 2]) and nxt.lower != "and":
                j += 2
            else:
                break
        if j + 1 < hi and tokens[j + 1].lower in _OFFICE_HOLDERS and _office_qualifier(tokens, i, j, hi):
            j += 1
            out.append(Entity(i, j, " ".join(t.text for t in tokens[i : j + 1]), None))
            done = j
            continue  # "Foreign ministers of ... met": one party, not a person named "Foreign" (class A5-5)
        found = _entity(tokens, i, j, dem)
        if i == j and j + 1 < hi and found and found[-1].code and tokens[j + 1].lower in _INSTITUTIONS:
            # "Sudanese army", "Israeli military": the nationality's institution
            word = _INSTITUTION_NAMES.get(tokens[j + 1].lower, tokens[j + 1].lower)
            found[-1] = Entity(i, j + 1, f"{found[-1].name} {word}", found[-1].code)
            j += 1
        elif len(found) == 1 and found[0].code and genitive(tokens[j].lower):
            end = _owned_institution(tokens, j, hi)
            if end:  # "DR Congo's army", "China's foreign ministry": the country's institution (class A5-3)
                words = " ".join(_INSTITUTION_NAMES.get(t.lower, t.lower) for t in tokens[j + 1 : end + 1])
                found[0] = Entity(i, end, f"{found[0].name} {words}", found[0].code)
                j = end
        out.extend(found)
        done = j
    return out


# Platforms, named as the medium of a message: "via its official X account", "posted on Telegram".
_PLATFORMS = frozenset({"x", "twitter", "facebook", "telegram", "instagram", "youtube", "wechat", "weibo", "tiktok",
                        "linkedin", "whatsapp", "bluesky", "threads"})
_POSTINGS = frozenset({"account", "accounts", "post", "posts", "page", "channel", "handle", "feed", "video"})


def _medium(tokens: list[Token], i: int, hi: int) -> bool:
    """True for a platform word (the caller checks it) named as a medium: after "on" or "via", before "account"."""
    before = tokens[i - 1].lower if i > 0 else ""
    return before in ("on", "via") or (i + 1 < hi and tokens[i + 1].lower in _POSTINGS)


# Plural office holders a capitalised title may qualify ("Foreign ministers", "Defence chiefs").
_OFFICE_HOLDERS = frozenset({"ministers", "secretaries", "chiefs", "leaders", "officials", "envoys", "heads",
                             "spokespeople", "spokesmen", "commanders", "ambassadors", "deputies", "governors"})


def _office_qualifier(tokens: list[Token], i: int, j: int, hi: int) -> bool:
    """True for a run of title words right before a plural office holder: "Foreign ministers", "Defence chiefs"."""
    return (j + 1 < hi and tokens[j + 1].lower in _OFFICE_HOLDERS
            and all(t.lower in TITLES for t in tokens[i : j + 1]))


# Lower-case words that may stand between a country's possessive and its institution ("China's foreign ministry").
_INSTITUTION_MODIFIERS = frozenset({"foreign", "defence", "defense", "interior", "finance", "home", "armed",
                                    "paramilitary", "security", "federal", "national", "interim", "justice"})


def _owned_institution(tokens: list[Token], j: int, hi: int) -> int:
    """Where the institution after a country's possessive ends ("'s army", "'s foreign ministry"), else 0."""
    k = j + 1
    if k + 1 < hi and tokens[k].lower in _INSTITUTION_MODIFIERS and tokens[k].text.islower():
        k += 1
    if k < hi and tokens[k].lower in _INSTITUTIONS and tokens[k].text.islower():
        return k
    return 0


def _dotted_start(tokens: list[Token], j: int, hi: int) -> bool:
    """True for a dotted abbreviation ("U.S") and a dot that continue into a capitalised name which is no title
    ("U.S. Steel", not "U.S. President")."""
    if j + 2 >= hi or "." not in tokens[j].text or not tokens[j].text.replace(".", "").isupper():
        return False
    after = tokens[j + 2]
    return _capitalised(after) and after.lower not in _NOT_NAMES and after.lower not in TITLES


def bare(word: str) -> str:
    """A word without its possessive ending ("monday’s" -> "monday")."""
    return word[:-2] if genitive(word) else word


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines: "Rapid Support Forces (RSF)" -> {"RSF": "Rapid Support Forces"}."""
    out = {}
    for k in _SHORT_FORM.finditer(text):  # the bracketed short form first: the long-form pattern backtracks
        m = _ACRONYM.search(text, max(0, k.start() - 120), k.end())
        while m is not None and m.end() != k.end():
            m = _ACRONYM.search(text, m.start() + 1, k.end())
        if m is None:
            continue
        name, short = m.group(1), m.group(2)
        words = name.split()
        while words and words[0] in ("The", "A", "An") or (words and words[0].lower() in _NOT_NAMES):
            words = words[1:]  # "The Rapid Support Forces (RSF)"
        name = bare(" ".join(words))  # "Securities and Exchange Board of India’s (Sebi)"
        if not name:
            continue
        initials = "".join(w[0] for w in words if w[0].isupper())
        spelled = short.isupper() or initials.upper() == short.upper()  # a mixed-case short form must spell them
        if spelled and initials.upper().startswith(short[0].upper()) and len(short) <= len(initials) + 1:
            out[short] = name
    return out


def _entity(tokens: list[Token], i: int, j: int, dem: dict[str, str]) -> list[Entity]:
    """The entity (or entities: a leading nationality and the name) for the capitalised run tokens[i..j]."""
    return [Entity(i + a, i + b, name, code) for a, b, name, code in _split_run(tuple([t.text for t in tokens[i : j + 1]]))]


def _dotted_code(word: str) -> str | None:
    """The country of a dotted abbreviation whose last dot went to the sentence's end ("U.S" -> USA)."""
    return country_code(word + ".") if "." in word and word.replace(".", "").isupper() else None


@lru_cache(maxsize=8192)
def _split_run(words: tuple[str, ...]) -> tuple[tuple[int, int, str, str | None], ...]:
    """(first, last, name, code) relative to the run: "US President Donald Trump" -> US, Donald Trump (cached)."""
    dem = demonyms()
    out = []
    last = len(words) - 1
    if len(words) == 1 and "-" in words[0]:
        head = words[0].split("-")[0]
        if country_code(head) or dem.get(head.lower()):
            words = (head,)  # "US-commanded", "Saudi-led": the country
    if genitive(words[-1]):
        words = (*words[:-1], words[-1][:-2])  # "Finland's parliament" -> Finland
    offset = 0
    owner = words[0][:-2] if len(words) > 1 and genitive(words[0]) else None
    if owner and (country_code(owner) or dem.get(owner.lower())):
        code = country_code(owner) or dem.get(owner.lower())
        rest = _split_run(words[1:])
        return ((0, 0, owner, code), *((a + 1, b + 1, name, c or code) for a, b, name, c in rest))  # "Yemen's Houthi"
    body = _body_and_person(words)
    if body:  # "Stellantis CEO Carlos Tavares": the company and its chief, two parties (class A6-1)
        title, person = body
        org = " ".join(words[:title])
        org_code = country_code(org) or dem.get(org.lower())
        return ((0, title - 1, org, org_code), (person, len(words) - 1, " ".join(words[person:]), org_code))
    # Leading country or nationality: "US President Donald Trump", "Indonesian troops".
    code = country_code(words[0]) or dem.get(words[0].lower()) or _dotted_code(words[0])
    lead = None
    if code and len(words) > 1 and words[1].lower() in TITLES:
        out.append((0, 0, words[0], code))
        lead = code  # the titled person acts for that country
        offset = 1
        words = words[1:]
    if all(w.lower() in TITLES for w in words):
        return tuple(out)  # "its CEO, Carlos Tavares", "the Prime Minister": an office, no one's name (class A6-2)
    k = 0
    while k < len(words) - 1 and words[k].lower() in TITLES:
        k += 1
    if k < len(words) and words[k].lower() in _CONNECTORS:
        k = 0  # an office, not a titled person: "High Representative for Gaza"
    if k and country_code(" ".join(words)):
        k = 0  # a country's name, not a titled person: "DR Congo" (class E22)
    if any(w.lower() in ORGANISATION_WORDS for w in words[k:]):
        k = 0  # an institution whose name begins like a title: "Supreme Court", "General Assembly"
    name = " ".join(words[k:]).replace(" .", ".")  # "U.S . Steel" -> "U.S. Steel"
    if name:
        out.append((offset + k, last, name, country_code(name) or dem.get(name.lower()) or _dotted_code(name) or lead))
    return tuple(out)


def _body_and_person(words: tuple[str, ...]) -> tuple[int, int] | None:
    """(where the title starts, where the person's name starts) for a run that names a body, one of its titles and a
    person ("Stellantis CEO Carlos Tavares"), or a body ending in an institution word and a person whose title stood
    before it ("President of the Constitutional Court Moon Hyung-bae"); else None. Not a run that opens with a title
    ("Prime Minister X") nor a nationality ("US President X", split by the caller)."""
    if len(words) < 3 or words[0].lower() in TITLES:
        return None
    title = next((k for k in range(1, len(words) - 2) if words[k].lower() in _BODY_TITLES), None)
    if title is None:
        title = next((k + 1 for k in range(len(words) - 3, 0, -1) if words[k].lower() in ORGANISATION_WORDS), None)
        if title is None or any(w.lower() in TITLES for w in words[title:]):
            return None
    if any(w.lower() in TITLES for w in words[:title]):
        return None
    person = title
    while person < len(words) - 1 and words[person].lower() in TITLES:
        person += 1
    org = " ".join(words[:title])
    if country_code(org) or org.lower() in demonyms() or not person_like(" ".join(words[person:])):
        return None
    return title, person


@lru_cache(maxsize=16384)  # pure, and asked again for every actor of every event about the same few names
def person_like(name: str, shortest: int = 2) -> bool:
    """True for a name that reads as a person's: two (or `shortest`) to four capitalised words, none an
    institution word, no country or nationality."""
    words = name.split()
    return (shortest <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not name.isupper()
            and not any(w.lower().strip(".") in ORGANISATION_WORDS for w in words) and resolve_place(name) is None
            and name.lower() not in demonyms())
