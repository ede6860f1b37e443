"""Run the `dateline` CLI inside a process forked from a warm forkserver (crash tests kill it with SIGKILL).

Forking from a server that has already imported Prefect and the pipeline saves the import time of
every run; the child is still a separate OS process running the real entry point.
"""

from __future__ import annotations

import os
import sys

PRELOAD = ["dateline.cli", "flows.pipeline", "flows.reprocess"]


def cli_child(argv: list[str], env: dict[str, str], out_path: str) -> None:
    """Entry of the child: environment, output to a file, then `dateline ARGV...`; exits with its code."""
    os.environ.update(env)
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.argv = ["dateline", *argv]
    code = 0
    try:
        from dateline.cli import main

        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
