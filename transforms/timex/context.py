"""Tense context of an expression: the cue words around it in its sentence."""

from __future__ import annotations

from transforms.timex import lexicon as lx


# Prepositions between a verb and the expression it dates ("agreed on Sunday").
_LINK_PREPOSITIONS = {"on", "in", "at", "by", "during", "for"}
# Tokens of a clock time ("midnight", "6:30 a.m. GMT") skipped to find the word before it.
_CLOCK_WORDS = {"midnight", "noon", "midday", ":", ".", "a", "p", "m", "am", "pm"} | lx.ZONES
# Tokens between a cue and the expression for the cue to count as near.
_NEAR = 8
# Words before a bare verb form that make it no present-tense plan ("to meet", "did not meet", "would open").
_NOT_FINITE_BEFORE = frozenset({"to", "did", "not", "n't", "would", "could", "should", "might", "may", "must", "can",
                                "cannot", "didn", "had"})
# First words of lx.FUTURE_PAIRS: only these need the next word read.
_PAIR_FIRSTS = frozenset(first for first, _ in lx.FUTURE_PAIRS)


class ContextRules:
    """Tense cues, read from the tokens around an expression (mixed into the Parser)."""

    def tense(self, i: int, end: int | None = None, broad: bool = False) -> int:
        """Tense around the expression at token i: +1 future, -1 past, 0 unknown.

        A past verb right before the expression decides first ("the truce agreed on Sunday
        will ..."), then the verb right after it ("Thursday refused"), then the nearest cue
        before it in the sentence, then the first cue after it. broad=True also
        counts "would", "effective", "through" as future (month names, where the year is open;
        for weekdays these cues do more harm than good).
        """
        self._broad = broad
        # broad: a cue close to the expression counts double (+-2: "will be signed in December")
        near = 2 if broad else 1
        j = (end if end is not None else i + 1)
        k = i - 1 - (self.low(i - 1) in _LINK_PREPOSITIONS)
        if k >= 0 and self._cue(k, before=True) < 0 and self.low(k) not in ("last", "ago", "since", "earlier"):
            return -near  # a past verb right before: "the truce agreed on Sunday will ..." (not "Sunday will")
        if j < self.n:
            cue = self._cue(j)  # the verb right after: "Thursday refused", "Friday will"
            if cue:
                return cue * near
        k = i - 1
        limit = max(0, i - 40)
        while k >= limit:
            w = self.toks[k].lower
            if w in lx.SENTENCE_END and not self._abbrev_period(k):
                break
            cue = self._cue(k, before=True)
            if cue:
                return cue * (near if i - k <= _NEAR else 1)
            k -= 1
        k = j
        limit = min(self.n, j + 15)
        while k < limit:
            w = self.toks[k].lower
            if w in lx.SENTENCE_END and not self._abbrev_period(k):
                break
            cue = self._cue(k)
            if cue:
                return cue * (near if k - j < _NEAR else 1)  # "In January, the company sold ..."
            k += 1
        return 0

    def _cue(self, k: int, before: bool = False) -> int:
        """+1 if token k marks the future, -1 the past, else 0 (before: k precedes the expression)."""
        w = self.toks[k].lower
        if (w in lx.FUTURE_WORDS or w in lx.FUTURE_WORDS_BEFORE or w == "due") and self._superseded(k):
            return -1  # "had been scheduled to expire Friday", "originally scheduled for Oct. 15": a plan already past
        if w in lx.FUTURE_WORDS or (w == "ll" and self.low(k - 1) == "'"):
            return 1
        if before and w in lx.FUTURE_WORDS_BEFORE:
            return 1
        if self._broad and w in lx.BROAD_FUTURE_WORDS:
            return 1
        if w in _PAIR_FIRSTS and (w, self.low(k + 1)) in lx.FUTURE_PAIRS:
            return 1
        if w == "would" and self.low(k + 1) == "be" and self.low(k + 2).endswith("ing"):
            return 1  # "the father would be traveling Thursday": a plan reported in the past tense
        if w in lx.PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in lx.NOT_PAST and not self._attributive(k)):
            if self.low(k - 1) in ("be", "being", "is", "are"):
                return 0  # a passive infinitive ("will be signed") or present ("is heard"): no past of its own
            return -1
        return 0

    def _attributive(self, k: int) -> bool:
        """Whether the participle at token k modifies a noun after an article ("a still unspecified date")."""
        prev = self.low(k - 1)
        if prev in ("still", "yet") or (len(prev) > 4 and prev.endswith("ly") and prev not in lx.MONTHS):
            prev = self.low(k - 2)
        return prev in ("a", "an", "the")

    def _superseded(self, k: int) -> bool:
        """Whether the plan word at token k is a past or replaced plan ("had (originally) been", "initially")."""
        before = (self.low(k - 1), self.low(k - 2), self.low(k - 3))
        if before[0] in lx.SUPERSEDED or (before[0] == "been" and before[1] in lx.SUPERSEDED):
            return True
        return before[0] == "been" and "had" in before[1:]

    def future_context(self, i: int) -> bool:
        """Whether the expression at token i speaks of the future."""
        return self.tense(i) > 0

    def scheduled_present(self, i: int) -> bool:
        """Whether a present-tense scheduled act stands right before the expression at token i ("meet separately
        Monday", "the talks open on Tuesday"): a plan, so a weekday is the coming one (guide: future, next)."""
        k = i - 1 - (self.low(i - 1) == "on")
        if k >= 1 and self.low(k).endswith("ly") and self.low(k) not in lx.MONTHS:
            k -= 1  # "meet separately Monday"
        if k < 1 or self.low(k) not in lx.SCHEDULED_PRESENT:
            return False
        return self.low(k - 1) not in _NOT_FINITE_BEFORE  # "to meet Monday", "did not meet Monday": not a plan of its own

    def onset_future(self, i: int) -> bool:
        """Whether the expression at token i starts a pledged or planned state ("agreed to a truce from Thursday").

        "from/starting/beginning/effective/as of <day>" after a commitment word in the same
        sentence points forward even when that word is in the past tense; without one it stays
        a plain date ("as of Monday, 200 had died").
        """
        i = self._clock_start(i)  # "as of midnight Thursday": the onset word comes before the clock time
        if not (self.low(i - 1) in lx.ONSET_WORDS or (self.low(i - 1) == "of" and self.low(i - 2) == "as")):
            return False
        k = i - 2
        while k >= max(0, i - 40):
            w = self.toks[k].lower
            if w in lx.SENTENCE_END and not self._abbrev_period(k):
                return False
            if w in lx.COMMITMENT_WORDS:
                return True
            k -= 1
        return False

    def _clock_start(self, i: int) -> int:
        """Where a clock time right before token i starts ("midnight", "6 a.m."), else i."""
        k = i
        while k > 0 and i - k < 6:
            t = self.toks[k - 1]
            if not ((t.digits and len(t.text) <= 2) or t.lower in _CLOCK_WORDS):
                break
            k -= 1
        return k

    def _sentence_start(self, i: int) -> bool:
        """Whether token i begins a sentence (or the text, or a quotation)."""
        k = i - 1
        if k >= 0 and self.toks[k].text in ("`", "\"", "\u201c"):
            return True  # an opening quotation mark starts a quoted sentence
        while k >= 0 and self.toks[k].text in ("'", "(", "_", "\u2019"):
            k -= 1
        return k < 0 or (self.toks[k].lower in lx.SENTENCE_END and not self._abbrev_period(k))

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
                and (prev.lower in lx.MONTH_ABBREVS or prev.lower in lx.ABBREVIATIONS))
