"""Adjudicated MEANTIME/TimeML gold rows (evaluation/adjudication.py) and the guide-scored anchoring line."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from dateline.commands import eval_events
from evaluation import meantime as mt
from evaluation.adjudication import ADJUDICATIONS, COLUMNS, RULES, meets_guide, read_adjudications

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"

# Published on Friday 13 March 2026. The gold dates "met on Monday" a week too early and ties "has signed"
# (present perfect, no anchor of its own) to the publication day: the guide says 9 March and unknown.
TIMEML = """<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2026-03-13" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>Envoys <EVENT eid="e1" class="OCCURRENCE">met</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2026-03-02">Monday</TIMEX3>. The ministry has <EVENT eid="e2" class="OCCURRENCE">signed</EVENT> the deal. Farmers <EVENT eid="e3" class="OCCURRENCE">protested</EVENT> on <TIMEX3 tid="t2" type="DATE" value="2026-03-10">Tuesday</TIMEX3>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PRESENT" aspect="PERFECTIVE" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei2" relatedToTime="t0" />
<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t2" />
</TimeML>"""

HEADER = ",".join(COLUMNS) + "\n"
ROWS = ("timeml,doc,e1,met,2026-03-02,2026-03-09,weekday-convention,Envoys met on Monday.\n"
        "timeml,doc,e2,signed,2026-03-13,unknown,present-perfect-no-anchor,The ministry has signed the deal.\n")


def write_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A TimeML folder with the one document above, and an adjudications file for its first two events."""
    folder = tmp_path / "timeml"
    folder.mkdir()
    (folder / "doc.tml").write_text(TIMEML, encoding="utf-8")
    csv_path = tmp_path / "adjudications.csv"
    csv_path.write_text(HEADER + ROWS, encoding="utf-8")
    return folder, csv_path


def dated(start: int, end: int, day: datetime.date | None, basis: str) -> dict:
    """An extracted event with only what the anchoring scorer reads."""
    return {"trigger_start": start, "trigger_end": end, "event_date": day, "date_basis": basis, "time_text": None}


def test_guide_values_say_what_an_event_date_must_be():
    day = datetime.date(2026, 3, 9)
    assert meets_guide("unknown", {"event_date": None, "date_basis": "unknown"})
    assert meets_guide("unknown", {"event_date": datetime.date(2026, 3, 13), "date_basis": "publication"})
    assert not meets_guide("unknown", {"event_date": day, "date_basis": "relative"})
    assert meets_guide("2026-03-09", {"event_date": day}) and not meets_guide("2026-03-02", {"event_date": day})
    assert meets_guide("2026-W11", {"event_date": day}) and not meets_guide("2026-W10", {"event_date": day})
    assert meets_guide("2026", {"event_date": day}) and not meets_guide("2025", {"event_date": day})
    assert not meets_guide("2026-W11", {"event_date": None})


def test_the_reader_refuses_rows_it_cannot_score(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    rows = read_adjudications(path)
    assert rows[("timeml", "doc", "e2")].guide_value == "unknown" and len(rows) == 2
    for bad, message in (
        (ROWS.replace("weekday-convention", "looks-wrong"), "unknown rule"),
        (ROWS.replace("2026-03-09", "next Monday"), "not unknown, a day"),
        (ROWS + ROWS.splitlines(keepends=True)[0], "adjudicated twice"),
    ):
        path.write_text(HEADER + bad, encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            read_adjudications(path)
    path.write_text("corpus,document\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        read_adjudications(path)


def test_adjudicated_rows_are_scored_the_guide_way_and_the_raw_counts_stay(tmp_path):
    folder, csv_path = write_corpus(tmp_path)
    doc = mt.read_timeml(folder / "doc.tml")
    assert (doc.corpus, sorted(doc.ids.values())) == ("timeml", ["e1", "e2", "e3"])
    spans = {doc.text[s:e]: (s, e) for s, e, _ in doc.events}
    events = [dated(*spans["met"], datetime.date(2026, 3, 9), "relative"),
              dated(*spans["signed"], None, "publication"),
              dated(*spans["protested"], datetime.date(2026, 3, 10), "relative")]
    score = mt.score_doc(doc, lambda text, published: events, read_adjudications(csv_path))
    raw, guide = score.as_dict(), score.as_dict()["adjudicated"]
    # Raw: only the protest is right; "met" is off the publication day in the gold, "signed" on it.
    assert (score.reported, score.right, score.reported_off, score.right_off) == (3, 1, 2, 1)
    assert raw["date_accuracy"] == 0.333  # ratio() rounds to three places
    # The guide's way all three are right; the undated "signed" counts on no day, so not off it.
    assert (guide["adjudicated_gold_rows"], guide["adjudicated_reported"]) == (2, 2)
    assert guide["date_accuracy"] == 1.0 and guide["off_publication_reported"] == 2
    assert guide["date_accuracy_off_publication"] == 1.0
    assert any("[guide: 2026-03-09 by weekday-convention, met]" in line for line in score.errors)
    no_file = mt.score_doc(doc, lambda text, published: events)
    assert no_file.guide_right == no_file.right and no_file.adjudicated == 0


def test_eval_events_prints_the_raw_line_then_the_guide_line(tmp_path):
    folder, csv_path = write_corpus(tmp_path)
    app, eval_app = typer.Typer(), typer.Typer()
    app.command("noop")(lambda: None)
    app.add_typer(eval_app, name="eval")
    eval_events.register(app, eval_app)
    runner = CliRunner()
    out = runner.invoke(app, ["eval", "events", "--timeml", str(folder), "--adjudications", str(csv_path)])
    assert out.exit_code == 0, out.output
    lines = [line for line in out.stdout.splitlines() if "timeml" in line]
    assert lines[0].startswith("timeml: docs=1") and "adjudicated" not in lines[0]
    assert lines[1].startswith("  timeml with the guide deciding 2 adjudicated gold rows")
    figures = json.loads(runner.invoke(app, ["eval", "events", "--timeml", str(folder), "--adjudications",
                                             str(csv_path), "--json"]).stdout)["timeml"]
    assert figures["adjudicated"]["date_accuracy"] > figures["date_accuracy"]
    (tmp_path / "broken.csv").write_text("corpus\n", encoding="utf-8")
    bad = runner.invoke(app, ["eval", "events", "--timeml", str(folder), "--adjudications", str(tmp_path / "broken.csv")])
    assert bad.exit_code != 0 and "columns" in bad.stderr


def test_the_shipped_file_reads_and_cites_every_rule():
    rows = read_adjudications(ADJUDICATIONS)
    assert rows and {r.rule for r in rows.values()} == set(RULES)
    assert all(r.sentence and r.trigger and r.gold_value != r.guide_value for r in rows.values())


def test_the_shipped_rows_name_gold_events_with_their_gold_day():
    if not SHARED.is_dir():
        pytest.skip("the MEANTIME and TimeML corpora live in ../shared, outside the repo")
    rows = read_adjudications(ADJUDICATIONS)
    found = {}
    for corpus, files, reader in (("meantime", mt.meantime_files, mt.read_meantime),
                                  ("timeml", mt.timeml_files, mt.read_timeml)):
        for path in files(SHARED / corpus):
            doc = reader(path)
            for s, e, day in doc.events:
                key = (corpus, doc.name, doc.ids[(s, e)])
                if key in rows:
                    found[key] = (doc.text[s:e], str(day))
    assert set(found) == set(rows)
    assert all(found[k] == (r.trigger, r.gold_value) for k, r in rows.items())
