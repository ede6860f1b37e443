"""The event scorers and `dateline eval events` on small corpora written for these tests."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from dateline.commands import eval_events
from evaluation.events import date_ok, score_seed
from tests.helpers import score_news
from evaluation.meantime import read_meantime, read_timeml, score_doc

PUB = datetime.date(2026, 3, 13)


def fake_extract(events: list[dict]):
    """An extractor that returns fixed events (to test the scorers, not the extractor)."""
    return lambda text, published: events


def event(etype: str, day: datetime.date | None, start: int, end: int, modality: str = "asserted") -> dict:
    """A minimal event dict with trigger and evidence spans."""
    return {"event_type": etype, "event_date": day, "modality": modality, "trigger": "x", "trigger_start": start,
            "trigger_end": end, "evidence_start": start, "evidence_end": end + 10, "date_basis": "explicit",
            "time_text": None, "actors": []}


def write_news(folder: Path, text: str, rows: list[str]) -> None:
    """An articles.jsonl with one article and a gold_events.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "articles.jsonl").write_text(json.dumps({"id": "a1", "published": "2026-03-13", "text": text}) + "\n")
    header = "article_id,event_type,date,date_precision,trigger,actors,location,evidence,modality\n"
    (folder / "gold_events.csv").write_text(header + "".join(r + "\n" for r in rows))


def test_news_recall_needs_type_date_and_overlapping_evidence(tmp_path):
    text = "The envoys met on Tuesday. The rebels attacked a depot on Monday."
    write_news(tmp_path, text, [
        "a1,meeting,2026-03-10,day,met,Envoys,,envoys met on Tuesday,asserted",
        "a1,attack,2026-03-09,day,attacked,,,rebels attacked a depot on Monday,asserted",
        "a1,other,,unknown,x,,,The envoys,asserted",
    ])
    right_meeting = dict(event("meeting", datetime.date(2026, 3, 10), 11, 14), actors=["envoys"])
    wrong_date_attack = event("attack", datetime.date(2026, 3, 13), 38, 46)
    s = score_news(tmp_path, fake_extract([right_meeting, wrong_date_attack]))
    d = s.as_dict()
    assert (d["gold_day_dated"], d["gold_events"], d["reported_events"]) == (2, 3, 2)
    assert d["recall_type_date"] == 0.5
    assert d["recall_type_any_date"] == 1.0
    assert d["modality_agreement"] == 1.0 and d["first_actor_agreement"] == 1.0
    assert len(s.misses) == 1 and "attack" in s.misses[0]


def test_expected_date_forms():
    ev = {"event_date": datetime.date(2026, 2, 19)}
    assert date_ok("2026-02-19", ev)
    assert date_ok("<=2026-02-19", ev) and date_ok("<=2026-02-20", ev)
    assert not date_ok("<=2026-02-18", ev)
    assert date_ok("2026-02-18|<=2026-02-19", ev)
    assert date_ok("", {"event_date": None}) and not date_ok("", ev)


def test_seed_matching_is_one_to_one(tmp_path):
    text = "Ministers met on Thursday. They met again."
    (tmp_path / "article.json").write_text(json.dumps({"published": "2026-02-20", "text": text}))
    (tmp_path / "expected_events.csv").write_text(
        "event_type,date,date_precision,date_basis,actors,recipient,location,quantities,modality,evidence\n"
        "meeting,2026-02-19,day,relative,,,,,asserted,Ministers met on Thursday\n"
        "meeting,2026-02-19,day,relative,,,,,asserted,Ministers met\n")
    one = event("meeting", datetime.date(2026, 2, 19), 10, 13)
    assert score_seed(tmp_path, fake_extract([one])).matched == 1
    assert score_seed(tmp_path, fake_extract([one, dict(one)])).matched == 2


MEANTIME_XML = """<?xml version="1.0" ?><Document doc_id="1" doc_name="t">
<token number="0" sentence="0" t_id="1">Talks</token><token number="1" sentence="0" t_id="2">ended</token>
<token number="2" sentence="1" t_id="3">Envoys</token><token number="3" sentence="1" t_id="4">met</token>
<token number="4" sentence="1" t_id="5">on</token><token number="5" sentence="1" t_id="6">Monday</token>
<Markables>
<TIMEX3 m_id="9" type="DATE" value="2026-03-13" functionInDocument="CREATION_TIME"/>
<TIMEX3 m_id="10" type="DATE" value="2026-03-09"><token_anchor t_id="6"/></TIMEX3>
<EVENT_MENTION m_id="11" pred="meet"><token_anchor t_id="4"/></EVENT_MENTION>
</Markables>
<Relations><TLINK r_id="1" reltype="IS_INCLUDED"><source m_id="11"/><target m_id="10"/></TLINK></Relations>
</Document>"""

TIMEML = """<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2026-03-13" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>Envoys <EVENT eid="e1" class="OCCURRENCE">met</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2026-03-09">Monday</TIMEX3> &amp; left.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
</TimeML>"""


def test_meantime_reader_builds_spaced_text_and_anchored_gold(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(MEANTIME_XML)
    doc = read_meantime(path)
    assert doc.text == "Talks ended\nEnvoys met on Monday"
    assert doc.dct == PUB
    (s, e, day), = doc.events
    assert doc.text[s:e] == "met" and day == datetime.date(2026, 3, 9)
    right = score_doc(doc, fake_extract([event("meeting", day, s, e)]))
    assert (right.gold, right.reported, right.right, right.gold_off, right.right_off) == (1, 1, 1, 1, 1)
    wrong = score_doc(doc, fake_extract([event("meeting", PUB, s, e)]))
    assert (wrong.reported, wrong.right) == (1, 0)


def test_timeml_reader_strips_tags_with_offsets(tmp_path):
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML)
    doc = read_timeml(path)
    assert doc.text == "Envoys met on Monday & left."
    (s, e, day), = doc.events
    assert doc.text[s:e] == "met" and day == datetime.date(2026, 3, 9)


def test_eval_events_command_prints_figures_and_rejects_bad_paths(tmp_path):
    app, eval_app = typer.Typer(), typer.Typer()
    app.command("noop")(lambda: None)
    app.add_typer(eval_app, name="eval")
    eval_events.register(app, eval_app)
    write_news(tmp_path / "own", "Farmers protested in Lyon on Tuesday.",
               ["a1,protest,2026-03-10,day,protested,Farmers,Lyon,Farmers protested in Lyon on Tuesday,asserted"])
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", "events", "--own", str(tmp_path / "own"), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["own"]["recall_type_date"] == 1.0
    bad = runner.invoke(app, ["eval", "events", "--news", str(tmp_path / "missing")])
    assert bad.exit_code != 0
    assert "dateline: error:" in bad.stderr and "not a folder" in bad.stderr
    none = runner.invoke(app, ["eval", "events"])
    assert none.exit_code != 0 and "no corpus" in none.stderr
