"""Word tokens with character offsets: the text is tokenised once and every module reads the tokens."""

from __future__ import annotations

import re
from itertools import accumulate
from operator import itemgetter

from transforms.timex.tokens import Token  # the one token type, shared with the tagger

# A token's lower-case word read by position: for C-level scans (map, set tests) over many tokens.
LOWER = itemgetter(Token._fields.index("lower"))

# Words (with inner hyphens, apostrophes, dots and digit groups), and single other marks (currency signs,
# punctuation). Possessive quantifiers: a word never gives back letters (same tokens, less backtracking bookkeeping).
# A full stop between a lower-case word and a capitalised one ("decision.Yoon") is a sentence end with its
# space lost, not an inner dot ("U.S", "3.5"): the words are split there.
_TOKEN = re.compile(r"\w++(?:[-'’,]\w++|\.(?!(?<=[a-z]{2}\.)[A-Z][a-z])\w++)*+|[^\w\s]")
# The same as one group: re.split then returns the gaps and the tokens in turn (faster than finditer's matches).
# Every token opens with a non-space: the look-ahead lets the search pass over spaces without trying the branches
# (about 10% fewer interpreter instructions for the split under callgrind, same tokens).
_SPLIT = re.compile(f"(?=\\S)({_TOKEN.pattern})")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into the whole text."""
    end = len(text) if end is None else end
    parts = _SPLIT.split(text[start:end])  # gap, token, gap, token, ..., gap: strings only, no match objects
    offsets = list(accumulate(map(len, parts), initial=start))  # where each part ends: a token starts at its gap's end
    spans = zip(offsets[1::2], offsets[2::2], parts[1::2])
    new = tuple.__new__  # skips the NamedTuple constructor: a third faster on long articles
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): lower each word instead
        return [new(Token, (s, e, w, w.lower(), w.isdigit() and w.isascii())) for s, e, w in spans]
    return [new(Token, (s, e, w, low[s:e], w.isdigit() and w.isascii())) for s, e, w in spans]
