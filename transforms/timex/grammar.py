"""The grammar of temporal expressions, matched over tokens left to right.

Each rule starts at one token and returns a `Match` (token span, TIMEX3 type, value, mod) or
None. At every position the longest match wins; rules are tried only at tokens that can start
an expression, so a text is scanned once.
"""

from __future__ import annotations

import datetime
import sys
import types

from transforms.timex import lexicon as lx
from transforms.timex.clock import ClockRules
from transforms.timex.context import ContextRules
from transforms.timex.dates import DateRules
from transforms.timex.match import Match
from transforms.timex.quantities import QuantityRules, quantity_mod_rule
from transforms.timex.relative import RelativeRules, part_of_rule, position_rule
from transforms.timex.tokens import Token, from_words, tokenize
from transforms.timex.values import quarter_shift, safe_date

Date = datetime.date

# How deep rules may nest ("the" > "early" > "next" > "year"); real phrases need 3-4 levels.
_MAX_DEPTH = 6
# How far back (in tokens) a mentioned quarter still sets the context of "a year ago".
_QUARTER_WINDOW = 400
# Year-to-date spans of earnings reports ("the nine months", "the first half", "the six months").
_MULTI_QUARTER_SPANS = {"P6M", "P9M", "P2Q", "P3Q"}


class Parser(ContextRules, DateRules, ClockRules, RelativeRules, QuantityRules):
    """Finds the temporal expressions of one text, anchored on its DCT."""

    def __init__(self, text: str, dct: Date | None, strict: bool = False,
                 words: list | None = None) -> None:
        # strict=False: a rule that fails on odd input is skipped at that position, so that
        # tagging never raises; the fuzz tests run strict=True to find such rules.
        self.strict = strict
        self._broad = False
        self._depth = 0
        # Results of match_at by position; valid until the reference time changes (_remember).
        self._memo: dict[int, Match | None] = {}
        # Results of core by (position, depth), valid as long as _memo: a modifier ("roughly", "more than")
        # tries the number after it, which the scan then reaches and would try again.
        self._core_memo: dict[tuple[int, int], Match | None] = {}
        self.text = text
        # words: a coarser tokenisation of text to split instead of tokenising again (tokens.from_words)
        self.toks: list[Token] = tokenize(text) if words is None else from_words(text, words)
        self.n = len(self.toks)
        self.dct = dct
        # The last mentioned day, for "the next day" / "that day" (TimeML's reference time).
        self.ref: Date | None = dct
        self.ref_at = -(10**9)  # token index where that day was named
        self.last_value: str = ""
        self.last_end = -1  # token index just after the last match
        # The last quarter mentioned: "a year earlier" in earnings news means its year-ago quarter.
        self.last_quarter: str = ""
        self.quarter_at = -(10**9)  # token index of that mention
        # Where the last year-to-date span ("the nine months") was mentioned: it replaces the quarter.
        self.span_at = -(10**9)
        # Token ends of clock times that named no day ("at 3 p.m."): they leave the reference day alone.
        self.floating_ends: set[int] = set()

    def low(self, i: int) -> str:
        """Lowercased token i, or "" past the end."""
        return self.toks[i].lower if 0 <= i < self.n else ""

    def adjacent(self, i: int) -> bool:
        """Whether token i+1 starts right where token i ends."""
        return i + 1 < self.n and self.toks[i].end == self.toks[i + 1].start

    def skip(self, i: int, word: str) -> int:
        """i+1 when token i is `word`, else i."""
        return i + 1 if self.low(i) == word else i

    def capitalised(self, i: int) -> bool:
        """Whether token i starts with an upper-case letter."""
        return 0 <= i < self.n and self.toks[i].text[:1].isupper()

    def number(self, i: int) -> tuple[int, float | None, bool] | None:
        """A cardinal at token i: (end, amount or None if vague, is the article a/an)."""
        if i >= self.n:
            return None
        t = self.toks[i]
        if t.digits:
            if len(t.text) > 3:
                return None
            amount: float = int(t.text)
            j = i + 1
            if self.low(j) == "." and self.adjacent(i) and j + 1 < self.n and self.toks[j + 1].digits and self.adjacent(j):
                amount = float(f"{t.text}.{self.toks[j + 1].text}")
                j += 2
            elif (j + 2 < self.n and self.toks[j].digits and self.low(j + 1) == "/" and self.toks[j + 2].digits
                  and self.adjacent(j) and self.adjacent(j + 1) and int(self.toks[j + 2].text) > 0):
                amount += int(self.toks[j].text) / int(self.toks[j + 2].text)
                j += 3
            elif self.low(j) == "," and self.adjacent(i) and j + 1 < self.n and self.toks[j + 1].digits:
                return None  # "1,000"
            return j, amount, False
        w = t.lower
        if w in ("a", "an"):
            nxt = self.low(i + 1)
            if nxt == "few":
                return i + 2, None, False
            if nxt == "couple":
                return self.skip(i + 2, "of"), 2, False
            if nxt == "half":
                return i + 2, 0.5, False
            if nxt in ("dozen",):
                return i + 2, 12, False
            return i + 1, 1, True
        if w in lx.TENS:
            amount = lx.TENS[w]
            j = i + 1
            if self.low(j) == "-" and self.adjacent(i) and lx.NUMBER_WORDS.get(self.low(j + 1), 99) < 10:
                return j + 2, amount + lx.NUMBER_WORDS[self.low(j + 1)], False
            if lx.NUMBER_WORDS.get(self.low(j), 99) < 10:
                return j + 1, amount + lx.NUMBER_WORDS[self.low(j)], False
            return j, amount, False
        if w in lx.NUMBER_WORDS:
            amount = lx.NUMBER_WORDS[w]
            j = i + 1
            if self.low(j) == "and" and self.low(j + 1) == "a" and self.low(j + 2) == "half":
                return j + 3, amount + 0.5, False
            if self.low(j) == "hundred":
                return j + 1, amount * 100, False
            return j, amount, False
        if w in ("several", "few", "many", "numerous"):
            return i + 1, None, False
        if w == "couple" and self.low(i + 1) == "of":
            return i + 2, 2, False
        return None

    def unit(self, i: int) -> tuple[int, str, bool] | None:
        """A unit word at token i: (end, singular unit, is plural)."""
        w = self.low(i)
        if w in lx.UNITS:
            return i + 1, w, False
        if w in lx.UNIT_PLURALS:
            return i + 1, lx.UNIT_PLURALS[w], True
        return None

    def month(self, i: int, standalone: bool = False) -> tuple[int, int] | None:
        """A month name at token i: (end, month number)."""
        if i >= self.n:
            return None
        t = self.toks[i]
        w = t.lower
        if w in lx.MONTHS:
            if not t.text[:1].isupper() and w in lx.CAPITALISED_ONLY_MONTHS:
                return None
            if w in lx.CAPITALISED_ONLY_MONTHS and t.text.isupper() is False and i > 0 and standalone:
                # "May"/"March" alone need a preposition or determiner before them.
                if self.low(i - 1) not in lx.PREPOSITIONS and self.low(i - 1) != "the":
                    return None
                if self.low(i + 1) in ("for", "of", "on", "to", "against") and (
                        self.low(i - 1) == "the" or self.capitalised(i + 2)):
                    return None  # "the March for Life", "a March on Washington" (not "resigned in March for health reasons")
            j = i + 1
            return j, lx.MONTHS[w]
        if w in lx.MONTH_ABBREVS and t.text[:1].isupper():
            if self.low(i + 1) == "." and self.adjacent(i):
                return i + 2, lx.MONTH_ABBREVS[w]
            nxt = self.toks[i + 1] if i + 1 < self.n else None
            if nxt is not None and nxt.digits and len(nxt.text) <= 2:
                return i + 1, lx.MONTH_ABBREVS[w]
        return None

    def day_number(self, i: int) -> tuple[int, int] | None:
        """A day of month at token i ("7", "7th"): (end, day)."""
        if i >= self.n:
            return None
        t = self.toks[i]
        if t.digits and len(t.text) <= 2 and 1 <= int(t.text) <= 31:
            j = i + 1
            if self.low(j) in lx.ORDINAL_SUFFIXES and self.adjacent(i):
                j += 1
            if self.low(j) == "." and j + 1 < self.n and self.toks[j + 1].digits and self.adjacent(j - 1):
                return None  # a decimal
            if self.low(j) in (":", "/") and self.adjacent(j - 1) and j + 1 < self.n and self.toks[j + 1].digits:
                return None
            return j, int(t.text)
        return None

    def year(self, i: int, bare: bool = False) -> tuple[int, int] | None:
        """A year at token i ("1998", "'98"): (end, year). Bare years must lie in 1800-2099."""
        if i >= self.n:
            return None
        t = self.toks[i]
        if t.digits and len(t.text) == 4:
            y = int(t.text)
            if bare and not 1800 <= y <= 2099:
                return None
            j = i + 1
            if j + 1 < self.n and self.low(j) in (".", ",", ":") and self.adjacent(i) and self.toks[j + 1].digits and self.adjacent(j):
                return None  # "2082.1", "1,998"
            if i > 0 and self.low(i - 1) in ("$", "#", "no"):
                return None
            if self.low(j) in lx.NUMBER_NOUNS:
                return None  # "2020 percent", "1,500 people" style counts
            return j, y
        if t.text in ("'", "\u2019") and self.adjacent(i) and i + 1 < self.n and self.toks[i + 1].digits and len(self.toks[i + 1].text) == 2:
            y2 = int(self.toks[i + 1].text)
            return i + 2, (1900 + y2 if y2 > 30 else 2000 + y2)
        return None

    def run(self) -> list[Match]:
        """All matches of the text, left to right, without overlaps."""
        out: list[Match] = []
        toks = self.toks
        n = self.n
        end = 0
        # Most tokens can start no expression: only these positions are tried.
        for i in [k for k, t in enumerate(toks) if t.digits or t.lower in _STARTERS]:
            if i < end:
                continue  # inside the last match
            t = toks[i]
            if t.lower in _NEEDS_KNOWN_NEXT and i + 1 < n and not toks[i + 1].digits and toks[i + 1].lower not in _KNOWN_WORDS:
                continue  # "the government", "a statement": no rule can use the next word
            try:
                m = self.match_at(i)
            except (IndexError, ValueError, OverflowError, ZeroDivisionError, TypeError, KeyError, RecursionError):
                if self.strict:
                    raise
                m = None
            if m is None or m.end <= m.start:
                continue
            out.append(m)
            self._remember(m)
            end = m.end
        return out

    def _remember(self, m: Match) -> None:
        """Keep the last mentioned day as the reference time of anchored expressions."""
        self._memo.clear()
        self._core_memo.clear()
        v = m.value
        named_day = m.type in ("DATE", "TIME") and m.end not in self.floating_ends
        if named_day and len(v) >= 10 and v[:4].isdigit() and v[5:7].isdigit() and v[8:10].isdigit():
            d = safe_date(int(v[:4]), int(v[5:7]), int(v[8:10]))
            if d is not None:
                self.ref = d
                self.ref_at = m.end
        self.last_end = m.end
        if m.type == "DURATION" and m.value in _MULTI_QUARTER_SPANS and not self._derived(m):
            self.span_at = m.end  # "the nine months": later "a year earlier" means the year before
        if m.type == "DATE":
            self.last_value = m.value
            if len(m.value) == 7 and m.value[4:6] == "-Q" and not self._derived(m) and not self._after_dct(m.value):
                self.last_quarter = m.value
                self.quarter_at = m.end

    def _after_dct(self, quarter: str) -> bool:
        """Whether a quarter ("1990-Q3") starts after the DCT: a forecast, not the quarter reported on."""
        if self.dct is None or not quarter[:4].isdigit() or not quarter[6:].isdigit():
            return False
        return (int(quarter[:4]), int(quarter[6:])) > (self.dct.year, (self.dct.month - 1) // 3 + 1)

    def quarter_context(self, i: int) -> str:
        """The quarter mentioned within the last few sentences before token i, or ""."""
        if i - self.quarter_at > _QUARTER_WINDOW or self.span_at > self.quarter_at:
            return ""
        return self.last_quarter

    def _derived(self, m: Match) -> bool:
        """Whether a match was computed from an earlier one ("a year earlier", "year-ago")."""
        return any(self.toks[k].lower in ("ago", "earlier", "comparable", "corresponding", "same", "period")
                   for k in range(m.start, m.end))

    def match_at(self, i: int) -> Match | None:
        """The longest expression starting at token i, modifiers included."""
        if i >= self.n or self._depth > _MAX_DEPTH:
            return None  # rules nest ("the early ..."): bound it for inputs like "the the the ..."
        if i in self._memo:
            return self._memo[i]
        self._depth += 1
        try:
            m = self._match_at(i)
        finally:
            self._depth -= 1
        self._memo[i] = m
        return m

    def _match_at(self, i: int) -> Match | None:
        """match_at without the nesting guard."""
        w = self.toks[i].lower
        best = self.core(i)
        prefix = _MODIFIER_RULES.get(w)
        if prefix is not None:
            for rule in prefix:
                m = rule(self, i)
                if m is not None and (best is None or m.end > best.end):
                    best = m
        if best is not None:
            tail = (self.low(best.end), self.low(best.end + 1))
            mod = lx.TAILS.get(tail)
            if mod is not None:
                best = Match(best.start, best.end + 2, best.type, best.value, best.mod or mod)
            elif (tail == ("a", "year") and self.low(best.end + 2) in ("ago", "earlier")
                  and len(best.value) == 7 and best.value[4:6] == "-Q"):
                # "the quarter a year ago": the same quarter one year back
                best = Match(best.start, best.end + 3, "DATE", quarter_shift(best.value, -4))
        return best

    def core(self, i: int) -> Match | None:
        """The longest expression starting at token i without leading modifiers."""
        if i >= self.n:
            return None
        key = (i, self._depth)  # nested rules stop at _MAX_DEPTH: a result holds for its depth only
        if key in self._core_memo:
            return self._core_memo[key]
        t = self.toks[i]
        if t.digits:
            ordinal = self.low(i + 1) in lx.ORDINAL_SUFFIXES and self.adjacent(i)  # "3rd", "20th"
            rules = _DIGIT_RULES[min(len(t.text), 5), ordinal]
        else:
            rules = _WORD_RULES.get(t.lower, ())
        if not rules and t.lower in lx.MONTH_ABBREVS:
            rules = _MONTH_RULES
        best = None
        for rule in rules:
            m = rule(self, i)
            if m is not None and (best is None or m.end > best.end):
                best = m
        self._core_memo[key] = best
        return best


def _rule_table() -> tuple[dict, tuple, tuple]:
    """Which rules may start at which first word."""
    words: dict[str, list] = {}

    def add(keys, *rules):
        for k in keys:
            words.setdefault(k, []).extend(rules)

    add(lx.MONTHS, Parser.r_month_date)
    add(lx.WEEKDAYS, Parser.r_weekday)
    add(lx.WEEKDAY_PLURALS, Parser.r_weekday)
    add(lx.DAY_OFFSETS, Parser.r_deictic_day)
    add(lx.DEICTIC_REFS, Parser.r_ref_word)
    add(lx.SET_ADVERBS, Parser.r_set_adverb)
    add(lx.RELATIVE_SHIFTS, Parser.r_relative)
    add(["'", "\u2019"], Parser.r_short_decade)
    add(lx.NUMBER_WORDS, Parser.r_quantity, Parser.r_range_quantity)
    add(["a", "an", "several", "few", "couple", "many", "some", "numerous"], Parser.r_quantity)
    add(["the"], Parser.r_the, Parser.r_quarter)
    add(lx.SPAN_WORDS, Parser.r_period)
    add(list(lx.QUARTER_ORDINALS) + list(lx.QUARTER_RELATIVES) + ["fiscal", "year"], Parser.r_quarter)
    add(["year"], Parser.r_year_ago_adj, Parser.r_year_end)
    add(["fiscal"], Parser.r_fiscal)
    add(["recent"], Parser.r_recent)
    add(["soon"], Parser.r_soon)
    add(["future"], Parser.r_future)
    add(["every", "each"], Parser.r_every)
    add(lx.UNIT_PLURALS, Parser.r_bare_units)
    add(lx.UNITS, Parser.r_bare_units)
    add(["that"], Parser.r_that)
    add(["these", "a", "as", "from", "right", "at", "then", "more"], Parser.r_phrase)
    add(["noon", "midday", "midnight"], Parser.r_clock)
    add(list(lx.HOLIDAYS) + ["new"], Parser.r_holiday)
    add(["nineteen", "eighteen", "two"], Parser.r_spelled_year)
    add(lx.ORDINALS, Parser.r_century)
    add(["q", "h"], Parser.r_short_quarter)
    add(lx.SEASONS, Parser.r_season_year)
    add(["post", "pre"], Parser.r_pre_post)
    digit_rules = (Parser.r_numeric_date, Parser.r_day_month, Parser.r_year, Parser.r_quantity,
                   Parser.r_range_quantity, Parser.r_clock, Parser.r_century, Parser.r_quarter)
    month_rules = (Parser.r_month_date,)
    by_shape = {(n, ordinal): tuple(r for r in digit_rules if _fits_digits(r, n, ordinal))
                for n in range(1, 6) for ordinal in (False, True)}
    return {k: tuple(v) for k, v in words.items()}, by_shape, month_rules


def _fits_digits(rule, length: int, ordinal: bool) -> bool:
    """Whether a rule can start at a run of `length` digits (5: five or more), followed by an ordinal suffix or
    not: a day of month or a clock hour has at most 2 digits, a counted amount at most 3 (Parser.number), a bare
    year exactly 4; a century or a quarter starts with digits only as an ordinal ("20th century", "3rd quarter")."""
    if rule in (Parser.r_century, Parser.r_quarter):
        return ordinal
    if rule in (Parser.r_day_month, Parser.r_clock):
        return length <= 2
    if rule in (Parser.r_quantity, Parser.r_range_quantity):
        return length <= 3
    if rule is Parser.r_year:
        return length == 4
    return True


# _DIGIT_RULES[n, ordinal]: the rules for a run of n digits (n = 5: five or more), followed by an ordinal suffix
# or not, in the order of the full list.
_WORD_RULES, _DIGIT_RULES, _MONTH_RULES = _rule_table()
# Rules that start with a modifier word and wrap an expression after it.
_MODIFIER_RULES: dict[str, tuple] = {}
for _w in lx.POSITION_MODS:
    _MODIFIER_RULES.setdefault(_w, ())
    _MODIFIER_RULES[_w] += (position_rule,)
_MODIFIER_RULES["the"] = (part_of_rule,)
for _words in lx.QUANTITY_MODS:
    if quantity_mod_rule not in _MODIFIER_RULES.get(_words[0], ()):
        _MODIFIER_RULES[_words[0]] = _MODIFIER_RULES.get(_words[0], ()) + (quantity_mod_rule,)
# Words at which some rule may start (digits are always tried).
_STARTERS = frozenset(_WORD_RULES) | frozenset(_MODIFIER_RULES) | frozenset(lx.MONTH_ABBREVS) | {"'", "\u2019"}


def _written_words() -> frozenset[str]:
    """Every string the tagger's tables and rules are written with, lowercased: the only words a rule can test.

    Read from the loaded modules of this package: constants in the code of every function and method, and
    the strings in module-level tables. A word a new rule compares with is thereby known without a list here.
    """
    found: set[str] = set()

    def add(obj, depth: int = 0) -> None:
        if isinstance(obj, str):
            found.add(obj.lower())
        elif isinstance(obj, types.CodeType):
            for c in obj.co_consts:
                add(c, depth)
        elif isinstance(obj, (types.FunctionType, staticmethod, classmethod)):
            add(getattr(obj, "__func__", obj).__code__, depth)
        elif isinstance(obj, dict) and depth < 6:
            for k, v in obj.items():
                add(k, depth + 1)
                add(v, depth + 1)
        elif isinstance(obj, (tuple, list, set, frozenset)) and depth < 6:
            for v in obj:
                add(v, depth + 1)

    for name, module in list(sys.modules.items()):
        if name.startswith("transforms.timex.") and module is not None:
            for value in vars(module).values():
                if isinstance(value, type) and value.__module__ == name:
                    for member in vars(value).values():
                        add(member)
                elif not isinstance(value, (type, types.ModuleType)):
                    add(value)
    return frozenset(found)


# Rules that can match only when the word after their first token is digits or a word they are written with
# (they compare the next word to their own strings and tables, and match no single token). A starter whose
# rules are all such rules is skipped when the next word is none of those: "the government", "at home".
# A rule that matches its first word alone, or reads the next word otherwise (suffix, capitals), must not be here.
_NEXT_WORD_RULES = frozenset({Parser.r_the, Parser.r_quarter, Parser.r_quantity, Parser.r_range_quantity,
                              Parser.r_phrase, Parser.r_that, Parser.r_recent, Parser.r_future,
                              part_of_rule, quantity_mod_rule})
_NEEDS_KNOWN_NEXT = frozenset(
    w for w in _STARTERS
    if w not in lx.MONTH_ABBREVS and {*_WORD_RULES.get(w, ()), *_MODIFIER_RULES.get(w, ())} <= _NEXT_WORD_RULES
)
_KNOWN_WORDS = _written_words() | _STARTERS
