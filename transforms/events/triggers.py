"""Trigger words in a sentence: which words name an event, of which type, and which to leave out."""

from __future__ import annotations

from typing import NamedTuple

from transforms.events.dating import Dated
from transforms.events.event_types import SPEECH_TYPES
from transforms.events.lexicon import (
    ANONYMOUS, AUXILIARIES, CONDITIONS, DETERMINERS, IRREGULAR_PAST, PHRASE_HEADS, PRONOUNS, WORDS,
)
from transforms.events.tokens import Token, genitive

# Capitalised triggers mid-sentence are names ("Peace Council"), except these event nouns ("G7 Summit").
_CAPITALISED_OK = frozenset({"summit", "talks", "agreement", "accord", "treaty", "war", "election",
                             "elections", "conference", "ceasefire", "truce", "deal"})
# "sent" is a deployment only when it sends these.
_MILITARY_NOUNS = frozenset({"troops", "soldiers", "forces", "warships", "ships", "jets", "aircraft",
                             "personnel", "team", "teams", "units", "police", "peacekeepers", "battalion",
                             "rescuers", "brigade", "navy", "army", "marines", "reinforcements"})
# "released a statement" is no release of prisoners.
_NOT_RELEASES = frozenset({"statement", "video", "report", "footage", "data", "figures", "list", "document",
                           "photos", "images", "details", "results", "album", "film", "version", "update"})
# An event noun modifying one of these names something else ("bombing victims", "election campaign").
_MODIFIED_HEADS = frozenset({"victims", "victim", "survivors", "suspect", "suspects", "site", "scene", "anniversary",
                             "investigation", "investigators", "probe", "trial", "case", "crimes", "criminal",
                             "criminals", "zone", "toll", "aftermath", "memorial", "campaign", "campaigns",
                             "commission", "committee", "results", "date", "season", "law", "laws", "plan",
                             "plans", "process", "organisers", "organizers", "leaders", "leader", "movement",
                             "officials", "observers", "monitors", "workers", "team", "teams", "operations",
                             "efforts", "supplies", "delivery", "deliveries", "package", "packages", "arrangements",
                             "proposals", "convoy", "convoys", "corridor", "corridors", "phase", "violations",
                             "violation", "relief", "death", "recovery", "reconstruction", "damage", "effort",
                             "crisis", "assistance", "response"})
# "X said it would send ...": verbs of a commitment.
_PLEDGE_VERBS = frozenset({"send", "provide", "deploy", "contribute", "give", "donate", "support", "help", "build",
                           "fund", "invest", "supply", "offer", "continue", "seek", "cooperate", "back", "assist",
                           "increase", "double", "boost", "deliver", "protect", "defend", "restore", "rebuild",
                           "release", "end", "pay", "train", "guarantee", "ensure", "commit", "allocate"})
# "aid workers", "rescue teams": people, not the aid or the rescue.
_SERVICE_NOUNS = frozenset({"team", "teams", "worker", "workers", "agency", "agencies", "group", "groups",
                            "organisations", "organizations", "officials", "official", "crews", "personnel", "dogs",
                            "chief", "chiefs", "staff", "sector", "community"})
# "committed crimes" is no commitment.
_CRIMES = frozenset({"crimes", "atrocities", "suicide", "genocide", "massacres", "violations", "abuses"})
# "could include up to 20,000 troops": a counted force.
FORCE_UNITS = frozenset({"troops", "soldiers", "peacekeepers", "personnel", "marines", "servicemembers"})
# "approved by the upper house": a chamber's approval is a vote.
_CHAMBER_VERBS = frozenset({"approved", "adopted", "passed", "endorsed", "backed"})
_CHAMBERS = frozenset({"parliament", "house", "chamber", "senate", "assembly", "lawmakers", "legislature", "congress",
                       "legislators", "mps", "deputies", "diet", "knesset", "bundestag", "duma", "voters"})
_BALLOTS = frozenset({"election", "elections", "vote", "runoff", "run-off", "majority", "seats", "poll", "polls",
                      "referendum", "primary", "ballot", "presidency", "race"})
_OFFICES = frozenset({"president", "prime", "premier", "chancellor", "leader", "chairman", "chairwoman", "chairperson",
                      "governor", "mayor", "king", "queen", "pope", "head", "speaker", "minister", "secretary-general",
                      "the"})
# Phrases that are noun phrases ("press conference", "air strikes"); the rest start with a verb.
_NOUN_PHRASE_HEADS = frozenset({"press", "news", "phone", "joint", "peace", "air", "drone", "cease", "cessation", "martial",
                                "state", "resignation", "profit", "job"})
_STRUCK_OBJECTS = frozenset({"deal", "balance", "chord", "note", "agreement"})
_PERFECT_OR_PRESENT = frozenset({"has", "have", "had", "'s", "’s", "is", "are", "will"})


# Every word that can start a trigger.
CANDIDATES = frozenset(WORDS) | frozenset(PHRASE_HEADS) | _CHAMBER_VERBS | {
    "called", "won", "wins", "win", "became", "becomes"}


# A sentence without any of these words has no trigger and no counted force ("20,000 troops"): most are skipped.
SENTENCE_CUES = CANDIDATES | FORCE_UNITS


class Trigger(NamedTuple):
    """A trigger: token span in the sentence, event type, CAMEO root override, noun or verb."""

    first: int
    last: int
    etype: str
    cameo: str | None
    noun: bool
    mod_at: int | None = None  # where to read modality when not at the trigger ("could include 500 troops")
    said_at: int | None = None  # the speech verb whose speaker is the agent (a promise quoted: "we will act," X said)


def find_triggers(toks: list[Token], blocked: set[int], candidates: list[int] | None = None) -> list[Trigger]:
    """Trigger words and phrases of a sentence, longest phrase first (candidates: the positions of its
    CANDIDATES words, when the caller has them)."""
    out: list[Trigger] = []
    if candidates is None:
        candidates = [k for k, t in enumerate(toks) if t.lower in CANDIDATES]  # most words: one set lookup
    done = -1  # tokens up to here belong to a phrase already matched
    for i in candidates:
        if i <= done or i in blocked:
            continue
        w = toks[i].lower
        matched = False
        for words, (etype, cameo) in PHRASE_HEADS.get(w, ()):
            k = len(words)
            if tuple(t.lower for t in toks[i : i + k]) == words:
                done = i + k - 1
                matched = True
                etype = in_context(toks, i, i + k - 1, " ".join(words), etype)
                if etype:
                    out.append(Trigger(i, i + k - 1, etype, cameo, words[0] in _NOUN_PHRASE_HEADS))
                break
        if matched:
            continue
        entry = WORDS.get(w)
        if w == "called" and _phone_call(toks, i):
            entry = ("meeting", None)
        elif w == "called" and _names_as(toks, i):
            entry = ("statement", None)  # "called the trial a watershed moment": an assessment (guide rule 1)
        if w in _CHAMBER_VERBS and any(t.lower in _CHAMBERS for t in toks[max(0, i - 6) : i + 7]):
            entry = ("vote", None)  # "approved by the upper house": a ballot
        elif w in ("won", "wins", "win") and any(t.lower in _BALLOTS for t in toks[i + 1 : i + 5]):
            entry = ("vote", None)  # "won the runoff", "won a majority"
        elif w in ("became", "becomes") and i + 1 < len(toks) and toks[i + 1].lower in _OFFICES:
            entry = ("appointment", None)  # "became prime minister"
        if entry and w in CONDITIONS:
            etype = in_context(toks, i, i, w, entry[0])
            entry = (etype, entry[1] if etype == entry[0] else None) if etype else None
        if entry and _keep_word(toks, i):
            out.append(Trigger(i, i, entry[0], entry[1], _is_noun(toks, i)))
            if w in ("elected", "re-elected", "reelected"):
                out.append(Trigger(i, i, "vote", None, False))  # being elected is an appointment by a ballot
    return out


def in_context(toks: list[Token], first: int, last: int, form: str, etype: str) -> str | None:
    """The type of a trigger form under its context conditions (transforms/data/lexicon/conditions.csv), or
    None when the form needs a context word that is not there ("passed" with no bill is no vote) or has one
    that makes it no event ("confirmed dead")."""
    conditions = CONDITIONS.get(form)
    if not conditions:
        return etype
    needs_context = False
    for cond in conditions:
        lo = first - cond.window if cond.side in ("before", "near") else last + 1
        hi = last + cond.window + 1 if cond.side in ("after", "near") else first
        if cond.side == "quote":  # the words of the quotation the speech verb closes or opens, up to the window
            lo, hi = quotation(toks, first, last) or (0, 0)
            lo = max(lo, hi - cond.window)
        if any(t.lower in cond.words for t in toks[max(0, lo):hi]) or (cond.pairs and any(
                (a.lower, b.lower) in cond.pairs for a, b in zip(toks[max(0, lo):hi], toks[max(0, lo) + 1:hi]))):
            return None if cond.then == "drop" else etype if cond.then == "keep" else cond.then
        needs_context = needs_context or cond.then in ("keep", etype)  # the context is what makes it an event
    return None if needs_context else etype


_OPENING_QUOTES = frozenset({"“", '"'})
_CLOSING_QUOTES = frozenset({"”", '"'})
# How many words may stand between a closing quote and its speech verb (",” the court's acting chief said").
_SPEAKER_WORDS = 6


def quotation(toks: list[Token], first: int, last: int) -> tuple[int, int] | None:
    """Token range [lo, hi) of the quotation a speech verb closes ("“...,” said X", "“...,” X said") or opens
    ("said: “...”"), or None when the verb reports no quotation."""
    j = first - 1
    while j >= 0 and first - j <= _SPEAKER_WORDS and toks[j].text.isalpha():
        j -= 1  # the speaker's words, in "...,” X said"
    if j >= 0 and toks[j].text in _CLOSING_QUOTES:
        lo = j - 1
        while lo >= 0 and toks[lo].text not in _OPENING_QUOTES:
            lo -= 1
        return lo + 1, j  # a quotation opened in an earlier sentence runs from this one's start
    k = last + 1
    while k < len(toks) and toks[k].text in (",", ":"):
        k += 1
    if k < len(toks) and toks[k].text in _OPENING_QUOTES:
        hi = k + 1
        while hi < len(toks) and toks[hi].text not in _CLOSING_QUOTES:
            hi += 1
        return k + 1, hi
    return None


# A first-person future in a quotation: "we will unmask", "I'll resign".
_FIRST_PERSON = frozenset({"we", "i"})
_FIRST_PERSON_FUTURE = frozenset({"we'll", "we’ll", "i'll", "i’ll"})
_FUTURE = frozenset({"will", "shall"})
# Verbs after "we will" that promise no act of the speaker's: a state, a perception or an outcome it does not
# decide ("we will be", "we will not", "we will see", "we will win": a prediction, a statement).
_NO_ACT = frozenset({"be", "not", "never", "see", "know", "have", "wait", "find", "hear", "also", "always", "win",
                     "lose", "prevail", "succeed", "survive", "overcome", "remember", "forget", "miss", "need", "want",
                     "like", "love", "feel", "look", "get", "become", "remain", "stay", "probably", "likely"})
# Speech verbs whose quotation can hold the speaker's promise.
_QUOTING = frozenset({"said", "says", "say", "told", "added", "stated", "declared", "wrote"})


def quoted_pledges(toks: list[Token], triggers: list[Trigger]) -> list[Trigger]:
    """ "“... we will unmask and take actions against them,” said X": the speaker's own promise quoted is a
    pledge by the speaker (guide rules 2 and 4, class Q-PLEDGE), or a threat when it promises force ("we will
    retaliate"), the speech no statement of its own; a speech whose content is already typed (an accusation)
    keeps its row beside the pledge. A promised act of a type of its own ("I will resign") is left to its trigger."""
    out = list(triggers)
    for t in triggers:
        if t.noun or toks[t.first].lower not in _QUOTING:
            continue
        span = quotation(toks, t.first, t.last)
        verb = _promised_act(toks, *span) if span else None
        if verb is None:
            continue
        told = [p for p in out if p.etype == "pledge" and p.first <= verb[1] and verb[0] <= p.last]
        for p in told:
            out.remove(p)  # "we will rebuild" read as a commitment already: the speaker is who commits
        # A promise of force against an opponent is a threat, as "vowed to retaliate" is (conditions.csv).
        etype = in_context(toks, verb[0], verb[0], "vowed", "pledge") or "pledge"
        out.append(Trigger(verb[0], verb[1], etype, None, False, t.first, t.first))
        if t.etype == "statement":
            out.remove(t)  # the remark's content is the promise: one row, the pledge (guide rule 2)
    return sorted(out, key=lambda t: t.first)


def _promised_act(toks: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """(the future's first token, the promised verb) of the first "we will <verb>" / "I'll <verb>" in a span."""
    for i in range(lo, hi - 1):
        w = toks[i].lower
        if w in _FIRST_PERSON_FUTURE:
            j = i + 1
        elif w in _FIRST_PERSON and toks[i + 1].lower in _FUTURE:
            j = i + 2
        else:
            continue
        while j < hi - 1 and toks[j].lower.endswith("ly"):
            j += 1  # "we will absolutely not": the adverb says nothing of the act
        if j < hi and toks[j].text.isalpha() and toks[j].text.islower() and toks[j].lower not in _NO_ACT:
            return None if _typed_act(toks[j].lower) else (i, j)
    return None


def _typed_act(verb: str) -> bool:
    """True for a promised verb that is a trigger of its own type ("we will retaliate": a threat; "I will resign":
    an appointment; "we will meet"): that act is the row, told as future, not a pledge; commitments stay pledges."""
    if verb in _COMMITMENTS:
        return False
    forms = (verb, verb + "s", verb + "ed", verb + "d", verb + "ing")  # "we will sign": "signed" is the trigger
    return any(f in WORDS and WORDS[f][0] not in ("pledge", "statement") for f in forms)


# What opens the object of "called" in "called the trial a ...", "called it “a disgrace”".
_OBJECT_OPENERS = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their", "it", "him",
                             "them"})
_PREDICATE_OPENERS = frozenset({"a", "an", "“", '"'})


def _names_as(toks: list[Token], i: int) -> bool:
    """True for "X called the trial a watershed moment", "called it “a disgrace”": a speaker's assessment of a
    thing (class CALLED-AS), not "called a meeting" (convened) nor "formerly called monkeypox" (a name)."""
    if i and toks[i - 1].lower in AUXILIARIES | {"formerly", "also", "so"}:
        return False  # "was called", "formerly called": a name, not a speech
    if i + 1 >= len(toks) or toks[i + 1].lower not in _OBJECT_OPENERS:
        return False
    for k in range(i + 2, min(len(toks), i + 7)):
        if toks[k].lower in _PREDICATE_OPENERS:
            return not (k + 1 < len(toks) and toks[k + 1].lower == "day")  # "called it a day": an idiom
        if not toks[k].text.isalpha():
            return False
    return False


def _phone_call(toks: list[Token], i: int) -> bool:
    """ "X called Y" with a named Y is a phone call: a meeting."""
    j = i + 1
    if j < len(toks) and toks[j].lower in ("the", "his", "her", "their", "its"):
        j += 1
    return j < len(toks) and toks[j].text[0].isupper() and toks[j].text.isalpha()


def _keep_word(toks: list[Token], i: int) -> bool:
    """Filters for ambiguous single-word triggers."""
    tok = toks[i]
    w = tok.lower
    prev = toks[i - 1].lower if i else ""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    nxt2 = toks[i + 2].lower if i + 2 < len(toks) else ""
    if i and tok.text[0].isupper() and w not in _CAPITALISED_OK and prev not in (":", "“", '"', "—", "-", "("):
        return False  # part of a name
    if w == "proposed" and prev in DETERMINERS:
        return False  # "the proposed plan": an adjective
    if nxt in _MODIFIED_HEADS:
        return False  # "bombing victims", "election campaign": the noun names something else
    if w in ("votes", "ballots") and i and toks[i - 1].text[0].isdigit():
        return False  # "237 votes": a count, not a ballot
    if w in ("aid", "relief", "assistance", "rescue") and nxt in _SERVICE_NOUNS:
        return False  # "rescue teams", "aid workers": people, not the event
    if w == "signs" and (nxt in ("of", "that") or prev in ("were", "are", "no", "any", "some", "early", "clear")):
        return False  # "there were signs that": indications, not a signing
    if w == "sent":
        return any(t.lower in _MILITARY_NOUNS for t in toks[i + 1 : i + 5])
    if w in ("release", "released", "releases") and (nxt in _NOT_RELEASES or nxt2 in _NOT_RELEASES
                                                     or prev in _NOT_RELEASES):
        return False  # "released a statement", "a video released by the group"
    if w in ("strike", "strikes", "struck") and nxt in ("a", "an") and nxt2 in _STRUCK_OBJECTS:
        return False
    if w == "committed" and (nxt in _CRIMES or nxt2 in _CRIMES):
        return False
    if w == "address" and prev == "to":
        return False  # "to address the shortage"
    if w in ("hit", "struck") and prev in ("quake", "earthquake", "storm", "typhoon", "cyclone", "hurricane", "floods"):
        return False
    if (w == "named" and i and toks[i - 1].text[:1].islower() and prev not in AUXILIARIES and prev != "and"
            and not _named_to_office(toks, i)):
        return False  # "a man named X"
    if w in _DEAL_NOUNS and _named_deal(toks, i):
        return False  # "order blocking the deal", "The deal is expected to close": the deal named, no agreeing
    if _ranked_complement(toks, i):
        return False  # "It is the third strong earthquake since 2021": ranks an event told, no new one
    if _title_participle(toks, i):
        return False  # "South Korea's impeached President Yoon": part of a title, the event is told in its own words
    if _habitual(toks, i):
        return False  # "frequently visits the shrine", "has always denied": a habit, not one occasion
    if _attributive_participle(toks, i):
        return False  # "withdrawal from occupied cities": a state of the thing named, not an act told
    if _named_war(toks, i):
        return False  # "the Israel-Hamas war": a war's name, told as background (class REAL-NAME)
    if _standing_arrest(toks, i):
        return False  # "is currently under house arrest": a state, the arrest told in its own words (class REAL-STATE)
    return True


# Words after a war's name that tell its outbreak, an event of its own ("the Iran-Iraq war began in 1980").
_OUTBREAK = frozenset({"began", "begins", "started", "starts", "broke", "erupted", "erupts"})


def _named_war(toks: list[Token], i: int) -> bool:
    """True for "war" after a hyphenated pair of names ("the Israel-Hamas war", "the Russian-Ukrainian war"): the
    war's name (guide: titles and names, background states are no events), unless the text tells its outbreak."""
    if toks[i].lower not in ("war", "wars", "conflict") or not i:
        return False
    parts = toks[i - 1].text.split("-")
    named = len(parts) == 2 and all(p.isalpha() for p in parts) and parts[0][:1].isupper()
    return named and not (i + 1 < len(toks) and toks[i + 1].lower in _OUTBREAK)


# Verbs that put someone under arrest: "was placed under house arrest on Monday" tells the act.
_PLACING = frozenset({"placed", "put", "taken", "placing", "putting", "ordered"})


def _standing_arrest(toks: list[Token], i: int) -> bool:
    """True for "under (house) arrest" that no verb of placing governs ("is currently under house arrest",
    "remains under arrest"): a background state (guide: "What is an event"), not the act of arresting."""
    if toks[i].lower != "arrest" or i < 1:
        return False
    j = i - 1 - (toks[i - 1].lower == "house")
    if j < 0 or toks[j].lower != "under":
        return False
    return not (j and toks[j - 1].lower in _PLACING)


# Nouns of a business or political deal: "the deal" names the thing agreed, not the agreeing (class D-DEAL).
_DEAL_NOUNS = frozenset({"deal", "deals", "acquisition", "acquisitions", "merger", "mergers", "takeover", "takeovers"})


def _named_deal(toks: list[Token], i: int) -> bool:
    """True for "the deal", "the embattled deal", "the $15 billion acquisition" not right after a verb that
    makes it public or agrees to it: a back-reference to a deal, whose agreeing (guide rules 5 and 10) is told
    by a verb or not at all."""
    j = i - 1
    while j >= 0 and i - j <= 5 and toks[j].lower != "the" and (
            toks[j].text.islower() or not toks[j].text.isalpha()) and toks[j].text not in (",", ";", ":"):
        j -= 1
    if j < 0 or toks[j].lower != "the":
        return False
    before = WORDS.get(toks[j - 1].lower, ("",))[0] if j else ""
    return before not in ("announcement", "agreement", "statement")


# After "named <Name>", what gives the name an office ("as chief", "its new chief", "the new leader", "to the board").
_OFFICE_AFTER_NAME = frozenset({"as", "its", "their", "his", "her", "to"})
_NEW_OFFICE = frozenset({"new", "interim", "acting", "next", "first", "incoming"})


def _named_to_office(toks: list[Token], i: int) -> bool:
    """True when "named" gives the person it names an office ("the board named Jane Doe its new chief executive",
    "named Doe as chair"): an appointment (guide rule 10), unlike a name given to someone ("a man named Doe")."""
    j = i + 1
    while j < len(toks) and toks[j].text[:1].isupper():
        j += 1
    if j == i + 1 or j >= len(toks):
        return False
    w = toks[j].lower
    return w in _OFFICE_AFTER_NAME or (w == "the" and j + 1 < len(toks) and toks[j + 1].lower in _NEW_OFFICE)


# What stands before an adjective and never before a finite verb: determiners, possessives, prepositions.
_BEFORE_ADJECTIVE = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "from", "of", "in", "on", "at",
                               "by", "for", "with", "into", "against"})
# Words after a participle that make it a verb or a reduced clause ("the ship attacked by"), not an adjective.
_AFTER_VERB = frozenset({"to", "by", "that", "in", "on", "at", "with", "as", "from", "for", "and", "or", "the", "a",
                         "an", "his", "her", "their", "its", "it", "them", "him", "up", "out", "off", "down", "over",
                         "back", "into", "after", "before", "during", "since", "under", "near"})


def _attributive_participle(toks: list[Token], i: int) -> bool:
    """True for a past participle used as an adjective before a common noun ("from occupied cities", "their
    closed border"): a background state (guide: "What is an event"), not the act that caused it."""
    if not i or i + 1 >= len(toks) or not toks[i].lower.endswith("ed"):
        return False
    prev, nxt = toks[i - 1].lower, toks[i + 1]
    if not (prev in _BEFORE_ADJECTIVE or genitive(prev)):
        return False
    if nxt.lower == "and" and i + 2 < len(toks) and toks[i + 2].lower.endswith(("ly", "ed")):
        return True  # "their closed and heavily militarized border": adjectives joined
    return nxt.text.isalpha() and nxt.text.islower() and nxt.lower not in _AFTER_VERB


# Adverbs of frequency that make a verb tell a habit (guide: "generic or habitual uses" are no events). Not
# "repeatedly": "has repeatedly stressed, most recently this week" tells occasions the reader can date.
_HABITUAL = frozenset({"frequently", "often", "regularly", "routinely", "usually", "always", "habitually",
                       "typically", "generally", "sometimes", "occasionally", "customarily"})


def _habitual(toks: list[Token], i: int) -> bool:
    """True for a trigger right after an adverb of frequency ("frequently visits", "is often held")."""
    j = i - 1
    if j >= 1 and toks[j].lower in ("been", "be"):
        j -= 1  # "has often been criticised"
    return j >= 0 and toks[j].lower in _HABITUAL


# Capitalised office words a participle can be part of: "impeached President", "ousted Prime Minister".
_TITLE_WORDS = frozenset({"president", "prime", "premier", "chancellor", "minister", "leader", "chairman", "governor",
                          "mayor", "king", "queen", "ceo", "chief", "general", "pm", "speaker", "senator"})
# What may stand before a participle that opens a title: a determiner, a possessive name, a preposition.
_BEFORE_TITLE = frozenset({"the", "a", "an", "his", "her", "their", "its", "by", "of", "for", "with", "to", "from",
                           "against", "on", "as"})


def _title_participle(toks: list[Token], i: int) -> bool:
    """True for a past participle that qualifies a capitalised office ("impeached former President Yoon"): a
    title or name (guide: "What is an event"), not the act, which "was impeached on December 14" tells."""
    if not toks[i].lower.endswith("ed"):
        return False
    prev = toks[i - 1].lower if i else "the"  # a sentence may open with the title
    if not (prev in _BEFORE_TITLE or genitive(prev)):
        return False
    j = i + 1 + (i + 1 < len(toks) and toks[i + 1].lower in ("former", "ex-"))
    return j < len(toks) and toks[j].text[:1].isupper() and toks[j].lower in _TITLE_WORDS


_COPULAS = frozenset({"is", "was", "are", "were", "'s", "’s", "been", "be"})
_STOPS = _COPULAS | {"the", "a", "an"}
_RANKS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "latest",
                    "deadliest", "worst", "largest", "biggest", "strongest", "most"})


def _ranked_complement(toks: list[Token], i: int) -> bool:
    """True for an event noun after "is the third", "was the deadliest": a generic ranking of a series (guide:
    generic uses are no events), the event itself being told in its own words elsewhere."""
    j, ranked = i - 1, False
    while j >= 0 and i - j <= 4 and toks[j].text.isalpha() and toks[j].text.islower() and toks[j].lower not in _STOPS:
        ranked = ranked or toks[j].lower in _RANKS
        j -= 1
    return ranked and j >= 1 and toks[j].lower in ("the", "a", "an") and toks[j - 1].lower in _COPULAS


def _is_noun(toks: list[Token], i: int) -> bool:
    """Rough noun test: after a determiner, possessive or adjective, or not an -ed/-s verb form."""
    w = toks[i].lower
    prev = toks[i - 1].lower if i else ""
    if prev in DETERMINERS or prev in ("'s", "’s") or prev.endswith("'s") or prev.endswith("’s"):
        return True
    if w.endswith("ed") or prev in ("to", "will", "would", "could", "may", "might", "not", "did", "has", "have", "had"):
        return False
    if prev.isdigit():
        return True  # "the 2019 attack", "a 2021 coup": a number before it modifies a noun
    return w.endswith(("ment", "tion", "sion", "ing", "ings", "s", "ce", "ty", "al", "nse", "ure")) or w in (
        "summit", "talks", "deal", "war", "truce", "ceasefire", "speech", "vote", "aid", "siege")


def _verb_form(toks: list[Token], t: Trigger) -> bool:
    """True for a trigger read as a verb: a past form, or after an auxiliary or "to"."""
    w = toks[t.first].lower
    prev = toks[t.first - 1].lower if t.first else ""
    return not t.noun and (w.endswith("ed") or w in IRREGULAR_PAST or prev in AUXILIARIES or prev in ("to", "will", "would"))


_CONSEQUENCES = frozenset({"killing", "wounding", "injuring", "leaving", "causing"})


def consequences(toks: list[Token], triggers: list[Trigger]) -> list[Trigger]:
    """ "The ship was attacked, killing four sailors": a participle after an attack tells its toll, not a new
    attack."""
    out = []
    for t in triggers:
        w = toks[t.first].lower
        after_attack = any(u.etype == "attack" and u.last < t.first for u in triggers)
        if t.etype == "attack" and w in _CONSEQUENCES and t.first and toks[t.first - 1].text == "," and after_attack:
            continue
        out.append(t)
    return out


def one_per_clause(toks: list[Token], triggers: list[Trigger], seg: list[int], dated: list[Dated]) -> list[Trigger]:
    """Merge same-type triggers of one event: "signed an agreement", "said in a statement".

    Speech acts merge across their clause; other types only when a few words apart. The kept trigger
    is the one nearest to a time expression of the clause (it carries the date), else the first.
    """
    if len(triggers) < 2:
        return list(triggers)  # nothing to merge
    groups: list[list[Trigger]] = []
    for t in triggers:
        for g in groups:
            last = g[-1]
            if last.etype == t.etype and seg[last.first] == seg[t.first] and (
                t.etype in SPEECH_TYPES or t.first - last.last <= 4 or _named_in_clause(toks, last, t)
            ):
                g.append(t)
                break
        else:
            groups.append([t])
    kept = []
    for g in groups:
        if len(g) == 1:
            kept.append(g[0])
            continue
        clause_dates = [d for d in dated if seg[d.first] == seg[g[0].first]]

        def gap(t: Trigger) -> int:
            return min((abs(d.first - t.first) for d in clause_dates), default=0)

        kept.append(min(g, key=lambda t: (gap(t), not _verb_form(toks, t), t.first)))  # "missile fired": the verb
    return sorted(kept, key=lambda t: t.first)


def _named_in_clause(toks: list[Token], verb: Trigger, noun: Trigger) -> bool:
    """True for "seized large parts of the east in an offensive", "targeted a ship ... in the latest assault": a
    noun after "in" names the act its clause's verb of the same type told, one event (class A-IN)."""
    if verb.noun or verb.first > noun.first:
        return False
    j = noun.first - 1
    while j > verb.last and noun.first - j <= 3 and _modifier(toks[j]):
        j -= 1
    # "in the latest assault": a word read as a verb elsewhere is a noun right after an article or a rank
    before = toks[noun.first - 1].lower
    return j > verb.last and toks[j].lower == "in" and (noun.noun or before in DETERMINERS or before in _RANKS)


# Conjunctions that open a clause setting the time of the sentence's main event.
_TIME_CLAUSES = frozenset({"when", "after", "before", "since", "until", "once", "as"})


def public_as_time(toks: list[Token], t: Trigger) -> bool:
    """True for an agentless passive speech verb in a time clause ("danced when the verdict was announced",
    "surged soon after the draft deal was announced"): it tells when the main event happened by a thing told
    before (the verdict, the deal), and is no making public of its own."""
    if t.etype not in SPEECH_TYPES or t.noun or t.first < 2 or toks[t.first - 1].lower not in ("was", "were"):
        return False
    if any(tok.lower == "by" for tok in toks[t.first + 1 : t.first + 4]):
        return False  # "was announced by the ministry": the announcer is named
    for k in range(t.first - 2, max(-1, t.first - 9), -1):
        if toks[k].lower in _TIME_CLAUSES:
            return True
        if toks[k].lower in (",", ";", ":", "—", "and", "but", "said", "says") or not toks[k].text.isalpha():
            return False
    return False


# "ready to", "open to", "looks forward to": a party's stance towards an act it may do.
_STANCES = frozenset({"forward", "ready", "readiness", "open", "willing", "willingness", "eager", "keen",
                      # "threatened to attack": the act threatened is the threat's content (guide rule 2, class REAL-THREAT)
                      "threatened", "threatens", "threaten", "threatening", "threat", "threats"})
# Words that end the reach of a stance back from a trigger: a new clause or a new speaker.
_STANCE_STOPS = frozenset({",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "but", "said", "says", "while"})


def intended_act(toks: list[Token], t: Trigger) -> bool:
    """True for an act a party says it is ready, open, willing or looking forward to do ("looks forward to
    commencing discussions", "is open to talks"): the content of its statement or pledge (guide rule 2), no
    row of its own (class N-INT)."""
    if t.etype in SPEECH_TYPES or t.etype == "pledge":
        return False
    for k in range(t.first - 1, max(0, t.first - 8), -1):
        w = toks[k].lower
        if w in _STANCE_STOPS:
            return False
        if w == "to" and any(toks[m].lower in _STANCES for m in range(k - 1, max(-1, k - 4), -1)
                             if not any(x.text in _STANCE_STOPS for x in toks[m:k])):
            return True  # "is ready to", "threatened on Monday to"
    return False


def definite_object(toks: list[Token], t: Trigger, triggers: list[Trigger]) -> bool:
    """True for "condemned the bombing": a definite noun object of another event refers back, it is no new event;
    so is a truce that is agreed, proposed or called for ("agreed to a humanitarian truce"): that is the event."""
    if any(v.etype in _OBJECT_TAKERS and not v.noun and _object_of(toks, v, t) for v in triggers):
        return True  # "banned protests", "demanded their release": what is banned or asked for is no event of its own
    if any(v.etype == "request" and _asked_to(toks, v, t) for v in triggers):
        return True  # "urged the rebels to release the crew": the act asked for has not happened
    if not t.noun or t.first < 2:
        return False
    if toks[t.first].lower in _ABSTRACT:
        if _purpose_object(toks, t.first):
            return True  # "efforts to reach a humanitarian truce", "pledged $2 million in aid"
        return any(not v.noun and v.etype != t.etype and 0 < t.first - v.last <= 5 for v in triggers)
    if toks[t.first - 1].lower not in ("the", "this", "that", "these", "those"):
        return False
    return any(not v.noun and v.etype != t.etype and 0 < t.first - v.last <= 3 and not _made_public(toks, v, t)
               for v in triggers)


def announced_back_reference(toks: list[Token], trig: Trigger) -> bool:
    """True for "announced the resignation": a definite office change made public refers to an act told
    before, whose doer is its agent, not the announcer."""
    k = trig.first
    return (trig.noun and k >= 2 and toks[k - 1].lower == "the"
            and WORDS.get(toks[k - 2].lower, ("",))[0] == "announcement" and trig.etype == "appointment")


def _made_public(toks: list[Token], verb: Trigger, noun: Trigger) -> bool:
    """True for "announced the resignation": an office left or filled that an announcement makes public is the
    event (announced_noun keeps it and drops the speech act), not a back-reference to drop (guide rule 10)."""
    return verb.etype == "announcement" and noun.etype == "appointment" and all(toks[k].lower in DETERMINERS for k in range(verb.last + 1, noun.first))


# Verbs whose event noun object names what they act on: a ban on protests is one event, the ban.
_OBJECT_TAKERS = frozenset({"arrest", "sanction", "retreat", "rejection", "request", "pledge", "threat"})


def _asked_to(toks: list[Token], request: Trigger, t: Trigger) -> bool:
    """True when a verb is the infinitive a request asks of someone ("Calls for Oli to step down", "requested
    Sebi to lift"): between them only the one asked, in at most four words."""
    if t.noun or t.first < 1 or toks[t.first - 1].lower != "to" or t.first <= request.last:
        return False
    gap = toks[request.last + 1 : t.first - 1]
    return len(gap) <= 4 and all(tok.text.isalpha() or genitive(tok.text) for tok in gap)


def _object_of(toks: list[Token], verb: Trigger, noun: Trigger) -> bool:
    """True when the noun follows the verb across only articles, possessives and adjectives ("demanded their
    immediate release", "called for a ceasefire")."""
    gap = toks[verb.last + 1 : noun.first]
    if any(t.lower in _MEANS_AND_TIMES for t in gap):
        return False  # "sought consensus by consulting parties": the act after "by" is the means, an event of its own
    return noun.first > verb.last and len(gap) <= 3 and all(_modifier(t) or t.lower in ("for", "on") for t in gap)


# Prepositions that open a means or a time, never an object: "by consulting", "before presenting".
_MEANS_AND_TIMES = frozenset({"by", "through", "via", "while", "before", "after", "without", "since", "until"})
# Abstract event nouns that mostly name a goal or a kind of help, not an occasion.
_ABSTRACT = frozenset({"truce", "truces", "ceasefire", "cease-fire", "cease", "cessation", "relief", "assistance",
                       "aid", "deal", "deals", "accord", "war"})
_PURPOSE = frozenset({"to", "for", "toward", "towards", "in", "regarding", "on"})


def _purpose_object(toks: list[Token], i: int) -> bool:
    """True when the noun at i follows "to", "for", "in", ... across only articles and adjectives."""
    j = i - 1
    while j >= 0 and i - j <= 4 and _modifier(toks[j]):
        j -= 1
    return j >= 0 and toks[j].lower in _PURPOSE


def _modifier(tok: Token) -> bool:
    """An article or a lower-case word that may sit before a noun ("a complete", "humanitarian")."""
    return tok.lower in DETERMINERS or (tok.text.isalpha() and tok.text.islower() and tok.lower not in _PURPOSE)


def announced_pledge(toks: list[Token], trig: Trigger) -> Trigger:
    """ "X said it would send a team": an announced commitment is a pledge, not a statement."""
    if trig.etype != "statement" or trig.noun:
        return trig
    window = [t.lower for t in toks[trig.last + 1 : trig.last + 5]]
    if window[:1] == ["that"]:
        window = window[1:]
    if (len(window) >= 3 and window[0] in PRONOUNS and window[1] in ("would", "will", "'d", "’d")
            and (window[2] in _PLEDGE_VERBS or window[2] in _COMMITMENTS)):
        verb = trig.last + 1 + [t.lower for t in toks[trig.last + 1 : trig.last + 6]].index(window[2])
        # The pledge spans "said it would send": the promise is read as asserted at the speech act.
        return trig._replace(etype="pledge", cameo=None, last=verb, mod_at=trig.first)
    return trig


# Verbs whose future by a party is a commitment (guide rule 4): "Japan will provide relief supplies".
_COMMITMENTS = frozenset({"send", "provide", "deploy", "contribute", "give", "donate", "fund", "invest", "supply",
                          "offer", "deliver", "allocate", "pay", "build", "establish", "train", "release", "rebuild",
                          "issue", "extend", "grant", "lend", "dispatch"})
_WILL = frozenset({"will", "would", "'ll", "’ll"})


def future_commitments(toks: list[Token], triggers: list[Trigger]) -> list[Trigger]:
    """ "X will provide supplies", "it would send a team": a party's future commitment is a pledge (guide rule
    4), read as asserted (the promise is made); the promised delivery is no event of its own yet."""
    out = list(triggers)
    for i, tok in enumerate(toks[:-1]):
        if tok.lower not in _WILL or i == 0:
            continue
        j = i + 1 if toks[i + 1].lower not in ("also", "soon", "immediately", "now") else i + 2
        if j >= len(toks) or toks[j].lower not in _COMMITMENTS or toks[i - 1].lower in ("that", "which", "who"):
            continue
        if any(t.first <= j <= t.last and t.etype == "pledge" for t in out):
            continue  # already inside "said it would send"
        out = [t for t in out if not (i < t.first <= j + 3 and t.etype in ("aid", "deployment"))]
        out.append(Trigger(i, j, "agreement" if _price_per_share(toks, j) else "pledge", None, False, i - 1))
    return sorted(out, key=lambda t: t.first)


def _price_per_share(toks: list[Token], j: int) -> bool:
    """True for "will pay 83.50 dollars per share": a buyer's price for a company is the acquisition agreed
    (guide rule 10, class P4-T4), not a pledge."""
    return toks[j].lower == "pay" and any(
        toks[k].lower == "per" and toks[k + 1].lower == "share" for k in range(j + 1, min(len(toks) - 1, j + 10)))


def pledged_actions(toks: list[Token], triggers: list[Trigger]) -> list[Trigger]:
    """Drop the promised action of an announced pledge ("said he would deploy"): the pledge is the event."""
    pledges = [t for t in triggers if t.etype == "pledge" and not t.noun]
    if not pledges:
        return triggers
    return [t for t in triggers if t.etype == "pledge" or not any(
        p.first < t.first <= p.last or (0 < t.first - p.last <= 5 and toks[t.first - 1].lower in
                                        ("would", "will", "'d", "’d")) for p in pledges)]


def simple_past(toks: list[Token], trig: Trigger) -> bool:
    """True for a noun or a simple-past verb; false for the present and the perfect ("has agreed", "says")."""
    if any(t.lower in _PERFECT_OR_PRESENT for t in toks[max(0, trig.first - 3) : trig.first]):
        return False
    w = toks[trig.first].lower
    if trig.noun or w.endswith("ed") or w in IRREGULAR_PAST:
        return True
    if trig.first > 0 and _plural_subject(toks[trig.first - 1]):
        return False  # "analysts say", "the relatives battle": a bare verb after a plural subject is the present
    return not (w.endswith("s") and not w.endswith("ss"))  # "says", "agrees": the present


def _plural_subject(tok: Token) -> bool:
    """True for a plural pronoun or a lower-case plural noun ("they", "experts") right before a verb."""
    w = tok.lower
    if w in ("they", "we", "you", "i", "police", "people", "media"):
        return True
    plural = w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3
    return plural and tok.text.isalpha() and tok.text.islower()


def announced_noun(toks: list[Token], triggers: list[Trigger]) -> list[Trigger]:
    """ "announced his resignation", "declared a ceasefire": the announced event replaces the speech act."""
    drop = set()
    for t in triggers:
        if t.etype not in SPEECH_TYPES or t.noun:
            continue
        for u in triggers:
            if u.noun and u.etype not in SPEECH_TYPES and 1 < u.first - t.last <= 3 and toks[t.last + 1].lower in DETERMINERS and all(
                _modifier(toks[k]) for k in range(t.last + 1, u.first)
            ):
                drop.add(t.first)
    return [t for t in triggers if t.first not in drop]


def has_force_unit(toks: list[Token]) -> bool:
    """True when the sentence names troops or the like: only then can a count alone make a deployment."""
    return not FORCE_UNITS.isdisjoint([t.lower for t in toks])


def counted_force(toks: list[Token], triggers: list[Trigger], quantities: list[tuple[int, int, str]]) -> list[Trigger]:
    """ "could include up to 20,000 troops": a counted force is a deployment even without a deployment verb."""
    if not quantities or any(t.etype in ("deployment", "attack") for t in triggers):  # most sentences count nothing
        return triggers
    for first, last, _ in quantities:
        if toks[last].lower in FORCE_UNITS:
            # Modality is read at the verb before the number ("could include").
            verb = first - 1 if first > 0 and toks[first - 1].text.isalpha() else first
            return sorted([*triggers, Trigger(last, last, "deployment", None, True, verb)], key=lambda t: t.first)
    return triggers


# Words between an anonymous speaker and its speech verb ("officials have also said").
_SPEAKER_ADVERBS = frozenset({"also", "have", "has", "had", "previously", "later", "earlier", "privately",
                              "separately", "reportedly", "further"})
# Speech verbs a speaker may follow (", said a senior official"); "told officials" names the hearers.
_INVERTED_SPEECH = frozenset({"said", "says", "added", "adds", "stated"})
# What ends an unnamed speaker after the verb (", said a senior official." "said officials, who ...").
_SPEAKER_END = frozenset({",", ".", ";", "who", "familiar", "speaking", "with", "in", "on", "at", "”", '"'})


def anonymous_speaker(toks: list[Token], trig: Trigger) -> bool:
    """True for a speech verb whose speaker is an unnamed official, source, analyst or diplomat ("a military
    official told the AP", "said two diplomats familiar with the talks", "people familiar with the plan said"):
    the guide's anonymous sources and analysts, whose commentary is no event (class REAL-ANON)."""
    j = trig.first - 1
    while j >= 0 and toks[j].lower in _SPEAKER_ADVERBS:
        j -= 1
    if j >= 0 and toks[j].lower in ANONYMOUS:
        return True
    if j >= 2 and toks[j].text.isalpha() and any(t.lower == "familiar" for t in toks[max(0, j - 4) : j]):
        return True  # "people familiar with the matter said"
    if toks[trig.last].lower not in _INVERTED_SPEECH:
        return False  # "told officials in Oslo": the officials are spoken to
    k = trig.last + 1
    while k < len(toks) and k - trig.last <= 5 and toks[k].text.isalpha() and toks[k].lower not in ANONYMOUS:
        k += 1
    return (k < len(toks) and toks[k].lower in ANONYMOUS and k > trig.last + 1
            and (k + 1 == len(toks) or toks[k + 1].lower in _SPEAKER_END))
