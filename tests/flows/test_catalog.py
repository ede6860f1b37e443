"""The DuckDB catalog over real lakes: built for one snapshot, replaced whole, reconciling files written under
older schemas only when they differ. (Hostile queries: tests/flows/test_lake_robustness.py.)"""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow.parquet as pq
from flows.catalog import catalog_version, connect, refresh_catalog, view_sql
from flows.lake import Lake, Transaction
from transforms.frames import to_arrow


def _articles(*ids: int) -> list[dict]:
    return [{"article_id": f"a{i}", "input": f"in{i}.txt", "title": f"title {i}", "text": f"text {i}", "word_count": 2,
             "published_at": dt.date(2026, 2, 10 + i), "pub_month": "2026-02"} for i in ids]


def _commit(lake: Lake, run: str, *ids: int):
    """Commit articles as a new snapshot; return its manifest."""
    txn = Transaction(lake, run)
    txn.append("articles", to_arrow("articles", _articles(*ids)))
    return txn.commit()


def _count(con: duckdb.DuckDBPyConnection, table: str = "articles") -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_a_catalog_knows_its_snapshot_and_a_stale_one_is_not_used(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    first = _commit(lake, "run1", 1)
    path = refresh_catalog(lake)
    assert catalog_version(path) == first.version
    second = _commit(lake, "run2", 2, 3)  # a run that committed but died before rebuilding the catalog
    assert catalog_version(path) == first.version != second.version
    con = connect(lake)  # views built in memory over the current snapshot, not the stale file's
    assert _count(con) == 3
    con.close()


def test_a_reader_of_the_old_catalog_keeps_its_snapshot_while_the_new_one_replaces_it(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    _commit(lake, "run1", 1)
    reader = duckdb.connect(refresh_catalog(lake), read_only=True)
    second = _commit(lake, "run2", 2)
    refresh_catalog(lake)
    assert _count(reader) == 1  # the open file is the old one, whole: replaced, not rewritten in place
    reader.close()
    assert catalog_version(lake.catalog_path) == second.version
    assert [p.name for p in (tmp_path / "lake").iterdir() if "catalog" in p.name] == ["catalog.duckdb"]


def test_an_unreadable_catalog_file_has_no_version_and_is_rebuilt_in_memory(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    _commit(lake, "run1", 1, 2)
    (tmp_path / "lake" / "catalog.duckdb").write_bytes(b"not a database")
    assert catalog_version(lake.catalog_path) is None
    con = connect(lake)
    assert _count(con) == 2 and _count(con, "events") == 0  # a table no run wrote yet: empty, not missing
    con.close()


def test_files_of_an_older_schema_are_reconciled_by_name_only_when_they_differ(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    _commit(lake, "run1", 1)
    manifest = _commit(lake, "run2", 2)
    assert "union_by_name = false" in view_sql(lake, "articles", manifest)  # same schema: the cheaper scan
    old = sorted(lake.files("articles", manifest))[0]
    pq.write_table(pq.read_table(old).drop_columns(["canonical_url", "title"]), old)  # as an older release wrote it
    assert "union_by_name = true" in view_sql(lake, "articles", manifest)
    refresh_catalog(lake)
    con = duckdb.connect(lake.catalog_path, read_only=True)
    rows = con.execute("select article_id, title from articles order by article_id").fetchall()
    assert rows == [("a1", None), ("a2", "title 2")]  # the old file's missing column reads as null
    con.close()

