"""The streaming baseline: the pure pipeline (transforms/pipeline.py) over a JSONL corpus in batches, no Prefect.

Run as a child process by the end-to-end benchmark, so that its wall time and peak RSS can be set
beside the Prefect flow's on the same corpus. Articles, mentions and dates are appended to one lake
transaction batch by batch (files go to disk as they are made), so memory stays flat; events are
not merged here (merging needs every mention, which is the flow's job).

    python -m bench.stream corpus.jsonl /tmp/lake --batch-size 1000
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator

from bench.measure import child_main


def _batches(path: str, size: int) -> Iterator[list[tuple[int, str]]]:
    """(line number, line) batches of a JSONL file, read lazily."""
    batch: list[tuple[int, str]] = []
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if line.strip():
                batch.append((lineno, line))
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def run(path: str, lake_path: str, batch_size: int) -> dict:
    """Normalise, extract and write every article of a JSONL corpus with the pure pipeline; return counts."""
    from flows.lake import Lake, Transaction, new_run_id
    from transforms.documents import RawDocument, bytes_hash, document_from_record
    from transforms.frames import to_arrow
    from transforms.pipeline import article_rows, extract_articles

    lake = Lake(lake_path)
    run_id = new_run_id()
    txn = Transaction(lake, run_id)
    now = dt.datetime.now(dt.timezone.utc)
    articles = mentions = 0
    for batch in _batches(path, batch_size):
        docs = (document_from_record(json.loads(line), f"{path}:{lineno}", bytes_hash(line.encode("utf-8")))
                for lineno, line in batch)
        rows = article_rows((d for d in docs if isinstance(d, RawDocument)), now, run_id)
        found, days = extract_articles(rows, run_id)
        txn.append("articles", to_arrow("articles", rows))
        txn.append("mentions", found)
        txn.append("dates", days)
        articles += len(rows)
        mentions += found.num_rows
    txn.commit()
    return {"articles": articles, "mentions": mentions}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the counts as JSON."""
    return child_main(run, "python -m bench.stream", ["corpus", "lake"], {"--batch-size": 1000}, argv,
                      description=__doc__.split("\n\n")[0])


if __name__ == "__main__":
    sys.exit(main())
