"""Series page state: one series with its seasons and episodes."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content.queries import series_detail
from microshort.content.schemas import SeasonItem, SeriesDetail
from microshort.db import session_scope
from microshort.ui import routes
from microshort.ui.pages.series.social_state import SeriesSocialState
from microshort.ui.state.session_state import current_user


def _read_series(slug: str, creator_id: int | None) -> SeriesDetail | None:
    with session_scope() as session:
        return series_detail(session, slug, preview_for_creator=creator_id)


class SeriesState(rx.State):
    series: SeriesDetail | None = None
    seasons: list[SeasonItem] = []
    selected_season: str = "1"
    loaded: bool = False
    missing: bool = False

    @rx.event
    async def load(self):
        self.loaded = False
        slug = routes.slug_from_path(self.router.url.path, routes.SERIES)
        user = await current_user(self)
        creator_id = user.creator_profile_id if user and user.is_creator else None
        detail = await asyncio.to_thread(_read_series, slug, creator_id) if slug else None
        self.series = detail
        self.seasons = detail.seasons if detail else []
        self.selected_season = "1"
        self.missing = detail is None
        self.loaded = True
        if detail is not None and not detail.preview:
            return SeriesSocialState.load  # follow state and "More from this creator"
        return None

    @rx.event
    def select_season(self, value: str) -> None:
        self.selected_season = value
