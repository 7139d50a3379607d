"""Every HTTP route the app serves besides Reflex's own: mounted by microshort.app."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute

from microshort.api.auth import complete_login, sign_out
from microshort.api.health import health
from microshort.api.media import public_media
from microshort.api.origin import OriginGuard
from microshort.api.progress import record_progress
from microshort.api.rooms import room_socket
from microshort.api.stream import episode_stream
from microshort.api.stripe_webhooks import stripe_webhook
from microshort.api.uploads import receive_upload
from microshort.api.webhooks import mux_webhook

ROUTES: list[Route | WebSocketRoute] = [
    Route("/api/health", health, methods=["GET"]),
    Route("/api/auth/complete", complete_login, methods=["GET"]),
    Route("/api/auth/signout", sign_out, methods=["POST"]),
    Route("/api/uploads/{upload_id}", receive_upload, methods=["PUT"]),
    Route("/api/progress/{episode_id:int}", record_progress, methods=["POST"]),
    Route("/media/hls/{episode_id:int}/{file:path}", episode_stream, methods=["GET"]),
    Route("/media/{key:path}", public_media, methods=["GET", "HEAD"]),
    Route("/api/webhooks/mux", mux_webhook, methods=["POST"]),
    Route("/api/webhooks/stripe", stripe_webhook, methods=["POST"]),
    WebSocketRoute("/ws/rooms/{episode_id:int}", room_socket),
]


def api_app() -> Starlette:
    # Reflex mounts its own app (the `/_event` socket, `/_upload`, the pages) inside this one,
    # so the guard stands in front of every route.
    return Starlette(routes=ROUTES, middleware=[Middleware(OriginGuard)])
