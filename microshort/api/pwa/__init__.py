"""The installable app: /manifest.webmanifest, /sw.js and /offline.html.

The icons, /favicon.ico and the browser scripts under /pwa/ are static files in assets/
(made by scripts/make_pwa_assets.py), which Reflex serves at the site's root. The service
worker is rendered here rather than shipped as a static file so that its text, and so its
version, changes with every build: the browser installs the new one and drops the old caches.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from microshort.api.public_pages import shell
from microshort.api.sitemap import PRIVATE_PREFIXES
from microshort.ui import routes
from microshort.ui.styles import tokens

HERE = Path(__file__).parent
NAME = "MicroShort"
DESCRIPTION = "Vertical micro-dramas by independent creators. First episodes free."
OFFLINE_PAGE = "/offline.html"
ICONS = [
    {"src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {
        "src": "/icons/maskable-192.png",
        "sizes": "192x192",
        "type": "image/png",
        "purpose": "maskable",
    },
    {
        "src": "/icons/maskable-512.png",
        "sizes": "512x512",
        "type": "image/png",
        "purpose": "maskable",
    },
]
# Kept for offline use at install: the offline page and what it needs.
SHELL_FILES = [
    OFFLINE_PAGE,
    "/manifest.webmanifest",
    "/favicon.ico",
    "/icons/icon-192.png",
    "/pwa/register.js",
    "/pwa/offline-page.js",
    "/pwa/offline-store.js",
]
# Left to the network by the worker: sign-in, checkout, account and the other private pages,
# the API, the event and room sockets, uploads and every episode stream (locked ones need an
# entitlement; saved episodes are stored only through /api/offline/check).
NEVER_CACHE = [*PRIVATE_PREFIXES, "/media/hls/", "/_upload", "/sw.js"]
# The build's own scripts and styles named in its HTML shell (content-hashed names).
_BUILD_ASSET = re.compile(r'(?:href|src)="(/assets/[A-Za-z0-9._-]+\.(?:js|css))"')
REVALIDATE = {"Cache-Control": "no-cache"}


def manifest_data() -> dict[str, object]:
    return {
        "id": "/",
        "name": NAME,
        "short_name": NAME,
        "description": DESCRIPTION,
        "start_url": "/?source=pwa",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": tokens.BACKGROUND_DARK,
        "background_color": tokens.BACKGROUND_DARK,
        "categories": ["entertainment"],
        "icons": ICONS,
        "shortcuts": [
            {
                "name": "Library",
                "url": routes.LIBRARY,
                "icons": [{"src": "/icons/icon-192.png", "sizes": "192x192"}],
            },
            {
                "name": "Search",
                "url": routes.SEARCH,
                "icons": [{"src": "/icons/icon-192.png", "sizes": "192x192"}],
            },
        ],
    }


async def manifest(request: Request) -> Response:
    return JSONResponse(manifest_data(), media_type="application/manifest+json", headers=REVALIDATE)


def precache_list(shell_html: str) -> list[str]:
    """The shell files plus the build's entry scripts and styles, so a page kept for offline
    boots without the network."""
    return [*SHELL_FILES, *dict.fromkeys(_BUILD_ASSET.findall(shell_html))]


@lru_cache(maxsize=4)
def _worker_for(shell_html: str) -> str:
    template = (HERE / "service_worker.js").read_text(encoding="utf-8")
    precache = precache_list(shell_html)
    version = hashlib.sha256("\n".join([template, shell_html, *precache]).encode()).hexdigest()[:16]
    return (
        template.replace("__VERSION__", version)
        .replace("__PRECACHE__", json.dumps(precache))
        .replace("__NEVER_CACHE__", json.dumps(NEVER_CACHE))
    )


async def service_worker(request: Request) -> Response:
    """The worker for the build being served: its version is a hash of the build's HTML shell
    (which names the content-hashed bundles) and of the worker's own code."""
    body = _worker_for(shell.shell_for(None))
    return Response(
        body,
        media_type="text/javascript",
        headers={**REVALIDATE, "Service-Worker-Allowed": "/"},
    )


@lru_cache(maxsize=1)
def _offline_html() -> str:
    return (
        (HERE / "offline.html")
        .read_text(encoding="utf-8")
        .replace("__BACKGROUND__", tokens.BACKGROUND_DARK)
        .replace("__TEXT__", tokens.TEXT_ON_DARK)
        .replace("__ACCENT__", tokens.ACCENT_SOLID)
        .replace("__FONT__", tokens.FONT_BODY)
    )


async def offline_page(request: Request) -> Response:
    return HTMLResponse(_offline_html(), headers=REVALIDATE)
