"""`dateline timex` (tag temporal expressions) and `dateline eval timeml` (score on TimeML)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import PublishedOption, choose_format, parse_day
from dateline.reading import read_bounded


def _read_text(path: str) -> str:
    """The UTF-8 text of a file or of stdin ('-'), exactly as read (no newline translation)."""
    try:
        data = read_bounded(path)  # /dev/zero stops at the cap, a silent pipe at the timeout
    except OSError as exc:
        raise fail(f"{path}: {exc.strerror or exc}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"{path}: not UTF-8 text (byte {exc.start})")


def timex(
    file: Annotated[str, typer.Argument(help="A UTF-8 text file; '-' (default) reads stdin.")] = "-",
    published: PublishedOption = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="jsonl (default), json, csv or table.")] = None,
) -> None:
    """Print the temporal expressions of a text as JSON lines (start, end, text, type, value).

    start/end are character offsets (Python string indices) into the text as read. Without
    --published (alias --dct), relative expressions keep unresolved values such as XXXX-XX-XX.

    Example: echo "The talks ended on Friday." | dateline timex --published 2026-02-20 -
    """
    from transforms.timex import tag

    from dateline.output import write_rows

    fmt = choose_format(fmt, None, default="jsonl")
    day = parse_day(published, "--published")
    text = _read_text(file)
    columns = ["start", "end", "text", "type", "value"]
    write_rows("-", fmt, columns, [(t.start, t.end, t.text, t.type, t.value) for t in tag(text, day)])


def eval_timeml(
    dirs: Annotated[list[str], typer.Argument(help="Folders (or files) of TimeML .tml documents.")],
    errors: Annotated[bool, typer.Option("--errors", help="Also list every error, one per line.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as one JSON object.")] = False,
) -> None:
    """Score the temporal tagger on TimeML files (TempEval-3 task A: span, type, value).

    Prints strict and relaxed span P/R/F1, type and value accuracy and F1 (accuracy over
    relaxed matches times relaxed F1). With --errors, each error follows as a tab-separated
    line: kind (missed, spurious, span, type, value), document, DCT, gold text|type|value,
    system text|type|value, and the context with the expression in [[...]].

    Example: dateline eval timeml ../shared/eval/timeml/timebank ../shared/eval/timeml/aquaint
    """
    from evaluation.timeml import TimemlError, evaluate, format_table, read_tml_files
    from transforms.timex import tag

    for d in dirs:
        if not Path(d).exists():
            raise fail(f"{d}: no such file or directory")
    try:
        docs = read_tml_files(dirs)
    except (OSError, UnicodeDecodeError, TimemlError) as exc:
        raise fail(f"{' '.join(dirs)}: cannot read TimeML ({exc})")
    if not docs:
        raise fail(f"{' '.join(dirs)}: no .tml files found")
    scores = evaluate(docs, tag)
    summary = scores.summary()
    print(f"documents: {len(docs)}", file=sys.stderr)
    if as_json:
        print(json.dumps(summary))
    else:
        print(format_table(summary))
    if errors:
        for e in scores.errors:
            print("\t".join([e["kind"], e["doc"], e["dct"], e["gold"], e["system"], e["context"]]))


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add `dateline timex` and `dateline eval timeml` to the CLI."""
    app.command("timex")(timex)
    eval_app.command("timeml")(eval_timeml)
