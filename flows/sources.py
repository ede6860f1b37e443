"""Expand source arguments (files, folders, globs) into inputs and read them into documents."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from transforms.documents import MAX_DOCUMENT_BYTES, RawDocument, Reject, parse_bytes

# File kind by extension; other files found in a folder are rejected as unsupported, not ignored.
KIND_BY_EXTENSION = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass(slots=True)
class Input:
    """One input to read: a file path as the user gave it (or as found in a folder)."""

    name: str
    path: str


def expand_sources(sources: list[str]) -> tuple[list[Input], list[Reject]]:
    """Files as given, folders recursively, glob patterns expanded; a missing path becomes a reject."""
    inputs: list[Input] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    for source in sources:
        if os.path.isdir(source):
            candidates = _walk(source)
        elif os.path.isfile(source):
            candidates = [source]
        elif any(ch in source for ch in "*?["):
            candidates = sorted(p for p in glob.glob(source, recursive=True) if os.path.isfile(p))
            if not candidates:
                rejects.append(Reject(source, "not-found", "the pattern matches no file"))
        else:
            rejects.append(Reject(source, "not-found", "no such file or folder"))
            continue
        for path in candidates:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            inputs.append(Input(name=path, path=path))
    return inputs, rejects


def _walk(folder: str) -> list[str]:
    """Every file below a folder, sorted, skipping hidden files and folders."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in SKIPPED_NAMES:
                continue
            found.append(os.path.join(root, name))
    return found


def read_input(item: Input) -> list[RawDocument | Reject]:
    """Read one file into documents or rejects; never raises."""
    ext = os.path.splitext(item.path)[1].lower()
    kind = KIND_BY_EXTENSION.get(ext)
    if kind is None:
        return [Reject(item.name, "unsupported", f"unsupported file type {ext or '(no extension)'}")]
    try:
        size = os.path.getsize(item.path)
        if size > MAX_DOCUMENT_BYTES and kind != "jsonl":
            return [Reject(item.name, "too-large", f"{size:,} bytes is over the {MAX_DOCUMENT_BYTES:,}-byte cap")]
        with open(item.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return [Reject(item.name, "unreadable", exc.strerror or str(exc))]
    return parse_bytes(item.name, data, kind)


def read_sources(sources: list[str]) -> tuple[list[RawDocument], list[Reject], int]:
    """Read all sources; return documents, rejects and the number of inputs seen."""
    inputs, rejects = expand_sources(sources)
    documents: list[RawDocument] = []
    for item in inputs:
        for result in read_input(item):
            (rejects if isinstance(result, Reject) else documents).append(result)
    total = len(documents) + len(rejects)
    return documents, rejects, total
