"""End to end: `dateline run corpus.jsonl --lake DIR` in a child process, at growing corpus sizes.

Each size is measured three times in the same run: the real CLI with its default workers (one
extraction process per core) and Prefect's temporary server, the CLI with `--workers 1` (the serial run
the parallel one is judged against), and the streaming baseline (`bench.stream`: the pure pipeline in
batches, no Prefect, no merge). At 10k articles, the target's size, the default run is also measured
against a `prefect server start` on 127.0.0.1 started before the timed part, as a scheduled deployment
runs (the server's own start-up and RSS are recorded apart and left out of the run's tree). Wall time, CPU, the child's own peak RSS (wait4) and the peak RSS summed over
its whole process tree (the run, its extraction workers, Prefect's temporary server; and the same
without the server) are recorded, and the lake's Parquet bytes per row.

    python -m bench.end_to_end 10000        # one size, its figures as JSON (what `make bench-full` runs at 10k)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus import write_jsonl
from bench.measure import PYTHON, prefect_env, run_child
from flows.skeleton import local_cores

E2E_TARGET_ARTICLES = 10_000
E2E_TARGET_S = 40  # 10k articles to the lake in at most 40 s on 2 cores (issue #18)
E2E_TARGET_RSS_MB = 1024  # peak RSS of the run's whole process tree
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


def _descendants_rss_kib(root: int, skip: frozenset[int] = frozenset(),
                         servers: set[int] | None = None) -> tuple[int, int]:
    """The summed VmRSS (KiB) of every living descendant of a process (not counting the `skip` processes and
    theirs), and the part of it that is Prefect's temporary server (uvicorn), read from /proc.

    `servers` keeps the server pids found across calls: a busy process's cmdline can read empty for a moment,
    and a server seen once stays one."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    servers = set() if servers is None else servers
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                if b"uvicorn" in handle.read():
                    servers.add(int(entry))
        except OSError:  # gone meanwhile
            continue
        parents[int(entry)] = int(fields.get("PPid", "0").strip())
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total = server = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, parent in parents.items() if parent == pid and p not in skip]
        total += sum(rss[k] for k in kids)
        server += sum(rss[k] for k in kids if k in servers)
        todo += kids
    return total, server


class TreePeak:
    """Context manager: sample the summed RSS of this process's descendants every 0.2 s; `peak_mb` after, and
    `peak_without_server_mb`, the peak of the same sum without Prefect's temporary server."""

    def __init__(self, every: float = 0.2, skip: frozenset[int] = frozenset()):
        self.every, self.skip, self.peak_kib, self.peak_without_server_kib = every, skip, 0, 0
        self._servers: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        """Keep the largest sums seen until stopped."""
        while not self._stop.is_set():
            total, server = _descendants_rss_kib(os.getpid(), self.skip, self._servers)
            self.peak_kib = max(self.peak_kib, total)
            self.peak_without_server_kib = max(self.peak_without_server_kib, total - server)
            self._stop.wait(self.every)

    def __enter__(self) -> "TreePeak":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        """The peak in MB."""
        return self.peak_kib / 1024

    @property
    def peak_without_server_mb(self) -> float:
        """The peak without Prefect's temporary server, in MB."""
        return self.peak_without_server_kib / 1024


def _measured(args: list[str], env: dict, what: str, skip: frozenset[int] = frozenset()):
    """Run a child, measured (wait4 and the process tree's peak RSS, with and without Prefect's temporary
    server; a running server of ours is in `skip`); raise with its stderr if it failed."""
    with TreePeak(skip=skip) as tree:
        child = run_child(args, env=env)
    if child.returncode != 0:
        raise RuntimeError(f"{what} failed: {child.stderr.strip()[-800:]}")
    return child, round(max(tree.peak_mb, child.peak_rss_mb)), round(max(tree.peak_without_server_mb, child.peak_rss_mb))


def measure_size(n: int, seed: int, work: Path, batch_size: int = 1000) -> dict:
    """Generate n articles, then run the flow (default workers, then one) and the streaming baseline on them."""
    corpus = work / f"corpus-{n}.jsonl"
    corpus_bytes = write_jsonl(corpus, n, seed, gold=False)
    flow_lake, serial_lake, stream_lake = work / f"lake-flow-{n}", work / f"lake-serial-{n}", work / f"lake-stream-{n}"
    # Separate Prefect homes: the serial run must not read the parallel run's cached extraction.
    flow, flow_tree, flow_own = _measured([DATELINE, "run", str(corpus), "--lake", str(flow_lake), "--quiet"],
                                prefect_env(work / f"prefect-home-{n}"), f"dateline run on {n} articles")
    # Against a running server only at the target's size: a server start per size would add minutes to `make bench`.
    running = _measured_with_running_server(corpus, work / f"lake-server-{n}", work / f"prefect-server-{n}") \
        if n == E2E_TARGET_ARTICLES else {}
    serial, serial_tree, serial_own = _measured(
        [DATELINE, "run", str(corpus), "--lake", str(serial_lake), "--quiet", "--workers", "1"],
        prefect_env(work / f"prefect-home-serial-{n}"), f"dateline run --workers 1 on {n} articles")
    stream, _, _ = _measured([PYTHON, "-m", "bench.stream", str(corpus), str(stream_lake), "--batch-size", str(batch_size)],
                          prefect_env(work / f"prefect-home-{n}"), f"bench.stream on {n} articles")
    mentions, events = _rows(flow_lake, "mentions"), _rows(flow_lake, "events")
    result = {
        "articles": n, "corpus_mb": round(corpus_bytes / 2**20, 1), "workers": local_cores(),
        "flow_wall_s": round(flow.wall, 1), "flow_cpu_s": round(flow.cpu, 1), "flow_peak_rss_mb": round(flow.peak_rss_mb),
        "flow_tree_peak_rss_mb": flow_tree, "flow_tree_peak_rss_without_server_mb": flow_own,
        "flow_articles_per_s": round(n / flow.wall, 1),
        "serial_wall_s": round(serial.wall, 1), "serial_cpu_s": round(serial.cpu, 1),
        "serial_peak_rss_mb": round(serial.peak_rss_mb), "serial_tree_peak_rss_mb": serial_tree,
        "serial_tree_peak_rss_without_server_mb": serial_own,
        "ratio_wall_flow_over_serial": round(flow.wall / serial.wall, 2),
        **running,
        "ratio_cpu_flow_over_serial": round(flow.cpu / serial.cpu, 2) if serial.cpu else None,
        "ratio_tree_rss_flow_over_serial": round(flow_tree / serial_tree, 2) if serial_tree else None,
        "same_tables_as_serial": _same_tables(flow_lake, serial_lake),
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
    if running:
        result["ratio_wall_running_server_over_flow"] = round(running["running_server_wall_s"] / flow.wall, 2)
        result["same_tables_with_running_server"] = _same_tables(flow_lake, work / f"lake-server-{n}")
    for path in (corpus, flow_lake, serial_lake, stream_lake, work / f"lake-server-{n}"):
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    return result


def _measured_with_running_server(corpus: Path, lake: Path, home: Path) -> dict:
    """The default-workers run against `prefect server start` on 127.0.0.1, started (and timed) before the
    run, as a scheduled deployment runs: the run's figures, and the server's start-up seconds and RSS apart."""
    from bench.prefect_overhead import start_server
    from flows.services import stop_process_group

    proc, api_url, startup_s = start_server(home / "server")
    try:
        server_kib, _ = _descendants_rss_kib(proc.pid)
        server_kib += _rss_kib(proc.pid)
        run, tree, _ = _measured([DATELINE, "run", str(corpus), "--lake", str(lake), "--quiet"],
                                 prefect_env(home / "client", api_url), "dateline run against a running server",
                                 skip=frozenset({proc.pid}))
    finally:
        stop_process_group(proc)
    return {
        "running_server_wall_s": round(run.wall, 1), "running_server_cpu_s": round(run.cpu, 1),
        "running_server_tree_peak_rss_mb": tree, "running_server_start_s": round(startup_s, 1),
        "running_server_own_rss_mb": round(server_kib / 1024),
    }


def _rss_kib(pid: int) -> int:
    """The VmRSS of one process in KiB (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            return next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def _same_tables(one: Path, other: Path) -> bool:
    """True when two lakes hold the same mentions, events and dates (run ids aside), compared as sorted Parquet bytes."""
    import io

    import pyarrow.parquet as pq

    from flows.lake import Lake

    def dump(lake: Path, table: str) -> bytes:
        data = Lake(str(lake)).read(table)
        data = data.drop_columns([c for c in ("run_id",) if c in data.column_names])
        keys = [c for c in data.column_names if not str(data.schema.field(c).type).startswith("list")]
        sink = io.BytesIO()
        pq.write_table(data.sort_by([(c, "ascending") for c in keys]), sink)
        return sink.getvalue()

    return all(dump(one, t) == dump(other, t) for t in ("mentions", "events", "dates"))


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
        out["target_10k"] = target_at(at_10k)
    else:  # quick mode: extrapolate linearly from the measured sizes
        rss = at("flow_peak_rss_mb", 10_000)
        out["target_10k"] = {"wall_s": at("flow_wall_s", 10_000), "cpu_s": at("flow_cpu_s", 10_000),
                             "peak_rss_mb": rss, "measured": False}
        out["target_10k"]["meets_target"] = out["target_10k"]["wall_s"] <= E2E_TARGET_S and rss <= E2E_TARGET_RSS_MB
    out["target_wall_s"], out["target_rss_mb"] = E2E_TARGET_S, E2E_TARGET_RSS_MB
    return out


def target_at(run: dict) -> dict:
    """The 10k target judged on one measured size: wall time and the process tree's peak RSS, beside the serial run.

    The tree counts Prefect's temporary server, which `dateline run` starts when no PREFECT_API_URL is set;
    `peak_rss_without_server_mb` is the same tree when the run uses a running server instead.
    """
    return {
        "wall_s": run["flow_wall_s"], "cpu_s": run["flow_cpu_s"], "peak_rss_mb": run["flow_tree_peak_rss_mb"],
        "peak_rss_without_server_mb": run.get("flow_tree_peak_rss_without_server_mb"),
        "serial_wall_s": run["serial_wall_s"], "ratio_wall_over_serial": run["ratio_wall_flow_over_serial"],
        "running_server_wall_s": run.get("running_server_wall_s"),
        "running_server_tree_peak_rss_mb": run.get("running_server_tree_peak_rss_mb"),
        "measured": True,
        "meets_target": run["flow_wall_s"] <= E2E_TARGET_S and run["flow_tree_peak_rss_mb"] <= E2E_TARGET_RSS_MB,
    }


def main(argv: list[str] | None = None) -> int:
    """Measure the given sizes once each and print their figures and the 10k target as JSON."""
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [10_000]
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-e2e-"))
    try:
        runs = [measure_size(n, 1, work, max(100, min(1000, n))) for n in sizes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = {"sizes": runs, "target_wall_s": E2E_TARGET_S, "target_rss_mb": E2E_TARGET_RSS_MB}
    at_10k = next((r for r in runs if r["articles"] == 10_000), None)
    if at_10k:
        out["target_10k"] = target_at(at_10k)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
