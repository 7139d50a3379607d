"""Watch: one episode for this viewer (or the locked sheet), progress saved as it plays."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from urllib.parse import quote

import reflex as rx

from microshort.analytics.events import record_episode_event
from microshort.bootstrap import payments_provider, video_provider
from microshort.config import get_settings
from microshort.content import page_titles
from microshort.content.progress import save_progress
from microshort.content.schemas import WatchView
from microshort.content.watch import watch_view
from microshort.db import session_scope
from microshort.errors import DomainError, InvalidInput
from microshort.payments.checkout import start_checkout
from microshort.payments.pricing import offer_summaries, paywall
from microshort.payments.schemas import Offer, Paywall
from microshort.social.share_links import MAX_MOMENT_SECONDS
from microshort.ui import routes
from microshort.ui.pages.watch.unlock import UNLOCK_PARAM, chosen_offer, unlock_path
from microshort.ui.state.session_state import SessionState, current_user
from microshort.users.schemas import CurrentUser

NEXT_COUNTDOWN_SECONDS = 3
MOMENT_PARAM = "t"  # /watch/12?t=34 starts at 0:34 (a share link to a moment lands here)


def shared_moment(text: str | None) -> float | None:
    """The start a ?t= asks for, in whole seconds; None for none or nonsense."""
    if not text or not text.isdigit() or int(text) > MAX_MOMENT_SECONDS:
        return None
    return float(text)


def _read(episode_id: int, user_id: int | None, anonymous_id: str) -> WatchView | None:
    with session_scope() as session:
        view = watch_view(
            session,
            episode_id,
            user_id=user_id,
            anonymous_id=anonymous_id or None,
            secret=get_settings().signing_key(),
            provider=video_provider(),
            with_episodes=True,
        )
        if view is not None:
            kind = "episode_start" if view.allowed else "paywall_hit"
            record_episode_event(
                session, kind, episode_id, user_id=user_id, anonymous_id=anonymous_id or None
            )
        return view


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


def _paywall(episode_id: int) -> tuple[Paywall | None, list[str]]:
    """The paywall and, for each of its offers, what it includes in one line."""
    with session_scope() as session:
        found = paywall(
            session, episode_id, platform_fee_percent=get_settings().platform_fee_percent
        )
        return found, offer_summaries(session, found.offers) if found else []


def _start_checkout(user_id: int, offer: Offer, base: str, back: str) -> str:
    with session_scope() as session:
        return start_checkout(
            session,
            user_id=user_id,
            provider=payments_provider(),
            success_url=f"{base}/purchase/complete?session_id={{CHECKOUT_SESSION_ID}}"
            f"&next={quote(back, safe='')}",
            cancel_url=f"{base}{back}",
            season_id=offer.season_id if offer.kind == "season" else None,
            bundle_id=offer.bundle_id if offer.kind == "bundle" else None,
        ).url


def _go_to_checkout(url: str) -> rx.event.EventSpec:
    """Replaces the history entry, so Back from the checkout does not start it again."""
    if url.startswith("/"):
        return rx.redirect(url, replace=True)
    return rx.call_script(f"window.location.replace({json.dumps(url)})")


def _season_of(view: WatchView | None) -> str:
    """The season tab holding the episode being watched."""
    for season in view.seasons if view else []:
        if any(episode.id == view.episode_id for episode in season.episodes):
            return str(season.number)
    return "1"


class WatchState(rx.State):
    view: WatchView | None = None
    paywall: Paywall | None = None
    offer_lines: list[str] = []  # what each paywall offer includes, in the same order
    checkout_error: str = ""
    missing: bool = False
    countdown: int = 0  # seconds before the next episode starts; 0 = none
    episodes_open: bool = False  # the phone's episodes sheet
    episodes_season: str = "1"  # the season tab shown in the episode grid

    @rx.var
    def page_title(self) -> str:
        """The document title the server's first HTML carries too."""
        if self.view is not None:
            view = self.view
            return page_titles.episode_title(view.title, view.series_title, view.position)
        return page_titles.NOT_FOUND if self.missing else page_titles.LOADING

    def _episode_id(self) -> int:
        text = routes.slug_from_path(self.router.url.path, routes.WATCH)
        return int(text) if text.isdigit() else 0

    async def _viewer_of(self) -> tuple[CurrentUser | None, str]:
        user = await current_user(self)
        session_state = await self.get_state(SessionState)
        return user, session_state.anonymous_id

    async def _viewer(self) -> tuple[int | None, str]:
        user, anonymous_id = await self._viewer_of()
        return (user.id if user else None), anonymous_id

    @rx.event
    async def load(self):
        self.countdown = 0
        user, anonymous_id = await self._viewer_of()
        user_id = user.id if user else None
        self.view = await asyncio.to_thread(_read, self._episode_id(), user_id, anonymous_id)
        moment = shared_moment(self.router.url.query_parameters.get(MOMENT_PARAM))
        if self.view is not None and moment is not None:
            self.view = dataclasses.replace(self.view, resume_at=moment)
        self.missing = self.view is None
        self.episodes_open = False
        self.episodes_season = _season_of(self.view)
        self.checkout_error = ""
        self.paywall, self.offer_lines = None, []
        if self.view is None or self.view.allowed:
            return None
        self.paywall, self.offer_lines = await asyncio.to_thread(_paywall, self.view.episode_id)
        # Back from sign-up / log-in with the offer chosen before: straight to its checkout.
        chosen = chosen_offer(
            self.paywall.offers if self.paywall else [],
            self.router.url.query_parameters.get(UNLOCK_PARAM),
        )
        return await self._checkout(user, chosen) if user and chosen else None

    async def _checkout(self, user: CurrentUser, offer: Offer):
        if self.view is None:
            return None
        back = routes.watch_url(self.view.episode_id)
        # The page's own origin: the return must land where this browser's cookies live.
        base = self.router.url.origin or get_settings().base_url
        try:
            url = await asyncio.to_thread(_start_checkout, user.id, offer, base, back)
        except DomainError as error:
            self.checkout_error = str(error)
            return None
        return _go_to_checkout(url)

    @rx.event
    async def unlock(self, season_id: int, bundle_id: int):
        """Start the checkout for one offer; anonymous viewers sign up first and come back
        with the offer in the return path, so the checkout starts by itself."""
        if self.view is None or self.paywall is None:
            return None
        key = f"season:{season_id}" if season_id else f"bundle:{bundle_id}"
        offer = chosen_offer(self.paywall.offers, key)
        user = await current_user(self)
        if user is None:
            back = unlock_path(self.view.episode_id, offer)
            return rx.redirect(f"{routes.SIGNUP}?next={quote(back, safe='')}")
        if offer is None:
            return None
        return await self._checkout(user, offer)

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

    @rx.event
    def toggle_episodes(self) -> None:
        self.episodes_open = not self.episodes_open

    @rx.event
    def select_episodes_season(self, value: str) -> None:
        self.episodes_season = value
