"""GET /media/public/...: public images (covers, posters) streamed from media storage.

Private media (locked episodes) never goes through here: only keys under public/ are served.
"""

from __future__ import annotations

import mimetypes

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from microshort.bootstrap import media_storage
from microshort.integrations.storage.base import PUBLIC_PREFIX, is_valid_key

CACHE_SECONDS = 3600


async def public_media(request: Request) -> Response:
    key = request.path_params["key"]
    if not key.startswith(PUBLIC_PREFIX) or not is_valid_key(key):
        return PlainTextResponse("Not found", status_code=404)
    storage = media_storage()
    size = await storage.size(key)
    if size is None:
        return PlainTextResponse("Not found", status_code=404)
    content_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
    return StreamingResponse(
        storage.stream(key),
        media_type=content_type,
        headers={
            "Content-Length": str(size),
            "Cache-Control": f"public, max-age={CACHE_SECONDS}",
            "X-Content-Type-Options": "nosniff",
        },
    )
