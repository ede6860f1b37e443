"""The entry points: `merge_mentions` on dicts, `merge_table` on an Arrow table (the reference the window merge matches)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.collector import collector_paused
from transforms.events.event_types import MERGE_GROUP
from transforms.frames import to_arrow, with_column
from transforms.merge.features import Mention, actor_keys, evidence_words
from transforms.merge.ids import event_ids
from transforms.merge.linking import cluster, cluster_mentions
from transforms.merge.rows import event_row


def merge_mentions(mentions: list[dict]) -> tuple[dict[str, str], list[dict]]:
    """Group mentions into events; return mention_id -> event_id and one events row per event.

    Mentions that carry an `event_id` from an earlier run hand it on to the event they land in.
    """
    with collector_paused():
        return _merge(mentions)


def _merge(mentions: list[dict]) -> tuple[dict[str, str], list[dict]]:
    """merge_mentions without the collector switch."""
    groups = cluster(mentions)
    ids = event_ids([[(m["mention_id"], m.get("event_id")) for m in group] for group in groups])
    assignment: dict[str, str] = {}
    events: list[dict] = []
    for event_id, group in zip(ids, groups):
        for m in group:
            assignment[m["mention_id"]] = event_id
        events.append(event_row(event_id, group))
    return assignment, events


# The columns clustering reads; the others are only needed for the events rows.
CLUSTER_COLUMNS = ("mention_id", "event_id", "article_id", "published_at", "trigger_start", "event_type", "event_date",
                   "date_precision", "date_basis", "on_or_before", "modality", "actors", "actor_codes", "location",
                   "location_geonameid")
EVENT_ROWS_CHUNK = 20000  # mentions turned back into dicts at a time to build the events rows


def merge_table(mentions: pa.Table) -> tuple[pa.Table, pa.Table]:
    """merge_mentions over an Arrow table of mentions: the mentions with their `event_id` set, and the events.

    The same events as merge_mentions on the table's rows, with far less memory: clustering reads a few
    columns, sentences are split into words once each, and rows live as dicts only a chunk at a time.
    """
    with collector_paused():
        return _merge_table(mentions)


def _merge_table(mentions: pa.Table) -> tuple[pa.Table, pa.Table]:
    """merge_table without the collector switch."""
    n = mentions.num_rows
    if n == 0:
        return mentions, to_arrow("events", [])
    # Mentions of different type groups never merge: cluster one group at a time, so that only the
    # largest group's clustering state is in memory at once, then order all events by their root mention.
    keyed: list[tuple[tuple, list[int]]] = []
    for rows in _type_group_rows(mentions.column("event_type")):
        keyed += _cluster_rows(mentions.take(rows), rows.tolist())
    keyed.sort(key=lambda kg: kg[0])
    groups = [group for _key, group in keyed]
    del keyed
    mention_ids = mentions.column("mention_id").to_pylist()
    old_ids = _shared_values(mentions.column("event_id"))
    ids = event_ids([[(mention_ids[i], old_ids[i]) for i in group] for group in groups])
    del mention_ids, old_ids
    assigned: list[str] = [""] * n
    events: list[pa.Table] = [to_arrow("events", [])]
    start = 0
    while start < len(groups):  # rows back as dicts, a chunk of events at a time
        stop, size = start, 0
        while stop < len(groups) and (size == 0 or size + len(groups[stop]) <= EVENT_ROWS_CHUNK):
            size += len(groups[stop])
            stop += 1
        flat = [i for group in groups[start:stop] for i in group]
        rows = iter(mentions.take(pa.array(flat, pa.int64())).to_pylist())
        chunk = []
        for event_id, group in zip(ids[start:stop], groups[start:stop]):
            members = [next(rows) for _ in group]
            for i in group:
                assigned[i] = event_id
            chunk.append(event_row(event_id, members))
        events.append(to_arrow("events", chunk))
        start = stop
    return with_column(mentions, "event_id", assigned), pa.concat_tables(events)


def _type_group_rows(types: pa.ChunkedArray) -> list[np.ndarray]:
    """Row numbers of each type group (types that merge as one, and missing types, share a group)."""
    encoded = pc.dictionary_encode(types).combine_chunks()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    group_of = [MERGE_GROUP.get(t, t) for t in encoded.dictionary.to_pylist()]
    by_group: dict[object, list[int]] = defaultdict(list)
    for code, group in enumerate(group_of):
        by_group[group].append(code)
    out = [np.flatnonzero(np.isin(codes, found)) for found in by_group.values()]
    missing = np.flatnonzero(codes == -1)
    return [rows for rows in out + [missing] if len(rows)]


def _cluster_rows(part: pa.Table, rows: list[int]) -> list[tuple[tuple, list[int]]]:
    """The events of some mentions (`part`, rows `rows` of the whole table): (its root's key, its rows)."""
    return cluster_mentions(mention_items(part, rows))


def mention_items(part: pa.Table, indexes: list, make=Mention) -> list:
    """One `make(index, row, words)` (a Mention) per row of an Arrow table, reading only the clustering columns."""
    values = zip(*[_shared_values(part.column(c)) for c in CLUSTER_COLUMNS])  # row by row
    sentences = pc.dictionary_encode(part.column("evidence")).combine_chunks()
    words = [evidence_words(t) for t in sentences.dictionary.to_pylist()]
    empty: frozenset[str] = frozenset()
    actor_sets: dict[tuple, frozenset[str]] = {}  # mentions of one article or story name the same actors
    items = []
    for i, k in enumerate(sentences.indices.to_pylist()):
        row = dict(zip(CLUSTER_COLUMNS, next(values)))
        named = (tuple(row["actors"] or ()), tuple(row["actor_codes"] or ()))
        actors = actor_sets.get(named)
        if actors is None:
            actors = actor_sets[named] = actor_keys(row)
        items.append(make(indexes[i], row, words[k] if k is not None else empty, actors))
    return items


def _shared_values(column: pa.ChunkedArray) -> list:
    """A column as Python values, one object per distinct value (types, dates, article ids repeat a lot)."""
    if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
        return column.to_pylist()
    encoded = pc.dictionary_encode(column).combine_chunks()
    values = encoded.dictionary.to_pylist()
    return [None if k is None else values[k] for k in encoded.indices.to_pylist()]
