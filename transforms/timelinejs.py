"""Key dates as TimelineJS input: its Google-Sheets CSV columns or its JSON (pure).

TimelineJS (Knight Lab) reads either a spreadsheet with the columns below or a JSON object
`{"title": {...}, "events": [{"start_date": {...}, "text": {...}}]}`.
"""

from __future__ import annotations

from html import escape

CSV_COLUMNS = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
]


def _headline(key_date) -> str:
    """A short headline: the main event's type and actors (else the day's first sentence, cut short)."""
    if not key_date.events:
        said = (key_date.sentences or [key_date.date.isoformat()])[0]
        return said if len(said) <= 80 else said[:80].rsplit(" ", 1)[0] + " ..."
    e = key_date.events[0]
    actors = ", ".join((e.get("actors") or [])[:3])
    kind = (e.get("event_type") or "event").capitalize()
    return f"{kind}: {actors}" if actors else kind


def _body(key_date) -> str:
    """The event sentences with their sources, as the small HTML TimelineJS accepts."""
    parts = [f"<p>{escape(sentence)}</p>" for sentence in getattr(key_date, "sentences", [])]
    for e in key_date.events:
        if e.get("evidence") in getattr(key_date, "sentences", []):
            continue
        sentence = escape(e.get("evidence") or "")
        src = escape(e.get("source") or "")
        url = e.get("url")
        cite = f' (<a href="{escape(url, quote=True)}">{src or "source"}</a>)' if url else (f" ({src})" if src else "")
        parts.append(f"<p>{sentence}{cite}</p>")
    parts.append(f"<p><small>{key_date.articles} articles, {key_date.sources} sources</small></p>")
    return "".join(parts)


def timelinejs_csv_rows(key_dates: list) -> tuple[list[str], list[list]]:
    """Header and one row per key date, in date order as TimelineJS shows them."""
    rows = []
    for k in sorted(key_dates, key=lambda k: k.date):
        group = (k.events[0].get("event_type") or "") if k.events else ""
        rows.append([k.date.year, k.date.month, k.date.day, "", "", "", "", "", "", _headline(k), _body(k),
                     "", "", "", "", "", group, ""])
    return CSV_COLUMNS, rows


def timelinejs_json(key_dates: list, title: str) -> dict:
    """A TimelineJS JSON document for the key dates."""
    events = []
    for k in sorted(key_dates, key=lambda k: k.date):
        event = {
            "start_date": {"year": str(k.date.year), "month": str(k.date.month), "day": str(k.date.day)},
            "text": {"headline": escape(_headline(k)), "text": _body(k)},
            "unique_id": k.date.isoformat(),
        }
        if k.events and k.events[0].get("event_type"):
            event["group"] = k.events[0]["event_type"]
        events.append(event)
    return {"title": {"text": {"headline": escape(title), "text": f"{len(events)} key dates"}}, "events": events}
