"""Merge event mentions from many articles into real-world events (pure, near-linear).

Three passes over the mentions in a canonical order, so that the result depends only on the set
of mentions, never on the order they arrived in:

1. *Anchors* (mentions dated to a day by a time expression) are blocked by (type group, day).
   Inside a block, candidate pairs come from an inverted index over actor keys, the place and
   MinHash bands of the evidence words (never all pairs); a pair is linked when modality, actors,
   place and evidence agree (`linkable`). Linked anchors form events (union-find components).
2. *Vague* mentions (week/month/quarter precision, or dated only by the publication day, i.e.
   "on or before" it) join the best matching anchor event whose day lies inside their period.
   This is how merging sharpens dates: the event keeps the day another article states. A mention
   the guide calls undated (no event_date) joins the same way, in the 7 days up to its on_or_before.
3. Vague mentions that joined nothing merge among themselves (same period, same rules); undated
   ones that joined nothing stay events of their own.

Event ids are derived from the canonically first mention of each event. Mentions that already
carry an `event_id` (read back from the lake) pass it on: when an event gains mentions, it keeps
the id of its earliest known mention, so ids stay stable across incremental runs, and a rebuild
from scratch yields the same events (for articles ingested in publication order).

One concern per module: `features` (what a mention offers for comparison), `minhash` (LSH band
keys), `linking` (the passes), `ids` (stable event ids), `rows` (an events row per group), `entry`
(`merge_mentions`, `merge_table`). `transforms/window_merge.py` streams the same passes in a window.
"""

from transforms.merge.entry import CLUSTER_COLUMNS, EVENT_ROWS_CHUNK, mention_items, merge_mentions, merge_table
from transforms.merge.features import MAX_SPAN_DAYS, PUBLICATION_WINDOW, date_interval, evidence_words
from transforms.merge.ids import event_ids
from transforms.merge.linking import cluster
from transforms.merge.rows import event_row

__all__ = [
    "CLUSTER_COLUMNS", "EVENT_ROWS_CHUNK", "MAX_SPAN_DAYS", "PUBLICATION_WINDOW", "cluster", "date_interval",
    "event_ids", "event_row", "evidence_words", "mention_items", "merge_mentions", "merge_table",
]
