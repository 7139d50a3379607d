"""Creator page state: the public profile and published series of one creator."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content import page_titles
from microshort.content.browse import creator_page
from microshort.content.schemas import CreatorPage, SeriesCard
from microshort.db import session_scope
from microshort.ui import routes


def _read(slug: str) -> CreatorPage | None:
    with session_scope() as session:
        return creator_page(session, slug)


class CreatorState(rx.State):
    creator: CreatorPage | None = None
    series: list[SeriesCard] = []
    links: list[str] = []
    loaded: bool = False
    missing: bool = False

    @rx.var
    def page_title(self) -> str:
        """The document title the server's first HTML carries too."""
        if self.creator is not None:
            return page_titles.creator_title(self.creator.display_name)
        return page_titles.NOT_FOUND if self.missing else page_titles.LOADING

    @rx.event
    async def load(self) -> None:
        self.loaded = False
        slug = routes.slug_from_path(self.router.url.path, routes.CREATOR)
        found = await asyncio.to_thread(_read, slug) if slug else None
        self.creator = found
        self.series = found.series if found else []
        self.links = found.links if found else []
        self.missing = found is None
        self.loaded = True
