"""A full disk stops a run with one line and leaves the lake as it was (issue #20, item 9).

The lake (and in one case Prefect's home) lives on a real 16 MB tmpfs, filled to the last byte
before the second run. Mounting needs root; without it the test is skipped, never passed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.soak import fill as fill_disk
from tests.conftest import BIN, ROOT, SAMPLES, run_cli

pytestmark = pytest.mark.slow
FIRST = str(SAMPLES / "2026-02-20-meridian-gaza-council.txt")


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 16 MB tmpfs mounted for this test."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte (the soak's filler); return the filler file."""
    filler = fill_disk(disk)
    assert shutil.disk_usage(disk).free < 4096
    return filler


def snapshot(lake: Path) -> dict:
    """What a reader sees: CURRENT, the manifest it names, and the row count through `dateline query`."""
    result = run_cli("query", "select count(*) from articles", "--lake", str(lake), "--format", "csv")
    assert result.returncode == 0, result.stderr
    current = (lake / "CURRENT").read_text()
    return {"current": current, "manifest": (lake / "_manifests" / f"{current.strip()}.json").read_text(),
            "articles": int(result.stdout.splitlines()[1])}


def run(lake: Path, source: str, env: dict) -> subprocess.CompletedProcess:
    """`dateline run SOURCE --lake LAKE -q` with this environment (PREFECT_API_URL unset for an empty value)."""
    full = dict(os.environ, **env)
    if not full.get("PREFECT_API_URL"):
        full.pop("PREFECT_API_URL", None)
    return subprocess.run([str(BIN / "dateline"), "run", source, "--lake", str(lake), "-q"], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=300)


def assert_one_error_line(result, place: str) -> None:
    """Non-zero exit; stderr holds only `dateline:` lines, exactly one of them an error, and no traceback."""
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert all(line.startswith("dateline:") for line in lines), result.stderr[-3000:]
    errors = [line for line in lines if line.startswith("dateline: error:")]
    assert len(errors) == 1 and "no space left" in errors[0].lower() and place in errors[0], lines


@pytest.mark.parametrize("full", ["lake", "lake-and-prefect-home", "prefect-home"])
def test_a_full_disk_is_one_line_and_the_lake_stays_intact(small_disk, tmp_path, full, prefect_api):
    lake = (small_disk if full.startswith("lake") else tmp_path) / "lake"
    env = {}
    if full != "lake":  # Prefect's temporary server, whose database cannot grow: it answers 500s
        env = {"PREFECT_API_URL": "", "PREFECT_HOME": str(small_disk / "prefect-home")}
    first = run(lake, FIRST, env)
    assert first.returncode == 0, first.stderr
    before = snapshot(lake)
    filler = fill(small_disk)
    failed = run(lake, str(SAMPLES), env)
    assert_one_error_line(failed, "PREFECT_HOME" if full == "prefect-home" else "the lake")
    filler.unlink()
    if full == "prefect-home":  # the lake had room: the run may have committed before Prefect failed
        assert snapshot(lake)["current"] in {before["current"], f"{int(before['current']) + 1:08d}\n"}
    else:
        assert snapshot(lake) == before
    again = run(lake, str(SAMPLES), env)  # with room again, the run completes
    assert again.returncode == 0, again.stderr
    assert snapshot(lake)["articles"] == 19
    assert not (lake / "_staging").exists() or not os.listdir(lake / "_staging")
