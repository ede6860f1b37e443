"""Our in-process figures equal the reference scorers' (../shared/eval/scoring), which run `dateline extract` per article.

Runs only where ../shared is (the dev sets and the reference scripts live there, outside the repo); the
scorer itself is tested on sets we write in test_events_triggers.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from evaluation.events import evaluate_set

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCORING = SHARED / "eval" / "scoring"
DATELINE = str(Path(sys.executable).with_name("dateline"))
SETS = ["news", "news2"]

pytestmark = pytest.mark.skipif(not (SCORING / "events_prf.py").is_file(), reason="../shared/eval/scoring is not here")


def reference(script: str, folder: Path, *more: str) -> str:
    """The printed output of a reference scorer run on the real CLI."""
    run = subprocess.run([sys.executable, str(SCORING / script), DATELINE, str(folder), *more],
                         capture_output=True, text=True, timeout=1800)
    assert run.stdout, run.stderr
    return run.stdout


def numbers(pattern: str, text: str) -> tuple[str, ...]:
    """The groups of a pattern that must occur in the text."""
    m = re.search(pattern, text)
    assert m, (pattern, text)
    return m.groups()


@pytest.fixture(scope="module", params=SETS)
def scored(request):
    """One set scored both ways: (our report, events_prf output, heldout_score output)."""
    folder = SHARED / "eval" / request.param
    return evaluate_set(folder), reference("events_prf.py", folder), reference("heldout_score.py", folder, "0", "set")


def test_trigger_figures_equal_events_prf(scored):
    report, prf, _ = scored
    f = report.as_dict()
    assert numbers(r"(\d+) articles, (\d+) gold events, (\d+) system events", prf) == (
        str(f["articles"]), str(f["gold_events"]), str(f["system_events"]))
    for label, key in (("identified  ", "identified"), (r"\+ type      ", "typed"), (r"\+ date\+agent", "typed_date_agent")):
        got = numbers(label + r" P ([\d.]+) R ([\d.]+) F1 ([\d.]+)", prf)
        assert got == tuple(f"{f[key][m]:.3f}" for m in ("p", "r", "f1")), key
    date, agent, with_agent = numbers(r"date right ([\d.]+), agent right ([\d.]+) \(of (\d+)", prf)
    assert (date, agent, with_agent) == (f"{f['date_accuracy']:.3f}", f"{f['agent_accuracy']:.3f}", str(f["gold_with_agent"]))


def test_day_dated_recall_equals_heldout_score(scored):
    report, _, held = scored
    r = report.recall
    assert numbers(r"(\d+) gold day-dated events, (\d+) system events", held) == (str(r.gold), str(report.triggers.system))
    found = numbers(r"found \(any type\) ([\d.]+), found with right type ([\d.]+), right date among found ([\d.]+)", held)
    assert found == (f"{r.found_any / r.gold:.2f}", f"{r.found_typed / r.gold:.2f}", f"{r.date_right_any / max(r.found_any, 1):.2f}")
    assert numbers(r"right type and date: ([\d.]+)", held) == (f"{r.hit / r.gold:.3f}",)
