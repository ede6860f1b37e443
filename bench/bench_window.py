"""Benchmark: re-merging a lake's mentions with merge_table (all in memory) vs stage_merged (a date window).

Run: .venv/bin/python bench/bench_window.py [--sizes 250000,1000000] [--dir /tmp/bench-window]

For each size, a lake is built once with that many synthetic mentions (bench_merge's generator: ~60
mentions a day, so the date span grows with the size), merged so that they carry event ids. Then each
way of re-merging runs in a fresh process, twice, alternating: read the lake, merge, stage both tables
(the transaction is aborted, the lake stays as built). Printed: peak RSS (MB) and CPU seconds of the
child (DuckDB's threads included), and the events each produced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import PYTHON, run_child  # noqa: E402


def build(location: str, n: int) -> None:
    """A lake of n merged synthetic mentions."""
    from bench.bench_merge import synthetic_mentions
    from flows.lake import Lake, Transaction
    from transforms.frames import to_arrow
    from transforms.merge import merge_table

    rows = synthetic_mentions(n)
    for row in rows:  # partitioned by month, as mention_rows does
        row["event_month"] = row["event_date"].strftime("%Y-%m") if row["event_date"] else "unknown"
    table = to_arrow("mentions", rows)
    del rows
    mentions, events = merge_table(table)
    txn = Transaction(Lake(location), "build")
    txn.replace("mentions", mentions)
    txn.replace("events", events)
    txn.commit()


def remerge(location: str, how: str) -> None:
    """Merge the lake's mentions again one way, stage the result, abort; print mentions and events."""
    from flows.lake import Lake, Transaction
    from transforms.frames import to_arrow

    lake = Lake(location)
    txn = Transaction(lake, f"bench-{how}")
    if how == "table":
        from transforms.merge import merge_table

        mentions, events = merge_table(lake.read("mentions"))
        txn.replace("mentions", mentions)
        txn.replace("events", events)
        counts = (mentions.num_rows, events.num_rows)
    else:
        from flows.merge_lake import stage_merged

        counts = stage_merged(txn, lake, to_arrow("mentions", []))
    txn.abort()
    print(*counts)


def main() -> None:
    """Build each lake once, then measure both ways in fresh processes, alternating."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250000,1000000")
    parser.add_argument("--dir", default="/tmp/bench-window")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    me = str(Path(__file__).resolve())
    print(f"{'mentions':>9} {'way':>6} {'events':>8} {'peak MB':>8} {'cpu s':>7}")
    for n in (int(s) for s in args.sizes.split(",")):
        location = str(Path(args.dir) / f"lake-{n}")
        if not (Path(location) / "CURRENT").exists():
            done = run_child([PYTHON, me, "_build", location, str(n)])
            assert done.returncode == 0, done.stderr
        for _ in range(args.repeat):
            for how in ("table", "window"):
                run = run_child([PYTHON, me, "_remerge", location, how])
                assert run.returncode == 0, run.stderr
                events = run.stdout.split()[1]
                print(f"{n:>9} {how:>6} {events:>8} {run.peak_rss_mb:>8.0f} {run.cpu:>7.1f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_build":
        build(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_remerge":
        remerge(sys.argv[2], sys.argv[3])
    else:
        main()
