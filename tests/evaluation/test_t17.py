"""The Timeline17 scorer on a small topic folder written here (the real corpus is not needed)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from evaluation.t17 import date_scores, detokenise, evaluate_topic, read_topic, topic_folders
from tests.conftest import run_cli

D = dt.date


def test_detokenise_undoes_the_corpus_tokenisation():
    text = "-LRB- Wire -RRB- -- Rebels took the town , officials said . \n`` We wo n't leave , '' he said ."
    assert detokenise(text) == '(Wire) -- Rebels took the town, officials said.\n"We won\'t leave," he said.'
    assert detokenise("The country 's leader ca n't stay .") == "The country's leader can't stay."
    assert detokenise("Prices rose 5 % to $ 40 .") == "Prices rose 5% to $40."


def test_date_scores():
    gold = {D(2011, 3, 1), D(2011, 3, 2), D(2011, 3, 3), D(2011, 3, 4)}
    p, r, f = date_scores([D(2011, 3, 1), D(2011, 3, 2), D(2011, 5, 1), D(2011, 5, 2)], gold)
    assert (p, r, f) == (0.5, 0.5, 0.5)
    assert date_scores([], gold) == (0.0, 0.0, 0.0)


# A made-up story: a siege that starts on 2011-03-07 and a truce signed on 2011-03-15, cited again and again.
STORY = [
    ("2011-03-08", "Government forces attacked the town of Harlan on Monday , residents said ."),
    ("2011-03-09", "The attack on Harlan on Monday killed 12 people , doctors said ."),
    ("2011-03-10", "Since the attack on Harlan on March 7 , thousands have fled ."),
    ("2011-03-16", "Both sides signed a truce in Harlan on Tuesday , ending the siege ."),
    ("2011-03-18", "The truce signed on March 15 held for a third day ."),
    ("2011-03-25", "The truce signed on March 15 is fraying , aid workers said . The attack of March 7 is still felt ."),
    ("2011-04-02", "Envoys met in Geneva on Friday to discuss the truce signed on March 15 ."),
]
GOLD = {"0": ["2011-03-07", "2011-03-15"], "1": ["2011-03-15"]}


@pytest.fixture
def topic_dir(tmp_path):
    """A topic folder in the Timeline17 layout."""
    folder = tmp_path / "harlan"
    folder.mkdir()
    with open(folder / "articles.jsonl", "w") as handle:
        for n, (day, text) in enumerate(STORY):
            handle.write(json.dumps({"article_id": f"h{n}", "pub_date": day, "text": text}) + "\n")
    with open(folder / "gold_events.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timeline_id", "date", "sent_idx", "text"])
        for tid, days in GOLD.items():
            for day in days:
                writer.writerow([tid, day, 0, "something happened"])
    return folder


def test_read_topic(topic_dir):
    topic = read_topic(str(topic_dir))
    assert topic.name == "harlan" and len(topic.articles) == len(STORY)
    assert topic.articles[0]["text"].endswith("residents said.")
    assert topic.timelines == {"0": {D(2011, 3, 7), D(2011, 3, 15)}, "1": {D(2011, 3, 15)}}
    assert topic_folders(str(topic_dir.parent)) == [str(topic_dir)]


def test_evaluate_topic_finds_the_days_the_story_keeps_citing(topic_dir):
    result = evaluate_topic(read_topic(str(topic_dir)))
    assert result.articles == len(STORY) and result.mentions > 0
    by_tid = {row[0]: row for row in result.rows}
    assert by_tid["1"][4] == 1.0  # the truce day ranks first
    assert by_tid["0"][4] == 1.0  # then the attack
    assert result.mean_f1 == 1.0


def test_read_topic_rejects_a_folder_without_the_files(tmp_path):
    with pytest.raises(ValueError, match="missing"):
        read_topic(str(tmp_path))
    with pytest.raises(ValueError, match="no Timeline17 topic"):
        topic_folders(str(tmp_path))


def test_eval_t17_command_prints_per_timeline_scores_and_the_mean(topic_dir):
    done = run_cli("eval", "t17", str(topic_dir))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["topic", "timeline", "dates", "P", "R", "F1"]
    assert any(line.split()[:2] == ["harlan", "mean"] and line.split()[2] == "1.000" for line in lines)
    as_json = json.loads(run_cli("eval", "t17", str(topic_dir), "--json").stdout)
    assert as_json[0]["mean_f1"] == 1.0 and len(as_json[0]["timelines"]) == 2


def test_eval_t17_bad_folder_is_a_one_line_error(tmp_path):
    done = run_cli("eval", "t17", str(tmp_path / "nope"))
    assert done.returncode == 2
    assert done.stderr.strip().startswith("dateline: error:") and "Traceback" not in done.stderr


def test_robustness_scores_every_setting_of_the_grid(topic_dir):
    from evaluation.t17 import prepare_topic, robustness

    topic = read_topic(str(topic_dir))
    prepared = prepare_topic(topic)
    grid = {"lag_weight": (0.0, 1.0), "volume_exponent": (0.0, 0.5)}
    scored = robustness(topic, prepared, grid)
    expected = [{"lag_weight": a, "volume_exponent": b} for a in (0.0, 1.0) for b in (0.0, 0.5)]
    assert [s for s, _ in scored] == expected
    assert all(0.0 <= f <= 1.0 for _, f in scored)
    assert any(f == 1.0 for _, f in scored)  # the story's two cited days come first under the usual weights


def test_eval_t17_grid_prints_the_spread_over_neighbouring_weights(topic_dir):
    done = run_cli("eval", "t17", str(topic_dir), "--grid")
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.split()[:2] == ["harlan", "grid"])
    fields = line.split()
    assert fields[2] == "486" and fields[3:5] == ["mean", "F1"]
    as_json = json.loads(run_cli("eval", "t17", str(topic_dir), "--json", "--grid").stdout)
    grid = as_json[0]["grid"]
    assert grid["settings"] == 486 and grid["min"] <= grid["mean"] <= grid["max"] <= 1.0
