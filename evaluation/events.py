"""Scorers for the event extractor: the seed article, annotated news (ours or ../shared's), recall and dates."""

from __future__ import annotations

import csv
import datetime
import json
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from evaluation.counts import Tally, bump, prf, ratio
from transforms.events.places import resolve_place
from transforms.months import MONTH_WORDS
from transforms.timex import value_to_date

Extractor = Callable[[str, "datetime.date | None"], list[dict]]


@dataclass
class Article:
    """An annotated article: id, publication date, text."""

    id: str
    published: datetime.date | None
    text: str
    domain: str = ""


class NewsScore(Tally):
    """Recall of gold day-dated events (same type, same date, overlapping evidence) and event counts.

    typed_day: same type and overlapping evidence, any date; gold_dated: gold events with any date (day, week,
    month, year); typed_all: gold events (any date) with a same-type event over their evidence; with_actor: of
    those, gold rows that name an actor.
    """

    COUNTS = """articles gold_events reported_events gold_day found_day gold_off_pub found_off_pub typed_day
                gold_dated found_dated typed_all modality_right with_actor actor_right words"""

    def __init__(self, **counts: int) -> None:
        super().__init__(**counts)
        self.seconds = 0.0  # time spent extracting
        self.misses: list[str] = []

    def as_dict(self) -> dict:
        """Figures for printing and for the baseline file."""
        return {
            "articles": self.articles,
            "gold_events": self.gold_events,
            "reported_events": self.reported_events,
            "gold_day_dated": self.gold_day,
            "recall_type_date": ratio(self.found_day, self.gold_day),
            "recall_type_date_off_publication_day": ratio(self.found_off_pub, self.gold_off_pub),
            "recall_type_any_date": ratio(self.typed_day, self.gold_day),
            "date_accuracy_of_typed": ratio(self.found_day, self.typed_day),
            "modality_agreement": ratio(self.modality_right, self.typed_all),
            "first_actor_agreement": ratio(self.actor_right, self.with_actor),
            "gold_dated_any_precision": self.gold_dated,
            "recall_type_date_any_precision": ratio(self.found_dated, self.gold_dated),
            "articles_per_s": round(self.articles / self.seconds) if self.seconds else 0,
            "words_per_s": round(self.words / self.seconds) if self.seconds else 0,
        }


def read_articles(path: Path) -> dict[str, Article]:
    """Articles of an `articles.jsonl` file (id, published, text)."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                pub = datetime.date.fromisoformat(row["published"]) if row.get("published") else None
                out[row["id"]] = Article(row["id"], pub, row["text"], row.get("domain") or "")
    return out


def read_gold(path: Path) -> list[dict]:
    """Rows of a gold events CSV (article_id, event_type, date, date_precision, ..., evidence, modality)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """True when [a0, a1) and [b0, b1) share a character."""
    return a0 < b1 and b0 < a1


def score_news_records(articles: dict[str, Article], gold: list[dict], extracted: dict[str, list[dict]]) -> NewsScore:
    """Evidence-overlap figures (recall by date precision, modality, first actor) of extracted events."""
    score = NewsScore(articles=len(articles), gold_events=len(gold))
    score.words = sum(len(a.text.split()) for a in articles.values())
    score.reported_events = sum(len(v) for v in extracted.values())
    for row in gold:
        _score_participants(score, row, articles[row["article_id"]].text, extracted[row["article_id"]])
        if row["date"]:
            first_day, _ = value_to_date(row["date"])
            art = articles[row["article_id"]]
            g0 = art.text.find(row["evidence"])
            score.gold_dated += 1
            score.found_dated += any(
                e["event_type"] == row["event_type"] and _date_text(e)[:10] == str(first_day)
                and _overlaps(e["evidence_start"], e["evidence_end"], g0, g0 + len(row["evidence"]))
                for e in extracted[row["article_id"]]
            )
    for row in gold:
        if row["date_precision"] != "day" or not row["date"]:
            continue
        art = articles[row["article_id"]]
        gold_date = datetime.date.fromisoformat(row["date"])
        g0, g1 = _gold_span(art.text, row)
        off = gold_date != art.published
        score.gold_day += 1
        score.gold_off_pub += off
        same_type = [
            e for e in extracted[row["article_id"]]
            if e["event_type"] == row["event_type"] and _overlaps(e["evidence_start"], e["evidence_end"], g0, g1)
        ]
        hit = _dated_on(same_type, gold_date.isoformat())
        score.typed_day += bool(same_type)
        score.found_day += hit
        score.found_off_pub += hit and off
        if not hit:
            got = ", ".join(f"{e['trigger']}={e['event_date']}/{e['date_basis']}" for e in same_type) or "no event of that type"
            score.misses.append(_miss(row, got))
    return score


def _score_participants(score: NewsScore, row: dict, text: str, events: list[dict]) -> None:
    """Modality and first-actor agreement for a gold row that a same-type event covers."""
    g0 = text.find(row["evidence"])
    same = [e for e in events if e["event_type"] == row["event_type"]
            and _overlaps(e["evidence_start"], e["evidence_end"], g0, g0 + len(row["evidence"]))]
    if not same:
        return
    score.typed_all += 1
    score.modality_right += any(e.get("modality") == row["modality"] for e in same)
    first = row["actors"].split(";")[0].strip().lower()
    if first:
        score.with_actor += 1
        ours = [(a if isinstance(a, str) else a.get("name", "")).lower() for e in same for a in e.get("actors") or []]
        score.actor_right += any(a and (a in first or first in a) for a in ours)


@dataclass
class SeedScore:
    """How many expected seed events are matched one-to-one with the right type, date and modality."""

    expected: int
    matched: int
    reported: int
    rows: list[str]


def date_ok(spec: str, ev: dict) -> bool:
    """True when an event's date satisfies an expected date: "" (none), "D", "<=D" or alternatives "A|B"."""
    for alt in spec.split("|"):
        alt = alt.strip()
        got = ev["event_date"]
        if not alt:
            if got is None:
                return True
        elif alt.startswith("<="):
            # An undated event (the guide's unknown) meets a bound through the latest day its report allows.
            known = got if got is not None else ev.get("on_or_before")
            if known is not None and known <= datetime.date.fromisoformat(alt[2:]):
                return True
        elif got == datetime.date.fromisoformat(alt):
            return True
    return False


def score_seed(folder: Path, extract: Extractor) -> SeedScore:
    """Match the seed's expected events one-to-one (type, date, modality, overlapping evidence)."""
    meta = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    text = meta["text"]
    published = datetime.date.fromisoformat(meta["published"])
    expected = read_gold(folder / "expected_events.csv")
    events = extract(text, published)
    candidates: list[list[int]] = []
    for row in expected:
        g0 = text.find(row["evidence"])
        g1 = g0 + len(row["evidence"])
        candidates.append([
            k for k, e in enumerate(events)
            if e["event_type"] == row["event_type"] and e["modality"] == row["modality"]
            and date_ok(row["date"], e) and _overlaps(e["evidence_start"], e["evidence_end"], g0, g1)
        ])
    assignment = _match(candidates)
    rows = []
    for i, row in enumerate(expected):
        k = assignment.get(i)
        got = f"{events[k]['trigger']!r} {events[k]['event_date']} {events[k]['date_basis']}" if k is not None else "MISSING"
        rows.append(f"{row['event_type']:12} {row['date']:24} {row['modality']:12} -> {got}")
    return SeedScore(len(expected), len(assignment), len(events), rows)


def _match(candidates: list[list[int]]) -> dict[int, int]:
    """Maximum one-to-one matching of expected rows to events (augmenting paths)."""
    owner: dict[int, int] = {}

    def attempt(i: int, seen: set[int]) -> bool:
        for k in candidates[i]:
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or attempt(owner[k], seen):
                owner[k] = i
                return True
        return False

    for i in range(len(candidates)):
        attempt(i, set())
    return {i: k for k, i in owner.items()}


# --- Trigger-level scoring against exhaustive gold (same matching as shared/eval/scoring) -------------------


def cli_events(text: str, published: datetime.date | None) -> list[dict]:
    """The records `dateline extract FILE --published D --format jsonl` prints for `text` saved as FILE."""
    from dateline.commands.extract import document_events
    from transforms.cells import json_default
    from transforms.documents import decode_bytes, parse_front_matter

    decoded = decode_bytes(text.encode("utf-8"))
    _meta, _body, offset = parse_front_matter(decoded)
    events = document_events(decoded, offset, published)
    # A JSON round trip gives the values exactly as the printed lines carry them (dates as strings).
    return [json.loads(json.dumps(e, default=json_default, ensure_ascii=False)) for e in events]


def extract_all(articles: dict[str, Article], extract: Extractor) -> tuple[dict[str, list[dict]], float]:
    """Every article's events and the seconds spent (after one warm-up call that loads tables)."""
    for a in list(articles.values())[:1]:
        extract(a.text, a.published)
    started = time.perf_counter()
    extracted = {aid: extract(a.text, a.published) for aid, a in articles.items()}
    return extracted, time.perf_counter() - started


def _date_text(event: dict) -> str:
    """An event's date as ISO text ("" when it has none)."""
    return str(event.get("event_date") or "")


def system_span(text: str, event: dict) -> tuple[int, int] | None:
    """The character span that stands for an event in day-dated recall: its first non-empty offset pair, else where its text occurs."""
    for a, b in (("evidence_start", "evidence_end"), ("sentence_start", "sentence_end"),
                 ("char_start", "char_end"), ("trigger_start", "trigger_end"), ("start", "end")):
        if isinstance(event.get(a), int) and isinstance(event.get(b), int) and event[b] > event[a]:
            return event[a], event[b]
    for key in ("evidence", "sentence", "evidence_text", "trigger"):
        s = event.get(key)
        if isinstance(s, str) and s and s in text:
            at = text.find(s)
            return at, at + len(s)
    return None


class DayRecall(Tally):
    """Gold day-dated events found by evidence overlap: any type, same type, same type and date."""

    COUNTS = "gold found_any found_typed date_right_any hit gold_off_pub hit_off_pub"

    def __init__(self, **counts: int) -> None:
        super().__init__(**counts)
        self.misses: list[str] = []

    def as_dict(self) -> dict:
        """Figures for printing and JSON."""
        return {
            "gold_day_dated": self.gold,
            "recall_type_date": ratio(self.hit, self.gold),
            "found_any_type": ratio(self.found_any, self.gold),
            "found_with_type": ratio(self.found_typed, self.gold),
            "date_right_among_found": ratio(self.date_right_any, max(self.found_any, 1)),
            "gold_day_dated_off_publication": self.gold_off_pub,
            "recall_type_date_off_publication": ratio(self.hit_off_pub, self.gold_off_pub),
        }


def day_recall(articles: dict[str, Article], gold: list[dict], extracted: dict[str, list[dict]]) -> DayRecall:
    """Recall of gold events dated to the day: a same-type event whose span overlaps the evidence and whose date is the day."""
    out = DayRecall()
    spans = {aid: [(system_span(articles[aid].text, e), e) for e in evs] for aid, evs in extracted.items()}
    for g in gold:
        if g["date_precision"] != "day":
            continue
        art = articles[g["article_id"]]
        g0, g1 = _gold_span(art.text, g)
        near = [e for sp, e in spans[g["article_id"]] if sp and sp[0] < g1 and g0 < sp[1]]
        same = [e for e in near if e.get("event_type") == g["event_type"]]
        hit = _dated_on(same, g["date"])
        off = art.published is None or g["date"] != art.published.isoformat()
        out.gold += 1
        out.found_any += bool(near)
        out.found_typed += bool(same)
        out.date_right_any += _dated_on(near, g["date"])
        out.hit += hit
        out.gold_off_pub += off
        out.hit_off_pub += hit and off
        if not hit:
            got = ", ".join(f"{e.get('trigger')}={e.get('event_type')}/{_date_text(e) or '-'}" for e in near) or "nothing over the evidence"
            out.misses.append("recall-miss " + _miss(g, got))
    return out


def _gold_span(text: str, row: dict) -> tuple[int, int]:
    """Where a gold row's evidence stands in its article; start -1 and the end kept as is when it is absent, like
    the reference scorer."""
    start = text.find(row["evidence"])
    return start, start + len(row["evidence"])


def _dated_on(events: list[dict], day: str) -> bool:
    """True when one of the events is dated on that day (ISO)."""
    return any(_date_text(e)[:10] == day for e in events)


def _miss(row: dict, got: str) -> str:
    """The report line of a gold row the extractor missed, with what it found instead."""
    return f"{row['article_id']} {row['event_type']} {row['date']} '{row['evidence'][:70]}' -> {got}"


def gold_trigger_span(text: str, row: dict) -> tuple[int, int] | None:
    """A gold event's trigger span: its trigger inside its evidence (the evidence when the trigger is not in it)."""
    at = text.find(row["evidence"])
    if at < 0:
        return None
    t = row["evidence"].lower().find(row["trigger"].lower())
    if t < 0:
        return at, at + len(row["evidence"])
    return at + t, at + t + len(row["trigger"])


def normal_name(s: str) -> str:
    """A name lower-cased, accents and punctuation dropped, spaces collapsed."""
    s = unicodedata.normalize("NFKD", s.lower())
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def system_names(event: dict) -> list[str]:
    """The normalised names of an event's actors and recipient."""
    out = []
    for key in ("actors", "recipient"):
        value = event.get(key) or []
        if isinstance(value, str):
            value = value.split(";")
        out += [normal_name(x if isinstance(x, str) else x.get("name", "")) for x in value]
    return [x for x in out if x]


def same_agent(gold_name: str, names: list[str]) -> bool:
    """True when a gold actor and one of the system names contain each other or share the gold's last word."""
    g = normal_name(gold_name)
    if not g:
        return True
    last = g.split()[-1]
    return any(g in s or s in g or last in s.split() for s in names)


# Words that name a day or a month, never a party ("Feb", "Monday", "Tuesday's"): a system actor made only of
# these (and numbers) is a date word.
DATE_WORDS = frozenset(MONTH_WORDS) | frozenset("""monday tuesday wednesday thursday friday saturday sunday today
    yesterday tomorrow tonight week weekend month year""".split())


def date_word(name: str) -> bool:
    """True for a normalised name made only of day, month and number words ("feb 19", "monday s")."""
    words = [w for w in name.split() if w != "s"]
    return bool(words) and any(w in DATE_WORDS for w in words) and all(w in DATE_WORDS or w.isdigit() for w in words)


def place_name(name: str) -> bool:
    """True for a normalised name that is a city or a region of the gazetteer (a country may stand for its
    government, a city or a region may not)."""
    place = resolve_place(name)
    return place is not None and place.precision != "country"


def actor_list_faults(gold_actors: list[str], names: list[str]) -> list[str]:
    """What is wrong with an event's actor list against a gold row's: each gold actor missing, each system actor that
    matches no gold actor (both by the agent-accuracy rule), the latter labelled date word, place or stray."""
    golds = [normal_name(g) for g in gold_actors if normal_name(g)]
    faults = [f"missing {g!r}" for g in golds if not same_agent(g, names)]
    for s in names:
        if any(same_agent(g, [s]) for g in golds):
            continue  # a place the gold names as a party ("El Fasher" besieged) is a party
        kind = "date-word" if date_word(s) else "place" if place_name(s) else "stray"
        faults.append(f"{kind} {s!r}")
    return faults


def gold_date_ok(row: dict, event: dict) -> bool:
    """The gold date is a prefix of the event's date; an undated gold event wants an unknown or publication-day date."""
    if row["date"]:
        return _date_text(event)[: len(row["date"])] == row["date"]
    return event.get("date_precision") in (None, "unknown") or event.get("date_basis") in ("publication", "unknown")


def gold_date_strict(row: dict, event: dict) -> bool:
    """As `gold_date_ok`, but an undated gold event wants an empty `event_date` (the guide's unknown), as a reader
    checks a row: a publication day given to an event the text does not date counts as wrong here."""
    if row["date"]:
        return gold_date_ok(row, event)
    return not event.get("event_date")


def match_triggers(text: str, rows: list[dict], events: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, event index) pairs of overlapping trigger spans, same-type pairs first, then in order."""
    pairs = []
    for gi, row in enumerate(rows):
        span = gold_trigger_span(text, row)
        if not span:
            continue
        for si, e in enumerate(events):
            if isinstance(e.get("trigger_start"), int) and e["trigger_start"] < span[1] and span[0] < e["trigger_end"]:
                pairs.append((-(3 if e.get("event_type") == row["event_type"] else 1), gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in sorted(pairs):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((gi, si))
    return out


class TriggerScore(Tally):
    """Trigger-level matches against exhaustive gold, by field, type and confusion."""

    # full: typed, right date and agent; actors_right: of with_agent, the whole actor list right;
    # modality_right: of typed, the gold modality (asserted, future, hypothetical, negated);
    # date_strict: of typed, the date right with an undated gold event left without a date (gold_date_strict)
    COUNTS = "gold system found typed full date_right agent_right with_agent actors_right modality_right date_strict"

    def __init__(self, **counts: int) -> None:
        super().__init__(**counts)
        self.gold_by_type: dict[str, int] = {}
        self.system_by_type: dict[str, int] = {}
        self.typed_by_type: dict[str, int] = {}
        self.confusion: dict[str, dict[str, int]] = {}  # gold type -> system type or "missed" -> n
        self.spurious: dict[str, int] = {}  # system type -> unmatched events
        self.errors: list[str] = []

    def as_dict(self) -> dict:
        """Figures for printing and JSON."""
        types = sorted(set(self.gold_by_type) | set(self.system_by_type))
        return {
            "gold_events": self.gold,
            "system_events": self.system,
            "identified": prf(self.found, self.system, self.gold),
            "typed": prf(self.typed, self.system, self.gold),
            "typed_date_agent": prf(self.full, self.system, self.gold),
            "typed_matches": self.typed,
            "date_accuracy": ratio(self.date_right, max(self.typed, 1)),
            "gold_with_agent": self.with_agent,
            "agent_accuracy": ratio(self.agent_right, max(self.with_agent, 1)),
            "actors_accuracy": ratio(self.actors_right, max(self.with_agent, 1)),
            "modality_accuracy": ratio(self.modality_right, max(self.typed, 1)),
            "strict_date_accuracy": ratio(self.date_strict, max(self.typed, 1)),
            "per_type": {t: {"gold": self.gold_by_type.get(t, 0), "system": self.system_by_type.get(t, 0),
                             "matched": self.typed_by_type.get(t, 0),
                             **prf(self.typed_by_type.get(t, 0), self.system_by_type.get(t, 0), self.gold_by_type.get(t, 0))}
                         for t in types},
            "confusion": {t: dict(sorted(row.items())) for t, row in sorted(self.confusion.items())},
            "spurious": dict(sorted(self.spurious.items())),
        }


def trigger_scores(articles: dict[str, Article], gold: list[dict], extracted: dict[str, list[dict]]) -> TriggerScore:
    """Match gold and system triggers article by article and count every field."""
    out = TriggerScore(gold=len(gold), system=sum(len(v) for v in extracted.values()))
    for row in gold:
        bump(out.gold_by_type, row["event_type"])
    for aid, art in articles.items():
        rows = [g for g in gold if g["article_id"] == aid]
        events = extracted[aid]
        for e in events:
            bump(out.system_by_type, str(e.get("event_type")))
        pairs = match_triggers(art.text, rows, [e for e in events if isinstance(e.get("trigger_start"), int)])
        with_trigger = [e for e in events if isinstance(e.get("trigger_start"), int)]
        matched_g = {gi for gi, _ in pairs}
        matched_s = {id(with_trigger[si]) for _, si in pairs}
        for gi, si in pairs:
            _score_pair(out, aid, rows[gi], with_trigger[si])
        for gi, row in enumerate(rows):
            if gi not in matched_g:
                out.confusion.setdefault(row["event_type"], {})
                bump(out.confusion[row["event_type"]], "missed")
                out.errors.append(f"missed {aid} {row['event_type']} {row['date'] or '-'} [{row['trigger']}] '{row['evidence'][:70]}'")
        for e in events:
            if id(e) not in matched_s:
                bump(out.spurious, str(e.get("event_type")))
                out.errors.append(f"spurious {aid} {e.get('event_type')} {_date_text(e) or '-'} [{e.get('trigger')}] '{str(e.get('evidence', ''))[:70]}'")
    return out


def _score_pair(out: TriggerScore, aid: str, row: dict, e: dict) -> None:
    """Count one matched gold/system pair: type, then date and agent among typed matches."""
    out.found += 1
    bump(out.confusion.setdefault(row["event_type"], {}), str(e.get("event_type")))
    if e.get("event_type") != row["event_type"]:
        out.errors.append(f"wrong-type {aid} gold={row['event_type']} system={e.get('event_type')} [{row['trigger']}] '{row['evidence'][:70]}'")
        return
    out.typed += 1
    bump(out.typed_by_type, row["event_type"])
    date_right = gold_date_ok(row, e)
    actors = [x for x in row["actors"].split(";") if x.strip()]
    agent_right = same_agent(actors[0], system_names(e)) if actors else True
    out.full += date_right and agent_right
    out.date_right += date_right
    out.date_strict += gold_date_strict(row, e)
    out.agent_right += agent_right and bool(actors)
    out.with_agent += bool(actors)
    faults = actor_list_faults(actors, system_names(e)) if actors else []
    out.actors_right += bool(actors) and not faults
    modality_right = e.get("modality") == row.get("modality", e.get("modality"))  # a set without the column agrees
    out.modality_right += modality_right
    if not modality_right:
        out.errors.append(f"wrong-modality {aid} {row['event_type']} gold={row['modality']} system={e.get('modality')}"
                          f" [{row['trigger']}] '{row['evidence'][:70]}'")
    if faults:
        out.errors.append(f"wrong-actors {aid} {row['event_type']} gold={'; '.join(a.strip() for a in actors)!r}"
                          f" system={system_names(e)} faults={'; '.join(faults)} [{row['trigger']}]")
    if not date_right:
        out.errors.append(f"wrong-date {aid} {row['event_type']} gold={row['date'] or 'unknown'} system={_date_text(e) or '-'}"
                          f"/{e.get('date_basis')} [{row['trigger']}] '{row['evidence'][:70]}'")
    if not agent_right:
        out.errors.append(f"wrong-agent {aid} {row['event_type']} gold={actors[0].strip()!r} system={system_names(e)} [{row['trigger']}]")


@dataclass
class SetReport:
    """Everything `dateline eval events` reports for one annotated news set."""

    articles: int
    seconds: float
    words: int
    recall: DayRecall
    triggers: TriggerScore
    evidence_level: NewsScore
    domains: dict[str, dict] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Figures for printing, JSON and the pinned baseline."""
        out = {"articles": self.articles, **self.recall.as_dict(), **self.triggers.as_dict()}
        out["articles_per_s"] = round(self.articles / self.seconds) if self.seconds else 0
        out["words_per_s"] = round(self.words / self.seconds) if self.seconds else 0
        extra = self.evidence_level.as_dict()
        out["evidence_level"] = {k: extra[k] for k in ("modality_agreement", "first_actor_agreement",
                                                       "gold_dated_any_precision", "recall_type_date_any_precision")}
        if self.domains:
            out["domains"] = self.domains
        return out

    def error_lines(self) -> list[str]:
        """Misses, wrong types, wrong dates, wrong agents and spurious events, one per line."""
        return [" ".join(line.split()) for line in self.recall.misses + self.triggers.errors]  # quoted text may hold newlines


def headline(recall: DayRecall, triggers: TriggerScore) -> dict:
    """The figures given per news2 domain: recall and the trigger measures without per-type detail."""
    t = triggers.as_dict()
    return {"gold_events": triggers.gold, "system_events": triggers.system, **recall.as_dict(),
            **{k: t[k] for k in ("identified", "typed", "typed_date_agent", "date_accuracy", "agent_accuracy", "actors_accuracy",
                                    "modality_accuracy", "strict_date_accuracy", "gold_with_agent")}}


GOLD_COLUMNS = ("article_id", "event_type", "date", "date_precision", "trigger", "actors", "evidence")


def evaluate_set(folder: Path, extract: Extractor | None = None) -> SetReport:
    """Score an annotated set (articles.jsonl, gold_events.csv) every way; per domain when articles carry one."""
    extract = extract or cli_events
    articles = read_articles(folder / "articles.jsonl")
    gold = read_gold(folder / "gold_events.csv")
    missing = [c for c in GOLD_COLUMNS if gold and c not in gold[0]]
    if missing:
        raise ValueError(f"{folder / 'gold_events.csv'}: missing column(s) {', '.join(missing)}")
    unknown = sorted({g["article_id"] for g in gold} - set(articles))
    if unknown:
        raise ValueError(f"{folder / 'gold_events.csv'}: article ids not in articles.jsonl: {', '.join(unknown[:5])}")
    extracted, seconds = extract_all(articles, extract)
    report = SetReport(len(articles), seconds, sum(len(a.text.split()) for a in articles.values()),
                       day_recall(articles, gold, extracted), trigger_scores(articles, gold, extracted),
                       score_news_records(articles, gold, extracted))
    for domain in sorted({a.domain for a in articles.values() if a.domain}):
        sub = {aid: a for aid, a in articles.items() if a.domain == domain}
        rows = [g for g in gold if g["article_id"] in sub]
        ev = {aid: extracted[aid] for aid in sub}
        report.domains[domain] = {"articles": len(sub), **headline(day_recall(sub, rows, ev), trigger_scores(sub, rows, ev))}
    return report


# --- Pinned figures (evaluation/baselines/events.json) and the gate's comparison ---------------------------

BASELINE_FILE = Path(__file__).resolve().parent / "baselines" / "events.json"
PIN_COMMAND = ("dateline eval events --own tests/fixtures/events --seed ../shared/seed --news ../shared/eval/news "
               "--news2 ../shared/eval/news2 --meantime ../shared/eval/meantime --timeml ../shared/eval/timeml --pin")
DEFAULT_TOLERANCE = 0.02


def pin_figures(figures: dict) -> dict:
    """The figures the gate holds for one set: headline measures of a news set, matches of the seed, anchoring rates."""
    if "matched" in figures:
        return {"matched": figures["matched"]}
    if "anchored_gold_events" in figures:
        return {k: figures[k] for k in ("report_rate", "date_accuracy", "date_accuracy_off_publication")}
    out = {"recall_type_date": figures["recall_type_date"], "identified_f1": figures["identified"]["f1"],
           "typed_f1": figures["typed"]["f1"], "typed_date_agent_f1": figures["typed_date_agent"]["f1"],
           "date_accuracy": figures["date_accuracy"], "agent_accuracy": figures["agent_accuracy"],
           "actors_accuracy": figures["actors_accuracy"],
           "recall_type_date_any_precision": figures["evidence_level"]["recall_type_date_any_precision"]}
    for domain, d in figures.get("domains", {}).items():
        out[f"{domain}: recall_type_date"] = d["recall_type_date"]
        out[f"{domain}: typed_f1"] = d["typed"]["f1"]
    return out


def read_baseline(path: Path = BASELINE_FILE) -> dict:
    """The pinned-figures file (an empty skeleton when it does not exist yet)."""
    if not path.exists():
        return {"tolerance": DEFAULT_TOLERANCE, "sets": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def write_pins(path: Path, sets: dict[str, tuple[str, dict]], extractor_version: str) -> list[str]:
    """Replace the pins of the given sets (name -> (corpus folder, figures)), keep the others, save; the names pinned."""
    old = read_baseline(path)
    base = {"tolerance": old.get("tolerance", DEFAULT_TOLERANCE)}
    base["note"] = ("Figures the gate (tests/evaluation/test_events_gate.py) holds: a set may not fall below its pins "
                    "by more than the tolerance. 'own' runs in CI; the others only where their corpus folder exists.")
    base["update"] = PIN_COMMAND
    base["extractor_version"] = extractor_version
    pins = dict(old.get("sets", {}))
    if "meantime+timeml" in sets:  # the pair is held as one set, the way the issue states its goal
        sets = {k: v for k, v in sets.items() if k not in ("meantime", "timeml")}
    for name, (corpus, figures) in sets.items():
        pins[name] = {"corpus": corpus, "figures": pin_figures(figures)}
    base["sets"] = dict(sorted(pins.items()))
    path.write_text(json.dumps(base, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return list(sets)
