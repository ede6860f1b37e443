"""End to end: `dateline run corpus.jsonl --lake DIR` in a child process, at growing corpus sizes.

Each size is measured twice in the same run: the real CLI (Prefect flow, ephemeral API) and the
streaming baseline (`bench.stream`: the same pure functions in batches, no Prefect, no merge). Wall
time and the child's own peak RSS (wait4) are recorded for both, and the lake's Parquet bytes per row.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from bench.corpus import write_jsonl
from bench.measure import PYTHON, prefect_env, run_child

E2E_TARGET_S = 120  # 10k articles to the lake in at most two minutes on 2 cores
E2E_TARGET_RSS_MB = 1536
FLAT_MB_PER_1K = 5
FLAT_JUDGED_SPAN = 50_000  # articles between the smallest and largest size before flatness is judged
DATELINE = str(Path(PYTHON).parent / "dateline")


def _table_bytes(lake: Path, table: str) -> int:
    """Bytes of the committed Parquet files of one table."""
    from flows.lake import Lake

    return sum(os.path.getsize(f) for f in Lake(str(lake)).files(table))


def _rows(lake: Path, table: str) -> int:
    """Rows of a committed table, from the Parquet footers."""
    import pyarrow.parquet as pq

    from flows.lake import Lake

    return sum(pq.ParquetFile(f).metadata.num_rows for f in Lake(str(lake)).files(table))


def measure_size(n: int, seed: int, work: Path, batch_size: int = 1000) -> dict:
    """Generate n articles, then run the flow and the streaming baseline on them."""
    corpus = work / f"corpus-{n}.jsonl"
    corpus_bytes = write_jsonl(corpus, n, seed, gold=False)
    flow_lake, stream_lake = work / f"lake-flow-{n}", work / f"lake-stream-{n}"
    env = prefect_env(work / f"prefect-home-{n}")
    flow = run_child([DATELINE, "run", str(corpus), "--lake", str(flow_lake), "--quiet"], env=env)
    if flow.returncode != 0:
        raise RuntimeError(f"dateline run failed on {n} articles: {flow.stderr.strip()[-800:]}")
    stream = run_child([PYTHON, "-m", "bench.stream", str(corpus), str(stream_lake), "--batch-size", str(batch_size)], env=env)
    if stream.returncode != 0:
        raise RuntimeError(f"bench.stream failed on {n} articles: {stream.stderr.strip()[-800:]}")
    mentions, events = _rows(flow_lake, "mentions"), _rows(flow_lake, "events")
    result = {
        "articles": n, "corpus_mb": round(corpus_bytes / 2**20, 1),
        "flow_wall_s": round(flow.wall, 1), "flow_cpu_s": round(flow.cpu, 1), "flow_peak_rss_mb": round(flow.peak_rss_mb),
        "flow_articles_per_s": round(n / flow.wall, 1),
        "stream_wall_s": round(stream.wall, 1), "stream_cpu_s": round(stream.cpu, 1),
        "stream_peak_rss_mb": round(stream.peak_rss_mb),
        "ratio_wall_flow_over_stream": round(flow.wall / stream.wall, 2),
        "ratio_cpu_flow_over_stream": round(flow.cpu / stream.cpu, 2) if stream.cpu else None,
        "ratio_rss_flow_over_stream": round(flow.peak_rss_mb / stream.peak_rss_mb, 2),
        "mentions": mentions, "events": events,
        "mentions_bytes_per_row": round(_table_bytes(flow_lake, "mentions") / max(1, mentions), 1),
        "events_bytes_per_row": round(_table_bytes(flow_lake, "events") / max(1, events), 1),
        "articles_bytes_per_row": round(_table_bytes(flow_lake, "articles") / n, 1),
        "stream_summary": json.loads(stream.stdout.strip().splitlines()[-1]),
    }
    for path in (corpus, flow_lake, stream_lake):
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    return result


def memory_flat(mb_per_1k: float, span: int) -> bool | None:
    """At most 5 MB more per 1,000 articles (100k articles add at most half a GB); None when the sizes span
    fewer than FLAT_JUDGED_SPAN articles, where the run's fixed start-up cost sets the slope."""
    return mb_per_1k <= FLAT_MB_PER_1K if span >= FLAT_JUDGED_SPAN else None


def growth(sizes: list[int], seed: int) -> dict:
    """Measure every size; fit how wall time, CPU and peak RSS grow per 1,000 articles; check the 10k target."""
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-e2e-"))
    batch = max(100, min(1000, sizes[0]))  # the baseline streams several batches at every size but the first
    try:
        runs = [measure_size(n, seed, work, batch) for n in sizes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first, last = runs[0], runs[-1]
    span_k = max(1, last["articles"] - first["articles"]) / 1000

    def per_k(key: str) -> float:
        return (last[key] - first[key]) / span_k

    def at(key: str, n: int) -> float:
        return round(last[key] + per_k(key) * (n - last["articles"]) / 1000, 1)

    out = {
        "sizes": runs, "stream_batch_size": batch,
        "articles_growth": last["articles"] / first["articles"],
        "flow_wall_growth": round(last["flow_wall_s"] / first["flow_wall_s"], 2),
        "flow_rss_growth": round(last["flow_peak_rss_mb"] / first["flow_peak_rss_mb"], 2),
        "stream_rss_growth": round(last["stream_peak_rss_mb"] / first["stream_peak_rss_mb"], 2),
        "flow_wall_s_per_1k": round(per_k("flow_wall_s"), 1), "flow_cpu_s_per_1k": round(per_k("flow_cpu_s"), 1),
        "stream_cpu_s_per_1k": round(per_k("stream_cpu_s"), 1),
        "flow_rss_mb_per_1k": round(per_k("flow_peak_rss_mb"), 1),
        "stream_rss_mb_per_1k": round(per_k("stream_peak_rss_mb"), 1),
        "flow_rss_mb_at_100k": at("flow_peak_rss_mb", 100_000),
        "stream_rss_mb_at_100k": at("stream_peak_rss_mb", 100_000),
    }
    span = last["articles"] - first["articles"]
    out["memory_flat"] = memory_flat(out["flow_rss_mb_per_1k"], span)
    out["stream_memory_flat"] = memory_flat(out["stream_rss_mb_per_1k"], span)
    at_10k = next((r for r in runs if r["articles"] == 10_000), None)
    if at_10k:
        out["target_10k"] = {
            "wall_s": at_10k["flow_wall_s"], "cpu_s": at_10k["flow_cpu_s"], "peak_rss_mb": at_10k["flow_peak_rss_mb"],
            "measured": True,
            "meets_target": at_10k["flow_wall_s"] <= E2E_TARGET_S and at_10k["flow_peak_rss_mb"] <= E2E_TARGET_RSS_MB,
        }
    else:  # quick mode: extrapolate linearly from the measured sizes
        rss = at("flow_peak_rss_mb", 10_000)
        out["target_10k"] = {"wall_s": at("flow_wall_s", 10_000), "cpu_s": at("flow_cpu_s", 10_000),
                             "peak_rss_mb": rss, "measured": False}
        out["target_10k"]["meets_target"] = out["target_10k"]["wall_s"] <= E2E_TARGET_S and rss <= E2E_TARGET_RSS_MB
    out["target_wall_s"], out["target_rss_mb"] = E2E_TARGET_S, E2E_TARGET_RSS_MB
    return out
