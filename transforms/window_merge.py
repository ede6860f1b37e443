"""Merge mentions into events in a bounded window of event dates (pure): exactly merge_table's events.

merge_table (transforms/merge/) holds every mention at once. Its clustering is local in time within a type group, so a
stream of mentions sorted by event_date can be merged holding only the mentions whose events may
still change:

- pass 1 links anchors of one (type group, day) block: once every row dated up to day D is read,
  the blocks of days <= D are complete;
- pass 2: a vague mention [lo, hi] joins an anchor with its day in [lo, hi] (hi - lo <= MAX_SPAN_DAYS),
  choosing by rank and then by the canonical key of the anchor's event root, which attaching never
  changes; it is decided once every row dated up to hi is read;
- pass 3 links the leftover vague mentions of one (type group, lo, hi, basis): complete with the rest
  of pass 2 for hi;
- an anchor event of day a can gain no member once every row dated up to a + MAX_SPAN_DAYS is read.

A non-publication mention's event_date is its lo, a publication-basis one's is its hi, so reading in
event_date order delivers the rows each decision needs before it is taken. A mention the guide calls
undated (no event_date, publication basis) is read by its on_or_before, its hi (`merge_dates`). Rows with
neither come last: they are singletons, except anchors without a day, which link among themselves.

Event ids (transforms.merge.ids.event_ids) need two global facts: every group carrying an earlier id (the claim
goes to the best of them), and the set of all carried ids (a fresh id must not be one). The caller
passes both as CarriedIds (each earlier id with its number of carriers); a closed event that carries
an earlier id waits until every carrier of that id has been seen in a closed event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.collector import collector_paused
from transforms.frames import with_column
from transforms.merge.entry import EVENT_ROWS_CHUNK, mention_items
from transforms.merge.features import MAX_SPAN_DAYS, Mention
from transforms.merge.ids import claim_votes, group_id
from transforms.merge.linking import AnchorDay, UnionFind, best_posted, index_keys, link_block
from transforms.merge.minhash import band_keys
from transforms.merge.rows import event_table

CHUNK_ROWS = 20_000  # mentions per yielded chunk: each chunk becomes a few files per partition
_END = dt.date.max.toordinal() + MAX_SPAN_DAYS + 1  # "every dated row has been read"


def id_hash(event_id: str) -> int:
    """A 64-bit hash of an event id: the first 8 bytes of its MD5, as DuckDB's md5_number_upper computes it."""
    return int.from_bytes(hashlib.md5(event_id.encode("utf-8")).digest()[:8], "little")


class CarriedIds:
    """The earlier event ids the input mentions carry, each with its number of carriers.

    Sorted numpy arrays: a 64-bit hash, the carrier count and the carriers seen so far, 16 bytes per
    earlier event. Two ids sharing a hash (p ~ n^2 / 2^65) only make a fresh id skip to the next candidate.
    """

    def __init__(self, hashes: np.ndarray, counts: np.ndarray):
        self.hashes, inverse = np.unique(np.asarray(hashes, dtype=np.uint64), return_inverse=True)
        self.counts = np.bincount(inverse.ravel(), weights=counts, minlength=len(self.hashes)).astype(np.int32)
        self.seen = np.zeros(len(self.hashes), dtype=np.int32)

    @classmethod
    def from_batches(cls, batches: Iterable[pa.RecordBatch]) -> CarriedIds:
        """From record batches of (id_hash, count) rows, e.g. DuckDB's
        `SELECT md5_number_upper(event_id), count(*) ... GROUP BY 1` streamed out."""
        hashes, counts = [np.zeros(0, np.uint64)], [np.zeros(0, np.int64)]
        for batch in batches:
            hashes.append(batch.column(0).cast(pa.uint64()).to_numpy(zero_copy_only=False))
            counts.append(batch.column(1).cast(pa.int64()).to_numpy(zero_copy_only=False))
        return cls(np.concatenate(hashes), np.concatenate(counts))

    def slot(self, event_id: str) -> int:
        """The position of an id, which must be carried."""
        h = np.uint64(id_hash(event_id))
        k = int(np.searchsorted(self.hashes, h))
        if k == len(self.hashes) or self.hashes[k] != h:
            raise ValueError(f"event id {event_id} is carried by a mention but missing from the carried ids")
        return k

    def __contains__(self, event_id: str) -> bool:
        """Whether some input mention carries this id."""
        if not len(self.hashes):  # a first run: nothing carried, no hashing per fresh id
            return False
        h = np.uint64(id_hash(event_id))
        k = int(np.searchsorted(self.hashes, h))
        return k < len(self.hashes) and self.hashes[k] == h

    def __len__(self) -> int:
        """The number of distinct carried ids."""
        return len(self.hashes)


class _Batch:
    """One input record batch, alive while any of its mentions is: rows and evidence band keys."""

    __slots__ = ("data", "bands")

    def __init__(self, data: pa.Table):
        self.data = data
        self.bands = None


class _Open(Mention):
    """A mention in the window: its facts, where its row lives, and the event id it carried."""

    __slots__ = ("batch", "row", "old")

    def __init__(self, index: int, row: dict, words: frozenset[str], actors: frozenset[str] | None = None):
        super().__init__(index, row, words, actors)
        self.old = row.get("event_id")


class _BandsOf:
    """The band keys of a list of mentions, as link_block reads them."""

    def __init__(self, items: list[_Open]):
        self.items = items

    def __getitem__(self, i: int) -> list[int]:
        """The band keys of mention i."""
        m = self.items[i]
        return m.batch.bands[m.row]


class _Event:
    """An event being built: its root's canonical key, its members, and what its id waits for."""

    __slots__ = ("root", "members", "waits", "owned", "id")

    def __init__(self, root: tuple):
        self.root = root
        self.members: list[_Open] = []
        self.waits = 0  # carried ids whose carriers are not all seen yet
        self.owned: set[str] = set()
        self.id: str | None = None


class _Day(AnchorDay):
    """A linked anchor block, with the event of each anchor."""

    __slots__ = ("events", "ordinal")


def _link(members: list[_Open], strict: bool) -> tuple[list[_Event], dict[object, list[int]]]:
    """Link one block (pass 1 or 3) as merge_table does: the event of each member, members in canonical order,
    and the block's index (anchor_index's)."""
    if len(members) == 1:  # nothing to link: most blocks (a type group's anchors of one day) hold one mention
        m = members[0]
        event = _Event(m.key)
        event.members.append(m)
        return [event], {key: [0] for key in index_keys(m, m.batch.bands[m.row])}
    members.sort(key=lambda m: m.key)
    sets = UnionFind(len(members))
    index = link_block(range(len(members)), members, _BandsOf(members), sets, strict)
    by_root: dict[int, _Event] = {}
    owner = []
    for i, m in enumerate(members):
        root = sets.find(i)  # the canonically first member of its component comes first
        event = by_root.get(root)
        if event is None:
            event = by_root[root] = _Event(m.key)
        event.members.append(m)
        owner.append(event)
    return owner, index


class WindowMerge:
    """Feed record batches sorted by merge_dates (nulls last); take back chunks of merged mentions and events."""

    def __init__(self, carried: CarriedIds, chunk_rows: int = CHUNK_ROWS):
        self.carried = carried
        self.chunk_rows = chunk_rows
        self._seq = 0
        self._last = -1  # ordinal of the last event_date read; _END once nulls started
        self._anchors: dict[int, dict[object, list[_Open]]] = {}  # day -> type group -> anchors (days ascending)
        self._vague: list[tuple[int, int, _Open]] = []  # heap by hi
        self._days: dict[object, tuple[list[int], list[_Day]]] = {}  # group -> linked anchor days still open
        self._closing: deque[_Day] = deque()  # linked anchor days, by day
        self._null_anchors: dict[object, list[_Open]] = defaultdict(list)
        self._claims: dict[str, tuple[tuple, _Event]] = {}  # earlier id -> best claim so far
        self._slot_ids: dict[int, set[str]] = defaultdict(set)
        self._waiting: dict[int, list[_Event]] = defaultdict(list)
        self._ready: list[_Event] = []
        self._ready_rows = 0

    def feed(self, batch: pa.RecordBatch | pa.Table) -> list[tuple[pa.Table, pa.Table]]:
        """Read one batch; return the chunk of events that closed, if enough did."""
        data = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
        if data.num_rows == 0:
            return []
        column = merge_dates(data)
        dated = column.is_valid().to_numpy(zero_copy_only=False)
        days = column.cast(pa.int32()).fill_null(0).to_numpy()
        self._check_order(days, dated)
        holder = _Batch(data)
        items = mention_items(data, range(self._seq, self._seq + data.num_rows), make=_Open)
        holder.bands = band_keys(items)
        for row, m in enumerate(items):
            m.batch, m.row = holder, row
        self._seq += data.num_rows
        del data
        for m in items:
            self._take(m)
        if dated.any() and not dated[-1]:  # the last dated row came in this batch
            self._advance(_END)
        elif dated[-1]:
            last = int(days[-1]) + dt.date(1970, 1, 1).toordinal()
            self._advance(last - 1)  # rows of the last day may continue in the next batch
        return self._flush() if self._ready_rows >= self.chunk_rows else []

    def finish(self) -> list[tuple[pa.Table, pa.Table]]:
        """Close everything still open; return the last chunk."""
        self._advance(_END)
        for group, members in self._null_anchors.items():
            for event in dict.fromkeys(_link(members, strict=False)[0]):
                self._close(event)
        self._null_anchors.clear()
        if self._waiting:
            raise ValueError("some carried event ids have fewer carriers in the input than the carried counts say")
        return self._flush()

    def _check_order(self, days: np.ndarray, dated: np.ndarray) -> None:
        """Refuse input not sorted by event_date with nulls last: the window would be wrong."""
        if dated.any():
            first_null = np.argmin(dated) if not dated.all() else len(dated)
            if dated[first_null:].any() or self._last == _END:
                raise ValueError("mentions must come sorted by event_date (undated ones by on_or_before), nulls last")
            values = days[:first_null].astype(np.int64) + dt.date(1970, 1, 1).toordinal()
            if values[0] < self._last or (len(values) > 1 and (np.diff(values) < 0).any()):
                raise ValueError("mentions must come sorted by event_date (undated ones by on_or_before), nulls last")
            self._last = int(values[-1])
        if not dated.all():
            self._last = _END

    def _take(self, m: _Open) -> None:
        """File a new mention where its pass will find it."""
        if m.day is None and m.hi is not None:  # undated: decided with the vague mentions of its bound
            heapq.heappush(self._vague, (m.hi.toordinal(), m.index, m))
        elif m.day is None:
            if m.anchor:
                self._null_anchors[m.group].append(m)
            else:
                self._close_alone(m)
        elif m.anchor:
            self._anchors.setdefault(m.day.toordinal(), {}).setdefault(m.group, []).append(m)
        elif m.lo is None:  # year or unknown precision: an event of its own
            self._close_alone(m)
        else:
            heapq.heappush(self._vague, (m.hi.toordinal(), m.index, m))

    def _close_alone(self, m: _Open) -> None:
        """Close a mention that no other can join."""
        event = _Event(m.key)
        event.members.append(m)
        self._close(event)

    def _advance(self, done: int) -> None:
        """Every row dated up to ordinal `done` has been read: take the decisions that depended on them."""
        while self._anchors:
            day = next(iter(self._anchors))
            if day > done:
                break
            for group, members in self._anchors.pop(day).items():
                self._link_anchors(group, members)
        leftovers: dict[tuple, list[_Open]] = defaultdict(list)
        while self._vague and self._vague[0][0] <= done:
            m = heapq.heappop(self._vague)[2]
            if self._attach(m):
                continue
            if m.day is None:  # undated and joined no anchor: an event of its own, as in merge_table
                self._close_alone(m)
            else:
                leftovers[(m.group, m.lo, m.hi, m.by_publication)].append(m)
        for (_group, _lo, _hi, by_publication), members in leftovers.items():
            for event in dict.fromkeys(_link(members, strict=by_publication)[0]):
                self._close(event)
        while self._closing and self._closing[0].ordinal + MAX_SPAN_DAYS <= done:
            block = self._closing.popleft()
            days, blocks = self._days[block.anchors[0].group]
            del days[0], blocks[0]  # a group's days close in the order they opened
            for event in dict.fromkeys(block.events):
                self._close(event)

    def _link_anchors(self, group: object, members: list[_Open]) -> None:
        """Pass 1 for one (type group, day) block; keep it open for the vague mentions that may join it."""
        events, index = _link(members, strict=False)
        day = members[0].day
        block = _Day(day, index, members, lambda j: events[j].root)
        block.events, block.ordinal = events, day.toordinal()
        days, blocks = self._days.setdefault(group, ([], []))
        days.append(block.ordinal)
        blocks.append(block)
        self._closing.append(block)

    def _attach(self, m: _Open) -> bool:
        """Pass 2: put a vague mention into the best anchor event of its period, if any."""
        found = self._days.get(m.group)
        if found is None:
            return False
        days, blocks = found
        keys = set(index_keys(m, m.batch.bands[m.row]))
        # The keys each day's index holds, found in C (a set intersection): most days hold none of them.
        best = best_posted(m, [(block, block.index[key])
                               for block in blocks[bisect_left(days, m.lo.toordinal()) : bisect_right(days, m.hi.toordinal())]
                               for key in block.index.keys() & keys])
        if best is None:
            return False
        block, j = best
        block.events[j].members.append(m)
        return True

    def _close(self, event: _Event) -> None:
        """An event can gain no more members: settle its id now, or once its earlier ids' carriers are all seen."""
        event.members.sort(key=lambda m: m.key)
        votes = claim_votes([(m.key[3], m.old) for m in event.members])
        if not votes:
            self._settle(event)
            return
        carried = self.carried
        slots = []
        for old, (named, n) in votes.items():
            slot = carried.slot(old)
            rank = (not named, -n, event.root)  # event_ids' (named, n, -gi), smallest first
            claim = self._claims.get(old)
            if claim is None or rank < claim[0]:
                self._claims[old] = (rank, event)
            self._slot_ids[slot].add(old)
            carried.seen[slot] += n
            if slot not in slots:
                slots.append(slot)
                self._waiting[slot].append(event)
                event.waits += 1
        for slot in slots:
            if carried.seen[slot] > carried.counts[slot]:
                raise ValueError("some carried event ids have more carriers in the input than the carried counts say")
            if carried.seen[slot] == carried.counts[slot]:
                self._resolve(slot)

    def _resolve(self, slot: int) -> None:
        """Every carrier of the ids in a slot is in a closed event: hand each id to its best claim."""
        for old in self._slot_ids.pop(slot):
            self._claims.pop(old)[1].owned.add(old)
        for event in self._waiting.pop(slot):
            event.waits -= 1
            if event.waits == 0:
                self._settle(event)

    def _settle(self, event: _Event) -> None:
        """Give a closed event its id and queue it for output."""
        pairs = [(m.key[3], m.old) for m in event.members]
        event.id = group_id(pairs, event.owned, self.carried.__contains__)
        self._ready.append(event)
        self._ready_rows += len(event.members)

    def _flush(self) -> list[tuple[pa.Table, pa.Table]]:
        """The ready events as (mentions with event_id, events rows), in slices of EVENT_ROWS_CHUNK mentions."""
        ready, self._ready, self._ready_rows = self._ready, [], 0
        mentions: list[pa.Table] = []
        events: list[pa.Table] = []
        start = 0
        while start < len(ready):
            stop, size = start, 0
            while stop < len(ready) and (size == 0 or size + len(ready[stop].members) <= EVENT_ROWS_CHUNK):
                size += len(ready[stop].members)
                stop += 1
            part, rows = _rows_of(ready[start:stop])
            mentions.append(part)
            events.append(rows)
            for event in ready[start:stop]:
                event.members = []  # let the batches go
            start = stop
        return [(pa.concat_tables(mentions), pa.concat_tables(events))] if mentions else []


def _rows_of(events: list[_Event]) -> tuple[pa.Table, pa.Table]:
    """The member rows of some settled events with their event_id set, and one events row per event."""
    numbers: dict[_Batch, int] = {}  # batches in first-seen order
    rows: list[list[int]] = []  # per batch: the member rows taken from it
    ids: list[list[str]] = []
    places: list[list[tuple[int, int]]] = []  # per event: (batch number, place among that batch's rows) per member
    for event in events:
        place = []
        for m in event.members:
            b = numbers.get(m.batch)
            if b is None:
                b = numbers[m.batch] = len(rows)
                rows.append([])
                ids.append([])
            place.append((b, len(rows[b])))
            rows[b].append(m.row)
            ids[b].append(event.id)
        places.append(place)
    parts = [with_column(batch.data.take(pa.array(rows[b], pa.int64())), "event_id", ids[b])
             for batch, b in numbers.items()]
    offsets = np.cumsum([0] + [len(r) for r in rows]).tolist()
    groups = [[offsets[b] + k for b, k in place] for place in places]
    mentions = pa.concat_tables(parts)
    return mentions, event_table([e.id for e in events], groups, mentions)


def merge_dates(data: pa.Table) -> pa.ChunkedArray:
    """The date a row is streamed by: its event_date, or for an undated mention its on_or_before."""
    undated = pc.and_(pc.is_null(data.column("event_date")), pc.equal(data.column("date_basis"), "publication"))
    return pc.if_else(pc.fill_null(undated, False), data.column("on_or_before"), data.column("event_date"))


def merge_window(
    batches: Iterable[pa.RecordBatch | pa.Table], carried: CarriedIds, chunk_rows: int = CHUNK_ROWS
) -> Iterator[tuple[pa.Table, pa.Table]]:
    """merge_table over mentions sorted by merge_dates (nulls last), in chunks of (mentions, events) as events close."""
    merge = WindowMerge(carried, chunk_rows)
    # Paused throughout, as in merge_table: switched back on after every batch, each first allocation
    # then ran a full collection over the window (~30 ms a batch). The window's objects form no cycles.
    with collector_paused():
        for batch in batches:
            yield from merge.feed(batch)
        yield from merge.finish()
