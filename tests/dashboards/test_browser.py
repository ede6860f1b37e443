"""Real browser tests: `dateline dashboard` and the static HTML export in headless Debian Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash_helpers import dateline, free_port, start_dashboard, stop

pytestmark = pytest.mark.slow

CHART = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
GRID = '[data-testid="stDataFrame"] [aria-rowcount]'


def listening_addresses(port: int) -> set[str]:
    """Hex local addresses of sockets listening on a TCP port (from /proc/net/tcp and tcp6)."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(name).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                found.add(address)
    return found


@pytest.fixture
def dashboard(sample_lake, tmp_path):
    """`dateline dashboard` serving the sample lake on a free port."""
    port = free_port()
    proc = start_dashboard(sample_lake, port, tmp_path / "dashboard.log")
    yield f"http://127.0.0.1:{port}/", port
    stop(proc)


def test_dashboard_in_chromium_filters_the_table(dashboard, browser, tmp_path):
    url, port = dashboard
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only, not every interface
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_selector(CHART, timeout=90_000)
    page.wait_for_selector(GRID, state="attached", timeout=30_000)
    assert page.get_attribute(GRID, "aria-rowcount") == "15"  # 14 events + the header row
    assert "Ana Rivas; Tomas Berg" in page.text_content(GRID) and "Lisbon" in page.text_content(GRID)

    page.get_by_label("Text search").fill("Geneva")
    page.get_by_label("Text search").press("Enter")
    page.wait_for_function(
        "([sel, n]) => { const g = document.querySelector(sel); return !!g && g.getAttribute('aria-rowcount') === n; }",
        arg=[GRID, "3"], timeout=30_000,
    )
    text = page.text_content(GRID)
    assert "Ana Rivas; Mei Lin" in text and "Geneva" in text and "Lisbon" not in text
    page.get_by_text("Events 1–2 of 2 matching.").wait_for(timeout=10_000)
    assert "q=Geneva" in page.url
    page.wait_for_selector(CHART)
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    assert all(r.startswith(url) for r in requests), [r for r in requests if not r.startswith(url)]


def test_static_html_export_works_offline_in_chromium(sample_lake, browser, tmp_path):
    out = tmp_path / "timeline.html"
    result = dateline("export", "--format", "html", "-o", str(out), "--lake", str(sample_lake))
    assert result.returncode == 0, result.stderr
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    page.wait_for_selector("#chart circle")
    assert page.locator("#chart circle").count() == 13
    assert page.locator("#events tbody tr").count() == 14

    page.hover("#chart circle >> nth=0")
    tip = page.inner_text("#tip")
    assert "Ana Rivas sat down with Tomas Berg" in tip and "Quay Herald" in tip

    chart = page.locator("#chart svg").bounding_box()  # drag across the middle of the chart to zoom in
    page.mouse.move(chart["x"] + chart["width"] * 0.35, chart["y"] + 20)
    page.mouse.down()
    page.mouse.move(chart["x"] + chart["width"] * 0.7, chart["y"] + 40, steps=5)
    page.mouse.up()
    since, until = page.input_value("#since"), page.input_value("#until")
    dates = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert since and until and 0 < len(dates) < 14
    assert all(since <= d <= until for d in dates)
    page.click("#reset")
    assert page.locator("#events tbody tr").count() == 14

    page.select_option("#type", "meeting")
    assert page.locator("#events tbody tr").count() == 3
    assert page.locator("#chart circle").count() == 3
    page.fill("#q", "geneva")
    rows = page.locator("#events tbody tr")
    assert rows.count() == 1 and "Mei Lin" in rows.first.inner_text()
    assert page.inner_text("#count") == "1 of 14 events match"
    shot = tmp_path / "static.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert errors == []
    assert requests == [out.as_uri()]  # nothing but the file itself
