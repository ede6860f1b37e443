"""The lake commits snapshots atomically, evolves schemas and cleans up after crashed runs."""

from __future__ import annotations

import datetime as dt
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.catalog import connect, refresh_catalog
from flows.lake import Lake, Transaction, collect_garbage
from transforms.frames import to_arrow


def _reject(name: str) -> dict:
    return {"input": name, "reason": "empty", "detail": "file is empty", "seen_at": dt.datetime.now(dt.timezone.utc)}


def _article(i: int, month: str = "2026-02") -> dict:
    return {
        "article_id": f"a{i}", "input": f"in{i}.txt", "text": f"text {i}", "word_count": 2,
        "published_at": dt.date.fromisoformat(f"{month}-1{i % 10}"), "pub_month": month,
    }


def test_empty_lake_has_no_manifest(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    assert not lake.exists()
    assert lake.manifest() is None
    assert lake.read("articles").num_rows == 0


def test_commit_makes_every_table_readable(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    txn = Transaction(lake, "run1")
    txn.append("articles", to_arrow("articles", [_article(1), _article(2, "2026-03")]))
    manifest = txn.commit()
    assert manifest.version == 1
    assert lake.read("articles").num_rows == 2
    # Tables not written exist too, empty, so views never break.
    assert lake.read("events").num_rows == 0
    # Hive partitions by publication month.
    assert {os.path.basename(os.path.dirname(p)) for p in lake.files("articles")} >= {
        "pub_month=2026-02", "pub_month=2026-03"
    }
    assert sorted(lake.read("articles").column("pub_month").to_pylist()) == ["2026-02", "2026-03"]


def test_uncommitted_files_are_invisible_and_collected(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    first = Transaction(lake, "run1")
    first.append("articles", to_arrow("articles", [_article(1)]))
    first.commit()
    crashed = Transaction(lake, "run2")
    crashed.append("articles", to_arrow("articles", [_article(2)]))
    # Simulate a crash after files were moved into place but before the manifest swap.
    for staging, relative in crashed.staged:
        os.makedirs(os.path.dirname(lake.path(relative)), exist_ok=True)
        os.replace(staging, lake.path(relative))
    assert lake.read("articles").num_rows == 1
    deleted = collect_garbage(lake)
    assert deleted == 1
    assert lake.read("articles").num_rows == 1


def test_replace_swaps_a_table_whole(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    txn = Transaction(lake, "run1")
    txn.replace("rejects", to_arrow("rejects", [_reject("a"), _reject("b")]))
    txn.commit()
    txn = Transaction(lake, "run2")
    txn.replace("rejects", to_arrow("rejects", [_reject("b")]))
    txn.commit()
    assert lake.read("rejects").column("input").to_pylist() == ["b"]


def test_schema_evolution_reads_old_files_with_new_columns_null(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    txn = Transaction(lake, "run1")
    txn.append("articles", to_arrow("articles", [_article(1)]))
    txn.commit()
    # Rewrite the committed file without a column, as an older version of Dateline would have.
    import pyarrow.parquet as pq

    path = lake.files("articles")[0]
    old = pq.read_table(path).drop_columns(["canonical_url"])
    pq.write_table(old, path)
    table = lake.read("articles")
    assert "canonical_url" in table.column_names
    assert table.column("canonical_url").to_pylist() == [None]


def test_catalog_views_work_from_another_directory(tmp_path, monkeypatch):
    lake = Lake(str(tmp_path / "lake"))
    txn = Transaction(lake, "run1")
    txn.append("articles", to_arrow("articles", [_article(1), _article(2)]))
    txn.commit()
    refresh_catalog(lake)
    monkeypatch.chdir(tmp_path.parent)
    import duckdb

    con = duckdb.connect(lake.catalog_path, read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == 2
    assert con.execute("select count(*) from events").fetchone()[0] == 0
    con.close()
    con = connect(lake)
    assert con.execute("select count(*) from articles where pub_month = '2026-02'").fetchone()[0] == 2
    con.close()


def test_every_row_lands_in_a_partition_sorted_by_date(tmp_path):
    """Rows with no partition value, or an empty one, go to "unknown"; each file is sorted, ties in input order."""
    rows = [_article(i, month) for i, month in enumerate(["2026-03", "2026-02", "2026-03", "2026-02"])]
    rows[1]["published_at"] = rows[3]["published_at"] = dt.date(2026, 2, 14)  # a tie: a1 stays before a3
    rows += [dict(_article(7), pub_month=None, article_id="none"), dict(_article(8), pub_month="", article_id="empty")]
    lake = Lake(str(tmp_path / "lake"))
    txn = Transaction(lake, "run1")
    txn.append("articles", to_arrow("articles", list(reversed(rows[4:])) + rows[:4]))
    txn.commit()
    assert sorted(lake.read("articles").column("article_id").to_pylist()) == sorted(r["article_id"] for r in rows)
    folders = sorted(path.split("/")[-2] for path in lake.files("articles"))
    assert folders == ["pub_month=2026-02", "pub_month=2026-03", "pub_month=unknown"]
    february = next(p for p in lake.files("articles") if "pub_month=2026-02" in p)
    assert pq.read_table(february).column("article_id").to_pylist() == ["a1", "a3"]


def test_a_snapshot_written_before_a_table_existed_reads_it_as_empty(tmp_path):
    import json

    from dateline.commands.timeline import load_story

    lake = Lake(str(tmp_path / "lake"))
    txn = Transaction(lake, "run1")
    txn.append("articles", to_arrow("articles", [_article(1)]))
    manifest = txn.commit()
    path = lake.path(f"_manifests/{manifest.version:08d}.json")
    with open(path) as handle:
        old = json.load(handle)
    del old["tables"]["dates"]  # as written before the `dates` table was added
    with open(path, "w") as handle:
        json.dump(old, handle)
    assert lake.read("dates").num_rows == 0
    memory = connect(lake)  # no catalog file yet: in-memory views
    refresh_catalog(lake)
    catalog = connect(lake)
    for con in (memory, catalog):
        assert con.execute("SELECT count(*) FROM dates").fetchone() == (0,)
        assert "day" in [d[0] for d in con.execute("SELECT * FROM dates").description]
        assert load_story(con, None, None)[2] == {dt.date(2026, 2, 11): 1}
    catalog.close()
    memory.execute("DROP TABLE dates")  # as in a catalog built by the code of before
    assert load_story(memory, None, None)[3] == []
    memory.close()
