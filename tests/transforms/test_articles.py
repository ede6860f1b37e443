"""Article normalisation: stable ids, publication dates, date lines, duplicates."""

from __future__ import annotations

import datetime as dt

from transforms.articles import canonical_url, content_id, dateline_of, make_article, parse_published
from transforms.deduplication import mark_duplicates
from transforms.documents import RawDocument

NOW = dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc)


def test_content_id_is_stable_and_whitespace_blind():
    assert content_id("Envoys met  on\nMonday.") == content_id("Envoys met on Monday.")
    assert content_id("Envoys met on Monday.") != content_id("Envoys met on Tuesday.")


def test_published_dates_in_common_forms():
    assert parse_published("2026-02-20") == dt.date(2026, 2, 20)
    assert parse_published("2026-02-20T08:15:00Z") == dt.date(2026, 2, 20)
    assert parse_published("Fri, 20 Feb 2026 08:15:00 GMT") == dt.date(2026, 2, 20)
    assert parse_published("Feb. 20, 2026") == dt.date(2026, 2, 20)
    assert parse_published("not a date") is None


def test_dateline_place_and_date():
    assert dateline_of("Rabat – Hamas said on Friday.")[0] == "Rabat"
    assert dateline_of("WASHINGTON, Feb. 20 (Meridian Wire) - Envoys met.") == ("Washington", "Feb. 20")
    assert dateline_of("The council met on Thursday.") == (None, None)


def test_article_row_uses_url_then_dateline_for_missing_dates():
    doc = RawDocument(input="a.txt", text="NAIROBI, March 4, 2026 – Talks began.", url=None)
    row = make_article(doc, NOW, "r1")
    assert (row["published_at"], row["published_basis"]) == (dt.date(2026, 3, 4), "dateline")
    doc = RawDocument(input="b.txt", text="Talks began.", url="https://x.test/2026/03/05/talks")
    row = make_article(doc, NOW, "r1")
    assert (row["published_at"], row["published_basis"], row["pub_month"]) == (dt.date(2026, 3, 5), "url", "2026-03")
    row = make_article(RawDocument(input="c.txt", text="Talks began."), NOW, "r1")
    assert (row["published_at"], row["published_basis"], row["pub_month"]) == (None, "none", "unknown")


def test_canonical_url_drops_tracking_and_fragment():
    assert canonical_url("HTTPS://Example.test/a/?utm_source=x&id=3#top") == "https://example.test/a?id=3"


def test_duplicates_keep_a_row_pointing_at_the_first_copy():
    docs = [
        RawDocument(input="one.txt", text="Envoys met on Monday."),
        RawDocument(input="copy.txt", text="Envoys  met on Monday."),
        RawDocument(input="other.txt", text="Envoys met on Tuesday."),
    ]
    rows = mark_duplicates([make_article(d, NOW, "r") for d in docs], set(), {})
    assert rows[1]["duplicate_of"] == rows[0]["article_id"]
    assert rows[1]["duplicate_kind"] == "exact"
    assert len({r["article_id"] for r in rows}) == 3
    assert rows[2]["duplicate_of"] is None


def test_dateline_without_year_takes_the_latest_past_day():
    row = make_article(RawDocument(input="d.txt", text="WASHINGTON, Feb. 20 (Wire) - Envoys met."), NOW, "r1")
    assert (row["published_at"], row["published_basis"]) == (dt.date(2026, 2, 20), "dateline")
    december = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
    row = make_article(RawDocument(input="e.txt", text="OSLO, Dec. 30 - Talks ended."), december, "r1")
    assert row["published_at"] == dt.date(2025, 12, 30)


def test_implausible_dates_fall_through_to_the_next_basis():
    doc = RawDocument(input="f.txt", text="Talks began.", published="2099-01-01", published_basis="metadata",
                      url="https://x.test/2026/03/02/talks")
    row = make_article(doc, NOW, "r1")
    assert (row["published_at"], row["published_basis"]) == (dt.date(2026, 3, 2), "url")


def test_feed_basis_is_recorded():
    doc = RawDocument(input="g", text="Talks began.", published="2026-03-01", published_basis="feed")
    assert make_article(doc, NOW, "r1")["published_basis"] == "feed"
