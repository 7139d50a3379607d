"""`X-Robots-Tag: noindex` on every private page and endpoint (studio, admin, account,
checkout, sign-in pages, purchases, library, /api): search engines that reach one anyway (a
link from elsewhere) drop it. Wraps the whole app, Reflex's own pages included."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from microshort.api.sitemap import PRIVATE_PREFIXES

HEADER = (b"x-robots-tag", b"noindex, nofollow")


def is_private(path: str) -> bool:
    for prefix in PRIVATE_PREFIXES:
        bare = prefix.rstrip("/")
        if path == bare or path.startswith(bare + "/") or path.startswith(bare + "."):
            return True
    return False


class NoIndexPrivatePages:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_private(scope["path"]):
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), HEADER]
            await send(message)

        await self.app(scope, receive, send_with_header)
