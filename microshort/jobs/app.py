"""The procrastinate app: jobs live in the same PostgreSQL, in the schema `procrastinate`."""

from __future__ import annotations

from typing import Any

import procrastinate
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
    import_paths=["microshort.jobs.tasks"],
)
