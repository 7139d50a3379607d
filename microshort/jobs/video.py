"""Video jobs: transcode an upload (local provider) and reconcile what got stuck."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import time
from datetime import timedelta

import procrastinate
import sqlalchemy as sa
from procrastinate.exceptions import AlreadyEnqueued

from microshort.bootstrap import media_storage
from microshort.config import get_settings
from microshort.content import video
from microshort.content.models import AssetStatus, VideoAsset, VideoProvider
from microshort.db import session_scope
from microshort.integrations.image_variants import store_variants
from microshort.integrations.video import ffmpeg
from microshort.integrations.video.base import AssetEvent, VideoError
from microshort.jobs.app import job_app, job_app_open

_log = logging.getLogger(__name__)
# A crash (worker killed, disk full, database gone) is retried; a video ffmpeg cannot convert
# is not: it fails with the reason, at once.
TRANSCODE_RETRY = procrastinate.RetryStrategy(
    max_attempts=3, exponential_wait=10, retry_exceptions={OSError, sa.exc.OperationalError}
)
PROGRESS_EVERY_SECONDS = 1.0
STUCK_AFTER = timedelta(minutes=30)


def _event(asset_id: int, event: AssetEvent) -> None:
    with session_scope() as session:
        video.apply_event(session, event, provider=VideoProvider.LOCAL, passthrough=str(asset_id))


def _source_of(asset_id: int) -> str | None:
    with session_scope() as session:
        asset = session.get(VideoAsset, asset_id)
        if asset is None or asset.status == AssetStatus.READY or not asset.source_key:
            return None
        return asset.source_key


@job_app.task(name="transcode_video", queue="video", retry=TRANSCODE_RETRY)
def transcode_video(asset_id: int) -> str:
    source_key = _source_of(asset_id)
    if source_key is None:
        return "nothing to do"
    storage = media_storage()
    work = get_settings().data_dir / "work" / f"asset-{asset_id}"
    shutil.rmtree(work, ignore_errors=True)  # a retried job starts clean
    last_report = 0.0

    def report(percent: int) -> None:
        nonlocal last_report
        if time.monotonic() - last_report >= PROGRESS_EVERY_SECONDS:
            last_report = time.monotonic()
            _event(asset_id, AssetEvent(kind="progress", progress_percent=percent))

    try:
        source = storage.local_path(source_key)
        info = ffmpeg.probe(source)
        rungs = ffmpeg.transcode(source, work / "hls", info, report)
        ffmpeg.poster(source, work / "poster.jpg", min(1.0, info.duration_seconds / 3))
    except VideoError as error:
        _event(asset_id, AssetEvent(kind="errored", error=str(error)))
        shutil.rmtree(work, ignore_errors=True)
        return "failed"
    for path in sorted((work / "hls").rglob("*")):
        if path.is_file():
            storage.put_file(f"private/hls/{asset_id}/{path.relative_to(work / 'hls')}", path)
    poster_key = f"public/posters/asset-{asset_id}.jpg"
    storage.put_file(poster_key, work / "poster.jpg")
    store_variants(storage, poster_key, (work / "poster.jpg").read_bytes())
    shutil.rmtree(work, ignore_errors=True)
    _event(
        asset_id,
        AssetEvent(
            kind="ready",
            playback_id=str(asset_id),
            renditions=rungs,
            duration_seconds=info.duration_seconds,
            poster_key=poster_key,
        ),
    )
    return "ready"


async def queue_transcode(asset_id: int) -> None:
    """Defer the transcode (after the commit); one waiting job per asset."""
    async with job_app_open():
        with contextlib.suppress(AlreadyEnqueued):
            await transcode_video.configure(
                lock=f"asset-{asset_id}", queueing_lock=f"transcode-{asset_id}"
            ).defer_async(asset_id=asset_id)


@job_app.periodic(cron="* * * * *", periodic_id="video-reconcile")
@job_app.task(name="reconcile_video", queue="video", queueing_lock="video-reconcile")
async def reconcile_video(timestamp: int) -> int:
    """Every minute: retry video jobs whose worker died (killed mid-transcode, or cut off by a
    database restart); re-queue or fail assets that stayed
    'processing' too long, so no episode waits forever."""
    stalled = list(
        await job_app.job_manager.get_stalled_jobs(queue="video", seconds_since_heartbeat=60)
    )
    for job in stalled:
        await job_app.job_manager.retry_job(job)

    def stuck() -> list[tuple[int, bool]]:
        with session_scope() as session:
            return [
                (asset.id or 0, bool(asset.source_key))
                for asset in video.stuck_assets(session, older_than=STUCK_AFTER)
                if asset.provider == VideoProvider.LOCAL
            ]

    for asset_id, has_source in await asyncio.to_thread(stuck):
        if has_source:
            with contextlib.suppress(AlreadyEnqueued):
                await transcode_video.configure(
                    lock=f"asset-{asset_id}", queueing_lock=f"transcode-{asset_id}"
                ).defer_async(asset_id=asset_id)
        else:
            await asyncio.to_thread(
                _event,
                asset_id,
                AssetEvent(
                    kind="errored", error="The upload never finished. Upload the video again."
                ),
            )
    return len(stalled)


@job_app.task(name="prepare_demo_clip", queue="video", retry=TRANSCODE_RETRY)
def prepare_demo_clip(asset_id: int, variant: int) -> str:
    """Demo video: copy a cached generated clip into the asset's storage, then mark it ready."""
    from microshort.demo.video import cached_clip

    folder, rungs, duration = cached_clip(variant)
    storage = media_storage()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "poster.jpg":
            storage.put_file(f"private/hls/{asset_id}/{path.relative_to(folder)}", path)
    _event(
        asset_id,
        AssetEvent(
            kind="ready", playback_id=str(asset_id), renditions=rungs, duration_seconds=duration
        ),
    )
    return "ready"
