"""Option declarations shared by several commands (one definition, one help text)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

LakeOption = Annotated[
    Optional[str],
    typer.Option(
        "--lake",
        help="Lake folder or URL (s3://bucket/prefix). Default: $DATELINE_LAKE, else data/lake.",
        show_default=False,
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: table, csv or json.")]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", help="Write to this file; '-' or nothing: stdout.")
]
