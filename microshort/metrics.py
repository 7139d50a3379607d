"""Prometheus metrics: what the web processes count, and the job queue read at scrape time.

Several web worker processes (MICROSHORT_WEB_WORKERS) serve one port, and a scrape reaches any
one of them. So under the launcher every process writes its figures to files in
PROMETHEUS_MULTIPROC_DIR (prometheus-client's multiprocess mode, set by the launcher) and a
scrape adds them all up; without that variable (tests, a bare `reflex run`) each process
counts in memory. The job figures come from procrastinate's table, not from the workers.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST
JOB_STATS_TIMEOUT_MS = 2000

_in_process = CollectorRegistry()

http_requests = Counter(
    "microshort_http_requests",
    "HTTP requests answered, by method, route template and status code.",
    ["method", "route", "status"],
    registry=_in_process,
)
http_latency = Histogram(
    "microshort_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=_in_process,
)
websocket_connections = Gauge(
    "microshort_websocket_connections",
    "Open websockets, by route: the live rooms (/ws/rooms/{episode_id}) and Reflex's /_event.",
    ["route"],
    multiprocess_mode="livesum",
    registry=_in_process,
)
webhook_failures = Counter(
    "microshort_webhook_failures",
    "Webhook deliveries answered with an error (bad signature, malformed, not configured, "
    "crashed), by provider and status code.",
    ["provider", "status"],
    registry=_in_process,
)

# Only queued, running and failed jobs: the partial index of migration 0012 covers exactly
# those rows, so the scrape stays cheap however many finished jobs the table keeps.
_JOB_COUNTS = sa.text(
    "SELECT queue_name, task_name, status::text, count(*) FROM procrastinate.procrastinate_jobs "
    "WHERE status IN ('todo', 'doing', 'failed') GROUP BY 1, 2, 3"
)


class JobQueueCollector(Collector):
    """Queue depth and failed jobs, counted in the database when Prometheus scrapes."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily(
            "microshort_job_queue_depth",
            "Jobs waiting (todo) or running (doing), by queue.",
            labels=["queue", "status"],
        )
        failed = GaugeMetricFamily(
            "microshort_jobs_failed",
            "Jobs that failed for good (every retry used), by queue and task.",
            labels=["queue", "task"],
        )
        up = GaugeMetricFamily(
            "microshort_job_stats_up", "1 when the job figures could be read from the database."
        )
        try:
            rows = _job_counts()
        except (sa.exc.SQLAlchemyError, RuntimeError):  # unreachable, or no database set
            up.add_metric([], 0)
            yield up
            return
        open_jobs: dict[tuple[str, str], int] = {}
        for queue, task, status, count in rows:
            if status == "failed":
                failed.add_metric([queue, task], count)
            else:
                open_jobs[queue, status] = open_jobs.get((queue, status), 0) + count
        for queue in {queue for queue, *_ in rows}:
            for status in ("todo", "doing"):
                depth.add_metric([queue, status], open_jobs.get((queue, status), 0))
        up.add_metric([], 1)
        yield from (depth, failed, up)


def _job_counts() -> list[tuple[str, str, str, int]]:
    from microshort.db import get_engine

    with get_engine().connect() as connection:
        connection.execute(sa.text(f"SET LOCAL statement_timeout = {JOB_STATS_TIMEOUT_MS}"))
        return [tuple(row) for row in connection.execute(_JOB_COUNTS)]


_LIVE_GAUGE_FILE = re.compile(r"^gauge_live\w*_(\d+)\.db$")


def _forget_dead_processes(folder: Path) -> None:
    """A worker that died (or was restarted) still has its open-websocket count on disk."""
    for path in folder.glob("gauge_live*.db"):
        match = _LIVE_GAUGE_FILE.match(path.name)
        if match and not _is_alive(int(match.group(1))):
            multiprocess.mark_process_dead(int(match.group(1)), str(folder))


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reset_multiprocess_dir(folder: Path) -> None:
    """Start a run with no figures from the last one (Prometheus takes the reset in its stride)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def render() -> bytes:
    """The exposition text of every figure (blocking: it queries the database)."""
    folder = os.environ.get(MULTIPROC_ENV)
    registry = CollectorRegistry()
    if folder:
        _forget_dead_processes(Path(folder))
        multiprocess.MultiProcessCollector(registry, path=folder)
    else:
        registry.register(_in_process)
    registry.register(JobQueueCollector())
    return generate_latest(registry)
