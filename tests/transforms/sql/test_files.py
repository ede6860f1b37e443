"""transforms/sql: every .sql file is used by the code, and binds in DuckDB against a real small lake."""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.catalog import connect
from flows.lake import Lake
from tests.transforms.lake_rows import article_rows, event_rows, mention_rows
from transforms.schema import TABLES
from transforms.sql import all_files, load, names, render

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("transforms", "flows", "dateline", "dashboards", "bench", "evaluation")
LOADERS = {"load", "render", "names"}


def referenced_paths() -> dict[str, set[str]]:
    """Each string the package code passes to load/render/names, with the files that pass it."""
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                first = node.args[0]
                if name in LOADERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, set()).add(str(path.relative_to(ROOT)))
    return found


def optional_parts(path: str) -> tuple[str, ...]:
    """The names of a file's optional parts (`/*[name] ... */`)."""
    return tuple(re.findall(r"/\*\[(\w+)\]", load(path)))


def test_every_sql_file_is_used_and_every_reference_exists():
    refs = referenced_paths()
    folders = {r for r in refs if not r.startswith("queries/") and "/" not in r}  # names("marts")
    used = {r for r in refs if r not in folders} | {p for folder in folders for p in names(folder)}
    assert sorted(set(all_files()) - used) == []
    assert sorted(used - set(all_files())) == []
    assert "marts" in folders and len(all_files()) >= 30


@pytest.mark.parametrize("path", [p for p in all_files() if not p.startswith("staging/")])
def test_every_query_and_mart_binds_against_a_real_lake(small_lake, path):
    con = connect(Lake(str(small_lake)))
    try:
        for parts in {(), optional_parts(path)}:  # as it stands, and with every optional part
            sql = render(path, switch_on=parts)
            assert len(con.extract_statements(sql)) == 1
            con.execute(f"PREPARE checked AS {sql}")  # binds names and types against the lake's views
            con.execute("DEALLOCATE checked")
    finally:
        con.close()


def test_a_misspelt_column_fails_the_bind_check(small_lake):
    con = connect(Lake(str(small_lake)))
    try:
        with pytest.raises(duckdb.BinderException):
            con.execute("PREPARE checked AS " + load("marts/timeline").replace("e.evidence", "e.evidense"))
    finally:
        con.close()


def test_staging_views_read_every_table_and_the_marts_join_them(small_lake):
    con = connect(Lake(str(small_lake)))
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        marts = {p.split("/")[-1]: con.execute(f"SELECT count(*) FROM {p.split('/')[-1]}").fetchone()[0]
                 for p in names("marts")}
    finally:
        con.close()
    assert counts == {"articles": len(article_rows()), "mentions": len(mention_rows()), "events": len(event_rows()),
                      "dates": 2, "rejects": 1, "runs": 1}
    assert marts == {"timeline": 4, "event_sources": 4, "article_events": 4}


def test_the_catalog_file_holds_staging_views_and_marts(small_lake):
    con = duckdb.connect(str(small_lake / "catalog.duckdb"), read_only=True)
    try:
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    finally:
        con.close()
    assert views == set(TABLES) | {p.split("/")[-1] for p in names("marts")}


def test_arrow_dataset_staging_reads_a_registered_table(small_lake):
    con = duckdb.connect()
    con.register("_events_dataset", pq.read_table(Lake(str(small_lake)).files("events")[0]))
    con.execute(f"CREATE VIEW events AS {render('staging/arrow_dataset', dataset='_events_dataset')}")
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == len(event_rows())


def test_render_fills_slots_switches_parts_and_refuses_unknown_names():
    sql = render("queries/dashboard/event_page", switch_on=("reverse",), where=" WHERE x = ?", order="a DESC,")
    assert "FROM events  WHERE x = ? ORDER BY a DESC, event_id DESC LIMIT" in " ".join(sql.split("\n"))
    plain = render("queries/dashboard/event_page")
    assert "ORDER BY  event_id  LIMIT" in plain and "--" not in plain  # comment lines are dropped
    with pytest.raises(KeyError, match="no slot or optional part named wher"):
        render("queries/dashboard/event_page", wher=" WHERE x = ?")
    with pytest.raises(KeyError):
        render("queries/dashboard/event_page", switch_on=("meetings",))


def test_pyproject_ships_every_sql_file_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["transforms"]
    files = [p.relative_to(ROOT / "transforms").as_posix() for p in (ROOT / "transforms" / "sql").rglob("*.sql")]
    # setuptools' `*` does not cross a folder, as fnmatch's does: compare folder depth too
    shipped = [f for f in files if any(fnmatch.fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)]
    assert sorted(shipped) == sorted(files) and len(files) == len(all_files())


def test_docstring_examples_hold():
    import doctest

    import transforms.sql

    result = doctest.testmod(transforms.sql)
    assert result.attempted > 0 and result.failed == 0
