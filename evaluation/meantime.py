"""Readers for MEANTIME (NewsReader CAT XML) and TimeML (.tml), and the anchored-event date scorer.

Gold: event mentions tied by a TLINK (INCLUDES, IS_INCLUDED, SIMULTANEOUS, DURING) to a time expression
whose value is a day. Measured: the share the extractor reports (a trigger overlapping the gold event's
characters) and the share of those it dates to that day, overall and off the publication day; and the same
date accuracy with the gold rows the guide decides otherwise (evaluation/adjudication.py) scored its way.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from evaluation.adjudication import Adjudication, Key, guide_day, meets_guide
from evaluation.counts import Tally, ratio

_ANCHOR_LINKS = frozenset({"INCLUDES", "IS_INCLUDED", "SIMULTANEOUS", "DURING"})
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass
class GoldDoc:
    """A document's text, publication date and anchored gold events as (start, end, day); ids: each event
    span's id in the corpus (TimeML eid, MEANTIME m_id), to find its adjudication."""

    name: str
    text: str
    dct: datetime.date | None
    events: list[tuple[int, int, datetime.date]]
    corpus: str = ""
    ids: dict[tuple[int, int], str] = field(default_factory=dict)


class AnchorScore(Tally):
    """Counts for anchored gold events: reported by us, and dated right; overall and off the publication day.
    fallback_right: what dating every event by its publication day would score. guide_*: the same reported
    events with adjudicated rows scored the guide's way (off the publication day: the guide dates them to
    another day); adjudicated: gold rows with an adjudication, adjudicated_reported: those we report."""

    COUNTS = ("docs gold reported right gold_off reported_off right_off fallback_right "
              "guide_right guide_reported_off guide_right_off adjudicated adjudicated_reported")

    def __init__(self, **counts: int) -> None:
        super().__init__(**counts)
        self.errors: list[str] = []

    def add(self, other: AnchorScore) -> None:
        """Add another score's counts and errors into this one."""
        super().add(other)
        self.errors.extend(other.errors)

    def as_dict(self) -> dict:
        """Figures for printing."""
        return {
            "docs": self.docs,
            "anchored_gold_events": self.gold,
            "reported": self.reported,
            "report_rate": ratio(self.reported, self.gold),
            "date_accuracy": ratio(self.right, self.reported),
            "off_publication_gold": self.gold_off,
            "off_publication_reported": self.reported_off,
            "date_accuracy_off_publication": ratio(self.right_off, self.reported_off),
            "publication_fallback_accuracy": ratio(self.fallback_right, self.gold),
            "adjudicated": self.guide_figures(),
        }

    def guide_figures(self) -> dict:
        """Date accuracy with the adjudicated gold rows scored the guide's way."""
        return {
            "adjudicated_gold_rows": self.adjudicated,
            "adjudicated_reported": self.adjudicated_reported,
            "date_accuracy": ratio(self.guide_right, self.reported),
            "off_publication_reported": self.guide_reported_off,
            "date_accuracy_off_publication": ratio(self.guide_right_off, self.guide_reported_off),
        }


def _day(value: str | None) -> datetime.date | None:
    """The day of a TIMEX3 value that names one ("2005-06-13", "1998-01-08T10:00"), else None."""
    m = _DAY.match(value or "")
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def read_meantime(path: Path) -> GoldDoc:
    """One MEANTIME CAT XML file: text is the tokens joined by single spaces, one sentence per line."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    current = None
    for tok in root.iter("token"):
        sent = tok.get("sentence")
        if current is not None and sent != current:
            parts.append("\n")
            pos += 1
        elif current is not None:
            parts.append(" ")
            pos += 1
        current = sent
        word = tok.text or ""
        offsets[tok.get("t_id")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
    text = "".join(parts)
    markables = root.find("Markables")
    spans: dict[str, tuple[int, int]] = {}
    values: dict[str, str] = {}
    events: set[str] = set()
    dct = None
    for m in markables if markables is not None else []:
        ids = [a.get("t_id") for a in m.findall("token_anchor")]
        if ids and all(i in offsets for i in ids):
            spans[m.get("m_id")] = (offsets[ids[0]][0], offsets[ids[-1]][1])
        if m.tag == "TIMEX3":
            values[m.get("m_id")] = m.get("value", "")
            if m.get("functionInDocument") == "CREATION_TIME":
                dct = _day(m.get("value"))
        elif m.tag == "EVENT_MENTION":
            events.add(m.get("m_id"))
    gold = []
    ids: dict[tuple[int, int], str] = {}
    relations = root.find("Relations")
    for link in relations.findall("TLINK") if relations is not None else []:
        if link.get("reltype") not in _ANCHOR_LINKS:
            continue
        src, tgt = link.find("source").get("m_id"), link.find("target").get("m_id")
        for ev, tx in ((src, tgt), (tgt, src)):
            day = _day(values.get(tx)) if tx in values else None
            if ev in events and day and ev in spans:
                gold.append((*spans[ev], day))
                ids.setdefault(spans[ev], ev)
    return GoldDoc(path.stem, text, dct, _unique(gold), "meantime", ids)


def read_timeml(path: Path) -> GoldDoc:
    """One TimeML .tml file: the TEXT element with tags removed; anchored events from MAKEINSTANCE and TLINK."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = _day(dct_m[1]) if dct_m else None
    body_m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body = body_m[1] if body_m else ""
    text_parts: list[str] = []
    pos = 0
    spans: dict[str, tuple[int, int]] = {}
    values: dict[str, str] = {}
    open_tags: list[tuple[str, dict, int]] = []
    for m in re.finditer(r"<(/?)(\w+)([^>]*)>|([^<]+)", body):
        if m[4] is not None:
            chunk = _unescape(m[4])
            text_parts.append(chunk)
            pos += len(chunk)
        elif m[1]:
            if open_tags:
                name, attrs, start = open_tags.pop()
                if name == "EVENT":
                    spans[attrs.get("eid", "")] = (start, pos)
                elif name == "TIMEX3":
                    values[attrs.get("tid", "")] = attrs.get("value", "")
        elif not m[3].rstrip().endswith("/"):
            open_tags.append((m[2], dict(re.findall(r'(\w+)="([^"]*)"', m[3])), pos))
    for a in _tags(raw, "TIMEX3"):  # the creation time sits outside TEXT; events link to it too
        values.setdefault(a.get("tid", ""), a.get("value", ""))
    instance = {a["eiid"]: a["eventID"] for a in _tags(raw, "MAKEINSTANCE") if "eiid" in a}
    gold = []
    ids: dict[tuple[int, int], str] = {}
    for a in _tags(raw, "TLINK"):
        if a.get("relType") not in _ANCHOR_LINKS:
            continue
        ev = a.get("eventInstanceID") or a.get("relatedToEventInstance")
        tx = a.get("relatedToTime") if a.get("eventInstanceID") else a.get("timeID")
        if not ev or not tx or (a.get("eventInstanceID") and a.get("relatedToEventInstance")):
            continue
        eid = instance.get(ev)
        day = _day(values.get(tx))
        if eid in spans and day:
            gold.append((*spans[eid], day))
            ids.setdefault(spans[eid], eid)
    return GoldDoc(path.stem, "".join(text_parts), dct, _unique(gold), "timeml", ids)


def _tags(raw: str, name: str) -> Iterator[dict]:
    """Attribute dicts of every <name .../> element."""
    for m in re.finditer(rf"<{name} ([^>]*?)/?>", raw):
        yield dict(re.findall(r'(\w+)="([^"]*)"', m[1]))


def _unescape(s: str) -> str:
    """Undo the XML entities of a text chunk (one character each way keeps offsets simple)."""
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def _unique(gold: list[tuple[int, int, datetime.date]]) -> list[tuple[int, int, datetime.date]]:
    """One gold entry per event span (the first link wins)."""
    seen: dict[tuple[int, int], datetime.date] = {}
    for s, e, d in gold:
        seen.setdefault((s, e), d)
    return [(s, e, d) for (s, e), d in seen.items()]


def score_doc(doc: GoldDoc, extract: Callable, adjudications: dict[Key, Adjudication] | None = None) -> AnchorScore:
    """Score one document: which anchored gold events we report, and whether we date them to their day (and,
    for the adjudicated ones, to the guide's value)."""
    score = AnchorScore(docs=1)
    events = extract(doc.text, doc.dct)
    for s, e, day in doc.events:
        off = day != doc.dct
        adj = (adjudications or {}).get((doc.corpus, doc.name, doc.ids.get((s, e), "")))
        score.gold += 1
        score.gold_off += off
        score.fallback_right += day == doc.dct
        score.adjudicated += adj is not None
        ours = [ev for ev in events if ev["trigger_start"] < e and s < ev["trigger_end"]]
        if not ours:
            continue
        score.reported += 1
        score.reported_off += off
        score.adjudicated_reported += adj is not None
        right = any(ev["event_date"] == day for ev in ours)
        score.right += right
        score.right_off += off and right
        guide_right = _score_guide(score, doc, day, ours, adj, right)
        if not (right and guide_right):
            ev = ours[0]
            line = doc.text[max(0, s - 60) : e + 40].replace("\n", " ")
            met = "met" if guide_right else "missed"
            ruled = f" [guide: {adj.guide_value} by {adj.rule}, {met}]" if adj else ""
            score.errors.append(f"{doc.name} gold={day} dct={doc.dct} ours={ev['event_date']}/{ev['date_basis']} "
                                f"{ev['time_text']!r} [{doc.text[s:e]}]{ruled} ...{line}...")
    return score


def _score_guide(score: AnchorScore, doc: GoldDoc, day: datetime.date, ours: list[dict],
                 adj: Adjudication | None, right: bool) -> bool:
    """Count a reported gold event the guide's way (an adjudicated row by its guide value, any other as the
    gold); True when it is dated right that way."""
    if adj is None:
        off, right_g = day != doc.dct, right
    else:
        guide = guide_day(adj.guide_value)
        off = adj.guide_value != "unknown" and guide != doc.dct  # an undated row is on no day, so not off it
        right_g = any(meets_guide(adj.guide_value, ev) for ev in ours)
    score.guide_right += right_g
    score.guide_reported_off += off
    score.guide_right_off += off and right_g
    return right_g


def meantime_files(folder: Path) -> list[Path]:
    """The CAT XML files under a MEANTIME folder."""
    return sorted(folder.rglob("*.xml"))


def timeml_files(folder: Path) -> list[Path]:
    """The .tml files under a TimeML folder."""
    return sorted(folder.rglob("*.tml"))


def score_corpus(paths: list[Path], reader: Callable[[Path], GoldDoc], extract: Callable,
                 adjudications: dict[Key, Adjudication] | None = None) -> AnchorScore:
    """Sum of the per-document scores."""
    total = AnchorScore()
    for p in paths:
        total.add(score_doc(reader(p), extract, adjudications))
    return total
