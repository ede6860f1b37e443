"""The tagger tries at a run of digits only the rules that can start there (grammar._DIGIT_RULES)."""

import datetime

import pytest

from transforms.timex import grammar, tag

FRI = datetime.date(2026, 2, 20)  # a Friday

TEXTS = [
    "The 3rd quarter of 2024 ended on 30 September, and the 20th century ended in 2000.",
    "Some 12,500 troops left at 5 p.m. on 2/19 after 48 hours; 1998-08-07 and 08/07/1998 were the dates.",
    "Prices rose 3.5% in 1 to 2 weeks, from 7 to 9 years ago, and 125 days later the 1990s were recalled.",
    "The 21st of March, 2019 and the 1st half of 2025 came 100000 days after 10:35 on the 4th.",
    "A 3-year plan, 24 hours a day, at 9 or 10 o'clock, in '98 and in 2031s.",
]

ALL_DIGIT_RULES = (grammar.Parser.r_numeric_date, grammar.Parser.r_day_month, grammar.Parser.r_year,
                   grammar.Parser.r_quantity, grammar.Parser.r_range_quantity, grammar.Parser.r_clock,
                   grammar.Parser.r_century, grammar.Parser.r_quarter)


@pytest.mark.parametrize("text", TEXTS)
def test_rules_left_out_find_nothing(text):
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
    values = [t.value for t in tag(TEXTS[0], FRI)]
    assert "2024-Q3" in values and "19" in values and "2000" in values
