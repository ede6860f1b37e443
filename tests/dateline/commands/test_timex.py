"""`dateline timex` and `dateline eval timeml`, run as a real process on stdin, files and folders."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "timeml"

# The command group as the CLI registers it (only this module, so that the test does not depend
# on the other command groups importing cleanly).
APP = (
    "import typer\n"
    "from dateline.commands import timex\n"
    "app = typer.Typer(pretty_exceptions_enable=False)\n"
    "ev = typer.Typer()\n"
    "app.add_typer(ev, name='eval')\n"
    "timex.register(app, ev)\n"
    "app()\n"
)


def run(*args, stdin=b""):
    """Run the command group with args; returns (exit code, stdout, stderr)."""
    p = subprocess.run([sys.executable, "-c", APP, *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def test_timex_reads_stdin_and_prints_json_lines_with_character_offsets():
    text = "Zürich — the café reopened on Friday, two weeks after the fire on Feb. 6.\r\n"
    code, out, err = run("timex", "--dct", "2026-02-20", "-", stdin=text.encode("utf-8"))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("Friday", "DATE", "2026-02-20"), ("two weeks", "DURATION", "P2W"), ("Feb. 6", "DATE", "2026-02-06")]
    for r in rows:
        assert set(r) == {"start", "end", "text", "type", "value"}
        assert text[r["start"]:r["end"]] == r["text"]  # str indices, not bytes


def test_timex_reads_a_file_and_leaves_values_unresolved_without_dct(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("He resigned yesterday.", encoding="utf-8")
    code, out, _ = run("timex", str(f))
    assert code == 0
    assert json.loads(out)["value"] == "XXXX-XX-XX"


def test_timex_bad_input_gives_one_line_error():
    code, out, err = run("timex", "--dct", "2026-13-01", "-")
    assert code != 0 and out == ""
    assert err.startswith("dateline: error: --published") and "Traceback" not in err
    code, _, err = run("timex", "/nonexistent/file.txt")
    assert code != 0 and err.startswith("dateline: error: /nonexistent/file.txt")
    code, _, err = run("timex", "-", stdin=b"\xff\xfe bad")
    assert code != 0 and "not UTF-8" in err


def test_eval_timeml_prints_the_measures_and_errors():
    code, out, err = run("eval", "timeml", str(FIXTURES), "--errors")
    assert code == 0, err
    for label in ("strict span", "relaxed span", "type", "value"):
        assert label in out
    code, out, _ = run("eval", "timeml", str(FIXTURES), "--json")
    summary = json.loads(out)
    assert summary["gold"] >= 40 and 0 <= summary["value_f1"] <= 100


def test_eval_timeml_missing_folder_is_an_error():
    code, out, err = run("eval", "timeml", "/nonexistent/dir")
    assert code != 0 and err.startswith("dateline: error: /nonexistent/dir")


def test_help_has_an_example():
    code, out, _ = run("timex", "--help")
    assert code == 0 and "Example:" in out
