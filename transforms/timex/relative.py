"""Relative and deictic expressions: "last week", "the third quarter", "the next day", "now", modifiers."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from transforms.timex import lexicon as lx
from transforms.timex import resolve as rs
from transforms.timex.match import Match
from transforms.timex.values import day_value, duration_value, quarter_shift, safe_date, value_to_date

if TYPE_CHECKING:
    from transforms.timex.grammar import Parser


# Prepositions before "the years" as a stretch of time ("over the years", "in the years that followed").
_SPAN_PREPOSITIONS = {"over", "through", "throughout", "across", "in", "during"}
# Words after "the years" that tie them to an event or a group instead ("the years before the war", "the years of").
_ANCHORING_WORDS = {"of", "before", "after", "leading", "preceding", "prior", "between", "when", "ago", "since"}


class RelativeRules:
    """Rules for expressions anchored on the DCT or on the last mentioned time (mixed into the Parser)."""

    def r_ref_word(self, i: int) -> Match | None:
        """"now", "currently", "recently" -> PRESENT_REF / PAST_REF."""
        w = self.low(i)
        if self.toks[i].text == "Now" and self.low(i + 1) == "," and self._sentence_start(i):
            return None  # the discourse marker "Now, he says ..." (TimeML news gold leaves it out)
        if w == "recently" and self.low(i - 1) in _ASPECT_WORDS:
            return None  # "have recently moved", "was recently extended", "the recently passed law", "most recently"
        if w == "recent" or (w == "current" and not self.toks[i + 1 if i + 1 < self.n else i].text[:1].isalpha()):
            return None  # the adjectives need their noun: "the current weakness", "a recent filing"
        return Match(i, i + 1, "DATE", lx.DEICTIC_REFS[w])

    def r_relative(self, i: int) -> Match | None:
        """"this week", "last month", "next year", "last Friday", "last fall", "this morning"."""
        w = self.low(i)
        shift = lx.RELATIVE_SHIFTS.get(w)
        if shift is None:
            return None
        j = i + 1
        nxt = self.low(j)
        dct = self.dct
        if self.toks[i].text == "This" and j < self.n and self.toks[j].text == "Week":
            return None  # the television programme
        if w == "this" and nxt == "coming" and self.low(j + 1) in lx.WEEKDAYS:
            inner = self.r_weekday(j + 1)
            wd = lx.WEEKDAYS[self.low(j + 1)]
            if inner is not None and len(inner.value) == 10 and inner.end > j + 2:
                return Match(i, inner.end, inner.type, inner.value)
            return Match(i, j + 2, "DATE", rs.weekday(dct, wd, True))
        if w == "this" and nxt == "past" and self.low(j + 1) in lx.SEASONS:
            return Match(i, j + 2, "DATE", rs.season(dct, lx.SEASONS[self.low(j + 1)], 0))
        if w == "this" and nxt in ("past", "coming") and j + 1 < self.n:
            inner = self.r_relative(j)  # "this past weekend" = "past weekend" with "this" inside
            if inner is not None:
                return Match(i, inner.end, inner.type, inner.value, inner.mod)
        if nxt == "year" and self.low(j + 1) == "'" and self.low(j + 2) == "s":
            if shift == -1 and self.low(j + 3) in ("quarter", "period"):
                # "last year's quarter": the year-ago quarter of the one being reported
                return Match(i, j + 4, "DATE", quarter_shift(self.last_quarter or rs.quarter_offset(dct, -1), -4))
            q = self.r_quarter(j + 3)
            if q is not None and q.value[4:6] in ("-Q", "-H"):
                year = rs.year_offset(dct, shift)
                if q.value[6] in "1234":
                    return Match(i, q.end, "DATE", f"{year}{q.value[4:]}")
                if self.last_quarter:
                    return Match(i, q.end, "DATE", f"{year}{self.last_quarter[4:]}")
        if w == "past" and nxt in ("decade", "century"):
            return Match(i, j + 1, "DURATION", "P10Y" if nxt == "decade" else "P100Y")
        if nxt in lx.CALENDAR_UNITS:
            if nxt == "day":
                return None
            if nxt == "weekend":
                return Match(i, j + 1, "DATE", rs.weekend_offset(dct, -1 if shift < 0 else shift))
            return Match(i, j + 1, "DATE", rs.unit_offset(dct, nxt, shift))
        if nxt in lx.WEEKDAYS:
            wd = lx.WEEKDAYS[nxt]
            if shift < 0:
                value = rs.day_offset(dct, -((dct.isoweekday() - wd) % 7 or 7)) if dct else "XXXX-XX-XX"
            elif shift > 0:
                value = rs.weekday(dct, wd, True)
            else:
                value = rs.weekday_in_week(dct, wd, 0)
            return self._with_part_of_day(i, j + 1, value)
        if nxt in lx.SEASONS:
            return Match(i, j + 1, "DATE", rs.season(dct, lx.SEASONS[nxt], shift))
        if nxt in lx.HOLIDAYS and shift != 0:
            h = self.r_holiday(j)
            if h is not None and dct is not None and h.value[:4].isdigit():
                year = int(h.value[:4])
                value_date = safe_date(year, int(h.value[5:7]), int(h.value[8:10]))
                if value_date is not None and shift < 0 and value_date >= dct:
                    return Match(i, h.end, "DATE", rs.holiday(nxt, year - 1))
                if value_date is not None and shift > 0 and value_date <= dct:
                    return Match(i, h.end, "DATE", rs.holiday(nxt, year + 1))
                return Match(i, h.end, "DATE", h.value)
        if nxt in lx.PARTS_OF_DAY and w in ("this", "last"):
            if w == "last" and nxt == "night":
                return Match(i, j + 1, "TIME", rs.day_offset(dct, -1) + "TNI")
            if w == "this":
                return Match(i, j + 1, "TIME", rs.day_offset(dct, 0) + "T" + lx.PARTS_OF_DAY[nxt])
        mo = self.month(j)
        if mo is not None and nxt in lx.MONTHS:
            month = mo[1]
            if dct is None:
                return Match(i, mo[0], "DATE", f"XXXX-{month:02d}")
            year = dct.year
            if shift < 0 and month >= dct.month:
                year -= 1
            elif shift > 0 and month <= dct.month:
                year += 1
            return Match(i, mo[0], "DATE", f"{year:04d}-{month:02d}")
        return None

    def r_the(self, i: int) -> Match | None:
        """Phrases starting with "the": "the past two months", "the weekend", "the future", "the 1990s"."""
        j = i + 1
        nxt = self.low(j)
        if nxt in ("future",):
            if self.low(j + 1) == "of":
                return None  # "the future of our peoples": a fate, not a time
            return Match(i, j + 1, "DATE", "FUTURE_REF")
        if nxt in ("near", "foreseeable") and self.low(j + 1) == "future":
            return Match(i, j + 2, "DATE", "FUTURE_REF") if nxt == "near" else None
        after = self.low(j + 1)
        if (nxt == "past" and self.number(j + 1) is None and self.unit(j + 1) is None and self.month(j + 1) is None
                and after not in lx.SEASONS and after not in lx.WEEKDAYS and after not in ("few", "several", "couple")):
            return Match(i, j + 1, "DATE", "PAST_REF")
        if nxt in ("near", "short") and self.low(j + 1) == "term":
            return Match(i, j + 2, "DATE", "FUTURE_REF")
        if nxt in lx.YEAR_QUALIFIERS and self.low(j + 1) in ("fiscal", "year"):
            k = j + 1 + (self.low(j + 1) == "fiscal")
            if self.low(k) == "year":
                shift = 0 if nxt in ("current", "full", "entire", "whole") else lx.RELATIVE_SHIFTS.get(nxt, 0)
                if self.low(k + 1) in ("ended", "ending") or (nxt in ("full", "entire", "whole") and self.low(k + 1) in ("of",)):
                    return Match(i, k + 1, "DURATION", "P1Y")
                return Match(i, k + 1, "DATE", rs.year_offset(self.dct, shift))
        u = self.unit(j)
        if u is not None and u[2] and self.low(j + 1) == "ahead":
            return Match(i, j + 2, "DURATION", duration_value(None, u[1]))  # "in the weeks ahead"
        if self.low(i - 1) in _SPAN_PREPOSITIONS:
            k = j + 1 if nxt in ("early", "later", "final") else j  # "in the early years"
            uk = u if k == j else self.unit(k)
            if uk is not None and uk[2] and uk[1] in ("year", "decade") and self.low(k + 1) not in _ANCHORING_WORDS:
                return Match(i, k + 1, "DURATION", duration_value(None, uk[1]))  # "over the years" (not "the years before the war")
        if nxt == "weekend":
            # the weekend just past, or the coming one in future context ("ahead of the weekend")
            return Match(i, j + 1, "DATE", rs.weekend_offset(self.dct, 0 if self.future_context(i) else -1))
        after = self.low(j + 1)
        if (nxt in lx.PARTS_OF_DAY and nxt != "night" and self.low(i - 1) in ("in", "during")
                and (not after[:1].isalpha() and after != "'" or after in _CLAUSE_WORDS)):
            # "placed orders in the morning": that part of the day the text is about
            day = rs.day_offset(self.ref, 0)
            return Match(i, j + 1, "TIME", day + "T" + lx.PARTS_OF_DAY[nxt])
        if nxt == "year" and self.low(j + 1) == "-":
            inner = self.match_at(j)  # "the year-earlier nine months" keeps "the"; "the year-ago loss" does not
            if inner is not None and inner.type == "DURATION":
                return Match(i, inner.end, inner.type, inner.value, inner.mod)
            return None
        if nxt in ("previous", "preceding", "following", "next") and self.low(j + 1) in lx.WEEKDAYS:
            wd = lx.WEEKDAYS[self.low(j + 1)]
            ref = self.ref
            if ref is None:
                return Match(i, j + 2, "DATE", "XXXX-XX-XX")
            if nxt in ("previous", "preceding"):
                return Match(i, j + 2, "DATE", rs.day_offset(ref, -((ref.isoweekday() - wd) % 7 or 7)))
            return Match(i, j + 2, "DATE", rs.weekday(ref, wd, True))
        if nxt in lx.SEASONS and (nxt != "fall" or self.low(j + 1) == "of"):
            code = lx.SEASONS[nxt]
            if self.low(j + 1) == "of":
                yr = self.year(j + 2) or self.spelled_year(j + 2)
                if yr is not None:
                    return Match(i, yr[0], "DATE", f"{yr[1]:04d}-{code}")
            return Match(i, j + 1, "DATE", rs.season(self.dct, code, 0))
        if nxt in ("year", "fiscal") and (nxt == "year" or self.low(j + 1) == "year"):
            k = j + 1 if nxt == "year" else j + 2
            yr = self.year(k) or self.spelled_year(k)
            if yr is not None:
                return Match(i, yr[0], "DATE", f"{yr[1]:04d}")
            if self.low(k) in ("ended", "ending", "to", "through", "earlier", "ago", "before"):
                return Match(i, k, "DURATION", "P1Y")
            if nxt == "fiscal":
                return Match(i, k, "DATE", rs.year_offset(self.dct, 0))
            if self.low(k) == "'" and self.low(k + 1) == "s" and self.low(k + 2) == "end":
                return Match(i, k + 3, "DATE", rs.year_offset(self.dct, 0), "END")
            return Match(i, k, "DATE", rs.year_offset(self.dct, 0))
        if nxt == "week" and self.low(j + 1) == "of":
            inner = self.core(j + 2)
            if inner is not None and len(inner.value) == 10 and inner.value[:4].isdigit():
                d = safe_date(int(inner.value[:4]), int(inner.value[5:7]), int(inner.value[8:10]))
                if d is not None:
                    return Match(i, inner.end, "DATE", rs.week_offset(d, 0))
        if nxt in ("week",) and self.low(j + 1) not in ("of", "after", "before"):
            return Match(i, j + 1, "DATE", rs.week_offset(self.dct, 0))
        if nxt == "month" and self.low(j + 1) not in ("of", "after", "before", "-"):
            return Match(i, j + 1, "DATE", rs.month_offset(self.dct, 0))
        if nxt in ("day",) and self.low(j + 1) in ("before", "after"):
            delta = -1 if self.low(j + 1) == "before" else 1
            inner = self.core(j + 2) if self.low(j + 2) != "the" else self.r_the(j + 2)
            day = _day_of(inner)
            if day is not None:  # "the day before last Tuesday's hearing", "the day after Christmas"
                return Match(i, inner.end, "DATE", rs.day_offset(day, delta))
            if self.low(i - 1) == "," and self.last_end == i - 1 and len(self.last_value) == 10:
                # "Oct. 12, the day before the crash": an apposition naming the date just given
                return Match(i, j + 1, "DATE", rs.day_offset(self.ref, 0))
            return Match(i, j + 1, "DATE", rs.day_offset(self.ref, delta))
        if nxt in lx.ORDINALS and self.low(j + 1) == "day" and self.low(j + 2) in ("of", "in", "since"):
            # "today is the eighth day of the blockade": a day counted within an event, named as the present
            be = self.low(i - 1)
            if be == "s" and self.low(i - 2) not in ("'", "\u2019"):
                return None  # only "it's the third day"
            if be in ("is", "s", "marks", "marked", "was"):
                day = self.ref if be in ("was", "marked") else self.dct
                return Match(i, j + 2, "DATE", rs.day_offset(day, 0))
            return None
        if nxt in ("same", "very") and self.low(j + 1) == "day":
            return Match(i, j + 2, "DATE", rs.day_offset(self.ref, 0))
        if nxt == "same" and self.low(j + 1) in lx.PARTS_OF_DAY:  # "the same night": of the day last mentioned
            return Match(i, j + 2, "TIME", rs.day_offset(self.ref, 0) + "T" + lx.PARTS_OF_DAY[self.low(j + 1)])
        if nxt in ("next", "following", "previous", "preceding") and self.low(j + 1) in _ANCHORED_UNITS:
            unit = self.low(j + 1)
            delta = 1 if nxt in ("next", "following") else -1
            if unit in ("day", "morning", "night", "evening", "afternoon"):
                value = rs.day_offset(self.ref, delta)
                if unit != "day":
                    return Match(i, j + 2, "TIME", value + "T" + lx.PARTS_OF_DAY[unit])
                return Match(i, j + 2, "DATE", value)
            return Match(i, j + 2, "DATE", rs.unit_offset(self._unit_anchor(unit), unit, delta))
        if nxt in ("latest", "last", "past", "previous", "recent") and self.low(j + 1) == "period":
            return Match(i, j + 2, "DATE", self.last_quarter or rs.quarter_offset(self.dct, -1))
        if nxt in ("nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties", "twenties"):
            base = {"nineties": 9, "eighties": 8, "seventies": 7, "sixties": 6, "fifties": 5,
                    "forties": 4, "thirties": 3, "twenties": 2}[nxt]
            return Match(i, j + 1, "DATE", f"19{base}")
        inner = self.match_at(j)
        if inner is not None and _absorbs_the(self, inner):
            return Match(i, inner.end, inner.type, inner.value, inner.mod)
        return None

    def _unit_anchor(self, unit: str) -> datetime.date | None:
        """The reference time for "the following <unit>": the last mentioned time if it is that fine, else the last day.

        "In March ... The following month" is April: a month or year named after the last
        full date moves the reference time at its own granularity.
        """
        start, precision = value_to_date(self.last_value)
        if start is not None and precision in _FINE_ENOUGH.get(unit, ()):
            return start
        return self.ref

    def r_recent(self, i: int) -> Match | None:
        """"recent years" -> PAST_REF; "recent days/weeks/months" -> vague DURATION."""
        u = self.unit(i + 1)
        if u is not None and u[2]:
            if u[1] == "year":
                return Match(i, u[0], "DATE", "PAST_REF")
            return Match(i, u[0], "DURATION", duration_value(None, u[1]))
        return None

    def r_future(self, i: int) -> Match | None:
        """"future quarters", "future years" -> FUTURE_REF (the adjective alone stays untagged)."""
        u = self.unit(i + 1)
        if u is not None and u[2] and u[1] in lx.CALENDAR_UNITS:
            return Match(i, u[0], "DATE", "FUTURE_REF")
        return None

    def r_soon(self, i: int) -> Match | None:
        """"soon" as a future time (not "as soon as", "soon after", nor "was soon released")."""
        if self.low(i - 1) in ("as", "too", "how") or self.low(i + 1) in ("after", "as", "afterward", "afterwards", "thereafter"):
            return None
        if self.tense(i) < 0:
            return None  # in a past narrative "soon" is relative to the story, not the DCT
        return Match(i, i + 1, "DATE", "FUTURE_REF")

    def r_that(self, i: int) -> Match | None:
        """"that day", "that same day", "that night", "that year", "that quarter": the reference time."""
        j = i + 1
        if self.low(j) in ("same", "very"):
            j += 1
        w = self.low(j)
        if (w == "day" or w in lx.PARTS_OF_DAY) and self.ref_at < 0:
            return None  # no day named before: "redemptions that day" points at an event, not a date
        if w == "day":
            return Match(i, j + 1, "DATE", rs.day_offset(self.ref, 0))
        if w in lx.PARTS_OF_DAY:  # "that night": that part of the day last mentioned
            return Match(i, j + 1, "TIME", rs.day_offset(self.ref, 0) + "T" + lx.PARTS_OF_DAY[w])
        if w == "year" and self.last_value[:4].isdigit():
            return Match(i, j + 1, "DATE", self.last_value[:4])
        if w == "quarter" and self.last_quarter:
            return Match(i, j + 1, "DATE", self.last_quarter)
        return None

    def r_phrase(self, i: int) -> Match | None:
        """Fixed phrases: "these days", "a later date", "as soon as possible", "from time to time"."""
        for words, (type_, value) in lx.FIXED_PHRASES.get(self.low(i), ()):
            if all(self.low(i + k) == w for k, w in enumerate(words)):
                return Match(i, i + len(words), type_, value)
        return None

    def r_quarter(self, i: int) -> Match | None:
        """"third-quarter", "the third quarter of 1990", "the fourth fiscal quarter", "the first half"."""
        j = i
        ordinal = None
        rel = None
        inner_year = None
        while j < self.n and j - i < 8:  # a quarter phrase has few modifiers
            w = self.low(j)
            if w == "fiscal":
                pass  # a fiscal quarter is valued like a calendar quarter, as the TimeML gold does
            elif w in lx.QUARTER_ORDINALS and ordinal is None:
                ordinal = lx.QUARTER_ORDINALS[w]
            elif self.toks[j].digits and self.low(j + 1) in lx.ORDINAL_SUFFIXES and self.adjacent(j) and ordinal is None:
                ordinal = int(self.toks[j].text)
                j += 1
            elif w in lx.QUARTER_RELATIVES and rel is None and ordinal is None:
                rel = lx.QUARTER_RELATIVES[w]
            elif w == "-" and self.adjacent(j - 1) and self.adjacent(j):
                pass  # "third-quarter"
            elif w == "year" and self.low(j + 1) == "-" and self.low(j + 2) in ("ago", "earlier"):
                rel = "yearago"
                j += 2
            elif self.toks[j].digits and len(self.toks[j].text) == 4 and j > i and self.year(j, bare=True):
                inner_year = int(self.toks[j].text)
                rel = rel if rel is not None else "inner_year"
            else:
                break
            j += 1
        w = self.low(j)
        if w not in ("quarter", "half", "period") or j == i:
            return None
        if self.low(i) == "the" and self.low(j - 1) == "-" and j - 1 > i + 1:
            return None  # "the [third-quarter] loss": a hyphenated compound leaves "the" outside
        if w == "period" and rel is None:
            return None
        end = j + 1
        if w == "quarter" and self.low(end) == "-" and self.low(end + 1) in ("century", "point", "to"):
            return None
        yr = None
        k = end
        if self.low(k) in ("of", ","):
            k2 = self.skip(k + 1, "fiscal")
            yr = self.year(k2)
        elif self.year(k) is not None:
            yr = self.year(k)
        if yr is not None:
            end = yr[0]
        elif inner_year is not None:
            yr = (end, inner_year)
        if w == "half" and ordinal is None and self.low(j - 1) in ("last", "latter"):
            ordinal, rel = 2, None
        if w == "half":
            if ordinal not in (1, 2) and rel != "last_of":
                return None
            h = ordinal if ordinal in (1, 2) else 2
            if yr is None and self.low(end) == "of":
                inner = self.match_at(end + 1)
                if inner is not None and inner.type == "DATE" and len(inner.value) == 3 and inner.value.isdigit():
                    # "the last half of the '80s": TimeML news gold gives the decade itself
                    return Match(i, inner.end, "DATE", inner.value)
            if yr is not None:
                return Match(i, end, "DATE", f"{yr[1]:04d}-H{h}")
            return Match(i, end, "DATE", rs.ordinal_half(self.dct, h))
        if ordinal is not None:
            if not 1 <= ordinal <= 4:
                return None
            if rel == "yearago" and yr is None:
                return Match(i, end, "DATE", quarter_shift(rs.ordinal_quarter(self.dct, ordinal), -4))
            if yr is not None:
                return Match(i, end, "DATE", f"{yr[1]:04d}-Q{ordinal}")
            return Match(i, end, "DATE", rs.ordinal_quarter(self.dct, ordinal))
        if rel == "yearago":
            # "the comparable period", "the same quarter last year", "the corresponding period a year ago"
            tail = self._year_ago_tail(end) if yr is None else end
            return Match(i, tail, "DATE", quarter_shift(self.last_quarter or rs.quarter_offset(self.dct, -1), -4))
        if rel is None:
            if self.low(i) != "the":
                return None
            rel = -1
        if rel == "last_of":
            rel = -1
        if rel == "inner_year":
            if w == "period" or not self.last_quarter:
                return Match(i, end, "DATE", f"{yr[1]:04d}" + (self.last_quarter[4:] if self.last_quarter else ""))
            return Match(i, end, "DATE", f"{yr[1]:04d}{self.last_quarter[4:]}")
        if w == "period":
            return Match(i, end, "DATE", self.last_quarter or rs.quarter_offset(self.dct, -1))
        if rel == -1 and w == "quarter" and self.low(end) in ("ended", "ending") and not self.quarter_context(i):
            ended = _day_of(self.core(end + 1))
            if ended is not None and ended.year > 1:
                # "the quarter ended July 31" (no fiscal quarter named before): the quarter of most of its months
                return Match(i, end, "DATE", rs.quarter_offset(ended - datetime.timedelta(days=45), 0))
        if rel == -1 and self.low(i) == "the" and self.low(i + 1) == "quarter" and self.quarter_context(i):
            return Match(i, end, "DATE", self.last_quarter)
        return Match(i, end, "DATE", rs.quarter_offset(self.dct, rel))

    def _year_ago_tail(self, k: int) -> int:
        """End of "last year", "of last year", "a year ago/earlier" at token k, or k if none."""
        j = self.skip(k, "of")
        if self.low(j) == "last" and self.low(j + 1) == "year":
            return j + 2
        if self.low(j) in ("a", "one") and self.low(j + 1) == "year" and self.low(j + 2) in ("ago", "earlier"):
            return j + 3
        return k

    def r_year_ago_adj(self, i: int) -> Match | None:
        """Adjectival "year-earlier"/"year-ago" ("year-earlier profit") -> the year-ago quarter."""
        if not (self.low(i + 1) == "-" and self.low(i + 2) in ("ago", "earlier") and self.adjacent(i) and self.adjacent(i + 1)):
            return None
        if self.low(i + 3) in ("quarter", "period"):
            return None
        q = self.quantity(i + 3)
        if q is not None and q[1] is not None and not q[3] and q[2] in ("month", "week", "year"):
            # "the year-earlier nine months": the span itself, a year back
            return Match(i, q[0], "DURATION", duration_value(q[1], q[2]))
        if self.quarter_context(i):
            return Match(i, i + 3, "DATE", quarter_shift(self.last_quarter, -4))
        return Match(i, i + 3, "DATE", rs.year_offset(self.dct, -1))


def _day_of(m: Match | None) -> datetime.date | None:
    """The day a DATE/TIME match names ("2000-02-22", "2000-02-22TMO"), or None."""
    if m is None or m.type not in ("DATE", "TIME") or len(m.value) < 10:
        return None
    v = m.value
    if not (v[:4].isdigit() and v[5:7].isdigit() and v[8:10].isdigit()):
        return None
    return safe_date(int(v[:4]), int(v[5:7]), int(v[8:10]))


def _absorbs_the(p: Parser, inner: Match) -> bool:
    """Whether "the" belongs inside the expression that follows it ("the past two months")."""
    v = inner.value
    if any(p.low(k) == "-" for k in range(inner.start, inner.end)) and p.low(inner.start) not in ("mid", "year"):
        return False  # a pre-nominal compound: "the [two-week] crisis", "the [third-quarter] loss"
    if inner.type == "DURATION" or (inner.type == "SET" and p.low(inner.start) not in lx.SET_ADVERBS):
        return True
    if p.low(inner.start) in lx.DEICTIC_REFS or p.low(inner.start) in ("soon", "then"):
        return False
    if v.endswith("_REF") or "-Q" in v or "-H" in v or v.endswith("WE") or len(v) <= 3:
        return True
    if v[-2:] in ("SP", "SU", "FA", "WI"):
        return True
    return p.low(inner.start) in lx.ABSORB_STARTS


# Before "recently" these make it an aspect of the verb, left untagged in TimeML news gold.
_ASPECT_WORDS = {"has", "have", "had", "was", "were", "is", "are", "been", "the", "most"}
# Words that may follow "in the morning" when it is a time, not a modifier ("the evening session").
_CLAUSE_WORDS = {"to", "and", "or", "but", "when", "while", "as", "at", "with", "from", "for",
                 "the", "he", "she", "they", "it", "we", "i", "you", "there", "before", "after"}
# Precisions of the last mentioned time that can anchor "the following <unit>".
_FINE_ENOUGH = {"week": ("day", "week"), "month": ("day", "week", "month"),
                "year": ("day", "week", "month", "quarter", "year")}
_ANCHORED_UNITS = {"day", "morning", "night", "week", "month", "year", "evening", "afternoon"}
_EARLIER_TARGETS = {"this", "today", "tonight", "yesterday", "tomorrow", "next", "in", "last", "that"}


def position_rule(p: Parser, i: int) -> Match | None:
    """"early 1990s", "late yesterday", "mid-November", "earlier this month" -> mod on the value."""
    w = p.low(i)
    mod = lx.POSITION_MODS[w]
    j = i + 1
    if p.low(j) == "-" and p.adjacent(i) and p.adjacent(j):
        j += 1
    if w == "mid" and p.low(j) in lx.PARTS_OF_DAY and p.low(j) != "night":
        # "mid-afternoon yesterday", "by mid afternoon": the part of that day (else of the reference day)
        inner = p.core(j + 1)
        day = _day_of(inner)
        end = inner.end if day is not None else j + 1
        day = day if day is not None else p.ref
        value = (day_value(day) if day is not None else "XXXX-XX-XX") + "T" + lx.PARTS_OF_DAY[p.low(j)]
        return Match(i, end, "TIME", value)
    if w in ("earlier", "later") and p.low(j) not in _EARLIER_TARGETS:
        return None  # "announced earlier", "three days later"; "Earlier [Friday]" leaves the adverb out
    if p.low(j) == "in":
        j += 1
        if w in ("earlier", "later") and p.low(j) == "the" and p.low(j + 1) in ("day", "week", "month", "year"):
            # "later in the day", "earlier in the year": that unit of the reference time
            unit = p.low(j + 1)
            if unit == "day":  # "later in [the day]": TimeML news gold leaves the adverb out here
                return Match(j, j + 2, "DATE", rs.unit_offset(p.ref, unit, 0))
            return Match(i, j + 2, "DATE", rs.unit_offset(p.ref, unit, 0), mod)
    if p.low(j) in lx.SEASONS and p.low(j) != "fall":
        return Match(i, j + 1, "DATE", rs.season(p.dct, lx.SEASONS[p.low(j)], 0), mod)
    inner = p.core(j) if p.low(j) != "the" else p.r_the(j)
    if inner is None or inner.type not in ("DATE", "TIME") or inner.value.endswith("_REF"):
        return None
    return Match(i, inner.end, inner.type, inner.value, mod)


def part_of_rule(p: Parser, i: int) -> Match | None:
    """"the end of November", "the beginning of the year", "the middle of next week"."""
    j = i + 1
    mod = lx.PART_OF_MODS.get(p.low(j))
    if mod is None or p.low(j + 1) != "of":
        return None
    k = j + 2
    inner = p.r_the(k) if p.low(k) == "the" else p.core(k)
    if inner is None or inner.type not in ("DATE", "TIME"):
        return None
    value = inner.value
    if inner.type == "DATE" and value == "":
        return None
    return Match(i, inner.end, inner.type, value, mod)
