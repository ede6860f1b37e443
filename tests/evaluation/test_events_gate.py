"""Quality gate: every set whose corpus is here must hold the figures pinned in evaluation/baselines/events.json.

Our own fixtures (tests/fixtures/events) are in the repo and always checked (CI); the dev sets of ../shared
(seed, news, news2, MEANTIME+TimeML) are checked where that folder exists, so a regression there fails on a
developer machine. Update the pins with the command in the file's "update" field.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from evaluation import meantime as mt
from evaluation.events import BASELINE_FILE, evaluate_set, read_baseline, score_seed
from tests.helpers import regressions
from transforms.events import extract_events

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "events"
BASELINE = read_baseline(BASELINE_FILE)
TOLERANCE = BASELINE["tolerance"]
DEV_SETS = sorted(name for name in BASELINE["sets"] if name != "own")


def corpus(path: str) -> Path:
    """A pinned corpus folder, relative paths taken from the repo root."""
    p = Path(path)
    return p if p.is_absolute() else ROOT / p


def figures_of(name: str, folder: str) -> dict:
    """The current figures of a pinned set, computed as `dateline eval events` does."""
    if name == "seed":
        s = score_seed(corpus(folder), extract_events)
        return {"matched": s.matched, "expected": s.expected}
    if name in ("meantime", "timeml", "meantime+timeml"):
        parts = folder.split(" + ") if name == "meantime+timeml" else [folder]
        total = mt.AnchorScore()
        for part in parts:
            files = mt.meantime_files(corpus(part)) + mt.timeml_files(corpus(part))
            reader = lambda p: mt.read_meantime(p) if p.suffix == ".xml" else mt.read_timeml(p)  # noqa: E731
            total.add(mt.score_corpus(files, reader, extract_events))
        return total.as_dict()
    return evaluate_set(corpus(folder)).as_dict()


def test_the_pins_cover_our_fixtures_and_say_how_to_update():
    assert BASELINE["sets"]["own"]["corpus"] == "tests/fixtures/events"
    assert "--pin" in BASELINE["update"] and 0 < TOLERANCE <= 0.05
    assert {"recall_type_date", "typed_f1", "typed_date_agent_f1", "agent_accuracy"} <= set(BASELINE["sets"]["own"]["figures"])


def test_own_articles_hold_their_pins():
    figures = evaluate_set(FIXTURES).as_dict()
    assert figures["gold_day_dated"] >= 15
    assert regressions(figures, BASELINE["sets"]["own"]["figures"], TOLERANCE) == []


@pytest.mark.parametrize("name", DEV_SETS)
def test_dev_set_holds_its_pins(name):
    folder = BASELINE["sets"][name]["corpus"]
    if not all(corpus(part).is_dir() for part in folder.split(" + ")):
        pytest.skip(f"{folder} is not here (dev sets live in ../shared, outside the repo)")
    assert regressions(figures_of(name, folder), BASELINE["sets"][name]["figures"], TOLERANCE) == []


def test_every_fixture_evidence_is_in_its_article():
    articles = {json.loads(line)["id"]: json.loads(line)["text"] for line in (FIXTURES / "articles.jsonl").open()}
    rows = list(csv.DictReader((FIXTURES / "gold_events.csv").open(encoding="utf-8")))
    assert rows
    for row in rows:
        assert row["evidence"] in articles[row["article_id"]], row
        assert row["trigger"].lower() in row["evidence"].lower(), row
