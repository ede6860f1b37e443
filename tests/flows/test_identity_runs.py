"""Whole runs (issue #20): the same files by any path add nothing, an old lake migrates, odd names load."""

from __future__ import annotations

import os
import re

import pytest

from flows.lake import Lake
from tests.conftest import run_cli
from tests.flows.test_input_identity import _old_style_lake, make_docs

pytestmark = pytest.mark.slow
SUMMARY = re.compile(r"(\d+) inputs: (\d+) new articles, (\d+) duplicates, (\d+) unchanged, (\d+) rejected")


def run(lake, source: str, cwd) -> tuple[int, int, int, int, int]:
    """One CLI run from a folder; its (inputs, new, duplicates, unchanged, rejected), the law checked."""
    out = run_cli("run", source, "--lake", str(lake), "-q", cwd=cwd)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
    counts = tuple(map(int, SUMMARY.search(out.stdout).groups()))
    print(counts)
    assert counts[1] + counts[2] + counts[3] + counts[4] == counts[0], out.stdout
    return counts


def inputs_of(lake) -> list[str]:
    return sorted(Lake(str(lake)).read("articles", columns=["input"]).column("input").to_pylist())


def test_any_path_to_the_same_files_adds_nothing_and_an_old_lake_migrates(tmp_path, prefect_api):
    work, docs = tmp_path / "work", tmp_path / "work" / "docs"
    make_docs(docs)  # 5 inputs: a.txt, b.md, bad\xffname.txt, dump.jsonl:1, dump.jsonl:2
    (tmp_path / "elsewhere").mkdir()
    lake = tmp_path / "lake"
    assert run(lake, "docs", work) == (5, 5, 0, 0, 0)  # `make run`: a relative path
    assert run(lake, str(docs), work) == (5, 0, 0, 5, 0)  # `dateline serve`: absolute
    assert run(lake, "../work/docs", tmp_path / "elsewhere") == (5, 0, 0, 5, 0)
    real = os.path.realpath(docs)
    assert inputs_of(lake) == sorted(f"{real}/{n}" for n in ("a.txt", "b.md", "bad\\xffname.txt",
                                                              "dump.jsonl:1", "dump.jsonl:2"))
    # A lake written before canonical names (rows keyed by the typed relative path), run from elsewhere.
    old = tmp_path / "old-lake"
    _old_style_lake(old, docs, work)
    assert all(not name.startswith("/") for name in inputs_of(old))
    assert run(old, str(docs), tmp_path / "elsewhere") == (5, 0, 0, 5, 0)
    assert inputs_of(old) == inputs_of(lake)  # migrated: the rows carry the canonical names now
    (docs / "a.txt").write_text("Talks resumed in Geneva on Monday, the mediators said. " * 3)
    assert run(old, "docs", work) == (5, 1, 0, 4, 0)  # a changed file replaces its row
    assert len(inputs_of(old)) == 5
