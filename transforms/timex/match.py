"""The result of one grammar rule: a token span with its TIMEX3 type, value and mod."""

from __future__ import annotations

from typing import NamedTuple


class Match(NamedTuple):
    """A matched expression: tokens [start, end), TIMEX3 type, value and mod."""

    start: int
    end: int
    type: str
    value: str
    mod: str = ""
