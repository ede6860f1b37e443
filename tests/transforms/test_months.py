"""Month names live in one registry, and each reader of month words reads it."""

from __future__ import annotations

from bench import corpus
from transforms import articles, months
from transforms.timex import lexicon


def test_every_month_word_names_its_month():
    assert months.MONTH_WORDS["sept"] == months.MONTH_WORDS["september"] == 9
    assert months.MONTH_WORDS["may"] == 5 and "may" not in months.MONTH_ABBREVS
    assert sorted(set(months.MONTH_WORDS.values())) == list(range(1, 13))
    assert months.MONTH_NAMES[0] == "January" and months.MONTH_NAMES[11] == "December"


def test_readers_share_the_registry():
    assert lexicon.MONTHS is months.MONTHS and lexicon.MONTH_ABBREVS is months.MONTH_ABBREVS
    assert articles.MONTH_WORDS is months.MONTH_WORDS
    assert corpus.MONTH_NAMES is months.MONTH_NAMES
