"""Home page state: the catalogue rails, read from the database on page load."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content.queries import home_view
from microshort.content.rails import continue_watching
from microshort.content.schemas import ContinueItem, GenreRail, HomeView, SeriesCard
from microshort.db import session_scope
from microshort.ui.state.session_state import current_user

HERO_SLIDES = 3  # the first featured series rotate in the hero; the Featured rail has the rest


def _read_home(user_id: int | None) -> tuple[HomeView, list[ContinueItem]]:
    with session_scope() as session:
        view = home_view(session)
        return view, (continue_watching(session, user_id) if user_id is not None else [])


class HomeState(rx.State):
    hero: list[SeriesCard] = []
    hero_index: int = 0
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
        self.hero = view.featured[:HERO_SLIDES]
        self.hero_index = 0
        self.featured = view.featured[HERO_SLIDES:]
        self.trending = view.trending
        self.new = view.new
        self.genres = view.genres
        self.continue_items = resume
        self.loaded = True

    @rx.event
    def show_slide(self, index: int) -> None:
        if self.hero:
            self.hero_index = max(0, min(int(index), len(self.hero) - 1))

    @rx.event
    def next_slide(self) -> None:
        if self.hero:
            self.hero_index = (self.hero_index + 1) % len(self.hero)

    @rx.event
    def previous_slide(self) -> None:
        if self.hero:
            self.hero_index = (self.hero_index - 1) % len(self.hero)
