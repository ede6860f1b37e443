"""A lake on object storage: an S3-compatible server (moto) on 127.0.0.1, and an fsspec-only URL."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.fs as pafs
import pytest

from tests.conftest import SAMPLES, free_port, run_cli

BUCKET = "dateline-test"
SOURCES = [
    str(SAMPLES / "2026-03-03-harbor-sudan-ceasefire-signed.txt"),
    str(SAMPLES / "2026-03-04-continental-uae-welcomes-sudan-truce.json"),
    str(SAMPLES / "2026-03-09-northline-el-obeid-drone-strike.json"),
]


@pytest.fixture(scope="module")
def s3_env():
    """A moto S3 server on a free local port with one bucket; the AWS variables that reach it."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    admin = pafs.S3FileSystem(
        endpoint_override=env["AWS_ENDPOINT_URL"], access_key="testing", secret_key="testing",
        region="us-east-1", allow_bucket_creation=True,
    )
    admin.create_dir(BUCKET)
    yield env, admin
    server.stop()


@pytest.mark.slow
def test_run_query_and_export_through_s3(prefect_api, s3_env):
    env, admin = s3_env
    env = dict(env, PREFECT_API_URL=prefect_api)
    lake = f"s3://{BUCKET}/news/lake"

    first = run_cli("run", *SOURCES, "--lake", lake, env=env)
    assert first.returncode == 0, first.stderr[-3000:]
    assert f"lake:    {lake} (snapshot 1," in first.stdout

    # The lake's files are objects in the bucket, under the prefix.
    keys = [i.path for i in admin.get_file_info(pafs.FileSelector(f"{BUCKET}/news/lake", recursive=True))]
    assert f"{BUCKET}/news/lake/CURRENT" in keys
    assert any(k.startswith(f"{BUCKET}/news/lake/mentions/") and k.endswith(".parquet") for k in keys)
    assert not any("/_staging/" in k for k in keys)

    query = run_cli("query", "select count(*) as n from articles", "--lake", lake, "--format", "csv", env=env)
    assert query.returncode == 0, query.stderr
    assert list(csv.reader(io.StringIO(query.stdout))) == [["n"], [str(len(SOURCES))]]

    mentions = run_cli("query", "select count(*) as n from mentions", "--lake", lake, "--format", "csv", env=env)
    n_mentions = int(mentions.stdout.splitlines()[1])
    assert n_mentions > 0

    export = run_cli("export", "--lake", lake, "--mentions", env=env)
    assert export.returncode == 0, export.stderr
    rows = list(csv.DictReader(io.StringIO(export.stdout)))
    assert len(rows) == n_mentions
    assert {r["url"] for r in rows} and all(r["evidence"] for r in rows)

    # A second run over the same inputs commits snapshot 2 on the bucket without new articles.
    second = run_cli("run", *SOURCES, "--lake", lake, env=env)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "0 new articles" in second.stdout and "(snapshot 2," in second.stdout
    runs = run_cli("query", "select count(*) from runs", "--lake", lake, "--format", "csv", env=env)
    assert runs.stdout.splitlines()[1] == "2"


def test_query_reports_an_unreachable_s3_lake_in_one_line(s3_env):
    env, _ = s3_env
    result = run_cli("query", "select 1", "--lake", f"s3://{BUCKET}/nothing-here", env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("dateline: error:") and "no lake here yet" in result.stderr


def test_fsspec_only_url_holds_a_lake():
    """memory:// has no pyarrow filesystem: the lake goes through fsspec, and the catalog still reads it."""
    from flows.catalog import connect
    from flows.lake import Lake, Transaction
    from transforms.frames import to_arrow

    lake = Lake(f"memory://dateline-{free_port()}/lake")
    assert isinstance(lake.fs, pafs.PyFileSystem) and not lake.is_local
    txn = Transaction(lake, "20260101T000000-abcdef")
    rejects = [{"input": "a.txt", "reason": "empty", "detail": "no text", "seen_at": None, "run_id": "r"}]
    txn.append("rejects", to_arrow("rejects", rejects))
    assert txn.commit().version == 1
    assert lake.read("rejects").column("input").to_pylist() == ["a.txt"]
    con = connect(lake)
    assert con.execute("select reason from rejects").fetchall() == [("empty",)]
    assert con.execute("select count(*) from events").fetchone() == (0,)
    assert isinstance(lake.read("events"), pa.Table)
