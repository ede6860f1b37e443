"""The tagger's shortcuts change no result: the skip of starters before words no rule is written with, the digit
rules chosen by the shape of the number, and tokens split from words."""

import datetime

import pytest

from transforms.timex import grammar, tag

FRI = datetime.date(2026, 2, 20)  # a Friday

SKIP_TEXTS = [
    "The government met the rebels in the capital, and the talks lasted the whole night.",
    "In the foreseeable future the ministry will publish the figures for the nineties.",
    "That decision came after a statement, a vote and roughly 300 arrests over a week.",
    "The envoy left that day; that morning the committee had sat for more than two hours.",
    "A few officials spoke about the past, the near term and the weekend ahead.",
    "Over the coming months some ten to twelve ships will sail, over a dozen of them from the south.",
    "The year-earlier quarter was weak; the third quarter of 2025 was better than the first half.",
    "At least 40 people died at home, from time to time the rains return, up to three days.",
    "Revenue fell in recent weeks and in future quarters, the same day the board met.",
]


@pytest.mark.parametrize("text", SKIP_TEXTS)
def test_skip_changes_no_result(text, monkeypatch):
    with_skip = tag(text, FRI)
    monkeypatch.setattr(grammar, "_NEEDS_KNOWN_NEXT", frozenset())
    assert tag(text, FRI) == with_skip


def test_words_only_written_inside_rules_are_known():
    # "near", "foreseeable" and "nineties" appear only in the code of the "the ..." rule, not in a lexicon table.
    assert {"near", "foreseeable", "nineties", "weekend", "future"} <= grammar._KNOWN_WORDS
    assert [t.text for t in tag("Nothing will change in the near future.", FRI)] == ["the near future"]
    assert [t.value for t in tag("Prices were low in the nineties.", FRI)] == ["199"]


def test_common_starters_are_skipped_before_unknown_words():
    assert {"the", "a", "that", "over", "roughly"} <= grammar._NEEDS_KNOWN_NEXT
    assert "government" not in grammar._KNOWN_WORDS
    # Rules that can match their first word alone ("today", weekdays, digits) are never skipped.
    assert not {"today", "friday", "now", "daily"} & grammar._NEEDS_KNOWN_NEXT


@pytest.mark.parametrize("text", [
    "The G7 met on 12.5.2024 at 10:35 a.m.; 2,000 troops left the U.S.-led base in the 1990s.",
    "Prices rose 3½% (from ²5) in Q3_2025 — «quoted» ‘text’ with re-elected MPs' votes…",
    "İstanbul's mayor met ΟΔΟΣ officials on Friday, ١٢ days after 7th March.",
    "  leading and trailing spaces\n\nand a blank line, $5m and €3bn  ",
])
def test_from_words_matches_tokenize(text):
    from transforms.events.tokens import tokenize as words_of
    from transforms.timex.tokens import from_words, tokenize

    def fields(toks):
        return [(t.start, t.end, t.text, t.lower, t.digits) for t in toks]

    assert fields(from_words(text, words_of(text))) == fields(tokenize(text))
    assert tag(text, FRI, words_of(text)) == tag(text, FRI)


DIGIT_TEXTS = [
    "The 3rd quarter of 2024 ended on 30 September, and the 20th century ended in 2000.",
    "Some 12,500 troops left at 5 p.m. on 2/19 after 48 hours; 1998-08-07 and 08/07/1998 were the dates.",
    "Prices rose 3.5% in 1 to 2 weeks, from 7 to 9 years ago, and 125 days later the 1990s were recalled.",
    "The 21st of March, 2019 and the 1st half of 2025 came 100000 days after 10:35 on the 4th.",
    "A 3-year plan, 24 hours a day, at 9 or 10 o'clock, in '98 and in 2031s.",
]

ALL_DIGIT_RULES = (grammar.Parser.r_numeric_date, grammar.Parser.r_day_month, grammar.Parser.r_year,
                   grammar.Parser.r_quantity, grammar.Parser.r_range_quantity, grammar.Parser.r_clock,
                   grammar.Parser.r_century, grammar.Parser.r_quarter)


@pytest.mark.parametrize("text", DIGIT_TEXTS)
def test_digit_rules_left_out_find_nothing(text):
    """At a run of digits only the rules that can start there are tried (grammar._DIGIT_RULES)."""
    parser = grammar.Parser(text, FRI, strict=True)
    for i, tok in enumerate(parser.toks):
        if not tok.digits:
            continue
        ordinal = parser.low(i + 1) in grammar.lx.ORDINAL_SUFFIXES and parser.adjacent(i)
        kept = grammar._DIGIT_RULES[min(len(tok.text), 5), ordinal]
        for rule in ALL_DIGIT_RULES:
            if rule not in kept:
                assert rule(parser, i) is None, (tok.text, rule.__name__)


def test_digit_shapes_still_tagged():
    values = [t.value for t in tag(DIGIT_TEXTS[0], FRI)]
    assert "2024-Q3" in values and "19" in values and "2000" in values


def test_one_token_type_for_tagger_and_extractor():
    from transforms.events.tokens import tokenize as words_of
    from transforms.timex.tokens import Token, tokenize

    words, toks = words_of("The G7 met on Friday."), tokenize("The G7 met on Friday.")
    assert {type(w) for w in words} == {type(t) for t in toks} == {Token}
    assert not hasattr(Token, "low")  # no second name bolted on for the other tokeniser
    assert words[1] == Token(4, 6, "G7", "g7", False) and toks[1] == Token(4, 5, "G", "g", False)
