"""The local test-mode checkout page and the page a checkout returns to."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.api.auth import safe_next
from microshort.bootstrap import local_payments, payments_provider
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.payments.checkout import confirm_return
from microshort.payments.local_checkout import checkout_view, submit_card
from microshort.payments.schemas import CheckoutOutcome, CheckoutView
from microshort.ui import routes
from microshort.ui.state.gate import GateState, pass_gate
from microshort.ui.state.session_state import require_user


class CheckoutState(rx.State):
    view: CheckoutView | None = None
    error: str = ""
    field: str = ""
    busy: bool = False

    def _session_id(self) -> str:
        return routes.slug_from_path(self.router.url.path, routes.CHECKOUT)

    @rx.event
    async def load(self):
        self.error = self.field = ""
        self.busy = False
        user, redirect = await pass_gate(self, routes.CHECKOUT)
        if user is None:
            return redirect
        try:
            self.view = await asyncio.to_thread(
                checkout_view, local_payments(), session_id=self._session_id(), user_id=user.id
            )
        except DomainError as error:
            gate = await self.get_state(GateState)
            gate.status, gate.message = "denied", str(error)
        return None

    @rx.event
    async def pay(self, form: dict[str, str]):
        user = await require_user(self)
        self.busy, self.error, self.field = True, "", ""
        yield
        result = await asyncio.to_thread(
            submit_card,
            local_payments(),
            session_id=self._session_id(),
            user_id=user.id,
            card_number=form.get("card_number", ""),
            expiry=form.get("expiry", ""),
            cvc=form.get("cvc", ""),
        )
        self.busy = False
        if not result.paid:
            self.error, self.field = result.message, result.field or ""
            return
        yield rx.redirect(result.redirect_url or "/purchases")


class ReturnState(rx.State):
    outcome: CheckoutOutcome | None = None
    error: str = ""

    @rx.var
    def next_path(self) -> str:
        return safe_next(self.router.url.query_parameters.get("next"))

    @rx.event
    async def load(self):
        self.outcome, self.error = None, ""
        user, redirect = await pass_gate(self, routes.CHECKOUT_RETURN)
        if user is None:
            return redirect
        session_id = self.router.url.query_parameters.get("session_id", "")

        def confirm() -> CheckoutOutcome:
            with session_scope() as session:
                return confirm_return(
                    session,
                    user_id=user.id,
                    session_id=session_id,
                    provider=payments_provider(),
                    platform_fee_percent=get_settings().platform_fee_percent,
                )

        try:
            self.outcome = await asyncio.to_thread(confirm)
        except DomainError as error:
            self.error = str(error)
            return None
        if self.outcome.status == "paid" and self.next_path != "/":
            # Straight back into the episode: the season is unlocked already.
            return rx.redirect(self.next_path, replace=True)
        return None
