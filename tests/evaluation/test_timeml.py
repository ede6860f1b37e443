"""The TimeML reader and the TempEval-3 task A scorer."""

import datetime

import pytest

from evaluation.timeml import TimemlError, evaluate, parse_tml, read_tml_files
from transforms.timex import Timex

DOC = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2026-02-20" functionInDocument="CREATION_TIME">2026-02-20</TIMEX3></DCT>
<TEXT>
Profits &amp; sales rose <TIMEX3 tid="t1" type="DATE" value="2026-02-20">Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of talks.
</TEXT>
</TimeML>
"""


def test_parse_tml_strips_tags_decodes_entities_and_keeps_offsets():
    doc = parse_tml(DOC, "x.tml")
    assert doc.dct == datetime.date(2026, 2, 20)
    assert "&amp;" not in doc.text and "Profits & sales" in doc.text
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("Friday", "DATE", "2026-02-20"), ("three days", "DURATION", "P3D")]
    for g in doc.gold:
        assert doc.text[g.start:g.end] == g.text


def test_parse_tml_without_text_element_raises():
    with pytest.raises(TimemlError):
        parse_tml("<TimeML><DCT></DCT></TimeML>")


def _fixed(predictions):
    """A tagger that returns the given Timex list whatever the text."""
    return lambda text, dct: predictions


def _span(doc, s, type_, value, shift=0, cut=0):
    start = doc.text.index(s) + shift
    end = start + len(s) - shift - cut
    return Timex(start, end, doc.text[start:end], type_, value)


def test_perfect_tagger_scores_100():
    doc = parse_tml(DOC)
    preds = [Timex(g.start, g.end, g.text, g.type, g.value) for g in doc.gold]
    s = evaluate([doc], _fixed(preds)).summary()
    assert s["strict_f1"] == s["relaxed_f1"] == s["value_f1"] == s["type_f1"] == 100.0
    assert evaluate([doc], _fixed(preds)).errors == []


def test_partial_overlap_is_relaxed_not_strict_and_wrong_value_counts():
    doc = parse_tml(DOC)
    preds = [
        _span(doc, "Friday", "DATE", "2026-02-13"),            # exact span, wrong value
        _span(doc, "three days of", "DURATION", "P3D"),        # overlapping span, right value
        _span(doc, "talks", "DATE", "PRESENT_REF"),            # spurious
    ]
    scores = evaluate([doc], _fixed(preds))
    s = scores.summary()
    assert (s["gold"], s["system"]) == (2, 3)
    assert s["strict_p"] == pytest.approx(100 / 3, abs=0.01) and s["strict_r"] == 50.0
    assert s["relaxed_p"] == pytest.approx(200 / 3, abs=0.01) and s["relaxed_r"] == 100.0
    assert s["value_accuracy"] == 50.0
    assert s["value_f1"] == pytest.approx(0.5 * s["relaxed_f1"], abs=0.01)
    kinds = sorted(e["kind"] for e in scores.errors)
    assert kinds == ["span", "spurious", "value"]


def test_missed_expression_is_listed(tmp_path):
    (tmp_path / "a.tml").write_text(DOC, encoding="utf-8")
    docs = read_tml_files([tmp_path])
    scores = evaluate(docs, _fixed([]))
    assert scores.summary()["relaxed_r"] == 0.0
    assert [e["kind"] for e in scores.errors] == ["missed", "missed"]
