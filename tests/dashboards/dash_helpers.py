"""Helpers of the dashboard tests: lakes written directly through the lake's transaction, a dashboard server."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

from flows.catalog import refresh_catalog
from flows.lake import Lake, Transaction
from flows.services import stop_process_group, wait_until_healthy
from transforms.frames import to_arrow

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
UTC = dt.timezone.utc

# (date, type, actors, recipient, place, country, lat, lon, sources, evidence, outlet)
EVENTS = [
    ("2026-01-12", "meeting", ["Ana Rivas", "Tomas Berg"], [], "Lisbon", "PRT", 38.72, -9.14, 3,
     "Ana Rivas sat down with Tomas Berg in Lisbon to talk about fishing quotas.", "Quay Herald"),
    ("2026-01-15", "statement", ["Tomas Berg"], [], "Oslo", "NOR", 59.91, 10.75, 1,
     "Tomas Berg told reporters in Oslo that the quota talks were going well.", "North Ledger"),
    ("2026-01-20", "protest", ["dock workers"], [], "Porto", "PRT", 41.15, -8.61, 2,
     "Several hundred dock workers marched through Porto against the new shift rules.", "Quay Herald"),
    ("2026-02-02", "meeting", ["Ana Rivas", "Mei Lin"], [], "Geneva", "CHE", 46.20, 6.14, 4,
     "Ana Rivas and Mei Lin met in Geneva for a second round of trade talks.", "Lakeside Times"),
    ("2026-02-03", "agreement", ["Portugal", "Norway"], [], "Geneva", "CHE", 46.20, 6.14, 5,
     "Portugal and Norway signed a two-year fishing accord in Geneva.", "Lakeside Times"),
    ("2026-02-10", "pledge", ["Norway"], ["Portugal"], "Oslo", "NOR", 59.91, 10.75, 2,
     "Norway promised Portugal 40 million crowns for harbour repairs.", "North Ledger"),
    ("2026-02-18", "attack", ["unknown gunmen"], [], "Valletta", "MLT", 35.90, 14.51, 1,
     "Unknown gunmen fired on a customs boat near Valletta, wounding two officers.", "Isle Courier"),
    ("2026-02-25", "arrest", ["Maltese police"], ["three suspects"], "Valletta", "MLT", 35.90, 14.51, 2,
     "Maltese police detained three suspects over the customs boat shooting.", "Isle Courier"),
    ("2026-03-04", "meeting", ["Mei Lin", "Tomas Berg"], [], "Oslo", "NOR", 59.91, 10.75, 1,
     "Mei Lin visited Tomas Berg in Oslo to discuss salmon exports.", "North Ledger"),
    ("2026-03-09", "sanction", ["European Union"], ["Kestrel Shipping"], "Brussels", "BEL", 50.85, 4.35, 3,
     "The European Union froze the assets of Kestrel Shipping over sanctions dodging.", "Lakeside Times"),
    ("2026-03-17", "vote", ["Portuguese parliament"], [], "Lisbon", "PRT", 38.72, -9.14, 2,
     "The Portuguese parliament approved the fishing accord by 140 votes to 81.", "Quay Herald"),
    ("2026-03-30", "aid", ["World Food Programme"], [], None, None, None, None, 1,
     "The World Food Programme said it would ship grain to the islands; no date was given.", "Isle Courier"),
    (None, "request", ["Ana Rivas"], ["European Commission"], "Lisbon", "PRT", 38.72, -9.14, 1,
     "Ana Rivas has asked the European Commission to review the quota rules.", "Quay Herald"),
    ("2026-04-06", "protest", ["farmers"], [], "Brussels", "BEL", 50.85, 4.35, 6,
     "Farmers drove =tractors into central Brussels to protest fuel prices.", "Lakeside Times"),
]


COUNTRY_ACTORS = {"Portugal": "PRT", "Norway": "NOR"}


def event_rows(events=EVENTS) -> list[dict]:
    """Events table rows from the compact tuples above."""
    rows = []
    for k, (day, kind, actors, recipient, place, country, lat, lon, sources, evidence, outlet) in enumerate(events):
        date = dt.date.fromisoformat(day) if day else None
        slug = outlet.lower().replace(" ", "-")
        rows.append({
            "event_id": f"ev{k:04d}", "event_type": kind, "event_date": date,
            "date_precision": "day" if date else "unknown", "date_basis": "explicit" if date else "unknown",
            "actors": actors, "recipient": recipient,
            "actor_codes": [COUNTRY_ACTORS[a] for a in actors if a in COUNTRY_ACTORS],
            "location": place, "location_country": country, "location_lat": lat, "location_lon": lon,
            "location_precision": "city" if place else None, "modality": "asserted", "trigger": kind,
            "evidence": evidence, "article_id": f"a{k:04d}", "url": f"https://{slug}.test/story/{k}",
            "source": outlet, "confidence": 0.9, "first_seen": date, "last_seen": date, "num_mentions": sources,
            "num_articles": sources, "num_sources": sources, "mention_ids": [f"m{k:04d}"],
            "event_month": date.strftime("%Y-%m") if date else "unknown",
        })
    return rows


def run_rows() -> list[dict]:
    """Two runs: a first full one and a later incremental one."""
    start = dt.datetime(2026, 4, 7, 9, 0, tzinfo=UTC)
    return [
        {"run_id": "20260407T090000-aaaaaa", "flow_run_id": "f1", "started_at": start,
         "finished_at": start + dt.timedelta(seconds=12), "status": "completed", "sources": ["data/samples"],
         "inputs": 15, "articles_new": 14, "duplicates": 1, "skipped_unchanged": 0, "rejects": 2,
         "mentions_new": 30, "events_total": 14, "duration_s": 12.0, "extractor_version": "test-1"},
        {"run_id": "20260408T090000-bbbbbb", "flow_run_id": "f2", "started_at": start + dt.timedelta(days=1),
         "finished_at": start + dt.timedelta(days=1, seconds=3), "status": "completed", "sources": ["data/samples"],
         "inputs": 15, "articles_new": 0, "duplicates": 0, "skipped_unchanged": 15, "rejects": 2,
         "mentions_new": 0, "events_total": 14, "duration_s": 3.0, "extractor_version": "test-1"},
    ]


def reject_rows() -> list[dict]:
    """Two rejected inputs."""
    seen = dt.datetime(2026, 4, 8, 9, 0, 1, tzinfo=UTC)
    return [
        {"input": "inbox/scan.pdf", "reason": "binary", "detail": "not a text file", "seen_at": seen,
         "run_id": "20260408T090000-bbbbbb"},
        {"input": "inbox/blank.txt", "reason": "empty", "detail": "no text after the front matter",
         "seen_at": seen, "run_id": "20260408T090000-bbbbbb"},
    ]


def write_lake(path: Path, events: list[dict], runs=(), rejects=(), catalog: bool = True) -> Lake:
    """Commit one snapshot holding these rows and build its catalog file."""
    lake = Lake(str(path))
    tx = Transaction(lake, run_id="20260408T090000-bbbbbb")
    tx.replace("events", to_arrow("events", events))
    tx.replace("runs", to_arrow("runs", list(runs)))
    tx.replace("rejects", to_arrow("rejects", list(rejects)))
    tx.commit()
    if catalog:
        refresh_catalog(lake)
    return lake


def synthetic_events(n: int, seed: int = 7) -> list[dict]:
    """Many generated events over ten years (for the large-lake tests)."""
    rng = random.Random(seed)
    kinds = ["meeting", "statement", "protest", "attack", "pledge", "arrest", "vote", "aid"]
    people = [f"Person {i}" for i in range(60)]
    start = dt.date(2016, 1, 1)
    rows = []
    for k in range(n):
        date = start + dt.timedelta(days=rng.randrange(3650))
        rows.append({
            "event_id": f"s{k:07d}", "event_type": rng.choice(kinds), "event_date": date,
            "actors": rng.sample(people, 2), "recipient": [], "location": f"Town {k % 40}",
            "location_country": "PRT", "location_lat": 38 + (k % 40) / 10, "location_lon": -9 + (k % 40) / 10,
            "num_sources": 1 + k % 5, "evidence": f"Generated event number {k}.", "source": "Synthetic Wire",
            "url": f"https://synthetic.test/{k}", "event_month": date.strftime("%Y-%m"),
        })
    return rows


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(lake: Path, port: int, log: Path) -> subprocess.Popen:
    """Start `dateline dashboard` as a user would and wait until Streamlit answers its health check."""
    env = dict(os.environ)
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "dateline"), "dashboard", "--lake", str(lake), "--port", str(port)],
        cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc, 90, "dashboard")
    except RuntimeError as exc:
        raise RuntimeError(f"{exc}: {log.read_text()}") from None
    return proc


def stop(proc: subprocess.Popen) -> None:
    """Stop a process group we started."""
    stop_process_group(proc)


def dateline(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the installed `dateline` console script as a user would."""
    return subprocess.run([str(Path(sys.executable).parent / "dateline"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
