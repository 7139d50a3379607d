"""Become a creator: the application form and its status."""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlmodel import select

from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.typed_input import typed
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users import creators
from microshort.users.models import CreatorProfile


def _status(user_id: int) -> tuple[str, str, str, str, str, str]:
    with session_scope() as session:
        profile = session.exec(
            select(CreatorProfile).where(CreatorProfile.user_id == user_id)
        ).first()
        if profile is None:
            return "", "", "", "", "", ""
        return (
            profile.approval_status,
            profile.rejection_reason or "",
            profile.display_name,
            profile.slug,
            profile.bio,
            "\n".join(profile.links),
        )


class ApplyState(rx.State):
    status: str = ""  # "", pending, approved, rejected
    rejection_reason: str = ""
    display_name: str = ""
    slug: str = ""
    bio: str = ""
    links: str = ""
    error: str = ""
    field: str = ""

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        user, redirect = await pass_gate(self, routes.BECOME_CREATOR)
        if user is None:
            return redirect
        await self._read(user.id, user.display_name)
        return None

    async def _read(self, user_id: int, name: str) -> None:
        (
            self.status,
            self.rejection_reason,
            self.display_name,
            self.slug,
            self.bio,
            self.links,
        ) = await asyncio.to_thread(_status, user_id)
        self.display_name = self.display_name or name
        self.error = self.field = ""

    @rx.event
    async def submit(self, form: dict[str, str]) -> None:
        user = await require_user(self)

        def work() -> None:
            with session_scope() as session:
                creators.apply(
                    session,
                    user_id=user.id,
                    display_name=form.get("display_name", ""),
                    slug=form.get("slug", ""),
                    bio=form.get("bio", ""),
                    links=typed(form.get("links")).splitlines(),
                )

        try:
            await asyncio.to_thread(work)
        except InvalidInput as error:
            self.error, self.field = str(error), error.field or ""
            return
        await self._read(user.id, user.display_name)
