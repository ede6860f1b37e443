"""Set-up honesty: make test gets chromium or says how, make bench leaves tracked files alone, dateline prune
keeps Prefect's state bounded."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

from tests.conftest import BIN, ROOT


def _make(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=60)


def test_make_test_without_chromium_and_apt_stops_at_once_with_the_command():
    started = time.monotonic()
    result = _make("chromium", "CHROMIUM=/nonexistent/chromium", "APT_GET=/nonexistent/apt-get")
    assert result.returncode != 0 and time.monotonic() - started < 10
    assert "sudo apt-get install -y chromium" in result.stderr
    plan = _make("-n", "test", "CHROMIUM=/nonexistent/chromium")
    assert plan.stdout.index("chromium") < plan.stdout.index("pytest")  # checked before the suite runs


def test_make_test_installs_chromium_through_apt_when_root(tmp_path):
    if os.geteuid() != 0:  # the other branch is the one above
        result = _make("chromium", "CHROMIUM=/nonexistent/chromium", f"APT_GET={tmp_path}/apt-get")
        assert result.returncode != 0 and "sudo apt-get install -y chromium" in result.stderr
        return
    log = tmp_path / "apt.log"
    fake = tmp_path / "apt-get"
    fake.write_text(f"#!/bin/sh\necho \"$@\" >> {log}\n")
    fake.chmod(0o755)
    result = _make("chromium", "CHROMIUM=/nonexistent/chromium", f"APT_GET={fake}")
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq chromium"]


def test_make_bench_writes_outside_the_tracked_tree():
    import bench.__main__ as bench_main

    tracked = subprocess.run(["git", "ls-files", "bench"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    out = bench_main.default_out("quick")
    assert not out.resolve().is_relative_to(ROOT.resolve()) and str(out.relative_to(out.anchor)) not in tracked
    assert "--out" not in _make("-n", "bench").stdout and "--out" not in _make("-n", "bench-full").stdout
    assert "--out bench/results.json" in _make("-n", "bench", "OUT=bench/results.json").stdout


def test_readme_says_where_prefect_keeps_its_state():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "~/.local/state/dateline/prefect" in readme and "dateline prune --older-than 30d" in readme


def test_prune_deletes_old_flow_runs_logs_and_results(tmp_path):
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_URL")}
    env.update(PREFECT_HOME=str(home), PREFECT_LOCAL_STORAGE_PATH=str(home / "storage"),
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="180", PREFECT_LOGGING_LEVEL="WARNING")
    env.pop("PREFECT_API_URL", None)
    script = (
        "from prefect import flow, get_run_logger\n"
        "@flow\n"
        "def tiny(i: int) -> int:\n"
        "    get_run_logger().warning('tiny run %s', i)\n"
        "    return i\n"
        "for i in range(3):\n"
        "    tiny(i)\n"
    )
    made = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    (home / "storage").mkdir(parents=True, exist_ok=True)
    old = home / "storage" / "old-result"
    old.write_text("x")
    os.utime(old, (time.time() - 40 * 86400,) * 2)
    database = home / "prefect.db"

    def counts() -> tuple[int, int]:
        con = sqlite3.connect(database)
        try:
            return (con.execute("select count(*) from flow_run").fetchone()[0],
                    con.execute("select count(*) from log").fetchone()[0])
        finally:
            con.close()

    runs, logs = counts()
    assert runs == 3 and logs >= 3
    kept = subprocess.run([str(BIN / "dateline"), "prune", "--older-than", "30d"], env=env, capture_output=True,
                          text=True, timeout=600)
    assert kept.returncode == 0, kept.stderr
    assert counts() == (runs, logs) and not old.exists()  # recent runs stay, the 40-day-old result goes
    assert kept.stdout.startswith("0 flow runs, 0 log lines and 1 stored results deleted")
    time.sleep(1.5)
    pruned = subprocess.run([str(BIN / "dateline"), "prune", "--older-than", "1s"], env=env, capture_output=True,
                            text=True, timeout=600)
    assert pruned.returncode == 0, pruned.stderr
    assert pruned.stdout.startswith("3 flow runs, ")
    assert counts()[0] == 0 and counts()[1] < logs
    bad = subprocess.run([str(BIN / "dateline"), "prune", "--older-than", "soon"], env=env, capture_output=True,
                         text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("dateline: error: --older-than soon: expected a number")
