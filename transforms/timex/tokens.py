"""Tokenising once: words, digit runs and single punctuation marks, with character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Digit runs and letter runs are separate tokens ("1990s" -> "1990", "s"); adjacency is kept
# through the offsets, so rules can ask whether two tokens touch.
# Letters first (the commonest token) and possessive runs: the same tokens, found a little faster.
_TOKEN = re.compile(r"[^\W\d_]++|\d++|\S")


class Token:
    """One token: its offsets, its text, its lowercased text and whether it is ASCII digits."""

    __slots__ = ("start", "end", "text", "low", "digits")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.digits = text.isdigit() and text.isascii()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


def tokenize(text: str) -> list[Token]:
    """Split text into tokens with offsets into text."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two ("İ"): lower per token
        return [Token(s, e, text[s:e], text[s:e].lower()) for s, e in spans]
    return [Token(s, e, text[s:e], lowered[s:e]) for s, e in spans]


def from_words(text: str, words: Iterable) -> list:
    """The tokens of text, split from a coarser tokenisation of it: words with the attributes of a Token (start,
    end, text, low, digits) that cover every non-space character and never cut a letter or digit run (the event
    extractor's words).

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
            s, low = word.start, word.low
            out.extend(Token(a, b, text[a:b], low[a - s : b - s]) for a, b in map(re.Match.span, _TOKEN.finditer(text, s, word.end)))
    return out
