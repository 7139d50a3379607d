"""Share links.

POST /api/share-links  {"episode_id": 12, "channel": "copy", "t": 34} or {"series": "slug", ...}
    makes (or reuses) the sharer's short link: 201 {"code", "path", "url"}. The sharer is the
    signed-in account, else the visitor cookie. Rate-limited per sharer and per IP.
GET /s/<code>
    Link-preview bots and crawlers (no JavaScript) get the target's own public page: its title,
    description, 1200x630 image and og:url canonical to the target, no redirect. People are
    counted (a click, a share_click event, an attribution touch on their visitor cookie) and
    redirected to the episode (at the shared moment) or the series. Unknown codes are a 404, a
    link turned off a 410 that says so.
"""

from __future__ import annotations

import json
import logging
import re
from html import escape
from typing import Any
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from microshort.analytics.attribution import referrer_host
from microshort.api.auth import request_user
from microshort.api.public_pages import render_public_page
from microshort.api.visitor import visitor_id
from microshort.config import get_settings
from microshort.db import is_id, session_scope
from microshort.errors import DomainError, InvalidInput, NotFound
from microshort.ratelimit import SHARE_LINKS_PER_IP, SHARE_LINKS_PER_SHARER, rate_limiter
from microshort.social.share_links import (
    FoundLink,
    Sharer,
    create_share_link,
    find_link,
    record_click,
    share_path,
)

_log = logging.getLogger(__name__)
MAX_BODY = 1024
NO_STORE = {"Cache-Control": "no-store", "Vary": "User-Agent"}
# Preview fetchers and crawlers by name; anything that is not a browser ("Mozilla/…") is one too
# (curl, WhatsApp, facebookexternalhit, Slackbot, TelegramBot …). "Cubot" is a phone brand.
_BOTS = re.compile(
    r"(?<!cu)bot\b|bot/|crawler|spider|facebookexternalhit|facebot|whatsapp|telegram|slack"
    r"|discord|twitter|linkedin|embedly|pinterest|vkshare|skypeuripreview|yandex|bingpreview"
    r"|mastodon|iframely|snapchat|viber|kakaotalk|zalo|tumblr|headless-preview|lighthouse",
    re.IGNORECASE,
)


def is_preview_bot(user_agent: str) -> bool:
    return not user_agent.startswith("Mozilla/") or bool(_BOTS.search(user_agent))


def _turned_off() -> Response:
    home = escape(get_settings().base_url + "/")
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>'
        "<title>This link was turned off · MicroShort</title>"
        '<meta name="robots" content="noindex"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/></head>'
        "<body><main><h1>This link was turned off</h1>"
        "<p>Whoever shared it no longer offers it. The series may still be on MicroShort.</p>"
        f'<p><a href="{home}">Go to MicroShort</a></p></main></body></html>'
    )
    return HTMLResponse(page, status_code=410, headers={**NO_STORE, "X-Robots-Tag": "noindex"})


async def open_share_link(request: Request) -> Response:
    code = request.path_params["code"]
    found = await run_in_threadpool(_find, code)
    if found is None:
        return await render_public_page(request, share_path(code)[:100])  # the 404 page
    if found.disabled:
        return _turned_off()
    if is_preview_bot(request.headers.get("user-agent", "")):
        response = await render_public_page(request, found.preview_path)
        response.headers["Vary"] = "User-Agent, Accept-Encoding"
        return response
    anonymous_id = visitor_id(request)
    user = await request_user(request)
    own_host = urlsplit(get_settings().base_url).hostname or ""
    referrer = referrer_host(request.headers.get("referer"), own_host)

    def count() -> None:
        with session_scope() as session:
            record_click(
                session,
                found,
                anonymous_id=anonymous_id or "",
                user_id=user.id if user else None,
                referrer_host=referrer,
            )

    if anonymous_id:  # the visitor cookie is set with this very response
        try:
            await run_in_threadpool(count)
        except Exception:  # a lost count must not keep the person from the episode
            _log.exception("could not count a click on share link %s", found.id)
    return RedirectResponse(found.target_path, status_code=302, headers=NO_STORE)


def _find(code: str) -> FoundLink | None:
    with session_scope() as session:
        return find_link(session, code)


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _read_request(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise InvalidInput("Send JSON.") from None
    if not isinstance(data, dict):
        raise InvalidInput("Send a JSON object.")
    episode_id, moment = data.get("episode_id"), data.get("t")
    for name, value in (("episode_id", episode_id), ("t", moment)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidInput(f"{name} must be a whole number.", field=name)
    if episode_id is not None and not is_id(episode_id):
        raise NotFound("We could not find that episode. It may have been unpublished.")
    series, channel = data.get("series"), data.get("channel", "copy")
    if series is not None and (not isinstance(series, str) or len(series) > 200):
        raise InvalidInput("series must be a series address.", field="series")
    if not isinstance(channel, str):
        raise InvalidInput("channel must be text.", field="channel")
    return {
        "episode_id": episode_id,
        "series_slug": series,
        "moment_seconds": moment,
        "channel": channel,
    }


async def make_share_link(request: Request) -> Response:
    body = await request.body()
    if len(body) > MAX_BODY:
        return _error("Too large.", 413)
    user = await request_user(request)
    anonymous_id = visitor_id(request)
    sharer = Sharer(user_id=user.id if user else None, anonymous_id=anonymous_id)
    if user is None and not anonymous_id:
        return _error("Sharing needs cookies: reload the page and try again.", 400)
    ip = request.client.host if request.client else ""
    limiter = rate_limiter()
    for item, key in (
        (SHARE_LINKS_PER_SHARER, f"u{user.id}" if user else f"a{anonymous_id}"),
        (SHARE_LINKS_PER_IP, ip),
    ):
        decision = limiter.hit(item, "share-links", key)
        if not decision.allowed:
            response = _error(decision.message("share links made"), 429)
            response.headers["Retry-After"] = str(decision.retry_after_seconds)
            return response
    try:
        fields = _read_request(body)

        def create() -> str:
            with session_scope() as session:
                return create_share_link(session, sharer=sharer, **fields).code

        code = await run_in_threadpool(create)
    except NotFound as error:
        return _error(str(error), 404)
    except DomainError as error:
        return _error(str(error), 400)
    path = share_path(code)
    return JSONResponse(
        {"code": code, "path": path, "url": get_settings().base_url + path},
        status_code=201,
        headers={"Cache-Control": "no-store"},
    )
