"""`python -m bench.soak` (`make soak`): 20 rounds of good and hostile inputs, kill -9 and a full disk.

Each round adds local files (new stories, copies, empty and binary files, broken JSON) and a `.urls`
list of pages on a local fault server (good pages, errors, a stalled answer, oversized and refused
bodies, redirects to internal addresses), then runs `dateline run` over everything so far. Some
rounds SIGKILL the run (at a random crash point or a random moment) before a run that completes;
one fills the lake's disk (a small tmpfs) to the last byte first. After each round it checks and
prints the conservation law (new + duplicates + unchanged + rejected = inputs) and the snapshot's
consistency (every file the manifest names exists; article ids, inputs and mention ids unique; no
input both an article and a reject; articles + rejects = inputs). Exit status 1 if a check fails.

Bounded: under 10 minutes on 2 busy cores, about 6 HTTP requests per URL round, all to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SUMMARY = re.compile(r"(\d+) inputs: (\d+) new articles, (\d+) duplicates, (\d+) unchanged, (\d+) rejected")
ROUNDS = 20
KILL_AT_POINT = {4, 9, 13, 17}  # rounds whose first run is killed at a random crash point
KILL_AT_RANDOM = {6, 15}  # rounds whose first run is killed after a random delay
DISK_FULL = {11}  # the round whose first run meets a full disk
DISK_SIZE = "48m"
RUN_TIMEOUT = 120  # seconds; a run that takes longer fails the round
HOSTILE_PATHS = ["/status/404", "/status/500", "/hang", "/huge-declared", "/redirect-to/metadata",
                 "/image", "/empty", "/close", "/binary-html", "/redirect-to/file"]


@dataclass
class Round:
    """What one round did and found."""

    number: int
    kind: str
    code: int = 0
    counts: tuple[int, ...] = ()
    law: bool = False
    snapshot: str = ""
    articles: int = 0
    rejects: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every check of the round held."""
        return self.law and self.snapshot == "ok" and not self.notes


def write_inputs(folder: Path, number: int, rng: random.Random, server) -> None:
    """One round's local files and `.urls` list: mostly new stories, some copies and some hostile files."""
    from tests.flows.fault_server import page, story

    folder.mkdir(parents=True)
    for k in range(3):
        (folder / f"story-{number}-{k}.txt").write_text(story(1000 + number * 10 + k))
    if number > 1:  # a copy of an earlier round's story under another name: a duplicate
        (folder / f"copy-{number}.txt").write_text(story(1000 + rng.randrange(1, number) * 10))
    hostile = {
        f"empty-{number}.txt": b"",
        f"binary-{number}.txt": bytes(rng.randrange(256) for _ in range(2048)),
        f"broken-{number}.json": b'{"title": "unterminated", "text": ',
        f"records-{number}.jsonl": b'{"text": 5}\nnot json\n',
        f"nul-{number}.md": b"\x00" * 512,
    }
    for name in rng.sample(sorted(hostile), 2):
        (folder / name).write_bytes(hostile[name])
    urls = []
    for k in range(2):
        path = f"/ok/{number}-{k}"
        server.pages[path] = page(f"Round {number} page {k}", story(5000 + number * 10 + k))
        urls.append(server.base + path)
    urls += [server.base + p for p in rng.sample(HOSTILE_PATHS, 3)]
    (folder / f"pages-{number}.urls").write_text("\n".join(urls) + "\n")


def dateline(args: list[str], env: dict, timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess:
    """Run the CLI."""
    return subprocess.run([str(BIN / "dateline"), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def run_args(inputs: Path, lake: Path) -> list[str]:
    """`dateline run` over every round's inputs so far."""
    return ["run", str(inputs), "--lake", str(lake), "-q", "--timeout", "2", "--max-bytes", "200000",
            "--allow-host", "127.0.0.1"]


def killed_run(inputs: Path, lake: Path, env: dict, rng: random.Random, at_point: bool, work: Path) -> str:
    """Start a run and SIGKILL it at a random crash point or after a random delay; say where."""
    from flows.crashpoints import POINTS

    env = dict(env)
    point = rng.choice(POINTS) if at_point else None
    marker = work / f"paused-{time.monotonic_ns()}"
    if point:
        env.update(DATELINE_PAUSE_AT=point, DATELINE_PAUSE_MARKER=str(marker))
    proc = subprocess.Popen([str(BIN / "dateline"), *run_args(inputs, lake)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + (RUN_TIMEOUT if point else rng.uniform(1.0, 6.0))
    while time.monotonic() < deadline and proc.poll() is None and not (point and marker.exists()):
        time.sleep(0.05)
    if proc.poll() is not None:
        return f"run ended (exit {proc.returncode}) before the kill"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    return f"kill -9 at {point}" if point else "kill -9 after a random delay"


def fill(disk: Path) -> Path:
    """Fill a disk to its last byte; return the filler file."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 1):
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def check_snapshot(lake: Path, inputs: int | None) -> tuple[str, int, int]:
    """'ok' or what is wrong with the committed snapshot; the article and reject rows."""
    from flows.lake import Lake
    from transforms.schema import TABLES

    store = Lake(str(lake))
    manifest = store.manifest()
    if manifest is None:
        return "no snapshot", 0, 0
    missing = [p for t in TABLES for p in store.files(t, manifest) if not os.path.exists(p)]
    if missing:
        return f"{len(missing)} files named by manifest {manifest.version} missing", 0, 0
    articles = store.read("articles", columns=["input", "article_id"]).to_pylist()
    rejects = set(store.read("rejects", columns=["input"]).column("input").to_pylist())
    mentions = store.read("mentions", columns=["mention_id"]).column("mention_id").to_pylist()
    ids = [a["article_id"] for a in articles]
    names = {a["input"] for a in articles}
    problems = []
    if len(set(ids)) != len(ids):
        problems.append(f"{len(ids) - len(set(ids))} duplicate article ids")
    if len(names) != len(articles):
        problems.append(f"{len(articles) - len(names)} inputs with two article rows")
    if len(set(mentions)) != len(mentions):
        problems.append("duplicate mention ids")
    if names & rejects:
        problems.append(f"{len(names & rejects)} inputs both article and reject")
    if inputs is not None and len(articles) + len(rejects) != inputs:
        problems.append(f"articles {len(articles)} + rejects {len(rejects)} != inputs {inputs}")
    return "; ".join(problems) or "ok", len(articles), len(rejects)


def complete_run(result: Round, inputs: Path, lake: Path, env: dict) -> None:
    """Run to the end and record the summary's counts and the conservation law."""
    done = dateline(run_args(inputs, lake), env)
    result.code = done.returncode
    match = SUMMARY.search(done.stdout)
    if done.returncode != 0 or not match:
        result.notes.append(f"run failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:160]}")
        return
    result.counts = tuple(map(int, match.groups()))
    total, new, dups, unchanged, rejected = result.counts
    result.law = new + dups + unchanged + rejected == total


def disk_full_run(result: Round, inputs: Path, lake: Path, env: dict, disk: Path | None) -> None:
    """A run on a full disk: one error line, non-zero exit, the snapshot unchanged."""
    if disk is None:
        result.notes.append("no tmpfs (mount needs root): disk-full round not run")
        return
    before = (lake / "CURRENT").read_text()
    filler = fill(disk)
    try:
        failed = dateline(run_args(inputs, lake), env)
    finally:
        filler.unlink()
    errors = [line for line in failed.stderr.splitlines() if line.startswith("dateline: error:")]
    others = [line for line in failed.stderr.splitlines() if not line.startswith("dateline:")]
    if failed.returncode == 0 or len(errors) != 1 or others or "no space left" not in errors[0]:
        result.notes.append(f"disk full: exit {failed.returncode}, {len(errors)} error lines, {len(others)} others")
    if (lake / "CURRENT").read_text() != before:
        result.notes.append("disk full: CURRENT changed")


def mount_disk(work: Path) -> Path | None:
    """A small tmpfs for the lake, or None where mounting is not allowed."""
    disk = work / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    return disk if mounted.returncode == 0 else None


def soak(rounds: int, seed: int, work: Path) -> list[Round]:
    """Run the rounds; return what each found."""
    from flows.services import start_prefect_server, stop_process_group
    from tests.conftest import free_port
    from tests.flows.fault_server import FaultServer

    rng = random.Random(seed)
    disk = mount_disk(work)
    lake = (disk or work) / "lake"
    inputs = work / "inputs"
    server = FaultServer()
    server._server.handle_error = lambda *args: None  # a dropped connection (/close) is the point, not news
    server.start()
    port = free_port()
    prefect = start_prefect_server(work / "prefect-server", port)
    env = dict(os.environ, PREFECT_API_URL=f"http://127.0.0.1:{port}/api", PREFECT_HOME=str(work / "prefect-home"),
               PREFECT_LOGGING_LEVEL="ERROR", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("DATELINE_LAKE", None)
    results = []
    try:
        for number in range(1, rounds + 1):
            started = time.monotonic()
            write_inputs(inputs / f"round-{number:02d}", number, rng, server)
            kind = "normal"
            result = Round(number, kind)
            if number in DISK_FULL and lake.exists():
                result.kind = "disk full, then run"
                disk_full_run(result, inputs, lake, env, disk)
            elif number in KILL_AT_POINT | KILL_AT_RANDOM:
                result.kind = killed_run(inputs, lake, env, rng, number in KILL_AT_POINT, work) + ", then run"
                if lake.exists():
                    state, _, _ = check_snapshot(lake, None)
                    if state != "ok":
                        result.notes.append(f"after the kill: {state}")
            complete_run(result, inputs, lake, env)
            result.snapshot, result.articles, result.rejects = check_snapshot(
                lake, result.counts[0] if result.counts else None)
            result.seconds = time.monotonic() - started
            results.append(result)
            print_row(result)
    finally:
        stop_process_group(prefect)
        server.stop()
        if disk:
            subprocess.run(["umount", "-l", str(disk)], check=False)
    print(f"requests to the fault server: {sum(server.hits.values())}", file=sys.stderr)
    return results


HEADER = (f"{'round':>5}  {'what happened':<44} {'exit':>4} {'inputs':>6} {'new':>4} {'dup':>4} {'unch':>4} "
          f"{'rej':>4}  {'law':<4} {'articles':>8} {'rejects':>7} {'secs':>5}  snapshot")


def print_row(r: Round) -> None:
    """One line of the table (header first time)."""
    if r.number == 1:
        print(HEADER)
        print("-" * len(HEADER))
    total, new, dups, unchanged, rejected = r.counts or ("-",) * 5
    law = "ok" if r.law else "FAIL"
    snapshot = r.snapshot + ("; " + "; ".join(r.notes) if r.notes else "")
    print(f"{r.number:>5}  {r.kind[:44]:<44} {r.code:>4} {total:>6} {new:>4} {dups:>4} {unchanged:>4} {rejected:>4}  "
          f"{law:<4} {r.articles:>8} {r.rejects:>7} {r.seconds:>5.1f}  {snapshot}", flush=True)


def main() -> int:
    """Parse arguments, soak, print the verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (lake, inputs, logs)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dateline-soak-"))
    started = time.monotonic()
    try:
        results = soak(args.rounds, args.seed, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    failed = [r.number for r in results if not r.ok]
    print(f"{len(results)} rounds in {time.monotonic() - started:.0f} s: "
          + ("every check held" if not failed else f"checks failed in rounds {failed}"))
    return 1 if failed or len(results) < args.rounds else 0


if __name__ == "__main__":
    sys.exit(main())
