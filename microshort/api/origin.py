"""Cross-site request refusal: the Origin allow-list in front of every route, Reflex's included.

The session cookie rides along with any request the browser makes to us, whoever's page made
it. So a websocket handshake (Reflex's `/_event`, the room hub) or a state-changing request
(anything but GET/HEAD/OPTIONS) that names a foreign Origin is refused before it reaches a
handler. Browsers always send Origin on those; a request without one is not from a browser
page (curl, a webhook sender), carries no victim's cookie, and is left to the handler's own
checks (webhooks verify their signatures).
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFUSED = "Refused: this request came from another site's page."


def _origin(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"origin":
            return value.decode("latin-1")
    return None


def is_cross_site(scope: Scope, allowed: frozenset[str]) -> bool:
    """Does this request need an allowed Origin, and does it lack one?"""
    if scope["type"] == "http" and scope.get("method", "GET") in SAFE_METHODS:
        return False
    if scope["type"] not in ("http", "websocket"):
        return False
    origin = _origin(scope)
    return origin is not None and origin.lower() not in allowed


class OriginGuard:
    def __init__(self, app: ASGIApp, allowed_origins: tuple[str, ...] | None = None) -> None:
        self.app = app
        self._allowed = allowed_origins

    def _allowed_set(self) -> frozenset[str]:
        if self._allowed is None:
            from microshort.config import get_settings

            self._allowed = get_settings().allowed_origins
        return frozenset(origin.lower() for origin in self._allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_cross_site(scope, self._allowed_set()):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            # Closing before accepting makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008, "reason": "cross-site"})
            return
        await PlainTextResponse(REFUSED, status_code=403)(scope, receive, send)
