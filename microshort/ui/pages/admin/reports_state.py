"""Admin: open comment reports (oldest first) and resolved ones (newest first), 50 a page.

One click hides the comment or dismisses the report. Every handler checks on the server that an
admin is signed in; the page cursors stay on the server (backend vars).
"""

from __future__ import annotations

import asyncio
from math import ceil
from typing import Any

import reflex as rx

from microshort.admin.report_queue import PAGE_SIZE, open_report_page, resolved_report_page
from microshort.admin.reports import Verdict, resolve_report
from microshort.admin.schemas import ReportItem, ReportPage, ResolvedItem
from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import Access
from microshort.users.schemas import CurrentUser

OPEN, RESOLVED = "open", "resolved"


def _page_of(view: str, viewer: CurrentUser, after: str) -> ReportPage[Any]:
    read = resolved_report_page if view == RESOLVED else open_report_page
    with session_scope() as session:
        return read(session, viewer=viewer, after=after)


class ReportsState(rx.State):
    view: str = OPEN  # open | resolved
    reports: list[ReportItem] = []  # this page of the open view
    resolved: list[ResolvedItem] = []  # this page of the resolved view
    total: int = 0  # in the whole view
    page: int = 1
    has_next: bool = False
    notes: dict[str, str] = {}  # report id -> the admin's optional reason
    message: str = ""
    error: str = ""
    # The `after` cursor of this page and of every page before it ("" is the first page).
    _starts: list[str] = [""]
    _next_start: str = ""

    @rx.var
    def summary(self) -> str:
        noun = "report" if self.total == 1 else "reports"
        return f"{self.total} {self.view} {noun}"

    @rx.var
    def page_label(self) -> str:
        return f"Page {self.page} of {max(1, ceil(self.total / PAGE_SIZE), self.page)}"

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        user, redirect = await pass_gate(self, routes.ADMIN_REPORTS)
        if user is None:
            return redirect
        self.message = self.error = ""
        self.notes = {}
        self.view, self._starts = OPEN, [""]
        await self._read(user)
        return None

    @rx.event
    async def show(self, view: str | list[str]) -> None:
        admin = await require_user(self, Access.ADMIN)
        self.view = RESOLVED if view == RESOLVED else OPEN
        self.message = self.error = ""
        self._starts = [""]
        await self._read(admin)

    @rx.event
    async def next_page(self) -> None:
        admin = await require_user(self, Access.ADMIN)
        if self._next_start:
            self._starts = [*self._starts, self._next_start]
        await self._read(admin)

    @rx.event
    async def previous_page(self) -> None:
        admin = await require_user(self, Access.ADMIN)
        self._starts = self._starts[:-1] or [""]
        await self._read(admin)

    async def _read(self, admin: CurrentUser) -> None:
        """This page from its start again: a resolved row's place goes to the next one."""
        found = await asyncio.to_thread(_page_of, self.view, admin, self._starts[-1])
        while not found.items and len(self._starts) > 1:  # it emptied: the page before it
            self._starts = self._starts[:-1]
            found = await asyncio.to_thread(_page_of, self.view, admin, self._starts[-1])
        showing_resolved = self.view == RESOLVED
        self.reports = [] if showing_resolved else found.items
        self.resolved = found.items if showing_resolved else []
        self.total, self._next_start = found.total, found.next_cursor
        self.page, self.has_next = len(self._starts), bool(found.next_cursor)

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
        await self._read(admin)

    @rx.event
    async def hide(self, report_id: int) -> None:
        await self._resolve(report_id, "hide")

    @rx.event
    async def dismiss(self, report_id: int) -> None:
        await self._resolve(report_id, "dismiss")
