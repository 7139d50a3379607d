"""GET /api/health: each dependency's state, 503 when a required one is down.

Required: the database, and Redis when REDIS_URL is set (Reflex keeps its per-tab state there,
so pages are empty without it, and the room fan-out stops). The job queue is reported (workers
with a recent heartbeat, jobs waiting) but does not fail the check: job workers may run on
other machines, and a backlog must not take a web server out of its load balancer.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from redis import Redis
from redis.exceptions import RedisError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from microshort.config import get_settings
from microshort.db import get_engine

PROBE_TIMEOUT_SECONDS = 1.0
WORKER_STALE_SECONDS = 60  # procrastinate workers beat every 10 s

_JOBS = sa.text(
    "SELECT (SELECT count(*) FROM procrastinate.procrastinate_jobs WHERE status = 'todo'),"
    " (SELECT count(*) FROM procrastinate.procrastinate_workers"
    "  WHERE last_heartbeat > now() - make_interval(secs => :stale))"
)


def _database_and_jobs() -> tuple[str, dict[str, Any]]:
    try:
        with get_engine().connect() as connection:
            connection.execute(sa.text("SELECT 1"))
            try:
                row = connection.execute(_JOBS, {"stale": WORKER_STALE_SECONDS}).one()
            except sa.exc.SQLAlchemyError:
                return "ok", {"state": "unknown"}
    except sa.exc.SQLAlchemyError:
        return "unreachable", {"state": "unknown"}
    waiting, workers = int(row[0]), int(row[1])
    return "ok", {"state": "ok" if workers else "no worker", "waiting": waiting, "workers": workers}


@lru_cache(maxsize=1)
def _redis(url: str) -> Redis:
    return Redis.from_url(
        url,
        socket_timeout=PROBE_TIMEOUT_SECONDS,
        socket_connect_timeout=PROBE_TIMEOUT_SECONDS,
        retry_on_timeout=False,
    )


def _redis_state() -> str:
    url = get_settings().redis_url
    if not url:
        return "not configured"
    try:
        _redis(url).ping()
    except (RedisError, OSError):
        return "unreachable"
    return "ok"


async def health(request: Request) -> JSONResponse:
    database, jobs = await run_in_threadpool(_database_and_jobs)
    redis = await run_in_threadpool(_redis_state)
    ok = database == "ok" and redis in ("ok", "not configured")
    return JSONResponse(
        {"status": "ok" if ok else "degraded", "database": database, "redis": redis, "jobs": jobs},
        status_code=200 if ok else 503,
        headers={"Cache-Control": "no-store"},
    )
