"""PUT /api/uploads/{upload_id}: the local provider's direct-upload URL.

The body is streamed to storage in parts (never held whole), its size enforced as it arrives,
its type decided by probing the media. A rejected upload leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import timedelta

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse

from microshort.bootstrap import media_storage
from microshort.config import get_settings
from microshort.content import video
from microshort.content.models import VideoProvider
from microshort.db import session_scope
from microshort.integrations.video.base import AssetEvent
from microshort.integrations.video.ffmpeg import probe
from microshort.integrations.video.formats import VideoRejected
from microshort.jobs.video import queue_transcode

_UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
UPLOAD_LINK_LIFETIME = timedelta(hours=24)


class _TooLarge(Exception):
    pass


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _limited(request: Request, limit: int) -> AsyncIterator[bytes]:
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise _TooLarge
        if chunk:
            yield chunk


def _discard(asset_id: int) -> None:
    with session_scope() as session:
        video.discard_upload(session, asset_id)


async def receive_upload(request: Request) -> JSONResponse:
    upload_id = request.path_params["upload_id"]
    settings = get_settings()
    limit = settings.max_upload_bytes
    too_large = f"This video is larger than {settings.max_upload_mb} MB. Export a smaller file."
    if not _UPLOAD_ID.fullmatch(upload_id):
        return _error("This upload link is not valid.", 404)
    declared = request.headers.get("content-length", "")
    declared_too_large = declared.isdigit() and (len(declared) > 15 or int(declared) > limit)

    def find() -> int | None:
        with session_scope() as session:
            asset = video.waiting_upload(
                session,
                provider=VideoProvider.LOCAL,
                upload_id=upload_id,
                max_age=UPLOAD_LINK_LIFETIME,
            )
            return asset.id if asset else None

    asset_id = await run_in_threadpool(find)
    if asset_id is None:
        return _error("This upload link has expired or was already used. Start again.", 404)
    if declared_too_large:  # refused before reading, and the episode is free for a new try
        await run_in_threadpool(_discard, asset_id)
        return _error(too_large, 413)
    storage, key = media_storage(), f"private/sources/{asset_id}.upload"
    try:
        await storage.put_stream(key, _limited(request, limit))
    except (_TooLarge, ClientDisconnect) as error:
        await run_in_threadpool(_discard, asset_id)
        if isinstance(error, _TooLarge):
            return _error(too_large, 413)
        return _error("The upload was interrupted. Try again.", 400)
    try:
        info = await asyncio.to_thread(probe, storage.local_path(key))
    except VideoRejected as error:
        await storage.delete(key)
        await run_in_threadpool(_discard, asset_id)
        return _error(str(error), 422)

    def accept() -> None:
        with session_scope() as session:
            asset = video.apply_event(
                session,
                AssetEvent(kind="processing", upload_id=upload_id, progress_percent=0),
                provider=VideoProvider.LOCAL,
            )
            if asset is not None:
                asset.source_key, asset.duration_seconds = key, info.duration_seconds
                session.add(asset)

    await run_in_threadpool(accept)
    await queue_transcode(asset_id)
    return JSONResponse(
        {"status": "processing", "duration_seconds": info.duration_seconds}, status_code=202
    )
