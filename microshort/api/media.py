"""GET /media/public/...: public images (covers, posters) streamed from media storage.

Private media (locked episodes) never goes through here: only keys under public/ are served.
A WebP variant of a picture stored before variants existed is made on its first request (in a
thread, once: the result is stored) from the picture it names.
"""

from __future__ import annotations

import asyncio
import mimetypes

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from microshort.bootstrap import media_storage
from microshort.integrations.image_variants import encode_variant, source_of
from microshort.integrations.storage.base import PUBLIC_PREFIX, MediaStorage, is_valid_key

CACHE_SECONDS = 3600
# A variant's name carries its source's, and a source never changes under its name (a new
# cover is a new random name; demo covers and title-card posters are the same picture each
# time they are made): browsers may keep variants for good.
VARIANT_CACHE = "public, max-age=31536000, immutable"


async def public_media(request: Request) -> Response:
    key = request.path_params["key"]
    if not key.startswith(PUBLIC_PREFIX) or not is_valid_key(key):
        return PlainTextResponse("Not found", status_code=404)
    storage = media_storage()
    variant = source_of(key)
    size = await storage.size(key)
    if size is None and variant is not None:
        size = await _make_variant(storage, key, *variant)
    if size is None:
        return PlainTextResponse("Not found", status_code=404)
    content_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
    cache = VARIANT_CACHE if variant else f"public, max-age={CACHE_SECONDS}"
    return StreamingResponse(
        storage.stream(key),
        media_type=content_type,
        headers={
            "Content-Length": str(size),
            "Cache-Control": cache,
            "X-Content-Type-Options": "nosniff",
        },
    )


async def _make_variant(storage: MediaStorage, key: str, source: str, width: int) -> int | None:
    """Encode and store a missing variant; its size, or None when its source does not exist."""
    if await storage.size(source) is None:
        return None
    data = await asyncio.to_thread(encode_variant, await storage.read(source), width)
    await storage.put(key, data)
    return len(data)
