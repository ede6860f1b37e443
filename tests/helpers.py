"""Helpers several tests share: small all-in-one wrappers over the streaming production code, kept here
so that production modules hold nothing only tests call."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from evaluation.events import (
    Extractor,
    NewsScore,
    extract_all,
    pin_figures,
    read_articles,
    read_gold,
    score_news_records,
)
from evaluation.t17 import Topic, TopicReport, extract_records, report_topic, timeline_runs
from flows.ingest import ArticleBuilder
from flows.lake import Lake
from flows.sources import SourceSummary, open_reader
from transforms.documents import RawDocument
from transforms.pipeline import documents_of_records, run_in_memory
from transforms.window_merge import CarriedIds, id_hash


@dataclass
class Batch(SourceSummary):
    """Every document of the sources in one list, with the summary."""

    documents: list[RawDocument] = field(default_factory=list)


def read_sources(sources: list[str], options: dict | None = None, known: set[str] | None = None,
                 validators: dict[str, dict] | None = None) -> Batch:
    """Read all sources into one Batch; `known` inputs (already in the lake) are not fetched again."""
    reader = open_reader(options, known, validators)
    try:
        documents = list(reader.documents(sources))
    finally:
        reader.close()
    return Batch(**{f.name: getattr(reader.summary, f.name) for f in fields(SourceSummary)}, documents=documents)


def build_articles(lake: Lake, documents: list[RawDocument], state: dict, run_id: str,
                   options: dict | None = None) -> tuple[list[dict], int, list[str], int]:
    """Rows for new or changed inputs deduplicated against the lake, all in one chunk: the rows, the number
    unchanged, the changed inputs and the number outside the `since`/`until` window."""
    builder = ArticleBuilder(lake, state, run_id, options)
    rows = builder.build(documents)
    rows.extend(builder.finish())
    builder.release()
    return rows, builder.unchanged, builder.changed, builder.outside


def carried_ids(ids: list[str], counts: list[int]) -> CarriedIds:
    """Carried ids from ids and their carrier counts."""
    return CarriedIds(np.fromiter((id_hash(i) for i in ids), dtype=np.uint64), np.fromiter(counts, dtype=np.int64))


def carried_ids_of(mentions: pa.Table) -> CarriedIds:
    """The carried ids of a whole table of mentions."""
    counts = pc.value_counts(mentions.column("event_id").drop_null())
    return carried_ids(counts.field("values").to_pylist(), counts.field("counts").to_pylist())


def score_news(folder: Path, extract: Extractor) -> NewsScore:
    """Score `extract` on a folder with articles.jsonl and gold_events.csv."""
    articles = read_articles(folder / "articles.jsonl")
    extracted, seconds = extract_all(articles, extract)
    score = score_news_records(articles, read_gold(folder / "gold_events.csv"), extracted)
    score.seconds = seconds
    return score


def regressions(figures: dict, pinned: dict, tolerance: float) -> list[str]:
    """The pinned measures that the figures fall below by more than the tolerance, as readable lines."""
    now = pin_figures(figures)
    return [f"{name}: {now.get(name)} < pinned {value} - {tolerance}"
            for name, value in pinned.items() if now.get(name) is None or now[name] < value - tolerance]


def mentions_by_version(lake: Lake) -> dict[str, int]:
    """How many of the lake's mentions each extractor version wrote."""
    data = lake.read("mentions", columns=["extractor_version"])
    counts = pc.value_counts(data.column("extractor_version")).to_pylist() if data.num_rows else []
    return {c["values"]: c["counts"] for c in counts}


def pipeline_in_memory(records: list[dict]) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """What `dateline run` makes of JSONL records (`id`, `published`, `text`): articles, mentions, events, dates."""
    return run_in_memory(documents_of_records(records), "t17")


def evaluate_topic(topic: Topic, weights=None) -> TopicReport:
    """Run the pipeline per gold timeline window of a Timeline17 topic, rank as `dateline timeline` does, and score."""
    from transforms.timeline import DEFAULT

    extracted = extract_records(topic.articles)
    return report_topic(topic, timeline_runs(topic, extracted), extracted.seconds, weights or DEFAULT)
