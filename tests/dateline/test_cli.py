"""The CLI contract: a real flow run into a temp lake, then query, export and extract as a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES, run_cli

MEETING_TEXT = (
    "GENEVA – Foreign ministers from Chad and Niger met on Thursday in Geneva to discuss border security, "
    "officials said.\nThe ministers will meet again next month, a spokesperson said on Friday.\n"
)


@pytest.fixture(scope="module")
def sample_lake(tmp_path_factory, prefect_api):
    """One real run of the flow over the bundled samples plus one broken input."""
    root = tmp_path_factory.mktemp("cli")
    broken = root / "broken.json"
    broken.write_text("{this is not json", encoding="utf-8")
    lake = root / "lake"
    result = run_cli("run", str(SAMPLES), str(broken), "--lake", str(lake))
    assert result.returncode == 0, result.stderr
    return lake, result


def _query(lake, sql, fmt="csv", cwd=None):
    result = run_cli("query", sql, "--lake", str(lake), "--format", fmt, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_run_reports_counts_and_keeps_rejects(sample_lake):
    lake, result = sample_lake
    assert "new articles" in result.stdout and "rejected" in result.stdout
    rows = list(csv.DictReader(io.StringIO(_query(lake, "select input, reason, detail from rejects"))))
    assert [r["reason"] for r in rows] == ["bad-json"]
    assert rows[0]["input"].endswith("broken.json")
    articles = int(_query(lake, "select count(*) as n from articles").splitlines()[1])
    sample_inputs = len([p for p in os.listdir(SAMPLES) if p.endswith((".txt", ".json"))]) + sum(
        1 for p in os.listdir(SAMPLES) if p.endswith(".jsonl") for line in open(SAMPLES / p) if line.strip()
    )
    assert articles == sample_inputs


def test_second_run_adds_no_rows(sample_lake):
    lake, _ = sample_lake
    before = _query(lake, "select (select count(*) from articles), (select count(*) from mentions), "
                          "(select count(*) from events), (select count(*) from rejects)")
    again = run_cli("run", str(SAMPLES), str(lake.parent / "broken.json"), "--lake", str(lake))
    assert again.returncode == 0, again.stderr
    after = _query(lake, "select (select count(*) from articles), (select count(*) from mentions), "
                         "(select count(*) from events), (select count(*) from rejects)")
    assert before == after
    assert int(_query(lake, "select count(*) from runs").splitlines()[1]) == 2


def test_query_works_from_another_directory(sample_lake, tmp_path):
    lake, _ = sample_lake
    out = _query(lake, "select event_type, event_date, actors from events order by event_date", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) > 20
    assert {"meeting", "statement"} <= {r["event_type"] for r in rows}
    dates = [r["event_date"] for r in rows if r["event_date"]]
    assert dates == sorted(dates)


def test_query_json_and_bad_sql(sample_lake):
    lake, _ = sample_lake
    rows = json.loads(_query(lake, "select count(*) as n from events", fmt="json"))
    assert rows[0]["n"] > 0
    bad = run_cli("query", "select nope from nowhere", "--lake", str(lake))
    assert bad.returncode != 0
    assert bad.stderr.startswith("dateline: error: query failed")
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_export_meetings_csv_opens_in_a_spreadsheet(sample_lake):
    lake, _ = sample_lake
    result = run_cli("export", "--type", "meeting", "--lake", str(lake))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header, data = rows[0], rows[1:]
    assert header[0] == "event_date"
    for column in ("date_precision", "date_basis", "time_value", "plover_type", "cameo_root", "modality",
                   "actors", "location", "quantities", "num_sources", "evidence", "url", "confidence"):
        assert column in header
    kind = header.index("event_type")
    assert data and all(r[kind] == "meeting" for r in data)
    assert all(len(r) == len(header) for r in data)
    numeric = {header.index(c) for c in ("location_lat", "location_lon", "confidence", "num_sources")}
    for r in data:
        for i, cell in enumerate(r):
            if i in numeric and cell:
                float(cell)  # numbers stay numbers, also negative ones
            else:
                assert not cell.startswith(("=", "+", "-", "@")), cell


def test_export_filters_are_parameters_not_sql(sample_lake, tmp_path):
    lake, _ = sample_lake
    result = run_cli("export", "--actor", "x' or '1'='1", "--lake", str(lake))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1  # header only: nothing matches that actor
    out = tmp_path / "t.csv"
    result = run_cli("export", "--since", "2026-03-01", "--until", "2026-03-31", "-o", str(out), "--lake", str(lake))
    assert result.returncode == 0 and result.stdout == ""
    days = [r["event_date"] for r in csv.DictReader(open(out, encoding="utf-8"))]
    assert days and all("2026-03-01" <= d <= "2026-03-31" for d in days)
    bad = run_cli("export", "--since", "March", "--lake", str(lake))
    assert bad.returncode != 0 and "--since March: expected a date as YYYY-MM-DD" in bad.stderr


def test_missing_lake_is_a_one_line_error(tmp_path):
    result = run_cli("query", "select 1", "--lake", str(tmp_path / "nowhere"))
    assert result.returncode != 0
    assert result.stderr.strip().startswith("dateline: error:") and "Traceback" not in result.stderr


def test_lake_from_environment(sample_lake, tmp_path):
    lake, _ = sample_lake
    result = run_cli("query", "select count(*) from articles", "--format", "csv", cwd=tmp_path,
                     env={"DATELINE_LAKE": str(lake)})
    assert result.returncode == 0 and int(result.stdout.splitlines()[1]) > 0


def test_extract_prints_dated_events_with_offsets(tmp_path):
    doc = tmp_path / "geneva.txt"
    doc.write_text(MEETING_TEXT, encoding="utf-8")
    result = run_cli("extract", str(doc), "--published", "2026-02-20")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    meetings = [e for e in events if e["event_type"] == "meeting" and e["modality"] == "asserted"]
    assert meetings and meetings[0]["event_date"] == "2026-02-19"
    for e in events:
        assert MEETING_TEXT[e["trigger_start"]:e["trigger_end"]] == e["trigger"]
        assert MEETING_TEXT[e["evidence_start"]:e["evidence_end"]] == e["evidence"]


def test_extract_offsets_count_front_matter(tmp_path):
    doc = tmp_path / "fm.txt"
    full = "---\ntitle: Ministers meet\npublished: 2026-02-20\n---\n" + MEETING_TEXT
    doc.write_text(full, encoding="utf-8")
    events = [json.loads(line) for line in run_cli("extract", str(doc)).stdout.splitlines()]
    assert events
    for e in events:
        assert full[e["evidence_start"]:e["evidence_end"]] == e["evidence"]


def test_extract_bad_arguments(tmp_path):
    result = run_cli("extract", str(tmp_path / "missing.txt"))
    assert result.returncode != 0 and "missing.txt" in result.stderr and "Traceback" not in result.stderr
    doc = tmp_path / "a.txt"
    doc.write_text(MEETING_TEXT)
    result = run_cli("extract", str(doc), "--published", "20/02/2026")
    assert result.returncode != 0 and "--published" in result.stderr


def test_every_command_has_help_with_an_example():
    from typer.main import get_command

    from dateline.cli import app

    group = get_command(app)
    names = []

    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            if hasattr(sub, "commands"):
                walk(sub, prefix + [name])
            else:
                names.append(prefix + [name])

    walk(group, [])
    assert {"run", "query", "export", "extract"} <= {n[0] for n in names}
    for name in names:
        result = run_cli(*name, "--help")
        assert result.returncode == 0, name
        assert "Example" in result.stdout, f"dateline {' '.join(name)} --help has no example"


def test_read_only_commands_do_not_import_prefect(sample_lake):
    lake, _ = sample_lake
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dateline.cli import app\n"
        f"r = CliRunner().invoke(app, ['query', 'select count(*) from events', '--lake', {str(lake)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        f"r = CliRunner().invoke(app, ['export', '--lake', {str(lake)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('prefect' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_lake_from_config_file(sample_lake, tmp_path):
    lake, _ = sample_lake
    (tmp_path / "dateline.toml").write_text(f'lake = "{lake}"\n', encoding="utf-8")
    result = run_cli("query", "select count(*) from events", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.splitlines()[1]) > 0
