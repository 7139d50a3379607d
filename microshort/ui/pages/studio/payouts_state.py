"""Studio payouts: balance from the ledger, Stripe Connect onboarding, pay out now, history."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.bootstrap import payments_provider
from microshort.config import get_settings
from microshort.db import session_scope, utcnow
from microshort.errors import DomainError
from microshort.notify.outbox import deliver_pending_soon
from microshort.payments import connect, payouts, reports
from microshort.payments.schemas import PayoutOverview
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import full_navigation, require_user
from microshort.users.permissions import Access


def _overview(creator_id: int) -> PayoutOverview:
    provider = payments_provider()
    with session_scope() as session:
        if provider.name != "local":
            connect.refresh_account(session, creator_id=creator_id, provider=provider)
        return reports.payout_overview(
            session,
            creator_id,
            minimum_cents=get_settings().minimum_payout_cents,
            test_mode=provider.name == "local",
            now=utcnow(),
        )


class PayoutsState(rx.State):
    overview: PayoutOverview | None = None
    message: str = ""
    error: str = ""

    async def _creator_id(self) -> int:
        user = await require_user(self, Access.CREATOR)
        return user.creator_profile_id or 0

    @rx.event
    async def load(self):
        self.message = self.error = ""
        user, redirect = await pass_gate(self, routes.STUDIO_PAYOUTS)
        if user is None:
            return redirect
        self.overview = await asyncio.to_thread(_overview, user.creator_profile_id or 0)
        return None

    @rx.event
    async def onboard(self):
        creator_id = await self._creator_id()
        base = get_settings().base_url

        def work() -> str:
            with session_scope() as session:
                return connect.start_onboarding(
                    session,
                    creator_id=creator_id,
                    provider=payments_provider(),
                    refresh_url=f"{base}{routes.STUDIO_PAYOUTS}?refresh=1",
                    return_url=f"{base}{routes.STUDIO_PAYOUTS}",
                )

        try:
            url = await asyncio.to_thread(work)
        except DomainError as error:
            self.error = str(error)
            return None
        return full_navigation(url)

    @rx.event
    async def pay_out_now(self) -> None:
        creator_id = await self._creator_id()

        def work() -> int:
            with session_scope() as session:
                return len(payouts.pay_out_now(session, creator_id, payments_provider(), utcnow()))

        try:
            made = await asyncio.to_thread(work)
        except DomainError as error:
            self.error = str(error)
            return
        await deliver_pending_soon()
        self.message = f"{made} payout(s) on the way. We mailed you a confirmation."
        self.overview = await asyncio.to_thread(_overview, creator_id)

    @rx.event
    async def export_csv(self):
        creator_id = await self._creator_id()

        def work() -> str:
            with session_scope() as session:
                return reports.payouts_csv(session, creator_id)

        return rx.download(data=await asyncio.to_thread(work), filename="payouts.csv")
