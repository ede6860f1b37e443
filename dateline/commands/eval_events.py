"""`dateline eval events`: score the event extractor on the seed, annotated news, MEANTIME, TimeML and our own set."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dateline.errors import fail


def _folder(path: Optional[str], option: str, needs: tuple[str, ...] = ()) -> Optional[Path]:
    """The folder of an option, checked to exist and to hold the named files."""
    if path is None:
        return None
    p = Path(path)
    if not p.is_dir():
        raise fail(f"{path}: {option}: not a folder")
    for name in needs:
        if not (p / name).is_file():
            raise fail(f"{path}: {option}: missing {name}")
    return p


def eval_events(
    seed: Annotated[Optional[str], typer.Option(help="Seed folder (article.json, expected_events.csv).")] = None,
    news: Annotated[Optional[str], typer.Option(help="News folder (articles.jsonl, gold_events.csv).")] = None,
    meantime: Annotated[Optional[str], typer.Option(help="MEANTIME folder (CAT XML files, searched recursively).")] = None,
    timeml: Annotated[Optional[str], typer.Option(help="TimeML folder (.tml files, searched recursively).")] = None,
    own: Annotated[Optional[str], typer.Option(help="Our own annotated set (articles.jsonl, gold_events.csv).")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="Also list misses and wrong dates on stderr.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
) -> None:
    """Score the event extractor on annotated corpora; give any of the corpus folders.

    seed: expected events matched one-to-one (type, date, modality). news/own: recall of gold
    day-dated events with the same type and date and overlapping evidence, and events reported
    against the gold count. meantime/timeml: of the gold events tied to a day by a TLINK, the
    share we report (trigger offsets) and the share of those we date right, overall and off the
    publication day.

    Example: dateline eval events --seed ../shared/seed --news ../shared/eval/news --meantime ../shared/eval/meantime --timeml ../shared/eval/timeml --own tests/fixtures/events
    """
    from evaluation import events as ev
    from evaluation import meantime as mt
    from transforms.events import EXTRACTOR_VERSION, extract_events

    seed_p = _folder(seed, "--seed", ("article.json", "expected_events.csv"))
    news_p = _folder(news, "--news", ("articles.jsonl", "gold_events.csv"))
    own_p = _folder(own, "--own", ("articles.jsonl", "gold_events.csv"))
    mt_p = _folder(meantime, "--meantime")
    tml_p = _folder(timeml, "--timeml")
    if not any((seed_p, news_p, own_p, mt_p, tml_p)):
        raise fail("no corpus: give --seed, --news, --meantime, --timeml or --own")
    results: dict = {"extractor_version": EXTRACTOR_VERSION}
    err_lines: list[str] = []
    try:
        if seed_p:
            s = ev.score_seed(seed_p, extract_events)
            results["seed"] = {"expected": s.expected, "matched": s.matched, "reported": s.reported}
            err_lines += [f"seed\t{r}" for r in s.rows if r.endswith("MISSING")]
        for name, p in (("news", news_p), ("own", own_p)):
            if p:
                n = ev.score_news(p, extract_events)
                results[name] = n.as_dict()
                err_lines += [f"{name}\t{m}" for m in n.misses]
        anchored = mt.AnchorScore()
        for name, p, files, reader in (
            ("meantime", mt_p, mt.meantime_files, mt.read_meantime),
            ("timeml", tml_p, mt.timeml_files, mt.read_timeml),
        ):
            if p:
                paths = files(p)
                if not paths:
                    raise fail(f"{p}: --{name}: no documents found")
                a = mt.score_corpus(paths, reader, extract_events)
                results[name] = a.as_dict()
                err_lines += [f"{name}\t{e}" for e in a.errors]
                anchored.add(a)
        if mt_p and tml_p:
            results["meantime+timeml"] = anchored.as_dict()
    except (OSError, ValueError, KeyError) as exc:
        raise fail(f"corpus: {exc}")
    if as_json:
        print(json.dumps(results, indent=2, default=str))
    else:
        for name, figures in results.items():
            if isinstance(figures, dict):
                print(f"{name}: " + "  ".join(f"{k}={v}" for k, v in figures.items()))
            else:
                print(f"{name}: {figures}")
    if errors:
        for line in err_lines:
            print(line, file=sys.stderr)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add `dateline eval events`."""
    eval_app.command("events")(eval_events)
