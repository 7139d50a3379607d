"""Admin: the queue counts, the creator application queue and the mail outbox."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.admin.queues import QueueCounts, queue_counts
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.notify.outbox import deliver_pending_soon
from microshort.notify.schemas import OutboxItem
from microshort.notify.service import outbox_page
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users import creators
from microshort.users.permissions import Access
from microshort.users.schemas import ApplicationItem, CurrentUser


def _queue() -> list[ApplicationItem]:
    with session_scope() as session:
        return creators.applications(session)


def _counts(viewer: CurrentUser) -> QueueCounts:
    with session_scope() as session:
        return queue_counts(session, viewer=viewer)


def _outbox() -> list[OutboxItem]:
    with session_scope() as session:
        return outbox_page(session)


class AdminState(rx.State):
    applications: list[ApplicationItem] = []
    outbox: list[OutboxItem] = []
    counts: QueueCounts | None = None  # what waits in each admin queue
    message: str = ""
    error: str = ""

    @rx.event
    async def load_queue(self) -> rx.event.EventSpec | None:
        user, redirect = await pass_gate(self, routes.ADMIN)
        if user is None:
            return redirect
        self.message = self.error = ""
        self.applications = await asyncio.to_thread(_queue)
        self.counts = await asyncio.to_thread(_counts, user)
        return None

    @rx.event
    async def load_outbox(self) -> rx.event.EventSpec | None:
        user, redirect = await pass_gate(self, routes.ADMIN_OUTBOX)
        if user is None:
            return redirect
        self.outbox = await asyncio.to_thread(_outbox)
        return None

    async def _review(self, profile_id: int, reason: str | None) -> None:
        admin = await require_user(self, Access.ADMIN)

        def work() -> None:
            with session_scope() as session:
                if reason is None:
                    creators.approve(
                        session,
                        admin_id=admin.id,
                        profile_id=profile_id,
                        base_url=get_settings().base_url,
                    )
                else:
                    creators.reject(
                        session, admin_id=admin.id, profile_id=profile_id, reason=reason
                    )

        try:
            await asyncio.to_thread(work)
        except DomainError as error:
            self.error, self.message = str(error), ""
            return
        await deliver_pending_soon()
        self.error = ""
        self.message = (
            "Approved: the creator was told."
            if reason is None
            else "Rejected: the applicant was told why."
        )
        self.applications = await asyncio.to_thread(_queue)
        self.counts = await asyncio.to_thread(_counts, admin)

    @rx.event
    async def approve(self, profile_id: int) -> None:
        await self._review(profile_id, None)

    @rx.event
    async def reject(self, form: dict[str, str]) -> None:
        await self._review(int(form.get("profile_id", "0") or 0), form.get("reason", ""))
