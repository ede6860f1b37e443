"""The README's examples, run as written in a fresh folder holding only the bundled samples."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import BIN, ROOT, SAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")
# `dateline dashboard` serves until stopped: tests/dashboards/test_command.py starts and stops it.
LONG_RUNNING = ("dateline dashboard",)


def _blocks(language: str) -> list[str]:
    """The README's fenced code blocks of one language."""
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def _example_lines() -> list[str]:
    """Command lines of the README's bash examples that run against a lake (not make, not servers)."""
    lines = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            command = re.split(r"\s{2,}#", line)[0].strip()
            if command.startswith(("dateline ", ".venv/bin/python -c")) and not command.startswith(LONG_RUNNING):
                if "../shared" in command or "--cron" in command or "dask" in command or "eval" in command:
                    continue  # corpora and clusters outside a fresh clone
                lines.append(command)
    return lines


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory, prefect_api):
    """A folder like a fresh clone after `make run`: data/samples, data/lake, .venv."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(SAMPLES, root / "data" / "samples")
    (root / ".venv").symlink_to(BIN.parent)
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    made = subprocess.run(["dateline", "run", "data/samples", "--lake", "data/lake"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)  # what `make run` runs
    assert made.returncode == 0, made.stderr
    return root, env


def test_the_readme_has_the_examples_we_run():
    lines = _example_lines()
    assert any(line.startswith("dateline export --format acled") for line in lines)
    assert any("duckdb" in line for line in lines) and not any("duckdb -readonly" in line for line in lines)
    assert "duckdb -readonly" not in README


def test_bash_examples_run_as_written(fresh_clone):
    root, env = fresh_clone
    for line in _example_lines():
        result = subprocess.run(["bash", "-c", line], cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{line}: {result.stderr}"
        assert result.stdout or re.search(r"(>|-o) \S+", line), f"{line}: printed nothing"
        assert "Traceback" not in result.stderr
    assert (root / "meetings.csv").read_text(encoding="utf-8").startswith("event_date,")
    assert (root / "events-acled.csv").read_bytes().startswith(b"\xef\xbb\xbfevent_id_cnty,event_date")


def test_python_example_runs_as_written(fresh_clone):
    root, env = fresh_clone
    (block,) = [b for b in _blocks("python") if "import dateline" in b]
    check = (
        "\nimport pandas, pyarrow\n"
        "assert isinstance(events, pandas.DataFrame) and events.event_type.tolist()[0] == 'meeting'\n"
        "assert isinstance(meetings, pandas.DataFrame) and len(meetings) > 0\n"
        "assert isinstance(table, pyarrow.Table) and table.num_rows > 0\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", block + check], cwd=root, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr
