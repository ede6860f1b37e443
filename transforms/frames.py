"""Shape records into Arrow tables and pandas DataFrames that match the lake schemas (pure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from transforms.schema import TABLES

if TYPE_CHECKING:  # pandas is imported by `to_frame` alone: an extraction worker never needs its ~28 MB
    import pandas as pd


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Records to an Arrow table with exactly the table's schema (missing keys become null)."""
    schema = TABLES[table]
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def with_column(data: pa.Table, name: str, values: list) -> pa.Table:
    """The table with column `name` replaced by `values` (same type, same place)."""
    index = data.schema.get_field_index(name)
    field = data.schema.field(index)
    return data.set_column(index, field, pa.array(values, field.type))


def without(data: pa.Table, name: str, values) -> pa.Table:
    """The rows of a table whose column `name` holds none of `values` (an iterable or an Arrow array)."""
    values = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(sorted(values), pa.string())
    return data.filter(pc.invert(pc.is_in(data.column(name), values)))


def to_frame(table: str, rows: list[dict]) -> "pd.DataFrame":
    """Records to a pandas DataFrame with the table's columns, in schema order."""
    import pandas  # noqa: F401 -- to_pandas needs it; imported here, not with the module

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
