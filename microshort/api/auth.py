"""Auth routes: the session cookie is set and cleared only here, HttpOnly.

GET /api/auth/complete?code=…  trades the log-in form's 60-second single-use code, together with
the nonce cookie the log-in page set beside it, for a fresh session cookie (rotating any old one)
and sends the browser on to where it was going.
POST /api/auth/signout          ends the session and clears the cookie (POST only: a cross-site
link or image cannot log anyone out, and OriginGuard refuses another site's form).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from microshort.analytics.attribution import join_account
from microshort.api.cookies import cookie_from_header
from microshort.api.visitor import visitor_id
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.users import sessions
from microshort.users.models import TokenPurpose
from microshort.users.schemas import CurrentUser
from microshort.users.tokens import consume

NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
COMPLETE_PATH = "/api/auth/complete"
NONCE_PATH = COMPLETE_PATH  # the nonce cookie travels only to the route that checks it


def safe_next(path: str | None) -> str:
    """Only local paths: never '//evil.example' or 'https://…' (open redirect). Whitespace and
    control characters are refused too: browsers drop a tab in '/\t/evil.example'."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in path):
        return "/"
    return path


def token_from_cookie_header(header: str | None) -> str | None:
    return cookie_from_header(header, sessions.SESSION_COOKIE)


def user_for_token(token: str | None) -> CurrentUser | None:
    if not token:
        return None
    with session_scope() as session:
        return sessions.resolve(session, token, days=get_settings().session_days)


async def request_user(request: Request) -> CurrentUser | None:
    """The signed-in user of an HTTP request (API routes use this with permissions.require)."""
    return await run_in_threadpool(user_for_token, request.cookies.get(sessions.SESSION_COOKIE))


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


async def complete_login(request: Request) -> Response:
    code = request.query_params.get("code", "")
    nonce = request.cookies.get(sessions.LOGIN_NONCE_COOKIE, "")
    old = request.cookies.get(sessions.SESSION_COOKIE)
    user_agent = request.headers.get("user-agent", "")
    days = get_settings().session_days
    anonymous_id = visitor_id(request)

    def trade() -> tuple[str, str] | None:
        with session_scope() as session:
            handoff = (
                consume(session, code, TokenPurpose.LOGIN, bound_to=nonce)
                if code and nonce
                else None
            )
            if handoff is None:
                return None
            if anonymous_id:  # this browser's visits are this account's from now on
                join_account(
                    session, anonymous_id=anonymous_id, user_id=handoff.user_id, signed_up=False
                )
            sessions.revoke(session, old)  # rotation: a log-in never reuses a token
            token = sessions.create(
                session,
                user_id=handoff.user_id,
                days=days,
                user_agent=user_agent,
                ip_address=_client_ip(request),
            )
            return token, safe_next(handoff.next_path)

    traded = await run_in_threadpool(trade)
    if traded is None:
        response = RedirectResponse("/login?expired=1", status_code=303, headers=NO_STORE)
        response.delete_cookie(sessions.LOGIN_NONCE_COOKIE, path=NONCE_PATH)
        return response
    token, next_path = traded
    response = RedirectResponse(next_path, status_code=303, headers=NO_STORE)
    response.delete_cookie(sessions.LOGIN_NONCE_COOKIE, path=NONCE_PATH)
    response.set_cookie(
        sessions.SESSION_COOKIE,
        token,
        max_age=days * 86400,
        path="/",
        httponly=True,
        samesite="lax",
        secure=get_settings().base_url.startswith("https://"),
    )
    return response


async def sign_out(request: Request) -> Response:
    token = request.cookies.get(sessions.SESSION_COOKIE)

    def end() -> None:
        with session_scope() as session:
            sessions.revoke(session, token)

    await run_in_threadpool(end)
    response = RedirectResponse("/?signed_out=1", status_code=303, headers=NO_STORE)
    response.delete_cookie(sessions.SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response
