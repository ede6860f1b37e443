"""Anchoring relative expressions on the document creation time (DCT) or another date.

Every function takes the anchor date, which may be None: then the value keeps the unknown
parts as X ("XXXX-XX-XX", "XXXX-WXX") instead of guessing.
"""

from __future__ import annotations

import datetime

from transforms.timex import lexicon as lx
from transforms.timex.values import (
    add_days, day_value, month_value, safe_date, shift_month, shift_quarter, week_value,
)

Date = datetime.date

# How much farther a future date without tense cues counts against a past one (month_day).
_FUTURE_BIAS = 1.25


def day_offset(anchor: Date | None, k: int) -> str:
    """The day k days after the anchor."""
    if anchor is None:
        return "XXXX-XX-XX"
    d = add_days(anchor, k)
    return day_value(d) if d else "XXXX-XX-XX"


def weekday(anchor: Date | None, wd: int, future: bool, same_day: bool = False) -> str:
    """The latest weekday wd (1=Monday) on or before the anchor, or the next one after it.

    same_day=True lets a future weekday be the anchor itself ("will arrive on Tuesday" in a
    Tuesday paper is that day); "next Tuesday" keeps it False and means a week later.
    """
    if anchor is None:
        return "XXXX-XX-XX"
    now = anchor.isoweekday()
    if future:
        k = (wd - now) % 7 or (0 if same_day else 7)
    else:
        k = -((now - wd) % 7)
    return day_offset(anchor, k)


def weekday_in_week(anchor: Date | None, wd: int, weeks: int) -> str:
    """Weekday wd of the ISO week `weeks` weeks after the anchor's ("next Friday")."""
    if anchor is None:
        return "XXXX-XX-XX"
    return day_offset(anchor, 7 * weeks + wd - anchor.isoweekday())


def week_offset(anchor: Date | None, k: int) -> str:
    """ISO week k weeks after the anchor's week."""
    if anchor is None:
        return "XXXX-WXX"
    d = add_days(anchor, 7 * k)
    return week_value(d) if d else "XXXX-WXX"


def weekend_offset(anchor: Date | None, k: int) -> str:
    """The weekend k weeks from the anchor's; k < 0 is the weekend just before the anchor."""
    if anchor is None:
        return "XXXX-WXX-WE"
    if k < 0:
        d = anchor if anchor.isoweekday() >= 6 else add_days(anchor, -7)
    else:
        d = add_days(anchor, 7 * k)
    return week_value(d) + "-WE" if d else "XXXX-WXX-WE"


def month_offset(anchor: Date | None, k: int) -> str:
    """The month k months after the anchor's."""
    if anchor is None:
        return "XXXX-XX"
    return month_value(*shift_month(anchor.year, anchor.month, k))


def quarter_offset(anchor: Date | None, k: int) -> str:
    """The quarter k quarters after the anchor's."""
    if anchor is None:
        return "XXXX-QX"
    y, q = shift_quarter(anchor.year, (anchor.month - 1) // 3 + 1, k)
    return f"{y:04d}-Q{q}"


def year_offset(anchor: Date | None, k: int) -> str:
    """The year k years after the anchor's."""
    if anchor is None:
        return "XXXX"
    return f"{anchor.year + k:04d}"


def decade_offset(anchor: Date | None, k: int) -> str:
    """The decade k decades after the anchor's, as 3 digits ("199")."""
    if anchor is None:
        return "XXX"
    return f"{anchor.year // 10 + k:03d}"


def century_offset(anchor: Date | None, k: int) -> str:
    """The century k centuries after the anchor's, as 2 digits ("19")."""
    if anchor is None:
        return "XX"
    return f"{anchor.year // 100 + k:02d}"


def unit_offset(anchor: Date | None, unit: str, k: int) -> str:
    """The calendar unit (day, week, month, ...) k units after the anchor's."""
    fn = _UNIT_OFFSETS.get(unit)
    return fn(anchor, k) if fn else "XXXX"


_UNIT_OFFSETS = {
    "day": day_offset, "week": week_offset, "month": month_offset, "quarter": quarter_offset,
    "year": year_offset, "decade": decade_offset, "century": century_offset,
    "weekend": weekend_offset,
}


def ordinal_quarter(anchor: Date | None, q: int) -> str:
    """Quarter q of the latest year whose quarter q starts on or before the anchor."""
    if anchor is None:
        return f"XXXX-Q{q}"
    start_month = 3 * q - 2
    year = anchor.year if start_month <= anchor.month else anchor.year - 1
    return f"{year:04d}-Q{q}"


def ordinal_half(anchor: Date | None, h: int) -> str:
    """Half h of the latest year whose half h starts on or before the anchor."""
    if anchor is None:
        return f"XXXX-H{h}"
    year = anchor.year if (h == 1 or anchor.month >= 7) else anchor.year - 1
    return f"{year:04d}-H{h}"


def month_day(anchor: Date | None, month: int, day: int | None, tense: int) -> str:
    """Month (and day) without a year, resolved against the anchor.

    tense is from `ContextRules.tense`: +2 (a future cue close by: "will be signed in
    December") takes the earliest occurrence not over before the anchor; -3 (the end of a
    completed period: "ended Sept. 30", "since March") the latest one on or before it, and
    so does -2 for a month alone (a past verb close by: "bought it in February"); otherwise the
    occurrence nearest the anchor wins, one on the wrong side of a +-1 tense counting twice
    as far (tense cues are noisy: a gentle push, not a rule), and without any tense a future
    one counting a quarter farther (news reports mostly the past: "the high of Aug. 6" in
    February is last August).
    """
    suffix = f"-{month:02d}" + (f"-{day:02d}" if day else "")
    if anchor is None:
        return "XXXX" + suffix
    if tense <= -3:  # "the quarter ended Oct. 31": a completed period ends on or before the anchor
        for year in (anchor.year, anchor.year - 1):
            last = safe_date(year, month, day or 1)
            if last is not None and (last if day else last.replace(day=1)) <= anchor:
                return f"{year:04d}" + suffix
    if tense == -2 and not day:  # a month begun on or before the anchor
        return f"{anchor.year - (month > anchor.month):04d}" + suffix
    if tense == 2:
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            first = safe_date(year, month, day or 1)
            if first is not None and (first if day else _month_end(first)) >= anchor:
                return f"{year:04d}" + suffix
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = safe_date(year, month, day or 15) or safe_date(year, month, 28)
        if d is None:
            continue
        gap = (d - anchor).days
        if (tense < 0 and gap > (0 if day else 31)) or (tense > 0 and gap < (0 if day else -31)):
            gap *= 2
        elif tense == 0 and gap > 0:
            gap *= _FUTURE_BIAS  # news mostly reports what has happened: a near tie goes to the past
        if best is None or abs(gap) < abs(best[0]):
            best = (gap, year)
    if best is None:
        return "XXXX" + suffix
    return f"{best[1]:04d}" + suffix


def _month_end(d: Date) -> Date:
    """The last day of d's month."""
    return (d.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


def season(anchor: Date | None, code: str, k: int) -> str:
    """Season `code` of the anchor's year shifted by k years."""
    if anchor is None:
        return f"XXXX-{code}"
    return f"{anchor.year + k:04d}-{code}"


def ago(anchor: Date | None, unit: str, n: float) -> str:
    """The date n units before the anchor, at the unit's granularity ("two weeks ago")."""
    if anchor is None:
        return {"year": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "decade": "XXX",
                "century": "XX"}.get(unit, "XXXX-XX-XX")
    n = int(n)
    if unit == "day":
        return day_offset(anchor, -n)
    if unit == "week":
        return day_offset(anchor, -7 * n)
    if unit == "month":
        return month_offset(anchor, -n)
    if unit == "quarter":
        return quarter_offset(anchor, -n)
    if unit == "year":
        return year_offset(anchor, -n)
    if unit == "decade":
        return year_offset(anchor, -10 * n)
    if unit == "century":
        return year_offset(anchor, -100 * n)
    if unit in ("hour", "minute", "second"):
        return day_value(anchor)
    return "XXXX-XX-XX"


def holiday(name: str, year: int) -> str:
    """The date of a holiday in a given year (Thanksgiving: fourth Thursday of November)."""
    if name == "easter":
        return day_value(_easter(year))
    if name == "election":  # U.S. Election Day: the Tuesday after the first Monday of November
        first = datetime.date(year, 11, 1)
        return day_value(first + datetime.timedelta(days=(0 - first.weekday()) % 7 + 1))
    if name == "thanksgiving":
        first = datetime.date(year, 11, 1)
        return day_value(first + datetime.timedelta(days=(4 - first.isoweekday()) % 7 + 21))
    month, day = lx.HOLIDAYS.get(name, (1, 1))
    return f"{year:04d}-{month:02d}-{day:02d}"


def _easter(year: int) -> Date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return datetime.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)
