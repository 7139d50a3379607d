"""The job queue for real: a worker renders posters; a failing job is retried later."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlmodel import Session, select

from microshort import migrations
from microshort.content.models import Episode
from microshort.db import make_engine
from microshort.jobs import app as jobs
from microshort.jobs.tasks import render_episode_poster
from tests.factories import make_creator, make_series


async def _defer_and_work(*episode_ids: int) -> None:
    async with jobs.job_app.open_async():
        for episode_id in episode_ids:
            await render_episode_poster.defer_async(episode_id=episode_id)
        # wait=False: process what is queued, then return.
        await jobs.job_app.run_worker_async(
            wait=False, install_signal_handlers=False, queues=["media"]
        )


def _job_rows(url: str) -> list[tuple[str, int, bool]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT status::text, attempts, scheduled_at > now() "
            "FROM procrastinate.procrastinate_jobs WHERE task_name = 'render_episode_poster' "
            "ORDER BY id"
        ).fetchall()
    return [(str(status), int(attempts), bool(later)) for status, attempts, later in rows]


def test_worker_renders_posters_and_retries_failures(
    make_database: Callable[[], str], app_settings: Callable[[str], Path]
) -> None:
    url = make_database()
    migrations.upgrade(url)
    data_dir = app_settings(url)
    engine = make_engine(url)
    with Session(engine) as session:
        make_series(session, make_creator(session), episodes=(2,))
        session.commit()
        episode_ids = [int(i or 0) for i in session.exec(select(Episode.id)).all()]
    missing_episode = 999_999

    asyncio.run(_defer_and_work(*episode_ids, missing_episode))

    with Session(engine) as session:
        posters = session.exec(select(Episode.poster_key)).all()
    assert len(posters) == 2
    assert all(posters)
    for key in posters:
        poster = data_dir / "media" / str(key)
        assert poster.read_bytes()[:3] == b"\xff\xd8\xff"
    statuses = _job_rows(url)
    assert statuses[:2] == [("succeeded", 1, False), ("succeeded", 1, False)]
    # The job for a missing episode failed once and waits for its retry (exponential backoff).
    assert statuses[2] == ("todo", 1, True)
    engine.dispose()
