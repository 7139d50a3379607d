"""Home page state: the catalogue rails, read from the database on page load."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content.queries import home_view
from microshort.content.rails import continue_watching
from microshort.content.schemas import ContinueItem, GenreRail, HomeView, SeriesCard
from microshort.db import session_scope
from microshort.ui.state.session_state import current_user


def _read_home(user_id: int | None) -> tuple[HomeView, list[ContinueItem]]:
    with session_scope() as session:
        view = home_view(session)
        return view, (continue_watching(session, user_id) if user_id is not None else [])


class HomeState(rx.State):
    featured: list[SeriesCard] = []
    trending: list[SeriesCard] = []
    new: list[SeriesCard] = []
    genres: list[GenreRail] = []
    continue_items: list[ContinueItem] = []
    loaded: bool = False

    @rx.event
    async def load(self) -> None:
        user = await current_user(self)
        view, resume = await asyncio.to_thread(_read_home, user.id if user else None)
        self.featured = view.featured
        self.trending = view.trending
        self.new = view.new
        self.genres = view.genres
        self.continue_items = resume
        self.loaded = True
