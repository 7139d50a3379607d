"""The watch page's live room: this viewer's room ticket and the episode's reaction heat.

Only per-viewer, slow-changing data lives here; live traffic goes over the room socket."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.config import get_settings
from microshort.db import session_scope
from microshort.realtime.entry import RoomEntry, enter_room
from microshort.ui import routes
from microshort.ui.state.session_state import SessionState, current_user


def _enter(episode_id: int, user_id: int | None, anonymous_id: str) -> RoomEntry | None:
    with session_scope() as session:
        return enter_room(
            session,
            episode_id=episode_id,
            user_id=user_id,
            anonymous_id=anonymous_id or None,
            secret=get_settings().signing_key(),
        )


class RoomState(rx.State):
    episode_id: int = 0
    ticket: str = ""
    issued: int = 0  # counts tickets issued: a renewal reconnects even if the text is the same
    heat: list[float] = []

    @rx.event
    async def enter(self) -> None:
        """On the watch page's load."""
        await self._enter()

    @rx.event
    async def renew(self) -> None:
        """A reconnect found the ticket expired: a fresh one (if the viewer may still watch)."""
        await self._enter()

    async def _enter(self) -> None:
        text = routes.slug_from_path(self.router.url.path, routes.WATCH)
        episode_id = int(text) if text.isdigit() else 0
        user = await current_user(self)
        anonymous_id = (await self.get_state(SessionState)).anonymous_id
        entry = await asyncio.to_thread(_enter, episode_id, user.id if user else None, anonymous_id)
        self.episode_id = episode_id if entry else 0
        self.ticket = entry.ticket if entry else ""
        self.issued += 1
        self.heat = entry.heat if entry else []
