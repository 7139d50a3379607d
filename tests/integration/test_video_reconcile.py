"""No episode stays "processing" forever: a dead worker's transcode is retried, an upload that
never finished fails with a reason."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import psycopg
from sqlmodel import Session, select

from microshort import migrations
from microshort.content.models import Episode, VideoAsset
from microshort.db import make_engine, utcnow
from microshort.jobs import app as jobs
from microshort.jobs.video import reconcile_video
from tests.factories import make_creator, make_series


def test_reconcile_retries_dead_workers_and_fails_abandoned_uploads(
    make_database: Callable[[], str], app_settings: Callable[[str], Path]
) -> None:
    url = make_database()
    migrations.upgrade(url)
    app_settings(url)
    jobs.use_database(url)
    engine = make_engine(url)
    with Session(engine) as session:
        make_series(session, make_creator(session), episodes=(1,), episode_status="processing")
        asset = VideoAsset(
            provider="local", status="processing", updated_at=utcnow() - timedelta(hours=2)
        )
        session.add(asset)
        session.flush()
        episode = session.exec(select(Episode)).one()
        episode.video_asset_id = asset.id
        session.add(episode)
        session.commit()
        asset_id, episode_id = asset.id, episode.id
    with psycopg.connect(url, autocommit=True) as conn:  # a worker that died mid-transcode
        worker = conn.execute(
            "INSERT INTO procrastinate.procrastinate_workers (last_heartbeat) "
            "VALUES (now() - interval '10 minutes') RETURNING id"
        ).fetchone()
        assert worker is not None
        conn.execute(
            "INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, args, status, "
            "worker_id) VALUES ('video', 'transcode_video', %s, 'doing', %s)",
            ('{"asset_id": 12345}', worker[0]),
        )

    async def run() -> int:
        async with jobs.job_app.open_async():
            return int(await reconcile_video.func(timestamp=0))

    assert asyncio.run(run()) == 1
    with psycopg.connect(url) as conn:
        status = conn.execute(
            "SELECT status::text FROM procrastinate.procrastinate_jobs "
            "WHERE task_name = 'transcode_video'"
        ).fetchone()
    assert status == ("todo",)
    with Session(engine) as session:
        failed = session.get_one(Episode, episode_id)
        assert failed.status == "failed"
        assert failed.failure_reason == "The upload never finished. Upload the video again."
        assert session.get_one(VideoAsset, asset_id).status == "errored"
    engine.dispose()
