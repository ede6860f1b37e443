"""The `dateline` command line: one typer app, one module per command group in `dateline/commands/`."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Optional

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
    "dateline.commands.prune",
]

TOP_HELP = """Turn news articles into a queryable timeline of dated events.

Example: dateline run data/samples --lake data/lake && dateline export --type meeting --lake data/lake > meetings.csv
"""

app = typer.Typer(
    name="dateline",
    help=TOP_HELP,
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


def _print_version(value: bool) -> None:
    """`dateline --version`: print the installed version and stop."""
    if value:
        from dateline import __version__

        print(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def _top(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Turn news articles into a queryable timeline of dated events."""


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: usage errors as one `dateline: error:` line, exit 2."""
    from typer._click import exceptions as click  # typer vendors Click; its errors live here

    apply_prefect_defaults()
    try:
        code = app(args=argv, prog_name="dateline", standalone_mode=False)
    except click.NoArgsIsHelpError as exc:  # `dateline` or `dateline eval` alone: the help
        code = _print_help(exc.ctx.get_help() if exc.ctx else exc.format_message())
    except click.UsageError as exc:
        print(f"dateline: error: {_usage_message(exc)}", file=sys.stderr)
        code = exc.exit_code
    except click.ClickException as exc:
        print(f"dateline: error: {exc.format_message()}", file=sys.stderr)
        code = exc.exit_code
    except BrokenPipeError:  # `dateline ... | head`: the reader left; say nothing
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except (KeyboardInterrupt, typer.Abort):
        print("dateline: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


def _print_help(text: str) -> int:
    """Print help text on stdout; a reader that left early (`| head`) is no error."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _usage_message(exc) -> str:
    """Click's usage error on one line, naming the command it was for."""
    message = " ".join(exc.format_message().split())
    command = exc.ctx.command_path if exc.ctx is not None else "dateline"
    sub = command.removeprefix("dateline").strip()
    return f"{sub + ': ' if sub else ''}{message} (see {command} --help)"
