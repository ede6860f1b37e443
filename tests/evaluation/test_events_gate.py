"""Quality gate: on our own annotated articles the extractor must not fall below the pinned baseline."""

from __future__ import annotations

import json
from pathlib import Path

from evaluation.events import score_news
from transforms.events import extract_events

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "events"
BASELINE = json.loads((ROOT / "evaluation" / "baselines" / "events.json").read_text(encoding="utf-8"))


def test_own_articles_score_at_least_the_baseline():
    score = score_news(FIXTURES, extract_events).as_dict()
    assert score["gold_day_dated"] >= 15
    for measure in ("recall_type_date", "date_accuracy_of_typed", "recall_type_any_date", "recall_type_date_any_precision"):
        assert score[measure] >= BASELINE[measure], (measure, score, score_news(FIXTURES, extract_events).misses)


def test_every_fixture_evidence_is_in_its_article():
    articles = {json.loads(line)["id"]: json.loads(line)["text"] for line in (FIXTURES / "articles.jsonl").open()}
    import csv

    rows = list(csv.DictReader((FIXTURES / "gold_events.csv").open(encoding="utf-8")))
    assert rows
    for row in rows:
        assert row["evidence"] in articles[row["article_id"]], row
