"""Watch: one episode for this viewer (or the locked sheet), progress saved as it plays."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import reflex as rx

from microshort.bootstrap import payments_provider, video_provider
from microshort.config import get_settings
from microshort.content.progress import save_progress
from microshort.content.schemas import WatchView
from microshort.content.watch import watch_view
from microshort.db import session_scope
from microshort.errors import DomainError, InvalidInput
from microshort.payments.checkout import start_checkout
from microshort.payments.pricing import paywall
from microshort.payments.schemas import Paywall
from microshort.ui import routes
from microshort.ui.state.session_state import SessionState, current_user, full_navigation

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


def _paywall(episode_id: int) -> Paywall | None:
    with session_scope() as session:
        return paywall(
            session, episode_id, platform_fee_percent=get_settings().platform_fee_percent
        )


class WatchState(rx.State):
    view: WatchView | None = None
    paywall: Paywall | None = None
    checkout_error: str = ""
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
        self.checkout_error = ""
        self.paywall = (
            await asyncio.to_thread(_paywall, self.view.episode_id)
            if self.view and not self.view.allowed
            else None
        )

    @rx.event
    async def unlock(self, season_id: int, bundle_id: int):
        """Start the checkout for one offer; anonymous viewers sign up first and come back."""
        if self.view is None:
            return None
        back = f"/watch/{self.view.episode_id}"
        user = await current_user(self)
        if user is None:
            return rx.redirect(f"/signup?next={quote(back, safe='')}")
        # The page's own origin: the return must land where this browser's cookies live.
        base = self.router.url.origin or get_settings().base_url

        def start() -> str:
            with session_scope() as session:
                return start_checkout(
                    session,
                    user_id=user.id,
                    provider=payments_provider(),
                    success_url=f"{base}/purchase/complete?session_id={{CHECKOUT_SESSION_ID}}"
                    f"&next={quote(back, safe='')}",
                    cancel_url=f"{base}{back}",
                    season_id=season_id or None,
                    bundle_id=bundle_id or None,
                ).url

        try:
            url = await asyncio.to_thread(start)
        except DomainError as error:
            self.checkout_error = str(error)
            return None
        return rx.redirect(url) if url.startswith("/") else full_navigation(url)

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
