"""Genre page state: a page of a genre's series, more on "Load more"."""

from __future__ import annotations

import asyncio
from urllib.parse import unquote

import reflex as rx

from microshort.content import page_titles
from microshort.content.browse import GENRE_PAGE, genre_page
from microshort.content.schemas import GenrePage, SeriesCard
from microshort.db import session_scope
from microshort.ui import routes


def _read(key: str, offset: int) -> GenrePage:
    with session_scope() as session:
        return genre_page(session, key, limit=GENRE_PAGE, offset=offset)


class GenreState(rx.State):
    key: str = ""  # from the address, lower-case
    genre: str = ""  # as the catalogue spells it
    series: list[SeriesCard] = []
    has_more: bool = False
    next_offset: int = 0
    loaded: bool = False
    loading_more: bool = False

    @rx.var
    def title(self) -> str:
        return self.genre or self.key.title()

    @rx.var
    def page_title(self) -> str:
        """The document title the server's first HTML carries too."""
        if self.genre:
            return page_titles.genre_title(self.genre)
        return page_titles.NOT_FOUND if self.loaded else page_titles.LOADING

    @rx.event
    async def load(self) -> None:
        self.loaded = False
        self.key = unquote(routes.slug_from_path(self.router.url.path, routes.GENRE)).lower()
        found = await asyncio.to_thread(_read, self.key, 0)
        self.genre = found.genre
        self.series = found.page.series
        self.has_more, self.next_offset = found.page.has_more, found.page.next_offset
        self.loaded = True

    @rx.event
    async def load_more(self):
        if not self.has_more or self.loading_more:
            return
        self.loading_more = True
        yield
        found = await asyncio.to_thread(_read, self.key, self.next_offset)
        self.series = self.series + found.page.series
        self.has_more, self.next_offset = found.page.has_more, found.page.next_offset
        self.loading_more = False
