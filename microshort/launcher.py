"""`python -m microshort run`: one command for the whole app on one machine.

Starts (or reuses) the database, applies migrations, loads the demo catalogue into an empty
database, then supervises two children: the job worker and the Reflex server (UI, events and
API routes on one port). Ctrl-C or SIGTERM stops everything, the embedded PostgreSQL last.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from microshort import migrations, pgserver
from microshort.config import PROJECT_ROOT, Settings, get_settings
from microshort.logs import configure_logging

_log = logging.getLogger("microshort")
TOOLS_BIN = PROJECT_ROOT / ".tools" / "node_modules" / ".bin"
STOP_GRACE_SECONDS = 15


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
        }
    )
    if settings.redis_url:
        env["REFLEX_REDIS_URL"] = settings.redis_url
    return env


def _spawn(args: Sequence[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    # Own process group, so stopping a child also stops what it started (granian, bun).
    return subprocess.Popen(list(args), cwd=PROJECT_ROOT, env=env, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def _wait_until_up(url: str, children: list[subprocess.Popen[bytes]], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children):
            return False
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
    children: list[subprocess.Popen[bytes]] = []
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    try:
        migrations.upgrade(url)
        if settings.demo_data:
            from microshort.demo.seed import seed_demo

            seed_demo(url)
        env = child_environment(settings, url)
        port = str(settings.port)
        children.append(_spawn([sys.executable, "-m", "microshort.jobs"], env))
        children.append(
            _spawn(
                [
                    sys.executable,
                    "-m",
                    "reflex",
                    "run",
                    "--env",
                    "prod",
                    "--single-port",
                    "--frontend-port",
                    port,
                    "--backend-port",
                    port,
                    "--loglevel",
                    "warning",
                ],
                env,
            )
        )
        if _wait_until_up(f"http://127.0.0.1:{port}/api/health", children, timeout=600):
            _log.info(
                "MicroShort is up at %s (ready in %.0f s). Ctrl-C stops it.",
                settings.base_url,
                time.perf_counter() - started,
            )
        while all(child.poll() is None for child in children):
            if _parent_gone(parent):
                _log.info("Parent process ended; stopping MicroShort.")
                return 0
            time.sleep(0.5)
        _log.error("A process stopped unexpectedly; shutting down.")
        return 1
    except _Stop:
        _log.info("Stopping MicroShort...")
        return 0
    finally:
        for child in reversed(children):
            _stop(child)
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
    print(
        "usage: python -m microshort [run [--stop-with-parent] | migrate | stop-db]",
        file=sys.stderr,
    )
    return 2
