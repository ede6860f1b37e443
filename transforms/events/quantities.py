"""Quantities with units in a sentence: "up to 20,000 troops", "2,000 volunteers", "$7 billion"."""

from __future__ import annotations

from transforms.events.lexicon import APPROXIMATORS
from transforms.events.tokens import Token

_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions dozen dozens""".split()
)
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "bn", "m", "mn", "k"})
_ADJECTIVE_ENDINGS = ("ed", "al", "ive", "ian", "ese", "ish", "ary")
_ADJECTIVES = frozenset({"new", "more", "extra", "foreign", "young", "local", "other", "former", "senior", "civilian"})
_QUALIFIERS = {("up", "to"), ("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least")}
_QUALIFIER_WORDS = APPROXIMATORS | {"estimated", "only", "another"}
_CURRENCY = frozenset({"$", "€", "£", "us$"})
_STARTERS = _NUMBER_WORDS | _CURRENCY  # words that may open a quantity (besides digits)
_MONEY_UNITS = frozenset({"dollars", "euros", "pounds", "yuan", "yen", "rupees", "francs", "won", "rubles"})
# Words after a number that are not what it counts.
_NOT_UNITS = frozenset(
    """of to and or in on at by for from the a an as is are was were be been that which who with per
    expected said have has had will would could may more than years year months month weeks week days day
    hours hour percent""".split()
)


def _is_number(tok: Token) -> bool:
    """True for digits ("2,000", "8.5") and number words ("five")."""
    return tok.text[0].isdigit() or tok.lower in _NUMBER_WORDS


def find_quantities(tokens: list[Token], text: str, blocked: set[int]) -> list[tuple[int, int, str]]:
    """(first token, last token, text) of each counted quantity; tokens in `blocked` (dates) are skipped."""
    out: list[tuple[int, int, str]] = []
    n = len(tokens)
    starts = [k for k, t in enumerate(tokens) if t.lower in _STARTERS or t.text[0].isdigit()]
    nxt_i = 0  # the scan resumes here after a quantity or a number run
    for i in starts:  # most sentences hold no number at all
        if i < nxt_i:
            continue
        tok = tokens[i]
        money_sign = tok.lower in _CURRENCY and i + 1 < n and _is_number(tokens[i + 1])
        if i in blocked or not (_is_number(tok) or money_sign):
            continue
        first = i
        money = tok.lower in _CURRENCY
        j = i + 1 if money else i
        while j + 1 < n and (_is_number(tokens[j + 1]) or tokens[j + 1].lower in _SCALES or tokens[j + 1].lower == "-"):
            j += 1
        unit_end = j
        if not money and j + 1 < n:
            nxt = tokens[j + 1]
            if nxt.lower in ("%", "percent", "per"):
                unit_end = j + 1 if nxt.lower != "per" else j + 2
            elif nxt.lower in _MONEY_UNITS:
                unit_end = j + 1
            elif nxt.text.isalpha() and nxt.lower not in _NOT_UNITS and nxt.text[0].islower():
                unit_end = j + 1
                after = tokens[j + 2] if j + 2 < n else None
                adjective = nxt.lower.endswith(_ADJECTIVE_ENDINGS) or nxt.lower in _ADJECTIVES
                if adjective and after and after.text.isalpha() and after.text[0].islower() and (
                    after.lower not in _NOT_UNITS
                ):
                    unit_end = j + 2  # "500 armed fighters", "500 additional officers"
            else:
                nxt_i = j + 1
                continue
        if not money and unit_end == j:
            nxt_i = j + 1  # a bare number ("in 2024"): no unit, not a quantity
            continue
        if money and unit_end == j and j + 1 < n and tokens[j + 1].lower in _SCALES:
            unit_end = j + 1
        if tokens[unit_end].lower.endswith("ed") and not money and unit_end == j + 1:
            nxt_i = j + 1  # "8,000 expected": no unit
            continue
        # Qualifiers before the number: "up to", "more than", "about".
        if first >= 2 and (tokens[first - 2].lower, tokens[first - 1].lower) in _QUALIFIERS:
            first -= 2
        elif first >= 1 and tokens[first - 1].lower in _QUALIFIER_WORDS:
            first -= 1
        if any(k in blocked for k in range(first, unit_end + 1)):
            nxt_i = unit_end + 1
            continue
        out.append((first, unit_end, text[tokens[first].start : tokens[unit_end].end]))
        nxt_i = unit_end + 1
    return out
