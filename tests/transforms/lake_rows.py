"""A small real lake with every table, written through the lake's transaction (no Prefect run).

Chad is an actor of one event and the recipient of another, and only named in the sentence of a third,
so each meaning `--actor chad` could have gives a different set of events.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flows.catalog import refresh_catalog
from flows.lake import Lake, Transaction
from transforms.frames import to_arrow

UTC = dt.timezone.utc
# (event id, article id, day, type, actors, recipient, place, country, evidence)
EVENTS = [
    ("ev-meet", "a1", "2026-03-02", "meeting", ["Chad", "Niger"], [], "Geneva", "CHE",
     "Ministers from Chad and Niger met in Geneva on Monday."),
    ("ev-sanction", "a2", "2026-03-05", "sanction", ["European Union"], ["Chad"], "Brussels", "BEL",
     "The European Union imposed sanctions on Chad on Thursday."),
    ("ev-statement", "a2", "2026-03-09", "statement", ["Sudan"], [], "Khartoum", "SDN",
     "Sudan said on Monday that its talks with Chad would go on."),
    ("ev-attack", "a3", "2026-03-12", "attack", ["gunmen"], ["villagers"], "Khartoum", "SDN",
     "Gunmen attacked villagers near Khartoum on Thursday."),
]
ARTICLES = {"a1": ("2026-03-03", "Geneva talks", "wire-1"), "a2": ("2026-03-10", "Sanctions and talks", "wire-2"),
            "a3": ("2026-03-13", "Attack near Khartoum", None)}
ACTOR_CHAD = {"ev-meet", "ev-sanction"}  # actor or recipient: what --actor means everywhere


def article_rows() -> list[dict]:
    """One article per id, its text the sentences of its events."""
    rows = []
    for article_id, (published, title, input_id) in ARTICLES.items():
        text = " ".join(e[8] for e in EVENTS if e[1] == article_id)
        rows.append({"article_id": article_id, "input": f"inbox/{article_id}.txt", "input_id": input_id,
                     "url": f"https://wire.test/{article_id}", "source": "Test Wire", "title": title,
                     "published_at": dt.date.fromisoformat(published), "text": text,
                     "word_count": len(text.split()), "pub_month": published[:7], "run_id": "r1"})
    return rows


def mention_rows() -> list[dict]:
    """One mention per event, dated to the day, in its article."""
    rows = []
    for k, (event_id, article_id, day, kind, actors, recipient, place, country, evidence) in enumerate(EVENTS):
        date = dt.date.fromisoformat(day)
        rows.append({"mention_id": f"m{k}", "event_id": event_id, "article_id": article_id, "event_type": kind,
                     "event_date": date, "time_value": day, "date_precision": "day", "date_basis": "explicit",
                     "time_text": "Monday", "actors": actors, "actor_codes": [], "recipient": recipient,
                     "location": place, "location_country": country, "modality": "asserted", "trigger": kind,
                     "evidence": evidence, "evidence_start": 0, "evidence_end": len(evidence),
                     "trigger_start": 0, "trigger_end": 1, "confidence": 0.9,
                     "published_at": dt.date.fromisoformat(ARTICLES[article_id][0]), "source": "Test Wire",
                     "url": f"https://wire.test/{article_id}", "run_id": "r1", "event_month": day[:7]})
    return rows


def event_rows() -> list[dict]:
    """The events the mentions were merged into, one each."""
    rows = []
    for mention in mention_rows():
        date = mention["event_date"]
        rows.append({key: mention[key] for key in (
            "event_id", "event_type", "event_date", "date_precision", "date_basis", "time_value", "actors",
            "actor_codes", "recipient", "location", "location_country", "modality", "trigger", "evidence",
            "article_id", "url", "source", "confidence", "event_month")}
            | {"first_seen": date, "last_seen": date, "num_mentions": 1, "num_articles": 1, "num_sources": 1,
               "mention_ids": [mention["mention_id"]]})
    return rows


def write_small_lake(path: Path) -> Lake:
    """Commit one snapshot with every table (one run, one reject, two named days) and build its catalog."""
    lake = Lake(str(path))
    tx = Transaction(lake, run_id="20260314T090000-cccccc")
    started = dt.datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
    tx.replace("articles", to_arrow("articles", article_rows()))
    tx.replace("mentions", to_arrow("mentions", mention_rows()))
    tx.replace("events", to_arrow("events", event_rows()))
    tx.replace("dates", to_arrow("dates", [
        {"article_id": "a2", "day": dt.date(2026, 3, 5), "basis": "explicit", "time_text": "Thursday", "start": 40,
         "end": 48, "published_at": dt.date(2026, 3, 10), "source": "Test Wire", "run_id": "r1"},
        {"article_id": "a3", "day": dt.date(2026, 3, 1), "basis": "explicit", "time_text": "March 1", "start": 0,
         "end": 7, "published_at": dt.date(2026, 3, 13), "source": "Test Wire", "run_id": "r1"}]))
    tx.replace("runs", to_arrow("runs", [{"run_id": "20260314T090000-cccccc", "started_at": started,
                                         "finished_at": started + dt.timedelta(seconds=2), "status": "completed",
                                         "inputs": 4, "articles_new": 3, "rejects": 1}]))
    tx.replace("rejects", to_arrow("rejects", [{"input": "inbox/empty.txt", "reason": "empty", "detail": "no text",
                                               "seen_at": started, "run_id": "20260314T090000-cccccc"}]))
    tx.commit()
    refresh_catalog(lake)
    return lake
