"""Quantities of time: durations ("three years"), "two weeks ago", "a year earlier", sets ("every Monday")."""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime

from transforms.timex import lexicon as lx
from transforms.timex import resolve as rs
from transforms.timex.match import Match
from transforms.timex.values import day_value, duration_value, quarter_shift

if TYPE_CHECKING:
    from transforms.timex.grammar import Parser

Date = datetime.date

# Modals that put "in five years" ahead of the DCT.
_FUTURE_MODALS = {"will", "would", "may", "might", "could", "should", "shall", "ll"}
# A whole cycle of a unit "a day/week/year": the idiom for "all the time".
_FULL_CYCLES = {(24, "hour", "day"), (7, "day", "week"), (365, "day", "year"), (52, "week", "year"),
                (12, "month", "year")}


class QuantityRules:
    """Rules for amounts of time units (mixed into the Parser)."""

    def quantity(self, i: int) -> tuple[int, float | None, str, bool, bool] | None:
        """"three years", "two-hour", "a week", "several days": (end, n, unit, adjectival, article)."""
        num = self.number(i)
        if num is None:
            return None
        j, n, article = num
        adjectival = False
        if self.low(j) == "-" and self.adjacent(j - 1) and self.adjacent(j):
            j += 1
            adjectival = True
        elif self.low(j) in lx.QUANTITY_FILLERS and self.unit(j + 1) is not None:
            j += 1
        u = self.unit(j)
        if u is None:
            # "24-hour", "two-year-old": number-unit compounds written with hyphens
            return None
        k, unit, plural = u
        if adjectival and plural:
            return None  # "three-quarters of"
        if article and unit == "second":
            return None  # "a second group"
        if adjectival and self.low(k) == "-" and self.low(k + 1) == "old":
            return None  # ages: "6-year-old"
        if self.low(k) == "old" or (self.low(k) == "-" and self.low(k + 1) in ("old", "olds")):
            return None
        if unit == "weekend" and n is not None:
            return None
        if unit == "quarter" and article and self.low(k) == "of" and self.low(k + 1) in ("the", "its", "all", "their"):
            return None  # a fraction: "more than a quarter of the market"
        if self.low(k) == "of" and (self.low(k + 1) in lx.PAY_NOUNS or self.low(k + 2) in lx.PAY_NOUNS):
            return None  # a sum of money: "a bonus equal to six months of base pay"
        if self.low(k) == "-" and self.adjacent(k - 1) and self.low(k + 1) in ("ago", "earlier", "end", "old", "olds", "to"):
            return None
        if self.low(k) == "and" and self.low(k + 1) == "a" and self.low(k + 2) == "half" and n is not None:
            k, n = k + 3, n + 0.5
        return k, n, unit, adjectival, article

    def _modal_clause(self, i: int) -> bool:
        """Whether a future or possibility modal comes shortly before token i in its clause ("would be redeemed in")."""
        for k in range(i - 1, max(-1, i - 6), -1):
            w = self.low(k)
            if w in _FUTURE_MODALS:
                return True
            if w in lx.SENTENCE_END or w in (",", ";") and k != i - 1:
                return False
        return False

    def _rate_context(self, i: int) -> bool:
        """Whether "a year" at token i is a rate ("$5 million a year", "four flights a week")."""
        p = self.low(i - 1)
        if not p:
            return False
        t = self.toks[i - 1]
        return (t.digits or p in lx.NUMBER_WORDS or p in lx.RATE_NOUNS or p in ("%", "$")
                or (len(p) > 3 and p.endswith("s") and p not in lx.NOT_PLURALS))

    def r_quantity(self, i: int) -> Match | None:
        """Durations "three years", "two-hour"; "two years ago" (DATE); "a year earlier"."""
        q = self.quantity(i)
        if q is None:
            return None
        self._at = i
        j, n, unit, adjectival, article = q
        if self.toks[j - 1].text in ("Minutes", "Hours"):
            return None  # programme names: "60 Minutes", "48 Hours"
        if article and self._rate_context(i) and self.low(j) not in ("ago", "earlier", "later", "before", "after"):
            return None
        if self.low(j) in ("a", "per") and (n, unit, self.low(j + 1)) in _FULL_CYCLES:
            return None  # "24 hours a day", "seven days a week": always, not a duration
        anchored = self.low(j) in ("ago", "earlier", "later", "after", "before")
        if (self.low(i) == "one" and unit == "day" and not adjectival and not anchored
                and self.low(i - 1) in lx.MODALS and self.low(i - 1) not in ("to", "not", "did", "does", "do")):
            return Match(i, j, "DATE", "FUTURE_REF")  # "Islam will one day be ...": some future day
        if n is None and self.low(i) in ("some", "many") and self.low(j) != "ago":
            return None
        nxt = self.low(j)
        if nxt == "ago" and not adjectival:
            return Match(i, j + 1, "DATE", self._ago_value(n, unit))
        if nxt in ("earlier", "before") and not adjectival and nxt == "earlier":
            return Match(i, j + 1, "DATE", self._earlier_value(n, unit))
        if nxt == "or" and self.low(j + 1) == "so":
            if self.low(j + 2) == "ago":
                return Match(i, j + 3, "DATE", self._ago_value(n, unit), "APPROX")
            return Match(i, j + 2, "DURATION", duration_value(n, unit), "APPROX")
        if nxt == "or" and self.low(j + 1) in ("more", "longer"):
            return Match(i, j + 2, "DURATION", duration_value(n, unit), "EQUAL_OR_MORE")
        if unit in ("year", "decade") and not adjectival and self.low(i - 1) == "in" and self._modal_clause(i - 1):
            # "will be redeemed in five years": the year that far ahead ("in a year or two": some future time)
            if nxt == "or" and self.number(j + 1) is not None and self.unit(self.number(j + 1)[0]) is None:
                return Match(i, self.number(j + 1)[0], "DATE", "FUTURE_REF")
            if n is None or n != int(n):
                return Match(i, j, "DATE", "FUTURE_REF")
            return Match(i, j, "DATE", rs.ago(self.dct, "year", -n * (10 if unit == "decade" else 1)))
        return Match(i, j, "DURATION", duration_value(n, unit))

    def r_range_quantity(self, i: int) -> Match | None:
        """"two to three weeks", "a year or two" as one DURATION."""
        num = self.number(i)
        if num is None or num[1] is None:
            return None
        j = num[0]
        if self.low(j) not in ("to", "or", "-"):
            return None
        num2 = self.number(j + 1)
        if num2 is None or num2[1] is None:
            return None
        u = self.unit(num2[0])
        if u is None:
            return None
        if self.low(u[0]) == "ago":
            return Match(i, u[0] + 1, "DATE", self._ago_value(num[1], u[1]), "APPROX")
        mod = "APPROX" if self.low(j) == "or" else "EQUAL_OR_MORE"
        return Match(i, u[0], "DURATION", duration_value(num[1], u[1]), mod)

    def _ago_value(self, n: float | None, unit: str) -> str:
        """Value of "n units ago" from the DCT (earnings "a year ago" -> the year-ago quarter)."""
        if n is None:
            return "PAST_REF"
        if unit == "year" and n == 1 and self.quarter_context(self._at):
            return quarter_shift(self.last_quarter, -4)
        if unit == "decade" or (unit == "year" and n >= 10):
            return rs.ago(self.dct, "year", n * (10 if unit == "decade" else 1))
        if unit == "week" and n > 1 and self.dct is not None:
            d = self.dct - datetime.timedelta(days=7 * int(n))
            return rs.week_offset(d, 0) if n > 4 else day_value(d)
        return rs.ago(self.dct, unit, n)

    def _earlier_value(self, n: float | None, unit: str) -> str:
        """Value of "a year earlier": the reference period shifted back (quarter-aware)."""
        if n is None:
            return "PAST_REF"
        if unit == "year" and n == 1 and self.quarter_context(self._at):
            return quarter_shift(self.last_quarter, -4)
        ref = self.ref if self.ref is not None else self.dct
        if unit == "year" and self.last_value[:4].isdigit():
            if len(self.last_value) == 4:
                return f"{int(self.last_value) - int(n):04d}"
        return rs.ago(ref, unit, n)

    def r_period(self, i: int) -> Match | None:
        """"(the) (past|last|next|first|coming) (N) units" -> DURATION, "the first nine months"."""
        w = self.low(i)
        if w not in lx.SPAN_WORDS:
            return None
        if w == "last" and self.low(i - 1) in lx.MODALS:
            return None  # the verb: "expected to last three days"
        j = i + 1
        q = self.quantity(j)
        if q is not None:
            k, n, unit, adjectival, article = q
            if article:
                return None
            yr = self.year(k + 1) if self.low(k) == "of" else None
            if unit == "quarter" and w == "first" and n == 2 and yr is not None:
                return Match(i, yr[0], "DATE", f"{yr[1]:04d}-H1")  # "the first two quarters of 1990"
            if unit == "quarter" and n is not None and w in ("next", "coming"):
                return Match(i, k, "DURATION", duration_value(3 * n, "month"))
            if n is None and w in ("past", "last", "previous", "recent"):
                return Match(i, k, "DATE", "PAST_REF")
            return Match(i, k, "DURATION", duration_value(n, unit))
        rq = self.r_range_quantity(j)
        if rq is not None and rq.type == "DURATION":
            # "the next 12 to 18 months": a span of uncertain length
            return Match(i, rq.end, "DURATION", duration_value(None, self.unit(rq.end - 1)[1]))
        u = self.unit(j)
        if u is not None and u[2]:
            # "the past few weeks" is caught above; "past years", "the last months", "coming months"
            if w == "past" and u[1] == "year" and self.low(i - 1) != "the":
                return Match(i, u[0], "DATE", "PAST_REF")
            if w == "coming" and self.low(i - 1) != "the":
                return Match(i, u[0], "DATE", "FUTURE_REF")  # "in coming months" (but "the coming years": PXY)
            return Match(i, u[0], "DURATION", duration_value(None, u[1]))
        return None

    def r_bare_units(self, i: int) -> Match | None:
        """"for years", "within weeks", "decades-long" -> vague DURATION."""
        u = self.unit(i)
        if u is None or self.toks[i].text[:1].isupper() and i > 0 and self.toks[i - 1].digits:
            return None
        if self.low(i + 1) == "-" and self.low(i + 2) == "long" and self.adjacent(i) and self.adjacent(i + 1):
            return Match(i, i + 3, "DURATION", duration_value(None if u[2] else 1, u[1]))
        if u[2] and self.low(i - 1) in ("for", "within") and self.low(i + 1) not in ("of", "ago", "-", "'"):
            k = i + 1
            if self.low(k) == "or" and self.unit(k + 1) is not None:
                k += 2
            return Match(i, k, "DURATION", duration_value(None, u[1]))
        return None

    def r_every(self, i: int) -> Match | None:
        """"every Monday", "each year", "every two weeks" -> SET."""
        j = i + 1
        if self.low(j) == "other":
            j += 1
        w = self.low(j)
        if w in lx.WEEKDAYS:
            pod = lx.PARTS_OF_DAY.get(self.low(j + 1))
            if pod:
                return Match(i, j + 2, "SET", f"XXXX-WXX-{lx.WEEKDAYS[w]}T{pod}")
            return Match(i, j + 1, "SET", f"XXXX-WXX-{lx.WEEKDAYS[w]}")
        if w in lx.MONTHS and self.capitalised(j):
            return Match(i, j + 1, "SET", f"XXXX-{lx.MONTHS[w]:02d}")
        if w in lx.PARTS_OF_DAY:
            return Match(i, j + 1, "SET", f"XXXX-XX-XXT{lx.PARTS_OF_DAY[w]}")  # "every morning"
        u = self.unit(j)
        if u is not None and not u[2]:
            n = 2 if self.low(i + 1) == "other" else 1
            return Match(i, u[0], "SET", duration_value(n, u[1]))
        q = self.quantity(j)
        if q is not None and q[1] is not None:
            return Match(i, q[0], "SET", duration_value(q[1], q[2]))
        return None

    def r_set_adverb(self, i: int) -> Match | None:
        """"daily", "weekly", "hourly" (not "average daily volume")."""
        if self.low(i - 1) in ("average", "per"):
            return None
        prev = self.low(i - 1)
        if self.low(i) in ("annually", "yearly") and (
                prev in ("%", "percent") or prev in lx.NUMBER_NOUNS or (prev in lx.RATE_NOUNS and prev != "a")):
            return None  # a growth or output rate: "rise 8.5% annually", "10,000 units annually"
        if self.toks[i].text[:1].isupper() and i > 0 and self.capitalised(i - 1) and self.toks[i - 1].text.isalpha():
            return None  # a newspaper: "Korea JoongAng Daily"
        return Match(i, i + 1, "SET", lx.SET_ADVERBS[self.low(i)])


def _mods_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """lx.QUANTITY_MODS grouped by first word, in table order: a modifier word tries only its own phrases."""
    out: dict[str, tuple] = {}
    for words, mod in lx.QUANTITY_MODS.items():
        out[words[0]] = out.get(words[0], ()) + ((words, mod),)
    return out


_MODS_BY_FIRST_WORD = _mods_by_first_word()


def quantity_mod_rule(p: Parser, i: int) -> Match | None:
    """"more than three years", "nearly two weeks ago", "at least 72 hours"."""
    for words, mod in _MODS_BY_FIRST_WORD.get(p.low(i), ()):
        if all(p.low(i + k) == w for k, w in enumerate(words)):
            # ("over", "a"): the article is looked at but belongs to the quantity ("over [a week]")
            j = i + len(words) - (words[-1] in ("a", "an"))
            if p.low(j) == "the":
                return None
            inner = p.core(j)
            if words == ("around",) and inner is not None and (
                    inner.type == "TIME" or p.low(j) == "year"
                    or (len(inner.value) == 10 and (p.low(j) in lx.MONTHS or p.low(j) in lx.MONTH_ABBREVS))):
                return Match(i, inner.end, inner.type, inner.value, inner.mod or mod)  # "around 7:15 p.m."
            if inner is None or inner.type not in ("DURATION", "DATE") or inner.start != j:
                return None
            if inner.type == "DATE" and p.low(inner.end - 1) not in ("ago", "earlier"):
                return None
            return Match(i, inner.end, inner.type, inner.value, mod)
    return None
