"""Log in and sign up: validation and rate limits on the server, then the cookie hand-off."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import reflex as rx

from microshort.api.auth import safe_next
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.notify.outbox import deliver_pending_soon
from microshort.ratelimit import SIGNUP_PER_IP, rate_limiter
from microshort.ui.pages.watch.unlock import unlock_series
from microshort.ui.state.session_state import SessionState, complete_login
from microshort.users import accounts, login

FormData = dict[str, str]


def _sign_up(form: FormData, anonymous_id: str, next_path: str) -> accounts.LoginHandoff:
    with session_scope() as session:
        user = accounts.sign_up(
            session,
            email=form.get("email", ""),
            password=form.get("password", ""),
            display_name=form.get("display_name", ""),
            base_url=get_settings().base_url,
            anonymous_id=anonymous_id or None,
        )
        return accounts.issue_login_handoff(session, user_id=user.id or 0, next_path=next_path)


def _unlock_series(next_path: str) -> str:
    with session_scope() as session:
        return unlock_series(session, next_path)


class AuthState(rx.State):
    error: str = ""
    field: str = ""
    busy: bool = False
    unlock_series: str = ""  # "Create an account to unlock <series>" when from a paywall

    @rx.var
    def next_path(self) -> str:
        return safe_next(self.router.url.query_parameters.get("next"))

    @rx.var
    def next_query(self) -> str:
        """The return path, encoded for another page's ?next=."""
        return quote(self.next_path, safe="")

    @rx.var
    def expired(self) -> bool:
        return self.router.url.query_parameters.get("expired") == "1"

    @rx.event
    async def clear(self) -> None:
        self.error, self.field, self.busy = "", "", False
        self.unlock_series = await asyncio.to_thread(_unlock_series, self.next_path)

    def _fail(self, message: str, field: str = "") -> None:
        self.error, self.field, self.busy = message, field, False

    @rx.event
    async def log_in(self, form: FormData):
        self.busy, self.error, self.field = True, "", ""
        yield
        try:
            handoff = await asyncio.to_thread(
                login.log_in,
                rate_limiter(),
                email=form.get("email", ""),
                password=form.get("password", ""),
                ip=self.router.session.client_ip or "unknown",
                next_path=self.next_path,
            )
        except InvalidInput as error:
            self._fail(str(error), error.field or "")
            return
        yield complete_login(handoff)

    @rx.event
    async def sign_up(self, form: FormData):
        self.busy, self.error, self.field = True, "", ""
        yield
        ip = self.router.session.client_ip or "unknown"
        decision = rate_limiter().hit(SIGNUP_PER_IP, ip)
        if not decision.allowed:
            self._fail(decision.message("sign-ups from your network"))
            return
        session_state = await self.get_state(SessionState)
        try:
            handoff = await asyncio.to_thread(
                _sign_up, form, session_state.anonymous_id, self.next_path
            )
        except InvalidInput as error:
            self._fail(str(error), error.field or "")
            return
        await deliver_pending_soon()
        yield complete_login(handoff)
