"""tools/lexicon_check.py: bad arguments give one line on stderr and exit 2."""

from __future__ import annotations

from tools import lexicon_check


def test_an_unknown_base_commit_gives_one_line_and_exit_2(capsys):
    assert lexicon_check.main(["--base", "no-such-commit-name"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-commit-name" in err and "not a commit" in err


def test_a_set_without_gold_files_gives_one_line_and_exit_2(tmp_path, capsys):
    assert lexicon_check.main(["--base", "HEAD", "--set", f"dev={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"dev={tmp_path}" in err
