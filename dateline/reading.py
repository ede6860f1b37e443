"""Reading one local input for a command: a size cap and a read timeout, also for pipes, devices and stdin."""

from __future__ import annotations

import os
import select
import sys

from dateline.errors import fail
from transforms.documents import MAX_DOCUMENT_BYTES

__all__ = ["DEFAULT_TIMEOUT", "MAX_DOCUMENT_BYTES", "read_bounded"]

DEFAULT_TIMEOUT = 10.0  # seconds without a byte before a pipe or device is given up on
READ_BLOCK = 1 << 16


def read_bounded(path: str, cap: int = MAX_DOCUMENT_BYTES, timeout: float | None = DEFAULT_TIMEOUT) -> bytes:
    """The bytes of a file, a pipe, a device or stdin ('-'): at most `cap`, each read waiting at most `timeout` s.

    Opened without blocking, so a FIFO nobody writes to cannot hang the open; then each read waits
    for data with select(). /dev/zero stops at the cap, a silent pipe at the timeout.
    """
    fd = sys.stdin.fileno() if path == "-" else os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if path == "-" and os.isatty(fd):
        timeout = None  # someone is typing: wait for them
    chunks, size = [], 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise fail(f"{path}: no data for {timeout:g} s (a pipe or device nobody writes to?)")
            try:
                block = os.read(fd, READ_BLOCK)
            except BlockingIOError:
                continue
            if not block:
                return b"".join(chunks)
            size += len(block)
            if size > cap:
                raise fail(f"{path}: more than {cap:,} bytes (the size cap)")
            chunks.append(block)
    finally:
        if path != "-":
            os.close(fd)
