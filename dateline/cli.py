"""The `dateline` command line: one typer app, one module per command group in `dateline/commands/`."""

from __future__ import annotations

import importlib
import sys

import typer

from dateline.environment import apply_prefect_defaults

# Command modules register themselves; each imports heavy libraries (Prefect, pandas) lazily,
# so that `dateline query` and friends answer without starting Prefect.
COMMAND_MODULES = [
    "dateline.commands.run",
    "dateline.commands.reprocess",
    "dateline.commands.serve",
    "dateline.commands.query",
    "dateline.commands.export",
    "dateline.commands.extract",
    "dateline.commands.timex",
    "dateline.commands.dashboard",
    "dateline.commands.eval_events",
    "dateline.commands.timeline",
]

app = typer.Typer(
    name="dateline",
    help="Turn news articles into a queryable timeline of dated events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(
    help="Score Dateline against annotated corpora.\n\nExample: dateline eval timeml ../shared/eval/timeml/timebank",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


def _register_commands() -> None:
    """Import every command module and let it add its commands."""
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command group not written yet
                continue
            raise
        module.register(app, eval_app)


_register_commands()


def main() -> None:
    """Entry point of the console script."""
    apply_prefect_defaults()
    try:
        app()
    except KeyboardInterrupt:
        print("dateline: interrupted", file=sys.stderr)
        sys.exit(130)
