"""One CLI vocabulary without traps: -q, --published/--dct, --format, --version, one-line usage errors,
refused types and paths, hints on stderr, tables only for people."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import time

from tests.conftest import BIN, ROOT, run_cli



def _commands():
    """(path, click command) of every leaf command."""
    from typer.main import get_command

    from dateline.cli import app

    out = []

    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            if hasattr(sub, "commands"):
                walk(sub, prefix + (name,))
            else:
                out.append((prefix + (name,), sub))

    walk(get_command(app), ())
    return out


def test_short_options_mean_one_thing_everywhere():
    meanings: dict[str, set[str]] = {}
    for path, command in _commands():
        for param in command.params:
            for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
                if opt.startswith("-") and not opt.startswith("--"):
                    meanings.setdefault(opt, set()).add(param.name)
    assert meanings["-q"] == {"quiet"} and meanings["-f"] == {"fmt"} and meanings["-o"] == {"output"}
    assert all(len(names) == 1 for names in meanings.values()), meanings


def test_published_is_the_reference_date_with_dct_as_alias(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Ministers met in Geneva on Thursday.", encoding="utf-8")
    for command in (["timex", str(doc)], ["extract", str(doc)]):
        by_published = run_cli(*command, "--published", "2026-02-20")
        by_dct = run_cli(*command, "--dct", "2026-02-20")
        assert by_published.returncode == 0 and by_published.stdout == by_dct.stdout and "2026-02-19" in by_dct.stdout


def test_format_takes_the_same_four_values_everywhere(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Ministers met in Geneva on Thursday.", encoding="utf-8")
    for fmt in ("json", "jsonl", "csv", "table"):
        for command in (["timex", str(doc), "--published", "2026-02-20"], ["extract", str(doc)]):
            result = run_cli(*command, "--format", fmt)
            assert result.returncode == 0, (command, fmt, result.stderr)
    bad = run_cli("extract", str(doc), "--format", "xml")
    assert bad.returncode == 2 and bad.stderr.strip() == "dateline: error: --format xml: choose json, jsonl, csv, table"


def test_version():
    from dateline import __version__

    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"dateline {__version__}"


def test_unknown_options_and_bad_values_are_one_line_errors():
    for args, needle in [
        (["--bogus"], "No such option: --bogus"),
        (["query", "--nope", "select 1"], "query: No such option: --nope"),
        (["timeline", "--top", "abc"], "timeline: Invalid value for '--top'"),
        (["export", "--format"], "Option '--format' requires an argument"),
        (["nosuch"], "No such command 'nosuch'"),
    ]:
        result = run_cli(*args)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1, (args, result.stderr)
        assert lines[0].startswith("dateline: error: ") and needle in lines[0] and "Usage" not in result.stderr


def test_top_level_help_has_an_example():
    for args in ([], ["--help"]):
        result = run_cli(*args)
        assert result.returncode == 0 and "Example: dateline run" in result.stdout


def test_unknown_type_is_refused_with_the_list(traced_lake):
    lake, _ = traced_lake
    result = run_cli("export", "--type", "meetings", "--lake", str(lake))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().startswith("dateline: error: --type meetings: not an event type; choose from meeting,")
    assert "retreat" in result.stderr


def test_missing_source_path_is_refused_before_the_run(tmp_path):
    started = time.monotonic()
    result = run_cli("run", str(tmp_path / "nope"), "--lake", str(tmp_path / "lake"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"dateline: error: {tmp_path / 'nope'}: no such file or directory"
    assert not (tmp_path / "lake").exists() and time.monotonic() - started < 20
    result = run_cli("run", str(tmp_path / "*.jsonl"), "--lake", str(tmp_path / "lake"))
    assert result.returncode == 2 and "no file matches this pattern" in result.stderr


def test_run_hints_go_to_stderr_with_the_lake(traced_lake):
    lake, result = traced_lake
    assert "try:" not in result.stdout and "new articles" in result.stdout
    hint = next(line for line in result.stderr.splitlines() if line.startswith("try:"))
    assert hint.endswith(f"--lake {lake}")


def test_tables_only_on_a_terminal(traced_lake):
    lake, _ = traced_lake
    sql = "select event_type, evidence from events order by event_date, event_id limit 3"
    piped = run_cli("query", sql, "--lake", str(lake))
    rows = list(csv.reader(io.StringIO(piped.stdout)))
    assert rows[0] == ["event_type", "evidence"] and len(rows) == 4
    table = run_cli("query", sql, "--format", "table", "--lake", str(lake))
    assert "┃" in table.stdout or "│" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) > 80  # whole rows, not wrapped at 80 columns
    evidence = rows[1][1]
    assert evidence[:60] in table.stdout
    # On a terminal, the default is the table.
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execv(str(BIN / "dateline"), ["dateline", "query", sql, "--lake", str(lake)])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    assert "event_type" in out.decode() and ("│" in out.decode() or "┃" in out.decode())


def test_quiet_run_prints_only_the_summary(tmp_path, prefect_api):
    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("---\npublished: 2026-02-20\n---\nMinisters met in Geneva on Thursday.\n", encoding="utf-8")
    result = run_cli("run", str(doc.parent), "--lake", str(tmp_path / "lake"), "-q")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1 and "try:" not in result.stderr


def test_eval_events_corpus_options_name_folders():
    (command,) = [c for path, c in _commands() if path == ("eval", "events")]
    folders = {p.name: p.metavar for p in command.params if p.name in {"seed", "news", "news2", "meantime", "timeml", "own"}}
    assert folders == dict.fromkeys(["seed", "news", "news2", "meantime", "timeml", "own"], "DIR")
