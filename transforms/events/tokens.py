"""Word tokens with character offsets: the text is tokenised once and every module reads the tokens."""

from __future__ import annotations

import re
from itertools import accumulate
from operator import itemgetter

from transforms.timex.tokens import Token  # the one token type, shared with the tagger

def genitive(word: str) -> bool:
    """True for a word with a possessive ending, straight or curly ("Yemen's", "Iran’s")."""
    return word.endswith(("'s", "’s"))


# A token's lower-case word read by position: for C-level scans (map, set tests) over many tokens.
LOWER = itemgetter(Token._fields.index("lower"))

# Words (with inner hyphens, apostrophes, dots and digit groups), and single other marks (currency signs,
# punctuation). Possessive quantifiers: a word never gives back letters (same tokens, less backtracking bookkeeping).
# A full stop between a lower-case word and a capitalised one ("decision.Yoon") is a sentence end with its
# space lost, not an inner dot ("U.S", "3.5"): the words are split there.
# A word character is written [0-9A-Za-z_\w], the same set as \w: the regex engine tests a class's ASCII ranges with
# a bitmap before the Unicode category, so the common letter costs fewer instructions (-4% for the split).
_W = r"[0-9A-Za-z_\w]"
_TOKEN = re.compile(rf"{_W}++(?:[-'’,]{_W}++|\.(?!(?<=[a-z]{{2}}\.)[A-Z][a-z]){_W}++)*+|[^\w\s]")
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


# Quote marks as tokens: curly quotes, and the doubled backticks and apostrophes of wire and TimeML copy (two
# tokens each); a straight quote opens or closes by its count.
OPENING_QUOTES = frozenset({"“", "``"})
CLOSING_QUOTES = frozenset({"”", "''"})
STRAIGHT_QUOTE = '"'


def quote_marks(toks: list[Token], lo: int, hi: int) -> list[str]:
    """The quote marks among toks[lo:hi], in order, a doubled backtick or apostrophe read as one mark."""
    marks, j = [], lo
    while j < hi:
        pair = toks[j].text + toks[j + 1].text if j + 1 < hi else ""
        if pair in OPENING_QUOTES or pair in CLOSING_QUOTES:
            marks.append(pair)
            j += 2
            continue
        if toks[j].text in OPENING_QUOTES or toks[j].text in CLOSING_QUOTES or toks[j].text == STRAIGHT_QUOTE:
            marks.append(toks[j].text)
        j += 1
    return marks


def in_quotation(toks: list[Token], k: int) -> bool:
    """True for token k inside a quotation opened before it in its sentence: the last quote mark before it opens
    one (an opening mark, or a straight quote of odd count)."""
    marks = quote_marks(toks, 0, k)
    if not marks or marks[-1] in CLOSING_QUOTES:
        return False
    return marks[-1] != STRAIGHT_QUOTE or marks.count(STRAIGHT_QUOTE) % 2 == 1
