"""Faults the app survives on its own: a job worker killed -9 (mid-ffmpeg) comes back and
leaves no ffmpeg behind; a PostgreSQL restart is followed by the app answering again and the
worker processing jobs again. No manual `make run`."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest

from microshort import pgserver
from microshort.demo import catalogue
from microshort.demo import video as demo_video
from microshort.jobs import app as jobs
from tests.e2e.conftest import RunningApp, run_coroutine, start_app, wait_for_demo_video

T = TypeVar("T")


def _processes() -> list[tuple[int, int, int, str]]:
    """(pid, parent pid, process group, command line) of every process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        found.append((int(entry.name), int(fields[1]), int(fields[2]), cmdline))
    return found


def _job_worker(app: RunningApp) -> int | None:
    for pid, parent, _group, cmdline in _processes():
        if parent == app.process.pid and "microshort.jobs" in cmdline:
            return pid
    return None


def _in_group(group: int, name: str = "") -> list[int]:
    return [pid for pid, _p, g, cmd in _processes() if g == group and name in cmd]


def _eventually(check: Callable[[], T], seconds: float, what: str) -> T:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"not within {seconds:.0f} s: {what}")


def _clip_cache_without_the_last_clip(cache_home: Path) -> None:
    machine_cache = demo_video.cache_root()
    ours = cache_home / machine_cache.relative_to(machine_cache.parents[2])
    for index in range(len(demo_video.VARIANTS) - 1):
        clip = machine_cache / f"clip-{index}"
        if (clip / "master.m3u8").exists():
            shutil.copytree(clip, ours / clip.name)


def test_a_killed_job_worker_comes_back_and_leaves_no_ffmpeg(
    make_database: Callable[[], str], tmp_path: Path
) -> None:
    # A clip cache missing its last clip: the worker renders that one with ffmpeg after the
    # start (the others are copied from the machine's cache when it has them, to save minutes).
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    _clip_cache_without_the_last_clip(tmp_path / "cache")
    (tmp_path / "data").mkdir()
    with start_app(make_database(), tmp_path / "data", env, wait_for_videos=False) as app:
        worker = _eventually(lambda: _job_worker(app), 60, "a job worker") or 0
        _eventually(lambda: _in_group(worker, "ffmpeg"), 600, "the worker running ffmpeg")
        os.kill(worker, signal.SIGKILL)
        _eventually(lambda: not _in_group(worker), 10, "the killed worker's ffmpeg gone")
        _eventually(lambda: _job_worker(app) not in (None, worker), 60, "a new job worker started")
        wait_for_demo_video(app)  # its interrupted jobs were retried; every episode is ready
        assert app.process.poll() is None


def _health(app: RunningApp) -> int:
    try:
        with urllib.request.urlopen(f"{app.base_url}/api/health", timeout=5) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:  # a 503 arrives as an HTTPError (an OSError too)
        return int(error.code)
    except OSError:
        return 0


async def _defer_poster_job(database_url: str, episode_id: int) -> int:
    from microshort.jobs.tasks import render_episode_poster

    jobs.use_database(database_url)
    try:
        async with jobs.job_app.open_async():
            return int(await render_episode_poster.defer_async(episode_id=episode_id))
    finally:
        jobs.use_database(None)


def _job_status(database_url: str, job_id: int) -> str:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT status FROM procrastinate.procrastinate_jobs WHERE id = %s", (job_id,)
        ).fetchone()
    return str(row[0]) if row else ""


def test_the_app_and_worker_recover_from_a_postgresql_restart(tmp_path: Path) -> None:
    # Our own embedded server (never the shared one): ours to stop and start again.
    pgdata = Path(tempfile.mkdtemp(prefix="msr-", dir="/tmp")) / "pg"
    server = pgserver.start(pgdata)
    (tmp_path / "data").mkdir()
    try:
        with start_app(server.url(), tmp_path / "data") as app:
            episode_id = app.episode_ids(catalogue.SERIES[0].slug)[0]
            pgserver.stop_running(pgdata)
            _eventually(lambda: _health(app) == 503, 30, "health saying the database is gone")
            time.sleep(5)  # long enough for the worker's listener to fail
            pgserver.start(pgdata)
            _eventually(lambda: _health(app) == 200, 60, "the app answering again")
            job_id = run_coroutine(_defer_poster_job(server.url(), episode_id))
            _eventually(
                lambda: _job_status(server.url(), job_id) == "succeeded",
                120,
                "a job deferred after the restart done by the worker",
            )
            assert app.process.poll() is None
    finally:
        pgserver.stop_running(pgdata)
