"""Tense context of an expression: the cue words around it in its sentence."""

from __future__ import annotations

from transforms.timex import lexicon as lx


# Tokens between a cue and the expression for the cue to count as near.
_NEAR = 8


class ContextRules:
    """Tense cues, read from the tokens around an expression (mixed into the Parser)."""

    def tense(self, i: int, end: int | None = None, broad: bool = False) -> int:
        """Tense around the expression at token i: +1 future, -1 past, 0 unknown.

        The verb right after the expression decides first ("Thursday refused"), then the
        nearest cue before it in the sentence, then the first cue after it. broad=True also
        counts "would", "effective", "through" as future (month names, where the year is open;
        for weekdays these cues do more harm than good).
        """
        self._broad = broad
        # broad: a cue close to the expression counts double (+-2: "will be signed in December")
        near = 2 if broad else 1
        j = (end if end is not None else i + 1)
        if j < self.n:
            cue = self._cue(j)  # the verb right after: "Thursday refused", "Friday will"
            if cue:
                return cue * near
        k = i - 1
        limit = max(0, i - 40)
        while k >= limit:
            w = self.toks[k].low
            if w in lx.SENTENCE_END and not self._abbrev_period(k):
                break
            cue = self._cue(k, before=True)
            if cue:
                return cue * (near if i - k <= _NEAR else 1)
            k -= 1
        k = j
        limit = min(self.n, j + 15)
        while k < limit:
            w = self.toks[k].low
            if w in lx.SENTENCE_END and not self._abbrev_period(k):
                break
            cue = self._cue(k)
            if cue:
                return cue
            k += 1
        return 0

    def _cue(self, k: int, before: bool = False) -> int:
        """+1 if token k marks the future, -1 the past, else 0 (before: k precedes the expression)."""
        w = self.toks[k].low
        if self.low(k - 1) == "been" and self.low(k - 2) == "had" and (w in lx.FUTURE_WORDS or w == "due"):
            return -1  # "had been scheduled to expire Friday": a plan already past
        if w in lx.FUTURE_WORDS or (w == "ll" and self.low(k - 1) == "'"):
            return 1
        if before and w in lx.FUTURE_WORDS_BEFORE:
            return 1
        if self._broad and w in lx.BROAD_FUTURE_WORDS:
            return 1
        if (w, self.low(k + 1)) in lx.FUTURE_PAIRS:
            return 1
        if w == "would" and self.low(k + 1) == "be" and self.low(k + 2).endswith("ing"):
            return 1  # "the father would be traveling Thursday": a plan reported in the past tense
        if w in lx.PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in lx.NOT_PAST):
            if self.low(k - 1) in ("be", "being"):
                return 0  # a passive infinitive ("will be signed"): no tense of its own
            return -1
        return 0

    def future_context(self, i: int) -> bool:
        """Whether the expression at token i speaks of the future."""
        return self.tense(i) > 0

    def _sentence_start(self, i: int) -> bool:
        """Whether token i begins a sentence (or the text, or a quotation)."""
        k = i - 1
        if k >= 0 and self.toks[k].text in ("`", "\"", "\u201c"):
            return True  # an opening quotation mark starts a quoted sentence
        while k >= 0 and self.toks[k].text in ("'", "(", "_", "\u2019"):
            k -= 1
        return k < 0 or (self.toks[k].low in lx.SENTENCE_END and not self._abbrev_period(k))

    def _abbrev_period(self, k: int) -> bool:
        """Whether the period at token k ends an abbreviation (Sept., U.S., Mr.)."""
        if k == 0:
            return False
        prev = self.toks[k - 1]
        if prev.end != self.toks[k].start:
            return False
        if len(prev.text) == 1 and prev.text.isalpha():
            return True  # "a.m.", "p.m.", "U.S."
        return (len(prev.text) <= 4 and prev.text[:1].isupper()
                and (prev.low in lx.MONTH_ABBREVS or prev.low in lx.ABBREVIATIONS))
