"""Trigger-level scoring, day-dated recall, per-domain figures and pins, on small sets written here."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

from evaluation.events import (
    Article,
    cli_events,
    day_recall,
    evaluate_set,
    match_triggers,
    read_articles,
    same_agent,
    system_span,
    trigger_scores,
    write_pins,
)
from tests.helpers import regressions

ROOT = Path(__file__).resolve().parents[2]
HEADER = "article_id,event_type,date,date_precision,trigger,actors,location,evidence,modality\n"
TEXT = "Acme sued Globex on Monday. Police arrested two men. The minister said talks would go on."
PUB = datetime.date(2026, 3, 13)


def sys_event(etype: str, trigger: str, date: str | None = None, actors: list | None = None, **more) -> dict:
    """A system record as `dateline extract` prints it, its trigger found in TEXT."""
    at = TEXT.index(trigger)
    return {"event_type": etype, "event_date": date, "trigger": trigger, "trigger_start": at, "trigger_end": at + len(trigger),
            "evidence_start": at, "evidence_end": at + len(trigger) + 5, "date_basis": "explicit" if date else "unknown",
            "date_precision": "day" if date else "unknown", "actors": actors or [], "modality": "asserted", **more}


def gold(etype: str, date: str, trigger: str, actors: str, evidence: str, precision: str = "day") -> dict:
    """A gold row."""
    return {"article_id": "a1", "event_type": etype, "date": date, "date_precision": precision if date else "unknown",
            "trigger": trigger, "actors": actors, "location": "", "evidence": evidence, "modality": "asserted"}


ARTS = {"a1": Article("a1", PUB, TEXT)}
GOLD = [
    gold("accusation", "2026-03-09", "sued", "Acme Corp", "Acme sued Globex on Monday"),
    gold("arrest", "", "arrested", "Police", "Police arrested two men"),
    gold("statement", "", "said", "the minister", "The minister said talks would go on"),
]


def test_match_is_one_to_one_and_prefers_the_same_type():
    wrong_type = sys_event("statement", "sued")
    right_type = sys_event("accusation", "sued")
    pairs = match_triggers(TEXT, GOLD, [wrong_type, right_type])
    assert pairs == [(0, 1)]  # the same-type event wins although it comes second; the other stays unmatched


def test_trigger_scores_count_identification_type_date_and_agent():
    events = [
        sys_event("accusation", "sued", "2026-03-09", ["Acme"]),  # all fields right (agent by containment)
        sys_event("protest", "arrested", None, ["Police"]),  # identified, wrong type
        sys_event("statement", "said", "2026-03-12", [{"name": "Minister"}]),  # typed; date wrong (gold unknown)
        sys_event("meeting", "talks"),  # spurious
    ]
    t = trigger_scores(ARTS, GOLD, {"a1": events}).as_dict()
    assert (t["gold_events"], t["system_events"], t["typed_matches"]) == (3, 4, 2)
    assert t["identified"] == {"p": 0.75, "r": 1.0, "f1": 0.857}
    assert t["typed"] == {"p": 0.5, "r": 0.667, "f1": 0.571}
    assert t["typed_date_agent"] == {"p": 0.25, "r": 0.333, "f1": 0.286}
    assert t["date_accuracy"] == 0.5 and t["agent_accuracy"] == 1.0 and t["gold_with_agent"] == 2
    assert t["per_type"]["accusation"] == {"gold": 1, "system": 1, "matched": 1, "p": 1.0, "r": 1.0, "f1": 1.0}
    assert t["per_type"]["arrest"]["r"] == 0.0 and t["per_type"]["protest"]["system"] == 1
    assert t["confusion"] == {"accusation": {"accusation": 1}, "arrest": {"protest": 1}, "statement": {"statement": 1}}
    assert t["spurious"] == {"meeting": 1}


def test_error_lines_name_each_kind_of_mistake():
    events = [sys_event("accusation", "sued", "2026-03-10", ["Globex"]), sys_event("meeting", "talks")]
    lines = trigger_scores(ARTS, GOLD, {"a1": events}).errors
    kinds = sorted(line.split()[0] for line in lines)
    assert kinds == ["missed", "missed", "spurious", "wrong-actors", "wrong-agent", "wrong-date"]
    assert any("gold=2026-03-09 system=2026-03-10" in line for line in lines)


def test_undated_gold_accepts_unknown_or_publication_day_dates():
    pub_dated = sys_event("arrest", "arrested", "2026-03-13", ["police"], date_basis="publication", date_precision="day")
    t = trigger_scores(ARTS, GOLD[1:2], {"a1": [pub_dated]})
    assert t.date_right == 1


def test_agent_matches_by_last_word_and_empty_gold_is_right():
    assert same_agent("Donald Trump", ["trump"]) and same_agent("Trump", ["donald trump"])
    assert same_agent("Emmanuel Macron", ["president macron"])
    assert not same_agent("Police", ["ministry"]) and not same_agent("Police", [])
    assert same_agent("", [])


def test_day_recall_needs_overlap_type_and_the_day():
    events = [sys_event("accusation", "sued", "2026-03-09"), sys_event("arrest", "arrested", "2026-03-13")]
    rows = GOLD[:1] + [gold("arrest", "2026-03-12", "arrested", "Police", "Police arrested two men")]
    r = day_recall(ARTS, rows, {"a1": events})
    assert (r.gold, r.found_any, r.found_typed, r.hit, r.gold_off_pub, r.hit_off_pub) == (2, 2, 2, 1, 2, 1)
    assert r.as_dict()["recall_type_date"] == 0.5
    assert len(r.misses) == 1 and "arrest 2026-03-12" in r.misses[0]


def test_system_span_falls_back_from_evidence_to_trigger_to_text():
    assert system_span(TEXT, {"evidence_start": 5, "evidence_end": 9}) == (5, 9)
    assert system_span(TEXT, {"evidence_start": 5, "evidence_end": 5, "trigger_start": 0, "trigger_end": 4}) == (0, 4)
    assert system_span(TEXT, {"evidence": "Police arrested"}) == (TEXT.index("Police"), TEXT.index("Police") + 15)
    assert system_span(TEXT, {"evidence": "not there"}) is None


def write_set(folder: Path) -> None:
    """Two articles from two domains with gold rows."""
    folder.mkdir(parents=True, exist_ok=True)
    arts = [{"id": "b1", "published": "2026-03-13", "domain": "business", "text": "Acme sued Globex on Monday."},
            {"id": "c1", "published": "2026-03-13", "domain": "conflict", "text": "Rebels attacked a depot on Tuesday."}]
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    (folder / "gold_events.csv").write_text(
        HEADER + "b1,accusation,2026-03-09,day,sued,Acme,,Acme sued Globex on Monday,asserted\n"
        "c1,attack,2026-03-10,day,attacked,Rebels,,Rebels attacked a depot on Tuesday,asserted\n", encoding="utf-8")


def fixed(per_text: dict[str, list[dict]]):
    """An extractor returning fixed records per article text."""
    return lambda text, published: per_text[text]


def test_evaluate_set_scores_each_domain(tmp_path):
    write_set(tmp_path)
    sued = {"event_type": "accusation", "event_date": "2026-03-09", "trigger_start": 5, "trigger_end": 9,
            "evidence_start": 0, "evidence_end": 26, "actors": ["Acme"]}
    wrong = {"event_type": "protest", "event_date": "2026-03-10", "trigger_start": 7, "trigger_end": 15,
             "evidence_start": 0, "evidence_end": 30, "actors": []}
    report = evaluate_set(tmp_path, fixed({"Acme sued Globex on Monday.": [sued],
                                           "Rebels attacked a depot on Tuesday.": [wrong]})).as_dict()
    assert report["recall_type_date"] == 0.5 and report["typed"]["f1"] == 0.5
    assert report["domains"]["business"]["recall_type_date"] == 1.0
    assert report["domains"]["conflict"]["recall_type_date"] == 0.0
    assert report["domains"]["conflict"]["identified"]["f1"] == 1.0 and report["domains"]["conflict"]["typed"]["f1"] == 0.0
    assert report["confusion"]["attack"] == {"protest": 1}


def test_read_articles_keeps_the_domain(tmp_path):
    write_set(tmp_path)
    assert {a.id: a.domain for a in read_articles(tmp_path / "articles.jsonl").values()} == {"b1": "business", "c1": "conflict"}


def test_in_process_events_equal_what_dateline_extract_prints(tmp_path):
    lines = (ROOT / "tests" / "fixtures" / "events" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    dateline = Path(sys.executable).with_name("dateline")
    for article in map(json.loads, lines):
        path = tmp_path / f"{article['id']}.txt"
        path.write_text(article["text"], encoding="utf-8")
        out = subprocess.run([str(dateline), "extract", str(path), "--published", article["published"], "--format", "jsonl"],
                             capture_output=True, text=True, check=True).stdout
        printed = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert printed, f"{article['id']} should give events"
        assert cli_events(article["text"], datetime.date.fromisoformat(article["published"])) == printed, article["id"]


def test_pins_are_written_for_the_sets_given_and_regressions_use_the_tolerance(tmp_path):
    figures = {"recall_type_date": 0.8, "identified": {"f1": 0.9}, "typed": {"f1": 0.7}, "typed_date_agent": {"f1": 0.5},
               "date_accuracy": 0.6, "agent_accuracy": 0.5, "actors_accuracy": 0.4, "evidence_level": {"recall_type_date_any_precision": 0.7}, "domains": {"law": {"recall_type_date": 0.4, "typed": {"f1": 0.3}}}}
    path = tmp_path / "events.json"
    write_pins(path, {"news2": ("../shared/eval/news2", figures)}, "v1")
    write_pins(path, {"own": ("tests/fixtures/events", dict(figures, recall_type_date=1.0))}, "v2")
    base = json.loads(path.read_text())
    assert set(base["sets"]) == {"news2", "own"} and base["extractor_version"] == "v2"
    pinned = base["sets"]["news2"]["figures"]
    assert pinned["law: recall_type_date"] == 0.4 and pinned["typed_f1"] == 0.7
    assert regressions(figures, pinned, 0.02) == []
    assert regressions(dict(figures, typed={"f1": 0.69}), pinned, 0.02) == []
    slipped = regressions(dict(figures, typed={"f1": 0.67}), pinned, 0.02)
    assert len(slipped) == 1 and slipped[0].startswith("typed_f1: 0.67 < pinned 0.7")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`dateline eval events ...` as a user runs it."""
    return subprocess.run([str(Path(sys.executable).with_name("dateline")), "eval", "events", *args],
                          capture_output=True, text=True, timeout=600)


def test_command_prints_every_table_for_a_domain_set_and_pins_it(tmp_path):
    write_set(tmp_path / "dev2")
    pins = tmp_path / "pins.json"
    out = run_cli("--news2", str(tmp_path / "dev2"), "--own", str(ROOT / "tests" / "fixtures" / "events"),
                  "--errors", "--pin", "--baseline", str(pins))
    assert out.returncode == 0, out.stderr
    for heading in ("recall of day-dated events", "identified", "+ date + agent", "agent accuracy", "per type",
                    "confusion", "spurious", "per domain"):
        assert heading in out.stdout, heading
    assert "business" in out.stdout and "conflict" in out.stdout
    assert "pinned news2, own in" in out.stderr
    saved = json.loads(pins.read_text())
    assert saved["sets"]["news2"]["corpus"] == str(tmp_path / "dev2") and "business: recall_type_date" in saved["sets"]["news2"]["figures"]
    assert "--pin" in saved["update"]


def test_json_output_is_complete_and_errors_name_their_kind(tmp_path):
    write_set(tmp_path / "dev2")
    with (tmp_path / "dev2" / "gold_events.csv").open("a", encoding="utf-8") as fh:
        fh.write("b1,threat,,unknown,Globex,Globex,,Acme sued Globex,asserted\n")  # no system event there: a miss
    out = run_cli("--news2", str(tmp_path / "dev2"), "--json", "--errors")
    assert out.returncode == 0, out.stderr
    f = json.loads(out.stdout)["news2"]
    for key in ("recall_type_date", "identified", "typed", "typed_date_agent", "date_accuracy", "agent_accuracy",
                "per_type", "confusion", "spurious", "domains", "evidence_level", "articles_per_s"):
        assert key in f, key
    assert set(f["domains"]) == {"business", "conflict"}
    assert any(line.startswith("news2\tmissed b1 threat") for line in out.stderr.splitlines()), out.stderr
    assert all(line.startswith("news2\t") for line in out.stderr.splitlines())


def test_bad_gold_gives_a_one_line_error(tmp_path):
    write_set(tmp_path / "dev2")
    (tmp_path / "dev2" / "gold_events.csv").write_text(HEADER + "zz,attack,,unknown,x,,,x,asserted\n", encoding="utf-8")
    out = run_cli("--news2", str(tmp_path / "dev2"))
    assert out.returncode != 0
    assert out.stderr.startswith("dateline: error:") and "zz" in out.stderr and "Traceback" not in out.stderr
    missing = run_cli("--news2", str(tmp_path / "nope"))
    assert missing.returncode != 0 and "--news2: not a folder" in missing.stderr


def test_pin_to_an_unwritable_place_gives_a_one_line_error(tmp_path):
    out = run_cli("--own", str(ROOT / "tests" / "fixtures" / "events"), "--pin", "--baseline", str(tmp_path / "no" / "dir" / "pins.json"))
    assert out.returncode != 0
    assert out.stderr.startswith("dateline: error:") and "--pin" in out.stderr and "Traceback" not in out.stderr


def test_modality_is_scored_among_typed_matches_and_listed_when_wrong():
    """The unpinned "modality right" figure: of the typed matches, those with the gold row's modality."""
    planned = sys_event("statement", "said", None, [], modality="future")
    events = [sys_event("accusation", "sued", "2026-03-09", ["Acme"]), planned]
    scores = trigger_scores(ARTS, GOLD, {"a1": events})
    assert scores.as_dict()["modality_accuracy"] == 0.5
    assert any(line.startswith("wrong-modality a1 statement gold=asserted system=future") for line in scores.errors)


def test_strict_date_wants_no_date_for_an_undated_gold_event():
    """Date accuracy lets an undated gold event take the publication day; the strict figure wants it empty."""
    publication_day = sys_event("statement", "said", PUB.isoformat(), [], date_basis="publication")
    undated = sys_event("arrest", "arrested", None, ["Police"])
    scores = trigger_scores(ARTS, GOLD, {"a1": [undated, publication_day]}).as_dict()
    assert scores["date_accuracy"] == 1.0
    assert scores["strict_date_accuracy"] == 0.5
