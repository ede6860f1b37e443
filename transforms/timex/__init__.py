"""The temporal tagger: TimeML TIMEX3 expressions (type, value) with offsets, anchored on the DCT.

    from transforms.timex import tag
    tag("The talks ended on Friday.", datetime.date(2026, 2, 20))
    # [Timex(start=19, end=25, text='Friday', type='DATE', value='2026-02-20', mod='')]

How it works: the text is tokenised once (`tokens`), and a small grammar of rules
(`grammar`, with the rules by concern in `dates`, `clock`, `relative`, `quantities`) is
matched over the tokens left to right, longest match first; rules are looked up by the first
token's word, so most tokens cost one set lookup. Values are computed by `resolve` from the
DCT or from the last mentioned day/quarter (TimeML's reference time: "the next day", "a year
earlier"); `context` reads the tense around an expression (weekdays: the latest such day on
or before the DCT, the coming one after "will", "scheduled", "is to" ... where the DCT's own
weekday is the DCT itself and only "next Tuesday" means a week on; "agreed to a truce from
Thursday" points forward, "originally scheduled for" back; a month alone right after a past
verb is the latest one begun: "bought it in February" in October is this year's February).

Spans follow TimeML as annotated in TimeBank/AQUAINT: prepositions stay outside ("on
[Friday]"), "the" is inside phrases like "[the third quarter]" but outside pre-nominal dates
("the [Aug. 7] bombings"), and a range gives two expressions ("between [1985] and [1987]").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from transforms.timex.grammar import Parser
from transforms.timex.values import value_to_date

__all__ = ["Timex", "tag", "value_to_date"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: text[start:end], its TIMEX3 type and value, and mod."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


def tag(text: str, dct: datetime.date | None, words: list | None = None) -> list[Timex]:
    """Every temporal expression of text, sorted by start; relative ones anchored on dct.

    Never raises on a str: with dct=None relative values stay unresolved ("XXXX-XX-XX"). `words`: the
    text's words as Tokens (`tokens.Token`), when the caller has them (`tokens.from_words`).
    """
    if not isinstance(text, str) or not text:
        return []
    if isinstance(dct, datetime.datetime):
        dct = dct.date()
    if dct is not None and not isinstance(dct, datetime.date):
        dct = None
    parser = Parser(text, dct, words=words)
    out = []
    for m in parser.run():
        start, end = parser.toks[m.start].start, parser.toks[m.end - 1].end
        out.append(Timex(start, end, text[start:end], m.type, m.value, m.mod))
    return out
