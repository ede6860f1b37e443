"""TempEval-3 task A scorer for the temporal tagger on TimeML (.tml) files.

Reads gold TIMEX3 inline in <TEXT> and the DCT from <DCT>, runs the tagger on the plain text
and counts strict (same characters) and relaxed (overlapping) span matches, and type and
value agreement over relaxed matches. Attribute F1 = accuracy over relaxed matches x relaxed F1.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3: character span in the plain text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimemlDoc:
    """One TimeML document: name, plain text, DCT and gold expressions."""

    name: str
    text: str
    dct: datetime.date | None
    gold: list[GoldTimex]


class TimemlError(ValueError):
    """A .tml file that cannot be read as TimeML."""


def parse_tml(raw: str, name: str = "") -> TimemlDoc:
    """Parse TimeML markup: plain text of <TEXT> (tags removed, entities decoded) and gold."""
    body = _TEXT.search(raw)
    if body is None:
        raise TimemlError("no <TEXT> element")
    dct = None
    m = _DCT.search(raw)
    if m:
        value = dict(_ATTR.findall(m.group(1))).get("value", "")
        try:
            dct = datetime.date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    parts: list[str] = []
    n = 0
    pos = 0
    open_timex: list[tuple[int, dict]] = []
    gold: list[GoldTimex] = []
    src = body.group(1)
    for tm in _TAG.finditer(src):
        seg = html.unescape(src[pos:tm.start()])
        parts.append(seg)
        n += len(seg)
        pos = tm.end()
        closing, tag_name, attrs, selfclosing = tm.groups()
        if tag_name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((n, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            gold.append(GoldTimex(start, n, "", a.get("type", ""), a.get("value", "")))
    parts.append(html.unescape(src[pos:]))
    text = "".join(parts)
    gold = [GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold]
    gold.sort(key=lambda g: g.start)
    return TimemlDoc(name, text, dct, gold)


def read_tml_files(paths: Iterable[str | Path]) -> list[TimemlDoc]:
    """Read every .tml file named or found (recursively) under the given paths."""
    docs = []
    for p in paths:
        p = Path(p)
        files = sorted(p.rglob("*.tml")) if p.is_dir() else [p]
        for f in files:
            docs.append(parse_tml(f.read_text(encoding="utf-8"), f.name))
    return docs


@dataclass
class Scores:
    """Counts of the TempEval-3 task A measures, and the error listing."""

    gold: int = 0
    system: int = 0
    strict_gold: int = 0  # gold expressions with an exactly matching system span
    strict_system: int = 0
    relaxed_gold: int = 0  # gold expressions overlapped by a system span
    relaxed_system: int = 0
    type_ok: int = 0  # over relaxed gold matches
    value_ok: int = 0
    errors: list[dict] = field(default_factory=list)

    @staticmethod
    def _prf(hits_sys: int, hits_gold: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
        """Precision, recall and F1 in percent."""
        p = 100.0 * hits_sys / n_sys if n_sys else 0.0
        r = 100.0 * hits_gold / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def strict(self) -> tuple[float, float, float]:
        """Strict span P, R, F1."""
        return self._prf(self.strict_system, self.strict_gold, self.system, self.gold)

    def relaxed(self) -> tuple[float, float, float]:
        """Relaxed span P, R, F1."""
        return self._prf(self.relaxed_system, self.relaxed_gold, self.system, self.gold)

    def attribute(self, ok: int) -> tuple[float, float]:
        """Accuracy over relaxed matches and attribute F1 (accuracy x relaxed F1)."""
        acc = 100.0 * ok / self.relaxed_gold if self.relaxed_gold else 0.0
        return acc, acc * self.relaxed()[2] / 100.0

    def summary(self) -> dict:
        """All measures as a flat dict (percentages rounded to 2 places)."""
        sp, sr, sf = self.strict()
        rp, rr, rf = self.relaxed()
        ta, tf = self.attribute(self.type_ok)
        va, vf = self.attribute(self.value_ok)
        out = {
            "gold": self.gold, "system": self.system,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": ta, "type_f1": tf, "value_accuracy": va, "value_f1": vf,
        }
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in out.items()}


def score_doc(doc: TimemlDoc, predicted: list, scores: Scores) -> None:
    """Add one document's matches and errors to scores; predicted has start/end/type/value."""
    scores.gold += len(doc.gold)
    scores.system += len(predicted)
    matched_sys: set[int] = set()
    for g in doc.gold:
        overlapping = [k for k, p in enumerate(predicted) if p.start < g.end and g.start < p.end]
        exact = [k for k in overlapping if predicted[k].start == g.start and predicted[k].end == g.end]
        if exact:
            scores.strict_gold += 1
        if not overlapping:
            scores.errors.append(_error(doc, "missed", g, None))
            continue
        scores.relaxed_gold += 1
        matched_sys.update(overlapping)
        best = predicted[(exact or overlapping)[0]]
        type_ok = best.type == g.type
        value_ok = best.value == g.value
        scores.type_ok += type_ok
        scores.value_ok += value_ok
        if exact and type_ok and value_ok:
            continue
        kind = "value" if not value_ok else ("type" if not type_ok else "span")
        scores.errors.append(_error(doc, kind, g, best))
    gold_spans = {(g.start, g.end) for g in doc.gold}
    for k, p in enumerate(predicted):
        if k in matched_sys:
            scores.relaxed_system += 1
            if (p.start, p.end) in gold_spans:
                scores.strict_system += 1
        else:
            scores.errors.append(_error(doc, "spurious", None, p))


def _error(doc: TimemlDoc, kind: str, gold, system) -> dict:
    """One error row: document, kind, gold and system text/type/value, and context."""
    anchor = gold or system
    left = doc.text[max(0, anchor.start - 50):anchor.start].replace("\n", " ")
    right = doc.text[anchor.end:anchor.end + 50].replace("\n", " ")
    return {
        "doc": doc.name, "dct": doc.dct.isoformat() if doc.dct else "", "kind": kind,
        "gold": f"{gold.text}|{gold.type}|{gold.value}" if gold else "",
        "system": f"{system.text}|{system.type}|{system.value}" if system else "",
        "context": f"{left}[[{anchor.text if gold is None else gold.text}]]{right}",
    }


def evaluate(docs: Iterable[TimemlDoc], tagger: Callable) -> Scores:
    """Run tagger(text, dct) on every document and score it against the gold."""
    scores = Scores()
    for doc in docs:
        score_doc(doc, tagger(doc.text, doc.dct), scores)
    return scores


def format_table(summary: dict) -> str:
    """The measures as a small aligned text table."""
    s = summary
    lines = [
        f"gold expressions: {s['gold']}   system expressions: {s['system']}",
        f"{'measure':<16}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict span':<16}{s['strict_p']:>8.2f}{s['strict_r']:>8.2f}{s['strict_f1']:>8.2f}",
        f"{'relaxed span':<16}{s['relaxed_p']:>8.2f}{s['relaxed_r']:>8.2f}{s['relaxed_f1']:>8.2f}",
        f"{'measure':<16}{'accuracy':>10}{'F1':>8}",
        f"{'type':<16}{s['type_accuracy']:>10.2f}{s['type_f1']:>8.2f}",
        f"{'value':<16}{s['value_accuracy']:>10.2f}{s['value_f1']:>8.2f}",
    ]
    return "\n".join(lines)
