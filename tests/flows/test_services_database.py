"""The migrated Prefect database a fresh PREFECT_HOME gets before its temporary server starts (flows/services.py)."""

from __future__ import annotations

import sqlite3

import pytest

from flows.services import MigratedDatabase


def _database(path, flow_runs: int = 0) -> None:
    """A small SQLite database with a flow_run table holding `flow_runs` rows."""
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE flow_run (id TEXT)")
        con.executemany("INSERT INTO flow_run VALUES (?)", [(str(i),) for i in range(flow_runs)])
    con.close()


def _flow_runs(path) -> int:
    """Rows of the flow_run table of a database."""
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM flow_run").fetchone()[0]
    finally:
        con.close()


def test_a_fresh_home_gets_the_template_and_a_used_home_keeps_its_database(tmp_path):
    template = tmp_path / "cache" / "migrated.db"
    template.parent.mkdir()
    _database(template)
    fresh = MigratedDatabase(tmp_path / "home" / "prefect.db", template)
    assert fresh.place() is True
    assert _flow_runs(fresh.database) == 0
    used = MigratedDatabase(tmp_path / "used" / "prefect.db", template)
    used.database.parent.mkdir()
    _database(used.database, flow_runs=3)
    assert used.place() is False
    assert _flow_runs(used.database) == 3  # untouched
    assert not list((tmp_path / "home").glob("*.partial"))


def test_a_fresh_home_without_a_template_is_left_to_prefect(tmp_path):
    fresh = MigratedDatabase(tmp_path / "home" / "prefect.db", tmp_path / "cache" / "migrated.db")
    assert fresh.place() is True  # the home had no database: its server migrates it
    assert not fresh.database.exists()


def test_the_first_migrated_database_becomes_the_template_unless_a_run_wrote_to_it(tmp_path):
    home = MigratedDatabase(tmp_path / "home" / "prefect.db", tmp_path / "cache" / "migrated.db")
    home.database.parent.mkdir()
    _database(home.database, flow_runs=1)
    home.keep()
    assert not home.template.exists()  # it holds a run already: not an empty database
    home.database.unlink()
    _database(home.database)
    home.keep()
    assert _flow_runs(home.template) == 0
    assert [p.name for p in home.template.parent.iterdir()] == ["migrated.db"]


def test_an_unreadable_database_makes_no_template(tmp_path):
    home = MigratedDatabase(tmp_path / "home" / "prefect.db", tmp_path / "cache" / "migrated.db")
    home.database.parent.mkdir()
    home.database.write_bytes(b"not a database")
    home.keep()
    assert not home.template.exists()
    assert not list(home.template.parent.glob("*.partial"))


@pytest.mark.parametrize("setting, value", [
    ("PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://u:p@localhost/prefect"),
    ("PREFECT_API_DATABASE_MIGRATE_ON_START", "false"),
])
def test_only_prefects_own_sqlite_database_migrated_on_start_is_prepared(tmp_path, monkeypatch, setting, value):
    from prefect.context import refresh_global_settings_context

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    refresh_global_settings_context()
    try:
        prepared = MigratedDatabase.for_current_settings()
        assert prepared is not None
        assert prepared.database == tmp_path / "home" / "prefect.db"
        assert prepared.template.parent == tmp_path / "cache" / "dateline" / "prefect-db"
        monkeypatch.setenv(setting, value)
        refresh_global_settings_context()
        assert MigratedDatabase.for_current_settings() is None
    finally:
        monkeypatch.undo()
        refresh_global_settings_context()


def test_a_copy_that_fails_leaves_no_half_file(tmp_path, monkeypatch):
    import shutil

    template = tmp_path / "cache" / "migrated.db"
    template.parent.mkdir()
    _database(template)
    fresh = MigratedDatabase(tmp_path / "home" / "prefect.db", template)

    def full_disk(source, target):
        open(target, "wb").write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full_disk)
    assert fresh.place() is True  # Prefect migrates (or fails on the full disk) as it would have
    assert list((tmp_path / "home").iterdir()) == []
