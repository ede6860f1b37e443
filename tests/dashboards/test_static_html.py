"""The static HTML timeline: self-contained, escaped, bounded; and it runs in Chromium from disk."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from dash_helpers import dateline

from transforms.static_html import render_html, script_json, select_rows

COLUMNS = ["event_date", "event_type", "actors", "location", "num_sources", "evidence", "source", "url", "event_id"]
HOSTILE = '</script><img src=x onerror="document.title=\'pwned\'"><!-- & \u2028'


def rows(n: int = 3) -> list[tuple]:
    """Event rows like `dateline export` passes them (dates, lists, ints)."""
    return [
        (dt.date(2026, 1, 1) + dt.timedelta(days=k), "meeting" if k % 2 else "protest", [f"Actor {k}", "Other"],
         "Porto", 1 + k, f"Evidence sentence {k}.", "Quay Herald", f"https://quay.test/{k}", f"e{k}")
        for k in range(n)
    ]


def embedded(page: str, element: str):
    """The JSON embedded in a <script type="application/json"> element."""
    match = re.search(rf'<script id="{element}" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_page_loads_nothing_from_elsewhere():
    page = render_html(COLUMNS, rows())
    assert "default-src 'none'" in page  # the browser itself refuses any fetch
    assert not re.search(r"<(link|img|iframe)\b|<script[^>]*\bsrc=|@import|url\(", page)
    assert "cdn" not in page.lower()


def test_rows_are_embedded_as_text():
    data = embedded(render_html(COLUMNS, rows()), "data")
    assert data[1] == {"event_date": "2026-01-02", "event_type": "meeting", "modality": "", "actors": "Actor 1; Other",
                       "location": "Porto", "num_sources": 2, "evidence": "Evidence sentence 1.",
                       "source": "Quay Herald", "url": "https://quay.test/1"}


def test_hostile_text_cannot_close_the_script():
    page = render_html(COLUMNS, [(None, "statement", [HOSTILE], HOSTILE, None, HOSTILE, HOSTILE, "javascript:x", "e")])
    assert "</script><img" not in page and "<!--" not in page.split("<script id=\"data\"")[1]
    data = embedded(page, "data")
    assert data[0]["evidence"] == HOSTILE and data[0]["num_sources"] == 1


def test_script_json_escapes_markup():
    assert script_json("</script>&") == '"\\u003c/script\\u003e\\u0026"'


def test_large_exports_keep_the_best_sourced_in_date_order():
    records = [{"num_sources": s, "k": k} for k, s in enumerate([1, 9, 2, 8, 3, 7])]
    assert [r["k"] for r in select_rows(records, limit=3)] == [1, 3, 5]
    meta = embedded(render_html(COLUMNS, rows(50), limit=10), "meta")
    assert (meta["total"], meta["kept"]) == (50, 10)


def test_mentions_export_has_no_source_counts_and_still_renders(sample_lake, tmp_path):
    out = tmp_path / "mentions.html"
    result = dateline("export", "--mentions", "--format", "html", "-o", str(out), "--lake", str(sample_lake))
    assert result.returncode == 0, result.stderr
    assert embedded(out.read_text(encoding="utf-8"), "data") == []  # the sample lake holds no mentions


def test_export_html_to_stdout(sample_lake):
    result = dateline("export", "--format", "html", "--type", "meeting", "--lake", str(sample_lake))
    assert result.returncode == 0, result.stderr
    data = embedded(result.stdout, "data")
    assert [d["event_date"] for d in data] == ["2026-01-12", "2026-02-02", "2026-03-04"]


@pytest.mark.slow
def test_hostile_text_stays_text_in_chromium(browser, tmp_path):
    out = tmp_path / "hostile.html"
    out.write_text(render_html(COLUMNS, [(dt.date(2026, 1, 5), "statement", ["A"], "X", 2, HOSTILE, HOSTILE,
                                          "javascript:alert(1)", "e1")]), encoding="utf-8")
    page = browser.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector("#chart circle")
    assert page.title() == "Dateline timeline"
    cells = page.locator("#events tbody td")
    assert cells.nth(5).text_content() == HOSTILE  # the evidence cell shows the text, markup and all
    assert page.locator("#events a").count() == 0  # a javascript: URL is not made a link
    assert page.locator("#events img").count() == 0
