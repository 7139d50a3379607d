"""Background tasks. Each one calls a service; retries are declared here."""

from __future__ import annotations

import logging

import procrastinate

from microshort.bootstrap import media_storage
from microshort.content import artwork
from microshort.db import session_scope
from microshort.jobs.app import job_app

_log = logging.getLogger(__name__)

# Rendering is deterministic; a failure is transient (disk, database), so retry with backoff.
POSTER_RETRY = procrastinate.RetryStrategy(max_attempts=5, exponential_wait=2)


@job_app.task(name="render_episode_poster", retry=POSTER_RETRY, queue="media")
def render_episode_poster(episode_id: int) -> None:
    with session_scope() as session:
        key = artwork.ensure_episode_poster(session, media_storage(), episode_id)
    _log.debug("poster for episode %s: %s", episode_id, key)
