"""Server-rendered public pages: what a crawler or a link-preview bot gets without JavaScript.

Each public page type (home, series, watch, creator, genre, search) is answered here, in front
of Reflex: the build's shell with the page's own head and a readable block from the database.
Unpublished, hidden and missing things are a real 404 with `noindex`. The Reflex page then
takes over in the browser (see shell.py for why nothing flashes).

`render_public_page(request, path)` is the contract other routes use (the share links'
`/s/<code>` answers link-preview bots with it).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from microshort.api.public_pages import pages
from microshort.api.public_pages.head import head_html
from microshort.api.public_pages.pages import Rendered, Site
from microshort.api.public_pages.shell import fill, shell_for
from microshort.config import get_settings
from microshort.db import session_scope

__all__ = ["PUBLIC_PAGE_PATHS", "public_page", "render_public_page"]

MAX_ID = 2**31 - 1  # PostgreSQL integer ids
PUBLIC_PAGE_PATHS = (
    "/",
    "/search",
    "/series/{slug}",
    "/watch/{episode_id}",
    "/creators/{slug}",
    "/genres/{genre}",
)
HEADERS = {"Cache-Control": "no-cache", "Vary": "Accept-Encoding"}


def _build(path: str, query: str) -> tuple[int, Rendered]:
    """(status, page) for an app path; runs in a worker thread (database reads)."""
    site = Site(get_settings().base_url)
    parts = [part for part in path.split("/") if part]
    if not parts:
        with session_scope() as session:
            return 200, pages.home(session, site)
    if parts == ["search"]:
        return 200, pages.search(site, query)
    found: Rendered | None = None
    if len(parts) == 2:
        kind, value = parts
        with session_scope() as session:
            if kind == "series":
                found = pages.series(session, site, value)
            elif kind == "watch" and value.isdigit() and 0 < int(value) <= MAX_ID:
                found = pages.watch(session, site, int(value))
            elif kind == "creators":
                found = pages.creator(session, site, value)
            elif kind == "genres":
                found = pages.genre(session, site, value)
    if found is None:
        return 404, pages.not_found(site, path)
    return 200, found


async def render_public_page(request: Request, path: str) -> Response:
    """Exactly what a crawler gets for a public app path such as "/watch/12" (a query string
    in `path` is honoured; "/search?q=…" is not indexed)."""
    split = urlsplit(path)
    query = " ".join(parse_qs(split.query).get("q", [])) if split.query else ""
    if not split.query and split.path == request.url.path:
        query = request.query_params.get("q", "")
    status, page = await run_in_threadpool(_build, split.path or "/", query)
    html = fill(shell_for(page.shell_file), head=head_html(page.meta), block=page.block)
    headers = dict(HEADERS)
    if page.meta.noindex:
        headers["X-Robots-Tag"] = "noindex"
    return HTMLResponse(html, status_code=status, headers=headers)


async def public_page(request: Request) -> Response:
    """The Starlette endpoint of every public page path."""
    return await render_public_page(request, request.url.path)
