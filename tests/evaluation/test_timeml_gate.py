"""CI gate: the tagger's scores on our own TimeML fixtures must not drop below the pinned baseline."""

import json
from pathlib import Path

from evaluation.timeml import evaluate, read_tml_files
from transforms.timex import tag

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "timeml"
BASELINE = ROOT / "evaluation" / "baselines" / "timex.json"


def test_fixture_corpus_is_not_empty():
    docs = read_tml_files([FIXTURES])
    assert len(docs) >= 4
    assert sum(len(d.gold) for d in docs) >= 40


def test_value_and_strict_f1_do_not_drop_below_baseline():
    baseline = json.loads(BASELINE.read_text())
    summary = evaluate(read_tml_files([FIXTURES]), tag).summary()
    assert summary["value_f1"] >= baseline["value_f1"], summary
    assert summary["strict_f1"] >= baseline["strict_f1"], summary
