"""POST /api/offline/check: may the signed-in viewer keep this episode for offline viewing,
and which files. Body {"episode_id": n}.

200 answers the lowest rendition's files to store (signed for this viewer when the episode is
locked) with their sizes, the codecs the offline player needs and what the Library lists;
401 nobody signed in, 403 not entitled, 404 no such episode, 409 cannot be saved (not ready,
or streamed by Mux). The browser asks again for every saved episode when it is next online and
drops the ones refused (a refund, an unpublished series).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from microshort.api.auth import request_user
from microshort.bootstrap import media_storage
from microshort.config import get_settings
from microshort.content.offline import (
    MAX_SAVED_EPISODES,
    OfflineGrant,
    OfflineRefused,
    lowest_rendition,
    media_files,
    offline_grant,
)
from microshort.content.playback import sign_stream, viewer_key
from microshort.db import is_id, session_scope
from microshort.integrations.image_variants import POSTER_WIDTH, variant_url
from microshort.integrations.storage.base import public_url

MAX_BODY = 256
NO_STORE = {"Cache-Control": "no-store"}


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=NO_STORE)


def _episode_id(body: bytes) -> int | None:
    try:
        value = json.loads(body or b"{}").get("episode_id")
    except (ValueError, AttributeError):
        return None
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and is_id(value) else None
    )


async def _files(grant: OfflineGrant, token: str | None) -> dict[str, Any]:
    storage, prefix = media_storage(), f"private/hls/{grant.playback_id}"
    master = f"{prefix}/master.m3u8"
    rendition = (
        lowest_rendition((await storage.read(master)).decode())
        if await storage.size(master)
        else None
    )
    if rendition is None:
        raise OfflineRefused("This episode's video is not ready yet.", 409)
    folder = f"{prefix}/{rendition.folder}"
    index = f"{folder}/index.m3u8"
    names = media_files((await storage.read(index)).decode()) if await storage.size(index) else []
    episode_id = grant.context.episode.id
    suffix = f"?token={token}" if token else ""
    files = []
    for name in names:
        key = f"/media/hls/{episode_id}/{rendition.folder}/{name}"
        files.append(
            {"url": key + suffix, "key": key, "bytes": await storage.size(f"{folder}/{name}") or 0}
        )
    if not files:
        raise OfflineRefused("This episode's video is not ready yet.", 409)
    return {"codecs": rendition.codecs, "height": rendition.height, "files": files}


async def offline_check(request: Request) -> JSONResponse:
    user = await request_user(request)
    if user is None:
        return _error("Log in to save episodes for offline.", 401)
    body = await request.body()
    episode_id = _episode_id(body) if len(body) <= MAX_BODY else None
    if episode_id is None:
        return _error('Expected {"episode_id": n}.', 400)

    def grant() -> OfflineGrant:
        with session_scope() as session:
            return offline_grant(session, episode_id, user.id)

    try:
        found = await run_in_threadpool(grant)
        context = found.context
        token = (
            sign_stream(
                get_settings().signing_key(),
                episode_id=episode_id,
                viewer=viewer_key(user.id, None) or "",
            )
            if context.locked
            else None
        )
        stream = await _files(found, token)
    except OfflineRefused as refused:
        return _error(str(refused), refused.status)
    episode = context.episode
    return JSONResponse(
        {
            "episode_id": episode_id,
            "title": episode.title,
            "series_title": context.series.title,
            "series_slug": context.series.slug,
            "position": context.position,
            "poster": variant_url(public_url(episode.poster_key), POSTER_WIDTH),
            "duration": episode.duration_seconds,
            "max_saved": MAX_SAVED_EPISODES,
            "bytes": sum(int(file["bytes"]) for file in stream["files"]),
            **stream,
        },
        headers=NO_STORE,
    )
