"""CSV for spreadsheets (`--excel`): a UTF-8 byte-order mark and code columns kept as text.

Excel reads a BOM-less CSV in the local code page (mangling non-ASCII names) and turns codes into
numbers: CAMEO root `04` becomes 4, a hex id such as `12e45` becomes 1.2E+46, a 15-digit id loses
digits. Cells of code columns are therefore written as the text formula `="04"`, which every
spreadsheet shows as the text 04; our own formula, applied after other cells are neutralised.
"""

from __future__ import annotations

import csv

from transforms.cells import csv_cell

BOM = "\ufeff"
TEXT_COLUMNS = {
    "cameo_root", "event_id", "mention_id", "article_id", "first_article_id", "time_value", "location_geonameid",
    "EventCode", "EventBaseCode", "EventRootCode", "GLOBALEVENTID", "SQLDATE", "MonthYear", "DATEADDED",
    "ActionGeo_FeatureID", "event_id_cnty", "iso", "Actor1Code", "Actor2Code",
}


def excel_cell(value: object, as_text: bool) -> str:
    """A CSV cell; in a code column a non-empty value becomes the text formula ="value"."""
    cell = csv_cell(value)
    if as_text and cell != "":
        return '="' + str(cell).replace('"', '""') + '"'
    return cell


def write_excel_csv(handle, columns: list[str], rows: list) -> None:
    """BOM, header, then rows with code columns kept as text (comma-separated, CRLF as Excel writes)."""
    handle.write(BOM)
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(columns)
    text = [c in TEXT_COLUMNS for c in columns]
    for row in rows:
        writer.writerow([excel_cell(v, t) for v, t in zip(row, text)])
