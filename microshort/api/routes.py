"""Every HTTP route the app serves besides Reflex's own: mounted by microshort.app."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute

from microshort.api.auth import complete_login, sign_out
from microshort.api.health import health
from microshort.api.media import public_media
from microshort.api.metrics import RequestMetrics, metrics_endpoint
from microshort.api.noindex import NoIndexPrivatePages
from microshort.api.offline import offline_check
from microshort.api.og_images import default_image, episode_image, series_image
from microshort.api.openapi import openapi_document
from microshort.api.origin import OriginGuard
from microshort.api.progress import record_progress
from microshort.api.public_pages import PUBLIC_PAGE_PATHS, public_page
from microshort.api.pwa import manifest, offline_page, service_worker
from microshort.api.request_id import RequestId
from microshort.api.rooms import room_socket
from microshort.api.security_headers import SecurityHeaders
from microshort.api.share import make_share_link, open_share_link
from microshort.api.sitemap import robots_txt, sitemap, sitemap_part
from microshort.api.stream import episode_stream
from microshort.api.stripe_webhooks import stripe_webhook
from microshort.api.uploads import receive_upload
from microshort.api.visitor import VisitorCookie
from microshort.api.webhooks import mux_webhook

ROUTES: list[Route | WebSocketRoute] = [
    Route("/api/health", health, methods=["GET"]),
    Route("/api/openapi.json", openapi_document, methods=["GET"]),
    Route("/metrics", metrics_endpoint, methods=["GET"]),
    Route("/api/auth/complete", complete_login, methods=["GET"]),
    Route("/api/auth/signout", sign_out, methods=["POST"]),
    Route("/api/uploads/{upload_id}", receive_upload, methods=["PUT"]),
    Route("/api/progress/{episode_id:int}", record_progress, methods=["POST"]),
    Route("/media/hls/{episode_id:int}/{file:path}", episode_stream, methods=["GET"]),
    Route("/media/{key:path}", public_media, methods=["GET", "HEAD"]),
    Route("/api/webhooks/mux", mux_webhook, methods=["POST"]),
    Route("/api/webhooks/stripe", stripe_webhook, methods=["POST"]),
    WebSocketRoute("/ws/rooms/{episode_id:int}", room_socket),
    Route("/og/series/{slug}.jpg", series_image, methods=["GET"]),
    Route("/og/episodes/{episode_id:int}.jpg", episode_image, methods=["GET"]),
    Route("/og/default.jpg", default_image, methods=["GET"]),
    Route("/sitemap.xml", sitemap, methods=["GET"]),
    Route("/sitemaps/{page:int}.xml", sitemap_part, methods=["GET"]),
    Route("/robots.txt", robots_txt, methods=["GET"]),
    Route("/api/share-links", make_share_link, methods=["POST"]),
    Route("/s/{code}", open_share_link, methods=["GET"]),
    # The installable app (api/pwa); its icons and scripts are static files in assets/.
    Route("/manifest.webmanifest", manifest, methods=["GET"]),
    Route("/sw.js", service_worker, methods=["GET"]),
    Route("/offline.html", offline_page, methods=["GET"]),
    Route("/api/offline/check", offline_check, methods=["POST"]),
    # Public pages: their first HTML carries their own head and content (public_pages).
    *(Route(path, public_page, methods=["GET"]) for path in PUBLIC_PAGE_PATHS),
]


def api_app() -> Starlette:
    # Reflex mounts its own app (the `/_event` socket, `/_upload`, the pages) inside this one,
    # so these stand in front of every route: request ids, metrics and security headers see
    # every answer (the Origin guard's refusals included), then the visitor cookie.
    return Starlette(
        routes=ROUTES,
        middleware=[
            Middleware(RequestId),
            Middleware(RequestMetrics, routes=ROUTES),
            Middleware(SecurityHeaders),
            Middleware(OriginGuard),
            Middleware(VisitorCookie),
            Middleware(NoIndexPrivatePages),
        ],
    )
