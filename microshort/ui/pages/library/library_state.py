"""Library state: what a signed-in viewer follows, hearted, bought, is watching and has
watched."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content.rails import watch_history
from microshort.content.schemas import ContinueItem, HistoryItem, HistoryPage, SeriesCard
from microshort.db import session_scope
from microshort.payments.purchases import purchased_series
from microshort.social.queries import HISTORY_PAGE, library_view
from microshort.social.schemas import LibraryView
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user


def _read(user_id: int) -> tuple[LibraryView, list[SeriesCard]]:
    with session_scope() as session:
        return library_view(session, user_id), purchased_series(session, user_id)


def _history(user_id: int, offset: int) -> HistoryPage:
    with session_scope() as session:
        return watch_history(session, user_id, limit=HISTORY_PAGE, offset=offset)


class LibraryState(rx.State):
    following: list[SeriesCard] = []
    favourites: list[SeriesCard] = []
    purchased: list[SeriesCard] = []
    continue_items: list[ContinueItem] = []
    history: list[HistoryItem] = []
    history_has_more: bool = False
    loaded: bool = False
    loading_more: bool = False

    @rx.event
    async def load(self):
        self.loaded = False
        user, redirect = await pass_gate(self, routes.LIBRARY)
        if user is None:
            if redirect is not None:
                yield redirect
            return
        view, self.purchased = await asyncio.to_thread(_read, user.id)
        self.following, self.favourites = view.following, view.favourites
        self.continue_items = view.continue_watching
        self.history, self.history_has_more = view.history.items, view.history.has_more
        self.loaded = True

    @rx.event
    async def more_history(self):
        user = await require_user(self)
        if not self.history_has_more or self.loading_more:
            return
        self.loading_more = True
        yield
        page = await asyncio.to_thread(_history, user.id, len(self.history))
        self.history = self.history + page.items
        self.history_has_more = page.has_more
        self.loading_more = False
