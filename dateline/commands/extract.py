"""`dateline extract`: print the events of one document as JSON lines, without touching the lake."""

from __future__ import annotations

import datetime
import json
import os
import sys
from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import PublishedOption, choose_format, parse_day
from dateline.reading import DEFAULT_TIMEOUT, MAX_DOCUMENT_BYTES, read_bounded


def read_document(path: str, cap: int = MAX_DOCUMENT_BYTES, timeout: float = DEFAULT_TIMEOUT) -> tuple[str, int, dict]:
    """The text as read, the offset of the article body in it, and metadata (front matter or JSON)."""
    from transforms.documents import DecodeError, decode_bytes, parse_front_matter, pick

    try:
        data = read_bounded(path, cap, timeout)
    except OSError as exc:
        raise fail(f"{path}: {exc.strerror or exc}")
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        raise fail(f"{path}: {exc.detail}")
    ext = os.path.splitext(path)[1].lower()
    if ext in {".json", ".jsonl", ".ndjson"}:
        try:
            first = text.strip().splitlines()[0] if ext != ".json" else text
            record = json.loads(first)
        except (json.JSONDecodeError, IndexError) as exc:
            raise fail(f"{path}: not valid JSON ({exc})")
        if not isinstance(record, dict) or not pick(record, "text"):
            raise fail(f"{path}: the JSON record has no text field")
        return pick(record, "text"), 0, {"published": pick(record, "published")}
    meta, _body, offset = parse_front_matter(text)
    return text, offset, meta


def document_events(text: str, offset: int, published: datetime.date | None) -> list[dict]:
    """The events of a document's body, one row per event (repeated mentions folded; the lake keeps each
    mention), offsets indexing the text as read (what `extract` prints)."""
    from transforms.events import extract_distinct

    events = extract_distinct(text[offset:], published)
    for event in events:
        for key in ("trigger_start", "trigger_end", "evidence_start", "evidence_end"):
            event[key] += offset
    return events


def extract(
    file: Annotated[str, typer.Argument(help="A .txt/.md (front matter allowed) or .json file; '-' for stdin.")],
    published: PublishedOption = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="jsonl (default), json, csv or table.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse a document larger than this.")] = MAX_DOCUMENT_BYTES,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for data from a pipe or device.")] = DEFAULT_TIMEOUT,
) -> None:
    """Extract the dated events of one document and print them (offsets index the text as read).

    Example: dateline extract ../shared/seed/article.txt --published 2026-02-20
    """
    from dateline.output import write_rows
    from transforms.articles import parse_published

    fmt = choose_format(fmt, None, default="jsonl")
    if max_bytes <= 0:
        raise fail(f"--max-bytes {max_bytes}: must be positive")
    if timeout <= 0:
        raise fail(f"--timeout {timeout:g}: must be positive")
    text, offset, meta = read_document(file, max_bytes, timeout)
    day = parse_day(published, "--published")
    if day is None:
        day = parse_published(meta.get("published") or meta.get("date"))
        if day is None:
            print(f"dateline: {file}: no publication date; relative dates stay unresolved", file=sys.stderr)
    events = document_events(text, offset, day)
    columns = list(events[0].keys()) if events else ["event_type", "event_date", "evidence"]
    write_rows("-", fmt, columns, [tuple(e[c] for c in columns) for e in events])


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("extract")(extract)
