"""Home page state: the catalogue rails, read from the database on page load."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content.queries import home_view
from microshort.content.schemas import GenreRail, HomeView, SeriesCard
from microshort.db import session_scope


def _read_home() -> HomeView:
    with session_scope() as session:
        return home_view(session)


class HomeState(rx.State):
    featured: list[SeriesCard] = []
    new: list[SeriesCard] = []
    genres: list[GenreRail] = []
    loaded: bool = False

    @rx.event
    async def load(self) -> None:
        view = await asyncio.to_thread(_read_home)
        self.featured = view.featured
        self.new = view.new
        self.genres = view.genres
        self.loaded = True
