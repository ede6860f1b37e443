"""`dateline eval events`: score the event extractor on the seed, annotated news sets, MEANTIME, TimeML and our own set."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dateline.errors import fail
from dateline.options import folder_option

NEWS_FILES = ("articles.jsonl", "gold_events.csv")


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


def _f(x: float) -> str:
    """A figure with three decimals."""
    return f"{x:.3f}"


def news_lines(name: str, f: dict) -> list[str]:
    """The text report of one annotated news set."""
    lines = [
        f"{name}: {f['articles']} articles, {f['gold_events']} gold events, {f['system_events']} system events"
        f" ({f['articles_per_s']} articles/s)",
        f"  recall of day-dated events (type + date)  {_f(f['recall_type_date'])}  of {f['gold_day_dated']}"
        f"  [found any type {_f(f['found_any_type'])}, with type {_f(f['found_with_type'])},"
        f" date right among found {_f(f['date_right_among_found'])}]",
        f"  off the publication day                    {_f(f['recall_type_date_off_publication'])}"
        f"  of {f['gold_day_dated_off_publication']}",
        "  triggers            P      R      F1",
    ]
    for label, key in (("identified", "identified"), ("+ type", "typed"), ("+ date + agent", "typed_date_agent")):
        lines.append(f"  {label:16} {_f(f[key]['p'])}  {_f(f[key]['r'])}  {_f(f[key]['f1'])}")
    lines.append(f"  among {f['typed_matches']} typed matches: date accuracy {_f(f['date_accuracy'])},"
                 f" agent accuracy {_f(f['agent_accuracy'])}, actor lists right {_f(f['actors_accuracy'])}"
                 f" (of {f['gold_with_agent']} with gold actors)")
    lines.append(f"  among {f['typed_matches']} typed matches: modality right {_f(f['modality_accuracy'])},"
                 f" date right with undated gold left empty {_f(f['strict_date_accuracy'])}  [unpinned]")
    lines.append(f"  {'per type':14} {'gold':>5} {'sys':>5} {'match':>5}   P      R      F1")
    for t, v in f["per_type"].items():
        lines.append(f"  {t:14} {v['gold']:5} {v['system']:5} {v['matched']:5}  {_f(v['p'])}  {_f(v['r'])}  {_f(v['f1'])}")
    lines.append("  confusion (gold type: system types over matched triggers; missed = no system trigger)")
    for t, row in f["confusion"].items():
        lines.append(f"    {t}: " + ", ".join(f"{k} {n}" for k, n in sorted(row.items(), key=lambda kv: -kv[1])))
    lines.append("    spurious (system type, no gold trigger): " + ", ".join(f"{k} {n}" for k, n in f["spurious"].items()))
    if f.get("domains"):
        lines.append(f"  {'per domain':36} {'arts':>4} {'gold':>5} {'day':>4}  recall  id-F1  type-F1  full-F1  date   agent  actors  modal  strict")
        for d, v in f["domains"].items():
            lines.append(f"  {d:36} {v['articles']:4} {v['gold_events']:5} {v['gold_day_dated']:4}  {_f(v['recall_type_date'])}"
                         f"   {_f(v['identified']['f1'])}  {_f(v['typed']['f1'])}    {_f(v['typed_date_agent']['f1'])}"
                         f"    {_f(v['date_accuracy'])}  {_f(v['agent_accuracy'])}  {_f(v['actors_accuracy'])}"
                         f"  {_f(v['modality_accuracy'])}  {_f(v['strict_date_accuracy'])}")
    return lines


def print_text(results: dict) -> None:
    """Print every set's figures for people."""
    for name, figures in results.items():
        if not isinstance(figures, dict):
            print(f"{name}: {figures}")
        elif "per_type" in figures:
            print("\n".join(news_lines(name, figures)))
        elif "matched" in figures:
            print(f"{name}: {figures['matched']}/{figures['expected']} expected events matched"
                  f" (type, date, modality), {figures['reported']} reported")
        else:
            print("\n".join(anchoring_lines(name, figures)))


def anchoring_lines(name: str, figures: dict) -> list[str]:
    """The raw anchoring figures of MEANTIME/TimeML, then the same with adjudicated gold rows scored the guide's way."""
    raw = {k: v for k, v in figures.items() if k != "adjudicated"}
    lines = [f"{name}: " + "  ".join(f"{k}={v}" for k, v in raw.items())]
    guide = figures.get("adjudicated")
    if guide and guide["adjudicated_gold_rows"]:
        lines.append(f"  {name} with the guide deciding {guide['adjudicated_gold_rows']} adjudicated gold rows"
                     f" ({guide['adjudicated_reported']} reported): date_accuracy={guide['date_accuracy']}"
                     f"  off_publication_reported={guide['off_publication_reported']}"
                     f"  date_accuracy_off_publication={guide['date_accuracy_off_publication']}")
    return lines


def eval_events(
    seed: Annotated[Optional[str], folder_option("Seed folder (article.json, expected_events.csv).")] = None,
    news: Annotated[Optional[str], folder_option("News folder (articles.jsonl, gold_events.csv).")] = None,
    news2: Annotated[Optional[str], folder_option("A second news folder, e.g. ../shared/eval/news2 (scored per `domain` too).")] = None,
    meantime: Annotated[Optional[str], folder_option("MEANTIME folder (CAT XML files, searched recursively).")] = None,
    timeml: Annotated[Optional[str], folder_option("TimeML folder (.tml files, searched recursively).")] = None,
    own: Annotated[Optional[str], folder_option("Our own annotated set (articles.jsonl, gold_events.csv).")] = None,
    adjudications: Annotated[Optional[str], typer.Option(
        help="CSV of MEANTIME/TimeML gold rows the guide decides otherwise (default evaluation/adjudications/meantime_timeml.csv).")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="Also list misses, wrong types, dates, agents and actor lists, and spurious events on stderr.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
    pin: Annotated[bool, typer.Option("--pin", help="Save these figures as the gate's pins for the sets given.")] = False,
    baseline: Annotated[Optional[str], typer.Option(help="Pinned-figures file for --pin (default evaluation/baselines/events.json).")] = None,
) -> None:
    """Score the event extractor on annotated corpora; give any of the corpus folders.

    news/news2/own: recall of gold day-dated events with the same type and date (evidence overlap);
    trigger-level P/R/F1 (gold trigger inside its evidence, one-to-one, same type first) for
    identification, + type, + date and agent; date, agent and whole-actor-list accuracy among typed matches; per-type
    P/R/F1, a confusion table, and per `domain` when the articles carry one. Events are those
    `dateline extract FILE --published D` prints. seed: expected events matched one-to-one (type,
    date, modality). meantime/timeml: of the gold events tied to a day by a TLINK, the share we
    report and the share we date right, overall and off the publication day; then a second line with
    the gold rows the annotation guide decides otherwise (the adjudications file) scored its way.

    Example: dateline eval events --news ../shared/eval/news --news2 ../shared/eval/news2 --own tests/fixtures/events
    """
    from evaluation import adjudication as adj
    from evaluation import events as ev
    from evaluation import meantime as mt
    from transforms.events import EXTRACTOR_VERSION, extract_events

    seed_p = _folder(seed, "--seed", ("article.json", "expected_events.csv"))
    news_sets = {name: _folder(path, f"--{name}", NEWS_FILES) for name, path in (("news", news), ("news2", news2), ("own", own))}
    mt_p = _folder(meantime, "--meantime")
    tml_p = _folder(timeml, "--timeml")
    if not any((seed_p, mt_p, tml_p, *news_sets.values())):
        raise fail("no corpus: give --seed, --news, --news2, --meantime, --timeml or --own")
    results: dict = {"extractor_version": EXTRACTOR_VERSION}
    corpora: dict[str, str] = {}
    err_lines: list[str] = []
    try:
        if seed_p:
            s = ev.score_seed(seed_p, extract_events)
            results["seed"] = {"expected": s.expected, "matched": s.matched, "reported": s.reported}
            corpora["seed"] = str(seed)
            err_lines += [f"seed\tmissed {r}" for r in s.rows if r.endswith("MISSING")]
        for name, p in news_sets.items():
            if p:
                report = ev.evaluate_set(p)
                results[name] = report.as_dict()
                corpora[name] = str(p)
                err_lines += [f"{name}\t{line}" for line in report.error_lines()]
        anchored = mt.AnchorScore()
        ruled = adj.read_adjudications(Path(adjudications) if adjudications else adj.ADJUDICATIONS) if (
            mt_p or tml_p) else {}
        for name, p, files, reader in (
            ("meantime", mt_p, mt.meantime_files, mt.read_meantime),
            ("timeml", tml_p, mt.timeml_files, mt.read_timeml),
        ):
            if p:
                paths = files(p)
                if not paths:
                    raise fail(f"{p}: --{name}: no documents found")
                a = mt.score_corpus(paths, reader, extract_events, ruled)
                results[name] = a.as_dict()
                corpora[name] = str(p)
                err_lines += [f"{name}\t{e}" for e in a.errors]
                anchored.add(a)
        if mt_p and tml_p:
            results["meantime+timeml"] = anchored.as_dict()
            corpora["meantime+timeml"] = f"{meantime} + {timeml}"
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as exc:
        raise fail(f"corpus: {exc}")
    if as_json:
        print(json.dumps(results, indent=2, default=str, ensure_ascii=False))
    else:
        print_text(results)
    if errors:
        for line in err_lines:
            print(line, file=sys.stderr)
    if pin:
        _pin(Path(baseline) if baseline else ev.BASELINE_FILE, results, corpora, EXTRACTOR_VERSION)


def _pin(path: Path, results: dict, corpora: dict[str, str], version: str) -> None:
    """Save the pins of the sets just scored and say where."""
    from evaluation import events as ev

    try:
        names = ev.write_pins(path, {name: (corpora[name], results[name]) for name in corpora}, version)
    except (OSError, ValueError) as exc:
        raise fail(f"{path}: --pin: {exc}")
    print(f"pinned {', '.join(names)} in {path}", file=sys.stderr)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add `dateline eval events`."""
    eval_app.command("events")(eval_events)
