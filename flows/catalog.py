"""The DuckDB catalog: views over the committed Parquet files, rebuilt in one short step.

Local lakes get a `catalog.duckdb` file beside the data, replaced atomically so that readers that
opened it read-only keep a consistent view. Any lake (local or object storage) can also be queried
through an in-memory connection with the same views (`connect`).
"""

from __future__ import annotations

import os
import uuid

import duckdb

from flows.crashpoints import crashpoint
from flows.lake import Lake, Manifest
from transforms.schema import PARTITION_COLUMN, TABLES

# Marts: SQL over the staging views, for the questions users ask most.
MARTS = {
    "timeline": """
        SELECT e.event_date, e.date_precision, e.event_type, e.actors, e.location, e.modality,
               e.num_sources, e.num_articles, e.evidence, e.url, e.event_id
        FROM events e
        ORDER BY e.event_date NULLS LAST, e.num_sources DESC
    """,
    "event_sources": """
        SELECT e.event_id, e.event_date, e.date_precision, e.event_type, e.num_sources, e.num_articles,
               m.source, m.published_at, m.url, m.time_text, m.evidence, m.mention_id, m.article_id
        FROM events e JOIN mentions m ON m.event_id = e.event_id
    """,
    "article_events": """
        SELECT a.article_id, a.title, a.source, a.published_at, m.event_type, m.event_date,
               m.date_basis, m.evidence, m.mention_id, m.event_id
        FROM mentions m JOIN articles a USING (article_id)
    """,
}


def _sql_literal(value: str) -> str:
    """Quote a string as a SQL literal."""
    return "'" + value.replace("'", "''") + "'"


def view_sql(lake: Lake, table: str, manifest: Manifest) -> str:
    """`CREATE VIEW` over a table's files with absolute paths."""
    paths = lake.files(table, manifest)
    files = ", ".join(_sql_literal(p) for p in paths)
    part = PARTITION_COLUMN.get(table)
    hive = f", hive_partitioning = true, hive_types = {{'{part}': VARCHAR}}" if part else ", hive_partitioning = false"
    # union_by_name reconciles every file's schema on each query (about 30% more CPU per timeline
    # query in `make bench`): use it only when files written under older schemas differ.
    union = "true" if _schemas_differ(lake, paths) else "false"
    return f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet([{files}], union_by_name = {union}{hive})"


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
    for name, sql in MARTS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")


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
        con.execute("CREATE TABLE dateline_catalog AS SELECT ? AS manifest_version", [manifest.version])
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


def _cache_footers(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Cache Parquet footers for the connection's life (safe: data files are immutable)."""
    # A repeated timeline query then skips re-reading every file's footer: about 25% less CPU in `make bench`.
    con.execute("SET parquet_metadata_cache = true")
    return con


def connect(lake: Lake) -> duckdb.DuckDBPyConnection:
    """A read-only view of the lake: the catalog file when it is current, else in-memory views."""
    manifest = lake.manifest()
    if manifest is None:
        raise FileNotFoundError(f"{lake.location}: no lake here yet (run `dateline run` first)")
    if lake.is_local and os.path.exists(lake.catalog_path):
        try:
            con = duckdb.connect(lake.catalog_path, read_only=True)
            row = con.execute("SELECT manifest_version FROM dateline_catalog").fetchone()
            if row and row[0] == manifest.version:
                return _cache_footers(con)
            con.close()
        except duckdb.Error:
            pass
    con = duckdb.connect(":memory:")
    if lake.is_local:
        create_views(con, lake, manifest)
    else:
        _register_remote(con, lake, manifest)
    return _cache_footers(con)


def _register_remote(con: duckdb.DuckDBPyConnection, lake: Lake, manifest: Manifest) -> None:
    """Object storage: DuckDB here cannot load httpfs, so register pyarrow datasets instead."""
    for table in TABLES:
        con.register(f"_{table}_dataset", lake.dataset(table, manifest))
        con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _{table}_dataset")
    for name, sql in MARTS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
