"""Admin: the open comment reports; one click hides the comment or dismisses the report."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.admin.reports import Verdict, open_reports, resolve_report
from microshort.admin.schemas import ReportItem
from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import Access


def _queue() -> list[ReportItem]:
    with session_scope() as session:
        return open_reports(session)


class ReportsState(rx.State):
    reports: list[ReportItem] = []
    notes: dict[str, str] = {}  # report id -> the admin's optional reason
    message: str = ""
    error: str = ""

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        user, redirect = await pass_gate(self, routes.ADMIN_REPORTS)
        if user is None:
            return redirect
        self.message = self.error = ""
        self.notes = {}
        self.reports = await asyncio.to_thread(_queue)
        return None

    @rx.event
    def set_note(self, report_id: int, text: str) -> None:
        self.notes = {**self.notes, str(report_id): text[:1000]}

    async def _resolve(self, report_id: int, verdict: Verdict) -> None:
        admin = await require_user(self, Access.ADMIN)
        note = self.notes.get(str(report_id), "")

        def work() -> None:
            with session_scope() as session:
                resolve_report(
                    session, admin_id=admin.id, report_id=int(report_id), verdict=verdict, note=note
                )

        try:
            await asyncio.to_thread(work)
        except DomainError as error:
            self.error, self.message = str(error), ""
        else:
            self.error = ""
            self.message = (
                "Comment hidden; the report is resolved."
                if verdict == "hide"
                else "Report dismissed; the comment stays."
            )
        self.reports = await asyncio.to_thread(_queue)

    @rx.event
    async def hide(self, report_id: int) -> None:
        await self._resolve(report_id, "hide")

    @rx.event
    async def dismiss(self, report_id: int) -> None:
        await self._resolve(report_id, "dismiss")
