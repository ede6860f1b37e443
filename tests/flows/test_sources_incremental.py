"""Incremental ingestion against a lake (no Prefect): unchanged inputs, the date window, replaced originals."""

from __future__ import annotations

import datetime as dt

from flows.ingest import lake_state, load_validators, save_validators
from tests.helpers import build_articles
from flows.lake import Lake, Transaction
from tests.flows.fault_server import story
from transforms.articles import make_article
from transforms.deduplication import mark_duplicates
from transforms.documents import RawDocument
from transforms.frames import to_arrow

NOW = dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc)


def doc(name: str, text: str, published: str | None = None, digest: str | None = None) -> RawDocument:
    return RawDocument(input=name, text=text, published=published, published_basis="metadata" if published else None,
                       content_hash=digest or name)


def commit(lake: Lake, docs: list[RawDocument]) -> list[dict]:
    rows = mark_duplicates([make_article(d, NOW, "r0") for d in docs], set(), {})
    txn = Transaction(lake, "r0")
    txn.append("articles", to_arrow("articles", rows))
    txn.commit()
    return rows


def test_window_keeps_dates_inside_and_undated_articles(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    docs = [doc("jan.txt", story(1), "2026-01-15"), doc("feb.txt", story(2), "2026-02-15"),
            doc("mar.txt", story(3), "2026-03-05"), doc("undated.txt", "Talks resumed in the capital.")]
    rows, unchanged, changed, outside = build_articles(
        lake, docs, lake_state(lake), "r1", {"since": "2026-02-01", "until": "2026-02-28"})
    assert sorted(r["input"] for r in rows) == ["feb.txt", "undated.txt"]
    assert (unchanged, changed, outside) == (0, [], 2)


def test_unchanged_inputs_are_skipped_and_changed_ones_replace(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    commit(lake, [doc("a.txt", story(1), digest="h1"), doc("b.txt", story(2), digest="h2")])
    docs = [doc("a.txt", story(1), digest="h1"), doc("b.txt", story(5), digest="h2b")]
    rows, unchanged, changed, outside = build_articles(lake, docs, lake_state(lake), "r1")
    assert (unchanged, changed, outside) == (1, ["b.txt"], 0)
    assert [r["input"] for r in rows] == ["b.txt"] and rows[0]["duplicate_of"] is None


def test_duplicates_of_a_replaced_original_are_deduplicated_again(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    old = commit(lake, [doc("orig.txt", story(1), digest="h1"), doc("copy.txt", story(1), digest="c1")])
    assert old[1]["duplicate_of"] == old[0]["article_id"]
    # The original's file now holds another story: its copy must not point at a row that goes away.
    rows, unchanged, changed, _ = build_articles(lake, [doc("orig.txt", story(9), digest="h9")], lake_state(lake), "r1")
    assert unchanged == 0 and sorted(changed) == ["copy.txt", "orig.txt"]
    by_input = {r["input"]: r for r in rows}
    assert by_input["copy.txt"]["duplicate_of"] is None and by_input["copy.txt"]["requeued"]
    assert by_input["copy.txt"]["article_id"] == old[0]["article_id"]  # it is the original of that text now
    assert by_input["orig.txt"]["duplicate_of"] is None


def test_validators_are_merged_and_survive_a_bad_file(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    commit(lake, [doc("a.txt", story(1))])
    assert load_validators(lake) == {}
    save_validators(lake, {"http://x.test/feed": {"etag": '"1"', "items": []}})
    save_validators(lake, {"http://x.test/page": {"etag": '"2"'}})
    assert set(load_validators(lake)) == {"http://x.test/feed", "http://x.test/page"}
    (tmp_path / "lake" / "_http" / "validators.json").write_text("{truncated")
    assert load_validators(lake) == {}  # a damaged cache only costs a full fetch
