"""`python -m microshort run`: one command for the whole app on one machine.

Starts (or reuses) the database, applies migrations, loads the demo catalogue into an empty
database, then supervises two children: the job worker and the Reflex server (UI, events and
API routes on one port). A child that dies is restarted with backoff, after everything it
started (the worker's ffmpeg, Reflex's granian workers) is killed with it; only Ctrl-C or
SIGTERM stops everything, the embedded PostgreSQL last.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from microshort import metrics, migrations, pgserver
from microshort.config import PROJECT_ROOT, LogFormat, Settings, get_settings
from microshort.logs import configure_logging

_log = logging.getLogger("microshort")
TOOLS_BIN = PROJECT_ROOT / ".tools" / "node_modules" / ".bin"
STOP_GRACE_SECONDS = 15
RESTART_FIRST_DELAY = 1.0
RESTART_MAX_DELAY = 30.0
HEALTHY_AFTER_SECONDS = 60.0  # a child that ran this long starts again from the first delay


def child_environment(settings: Settings, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "REFLEX_TELEMETRY_ENABLED": "false",
            "REFLEX_CHECK_LATEST_VERSION": "false",
            "GRANIAN_WORKERS": str(settings.web_workers),
            "PATH": f"{TOOLS_BIN}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
            # Every web worker writes its figures here; a scrape of any one adds them all up.
            metrics.MULTIPROC_ENV: str(settings.metrics_dir),
        }
    )
    if settings.log_format == LogFormat.JSON:
        env["REFLEX_LOG_JSON"] = "true"  # Reflex's and granian's own lines as JSON too
    if settings.redis_url:
        env["REFLEX_REDIS_URL"] = with_connect_timeout(settings.redis_url)
    return env


def with_connect_timeout(redis_url: str, seconds: int = 2) -> str:
    """Reflex's own Redis client has no timeouts: an unreachable Redis host would hang every
    event. A connect timeout in the URL (redis-py reads it) turns that into an error at once.
    No read timeout: Reflex's lock waits block on pub/sub reads by design."""
    if "socket_connect_timeout=" in redis_url:
        return redis_url
    return f"{redis_url}{'&' if '?' in redis_url else '?'}socket_connect_timeout={seconds}"


def _spawn(args: Sequence[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    # Own process group, so stopping a child also stops what it started (granian, bun).
    return subprocess.Popen(list(args), cwd=PROJECT_ROOT, env=env, start_new_session=True)


def _kill_group(pid: int) -> None:
    """Kill whatever is left of a child's process group (its own children outlive it)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        _kill_group(process.pid)
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
    _kill_group(process.pid)


@dataclass
class Supervised:
    """One child process, restarted with exponential backoff whenever it dies."""

    name: str
    args: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: float = field(default=0.0)

    def start(self) -> None:
        self.process = _spawn(self.args, self.env)
        self.started_at = time.monotonic()

    def check(self) -> None:
        """Notice a death (and clean up after it) or start again when the backoff is over."""
        now = time.monotonic()
        if self.process is None:
            if now >= self.restart_at:
                _log.info("Starting the %s again.", self.name)
                self.start()
            return
        code = self.process.poll()
        if code is None:
            return
        _kill_group(self.process.pid)  # e.g. the ffmpeg of a job worker killed -9
        self.failures = 1 if now - self.started_at >= HEALTHY_AFTER_SECONDS else self.failures + 1
        delay = min(RESTART_MAX_DELAY, RESTART_FIRST_DELAY * 2 ** (self.failures - 1))
        _log.error("The %s stopped (exit code %s); restarting in %.0f s.", self.name, code, delay)
        self.process, self.restart_at = None, now + delay

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)


def _wait_until_up(url: str, children: list[Supervised], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in children:
            child.check()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our http URL)
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


class _Stop(Exception):
    pass


def _raise_stop(signum: int, _frame: object) -> None:
    # Stop once: a second SIGTERM/Ctrl-C while shutting down must not interrupt the cleanup.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise _Stop(signum)


def _parent_gone(original_parent: int | None) -> bool:
    return original_parent is not None and os.getppid() != original_parent


def run(*, stop_with_parent: bool = False) -> int:
    """Serve until Ctrl-C/SIGTERM (or, with stop_with_parent, until our parent exits)."""
    settings = get_settings()
    parent = os.getppid() if stop_with_parent else None
    started = time.perf_counter()
    server = None
    url = settings.database_url
    if url is None:
        _log.info("Starting the embedded PostgreSQL in %s", settings.pgdata_dir)
        server = pgserver.start(settings.pgdata_dir)
        url = server.url()
    children: list[Supervised] = []
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    try:
        migrations.upgrade(url)
        if settings.demo_data:
            from microshort.demo.seed import seed_demo

            seed_demo(url)
        env = child_environment(settings, url)
        metrics.reset_multiprocess_dir(settings.metrics_dir)
        port = str(settings.port)
        reflex = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port"]
        reflex += ["--frontend-port", port, "--backend-port", port, "--loglevel", "warning"]
        # Reflex listens on 0.0.0.0 by default; only the machine itself unless told otherwise.
        reflex += ["--backend-host", settings.bind_host]
        children.append(Supervised("job worker", [sys.executable, "-m", "microshort.jobs"], env))
        children.append(Supervised("web server", reflex, env))
        for child in children:
            child.start()
        if _wait_until_up(f"http://127.0.0.1:{port}/api/health", children, timeout=600):
            _log.info(
                "MicroShort is up at %s (ready in %.0f s). Ctrl-C stops it.",
                settings.base_url,
                time.perf_counter() - started,
            )
        while not _parent_gone(parent):
            for child in children:
                child.check()
            time.sleep(0.5)
        _log.info("Parent process ended; stopping MicroShort.")
        return 0
    except _Stop:
        _log.info("Stopping MicroShort...")
        return 0
    finally:
        for child in reversed(children):
            child.stop()
        if server is not None:
            server.stop()


def migrate() -> int:
    from microshort.runtime import database

    with database():
        _log.info("Database is at the latest migration.")
    return 0


def stop_database() -> int:
    """Stop an embedded PostgreSQL that a crashed run left behind."""
    settings = get_settings()
    if settings.database_url or not pgserver.is_running(settings.pgdata_dir):
        _log.info("No embedded PostgreSQL is running in %s.", settings.pgdata_dir)
        return 0
    pgserver.stop_running(settings.pgdata_dir)
    _log.info("Stopped the embedded PostgreSQL in %s.", settings.pgdata_dir)
    return 0


def main(argv: Sequence[str]) -> int:
    settings = get_settings()
    configure_logging(settings)
    command, *options = list(argv) or ["run"]
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    if command == "run" and set(options) <= {"--stop-with-parent"}:
        return run(stop_with_parent=bool(options))
    if command == "migrate" and not options:
        return migrate()
    if command == "stop-db" and not options:
        return stop_database()
    if command in ("backup", "restore"):
        from microshort.backup import cli

        return cli.main(command, options)
    print(
        "usage: python -m microshort [run [--stop-with-parent] | migrate | stop-db | "
        "backup FILE | restore FILE [--force]]",
        file=sys.stderr,
    )
    return 2
