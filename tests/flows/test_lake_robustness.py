"""The lake against a careless user and a hostile query (issue #20, items 8, 11, 14).

A real lake written by `dateline run`, then queried, copied, moved and littered with stray files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.catalog import refresh_catalog
from flows.lake import Lake, collect_garbage
from tests.conftest import SAMPLES, run_cli

pytestmark = pytest.mark.slow
FIRST = [str(SAMPLES / "2026-02-20-meridian-gaza-council.txt"), str(SAMPLES / "2026-03-03-harbor-sudan-ceasefire-signed.txt")]
SECOND = str(SAMPLES / "2026-02-27-northline-gaza-council-second-session.txt")


@pytest.fixture(scope="module")
def built_lake(tmp_path_factory, prefect_api) -> Path:
    """A lake with two articles, written once by a real run (tests copy it)."""
    lake = tmp_path_factory.mktemp("built") / "lake"
    result = run_cli("run", *FIRST, "--lake", str(lake), "-q")
    assert result.returncode == 0, result.stderr
    return lake


@pytest.fixture
def lake(built_lake, tmp_path) -> Path:
    """A private copy of the built lake (its catalog rebuilt for the copy's path by a query-free check)."""
    copy = tmp_path / "lake"
    shutil.copytree(built_lake, copy)
    return copy


def query(lake: Path, sql: str, *extra: str):
    """`dateline query SQL --lake LAKE --format csv`."""
    return run_cli("query", sql, "--lake", str(lake), "--format", "csv", *extra)


def count(lake: Path, table: str = "articles") -> int:
    """Rows of a table through `dateline query`."""
    result = query(lake, f"select count(*) from {table}")
    assert result.returncode == 0, result.stderr
    return int(result.stdout.splitlines()[1])


def assert_one_line_error(result, *words: str) -> None:
    """Non-zero exit, nothing on stdout, exactly one `dateline: error:` line naming the words."""
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dateline: error:"), result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]


HOSTILE = [
    "copy (select 'x') to '{lake}/CURRENT' (format csv, header false)",
    "copy (select 1 as a) to '{lake}/articles/evil.parquet'",
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('{lake}/CURRENT')",
    "select * from glob('/etc/*')",
    "attach '{lake}/other.duckdb' as other",
    "install httpfs",
    "load httpfs",
    "set enable_external_access = true",
    "reset lock_configuration",
    "create table t as select 1",
    "select 1; copy (select 1) to '{lake}/x.csv'",
    "explain analyze copy (select 1) to '{lake}/CURRENT'",
    "export database '{lake}/dump'",
]


@pytest.mark.parametrize("catalog", ["file", "in-memory"])
def test_query_cannot_write_or_read_outside_the_lake(lake, catalog):
    if catalog == "in-memory":  # the views are built in memory when the catalog file is missing
        (lake / "catalog.duckdb").unlink()
    before = {p: p.read_bytes() for p in lake.rglob("*") if p.is_file()}
    for sql in HOSTILE:
        assert_one_line_error(query(lake, sql.format(lake=lake)), "query failed")
    after = {p: p.read_bytes() for p in lake.rglob("*") if p.is_file()}
    assert after == before  # not one file written, changed or removed
    assert count(lake) == 2  # and the lake still reads


def test_read_only_catalog_still_answers_ordinary_queries(lake):
    result = query(lake, "with t as (select event_type from events) select count(*) > 0 from t")
    assert result.returncode == 0 and result.stdout.splitlines()[1] == "True", result.stderr
    assert query(lake, "describe articles").returncode == 0
    assert query(lake, "show tables").returncode == 0


def test_stray_files_in_manifests_are_ignored(lake):
    manifests = lake / "_manifests"
    first = sorted(manifests.iterdir())[0]
    shutil.copy(first, manifests / "00000001 copy.json")
    (manifests / "notes.txt").write_text("my notes")
    (manifests / "99999999.json.bak").write_text("{}")
    (manifests / "00000002.JSON").write_text("{}")
    store = Lake(str(lake))
    assert store.manifest().version == 1
    collect_garbage(store)  # crashed on int("00000001 copy") before
    assert (manifests / "00000001 copy.json").exists() and (manifests / "notes.txt").exists()
    result = run_cli("run", SECOND, "--lake", str(lake), "-q")
    assert result.returncode == 0, result.stderr
    assert store.manifest().version == 2 and count(lake) == 3


def test_a_corrupt_current_pointer_is_one_line(lake):
    (lake / "CURRENT").write_text("../../etc/passwd\n")
    assert_one_line_error(query(lake, "select 1"), "CURRENT does not name a manifest")


def own_copy(built_lake: Path, path: Path) -> Path:
    """A copy of the built lake whose catalog was built for the copy's own path, as a run there leaves it."""
    shutil.copytree(built_lake, path)
    refresh_catalog(Lake(str(path)))
    return path


def test_a_moved_lake_reads_its_own_files(built_lake, tmp_path):
    original = own_copy(built_lake, tmp_path / "original")
    moved = tmp_path / "moved"
    shutil.copytree(original, moved)
    shutil.rmtree(original)
    assert count(moved) == 2
    assert count(moved, "events") > 0


def test_a_copied_lake_does_not_see_the_originals_next_run(built_lake, tmp_path):
    original = own_copy(built_lake, tmp_path / "original")
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    result = run_cli("run", SECOND, "--lake", str(original), "-q")
    assert result.returncode == 0, result.stderr
    assert count(original) == 3
    assert count(copy) == 2
    # The copy's views read the copy's files: its catalog named the original's before.
    views = query(copy, "select string_agg(sql, ' ') from duckdb_views() where not internal")
    assert views.returncode == 0 and str(copy) in views.stdout and str(original) + "/" not in views.stdout
    # The copy's own run adds to the copy only.
    assert run_cli("run", SECOND, "--lake", str(copy), "-q").returncode == 0
    assert count(copy) == 3 and count(original) == 3
