"""Clock times: "10:35 a.m.", "5 p.m. EST Nov. 9", "noon", "midnight Friday"."""

from __future__ import annotations

from transforms.timex import lexicon as lx
from transforms.timex import resolve as rs
from transforms.timex.match import Match


# How far back (in tokens) a named day still holds for a clock time without a day ("On Sunday ... At 4 p.m.").
_CLOCK_REF_WINDOW = 40


class ClockRules:
    """Rules for times of day (mixed into the Parser)."""

    def r_clock(self, i: int) -> Match | None:
        """"10:35 a.m.", "5 p.m. EST", "noon", "midnight Friday" -> TIME."""
        w = self.low(i)
        j = i
        if w in ("noon", "midday", "midnight") and self.low(i - 1) == "high":
            return None
        if w in ("noon", "midday", "midnight"):
            hh, mm = (24, 0) if w == "midnight" else (12, 0)
            j = i + 1
            hm = f"T{hh:02d}:{mm:02d}" if w != "midnight" else "T24:00"
        else:
            t = self.toks[i]
            if not t.digits or len(t.text) > 2:
                return None
            hh = int(t.text)
            mm = 0
            j = i + 1
            has_minutes = False
            minutes = j + 1 < self.n and self.toks[j + 1].digits and len(self.toks[j + 1].text) == 2
            # "10:35"; "10.35" only with a.m./p.m. after it (else it is a decimal number)
            if (minutes and self.low(j) in (":", ".") and self.adjacent(i) and self.adjacent(j)
                    and (self.low(j) == ":" or self.ampm(j + 2)[0])):
                mm = int(self.toks[j + 1].text)
                j += 2
                has_minutes = True
            ampm, k = self.ampm(j)
            if (ampm is None and not has_minutes and hh <= 12 and self.low(j) == "in"
                    and self.low(j + 1) == "the" and self.low(j + 2) in lx.PARTS_OF_DAY):
                # "4 in the morning", "8 in the evening"
                ampm, k = ("am" if self.low(j + 2) == "morning" else "pm"), j + 3
            if ampm is None:
                if not has_minutes or self.low(i - 1) not in lx.CLOCK_PREPOSITIONS:
                    if not (self.low(j) in ("o",) and self.low(j + 1) == "'" and self.low(j + 2) == "clock"):
                        return None
                    k = j + 3
            elif ampm == "pm" and hh < 12:
                hh += 12
            elif ampm == "am" and hh == 12:
                hh = 0
            if hh > 24 or mm > 59:
                return None
            j = k
            hm = f"T{hh:02d}:{mm:02d}"
        if self.low(j) in lx.ZONES:
            j += 1
        day = None
        k = self.skip(j, ",")
        if k < self.n:
            w2 = self.low(k)
            if w2 in lx.WEEKDAYS or w2 in lx.DAY_OFFSETS:
                inner = self.core(k)
                if inner is not None and inner.value[:1] in "0123456789X" and len(inner.value) >= 10:
                    day, j = inner.value[:10], inner.end
            else:
                inner = self.r_month_date(k) if w2 in lx.MONTHS or w2 in lx.MONTH_ABBREVS else None
                if inner is not None and len(inner.value) == 10:
                    day, j = inner.value, inner.end
        if day is None and self.low(j) == "(":
            day = self._day_near_parenthesis(j)  # "10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. Thursday)"
        if day is None and self.low(j) == "on" and (self.low(j + 1) in lx.WEEKDAYS or self.month(j + 1) is not None):
            inner = self.core(j + 1)  # "as of noon on Monday": that day, though "on [Monday]" is tagged apart
            if inner is not None and len(inner.value) >= 10 and inner.value[:4].isdigit():
                day = inner.value[:10]
        if day is None and 0 <= i - self.last_end <= 2 and len(self.last_value) >= 10 and self.last_value[:4].isdigit():
            day = self.last_value[:10]  # "on Feb. 19 at 14:00", "Friday at 3 p.m."
        if day is None:
            # no day given: the day the text is talking about if it was named close by, else the DCT;
            # either way no new mention ("that day" keeps its anchor)
            day = rs.day_offset(self.ref if i - self.ref_at <= _CLOCK_REF_WINDOW else self.dct, 0)
            self.floating_ends.add(j)
        return Match(i, j, "TIME", day + hm)

    def _day_near_parenthesis(self, j: int) -> str | None:
        """The day named in the parenthesis opening at token j, or right after it, else None."""
        close = next((k for k in range(j + 1, min(self.n, j + 10)) if self.low(k) == ")"), None)
        if close is None:
            return None
        for k in list(range(j + 1, close)) + [close + 1]:
            if self.low(k) in lx.WEEKDAYS or self.low(k) in lx.DAY_OFFSETS:
                inner = self.core(k)
                if inner is not None and len(inner.value) >= 10 and inner.value[:4].isdigit():
                    return inner.value[:10]
        return None

    def ampm(self, j: int) -> tuple[str | None, int]:
        """"a.m."/"p.m."/"am"/"pm" at token j: ("am"|"pm"|None, end)."""
        w = self.low(j)
        if w in ("am", "pm") and j > 0:
            return w, j + 1
        if w in ("a", "p") and self.low(j + 1) == "." and self.low(j + 2) == "m" and self.adjacent(j) and self.adjacent(j + 1):
            end = j + 3
            if self.low(end) == "." and self.adjacent(j + 2):
                end += 1
            return w + "m", end
        return None, j
