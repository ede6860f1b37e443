"""Scorers for the event extractor: the seed article, annotated news (ours or ../shared's), recall and dates."""

from __future__ import annotations

import csv
import datetime
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from transforms.timex import value_to_date

Extractor = Callable[[str, "datetime.date | None"], list[dict]]


@dataclass
class Article:
    """An annotated article: id, publication date, text."""

    id: str
    published: datetime.date | None
    text: str


@dataclass
class NewsScore:
    """Recall of gold day-dated events (same type, same date, overlapping evidence) and event counts."""

    articles: int = 0
    gold_events: int = 0
    reported_events: int = 0
    gold_day: int = 0
    found_day: int = 0
    gold_off_pub: int = 0
    found_off_pub: int = 0
    typed_day: int = 0  # same type and overlapping evidence, any date
    gold_dated: int = 0  # gold events with any date (day, week, month, year)
    found_dated: int = 0
    typed_all: int = 0  # gold events (any date) with a same-type event over their evidence
    modality_right: int = 0
    with_actor: int = 0  # of those, gold rows that name an actor
    actor_right: int = 0
    seconds: float = 0.0  # time spent extracting
    words: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Figures for printing and for the baseline file."""
        return {
            "articles": self.articles,
            "gold_events": self.gold_events,
            "reported_events": self.reported_events,
            "gold_day_dated": self.gold_day,
            "recall_type_date": _ratio(self.found_day, self.gold_day),
            "recall_type_date_off_publication_day": _ratio(self.found_off_pub, self.gold_off_pub),
            "recall_type_any_date": _ratio(self.typed_day, self.gold_day),
            "date_accuracy_of_typed": _ratio(self.found_day, self.typed_day),
            "modality_agreement": _ratio(self.modality_right, self.typed_all),
            "first_actor_agreement": _ratio(self.actor_right, self.with_actor),
            "gold_dated_any_precision": self.gold_dated,
            "recall_type_date_any_precision": _ratio(self.found_dated, self.gold_dated),
            "articles_per_s": round(self.articles / self.seconds) if self.seconds else 0,
            "words_per_s": round(self.words / self.seconds) if self.seconds else 0,
        }


def _ratio(a: int, b: int) -> float:
    """a/b rounded, 0 when b is 0."""
    return round(a / b, 3) if b else 0.0


def read_articles(path: Path) -> dict[str, Article]:
    """Articles of an `articles.jsonl` file (id, published, text)."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                pub = datetime.date.fromisoformat(row["published"]) if row.get("published") else None
                out[row["id"]] = Article(row["id"], pub, row["text"])
    return out


def read_gold(path: Path) -> list[dict]:
    """Rows of a gold events CSV (article_id, event_type, date, date_precision, ..., evidence, modality)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """True when [a0, a1) and [b0, b1) share a character."""
    return a0 < b1 and b0 < a1


def score_news(folder: Path, extract: Extractor) -> NewsScore:
    """Score `extract` on a folder with articles.jsonl and gold_events.csv (gold evidence is a substring)."""
    articles = read_articles(folder / "articles.jsonl")
    gold = read_gold(folder / "gold_events.csv")
    score = NewsScore(articles=len(articles), gold_events=len(gold))
    for a in list(articles.values())[:1]:
        extract(a.text, a.published)  # load the place tables (once per process) before the clock starts
    started = time.perf_counter()
    extracted = {aid: extract(a.text, a.published) for aid, a in articles.items()}
    score.seconds = time.perf_counter() - started
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
                e["event_type"] == row["event_type"] and e["event_date"] == first_day
                and _overlaps(e["evidence_start"], e["evidence_end"], g0, g0 + len(row["evidence"]))
                for e in extracted[row["article_id"]]
            )
    for row in gold:
        if row["date_precision"] != "day" or not row["date"]:
            continue
        art = articles[row["article_id"]]
        gold_date = datetime.date.fromisoformat(row["date"])
        g0 = art.text.find(row["evidence"])
        g1 = g0 + len(row["evidence"])
        off = gold_date != art.published
        score.gold_day += 1
        score.gold_off_pub += off
        same_type = [
            e for e in extracted[row["article_id"]]
            if e["event_type"] == row["event_type"] and _overlaps(e["evidence_start"], e["evidence_end"], g0, g1)
        ]
        hit = any(e["event_date"] == gold_date for e in same_type)
        score.typed_day += bool(same_type)
        score.found_day += hit
        score.found_off_pub += hit and off
        if not hit:
            got = ", ".join(f"{e['trigger']}={e['event_date']}/{e['date_basis']}" for e in same_type) or "no event of that type"
            score.misses.append(f"{row['article_id']} {row['event_type']} {row['date']} '{row['evidence'][:70]}' -> {got}")
    return score


def _score_participants(score: NewsScore, row: dict, text: str, events: list[dict]) -> None:
    """Modality and first-actor agreement for a gold row that a same-type event covers."""
    g0 = text.find(row["evidence"])
    same = [e for e in events if e["event_type"] == row["event_type"]
            and _overlaps(e["evidence_start"], e["evidence_end"], g0, g0 + len(row["evidence"]))]
    if not same:
        return
    score.typed_all += 1
    score.modality_right += any(e["modality"] == row["modality"] for e in same)
    first = row["actors"].split(";")[0].strip().lower()
    if first:
        score.with_actor += 1
        ours = [a.lower() for e in same for a in e["actors"]]
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
            if got is not None and got <= datetime.date.fromisoformat(alt[2:]):
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
