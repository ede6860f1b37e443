"""How the trigger forms added since a base commit do on the dev sets: which the dev texts contain at all, which
fire (and how many of those match a gold event of their type), which never fire (coverage for held-out news),
and how many dev gold triggers the base lexicon already covered.

    python -m tools.lexicon_check --base bb996b5 --set news=/work/shared/eval/news --set own=tests/fixtures/events
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from evaluation.events import cli_events, match_triggers, read_articles, read_gold
from transforms.events.event_types import registry
from transforms.events.lexicon import PHRASES, WORDS


def base_forms(commit: str) -> set[str]:
    """Every trigger form of the lexicon at `commit` (hand files and, when it has one, the CAMEO table)."""
    forms: set[str] = set()
    for name in registry():
        forms |= _text_forms(_git_show(commit, f"transforms/data/lexicon/{name}.txt"))
    table = _git_show(commit, "transforms/data/lexicon/cameo.csv")
    forms |= {row["form"] for row in csv.DictReader(io.StringIO(table))} if table else set()
    return forms


def _git_show(commit: str, path: str) -> str:
    """A file's text at a commit ('' when it is not there)."""
    done = subprocess.run(["git", "show", f"{commit}:{path}"], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else ""


def _text_forms(text: str) -> set[str]:
    """The forms of a lexicon file's text."""
    out = set()
    for line in text.splitlines():
        form = line.split("#", 1)[0].partition("=")[0].strip().lower()
        if form:
            out.add(" ".join(form.split()))
    return out


def current_forms() -> dict[str, str]:
    """Every trigger form now -> its type."""
    return {w: v[0] for w, v in WORDS.items()} | {" ".join(k): v[0] for k, v in PHRASES.items()}


def ngrams(text: str, longest: int = 4) -> set[str]:
    """Every run of up to `longest` words of a text, lower-cased: the forms a gold trigger could hold."""
    words = re.findall(r"[\w'’-]+", text.lower())
    return {" ".join(words[i:i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}


def contains(texts: list[str], form: str) -> bool:
    """True when any text holds the form as whole words, in any case."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.IGNORECASE)
    return any(pattern.search(t) for t in texts)


def main(argv: list[str] | None = None) -> int:
    """Print the split of the added forms and the coverage of the dev gold triggers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: python tools/lexicon_check.py --base bb996b5 --set news=../shared/eval/news")
    parser.add_argument("--base", required=True, help="the commit whose lexicon the additions are counted from")
    parser.add_argument("--set", action="append", default=[], help="NAME=FOLDER of a gold set (articles.jsonl, gold_events.csv)")
    args = parser.parse_args(argv)
    if subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}"], capture_output=True).returncode:
        print(f"lexicon_check: --base {args.base}: not a commit of this repository", file=sys.stderr)
        return 2
    for spec in args.set:
        folder = spec.partition("=")[2]
        if not (os.path.isfile(os.path.join(folder, "articles.jsonl")) and os.path.isfile(os.path.join(folder, "gold_events.csv"))):
            print(f"lexicon_check: --set {spec}: not a NAME=FOLDER holding articles.jsonl and gold_events.csv", file=sys.stderr)
            return 2
    old = base_forms(args.base)
    now = current_forms()
    added = {f: t for f, t in now.items() if f not in old}
    texts: list[str] = []
    fired: Counter = Counter()
    right: Counter = Counter()
    gold_rows = covered_before = covered_after = 0
    for spec in args.set:
        name, _, folder = spec.partition("=")
        articles = read_articles(Path(folder) / "articles.jsonl")
        gold = read_gold(Path(folder) / "gold_events.csv")
        for aid, art in articles.items():
            texts.append(art.text)
            rows = [g for g in gold if g["article_id"] == aid]
            events = [e for e in cli_events(art.text, art.published) if isinstance(e.get("trigger_start"), int)]
            typed = {si for gi, si in match_triggers(art.text, rows, events)
                     if rows[gi]["event_type"] == events[si]["event_type"]}
            for si, e in enumerate(events):
                form = str(e["trigger"]).lower()
                if form in added:
                    fired[form] += 1
                    right[form] += si in typed
            for g in rows:
                gold_rows += 1
                grams = ngrams(g["trigger"])
                covered_before += bool(grams & old)
                covered_after += bool(grams & set(now))
    in_dev = {f for f in added if contains(texts, f)}
    print(f"dev gold triggers: {gold_rows}; holding a lexicon form before: {covered_before}, now: {covered_after}")
    print(f"added forms: {len(added)}; in the dev texts: {len(in_dev)}; firing in dev: {len(fired)}; "
          f"never in the dev texts: {len(added) - len(in_dev)}")
    print(f"rows the added forms fire in dev: {sum(fired.values())}, matching a gold event of their type: "
          f"{sum(right.values())}")
    for form, n in sorted(fired.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  fires {form!r} ({added[form]}): {n} rows, {right[form]} right")
    silent = sorted(in_dev - set(fired))
    print(f"in the dev texts but not firing ({len(silent)}): {', '.join(silent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
