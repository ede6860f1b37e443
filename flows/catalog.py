"""The DuckDB catalog: views over the committed Parquet files, rebuilt in one short step.

Its SQL is in transforms/sql/: a staging view per lake table over its files (`staging/`), then the
marts over them (`marts/`, one view per file).

Local lakes get a `catalog.duckdb` file beside the data, replaced atomically so that readers that
opened it read-only keep a consistent view. Any lake (local or object storage) can also be queried
through an in-memory connection with the same views (`connect`). Connections from `connect` are
locked down: no file access outside the lake's table folders, no settings changes, and `require_select`
refuses anything but SELECT, so a query can neither write nor read other files.
"""

from __future__ import annotations

import os
import uuid

import duckdb

from flows.crashpoints import crashpoint
from flows.lake import Lake, Manifest
from transforms.schema import PARTITION_COLUMN, TABLES
from transforms.sql import load, names, render

def _sql_literal(value: str) -> str:
    """Quote a string as a SQL literal."""
    return "'" + value.replace("'", "''") + "'"


def view_sql(lake: Lake, table: str, manifest: Manifest) -> str:
    """`CREATE VIEW` over a table's files with absolute paths."""
    paths = lake.files(table, manifest)
    files = ", ".join(_sql_literal(p) for p in paths)
    part = PARTITION_COLUMN.get(table)
    hive = f"hive_partitioning = true, hive_types = {{'{part}': VARCHAR}}" if part else "hive_partitioning = false"
    # union_by_name reconciles every file's schema on each query (about 30% more CPU per timeline
    # query in `make bench`): use it only when files written under older schemas differ.
    union = "true" if _schemas_differ(lake, paths) else "false"
    select = render("staging/parquet_files", files=f"[{files}]", union_by_name=union, hive=hive)
    return f"CREATE OR REPLACE VIEW {table} AS {select}"


def _schemas_differ(lake: Lake, paths: list[str]) -> bool:
    """True when the Parquet files do not all have the same schema (read once, at catalog build time)."""
    import pyarrow.parquet as pq

    first = None
    for path in paths:
        schema = pq.read_schema(path, filesystem=lake.fs).remove_metadata()
        if first is None:
            first = schema
        elif not schema.equals(first):
            return True
    return False


def create_views(con: duckdb.DuckDBPyConnection, lake: Lake, manifest: Manifest) -> None:
    """Create the staging views and marts on a connection."""
    for table in TABLES:
        if lake.files(table, manifest):
            con.execute(view_sql(lake, table, manifest))
        else:  # a table added since the snapshot was written: empty, with its columns
            _empty_table(con, table)
    create_marts(con)


def create_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Create the marts (transforms/sql/marts/*.sql) over the staging views, each named after its file."""
    for path in names("marts"):
        con.execute(f"CREATE OR REPLACE VIEW {path.rsplit('/', 1)[-1]} AS {load(path)}")


def _empty_table(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """A zero-row table with the schema's columns (kept in a catalog file, unlike a registered Arrow table)."""
    import pyarrow as pa

    con.register("_empty_rows", pa.Table.from_pylist([], schema=TABLES[table]))
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _empty_rows")
    con.unregister("_empty_rows")


def refresh_catalog(lake: Lake) -> str | None:
    """Rebuild `catalog.duckdb` for the current snapshot (local lakes only); return its path."""
    manifest = lake.manifest()
    if manifest is None or not lake.is_local:
        return None
    final = lake.catalog_path
    tmp = f"{final}.tmp-{uuid.uuid4().hex[:8]}"
    con = duckdb.connect(tmp)
    try:
        create_views(con, lake, manifest)
        # The root it was built for: a moved or copied lake rebuilds its views instead (`connect`).
        con.execute("CREATE TABLE dateline_catalog AS SELECT ? AS manifest_version, ? AS lake_root",
                    [manifest.version, lake.root])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    crashpoint("catalog-written")
    os.replace(tmp, final)
    return final


def catalog_version(path: str) -> int | None:
    """The manifest version a catalog file was built for, or None if unreadable."""
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute("SELECT manifest_version FROM dateline_catalog").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()


class ReadOnlyQuery(Exception):
    """A query that is not a plain SELECT: refused before it runs."""


def _lock_down(con: duckdb.DuckDBPyConnection, lake: Lake) -> duckdb.DuckDBPyConnection:
    """Cache Parquet footers, allow reads of the lake's table folders only, and lock every setting."""
    # A repeated timeline query then skips re-reading every file's footer: about 25% less CPU in `make bench`.
    con.execute("SET parquet_metadata_cache = true")
    if lake.is_local:  # the views read these folders; CURRENT, _manifests and the catalog stay out of reach
        folders = ", ".join(_sql_literal(os.path.join(lake.root, table) + os.sep) for table in TABLES)
        con.execute(f"SET allowed_directories = [{folders}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")  # so a query cannot SET any of this back
    return con


def require_select(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise ReadOnlyQuery unless every statement of `sql` is a SELECT (SHOW, DESCRIBE and SUMMARIZE are)."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error:
        return  # a syntax error: running it reports it the usual way
    for statement in statements:
        if statement.type != duckdb.StatementType.SELECT:
            kind = str(statement.type).rsplit(".", 1)[-1]
            raise ReadOnlyQuery(f"{kind} statements are not allowed: the catalog is read-only (SELECT only)")


def _current_catalog(lake: Lake, manifest: Manifest) -> duckdb.DuckDBPyConnection | None:
    """The catalog file, read-only, when it was built for this snapshot at this very path; else None."""
    if not os.path.exists(lake.catalog_path):
        return None
    try:
        con = duckdb.connect(lake.catalog_path, read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT manifest_version, lake_root FROM dateline_catalog").fetchone()
        if row and row[0] == manifest.version and row[1] == lake.root:
            return con
    except duckdb.Error:
        pass  # a catalog of an older release (no lake_root): build the views in memory
    con.close()
    return None


def connect(lake: Lake) -> duckdb.DuckDBPyConnection:
    """A read-only view of the lake: the catalog file when it is current, else in-memory views.

    A moved or copied lake's catalog names the original's files, so it is used only when built at
    this path; otherwise the views are built in memory from this lake's own manifest.
    """
    manifest = lake.manifest()
    if manifest is None:
        raise FileNotFoundError(f"{lake.location}: no lake here yet (run `dateline run` first)")
    con = _current_catalog(lake, manifest) if lake.is_local else None
    if con is None:
        con = duckdb.connect(":memory:")
        if lake.is_local:
            create_views(con, lake, manifest)
        else:
            _register_remote(con, lake, manifest)
    return _lock_down(con, lake)


def _register_remote(con: duckdb.DuckDBPyConnection, lake: Lake, manifest: Manifest) -> None:
    """Object storage: DuckDB here cannot load httpfs, so register pyarrow datasets instead."""
    for table in TABLES:
        con.register(f"_{table}_dataset", lake.dataset(table, manifest))
        con.execute(f"CREATE OR REPLACE VIEW {table} AS {render('staging/arrow_dataset', dataset=f'_{table}_dataset')}")
    create_marts(con)
