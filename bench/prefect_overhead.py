"""Prefect's cost per run: the `dateline` flow on a tiny corpus, against the same work without Prefect.

A child process runs the flow several times (a fresh lake each time, so every run does the same
work) and the streaming baseline as many times; overhead per run = flow time - baseline time. The
child runs once against Prefect's ephemeral API (no PREFECT_API_URL) and once against a real
`prefect server start` on a free 127.0.0.1 port.

    python -m bench.prefect_overhead corpus.jsonl WORKDIR --runs 4   # the child
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_jsonl
from bench.measure import PYTHON, child_main, prefect_env, run_child
from flows.services import stop_process_group


def child(corpus: str, work: str, runs: int) -> dict:
    """Time Prefect's import, then `runs` flow runs and `runs` baseline runs on the same corpus."""
    t0 = time.perf_counter()
    from flows.pipeline import dateline

    import_s = time.perf_counter() - t0
    from bench.stream import run as stream_run

    flow_s, pure_s = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        dateline(sources=[corpus], lake=os.path.join(work, f"flow-{i}"))
        flow_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        stream_run(corpus, os.path.join(work, f"pure-{i}"), 1000)
        pure_s.append(time.perf_counter() - t0)
    return {"import_s": import_s, "flow_s": flow_s, "pure_s": pure_s}


def _free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(home: Path) -> tuple[subprocess.Popen, str, float]:
    """`prefect server start` on a free port; return the process, its API URL and seconds to healthy."""
    from flows.services import start_prefect_server

    port = _free_port()
    t0 = time.perf_counter()
    proc = start_prefect_server(Path(home), port)
    return proc, f"http://127.0.0.1:{port}/api", time.perf_counter() - t0


def _summarise(mode: str, data: dict, wall: float) -> dict:
    """Cold (first) and warm (median of the rest) flow times and overhead over the baseline."""
    flows, pures = data["flow_s"], data["pure_s"]
    pure = statistics.median(pures)
    warm = statistics.median(flows[1:]) if len(flows) > 1 else flows[0]
    return {
        "mode": mode, "process_wall_s": round(wall, 2), "prefect_import_s": round(data["import_s"], 2),
        "first_run_s": round(flows[0], 2), "warm_run_s": round(warm, 2), "baseline_run_s": round(pure, 3),
        "overhead_first_s": round(flows[0] - pure, 2), "overhead_per_run_s": round(warm - pure, 2),
        "ratio_flow_over_baseline": round(warm / pure, 1) if pure else None,
    }


def overhead(seed: int, runs: int, articles: int = 5) -> dict:
    """Per-run Prefect overhead with the ephemeral API and with a real server."""
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-prefect-"))
    corpus = work / "tiny.jsonl"
    write_jsonl(corpus, articles, seed, gold=False)
    results = {"articles_per_run": articles, "runs": runs}
    cmd = [PYTHON, "-m", "bench.prefect_overhead", str(corpus), str(work), "--runs", str(runs)]
    eph = run_child(cmd, env=prefect_env(work / "home-ephemeral"), timeout=900)
    if eph.returncode != 0:
        raise RuntimeError(f"ephemeral child failed: {eph.stderr.strip()[-800:]}")
    results["ephemeral"] = _summarise("ephemeral", json.loads(eph.stdout.strip().splitlines()[-1]), eph.wall)
    home = work / "home-server"
    home.mkdir()
    proc, api, startup = start_server(home)
    try:
        srv = run_child(cmd, env=prefect_env(work / "home-client", api_url=api), timeout=900)
    finally:
        stop_process_group(proc)
    if srv.returncode != 0:
        raise RuntimeError(f"server child failed: {srv.stderr.strip()[-800:]}")
    results["server"] = _summarise("server", json.loads(srv.stdout.strip().splitlines()[-1]), srv.wall)
    results["server"]["server_startup_s"] = round(startup, 1)
    results["ratio_server_over_ephemeral"] = round(
        results["server"]["overhead_per_run_s"] / results["ephemeral"]["overhead_per_run_s"], 2
    ) if results["ephemeral"]["overhead_per_run_s"] > 0 else None
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    """Child entry point: print the timings as one JSON line."""
    return child_main(child, "python -m bench.prefect_overhead", ["corpus", "work"], {"--runs": 4}, argv)


if __name__ == "__main__":
    sys.exit(main())
