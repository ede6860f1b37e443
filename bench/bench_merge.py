"""Benchmark: merge 10k, 50k and 100k synthetic mentions and show that time grows near-linearly.

Run: .venv/bin/python bench/bench_merge.py [--sizes 10000,50000,100000]

The synthetic stream imitates news coverage: real-world events (type, day, actors, place, a
sentence) each reported by several articles; most mentions carry a day, some only a week or month,
some only their publication day ("on or before"). The corpus spans more days as it grows, as a
real archive does, so blocks keep a realistic size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transforms.frames import to_arrow  # noqa: E402
from transforms.merge import merge_table  # noqa: E402

TYPES = ["meeting", "statement", "attack", "pledge", "protest", "agreement", "arrest", "vote", "sanction", "aid"]
ACTORS = ([f"Country{i}" for i in range(60)] + [f"Minister Name{i}" for i in range(200)]
          + [f"Group{i}" for i in range(80)])
PLACES = [f"City{i}" for i in range(150)]
WORDS = [f"word{i}" for i in range(3000)]


def synthetic_mentions(n: int, seed: int = 7) -> list[dict]:
    """n mentions of about n/4 events, each told by one to eight articles."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    span = max(30, n // 60)  # ~60 mentions a day, like a busy news archive
    rows: list[dict] = []
    event_no = 0
    while len(rows) < n:
        event_no += 1
        day = start + dt.timedelta(days=rng.randrange(span))
        etype = rng.choice(TYPES)
        actors = rng.sample(ACTORS, rng.choice([1, 1, 2]))
        place = rng.choice(PLACES)
        core = rng.sample(WORDS, 10)
        for k in range(min(rng.choice([1, 1, 2, 3, 4, 8]), n - len(rows))):
            published = day + dt.timedelta(days=rng.choice([0, 1, 1, 2, 5, 20]))
            words = core[: rng.randint(6, 10)] + rng.sample(WORDS, 4)
            kind = rng.random()
            if kind < 0.7:
                date, precision, basis = day, "day", "relative"
            elif kind < 0.8:
                date, precision, basis = day - dt.timedelta(days=day.weekday()), "week", "relative"
            elif kind < 0.85:
                date, precision, basis = day.replace(day=1), "month", "relative"
            else:
                date, precision, basis = published, "unknown", "publication"
            article = f"a{event_no}-{k}"
            rows.append({
                "mention_id": f"m{len(rows)}", "event_id": None, "article_id": article, "published_at": published,
                "source": f"outlet{rng.randrange(40)}", "url": None, "event_type": etype, "event_date": date,
                "date_precision": precision, "date_basis": basis, "time_value": None,
                "actors": actors if rng.random() < 0.8 else actors[:1], "actor_codes": [], "recipient": [],
                "location": place if rng.random() < 0.6 else None, "modality": "asserted", "trigger": etype,
                "trigger_start": rng.randrange(2000), "evidence": " ".join(words), "confidence": 0.7, "quantities": [],
            })
    return rows


def main() -> None:
    """Time merging at each size and print the growth ratio against a linear extrapolation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    data = synthetic_mentions(max(sizes))
    base = None
    print(f"{'mentions':>9} {'events':>8} {'seconds':>8} {'us/mention':>10} {'time ratio':>10} {'size ratio':>10}")
    for n in sizes:
        table = to_arrow("mentions", data[:n])
        t0 = time.process_time()
        _merged, events = merge_table(table)
        seconds = time.process_time() - t0
        if base is None:
            base = (n, seconds)
        print(f"{n:>9} {events.num_rows:>8} {seconds:>8.2f} {seconds / n * 1e6:>10.1f} "
              f"{seconds / base[1]:>10.2f} {n / base[0]:>10.2f}")
    print("near-linear when the time ratio stays close to the size ratio")


if __name__ == "__main__":
    main()
