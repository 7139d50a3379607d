"""GET /sitemap.xml, /sitemaps/<n>.xml and /robots.txt.

Up to MAX_URLS URLs the sitemap is one <urlset>; past that /sitemap.xml is a sitemap index of
/sitemaps/1.xml, /sitemaps/2.xml, … each holding at most MAX_URLS (the protocol's limit).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from microshort.config import get_settings
from microshort.content.sitemap import SitemapEntry, sitemap_entries
from microshort.db import session_scope

MAX_URLS = 50_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
CACHE = {"Cache-Control": "public, max-age=3600"}
# Never indexed: people's own pages, money, the studio and admin, machine endpoints.
PRIVATE_PREFIXES = (
    "/studio",
    "/admin",
    "/account",
    "/library",
    "/checkout",
    "/purchase",
    "/purchases",
    "/login",
    "/signup",
    "/forgot-password",
    "/reset-password",
    "/confirm-email",
    "/become-creator",
    "/api/",
    "/ws/",
    "/_event",
)


def w3c_datetime(moment: datetime) -> str:
    """W3C Datetime with seconds, in UTC: 2026-12-03T13:25:53+00:00."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _urlset(entries: Sequence[SitemapEntry], base: str) -> str:
    urls = "".join(
        f"<url><loc>{escape(base + entry.path)}</loc>"
        f"<lastmod>{w3c_datetime(entry.lastmod)}</lastmod></url>"
        for entry in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">{urls}</urlset>\n'


def _index(entries: Sequence[SitemapEntry], base: str, limit: int) -> str:
    parts = []
    for number in range(1, math.ceil(len(entries) / limit) + 1):
        chunk = entries[(number - 1) * limit : number * limit]
        newest = max(entry.lastmod for entry in chunk)
        parts.append(
            f"<sitemap><loc>{escape(f'{base}/sitemaps/{number}.xml')}</loc>"
            f"<lastmod>{w3c_datetime(newest)}</lastmod></sitemap>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">'
        f"{''.join(parts)}</sitemapindex>\n"
    )


def sitemap_document(
    entries: Sequence[SitemapEntry], base: str, *, page: int | None = None, limit: int = MAX_URLS
) -> str | None:
    """/sitemap.xml (page None): the urlset, or the index past `limit` URLs; page n: the n-th
    part of the index (None when there is no such part)."""
    if page is None:
        return _urlset(entries, base) if len(entries) <= limit else _index(entries, base, limit)
    if page < 1 or len(entries) <= limit or (page - 1) * limit >= len(entries):
        return None
    return _urlset(entries[(page - 1) * limit : page * limit], base)


def _entries() -> list[SitemapEntry]:
    with session_scope() as session:
        return sitemap_entries(session)


def _xml(body: str) -> Response:
    return Response(body, media_type="application/xml", headers=CACHE)


async def sitemap(request: Request) -> Response:
    entries = await run_in_threadpool(_entries)
    return _xml(sitemap_document(entries, get_settings().base_url) or "")


async def sitemap_part(request: Request) -> Response:
    entries = await run_in_threadpool(_entries)
    body = sitemap_document(entries, get_settings().base_url, page=request.path_params["page"])
    if body is None:
        return PlainTextResponse("Not found", status_code=404)
    return _xml(body)


async def robots_txt(request: Request) -> Response:
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
    lines += ["Allow: /", "", f"Sitemap: {get_settings().base_url}/sitemap.xml", ""]
    return PlainTextResponse("\n".join(lines), headers=CACHE)
