"""Load the demo catalogue into a database, then queue the poster jobs."""

from __future__ import annotations

import asyncio
import logging
import time

from microshort.analytics.trending import refresh_trending
from microshort.bootstrap import media_storage
from microshort.db import get_engine, session_scope
from microshort.demo.loader import DemoSummary, load
from microshort.jobs import app as jobs

_log = logging.getLogger(__name__)


def seed_demo(url: str) -> DemoSummary:
    started = time.perf_counter()
    with session_scope(get_engine(url)) as session:
        summary = load(session, media_storage())
        if summary.loaded:
            refresh_trending(session)  # "Trending now" from the demo's views, at once
    if not summary.loaded:
        _log.info("Demo catalogue already loaded; nothing to do.")
        return summary
    # Jobs are queued after the commit, so a worker never sees an episode that is not there yet.
    asyncio.run(_queue_jobs(url, summary))
    _log.info(
        "Demo catalogue loaded: %d series, %d episodes in %.1f s; %d poster jobs queued.",
        summary.series,
        summary.episodes,
        time.perf_counter() - started,
        len(summary.episode_ids),
    )
    return summary


async def _queue_jobs(url: str, summary: DemoSummary) -> None:
    from microshort.jobs.tasks import render_episode_poster
    from microshort.jobs.video import prepare_demo_clip

    jobs.use_database(url)
    async with jobs.job_app.open_async():
        for asset_id, variant in summary.clip_assets:
            await prepare_demo_clip.defer_async(asset_id=asset_id, variant=variant)
        await render_episode_poster.batch_defer_async(
            *({"episode_id": episode_id} for episode_id in summary.episode_ids)  # type: ignore[arg-type]
        )
