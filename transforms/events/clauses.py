"""Clauses of a sentence: a time expression dates the events of its own clause, not those across a boundary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from transforms.events.tokens import Token

if TYPE_CHECKING:
    from transforms.events.triggers import Trigger

# Words that open a new clause: a time expression on one side does not date an event on the other.
CLAUSE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where", "while", "whereas", "after",
                           "before", "when", "because", "although", "though", "but", "until", "amid",
                           "following", "since", "once", "unless", "if", "upon"})


_CLAUSE_MARKS = frozenset({";", ":", "—", "–"})


RELATIVE = frozenset({"who", "which", "whose", "whom"})


_FRONTED = frozenset({"after", "before", "following", "since", "when", "while", "as", "despite", "amid",
                      "once", "if", "although", "though", "during", "ahead"})


FRONT_WORDS = frozenset({"on", "late", "early", "earlier", "by", "in", "last", "this", "at", "until"})

# Every word `segments` acts on; any other word stays in the current clause.
_SEGMENT_WORDS = CLAUSE_WORDS | _CLAUSE_MARKS | RELATIVE | {"(", ")", ","}


def segments(toks: list[Token], blocked: set[int]) -> list[int]:
    """Clause number of each token: clause words and marks open a new clause; ", who ...," closes again."""
    seg = []
    cur = top = 0
    outer: int | None = None  # the clause a ", who ...," relative clause returns to
    paren: int | None = None  # the clause a "( ... )" returns to
    fronted = bool(toks) and toks[0].lower in _FRONTED
    inserted = _inserted_amounts(toks)
    for i, t in enumerate(toks):
        w = t.lower
        if w not in _SEGMENT_WORDS or i in blocked or i in inserted or _adverb_since(toks, i) or _particle_upon(toks, i):
            seg.append(cur)
            continue
        if w == "(":
            paren, top = cur, top + 1  # a bracket is its own clause; after it the sentence goes on
            cur = top
        elif w == ")" and paren is not None:
            seg.append(cur)
            cur, paren = paren, None
            continue
        elif w in RELATIVE and i > 0 and toks[i - 1].text == ",":
            outer = cur
            top += 1
            cur = top
        elif w in _CLAUSE_MARKS or (w in CLAUSE_WORDS and i > 0 and i + 1 not in blocked):
            # (a clause word before a date is its preposition: "since 2018", "until Friday")
            top += 1
            cur = top  # a clause nested in ", which ...," still ends at its comma
        elif t.text == ",":
            if outer is not None:
                seg.append(cur)
                cur, outer = outer, None
                continue
            if fronted:
                top += 1
                cur = top  # "After the talks on Monday, X said": the comma closes the fronted clause
                fronted = False
        seg.append(cur)
    return seg


def _adverb_since(toks: list[Token], i: int) -> bool:
    """True for "since" as an adverb after an auxiliary ("they have since carried out"): it opens no clause."""
    return toks[i].lower == "since" and i > 0 and toks[i - 1].lower in ("has", "have", "had")


def _particle_upon(toks: list[Token], i: int) -> bool:
    """True for "upon" not followed by a gerund ("agreed upon by the Quad"): only "upon assuming office" opens a
    clause of its own."""
    return toks[i].lower == "upon" and not (i + 1 < len(toks) and toks[i + 1].lower.endswith("ing"))


def _inserted_amounts(toks: list[Token]) -> set[int]:
    """The commas around an amount restated in passing ("fell 1.4%, or 6.43 points, on Friday"): no clause ends."""
    out: set[int] = set()
    for i, t in enumerate(toks[:-2]):
        if t.text == "," and toks[i + 1].lower == "or" and toks[i + 2].text[:1].isdigit():
            close = next((k for k in range(i + 3, min(i + 6, len(toks))) if toks[k].text == ","), None)
            if close is not None:
                out.update((i, close))
    return out


def clause_start(seg: list[int], i: int) -> int:
    """First token index of the clause of token i, across a bracket or ", who ...," nested inside it."""
    j, s = i, seg[i]
    for k in range(i - 1, -1, -1):
        if seg[k] == s:
            j = k
        elif seg[k] < s:
            break  # an earlier clause; a higher number is one nested in this clause, stepped over
    return j


def clause_end(seg: list[int], i: int, stop: int | None = None) -> int:
    """One past the last token index of the clause of token i (scanning no further than `stop`)."""
    j, n, s = i, len(seg) if stop is None else min(stop, len(seg)), seg[i]
    while j < n and seg[j] == s:
        j += 1
    return j


def first_comma(toks: list[Token]) -> int:
    """Index of the sentence's first comma (the end of a fronted adverbial), or 4 when there is none."""
    return next((i for i, t in enumerate(toks[:25]) if t.text == ","), 4)


def main_clause(trig: Trigger, seg: list[int], toks: list[Token]) -> bool:
    """True when the trigger is not inside a subordinate clause ("that ...", "which ...")."""
    start = clause_start(seg, trig.first)
    return start == 0 or toks[start].lower not in CLAUSE_WORDS and toks[start].lower not in RELATIVE
