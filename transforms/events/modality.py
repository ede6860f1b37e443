"""Modality of an event mention: asserted, future (planned), hypothetical or negated."""

from __future__ import annotations

from transforms.events.lexicon import IRREGULAR_PAST
from transforms.events.tokens import Token

_NEGATORS = frozenset({"not", "n't", "never", "no", "without", "neither", "nor", "cannot", "didn't",
                       "won't", "wouldn't", "hasn't", "haven't", "hadn't", "isn't", "wasn't", "weren't",
                       "aren't", "doesn't", "don't", "couldn't", "originally"})
_NEGATING_VERBS = frozenset({"refused", "refuses", "declined", "declines", "failed", "fails", "denied",
                             "cancelled", "canceled", "postponed"})
_HYPOTHETICAL = frozenset({"could", "would", "may", "might", "should", "can", "if", "unless", "possible",
                           "potential", "proposed", "possibly", "perhaps", "hypothetical", "open",
                           "whether", "consider", "considering", "mulling", "prospect", "conditional",
                           "demanded", "urged", "wants", "want", "seek", "seeking", "hopes", "hoping"})
_FUTURE = frozenset({"will", "shall", "'ll", "expected", "scheduled", "planned", "plans", "plan",
                     "planning", "set", "due", "upcoming", "going", "intends", "intend", "aims",
                     "aim", "prepares", "preparing", "next", "forthcoming", "later", "slated", "tomorrow",
                     "ahead", "likely", "future", "soon", "until",
                     "pave", "paves", "paving"})  # "paves the way for an election": enabled, not yet held
# "to" makes a plan only after a verb of planning or before a passive ("is to meet", "to be signed");
# "decided to ban" and "causing it to sink" report what happened.
_PLAN_BEFORE_TO = frozenset({"is", "are", "was", "were", "set", "due", "expected", "scheduled", "planned",
                             "plans", "plan", "planning", "aims", "aim", "intends", "intend", "going", "ready",
                             "about", "agreed", "prepared", "preparing", "slated", "likely", "poised"})
# Auxiliaries, adverbs and particles that may sit between a cue and its verb ("will not be signed").
_CHAIN = frozenset({"be", "been", "being", "have", "has", "had", "is", "are", "was", "were", "do", "does",
                    "did", "also", "already", "still", "now", "then", "again", "just", "reportedly",
                    "formally", "officially", "jointly", "finally", "eventually", "only", "soon", "to",
                    "likely", "expected", "scheduled", "set", "due", "able", "ready", "the", "a", "an",
                    "first", "new", "newly", "its", "their", "his", "her", "planned", "proposed",
                    "potential", "possible", "upcoming", "reported", "long", "awaited", "this", "that",
                    "next", "further", "immediately", "quickly", "publicly", "personally", "once",
                    "joint", "broader", "wider", "any", "formal", "high", "level", "high-level", "another",
                    "try", "tries", "trying"})  # "can try to appeal": the attempt carries the cue before it
# Prepositions a noun's chain may cross ("would push for a ceasefire").
_NOUN_PREPOSITIONS = frozenset({"for", "on", "with", "of", "into", "about", "to"})
_RIGHT_CUES = frozenset({"will", "would", "could", "may", "might", "expected", "scheduled", "planned", "set",
                         "due", "cancelled", "canceled", "postponed", "likely"})
# Determiners that open a noun phrase: the words between one and its noun are modifiers ("a three-month truce").
_NP_OPENERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those",
                         "another", "any"})
# Words that open a negated subject ("No facilities have been targeted", "no aid or funding pledged").
_NO_SUBJECT = frozenset({"no", "none", "nobody", "neither"})
# "no fewer than 20 countries signed" counts the subject, it does not negate it.
_COMPARATIVES = frozenset({"fewer", "more", "less", "longer", "sooner", "later"})


def modality(tokens: list[Token], i: int, is_noun: bool, clause_start: int, clause_end: int) -> str:
    """Modality of the trigger at token i, read from the auxiliary chain and modifiers around it."""
    cues: set[str] = set()
    j = _noun_phrase_start(tokens, i, clause_start, cues) if is_noun else i - 1
    steps = 0
    skipped_verb = not is_noun
    while j >= clause_start and steps < 8:
        w = tokens[j].lower
        if w == "to":
            before = tokens[j - 1].lower if j > 0 else ""
            after = tokens[j + 1].lower if j + 1 < len(tokens) else ""
            if not is_noun and (before in _PLAN_BEFORE_TO or after == "be" or _for_subject(tokens, j, clause_start)):
                cues.add("to")
            elif is_noun and skipped_verb and after.isalpha() and after not in _CHAIN:
                cues.add("to")  # "efforts to secure a ceasefire": a purpose, not a fact
        elif w == "later" and _past_verb(tokens, j + 1):
            pass  # "the crowd later began marching": a time after another past one, no plan
        elif w in _NEGATORS or w in _HYPOTHETICAL or w in _FUTURE or w in _NEGATING_VERBS:
            cues.add(w)
        elif is_noun and w in _NOUN_PREPOSITIONS:
            pass
        elif w not in _CHAIN and not w.endswith("ly"):
            if skipped_verb or not w.isalpha() or tokens[j].text[0].isupper():
                if not is_noun and _negated_subject(tokens, j, clause_start):
                    cues.add("no")
                break
            skipped_verb = True  # the noun's light verb: "could impose sanctions", "will hold talks"
        j -= 1
        steps += 1
    if is_noun:  # "talks are expected to resume", "the deal was not signed"
        k = i + 1
        steps = 0
        while k < clause_end and steps < 5:
            w = tokens[k].lower
            if w in _NEGATORS or w in _RIGHT_CUES:
                cues.add(w)
            elif w not in _CHAIN and w not in ("of", "in", "with", "between"):
                break
            k += 1
            steps += 1
    return _decide(cues)




def _for_subject(tokens: list[Token], j: int, clause_start: int) -> bool:
    """True for an infinitive with its own subject after "for" ("the agreement for both countries to withdraw",
    "the way for the troops to leave"): what the agreement or the way is for has not happened (class REAL-MOD-FOR)."""
    k = j - 1
    while k >= clause_start and j - k <= 6:
        w = tokens[k].lower
        if w == "for":
            return k < j - 1
        if not tokens[k].text.replace("-", "").isalpha() or w in _CHAIN - _NP_OPENERS - {"both"}:
            return False
        k -= 1
    return False


def _past_verb(tokens: list[Token], k: int) -> bool:
    """True for a verb in the simple past at token k ("began", "resigned")."""
    return k < len(tokens) and (tokens[k].lower.endswith("ed") or tokens[k].lower in IRREGULAR_PAST)


def _noun_phrase_start(tokens: list[Token], i: int, clause_start: int, cues: set[str]) -> int:
    """Where the walk back from a noun goes on: at its determiner when only modifiers stand between them ("start
    with a three-month humanitarian truce", "could sign a new peace deal": no modifier is the light verb), else
    just before the noun; the cues among the modifiers ("a possible truce") are kept."""
    found: set[str] = set()
    j = i - 1
    while j >= clause_start and i - j <= 4:
        w = tokens[j].lower
        if w in _NP_OPENERS:
            cues |= found
            return j
        if not (tokens[j].text.islower() and w.replace("-", "").isalpha()) or w in _VERB_WORDS:
            break
        if w in _HYPOTHETICAL or w in _FUTURE or w in _NEGATORS:
            if w not in _ADJECTIVE_CUES:
                break  # "could", "will": a verb phrase, read by the walk itself
            found.add(w)
        elif _past_verb(tokens, j) and w not in _CHAIN:
            break  # "later began marching": a verb, not a modifier
        j -= 1
    return i - 1


# Chain words that are verbs, not modifiers of a noun.
_VERB_WORDS = frozenset({"be", "been", "being", "have", "has", "had", "is", "are", "was", "were", "do", "does", "did",
                         "to"})
# Cue words that modify a noun ("a possible truce", "the planned summit").
_ADJECTIVE_CUES = frozenset({"possible", "potential", "proposed", "possibly", "hypothetical", "conditional",
                             "planned", "upcoming", "forthcoming", "next", "future", "likely", "expected",
                             "scheduled", "slated"})


def _negated_subject(tokens: list[Token], j: int, clause_start: int) -> bool:
    """True when the words before a verb's chain are a subject opened by "no" ("No military facilities have been
    targeted", "there has been no aid or funding pledged"): the event did not happen (negation scope)."""
    k = j
    while k >= clause_start and j - k <= 6:
        w = tokens[k].lower
        if w in _NO_SUBJECT:
            return not (k + 1 <= j and tokens[k + 1].lower in _COMPARATIVES)
        if not tokens[k].text.replace("-", "").isalpha() or w in _CHAIN or w in ("that", "which", "who", "and"):
            if w != "and":
                return False
        k -= 1
    return False


# Verbs that negate the event they govern ("refused to sign"); "denied" is a cue but reports a statement.
_REFUSALS = _NEGATING_VERBS - {"denied"}
_PLANS = _FUTURE | {"to"}


def _decide(cues: set[str]) -> str:
    """Pick one modality from the cues: negation first, then hypothesis, then plans."""
    if not cues:
        return "asserted"  # most triggers
    if cues & _NEGATORS or cues & _REFUSALS:
        return "negated"
    if cues & _HYPOTHETICAL:
        return "hypothetical"
    if cues & _PLANS:
        return "future"
    return "asserted"


# How far back a conjoined verb looks for the verb whose auxiliaries it shares.
_CONJUNCT_REACH = 12


def conjoined(tokens: list[Token], i: int, mod: str, verbs: dict[int, str]) -> str:
    """The modality of a verb right after "and"/"or" that shares the auxiliaries of an earlier verb trigger of its
    sentence ("will likely be approved by the upper house and sworn in"): the earlier verb's plan or possibility
    (class REAL-MOD-AND); `verbs` maps the sentence's verb triggers read so far to their modality."""
    if mod != "asserted" or not i or tokens[i - 1].lower not in ("and", "or"):
        return mod
    earlier = [k for k in verbs if k < i - 1 and i - k <= _CONJUNCT_REACH]
    if not earlier:
        return mod
    k = max(earlier)
    if tokens[i].lower.endswith("ed") and not tokens[k].lower.endswith(("ed", "en")):
        return mod  # "will meet ... and signed": no shared auxiliary
    if any(t.text in (";", ":") or t.lower in ("but", "while", "whereas") for t in tokens[k + 1 : i]):
        return mod
    return verbs[k] if verbs[k] in ("future", "hypothetical") else mod
