"""Cache headers for the built frontend that Reflex's backend serves in production.

Reflex mounts `.web/build/client` at `/` (reflex.utils.exec.get_frontend_mount, a
PrecompressedStaticFiles): it serves the `.br`/`.gz` sidecars its build wrote (rxconfig's
`frontend_compression_formats`: compressed once, at build time) but sets no Cache-Control.
Vite names everything under `/assets/` by its content hash, so those files never change under
the same name: browsers may keep them a year without asking again. HTML names stay the same
across deploys, so pages must be revalidated (`no-cache`, answered by ETag/304) or a new
release would boot with stale asset names.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HASHED_PREFIX = "/assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class StaticCacheHeaders:
    """ASGI middleware: immutable caching for hashed assets, revalidation for HTML pages.

    Responses that already carry a Cache-Control (API routes, media) are left as they are."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        hashed = str(scope["path"]).startswith(HASHED_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "cache-control" not in headers:
                    status = int(message["status"])
                    if hashed and status in (200, 304):
                        headers["Cache-Control"] = IMMUTABLE
                    elif headers.get("content-type", "").startswith("text/html"):
                        headers["Cache-Control"] = REVALIDATE
            await send(message)

        await self.app(scope, receive, send_with_headers)


def with_static_cache_headers(app: ASGIApp) -> ASGIApp:
    """For rx.App(api_transformer=[..., with_static_cache_headers]): wraps the whole app."""
    return StaticCacheHeaders(app)
