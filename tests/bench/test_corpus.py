"""The benchmark corpus generator: deterministic by seed, gold events present in the text, flat streaming."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc

from bench.corpus import TEMPLATES, iter_articles, make_article, write_jsonl
from transforms.documents import parse_bytes


def test_same_seed_same_corpus_and_different_seed_differs():
    first = list(iter_articles(30, seed=7))
    assert first == list(iter_articles(30, seed=7))
    other = list(iter_articles(30, seed=8))
    assert [a["text"] for a in first] != [a["text"] for a in other]


def test_article_does_not_depend_on_corpus_size_or_start():
    big = list(iter_articles(50, seed=3))
    assert list(iter_articles(5, seed=3, start=20)) == big[20:25]
    assert make_article(3, 49) == big[49]


def test_every_article_has_gold_events_whose_sentences_are_in_its_text():
    types = set()
    for article in iter_articles(200, seed=1):
        assert article["gold"], article["id"]
        published = dt.date.fromisoformat(article["published"])
        for gold in article["gold"]:
            assert gold["sentence"] in article["text"]
            assert gold["trigger"] in gold["sentence"]
            assert gold["time_text"] in gold["sentence"]
            day = dt.date.fromisoformat(gold["date"])
            if gold["modality"] == "future":
                assert day > published
            else:
                assert published - dt.timedelta(days=62) <= day <= published
            types.add(gold["type"])
    assert types == set(TEMPLATES)  # every event type shows up in a few hundred articles


def test_relative_dates_resolve_to_the_named_weekday():
    seen = 0
    for article in iter_articles(100, seed=2):
        for gold in article["gold"]:
            words = gold["time_text"].split()
            if words[-1] in {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}:
                assert dt.date.fromisoformat(gold["date"]).strftime("%A") == words[-1]
                seen += 1
    assert seen > 50


def test_articles_look_like_news_sizes():
    words = [len(a["text"].split()) for a in iter_articles(200, seed=5)]
    assert 300 <= sum(words) / len(words) <= 900
    assert min(words) > 100


def test_jsonl_is_read_by_the_pipeline_as_one_document_per_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    size = write_jsonl(path, 25, seed=4, batch_size=10)
    data = path.read_bytes()
    assert size == len(data)
    lines = data.decode().splitlines()
    assert len(lines) == 25
    assert json.loads(lines[24]) == make_article(4, 24)
    docs = parse_bytes("corpus.jsonl", data, "jsonl")
    assert len(docs) == 25 and all(d.published and d.url and d.text for d in docs)


def test_generating_many_articles_keeps_memory_flat():
    tracemalloc.start()
    for _ in iter_articles(200, seed=1):
        pass
    _, small = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    for _ in iter_articles(2000, seed=1):
        pass
    _, large = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert large < small * 2 + 200_000  # ten times the articles, not ten times the memory
