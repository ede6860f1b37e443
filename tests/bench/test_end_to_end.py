"""The end-to-end benchmark judges flat memory only over a span of sizes where the slope means something."""

import pytest

from bench.end_to_end import FLAT_JUDGED_SPAN, memory_flat


def test_flat_memory_is_judged_only_over_a_wide_span_of_sizes():
    assert memory_flat(4.7, 99_000) is True
    assert memory_flat(12.2, 99_000) is False
    assert memory_flat(81.3, 750) is None  # quick sizes (250 -> 1,000): start-up cost, not growth
    assert memory_flat(1.0, FLAT_JUDGED_SPAN - 1) is None


def test_tree_peak_sees_the_memory_of_a_grandchild():
    import subprocess
    import sys

    from bench.end_to_end import TreePeak

    # A child that starts a grandchild holding 200 MB: the run's extraction workers are grandchildren like it.
    code = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "'import time; b = bytearray(200 * 2**20); b[::4096] = b\"x\" * len(b[::4096]); time.sleep(1.5)'])")
    with TreePeak(every=0.1) as tree:
        subprocess.run([sys.executable, "-c", code], check=True)
    assert tree.peak_mb >= 200


def test_the_10k_target_is_judged_on_the_whole_process_tree():
    from bench.end_to_end import E2E_TARGET_RSS_MB, E2E_TARGET_S, target_at

    run = {"flow_wall_s": E2E_TARGET_S, "flow_cpu_s": 50.0, "flow_tree_peak_rss_mb": E2E_TARGET_RSS_MB,
           "serial_wall_s": 60.0, "ratio_wall_flow_over_serial": 0.67}
    assert target_at(run)["meets_target"] is True
    assert target_at(dict(run, flow_tree_peak_rss_mb=E2E_TARGET_RSS_MB + 1))["meets_target"] is False
    assert target_at(dict(run, flow_wall_s=E2E_TARGET_S + 0.1))["meets_target"] is False


def test_tree_peak_without_the_server_leaves_out_prefects_uvicorn():
    import subprocess
    import sys

    import os

    from bench.end_to_end import TreePeak, _descendants_rss_kib

    # A grandchild holding 200 MB whose command line names uvicorn, as Prefect's temporary server's does.
    hold = "import time; b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.5)"
    code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {hold!r}, '-m', 'uvicorn'])"
    # Other tests of the session may have left children of this process running: they count on both sides.
    others_mb = _descendants_rss_kib(os.getpid())[0] / 1024
    with TreePeak(every=0.1) as tree:
        subprocess.run([sys.executable, "-c", code], check=True)
    assert tree.peak_mb >= 200 and tree.peak_without_server_mb < others_mb + 100


@pytest.mark.slow
def test_a_run_against_a_running_server_starts_no_temporary_server(tmp_path):
    from bench.corpus import write_jsonl
    from bench.end_to_end import _measured_with_running_server, _rows

    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, 3, 1, gold=False)
    figures = _measured_with_running_server(corpus, tmp_path / "lake", tmp_path / "prefect")
    assert _rows(tmp_path / "lake", "articles") == 3
    # The run talked to our server: Prefect never started (nor logged) a temporary one in the run's home.
    assert not (tmp_path / "prefect" / "client" / "temporary-server.log").exists()
    assert (tmp_path / "prefect" / "server").is_dir()
    assert figures["running_server_own_rss_mb"] > 50 and figures["running_server_start_s"] > 0
    assert figures["running_server_wall_s"] > 0
