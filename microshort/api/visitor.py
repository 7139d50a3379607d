"""The anonymous visitor cookie (ms_anon), set here on the first page request that lacks a
valid one: signed (analytics/visitor_id.py), HttpOnly, SameSite=Lax, Secure when the public URL
is https. API routes only read it (a call without it is nobody's). Scripts never see it; the
server reads it from every request and from the websocket handshake
(ui/state/session_state.py).

A page opened with UTM parameters is an attribution touch (analytics/attribution.py), recorded
here before the page is served; share links record their own (api/share.py).
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from microshort.analytics.attribution import record_landing
from microshort.analytics.visitor_id import (
    VISITOR_COOKIE,
    VISITOR_COOKIE_DAYS,
    new_visitor_id,
    read_visitor_id,
    sign_visitor_id,
)
from microshort.api.cookies import cookie_from_header
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.users import sessions

_log = logging.getLogger(__name__)
# Pages only: no cookie for files (hashed assets stay cacheable everywhere), the API or sockets.
_SKIPPED = ("/_", "/api/", "/media/", "/og/", "/ws/", "/assets/")
# Share links record their own touch.
_NOT_LANDINGS = ("/s/",)


def _wants_cookie(path: str) -> bool:
    return not path.startswith(_SKIPPED) and "." not in path.rsplit("/", 1)[-1]


def visitor_from_cookie_header(header: str | None) -> str | None:
    """The verified visitor id in a Cookie header (the websocket handshake's), or None."""
    value = cookie_from_header(header, VISITOR_COOKIE)
    return read_visitor_id(get_settings().signing_key(), value) if value else None


def visitor_id(connection: HTTPConnection) -> str | None:
    """This request's visitor id: the one the middleware read or issued, else the cookie's."""
    issued = connection.scope.get("state", {}).get("anonymous_id")
    if issued:
        return str(issued)
    return read_visitor_id(get_settings().signing_key(), connection.cookies.get(VISITOR_COOKIE))


def visitor_cookie(value: str) -> str:
    secure = "; Secure" if get_settings().base_url.startswith("https://") else ""
    return (
        f"{VISITOR_COOKIE}={value}; Max-Age={VISITOR_COOKIE_DAYS * 86400}; Path=/; "
        f"HttpOnly; SameSite=Lax{secure}"
    )


def _record_landing(connection: HTTPConnection, anonymous_id: str) -> None:
    settings = get_settings()
    token = connection.cookies.get(sessions.SESSION_COOKIE)
    try:
        with session_scope() as session:
            user = sessions.resolve(session, token, days=settings.session_days) if token else None
            record_landing(
                session,
                anonymous_id=anonymous_id,
                path=connection.url.path,
                query=dict(parse_qsl(connection.url.query)),
                user_id=user.id if user else None,
                referrer=connection.headers.get("referer"),
                own_host=urlsplit(settings.base_url).hostname or "",
            )
    except Exception:  # attribution must never break the page
        _log.exception("could not record a landing on %s", connection.url.path)


class VisitorCookie:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _wants_cookie(scope["path"]):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        secret = get_settings().signing_key()
        anonymous_id = read_visitor_id(secret, connection.cookies.get(VISITOR_COOKIE))
        issued = None
        if anonymous_id is None:
            anonymous_id = new_visitor_id()
            issued = sign_visitor_id(secret, anonymous_id)
        scope.setdefault("state", {})["anonymous_id"] = anonymous_id
        if (
            scope["method"] == "GET"
            and b"utm_" in scope.get("query_string", b"")
            and not scope["path"].startswith(_NOT_LANDINGS)
        ):
            await run_in_threadpool(_record_landing, connection, anonymous_id)
        if issued is None:
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("set-cookie", visitor_cookie(issued))
            await send(message)

        await self.app(scope, receive, send_with_cookie)
