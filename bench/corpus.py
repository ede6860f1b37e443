"""A synthetic news corpus with known (gold) events, deterministic by seed, streamed record by record.

Every article is built from its own random generator, seeded by (seed, index): article 7 of seed 1 is
the same whether 10 or 1,000,000 articles are made, and batches can be written without holding the
corpus in memory. Templates and vocabularies are our own; places and countries are real, outlets,
people and most organisations are invented.

    from bench.corpus import iter_articles, write_jsonl
    for record in iter_articles(100, seed=1): ...
    write_jsonl("corpus.jsonl", 10_000, seed=1)
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from transforms.months import MONTH_NAMES

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

OUTLETS = [("Meridian Wire", "meridian-wire.test"), ("Harbor Post", "harbor-post.test"),
           ("Northline News", "northline.test"), ("Continental Daily", "continental-daily.test"),
           ("Lantern Review", "lantern-review.test"), ("Equator Times", "equator-times.test"),
           ("Ridgeway Dispatch", "ridgeway.test"), ("Bluewater Herald", "bluewater-herald.test")]

# (city, country) pairs: real places, so that the place resolver has something to find.
PLACES = [("Nairobi", "Kenya"), ("Jakarta", "Indonesia"), ("Oslo", "Norway"), ("Lima", "Peru"),
          ("Accra", "Ghana"), ("Warsaw", "Poland"), ("Santiago", "Chile"), ("Cairo", "Egypt"),
          ("Ottawa", "Canada"), ("Osaka", "Japan"), ("Geneva", "Switzerland"), ("Brussels", "Belgium"),
          ("Addis Ababa", "Ethiopia"), ("Doha", "Qatar"), ("Manila", "Philippines"), ("Hanoi", "Vietnam"),
          ("Dakar", "Senegal"), ("Tbilisi", "Georgia"), ("Bogota", "Colombia"), ("Lagos", "Nigeria"),
          ("Kampala", "Uganda"), ("Amman", "Jordan"), ("Baku", "Azerbaijan"), ("Lisbon", "Portugal"),
          ("Vienna", "Austria"), ("Seoul", "South Korea"), ("Dhaka", "Bangladesh"), ("Quito", "Ecuador"),
          ("Rabat", "Morocco"), ("Helsinki", "Finland"), ("Tunis", "Tunisia"), ("Lusaka", "Zambia")]
ORGANISATIONS = ["the African Union", "the United Nations", "the European Commission", "the World Bank",
                 "the Red Cross", "the Coastal Alliance", "the Northern Reform Party", "the Workers' Federation",
                 "the Civic Renewal movement", "the Regional Security Council", "the Grain Exporters' Union",
                 "the Inland Water Authority"]
FIRST_NAMES = ["Amina", "Tomas", "Leila", "Kwame", "Ingrid", "Rafael", "Mei", "Dariusz", "Nadia", "Oluwaseun",
               "Sofia", "Hiroshi", "Carmen", "Yusuf", "Greta", "Mateo", "Priya", "Viktor", "Zanele", "Elif"]
LAST_NAMES = ["Okafor", "Lindqvist", "Haddad", "Mensah", "Baranski", "Quispe", "Tanaka", "Moreau", "Castillo",
              "Nyambura", "Kowalczyk", "Rahman", "Solberg", "Duarte", "Aziz", "Varga", "Ndlovu", "Petrova"]
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "Interior Minister",
         "Trade Minister", "Health Minister", "opposition leader", "Finance Minister"]
TOPICS = ["border security", "grain exports", "a new rail corridor", "water sharing on the river",
          "the fishing dispute", "refugee returns", "energy prices", "a regional trade pact", "port fees",
          "vaccine supplies", "the debt restructuring", "election monitoring"]
TARGETS = ["market", "police station", "checkpoint", "fuel depot", "convoy", "bridge", "military base"]
ISSUES = ["fuel prices", "the new labour law", "cuts to school funding", "rising bread prices",
          "the mining licence", "delays in the vote count", "water shortages"]
ROLES_NEW = ["central bank governor", "army chief", "special envoy", "chief negotiator", "interior minister"]

# event type -> (trigger, template); slots: {A} {B} actors, {P} city, {D} date phrase, {Q} quantity,
# {T} topic, {X} target, {I} issue, {R} role, {N} person. Each sentence states exactly one event.
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "meeting": [("met", "{A} and {B} met in {P} {D} to discuss {T}."),
                ("talks", "{A} held talks with {B} in {P} {D} on {T}."),
                ("summit", "Leaders from {A} and {B} gathered for a summit in {P} {D}.")],
    "statement": [("said", "{A} said {D} that {T} remained its first priority."),
                  ("told", "{N} told reporters in {P} {D} that the government would review {T}.")],
    "announcement": [("announced", "{A} announced {D} a fund of {Q} for {T}."),
                     ("unveiled", "{A} unveiled {D} a plan to expand {T}.")],
    "pledge": [("pledged", "{A} pledged {Q} {D} to support {T}."),
               ("promised", "{A} promised {D} to send {Q} to {P}.")],
    "agreement": [("signed", "{A} and {B} signed an agreement on {T} in {P} {D}."),
                  ("agreed", "{A} agreed {D} to a framework with {B} covering {T}.")],
    "appointment": [("appointed", "{A} appointed {N} as its new {R} {D}."),
                    ("named", "{A} named {N} {R} {D}.")],
    "deployment": [("deployed", "{A} deployed {Q} to the border near {P} {D}."),
                   ("dispatched", "{A} dispatched {Q} to {P} {D}.")],
    "attack": [("attacked", "Gunmen attacked a {X} near {P} {D}, killing {Q}."),
               ("struck", "A drone struck a {X} outside {P} {D}.")],
    "protest": [("marched", "About {Q} marched through central {P} {D} against {I}."),
                ("rally", "Thousands joined a rally in {P} {D} to oppose {I}.")],
    "request": [("urged", "{A} urged {B} {D} to reopen talks on {T}."),
                ("requested", "{A} formally requested {Q} from {B} {D}.")],
    "rejection": [("rejected", "{A} rejected {D} a proposal from {B} on {T}."),
                  ("refused", "{A} refused {D} to join the new round of talks on {T}.")],
    "accusation": [("accused", "{A} accused {B} {D} of blocking progress on {T}."),
                   ("blamed", "{A} blamed {B} {D} for the collapse of talks on {T}.")],
    "threat": [("threatened", "{A} threatened {D} to suspend cooperation with {B} on {T}."),
               ("warned", "{A} warned {B} {D} against any move on {T}.")],
    "aid": [("donated", "{A} donated {Q} {D} to families in {P}."),
            ("assistance", "Emergency assistance worth {Q} from {A} reached {P} {D}.")],
    "sanction": [("sanctions", "{A} imposed sanctions on {B} {D} over {T}."),
                 ("embargo", "{A} ordered an arms embargo on {B} {D}.")],
    "arrest": [("arrested", "Police in {P} arrested {Q} {D} after clashes over {I}."),
               ("detained", "Security forces detained {N} in {P} {D}.")],
    "retreat": [("withdrew", "{A} withdrew {Q} from {P} {D}."),
                ("ceasefire", "A ceasefire between {A} and {B} began in {P} {D}.")],
    "vote": [("voted", "Voters in {P} voted {D} in a referendum on {I}."),
             ("election", "{A} held a regional election in {P} {D}.")],
}
FUTURE_TEMPLATES = [("meeting", "meet", "{A} will meet {B} in {P} {D} to discuss {T}."),
                    ("vote", "vote", "Parliament in {P} is expected to vote {D} on {I}."),
                    ("deployment", "deploy", "{A} plans to deploy {Q} to {P} {D}.")]
QUANTITIES = {
    "people": ["{n} people", "{n} protesters", "{n} civilians", "{n} workers"],
    "troops": ["{n} troops", "{n} soldiers", "{n} police officers", "{n} medical staff"],
    "money": ["${n} million", "{n} million euros", "${n} billion"],
    "goods": ["{n} tonnes of grain", "{n} trucks of food", "{n} generators"],
}
QUANTITY_KIND = {"announcement": "money", "pledge": "money", "deployment": "troops", "attack": "people",
                 "protest": "people", "request": "goods", "aid": "money", "arrest": "people", "retreat": "troops"}

# Background sentences that state no new dated event.
NOISE = [
    "The {P} region has long depended on {T} for jobs and revenue.",
    "Analysts in {P} expect {T} to stay near the top of the agenda for much of the year.",
    "Residents of {P} have grown used to long queues at fuel stations and markets.",
    "Prices for basic goods in {P} are {n} percent higher than a year earlier, according to official figures.",
    "The dispute over {T} dates back more than a decade and has outlasted several governments.",
    "Diplomats describe the relationship between {A} and {B} as cautious but practical.",
    "Local businesses in {P} say uncertainty over {T} has slowed investment.",
    "The government in {C} has a thin majority in parliament and faces pressure from its coalition partners.",
    "Observers note that {T} rarely moves quickly, and that earlier rounds produced few concrete results.",
    "Roughly {n} percent of households in {P} rely on remittances from relatives abroad.",
    "The river that runs through {P} supplies water to more than {n},000 farms downstream.",
    "Opposition figures in {C} have questioned the cost of the programme and the speed of its roll-out.",
    "Schools and clinics in the outer districts of {P} remain short of staff.",
    "The main highway linking {P} with the coast is in poor repair after heavy rains.",
    "Economists caution that the figures for {T} are preliminary and may be revised.",
    "Few details of the discussions on {T} were made public.",
    "{A} is one of the largest trading partners of {B}, with annual trade of about ${n} billion.",
    "The currency of {C} has lost about {n} percent of its value against the dollar.",
]


def _fill(template: str, slots: dict[str, str]) -> str:
    """Substitute the slots a template uses."""
    return template.format_map(slots)


class _Article:
    """The state of one article being generated: its random generator, publication day and cast."""

    def __init__(self, seed: int, index: int):
        self.rng = random.Random(f"dateline-bench:{seed}:{index}")
        self.index = index
        self.seed = seed
        span = (LAST_DAY - FIRST_DAY).days
        self.published = FIRST_DAY + dt.timedelta(days=self.rng.randrange(span))
        self.place, self.country = self.rng.choice(PLACES)
        other_places = [p for p in PLACES if p[1] != self.country]
        self.places = [(self.place, self.country)] + self.rng.sample(other_places, 3)
        self.countries = [c for _, c in self.places]
        self.people = [f"{self.rng.choice(ROLES)} {self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
                       for _ in range(3)]
        self.topic = self.rng.choice(TOPICS)

    def actor(self, exclude: str | None = None) -> str:
        """A country, organisation or person of this article's cast."""
        rng = self.rng
        while True:
            kind = rng.random()
            if kind < 0.55:
                name = rng.choice(self.countries)
            elif kind < 0.75:
                name = rng.choice(ORGANISATIONS)
            else:
                name = rng.choice(self.people)
            if name != exclude:
                return name

    def quantity(self, etype: str) -> str:
        """A number with a unit that suits the event type."""
        kind = QUANTITY_KIND.get(etype, "goods")
        n = self.rng.choice([12, 40, 75, 120, 300, 450, 800, 1200, 2500, 5000])
        if kind == "money":
            n = self.rng.choice([2, 5, 15, 40, 120, 250])
        return self.rng.choice(QUANTITIES[kind]).format(n=f"{n:,}")

    def past_date(self) -> tuple[str, dt.date, str]:
        """A date phrase for a past event, its gold first day and precision (day or month)."""
        rng, pub = self.rng, self.published
        roll = rng.random()
        if roll < 0.35:  # a weekday of the past week
            back = rng.randint(1, 6)
            day = pub - dt.timedelta(days=back)
            return f"on {WEEKDAYS[day.weekday()]}", day, "day"
        if roll < 0.45:
            return "yesterday", pub - dt.timedelta(days=1), "day"
        if roll < 0.55:
            return "today", pub, "day"
        if roll < 0.9:  # an explicit day within the last six weeks
            day = pub - dt.timedelta(days=rng.randint(1, 42))
            if day.year != pub.year:
                return f"on {MONTH_ABBR[day.month - 1]} {day.day}, {day.year}", day, "day"
            style = rng.random()
            if style < 0.5:
                return f"on {MONTH_ABBR[day.month - 1]} {day.day}", day, "day"
            if style < 0.8:
                return f"on {day.day} {MONTH_NAMES[day.month - 1]}", day, "day"
            return f"on {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}", day, "day"
        month_start = (pub.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        if month_start.year != pub.year:
            return f"in {MONTH_NAMES[month_start.month - 1]} {month_start.year}", month_start, "month"
        return f"in {MONTH_NAMES[month_start.month - 1]}", month_start, "month"

    def future_date(self) -> tuple[str, dt.date, str]:
        """A date phrase for a planned event: next weekday or an explicit later day."""
        rng, pub = self.rng, self.published
        if rng.random() < 0.5:
            ahead = 7 - pub.weekday() + rng.randint(0, 6)  # a day of next week
            day = pub + dt.timedelta(days=ahead)
            return f"next {WEEKDAYS[day.weekday()]}", day, "day"
        day = pub + dt.timedelta(days=rng.randint(3, 30))
        if day.year != pub.year:
            return f"on {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}", day, "day"
        return f"on {MONTH_NAMES[day.month - 1]} {day.day}", day, "day"

    def slots(self, etype: str, date_phrase: str) -> tuple[dict[str, str], list[str], str, str | None]:
        """Slot values for one event sentence, its actors, place and quantity."""
        rng = self.rng
        a = self.actor()
        b = self.actor(exclude=a)
        place = rng.choice(self.places)[0]
        qty = self.quantity(etype)
        slots = {"A": a, "B": b, "P": place, "D": date_phrase, "Q": qty, "T": rng.choice([self.topic, *TOPICS]),
                 "X": rng.choice(TARGETS), "I": rng.choice(ISSUES), "R": rng.choice(ROLES_NEW),
                 "N": rng.choice(self.people), "C": self.country, "n": str(rng.randint(3, 60))}
        return slots, [a, b], place, qty

    def event_sentence(self, future: bool = False) -> tuple[str, dict]:
        """One sentence stating one event, and its gold record."""
        rng = self.rng
        if future:
            etype, trigger, template = rng.choice(FUTURE_TEMPLATES)
            phrase, day, precision = self.future_date()
        else:
            etype = rng.choice(list(TEMPLATES))
            trigger, template = rng.choice(TEMPLATES[etype])
            phrase, day, precision = self.past_date()
        slots, pair, place, qty = self.slots(etype, phrase)
        sentence = _fill(template, slots)
        if sentence[0].islower():
            sentence = sentence[0].upper() + sentence[1:]
        actors = [x for x, key in zip(pair, "AB") if "{" + key + "}" in template]
        if "{N}" in template:
            actors.append(slots["N"])
        gold = {
            "type": etype, "trigger": trigger, "date": day.isoformat(), "precision": precision,
            "time_text": phrase, "modality": "future" if future else "asserted", "actors": actors,
            "place": place if "{P}" in template else None, "quantity": qty if "{Q}" in template else None,
            "sentence": sentence,
        }
        return sentence, gold

    def noise_sentence(self) -> str:
        """One background sentence."""
        rng = self.rng
        a, b = rng.sample(self.countries, 2)
        slots = {"P": rng.choice(self.places)[0], "T": self.topic, "A": a, "B": b,
                 "C": self.country, "n": str(rng.randint(3, 60))}
        return _fill(rng.choice(NOISE), slots)

    def build(self) -> dict:
        """The whole record: metadata, text and gold events."""
        rng = self.rng
        gold: list[dict] = []
        paragraphs: list[str] = []
        for p in range(rng.randint(7, 12)):
            sentences: list[str] = []
            if p == 0 or rng.random() < 0.6:
                for _ in range(rng.randint(1, 2)):
                    text, g = self.event_sentence(future=rng.random() < 0.08)
                    sentences.append(text)
                    gold.append(g)
            for _ in range(rng.randint(2, 4) if p else 1):
                sentences.append(self.noise_sentence())
            paragraphs.append(" ".join(sentences))
        outlet, domain = rng.choice(OUTLETS)
        pub = self.published
        if rng.random() < 0.5:  # a wire dateline: "NAIROBI, March 4 (Outlet) – "
            paragraphs[0] = f"{self.place.upper()}, {MONTH_ABBR[pub.month - 1]} {pub.day} ({outlet}) – {paragraphs[0]}"
        first = gold[0]
        title = f"{first['actors'][0] if first['actors'] else self.place}: {first['type']} in {first['place'] or self.place}"
        slug = f"{first['type']}-{self.place.lower().replace(' ', '-')}-{self.index}"
        return {
            "id": f"bench-{self.seed}-{self.index}",
            "url": f"https://{domain}/{pub.year}/{pub.month:02d}/{pub.day:02d}/{slug}",
            "title": title[:1].upper() + title[1:],
            "source": outlet,
            "published": pub.isoformat(),
            "text": "\n\n".join(paragraphs),
            "gold": gold,
        }


def make_article(seed: int, index: int) -> dict:
    """Article number `index` of the corpus with this seed (independent of corpus size)."""
    return _Article(seed, index).build()


def iter_articles(n: int, seed: int = 1, start: int = 0) -> Iterator[dict]:
    """Articles start .. start+n-1, one at a time (memory stays flat for any n)."""
    for index in range(start, start + n):
        yield make_article(seed, index)


def write_jsonl(path: str | Path, n: int, seed: int = 1, batch_size: int = 1000, gold: bool = True) -> int:
    """Write n articles as JSONL in batches of lines; return the bytes written."""
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        batch: list[str] = []
        for record in iter_articles(n, seed):
            if not gold:
                record.pop("gold")
            batch.append(json.dumps(record, ensure_ascii=False) + "\n")
            if len(batch) >= batch_size:
                chunk = "".join(batch)
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                batch.clear()
        if batch:
            chunk = "".join(batch)
            out.write(chunk)
            written += len(chunk.encode("utf-8"))
    return written
