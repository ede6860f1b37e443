"""Benchmark: the temporal tagger vs `dateparser.search_dates` on the same news-like texts.

Prints docs/s for both, measured in the same run on the same documents, and the ratio.

    python bench/bench_timex.py                 # 60 generated news-like documents
    python bench/bench_timex.py --docs 200 --words 600
    python bench/bench_timex.py --jsonl articles.jsonl   # records with a "text" field
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transforms.timex import tag  # noqa: E402

SUBJECTS = ["The minister", "Officials", "The central bank", "Rescue workers", "The company",
            "Protesters", "The prime minister", "Negotiators", "Police", "The union",
            "Analysts", "The court", "Shareholders", "The army", "Aid agencies"]
VERBS = ["said", "announced", "confirmed", "warned", "reported", "denied", "agreed",
         "voted", "met", "signed a deal", "rejected the offer", "raised rates"]
TIMES = ["on Friday", "yesterday", "last week", "on March 3", "earlier this month",
         "two weeks ago", "on Tuesday night", "in late 2025", "at 10:30 a.m.", "this morning",
         "last year", "in the third quarter", "on Aug. 7, 2025", "a year earlier", "today",
         "next month", "within three days", "since 2019", "in the 1990s", "every Monday"]
FILLERS = ["amid rising prices", "after months of talks", "in the capital", "according to a statement",
           "despite heavy rain", "as markets fell", "in a televised address", "near the border",
           "with support from donors", "citing security concerns", "in a 40-page report",
           "to reporters", "for 12 percent of the vote", "with 3.2 million people affected"]
PLAIN = ["The decision drew criticism from opposition parties.",
         "Many residents were still without power.",
         "Prices for fuel and food have climbed sharply.",
         "Observers described the mood as tense but calm.",
         "The figures were broadly in line with forecasts.",
         "Several roads remained closed to traffic.",
         "The report runs to more than 200 pages."]


def generate(n_docs: int, n_words: int, seed: int = 7) -> list[str]:
    """News-like documents of about n_words words, mixing dated and undated sentences."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        words, parts = 0, []
        while words < n_words:
            if rng.random() < 0.55:
                s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TIMES)} {rng.choice(FILLERS)}."
            else:
                s = rng.choice(PLAIN)
            parts.append(s)
            words += len(s.split())
        docs.append(" ".join(parts))
    return docs


def load_jsonl(path: str, limit: int) -> list[str]:
    """Texts of the first `limit` JSON lines of path (field "text")."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line)["text"])
            if len(out) >= limit:
                break
    return out


def rate(fn, docs: list[str], min_seconds: float) -> float:
    """Documents per second of fn over docs (repeated until min_seconds have passed)."""
    n, start = 0, time.perf_counter()
    while True:
        for d in docs:
            fn(d)
        n += len(docs)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return n / elapsed


def main() -> None:
    """Run both taggers on the same texts and print docs/s and the ratio."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--jsonl", help="JSON lines with a text field, instead of generated texts")
    ap.add_argument("--seconds", type=float, default=2.0, help="minimum timing per tagger")
    args = ap.parse_args()
    docs = load_jsonl(args.jsonl, args.docs) if args.jsonl else generate(args.docs, args.words)
    dct = datetime.date(2026, 2, 20)
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    settings = {"RELATIVE_BASE": datetime.datetime(2026, 2, 20)}
    ours = rate(lambda d: tag(d, dct), docs, args.seconds)
    theirs = rate(lambda d: search_dates(d, languages=["en"], settings=settings), docs, args.seconds)
    words = sum(len(d.split()) for d in docs) / max(1, len(docs))
    print(f"documents: {len(docs)} (mean {words:.0f} words)")
    print(f"transforms.timex.tag        {ours:10.1f} docs/s")
    print(f"dateparser.search_dates     {theirs:10.1f} docs/s")
    print(f"ratio                       {ours / theirs:10.1f}x")


if __name__ == "__main__":
    main()
