"""TIMEX3 value strings: formatting calendar units and reading a value back into a date."""

from __future__ import annotations

import datetime
import re

from transforms.timex import lexicon as lx

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?!\d)")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_HALF = re.compile(r"^(\d{4})-H([12])")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)")
_YEAR = re.compile(r"^(\d{4})(?!\d)")  # also "1998-XX", "1998-QX": the year is what is known


def day_value(d: datetime.date) -> str:
    """`YYYY-MM-DD` of a date."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def month_value(year: int, month: int) -> str:
    """`YYYY-MM`."""
    return f"{year:04d}-{month:02d}"


def week_value(d: datetime.date) -> str:
    """ISO week `YYYY-Wnn` containing the date."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    """The (year, month) k months after (year, month)."""
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def shift_quarter(year: int, quarter: int, k: int) -> tuple[int, int]:
    """The (year, quarter) k quarters after (year, quarter)."""
    n = year * 4 + (quarter - 1) + k
    return n // 4, n % 4 + 1


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist (Feb. 30) or is out of range."""
    try:
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def add_days(d: datetime.date, k: int) -> datetime.date | None:
    """d + k days, or None outside the calendar's range."""
    try:
        return d + datetime.timedelta(days=k)
    except OverflowError:
        return None


def value_to_date(value: str) -> tuple[datetime.date | None, str]:
    """First day of the period a TIMEX3 value names, and its precision.

    Precision is day, week, month, quarter (also seasons and halves), year or unknown; a
    partly masked value keeps the precision of its known part ("1998-10-XX" -> month,
    "1998-QX" -> year). Values that name no calendar period (PRESENT_REF, P3D, XXXX-XX-XX,
    the decade 199) give (None, "unknown").
    """
    if not isinstance(value, str):
        return None, "unknown"
    m = _DAY.match(value)
    if m:
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        return (d, "day") if d else (None, "unknown")
    m = _WEEK.match(value)
    if m:
        try:
            weekend = value[m.end():m.end() + 3] == "-WE"  # "2026-W08-WE" starts on Saturday
            return datetime.date.fromisocalendar(int(m[1]), int(m[2]), 6 if weekend else 1), "week"
        except ValueError:
            return None, "unknown"
    m = _MONTH.match(value)
    if m:
        d = safe_date(int(m[1]), int(m[2]), 1)
        return (d, "month") if d else (None, "unknown")
    m = _QUARTER.match(value)
    if m:
        return safe_date(int(m[1]), 3 * int(m[2]) - 2, 1), "quarter"
    m = _HALF.match(value)
    if m:
        return safe_date(int(m[1]), 6 * int(m[2]) - 5, 1), "quarter"
    m = _SEASON.match(value)
    if m:
        return safe_date(int(m[1]), _SEASON_MONTH[m[2]], 1), "quarter"
    m = _YEAR.match(value)
    if m:
        d = safe_date(int(m[1]), 1, 1)
        return (d, "year") if d else (None, "unknown")
    return None, "unknown"


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 duration of n units ("P3Y", "PT2H", "P2Y6M"); n=None gives "PXY"."""
    letter, clock = lx.UNITS.get(unit, ("X", False))
    if unit == "weekend":
        letter = "WE"
    prefix = "PT" if clock else "P"
    if n is None:
        return prefix + "X" + ("Y" if unit == "decade" else letter)  # "decades" -> PXY
    if unit == "decade":
        n, letter = n * 10, "Y"
    elif unit == "century":
        n, letter = n * 100, "Y"
    whole = int(n)
    frac = n - whole
    if frac <= 1e-9:
        return f"{prefix}{whole}{letter}"
    sub = _SUBUNITS.get(unit)
    if sub is None:
        return f"{prefix}{round(n, 2)}{letter}"
    factor, sub_letter, sub_clock = sub
    rest = round(frac * factor)
    if whole == 0:
        return ("PT" if sub_clock else "P") + f"{rest}{sub_letter}"
    if sub_clock and not clock:
        return f"P{whole}{letter}T{rest}{sub_letter}"
    return f"{prefix}{whole}{letter}{rest}{sub_letter}"


_SUBUNITS = {
    "year": (12, "M", False), "month": (30, "D", False), "week": (7, "D", False),
    "day": (24, "H", True), "hour": (60, "M", True), "minute": (60, "S", True),
    "decade": (10, "Y", False),
}


def quarter_shift(value: str, k: int) -> str:
    """Shift a `YYYY-Qn` value by k quarters (`YYYY-QX` shifts whole years)."""
    if len(value) < 7 or not value[:4].isdigit():
        return value
    year = int(value[:4])
    if value[6] == "X":
        return f"{year + k // 4:04d}-QX"
    n = year * 4 + int(value[6]) - 1 + k
    return f"{n // 4:04d}-Q{n % 4 + 1}"
