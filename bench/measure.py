"""Timing, memory and machine facts shared by the benchmarks."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass
class Timing:
    """Wall-clock and CPU seconds of one measured piece of work."""

    wall: float
    cpu: float


def timed(fn, *args, **kwargs) -> tuple[object, Timing]:
    """Call fn and return its result with the wall and process CPU time it took."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, Timing(time.perf_counter() - w0, time.process_time() - c0)


def rate(count: int, seconds: float) -> float:
    """Items per second, guarded against a zero duration."""
    return count / seconds if seconds > 0 else float("inf")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[max(0, min(98, round(q) - 1))]


@dataclass
class ChildRun:
    """A finished subprocess: exit code, wall seconds, CPU seconds, peak RSS (MB) and its output."""

    returncode: int
    wall: float
    cpu: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def run_child(args: list[str], env: dict | None = None, cwd: str | Path | None = None, timeout: float = 3600) -> ChildRun:
    """Run a command and measure it with wait4: the child's own peak RSS, not this process's."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-child-{os.getpid()}-{time.monotonic_ns()}"
    with open(f"{out_path}.out", "w+") as out, open(f"{out_path}.err", "w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, env=env, cwd=cwd or ROOT, stdout=out, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    # ru_maxrss is in KiB on Linux.
    return ChildRun(proc.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr)


def prefect_env(home: str | Path, api_url: str | None = None) -> dict:
    """Environment for a child that runs a Prefect flow: private home, no analytics, quiet logs."""
    env = dict(os.environ)
    env.update({
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
        "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    })
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def machine() -> dict:
    """What the figures ran on: CPU, cores, memory, OS, Python, load and key library versions."""
    info = {"platform": platform.platform(), "python": platform.python_version(), "cores": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        info["cpu"] = names[0] if names else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    try:
        with open("/proc/meminfo") as handle:
            kib = int(handle.readline().split()[1])
        info["memory_gb"] = round(kib / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    from importlib.metadata import PackageNotFoundError, version

    for name in ("duckdb", "pyarrow", "pandas", "prefect", "dateparser"):
        try:
            info[name] = version(name)
        except PackageNotFoundError:
            pass
    return info


def child_main(work: Callable[..., dict], prog: str, paths: list[str], counts: dict[str, int],
               argv: list[str] | None = None, description: str | None = None) -> int:
    """The entry of a benchmark's child process: `paths` as positional arguments, `counts` as whole-number
    options (--name: default), then work(*paths, *counts) printed as one JSON line for the parent to read."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    for name in paths:
        parser.add_argument(name)
    for option, default in counts.items():
        parser.add_argument(option, type=int, default=default)
    args = vars(parser.parse_args(argv))
    names = paths + [option.lstrip("-").replace("-", "_") for option in counts]
    print(json.dumps(work(*(args[name] for name in names))))
    return 0
