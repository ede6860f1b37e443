"""Word tables of the temporal tagger: month, weekday, number, unit and modifier words."""

from __future__ import annotations

from transforms.months import MONTH_ABBREVS, MONTHS  # noqa: F401 (the registry, read here as lx.MONTHS)

WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
WEEKDAY_PLURALS = {name + "s": n for name, n in WEEKDAYS.items()}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
# Vague quantities: the unit is known, the amount is not ("several years" -> PXY).
VAGUE_NUMBERS = {"several", "few", "some", "many", "couple", "numerous"}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}

# Unit word -> (ISO duration letter, is a clock unit that needs "PT").
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "week": ("W", False), "month": ("M", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False), "quarter": ("Q", False),
    "weekend": ("WE", False), "night": ("D", False),
}
UNIT_PLURALS = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
    "months": "month", "years": "year", "decades": "decade", "centuries": "century",
    "quarters": "quarter", "weekends": "weekend", "nights": "night",
}
# Units as the granularity of a relative date ("last week" -> ISO week).
CALENDAR_UNITS = {"day", "week", "month", "year", "quarter", "decade", "century", "weekend"}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# Words standing alone for a vague reference time, with the TIMEX3 value they get.
DEICTIC_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF",
    "nowadays": "PRESENT_REF", "lately": "PAST_REF",
}
DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
    "annually": "P1Y",
    "hourly": "PT1H", "biweekly": "P2W",
}

# "this/last/next" words and the shift they apply to the unit containing the DCT.
RELATIVE_SHIFTS = {
    "this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
    "following": 1, "latest": -1, "present": 0,
}

# Modifiers before a quantity, with their TIMEX3 mod. TimeML keeps most inside the TIMEX3 but
# leaves "about" and bare "almost"/"over" outside ("about [five hours]", "over [the past year]").
QUANTITY_MODS = {
    ("more", "than"): "MORE_THAN", ("less", "than"): "LESS_THAN", ("at", "least"): "EQUAL_OR_MORE",
    ("up", "to"): "EQUAL_OR_LESS", ("no", "more", "than"): "EQUAL_OR_LESS",
    ("nearly",): "APPROX", ("around",): "APPROX",
    ("approximately",): "APPROX", ("roughly",): "APPROX", ("over", "a"): "MORE_THAN",
    ("over", "an"): "MORE_THAN", ("almost", "a"): "LESS_THAN",
    ("fewer", "than"): "LESS_THAN", ("some",): "APPROX",
}
POSITION_MODS = {"early": "START", "late": "END", "mid": "MID", "earlier": "START", "later": "END"}
# "the end of X" and friends.
PART_OF_MODS = {"end": "END", "beginning": "START", "start": "START", "middle": "MID", "close": "END"}

# Before a bare "14:00" these make it a clock time.
CLOCK_PREPOSITIONS = {"at", "by", "until", "from", "before", "after", "about", "around", "to", "since"}
ZONES = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "et", "pt"}


# ---- tense cues (nearest cue around an expression wins)
SENTENCE_END = {".", "!", "?", ";"}
FUTURE_WORDS = {"will", "shall", "scheduled", "tomorrow", "upcoming", "slated", "expected", "expects"}
# Future cues only when they come before the expression ("planned to leave on Thursday",
# but "On Friday, the government planned to pay ...").
FUTURE_WORDS_BEFORE = {"planned", "planning"}
FUTURE_PAIRS = {("set", "to"), ("is", "to"), ("are", "to"), ("due", "to"), ("as", "early"), ("ahead", "of"),
                ("as", "soon"), ("won", "'"), ("is", "expected"), ("are", "expected"), ("is", "due"), ("are", "due"), ("to", "be"),
                ("takes", "effect"), ("take", "effect"), ("has", "until"), ("have", "until"),
                ("plans", "to"), ("plan", "to"), ("intends", "to"), ("intend", "to"),
                ("postponed", "until"), ("delayed", "until"), ("adjourned", "until"), ("deferred", "until")}
PAST_WORDS = {
    "was", "were", "had", "did", "said", "ago", "earlier", "last", "told", "came", "went", "took",
    "began", "rose", "fell", "bought", "sold", "made", "got", "gave", "met", "left", "brought",
    "saw", "found", "held", "paid", "won", "lost", "led", "kept", "spent", "built", "sent",
    "struck", "became", "ran", "wrote", "grew", "thought", "knew", "shot", "hit", "killed", "fled",
    "flew", "drove", "wore", "spoke", "broke", "chose", "sank", "stood", "sat", "heard", "felt",
    "fought", "caught", "taught", "sought", "meant", "dealt", "swept", "since",
}
# Words ending in -ed that are no past-tense cue.
NOT_PAST = {"scheduled", "expected", "planned", "proposed", "needed", "indeed", "proceed",
            "succeed", "exceed", "speed", "feed", "need", "united", "limited", "related",
            "based", "concerned", "interested", "supposed", "allowed", "required", "hundred"}
BROAD_FUTURE_WORDS = {"would", "effective"}
# Present-tense forms of scheduled acts: right before a weekday they tell a plan ("Arafat meets Albright Monday",
# "the talks open Tuesday"), which the guide dates to the next such day; past forms and speech verbs are not here.
SCHEDULED_PRESENT = {
    "meet", "meets", "begin", "begins", "start", "starts", "open", "opens", "resume", "resumes", "arrive",
    "arrives", "visit", "visits", "convene", "convenes", "travel", "travels", "vote", "votes", "host", "hosts",
    "return", "returns", "reopen", "reopens", "depart", "departs", "hold", "holds",
}
# Before "scheduled"/"expected" these make the plan one that was replaced ("originally scheduled").
SUPERSEDED = {"originally", "initially", "previously", "formerly"}
# Words starting a state from a day on ("a truce from Thursday", "starting Monday").
ONSET_WORDS = {"from", "starting", "beginning", "effective"}
# Commitments and plans: with an onset word they put the day ahead ("agreed to stop fighting from Thursday").
COMMITMENT_WORDS = {
    "commit", "commits", "committed", "committing", "commitment", "agree", "agrees", "agreed",
    "agreeing", "agreement", "pledge", "pledges", "pledged", "pledging", "promise", "promises",
    "promised", "promising", "vow", "vows", "vowed", "vowing", "plan", "plans", "planned",
    "planning", "decide", "decides", "decided", "decision", "announce", "announces", "announced",
    "announcing", "undertook", "undertake", "undertakes", "undertaking",
}
# Capitalised abbreviations whose period ends no sentence.
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "u", "s", "jr", "co",
                 "inc", "corp", "no"}
MODALS = {"to", "will", "would", "could", "may", "might", "can", "should", "must", "d", "ll",
          "not", "cannot", "did", "does", "do"}

# ---- words around dates
# What may precede a bare "May"/"March" for it to be a month.
PREPOSITIONS = {"in", "on", "since", "until", "till", "by", "of", "during", "through", "before",
                "after", "from", "to", "between", "and", "or", "last", "next", "this", "early",
                "late", "mid", "-", "that", "each", "every", "for", "around", "throughout",
                "past", "end", "beginning", "middle"}
CAPITALISED_ONLY_MONTHS = {"may", "march"}
# Words that make a weekday part of a newspaper's name ("the Sunday Times").
NEWSPAPER_WORDS = {"times", "telegraph", "express", "mirror", "herald", "post", "independent",
                   "mail", "observer", "tribune", "star", "people", "sport", "business", "world"}
# Month and day of fixed feasts; Thanksgiving and Easter move and are computed (resolve.holiday).
HOLIDAYS = {"christmas": (12, 25), "thanksgiving": (11, 1), "halloween": (10, 31), "easter": (4, 1),
            "election": (11, 2)}

# ---- quantities
# After a number these make it a count, not a year ("2020 percent").
NUMBER_NOUNS = {"percent", "%", "million", "billion", "people", "troops", "shares", "points",
                "dollars", "pounds", "euros", "yen", "tons", "barrels", "miles", "kilometers",
                "meters", "feet", "votes", "jobs", "members", "soldiers", "units"}
# Before "a year", these make it a rate ("$5 million a year"), not a duration.
RATE_NOUNS = {"million", "billion", "percent", "share", "cents", "dollars", "times", "trillion",
              "thousand", "hundred", "barrels", "tons", "flights", "a"}
NOT_PLURALS = {"was", "has", "is", "this", "his", "its", "as", "thus", "plus", "less", "unless",
               "across", "does", "yes", "perhaps", "always", "besides", "towards", "whereas",
               "afterwards", "nearly"}
# After "N months of", these make the quantity a sum of money ("six months of base pay").
PAY_NOUNS = {"pay", "salary", "salaries", "wages", "rent", "severance", "tuition", "compensation"}
# Words allowed between a number and its unit: "two more weeks", "eight trading days".
QUANTITY_FILLERS = {"more", "additional", "trading", "business", "working", "consecutive",
                    "straight", "full", "calendar", "extra", "further"}
# Words after an expression that belong to it: "the next year or so", "1994 or later".
TAILS = {("or", "so"): "APPROX", ("or", "later"): "ON_OR_AFTER", ("and", "beyond"): "ON_OR_AFTER",
         ("or", "earlier"): "ON_OR_BEFORE", ("or", "more"): "EQUAL_OR_MORE"}
# "the past two months", "the first nine months": DURATION with "the" inside.
SPAN_WORDS = {"past", "last", "next", "first", "coming", "previous", "final", "following",
              "initial", "latest", "remaining", "ensuing", "preceding"}

# "the current/latest/full fiscal year"
YEAR_QUALIFIERS = {"current", "latest", "last", "previous", "past", "next", "coming", "full",
                   "entire", "whole"}

# ---- quarters
QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1}
QUARTER_RELATIVES = {"latest": -1, "last": -1, "previous": -1, "recent": -1, "current": 0,
                     "this": 0, "next": 1, "coming": 1, "same": "yearago", "year-ago": "yearago",
                     "most": None, "the": None, "fiscal": None, "past": -1, "prior": -1,
                     "comparable": "yearago", "corresponding": "yearago"}

# ---- "the" + expression: which first words keep "the" inside the TIMEX3
ABSORB_STARTS = {"past", "last", "next", "following", "first", "latest", "coming", "previous",
                 "same", "current", "early", "late", "mid", "end", "final", "recent", "fiscal",
                 "year", "full", "entire", "whole", "summer", "winter", "spring", "fall",
                 "autumn", "nineties"}

# ---- fixed phrases, indexed by first word
FIXED_PHRASE_LIST = {
    ("these", "days"): ("DATE", "PRESENT_REF"), ("a", "later", "date"): ("DATE", "FUTURE_REF"),
    ("as", "soon", "as", "possible"): ("DATE", "FUTURE_REF"),
    ("from", "time", "to", "time"): ("DATE", "FUTURE_REF"), ("more", "recently"): ("DATE", "PAST_REF"),
    ("at", "present"): ("DATE", "PRESENT_REF"), ("a", "while"): ("DURATION", "PXX"),
    ("then", "current"): ("DATE", "PAST_REF"), ("then", "-", "current"): ("DATE", "PAST_REF"),
}
FIXED_PHRASES: dict[str, list] = {}
for _words, _value in FIXED_PHRASE_LIST.items():
    FIXED_PHRASES.setdefault(_words[0], []).append((_words, _value))
