"""The procrastinate app: jobs live in the same PostgreSQL, in the schema `procrastinate`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import procrastinate
from procrastinate.exceptions import AppNotOpen
from psycopg_pool import AsyncConnectionPool

JOB_SCHEMA_OPTIONS = "-c search_path=procrastinate,public"
_database_url: str | None = None


def use_database(url: str | None) -> None:
    """Point the job app at a database (tests and the launcher); None means DATABASE_URL."""
    global _database_url
    _database_url = url


def _conninfo() -> str:
    if _database_url:
        return _database_url
    from microshort.config import get_settings

    url = get_settings().database_url
    if not url:
        raise RuntimeError("No database for jobs: set DATABASE_URL or use `python -m microshort`")
    return url


def _pool_factory(**kwargs: Any) -> AsyncConnectionPool:
    # The URL is read when the app opens, not at import, so importing tasks needs no database.
    return AsyncConnectionPool(
        conninfo=_conninfo(), kwargs={"options": JOB_SCHEMA_OPTIONS}, **kwargs
    )


job_app = procrastinate.App(
    connector=procrastinate.PsycopgConnector(pool_factory=_pool_factory),
    import_paths=["microshort.jobs.tasks", "microshort.jobs.video", "microshort.jobs.payouts"],
)


# When nothing keeps the job app open (a script, a web process), it is opened just for the
# deferral. That is serialised, so one caller's close never pulls the pool from under another.
_opening = asyncio.Lock()
_opened_here = False


def _is_open() -> bool:
    connector = job_app.connector
    if not isinstance(connector, procrastinate.PsycopgConnector):
        return False
    try:
        connector.pool  # noqa: B018  (raises AppNotOpen while closed)
    except AppNotOpen:
        return False
    return True


@asynccontextmanager
async def job_app_open() -> AsyncIterator[procrastinate.App]:
    """The job app, opened for the duration if no one else (e.g. the worker) keeps it open."""
    global _opened_here
    if _is_open() and not _opened_here:
        yield job_app
        return
    async with _opening:
        if _is_open():
            yield job_app
            return
        _opened_here = True
        try:
            async with job_app.open_async():
                yield job_app
        finally:
            _opened_here = False
