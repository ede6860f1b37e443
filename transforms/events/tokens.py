"""Word tokens with character offsets: the text is tokenised once and every module reads the tokens."""

from __future__ import annotations

import re
from typing import NamedTuple

# Words (with inner hyphens, apostrophes, dots and digit groups), currency signs, single punctuation marks.
_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|[$€£]|[^\w\s]")


class Token(NamedTuple):
    """One token: offsets into the article, its text and its lower-case form."""

    start: int
    end: int
    text: str
    lower: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into the whole text."""
    make = Token._make
    return [
        make((*m.span(), w, w.lower()))
        for m in _TOKEN.finditer(text, start, len(text) if end is None else end)
        for w in (m.group(),)
    ]
