"""HTTP and websocket figures for Prometheus (microshort.metrics), and GET /metrics.

Requests are labelled by route template (`/api/progress/{episode_id}`), never by their raw
path, so the number of series stays bounded whatever clients send. /metrics answers this
machine (a loopback client with no proxy's forwarding header) or anyone presenting
`Authorization: Bearer <MICROSHORT_METRICS_TOKEN>`; everyone else gets 401/403.
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Sequence

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Match, Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from microshort import metrics
from microshort.config import get_settings

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
WEBHOOK_PROVIDERS = {"/api/webhooks/mux": "mux", "/api/webhooks/stripe": "stripe"}
# Reflex's own endpoints; everything else it serves (pages, built files) is "frontend".
REFLEX_PREFIXES = ("/_event", "/_upload", "/_health", "/ping")
LOOPBACK_CLIENTS = frozenset({"127.0.0.1", "::1", "localhost"})
FORWARDING_HEADERS = frozenset({b"forwarded", b"x-forwarded-for", b"x-real-ip"})
_CONVERTER = re.compile(r"{(\w+):\w+}")


def template_of(route: Route | WebSocketRoute) -> str:
    """`/api/progress/{episode_id:int}` → `/api/progress/{episode_id}` (the OpenAPI form too)."""
    return _CONVERTER.sub(r"{\1}", route.path)


class RequestMetrics:
    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self._routes = [r for r in routes if isinstance(r, Route | WebSocketRoute)]

    def _route_of(self, scope: Scope) -> str:
        for route in self._routes:
            match, _ = route.matches(scope)
            if match != Match.NONE:
                return template_of(route)
        path = scope["path"]
        for prefix in REFLEX_PREFIXES:
            if path == prefix or path.startswith(prefix + "/"):
                return prefix
        return "frontend"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        route = self._route_of(scope)
        method = scope["method"] if scope["method"] in KNOWN_METHODS else "other"
        status = 500  # what the client gets when the app raises before answering

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            metrics.http_requests.labels(method, route, str(status)).inc()
            metrics.http_latency.labels(method, route).observe(time.perf_counter() - started)
            provider = WEBHOOK_PROVIDERS.get(route)
            if provider and status >= 400:
                metrics.webhook_failures.labels(provider, str(status)).inc()

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        gauge = metrics.websocket_connections.labels(self._route_of(scope))
        accepted = False

        async def counting_send(message: Message) -> None:
            nonlocal accepted
            await send(message)
            if message["type"] == "websocket.accept" and not accepted:
                accepted = True
                gauge.inc()

        try:
            await self.app(scope, receive, counting_send)
        finally:
            if accepted:
                gauge.dec()


def _from_this_machine(request: Request) -> bool:
    # Behind a reverse proxy on the same machine every client looks local: a forwarding
    # header means the request came from outside through it.
    if any(name in FORWARDING_HEADERS for name, _ in request.scope.get("headers", ())):
        return False
    return request.client is not None and request.client.host in LOOPBACK_CLIENTS


def _has_token(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


async def metrics_endpoint(request: Request) -> Response:
    token = get_settings().metrics_token
    if not (_from_this_machine(request) or (token and _has_token(request, token))):
        if token:
            return PlainTextResponse(
                "A bearer token is needed.", 401, headers={"WWW-Authenticate": "Bearer"}
            )
        return PlainTextResponse("Metrics are served to this machine only.", 403)
    body = await run_in_threadpool(metrics.render)
    return Response(body, media_type=metrics.CONTENT_TYPE, headers={"Cache-Control": "no-store"})
