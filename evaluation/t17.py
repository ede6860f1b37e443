"""Timeline17 scorer behind `dateline eval t17`: date F1 and alignment ROUGE against journalist timelines.

A topic folder holds `articles.jsonl` (`article_id`, `pub_date`, `text`, tokenised with spaces
around punctuation) and `gold_events.csv` (`timeline_id, date, sent_idx, text`). The protocol is
news-tls's: for each gold timeline the input is the topic's articles published between its first
and last date, the system lists as many dates as the timeline has, inside that window, and date F1
is mean precision and mean recall over timelines, then F1. Our dates are what `dateline run` then
`dateline timeline --published-since LO --published-until HI --since LO --until HI --top l` print
(the same functions, in memory). Two baselines are scored in the same run: the busiest publication
days of the window, and the days named by the most articles (the `dates` table).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field

# Penn Treebank bracket tokens and quote marks as they appear in the corpus.
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "'S", "N'T")
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "...", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})


@dataclass
class Topic:
    """One Timeline17 topic: its articles, gold timelines (id -> days) and gold summaries (id -> day -> text)."""

    name: str
    articles: list[dict]
    timelines: dict[str, set[dt.date]]
    summaries: dict[str, dict[dt.date, str]] = field(default_factory=dict)
    sentences: dict[str, int] = field(default_factory=dict)  # gold sentences per date, rounded mean per timeline


def detokenise(text: str) -> str:
    """Undo the corpus tokenisation: brackets, quotes, clitics and spaces before punctuation."""
    lines = []
    text = text.replace("\\/", "/").replace("\\*", "*")  # escaped slashes and stars: "15\\/16"
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
    summaries: dict[str, dict[dt.date, str]] = {}
    counts: dict[str, int] = {}
    with open(gold_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                day = dt.date.fromisoformat(row["date"])
                timelines.setdefault(row["timeline_id"], set()).add(day)
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{gold_path}: bad row ({exc})") from None
            said = summaries.setdefault(row["timeline_id"], {})
            said[day] = (said.get(day, "") + " " + detokenise(row.get("text") or "")).strip()
            counts[row["timeline_id"]] = counts.get(row["timeline_id"], 0) + 1
    per_date = {tid: max(1, round(n / len(timelines[tid]))) for tid, n in counts.items()}
    return Topic(os.path.basename(os.path.normpath(folder)), articles, timelines, summaries, per_date)


def date_scores(predicted: list[dt.date], gold: set[dt.date]) -> tuple[float, float, float]:
    """Precision, recall and F1 of a set of predicted days against the gold days."""
    hits = len(set(predicted) & gold)
    p = hits / len(set(predicted)) if predicted else 0.0
    r = hits / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def news_tls_f1(rows: list[tuple[float, float]]) -> float:
    """F1 of the mean precision and mean recall over timelines (news-tls's average)."""
    if not rows:
        return 0.0
    mp = sum(p for p, _ in rows) / len(rows)
    mr = sum(r for _, r in rows) / len(rows)
    return 2 * mp * mr / (mp + mr) if mp + mr else 0.0


# ---- the pipeline, in memory: the same steps as `dateline run`, extraction done once per topic ----

@dataclass
class Extracted:
    """A topic's article rows and each article's mentions and `dates` rows (the slow part, done once)."""

    rows: list[dict]
    found: dict[str, tuple[list[dict], list[dict]]]
    seconds: float


@dataclass
class Prepared:
    """What `dateline run` makes of a set of articles, ready to be ranked under any weights."""

    articles: list[dict]
    mentions: list[dict]
    events: list[dict]
    volume: dict[dt.date, int]
    seconds: float
    dates: list[dict] = field(default_factory=list)  # the days the articles name (the lake's `dates` rows)

    @property
    def texts(self) -> dict[str, str]:
        """Article id -> text."""
        return {a["article_id"]: a["text"] for a in self.articles}

    @property
    def published(self) -> dict[dt.date, list[str]]:
        """Publication day -> original article ids, as `dateline timeline` reads them from the lake."""
        out: dict[dt.date, list[str]] = {}
        for a in sorted(self.articles, key=lambda a: (a.get("published_at") or dt.date.min, a["article_id"])):
            if a.get("duplicate_of") is None and a.get("published_at"):
                out.setdefault(a["published_at"], []).append(a["article_id"])
        return out


def extract_records(records: list[dict]) -> Extracted:
    """Article rows of JSONL records (`id`, `published`, `text`) and every article's extraction."""
    import time

    from transforms.articles import make_article
    from transforms.documents import RawDocument, document_from_record
    from transforms.mentions import extract_article_rows

    t0 = time.monotonic()
    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    for n, record in enumerate(records, 1):
        doc = document_from_record(record, f"articles.jsonl:{n}", "")
        if isinstance(doc, RawDocument):
            rows.append(make_article(doc, now, "t17"))
    found = {a["article_id"]: extract_article_rows(a, "t17") for a in rows}
    return Extracted(rows, found, time.monotonic() - t0)


def extraction_code() -> list:
    """The source files an extraction depends on: `transforms/`, less the ranking that only reads its output."""
    import pathlib

    code = pathlib.Path(__file__).resolve().parent.parent / "transforms"
    return [path for path in sorted(code.rglob("*.py")) if path != code / "timeline.py"]


def cached_extraction(topic: Topic, cache: str | None) -> Extracted:
    """`extract_records` on a topic, kept in `cache` (a folder) under a key of the articles and the code.

    The key hashes the topic's article texts and every source file of `transforms/` but the ranking
    (`transforms/timeline.py`, which extraction never imports), so a change to the extractor or the
    tagger never reads a stale extraction while a change to the ranking re-extracts nothing.
    """
    import hashlib
    import pathlib
    import pickle

    if not cache:
        return extract_records(topic.articles)
    digest = hashlib.sha256()
    for a in topic.articles:
        digest.update(f"{a['id']}\t{a['published']}\t{a['text']}\n".encode())
    for path in extraction_code():
        digest.update(path.read_bytes())
    target = pathlib.Path(cache) / f"{topic.name}-{digest.hexdigest()[:16]}.pickle"
    if target.is_file():
        with open(target, "rb") as handle:
            return pickle.load(handle)
    extracted = extract_records(topic.articles)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(".tmp"), "wb") as handle:
        pickle.dump(extracted, handle)
    target.with_suffix(".tmp").replace(target)
    return extracted


def run_on(extracted: Extracted, keep=lambda article: True) -> Prepared:
    """`dateline run` on the kept articles: mark duplicates, take the originals' extraction, merge."""
    import copy
    import time

    from transforms.deduplication import mark_duplicates
    from transforms.merge import merge_mentions

    t0 = time.monotonic()
    articles = mark_duplicates([dict(a) for a in extracted.rows if keep(a)], set(), {})
    mentions, dates = [], []
    for a in articles:
        if a["duplicate_of"] is None:
            found, days = extracted.found[a["article_id"]]
            mentions += copy.deepcopy(found)
            dates += copy.deepcopy(days)
    assignment, events = merge_mentions(mentions)
    for m in mentions:
        m["event_id"] = assignment[m["mention_id"]]
    return Prepared(articles, mentions, events, publication_counts(articles),
                    extracted.seconds + time.monotonic() - t0, dates)


def publication_counts(articles: list[dict]) -> dict[dt.date, int]:
    """Original articles per publication day (the `articles` table's published_at, duplicates left out)."""
    counts: dict[dt.date, int] = {}
    for a in articles:
        if a.get("duplicate_of") is None and a.get("published_at"):
            counts[a["published_at"]] = counts.get(a["published_at"], 0) + 1
    return counts


# ---- per timeline: the window, our dates and the two baselines ----

@dataclass
class TimelineRun:
    """One gold timeline: its window, the pipeline's output on the window's articles, and the rankings."""

    tid: str
    gold: set[dt.date]
    prepared: Prepared
    busiest: list[dt.date]
    named: list[dt.date]
    showable: set[dt.date]  # days `timeline` can list (with an event or a sentence)

    @property
    def window(self):
        """The listing and counting window: the gold timeline's first to last day."""
        from transforms.timeline import Window

        lo, hi = min(self.gold), max(self.gold)
        return Window(lo, hi, lo, hi)


def busiest_days(topic: Topic, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """Baseline: days of the window by articles published, most first (ties in the order the corpus lists them)."""
    counts: dict[str, int] = {}
    for a in topic.articles:
        day = a["published"][:10]
        if lo.isoformat() <= day <= hi.isoformat():
            counts[day] = counts.get(day, 0) + 1
    order = {d: k for k, d in enumerate(counts)}
    return [dt.date.fromisoformat(d) for d in sorted(counts, key=lambda d: (-counts[d], order[d]))]


def most_named_days(prepared: Prepared, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """Baseline: days of the window by the number of articles naming them (`dates` rows), most first."""
    named: dict[dt.date, set] = {}
    for d in prepared.dates:
        if d.get("day") and lo <= d["day"] <= hi:
            named.setdefault(d["day"], set()).add(d["article_id"])
    return sorted(named, key=lambda d: (-len(named[d]), d))


def timeline_runs(topic: Topic, extracted: Extracted) -> list[TimelineRun]:
    """Run the pipeline on each gold timeline's window and rank the baselines."""
    from transforms.timeline import Salience, Window, rank_dates

    runs = []
    for tid in sorted(topic.timelines):
        gold = topic.timelines[tid]
        lo, hi = min(gold), max(gold)
        prepared = run_on(extracted, lambda a: a.get("published_at") is not None and lo <= a["published_at"] <= hi)
        # which days have something to show does not depend on the weights: found once per window
        every = rank_dates(prepared.mentions, prepared.events, prepared.volume, per_date=1, dates=prepared.dates,
                           window=Window(lo, hi, lo, hi), texts=prepared.texts, sentences=1,
                           weights=Salience(volume_weight=1.0), published=prepared.published)
        runs.append(TimelineRun(tid, gold, prepared, busiest_days(topic, lo, hi), most_named_days(prepared, lo, hi),
                                {k.date for k in every}))
    return runs


def our_days(run: TimelineRun, weights) -> list[dt.date]:
    """The l dates `dateline timeline --top l` lists for the window under these weights."""
    from transforms.timeline import latest_coverage_day, listed_days, rank_days

    p = run.prepared
    scores, _ = rank_days(p.mentions, p.events, p.volume, weights, p.dates, run.window)
    latest = latest_coverage_day(p.volume, run.window, scores) if weights.latest_day else None
    return listed_days(list(scores), run.showable.__contains__, len(run.gold), latest)


def topic_f1(runs: list[TimelineRun], pick) -> tuple[float, list[tuple[float, float, float]]]:
    """news-tls date F1 of a topic and (P, R, F1) per timeline, for a picker run -> ranked days."""
    rows = [date_scores(pick(r)[: len(r.gold)], r.gold) for r in runs]
    return news_tls_f1([(p, r) for p, r, _ in rows]), rows


def grid_points(grid: dict | None = None, base: dict | None = None) -> list:
    """Every Salience setting of the ranking grid, in grid order (the first best point wins ties)."""
    import dataclasses
    import itertools

    from transforms.timeline import DEFAULT, RANKING_GRID

    grid = grid or RANKING_GRID
    start = dataclasses.replace(DEFAULT, **(base or {}))
    return [dataclasses.replace(start, **dict(zip(grid, values))) for values in itertools.product(*grid.values())]


# Each signal taken out in turn (fixed settings, grid overrides); LOTO re-chooses the remaining weights.
ABLATIONS = {
    "all signals": ({}, {}),
    "no event types": ({}, {"event_weight": (0.0,)}),
    "no publication volume": ({}, {"volume_weight": (0.0,), "volume_exponent": (0.0,)}),
    "no volume bursts": ({}, {"burst_weight": (0.0,)}),
    "no latest day": ({}, {"latest_day": (False,)}),
    "no exposure (raw citation counts)": ({}, {"exposure_exponent": (0.0,)}),
    "no chronology weight": ({"recap_exponent": 0.0}, {}),
    "no lag bonus for later references": ({"lag_weight": 0.0}, {}),
    "no named days (event references only)": ({"named_days": False}, {}),
    "no references (volume and events only)": ({"citation_weight": 0.0},
                                               {"volume_weight": (0.25, 1.0), "event_weight": (0.0, 0.25, 1.0),
                                                "burst_weight": (0.0, 0.25, 1.0)}),
}


def ablation(topics: dict[str, list[TimelineRun]]) -> dict[str, tuple[float, dict[str, float]]]:
    """LOTO mean date F1 (and per topic) with each signal taken out in turn."""
    from transforms.timeline import RANKING_GRID

    out = {}
    for name, (base, overrides) in ABLATIONS.items():
        scored = leave_one_topic_out(topics, {**RANKING_GRID, **overrides}, base)
        per_topic = {t: f for t, (f, _) in scored.items()}
        out[name] = (sum(per_topic.values()) / max(len(per_topic), 1), per_topic)
    return out


def choose_weights(scores: dict[str, list[float]], topics: list[str]):
    """Index of the grid point with the best mean date F1 over `topics` (first one on ties)."""
    n = len(next(iter(scores.values())))
    means = [round(sum(scores[t][i] for t in topics) / len(topics), 9) for i in range(n)]
    return max(range(n), key=lambda i: (means[i], -i))


# ---- summaries: alignment-based ROUGE (date-content costs, many-to-one) ----

_TOKEN = re.compile(r"[a-z0-9]+")


def ngrams(text: str, n: int) -> Counter:
    """Lower-cased word n-grams of a text."""
    toks = _TOKEN.findall(text.lower())
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def date_weight(a: dt.date, b: dt.date) -> float:
    """How much two days count as the same: 1 for the same day, 1/2 a day apart, 1/(k+1) k days apart."""
    return 1.0 / (abs((a - b).days) + 1)


def content_similarity(a: str, b: str) -> float:
    """Cosine of the unigram count vectors of two summaries."""
    x, y = ngrams(a, 1), ngrams(b, 1)
    dot = sum(v * y[k] for k, v in x.items())
    norm = math.sqrt(sum(v * v for v in x.values()) * sum(v * v for v in y.values()))
    return dot / norm if norm else 0.0


def align(system: dict[dt.date, str], gold: dict[dt.date, str]) -> dict[dt.date, dt.date]:
    """Many-to-one: each system day to the gold day of least cost (date distance plus content distance)."""
    out = {}
    for s, said in system.items():
        costs = {g: (1 - date_weight(s, g)) + (1 - content_similarity(said, text)) for g, text in gold.items()}
        if costs:
            out[s] = min(costs, key=lambda g: (costs[g], g))
    return out


def aligned_rouge(system: dict[dt.date, str], gold: dict[dt.date, str], n: int) -> tuple[float, float, float]:
    """ROUGE-n P, R, F1: each system day's n-grams matched against its aligned gold day's, weighed by date distance."""
    pairs = align(system, gold)
    hits = 0.0
    for s, g in pairs.items():
        mine, theirs = ngrams(system[s], n), ngrams(gold[g], n)
        hits += date_weight(s, g) * sum(min(v, theirs[k]) for k, v in mine.items())
    made = sum(sum(ngrams(t, n).values()) for t in system.values())
    wanted = sum(sum(ngrams(t, n).values()) for t in gold.values())
    p = hits / made if made else 0.0
    r = hits / wanted if wanted else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summaries_of(run: TimelineRun, weights, sentences: int = 2) -> dict[dt.date, str]:
    """Our listed days with what `timeline` says happened on each (its sentences, else its events' sentences)."""
    from transforms.timeline import rank_dates

    p = run.prepared
    listed = rank_dates(p.mentions, p.events, p.volume, top=len(run.gold), per_date=1, weights=weights,
                        dates=p.dates, window=run.window, texts=p.texts, sentences=sentences,
                        published=p.published)
    return {k.date: " ".join(k.sentences) or " ".join(e.get("evidence") or "" for e in k.events) for k in listed}


# ---- a topic's report ----

DEGENERATE = frozenset({"egypt"})  # articles cut to exactly the gold days: reported, left out of means


@dataclass
class TopicReport:
    """Date F1 of ours and the baselines, per timeline and for the topic, with ROUGE of our summaries."""

    name: str
    articles: int
    seconds: float
    ours: float
    busiest: float
    named: float
    rows: list[tuple]  # (timeline, dates, ours F1, busiest F1, named F1)
    rouge1: float = 0.0
    rouge2: float = 0.0
    loto: float | None = None
    loto_weights: dict | None = None

    @property
    def in_means(self) -> bool:
        """Whether the topic counts in the means."""
        return self.name not in DEGENERATE


def report_topic(topic: Topic, runs: list[TimelineRun], seconds: float, weights) -> TopicReport:
    """Score ours and both baselines on a topic's timelines, and our summaries by aligned ROUGE."""
    ours, ours_rows = topic_f1(runs, lambda r: our_days(r, weights))
    busiest, b_rows = topic_f1(runs, lambda r: r.busiest)
    named, n_rows = topic_f1(runs, lambda r: r.named)
    rows = [(r.tid, len(r.gold), o[2], b[2], n[2]) for r, o, b, n in zip(runs, ours_rows, b_rows, n_rows)]
    r1, r2 = [], []
    for r in runs:  # as many sentences per date as the gold timeline has on average (news-tls does the same)
        said = summaries_of(r, weights, topic.sentences.get(r.tid, 2))
        gold = topic.summaries.get(r.tid, {})
        r1.append(aligned_rouge(said, gold, 1)[2])
        r2.append(aligned_rouge(said, gold, 2)[2])
    return TopicReport(topic.name, len(topic.articles), seconds, ours, busiest, named, rows,
                       sum(r1) / len(r1), sum(r2) / len(r2))


def leave_one_topic_out(topics: dict[str, list[TimelineRun]], grid: dict | None = None,
                        base: dict | None = None) -> dict[str, tuple]:
    """Per topic (not the degenerate ones): its F1 under the grid point chosen on the other topics, and that point."""
    points = grid_points(grid, base)
    scored = {t: [topic_f1(runs, lambda r, w=w: our_days(r, w))[0] for w in points]
              for t, runs in topics.items() if t not in DEGENERATE}
    out = {}
    for held in scored:
        others = [t for t in scored if t != held]
        if not others:
            continue
        best = choose_weights(scored, others)
        out[held] = (scored[held][best], points[best])
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
