"""Local services Dateline starts for tests and benchmarks: a Prefect server, health checks, clean stops."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def wait_until_healthy(url: str, proc: subprocess.Popen, timeout: float, what: str) -> None:
    """Poll a health URL until it answers 200; raise if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited early with code {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_process_group(proc)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


def start_prefect_server(home: Path, port: int, log_path: Path | None = None, timeout: float = 180) -> subprocess.Popen:
    """Start `prefect server start` on 127.0.0.1:port with its own PREFECT_HOME; return once healthy."""
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    log = open(log_path or home / "server.log", "w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    wait_until_healthy(f"http://127.0.0.1:{port}/api/health", proc, timeout, f"prefect server (log: {log.name})")
    return proc


def stop_process_group(proc: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM a process group we started, then SIGKILL if it does not go within `grace` seconds."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=grace)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_prctl = None  # libc's prctl, looked up in the parent: a forked child must not take the loader's lock


def die_with_parent() -> None:
    """A `preexec_fn`: have Linux SIGKILL this child when the process that started it dies (even by kill -9)."""
    parent = os.getppid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


# What the temporary server of one run need not do (a setting the user made keeps its value). It serves only
# the run's own client, which subscribes to no stream and uses no block; flow runs, task runs (the task run
# recorder) and events (the event persister) are still recorded. Measured: ~2 CPU s less start-up in a fresh home.
TEMPORARY_SERVER_SETTINGS = {
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",  # automations: their triggers and actions
    "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED": "false",  # events to websocket subscribers
    "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false",  # logs to websocket subscribers
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",  # the block catalogue, written into a fresh home's database
}


class _SubprocessDyingWithParent:
    """The `subprocess` module, except that Popen's children die with their parent."""

    def __getattr__(self, name: str):
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args, **kwargs):  # noqa: N802 -- the name Prefect calls
        """subprocess.Popen with the parent-death signal, the temporary server's settings, output in a log file."""
        if _prctl is not None:
            kwargs.setdefault("preexec_fn", die_with_parent)
        kwargs["env"] = {**TEMPORARY_SERVER_SETTINGS, **(kwargs.get("env") or os.environ)}
        if "stdout" not in kwargs and "stderr" not in kwargs:
            # The server's own errors (a full disk gives thousands of lines of SQL tracebacks) go to a
            # log file, not to the terminal of a command that promises one line per failure.
            log = _server_log()
            kwargs.update(stdout=log, stderr=subprocess.STDOUT)
            try:
                return subprocess.Popen(*args, **kwargs)
            finally:
                if log is not subprocess.DEVNULL:
                    log.close()
        return subprocess.Popen(*args, **kwargs)


def _server_log_path() -> Path:
    """Where the temporary server's output goes: a log file in PREFECT_HOME, rewritten by each run."""
    from prefect.settings import PREFECT_HOME

    return Path(PREFECT_HOME.value()).expanduser() / "temporary-server.log"


def _server_log():
    """The temporary server's log file, open for writing, or DEVNULL if it cannot be written."""
    try:
        return open(_server_log_path(), "wb")
    except OSError:
        return subprocess.DEVNULL


def _load_prctl() -> None:
    """Look up libc's prctl for `die_with_parent` (Linux only; elsewhere children are stopped only at exit)."""
    global _prctl
    if sys.platform == "linux" and _prctl is None:
        _prctl = ctypes.CDLL(None, use_errno=True).prctl


def tie_temporary_server_to_this_process() -> None:
    """Make the temporary Prefect server (uvicorn, started when no PREFECT_API_URL is set) die with this process.

    Prefect starts it with subprocess.Popen and stops it only at a clean exit (atexit), so a killed
    run would leave it running and listening. Only Prefect's server module sees the changed Popen.
    Its output goes to `$PREFECT_HOME/temporary-server.log`, and it runs with TEMPORARY_SERVER_SETTINGS.
    """
    if sys.platform != "linux":
        return
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        return  # a real server (or `TemporaryServer`'s): Prefect starts none
    from prefect.server.api import server as prefect_server

    _load_prctl()
    if not isinstance(prefect_server.subprocess, _SubprocessDyingWithParent):
        prefect_server.subprocess = _SubprocessDyingWithParent()


def start_temporary_server_early() -> Callable[[], None]:
    """Start Prefect's temporary server now, in the background, if the run will need one; return a function
    that waits until it answers (raising what stopped it).

    Prefect would start it only when the flow begins, after every import; started first, its own start-up
    (a process of its own) overlaps the rest of the run's imports. It is the command line Prefect runs for
    its temporary server, launched here (`TemporaryServer`) so that this process never imports Prefect's
    server package (~2 CPU s and ~80 MB a run would hold for nothing). With PREFECT_API_URL set there is none.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return lambda: None
    return TemporaryServer().start()


class TemporaryServer:
    """Prefect's temporary server (uvicorn serving `prefect.server.api.server:create_app`) for this process.

    The listening socket is bound here, on a port the kernel picks, and handed to uvicorn (`--fd`), so its
    address is known at once and no other process can take the port in between. This process's Prefect
    settings name it (PREFECT_API_URL) from the start, so Prefect starts no server of its own. The server dies
    with this process (parent-death signal) and is stopped at a clean exit.
    """

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.api_url = ""

    def start(self) -> Callable[[], None]:
        """Bind the port, point this process's Prefect client at it, launch the server from a thread that lives
        as long as the process; return a function that waits until it answers."""
        import socket

        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        _load_prctl()
        self.api_url = f"http://127.0.0.1:{listener.getsockname()[1]}/api"
        env = self._environment()
        _use_api_url(self.api_url)
        database = MigratedDatabase.for_current_settings()
        fresh = database is not None and database.place()
        answered = threading.Event()
        failures: list[BaseException] = []

        def serve() -> None:
            """Launch the server, wait for its first answer, then stay: Linux sends the parent-death signal when
            the thread that started a child ends."""
            try:
                self.process = self._launch(listener, env)
                self._wait_answering(_startup_timeout())
                if fresh:  # migrated by this server, nothing of the run's in it yet: the next fresh home's copy
                    database.keep()
            except BaseException as exc:  # handed to the waiter
                failures.append(exc)
                self.stop()
            answered.set()
            threading.Event().wait()

        threading.Thread(target=serve, name="prefect-temporary-server", daemon=True).start()
        atexit.register(self.stop)

        def wait() -> None:
            """Block until the server answers; raise its start-up error if it failed."""
            answered.wait()
            if failures:
                raise failures[0]

        return wait

    @staticmethod
    def _environment() -> dict[str, str]:
        """The server's environment, as Prefect gives its own temporary server: this process's settings (the
        profile's too), no UI, the ephemeral flags; TEMPORARY_SERVER_SETTINGS unless the user set them."""
        from prefect.settings import get_current_settings

        return {
            **TEMPORARY_SERVER_SETTINGS, **os.environ,
            "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
            **get_current_settings().to_environment_variables(exclude_unset=True),
        }

    def _launch(self, listener, env: dict[str, str]) -> subprocess.Popen:
        """Popen uvicorn on the bound socket, output in the log file; the socket is the child's alone after."""
        import prefect

        fd = listener.fileno()
        log = _server_log()
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent), "--factory",
                 "prefect.server.api.server:create_app", "--fd", str(fd), "--log-level", "error", "--lifespan", "on"],
                env=env, stdout=log, stderr=subprocess.STDOUT, pass_fds=(fd,),
                preexec_fn=die_with_parent if _prctl is not None else None,
            )
        finally:
            listener.close()  # else connections would queue here, unanswered, if the server died
            if log is not subprocess.DEVNULL:
                log.close()

    def _wait_answering(self, timeout: float) -> None:
        """Poll /health until it answers 200, as Prefect does for its own temporary server: `timeout` counts the
        pauses between polls (a loaded machine slows the polls, not the verdict)."""
        waited = 0.0
        with httpx.Client() as client:
            while waited < timeout:
                if self.process.poll() is not None:
                    raise RuntimeError(f"Prefect's temporary server exited with code {self.process.returncode}"
                                       f" (log: {_server_log_path()})")
                try:
                    if client.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
                waited += 0.1
        raise RuntimeError(f"Prefect's temporary server did not answer {self.api_url} (log: {_server_log_path()})")

    def stop(self) -> None:
        """Terminate the server (at a clean exit), killing it if it does not go within 5 s."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class MigratedDatabase:
    """A copy of an empty, migrated temporary-server database, kept per Prefect version and migration set.

    A fresh PREFECT_HOME costs the temporary server the database migrations (about half its start-up: 7.6-8.8
    CPU s to its first answer in a fresh home, 3.7-4.2 in a migrated one). The first server that migrates a
    fresh home's database leaves a copy of it in the user's cache; a later fresh home gets that copy before its
    server starts, and Prefect's own migrate-on-start then finds nothing to do. Only Prefect's default
    SQLite database with migrate-on-start is touched; any failure leaves Prefect to migrate as it would.
    """

    def __init__(self, database: Path, template: Path):
        self.database, self.template = database, template

    @classmethod
    def for_current_settings(cls) -> "MigratedDatabase | None":
        """The home's database and its template, or None when the server's database is not a local SQLite file
        that Prefect migrates on start."""
        import prefect
        from prefect.settings import get_current_settings

        from flows.location import default_cache_folder

        settings = get_current_settings().server.database
        url = settings.connection_url.get_secret_value() if settings.connection_url else ""
        prefix = "sqlite+aiosqlite:///"
        if not settings.migrate_on_start or not url.startswith(prefix) or ":memory:" in url or "?" in url:
            return None
        versions = Path(prefect.__module_path__) / "server" / "database" / "_migrations" / "versions" / "sqlite"
        try:
            migrations = sorted(os.listdir(versions))
        except OSError:
            return None
        key = hashlib.sha256("\n".join([prefect.__version__, *migrations]).encode()).hexdigest()[:16]
        return cls(Path(url[len(prefix):]), default_cache_folder() / "prefect-db" / f"migrated-{key}.db")

    def place(self) -> bool:
        """Copy the template into a home without a database; True when the home had none (its server migrates
        or has a copy), False when it had one (nothing done)."""
        if self.database.exists():
            return False
        try:
            self.database.parent.mkdir(parents=True, exist_ok=True)
            if self.template.exists():
                _copy_atomically(self.template, self.database)
        except OSError:  # a full or read-only disk: Prefect migrates, or fails, as it would have
            pass
        return True

    def keep(self) -> None:
        """Save the home's freshly migrated database as the template (once; unless it already holds a flow run)."""
        import sqlite3

        if self.template.exists():
            return
        try:
            self.template.parent.mkdir(parents=True, exist_ok=True)
            partial = self.template.with_name(f"{self.template.name}.{os.getpid()}.partial")
            source = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)
            try:
                if source.execute("SELECT count(*) FROM flow_run").fetchone()[0]:
                    return
                target = sqlite3.connect(partial)
                try:
                    source.backup(target)  # a consistent copy, whatever the server's journal holds
                finally:
                    target.close()
            finally:
                source.close()
            os.replace(partial, self.template)
        except (OSError, sqlite3.Error):  # no template this time: the next fresh home migrates again
            with contextlib.suppress(OSError, UnboundLocalError):
                partial.unlink()


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy a file so that `target` never exists half-written."""
    import shutil

    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()  # a full disk keeps no half copy
        raise


def _use_api_url(url: str) -> None:
    """Point this process's Prefect settings at `url`: the environment, and the global settings context built
    from it at import (every thread without a context of its own reads that one)."""
    from prefect.context import refresh_global_settings_context

    os.environ["PREFECT_API_URL"] = url
    refresh_global_settings_context()


def _startup_timeout() -> float:
    """How long Prefect would wait for its temporary server to answer."""
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    return float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
