"""Forgotten passwords and email confirmation links."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.config import get_settings
from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.notify.outbox import deliver_pending_soon
from microshort.ratelimit import RESET_PER_EMAIL, RESET_PER_IP, rate_limiter
from microshort.typed_input import typed
from microshort.ui import routes
from microshort.users import accounts

SENT = (
    "If an account exists for that address, we have sent it a link to choose a new "
    "password. It works for one hour."
)


def _request_reset(email: str) -> None:
    with session_scope() as session:
        accounts.request_password_reset(session, email=email, base_url=get_settings().base_url)


def _reset(token: str, password: str) -> None:
    with session_scope() as session:
        accounts.reset_password(session, token=token, new_password=password)


def _confirm(token: str) -> str:
    with session_scope() as session:
        return accounts.confirm_email(session, token=token)


class RecoveryState(rx.State):
    message: str = ""
    error: str = ""
    done: bool = False
    busy: bool = False

    @rx.event
    def clear(self) -> None:
        self.message, self.error, self.done, self.busy = "", "", False, False

    @rx.event
    async def request_reset(self, form: dict[str, str]):
        self.busy, self.error, self.message = True, "", ""
        yield
        email = typed(form.get("email")).strip().lower()
        limiter = rate_limiter()
        ip = self.router.session.client_ip or "unknown"
        for decision in (limiter.hit(RESET_PER_IP, ip), limiter.hit(RESET_PER_EMAIL, email)):
            if not decision.allowed:
                self.error, self.busy = decision.message("reset requests"), False
                return
        await asyncio.to_thread(_request_reset, email)
        await deliver_pending_soon()
        # The same answer whether or not the account exists: no account enumeration.
        self.message, self.busy, self.done = SENT, False, True

    @rx.event
    async def save_new_password(self, form: dict[str, str]):
        self.busy, self.error = True, ""
        yield
        token = routes.slug_from_path(self.router.url.path, routes.RESET_PASSWORD)
        try:
            await asyncio.to_thread(_reset, token, form.get("password", ""))
        except InvalidInput as error:
            self.error, self.busy = str(error), False
            return
        self.busy, self.done = False, True
        self.message = "Your password is changed and every session was logged out. Log in again."

    @rx.event
    async def confirm(self) -> None:
        self.done, self.error, self.message = False, "", ""
        token = routes.slug_from_path(self.router.url.path, routes.CONFIRM_EMAIL)
        try:
            self.message = await asyncio.to_thread(_confirm, token)
        except InvalidInput as error:
            self.error = str(error)
        self.done = True
