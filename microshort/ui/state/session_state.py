"""Who is signed in. The session token is never in state: it lives in an HttpOnly cookie that
the browser sends with the websocket handshake, and every check re-reads it on the server."""

from __future__ import annotations

import asyncio
import json

import reflex as rx

from microshort.analytics.visitor_id import new_visitor_id
from microshort.api.auth import COMPLETE_PATH, NONCE_PATH, token_from_cookie_header, user_for_token
from microshort.api.visitor import visitor_from_cookie_header
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.notify.service import unread_notifications
from microshort.ui import routes
from microshort.users.accounts import LoginHandoff
from microshort.users.permissions import Access, require
from microshort.users.schemas import CurrentUser
from microshort.users.sessions import LOGIN_NONCE_COOKIE


class SessionState(rx.State):
    user: CurrentUser | None = None
    unread_notices: int = 0
    # The anonymous visitor id that analytics, attribution and progress hang on: read on the
    # server from the signed HttpOnly ms_anon cookie (api/visitor.py), never from the browser.
    anonymous_id: str = ""

    @rx.var
    def signed_in(self) -> bool:
        return self.user is not None

    @rx.var
    def display_name(self) -> str:
        return self.user.display_name if self.user else ""

    @rx.var
    def avatar_url(self) -> str:
        return self.user.avatar_url if self.user else ""

    @rx.var
    def is_admin(self) -> bool:
        return bool(self.user and self.user.is_admin)

    @rx.var
    def is_creator(self) -> bool:
        return bool(self.user and self.user.is_creator)

    @rx.event
    async def refresh(self) -> None:
        """On every page load: the visitor's id from the handshake's cookie; re-read the user.
        (No cookie only when the page did not come through the app, e.g. the dev server: an id
        for this tab, then.)"""
        signed = visitor_from_cookie_header(self.router.headers.cookie)
        self.anonymous_id = signed or self.anonymous_id or new_visitor_id()
        user = await current_user(self)
        self.unread_notices = await asyncio.to_thread(_count_unread, user.id) if user else 0


def _count_unread(user_id: int) -> int:
    with session_scope() as session:
        return len(unread_notifications(session, user_id))


async def current_user(state: rx.State) -> CurrentUser | None:
    """Resolve the signed-in user from the handshake's cookie, fresh from the database."""
    token = token_from_cookie_header(state.router.headers.cookie)
    user = await asyncio.to_thread(user_for_token, token)
    session_state = await state.get_state(SessionState)
    session_state.user = user
    return user


async def require_user(state: rx.State, access: Access = Access.SIGNED_IN) -> CurrentUser:
    """Every protected handler starts here; raises Forbidden/NotSignedIn on the server."""
    return require(access, await current_user(state))


def full_navigation(path: str) -> rx.event.EventSpec:
    """A real page load (not client routing), so the next websocket carries new cookies."""
    return rx.call_script(f"window.location.assign({json.dumps(path)})")


def complete_login(handoff: LoginHandoff) -> rx.event.EventSpec:
    """Hand the browser its log-in code and, in a cookie only /api/auth/complete reads, the
    nonce that code is bound to; then the real page load that sets the session cookie."""
    secure = "; Secure" if get_settings().base_url.startswith("https://") else ""
    cookie = (
        f"{LOGIN_NONCE_COOKIE}={handoff.nonce}; Path={NONCE_PATH}; Max-Age=60; "
        f"SameSite=Strict{secure}"
    )
    url = f"{COMPLETE_PATH}?code={handoff.code}"
    return rx.call_script(
        f"document.cookie = {json.dumps(cookie)}; window.location.assign({json.dumps(url)})"
    )


def sign_out() -> rx.event.EventSpec:
    """Sign-out is a POST (a form the page submits), so no cross-site link can log anyone out."""
    return rx.call_script(
        "(() => { const form = document.createElement('form'); form.method = 'post'; "
        f"form.action = {json.dumps(routes.SIGN_OUT)}; document.body.appendChild(form); "
        "form.submit(); })()"
    )
