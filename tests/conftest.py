"""Shared fixtures: a real PostgreSQL for the whole run.

TEST_DATABASE_URL (a URL to any database on a server we may CREATE DATABASE on) selects a server;
without it an embedded PostgreSQL starts in a temporary folder and is deleted afterwards.
Each run gets fresh databases with random names, so runs never see each other's data.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from microshort import migrations, pgserver
from microshort.db import make_engine
from microshort.integrations.storage.local import LocalMediaStorage
from microshort.ratelimit import RateLimiter, limiter_for
from tests.net import free_port
from tests.redis_server import RedisServer


def _with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A maintenance URL of a running PostgreSQL server."""
    configured = os.environ.get("TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    folder = Path(tempfile.mkdtemp(prefix="mst-", dir="/tmp"))
    server = pgserver.start(folder / "pg")
    try:
        yield server.server_uri
    finally:
        server.stop()


@pytest.fixture(scope="session")
def make_database(pg_server_url: str) -> Iterator[Callable[[], str]]:
    """A factory of empty databases, all dropped at the end of the run."""
    created: list[str] = []

    def create() -> str:
        name = f"ms_test_{secrets.token_hex(4)}"
        pgserver.ensure_database(pg_server_url, name)
        created.append(name)
        return _with_database(pg_server_url, name)

    yield create
    for name in created:
        pgserver.drop_database(pg_server_url, name)


@pytest.fixture(scope="session")
def database_url(make_database: Callable[[], str]) -> str:
    """One migrated database shared by the integration tests (each test rolls back)."""
    url = make_database()
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[sa.Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: sa.Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, commits included."""
    with engine.connect() as connection:
        transaction = connection.begin()
        with Session(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        ) as session:
            yield session
        transaction.rollback()


@pytest.fixture
def storage(tmp_path: Path) -> LocalMediaStorage:
    return LocalMediaStorage(tmp_path / "media")


@pytest.fixture
def limiter() -> RateLimiter:
    return limiter_for(None)  # process memory, fresh per test


def _clear_process_caches() -> None:
    from microshort.api.stream import forget_recent_access
    from microshort.bootstrap import media_storage
    from microshort.config import get_settings
    from microshort.db import get_engine
    from microshort.jobs import app as jobs

    get_settings.cache_clear()
    get_engine.cache_clear()
    media_storage.cache_clear()
    forget_recent_access()  # episode ids repeat from one test database to the next
    jobs.use_database(None)


@pytest.fixture
def app_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Callable[[str], Path]]:
    """Point the process-wide settings (engine, storage, jobs) at a database; returns data dir."""

    def configure(url: str) -> Path:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("MICROSHORT_DATA_DIR", str(tmp_path / "data"))
        _clear_process_caches()
        return tmp_path / "data"

    yield configure
    _clear_process_caches()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real Redis: TEST_REDIS_URL, else a throw-away redis-server from PATH."""
    configured = os.environ.get("TEST_REDIS_URL")
    if configured:
        yield configured
        return
    binary = shutil.which("redis-server")
    assert binary, "no Redis: set TEST_REDIS_URL or install redis-server (scripts/system-deps)"
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    try:
        for _ in range(50):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    """A Redis for this test alone, running; the test may stop and start it."""
    server = RedisServer()
    server.start()
    yield server
    server.stop()
