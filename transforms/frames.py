"""Shape records into Arrow tables and pandas DataFrames that match the lake schemas (pure)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from transforms.schema import TABLES


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Records to an Arrow table with exactly the table's schema (missing keys become null)."""
    schema = TABLES[table]
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Records to a pandas DataFrame with the table's columns, in schema order."""
    return to_arrow(table, rows).to_pandas()


def conform(table: str, data: pa.Table) -> pa.Table:
    """Cast an Arrow table read from older files to the current schema (schema evolution)."""
    schema = TABLES[table]
    arrays = []
    for field in schema:
        if field.name in data.column_names:
            arrays.append(data.column(field.name).cast(field.type))
        else:
            arrays.append(pa.nulls(len(data), type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
