"""Tokenising once: words, digit runs and single punctuation marks, with character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

# Digit runs and letter runs are separate tokens ("1990s" -> "1990", "s"); adjacency is kept
# through the offsets, so rules can ask whether two tokens touch.
# Letters first (the commonest token) and possessive runs: the same tokens, found a little faster.
_TOKEN = re.compile(r"[^\W\d_]++|\d++|\S")


class Token(NamedTuple):
    """One token: offsets into the text, its text, its lower-case form and whether it is ASCII digits.

    The one token type of Dateline: the tagger's tokens and the event extractor's words
    (transforms.events.tokens) are both Tokens, so the tagger can reuse the extractor's words as they are.
    """

    start: int
    end: int
    text: str
    lower: str
    digits: bool


def _token(start: int, end: int, text: str, lower: str) -> Token:
    """A Token of text[start:end] with its lower-case form; digits is worked out here."""
    return tuple.__new__(Token, (start, end, text, lower, text.isdigit() and text.isascii()))


def tokenize(text: str) -> list[Token]:
    """Split text into tokens with offsets into text."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two ("İ"): lower per token
        return [_token(s, e, text[s:e], text[s:e].lower()) for s, e in spans]
    return [_token(s, e, text[s:e], lowered[s:e]) for s, e in spans]


def from_words(text: str, words: Iterable[Token]) -> list[Token]:
    """The tokens of text, split from a coarser tokenisation of it: Tokens that cover every non-space character
    and never cut a letter or digit run (the event extractor's words).

    A word of letters only or digits only, or of one character, is a token as it is; the few others ("G7",
    "2,000") are split here: cheaper than tokenising the text a second time.
    """
    if len(text.lower()) != len(text):
        return tokenize(text)  # characters that lowercase to two: keep tokenize's own handling
    out = []
    for word in words:
        w = word.text
        if w.isalpha() or len(w) == 1 or w.isdecimal():
            out.append(word)
        else:
            s, low = word.start, word.lower
            out.extend(_token(a, b, text[a:b], low[a - s : b - s]) for a, b in map(re.Match.span, _TOKEN.finditer(text, s, word.end)))
    return out
