"""Timeline queries over a large events table: DuckDB through the lake's catalog vs pandas on the same Parquet.

The events are synthetic rows with the `events` schema, written straight into a real lake (one file per
month partition, committed by a Transaction) so that the catalog, views and file layout are the ones
users get. Query parameters are drawn from a seeded generator; each engine runs the same list.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench.corpus import ORGANISATIONS, OUTLETS, PLACES, TEMPLATES, iter_articles
from bench.measure import percentile
from transforms.schema import EVENTS
from transforms.sql import load

QUERY_TARGET_P50_MS = 100
FIRST_MONTH = dt.date(2019, 1, 1)
MONTHS = 94  # 2019-01 .. 2026-10


def _evidence_pool(seed: int) -> list[str]:
    """Realistic evidence sentences: the gold sentences of a few thousand generated articles."""
    return [g["sentence"] for a in iter_articles(2500, seed) for g in a["gold"]]


def _month_table(rng: np.random.Generator, month: dt.date, rows: int, pools: dict) -> pa.Table:
    """`rows` synthetic events dated within one month."""
    next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    days = (next_month - month).days
    base = (month - dt.date(1970, 1, 1)).days
    event_date = pa.array(base + rng.integers(0, days, rows), type=pa.int32()).cast(pa.date32())
    ids = rng.integers(0, 2**62, size=(rows, 2), dtype=np.int64)
    event_ids = [f"{a:016x}{b & 0xFFFF:04x}" for a, b in ids]
    article_ids = [f"{b:016x}{a & 0xFFFF:04x}" for a, b in ids]
    n_actors = rng.integers(0, 4, rows)
    offsets = np.concatenate([[0], np.cumsum(n_actors)]).astype(np.int32)
    actor_values = pa.array(np.array(pools["actors"], dtype=object)[rng.integers(0, len(pools["actors"]), offsets[-1])])
    actors = pa.ListArray.from_arrays(pa.array(offsets), actor_values)
    n_mentions = rng.integers(1, 6, rows).astype(np.int32)

    def pick(pool: list, size: int = rows) -> pa.Array:
        return pa.array(np.array(pool, dtype=object)[rng.integers(0, len(pool), size)])

    place_idx = rng.integers(0, len(PLACES), rows)
    sources = pick(pools["sources"])
    domains = np.array([d for _, d in OUTLETS], dtype=object)[rng.integers(0, len(OUTLETS), rows)]
    month_path = f"{month.year}/{month.month:02d}"
    columns = {
        "event_id": pa.array(event_ids),
        "event_type": pick(pools["types"]),
        "event_date": event_date,
        "date_precision": pick(["day"] * 8 + ["month", "week"]),
        "date_basis": pick(["explicit", "relative", "relative", "publication", "anchored"]),
        "time_value": pc.strftime(event_date, format="%Y-%m-%d"),
        "actors": actors,
        "actor_codes": pa.ListArray.from_arrays(pa.array(np.zeros(rows + 1, dtype=np.int32)), pa.array([], pa.string())),
        "recipient": pa.ListArray.from_arrays(pa.array(np.zeros(rows + 1, dtype=np.int32)), pa.array([], pa.string())),
        "location": pa.array(np.array([p for p, _ in PLACES], dtype=object)[place_idx]),
        "location_country": pa.array(np.array([c[:3].upper() for _, c in PLACES], dtype=object)[place_idx]),
        "location_precision": pa.array(["city"] * rows),
        "modality": pick(["asserted"] * 6 + ["future", "hypothetical", "negated"]),
        "trigger": pick(pools["triggers"]),
        "evidence": pick(pools["evidence"]),
        "article_id": pa.array(article_ids),
        "url": pa.array([f"https://{d}/{month_path}/{a}" for d, a in zip(domains, article_ids)]),
        "source": sources,
        "confidence": pa.array(rng.random(rows).round(2)),
        "first_seen": event_date,
        "last_seen": event_date,
        "num_mentions": pa.array(n_mentions),
        "num_articles": pa.array(np.maximum(1, n_mentions - 1).astype(np.int32)),
        "num_sources": pa.array(np.maximum(1, n_mentions - 2).astype(np.int32)),
        "event_month": pa.array([month.strftime("%Y-%m")] * rows),
    }
    mention_offsets = np.concatenate([[0], np.cumsum(n_mentions)]).astype(np.int32)
    columns["mention_ids"] = pa.ListArray.from_arrays(
        pa.array(mention_offsets), pa.array([f"{x:020x}" for x in rng.integers(0, 2**62, mention_offsets[-1])]))
    return pa.Table.from_pydict({f.name: columns.get(f.name, pa.nulls(rows, f.type)) for f in EVENTS}, schema=EVENTS)


def build_events_lake(path: str, n_events: int, seed: int) -> dict:
    """Write n_events synthetic events into a new lake at path, one month at a time; return its size."""
    from flows.catalog import refresh_catalog
    from flows.lake import Lake, Transaction, new_run_id

    rng = np.random.default_rng(seed)
    pool_rng = random.Random(seed)
    people = [f"{pool_rng.choice(['Amina', 'Tomas', 'Leila', 'Kwame', 'Ingrid'])} {i}" for i in range(200)]
    pools = {
        "actors": [c for _, c in PLACES] + [o.removeprefix("the ") for o in ORGANISATIONS] + people,
        "types": list(TEMPLATES),
        "triggers": [t for options in TEMPLATES.values() for t, _ in options],
        "sources": [name for name, _ in OUTLETS],
        "evidence": _evidence_pool(seed),
    }
    lake = Lake(path)
    txn = Transaction(lake, new_run_id())
    per_month = n_events // MONTHS
    month = FIRST_MONTH
    started = time.perf_counter()
    for i in range(MONTHS):
        rows = per_month + (n_events - per_month * MONTHS if i == MONTHS - 1 else 0)
        txn.append("events", _month_table(rng, month, rows, pools))
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    txn.commit()
    refresh_catalog(lake)
    files = lake.files("events")
    size = sum(os.path.getsize(f) for f in files)
    return {"events": n_events, "files": len(files), "parquet_bytes": size,
            "bytes_per_event": round(size / n_events, 1), "write_s": round(time.perf_counter() - started, 1)}


def _windows(seed: int, count: int) -> list[tuple[dt.date, dt.date, str]]:
    """Query parameters: a 90-day window and an actor to follow."""
    rng = random.Random(seed)
    span = (dt.date(2026, 7, 1) - FIRST_MONTH).days
    out = []
    for _ in range(count):
        start = FIRST_MONTH + dt.timedelta(days=rng.randrange(span))
        out.append((start, start + dt.timedelta(days=90), rng.choice([c for _, c in PLACES])))
    return out


def duckdb_timeline(path: str, params: list[tuple]) -> dict:
    """Per-query milliseconds of the actor timeline and the window page, through the lake's catalog."""
    from flows.catalog import connect
    from flows.lake import Lake

    import resource

    actor_sql, window_sql = load("queries/bench/actor_timeline"), load("queries/bench/window_page")
    con = connect(Lake(path))
    actor_ms, window_ms, rows = [], [], []
    before = resource.getrusage(resource.RUSAGE_SELF)
    try:
        con.execute(actor_sql, list(params[0])).fetchall()  # open files once, as a dashboard would
        for start, end, actor in params:
            t0 = time.perf_counter()
            rows.append(len(con.execute(actor_sql, [start, end, actor]).fetchall()))
            actor_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            con.execute(window_sql, [start, end]).fetchall()
            window_ms.append((time.perf_counter() - t0) * 1000)
    finally:
        con.close()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"actor_ms": actor_ms, "window_ms": window_ms, "rows": rows, "cpu_ms": cpu * 1000 / (2 * len(params))}


def pandas_timeline(path: str, params: list[tuple]) -> dict:
    """The same actor timeline in pandas: read the committed files with date filters pushed down, then filter."""
    import pandas as pd

    from flows.lake import Lake

    files = Lake(path).files("events")
    columns = ["event_date", "date_precision", "event_type", "actors", "location", "modality", "num_sources",
               "evidence", "url"]
    times, rows = [], []
    for start, end, actor in params:
        t0 = time.perf_counter()
        frame = pd.read_parquet(files, columns=columns, filters=[("event_date", ">=", start), ("event_date", "<=", end)])
        hit = frame[frame["actors"].map(lambda xs: xs is not None and actor in xs)]
        rows.append(len(hit.sort_values(["event_date", "num_sources"], ascending=[True, False])))
        times.append((time.perf_counter() - t0) * 1000)
    return {"actor_ms": times, "rows": rows}


def timeline_benchmark(path: str, n_events: int, seed: int, repeats: int, pandas_repeats: int) -> dict:
    """Build the lake, then p50/p95 of DuckDB timeline queries and the pandas ratio on the same queries."""
    built = build_events_lake(path, n_events, seed)
    params = _windows(seed, repeats)
    duck = duckdb_timeline(path, params)
    pand = pandas_timeline(path, params[:pandas_repeats])
    duck_same = duck["actor_ms"][:pandas_repeats]
    p50 = percentile(duck["actor_ms"], 50)
    return {
        **built,
        "queries": repeats,
        "duckdb_p50_ms": round(p50, 1), "duckdb_p95_ms": round(percentile(duck["actor_ms"], 95), 1),
        "duckdb_window_p50_ms": round(percentile(duck["window_ms"], 50), 1),
        "duckdb_window_p95_ms": round(percentile(duck["window_ms"], 95), 1),
        "duckdb_cpu_ms_per_query": round(duck["cpu_ms"], 1),
        "rows_per_query": round(sum(duck["rows"]) / len(duck["rows"]), 1),
        "pandas_queries": pandas_repeats,
        "pandas_p50_ms": round(percentile(pand["actor_ms"], 50), 1),
        "ratio_pandas_over_duckdb": round(percentile(pand["actor_ms"], 50) / percentile(duck_same, 50), 1),
        "same_rows_as_pandas": pand["rows"] == duck["rows"][:pandas_repeats],
        "target_p50_ms": QUERY_TARGET_P50_MS, "meets_target": p50 <= QUERY_TARGET_P50_MS,
    }

