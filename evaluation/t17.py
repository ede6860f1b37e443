"""Timeline17 scorer behind `dateline eval t17`: date selection F1 against journalist timelines.

A topic folder holds `articles.jsonl` (`article_id`, `pub_date`, `text`, tokenised with spaces
around punctuation) and `gold_events.csv` (`timeline_id, date, sent_idx, text`). The pipeline runs
on the articles alone; for each gold timeline we keep as many ranked dates as it has and score them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from dataclasses import dataclass, field

# Penn Treebank bracket tokens and quote marks as they appear in the corpus.
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "'S", "N'T")
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "...", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})


@dataclass
class Topic:
    """One Timeline17 topic: its articles and its gold timelines (timeline id -> set of days)."""

    name: str
    articles: list[dict]
    timelines: dict[str, set[dt.date]]


def detokenise(text: str) -> str:
    """Undo the corpus tokenisation: brackets, quotes, clitics and spaces before punctuation."""
    lines = []
    for line in text.split("\n"):
        out: list[str] = []
        quote_open = False
        glue = False  # the next token attaches to the previous one
        for tok in line.split():
            tok = _BRACKETS.get(tok, tok)
            attach = glue or not out
            if tok == '"':
                quote_open = not quote_open
                if not quote_open:
                    attach = True
            elif tok in _NO_SPACE_BEFORE or tok.startswith(_CLITICS):
                attach = True
            out.append(tok if attach else " " + tok)
            glue = tok in _NO_SPACE_AFTER or (tok == '"' and quote_open)
        lines.append("".join(out).strip())
    return "\n".join(line for line in lines if line)


def read_topic(folder: str) -> Topic:
    """Read a topic folder; raise ValueError with a short reason when it is not one."""
    arts_path = os.path.join(folder, "articles.jsonl")
    gold_path = os.path.join(folder, "gold_events.csv")
    for path in (arts_path, gold_path):
        if not os.path.isfile(path):
            raise ValueError(f"{path}: missing (not a Timeline17 topic folder)")
    articles = []
    with open(arts_path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                articles.append({"id": record["article_id"], "published": record["pub_date"],
                                 "text": detokenise(record["text"])})
            except (json.JSONDecodeError, KeyError) as exc:
                raise ValueError(f"{arts_path}:{n}: bad record ({exc})") from None
    timelines: dict[str, set[dt.date]] = {}
    with open(gold_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                timelines.setdefault(row["timeline_id"], set()).add(dt.date.fromisoformat(row["date"]))
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{gold_path}: bad row ({exc})") from None
    return Topic(os.path.basename(os.path.normpath(folder)), articles, timelines)


def date_scores(predicted: list[dt.date], gold: set[dt.date]) -> tuple[float, float, float]:
    """Precision, recall and F1 of a set of predicted days against the gold days."""
    hits = len(set(predicted) & gold)
    p = hits / len(set(predicted)) if predicted else 0.0
    r = hits / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pipeline_in_memory(records: list[dict]) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """What `dateline run` makes of JSONL records (`id`, `published`, `text`): articles, mentions, events, dates.

    The same pure steps as the flow (read record, normalise, mark duplicates, extract, merge) without
    the lake, so that scoring 700 articles takes seconds.
    """
    from transforms.articles import make_article
    from transforms.deduplication import mark_duplicates
    from transforms.documents import RawDocument, document_from_record
    from transforms.mentions import extract_article_rows
    from transforms.merging import merge_mentions

    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    for n, record in enumerate(records, 1):
        doc = document_from_record(record, f"articles.jsonl:{n}", "")
        if isinstance(doc, RawDocument):
            rows.append(make_article(doc, now, "t17"))
    articles = mark_duplicates(rows, set(), {})
    mentions, dates = [], []
    for a in articles:
        if a["duplicate_of"] is None:
            found, days = extract_article_rows(a, "t17")
            mentions += found
            dates += days
    assignment, events = merge_mentions(mentions)
    for m in mentions:
        m["event_id"] = assignment[m["mention_id"]]
    return articles, mentions, events, dates


def publication_counts(articles: list[dict]) -> dict[dt.date, int]:
    """Original articles per publication day (the coverage volume the ranking damps by)."""
    counts: dict[dt.date, int] = {}
    for a in articles:
        if a.get("duplicate_of") is None and a.get("published_at"):
            counts[a["published_at"]] = counts.get(a["published_at"], 0) + 1
    return counts


@dataclass
class TopicResult:
    """Scores of one topic: (timeline id, size, precision, recall, F1) per gold timeline."""

    name: str
    articles: int
    mentions: int
    events: int
    extract_seconds: float
    rows: list[tuple[str, int, float, float, float]]

    @property
    def mean_f1(self) -> float:
        """Mean date F1 over the topic's timelines."""
        return sum(r[4] for r in self.rows) / len(self.rows) if self.rows else 0.0


@dataclass
class Prepared:
    """What the pipeline made of a topic's articles, ready to be ranked under any weights."""

    articles: list[dict]
    mentions: list[dict]
    events: list[dict]
    volume: dict[dt.date, int]
    seconds: float
    dates: list[dict] = field(default_factory=list)  # the days the articles name (the lake's `dates` rows)


def prepare_topic(topic: Topic) -> Prepared:
    """Run the pipeline on a topic's articles (the slow part, done once per topic)."""
    import time

    t0 = time.monotonic()
    records = [{"id": a["id"], "published": a["published"], "text": a["text"]} for a in topic.articles]
    articles, mentions, events, dates = pipeline_in_memory(records)
    return Prepared(articles, mentions, events, publication_counts(articles), time.monotonic() - t0, dates)


def score_topic(topic: Topic, prepared: Prepared, weights=None) -> list[tuple[str, int, float, float, float]]:
    """Rank days as `dateline timeline` does (default weights unless given) and score each gold timeline."""
    from transforms.timeline import Salience, rank_dates

    longest = max(len(days) for days in topic.timelines.values())
    ranked = [k.date for k in rank_dates(prepared.mentions, prepared.events, prepared.volume, top=longest,
                                         per_date=0, weights=weights or Salience(), dates=prepared.dates)]
    rows = []
    for tid in sorted(topic.timelines):
        gold = topic.timelines[tid]
        p, r, f = date_scores(ranked[: len(gold)], gold)
        rows.append((tid, len(gold), p, r, f))
    return rows


def evaluate_topic(topic: Topic) -> TopicResult:
    """Run the pipeline on a topic's articles, rank days as `dateline timeline` does, and score them."""
    prepared = prepare_topic(topic)
    return TopicResult(topic.name, len(prepared.articles), len(prepared.mentions), len(prepared.events),
                       prepared.seconds, score_topic(topic, prepared))


# Settings around the defaults that `--grid` scores: a robust ranking scores about the same on all.
ROBUSTNESS_GRID = {
    "lag_weight": (0.25, 0.5, 1.0),
    "same_day_weight": (0.5, 0.75, 1.0),
    "volume_exponent": (0.0, 0.25, 0.5),
    "exposure_exponent": (0.45, 0.6, 0.75),
    "exposure_days": (90, 150),
    "recap_exponent": (0.25, 0.5, 0.75),
}


def robustness(topic: Topic, prepared: Prepared, grid: dict = ROBUSTNESS_GRID) -> list[tuple[dict, float]]:
    """Mean F1 of the topic's timelines under every combination of the grid's settings."""
    import dataclasses
    import itertools

    from transforms.timeline import Salience

    out = []
    for values in itertools.product(*grid.values()):
        changes = dict(zip(grid, values))
        rows = score_topic(topic, prepared, dataclasses.replace(Salience(), **changes))
        out.append((changes, sum(r[4] for r in rows) / len(rows)))
    return out


def topic_folders(path: str) -> list[str]:
    """The topic folder itself, or every topic folder inside a corpus folder."""
    if os.path.isfile(os.path.join(path, "articles.jsonl")):
        return [path]
    if not os.path.isdir(path):
        raise ValueError(f"{path}: no such folder")
    found = sorted(
        os.path.join(path, name) for name in os.listdir(path)
        if os.path.isfile(os.path.join(path, name, "articles.jsonl"))
    )
    if not found:
        raise ValueError(f"{path}: no Timeline17 topic here (expected articles.jsonl and gold_events.csv)")
    return found
