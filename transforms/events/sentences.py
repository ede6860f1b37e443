"""Sentence and paragraph splitting with character offsets into the original text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cmdr adm gov sen rep rev st jr sr co corp inc ltd
    no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m pres
    sec dept est approx fig ft mt""".split()
)

# A candidate boundary: terminal punctuation, optional closing quote/bracket, then whitespace; or a full stop
# between a lower-case word and a capitalised one, "decision.Yoon" (a lost space: the match is the full stop alone).
# The same with a closing quote, "trust.'The acting President": the match is the full stop and the quote.
# The pattern opens with one character class, "[\n.!?]", and the branches tell its character apart by looking back:
# the regex engine then skips to the next such character in one tight loop instead of trying the pattern at every
# character (-20% instructions for the split). The punctuation is matched once for all its branches (they exclude
# each other by the character after it), so a full stop that ends no sentence is not read again by each branch.
_BOUNDARY = re.compile(r"[\n.!?](?:(?<=\n)\s*|(?<=[.!?])(?:[\"'”’)\]]*\s+|(?<=[a-z]{2}\.)(?=[A-Z][a-z])"
                       r"|[\"'”’]+(?<=[a-z]{2}[.!?][\"'”’])(?=[A-Z][a-z])))")


class Sentence(NamedTuple):
    """One sentence: its text, offsets into the article and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int


# The word before a full stop; only words up to this long can be abbreviations, so no further back is read.
_WORD_BEFORE = re.compile(r"[^\s(\"“‘]*\Z")
_LONGEST = max(5, *map(len, _ABBREVIATIONS)) + 1


def is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial, not a sentence."""
    return _ends_with_abbreviation(text[max(0, dot - _LONGEST) : dot])


@lru_cache(maxsize=8192)
def _ends_with_abbreviation(before: str) -> bool:
    """is_abbreviation by the few characters before the full stop (cached: most are common word endings)."""
    word = _WORD_BEFORE.search(before).group().lower()
    if word in _ABBREVIATIONS:
        return True
    # Single capital initials ("J. Smith") and dotted acronyms ("U.S.").
    return len(word) == 1 and word.isalpha() or ("." in word and len(word) <= 5)


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences; a newline always ends a sentence and blank lines end paragraphs."""
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        gap = m.group()
        at, after = m.span()
        nxt = text[after : after + 1]
        if not gap[-1].isspace():  # "decision.Yoon", "trust.'The": a lost space, the sentence ends at the match
            end = after
        elif gap[0] == "\n":
            if nxt.islower() and at > 0 and text[at - 1] not in ".!?\"”":
                continue  # a paragraph break inside a sentence ("in an interview\n\non Monday")
            end = at
        else:  # terminal punctuation
            if nxt and "\n" not in gap and not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'([`"):
                continue  # a full stop and a newline end the sentence whatever follows ("repatriated.\n- In March")
            if gap[0] == "." and "\n" not in gap and is_abbreviation(text, at):
                continue
            end = at + len(gap) - len(gap.lstrip(".!?\"'”’)]"))
        _append(out, text, start, end, paragraph)
        start = after
        if "\n" in gap:
            paragraph += 1
    _append(out, text, start, len(text), paragraph)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    """Append the stripped span [start, end) as a sentence when it holds any word."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return
    out.append(Sentence(start, end, text[start:end], paragraph, len(out)))


def not_reporting(text: str, sent: Sentence) -> bool:
    """True for a headline: the article's own report of its events is in its body, so a headline gives no
    event rows (the body's mention of the same event does)."""
    return _headline(text, sent)


def _headline(text: str, sent: Sentence) -> bool:
    """A line of its own, with no closing punctuation, of a few mostly capitalised words ("Armenia and Azerbaijan
    Sign Historic Peace Deal at White House"), or the unpunctuated first line of the text."""
    whole_line = (sent.start == 0 or text[sent.start - 1] == "\n") and (sent.end == len(text) or text[sent.end] == "\n")
    if not whole_line or sent.text[-1] in ".!?\"”’'":
        return False
    words = [w for w in sent.text.split() if w[:1].isalpha()]
    if not words or len(words) > 20:
        return False
    capitalised = sum(w[0].isupper() for w in words) / len(words)
    return sent.start == 0 or capitalised >= 0.6


_SUBHEAD_WORDS = 12


def subhead(text: str, sent: Sentence) -> bool:
    """A short line of its own in sentence case with no closing punctuation ("Three ministers resign", "PM
    Sharif condemns India's missile strikes"): a subhead, whose events the body tells again."""
    whole_line = sent.start > 0 and text[sent.start - 1] == "\n" and (sent.end == len(text) or text[sent.end] == "\n")
    if not whole_line or sent.text[-1] in ".!?\"”’':":
        return False
    words = [w for w in sent.text.split() if w[:1].isalpha()]
    return 0 < len(words) <= _SUBHEAD_WORDS
