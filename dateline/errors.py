"""One-line errors for the CLI: name the input and the reason, never a traceback."""

from __future__ import annotations

import sys

import typer


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `dateline: error: MESSAGE` on stderr and return the Exit to raise."""
    print(f"dateline: error: {message}", file=sys.stderr)
    return typer.Exit(code)
