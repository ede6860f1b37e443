"""Fuzz tests: the tagger never raises and its offsets always slice the input to the reported text."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.timex import tag, value_to_date
from transforms.timex.grammar import Parser

WORDS = ["on", "Friday", "last", "next", "week", "year", "ago", "the", "third", "-", "quarter",
         "Aug", ".", "7", ",", "1998", "a", "two", "days", "p", "m", "10", ":", "35", "'", "s",
         "May", "early", "the end of", "every", "nineteen", "ninety", "2/30", "31", "Feb", "0",
         "fiscal", "year-ago", "mid", "more than", "half", "9999", "00", "\n", "1/0",
         "from", "to", "Monday", "that", "night", "noon", "as of", "agreed", "originally", "scheduled",
         "ended", "following", "month", "is", "eighth", "day", "midnight", "Jan", "5", "between", "and"]

dates = st.one_of(st.none(), st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))


def check(text, dct):
    Parser(text, dct, strict=True).run()  # no rule may fail, even where tag() would skip it
    found = tag(text, dct)
    starts = [t.start for t in found]
    assert starts == sorted(starts)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
        assert isinstance(t.value, str) and t.value
        value_to_date(t.value)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@settings(max_examples=300, deadline=None)
@given(st.text(), dates)
def test_arbitrary_text_never_raises(text, dct):
    check(text, dct)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.lists(st.sampled_from(["", " ", "  "]), max_size=25), dates)
def test_date_like_word_salad_never_raises(words, seps, dct):
    text = "".join(w + (seps[k] if k < len(seps) else " ") for k, w in enumerate(words))
    check(text, dct)


@given(st.text())
def test_value_to_date_never_raises(value):
    d, precision = value_to_date(value)
    assert precision in {"day", "week", "month", "quarter", "year", "unknown"}


def test_repetitive_modifier_chains_do_not_recurse_without_bound():
    # Rules nest ("the" > "early" > "next" > "year"); long chains of such words must neither
    # overflow the stack nor blow up (the strict parser raises instead of skipping).
    for text in ["the " * 3000, "the early " * 1500, "the end of " * 1000, "more than the " * 1000,
                 "this coming this past " * 800, "the fiscal third " * 1000]:
        Parser(text, datetime.date(2026, 2, 20), strict=True).run()
        assert tag(text, datetime.date(2026, 2, 20)) == []
