"""Watch: one episode for this viewer (or the locked sheet), progress saved as it plays."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.bootstrap import video_provider
from microshort.config import get_settings
from microshort.content.progress import save_progress
from microshort.content.schemas import WatchView
from microshort.content.watch import watch_view
from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.ui import routes
from microshort.ui.state.session_state import SessionState, current_user

NEXT_COUNTDOWN_SECONDS = 3


def _read(episode_id: int, user_id: int | None, anonymous_id: str) -> WatchView | None:
    with session_scope() as session:
        return watch_view(
            session,
            episode_id,
            user_id=user_id,
            anonymous_id=anonymous_id or None,
            secret=get_settings().signing_key(),
            provider=video_provider(),
        )


def _save(
    episode_id: int, user_id: int | None, anonymous_id: str, seconds: float, duration: float
) -> None:
    with session_scope() as session:
        save_progress(
            session,
            episode_id=episode_id,
            user_id=user_id,
            anonymous_id=anonymous_id or None,
            position=seconds,
            duration=duration,
        )


class WatchState(rx.State):
    view: WatchView | None = None
    missing: bool = False
    countdown: int = 0  # seconds before the next episode starts; 0 = none

    def _episode_id(self) -> int:
        text = routes.slug_from_path(self.router.url.path, routes.WATCH)
        return int(text) if text.isdigit() else 0

    async def _viewer(self) -> tuple[int | None, str]:
        user = await current_user(self)
        session_state = await self.get_state(SessionState)
        return (user.id if user else None), session_state.anonymous_id

    @rx.event
    async def load(self) -> None:
        self.countdown = 0
        user_id, anonymous_id = await self._viewer()
        self.view = await asyncio.to_thread(_read, self._episode_id(), user_id, anonymous_id)
        self.missing = self.view is None

    @rx.event
    async def progress(self, seconds: float, duration: float) -> None:
        if self.view is None or not self.view.allowed:
            return
        user_id, anonymous_id = await self._viewer()
        try:
            await asyncio.to_thread(
                _save, self.view.episode_id, user_id, anonymous_id, float(seconds), float(duration)
            )
        except InvalidInput:
            return  # a nonsense position from the browser is ignored, never stored

    @rx.event
    def go_next(self):
        if self.view and self.view.next_id:
            return rx.redirect(f"/watch/{self.view.next_id}")
        return None

    @rx.event
    def go_previous(self):
        if self.view and self.view.previous_id:
            return rx.redirect(f"/watch/{self.view.previous_id}")
        return None

    @rx.event(background=True)
    async def ended(self):
        """Autoplay: the next episode after a short countdown the viewer can cancel."""
        async with self:
            if not self.view or not self.view.next_id or self.countdown:
                return
            self.countdown = NEXT_COUNTDOWN_SECONDS
        while True:
            await asyncio.sleep(1)
            async with self:
                if self.countdown <= 0:
                    return  # cancelled
                self.countdown -= 1
                if self.countdown == 0:
                    return WatchState.go_next

    @rx.event
    def cancel_countdown(self) -> None:
        self.countdown = 0
