"""The Timeline17 scorer on a small topic folder written here (the real corpus is not needed)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from evaluation.t17 import (aligned_rouge, align, busiest_days, date_scores, detokenise, news_tls_f1, read_topic,
                            topic_folders)
from tests.conftest import run_cli
from tests.helpers import evaluate_topic

D = dt.date


def test_detokenise_undoes_the_corpus_tokenisation():
    text = "-LRB- Wire -RRB- -- Rebels took the town , officials said . \n`` We wo n't leave , '' he said ."
    assert detokenise(text) == '(Wire) -- Rebels took the town, officials said.\n"We won\'t leave," he said.'
    assert detokenise("The country 's leader ca n't stay .") == "The country's leader can't stay."
    assert detokenise("Prices rose 5 % to $ 40 .") == "Prices rose 5% to $40."
    assert detokenise("February 15\\/16 , 2011") == "February 15/16, 2011"


def test_date_scores():
    gold = {D(2011, 3, 1), D(2011, 3, 2), D(2011, 3, 3), D(2011, 3, 4)}
    p, r, f = date_scores([D(2011, 3, 1), D(2011, 3, 2), D(2011, 5, 1), D(2011, 5, 2)], gold)
    assert (p, r, f) == (0.5, 0.5, 0.5)
    assert date_scores([], gold) == (0.0, 0.0, 0.0)


# A made-up story: an attack on 2011-03-07 and a truce signed on 2011-03-15, cited again and again.
STORY = [
    ("2011-03-07", "Government forces attacked the town of Harlan on Monday , residents said ."),
    ("2011-03-08", "Government forces attacked the town of Harlan on Monday , residents said ."),
    ("2011-03-09", "The attack on Harlan on Monday killed 12 people , doctors said ."),
    ("2011-03-10", "Since the attack on Harlan on March 7 , thousands have fled the town ."),
    ("2011-03-15", "Both sides signed a truce in Harlan on Tuesday , officials in the town said ."),
    ("2011-03-16", "Both sides signed a truce in Harlan on Tuesday , ending the long siege ."),
    ("2011-03-18", "The truce signed on March 15 held for a third day in the town ."),
    ("2011-03-25", "The truce signed on March 15 is fraying , aid workers said . "
                   "The attack of March 7 is still felt ."),
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
                writer.writerow([tid, day, 0, "Government forces attacked Harlan ." if day == "2011-03-07"
                                 else "A truce was signed in Harlan ."])
    return folder


def test_read_topic(topic_dir):
    topic = read_topic(str(topic_dir))
    assert topic.name == "harlan" and len(topic.articles) == len(STORY)
    assert topic.articles[1]["text"].endswith("residents said.")
    assert topic.timelines == {"0": {D(2011, 3, 7), D(2011, 3, 15)}, "1": {D(2011, 3, 15)}}
    assert topic.summaries["0"][D(2011, 3, 7)] == "Government forces attacked Harlan."
    assert topic.sentences == {"0": 1, "1": 1}  # one gold sentence per date
    assert topic_folders(str(topic_dir.parent)) == [str(topic_dir)]


def test_evaluate_topic_scores_each_timeline_on_its_window(topic_dir):
    result = evaluate_topic(read_topic(str(topic_dir)))
    by_tid = {row[0]: row for row in result.rows}
    assert by_tid["0"][:3] == ("0", 2, 1.0)  # attack then truce, from the articles of 03-07..03-15 alone
    assert by_tid["1"][:3] == ("1", 1, 1.0)  # the window is one day: its one article
    assert result.ours == 1.0
    assert by_tid["0"][3] == 0.5  # busiest days: all four days hold one article; first listed wins ties
    assert result.rouge1 > 0.3 and 0 < result.rouge2 <= result.rouge1


def test_the_busiest_days_baseline_breaks_ties_in_corpus_order(topic_dir):
    topic = read_topic(str(topic_dir))
    topic.articles.append({"id": "x", "published": "2011-03-10", "text": "More news."})
    assert busiest_days(topic, D(2011, 3, 7), D(2011, 3, 10)) == [D(2011, 3, 10), D(2011, 3, 7), D(2011, 3, 8),
                                                                   D(2011, 3, 9)]


def test_news_tls_average_is_f1_of_mean_precision_and_recall():
    assert news_tls_f1([(1.0, 0.5), (0.5, 0.5)]) == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert news_tls_f1([]) == 0.0


def test_aligned_rouge_on_a_hand_computed_example():
    # system 03-01 aligns to gold 03-01 (same day); system 03-05 costs 0.8 + (1 - 1/sqrt(15)) = 1.542 against
    # 03-01 and 0.5 + (1 - 1/sqrt(12)) = 1.211 against 03-04, so it goes to 03-04 at date weight 1/2.
    system = {D(2011, 3, 1): "Rebels took the town.", D(2011, 3, 5): "The truce held."}
    gold = {D(2011, 3, 1): "Rebels took the town today.", D(2011, 3, 4): "A truce was signed."}
    assert align(system, gold) == {D(2011, 3, 1): D(2011, 3, 1), D(2011, 3, 5): D(2011, 3, 4)}
    # ROUGE-1: 4 + 0.5 * 1 ("truce") = 4.5 matched of 7 system and 9 gold unigrams
    p, r, f = aligned_rouge(system, gold, 1)
    assert (p, r) == (pytest.approx(4.5 / 7), pytest.approx(0.5)) and f == pytest.approx(0.5625)
    # ROUGE-2: the three bigrams of 03-01 match; none of 03-05 do; 5 system and 7 gold bigrams
    p, r, f = aligned_rouge(system, gold, 2)
    assert (p, r) == (pytest.approx(0.6), pytest.approx(3 / 7)) and f == pytest.approx(0.5)


def test_alignment_is_many_to_one():
    gold = {D(2011, 3, 1): "Rebels took the town."}
    system = {D(2011, 3, 1): "Rebels took the town.", D(2011, 3, 2): "Rebels took the town."}
    assert set(align(system, gold).values()) == {D(2011, 3, 1)}
    p, r, _ = aligned_rouge(system, gold, 1)
    assert r == pytest.approx(1.5) and p == pytest.approx(0.75)  # the repeat is counted at half weight


def test_read_topic_rejects_a_folder_without_the_files(tmp_path):
    with pytest.raises(ValueError, match="missing"):
        read_topic(str(tmp_path))
    with pytest.raises(ValueError, match="no Timeline17 topic"):
        topic_folders(str(tmp_path))


def test_eval_t17_command_prints_ours_beside_both_baselines(topic_dir):
    done = run_cli("eval", "t17", str(topic_dir))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["topic", "timeline", "dates", "ours", "busiest", "named", "R1", "R2"]
    topic_line = next(line.split() for line in lines if line.split()[:2] == ["harlan", "topic"])
    assert topic_line[2:4] == ["1.000", "0.750"]  # busiest: timeline 0 half right, timeline 1 right
    as_json = json.loads(run_cli("eval", "t17", str(topic_dir), "--json").stdout)
    assert as_json[0]["ours"] == 1.0 and len(as_json[0]["rows"]) == 2


def test_eval_t17_loto_scores_each_topic_with_weights_chosen_on_the_others(topic_dir, tmp_path):
    import shutil

    other = tmp_path / "corpus"
    other.mkdir()
    shutil.copytree(topic_dir, other / "harlan")
    shutil.copytree(topic_dir, other / "harlan2")
    shutil.copytree(topic_dir, other / "egypt")  # the degenerate topic: reported, out of the means
    done = run_cli("eval", "t17", str(other), "--loto")
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    assert lines[0] == ["topic", "timeline", "dates", "ours", "busiest", "named", "loto", "R1", "R2"]
    assert next(line for line in lines if line[:2] == ["harlan2", "topic"])[5] == "1.000"
    assert "(not" in next(line for line in lines if line[:2] == ["egypt", "topic"])
    assert any(line[:2] == ["loto", "harlan:"] for line in lines)


def test_eval_t17_bad_folder_is_a_one_line_error(tmp_path):
    done = run_cli("eval", "t17", str(tmp_path / "nope"))
    assert done.returncode == 2
    assert done.stderr.strip().startswith("dateline: error:") and "Traceback" not in done.stderr


def test_the_extraction_cache_is_reused_and_keyed_by_the_articles(topic_dir, tmp_path):
    from evaluation.t17 import cached_extraction

    topic = read_topic(str(topic_dir))
    first = cached_extraction(topic, str(tmp_path / "cache"))
    files = list((tmp_path / "cache").iterdir())
    assert len(files) == 1 and files[0].name.startswith("harlan-")
    again = cached_extraction(topic, str(tmp_path / "cache"))
    assert again.found == first.found and again.seconds == first.seconds  # read back, not re-extracted
    topic.articles[0]["text"] += " More news came in on Friday."
    changed = cached_extraction(topic, str(tmp_path / "cache"))
    assert len(list((tmp_path / "cache").iterdir())) == 2 and changed.found != first.found


def test_the_extraction_cache_key_covers_the_extractor_but_not_the_ranking():
    from evaluation.t17 import extraction_code

    names = {f"{path.parent.name}/{path.name}" for path in extraction_code()}
    assert {"transforms/mentions.py", "transforms/dates.py", "timex/__init__.py"} <= names
    assert "transforms/timeline.py" not in names  # a ranking change must not re-extract every topic
