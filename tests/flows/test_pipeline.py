"""Whole runs over files, a feed and URLs with faults: nothing lost or doubled, on every run.

The conservation law, checked on each run's summary: new articles + duplicates + unchanged +
rejects == inputs; and on the lake: one row per input, duplicates point at existing originals.
"""

from __future__ import annotations

import re

import pytest

from flows.lake import Lake
from tests.conftest import run_cli
from tests.flows.fault_server import FaultServer, page, rss, story

pytestmark = pytest.mark.slow
SUMMARY = re.compile(r"(\d+) inputs: (\d+) new articles, (\d+) duplicates, (\d+) unchanged, (\d+) rejected")
WIRE = story(20)
# A syndicated copy: the same wire story with the outlet's own credit line and a trimmed ending.
WIRE_COPY = "By Harbor Post staff with wire reports.\n\n" + WIRE.rsplit(". ", 1)[0] + "."


def run(lake: str, *sources: str, env: dict | None = None) -> dict:
    """Run the CLI; return the summary counts (and assert the law)."""
    result = run_cli("run", *sources, "--lake", lake, "--timeout", "1", "--max-bytes", "200000", "-q", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    match = SUMMARY.search(result.stdout)
    assert match, result.stdout
    print(match.group(0))  # shown with -s, and by pytest when the test fails
    inputs, new, dups, unchanged, rejected = map(int, match.groups())
    assert new + dups + unchanged + rejected == inputs, result.stdout
    return {"inputs": inputs, "new": new, "dups": dups, "unchanged": unchanged, "rejected": rejected}


def check_lake(lake: str) -> tuple[list[dict], list[dict]]:
    """Every table reads; one row per input and per id; duplicates point at originals."""
    store = Lake(lake)
    articles = store.read("articles").to_pylist()
    rejects = store.read("rejects").to_pylist()
    for table in ("mentions", "events", "runs"):
        store.read(table)
    ids = [a["article_id"] for a in articles]
    inputs = [a["input"] for a in articles]
    assert len(ids) == len(set(ids)) and len(inputs) == len(set(inputs))
    assert len({r["input"] for r in rejects}) == len(rejects)
    originals = {a["article_id"] for a in articles if a["duplicate_of"] is None}
    for a in articles:
        if a["duplicate_of"] is not None:
            assert a["duplicate_of"] in originals, a["input"]
    # The days each original names, once each: a replaced article's rows went with it, duplicates have none.
    dates = [(d["article_id"], d["start"]) for d in store.read("dates").to_pylist()]
    assert dates and {aid for aid, _ in dates} <= originals and len(dates) == len(set(dates))
    return articles, rejects


def test_runs_conserve_inputs_over_files_feeds_and_faults(tmp_path, prefect_api):
    server = FaultServer().start()
    try:
        _scenario(tmp_path, server)
    finally:
        server.stop()


def _scenario(tmp_path, server):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("---\npublished: 2026-02-18\n---\n" + story(1))
    (folder / "b-copy.txt").write_text(story(1))  # exact duplicate of a.txt's body
    (folder / "undated.txt").write_text("Officials said talks would resume tomorrow in the capital after a pause.")
    (folder / "dump.jsonl").write_text(
        '{"text": "%s", "published": "2026-02-19"}\n{broken\n{"body": "%s"}\n' % (story(2), story(3))
    )
    (folder / "empty.md").write_text("")
    base = server.base
    (folder / "pages.urls").write_text(f"# pages\n{base}/p/1\n{base}/status/404\n")
    server.pages["/p/1"] = page("Page one", story(4))
    server.pages["/w/1"] = page("Wire story", WIRE)
    server.pages["/w/2"] = page("Wire story (Harbor Post)", WIRE_COPY)
    server.pages["/w/3"] = page("Wire story again", WIRE)  # same text, other URL: exact duplicate
    items = [("wire", f"{base}/w/1"), ("copy", f"{base}/w/2"), ("again", f"{base}/w/3"),
             ("gone", f"{base}/status/404"), ("broken", f"{base}/status/500"), ("hang", f"{base}/hang"),
             ("huge", f"{base}/huge-chunked"), ("sneaky", f"{base}/redirect-to/localhost"),
             ("private", "http://10.9.8.7/x"), ("nolink", "")]
    server.feeds["/feed.xml"] = rss(items)
    lake = str(tmp_path / "lake")
    sources = (str(folder), f"{base}/feed.xml")
    env = {"DATELINE_ALLOW_HOSTS": "127.0.0.1"}

    first = run(lake, *sources, env=env)
    articles, rejects = check_lake(lake)
    assert first["unchanged"] == 0
    assert len(articles) == first["new"] + first["dups"] and len(rejects) == first["rejected"]
    kinds = {a["input"].rsplit("/", 1)[-1]: a["duplicate_kind"] for a in articles}
    assert kinds["b-copy.txt"] == "exact" and kinds["2"] == "near" and kinds["3"] == "exact"
    by_input = {a["input"]: a for a in articles}
    assert by_input[f"{base}/w/2"]["duplicate_of"] == by_input[f"{base}/w/1"]["article_id"]
    undated = by_input[str(folder / "undated.txt")]
    assert (undated["published_at"], undated["published_basis"]) == (None, "none")
    reasons = {r["input"]: r["reason"] for r in rejects}
    assert reasons[f"{base}/hang"] == "timeout" and reasons[f"{base}/redirect-to/localhost"] == "blocked-address"
    assert reasons[str(folder / "dump.jsonl") + ":2"] == "bad-json"

    # Same inputs again: the feed answers 304, known items are not fetched, nothing is added.
    page_hits = server.hits["/w/1"]
    second = run(lake, *sources, env=env)
    assert (second["new"], second["dups"]) == (0, 0)
    assert second["inputs"] == first["inputs"] and second["rejected"] == first["rejected"]
    assert server.hits["/w/1"] == page_hits
    articles2, rejects2 = check_lake(lake)
    assert len(articles2) == len(articles) and len(rejects2) == len(rejects)

    # Changes: a new feed item, an edited file, a fixed page; rejects are updated, not repeated.
    server.pages["/status-fixed"] = page("Fixed", story(5))
    server.feeds["/feed.xml"] = rss(items + [("new", f"{base}/n/1")])
    server.etag = '"v2"'
    server.pages["/n/1"] = page("New one", story(6))
    (folder / "a.txt").write_text("---\npublished: 2026-02-18\n---\n" + story(7))
    (folder / "empty.md").write_text("Now the file holds a short note about the summit in Accra.")
    third = run(lake, *sources, "--allow-host", "127.0.0.1")
    assert third["inputs"] == first["inputs"] + 1
    assert third["new"] == 3  # the new item, the edited a.txt, the filled empty.md
    assert third["rejected"] == first["rejected"] - 1
    articles3, rejects3 = check_lake(lake)
    assert len(articles3) == len(articles) + 2  # a.txt replaced in place, not added
    assert str(folder / "empty.md") not in {r["input"] for r in rejects3}
    assert [a["text"] for a in articles3 if a["input"] == str(folder / "a.txt")] == [story(7)]
    runs = Lake(lake).read("runs").to_pylist()
    assert len(runs) == 3 and all(r["status"] == "completed" for r in runs)


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-13-01"], "--since 2026-13-01: expected a date as YYYY-MM-DD"),
    (["--since", "2026-03-01", "--until", "2026-02-01"], "--since 2026-03-01: is after --until 2026-02-01"),
    (["--csv-column", "body"], "--csv-column body: expected FIELD=COLUMN"),
    (["--max-bytes", "0"], "--max-bytes 0: must be positive"),
])
def test_bad_ingest_options_are_one_line_errors(tmp_path, args, message):
    result = run_cli("run", str(tmp_path), "--lake", str(tmp_path / "lake"), *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"dateline: error: {message}")


def test_chunks_start_small_and_double_up_to_the_chunk_size():
    from flows.pipeline import FIRST_CHUNK_ARTICLES, chunk_limit

    # The workers get a first chunk after FIRST_CHUNK_ARTICLES documents, not after a whole chunk.
    assert [chunk_limit(n, 2000) for n in range(1, 7)] == [250, 500, 1000, 2000, 2000, 2000]
    assert FIRST_CHUNK_ARTICLES == 250
    assert [chunk_limit(n, 3) for n in (1, 2, 99)] == [3, 3, 3]  # a chunk size below the first stays as given
    assert chunk_limit(1, None) is None and chunk_limit(5, 0) is None  # no chunk size: one chunk of everything
    assert chunk_limit(10_000, 2000) == 2000  # no overflow on a long run
