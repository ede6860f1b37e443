"""`python -m bench quick|full`: run the benchmarks, print a table of figures and ratios, write the JSON results.

Results go to ~/.cache/dateline/bench/ (outside the source tree) unless --out names a file, such as the
published bench/results.json.

    python -m bench quick                      # < 5 minutes on 2 cores
    python -m bench full                       # the sizes of issue #9 (hours)
    python -m bench quick --only query,prefect # some sections only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from bench.measure import machine
from bench.report import print_report

SECTIONS = ("tagger", "extraction", "e2e", "query", "prefect", "merge", "profile")
SIZES = {
    "quick": {"tagger": 200, "dateparser": 20, "extraction": 200, "e2e": [250, 1000], "events": 1_000_000,
              "queries": 40, "pandas_queries": 5, "prefect_runs": 3, "profile": 60, "merge": [10_000, 50_000]},
    "full": {"tagger": 2000, "dateparser": 100, "extraction": 2000, "e2e": [1000, 10_000, 100_000],
             "events": 10_000_000, "queries": 100, "pandas_queries": 10, "prefect_runs": 6, "profile": 300,
             "merge": [100_000, 1_000_000]},
}
# Results go outside the source tree (the tracked bench/results*.json are the published figures, rewritten
# only when asked with --out); $DATELINE_BENCH_DIR overrides the folder.
RESULTS_DIR = Path(os.environ.get("DATELINE_BENCH_DIR")
                   or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dateline" / "bench")


def default_out(mode: str) -> Path:
    """Where a run writes its results unless --out says otherwise."""
    return RESULTS_DIR / ("results.json" if mode == "quick" else f"results-{mode}.json")


def run_section(name: str, sizes: dict, seed: int, work: Path) -> dict:
    """Run one benchmark section and return its figures."""
    if name == "tagger":
        from bench.throughput import tagger_vs_dateparser

        return tagger_vs_dateparser(sizes["tagger"], sizes["dateparser"], seed)
    if name == "extraction":
        from bench.throughput import extraction

        return extraction(sizes["extraction"], seed)
    if name == "e2e":
        from bench.end_to_end import growth

        return growth(sizes["e2e"], seed)
    if name == "query":
        from bench.query import timeline_benchmark

        return timeline_benchmark(str(work / "events-lake"), sizes["events"], seed, sizes["queries"],
                                  sizes["pandas_queries"])
    if name == "prefect":
        from bench.prefect_overhead import overhead

        return overhead(seed, sizes["prefect_runs"])
    if name == "merge":
        return _merge_section(sizes, seed)
    if name == "profile":
        from bench.profile import profile_extraction

        return profile_extraction(sizes["profile"], seed)
    raise ValueError(name)


def _merge_section(sizes: dict, seed: int) -> dict:
    """Merging at two sizes on bench/bench_merge.py's synthetic mentions: CPU per mention and growth."""
    try:
        from bench import bench_merge
    except Exception as exc:  # noqa: BLE001  (absent or mid-edit: report, do not fail the run)
        return {"skipped": f"bench/bench_merge.py not importable: {exc}"}
    from bench.measure import timed
    from transforms.frames import to_arrow
    from transforms.merge import merge_table

    small, large = sizes["merge"]
    data = bench_merge.synthetic_mentions(large, seed)
    out: dict = {}
    for n in (small, large):
        table = to_arrow("mentions", data[:n])  # the flow merges an Arrow table of the lake's mentions
        (_, events), t = timed(merge_table, table)
        out[n] = {"mentions": n, "events": events.num_rows, "cpu_s": round(t.cpu, 2), "wall_s": round(t.wall, 2),
                  "us_per_mention": round(t.cpu / n * 1e6, 1)}
    a, b = out[small], out[large]
    return {"sizes": [a, b], "size_ratio": round(large / small, 1), "time_ratio": round(b["cpu_s"] / a["cpu_s"], 2),
            "near_linear": b["cpu_s"] / a["cpu_s"] <= 1.5 * large / small}


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the sections, print the table and write the JSON results."""
    parser = argparse.ArgumentParser(prog="python -m bench", description="Dateline benchmarks (issue #9).")
    parser.add_argument("mode", choices=sorted(SIZES), help="quick (< 5 min) or full (the published sizes)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None,
                        help=f"where to write the JSON results (default: {RESULTS_DIR}/results[-full].json)")
    args = parser.parse_args(argv)
    args.out = args.out or default_out(args.mode)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    import tempfile

    sizes = dict(SIZES[args.mode], mode=args.mode)
    results = {"mode": args.mode, "seed": args.seed, "sizes": SIZES[args.mode],
               "started_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
               "machine": machine(), "sections": {}, "errors": {}}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        for name in chosen:
            print(f"bench: {name} ...", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                results["sections"][name] = run_section(name, sizes, args.seed, Path(tmp))
            except Exception as exc:  # one broken section must not hide the others' figures
                results["errors"][name] = f"{type(exc).__name__}: {exc}"
                print(f"bench: {name} failed: {results['errors'][name]}", file=sys.stderr, flush=True)
            print(f"bench: {name} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    results["duration_s"] = round(time.perf_counter() - started, 1)
    results["machine"]["load_average_end"] = machine()["load_average"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, default=str) + "\n")
    print_report(results)
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
