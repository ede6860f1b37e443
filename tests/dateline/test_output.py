"""CSV output: header then rows, lists joined, and cells a spreadsheet would run as formulas made inert."""

from __future__ import annotations

import csv
import datetime as dt
import io

from dateline.output import write_csv
from transforms.cells import cell_text, neutralise_cell


def test_formula_cells_are_neutralised():
    for dangerous in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"):
        assert neutralise_cell(dangerous) == "'" + dangerous
    assert neutralise_cell("Envoys met") == "Envoys met"
    assert neutralise_cell(-3) == -3  # numbers stay numbers


def test_csv_has_only_a_header_and_rows():
    out = io.StringIO()
    write_csv(out, ["event_date", "actors", "evidence"],
              [(dt.date(2026, 2, 19), ["Egypt", "Jordan"], "=cmd|' /C calc'!A0"), (None, [], "plain")])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [
        ["event_date", "actors", "evidence"],
        ["2026-02-19", "Egypt; Jordan", "'=cmd|' /C calc'!A0"],
        ["", "", "plain"],
    ]


def test_negative_numbers_stay_numbers():
    out = io.StringIO()
    import numpy as np

    write_csv(out, ["location_lon", "num_sources", "delta", "note"], [(-77.03637, -1, np.int64(-2), "-1 dead")])
    assert out.getvalue().splitlines()[1] == "-77.03637,-1,-2,'-1 dead"


def test_cell_text_formats_values():
    assert cell_text(None) == ""
    assert cell_text(float("nan")) == ""
    assert cell_text(["a", "b"]) == "a; b"
    assert cell_text(dt.datetime(2026, 2, 19, 8, 0)) == "2026-02-19T08:00:00"


def test_a_carriage_return_mid_cell_is_quoted_so_no_row_starts_a_formula():
    out = io.StringIO()
    write_csv(out, ["source", "title"], [("Wire\r=1+2", "a\rb"), ("Wire\n@SUM(A1)", "plain")])
    text = out.getvalue()
    # Any reader (or spreadsheet) that treats a bare \r as a line break must still see it inside quotes.
    assert '"Wire\r=1+2"' in text and '"a\rb"' in text and '"Wire\n@SUM(A1)"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["Wire\r=1+2", "a\rb"] and len(rows) == 3
    assert text.count('"') == 6  # exactly the three cells with a line break are quoted


def test_full_width_and_space_led_formulas_are_neutralised():
    for dangerous in ("＝1+2", "＋1", "－1", "＠SUM(A1)", " =1+2", "  +1", "\u00a0-1", "\u3000@x", "\n=1", "﹦1"):
        assert neutralise_cell(dangerous) == "'" + dangerous, repr(dangerous)
    for harmless in (" Envoys met", "１ dead", "Geneva = talks"):
        assert neutralise_cell(harmless) == harmless
