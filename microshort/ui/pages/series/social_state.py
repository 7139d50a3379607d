"""Series page, social part: follow, favourite (optimistic), share, more from this creator."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import quote

import reflex as rx

from microshort.content.browse import more_from_creator
from microshort.content.schemas import SeriesCard
from microshort.db import session_scope
from microshort.errors import NotFound
from microshort.social import service
from microshort.social.queries import series_social
from microshort.social.schemas import SeriesSocial
from microshort.ui import routes
from microshort.ui.state.session_state import current_user
from microshort.users.schemas import CurrentUser

Change = Callable[..., SeriesSocial]


def _read(slug: str, user_id: int | None) -> tuple[SeriesSocial, list[SeriesCard]]:
    with session_scope() as session:
        return series_social(session, slug, user_id), more_from_creator(session, slug)


def _change(change: Change, user: CurrentUser, slug: str) -> SeriesSocial:
    with session_scope() as session:
        return change(session, user=user, series_slug=slug)


class SeriesSocialState(rx.State):
    slug: str = ""
    follower_count: int = 0
    following: bool = False
    favourited: bool = False
    more: list[SeriesCard] = []
    copied: bool = False
    error: str = ""

    @rx.event
    async def load(self) -> None:
        self.slug = routes.slug_from_path(self.router.url.path, routes.SERIES)
        self.copied, self.error = False, ""
        user = await current_user(self)
        social, more = await asyncio.to_thread(_read, self.slug, user.id if user else None)
        self._show(social)
        self.more = more

    def _show(self, social: SeriesSocial) -> None:
        self.follower_count = social.follower_count
        self.following, self.favourited = social.following, social.favourited

    def _to_login(self) -> rx.event.EventSpec:
        return rx.redirect(f"{routes.LOGIN}?next={quote(routes.series_url(self.slug), safe='')}")

    async def _toggle(self, change: Change, flip: Callable[[], None]):
        """Show the new state at once, then store it; on failure, show the truth again."""
        user = await current_user(self)
        if user is None:  # anonymous: log in first, then come back to this series
            yield self._to_login()
            return
        flip()
        self.error = ""
        yield
        try:
            social = await asyncio.to_thread(_change, change, user, self.slug)
        except NotFound as error:
            self.error = str(error)
            social = await asyncio.to_thread(lambda: _read(self.slug, user.id)[0])
        self._show(social)

    @rx.event
    async def toggle_follow(self):
        def flip() -> None:
            self.follower_count += -1 if self.following else 1
            self.following = not self.following

        change = service.unfollow if self.following else service.follow
        async for update in self._toggle(change, flip):
            yield update

    @rx.event
    async def toggle_favourite(self):
        def flip() -> None:
            self.favourited = not self.favourited

        change = service.unfavourite if self.favourited else service.favourite
        async for update in self._toggle(change, flip):
            yield update

    @rx.event
    def shared(self, result: int):
        """The share script's answer (ui/components/share_link.py): copied, or not."""
        self.copied = int(result or 0) > 0
        self.error = "The link could not be copied." if int(result or 0) < 0 else ""
