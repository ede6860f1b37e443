"""Arrow helpers: replacing a column, dropping rows by value."""

from __future__ import annotations

import pyarrow as pa

from transforms.frames import to_arrow, with_column, without


def test_with_column_replaces_one_column_in_place():
    data = to_arrow("rejects", [{"input": "a", "reason": "empty"}, {"input": "b", "reason": "binary"}])
    changed = with_column(data, "run_id", ["r1", "r1"])
    assert changed.schema == data.schema
    assert changed.column("run_id").to_pylist() == ["r1", "r1"]
    assert changed.column("input").to_pylist() == ["a", "b"]


def test_without_drops_the_rows_holding_any_of_the_values():
    data = to_arrow("rejects", [{"input": name, "reason": "empty"} for name in "abc"])
    assert without(data, "input", {"a", "c"}).column("input").to_pylist() == ["b"]
    assert without(data, "input", pa.array(["b"])).column("input").to_pylist() == ["a", "c"]
    assert without(data, "input", set()).num_rows == 3
