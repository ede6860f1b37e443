"""Calendar dates written out: "Aug. 7, 1998", "7 August", "1990s", "Friday", "today", holidays."""

from __future__ import annotations

import datetime

from transforms.timex import lexicon as lx
from transforms.timex import resolve as rs
from transforms.timex.match import Match
from transforms.timex.values import day_value, safe_date

Date = datetime.date


class DateRules:
    """Rules for dates with a calendar name or number (mixed into the Parser)."""

    def r_month_date(self, i: int) -> Match | None:
        """"Aug. 7, 1998", "August 7", "August 1998", "August"."""
        mo = self.month(i)
        if mo is None:
            return None
        j, month = mo
        dn = self.day_number(j)
        if dn is None and self.low(j) in lx.ORDINALS and lx.ORDINALS[self.low(j)] <= 31:
            dn = (j + 1, lx.ORDINALS[self.low(j)])  # "March eighth" (transcripts)
        if dn is not None:
            k, day = dn
            k2 = self.skip(k, ",")
            yr = self.year(k2)
            if yr is not None:
                d = safe_date(yr[1], month, day)
                if d is None:
                    return None
                return Match(i, yr[0], "DATE", day_value(d))
            if safe_date(2000, month, day) is None:
                return None
            return Match(i, k, "DATE", rs.month_day(self.dct, month, day, self.date_tense(i)))
        k = self.skip(j, ",")
        if self.low(k) == "of":
            k += 1
        yr = self.year(k) or self.spelled_year(k)
        if yr is not None:
            return Match(i, yr[0], "DATE", f"{yr[1]:04d}-{month:02d}")
        if self.low(j) in ("last", "next", "this") and self.low(j + 1) == "year" and self.month(i, standalone=False):
            shift = lx.RELATIVE_SHIFTS[self.low(j)]
            return Match(i, j + 2, "DATE", f"{rs.year_offset(self.dct, shift)}-{month:02d}")
        if self.month(i, standalone=True) is None:
            return None
        if self.toks[i].lower in lx.MONTH_ABBREVS and not self.toks[i].lower in lx.MONTHS:
            return None
        return Match(i, j, "DATE", rs.month_day(self.dct, month, None, self.month_tense(i)))

    def month_tense(self, i: int) -> int:
        """Tense for a month name without a year at token i; a deadline ("until mid-November") has none."""
        if self.low(i - 1) == "since":
            return -3  # "since March": the latest March that has begun
        k = i - 1
        while k > 0 and self.low(k) in _MONTH_MODIFIERS:
            k -= 1  # "by mid-November", "until the end of March"
        tense = self.tense(i, broad=True)
        if self.low(k) in _DEADLINE_WORDS:
            return max(tense, 0)  # "gave them until November": a past verb dates the giving, not the deadline
        return tense

    def date_tense(self, i: int) -> int:
        """Tense for a date without a year at token i; -3 right after "ended" ("the year ended Jan. 31")."""
        if self.low(i - 1) in ("ended", "since"):
            return -3  # "since Sept. 30" starts in the past
        return self.tense(i, broad=True)

    def r_day_month(self, i: int) -> Match | None:
        """"7 August 1998", "7th of August"; the second day of "April 24 and 25"."""
        dn = self.day_number(i)
        if dn is None:
            return None
        pair = self.low(i - 1) in ("and", "or", "to", "through", "-") and self.last_end == i - 1
        if pair and len(self.last_value) == 10 and self.month(dn[0]) is None:
            d = safe_date(int(self.last_value[:4]), int(self.last_value[5:7]), dn[1]) if self.last_value[:4].isdigit() else None
            if d is not None and dn[1] > int(self.last_value[8:10]):
                return Match(i, dn[0], "DATE", day_value(d))
        j = self.skip(dn[0], "of")
        mo = self.month(j)
        if mo is None:
            return None
        k, month = mo
        yr = self.year(self.skip(k, ","))
        if yr is not None:
            d = safe_date(yr[1], month, dn[1])
            return Match(i, yr[0], "DATE", day_value(d)) if d else None
        if safe_date(2000, month, dn[1]) is None:
            return None
        return Match(i, k, "DATE", rs.month_day(self.dct, month, dn[1], self.date_tense(i)))

    def r_numeric_date(self, i: int) -> Match | None:
        """"1998-08-07", "08/07/1998" (US order), "8/7"."""
        t = self.toks
        if i + 4 < self.n and all(self.adjacent(k) for k in range(i, i + 4)):
            a, s1, b, s2, c = (t[k].text for k in range(i, i + 5))
            if s1 == s2 and s1 in "-/." and t[i + 2].digits and t[i + 4].digits:
                if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
                    d = safe_date(int(a), int(b), int(c))
                elif len(a) <= 2 and len(b) <= 2 and len(c) in (2, 4) and s1 == "/":
                    year = int(c) if len(c) == 4 else (1900 + int(c) if int(c) > 30 else 2000 + int(c))
                    d = safe_date(year, int(a), int(b))
                else:
                    d = None
                if d is not None and not (i + 5 < self.n and self.adjacent(i + 4) and t[i + 5].digits):
                    return Match(i, i + 5, "DATE", day_value(d))
        if (i + 2 < self.n and self.low(i - 1) in ("on", "since", "until", "by", "from", "through")
                and t[i + 1].text == "/" and self.adjacent(i) and self.adjacent(i + 1) and t[i + 2].digits
                and not (i + 3 < self.n and self.adjacent(i + 2) and t[i + 3].text in "/-.")):
            # "on 2/19": US month/day without a year ("1/2" fractions have no preposition)
            month, day = int(t[i].text), int(t[i + 2].text)
            if len(t[i].text) <= 2 and len(t[i + 2].text) <= 2 and safe_date(2000, month, day):
                return Match(i, i + 3, "DATE", rs.month_day(self.dct, month, day, self.date_tense(i)))
        return None

    def r_short_quarter(self, i: int) -> Match | None:
        """"Q3 2025", "Q1", "H2 2026" (quarters and halves in business news)."""
        t = self.toks[i]
        if t.text not in ("Q", "H") or not self.adjacent(i) or i + 1 >= self.n:
            return None
        digit = self.toks[i + 1]
        limit = 4 if t.text == "Q" else 2
        if not (digit.digits and len(digit.text) == 1 and 1 <= int(digit.text) <= limit):
            return None
        if i + 2 < self.n and self.adjacent(i + 1) and self.toks[i + 2].text[:1].isalnum():
            return None  # "Q3X", "H2O"
        n = int(digit.text)
        yr = self.year(self.skip(i + 2, ","))
        if yr is not None:
            return Match(i, yr[0], "DATE", f"{yr[1]:04d}-{t.text}{n}")
        value = rs.ordinal_quarter(self.dct, n) if t.text == "Q" else rs.ordinal_half(self.dct, n)
        return Match(i, i + 2, "DATE", value)

    def r_season_year(self, i: int) -> Match | None:
        """"summer 1998", "the winter of 1994" (a season with its year)."""
        code = lx.SEASONS.get(self.low(i))
        k = self.skip(i + 1, "of")
        yr = self.year(k) or self.spelled_year(k)
        if code is None or yr is None:
            return None
        if self.low(i) == "fall" and not self.capitalised(i) and self.low(i - 1) not in lx.PREPOSITIONS | {"the"}:
            return None  # "prices fall 2020 ..."
        return Match(i, yr[0], "DATE", f"{yr[1]:04d}-{code}")

    def r_pre_post(self, i: int) -> Match | None:
        """"post-1959", "pre-war 1930s" style: a year after "post-"/"pre-" (mod AFTER/BEFORE)."""
        if self.low(i + 1) != "-" or not (self.adjacent(i) and self.adjacent(i + 1)):
            return None
        inner = self.r_year(i + 2)
        if inner is None:
            return None
        return Match(i, inner.end, "DATE", inner.value, "AFTER" if self.low(i) == "post" else "BEFORE")

    def r_year(self, i: int) -> Match | None:
        """A bare year "1998", a decade "1990s", "mid-1990s" handled by modifiers."""
        yr = self.year(i, bare=True)
        if yr is None:
            return None
        j, y = yr
        if self.low(j) == "s" and self.adjacent(i):
            return Match(i, j + 1, "DATE", f"{y // 10:03d}")
        if self.low(j) == "-" and self.adjacent(i) and self.low(j + 1) in ("end",) and self.adjacent(j):
            return Match(i, j + 2, "DATE", f"{y:04d}", "END")
        if self._in_name(i):
            return None  # "Windows 2000", "Orion 1980", "Vision 2030"
        return Match(i, j, "DATE", f"{y:04d}")

    def _in_name(self, i: int) -> bool:
        """Whether the number at token i ends a capitalised name (not a date word, not sentence-initial)."""
        if i < 2:
            return False
        prev = self.toks[i - 1]
        if not prev.text[:1].isupper() or not prev.text.isalpha() or prev.end == self.toks[i].start:
            return False
        w = prev.lower
        if w in lx.PREPOSITIONS or w in lx.MONTHS or w in lx.MONTH_ABBREVS or w in lx.WEEKDAYS or w in lx.SEASONS:
            return False
        if w in ("the", "fiscal", "year", "spring", "summer", "fall", "autumn", "winter", "christmas", "easter"):
            return False
        before = self.toks[i - 2].lower
        return before not in lx.SENTENCE_END and before not in ("``", '"', "(", "_", "--")

    def r_short_decade(self, i: int) -> Match | None:
        """"'80s" -> 198."""
        yr = self.year(i)
        if yr is None or self.low(yr[0]) != "s" or not self.adjacent(yr[0] - 1):
            return None
        return Match(i, yr[0] + 1, "DATE", f"{yr[1] // 10:03d}")

    def r_weekday(self, i: int) -> Match | None:
        """"Friday", "Friday, Oct. 23", "Friday morning", "Mondays" (a set)."""
        w = self.low(i)
        if w in lx.WEEKDAY_PLURALS:
            wd = lx.WEEKDAY_PLURALS[w]
            pod = lx.PARTS_OF_DAY.get(self.low(i + 1)) or lx.PARTS_OF_DAY.get(self.low(i + 1).rstrip("s"))
            if pod:
                return Match(i, i + 2, "SET", f"XXXX-WXX-{wd}T{pod}")
            return Match(i, i + 1, "SET", f"XXXX-WXX-{wd}")
        wd = lx.WEEKDAYS.get(w)
        if wd is None:
            return None
        if self.capitalised(i + 1) and self.low(i + 1) in lx.NEWSPAPER_WORDS:
            return None  # "the Sunday Times", "Sunday Telegraph"
        # "Tuesday nights", "on Monday and Tuesday nights": a plural part of day makes a set
        pods = self.low(i + 1) if self.low(i + 1) not in ("and", "or") or self.low(i + 2) not in lx.WEEKDAYS else self.low(i + 3)
        if pods.endswith("s") and pods[:-1] in lx.PARTS_OF_DAY:
            end = i + 2 if pods == self.low(i + 1) else i + 1
            return Match(i, end, "SET", f"XXXX-WXX-{wd}T{lx.PARTS_OF_DAY[pods[:-1]]}")
        j = i + 1
        k = self.skip(j, ",")
        md = self.r_month_date(k) if k < self.n else None
        if md is None and k < self.n and self.toks[k].digits:
            md = self.r_day_month(k)
        if md is not None and md.value[5:7].isdigit() and len(md.value) == 10:
            return Match(i, md.end, "DATE", md.value)
        value = rs.weekday(self.dct, wd, self.future_context(i) or self.onset_future(i) or self.scheduled_present(i),
                           same_day=True)
        start = self._range_start(i)
        if start is not None and value < start.isoformat():
            # "will run from Monday to Friday": the end of a range is not before its start
            value = rs.weekday(start, wd, True, same_day=True)
        return self._with_part_of_day(i, j, value)

    def _range_start(self, i: int) -> datetime.date | None:
        """The day just named before "to/through/until" at token i-1 ("from Monday [to] Friday"), else None."""
        sep = self.low(i - 1)
        if self.last_end != i - 1 or not (sep in _RANGE_WORDS or (sep == "and" and self._after_between(i - 1))):
            return None
        v = self.last_value
        if len(v) != 10 or not (v[:4].isdigit() and v[5:7].isdigit() and v[8:10].isdigit()):
            return None
        return safe_date(int(v[:4]), int(v[5:7]), int(v[8:10]))

    def _after_between(self, k: int) -> bool:
        """Whether "between" opens the phrase that ends at token k ("between Monday and")."""
        return any(self.low(m) == "between" for m in range(max(0, k - 6), k))

    def _with_part_of_day(self, i: int, j: int, value: str) -> Match:
        """Extend a day expression ending at j with "morning", "night", ... if present."""
        pod = lx.PARTS_OF_DAY.get(self.low(j))
        prenominal = self.low(i - 1) in ("a", "an") or (self.low(j + 1) == "'" and self.low(j + 2) == "s")
        if pod and not prenominal:  # "a [Sunday] night vigil", "[Saturday] night's debate"
            return Match(i, j + 1, "TIME", f"{value}T{pod}")
        return Match(i, j, "DATE", value)

    def r_deictic_day(self, i: int) -> Match | None:
        """"today", "yesterday", "tomorrow", "tonight", "yesterday morning"."""
        w = self.low(i)
        if self.toks[i].text == "Today" and i > 0 and self.toks[i - 1].text.isalpha() and self.toks[i - 1].text.isupper():
            return None  # a programme name: "VOA Today"
        if w in ("today", "tomorrow") and self.low(i - 1) == "of" and self.low(i + 1) != "'":
            return None  # "the people of tomorrow": a generation, not a day
        if w == "today" and (self.low(i + 1) == "'" and self.low(i + 2) == "s"):
            # "today's youth", "today's personal computers": the present age, not the day
            if self.low(i + 3) in _GENERIC_NOUNS or self.low(i + 4) in _GENERIC_NOUNS:
                return None
        value = rs.day_offset(self.dct, lx.DAY_OFFSETS[w])
        if w == "tonight":
            return Match(i, i + 1, "DATE", value)  # TimeML news gold: the DCT, without TNI
        return self._with_part_of_day(i, i + 1, value)

    def r_holiday(self, i: int) -> Match | None:
        """"Christmas", "Thanksgiving (Day)", "Halloween", "New Year's Day/Eve"."""
        w = self.low(i)
        if not self.capitalised(i):
            return None
        dct = self.dct
        j = i + 1
        if w == "new" and self.low(j) == "year" and self.low(j + 1) == "'" and self.low(j + 2) == "s":
            k = j + 3
            if self.low(k) in ("day", "eve"):
                md = (1, 1) if self.low(k) == "day" else (12, 31)
                return Match(i, k + 1, "DATE", rs.month_day(dct, md[0], md[1], self.tense(i)))
            return None
        if w == "election" and not (self.low(j) == "day" and self.capitalised(j)):
            return None  # only "Election Day" (U.S.: the Tuesday after the first Monday of November)
        if w in lx.HOLIDAYS:
            month, day = lx.HOLIDAYS[w]
            nxt = self.low(j)
            end = j + 1 if nxt in ("day", "eve", "sunday", "monday") and self.capitalised(j) or nxt == "week" else j
            if end == j + 1 and nxt in ("sunday", "monday") and w != "easter":
                end = j
            if dct is None:
                if w in ("thanksgiving", "easter", "election"):
                    value = "XXXX-XX-XX" if w == "easter" else f"XXXX-{month:02d}-XX"
                else:
                    value = f"XXXX-{month:02d}-{day - (nxt == 'eve'):02d}"
                return Match(i, end, "DATE", value)
            tense = self.tense(i)
            year = dct.year
            d = datetime.date.fromisoformat(rs.holiday(w, year))
            # the feast of the DCT's year, unless tense puts it on the other side (within a fortnight it stays)
            if tense <= 0 and (d - dct).days > 14:
                year -= 1
            elif tense > 0 and (dct - d).days > 14:
                year += 1
            value = rs.holiday(w, year)
            shift = {"eve": -1, "monday": 1}.get(nxt, 0) if end == j + 1 else 0
            if shift:  # "Christmas Eve", "Easter Monday"
                value = rs.day_offset(datetime.date.fromisoformat(value), shift)
            if end == j + 1 and nxt == "week":  # "Easter week": the ISO week of the feast
                value = rs.week_offset(datetime.date.fromisoformat(value), 0)
            return Match(i, end, "DATE", value)
        return None

    def r_fiscal(self, i: int) -> Match | None:
        """"fiscal 1989" -> 1989."""
        k = self.skip(i + 1, "year")
        yr = self.year(k)
        if yr is not None:
            return Match(i, yr[0], "DATE", f"{yr[1]:04d}")
        if yr is None and self.toks[k].digits if k < self.n else False:
            t = self.toks[k].text
            if len(t) == 2:
                return Match(i, k + 1, "DATE", f"{1900 + int(t) if int(t) > 30 else 2000 + int(t):04d}")
        return None

    def spelled_year(self, i: int) -> tuple[int, int] | None:
        """"nineteen ninety-six", "two thousand (and) one": (end, year)."""
        w = self.low(i)
        if w in ("nineteen", "eighteen") and i + 1 < self.n:
            century = 1900 if w == "nineteen" else 1800
            num = self.number(i + 1)
            if num is None or num[1] is None or num[2] or not 10 <= num[1] <= 99 or self.toks[i + 1].digits:
                return None
            return num[0], century + int(num[1])
        if w == "two" and self.low(i + 1) == "thousand":
            j = i + 2
            if self.low(j) == "and":
                j += 1
            num = self.number(j)
            if num is not None and num[1] is not None and not num[2] and not self.toks[j].digits and num[1] < 100:
                return num[0], 2000 + int(num[1])
            return i + 2, 2000
        return None

    def r_spelled_year(self, i: int) -> Match | None:
        """A year in words (broadcast transcripts)."""
        y = self.spelled_year(i)
        if y is None or self.unit(y[0]) is not None:
            return None
        return Match(i, y[0], "DATE", f"{y[1]:04d}")

    def r_century(self, i: int) -> Match | None:
        """"the 20th century" -> 19."""
        j = i
        n = None
        if self.toks[j].digits and self.low(j + 1) in lx.ORDINAL_SUFFIXES and self.adjacent(j):
            n = int(self.toks[j].text)
            j += 2
        elif self.low(j) in lx.ORDINALS:
            n = lx.ORDINALS[self.low(j)]
            j += 1
        if n is None or self.low(j) != "century" or not 1 <= n <= 30:
            return None
        return Match(i, j + 1, "DATE", f"{n - 1:02d}")

    def r_year_end(self, i: int) -> Match | None:
        """"year-end" -> the DCT year's last day; "year end", "year's end" -> the year, mod END."""
        if self.low(i + 1) == "end" or (self.low(i + 1) == "'" and self.low(i + 2) == "s" and self.low(i + 3) == "end"):
            end = i + 2 if self.low(i + 1) == "end" else i + 4
            return Match(i, end, "DATE", rs.year_offset(self.dct, 0), "END")
        if self.low(i + 1) == "-" and self.low(i + 2) == "end" and self.adjacent(i) and self.adjacent(i + 1):
            if self.dct is None:
                return Match(i, i + 3, "DATE", "XXXX-12-31")
            year = self.dct.year - (self.low(i - 1) == "since" and (self.dct.month, self.dct.day) != (12, 31))
            return Match(i, i + 3, "DATE", f"{year:04d}-12-31")  # "since year-end": the last one
        return None


# Nouns after "today's" that make it the present age ("today's youth", "today's personal computers").
_GENERIC_NOUNS = {"youth", "world", "society", "computers", "children", "standards", "generation", "economy",
                  "technology", "consumers", "families", "students"}
# Words between a deadline preposition and a month name ("by mid-November", "until the end of March").
_MONTH_MODIFIERS = {"-", "mid", "early", "late", "the", "end", "beginning", "middle", "start", "of"}
# Prepositions naming a deadline, an end point or a new date ("postponed to December").
_DEADLINE_WORDS = {"until", "till", "by", "through", "before", "to", "into"}
# Words joining the two days of a range ("from Monday to Friday", "Monday through Thursday").
_RANGE_WORDS = {"to", "through", "thru", "until", "till", "-"}
