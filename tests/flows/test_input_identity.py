"""Input identity (issue #20): an input is its canonical location plus its content hash.

The same file reached by a relative path, an absolute one, a link or from another folder is one
input; odd file names and unreadable or linked folders never make an input vanish or stop a run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile

import pytest

from flows.ingest import ArticleBuilder, lake_state
from flows.lake import Lake, Transaction
from tests.helpers import read_sources
from tests.flows.fault_server import story
from transforms.articles import make_article
from transforms.deduplication import mark_duplicates
from transforms.frames import to_arrow

NOW = dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc)


def make_docs(folder) -> None:
    """Three stories, one with a file name that is not UTF-8, and a JSONL dump of two records."""
    os.makedirs(folder, exist_ok=True)
    for n, name in enumerate(("a.txt", "b.md")):
        with open(os.path.join(folder, name), "w") as handle:
            handle.write(story(n))
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.txt"), "w") as handle:
        handle.write(story(7))
    with open(os.path.join(folder, "dump.jsonl"), "w") as handle:
        for n in (3, 4):
            handle.write(json.dumps({"text": story(n)}) + "\n")


def names(batch) -> set[str]:
    return {d.input for d in batch.documents} | {r.input for r in batch.rejects}


def test_every_way_to_a_file_gives_one_name(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    make_docs(docs)
    os.symlink(docs, tmp_path / "linked")
    monkeypatch.chdir(tmp_path)
    relative = names(read_sources(["docs"]))
    absolute = names(read_sources([str(docs)]))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    other = names(read_sources(["../docs/"]))
    linked = names(read_sources([str(tmp_path / "linked")]))
    assert relative == absolute == other == linked
    assert f"{os.path.realpath(docs)}/a.txt" in relative
    assert f"{os.path.realpath(docs)}/dump.jsonl:2" in relative


def test_a_file_name_that_is_not_utf8_is_read_and_stored(tmp_path):
    make_docs(tmp_path)
    batch = read_sources([str(tmp_path)])
    assert not batch.rejects
    [odd] = [d for d in batch.documents if "name.txt" in d.input]
    assert odd.input == f"{os.path.realpath(tmp_path)}/bad\\xffname.txt"
    rows = [make_article(d, NOW, "r1") for d in batch.documents]
    table = to_arrow("articles", rows)  # UTF-8 all through: this raised UnicodeEncodeError
    assert odd.input in table.column("input").to_pylist()
    # A name given on the command line, and a rejected odd name, are stored the same way.
    (tmp_path / "sub").mkdir()
    bad = os.path.join(os.fsencode(tmp_path / "sub"), b"scan\xfe.pdf")
    open(bad, "wb").write(b"%PDF")
    batch = read_sources([os.fsdecode(bad), os.fsdecode(bad) + ".missing"])
    assert {r.reason for r in batch.rejects} == {"unsupported", "not-found"}
    to_arrow("rejects", [{"input": r.input, "reason": r.reason, "detail": r.detail} for r in batch.rejects])


def test_urls_are_named_by_their_normal_form():
    from transforms.articles import input_url

    assert input_url("HTTP://Example.COM:80/a?b=1#top") == "http://example.com/a?b=1"
    assert input_url("https://example.com") == "https://example.com/"
    assert input_url("https://example.com:8443/x") == "https://example.com:8443/x"
    assert input_url("http://[::1/broken") == "http://[::1/broken"  # the fetch rejects it


def _old_style_lake(lake_dir, folder, cwd) -> list[dict]:
    """A lake as runs before canonical names wrote it: inputs keyed by the path as typed (relative)."""
    here = os.getcwd()
    os.chdir(cwd)
    try:
        batch = read_sources([os.path.relpath(folder, cwd)])
    finally:
        os.chdir(here)
    docs = batch.documents
    for doc in docs:  # the name as the old code kept it: the relative path as found below the typed folder
        path, _, line = doc.input.partition(".jsonl:")
        doc.input = os.path.relpath(path + (".jsonl" if line else ""), cwd) + (f":{line}" if line else "")
    assert all(not os.path.isabs(d.input) for d in docs)
    rows = mark_duplicates([make_article(d, NOW, "r0") for d in docs], set(), {})
    txn = Transaction(Lake(str(lake_dir)), "r0")
    txn.append("articles", to_arrow("articles", rows))
    txn.commit()
    return rows


@pytest.mark.parametrize("where", ["same folder", "another folder"])
def test_an_old_lake_keyed_by_typed_paths_finds_its_inputs_unchanged(tmp_path, monkeypatch, where):
    docs = tmp_path / "work" / "docs"
    make_docs(docs)
    old = _old_style_lake(tmp_path / "lake", docs, tmp_path / "work")
    lake = Lake(str(tmp_path / "lake"))
    monkeypatch.chdir(tmp_path / "work" if where == "same folder" else tmp_path)
    state = lake_state(lake)
    batch = read_sources([str(docs)])  # as `dateline serve` gives it: absolute
    builder = ArticleBuilder(lake, state, "r1")
    rows = builder.build(batch.documents)
    assert rows == [] and builder.unchanged == len(old) == 5
    assert builder.changed == []
    assert sorted(builder.renamed.values()) == sorted(d.input for d in batch.documents)
    from flows.ingest import renamed_rows

    migrated = renamed_rows(lake, builder.renamed)
    assert sorted(migrated.column("input").to_pylist()) == sorted(d.input for d in batch.documents)
    assert sorted(migrated.column("article_id").to_pylist()) == sorted(r["article_id"] for r in old)
    builder.release()


def test_an_old_lake_row_whose_file_changed_is_replaced_not_doubled(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    make_docs(docs)
    _old_style_lake(tmp_path / "lake", docs, tmp_path)
    (docs / "a.txt").write_text(story(30))
    monkeypatch.chdir(tmp_path)
    lake = Lake(str(tmp_path / "lake"))
    builder = ArticleBuilder(lake, lake_state(lake), "r1")
    rows = builder.build(read_sources([str(docs)]).documents)
    a = f"{os.path.realpath(docs)}/a.txt"
    assert [r["input"] for r in rows] == [a] and builder.changed == [a] and builder.unchanged == 4
    assert builder.lake_names(builder.changed) == {a, "docs/a.txt"}  # the old row goes with the new one in
    builder.release()


def _as_unprivileged(fn):
    """Run fn in a child process without root's right to read anything (as nobody when we are root)."""
    if os.geteuid() != 0:
        return fn()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, run, send the result back as JSON
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            result = json.dumps(fn())
        except BaseException as exc:  # noqa: BLE001 -- reported to the parent
            result = json.dumps({"error": repr(exc)})
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as handle:
        data = handle.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def test_unreadable_and_linked_folders_are_rejects_or_read_never_silent():
    root = tempfile.mkdtemp(prefix="dateline-perm-")
    try:
        os.chmod(root, 0o755)
        top = os.path.join(root, "news")
        for sub in ("open", "locked", "real"):
            os.makedirs(os.path.join(top, sub))
        for sub, n in (("open", 1), ("locked", 2), ("real", 3)):
            with open(os.path.join(top, sub, f"s{n}.txt"), "w") as handle:
                handle.write(story(n))
        with open(os.path.join(top, "open", "secret.txt"), "w") as handle:
            handle.write(story(4))
        os.chmod(os.path.join(top, "open", "secret.txt"), 0o000)
        os.chmod(os.path.join(top, "locked"), 0o000)
        os.symlink(os.path.join(top, "real"), os.path.join(root, "outside-link"))
        os.symlink(os.path.join(root, "outside-link"), os.path.join(top, "via-link"))  # a linked subfolder
        os.symlink(top, os.path.join(top, "real", "loop"))  # a loop back to the top
        for dirpath, dirs, files in os.walk(root):
            for name in dirs + files:
                path = os.path.join(dirpath, name)
                if not os.path.islink(path) and name not in ("locked", "secret.txt"):
                    os.chmod(path, 0o755 if os.path.isdir(path) else 0o644)

        def read() -> dict:
            batch = read_sources([top])
            return {"docs": sorted(d.input for d in batch.documents),
                    "rejects": {r.input: [r.reason, r.detail] for r in batch.rejects}, "inputs": batch.inputs,
                    "cleared": sorted(batch.cleared)}

        got = _as_unprivileged(read)
        real = os.path.realpath(top)
        assert "error" not in got, got
        assert got["docs"] == [f"{real}/open/s1.txt", f"{real}/real/s3.txt"], got
        rejects = got["rejects"]
        assert rejects[f"{real}/locked"][0] == "unreadable" and "cannot list" in rejects[f"{real}/locked"][1]
        assert rejects[f"{real}/open/secret.txt"][0] == "unreadable"
        loops = {name: why for name, why in rejects.items() if why[0] == "link-loop"}
        assert len(loops) == 2, rejects  # via-link reaches real/ a second time; real/loop leads back to the top
        assert got["inputs"] == len(got["docs"]) + len(rejects)
        # Folders listed fine are cleared: an `unreadable` verdict of an earlier run on them goes.
        assert {real, f"{real}/open", f"{real}/real"} <= set(got["cleared"]) and f"{real}/locked" not in got["cleared"]
    finally:
        for dirpath, dirs, _files in os.walk(root):
            for name in dirs:
                if not os.path.islink(os.path.join(dirpath, name)):
                    os.chmod(os.path.join(dirpath, name), 0o755)
        import shutil

        shutil.rmtree(root, ignore_errors=True)


def test_one_old_row_stands_for_one_file_not_for_every_copy(tmp_path, monkeypatch):
    docs = tmp_path / "one" / "docs"
    make_docs(docs)
    old = _old_style_lake(tmp_path / "lake", docs, tmp_path / "one")
    import shutil

    shutil.copytree(docs, tmp_path / "two" / "docs")  # the same files again, elsewhere
    monkeypatch.chdir(tmp_path)
    lake = Lake(str(tmp_path / "lake"))
    builder = ArticleBuilder(lake, lake_state(lake), "r1")
    rows = builder.build(read_sources([str(docs), str(tmp_path / "two" / "docs")]).documents)
    assert builder.unchanged == len(old) == len(builder.renamed) == 5
    assert len(rows) == 5 and all(r["duplicate_kind"] == "exact" for r in rows)  # the copies are new inputs
    builder.release()
