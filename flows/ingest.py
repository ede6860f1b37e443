"""Incremental ingestion against the lake: what is known, what changed, the window, HTTP validators.

Helpers of the `dateline` flow (flows/pipeline.py) that read the lake; the row logic stays in transforms/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from array import array

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.lake import Lake
from flows.sources import canonical_input, is_url
from transforms.articles import content_id, make_article
from transforms.deduplication import Deduplicator, ShingleSets
from transforms.documents import RawDocument

VALIDATORS = "_http/validators.json"  # ETag / Last-Modified of feeds and pages, kept between runs
NEAR_WINDOW_DAYS = 3  # syndicated copies appear within days of each other


def lake_state(lake: Lake) -> dict:
    """What the lake already holds: article ids, canonical URLs of originals, input -> content hash.

    Inputs are keyed by their canonical name. Rows of older runs keyed by the path as typed are
    keyed by its canonical form too (resolved against the current folder), and kept in `legacy`
    (canonical -> stored name) and `legacy_by_hash` (hash -> stored names) so that a run started
    from another folder still finds them by content (`ArticleBuilder.previous_hash`).
    """
    state = {"ids": set(), "urls": {}, "inputs": {}, "legacy": {}, "legacy_by_hash": {}}
    if not lake.exists():
        return state
    articles = lake.read("articles", columns=["article_id", "canonical_url", "input", "content_hash", "duplicate_of"])
    ids = articles.column("article_id").to_pylist()
    state["ids"] = set(ids)
    state["urls"] = {
        url: aid
        for url, aid, dup in zip(articles.column("canonical_url").to_pylist(), ids, articles.column("duplicate_of").to_pylist())
        if url and dup is None
    }
    resolved: dict[str, str] = {}
    for name, digest in zip(articles.column("input").to_pylist(), articles.column("content_hash").to_pylist()):
        key = canonical_input(name, resolved)
        state["inputs"][name] = state["inputs"][key] = digest
        if key != name:
            state["legacy"][key] = name
            state["legacy_by_hash"].setdefault(digest, []).append(name)
    return state


def _same_file(canonical: str, stored: str) -> bool:
    """True when a stored relative name (`data/a.txt`, `../x/b.jsonl:3`) can be the tail of a canonical one."""
    if is_url(stored) or os.path.isabs(stored):
        return False
    tail = os.path.normpath(stored).split("../")[-1]
    return tail not in ("", ".") and canonical.endswith("/" + tail)


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """A `--since/--until` bound as a date (ISO string or date)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def in_window(published: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    """True when a publication date is inside [since, until]; undated articles are always kept."""
    if published is None:
        return True
    return not ((since and published < since) or (until and published > until))


def near_candidates(lake: Lake, rows: list[dict], exclude: set[str]) -> dict[str, str]:
    """Texts of lake originals published near the new rows (or undated), for near-duplicate checks."""
    if not lake.exists() or not rows:
        return {}
    dates = [r["published_at"] for r in rows if r.get("published_at")]
    keep = pc.is_null(pc.field("duplicate_of"))
    if dates:
        pad = dt.timedelta(days=NEAR_WINDOW_DAYS)
        lo, hi = min(dates) - pad, max(dates) + pad
        day = pc.field("published_at")
        keep = keep & (pc.is_null(day) | ((day >= pc.scalar(lo)) & (day <= pc.scalar(hi))))
    # A filtered scan: only the rows in the window are kept (a chunked run asks once per chunk).
    data = lake.dataset("articles").to_table(columns=["article_id", "input", "text"], filter=keep)
    return {
        aid: text
        for aid, name, text in zip(data.column("article_id").to_pylist(), data.column("input").to_pylist(), data.column("text").to_pylist())
        if name not in exclude and text
    }


class SpilledShingles(ShingleSets):
    """The near-duplicate index's shingle sets in an unnamed temporary file: a run's memory stays flat.

    Only LSH candidates are read back (a few per copy found), so the sets of 100,000 originals cost
    160 MB of disk and 16 bytes each of memory. The file has no name: it goes when the run ends or dies.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="dateline-shingles-")
        self._offsets, self._sizes = array("q"), array("q")  # by slot; size -1 once dropped
        self._end = 0

    def put(self, slot: int, grams: np.ndarray) -> None:
        """Append the set of the next slot to the file."""
        if slot != len(self._offsets):
            raise ValueError(f"shingle slots come in order: expected {len(self._offsets)}, got {slot}")
        data = np.ascontiguousarray(grams, dtype=np.uint32).tobytes()
        os.pwrite(self._file.fileno(), data, self._end)
        self._offsets.append(self._end)
        self._sizes.append(len(grams))
        self._end += len(data)

    def get(self, slot: int) -> np.ndarray:
        """Read the set of a slot back."""
        size = self._sizes[slot]
        if size < 0:
            raise KeyError(slot)
        return np.frombuffer(os.pread(self._file.fileno(), size * 4, self._offsets[slot]), dtype=np.uint32)

    def drop(self, slot: int) -> None:
        """Forget a slot (its bytes stay in the file until the run ends)."""
        self._sizes[slot] = -1

    def close(self) -> None:
        """Delete the file."""
        self._file.close()


class ArticleBuilder:
    """Builds the article rows of a run chunk by chunk, with one deduplication state for the whole run.

    Each chunk's documents become rows for new or changed inputs inside the window, deduplicated
    against the lake and against every earlier chunk. Lake duplicates of replaced originals are
    requeued once, after the last chunk (`finish`), as they were queued after all rows before.
    """

    def __init__(self, lake: Lake, state: dict, run_id: str, options: dict | None = None):
        options = options or {}
        self.lake, self.state, self.run_id = lake, state, run_id
        self.since, self.until = parse_day(options.get("since")), parse_day(options.get("until"))
        self.now = dt.datetime.now(dt.timezone.utc)
        self.unchanged = 0
        self.outside = 0
        self.changed: list[str] = []  # inputs whose old rows get replaced (changed ones, then requeued ones)
        self.stale: set[str] = set()  # article ids of the replaced rows: those of `changed`
        self.dedup = Deduplicator(state["ids"], state["urls"], sets=SpilledShingles())
        self._conflicted = False
        self.renamed: dict[str, str] = {}  # stored name of an older run -> canonical name, for unchanged inputs

    def previous_hash(self, doc: RawDocument) -> str | None:
        """The content hash the lake holds for a document's input, also under a name an older run stored."""
        digest = self.state["inputs"].get(doc.input)
        if digest is not None:
            return digest
        for stored in self.state.get("legacy_by_hash", {}).get(doc.content_hash, ()):
            if stored not in self.renamed and _same_file(doc.input, stored):
                self.state.setdefault("legacy", {})[doc.input] = stored  # one old row stands for one file
                return doc.content_hash
        return None

    def lake_names(self, inputs) -> set[str]:
        """The names the lake's rows carry for some inputs: canonical ones and those older runs stored."""
        legacy = self.state.get("legacy", {})
        return set(inputs) | {legacy[i] for i in inputs if i in legacy}

    def build(self, documents: list[RawDocument]) -> list[dict]:
        """The deduplicated rows of one chunk of documents."""
        rows, changed = [], []
        legacy = self.state.get("legacy", {})
        for doc in documents:
            previous_hash = self.previous_hash(doc)
            if previous_hash is not None and previous_hash == doc.content_hash:
                self.unchanged += 1
                if doc.input in legacy:
                    self.renamed[legacy[doc.input]] = doc.input
                continue
            row = make_article(doc, self.now, self.run_id)
            if not in_window(row["published_at"], self.since, self.until):
                self.outside += 1
                continue
            if previous_hash is not None:
                changed.append(doc.input)
            rows.append(row)
        if changed:
            # Rows about to be replaced must not count as the originals of their own new versions.
            self.changed.extend(changed)
            stale = _ids_of_inputs(self.lake, self.lake_names(changed))
            self.stale |= stale
            self.dedup.forget(stale)
        return self._mark(rows)

    @property
    def conflicted(self) -> bool:
        """True when a row of an earlier chunk was marked a copy of a lake original replaced in a later one.

        Marking all rows at once would have forgotten that original first; chunk by chunk it was
        still known then. Rare (an input edited while another new input holds its old text); the
        caller then runs again in one chunk.
        """
        if self.dedup is None:
            return self._conflicted
        return not self.stale.isdisjoint(self.dedup.known_originals)

    def finish(self) -> list[dict]:
        """Lake duplicates of the replaced originals, deduplicated again after every chunk."""
        if not self.stale:
            return []
        orphans = requeue_orphans(self.lake, self.stale, self.lake_names(self.changed), self.run_id)
        self.changed.extend(o["input"] for o in orphans)
        old_ids = {o["old_id"] for o in orphans}
        self.dedup.forget(old_ids)
        self.stale |= old_ids
        return self._mark(orphans)

    def release(self) -> None:
        """Drop the deduplication state (ids, URLs, the near-duplicate index) once every row is marked."""
        if self.dedup is not None:
            self._conflicted = self.conflicted
            if self.dedup.index is not None:
                self.dedup.index.sets.close()
            self.dedup = None

    def _mark(self, rows: list[dict]) -> list[dict]:
        """Mark duplicates among rows, with the lake originals near their dates indexed first."""
        self.dedup.add_known(near_candidates(self.lake, rows, self.lake_names(self.changed)))
        return self.dedup.mark(rows)


def requeue_orphans(lake: Lake, stale: set[str], changed: set[str], run_id: str) -> list[dict]:
    """Lake duplicates of replaced originals, reset to be deduplicated again (so none points nowhere).

    They carry `requeued` so that the run's counts (which are about this run's inputs) leave them out.
    """
    data = lake.read("articles")
    orphans = []
    for row in data.filter(pc.is_in(data.column("duplicate_of"), pa.array(sorted(stale), pa.string()))).to_pylist():
        if row["input"] in changed:
            continue
        row["old_id"] = row["article_id"]
        row.update(article_id=content_id(row["text"]), duplicate_of=None, duplicate_kind=None, run_id=run_id,
                   requeued=True)
        orphans.append(row)
    return orphans


def _ids_of_inputs(lake: Lake, inputs: set[str]) -> set[str]:
    """Article ids of the lake rows of some inputs."""
    data = lake.read("articles", columns=["article_id", "input"])
    return {a for a, i in zip(data.column("article_id").to_pylist(), data.column("input").to_pylist()) if i in inputs}


def renamed_rows(lake: Lake, renamed: dict[str, str]) -> pa.Table | None:
    """The lake's article rows stored under an older run's name, with their input set to the canonical name.

    The migration of a lake written before inputs had canonical names: the caller drops the old
    rows and appends these in the same snapshot, so the next run finds them by name.
    """
    if not renamed:
        return None
    data = lake.read("articles")
    data = data.filter(pc.is_in(data.column("input"), pa.array(sorted(renamed), pa.string())))
    names = [renamed[name] for name in data.column("input").to_pylist()]
    index = data.schema.get_field_index("input")
    return data.set_column(index, "input", pa.array(names, pa.string()))


def load_validators(lake: Lake) -> dict[str, dict]:
    """The HTTP validators kept by the last completed run (empty when missing or unreadable)."""
    try:
        return json.loads(lake._read_text(VALIDATORS))
    except (OSError, ValueError):
        return {}


def save_validators(lake: Lake, fresh: dict[str, dict]) -> None:
    """Merge this run's validators into the kept ones, written atomically after the commit.

    Written only after the snapshot is committed: a crash in between leaves older validators, which
    cost a full fetch next time but never hide an item the lake does not hold.
    """
    if not fresh:
        return
    kept = load_validators(lake)
    kept.update(fresh)
    lake.fs.create_dir(lake.path("_http"))
    lake._write_text_atomic(VALIDATORS, json.dumps(kept, sort_keys=True))
